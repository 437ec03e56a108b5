//! Shared test helpers: the sample, the reference text, running the binary.
#![allow(dead_code)]

use gongkai::catalog::Catalog;
use gongkai::compute::{Ledger, compute};
use gongkai::load::{Loaded, load_bytes};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SAMPLE: &str = "samples/datong-finance-info-center-2024.yaml";

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
    let catalog = Catalog::for_year(loaded.budget.year);
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

/// Writes `text` to a file in a fresh temporary folder and returns both.
pub fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

pub fn as_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The document tree of a budget text, laid out with the default set.
pub fn document_of(text: &str) -> gongkai::doc::Document {
    let (loaded, ledger) = ledger_of(text);
    let catalog = Catalog::for_year(loaded.budget.year);
    let set = gongkai::layout::LayoutSet::open(gongkai::layout::DEFAULT_SET).expect("bundled set");
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
