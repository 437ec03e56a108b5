//! The fonts an OFD embeds: each face the pages use, cut down to the
//! characters drawn in it. A subset stays a complete OpenType file (name,
//! OS/2 and a Unicode cmap kept): OFD readers look characters up through
//! the font's own cmap, where PDF goes through glyph ids.

use super::error::OfdError;
use super::ids::Ids;
use crate::fonts::FontBook;
use crate::render::subset::{SubsetError, SubsetProfile, subset_face};
use crate::render::typeset::Page;
use fontdb::ID;
use std::collections::BTreeMap;

pub struct Embedded {
    /// The face as the typesetter chose it.
    pub face: ID,
    /// Its object ID in the document.
    pub id: u32,
    pub name: String,
    pub family: String,
    pub bold: bool,
    /// File name under the document's resource folder.
    pub file: String,
    pub bytes: Vec<u8>,
}

/// Subsets every used face, each given the next object ID.
pub fn embed(
    pages: &[Page],
    book: &FontBook,
    unit_ids: &mut Ids,
) -> Result<Vec<Embedded>, OfdError> {
    let mut out = Vec::new();
    for (face, chars) in crate::render::typeset::faces_used(pages) {
        let info = book.face(face).ok_or(OfdError::FontData)?;
        let (data, index) = book.face_data(face).ok_or(OfdError::FontData)?;
        let data: &[u8] = (*data).as_ref();
        let bytes = subset_face(data, index, &chars, SubsetProfile::Minimal)
            .map_err(|e| match e {
                SubsetError::Unreadable => OfdError::FontData,
                SubsetError::Missing(ch) => OfdError::MissingGlyph {
                    ch,
                    family: info.family.clone(),
                },
                SubsetError::Failed(reason) => OfdError::Subset {
                    family: info.family.clone(),
                    reason,
                },
            })?
            .bytes;
        let id = unit_ids.next()?;
        let name = book
            .postscript_name(face)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| info.family.clone());
        out.push(Embedded {
            face,
            id,
            name,
            family: info.family,
            bold: info.bold,
            file: format!("font_{id}.otf"),
            bytes,
        });
    }
    Ok(out)
}

/// Object ID of each face.
pub fn ids(fonts: &[Embedded]) -> BTreeMap<ID, u32> {
    fonts.iter().map(|f| (f.face, f.id)).collect()
}
