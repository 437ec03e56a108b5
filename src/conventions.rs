//! What a layout set brings to reading and checking a budget, beside its
//! document: the catalogues' folder and the checker's conventions.

use crate::catalog::{Catalog, CatalogError, MAX_BYTES};
use crate::compute::display::NumberFormat;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What a run's layout set (and `--catalog`) brings to reading and checking
/// a budget: where catalogues are looked for before the bundled ones, and
/// the conventions the checker holds the budget to.
#[derive(Debug, Clone, Default)]
pub struct Conventions {
    /// `--catalog FILE`: used for the budget whatever its year, which must match.
    pub file: Option<PathBuf>,
    /// A layout set's `catalog/` folder, holding `YEAR.yaml` files.
    pub folder: Option<PathBuf>,
    /// The set's checking conventions (`check:` in `layout.yaml`).
    pub profile: Profile,
    /// Catalogues read so far, by (from `file`, year): a run reads each
    /// once and every unit shares it (a 部门 of hundreds, a city).
    pub read: Read,
}

/// The catalogues a run has read, shared by its clones.
#[derive(Debug, Clone, Default)]
pub struct Read(Arc<Mutex<ByYear>>);

/// Catalogues by (read from a given file, year).
type ByYear = BTreeMap<(bool, i32), Arc<Catalog>>;

impl Conventions {
    /// What a cached package's hash must cover: the given file's bytes and
    /// those of the folder's catalogues (read bounded; unreadable ones count
    /// as their names, so a later read error is reported by the build).
    pub fn fingerprint(&self) -> Vec<u8> {
        let mut files: Vec<(PathBuf, Option<&Path>)> =
            self.file.iter().map(|f| (f.clone(), None)).collect();
        if let Some(folder) = &self.folder
            && let Ok(entries) = std::fs::read_dir(folder)
        {
            let mut found: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .collect();
            found.sort();
            files.extend(found.into_iter().map(|f| (f, Some(folder.as_path()))));
        }
        let mut out = Vec::new();
        for (f, folder) in files {
            out.extend(f.display().to_string().as_bytes());
            if let Ok(bytes) = crate::input::read_found(folder, &f, MAX_BYTES) {
                out.extend(bytes);
            }
        }
        out
    }

    /// The catalogues of other years than the one `--catalog FILE` is for
    /// (last year's linked file): the folder's, then the bundled ones.
    pub fn for_other_years(&self) -> Conventions {
        Conventions {
            file: None,
            folder: self.folder.clone(),
            profile: self.profile.clone(),
            read: self.read.clone(),
        }
    }

    /// The catalogue for a budget year, read once per run.
    pub fn load(&self, year: i32) -> Result<Arc<Catalog>, CatalogError> {
        let key = (self.file.is_some(), year);
        let mut read = self.read.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = read.get(&key) {
            return Ok(hit.clone());
        }
        let catalog = Arc::new(self.read_catalog(year)?);
        read.insert(key, catalog.clone());
        Ok(catalog)
    }

    fn read_catalog(&self, year: i32) -> Result<Catalog, CatalogError> {
        if let Some(file) = &self.file {
            return Catalog::read(file, year, None);
        }
        if let Some(folder) = &self.folder {
            let file = folder.join(format!("{year}.yaml"));
            if file.is_file() {
                return Catalog::read(&file, year, Some(folder));
            }
        }
        Catalog::for_year(year)
    }
}

