//! A bureau folder: the 主管部门's file and the units' files it names (or,
//! when it names none, every other `.yaml` file beside it).

use crate::diagnostic::{FileReport, render_human};
use crate::load::{SourceMap, load_file_as};
use crate::model::DepartmentFile;
use std::path::{Path, PathBuf};

/// The department's file in a bureau folder.
pub const DEPARTMENT_FILE: &str = "部门.yaml";

pub struct Bureau {
    pub file: PathBuf,
    pub text: String,
    pub map: SourceMap,
    pub department: DepartmentFile,
    pub units: Vec<PathBuf>,
}

/// Reads the folder; the error is the message to show (the batch cannot start).
pub fn open(dir: &Path) -> Result<Bureau, String> {
    if !dir.is_dir() {
        return Err(format!("{} 不是文件夹", dir.display()));
    }
    let file = dir.join(DEPARTMENT_FILE);
    if !file.is_file() {
        return Err(format!(
            "文件夹 {} 中没有 {DEPARTMENT_FILE}：批量生成需要主管部门文件（部门名称、编码、年度和所属单位文件）",
            dir.display()
        ));
    }
    let parsed = load_file_as::<DepartmentFile>(&file).map_err(|e| {
        let report = FileReport {
            file: file.display().to_string(),
            diagnostics: vec![e.diagnostic().clone()],
        };
        render_human(&report, e.text()).trim_end().to_string()
    })?;
    let (text, map, department) = (parsed.text, parsed.map, parsed.value);
    let units = if department.unit_files.is_empty() {
        discover(dir)?
    } else {
        department.unit_files.iter().map(|f| dir.join(f)).collect()
    };
    if units.is_empty() {
        return Err(format!("文件夹 {} 中没有单位预算文件", dir.display()));
    }
    Ok(Bureau {
        file,
        text,
        map,
        department,
        units,
    })
}

/// Every `.yaml`/`.yml` file but the department's, by file name.
fn discover(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("无法读取文件夹 {}：{e}", dir.display()))?;
    let mut units: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .filter(|p| p.file_name().and_then(|n| n.to_str()) != Some(DEPARTMENT_FILE))
        .collect();
    units.sort();
    Ok(units)
}
