//! The jobs behind the commands: check a file; build its package.

pub mod plan;
pub mod prior;

use crate::catalog::Catalog;
use crate::compute::prior::{Link, PlanYear, PriorYear};
use crate::compute::{self, Ledger};
use crate::conventions::Conventions;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::doc::Document;
use crate::fonts::FontBook;
use crate::layout::{self, LayoutSet};
use crate::load::{Loaded, load_file};
use crate::model::DocumentKind;
use crate::render;
use plan::PlanError;
use prior::{Chain, LinkError};
use std::path::{Path, PathBuf};

/// The outcome for one file, with its text for showing source lines.
pub struct Checked {
    pub report: FileReport,
    pub text: Option<String>,
    /// The file could not be read as YAML at all.
    pub unreadable: bool,
}

/// A file that loaded, with its ledger.
pub struct Analysed {
    pub loaded: Loaded,
    pub catalog: std::sync::Arc<Catalog>,
    pub ledger: Box<Ledger>,
    /// Last year's file, when 上年.文件 names one.
    pub link: Link,
    /// A 决算's budget of the same year, when 决算.预算.文件 names one
    /// (its ledger is `ledger.plan`).
    pub plan: Option<Box<PlanYear>>,
}

impl Analysed {
    /// Drops the file's text and where each field stands in it (its own and
    /// last year's), once checking and reporting are done with them: a batch
    /// holds every unit of a 部门 until the 部门's package is built.
    pub fn shed_source(&mut self) {
        self.loaded.text = String::new();
        self.loaded.map = crate::load::SourceMap::default();
        if let Link::Linked(prior) = &mut self.link {
            prior.map = crate::load::SourceMap::default();
        }
    }
}

/// The rule of a year with no catalogue.
pub const CATALOG_MISSING: &str = "catalog-missing";

pub use crate::check::glyphs::Fonts;

/// Loads, computes and checks one file.
pub fn analyse(path: &Path) -> (Checked, Option<Analysed>) {
    analyse_with(path, None)
}

/// Like `analyse`, also checking every character against `fonts`.
pub fn analyse_with(path: &Path, fonts: Option<Fonts>) -> (Checked, Option<Analysed>) {
    analyse_in(path, fonts, &Conventions::default())
}

/// Like `analyse_with`, with the year's catalogue looked for in `catalogs`
/// first. A year with no catalogue is an error at the file's 年度.
pub fn analyse_in(
    path: &Path,
    fonts: Option<Fonts>,
    catalogs: &Conventions,
) -> (Checked, Option<Analysed>) {
    analyse_chain(path, fonts, catalogs, &Chain::starting_at(path))
}

/// `analyse_in` for a file reached along `chain` of 上年 links.
fn analyse_chain(
    path: &Path,
    fonts: Option<Fonts>,
    catalogs: &Conventions,
    chain: &Chain,
) -> (Checked, Option<Analysed>) {
    let mut cells = None;
    let (mut diagnostics, text, unreadable, analysed) = match load_file(path) {
        Err(e) => (
            e.diagnostics(),
            e.text().map(str::to_string),
            e.unreadable,
            None,
        ),
        Ok(loaded) => {
            cells = loaded.cells.clone();
            match catalogs.load(loaded.budget.year) {
                Err(e) => {
                    let d = Diagnostic::error(CATALOG_MISSING, "年度", e.to_string())
                        .at(loaded.map.locate_field("年度"));
                    (vec![d], Some(loaded.text), false, None)
                }
                Ok(catalog) => {
                    let (link, prior_ledger, link_finding) =
                        follow_link(path, &loaded.budget, catalogs, chain);
                    let mut ledger = Box::new(compute::compute_with(
                        &loaded.budget,
                        &catalog,
                        prior_ledger,
                    ));
                    // A 决算's budget: its figures are the ledger's 年初预算数.
                    let (plan, plan_finding) = follow_plan(path, &loaded.budget, catalogs);
                    let plan = plan.map(|(p, l)| {
                        ledger.plan = Some(l);
                        Box::new(p)
                    });
                    let mut diagnostics = crate::check::check_with(
                        &loaded,
                        &ledger,
                        &catalog,
                        &catalogs.profile,
                        &link,
                        fonts,
                    );
                    let findings: Vec<Diagnostic> =
                        link_finding.into_iter().chain(plan_finding).collect();
                    if !findings.is_empty() {
                        diagnostics.extend(findings);
                        diagnostics = crate::check::place(diagnostics, &loaded.map);
                    }
                    let text = Some(loaded.text.clone());
                    let analysed = Analysed {
                        loaded,
                        catalog,
                        ledger,
                        link,
                        plan,
                    };
                    (diagnostics, text, false, Some(analysed))
                }
            }
        }
    };
    if let Some(cells) = cells {
        cells.place(&mut diagnostics);
    }
    let report = FileReport {
        file: path.display().to_string(),
        diagnostics,
    };
    let checked = Checked {
        report,
        text,
        unreadable,
    };
    (checked, analysed)
}

