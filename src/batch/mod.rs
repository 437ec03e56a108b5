//! `gongkai batch`: every unit of a 主管部门 built in parallel, then the
//! consolidated 部门 package from the same data. One unit's errors never stop
//! the others; packages whose inputs did not change are skipped.

pub mod bureau;
pub mod check;
pub mod city;
mod department;
mod package;
mod progress;
mod shared;
mod summary;

pub use bureau::{DEPARTMENT_FILE, OpenError};
pub use city::{CitySummary, Counts, DepartmentRun};
pub use package::{MANIFEST, folder_name};
pub use shared::{BatchOptions, PackageError};
use shared::{Shared, Unit, finish, first_error, publish};
use summary::file_label;
pub use summary::{Kind, Row, SUMMARY_FILE, Status, Summary};

use crate::diagnostic::{FileReport, Severity, render_human};
use crate::fonts::FontBook;
use crate::hash::Hasher;
use crate::layout::LayoutSet;
use crate::run::{Analysed, analyse_isolated};
use progress::Progress;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why a batch could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    Bureau(#[from] bureau::OpenError),
    #[error(transparent)]
    Layout(#[from] crate::layout::LayoutError),
    #[error(transparent)]
    Output(#[from] package::ReadyError),
    #[error("无法启动并行任务：{0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    #[error("无法写入 {}：{}", path.display(), crate::diagnostic::os_reason(source))]
    Summary {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Why a city's department was not built at all (its line says so; the
/// other departments go on).
#[derive(Debug, thiserror::Error)]
enum DepartmentError {
    #[error("输出文件夹“{folder}”已属于{owner}：主管部门名称重复，本部门未生成")]
    RepeatedName { folder: String, owner: String },
    #[error("{} 是以前生成的一份材料，不是主管部门的输出文件夹：本部门未生成", .0.display())]
    EarlierPackage(PathBuf),
    #[error(transparent)]
    Output(#[from] package::ReadyError),
}

/// What a batch did: one 主管部门's packages, or a city's.
pub enum Outcome {
    Department(Summary),
    City(CitySummary),
}

impl Outcome {
    /// Failed packages (and, in a city, departments not built at all).
    pub fn failed(&self) -> usize {
        match self {
            Outcome::Department(s) => s.failed(),
            Outcome::City(c) => c.failed(),
        }
    }

    pub fn table(&self) -> String {
        match self {
            Outcome::Department(s) => s.table(),
            Outcome::City(c) => c.table(),
        }
    }
}

/// What a batch reads: a 主管部门 folder, or a city of them.
enum Input {
    Department(Box<bureau::Bureau>),
    City(city::City),
}

impl Input {
    /// A folder with a 部门.yaml is a department even when its subfolders
    /// hold more: the file says what it is.
    fn open(dir: &Path) -> Result<Input, BatchError> {
        if !dir.join(DEPARTMENT_FILE).is_file()
            && let Some(c) = city::open(dir)?
        {
            return Ok(Input::City(c));
        }
        Ok(Input::Department(Box::new(bureau::open(dir)?)))
    }

    /// The folders it reads from, canonical: never an output folder.
    fn folders(&self) -> Vec<PathBuf> {
        match self {
            Input::Department(b) => std::fs::canonicalize(b.folder()).into_iter().collect(),
            Input::City(c) => c.folders(),
        }
    }

    fn inputs(&self) -> Vec<PathBuf> {
        match self {
            Input::Department(b) => b.inputs(),
            Input::City(c) => c.inputs(),
        }
    }
}

/// Runs a batch over a 主管部门 folder or a city folder (one folder per
/// 主管部门). `Err` is a problem with the batch itself (no department file,
/// unknown layout set, unwritable output folder): nothing was built.
pub fn run(dir: &Path, out: &Path, options: &BatchOptions) -> Result<Outcome, BatchError> {
    let input = Input::open(dir)?;
    let unit_set = LayoutSet::open(&options.unit_layout)?;
    let department_set = LayoutSet::open(&options.department_layout)?;
    let folders = input.folders();
    let _lock = package::ready(out, &folders)?;
    let book = options
        .build
        .formats
        .iter()
        .any(|f| f.typeset())
        .then(|| FontBook::new(&options.build.fonts));
    let fonts = fonts_fingerprint(book.as_ref(), &[&unit_set, &department_set]);
    let catalogs = unit_set.conventions(options.build.catalog.clone());
    let catalog_bytes = catalogs.fingerprint();
    let common = |set: &LayoutSet| {
        let mut h = Hasher::default();
        h.part(env!("CARGO_PKG_VERSION").as_bytes())
            .part(&catalog_bytes)
            .part(set.fingerprint.as_bytes())
            .part(fonts.as_bytes())
            .part(format!("{:?}", options.build.formats).as_bytes())
            .part(format!("{:?}", options.build.docx_scope).as_bytes())
            .part(&[options.build.draft as u8])
            .part(format!("{:?}", options.build.pdf_standard).as_bytes());
        h.hex()
    };
    let mut shared = Shared {
        options,
        out: out.to_path_buf(),
        protected: input.inputs(),
        unit_inputs: common(&unit_set),
        department_inputs: common(&department_set),
        unit_set,
        department_set,
        book,
        catalogs,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()?;
    let path = out.join(SUMMARY_FILE);
    let (outcome, json) = match input {
        Input::Department(bureau) => {
            let progress = Progress::new(bureau.units.len() + 1);
            let summary = pool.install(|| run_units(&bureau, &shared, &progress));
            progress.close();
            let json = summary.json();
            (Outcome::Department(summary), json)
        }
        Input::City(c) => {
            let summary = pool.install(|| run_city(c, &folders, &mut shared));
            let json = summary.json();
            (Outcome::City(summary), json)
        }
    };
    crate::render::write_atomic(&path, json.as_bytes())
        .map_err(|source| BatchError::Summary { path, source })?;
    Ok(outcome)
}

/// The departments one after another (memory is bounded by the largest),
/// each one's units in parallel; each into its own folder of `shared.out`.
fn run_city(c: city::City, inputs: &[PathBuf], shared: &mut Shared) -> CitySummary {
    let out = shared.out.clone();
    let total = c
        .departments
        .iter()
        .filter_map(|(_, b)| b.as_ref().ok())
        .map(|b| b.units.len() + 1)
        .sum();
    let progress = Progress::new(total);
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    let mut departments = Vec::new();
    for (dir, opened) in c.departments {
        let source = dir.display().to_string();
        let mut run = DepartmentRun {
            source: source.clone(),
            folder: None,
            summary: None,
            error: None,
            rendered: String::new(),
        };
        let bureau = match opened {
            Ok(b) => b,
            Err(e) => {
                run.rendered = e.to_string();
                run.error = Some(match &e {
                    OpenError::DepartmentFile { rendered } => format!(
                        "{DEPARTMENT_FILE}有错误，本部门未生成：{}",
                        rendered.lines().next().unwrap_or_default()
                    ),
                    other => format!("本部门未生成：{other}"),
                });
                departments.push(run);
                continue;
            }
        };
        let name = &bureau.department.department.name;
        let folder = folder_name(name);
        let dept_out = out.join(&folder);
        let packages = bureau.units.len() + 1;
        let ready = match taken.get(&folder) {
            Some(owner) => Err(DepartmentError::RepeatedName {
                folder: folder.clone(),
                owner: owner.clone(),
            }),
            None => {
                taken.insert(folder.clone(), source.clone());
                department_folder(&dept_out, inputs)
            }
        };
        match ready {
            Ok(_lock) => {
                shared.out = dept_out;
                run.summary = Some(run_units(&bureau, shared, &progress));
            }
            Err(e) => {
                progress.passed(packages, &format!("{name}：失败"));
                run.rendered = e.to_string();
                run.error = Some(e.to_string());
            }
        }
        run.folder = Some(folder);
        departments.push(run);
    }
    progress.close();
    shared.out = out;
    CitySummary {
        folder: c.dir.display().to_string(),
        departments,
    }
}

/// Makes a department's folder in a city's output ready: created, not an
/// input folder, locked, and cleaned of what a killed run left. The lock is
/// held while the department is built.
fn department_folder(dir: &Path, inputs: &[PathBuf]) -> Result<package::Lock, DepartmentError> {
    // A package folder of an earlier batch into this folder is not a
    // department's folder: writing into it would mix two runs' packages.
    if package::is_ours(dir) {
        return Err(DepartmentError::EarlierPackage(dir.to_path_buf()));
    }
    Ok(package::ready(dir, inputs)?)
}

/// One department: its units, then its own package, into `shared.out`.
fn run_units(bureau: &bureau::Bureau, shared: &Shared, progress: &Progress) -> Summary {
    let mut units: Vec<Unit> = bureau
        .units
        .par_iter()
        .map(|path| load_unit(path, &bureau.department, shared))
        .collect();
    claim_folders(&mut units, &bureau.department.department.name);
    let rows: Vec<(Row, Option<String>)> = units
        .par_iter()
        .map(|u| {
            let done = isolated(
                || build_unit(u, shared),
                |what| (defect_row(unit_row(u), what), None),
            );
            progress.finished(&done.0);
            done
        })
        .collect();
    let department = isolated(
        || department::build(bureau, &units, &rows, shared),
        |what| defect_row(department::row(bureau), what),
    );
    progress.finished(&department);
    let mut built: Vec<String> = units.iter().map(|u| u.folder.clone()).collect();
    built.push(folder_name(&bureau.department.department.name));
    let mut rows: Vec<Row> = rows.into_iter().map(|(r, _)| r).collect();
    rows.push(department);
    rows.extend(
        package::others(&shared.out, &built)
            .into_iter()
            .map(|(folder, m)| retained_row(&shared.out, folder, m)),
    );
    Summary {
        department: bureau.department.department.name.clone(),
        year: bureau.department.year,
        rows,
    }
}

/// Runs one package's work so that a defect (a panic) fails that package
/// alone: the run goes on and the summary is still written. `failed` turns
/// the defect's message into the outcome.
fn isolated<T>(work: impl FnOnce() -> T, failed: impl FnOnce(String) -> T) -> T {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|panic| failed(crate::run::panic_message(panic.as_ref())))
}

/// A row failed by a defect of gongkai's.
fn defect_row(mut row: Row, what: String) -> Row {
    row.status = Status::Failed;
    row.error = Some(format!(
        "内部错误，未生成（gongkai 的缺陷，请将此文件报告给维护者）：{what}"
    ));
    row
}

/// A package folder of an earlier run whose unit is no longer listed.
fn retained_row(out: &Path, folder: String, m: package::Manifest) -> Row {
    let dir = out.join(&folder);
    Row {
        name: folder,
        kind: Kind::Unit,
        source: m.source.clone(),
        status: Status::Retained,
        warnings: 0,
        files: m.files.iter().map(|f| dir.join(&f.name)).collect(),
        error: None,
        report: FileReport {
            file: m.source,
            diagnostics: Vec::new(),
        },
        rendered: String::new(),
    }
}

fn load_unit(path: &Path, dept: &crate::model::DepartmentFile, shared: &Shared) -> Unit {
    let fonts = shared.book.as_ref().map(|book| crate::run::Fonts {
        book,
        roles: &shared.unit_set.spec.fonts,
    });
    let (mut checked, mut analysed) = analyse_isolated(path, fonts, &shared.catalogs);
    let foreign = analysed.as_ref().and_then(|a| {
        let b = &a.loaded.budget;
        let d = &dept.department;
        if b.unit.department.code != d.code {
            Some(format!(
                "主管部门编码为“{}”，与{DEPARTMENT_FILE}中的“{}”（{}）不同：不属于本部门",
                b.unit.department.code, d.code, d.name
            ))
        } else if b.year != dept.year {
            Some(format!(
                "预算年度为 {}，与{DEPARTMENT_FILE}中的 {} 不同",
                b.year, dept.year
            ))
        } else {
            None
        }
    });
    let name = analysed
        .as_ref()
        .map(|a| a.loaded.budget.unit.name.clone())
        .unwrap_or_else(|| file_label(path));
    let rendered = render_human(&checked.report, checked.text.as_deref());
    let inputs = analysed.as_ref().map(|a| unit_inputs(a, shared));
    // What is left is what the unit's and the 部门's packages are made from.
    checked.text = None;
    if let Some(a) = analysed.as_mut() {
        a.shed_source();
    }
    Unit {
        path: path.to_path_buf(),
        checked,
        analysed,
        foreign,
        folder: folder_name(&name),
        name,
        rendered,
        inputs,
    }
}

/// The hash of what a unit's package is made from: the layout set and
/// options, the file's text, and last year's file.
fn unit_inputs(a: &Analysed, shared: &Shared) -> String {
    let mut h = Hasher::default();
    h.part(b"unit")
        .part(shared.unit_inputs.as_bytes())
        .part(a.loaded.text.as_bytes());
    // Last year's file is an input too: its figures are this year's 上年.
    if let Some(p) = a.link.prior() {
        h.part(p.fingerprint.as_bytes());
    }
    // So is a 决算's budget: its figures are the 年初预算数.
    if let Some(p) = &a.plan {
        h.part(b"plan").part(p.fingerprint.as_bytes());
    }
    h.hex()
}

/// Two units (or a unit and the department) cannot share a folder: the later
/// one fails rather than overwrite the other's package.
fn claim_folders(units: &mut [Unit], department: &str) {
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    taken.insert(folder_name(department), format!("{department}（部门汇总）"));
    for u in units.iter_mut() {
        if u.analysed.is_none() {
            continue;
        }
        match taken.get(&u.folder) {
            Some(owner) if u.foreign.is_none() => {
                u.foreign = Some(format!(
                    "输出文件夹“{}”已属于{owner}：单位名称重复",
                    u.folder
                ));
            }
            Some(_) => {}
            None => {
                taken.insert(u.folder.clone(), file_label(&u.path));
            }
        }
    }
}

/// A unit's row before it is built: failed until it succeeds.
fn unit_row(u: &Unit) -> Row {
    let report = &u.checked.report;
    Row {
        name: u.name.clone(),
        kind: Kind::Unit,
        source: u.path.display().to_string(),
        status: Status::Failed,
        warnings: report.count(Severity::Warning),
        files: Vec::new(),
        error: None,
        report: report.clone(),
        rendered: u.rendered.clone(),
    }
}

/// A unit's row, and its input hash when it built or was current.
fn build_unit(u: &Unit, shared: &Shared) -> (Row, Option<String>) {
    let report = &u.checked.report;
    let mut row = unit_row(u);
    let (Some(a), Some(inputs)) = (&u.analysed, &u.inputs) else {
        row.error = Some(format!(
            "文件无法读取，未生成：{}",
            first_error(report).unwrap_or_default()
        ));
        return (row, None);
    };
    if report.count(Severity::Error) > 0 {
        row.error = Some(format!(
            "数据有 {} 个错误，未生成：{}",
            report.count(Severity::Error),
            first_error(report).unwrap_or_default()
        ));
        return (row, None);
    }
    if let Some(why) = &u.foreign {
        row.error = Some(why.clone());
        return (row, None);
    }
    let dir = shared.out.join(&u.folder);
    let result = publish(&dir, inputs, &row.source, shared, || {
        crate::run::document(a, &shared.unit_set).map_err(PackageError::from)
    });
    finish(row, result, inputs.clone())
}

/// Which faces the PDF would use: installing or removing a font rebuilds.
fn fonts_fingerprint(book: Option<&FontBook>, sets: &[&LayoutSet]) -> String {
    let Some(book) = book else {
        return String::new();
    };
    let mut h = Hasher::default();
    for set in sets {
        for r in book.resolve(&set.spec.fonts) {
            let full = |f: &Option<crate::fonts::Face>| f.as_ref().map(|f| f.origin.clone());
            h.part(
                format!(
                    "{}|{:?}|{:?}|{:?}|{:?}",
                    r.role,
                    r.regular.origin,
                    r.bold.origin,
                    full(&r.regular_full),
                    full(&r.bold_full)
                )
                .as_bytes(),
            );
        }
    }
    h.hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_defect_fails_only_its_own_work() {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let failed = |what: String| (0, what);
        let outcome = isolated(|| -> (u32, String) { panic!("boom") }, failed);
        std::panic::set_hook(hook);
        assert_eq!(outcome, (0, "boom".to_string()));
        assert_eq!(isolated(|| (7, String::new()), failed), (7, String::new()));
    }
}
