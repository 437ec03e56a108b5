//! The 决算 (final accounts) on the budget's engine: the Shanghai 2024
//! 部门决算 sample, built as a batch with the bundled 决算 sets, reproduces
//! every figure of the published document's nine tables and of the
//! narrative sections the set writes (a copy of shared/reference); the
//! original's mistakes are listed, not copied. A 决算's own rules fire at
//! the line of a crafted file.

use crate::common;

use crate::common::{gongkai_said, root};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

const REFERENCE: &str = "tests/fixtures/reference-shanghai-putuo-czj-2024-final-accounts.txt";
const SAMPLE: &str = "samples/shanghai-putuo-czj-2024-final";
const DEPARTMENT: &str = "上海市普陀区财政局";
const SETS: [&str; 4] = [
    "--layout",
    "shanghai-unit-final-2024",
    "--department-layout",
    "shanghai-department-final-2024",
];

/// The nine tables' titles, in order.
const TITLES: [&str; 9] = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
];

fn built() -> &'static common::BuiltBatch {
    static BUILT: std::sync::OnceLock<common::BuiltBatch> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| common::batch_in_temp(SAMPLE, "txt,xlsx", &SETS))
}

fn our_text() -> String {
    let file = common::output_file(&built().out.join(DEPARTMENT), ".txt");
    std::fs::read_to_string(file).expect("department text")
}

fn reference() -> String {
    std::fs::read_to_string(root().join(REFERENCE)).expect("reference")
}

type Figures = BTreeMap<String, usize>;

fn count(figures: &mut Figures, figure: String) {
    *figures.entry(figure).or_default() += 1;
}

/// Every figure with two decimals in `line` (a table's figures all have
/// them; codes and years have none), without thousands separators.
fn two_decimal_figures(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ',') {
                i += 1;
            }
            if i + 2 < chars.len()
                && chars[i] == '.'
                && chars[i + 1].is_ascii_digit()
                && chars[i + 2].is_ascii_digit()
                && chars.get(i + 3).is_none_or(|c| !c.is_ascii_digit())
            {
                let whole: String = chars[start..i].iter().filter(|c| **c != ',').collect();
                out.push(format!("{whole}.{}{}", chars[i + 1], chars[i + 2]));
                i += 3;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Each table's figures (as a multiset: the reference's extraction scatters
/// a row's cells over several lines, so order within a table is lost),
/// from the line that is the table's title alone to the next title or the
/// third part.
fn table_figures(text: &str) -> BTreeMap<&'static str, Figures> {
    let mut out: BTreeMap<&'static str, Figures> = BTreeMap::new();
    let mut current: Option<&'static str> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(title) = TITLES.iter().find(|title| **title == t) {
            current = Some(title);
            out.entry(title).or_default();
            continue;
        }
        if t.trim_start_matches('#').trim().starts_with("第三部分") {
            current = None;
        }
        if let Some(title) = current {
            for f in two_decimal_figures(line) {
                count(out.get_mut(title).expect("table"), f);
            }
        }
    }
    out
}

#[test]
fn the_nine_tables_reproduce_every_figure_of_the_reference() {
    let (ours, theirs) = (table_figures(&our_text()), table_figures(&reference()));
    assert_eq!(ours.len(), 9, "all nine tables printed");
    for title in TITLES {
        let mut expected = theirs[title].clone();
        // The original's mistake: 收入支出决算总表 and 财政拨款收入支出决算总表
        // print 社会保障和就业支出 as 326.71 where its own 支出决算表 and
        // 一般公共预算财政拨款支出决算表 (and its narrative) print the sum of its
        // 项, 326.72. One figure from the same 元 prints one way.
        if let Some(n) = expected.remove("326.71") {
            *expected.entry("326.72".into()).or_default() += n;
        }
        assert_eq!(ours[title], expected, "{title}");
    }
    // The 0.95 of “三公” is the budget's (预算数); nothing was spent.
    assert_eq!(ours[TITLES[6]].get("0.95"), Some(&2));
}

