//! One test per checker rule: a copy of the sample with one mistake must make
//! that rule fire, at the line of the mistake; the clean sample must not.

use crate::common::*;
use gongkai::catalog::Catalog;
use gongkai::check::RULES;
use gongkai::compute::compute;
use gongkai::diagnostic::{Diagnostic, Severity};

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let loaded = load(text);
    // The rules, not the catalogue lookup, are under test: a year without a
    // catalogue is checked against 2024's.
    let catalog = Catalog::for_year(loaded.budget.year)
        .or_else(|_| Catalog::for_year(2024))
        .expect("the 2024 catalogue is bundled");
    let ledger = compute(&loaded.budget, &catalog);
    // The bundled set's conventions, as `gongkai check` holds the sample to.
    static SET: std::sync::OnceLock<gongkai::layout::LayoutSet> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| {
        gongkai::layout::LayoutSet::open(gongkai::layout::default_set()).expect("bundled set")
    });
    gongkai::check::check_with(
        &loaded,
        &ledger,
        &catalog,
        &set.spec.check,
        &gongkai::compute::prior::Link::Typed,
        None,
    )
}

/// 1-based line of the `nth` line containing `marker`.
fn line_of(text: &str, marker: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(marker))
        .nth(nth - 1)
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("marker {marker:?} #{nth} not in text"))
}

