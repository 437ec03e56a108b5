//! A 主管部门's file in a bureau folder: what the consolidated 部门预算公开
//! says that no unit's file can. Every figure comes from the units.

use super::common::{
    Body, InternalDepartment, OtherNotes, PerformanceManagement, ThreePublicReasons,
};
use super::date::Date;
use super::fields::Fields;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 主管部门文件（部门.yaml）：部门预算公开的文字部分；数字全部由所属单位汇总。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentFile {
    /// 数据格式版本，目前为 1。
    #[serde(rename = "格式版本", deserialize_with = "super::integer::plain")]
    pub format_version: u32,
    /// 预算年度；所属单位文件的年度必须相同（2000–2100）。
    #[serde(rename = "年度", deserialize_with = "super::integer::year")]
    #[schemars(range(min = 2000, max = 2100))]
    pub year: i32,
    /// 部门基本情况。
    #[serde(rename = "部门")]
    pub department: DepartmentInfo,
    /// 所属单位的预算文件（相对本文件所在文件夹），按部门预算中的排列顺序；
    /// 不写时为本文件夹中除本文件外的全部 .yaml 文件（按文件名排序）。
    #[serde(rename = "单位文件", default)]
    pub unit_files: Vec<String>,
    /// 部门收支总计增减的主要原因。
    #[serde(rename = "收支变动原因", default)]
    pub total_reason: Option<String>,
    /// 部门一般公共预算当年支出增减的主要原因。
    #[serde(rename = "一般公共预算变动原因", default)]
    pub general_public_reason: Option<String>,
    /// 部门“三公”经费增减的主要原因。
    #[serde(rename = "三公经费变动原因", default)]
    pub three_public_reason: Option<String>,
    /// 部门“三公”经费各项的原因（逐项说明的版式使用）。
    #[serde(
        rename = "三公经费各项原因",
        default,
        skip_serializing_if = "ThreePublicReasons::is_empty"
    )]
    pub three_public_item_reasons: ThreePublicReasons,
    /// 部门机关运行经费增减的主要原因。
    /// 决算：部门的预算绩效管理工作开展情况（一两句话）；各单位的项目数、金额、评级和问题由单位文件汇总。
    #[serde(
        rename = "绩效管理工作情况",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub evaluation_work: Option<String>,
    /// 决算：决算数与年初预算数不同的原因（键同单位文件的 决算.差异原因）。
    #[serde(
        rename = "决算差异原因",
        default,
        skip_serializing_if = "std::collections::BTreeMap::is_empty"
    )]
    pub final_reasons: std::collections::BTreeMap<String, String>,
    #[serde(rename = "机关运行经费变动原因", default)]
    pub running_costs_reason: Option<String>,
    /// 绩效管理情况。
    #[serde(rename = "绩效管理", default)]
    pub performance: PerformanceManagement,
    /// 其他说明。
    #[serde(rename = "其他说明", default)]
    pub other_notes: OtherNotes,
    /// 落款日期（公开日期）。
    #[serde(rename = "落款日期")]
    pub date: Date,
    /// 部门汇总材料中数字的写法：版式允许的写法之一；不写时用版式的默认写法。
    #[serde(rename = "显示", default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// 版式声明的其他字段（见 gongkai schema --layout 版式）。
    #[serde(rename = "版式字段", default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

/// 部门基本情况。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentInfo {
    /// 部门编码，如 "035"；所属单位的“主管部门 · 编码”必须与此相同。
    #[serde(rename = "编码")]
    pub code: String,
    /// 部门名称，如 大同市财政局。
    #[serde(rename = "名称")]
    pub name: String,
    /// 部门本级的单位类型，通常为行政单位。
    #[serde(rename = "类型")]
    pub unit_type: String,
    /// 职责前的概述段落。
    #[serde(rename = "概述", default)]
    pub summary: String,
    /// 部门职责，每条一项，不写序号。
    #[serde(rename = "职责", default)]
    pub duties: Vec<String>,
    /// 内设机构。
    #[serde(rename = "内设机构", default)]
    pub departments: Vec<InternalDepartment>,
    /// 属于本部门、在机构设置中说明、但不单独编制预算的机构（执法大队、所、中心……）；
    /// 不计入“下属N家预算单位”。
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
