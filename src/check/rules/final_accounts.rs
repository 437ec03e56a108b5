//! A 决算's own rules: the file is what its format publishes, and its
//! balances close (年初结转和结余 + 本年收入 + 使用非财政拨款结余 = 本年支出 +
//! 结余分配 + 年末结转和结余), by source.

use crate::check::{Context, Findings};
use crate::compute::display::yuan_grouped;
use crate::compute::{Breakdown, FinalFigures};
use crate::model::{DocumentKind, Source};
use rust_decimal::Decimal;

/// A 决算 file with a 决算 format, a budget with a budget's.
pub fn kind(cx: &Context, f: &mut Findings) {
    match (cx.profile.kind, &cx.budget.final_accounts) {
        (DocumentKind::Budget, Some(_)) => {
            f.add(
                "决算",
                "文件写了 决算（收入、结转和结余），所用版式公开的是预算",
            )
            .hint("公开决算请用 --layout 选用决算版式（layout.yaml 写 kind: 决算）；公开预算时删去 决算 一节");
        }
        (DocumentKind::FinalAccounts, None) => {
            f.add(
                "年度",
                "所用版式公开的是决算，文件没有 决算 一节：请写本年收入（决算.收入）和年初结转和结余",
            )
            .hint("gongkai schema 列出 决算 一节的字段；公开预算请用预算版式");
        }
        _ => {}
    }
}

/// What each group of sources had left at the year's end: (name, computed).
/// The three kinds of 财政拨款 close one by one; the unit's other money
/// closes as one, since 使用非财政拨款结余 and 结余分配 are not by source.
fn closing_groups(fig: &FinalFigures, spent: &Breakdown) -> Vec<(String, Decimal, Vec<Source>)> {
    let closing = fig.closing(spent);
    let mut out: Vec<(String, Decimal, Vec<Source>)> = Source::ALL
        .iter()
        .filter(|s| s.is_fiscal())
        .map(|&s| (s.label().to_string(), closing.source(s), vec![s]))
        .collect();
    let others: Vec<Source> = Source::ALL
        .iter()
        .copied()
        .filter(|s| !s.is_fiscal())
        .collect();
    let rest: Decimal = others.iter().map(|&s| closing.source(s)).sum();
    out.push((
        "非财政拨款资金".into(),
        rest + fig.used_balance - fig.distribution,
        others,
    ));
    out
}

/// 年末结转和结余 as written agrees with what the year's figures leave.
pub fn closing(cx: &Context, f: &mut Findings) {
    let Some(fig) = &cx.ledger.final_accounts else {
        return;
    };
    let Some(typed) = &fig.typed_closing else {
        return;
    };
    for (name, computed, sources) in closing_groups(fig, &cx.ledger.total) {
        let written: Decimal = sources.iter().map(|&s| typed.source(s)).sum();
        if written != computed {
            f.add(
                "决算.年末结转和结余",
                format!(
                    "{name}的年末结转和结余写作 {} 元，按年初结转和结余 + 本年收入 − 本年支出算得 {} 元，相差 {} 元",
                    yuan_grouped(written),
                    yuan_grouped(computed),
                    yuan_grouped((written - computed).abs())
                ),
            )
            .hint("年末结转和结余 = 年初结转和结余 + 本年收入 + 使用非财政拨款结余 − 本年支出 − 结余分配：请核对收入、支出和结转");
        }
    }
}

/// No source spends more than it had: a negative 年末结转和结余 means
/// income or 年初结转和结余 is missing, or spending was written twice.
pub fn overspent(cx: &Context, f: &mut Findings) {
    let Some(fig) = &cx.ledger.final_accounts else {
        return;
    };
    for (name, computed, sources) in closing_groups(fig, &cx.ledger.total) {
        if computed < Decimal::ZERO {
            let sum = |b: &Breakdown| -> Decimal { sources.iter().map(|&s| b.source(s)).sum() };
            f.add(
                "决算.收入",
                format!(
                    "{name}：年初结转和结余 {} 元 + 本年收入 {} 元，少于本年支出 {} 元，年末结转和结余成了负数（{} 元）",
                    yuan_grouped(sum(&fig.opening)),
                    yuan_grouped(sum(&fig.income)),
                    yuan_grouped(sum(&cx.ledger.total)),
                    yuan_grouped(computed)
                ),
            )
            .hint("请核对这类资金的收入是否漏写、年初结转和结余是否写全、支出是否写了两次");
        }
    }
}

