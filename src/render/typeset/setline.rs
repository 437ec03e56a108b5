//! Setting a broken line at its width: punctuation compressed when the line
//! is over full; when short and justified, the slack goes first where Han
//! meets a figure or a Latin word, then evenly between full-width
//! characters, and a line too loose for that stays tight and ragged
//! (linebreak::spread, which the line breaker prices the same way). A stretched line
//! carries its text as ActualText so search and copy see no spaces.

use super::linebreak::{Line, boundary, gap, openings, spread};
use super::page::{Item, Run};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// The items of one line whose box starts at `x` (local), `width` wide,
/// with its baseline at `baseline` (local, downwards).
pub fn set_line(
    line: &Line,
    x: f32,
    width: f32,
    baseline: f32,
    align: Align,
    fake_bold: bool,
) -> Vec<Item> {
    let g = &line.glyphs;
    let n = g.len();
    if n == 0 {
        return Vec::new();
    }
    // Points each glyph is set narrower than its font advance (compression)
    // or wider (negative: stretch).
    let mut adjust: Vec<f32> = g.iter().map(|g| g.squeeze).collect();
    let natural = line.natural();
    let mut set_width = natural;
    if natural > width + 0.01 {
        let capacity = line.shrinkable();
        if capacity > 0.0 {
            let ratio = ((natural - width) / capacity).min(1.0);
            for (a, gl) in adjust.iter_mut().zip(g) {
                *a += gl.shrink * ratio;
            }
            set_width -= capacity * ratio;
        }
    } else if align == Align::Justify && !line.last && n > 1 {
        let size = g[0].size;
        let is_boundary = |i: usize| boundary(g[i].ch, g[i + 1].ch);
        let is_gap = |i: usize| gap(g[i].ch, g[i + 1].ch);
        let chars: Vec<char> = g.iter().map(|g| g.ch).collect();
        let (boundaries, gaps) = openings(&chars);
        let (at_boundary, at_gap, slack) = spread(width - natural, boundaries, gaps, size);
        for (i, a) in adjust.iter_mut().enumerate().take(n - 1) {
            if is_boundary(i) {
                *a -= at_boundary;
            }
            if is_gap(i) {
                *a -= at_gap;
            }
        }
        set_width = width - slack;
    }
    let stretched = adjust.iter().any(|a| *a < -0.01);
    // A compressed glyph loses its blank where the blank is: an opening
    // mark's on its left, so its ink moves left with its box and never
    // lands on the next character. Stretch is always added after a glyph.
    let lead: Vec<f32> = adjust
        .iter()
        .zip(g)
        .map(|(a, gl)| a.max(0.0) * gl.lead)
        .collect();
    let mut cx = match align {
        Align::Left | Align::Justify => x,
        Align::Center => x + (width - set_width) / 2.0,
        Align::Right => x + width - set_width,
    };
    let mut items = Vec::new();
    if stretched {
        items.push(Item::ActualBegin(line.text()));
    }
    let mut i = 0;
    while i < n {
        let (face, bold) = (g[i].face, g[i].bold);
        let first = i;
        let mut run = Run {
            face,
            text: String::new(),
            size: g[i].size,
            bold,
            width: 0.0,
            kerns: Vec::new(),
        };
        // The boxes' width; the pen starts `lead[first]` before them.
        let mut boxes = 0.0;
        let mut k = 0;
        while i < n && g[i].face == face && g[i].bold == bold {
            run.text.push(g[i].ch);
            boxes += g[i].advance + g[i].squeeze - adjust[i];
            let next_lead = match g.get(i + 1) {
                Some(next) if next.face == face && next.bold == bold => lead[i + 1],
                _ => 0.0,
            };
            let kern = adjust[i] - lead[i] + next_lead;
            if kern.abs() > 0.001 {
                run.kerns.push((k, kern / run.size * 1000.0));
            }
            k += 1;
            i += 1;
        }
        run.width = boxes + lead[first];
        items.push(Item::Text {
            x: cx - lead[first],
            y: baseline,
            run: Box::new(run),
            fake_bold: fake_bold && bold,
            watermark: false,
        });
        cx += boxes;
    }
    if stretched {
        items.push(Item::ActualEnd);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::typeset::text::Glyph;

    fn line(text: &str, last: bool) -> Line {
        Line {
            glyphs: text
                .chars()
                .map(|ch| Glyph {
                    ch,
                    face: fontdb::ID::dummy(),
                    bold: false,
                    size: 10.0,
                    advance: if crate::render::typeset::text::is_wide(ch) {
                        10.0
                    } else {
                        5.0
                    },
                    squeeze: 0.0,
                    shrink: if "，（".contains(ch) { 5.0 } else { 0.0 },
                    lead: if ch == '（' { 1.0 } else { 0.0 },
                })
                .collect(),
            last,
        }
    }

    /// The line of `text` justified to `width`.
    fn justify(text: &str, last: bool, width: f32) -> Vec<Item> {
        set_line(&line(text, last), 0.0, width, 0.0, Align::Justify, false)
    }

    fn width(items: &[Item]) -> f32 {
        items
            .iter()
            .map(|i| match i {
                Item::Text { run, .. } => run.width,
                _ => 0.0,
            })
            .sum()
    }

    #[test]
    fn justification_goes_to_the_figure_boundaries_first() {
        // 8 wide + 4 narrow = 100 pt; 5 pt of slack over two boundaries.
        let items = justify("收入共计1234万元合计", false, 105.0);
        assert!((width(&items) - 105.0).abs() < 0.01);
        let Item::Text { run, .. } = &items[1] else {
            panic!("{items:?}")
        };
        // Only the two boundary gaps (after 计 and after 4) moved.
        assert_eq!(run.kerns.len(), 2, "{:?}", run.kerns);
        assert!(items.first() == Some(&Item::ActualBegin("收入共计1234万元合计".into())));
    }

    #[test]
    fn an_over_full_line_is_compressed_and_a_last_line_is_not_stretched() {
        let items = justify("一二三，四五", true, 57.0);
        assert!((width(&items) - 57.0).abs() < 0.01);
        let items = justify("一二三", true, 57.0);
        assert!((width(&items) - 30.0).abs() < 0.01, "last line ragged");
        assert!(!items.iter().any(|i| matches!(i, Item::ActualBegin(_))));
    }

    #[test]
    fn a_compressed_opening_mark_moves_left_with_its_box() {
        // 一（二: 30 pt natural, set in 25 by the bracket's shrink.
        let items = set_line(&line("一（二", false), 0.0, 25.0, 0.0, Align::Left, false);
        let Item::Text { x, run, .. } = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(*x, 0.0);
        // The 5 pt trimmed from （ come before it (after 一): 二 still
        // starts a whole em after the bracket's origin.
        assert_eq!(run.kerns, vec![(0, 500.0)]);
        assert!((run.width - 25.0).abs() < 0.01);
        // A run that starts with the mark starts its pen before its box.
        let items = set_line(&line("（二", false), 10.0, 15.0, 0.0, Align::Left, false);
        let Item::Text { x, run, .. } = &items[0] else {
            panic!("{items:?}")
        };
        assert!((*x - 5.0).abs() < 0.01, "{x}");
        assert!(run.kerns.is_empty(), "{:?}", run.kerns);
        assert!((run.width + x - 25.0).abs() < 0.01);
    }

    #[test]
    fn a_line_too_loose_stays_ragged() {
        let items = justify("一二三", false, 100.0);
        assert!((width(&items) - 30.0).abs() < 0.01);
    }
}
