//! Table (and chart) cells as printed: tables matched by title, rows by
//! their labels, columns by their headings.

use super::CellChange;
use crate::doc::{Align, Block, Chart, Document, Table};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

pub fn compare(old: &Document, new: &Document) -> Vec<CellChange> {
    let before: BTreeMap<(String, usize), Grid> = grids(old).into_iter().collect();
    let mut out = Vec::new();
    // In the order the new document prints them (表二 after 表一, not after 表十二).
    for (key, grid) in grids(new) {
        let old_rows = before.get(&key).map(|g| g.rows.as_slice()).unwrap_or(&[]);
        compare_rows(&key.0, &grid, old_rows, &mut out);
    }
    out
}

/// What a reader sees of a table or a chart: column headings, which columns
/// hold figures, and labelled rows of printed texts.
struct Grid {
    columns: Vec<String>,
    figure: Vec<bool>,
    rows: Vec<KeyedRow>,
}

/// A body row: its label (the texts that are not figures, numbered when the
/// same label repeats) and its cells.
type KeyedRow = (String, Vec<String>);

/// Tables and charts by (title, occurrence), in document order: the same
/// title can appear more than once (one 绩效目标表 per project).
fn grids(doc: &Document) -> Vec<((String, usize), Grid)> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for b in &doc.blocks {
        let (title, grid) = match b {
            Block::Table(t) => (table_name(t), table_grid(t)),
            Block::Chart(c) => (format!("图 {}", c.title), chart_grid(c)),
            _ => continue,
        };
        let n = seen.entry(title.clone()).or_default();
        *n += 1;
        out.push(((title, *n), grid));
    }
    out
}

fn table_name(t: &Table) -> String {
    match &t.caption {
        Some(c) => format!("{c} {}", t.title),
        None => t.title.clone(),
    }
}

fn table_grid(t: &Table) -> Grid {
    Grid {
        columns: column_names(t),
        figure: t.columns.iter().map(|c| c.align == Align::Right).collect(),
        rows: keyed(t.text_grid(&t.body)),
    }
}

fn chart_grid(c: &Chart) -> Grid {
    Grid {
        columns: vec!["项目".into(), format!("金额（{}）", c.unit), "占比".into()],
        figure: vec![false, true, true],
        rows: keyed(
            c.items
                .iter()
                .map(|i| vec![i.label.clone(), i.value.to_string(), i.share.clone()])
                .collect(),
        ),
    }
}

fn keyed(grid: Vec<Vec<String>>) -> Vec<KeyedRow> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    grid.into_iter()
        .map(|cells| {
            let label: Vec<&str> = cells
                .iter()
                .map(String::as_str)
                .filter(|c| !c.is_empty() && number(c).is_none())
                .collect();
            let mut label = label.join(" · ");
            let n = seen.entry(label.clone()).or_default();
            *n += 1;
            if *n > 1 {
                label = format!("{label}（第 {n} 处）");
            }
            (label, cells)
        })
        .collect()
}

fn compare_rows(title: &str, grid: &Grid, old: &[KeyedRow], out: &mut Vec<CellChange>) {
    let old_by_label: BTreeMap<&str, &Vec<String>> =
        old.iter().map(|(l, c)| (l.as_str(), c)).collect();
    let new_labels: std::collections::BTreeSet<&str> =
        grid.rows.iter().map(|(l, _)| l.as_str()).collect();
    let change = |row: &str, cells: &[String], col: usize, old: &str, new: &str| CellChange {
        table: title.to_string(),
        row: cell_label(&grid.figure, cells, col).unwrap_or_else(|| row.to_string()),
        column: grid
            .columns
            .get(col)
            .cloned()
            .unwrap_or_else(|| format!("第 {} 列", col + 1)),
        old: old.to_string(),
        new: new.to_string(),
        difference: difference(old, new),
    };
    for (label, cells) in &grid.rows {
        match old_by_label.get(label.as_str()) {
            Some(before) => {
                for (col, text) in cells.iter().enumerate() {
                    let was = before.get(col).map(String::as_str).unwrap_or("");
                    if was != text {
                        out.push(change(label, cells, col, was, text));
                    }
                }
            }
            None => {
                for (col, text) in cells.iter().enumerate() {
                    if number(text).is_some() {
                        out.push(change(label, cells, col, "", text));
                    }
                }
            }
        }
    }
    for (label, cells) in old {
        if !new_labels.contains(label.as_str()) {
            for (col, text) in cells.iter().enumerate() {
                if number(text).is_some() {
                    out.push(change(label, cells, col, text, ""));
                }
            }
        }
    }
}

/// What a figure cell is the figure of: the text columns just left of its
/// run of figure columns. In a side-by-side table (收入 | 支出) that is its
/// own side's label, not the whole row's.
fn cell_label(figure: &[bool], cells: &[String], col: usize) -> Option<String> {
    let figure = |k: usize| figure.get(k).copied().unwrap_or(false);
    let mut k = col;
    while k > 0 && figure(k - 1) {
        k -= 1;
    }
    let mut parts = Vec::new();
    while k > 0 && !figure(k - 1) {
        k -= 1;
        if let Some(text) = cells.get(k).filter(|s| !s.is_empty()) {
            parts.push(text.as_str());
        }
    }
    parts.reverse();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Each column's heading: the header texts above it, top to bottom.
fn column_names(t: &Table) -> Vec<String> {
    let grid = t.text_grid(&t.header);
    (0..t.columns.len())
        .map(|col| {
            let parts: Vec<&str> = grid
                .iter()
                .filter_map(|row| row.get(col).map(String::as_str))
                .filter(|s| !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit()))
                .collect();
            if parts.is_empty() {
                format!("第 {} 列", col + 1)
            } else {
                parts.join(" · ")
            }
        })
        .collect()
}

/// A figure as printed: 1,101.04 or 9.10%.
fn number(text: &str) -> Option<Decimal> {
    let t = text.trim().trim_end_matches('%').replace(',', "");
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    Decimal::from_str(&t).ok()
}

fn difference(old: &str, new: &str) -> Option<String> {
    let a = if old.is_empty() {
        Some(Decimal::ZERO)
    } else {
        number(old)
    }?;
    let b = if new.is_empty() {
        Some(Decimal::ZERO)
    } else {
        number(new)
    }?;
    if old.is_empty() && new.is_empty() {
        return None;
    }
    let mut d = b - a;
    // As many decimals as the figures printed (1101.04 → +1.00, 9.10% → -0.08).
    d.rescale(a.scale().max(b.scale()));
    let sign = if d > Decimal::ZERO { "+" } else { "" };
    let unit = if new.ends_with('%') || old.ends_with('%') {
        "个百分点"
    } else {
        ""
    };
    Some(format!("{sign}{d}{unit}"))
}
