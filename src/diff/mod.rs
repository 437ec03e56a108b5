//! `gongkai diff`: what a correction changed — the figures (from the two
//! ledgers), the table cells and the narrative sentences (from the two
//! document trees) — so an officer can confirm it did exactly what was meant.
//! Two consecutive years are compared differently (`years`): the changes the
//! narrative explains, not a correction's every cell.

mod changes;
mod figures;
mod render;
mod sentences;
mod tables;
mod years;

pub use changes::{CellChange, Diff, FigureChange, SentenceChange, YearOverYear};
pub use years::{ExplainedChange, Mismatch};

pub use render::{human, json};

use crate::compute::Ledger;
use crate::doc::Document;
use crate::model::Budget;

/// Compares two versions of a unit: ledgers for figures, documents for what
/// a reader sees.
pub fn diff(old: (&Ledger, &Document), new: (&Ledger, &Document)) -> Diff {
    Diff {
        figures: figures::compare(old.0, new.0),
        cells: tables::compare(old.1, new.1),
        sentences: sentences::compare(old.1, new.1),
        years: None,
    }
}

/// Compares last year's file (`old`) with this year's (`new`, its budget
/// and ledger): the figures that moved, the changes the narrative explains,
/// and any 上年 figure that is not `old`'s own. Tables and sentences differ
/// in every year they name, so they are not listed cell by cell.
pub fn across_years(old: &Ledger, new_budget: &Budget, new: &Ledger) -> Diff {
    Diff {
        figures: figures::compare(old, new),
        cells: Vec::new(),
        sentences: Vec::new(),
        years: Some(YearOverYear {
            from: old.year,
            to: new.year,
            explained: years::explained(new_budget, new),
            mismatches: years::mismatches(old, new),
        }),
    }
}
