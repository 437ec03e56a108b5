//! Reading a budget workbook back into the budget's value tree, with the
//! cell every value came from.

use super::cells::{CellMap, CellRef, SheetError};
use super::grid::{Book, Grid, cell_name};
use super::leaf::{self, Raw};
use super::plan::{self, Column, FIELD_HEADERS, Kind, SheetPlan, Table};
use super::shape::{Field, Leaf, Shape};
use super::tree;
use crate::diagnostic::Diagnostic;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;

/// How far down a sheet its header row is looked for.
const HEADER_SEARCH_ROWS: u32 = 10;

/// What a workbook holds.
pub struct Read {
    pub tree: Value,
    pub cells: CellMap,
    /// Cells that could not be read as their column's value.
    pub problems: Vec<Diagnostic>,
}

pub fn read(
    bytes: Vec<u8>,
    sheets: &[SheetPlan],
    root_fields: &[Field],
) -> Result<Read, SheetError> {
    let mut book = Book::open(bytes)?;
    let present = book.sheet_names();
    if !sheets.iter().any(|s| present.contains(&s.name)) {
        return Err(SheetError::NoBudgetSheet);
    }
    let mut r = Reader {
        root: Mapping::new(),
        cells: CellMap::default(),
        problems: Vec::new(),
        names: BTreeMap::new(),
        keys_of: BTreeMap::new(),
    };
    for sheet in sheets {
        if !present.contains(&sheet.name) {
            continue;
        }
        let grid = book.grid(&sheet.name)?;
        r.cells.sheet(&sheet.keys, &sheet.name);
        match &sheet.kind {
            Kind::Fields(fields) => {
                let mut rows = Vec::new();
                plan::field_rows(fields, &[], &mut rows);
                r.fields(sheet, &rows, &grid);
            }
            Kind::Table(table) => r.table(sheet, table, &grid, sheets),
        }
    }
    // Names given with codes ("2010301 行政运行") name codes the file's
    // 科目名称 does not.
    if !r.names.is_empty() {
        let names = tree::mapping_at(&mut r.root, &["科目名称".to_string()]);
        if let Some(names) = names {
            for (code, name) in std::mem::take(&mut r.names) {
                let key = Value::String(code);
                if !names.contains_key(&key) {
                    names.insert(key, Value::String(name));
                }
            }
        }
        if r.root
            .get("科目名称")
            .and_then(Value::as_mapping)
            .is_some_and(Mapping::is_empty)
        {
            r.root.remove("科目名称");
        }
    }
    fill_deep(root_fields, &mut r.root);
    Ok(Read {
        tree: Value::Mapping(r.root),
        cells: r.cells,
        problems: r.problems,
    })
}

struct Reader {
    root: Mapping,
    cells: CellMap,
    problems: Vec<Diagnostic>,
    /// Code → name, from code cells that carry one.
    names: BTreeMap<String, String>,
    /// Per table sheet: the first value of each record, for the tables
    /// below to find their parent by.
    keys_of: BTreeMap<String, Vec<String>>,
}

impl Reader {
    fn problem(&mut self, sheet: &str, row: u32, col: u32, header: &str, d: Diagnostic) {
        let mut d = d;
        d.cell = Some(CellRef::new(sheet, row, col, header).to_string());
        self.problems.push(d);
    }

    /// The value of one cell for `column`, noting a problem where it has one.
    fn leaf(
        &mut self,
        sheet: &str,
        at: (u32, u32),
        column: &Column,
        raw: &Raw,
        path: &str,
    ) -> Option<Value> {
        if column.leaf == Leaf::Code
            && let (code, Some(name)) = leaf::code(raw)
        {
            self.names.entry(code).or_insert(name);
        }
        match leaf::value(&column.leaf, raw) {
            Ok(v) => v,
            Err(e) => {
                let d = Diagnostic::error("cell-value", path, e.to_string());
                self.problem(sheet, at.0, at.1, &column.header(), d);
                None
            }
        }
    }

