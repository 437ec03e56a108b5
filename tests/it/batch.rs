//! `gongkai batch`: the bureau sample, the consolidated 部门 package, one
//! unit's errors, failed and killed runs, unsafe names and regeneration.

use crate::common;

use crate::common::{as_str, gongkai, root, snapshot};
use calamine::{Data, Reader, Xlsx, open_workbook};
use gongkai::batch::{DEPARTMENT_FILE, MANIFEST, SUMMARY_FILE};
use gongkai::catalog::Catalog;
use gongkai::compute::{Breakdown, compute};
use gongkai::consolidate::consolidate;
use gongkai::load::{load_file, load_file_as};
use gongkai::model::DepartmentFile;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BUREAU: &str = "samples/datong-finance-bureau-2024";
const DEPARTMENT: &str = "大同市财政局";

fn summary(out: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join(SUMMARY_FILE)).expect("summary written");
    serde_json::from_str(&text).expect("summary is JSON")
}

fn rows(out: &Path) -> Vec<serde_json::Value> {
    summary(out)["rows"].as_array().expect("rows").clone()
}

/// The sample's 部门.yaml without its list of unit files, written into
/// `dir`: the units are then every other `.yaml` file there.
fn write_discovering_department(dir: &Path) {
    let dept = std::fs::read_to_string(root().join(BUREAU).join(DEPARTMENT_FILE)).expect("read");
    let start = dept.find("单位文件:").expect("list");
    let end = dept[start..].find("\n\n").expect("end of list") + start;
    let text = format!("{}{}", &dept[..start], &dept[end..]);
    std::fs::write(dir.join(DEPARTMENT_FILE), text).expect("write");
}

/// A copy of the bureau sample (and the reference unit it names by `../`).
fn bureau_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("bureau");
    std::fs::create_dir(&dir).expect("mkdir");
    for e in std::fs::read_dir(root().join(BUREAU))
        .expect("sample")
        .flatten()
    {
        std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
    }
    std::fs::copy(
        root().join(common::SAMPLE),
        tmp.path().join("datong-finance-info-center-2024.yaml"),
    )
    .expect("copy reference");
    (tmp, dir)
}

