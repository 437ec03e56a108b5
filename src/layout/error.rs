//! Errors in a layout set, said in Chinese with the file, line and the
//! template that failed, for the finance IT officer who maintains the set.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct LayoutError {
    pub message: String,
}

impl LayoutError {
    pub fn plain(message: String) -> LayoutError {
        LayoutError { message }
    }

    pub fn file(origin: &str, name: &str, reason: String) -> LayoutError {
        LayoutError {
            message: format!("版式“{origin}”的文件 {name}：{reason}"),
        }
    }

    pub fn at_line(mut self, line: Option<usize>) -> LayoutError {
        if let Some(l) = line {
            self.message = self.message.replacen('：', &format!(" 第 {l} 行："), 1);
        }
        self
    }

    /// A template or expression that failed while building the document.
    pub fn template(place: &str, source: &str, e: &minijinja::Error) -> LayoutError {
        use minijinja::ErrorKind as K;
        let what = match e.kind() {
            K::SyntaxError => "模板语法错误",
            K::UndefinedError => "用到了没有定义的名称或字段",
            K::UnknownFilter => "未知的过滤器",
            K::UnknownTest => "未知的判断",
            K::UnknownFunction => "未知的函数",
            K::UnknownMethod => "未知的方法",
            K::MissingArgument | K::TooManyArguments => "参数个数不对",
            K::TemplateNotFound => "找不到被引用的模板文件",
            _ => "无法求值",
        };
        let detail = e.detail().map(|d| format!("（{d}）")).unwrap_or_default();
        LayoutError {
            message: format!("版式在“{place}”出错：{what}{detail}\n  模板：{source}"),
        }
    }
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LayoutError {}

/// serde_yaml's English reasons for the common layout-file mistakes.
pub fn yaml_reason(raw: &str) -> String {
    let reason = raw.split(" at line ").next().unwrap_or(raw);
    // serde_yaml may prefix the path inside the file (“.[0]: …”).
    let reason = match reason.split_once(": ") {
        Some((path, rest)) if path.starts_with('.') || path.starts_with('[') => rest,
        _ => reason,
    };
    if let Some(rest) = reason.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches("one of ");
        return if expected.is_empty() {
            format!("未知字段 {field}")
        } else {
            format!("未知字段 {field}（可用：{expected}）")
        };
    }
    if let Some(rest) = reason.strip_prefix("unknown variant ") {
        let name = rest.split(',').next().unwrap_or(rest);
        return format!(
            "未知的块类型 {name}（可用 cover、toc、page_break、heading、paragraph、list、table、chart、signature、include、group）"
        );
    }
    if let Some(rest) = reason.strip_prefix("missing field ") {
        return format!("缺少字段 {rest}");
    }
    if reason.starts_with("data did not match any variant") {
        return "写法不对：单元格应为文字或 {text|wan|yuan, cols, rows, align, bold}，段落应为文字或 {text, style}，表体行应为 {cells, …} 或 {side_by_side: …}".into();
    }
    format!("YAML 有误：{reason}")
}
