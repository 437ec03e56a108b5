//! Walking the budget's value tree along a plan: where each record of a
//! table is, and each value of a record.

use serde_yaml::{Mapping, Value};

/// The value at `keys` below `v`.
pub fn get<'a>(v: &'a Value, keys: &[String]) -> Option<&'a Value> {
    keys.iter().try_fold(v, |v, k| v.as_mapping()?.get(k))
}

/// The mapping at `keys` below `v`, made where missing.
pub fn mapping_at<'a>(v: &'a mut Mapping, keys: &[String]) -> Option<&'a mut Mapping> {
    let mut at = v;
    for k in keys {
        let key = Value::String(k.clone());
        if !at.contains_key(&key) {
            at.insert(key.clone(), Value::Mapping(Mapping::new()));
        }
        at = at.get_mut(&key)?.as_mapping_mut()?;
    }
    Some(at)
}

/// Puts `value` at `keys` below `v`; a list value gets the item appended.
pub fn put(v: &mut Mapping, keys: &[String], value: Value, list: bool) -> bool {
    let Some((last, parents)) = keys.split_last() else {
        return false;
    };
    let Some(at) = mapping_at(v, parents) else {
        return false;
    };
    let key = Value::String(last.clone());
    if list {
        let entry = at.entry(key).or_insert_with(|| Value::Sequence(Vec::new()));
        match entry.as_sequence_mut() {
            Some(seq) => seq.push(value),
            None => return false,
        }
    } else {
        at.insert(key, value);
    }
    true
}

/// A record of a table, with where it is.
pub struct Record<'a> {
    /// The record of the parent table it belongs to.
    pub parent: Option<usize>,
    /// Its level names (一级指标, 二级指标).
    pub levels: Vec<String>,
    pub value: &'a Value,
    /// Its field path, as diagnostics write it.
    pub path: String,
}

/// The records below `at` (a list, or `depth` levels of names above lists).
pub fn records<'a>(
    at: &'a Value,
    depth: usize,
    parent: Option<usize>,
    path: &str,
    levels: &mut Vec<String>,
    out: &mut Vec<Record<'a>>,
) {
    if depth == 0 {
        for (i, item) in at.as_sequence().into_iter().flatten().enumerate() {
            out.push(Record {
                parent,
                levels: levels.clone(),
                value: item,
                path: format!("{path}[{i}]"),
            });
        }
        return;
    }
    for (k, v) in at.as_mapping().into_iter().flatten() {
        let Some(name) = k.as_str() else { continue };
        levels.push(name.to_string());
        records(v, depth - 1, parent, &format!("{path}.{name}"), levels, out);
        levels.pop();
    }
}

/// A field path as diagnostics write it.
pub fn path_of(keys: &[String]) -> String {
    keys.join(".")
}
