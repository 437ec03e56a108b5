//! Table (and chart) cells as printed: tables matched by title, rows by
//! their labels, columns by their headings.

use super::changes::CellChange;
use crate::doc::{Block, CellContent, Chart, Document, Table};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

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
/// hold figures, and labelled rows of printed cells.
struct Grid {
    columns: Vec<String>,
    figure: Vec<bool>,
    rows: Vec<KeyedRow>,
}

/// A cell as printed, with the figure it shows when it shows one (a
/// typed number cell of the tree; a code such as 2010301 is text).
#[derive(Clone)]
struct Shown {
    text: String,
    value: Option<Decimal>,
}

impl Shown {
    fn text(text: &str) -> Shown {
        Shown {
            text: text.to_string(),
            value: None,
        }
    }
}

/// A body row: its label (the texts that are not figures, numbered when the
/// same label repeats) and its cells.
type KeyedRow = (String, Vec<Shown>);

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

/// The body on the column grid (covered positions empty); a column holds
/// figures when any of its cells is a number.
fn table_grid(t: &Table) -> Grid {
    let mut rows = vec![vec![Shown::text(""); t.width()]; t.body.len()];
    let mut figure = vec![false; t.width()];
    for g in t.grid(&t.body) {
        // Scaled to the decimals printed: 3.00 changing to 4.50 is +1.50.
        let value = match &g.cell.content {
            CellContent::Number { value, style, .. } => {
                let mut v = *value;
                v.rescale(style.decimals);
                Some(v)
            }
            _ => None,
        };
        figure[g.col] |= value.is_some();
        rows[g.row][g.col] = Shown {
            text: g.cell.text().to_string(),
            value,
        };
    }
    Grid {
        columns: column_names(t),
        figure,
        rows: keyed(rows),
    }
}

fn chart_grid(c: &Chart) -> Grid {
    Grid {
        columns: vec!["项目".into(), format!("金额（{}）", c.unit), "占比".into()],
        figure: vec![false, true, true],
        rows: keyed(
            c.items
                .iter()
                .map(|i| {
                    vec![
                        Shown::text(&i.label),
                        Shown {
                            text: i.value.to_string(),
                            value: Some(i.value),
                        },
                        Shown {
                            text: i.share.clone(),
                            value: i.percent,
                        },
                    ]
                })
                .collect(),
        ),
    }
}

fn keyed(grid: Vec<Vec<Shown>>) -> Vec<KeyedRow> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    grid.into_iter()
        .map(|cells| {
            let label: Vec<&str> = cells
                .iter()
                .filter(|c| !c.text.is_empty() && c.value.is_none())
                .map(|c| c.text.as_str())
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
    let old_by_label: BTreeMap<&str, &Vec<Shown>> =
        old.iter().map(|(l, c)| (l.as_str(), c)).collect();
    let new_labels: std::collections::BTreeSet<&str> =
        grid.rows.iter().map(|(l, _)| l.as_str()).collect();
    let blank = Shown::text("");
    let change = |row: &str, cells: &[Shown], col: usize, old: &Shown, new: &Shown| CellChange {
        table: title.to_string(),
        row: cell_label(&grid.figure, cells, col).unwrap_or_else(|| row.to_string()),
        column: grid
            .columns
            .get(col)
            .cloned()
            .unwrap_or_else(|| format!("第 {} 列", col + 1)),
        old: old.text.clone(),
        new: new.text.clone(),
        difference: difference(old, new),
    };
    for (label, cells) in &grid.rows {
        match old_by_label.get(label.as_str()) {
            Some(before) => {
                for (col, now) in cells.iter().enumerate() {
                    let was = before.get(col).unwrap_or(&blank);
                    if was.text != now.text {
                        out.push(change(label, cells, col, was, now));
                    }
                }
            }
            None => {
                for (col, now) in cells.iter().enumerate() {
                    if now.value.is_some() {
                        out.push(change(label, cells, col, &blank, now));
                    }
                }
            }
        }
    }
    for (label, cells) in old {
        if !new_labels.contains(label.as_str()) {
            for (col, was) in cells.iter().enumerate() {
                if was.value.is_some() {
                    out.push(change(label, cells, col, was, &blank));
                }
            }
        }
    }
}

/// What a figure cell is the figure of: the text columns just left of its
/// run of figure columns. In a side-by-side table (收入 | 支出) that is its
/// own side's label, not the whole row's.
fn cell_label(figure: &[bool], cells: &[Shown], col: usize) -> Option<String> {
    let figure = |k: usize| figure.get(k).copied().unwrap_or(false);
    let mut k = col;
    while k > 0 && figure(k - 1) {
        k -= 1;
    }
    let mut parts = Vec::new();
    while k > 0 && !figure(k - 1) {
        k -= 1;
        if let Some(cell) = cells.get(k).filter(|c| !c.text.is_empty()) {
            parts.push(cell.text.as_str());
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

/// The change of a figure cell, with as many decimals as the figures
/// printed (1101.04 → +1.00, 9.10% → -0.08); a blank figure cell is zero.
/// None when either side is a text.
fn difference(old: &Shown, new: &Shown) -> Option<String> {
    let value = |c: &Shown| match c.value {
        Some(v) => Some(v),
        None if c.text.is_empty() => Some(Decimal::ZERO),
        None => None,
    };
    let (a, b) = (value(old)?, value(new)?);
    if old.value.is_none() && new.value.is_none() {
        return None;
    }
    let mut d = b - a;
    d.rescale(a.scale().max(b.scale()));
    let sign = if d > Decimal::ZERO { "+" } else { "" };
    let unit = if new.text.ends_with('%') || old.text.ends_with('%') {
        "个百分点"
    } else {
        ""
    };
    Some(format!("{sign}{d}{unit}"))
}
