//! Classification codes against the catalogue.

use crate::check::walk::{self, CodeKind};
use crate::check::{Context, Findings};
use crate::model::Code;
use std::collections::BTreeMap;

/// Every function code written in the file, with its path.
fn function_uses<'a>(cx: &Context<'a>) -> Vec<(String, &'a Code)> {
    walk::codes(cx.budget)
        .into_iter()
        .filter(|u| u.kind == CodeKind::Function)
        .map(|u| (u.path, u.code))
        .collect()
}

fn known(cx: &Context, catalogue: &BTreeMap<String, String>, code: &Code) -> bool {
    catalogue.contains_key(code.as_str()) || cx.budget.code_names.contains_key(code.as_str())
}

pub fn function_unknown(cx: &Context, f: &mut Findings) {
    for (path, code) in function_uses(cx) {
        if code.as_str().len() != 7 {
            continue; // function_level reports it
        }
        for level in code.lineage(&crate::compute::FUNCTION_LEVELS) {
            if !known(cx, &cx.catalog.function, &level) {
                f.add(
                    path.clone(),
                    format!("功能科目 {level} 不在 {} 年科目目录中", cx.catalog.year),
                )
                .hint("核对编码；确属地方科目的，在“科目名称”中为它命名");
                break;
            }
        }
    }
}

pub fn function_level(cx: &Context, f: &mut Findings) {
    for (path, code) in function_uses(cx) {
        let n = code.as_str().len();
        if n != 7 {
            let level = match n {
                3 => "类",
                5 => "款",
                _ => "不完整的编码",
            };
            f.add(
                path,
                format!(
                    "功能科目 {code} 是{level}（{n} 位）：支出须写到 7 位的项，类、款由工具汇总"
                ),
            );
        }
    }
}

pub fn economic_unknown(cx: &Context, f: &mut Findings) {
    for (i, l) in cx.budget.basic.iter().enumerate() {
        if l.economic.as_str().len() == 5 && !known(cx, &cx.catalog.economic, &l.economic) {
            f.add(
                format!("基本支出[{i}].经济科目"),
                format!("部门经济科目 {} 不在科目目录中", l.economic),
            );
        }
    }
}

pub fn economic_level(cx: &Context, f: &mut Findings) {
    for (i, l) in cx.budget.basic.iter().enumerate() {
        let n = l.economic.as_str().len();
        if n != 5 {
            f.add(
                format!("基本支出[{i}].经济科目"),
                format!(
                    "部门经济科目 {} 有 {n} 位：须写到 5 位的款，如 30101",
                    l.economic
                ),
            );
        }
    }
}

pub fn government_unknown(cx: &Context, f: &mut Findings) {
    for (i, l) in cx.budget.basic.iter().enumerate() {
        let g = &l.government_economic;
        if g.as_str().len() != 5 || !known(cx, &cx.catalog.government_economic, g) {
            f.add(
                format!("基本支出[{i}].政府经济科目"),
                format!("政府经济科目 {g} 不是目录中的 5 位款级编码"),
            );
        }
    }
}

pub fn mapping_conflict(cx: &Context, f: &mut Findings) {
    let mut first: BTreeMap<&Code, (usize, &Code)> = BTreeMap::new();
    for (i, l) in cx.budget.basic.iter().enumerate() {
        match first.get(&l.economic) {
            Some((j, g)) if *g != &l.government_economic => {
                f.add(
                    format!("基本支出[{i}].政府经济科目"),
                    format!(
                        "经济科目 {} 在这里对应政府经济科目 {}，而在基本支出第 {} 行对应 {}：表六同一行只能有一个对应科目",
                        l.economic,
                        l.government_economic,
                        j + 1,
                        g
                    ),
                );
            }
            Some(_) => {}
            None => {
                first.insert(&l.economic, (i, &l.government_economic));
            }
        }
    }
}

pub fn mapping_class(cx: &Context, f: &mut Findings) {
    for (i, l) in cx.budget.basic.iter().enumerate() {
        let (e, g) = (l.economic.as_str(), l.government_economic.as_str());
        if !cx.catalog.mapping_allowed(e, g) {
            let names = &cx.ledger.names;
            f.add(
                format!("基本支出[{i}].政府经济科目"),
                format!(
                    "部门经济科目 {e}（{}）一般不对应政府经济科目 {g}（{}）",
                    names.of(&l.economic),
                    names.of(&l.government_economic)
                ),
            );
        }
    }
}

pub fn name_override(cx: &Context, f: &mut Findings) {
    let c = cx.catalog;
    for (code, name) in &cx.budget.code_names {
        let official = c
            .function
            .get(code)
            .or_else(|| c.economic.get(code))
            .or_else(|| c.government_economic.get(code));
        if let Some(official) = official
            && official != name
        {
            f.add(
                format!("科目名称.{code}"),
                format!(
                    "科目 {code} 在目录中名为“{official}”，文件写作“{name}”：公开表将用文件中的名称"
                ),
            );
        }
    }
}
