//! The 绩效指标 tree is the layout's data (`indicators` in layout.yaml): a
//! file is held to the set's names at their line, the form prints the set's
//! groups in the set's order, the cost check reads the set's cost groups,
//! and `schema --layout` offers the set's names.

use crate::common;

use crate::common::{
    SAMPLE, as_str, copied_set, edit, file_text_with_set, gongkai, line_in_file, root,
};
use std::path::{Path, PathBuf};

/// The national framework of 2021, where 成本指标 is a 一级指标.
const NATIONAL: &str = "indicators:
  产出指标: [数量指标, 质量指标, 时效指标]
  成本指标: [经济成本指标, 社会成本指标, 生态环境成本指标]
  效益指标: [经济效益指标, 社会效益指标, 生态效益指标, 可持续影响指标]
  满意度指标: [服务对象满意度指标]
";

const SHANXI_SCHEME: &str = "indicators:
  产出指标: [数量指标, 质量指标, 时效指标, 成本指标]
  效益指标: [经济效益指标, 社会效益指标, 生态效益指标, 可持续影响指标]
  满意度指标: [服务对象满意度指标]
";

/// The unit set with the national framework in place of its own.
fn national_set() -> tempfile::TempDir {
    let set = copied_set("shanxi-unit-2024");
    let entry = set.path().join("layout.yaml");
    edit(&entry, SHANXI_SCHEME, NATIONAL);
    edit(
        &entry,
        "cost_indicators: [产出指标.成本指标]",
        "cost_indicators: [成本指标.经济成本指标]",
    );
    set
}

/// The sample with its forms written in the national framework (each
/// 成本指标 a 一级指标 of its own), the first with its 满意度指标 first (the
/// form's order is the set's, not the file's) and its cost `cost`.
fn national_sample(dir: &Path, cost: &str) -> PathBuf {
    let text = std::fs::read_to_string(root().join(SAMPLE)).expect("sample");
    let mut moved = String::new();
    for line in text.lines() {
        match line.strip_prefix("        成本指标: [") {
            Some(rest) => {
                moved.push_str(&format!("      成本指标:\n        经济成本指标: [{rest}\n"))
            }
            None => moved.push_str(&format!("{line}\n")),
        }
    }
    let old = "        数量指标: [{ 名称: 涉及运维系统数, 指标值: ≥3个 }]
        质量指标: [{ 名称: 故障处理率(%), 指标值: ≥98% }]
        时效指标: [{ 名称: 软件维护工作及时性, 指标值: 及时 }]
      成本指标:
        经济成本指标: [{ 名称: 运维项目总成本, 指标值: ≤256.3万元 }]
      效益指标:
        社会效益指标: [{ 名称: 保障全市财政业务顺利开展, 指标值: 保障 }]
      满意度指标:
        服务对象满意度指标: [{ 名称: 预算单位满意度, 指标值: ≥95% }]
";
    let new = format!(
        "        数量指标: [{{ 名称: 涉及运维系统数, 指标值: ≥3个 }}]
        质量指标: [{{ 名称: 故障处理率(%), 指标值: ≥98% }}]
        时效指标: [{{ 名称: 软件维护工作及时性, 指标值: 及时 }}]
      满意度指标:
        服务对象满意度指标: [{{ 名称: 预算单位满意度, 指标值: ≥95% }}]
      成本指标:
        经济成本指标: [{{ 名称: 运维项目总成本, 指标值: {cost} }}]
      效益指标:
        社会效益指标: [{{ 名称: 保障全市财政业务顺利开展, 指标值: 保障 }}]
"
    );
    assert!(moved.contains(old), "the sample's first form");
    let file = dir.join("单位.yaml");
    std::fs::write(&file, moved.replacen(old, &new, 1)).expect("write");
    file
}

/// `gongkai check FILE --layout SET`: (exit code, what it printed).
fn check(file: &Path, set: &str) -> (Option<i32>, String) {
    common::gongkai_said(&["check", as_str(file), "--layout", set])
}

#[test]
fn a_tree_the_set_does_not_have_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = national_sample(dir.path(), "≤256.3万元");
    let (code, text) = check(&file, "shanxi-unit-2024");
    assert_ne!(code, Some(0), "{text}");
    let line = line_in_file(&file, "      成本指标:");
    assert!(
        text.contains("错误[form-indicator-names]: 一级指标“成本指标”不是本版式的指标"),
        "{text}"
    );
    assert!(text.contains(&format!(":{line}:")), "line {line}: {text}");
    assert!(
        text.contains("“成本指标”是“产出指标”下的二级指标"),
        "{text}"
    );
    // A misspelt 二级指标 is named with the nearest one.
    let sample = std::fs::read_to_string(root().join(SAMPLE)).expect("sample");
    let typo = dir.path().join("typo.yaml");
    std::fs::write(&typo, sample.replacen("质量指标: [", "质量指表: [", 1)).expect("write");
    let (code, text) = check(&typo, "shanxi-unit-2024");
    assert_ne!(code, Some(0), "{text}");
    assert!(
        text.contains("“产出指标”下没有二级指标“质量指表”"),
        "{text}"
    );
    assert!(text.contains("是否指“质量指标”？"), "{text}");
    assert!(
        text.contains(&format!(":{}:", line_in_file(&typo, "质量指表"))),
        "{text}"
    );
}

