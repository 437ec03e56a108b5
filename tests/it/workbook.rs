//! Excel in (issue 35): a workbook is a budget file. Every sample survives
//! export and import; an entry template filled by another program and
//! re-saved by LibreOffice builds the very package its YAML builds; what
//! people type in Excel is understood or refused at its cell.

use crate::common::{self, as_str, gongkai_said, python_with, root, snapshot, tool_available};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every budget file under samples/ (not the 部门 files).
fn sample_budgets() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![root().join("samples")];
    while let Some(d) = pending.pop() {
        for e in std::fs::read_dir(&d).expect("samples").flatten() {
            let p = e.path();
            if p.is_dir() {
                pending.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml")
                && p.file_name().is_some_and(|n| n != "部门.yaml")
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A budget as JSON, each amount by its value: a cell holds 12.3 where
/// the file wrote 12.30, the same figure.
fn budget_json(path: &Path) -> serde_json::Value {
    fn figures(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => {
                let plain = s.contains('.')
                    && s.trim_start_matches('-')
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.');
                if plain {
                    *s = s.trim_end_matches('0').trim_end_matches('.').to_string();
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(figures),
            serde_json::Value::Object(m) => m.values_mut().for_each(figures),
            _ => {}
        }
    }
    let loaded = gongkai::load::load_file(path)
        .unwrap_or_else(|e| panic!("{}: {:?}", path.display(), e.diagnostics()));
    let mut v = serde_json::to_value(&loaded.budget).expect("json");
    figures(&mut v);
    v
}

fn run_ok(args: &[&str]) {
    let (code, said) = gongkai_said(args);
    assert_eq!(code, Some(0), "gongkai {args:?}: {said}");
}

#[test]
fn every_sample_survives_export_and_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let samples = sample_budgets();
    assert!(samples.len() >= 15, "{} samples", samples.len());
    for (i, f) in samples.iter().enumerate() {
        let xlsx = dir.path().join(format!("{i}.xlsx"));
        let yaml = dir.path().join(format!("{i}.yaml"));
        run_ok(&["export", as_str(f), "-o", as_str(&xlsx)]);
        run_ok(&["import", as_str(&xlsx), "-o", as_str(&yaml)]);
        let original = budget_json(f);
        assert_eq!(
            budget_json(&xlsx),
            original,
            "{} read as a workbook",
            f.display()
        );
        assert_eq!(budget_json(&yaml), original, "{} imported", f.display());
    }
}

/// Every 部门 file under samples/ survives export and import too.
#[test]
fn every_department_file_survives_export_and_import() {
    use gongkai::model::DepartmentFile;
    let json = |p: &Path| {
        let parsed = gongkai::load::load_file_as::<DepartmentFile>(p)
            .unwrap_or_else(|e| panic!("{}: {:?}", p.display(), e.diagnostics()));
        serde_json::to_value(parsed.value).expect("json")
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut seen = 0;
    for sub in std::fs::read_dir(root().join("samples"))
        .expect("samples")
        .flatten()
    {
        let mut folders = vec![sub.path()];
        folders.extend(
            std::fs::read_dir(sub.path())
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path()),
        );
        for f in folders
            .into_iter()
            .map(|d| d.join("部门.yaml"))
            .filter(|f| f.is_file())
        {
            let xlsx = dir.path().join(format!("{seen}.xlsx"));
            let yaml = dir.path().join(format!("{seen}.yaml"));
            run_ok(&["export", as_str(&f), "-o", as_str(&xlsx)]);
            run_ok(&["import", as_str(&xlsx), "-o", as_str(&yaml)]);
            assert_eq!(json(&xlsx), json(&f), "{}", f.display());
            assert_eq!(json(&yaml), json(&f), "{}", f.display());
            seen += 1;
        }
    }
    assert!(seen >= 4, "{seen} 部门 files");
}

#[test]
fn nothing_is_written_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("已有.xlsx");
    std::fs::write(&out, b"mine").expect("write");
    let (code, said) = gongkai_said(&["export", common::SAMPLE, "-o", as_str(&out)]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("已存在，不覆盖"), "{said}");
    assert_eq!(std::fs::read(&out).expect("read"), b"mine");
}

/// LibreOffice opens each workbook and saves it again as xlsx into `out`.
fn resave(files: &[PathBuf], work: &Path) -> PathBuf {
    let out = work.join("resaved");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        work.join("profile").display()
    );
    let run = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(&out)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// The entry template of `layout` and `year`, filled from `source`'s export
/// by another program.
fn filled(python: &Path, source: &Path, layout: &str, year: &str, work: &Path) -> PathBuf {
    filled_as(python, source, &["--layout", layout, "--year", year], work)
}

/// `filled` with the template's options given.
fn filled_as(python: &Path, source: &Path, options: &[&str], work: &Path) -> PathBuf {
    let stem = source
        .file_stem()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let export = work.join(format!("{stem}-export.xlsx"));
    let template = work.join(format!("{stem}-template.xlsx"));
    let out = work.join(format!("{stem}.xlsx"));
    run_ok(&["export", as_str(source), "-o", as_str(&export)]);
    let mut args = vec!["template", "-o", as_str(&template)];
    args.extend(options);
    run_ok(&args);
    let run = Command::new(python)
        .arg(root().join("tests/fill_workbook.py"))
        .args([&template, &export, &out])
        .output()
        .expect("python runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

#[test]
#[cfg_attr(
    any(gongkai_no_soffice, gongkai_no_py_openpyxl),
    ignore = "需要 LibreOffice（soffice）、Python 的 openpyxl（.ci/run 会安装）"
)]
fn a_template_filled_elsewhere_builds_the_same_package() {
    let Some(python) = editing_tools() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let work = dir.path();

    // The Shanxi unit.
    let sample = root().join(common::SAMPLE);
    let filled_unit = filled(&python, &sample, "shanxi-unit-2024", "2024", work);

    // The Shanghai department, its 部门 file and every unit a workbook.
    let src = root().join("samples/shanghai-putuo-wenlvju-2026");
    let dept = work.join("shanghai");
    std::fs::create_dir_all(&dept).expect("mkdir");
    let mut units = Vec::new();
    for e in std::fs::read_dir(&src).expect("dept").flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == "部门.yaml") {
            let text = std::fs::read_to_string(&p).expect("read");
            let text = text.replace(".yaml\n", ".xlsx\n");
            let renamed = work.join("部门.yaml");
            std::fs::write(&renamed, text).expect("write");
            let options = [
                "--department",
                "--layout",
                "shanghai-department-2026",
                "--year",
                "2026",
            ];
            units.push(filled_as(&python, &renamed, &options, work));
        } else {
            units.push(filled(&python, &p, "shanghai-unit-2026", "2026", work));
        }
    }
    let mut all = units.clone();
    all.push(filled_unit);
    let resaved = resave(&all, work);
    for u in &units {
        let name = u.file_name().expect("name");
        std::fs::copy(resaved.join(name), dept.join(name)).expect("copy");
    }

    let from_yaml = work.join("from-yaml");
    let from_xlsx = work.join("from-xlsx");
    common::build_ok(
        common::SAMPLE,
        &from_yaml.join("unit"),
        "pdf,xlsx,docx,txt",
        &[],
    );
    let unit_xlsx = resaved.join(format!(
        "{}.xlsx",
        sample.file_stem().expect("stem").to_string_lossy()
    ));
    common::build_ok(
        as_str(&unit_xlsx),
        &from_xlsx.join("unit"),
        "pdf,xlsx,docx,txt",
        &[],
    );
    let sets = [
        "--layout",
        "shanghai-unit-2026",
        "--department-layout",
        "shanghai-department-2026",
    ];
    common::batch_ok(&src, &from_yaml.join("dept"), "pdf,xlsx,docx,txt", &sets);
    common::batch_ok(&dept, &from_xlsx.join("dept"), "pdf,xlsx,docx,txt", &sets);

    let (a, b) = (snapshot(&from_yaml), snapshot(&from_xlsx));
    let packages = |s: &std::collections::BTreeMap<PathBuf, Vec<u8>>| -> Vec<PathBuf> {
        s.keys()
            .filter(|p| {
                p.extension().is_some_and(|e| {
                    ["pdf", "xlsx", "docx", "txt"].contains(&e.to_str().unwrap_or_default())
                })
            })
            .cloned()
            .collect()
    };
    assert_eq!(packages(&a), packages(&b), "the same files");
    assert!(packages(&a).len() >= 20, "{:?}", packages(&a));
    for p in packages(&a) {
        assert!(
            a[&p] == b[&p],
            "{} differs between the YAML and the workbook",
            p.display()
        );
    }
}

