//! Shared test helpers: the sample, the reference text, running the binary.
#![allow(dead_code)]

use gongkai::catalog::Catalog;
use gongkai::compute::{Ledger, compute};
use gongkai::load::{Loaded, load_bytes};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SAMPLE: &str = "samples/datong-finance-info-center-2024.yaml";
/// The 2025 sample, which links the 2024 one as its 上年.
pub const SAMPLE_2025: &str = "samples/datong-finance-info-center-2025.yaml";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_text() -> String {
    std::fs::read_to_string(root().join(SAMPLE)).expect("sample exists")
}

/// The published reference package as text (a copy of shared/reference, so a
/// clone tests on its own).
pub fn reference_text() -> String {
    let path = root().join("tests/fixtures/reference-datong-finance-info-center-2024.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reference {path:?}: {e}"))
}

pub fn load(text: &str) -> Loaded {
    match load_bytes("test.yaml", text.as_bytes()) {
        Ok(l) => l,
        Err(e) => panic!("load failed: {:?}", e.diagnostic()),
    }
}

pub fn ledger_of(text: &str) -> (Loaded, Ledger) {
    let loaded = load(text);
    let catalog = Catalog::for_year(loaded.budget.year).expect("the year's catalogue is bundled");
    let ledger = compute(&loaded.budget, &catalog);
    (loaded, ledger)
}

pub fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("binary runs")
}

/// `gongkai ARGS…`: its exit code and what it printed (stdout, then stderr).
pub fn gongkai_said(args: &[&str]) -> (Option<i32>, String) {
    let o = gongkai(args);
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o.status.code(), text)
}

/// `gongkai build INPUT -o OUT --format FORMATS EXTRA…`, which must succeed.
pub fn build_ok(input: &str, out: &Path, formats: &str, extra: &[&str]) {
    let mut args = vec!["build", input, "-o", as_str(out), "--format", formats];
    args.extend(extra);
    let run = gongkai(&args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// `gongkai batch DIR -o OUT --format FORMAT EXTRA…`, which must succeed:
/// the summary table it prints.
pub fn batch_ok(dir: &Path, out: &Path, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["batch", as_str(dir), "-o", as_str(out), "--format", format];
    args.extend(extra);
    let run = gongkai(&args);
    let table = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "{table}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    table
}

/// A batch built once into a temporary folder (kept while the value lives):
/// what a suite that reads one batch's output many times holds.
pub struct BuiltBatch {
    _dir: tempfile::TempDir,
    pub out: PathBuf,
}

/// `batch SAMPLE` (a folder under the repository) in `formats` with `extra`
/// options, into a fresh temporary folder.
pub fn batch_in_temp(sample: &str, formats: &str, extra: &[&str]) -> BuiltBatch {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    batch_ok(&root().join(sample), &out, formats, extra);
    BuiltBatch { _dir: dir, out }
}

/// The two sample departments in `formats`: the bureau's under
/// `dir/bureau`, Shanghai's (with its sets) under `dir/shanghai`.
pub fn batch_departments(dir: &Path, formats: &str) {
    batch_ok(
        &root().join("samples/datong-finance-bureau-2024"),
        &dir.join("bureau"),
        formats,
        &[],
    );
    batch_ok(
        &root().join("samples/shanghai-putuo-wenlvju-2026"),
        &dir.join("shanghai"),
        formats,
        &[
            "--layout",
            "shanghai-unit-2026",
            "--department-layout",
            "shanghai-department-2026",
        ],
    );
}

/// `pdftoppm ARGS PDF TO`, which must succeed.
pub fn pdftoppm(args: &[&str], pdf: &Path, to: &Path) {
    let run = Command::new("pdftoppm")
        .args(args)
        .arg(pdf)
        .arg(to)
        .output()
        .expect("pdftoppm runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Every PDF under `dir`, at any depth, in order.
pub fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("output folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "pdf") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// Writes `text` to a file in a fresh temporary folder and returns both.
pub fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

/// A folder with a copy of the 2024 sample and the 2025 sample, edited by
/// `edit`, as `2025.yaml` linking it: (folder, 2025 path, 2025 text).
pub fn linked_pair(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        root().join(SAMPLE),
        dir.path().join("datong-finance-info-center-2024.yaml"),
    )
    .expect("copy");
    let text = edit(std::fs::read_to_string(root().join(SAMPLE_2025)).expect("2025 sample"));
    let path = dir.path().join("2025.yaml");
    std::fs::write(&path, &text).expect("write");
    (dir, path, text)
}

/// What `check` says of one rule on a file on disk, with `catalogs`.
pub fn findings_of(
    path: &Path,
    rule: &str,
    catalogs: &gongkai::conventions::Conventions,
) -> Vec<gongkai::diagnostic::Diagnostic> {
    let checked = gongkai::run::check_file(path, None, catalogs);
    let all = checked.report.diagnostics.into_iter();
    all.filter(|d| d.rule == rule).collect()
}

pub fn as_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The document tree of a budget text, laid out with the default set.
pub fn document_of(text: &str) -> gongkai::doc::Document {
    let (loaded, ledger) = ledger_of(text);
    let catalog = Catalog::for_year(loaded.budget.year).expect("the year's catalogue is bundled");
    let set =
        gongkai::layout::LayoutSet::open(gongkai::layout::default_set()).expect("bundled set");
    gongkai::layout::build(&set, &loaded.budget, &ledger, &catalog)
        .unwrap_or_else(|e| panic!("layout failed: {e}"))
}

/// The text rendering of a budget text.
pub fn text_of(text: &str) -> String {
    gongkai::render::text::render(&document_of(text))
}

/// Table rows as the test compares them: cells without trailing empty ones.
pub fn row_key(line: &str) -> String {
    let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
    let end = cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1);
    cells[..end].join("\t")
}

/// Table rows the reference prints differently on purpose: (reference, ours, why).
pub const TABLE_DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "国有资本经营预算收入\t\t国有资本经营预算支出",
        "国有资本经营预算收入\t\t\t国有资本经营预算支出",
        "收入方有三列（收入科目编码、科目名称、收入预算），合并单元格跨三列；原文的文本提取把它与下一行错位",
    ),
    (
        "单位名称\t2024预算数",
        "单位名称\t2024年预算数",
        "原表漏了“年”字，与其他各表的“2024年预算数”不一致",
    ),
];

/// The lines of a text rendering as a reader sees them: markdown marks
/// (`#`, list dashes, `**`) taken off, blank lines and chart captions left out.
pub fn rendered_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            l.trim_start_matches(['#', ' '])
                .trim_start_matches("- ")
                .replace("**", "")
        })
        .filter(|l| !l.is_empty() && !l.starts_with("【图】"))
        .collect()
}

