//! The diff for a reader (Chinese) and for scripts (JSON).

use super::changes::{Diff, YearOverYear};
use crate::compute::display::{percent_text, wan_grouped, yuan_grouped};
use crate::compute::{Change, Direction};
use rust_decimal::Decimal;
use std::fmt::Write;

pub fn human(d: &Diff, old_name: &str, new_name: &str) -> String {
    if let Some(y) = &d.years {
        return years(d, y, old_name, new_name);
    }
    let mut out = String::new();
    let _ = writeln!(out, "比较：{old_name} → {new_name}");
    if d.is_empty() {
        let _ = writeln!(out, "没有任何数字、表格或文字变化。");
        return out;
    }
    figures(&mut out, "一", d);
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

/// Two years: the changes the narrative explains first, then the figures.
fn years(d: &Diff, y: &YearOverYear, old_name: &str, new_name: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "同比：{old_name}（{} 年）→ {new_name}（{} 年）\n这是两个年度的比较，不是同一年度的更正。",
        y.from, y.to
    );
    let _ = writeln!(out, "\n一、说明中陈述的增减（单位：万元）");
    for e in &y.explained {
        let c = Change::new(e.this, e.last);
        let moved = match c.direction() {
            Direction::Flat => "持平".to_string(),
            dir => {
                let (verb, trend) = match dir {
                    Direction::Up => ("增加", "增长"),
                    _ => ("减少", "下降"),
                };
                let rate = c
                    .rate()
                    .and_then(|r| percent_text(r.abs(), Decimal::ONE))
                    .map(|r| format!("，{trend} {r}"))
                    .unwrap_or_default();
                format!("{verb} {}{rate}", wan_grouped(c.diff().abs()))
            }
        };
        let reason = match (&e.reason, e.reason_missing) {
            (Some(r), _) => format!("；原因：{r}"),
            (None, true) => "；未填写变动原因".to_string(),
            (None, false) => String::new(),
        };
        let _ = writeln!(
            out,
            "  {}：{} → {}，{moved}{reason}",
            e.item,
            wan_grouped(e.last),
            wan_grouped(e.this)
        );
    }
    if !y.mismatches.is_empty() {
        let _ = writeln!(
            out,
            "\n注意：新文件的上年数与原文件本身的数不一致（单位：元）"
        );
        for m in &y.mismatches {
            let _ = writeln!(
                out,
                "  {}：新文件的上年数 {}，原文件 {}",
                m.item,
                yuan_grouped(m.stated),
                yuan_grouped(m.actual)
            );
        }
    }
    figures(&mut out, "二", d);
    out
}

/// The section of figures that moved, numbered `ordinal`.
fn figures(out: &mut String, ordinal: &str, d: &Diff) {
    let _ = writeln!(
        out,
        "\n{ordinal}、数字变化（{} 项，单位：元）",
        d.figures.len()
    );
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
}

pub fn json(d: &Diff) -> String {
    serde_json::to_string_pretty(d).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
