//! What `gongkai diff` finds, as values: the comparisons (`figures`,
//! `tables`, `sentences`, `years`) make them and `render` words them.

use super::years::{ExplainedChange, Mismatch};
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
