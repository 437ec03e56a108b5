//! The fuzz targets, shared by the mutation runner (`examples/fuzz.rs`) and
//! the replay test (`tests/fuzz_replay.rs`). Each takes arbitrary bytes and
//! returns `Err` when an invariant breaks; a panic is a failure too, caught
//! by the caller.
#![allow(dead_code)]

use gongkai::catalog::Catalog;
use gongkai::compute::compute;
use gongkai::diagnostic::Severity;
use gongkai::fonts::{FontBook, FontOptions};
use gongkai::layout::{LayoutSet, default_set};
use gongkai::load::load_bytes;
use gongkai::model::Budget;
use std::io::Read;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Load, compute and check a YAML text (with the font check).
    LoadCheck,
    /// Then lay it out and render the text.
    LayoutText,
    /// The sample with its texts replaced by arbitrary strings, through the
    /// loader, laid out and rendered as docx and xlsx; every XML part must
    /// parse.
    RenderStrings,
    /// A 部门 file (部门.yaml) read and checked as `batch` reads it.
    Department,
    /// A layout set whose block file (part4-glossary.yaml) is the input,
    /// opened as `--layout FOLDER` opens a set.
    LayoutFile,
    /// A catalogue file given with `--catalog`, read for 2024.
    Catalogue,
    /// A workbook (.xlsx bytes) read as a budget.
    Workbook,
    /// As `render`, then typeset into PDF and OFD: every page's text stays
    /// on the page (slow: kept out of ALL, replayed on its own inputs).
    Typeset,
}

impl Target {
    pub const ALL: [Target; 7] = [
        Target::LoadCheck,
        Target::LayoutText,
        Target::RenderStrings,
        Target::Department,
        Target::LayoutFile,
        Target::Catalogue,
        Target::Workbook,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::LoadCheck => "load",
            Target::LayoutText => "layout",
            Target::RenderStrings => "render",
            Target::Department => "department",
            Target::LayoutFile => "layout_file",
            Target::Catalogue => "catalogue",
            Target::Workbook => "workbook",
            Target::Typeset => "typeset",
        }
    }

    /// `Ok(true)` when the input went all the way (loaded without errors
    /// and, for the later targets, was laid out and rendered).
    pub fn run(self, bytes: &[u8]) -> Result<bool, String> {
        match self {
            Target::LoadCheck => load_check(bytes).map(|b| b.is_some()),
            Target::LayoutText => layout_text(bytes),
            Target::RenderStrings => render_strings(bytes),
            Target::Department => {
                Ok(gongkai::load::load_bytes_as::<gongkai::model::DepartmentFile>(bytes).is_ok())
            }
            Target::LayoutFile => layout_file(bytes),
            Target::Catalogue => catalogue(bytes),
            Target::Workbook => {
                Ok(gongkai::sheet::read(bytes.to_vec(), gongkai::sheet::Document::Budget).is_ok())
            }
            Target::Typeset => typeset(bytes),
        }
    }
}

