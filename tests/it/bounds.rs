//! Safety round 3 (issue 40): each way a hostile or careless input broke a
//! run, with the bound that now holds it. Every run must end with a Chinese
//! message naming the file, or finish; none may abort, hang or quote a
//! file that is not ours.

use crate::common::{SAMPLE, as_str, copied_set, output_file, root, sample_text, temp_file};
use std::time::{Duration, Instant};

/// stdout and stderr of a run, and its exit code; no panic allowed.
fn said(args: &[&str]) -> (Option<i32>, String) {
    let (code, text) = crate::common::gongkai_said(args);
    assert!(
        !text.contains("panicked") && !text.contains("overflow"),
        "{text}"
    );
    (code, text)
}

/// Checks `text` (no error allowed), then builds it in `formats`, which
/// must succeed: what check passes, build builds. The folder holds `out/`.
fn checks_then_builds(text: &str, formats: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_file("t.yaml", text.as_bytes());
    let (code, said_) = said(&["check", as_str(&path)]);
    assert_ne!(code, Some(1), "{said_}");
    let out = dir.path().join("out");
    let (code, said_) = said(&[
        "build",
        as_str(&path),
        "-o",
        as_str(&out),
        "--format",
        formats,
    ]);
    assert_eq!(code, Some(0), "{said_}");
    (dir, out)
}

/// The sample with its first project renamed.
fn with_project_name(name: &str) -> String {
    let text = sample_text();
    let from = "名称: QT专项人员事务经费,";
    assert!(text.contains(from));
    text.replacen(from, &format!("名称: {name},"), 1)
}

/// A 5,000-level list in a unit of a bureau folder: the batch, whose units
/// run on threads with small stacks, used to abort ("has overflowed its
/// stack") with no summary. Now the unit fails at its line (64 levels at
/// most) and the others are built.
#[test]
fn deep_nesting_fails_its_unit_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bureau = dir.path().join("局");
    crate::common::copy_dir(&root().join("samples/datong-finance-bureau-2024"), &bureau);
    let unit = bureau.join("01-财政局机关.yaml");
    let text = std::fs::read_to_string(&unit).expect("read");
    let deep = format!("{text}\n版式字段:\n  深:\n    {}x\n", "- ".repeat(5000));
    std::fs::write(&unit, deep).expect("write");
    let out = dir.path().join("out");
    let (code, text) = said(&[
        "batch",
        as_str(&bureau),
        "-o",
        as_str(&out),
        "--format",
        "txt",
    ]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("嵌套超过 64 层"), "{text}");
    assert!(text.contains("01-财政局机关.yaml"), "{text}");
    assert!(
        out.join("生成结果.json").is_file(),
        "the summary is written"
    );
    assert!(out.join("大同市财政事务服务中心").is_dir(), "{text}");
}

/// A block file or the macros of a layout set on disk that link out of the
/// set (to a password file) are refused by name; the linked file is never
/// printed, in the message or in a document.
#[test]
#[cfg(unix)]
fn a_layout_set_never_reads_through_a_link_out_of_itself() {
    let secret_dir = tempfile::tempdir().expect("tempdir");
    let secret = secret_dir.path().join("passwd");
    std::fs::write(&secret, "root:x:0:0:SECRET-LINE\n").expect("write");
    for file in ["part4-glossary.yaml", "macros.j2"] {
        let set = copied_set("shanxi-unit-2024");
        let target = set.path().join(file);
        std::fs::remove_file(&target).expect("rm");
        std::os::unix::fs::symlink(&secret, &target).expect("link");
        let out = set.path().join("out");
        let (code, text) = said(&[
            "build",
            SAMPLE,
            "--layout",
            as_str(set.path()),
            "-o",
            as_str(&out),
            "--format",
            "txt",
        ]);
        assert_ne!(code, Some(0), "{file}: {text}");
        assert!(text.contains("指向目录之外的链接"), "{file}: {text}");
        assert!(text.contains(file), "{text}");
        assert!(!text.contains("SECRET"), "{text}");
        assert!(!out.exists(), "nothing built");
    }
}

/// Two nested range(100000) loops in a paragraph ran until killed; a loop
/// writing a long text 100,000 times grew without end. Both stop at the
/// template's fuel or output bound with the file and the template named.
#[test]
fn a_template_that_never_ends_is_stopped() {
    for (template, says) in [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
            "步数超过上限",
        ),
        (
            "{% for i in range(100000) %}{{ vars.big }}{% endfor %}",
            "文字超过上限",
        ),
    ] {
        let set = copied_set("shanxi-unit-2024");
        let glossary = set.path().join("part4-glossary.yaml");
        let text = std::fs::read_to_string(&glossary).expect("read");
        std::fs::write(&glossary, format!("{text}- paragraph: \"{template}\"\n")).expect("write");
        crate::common::edit(
            &set.path().join("layout.yaml"),
            "vars:\n",
            &format!("vars:\n  big: {}\n", "甲".repeat(100_000)),
        );
        let start = Instant::now();
        let (code, said) = said(&["check", SAMPLE, "--layout", as_str(set.path())]);
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "stopped at its bound"
        );
        assert_eq!(code, Some(1), "{said}");
        assert!(said.contains(says), "{said}");
        assert!(said.contains("part4-glossary.yaml"), "{said}");
    }
}