/// Every file under `dir` (hidden ones too) with its bytes.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                pending.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("inside").to_path_buf();
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

/// Whether an outside tool runs here. Where `.ci/run` installed the tools
/// (GONGKAI_REQUIRE_TOOLS), a missing one fails the test instead.
pub fn tool_available(tool: &str) -> bool {
    if Command::new(tool).arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("GONGKAI_REQUIRE_TOOLS").is_none(),
        "{tool} is required here"
    );
    eprintln!("{tool} not installed: skipped");
    false
}

/// A Python that imports `modules` (comma-separated): `GONGKAI_OFD_PYTHON`,
/// else the venv `.ci/run` makes, else python3. None (the test skips)
/// when they are missing, unless the tools are required here.
pub fn python_with(modules: &str) -> Option<PathBuf> {
    let python = std::env::var_os("GONGKAI_OFD_PYTHON")
        .map(PathBuf::from)
        .or_else(|| {
            let venv = root().join("target/ofd-venv/bin/python");
            venv.is_file().then_some(venv)
        })
        .unwrap_or_else(|| PathBuf::from("python3"));
    let ok = Command::new(&python)
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some(python);
    }
    assert!(
        std::env::var_os("GONGKAI_REQUIRE_TOOLS").is_none(),
        "{modules} required here ({})",
        python.display()
    );
    eprintln!("{modules} not installed: skipped");
    None
}

/// Runs a reader script of tests/ with `python` on `args` and parses the
/// JSON it prints after `prefix` on a line of its own.
pub fn python_report(
    python: &Path,
    script: &str,
    args: &[&Path],
    prefix: &str,
) -> serde_json::Value {
    let run = Command::new(python)
        .arg(root().join("tests").join(script))
        .args(args)
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no result from {script}: {stdout}"));
    serde_json::from_str(line).expect("JSON")
}

/// Converts `file` to PDF with LibreOffice (a private profile under
/// `work`) and returns the PDF's text as pdftotext reads it.
pub fn libreoffice_pdf_text(file: &Path, work: &Path) -> String {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        work.join("profile").display()
    );
    let pdfs = work.join("converted");
    let out = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&pdfs)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = file.file_stem().expect("a file name");
    let pdf = pdfs.join(stem).with_extension("pdf");
    assert!(pdf.is_file(), "LibreOffice wrote {}", pdf.display());
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&text.stdout).into_owned()
}

/// A PDF text string as text: UTF-16BE after a byte-order mark, else the
/// bytes as UTF-8; anything else is empty.
pub fn pdf_string(o: &lopdf::Object) -> String {
    match o {
        lopdf::Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        lopdf::Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    }
}