fn mutate(edits: &[(&str, &str)]) -> String {
    let mut text = sample_text();
    for (from, to) in edits {
        assert!(text.contains(from), "sample lacks {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// Asserts `rule` fires on the mutated sample at the marker's line, and not on the sample.
fn assert_rule(rule: &str, edits: &[(&str, &str)], marker: &str, nth: usize) {
    assert!(RULES.iter().any(|r| r.id == rule), "no rule {rule}");
    let clean = diagnostics(&sample_text());
    assert!(
        !clean.iter().any(|d| d.rule == rule),
        "{rule} fires on the clean sample"
    );
    let text = mutate(edits);
    let found = diagnostics(&text);
    let hits: Vec<&Diagnostic> = found.iter().filter(|d| d.rule == rule).collect();
    assert!(
        !hits.is_empty(),
        "{rule} did not fire; got {:?}",
        found.iter().map(|d| d.rule).collect::<Vec<_>>()
    );
    let want = line_of(&text, marker, nth);
    let lines: Vec<Option<usize>> = hits.iter().map(|d| d.span.map(|s| s.line)).collect();
    assert!(
        lines.contains(&Some(want)),
        "{rule} at {lines:?}, expected line {want}: {}",
        hits[0].message
    );
    assert!(!hits[0].message.is_empty() && !hits[0].path.is_empty());
}

macro_rules! rule_test {
    ($name:ident, $rule:literal, [$($edit:expr),* $(,)?], $marker:expr) => {
        rule_test!($name, $rule, [$($edit),*], $marker, 1);
    };
    ($name:ident, $rule:literal, [$($edit:expr),* $(,)?], $marker:expr, $nth:expr) => {
        #[test]
        fn $name() {
            assert_rule($rule, &[$($edit),*], $marker, $nth);
        }
    };
}

const RC_ADMIN: (&str, &str) = ("类型: 公益一类事业单位", "类型: 行政单位");

rule_test!(
    format_version,
    "format-version",
    [("格式版本: 1", "格式版本: 2")],
    "格式版本: 2"
);
rule_test!(
    unit_name_blank,
    "unit-name-blank",
    [("  名称: 大同市财政信息中心\n", "  名称: \"\"\n")],
    "名称: \"\""
);
rule_test!(
    department_code,
    "department-code",
    [("编码: \"035\"", "编码: \"35\"")],
    "编码: \"35\""
);
rule_test!(
    duty_numbered,
    "duty-numbered",
    [("- 负责制定财政信息化规划", "- 1、负责制定财政信息化规划")],
    "1、负责制定"
);
rule_test!(
    amount_negative,
    "amount-negative",
    [("金额: 727600", "金额: -727600")],
    "-727600"
);
rule_test!(
    amount_negative_zero,
    "amount-negative-zero",
    [("金额: 1800 }", "金额: -0 }")],
    "金额: -0"
);
rule_test!(
    amount_precision,
    "amount-precision",
    [("金额: 1800 }", "金额: 1800.005 }")],
    "1800.005"
);
rule_test!(
    function_code_unknown,
    "function-code-unknown",
    [("功能科目: 2100799", "功能科目: 2109999")],
    "2109999"
);
rule_test!(
    function_code_level,
    "function-code-level",
    [("功能科目: 2100799", "功能科目: 21007")],
    "功能科目: 21007,"
);
rule_test!(
    economic_code_unknown,
    "economic-code-unknown",
    [("经济科目: 30309", "经济科目: 30398")],
    "30398"
);
rule_test!(
    economic_code_level,
    "economic-code-level",
    [("经济科目: 30309", "经济科目: 303")],
    "经济科目: 303,"
);
rule_test!(
    government_code_unknown,
    "government-code-unknown",
    [("政府经济科目: 50901", "政府经济科目: 59999")],
    "59999"
);
rule_test!(
    code_named_by_file,
    "code-named-by-file",
    [
        (
            "金额单位: 元\n",
            "金额单位: 元\n科目名称: { \"30398\": 某项补助 }\n"
        ),
        ("经济科目: 30309", "经济科目: 30398")
    ],
    "经济科目: 30398"
);
rule_test!(
    form_stale_year,
    "form-stale-year",
    [(
        "填报日期: \"20231120163030\"",
        "填报日期: \"20211120163030\""
    )],
    "20211120163030"
);
rule_test!(
    reason_direction,
    "reason-direction",
    [("项目经费减少导致的", "项目经费增加导致的")],
    "项目经费增加导致的"
);
rule_test!(
    project_term,
    "project-term",
    [("期限: 经常性", "期限: 常年性")],
    "期限: 常年性"
);
rule_test!(
    text_implausible_year,
    "text-implausible-year",
    [("项目经费减少导致的", "2042年项目经费减少导致的")],
    "2042年"
);
rule_test!(
    text_doubled_word,
    "text-doubled-word",
    [("项目经费减少导致的", "项目经费减少减少导致的")],
    "减少减少"
);
rule_test!(
    text_change_contradiction,
    "text-change-contradiction",
    [("项目经费减少导致的", "项目经费与上年减少持平")],
    "减少持平"
);
rule_test!(
    economic_mapping_conflict,
    "economic-mapping-conflict",
    [(
        "2210202, 经济科目: 30102, 政府经济科目: 50501",
        "2210202, 经济科目: 30102, 政府经济科目: 50502"
    )],
    "30102, 政府经济科目: 50502"
);
rule_test!(
    economic_mapping_class,
    "economic-mapping-class",
    [(
        "经济科目: 30302, 政府经济科目: 50905",
        "经济科目: 30302, 政府经济科目: 50502"
    )],
    "30302, 政府经济科目: 50502"
);
rule_test!(
    code_name_override,
    "code-name-override",
    [(
        "\n基本支出:\n",
        "\n科目名称:\n  \"2010650\": 事业运行支出\n基本支出:\n"
    )],
    "事业运行支出"
);
rule_test!(
    project_duplicate,
    "project-duplicate",
    [("名称: J事业运转工作经费", "名称: QT专项人员事务经费")],
    "一般公共预算: 159300"
);
rule_test!(
    basic_line_duplicate,
    "basic-line-duplicate",
    [(
        "  # 商品和服务支出",
        "  - { 功能科目: 2010650, 经济科目: 30101, 政府经济科目: 50501, 金额: 1 }\n  # 商品和服务支出"
    )],
    "金额: 1 }"
);
rule_test!(
    department_duplicate,
    "department-duplicate",
    [("名称: 财务部", "名称: 办公室")],
    "名称: 办公室",
    2
);
rule_test!(
    project_empty,
    "project-empty",
    [("资金: { 一般公共预算: 21100 }", "资金: {}")],
    "J残疾人保障金"
);
rule_test!(
    three_public_vs_economic,
    "three-public-vs-economic",
    [(
        "本年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 16000 }",
        "本年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 10000 }"
    )],
    "运行维护费: 10000"
);
rule_test!(
    unit_kind,
    "unit-kind",
    [("类型: 公益一类事业单位", "类型: 公益一类事业")],
    "类型: 公益一类事业"
);
rule_test!(
    running_costs_unit_type,
    "running-costs-unit-type",
    [(
        "\n政府采购:",
        "\n机关运行经费: { 本年: 10000, 上年: 10000 }\n政府采购:"
    )],
    "机关运行经费: {"
);
rule_test!(
    running_costs_missing,
    "running-costs-missing",
    [RC_ADMIN],
    "类型: 行政单位"
);
rule_test!(
    running_costs_exceed_public,
    "running-costs-exceed-public",
    [
        RC_ADMIN,
        (
            "\n政府采购:",
            "\n机关运行经费: { 本年: 2000000, 上年: 2000000 }\n政府采购:"
        )
    ],
    "机关运行经费: {"
);
rule_test!(
    procurement_total,
    "procurement-total",
    [("  服务: 3151900\n", "  服务: 3151900\n  总额: 3217300\n")],
    "总额: 3217300"
);
rule_test!(
    procurement_exceeds_spending,
    "procurement-exceeds-spending",
    [("服务: 3151900", "服务: 99151900")],
    "政府采购:"
);
rule_test!(
    fund_revenue_mismatch,
    "fund-revenue-mismatch",
    [(
        "\n上年:\n",
        "\n政府性基金收入:\n  - { 科目: 1030148, 名称: 国有土地使用权出让收入, 金额: 100 }\n上年:\n"
    )],
    "科目: 1030148"
);
rule_test!(
    vehicles_total,
    "vehicles-total",
    [("实有数: 1", "实有数: 2")],
    "实有数: 2"
);
rule_test!(
    size_limit,
    "size-limit",
    [(
        "保证项目实施的制度措施: 运维服务管理办法\n",
        &format!("保证项目实施的制度措施: {}\n", "长".repeat(10_001))
    )],
    "长长长长"
);
rule_test!(
    count_range,
    "count-range",
    [(
        "分类: { 其他公务用车: 1 }",
        "分类: { 领导用车: 4294967295, 其他公务用车: 1 }"
    )],
    "领导用车: 4294967295"
);

#[test]
fn vehicle_categories_do_not_wrap_around() {
    // 4294967295 + 1 in u32 is 0; the sum must not pass for 实有 1.
    let text = mutate(&[(
        "分类: { 其他公务用车: 1 }",
        "分类: { 领导用车: 4294967295, 其他公务用车: 1 }",
    )]);
    let found = diagnostics(&text);
    assert!(
        found.iter().any(|d| d.rule == "vehicles-total"),
        "{found:?}"
    );
}
rule_test!(
    vehicles_over_quota,
    "vehicles-over-quota",
    [("编制数: 1", "编制数: 0")],
    "实有数: 1"
);
rule_test!(
    equipment_counts,
    "equipment-counts",
    [("100万元以上通用设备: 0", "100万元以上通用设备: 1")],
    "100万元以上通用设备: 1"
);
rule_test!(
    assets_date,
    "assets-date",
    [("截至日期: 2023-12-31", "截至日期: 2024-12-31")],
    "截至日期: 2024-12-31"
);
rule_test!(
    signature_date,
    "signature-date",
    [("日期: 2024-04-15", "日期: 2023-04-15")],
    "日期: 2023-04-15"
);
rule_test!(
    total_change_reason,
    "total-change-reason",
    [("  收支变动原因: 我单位本年度项目经费减少导致的\n", "")],
    "上年:"
);
rule_test!(
    general_public_change_reason,
    "general-public-change-reason",
    [(
        "一般公共预算当年支出: 12113200",
        "一般公共预算当年支出: 12000000"
    )],
    "一般公共预算当年支出: 12000000"
);
rule_test!(
    three_public_change_reason,
    "three-public-change-reason",
    [(
        "上年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 16000 }",
        "上年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 20000 }"
    )],
    "三公经费:"
);
rule_test!(
    running_costs_change_reason,
    "running-costs-change-reason",
    [
        RC_ADMIN,
        (
            "\n政府采购:",
            "\n机关运行经费: { 本年: 10000, 上年: 12000 }\n政府采购:"
        )
    ],
    "机关运行经费: {"
);
rule_test!(
    form_duplicate,
    "form-duplicate",
    [("项目名称: Z网络运行维护费", "项目名称: Z专项业务工作经费")],
    "项目名称: Z专项业务工作经费",
    2
);
rule_test!(
    form_funds_mismatch,
    "form-funds-mismatch",
    [(
        "年度资金: { 资金总额: 850600, 中央财政资金: 0, 省级财政资金: 0, 市县财政资金: 850600",
        "年度资金: { 资金总额: 850700, 中央财政资金: 0, 省级财政资金: 0, 市县财政资金: 850700"
    )],
    "资金总额: 850700"
);
rule_test!(
    form_funds_breakdown,
    "form-funds-breakdown",
    [(
        "实施期资金: { 资金总额: 230000, 中央财政资金: 0, 省级财政资金: 0, 市县财政资金: 230000",
        "实施期资金: { 资金总额: 230000, 中央财政资金: 0, 省级财政资金: 0, 市县财政资金: 220000"
    )],
    "市县财政资金: 220000"
);
rule_test!(
    form_period_funds,
    "form-period-funds",
    [(
        "实施期资金: { 资金总额: 230000, 中央财政资金: 0, 省级财政资金: 0, 市县财政资金: 230000",
        "实施期资金: { 资金总额: 200000, 中央财政资金: 0, 省级财政资金: 0, 市县财政资金: 200000"
    )],
    "资金总额: 200000"
);
rule_test!(
    form_cost_indicator,
    "form-cost-indicator",
    [("指标值: ≤23万元", "指标值: ≤25万元")],
    "≤25万元"
);
rule_test!(
    form_indicator_names,
    "form-indicator-names",
    [(
        "质量指标: [{ 名称: 故障处理率(%)",
        "质量指表: [{ 名称: 故障处理率(%)"
    )],
    "质量指表"
);
rule_test!(
    form_indicator_empty,
    "form-indicator-empty",
    [("指标值: 每天一次", "指标值: \"\"")],
    "指标值: \"\""
);
rule_test!(
    form_indicator_unit,
    "form-indicator-unit",
    [(
        "名称: 网络安全工作覆盖率, 指标值: ≥95%",
        "名称: 网络安全工作覆盖率, 指标值: ≥95无"
    )],
    "≥95无"
);
rule_test!(
    form_amount_precision,
    "form-amount-precision",
    [("资金总额: 839100, 中央", "资金总额: 839100.001, 中央")],
    "839100.001"
);
rule_test!(
    text_placeholder,
    "text-placeholder",
    [("项目实施计划: 按合同约定进度执行。", "项目实施计划: 待填写")],
    "项目实施计划: 待填写"
);
rule_test!(
    text_wrong_year,
    "text-wrong-year",
    [(
        "实施期: 2024年1月-12月保障单位正常运转。",
        "实施期: 2023年度保障单位正常运转。"
    )],
    "2023年度"
);

rule_test!(
    last_year_by_source,
    "last-year-by-source",
    [(
        "  一般公共预算当年支出: 12113200\n",
        "  一般公共预算当年支出: 12113200\n  按来源: { 一般公共预算: 12000000 }\n"
    )],
    "按来源: { 一般公共预算: 12000000 }"
);

rule_test!(
    vehicle_category_unknown,
    "vehicle-category-unknown",
    [("分类: { 其他公务用车: 1 }", "分类: { 其它公务用车: 1 }")],
    "分类: { 其它公务用车: 1 }"
);

rule_test!(
    procurement_reserved,
    "procurement-reserved",
    [(
        "  服务: 3151900\n",
        "  服务: 3151900\n  面向中小企业预留: 1000000\n  其中小微企业: 1200000\n"
    )],
    "其中小微企业: 1200000"
);

rule_test!(
    text_past_year_plan,
    "text-past-year-plan",
    [(
        "收支变动原因: 我单位本年度项目经费减少导致的",
        "收支变动原因: 主要原因是2023年无新增项目计划"
    )],
    "2023年无新增项目计划"
);
rule_test!(
    text_instruction,
    "text-instruction",
    [(
        "收支变动原因: 我单位本年度项目经费减少导致的",
        "收支变动原因: 主要原因是（说明增减原因……等）"
    )],
    "（说明增减原因……等）"
);

#[test]
fn a_comparison_with_last_years_budget_is_no_wrong_year() {
    let text = sample_text().replace(
        "收支变动原因: 我单位本年度项目经费减少导致的",
        "收支变动原因: 项目经费比2023年预算减少",
    );
    let found = diagnostics(&text);
    assert!(
        !found.iter().any(|d| d.rule.starts_with("text-")),
        "{found:?}"
    );
}

/// The two findings the reference itself produces.
#[test]
fn sample_warns_only_about_the_reference_name_mismatch() {
    let text = sample_text();
    let found = diagnostics(&text);
    let warnings: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warnings[0];
    assert_eq!(w.rule, "form-project-unknown");
    assert_eq!(w.severity, Severity::Warning);
    assert!(
        w.message.contains("Z财政业务软件服务费") && w.message.contains("Z财政业务及软件维护费")
    );
    assert_eq!(
        w.span.map(|s| s.line),
        Some(line_of(&text, "项目名称: Z财政业务软件服务费", 1))
    );
}

#[test]
fn form_naming_no_project_suggests_the_nearest() {
    let text = mutate(&[
        ("项目名称: Z网络运行维护费", "项目名称: Z网络运行维修费"),
        ("资金总额: 850600, 中央", "资金总额: 850601, 中央"),
        ("资金总额: 850600, 中央", "资金总额: 850601, 中央"),
    ]);
    let found = diagnostics(&text);
    let d = found
        .iter()
        .find(|d| d.rule == "form-project-unknown" && d.message.contains("维修费"))
        .expect("fires");
    assert_eq!(d.help.as_deref(), Some("是否应为“Z网络运行维护费”？"));
}

#[test]
fn rounding_differences_are_notes_naming_the_figures() {
    let found = diagnostics(&sample_text());
    let notes: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.rule == "rounding-difference")
        .collect();
    assert_eq!(notes.len(), 2);
    assert!(notes.iter().all(|d| d.severity == Severity::Note));
    assert!(notes.iter().any(|d| d.message.contains("22102")
        && d.message.contains("20.91")
        && d.message.contains("20.92")));
    assert!(
        notes
            .iter()
            .any(|d| d.message.contains("1101.04") && d.message.contains("1101.03"))
    );
}

#[test]
fn every_rule_has_a_test_here() {
    let me = include_str!("check_rules.rs");
    for r in RULES {
        assert!(
            me.contains(&format!("\"{}\"", r.id)),
            "rule {} has no test",
            r.id
        );
    }
    assert!(RULES.len() >= 25);
}

#[test]
fn a_year_without_a_catalogue_is_an_error_at_the_year() {
    let text = mutate(&[("年度: 2024\n金额单位", "年度: 2019\n金额单位")]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("2019.yaml");
    std::fs::write(&path, &text).expect("write");
    let checked =
        gongkai::run::check_file(&path, None, &gongkai::conventions::Conventions::default());
    let d = &checked.report.diagnostics;
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].rule, "catalog-missing");
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!(
        d[0].span.map(|s| s.line),
        Some(line_of(&text, "年度: 2019", 1))
    );
    assert!(
        d[0].message.contains("2024 年、2025 年、2026 年"),
        "{}",
        d[0].message
    );
    assert!(d[0].message.contains("--catalog"), "{}", d[0].message);
}

#[test]
fn last_year_figures_must_be_typed_without_a_linked_file() {
    assert_rule(
        "last-year-missing",
        &[("  收支总计: 12113200\n", "")],
        "上年:",
        1,
    );
}

/// The 2025 sample with `edits` beside the 2024 one it links.
fn linked_with(edits: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf, String) {
    linked_pair(|mut text| {
        for (from, to) in edits {
            assert!(text.contains(from), "2025 sample lacks {from:?}");
            text = text.replacen(from, to, 1);
        }
        text
    })
}

#[test]
fn last_years_sources_typed_beside_a_linked_file_must_be_its_own() {
    let source = gongkai::conventions::Conventions::default();
    let (_dir, agreeing, _) = linked_with(&[(
        "  文件: datong-finance-info-center-2024.yaml\n",
        "  文件: datong-finance-info-center-2024.yaml\n  按来源: { 一般公共预算: 11010425, 单位资金: 0 }\n",
    )]);
    assert!(findings_of(&agreeing, "last-year-disagrees", &source).is_empty());
    let (_dir, path, text) = linked_with(&[(
        "  文件: datong-finance-info-center-2024.yaml\n",
        "  文件: datong-finance-info-center-2024.yaml\n  按来源: { 一般公共预算: 11010425, 单位资金: 5 }\n",
    )]);
    let d = findings_of(&path, "last-year-disagrees", &source);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].path, "上年.按来源.单位资金");
    assert_eq!(
        d[0].span.map(|s| s.line),
        Some(line_of(&text, "按来源:", 1))
    );
}