    fn fields(&mut self, sheet: &SheetPlan, rows: &[Column], grid: &Grid) {
        let head = header_row(grid, &FIELD_HEADERS[..2]).unwrap_or(0);
        let last = grid.keys().map(|(r, _)| *r).max().unwrap_or(0);
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut seen: BTreeMap<String, u32> = BTreeMap::new();
        for row in head + 1..=last {
            let name = grid.get(&(row, 0)).map(Raw::text).unwrap_or_default();
            let name = name.trim();
            let Some(raw) = grid.get(&(row, 1)).filter(|v| !v.is_blank()) else {
                // An empty row still says where its field is to be filled.
                if let Some(column) = column_for(rows, name) {
                    let mut full = sheet.keys.clone();
                    full.extend(column.keys);
                    self.cells.blank(
                        tree::path_of(&full),
                        CellRef::new(&sheet.name, row, 1, name),
                    );
                }
                continue;
            };
            if name.is_empty() {
                let d = Diagnostic::error("field-unknown", "", "这一行填了内容，却没有写字段名");
                self.problem(&sheet.name, row, 0, FIELD_HEADERS[0], d);
                continue;
            }
            let Some(column) = column_for(rows, name) else {
                let known: Vec<String> = rows.iter().map(Column::header).collect();
                let what = format!("字段“{}”", crate::diagnostic::excerpt(name));
                let d = unknown(sheet, &what, name, &known);
                self.problem(&sheet.name, row, 0, FIELD_HEADERS[0], d);
                continue;
            };
            let mut full = sheet.keys.clone();
            full.extend(column.keys.iter().cloned());
            let mut path = tree::path_of(&full);
            if column.list {
                let n = counts.entry(path.clone()).or_default();
                path = format!("{path}[{n}]");
                *n += 1;
            } else if let Some(first) = seen.insert(path.clone(), row) {
                let d = Diagnostic::error(
                    "field-duplicate",
                    path.clone(),
                    format!("“{name}”写了两次（第 {} 行和第 {} 行）", first + 1, row + 1),
                );
                self.problem(&sheet.name, row, 0, FIELD_HEADERS[0], d);
                continue;
            }
            if let Some(v) = self.leaf(&sheet.name, (row, 1), &column, raw, &path)
                && tree::put(&mut self.root, &full, v, column.list)
            {
                self.cells
                    .insert(path, CellRef::new(&sheet.name, row, 1, name));
            }
        }
    }

