//! `gongkai check` of a 主管部门 (its folder or its 部门 file): every unit
//! checked as `batch` checks it, then the department's own file against the
//! consolidated figures, without laying out or writing anything.

use super::{BatchError, BatchOptions, Shared, bureau, department, load_unit};
use crate::diagnostic::{Diagnostic, FileReport, Severity, render_human};
use crate::fonts::FontBook;
use crate::layout::LayoutSet;
use crate::run::BuildOptions;
use rayon::prelude::*;
use std::path::Path;

/// One file's findings: the report and how it reads with its lines.
pub struct Checked {
    pub report: FileReport,
    pub rendered: String,
}

/// The units' reports in their order, then the department's. A unit that
/// belongs to another department or year has that as an error of its own.
/// Err: the folder has no 部门 file, or it cannot be read.
pub fn check_department(
    dir: &Path,
    unit_set: LayoutSet,
    department_set: LayoutSet,
    book: Option<FontBook>,
    catalog: Option<std::path::PathBuf>,
) -> Result<Vec<Checked>, BatchError> {
    let bureau = match bureau::open(dir) {
        Ok(b) => b,
        // The department's own file is unreadable: that is its report.
        Err(bureau::OpenError::DepartmentFile { rendered }) => {
            let file = bureau::department_file(dir).unwrap_or_else(|| dir.to_path_buf());
            return Ok(vec![Checked {
                report: FileReport {
                    file: file.display().to_string(),
                    diagnostics: vec![Diagnostic::error(
                        "department-file",
                        "",
                        "部门文件有错误，所属单位未检查",
                    )],
                },
                rendered,
            }]);
        }
        Err(e) => return Err(e.into()),
    };
    let options = BatchOptions {
        build: BuildOptions {
            catalog: catalog.clone(),
            ..BuildOptions::default()
        },
        force: false,
        unit_layout: unit_set.origin.clone(),
        department_layout: department_set.origin.clone(),
        jobs: None,
    };
    let catalogs = unit_set.conventions(catalog);
    let shared = Shared {
        options: &options,
        out: dir.to_path_buf(),
        protected: Vec::new(),
        unit_set,
        department_set,
        book,
        unit_inputs: String::new(),
        department_inputs: String::new(),
        catalogs,
    };
    let units: Vec<_> = bureau
        .units
        .par_iter()
        .map(|p| load_unit(p, &bureau.department, &shared))
        .collect();
    let mut out = Vec::new();
    for u in &units {
        let mut report = u.checked.report.clone();
        let mut rendered = u.rendered.clone();
        if let Some(why) = &u.foreign {
            let d = Diagnostic::error("department-member", "", why.clone());
            rendered.push_str(&render_human(
                &FileReport {
                    file: report.file.clone(),
                    diagnostics: vec![d.clone()],
                },
                None,
            ));
            report.diagnostics.push(d);
        }
        out.push(Checked { report, rendered });
    }
    // As `batch`: the department is summed only from units without errors.
    let sound: Vec<_> = units
        .iter()
        .filter(|u| u.foreign.is_none() && u.checked.report.count(Severity::Error) == 0)
        .filter_map(|u| u.analysed.as_ref())
        .collect();
    let report = if sound.len() < units.len() {
        FileReport {
            file: bureau.file.display().to_string(),
            diagnostics: vec![Diagnostic::error(
                "department-member",
                "",
                "所属单位未全部通过检查：部门汇总的检查要等各单位改正之后",
            )],
        }
    } else {
        match department::checked(&bureau, &sound, &shared) {
            Ok((_, _, _, report)) => report,
            Err(why) => FileReport {
                file: bureau.file.display().to_string(),
                diagnostics: vec![Diagnostic::error("catalog-missing", "", why.to_string())],
            },
        }
    };
    let rendered = render_human(&report, Some(&bureau.text));
    out.push(Checked { report, rendered });
    Ok(out)
}
