//! 项目支出绩效目标表: every field of the official form.

use super::Amount;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 一张项目支出绩效目标表。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerformanceForm {
    /// 项目名称，应与“项目”中的名称完全一致。
    #[serde(rename = "项目名称")]
    pub project_name: String,
    /// 项目属性，如“经常性项目（长期开展）”或“一次性项目（1年结束）”。
    #[serde(rename = "项目属性")]
    pub attribute: String,
    /// 项目期，如“1年”“99年”。
    #[serde(rename = "项目期")]
    pub duration: String,
    /// 实施期资金（元）。
    #[serde(rename = "实施期资金")]
    pub period_funds: FormFunds,
    /// 年度资金（元）。
    #[serde(rename = "年度资金")]
    pub annual_funds: FormFunds,
    #[serde(rename = "项目概况", default)]
    pub overview: String,
    #[serde(rename = "立项依据", default)]
    pub basis: String,
    #[serde(rename = "项目设立必要性", default)]
    pub necessity: String,
    #[serde(rename = "保证项目实施的制度措施", default)]
    pub safeguards: String,
    #[serde(rename = "项目实施计划", default)]
    pub plan: String,
    /// 总体目标。
    #[serde(rename = "总体目标")]
    pub goals: FormGoals,
    /// 绩效指标（三级指标树）。
    #[serde(rename = "绩效指标")]
    pub indicators: IndicatorTree,
    #[serde(rename = "负责人", default)]
    pub leader: String,
    #[serde(rename = "经办人", default)]
    pub handler: String,
    #[serde(rename = "联系电话", default)]
    pub phone: String,
    /// 填报日期，按系统导出原样填写，如 20231120163030。
    #[serde(rename = "填报日期", default)]
    pub filled_at: String,
    /// 版式声明的其他字段（见 gongkai schema --layout 版式）。
    #[serde(
        rename = "版式字段",
        default,
        skip_serializing_if = "super::Fields::is_empty"
    )]
    pub fields: super::Fields,
}

/// 绩效目标表中的项目资金（单位：元，与文件的金额单位无关）。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormFunds {
    #[serde(rename = "资金总额")]
    pub total: Amount,
    #[serde(rename = "中央财政资金", default)]
    pub central: Option<Amount>,
    #[serde(rename = "省级财政资金", default)]
    pub provincial: Option<Amount>,
    #[serde(rename = "市县财政资金", default)]
    pub local: Option<Amount>,
    #[serde(rename = "单位自筹", default)]
    pub self_raised: Option<Amount>,
    #[serde(rename = "其他资金", default)]
    pub other: Option<Amount>,
}

impl FormFunds {
    pub fn parts(&self) -> [Option<Amount>; 5] {
        [
            self.central,
            self.provincial,
            self.local,
            self.self_raised,
            self.other,
        ]
    }
}

/// 实施期目标与年度目标。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormGoals {
    #[serde(rename = "实施期")]
    pub period: String,
    #[serde(rename = "年度")]
    pub annual: String,
}

/// 一个三级指标。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 三级指标名称。
    #[serde(rename = "名称")]
    pub name: String,
    /// 指标值，如“≥95%”“及时”“≤256.3万元”。
    #[serde(rename = "指标值")]
    pub value: String,
    /// 年度目标中的指标名称，与实施期不同时填写。
    #[serde(rename = "年度名称", default)]
    pub annual_name: Option<String>,
    /// 年度目标中的指标值，与实施期不同时填写。
    #[serde(rename = "年度指标值", default)]
    pub annual_value: Option<String>,
}

/// 产出指标。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputIndicators {
    #[serde(rename = "数量指标", default)]
    pub quantity: Vec<Indicator>,
    #[serde(rename = "质量指标", default)]
    pub quality: Vec<Indicator>,
    #[serde(rename = "时效指标", default)]
    pub timeliness: Vec<Indicator>,
    #[serde(rename = "成本指标", default)]
    pub cost: Vec<Indicator>,
}

/// 效益指标。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BenefitIndicators {
    #[serde(rename = "经济效益指标", default)]
    pub economic: Vec<Indicator>,
    #[serde(rename = "社会效益指标", default)]
    pub social: Vec<Indicator>,
    #[serde(rename = "生态效益指标", default)]
    pub ecological: Vec<Indicator>,
    #[serde(rename = "可持续影响指标", default)]
    pub sustainability: Vec<Indicator>,
}

/// 满意度指标。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SatisfactionIndicators {
    #[serde(rename = "服务对象满意度指标", default)]
    pub service_recipients: Vec<Indicator>,
}

/// 三级指标树：一级指标 → 二级指标 → 三级指标。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorTree {
    #[serde(rename = "产出指标", default)]
    pub output: OutputIndicators,
    #[serde(rename = "效益指标", default)]
    pub benefit: BenefitIndicators,
    #[serde(rename = "满意度指标", default)]
    pub satisfaction: SatisfactionIndicators,
}

/// One indicator with its place in the tree, for walking all of them.
pub struct IndicatorRef<'a> {
    pub level1: &'static str,
    pub level2: &'static str,
    /// YAML path below `绩效指标`, e.g. `产出指标.成本指标[0]`.
    pub path: String,
    pub indicator: &'a Indicator,
}

impl IndicatorTree {
    /// The second-level groups in the form's order, with their (possibly empty) lists.
    pub fn groups(&self) -> [(&'static str, &'static str, &Vec<Indicator>); 9] {
        [
            ("产出指标", "数量指标", &self.output.quantity),
            ("产出指标", "质量指标", &self.output.quality),
            ("产出指标", "时效指标", &self.output.timeliness),
            ("产出指标", "成本指标", &self.output.cost),
            ("效益指标", "经济效益指标", &self.benefit.economic),
            ("效益指标", "社会效益指标", &self.benefit.social),
            ("效益指标", "生态效益指标", &self.benefit.ecological),
            ("效益指标", "可持续影响指标", &self.benefit.sustainability),
            (
                "满意度指标",
                "服务对象满意度指标",
                &self.satisfaction.service_recipients,
            ),
        ]
    }

    pub fn all(&self) -> Vec<IndicatorRef<'_>> {
        self.groups()
            .into_iter()
            .flat_map(|(l1, l2, list)| {
                list.iter().enumerate().map(move |(i, ind)| IndicatorRef {
                    level1: l1,
                    level2: l2,
                    path: format!("{l1}.{l2}[{i}]"),
                    indicator: ind,
                })
            })
            .collect()
    }
}
