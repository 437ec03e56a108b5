//! Tables from their specs: header rows, repeated body rows, side-by-side
//! panels, figure cells and the empty-table note.

use super::error::LayoutError;
use super::eval::Evaluator;
use super::spec::{BodyItem, CellSpec, ColumnSpec, Expr, FullCell, RowSpec, TableSpec};
use crate::compute::display;
use crate::doc::{Align, Cell, CellContent, Column, NumberStyle, Row, Table};
use minijinja::value::Value;
use rust_decimal::RoundingStrategy;

impl Evaluator<'_> {
    pub fn table(&mut self, t: &TableSpec, scope: &Value) -> Result<Table, LayoutError> {
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
        let columns = t
            .columns
            .iter()
            .map(column)
            .collect::<Result<Vec<_>, _>>()?;
        let header = t
            .header
            .iter()
            .map(|cells| {
                Ok(Row {
                    cells: self.cells(cells, scope)?,
                    level: 0,
                    bold: true,
                    keep_with_next: false,
                })
            })
            .collect::<Result<Vec<_>, LayoutError>>()?;
        let mut body = Vec::new();
        self.body(&t.body, scope, &mut body)?;
        let mut table = Table {
            caption,
            title,
            short_title,
            subtitle,
            unit_name,
            unit,
            toc: toc_text.map(|text| self.toc_entry(2, text)),
            landscape: t.landscape,
            columns,
            header,
            body,
            repeat_header: t.repeat_header,
            note,
        };
        if let Some(n) = empty_note.filter(|_| table.has_no_figures()) {
            table.note = Some(n);
        }
        for rows in [&table.header, &table.body] {
            table
                .try_grid(rows)
                .map_err(|e| LayoutError::plain(format!("版式在“{}”出错：{e}", self.place)))?;
        }
        self.place = outer;
        Ok(table)
    }

    fn body(
        &self,
        items: &[BodyItem],
        scope: &Value,
        out: &mut Vec<Row>,
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

    fn rows(&self, spec: &RowSpec, scope: &Value) -> Result<Vec<Row>, LayoutError> {
        let mut out = Vec::new();
        for local in self.repeat(&spec.each, &spec.binding, scope)? {
            if !self.truthy(&spec.when, &local)? {
                continue;
            }
            let level = match &spec.level {
                Some(e) => self.integer(e, &local)? as u8,
                None => 0,
            };
            out.push(Row {
                cells: self.cells(&spec.cells, &local)?,
                level,
                bold: spec.bold,
                keep_with_next: spec.keep_with_next,
            });
        }
        Ok(out)
    }

    /// Panels of rows set side by side; a shorter panel is padded with blank cells.
    fn side_by_side(
        &self,
        panels: &[Vec<RowSpec>],
        scope: &Value,
    ) -> Result<Vec<Row>, LayoutError> {
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
                for (width, rows) in &built {
                    match rows.get(i) {
                        Some(r) => {
                            row.cells.extend(r.cells.iter().cloned());
                            row.bold |= r.bold;
                            row.keep_with_next |= r.keep_with_next;
                            row.level = row.level.max(r.level);
                        }
                        None => row.cells.extend((0..*width).map(|_| blank())),
                    }
                }
                row
            })
            .collect())
    }

    fn cells(&self, specs: &[CellSpec], scope: &Value) -> Result<Vec<Cell>, LayoutError> {
        let mut out = Vec::with_capacity(specs.len());
        for spec in specs {
            if let CellSpec::Full(f) = spec
                && !self.truthy(&f.when, scope)?
            {
                continue;
            }
            out.push(self.cell(spec, scope)?);
        }
        Ok(out)
    }

    fn cell(&self, spec: &CellSpec, scope: &Value) -> Result<Cell, LayoutError> {
        let full = match spec {
            CellSpec::Text(t) => return Ok(text_cell(self.text(t, scope)?)),
            CellSpec::Full(f) => f,
        };
        let FullCell {
            text,
            wan,
            yuan,
            cols,
            rows,
            align,
            bold,
            when: _,
        } = full.as_ref();
        let content = if let Some(e) = wan {
            match self.amount(e, scope)? {
                Some(d) if !display::wan(d).is_zero() => {
                    let value = display::wan(d);
                    CellContent::Number {
                        text: value.to_string(),
                        value,
                        style: NumberStyle {
                            decimals: 2,
                            grouped: false,
                        },
                    }
                }
                _ => CellContent::Empty,
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
        Ok(Cell {
            content,
            colspan: span(cols)?,
            rowspan: span(rows)?,
            align: align.as_deref().map(parse_align).transpose()?,
            bold: *bold,
        })
    }

    fn integer(&self, e: &Expr, scope: &Value) -> Result<i64, LayoutError> {
        let v = self.eval_defined(e, scope)?;
        i64::try_from(v.clone()).map_err(|_| {
            LayoutError::plain(format!(
                "版式在“{}”出错：{} 应是整数，得到“{v}”",
                self.place, e.0
            ))
        })
    }
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
        other => Err(LayoutError::plain(format!(
            "对齐方式“{other}”不存在（可用 left、center、right）"
        ))),
    }
}
