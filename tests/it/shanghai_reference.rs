//! The Shanghai sample, built as a batch with the Shanghai sets, reproduces
//! the published 2026 部门预算 (a copy of shared/reference): every figure of
//! its nine tables row by row, the narrative's figures in order, and its
//! 目录; the workbook holds the same figures; the checker raises nothing on
//! the correct data; the original's mistakes are not copied.

use crate::common;

use crate::common::{as_str, root};
use std::path::PathBuf;

const REFERENCE: &str = "tests/fixtures/reference-shanghai-putuo-wenlvju-2026.txt";
const DEPARTMENT: &str = "上海市普陀区文化和旅游局";

fn built() -> &'static common::BuiltBatch {
    static BUILT: std::sync::OnceLock<common::BuiltBatch> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let unit_set = root().join("layouts/shanghai-unit-2026");
        let department_set = root().join("layouts/shanghai-department-2026");
        common::batch_in_temp(
            "samples/shanghai-putuo-wenlvju-2026",
            "txt,xlsx",
            &[
                "--layout",
                as_str(&unit_set),
                "--department-layout",
                as_str(&department_set),
            ],
        )
    })
}

fn department_file(suffix: &str) -> PathBuf {
    common::output_file(&built().out.join(DEPARTMENT), suffix)
}

fn our_text() -> String {
    std::fs::read_to_string(department_file(".txt")).expect("department text")
}

fn reference() -> String {
    std::fs::read_to_string(root().join(REFERENCE)).expect("reference")
}

fn is_figure(token: &str) -> bool {
    let digits = token.replace(',', "");
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && parts
            .next()
            .is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()))
}

/// The figures of a table row: its numeric cells after the codes that open
/// it (a row of figures only keeps them all).
fn row_figures<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<String> {
    let cells: Vec<&str> = cells.map(str::trim).filter(|c| !c.is_empty()).collect();
    let start = cells.iter().position(|c| !is_figure(c)).unwrap_or(0);
    cells[start..]
        .iter()
        .filter(|c| is_figure(c))
        .map(|c| c.to_string())
        .collect()
}

/// The nine tables' titles, in order.
const TITLES: [&str; 9] = [
    "2026年部门财务收支预算总表",
    "2026年部门收入预算总表",
    "2026年部门支出预算总表",
    "2026年部门财政拨款收支预算总表",
    "2026年部门一般公共预算支出功能分类预算表",
    "2026年部门政府性基金预算支出功能分类预算表",
    "2026年部门国有资本经营预算支出功能分类预算表",
    "2026年部门一般公共预算基本支出部门预算经济分类预算表",
    "2026年部门“三公”经费和机关运行经费预算表",
];

/// Each table's rows of figures, from the first title to `end`; `split`
/// cuts a line into cells.
fn tables(text: &str, end: &str, split: fn(&str) -> Vec<&str>) -> Vec<Vec<Vec<String>>> {
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line == end || line.trim_start_matches('#').trim() == end {
            break;
        }
        if TITLES.contains(&line) {
            out.push(Vec::new());
            continue;
        }
        if let Some(table) = out.last_mut() {
            if line.starts_with("编制部门") {
                continue;
            }
            let figures = row_figures(split(line).into_iter());
            if !figures.is_empty() {
                table.push(figures);
            }
        }
    }
    out
}

fn reference_tables() -> Vec<Vec<Vec<String>>> {
    tables(&reference(), "其他相关情况说明", |l| {
        l.split(' ').collect()
    })
}

fn our_tables() -> Vec<Vec<Vec<String>>> {
    our_tables_of(&our_text())
}

#[test]
fn every_figure_of_the_nine_tables_is_the_references() {
    let (theirs, ours) = (reference_tables(), our_tables());
    assert_eq!(theirs.len(), 9, "the reference's tables");
    assert_eq!(ours.len(), 9, "our tables");
    let rows: usize = theirs.iter().map(Vec::len).sum();
    assert!(rows > 150, "{rows} rows of figures");
    for (i, (t, o)) in theirs.iter().zip(&ours).enumerate() {
        assert_eq!(o, t, "{}", TITLES[i]);
    }
}

/// The 万元 figures of the text between `from` and `to`, in order; lines
/// are joined first (the reference wraps “万\n元”).
fn wan_figures(text: &str, from: &str, to: &str) -> Vec<String> {
    let text = text.replace('\n', "");
    let start = text.find(from).expect("from");
    let rest = &text[start..];
    let rest = &rest[..rest.find(to).expect("to")];
    let mut out = Vec::new();
    for (i, _) in rest.match_indices("万元") {
        let before = &rest[..i];
        let figure: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !figure.is_empty() {
            out.push(figure);
        }
    }
    out
}

