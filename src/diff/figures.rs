//! The ledger's figures as a flat list of named amounts, compared by name.

use super::changes::FigureChange;
use crate::compute::{Kind, Ledger};
use crate::model::{Period, Source};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub fn compare(old: &Ledger, new: &Ledger) -> Vec<FigureChange> {
    let before: BTreeMap<String, Decimal> = named(old).into_iter().collect();
    let after = named(new);
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (item, value) in &after {
        seen.insert(item.clone());
        let was = before.get(item).copied().unwrap_or_default();
        if was != *value {
            out.push(FigureChange {
                item: item.clone(),
                old: was,
                new: *value,
            });
        }
    }
    // Items that disappeared (a project removed, a 科目 no longer used).
    for (item, value) in named(old) {
        if !seen.contains(&item) && !value.is_zero() {
            out.push(FigureChange {
                item,
                old: value,
                new: Decimal::ZERO,
            });
        }
    }
    out
}

/// Every figure a table or sentence is built from, by a name an officer reads.
fn named(l: &Ledger) -> Vec<(String, Decimal)> {
    let t = &l.total;
    let mut out = vec![
        ("收支总计".to_string(), t.total()),
        ("本年收入".to_string(), t.current()),
        ("上年结转".to_string(), t.carried()),
    ];
    for &s in Source::ALL {
        out.push((
            format!("{}（本年）", s.label()),
            t.source_in(s, Period::Current),
        ));
        out.push((
            format!("{}（上年结转）", s.label()),
            t.source_in(s, Period::CarriedOver),
        ));
    }
    out.push(("基本支出".into(), t.kind(Kind::Basic)));
    out.push(("项目支出".into(), t.kind(Kind::Project)));
    out.push(("人员经费".into(), l.personnel.total()));
    out.push(("公用经费".into(), l.public_use.total()));
    for (code, b) in &l.functions {
        out.push((format!("功能科目 {code} {}", l.names.of(code)), b.total()));
    }
    for (code, b) in &l.economic {
        out.push((
            format!("经济科目 {code} {}（基本支出）", l.names.of(code)),
            b.total(),
        ));
    }
    for p in &l.projects {
        let period = match p.period {
            Period::Current => "",
            Period::CarriedOver => "（上年结转）",
        };
        out.push((format!("项目 {}{period}", p.name), p.funds.total()));
    }
    let tp = &l.three_public.current;
    out.push(("“三公”经费".into(), tp.total()));
    out.push(("“三公”经费 · 因公出国（境）费".into(), tp.overseas));
    out.push(("“三公”经费 · 公务接待费".into(), tp.reception));
    out.push(("“三公”经费 · 公务用车购置费".into(), tp.car_purchase));
    out.push(("“三公”经费 · 公务用车运行维护费".into(), tp.car_running));
    if let Some(c) = l.running_costs {
        out.push(("机关运行经费".into(), c.this));
    }
    out.push(("政府采购预算".into(), l.procurement.total()));
    out.push(("政府性基金预算收入".into(), l.fund_revenue));
    out.push(("国有资本经营预算收入".into(), l.state_capital_revenue));
    out
}
