//! rustc-style and JSON rendering of diagnostics.

use super::item::{Diagnostic, FileReport, QUOTE_CHARS, Severity};
use std::fmt::Write;

/// Renders one file's diagnostics as rustc does: header, location, source line, caret.
pub fn render_human(report: &FileReport, source: Option<&str>) -> String {
    let lines: Vec<&str> = source.map(|s| s.lines().collect()).unwrap_or_default();
    let mut out = String::new();
    for d in &report.diagnostics {
        render_one(&mut out, &report.file, d, &lines);
    }
    out
}

fn render_one(out: &mut String, file: &str, d: &Diagnostic, lines: &[&str]) {
    let _ = writeln!(out, "{}[{}]: {}", d.severity.label(), d.rule, d.message);
    match d.span {
        _ if d.cell.is_some() => {
            let cell = d.cell.as_deref().unwrap_or_default();
            if cell.is_empty() {
                let _ = writeln!(out, "  --> {file}");
            } else {
                let _ = writeln!(out, "  --> {file} › {cell}");
            }
        }
        Some(span) => {
            let _ = writeln!(out, "  --> {}:{}:{}", file, span.line, span.column);
            if let Some(line) = lines.get(span.line.saturating_sub(1)) {
                let number = span.line.to_string();
                let pad = " ".repeat(number.len());
                let (text, column) = window(line, span.column);
                let caret_pad: String = text
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| {
                        if c == '\t' {
                            '\t'
                        } else if is_wide(c) {
                            '　'
                        } else {
                            ' '
                        }
                    })
                    .collect();
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{number} | {text}");
                let _ = writeln!(out, "{pad} | {caret_pad}^");
            }
        }
        None => {
            let _ = writeln!(out, "  --> {file}");
        }
    }
    if !d.path.is_empty() {
        let _ = writeln!(out, "  = 字段：{}", d.path);
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = 建议：{help}");
    }
    out.push('\n');
}

/// The part of a source line shown under a finding: at most
/// `QUOTE_CHARS` characters around the column, with "…" where cut, and
/// invisible control characters as "?". Returns the text and the column
/// within it.
fn window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let half = QUOTE_CHARS / 2;
    let col = column.saturating_sub(1).min(chars.len());
    let (start, end) = if chars.len() <= QUOTE_CHARS {
        (0, chars.len())
    } else {
        let start = col.saturating_sub(half);
        (start, (start + QUOTE_CHARS).min(chars.len()))
    };
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    for &c in &chars[start..end] {
        let hidden = (c.is_control() && c != '\t') || crate::chars::is_forbidden(c);
        text.push(if hidden { '?' } else { c });
    }
    if end < chars.len() {
        text.push('…');
    }
    (text, col - start + usize::from(start > 0) + 1)
}

/// Full-width characters take two columns in a terminal; pad with an ideographic space.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// A one-line summary such as `检查完成：2 个错误，1 个警告`.
pub fn summary_line(reports: &[FileReport]) -> String {
    let count = |s: Severity| reports.iter().map(|r| r.count(s)).sum::<usize>();
    let (e, w, n) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    if e + w + n == 0 {
        return format!("检查完成：{} 个文件，未发现问题", reports.len());
    }
    format!(
        "检查完成：{} 个文件，{e} 个错误，{w} 个警告，{n} 个提示",
        reports.len()
    )
}

/// Machine-readable form of the reports.
pub fn render_json(reports: &[FileReport]) -> String {
    serde_json::to_string_pretty(reports).unwrap_or_else(|e| format!("{{\"内部错误\":\"{e}\"}}"))
}
