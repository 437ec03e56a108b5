//! Breaking shaped text into lines: UAX #14 opportunities, the 禁则 (no line
//! starts with closing punctuation, none ends with opening), figures and the
//! unit after them kept whole, a line filled by compressing its punctuation
//! before any gap would be stretched, and no last line of a single character.

use super::text::{Glyph, NO_END, NO_START};
use unicode_linebreak::{BreakOpportunity, linebreaks};

/// A broken line: its glyphs, and whether it ends its paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub glyphs: Vec<Glyph>,
    pub last: bool,
}

impl Line {
    /// Width as set without adjustment.
    pub fn natural(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
    /// How much narrower compressing its punctuation can make it.
    pub fn shrinkable(&self) -> f32 {
        self.glyphs.iter().map(|g| g.shrink).sum()
    }
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }
}

/// Characters of the unit a figure carries (225940元, 256.3万元, 3个, 98%).
const UNIT: &str =
    "%‰％万亿千百元角个人次项件台辆套户名家所座处间本册篇期年月日天时周岁米吨平方公里亩㎡";

/// Where a line may end: `allowed[i]` means a break before glyph `i`;
/// `forced[i]` a mandatory one.
fn opportunities(glyphs: &[Glyph]) -> (Vec<bool>, Vec<bool>) {
    let text: String = glyphs.iter().map(|g| g.ch).collect();
    let n = glyphs.len();
    let mut byte_to_char = vec![n; text.len() + 1];
    for (ci, (b, _)) in text.char_indices().enumerate() {
        byte_to_char[b] = ci;
    }
    let mut allowed = vec![false; n + 1];
    let mut forced = vec![false; n + 1];
    for (b, op) in linebreaks(&text) {
        let ci = byte_to_char.get(b).copied().unwrap_or(n);
        allowed[ci] = true;
        forced[ci] = op == BreakOpportunity::Mandatory && ci < n;
    }
    for i in 1..n {
        let (prev, c) = (glyphs[i - 1].ch, glyphs[i].ch);
        if NO_START.contains(c) || NO_END.contains(prev) {
            allowed[i] = false;
        }
        // 256.3万元, 9.10%: a figure and its unit stay on one line.
        if UNIT.contains(c) && unit_follows_figure(glyphs, i) {
            allowed[i] = false;
        }
        // ≤225940: a comparison stays with its figure.
        if "≤≥<>＜＞≦≧±".contains(prev) {
            allowed[i] = false;
        }
        if forced[i] {
            allowed[i] = true;
        }
    }
    (allowed, forced)
}

/// Width of the widest piece that cannot be broken (a figure, “≤225940元”,
/// a Latin word, or a single character).
pub fn widest_unit(glyphs: &[Glyph]) -> f32 {
    let (allowed, _) = opportunities(glyphs);
    let mut widest: f32 = 0.0;
    let mut w = 0.0;
    for (i, g) in glyphs.iter().enumerate() {
        if allowed[i] {
            w = 0.0;
        }
        w += g.advance;
        widest = widest.max(w);
    }
    widest
}

/// Whether glyph `i` continues a unit that starts right after a figure.
fn unit_follows_figure(glyphs: &[Glyph], i: usize) -> bool {
    let mut k = i;
    while k > 0 && UNIT.contains(glyphs[k - 1].ch) && i - k < 3 {
        k -= 1;
    }
    k > 0 && glyphs[k - 1].ch.is_ascii_digit()
}

/// Text prepared for breaking at many widths: advances, compressibility
/// and break opportunities, computed once (table columns try widths).
pub struct Breakable {
    advance: Vec<f32>,
    shrink: Vec<f32>,
    space: Vec<bool>,
    allowed: Vec<bool>,
    forced: Vec<bool>,
}

impl Breakable {
    pub fn new(glyphs: &[Glyph]) -> Breakable {
        let (allowed, forced) = opportunities(glyphs);
        Breakable {
            advance: glyphs.iter().map(|g| g.advance).collect(),
            shrink: glyphs.iter().map(|g| g.shrink).collect(),
            space: glyphs.iter().map(|g| g.ch == ' ').collect(),
            allowed,
            forced,
        }
    }

    /// How many lines the text takes at `width`.
    pub fn lines(&self, width: f32) -> usize {
        self.cuts(width, 0.0).len().max(1)
    }

    /// Where the lines start and end: each as full as compressing its
    /// punctuation allows, broken at the last opportunity.
    fn cuts(&self, width: f32, indent: f32) -> Vec<(usize, usize)> {
        let n = self.advance.len();
        let mut cuts = Vec::new();
        let mut start = 0;
        while start < n {
            let avail = if cuts.is_empty() {
                width - indent
            } else {
                width
            };
            let (mut w, mut shrink) = (0.0, 0.0);
            let mut end = start;
            let mut last_ok = None;
            while end < n {
                if w + self.advance[end] - (shrink + self.shrink[end]) > avail + 0.01 && end > start
                {
                    break;
                }
                w += self.advance[end];
                shrink += self.shrink[end];
                end += 1;
                if end < n && self.allowed[end] {
                    last_ok = Some(end);
                    if self.forced[end] {
                        break;
                    }
                }
            }
            let stop = if end >= n {
                n
            } else {
                match last_ok {
                    Some(b) if b > start => b,
                    // No allowed break in the line: break where it is full.
                    _ => end.max(start + 1),
                }
            };
            cuts.push((start, stop));
            start = stop;
            while start < n && self.space[start] {
                start += 1;
            }
        }
        cuts
    }
}