/// A sample's workbook with cells changed by `edits` (a Python literal
/// list of [sheet, cell, value] and ["merge", sheet, range]), re-saved by
/// LibreOffice so that formulas get their values.
fn edited(python: &Path, edits: &str, work: &Path) -> PathBuf {
    let export = work.join("export.xlsx");
    run_ok(&["export", common::SAMPLE, "-o", as_str(&export)]);
    let edited = work.join("edited.xlsx");
    let script = format!(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for e in {edits}:
    if e[0] == "merge":
        wb[e[1]].merge_cells(e[2])
    elif e[0] == "append":
        wb[e[1]].append(e[2])
    elif e[0] == "hide":
        wb[e[1]].row_dimensions[e[2]].hidden = True
    else:
        wb[e[0]][e[1]] = e[2]
wb.save(sys.argv[2])
"#
    );
    let run = Command::new(python)
        .args(["-c", &script])
        .args([&export, &edited])
        .output()
        .expect("python runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let out = resave(&[edited], work);
    out.join("edited.xlsx")
}

/// openpyxl to edit with and LibreOffice to re-save, when both are here.
fn editing_tools() -> Option<PathBuf> {
    if !tool_available("soffice") {
        return None;
    }
    python_with("openpyxl")
}

/// The sample's workbook edited by `edits` (see `edited`), and what
/// `gongkai check` says of it; None where the tools are missing.
fn check_edited(edits: &str) -> Option<(tempfile::TempDir, PathBuf, Option<i32>, String)> {
    let python = editing_tools()?;
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = edited(&python, edits, dir.path());
    let (code, said) = gongkai_said(&["check", as_str(&xlsx)]);
    Some((dir, xlsx, code, said))
}

#[test]
#[cfg_attr(
    any(gongkai_no_soffice, gongkai_no_py_openpyxl),
    ignore = "需要 LibreOffice（soffice）、Python 的 openpyxl（.ci/run 会安装）"
)]
fn what_people_type_in_excel_is_understood() {
    // 基本支出 row 2 is 2010650 × 30101, 727600 元; 绩效指标 rows 2–7 belong
    // to the first form. A hidden row is data all the same.
    let edits = r#"[
        ["基本支出", "D2", "727,600.00"],
        ["基本支出", "D3", "８１２４５"],
        ["基本支出", "D4", "=19000+750"],
        ["基本支出", "A2", "2010650 事业运行"],
        ["落款", "B3", "2024年4月15日"],
        ["merge", "绩效指标", "A2:A7"],
        ["hide", "基本支出", 5],
        ["append", "基本支出", [None, None, None, None]],
        ["append", "基本支出", []]
    ]"#;
    let Some((dir, xlsx, code, said)) = check_edited(edits) else {
        return;
    };
    assert_eq!(code, Some(0), "{said}");
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    common::build_ok(common::SAMPLE, &a, "txt", &[]);
    common::build_ok(as_str(&xlsx), &b, "txt", &[]);
    assert_eq!(
        snapshot(&a).values().collect::<Vec<_>>(),
        snapshot(&b).values().collect::<Vec<_>>()
    );
}

