//! Measuring and breaking Chinese text: glyph advances from the fonts,
//! per-character font fallback, UAX #14 break opportunities with the 禁则
//! (no line starts with closing punctuation, none ends with opening), and
//! half-width compression where two full-width marks meet.

use crate::fonts::{Face, FontBook, MissingGlyph};
use fontdb::ID;
use std::collections::HashMap;
use std::sync::Arc;
use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Never at the start of a line.
const NO_START: &str = "，。、；：？！）》」』】〕〉’”…—%‰·．,.;:?!)]}％";
/// Never at the end of a line.
const NO_END: &str = "（《「『【〔〈‘“([{";
/// Full-width marks whose glyph is half ink, half blank.
const HALF_BLANK: &str = "，。、；：？！（）《》「」『』【】〔〕〈〉“”‘’";

/// One face's metrics.
struct FaceMetrics {
    data: Arc<Vec<u8>>,
    index: u32,
    upem: f32,
    advances: HashMap<char, f32>,
}

/// Measures text with the fonts of a [`FontBook`].
pub struct Measure<'b> {
    pub book: &'b FontBook,
    faces: HashMap<ID, FaceMetrics>,
}

/// A run of text in one face, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: ID,
    pub text: String,
    pub size: f32,
    pub bold: bool,
    /// Advance of the whole run, in points (compression included).
    pub width: f32,
    /// Characters after which the next glyph moves left (compression), in em/1000.
    pub kerns: Vec<(usize, f32)>,
}

/// A styled piece of text to be set.
#[derive(Debug, Clone)]
pub struct Span<'a> {
    pub text: &'a str,
    pub bold: bool,
}

/// A set line: runs, its natural width and how many glyph gaps it has.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub runs: Vec<Run>,
    pub width: f32,
    pub glyphs: usize,
    /// The last line of a paragraph (not justified).
    pub last: bool,
}

/// A full-width character: justification space goes after these only, so
/// figures and Latin words keep their natural spacing.
pub fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width_cjk(c) == Some(2)
}

impl Run {
    /// Splits the run into pieces of wide and of narrow characters.
    pub fn split_wide(&self, m: &mut Measure) -> Vec<(Run, bool)> {
        let chars: Vec<char> = self.text.chars().collect();
        let mut out: Vec<(Run, bool)> = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            let wide = is_wide(c);
            let kern = self.kerns.iter().find(|(k, _)| *k == i).map(|(_, v)| *v);
            let adv =
                m.advance(self.face, c) * self.size - kern.map_or(0.0, |k| k / 1000.0 * self.size);
            match out.last_mut() {
                Some((r, w)) if *w == wide => {
                    r.text.push(c);
                    r.width += adv;
                    if let Some(k) = kern {
                        let n = r.text.chars().count() - 1;
                        r.kerns.push((n, k));
                    }
                }
                _ => out.push((
                    Run {
                        face: self.face,
                        text: c.to_string(),
                        size: self.size,
                        bold: self.bold,
                        width: adv,
                        kerns: kern.map(|k| vec![(0, k)]).unwrap_or_default(),
                    },
                    wide,
                )),
            }
        }
        out
    }
}

impl Line {
    /// Gaps justification may widen: after each wide character but the last.
    pub fn stretchable(&self) -> usize {
        let chars: Vec<char> = self.runs.iter().flat_map(|r| r.text.chars()).collect();
        chars
            .iter()
            .take(chars.len().saturating_sub(1))
            .filter(|c| is_wide(**c))
            .count()
    }