/// Breaks glyphs into lines no wider than `width` once their punctuation
/// is compressed; the first line is `indent` narrower.
pub fn break_lines(glyphs: Vec<Glyph>, width: f32, indent: f32) -> Vec<Line> {
    if glyphs.is_empty() {
        return vec![Line { glyphs, last: true }];
    }
    let text = Breakable::new(&glyphs);
    let mut cuts = text.cuts(width, indent);
    avoid_lone_last(&mut cuts, &glyphs, &text.allowed);
    let count = cuts.len();
    cuts.into_iter()
        .enumerate()
        .map(|(i, (a, b))| {
            let mut line: Vec<Glyph> = glyphs[a..b]
                .iter()
                .filter(|g| !g.ch.is_control())
                .cloned()
                .collect();
            while line.last().is_some_and(|g| g.ch == ' ') {
                line.pop();
            }
            Line {
                glyphs: line,
                last: i + 1 == count,
            }
        })
        .collect()
}

/// Counts the characters of a line that are not punctuation.
fn letters(glyphs: &[Glyph]) -> usize {
    glyphs
        .iter()
        .filter(|g| !NO_START.contains(g.ch) && !NO_END.contains(g.ch) && g.ch != ' ')
        .count()
}

/// A last line of one character (“转）”, “标”) takes characters from the
/// line before, which then gets justified a little looser.
fn avoid_lone_last(cuts: &mut [(usize, usize)], glyphs: &[Glyph], allowed: &[bool]) {
    let k = cuts.len();
    if k < 2 {
        return;
    }
    let (a, b) = cuts[k - 1];
    if letters(&glyphs[a..b]) > 1 {
        return;
    }
    let (pa, _) = cuts[k - 2];
    // Move back to the nearest allowed break that gives the last line two
    // characters and still leaves the line before at least two.
    for cut in (pa + 1..a).rev() {
        if a - cut > 4 {
            break;
        }
        if allowed[cut] && letters(&glyphs[cut..b]) >= 2 && letters(&glyphs[pa..cut]) >= 2 {
            cuts[k - 2].1 = cut;
            cuts[k - 1].0 = cut;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str) -> Vec<Glyph> {
        text.chars()
            .map(|ch| {
                let wide = super::super::text::is_wide(ch);
                let half = super::super::text::HALF_BLANK.contains(ch);
                Glyph {
                    ch,
                    face: fontdb::ID::dummy(),
                    bold: false,
                    size: 10.0,
                    advance: if wide { 10.0 } else { 5.0 },
                    squeeze: 0.0,
                    shrink: if half { 5.0 } else { 0.0 },
                    lead: 0.0,
                }
            })
            .collect()
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn no_line_starts_with_closing_punctuation_and_figures_stay_whole() {
        let text = "2024年度大同市财政信息中心预算收入总计1,101.04万元，其中：本年收入1,101.04万元，上年结转0万元，比上年减少110.28万元，下降9.10%，主要原因是我单位本年度项目经费减少导致的。";
        for width in [95.0, 150.0, 200.0, 251.0, 300.0, 442.0] {
            let lines = break_lines(glyphs(text), width, 20.0);
            assert_eq!(texts(&lines).concat(), text, "nothing lost at {width}");
            for l in &lines {
                let t = l.text();
                assert!(l.natural() - l.shrinkable() <= width + 0.5, "{t} too wide");
                assert!(!NO_START.contains(t.chars().next().unwrap()), "starts: {t}");
                assert!(!NO_END.contains(t.chars().last().unwrap()), "ends: {t}");
            }
            for fig in ["1,101.04万", "110.28万", "9.10%", "2024年"] {
                assert!(
                    texts(&lines).iter().any(|l| l.contains(fig)),
                    "{fig} split at {width}"
                );
            }
        }
    }

    #[test]
    fn a_comparison_and_its_unit_stay_with_the_figure() {
        let lines = break_lines(glyphs("运维费用≤225940元"), 60.0, 0.0);
        assert!(
            texts(&lines).iter().any(|l| l.contains("≤225940元")),
            "{:?}",
            texts(&lines)
        );
        let lines = break_lines(glyphs("总成本≤256.3万元"), 60.0, 0.0);
        assert!(
            texts(&lines).iter().any(|l| l.contains("≤256.3万元")),
            "{:?}",
            texts(&lines)
        );
    }

    #[test]
    fn punctuation_is_compressed_before_a_line_is_broken_early() {
        // Six characters and a comma need 65 points; compressed, 60 suffice.
        let lines = break_lines(glyphs("一二三，四五六七八"), 60.0, 0.0);
        assert_eq!(texts(&lines)[0], "一二三，四五", "{:?}", texts(&lines));
    }

    #[test]
    fn the_last_line_never_holds_a_single_character() {
        // Widths of three characters and more (a table column is at least four).
        for text in [
            "项目支出绩效指标",
            "（不含上年结转）",
            "服务费",
            "故障处理率(%)",
        ] {
            for width in [40.0, 45.0, 50.0, 55.0, 60.0, 70.0] {
                let lines = break_lines(glyphs(text), width, 0.0);
                if lines.len() > 1 {
                    let last = &lines[lines.len() - 1];
                    assert!(
                        letters(&last.glyphs) > 1,
                        "{text} at {width}: {:?}",
                        texts(&lines)
                    );
                }
            }
        }
    }
}
