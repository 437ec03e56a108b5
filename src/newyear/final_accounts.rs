//! Next year's 决算 draft: what a year ends with is what the next begins
//! with (年初结转和结余 = last year's 年末结转和结余); the comparison with
//! the year's budget and its reasons belong to the old year.

use crate::compute::Ledger;
use crate::model::{Amount, BalanceLine, Budget, Code, Source, UnitOfAccount};
use rust_decimal::Decimal;

/// Sets the draft `b`'s 决算 section from `old`'s (whose ledger is
/// `ledger`): 年初结转和结余 is what `old` ended with, by source (and by 项 for 政府性基金 and 国有资本经营预算,
/// whose tables list them so); 年末结转和结余, the budget link and the
/// reasons are left for the new year.
pub fn carry(b: &mut Budget, old: &Budget, ledger: &Ledger) {
    let Some(f) = b.final_accounts.as_mut() else {
        return;
    };
    let Some(fig) = &ledger.final_accounts else {
        return;
    };
    let in_unit = |yuan: Decimal| match old.unit_of_account {
        UnitOfAccount::Yuan => Amount(yuan),
        UnitOfAccount::TenThousandYuan => Amount(yuan / Decimal::from(10_000)),
    };
    let closing = fig.closing(&ledger.total);
    // Every 项 with money of this year's, spent or received or carried in.
    let mut codes: Vec<&Code> = ledger
        .functions
        .keys()
        .chain(fig.income_by_function.keys())
        .chain(fig.opening_by_function.keys())
        .filter(|c| c.as_str().len() == 7)
        .collect();
    codes.sort();
    codes.dedup();
    let mut opening = Vec::new();
    for &source in Source::ALL {
        let mut total = closing.source(source);
        // 使用非财政拨款结余 and 结余分配 are the unit's other money's, not
        // a source's: they go with 其他收入.
        if source == Source::OtherIncome {
            total += fig.used_balance - fig.distribution;
        }
        if matches!(source, Source::GovernmentFund | Source::StateCapital) {
            for code in &codes {
                let spent = ledger.function(code.as_str());
                let left = fig.closing_of(code, &spent).source(source);
                push(&mut opening, source, Some(code), left, &in_unit);
                total -= left;
            }
        }
        // What is not by 项 (all of it, for the other sources).
        push(&mut opening, source, None, total, &in_unit);
    }
    f.opening = opening;
    f.closing = Vec::new();
    f.used_balance = None;
    f.distribution = None;
    f.budget = None;
    f.reasons.clear();
}

fn push(
    lines: &mut Vec<BalanceLine>,
    source: Source,
    function: Option<&Code>,
    yuan: Decimal,
    in_unit: &impl Fn(Decimal) -> Amount,
) {
    if !yuan.is_zero() {
        lines.push(BalanceLine {
            source,
            function: function.cloned(),
            amount: in_unit(yuan),
        });
    }
}