    #[cfg(test)]
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
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
            faces: HashMap::new(),
        }
    }

    fn metrics(&mut self, id: ID) -> &mut FaceMetrics {
        let book = self.book;
        self.faces.entry(id).or_insert_with(|| {
            let (data, index) = book.face_data(id).unwrap_or_default();
            let upem = ttf_parser::Face::parse(&data, index)
                .map(|f| f.units_per_em() as f32)
                .unwrap_or(1000.0);
            FaceMetrics {
                data,
                index,
                upem,
                advances: HashMap::new(),
            }
        })
    }

    /// Advance of one character in em.
    pub fn advance(&mut self, id: ID, ch: char) -> f32 {
        let m = self.metrics(id);
        if let Some(a) = m.advances.get(&ch) {
            return *a;
        }
        let a = ttf_parser::Face::parse(&m.data, m.index)
            .ok()
            .and_then(|f| {
                let gid = f.glyph_index(ch)?;
                f.glyph_hor_advance(gid)
            })
            .map(|adv| adv as f32 / m.upem)
            .unwrap_or(1.0);
        m.advances.insert(ch, a);
        a
    }

    /// The bytes and collection index of a face, for embedding.
    pub fn data(&mut self, id: ID) -> (Arc<Vec<u8>>, u32) {
        let m = self.metrics(id);
        (m.data.clone(), m.index)
    }

    /// Width of a text in points, in the style's regular face chain.
    pub fn width(&mut self, text: &str, style: &Style, bold: bool) -> f32 {
        self.runs(&[Span { text, bold }], style)
            .iter()
            .map(|r| r.width)
            .sum()
    }

    /// Splits spans into runs of one face each, with compression applied.
    pub fn runs(&mut self, spans: &[Span], style: &Style) -> Vec<Run> {
        let mut out: Vec<Run> = Vec::new();
        let all: Vec<(char, bool)> = spans
            .iter()
            .flat_map(|s| s.text.chars().map(move |c| (c, s.bold)))
            .collect();
        for (i, &(ch, bold)) in all.iter().enumerate() {
            let chain = if bold { &style.bold } else { &style.regular };
            let face = self
                .book
                .face_for(chain, ch)
                .unwrap_or_else(|| chain.first().map(|f| f.id).unwrap_or_else(ID::dummy));
            let mut adv = self.advance(face, ch) * style.size;
            let mut kern = None;
            if let Some(&(next, _)) = all.get(i + 1)
                && HALF_BLANK.contains(ch)
                && HALF_BLANK.contains(next)
            {
                kern = Some(500.0);
                adv -= 0.5 * style.size;
            }
            match out.last_mut() {
                Some(r) if r.face == face && r.bold == bold => {
                    r.text.push(ch);
                    r.width += adv;
                    if let Some(k) = kern {
                        let n = r.text.chars().count() - 1;
                        r.kerns.push((n, k));
                    }
                }
                _ => out.push(Run {
                    face,
                    text: ch.to_string(),
                    size: style.size,
                    bold,
                    width: adv,
                    kerns: kern.map(|k| vec![(0, k)]).unwrap_or_default(),
                }),
            }
        }
        out
    }

    /// Breaks styled text into lines no wider than `width`; the first line
    /// is `indent` narrower. Figures (1,101.04, 9.10%) are never split.
    pub fn break_lines(
        &mut self,
        spans: &[Span],
        style: &Style,
        width: f32,
        indent: f32,
    ) -> Vec<Line> {
        let text: String = spans.iter().map(|s| s.text).collect();
        if text.is_empty() {
            return vec![Line {
                runs: vec![],
                width: 0.0,
                glyphs: 0,
                last: true,
            }];
        }
        // Bold flags per char index.
        let bold: Vec<bool> = spans
            .iter()
            .flat_map(|s| s.text.chars().map(move |_| s.bold))
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let byte_to_char: HashMap<usize, usize> = text
            .char_indices()
            .enumerate()
            .map(|(ci, (b, _))| (b, ci))
            .collect();
        // Allowed breaks: before char index i (i > 0).
        let mut allowed = vec![false; chars.len() + 1];
        for (b, op) in linebreaks(&text) {
            let ci = byte_to_char.get(&b).copied().unwrap_or(chars.len());
            if op == BreakOpportunity::Allowed || op == BreakOpportunity::Mandatory {
                allowed[ci] = true;
            }
        }
        for i in 1..chars.len() {
            if NO_START.contains(chars[i]) || NO_END.contains(chars[i - 1]) {
                allowed[i] = false;
            }
        }
        // Advances per char (compression folded in by measuring pairs).
        let mut adv = Vec::with_capacity(chars.len());
        for (i, &c) in chars.iter().enumerate() {
            let chain = if bold[i] { &style.bold } else { &style.regular };
            let face = self.book.face_for(chain, c).unwrap_or_else(ID::dummy);
            let mut a = self.advance(face, c) * style.size;
            if i + 1 < chars.len() && HALF_BLANK.contains(c) && HALF_BLANK.contains(chars[i + 1]) {
                a -= 0.5 * style.size;
            }
            adv.push(a);
        }
        let mut lines = Vec::new();
        let mut start = 0;
        while start < chars.len() {
            let avail = if lines.is_empty() {
                width - indent
            } else {
                width
            };
            let mut w = 0.0;
            let mut end = start;
            let mut last_ok = None;
            while end < chars.len() {
                if w + adv[end] > avail + 0.01 && end > start {
                    break;
                }
                w += adv[end];
                end += 1;
                if end < chars.len() && allowed[end] {
                    last_ok = Some(end);
                }
            }
            let stop = if end >= chars.len() {
                chars.len()
            } else {
                match last_ok {
                    Some(b) if b > start => b,
                    // No allowed break in the line: break where it is full.
                    _ => end.max(start + 1),
                }
            };
            let spans: Vec<(String, bool)> = group(&chars[start..stop], &bold[start..stop]);
            let span_refs: Vec<Span> = spans
                .iter()
                .map(|(t, b)| Span { text: t, bold: *b })
                .collect();
            let mut runs = self.runs(&span_refs, style);
            // Trailing spaces do not count.
            while let Some(r) = runs.last_mut() {
                if r.text.ends_with(' ') {
                    r.text.pop();
                    r.width -= self.advance(r.face, ' ') * style.size;
                    if r.text.is_empty() {
                        runs.pop();
                    }
                } else {
                    break;
                }
            }
            let width: f32 = runs.iter().map(|r| r.width).sum();
            let glyphs = runs.iter().map(|r| r.text.chars().count()).sum();
            lines.push(Line {
                runs,
                width,
                glyphs,
                last: stop >= chars.len(),
            });
            start = stop;
            while start < chars.len() && chars[start] == ' ' {
                start += 1;
            }
        }
        lines
    }

    /// Checks that every character can be drawn in the style's chains.
    pub fn check(&self, text: &str, style: &Style, place: &str) -> Result<(), MissingGlyph> {
        self.book.check(&style.regular, text, place)
    }
}

