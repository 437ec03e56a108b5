//! What a rule is and what it sees: the rule table (`rules`) and the
//! checker that runs it (`check`) both read these.

use crate::catalog::Catalog;
use crate::compute::Ledger;
use crate::compute::prior::Link;
use crate::conventions::Profile;
use crate::diagnostic::{Diagnostic, Severity};
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

    /// Whether a rule of this scope runs on a budget of `budget`'s.
    pub fn covers(self, budget: Scope) -> bool {
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
    /// The budget as JSON, made once for the rules that follow paths in it,
    /// when the first of them asks.
    pub json: std::cell::OnceCell<Option<serde_json::Value>>,
}

impl Context<'_> {
    /// The budget as JSON (None only if it cannot be written so).
    pub fn budget_json(&self) -> Option<&serde_json::Value> {
        self.json
            .get_or_init(|| serde_json::to_value(self.budget).ok())
            .as_ref()
    }
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
    /// The findings of `rule`, none yet.
    pub fn of(rule: &Rule) -> Findings {
        Findings {
            rule: rule.id,
            severity: rule.severity,
            out: Vec::new(),
        }
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.out
    }

    pub fn add(&mut self, path: impl Into<String>, message: impl Into<String>) -> &mut Diagnostic {
        self.out
            .push(Diagnostic::new(self.rule, self.severity, path, message));
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}
