//! Ways of writing figures within one format (issue 36, item 1): a set
//! declares the variants it allows and its default (`display_variants`,
//! `default_display`), a budget file or 部门.yaml picks one by name
//! (`显示`), and every table of that file follows it.

use crate::common::{as_str, batch_ok, copied_set, edit, gongkai, gongkai_said, root};
use calamine::{Data, Reader, Xlsx};
use std::path::Path;

const LIBRARY: &str = "samples/shanghai-putuo-wenlvju-2026/05-图书馆.yaml";

fn library_with(display: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let text = std::fs::read_to_string(root().join(LIBRARY)).expect("sample");
    let text = match display {
        Some(d) => text.replacen("年度: 2026\n", &format!("年度: 2026\n显示: {d}\n"), 1),
        None => text,
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("图书馆.yaml");
    std::fs::write(&file, &text).expect("write");
    (dir, file, text)
}

fn build(file: &Path, out: &Path) -> String {
    crate::common::build_ok(
        as_str(file),
        out,
        "txt,xlsx",
        &["--layout", "shanghai-unit-2026"],
    );
    std::fs::read_to_string(crate::common::output_file(out, ".txt")).expect("txt")
}

#[test]
fn a_file_picks_how_its_tables_write_figures() {
    let (dir, file, _) = library_with(None);
    let plain = build(&file, &dir.path().join("out"));
    assert!(
        plain.contains("合计\t\t\t\t40,458,629\t"),
        "the default, 元整数"
    );
    let (dir, file, _) = library_with(Some("元两位小数"));
    let cents = build(&file, &dir.path().join("out"));
    assert!(cents.contains("合计\t\t\t\t40,458,629.00\t"), "{cents}");
    // Only the tables' 元 format changes: the prose's 万元 figures stay.
    let prose = |t: &str| t.lines().filter(|l| l.contains("万元")).count();
    assert_eq!(prose(&plain), prose(&cents));
    // The workbook keeps numbers, with as many decimals shown.
    let xlsx = crate::common::output_file(&dir.path().join("out"), ".xlsx");
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).expect("opens");
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).expect("sheet");
    assert!(
        range
            .rows()
            .flatten()
            .any(|c| matches!(c, Data::Float(f) if (*f - 40_458_629.0).abs() < 1e-6)),
        "the total is a number cell"
    );
    // 0 written as 0.00 in the third variant, blank in the others.
    let (dir, file, _) = library_with(Some("元两位小数零写0.00"));
    let zeros = build(&file, &dir.path().join("out"));
    assert!(zeros.contains("\t0.00"), "{zeros}");
    assert!(!cents.contains("\t0.00"), "{cents}");
}

#[test]
fn a_variant_the_set_does_not_allow_is_an_error_at_its_line() {
    let (_dir, file, text) = library_with(Some("元三位小数"));
    let (code, said) = gongkai_said(&["check", as_str(&file), "--layout", "shanghai-unit-2026"]);
    assert_eq!(code, Some(1), "{said}");
    let line = text
        .lines()
        .position(|l| l == "显示: 元三位小数")
        .expect("line")
        + 1;
    assert!(
        said.contains(&format!(
            "错误[display-variant]: “元三位小数”不是所用版式允许的数字写法\n  --> {}:{line}:",
            file.display()
        )),
        "{said}"
    );
    assert!(
        said.contains("元两位小数、元两位小数零写0.00、元整数"),
        "{said}"
    );
    // A set with no variants: any 显示 is refused, with the advice to drop it.
    let (code, said) = gongkai_said(&["check", as_str(&file)]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("所用版式只有一种写法：删去“显示”"), "{said}");
}

#[test]
fn the_set_declares_its_variants_and_schema_lists_them() {
    let run = gongkai(&["schema", "--layout", "shanghai-unit-2026"]);
    let schema: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(
        schema["properties"]["显示"]["enum"],
        serde_json::json!(["元两位小数", "元两位小数零写0.00", "元整数"])
    );
    // On a copy: a variant that replaces a format the set does not define,
    // and a default that is no variant, are refused at their lines.
    let set = copied_set("shanghai-department-2026");
    let layout = set.path().join("layout.yaml");
    edit(
        &layout,
        "  元两位小数:\n    元:",
        "  元两位小数:\n    元元:",
    );
    let said = crate::common::set_refused_at(set.path(), |l| l == "  元两位小数:");
    assert!(
        said.contains("“元两位小数”替换的数字格式“元元”没有在 number_formats 中定义"),
        "{said}"
    );
    edit(&layout, "    元元:", "    元:");
    edit(&layout, "default_display: 元整数", "default_display: 元整");
    let said = crate::common::set_refused_at(set.path(), |l| l.starts_with("default_display"));
    assert!(
        said.contains("default_display 的“元整”不是 display_variants 中的写法"),
        "{said}"
    );
}

/// 部门.yaml picks the department package's way: its tables write 分.
#[test]
fn the_department_file_picks_the_departments_way() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = dir.path().join("sample");
    crate::common::copy_dir(&root().join("samples/shanghai-putuo-wenlvju-2026"), &sample);
    edit(
        &sample.join("部门.yaml"),
        "年度: 2026\n",
        "年度: 2026\n显示: 元两位小数\n",
    );
    let out = dir.path().join("out");
    batch_ok(&sample, &out, "txt", &crate::common::SHANGHAI_SETS);
    let department = crate::common::output_file(&out.join("上海市普陀区文化和旅游局"), ".txt");
    let text = std::fs::read_to_string(department).expect("txt");
    let totals: Vec<&str> = text.lines().filter(|l| l.starts_with("合计\t")).collect();
    assert!(!totals.is_empty());
    assert!(totals.iter().any(|l| l.contains(".00")), "{totals:?}");
    // The units wrote nothing: theirs stay whole 元.
    let library = crate::common::output_file(
        &out.join("上海市普陀区图书馆（上海市普陀区少年儿童图书馆）"),
        ".txt",
    );
    let text = std::fs::read_to_string(library).expect("txt");
    assert!(text.contains("合计\t\t\t\t40,458,629\t"));
}
