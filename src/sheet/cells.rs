//! What the workbook's readers and writers share: where a value stands
//! (a cell), the drop-down lists, and why a workbook could not be read or
//! written.

use super::tree;
use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;

/// Drop-down lists for columns by their field name (功能科目 → "2010301
/// 行政运行" …), beyond the model's own closed lists.
pub type Choices = BTreeMap<String, Vec<String>>;

/// Why a workbook could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error(
        "这不是 Excel 工作簿（.xlsx）：文件已损坏，或是其他格式改了扩展名；.xls 请在 Excel 中另存为 .xlsx"
    )]
    NotWorkbook,
    #[error("工作簿解压后过大或部件过多，疑似恶意构造，拒绝读取")]
    TooManyParts,
    #[error("工作表“{0}”的单元格过多或超出范围（最多 200000 行、256 列），拒绝读取")]
    TooLarge(String),
    #[error("工作表“{0}”无法读取：文件可能已损坏")]
    Unreadable(String),
    #[error(
        "工作簿中没有预算的工作表（如“基本信息”“单位”“基本支出”）：请在 gongkai template 生成的工作簿中填写"
    )]
    NoBudgetSheet,
    #[error("工作簿中没有工作表“{0}”")]
    NoSheet(String),
    #[error("工作表“{0}”的前 10 行中找不到表头（至少要有“金额”列）：请核对导入方案中“列”的写法")]
    NoHeader(String),
    #[error("无法生成工作簿")]
    Write(#[from] rust_xlsxwriter::XlsxError),
}

/// Where a value stands in a workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct CellRef {
    pub sheet: String,
    pub cell: String,
    /// The column's header (or the row's field name).
    pub header: String,
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}!{}", self.sheet, self.cell)?;
        if !self.header.is_empty() {
            write!(f, "（{}）", self.header)?;
        }
        Ok(())
    }
}

/// Where each value of a read workbook came from, by field path.
#[derive(Debug, Default, Clone)]
pub struct CellMap {
    cells: BTreeMap<String, CellRef>,
    /// Rows of 字段|内容 sheets left empty, where their field is filled in.
    blanks: BTreeMap<String, CellRef>,
    sheets: BTreeMap<String, String>,
}

impl CellMap {
    pub(super) fn insert(&mut self, path: String, cell: CellRef) {
        self.cells.entry(path).or_insert(cell);
    }

    pub(super) fn blank(&mut self, path: String, cell: CellRef) {
        self.blanks.entry(path).or_insert(cell);
    }

    /// The empty row of a field, or the first of the fields below it.
    pub(super) fn blank_of(&self, path: &str) -> Option<&CellRef> {
        self.blanks.get(path).or_else(|| {
            let below = format!("{path}.");
            self.blanks
                .range(below.clone()..)
                .take_while(|(p, _)| p.starts_with(&below))
                .map(|(_, c)| c)
                .min_by_key(|c| (c.sheet.clone(), c.cell.len(), c.cell.clone()))
        })
    }

    pub(super) fn sheet(&mut self, keys: &[String], name: &str) {
        self.sheets.insert(tree::path_of(keys), name.to_string());
    }

    /// The cell of a field path, or of the nearest field above it; failing
    /// that, the sheet the field belongs to.
    pub fn locate(&self, path: &str) -> String {
        if path.is_empty() {
            return String::new();
        }
        if let Some(c) = self.cells.get(path).or_else(|| self.blank_of(path)) {
            return c.to_string();
        }
        let mut p = path;
        loop {
            if let Some(c) = self.cells.get(p) {
                return c.to_string();
            }
            if p.is_empty() {
                break;
            }
            p = match p.rfind(['.', '[']) {
                Some(i) => &p[..i],
                None => "",
            };
        }
        let top = path.split(['.', '[']).next().unwrap_or_default();
        match self.sheets.get(top).or_else(|| self.sheets.get("")) {
            Some(s) => format!("工作表“{s}”"),
            None => String::new(),
        }
    }

    /// Points each diagnostic at its cell instead of a line: the lines are
    /// those of the YAML the workbook was read into, which nobody sees.
    pub fn place(&self, diagnostics: &mut [Diagnostic]) {
        for d in diagnostics {
            if d.cell.is_none() {
                // A missing field is looked for where it would have been
                // (its own sheet), not at the record that lacks it.
                let missing = (d.rule == "field-missing")
                    .then(|| d.message.split('“').nth(1)?.split('”').next())
                    .flatten()
                    .map(|name| match d.path.as_str() {
                        "" => name.to_string(),
                        p => format!("{p}.{name}"),
                    });
                let at = missing
                    .map(|m| self.locate(&m))
                    .filter(|c| !c.is_empty())
                    .unwrap_or_else(|| self.locate(&d.path));
                d.cell = Some(at);
            }
            d.span = None;
        }
    }
}
