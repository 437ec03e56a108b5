//! Font roles are typed: a set names each of title, heading, body and table
//! with at least one family; a missing, unknown or empty role is refused at
//! its line in Chinese, and the roles reach every renderer.

use crate::common::{
    SAMPLE, as_str, build_with_layout, copied_set, edit, line_in_file, output_file, zip_part,
};

/// The build's first line of error with the set's `layout.yaml` edited.
fn refused(from: &str, to: &str) -> (String, usize, std::path::PathBuf, tempfile::TempDir) {
    let set = copied_set("shanxi-unit-2024");
    let layout = set.path().join("layout.yaml");
    edit(&layout, from, to);
    let out = tempfile::tempdir().expect("tempdir");
    let o = build_with_layout(SAMPLE, out.path(), "txt", as_str(set.path()));
    assert!(!o.status.success());
    assert_eq!(std::fs::read_dir(out.path()).expect("out").count(), 0);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let line = if to.is_empty() {
        0
    } else {
        line_in_file(&layout, to)
    };
    (err, line, layout, set)
}

#[test]
fn an_unknown_or_empty_role_is_refused_at_its_line() {
    let (err, line, ..) = refused("  table: [宋体", "  note: [宋体");
    assert!(
        err.contains(&format!(
            "第 {line} 行：fonts：未知字段 `note`（可用：`title`, `heading`, `body`, `table`）"
        )),
        "{err}"
    );
    let (err, line, ..) = refused(
        "  body: [仿宋_GB2312, FangSong_GB2312, 仿宋, FangSong, Noto Serif CJK SC]",
        "  body: []",
    );
    assert!(
        err.contains(&format!("第 {line} 行：fonts.body：至少写一个字体名")),
        "{err}"
    );
    let (err, ..) = refused("  table: [宋体, SimSun, Noto Serif CJK SC]\n", "");
    assert!(err.contains("fonts：缺少字段 `table`"), "{err}");
    assert!(!err.contains("missing field"), "{err}");
}

#[test]
fn each_role_reaches_word_and_excel() {
    let set = copied_set("shanxi-unit-2024");
    let layout = set.path().join("layout.yaml");
    edit(&layout, "  table: [宋体,", "  table: [表格字体甲, 宋体,");
    edit(
        &layout,
        "  heading: [黑体,",
        "  heading: [标题字体乙, 黑体,",
    );
    let out = tempfile::tempdir().expect("tempdir");
    let o = build_with_layout(SAMPLE, out.path(), "docx,xlsx", as_str(set.path()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let styles = zip_part(&output_file(out.path(), ".docx"), "word/styles.xml");
    assert!(
        styles.contains("w:eastAsia=\"表格字体甲\""),
        "table role in Word"
    );
    assert!(
        styles.contains("w:eastAsia=\"标题字体乙\""),
        "heading role in Word"
    );
    let theme = zip_part(&output_file(out.path(), ".docx"), "word/theme/theme1.xml");
    assert!(theme.contains("<a:ea typeface=\"标题字体乙\"/>"), "{theme}");
    let xlsx_styles = zip_part(&output_file(out.path(), ".xlsx"), "xl/styles.xml");
    assert!(
        xlsx_styles.contains("表格字体甲") && xlsx_styles.contains("标题字体乙"),
        "{xlsx_styles}"
    );
}
