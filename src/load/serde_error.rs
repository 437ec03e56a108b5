//! serde's errors are English sentences of a few fixed shapes; budget officers
//! read Chinese, so each shape is translated here, with a suggestion where one helps.

use crate::suggest::closest;

pub struct Translated {
    pub rule: &'static str,
    pub message: String,
    pub help: Option<String>,
}

/// Splits "`a`, `b`" into its names.
fn ticked(list: &str) -> Vec<&str> {
    list.split('`').skip(1).step_by(2).collect()
}

pub fn translate(raw: &str) -> Translated {
    let t = |rule, message: String, help: Option<String>| Translated {
        rule,
        message,
        help,
    };
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
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
        let allowed = ticked(expected);
        let help = match closest(field, allowed.iter().copied()) {
            Some(s) => Some(format!("是否应为“{s}”？")),
            None if allowed.is_empty() => Some("这里不能有任何字段".into()),
            None => Some(format!("可用的字段：{}", allowed.join("、"))),
        };
        return t("field-unknown", format!("未知字段“{field}”"), help);
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return t("field-missing", format!("缺少必填字段“{field}”"), None);
    }
    if let Some(rest) = raw.strip_prefix("duplicate field `") {
        let field = rest.trim_end_matches('`');
        return t("field-duplicate", format!("字段“{field}”重复出现"), None);
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = ticked(expected);
        let help = match closest(value, allowed.iter().copied()) {
            Some(s) => format!("是否应为“{s}”？可选值：{}", allowed.join("、")),
            None => format!("可选值：{}", allowed.join("、")),
        };
        return t("field-value", format!("“{value}”不是可选的值"), Some(help));
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return t(
            "field-type",
            format!(
                "类型不对：这里应为{}，实际写的是{}",
                kind(expected),
                kind(found)
            ),
            None,
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return t(
            "field-value",
            format!(
                "取值不对：这里应为{}，实际写的是{}",
                kind(expected),
                kind(found)
            ),
            None,
        );
    }
    if raw.contains("repetition limit exceeded") || raw.contains("recursion limit exceeded") {
        return t(
            "yaml-alias-bomb",
            "YAML 的锚点/别名展开过多或嵌套过深，拒绝读取（预算文件不需要这样的结构）".into(),
            None,
        );
    }
    if raw.contains("more than one document") {
        return t(
            "yaml-multiple-documents",
            "文件含有多个 YAML 文档（“---” 分隔）：一个文件只写一个单位的一个年度".into(),
            None,
        );
    }
    // Our own messages (amounts, codes, dates) are already Chinese.
    if raw.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return t("field-value", raw.to_string(), None);
    }
    // Anything else is the parser's English, which a user never reads.
    t(
        "yaml-invalid",
        "这一处无法读取：不符合 YAML 的写法（检查缩进、冒号、引号和括号）".into(),
        None,
    )
}

/// serde's names for kinds of value, in Chinese.
fn kind(s: &str) -> String {
    let s = s.trim();
    let plain = s.trim_start_matches("a ").trim_start_matches("an ");
    let known = match plain {
        "string" | "string or map" => "文本",
        "sequence" => "列表（以“- ”开头的多行）",
        "map" => "键值对（“名称: 值”的多行）",
        "unit value" => "空值",
        "boolean" => "true 或 false",
        "u32" | "u64" | "u16" | "u8" | "usize" => "非负整数",
        "i32" | "i64" => "整数",
        "integer" => "整数",
        "floating point" => "小数",
        "char" => "单个字符",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    if plain.starts_with("struct ") {
        return "键值对（“名称: 值”的多行）".into();
    }
    if plain.starts_with("enum ") {
        return "可选值之一".into();
    }
    if let Some(v) = plain.strip_prefix("integer `") {
        return format!("整数 {}", v.trim_end_matches('`'));
    }
    if let Some(v) = plain.strip_prefix("string ") {
        return format!("文本 {}", v.replace('"', ""));
    }
    if let Some(v) = plain.strip_prefix("floating point `") {
        return format!("小数 {}", v.trim_end_matches('`'));
    }
    if let Some(v) = plain.strip_prefix("boolean `") {
        return format!("布尔值 {}", v.trim_end_matches('`'));
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let t = translate("unknown field `金额x`, expected one of `金额`, `名称`");
        assert_eq!(t.rule, "field-unknown");
        assert!(t.message.contains("金额x"));
        assert_eq!(t.help.as_deref(), Some("是否应为“金额”？"));
    }

    #[test]
    fn invalid_type_is_chinese() {
        let t = translate("invalid type: sequence, expected a string");
        assert!(t.message.contains("应为文本"), "{}", t.message);
    }
}