#[test]
fn the_narratives_figures_are_the_references_in_order() {
    let (theirs, ours) = (reference(), our_text());
    let explanation_theirs = wan_figures(&theirs, "2026年部门预算编制说明", "===== 第9页");
    let explanation_ours = wan_figures(&ours, "2026年部门预算编制说明", TITLES[0]);
    assert_eq!(explanation_theirs.len(), 36, "{explanation_theirs:?}");
    assert_eq!(explanation_ours, explanation_theirs);
    let other_theirs = wan_figures(&theirs, "===== 第26页", "===== 第27页");
    let other_ours = wan_figures(&ours, "## 其他相关情况说明", "项目经费情况说明");
    // 14 amounts and twice 单价100万元.
    assert_eq!(other_theirs.len(), 16, "{other_theirs:?}");
    assert_eq!(other_ours, other_theirs);
    for counted in [
        "行政单位1家，参公单位1家，事业单位3家",
        "下属4家预算单位",
        "下属1家机关和1家参公事业单位",
        "编报绩效目标的项目39个",
        "共有车辆4辆",
        "其他用车4辆",
        "截至2025年8月31日",
    ] {
        assert!(
            theirs.contains(counted) && ours.contains(counted),
            "{counted}"
        );
    }
}

#[test]
fn the_originals_mistakes_are_not_copied() {
    let ours = our_text();
    for wrong in [
        "增加增加",
        "增加持平",
        "＂",
        "2025年无公车购置计划",
        "2025年安排建设资金",
    ] {
        assert!(!ours.contains(wrong), "{wrong}");
    }
    assert!(ours.contains("主要原因是2026年无公车购置计划"));
    assert!(ours.contains("18.“社会保障和就业支出(类)"));
    assert!(
        ours.contains(
            "“社会保障和就业支出(类)行政事业单位养老支出(款)事业单位离退休(项)”359.34万元"
        )
    );
    // Every table names its 编制部门, table 7 too.
    let named = ours
        .lines()
        .filter(|l| *l == format!("编制部门：{DEPARTMENT}"))
        .count();
    assert_eq!(named, 9);
    // 年度预算安排 states the year's own amount.
    assert!(ours.contains("2026年安排项目预算5269.82万元"), "{ours}");
}

/// 目录 lines without spaces and leaders; "4．" as "4.".
fn toc(lines: impl Iterator<Item = String>) -> Vec<String> {
    lines
        .map(|l| {
            l.replace('．', ".")
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '…')
                .collect::<String>()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn the_contents_list_the_references_entries() {
    let theirs = reference();
    let page = theirs
        .split("===== 第2页 =====")
        .nth(1)
        .and_then(|p| p.split("=====").next())
        .expect("page 2");
    let theirs = toc(page.lines().skip(2).map(str::to_string));
    let ours_text = our_text();
    let start = ours_text.find("目 录").expect("contents");
    let ours = toc(ours_text[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .map(str::to_string));
    assert_eq!(theirs.len(), 16, "{theirs:?}");
    assert_eq!(ours, theirs);
}

#[test]
fn the_workbook_holds_the_same_figures_as_numbers() {
    let sheets = common::sheet_figures(&department_file(".xlsx"));
    assert_eq!(sheets.len(), 9);
    for (i, (sheet, table)) in sheets.iter().zip(reference_tables()).enumerate() {
        let expected: Vec<f64> = table
            .iter()
            .flatten()
            .map(|f| f.replace(',', "").parse::<f64>().expect("figure"))
            .filter(|f| *f != 0.0)
            .collect();
        let sheet: Vec<f64> = sheet.iter().map(|f| (f * 100.0).round() / 100.0).collect();
        let expected: Vec<f64> = expected
            .iter()
            .map(|f| (f * 100.0).round() / 100.0)
            .collect();
        assert_eq!(sheet, expected, "{}", TITLES[i]);
    }
}

#[test]
fn the_checker_raises_nothing_on_the_correct_data() {
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(built().out.join("生成结果.json")).expect("result"),
    )
    .expect("json");
    let rows = report["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 6, "本部, four units and the 部门");
    for row in rows {
        assert_eq!(row["status"], "built", "{row}");
        assert_eq!(row["warnings"], 0, "{row}");
    }
}

#[test]
fn a_department_described_by_one_file_builds_with_the_same_set() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let file = root().join("samples/shanghai-putuo-wenlvju-2026/01-局本部.yaml");
    let o = common::build_with_layout(as_str(&file), &out, "txt", "shanghai-department-2026");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(common::output_file(&out, ".txt")).expect("text");
    assert!(
        text.contains("本身的综合收支计划，不含下属预算单位。"),
        "{text}"
    );
    assert!(
        text.contains("2026年上海市普陀区文化和旅游局本部财政拨款的机关运行经费预算为70.00万元。")
    );
    assert_eq!(our_tables_of(&text).len(), 9);
}

fn our_tables_of(text: &str) -> Vec<Vec<Vec<String>>> {
    tables(text, "其他相关情况说明", |l| {
        l.split('\t').collect()
    })
}
