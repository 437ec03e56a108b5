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
                let of = match level.as_str().len() {
                    3 => format!("（{code} 所属的类）"),
                    5 => format!("（{code} 所属的款）"),
                    _ => String::new(),
                };
                f.add(
                    path.clone(),
                    format!(
                        "功能科目 {level}{of}不在 {} 年科目目录中，文件也没有写它的名称",
                        cx.catalog.year
                    ),
                )
                .hint(unnamed_hint(&level));
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
                format!(
                    "部门经济科目 {} 不在 {} 年科目目录中，文件也没有写它的名称",
                    l.economic, cx.catalog.year
                ),
            )
            .hint(unnamed_hint(&l.economic));
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
        if g.as_str().len() != 5 {
            f.add(
                format!("基本支出[{i}].政府经济科目"),
                format!(
                    "政府经济科目 {g} 有 {} 位：须写到 5 位的款，如 50501",
                    g.as_str().len()
                ),
            );
        } else if !known(cx, &cx.catalog.government_economic, g) {
            f.add(
                format!("基本支出[{i}].政府经济科目"),
                format!(
                    "政府经济科目 {g} 不在 {} 年科目目录中，文件也没有写它的名称",
                    cx.catalog.year
                ),
            )
            .hint(unnamed_hint(g));
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

/// What to do about a code neither the catalogue nor the file names: the
/// bundled catalogues are excerpts, so a real code may well be missing.
fn unnamed_hint(code: &Code) -> String {
    format!(
        "随附的科目目录只收录常用科目：编码无误时，在“科目名称”中写明它的名称即可使用（YAML 写 科目名称: {{ \"{code}\": 名称 }}，工作簿在“基本信息”加一行“科目名称.{code}”，或在科目单元格写“{code} 名称”）；也请核对编码是否写错"
    )
}

/// Codes the catalogue lacks and the file names: used with the file's
/// name, said once each, so that the officer confirms code and name.
pub fn named_by_file(cx: &Context, f: &mut Findings) {
    let c = cx.catalog;
    let mut said: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for u in walk::codes(cx.budget) {
        let (catalogue, levels): (&BTreeMap<String, String>, Vec<Code>) = match u.kind {
            CodeKind::Function => (
                &c.function,
                u.code.lineage(&crate::compute::FUNCTION_LEVELS),
            ),
            CodeKind::Economic => (&c.economic, vec![u.code.clone()]),
            CodeKind::Government => (&c.government_economic, vec![u.code.clone()]),
        };
        for level in levels {
            let code = level.as_str();
            if catalogue.contains_key(code) || said.contains(code) {
                continue;
            }
            let Some(name) = cx.budget.code_names.get(code) else {
                continue;
            };
            said.insert(code.to_string());
            f.add(
                u.path.clone(),
                format!(
                    "科目 {code} 不在随附的 {} 年科目目录中，按文件写的名称“{name}”使用",
                    c.year
                ),
            )
            .hint("随附的科目目录是节选：请确认编码和名称与当年的《政府收支分类科目》一致");
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
