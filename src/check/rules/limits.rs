//! How much one budget may hold: a unit's file, or a 部门 consolidated from
//! its units. Beyond the file's bounds no real unit goes; a 部门 holds every
//! unit's forms and projects, so its bounds are those of a large 部门, set
//! from measured memory (see [`DEPARTMENT`]).

use crate::check::{Context, Findings};
use crate::model::Budget;

/// The counts one budget may reach.
pub struct Bounds {
    /// 绩效目标表.
    pub forms: usize,
    /// 项目.
    pub projects: usize,
    /// 基本支出 lines.
    pub basic_lines: usize,
    /// Characters of one text field: several pages of print.
    pub text_chars: usize,
    /// Characters of all text fields together.
    pub total_chars: usize,
}

/// One unit's file: within these every format is built in well under 1 GB
/// (measured for a 部门: 5,000 绩效目标表 cost the Word document about
/// 60 MB beyond the data; it took 720 MB for 1,000 before the forms' tables
/// were written as XML).
pub const FILE: Bounds = Bounds {
    forms: 1_000,
    projects: 2_000,
    basic_lines: 5_000,
    text_chars: 10_000,
    total_chars: 2_000_000,
};

/// A 部门 consolidated from its units: about 2,000 units the size of the
/// sample bureau's (measured with `cargo bench --bench batch -- 1000 2000`:
/// 2,000 such units, some 36,000 projects, build in 105 s and 808 MB; 1,000
/// in 56 s and 427 MB, most of it the units' budgets and ledgers, which the
/// 部门 is summed from, and the 部门 PDF's measured pages).
pub const DEPARTMENT: Bounds = Bounds {
    forms: 20_000,
    projects: 40_000,
    basic_lines: 100_000,
    text_chars: 10_000,
    total_chars: 40_000_000,
};

/// What is over `bounds` in `budget`: (field, message).
pub fn over(
    budget: &Budget,
    texts: &[(String, String)],
    bounds: &Bounds,
    what: &str,
    advice: &str,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, count, max, unit) in [
        (
            "绩效目标表",
            budget.performance_forms.len(),
            bounds.forms,
            "张绩效目标表",
        ),
        ("项目", budget.projects.len(), bounds.projects, "个项目"),
        (
            "基本支出",
            budget.basic.len(),
            bounds.basic_lines,
            "行基本支出",
        ),
    ] {
        if count > max {
            out.push((
                path.to_string(),
                format!("共 {count} {unit}，超过{what}的上限 {max}：{advice}"),
            ));
        }
    }
    let mut total = 0usize;
    for (path, text) in texts {
        let n = text.chars().count();
        total = total.saturating_add(n);
        if n > bounds.text_chars {
            out.push((
                path.clone(),
                format!(
                    "这段文字有 {n} 个字，超过上限 {}：请确认没有误粘贴整篇文档",
                    bounds.text_chars
                ),
            ));
        }
    }
    if total > bounds.total_chars {
        out.push((
            String::new(),
            format!(
                "全部文字共 {total} 个字，超过{what}的上限 {}",
                bounds.total_chars
            ),
        ));
    }
    out
}

pub fn size(cx: &Context, f: &mut Findings) {
    let found = over(
        cx.budget,
        &cx.texts,
        &FILE,
        "一个文件",
        "请确认没有重复粘贴，或拆分为多个单位",
    );
    for (path, message) in found {
        f.add(path, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn sample_with_projects(n: usize) -> Budget {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples/datong-finance-info-center-2024.yaml");
        let mut b = crate::load::load_file(&path)
            .map(|l| l.budget)
            .unwrap_or_else(|_| panic!("the sample loads"));
        let one = b.projects[0].clone();
        b.projects = vec![one; n];
        b
    }

    #[test]
    fn a_department_holds_more_than_one_file_may() {
        let b = sample_with_projects(FILE.projects + 1);
        let texts = crate::check::walk::texts(&b);
        let file = over(&b, &texts, &FILE, "一个文件", "拆分");
        assert_eq!(file.len(), 1, "{file:?}");
        assert_eq!(file[0].0, "项目");
        assert!(file[0].1.contains("超过一个文件的上限 2000"), "{file:?}");
        assert!(over(&b, &texts, &DEPARTMENT, "一个部门汇总", "").is_empty());
        let b = sample_with_projects(DEPARTMENT.projects + 1);
        let texts = crate::check::walk::texts(&b);
        let department = crate::check::department_size(&b);
        assert!(
            department
                .iter()
                .any(|d| d.rule == "department-size-limit" && d.message.contains("40000")),
            "{department:?}"
        );
        assert_eq!(over(&b, &texts, &FILE, "一个文件", "").len(), 1);
    }
}
