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
