//! The rule table. Ids are stable: documentation and users' scripts refer to them.

mod amounts;
mod assets;
mod codes;
mod duplicates;
mod fields;
mod final_accounts;
mod forms;
mod general;
mod limits;

/// What is over a 部门's bounds: (field, message).
pub fn department_size(
    budget: &crate::model::Budget,
    texts: &[(String, String)],
) -> Vec<(String, String)> {
    limits::over(
        budget,
        texts,
        &limits::DEPARTMENT,
        "一个部门汇总",
        "请确认各单位没有重复的文件",
    )
}
mod reasons;
mod sums;
mod text;
mod years;

use super::rule::{Rule, Scope};
use crate::diagnostic::Severity::{Error, Note, Warning};

/// A rule; its scope is a unit's own file unless it says `Both` (a 部门's
/// consolidated budget too).
macro_rules! rule {
    ($id:literal, $sev:expr, $desc:literal, $f:path) => {
        rule!($id, $sev, $desc, $f, Unit)
    };
    ($id:literal, $sev:expr, $desc:literal, $f:path, $scope:ident) => {
        Rule {
            id: $id,
            severity: $sev,
            description: $desc,
            scope: Scope::$scope,
            run: $f,
        }
    };
}

pub static RULES: &[Rule] = &[
    rule!(
        "final-kind",
        Error,
        "决算数据用决算版式，预算数据用预算版式（layout.yaml 的 kind）",
        final_accounts::kind
    ),
    rule!(
        "final-closing",
        Error,
        "决算：写明的年末结转和结余 = 年初结转和结余 + 本年收入 + 使用非财政拨款结余 − 本年支出 − 结余分配（财政拨款按三类分别核对）",
        final_accounts::closing,
        Both
    ),
    rule!(
        "final-opening-carried",
        Error,
        "决算：链接了上年决算（上年.文件）时，年初结转和结余等于上年的年末结转和结余",
        final_accounts::opening_carried
    ),
    rule!(
        "procurement-awarded",
        Error,
        "中小企业供应商中标的金额不多于政府采购金额，小微企业预留项目的不多于全部预留项目的",
        final_accounts::awarded,
        Both
    ),
    rule!(
        "final-evaluation",
        Error,
        "决算：绩效自评的评级个数之和等于自评项目数，已整改与正在整改的问题之和等于发现的问题数，平均得分在 0 到 100 之间",
        final_accounts::evaluation,
        Both
    ),
    rule!(
        "final-gap-reason",
        Error,
        "决算：一般公共预算支出（合计和每个项）的决算数与链接的预算（年初预算数）不同时，写明原因（决算.差异原因）",
        final_accounts::gap_reason,
        Both
    ),
    rule!(
        "final-three-public-gap",
        Error,
        "决算：“三公”经费决算数与预算数不同时，写明原因（决算.差异原因.三公经费）",
        final_accounts::three_public_gap,
        Both
    ),
    rule!(
        "final-reason-unknown",
        Warning,
        "决算：差异原因和全年预算的键是决算或其预算中的功能科目（项），差异原因还可以是 一般公共预算、三公经费",
        final_accounts::reason_unknown,
        Both
    ),
    rule!(
        "final-overspent",
        Error,
        "决算：每类资金的支出不多于年初结转和结余与本年收入之和（年末结转和结余不为负）",
        final_accounts::overspent,
        Both
    ),
    rule!(
        "format-version",
        Error,
        "格式版本必须为 1",
        general::format_version
    ),
    rule!(
        "unit-name-blank",
        Error,
        "单位名称、主管部门名称不能为空",
        general::unit_name_blank,
        Both
    ),
    rule!(
        "department-code",
        Warning,
        "主管部门编码应为 3 位数字",
        general::department_code,
        Both
    ),
    rule!(
        "duty-numbered",
        Warning,
        "职责条目不要自带序号（版式会自动编号）",
        general::duty_numbered,
        Both
    ),
    rule!("amount-negative", Error, "金额不能为负", amounts::negative),
    rule!(
        "amount-negative-zero",
        Warning,
        "金额写作 -0",
        amounts::negative_zero
    ),
    rule!(
        "amount-precision",
        Error,
        "元金额最多两位小数（万元最多六位）",
        amounts::precision
    ),
    rule!(
        "function-code-unknown",
        Error,
        "功能科目编码不在目录中",
        codes::function_unknown
    ),
    rule!(
        "function-code-level",
        Error,
        "功能科目必须写到 7 位的项",
        codes::function_level
    ),
    rule!(
        "economic-code-unknown",
        Error,
        "部门经济科目编码不在目录中",
        codes::economic_unknown
    ),
    rule!(
        "economic-code-level",
        Error,
        "部门经济科目必须写到 5 位的款",
        codes::economic_level
    ),
    rule!(
        "government-code-unknown",
        Error,
        "政府经济科目编码不在目录中或不是 5 位",
        codes::government_unknown
    ),
    rule!(
        "economic-mapping-conflict",
        Error,
        "同一部门经济科目对应了不同的政府经济科目",
        codes::mapping_conflict
    ),
    rule!(
        "economic-mapping-class",
        Warning,
        "部门经济科目与政府经济科目的类不相符",
        codes::mapping_class
    ),
    rule!(
        "code-named-by-file",
        Note,
        "目录中没有、由文件“科目名称”命名的科目",
        codes::named_by_file
    ),
    rule!(
        "code-name-override",
        Warning,
        "文件中的科目名称与目录不一致",
        codes::name_override
    ),
    rule!(
        "project-duplicate",
        Error,
        "项目名称重复",
        duplicates::projects
    ),
    rule!(
        "basic-line-duplicate",
        Warning,
        "同一功能科目、经济科目、资金来源的基本支出重复填写",
        duplicates::basic_lines
    ),
    rule!(
        "department-duplicate",
        Warning,
        "内设机构名称重复",
        duplicates::departments,
        Both
    ),
    rule!(
        "project-empty",
        Warning,
        "项目没有任何资金",
        sums::project_empty
    ),
    rule!(
        "three-public-vs-economic",
        Error,
        "“三公”经费各项不得少于表六对应经济科目（30212、30217、30231、31013）",
        sums::three_public_vs_economic
    ),
    rule!(
        "unit-kind",
        Error,
        "单位类型须是科目目录“单位类型”中的名称",
        general::unit_kind,
        Both
    ),
    rule!(
        "running-costs-unit-type",
        Error,
        "科目目录“有机关运行经费的单位类型”以外的单位（如公益一类事业单位）不应有机关运行经费",
        sums::running_costs_unit_type
    ),
    rule!(
        "running-costs-missing",
        Error,
        "科目目录“有机关运行经费的单位类型”（如行政单位、参公单位）须填写机关运行经费",
        sums::running_costs_missing
    ),
    rule!(
        "running-costs-exceed-public",
        Error,
        "机关运行经费不得超过财政拨款基本支出中的公用经费",
        sums::running_costs_exceed_public
    ),
    rule!(
        "procurement-total",
        Error,
        "政府采购总额须等于货物、工程、服务之和",
        sums::procurement_total
    ),
    rule!(
        "procurement-exceeds-spending",
        Error,
        "政府采购预算不得超过支出总计",
        sums::procurement_exceeds_spending
    ),
    rule!(
        "procurement-reserved",
        Error,
        "面向中小企业预留不超过政府采购预算，其中小型和微型企业不超过中小企业",
        sums::procurement_reserved
    ),
    rule!(
        "fund-revenue-mismatch",
        Error,
        "政府性基金、国有资本经营预算收入须等于对应支出",
        sums::revenue_mismatch
    ),
    rule!(
        "layout-fields",
        Error,
        "版式字段须是版式声明的字段，类型相符，必填的不缺；列出的条目（如名词解释）版式或文件有解释，写了解释的都列出（layout.yaml 的 fields）",
        fields::layout_fields
    ),
    rule!(
        "department-layout-fields",
        Error,
        "部门文件的版式字段须是版式声明的字段，类型相符，必填的不缺；列出的条目版式或文件有解释，写了解释的都列出",
        fields::department_layout_fields,
        Department
    ),
    rule!(
        "layout-requires",
        Error,
        "版式要求填写的字段（layout.yaml 的 check.requires，如办公用房面积）不能缺少",
        fields::layout_requires
    ),
    rule!(
        "project-term",
        Error,
        "项目的期限须是所用版式列出的期限（经常性、一次性，或 layout.yaml 的 project_terms）",
        fields::project_term
    ),
    rule!(
        "display-variant",
        Error,
        "“显示”须是所用版式允许的数字写法（layout.yaml 的 display_variants）",
        fields::display_variant,
        Both
    ),
    rule!(
        "field-unprinted",
        Note,
        "写了所用版式既不印出也不检查的字段（如只统计全部项目的版式中的“编报绩效目标”）",
        fields::unprinted_fields
    ),
    rule!(
        "vehicles-total",
        Error,
        "公务用车分类之和须等于实有数",
        assets::vehicles_total
    ),
    rule!(
        "vehicle-category-unknown",
        Error,
        "车辆分类须是版式列出的分类（layout.yaml 的 vehicle_categories）",
        assets::vehicle_category_unknown
    ),
    rule!(
        "count-range",
        Error,
        "车辆、设备数量不应超过 100000",
        assets::count_range
    ),
    rule!(
        "vehicles-over-quota",
        Warning,
        "公务用车实有数超过编制数",
        assets::vehicles_over_quota
    ),
    rule!(
        "equipment-counts",
        Error,
        "100 万元以上设备数不得多于 50 万元以上设备数",
        assets::equipment_counts
    ),
    rule!(
        "assets-date",
        Warning,
        "国有资产统计日期应为版式的日期（预算：上年 12 月 31 日；决算：本年 12 月 31 日）",
        assets::assets_date
    ),
    rule!(
        "signature-date",
        Warning,
        "落款日期应在预算年度内（决算：在决算年度的下一年）",
        assets::signature_date,
        Both
    ),
    rule!(
        "total-change-reason",
        Error,
        "收支总计比上年增减时须说明原因",
        reasons::total_change,
        Both
    ),
    rule!(
        "general-public-change-reason",
        Error,
        "一般公共预算当年支出比上年增减时须说明原因",
        reasons::general_public_change,
        Both
    ),
    rule!(
        "three-public-change-reason",
        Error,
        "“三公”经费比上年增减时须说明原因",
        reasons::three_public_change,
        Both
    ),
    rule!(
        "running-costs-change-reason",
        Error,
        "机关运行经费比上年增减时须说明原因",
        reasons::running_costs_change,
        Both
    ),
    rule!(
        "last-year-missing",
        Error,
        "未链接上年文件时，上年数须逐项填写",
        years::missing
    ),
    rule!(
        "last-year-disagrees",
        Error,
        "填写的上年数须与链接的上年文件一致",
        years::disagrees
    ),
    rule!(
        "last-year-by-source",
        Error,
        "上年按来源的数与上年一般公共预算当年支出一致、不超过上年收支总计",
        years::by_source
    ),
    rule!(
        "draft-amounts-unchanged",
        Warning,
        "新年度文件的金额与上年逐项相同（草稿还没有改）",
        years::amounts_unchanged
    ),
    rule!(
        "last-year-file-errors",
        Warning,
        "链接的上年文件本身有错误",
        years::file_errors
    ),
    rule!(
        "last-year-code-changed",
        Note,
        "两年科目目录中改名或取消的科目",
        years::codes_changed
    ),
    rule!(
        "form-project-unknown",
        Warning,
        "绩效目标表的项目名称与任何项目都不一致",
        forms::project_unknown
    ),
    rule!(
        "form-duplicate",
        Error,
        "同一项目有多张绩效目标表",
        forms::duplicate
    ),
    rule!(
        "form-funds-mismatch",
        Error,
        "绩效目标表年度资金总额须等于项目金额",
        forms::funds_mismatch
    ),
    rule!(
        "form-funds-breakdown",
        Error,
        "绩效目标表资金总额须等于各来源之和",
        forms::funds_breakdown
    ),
    rule!(
        "form-period-funds",
        Error,
        "实施期资金总额不得少于年度资金总额",
        forms::period_funds
    ),
    rule!(
        "form-cost-indicator",
        Warning,
        "成本指标的金额与项目年度资金不一致",
        forms::cost_indicator
    ),
    rule!(
        "form-indicator-names",
        Error,
        "绩效指标的一级、二级指标须是版式指标体系（layout.yaml 的 indicators）中的名称",
        forms::indicator_names
    ),
    rule!(
        "form-indicator-empty",
        Warning,
        "绩效指标缺少指标值",
        forms::indicator_empty
    ),
    rule!(
        "form-indicator-unit",
        Warning,
        "指标值的单位不明（如“≥95无”）",
        forms::indicator_unit
    ),
    rule!(
        "form-amount-precision",
        Error,
        "绩效目标表金额（元）为负或超过两位小数",
        forms::amount_precision
    ),
    rule!(
        "size-limit",
        Error,
        "一个文件最多 1000 张绩效目标表、2000 个项目、5000 行基本支出，每段文字最多 10000 字",
        limits::size
    ),
    rule!(
        "text-placeholder",
        Error,
        "模板残留（XX、待填写等）",
        text::placeholder,
        Both
    ),
    rule!(
        "text-wrong-year",
        Warning,
        "文字中出现与预算年度不符的“××××年度”",
        text::wrong_year,
        Both
    ),
    rule!(
        "text-past-year-plan",
        Warning,
        "文字把往年写成本年的安排（如 2026 年预算中的“2025年无公车购置计划”）",
        text::past_year_plan,
        Both
    ),
    rule!(
        "form-stale-year",
        Warning,
        "绩效目标表的年度目标、实施计划、指标或填报日期写的是以前年度",
        forms::stale_year
    ),
    rule!(
        "performance-share",
        Note,
        "没有绩效目标的项目支出占比超过版式所允许的",
        forms::share_without_targets
    ),
    rule!(
        "reason-direction",
        Warning,
        "变动原因所说的增减与计算出的增减相反",
        reasons::direction_contradiction,
        Both
    ),
    rule!(
        "text-implausible-year",
        Warning,
        "文字中的年份不像真实年份（20224年，或无“到”字的十年以后，如把 2024 打成 2042）",
        text::implausible_years,
        Both
    ),
    rule!(
        "text-doubled-word",
        Warning,
        "文字中有写了两遍的词（的的、增加增加）",
        text::doubled_word,
        Both
    ),
    rule!(
        "text-change-contradiction",
        Warning,
        "增减与持平自相矛盾（增加持平、减少持平）",
        text::change_contradiction,
        Both
    ),
    rule!(
        "text-instruction",
        Warning,
        "文字中留有模板的填写说明（括号中的“……等”）",
        text::instruction_residue,
        Both
    ),
    rule!(
        "rounding-difference",
        Note,
        "各项显示数之和与合计显示数因四舍五入相差（不是错误）",
        sums::rounding_difference
    ),
];
