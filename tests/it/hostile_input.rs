//! Hostile and careless input, one test per reproducer: a clear Chinese
//! message at the right line and a sane exit code, never a panic, a hang or
//! a flood of memory.

use crate::common::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far beyond any check of a real file: a guard against hanging, not a
/// speed target (speed is measured in benches/).
const HANG: Duration = Duration::from_secs(60);

struct Run {
    code: i32,
    out: String,
}

fn check_path(path: &str) -> Run {
    let start = Instant::now();
    let o = gongkai(&["check", path]);
    assert!(
        start.elapsed() < HANG,
        "check {path} took {:?}",
        start.elapsed()
    );
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        !out.contains("panicked") && !out.contains("内部错误"),
        "{out}"
    );
    Run {
        code: o.status.code().unwrap_or(-1),
        out,
    }
}

fn check_text(text: &str) -> Run {
    let (_dir, path) = temp_file("t.yaml", text.as_bytes());
    check_path(as_str(&path))
}

/// The start of a long output, for a failure message.
fn head(s: &str) -> String {
    s.chars().take(1500).collect()
}

fn mutated(from: &str, to: &str) -> String {
    let text = sample_text();
    assert!(text.contains(from), "sample lacks {from:?}");
    text.replacen(from, to, 1)
}

fn line_of(text: &str, marker: &str) -> usize {
    text.lines()
        .position(|l| l.contains(marker))
        .expect("marker")
        + 1
}

#[test]
fn control_characters_are_refused_at_their_line_in_chinese() {
    let marker = "正科级建制";
    for bad in ["\u{1}", "\u{b}", "\u{FFFE}", "\u{202E}", "\u{85}"] {
        let text = mutated(marker, &format!("正科级{bad}建制"));
        let run = check_text(&text);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.out);
        assert!(run.out.contains("控制字符"), "{bad:?}: {}", run.out);
        let at = format!("t.yaml:{}:", line_of(&text, "正科级"));
        assert!(run.out.contains(&at), "{bad:?} not at {at}: {}", run.out);
        assert!(!run.out.contains(bad), "the character is not echoed raw");
    }
}

#[test]
fn an_escaped_control_character_is_refused_too() {
    let text = mutated(
        "  名称: 大同市财政信息中心\n",
        "  名称: \"大同市财政\\x01信息中心\"\n",
    );
    let run = check_text(&text);
    assert_eq!(run.code, 2, "{}", run.out);
    assert!(run.out.contains("U+0001"), "{}", run.out);
    let at = format!("t.yaml:{}:", line_of(&text, "大同市财政\\x01"));
    assert!(run.out.contains(&at), "{}", run.out);
}

#[test]
fn stars_in_user_text_stay_stars() {
    let text = mutated("正科级建制", "正科级**建制**");
    let doc = document_of(&text);
    let runs: Vec<&gongkai::doc::Run> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            gongkai::doc::Block::Paragraph(p) => Some(p),
            _ => None,
        })
        .flat_map(|p| p.runs.iter())
        .filter(|r| r.text.contains("建制"))
        .collect();
    assert!(!runs.is_empty());
    for r in runs {
        assert!(!r.bold, "user text became bold: {r:?}");
        assert!(r.text.contains("正科级**建制**"), "{r:?}");
    }
    // The layout's own markup still works: the glossary's terms are bold.
    assert!(doc.blocks.iter().any(|b| matches!(b,
        gongkai::doc::Block::Paragraph(p) if p.runs.iter().any(|r| r.bold && r.text.contains("基本支出")))));
}

#[test]
fn a_huge_cost_indicator_does_not_panic() {
    let text = mutated(
        "指标值: ≤256.3万元",
        "指标值: ≤10000000000000000000000000万元",
    );
    let run = check_text(&text);
    assert!(run.code <= 1, "{}", run.out);
}

#[test]
fn pipes_and_devices_are_refused_without_reading() {
    let run = check_path("/dev/zero");
    assert_eq!(run.code, 2, "{}", run.out);
    assert!(run.out.contains("不是普通文件"), "{}", run.out);
    #[cfg(unix)]
    {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("fifo.yaml");
        let made = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let run = check_path(as_str(&fifo));
        assert_eq!(run.code, 2, "{}", run.out);
        assert!(run.out.contains("不是普通文件"), "{}", run.out);
    }
}

