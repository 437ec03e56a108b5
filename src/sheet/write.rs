//! Writing a budget (or an empty one, the entry template) as a workbook.

use super::cells::{Choices, SheetError};
use super::plan::{self, Column, FIELD_HEADERS, GUIDE_SHEET, Kind, LISTS_SHEET, SheetPlan};
use super::shape::{Leaf, Shape};
use super::tree::{self, Record};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet,
};
use serde_yaml::Value;
use std::collections::BTreeMap;

/// Rows below the last record that still get the drop-down lists, so that
/// rows typed in later have them too.
const SPARE_ROWS: u32 = 500;
/// The widest a column is made, in characters of Latin width.
const MAX_WIDTH: f64 = 60.0;
/// The width of the 填写说明 sheet's text column.
const GUIDE_WIDTH: f64 = 80.0;
/// The width of a 说明 column.
const NOTE_WIDTH: f64 = 50.0;

struct Formats {
    header: Format,
    text: Format,
    code: Format,
    amount: Format,
    integer: Format,
    date: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name("宋体").set_font_size(10.5);
        Formats {
            header: base
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            text: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            code: base.clone().set_num_format("@").set_align(FormatAlign::Top),
            amount: base
                .clone()
                .set_num_format("#,##0.00")
                .set_align(FormatAlign::Top),
            integer: base.clone().set_num_format("0").set_align(FormatAlign::Top),
            date: base
                .clone()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Top),
            note: base
                .set_font_color(Color::RGB(0x595959))
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        }
    }

    fn of(&self, leaf: &Leaf) -> &Format {
        match leaf {
            Leaf::Amount => &self.amount,
            Leaf::Integer => &self.integer,
            Leaf::Code => &self.code,
            Leaf::Date => &self.date,
            _ => &self.text,
        }
    }
}

/// The drop-down lists, each written once to the hidden sheet.
#[derive(Default)]
struct Lists {
    columns: Vec<Vec<String>>,
}

impl Lists {
    /// The range holding `words`, added when new.
    fn range(&mut self, words: &[String]) -> String {
        let at = match self.columns.iter().position(|c| c == words) {
            Some(i) => i,
            None => {
                self.columns.push(words.to_vec());
                self.columns.len() - 1
            }
        };
        let col = column_name(at as u16);
        format!("={LISTS_SHEET}!${col}$1:${col}${}", words.len().max(1))
    }
}

/// `A`, `B` … `Z`, `AA` …
pub fn column_name(mut col: u16) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The workbook for `budget` (Null: the empty entry template).
pub fn workbook(
    sheets: &[SheetPlan],
    budget: &Value,
    hints: &Shape,
    choices: &Choices,
    guide: &[(String, String)],
) -> Result<Vec<u8>, SheetError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    let mut lists = Lists::default();
    guide_sheet(book.add_worksheet(), sheets, guide, &formats)?;
    let mut records: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        match &sheet.kind {
            Kind::Fields(fields) => {
                let mut rows = Vec::new();
                plan::field_rows(fields, &[], &mut rows);
                let hint = hints.at(&sheet.keys);
                field_sheet(
                    ws, sheet, &rows, budget, hint, choices, &mut lists, &formats,
                )?;
            }
            Kind::Table(table) => {
                let found = table_records(sheet, table, budget, &records, sheets);
                let hint = hints.at(&sheet.keys);
                let sheet_hints = (table, hint);
                table_sheet(
                    ws,
                    sheet_hints,
                    &found,
                    &records,
                    choices,
                    &mut lists,
                    &formats,
                )?;
                records.insert(sheet.name.clone(), found);
            }
        }
    }
    let ws = book.add_worksheet();
    ws.set_name(LISTS_SHEET)?;
    for (c, words) in lists.columns.iter().enumerate() {
        for (r, w) in words.iter().enumerate() {
            ws.write_string(r as u32, c as u16, w)?;
        }
    }
    ws.set_hidden(true);
    Ok(book.save_to_buffer()?)
}