#[test]
fn a_typed_figure_that_contradicts_the_linked_file_names_both_files_and_lines() {
    let source = gongkai::conventions::Conventions::default();
    let (_dir, clean, _) = linked_with(&[]);
    assert!(findings_of(&clean, "last-year-disagrees", &source).is_empty());
    let (_dir, path, text) = linked_with(&[
        (
            "  文件: datong-finance-info-center-2024.yaml\n",
            "  文件: datong-finance-info-center-2024.yaml\n  收支总计: 11010401\n",
        ),
        (
            "三公经费:\n",
            "三公经费:\n  上年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 15000 }\n",
        ),
    ]);
    let d = findings_of(&path, "last-year-disagrees", &source);
    assert_eq!(d.len(), 2, "{d:?}");
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!(
        d[0].span.map(|s| s.line),
        Some(line_of(&text, "收支总计: 11010401", 1))
    );
    assert!(
        d[0].message
            .contains("datong-finance-info-center-2024.yaml"),
        "{}",
        d[0].message
    );
    assert!(
        d[0].message
            .contains("的 1,101.04 万元（11,010,425 元）不一致"),
        "{}",
        d[0].message
    );
    // The 三公 part points at the line of last year's own figure.
    let old_line = line_of(&sample_text(), "  本年: { 因公出国境费", 1);
    assert!(
        d[1].message.contains(&format!("第 {old_line} 行")),
        "{}",
        d[1].message
    );
    assert_eq!(
        d[1].span.map(|s| s.line),
        Some(line_of(&text, "公务用车运行维护费: 15000", 1))
    );
}

