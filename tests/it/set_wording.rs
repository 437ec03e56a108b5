//! Wording documents of one format vary, held as the set's declared fields
//! with defaults a file overrides by name (issue 36, item 3): the 名词解释 a
//! document lists (numbered by the set, each term explained by the set or by
//! the file), the table-title prefix and the punctuation between the items
//! of a formula sentence. Tried on the Shanghai library unit.

use crate::common::{
    as_str, build_ok, copied_set, edit, gongkai, gongkai_said, output_file, root, set_refused_at,
};
use calamine::{Data, Reader, Xlsx};
use std::path::{Path, PathBuf};

const LIBRARY: &str = "samples/shanghai-putuo-wenlvju-2026/05-图书馆.yaml";

/// The library's file with `extra` written under its 版式字段, in `dir`.
fn library_with(dir: &Path, extra: &str) -> PathBuf {
    let text = std::fs::read_to_string(root().join(LIBRARY)).expect("sample");
    assert!(text.contains("版式字段:\n"));
    let file = dir.join("图书馆.yaml");
    std::fs::write(
        &file,
        text.replacen("版式字段:\n", &format!("版式字段:\n{extra}"), 1),
    )
    .expect("write");
    file
}

/// The numbered paragraphs of the 名词解释 part of a text package.
fn glossary(txt: &str) -> Vec<&str> {
    let part = txt.split("## 名词解释").nth(1).expect("名词解释 part");
    let part = part.split("## ").next().expect("up to the next part");
    part.lines().filter(|l| l.starts_with('（')).collect()
}

/// The text package of a file, built with the Shanghai unit set.
fn built(file: &Path) -> String {
    crate::common::file_text_with_set(file, Path::new("shanghai-unit-2026"))
}

#[test]
fn the_glossary_lists_the_sets_terms_unless_a_file_lists_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = built(&library_with(dir.path(), ""));
    let terms: Vec<&str> = glossary(&plain)
        .iter()
        .map(|l| l.split('：').next().expect("term"))
        .collect();
    assert_eq!(
        terms,
        [
            "（一）财政拨款收入",
            "（二）事业收入",
            "（三）事业单位经营收入",
            "（四）其他收入",
            "（五）基本支出预算",
            "（六）项目支出预算",
            "（七）“三公”经费",
            "（八）机关运行经费"
        ]
    );
    assert!(
        glossary(&plain)[0].contains("是区级预算主管部门"),
        "{plain}"
    );

    // Two terms left out, one added with its own words, one of the set's
    // rewritten: numbered again in the file's order.
    let own = library_with(
        dir.path(),
        "  名词解释: [财政拨款收入, 其他收入, 政府性基金预算, 基本支出预算, 项目支出预算, “三公”经费, 机关运行经费]
  名词释义:
    政府性基金预算: 是依法筹集、专项用于特定公共事业发展的收支预算。
    其他收入: 指财政拨款收入以外的收入。
",
    );
    let txt = built(&own);
    let lines = glossary(&txt);
    assert_eq!(lines.len(), 7, "{txt}");
    assert_eq!(lines[1], "（二）其他收入：指财政拨款收入以外的收入。");
    assert_eq!(
        lines[2],
        "（三）政府性基金预算：是依法筹集、专项用于特定公共事业发展的收支预算。"
    );
    assert!(
        lines[6].starts_with("（七）机关运行经费：指行政单位"),
        "{txt}"
    );
    assert!(!txt.contains("事业单位经营收入："), "{txt}");
}

