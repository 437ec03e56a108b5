//! Column widths and row heights for Chinese text, in Excel's units.
//!
//! Excel measures widths in characters of the default font's digit; a CJK
//! character (and a full-width or ambiguous-width mark in a Chinese font)
//! takes two. rust_xlsxwriter's autofit counts it as one, so we measure here.

use crate::doc::{A4, Align, GridCell, Paper, Table};
use unicode_width::UnicodeWidthStr;

/// Narrowest and widest a column may be made by its own cells, in characters.
const MIN_WIDTH: f64 = 4.0;
const MAX_WIDTH: f64 = 36.0;
/// A spanning cell asks for at most this much; longer text wraps.
const MAX_SPAN_WIDTH: f64 = 80.0;
/// Room for the cell's padding and border.
const PADDING: f64 = 2.0;
/// Figures stay readable at this width at least.
const MIN_NUMBER_WIDTH: f64 = 11.0;
/// Text columns are not squeezed below this.
const MIN_TEXT_WIDTH: f64 = 6.0;
/// What fits across an A4 page at 100% between 0.6-inch margins, in
/// characters of the default font (7 px each): portrait, landscape. Other
/// sheets in proportion to the width between their margins.
const A4_WIDTH: (f64, f64) = (96.0, 142.0);
/// Both margins, in millimetres.
const MARGINS_MM: f64 = 2.0 * 0.6 * 25.4;

/// Characters across `paper` between the margins.
fn page_width(paper: &Paper, landscape: bool) -> f64 {
    let across = |mm: f32| f64::from(mm) - MARGINS_MM;
    if landscape {
        A4_WIDTH.1 * across(paper.height_mm) / across(A4.height_mm)
    } else {
        A4_WIDTH.0 * across(paper.width_mm) / across(A4.width_mm)
    }
}

/// Width of a text in Excel character units.
pub fn text_width(text: &str) -> f64 {
    text.width_cjk() as f64
}

/// Column widths fitting every cell: single-column cells set a column's
/// width; a spanning cell that still does not fit widens its columns in
/// proportion to their layout widths.
pub fn column_widths(table: &Table, cells: &[GridCell<'_>], paper: &Paper) -> Vec<f64> {
    let n = table.width();
    let mut widths = vec![MIN_WIDTH; n];
    // What a column of codes or figures cannot give up: its widest, whole
    // (a code wrapped in its cell reads as two).
    let mut solid = vec![0.0f64; n];
    for g in cells.iter().filter(|g| g.cell.colspan == 1) {
        let text = g.cell.text();
        let want = (text_width(text) + PADDING).clamp(MIN_WIDTH, MAX_WIDTH);
        widths[g.col] = widths[g.col].max(want);
        if g.cell.is_solid() {
            solid[g.col] = solid[g.col].max(want);
        }
    }
    for g in cells.iter().filter(|g| g.cell.colspan > 1) {
        let span = g.col..g.col + g.cell.colspan;
        let have: f64 = widths[span.clone()].iter().sum();
        let want = (text_width(g.cell.text()) + PADDING).min(MAX_SPAN_WIDTH);
        if want > have {
            let weights: f64 = table.columns[span.clone()]
                .iter()
                .map(|c| c.width as f64)
                .sum();
            for c in span {
                let share = if weights > 0.0 {
                    table.columns[c].width as f64 / weights
                } else {
                    1.0 / g.cell.colspan as f64
                };
                widths[c] += (want - have) * share;
            }
        }
    }
    fit_page(table, &mut widths, &solid, paper);
    widths.iter().map(|w| (w * 4.0).ceil() / 4.0).collect()
}

/// Narrows text columns (their text wraps) until the table fits the page
/// width, so that printing needs little or no scaling; figures keep their
/// width, and no column is narrowed below its codes (`solid`).
fn fit_page(table: &Table, widths: &mut [f64], solid: &[f64], paper: &Paper) {
    let page = page_width(paper, table.landscape);
    let is_text: Vec<bool> = table
        .columns
        .iter()
        .map(|c| c.align != Align::Right)
        .collect();
    for (w, text) in widths.iter_mut().zip(&is_text) {
        if !text {
            *w = w.max(MIN_NUMBER_WIDTH);
        }
    }
    let total: f64 = widths.iter().sum();
    let fixed: f64 = widths
        .iter()
        .zip(&is_text)
        .filter(|(_, t)| !**t)
        .map(|(w, _)| w)
        .sum();
    let text = total - fixed;
    if total <= page || text <= 0.0 {
        return;
    }
    let scale = ((page - fixed) / text).max(0.0);
    for ((w, t), floor) in widths.iter_mut().zip(&is_text).zip(solid) {
        if *t {
            *w = (*w * scale).max(MIN_TEXT_WIDTH).max(*floor);
        }
    }
}

/// The default font's size, which Excel's width unit (its digit) is of.
const DEFAULT_PT: f64 = 11.0;

/// Width of a text set at `pt` points, in Excel character units.
fn width_at(text: &str, pt: f64) -> f64 {
    text_width(text) * pt / DEFAULT_PT + PADDING
}

/// Where the lines above a table go: the merged title and the unit line
/// (单位名称 on the left, 单位：万元 on the right) are never cut off. The
/// columns widen, in proportion, until both fit, as far as the page
/// allows; the unit takes as few columns at the right as hold it. Gives
/// the first column of the unit's part and the lines the title needs.
pub fn fit_headings(
    table: &Table,
    widths: &mut [f64],
    paper: &Paper,
    title_pt: f64,
    text_pt: f64,
) -> (usize, usize) {
    let n = widths.len();
    let title = width_at(&table.title, title_pt);
    let left = table
        .unit_name
        .as_deref()
        .map_or(0.0, |s| width_at(s, text_pt));
    let right = table.unit.as_deref().map_or(0.0, |s| width_at(s, text_pt));
    let want = title.max(left + right);
    let have: f64 = widths.iter().sum();
    if have < want && have > 0.0 {
        let scale = want.min(page_width(paper, table.landscape).max(have)) / have;
        for w in widths.iter_mut() {
            *w = (*w * scale * 4.0).ceil() / 4.0;
        }
    }
    let mut split = n.saturating_sub(1).max(1);
    while split > 1 && widths[split..].iter().sum::<f64>() < right {
        split -= 1;
    }
    let across: f64 = widths.iter().sum();
    let lines = (title / across.max(1.0)).ceil().max(1.0) as usize;
    (split.min(n), lines)
}

/// Lines a text needs in a cell of the given width (at least one).
pub fn lines(text: &str, width: f64) -> usize {
    let usable = (width - PADDING).max(1.0);
    ((text_width(text) / usable).ceil() as usize).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double() {
        assert_eq!(text_width("1101.04"), 7.0);
        assert_eq!(text_width("一般公共服务支出"), 16.0);
        assert_eq!(text_width("“三公”经费（元）"), 18.0);
        assert_eq!(lines("一般公共服务支出", 10.0), 2);
        assert_eq!(lines("", 10.0), 1);
    }
}