/// The conventions a layout set's format holds a budget to (`check:` in
/// `layout.yaml`); the default is what most provinces do.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// What the format publishes (`kind`): a budget, or final accounts.
    pub kind: crate::model::DocumentKind,
    /// 国有资产 are counted up to this (month, day) of the year before the budget's.
    pub assets_as_of: (u32, u32),
    /// How the tables show amounts: rounding notes compare figures shown so.
    pub display: NumberFormat,
    /// The name of that format in the set's `number_formats` (`check.display`).
    pub display_name: Option<String>,
    /// The ways of writing figures the format allows (`display_variants`),
    /// each with what it shows the tables' amounts as; and the default one.
    pub display_variants: BTreeMap<String, NumberFormat>,
    pub default_display: Option<String>,
    /// The vehicle categories of the format (`vehicle_categories`); empty:
    /// any name the budget writes.
    pub vehicle_categories: Vec<String>,
    /// The 期限 a project may have (`project_terms`).
    pub project_terms: Vec<String>,
    /// The fields the set declares (`fields:`), which files write under 版式字段.
    pub fields: crate::model::FieldScopes,
    /// Optional fields of the budget format this format needs (`check.requires`),
    /// as dotted paths of the file's own names.
    pub requires: Vec<String>,
    /// The format's 指标体系 (`indicators`); empty: any names, in the file's order.
    pub indicators: crate::model::IndicatorScheme,
    /// Groups whose amounts must equal a project's annual funds
    /// (`check.cost_indicators`): `一级指标` or `一级指标.二级指标`.
    pub cost_indicators: Vec<String>,
    /// Units of measure the format's 指标值 use beyond the common ones
    /// (`check.indicator_units`).
    pub indicator_units: Vec<String>,
    /// Words that open a template's instruction in brackets
    /// (`check.instruction_openers` adds to these).
    pub instruction_openers: Vec<String>,
    /// The most of the project money, in percent, that may go without
    /// 绩效目标 before a note says so (`check.max_share_without_targets`).
    pub max_share_without_targets: Option<u32>,
    /// A 决算数 that differs from its 年初预算数 by more than this percent of
    /// it needs a reason (`check.gap_reason_percent`; 0: any difference).
    pub gap_reason_percent: u32,
    /// Optional fields of the budget format (dotted paths) that this format
    /// neither prints nor checks: a file that writes one is told so, since
    /// the value changes nothing it publishes. Found when the set is opened.
    pub unprinted: Vec<String>,
    /// Checker rules the format has no place for (`check.off`): not run.
    pub off: Vec<String>,
}

impl Profile {
    /// How the tables show amounts in a file that picks `variant` (`显示`).
    pub fn display_for(&self, variant: Option<&str>) -> &NumberFormat {
        variant
            .or(self.default_display.as_deref())
            .and_then(|v| self.display_variants.get(v))
            .unwrap_or(&self.display)
    }
}

/// What opens a template's instruction in brackets in every format:
/// `（此处填写…）`, `（请…）`, `（如：…）`, `（填写…）`.
pub const INSTRUCTION_OPENERS: [&str; 7] = ["此处", "请", "如：", "如:", "例如：", "填写", "填报"];

impl Default for Profile {
    fn default() -> Self {
        Profile {
            kind: crate::model::DocumentKind::Budget,
            assets_as_of: (12, 31),
            display: NumberFormat::WAN,
            display_name: None,
            display_variants: BTreeMap::new(),
            default_display: None,
            vehicle_categories: Vec::new(),
            project_terms: crate::model::PROJECT_TERMS.map(String::from).to_vec(),
            fields: crate::model::FieldScopes::default(),
            requires: Vec::new(),
            indicators: crate::model::IndicatorScheme::default(),
            cost_indicators: Vec::new(),
            indicator_units: Vec::new(),
            instruction_openers: INSTRUCTION_OPENERS.iter().map(|s| s.to_string()).collect(),
            max_share_without_targets: None,
            gap_reason_percent: 0,
            unprinted: Vec::new(),
            off: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn each_years_catalogue_is_read_once_and_shared() {
        let run = Conventions::default();
        let first = run.load(2024).expect("bundled");
        let again = run.clone().load(2024).expect("bundled");
        assert!(Arc::ptr_eq(&first, &again), "a clone shares what was read");
        let other = run.for_other_years().load(2024).expect("bundled");
        assert!(Arc::ptr_eq(&first, &other));
        assert!(!Arc::ptr_eq(&first, &run.load(2025).expect("bundled")));
        // A given file is read as given, never answered from the bundled one.
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("mine.yaml");
        std::fs::write(&file, "not a catalogue: [").expect("write");
        let given = Conventions {
            file: Some(file),
            read: run.read.clone(),
            ..Default::default()
        };
        assert!(given.load(2024).is_err());
        assert!(given.for_other_years().load(2024).is_ok());
    }
}
