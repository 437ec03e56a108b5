//! Last year's figures: from last year's own ledger when the budget links
//! its file (`上年.文件`), else as typed in the 上年 fields. One source per
//! figure, so a linked year and a typed year are stated by the same code.

use super::breakdown::Breakdown;
use super::three_public::ThreePublicParts;
use crate::model::{Amount, Budget, Period, Source};
use rust_decimal::Decimal;

/// The 上年 figures the changes are computed against, in 元.
pub struct LastFigures {
    pub total: Decimal,
    pub general_public: Decimal,
    pub three_public: ThreePublicParts,
    /// Last year's 机关运行经费, none when unknown (neither linked nor typed).
    pub running_costs: Option<Decimal>,
    /// Last year's 本年 money by source (index: `Source::index`), none when
    /// unknown (neither linked nor typed as 上年.按来源).
    pub by_source: Option<BySource>,
}

/// An amount per source of funds, by `Source::index`.
pub type BySource = [Decimal; Source::COUNT];

impl LastFigures {
    /// The figures as typed; what is missing counts as 0 (the checker says so).
    pub fn typed(budget: &Budget, yuan: impl Fn(Amount) -> Decimal) -> LastFigures {
        let ly = &budget.last_year;
        let opt = |a: Option<Amount>| a.map(&yuan).unwrap_or_default();
        let t = budget.three_public.last.clone().unwrap_or_default();
        LastFigures {
            total: opt(ly.total),
            general_public: opt(ly.general_public),
            three_public: ThreePublicParts::of(&t, &yuan),
            running_costs: budget
                .running_costs
                .as_ref()
                .and_then(|r| r.last)
                .map(&yuan),
            by_source: ly.by_source.as_ref().map(|funds| {
                let mut out = [Decimal::ZERO; Source::COUNT];
                for (s, amount) in funds.entries() {
                    out[s.index()] = opt(amount);
                }
                out
            }),
        }
    }
}

/// 一般公共预算当年拨款: general public money of this year, not carried over.
pub fn general_public_current(total: &Breakdown) -> Decimal {
    total.source_in(Source::GeneralPublic, Period::Current)
}
