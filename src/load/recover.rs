//! Every mistake of a file at once, not the first only. serde stops at the
//! first field it cannot read; the file's tree is then mended there (the
//! unknown key dropped, the bad value taken out or stood in for) and read
//! again, as many times as it takes, to find the next. Paths never shift:
//! keys are only removed or replaced, list items only replaced.

use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_yaml::{Mapping, Value};

/// At most this many further mistakes are looked for; a file with more
/// has the first ones fixed first.
const MAX_FURTHER: usize = 30;
/// At most this many readings of the mended tree, whatever they find;
/// fewer for a large file, so that no file is read for more than about
/// the time of 16 MB of YAML (some 0.3 s; 64 MB let a 108 KB file of
/// aliases take 1.4 s, 12 s under the fuzzer).
const MAX_READINGS: usize = 200;
const READING_BUDGET_BYTES: usize = 16 * 1024 * 1024;

/// Where a mistake is, by the parser's own path segments.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// One mistake: its path (as the diagnostics write it), its steps, and
/// serde's message.
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    pub path: String,
    steps: Vec<Step>,
    pub raw: String,
}

impl Mistake {
    pub fn of(err: &serde_path_to_error::Error<serde_yaml::Error>) -> Mistake {
        let steps = err
            .path()
            .iter()
            .filter_map(|s| match s {
                Segment::Seq { index } => Some(Step::Index(*index)),
                Segment::Map { key } => Some(Step::Key(key.clone())),
                Segment::Enum { variant } => Some(Step::Key(variant.clone())),
                Segment::Unknown => None,
            })
            .collect();
        Mistake {
            path: super::yaml_path(err.path()),
            steps,
            raw: super::bare_message(&err.inner().to_string()),
        }
    }
}

/// The mistakes after `first` in `text`, in the order they are met.
/// `expanded` is what the text amounts to with its aliases replaced (the
/// source map's count): each reading reads that much, not the text's bytes
/// (a 108 KB file of aliases took 200 readings of megabytes, found by the
/// libFuzzer `load` target).
pub fn further<T: DeserializeOwned>(text: &str, expanded: u64, first: &Mistake) -> Vec<Mistake> {
    let Ok(mut tree) = serde_yaml::from_str::<Value>(text) else {
        return Vec::new();
    };
    let size = (text.len() as u64).max(expanded).max(1);
    let limit = (READING_BUDGET_BYTES as u64 / size).min(MAX_READINGS as u64) as usize;
    let mut r = Reading {
        readings: 0,
        limit,
        stood_in: Vec::new(),
    };
    let mut out: Vec<Mistake> = Vec::new();
    let mut current = first.clone();
    while out.len() < MAX_FURTHER {
        let Some(next) = r.mend::<T>(&mut tree, &current) else {
            break;
        };
        if next == current || out.contains(&next) || next == *first {
            break;
        }
        // What is missing inside a stand-in is what was said missing
        // already: mended, not said again.
        if !r.stood_in.iter().any(|s| next.steps.starts_with(s)) {
            out.push(next.clone());
        }
        current = next;
    }
    out
}

struct Reading {
    readings: usize,
    limit: usize,
    /// Where a whole missing group was stood in for.
    stood_in: Vec<Vec<Step>>,
}

impl Reading {
    /// The first mistake of `tree` as it stands; None when it reads, or
    /// when the readings are spent.
    fn read<T: DeserializeOwned>(&mut self, tree: &Value) -> Option<Mistake> {
        if self.readings >= self.limit {
            return None;
        }
        self.readings += 1;
        let text = serde_yaml::to_string(tree).ok()?;
        let de = serde_yaml::Deserializer::from_str(&text);
        serde_path_to_error::deserialize::<_, T>(de)
            .err()
            .map(|e| Mistake::of(&e))
    }

