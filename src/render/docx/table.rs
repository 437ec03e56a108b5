//! Tables with the official merges: `gridSpan` across, `vMerge` down; rows
//! that never split; header rows repeated (marked by [`super::post`]).

use super::Builder;
use super::styles::{CENTER, NOTE, TABLE_TEXT, TABLE_TITLE};
use super::table_xml::{CellXml, Merge, TableXml};
use crate::doc::{Cell, CellContent, Row, Table};
use docx_rs::{Paragraph, Run, Tab, TabValueType};
use std::borrow::Cow;

impl<'d> Builder<'d> {
    pub fn table(&mut self, t: &'d Table) {
        let width = self.page().text_width().max(1);
        if let Some(c) = &t.caption {
            self.push(
                Paragraph::new()
                    .style(TABLE_TEXT)
                    .keep_next(true)
                    .add_run(Run::new().add_text(c)),
            );
        }
        let title = Paragraph::new()
            .style(TABLE_TITLE)
            .keep_next(true)
            .add_run(Run::new().add_text(&t.title));
        let title = self.bookmark(t.toc.as_ref(), title);
        self.push(title);
        if let Some(s) = &t.subtitle {
            self.push(
                Paragraph::new()
                    .style(CENTER)
                    .keep_next(true)
                    .add_run(Run::new().add_text(s)),
            );
        }
        if t.unit_name.is_some() || t.unit.is_some() {
            let mut p = Paragraph::new()
                .style(TABLE_TEXT)
                .keep_next(true)
                .add_tab(Tab::new().val(TabValueType::Right).pos(width as usize))
                .add_run(Run::new().add_text(t.unit_name.as_deref().unwrap_or("")));
            if let Some(u) = &t.unit {
                p = p.add_run(Run::new().add_tab().add_text(u));
            }
            self.push(p);
        }
        let half_points = t
            .size_pt
            .map_or(self.m.table_half_points, |s| (s * 2.0).round() as usize);
        let grid = grid(t, width as usize, half_points);
        // Rows that must share a page: their paragraphs keep with the next.
        // Kept together only where it fits a page: a form taller than a
        // page kept whole would leave its title alone on the page before.
        let line = half_points * 10 * 5 / 4;
        let page = self.page();
        let room = (page.height as i32 - page.top - page.bottom).max(0) as usize;
        let above = 3 * self.m.pitch_twips.max(0) as usize;
        let together = t.keep_together && above + height(t, &grid, half_points, line) <= room;
        let keeps = if together {
            t.keeps_together()
        } else {
            t.keeps_with_next()
        };
        let (head_keeps, body_keeps) = keeps.split_at(t.header.len().min(keeps.len()));
        let mut rows = Vec::new();
        for (part, header, keeps) in [(&t.header, true, head_keeps), (&t.body, false, body_keeps)] {
            rows.extend(self.rows(t, part, header, &grid, keeps));
        }
        // A table kept on one page is set as tight as the PDF sets it: its
        // lines 1.25 em apart, not the font's single spacing (Noto CJK's
        // is 1.45 em), so a form that fits a printed page fits Word's.
        for cell in rows.iter_mut().flatten() {
            cell.size = t.size_pt.map(|_| half_points);
            cell.line = t.keep_together.then_some(line);
        }
        self.push_table(TableXml {
            grid,
            fixed: true,
            header_rows: if t.repeat_header { t.header.len() } else { 0 },
            rows,
        });
        if let Some(n) = &t.note {
            self.push(Paragraph::new().style(NOTE).add_run(Run::new().add_text(n)));
        }
    }
}

/// Word's default cell margins, left plus right, in twips.
const CELL_MARGINS: usize = 2 * 115;

/// A text's width in twips at a size in half-points: a full-width
/// character an em, anything else (a digit, a Latin letter) 0.6 em, which
/// is wider than the digits of the Song faces Word may use.
fn text_twips(text: &str, half_points: usize) -> usize {
    use unicode_width::UnicodeWidthChar;
    let em = half_points * 10;
    text.chars()
        .map(|c| match c.width_cjk() {
            Some(2) => em,
            _ => em * 6 / 10,
        })
        .sum()
}

/// About how tall the table's rows are in Word, in twips: each row as
/// many lines as its fullest cell takes at `line` apart, a character an em
/// (or 0.6 em) at `half_points`.
fn height(t: &Table, grid: &[usize], half_points: usize, line: usize) -> usize {
    let rows: Vec<Row> = t.header.iter().chain(&t.body).cloned().collect();
    let mut lines = vec![1usize; rows.len()];
    for g in t.grid(&rows) {
        let width: usize = grid[g.col..(g.col + g.cell.colspan).min(grid.len())]
            .iter()
            .sum();
        let usable = width.saturating_sub(CELL_MARGINS).max(1);
        let need = text_twips(g.cell.text(), half_points)
            .div_ceil(usable)
            .max(1);
        let per_row = need.div_ceil(g.cell.rowspan.max(1));
        for l in lines.iter_mut().skip(g.row).take(g.cell.rowspan.max(1)) {
            *l = (*l).max(per_row);
        }
    }
    lines.iter().sum::<usize>() * line
}

