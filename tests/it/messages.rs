//! Issue 41: the first hour's messages, each Chinese and exact.

use crate::common::{self, as_str, gongkai_said};

#[test]
fn batch_into_a_file_says_so_in_chinese() {
    let (_d, file) = common::temp_file("输出", b"x");
    let dir = common::root().join("samples/datong-finance-bureau-2024");
    let (code, said) = gongkai_said(&["batch", as_str(&dir), "-o", as_str(&file)]);
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("已存在且不是文件夹：-o 指定的是输出文件夹"),
        "{said}"
    );
    assert!(!said.contains("os error"), "{said}");
}

#[test]
fn a_utf16_file_gets_the_hint_to_save_as_utf8() {
    let text = common::sample_text();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (_d, file) = common::temp_file("记事本.yaml", &bytes);
    let (code, said) = gongkai_said(&["check", as_str(&file)]);
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("错误[file-encoding]: 文件是 UTF-16 编码"),
        "{said}"
    );
    assert!(said.contains("编码选“UTF-8”"), "{said}");
}

#[test]
fn an_incomplete_code_brings_no_rounding_note() {
    let text = common::sample_text().replacen(
        "功能科目: 2010650, 经济科目: 30101",
        "功能科目: 201065, 经济科目: 30101",
        1,
    );
    let (_d, file) = common::temp_file("六位.yaml", text.as_bytes());
    let (code, said) = gongkai_said(&["check", as_str(&file)]);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("功能科目 201065 是不完整的编码（6 位）"),
        "{said}"
    );
    assert!(!said.contains("20106 财政事务 显示为"), "{said}");
}

#[test]
fn the_command_list_and_help_are_complete_and_chinese() {
    let (code, said) = gongkai_said(&[]);
    assert_eq!(code, Some(2), "{said}");
    for c in [
        "check", "build", "batch", "new-year", "diff", "template", "export", "import",
    ] {
        assert!(said.contains(c), "{c} missing: {said}");
    }
    for c in [
        "check", "build", "batch", "new-year", "diff", "fonts", "schema", "rules", "template",
        "export", "import",
    ] {
        let (code, help) = gongkai_said(&[c, "--help"]);
        assert_eq!(code, Some(0), "{c}: {help}");
        for english in ["[OPTIONS]", "Usage", "Options:", "Arguments:", "Print help"] {
            assert!(
                !help.contains(english),
                "{c} --help shows {english}: {help}"
            );
        }
    }
    let (_, diff) = gongkai_said(&["diff", "--help"]);
    let (old, new) = (
        diff.find("<原文件>  ").expect("old"),
        diff.find("<新文件>  ").expect("new"),
    );
    assert!(old < new, "{diff}");
}

#[test]
fn format_names_are_taken_in_any_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, said) = gongkai_said(&[
        "build",
        common::SAMPLE,
        "-o",
        as_str(dir.path()),
        "--format",
        "TXT",
    ]);
    assert_eq!(code, Some(0), "{said}");
}

#[test]
fn new_year_says_what_its_output_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, said) = gongkai_said(&["new-year", common::SAMPLE, "-o", as_str(dir.path())]);
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("是一个文件夹：new-year 的 -o 是要生成的草稿文件"),
        "{said}"
    );
    let draft = dir.path().join("2025.yaml");
    let (code, said) = gongkai_said(&["new-year", common::SAMPLE, "-o", as_str(&draft)]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("检查完成："), "{said}");
    assert!(!said.contains("检查：检查完成"), "{said}");
}