#[test]
#[cfg_attr(
    any(gongkai_no_soffice, gongkai_no_py_openpyxl),
    ignore = "需要 LibreOffice（soffice）、Python 的 openpyxl（.ci/run 会安装）"
)]
fn what_would_be_misread_is_refused_at_its_cell() {
    let edits = r#"[
        ["基本支出", "D2", "727600,5"],
        ["基本支出", "D3", "(81,245)"],
        ["项目", "E2", "37万元"],
        ["基本支出", "D5", "=1/0"],
        ["基本支出", "Z1", "备注"],
        ["基本支出", "Z2", "x"]
    ]"#;
    let Some((_dir, _xlsx, code, said)) = check_edited(edits) else {
        return;
    };
    assert_eq!(code, Some(1), "{said}");
    for (cell, words) in [
        ("基本支出!D2（金额）", "小数点写成了逗号"),
        ("基本支出!D3（金额）", "括号表示负数"),
        ("项目!E2（资金.一般公共预算）", "带有“万”"),
        ("基本支出!D5（金额）", "错误值"),
        ("基本支出!Z1（备注）", "没有“备注”这一列"),
    ] {
        let at = said
            .find(&format!("edited.xlsx › {cell}"))
            .unwrap_or_else(|| panic!("{cell} not named: {said}"));
        let before = &said[..at];
        let message = before.rsplit("错误[").next().unwrap_or_default();
        assert!(message.contains(words), "{cell}: {message}");
    }
    assert!(said.contains("5 个错误"), "{said}");
}

