//! The diff for a reader (Chinese) and for scripts (JSON).

use super::Diff;
use crate::compute::display::yuan_grouped;
use rust_decimal::Decimal;
use std::fmt::Write;

pub fn human(d: &Diff, old_name: &str, new_name: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "比较：{old_name} → {new_name}");
    if d.is_empty() {
        let _ = writeln!(out, "没有任何数字、表格或文字变化。");
        return out;
    }
    let _ = writeln!(out, "\n一、数字变化（{} 项，单位：元）", d.figures.len());
    for f in &d.figures {
        let delta = f.new - f.old;
        let sign = if delta > Decimal::ZERO { "+" } else { "" };
        let _ = writeln!(
            out,
            "  {}：{} → {}（{sign}{}）",
            f.item,
            yuan_grouped(f.old),
            yuan_grouped(f.new),
            yuan_grouped(delta)
        );
    }
    let _ = writeln!(out, "\n二、表格和图的变化（{} 格）", d.cells.len());
    let mut table = "";
    for c in &d.cells {
        if c.table != table {
            table = &c.table;
            let _ = writeln!(out, "  {table}");
        }
        let old = if c.old.is_empty() {
            "（空）"
        } else {
            &c.old
        };
        let new = if c.new.is_empty() {
            "（空）"
        } else {
            &c.new
        };
        let diff = c
            .difference
            .as_ref()
            .map(|x| format!("（{x}）"))
            .unwrap_or_default();
        let _ = writeln!(out, "    {} | {}：{old} → {new}{diff}", c.row, c.column);
    }
    let _ = writeln!(out, "\n三、文字变化（{} 句）", d.sentences.len());
    for s in &d.sentences {
        let _ = writeln!(out, "  【{}】", s.section);
        match (&s.old, &s.new) {
            (Some(o), Some(n)) => {
                let _ = writeln!(out, "    原：{o}\n    新：{n}");
            }
            (Some(o), None) => {
                let _ = writeln!(out, "    删去：{o}");
            }
            (None, Some(n)) => {
                let _ = writeln!(out, "    新增：{n}");
            }
            (None, None) => {}
        }
    }
    out
}

pub fn json(d: &Diff) -> String {
    serde_json::to_string_pretty(d).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