/// The third part's sections by their heading (the part's last start: the
/// 目录 names it first), each section's text.
fn sections(text: &str) -> BTreeMap<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let heading = |l: &str| l.trim().trim_start_matches('#').trim().to_string();
    let start = lines
        .iter()
        .rposition(|l| heading(l).starts_with("第三部分"))
        .expect("third part");
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in &lines[start + 1..] {
        let h = heading(line);
        if h.starts_with("第四部分") {
            break;
        }
        let numeral: String = h
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .collect();
        if !numeral.is_empty() && h[numeral.len()..].starts_with('、') {
            let name = h[numeral.len() + '、'.len_utf8()..].to_string();
            out.insert(name.clone(), String::new());
            current = Some(name);
            continue;
        }
        if let Some(name) = &current {
            let body = out.get_mut(name).expect("section");
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// The amounts (万元) and percentages a text states, as exact numbers
/// (6.2 and 6.20, 0 and 0.00 are one figure), in any order: the
/// reference's extraction moves a line's end before its start.
fn stated_figures(text: &str) -> Figures {
    let mut out = Figures::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit()
            || (i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.'))
        {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let number: String = chars[start..i].iter().collect();
        let mut j = i;
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        // The extraction may break a line inside 万元.
        let mut k = j + 1;
        while k < chars.len() && chars[k].is_whitespace() {
            k += 1;
        }
        let unit = if chars.get(j) == Some(&'万') && chars.get(k) == Some(&'元') {
            "万元"
        } else if chars.get(j) == Some(&'%') {
            "%"
        } else {
            continue;
        };
        if let Ok(n) = Decimal::from_str(number.trim_end_matches('.')) {
            count(&mut out, format!("{}{unit}", n.normalize()));
        }
    }
    out
}

fn figures_of(list: &[&str]) -> Figures {
    let mut out = Figures::new();
    for f in list {
        count(&mut out, f.to_string());
    }
    out
}

#[test]
fn the_narrative_states_the_references_figures_section_by_section() {
    let (ours, theirs) = (sections(&our_text()), sections(&reference()));
    for (name, text) in &theirs {
        let mut expected = stated_figures(text);
        let produced = stated_figures(ours.get(name).map(String::as_str).unwrap_or(""));
        match name.as_str() {
            // The original's mistake: 财政拨款收入支出总计 is 年初财政拨款结转和结余
            // + 财政拨款收入 (its own table four: 2,961.68), not 0.3.
            "财政拨款收入支出决算总体情况说明" => {
                assert_eq!(expected, figures_of(&["0.3万元"]));
                expected = figures_of(&["2961.68万元"]);
            }
            "一般公共预算财政拨款支出决算情况说明" => {
                // The original's mistake: 2106.66 of 2940.05 is 71.65%, not
                // 71.73% (its four shares add up to 100.07%).
                assert_eq!(expected.get("71.73%"), Some(&1));
                expected.remove("71.73%");
                count(&mut expected, "71.65%".into());
            }
            // The 目录's name of the last section (the body's is "…的情况说明").
            "其他重要事项说明" => continue,
            _ => {}
        }
        assert_eq!(produced, expected, "{name}");
    }
    // The sections are the template's, in its order.
    let names: Vec<&String> = ours.keys().collect();
    assert_eq!(names.len(), 11, "{names:?}");
    let text = our_text();
    for needle in [
        "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。",
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.20万元，占0.21%。",
        "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%",
        "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。",
        "上海市普陀区财政局2024年度无政府性基金预算财政拨款收入和支出。",
        // 五（三）: each 项 against the linked budget, in code order.
        "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算数的主要原因：因年度工作计划安排，个别信息化项目和中介机构服务调减。其中：",
        "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费及公用经费等的基本支出。年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：人员进出及退休变化，减少人员经费开支。",
        "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。",
        "11、住房保障支出（类）住房改革支出（款）购房补贴（项）。主要用于：缴纳在职人员住房购房补贴。年初预算为258.50万元，支出决算为258.50万元。决算数与预算数基本持平。",
        "2024年度“三公”经费支出决算数小于预算数的主要原因：当年度无“三公”经费支出。",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
}

#[test]
fn the_workbook_holds_the_tables_figures() {
    let file = common::output_file(&built().out.join(DEPARTMENT), ".xlsx");
    let sheets = common::sheet_figures(&file);
    assert_eq!(sheets.len(), 10, "the unit table and nine tables");
    // 收入支出决算总表.
    let figures = &sheets[1];
    for want in [6.20, 49.14, 55.34, 2940.05, 2946.25, 2995.39] {
        assert!(
            figures.iter().any(|f| (f - want).abs() < 1e-6),
            "{want} in {figures:?}"
        );
    }
}

#[test]
fn rules_lists_the_final_accounts_rules() {
    let (code, said) = gongkai_said(&["rules"]);
    assert_eq!(code, Some(0), "{said}");
    for id in ["final-kind", "final-closing", "final-overspent"] {
        assert!(said.contains(id), "{id}: {said}");
    }
}

#[test]
fn diff_compares_two_versions_of_a_final_accounts_file() {
    let sample = root().join(SAMPLE);
    let (old, new) = (
        tempfile::tempdir().expect("old"),
        tempfile::tempdir().expect("new"),
    );
    common::copy_dir(&sample, old.path());
    common::copy_dir(&sample, new.path());
    // 1 万元 more 其他收入, carried to the year's end.
    let unit = new.path().join("01-本级.yaml");
    common::edit(
        &unit,
        "资金来源: 其他收入, 金额: 61900.00",
        "资金来源: 其他收入, 金额: 71900.00",
    );
    common::edit(
        &unit,
        "{ 资金来源: 其他收入, 金额: 337087.60 }",
        "{ 资金来源: 其他收入, 金额: 347087.60 }",
    );
    let (code, said) = gongkai_said(&[
        "diff",
        common::as_str(&old.path().join("01-本级.yaml")),
        common::as_str(&unit),
        "--layout",
        "shanghai-unit-final-2024",
    ]);
    assert_eq!(code, Some(0), "{said}");
    for change in [
        "八、其他收入 | 决算数：6.20 → 7.20（+1.00）",
        "年末结转和结余 | 决算数：55.34 → 56.34（+1.00）",
        "201 · 06 · 02 · 一般行政管理事务 | 其他收入：6.19 → 7.19（+1.00）",
        "新：本年收入合计2947.25万元",
    ] {
        assert!(said.contains(change), "{change}: {said}");
    }
}

#[test]
fn next_years_draft_begins_where_this_year_ended() {
    let dir = tempfile::tempdir().expect("tempdir");
    common::copy_dir(&root().join(SAMPLE), dir.path());
    let draft = dir.path().join("2025.yaml");
    let (code, said) = gongkai_said(&[
        "new-year",
        common::as_str(&dir.path().join("01-本级.yaml")),
        "-o",
        common::as_str(&draft),
        "--layout",
        "shanghai-unit-final-2024",
    ]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("2025 年的决算数"), "{said}");
    let text = std::fs::read_to_string(&draft).expect("draft");
    assert!(text.starts_with("# 2025 年度决算草稿"), "{text}");
    let budget: gongkai::model::Budget = serde_yaml::from_str(&text).expect("draft reads");
    let f = budget.final_accounts.expect("决算");
    // 年初 = 2024's 年末 (一般公共预算 unchanged, 其他收入 6.20 万元 more).
    let opening: Vec<(String, String)> = f
        .opening
        .iter()
        .map(|l| {
            (
                l.source.label().to_string(),
                l.amount.value().normalize().to_string(),
            )
        })
        .collect();
    assert_eq!(
        opening,
        [
            ("一般公共预算".to_string(), "216312.45".to_string()),
            ("其他收入".to_string(), "337087.6".to_string())
        ]
    );
    // The year's budget, its reasons and the typed 年末 are the old year's.
    assert!(f.budget.is_none() && f.reasons.is_empty() && f.closing.is_empty());
    // The rest of the file stands as written: comments kept.
    assert!(text.contains("# 基本支出的决算数"), "{text}");
    // With its reason given, the draft builds, and compares with 2024's 决算.
    common::edit(&draft, "\n上年:\n", "\n上年:\n  收支变动原因: 人员变化\n");
    let built =
        common::file_text_with_set(&draft, std::path::Path::new("shanghai-unit-final-2024"));
    assert!(
        built.contains("2025年度收入支出总计3001.59万元。与2024年度相比，收入支出总计增加6.20万元，增长0.21%。主要原因：人员变化。"),
        "{built}"
    );
    assert!(
        built.contains(
            "2025年度财政拨款收入支出总计2961.68万元。与2024年度相比，财政拨款收入支出总计持平。"
        ),
        "{built}"
    );
}

#[test]
fn a_final_accounts_file_goes_through_excel_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    common::copy_dir(&root().join(SAMPLE), dir.path());
    let (yaml, xlsx) = (
        dir.path().join("01-本级.yaml"),
        dir.path().join("01-本级.xlsx"),
    );
    let (code, said) =
        gongkai_said(&["export", common::as_str(&yaml), "-o", common::as_str(&xlsx)]);
    assert_eq!(code, Some(0), "{said}");
    let text = |input: &std::path::Path| {
        common::file_text_with_set(input, std::path::Path::new("shanghai-unit-final-2024"))
    };
    let (from_yaml, from_xlsx) = (text(&yaml), text(&xlsx));
    assert!(
        from_yaml.contains("年初预算为1560.05万元"),
        "the budget is linked"
    );
    assert_eq!(from_yaml, from_xlsx);
}

#[test]
fn an_adjusted_budget_replaces_the_years_opening_budget_where_written() {
    // A copy of the unit set that prints the 全年预算数 (the bundled set
    // compares with the 年初预算数, as Shanghai's template does).
    let set = common::copied_set("shanghai-unit-final-2024");
    std::fs::write(
        set.path().join("part1-overview.yaml"),
        "- paragraph: \"全年预算 {{ full_plan | wan_plain }}；{% for f in functions if f.compared and f.level == 2 %}{{ f.code }} {{ f.full_plan | wan_plain }}/{{ f.plan.general | wan_plain }}；{% endfor %}\"\n",
    )
    .expect("write");
    let dir = tempfile::tempdir().expect("tempdir");
    common::copy_dir(&root().join(SAMPLE), dir.path());
    let unit = dir.path().join("01-本级.yaml");
    common::edit(
        &unit,
        "  # 预算绩效管理情况（情况说明十）。",
        "  全年预算: { \"2010601\": 15700000.00 }\n  # 预算绩效管理情况（情况说明十）。",
    );
    let text = common::file_text_with_set(&unit, set.path());
    // 2993.92 万元 with 行政运行 moved from 1,560.05 to 1,570.00.
    assert!(text.contains("全年预算 3003.88；"), "{text}");
    assert!(text.contains("2010601 1570.00/1560.05；"), "{text}");
    assert!(text.contains("2010602 10.00/10.00；"), "{text}");
    // A code neither year has is pointed at.
    common::edit(&unit, "全年预算: { \"2010601\"", "全年预算: { \"2050101\"");
    let line = common::line_in_file(&unit, "全年预算:");
    let (code, said) = gongkai_said(&[
        "check",
        common::as_str(&unit),
        "--layout",
        "shanghai-unit-final-2024",
    ]);
    assert_eq!(code, Some(0), "a warning: {said}");
    assert!(
        said.contains("警告[final-reason-unknown]: 全年预算“2050101”"),
        "{said}"
    );
    assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
}

#[test]
fn a_gap_within_the_formats_share_needs_no_reason_and_still_builds() {
    // A copy of the unit set that asks reasons only past 5% of the budget:
    // 行政运行 (1,511.89 of 1,560.05, 3.1% less) then goes without one.
    let set = common::copied_set("shanghai-unit-final-2024");
    common::edit(
        &set.path().join("layout.yaml"),
        "vars:\n",
        "check:\n  gap_reason_percent: 5\n\nvars:\n",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    common::copy_dir(&root().join(SAMPLE), dir.path());
    let unit = dir.path().join("01-本级.yaml");
    common::edit(
        &unit,
        "    \"2010601\": 人员进出及退休变化，减少人员经费开支\n",
        "",
    );
    let (code, said) = gongkai_said(&[
        "check",
        common::as_str(&unit),
        "--layout",
        common::as_str(set.path()),
    ]);
    assert_eq!(code, Some(0), "{said}");
    let text = common::file_text_with_set(&unit, set.path());
    assert!(
        text.contains("年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数。"),
        "{text}"
    );
    // The bundled set asks for it.
    let (code, said) = gongkai_said(&[
        "check",
        common::as_str(&unit),
        "--layout",
        "shanghai-unit-final-2024",
    ]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("错误[final-gap-reason]"), "{said}");
}

#[test]
fn government_fund_money_fills_table_eight_and_its_section() {
    // The sample with 政府性基金预算 money: 2 万元 carried in under
    // 2120801, 35 received, 30 spent on a project budgeted at 32.
    let dir = tempfile::tempdir().expect("tempdir");
    common::copy_dir(&root().join(SAMPLE), dir.path());
    let unit = dir.path().join("01-本级.yaml");
    common::edit(
        &unit,
        "\n决算:\n",
        "  - { 名称: 征地拆迁资金核算, 类别: 特定目标类, 期限: 经常性, 功能科目: 2120801, 资金: { 政府性基金预算: 300000.00 } }\n\n决算:\n",
    );
    common::edit(
        &unit,
        "    - { 功能科目: 2010601, 资金来源: 其他收入, 金额: 100.00 }\n",
        "    - { 功能科目: 2010601, 资金来源: 其他收入, 金额: 100.00 }\n    - { 功能科目: 2120801, 资金来源: 政府性基金预算, 金额: 350000.00 }\n",
    );
    common::edit(
        &unit,
        "  年初结转和结余:\n",
        "  年初结转和结余:\n    - { 资金来源: 政府性基金预算, 功能科目: 2120801, 金额: 20000.00 }\n",
    );
    common::edit(
        &unit,
        "  年末结转和结余:\n",
        "  年末结转和结余:\n    - { 资金来源: 政府性基金预算, 金额: 70000.00 }\n",
    );
    common::edit(
        &unit,
        "    三公经费: 当年度无",
        "    \"2120801\": 项目按进度支付\n    三公经费: 当年度无",
    );
    common::edit(
        &unit,
        "  科目说明:\n",
        "  科目说明:\n    \"2120801\": 征地和拆迁补偿资金的核算服务\n",
    );
    common::edit(
        &dir.path().join("预算/01-本级-2024年预算.yaml"),
        "\n上年:\n",
        "  - { 名称: 征地拆迁资金核算, 类别: 特定目标类, 期限: 经常性, 功能科目: 2120801, 资金: { 政府性基金预算: 320000.00 } }\n\n上年:\n",
    );
    let (code, said) = gongkai_said(&[
        "check",
        common::as_str(&unit),
        "--layout",
        "shanghai-unit-final-2024",
    ]);
    assert_eq!(code, Some(0), "{said}");
    let text = common::file_text_with_set(&unit, std::path::Path::new("shanghai-unit-final-2024"));
    // Table eight: 年初, 本年收入, 本年支出 (小计, 基本, 项目), 年末 by 类, 款, 项 and in all.
    for row in [
        "212\t\t\t城乡社区支出\t2.00\t35.00\t30.00\t\t30.00\t7.00",
        "212\t08\t01\t征地和拆迁补偿支出\t2.00\t35.00\t30.00\t\t30.00\t7.00",
        "合计\t\t\t\t2.00\t35.00\t30.00\t\t30.00\t7.00",
    ] {
        assert!(text.contains(row), "{row}: {text}");
    }
    assert!(
        !text.contains("无政府性基金预算财政拨款支出，故本表无数据"),
        "{text}"
    );
    // Table four's fund column, and section 八 item by item.
    assert!(
        text.contains("十一、城乡社区支出\t30.00\t\t30.00\t"),
        "{text}"
    );
    assert!(
        text.contains("政府性基金预算财政拨款收入35.00万元，支出30.00万元，支出具体情况如下："),
        "{text}"
    );
    assert!(
        text.contains("1、城乡社区支出（类）国有土地使用权出让收入安排的支出（款）征地和拆迁补偿支出（项）。主要用于：征地和拆迁补偿资金的核算服务。年初预算为32.00万元，支出决算为30.00万元。决算数小于预算数的主要原因：项目按进度支付。"),
        "{text}"
    );
}
