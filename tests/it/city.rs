//! `gongkai batch` over a city: a folder of 主管部门 folders, one after
//! another into one output folder, with one summary.

use crate::common::{as_str, batch_ok, gongkai, root, snapshot};
use gongkai::batch::{DEPARTMENT_FILE, SUMMARY_FILE};
use serde_json::Value;
use std::path::{Path, PathBuf};

const CITY: &str = "samples/datong-city-2024";
const FORMATS: &str = "xlsx,txt";

fn summary(out: &Path) -> Value {
    let text = std::fs::read_to_string(out.join(SUMMARY_FILE)).expect("summary written");
    serde_json::from_str(&text).expect("summary is JSON")
}

fn count(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// What a row says, without where its files are.
fn outcome(row: &Value) -> (String, String, String, u64, usize) {
    (
        row["name"].as_str().unwrap_or_default().to_string(),
        row["kind"].as_str().unwrap_or_default().to_string(),
        row["status"].as_str().unwrap_or_default().to_string(),
        count(row, "warnings"),
        row["files"].as_array().map_or(0, Vec::len),
    )
}

#[test]
fn the_city_sample_builds_each_department_as_its_own_batch_would() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("city");
    let table = batch_ok(&root().join(CITY), &out, FORMATS, &[]);
    let city = summary(&out);
    let departments = city["departments"].as_array().expect("departments");
    assert_eq!(departments.len(), 3, "{city}");

    let keys = [
        "units", "packages", "built", "skipped", "failed", "warnings",
    ];
    let mut sums = [0u64; 6];
    let mut names = Vec::new();
    for d in departments {
        let s = &d["summary"];
        let name = s["department"].as_str().expect("department").to_string();
        let rows = s["rows"].as_array().expect("rows");
        // Each department's counts are its rows', and add up to the city's.
        let units = rows.iter().filter(|r| r["kind"] == "unit").count() as u64;
        assert_eq!(count(&d["counts"], "units"), units, "{d}");
        assert_eq!(count(&d["counts"], "packages"), rows.len() as u64);
        assert!(rows.iter().all(|r| r["status"] == "built"), "{d}");
        for (sum, key) in sums.iter_mut().zip(keys) {
            *sum += count(&d["counts"], key);
        }
        // The same department batched alone: the same rows, the same bytes.
        let alone = tmp.path().join("alone").join(&name);
        let dir = PathBuf::from(d["source"].as_str().expect("source"));
        batch_ok(&dir, &alone, FORMATS, &[]);
        let own = summary(&alone);
        let own_rows: Vec<_> = own["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(outcome)
            .collect();
        let city_rows: Vec<_> = rows.iter().map(outcome).collect();
        assert_eq!(city_rows, own_rows, "{name}");
        assert_eq!(d["folder"], name.as_str());
        let mut own_files = snapshot(&alone);
        own_files.remove(Path::new(SUMMARY_FILE));
        assert_eq!(
            snapshot(&out.join(&name)),
            own_files,
            "{name}: packages differ"
        );
        names.push(name);
    }
    assert_eq!(names, ["大同市审计局", "大同市财政局", "大同市统计局"]);
    for (sum, key) in sums.iter().zip(keys) {
        assert_eq!(*sum, count(&city["total"], key), "total {key}");
    }
    assert_eq!(count(&city["total"], "units"), 6);
    assert_eq!(count(&city["total"], "packages"), 9);
    assert!(
        table.contains("共 3 个主管部门、6 个单位、9 项材料：已生成 9，未变化跳过 0，失败 0"),
        "{table}"
    );
    assert!(table.lines().any(|l| l.starts_with("合计")), "{table}");

    // A second run skips every package and changes none.
    let before = snapshot(&out);
    let again = batch_ok(&root().join(CITY), &out, FORMATS, &[]);
    assert!(again.contains("已生成 0，未变化跳过 9，失败 0"), "{again}");
    let mut after = snapshot(&out);
    let mut before = before;
    before.remove(Path::new(SUMMARY_FILE));
    after.remove(Path::new(SUMMARY_FILE));
    assert_eq!(before, after);
}

/// A city of the sample's audit and statistics bureaus (the finance bureau
/// names files outside the sample folder), copied into `tmp`.
fn city_copy(tmp: &Path) -> PathBuf {
    let city = tmp.join("city");
    for d in ["audit-bureau", "statistics-bureau"] {
        copy_folder(&root().join(CITY).join(d), &city.join(d));
    }
    city
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read").flatten() {
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}

#[test]
fn a_broken_or_repeated_department_fails_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let city = city_copy(tmp.path());
    // The same department again, under another folder name: its folder in
    // the output is taken, so it fails rather than overwrite the first.
    copy_folder(&city.join("audit-bureau"), &city.join("audit-copy"));
    // A 部门.yaml with a typo in a field name.
    copy_folder(&city.join("statistics-bureau"), &city.join("broken"));
    let file = city.join("broken").join(DEPARTMENT_FILE);
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("落款日期:", "落款日其:")).expect("write");
    let line = text
        .lines()
        .position(|l| l.starts_with("落款日期:"))
        .expect("line")
        + 1;

    let out = tmp.path().join("out");
    let run = gongkai(&["batch", as_str(&city), "-o", as_str(&out)]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stdout}{stderr}");
    let s = summary(&out);
    let by_source = |folder: &str| {
        s["departments"]
            .as_array()
            .expect("departments")
            .iter()
            .find(|d| d["source"].as_str().is_some_and(|p| p.ends_with(folder)))
            .cloned()
            .unwrap_or_else(|| panic!("{folder} in {s}"))
    };
    for ok in ["audit-bureau", "statistics-bureau"] {
        let d = by_source(ok);
        assert_eq!(count(&d["counts"], "built"), 3, "{d}");
        assert!(d["error"].is_null());
    }
    let copy = by_source("audit-copy");
    assert!(copy["summary"].is_null());
    assert!(
        copy["error"]
            .as_str()
            .is_some_and(|e| e.contains("主管部门名称重复")),
        "{copy}"
    );
    let broken = by_source("broken");
    let error = broken["error"].as_str().expect("error");
    assert!(error.contains(DEPARTMENT_FILE), "{error}");
    // The rendered diagnostic names the file and line of the typo.
    let at = format!("{}:{line}:", file.display());
    assert!(stderr.contains(&at), "{at} in {stderr}");
    assert!(stderr.contains("落款日其"), "{stderr}");
    assert_eq!(count(&s["total"], "built"), 6);
    assert!(stdout.contains("（2 个未能生成）"), "{stdout}");
    // Nothing was written for either.
    let folders: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders.len(), 2, "{folders:?}");
}

#[test]
fn the_output_cannot_be_the_city_or_a_department_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let city = city_copy(tmp.path());
    let before = snapshot(&city);
    for out in [city.clone(), city.join("audit-bureau")] {
        let run = gongkai(&["batch", as_str(&city), "-o", as_str(&out)]);
        assert_eq!(run.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("是输入的文件夹"), "{stderr}");
    }
    assert_eq!(snapshot(&city), before, "the inputs are untouched");
}
