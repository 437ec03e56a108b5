//! The `check` job: load, compute, check; one report per file.

use crate::catalog::Catalog;
use crate::compute;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::load::load_file;
use std::path::Path;

/// The outcome for one file, with its text for showing source lines.
pub struct Checked {
    pub report: FileReport,
    pub text: Option<String>,
    /// The file could not be read as YAML at all.
    pub unreadable: bool,
}

pub fn check_file(path: &Path) -> Checked {
    let file = path.display().to_string();
    match load_file(path) {
        Ok(loaded) => {
            let catalog = Catalog::for_year(loaded.budget.year);
            let ledger = compute::compute(&loaded.budget, &catalog);
            let diagnostics = crate::check::check(&loaded, &ledger, &catalog);
            Checked {
                report: FileReport { file, diagnostics },
                text: Some(loaded.text),
                unreadable: false,
            }
        }
        Err(e) => {
            let unreadable = e.unreadable;
            let text = e.text().map(str::to_string);
            let d: Diagnostic = e.diagnostic().clone();
            Checked {
                report: FileReport {
                    file,
                    diagnostics: vec![d],
                },
                text,
                unreadable,
            }
        }
    }
}

/// 0: clean or warnings only; 1: errors; 2: some file unreadable.
pub fn exit_code(results: &[Checked]) -> i32 {
    if results.iter().any(|c| c.unreadable) {
        2
    } else if results.iter().any(|c| c.report.count(Severity::Error) > 0) {
        1
    } else {
        0
    }
}