#[test]
fn aliases_of_a_large_string_are_refused_by_their_expanded_size() {
    // A 1 MB string named once and used 64 times: 64 MB of text.
    let mut text = sample_text().replacen(
        "  概述: ",
        &format!("  概述: &big {}\n  旧概述: ", "长".repeat(350_000)),
        1,
    );
    text.push_str("\n其他:\n");
    for i in 0..64 {
        text.push_str(&format!("  - {i}: *big\n"));
    }
    let run = check_text(&text);
    assert_eq!(run.code, 2, "{}", head(&run.out));
    assert!(run.out.contains("别名"), "{}", head(&run.out));
    assert!(run.out.len() < 10_000, "the message quotes little");
}

#[test]
fn a_thousand_unmatched_forms_check_in_reasonable_time() {
    let mut text = sample_text();
    let forms_at = text.find("绩效目标表:\n").expect("forms");
    let form_start = text[forms_at..].find("  - 项目名称:").expect("a form") + forms_at;
    let form_end = text[form_start + 4..]
        .find("\n  - 项目名称:")
        .expect("next form")
        + form_start
        + 5;
    let form = text[form_start..form_end].to_string();
    let mut forms = String::new();
    for i in 0..990 {
        // Funds no project has, so nothing links by amount either.
        let own = form
            .replacen(
                "项目名称: Z财政业务软件服务费",
                &format!("项目名称: 不存在的项目{i}号"),
                1,
            )
            .replace("2563000", &format!("{}", 7_000_001 + i));
        forms.push_str(&own);
    }
    text.insert_str(form_start, &forms);
    let start = Instant::now();
    let run = check_text(&text);
    eprintln!("1000 unmatched forms checked in {:?}", start.elapsed());
    assert_eq!(run.code, 0, "{}", head(&run.out));
    assert!(run.out.contains("不存在的项目989号"));
}

#[test]
fn more_forms_than_the_limit_are_refused_with_a_clear_message() {
    let mut text = sample_text();
    let at = text.find("绩效目标表:\n").expect("forms") + "绩效目标表:\n".len();
    let small = "  - { 项目名称: 小表, 项目属性: 经常性, 项目期: 1年, 实施期资金: { 资金总额: 0 }, 年度资金: { 资金总额: 0 }, 总体目标: { 实施期: 无, 年度: 无 }, 绩效指标: {} }\n";
    text.insert_str(at, &small.repeat(5000));
    let run = check_text(&text);
    assert_eq!(run.code, 1, "{}", head(&run.out));
    assert!(
        run.out
            .contains("共 5005 张绩效目标表，超过一个文件的上限 1000"),
        "{}",
        head(&run.out)
    );
}

#[test]
fn characters_the_fonts_lack_are_errors_in_check_and_in_a_pdf_build_alike() {
    let text = mutated("正科级建制", "正科级赟€\u{200B}建制");
    let (dir, path) = temp_file("t.yaml", text.as_bytes());
    let o = gongkai(&["check", as_str(&path), "--no-system-fonts"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "an error: {out}");
    assert!(out.contains("看不见的格式字符（U+200B"), "{out}");
    // What check refuses, build refuses the same way, before writing;
    // Excel and Word alone need no glyphs and are built.
    let out_dir = dir.path().join("out");
    let o = gongkai(&[
        "build",
        as_str(&path),
        "--no-system-fonts",
        "-o",
        as_str(&out_dir),
    ]);
    let built = String::from_utf8_lossy(&o.stdout) + String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{built}");
    assert!(built.contains("glyph-missing"), "{built}");
    assert!(!out_dir.exists() || std::fs::read_dir(&out_dir).expect("dir").next().is_none());
    let o = gongkai(&[
        "build",
        as_str(&path),
        "--no-system-fonts",
        "--format",
        "xlsx,docx",
        "-o",
        as_str(&out_dir),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    for (ch, code) in [("赟", "U+8D5F"), ("€", "U+20AC")] {
        assert!(
            out.lines()
                .any(|l| l.contains("glyph-missing") && l.contains(ch) && l.contains(code)),
            "{out}"
        );
    }
    let at = format!("t.yaml:{}:", line_of(&text, "赟"));
    assert!(out.contains(&at), "{out}");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    for args in [&["rules"][..], &["schema"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(o.status.code(), Some(0), "{err}");
    }
}

#[test]
fn usage_errors_name_the_bad_value_and_the_good_ones() {
    let o = gongkai(&["build", SAMPLE]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("缺少必需的参数：--out <文件夹>"), "{err}");
    let o = gongkai(&["build", SAMPLE, "-o", "x", "--format", "pdf,html"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("“html”") && err.contains("pdf、xlsx、docx、txt"),
        "{err}"
    );
    let o = gongkai(&["biuld"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("“biuld”") && err.contains("build"), "{err}");
    assert!(!err.is_ascii(), "{err}");
}
