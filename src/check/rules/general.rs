//! File-level facts: version, year, names.

use crate::check::{Context, Findings};

pub fn format_version(cx: &Context, f: &mut Findings) {
    if cx.budget.format_version != 1 {
        f.add(
            "格式版本",
            format!("格式版本为 {}，本工具只支持 1", cx.budget.format_version),
        );
    }
}

pub fn unit_name_blank(cx: &Context, f: &mut Findings) {
    let u = &cx.budget.unit;
    if u.name.trim().is_empty() {
        f.add("单位.名称", "单位名称为空：封面、表头和落款都需要单位全称");
    }
    if u.department.name.trim().is_empty() {
        f.add("单位.主管部门.名称", "主管部门名称为空");
    }
}

/// A kind of unit the year's catalogue does not list: whether it publishes
/// 机关运行经费, and how the narrative names it, would be guesses.
pub fn unit_kind(cx: &Context, f: &mut Findings) {
    let kind = &cx.budget.unit.unit_type;
    let known = &cx.catalog.unit_kinds;
    if known.contains(kind) {
        return;
    }
    let d = f.add(
        "单位.类型",
        format!(
            "单位类型“{kind}”不在 {} 年科目目录的单位类型中（{}）",
            cx.catalog.year,
            known.join("、")
        ),
    );
    if let Some(near) = crate::suggest::closest(kind, known.iter().map(String::as_str)) {
        d.hint(format!("是否指“{near}”？"));
    }
}

pub fn department_code(cx: &Context, f: &mut Findings) {
    let code = cx.budget.unit.department.code.trim();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_digit()) {
        f.add(
            "单位.主管部门.编码",
            format!("主管部门编码“{code}”应为 3 位数字，如 \"035\"（请加引号保留前导 0）"),
        );
    }
}

pub fn duty_numbered(cx: &Context, f: &mut Findings) {
    for (i, d) in cx.budget.unit.duties.iter().enumerate() {
        let t = d.trim_start();
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        let after = t.chars().nth(digits);
        if digits > 0 && matches!(after, Some('、' | '.' | '．' | '）' | ')')) {
            f.add(
                format!("单位.职责[{i}]"),
                "职责条目自带序号：版式会自动加“1、”等序号，请删去，否则会重复编号",
            );
        }
    }
}
