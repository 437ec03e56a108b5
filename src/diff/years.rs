//! `gongkai diff` of two years (last year's file → this year's): not a
//! correction but the year-over-year comparison, so it lists the changes
//! the narrative explains, with the reasons given, and where this year's
//! 上年 figures are not last year's file's own.

use crate::compute::{Change, Ledger};
use crate::model::Budget;
use rust_decimal::Decimal;
use serde::Serialize;

/// One change the narrative states: 本年 against 上年, with its reason.
#[derive(Debug, Clone, Serialize)]
pub struct ExplainedChange {
    pub item: String,
    pub last: Decimal,
    pub this: Decimal,
    /// The reason written, when the item has a reason of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The figure changed and a reason is expected but none is written.
    pub reason_missing: bool,
}

/// A 上年 figure of this year's file that is not last year's own.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    pub item: String,
    /// As this year's file has it.
    pub stated: Decimal,
    /// As last year's file computes it.
    pub actual: Decimal,
}

/// The changes a package of `new` explains (its 上年 whatever its source).
pub fn explained(budget: &Budget, ledger: &Ledger) -> Vec<ExplainedChange> {
    let ly = &budget.last_year;
    let tp = &ledger.three_public;
    let text = |r: &Option<String>| r.clone().filter(|r| !r.trim().is_empty());
    let three_reason = text(&budget.three_public.reason);
    let mut out = vec![
        item(
            "收支总计",
            ledger.total_change,
            text(&ly.total_reason),
            true,
        ),
        item(
            "一般公共预算当年支出",
            ledger.general_public_change,
            text(&ly.general_public_reason).or(text(&ly.total_reason)),
            true,
        ),
        item("“三公”经费", tp.total(), three_reason, true),
    ];
    for (name, this, last) in [
        ("因公出国（境）费", tp.current.overseas, tp.last.overseas),
        ("公务接待费", tp.current.reception, tp.last.reception),
        (
            "公务用车购置费",
            tp.current.car_purchase,
            tp.last.car_purchase,
        ),
        (
            "公务用车运行维护费",
            tp.current.car_running,
            tp.last.car_running,
        ),
    ] {
        // The parts share the “三公” reason, stated once above.
        out.push(item(name, Change::new(this, last), None, false));
    }
    if let Some(c) = ledger.running_costs {
        let reason = budget.running_costs.as_ref().and_then(|r| text(&r.reason));
        out.push(item("机关运行经费", c, reason, true));
    }
    out
}

fn item(name: &str, c: Change, reason: Option<String>, needs_reason: bool) -> ExplainedChange {
    ExplainedChange {
        item: name.to_string(),
        last: c.last,
        this: c.this,
        reason_missing: needs_reason && reason.is_none() && !c.diff().is_zero(),
        reason,
    }
}

/// Where `new`'s 上年 figures differ from what `old` (last year's file)
/// states of itself.
pub fn mismatches(old: &Ledger, new: &Ledger) -> Vec<Mismatch> {
    let own = old.as_last_year();
    let mut pairs = vec![
        ("收支总计", new.total_change.last, own.total),
        (
            "一般公共预算当年支出",
            new.general_public_change.last,
            own.general_public,
        ),
        (
            "“三公”经费",
            new.three_public.last.total(),
            own.three_public.total(),
        ),
    ];
    if let Some(c) = new.running_costs {
        pairs.push((
            "机关运行经费",
            c.last,
            own.running_costs.unwrap_or_default(),
        ));
    }
    pairs
        .into_iter()
        .filter(|(_, stated, actual)| stated != actual)
        .map(|(item, stated, actual)| Mismatch {
            item: item.to_string(),
            stated,
            actual,
        })
        .collect()
}
