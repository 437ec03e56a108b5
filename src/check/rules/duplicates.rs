//! The same thing entered twice.

use crate::check::{Context, Findings};
use std::collections::HashMap;

pub fn projects(cx: &Context, f: &mut Findings) {
    let mut seen: HashMap<(&str, crate::model::Period), usize> = HashMap::new();
    for (i, p) in cx.budget.projects.iter().enumerate() {
        if let Some(j) = seen.insert((p.name.trim(), p.period), i) {
            f.add(
                format!("项目[{i}].名称"),
                format!(
                    "项目“{}”与第 {} 个项目重名：同一项目请合并为一条",
                    p.name,
                    j + 1
                ),
            );
        }
    }
}

pub fn basic_lines(cx: &Context, f: &mut Findings) {
    let mut seen = HashMap::new();
    for (i, l) in cx.budget.basic.iter().enumerate() {
        // A code split between 人员经费 and 公用经费 is written as two lines.
        let key = (&l.function, &l.economic, l.source, l.period, l.side);
        if let Some(j) = seen.insert(key, i) {
            f.add(
                format!("基本支出[{i}]"),
                format!(
                    "功能科目 {}、经济科目 {} 的{}基本支出在第 {} 条已经填过：可能重复录入",
                    l.function,
                    l.economic,
                    l.source.label(),
                    j + 1
                ),
            );
        }
    }
}

pub fn departments(cx: &Context, f: &mut Findings) {
    let mut seen = HashMap::new();
    for (i, d) in cx.budget.unit.departments.iter().enumerate() {
        if let Some(j) = seen.insert(d.name.trim(), i) {
            f.add(
                format!("单位.内设机构[{i}].名称"),
                format!("内设机构“{}”与第 {} 个重名", d.name, j + 1),
            );
        }
    }
}
