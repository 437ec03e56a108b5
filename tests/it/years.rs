//! Year over year: a budget that links last year's file states every change
//! against that file's own figures; `new-year` starts a year from the old
//! one; broken chains of files are clear errors.

use crate::common::*;
use gongkai::conventions::Conventions;
use gongkai::diagnostic::{Diagnostic, Severity};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_yaml::Value;
use std::path::{Path, PathBuf};

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).expect("sample exists");
    serde_yaml::from_str(&text).expect("sample is YAML")
}

/// A code as written: quoted, or a bare number.
fn text_of_code(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => String::new(),
    }
}

fn dec(v: &Value) -> Decimal {
    match v {
        Value::Number(n) => n.to_string().parse().expect("amount"),
        Value::String(s) => s.parse().expect("amount"),
        _ => Decimal::ZERO,
    }
}

/// What the test computes itself from a budget's YAML, in 元: the total,
/// 一般公共预算 of this year, each “三公” part.
struct Figures {
    total: Decimal,
    general_current: Decimal,
    three_public: [Decimal; 4],
}

fn figures(path: &str) -> Figures {
    let b = yaml(path);
    let (mut total, mut general) = (Decimal::ZERO, Decimal::ZERO);
    let current =
        |line: &Value| line.get("安排").and_then(Value::as_str).unwrap_or("本年") == "本年";
    for line in b["基本支出"].as_sequence().expect("lines") {
        let a = dec(&line["金额"]);
        total += a;
        let source = line
            .get("资金来源")
            .and_then(Value::as_str)
            .unwrap_or("一般公共预算");
        if source == "一般公共预算" && current(line) {
            general += a;
        }
    }
    for p in b["项目"].as_sequence().expect("projects") {
        for (source, a) in p["资金"].as_mapping().expect("funds") {
            let a = dec(a);
            total += a;
            if source.as_str() == Some("一般公共预算") && current(p) {
                general += a;
            }
        }
    }
    let t = &b["三公经费"]["本年"];
    let part = |k: &str| dec(&t[k]);
    Figures {
        total,
        general_current: general,
        three_public: [
            part("因公出国境费"),
            part("公务接待费"),
            part("公务用车运行维护费"),
            part("公务用车购置费"),
        ],
    }
}

fn wan(yuan: Decimal) -> String {
    let w = (yuan / Decimal::from(10_000))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{w:.2}");
    // Prose groups thousands and writes a zero as 0.
    if w.is_zero() {
        return "0".into();
    }
    let (int, frac) = s.split_once('.').expect("two decimals");
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{frac}")
}

fn rate(this: Decimal, last: Decimal) -> String {
    let r = ((this - last) / last * Decimal::from(100))
        .abs()
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    format!("{r:.2}%")
}

/// How the narrative states a change: 比上年增加/减少 X 万元，增长/下降 Y%.
fn stated(this: Decimal, last: Decimal, base: &str) -> String {
    let diff = (this - last).abs();
    if this == last {
        return format!("与{base}相同");
    }
    let (verb, trend) = if this > last {
        ("增加", "增长")
    } else {
        ("减少", "下降")
    };
    let mut s = format!("比{base}{verb}{}万元", wan(diff));
    if !last.is_zero() {
        s += &format!("，{trend}{}", rate(this, last));
    }
    s
}

fn analysed(path: &Path) -> (gongkai::run::Checked, Option<gongkai::run::Analysed>) {
    gongkai::run::analyse_in(path, None, &Conventions::default())
}

