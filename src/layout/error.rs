//! Errors in a layout set, said in Chinese with the file, line and the
//! template that failed, for the finance IT officer who maintains the set.

/// What is wrong with a layout set, or with evaluating it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LayoutError {
    /// A file of the set: unreadable, missing, or not the expected YAML.
    #[error("版式“{set}”的文件 {file}{}：{reason}", at_line(*line))]
    File {
        set: String,
        file: String,
        line: Option<usize>,
        reason: String,
    },
    /// A template or expression that failed while building the document.
    #[error("版式在“{place}”出错：{what}{detail}\n  模板：{template}")]
    Template {
        place: String,
        what: &'static str,
        detail: String,
        template: String,
    },
    /// Any other mistake found while building, said in full.
    #[error("{0}")]
    Build(String),
}

fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!(" 第 {l} 行")).unwrap_or_default()
}

impl LayoutError {
    pub fn plain(message: String) -> LayoutError {
        LayoutError::Build(message)
    }

    pub fn file(origin: &str, name: &str, reason: String) -> LayoutError {
        LayoutError::File {
            set: origin.to_string(),
            file: name.to_string(),
            line: None,
            reason,
        }
    }

    pub fn at_line(self, at: Option<usize>) -> LayoutError {
        match self {
            LayoutError::File {
                set, file, reason, ..
            } => LayoutError::File {
                set,
                file,
                line: at,
                reason,
            },
            other => other,
        }
    }

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
        LayoutError::Template {
            place: place.to_string(),
            what,
            detail: e.detail().map(|d| format!("（{d}）")).unwrap_or_default(),
            template: source.to_string(),
        }
    }
}

/// serde_yaml's English reasons for the common layout-file mistakes, after
/// the path inside the file where there is one (`fonts: …`, `.[0]: …`).
pub fn yaml_reason(raw: &str) -> String {
    let reason = raw.split(" at line ").next().unwrap_or(raw);
    let path = match reason.split_once(": ") {
        Some((path, _)) if !path.is_empty() && !path.contains([' ', '`']) => Some(path),
        _ => None,
    };
    let Some(path) = path else {
        return translated(reason).unwrap_or_else(|| format!("YAML 有误：{reason}"));
    };
    let rest = &reason[path.len() + 2..];
    let path = path.trim_start_matches('.');
    // An untranslated reason in Chinese is one of gongkai's own checks.
    let said = translated(rest).unwrap_or_else(|| match rest.is_ascii() {
        true => format!("YAML 有误：{rest}"),
        false => rest.to_string(),
    });
    match path {
        "" => said,
        _ if path.starts_with('[') => said,
        _ => format!("{path}：{said}"),
    }
}

/// A reason of a known shape, in Chinese.
fn translated(reason: &str) -> Option<String> {
    if let Some(rest) = reason.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches("one of ");
        return Some(if expected.is_empty() {
            format!("未知字段 {field}")
        } else {
            format!("未知字段 {field}（可用：{expected}）")
        });
    }
    if let Some(rest) = reason.strip_prefix("unknown variant ") {
        let name = rest.split(',').next().unwrap_or(rest);
        return Some(format!(
            "未知的块类型 {name}（可用 cover、toc、page_break、heading、toc_entry、paragraph、list、table、chart、signature、include、group）"
        ));
    }
    if let Some(rest) = reason.strip_prefix("missing field ") {
        return Some(format!("缺少字段 {rest}"));
    }
    if reason.starts_with("data did not match any variant") {
        return Some("写法不对：单元格应为文字或 {text|wan|yuan, cols, rows, align, bold}，段落应为文字或 {text, style}，表体行应为 {cells, …} 或 {side_by_side: …}".into());
    }
    None
}