/// Every id a message can carry is listed by `gongkai rules`: the
/// checker's, and those of files that cannot be read or built, found in
/// the source wherever a diagnostic is made.
#[test]
fn rules_lists_every_id_a_message_carries() {
    let (code, listed) = gongkai_said(&["rules"]);
    assert_eq!(code, Some(0), "{listed}");
    let ids: std::collections::BTreeSet<&str> = listed
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut pending = vec![common::root().join("src")];
    let mut used = std::collections::BTreeSet::new();
    while let Some(d) = pending.pop() {
        for e in std::fs::read_dir(&d).expect("src").flatten() {
            let p = e.path();
            if p.is_dir() {
                pending.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).expect("read");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for opener in [
                "Diagnostic::error(",
                "Diagnostic::warning(",
                "Diagnostic::note(",
                "Diagnostic::new(",
                "unreadable(",
                "\n        rule,\n",
            ] {
                for part in code.split(opener).skip(1) {
                    let first = part.trim_start();
                    if let Some(rest) = first.strip_prefix('"') {
                        let id = rest.split('"').next().unwrap_or_default();
                        if id.contains('-')
                            && id
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                        {
                            used.insert(id.to_string());
                        }
                    }
                }
            }
            // Ids held in constants (CATALOG_MISSING …) and translated
            // serde messages (t("field-…", …)).
            for part in code
                .split("return t(")
                .chain(code.split("\n    t("))
                .skip(1)
            {
                if let Some(rest) = part.trim_start().strip_prefix('"') {
                    let id = rest.split('"').next().unwrap_or_default();
                    if id.contains('-') && id.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                        used.insert(id.to_string());
                    }
                }
            }
            for line in code
                .lines()
                .filter(|l| l.contains("pub const") && l.contains(": &str = \""))
            {
                let id = line.split('"').nth(1).unwrap_or_default();
                if id.contains('-') && id.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    used.insert(id.to_string());
                }
            }
        }
    }
    assert!(used.len() >= 20, "{used:?}");
    let missing: Vec<&String> = used
        .iter()
        .filter(|id| !ids.contains(id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "not listed by gongkai rules: {missing:?}"
    );
}

#[test]
fn batch_shows_the_warnings_of_what_it_built() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bureau = common::root().join("samples/datong-finance-bureau-2024");
    let (code, said) = gongkai_said(&[
        "batch",
        as_str(&bureau),
        "-o",
        as_str(dir.path()),
        "--format",
        "txt",
    ]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("—— 大同市财政信息中心：1 个警告"), "{said}");
    assert!(
        said.contains("警告[form-project-unknown]: 绩效目标表的项目名称“Z财政业务软件服务费”"),
        "{said}"
    );
}

#[test]
fn diff_lists_tables_in_document_order_and_notes_other_units() {
    let text = common::sample_text()
        .replacen("金额: 727600 }", "金额: 727700 }", 1)
        .replacen(
            "  名称: 大同市财政信息中心\n",
            "  名称: 大同市财政另一中心\n",
            1,
        );
    let (_d, changed) = common::temp_file("改后.yaml", text.as_bytes());
    let (code, said) = gongkai_said(&["diff", common::SAMPLE, as_str(&changed)]);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("两个文件不是同一个单位（大同市财政信息中心、大同市财政另一中心）"),
        "{said}"
    );
    // Table headings in the order the document prints them (表2 before
    // 表12, not after).
    let numbers: Vec<usize> = said
        .lines()
        .filter_map(|l| l.strip_prefix("  预算公开表"))
        .filter_map(|rest| rest.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(numbers.iter().any(|&n| n >= 10), "{numbers:?}");
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
}

/// Issue 41: a template's instruction left in a text is found by its
/// family (（此处…）, （请…）, （包括…见…）), and a set may add the words its
/// own templates open instructions with.
#[test]
fn instructions_are_found_by_family_and_by_the_sets_words() {
    let from = "收支变动原因: 我单位本年度项目经费减少导致的";
    let text = common::sample_text();
    assert!(text.contains(from));
    let line = text.lines().position(|l| l.contains(from)).expect("line") + 1;
    for residue in [
        "（此处写明变动原因）",
        "（请说明主要原因）",
        "（包括人员和项目，具体见表二）",
    ] {
        let (_d, file) = common::temp_file(
            "说明.yaml",
            text.replacen(from, &format!("{from}{residue}"), 1)
                .as_bytes(),
        );
        let (code, said) = gongkai_said(&["check", as_str(&file)]);
        assert_eq!(code, Some(0), "{said}");
        assert!(
            said.contains(&format!(
                "警告[text-instruction]: 文字中有模板的填写说明“{residue}”"
            )),
            "{said}"
        );
        assert!(said.contains(&format!("说明.yaml:{line}:")), "{said}");
    }
    // 要求 opens instructions only where the set says so.
    let residue = "（要求：写明增减原因）";
    let (_d, file) = common::temp_file(
        "说明.yaml",
        text.replacen(from, &format!("{from}{residue}"), 1)
            .as_bytes(),
    );
    let (_, said) = gongkai_said(&["check", as_str(&file)]);
    assert!(!said.contains("text-instruction"), "{said}");
    let set = common::copied_set("shanxi-unit-2024");
    common::edit(
        &set.path().join("layout.yaml"),
        "  cost_indicators: [产出指标.成本指标]\n",
        "  cost_indicators: [产出指标.成本指标]\n  instruction_openers: [要求]\n",
    );
    let (_, said) = gongkai_said(&["check", as_str(&file), "--layout", as_str(set.path())]);
    assert!(
        said.contains(&format!("文字中有模板的填写说明“{residue}”")),
        "{said}"
    );
}

