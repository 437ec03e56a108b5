//! Replays the fuzz corpus and every input that ever broke a target
//! (`tests/fuzz/crashes/`), plus the samples, through every target: no
//! panic, no broken invariant, none slow. The fuzzer itself runs outside
//! the tests: `cargo run --release --example fuzz` (see tests/fuzz/README.md).

use crate::common;
#[path = "../fuzz/targets.rs"]
mod targets;

use std::path::Path;
use std::time::{Duration, Instant};
use targets::Target;

#[test]
fn every_saved_input_passes_every_target() {
    let inputs = targets::saved_inputs(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(inputs.len() > 10, "corpus present: {}", inputs.len());
    let mut deep = 0;
    for path in &inputs {
        let bytes = std::fs::read(path).expect("read");
        for target in Target::ALL {
            let start = Instant::now();
            let outcome = std::panic::catch_unwind(|| target.run(&bytes));
            let took = start.elapsed();
            match outcome {
                Err(_) => panic!("{} panics on {}", target.name(), path.display()),
                Ok(Err(e)) => panic!("{} on {}: {e}", target.name(), path.display()),
                Ok(Ok(through)) => deep += usize::from(through),
            }
            assert!(
                took < Duration::from_secs(10),
                "{} took {took:?} on {}",
                target.name(),
                path.display()
            );
        }
    }
    // The samples at least go all the way through every target.
    assert!(deep >= 6, "{deep}");
    // This process ran every input: its peak bounds each one's.
    if let Some(kb) = targets::peak_kb() {
        assert!(kb < 1 << 20, "peak memory {kb} KB");
    }
}

/// What the string fuzzer feeds the renderers, as a file an officer could
/// have typed: Word and Excel files LibreOffice opens, with the text intact.
/// `.ci/run` installs LibreOffice and sets GONGKAI_REQUIRE_TOOLS.
#[test]
#[cfg_attr(
    gongkai_no_soffice,
    ignore = "需要 LibreOffice（soffice）（.ci/run 会安装）"
)]
fn hostile_strings_give_files_libreoffice_opens() {
    use std::process::Command;
    if !common::tool_available("soffice") {
        return;
    }
    let nasty = "A&B<c>\"'甲|]]>乙|**粗**|👍e\u{301}|\t制表|ا ب|\u{2028}行|&amp;|<w:t>x</w:t>";
    let yaml = targets::hostile_budget(nasty.as_bytes());
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hostile.yaml");
    std::fs::write(&file, &yaml).expect("write");
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["build", "--format", "docx,xlsx", "-o"])
        .arg(&out)
        .arg(&file)
        .output()
        .expect("gongkai runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut made = Vec::new();
    for entry in std::fs::read_dir(&out).expect("out").flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "docx" && ext != "xlsx" {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read");
        targets::xml_parts_parse(&bytes, ext).expect("every part is XML");
        let text = common::libreoffice_pdf_text(&path, &dir.path().join(ext));
        assert!(
            text.contains("A&B<c>"),
            "{ext}: the text survives: {text:.400}"
        );
        made.push(ext.to_string());
    }
    made.sort();
    assert_eq!(made, ["docx", "xlsx"]);
}
