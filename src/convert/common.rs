//! What every conversion shares: its failures, and the one way it writes
//! a file (never over one).

use crate::diagnostic::FileReport;
use crate::load::LoadError;
use crate::sheet;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("{0} 已存在，不覆盖：请换一个输出文件名，或先移走原文件")]
    Exists(PathBuf),
    #[error("无法写入 {path}：{reason}", path = .path.display())]
    Write { path: PathBuf, reason: String },
    #[error("{0}")]
    Sheet(#[from] sheet::SheetError),
    #[error("{} 年没有科目目录：{reason}", .year)]
    Catalog { year: i32, reason: String },
    #[error("输出文件的扩展名应为 {0}")]
    Extension(&'static str),
    #[error(
        "{0} 与要生成的工作簿不是同一种文件（单位预算文件与部门文件）：--department 只配部门文件"
    )]
    Document(PathBuf),
    #[error("没有导入方案“{name}”：请写内置方案的名称（{bundled}）或方案文件的路径")]
    NoProfile { name: String, bundled: String },
}

/// A file that would not load, with what was wrong.
pub struct Unloadable {
    pub report: FileReport,
    pub unreadable: bool,
}

/// A file that would not load, as its report.
pub fn unloadable(file: &str, e: &LoadError) -> Box<Unloadable> {
    Box::new(Unloadable {
        report: FileReport {
            file: file.to_string(),
            diagnostics: e.diagnostics(),
        },
        unreadable: e.unreadable,
    })
}

/// What went wrong: a file that did not load, or a result not written.
pub enum Failure {
    Input(Box<Unloadable>),
    Output(ConvertError),
}

impl From<ConvertError> for Failure {
    fn from(e: ConvertError) -> Failure {
        Failure::Output(e)
    }
}

/// The output is named as its format: `ext` (yaml: .yaml or .yml).
pub fn expect_extension(out: &Path, ext: &'static str) -> Result<(), ConvertError> {
    let e = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let ok = match ext {
        "yaml" => matches!(e.as_deref(), Some("yaml" | "yml")),
        _ => e.as_deref() == Some(ext),
    };
    if ok {
        Ok(())
    } else {
        Err(ConvertError::Extension(ext))
    }
}

/// Writes `bytes` to `path`, which must not exist yet: never over a file.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), ConvertError> {
    crate::render::write_new(path, bytes).map_err(|e| match e {
        crate::render::NewFileError::Exists => ConvertError::Exists(path.to_path_buf()),
        crate::render::NewFileError::Io { source, .. } => ConvertError::Write {
            path: path.to_path_buf(),
            reason: crate::diagnostic::os_reason(&source),
        },
    })
}
