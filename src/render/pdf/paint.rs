//! Drawing: laid-out pages to PDF objects with lopdf — fonts embedded as
//! subsets ([`super::embed`]), then one content stream per page: text runs
//! (compressed marks as `TJ` offsets, stretched lines inside their
//! ActualText), rules and fills. Font resource names are fixed (F1, F2 …)
//! so output is the same every run.

use super::deflate::deflate;
use super::embed::{Embedded, cut, embed};
use crate::fonts::FontBook;
use crate::render::typeset::{
    self, FAKE_BOLD_STROKE, Item, Page, Run, WATERMARK_ANGLE, WATERMARK_GREY,
};
use lopdf::{Dictionary, Document, Object, Stream};
use std::collections::BTreeMap;
use std::io::Write;

/// A PDF being drawn page by page: the fonts first (the faces and
/// characters every page will use), then each page's content stream,
/// deflated as it is made, so a long document's pages are not held.
pub struct Painter {
    pdf: Document,
    fonts: BTreeMap<fontdb::ID, (String, Embedded)>,
    resources: lopdf::ObjectId,
    tree: lopdf::ObjectId,
    kids: Vec<Object>,
    /// Content streams not yet deflated: a few pages' worth, deflated
    /// together in parallel.
    pending: Vec<(lopdf::ObjectId, Stream)>,
    /// The fonts' programs, out of the document until [`Painter::paint`]
    /// has deflated them.
    programs: Vec<(lopdf::ObjectId, Stream)>,
}

/// Pages whose content is deflated together: few, so that what is left
/// when the last page is painted is deflated quickly (with 16 it was a
/// sixth of the PDF's time after the layout).
const DEFLATE_BATCH: usize = 4;

impl Painter {
    pub fn new(
        book: &FontBook,
        faces: &typeset::FacesUsed,
    ) -> Result<Painter, super::error::PdfError> {
        let mut pdf = Document::with_version("1.7");
        let mut fonts = BTreeMap::new();
        let mut resources = Dictionary::new();
        // Cutting the faces down is most of the work and needs no PDF: all
        // at once, then each embedded in order (the first failure is said).
        // The face with the most characters (the body's) takes longest: it
        // is started first, so that the others are cut beside it rather
        // than it after them.
        let cuts = {
            use rayon::prelude::*;
            let mut order: Vec<usize> = (0..faces.len()).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(faces[i].1.len()));
            let mut cuts: Vec<(usize, _)> = order
                .into_par_iter()
                .with_max_len(1)
                .map(|i| (i, cut(book, faces[i].0, &faces[i].1)))
                .collect();
            cuts.sort_by_key(|(i, _)| *i);
            cuts.into_iter().map(|(_, cut)| cut)
        };
        let mut programs = Vec::new();
        for (i, ((face, chars), cut)) in faces.iter().zip(cuts).enumerate() {
            let (embedded, program) = embed(&mut pdf, book, *face, cut?, chars, i + 1)?;
            let key = format!("F{}", i + 1);
            resources.set(key.as_bytes(), Object::Reference(embedded.font));
            fonts.insert(*face, (key, embedded));
            programs.push(program);
        }
        let resources = pdf.add_object(Dictionary::from_iter([(
            "Font",
            Object::Dictionary(resources),
        )]));
        let tree = pdf.new_object_id();
        Ok(Painter {
            pdf,
            fonts,
            resources,
            tree,
            kids: Vec::new(),
            pending: Vec::new(),
            programs,
        })
    }

    /// Paints the pages `feed` hands over while the fonts' programs, most
    /// of what a document deflates (a body face's subset alone takes as
    /// long as a short document's pages), are deflated on the other core.
    /// The bytes are the finishing pass's: a deflated stream is left be.
    pub fn paint(&mut self, feed: impl FnOnce(&mut dyn FnMut(Page)) + Send) {
        let mut programs = std::mem::take(&mut self.programs);
        rayon::join(
            || feed(&mut |p| self.page(p)),
            || deflate_each(&mut programs),
        );
        for (id, s) in programs {
            self.pdf.objects.insert(id, Object::Stream(s));
        }
    }

    /// Adds a page; its items go once its content is written.
    fn page(&mut self, p: Page) {
        let id = self.pdf.new_object_id();
        let stream = Stream::new(Dictionary::new(), content(&p, &self.fonts));
        self.pending.push((id, stream));
        if self.pending.len() >= DEFLATE_BATCH {
            self.deflate();
        }
        let page = Dictionary::from_iter([
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(self.tree)),
            (
                "MediaBox",
                Object::Array(vec![
                    0.into(),
                    0.into(),
                    Object::Real(p.width),
                    Object::Real(p.height),
                ]),
            ),
            ("Resources", Object::Reference(self.resources)),
            ("Contents", Object::Reference(id)),
        ]);
        self.kids.push(Object::Reference(self.pdf.add_object(page)));
    }

    /// Deflates the pending content streams, as the finishing pass would
    /// (zlib, best: the same bytes), and adds them.
    fn deflate(&mut self) {
        deflate_each(&mut self.pending);
        for (id, s) in self.pending.drain(..) {
            self.pdf.objects.insert(id, Object::Stream(s));
        }
    }

    /// The page tree and the catalog: the document for the finishing pass.
    pub fn finish(mut self) -> Document {
        self.deflate();
        // Programs still held (`paint` was never called) are put back for
        // the finishing pass to deflate.
        for (id, s) in std::mem::take(&mut self.programs) {
            self.pdf.objects.insert(id, Object::Stream(s));
        }
        let count = self.kids.len() as i64;
        self.pdf.objects.insert(
            self.tree,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(self.kids)),
                ("Count", count.into()),
            ])),
        );
        let catalog = self.pdf.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(self.tree)),
            ("PageLayout", Object::Name(b"OneColumn".to_vec())),
        ]));
        self.pdf.trailer.set("Root", Object::Reference(catalog));
        self.pdf
    }
}