/// A layout file and a catalogue made of aliases (a 300,000-character
/// string repeated by 2,000 aliases needed gigabytes) are refused as soon
/// as their expansion passes the largest file allowed.
#[test]
fn alias_floods_in_layout_files_and_catalogues_are_refused() {
    let big = "x".repeat(300_000);
    let flood = format!("zz: &a {big}\nyy: [{}]\n", vec!["*a"; 2000].join(", "));
    let set = copied_set("shanxi-unit-2024");
    let glossary = set.path().join("part4-glossary.yaml");
    let text = std::fs::read_to_string(&glossary).expect("read");
    // A block file is a list: one block named, then named again and again.
    let blocks = format!(
        "- paragraph: &a \"{big}\"\n{}",
        "- paragraph: *a\n".repeat(2000)
    );
    std::fs::write(&glossary, format!("{blocks}{text}")).expect("write");
    let (code, text) = said(&["check", SAMPLE, "--layout", as_str(set.path())]);
    assert_ne!(code, Some(0), "{text}");
    assert!(text.contains("展开后超过"), "{text}");
    let set = copied_set("shanxi-unit-2024");
    let catalogs = set.path().join("catalog");
    std::fs::create_dir_all(&catalogs).expect("mkdir");
    std::fs::write(catalogs.join("2024.yaml"), &flood).expect("write");
    let (code, text) = said(&["check", SAMPLE, "--layout", as_str(set.path())]);
    assert_ne!(code, Some(0), "{text}");
    assert!(text.contains("展开后超过"), "{text}");
}

