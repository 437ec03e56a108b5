//! What every package of a run shares (options, sets, fonts), a unit as
//! loaded, and how one package is published: what the 主管部门's units and
//! its own consolidated package are both built with.

use super::package;
use super::summary::{Row, Status};
use crate::conventions::Conventions;
use crate::diagnostic::{FileReport, Severity};
use crate::fonts::FontBook;
use crate::layout::LayoutSet;
use crate::run::{Analysed, BuildOptions, Checked, render_package};
use std::path::{Path, PathBuf};

/// How a batch runs: the build options every package takes, the two sets,
/// whether to rebuild what is current, and how many packages at once.
pub struct BatchOptions {
    pub build: BuildOptions,
    /// Rebuild even packages whose inputs did not change.
    pub force: bool,
    pub unit_layout: String,
    pub department_layout: String,
    /// Worker threads; `None` for one per core.
    pub jobs: Option<usize>,
}

/// What every package of this run shares: sets, fonts, and the part of each
/// package's input hash that does not depend on its data.
pub(super) struct Shared<'a> {
    pub(super) options: &'a BatchOptions,
    /// The department's output folder (a city's departments take turns).
    pub(super) out: PathBuf,
    /// The input folder and files, canonical: never replaced.
    pub(super) protected: Vec<PathBuf>,
    pub(super) unit_set: LayoutSet,
    pub(super) department_set: LayoutSet,
    pub(super) book: Option<FontBook>,
    pub(super) unit_inputs: String,
    pub(super) department_inputs: String,
    /// Where the year's 科目目录 is looked for (`--catalog`, the unit set's folder).
    pub(super) catalogs: Conventions,
}

/// A unit's file after loading and checking.
pub(super) struct Unit {
    pub(super) path: PathBuf,
    pub(super) checked: Checked,
    pub(super) analysed: Option<Analysed>,
    /// Why it cannot belong to this department, when it cannot.
    pub(super) foreign: Option<String>,
    /// The unit's name, or its file's when it could not be read.
    pub(super) name: String,
    pub(super) folder: String,
    /// The report as shown, with its source lines.
    pub(super) rendered: String,
    /// What its package is made from (a hash), when it loaded.
    pub(super) inputs: Option<String>,
}

/// Why one package was not built (its row says so; the others go on).
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error(transparent)]
    Layout(#[from] crate::layout::LayoutError),
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
    #[error(transparent)]
    Write(#[from] package::WriteError),
}

/// Skips a current package, or lays out, renders and writes a new one.
pub(super) fn publish(
    dir: &Path,
    inputs: &str,
    source: &str,
    shared: &Shared,
    document: impl FnOnce() -> Result<crate::doc::Document, PackageError>,
) -> Result<(Status, Vec<PathBuf>), PackageError> {
    // Checked before anything is laid out: a stranger's folder fails fast.
    package::may_replace(dir, &shared.protected)?;
    if !shared.options.force
        && let Some(files) = package::current(dir, inputs)
    {
        return Ok((Status::Skipped, files));
    }
    let doc = document()?;
    let files = render_package(&doc, &shared.options.build, shared.book.as_ref())?;
    let written = package::write(dir, &files, inputs, source, &shared.protected)?;
    Ok((Status::Built, written))
}

/// A package's row with what became of it; the inputs' hash when it was
/// built or is current.
pub(super) fn finish(
    mut row: Row,
    result: Result<(Status, Vec<PathBuf>), PackageError>,
    inputs: String,
) -> (Row, Option<String>) {
    match result {
        Ok((status, files)) => {
            row.status = status;
            row.files = files;
            (row, Some(inputs))
        }
        Err(e) => {
            row.error = Some(e.to_string());
            (row, None)
        }
    }
}

/// The first error of a report, as a row says why.
pub(super) fn first_error(report: &FileReport) -> Option<String> {
    report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
}
