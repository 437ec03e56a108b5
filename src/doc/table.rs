//! Tables: columns, header and body rows whose cells may span rows and columns.
//!
//! Rows list only the cells that start in them (as HTML does); [`Table::grid`]
//! places every cell on the column grid for renderers.

use rust_decimal::Decimal;
use serde::Serialize;

/// An entry of the 目录 and of the PDF outline (a table carries one, as
/// a heading does).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TocEntry {
    /// 1 = part, 2 = table or section, 3 = sub-section.
    pub level: u8,
    pub text: String,
    /// Unique within the document; renderers use it for bookmarks and links.
    pub id: String,
}

/// `Default` is an empty table: the layout's placeholder while a table is
/// made beside the pass over the blocks.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    /// Small label above the title, e.g. 预算公开表1.
    pub caption: Option<String>,
    pub title: String,
    /// A short name (e.g. 表一 收支总表) for tabs, running heads and links.
    pub short_title: Option<String>,
    /// Line under the title, e.g. “（2024年度）”.
    pub subtitle: Option<String>,
    /// e.g. “单位名称：大同市财政信息中心”.
    pub unit_name: Option<String>,
    /// e.g. “单位：万元”.
    pub unit: Option<String>,
    pub toc: Option<TocEntry>,
    pub landscape: bool,
    pub columns: Vec<Column>,
    pub header: Vec<Row>,
    pub body: Vec<Row>,
    /// Repeat the header rows on every page the table runs over.
    pub repeat_header: bool,
    /// Keep the whole table on one page where it fits (a 绩效 form).
    pub keep_together: bool,
    /// Its type size, where not the page's table size.
    pub size_pt: Option<f32>,
    /// Printed under the table, e.g. “注：本表无数据”.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Column {
    /// Relative width; renderers scale the sum to the text width.
    pub width: f32,
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Indentation of the first text cell (类 0, 款 1, 项 2).
    pub level: u8,
    /// A total line, set in bold.
    pub bold: bool,
    /// Stays on the page of the row after it (a sub-header).
    pub keep_with_next: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub content: CellContent,
    pub colspan: usize,
    pub rowspan: usize,
    /// None: the column's alignment (header cells are centred by renderers).
    pub align: Option<Align>,
    pub bold: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum CellContent {
    Empty,
    Text(String),
    /// A figure as displayed: `value` already rounded, `text` formatted.
    Number {
        value: Decimal,
        text: String,
        style: NumberStyle,
    },
}

/// How a number is written, so spreadsheets can use a matching number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NumberStyle {
    pub decimals: u32,
    pub grouped: bool,
}

impl Cell {
    pub fn text(&self) -> &str {
        match &self.content {
            CellContent::Empty => "",
            CellContent::Text(t) => t,
            CellContent::Number { text, .. } => text,
        }
    }
    pub fn is_number(&self) -> bool {
        matches!(self.content, CellContent::Number { .. })
    }
    /// A code or a figure (“2010699”, “2,563,000”, “≥98%”): text with no
    /// Chinese and no space, which a reader takes as one and no renderer
    /// wraps (Excel prints a number wider than its column as ####).
    pub fn is_solid(&self) -> bool {
        let text = self.text();
        !text.is_empty() && !text.chars().any(|c| c >= '\u{2e80}' || c.is_whitespace())
    }
}

/// A cell placed on the grid: its first row and column (within header or body).
/// A row whose cells do not fit the table's columns.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("第 {row} 行的单元格超出了 {width} 列（单元格“{text}”）")]
pub struct Overflow {
    pub row: usize,
    pub width: usize,
    pub text: String,
}

#[derive(Debug, Clone, Copy)]
pub struct GridCell<'a> {
    pub row: usize,
    pub col: usize,
    pub cell: &'a Cell,
}

impl Table {
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// Places the cells of `rows` on the column grid, skipping positions that
    /// a span from above or the left already covers.
    pub fn grid<'a>(&'a self, rows: &'a [Row]) -> Vec<GridCell<'a>> {
        self.try_grid(rows).unwrap_or_default()
    }