#[test]
fn every_sample_unit_passes_check() {
    let dept: DepartmentFile = load_file_as(&root().join(BUREAU).join(DEPARTMENT_FILE))
        .unwrap_or_else(|e| panic!("{:?}", e.diagnostic()))
        .value;
    assert!(dept.unit_files.len() >= 6);
    for f in &dept.unit_files {
        let path = root().join(BUREAU).join(f);
        let out = gongkai(&["check", as_str(&path)]);
        assert!(
            out.status.success(),
            "{f}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// The consolidated ledger is exactly the sum of the units' ledgers, figure
/// by figure (no rounding involved).
#[test]
fn department_ledger_is_the_sum_of_unit_ledgers() {
    let dir = root().join(BUREAU);
    let dept: DepartmentFile = load_file_as(&dir.join(DEPARTMENT_FILE))
        .expect("loads")
        .value;
    let units: Vec<_> = dept
        .unit_files
        .iter()
        .map(|f| load_file(&dir.join(f)).expect("unit loads"))
        .collect();
    let budgets: Vec<_> = units.iter().map(|u| &u.budget).collect();
    let catalog = Catalog::for_year(2024).expect("the 2024 catalogue is bundled");
    let parts: Vec<_> = budgets.iter().map(|b| compute(b, &catalog)).collect();
    let with_ledgers: Vec<_> = budgets.iter().copied().zip(&parts).collect();
    let whole = compute(&consolidate(&dept, &with_ledgers, &catalog), &catalog);
    let sum = |f: &dyn Fn(&gongkai::compute::Ledger) -> Breakdown| {
        let mut b = Breakdown::default();
        for p in &parts {
            b.merge(&f(p));
        }
        b
    };
    assert_eq!(whole.total, sum(&|l| l.total));
    assert_eq!(whole.personnel, sum(&|l| l.personnel));
    assert_eq!(whole.public_use, sum(&|l| l.public_use));
    for (code, b) in &whole.functions {
        assert_eq!(
            *b,
            sum(&|l| l.functions.get(code).copied().unwrap_or_default()),
            "{code}"
        );
    }
    for (code, b) in &whole.economic {
        assert_eq!(
            *b,
            sum(&|l| l.economic.get(code).copied().unwrap_or_default()),
            "{code}"
        );
    }
    let projects: usize = parts.iter().map(|l| l.projects.len()).sum();
    assert_eq!(whole.projects.len(), projects);
    assert!(projects >= 100, "the sample has an 80-project unit");
    let three: rust_decimal::Decimal = parts.iter().map(|l| l.three_public.current.total()).sum();
    assert_eq!(whole.three_public.current.total(), three);
    assert!(whole.three_public.current.overseas > rust_decimal::Decimal::ZERO);
    assert!(whole.three_public.current.reception > rust_decimal::Decimal::ZERO);
    // The 万元 unit is converted: 1336.40 万元 of 政府性基金.
    assert_eq!(whole.fund_revenue, rust_decimal::Decimal::from(13_364_000));
}

/// Numbers of a sheet by (column, the texts just left of the figure): the
/// same key in every workbook, whatever rows a unit lacks. A row labelled
/// with the package's own name is its total row.
fn sheet_figures(path: &Path, own_name: &str) -> BTreeMap<(String, usize, String), f64> {
    let mut book: Xlsx<_> = open_workbook(path).expect("xlsx opens");
    let mut out = BTreeMap::new();
    for name in book.sheet_names() {
        if !name.starts_with('表') {
            continue; // 绩效目标表 and the department's own table
        }
        let range = book.worksheet_range(&name).expect("sheet");
        // Figure columns: those holding a number in any row. The header's
        // column numbers (1, 2, 3 …) are not figures.
        let numbering = |r: &[Data]| {
            r.iter().enumerate().all(|(i, c)| match c {
                Data::Float(v) => *v == (i + 1) as f64,
                Data::Empty => true,
                _ => false,
            })
        };
        let rows: Vec<&[Data]> = range.rows().filter(|r| !numbering(r)).collect();
        let figure: Vec<bool> = (0..range.width())
            .map(|c| {
                rows.iter()
                    .any(|r| matches!(r.get(c), Some(Data::Float(_))))
            })
            .collect();
        for row in rows {
            for (col, cell) in row.iter().enumerate() {
                let Data::Float(v) = cell else { continue };
                let mut label = Vec::new();
                let mut k = col;
                while k > 0 && (figure[k - 1] || matches!(row[k - 1], Data::Empty)) {
                    k -= 1;
                }
                while k > 0 && !figure[k - 1] {
                    k -= 1;
                    let text = row[k].to_string();
                    if !text.is_empty() {
                        label.push(if text == own_name {
                            "（合计）".into()
                        } else {
                            text
                        });
                    }
                }
                // The first text names the row (a code, or a name); later ones
                // (表六's 政府经济科目) may legitimately list more for a department.
                let key = label.last().cloned().unwrap_or_default();
                *out.entry((name.clone(), col, key)).or_default() += v;
            }
        }
    }
    out
}

fn workbook(out: &Path, name: &str) -> PathBuf {
    let dir = out.join(name);
    std::fs::read_dir(&dir)
        .expect("package folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .unwrap_or_else(|| panic!("no workbook in {dir:?}"))
}

#[test]
fn bureau_sample_builds_every_unit_and_the_department() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let run = gongkai(&["batch", BUREAU, "-o", as_str(&out), "--format", "xlsx,txt"]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let rows = rows(&out);
    assert_eq!(rows.len(), 7, "six units and the department");
    for r in &rows {
        assert_eq!(r["status"], "built", "{r}");
        assert_eq!(r["files"].as_array().map(Vec::len), Some(2), "{r}");
    }
    assert_eq!(rows[6]["kind"], "department");
    assert!(stdout.contains("大同市财政局（部门汇总）"), "{stdout}");

    // Every figure of every 部门 table is the sum of the same figure over the
    // units. Each printed figure is rounded to 0.01 万元 on its own, so the
    // sum of six rounded figures may differ from the rounded sum by < 0.03.
    let mut dept = sheet_figures(&workbook(&out, DEPARTMENT), DEPARTMENT);
    let mut units: BTreeMap<(String, usize, String), f64> = BTreeMap::new();
    let mut subtotals = 0;
    for r in &rows[..6] {
        let name = r["name"].as_str().expect("name");
        let own = sheet_figures(&workbook(&out, name), name);
        // The department's 表十二/十三 group projects under each unit: the
        // unit's row there is its own table's total row.
        let grouped: Vec<_> = dept.keys().filter(|k| k.2 == name).cloned().collect();
        for k in grouped {
            let d = dept.remove(&k).unwrap_or_default();
            let u = own.get(&(k.0.clone(), k.1, "（合计）".into())).copied();
            assert_eq!(Some(d), u, "{k:?}: the unit's subtotal in the department");
            subtotals += 1;
        }
        for (k, v) in own {
            *units.entry(k).or_default() += v;
        }
    }
    // Six units in 表十二 (one figure or more each), one in 表十三.
    assert!(subtotals >= 7, "{subtotals} unit subtotals in 表十二/十三");
    assert!(dept.len() > 150, "{} department figures", dept.len());
    let keys: std::collections::BTreeSet<_> = dept.keys().chain(units.keys()).collect();
    for k in keys {
        let (d, u) = (
            dept.get(k).copied().unwrap_or(0.0),
            units.get(k).copied().unwrap_or(0.0),
        );
        assert!((d - u).abs() < 0.035, "{k:?}: department {d} ≠ units {u}");
    }
    // The totals line up to the cent: 5,339.19 万元.
    let total = dept
        .iter()
        .find(|((sheet, _, label), _)| sheet.starts_with("表一") && label == "收入总计")
        .map(|(_, v)| *v);
    assert_eq!(total, Some(5339.19));

    // The department's text speaks of the 部门 and lists its units.
    let txt = std::fs::read_to_string(
        out.join(DEPARTMENT)
            .join(format!("{DEPARTMENT}2024年度部门预算公开.txt")),
    )
    .expect("department text");
    assert!(txt.contains("三、部门预算单位构成"));
    assert!(txt.contains("纳入大同市财政局2024年部门预算编制范围的单位共6个"));
    assert!(txt.contains("第三部分 2024年度部门预算情况说明"));
    assert!(txt.contains("部门名称：大同市财政局"));
    assert!(!txt.contains("单位名称：大同市财政局\n"));
}

#[test]
fn a_broken_unit_does_not_stop_the_others() {
    let (tmp, dir) = bureau_copy();
    let broken = dir.join("04-财政投资评审中心.yaml");
    let text = std::fs::read_to_string(&broken).expect("read");
    let text = text.replacen("金额: 812300 }", "金额: -812300 }", 1);
    std::fs::write(&broken, text).expect("write");
    let out = tmp.path().join("out");
    let run = gongkai(&["batch", as_str(&dir), "-o", as_str(&out), "--format", "txt"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stdout}\n{stderr}");
    // The diagnostic names the file and line; the table names the unit.
    assert!(stderr.contains("04-财政投资评审中心.yaml:"), "{stderr}");
    assert!(stderr.contains("amount-negative"), "{stderr}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("大同市财政投资评审中心"))
        .expect("row of the broken unit");
    assert!(line.contains("失败") && line.contains("不能为负"), "{line}");
    let rows = rows(&out);
    let failed: Vec<_> = rows.iter().filter(|r| r["status"] == "failed").collect();
    assert_eq!(failed.len(), 2, "the unit and the department: {rows:?}");
    assert_eq!(failed[0]["name"], "大同市财政投资评审中心");
    assert_eq!(
        failed[0]["report"]["diagnostics"][0]["rule"],
        "amount-negative"
    );
    assert!(
        failed[1]["error"]
            .as_str()
            .unwrap_or("")
            .contains("大同市财政投资评审中心")
    );
    let built = rows.iter().filter(|r| r["status"] == "built").count();
    assert_eq!(built, 5);
    assert!(!out.join("大同市财政投资评审中心").exists());
    assert!(!out.join(DEPARTMENT).exists());
}

#[test]
fn a_second_run_skips_everything_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let first = gongkai(&["batch", BUREAU, "-o", as_str(&out)]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = snapshot(&out);
    assert_eq!(
        before
            .keys()
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .count(),
        7
    );

    department_pdf_figures_are_whole(&out);
    no_page_starts_with_a_note(&before);

    let second = gongkai(&["batch", BUREAU, "-o", as_str(&out)]);
    assert!(second.status.success());
    assert!(
        rows(&out).iter().all(|r| r["status"] == "skipped"),
        "{:?}",
        rows(&out)
    );
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert!(
        stdout.contains("已生成 0，未变化跳过 7，失败 0"),
        "{stdout}"
    );
    let mut after = snapshot(&out);
    assert!(after.remove(Path::new(SUMMARY_FILE)).is_some());
    let mut before_packages = before.clone();
    before_packages.remove(Path::new(SUMMARY_FILE));
    assert_eq!(before_packages, after, "every package byte-identical");

    // --force rebuilds everything, to the same bytes.
    let forced = gongkai(&["batch", BUREAU, "-o", as_str(&out), "--force"]);
    assert!(forced.status.success());
    assert!(rows(&out).iter().all(|r| r["status"] == "built"));
    assert_eq!(snapshot(&out), before);
}

#[test]
fn a_changed_unit_rebuilds_itself_and_the_department_only() {
    let (tmp, dir) = bureau_copy();
    let out = tmp.path().join("out");
    let args = |out: &Path| {
        vec![
            "batch".to_string(),
            as_str(&dir).into(),
            "-o".into(),
            as_str(out).into(),
            "--format".into(),
            "txt".into(),
        ]
    };
    let run = |a: Vec<String>| gongkai(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(run(args(&out)).status.success());
    let unit = dir.join("05-财经学校.yaml");
    let text =
        std::fs::read_to_string(&unit)
            .expect("read")
            .replacen("金额: 38000 }", "金额: 39000 }", 1);
    std::fs::write(&unit, text).expect("write");
    assert!(run(args(&out)).status.success());
    let status: BTreeMap<String, String> = rows(&out)
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap_or("").to_string(),
                r["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(status["大同市财经学校"], "built");
    assert_eq!(status[DEPARTMENT], "built");
    assert_eq!(
        status.values().filter(|s| *s == "skipped").count(),
        5,
        "{status:?}"
    );
    // A package someone edited by hand is rebuilt, not trusted.
    let txt = out
        .join("大同市财政局机关")
        .join("大同市财政局机关2024年度单位预算公开.txt");
    std::fs::write(&txt, "edited").expect("write");
    assert!(run(args(&out)).status.success());
    assert_ne!(std::fs::read(&txt).expect("read"), b"edited");
}

/// A layout set whose 表一 title has a character no font draws: the PDF
/// fails after the text and workbook are rendered.
fn layout_without_glyph(tmp: &Path) -> PathBuf {
    let set = tmp.join("layout");
    let src = root().join("layouts/shanxi-unit-2024");
    let mut pending = vec![(src.clone(), set.clone())];
    while let Some((from, to)) = pending.pop() {
        std::fs::create_dir_all(&to).expect("mkdir");
        for e in std::fs::read_dir(&from).expect("read").flatten() {
            if e.path().is_dir() {
                pending.push((e.path(), to.join(e.file_name())));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
            }
        }
    }
    let table = set.join("tables/01-revenue-expenditure.yaml");
    let text = std::fs::read_to_string(&table).expect("read").replacen(
        "年预算收支总表",
        "年预算收支总表\u{2A6D6}",
        1,
    );
    std::fs::write(&table, text).expect("write");
    set
}

#[test]
fn a_failing_run_leaves_the_previous_packages_intact() {
    let (tmp, dir) = bureau_copy();
    // Two units are enough; the folder then lists its units by discovery.
    write_discovering_department(&dir);
    for f in [
        "03-财政事务服务中心.yaml",
        "04-财政投资评审中心.yaml",
        "05-财经学校.yaml",
        "06-乡镇财政管理服务中心.yaml",
    ] {
        std::fs::remove_file(dir.join(f)).expect("remove");
    }
    let out = tmp.path().join("out");
    let base = [
        "batch",
        as_str(&dir),
        "-o",
        as_str(&out),
        "--format",
        "txt,xlsx,pdf",
        "--no-system-fonts",
    ];
    let first = gongkai(&base);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        rows(&out).len(),
        2,
        "one unit by discovery, and the department"
    );
    let before = snapshot(&out);

    let layout = layout_without_glyph(tmp.path());
    let mut args = base.to_vec();
    args.extend(["--force", "--layout", as_str(&layout)]);
    let failed = gongkai(&args);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("U+2A6D6"), "{stderr}");
    let mut after = snapshot(&out);
    after.remove(Path::new(SUMMARY_FILE));
    let mut expected = before.clone();
    expected.remove(Path::new(SUMMARY_FILE));
    assert_eq!(
        after, expected,
        "previous packages byte for byte, nothing left over"
    );
}

/// Kills runs at several moments; every package is then wholly the old one
/// or wholly the new one, and the next run finishes the job.
#[test]
fn a_killed_run_leaves_each_package_whole() {
    let (tmp, dir) = bureau_copy();
    let out = tmp.path().join("out");
    let bin = env!("CARGO_BIN_EXE_gongkai");
    let args = [
        "batch",
        as_str(&dir),
        "-o",
        as_str(&out),
        "--format",
        "txt,xlsx",
        "--jobs",
        "1",
    ];
    assert!(gongkai(&args).status.success());
    let old = snapshot(&out);
    // A correction that touches every unit's package (the year's 落款).
    for e in std::fs::read_dir(&dir).expect("read").flatten() {
        let text = std::fs::read_to_string(e.path()).expect("read");
        std::fs::write(
            e.path(),
            text.replace("日期: 2024-04-15", "日期: 2024-04-16")
                .replace("落款日期: 2024-04-15", "落款日期: 2024-04-16"),
        )
        .expect("write");
    }
    let reference = tmp.path().join("datong-finance-info-center-2024.yaml");
    let text = std::fs::read_to_string(&reference).expect("read");
    std::fs::write(
        &reference,
        text.replace("日期: 2024-04-15", "日期: 2024-04-16"),
    )
    .expect("write");
    let fresh = tmp.path().join("fresh");
    let mut fresh_args = args.to_vec();
    fresh_args[3] = as_str(&fresh);
    assert!(gongkai(&fresh_args).status.success());
    let new = snapshot(&fresh);

    for delay_ms in [20u64, 60, 120, 250] {
        let mut child = std::process::Command::new(bin)
            .args(args)
            .current_dir(root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever is visible: each package is complete, old or new.
        let now = snapshot(&out);
        let mut packages: BTreeMap<PathBuf, Vec<(&PathBuf, &Vec<u8>)>> = BTreeMap::new();
        for (path, bytes) in &now {
            let mut parts = path.components();
            let first = PathBuf::from(parts.next().expect("component").as_os_str());
            if path.components().count() == 2 && !first.to_string_lossy().starts_with('.') {
                packages.entry(first).or_default().push((path, bytes));
            }
        }
        for (package, files) in packages {
            let all_old = files.iter().all(|(p, b)| old.get(*p) == Some(*b));
            let all_new = files.iter().all(|(p, b)| new.get(*p) == Some(*b));
            assert!(
                all_old || all_new,
                "{package:?} after a kill at {delay_ms} ms is mixed"
            );
            let expected = if all_new { &new } else { &old };
            let count = expected.keys().filter(|p| p.starts_with(&package)).count();
            assert_eq!(
                files.len(),
                count,
                "{package:?} complete after a kill at {delay_ms} ms"
            );
        }
    }
    // The next run puts everything right.
    assert!(gongkai(&args).status.success());
    let mut done = snapshot(&out);
    let mut expected = new.clone();
    done.remove(Path::new(SUMMARY_FILE));
    expected.remove(Path::new(SUMMARY_FILE));
    assert_eq!(done, expected);
}

#[test]
fn unit_names_cannot_write_outside_the_output_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("bureau");
    std::fs::create_dir(&dir).expect("mkdir");
    write_discovering_department(&dir);
    let unit =
        std::fs::read_to_string(root().join(BUREAU).join("01-财政局机关.yaml")).expect("read");
    for (file, name) in [("a.yaml", "../../etc"), ("b.yaml", "a/b"), ("c.yaml", "..")] {
        let text = unit.replacen("名称: 大同市财政局机关", &format!("名称: \"{name}\""), 1);
        std::fs::write(dir.join(file), text).expect("write");
    }
    let out = tmp.path().join("nest").join("out");
    let run = gongkai(&["batch", as_str(&dir), "-o", as_str(&out), "--format", "txt"]);
    let rows = rows(&out);
    for r in &rows[..3] {
        for f in r["files"].as_array().expect("files") {
            let p = PathBuf::from(f.as_str().expect("path"));
            assert!(p.starts_with(&out), "{p:?} outside {out:?}");
            assert_eq!(
                p.strip_prefix(&out).expect("inside").components().count(),
                2,
                "{p:?}"
            );
        }
    }
    // Nothing beside the output folder, nothing above it.
    let siblings: Vec<_> = std::fs::read_dir(tmp.path().join("nest"))
        .expect("read")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(siblings, vec![std::ffi::OsString::from("out")]);
    assert!(!tmp.path().join("etc").exists());
    for name in ["../../etc", "a/b", ".."] {
        let folder = gongkai::batch::folder_name(name);
        assert!(out.join(&folder).is_dir(), "{name} → {folder}");
    }
    assert!(out.join("a／b").is_dir());
    assert!(run.status.code().is_some());
    for e in std::fs::read_dir(&out).expect("read").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(
            !name.starts_with(".gongkai") || name == ".gongkai.lock",
            "leftover {name}"
        );
        if e.path().is_dir() {
            assert!(e.path().join(MANIFEST).is_file(), "{name} has its manifest");
        }
    }
}

/// The 部门预算单位收支汇总表 has nine columns in landscape: the widths give
/// way in the text columns, never inside a figure.
fn department_pdf_figures_are_whole(out: &Path) {
    if !common::tool_available("pdftotext") {
        return;
    }
    let pdf = out
        .join(DEPARTMENT)
        .join(format!("{DEPARTMENT}2024年度部门预算公开.pdf"));
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", as_str(&pdf), "-"])
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    let text = text
        .split('\u{c}')
        .find(|page| page.contains("2024年部门预算单位收支汇总表"))
        .expect("the page of the department's own table");
    for figure in ["5339.19", "3593.59", "1690.99", "1336.40", "103.30"] {
        assert!(text.contains(figure), "{figure} split on the page:\n{text}");
    }
}

#[test]
fn a_second_batch_into_the_same_folder_waits_its_turn() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let held = std::fs::File::create(out.join(".gongkai.lock")).expect("lock file");
    held.lock().expect("lock");
    let run = gongkai(&["batch", BUREAU, "-o", as_str(&out), "--format", "txt"]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("另一个 gongkai batch 正在向"), "{err}");
    drop(held);
    let run = gongkai(&["batch", BUREAU, "-o", as_str(&out), "--format", "txt"]);
    assert!(run.status.success());
    // Issue 41: a finished run leaves no lock file behind.
    assert!(!out.join(".gongkai.lock").exists());
}

/// A table's note (注：本表无数据) stays with the table: no page of any
/// package opens with one. The 80-project unit once pushed 表八's note
/// alone onto a page.
fn no_page_starts_with_a_note(files: &BTreeMap<PathBuf, Vec<u8>>) {
    if !common::tool_available("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, bytes) in files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "pdf"))
    {
        let pdf = dir.path().join("x.pdf");
        std::fs::write(&pdf, bytes).expect("write");
        let out = std::process::Command::new("pdftotext")
            .args([as_str(&pdf), "-"])
            .output()
            .expect("pdftotext runs");
        let text = String::from_utf8_lossy(&out.stdout);
        for (i, page) in text.split('\u{c}').enumerate() {
            let first = page.lines().map(str::trim).find(|l| !l.is_empty());
            assert!(
                !first.is_some_and(|l| l.starts_with("注：")),
                "{path:?} page {} opens with a table's note",
                i + 1
            );
        }
    }
}

/// The 部门's own reasons (部门.yaml) are held to the consolidated figures
/// as a unit's are to its own: a fall said where the total rose is a
/// warning at the department file's line, and the package is still built.
#[test]
fn a_departments_own_reason_against_its_figure_is_a_warning() {
    let (tmp, dir) = bureau_copy();
    let file = dir.join("部门.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    let from = "收支变动原因: 政府性基金安排的征地拆迁补偿核算服务增加及上年结转项目继续实施";
    assert!(text.contains(from), "the sample's reason moved");
    std::fs::write(&file, text.replace(from, "收支变动原因: 项目经费减少")).expect("write");
    let line = text.lines().position(|l| l == from).expect("line") + 1;
    let out = tmp.path().join("out");
    let run = gongkai(&["batch", as_str(&dir), "-o", as_str(&out), "--format", "txt"]);
    let said = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{said}");
    assert!(
        said.contains("警告[reason-direction]: 变动原因说“减少”，而收支总计比上年增加"),
        "{said}"
    );
    let rows = rows(&out);
    let department = rows
        .iter()
        .find(|r| r["kind"] == "department")
        .expect("department row");
    assert_eq!(department["status"], "built");
    let d = &department["report"]["diagnostics"][0];
    assert_eq!(d["rule"], "reason-direction", "{department}");
    assert_eq!(d["path"], "收支变动原因");
    assert_eq!(d["span"]["line"], line);
}

/// `gongkai check` of a 主管部门, by its folder or its 部门.yaml: every
/// unit as `batch` checks it, then the department's own file against the
/// units' sums, nothing written; a 部门.yaml is never read as a unit's
/// budget (it used to draw 13 errors such as 未知字段“部门”).
#[test]
fn check_takes_a_department_by_its_folder_or_its_file() {
    let (tmp, dir) = bureau_copy();
    let file = dir.join("部门.yaml");
    let before = std::fs::read_dir(&dir).expect("dir").flatten().count();
    for target in [&dir, &file] {
        let run = gongkai(&["check", as_str(target)]);
        let said = String::from_utf8_lossy(&run.stdout);
        assert_eq!(run.status.code(), Some(0), "{said}");
        assert!(!said.contains("field-unknown"), "{said}");
        assert!(said.contains("检查完成：7 个文件，0 个错误"), "{said}");
    }
    let text = std::fs::read_to_string(&file).expect("read");
    let from = "收支变动原因: 政府性基金安排的征地拆迁补偿核算服务增加及上年结转项目继续实施";
    std::fs::write(&file, text.replace(from, "收支变动原因: 项目经费减少")).expect("write");
    let line = text.lines().position(|l| l == from).expect("line") + 1;
    let run = gongkai(&["check", as_str(&file), "--format", "json"]);
    let said = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "a warning: {said}");
    let reports: serde_json::Value = serde_json::from_str(&said).expect("JSON");
    let department = reports
        .as_array()
        .and_then(|r| r.last())
        .expect("the department's report comes last");
    assert!(
        department["file"]
            .as_str()
            .unwrap_or("")
            .ends_with("部门.yaml")
    );
    assert_eq!(department["diagnostics"][0]["rule"], "reason-direction");
    assert_eq!(department["diagnostics"][0]["span"]["line"], line);
    // A unit with an error: its report says so, the department's says why
    // it was not summed; exit 1.
    let unit = dir.join("04-财政投资评审中心.yaml");
    let text = std::fs::read_to_string(&unit).expect("read");
    std::fs::write(&unit, text.replacen("金额: 812300 }", "金额: -812300 }", 1)).expect("write");
    let run = gongkai(&["check", as_str(&dir)]);
    let said = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{said}");
    assert!(said.contains("amount-negative"), "{said}");
    assert!(
        said.contains("错误[department-member]: 所属单位未全部通过检查"),
        "{said}"
    );
    let after: usize = std::fs::read_dir(&dir).expect("dir").flatten().count();
    assert_eq!(before, after, "nothing written");
    drop(tmp);
}

/// `gongkai schema --department` describes 部门.yaml, with the set's
/// declared fields under its 版式字段.
#[test]
fn schema_describes_the_department_file() {
    let run = gongkai(&[
        "schema",
        "--department",
        "--layout",
        "shanghai-department-2026",
    ]);
    assert!(run.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(schema["title"], "DepartmentFile");
    assert!(schema["properties"]["收支变动原因"].is_object());
    assert!(
        schema["properties"]["版式字段"]["properties"]["地区"].is_object(),
        "{schema}"
    );
}
