//! The budget's shape, read from its JSON Schema: which fields are tables,
//! which are single values, and what kind of value each cell holds. The
//! workbook follows the model by construction, so a field added to the model
//! is a column or a row without any change here.

use serde_json::Value;

/// What one cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Leaf {
    Text,
    Integer,
    Amount,
    Code,
    Date,
    Bool,
    /// One of a closed list of words.
    Choice(Vec<String>),
    /// A value whose kind the file chooses (a layout set's declared field).
    Any,
}

/// A node of the budget's tree.
#[derive(Debug, Clone)]
pub enum Shape {
    Leaf(Leaf),
    /// Fixed field names, in the model's order.
    Struct(Vec<Field>),
    /// Names chosen by the file (科目名称, 车辆分类, 指标分组).
    Map(Box<Shape>),
    List(Box<Shape>),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub key: String,
    pub shape: Shape,
    pub description: String,
    pub required: bool,
}

impl Shape {
    /// The budget's shape from its schema (the root object and its `$defs`).
    pub fn from_schema(schema: &Value) -> Shape {
        node(schema, schema, 0)
    }

    /// How many levels of names sit above a list of records: 0 for a list of
    /// records, 2 for 一级指标 → 二级指标 → [指标]. None when this is not a
    /// table at all.
    pub fn table_depth(&self) -> Option<usize> {
        match self {
            Shape::List(item) if matches!(**item, Shape::Struct(_)) => Some(0),
            Shape::Map(inner) => inner.table_depth().map(|d| d + 1),
            Shape::Struct(fields) if !fields.is_empty() => {
                let depths: Vec<Option<usize>> =
                    fields.iter().map(|f| f.shape.table_depth()).collect();
                match depths[0] {
                    Some(d) if depths.iter().all(|x| *x == Some(d)) => Some(d + 1),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The record of a table (its innermost list's item).
    pub fn record(&self) -> Option<&[Field]> {
        match self {
            Shape::List(item) => match &**item {
                Shape::Struct(fields) => Some(fields),
                _ => None,
            },
            Shape::Map(inner) => inner.record(),
            Shape::Struct(fields) => fields.first().and_then(|f| f.shape.record()),
            Shape::Leaf(_) => None,
        }
    }

    /// The shape at `keys` below this one, through records and names.
    pub fn at(&self, keys: &[String]) -> Option<&Shape> {
        let Some((k, rest)) = keys.split_first() else {
            return Some(self);
        };
        match self {
            Shape::Struct(fields) => fields.iter().find(|f| &f.key == k)?.shape.at(rest),
            Shape::List(item) => item.at(keys),
            Shape::Map(inner) => inner.at(rest),
            Shape::Leaf(_) => None,
        }
    }

    /// The names a schema fixes where the budget model leaves them open
    /// (a layout set's declared 版式字段), with their descriptions.
    pub fn names(&self) -> Vec<(String, String)> {
        match self {
            Shape::Struct(fields) => fields
                .iter()
                .map(|f| (f.key.clone(), f.description.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The names a level of a table may take when the schema fixes them
    /// (a layout's 指标体系), for the workbook's drop-down lists.
    pub fn level_names(&self, level: usize) -> Vec<String> {
        match self {
            Shape::Struct(fields) if level == 0 => fields.iter().map(|f| f.key.clone()).collect(),
            Shape::Struct(fields) => {
                let mut out: Vec<String> = Vec::new();
                for f in fields {
                    for n in f.shape.level_names(level - 1) {
                        if !out.contains(&n) {
                            out.push(n);
                        }
                    }
                }
                out
            }
            Shape::Map(inner) if level > 0 => inner.level_names(level - 1),
            _ => Vec::new(),
        }
    }
}

/// Schemas nest through `$ref` only as deep as the model does; the bound
/// keeps a cyclic schema from recursing forever.
const MAX_DEPTH: usize = 16;

fn node(root: &Value, schema: &Value, depth: usize) -> Shape {
    if depth > MAX_DEPTH {
        return Shape::Leaf(Leaf::Any);
    }
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        let name = target.trim_start_matches("#/$defs/");
        let name = percent_decode(name);
        return match name.as_str() {
            "金额" => Shape::Leaf(Leaf::Amount),
            "科目编码" => Shape::Leaf(Leaf::Code),
            "日期" => Shape::Leaf(Leaf::Date),
            _ => match root.get("$defs").and_then(|d| d.get(&name)) {
                Some(def) => node(root, def, depth + 1),
                None => Shape::Leaf(Leaf::Any),
            },
        };
    }
    // `Option<T>` is `anyOf: [T, null]`; anything else with several
    // alternatives is a value of the file's choosing.
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let real: Vec<&Value> = any
            .iter()
            .filter(|s| s.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        return match real.as_slice() {
            [one] => node(root, one, depth + 1),
            _ => Shape::Leaf(Leaf::Any),
        };
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        let words = options
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        return Shape::Leaf(Leaf::Choice(words));
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => Vec::new(),
    };
    match types.as_slice() {
        ["object"] => object(root, schema, depth),
        ["array"] => match schema.get("items") {
            Some(items) => Shape::List(Box::new(node(root, items, depth + 1))),
            None => Shape::Leaf(Leaf::Any),
        },
        ["string"] => Shape::Leaf(Leaf::Text),
        ["integer"] => Shape::Leaf(Leaf::Integer),
        ["number"] => Shape::Leaf(Leaf::Amount),
        ["boolean"] => Shape::Leaf(Leaf::Bool),
        _ => Shape::Leaf(Leaf::Any),
    }
}

fn object(root: &Value, schema: &Value, depth: usize) -> Shape {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if let Some(props) = schema.get("properties").and_then(Value::as_object)
        && !props.is_empty()
    {
        let fields = props
            .iter()
            .map(|(key, s)| Field {
                key: key.clone(),
                shape: node(root, s, depth + 1),
                description: s
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .replace('\n', ""),
                required: required.contains(&key.as_str()),
            })
            .collect();
        return Shape::Struct(fields);
    }
    match schema.get("additionalProperties") {
        Some(Value::Bool(false)) => Shape::Struct(Vec::new()),
        Some(inner @ Value::Object(_)) => Shape::Map(Box::new(node(root, inner, depth + 1))),
        _ => Shape::Map(Box::new(Shape::Leaf(Leaf::Any))),
    }
}

/// `$ref` names are percent-encoded UTF-8 (`%E9%87%91%E9%A2%9D` is 金额).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        if bytes[i] == b'%'
            && let Some(b) = hex
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
