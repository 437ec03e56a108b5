//! A document's tables made beside the pass over its blocks: three
//! quarters of building a unit's document was evaluating its tables' rows,
//! on one core while the other waited.
//!
//! The pass leaves a placeholder (an empty table) where each table stands
//! and numbers its 目录 entry there (the only thing a table changes in the
//! pass); each table is then made on its own by an evaluator of its own,
//! in parallel, and put in its place. The document is the one the pass
//! alone makes (a test compares them for every sample). Where anything
//! fails, or the templates together wrote more than one document may, the
//! caller builds again in one pass: its message (the first failure in
//! document order, where it stands) is the one to give.

use super::eval::{Aside, DOCUMENT_OUTPUT, Evaluator};
use super::set::LayoutSet;
use crate::doc::{Block, Table};

/// Makes the tables set aside and puts each in its placeholder in
/// `blocks`. None when one fails, when together with the pass's `written`
/// bytes the templates wrote more than a document may (each evaluator
/// starts its count afresh, so only the sum can tell), or when the
/// placeholders do not match them: the caller then builds in one pass.
pub fn make(
    set: &LayoutSet,
    display: Option<&str>,
    aside: Vec<Aside<'_>>,
    written: usize,
    blocks: &mut [Block],
) -> Option<()> {
    use rayon::prelude::*;
    let made: Vec<(Table, usize)> = aside
        .into_par_iter()
        .map(|a| {
            let mut ev = Evaluator::new(set);
            ev.display = display.map(str::to_string);
            ev.place = a.place;
            let toc = a.toc;
            let table = ev.table_numbered(a.spec, &a.scope, |_, _| toc).ok()?;
            Some((table, ev.written()))
        })
        .collect::<Option<_>>()?;
    let total = made.iter().map(|(_, w)| w).sum::<usize>() + written;
    if total > DOCUMENT_OUTPUT {
        return None;
    }
    let mut places: Vec<&mut Table> = blocks
        .iter_mut()
        .filter_map(|b| match b {
            Block::Table(t) => Some(&mut **t),
            _ => None,
        })
        .collect();
    if places.len() != made.len() {
        return None;
    }
    for (place, (table, _)) in places.iter_mut().zip(made) {
        **place = table;
    }
    Some(())
}
