//! The budget description as written in YAML, and nothing else.
//!
//! Field doc comments are in Chinese on purpose: they become the JSON Schema's
//! descriptions, which editors show to budget officers.

#[macro_use]
mod labelled;
mod amount;
mod code;
mod common;
mod date;
mod department;
mod fields;
mod final_accounts;
pub mod integer;
mod performance;
mod source;

pub use amount::Amount;
pub use code::{Code, ECONOMIC_LEVELS, FUNCTION_LEVELS};
pub use common::{Body, InternalDepartment, OtherNotes, PerformanceManagement, ThreePublicReasons};
pub use date::Date;
pub use department::{DepartmentFile, DepartmentInfo};
pub use fields::{DeclFault, FieldDecl, FieldScopes, FieldType, FieldValue, Fields};
pub use final_accounts::{
    BalanceLine, BudgetLink, Covered, DocumentKind, FinalAccounts, GAP_REASON_NAMES, Grades,
    IncomeLine, OtherSpendingLine, Problems, SelfEvaluation, SpendingKind,
};
pub use integer::YEARS;
pub use performance::*;
pub use source::Source;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// 一个单位一个年度的预算公开数据。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// 数据格式版本，目前为 1。
    #[serde(rename = "格式版本", deserialize_with = "integer::plain")]
    pub format_version: u32,
    /// 预算年度，如 2024（2000–2100）。
    #[serde(rename = "年度", deserialize_with = "integer::year")]
    #[schemars(range(min = 2000, max = 2100))]
    pub year: i32,
    /// 本文件金额的单位：元（默认）或 万元。
    #[serde(rename = "金额单位", default)]
    pub unit_of_account: UnitOfAccount,
    /// 数字的写法：版式允许的写法之一（如 元两位小数，见 gongkai schema --layout 版式）；不写时用版式的默认写法。
    #[serde(rename = "显示", default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// 单位基本情况。
    #[serde(rename = "单位")]
    pub unit: Unit,
    /// 覆盖目录中的科目名称（编码 → 名称）；目录中没有的地方科目也在这里命名。
    #[serde(rename = "科目名称", default)]
    pub code_names: BTreeMap<String, String>,
    /// 基本支出明细：每行一个功能科目（项）与部门经济科目（款）的组合。
    #[serde(rename = "基本支出", default)]
    pub basic: Vec<BasicLine>,
    /// 项目支出：每个项目一行，按表十二、表十三的顺序。
    #[serde(rename = "项目", default)]
    pub projects: Vec<Project>,
    /// 政府性基金预算收入（表七），按收入科目。
    #[serde(rename = "政府性基金收入", default)]
    pub fund_revenue: Vec<RevenueLine>,
    /// 国有资本经营预算收入（表九），按收入科目。
    #[serde(rename = "国有资本经营收入", default)]
    pub state_capital_revenue: Vec<RevenueLine>,
    /// 上年预算数，用于同比说明。
    #[serde(rename = "上年")]
    pub last_year: LastYear,
    /// 财政拨款安排的“三公”经费。
    #[serde(rename = "三公经费")]
    pub three_public: ThreePublic,
    /// 机关运行经费：仅行政单位和参照公务员法管理的事业单位填写。
    #[serde(rename = "机关运行经费", default)]
    pub running_costs: Option<RunningCosts>,
    /// 政府采购预算。
    #[serde(rename = "政府采购")]
    pub procurement: Procurement,
    /// 国有资产占有使用情况。
    #[serde(rename = "国有资产")]
    pub assets: Assets,
    /// 绩效管理情况。
    #[serde(rename = "绩效管理", default)]
    pub performance: PerformanceManagement,
    /// 公开的项目支出绩效目标表。
    #[serde(rename = "绩效目标表", default)]
    pub performance_forms: Vec<PerformanceForm>,
    /// 其他说明。
    #[serde(rename = "其他说明", default)]
    pub other_notes: OtherNotes,
    /// 落款：单位与日期。
    #[serde(rename = "落款")]
    pub signature: Signature,
    /// 版式声明的其他字段（见 gongkai schema --layout 版式）。
    #[serde(rename = "版式字段", default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
    /// 决算数据：只在用决算版式公开时写（收入、其他支出、结转和结余）。
    #[serde(rename = "决算", default, skip_serializing_if = "Option::is_none")]
    pub final_accounts: Option<FinalAccounts>,
}

