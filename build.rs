// The bundled layout sets are embedded with include_dir, which cannot tell
// cargo about the files it reads on stable Rust: rebuild when they change.
//
// Tests that read our output with outside tools (LibreOffice, poppler,
// Python readers) are marked ignored where a tool is missing, so that the
// test summary counts them as ignored rather than passed; where
// GONGKAI_REQUIRE_TOOLS is set (as .ci/run sets it), a missing tool stops
// the build instead. The tools are probed for test builds only: a release
// build of gongkai itself needs none of them.
use std::path::PathBuf;
use std::process::Command;

const TOOLS: &[(&str, &str, &str)] = &[
    ("gongkai_no_soffice", "soffice", "--version"),
    ("gongkai_no_pdftotext", "pdftotext", "-v"),
    ("gongkai_no_pdftoppm", "pdftoppm", "-v"),
];

const MODULES: &[(&str, &str)] = &[
    ("gongkai_no_py_fitz", "fitz"),
    ("gongkai_no_py_ofd", "easyofd, ofdkit, fontTools, fitz"),
    ("gongkai_no_py_openxml_audit", "openxml_audit"),
    ("gongkai_no_py_openpyxl", "openpyxl"),
];

fn main() {
    println!("cargo:rerun-if-changed=layouts");
    first_characters();
    println!("cargo:rerun-if-env-changed=GONGKAI_REQUIRE_TOOLS");
    println!("cargo:rerun-if-env-changed=GONGKAI_OFD_PYTHON");
    println!("cargo:rerun-if-env-changed=PATH");
    for (cfg, ..) in TOOLS {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
    }
    for (cfg, _) in MODULES {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
    }
    if std::env::var("PROFILE").as_deref() != Ok("debug") {
        return;
    }
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let venv = root.join("target/ofd-venv/bin/python");
    if venv.is_file() {
        println!("cargo:rerun-if-changed={}", venv.display());
    }
    let python = std::env::var_os("GONGKAI_OFD_PYTHON")
        .map(PathBuf::from)
        .or_else(|| venv.is_file().then_some(venv))
        .unwrap_or_else(|| PathBuf::from("python3"));
    let runs = |cmd: &mut Command| cmd.output().is_ok_and(|o| o.status.success());
    let mut missing = Vec::new();
    for (cfg, tool, arg) in TOOLS {
        // As the tests' own check: the tool is there when it starts.
        if Command::new(tool).arg(arg).output().is_err() {
            println!("cargo:rustc-cfg={cfg}");
            missing.push(tool.to_string());
        }
    }
    for (cfg, modules) in MODULES {
        if !runs(Command::new(&python).args(["-c", &format!("import {modules}")])) {
            println!("cargo:rustc-cfg={cfg}");
            missing.push(format!("Python {modules}"));
        }
    }
    if !missing.is_empty() && std::env::var_os("GONGKAI_REQUIRE_TOOLS").is_some() {
        panic!(
            "已设置 GONGKAI_REQUIRE_TOOLS（测试不得跳过），但缺少：{}",
            missing.join("、")
        );
    }
}

/// Where the words of each first character start in dictionary/words.txt
/// (sorted by bytes, so by character): the table segmentation searches
/// before it bisects a character's own words (src/render/typeset/lexicon.rs).
/// Written as a Rust array into OUT_DIR, in character order.
fn first_characters() {
    let words = "dictionary/words.txt";
    println!("cargo:rerun-if-changed={words}");
    let text = std::fs::read_to_string(words).expect("dictionary/words.txt");
    let mut out = String::from("&[\n");
    let mut last = None;
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        if let Some(c) = line.chars().next()
            && last != Some(c)
        {
            out.push_str(&format!("    ({:?}, {at}),\n", c));
            last = Some(c);
        }
        at += line.len();
    }
    out.push_str("]\n");
    let dir = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(dir.join("first_characters.rs"), out).expect("writes OUT_DIR");
}