fn group(chars: &[char], bold: &[bool]) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for (c, b) in chars.iter().zip(bold) {
        match out.last_mut() {
            Some((s, bb)) if bb == b => s.push(*c),
            _ => out.push((c.to_string(), *b)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontOptions;
    use std::collections::BTreeMap;

    fn with_style<T>(size: f32, f: impl FnOnce(&mut Measure, &Style) -> T) -> T {
        let book = FontBook::new(&FontOptions::default());
        let roles = BTreeMap::from([("body".to_string(), vec!["x".to_string()])]);
        let resolved = book.resolve(&roles);
        let face = resolved[0].regular.clone();
        let style = Style {
            regular: vec![&face],
            bold: vec![&face],
            size,
            fake_bold: true,
        };
        let mut m = Measure::new(&book);
        f(&mut m, &style)
    }

    #[test]
    fn no_line_starts_with_closing_punctuation_and_figures_stay_whole() {
        with_style(16.0, |m, style| {
            let text = "2024年度大同市财政信息中心预算收入总计1,101.04万元，其中：本年收入1,101.04万元，上年结转0万元，比上年减少110.28万元，下降9.10%，主要原因是我单位本年度项目经费减少导致的。";
            for width in [150.0, 200.0, 251.0, 300.0, 442.0] {
                let lines = m.break_lines(&[Span { text, bold: false }], style, width, 32.0);
                let joined: String = lines.iter().map(|l| l.text()).collect();
                assert_eq!(joined, text, "nothing lost at width {width}");
                for (i, l) in lines.iter().enumerate() {
                    let t = l.text();
                    assert!(
                        l.width <= width + 0.5,
                        "line {i} too wide: {} > {width}",
                        l.width
                    );
                    assert!(
                        !NO_START.contains(t.chars().next().unwrap()),
                        "line starts with punctuation: {t}"
                    );
                    assert!(
                        !NO_END.contains(t.chars().last().unwrap()),
                        "line ends with an opening mark: {t}"
                    );
                }
                for fig in ["1,101.04", "110.28", "9.10%"] {
                    assert!(
                        lines.iter().any(|l| l.text().contains(fig)),
                        "{fig} split at width {width}"
                    );
                }
            }
        });
    }

    #[test]
    fn full_width_marks_that_meet_are_compressed() {
        with_style(10.0, |m, style| {
            let one = m.width("。", style, false);
            let two = m.width("。”", style, false);
            assert!(
                (one - 10.0).abs() < 0.01,
                "a full-width mark is one em: {one}"
            );
            assert!(two < 2.0 * one - 4.0, "。” is compressed: {two}");
        });
    }
}
