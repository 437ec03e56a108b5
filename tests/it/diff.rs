//! `gongkai diff` on a one-figure correction: exactly the figures, cells and
//! sentences that the correction moves, checked against an independent
//! reading of the two text renderings.

use crate::common;

use crate::common::{as_str, document_of, gongkai, ledger_of, sample_text, temp_file, text_of};
use gongkai::diff::{Diff, diff};
use std::collections::BTreeSet;

/// 事业运行 · 办公费 21,500 → 31,500 元.
fn corrected() -> String {
    let text = sample_text();
    let fixed = text.replacen("金额: 21500 }", "金额: 31500 }", 1);
    assert_ne!(fixed, text);
    fixed
}

fn diff_of(old: &str, new: &str) -> Diff {
    let (a, b) = (ledger_of(old).1, ledger_of(new).1);
    diff((&a, &document_of(old)), (&b, &document_of(new)))
}

#[test]
fn figures_are_exactly_those_fed_by_the_leaf() {
    let d = diff_of(&sample_text(), &corrected());
    let items: Vec<&str> = d.figures.iter().map(|f| f.item.as_str()).collect();
    assert_eq!(
        items,
        [
            "收支总计",
            "本年收入",
            "一般公共预算（本年）",
            "基本支出",
            "公用经费",
            "功能科目 201 一般公共服务支出",
            "功能科目 20106 财政事务",
            "功能科目 2010650 事业运行",
            "经济科目 302 商品和服务支出（基本支出）",
            "经济科目 30201 办公费（基本支出）",
        ]
    );
    for f in &d.figures {
        assert_eq!(
            f.new - f.old,
            rust_decimal::Decimal::from(10_000),
            "{}",
            f.item
        );
    }
}

