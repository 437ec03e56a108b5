//! `gongkai diff`: what a correction changed — the figures (from the two
//! ledgers), the table cells and the narrative sentences (from the two
//! document trees) — so an officer can confirm it did exactly what was meant.
//! Two consecutive years are compared differently (`years`): the changes the
//! narrative explains, not a correction's every cell.

mod figures;
mod render;
mod sentences;
mod tables;
mod years;

pub use years::{ExplainedChange, Mismatch};

pub use render::{human, json};

use crate::compute::Ledger;
use crate::doc::Document;
use crate::model::Budget;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub figures: Vec<FigureChange>,
    pub cells: Vec<CellChange>,
    pub sentences: Vec<SentenceChange>,
    /// Set when the files are two consecutive years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<YearOverYear>,
}

/// Last year's file against this year's.
#[derive(Debug, Clone, Serialize)]
pub struct YearOverYear {
    pub from: i32,
    pub to: i32,
    /// The changes this year's narrative states, with their reasons.
    pub explained: Vec<ExplainedChange>,
    /// This year's 上年 figures that are not last year's file's own.
    pub mismatches: Vec<Mismatch>,
}

/// A computed figure (in 元) that moved: a total, a 科目, a project.
#[derive(Debug, Clone, Serialize)]
pub struct FigureChange {
    pub item: String,
    pub old: rust_decimal::Decimal,
    pub new: rust_decimal::Decimal,
}

/// A table cell as printed, before and after.
#[derive(Debug, Clone, Serialize)]
pub struct CellChange {
    pub table: String,
    pub row: String,
    pub column: String,
    /// Empty when the row is new.
    pub old: String,
    /// Empty when the row is gone.
    pub new: String,
    /// new − old, when both are figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<String>,
}

/// A narrative sentence that changed, appeared or went.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceChange {
    /// The heading the sentence is under.
    pub section: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.years.is_none()
            && self.figures.is_empty()
            && self.cells.is_empty()
            && self.sentences.is_empty()
    }
}

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
