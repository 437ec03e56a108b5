//! 版式字段 against the layout set's declarations (`fields:` in `layout.yaml`).

use crate::check::{Context, Findings};
use crate::model::{FieldDecl, FieldValue, Fields};
use std::collections::BTreeMap;

/// Every 版式字段 of a unit's file: declared, of its type, and present when required.
pub fn layout_fields(cx: &Context, f: &mut Findings) {
    let (b, declared) = (cx.budget, &cx.profile.fields);
    one(f, "", &b.fields, &declared.budget, "预算文件");
    one(f, "单位", &b.unit.fields, &declared.unit, "单位");
    for (i, p) in b.projects.iter().enumerate() {
        one(
            f,
            &format!("项目[{i}]"),
            &p.fields,
            &declared.project,
            "项目",
        );
    }
    for (i, form) in b.performance_forms.iter().enumerate() {
        let at = format!("绩效目标表[{i}]");
        one(f, &at, &form.fields, &declared.form, "绩效目标表");
    }
}

/// The 部门's own 版式字段 in 部门.yaml (its units' were checked with them).
pub fn department_layout_fields(cx: &Context, f: &mut Findings) {
    let (b, declared) = (cx.budget, &cx.profile.fields);
    one(f, "", &b.fields, &declared.budget, "部门文件");
    one(f, "部门", &b.unit.fields, &declared.unit, "部门");
}

fn one(
    f: &mut Findings,
    parent: &str,
    written: &Fields,
    declared: &BTreeMap<String, FieldDecl>,
    what: &str,
) {
    let at = |name: &str| {
        let key = if parent.is_empty() {
            "版式字段".to_string()
        } else {
            format!("{parent}.版式字段")
        };
        format!("{key}.{name}")
    };
    for (name, value) in written {
        match declared.get(name) {
            None => {
                let hint = crate::suggest::closest(name, declared.keys().map(String::as_str))
                    .map(|c| format!("，您是否想写“{c}”"))
                    .unwrap_or_default();
                let known = if declared.is_empty() {
                    "版式没有为此处声明任何字段".to_string()
                } else {
                    let names: Vec<&str> = declared.keys().map(String::as_str).collect();
                    format!("可用：{}", names.join("、"))
                };
                f.add(
                    at(name),
                    format!("版式字段“{name}”没有在版式中声明{hint}（{known}）"),
                );
            }
            Some(d) if !value.is(d.kind) => {
                f.add(at(name), format!("版式字段“{name}”应为{}", d.kind.label()));
            }
            Some(_) => {}
        }
    }
    for (name, d) in declared {
        defined_items(f, &at(name), name, d, written);
    }
    for (name, d) in declared {
        if d.required && !written.contains_key(name) {
            let place = if parent.is_empty() {
                "版式字段".to_string()
            } else {
                format!("{parent}.版式字段")
            };
            let path = if written.is_empty() {
                parent.to_string()
            } else {
                place
            };
            f.add(
                path,
                format!(
                    "{what}缺少版式要求的字段“{name}”（{}，填写在 版式字段 下）",
                    if d.description.is_empty() {
                        d.kind.label()
                    } else {
                        &d.description
                    }
                ),
            );
        }
    }
}

/// A 列表 with `defined_in` (the 名词解释 a document lists) and the 映射 it
/// names: each listed name is one the set explains (its default's) or the
/// file does, and each name the file explains is listed, else it would not
/// be printed.
fn defined_items(f: &mut Findings, at: &str, name: &str, d: &FieldDecl, written: &Fields) {
    let Some(target) = &d.defined_in else {
        return;
    };
    let listed = match written.get(name) {
        Some(FieldValue::List(items)) => items.as_slice(),
        Some(_) => return,
        None => d.known_items(),
    };
    let own = match written.get(target) {
        Some(FieldValue::Map(m)) => Some(m),
        _ => None,
    };
    for (i, item) in listed.iter().enumerate() {
        if d.known_items().contains(item) || own.is_some_and(|m| m.contains_key(item)) {
            continue;
        }
        let diag = f.add(
            format!("{at}[{i}]"),
            format!("“{item}”不是版式写好的条目，也没有在 版式字段.{target} 中写出"),
        );
        match crate::suggest::closest(item, d.known_items().iter().map(String::as_str)) {
            Some(near) => diag.hint(format!(
                "是否应为“{near}”？自己加的条目请在 {target} 下写“{item}: 内容”"
            )),
            None => diag.hint(format!("请在 版式字段.{target} 下写“{item}: 内容”")),
        };
    }
    let Some(own) = own else {
        return;
    };
    let key = at.rsplit_once('.').map_or("", |(parent, _)| parent);
    for term in own.keys().filter(|t| !listed.contains(t)) {
        f.add(
            format!("{key}.{target}.{term}"),
            format!("“{term}”没有列在 {name} 中：它的内容不会印出"),
        )
        .hint(format!(
            "要印出它，请把它加进 版式字段.{name}（写出全部要列的条目）"
        ));
    }
}

