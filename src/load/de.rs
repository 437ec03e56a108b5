//! Our types read from a `node::Node`, with errors of our own kinds: what
//! went wrong is a value (`Kind`), not a parser's English sentence, so the
//! message a budget officer reads is worded from it, and the place is the
//! node's own.
//!
//! Scalars resolve as YAML 1.2's core schema says (null, booleans,
//! integers with 0x/0o/0b, floats, else text) when a type asks for any
//! value; a type that asks for text gets the scalar's exact text (amounts
//! are read from it, never through a float).

use super::node::{Node, Value};
use serde::de::{self, DeserializeSeed, Expected, Unexpected, Visitor};
use std::fmt;

/// What a value was written as.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Null,
    Bool(bool),
    Integer(String),
    Float(String),
    Text(String),
    List,
    Map,
    Other,
}

/// What the place asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Wanted {
    Text,
    Bool,
    Unsigned,
    Integer,
    Float,
    List,
    Map,
    /// One of an enum's names.
    Variant(Vec<String>),
    Null,
    /// A type of ours that says what it wants in Chinese (金额（数字）).
    Own(String),
    Unknown,
}

/// Why a value could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    MissingField(String),
    DuplicateField(String),
    UnknownVariant {
        value: String,
        expected: Vec<String>,
    },
    InvalidType {
        found: Found,
        wanted: Wanted,
    },
    InvalidValue {
        found: Found,
        wanted: Wanted,
    },
    InvalidLength(usize),
    /// A type's own message: Chinese when it is one of ours.
    Custom(String),
}

/// A `Kind` and the place of the node it was found at (line, column).
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    pub kind: Kind,
    pub at: Option<(usize, usize)>,
}

impl fmt::Display for DeError {
    // Only for the `Error` trait: messages are worded by load::mistakes.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:?}", self.kind)
    }
}

impl std::error::Error for DeError {}

fn wanted(exp: &dyn Expected) -> Wanted {
    let said = exp.to_string();
    if crate::chars::has_han(&said) {
        Wanted::Own(said)
    } else {
        Wanted::Unknown
    }
}

fn found(u: &Unexpected) -> Found {
    match u {
        Unexpected::Bool(b) => Found::Bool(*b),
        Unexpected::Unsigned(n) => Found::Integer(n.to_string()),
        Unexpected::Signed(n) => Found::Integer(n.to_string()),
        Unexpected::Float(x) => Found::Float(x.to_string()),
        Unexpected::Char(c) => Found::Text(c.to_string()),
        Unexpected::Str(s) => Found::Text(s.to_string()),
        Unexpected::Unit => Found::Null,
        Unexpected::Seq => Found::List,
        Unexpected::Map => Found::Map,
        _ => Found::Other,
    }
}

fn kind(k: Kind) -> DeError {
    DeError { kind: k, at: None }
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        kind(Kind::Custom(msg.to_string()))
    }
    fn invalid_type(unexp: Unexpected, exp: &dyn Expected) -> Self {
        kind(Kind::InvalidType {
            found: found(&unexp),
            wanted: wanted(exp),
        })
    }
    fn invalid_value(unexp: Unexpected, exp: &dyn Expected) -> Self {
        kind(Kind::InvalidValue {
            found: found(&unexp),
            wanted: wanted(exp),
        })
    }
    fn invalid_length(len: usize, _: &dyn Expected) -> Self {
        kind(Kind::InvalidLength(len))
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        kind(Kind::UnknownVariant {
            value: variant.to_string(),
            expected: expected.iter().map(|s| s.to_string()).collect(),
        })
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        kind(Kind::UnknownField {
            field: field.to_string(),
            expected: expected.iter().map(|s| s.to_string()).collect(),
        })
    }
    fn missing_field(field: &'static str) -> Self {
        kind(Kind::MissingField(field.to_string()))
    }
    fn duplicate_field(field: &'static str) -> Self {
        kind(Kind::DuplicateField(field.to_string()))
    }
}

impl DeError {
    /// Places an error raised at `node` (not one raised further in, which
    /// is placed already) and says what the place asked for.
    fn at(mut self, node: &Node, asked: Wanted) -> Self {
        if self.at.is_none() {
            self.at = Some((node.line, node.column));
            if let Kind::InvalidType { wanted, .. } | Kind::InvalidValue { wanted, .. } =
                &mut self.kind
                && *wanted == Wanted::Unknown
            {
                *wanted = asked;
            }
        }
        self
    }
}

