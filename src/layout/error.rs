//! Errors in a layout set, said in Chinese with the file, line and the
//! template that failed, for the finance IT officer who maintains the set.

use crate::load::de::{DeError, Kind};

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
    /// A set named that is neither a folder with layout.yaml nor bundled.
    #[error(
        "找不到版式“{name}”：既不是含有 layout.yaml 的文件夹，也不是内置版式（内置：{bundled}）"
    )]
    SetNotFound { name: String, bundled: String },
    /// An expression whose value is undefined (a misspelt name).
    #[error("版式在“{place}”出错：用到了没有定义的名称或字段\n  表达式：{expr}")]
    Undefined { place: String, expr: String },
    /// An expression that should give an amount.
    #[error("版式在“{place}”出错：表达式 {expr} 的结果“{value}”不是金额")]
    NotAmount {
        place: String,
        expr: String,
        value: String,
    },
    /// An expression that should give a whole number.
    #[error("版式在“{place}”出错：{expr} 应是整数，得到“{value}”")]
    NotInteger {
        place: String,
        expr: String,
        value: String,
    },
    /// A number format the set does not define.
    #[error("版式在“{place}”出错：数字格式“{name}”没有定义（number_formats 中有：{defined}）")]
    FormatUndefined {
        place: String,
        name: String,
        defined: String,
    },
    /// An amount cell with no number format on it, its column or its table.
    #[error(
        "版式在“{place}”出错：第 {column} 列的 amount 单元格没有数字格式（在单元格、列或表上写 format）"
    )]
    AmountWithoutFormat { place: String, column: usize },
    /// An included block file that was not read with the set.
    #[error("版式文件 {name} 没有读入")]
    BlockFileNotRead { name: String },
    #[error("版式在“{place}”出错：段落样式“{style}”不存在（可用 body、center、right、note）")]
    ParagraphStyle { place: String, style: String },
    #[error("版式在“{place}”出错：图表类型“{kind}”不存在（可用 pie、bar）")]
    ChartKind { place: String, kind: String },
    #[error("对齐方式“{align}”不存在（可用 left、center、right）")]
    Align { align: String },
    /// A table's `size_pt` outside what a printed table may use.
    #[error("版式在“{place}”出错：表格字号 size_pt 应在 5 到 18 磅之间，写的是 {size}")]
    TableSize { place: String, size: f32 },
    /// The file's `显示` names a way of writing figures the set does not allow.
    #[error("预算文件的“显示: {name}”不是本版式允许的写法（{}）", if allowed.is_empty() { "本版式只有一种写法，不写“显示”".to_string() } else { format!("可写：{}", allowed.join("、")) })]
    DisplayVariant { name: String, allowed: Vec<String> },
    /// A row whose cells do not fit its table's columns.
    #[error("版式在“{place}”出错：{overflow}")]
    TableOverflow {
        place: String,
        overflow: crate::doc::Overflow,
    },
}

fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!(" 第 {l} 行")).unwrap_or_default()
}

impl LayoutError {
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
            K::OutOfFuel => "模板运行的步数超过上限（循环过多或没有尽头），已停止",
            K::WriteFailure => "模板写出的文字超过上限（单个模板 4 MB，整个文档 64 MB），已停止",
            _ => "无法求值",
        };
        // minijinja's own words are English: only where, never what.
        let detail = match (e.kind(), e.line()) {
            (K::OutOfFuel | K::WriteFailure, Some(line)) => format!("（模板第 {line} 行）"),
            (K::OutOfFuel | K::WriteFailure, None) => String::new(),
            _ => e.detail().map(|d| format!("（{d}）")).unwrap_or_default(),
        };
        LayoutError::Template {
            place: place.to_string(),
            what,
            detail,
            template: source.to_string(),
        }
    }
}

/// A layout file's reading mistake in Chinese, after the path inside the
/// file where there is one (`fonts：…`); a list's own items are not named
/// (the line says where).
pub fn yaml_reason(err: &serde_path_to_error::Error<DeError>) -> String {
    let mut path = crate::load::yaml_path(err.path());
    let said = match &err.inner().kind {
        // A block none of whose keys is a kind: serde's words for it are a
        // library's; which list the path ends in says it is a block.
        Kind::Custom(message) if !crate::chars::has_han(message) && is_block(&path) => format!(
            "这个块没有写类型：每个块写一种类型（{}），when、each 等写在它旁边",
            super::spec::BLOCK_KINDS.join("、")
        ),
        kind => reason(kind),
    };
    // The path of an unknown key ends with the key: the message names it.
    if let Kind::UnknownField { field, .. } = &err.inner().kind
        && let Some(parent) = path.strip_suffix(field.as_str())
    {
        path = parent.trim_end_matches('.').to_string();
    }
    match path.as_str() {
        "" => said,
        p if p.starts_with('[') => said,
        p => format!("{p}：{said}"),
    }
}