/// Reads and checks the file 上年.文件 names (itself following its own
/// link, up to `prior::MAX_CHAIN` years): last year's ledger, or the
/// finding that says why there is none.
fn follow_link(
    path: &Path,
    budget: &crate::model::Budget,
    catalogs: &Conventions,
    chain: &Chain,
) -> (Link, Option<Box<Ledger>>, Option<Diagnostic>) {
    let Some(name) = &budget.last_year.file else {
        return (Link::Typed, None, None);
    };
    const FIELD: &str = "上年.文件";
    if chain.is_full() {
        let note = Diagnostic::note(
            "last-year-chain",
            FIELD,
            format!(
                "上年文件一个连一个已超过 {} 年，更早的文件不再读取",
                prior::MAX_CHAIN
            ),
        );
        return (Link::Broken, None, Some(note));
    }
    if name.trim().is_empty() {
        return (
            Link::Broken,
            None,
            Some(link_error(LinkError::Blank, budget.year)),
        );
    }
    let file = prior::resolve(path, name);
    let followed = chain.then(&file).and_then(|next| {
        let (checked, analysed) = analyse_chain(&file, None, &catalogs.for_other_years(), &next);
        accept_prior(&file, budget.year, &checked, analysed)
    });
    match followed {
        Ok((p, ledger)) => (Link::Linked(Box::new(p)), Some(ledger), None),
        Err(e) => (Link::Broken, None, Some(link_error(e, budget.year))),
    }
}

/// Reads the budget a 决算 names (决算.预算.文件) when its format publishes
/// a 决算: that budget and its ledger, or the finding that says why not.
/// The budget is read with the same catalogues as a budget (its own
/// format's rules are its own check's, not this one's).
fn follow_plan(
    path: &Path,
    budget: &crate::model::Budget,
    catalogs: &Conventions,
) -> (Option<(PlanYear, Box<Ledger>)>, Option<Diagnostic>) {
    if catalogs.profile.kind != DocumentKind::FinalAccounts {
        return (None, None);
    }
    let Some(link) = budget
        .final_accounts
        .as_ref()
        .and_then(|f| f.budget.as_ref())
    else {
        return (None, None);
    };
    let refused = |e: PlanError| {
        let d = Diagnostic::error("final-budget-file", "决算.预算.文件", e.to_string()).with_help(
            "决算.预算.文件 写同一年度的预算文件，路径相对于本文件所在的文件夹，如：文件: 预算/单位.yaml",
        );
        (None, Some(d))
    };
    if link.file.trim().is_empty() {
        return refused(PlanError::Blank);
    }
    let file = prior::resolve(path, &link.file);
    let mut as_budget = catalogs.clone();
    as_budget.profile.kind = DocumentKind::Budget;
    let (checked, analysed) = analyse_chain(&file, None, &as_budget, &Chain::starting_at(&file));
    match accept_plan(&file, budget.year, &checked, analysed) {
        Ok(found) => (Some(found), None),
        Err(e) => refused(e),
    }
}