type Result<T> = std::result::Result<T, DeError>;

/// `T` read from `node`.
pub fn from_node<T: de::DeserializeOwned>(node: &Node) -> Result<T> {
    T::deserialize(NodeDe::new(node))
}

/// The same, with the path to a mistake.
pub fn from_node_with_path<T: de::DeserializeOwned>(
    node: &Node,
) -> std::result::Result<T, serde_path_to_error::Error<DeError>> {
    serde_path_to_error::deserialize(NodeDe::new(node))
}

// YAML 1.2 core schema, for plain scalars.

fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

fn boolean(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Digits after a leading zero (0123) are text, not a number.
fn zero_led(s: &str) -> bool {
    let d = s.trim_start_matches(['+', '-']);
    d.len() > 1 && d.starts_with('0') && d.bytes().all(|b| b.is_ascii_digit())
}

/// An integer's sign, radix and digits: None when `s` is not one.
fn integer_parts(s: &str) -> Option<(bool, u32, &str)> {
    let (negative, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) = if let Some(d) = rest.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = rest.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = rest.strip_prefix("0b") {
        (2, d)
    } else {
        (10, rest)
    };
    let valid = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
    (valid && !(radix == 10 && zero_led(s))).then_some((negative, radix, digits))
}

fn unsigned(s: &str) -> Option<u64> {
    match integer_parts(s)? {
        (false, radix, digits) => u64::from_str_radix(digits, radix).ok(),
        (true, ..) => None,
    }
}

fn signed(s: &str) -> Option<i64> {
    let (negative, radix, digits) = integer_parts(s)?;
    let n = i128::from_str_radix(digits, radix).ok()?;
    i64::try_from(if negative { -n } else { n }).ok()
}

fn float(s: &str) -> Option<f64> {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let negative = s.starts_with('-');
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if matches!(s, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN);
    }
    // Rust's own float syntax, finite only ("inf" and "nan" spelt so are text).
    let starts_numeric = unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    if !starts_numeric || zero_led(s) {
        return None;
    }
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// What a scalar is written as, for a message.
fn found_scalar(text: &str, plain: bool) -> Found {
    if !plain {
        return Found::Text(text.to_string());
    }
    if is_null(text) {
        Found::Null
    } else if let Some(b) = boolean(text) {
        Found::Bool(b)
    } else if signed(text).is_some() || unsigned(text).is_some() {
        Found::Integer(text.to_string())
    } else if float(text).is_some() {
        Found::Float(text.to_string())
    } else {
        Found::Text(text.to_string())
    }
}

fn found_node(node: &Node) -> Found {
    match &node.resolved().value {
        Value::Scalar { text, plain } => found_scalar(text, *plain),
        Value::Seq(_) => Found::List,
        Value::Map(_) | Value::Alias(_) => Found::Map,
    }
}

/// `node` is not what the place asks for: in the words of the type's own
/// `expecting` when they are Chinese, else of what the place asked.
fn refuse(node: &Node, exp: &dyn Expected, asked: Wanted) -> DeError {
    let wanted = match wanted(exp) {
        Wanted::Unknown => asked.clone(),
        own => own,
    };
    kind(Kind::InvalidType {
        found: found_node(node),
        wanted,
    })
    .at(node, asked)
}

fn mismatch(node: &Node, asked: Wanted) -> DeError {
    refuse(node, &"", asked)
}

/// The deserializer of one node (an alias: of the node it names).
#[derive(Clone, Copy)]
pub struct NodeDe<'a>(&'a Node);

impl<'a> NodeDe<'a> {
    pub fn new(node: &'a Node) -> Self {
        NodeDe(node.resolved())
    }
}

impl<'a> NodeDe<'a> {
    fn plain(&self) -> Option<&'a str> {
        match &self.0.value {
            Value::Scalar { text, plain: true } => Some(text),
            _ => None,
        }
    }

    /// A key with nothing after it: what an empty list or mapping reads as.
    fn empty(&self) -> bool {
        self.plain() == Some("")
    }

    fn number<'de, V: Visitor<'de>, N>(
        self,
        visitor: V,
        parse: fn(&str) -> Option<N>,
        visit: fn(V, N) -> Result<V::Value>,
        asked: Wanted,
    ) -> Result<V::Value> {
        let node = self.0;
        match self.plain().and_then(parse) {
            Some(n) => visit(visitor, n).map_err(|e| e.at(node, asked)),
            None => Err(refuse(node, &visitor, asked)),
        }
    }
}