#[test]
fn the_2025_sample_states_every_change_against_the_2024_file() {
    let (this, last) = (figures(SAMPLE_2025), figures(SAMPLE));
    // The sample moves both ways, as it says it does.
    assert!(this.total < last.total && this.general_current < last.general_current);
    assert!(this.three_public[1] > last.three_public[1]);
    assert!(this.three_public[2] < last.three_public[2]);

    let (checked, a) = analysed(&root().join(SAMPLE_2025));
    assert_eq!(
        checked.report.count(Severity::Error),
        0,
        "{:?}",
        checked.report
    );
    let a = a.expect("analysed");
    let set = gongkai::layout::LayoutSet::open(gongkai::layout::default_set()).expect("set");
    let doc = gongkai::run::document(&a, &set).expect("layout");
    let text = gongkai::render::text::render(&doc);
    let flat: String = text.split_whitespace().collect();

    let want_total = format!("预算收入总计{}万元", wan(this.total));
    assert!(flat.contains(&want_total), "{want_total}");
    let total_change = stated(this.total, last.total, "上年");
    assert!(flat.contains(&total_change), "{total_change}");
    let general = format!(
        "一般公共预算当年支出{}万元，{}",
        wan(this.general_current),
        stated(this.general_current, last.general_current, "上年")
    );
    assert!(flat.contains(&general), "{general}");
    let tp_total = |f: &Figures| f.three_public.iter().copied().sum::<Decimal>();
    let three = format!(
        "“三公”经费预算{}万元，{}",
        wan(tp_total(&this)),
        stated(tp_total(&this), tp_total(&last), "2024年预算数")
    );
    assert!(flat.contains(&three), "{three}");
    for (i, name) in [
        "因公出国（境）费",
        "公务接待费",
        "公务用车运行维护费",
        "公务用车购置费",
    ]
    .iter()
    .enumerate()
    {
        let (t, l) = (this.three_public[i], last.three_public[i]);
        let want = format!("{name}{}万元，{}", wan(t), stated(t, l, "上年预算数"));
        assert!(flat.contains(&want), "{want}");
    }

    // The “三公” table (this year's figures only in this format).
    let lines = rendered_lines(&text);
    let table = lines
        .iter()
        .position(|l| l.starts_with("2025年财政拨款安排“三公”经费支出预算表"))
        .expect("the 三公 table");
    let cell = |name: &str, yuan: Decimal| {
        let w = (yuan / Decimal::from(10_000))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let want = format!("{name}\t{w:.2}\t{w:.2}");
        assert!(
            lines[table..].iter().take(15).any(|l| l.starts_with(&want)),
            "{want}"
        );
    };
    cell("公务接待费", this.three_public[1]);
    cell("②公务用车运行维护费", this.three_public[2]);
}

#[test]
fn every_last_year_figure_comes_from_last_years_ledger() {
    let (_, a) = analysed(&root().join(SAMPLE_2025));
    let a = a.expect("analysed");
    let (_, old) = analysed(&root().join(SAMPLE));
    let old = old.expect("analysed");
    let l = &a.ledger;
    assert_eq!(l.total_change.last, old.ledger.total.total());
    assert_eq!(
        l.three_public.last.total(),
        old.ledger.three_public.current.total()
    );
    let prior = l.prior.as_deref().expect("the 2024 ledger is kept");
    assert_eq!(prior.year, 2024);
    assert_eq!(prior.functions, old.ledger.functions);
    assert_eq!(prior.economic, old.ledger.economic);
}

/// The 2025 sample, edited, beside the 2024 one: (folder, 2025 path).
fn pair(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let (dir, path, _) = linked_pair(edit);
    (dir, path)
}

fn findings(path: &Path, rule: &str) -> Vec<Diagnostic> {
    findings_of(path, rule, &Conventions::default())
}

