//! A figure split by funding source, 本年/上年结转 and 基本/项目 支出.

use crate::model::{Period, Source};
use rust_decimal::Decimal;

/// 基本支出 or 项目支出; a 决算 also spends 上缴上级支出, 经营支出 and
/// 对附属单位补助支出 (zero in a budget).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Basic,
    Project,
    Remit,
    Operating,
    Subsidy,
}

/// One cell's coordinates.
#[derive(Debug, Clone, Copy)]
pub struct Cell {
    pub source: Source,
    pub period: Period,
    pub kind: Kind,
}

const PERIODS: [Period; 2] = [Period::Current, Period::CarriedOver];
const KINDS: [Kind; 5] = [
    Kind::Basic,
    Kind::Project,
    Kind::Remit,
    Kind::Operating,
    Kind::Subsidy,
];

/// Amounts in 元 by [source][period][kind]; every total is a sum over it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Breakdown {
    cells: [[[Decimal; KINDS.len()]; 2]; Source::COUNT],
}

fn pi(p: Period) -> usize {
    match p {
        Period::Current => 0,
        Period::CarriedOver => 1,
    }
}

fn ki(k: Kind) -> usize {
    match k {
        Kind::Basic => 0,
        Kind::Project => 1,
        Kind::Remit => 2,
        Kind::Operating => 3,
        Kind::Subsidy => 4,
    }
}

impl Breakdown {
    pub fn add(&mut self, source: Source, period: Period, kind: Kind, yuan: Decimal) {
        self.cells[source.index()][pi(period)][ki(kind)] += yuan;
    }

    pub fn merge(&mut self, other: &Breakdown) {
        for c in other.iter() {
            self.add(c.0.source, c.0.period, c.0.kind, c.1);
        }
    }

    /// What is left of this once `part` (a share of it) is taken out.
    pub fn without(&self, part: &Breakdown) -> Breakdown {
        let mut out = *self;
        for (c, v) in part.iter() {
            out.add(c.source, c.period, c.kind, -v);
        }
        out
    }

    fn iter(&self) -> impl Iterator<Item = (Cell, Decimal)> + '_ {
        Source::ALL.iter().copied().flat_map(move |source| {
            PERIODS.into_iter().flat_map(move |period| {
                KINDS.into_iter().map(move |kind| {
                    (
                        Cell {
                            source,
                            period,
                            kind,
                        },
                        self.cells[source.index()][pi(period)][ki(kind)],
                    )
                })
            })
        })
    }

    /// The sum of the cells the filter accepts.
    pub fn sum(&self, filter: impl Fn(Cell) -> bool) -> Decimal {
        self.iter()
            .filter(|(c, _)| filter(*c))
            .map(|(_, v)| v)
            .sum()
    }

    pub fn total(&self) -> Decimal {
        self.sum(|_| true)
    }
    /// 本年 (当年预算安排).
    pub fn current(&self) -> Decimal {
        self.sum(|c| c.period == Period::Current)
    }
    /// 上年结转.
    pub fn carried(&self) -> Decimal {
        self.sum(|c| c.period == Period::CarriedOver)
    }
    pub fn kind(&self, kind: Kind) -> Decimal {
        self.sum(|c| c.kind == kind)
    }
    pub fn source(&self, source: Source) -> Decimal {
        self.sum(|c| c.source == source)
    }
    pub fn source_in(&self, source: Source, period: Period) -> Decimal {
        self.sum(|c| c.source == source && c.period == period)
    }
    pub fn source_kind(&self, source: Source, period: Period, kind: Kind) -> Decimal {
        self.cells[source.index()][pi(period)][ki(kind)]
    }
    /// 财政拨款 (the three fiscal sources).
    pub fn fiscal(&self, period: Period) -> Decimal {
        self.sum(|c| c.source.is_fiscal() && c.period == period)
    }
}