#[test]
fn the_form_prints_the_sets_groups_in_the_sets_order() {
    let set = national_set();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = national_sample(dir.path(), "≤256.3万元");
    let (code, text) = check(&file, as_str(set.path()));
    assert_eq!(code, Some(0), "{text}");
    assert!(!text.contains("form-indicator"), "{text}");
    let out = file_text_with_set(&file, set.path());
    let start = out
        .find("\t产出指标\t数量指标\t涉及运维系统数")
        .expect("the first form");
    let rows: Vec<&str> = out[start..].lines().take(11).collect();
    let expected = [
        "\t产出指标\t数量指标\t涉及运维系统数\t≥3个",
        "\t\t质量指标\t故障处理率(%)\t≥98%",
        "\t\t时效指标\t软件维护工作及时性\t及时",
        "\t成本指标\t经济成本指标\t运维项目总成本\t≤256.3万元",
        "\t\t社会成本指标\t",
        "\t\t生态环境成本指标\t",
        "\t效益指标\t经济效益指标\t",
        "\t\t社会效益指标\t保障全市财政业务顺利开展\t保障",
        "\t\t生态效益指标\t",
        "\t\t可持续影响指标\t",
        "\t满意度指标\t服务对象满意度指标\t预算单位满意度\t≥95%",
    ];
    assert_eq!(rows.len(), expected.len());
    for (row, want) in rows.iter().zip(expected) {
        assert!(row.starts_with(want), "{row:?} should start {want:?}");
    }
}

#[test]
fn the_cost_check_reads_the_sets_cost_groups() {
    let set = national_set();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = national_sample(dir.path(), "≤250万元");
    let (_, text) = check(&file, as_str(set.path()));
    let line = line_in_file(&file, "≤250万元");
    assert!(
        text.contains("警告[form-cost-indicator]: 经济成本指标“≤250万元”为 2,500,000 元"),
        "{text}"
    );
    assert!(text.contains(&format!(":{line}:")), "{text}");
    // A set naming a group its tree lacks does not open, at the line.
    let entry = set.path().join("layout.yaml");
    edit(&entry, "[成本指标.经济成本指标]", "[产出指标.成本指标]");
    let (code, text) = check(&file, as_str(set.path()));
    assert_ne!(code, Some(0), "{text}");
    assert!(
        text.contains("check.cost_indicators 中的“产出指标.成本指标”"),
        "{text}"
    );
    assert!(
        text.contains(&format!("{}", line_in_file(&entry, "cost_indicators:"))),
        "{text}"
    );
}

#[test]
fn the_schema_offers_the_sets_names() {
    let set = national_set();
    let o = gongkai(&["schema", "--layout", as_str(set.path())]);
    assert!(o.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let tree = &schema["$defs"]["IndicatorTree"];
    assert_eq!(tree["additionalProperties"], serde_json::json!(false));
    let cost = &tree["properties"]["成本指标"]["properties"];
    assert!(cost.get("经济成本指标").is_some(), "{tree}");
    assert!(
        tree["properties"]["产出指标"]["properties"]
            .get("成本指标")
            .is_none()
    );
    // Without a set, any names.
    let o = gongkai(&["schema"]);
    let plain: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(plain["$defs"]["IndicatorTree"].get("properties").is_none());
}

#[test]
fn a_set_may_add_units_of_measure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = std::fs::read_to_string(root().join(SAMPLE)).expect("sample");
    let file = dir.path().join("单位.yaml");
    std::fs::write(&file, sample.replacen("指标值: ≥3个", "指标值: ≥3架次", 1)).expect("write");
    let (_, text) = check(&file, "shanxi-unit-2024");
    assert!(
        text.contains("指标值“≥3架次”中的“架次”不是计量单位"),
        "{text}"
    );
    let set = copied_set("shanxi-unit-2024");
    edit(
        &set.path().join("layout.yaml"),
        "  cost_indicators: [产出指标.成本指标]\n",
        "  cost_indicators: [产出指标.成本指标]\n  indicator_units: [架次]\n",
    );
    let (_, text) = check(&file, as_str(set.path()));
    assert!(!text.contains("form-indicator-unit"), "{text}");
}
