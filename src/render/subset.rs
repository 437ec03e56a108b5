//! A face cut down to the characters a document draws (allsorts), for the
//! painters that embed fonts (PDF, OFD). Glyph 0 (.notdef) comes first, as
//! the subsetter requires, then the glyphs in id order, so the subset does
//! not depend on hashing.

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
pub use allsorts::subset::SubsetProfile;
use allsorts::subset::{CmapTarget, subset};
use std::collections::{BTreeMap, BTreeSet};

pub struct Subset {
    /// The subset font file.
    pub bytes: Vec<u8>,
    /// The original glyph ids in subset order: the subset's glyph i is
    /// `ids[i]`, and they ascend.
    pub ids: Vec<u16>,
    /// Each character's original glyph; a blank the face has no glyph for
    /// is left out (it is positioned, not drawn).
    pub glyph_of: BTreeMap<char, u16>,
}

/// Why a face could not be subset.
#[derive(Debug)]
pub enum SubsetError {
    /// The face's bytes do not parse.
    Unreadable,
    /// The face has no glyph for this character.
    Missing(char),
    /// The subsetter failed, for this reason.
    Failed(String),
}

/// Subsets the face at `index` of `data` to `chars`.
pub fn subset_face(
    data: &[u8],
    index: u32,
    chars: &BTreeSet<char>,
    profile: SubsetProfile,
) -> Result<Subset, SubsetError> {
    let face = ttf_parser::Face::parse(data, index).map_err(|_| SubsetError::Unreadable)?;
    let mut glyph_of = BTreeMap::new();
    for &ch in chars {
        match face.glyph_index(ch) {
            Some(g) => {
                glyph_of.insert(ch, g.0);
            }
            None if ch.is_whitespace() => {}
            None => return Err(SubsetError::Missing(ch)),
        }
    }
    let used: BTreeSet<u16> = glyph_of.values().copied().filter(|g| *g != 0).collect();
    let ids: Vec<u16> = std::iter::once(0).chain(used).collect();
    let failed = |e: &dyn std::fmt::Display| SubsetError::Failed(e.to_string());
    let file = ReadScope::new(data)
        .read::<FontData<'_>>()
        .map_err(|e| failed(&e))?;
    let provider = file
        .table_provider(index as usize)
        .map_err(|e| failed(&e))?;
    let bytes = subset(&provider, &ids, &profile, CmapTarget::Unicode).map_err(|e| failed(&e))?;
    Ok(Subset {
        bytes,
        ids,
        glyph_of,
    })
}
