//! What a batch did, unit by unit: a table for the terminal and JSON for
//! scripts (written beside the packages).

use crate::diagnostic::FileReport;
use serde::Serialize;
use std::fmt::Write;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

/// The summary's file name in the output folder.
pub const SUMMARY_FILE: &str = "生成结果.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Written this run.
    Built,
    /// Inputs unchanged since the package on disk was built.
    Skipped,
    Failed,
    /// A package of an earlier run whose unit is no longer listed in
    /// 部门.yaml: left as it was, for the officer to remove or keep.
    Retained,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Built => "已生成",
            Status::Skipped => "未变化，跳过",
            Status::Failed => "失败",
            Status::Retained => "已不在部门.yaml中，旧材料保留",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Unit,
    Department,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The unit's name (or the file's, when it could not be read).
    pub name: String,
    pub kind: Kind,
    pub source: String,
    pub status: Status,
    pub warnings: usize,
    pub files: Vec<PathBuf>,
    /// Why it failed, in one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The checker's findings, with lines.
    pub report: FileReport,
    /// The same findings as a reader sees them, with source lines.
    #[serde(skip)]
    pub rendered: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub department: String,
    pub year: i32,
    pub rows: Vec<Row>,
}

impl Summary {
    pub fn failed(&self) -> usize {
        self.count(Status::Failed)
    }

    pub fn count(&self, status: Status) -> usize {
        self.rows.iter().filter(|r| r.status == status).count()
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// The table printed at the end of a batch.
    pub fn table(&self) -> String {
        let header = ["单位", "状态", "警告", "文件"];
        let rows: Vec<[String; 4]> = self
            .rows
            .iter()
            .map(|r| {
                let name = match r.kind {
                    Kind::Unit => r.name.clone(),
                    Kind::Department => format!("{}（部门汇总）", r.name),
                };
                [
                    name,
                    r.status.label().to_string(),
                    r.warnings.to_string(),
                    match &r.error {
                        Some(e) => e.clone(),
                        None => format!("{} 个", r.files.len()),
                    },
                ]
            })
            .collect();
        let header = header.map(String::from);
        let mut out = table(&header, &rows);
        let _ = writeln!(
            out,
            "共 {} 项：已生成 {}，未变化跳过 {}，失败 {}",
            self.rows.len() - self.count(Status::Retained),
            self.count(Status::Built),
            self.count(Status::Skipped),
            self.failed()
        );
        if self.count(Status::Retained) > 0 {
            let _ = writeln!(
                out,
                "另有 {} 个文件夹是以前生成、现已不在{}中的单位的材料，未改动；不再需要时请手动删除",
                self.count(Status::Retained),
                super::bureau::DEPARTMENT_FILE
            );
        }
        out
    }
}

/// Columns padded to their widest cell (in terminal columns); the last
/// column is not padded.
pub fn table<const N: usize>(header: &[String; N], rows: &[[String; N]]) -> String {
    let mut widths = header.clone().map(|h| h.width());
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    for cells in std::iter::once(header).chain(rows) {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            s.push_str(cell);
            if i + 1 < N {
                s.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        let _ = writeln!(out, "{}", s.trim_end());
    }
    out
}
/// A file as a row names it: its name, or the whole path when it has none.
pub fn file_label(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
