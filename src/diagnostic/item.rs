//! One diagnostic and a file's report: what the loader and the checker
//! make and the renderers word.

use serde::Serialize;

/// The most of a value any message quotes: enough to recognise it, never a
/// whole pasted page.
pub const QUOTE_CHARS: usize = 80;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed before publishing.
    Error,
    /// Probably wrong; a person should look.
    Warning,
    /// For information, e.g. a rounding difference that is not an error.
    Note,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Note => "提示",
        }
    }
}

/// A 1-based position in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
}

/// One finding, tied to a field of the YAML by its path.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Stable rule id, e.g. `amount-negative`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Field path in the YAML, e.g. `项目[3].资金.一般公共预算`; empty for the whole file.
    pub path: String,
    pub span: Option<Span>,
    /// For a workbook, the cell instead of a line: `基本支出!D5（金额）`.
    #[serde(rename = "单元格", skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// A hint on how to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            path: path.into(),
            span: None,
            cell: None,
            help: None,
        }
    }
    pub fn error(rule: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Error, path, message)
    }
    pub fn warning(
        rule: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(rule, Severity::Warning, path, message)
    }
    pub fn note(rule: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Note, path, message)
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// Adds a hint to a diagnostic already collected.
    pub fn hint(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
    pub fn at(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }
}

/// What `check` found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}
