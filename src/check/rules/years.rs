//! This year against last year: the 上年 figures are there, a linked file
//! and typed figures agree, last year's file is sound, and codes that
//! changed between the two years' catalogues are pointed out.

use crate::check::walk;
use crate::check::{Context, Findings};
use crate::compute::ThreePublicParts;
use crate::compute::display::{wan_grouped, yuan_grouped};
use crate::compute::prior::Link;
use crate::compute::to_yuan;
use crate::model::{Amount, Budget};
use rust_decimal::Decimal;

/// The four parts of “三公”经费 as the file names them.
const THREE_PUBLIC: [&str; 4] = [
    "因公出国境费",
    "公务接待费",
    "公务用车购置费",
    "公务用车运行维护费",
];

/// Without a linked file, every 上年 figure the package states must be typed.
pub fn missing(cx: &Context, f: &mut Findings) {
    if !matches!(cx.link, Link::Typed) {
        return;
    }
    let b = cx.budget;
    let mut absent = Vec::new();
    if b.last_year.total.is_none() {
        absent.push(("上年", "收支总计"));
    }
    if b.last_year.general_public.is_none() {
        absent.push(("上年", "一般公共预算当年支出"));
    }
    if b.three_public.last.is_none() {
        absent.push(("三公经费", "上年"));
    }
    if b.running_costs.as_ref().is_some_and(|r| r.last.is_none()) {
        absent.push(("机关运行经费", "上年"));
    }
    for (block, field) in absent {
        f.add(block, format!("缺少上年数：“{block}”下没有“{field}”"))
            .hint("在“上年”下写 文件: 上年的预算文件（全部上年数由它计算），或逐项填写上年数");
    }
}

/// A figure typed beside a linked file must be the file's own.
pub fn disagrees(cx: &Context, f: &mut Findings) {
    let (Some(prior), Some(last)) = (cx.link.prior(), cx.ledger.prior.as_deref()) else {
        return;
    };
    let b = cx.budget;
    let yuan = |a: Amount| to_yuan(a, b.unit_of_account);
    let linked = last.as_last_year();
    let typed_parts = b
        .three_public
        .last
        .as_ref()
        .map(|t| ThreePublicParts::of(t, &yuan));
    let mut pairs: Vec<(String, Option<Decimal>, Decimal, &str)> = vec![
        (
            "上年.收支总计".into(),
            b.last_year.total.map(yuan),
            linked.total,
            "基本支出",
        ),
        (
            "上年.一般公共预算当年支出".into(),
            b.last_year.general_public.map(yuan),
            linked.general_public,
            "基本支出",
        ),
    ];
    let linked_parts = [
        linked.three_public.overseas,
        linked.three_public.reception,
        linked.three_public.car_purchase,
        linked.three_public.car_running,
    ];
    for (i, name) in THREE_PUBLIC.iter().enumerate() {
        let typed =
            typed_parts.map(|t| [t.overseas, t.reception, t.car_purchase, t.car_running][i]);
        pairs.push((format!("三公经费.上年.{name}"), typed, linked_parts[i], ""));
    }
    if let (Some(typed), Some(computed)) = (&b.last_year.by_source, linked.by_source) {
        for (source, amount) in typed.entries() {
            pairs.push((
                format!("上年.按来源.{}", source.label()),
                amount.map(yuan),
                computed[source.index()],
                "基本支出",
            ));
        }
    }
    if let Some(r) = &b.running_costs {
        let this = linked.running_costs.unwrap_or_default();
        pairs.push((
            "机关运行经费.上年".into(),
            r.last.map(yuan),
            this,
            "机关运行经费.本年",
        ));
    }
    for (path, typed, computed, source) in pairs {
        let Some(typed) = typed.filter(|t| *t != computed) else {
            continue;
        };
        // Where last year's file states the figure: its own 本年 field, or
        // for a computed total the lines it is computed from.
        let own = path.replace(".上年.", ".本年.");
        let field = if source.is_empty() {
            own.as_str()
        } else {
            source
        };
        let place = match prior.line(field) {
            Some(line) if source == "基本支出" => {
                format!("由第 {line} 行起的基本支出和项目计算")
            }
            Some(line) => format!("第 {line} 行"),
            None => "按其数据计算".to_string(),
        };
        f.add(
            path.clone(),
            format!(
                "{path} 填写为 {}，与上年文件 {}（{place}）的 {}不一致",
                money(typed),
                prior.file,
                money(computed)
            ),
        )
        .hint("删去这个上年数（链接了上年文件时不必填写），或改正两个文件中错的一处");
    }
}

/// Typed by source, last year's money agrees with the other typed figures:
/// its 一般公共预算 is 一般公共预算当年支出, and it is within 收支总计
/// (which also holds what was carried over).
pub fn by_source(cx: &Context, f: &mut Findings) {
    let b = cx.budget;
    let Some(funds) = &b.last_year.by_source else {
        return;
    };
    let yuan = |a: Amount| to_yuan(a, b.unit_of_account);
    let general = funds.general_public.map(yuan);
    if let (Some(by), Some(typed)) = (general, b.last_year.general_public.map(yuan))
        && by != typed
    {
        f.add(
            "上年.按来源.一般公共预算",
            format!(
                "上年按来源的一般公共预算 {} 与上年.一般公共预算当年支出 {} 不一致",
                money(by),
                money(typed)
            ),
        );
    }
    let sum: Decimal = funds
        .entries()
        .iter()
        .filter_map(|(_, a)| a.map(yuan))
        .sum();
    if let Some(total) = b.last_year.total.map(yuan)
        && sum > total
    {
        f.add(
            "上年.按来源",
            format!(
                "上年按来源各项之和 {} 超过上年.收支总计 {}",
                money(sum),
                money(total)
            ),
        );
    }
}