/// A code the bundled (excerpt) catalogue lacks: without a name, an error
/// that names the code as typed and asks for its name; named by the file,
/// or in its workbook cell ("2130599 名称"), used with a note.
#[test]
fn the_catalogue_is_no_wall() {
    let from = "功能科目: 2010699, 资金: { 一般公共预算: 370000 }";
    let to = "功能科目: 2130599, 资金: { 一般公共预算: 370000 }";
    let text = common::sample_text().replacen(from, to, 1);
    let (_d, unnamed) = common::temp_file("未命名.yaml", text.as_bytes());
    let (code, said) = gongkai_said(&["check", as_str(&unnamed)]);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("功能科目 21305（2130599 所属的款）不在 2024 年科目目录中"),
        "{said}"
    );
    assert!(said.contains("写明它的名称"), "{said}");
    assert!(!said.contains("地方科目"), "{said}");

    let named = text.replacen(
        "金额单位: 元\n",
        "金额单位: 元\n科目名称:\n  \"21305\": 巩固脱贫攻坚成果衔接乡村振兴\n  \"2130599\": 其他巩固脱贫攻坚成果衔接乡村振兴支出\n",
        1,
    );
    let (_d2, named) = common::temp_file("已命名.yaml", named.as_bytes());
    let (code, said) = gongkai_said(&["check", as_str(&named)]);
    assert_eq!(code, Some(0), "{said}");
    assert_eq!(
        said.matches("提示[code-named-by-file]").count(),
        2,
        "{said}"
    );
    assert!(
        said.contains("按文件写的名称“其他巩固脱贫攻坚成果衔接乡村振兴支出”使用"),
        "{said}"
    );

    // The same names given in the workbook's code cells.
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("单位.xlsx");
    run_ok(&["export", as_str(&unnamed), "-o", as_str(&xlsx)]);
    let (code, said) = gongkai_said(&["check", as_str(&xlsx)]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("单位.xlsx › 项目!D2（功能科目）"), "{said}");
}

/// The sample without its 基本支出 and 项目: what a unit keeps in YAML when
/// its lines come from the budget system.
fn unit_info(dir: &Path) -> PathBuf {
    let text = common::sample_text();
    let start = text.find("\n基本支出:\n").expect("基本支出");
    let end = text.find("\n上年:\n").expect("上年");
    let info = dir.join("单位信息.yaml");
    std::fs::write(&info, format!("{}{}", &text[..start + 1], &text[end + 1..])).expect("write");
    info
}