/// The 项 a 决算 compares with its budget: every 7-digit code with
/// 一般公共预算 spending in either, with (决算数, 年初预算数).
fn compared(cx: &Context) -> Vec<(String, Decimal, Decimal)> {
    let Some(plan) = &cx.ledger.plan else {
        return Vec::new();
    };
    let mut codes: Vec<&str> = cx
        .ledger
        .functions
        .keys()
        .chain(plan.functions.keys())
        .map(|c| c.as_str())
        .filter(|c| c.len() == 7)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
        .into_iter()
        .filter_map(|c| {
            let (actual, planned) = cx.ledger.against_plan(c)?;
            (!actual.is_zero() || !planned.is_zero()).then(|| (c.to_string(), actual, planned))
        })
        .collect()
}

/// Whether a 决算数 is far enough from its 年初预算数 to need a reason: it
/// shows differently in the format's tables, by more than the format's
/// share (`check.gap_reason_percent`).
fn differs(cx: &Context, actual: Decimal, planned: Decimal) -> bool {
    let shown = |d| crate::compute::display::shown_value(d, &cx.profile.display);
    if shown(actual) == shown(planned) {
        return false;
    }
    let limit = planned.abs() * Decimal::from(cx.profile.gap_reason_percent) / Decimal::from(100);
    (actual - planned).abs() > limit
}

fn reason<'a>(cx: &'a Context, key: &str) -> Option<&'a str> {
    let f = cx.budget.final_accounts.as_ref()?;
    f.reasons
        .get(key)
        .map(String::as_str)
        .filter(|r| !r.trim().is_empty())
}

/// Each 项 whose 一般公共预算 决算数 differs from its 年初预算数, and the
/// total, says why (`决算.差异原因`).
pub fn gap_reason(cx: &Context, f: &mut Findings) {
    let Some(plan) = &cx.ledger.plan else {
        return;
    };
    let at = if cx
        .budget
        .final_accounts
        .as_ref()
        .is_some_and(|f| !f.reasons.is_empty())
    {
        "决算.差异原因"
    } else {
        "决算.预算"
    };
    let total = (
        cx.ledger.total.source(Source::GeneralPublic),
        plan.total.source(Source::GeneralPublic),
    );
    let mut gaps = vec![(
        "一般公共预算".to_string(),
        "一般公共预算财政拨款支出".to_string(),
        total,
    )];
    gaps.extend(compared(cx).into_iter().map(|(code, a, p)| {
        let name = cx.ledger.names.of(&crate::model::Code(code.clone()));
        (code.clone(), format!("{code} {name}"), (a, p))
    }));
    for (key, what, (actual, planned)) in gaps {
        if differs(cx, actual, planned) && reason(cx, &key).is_none() {
            f.add(
                at,
                format!(
                    "{what}：决算数 {} 元，年初预算数 {} 元，不同，但没有写原因",
                    yuan_grouped(actual),
                    yuan_grouped(planned)
                ),
            )
            .hint(format!(
                "在 决算.差异原因 下写 \"{key}\": 决算数大于（小于）预算数的原因"
            ));
        }
    }
}

/// “三公”经费's 决算数 against its budget: a difference says why
/// (`决算.差异原因.三公经费`), above the budget all the more.
pub fn three_public_gap(cx: &Context, f: &mut Findings) {
    let Some(budget) = cx.ledger.three_public_budget() else {
        return;
    };
    let (actual, planned) = (cx.ledger.three_public.current.total(), budget.total());
    if actual != planned && reason(cx, "三公经费").is_none() {
        let over = if actual > planned { "超过" } else { "少于" };
        f.add(
            "三公经费.本年",
            format!(
                "“三公”经费决算数 {} 元{over}预算数 {} 元，但没有写原因",
                yuan_grouped(actual),
                yuan_grouped(planned)
            ),
        )
        .hint("在 决算.差异原因 下写 三公经费: 决算数大于（小于）预算数的原因");
    }
}

/// A 差异原因 names a 项 the 决算 or its budget has, or one of the totals.
pub fn reason_unknown(cx: &Context, f: &mut Findings) {
    let Some(fa) = &cx.budget.final_accounts else {
        return;
    };
    let codes: Vec<String> = compared(cx).into_iter().map(|(c, _, _)| c).collect();
    for key in fa.adjusted.keys().filter(|k| !codes.contains(k)) {
        f.add(
            format!("决算.全年预算.{key}"),
            format!("全年预算“{key}”不是决算或其预算中有一般公共预算支出的功能科目（项）"),
        )
        .hint("键写 7 位的项级编码；没有链接同年的预算（决算.预算.文件）时无从比较");
    }
    for key in fa.reasons.keys() {
        if crate::model::GAP_REASON_NAMES.contains(&key.as_str()) || codes.contains(key) {
            continue;
        }
        f.add(
            format!("决算.差异原因.{key}"),
            format!("差异原因“{key}”不是决算或其预算中有一般公共预算支出的功能科目（项），也不是 一般公共预算 或 三公经费"),
        )
        .hint("键写 7 位的项级编码，或 一般公共预算（合计）、三公经费");
    }
}

