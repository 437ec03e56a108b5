//! The fonts an OFD embeds: each face the pages use, cut down to the
//! characters drawn in it. A subset stays a complete OpenType file (name,
//! OS/2 and a Unicode cmap kept): OFD readers look characters up through
//! the font's own cmap, where PDF goes through glyph ids.

use super::{Ids, OfdError};
use crate::fonts::FontBook;
use crate::render::typeset::Page;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use fontdb::ID;
use std::collections::{BTreeMap, BTreeSet};

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
        let parsed = ttf_parser::Face::parse(data, index).map_err(|_| OfdError::FontData)?;
        // Glyph 0 (.notdef) first, as the subsetter requires; then the
        // glyphs in id order, so the subset does not depend on hashing.
        let mut glyphs = BTreeSet::new();
        for ch in &chars {
            match parsed.glyph_index(*ch) {
                Some(g) => {
                    glyphs.insert(g.0);
                }
                // Whitespace is positioned, not drawn.
                None if ch.is_whitespace() => {}
                None => {
                    return Err(OfdError::MissingGlyph {
                        ch: *ch,
                        family: info.family.clone(),
                    });
                }
            }
        }
        let ids: Vec<u16> = std::iter::once(0)
            .chain(glyphs.into_iter().filter(|g| *g != 0))
            .collect();
        let failed = |reason: String| OfdError::Subset {
            family: info.family.clone(),
            reason,
        };
        let scope = ReadScope::new(data);
        let file = scope
            .read::<FontData<'_>>()
            .map_err(|e| failed(e.to_string()))?;
        let provider = file
            .table_provider(index as usize)
            .map_err(|e| failed(e.to_string()))?;
        let bytes = subset(
            &provider,
            &ids,
            &SubsetProfile::Minimal,
            CmapTarget::Unicode,
        )
        .map_err(|e| failed(e.to_string()))?;
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