    fn table(&mut self, sheet: &SheetPlan, table: &Table, grid: &Grid, sheets: &[SheetPlan]) {
        let mut known: Vec<String> = Vec::new();
        if let Some((_, h)) = &table.parent {
            known.push(h.clone());
        }
        known.extend(table.levels.iter().map(|(n, _)| n.clone()));
        known.extend(table.columns.iter().map(Column::header));
        let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
        let Some(head) = header_row(grid, &known_refs) else {
            return;
        };
        // What each column of the sheet holds.
        enum Slot {
            Parent,
            Level(usize),
            Value(Column),
        }
        let mut slots: Vec<(u32, String, Slot)> = Vec::new();
        for (&(r, c), raw) in grid.range((head, 0)..(head + 1, 0)) {
            debug_assert_eq!(r, head);
            let h = raw.text().trim().to_string();
            if h.is_empty() {
                continue;
            }
            let slot = if table.parent.as_ref().is_some_and(|(_, p)| *p == h) {
                Some(Slot::Parent)
            } else if let Some(i) = table.levels.iter().position(|(n, _)| *n == h) {
                Some(Slot::Level(i))
            } else {
                column_for(&table.columns, &h).map(Slot::Value)
            };
            match slot {
                Some(s) => slots.push((c, h, s)),
                None => {
                    let what = format!("“{}”这一列", crate::diagnostic::excerpt(&h));
                    let d = unknown(sheet, &what, &h, &known);
                    self.problem(&sheet.name, head, c, &h, d);
                }
            }
        }
        let record_fields = table.shape.record().unwrap_or_default().to_vec();
        let parent_sheet = table
            .parent
            .as_ref()
            .and_then(|(p, _)| sheets.iter().find(|s| &s.name == p));
        let last = grid.keys().map(|(r, _)| *r).max().unwrap_or(0);
        let mut firsts: Vec<String> = Vec::new();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let parent_col = slots
            .iter()
            .find(|s| matches!(s.2, Slot::Parent))
            .map_or(0, |s| s.0);
        for row in head + 1..=last {
            let cells: Vec<(&(u32, String, Slot), &Raw)> = slots
                .iter()
                .filter_map(|s| {
                    grid.get(&(row, s.0))
                        .filter(|v| !v.is_blank())
                        .map(|v| (s, v))
                })
                .collect();
            // A row with nothing in a value column is blank (or a 合计
            // line's label): skipped.
            if !cells
                .iter()
                .any(|((_, _, s), _)| matches!(s, Slot::Value(_)))
            {
                continue;
            }
            let mut levels = vec![String::new(); table.levels.len()];
            let mut parent: Option<String> = None;
            for ((_, _, s), raw) in &cells {
                match s {
                    Slot::Parent => parent = Some(raw.text().trim().to_string()),
                    Slot::Level(i) => levels[*i] = raw.text().trim().to_string(),
                    Slot::Value(_) => {}
                }
            }
            // Where the record goes: the list at the sheet's keys, below its
            // parent's record and its levels.
            let (base_path, target): (String, Vec<String>) = match (&table.parent, parent_sheet) {
                (Some((pname, pheader)), Some(ps)) => {
                    let Some(key) = parent.clone() else {
                        let d = Diagnostic::error(
                            "field-missing",
                            tree::path_of(&sheet.keys),
                            format!("没有填写“{pheader}”：这一行属于“{pname}”中的哪一行"),
                        );
                        self.problem(&sheet.name, row, parent_col, pheader, d);
                        continue;
                    };
                    let firsts = self.keys_of.get(pname).cloned().unwrap_or_default();
                    let Some(i) = firsts.iter().position(|k| *k == key) else {
                        let d = Diagnostic::error(
                            "field-value",
                            tree::path_of(&sheet.keys),
                            format!("“{pname}”中没有“{}”", crate::diagnostic::excerpt(&key)),
                        );
                        self.problem(&sheet.name, row, parent_col, pheader, d);
                        continue;
                    };
                    let rel = &sheet.keys[ps.keys.len().min(sheet.keys.len())..];
                    let base = format!("{}[{i}].{}", tree::path_of(&ps.keys), tree::path_of(rel));
                    let mut target = ps.keys.clone();
                    target.push(format!("\u{0}{i}"));
                    target.extend(rel.iter().cloned());
                    (base, target)
                }
                _ => (tree::path_of(&sheet.keys), sheet.keys.clone()),
            };
            if let Some((i, _)) = levels.iter().enumerate().find(|(_, l)| l.is_empty()) {
                let (name, _) = &table.levels[i];
                let d = Diagnostic::error(
                    "field-missing",
                    base_path.clone(),
                    format!("没有填写“{name}”"),
                );
                let col = slots
                    .iter()
                    .find(|s| matches!(s.2, Slot::Level(j) if j == i))
                    .map_or(0, |s| s.0);
                self.problem(&sheet.name, row, col, name, d);
                continue;
            }
            let list_path = levels.iter().fold(base_path, |p, l| format!("{p}.{l}"));
            let n = counts.entry(list_path.clone()).or_default();
            let path = format!("{list_path}[{n}]");
            *n += 1;
            let mut record = Mapping::new();
            let first_col = slots
                .iter()
                .find(|s| matches!(s.2, Slot::Value(_)))
                .map_or(0, |s| s.0);
            self.cells
                .insert(path.clone(), CellRef::new(&sheet.name, row, first_col, ""));
            for ((c, h, s), raw) in &cells {
                let Slot::Value(column) = s else { continue };
                let leaf_path = format!("{path}.{}", h);
                let value = if column.list {
                    let items: Vec<Value> = raw
                        .text()
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .filter_map(|l| {
                            self.leaf(
                                &sheet.name,
                                (row, *c),
                                column,
                                &Raw::Text(l.to_string()),
                                &leaf_path,
                            )
                        })
                        .collect();
                    Some(Value::Sequence(items))
                } else {
                    self.leaf(&sheet.name, (row, *c), column, raw, &leaf_path)
                };
                if let Some(v) = value {
                    tree::put(&mut record, &column.keys, v, false);
                    self.cells
                        .insert(leaf_path, CellRef::new(&sheet.name, row, *c, h));
                }
            }
            fill_required(&record_fields, &mut record);
            let first = record
                .iter()
                .next()
                .map(|(_, v)| super::write::cell_text(v))
                .unwrap_or_default();
            firsts.push(first);
            let mut target = target;
            target.extend(levels);
            self.place(&target, Value::Mapping(record));
        }
        self.keys_of.insert(sheet.name.clone(), firsts);
    }