#[test]
fn last_years_file_with_errors_is_a_warning_here() {
    let source = gongkai::conventions::Conventions::default();
    let (dir, path, text) = linked_with(&[]);
    std::fs::write(
        dir.path().join("datong-finance-info-center-2024.yaml"),
        sample_text().replacen("  收支总计: 12113200\n", "", 1),
    )
    .expect("write");
    let d = findings_of(&path, "last-year-file-errors", &source);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        d[0].span.map(|s| s.line),
        Some(line_of(&text, "文件: datong", 1))
    );
    assert!(d[0].message.contains("1 个错误"), "{}", d[0].message);
}

#[test]
fn codes_renamed_or_dropped_between_the_years_catalogues_are_noted() {
    let (dir, path, _) = linked_with(&[("功能科目: 2100799,", "功能科目: 2101102,")]);
    let catalogue = std::fs::read_to_string(root().join("layouts/catalog/2025.yaml"))
        .expect("catalogue")
        .replace("\"2010650\": 事业运行", "\"2010650\": 事业运行（新）")
        .replace("  \"2100799\": 其他计划生育事务支出\n", "");
    assert!(catalogue.contains("事业运行（新）") && !catalogue.contains("2100799"));
    let file = dir.path().join("2025-catalog.yaml");
    std::fs::write(&file, catalogue).expect("write");
    let source = gongkai::conventions::Conventions {
        file: Some(file),
        folder: None,
        ..Default::default()
    };
    let d = findings_of(&path, "last-year-code-changed", &source);
    let said: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(d.len(), 2, "{said:?}");
    assert!(
        said.iter()
            .any(|m| m.contains("2010650") && m.contains("改为“事业运行（新）”"))
    );
    assert!(
        said.iter()
            .any(|m| m.contains("2100799") && m.contains("已没有"))
    );
    assert!(d.iter().all(|d| d.severity == Severity::Note));
}