labelled_enum! {
    /// 金额单位。
    #[derive(Default)]
    UnitOfAccount { #[default] Yuan = "元", TenThousandYuan = "万元" }
}

/// 单位基本情况。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// 单位全称，如 大同市财政信息中心。
    #[serde(rename = "名称")]
    pub name: String,
    /// 单位编码（预算单位代码），可省略。
    #[serde(rename = "编码", default)]
    pub code: Option<String>,
    /// 主管部门。
    #[serde(rename = "主管部门")]
    pub department: Department,
    /// 单位类型，如 行政单位、公益一类事业单位（科目目录“单位类型”中的名称）。
    #[serde(rename = "类型")]
    pub unit_type: String,
    /// 职责前的概述段落。
    #[serde(rename = "概述", default)]
    pub summary: String,
    /// 单位职责，每条一项，不写序号。
    #[serde(rename = "职责", default)]
    pub duties: Vec<String>,
    /// 内设机构。
    #[serde(rename = "内设机构", default)]
    pub departments: Vec<InternalDepartment>,
    /// 属于本单位（部门）、在机构设置中说明、但不单独编制预算的机构（执法大队、所、中心……）；
    /// 不计入预算单位的个数。
    #[serde(
        rename = "无独立预算的机构",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub bodies: Vec<Body>,
    /// 版式声明的其他字段（见 gongkai schema --layout 版式）。
    #[serde(rename = "版式字段", default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

/// 主管部门。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// 部门编码，如 "035"（请加引号，保留前导 0）。
    #[serde(rename = "编码")]
    pub code: String,
    /// 部门名称，如 大同市财政局。
    #[serde(rename = "名称")]
    pub name: String,
}

labelled_enum! {
    /// 资金安排：本年预算或上年结转。
    #[derive(Default)]
    Period { #[default] Current = "本年", CarriedOver = "上年结转" }
}

/// 一行基本支出：一个功能科目（项）与一个部门经济科目（款）。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicLine {
    /// 功能科目，7 位项级编码，如 2010650（事业运行）。
    #[serde(rename = "功能科目")]
    pub function: Code,
    /// 部门预算支出经济科目，5 位款级编码，如 30101（基本工资）。
    #[serde(rename = "经济科目")]
    pub economic: Code,
    /// 对应的政府预算支出经济科目，如 50501（工资福利支出）。
    #[serde(rename = "政府经济科目")]
    pub government_economic: Code,
    /// 金额。
    #[serde(rename = "金额")]
    pub amount: Amount,
    /// 资金来源，默认一般公共预算。
    #[serde(rename = "资金来源", default)]
    pub source: Source,
    /// 本年或上年结转，默认本年。
    #[serde(rename = "安排", default)]
    pub period: Period,
    /// 人员经费或公用经费；不写时按科目目录的“人员经费类”（如 301、303 为人员经费）。
    /// 同一经济科目分属两边时（如退休费中的公用部分）逐行写明。
    #[serde(rename = "经费类型", default, skip_serializing_if = "Option::is_none")]
    pub side: Option<CostSide>,
}

labelled_enum! {
    /// 基本支出的两部分。
    CostSide { Personnel = "人员经费", PublicUse = "公用经费" }
}

labelled_enum! {
    /// 项目类别。
    ProjectCategory { Operational = "其他运转类", SpecificTarget = "特定目标类" }
}

/// The 期限 every format knows; a set may list others (`project_terms`:
/// 阶段性 …), and the checker holds a file to its set's list.
pub const PROJECT_TERMS: [&str; 2] = ["经常性", "一次性"];

