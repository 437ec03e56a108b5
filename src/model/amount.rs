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
pub const MAX_ABS: i64 = 10_000_000_000_000;

impl Amount {
    pub fn value(self) -> Decimal {
        self.0
    }

    pub fn parse(text: &str) -> Result<Amount, String> {
        let t = text.trim();
        if t.is_empty() || t == "~" || t == "null" {
            return Err("金额不能为空，没有金额请写 0".into());
        }
        if t.contains(',') || t.contains('，') {
            return Err(format!(
                "金额“{t}”含有逗号：请只写阿拉伯数字和小数点，不写千分位分隔符"
            ));
        }
        if t.ends_with('元') || t.ends_with('%') {
            return Err(format!(
                "金额“{t}”含有单位或符号：只写数字，单位由“金额单位”统一声明"
            ));
        }
        let parsed = if t.contains(['e', 'E']) {
            Decimal::from_scientific(t)
        } else {
            Decimal::from_str(t)
        };
        match parsed {
            Ok(d) if d.abs() > Decimal::from(MAX_ABS) => {
                Err(format!("金额“{t}”超出合理范围（绝对值不应超过 10 万亿元）"))
            }
            Ok(mut d) => {
                // Keep "-0" visibly negative so the checker can question it.
                if d.is_zero() && t.starts_with('-') {
                    d.set_sign_negative(true);
                }
                Ok(Amount(d))
            }
            Err(_) if t.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) => {
                Err(format!("金额“{t}”超出合理范围（绝对值不应超过 10 万亿元）"))
            }
            Err(_) => Err(format!("“{t}”不是有效的金额：请写阿拉伯数字，如 12345.67")),
        }
    }
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
            // serde_yaml hands us the scalar's exact text here, so no float ever
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
