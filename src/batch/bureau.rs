//! A bureau folder: the 主管部门's file and the units' files it names (or,
//! when it names none, every other `.yaml` file beside it).

use crate::diagnostic::{FileReport, render_human};
use crate::load::{SourceMap, load_file_as};
use crate::model::DepartmentFile;
use crate::sheet::CellMap;
use std::path::{Path, PathBuf};

/// The department's file in a bureau folder.
pub const DEPARTMENT_FILE: &str = "部门.yaml";
/// The 部门 file as a workbook, read where there is no 部门.yaml.
pub const DEPARTMENT_WORKBOOK: &str = "部门.xlsx";

/// A folder's 部门 file: 部门.yaml, else 部门.xlsx.
pub fn department_file(dir: &Path) -> Option<PathBuf> {
    [DEPARTMENT_FILE, DEPARTMENT_WORKBOOK]
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
}

pub struct Bureau {
    pub file: PathBuf,
    pub text: String,
    pub map: SourceMap,
    /// For a 部门.xlsx, the cell of each field.
    pub cells: Option<CellMap>,
    pub department: DepartmentFile,
    pub units: Vec<PathBuf>,
}

/// Why a bureau folder cannot be batched.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{} 不是文件夹", .0.display())]
    NotFolder(PathBuf),
    #[error(
        "文件夹 {} 中没有 {DEPARTMENT_FILE}（或 {DEPARTMENT_WORKBOOK}），子文件夹中也没有：批量生成需要主管部门文件（部门名称、编码、年度和所属单位文件），市级批量时每个主管部门一个子文件夹",
        .0.display()
    )]
    NoDepartmentFile(PathBuf),
    /// 部门.yaml has an error: its diagnostic, rendered with the source line.
    #[error("{rendered}\n批量生成未开始：请先改正{DEPARTMENT_FILE}")]
    DepartmentFile { rendered: String },
    #[error("文件夹 {} 中没有单位预算文件", .0.display())]
    NoUnits(PathBuf),
    #[error("无法读取文件夹 {}：{}", path.display(), crate::diagnostic::os_reason(source))]
    ReadFolder {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Bureau {
    /// The folder that holds the department's file.
    pub fn folder(&self) -> &Path {
        self.file.parent().unwrap_or(Path::new("."))
    }

    /// The folder and every file it reads, canonical: what a batch must
    /// never replace. The folder comes first.
    pub fn inputs(&self) -> Vec<PathBuf> {
        std::iter::once(self.folder())
            .chain(std::iter::once(self.file.as_path()))
            .chain(self.units.iter().map(PathBuf::as_path))
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect()
    }
}

/// Reads the folder.
pub fn open(dir: &Path) -> Result<Bureau, OpenError> {
    if !dir.is_dir() {
        return Err(OpenError::NotFolder(dir.to_path_buf()));
    }
    let Some(file) = department_file(dir) else {
        return Err(OpenError::NoDepartmentFile(dir.to_path_buf()));
    };
    let parsed = load_file_as::<DepartmentFile>(&file).map_err(|e| {
        let report = FileReport {
            file: file.display().to_string(),
            diagnostics: e.diagnostics(),
        };
        OpenError::DepartmentFile {
            rendered: render_human(&report, e.text()).trim_end().to_string(),
        }
    })?;
    let (text, map, cells, department) = (parsed.text, parsed.map, parsed.cells, parsed.value);
    let units = if department.unit_files.is_empty() {
        discover(dir)?
    } else {
        department.unit_files.iter().map(|f| dir.join(f)).collect()
    };
    if units.is_empty() {
        return Err(OpenError::NoUnits(dir.to_path_buf()));
    }
    Ok(Bureau {
        file,
        text,
        map,
        cells,
        department,
        units,
    })
}

/// Every `.yaml`/`.yml` file but the department's, and every workbook
/// (`.xlsx`) but the lock files Excel keeps beside an open one (`~$…`), by
/// file name.
fn discover(dir: &Path) -> Result<Vec<PathBuf>, OpenError> {
    let entries = std::fs::read_dir(dir).map_err(|source| OpenError::ReadFolder {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut units: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            matches!(ext.as_deref(), Some("yaml" | "yml" | "xlsx"))
        })
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name != DEPARTMENT_FILE && name != DEPARTMENT_WORKBOOK && !name.starts_with("~$")
        })
        .collect();
    units.sort();
    Ok(units)
}
