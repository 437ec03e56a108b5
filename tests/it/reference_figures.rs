//! The sample reproduces every figure of the reference package's 13 tables,
//! cell by cell, and the narrative's figures.
//!
//! The expected rows are built here from the ledger alone, in the reference's
//! column order, and must appear verbatim (tab-separated) in the reference.

use crate::common::*;
use gongkai::compute::display::{percent_text, wan_grouped, wan_plain};
use gongkai::compute::{Kind, Ledger};
use gongkai::model::{Period, ProjectCategory, Source};
use rust_decimal::Decimal;

/// Zero cells are blank, as in the official tables.
fn cell(yuan: Decimal) -> String {
    if yuan.is_zero() {
        String::new()
    } else {
        wan_plain(yuan)
    }
}

fn row(cells: &[String]) -> String {
    let mut cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
    while cells.last() == Some(&"") {
        cells.pop();
    }
    cells.join("\t")
}

macro_rules! r {
    ($($c:expr),* $(,)?) => { row(&[$($c.to_string()),*]) };
}

fn ordinal(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n - 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}

/// (table title as the reference prints it, expected rows).
fn expected_tables(l: &Ledger) -> Vec<(&'static str, Vec<String>)> {
    let catalog = gongkai::catalog::Catalog::for_year(2024).expect("the 2024 catalogue is bundled");
    let classes: Vec<(String, String)> = catalog
        .function_classes()
        .map(|(c, n)| (c.to_string(), n.to_string()))
        .collect();
    let gp = Source::GeneralPublic;
    let cur = Period::Current;
    let t = &l.total;
    let mut tables = Vec::new();

    // 表一 收支总表
    let revenue = [
        ("一般公共预算", Source::GeneralPublic),
        ("政府性基金预算", Source::GovernmentFund),
        ("国有资本经营预算", Source::StateCapital),
        ("财政专户管理资金", Source::SpecialAccount),
        ("单位资金", Source::UnitFunds),
    ];
    // The left (revenue) half of 表一/表四 rows: the first `n` sources, numbered.
    let revenue_side = |i: usize, n: usize| -> (String, String) {
        revenue[..n]
            .get(i)
            .map(|(name, s)| {
                (
                    format!("{}、{name}", ordinal(i + 1)),
                    cell(t.source_in(*s, cur)),
                )
            })
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for (i, (code, name)) in classes.iter().enumerate() {
        let f = l.function(code);
        let (ll, lv) = revenue_side(i, revenue.len());
        rows.push(r!(
            ll,
            lv,
            format!("{}、{name}", ordinal(i + 1)),
            cell(f.total()),
            cell(f.current()),
            cell(f.carried())
        ));
    }
    rows.push(r!(
        "本年收入合计",
        cell(t.current()),
        "本年支出合计",
        cell(t.total()),
        cell(t.current()),
        cell(t.carried())
    ));
    rows.push(r!(
        "收入总计",
        cell(t.total()),
        "支出总计",
        cell(t.total()),
        cell(t.current()),
        cell(t.carried())
    ));
    tables.push(("2024年预算收支总表", rows));

    // 表二 收入总表 (by function code, all levels)
    let income = |label: &str, name: &str, b: &gongkai::compute::Breakdown| {
        let mut cells = vec![label.to_string(), name.to_string(), cell(b.current())];
        cells.extend(revenue.iter().map(|(_, s)| cell(b.source_in(*s, cur))));
        cells.push(cell(b.carried()));
        row(&cells)
    };
    let mut rows = vec![income("合计", "", t)];
    rows.extend(
        l.functions
            .iter()
            .map(|(c, b)| income(c.as_str(), &l.names.of(c), b)),
    );
    tables.push(("2024年预算收入总表", rows));

    // 表三 支出总表
    let spend = |label: &str, name: &str, total: Decimal, basic: Decimal, project: Decimal| {
        r!(label, name, cell(total), cell(basic), cell(project))
    };
    let mut rows = vec![spend(
        "合计",
        "",
        t.total(),
        t.kind(Kind::Basic),
        t.kind(Kind::Project),
    )];
    rows.extend(l.functions.iter().map(|(c, b)| {
        spend(
            c.as_str(),
            &l.names.of(c),
            b.total(),
            b.kind(Kind::Basic),
            b.kind(Kind::Project),
        )
    }));
    tables.push(("2024年预算支出总表", rows));

    // 表四 财政拨款收支总表
    let fiscal = [
        Source::GeneralPublic,
        Source::GovernmentFund,
        Source::StateCapital,
    ];
    let mut rows = Vec::new();
    for (i, (code, name)) in classes.iter().enumerate() {
        let f = l.function(code);
        let (ll, lv) = revenue_side(i, 3);
        let mut cells = vec![
            ll,
            lv,
            format!("{}、{name}", ordinal(i + 1)),
            cell(f.fiscal(cur)),
        ];
        cells.extend(fiscal.iter().map(|s| cell(f.source_in(*s, cur))));
        rows.push(row(&cells));
    }
    let mut totals = vec![cell(t.fiscal(cur))];
    totals.extend(fiscal.iter().map(|s| cell(t.source_in(*s, cur))));
    let mut a = vec![
        "本年收入合计".to_string(),
        cell(t.fiscal(cur)),
        "本年支出合计".into(),
    ];
    a.extend(totals.clone());
    rows.push(row(&a));
    let mut b = vec![
        "收入总计".to_string(),
        cell(t.fiscal(cur) + t.fiscal(Period::CarriedOver)),
        "支出总计".into(),
    ];
    b.extend(totals);
    rows.push(row(&b));
    tables.push(("2024年财政拨款收支总表", rows));

    // 表五 一般公共预算支出表（本年）
    let gp_kind = |b: &gongkai::compute::Breakdown, k: Kind| b.source_kind(gp, cur, k);
    let mut rows = vec![spend(
        "合计",
        "",
        t.source_in(gp, cur),
        gp_kind(t, Kind::Basic),
        gp_kind(t, Kind::Project),
    )];
    rows.extend(
        l.functions
            .iter()
            .filter(|(_, b)| !b.source_in(gp, cur).is_zero())
            .map(|(c, b)| {
                spend(
                    c.as_str(),
                    &l.names.of(c),
                    b.source_in(gp, cur),
                    gp_kind(b, Kind::Basic),
                    gp_kind(b, Kind::Project),
                )
            }),
    );
    tables.push(("2024年一般公共预算支出预算表（不含上年结转）", rows));

    // 表六 基本支出分经济科目
    let p = l.personnel.source_in(gp, cur);
    let u = l.public_use.source_in(gp, cur);
    let mut rows = vec![r!("合计", "", cell(p + u), cell(p), cell(u))];
    for (code, b) in &l.economic {
        let v = b.source_in(gp, cur);
        let personnel = catalog.is_personnel(code.as_str());
        let (pv, uv) = if personnel {
            (cell(v), String::new())
        } else {
            (String::new(), cell(v))
        };
        let gov = l.government_names(code);
        rows.push(r!(l.names.of(code), gov, cell(v), pv, uv));
    }
    tables.push((
        "2024年一般公共预算安排基本支出分经济科目表（不含上年结转）",
        rows,
    ));

    // 表十 “三公”经费
    let tp = &l.three_public.current;
    let three = |label: &str, v: Decimal| r!(label, cell(v), cell(v));
    let rows = vec![
        three("因公出国（境）费", tp.overseas),
        three("公务接待费", tp.reception),
        three("公务用车购置及运行费", tp.cars()),
        three("①公务用车购置费", tp.car_purchase),
        three("②公务用车运行维护费", tp.car_running),
        three("合计", tp.total()),
    ];
    tables.push(("2024年财政拨款安排“三公”经费支出预算表", rows));

    // 表十二 项目支出（本年）
    let project_row = |name: &str, b: &gongkai::compute::Breakdown| {
        let mut cells = vec![name.to_string(), cell(b.current())];
        cells.extend(revenue.iter().map(|(_, s)| cell(b.source_in(*s, cur))));
        row(&cells)
    };
    let mut all = gongkai::compute::Breakdown::default();
    for p in l.projects.iter().filter(|p| p.period == cur) {
        all.merge(&p.funds);
    }
    let mut rows = vec![project_row("大同市财政信息中心", &all)];
    rows.extend(
        l.projects
            .iter()
            .filter(|p| p.period == cur)
            .map(|p| project_row(&p.name, &p.funds)),
    );
    tables.push(("2024年项目支出预算表（本年预算）", rows));
    tables
}

/// Reference tables part: (title, rows) for each table, rows normalised.
fn reference_tables() -> Vec<(String, Vec<String>)> {
    let text = reference_text();
    let start = text.find("## 第二部分").expect("tables part");
    let end = text
        .find("第三部分 2024年度单位预算情况说明\n")
        .map(|e| e.max(start))
        .unwrap_or(text.len());
    let end = text[start..]
        .find("### 第三部分")
        .map(|e| start + e)
        .unwrap_or(end);
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
    for line in text[start..end].lines() {
        let title = line.trim_start_matches('#').trim();
        if !line.contains('\t') && title.starts_with("2024") && title.contains('表') {
            tables.push((title.to_string(), Vec::new()));
        } else if line.contains('\t')
            && let Some((_, rows)) = tables.last_mut()
        {
            rows.push(row(&line
                .split('\t')
                .map(str::to_string)
                .collect::<Vec<_>>()));
        }
    }
    tables
}

fn is_figure(c: &str) -> bool {
    let c = c.trim();
    c.contains('.')
        && c.replace('.', "").chars().all(|ch| ch.is_ascii_digit())
        && c.split('.').nth(1).is_some_and(|d| d.len() == 2)
}

#[test]
fn all_237_table_figures_come_out_of_the_ledger() {
    let (_, ledger) = ledger_of(&sample_text());
    let expected = expected_tables(&ledger);
    let reference = reference_tables();
    assert_eq!(reference.len(), 13, "13 tables in the reference");

    let mut matched = 0;
    let mut failures = Vec::new();
    for (title, rows) in &reference {
        let ours = expected.iter().find(|(t, _)| t == title).map(|(_, r)| r);
        for reference_row in rows {
            let figures = reference_row.split('\t').filter(|c| is_figure(c)).count();
            if figures == 0 {
                continue;
            }
            match ours {
                Some(ours) if ours.contains(reference_row) => matched += figures,
                _ => failures.push(format!("{title}: {reference_row}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "rows not reproduced:\n{}",
        failures.join("\n")
    );
    assert_eq!(matched, 237);
}

#[test]
fn tables_without_figures_are_empty_in_the_ledger_too() {
    let (_, l) = ledger_of(&sample_text());
    // 表七、八、九、十一、十三: no 政府性基金, 国有资本, 机关运行经费, 上年结转.
    assert!(l.total.source(Source::GovernmentFund).is_zero());
    assert!(l.total.source(Source::StateCapital).is_zero());
    assert!(l.fund_revenue.is_zero() && l.state_capital_revenue.is_zero());
    assert!(l.running_costs.is_none());
    assert!(l.total.carried().is_zero());
}

#[test]
fn narrative_figures_match_the_reference() {
    let (_, l) = ledger_of(&sample_text());
    let reference = reference_text();
    let total = l.total.total();
    let gp = l.total.source_in(Source::GeneralPublic, Period::Current);
    let pct = |a, b| percent_text(a, b).unwrap();
    let mut phrases = vec![
        format!("预算收入总计{}万元", wan_grouped(total)),
        format!(
            "比上年减少{}万元，下降{}",
            wan_grouped(-l.total_change.diff()),
            pct(-l.total_change.diff(), l.total_change.last)
        ),
        format!(
            "一般公共预算拨款收入{}万元，占{}",
            wan_grouped(gp),
            pct(gp, total)
        ),
        format!(
            "基本支出{}万元，占{}",
            wan_plain(l.basic_total()),
            pct(l.basic_total(), total)
        ),
        format!(
            "项目支出{}万元，占{}",
            wan_plain(l.project_total()),
            pct(l.project_total(), total)
        ),
        format!(
            "“三公”经费预算{}万元",
            wan_plain(l.three_public.total().this)
        ),
        format!(
            "公务用车运行维护费{}万元",
            wan_plain(l.three_public.current.car_running)
        ),
        format!("政府采购预算总额{}万元", wan_plain(l.procurement.total())),
        format!("政府采购货物预算{}万元", wan_plain(l.procurement.goods)),
        format!("政府采购服务预算{}万元", wan_plain(l.procurement.services)),
        format!("涉及资金{}万元", wan_plain(total)),
        format!(
            "二级项目{}个，共计金额{}万元",
            l.projects.len(),
            wan_plain(l.project_total())
        ),
        format!("人员经费{}万元", wan_plain(l.personnel.total())),
        format!("公用经费{}万元", wan_plain(l.public_use.total())),
    ];
    let (n, amount) = l.published_of(ProjectCategory::Operational);
    phrases.push(format!(
        "公开项目绩效目标{}个，涉及项目金额{}万元，占部门（单位）项目支出总额的{}",
        l.performance.published_count(),
        wan_plain(l.performance.published_amount()),
        pct(l.performance.published_amount(), l.project_total())
    ));
    phrases.push(format!(
        "其他运转类项目{n}个，涉及项目金额{}万元",
        wan_plain(amount)
    ));
    // 五(二): the shares of the four 类 (commas as the reference prints them there).
    for (code, name) in [
        ("201", "一般公共预算服务支出"),
        ("208", "社会保障和就业支出"),
        ("210", "卫生健康支出"),
        ("221", "住房保障支出"),
    ] {
        let v = l
            .function(code)
            .source_in(Source::GeneralPublic, Period::Current);
        phrases.push(format!("{name}{}万元,占{}", wan_grouped(v), pct(v, gp)));
    }
    for p in &phrases {
        assert!(reference.contains(p.as_str()), "reference lacks: {p}");
    }
    // Shares add to 100.01%: correct rounding, never forced to 100.
    let shares: Decimal = ["201", "208", "210", "221"]
        .iter()
        .map(|c| gongkai::compute::display::percent(l.function(c).current(), gp).unwrap())
        .sum();
    assert_eq!(shares.to_string(), "100.01");
    // Year-on-year: change and rate against last year.
    assert_eq!(wan_plain(l.total_change.diff()), "-110.28");
    assert_eq!(wan_plain(l.total_change.last), "1211.32");
}