#[test]
fn a_missing_or_looping_or_foreign_last_year_file_is_a_clear_error() {
    // Missing.
    let (_dir, path) = pair(|t| {
        t.replace(
            "文件: datong-finance-info-center-2024.yaml",
            "文件: 没有.yaml",
        )
    });
    let d = findings(&path, "last-year-file");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].message.contains("找不到上年文件") && d[0].message.contains("没有.yaml"));
    assert_eq!(d[0].severity, Severity::Error);
    // The reasons are not judged against an unknown year.
    assert!(findings(&path, "total-change-reason").is_empty());

    // Not a budget: named with its line, never quoted.
    let (dir, path) = pair(|t| t.replace("datong-finance-info-center-2024.yaml", "secret.txt"));
    std::fs::write(dir.path().join("secret.txt"), "password: hunter2\n").expect("write");
    let d = findings(&path, "last-year-file");
    assert_eq!(d.len(), 1);
    assert!(
        !d[0].message.contains("hunter2") && !d[0].message.contains("password"),
        "{}",
        d[0].message
    );

    // Blank, a device, a folder: each a clear error, never a read that hangs.
    for link in ["\"\"", "/dev/zero", "."] {
        let (_dir, path) = pair(|t| {
            t.replace(
                "文件: datong-finance-info-center-2024.yaml",
                &format!("文件: {link}"),
            )
        });
        let d = findings(&path, "last-year-file");
        assert_eq!(d.len(), 1, "{link}: {d:?}");
        let want = if link == "\"\"" {
            "是空的"
        } else {
            "不是一个普通文件"
        };
        assert!(d[0].message.contains(want), "{}", d[0].message);
    }

    // A file that names itself: a loop (README: an error).
    let (_dir, path) = pair(|t| t.replace("datong-finance-info-center-2024.yaml", "2025.yaml"));
    let d = findings(&path, "last-year-chain");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].message.contains("循环") && d[0].message.contains("2025.yaml → "),
        "{}",
        d[0].message
    );

    // Two files that name each other: the loop is an error for both (it
    // was only a warning for 2025, which then built, issue 40).
    let (dir, path) = pair(|t| t);
    let old = dir.path().join("datong-finance-info-center-2024.yaml");
    let text = std::fs::read_to_string(&old).expect("read");
    std::fs::write(
        &old,
        text.replacen("上年:\n", "上年:\n  文件: 2025.yaml\n", 1),
    )
    .expect("write");
    let d = findings(&path, "last-year-chain");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].severity, Severity::Error);
    assert!(d[0].message.contains("循环"), "{}", d[0].message);
    assert!(findings(&path, "last-year-file-errors").is_empty());
    let (checked, _) = analysed(&old);
    assert!(
        checked
            .report
            .diagnostics
            .iter()
            .any(|d| d.rule == "last-year-chain" && d.severity == Severity::Error)
    );

    // The wrong year.
    let (_dir, path) = pair(|t| t.replace("年度: 2025", "年度: 2026"));
    let d = findings(&path, "last-year-file");
    assert!(d.iter().any(|d| d.message.contains("应为 2025")), "{d:?}");
}

#[test]
fn a_long_chain_of_years_is_followed_only_so_far() {
    let dir = tempfile::tempdir().expect("tempdir");
    let catalogs = dir.path().join("catalog");
    std::fs::create_dir(&catalogs).expect("mkdir");
    let catalogue =
        std::fs::read_to_string(root().join("layouts/catalog/2024.yaml")).expect("read");
    let base = sample_text();
    let typed = "上年:\n  收支总计: 12113200\n  一般公共预算当年支出: 12113200\n";
    assert!(base.contains(typed));
    let first = 2024 - 14;
    for year in first..=2024 {
        let own = catalogue.replace("年度: 2024", &format!("年度: {year}"));
        std::fs::write(catalogs.join(format!("{year}.yaml")), own).expect("write");
        let mut text = base.replace("年度: 2024", &format!("年度: {year}"));
        if year > first {
            text = text.replacen(typed, &format!("上年:\n  文件: {}.yaml\n", year - 1), 1);
        }
        std::fs::write(dir.path().join(format!("{year}.yaml")), text).expect("write");
    }
    let source = Conventions {
        file: None,
        folder: Some(catalogs),
        ..Default::default()
    };
    // Fifteen years deep: followed ten links down (with a note there, not
    // an error), and the newest file is sound.
    const { assert!(gongkai::run::prior::MAX_CHAIN < 15) };
    let (checked, a) = gongkai::run::analyse_in(&dir.path().join("2024.yaml"), None, &source);
    let a = a.expect("analysed");
    assert!(a.link.prior().is_some());
    assert_eq!(
        checked.report.count(Severity::Error),
        0,
        "{:?}",
        checked.report
    );
}

