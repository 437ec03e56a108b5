//! A budget's value tree as YAML in the samples' style: sections apart,
//! each short record of a list on one line (`- { 功能科目: 2010650, … }`),
//! anything longer in block style.

use serde_yaml::{Mapping, Value};

/// The longest record written on one line.
const MAX_FLOW_CHARS: usize = 160;

pub fn to_yaml(tree: &Value) -> String {
    let mut out = String::new();
    match tree {
        Value::Mapping(m) => {
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 && !is_scalar(v) {
                    out.push('\n');
                }
                entry(k, v, 0, &mut out);
            }
        }
        other => out.push_str(&serde_yaml::to_string(other).unwrap_or_default()),
    }
    out
}

fn entry(k: &Value, v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Mapping(m) if !m.is_empty() => {
            out.push_str(&format!("{pad}{}:\n", scalar(k)));
            for (k2, v2) in m {
                entry(k2, v2, indent + 2, out);
            }
        }
        Value::Sequence(items) if !items.is_empty() && items.iter().all(|i| flow(i).is_some()) => {
            out.push_str(&format!("{pad}{}:\n", scalar(k)));
            for i in items {
                out.push_str(&format!("{pad}  - {}\n", flow(i).unwrap_or_default()));
            }
        }
        _ => {
            let mut one = Mapping::new();
            one.insert(k.clone(), v.clone());
            let text = serde_yaml::to_string(&Value::Mapping(one)).unwrap_or_default();
            for line in text.lines() {
                out.push_str(&pad);
                out.push_str(line);
                out.push('\n');
            }
        }
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Mapping(_) | Value::Sequence(_) | Value::Tagged(_))
}

/// A scalar as block YAML writes it (quoted where it must be).
fn scalar(v: &Value) -> String {
    serde_yaml::to_string(v)
        .unwrap_or_default()
        .trim_end_matches('\n')
        .to_string()
}

/// A scalar inside `{ … }`: flow indicators and comments in text need
/// quotes there, which double quotes (JSON's, which YAML reads) give.
fn flow_scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.contains('\n') => None,
        Value::String(s) if s.contains([',', '[', ']', '{', '}', '#', ':', '"', '\'']) => {
            serde_json::to_string(s).ok()
        }
        v if is_scalar(v) => Some(scalar(v)),
        _ => None,
    }
}

/// A record on one line, when it is short and holds only scalars (or
/// groups of scalars, such as 资金).
fn flow(v: &Value) -> Option<String> {
    let Value::Mapping(m) = v else {
        return None;
    };
    let mut parts = Vec::new();
    for (k, v) in m {
        let value = match v {
            Value::Mapping(inner) => {
                let inner: Option<Vec<String>> = inner
                    .iter()
                    .map(|(k, v)| Some(format!("{}: {}", flow_scalar(k)?, flow_scalar(v)?)))
                    .collect();
                format!("{{ {} }}", inner?.join(", "))
            }
            other => flow_scalar(other)?,
        };
        parts.push(format!("{}: {value}", flow_scalar(k)?));
    }
    let line = format!("{{ {} }}", parts.join(", "));
    (line.chars().count() <= MAX_FLOW_CHARS).then_some(line)
}