/// A detail export of the sample as `spec` describes it (see
/// tests/detail_export.py).
fn detail_export(python: &Path, dir: &Path, name: &str, spec: &str) -> PathBuf {
    let export = dir.join(format!("{name}-source.xlsx"));
    if !export.exists() {
        run_ok(&["export", common::SAMPLE, "-o", as_str(&export)]);
    }
    let out = dir.join(format!("{name}.xlsx"));
    let run = Command::new(python)
        .arg(root().join("tests/detail_export.py"))
        .args([as_str(&export), as_str(&out), spec])
        .output()
        .expect("python runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

#[test]
#[cfg_attr(
    gongkai_no_py_openpyxl,
    ignore = "需要 Python 的 openpyxl（.ci/run 会安装）"
)]
fn a_budget_system_export_is_read_by_a_profile() {
    let Some(python) = python_with("openpyxl") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let work = dir.path();
    let info = unit_info(work);
    let sample = budget_json(&root().join(common::SAMPLE));

    // The bundled profile: the columns listed in the issue, codes with
    // their names in one cell.
    let shipped = detail_export(
        &python,
        work,
        "一体化",
        r#"{"headers": {"单位": "单位名称", "项目": "项目名称", "功能科目": "功能科目", "经济科目": "部门经济科目",
            "政府经济科目": "政府经济科目", "资金来源": "资金来源", "金额": "金额", "项目类别": "项目类别", "项目期限": "项目期限"},
            "sources": {"一般公共预算": "一般公共预算拨款"}, "unit": "大同市财政信息中心", "names": true}"#,
    );
    let a = work.join("a.yaml");
    let (code, said) = gongkai_said(&[
        "import",
        as_str(&shipped),
        "--profile",
        "预算管理一体化系统",
        "--unit-info",
        as_str(&info),
        "-o",
        as_str(&a),
    ]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("20 条基本支出、14 个项目"), "{said}");
    assert_eq!(budget_json(&a), sample);

    // Another system: other headers, another column order, other spellings,
    // read by a profile written for it.
    let other = detail_export(
        &python,
        work,
        "其他系统",
        r#"{"headers": {"金额": "本年预算（元）", "资金来源": "经费来源", "政府经济科目": "政府预算经济分类",
            "经济科目": "部门预算经济分类", "功能科目": "支出功能分类", "项目": "项目", "单位": "预算单位名称",
            "项目期限": "期限", "项目类别": "类别"},
            "sources": {"一般公共预算": "公共财政拨款"}, "unit": "大同市财政信息中心", "names": false}"#,
    );
    let profile = work.join("其他系统.yaml");
    std::fs::write(
        &profile,
        "名称: 其他系统\n列:\n  金额: [本年预算（元）]\n  资金来源: [经费来源]\n  政府经济科目: [政府预算经济分类]\n  \
         经济科目: [部门预算经济分类]\n  功能科目: [支出功能分类]\n  项目: [项目]\n  单位: [预算单位名称]\n  \
         项目期限: [期限]\n  项目类别: [类别]\n跳过: [合计]\n资金来源:\n  一般公共预算: [公共财政拨款]\n",
    )
    .expect("write");
    let b = work.join("b.yaml");
    let (code, said) = gongkai_said(&[
        "import",
        as_str(&other),
        "--profile",
        as_str(&profile),
        "--unit-info",
        as_str(&info),
        "-o",
        as_str(&b),
    ]);
    assert_eq!(code, Some(0), "{said}");
    assert_eq!(budget_json(&b), sample);

    // A spelling the profile does not know is refused at its cell.
    std::fs::write(
        &profile,
        std::fs::read_to_string(&profile)
            .expect("read")
            .replace("[公共财政拨款]", "[一般公共预算]"),
    )
    .expect("write");
    let c = work.join("c.yaml");
    let (code, said) = gongkai_said(&[
        "import",
        as_str(&other),
        "--profile",
        as_str(&profile),
        "--unit-info",
        as_str(&info),
        "-o",
        as_str(&c),
    ]);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("其他系统.xlsx › 支出明细!B3（经费来源）"),
        "{said}"
    );
    assert!(
        said.contains("资金来源“公共财政拨款”不在导入方案的写法中"),
        "{said}"
    );
    assert!(!c.exists());
}