fn guide_sheet(
    ws: &mut Worksheet,
    sheets: &[SheetPlan],
    guide: &[(String, String)],
    f: &Formats,
) -> Result<(), SheetError> {
    ws.set_name(GUIDE_SHEET)?;
    ws.write_string_with_format(0, 0, "工作表", &f.header)?;
    ws.write_string_with_format(0, 1, "填写什么", &f.header)?;
    let mut row = 1;
    for s in sheets {
        ws.write_string_with_format(row, 0, &s.name, &f.text)?;
        ws.write_string_with_format(row, 1, &s.description, &f.text)?;
        row += 1;
    }
    row += 1;
    for (head, text) in guide {
        ws.write_string_with_format(row, 0, head, &f.text)?;
        ws.write_string_with_format(row, 1, text, &f.text)?;
        row_height(ws, row, lines_in(text, GUIDE_WIDTH))?;
        row += 1;
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, GUIDE_WIDTH)?;
    print_setup(ws, GUIDE_WIDTH + 16.0)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_active(true);
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn field_sheet(
    ws: &mut Worksheet,
    sheet: &SheetPlan,
    rows: &[Column],
    budget: &Value,
    hint: Option<&Shape>,
    choices: &Choices,
    lists: &mut Lists,
    f: &Formats,
) -> Result<(), SheetError> {
    for (c, h) in FIELD_HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.header)?;
    }
    let mut r = 1u32;
    let mut widths = [display_width(FIELD_HEADERS[0]), 12.0, 30.0];
    let mut texts: Vec<(u32, String, String)> = Vec::new();
    for col in rows {
        let mut keys = sheet.keys.clone();
        keys.extend(col.keys.iter().cloned());
        let value = tree::get(budget, &keys);
        let header = col.header();
        let mut entries: Vec<(String, Option<&Value>)> = Vec::new();
        let mut notes: Vec<(String, String)> = Vec::new();
        if col.open {
            for (k, v) in value.and_then(Value::as_mapping).into_iter().flatten() {
                entries.push((format!("{header}.{}", cell_text(k)), Some(v)));
            }
            // The layout's declared names not yet filled, as empty rows.
            let declared = hint.and_then(|h| h.at(&col.keys)).map(Shape::names);
            for (name, description) in declared.unwrap_or_default() {
                let row = format!("{header}.{name}");
                if !entries.iter().any(|(n, _)| *n == row) {
                    entries.push((row.clone(), None));
                }
                notes.push((row, description));
            }
        } else if col.list {
            let items: Vec<&Value> = value
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
                .collect();
            if items.is_empty() {
                entries.push((header.clone(), None));
            }
            entries.extend(items.into_iter().map(|v| (header.clone(), Some(v))));
        } else {
            entries.push((header.clone(), value));
        }
        for (name, v) in entries {
            ws.write_string_with_format(r, 0, &name, &f.text)?;
            write_leaf(ws, r, 1, &col.leaf, v, f)?;
            let note = notes
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(col.description.as_str(), |(_, d)| d.as_str());
            ws.write_string_with_format(r, 2, note, &f.note)?;
            validate(ws, (r, r), 1, col, choices, lists)?;
            widths[0] = widths[0].max(display_width(&name));
            widths[1] = widths[1].max(v.map_or(0.0, |v| display_width(&cell_text(v))));
            texts.push((r, v.map(cell_text).unwrap_or_default(), note.to_string()));
            r += 1;
        }
    }
    let value_width = widths[1].min(MAX_WIDTH) + 2.0;
    ws.set_column_width(0, widths[0].min(MAX_WIDTH) + 2.0)?;
    ws.set_column_width(1, value_width)?;
    ws.set_column_width(2, NOTE_WIDTH)?;
    for (r, value, note) in texts {
        let lines = lines_in(&value, value_width - 2.0).max(lines_in(&note, NOTE_WIDTH - 2.0));
        row_height(ws, r, lines)?;
    }
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, value_width + NOTE_WIDTH + widths[0].min(MAX_WIDTH))?;
    Ok(())
}