/// The linked budget as analysed, checked to be a budget of `year`.
fn accept_plan(
    file: &Path,
    year: i32,
    checked: &Checked,
    analysed: Option<Analysed>,
) -> Result<(PlanYear, Box<Ledger>), PlanError> {
    let shown = file.display().to_string();
    let Some(a) = analysed else {
        return Err(match unloaded(file, checked, year) {
            Unloaded::Unopenable(reason) => PlanError::Unopenable {
                file: shown,
                reason,
            },
            Unloaded::NotFound => PlanError::NotFound { file: shown },
            Unloaded::NotAFile => PlanError::NotAFile { file: shown },
            Unloaded::OtherYear(found) => PlanError::WrongYear {
                file: shown,
                found,
                expected: year,
            },
            Unloaded::NoCatalog { line } | Unloaded::Unreadable { line } => {
                PlanError::Unreadable { file: shown, line }
            }
        });
    };
    if a.loaded.budget.year != year {
        return Err(PlanError::WrongYear {
            file: shown,
            found: a.loaded.budget.year,
            expected: year,
        });
    }
    if a.loaded.budget.final_accounts.is_some() {
        return Err(PlanError::NotABudget { file: shown });
    }
    let mut h = crate::hash::Hasher::default();
    h.part(a.loaded.text.as_bytes());
    let plan = PlanYear {
        fingerprint: h.hex(),
        file: shown,
        budget: a.loaded.budget,
    };
    Ok((plan, a.ledger))
}

/// Why a linked file (last year's, or a 决算's budget) did not load.
enum Unloaded {
    /// A link that leads nowhere, or round in a circle (ELOOP): why.
    Unopenable(String),
    NotFound,
    NotAFile,
    /// Its year has no catalogue and is not the year expected: its year.
    OtherYear(i32),
    /// The expected year, without a catalogue (the finding's line).
    NoCatalog {
        line: Option<usize>,
    },
    /// The first error's line.
    Unreadable {
        line: Option<usize>,
    },
}

/// What kept `file` from loading, as `checked` (its findings) shows;
/// `expected` is the year the link asks for.
fn unloaded(file: &Path, checked: &Checked, expected: i32) -> Unloaded {
    let opened = std::fs::metadata(file);
    if std::fs::symlink_metadata(file).is_ok() && opened.is_err() {
        let reason = opened.err().map(|e| crate::diagnostic::os_reason(&e));
        return Unloaded::Unopenable(reason.unwrap_or_default());
    }
    if !file.exists() {
        return Unloaded::NotFound;
    }
    if !file.is_file() {
        return Unloaded::NotAFile;
    }
    let first = checked
        .report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error);
    let line = first.and_then(|d| d.span).map(|s| s.line);
    // Without a catalogue for its year, say first whether it is the right
    // year at all (a file two years back).
    if first.is_some_and(|d| d.rule == CATALOG_MISSING) {
        return match crate::load::load_file(file) {
            Ok(l) if l.budget.year != expected => Unloaded::OtherYear(l.budget.year),
            _ => Unloaded::NoCatalog { line },
        };
    }
    Unloaded::Unreadable { line }
}

fn link_error(e: LinkError, year: i32) -> Diagnostic {
    let last = year - 1;
    let rule = match e {
        LinkError::Loop { .. } | LinkError::LoopFurther(_) => "last-year-chain",
        _ => "last-year-file",
    };
    Diagnostic::error(rule, "上年.文件", e.to_string()).with_help(format!(
        "上年.文件 写 {last} 年的预算文件，路径相对于本文件所在的文件夹，如：文件: ../{last}/单位.yaml"
    ))
}

pub fn check_file(path: &Path, fonts: Option<Fonts>, catalogs: &Conventions) -> Checked {
    analyse_isolated(path, fonts, catalogs).0
}

/// `analyse_with`, where a defect of gongkai's (a panic) is that file's
/// finding and not the end of the run. The font book is only read, so a
/// panic leaves nothing half-changed.
pub fn analyse_isolated(
    path: &Path,
    fonts: Option<Fonts>,
    catalogs: &Conventions,
) -> (Checked, Option<Analysed>) {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyse_in(path, fonts, catalogs)
    }))
    .unwrap_or_else(|_| (defect(path), None))
}

/// Checks a file as [`check_file`] does, then lays it out with `set` in
/// memory: a layout that fails on the file (a template, a table whose
/// cells and columns disagree) is found by `check`, not first by `build`.
/// The failure is an error of the file's report (rule `layout-failed`).
pub fn check_and_lay_out(
    path: &Path,
    fonts: Option<Fonts>,
    catalogs: &Conventions,
    set: &LayoutSet,
) -> Checked {
    let (mut checked, analysed) = analyse_isolated(path, fonts, catalogs);
    let clean = checked.report.count(Severity::Error) == 0;
    if let (true, Some(a)) = (clean, analysed)
        && let Err(e) = document(&a, set)
    {
        checked.report.diagnostics.push(Diagnostic::error(
            LAYOUT_FAILED,
            "",
            format!("用版式“{}”排版时出错：{e}", set.origin),
        ));
    }
    checked
}

