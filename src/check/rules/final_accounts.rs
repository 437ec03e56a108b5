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
