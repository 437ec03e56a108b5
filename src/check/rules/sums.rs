//! Figures the data holds twice by nature, and identities between them.

use crate::check::{Context, Findings};
use crate::compute::Breakdown;
use crate::compute::display::{shown_value, wan_grouped};
use crate::model::{Period, Source};
use rust_decimal::Decimal;

fn w(yuan: Decimal) -> String {
    format!("{} 万元", wan_grouped(yuan))
}

pub fn project_empty(cx: &Context, f: &mut Findings) {
    for (i, p) in cx.ledger.projects.iter().enumerate() {
        if p.funds.total().is_zero() {
            f.add(
                format!("项目[{i}].资金"),
                format!("项目“{}”没有任何资金：请填写金额或删去该项目", p.name),
            );
        }
    }
}

/// 表六 basic spending of an economic 款 from 财政拨款 this year.
fn fiscal_basic(cx: &Context, code: &str) -> Decimal {
    cx.ledger.economic(code).fiscal(Period::Current)
}

pub fn three_public_vs_economic(cx: &Context, f: &mut Findings) {
    let t = &cx.ledger.three_public.current;
    let pairs = [
        ("因公出国境费", t.overseas, "30212"),
        ("公务接待费", t.reception, "30217"),
        ("公务用车运行维护费", t.car_running, "30231"),
        ("公务用车购置费", t.car_purchase, "31013"),
    ];
    for (field, three_public, code) in pairs {
        let economic = fiscal_basic(cx, code);
        if economic > three_public {
            f.add(
                format!("三公经费.本年.{field}"),
                format!(
                    "“三公”经费中的{field} {} 少于基本支出经济科目 {code} {} 的 {}：“三公”经费包含该科目的全部财政拨款",
                    w(three_public),
                    cx.ledger.names.of(&crate::model::Code(code.into())),
                    w(economic)
                ),
            );
        }
    }
}

pub fn running_costs_unit_type(cx: &Context, f: &mut Findings) {
    let unit_type = &cx.budget.unit.unit_type;
    if let Some(rc) = &cx.ledger.running_costs
        && cx.catalog.running_costs_of(unit_type) == Some(false)
        && !(rc.this.is_zero() && rc.last.is_zero())
    {
        f.add(
            "机关运行经费",
            format!(
                "{unit_type}没有机关运行经费（仅{}有），这里却填了本年 {}、上年 {}",
                cx.catalog.kinds_with_running_costs.join("、"),
                w(rc.this),
                w(rc.last)
            ),
        )
        .hint("删去“机关运行经费”一节；情况说明会写明本单位无机关运行经费");
    }
}

pub fn running_costs_missing(cx: &Context, f: &mut Findings) {
    let unit_type = &cx.budget.unit.unit_type;
    if cx.catalog.running_costs_of(unit_type) == Some(true) && cx.budget.running_costs.is_none() {
        f.add(
            "单位.类型",
            format!("{unit_type}须公开机关运行经费，文件中缺少“机关运行经费”一节"),
        );
    }
}

pub fn running_costs_exceed_public(cx: &Context, f: &mut Findings) {
    if let Some(rc) = &cx.ledger.running_costs {
        let public = cx.ledger.public_use.fiscal(Period::Current);
        if rc.this > public {
            f.add(
                "机关运行经费.本年",
                format!(
                    "机关运行经费 {} 超过财政拨款基本支出中的公用经费 {}：机关运行经费是公用经费的一部分",
                    w(rc.this),
                    w(public)
                ),
            );
        }
    }
}

pub fn procurement_total(cx: &Context, f: &mut Findings) {
    let p = &cx.budget.procurement;
    let figures = &cx.ledger.procurement;
    if let Some(stated) = p.stated_total {
        let stated = crate::compute::to_yuan(stated, cx.budget.unit_of_account);
        if stated != figures.total() {
            f.add(
                "政府采购.总额",
                format!(
                    "政府采购总额 {} 不等于货物 {}、工程 {}、服务 {} 之和 {}",
                    w(stated),
                    w(figures.goods),
                    w(figures.works),
                    w(figures.services),
                    w(figures.total())
                ),
            );
        }
    }
}

pub fn procurement_exceeds_spending(cx: &Context, f: &mut Findings) {
    let total = cx.ledger.procurement.total();
    let spending = cx.ledger.total.total();
    if total > spending {
        f.add(
            "政府采购",
            format!("政府采购预算 {} 超过单位支出总计 {}", w(total), w(spending)),
        );
    }
}

