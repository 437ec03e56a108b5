//! Layout: a layout set (data in `layouts/<set>/`) applied to a budget and its
//! ledger gives the format-neutral document tree. No file formats here.

mod context;
mod error;
mod eval;
mod filters;
mod reads;
pub mod set;
pub mod spec;
mod table;
mod templates;
pub mod values;

pub use context::Member;
pub use error::LayoutError;
pub use set::{LayoutSet, bundled_sets, default_department_set, default_set};

use crate::catalog::Catalog;
use crate::compute::Ledger;
use crate::doc::{Document, Meta};
use crate::model::Budget;

/// Lays out one unit's package.
pub fn build(
    set: &LayoutSet,
    budget: &Budget,
    ledger: &Ledger,
    catalog: &Catalog,
) -> Result<Document, LayoutError> {
    build_with_members(set, budget, ledger, catalog, &[])
}

/// Lays out a department's consolidated package: `members` are its units,
/// listed in the 部门预算单位构成.
pub fn build_with_members(
    set: &LayoutSet,
    budget: &Budget,
    ledger: &Ledger,
    catalog: &Catalog,
    members: &[Member],
) -> Result<Document, LayoutError> {
    let scope = context::build(budget, ledger, catalog, members, &set.spec);
    if let Some(name) = &budget.display
        && !set.spec.display_variants.contains_key(name)
    {
        return Err(LayoutError::DisplayVariant {
            name: name.clone(),
            allowed: set.spec.display_variants.keys().cloned().collect(),
        });
    }
    let mut ev = eval::Evaluator::new(set);
    ev.display = budget.display.clone();
    let m = &set.spec.meta;
    let meta = Meta {
        title: ev.text(&m.title, &scope)?,
        author: ev.text(&m.author, &scope)?,
        subject: ev.text(&m.subject, &scope)?,
        date: ev.text(&m.date, &scope)?,
        language: m.language.clone(),
    };
    let mut blocks = Vec::new();
    ev.blocks(&set.spec.document, &scope, &mut blocks)?;
    Ok(Document {
        meta,
        page: set.spec.page.clone(),
        fonts: set.spec.fonts.clone(),
        blocks,
        explanation: ev.explanation,
    })
}