/// Deflates streams in parallel (zlib, best: as the finishing pass would).
fn deflate_each(streams: &mut [(lopdf::ObjectId, Stream)]) {
    use rayon::prelude::*;
    streams.par_iter_mut().for_each(|(_, s)| deflate(s));
}

/// A number as a content stream writes it: at most three decimals, as
/// `{}` writes the f32 nearest them. A page's numbers are written without
/// the formatter (it was a third of the painting): below 8192 an f32's
/// step is under half a thousandth, so the shortest decimal that reads
/// back as that f32, which `{}` writes, is the thousandths themselves.
fn num(out: &mut Vec<u8>, v: f32) {
    let thousandths = (v * 1000.0).round();
    if thousandths.abs() >= 8_192_000.0 || thousandths.is_nan() {
        let r = thousandths / 1000.0;
        let r = if r == 0.0 { 0.0 } else { r };
        let _ = write!(out, "{r}");
        return;
    }
    let k = thousandths as i32;
    if k < 0 {
        out.push(b'-');
    }
    let k = k.unsigned_abs();
    let _ = write!(out, "{}", k / 1000);
    let frac = k % 1000;
    if frac > 0 {
        // Three decimals, less the zeros that end them.
        let decimals = [frac / 100, frac / 10 % 10, frac % 10].map(|d| b'0' + d as u8);
        let zeros = decimals.iter().rev().take_while(|&&d| d == b'0').count();
        out.push(b'.');
        out.extend_from_slice(&decimals[..3 - zeros]);
    }
}

/// Four upper-case hexadecimal digits, as `{:04X}` writes them.
fn hex4(out: &mut Vec<u8>, n: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend([12, 8, 4, 0].map(|shift| HEX[usize::from((n >> shift) & 0xF)]));
}

fn nums(out: &mut Vec<u8>, values: &[f32], op: &str) {
    for v in values {
        num(out, *v);
        out.push(b' ');
    }
    out.extend_from_slice(op.as_bytes());
    out.push(b'\n');
}

/// A PDF text string in hex: UTF-16BE with a byte-order mark.
fn text_string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(b"<FEFF");
    for u in s.encode_utf16() {
        hex4(out, u);
    }
    out.push(b'>');
}

fn content(p: &Page, fonts: &BTreeMap<fontdb::ID, (String, Embedded)>) -> Vec<u8> {
    let mut out = Vec::new();
    for item in &p.items {
        match item {
            Item::Text {
                x,
                y,
                run,
                fake_bold,
                watermark,
            } => {
                let Some((key, font)) = fonts.get(&run.face) else {
                    continue;
                };
                out.extend_from_slice(b"q\nBT\n/");
                out.extend_from_slice(key.as_bytes());
                out.push(b' ');
                nums(&mut out, &[run.size], "Tf");
                if *watermark {
                    nums(&mut out, &[WATERMARK_GREY], "g");
                    let (sin, cos) = WATERMARK_ANGLE.to_radians().sin_cos();
                    nums(&mut out, &[cos, sin, -sin, cos, *x, *y], "Tm");
                } else {
                    out.extend_from_slice(b"0 g\n");
                    nums(&mut out, &[*x, *y], "Td");
                }
                if *fake_bold {
                    out.extend_from_slice(b"0 G\n");
                    nums(&mut out, &[run.size * FAKE_BOLD_STROKE], "w");
                    out.extend_from_slice(b"2 Tr\n");
                }
                show(&mut out, run, &font.codes);
                out.extend_from_slice(b"ET\nQ\n");
            }
            Item::Rule { from, to, width } => {
                out.extend_from_slice(b"0 G\n");
                nums(&mut out, &[*width], "w");
                nums(&mut out, &[from.0, from.1], "m");
                nums(&mut out, &[to.0, to.1], "l");
                out.extend_from_slice(b"S\n");
            }
            Item::Fill { points, rgb } => {
                nums(&mut out, &[rgb.0, rgb.1, rgb.2], "rg");
                for (i, (x, y)) in points.iter().enumerate() {
                    nums(&mut out, &[*x, *y], if i == 0 { "m" } else { "l" });
                }
                out.extend_from_slice(b"h\nf\n0 g\n");
            }
            Item::ActualBegin(text) => {
                out.extend_from_slice(b"/Span <</ActualText ");
                text_string(&mut out, text);
                out.extend_from_slice(b">> BDC\n");
            }
            Item::ActualEnd => out.extend_from_slice(b"EMC\n"),
            Item::Anchor { .. } | Item::Link { .. } => {}
        }
    }
    out
}