/// The inputs kept for fuzzing, sorted: the samples, the corpus and every
/// saved crash (READMEs aside).
pub fn saved_inputs(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![
        root.join("samples"),
        root.join("tests/fuzz/corpus"),
        root.join("tests/fuzz/crashes"),
    ];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for p in entries.flatten().map(|e| e.path()) {
            if p.is_dir() {
                dirs.push(p);
            } else if p.file_name().is_some_and(|n| n != "README.md") {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

/// The repository: the crate's own folder, or its parent for the
/// libFuzzer crate in fuzz/.
pub fn repo_root() -> std::path::PathBuf {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if here.join("samples").is_dir() {
        here.to_path_buf()
    } else {
        here.parent().unwrap_or(here).to_path_buf()
    }
}

struct Shared {
    book: FontBook,
    set: LayoutSet,
    sample: Budget,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let sample =
            std::fs::read(repo_root().join("samples/datong-finance-info-center-2024.yaml"))
                .expect("sample");
        Shared {
            book: FontBook::new(&FontOptions {
                system: false,
                dirs: Vec::new(),
            }),
            set: LayoutSet::open(default_set()).expect("bundled set"),
            sample: load_bytes("sample.yaml", &sample)
                .expect("sample loads")
                .budget,
        }
    })
}

/// The budget when it loads and checks without errors.
fn load_check(bytes: &[u8]) -> Result<Option<(Budget, gongkai::compute::Ledger, Catalog)>, String> {
    let s = shared();
    let Ok(loaded) = load_bytes("fuzz.yaml", bytes) else {
        return Ok(None);
    };
    // A year with no catalogue is a finding of its own, as in `gongkai check`.
    let Ok(catalog) = Catalog::for_year(loaded.budget.year) else {
        return Ok(None);
    };
    let ledger = compute(&loaded.budget, &catalog);
    // As `gongkai check` does: every rule and the font check.
    let fonts = gongkai::check::glyphs::Fonts {
        book: &s.book,
        roles: &s.set.spec.fonts,
    };
    let found = gongkai::check::check_with(
        &loaded,
        &ledger,
        &catalog,
        &s.set.spec.check,
        &gongkai::compute::prior::Link::Typed,
        Some(fonts),
    );
    for d in &found {
        if d.message.is_empty() {
            return Err(format!("empty message from {}", d.rule));
        }
        if !d.path.is_empty() && d.span.is_none() && d.rule != "size-limit" {
            return Err(format!("{} at {} has no line", d.rule, d.path));
        }
    }
    let clean = !found.iter().any(|d| d.severity == Severity::Error);
    Ok(clean.then_some((loaded.budget, ledger, catalog)))
}

fn layout_text(bytes: &[u8]) -> Result<bool, String> {
    let Some((budget, ledger, catalog)) = load_check(bytes)? else {
        return Ok(false);
    };
    let doc = gongkai::layout::build(&shared().set, &budget, &ledger, &catalog)
        .map_err(|e| format!("layout failed on a clean budget: {e}"))?;
    let text = gongkai::render::text::render(&doc);
    if text.is_empty() {
        return Err("empty text rendering".into());
    }
    Ok(true)
}

/// The sample's free texts, replaced one by one with pieces of `bytes`
/// (split at `|`), written out as YAML the way an editor would, and read
/// back by the loader. Characters the loader refuses are dropped from the
/// pieces: this target is about what the renderers do with the rest.
pub fn hostile_budget(bytes: &[u8]) -> Vec<u8> {
    let s = shared();
    let text: String = String::from_utf8_lossy(bytes)
        .chars()
        .filter(|c| !gongkai::chars::is_forbidden(*c))
        .collect();
    let pieces: Vec<&str> = text.split('|').filter(|p| !p.trim().is_empty()).collect();
    let mut value = serde_json::to_value(&s.sample).expect("budget serializes");
    if !pieces.is_empty() {
        let mut n = 0usize;
        replace_strings(&mut value, "", &pieces, &mut n);
    }
    serde_yaml::to_string(&value)
        .unwrap_or_default()
        .into_bytes()
}

/// Keys whose values are free text (not codes, dates or choices).
const FREE_TEXT: &[&str] = &[
    "概述",
    "职责",
    "名称",
    "项目概况",
    "立项依据",
    "项目设立必要性",
    "保证项目实施的制度措施",
    "项目实施计划",
    "实施期",
    "年度",
    "指标值",
    "年度名称",
    "年度指标值",
    "收支变动原因",
    "一般公共预算变动原因",
    "变动原因",
    "政府购买服务指导性目录",
    "其他",
    "说明",
    "负责人",
    "经办人",
];

fn replace_strings(v: &mut serde_json::Value, key: &str, pieces: &[&str], n: &mut usize) {
    match v {
        serde_json::Value::String(s) if FREE_TEXT.contains(&key) => {
            let p = pieces[*n % pieces.len()];
            *s = match (*n % 3, key) {
                // Names stay unique, or the checker stops the rest.
                (0, "名称") => format!("{p}{n}"),
                (0, _) => p.to_string(),
                _ => format!("{s}{p}"),
            };
            *n += 1;
        }
        serde_json::Value::Array(items) => items
            .iter_mut()
            .for_each(|i| replace_strings(i, key, pieces, n)),
        serde_json::Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                replace_strings(item, k, pieces, n);
            }
        }
        _ => {}
    }
}