struct Seq<'a> {
    items: std::slice::Iter<'a, Node>,
}

impl<'de> de::SeqAccess<'de> for Seq<'_> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.items
            .next()
            .map(|n| seed.deserialize(NodeDe::new(n)))
            .transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    value: Option<&'a Node>,
}

impl<'de> de::MapAccess<'de> for Map<'_> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((k, v)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(v);
        seed.deserialize(NodeDe::new(k)).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        match self.value.take() {
            Some(v) => seed.deserialize(NodeDe::new(v)),
            None => Err(de::Error::custom("value before key")),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as its variant's name.
struct UnitVariant<'a>(&'a Node);

impl<'de, 'a> de::EnumAccess<'de> for UnitVariant<'a> {
    type Error = DeError;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let v = seed.deserialize(NodeDe(self.0))?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_> {
    type Error = DeError;
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(mismatch(self.0, Wanted::Map))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(mismatch(self.0, Wanted::List))
    }
    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(mismatch(self.0, Wanted::Map))
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.0;
        let read = match &node.value {
            Value::Scalar { text, plain: false } => visitor.visit_str(text),
            Value::Scalar { text, plain: true } => {
                if is_null(text) {
                    visitor.visit_unit()
                } else if let Some(b) = boolean(text) {
                    visitor.visit_bool(b)
                } else if let Some(n) = unsigned(text) {
                    visitor.visit_u64(n)
                } else if let Some(n) = signed(text) {
                    visitor.visit_i64(n)
                } else if let Some(x) = float(text) {
                    visitor.visit_f64(x)
                } else {
                    visitor.visit_str(text)
                }
            }
            Value::Seq(items) => visitor.visit_seq(Seq {
                items: items.iter(),
            }),
            Value::Map(entries) => visitor.visit_map(Map {
                entries: entries.iter(),
                value: None,
            }),
            Value::Alias(named) => return NodeDe::new(named).deserialize_any(visitor),
        };
        read.map_err(|e| e.at(node, Wanted::Unknown))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.number(visitor, boolean, |v, b| v.visit_bool(b), Wanted::Bool)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.number(visitor, signed, |v, n| v.visit_i64(n), Wanted::Integer)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.number(visitor, unsigned, |v, n| v.visit_u64(n), Wanted::Unsigned)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.number(visitor, float, |v, x| v.visit_f64(x), Wanted::Float)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.0;
        match &node.value {
            Value::Scalar { text, .. } => visitor.visit_str(text),
            _ => return Err(refuse(node, &visitor, Wanted::Text)),
        }
        .map_err(|e: DeError| e.at(node, Wanted::Text))
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(mismatch(self.0, Wanted::Text))
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(mismatch(self.0, Wanted::Text))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.plain() {
            Some(text) if is_null(text) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.0;
        match self.plain() {
            Some(text) if is_null(text) => visitor.visit_unit(),
            _ => Err(kind(Kind::InvalidValue {
                found: found_node(node),
                wanted: Wanted::Null,
            })
            .at(node, Wanted::Null)),
        }
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.0;
        match &node.value {
            Value::Seq(items) => visitor.visit_seq(Seq {
                items: items.iter(),
            }),
            _ if self.empty() => visitor.visit_seq(Seq { items: [].iter() }),
            _ => return Err(refuse(node, &visitor, Wanted::List)),
        }
        .map_err(|e: DeError| e.at(node, Wanted::List))
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.0;
        match &node.value {
            Value::Map(entries) => visitor.visit_map(Map {
                entries: entries.iter(),
                value: None,
            }),
            _ if self.empty() => visitor.visit_map(Map {
                entries: [].iter(),
                value: None,
            }),
            _ => return Err(refuse(node, &visitor, Wanted::Map)),
        }
        .map_err(|e: DeError| e.at(node, Wanted::Map))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let node = self.0;
        let asked = || Wanted::Variant(variants.iter().map(|v| v.to_string()).collect());
        match &node.value {
            Value::Scalar { .. } => visitor
                .visit_enum(UnitVariant(node))
                .map_err(|e| e.at(node, asked())),
            _ => Err(refuse(node, &visitor, asked())),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

#[cfg(test)]
mod tests {
    use super::super::node::{LIMITS, parse};
    use super::*;
    use std::collections::BTreeMap;

    fn read<T: de::DeserializeOwned>(text: &str) -> Result<T> {
        from_node(&parse(text, LIMITS).expect("parses"))
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Unit {
        名称: String,
        年度: u32,
        #[serde(default)]
        备注: Option<String>,
        #[serde(default)]
        列表: Vec<String>,
    }

    #[test]
    fn scalars_resolve_as_the_core_schema_says() {
        assert_eq!(unsigned("0x1A"), Some(26));
        assert_eq!(unsigned("0123"), None);
        assert_eq!(signed("-0o17"), Some(-15));
        assert_eq!(float("1.50"), Some(1.5));
        assert_eq!(float("inf"), None);
        assert_eq!(float("0123"), None);
        let any: BTreeMap<String, serde_json::Value> =
            read("a: 2026\nb: '2026'\nc: ~\nd: true\ne: 1.5\nf: 0123\n").unwrap();
        assert_eq!(any["a"], serde_json::json!(2026));
        assert_eq!(any["b"], serde_json::json!("2026"));
        assert_eq!(any["c"], serde_json::Value::Null);
        assert_eq!(any["d"], serde_json::json!(true));
        assert_eq!(any["e"], serde_json::json!(1.5));
        assert_eq!(any["f"], serde_json::json!("0123"));
    }

    #[test]
    fn text_is_the_exact_scalar_and_an_empty_list_reads_empty() {
        let u: Unit = read("名称: 0.10\n年度: 2026\n备注:\n列表:\n").unwrap();
        assert_eq!(u.名称, "0.10");
        assert_eq!(u.备注, None);
        assert!(u.列表.is_empty());
    }

    #[test]
    fn mistakes_are_kinds_at_their_places() {
        let e = read::<Unit>("名称: 甲\n年度: 2026\n名字: 乙\n").unwrap_err();
        assert!(
            matches!(&e.kind, Kind::UnknownField { field, expected } if field == "名字" && expected.len() == 4),
            "{e:?}"
        );
        let e = read::<Unit>("名称: 甲\n").unwrap_err();
        assert_eq!(e.kind, Kind::MissingField("年度".into()));
        let e = read::<Unit>("名称: 甲\n年度: '2026'\n").unwrap_err();
        assert_eq!(
            e.kind,
            Kind::InvalidType {
                found: Found::Text("2026".into()),
                wanted: Wanted::Unsigned
            }
        );
        assert_eq!(e.at, Some((2, 5)));
        let e = read::<Unit>("名称: [甲]\n年度: 1\n").unwrap_err();
        assert_eq!(
            e.kind,
            Kind::InvalidType {
                found: Found::List,
                wanted: Wanted::Text
            }
        );
    }
}

#[cfg(test)]
mod same_as_serde_yaml {
    //! Every sample budget and 部门.yaml reads exactly as it did through
    //! serde_yaml, the reader this one replaced (still a dependency for
    //! writing YAML).
    use super::*;

    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
            }
        }
    }

    #[test]
    fn budgets_and_departments() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut all = Vec::new();
        files(&root.join("samples"), &mut all);
        let limits = crate::load::LIMITS;
        let mut n = 0;
        for p in all {
            let text = std::fs::read_to_string(&p).unwrap();
            let node = super::super::node::parse(&text, limits).unwrap();
            if p.ends_with("部门.yaml") {
                let a: Option<crate::model::DepartmentFile> = serde_yaml::from_str(&text).ok();
                let b: Option<crate::model::DepartmentFile> = from_node(&node).ok();
                assert_eq!(
                    serde_json::to_string(&a).unwrap(),
                    serde_json::to_string(&b).unwrap(),
                    "{p:?}"
                );
            } else {
                let a: std::result::Result<crate::model::Budget, _> = serde_yaml::from_str(&text);
                let b: Result<crate::model::Budget> = from_node(&node);
                match (a, b) {
                    (Ok(a), Ok(b)) => assert_eq!(
                        serde_json::to_string(&a).unwrap(),
                        serde_json::to_string(&b).unwrap(),
                        "{p:?}"
                    ),
                    (Err(_), Err(_)) => {}
                    (a, b) => panic!("{p:?}: {:?} / {:?}", a.err(), b.err()),
                }
            }
            n += 1;
        }
        assert!(n > 20, "{n}");
    }
}