/// The bundled set's conventions with one declared field per scope the rules read.
fn profile_with_fields() -> gongkai::conventions::Profile {
    let set = gongkai::layout::LayoutSet::open(gongkai::layout::default_set()).expect("set");
    let mut profile = set.spec.check.clone();
    profile.fields = serde_yaml::from_str(
        "预算: { 公开网址: { type: 文字, required: true } }\n单位: { 编制数: { type: 整数 } }\n",
    )
    .expect("declaration");
    profile
}

#[test]
fn layout_fields_fire_at_the_misspelt_field() {
    let text = mutate(&[(
        "  名称: 大同市财政信息中心\n",
        "  名称: 大同市财政信息中心\n  版式字段: { 编制人数: 12 }\n",
    )]) + "版式字段:\n  公开网址: https://example.gov.cn\n";
    let loaded = load(&text);
    let catalog = Catalog::for_year(2024).expect("catalogue");
    let ledger = compute(&loaded.budget, &catalog);
    let profile = profile_with_fields();
    let found = gongkai::check::check_with(
        &loaded,
        &ledger,
        &catalog,
        &profile,
        &gongkai::compute::prior::Link::Typed,
        None,
    );
    let hits: Vec<&Diagnostic> = found.iter().filter(|d| d.rule == "layout-fields").collect();
    assert_eq!(hits.len(), 1, "{found:?}");
    assert!(
        hits[0].message.contains("您是否想写“编制数”"),
        "{}",
        hits[0].message
    );
    assert_eq!(
        hits[0].span.map(|s| s.line),
        Some(line_of(&text, "编制人数", 1))
    );
    // Without the declaration the sample's own file is clean.
    assert!(
        !diagnostics(&sample_text())
            .iter()
            .any(|d| d.rule == "layout-fields")
    );
}

#[test]
fn department_layout_fields_want_the_required_field() {
    let loaded = load(&sample_text());
    let catalog = Catalog::for_year(2024).expect("catalogue");
    let ledger = compute(&loaded.budget, &catalog);
    let found =
        gongkai::check::department_rules(&loaded.budget, &ledger, &catalog, &profile_with_fields());
    let d = found
        .iter()
        .find(|d| d.rule == "department-layout-fields")
        .expect("fires");
    assert!(
        d.message.contains("部门文件缺少版式要求的字段“公开网址”"),
        "{}",
        d.message
    );
}

#[test]
fn layout_requires_what_the_bundled_set_prints() {
    // The bundled set requires 办公用房面积, which the budget format leaves optional.
    let text = mutate(&[("  办公用房面积: 5362.7\n", "")]);
    let found = diagnostics(&text);
    let d = found
        .iter()
        .find(|d| d.rule == "layout-requires")
        .expect("fires");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("国有资产.办公用房面积"), "{}", d.message);
    assert_eq!(d.span.map(|s| s.line), Some(line_of(&text, "国有资产:", 1)));
    assert!(
        !diagnostics(&sample_text())
            .iter()
            .any(|d| d.rule == "layout-requires")
    );
    // Without the set's conventions the field may be left out.
    let loaded = load(&text);
    let catalog = Catalog::for_year(2024).expect("catalogue");
    let plain = gongkai::check::check(&loaded, &compute(&loaded.budget, &catalog), &catalog);
    assert!(
        !plain.iter().any(|d| d.rule == "layout-requires"),
        "{plain:?}"
    );
}

#[test]
fn a_code_split_between_personnel_and_public_use_is_no_duplicate() {
    let line = "  - { 功能科目: 2010650, 经济科目: 30101, 政府经济科目: 50501, 金额: 1 }\n  # 商品和服务支出";
    let split = "  - { 功能科目: 2010650, 经济科目: 30101, 政府经济科目: 50501, 金额: 1, 经费类型: 公用经费 }\n  # 商品和服务支出";
    let found = diagnostics(&mutate(&[("  # 商品和服务支出", split)]));
    assert!(
        !found.iter().any(|d| d.rule == "basic-line-duplicate"),
        "{found:?}"
    );
    let found = diagnostics(&mutate(&[("  # 商品和服务支出", line)]));
    assert!(found.iter().any(|d| d.rule == "basic-line-duplicate"));
}