fn render_strings(bytes: &[u8]) -> Result<bool, String> {
    let yaml = hostile_budget(bytes);
    let Some((budget, ledger, catalog)) = load_check(&yaml)? else {
        return Ok(false);
    };
    let doc = gongkai::layout::build(&shared().set, &budget, &ledger, &catalog)
        .map_err(|e| format!("layout failed on a clean budget: {e}"))?;
    let docx =
        gongkai::render::docx::render(&doc, &Default::default()).map_err(|e| e.to_string())?;
    let xlsx = gongkai::render::xlsx::render(&doc).map_err(|e| e.to_string())?;
    xml_parts_parse(&docx, "docx")?;
    xml_parts_parse(&xlsx, "xlsx")?;
    Ok(true)
}

/// A scratch folder of this process: a copy of the bundled set, and a
/// file for catalogues.
fn scratch() -> &'static std::path::Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("gongkai-fuzz-{}", std::process::id()));
        copy_dir(
            &repo_root().join("layouts").join(default_set()),
            &dir.join("set"),
        );
        dir
    })
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("scratch folder");
    for entry in std::fs::read_dir(from).expect("set").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn layout_file(bytes: &[u8]) -> Result<bool, String> {
    let set = scratch().join("set");
    std::fs::write(set.join("part4-glossary.yaml"), bytes).map_err(|e| e.to_string())?;
    match LayoutSet::open(&set.display().to_string()) {
        Ok(_) => Ok(true),
        Err(e) if e.to_string().is_empty() => Err("an empty layout error".into()),
        Err(_) => Ok(false),
    }
}

fn catalogue(bytes: &[u8]) -> Result<bool, String> {
    let file = scratch().join("catalogue.yaml");
    std::fs::write(&file, bytes).map_err(|e| e.to_string())?;
    let conventions = gongkai::conventions::Conventions {
        file: Some(file),
        folder: None,
        profile: Default::default(),
        read: Default::default(),
    };
    Ok(conventions.load(2024).is_ok())
}

fn typeset(bytes: &[u8]) -> Result<bool, String> {
    let yaml = hostile_budget(bytes);
    let Some((budget, ledger, catalog)) = load_check(&yaml)? else {
        return Ok(false);
    };
    let s = shared();
    let doc = gongkai::layout::build(&s.set, &budget, &ledger, &catalog)
        .map_err(|e| format!("layout failed on a clean budget: {e}"))?;
    let pdf = gongkai::render::pdf::render_with(&doc, false, Default::default(), &s.book)
        .map_err(|e| format!("PDF of a clean budget: {e}"))?;
    gongkai::render::ofd::render_with(&doc, false, &s.book)
        .map_err(|e| format!("OFD of a clean budget: {e}"))?;
    if !pdf.starts_with(b"%PDF-") {
        return Err("not a PDF".into());
    }
    Ok(true)
}

/// Every XML part of a zip package parses as XML.
pub fn xml_parts_parse(package: &[u8], what: &str) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(package))
        .map_err(|e| format!("{what} is not a zip: {e}"))?;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = part.name().map_err(|e| e.to_string())?.to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut text = String::new();
        part.read_to_string(&mut text)
            .map_err(|e| format!("{what} {name} is not UTF-8: {e}"))?;
        roxmltree::Document::parse(&text).map_err(|e| format!("{what} {name}: {e}"))?;
    }
    Ok(())
}

/// The process's peak resident memory in KB, where /proc tells.
pub fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