/// 按资金来源分列的金额；未填的来源为 0。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funds {
    #[serde(rename = "一般公共预算", default)]
    pub general_public: Option<Amount>,
    #[serde(rename = "政府性基金预算", default)]
    pub government_fund: Option<Amount>,
    #[serde(rename = "国有资本经营预算", default)]
    pub state_capital: Option<Amount>,
    #[serde(rename = "财政专户管理资金", default)]
    pub special_account: Option<Amount>,
    /// 不拆分填写的单位资金；也可按下面五项分列。
    #[serde(rename = "单位资金", default)]
    pub unit_funds: Option<Amount>,
    #[serde(rename = "事业收入", default, skip_serializing_if = "Option::is_none")]
    pub business_income: Option<Amount>,
    #[serde(
        rename = "事业单位经营收入",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub operating_income: Option<Amount>,
    #[serde(
        rename = "上级补助收入",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub superior_grant: Option<Amount>,
    #[serde(
        rename = "附属单位上缴收入",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub affiliate_remittance: Option<Amount>,
    #[serde(rename = "其他收入", default, skip_serializing_if = "Option::is_none")]
    pub other_income: Option<Amount>,
}

impl Funds {
    /// Each source with the amount written for it, in [`Source::ALL`] order.
    pub fn entries(&self) -> [(Source, Option<Amount>); Source::COUNT] {
        [
            (Source::GeneralPublic, self.general_public),
            (Source::GovernmentFund, self.government_fund),
            (Source::StateCapital, self.state_capital),
            (Source::SpecialAccount, self.special_account),
            (Source::UnitFunds, self.unit_funds),
            (Source::BusinessIncome, self.business_income),
            (Source::OperatingIncome, self.operating_income),
            (Source::SuperiorGrant, self.superior_grant),
            (Source::AffiliateRemittance, self.affiliate_remittance),
            (Source::OtherIncome, self.other_income),
        ]
    }

    /// Puts an amount under a source.
    pub fn set(&mut self, source: Source, amount: Option<Amount>) {
        let slot = match source {
            Source::GeneralPublic => &mut self.general_public,
            Source::GovernmentFund => &mut self.government_fund,
            Source::StateCapital => &mut self.state_capital,
            Source::SpecialAccount => &mut self.special_account,
            Source::UnitFunds => &mut self.unit_funds,
            Source::BusinessIncome => &mut self.business_income,
            Source::OperatingIncome => &mut self.operating_income,
            Source::SuperiorGrant => &mut self.superior_grant,
            Source::AffiliateRemittance => &mut self.affiliate_remittance,
            Source::OtherIncome => &mut self.other_income,
        };
        *slot = amount;
    }

    /// Every amount written, changed by `f`.
    pub fn map(&self, f: impl Fn(Amount) -> Amount) -> Funds {
        Funds {
            general_public: self.general_public.map(&f),
            government_fund: self.government_fund.map(&f),
            state_capital: self.state_capital.map(&f),
            special_account: self.special_account.map(&f),
            unit_funds: self.unit_funds.map(&f),
            business_income: self.business_income.map(&f),
            operating_income: self.operating_income.map(&f),
            superior_grant: self.superior_grant.map(&f),
            affiliate_remittance: self.affiliate_remittance.map(&f),
            other_income: self.other_income.map(&f),
        }
    }
}

/// 一个项目。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 项目名称，与绩效目标表一致。
    #[serde(rename = "名称")]
    pub name: String,
    /// 项目类别：其他运转类 或 特定目标类。
    #[serde(rename = "类别")]
    pub category: ProjectCategory,
    /// 经常性、一次性，或版式列出的其他期限（如 阶段性，见 gongkai schema --layout 版式）。
    #[serde(rename = "期限")]
    pub term: String,
    /// 功能科目，7 位项级编码。
    #[serde(rename = "功能科目")]
    pub function: Code,
    /// 按资金来源分列的金额。
    #[serde(rename = "资金")]
    pub funds: Funds,
    /// 本年或上年结转，默认本年。
    #[serde(rename = "安排", default)]
    pub period: Period,
    /// 是否编报了项目绩效目标（计入“编报绩效目标的项目”个数和金额）。
    #[serde(
        rename = "编报绩效目标",
        default,
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub has_targets: bool,
    /// 版式声明的其他字段（见 gongkai schema --layout 版式）。
    #[serde(rename = "版式字段", default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

