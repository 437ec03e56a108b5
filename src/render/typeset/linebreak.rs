//! Breaking shaped text into lines: UAX #14 opportunities, the 禁则 (no line
//! starts with closing punctuation, none ends with opening), figures and the
//! unit after them kept whole, and the breaks chosen for the whole paragraph
//! (total fit): as few lines as greedy filling gives, then no line left
//! ragged or letter-spaced where an earlier choice avoids it, compressed
//! punctuation preferred to stretched gaps, no last line of one character.

use super::text::{Glyph, NO_END, NO_START, is_one_of};
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

/// Signs that stay with the figure after them.
const COMPARISONS: &str = "≤≥<>＜＞≦≧±";

/// Characters of the unit a figure carries (225940元, 256.3万元, 3个, 98%).
const UNIT: &str =
    "%‰％万亿千百元角个人次项件台辆套户名家所座处间本册篇期年月日天时周岁米吨平方公里亩㎡";

/// Where a line of Chinese may break: between any two characters (body
/// text), or between words only (a table cell, see [`super::words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    Chars,
    Words,
}

/// Where a line may end: `allowed[i]` means a break before glyph `i`;
/// `forced[i]` a mandatory one.
fn opportunities(glyphs: &[Glyph], wrap: Wrap) -> (Vec<bool>, Vec<bool>) {
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
    if wrap == Wrap::Words {
        for (i, inside) in super::words::inside_word(&text).into_iter().enumerate() {
            if inside {
                allowed[i] = false;
            }
        }
    }
    for i in 1..n {
        let (prev, c) = (glyphs[i - 1].ch, glyphs[i].ch);
        if is_one_of(NO_START, c) || is_one_of(NO_END, prev) {
            allowed[i] = false;
        }
        // 256.3万元, 9.10%: a figure and its unit stay on one line. (A
        // figure ends at most four glyphs back: looked for first, it spares
        // searching the units for every other character.)
        let figure_near = glyphs[i.saturating_sub(4)..i]
            .iter()
            .any(|g| g.ch.is_ascii_digit());
        if figure_near && UNIT.contains(c) && unit_follows_figure(glyphs, i) {
            allowed[i] = false;
        }
        // ≤225940: a comparison stays with its figure.
        if is_one_of(COMPARISONS, prev) {
            allowed[i] = false;
        }
        if forced[i] {
            allowed[i] = true;
        }
    }
    (allowed, forced)
}

/// Whether glyph `i` continues a unit that starts right after a figure.
fn unit_follows_figure(glyphs: &[Glyph], i: usize) -> bool {
    let mut k = i;
    while k > 0 && UNIT.contains(glyphs[k - 1].ch) && i - k < 3 {
        k -= 1;
    }
    k > 0 && glyphs[k - 1].ch.is_ascii_digit()
}

/// Where Han meets a figure or Latin letter, at most this much (em) is added
/// when a line is justified.
pub const BOUNDARY_STRETCH: f32 = 0.25;
/// Between full-width characters, at most this much (em): more reads as
/// letter-spacing (pdfplumber, which public checkers use, takes a gap over
/// about 3 pt for a space), so a line that needs more stays tight and ragged.
pub const GAP_STRETCH: f32 = 0.11;

