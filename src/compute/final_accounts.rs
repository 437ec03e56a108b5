//! The figures only a 决算 has: income by function and source, the balances
//! carried into and out of the year. Spending is the ledger's own (基本,
//! 项目 and the other kinds of a 决算 are posted there like a budget's).

use super::breakdown::{Breakdown, Kind};
use crate::model::{Amount, BalanceLine, Code, FUNCTION_LEVELS, FinalAccounts, Period, Source};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Income and balances in 元. A figure by source is a [`Breakdown`] whose
/// only cells are 本年 基本 (the other coordinates mean nothing for money
/// received or held), so a layout reads it with the same filters as spending.
#[derive(Default)]
pub struct FinalFigures {
    pub income: Breakdown,
    /// Income by function code at every level (类, 款, 项).
    pub income_by_function: BTreeMap<Code, Breakdown>,
    pub opening: Breakdown,
    /// 年初结转和结余 written with a function code, at every level.
    pub opening_by_function: BTreeMap<Code, Breakdown>,
    /// 年末结转和结余 as the file writes it, when it does (the checker compares).
    pub typed_closing: Option<Breakdown>,
    /// 使用非财政拨款结余 and 结余分配.
    pub used_balance: Decimal,
    pub distribution: Decimal,
}

/// One amount under a source, as a [`Breakdown`].
pub fn by_source(source: Source, yuan: Decimal) -> Breakdown {
    let mut b = Breakdown::default();
    b.add(source, Period::Current, Kind::Basic, yuan);
    b
}

impl FinalFigures {
    pub fn of(f: &FinalAccounts, yuan: &impl Fn(Amount) -> Decimal) -> FinalFigures {
        let mut out = FinalFigures {
            used_balance: f.used_balance.map(yuan).unwrap_or_default(),
            distribution: f.distribution.map(yuan).unwrap_or_default(),
            ..FinalFigures::default()
        };
        for line in &f.income {
            let b = by_source(line.source, yuan(line.amount));
            out.income.merge(&b);
            for code in line.function.lineage(&FUNCTION_LEVELS) {
                out.income_by_function.entry(code).or_default().merge(&b);
            }
        }
        out.opening = balances(&f.opening, yuan, Some(&mut out.opening_by_function));
        if !f.closing.is_empty() {
            out.typed_closing = Some(balances(&f.closing, yuan, None));
        }
        out
    }

    /// 总计: what there was to spend, 年初结转和结余 + 本年收入 + 使用非财政拨款结余
    /// (equal to 本年支出 + 结余分配 + 年末结转和结余 by the closing identity).
    pub fn grand_total(&self) -> Decimal {
        self.opening.total() + self.income.total() + self.used_balance
    }

    /// What each source had to spend: 年初结转和结余 + 本年收入.
    pub fn available(&self) -> Breakdown {
        let mut out = self.opening;
        out.merge(&self.income);
        out
    }

    /// 年末结转和结余 by source: what there was, plus what came in, less what
    /// was spent (`spent`, by source, of every kind). 使用非财政拨款结余 and
    /// 结余分配 are not by source: see [`FinalFigures::closing_total`].
    pub fn closing(&self, spent: &Breakdown) -> Breakdown {
        left(&self.available(), spent)
    }

    /// 年末结转和结余 in all: the closing identity 年初结转和结余 + 本年收入 +
    /// 使用非财政拨款结余 = 本年支出 + 结余分配 + 年末结转和结余, solved for the last.
    pub fn closing_total(&self, spent: &Breakdown) -> Decimal {
        self.closing(spent).total() + self.used_balance - self.distribution
    }

    /// 年末结转和结余 under one function code: its 年初 (when written by
    /// function) plus its income less its spending.
    pub fn closing_of(&self, code: &Code, spent: &Breakdown) -> Breakdown {
        let mut had = self
            .opening_by_function
            .get(code)
            .copied()
            .unwrap_or_default();
        if let Some(income) = self.income_by_function.get(code) {
            had.merge(income);
        }
        left(&had, spent)
    }
}

/// What `had` (by source) leaves once `spent` (of every kind) is paid, by
/// source: the closing identity of one source, solved for its 年末.
fn left(had: &Breakdown, spent: &Breakdown) -> Breakdown {
    let mut out = Breakdown::default();
    for &s in Source::ALL {
        out.add(
            s,
            Period::Current,
            Kind::Basic,
            had.source(s) - spent.source(s),
        );
    }
    out
}

/// Balance lines summed by source; with `by_function`, those that name a
/// function code also under it and its 类 and 款.
fn balances(
    lines: &[BalanceLine],
    yuan: &impl Fn(Amount) -> Decimal,
    mut by_function: Option<&mut BTreeMap<Code, Breakdown>>,
) -> Breakdown {
    let mut out = Breakdown::default();
    for line in lines {
        let b = by_source(line.source, yuan(line.amount));
        out.merge(&b);
        if let (Some(map), Some(code)) = (by_function.as_deref_mut(), &line.function) {
            for c in code.lineage(&FUNCTION_LEVELS) {
                map.entry(c).or_default().merge(&b);
            }
        }
    }
    out
}