/// The records a table sheet lists, each tied to its parent's.
fn table_records<'a>(
    sheet: &SheetPlan,
    table: &plan::Table,
    budget: &'a Value,
    done: &BTreeMap<String, Vec<Record<'a>>>,
    sheets: &[SheetPlan],
) -> Vec<Record<'a>> {
    let depth = table.levels.len();
    let mut out = Vec::new();
    match &table.parent {
        None => {
            if let Some(at) = tree::get(budget, &sheet.keys) {
                records(at, depth, None, &tree::path_of(&sheet.keys), &mut out);
            }
        }
        Some((parent, _)) => {
            let base = sheets
                .iter()
                .find(|s| &s.name == parent)
                .map_or(0, |s| s.keys.len());
            let rel = &sheet.keys[base.min(sheet.keys.len())..];
            for (i, p) in done.get(parent).into_iter().flatten().enumerate() {
                if let Some(at) = tree::get(p.value, rel) {
                    let path = format!("{}.{}", p.path, tree::path_of(rel));
                    let mut levels = Vec::new();
                    tree::records(at, depth, Some(i), &path, &mut levels, &mut out);
                }
            }
        }
    }
    out
}

fn records<'a>(
    at: &'a Value,
    depth: usize,
    parent: Option<usize>,
    path: &str,
    out: &mut Vec<Record<'a>>,
) {
    let mut levels = Vec::new();
    tree::records(at, depth, parent, path, &mut levels, out);
}