/// A 决算 that links last year's 决算 (上年.文件) begins where that one
/// ended: 年初结转和结余 = last year's 年末结转和结余, by the same groups of
/// sources the closing identity closes.
pub fn opening_carried(cx: &Context, f: &mut Findings) {
    let (Some(fig), Some(prior)) = (&cx.ledger.final_accounts, &cx.ledger.prior) else {
        return;
    };
    let Some(last) = &prior.final_accounts else {
        return;
    };
    for (name, ended, sources) in closing_groups(last, &prior.total) {
        let began: Decimal = sources.iter().map(|&s| fig.opening.source(s)).sum();
        if began != ended {
            f.add(
                "决算.年初结转和结余",
                format!(
                    "{name}的年初结转和结余 {} 元，{} 年度决算的年末结转和结余是 {} 元，应当相同",
                    yuan_grouped(began),
                    prior.year,
                    yuan_grouped(ended)
                ),
            )
            .hint("年初结转和结余照上年决算的年末数填写（gongkai new-year 生成的草稿已照填）；上年决算有误时先改正上年的文件");
        }
    }
}

/// What 中小企业 suppliers won cannot exceed what was bought, nor what 小微
/// suppliers won in their reserve what 中小企业 won in the whole reserve
/// (the 小微 reserve is part of it).
pub fn awarded(cx: &Context, f: &mut Findings) {
    let p = &cx.ledger.procurement;
    let Some([reserved, small, other]) = p.awarded else {
        return;
    };
    if reserved + other > p.total() {
        f.add(
            "政府采购.中小企业中标",
            format!(
                "中小企业供应商中标或成交的 {} 元（预留项目 {} 元 + 其他项目 {} 元）多于政府采购金额 {} 元",
                yuan_grouped(reserved + other),
                yuan_grouped(reserved),
                yuan_grouped(other),
                yuan_grouped(p.total())
            ),
        )
        .hint("中标金额是政府采购金额（货物、工程、服务）的一部分：请核对两处");
    }
    if small > reserved {
        f.add(
            "政府采购.中小企业中标.小微企业预留项目",
            format!(
                "小微企业预留项目中标 {} 元多于全部预留项目中标的 {} 元：小微企业预留项目是预留项目的一部分",
                yuan_grouped(small),
                yuan_grouped(reserved)
            ),
        );
    }
}

/// 预算绩效管理情况 adds up: the 评级 cover the self-evaluated projects,
/// the problems are fixed or being fixed, the score is out of 100.
pub fn evaluation(cx: &Context, f: &mut Findings) {
    let Some(e) = cx
        .budget
        .final_accounts
        .as_ref()
        .and_then(|fa| fa.evaluation.as_ref())
    else {
        return;
    };
    let at = "决算.绩效自评";
    if e.grades.total() != u64::from(e.evaluated.count) {
        f.add(
            format!("{at}.评级"),
            format!(
                "评级为优、良、合格、不合格的项目共 {} 个，绩效自评的项目是 {} 个：应当相同",
                e.grades.total(),
                e.evaluated.count
            ),
        );
    }
    let (found, fixed, fixing) = (e.problems.found, e.problems.fixed, e.problems.fixing);
    if u64::from(fixed) + u64::from(fixing) != u64::from(found) {
        f.add(
            format!("{at}.问题"),
            format!("发现问题 {found} 个，已整改 {fixed} 个、正在整改 {fixing} 个：两者之和应等于发现的问题数"),
        );
    }
    let score = e.average_score.value();
    if score < Decimal::ZERO || score > Decimal::from(100) {
        f.add(
            format!("{at}.平均得分"),
            format!(
                "平均得分 {} 不在 0 到 100 之间（百分制）",
                score.normalize()
            ),
        );
    }
    for (name, c) in [
        ("编报绩效目标", &e.targeted),
        ("跟踪评价", &e.tracked),
        ("自评", &e.evaluated),
    ] {
        if c.count == 0 && !c.amount.value().is_zero() {
            f.add(
                format!("{at}.{name}.金额"),
                format!("{name}的项目数为 0，金额却不是 0"),
            );
        }
    }
}