/// A 3,000-character 项目名称 makes a table row taller than a page: it is
/// cut between lines and goes on under 续表, and every character reaches
/// the PDF and the OFD in order; nothing is drawn off the sheet or over
/// the page number (it used to run past the foot, most of it invisible).
#[test]
#[cfg_attr(
    any(gongkai_no_pdftotext, gongkai_no_py_ofd),
    ignore = "需要 poppler-utils 的 pdftotext 和 Python 的 easyofd、ofdkit、PyMuPDF（.ci/run 会安装）"
)]
fn a_cell_taller_than_a_page_goes_on_over_pages_and_loses_nothing() {
    let Some(python) = crate::common::python_with("easyofd, ofdkit, fontTools, fitz") else {
        return;
    };
    let name = "甲乙丙丁戊己庚辛壬癸".repeat(300);
    let (dir, input) = temp_file("长名称.yaml", with_project_name(&name).as_bytes());
    let out = dir.path().join("out");
    crate::common::build_ok(as_str(&input), &out, "pdf,ofd", &[]);
    let pdf = output_file(&out, ".pdf");
    let ofd = output_file(&out, ".ofd");
    let ours = |text: &str| -> String { text.chars().filter(|c| name.contains(*c)).collect() };
    let o = std::process::Command::new("pdftotext")
        .args([as_str(&pdf), "-"])
        .output()
        .expect("pdftotext");
    assert_eq!(ours(&String::from_utf8_lossy(&o.stdout)), name, "the PDF");
    let read = crate::common::python_report(&python, "ofd_read.py", &[&ofd], "OFD-READ ");
    let pages: String = read["ofdkit"]["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| p.as_str().unwrap_or(""))
        .collect();
    assert_eq!(ours(&pages), name, "the OFD");
    let faults = crate::common::python_report(&python, "glyph_faults.py", &[&pdf], "GLYPH-FAULTS ");
    let spill = &faults[as_str(&pdf)]["spill"];
    assert_eq!(spill.as_array().map(Vec::len), Some(0), "{faults}");
}

/// A negative 办公用房面积 was published and summed into the 部门; a year
/// such as 2147483647 gave a "-2147483648 年" draft. Both are refused at
/// their line, the range said.
#[test]
fn areas_and_years_outside_their_range_are_refused_at_their_line() {
    let text = sample_text();
    let area = text.find("办公用房面积: ").expect("area") + "办公用房面积: ".len();
    let mut negative = text.clone();
    negative.insert(area, '-');
    let (_dir, path) = temp_file("t.yaml", negative.as_bytes());
    let (code, said_) = said(&["check", as_str(&path)]);
    assert_eq!(code, Some(1), "{said_}");
    assert!(said_.contains("面积不能小于 0"), "{said_}");
    let line = text[..area].lines().count();
    assert!(said_.contains(&format!("t.yaml:{line}:")), "{said_}");
    let year = text.replacen("年度: 2024", "年度: 2147483647", 1);
    let (_dir, path) = temp_file("t.yaml", year.as_bytes());
    let (code, said_) = said(&["check", as_str(&path)]);
    assert_eq!(code, Some(1), "{said_}");
    assert!(said_.contains("不在 2000–2100 之间"), "{said_}");
    let (code, said_) = said(&[
        "new-year",
        as_str(&path),
        "-o",
        as_str(&path.with_extension("new.yaml")),
    ]);
    assert_ne!(code, Some(0), "{said_}");
    assert!(!path.with_extension("new.yaml").exists());
}

/// A project name whose 31-character sheet-name cut ends in an apostrophe
/// passed check and then stopped build with rust_xlsxwriter's English.
#[test]
fn what_check_passes_build_builds_a_sheet_name_cut_at_an_apostrophe() {
    // The 绩效目标表 of a project gets a sheet named after it, after
    // "绩效目标表2 " (7 characters): the 31st is the apostrophe.
    let name = format!("{}'{}", "项".repeat(23), "目".repeat(5));
    let text = sample_text()
        .replacen("名称: Z网络运行维护费,", &format!("名称: \"{name}\","), 1)
        .replacen(
            "项目名称: Z网络运行维护费",
            &format!("项目名称: \"{name}\""),
            1,
        );
    assert!(text.matches(&name).count() == 2, "both renamed");
    let (_dir, out) = checks_then_builds(&text, "xlsx");
    let xlsx = output_file(&out, ".xlsx");
    let workbook = crate::common::zip_part(&xlsx, "xl/workbook.xml");
    assert!(
        workbook.contains(&format!("name=\"绩效目标表2 {}\"", "项".repeat(23))),
        "{workbook}"
    );
}

/// 上年.文件 messages name the real cause: a file two years back is the
/// wrong year (not "没有科目目录"), a link that loops is a loop (not "找不到"),
/// and a loop a → b → a is an error for a too, exit 1.
#[test]
#[cfg(unix)]
fn last_years_link_says_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let text = std::fs::read_to_string(root().join("samples/datong-finance-info-center-2025.yaml"))
        .expect("read");
    let link = |to: &str| {
        text.replacen(
            "文件: datong-finance-info-center-2024.yaml",
            &format!("文件: {to}"),
            1,
        )
    };
    assert!(link("x").contains("文件: x"));
    // Two years back.
    let old = sample_text().replacen("年度: 2024", "年度: 2023", 1);
    std::fs::write(d.join("2023.yaml"), old).expect("write");
    std::fs::write(d.join("back.yaml"), link("2023.yaml")).expect("write");
    let (code, said_) = said(&["check", as_str(&d.join("back.yaml"))]);
    assert_eq!(code, Some(1), "{said_}");
    assert!(said_.contains("的年度是 2023，应为 2024"), "{said_}");
    // A link that loops on itself.
    std::os::unix::fs::symlink("l2.yaml", d.join("l1.yaml")).expect("link");
    std::os::unix::fs::symlink("l1.yaml", d.join("l2.yaml")).expect("link");
    std::fs::write(d.join("looped.yaml"), link("l1.yaml")).expect("write");
    let (code, said_) = said(&["check", as_str(&d.join("looped.yaml"))]);
    assert_eq!(code, Some(1), "{said_}");
    assert!(said_.contains("符号链接绕成了环"), "{said_}");
    // a (2025) → b (2024) → a.
    std::fs::write(d.join("a.yaml"), link("b.yaml")).expect("write");
    let b = link("a.yaml").replacen("年度: 2025", "年度: 2024", 1);
    std::fs::write(d.join("b.yaml"), b).expect("write");
    let (code, said_) = said(&["check", as_str(&d.join("a.yaml"))]);
    assert_eq!(code, Some(1), "{said_}");
    assert!(
        said_.contains("last-year-chain") && said_.contains("形成循环"),
        "{said_}"
    );
}

/// The bound a budget's nesting has is the one every file has.
#[test]
fn a_budget_nested_past_the_bound_is_refused_at_its_line() {
    let text = format!(
        "{}\n版式字段:\n  深:\n    {}x\n",
        sample_text(),
        "- ".repeat(65)
    );
    let (_dir, path) = temp_file("t.yaml", text.as_bytes());
    let (code, said_) = said(&["check", as_str(&path)]);
    assert_eq!(code, Some(2), "{said_}");
    assert!(said_.contains("yaml-too-deep"), "{said_}");
}

/// A 2,000-character unit name passed check, then failed build at writing
/// (a file name past the file system's 255 bytes, found by the libFuzzer
/// typeset target). The name is shortened around a “…”, keeping the year
/// and the kind of document.
#[test]
fn what_check_passes_build_writes_a_unit_name_too_long_for_a_file_name() {
    let long = "长".repeat(2000);
    let text = sample_text().replacen("名称: 大同市财政信息中心\n", &format!("名称: {long}\n"), 1);
    assert!(text.contains(&long));
    let (_dir, out) = checks_then_builds(&text, "txt,xlsx");
    let txt = output_file(&out, "单位预算公开.txt");
    let name = txt
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(name.len() <= 255 && name.contains('…'), "{name}");
}
