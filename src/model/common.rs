//! Parts a unit's budget file and 部门.yaml both write: bodies without a
//! budget of their own, 内设机构, the reasons of "三公", 绩效管理, 其他说明.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 不单独编制预算的机构。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// 机构名称。
    #[serde(rename = "名称")]
    pub name: String,
    /// 说明，如 经费由局本部预算安排。
    #[serde(rename = "说明", default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// 内设机构。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InternalDepartment {
    /// 机构名称。
    #[serde(rename = "名称")]
    pub name: String,
    /// 机构职责。
    #[serde(rename = "职责")]
    pub duties: String,
}

/// “三公”经费各项的原因。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreePublicReasons {
    #[serde(
        rename = "因公出国境费",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub overseas: Option<String>,
    #[serde(
        rename = "公务接待费",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reception: Option<String>,
    #[serde(
        rename = "公务用车购置及运行费",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cars: Option<String>,
    #[serde(
        rename = "公务用车购置费",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub car_purchase: Option<String>,
    #[serde(
        rename = "公务用车运行维护费",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub car_running: Option<String>,
}

/// 绩效管理情况。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerformanceManagement {
    /// 是否编报单位整体绩效目标。
    #[serde(rename = "编报整体绩效目标", default)]
    pub overall_targets: bool,
}

/// 其他说明。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherNotes {
    /// 政府购买服务指导性目录说明；不填则写“无”。
    #[serde(rename = "政府购买服务指导性目录", default)]
    pub purchase_catalogue: Option<String>,
    /// 其他需要说明的事项；不填则写“无”。
    #[serde(rename = "其他", default)]
    pub other: Option<String>,
    /// 附在情况说明之后、落款之前的“说明”正文。
    #[serde(rename = "说明", default)]
    pub statement: Option<String>,
}
