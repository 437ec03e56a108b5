//! Ruled tables: spans, wrapped cell text, figures right-aligned; rows (and
//! groups of rows a span joins) never split; on each following page the
//! header repeats under a 续表 line.

use super::flow::{Align, Flow};
use super::page::{Item, PageKind};
use super::text::{Line, Span};
use crate::doc::{Align as DocAlign, Row, Table};
use crate::fonts::MissingGlyph;

const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 2.5;
const MIN_ROW: f32 = 18.0;
const RULE: f32 = 0.5;

struct CellBox {
    row: usize,
    col: usize,
    colspan: usize,
    rowspan: usize,
    lines: Vec<Line>,
    align: Align,
    indent: f32,
}

/// A table measured for its page width.
struct Measured {
    widths: Vec<f32>,
    heights: Vec<f32>,
    cells: Vec<CellBox>,
    header_rows: usize,
    /// Body row groups [start, end) that must stay on one page.
    groups: Vec<(usize, usize)>,
}

impl Measured {
    fn height(&self, from: usize, to: usize) -> f32 {
        self.heights[from..to].iter().sum()
    }
}

impl Flow<'_, '_, '_> {
    /// Column widths: each column as wide as its widest unbroken cell,
    /// the rest shared by the layout's relative widths; when that is too
    /// wide, only columns wider than eight characters give way (their text
    /// wraps), so short headers such as 一般公共预算 never break; when even
    /// that is not enough, text gives way before any figure would wrap.
    fn column_widths(&mut self, t: &Table, all: &[Row], width: f32) -> Vec<f32> {
        let style = self.st.table.clone();
        let total: f32 = t.columns.iter().map(|c| c.width).sum::<f32>().max(1.0);
        let n = t.width();
        let mut desired = vec![2.0 * style.size; n];
        // Figures never wrap: a column is never narrower than its widest figure.
        let mut hard = vec![0.0f32; n];
        for g in t.grid(all) {
            if g.cell.colspan != 1 {
                continue;
            }
            let row = &all[g.row];
            let bold = Table::cell_bold(g.cell, row, g.row < t.header.len());
            let indent = if t.label_column(row) == Some(g.col) {
                f32::from(row.level) * style.size
            } else {
                0.0
            };
            let w = self.m.width(g.cell.text(), &style, bold) + 2.0 * PAD_X + indent + 1.0;
            desired[g.col] = desired[g.col].max(w.min(width * 0.45));
            if g.cell.is_number() {
                hard[g.col] = hard[g.col].max(w);
            }
        }
        let sum: f32 = desired.iter().sum();
        if sum <= width {
            let extra = width - sum;
            return desired
                .iter()
                .zip(&t.columns)
                .map(|(d, c)| d + extra * c.width / total)
                .collect();
        }
        let floor = 8.0 * style.size + 2.0 * PAD_X;
        let give: f32 = desired.iter().map(|d| (d - floor).max(0.0)).sum();
        let over = sum - width;
        if give >= over {
            return desired
                .iter()
                .map(|d| d - (d - floor).max(0.0) * over / give)
                .collect();
        }
        // Still too wide: every column gives way in proportion to what it has
        // above its figures' width.
        let hard_sum: f32 = hard.iter().sum();
        if hard_sum < width {
            let scale = (width - hard_sum) / (sum - hard_sum);
            return desired
                .iter()
                .zip(&hard)
                .map(|(d, h)| h + (d - h) * scale)
                .collect();
        }
        desired.iter().map(|d| d * width / sum).collect()
    }

    fn measure_table(&mut self, t: &Table, width: f32) -> Measured {
        let rows: Vec<&Row> = t.header.iter().chain(&t.body).collect();
        let all: Vec<Row> = rows.iter().map(|r| (*r).clone()).collect();
        let widths = self.column_widths(t, &all, width);
        let style = self.st.table.clone();
        let lh = self.st.table_line;
        let mut cells = Vec::new();
        for g in t.grid(&all) {
            let header = g.row < t.header.len();
            let row = &all[g.row];
            let bold = Table::cell_bold(g.cell, row, header);
            let align = match t.cell_align(g.cell, g.col, header) {
                DocAlign::Left => Align::Left,
                DocAlign::Center => Align::Center,
                DocAlign::Right => Align::Right,
            };
            let indent = if !header && t.label_column(row) == Some(g.col) {
                f32::from(row.level) * style.size
            } else {
                0.0
            };
            let w: f32 =
                widths[g.col..g.col + g.cell.colspan].iter().sum::<f32>() - 2.0 * PAD_X - indent;
            let text = g.cell.text();
            let lines = if text.is_empty() {
                Vec::new()
            } else {
                self.m
                    .break_lines(&[Span { text, bold }], &style, w.max(style.size), 0.0)
            };
            cells.push(CellBox {
                row: g.row,
                col: g.col,
                colspan: g.cell.colspan,
                rowspan: g.cell.rowspan.min(all.len() - g.row).max(1),
                lines,
                align,
                indent,
            });
        }
        let mut heights = vec![MIN_ROW; all.len()];
        for c in cells.iter().filter(|c| c.rowspan == 1) {
            heights[c.row] = heights[c.row].max(c.lines.len() as f32 * lh + 2.0 * PAD_Y);
        }
        for c in cells.iter().filter(|c| c.rowspan > 1) {
            let need = c.lines.len() as f32 * lh + 2.0 * PAD_Y;
            let have: f32 = heights[c.row..c.row + c.rowspan].iter().sum();
            if need > have {
                heights[c.row + c.rowspan - 1] += need - have;
            }
        }
        // Row groups: spans join rows that must share a page.
        let h = t.header.len();
        let mut joined_to = (0..all.len()).collect::<Vec<usize>>();
        for c in &cells {
            let end = c.row + c.rowspan - 1;
            for j in &mut joined_to[c.row..=end] {
                *j = (*j).max(end);
            }
        }
        let mut groups = Vec::new();
        let mut start = h;
        while start < all.len() {
            let mut end = joined_to[start];
            let mut r = start;
            while r <= end {
                end = end.max(joined_to[r]);
                r += 1;
            }
            groups.push((start, end + 1));
            start = end + 1;
        }
        Measured {
            widths,
            heights,
            cells,
            header_rows: h,
            groups,
        }
    }

    /// Height of the title block plus the header and the first row group
    /// (and the note, when that group is the last).
    pub fn table_start_height(&mut self, t: &Table) -> f32 {
        let width = super::page::Geometry::a4(&self.doc.page, t.landscape).text_width();
        let m = self.measure_table(t, width);
        self.start_height(t, &m)
    }

    /// [`Self::table_start_height`] of a table already measured.
    fn start_height(&self, t: &Table, m: &Measured) -> f32 {
        let lh = self.st.table_line;
        let titles = [
            t.caption.is_some(),
            true,
            t.subtitle.is_some(),
            t.unit_name.is_some() || t.unit.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count() as f32;
        let first = m
            .groups
            .first()
            .map(|&(a, b)| m.height(a, b))
            .unwrap_or(0.0);
        // A table of one row group starts only where its note fits too.
        let note = if m.groups.len() <= 1 {
            self.note_height(t)
        } else {
            0.0
        };
        titles * lh * 1.6 + m.height(0, m.header_rows) + first + note
    }

    /// The note under a table (注：本表无数据), which stays with its last rows.
    fn note_height(&self, t: &Table) -> f32 {
        t.note.as_ref().map_or(0.0, |_| self.st.table_line * 1.6)
    }

    pub fn table(&mut self, t: &Table) -> Result<(), MissingGlyph> {
        let place = format!("表格“{}”", t.title);
        for text in [
            Some(&t.title),
            t.caption.as_ref(),
            t.subtitle.as_ref(),
            t.unit_name.as_ref(),
            t.unit.as_ref(),
            t.note.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            self.check_text(text, &place)?;
        }
        for row in t.header.iter().chain(&t.body) {
            for c in &row.cells {
                self.check_text(c.text(), &place)?;
            }
        }
        self.ensure_page(t.landscape);
        let width = self.geo.text_width();
        let m = self.measure_table(t, width);
        let start = self.start_height(t, &m);
        self.need(start);
        if let Some(toc) = &t.toc {
            let y = self.geo.y(self.y);
            self.push(Item::Anchor {
                id: toc.id.clone(),
                y,
            });
        }
        let lh = self.st.table_line;
        let style = self.st.table.clone();
        let title_style = self.st.table_title.clone();
        if let Some(c) = &t.caption {
            self.text_line(c, &style, Align::Left, lh * 1.6);
        }
        self.text_line(&t.title, &title_style, Align::Center, lh * 1.6);
        if let Some(s) = &t.subtitle {
            self.text_line(s, &style, Align::Center, lh * 1.6);
        }
        self.unit_line(
            t.unit_name.as_deref().unwrap_or(""),
            t.unit.as_deref(),
            lh * 1.6,
        );
        self.draw_rows(&m, 0, m.header_rows);
        let last = m.groups.len().saturating_sub(1);
        for (i, &(a, b)) in m.groups.iter().enumerate() {
            let note = if i == last { self.note_height(t) } else { 0.0 };
            let h = m.height(a, b);
            if h + note > self.room() + 0.01 && !self.at_top() {
                let landscape = self.geo.width > self.geo.height;
                self.new_page(landscape, PageKind::Body);
                self.unit_line("续表", t.unit.as_deref(), lh * 1.6);
                self.draw_rows(&m, 0, m.header_rows);
            }
            self.draw_rows(&m, a, b);
        }
        if let Some(n) = &t.note {
            self.need(lh * 1.6);
            self.text_line(n, &style, Align::Left, lh * 1.6);
        }
        self.y += lh;
        Ok(())
    }

    /// 单位名称 (or 续表) on the left, 单位：万元 on the right.
    fn unit_line(&mut self, left: &str, right: Option<&str>, height: f32) {
        if left.is_empty() && right.is_none() {
            return;
        }
        let style = self.st.table.clone();
        let width = self.geo.text_width();
        let top = self.y;
        for (text, align) in [(left, Align::Left), (right.unwrap_or(""), Align::Right)] {
            if text.is_empty() {
                continue;
            }
            let lines = self
                .m
                .break_lines(&[Span { text, bold: false }], &style, width, 0.0);
            if let Some(l) = lines.first() {
                self.draw_line(l, self.geo.left, width, top, height, align, &style);
            }
        }
        self.y += height;
    }

    /// Draws rows [from, to) at the current position: rules, then text.
    fn draw_rows(&mut self, m: &Measured, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let style = self.st.table.clone();
        let lh = self.st.table_line;
        let x0 = self.geo.left;
        let mut tops = vec![0.0; to - from + 1];
        for r in from..to {
            tops[r - from + 1] = tops[r - from] + m.heights[r];
        }
        let base = self.y;
        let col_x: Vec<f32> = std::iter::once(0.0)
            .chain(m.widths.iter().scan(0.0, |acc, w| {
                *acc += w;
                Some(*acc)
            }))
            .collect();
        for c in m.cells.iter().filter(|c| c.row >= from && c.row < to) {
            let end = (c.row + c.rowspan).min(to);
            let (top, bottom) = (base + tops[c.row - from], base + tops[end - from]);
            let (left, right) = (x0 + col_x[c.col], x0 + col_x[c.col + c.colspan]);
            let (yt, yb) = (self.geo.y(top), self.geo.y(bottom));
            for (a, b) in [
                ((left, yt), (right, yt)),
                ((left, yb), (right, yb)),
                ((left, yt), (left, yb)),
                ((right, yt), (right, yb)),
            ] {
                self.push(Item::Rule {
                    from: a,
                    to: b,
                    width: RULE,
                });
            }
            let block = c.lines.len() as f32 * lh;
            let mut line_top = top + ((bottom - top) - block) / 2.0;
            let w = right - left - 2.0 * PAD_X - c.indent;
            for l in &c.lines {
                self.draw_line(l, left + PAD_X + c.indent, w, line_top, lh, c.align, &style);
                line_top += lh;
            }
        }
        self.y = base + tops[to - from];
    }
}
