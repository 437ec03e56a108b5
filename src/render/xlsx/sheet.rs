//! One table on one worksheet: caption, merged title, unit line, ruled header
//! and body with the table's merges, real numbers, and print setup.

use super::measure::{column_widths, fit_headings, lines};
use super::style::{Styles, TITLE_PT};
use crate::doc::{Align, CellContent, GridCell, NumberStyle, Row, Table};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// Default height of a table row, in points.
const ROW_HEIGHT: f64 = 20.0;
/// Height of one wrapped line, in points.
const LINE_HEIGHT: f64 = 14.0;

pub fn write_table(ws: &mut Worksheet, t: &Table, st: &Styles) -> Result<(), XlsxError> {
    let last_col = (t.width().max(1) - 1) as u16;
    let mut row: u32 = 0;
    let header_cells = t.grid(&t.header);
    let body_cells = t.grid(&t.body);
    let all: Vec<GridCell<'_>> = header_cells.iter().chain(&body_cells).copied().collect();
    let mut widths = column_widths(t, &all, &st.paper);
    let (split, title_lines) = fit_headings(t, &mut widths, &st.paper, TITLE_PT, st.size());
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }

    if let Some(caption) = &t.caption {
        ws.write_string_with_format(row, 0, caption, &st.caption)?;
        row += 1;
    }
    span(ws, row, 0, last_col, &t.title, &st.title)?;
    // A title wider than the page wraps in its merged cell.
    ws.set_row_height(row, 30.0 + 20.0 * (title_lines - 1) as f64)?;
    row += 1;
    if let Some(sub) = &t.subtitle {
        span(ws, row, 0, last_col, sub, &st.subtitle)?;
        row += 1;
    }
    if t.unit_name.is_some() || t.unit.is_some() {
        let half = split as u16;
        let left_end = half.saturating_sub(1).min(last_col);
        span(
            ws,
            row,
            0,
            left_end,
            t.unit_name.as_deref().unwrap_or(""),
            &st.plain,
        )?;
        if let Some(unit) = t.unit.as_ref().filter(|_| half <= last_col) {
            span(ws, row, half, last_col, unit, &st.unit)?;
        }
        row += 1;
    }

    let header_row = row;
    write_rows(ws, t, &t.header, &header_cells, row, true, &widths, st)?;
    let body_row = row + t.header.len() as u32;
    write_rows(ws, t, &t.body, &body_cells, body_row, false, &widths, st)?;
    if let Some(note) = &t.note {
        let end = body_row + t.body.len() as u32;
        span(ws, end, 0, last_col, note, &st.note)?;
    }
    page_setup(ws, t, header_row, body_row, st)
}

/// What a ruled cell's format depends on: alignment, bold, indent, number style.
type FormatKey = (Align, bool, u8, Option<NumberStyle>);

/// Writes rows starting at sheet row `first`; rules every position, merges spans.
#[allow(clippy::too_many_arguments)]
fn write_rows(
    ws: &mut Worksheet,
    t: &Table,
    rows: &[Row],
    cells: &[GridCell<'_>],
    first: u32,
    header: bool,
    widths: &[f64],
    st: &Styles,
) -> Result<(), XlsxError> {
    let width = t.width();
    let mut covered = vec![vec![false; width]; rows.len()];
    let mut heights = vec![1usize; rows.len()];
    let label_cols: Vec<Option<usize>> = rows.iter().map(|r| t.label_column(r)).collect();
    // A table's cells share a handful of formats: each is made once (a
    // Format holds strings, and every cell's was built and dropped).
    let mut formats: Vec<(FormatKey, Format)> = Vec::new();
    for g in cells {
        let row = &rows[g.row];
        let (r0, c0) = (first + g.row as u32, g.col as u16);
        let (r1, c1) = (
            r0 + g.cell.rowspan as u32 - 1,
            c0 + g.cell.colspan as u16 - 1,
        );
        for line in covered.iter_mut().skip(g.row).take(g.cell.rowspan) {
            for slot in &mut line[g.col..g.col + g.cell.colspan] {
                *slot = true;
            }
        }
        let align = t.cell_align(g.cell, g.col, header);
        let indent = if !header && label_cols[g.row] == Some(g.col) {
            row.level
        } else {
            0
        };
        let bold = Table::cell_bold(g.cell, row, header);
        let number = match &g.cell.content {
            CellContent::Number { style, .. } => Some(*style),
            _ => None,
        };
        let key = (align, bold, indent, number);
        let at = match formats.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                formats.push((key, st.cell(align, bold, indent, number)));
                formats.len() - 1
            }
        };
        let fmt = &formats[at].1;
        if r1 > r0 || c1 > c0 {
            ws.merge_range(r0, c0, r1, c1, "", fmt)?;
        }
        match &g.cell.content {
            CellContent::Empty => ws.write_blank(r0, c0, fmt)?,
            CellContent::Text(text) => ws.write_string_with_format(r0, c0, text, fmt)?,
            CellContent::Number { value, .. } => {
                ws.write_number_with_format(r0, c0, value.to_f64().unwrap_or_default(), fmt)?
            }
        };
        let span_width: f64 = widths[g.col..g.col + g.cell.colspan].iter().sum();
        let needed = lines(g.cell.text(), span_width).div_ceil(g.cell.rowspan);
        for h in heights.iter_mut().skip(g.row).take(g.cell.rowspan) {
            *h = (*h).max(needed);
        }
    }
    let blank = st.cell(Align::Left, false, 0, None);
    for (r, line) in covered.iter().enumerate() {
        for (c, done) in line.iter().enumerate() {
            if !done {
                ws.write_blank(first + r as u32, c as u16, &blank)?;
            }
        }
        let h = heights[r];
        let points = if h > 1 {
            h as f64 * LINE_HEIGHT + 6.0
        } else {
            ROW_HEIGHT
        };
        ws.set_row_height(first + r as u32, points)?;
    }
    Ok(())
}

/// Writes text across columns `c0..=c1` of one row, merging when wider than one.
fn span(
    ws: &mut Worksheet,
    row: u32,
    c0: u16,
    c1: u16,
    text: &str,
    fmt: &Format,
) -> Result<(), XlsxError> {
    if c1 > c0 {
        ws.merge_range(row, c0, row, c1, text, fmt)?;
    } else {
        ws.write_string_with_format(row, c0, text, fmt)?;
    }
    Ok(())
}

fn page_setup(
    ws: &mut Worksheet,
    t: &Table,
    header_row: u32,
    body_row: u32,
    st: &Styles,
) -> Result<(), XlsxError> {
    if let Some(code) = st.paper.sheet_code {
        ws.set_paper_size(code);
    }
    if t.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    // A table kept together (a 绩效 form) prints on one page; others fit
    // the width and run on.
    ws.set_print_fit_to_pages(1, u16::from(t.keep_together));
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.6, 0.6, 0.7, 0.8, 0.3, 0.4);
    // Numbering restarts on every sheet (LibreOffice counts across the workbook otherwise).
    ws.set_print_first_page_number(1);
    ws.set_footer(&st.footer);
    if body_row > header_row {
        ws.set_freeze_panes(body_row, 0)?;
        if t.repeat_header {
            ws.set_repeat_rows(header_row, body_row - 1)?;
        }
    }
    Ok(())
}
