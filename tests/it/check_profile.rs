//! The checker reads its conventions from the layout set (`check:` in
//! `layout.yaml`): the day assets are counted to and the unit the tables
//! show amounts in, which rounding notes compare. A convention that cannot
//! be is refused at its line.

use crate::common;

use crate::common::{SAMPLE, as_str, copied_set, edit, gongkai};
use std::path::Path;

fn check_json(file: &str, layout: &Path) -> serde_json::Value {
    let o = gongkai(&[
        "check",
        file,
        "--format",
        "json",
        "--layout",
        as_str(layout),
    ]);
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("json: {}", String::from_utf8_lossy(&o.stderr)))
}

fn rules(report: &serde_json::Value) -> Vec<String> {
    report[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["rule"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_asset_day_and_the_display_unit_come_from_the_set() {
    let set = copied_set("shanxi-unit-2024");
    // The bundled conventions: assets at 12-31, tables in 万元 (two rounding notes).
    let found = rules(&check_json(SAMPLE, set.path()));
    assert!(!found.iter().any(|r| r == "assets-date"), "{found:?}");
    assert_eq!(
        found.iter().filter(|r| *r == "rounding-difference").count(),
        2
    );

    // A format that counts assets at 8月31日 and prints whole 元.
    edit(
        &set.path().join("layout.yaml"),
        "macros: macros.j2",
        "macros: macros.j2\nnumber_formats:\n  元: { unit: 元, grouped: true }",
    );
    edit(
        &set.path().join("layout.yaml"),
        "check:\n",
        "check:\n  assets_as_of: \"08-31\"\n  display: 元\n",
    );
    let found = rules(&check_json(SAMPLE, set.path()));
    assert!(found.iter().any(|r| r == "assets-date"), "{found:?}");
    assert!(
        !found.iter().any(|r| r == "rounding-difference"),
        "{found:?}"
    );
    let report = check_json(SAMPLE, set.path()).to_string();
    assert!(report.contains("2023-08-31"), "{report}");

    let dir = tempfile::tempdir().expect("tempdir");
    let moved = dir.path().join("单位.yaml");
    let text = std::fs::read_to_string(common::root().join(SAMPLE)).expect("sample");
    std::fs::write(
        &moved,
        text.replace("截至日期: 2023-12-31", "截至日期: 2023-08-31"),
    )
    .expect("write");
    let found = rules(&check_json(as_str(&moved), set.path()));
    assert!(!found.iter().any(|r| r == "assets-date"), "{found:?}");
}

#[test]
fn a_convention_that_cannot_be_is_refused_at_its_line() {
    for (bad, says) in [
        ("check:\n  assets_as_of: \"02-30\"", "assets_as_of"),
        ("check:\n  display: 千元", "千元"),
        ("check:\n  asset_day: \"08-31\"", "asset_day"),
    ] {
        let set = copied_set("shanxi-unit-2024");
        let layout = set.path().join("layout.yaml");
        // Into the set's own check: block.
        edit(&layout, "check:\n", &format!("{bad}\n"));
        let o = gongkai(&["check", SAMPLE, "--layout", as_str(set.path())]);
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        let key = bad
            .lines()
            .nth(1)
            .and_then(|l| l.split(':').next())
            .expect("key")
            .trim();
        let line = std::fs::read_to_string(&layout)
            .expect("read")
            .lines()
            .position(|l| l.trim_start().starts_with(key))
            .expect("line")
            + 1;
        assert!(
            err.contains(says) && err.contains(&format!("第 {line} 行")),
            "{bad}: {err}"
        );
    }
}

/// The checker follows the format (issue 36, item 5): a rule the set turns
/// off (`check.off`) is not run for its files, `gongkai rules --layout`
/// marks it, and an id that is no rule is refused at its line with the
/// nearest one.
#[test]
fn a_rule_the_format_has_no_place_for_is_off() {
    let set = copied_set("shanxi-unit-2024");
    let before = check_json(SAMPLE, set.path());
    assert!(rules(&before).contains(&"form-project-unknown".to_string()));
    let layout = set.path().join("layout.yaml");
    edit(
        &layout,
        "check:\n",
        "check:\n  off: [form-project-unknown]\n",
    );
    let after = check_json(SAMPLE, set.path());
    assert!(
        !rules(&after).contains(&"form-project-unknown".to_string()),
        "{after}"
    );
    assert_eq!(
        rules(&before).len(),
        rules(&after).len() + 1,
        "only that rule is off"
    );
    let run = gongkai(&["rules", "--layout", as_str(set.path())]);
    let listed = String::from_utf8_lossy(&run.stdout);
    let line = listed
        .lines()
        .find(|l| l.starts_with("form-project-unknown "))
        .expect("listed");
    assert!(line.contains("关闭"), "{line}");
    assert!(listed.contains("1 条规则关闭"), "{listed}");
    let other = listed
        .lines()
        .find(|l| l.starts_with("form-stale-year "))
        .expect("listed");
    assert!(!other.contains("关闭"), "{other}");
    edit(
        &layout,
        "off: [form-project-unknown]",
        "off: [form-project-unknwon]",
    );
    let said =
        crate::common::set_refused_at(set.path(), |l| l.contains("off: [form-project-unknwon]"));
    assert!(
        said.contains(
            "check.off 的“form-project-unknwon”不是检查规则的编号，是否应为“form-project-unknown”"
        ),
        "{said}"
    );
}

/// 期限 values are the set's list (issue 36, item 4): 经常性 and 一次性 by
/// default, 阶段性 where the set lists it; a value off the list is an error
/// at its line with the nearest; schema --layout lists them.
#[test]
fn project_terms_are_the_sets_list() {
    let text = crate::common::sample_text().replacen("期限: 经常性", "期限: 阶段性", 1);
    let (_d, file) = crate::common::temp_file("单位.yaml", text.as_bytes());
    let set = copied_set("shanxi-unit-2024");
    let report = check_json(as_str(&file), set.path());
    assert!(
        rules(&report).contains(&"project-term".to_string()),
        "{report}"
    );
    let d = report[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "project-term")
        .expect("the finding")
        .clone();
    let line = text
        .lines()
        .position(|l| l.contains("期限: 阶段性"))
        .expect("line")
        + 1;
    assert_eq!(d["span"]["line"], line);
    assert_eq!(d["message"], "“阶段性”不是所用版式的项目期限");
    assert_eq!(d["help"], "可写：经常性、一次性（版式的 project_terms）");
    edit(
        &set.path().join("layout.yaml"),
        "check:\n",
        "project_terms: [经常性, 一次性, 阶段性]\n\ncheck:\n",
    );
    let report = check_json(as_str(&file), set.path());
    assert!(
        !rules(&report).contains(&"project-term".to_string()),
        "{report}"
    );
    let run = gongkai(&["schema", "--layout", as_str(set.path())]);
    let schema: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(
        schema["$defs"]["Project"]["properties"]["期限"]["enum"],
        serde_json::json!(["经常性", "一次性", "阶段性"])
    );
    // The Shanghai set lists 阶段性 too.
    let run = gongkai(&["schema", "--layout", "shanghai-unit-2026"]);
    let schema: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(
        schema["$defs"]["Project"]["properties"]["期限"]["enum"][2],
        "阶段性"
    );
}
