//! Layout sets are data: a changed copy changes the document with no Rust
//! change; mistakes in a set are reported in Chinese with file and line.

use crate::common;

use crate::common::{
    SAMPLE, as_str, build_with_layout, copied_set, edit, gongkai, line_in_file, output_file, root,
};
use std::path::Path;

/// Copies the bundled set to a temporary folder.
fn copy_set() -> tempfile::TempDir {
    copied_set("shanxi-unit-2024")
}

/// Runs `build` on the sample as text with a layout name or folder.
fn run_build(out: &Path, layout: &str) -> std::process::Output {
    build_with_layout(SAMPLE, out, "txt", layout)
}

/// Builds the sample with a layout folder; returns the text output or stderr.
fn build_with(set: &Path) -> Result<String, String> {
    let out = tempfile::tempdir().expect("tempdir");
    let o = run_build(out.path(), as_str(set));
    if !o.status.success() {
        return Err(String::from_utf8_lossy(&o.stderr).into_owned());
    }
    Ok(std::fs::read_to_string(output_file(out.path(), ".txt")).expect("read txt"))
}

#[test]
fn a_changed_copy_of_the_set_changes_the_document() {
    let set = copy_set();
    let unchanged = build_with(set.path()).expect("builds");
    edit(
        &set.path().join("tables/03-expenditure.yaml"),
        "年预算支出总表",
        "年单位预算支出总表（按功能分类）",
    );
    edit(
        &set.path().join("part3-explanation.yaml"),
        "政府采购预算总额",
        "政府采购预算合计",
    );
    let changed = build_with(set.path()).expect("builds");
    assert!(changed.contains("\n2024年单位预算支出总表（按功能分类）\n"));
    assert!(
        changed.contains("表三2024年单位预算支出总表（按功能分类）"),
        "the 目录 follows"
    );
    assert!(changed.contains("政府采购预算合计321.72万元"));
    assert!(!changed.contains("政府采购预算总额"));
    // Nothing else moved.
    let differing = unchanged
        .lines()
        .zip(changed.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(differing, 3, "title, 目录 entry and one sentence");
}

#[test]
fn the_bundled_set_is_the_default_and_can_be_named() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = run_build(out.path(), "shanxi-unit-2024");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run_build(out.path(), "no-such-set");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("找不到版式“no-such-set”") && err.contains("shanxi-unit-2024"),
        "{err}"
    );
}

#[test]
fn a_template_mistake_names_the_file_and_the_template() {
    let set = copy_set();
    edit(
        &set.path().join("part3-explanation.yaml"),
        "{{ procurement.total | wan }}",
        "{{ procurement.totl | wan }}",
    );
    let err = build_with(set.path()).expect_err("fails");
    assert!(err.contains("part3-explanation.yaml"), "{err}");
    assert!(err.contains("procurement.totl"), "{err}");
    assert!(err.contains("没有定义"), "{err}");
}

#[test]
fn a_yaml_mistake_names_the_file_and_line() {
    let set = copy_set();
    std::fs::write(
        set.path().join("tables/10-three-public.yaml"),
        std::fs::read_to_string(set.path().join("tables/10-three-public.yaml"))
            .expect("read")
            .replace("    columns:", "    colums:"),
    )
    .expect("write");
    let err = build_with(set.path()).expect_err("fails");
    assert!(err.contains("tables/10-three-public.yaml"), "{err}");
    // The misspelt key's own line, not the block's first (a flattened struct).
    let line = line_in_file(&set.path().join("tables/10-three-public.yaml"), "colums:");
    assert!(err.contains(&format!("第 {line} 行")), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// A value of the wrong kind is said in Chinese, by what the place wants
/// and what was written, at its line: the reader's mistakes are values of
/// its own (load::de), never a parser's English sentence (it said "YAML
/// 有误：invalid type: string …, expected f64").
#[test]
fn a_value_of_the_wrong_kind_is_said_in_chinese_at_its_line() {
    let set = copy_set();
    crate::common::edit(
        &set.path().join("layout.yaml"),
        "  body_size_pt: 16",
        "  body_size_pt: 十六",
    );
    let said = crate::common::set_refused_at(set.path(), |l| l.contains("body_size_pt:"));
    assert!(
        said.contains("page.body_size_pt：类型不对：这里应为小数，实际写的是文本 十六"),
        "{said}"
    );
    assert!(
        !said.contains("invalid") && !said.contains("expected"),
        "{said}"
    );
    let set = copy_set();
    crate::common::edit(
        &set.path().join("layout.yaml"),
        "  body_size_pt: 16",
        "  body_size_pt: [16]",
    );
    let said = crate::common::set_refused_at(set.path(), |l| l.contains("body_size_pt:"));
    assert!(said.contains("实际写的是列表"), "{said}");
}

/// A block with no kind (only `when:`) is said to be one, with the kinds
/// it may be, at its line: the cell/paragraph/row wording is for those.
#[test]
fn a_block_without_a_kind_is_said_so_at_its_line() {
    let set = copy_set();
    let file = set.path().join("part4-glossary.yaml");
    crate::common::edit(
        &file,
        "- heading: { level: 1, text: 第四部分 名词解释 }\n",
        "- heading: { level: 1, text: 第四部分 名词解释 }\n- when: true\n",
    );
    let err = build_with(set.path()).expect_err("refused");
    let line = line_in_file(&file, "- when: true");
    assert!(
        err.contains(&format!(
            "part4-glossary.yaml 第 {line} 行：这个块没有写类型：每个块写一种类型（cover、toc、"
        )),
        "{err}"
    );
    assert!(err.contains("paragraph、list、table"), "{err}");
    assert!(!err.contains("单元格应为"), "{err}");
}

#[test]
fn nothing_is_written_when_the_data_has_errors() {
    let text = common::sample_text().replace(
        "功能科目: 2010650, 经济科目: 30201",
        "功能科目: 2010651, 经济科目: 30201",
    );
    let (dir, path) = common::temp_file("bad.yaml", text.as_bytes());
    let out = dir.path().join("out");
    let o = gongkai(&["build", as_str(&path), "-o", as_str(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("未生成任何文件"));
    assert!(!out.exists() || std::fs::read_dir(&out).expect("out").next().is_none());
}

#[test]
fn two_builds_are_byte_identical() {
    let set = root().join("layouts/shanxi-unit-2024");
    let first = build_with(&set).expect("builds");
    let second = build_with(&set).expect("builds");
    assert_eq!(first.as_bytes(), second.as_bytes());
}

#[test]
fn a_control_character_in_a_layout_file_is_refused_at_its_line() {
    let set = copy_set();
    let file = set.path().join("part4-glossary.yaml");
    edit(&file, "指为保障机构正常运转", "指为保障\u{1}机构正常运转");
    let line = std::fs::read_to_string(&file)
        .expect("read")
        .lines()
        .position(|l| l.contains('\u{1}'))
        .expect("edited")
        + 1;
    let err = build_with(set.path()).expect_err("fails");
    assert!(err.contains("part4-glossary.yaml"), "{err}");
    assert!(
        err.contains(&format!("第 {line} 行")) && err.contains("U+0001"),
        "{err}"
    );
}