fn table_sheet(
    ws: &mut Worksheet,
    (table, hint): (&plan::Table, Option<&Shape>),
    found: &[Record],
    done: &BTreeMap<String, Vec<Record>>,
    choices: &Choices,
    lists: &mut Lists,
    f: &Formats,
) -> Result<(), SheetError> {
    // Names the file chose (版式字段) widen their column into one per name.
    let mut columns: Vec<(String, Column)> = Vec::new();
    for col in &table.columns {
        if col.open {
            // The layout's declared names first, then any other the file has.
            let mut names: Vec<String> = hint
                .and_then(|h| h.at(&col.keys))
                .map(Shape::names)
                .unwrap_or_default()
                .into_iter()
                .map(|(n, _)| n)
                .collect();
            for rec in found {
                for (k, _) in tree::get(rec.value, &col.keys)
                    .and_then(Value::as_mapping)
                    .into_iter()
                    .flatten()
                {
                    let k = cell_text(k);
                    if !names.contains(&k) {
                        names.push(k);
                    }
                }
            }
            for n in names {
                let mut c = col.clone();
                c.keys.push(n);
                c.open = false;
                columns.push((c.header(), c));
            }
        } else {
            columns.push((col.header(), col.clone()));
        }
    }
    let mut headers: Vec<String> = Vec::new();
    if let Some((_, h)) = &table.parent {
        headers.push(h.clone());
    }
    headers.extend(table.levels.iter().map(|(n, _)| n.clone()));
    let lead = headers.len();
    headers.extend(columns.iter().map(|(h, _)| h.clone()));
    let mut widths: Vec<f64> = headers.iter().map(|h| display_width(h).max(8.0)).collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.header)?;
    }
    let mut texts: Vec<(u32, usize, String)> = Vec::new();
    let parent_records = table.parent.as_ref().and_then(|(p, _)| done.get(p));
    for (i, rec) in found.iter().enumerate() {
        let r = i as u32 + 1;
        let mut c = 0u16;
        if table.parent.is_some() {
            let key = rec
                .parent
                .and_then(|p| parent_records?.get(p))
                .and_then(|p| first_value(p.value))
                .unwrap_or_default();
            ws.write_string_with_format(r, c, &key, &f.text)?;
            widths[0] = widths[0].max(display_width(&key));
            c += 1;
        }
        for name in &rec.levels {
            ws.write_string_with_format(r, c, name, &f.text)?;
            widths[c as usize] = widths[c as usize].max(display_width(name));
            c += 1;
        }
        for (_, col) in &columns {
            let v = tree::get(rec.value, &col.keys);
            if col.list {
                let lines: Vec<String> = v
                    .and_then(Value::as_sequence)
                    .into_iter()
                    .flatten()
                    .map(cell_text)
                    .collect();
                if !lines.is_empty() {
                    ws.write_string_with_format(r, c, lines.join("\n"), &f.text)?;
                }
            } else {
                write_leaf(ws, r, c, &col.leaf, v, f)?;
            }
            if let Some(v) = v {
                // Figures show with separators and two decimals.
                let extra = if col.leaf == Leaf::Amount { 5.0 } else { 0.0 };
                widths[c as usize] = widths[c as usize].max(display_width(&cell_text(v)) + extra);
                texts.push((r, c as usize, cell_text(v)));
            }
            c += 1;
        }
    }
    let last = found.len() as u32 + SPARE_ROWS;
    for (i, (name, own)) in table.levels.iter().enumerate() {
        let hinted = hint.map(|h| h.level_names(i)).unwrap_or_default();
        let choices_of = if hinted.is_empty() { own } else { &hinted };
        if !choices_of.is_empty() {
            let col = plan::Column {
                keys: vec![name.clone()],
                leaf: Leaf::Choice(choices_of.clone()),
                description: String::new(),
                open: false,
                list: false,
            };
            validate(
                ws,
                (1, last),
                (lead - table.levels.len() + i) as u16,
                &col,
                choices,
                lists,
            )?;
        }
    }
    for (i, (_, col)) in columns.iter().enumerate() {
        let c = (lead + i) as u16;
        validate(ws, (1, last), c, col, choices, lists)?;
        ws.set_column_format(c, f.of(&col.leaf))?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, w.min(MAX_WIDTH) + 2.0)?;
    }
    let mut tallest: BTreeMap<u32, f64> = BTreeMap::new();
    for (r, c, text) in texts {
        let lines = lines_in(&text, widths[c].min(MAX_WIDTH));
        let t = tallest.entry(r).or_insert(1.0);
        *t = t.max(lines);
    }
    for (r, lines) in tallest {
        row_height(ws, r, lines)?;
    }
    ws.set_freeze_panes(1, lead.max(1) as u16)?;
    print_setup(ws, widths.iter().map(|w| w.min(MAX_WIDTH) + 2.0).sum())?;
    Ok(())
}

/// What a record is known by in the tables below it: its first value.
pub fn first_value(v: &Value) -> Option<String> {
    let (_, first) = v.as_mapping()?.iter().next()?;
    Some(cell_text(first))
}

fn write_leaf(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    leaf: &Leaf,
    v: Option<&Value>,
    f: &Formats,
) -> Result<(), SheetError> {
    let format = f.of(leaf);
    let Some(v) = v.filter(|v| !v.is_null()) else {
        ws.write_blank(r, c, format)?;
        return Ok(());
    };
    match (leaf, v) {
        (Leaf::Amount | Leaf::Integer, _) => match exact_number(v) {
            Some(n) => ws.write_number_with_format(r, c, n, format)?,
            None => ws.write_string_with_format(r, c, cell_text(v), format)?,
        },
        (Leaf::Date, Value::String(s)) => match date(s) {
            Some(d) => ws.write_datetime_with_format(r, c, &d, format)?,
            None => ws.write_string_with_format(r, c, s, format)?,
        },
        (Leaf::Bool, Value::Bool(b)) => {
            ws.write_string_with_format(r, c, if *b { "是" } else { "否" }, format)?
        }
        (Leaf::Any, Value::Bool(b)) => ws.write_boolean_with_format(r, c, *b, format)?,
        (Leaf::Any, Value::Number(_)) => match exact_number(v) {
            Some(n) => ws.write_number_with_format(r, c, n, &f.integer)?,
            None => ws.write_string_with_format(r, c, cell_text(v), format)?,
        },
        _ => ws.write_string_with_format(r, c, cell_text(v), format)?,
    };
    Ok(())
}

