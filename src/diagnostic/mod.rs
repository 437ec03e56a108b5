//! Diagnostics: what the loader and the checker tell the user, in Chinese.

mod render;

pub use render::{render_human, render_json, summary_line};

use serde::Serialize;

/// The most of a value any message quotes: enough to recognise it, never a
/// whole pasted page.
pub const QUOTE_CHARS: usize = 80;

/// A value as a message quotes it: at most `QUOTE_CHARS` characters, with
/// "……" when cut, and control characters shown as their code.
pub fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == QUOTE_CHARS {
            out.push_str("……");
            break;
        }
        if c.is_control() {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// An operating-system error in Chinese, as a message says why a file or
/// folder could not be read or written (never the system's English).
pub fn os_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let known = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已存在同名的文件或文件夹",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "磁盘是只读的",
        K::NotADirectory => "路径中有一段是文件，不是文件夹",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::InvalidFilename => "文件名不合法",
        K::FileTooLarge => "文件过大",
        K::QuotaExceeded => "超出了磁盘配额",
        K::CrossesDevices => "不能跨磁盘移动",
        K::Interrupted => "操作被中断",
        K::InvalidData | K::UnexpectedEof => "文件内容不完整或已损坏",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    // ErrorKind::FilesystemLoop is not yet stable to name; its name is.
    if format!("{:?}", e.kind()) == "FilesystemLoop" {
        return "符号链接绕成了环，指不到任何文件".to_string();
    }
    match e.raw_os_error() {
        Some(code) => format!("系统错误（代码 {code}）"),
        None => "系统错误".to_string(),
    }
}

/// The ids a message carries when a file cannot be read or built, beyond
/// the checker's rules: `gongkai rules` lists them with the checker's.
pub const READING_RULES: &[(&str, Severity, &str)] = &[
    (
        "file-unreadable",
        Severity::Error,
        "文件无法读取（不存在、没有权限、是文件夹）",
    ),
    ("file-too-large", Severity::Error, "文件超过大小上限"),
    ("file-binary", Severity::Error, "不是文本文件"),
    (
        "file-encoding",
        Severity::Error,
        "不是 UTF-8 编码（GBK、UTF-16 等）",
    ),
    ("file-empty", Severity::Error, "文件是空的"),
    (
        "file-not-budget",
        Severity::Error,
        "不是 gongkai 的预算文件",
    ),
    (
        "text-invisible-character",
        Severity::Error,
        "含有看不见的控制字符",
    ),
    ("yaml-syntax", Severity::Error, "YAML 语法错误"),
    ("yaml-alias-bomb", Severity::Error, "别名展开过多或嵌套过深"),
    ("yaml-too-deep", Severity::Error, "列表或映射嵌套过深"),
    (
        "yaml-multiple-documents",
        Severity::Error,
        "一个文件含有多个 YAML 文档",
    ),
    ("yaml-invalid", Severity::Error, "内容不符合 YAML 的写法"),
    (
        "field-unknown",
        Severity::Error,
        "未知的字段（或工作表中未知的列、字段名）",
    ),
    ("field-missing", Severity::Error, "缺少必填字段"),
    ("field-duplicate", Severity::Error, "字段写了两次"),
    ("field-type", Severity::Error, "字段的类型不对"),
    ("field-value", Severity::Error, "字段的取值不对"),
    (
        "workbook-unreadable",
        Severity::Error,
        "工作簿无法读取（不是 .xlsx、过大、没有预算的工作表）",
    ),
    (
        "cell-value",
        Severity::Error,
        "工作簿单元格中的值会被误读（小数逗号、括号负数、万元、公式错误）",
    ),
    (
        "detail-value",
        Severity::Error,
        "预算系统明细中的一格无法读取（金额、资金来源、科目）",
    ),
    (
        "detail-unit-info",
        Severity::Error,
        "导入明细时单位信息文件不合用",
    ),
    (
        "detail-no-rows",
        Severity::Error,
        "明细中没有这个单位的支出行",
    ),
    ("catalog-missing", Severity::Error, "没有该年度的科目目录"),
    (
        "department-file",
        Severity::Error,
        "部门文件（部门.yaml）有错误，所属单位未检查",
    ),
    (
        "department-member",
        Severity::Error,
        "单位不属于部门文件中的部门或年度，或未全部通过检查，部门汇总无法检查",
    ),
    ("last-year-file", Severity::Error, "“上年.文件”无法读取"),
    (
        "last-year-chain",
        Severity::Error,
        "“上年.文件”的链接成环或过长",
    ),
    ("layout-failed", Severity::Error, "用版式试排时出错"),
    ("glyph-missing", Severity::Error, "版式所用的字体印不出的字"),
    (
        "department-size-limit",
        Severity::Error,
        "部门汇总超过大小上限",
    ),
    (
        "internal-error",
        Severity::Error,
        "gongkai 内部错误（请报告）",
    ),
];

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed before publishing.
    Error,
    /// Probably wrong; a person should look.
    Warning,
    /// For information, e.g. a rounding difference that is not an error.
    Note,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Note => "提示",
        }
    }
}

/// A 1-based position in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
}

/// One finding, tied to a field of the YAML by its path.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Stable rule id, e.g. `amount-negative`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Field path in the YAML, e.g. `项目[3].资金.一般公共预算`; empty for the whole file.
    pub path: String,
    pub span: Option<Span>,
    /// For a workbook, the cell instead of a line: `基本支出!D5（金额）`.
    #[serde(rename = "单元格", skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// A hint on how to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            path: path.into(),
            span: None,
            cell: None,
            help: None,
        }
    }
    pub fn error(rule: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Error, path, message)
    }
    pub fn warning(
        rule: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(rule, Severity::Warning, path, message)
    }
    pub fn note(rule: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Note, path, message)
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// Adds a hint to a diagnostic already collected.
    pub fn hint(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
    pub fn at(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }
}

/// What `check` found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}