/// The optional fields of the budget format the layout prints (`check.requires`)
/// are written: in every element when the path passes through a list.
pub fn layout_requires(cx: &Context, f: &mut Findings) {
    for path in &cx.profile.requires {
        for r in reached(cx, path) {
            if let Reached::Missing { parent, name } = r {
                f.add(parent, format!("本版式要求填写“{path}”，这里缺少“{name}”"));
            }
        }
    }
}

/// A project's 期限 is one its format lists (`project_terms`; 经常性 and
/// 一次性 when the set lists none).
pub fn project_term(cx: &Context, f: &mut Findings) {
    let terms = &cx.profile.project_terms;
    for (i, p) in cx.budget.projects.iter().enumerate() {
        if terms.contains(&p.term) {
            continue;
        }
        let d = f.add(
            format!("项目[{i}].期限"),
            format!("“{}”不是所用版式的项目期限", p.term),
        );
        let all = terms.join("、");
        match crate::suggest::closest(&p.term, terms.iter().map(String::as_str)) {
            Some(near) => d.hint(format!("是否应为“{near}”？可写：{all}")),
            None => d.hint(format!("可写：{all}（版式的 project_terms）")),
        };
    }
}

/// `显示` names one of the ways of writing figures the set allows.
pub fn display_variant(cx: &Context, f: &mut Findings) {
    let Some(name) = &cx.budget.display else {
        return;
    };
    let allowed = &cx.profile.display_variants;
    if allowed.contains_key(name) {
        return;
    }
    let names: Vec<&str> = allowed.keys().map(String::as_str).collect();
    let d = f.add("显示", format!("“{name}”不是所用版式允许的数字写法"));
    match crate::suggest::closest(name, names.iter().copied()) {
        _ if names.is_empty() => d.hint("所用版式只有一种写法：删去“显示”"),
        Some(near) => d.hint(format!("是否应为“{near}”？可写：{}", names.join("、"))),
        None => d.hint(format!("可写：{}", names.join("、"))),
    };
}

/// A field the format neither prints nor checks, written anyway: said once,
/// at its first place, since an officer who filled it in expects it to show
/// (`编报绩效目标: true` in a format that counts every project).
pub fn unprinted_fields(cx: &Context, f: &mut Findings) {
    for path in &cx.profile.unprinted {
        let places: Vec<String> = reached(cx, path)
            .into_iter()
            .filter_map(|r| match r {
                Reached::Written(at) => Some(at),
                Reached::Missing { .. } => None,
            })
            .collect();
        let Some(first) = places.first() else {
            continue;
        };
        let count = match places.len() {
            1 => String::new(),
            n => format!("（共 {n} 处）"),
        };
        f.add(
            first.clone(),
            format!("所用版式的公开材料不印出、也不检查“{path}”{count}：写了不改变生成的文件"),
        )
        .hint("不需要时可以删去；要印出它，请选用印出它的版式（--layout）");
    }
}

/// Where a dotted path reaches in the budget (its JSON, made once per check).
fn reached(cx: &Context, path: &str) -> Vec<Reached> {
    let Some(budget) = cx.budget_json() else {
        return Vec::new();
    };
    let names: Vec<&str> = path.split('.').collect();
    let mut out = Vec::new();
    follow(budget, &names, String::new(), &mut out);
    out
}

/// Where a dotted path reaches under `value`, through every element of a
/// list on its way.
enum Reached {
    /// Its end, written (not null): the field's path.
    Written(String),
    /// Short of its end: the path of the last object found (what a message
    /// points at) and the name missing from it.
    Missing { parent: String, name: String },
}

fn follow(value: &serde_json::Value, names: &[&str], at: String, out: &mut Vec<Reached>) {
    use serde_json::Value;
    let Some((first, rest)) = names.split_first() else {
        if !value.is_null() {
            out.push(Reached::Written(at));
        }
        return;
    };
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                follow(item, names, format!("{at}[{i}]"), out);
            }
        }
        Value::Object(map) => match map.get(*first) {
            None | Some(Value::Null) => out.push(Reached::Missing {
                parent: at,
                name: first.to_string(),
            }),
            Some(next) => {
                let path = if at.is_empty() {
                    first.to_string()
                } else {
                    format!("{at}.{first}")
                };
                follow(next, rest, path, out);
            }
        },
        _ => {}
    }
}
