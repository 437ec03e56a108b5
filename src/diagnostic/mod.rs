//! Diagnostics: what the loader and the checker tell the user, in Chinese.

mod item;
mod render;

pub use item::{Diagnostic, FileReport, QUOTE_CHARS, Severity, Span};
pub use render::{render_human, render_json, summary_line};

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
        "final-budget-file",
        Severity::Error,
        "决算：“决算.预算.文件”无法读取，或不是同一年度的预算",
    ),
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
