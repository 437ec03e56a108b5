//! The fonts a PDF embeds: each face the pages use, cut down to the glyphs
//! drawn in it ([`crate::render::subset`]), as a Type 0 font with Identity-H codes, widths
//! and a ToUnicode map. A CID-keyed CFF (Noto CJK) is embedded as its bare
//! CFF table and addressed by the CIDs of its charset, which every viewer
//! family resolves alike.

use super::error::PdfError;
use crate::fonts::{FontBook, MissingGlyph};
use crate::render::subset::{Subset, SubsetError, SubsetProfile, subset_face};
use fontdb::ID;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One embedded face: how its characters are written in a content stream.
pub struct Embedded {
    /// The Type 0 font's object.
    pub font: ObjectId,
    /// Each character's two-byte code; None for a blank the face has no
    /// glyph for (drawn as a gap of one em, as it was measured).
    pub codes: BTreeMap<char, Option<u16>>,
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// The subset tag of the `n`th font (from 1): `GKAAAB`, `GKAAAC` …, six
/// capitals as readers expect, fixed so output is the same every run.
fn tag(n: usize) -> String {
    format!("GK{n:04}")
        .bytes()
        .map(|b| match b {
            b'0'..=b'9' => (b'A' + (b - b'0')) as char,
            _ => b as char,
        })
        .collect()
}

/// The CFF table of a CID-keyed OpenType program, and the CID its charset
/// gives each glyph. Under Identity-H a content stream's codes are CIDs; a
/// TrueType or name-keyed CFF face is addressed by glyph ids (None), but a
/// CID-keyed one is resolved through its charset, which is not the identity
/// in real fonts. Embedded bare (`CIDFontType0C`), FreeType-based viewers
/// (poppler, PDFium) resolve it through the charset as Acrobat does; wrapped
/// in its OpenType file they would take the codes as glyph ids.
struct CidKeyed {
    table: Vec<u8>,
    cids: BTreeMap<u16, u16>,
}

fn cid_keyed_cff(program: &[u8]) -> Option<CidKeyed> {
    use allsorts::binary::read::ReadScope;
    use allsorts::cff::CFF;
    use allsorts::font_data::FontData;
    use allsorts::tables::FontTableProvider;
    if !program.starts_with(b"OTTO") {
        return None;
    }
    let file = ReadScope::new(program).read::<FontData<'_>>().ok()?;
    let provider = file.table_provider(0).ok()?;
    let table = provider.read_table_data(allsorts::tag::CFF).ok()?;
    let cff = ReadScope::new(&table).read::<CFF<'_>>().ok()?;
    let font = cff.fonts.first().filter(|f| f.is_cid_keyed())?;
    let glyphs = u16::try_from(font.char_strings_index.len()).ok()?;
    let cids = (0..glyphs)
        .filter_map(|gid| Some((gid, font.charset.id_for_glyph(gid)?)))
        .collect();
    Some(CidKeyed {
        table: table.into_owned(),
        cids,
    })
}

/// A face cut down to the characters a PDF uses: the costly part of
/// embedding it, which needs no PDF and so runs for all faces at once.
pub struct Cut {
    data: crate::fonts::Bytes,
    index: u32,
    subset: Subset,
    cid_keyed: Option<CidKeyed>,
}

/// Cuts face `id` down to `chars`.
pub fn cut(book: &FontBook, id: ID, chars: &BTreeSet<char>) -> Result<Cut, PdfError> {
    let (data, index) = book.face_data(id).ok_or(PdfError::FontData)?;
    let subset =
        subset_face((*data).as_ref(), index, chars, SubsetProfile::Pdf).map_err(|e| match e {
            SubsetError::Missing(ch) => PdfError::MissingGlyph(MissingGlyph {
                ch,
                place: "PDF".to_string(),
            }),
            SubsetError::Unreadable | SubsetError::Failed(_) => PdfError::FontData,
        })?;
    let cid_keyed = cid_keyed_cff(&subset.bytes);
    Ok(Cut {
        data,
        index,
        subset,
        cid_keyed,
    })
}

/// Embeds face `id`, cut down to the characters `chars`, as the `n`th font;
/// its program's stream is given back with the number kept for it, to be
/// deflated (see `Painter::paint`) and then added.
pub fn embed(
    pdf: &mut Document,
    book: &FontBook,
    id: ID,
    cut: Cut,
    chars: &BTreeSet<char>,
    n: usize,
) -> Result<(Embedded, (ObjectId, Stream)), PdfError> {
    let Cut {
        data,
        index,
        subset:
            Subset {
                bytes: program,
                ids,
                glyph_of,
            },
        cid_keyed,
    } = cut;
    let data: &[u8] = (*data).as_ref();
    let face = ttf_parser::Face::parse(data, index).map_err(|_| PdfError::FontData)?;
    let code_of = |gid: u16| -> u16 {
        // ids ascend (0, then the rest in order).
        let new = ids.binary_search(&gid).unwrap_or(0) as u16;
        cid_keyed
            .as_ref()
            .and_then(|c| c.cids.get(&new).copied())
            .unwrap_or(new)
    };
    let upem = f32::from(face.units_per_em().max(1));
    let scale = |v: f32| (v * 1000.0 / upem).round() as i64;
    let mut widths = BTreeMap::new();
    let mut unicode = BTreeMap::new();
    let mut codes = BTreeMap::new();
    for &ch in chars {
        let Some(&gid) = glyph_of.get(&ch) else {
            codes.insert(ch, None);
            continue;
        };
        let code = code_of(gid);
        let advance = face
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0);
        widths.insert(code, scale(f32::from(advance)));
        unicode.entry(code).or_insert(ch);
        codes.insert(ch, Some(code));
    }
    let base = format!(
        "{}+{}",
        tag(n),
        book.postscript_name(id)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("F{n}"))
    );
    let (subtype, file_key, file) = match cid_keyed.map(|c| c.table) {
        Some(cff) => (
            "CIDFontType0",
            "FontFile3",
            Stream::new(
                Dictionary::from_iter([("Subtype", name("CIDFontType0C"))]),
                cff,
            ),
        ),
        None if program.starts_with(b"OTTO") => (
            "CIDFontType0",
            "FontFile3",
            Stream::new(
                Dictionary::from_iter([("Subtype", name("OpenType"))]),
                program,
            ),
        ),
        None => {
            let length = program.len() as i64;
            (
                "CIDFontType2",
                "FontFile2",
                Stream::new(Dictionary::from_iter([("Length1", length.into())]), program),
            )
        }
    };
    let program = (pdf.new_object_id(), file);
    let file = program.0;
    let descriptor = pdf.add_object(descriptor(&face, &base, scale, file_key, file));
    let mut cid_font = Dictionary::from_iter([
        ("Type", name("Font")),
        ("Subtype", name(subtype)),
        ("BaseFont", name(&base)),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter([
                (
                    "Registry",
                    Object::String(b"Adobe".to_vec(), StringFormat::Literal),
                ),
                (
                    "Ordering",
                    Object::String(b"Identity".to_vec(), StringFormat::Literal),
                ),
                ("Supplement", 0.into()),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("W", Object::Array(width_array(&widths))),
        ("DW", 1000.into()),
    ]);
    if subtype == "CIDFontType2" {
        cid_font.set("CIDToGIDMap", name("Identity"));
    }
    let to_unicode = pdf.add_object(Stream::new(
        Dictionary::new(),
        to_unicode_cmap(&unicode).into_bytes(),
    ));
    let font = pdf.add_object(Dictionary::from_iter([
        ("Type", name("Font")),
        ("Subtype", name("Type0")),
        ("BaseFont", name(&base)),
        ("Encoding", name("Identity-H")),
        ("ToUnicode", Object::Reference(to_unicode)),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(cid_font)]),
        ),
    ]));
    Ok((Embedded { font, codes }, program))
}

