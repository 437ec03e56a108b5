//! One cell's content as the budget value its column holds, understanding
//! what people type in Excel and refusing, with what it saw, what would be
//! misread.

use super::shape::Leaf;
use serde_yaml::Value;

/// A cell as read, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell: year, month, day.
    Date(u16, u8, u8),
    /// A formula's error value (#N/A, #DIV/0! …).
    Error(String),
}

impl Raw {
    pub fn is_blank(&self) -> bool {
        matches!(self, Raw::Text(t) if t.trim().is_empty())
    }

    /// The cell as text, as a reader sees it.
    pub fn text(&self) -> String {
        match self {
            Raw::Text(t) => t.clone(),
            Raw::Number(n) => number_text(*n),
            Raw::Bool(b) => if *b { "是" } else { "否" }.into(),
            Raw::Date(y, m, d) => format!("{y}-{m:02}-{d:02}"),
            Raw::Error(e) => e.clone(),
        }
    }
}

/// A cell that cannot be read as its column's value, in Chinese.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CellError {
    #[error("单元格是公式的错误值 {0}：请改正公式或直接填写数值")]
    Formula(String),
    #[error("金额“{0}”用括号表示负数：请写成负号，如 -1234.5")]
    Parenthesised(String),
    #[error("金额“{0}”的小数点写成了逗号：请写成 1234.5 这样的小数点")]
    DecimalComma(String),
    #[error(
        "金额“{0}”带有“万”：本列只填数字，单位见“基本信息”的金额单位（默认为元），万元数请换算后填写"
    )]
    TenThousand(String),
    #[error("“{0}”不是整数")]
    NotInteger(String),
}

/// Integral doubles as integers ("35", not "35.0"); others by the
/// shortest text that reads back the same, at most six decimals (what a
/// formula leaves, 1234.5600000000002, is 1234.56).
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    let short = format!("{n}");
    match short.split_once('.') {
        Some((_, frac)) if frac.len() > 6 => {
            let fixed = format!("{n:.6}");
            fixed
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        }
        _ => short,
    }
}

/// Full-width digits and signs (Chinese input methods type them) as ASCII.
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '—' | '−' => '-',
            '＋' => '+',
            '　' => ' ',
            other => other,
        })
        .collect()
}

/// The value a cell gives a column of `leaf`; None for a blank cell.
pub fn value(leaf: &Leaf, raw: &Raw) -> Result<Option<Value>, CellError> {
    if raw.is_blank() {
        return Ok(None);
    }
    if let Raw::Error(e) = raw {
        return Err(CellError::Formula(e.clone()));
    }
    let v = match leaf {
        Leaf::Amount => amount(raw)?,
        Leaf::Integer => integer(raw)?,
        Leaf::Code => code_value(&code(raw).0),
        Leaf::Date => Value::String(date(raw)),
        Leaf::Bool => boolean(raw),
        Leaf::Any => any(raw),
        Leaf::Text | Leaf::Choice(_) => Value::String(text(raw)),
    };
    Ok(Some(v))
}

fn text(raw: &Raw) -> String {
    match raw {
        // Excel keeps line breaks as they were typed; a file has "\n".
        Raw::Text(t) => t.replace("\r\n", "\n"),
        other => other.text(),
    }
}

/// A figure as a YAML number; one with more digits than a double holds
/// stays text, which the amount reads exactly.
fn figure(s: &str) -> Value {
    if s.chars().filter(char::is_ascii_digit).count() > 15 {
        return Value::String(s.to_string());
    }
    match serde_yaml::from_str::<Value>(s) {
        Ok(v @ Value::Number(_)) => v,
        _ => Value::String(s.to_string()),
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// "1,234,567.89": thousands separators where they belong.
fn is_grouped(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| is_digits(g))
        && groups[1..].iter().all(|g| g.len() == 3)
        && frac.is_none_or(is_digits)
}

fn amount(raw: &Raw) -> Result<Value, CellError> {
    let Raw::Text(t) = raw else {
        return Ok(match raw {
            Raw::Number(n) => figure(&number_text(*n)),
            other => Value::String(other.text()),
        });
    };
    let s = half_width(t).trim().to_string();
    let bracketed = |open: char, close: char| s.starts_with(open) && s.ends_with(close);
    if bracketed('(', ')') || bracketed('（', '）') {
        return Err(CellError::Parenthesised(s));
    }
    if s.contains('万') {
        return Err(CellError::TenThousand(s));
    }
    if is_grouped(&s) {
        return Ok(figure(&s.replace(',', "")));
    }
    if let Some((int, frac)) = s.split_once(',')
        && is_digits(int.trim_start_matches('-'))
        && (1..=2).contains(&frac.len())
        && is_digits(frac)
    {
        return Err(CellError::DecimalComma(s));
    }
    Ok(figure(&s))
}

fn integer(raw: &Raw) -> Result<Value, CellError> {
    let s = match raw {
        Raw::Number(n) if n.fract() != 0.0 => return Err(CellError::NotInteger(number_text(*n))),
        Raw::Number(n) => number_text(*n),
        other => half_width(&other.text()).trim().to_string(),
    };
    let plain = if is_grouped(&s) {
        s.replace(',', "")
    } else {
        s
    };
    Ok(match plain.parse::<i64>() {
        Ok(n) => Value::Number(n.into()),
        Err(_) => Value::String(plain),
    })
}

/// A code cell: "2010301", or "2010301 行政运行" as the drop-down list
/// offers it. The name, when given, comes back too.
pub fn code(raw: &Raw) -> (String, Option<String>) {
    let s = half_width(&raw.text()).trim().to_string();
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return (s, None);
    }
    let rest = s[digits.len()..]
        .trim_start_matches([' ', '-', ':', '：', '、', '.'])
        .trim();
    let name = (!rest.is_empty()).then(|| rest.to_string());
    (digits, name)
}