/// 一行预算收入（按收入科目）。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RevenueLine {
    /// 收入科目编码，如 1030148。
    #[serde(rename = "科目")]
    pub code: Code,
    /// 收入科目名称。
    #[serde(rename = "名称")]
    pub name: String,
    /// 金额。
    #[serde(rename = "金额")]
    pub amount: Amount,
}

/// 上年预算数与变动原因：写“文件”（上年的预算文件），或直接填写上年数。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LastYear {
    /// 上年的预算文件（路径相对于本文件），如 ../2024/单位.yaml：填写后，
    /// 全部上年数（收支总计、各项资金、“三公”经费、机关运行经费等）都由它计算，
    /// 不必再填写；同时填写的上年数须与它一致。
    #[serde(rename = "文件", default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 上年预算收支总计（收入总计与支出总计相等）；未写“文件”时必填。
    #[serde(rename = "收支总计", default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    /// 上年一般公共预算当年拨款支出；未写“文件”时必填。
    #[serde(
        rename = "一般公共预算当年支出",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub general_public: Option<Amount>,
    /// 上年按资金来源的当年预算数（不含上年结转），如
    /// { 一般公共预算: 1000000, 政府性基金预算: 0 }：按资金来源说明同比的版式使用；
    /// 写了“文件”时不必填写。未写的来源为 0。
    #[serde(rename = "按来源", default, skip_serializing_if = "Option::is_none")]
    pub by_source: Option<Funds>,
    /// 收支总计增减的主要原因，如“我单位本年度项目经费减少导致的”。
    #[serde(
        rename = "收支变动原因",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub total_reason: Option<String>,
    /// 一般公共预算当年支出增减的主要原因。
    #[serde(
        rename = "一般公共预算变动原因",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub general_public_reason: Option<String>,
}

/// “三公”经费四项金额。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreePublicAmounts {
    #[serde(rename = "因公出国境费", default)]
    pub overseas: Amount,
    #[serde(rename = "公务接待费", default)]
    pub reception: Amount,
    #[serde(rename = "公务用车购置费", default)]
    pub car_purchase: Amount,
    #[serde(rename = "公务用车运行维护费", default)]
    pub car_running: Amount,
}

/// 财政拨款安排的“三公”经费（一般公共预算）。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreePublic {
    /// 本年数：预算公开写预算数，决算公开写决算数。
    #[serde(rename = "本年")]
    pub current: ThreePublicAmounts,
    /// 决算公开：本年的年初预算数，与决算数比较。
    #[serde(rename = "预算", default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<ThreePublicAmounts>,
    /// 上年预算数；“上年”写了“文件”时可省略。
    #[serde(rename = "上年", default, skip_serializing_if = "Option::is_none")]
    pub last: Option<ThreePublicAmounts>,
    /// 增减变动原因；与上年不同时必填。
    #[serde(rename = "变动原因", default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 各项增减（或持平）的原因，逐项说明的版式使用；可省略。
    #[serde(
        rename = "各项原因",
        default,
        skip_serializing_if = "ThreePublicReasons::is_empty"
    )]
    pub item_reasons: ThreePublicReasons,
}

impl ThreePublicReasons {
    pub fn is_empty(&self) -> bool {
        [
            &self.overseas,
            &self.reception,
            &self.cars,
            &self.car_purchase,
            &self.car_running,
        ]
        .iter()
        .all(|r| r.is_none())
    }
}

/// 机关运行经费。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunningCosts {
    /// 本年预算数。
    #[serde(rename = "本年")]
    pub current: Amount,
    /// 上年预算数；“上年”写了“文件”时可省略。
    #[serde(rename = "上年", default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Amount>,
    /// 增减变动原因；与上年不同时必填。
    #[serde(rename = "变动原因", default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// 政府采购预算。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    #[serde(rename = "货物", default)]
    pub goods: Amount,
    #[serde(rename = "工程", default)]
    pub works: Amount,
    #[serde(rename = "服务", default)]
    pub services: Amount,
    /// 政府采购预算表上的总额（可选）：填写时与三项之和核对。
    #[serde(rename = "总额", default)]
    pub stated_total: Option<Amount>,
    /// 面向中小企业预留的政府采购项目预算（可选）。
    #[serde(
        rename = "面向中小企业预留",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reserved_sme: Option<Amount>,
    /// 其中预留给小型和微型企业的（可选，不超过面向中小企业预留的）。
    #[serde(
        rename = "其中小微企业",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reserved_small: Option<Amount>,
    /// 决算：由中小企业供应商中标或成交的采购金额（以合同签订为准，可选）。
    #[serde(
        rename = "中小企业中标",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub awarded: Option<Awarded>,
}