/// Whether a path names an item of a list of blocks: a blocks file's own
/// items, `document`'s, a `group`'s.
fn is_block(path: &str) -> bool {
    let Some(list) = path.strip_suffix(']').and_then(|p| p.rsplit_once('[')) else {
        return false;
    };
    let parent = list.0;
    parent.is_empty() || parent == "document" || parent.ends_with(".group")
}

fn ticked(names: &[String]) -> Vec<String> {
    names.iter().map(|n| format!("`{n}`")).collect()
}

fn reason(kind: &Kind) -> String {
    match kind {
        Kind::UnknownField { field, expected } if expected.is_empty() => {
            format!("未知字段 `{field}`")
        }
        Kind::UnknownField { field, expected } => {
            format!("未知字段 `{field}`（可用：{}）", ticked(expected).join(", "))
        }
        // A block's kind is the key its block is written under.
        Kind::UnknownVariant { value, expected } if expected.iter().any(|e| e == "paragraph") => {
            format!("未知的块类型 `{value}`（可用 {}）", expected.join("、"))
        }
        Kind::UnknownVariant { value, expected } => {
            format!("未知的取值 `{value}`（可用 {}）", expected.join("、"))
        }
        Kind::MissingField(field) => format!("缺少字段 `{field}`"),
        // serde's own words for a value none of the forms fits (an untagged
        // cell, paragraph or row) are not shown: what the forms are is.
        Kind::Custom(message) if !crate::chars::has_han(message) => {
            "写法不对：单元格应为文字或 {text|wan|yuan, cols, rows, align, bold}，段落应为文字或 {text, style}，表体行应为 {cells, …} 或 {side_by_side: …}".into()
        }
        other => crate::load::mistake_words(other),
    }
}

#[cfg(test)]
mod tests {
    use super::LayoutError as E;

    /// Each failure says what it was, with where, in Chinese.
    #[test]
    fn each_failure_has_its_own_words() {
        let place = || "part3.yaml".to_string();
        let cases = [
            (
                E::Undefined {
                    place: place(),
                    expr: "unit.nmae".into(),
                },
                "版式在“part3.yaml”出错：用到了没有定义的名称或字段\n  表达式：unit.nmae",
            ),
            (
                E::NotAmount {
                    place: place(),
                    expr: "unit.name".into(),
                    value: "局".into(),
                },
                "版式在“part3.yaml”出错：表达式 unit.name 的结果“局”不是金额",
            ),
            (
                E::NotInteger {
                    place: place(),
                    expr: "cols".into(),
                    value: "1.5".into(),
                },
                "版式在“part3.yaml”出错：cols 应是整数，得到“1.5”",
            ),
            (
                E::FormatUndefined {
                    place: place(),
                    name: "千元".into(),
                    defined: "元、万元".into(),
                },
                "版式在“part3.yaml”出错：数字格式“千元”没有定义（number_formats 中有：元、万元）",
            ),
            (
                E::AmountWithoutFormat {
                    place: place(),
                    column: 3,
                },
                "版式在“part3.yaml”出错：第 3 列的 amount 单元格没有数字格式（在单元格、列或表上写 format）",
            ),
            (
                E::BlockFileNotRead {
                    name: "x.yaml".into(),
                },
                "版式文件 x.yaml 没有读入",
            ),
            (
                E::ParagraphStyle {
                    place: place(),
                    style: "big".into(),
                },
                "版式在“part3.yaml”出错：段落样式“big”不存在（可用 body、center、right、note）",
            ),
            (
                E::ChartKind {
                    place: place(),
                    kind: "line".into(),
                },
                "版式在“part3.yaml”出错：图表类型“line”不存在（可用 pie、bar）",
            ),
            (
                E::Align {
                    align: "middle".into(),
                },
                "对齐方式“middle”不存在（可用 left、center、right）",
            ),
            (
                E::SetNotFound {
                    name: "mine".into(),
                    bundled: "a、b".into(),
                },
                "找不到版式“mine”：既不是含有 layout.yaml 的文件夹，也不是内置版式（内置：a、b）",
            ),
        ];
        for (e, said) in cases {
            assert_eq!(e.to_string(), said);
        }
    }
}
