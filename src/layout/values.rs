//! Figures as template values: exact amounts that templates can show (through
//! filters) but never do arithmetic on.

use crate::compute::{Breakdown, Change, Direction, Kind};
use crate::model::{Period, Source};
use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use rust_decimal::Decimal;
use std::fmt;
use std::sync::Arc;

/// An exact figure: an amount in 元, or a ratio (a rate or a share).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    Yuan(Decimal),
    Ratio(Decimal),
}

impl Num {
    pub fn value(self) -> Decimal {
        match self {
            Num::Yuan(d) | Num::Ratio(d) => d,
        }
    }
    pub fn yuan(d: Decimal) -> Value {
        Value::from_object(Num::Yuan(d))
    }
    /// The figure behind a template value, if it is one.
    pub fn of(v: &Value) -> Option<Num> {
        v.downcast_object_ref::<Num>().copied()
    }
}

impl Object for Num {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }
    fn is_true(self: &Arc<Self>) -> bool {
        !self.value().is_zero()
    }
    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Unfiltered output shows the exact 元 figure; layouts use `wan` etc.
        write!(f, "{}", self.value().normalize())
    }
}

/// A [`Breakdown`] whose attributes are filters joined by `_`:
/// sources (`general`, `fund`, `capital`, `special`, `fiscal`; `own` is all
/// 单位资金, `unsplit` what was written as 单位资金 whole, or by kind
/// `business`, `operating`, `superior`, `affiliate`, `other`), several of
/// which add up (`other_superior` is both),
/// a period (`current`, `carried`) and a kind (`basic`, `project`; in a
/// 决算 also `remit` 上缴上级支出, `venture` 经营支出, `subsidy` 对附属单位补助支出),
/// in any order; `total` is everything. E.g. `fig.general_current_basic`.
#[derive(Debug, Clone, Copy)]
pub struct Fig(pub Breakdown);

impl Fig {
    pub fn value(b: Breakdown) -> Value {
        Value::from_object(Fig(b))
    }

    fn lookup(&self, key: &str) -> Option<Decimal> {
        if key == "total" {
            return Some(self.0.total());
        }
        let mut sources: Option<Vec<Source>> = None;
        let mut period: Option<Period> = None;
        let mut kind: Option<Kind> = None;
        // Sources named together add up: a format's 其他收入 may be several.
        let mut add = |more: Vec<Source>| sources.get_or_insert_with(Vec::new).extend(more);
        for part in key.split('_') {
            match part {
                "general" => add(vec![Source::GeneralPublic]),
                "fund" => add(vec![Source::GovernmentFund]),
                "capital" => add(vec![Source::StateCapital]),
                "special" => add(vec![Source::SpecialAccount]),
                "own" => add(where_(Source::is_unit_funds)),
                "unsplit" => add(vec![Source::UnitFunds]),
                "business" => add(vec![Source::BusinessIncome]),
                "operating" => add(vec![Source::OperatingIncome]),
                "superior" => add(vec![Source::SuperiorGrant]),
                "affiliate" => add(vec![Source::AffiliateRemittance]),
                "other" => add(vec![Source::OtherIncome]),
                "fiscal" => add(where_(Source::is_fiscal)),
                "current" => period = Some(Period::Current),
                "carried" => period = Some(Period::CarriedOver),
                "basic" => kind = Some(Kind::Basic),
                "project" => kind = Some(Kind::Project),
                "remit" => kind = Some(Kind::Remit),
                "venture" => kind = Some(Kind::Operating),
                "subsidy" => kind = Some(Kind::Subsidy),
                _ => return None,
            }
        }
        Some(self.0.sum(|c| {
            sources.as_ref().is_none_or(|s| s.contains(&c.source))
                && period.is_none_or(|p| p == c.period)
                && kind.is_none_or(|k| k == c.kind)
        }))
    }
}

/// The sources a test accepts.
fn where_(test: fn(Source) -> bool) -> Vec<Source> {
    Source::ALL.iter().copied().filter(|s| test(*s)).collect()
}

impl Object for Fig {
    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.lookup(key).map(Num::yuan)
    }
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }
    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&["total", "current", "carried", "basic", "project"])
    }
    fn is_true(self: &Arc<Self>) -> bool {
        !self.0.total().is_zero()
    }
}

/// A year-on-year [`Change`]: `this`, `last`, `diff` (its size, without sign),
/// `direction` (`up`, `down` or `flat`), `rate` (its size, or none when
/// last year was 0) and `reason` (the stated reason, or none).
#[derive(Debug, Clone)]
pub struct ChangeValue(pub Change, pub Option<String>);

impl ChangeValue {
    pub fn value(c: Change, reason: Option<String>) -> Value {
        Value::from_object(ChangeValue(c, reason))
    }
}

impl Object for ChangeValue {
    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let c = self.0;
        Some(match key {
            "reason" => Value::from(self.1.clone()),
            "this" => Num::yuan(c.this),
            "last" => Num::yuan(c.last),
            "diff" => Num::yuan(c.diff().abs()),
            "direction" => Value::from(match c.direction() {
                Direction::Up => "up",
                Direction::Down => "down",
                Direction::Flat => "flat",
            }),
            "rate" => match c.rate() {
                Some(r) => Value::from_object(Num::Ratio(r.abs())),
                None => Value::from(()),
            },
            _ => return None,
        })
    }
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }
    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&["this", "last", "diff", "direction", "rate", "reason"])
    }
}

#[cfg(test)]
mod tests {
    use super::Fig;
    use crate::compute::{Breakdown, Kind};
    use crate::model::{Period, Source};
    use rust_decimal::Decimal;

    #[test]
    fn sources_named_together_add_up() {
        let mut b = Breakdown::default();
        let yuan = Decimal::from;
        b.add(Source::OtherIncome, Period::Current, Kind::Basic, yuan(3));
        b.add(
            Source::SuperiorGrant,
            Period::Current,
            Kind::Project,
            yuan(5),
        );
        b.add(Source::UnitFunds, Period::Current, Kind::Basic, yuan(7));
        b.add(
            Source::GeneralPublic,
            Period::Current,
            Kind::Basic,
            yuan(100),
        );
        let fig = Fig(b);
        assert_eq!(fig.lookup("other"), Some(yuan(3)));
        assert_eq!(fig.lookup("other_superior"), Some(yuan(8)));
        assert_eq!(fig.lookup("other_superior_unsplit"), Some(yuan(15)));
        assert_eq!(fig.lookup("other_superior_unsplit_basic"), Some(yuan(10)));
        assert_eq!(fig.lookup("own"), Some(yuan(15)));
        // A source named twice counts once.
        assert_eq!(fig.lookup("general_fiscal"), Some(yuan(100)));
        assert_eq!(fig.lookup("other_bogus"), None);
    }
}