#[test]
fn new_year_on_the_sample_gives_a_sound_draft_that_keeps_every_figure() {
    // Into a folder that does not exist yet, as a new year's does not.
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("2025").join("2025.yaml");
    let out = gongkai(&["new-year", SAMPLE, "-o", as_str(&draft)]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("2025 年草稿") && said.contains("0 个错误"),
        "{said}"
    );

    let (checked, a) = analysed(&draft);
    assert_eq!(
        checked.report.count(Severity::Error),
        0,
        "{:?}",
        checked.report
    );
    let a = a.expect("analysed");
    let (_, old) = analysed(&root().join(SAMPLE));
    let old = old.expect("analysed");
    let (new, old_l) = (&a.ledger, &old.ledger);
    assert_eq!(a.loaded.budget.year, 2025);
    assert_eq!(new.total, old_l.total);
    assert_eq!(new.functions, old_l.functions);
    assert_eq!(new.economic, old_l.economic);
    assert_eq!(new.personnel, old_l.personnel);
    assert_eq!(new.projects.len(), old_l.projects.len());
    for (n, o) in new.projects.iter().zip(&old_l.projects) {
        assert_eq!((&n.name, n.funds), (&o.name, o.funds));
    }
    assert_eq!(
        new.three_public.current.total(),
        old_l.three_public.current.total()
    );
    assert_eq!(new.procurement.total(), old_l.procurement.total());
    assert_eq!(new.performance.form_amounts, old_l.performance.form_amounts);
    // Its 上年 is the sample itself: every change is nil.
    let prior = a.link.prior().expect("linked");
    assert_eq!(
        std::fs::canonicalize(&prior.file).expect("exists"),
        std::fs::canonicalize(root().join(SAMPLE)).expect("exists")
    );
    assert!(new.total_change.diff().is_zero());
    let text = std::fs::read_to_string(&draft).expect("draft");
    assert!(text.starts_with("# 2025 年预算草稿"), "{}", &text[..200]);
    assert!(text.contains("\n年度: 2025\n") && text.contains("金额: 727600 }"));

    // A second run never writes over the draft (an officer may have edited it).
    std::fs::write(&draft, "# 已修改\n").expect("write");
    let again = gongkai(&["new-year", SAMPLE, "-o", as_str(&draft)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("已存在"));
    assert_eq!(std::fs::read_to_string(&draft).expect("kept"), "# 已修改\n");

    // Only the next year.
    let other = dir.path().join("2027.yaml");
    let wrong = gongkai(&["new-year", SAMPLE, "--year", "2027", "-o", as_str(&other)]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("应为 2025"));
    assert!(!other.exists());
}

#[test]
fn new_year_lists_codes_the_new_catalogue_lacks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let catalogue = std::fs::read_to_string(root().join("layouts/catalog/2025.yaml"))
        .expect("catalogue")
        .replace("  \"2100799\": 其他计划生育事务支出\n", "");
    let file = dir.path().join("2025-catalog.yaml");
    std::fs::write(&file, catalogue).expect("write");
    let draft = dir.path().join("2025.yaml");
    let out = gongkai(&[
        "new-year",
        SAMPLE,
        "-o",
        as_str(&draft),
        "--catalog",
        as_str(&file),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&draft).expect("draft");
    let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
    assert!(
        header
            .iter()
            .any(|l| l.contains("功能科目：2100799（其他计划生育事务支出）")),
        "{header:?}"
    );
    // And `check` with that catalogue says the same, at the line.
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 处科目"));
}

#[test]
fn a_whole_department_folder_starts_its_new_year_in_one_command() {
    // A copy of the samples' tree: the bureau folder names a unit beside it.
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("datong-finance-bureau-2024");
    std::fs::create_dir(&old).expect("mkdir");
    for e in std::fs::read_dir(root().join("samples/datong-finance-bureau-2024"))
        .expect("folder")
        .flatten()
    {
        std::fs::copy(e.path(), old.join(e.file_name())).expect("copy");
    }
    std::fs::copy(
        root().join(SAMPLE),
        dir.path().join("datong-finance-info-center-2024.yaml"),
    )
    .expect("copy");
    let new = dir.path().join("2025");
    let out = gongkai(&[
        "batch",
        as_str(&old),
        "--new-year",
        "2025",
        "-o",
        as_str(&new),
    ]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let old_units: Vec<_> = std::fs::read_dir(&old)
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .filter(|n| n.to_string_lossy().ends_with(".yaml"))
        .collect();
    for name in &old_units {
        assert!(new.join(name).is_file(), "{name:?} not drafted");
    }
    // The unit kept outside the old folder is drafted inside the new one,
    // its year in the name changed; 部门.yaml lists it so.
    assert!(new.join("datong-finance-info-center-2025.yaml").is_file());
    let dept = std::fs::read_to_string(new.join("部门.yaml")).expect("部门.yaml");
    assert!(dept.contains("\n年度: 2025\n"), "{dept}");
    assert!(
        dept.contains("- datong-finance-info-center-2025.yaml\n"),
        "{dept}"
    );
    // Reasons written ahead, for the correction below.
    let draft = new.join("01-财政局机关.yaml");
    let text = std::fs::read_to_string(&draft).expect("draft");
    let with_reasons = text.replacen(
        "上年:\n",
        "上年:\n  收支变动原因: 人员调整\n  一般公共预算变动原因: 人员调整\n",
        1,
    );
    assert_ne!(text, with_reasons);
    std::fs::write(&draft, with_reasons).expect("write");
    let dept_file = new.join("部门.yaml");
    std::fs::write(
        &dept_file,
        format!("{dept}收支变动原因: 人员调整\n一般公共预算变动原因: 人员调整\n"),
    )
    .expect("write");
    // The new folder builds as a department of 2025, every unit linked.
    let built = dir.path().join("out");
    batch_ok(&new, &built, "txt", &[]);
    // Same amounts as last year, each unit's 上年 from its own old file:
    // the department's total is unchanged, and says so.
    let texts: Vec<String> = walk(&built)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).expect("txt"))
        .collect();
    let department = texts
        .iter()
        .find(|t| t.contains("2025年度大同市财政局预算收入总计"))
        .expect("the department's package");
    assert!(
        department.contains("与上年持平"),
        "{}",
        &department[..2000.min(department.len())]
    );

    // A department layout sees last year's department as a unit's sees
    // its last year: the units' own old files, consolidated.
    let set = dir.path().join("dept-set");
    std::fs::create_dir(&set).expect("mkdir");
    std::fs::write(
        set.join("layout.yaml"),
        "name: dept-prior\ndescription: 上年部门\nextends: shanxi-department-2024\n",
    )
    .expect("write");
    std::fs::write(
        set.join("part4-glossary.yaml"),
        "- heading: { level: 1, text: 附 }\n- paragraph: \"上年部门{{ prior.year }}年收支总计{{ prior.total.total | wan }}万元，{{ prior.function | length }}个科目。\"\n",
    )
    .expect("write");
    let with_prior = dir.path().join("out-prior");
    batch_ok(
        &new,
        &with_prior,
        "txt",
        &["--department-layout", as_str(&set)],
    );
    let department = walk(&with_prior)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("部门预算公开.txt"))
        .map(|p| std::fs::read_to_string(p).expect("txt"))
        .next()
        .expect("the department's text");
    let total_2024 = department
        .lines()
        .find(|l| l.contains("预算收入总计"))
        .and_then(|l| l.split("预算收入总计").nth(1))
        .and_then(|rest| rest.split("万元").next())
        .expect("this year's total")
        .to_string();
    // Same amounts as last year: last year's total is this year's.
    assert!(
        department.contains(&format!("上年部门2024年收支总计{total_2024}万元，")),
        "{total_2024}"
    );

    // A correction to last year's file changes this year's 上年: the unit
    // and the department are built again, the others are current.
    let unit = old.join("01-财政局机关.yaml");
    let text = std::fs::read_to_string(&unit).expect("unit");
    std::fs::write(&unit, text.replacen("金额: 2386400", "金额: 2386500", 1)).expect("write");
    let table = batch_ok(&new, &built, "txt", &[]);
    assert!(table.contains("已生成 2，未变化跳过 5"), "{table}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn templates_see_last_years_ledger_and_pair_any_two_figures() {
    // The example of layouts/README.md: each 类 with its change.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("layout.yaml"),
        "name: yoy-test\ndescription: 逐类同比\nextends: shanxi-unit-2024\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("part4-glossary.yaml"),
        r#"- heading: { level: 1, text: 附：逐类增减 }
- paragraph: |-
    上年为{{ prior.year }}年。
    {% for c in function_classes if c.fig and prior %}
    {{ c.name }}{{ c.fig.total | wan }}万元，
    {%- set p = prior.function[c.code].fig.total if c.code in prior.function else none %}
    {{ m.change(yoy(c.fig.total, p)) }}；
    {% endfor %}
"#,
    )
    .expect("write");
    let set = gongkai::layout::LayoutSet::open(as_str(dir.path())).expect("set");
    let (_, a) = analysed(&root().join(SAMPLE_2025));
    let doc = gongkai::run::document(&a.expect("analysed"), &set).expect("layout");
    let text: String = gongkai::render::text::render(&doc)
        .split_whitespace()
        .collect();
    let (this, last) = (yaml(SAMPLE_2025), yaml(SAMPLE));
    let class = |b: &Value, class: &str| -> Decimal {
        let lines = b["基本支出"]
            .as_sequence()
            .expect("lines")
            .iter()
            .map(|l| (&l["功能科目"], dec(&l["金额"])));
        let projects = b["项目"].as_sequence().expect("projects").iter().map(|p| {
            let sum: Decimal = p["资金"]
                .as_mapping()
                .expect("funds")
                .values()
                .map(dec)
                .sum();
            (&p["功能科目"], sum)
        });
        lines
            .chain(projects)
            .filter(|(code, _)| text_of_code(code).starts_with(class))
            .map(|(_, a)| a)
            .sum()
    };
    assert!(text.contains("上年为2024年。"), "{text}");
    for (code, name) in [
        ("201", "一般公共服务支出"),
        ("208", "社会保障和就业支出"),
        ("221", "住房保障支出"),
    ] {
        let (t, l) = (class(&this, code), class(&last, code));
        assert_ne!(t, l, "{code} moves in the sample");
        let want = format!("{name}{}万元，{}", wan(t), stated(t, l, "上年"));
        assert!(text.contains(&want), "{want}");
    }
}

