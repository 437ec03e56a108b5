//! Tables with the official merges: `gridSpan` across, `vMerge` down; rows
//! that never split; header rows repeated (marked by [`super::post`]).

use super::Builder;
use super::styles::{CENTER, NOTE, TABLE_TEXT, TABLE_TITLE};
use crate::doc::{Align, Cell, CellContent, Row, Table};
use docx_rs::{
    AlignmentType, Paragraph, Run, Tab, TabValueType, TableCell, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};

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
        let table = docx_rs::Table::new(rows)
            .set_grid(grid.clone())
            .width(grid.iter().sum::<usize>(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed);
        self.push_table(table, if t.repeat_header { t.header.len() } else { 0 });
        if let Some(n) = &t.note {
            self.push(Paragraph::new().style(NOTE).add_run(Run::new().add_text(n)));
        }
    }

    /// Rows on the grid: a spanning cell writes `gridSpan`; the positions a
    /// span from above covers get `vMerge` continuation cells.
    fn rows(
        &self,
        t: &Table,
        rows: &[Row],
        header: bool,
        grid: &[usize],
        keeps: &[bool],
    ) -> Vec<TableRow> {
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
            let keep = keeps.get(r).copied().unwrap_or(false);
            let mut cells = Vec::new();
            let mut c = 0;
            while c < n {
                if let Some(cell) = start[r][c] {
                    let w: usize = grid[c..c + cell.colspan].iter().sum();
                    let mut tc = TableCell::new()
                        .width(w, WidthType::Dxa)
                        .vertical_align(VAlignType::Center)
                        .add_paragraph(
                            self.cell_paragraph(t, row, cell, c, header, label == Some(c))
                                .keep_next(keep),
                        );
                    if cell.colspan > 1 {
                        tc = tc.grid_span(cell.colspan);
                    }
                    if cell.rowspan > 1 {
                        tc = tc.vertical_merge(VMergeType::Restart);
                    }
                    cells.push(tc);
                    c += cell.colspan;
                } else if let Some(cell) = continued[r][c] {
                    let w: usize = grid[c..c + cell.colspan].iter().sum();
                    let mut tc = TableCell::new()
                        .width(w, WidthType::Dxa)
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(Paragraph::new().style(TABLE_TEXT).keep_next(keep));
                    if cell.colspan > 1 {
                        tc = tc.grid_span(cell.colspan);
                    }
                    cells.push(tc);
                    c += cell.colspan;
                } else {
                    // A position no cell covers (a short row): an empty cell keeps the grid.
                    cells.push(
                        TableCell::new()
                            .width(grid[c], WidthType::Dxa)
                            .add_paragraph(Paragraph::new().style(TABLE_TEXT).keep_next(keep)),
                    );
                    c += 1;
                }
            }
            out.push(TableRow::new(cells).cant_split());
        }
        out
    }

    fn cell_paragraph(
        &self,
        t: &Table,
        row: &Row,
        cell: &Cell,
        col: usize,
        header: bool,
        label: bool,
    ) -> Paragraph {
        let mut p =
            Paragraph::new()
                .style(TABLE_TEXT)
                .align(match t.cell_align(cell, col, header) {
                    Align::Left => AlignmentType::Left,
                    Align::Center => AlignmentType::Center,
                    Align::Right => AlignmentType::Right,
                });
        if label && row.level > 0 {
            // One table character per level.
            let step = self.m.table_half_points as i32 * 10;
            p = p.indent(Some(step * i32::from(row.level)), None, None, None);
        }
        let text = match &cell.content {
            CellContent::Empty => return p,
            CellContent::Text(s) => s.as_str(),
            CellContent::Number { text, .. } => text.as_str(),
        };
        let run = Run::new().add_text(text);
        p.add_run(if Table::cell_bold(cell, row, header) {
            run.bold()
        } else {
            run
        })
    }
}
