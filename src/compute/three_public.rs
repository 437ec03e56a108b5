//! The four parts of “三公”经费, as this year's and last year's figures
//! state them.

use crate::model::{Amount, ThreePublicAmounts};
use rust_decimal::Decimal;

/// The four parts of “三公”经费, in 元.
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreePublicParts {
    pub overseas: Decimal,
    pub reception: Decimal,
    pub car_purchase: Decimal,
    pub car_running: Decimal,
}

impl ThreePublicParts {
    pub fn cars(&self) -> Decimal {
        self.car_purchase + self.car_running
    }
    pub fn total(&self) -> Decimal {
        self.overseas + self.reception + self.cars()
    }

    /// The parts of typed amounts, in 元.
    pub fn of(t: &ThreePublicAmounts, yuan: &impl Fn(Amount) -> Decimal) -> ThreePublicParts {
        ThreePublicParts {
            overseas: yuan(t.overseas),
            reception: yuan(t.reception),
            car_purchase: yuan(t.car_purchase),
            car_running: yuan(t.car_running),
        }
    }
}
