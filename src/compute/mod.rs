//! Derived figures. The only place where arithmetic on money happens.

mod breakdown;
mod change;
pub mod display;
mod final_accounts;
pub mod last;
mod ledger;
pub mod prior;
mod three_public;

pub use breakdown::{Breakdown, Cell, Kind};
pub use change::{Change, Direction};
pub use final_accounts::{FinalFigures, by_source};
pub use ledger::*;
pub use three_public::ThreePublicParts;