/// The descriptor's metrics in thousandths of an em.
fn descriptor(
    face: &ttf_parser::Face,
    base: &str,
    scale: impl Fn(f32) -> i64,
    file_key: &str,
    file: ObjectId,
) -> Dictionary {
    let bbox = face.global_bounding_box();
    let italic = face.italic_angle().round() as i64;
    let weight = f32::from(face.weight().to_number());
    // No table gives the stem width: estimated from the weight, as
    // producers do (about 88 at 400, 166 at 700).
    let stem_v = 50 + (weight / 65.0).powi(2).round() as i64;
    let ascent = scale(f32::from(face.ascender()));
    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    Dictionary::from_iter([
        ("Type", name("FontDescriptor")),
        ("FontName", name(base)),
        ("Ascent", ascent.into()),
        ("Descent", scale(f32::from(face.descender())).into()),
        (
            "CapHeight",
            face.capital_height()
                .map(|c| scale(f32::from(c)))
                .unwrap_or(ascent)
                .into(),
        ),
        ("ItalicAngle", italic.into()),
        (
            "Flags",
            (NONSYMBOLIC | if italic != 0 { ITALIC } else { 0 }).into(),
        ),
        ("StemV", stem_v.into()),
        (
            "FontBBox",
            Object::Array(
                [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
                    .iter()
                    .map(|v| scale(f32::from(*v)).into())
                    .collect(),
            ),
        ),
        (file_key, Object::Reference(file)),
    ])
}

/// `/W`: runs of consecutive codes, each `first [w …]`.
fn width_array(widths: &BTreeMap<u16, i64>) -> Vec<Object> {
    let mut out = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut start: Option<u16> = None;
    let mut last = 0u16;
    for (&code, &w) in widths {
        if start.is_some() && code == last.wrapping_add(1) {
            run.push(w.into());
        } else {
            if let Some(s) = start {
                out.push(i64::from(s).into());
                out.push(Object::Array(std::mem::take(&mut run)));
            }
            start = Some(code);
            run.push(w.into());
        }
        last = code;
    }
    if let Some(s) = start {
        out.push(i64::from(s).into());
        out.push(Object::Array(run));
    }
    out
}

/// The ToUnicode CMap: each code to its character (UTF-16BE).
fn to_unicode_cmap(unicode: &BTreeMap<u16, char>) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let pairs: Vec<(&u16, &char)> = unicode.iter().collect();
    // At most 100 entries per block (PDF reference, 5.9.2).
    for block in pairs.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", block.len());
        for (code, ch) in block {
            let mut units = [0u16; 2];
            let hex: String = ch
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(s, "<{code:04X}> <{hex}>");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_run_over_consecutive_codes() {
        let w = BTreeMap::from([(1, 500), (2, 1000), (5, 250)]);
        let a = width_array(&w);
        assert_eq!(a.len(), 4);
        assert_eq!(a[0], Object::Integer(1));
        assert_eq!(a[1], Object::Array(vec![500.into(), 1000.into()]));
        assert_eq!(a[2], Object::Integer(5));
    }

    #[test]
    fn subset_tags_are_six_capitals() {
        assert_eq!(tag(1), "GKAAAB");
        assert_eq!(tag(12), "GKAABC");
    }

    #[test]
    fn the_cmap_maps_codes_to_utf16() {
        let m = to_unicode_cmap(&BTreeMap::from([(7, '财'), (9, '𠀀')]));
        assert!(m.contains("<0007> <8D22>"), "{m}");
        assert!(m.contains("<0009> <D840DC00>"), "{m}");
    }
}
