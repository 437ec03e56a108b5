//! What a 决算 (final accounts) states beyond what a budget does. The rest of
//! a 决算 file is the budget format read as actuals: 基本支出 and 项目 hold
//! what was spent, 三公经费 and 政府采购 what was spent and contracted.

use super::amount::Amount;
use super::code::Code;
use super::source::Source;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// 决算数据：用决算版式（kind: 决算）公开时填写，预算文件不写。基本支出、项目、三公经费等写决算数（实际发生数）。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FinalAccounts {
    /// 本年收入：收入决算表的每一格，按功能科目（项）和资金来源。
    #[serde(rename = "收入")]
    pub income: Vec<IncomeLine>,
    /// 基本支出和项目支出之外的支出：上缴上级支出、经营支出、对附属单位补助支出。
    #[serde(rename = "其他支出", default, skip_serializing_if = "Vec::is_empty")]
    pub other_spending: Vec<OtherSpendingLine>,
    /// 年初结转和结余，按资金来源；政府性基金和国有资本经营预算写到功能科目（项），表里按科目列出。
    #[serde(
        rename = "年初结转和结余",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub opening: Vec<BalanceLine>,
    /// 使用非财政拨款结余（含专用结余）。
    #[serde(
        rename = "使用非财政拨款结余",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub used_balance: Option<Amount>,
    /// 结余分配。
    #[serde(rename = "结余分配", default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<Amount>,
    /// 年末结转和结余：gongkai 由年初、收入和支出算出；照决算系统写上时，按资金来源核对。
    #[serde(
        rename = "年末结转和结余",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub closing: Vec<BalanceLine>,
    /// 同一年度的预算文件：决算与它的年初预算数比较（各功能科目的一般公共预算、“三公”经费）。
    #[serde(rename = "预算", default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetLink>,
    /// 年度中调整过预算的项：功能科目（项级编码）→ 调整后的全年预算数（一般公共预算）；不写的项全年预算数等于年初预算数。
    #[serde(
        rename = "全年预算",
        default,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub adjusted: BTreeMap<String, Amount>,
    /// 预算绩效管理情况：绩效目标、跟踪评价和绩效自评的项目与金额，自评的得分、评级和发现的问题。
    #[serde(rename = "绩效自评", default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<SelfEvaluation>,
    /// 决算数与年初预算数不同的原因：键是功能科目（项）编码、“一般公共预算”（合计）或“三公经费”。
    #[serde(
        rename = "差异原因",
        default,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub reasons: BTreeMap<String, String>,
}

/// 决算所比较的预算。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetLink {
    /// 同一年度的预算文件，路径相对于本文件所在的文件夹，如 预算/2024年预算.yaml。
    #[serde(rename = "文件")]
    pub file: String,
}

/// The names a 差异原因 may have beside function codes.
pub const GAP_REASON_NAMES: [&str; 2] = ["一般公共预算", "三公经费"];

/// 一格收入：一个功能科目（项）下一种来源的本年收入。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeLine {
    /// 功能科目，7 位项级编码。
    #[serde(rename = "功能科目")]
    pub function: Code,
    /// 资金来源，默认一般公共预算。
    #[serde(rename = "资金来源", default)]
    pub source: Source,
    /// 金额。
    #[serde(rename = "金额")]
    pub amount: Amount,
}

labelled_enum! {
    /// 基本支出和项目支出之外的支出。
    SpendingKind { Remit = "上缴上级支出", Operating = "经营支出", Subsidy = "对附属单位补助支出" }
}

/// 一行其他支出。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherSpendingLine {
    /// 功能科目，7 位项级编码。
    #[serde(rename = "功能科目")]
    pub function: Code,
    /// 上缴上级支出、经营支出或对附属单位补助支出。
    #[serde(rename = "类型")]
    pub kind: SpendingKind,
    /// 资金来源，默认一般公共预算。
    #[serde(rename = "资金来源", default)]
    pub source: Source,
    /// 金额。
    #[serde(rename = "金额")]
    pub amount: Amount,
}

/// 一种来源的结转和结余。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BalanceLine {
    /// 资金来源，默认一般公共预算。
    #[serde(rename = "资金来源", default)]
    pub source: Source,
    /// 功能科目（项），可不写。
    #[serde(rename = "功能科目", default, skip_serializing_if = "Option::is_none")]
    pub function: Option<Code>,
    /// 金额。
    #[serde(rename = "金额")]
    pub amount: Amount,
}

labelled_enum! {
    /// 公开的文件是预算还是决算：由版式声明（layout.yaml 的 kind）。
    #[derive(Default)]
    DocumentKind { #[default] Budget = "预算", FinalAccounts = "决算" }
}

/// 预算绩效管理情况（决算）。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfEvaluation {
    /// 绩效管理工作开展情况：制定了哪些制度、建立了什么工作机制（一两句话）。
    #[serde(rename = "工作情况", default)]
    pub work: String,
    /// 编报绩效目标的本年度项目。
    #[serde(rename = "编报绩效目标", default)]
    pub targeted: Covered,
    /// 绩效跟踪评价的本年度项目。
    #[serde(rename = "跟踪评价", default)]
    pub tracked: Covered,
    /// 绩效自评的本年度项目。
    #[serde(rename = "自评", default)]
    pub evaluated: Covered,
    /// 绩效自评的平均得分（百分制），如 99.43。
    #[serde(rename = "平均得分", default)]
    pub average_score: Amount,
    /// 各评级的项目个数：优、良、合格、不合格。
    #[serde(rename = "评级", default)]
    pub grades: Grades,
    /// 绩效自评中发现的问题个数、已经完成整改的、正在整改的。
    #[serde(rename = "问题", default)]
    pub problems: Problems,
}

/// 项目个数和涉及的预算金额。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Covered {
    #[serde(rename = "项目数", default, deserialize_with = "super::integer::plain")]
    pub count: u32,
    #[serde(rename = "金额", default)]
    pub amount: Amount,
}

/// 绩效自评各评级的项目个数。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grades {
    #[serde(rename = "优", default, deserialize_with = "super::integer::plain")]
    pub excellent: u32,
    #[serde(rename = "良", default, deserialize_with = "super::integer::plain")]
    pub good: u32,
    #[serde(rename = "合格", default, deserialize_with = "super::integer::plain")]
    pub pass: u32,
    #[serde(rename = "不合格", default, deserialize_with = "super::integer::plain")]
    pub fail: u32,
}

impl Grades {
    pub fn total(&self) -> u64 {
        [self.excellent, self.good, self.pass, self.fail]
            .iter()
            .map(|&n| u64::from(n))
            .sum()
    }
}

/// 绩效自评中发现和整改的问题个数。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Problems {
    #[serde(rename = "发现", default, deserialize_with = "super::integer::plain")]
    pub found: u32,
    #[serde(rename = "已整改", default, deserialize_with = "super::integer::plain")]
    pub fixed: u32,
    #[serde(
        rename = "正在整改",
        default,
        deserialize_with = "super::integer::plain"
    )]
    pub fixing: u32,
}
