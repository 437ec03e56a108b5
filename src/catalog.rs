//! The year's classification catalogue (科目目录), held as data in `layouts/catalog/`.

use serde::Deserialize;
use std::collections::BTreeMap;

const EMBEDDED: &[(i32, &str)] = &[(2024, include_str!("../layouts/catalog/2024.yaml"))];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(rename = "年度")]
    pub year: i32,
    /// Economic 类 whose basic spending counts as 人员经费.
    #[serde(rename = "人员经费类")]
    pub personnel_classes: Vec<String>,
    #[serde(rename = "功能分类")]
    pub function: BTreeMap<String, String>,
    #[serde(rename = "部门经济分类")]
    pub economic: BTreeMap<String, String>,
    #[serde(rename = "政府经济分类")]
    pub government_economic: BTreeMap<String, String>,
    /// Economic 类 → the 政府经济分类 类 it may map to.
    #[serde(rename = "经济分类对应", default)]
    pub economic_mapping: BTreeMap<String, Vec<String>>,
}

impl Catalog {
    /// The catalogue for a budget year: that year's if bundled, else the latest before it.
    pub fn for_year(year: i32) -> Catalog {
        let (_, text) = EMBEDDED
            .iter()
            .filter(|(y, _)| *y <= year)
            .max_by_key(|(y, _)| *y)
            .unwrap_or(&EMBEDDED[0]);
        Self::parse(text).unwrap_or_else(|e| panic!("bundled catalogue is invalid: {e}"))
    }

    pub fn parse(text: &str) -> Result<Catalog, serde_yaml::Error> {
        serde_yaml::from_str(text)
    }

    /// The 类 of the function classification (3-digit codes), in catalogue order.
    pub fn function_classes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.function
            .iter()
            .filter(|(c, _)| c.len() == 3)
            .map(|(c, n)| (c.as_str(), n.as_str()))
    }

    /// Whether a 部门经济科目 may map to a 政府经济科目; unknown classes pass.
    pub fn mapping_allowed(&self, economic: &str, government: &str) -> bool {
        let (Some(e), Some(g)) = (economic.get(..3), government.get(..3)) else {
            return true;
        };
        self.economic_mapping
            .get(e)
            .is_none_or(|allowed| allowed.iter().any(|a| a == g))
    }

    pub fn is_personnel(&self, economic_code: &str) -> bool {
        self.personnel_classes
            .iter()
            .any(|class| economic_code.starts_with(class.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::Catalog;

    #[test]
    fn bundled_2024_catalogue_has_all_thirty_classes() {
        let c = Catalog::for_year(2024);
        let classes: Vec<_> = c.function_classes().collect();
        assert_eq!(classes.len(), 30);
        assert_eq!(classes[0], ("201", "一般公共服务支出"));
        assert_eq!(classes[29], ("234", "抗疫特别国债安排的支出"));
    }
}