    /// Like [`grid`](Self::grid), but says which row overflows the columns.
    pub fn try_grid<'a>(&'a self, rows: &'a [Row]) -> Result<Vec<GridCell<'a>>, Overflow> {
        let width = self.width();
        let mut covered = vec![vec![false; width]; rows.len()];
        let mut out = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut c = 0;
            for cell in &row.cells {
                while c < width && covered[r][c] {
                    c += 1;
                }
                if c + cell.colspan > width {
                    return Err(Overflow {
                        row: r + 1,
                        width,
                        text: crate::diagnostic::excerpt(cell.text()),
                    });
                }
                for line in covered.iter_mut().skip(r).take(cell.rowspan) {
                    for slot in &mut line[c..c + cell.colspan] {
                        *slot = true;
                    }
                }
                out.push(GridCell {
                    row: r,
                    col: c,
                    cell,
                });
                c += cell.colspan;
            }
        }
        Ok(out)
    }

    /// Every row as plain texts on the grid; covered positions are empty.
    pub fn text_grid(&self, rows: &[Row]) -> Vec<Vec<String>> {
        let mut grid = vec![vec![String::new(); self.width()]; rows.len()];
        for g in self.grid(rows) {
            grid[g.row][g.col] = g.cell.text().to_string();
        }
        grid
    }

    /// For every row (header, then body): whether it must share a page with
    /// the row after it. Header rows keep with the first body row, a span
    /// joins the rows it covers, and the layout may keep a sub-header row
    /// with the next. Every page-based renderer honours the same groups.
    pub fn keeps_with_next(&self) -> Vec<bool> {
        let rows: Vec<Row> = self.header.iter().chain(&self.body).cloned().collect();
        let n = rows.len();
        let mut keep: Vec<bool> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| i < self.header.len() || r.keep_with_next)
            .collect();
        for g in self.grid(&rows) {
            let end = (g.row + g.cell.rowspan).min(n);
            for k in &mut keep[g.row..end.saturating_sub(1).max(g.row)] {
                *k = true;
            }
        }
        if let Some(last) = keep.last_mut() {
            *last = false;
        }
        keep
    }

    /// What tables of one structure share: their columns and header rows
    /// (a table without a header row, such as a 绩效 form, by its title).
    /// Renderers set such tables alike.
    pub fn structure(&self) -> String {
        let mut key = String::new();
        for c in &self.columns {
            key.push_str(&format!("{}:{:?};", c.width, c.align));
        }
        for row in &self.header {
            for c in &row.cells {
                key.push_str(&format!("{}/{}/{}|", c.text(), c.colspan, c.rowspan));
            }
            key.push('\n');
        }
        if self.header.is_empty() {
            key.push_str(&self.title);
        }
        key
    }

    /// [`Self::keeps_with_next`], and for a table kept together
    /// ([`Table::keep_together`]) every row but the last: what a word
    /// processor, which cannot shrink a table, is told to keep.
    pub fn keeps_together(&self) -> Vec<bool> {
        let mut keeps = self.keeps_with_next();
        if self.keep_together {
            let n = keeps.len();
            for (i, k) in keeps.iter_mut().enumerate() {
                *k = i + 1 < n;
            }
        }
        keeps
    }

    /// The column a row's indentation applies to: its first text cell that
    /// is not a code (类/款/项 names are indented, their codes are not).
    pub fn label_column(&self, row: &Row) -> Option<usize> {
        if row.level == 0 {
            return None;
        }
        self.grid(std::slice::from_ref(row))
            .into_iter()
            .find(|g| {
                matches!(&g.cell.content, CellContent::Text(s) if !s.chars().all(|c| c.is_ascii_digit()))
            })
            .map(|g| g.col)
    }

    /// How a cell is aligned: header cells centred, figures right, other
    /// text as the cell or else its column says.
    pub fn cell_align(&self, cell: &Cell, col: usize, header: bool) -> Align {
        if header {
            Align::Center
        } else if cell.is_number() {
            Align::Right
        } else {
            cell.align.unwrap_or(self.columns[col].align)
        }
    }

    /// Header cells, total rows and cells marked bold are set in bold.
    pub fn cell_bold(cell: &Cell, row: &Row, header: bool) -> bool {
        header || row.bold || cell.bold
    }

    /// True when no body cell holds a number (the table has no data).
    pub fn has_no_figures(&self) -> bool {
        !self.body.iter().flat_map(|r| &r.cells).any(Cell::is_number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, colspan: usize, rowspan: usize) -> Cell {
        Cell {
            content: CellContent::Text(text.into()),
            colspan,
            rowspan,
            align: None,
            bold: false,
        }
    }

    fn table(width: usize, header: Vec<Vec<Cell>>) -> Table {
        Table {
            caption: None,
            title: "t".into(),
            short_title: None,
            subtitle: None,
            unit_name: None,
            unit: None,
            toc: None,
            landscape: false,
            columns: vec![
                Column {
                    width: 1.0,
                    align: Align::Left
                };
                width
            ],
            header: header
                .into_iter()
                .map(|cells| Row {
                    cells,
                    level: 0,
                    bold: true,
                    keep_with_next: false,
                })
                .collect(),
            body: vec![],
            repeat_header: true,
            keep_together: false,
            size_pt: None,
            note: None,
        }
    }

    #[test]
    fn spans_push_later_cells_right_and_down() {
        // 项目 spans two columns; 上年结转 spans two rows, so row 2's cells skip it.
        let t = table(
            4,
            vec![
                vec![
                    cell("项目", 2, 1),
                    cell("本年", 1, 1),
                    cell("上年结转", 1, 2),
                ],
                vec![cell("编码", 1, 1), cell("名称", 1, 1), cell("合计", 1, 1)],
            ],
        );
        assert_eq!(
            t.text_grid(&t.header),
            vec![
                vec!["项目", "", "本年", "上年结转"],
                vec!["编码", "名称", "合计", ""]
            ]
        );
    }

    #[test]
    fn a_row_wider_than_the_columns_is_an_error() {
        let t = table(2, vec![vec![cell("a", 2, 1), cell("b", 1, 1)]]);
        let err = t.try_grid(&t.header).unwrap_err().to_string();
        assert!(err.contains("第 1 行") && err.contains("“b”"), "{err}");
    }
}