/// Unit kinds are the catalogue's: a catalogue that adds a kind with
/// 机关运行经费 makes the checker expect them of it.
#[test]
fn a_catalogue_kind_with_running_costs_is_held_to_them() {
    let text = mutate(&[("类型: 公益一类事业单位", "类型: 群团机关")]);
    let loaded = load(&text);
    let mut catalog = Catalog::for_year(2024).expect("2024");
    let ledger = compute(&loaded.budget, &catalog);
    let rules = |catalog: &Catalog| -> Vec<String> {
        gongkai::check::check(&loaded, &ledger, catalog)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.rule.to_string())
            .collect()
    };
    let before = rules(&catalog);
    assert!(before.contains(&"unit-kind".to_string()), "{before:?}");
    assert!(!before.contains(&"running-costs-missing".to_string()));
    catalog.unit_kinds.push("群团机关".into());
    catalog.kinds_with_running_costs.push("群团机关".into());
    let after = rules(&catalog);
    assert!(!after.contains(&"unit-kind".to_string()), "{after:?}");
    assert!(
        after.contains(&"running-costs-missing".to_string()),
        "{after:?}"
    );
}

/// A new year's draft nobody has filled in (every line at last year's
/// amount) is a warning at its first amount; the 2025 sample, whose
/// amounts moved, is silent.
#[test]
fn a_draft_with_last_years_amounts_is_a_warning() {
    let source = gongkai::conventions::Conventions::default();
    let (_dir, path, _) = linked_with(&[]);
    assert!(findings_of(&path, "draft-amounts-unchanged", &source).is_empty());
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("2025-草稿.yaml");
    let (code, said) = gongkai_said(&["new-year", SAMPLE, "-o", as_str(&draft)]);
    assert_eq!(code, Some(0), "{said}");
    let text = std::fs::read_to_string(&draft).expect("draft");
    let d = findings_of(&draft, "draft-amounts-unchanged", &source);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        d[0].span.map(|s| s.line),
        Some(line_of(&text, "金额: 727600", 1))
    );
}

/// Project money without 绩效目标 beyond the set's share is a note; a set
/// that says nothing about it says nothing.
#[test]
fn project_money_without_targets_beyond_the_sets_share_is_noted() {
    let (_d, file) = temp_file("单位.yaml", sample_text().as_bytes());
    let (_, said) = gongkai_said(&["check", as_str(&file)]);
    assert!(!said.contains("performance-share"), "{said}");
    let set = copied_set("shanxi-unit-2024");
    edit(
        &set.path().join("layout.yaml"),
        "  cost_indicators: [产出指标.成本指标]\n",
        "  cost_indicators: [产出指标.成本指标]\n  max_share_without_targets: 50\n",
    );
    let (_, said) = gongkai_said(&["check", as_str(&file), "--layout", as_str(set.path())]);
    assert!(
        said.contains(
            "提示[performance-share]: 没有编报绩效目标的项目占项目支出的 100%，超过版式的 50%"
        ),
        "{said}"
    );
    // Marked as having targets, the money no longer counts.
    let marked = sample_text().replace(
        "资金: { 一般公共预算:",
        "编报绩效目标: true, 资金: { 一般公共预算:",
    );
    let (_d2, file) = temp_file("单位.yaml", marked.as_bytes());
    let (_, said) = gongkai_said(&["check", as_str(&file), "--layout", as_str(set.path())]);
    assert!(!said.contains("performance-share"), "{said}");
}

/// The “三公” reason is held to its total too: the 2025 sample's reason
/// names a rise and a fall (silent); turned into a fall alone while the
/// total rose, it is a warning at its line.
#[test]
fn a_three_public_reason_against_its_total_is_a_warning() {
    let source = gongkai::conventions::Conventions::default();
    let (_d, path, _) = linked_with(&[]);
    assert!(findings_of(&path, "reason-direction", &source).is_empty());
    let reason = "本年承办全省财政信息化业务交流，公务接待费增加；车辆保险和维修费用下降，公务用车运行维护费减少";
    let (_d2, path, text) = linked_with(&[(reason, "公务用车运行维护费减少")]);
    let d = findings_of(&path, "reason-direction", &source);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].message.contains("“三公”经费合计比上年增加"),
        "{}",
        d[0].message
    );
    assert_eq!(
        d[0].span.map(|s| s.line),
        Some(line_of(&text, "变动原因: 公务用车运行维护费减少", 1))
    );
}

/// A field the set neither prints nor checks is a note once, at its first
/// place: the Shanxi set counts every project, so `编报绩效目标: true`
/// changes nothing there. A set that prints it (Shanghai's counts) or checks
/// it (`max_share_without_targets`) says nothing.
#[test]
fn a_field_the_set_never_prints_is_noted_once_at_its_first_place() {
    let (_d, file) = temp_file("单位.yaml", sample_text().as_bytes());
    let (_, said) = gongkai_said(&["check", as_str(&file)]);
    assert!(!said.contains("field-unprinted"), "{said}");
    let marked = sample_text().replace(
        "资金: { 一般公共预算: 159300 }",
        "资金: { 一般公共预算: 159300 }, 编报绩效目标: true",
    );
    let marked = marked.replace(
        "资金: { 一般公共预算: 850600 }",
        "资金: { 一般公共预算: 850600 }, 编报绩效目标: true",
    );
    let (_d2, file) = temp_file("单位.yaml", marked.as_bytes());
    let (code, said) = gongkai_said(&["check", as_str(&file)]);
    assert_eq!(code, Some(0), "a note stops nothing: {said}");
    let line = line_of(&marked, "159300 }, 编报绩效目标", 1);
    assert!(
        said.contains(&format!(
            "提示[field-unprinted]: 所用版式的公开材料不印出、也不检查“项目.编报绩效目标”（共 2 处）：写了不改变生成的文件\n  --> {}:{line}:",
            file.display()
        )),
        "{said}"
    );
    assert_eq!(said.matches("field-unprinted").count(), 1, "{said}");
    // A set that checks the share reads the field.
    let set = copied_set("shanxi-unit-2024");
    edit(
        &set.path().join("layout.yaml"),
        "  cost_indicators: [产出指标.成本指标]\n",
        "  cost_indicators: [产出指标.成本指标]\n  max_share_without_targets: 90\n",
    );
    let (_, said) = gongkai_said(&["check", as_str(&file), "--layout", as_str(set.path())]);
    assert!(!said.contains("field-unprinted"), "{said}");
    // A set whose text prints the count reads it.
    let (_, said) = gongkai_said(&["check", as_str(&file), "--layout", "shanghai-unit-2026"]);
    assert!(!said.contains("field-unprinted"), "{said}");
}

