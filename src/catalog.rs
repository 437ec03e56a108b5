//! The year's classification catalogue (科目目录): data, one file per year.
//! Found by the budget's year in `--catalog FILE`, else in the layout set's
//! own `catalog/` folder, else among the bundled `layouts/catalog/`. A year
//! none of them has is an error, never a silent fallback to another year.

use include_dir::{Dir, include_dir};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/layouts/catalog");

/// The largest catalogue file read (the bundled ones are under 20 KB).
pub(crate) const MAX_BYTES: u64 = 4 * 1024 * 1024;
/// A catalogue needs no aliases; a few are tolerated, as in budgets.
const FILE_LIMITS: crate::input::Limits = crate::input::Limits {
    depth: crate::input::MAX_DEPTH,
    aliases: crate::load::MAX_ALIASES,
    expanded: MAX_BYTES,
};

/// Why a year's catalogue could not be had.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CatalogError {
    #[error(
        "没有 {year} 年的科目目录（已有：{available}）：请用 --catalog 指定该年度的目录文件，或在版式的 catalog 文件夹中放入 {year}.yaml"
    )]
    Missing { year: i32, available: String },
    #[error("无法读取科目目录 {path}：{reason}")]
    Read { path: String, reason: String },
    #[error(
        "科目目录 {path} 格式有误：{reason}（应有 年度、人员经费类、单位类型、有机关运行经费的单位类型、功能分类、部门经济分类、政府经济分类）"
    )]
    Parse { path: String, reason: String },
    #[error("科目目录 {path} 是 {found} 年的，预算年度是 {year} 年")]
    WrongYear { path: String, found: i32, year: i32 },
}

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
    /// The kinds of unit a budget may name (`单位 · 类型`), in order.
    #[serde(rename = "单位类型")]
    pub unit_kinds: Vec<String>,
    /// The kinds that publish 机关运行经费.
    #[serde(rename = "有机关运行经费的单位类型")]
    pub kinds_with_running_costs: Vec<String>,
}

impl Catalog {
    /// The bundled catalogue of a budget year.
    pub fn for_year(year: i32) -> Result<Catalog, CatalogError> {
        let name = format!("{year}.yaml");
        let Some(text) = BUNDLED.get_file(&name).and_then(|f| f.contents_utf8()) else {
            return Err(CatalogError::Missing {
                year,
                available: Self::bundled_years()
                    .iter()
                    .map(|y| format!("{y} 年"))
                    .collect::<Vec<_>>()
                    .join("、"),
            });
        };
        Self::checked(text, &format!("layouts/catalog/{name}"), year)
    }

    /// The years the bundled catalogues cover, in order.
    pub fn bundled_years() -> Vec<i32> {
        let mut years: Vec<i32> = BUNDLED
            .files()
            .filter_map(|f| f.path().file_stem()?.to_str()?.parse().ok())
            .collect();
        years.sort_unstable();
        years
    }