/// 万元, and 元 too when the two would look the same in 万元.
fn money(yuan: Decimal) -> String {
    format!("{} 万元（{} 元）", wan_grouped(yuan), yuan_grouped(yuan))
}

/// Last year's file has errors of its own: its figures may be wrong too.
pub fn file_errors(cx: &Context, f: &mut Findings) {
    if let Some(p) = cx.link.prior()
        && p.errors > 0
    {
        f.add(
            "上年.文件",
            format!(
                "上年文件 {} 有 {} 个错误，由它计算的上年数可能不对",
                p.file, p.errors
            ),
        )
        .hint(format!("用 gongkai check {} 查看并改正", p.file));
    }
}

/// A new year's file whose every line still carries last year's amount:
/// a `new-year` draft nobody has filled in yet. Built as it stands, it
/// would publish last year's budget as this year's.
pub fn amounts_unchanged(cx: &Context, f: &mut Findings) {
    let Some(p) = cx.link.prior() else {
        return;
    };
    let (b, last) = (cx.budget, &p.budget);
    if b.basic.is_empty() && b.projects.is_empty() {
        return;
    }
    let basic = |x: &crate::model::Budget| -> Vec<String> {
        let mut v: Vec<String> = x
            .basic
            .iter()
            .map(|l| {
                format!(
                    "{} {} {} {:?} {:?} {}",
                    l.function, l.economic, l.government_economic, l.source, l.period, l.amount.0
                )
            })
            .collect();
        v.sort();
        v
    };
    let projects = |x: &crate::model::Budget| -> Vec<String> {
        let mut v: Vec<String> = x
            .projects
            .iter()
            .map(|pr| {
                let funds: Vec<String> = pr
                    .funds
                    .entries()
                    .iter()
                    .map(|(s, a)| format!("{s:?}={}", a.map(|a| a.0).unwrap_or_default()))
                    .collect();
                format!(
                    "{} {} {:?} {}",
                    pr.name,
                    pr.function,
                    pr.period,
                    funds.join(",")
                )
            })
            .collect();
        v.sort();
        v
    };
    if b.unit_of_account == last.unit_of_account
        && basic(b) == basic(last)
        && projects(b) == projects(last)
    {
        let at = if b.basic.is_empty() {
            "项目[0]"
        } else {
            "基本支出[0].金额"
        };
        // A 决算 draft waits for the year's 决算数, a budget's for its 预算数.
        let figures = match cx.profile.kind {
            crate::model::DocumentKind::Budget => "预算数",
            crate::model::DocumentKind::FinalAccounts => "决算数",
        };
        f.add(
            at,
            format!(
                "基本支出和项目的金额与 {} 年逐项相同：新年度的草稿还没有改成 {} 年的{figures}",
                last.year, b.year
            ),
        )
        .hint(format!(
            "逐项改为 {} 年的{figures}；确实一分不变时，可忽略此警告",
            b.year
        ));
    }
}

/// Codes either year uses whose catalogue entry changed between the years:
/// renamed, or gone from this year's catalogue.
pub fn codes_changed(cx: &Context, f: &mut Findings) {
    let Some(p) = cx.link.prior() else {
        return;
    };
    let (old, new) = (&p.catalog, cx.catalog);
    let mut seen = std::collections::BTreeSet::new();
    for u in walk::codes(&p.budget)
        .into_iter()
        .chain(walk::codes(cx.budget))
    {
        let (code, label) = (u.code.as_str(), u.kind.label());
        if !seen.insert(code) {
            continue;
        }
        let old_name = u.kind.table(old).get(code);
        let new_name = u.kind.table(new).get(code);
        let message = match (old_name, new_name) {
            (Some(o), Some(n)) if o != n => format!(
                "{label} {code} 在 {} 年科目目录中为“{o}”，{} 年改为“{n}”：同比时请核对口径",
                old.year, new.year
            ),
            (Some(o), None) if !cx.budget.code_names.contains_key(code) => format!(
                "上年使用的{label} {code}（{o}）在 {} 年科目目录中已没有：本年应改用新科目",
                new.year
            ),
            _ => continue,
        };
        f.add("上年.文件", message);
    }
}

/// Reasons are judged on changes against a known last year only: a linked
/// file, or a typed figure (`typed` says whether it is there). A figure
/// that is missing is one error (`missing`), not a change from 0 too.
pub fn last_year_known(cx: &Context, typed: impl Fn(&Budget) -> bool) -> bool {
    match cx.link {
        Link::Linked(_) => true,
        Link::Typed => typed(cx.budget),
        Link::Broken => false,
    }
}