    /// Appends a record to the list at `keys`, a key "\0N" standing for
    /// the N-th record of the list above it.
    fn place(&mut self, keys: &[String], record: Value) {
        fn go(at: &mut Mapping, keys: &[String], record: Value) {
            let Some((k, rest)) = keys.split_first() else {
                return;
            };
            if rest.first().is_some_and(|n| n.starts_with('\u{0}')) {
                let i: usize = rest[0][1..].parse().unwrap_or(usize::MAX);
                let item = at
                    .get_mut(k.as_str())
                    .and_then(Value::as_sequence_mut)
                    .and_then(|s| s.get_mut(i))
                    .and_then(Value::as_mapping_mut);
                if let Some(item) = item {
                    go(item, &rest[1..], record);
                }
                return;
            }
            if rest.is_empty() {
                tree::put(at, std::slice::from_ref(k), record, true);
                return;
            }
            if let Some(next) = tree::mapping_at(at, std::slice::from_ref(k)) {
                go(next, rest, record);
            }
        }
        go(&mut self.root, keys, record);
    }
}

/// A field name or column header the sheet does not have, with the
/// nearest it does.
fn unknown(sheet: &SheetPlan, what: &str, name: &str, known: &[String]) -> Diagnostic {
    let d = Diagnostic::error(
        "field-unknown",
        tree::path_of(&sheet.keys),
        format!("工作表“{}”没有{what}", sheet.name),
    );
    match crate::suggest::closest(name, known.iter().map(String::as_str)) {
        Some(s) => d.with_help(format!("是不是“{s}”？")),
        None => d,
    }
}

/// Required tables and groups a record leaves empty are there, empty: a
/// 绩效目标表 without indicator rows still has its 绩效指标.
fn fill_required(fields: &[Field], record: &mut Mapping) {
    for f in fields.iter().filter(|f| f.required) {
        if record.contains_key(f.key.as_str()) {
            continue;
        }
        let empty = match &f.shape {
            Shape::List(_) => Value::Sequence(Vec::new()),
            Shape::Map(_) => Value::Mapping(Mapping::new()),
            Shape::Struct(_) if f.shape.table_depth().is_some() => Value::Mapping(Mapping::new()),
            _ => continue,
        };
        record.insert(Value::String(f.key.clone()), empty);
    }
}

/// `fill_required` through every record and group present, for the
/// groups a sheet of single values leaves empty (国有资产.车辆.分类 with no
/// vehicles).
fn fill_deep(fields: &[Field], at: &mut Mapping) {
    if at.is_empty() {
        return;
    }
    fill_required(fields, at);
    for f in fields {
        let Some(v) = at.get_mut(f.key.as_str()) else {
            continue;
        };
        match (&f.shape, v) {
            (Shape::Struct(inner), Value::Mapping(m)) => fill_deep(inner, m),
            (Shape::List(item), Value::Sequence(items)) => {
                if let Shape::Struct(inner) = &**item {
                    for i in items.iter_mut().filter_map(Value::as_mapping_mut) {
                        fill_deep(inner, i);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The row (of the first few) holding the most of `headers`.
fn header_row(grid: &Grid, headers: &[&str]) -> Option<u32> {
    (0..HEADER_SEARCH_ROWS)
        .map(|r| {
            let n = grid
                .range((r, 0)..(r + 1, 0))
                .filter(|(_, v)| headers.contains(&v.text().trim()))
                .count();
            (n, r)
        })
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, r)| (*n, std::cmp::Reverse(*r)))
        .map(|(_, r)| r)
}

/// The column a header (or a 字段 row's name) names: a fixed one, or one
/// whose names continue after its own (`版式字段.项目概述`).
fn column_for(columns: &[Column], header: &str) -> Option<Column> {
    if let Some(c) = columns.iter().find(|c| c.header() == header && !c.open) {
        return Some(c.clone());
    }
    columns.iter().filter(|c| c.open).find_map(|c| {
        let rest = header.strip_prefix(&c.header())?.strip_prefix('.')?;
        let mut c = c.clone();
        c.keys.push(rest.to_string());
        c.open = false;
        Some(c)
    })
}

impl CellRef {
    pub fn new(sheet: &str, row: u32, col: u32, header: &str) -> CellRef {
        CellRef {
            sheet: sheet.to_string(),
            cell: cell_name(row, col),
            header: header.to_string(),
        }
    }
}