#[test]
fn a_draft_keeps_the_old_files_comments_and_layout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("2025.yaml");
    let out = gongkai(&["new-year", SAMPLE, "-o", as_str(&draft)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let old = std::fs::read_to_string(root().join(SAMPLE)).expect("sample");
    let new = std::fs::read_to_string(&draft).expect("draft");
    // Every line of the old file is there unchanged but the few new-year
    // changes: the year, the two dates, the 上年 block, the 三公 上年 and the
    // forms' years.
    let kept: std::collections::HashSet<&str> = new.lines().collect();
    let changed: Vec<&str> = old.lines().filter(|l| !kept.contains(l)).collect();
    assert_eq!(
        changed,
        [
            "年度: 2024",
            "  收支总计: 12113200",
            "  一般公共预算当年支出: 12113200",
            "  收支变动原因: 我单位本年度项目经费减少导致的",
            "  上年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 16000 }",
            "  截至日期: 2023-12-31",
            // The forms' years (issue 41): 填报日期, 年度目标, an indicator.
            "    填报日期: \"20231120163030\"",
            "    填报日期: \"20231027085933\"",
            "      年度: 2024年1月-12月保障单位正常运转。",
            "    填报日期: \"20231027093427\"",
            "    填报日期: \"20231027084741\"",
            "        成本指标: [{ 名称: 2024年硬件设备运维维护成本, 指标值: ≤2259400元 }]",
            "    填报日期: \"20231027090523\"",
            "  日期: 2024-04-15",
        ],
        "{new}"
    );
    assert!(
        new.contains(
            "  - { 功能科目: 2010650, 经济科目: 30101, 政府经济科目: 50501, 金额: 727600 }"
        )
    );
}
