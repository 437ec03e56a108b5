//! The command line as users meet it: exit codes, rustc-style and JSON output, schema.

use crate::common::*;

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
    // Each rule says which budgets it reads.
    let line = |id: &str| {
        out.lines()
            .find(|l| l.starts_with(id))
            .expect("listed")
            .to_string()
    };
    assert!(line("text-past-year-plan ").contains("单位和部门"), "{out}");
    assert!(line("three-public-vs-economic ").contains("单位 "), "{out}");
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

/// The bundled 2024 catalogue with one 项 renamed, and the year set to `year`.
fn catalogue(dir: &std::path::Path, name: &str, year: i32) -> std::path::PathBuf {
    let text = std::fs::read_to_string("layouts/catalog/2024.yaml").expect("bundled catalogue");
    let text = text
        .replace(
            "\"2010607\": 信息化建设",
            "\"2010607\": 财政信息化建设（本地目录）",
        )
        .replace("年度: 2024", &format!("年度: {year}"));
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Builds the sample's text into `out` with `extra` options; its text.
fn sample_txt(out: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec![
        "build",
        SAMPLE,
        "-o",
        out.to_str().unwrap_or(""),
        "--format",
        "txt",
    ];
    args.extend_from_slice(extra);
    let o = gongkai(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_dir(out)
        .expect("out")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect()
}

#[test]
fn a_catalogue_file_or_a_layout_sets_own_replaces_the_bundled_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let given = catalogue(dir.path(), "mine.yaml", 2024);
    let txt = sample_txt(
        &dir.path().join("out"),
        &["--catalog", given.to_str().unwrap_or("")],
    );
    assert!(
        txt.contains("财政信息化建设（本地目录）"),
        "the given catalogue's name is printed"
    );

    // A file of another year is refused, naming both years.
    let wrong = catalogue(dir.path(), "old.yaml", 2023);
    let o = gongkai(&["check", SAMPLE, "--catalog", wrong.to_str().unwrap_or("")]);
    let said = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("错误[catalog-missing]") && said.contains("是 2023 年的"),
        "{said}"
    );

    // A copy of the layout set with its own catalog/2024.yaml uses it.
    let set = dir.path().join("set");
    copy_tree(std::path::Path::new("layouts/shanxi-unit-2024"), &set);
    std::fs::create_dir_all(set.join("catalog")).expect("mkdir");
    catalogue(&set.join("catalog"), "2024.yaml", 2024);
    let txt = sample_txt(
        &dir.path().join("out2"),
        &["--layout", set.to_str().unwrap_or("")],
    );
    assert!(
        txt.contains("财政信息化建设（本地目录）"),
        "the set's catalogue is used"
    );
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}
