//! Year-on-year change: this − last, rate against last year (never this year).

use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub this: Decimal,
    pub last: Decimal,
}

/// How a figure moved, for 增加 / 减少 / 持平 wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Flat,
}

impl Change {
    pub fn new(this: Decimal, last: Decimal) -> Change {
        Change { this, last }
    }
    pub fn diff(&self) -> Decimal {
        self.this - self.last
    }
    pub fn direction(&self) -> Direction {
        match self.diff() {
            d if d > Decimal::ZERO => Direction::Up,
            d if d < Decimal::ZERO => Direction::Down,
            _ => Direction::Flat,
        }
    }
    /// Exact ratio diff / last; None when last year was 0 (no rate is stated then).
    pub fn rate(&self) -> Option<Decimal> {
        (!self.last.is_zero()).then(|| self.diff() / self.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_is_against_last_year() {
        let c = Change::new(Decimal::from(90), Decimal::from(100));
        assert_eq!(c.diff(), Decimal::from(-10));
        assert_eq!(c.rate(), Some(Decimal::new(-1, 1)));
        assert_eq!(c.direction(), Direction::Down);
        assert_eq!(Change::new(Decimal::ONE, Decimal::ZERO).rate(), None);
        assert_eq!(
            Change::new(Decimal::ONE, Decimal::ONE).direction(),
            Direction::Flat
        );
    }
}
