//! Measuring Chinese text: glyph advances from the fonts, per-character font
//! fallback, and the punctuation classes of GB/T 15834 that line breaking
//! and justification need.

use crate::fonts::{Face, FontBook, MissingGlyph};
use fontdb::ID;
use rustc_hash::FxHashMap as HashMap;

/// Never at the start of a line.
pub const NO_START: &str = "，。、；：？！）》」』】〕〉’”…—%‰·．,.;:?!)]}％";
/// Never at the end of a line.
pub const NO_END: &str = "（《「『【〔〈‘“([{";
/// Full-width marks whose glyph is half ink, half blank: they may be set
/// half-width where two meet, at a line's end, or to fit a line.
pub(super) const HALF_BLANK: &str = "，。、；：？！（）《》「」『』【】〔〕〈〉“”‘’";

/// Whether `c` is one of `marks`, a set of punctuation and symbols (never
/// a Han character: a test holds the sets to it). A Han character, most of
/// any text, is told at once instead of by searching the set, once or
/// twice per glyph for every width a table is tried at.
pub fn is_one_of(marks: &str, c: char) -> bool {
    !crate::chars::is_han(c) && marks.contains(c)
}

/// One face's metrics.
#[derive(Clone)]
struct FaceMetrics {
    /// None when the face cannot be read: every advance is then one em.
    data: Option<crate::fonts::Bytes>,
    index: u32,
    upem: f32,
    advances: HashMap<char, f32>,
    /// Per mark, the share of its blank that lies before its ink.
    leads: HashMap<char, f32>,
}

impl FaceMetrics {
    /// `f` of the face and the character's glyph, when the face has both.
    fn with_glyph<T>(
        &self,
        ch: char,
        f: impl FnOnce(&ttf_parser::Face, ttf_parser::GlyphId) -> Option<T>,
    ) -> Option<T> {
        let data = self.data.as_ref()?;
        let face = ttf_parser::Face::parse((**data).as_ref(), self.index).ok()?;
        let gid = face.glyph_index(ch)?;
        f(&face, gid)
    }

    /// The character's advance in font units. A whole face is parsed for
    /// [`Self::with_glyph`], and a CFF face's parse reads its charset: per
    /// character that cost more than the measuring. An advance needs only
    /// the metrics and the cmap, so only those are read, unless the face is
    /// variable (its advances may need the variation tables as well).
    fn advance_units(&self, ch: char) -> Option<u16> {
        let data = self.data.as_ref()?;
        let raw = ttf_parser::RawFace::parse((**data).as_ref(), self.index).ok()?;
        let table = |tag: &[u8; 4]| raw.table(ttf_parser::Tag::from_bytes(tag));
        if table(b"fvar").is_some() {
            return self.with_glyph(ch, |f, gid| f.glyph_hor_advance(gid));
        }
        let face = ttf_parser::Face::from_raw_tables(ttf_parser::RawFaceTables {
            head: table(b"head")?,
            hhea: table(b"hhea")?,
            maxp: table(b"maxp")?,
            cmap: table(b"cmap"),
            hmtx: table(b"hmtx"),
            ..Default::default()
        })
        .ok()?;
        face.glyph_hor_advance(face.glyph_index(ch)?)
    }
}

/// Measures text with the fonts of a [`FontBook`]. A copy keeps the
/// metrics looked up so far.
#[derive(Clone)]
pub struct Measure<'b> {
    pub book: &'b FontBook,
    faces: HashMap<ID, FaceMetrics>,
}

/// A styled piece of text to be set.
#[derive(Debug, Clone)]
pub struct Span<'a> {
    pub text: &'a str,
    pub bold: bool,
}

/// One character, shaped: its face and natural advance, and how much it
/// may give or take when a line is fitted.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub ch: char,
    pub face: ID,
    pub bold: bool,
    pub size: f32,
    /// Advance in points, with the compression of a following mark applied.
    pub advance: f32,
    /// That compression: how much narrower than the font's advance it is set.
    pub squeeze: f32,
    /// How much more it may be compressed to fit a line (points).
    pub shrink: f32,
    /// The share of any compression taken from before the glyph (0 to 1):
    /// an opening mark's ink sits in the right of its em, so trimming its
    /// right side would set the next character over it.
    pub lead: f32,
}

impl Glyph {
    pub fn wide(&self) -> bool {
        is_wide(self.ch)
    }
}

/// A full-width character (Han, kana, full-width punctuation).
pub fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width_cjk(c) == Some(2)
}