pub fn boundary(a: char, b: char) -> bool {
    let wide = super::text::is_wide;
    (wide(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && wide(b))
}

/// Whether justification may open the gap between `a` and `b`: one of
/// them is full-width.
pub fn gap(a: char, b: char) -> bool {
    super::text::is_wide(a) || super::text::is_wide(b)
}

/// How a justified line short by `slack` points takes it: each boundary's
/// share, each gap's share, and what is left at the line's end (all of the
/// gaps' part when they would read as spaces).
pub fn spread(slack: f32, boundaries: usize, gaps: usize, size: f32) -> (f32, f32, f32) {
    let mut left = slack;
    let mut at_boundary = 0.0;
    if boundaries > 0 {
        at_boundary = (left / boundaries as f32).min(BOUNDARY_STRETCH * size);
        left -= at_boundary * boundaries as f32;
    }
    let mut at_gap = 0.0;
    if left > 0.01 && gaps > 0 {
        let each = left / gaps as f32;
        if each <= GAP_STRETCH * size {
            at_gap = each;
            left = 0.0;
        }
    }
    (at_boundary, at_gap, left)
}

/// The pairs of a line that justification may open: (boundaries, gaps).
pub fn openings(chars: &[char]) -> (usize, usize) {
    let pairs = chars.windows(2);
    let boundaries = pairs.clone().filter(|p| boundary(p[0], p[1])).count();
    let gaps = pairs.filter(|p| gap(p[0], p[1])).count();
    (boundaries, gaps)
}

/// What a choice of line costs, in the order that matters: a break inside
/// an unbreakable piece (only where it is wider than the line), a line,
/// then a line left ragged by the square of its blank (two lines a little
/// short read better than one far short), a stretched or compressed line
/// by the square of how far it is from its natural width.
const OVERFULL: f64 = 1e12;
const EMERGENCY: f64 = 1e9;
const LINE: f64 = 1e6;
const LONE_LAST: f64 = 1e4;
const RAGGED: f64 = 300.0;

/// The most break opportunities one line is looked back over: more than
/// the widest line of any page holds (a landscape table's 8 pt line takes
/// about 100 Han characters), so the choice costs time linear in the text;
/// a line longer still (a cell measured on one line) is filled instead.
const MAX_BREAKS_PER_LINE: usize = 256;

/// Text prepared for breaking at many widths: advances, compressibility
/// and break opportunities, computed once (table columns try widths).
pub struct Breakable {
    chars: Vec<char>,
    size: Vec<f32>,
    /// Prefix sums, so a line's measures cost O(1): advance, shrink,
    /// letters (not punctuation or space), boundaries and gaps between
    /// glyph `i - 1` and `i` (counted at `i`).
    advance: Vec<f32>,
    shrink: Vec<f32>,
    letters: Vec<u32>,
    boundaries: Vec<u32>,
    gaps: Vec<u32>,
    space: Vec<bool>,
    allowed: Vec<bool>,
    forced: Vec<bool>,
}

fn prefix<T: Copy + std::ops::Add<Output = T>>(zero: T, items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = vec![zero];
    let mut sum = zero;
    for x in items {
        sum = sum + x;
        out.push(sum);
    }
    out
}

impl Breakable {
    pub fn new(glyphs: &[Glyph], wrap: Wrap) -> Breakable {
        let (allowed, forced) = opportunities(glyphs, wrap);
        let chars: Vec<char> = glyphs.iter().map(|g| g.ch).collect();
        let pair = |i: usize, f: &dyn Fn(char, char) -> bool| -> u32 {
            u32::from(i > 0 && f(chars[i - 1], chars[i]))
        };
        let boundaries = prefix(0, (0..chars.len()).map(|i| pair(i, &boundary)));
        let gaps = prefix(0, (0..chars.len()).map(|i| pair(i, &gap)));
        Breakable {
            size: glyphs.iter().map(|g| g.size).collect(),
            advance: prefix(0.0, glyphs.iter().map(|g| g.advance)),
            shrink: prefix(0.0, glyphs.iter().map(|g| g.shrink)),
            letters: prefix(0, chars.iter().map(|&c| u32::from(is_letter(c)))),
            boundaries,
            gaps,
            space: chars.iter().map(|&c| c == ' ').collect(),
            chars,
            allowed,
            forced,
        }
    }

    /// How many lines the text takes at `width`: as many as filling line
    /// by line gives, which the whole-paragraph choice keeps (and it costs
    /// time linear in the text, where tables try many widths).
    pub fn lines(&self, width: f32) -> usize {
        self.fill(width, 0.0).len().max(1)
    }

    /// Width of the widest piece that cannot be broken (a figure,
    /// “≤225940元”, a Latin word, a word in a cell, or a single character).
    pub fn widest(&self) -> f32 {
        let mut widest: f32 = 0.0;
        let mut start = 0;
        for i in 1..=self.chars.len() {
            if i == self.chars.len() || self.allowed[i] {
                widest = widest.max(self.advance[i] - self.advance[start]);
                start = i;
            }
        }
        widest
    }

    /// The text's `glyphs` (those it was made from) broken into lines no
    /// wider than `width` once their punctuation is compressed; the first
    /// line is `indent` narrower.
    pub fn broken(&self, glyphs: Vec<Glyph>, width: f32, indent: f32) -> Vec<Line> {
        if glyphs.is_empty() {
            return vec![Line { glyphs, last: true }];
        }
        let cuts = self.cuts(width, indent);
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

    /// Where the lines start and end when each is filled as full as
    /// compressing its punctuation allows, broken at the last opportunity.
    fn fill(&self, width: f32, indent: f32) -> Vec<(usize, usize)> {
        let n = self.chars.len();
        let advance = |i: usize| self.advance[i + 1] - self.advance[i];
        let shrink = |i: usize| self.shrink[i + 1] - self.shrink[i];
        let mut cuts = Vec::new();
        let mut start = 0;
        while start < n {
            let avail = if cuts.is_empty() {
                width - indent
            } else {
                width
            };
            let (mut w, mut s) = (0.0, 0.0);
            let mut end = start;
            let mut last_ok = None;
            while end < n {
                if w + advance(end) - (s + shrink(end)) > avail + 0.01 && end > start {
                    break;
                }
                w += advance(end);
                s += shrink(end);
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

    /// Where breaks may fall: the allowed opportunities, plus, inside a
    /// piece wider than the narrowest line, where it is full (as a person
    /// would break a long code rather than let it run off the page).
    fn nodes(&self, narrowest: f32) -> Vec<(usize, bool)> {
        let n = self.chars.len();
        let mut nodes = vec![(0, false)];
        let mut last = 0;
        for i in 1..=n {
            if i == n || self.allowed[i] {
                // The piece [last, i): split where full when too wide.
                let mut from = last;
                let mut k = last + 1;
                while k < i {
                    if self.advance[k + 1]
                        - self.advance[from]
                        - (self.shrink[k + 1] - self.shrink[from])
                        > narrowest + 0.01
                    {
                        nodes.push((k, true));
                        from = k;
                    }
                    k += 1;
                }
                nodes.push((i, false));
                last = i;
            }
        }
        nodes
    }

    /// The line [a, b) without the spaces it ends with.
    fn trimmed(&self, a: usize, b: usize) -> usize {
        let mut e = b;
        while e > a + 1 && self.space[e - 1] {
            e -= 1;
        }
        e
    }

    /// The cost of the line [a, b) in a line `avail` wide, or `None` when
    /// it does not fit even with its punctuation compressed.
    fn cost(&self, a: usize, b: usize, avail: f32, ends_paragraph: bool) -> Option<f64> {
        let e = self.trimmed(a, b);
        let natural = self.advance[e] - self.advance[a];
        let shrink = self.shrink[e] - self.shrink[a];
        if natural - shrink > avail + 0.01 {
            return None;
        }
        if ends_paragraph {
            return Some(0.0);
        }
        if natural > avail {
            let ratio = f64::from((natural - avail) / shrink.max(0.01));
            return Some(ratio * ratio);
        }
        let size = self.size[a].max(1.0);
        let boundaries = (self.boundaries[e] - self.boundaries[a + 1]) as usize;
        let gaps = (self.gaps[e] - self.gaps[a + 1]) as usize;
        let (_, at_gap, left) = spread(avail - natural, boundaries, gaps, size);
        if left > 0.01 {
            let blank = f64::from(left / size);
            return Some(RAGGED + 100.0 * blank * blank);
        }
        let ratio = f64::from(at_gap / (GAP_STRETCH * size));
        Some(100.0 * ratio * ratio)
    }

    /// Where the lines start and end, chosen for the whole paragraph
    /// (total fit): as many lines as filling gives (when the choice would
    /// differ, as it may around a piece wider than a line, filling's
    /// breaks stand, so a table row is as tall as it was measured), none
    /// ragged where a different choice earlier avoids it, stretch spread
    /// evenly, and no last line of a single character.
    fn cuts(&self, width: f32, indent: f32) -> Vec<(usize, usize)> {
        let filled = self.fill(width, indent);
        let chosen = self.fit(width, indent);
        if chosen.len() == filled.len() {
            return chosen;
        }
        let mut filled = filled;
        self.avoid_lone_last(&mut filled);
        filled
    }

    /// The whole-paragraph choice (see `cuts`). Time grows with the text
    /// times the breaks a line can hold: made once per paragraph or cell.
    fn fit(&self, width: f32, indent: f32) -> Vec<(usize, usize)> {
        let n = self.chars.len();
        if n == 0 {
            return Vec::new();
        }
        let avail = |line: usize| if line == 0 { width - indent } else { width };
        let nodes = self.nodes(width.min(width - indent));
        // best[k]: (cost, lines, previous node) of the best way to end a
        // line at node k.
        let mut best: Vec<Option<(f64, usize, usize)>> = vec![None; nodes.len()];
        best[0] = Some((0.0, 0, 0));
        for k in 1..nodes.len() {
            let (end, emergency) = nodes[k];
            let last = end == n;
            let mut choice: Option<(f64, usize, usize)> = None;
            for j in (k.saturating_sub(MAX_BREAKS_PER_LINE)..k).rev() {
                let Some((before, lines, _)) = best[j] else {
                    continue;
                };
                let mut start = nodes[j].0;
                while start < end && j > 0 && self.space[start] {
                    start += 1;
                }
                if start >= end {
                    continue;
                }
                let forced_end = end < n && self.forced[end];
                let fits = self.cost(start, end, avail(lines), last || forced_end);
                let line_cost = match fits {
                    Some(c) => c,
                    // A single piece wider than any line still gets a line.
                    None if j + 1 == k => OVERFULL,
                    None => break,
                };
                let mut total = before + LINE + line_cost;
                if emergency {
                    total += EMERGENCY;
                }
                if last && lines > 0 && self.letters[end] - self.letters[start] <= 1 {
                    total += LONE_LAST;
                }
                if choice.is_none_or(|(c, _, _)| total < c) {
                    choice = Some((total, lines + 1, j));
                }
                // A mandatory break is never crossed.
                if start > 0 && self.forced[nodes[j].0] {
                    break;
                }
            }
            best[k] = choice;
        }
        let mut cuts = Vec::new();
        let mut k = nodes.len() - 1;
        while k > 0 {
            let Some((_, _, j)) = best[k] else { break };
            let mut start = nodes[j].0;
            while start < nodes[k].0 && j > 0 && self.space[start] {
                start += 1;
            }
            cuts.push((start, nodes[k].0));
            k = j;
        }
        cuts.reverse();
        cuts
    }

    /// A last line of one character (“转）”, “标”) takes characters from
    /// the line before, which then gets justified a little looser.
    fn avoid_lone_last(&self, cuts: &mut [(usize, usize)]) {
        let k = cuts.len();
        if k < 2 {
            return;
        }
        let letters = |a: usize, b: usize| self.letters[b] - self.letters[a];
        let (a, b) = cuts[k - 1];
        if letters(a, b) > 1 {
            return;
        }
        let (pa, _) = cuts[k - 2];
        for cut in (pa + 1..a).rev() {
            if a - cut > 4 {
                break;
            }
            if self.allowed[cut] && letters(cut, b) >= 2 && letters(pa, cut) >= 2 {
                cuts[k - 2].1 = cut;
                cuts[k - 1].0 = cut;
                return;
            }
        }
    }
}

fn is_letter(c: char) -> bool {
    !is_one_of(NO_START, c) && !is_one_of(NO_END, c) && c != ' '
}

/// Breaks glyphs into lines no wider than `width` once their punctuation
/// is compressed; the first line is `indent` narrower.
pub fn break_lines(glyphs: Vec<Glyph>, width: f32, indent: f32, wrap: Wrap) -> Vec<Line> {
    Breakable::new(&glyphs, wrap).broken(glyphs, width, indent)
}

/// Counts the characters of a line that are not punctuation.
#[cfg(test)]
fn letters(glyphs: &[Glyph]) -> usize {
    glyphs.iter().filter(|g| is_letter(g.ch)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sets `is_one_of` searches hold no Han character (it tells those
    /// from the set without searching).
    #[test]
    fn the_mark_sets_hold_no_han_character() {
        let sets = [
            NO_START,
            NO_END,
            COMPARISONS,
            super::super::text::HALF_BLANK,
        ];
        for set in sets {
            assert!(!set.chars().any(crate::chars::is_han), "{set}");
            assert!(set.chars().all(|c| is_one_of(set, c)), "{set}");
        }
        assert!(!is_one_of(NO_START, '中'));
    }

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
            let lines = break_lines(glyphs(text), width, 20.0, Wrap::Chars);
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
        let lines = break_lines(glyphs("运维费用≤225940元"), 60.0, 0.0, Wrap::Chars);
        assert!(
            texts(&lines).iter().any(|l| l.contains("≤225940元")),
            "{:?}",
            texts(&lines)
        );
        let lines = break_lines(glyphs("总成本≤256.3万元"), 60.0, 0.0, Wrap::Chars);
        assert!(
            texts(&lines).iter().any(|l| l.contains("≤256.3万元")),
            "{:?}",
            texts(&lines)
        );
    }

    #[test]
    fn punctuation_is_compressed_before_a_line_is_broken_early() {
        // Six characters and a comma need 65 points; compressed, 60 suffice.
        let lines = break_lines(glyphs("一二三，四五六七八"), 60.0, 0.0, Wrap::Chars);
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
                let lines = break_lines(glyphs(text), width, 0.0, Wrap::Chars);
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

    /// What a justified line `line` of a paragraph set `width` wide needs
    /// between its characters (em), or `None` when it is left ragged.
    fn stretch_of(line: &Line, width: f32) -> Option<f32> {
        let chars: Vec<char> = line.glyphs.iter().map(|g| g.ch).collect();
        let natural = line.natural();
        if natural >= width {
            return Some(0.0);
        }
        let (b, g) = openings(&chars);
        let (_, at_gap, left) = spread(width - natural, b, g, 10.0);
        (left <= 0.01).then_some(at_gap / 10.0)
    }

    /// Filling line by line, as a person would.
    fn greedy(text: &str, width: f32, indent: f32) -> Vec<(usize, usize)> {
        Breakable::new(&glyphs(text), Wrap::Chars).fill(width, indent)
    }

    /// Each non-last line's gap (em) when justified, `None` when ragged.
    fn gaps(text: &str, cuts: &[(usize, usize)], width: f32, indent: f32) -> Vec<Option<f32>> {
        let all = glyphs(text);
        let k = cuts.len();
        cuts.iter()
            .enumerate()
            .take(k.saturating_sub(1))
            .map(|(i, &(a, b))| {
                let line = Line {
                    glyphs: all[a..b].to_vec(),
                    last: false,
                };
                stretch_of(&line, if i == 0 { width - indent } else { width })
            })
            .collect()
    }

    #[test]
    fn the_paragraph_is_broken_as_a_whole_with_no_line_letter_spaced() {
        // Filled line by line, some line ends before a figure it cannot
        // take and must be spaced wider than the limit or left short.
        // Chosen for the whole paragraph: never more such lines, in as
        // many lines, none spaced beyond the limit, and at 24 and 26 em
        // none at all where filling leaves one.
        let text = "2024年度大同市财政信息中心一般公共预算当年支出1,101.04万元，主要用于以下方面：一般公共服务支出1,031.75万元，占93.71%；社会保障和就业支出39.60万元，占3.60%；卫生健康支出8.77万元，占0.80%；住房保障支出20.91万元，占1.90%等。";
        let bad = |gaps: &[Option<f32>]| {
            gaps.iter()
                .filter(|g| g.is_none_or(|g| g > GAP_STRETCH + 1e-4))
                .count()
        };
        let (mut total, mut total_filled) = (0, 0);
        for width in (20..36).map(|w| w as f32 * 10.0) {
            let lines = break_lines(glyphs(text), width, 20.0, Wrap::Chars);
            assert_eq!(texts(&lines).concat(), text);
            let filled = greedy(text, width, 20.0);
            assert_eq!(lines.len(), filled.len(), "as few lines at {width}");
            let mut at = 0;
            let cuts: Vec<(usize, usize)> = lines
                .iter()
                .map(|l| {
                    at += l.glyphs.len();
                    (at - l.glyphs.len(), at)
                })
                .collect();
            let chosen = gaps(text, &cuts, width, 20.0);
            let (b, b_filled) = (bad(&chosen), bad(&gaps(text, &filled, width, 20.0)));
            assert!(chosen.iter().flatten().all(|g| *g <= GAP_STRETCH + 1e-4));
            assert!(b <= b_filled, "{:?} at {width}", texts(&lines));
            if width == 240.0 || width == 260.0 {
                assert_eq!(b, 0, "{:?} at {width}", texts(&lines));
            }
            total += b;
            total_filled += b_filled;
        }
        assert!(total < total_filled, "{total} {total_filled}");
    }

    #[test]
    fn a_mandatory_break_is_kept_and_a_piece_wider_than_the_line_is_cut_where_full() {
        let lines = break_lines(glyphs("一二\n三四五六"), 100.0, 0.0, Wrap::Chars);
        assert_eq!(texts(&lines), ["一二", "三四五六"]);
        let lines = break_lines(
            glyphs("码ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            50.0,
            0.0,
            Wrap::Chars,
        );
        assert_eq!(texts(&lines).concat(), "码ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        assert!(
            lines.iter().all(|l| l.natural() <= 50.01),
            "{:?}",
            texts(&lines)
        );
    }
}
