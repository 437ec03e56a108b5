//! Year over year: a budget that links last year's file states every change
//! against that file's own figures; `new-year` starts a year from the old
//! one; broken chains of files are clear errors.

mod common;

use common::*;
use gongkai::catalog::CatalogSource;
use gongkai::diagnostic::{Diagnostic, Severity};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_yaml::Value;
use std::path::{Path, PathBuf};

const SAMPLE_2025: &str = "samples/datong-finance-info-center-2025.yaml";

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).expect("sample exists");
    serde_yaml::from_str(&text).expect("sample is YAML")
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
    gongkai::run::analyse_in(path, None, &CatalogSource::default())
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

/// A folder holding the two samples, the 2025 one edited by `edit`.
fn pair(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        root().join(SAMPLE),
        dir.path().join("datong-finance-info-center-2024.yaml"),
    )
    .expect("copy");
    let text = std::fs::read_to_string(root().join(SAMPLE_2025)).expect("sample");
    let path = dir.path().join("2025.yaml");
    std::fs::write(&path, edit(text)).expect("write");
    (dir, path)
}

fn findings(path: &Path, rule: &str) -> Vec<Diagnostic> {
    let (checked, _) = analysed(path);
    checked
        .report
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
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

    // A file that names itself.
    let (_dir, path) = pair(|t| t.replace("datong-finance-info-center-2024.yaml", "2025.yaml"));
    let d = findings(&path, "last-year-file");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].message.contains("循环") && d[0].message.contains("2025.yaml → "),
        "{}",
        d[0].message
    );

    // Two files that name each other: 2024's own error (the loop back to
    // 2025) makes its figures doubtful, which 2025 is warned of.
    let (dir, path) = pair(|t| t);
    let old = dir.path().join("datong-finance-info-center-2024.yaml");
    let text = std::fs::read_to_string(&old).expect("read");
    std::fs::write(
        &old,
        text.replacen("上年:\n", "上年:\n  文件: 2025.yaml\n", 1),
    )
    .expect("write");
    let d = findings(&path, "last-year-file-errors");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].severity, Severity::Warning);
    let (checked, _) = analysed(&old);
    assert!(
        checked
            .report
            .diagnostics
            .iter()
            .any(|d| d.rule == "last-year-file")
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
    let source = CatalogSource {
        file: None,
        folder: Some(catalogs),
    };
    // Fifteen years deep: followed ten links down (with a note there, not
    // an error), and the newest file is sound.
    assert!(gongkai::run::prior::MAX_CHAIN < 15);
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
