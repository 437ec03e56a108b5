//! Layout: a layout set (data in `layouts/<set>/`) applied to a budget and its
//! ledger gives the format-neutral document tree. No file formats here.

mod aside;
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
use crate::doc::{Block, Document, Meta};
use crate::model::Budget;
use minijinja::Value;

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
    // Tables made beside the pass first; where that cannot give the
    // document, one pass gives it or says what is wrong (`aside`).
    if let Some(doc) = with_tables_beside(set, budget, &scope) {
        return Ok(doc);
    }
    one_pass(set, budget, &scope)
}

/// The document made in one pass over the set's blocks, tables where they
/// stand.
fn one_pass(set: &LayoutSet, budget: &Budget, scope: &Value) -> Result<Document, LayoutError> {
    let mut ev = evaluator(set, budget);
    let (meta, blocks) = pass(set, &mut ev, scope)?;
    Ok(document(set, meta, blocks, ev.explanation))
}

/// The document with its tables made beside the pass over its blocks;
/// None where one pass must make it.
fn with_tables_beside(set: &LayoutSet, budget: &Budget, scope: &Value) -> Option<Document> {
    let mut ev = evaluator(set, budget);
    ev.aside = Some(Vec::new());
    let (meta, mut blocks) = pass(set, &mut ev, scope).ok()?;
    let tables = ev.aside.take()?;
    aside::make(
        set,
        ev.display.as_deref(),
        tables,
        ev.written(),
        &mut blocks,
    )?;
    Some(document(set, meta, blocks, ev.explanation))
}

fn evaluator<'s>(set: &'s LayoutSet, budget: &Budget) -> eval::Evaluator<'s> {
    let mut ev = eval::Evaluator::new(set);
    ev.display = budget.display.clone();
    ev
}

/// The metadata and the blocks, in one pass over the set's specs.
fn pass<'s>(
    set: &'s LayoutSet,
    ev: &mut eval::Evaluator<'s>,
    scope: &Value,
) -> Result<(Meta, Vec<Block>), LayoutError> {
    let m = &set.spec.meta;
    let meta = Meta {
        title: ev.text(&m.title, scope)?,
        author: ev.text(&m.author, scope)?,
        subject: ev.text(&m.subject, scope)?,
        date: ev.text(&m.date, scope)?,
        language: m.language.clone(),
    };
    let mut blocks = Vec::new();
    ev.blocks(&set.spec.document, scope, &mut blocks)?;
    Ok((meta, blocks))
}

fn document(
    set: &LayoutSet,
    meta: Meta,
    blocks: Vec<Block>,
    explanation: Option<std::ops::Range<usize>>,
) -> Document {
    Document {
        meta,
        page: set.spec.page.clone(),
        fonts: set.spec.fonts.clone(),
        blocks,
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Every unit budget under samples/ (the 部门 files aside), in order.
    fn sample_units() -> Vec<PathBuf> {
        let mut stack = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")];
        let mut files = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("reads samples") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml")
                    && !path.ends_with("部门.yaml")
                {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
    }

    /// A sample's budget, ledger and catalogue.
    fn analysed(file: &std::path::Path) -> (crate::load::Loaded, Ledger, Catalog) {
        let loaded = crate::load::load_file(file).expect("loads");
        let catalog = Catalog::for_year(loaded.budget.year).expect("catalogue");
        let ledger = crate::compute::compute(&loaded.budget, &catalog);
        (loaded, ledger, catalog)
    }

    /// Every sample unit in every bundled set that lays it out (each sample
    /// in one at least): the document with its tables made beside the pass
    /// is made (no fallback) and is the one-pass document.
    #[test]
    fn tables_made_beside_the_pass_give_the_one_pass_document() {
        let units: Vec<_> = sample_units()
            .iter()
            .map(|f| (f.clone(), analysed(f)))
            .collect();
        let (mut tables, mut laid) = (0, std::collections::BTreeSet::new());
        for name in bundled_sets() {
            let set = LayoutSet::open(&name).expect("opens");
            for (file, (loaded, ledger, catalog)) in &units {
                let budget = &loaded.budget;
                let scope = context::build(budget, ledger, catalog, &[], &set.spec);
                let Ok(one) = one_pass(&set, budget, &scope) else {
                    continue;
                };
                let beside = with_tables_beside(&set, budget, &scope)
                    .unwrap_or_else(|| panic!("{name}, {}: fell back to one pass", file.display()));
                assert!(beside == one, "{name}, {}", file.display());
                laid.insert(file);
                tables += one
                    .blocks
                    .iter()
                    .filter(|b| matches!(b, Block::Table(_)))
                    .count();
            }
        }
        assert!(tables > 500, "{tables} tables");
        assert_eq!(laid.len(), units.len(), "a sample no set lays out");
    }

    /// A table whose template fails: the message is the one pass's (the
    /// first failure where it stands), not a table's made beside.
    #[test]
    fn a_failing_table_is_said_as_one_pass_says_it() {
        let mut broken = LayoutSet::open(default_set()).expect("opens");
        let file = sample_units()
            .into_iter()
            .find(|f| {
                let (loaded, ledger, catalog) = analysed(f);
                build(&broken, &loaded.budget, &ledger, &catalog).is_ok()
            })
            .expect("a sample the default set lays out");
        let (loaded, ledger, catalog) = analysed(&file);
        let mut broke = 0;
        let specs = broken.includes.values_mut().flatten();
        for spec in specs.chain(broken.spec.document.iter_mut()) {
            if let spec::BlockKind::Table(t) = &mut spec.kind {
                t.title = format!("{}{{{{ 1 / 0 }}}}", t.title);
                broke += 1;
            }
        }
        assert!(broke > 1, "{broke}");
        let said = build(&broken, &loaded.budget, &ledger, &catalog)
            .expect_err("fails")
            .to_string();
        let budget = &loaded.budget;
        let scope = context::build(budget, &ledger, &catalog, &[], &broken.spec);
        assert!(with_tables_beside(&broken, budget, &scope).is_none());
        let one = one_pass(&broken, budget, &scope)
            .expect_err("fails")
            .to_string();
        assert_eq!(said, one);
    }
}