/// Issue 41: the help says everything in Chinese; the only Latin words are
/// option, command, format and file names, and proper names of formats.
#[test]
fn help_has_no_english_beyond_names() {
    const NAMES: &str = "catalog YAML gongkai o help h xlsx yaml layout fonts PDF docx layouts check build Word \
        Excel txt pdf no-system-fonts import format output out new-year json year template schema rules profile \
        plain pdf-standard ofd human full from export explanation draft docx-scope diff batch a-2b Schema OFD JSON \
        A-2b version unit-info sample layout.yaml jobs j imports force department-layout department V CPU";
    let allowed: std::collections::BTreeSet<&str> = NAMES.split_whitespace().collect();
    let commands = [
        "", "check", "build", "batch", "new-year", "diff", "fonts", "schema", "rules", "template",
        "export", "import",
    ];
    for c in commands {
        let args: Vec<&str> = [c, "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let (code, help) = gongkai_said(&args);
        assert_eq!(code, Some(0), "{c}: {help}");
        let words = help
            .split(|ch: char| !(ch.is_ascii_alphanumeric() || "_.-".contains(ch)))
            .map(|w| w.trim_matches(['-', '.']))
            .filter(|w| w.chars().next().is_some_and(|ch| ch.is_ascii_alphabetic()));
        for w in words {
            assert!(
                allowed.contains(w),
                "gongkai {c} --help: English word “{w}”"
            );
        }
    }
}

/// Issue 41, item 5: new-year moves the years a 绩效目标表 carries from
/// its budget year (年度目标, 实施计划, 指标, 填报日期) in place, says so,
/// and lists the fields naming another year it cannot decide.
#[test]
fn new_year_moves_the_forms_years_and_lists_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = dir.path().join("2024.yaml");
    let text = common::sample_text().replacen(
        "实施期: 2024年1月-12月保障单位正常运转。\n      年度: 2024年1月-12月保障单位正常运转。",
        "实施期: 2024年1月-12月保障单位正常运转。\n      年度: 2022年起分步实施，2024年1月-12月保障单位正常运转。",
        1,
    );
    assert_ne!(text, common::sample_text());
    std::fs::write(&source, &text).expect("write");
    let draft = dir.path().join("2025.yaml");
    let (code, said) = gongkai_said(&["new-year", as_str(&source), "-o", as_str(&draft)]);
    assert_eq!(code, Some(0), "{said}");
    let out = std::fs::read_to_string(&draft).expect("draft");
    assert!(out.contains("已改为 2025 年（7 处）"), "{out}");
    assert!(out.contains("填报日期: \"20241120163030\""), "{out}");
    assert!(
        out.contains("年度: 2022年起分步实施，2025年1月-12月保障单位正常运转。"),
        "{out}"
    );
    assert!(out.contains("名称: 2025年硬件设备运维维护成本"), "{out}");
    assert!(
        out.contains("无法判断是否应顺延，请核对：\n#   绩效目标表[2].总体目标.年度"),
        "{out}"
    );
    // The comments and one-line entries are the officer's own still.
    assert!(out.contains("# 事业运行 · 基本工资"), "{out}");
    let (_, checked) = gongkai_said(&["check", as_str(&draft)]);
    assert!(!checked.contains("\"20231120163030\""), "{checked}");
}