/// The rule id of a layout that fails on a checked file.
pub const LAYOUT_FAILED: &str = "layout-failed";

/// What a panic said, from its payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// The outcome for a file whose checking hit a defect of gongkai's (a
/// panic): reported like an unreadable file, so the run goes on.
fn defect(path: &Path) -> Checked {
    Checked {
        report: FileReport {
            file: path.display().to_string(),
            diagnostics: vec![Diagnostic::error(
                "internal-error",
                "",
                "检查这个文件时 gongkai 内部出错（程序缺陷，不是数据的问题）：请将此文件报告给维护者",
            )],
        },
        text: None,
        unreadable: true,
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

/// Output formats of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Txt,
    Xlsx,
    Docx,
    Pdf,
    /// The PDF's pages as an OFD (GB/T 33190); on request only.
    Ofd,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 4] = [
        OutputFormat::Pdf,
        OutputFormat::Xlsx,
        OutputFormat::Docx,
        OutputFormat::Txt,
    ];

    /// Typeset by gongkai (needs the fonts).
    pub fn typeset(self) -> bool {
        matches!(self, OutputFormat::Pdf | OutputFormat::Ofd)
    }

    /// The file name after the document's stem: the workbook holds the tables
    /// (表); the Word document, by default, the 情况说明.
    fn file_name(self, stem: &str, options: &BuildOptions) -> String {
        match self {
            OutputFormat::Txt => format!("{stem}.txt"),
            OutputFormat::Pdf => format!("{stem}.pdf"),
            OutputFormat::Ofd => format!("{stem}.ofd"),
            OutputFormat::Xlsx => format!("{stem}表.xlsx"),
            OutputFormat::Docx => match options.docx_scope {
                render::docx::Scope::Explanation => format!("{stem}情况说明.docx"),
                render::docx::Scope::Full => format!("{stem}.docx"),
            },
        }
    }
}

/// What `build` writes.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub formats: Vec<OutputFormat>,
    pub docx_scope: render::docx::Scope,
    /// Mark every page 仅供内部审核.
    pub draft: bool,
    /// Where the PDF's fonts come from.
    pub fonts: crate::fonts::FontOptions,
    /// `--catalog FILE`: the 科目目录 to use instead of the year's.
    pub catalog: Option<PathBuf>,
    /// `--pdf-standard`: plain PDF, or PDF/A-2b for an archive.
    pub pdf_standard: render::pdf::Standard,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            formats: OutputFormat::ALL.to_vec(),
            docx_scope: render::docx::Scope::default(),
            draft: false,
            fonts: crate::fonts::FontOptions {
                system: true,
                dirs: Vec::new(),
            },
            catalog: None,
            pdf_standard: render::pdf::Standard::Plain,
        }
    }
}

