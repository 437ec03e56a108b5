//! Tables from their specs: header rows, repeated body rows, side-by-side
//! panels, figure cells and the empty-table note.

use super::error::LayoutError;
use super::eval::Evaluator;
use super::spec::{BodyItem, CellSpec, ColumnSpec, Expr, FullCell, RowSpec, TableSpec};
use crate::compute::display::{self, NumberFormat};
use crate::doc::{Align, Cell, CellContent, Column, NumberStyle, Row, Table, TocEntry};
use minijinja::value::Value;
use rust_decimal::{Decimal, RoundingStrategy};

/// Type sizes a table may state (`size_pt`), in points: 六号 to 三号 and
/// a little beyond.
const TABLE_SIZES: std::ops::RangeInclusive<f32> = 5.0..=18.0;

impl Evaluator<'_> {
    pub fn table(&mut self, t: &TableSpec, scope: &Value) -> Result<Table, LayoutError> {
        self.table_numbered(t, scope, Self::table_toc)
    }

    /// A table's 目录 entry, when its `toc` text gives it one: numbered
    /// next, under the part's heading.
    pub fn table_toc(&mut self, text: Option<String>) -> Option<TocEntry> {
        text.map(|text| self.toc_entry(2, text))
    }

    /// A table whose 目录 entry, when its `toc` text gives it one, is
    /// `number`'s: numbered here, or given by the pass that set the table
    /// aside (`super::aside`).
    pub fn table_numbered(
        &mut self,
        t: &TableSpec,
        scope: &Value,
        number: impl FnOnce(&mut Self, Option<String>) -> Option<TocEntry>,
    ) -> Result<Table, LayoutError> {
        let title = self.text(&t.title, scope)?;
        let here = format!("{}·{title}", self.place);
        let outer = std::mem::replace(&mut self.place, here);
        let opt = |s: &Option<String>| -> Result<Option<String>, LayoutError> {
            s.as_ref().map(|s| self.text(s, scope)).transpose()
        };
        let (caption, subtitle, unit_name, unit) = (
            opt(&t.caption)?,
            opt(&t.subtitle)?,
            opt(&t.unit_name)?,
            opt(&t.unit)?,
        );
        let short_title = opt(&t.short_title)?;
        let toc_text = opt(&t.toc)?;
        let note = opt(&t.note)?;
        let empty_note = opt(&t.empty_note)?;
        if let Some(size) = t.size_pt.filter(|s| !(TABLE_SIZES.contains(s))) {
            return Err(LayoutError::TableSize {
                place: self.place.clone(),
                size,
            });
        }
        let columns = t
            .columns
            .iter()
            .map(column)
            .collect::<Result<Vec<_>, _>>()?;
        let mut header = Vec::new();
        for cells in &t.header {
            let (cells, amounts) = self.cells(cells, scope)?;
            header.push(Built {
                row: Row {
                    cells,
                    level: 0,
                    bold: true,
                    keep_with_next: false,
                },
                amounts,
            });
        }
        let mut body = Vec::new();
        self.body(&t.body, scope, &mut body)?;
        let (header, header_amounts) = unzip(header);
        let (body, body_amounts) = unzip(body);
        let mut table = Table {
            caption,
            title,
            short_title,
            subtitle,
            unit_name,
            unit,
            toc: number(self, toc_text),
            landscape: t.landscape,
            columns,
            header,
            body,
            repeat_header: t.repeat_header,
            keep_together: t.keep_together,
            size_pt: t.size_pt,
            note,
        };
        let header_columns = self.columns_of(&table, &table.header)?;
        let body_columns = self.columns_of(&table, &table.body)?;
        self.show_amounts(t, &mut table.header, header_amounts, &header_columns)?;
        self.show_amounts(t, &mut table.body, body_amounts, &body_columns)?;
        if let Some(n) = empty_note.filter(|_| table.has_no_figures()) {
            table.note = Some(n);
        }
        self.place = outer;
        Ok(table)
    }

    fn body(
        &self,
        items: &[BodyItem],
        scope: &Value,
        out: &mut Vec<Built>,
    ) -> Result<(), LayoutError> {
        for item in items {
            match item {
                BodyItem::Row(spec) => out.extend(self.rows(spec, scope)?),
                BodyItem::SideBySide { side_by_side } => {
                    out.extend(self.side_by_side(side_by_side, scope)?)
                }
                BodyItem::Group {
                    group,
                    each,
                    binding,
                    when,
                } => {
                    for local in self.repeat(each, binding, scope)? {
                        if self.truthy(when, &local)? {
                            self.body(group, &local, out)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn rows(&self, spec: &RowSpec, scope: &Value) -> Result<Vec<Built>, LayoutError> {
        let mut out = Vec::new();
        for local in self.repeat(&spec.each, &spec.binding, scope)? {
            if !self.truthy(&spec.when, &local)? {
                continue;
            }
            let level = match &spec.level {
                Some(e) => self.integer(e, &local)? as u8,
                None => 0,
            };
            let (cells, amounts) = self.cells(&spec.cells, &local)?;
            out.push(Built {
                row: Row {
                    cells,
                    level,
                    bold: spec.bold,
                    keep_with_next: spec.keep_with_next,
                },
                amounts,
            });
        }
        Ok(out)
    }

    /// Panels of rows set side by side; a shorter panel is padded with blank cells.
    fn side_by_side(
        &self,
        panels: &[Vec<RowSpec>],
        scope: &Value,
    ) -> Result<Vec<Built>, LayoutError> {
        let mut built = Vec::new();
        for panel in panels {
            let width = panel.first().map(spec_width).unwrap_or(0);
            let mut rows = Vec::new();
            for spec in panel {
                rows.extend(self.rows(spec, scope)?);
            }
            built.push((width, rows));
        }
        let height = built.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
        Ok((0..height)
            .map(|i| {
                let mut row = Row {
                    cells: Vec::new(),
                    level: 0,
                    bold: false,
                    keep_with_next: false,
                };
                let mut amounts = Vec::new();
                for (width, rows) in &built {
                    match rows.get(i) {
                        Some(Built { row: r, amounts: a }) => {
                            row.cells.extend(r.cells.iter().cloned());
                            amounts.extend(a.iter().cloned());
                            row.bold |= r.bold;
                            row.keep_with_next |= r.keep_with_next;
                            row.level = row.level.max(r.level);
                        }
                        None => {
                            row.cells.extend((0..*width).map(|_| blank()));
                            amounts.extend((0..*width).map(|_| None));
                        }
                    }
                }
                Built { row, amounts }
            })
            .collect())
    }

    /// A row's cells, and beside each the amount it shows once its number
    /// format is known.
    fn cells(&self, specs: &[CellSpec], scope: &Value) -> Result<CellsAndAmounts, LayoutError> {
        let mut cells = Vec::with_capacity(specs.len());
        let mut amounts = Vec::with_capacity(specs.len());
        for spec in specs {
            if let CellSpec::Full(f) = spec
                && !self.truthy(&f.when, scope)?
            {
                continue;
            }
            let (cell, amount) = self.cell(spec, scope)?;
            cells.push(cell);
            amounts.push(amount);
        }
        Ok((cells, amounts))
    }

    fn cell(&self, spec: &CellSpec, scope: &Value) -> Result<(Cell, Option<Pending>), LayoutError> {
        let full = match spec {
            CellSpec::Text(t) => return Ok((text_cell(self.text(t, scope)?), None)),
            CellSpec::Full(f) => f,
        };
        let FullCell {
            text,
            wan,
            yuan,
            amount,
            format,
            cols,
            rows,
            align,
            bold,
            when: _,
        } = full.as_ref();
        let pending = match amount {
            Some(e) => self.amount(e, scope)?.map(|yuan| Pending {
                yuan,
                format: format.clone(),
            }),
            None => None,
        };
        let content = if amount.is_some() {
            // Shown by `show_amounts`, once the cell's column is known.
            CellContent::Empty
        } else if let Some(e) = wan {
            match self.amount(e, scope)? {
                Some(d) => number_content(d, &NumberFormat::WAN),
                None => CellContent::Empty,
            }
        } else if let Some(e) = yuan {
            match self.amount(e, scope)? {
                Some(d) => {
                    let value = d
                        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
                        .normalize();
                    CellContent::Number {
                        text: display::yuan_grouped(d),
                        style: NumberStyle {
                            decimals: value.scale(),
                            grouped: true,
                        },
                        value,
                    }
                }
                None => CellContent::Empty,
            }
        } else {
            match text {
                Some(t) => text_cell(self.text(t, scope)?).content,
                None => CellContent::Empty,
            }
        };
        let span = |e: &Option<Expr>| -> Result<usize, LayoutError> {
            match e {
                Some(e) => Ok(self.integer(e, scope)?.max(1) as usize),
                None => Ok(1),
            }
        };
        let cell = Cell {
            content,
            colspan: span(cols)?,
            rowspan: span(rows)?,
            align: align.as_deref().map(parse_align).transpose()?,
            bold: *bold,
        };
        Ok((cell, pending))
    }

    /// For every row, the column each of its cells starts in.
    fn columns_of(&self, table: &Table, rows: &[Row]) -> Result<Vec<Vec<usize>>, LayoutError> {
        let grid = table
            .try_grid(rows)
            .map_err(|overflow| LayoutError::TableOverflow {
                place: self.place.clone(),
                overflow,
            })?;
        let mut columns: Vec<Vec<usize>> = rows
            .iter()
            .map(|r| Vec::with_capacity(r.cells.len()))
            .collect();
        for g in grid {
            columns[g.row].push(g.col);
        }
        Ok(columns)
    }

    /// Shows each `amount` cell in its own format, else its column's, else the table's.
    fn show_amounts(
        &self,
        t: &TableSpec,
        rows: &mut [Row],
        amounts: Vec<Vec<Option<Pending>>>,
        columns: &[Vec<usize>],
    ) -> Result<(), LayoutError> {
        for (r, row_amounts) in amounts.into_iter().enumerate() {
            for (i, pending) in row_amounts.into_iter().enumerate() {
                let Some(p) = pending else { continue };
                let column = columns[r][i];
                let name = p
                    .format
                    .as_ref()
                    .or(t.columns[column].format.as_ref())
                    .or(t.format.as_ref())
                    .ok_or_else(|| LayoutError::AmountWithoutFormat {
                        place: self.place.clone(),
                        column: column + 1,
                    })?;
                rows[r].cells[i].content = number_content(p.yuan, self.number_format(name)?);
            }
        }
        Ok(())
    }

    fn integer(&self, e: &Expr, scope: &Value) -> Result<i64, LayoutError> {
        let v = self.eval_defined(e, scope)?;
        i64::try_from(v.clone()).map_err(|_| LayoutError::NotInteger {
            place: self.place.clone(),
            expr: e.0.clone(),
            value: v.to_string(),
        })
    }
}

/// An amount in 元 as a cell shows it in `format` (blank when the format
/// shows it so).
fn number_content(yuan: Decimal, format: &NumberFormat) -> CellContent {
    match display::show(yuan, format) {
        Some(shown) => CellContent::Number {
            value: shown.value,
            text: shown.text,
            style: NumberStyle {
                decimals: shown.decimals,
                grouped: shown.grouped,
            },
        },
        None => CellContent::Empty,
    }
}

/// An amount waiting for its number format; `format` is the cell's own.
#[derive(Clone)]
struct Pending {
    yuan: Decimal,
    format: Option<String>,
}

type CellsAndAmounts = (Vec<Cell>, Vec<Option<Pending>>);

/// A row as built, with the amounts its cells show (see [`Pending`]).
struct Built {
    row: Row,
    amounts: Vec<Option<Pending>>,
}

fn unzip(built: Vec<Built>) -> (Vec<Row>, Vec<Vec<Option<Pending>>>) {
    built.into_iter().map(|b| (b.row, b.amounts)).unzip()
}

fn blank() -> Cell {
    text_cell(String::new())
}

fn text_cell(text: String) -> Cell {
    Cell {
        content: if text.is_empty() {
            CellContent::Empty
        } else {
            CellContent::Text(text)
        },
        colspan: 1,
        rowspan: 1,
        align: None,
        bold: false,
    }
}

/// Columns a row spec covers, counting literal spans (panels are fixed-width).
fn spec_width(spec: &RowSpec) -> usize {
    spec.cells
        .iter()
        .map(|c| match c {
            CellSpec::Full(f) => f
                .cols
                .as_ref()
                .and_then(|e| e.0.trim().parse().ok())
                .unwrap_or(1),
            CellSpec::Text(_) => 1,
        })
        .sum()
}

fn column(c: &ColumnSpec) -> Result<Column, LayoutError> {
    Ok(Column {
        width: c.width,
        align: c
            .align
            .as_deref()
            .map(parse_align)
            .transpose()?
            .unwrap_or(Align::Left),
    })
}

fn parse_align(s: &str) -> Result<Align, LayoutError> {
    match s {
        "left" => Ok(Align::Left),
        "center" => Ok(Align::Center),
        "right" => Ok(Align::Right),
        other => Err(LayoutError::Align {
            align: other.to_string(),
        }),
    }
}
