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
        let total: f32 = t.columns.iter().map(|c| c.width).sum::<f32>().max(1.0);
        let grid: Vec<usize> = t
            .columns
            .iter()
            .map(|c| ((c.width / total) * width as f32).floor() as usize)
            .collect();
        // Rows that must share a page: their paragraphs keep with the next.
        let keeps = t.keeps_with_next();
        let (head_keeps, body_keeps) = keeps.split_at(t.header.len().min(keeps.len()));
        let mut rows = Vec::new();
        for (part, header, keeps) in [(&t.header, true, head_keeps), (&t.body, false, body_keeps)] {
            rows.extend(self.rows(t, part, header, &grid, keeps));
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
