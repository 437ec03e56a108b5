//! 项目支出绩效目标表: every field of the official form.

use super::Amount;
use indexmap::IndexMap;
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
    /// 绩效指标（一级 → 二级 → 三级指标）。
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

/// 绩效指标：一级指标 → 二级指标 → 三级指标，如
/// `产出指标: { 数量指标: [...], 成本指标: [...] }`。一级、二级指标的名称和
/// 顺序是版式的（layout.yaml 的 indicators），表中按版式的顺序排列。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct IndicatorTree(pub IndexMap<String, IndexMap<String, Vec<Indicator>>>);

/// One 二级指标 with its 一级指标 and its (possibly empty) 三级指标.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorGroup<'a> {
    pub level1: &'a str,
    pub level2: &'a str,
    pub items: &'a [Indicator],
}

/// One indicator with its place in the tree, for walking all of them.
pub struct IndicatorRef<'a> {
    pub level1: &'a str,
    pub level2: &'a str,
    /// YAML path below `绩效指标`, e.g. `产出指标.成本指标[0]`.
    pub path: String,
    pub indicator: &'a Indicator,
}

/// A format's 指标体系: each 一级指标 with its 二级指标, in the form's order.
pub type IndicatorScheme = IndexMap<String, Vec<String>>;

/// Whether a group as `layout.yaml` names one (`一级指标` or
/// `一级指标.二级指标`) takes in the 二级指标 `level2` of `level1`.
pub fn group_takes_in(group: &str, level1: &str, level2: &str) -> bool {
    match group.split_once('.') {
        None => group == level1,
        Some((l1, l2)) => l1 == level1 && l2 == level2,
    }
}

impl IndicatorTree {
    /// The groups as the form lists them: every group of `scheme` in its
    /// order (empty when the file has none), then any the scheme lacks; the
    /// file's own order when the format declares no scheme.
    pub fn groups<'a>(&'a self, scheme: &'a IndicatorScheme) -> Vec<IndicatorGroup<'a>> {
        let mut out: Vec<IndicatorGroup<'a>> = Vec::new();
        for (l1, names) in scheme {
            for l2 in names {
                let items = self
                    .0
                    .get(l1)
                    .and_then(|g| g.get(l2))
                    .map_or(&[][..], Vec::as_slice);
                out.push(IndicatorGroup {
                    level1: l1,
                    level2: l2,
                    items,
                });
            }
        }
        let declared =
            |l1: &str, l2: &str| scheme.get(l1).is_some_and(|n| n.iter().any(|x| x == l2));
        // Undeclared groups (the checker reports them) go with their 一级指标.
        for (l1, groups) in &self.0 {
            for (l2, items) in groups {
                if declared(l1, l2) {
                    continue;
                }
                let group = IndicatorGroup {
                    level1: l1,
                    level2: l2,
                    items,
                };
                match out.iter().rposition(|g| g.level1 == l1) {
                    Some(at) => out.insert(at + 1, group),
                    None => out.push(group),
                }
            }
        }
        out
    }

    /// Every 三级指标 in the file's order.
    pub fn all(&self) -> Vec<IndicatorRef<'_>> {
        self.0
            .iter()
            .flat_map(|(l1, groups)| {
                groups.iter().flat_map(move |(l2, list)| {
                    list.iter().enumerate().map(move |(i, ind)| IndicatorRef {
                        level1: l1,
                        level2: l2,
                        path: format!("{l1}.{l2}[{i}]"),
                        indicator: ind,
                    })
                })
            })
            .collect()
    }
}
