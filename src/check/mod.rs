//! The checker: rules that catch what disclosure inspectors catch.
//!
//! Each rule has a stable id, a severity and its own test; every diagnostic
//! names the field path, which the source map turns into a line.

pub mod glyphs;
mod rule;
mod rules;
mod texts;
pub mod walk;

pub use rule::{Context, Findings, Rule, Scope};
pub use rules::RULES;

use crate::catalog::Catalog;
use crate::compute::Ledger;
use crate::compute::prior::Link;
use crate::conventions::Profile;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{Loaded, SourceMap};
use crate::model::Budget;

/// The size bounds of a 部门 consolidated from its units (rule
/// `department-size-limit`): a unit's file has its own, smaller ones.
pub fn department_size(budget: &Budget) -> Vec<Diagnostic> {
    let texts = walk::texts(budget);
    rules::department_size(budget, &texts)
        .into_iter()
        .map(|(path, message)| {
            Diagnostic::new("department-size-limit", Severity::Error, path, message)
        })
        .collect()
}

/// Runs every rule and places each finding at its line.
pub fn check(loaded: &Loaded, ledger: &Ledger, catalog: &Catalog) -> Vec<Diagnostic> {
    check_with(
        loaded,
        ledger,
        catalog,
        &Profile::default(),
        &Link::Typed,
        None,
    )
}

/// Like `check`, also checking every character against `fonts`.
pub fn check_with(
    loaded: &Loaded,
    ledger: &Ledger,
    catalog: &Catalog,
    profile: &Profile,
    link: &Link,
    fonts: Option<glyphs::Fonts>,
) -> Vec<Diagnostic> {
    let cx = Context {
        budget: &loaded.budget,
        ledger,
        catalog,
        profile,
        link,
        texts: walk::texts(&loaded.budget),
        json: Default::default(),
    };
    place(rules_and_fonts(&cx, Scope::Unit, fonts), &loaded.map)
}

/// The findings of the rules for a 部门 on its consolidated budget, not
/// yet placed at lines.
pub fn department_rules(
    budget: &Budget,
    ledger: &Ledger,
    catalog: &Catalog,
    profile: &Profile,
) -> Vec<Diagnostic> {
    let cx = Context {
        budget,
        ledger,
        catalog,
        profile,
        link: &Link::Typed,
        texts: walk::texts(budget),
        json: Default::default(),
    };
    rules_and_fonts(&cx, Scope::Department, None)
}

fn rules_and_fonts(cx: &Context, budget: Scope, fonts: Option<glyphs::Fonts>) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    // A rule the format has no place for (`check.off`) is not run.
    let on = |r: &&Rule| !cx.profile.off.iter().any(|id| id == r.id);
    for rule in RULES.iter().filter(|r| r.scope.covers(budget)).filter(on) {
        let mut f = Findings::of(rule);
        (rule.run)(cx, &mut f);
        all.extend(f.into_diagnostics());
    }
    if let Some(f) = fonts {
        all.extend(glyphs::missing(&cx.texts, f.book, f.roles));
    }
    all
}

/// Gives each finding the line of its field in `map`, then orders them:
/// errors first, then by position, so the report reads top to bottom.
pub fn place(mut all: Vec<Diagnostic>, map: &SourceMap) -> Vec<Diagnostic> {
    for d in &mut all {
        if d.span.is_none() && !d.path.is_empty() {
            d.span = map.locate_field(&d.path);
        }
    }
    all.sort_by_key(|d| (d.severity, d.span.map(|s| (s.line, s.column))));
    all
}
