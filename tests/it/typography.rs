//! What a reader sees on the printed page, measured from glyph positions
//! (PyMuPDF, tests/glyph_faults.py) in every PDF of the three samples: the
//! unit, the bureau's 部门 and the Shanghai 部门.

use crate::common;

use crate::common::{SAMPLE, as_str};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every PDF of the three samples.
fn sample_pdfs(dir: &Path) -> Vec<PathBuf> {
    let unit = dir.join("unit");
    common::build_ok(SAMPLE, &unit, "pdf", &[]);
    common::batch_departments(dir, "pdf");
    common::pdfs_under(dir)
}

/// The faults of each kind, by PDF.
fn faults(python: &Path, files: &[PathBuf]) -> serde_json::Value {
    let args: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    common::python_report(python, "glyph_faults.py", &args, "GLYPH-FAULTS ")
}

fn of_kind(all: &serde_json::Value, kind: &str) -> Vec<String> {
    let files = all.as_object().expect("by file");
    let mut out = Vec::new();
    for (file, found) in files {
        let name = Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        for f in found[kind].as_array().expect("list") {
            out.push(format!(
                "{} {}",
                name.clone().unwrap_or_default(),
                f.as_str().unwrap_or("")
            ));
        }
    }
    out
}

#[test]
#[cfg_attr(
    gongkai_no_py_fitz,
    ignore = "需要 Python 的 PyMuPDF（fitz）（.ci/run 会安装）"
)]
fn no_mark_prints_over_the_next_character_no_heading_ends_a_page_and_no_line_is_letter_spaced() {
    let Some(python) = common::python_with("fitz") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let files = sample_pdfs(dir.path());
    // The sample; the bureau's six units and its 部门; Shanghai's five
    // and theirs.
    assert_eq!(files.len(), 14, "{files:?}");
    let all = faults(&python, &files);
    let collide = of_kind(&all, "collide");
    assert!(
        collide.is_empty(),
        "{} collisions: {collide:#?}",
        collide.len()
    );
    let foot = of_kind(&all, "foot");
    assert!(
        foot.is_empty(),
        "{} headings at a page foot: {foot:#?}",
        foot.len()
    );
    let loose = of_kind(&all, "loose");
    assert!(
        loose.is_empty(),
        "{} letter-spaced lines: {loose:#?}",
        loose.len()
    );
    let spill = of_kind(&all, "spill");
    assert!(spill.is_empty(), "text off the page: {spill:#?}");
}

/// The measure itself: a PDF whose （ is set 0.6 em before the next
/// character, as the squeeze printed it before opening marks moved with
/// their box, and a line spaced 0.15 em, are found.
#[test]
#[cfg_attr(
    gongkai_no_py_fitz,
    ignore = "需要 Python 的 PyMuPDF（fitz）（.ci/run 会安装）"
)]
fn the_measure_sees_a_collision_and_a_letter_spaced_line() {
    let Some(python) = common::python_with("fitz") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("squeezed.pdf");
    let script = r#"
import sys, fitz
doc = fitz.open()
page = doc.new_page()
font = fitz.Font("cjk")
w = fitz.TextWriter(page.rect)
for i, (ch, x) in enumerate([("一", 72), ("（", 84), ("二", 91.2), ("）", 103.2)]):
    w.append((x, 100), ch, font=font, fontsize=12)
# Nine Han characters 0.15 em apart, as a line justified by spacing them.
for i, ch in enumerate("预算收入总计一般公共"):
    w.append((72 + i * 12 * 1.15, 140), ch, font=font, fontsize=12)
w.write_text(page)
doc.save(sys.argv[1])
"#;
    let made = Command::new(&python)
        .args(["-c", script, as_str(&pdf)])
        .output()
        .expect("python runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let all = faults(&python, &[pdf]);
    let collide = of_kind(&all, "collide");
    assert_eq!(collide.len(), 1, "{all}");
    assert!(collide[0].contains("0.60em"), "{collide:?}");
    let loose = of_kind(&all, "loose");
    assert_eq!(loose.len(), 1, "{all}");
    assert!(loose[0].contains("0.15em"), "{loose:?}");
}