/// 小型和微型企业 are among the 中小企业, which are among the procurement.
pub fn procurement_reserved(cx: &Context, f: &mut Findings) {
    let p = &cx.ledger.procurement;
    match (p.reserved_sme, p.reserved_small) {
        (None, Some(small)) => {
            f.add(
                "政府采购.其中小微企业",
                format!(
                    "写了预留给小型和微型企业的 {}，但没有写面向中小企业预留的总数（面向中小企业预留）",
                    w(small)
                ),
            );
        }
        (Some(sme), Some(small)) if small > sme => {
            f.add(
                "政府采购.其中小微企业",
                format!(
                    "预留给小型和微型企业的 {} 多于面向中小企业预留的 {}：前者包含在后者之中",
                    w(small),
                    w(sme)
                ),
            );
        }
        _ => {}
    }
    if let Some(sme) = p.reserved_sme
        && sme > p.total()
    {
        f.add(
            "政府采购.面向中小企业预留",
            format!(
                "面向中小企业预留的 {} 多于政府采购预算 {}",
                w(sme),
                w(p.total())
            ),
        );
    }
}

pub fn revenue_mismatch(cx: &Context, f: &mut Findings) {
    let l = cx.ledger;
    let checks = [
        (
            "政府性基金收入",
            "政府性基金预算",
            l.fund_revenue,
            Source::GovernmentFund,
            cx.budget.fund_revenue.is_empty(),
        ),
        (
            "国有资本经营收入",
            "国有资本经营预算",
            l.state_capital_revenue,
            Source::StateCapital,
            cx.budget.state_capital_revenue.is_empty(),
        ),
    ];
    for (field, label, revenue, source, absent) in checks {
        let spending = l.total.source_in(source, Period::Current);
        if revenue != spending {
            let path = if absent {
                field.to_string()
            } else {
                format!("{field}[0]")
            };
            let msg = if absent {
                format!(
                    "有{label}支出 {}，但没有填写“{field}”（表七/表九按收入科目列示）",
                    w(spending)
                )
            } else {
                format!(
                    "{field}合计 {} 不等于{label}本年支出 {}",
                    w(revenue),
                    w(spending)
                )
            };
            f.add(path, msg);
        }
    }
}

/// The sum of the figures as the tables show them (the profile's format),
/// which is what a reader adds up.
fn shown_sum<'a>(
    cx: &Context,
    rows: impl Iterator<Item = (&'a crate::model::Code, &'a Breakdown)>,
) -> Decimal {
    rows.map(|(_, b)| shown(cx, b.total())).sum()
}

fn shown(cx: &Context, yuan: Decimal) -> Decimal {
    shown_value(yuan, cx.profile.display_for(cx.budget.display.as_deref()))
}

/// Where the first line under a function code is written, to point the reader there.
fn first_line_under(cx: &Context, code: &str) -> String {
    let b = cx.budget;
    if let Some(i) = b
        .basic
        .iter()
        .position(|l| l.function.as_str().starts_with(code))
    {
        return format!("基本支出[{i}].功能科目");
    }
    if let Some(i) = b
        .projects
        .iter()
        .position(|p| p.function.as_str().starts_with(code))
    {
        return format!("项目[{i}].功能科目");
    }
    String::new()
}

pub fn rounding_difference(cx: &Context, f: &mut Findings) {
    let l = cx.ledger;
    let unit = cx
        .profile
        .display_for(cx.budget.display.as_deref())
        .unit
        .label();
    for (parent_len, child_len) in [(3usize, 5usize), (5, 7)] {
        for (code, parent) in l.function_codes(parent_len) {
            let under = || {
                l.function_codes(child_len)
                    .filter(|(c, _)| c.as_str().starts_with(code.as_str()))
            };
            // Money that sits under no child at all (a code of the wrong
            // length, reported as such) is no rounding difference.
            let exact: Decimal = under().map(|(_, b)| b.total()).sum();
            if exact != parent.total() {
                continue;
            }
            let children = shown_sum(cx, under());
            let shown_parent = shown(cx, parent.total());
            if children != shown_parent {
                f.add(
                    first_line_under(cx, code.as_str()),
                    format!(
                        "{code} {} 显示为 {shown_parent} {unit}，其下各科目显示数之和为 {children} {unit}：差额来自四舍五入，不是错误",
                        l.names.of(code),
                    ),
                );
            }
        }
    }
    let classes = shown_sum(cx, l.function_codes(3));
    let total = shown(cx, l.total.total());
    if classes != total {
        f.add(
            "",
            format!(
                "支出合计显示为 {total} {unit}，各类显示数之和为 {classes} {unit}：差额来自四舍五入，不是错误"
            ),
        );
    }
}
