//! Walks over every amount, code and text of a budget, with its YAML path.

use crate::catalog::Catalog;
use crate::model::{Amount, Budget, Code};
use std::collections::BTreeMap;

/// Which classification a code belongs to, and so which catalogue table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Function,
    Economic,
    Government,
}

impl CodeKind {
    pub fn label(self) -> &'static str {
        match self {
            CodeKind::Function => "功能科目",
            CodeKind::Economic => "经济科目",
            CodeKind::Government => "政府经济科目",
        }
    }
    pub fn table(self, c: &Catalog) -> &BTreeMap<String, String> {
        match self {
            CodeKind::Function => &c.function,
            CodeKind::Economic => &c.economic,
            CodeKind::Government => &c.government_economic,
        }
    }
}

/// One classification code as the file writes it.
pub struct CodeUse<'a> {
    pub path: String,
    pub code: &'a Code,
    pub kind: CodeKind,
}

/// Every classification code in the file: each basic line's three, then
/// each project's function code.
pub fn codes(b: &Budget) -> Vec<CodeUse<'_>> {
    let mut out = Vec::new();
    let mut push = |path: String, code, kind| out.push(CodeUse { path, code, kind });
    for (i, l) in b.basic.iter().enumerate() {
        push(
            format!("基本支出[{i}].功能科目"),
            &l.function,
            CodeKind::Function,
        );
        push(
            format!("基本支出[{i}].经济科目"),
            &l.economic,
            CodeKind::Economic,
        );
        push(
            format!("基本支出[{i}].政府经济科目"),
            &l.government_economic,
            CodeKind::Government,
        );
    }
    for (i, p) in b.projects.iter().enumerate() {
        push(
            format!("项目[{i}].功能科目"),
            &p.function,
            CodeKind::Function,
        );
    }
    if let Some(f) = &b.final_accounts {
        for (i, l) in f.income.iter().enumerate() {
            push(
                format!("决算.收入[{i}].功能科目"),
                &l.function,
                CodeKind::Function,
            );
        }
        for (i, l) in f.other_spending.iter().enumerate() {
            push(
                format!("决算.其他支出[{i}].功能科目"),
                &l.function,
                CodeKind::Function,
            );
        }
        for (key, lines) in [
            ("年初结转和结余", &f.opening),
            ("年末结转和结余", &f.closing),
        ] {
            for (i, l) in lines.iter().enumerate() {
                if let Some(code) = &l.function {
                    push(
                        format!("决算.{key}[{i}].功能科目"),
                        code,
                        CodeKind::Function,
                    );
                }
            }
        }
    }
    out
}

/// Every amount in the file's unit, with its path.
pub fn amounts(b: &Budget) -> Vec<(String, Amount)> {
    let mut out = Vec::new();
    let mut push = |p: String, a: Option<Amount>| {
        if let Some(a) = a {
            out.push((p, a));
        }
    };
    for (i, l) in b.basic.iter().enumerate() {
        push(format!("基本支出[{i}].金额"), Some(l.amount));
    }
    for (i, p) in b.projects.iter().enumerate() {
        for (source, a) in p.funds.entries() {
            push(format!("项目[{i}].资金.{}", source.label()), a);
        }
    }
    if let Some(f) = &b.final_accounts {
        for (i, l) in f.income.iter().enumerate() {
            push(format!("决算.收入[{i}].金额"), Some(l.amount));
        }
        for (i, l) in f.other_spending.iter().enumerate() {
            push(format!("决算.其他支出[{i}].金额"), Some(l.amount));
        }
        for (key, lines) in [
            ("年初结转和结余", &f.opening),
            ("年末结转和结余", &f.closing),
        ] {
            for (i, l) in lines.iter().enumerate() {
                push(format!("决算.{key}[{i}].金额"), Some(l.amount));
            }
        }
        if let Some(e) = &f.evaluation {
            for (name, c) in [
                ("编报绩效目标", &e.targeted),
                ("跟踪评价", &e.tracked),
                ("自评", &e.evaluated),
            ] {
                push(format!("决算.绩效自评.{name}.金额"), Some(c.amount));
            }
        }
        for (code, a) in &f.adjusted {
            push(format!("决算.全年预算.{code}"), Some(*a));
        }
        push("决算.使用非财政拨款结余".into(), f.used_balance);
        push("决算.结余分配".into(), f.distribution);
    }
    for (key, list) in [
        ("政府性基金收入", &b.fund_revenue),
        ("国有资本经营收入", &b.state_capital_revenue),
    ] {
        for (i, r) in list.iter().enumerate() {
            push(format!("{key}[{i}].金额"), Some(r.amount));
        }
    }
    if let Some(w) = &b.procurement.awarded {
        push("政府采购.中小企业中标.预留项目".into(), Some(w.reserved));
        push(
            "政府采购.中小企业中标.小微企业预留项目".into(),
            Some(w.reserved_small),
        );
        push("政府采购.中小企业中标.其他项目".into(), Some(w.other));
    }
    push("上年.收支总计".into(), b.last_year.total);
    push(
        "上年.一般公共预算当年支出".into(),
        b.last_year.general_public,
    );
    for (key, t) in [
        ("本年", Some(&b.three_public.current)),
        ("上年", b.three_public.last.as_ref()),
        ("预算", b.three_public.budget.as_ref()),
    ] {
        let Some(t) = t else { continue };
        for (name, a) in [
            ("因公出国境费", t.overseas),
            ("公务接待费", t.reception),
            ("公务用车购置费", t.car_purchase),
            ("公务用车运行维护费", t.car_running),
        ] {
            push(format!("三公经费.{key}.{name}"), Some(a));
        }
    }
    if let Some(r) = &b.running_costs {
        push("机关运行经费.本年".into(), Some(r.current));
        push("机关运行经费.上年".into(), r.last);
    }
    let pr = &b.procurement;
    push("政府采购.货物".into(), Some(pr.goods));
    push("政府采购.工程".into(), Some(pr.works));
    push("政府采购.服务".into(), Some(pr.services));
    push("政府采购.总额".into(), pr.stated_total);
    out
}

/// Every amount of the 绩效目标表 (always in 元), with its path.
pub fn form_amounts(b: &Budget) -> Vec<(String, Amount)> {
    let mut out = Vec::new();
    for (i, f) in b.performance_forms.iter().enumerate() {
        for (key, funds) in [
            ("实施期资金", &f.period_funds),
            ("年度资金", &f.annual_funds),
        ] {
            out.push((format!("绩效目标表[{i}].{key}.资金总额"), funds.total));
            let names = [
                "中央财政资金",
                "省级财政资金",
                "市县财政资金",
                "单位自筹",
                "其他资金",
            ];
            for (name, a) in names.iter().zip(funds.parts()) {
                if let Some(a) = a {
                    out.push((format!("绩效目标表[{i}].{key}.{name}"), a));
                }
            }
        }
    }
    out
}

/// Every text in the file with its path (map keys as the YAML spells them).
pub fn texts(b: &Budget) -> Vec<(String, String)> {
    super::texts::texts(b)
}
