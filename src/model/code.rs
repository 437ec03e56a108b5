//! Classification codes (功能科目, 经济科目) as written: digits, kept as text.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Function-classification levels: 类, 款, 项.
pub const FUNCTION_LEVELS: [usize; 3] = [3, 5, 7];
/// Economic-classification levels: 类, 款.
pub const ECONOMIC_LEVELS: [usize; 2] = [3, 5];

/// A classification code such as `2010650` or `30101`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code(pub String);

impl Code {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The code's ancestors and itself, shortest first: 2010650 → 201, 20106, 2010650.
    pub fn lineage(&self, lengths: &[usize]) -> Vec<Code> {
        lengths
            .iter()
            .filter(|&&n| n <= self.0.len())
            .map(|&n| Code(self.0[..n].to_string()))
            .collect()
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CodeVisitor;
        impl Visitor<'_> for CodeVisitor {
            type Value = Code;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("科目编码（数字）")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Code, E> {
                let t = v.trim();
                if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
                    return Err(E::custom(format!(
                        "“{t}”不是有效的科目编码：编码只含数字，如 2010650"
                    )));
                }
                Ok(Code(t.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Code, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Code, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_str(CodeVisitor)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "科目编码".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "科目编码，只含数字。功能科目写到项（7位），部门经济科目写到款（5位）。",
            "type": ["string", "integer"],
            "pattern": "^[0-9]+$",
            "examples": ["2010650", "30101"]
        })
    }
}