/// The fonts a piece of text is set in: regular and bold chains.
#[derive(Clone)]
pub struct Style<'f> {
    pub regular: Vec<&'f Face>,
    pub bold: Vec<&'f Face>,
    pub size: f32,
    /// Draw bold by stroking when the bold face is the regular one.
    pub fake_bold: bool,
}

impl<'b> Measure<'b> {
    pub fn new(book: &'b FontBook) -> Measure<'b> {
        Measure {
            book,
            faces: HashMap::default(),
        }
    }

    fn metrics(&mut self, id: ID) -> &mut FaceMetrics {
        let book = self.book;
        self.faces.entry(id).or_insert_with(|| {
            let (data, index) = book.face_data(id).unzip();
            let index = index.unwrap_or(0);
            let upem = data
                .as_ref()
                .and_then(|d| ttf_parser::Face::parse((**d).as_ref(), index).ok())
                .map(|f| f.units_per_em() as f32)
                .unwrap_or(1000.0);
            FaceMetrics {
                data,
                index,
                upem,
                advances: HashMap::default(),
                leads: HashMap::default(),
            }
        })
    }

    /// Advance of one character in em.
    pub fn advance(&mut self, id: ID, ch: char) -> f32 {
        let m = self.metrics(id);
        if let Some(a) = m.advances.get(&ch) {
            return *a;
        }
        let a = m
            .advance_units(ch)
            .map(|adv| adv as f32 / m.upem)
            .unwrap_or(1.0);
        m.advances.insert(ch, a);
        a
    }

    /// Where a half-blank mark's blank lies, from its ink box in the face:
    /// 0 when the blank is after the ink (a comma, a closing bracket), 1
    /// when before it (an opening bracket), ½ when the ink is centred. A
    /// face that cannot say gives the marks' usual sides (GB/T 15834).
    /// Whole shares, not the exact proportion: a closing mark trimmed even
    /// a little on its left comes within half an em of the glyph before
    /// it, and pdftotext (which public checkers read with) breaks the line
    /// there.
    pub fn lead(&mut self, id: ID, ch: char) -> f32 {
        let m = self.metrics(id);
        if let Some(l) = m.leads.get(&ch) {
            return *l;
        }
        let sides = m.with_glyph(ch, |f, gid| {
            let advance = f32::from(f.glyph_hor_advance(gid)?);
            let ink = f.glyph_bounding_box(gid)?;
            let before = f32::from(ink.x_min).max(0.0);
            let after = (advance - f32::from(ink.x_max)).max(0.0);
            Some((before, after))
        });
        let l = match sides {
            Some((before, after)) if before > 2.0 * after => 1.0,
            Some((before, after)) if after > 2.0 * before => 0.0,
            Some(_) => 0.5,
            None if NO_END.contains(ch) => 1.0,
            None => 0.0,
        };
        m.leads.insert(ch, l);
        l
    }

    /// Shapes spans into glyphs: a face per character from the style's
    /// chain, and two full-width marks that meet set as one and a half.
    pub fn glyphs(&mut self, spans: &[Span], style: &Style) -> Vec<Glyph> {
        let chars: Vec<(char, bool)> = spans
            .iter()
            .flat_map(|s| s.text.chars().map(move |c| (c, s.bold)))
            .collect();
        let mut out = Vec::with_capacity(chars.len());
        for (i, &(ch, bold)) in chars.iter().enumerate() {
            let chain = if bold { &style.bold } else { &style.regular };
            let face = self
                .book
                .face_for(chain, ch)
                .unwrap_or_else(|| chain.first().map(|f| f.id).unwrap_or_else(ID::dummy));
            let half = is_one_of(HALF_BLANK, ch);
            let paired = half
                && chars
                    .get(i + 1)
                    .is_some_and(|(n, _)| is_one_of(HALF_BLANK, *n));
            let squeeze = if paired { 0.5 * style.size } else { 0.0 };
            let advance = self.advance(face, ch) * style.size - squeeze;
            out.push(Glyph {
                ch,
                face,
                bold,
                size: style.size,
                advance,
                squeeze,
                shrink: if half && !paired {
                    0.5 * style.size
                } else {
                    0.0
                },
                lead: if half { self.lead(face, ch) } else { 0.0 },
            });
        }
        out
    }

    /// Width of a text in points, as set without adjustment.
    pub fn width(&mut self, text: &str, style: &Style, bold: bool) -> f32 {
        self.glyphs(&[Span { text, bold }], style)
            .iter()
            .map(|g| g.advance)
            .sum()
    }

    /// Checks that every character can be drawn in the style's chains.
    pub fn check(&self, text: &str, style: &Style, place: &str) -> Result<(), MissingGlyph> {
        self.book.check(&style.regular, text, place)
    }
}