/// Table rows (tab-separated lines) of a text rendering, in order.
fn table_lines(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.contains('\t'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Sentences outside tables, as the narrative splits them.
fn sentences(text: &str) -> BTreeSet<String> {
    common::rendered_lines(text)
        .iter()
        .filter(|l| !l.contains('\t'))
        .flat_map(|l| {
            l.split_inclusive(['。', '；'])
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn cells_and_sentences_match_the_text_renderings() {
    let (old, new) = (sample_text(), corrected());
    let d = diff_of(&old, &new);
    let (old_text, new_text) = (text_of(&old), text_of(&new));

    // Cells: the correction adds no row, so the renderings line up row by row.
    let (a, b) = (table_lines(&old_text), table_lines(&new_text));
    assert_eq!(a.len(), b.len());
    let mut expected: Vec<(String, String)> = Vec::new();
    for (ra, rb) in a.iter().zip(&b) {
        for (ca, cb) in ra.iter().zip(rb) {
            if ca != cb {
                expected.push((ca.clone(), cb.clone()));
            }
        }
    }
    let mut found: Vec<(String, String)> = d
        .cells
        .iter()
        .map(|c| (c.old.clone(), c.new.clone()))
        .collect();
    expected.sort();
    found.sort();
    assert_eq!(found, expected);
    assert_eq!(d.cells.len(), 50, "48 table cells and 2 of the chart");
    let office = d
        .cells
        .iter()
        .find(|c| c.row.starts_with("办公费") && c.column.contains("合计"))
        .expect("the 办公费 cell of 表六");
    assert_eq!((office.old.as_str(), office.new.as_str()), ("2.15", "3.15"));
    assert_eq!(office.difference.as_deref(), Some("+1.00"));
    assert!(office.table.contains("基本支出分经济科目表"));

    // Sentences: exactly those that read differently, each beside its old form.
    let (sa, sb) = (sentences(&old_text), sentences(&new_text));
    let gone: BTreeSet<String> = sa.difference(&sb).cloned().collect();
    let came: BTreeSet<String> = sb.difference(&sa).cloned().collect();
    let reported_old: BTreeSet<String> = d.sentences.iter().filter_map(|s| s.old.clone()).collect();
    let reported_new: BTreeSet<String> = d.sentences.iter().filter_map(|s| s.new.clone()).collect();
    assert_eq!(reported_old, gone);
    assert_eq!(reported_new, came);
    assert!(
        d.sentences
            .iter()
            .all(|s| s.old.is_some() && s.new.is_some() && s.old != s.new)
    );
    assert_eq!(d.sentences.len(), 15);
    // A share that rounds the same is not a change: 一般公共服务支出 stays 93.71%.
    assert!(!d.sentences.iter().any(|s| {
        s.new
            .as_deref()
            .is_some_and(|t| t.starts_with("一般公共服务支出") && t.contains("93.71%"))
    }));
}

#[test]
fn the_command_prints_chinese_and_json() {
    let (_dir, new) = temp_file("new.yaml", corrected().as_bytes());
    let out = gongkai(&["diff", common::SAMPLE, as_str(&new)]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("一、数字变化（10 项，单位：元）"), "{text}");
    assert!(
        text.contains("经济科目 30201 办公费（基本支出）：21,500 → 31,500（+10,000）"),
        "{text}"
    );
    assert!(text.contains("二、表格和图的变化（50 格）"), "{text}");
    assert!(text.contains("三、文字变化（15 句）"), "{text}");
    assert!(text.contains("新：公用经费11.86万元"), "{text}");

    let out = gongkai(&["diff", "--format", "json", common::SAMPLE, as_str(&new)]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["figures"].as_array().map(Vec::len), Some(10));
    assert_eq!(json["cells"].as_array().map(Vec::len), Some(50));
    assert_eq!(json["sentences"].as_array().map(Vec::len), Some(15));

    let same = gongkai(&["diff", common::SAMPLE, common::SAMPLE]);
    assert!(String::from_utf8_lossy(&same.stdout).contains("没有任何数字、表格或文字变化"));
}

#[test]
fn an_added_project_is_a_new_row_and_new_figures() {
    let old = sample_text();
    let new = old.replacen(
        "项目:\n",
        "项目:\n  - { 名称: Z新增测试项目, 类别: 其他运转类, 期限: 一次性, 功能科目: 2010699, 资金: { 一般公共预算: 50000 } }\n",
        1,
    );
    let d = diff_of(&old, &new);
    let project = d
        .figures
        .iter()
        .find(|f| f.item == "项目 Z新增测试项目")
        .expect("project figure");
    assert_eq!(project.old, rust_decimal::Decimal::ZERO);
    let row: Vec<_> = d
        .cells
        .iter()
        .filter(|c| c.row == "Z新增测试项目")
        .collect();
    assert!(!row.is_empty());
    assert!(
        row.iter().all(|c| c.old.is_empty() && c.new == "5.00"),
        "{row:?}"
    );
}

#[test]
fn unreadable_input_is_refused_with_the_file_named() {
    let (_dir, bad) = temp_file("bad.yaml", b"\xff\xfe");
    let out = gongkai(&["diff", common::SAMPLE, as_str(&bad)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.yaml") && err.contains("UTF-8"), "{err}");
}

#[test]
fn two_consecutive_years_are_compared_as_year_over_year_with_the_stated_changes() {
    let out = gongkai(&[
        "diff",
        "samples/datong-finance-info-center-2024.yaml",
        "samples/datong-finance-info-center-2025.yaml",
    ]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.starts_with("同比：") && said.contains("不是同一年度的更正"),
        "{said}"
    );
    // The changes the narrative states, with their reasons or their lack.
    assert!(
        said.contains("  收支总计：1,101.04 → 1,086.20，减少 14.84，下降 1.35%；原因：一次性的"),
        "{said}"
    );
    assert!(
        said.contains("  公务接待费：0.00 → 0.60，增加 0.60\n"),
        "{said}"
    );
    assert!(
        said.contains("  公务用车运行维护费：1.60 → 1.20，减少 0.40，下降 25.00%\n"),
        "{said}"
    );
    // A correction's cell-by-cell listing would say every table changed.
    assert!(!said.contains("表格和图的变化"), "{said}");
    assert!(!said.contains("注意："), "{said}");

    // A 2025 file whose typed 上年 is not the 2024 file's own is pointed out.
    let typed = std::fs::read_to_string(common::root().join("samples/datong-finance-info-center-2025.yaml"))
        .expect("sample")
        .replace(
            "  文件: datong-finance-info-center-2024.yaml\n",
            "  收支总计: 11000000\n  一般公共预算当年支出: 11010425\n",
        )
        .replace(
            "三公经费:\n",
            "三公经费:\n  上年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 16000 }\n",
        );
    let (_dir, path) = temp_file("2025.yaml", typed.as_bytes());
    let out = gongkai(&[
        "diff",
        "samples/datong-finance-info-center-2024.yaml",
        as_str(&path),
    ]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("注意：新文件的上年数与原文件本身的数不一致"),
        "{said}"
    );
    assert!(
        said.contains("  收支总计：新文件的上年数 11,000,000，原文件 11,010,425\n"),
        "{said}"
    );
    assert!(!said.contains("一般公共预算当年支出：新文件"), "{said}");
}

/// A code is text, not a figure: a function code new in the corrected file
/// (2010601, which the sample does not use) labels its rows' figures and is
/// never itself reported as a figure that rose from blank.
#[test]
fn codes_are_labels_not_figures() {
    let text = sample_text();
    assert!(!text.contains("2010601"));
    let added = text.replacen(
        "项目:\n",
        "项目:\n  - { 名称: 新增档案数字化, 类别: 其他运转类, 期限: 一次性, 功能科目: 2010601, 资金: { 一般公共预算: 120000 } }\n",
        1,
    );
    assert_ne!(added, text);
    let d = diff_of(&text, &added);
    let labelled: Vec<_> = d
        .cells
        .iter()
        .filter(|c| c.row.starts_with("2010601 · 行政运行"))
        .collect();
    assert!(!labelled.is_empty(), "{:?}", d.cells);
    assert!(
        labelled.iter().all(|c| c.difference.is_some()),
        "{labelled:?}"
    );
    assert!(
        d.cells.iter().all(|c| c.new != "2010601"),
        "a code reported as a figure: {:?}",
        d.cells
    );
}