/// Column widths in twips: the layout's relative widths, except that a
/// column holding codes or figures (a cell without Chinese, which Word
/// would wrap digit by digit: “20/7”) is at least as wide as the widest of
/// them; what such a column gains is taken from the others in proportion to
/// what they have beyond their own need.
fn grid(t: &Table, width: usize, half_points: usize) -> Vec<usize> {
    let total: f32 = t.columns.iter().map(|c| c.width).sum::<f32>().max(1.0);
    let grid: Vec<usize> = t
        .columns
        .iter()
        .map(|c| ((c.width / total) * width as f32).floor() as usize)
        .collect();
    let mut need = vec![0usize; grid.len()];
    let rows: Vec<Row> = t.header.iter().chain(&t.body).cloned().collect();
    for g in t.grid(&rows) {
        if g.cell.colspan == 1 && g.cell.is_solid() {
            let text = text_twips(g.cell.text(), half_points);
            need[g.col] = need[g.col].max(text + CELL_MARGINS + 20);
        }
    }
    let short: usize = grid
        .iter()
        .zip(&need)
        .map(|(g, n)| n.saturating_sub(*g))
        .sum();
    let spare: usize = grid
        .iter()
        .zip(&need)
        .map(|(g, n)| g.saturating_sub(*n))
        .sum();
    if short == 0 || spare < short {
        return grid;
    }
    grid.iter()
        .zip(&need)
        .map(|(g, n)| {
            if n > g {
                *n
            } else {
                g - (g - n) * short / spare
            }
        })
        .collect()
}

impl<'d> Builder<'d> {
    /// Rows on the grid: a spanning cell writes `gridSpan`; the positions a
    /// span from above covers get `vMerge` continuation cells.
    fn rows(
        &self,
        t: &'d Table,
        rows: &'d [Row],
        header: bool,
        grid: &[usize],
        keeps: &[bool],
    ) -> Vec<Vec<CellXml<'d>>> {
        let n = t.width();
        // For each position: the cell starting there, or the cell above whose span covers it.
        let mut start: Vec<Vec<Option<&Cell>>> = vec![vec![None; n]; rows.len()];
        let mut continued: Vec<Vec<Option<&Cell>>> = vec![vec![None; n]; rows.len()];
        for g in t.grid(rows) {
            start[g.row][g.col] = Some(g.cell);
            for line in continued
                .iter_mut()
                .skip(g.row + 1)
                .take(g.cell.rowspan - 1)
            {
                line[g.col] = Some(g.cell);
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for (r, row) in rows.iter().enumerate() {
            let label = t.label_column(row);
            let keep_next = keeps.get(r).copied().unwrap_or(false);
            let mut cells = Vec::new();
            let mut c = 0;
            while c < n {
                if let Some(cell) = start[r][c] {
                    cells.push(CellXml {
                        width: grid[c..c + cell.colspan].iter().sum(),
                        span: cell.colspan,
                        merge: (cell.rowspan > 1).then_some(Merge::Restart),
                        center_vertically: true,
                        keep_next,
                        ..self.cell_content(t, row, cell, c, header, label == Some(c))
                    });
                    c += cell.colspan;
                } else if let Some(cell) = continued[r][c] {
                    cells.push(CellXml {
                        width: grid[c..c + cell.colspan].iter().sum(),
                        span: cell.colspan,
                        merge: Some(Merge::Continue),
                        keep_next,
                        ..CellXml::default()
                    });
                    c += cell.colspan;
                } else {
                    // A position no cell covers (a short row): an empty cell keeps the grid.
                    cells.push(CellXml {
                        width: grid[c],
                        span: 1,
                        keep_next,
                        ..CellXml::default()
                    });
                    c += 1;
                }
            }
            out.push(cells);
        }
        out
    }

    /// A cell's paragraph: alignment, the label column's indent per level,
    /// its text and weight.
    fn cell_content(
        &self,
        t: &Table,
        row: &Row,
        cell: &'d Cell,
        col: usize,
        header: bool,
        label: bool,
    ) -> CellXml<'d> {
        // One table character per level.
        let indent = (label && row.level > 0)
            .then(|| self.m.table_half_points as i32 * 10 * i32::from(row.level));
        let text = match &cell.content {
            CellContent::Empty => None,
            CellContent::Text(s) => Some(s.as_str()),
            CellContent::Number { text, .. } => Some(text.as_str()),
        };
        CellXml {
            align: Some(t.cell_align(cell, col, header)),
            indent,
            bold: text.is_some() && Table::cell_bold(cell, row, header),
            text: text.map(Cow::Borrowed),
            ..CellXml::default()
        }
    }
}