/// `显示` must be a variant of the set: "display-variant" (the full
/// mechanism is tests/it/display_variants.rs).
#[test]
fn a_display_the_set_lacks_is_an_error() {
    let text = sample_text().replacen("年度: 2024\n", "年度: 2024\n显示: 元两位小数\n", 1);
    let d: Vec<_> = diagnostics(&text)
        .into_iter()
        .filter(|d| d.rule == "display-variant")
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        d[0].span.map(|s| s.line),
        Some(line_of(&text, "显示: 元两位小数", 1))
    );
}

/// A unit in brackets, as some formats' forms write their values (`≥95(%)`,
/// `≥3（个）`), is a unit, not a stray word: no form-indicator-unit.
#[test]
fn a_unit_written_in_brackets_is_no_stray_word() {
    let text = sample_text()
        .replacen("指标值: ≥3个 }", "指标值: ≥3（个） }", 1)
        .replacen("指标值: ≥98% }", "指标值: ≥98(%) }", 1);
    assert_ne!(text, sample_text());
    let found: Vec<_> = diagnostics(&text)
        .into_iter()
        .filter(|d| d.rule == "form-indicator-unit")
        .collect();
    assert!(found.is_empty(), "{found:?}");
}

/// `gongkai check` said that `rule` found an error.
fn fired(said: &str, rule: &str) -> bool {
    said.contains(&format!("错误[{rule}]"))
}

/// The 决算 sample's unit file: the 决算 rules' tests edit a copy.
const FINAL_UNIT: &str = "samples/shanghai-putuo-czj-2024-final/01-本级.yaml";

/// A copy of the 决算 sample's folder (the unit file beside the budget it
/// links) whose unit file `edit` changed; `gongkai check` of it with the
/// 决算 set: exit code, what was said, the file.
fn check_final(
    edit: impl Fn(String) -> String,
) -> (Option<i32>, String, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &root().join("samples/shanghai-putuo-czj-2024-final"),
        dir.path(),
    );
    let path = dir.path().join("01-本级.yaml");
    let text = std::fs::read_to_string(&path).expect("unit file");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changes the file");
    std::fs::write(&path, edited).expect("write");
    let (code, said) = gongkai_said(&[
        "check",
        as_str(&path),
        "--layout",
        "shanghai-unit-final-2024",
    ]);
    (code, said, dir, path)
}

#[test]
fn a_closing_balance_that_does_not_close_is_an_error_at_its_line() {
    let (code, said) = gongkai_said(&["check", FINAL_UNIT, "--layout", "shanghai-unit-final-2024"]);
    assert_eq!(code, Some(0), "the sample closes: {said}");
    let (code, said, _dir, path) = check_final(|text| {
        let closing = text.find("  年末结转和结余:").expect("closing");
        format!(
            "{}{}",
            &text[..closing],
            text[closing..].replacen("金额: 216312.45", "金额: 216412.45", 1)
        )
    });
    let line = line_in_file(&path, "  年末结转和结余:");
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "final-closing"), "{said}");
    assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
    assert!(
        said.contains("写作 216,412.45 元") && said.contains("算得 216,312.45 元"),
        "{said}"
    );
}

#[test]
fn spending_more_than_there_was_is_an_error_at_the_income() {
    // Almost no income for 行政运行: 一般公共预算 spends more than it had.
    let (code, said, _dir, path) = check_final(|text| {
        let income = text.find("  收入:").expect("income");
        let start = income
            + text[income..]
                .find("    - { 功能科目: 2010601, 金额: ")
                .expect("2010601");
        let end = start + text[start..].find('\n').expect("eol");
        format!(
            "{}    - {{ 功能科目: 2010601, 金额: 100.00 }}{}",
            &text[..start],
            &text[end..]
        )
    });
    let line = line_in_file(&path, "  收入:");
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "final-overspent"), "{said}");
    assert!(said.contains("一般公共预算：年初结转和结余"), "{said}");
    assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
}

#[test]
fn a_gap_from_the_budget_without_a_reason_is_an_error() {
    // 行政运行 spent 1,511.89 万元 of 1,560.05: its reason taken out.
    let (code, said, _dir, path) = check_final(|text| {
        text.replacen(
            "    \"2010601\": 人员进出及退休变化，减少人员经费开支\n",
            "",
            1,
        )
    });
    let line = line_in_file(&path, "  差异原因:");
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "final-gap-reason"), "{said}");
    assert!(said.contains("2010601 行政运行：决算数 15,118,"), "{said}");
    assert!(said.contains("年初预算数 15,600,460 元"), "{said}");
    assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
    // A 项 whose 决算数 prints as its budget (10.00 of 10.00) needs none:
    // one finding only.
    assert_eq!(said.matches("错误[final-gap-reason]").count(), 1, "{said}");
}

#[test]
fn three_public_off_its_budget_without_a_reason_is_an_error() {
    let (code, said, _dir, path) =
        check_final(|text| text.replacen("    三公经费: 当年度无“三公”经费支出\n", "", 1));
    let line = line_in_file(&path, "  本年: {}");
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "final-three-public-gap"), "{said}");
    assert!(said.contains("决算数 0 元少于预算数 9,500 元"), "{said}");
    assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
}