/// diff, new-year and 上年.文件 take a workbook wherever they take YAML.
#[test]
fn a_workbook_serves_wherever_yaml_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let last = d.join("2024.yaml");
    std::fs::copy(root().join(common::SAMPLE), &last).expect("copy");
    let last_xlsx = d.join("2024.xlsx");
    run_ok(&["export", as_str(&last), "-o", as_str(&last_xlsx)]);

    let (code, said) = gongkai_said(&["diff", as_str(&last), as_str(&last_xlsx)]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("没有任何数字、表格或文字变化"), "{said}");

    let draft = d.join("2025-草稿.yaml");
    run_ok(&["new-year", as_str(&last_xlsx), "-o", as_str(&draft)]);
    let text = std::fs::read_to_string(&draft).expect("draft");
    assert!(text.contains("文件: 2024.xlsx"), "{text}");
    run_ok(&["check", as_str(&draft)]);

    // The 2025 sample linking its 2024 file as YAML, then as a workbook:
    // the same findings.
    let this_year = std::fs::read_to_string(root().join(common::SAMPLE_2025)).expect("2025");
    let link = "文件: datong-finance-info-center-2024.yaml";
    assert!(this_year.contains(link));
    let by = |target: &str, name: &str| {
        let f = d.join(name);
        std::fs::write(&f, this_year.replace(link, &format!("文件: {target}"))).expect("write");
        let (code, said) = gongkai_said(&["check", "--format", "json", as_str(&f)]);
        assert_eq!(code, Some(0), "{said}");
        let v: serde_json::Value = serde_json::from_str(&said).expect("json");
        v[0]["diagnostics"]
            .as_array()
            .expect("list")
            .iter()
            .map(|d| (d["rule"].clone(), d["message"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(by("2024.xlsx", "a.yaml"), by("2024.yaml", "b.yaml"));
}

/// A workbook is read within bounds, and what is not a workbook of ours
/// is refused in Chinese with exit 2, none of its content echoed.
#[test]
fn hostile_workbooks_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A zip that is no workbook.
    let not_xlsx = dir.path().join("压缩包.xlsx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&not_xlsx).expect("create"));
        zip.start_file("secret.txt", zip::write::SimpleFileOptions::default())
            .expect("entry");
        std::io::Write::write_all(&mut zip, b"root:x:0:0").expect("write");
        zip.finish().expect("finish");
    }
    let (code, said) = gongkai_said(&["check", as_str(&not_xlsx)]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("不是 Excel 工作簿"), "{said}");
    assert!(!said.contains("root:x"), "{said}");

    // A cell far beyond any budget's rows.
    let far = dir.path().join("远处.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("基本支出").expect("name");
    ws.write_string(0, 0, "功能科目").expect("cell");
    ws.write_string(1_000_000, 0, "x").expect("cell");
    book.save(&far).expect("save");
    let (code, said) = gongkai_said(&["check", as_str(&far)]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("单元格过多或超出范围"), "{said}");

    // A workbook with none of our sheets.
    let other = dir.path().join("别的表.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "工资表")
        .expect("cell");
    book.save(&other).expect("save");
    let (code, said) = gongkai_said(&["check", as_str(&other)]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("没有预算的工作表"), "{said}");
}

/// An officer's first `check` of an untouched template says every part
/// still to fill, each at its first empty row (not one missing part at a
/// time).
#[test]
fn an_untouched_template_names_every_part_to_fill() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("预算填报.xlsx");
    run_ok(&["template", "-o", as_str(&xlsx), "--year", "2024"]);
    let (code, said) = gongkai_said(&["check", as_str(&xlsx)]);
    assert_eq!(code, Some(1), "{said}");
    for part in ["单位", "上年", "三公经费", "政府采购", "国有资产", "落款"] {
        assert!(
            said.contains(&format!(
                "缺少必填字段“{part}”\n  --> {} › {part}!B",
                as_str(&xlsx)
            )),
            "{part}: {said}"
        );
    }
    assert!(said.contains("6 个错误"), "{said}");
}
