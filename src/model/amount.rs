//! Money as written in the YAML: an exact decimal, never a float.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An amount exactly as the file gives it (in the file's declared unit).
///
/// Kept as written so that the checker can see `-0` or `1.005`; conversion to
/// 元 happens in `compute`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Amount(pub Decimal);

/// The largest amount anyone could mean: 10 万亿元. Anything larger is a typo.
///
/// This bound is what keeps the ledger's plain `Decimal` sums from
/// overflowing: an 8 MB file holds fewer than 10⁶ amounts, each at most
/// 10¹³ (×10⁴ when written in 万元), so a unit's totals stay below 10²³ and a
/// department of even 10⁵ units below 10²⁸, under Decimal's 7.9 × 10²⁸.
pub const MAX_ABS: i64 = 10_000_000_000_000;

impl Amount {
    pub fn value(self) -> Decimal {
        self.0
    }

    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        let t = text.trim();
        let quoted = || crate::diagnostic::excerpt(t);
        if t.is_empty() || t == "~" || t == "null" {
            return Err(AmountError::Empty);
        }
        if t.contains(',') || t.contains('，') {
            return Err(AmountError::Comma(quoted()));
        }
        if t.ends_with('元') || t.ends_with('%') {
            return Err(AmountError::Unit(quoted()));
        }
        if t.contains(['e', 'E']) && t.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) {
            return Err(AmountError::Scientific(quoted()));
        }
        if !is_plain_number(t) {
            return Err(AmountError::NotANumber(quoted()));
        }
        // Beyond 10 万亿 by its digits alone: no parse, no overflow.
        let (digits, decimals) = t
            .trim_start_matches('-')
            .split_once('.')
            .unwrap_or((t.trim_start_matches('-'), ""));
        if digits.trim_start_matches('0').len() > 14 {
            return Err(AmountError::TooLarge(quoted()));
        }
        // More than any unit allows (万元: six); Decimal would round them.
        if decimals.len() > 6 {
            return Err(AmountError::TooPrecise(quoted()));
        }
        match Decimal::from_str(t) {
            Ok(d) if d.abs() > Decimal::from(MAX_ABS) => Err(AmountError::TooLarge(quoted())),
            Ok(mut d) => {
                // Keep "-0" visibly negative so the checker can question it.
                if d.is_zero() && t.starts_with('-') {
                    d.set_sign_negative(true);
                }
                Ok(Amount(d))
            }
            // More decimals than a Decimal holds: far past the precision rule.
            Err(_) => Err(AmountError::TooPrecise(quoted())),
        }
    }
}

/// Why a written amount is not one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AmountError {
    #[error("金额不能为空，没有金额请写 0")]
    Empty,
    #[error("金额“{0}”含有逗号：请只写阿拉伯数字和小数点，不写千分位分隔符")]
    Comma(String),
    #[error("金额“{0}”含有单位或符号：只写数字，单位由“金额单位”统一声明")]
    Unit(String),
    #[error("金额“{0}”用了科学计数法：请直接写出数字，如 1500000 或 0.5")]
    Scientific(String),
    #[error("“{0}”不是有效的金额：只写阿拉伯数字和小数点（负数前加“-”），如 12345.67")]
    NotANumber(String),
    #[error("金额“{0}”超出合理范围（绝对值不应超过 10 万亿元）")]
    TooLarge(String),
    #[error("金额“{0}”的小数位数过多：元最多两位小数，万元最多六位")]
    TooPrecise(String),
}

/// Exactly what the format allows: digits, at most one point with digits
/// on both sides, an optional leading minus. No `1_000`, `+5`, `.5`, `0x10`.
fn is_plain_number(t: &str) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("金额（数字）")
            }
            // The reader (load::de) hands us the scalar's exact text here, so no float ever
            // touches the figure.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Amount::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Amount::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_str(AmountVisitor)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

/// `deserialize_with` for an area in 平方米 (办公用房面积): a number as
/// amounts are written, never negative.
pub fn area<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
    let a = Option::<Amount>::deserialize(d)?;
    match a {
        Some(a) if a.0.is_sign_negative() && !a.0.is_zero() => Err(de::Error::custom(format!(
            "面积“{}”为负数：面积不能小于 0（单位：平方米）",
            a.0
        ))),
        _ => Ok(a),
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "金额".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "金额：阿拉伯数字，最多两位小数（元）或六位小数（万元），不写千分位逗号。",
            "type": ["number", "string"],
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "examples": [727600, 1521945.5]
        })
    }
}
