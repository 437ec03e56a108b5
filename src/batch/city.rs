//! A city folder: one folder per 主管部门 (each with its 部门.yaml), built
//! one department after another into one output folder, with one summary.

use super::bureau::{self, Bureau, OpenError};
use super::summary::{Status, Summary, table};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub struct City {
    pub dir: PathBuf,
    /// Each department folder, by folder name, opened or not.
    pub departments: Vec<(PathBuf, Result<Bureau, OpenError>)>,
}

impl City {
    /// Every folder a run reads from, canonical: the city's first.
    pub fn folders(&self) -> Vec<PathBuf> {
        std::iter::once(&self.dir)
            .chain(self.departments.iter().map(|(d, _)| d))
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect()
    }

    /// The folders and every file read: what a run must never replace.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut all = self.folders();
        for b in self.departments.iter().filter_map(|(_, b)| b.as_ref().ok()) {
            all.extend(b.inputs());
        }
        all
    }
}

/// Reads `dir` as a city: `None` when no subfolder holds a 部门.yaml (the
/// folder is then not a city, and is read as a 主管部门 folder).
pub fn open(dir: &Path) -> Result<Option<City>, OpenError> {
    if !dir.is_dir() {
        return Err(OpenError::NotFolder(dir.to_path_buf()));
    }
    let entries = std::fs::read_dir(dir).map_err(|source| OpenError::ReadFolder {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut folders: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| bureau::department_file(p).is_some())
        .collect();
    if folders.is_empty() {
        return Ok(None);
    }
    folders.sort();
    let departments = folders
        .into_iter()
        .map(|f| {
            let opened = bureau::open(&f);
            (f, opened)
        })
        .collect();
    Ok(Some(City {
        dir: dir.to_path_buf(),
        departments,
    }))
}

/// One department of a city run: built (its summary), or not at all.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentRun {
    /// The department's input folder.
    pub source: String,
    /// Its output folder, inside the city's.
    pub folder: Option<String>,
    pub summary: Option<Summary>,
    /// Why nothing of it was built, in one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The same, with source lines (a 部门.yaml diagnostic).
    #[serde(skip)]
    pub rendered: String,
}

/// What a city run did: each department's summary, and the totals.
#[derive(Debug, Clone, Serialize)]
pub struct CitySummary {
    pub folder: String,
    pub departments: Vec<DepartmentRun>,
}

/// Package counts: of one department, or of the whole city.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub units: usize,
    pub packages: usize,
    pub built: usize,
    pub skipped: usize,
    pub failed: usize,
    pub retained: usize,
    pub warnings: usize,
}

impl Counts {
    fn of(s: &Summary) -> Counts {
        let listed = s.rows.iter().filter(|r| r.status != Status::Retained);
        Counts {
            units: listed
                .clone()
                .filter(|r| r.kind == super::summary::Kind::Unit)
                .count(),
            packages: listed.count(),
            built: s.count(Status::Built),
            skipped: s.count(Status::Skipped),
            failed: s.failed(),
            retained: s.count(Status::Retained),
            warnings: s.rows.iter().map(|r| r.warnings).sum(),
        }
    }

    fn add(self, o: Counts) -> Counts {
        Counts {
            units: self.units + o.units,
            packages: self.packages + o.packages,
            built: self.built + o.built,
            skipped: self.skipped + o.skipped,
            failed: self.failed + o.failed,
            retained: self.retained + o.retained,
            warnings: self.warnings + o.warnings,
        }
    }
}

impl DepartmentRun {
    pub fn counts(&self) -> Counts {
        self.summary.as_ref().map(Counts::of).unwrap_or_default()
    }

    pub fn name(&self) -> String {
        match &self.summary {
            Some(s) => s.department.clone(),
            None => super::summary::file_label(Path::new(&self.source)),
        }
    }
}

impl CitySummary {
    pub fn total(&self) -> Counts {
        self.departments
            .iter()
            .fold(Counts::default(), |t, d| t.add(d.counts()))
    }

    /// Failed packages, and departments not built at all.
    pub fn failed(&self) -> usize {
        self.total().failed
            + self
                .departments
                .iter()
                .filter(|d| d.error.is_some())
                .count()
    }

    pub fn json(&self) -> String {
        #[derive(Serialize)]
        struct Department<'a> {
            #[serde(flatten)]
            run: &'a DepartmentRun,
            counts: Counts,
        }
        #[derive(Serialize)]
        struct Json<'a> {
            folder: &'a str,
            total: Counts,
            departments: Vec<Department<'a>>,
        }
        let json = Json {
            folder: &self.folder,
            total: self.total(),
            departments: self
                .departments
                .iter()
                .map(|run| Department {
                    run,
                    counts: run.counts(),
                })
                .collect(),
        };
        serde_json::to_string_pretty(&json).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// The table printed at the end: one line per department, then the city.
    pub fn table(&self) -> String {
        let header =
            ["主管部门", "单位", "已生成", "跳过", "失败", "警告", "说明"].map(String::from);
        let line = |name: String, c: Counts, note: String| {
            [
                name,
                c.units.to_string(),
                c.built.to_string(),
                c.skipped.to_string(),
                c.failed.to_string(),
                c.warnings.to_string(),
                note,
            ]
        };
        let mut rows: Vec<[String; 7]> = self
            .departments
            .iter()
            .map(|d| {
                let c = d.counts();
                let note = match (&d.error, c.retained) {
                    (Some(e), _) => e.clone(),
                    (None, 0) => String::new(),
                    (None, n) => format!("另有 {n} 个旧单位文件夹保留"),
                };
                line(d.name(), c, note)
            })
            .collect();
        let total = self.total();
        rows.push(line("合计".into(), total, String::new()));
        let mut out = table(&header, &rows);
        let not_built = self
            .departments
            .iter()
            .filter(|d| d.error.is_some())
            .count();
        let not_built = match not_built {
            0 => String::new(),
            n => format!("（{n} 个未能生成）"),
        };
        out.push_str(&format!(
            "共 {} 个主管部门{not_built}、{} 个单位、{} 项材料：已生成 {}，未变化跳过 {}，失败 {}\n",
            self.departments.len(),
            total.units,
            total.packages,
            total.built,
            total.skipped,
            total.failed
        ));
        out
    }
}