/// A code as YAML writes it: a number unless a leading 0 must be kept.
pub fn code_value(code: &str) -> Value {
    let numeric = is_digits(code) && !code.starts_with('0') && code.len() <= 15;
    match code.parse::<u64>() {
        Ok(n) if numeric => Value::Number(n.into()),
        _ => Value::String(code.to_string()),
    }
}

fn date(raw: &Raw) -> String {
    match raw {
        Raw::Date(y, m, d) => format!("{y}-{m:02}-{d:02}"),
        Raw::Number(n) => {
            let text = number_text(*n);
            match text.len() {
                8 if is_digits(&text) => {
                    format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..])
                }
                _ => match serial_date(*n) {
                    Some((y, m, d)) => format!("{y}-{m:02}-{d:02}"),
                    None => text,
                },
            }
        }
        other => {
            let s = half_width(&other.text()).trim().to_string();
            let parts: Vec<&str> = s
                .split(['-', '/', '.', '年', '月', '日'])
                .filter(|p| !p.is_empty())
                .collect();
            match parts.as_slice() {
                [y, m, d] if y.len() == 4 && [y, m, d].iter().all(|p| is_digits(p)) => {
                    format!("{y}-{m}-{d}")
                }
                _ => s,
            }
        }
    }
}

/// An Excel day number (1900 system) as a date, for plausible years only.
fn serial_date(n: f64) -> Option<(i64, u32, u32)> {
    if n.fract() != 0.0 || !(20000.0..=80000.0).contains(&n) {
        return None;
    }
    // Days from 1899-12-30 to 1970-01-01.
    let days = n as i64 - 25569;
    // Civil date from days since the Unix epoch (Howard Hinnant's method).
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some((y, m, d))
}

fn boolean(raw: &Raw) -> Value {
    match raw {
        Raw::Bool(b) => Value::Bool(*b),
        Raw::Number(n) if *n == 1.0 || *n == 0.0 => Value::Bool(*n == 1.0),
        other => {
            let s = other.text();
            match s.trim() {
                "是" | "true" | "TRUE" | "True" | "√" | "Y" | "y" => Value::Bool(true),
                "否" | "false" | "FALSE" | "False" | "×" | "N" | "n" => Value::Bool(false),
                t => Value::String(t.to_string()),
            }
        }
    }
}

fn any(raw: &Raw) -> Value {
    match raw {
        Raw::Bool(b) => Value::Bool(*b),
        Raw::Number(n) => figure(&number_text(*n)),
        Raw::Text(t) if t.starts_with('[') || t.starts_with('{') => {
            match serde_yaml::from_str::<Value>(t) {
                Ok(v @ (Value::Sequence(_) | Value::Mapping(_))) => v,
                _ => Value::String(text(raw)),
            }
        }
        other => Value::String(text(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount_of(s: &str) -> Result<Option<Value>, CellError> {
        value(&Leaf::Amount, &Raw::Text(s.into()))
    }

    #[test]
    fn what_is_typed_in_excel() {
        let n = |s: &str| Some(serde_yaml::from_str::<Value>(s).unwrap());
        assert_eq!(amount_of("1,234.50").unwrap(), n("1234.50"));
        assert_eq!(amount_of("１２３４").unwrap(), n("1234"));
        assert_eq!(amount_of("  ").unwrap(), None);
        assert!(matches!(
            amount_of("1234,5"),
            Err(CellError::DecimalComma(_))
        ));
        assert!(matches!(
            amount_of("(1,234)"),
            Err(CellError::Parenthesised(_))
        ));
        assert!(matches!(
            amount_of("12.3万元"),
            Err(CellError::TenThousand(_))
        ));
        assert_eq!(number_text(1234.5600000000002), "1234.56");
        assert_eq!(number_text(727600.0), "727600");
        assert_eq!(
            code(&Raw::Text("2010301 行政运行".into())),
            ("2010301".into(), Some("行政运行".into()))
        );
        assert_eq!(code(&Raw::Number(30101.0)), ("30101".into(), None));
        assert_eq!(date(&Raw::Text("2024年4月15日".into())), "2024-4-15");
        assert_eq!(date(&Raw::Number(45397.0)), "2024-04-15");
        assert_eq!(boolean(&Raw::Text("是".into())), Value::Bool(true));
    }
}
