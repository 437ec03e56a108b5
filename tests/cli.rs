//! The command line as users meet it: exit codes, rustc-style and JSON output, schema.

mod common;

use common::*;

#[test]
fn sample_checks_clean_apart_from_the_reference_warning() {
    let o = gongkai(&["check", SAMPLE]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("警告[form-project-unknown]"), "{out}");
    assert!(out.contains(&format!("--> {SAMPLE}:")), "{out}");
    assert!(out.contains("0 个错误，1 个警告"), "{out}");
    // The offending source line is shown with a caret under it.
    assert!(out.contains("| ") && out.contains('^'), "{out}");
}

#[test]
fn json_output_is_machine_readable() {
    let o = gongkai(&["check", "--format", "json", SAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let diags = v[0]["diagnostics"].as_array().expect("list");
    let w = diags
        .iter()
        .find(|d| d["rule"] == "form-project-unknown")
        .expect("warning");
    assert_eq!(w["severity"], "warning");
    assert_eq!(w["path"], "绩效目标表[0].项目名称");
    assert!(w["span"]["line"].as_u64().unwrap() > 100);
}

#[test]
fn errors_exit_1_and_several_files_are_reported_together() {
    let text = sample_text().replacen("金额: 727600", "金额: -727600", 1);
    let (_d, bad) = temp_file("bad.yaml", text.as_bytes());
    let o = gongkai(&["check", SAMPLE, as_str(&bad)]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("错误[amount-negative]"), "{out}");
    assert!(out.contains("2 个文件"), "{out}");
}

#[test]
fn schema_is_json_schema_with_chinese_fields() {
    let o = gongkai(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v["$schema"].as_str().unwrap().contains("json-schema"));
    let props = v["properties"].as_object().expect("properties");
    for key in [
        "年度",
        "单位",
        "基本支出",
        "项目",
        "三公经费",
        "绩效目标表",
        "落款",
    ] {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
    let required = v["required"].as_array().unwrap();
    assert!(required.iter().any(|r| r == "单位"));
}

#[test]
fn rules_lists_every_rule() {
    let o = gongkai(&["rules"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.lines().count() >= 25);
    assert!(out.contains("three-public-vs-economic"));
}

#[test]
fn help_is_chinese() {
    let o = gongkai(&["--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("用法") && out.contains("检查预算文件"),
        "{out}"
    );
}