    /// Mends `tree` where `m` is and reads it again: the next mistake.
    fn mend<T: DeserializeOwned>(&mut self, tree: &mut Value, m: &Mistake) -> Option<Mistake> {
        if let Some(rest) = m.raw.strip_prefix("unknown field `") {
            let key = rest.split('`').next().unwrap_or_default();
            // The path names the unknown key itself, or stops at its mapping.
            let steps = match m.steps.split_last() {
                Some((Step::Key(k), parents)) if k == key => parents,
                _ => &m.steps[..],
            };
            let parent = mapping_at(tree, steps)?;
            let found = parent.keys().find(|k| key_text(k) == key)?.clone();
            parent.remove(&found)?;
            return self.read::<T>(tree);
        }
        if let Some(rest) = m.raw.strip_prefix("missing field `") {
            let key = rest.trim_end_matches('`').to_string();
            let mut steps = m.steps.clone();
            steps.push(Step::Key(key));
            return self.stand_in::<T>(tree, &steps, m, &[]);
        }
        // A value that does not fit: taken out where the field may be left
        // out, else stood in for.
        let expected = expected_words(&m.raw);
        if let Some((Step::Key(key), parent_steps)) = m.steps.split_last() {
            let parent = mapping_at(tree, parent_steps)?;
            let old = parent.remove(key.as_str())?;
            let next = self.read::<T>(tree);
            let missing = format!("missing field `{key}`");
            let needed = next
                .as_ref()
                .is_some_and(|n| n.raw == missing && n.steps == parent_steps);
            if !needed {
                return next;
            }
            mapping_at(tree, parent_steps)?.insert(Value::String(key.clone()), old);
        }
        self.stand_in::<T>(tree, &m.steps.clone(), m, &expected)
    }

    /// Puts the first stand-in at `steps` that gets past `m`, and reads on.
    fn stand_in<T: DeserializeOwned>(
        &mut self,
        tree: &mut Value,
        steps: &[Step],
        m: &Mistake,
        words: &[String],
    ) -> Option<Mistake> {
        let mut candidates: Vec<Value> = words.iter().map(|w| Value::String(w.clone())).collect();
        candidates.extend([
            Value::from(0),
            Value::String(String::new()),
            Value::Bool(false),
            Value::String("2000-01-01".into()),
            Value::Mapping(Mapping::new()),
            Value::Sequence(Vec::new()),
        ]);
        for c in candidates {
            let group = matches!(c, Value::Mapping(_) | Value::Sequence(_));
            set(tree, steps, c)?;
            let next = self.read::<T>(tree);
            match next {
                // A group of the right kind that lacks its own fields: kept,
                // and what it lacks is not said again.
                Some(n)
                    if group
                        && n.steps.starts_with(steps)
                        && (n.steps.len() > steps.len() || n.raw.starts_with("missing field")) =>
                {
                    self.stood_in.push(steps.to_vec());
                    return Some(n);
                }
                // Still failing at the stand-in, or below it.
                Some(n) if (n.steps == m.steps && n.raw == m.raw) || n.steps.starts_with(steps) => {
                    continue;
                }
                // The field stood in for is still missing (the stand-in
                // did not take).
                Some(n) if Some(n.raw.as_str()) == missing_of(steps).as_deref() => continue,
                other => return other,
            }
        }
        None
    }
}

/// serde's message for the field at `steps` missing from its mapping.
fn missing_of(steps: &[Step]) -> Option<String> {
    match steps.last()? {
        Step::Key(k) => Some(format!("missing field `{k}`")),
        Step::Index(_) => None,
    }
}

/// The values an "unknown variant" message lists as allowed.
fn expected_words(raw: &str) -> Vec<String> {
    match raw.split_once("expected ") {
        Some((_, list)) => list
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect(),
        None => Vec::new(),
    }
}

/// A mapping key as serde names it (`600`, `true`, `名称`).
fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "~".into(),
        _ => String::new(),
    }
}

fn child<'a>(v: &'a mut Value, step: &Step) -> Option<&'a mut Value> {
    match (v, step) {
        (Value::Mapping(m), Step::Key(k)) => {
            let found = m.keys().find(|x| key_text(x) == *k)?.clone();
            m.get_mut(&found)
        }
        (Value::Sequence(s), Step::Index(i)) => s.get_mut(*i),
        (Value::Tagged(t), s) => child(&mut t.value, s),
        _ => None,
    }
}

fn mapping_at<'a>(tree: &'a mut Value, steps: &[Step]) -> Option<&'a mut Mapping> {
    let mut at = tree;
    for s in steps {
        at = child(at, s)?;
    }
    at.as_mapping_mut()
}

/// Puts `value` at `steps`, adding the last key where it is missing.
fn set(tree: &mut Value, steps: &[Step], value: Value) -> Option<()> {
    let (last, parents) = steps.split_last()?;
    let mut at = tree;
    for s in parents {
        at = child(at, s)?;
    }
    match (at, last) {
        (Value::Mapping(m), Step::Key(k)) => {
            m.insert(Value::String(k.clone()), value);
        }
        (Value::Sequence(s), Step::Index(i)) => *s.get_mut(*i)? = value,
        _ => return None,
    }
    Some(())
}