    /// A catalogue file on disk, read as budgets are (bounded, regular
    /// files only; one found in a folder only when it is really inside
    /// it), for `year`.
    pub(crate) fn read(
        path: &Path,
        year: i32,
        folder: Option<&Path>,
    ) -> Result<Catalog, CatalogError> {
        let shown = path.display().to_string();
        let fail = |reason: String| CatalogError::Read {
            path: shown.clone(),
            reason,
        };
        let bytes =
            crate::input::read_found(folder, path, MAX_BYTES).map_err(|e| fail(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|_| fail("不是 UTF-8 文本".to_string()))?;
        Self::checked(&text, &shown, year)
    }

    fn checked(text: &str, path: &str, year: i32) -> Result<Catalog, CatalogError> {
        // One bounded walk builds the tree the catalogue is read from.
        let root =
            crate::load::node::parse(text, FILE_LIMITS).map_err(|e| CatalogError::Parse {
                path: path.to_string(),
                reason: e.to_string(),
            })?;
        // Only where it failed, never what it holds: the file may be no
        // catalogue at all.
        let catalog: Catalog =
            crate::load::de::from_node(&root).map_err(|e| CatalogError::Parse {
                path: path.to_string(),
                reason: match e.at {
                    Some((line, _)) => format!("第 {line} 行起不是科目目录的格式"),
                    None => "不是科目目录的格式".to_string(),
                },
            })?;
        if let Some(kind) = catalog
            .kinds_with_running_costs
            .iter()
            .find(|k| !catalog.unit_kinds.contains(k))
        {
            return Err(CatalogError::Parse {
                path: path.to_string(),
                reason: format!("有机关运行经费的单位类型“{kind}”不在单位类型中"),
            });
        }
        if catalog.year != year {
            return Err(CatalogError::WrongYear {
                path: path.to_string(),
                found: catalog.year,
                year,
            });
        }
        Ok(catalog)
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

    /// Whether units of `kind` publish 机关运行经费; None for a kind the
    /// catalogue does not list (`unit-kind` reports it).
    pub fn running_costs_of(&self, kind: &str) -> Option<bool> {
        let known = self.unit_kinds.iter().any(|k| k == kind);
        known.then(|| self.kinds_with_running_costs.iter().any(|k| k == kind))
    }

    pub fn is_personnel(&self, economic_code: &str) -> bool {
        self.personnel_classes
            .iter()
            .any(|class| economic_code.starts_with(class.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::{Catalog, CatalogError};
    use crate::conventions::Conventions;

    #[test]
    fn every_bundled_year_parses_and_a_missing_year_is_an_error() {
        let years = Catalog::bundled_years();
        assert!(years.len() >= 3, "{years:?}");
        for y in &years {
            assert!(Catalog::for_year(*y).is_ok_and(|c| c.year == *y), "{y}");
        }
        let Err(e) = Catalog::for_year(2019) else {
            panic!("no 2019 catalogue is bundled");
        };
        assert!(matches!(e, CatalogError::Missing { year: 2019, .. }));
        assert!(e.to_string().contains("--catalog"), "{e}");
    }

    #[test]
    fn a_given_file_must_be_the_budget_year() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("mine.yaml");
        let text = super::BUNDLED
            .get_file("2024.yaml")
            .and_then(|f| f.contents_utf8())
            .unwrap_or_default();
        std::fs::write(&file, text).expect("write");
        let given = Conventions {
            file: Some(file.clone()),
            folder: None,
            ..Default::default()
        };
        assert!(given.load(2024).is_ok());
        // A file that is no catalogue is named, never quoted.
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, "root:x:0:0:SECRETVALUE").expect("write");
        let other = Conventions {
            file: Some(secret),
            folder: None,
            ..Default::default()
        };
        let Err(e) = other.load(2024) else {
            panic!("not a catalogue");
        };
        assert!(matches!(e, CatalogError::Parse { .. }), "{e}");
        assert!(!e.to_string().contains("SECRET"), "{e}");
        assert!(matches!(
            given.load(2025),
            Err(CatalogError::WrongYear { found: 2024, .. })
        ));
        // A layout set's folder is used for the years it has.
        std::fs::rename(&file, dir.path().join("2031.yaml")).expect("rename");
        std::fs::write(
            dir.path().join("2031.yaml"),
            text.replace("年度: 2024", "年度: 2031"),
        )
        .expect("write");
        let folder = Conventions {
            file: None,
            folder: Some(dir.path().to_path_buf()),
            ..Default::default()
        };
        assert!(folder.load(2031).is_ok_and(|c| c.year == 2031));
        assert!(
            folder.load(2024).is_ok(),
            "other years come from the bundled files"
        );
    }

    #[test]
    fn bundled_2024_catalogue_has_all_thirty_classes() {
        let Ok(c) = Catalog::for_year(2024) else {
            panic!("2024 is bundled");
        };
        let classes: Vec<_> = c.function_classes().collect();
        assert_eq!(classes.len(), 30);
        assert_eq!(classes[0], ("201", "一般公共服务支出"));
        assert_eq!(classes[29], ("234", "抗疫特别国债安排的支出"));
    }
}
