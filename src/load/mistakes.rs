//! A reading mistake (`de::Kind`, a value, never a parser's sentence) worded
//! in Chinese for a budget officer, with a suggestion where one helps.

use super::de::{Found, Kind, Wanted};
use crate::suggest::closest;

pub struct Translated {
    pub rule: &'static str,
    pub message: String,
    pub help: Option<String>,
}

/// A reading mistake of ours in Chinese, by its kind.
pub fn translate(kind: &Kind) -> Translated {
    let t = |rule, message: String, help: Option<String>| Translated {
        rule,
        message,
        help,
    };
    match kind {
        Kind::UnknownField { field, expected } => {
            // `{ 金额: 727,600 }`: in a one-line entry the comma ends the
            // amount, and what follows it reads as a field named 600.
            if !field.is_empty() && field.len() <= 3 && field.bytes().all(|b| b.is_ascii_digit()) {
                return t(
                    "field-value",
                    format!(
                        "“{field}”不是字段：这一行 {{ … }} 中的数字写了千分位逗号，逗号把金额截断，后面的“{field}”被读成了字段名"
                    ),
                    Some("金额只写阿拉伯数字和小数点，不写千分位分隔符，如 727600".into()),
                );
            }
            let help = match closest(field, expected.iter().map(String::as_str)) {
                Some(s) => Some(format!("是否应为“{s}”？")),
                None if expected.is_empty() => Some("这里不能有任何字段".into()),
                None => Some(format!("可用的字段：{}", expected.join("、"))),
            };
            t("field-unknown", format!("未知字段“{field}”"), help)
        }
        Kind::MissingField(field) => t("field-missing", format!("缺少必填字段“{field}”"), None),
        Kind::DuplicateField(field) => t("field-duplicate", format!("字段“{field}”重复出现"), None),
        Kind::UnknownVariant { value, expected } => {
            let help = match closest(value, expected.iter().map(String::as_str)) {
                Some(s) => format!("是否应为“{s}”？可选值：{}", expected.join("、")),
                None => format!("可选值：{}", expected.join("、")),
            };
            t("field-value", format!("“{value}”不是可选的值"), Some(help))
        }
        Kind::InvalidType { found, wanted } => t(
            "field-type",
            format!(
                "类型不对：这里应为{}，实际写的是{}",
                wanted_words(wanted),
                found_words(found)
            ),
            None,
        ),
        Kind::InvalidValue { found, wanted } => t(
            "field-value",
            format!(
                "取值不对：这里应为{}，实际写的是{}",
                wanted_words(wanted),
                found_words(found)
            ),
            None,
        ),
        Kind::InvalidLength(n) => t("field-value", format!("个数不对：这里写了 {n} 项"), None),
        // Our own messages (amounts, codes, dates) are already Chinese.
        Kind::Custom(message) if crate::chars::has_han(message) => {
            t("field-value", message.clone(), None)
        }
        // A library's own words (serde's "did not match any variant"),
        // which a user never reads.
        Kind::Custom(_) => t(
            "yaml-invalid",
            "这一处无法读取：不符合 YAML 的写法（检查缩进、冒号、引号和括号）".into(),
            None,
        ),
    }
}

const LIST: &str = "列表（以“- ”开头的多行）";
const MAP: &str = "键值对（“名称: 值”的多行）";

/// What a place asked for, in Chinese.
pub fn wanted_words(w: &Wanted) -> String {
    if let Wanted::Variant(names) = w {
        return match names.as_slice() {
            [] => "可选值之一".to_string(),
            names => format!("可选值之一（{}）", names.join("、")),
        };
    }
    match w {
        Wanted::Text => "文本",
        Wanted::Bool => "true 或 false",
        Wanted::Unsigned => "非负整数",
        Wanted::Integer => "整数",
        Wanted::Float => "小数",
        Wanted::List => LIST,
        Wanted::Map => MAP,
        Wanted::Variant(_) => "可选值之一",
        Wanted::Null => "空值",
        Wanted::Own(s) => s,
        Wanted::Unknown => "另一种写法",
    }
    .to_string()
}

/// What was written, in Chinese.
pub fn found_words(f: &Found) -> String {
    match f {
        Found::Null => "空值".into(),
        Found::Bool(b) => format!("布尔值 {b}"),
        Found::Integer(s) => format!("整数 {s}"),
        Found::Float(s) => format!("小数 {s}"),
        Found::Text(s) => format!("文本 {s}"),
        Found::List => LIST.into(),
        Found::Map => MAP.into(),
        Found::Other => "其他内容".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let t = translate(&Kind::UnknownField {
            field: "金额x".into(),
            expected: vec!["金额".into(), "名称".into()],
        });
        assert_eq!(t.rule, "field-unknown");
        assert!(t.message.contains("金额x"));
        assert_eq!(t.help.as_deref(), Some("是否应为“金额”？"));
    }

    #[test]
    fn invalid_type_is_chinese() {
        let t = translate(&Kind::InvalidType {
            found: Found::List,
            wanted: Wanted::Text,
        });
        assert!(t.message.contains("应为文本"), "{}", t.message);
    }
}