#[test]
fn a_reason_for_a_code_nobody_has_is_a_warning_at_its_key() {
    let (code, said, _dir, path) = check_final(|text| {
        text.replacen(
            "    三公经费: 当年度无",
            "    \"2050101\": 写错了科目\n    三公经费: 当年度无",
            1,
        )
    });
    let line = line_in_file(&path, "\"2050101\": 写错了科目");
    assert_eq!(code, Some(0), "a warning: {said}");
    assert!(said.contains("警告[final-reason-unknown]"), "{said}");
    assert!(said.contains("final-reason-unknown"), "{said}");
    assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
}

#[test]
fn the_linked_budget_must_be_there_and_that_years_budget() {
    // Not there.
    let (code, said, _dir, path) =
        check_final(|text| text.replacen("预算/01-本级-2024年预算.yaml", "预算/没有.yaml", 1));
    let line = line_in_file(&path, "预算/没有.yaml");
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "final-budget-file"), "{said}");
    assert!(said.contains("找不到预算文件"), "{said}");
    assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
    // Another year's.
    let (code, said, dir, _) =
        check_final(|text| text.replacen("金额单位: 元", "金额单位:  元", 1));
    assert_eq!(code, Some(0), "{said}");
    let budget = dir.path().join("预算/01-本级-2024年预算.yaml");
    edit(&budget, "年度: 2024", "年度: 2023");
    let (code, said) = gongkai_said(&[
        "check",
        as_str(&dir.path().join("01-本级.yaml")),
        "--layout",
        "shanghai-unit-final-2024",
    ]);
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "final-budget-file"), "{said}");
    assert!(said.contains("年度是 2023，决算是 2024 年度的"), "{said}");
    // A 决算 linked as its own budget.
    let (code, said, _dir, _) =
        check_final(|text| text.replacen("预算/01-本级-2024年预算.yaml", "01-本级.yaml", 1));
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "final-budget-file"), "{said}");
    assert!(said.contains("不是预算文件"), "{said}");
}

#[test]
fn a_final_accounts_file_needs_a_final_accounts_set_and_back() {
    // The 决算 file with a budget set: refused at its 决算 section.
    let unit = root().join(FINAL_UNIT);
    let line = line_in_file(&unit, "决算:");
    let (code, said) = gongkai_said(&["check", as_str(&unit), "--layout", "shanghai-unit-2026"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "final-kind"), "{said}");
    assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
    // A budget with the 决算 set: refused, naming what is missing.
    let budget = root().join("samples/shanghai-putuo-wenlvju-2026/05-图书馆.yaml");
    let (code, said) = gongkai_said(&[
        "check",
        as_str(&budget),
        "--layout",
        "shanghai-unit-final-2024",
    ]);
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "final-kind"), "{said}");
    assert!(said.contains("没有 决算 一节"), "{said}");
    // And build writes nothing for it.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let (code, _) = gongkai_said(&[
        "build",
        as_str(&budget),
        "-o",
        as_str(&out),
        "--layout",
        "shanghai-unit-final-2024",
    ]);
    assert_eq!(code, Some(1));
    assert!(!out.exists() || std::fs::read_dir(&out).expect("out").next().is_none());
}

#[test]
fn a_final_accounts_opening_is_last_years_closing() {
    // Next year's draft of the 决算 sample: it begins where 2024 ended.
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &root().join("samples/shanghai-putuo-czj-2024-final"),
        dir.path(),
    );
    let draft = dir.path().join("2025.yaml");
    let (code, said) = gongkai_said(&[
        "new-year",
        as_str(&dir.path().join("01-本级.yaml")),
        "-o",
        as_str(&draft),
        "--layout",
        "shanghai-unit-final-2024",
    ]);
    assert_eq!(code, Some(0), "{said}");
    let check = || {
        gongkai_said(&[
            "check",
            as_str(&draft),
            "--layout",
            "shanghai-unit-final-2024",
        ])
    };
    let (_, said) = check();
    assert!(!said.contains("final-opening-carried"), "{said}");
    // A cent more than 2024 left.
    edit(&draft, "金额: 216312.45", "金额: 216312.46");
    let line = line_in_file(&draft, "  年初结转和结余:");
    let (code, said) = check();
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "final-opening-carried"), "{said}");
    assert!(
        said.contains("一般公共预算的年初结转和结余 216,312.46 元，2024 年度决算的年末结转和结余是 216,312.45 元"),
        "{said}"
    );
    assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
}

#[test]
fn a_self_evaluation_that_does_not_add_up_is_an_error_at_its_line() {
    for (from, to, says) in [
        (
            "评级: { 优: 4,",
            "评级: { 优: 3,",
            "评级为优、良、合格、不合格的项目共 3 个，绩效自评的项目是 4 个",
        ),
        (
            "问题: { 发现: 0,",
            "问题: { 发现: 2,",
            "发现问题 2 个，已整改 0 个、正在整改 0 个",
        ),
        (
            "平均得分: 99.43",
            "平均得分: 994.3",
            "平均得分 994.3 不在 0 到 100 之间",
        ),
    ] {
        let (code, said, _dir, path) = check_final(|text| text.replacen(from, to, 1));
        let line = line_in_file(&path, to);
        assert_eq!(code, Some(1), "{said}");
        assert!(fired(&said, "final-evaluation"), "{said}");
        assert!(said.contains(says), "{says}: {said}");
        assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
    }
}

#[test]
fn more_won_by_small_firms_than_was_bought_is_an_error() {
    let (code, said, _dir, path) =
        check_final(|text| text.replacen("其他项目: 47852.00", "其他项目: 478520.00", 1));
    let line = line_in_file(&path, "中小企业中标:");
    assert_eq!(code, Some(1), "{said}");
    assert!(fired(&said, "procurement-awarded"), "{said}");
    assert!(said.contains("多于政府采购金额 2,512,503 元"), "{said}");
    assert!(said.contains(&format!(":{line}:")), "line {line}: {said}");
}