/// Why `build` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("数据有错误，未生成任何文件：请先改正上面的错误")]
    DataErrors,
    #[error(transparent)]
    Layout(#[from] layout::LayoutError),
    #[error(transparent)]
    Render(#[from] render::RenderError),
    #[error(transparent)]
    Publish(#[from] crate::publish::PublishError),
}

/// The outcome of building one file.
pub struct Built {
    pub checked: Checked,
    /// Files written, in format order.
    pub files: Vec<PathBuf>,
    /// Why nothing was written, when not the data's errors.
    pub failure: Option<BuildError>,
}

impl Built {
    pub fn exit_code(&self) -> i32 {
        match (
            &self.failure,
            exit_code(std::slice::from_ref(&self.checked)),
        ) {
            (_, 2) => 2,
            (Some(_), _) => 1,
            (None, code) => code,
        }
    }
}

/// Lays out a checked file's package: the document tree.
pub fn document(a: &Analysed, set: &LayoutSet) -> Result<Document, layout::LayoutError> {
    layout::build(set, &a.loaded.budget, &a.ledger, &a.catalog)
}

/// Builds one file's package into `out_dir`. Nothing is written when the data
/// has errors; the files are written all together or not at all.
pub fn build_file(path: &Path, out_dir: &Path, options: &BuildOptions, set: &LayoutSet) -> Built {
    build_file_with(path, out_dir, options, set, fonts_for(options))
}

/// The fonts a build needs: None when no format is typeset. Finding them
/// needs neither the file nor the layout set, so a caller may look for
/// them while it opens those.
pub fn fonts_for(options: &BuildOptions) -> Option<FontBook> {
    let typeset = options.formats.iter().any(|f| f.typeset());
    typeset.then(|| FontBook::new(&options.fonts))
}

/// `open` (a layout set, say) run while the fonts a build needs are found
/// on another thread: neither needs the other.
pub fn with_fonts<R>(options: &BuildOptions, open: impl FnOnce() -> R) -> (R, Option<FontBook>) {
    std::thread::scope(|s| {
        let book = s.spawn(|| fonts_for(options));
        let opened = open();
        // Finding fonts panicked (a defect, said by the panic hook): met
        // again here, on the calling thread, as before.
        let book = book.join().unwrap_or_else(|_| fonts_for(options));
        (opened, book)
    })
}

/// [`build_file`] with the fonts found already ([`fonts_for`]).
pub fn build_file_with(
    path: &Path,
    out_dir: &Path,
    options: &BuildOptions,
    set: &LayoutSet,
    book: Option<FontBook>,
) -> Built {
    let fonts = book.as_ref().map(|book| Fonts {
        book,
        roles: &set.spec.fonts,
    });
    let catalogs = set.conventions(options.catalog.clone());
    let (checked, analysed) = analyse_in(path, fonts, &catalogs);
    let mut built = Built {
        checked,
        files: Vec::new(),
        failure: None,
    };
    let Some(a) = analysed else {
        return built;
    };
    if built.checked.report.count(Severity::Error) > 0 {
        built.failure = Some(BuildError::DataErrors);
        return built;
    }
    match publish(&a, out_dir, options, set, book.as_ref()) {
        Ok(files) => built.files = files,
        Err(e) => built.failure = Some(e),
    }
    built
}

/// Lays out, renders every format, then writes them all: a failing format
/// or a full disk leaves the previous files untouched.
fn publish(
    a: &Analysed,
    out_dir: &Path,
    options: &BuildOptions,
    set: &LayoutSet,
    book: Option<&FontBook>,
) -> Result<Vec<PathBuf>, BuildError> {
    let doc = document(a, set)?;
    let files = render_package(&doc, options, book)?;
    Ok(crate::publish::write_files(out_dir, &files)?)
}

/// Renders a document in every format asked for: (file name, bytes), in
/// format order. `book` is needed for the typeset formats (found here when
/// not given). A PDF and an OFD of one run share one layout. The typeset
/// formats are made alongside the others: they take most of the time.
pub fn render_package(
    doc: &Document,
    options: &BuildOptions,
    book: Option<&FontBook>,
) -> Result<Vec<(String, Vec<u8>)>, render::RenderError> {
    let stem = render::file_stem(&doc.meta.title);
    let (typeset, plain): (Vec<OutputFormat>, Vec<OutputFormat>) =
        options.formats.iter().partition(|f| f.typeset());
    let (typeset, plain) = rayon::join(
        || render_typeset(doc, &typeset, options, book),
        || {
            plain
                .iter()
                .filter_map(|&f| Some(render_plain(doc, f, options)?.map(|b| (f, b))))
                .collect::<Result<Vec<_>, render::RenderError>>()
        },
    );
    let mut made = typeset?;
    made.extend(plain?);
    let mut out = Vec::with_capacity(made.len());
    for &format in &options.formats {
        if let Some(i) = made.iter().position(|(f, _)| *f == format) {
            let (_, bytes) = made.swap_remove(i);
            out.push((format.file_name(&stem, options), bytes));
        }
    }
    Ok(out)
}

/// A format that needs no fonts; None for a typeset one.
fn render_plain(
    doc: &Document,
    format: OutputFormat,
    options: &BuildOptions,
) -> Option<Result<Vec<u8>, render::RenderError>> {
    let options = render::docx::Options {
        scope: options.docx_scope,
        draft: options.draft,
    };
    Some(match format {
        OutputFormat::Txt => Ok(render::text::render(doc).into_bytes()),
        OutputFormat::Xlsx => render::xlsx::render(doc).map_err(Into::into),
        OutputFormat::Docx => render::docx::render(doc, &options).map_err(Into::into),
        OutputFormat::Pdf | OutputFormat::Ofd => return None,
    })
}

/// The PDF and the OFD, from one layout when both are asked for.
fn render_typeset(
    doc: &Document,
    formats: &[OutputFormat],
    options: &BuildOptions,
    book: Option<&FontBook>,
) -> Result<Vec<(OutputFormat, Vec<u8>)>, render::RenderError> {
    use render::RenderError;
    if formats.is_empty() {
        return Ok(Vec::new());
    }
    // Scanning the fonts is slow: only when a typeset format needs them.
    let found;
    let book = match book {
        Some(b) => b,
        None => {
            found = FontBook::new(&options.fonts);
            &found
        }
    };
    let both = [OutputFormat::Pdf, OutputFormat::Ofd]
        .iter()
        .all(|f| formats.contains(f));
    // One layout for both: the OFD is written from the pages first, then
    // the PDF takes them (a long document's pages are not held twice).
    let (mut shared_pages, mut shared_ofd) = (None, None);
    if both {
        let pages = render::typeset::lay_out(doc, options.draft, book)
            .map_err(|e| RenderError::Pdf(e.into()))?;
        shared_ofd = Some(render::ofd::from_pages(&pages, doc, book)?);
        shared_pages = Some(pages);
    }
    let mut out = Vec::new();
    for &format in formats {
        let bytes = match format {
            OutputFormat::Pdf => match shared_pages.take() {
                Some(pages) => render::pdf::from_pages(pages, doc, options.pdf_standard, book),
                None => render::pdf::render_with(doc, options.draft, options.pdf_standard, book),
            }
            .map_err(RenderError::from)?,
            OutputFormat::Ofd => match shared_ofd.take() {
                Some(bytes) => bytes,
                None => render::ofd::render_with(doc, options.draft, book)?,
            },
            _ => continue,
        };
        out.push((format, bytes));
    }
    Ok(out)
}

/// Last year's file as analysed (`analysed` is what `run::analyse_chain`
/// made of it), checked to be the year before `year`.
fn accept_prior(
    file: &Path,
    year: i32,
    checked: &Checked,
    analysed: Option<Analysed>,
) -> Result<(PriorYear, Box<Ledger>), LinkError> {
    let shown = file.display().to_string();
    // A loop closed further along the chain is this file's loop too: its
    // package must not be built as though last year were in order.
    if let Some(d) = checked
        .report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error && d.rule == "last-year-chain")
    {
        return Err(LinkError::LoopFurther(d.message.clone()));
    }
    let Some(a) = analysed else {
        return Err(match unloaded(file, checked, year - 1) {
            Unloaded::Unopenable(reason) => LinkError::Unopenable {
                file: shown,
                reason,
            },
            Unloaded::NotFound => LinkError::NotFound { file: shown },
            Unloaded::NotAFile => LinkError::NotAFile { file: shown },
            Unloaded::OtherYear(found) => LinkError::WrongYear {
                file: shown,
                found,
                expected: year - 1,
            },
            Unloaded::NoCatalog { .. } => LinkError::NoCatalog { file: shown },
            Unloaded::Unreadable { line } => LinkError::Unreadable { file: shown, line },
        });
    };
    if a.loaded.budget.year != year - 1 {
        return Err(LinkError::WrongYear {
            file: shown,
            found: a.loaded.budget.year,
            expected: year - 1,
        });
    }
    let mut h = crate::hash::Hasher::default();
    h.part(a.loaded.text.as_bytes());
    if let Some(p) = a.link.prior() {
        h.part(p.fingerprint.as_bytes());
    }
    let prior = PriorYear {
        fingerprint: h.hex(),
        file: shown,
        budget: a.loaded.budget,
        map: a.loaded.map,
        catalog: a.catalog,
        errors: checked.report.count(Severity::Error),
    };
    Ok((prior, a.ledger))
}