/// A figure as a number cell, when a double holds it exactly as written
/// (at most 15 significant digits); longer figures stay text.
fn exact_number(v: &Value) -> Option<f64> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let plain = !text.is_empty()
        && text
            .trim_start_matches('-')
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
    if !plain || digits > 15 {
        return None;
    }
    text.parse().ok()
}

fn date(s: &str) -> Option<ExcelDateTime> {
    let mut parts = s.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    ExcelDateTime::from_ymd(y, m, d).ok()
}

/// A value as one cell's text: scalars as written, anything else as a
/// one-line YAML value.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => flow(other),
    }
}

fn flow(v: &Value) -> String {
    match v {
        Value::Sequence(items) => {
            let inner: Vec<String> = items.iter().map(flow_scalar).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Mapping(m) => {
            let inner: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", flow_scalar(k), flow_scalar(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        other => flow_scalar(other),
    }
}

/// A scalar inside a one-line YAML list or map, quoted as JSON (which YAML
/// reads) so that commas and colons in it stay text.
fn flow_scalar(v: &Value) -> String {
    match v {
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Sequence(_) | Value::Mapping(_) => flow(v),
        other => cell_text(other),
    }
}

/// The drop-down list of a column or a row's value, where it has one.
fn validate(
    ws: &mut Worksheet,
    rows: (u32, u32),
    col: u16,
    column: &Column,
    choices: &Choices,
    lists: &mut Lists,
) -> Result<(), SheetError> {
    let words: Vec<String> = match &column.leaf {
        Leaf::Choice(words) => words.clone(),
        Leaf::Bool => vec!["是".into(), "否".into()],
        _ => match column.keys.last().and_then(|k| choices.get(k)) {
            Some(words) => words.clone(),
            None => return Ok(()),
        },
    };
    if words.is_empty() {
        return Ok(());
    }
    // A code's list offers "2010301 行政运行"; the code alone is as good.
    let strict = !matches!(column.leaf, Leaf::Code);
    let dv = DataValidation::new()
        .allow_list_formula(Formula::new(lists.range(&words)))
        .set_error_style(if strict {
            DataValidationErrorStyle::Stop
        } else {
            DataValidationErrorStyle::Information
        });
    ws.add_data_validation(rows.0, col, rows.1, col, &dv)?;
    Ok(())
}

/// The height of a row whose widest cell, in a column `width` wide, wraps
/// into lines: applications do not grow rows for wrapped text they did not
/// lay out themselves.
fn row_height(ws: &mut Worksheet, r: u32, lines: f64) -> Result<(), SheetError> {
    if lines > 1.0 {
        ws.set_row_height(r, 15.0 * lines.min(30.0))?;
    }
    Ok(())
}

/// How many lines a text takes in a column `width` wide.
fn lines_in(text: &str, width: f64) -> f64 {
    text.lines()
        .map(|l| {
            (unicode_width::UnicodeWidthStr::width(l) as f64 / width.max(1.0))
                .ceil()
                .max(1.0)
        })
        .sum()
}

/// Columns (in characters) a landscape page still prints legibly when
/// shrunk to its width.
const FIT_WIDTH: f64 = 240.0;

/// Printed, every sheet is landscape with its header on every page, and
/// as wide as the page when that leaves it legible.
fn print_setup(ws: &mut Worksheet, width: f64) -> Result<(), SheetError> {
    ws.set_landscape();
    if width <= FIT_WIDTH {
        ws.set_print_fit_to_pages(1, 0);
    }
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// How wide a text shows, Chinese characters counting two.
fn display_width(s: &str) -> f64 {
    s.lines()
        .map(|l| unicode_width::UnicodeWidthStr::width(l) as f64)
        .fold(0.0, f64::max)
}
