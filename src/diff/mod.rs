//! `gongkai diff`: what a correction changed — the figures (from the two
//! ledgers), the table cells and the narrative sentences (from the two
//! document trees) — so an officer can confirm it did exactly what was meant.

mod figures;
mod render;
mod sentences;
mod tables;

pub use render::{human, json};

use crate::compute::Ledger;
use crate::doc::Document;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub figures: Vec<FigureChange>,
    pub cells: Vec<CellChange>,
    pub sentences: Vec<SentenceChange>,
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
        self.figures.is_empty() && self.cells.is_empty() && self.sentences.is_empty()
    }
}

/// Compares two versions of a unit: ledgers for figures, documents for what
/// a reader sees.
pub fn diff(old: (&Ledger, &Document), new: (&Ledger, &Document)) -> Diff {
    Diff {
        figures: figures::compare(old.0, new.0),
        cells: tables::compare(old.1, new.1),
        sentences: sentences::compare(old.1, new.1),
    }
}