/// 由中小企业（小微企业）供应商中标或成交的政府采购金额。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Awarded {
    /// 在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的。
    #[serde(rename = "预留项目", default)]
    pub reserved: Amount,
    /// 在面向小微企业预留的政府采购项目中，由小微企业供应商中标或成交的。
    #[serde(rename = "小微企业预留项目", default)]
    pub reserved_small: Amount,
    /// 在其他政府采购项目中，由中小企业供应商中标或成交的。
    #[serde(rename = "其他项目", default)]
    pub other: Amount,
}

/// 国有资产占有使用情况。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    /// 统计截止日期，如 2023-12-31。
    #[serde(rename = "截至日期")]
    pub as_of: Date,
    /// 公务用车。
    #[serde(rename = "车辆")]
    pub vehicles: Vehicles,
    /// 办公用房建筑总面积（平方米）；说明它的版式要求填写（check.requires）。
    #[serde(
        rename = "办公用房面积",
        default,
        deserialize_with = "amount::area",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 0))]
    pub office_area: Option<Amount>,
    /// 单位价值 50 万元（原值）以上的通用设备台（套）数；说明它的版式要求填写。
    #[serde(
        rename = "50万元以上通用设备",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub equipment_over_50: Option<Count>,
    /// 单位价值 100 万元（原值）以上的通用设备台（套）数。
    #[serde(rename = "100万元以上通用设备", deserialize_with = "integer::plain")]
    pub equipment_over_100: u32,
    /// 本预算年度安排的购置计划（说明购置计划的版式使用，可省略）。
    #[serde(rename = "购置计划", default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<PlannedPurchases>,
}

/// 公务用车编制、实有及分类。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vehicles {
    /// 编制数；说明它的版式要求填写（check.requires）。
    #[serde(rename = "编制数", default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<Count>,
    #[serde(rename = "实有数", deserialize_with = "integer::plain")]
    pub actual: u32,
    /// 实有车辆按用途分类（辆），如 { 执法执勤用车: 2, 其他公务用车: 1 }。分类名称
    /// 以版式的 vehicle_categories 为准（如 领导用车、机要通信用车、应急保障用车、执法执勤用车、
    /// 特种专业技术用车、事业单位业务用车、其他公务用车）；没写的分类为 0。
    #[serde(rename = "分类", default)]
    pub categories: VehicleCounts,
}

/// 车辆数按分类名称。
pub type VehicleCounts = BTreeMap<String, Count>;

/// All the vehicles of `counts`, in u64 and saturating: the counts are u32
/// and bounded in number only by the file's size, so 4294967295 + 1 is not 0.
pub fn vehicle_total(counts: &VehicleCounts) -> u64 {
    counts
        .values()
        .fold(0u64, |s, n| s.saturating_add(u64::from(n.0)))
}

/// 一个数量（台、辆）。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Count(#[serde(deserialize_with = "integer::plain")] pub u32);

/// 预算年度安排的购置计划。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedPurchases {
    /// 安排购置的车辆按分类（辆）；没写的分类为 0。
    #[serde(rename = "车辆", default)]
    pub vehicles: VehicleCounts,
    /// 安排购置的单价 100 万元（含）以上设备（不含车辆）台（套）数。
    #[serde(
        rename = "100万元以上设备",
        default,
        deserialize_with = "integer::plain"
    )]
    pub equipment_over_100: u32,
}

/// 落款。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// 落款单位，默认单位名称。
    #[serde(rename = "单位", default)]
    pub unit: Option<String>,
    /// 落款日期（公开日期），如 2024-04-15。
    #[serde(rename = "日期")]
    pub date: Date,
}