#[test]
fn a_term_nobody_explains_and_an_explanation_never_listed_are_errors_at_their_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = library_with(
        dir.path(),
        "  名词解释: [财政拨款收入, 三公经费]
  名词释义:
    上级补助收入: 指从主管部门和上级单位取得的非财政补助收入。
",
    );
    let (code, said) = gongkai_said(&["check", as_str(&file), "--layout", "shanghai-unit-2026"]);
    assert_eq!(code, Some(1), "{said}");
    let line = |needle: &str| crate::common::line_in_file(&file, needle);
    assert!(
        said.contains(&format!("图书馆.yaml:{}:", line("名词解释: ["))),
        "{said}"
    );
    assert!(said.contains("“三公经费”不是版式写好的条目"), "{said}");
    assert!(said.contains("是否应为““三公”经费”"), "{said}");
    assert!(
        said.contains(&format!("图书馆.yaml:{}:", line("上级补助收入:"))),
        "{said}"
    );
    assert!(
        said.contains("“上级补助收入”没有列在 名词解释 中：它的内容不会印出"),
        "{said}"
    );
    // Nothing is written for a file with errors.
    let out = dir.path().join("out");
    let run = gongkai(&[
        "build",
        as_str(&file),
        "-o",
        as_str(&out),
        "--layout",
        "shanghai-unit-2026",
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(!out.exists());
}

#[test]
fn the_title_prefix_and_the_formula_punctuation_are_the_files_when_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = built(&library_with(dir.path(), ""));
    assert!(plain.contains("\n2026年单位财务收支预算总表\n"), "{plain}");
    assert!(
        plain.contains("万元；事业收入0万元；事业单位经营收入0万元；"),
        "{plain}"
    );

    let own = library_with(
        dir.path(),
        "  表名前缀: 上海市普陀区图书馆\n  分项标点: ，\n",
    );
    let out = dir.path().join("b");
    build_ok(
        as_str(&own),
        &out,
        "txt,xlsx",
        &["--layout", "shanghai-unit-2026"],
    );
    let txt = std::fs::read_to_string(output_file(&out, ".txt")).expect("txt");
    assert!(
        txt.contains("\n上海市普陀区图书馆2026年单位财务收支预算总表\n"),
        "{txt}"
    );
    assert!(
        txt.contains("  9. 上海市普陀区图书馆2026年单位“三公”经费和机关运行经费预算表"),
        "the 目录 entry: {txt}"
    );
    assert!(
        txt.contains("万元，事业收入0万元，事业单位经营收入0万元，"),
        "{txt}"
    );
    assert!(
        txt.contains("预算0万元，与2025年预算持平，国有资本经营"),
        "{txt}"
    );
    // The workbook's sheets carry the same titles.
    let mut book: Xlsx<_> = calamine::open_workbook(output_file(&out, ".xlsx")).expect("opens");
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).expect("sheet");
    let titled = range
        .cells()
        .any(|(_, _, c)| matches!(c, Data::String(s) if s == "上海市普陀区图书馆2026年单位财务收支预算总表"));
    assert!(titled, "{first}");
}

#[test]
fn the_schema_lists_the_wording_with_its_defaults() {
    let run = gongkai(&["schema", "--layout", "shanghai-unit-2026"]);
    let schema: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let fields = &schema["properties"]["版式字段"]["properties"];
    assert_eq!(fields["名词解释"]["default"][6], "“三公”经费");
    assert_eq!(
        fields["名词解释"]["default"].as_array().map(Vec::len),
        Some(8)
    );
    assert_eq!(fields["名词释义"]["type"], "object");
    assert_eq!(fields["表名前缀"]["default"], "");
    assert_eq!(fields["分项标点"]["default"], "；");
    // The workbook an officer fills in says the default in words.
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("填报.xlsx");
    let run = gongkai(&[
        "template",
        "--layout",
        "shanghai-unit-2026",
        "-o",
        as_str(&book),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut book: Xlsx<_> = calamine::open_workbook(&book).expect("opens");
    let range = book.worksheet_range("基本信息").expect("sheet");
    let row = range
        .rows()
        .find(|r| matches!(&r[0], Data::String(s) if s == "版式字段.名词解释"))
        .expect("the 名词解释 row");
    let said = row[2].to_string();
    assert!(
        said.contains("（列表；不填时为 财政拨款收入、事业收入、事业单位经营收入、其他收入、"),
        "{said}"
    );
}

#[test]
fn a_defined_in_that_names_no_map_beside_it_refuses_the_set_at_its_line() {
    let set = copied_set("shanghai-department-2026");
    let layout = set.path().join("layout.yaml");
    edit(&layout, "defined_in: 名词释义", "defined_in: 名词注释");
    let said = set_refused_at(set.path(), |l| l.trim_start().starts_with("名词解释:"));
    assert!(
        said.contains("fields 的“名词解释”的 defined_in 应是同一处声明的映射字段，“名词注释”不是"),
        "{said}"
    );
    let set = copied_set("shanghai-department-2026");
    let layout = set.path().join("layout.yaml");
    edit(
        &layout,
        "default: \"\" }",
        "default: \"\", defined_in: 名词释义 }",
    );
    let said = set_refused_at(set.path(), |l| l.trim_start().starts_with("表名前缀:"));
    assert!(
        said.contains("fields 的“表名前缀”写了 defined_in，它应为列表"),
        "{said}"
    );
}

/// 部门.yaml writes the department's own list; `gongkai check` on the folder
/// holds it to the set at 部门.yaml's line.
#[test]
fn a_department_file_lists_its_own_terms() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("文旅局");
    crate::common::copy_dir(&root().join("samples/shanghai-putuo-wenlvju-2026"), &folder);
    let department = folder.join("部门.yaml");
    let text = std::fs::read_to_string(&department).expect("部门.yaml");
    let text = text.replacen(
        "版式字段:\n",
        "版式字段:\n  名词解释: [财政拨款收入, 文旅专项]\n",
        1,
    );
    std::fs::write(&department, text).expect("write");
    let mut args = vec!["check", as_str(&folder)];
    args.extend(crate::common::SHANGHAI_SETS);
    let (code, said) = gongkai_said(&args);
    assert_eq!(code, Some(1), "{said}");
    let line = crate::common::line_in_file(&department, "名词解释: [");
    assert!(said.contains(&format!("部门.yaml:{line}:")), "{said}");
    assert!(said.contains("“文旅专项”不是版式写好的条目"), "{said}");
}