/// The run as one `TJ`: codes in hex, a compression's pull-back as a
/// number after its character, a blank without a glyph as one em.
fn show(out: &mut Vec<u8>, run: &Run, codes: &BTreeMap<char, Option<u16>>) {
    let mut kerns = run.kerns.iter().peekable();
    let mut open = false;
    out.push(b'[');
    for (i, ch) in run.text.chars().enumerate() {
        match codes.get(&ch).copied().flatten() {
            Some(code) => {
                if !open {
                    out.push(b'<');
                    open = true;
                }
                hex4(out, code);
            }
            None => {
                if open {
                    out.push(b'>');
                    open = false;
                }
                out.extend_from_slice(b" -1000 ");
            }
        }
        while let Some(&&(after, kern)) = kerns.peek() {
            if after != i {
                break;
            }
            if open {
                out.push(b'>');
                open = false;
            }
            out.push(b' ');
            num(out, kern);
            out.push(b' ');
            kerns.next();
        }
    }
    if open {
        out.push(b'>');
    }
    out.extend_from_slice(b"] TJ\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, kerns: Vec<(usize, f32)>) -> Run {
        Run {
            face: fontdb::ID::dummy(),
            text: text.into(),
            size: 12.0,
            bold: false,
            width: 0.0,
            kerns,
        }
    }

    #[test]
    fn a_run_shows_codes_with_its_pull_backs() {
        let codes = BTreeMap::from([('甲', Some(1)), ('，', Some(2)), (' ', None)]);
        let mut out = Vec::new();
        show(&mut out, &run("甲，甲 甲", vec![(1, 500.0)]), &codes);
        assert_eq!(
            String::from_utf8_lossy(&out),
            "[<00010002> 500 <0001> -1000 <0001>] TJ\n"
        );
    }

    #[test]
    fn numbers_keep_three_decimals() {
        let mut out = Vec::new();
        nums(&mut out, &[1.0, 0.12345, -0.0001, 595.276], "cm");
        assert_eq!(String::from_utf8_lossy(&out), "1 0.123 0 595.276 cm\n");
    }

    /// What the formatter writes for the f32 nearest the thousandths.
    fn formatted(v: f32) -> String {
        let r = (v * 1000.0).round() / 1000.0;
        let r = if r == 0.0 { 0.0 } else { r };
        format!("{r}")
    }

    #[test]
    fn numbers_are_written_as_the_formatter_writes_them() {
        let mut checked = 0;
        // Every thousandth a page can hold, in steps that meet every
        // ending, and values between them, past the fast range's ends.
        for k in (-8_300_000i32..8_300_000).step_by(7) {
            for v in [
                k as f32 / 1000.0,
                (k as f32 + 0.4) / 1000.0,
                k as f32 / 997.0,
            ] {
                let mut out = Vec::new();
                num(&mut out, v);
                assert_eq!(String::from_utf8_lossy(&out), formatted(v), "{v}");
                checked += 1;
            }
        }
        for v in [0.0, -0.0, 1e9, -1e9, 0.0004, -0.0004, 0.0005, f32::MAX] {
            let mut out = Vec::new();
            num(&mut out, v);
            assert_eq!(String::from_utf8_lossy(&out), formatted(v), "{v}");
        }
        assert!(checked > 7_000_000);
    }

    #[test]
    fn codes_are_four_hex_digits() {
        for n in [0u16, 1, 0xA, 0xFF, 0x1234, 0xBEEF, u16::MAX] {
            let mut out = Vec::new();
            hex4(&mut out, n);
            assert_eq!(String::from_utf8_lossy(&out), format!("{n:04X}"));
        }
    }
}
