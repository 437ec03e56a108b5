//! The checker: rules that catch what disclosure inspectors catch.
//!
//! Each rule has a stable id, a severity and its own test; every diagnostic
//! names the field path, which the source map turns into a line.

pub mod glyphs;
mod rules;
mod texts;
pub mod walk;

pub use rules::RULES;

use crate::catalog::Catalog;
use crate::compute::Ledger;
use crate::compute::prior::Link;
use crate::conventions::Profile;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{Loaded, SourceMap};
use crate::model::Budget;

/// Which budgets a rule reads: a unit's own file, a 部门 consolidated from
/// its units (whose figures each unit's check has seen), or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Unit,
    Department,
    Both,
}

impl Scope {
    /// As `gongkai rules` lists it.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Unit => "单位",
            Scope::Department => "部门",
            Scope::Both => "单位和部门",
        }
    }

    fn covers(self, budget: Scope) -> bool {
        self == Scope::Both || self == budget
    }
}

/// What every rule can see.
pub struct Context<'a> {
    pub budget: &'a Budget,
    pub ledger: &'a Ledger,
    pub catalog: &'a Catalog,
    pub profile: &'a Profile,
    /// Last year's file, when the budget links one.
    pub link: &'a Link,
    /// Every text of the budget with its path, gathered once for the rules
    /// (and the font check) that read them all.
    pub texts: Vec<(String, String)>,
}

/// A rule: its id, severity, what it checks (Chinese, for `gongkai rules`), and the check.
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub description: &'static str,
    pub scope: Scope,
    pub run: fn(&Context, &mut Findings),
}

/// Collects one rule's findings, stamping them with the rule's id and severity.
pub struct Findings {
    rule: &'static str,
    severity: Severity,
    out: Vec<Diagnostic>,
}

impl Findings {
    pub fn add(&mut self, path: impl Into<String>, message: impl Into<String>) -> &mut Diagnostic {
        self.out
            .push(Diagnostic::new(self.rule, self.severity, path, message));
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

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
    };
    rules_and_fonts(&cx, Scope::Department, None)
}

fn rules_and_fonts(cx: &Context, budget: Scope, fonts: Option<glyphs::Fonts>) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    // A rule the format has no place for (`check.off`) is not run.
    let on = |r: &&Rule| !cx.profile.off.iter().any(|id| id == r.id);
    for rule in RULES.iter().filter(|r| r.scope.covers(budget)).filter(on) {
        let mut f = Findings {
            rule: rule.id,
            severity: rule.severity,
            out: Vec::new(),
        };
        (rule.run)(cx, &mut f);
        all.extend(f.out);
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