/// A PDF's outline, depth first: (depth from 0, title, page index, the
/// destination's y measured from the page's top in pt). Every entry must
/// have a destination on a page.
pub fn pdf_outline(pdf: &lopdf::Document) -> Vec<(usize, String, usize, f64)> {
    use lopdf::Object;
    let page_ids: Vec<lopdf::ObjectId> = pdf.get_pages().values().copied().collect();
    let height = |page: lopdf::ObjectId| {
        let media = pdf
            .get_dictionary(page)
            .and_then(|p| p.get(b"MediaBox"))
            .and_then(Object::as_array);
        media.map_or(0.0, |b| b[3].as_float().map_or(0.0, f64::from))
    };
    let first = |d: &lopdf::Dictionary| d.get(b"First").and_then(Object::as_reference).ok();
    let root = pdf
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .and_then(Object::as_reference)
        .and_then(|o| pdf.get_dictionary(o))
        .expect("an outline");
    let mut out = Vec::new();
    // (entry, depth) still to visit, the next sibling after the children.
    let mut stack: Vec<(lopdf::ObjectId, usize)> =
        first(root).map(|f| (f, 0)).into_iter().collect();
    while let Some((id, depth)) = stack.pop() {
        let item = pdf.get_dictionary(id).expect("outline entry");
        let title = pdf_string(item.get(b"Title").expect("a title"));
        let dest = item
            .get(b"Dest")
            .and_then(Object::as_array)
            .unwrap_or_else(|_| panic!("{title} points somewhere"));
        let target = dest[0].as_reference().expect("a page");
        let page = page_ids
            .iter()
            .position(|p| *p == target)
            .expect("a page of this PDF");
        let y = dest[3].as_float().map_or(0.0, f64::from);
        out.push((depth, title, page, height(target) - y));
        if let Ok(next) = item.get(b"Next").and_then(Object::as_reference) {
            stack.push((next, depth));
        }
        if let Some(kid) = first(item) {
            stack.push((kid, depth + 1));
        }
    }
    out
}

/// A copy of a bundled layout set in a temporary folder, to edit.
/// `gongkai check --layout SET` refuses the set (exit 2) and points at the
/// line of its `layout.yaml` that `holds` picks out: what it said.
pub fn set_refused_at(set: &Path, holds: impl Fn(&str) -> bool) -> String {
    let run = gongkai(&["check", "--layout", as_str(set)]);
    let said = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(2), "{said}");
    let line = std::fs::read_to_string(set.join("layout.yaml"))
        .expect("read layout.yaml")
        .lines()
        .position(holds)
        .expect("the line")
        + 1;
    assert!(
        said.contains(&format!("layout.yaml 第 {line} 行")),
        "{said}"
    );
    said
}

/// `batch` options for the Shanghai samples: the bundled Shanghai sets.
pub const SHANGHAI_SETS: [&str; 4] = [
    "--layout",
    "shanghai-unit-2026",
    "--department-layout",
    "shanghai-department-2026",
];

pub fn copied_set(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&root().join("layouts").join(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read set") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Replaces `from` (which must be there) with `to` in a file.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{path:?} lacks {from:?}");
    std::fs::write(path, text.replace(from, to)).expect("write");
}

/// The first file in `dir` whose name ends with `suffix`.
pub fn output_file(dir: &Path, suffix: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("a file ending {suffix} in {}", dir.display()))
}

/// The text package of a budget (YAML text) built with the layout set in
/// `set` (a folder, or a bundled set's name).
pub fn text_with_set(budget: &str, set: &Path) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("单位.yaml");
    std::fs::write(&input, budget).expect("write");
    file_text_with_set(&input, set)
}

/// `gongkai build INPUT -o OUT --format FORMATS --layout LAYOUT`.
pub fn build_with_layout(input: &str, out: &Path, formats: &str, layout: &str) -> Output {
    gongkai(&[
        "build",
        input,
        "-o",
        as_str(out),
        "--format",
        formats,
        "--layout",
        layout,
    ])
}

/// The text package of a budget file built with the layout set in `set`
/// (a folder, or a bundled set's name).
pub fn file_text_with_set(input: &Path, set: &Path) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let o = build_with_layout(as_str(input), &out, "txt", as_str(set));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(output_file(&out, ".txt")).expect("read txt")
}

/// 1-based number of the first line of a file that contains `needle`.
pub fn line_in_file(path: &Path, needle: &str) -> usize {
    std::fs::read_to_string(path)
        .expect("read")
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} in {}", path.display()))
        + 1
}

/// One part of a zip package (docx, xlsx) as text.
pub fn zip_part(path: &Path, name: &str) -> String {
    zip_part_of(&std::fs::read(path).expect("read"), name)
}

/// One part of a zip package held in memory, as text.
pub fn zip_part_of(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("part {name}"))
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

/// Every figure each sheet of a workbook shows, in reading order: numbers
/// are cells the format shows (a zero in a table that leaves zeros blank
/// is not shown).
pub fn sheet_figures(path: &Path) -> Vec<Vec<f64>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).expect("calamine opens it");
    let names = wb.sheet_names().to_vec();
    names
        .iter()
        .map(|name| {
            let range = wb.worksheet_range(name).expect("sheet");
            range
                .rows()
                .flat_map(|r| r.iter())
                .filter_map(|c| match c {
                    calamine::Data::Float(f) => Some(*f),
                    calamine::Data::Int(i) => Some(*i as f64),
                    _ => None,
                })
                .filter(|f| *f != 0.0)
                .collect()
        })
        .collect()
}
