//! What a layout set brings to reading and checking a budget, beside its
//! document: the catalogues' folder and the checker's conventions.

use crate::catalog::{Catalog, CatalogError, MAX_BYTES};
use crate::check::Profile;
use std::path::PathBuf;

/// What a run's layout set (and `--catalog`) brings to reading and checking
/// a budget: where catalogues are looked for before the bundled ones, and
/// the conventions the checker holds the budget to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conventions {
    /// `--catalog FILE`: used for the budget whatever its year, which must match.
    pub file: Option<PathBuf>,
    /// A layout set's `catalog/` folder, holding `YEAR.yaml` files.
    pub folder: Option<PathBuf>,
    /// The set's checking conventions (`check:` in `layout.yaml`).
    pub profile: Profile,
}

impl Conventions {
    /// The catalogues of a run: `--catalog FILE`, then the layout set's folder.
    pub fn new(file: Option<PathBuf>, set: &crate::layout::LayoutSet) -> Conventions {
        Conventions {
            file,
            folder: set.catalog_dir.clone(),
            profile: set.spec.check.clone(),
        }
    }

    /// What a cached package's hash must cover: the given file's bytes and
    /// those of the folder's catalogues (read bounded; unreadable ones count
    /// as their names, so a later read error is reported by the build).
    pub fn fingerprint(&self) -> Vec<u8> {
        let mut files: Vec<PathBuf> = self.file.iter().cloned().collect();
        if let Some(folder) = &self.folder
            && let Ok(entries) = std::fs::read_dir(folder)
        {
            let mut found: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .collect();
            found.sort();
            files.extend(found);
        }
        let mut out = Vec::new();
        for f in files {
            out.extend(f.display().to_string().as_bytes());
            if let Ok(bytes) = crate::load::read_bounded(&f, MAX_BYTES) {
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
        }
    }

    /// The catalogue for a budget year.
    pub fn load(&self, year: i32) -> Result<Catalog, CatalogError> {
        if let Some(file) = &self.file {
            return Catalog::read(file, year);
        }
        if let Some(folder) = &self.folder {
            let file = folder.join(format!("{year}.yaml"));
            if file.is_file() {
                return Catalog::read(&file, year);
            }
        }
        Catalog::for_year(year)
    }
}
