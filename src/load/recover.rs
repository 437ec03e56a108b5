//! Every mistake of a file at once, not the first only. Reading stops at the
//! first field it cannot read; the file's tree is then mended there (the
//! unknown key dropped, the bad value taken out or stood in for) and read
//! again, as many times as it takes, to find the next. Paths never shift:
//! keys are only removed or replaced, list items only replaced.

use super::de::{DeError, Kind};
use super::node::{Node, Value};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

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
/// its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    pub path: String,
    steps: Vec<Step>,
    pub kind: Kind,
}

impl Mistake {
    pub fn of(err: &serde_path_to_error::Error<DeError>) -> Mistake {
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
            path: super::source_map::yaml_path(err.path()),
            steps,
            kind: err.inner().kind.clone(),
        }
    }
}

/// The mistakes after `first` in the document `root`, in the order they
/// are met. `expanded` is what the text amounts to with its aliases
/// replaced (the source map's count): each reading reads that much, not
/// the text's bytes (a 108 KB file of aliases took 200 readings of
/// megabytes, found by the libFuzzer `load` target).
pub fn further<T: DeserializeOwned>(
    root: &Node,
    text_len: usize,
    expanded: u64,
    first: &Mistake,
) -> Vec<Mistake> {
    let mut tree = root.clone();
    let size = (text_len as u64).max(expanded).max(1);
    let limit = (READING_BUDGET_BYTES as u64 / size).min(MAX_READINGS as u64) as usize;
    let mut r = Reading {
        readings: 0,
        limit,
        stood_in: Vec::new(),
        taken_out: Vec::new(),
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
        // already, and a field taken out is missing by our own doing:
        // mended, not said.
        let ours = r.taken_out.iter().any(|t| t.absent(&next));
        if !ours && !r.stood_in.iter().any(|s| next.steps.starts_with(s)) {
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
    /// Fields taken out as if they could be left out: a field is said
    /// missing only at its mapping's end, after mistakes written below it,
    /// so whether it could is known later.
    taken_out: Vec<TakenOut>,
}

struct TakenOut {
    parent: Vec<Step>,
    at: usize,
    entry: (Node, Node),
    /// The mistake it was taken out for.
    mistake: Mistake,
}

impl TakenOut {
    fn key(&self) -> String {
        self.entry.0.key_text().unwrap_or_default().to_string()
    }

    /// Whether `m` is the mistake its absence makes.
    fn absent(&self, m: &Mistake) -> bool {
        m.steps == self.parent && m.kind == Kind::MissingField(self.key())
    }
}

impl Reading {
    /// The first mistake of `tree` as it stands; None when it reads, or
    /// when the readings are spent.
    fn read<T: DeserializeOwned>(&mut self, tree: &Node) -> Option<Mistake> {
        if self.readings >= self.limit {
            return None;
        }
        self.readings += 1;
        super::de::from_node_with_path::<T>(tree)
            .err()
            .map(|e| Mistake::of(&e))
    }

    /// Mends `tree` where `m` is and reads it again: the next mistake.
    fn mend<T: DeserializeOwned>(&mut self, tree: &mut Node, m: &Mistake) -> Option<Mistake> {
        if let Kind::UnknownField { field: key, .. } = &m.kind {
            // The path names the unknown key itself, or stops at its mapping.
            let steps = match m.steps.split_last() {
                Some((Step::Key(k), parents)) if k == key => parents,
                _ => &m.steps[..],
            };
            remove(node_at(tree, steps)?, key)?;
            return self.read::<T>(tree);
        }
        // A field taken out that could not be: put back, stood in for.
        if let Some(i) = self.taken_out.iter().position(|t| t.absent(m)) {
            let t = self.taken_out.remove(i);
            if let Value::Map(entries) = &mut node_at(tree, &t.parent)?.resolved_mut().value {
                entries.insert(t.at.min(entries.len()), t.entry.clone());
            }
            let mut steps = t.parent.clone();
            steps.push(Step::Key(t.key()));
            return self.stand_in::<T>(tree, &steps, &t.mistake, &[]);
        }
        if let Kind::MissingField(key) = &m.kind {
            let mut steps = m.steps.clone();
            steps.push(Step::Key(key.clone()));
            return self.stand_in::<T>(tree, &steps, m, &[]);
        }
        // A value that does not fit: taken out where the field may be left
        // out, else stood in for.
        let expected = match &m.kind {
            Kind::UnknownVariant { expected, .. } => expected.clone(),
            _ => Vec::new(),
        };
        if let Some((Step::Key(key), parent_steps)) = m.steps.split_last() {
            let (at, old) = remove(node_at(tree, parent_steps)?, key)?;
            let next = self.read::<T>(tree);
            let missing = Kind::MissingField(key.clone());
            let needed = next
                .as_ref()
                .is_some_and(|n| n.kind == missing && n.steps == parent_steps);
            if !needed {
                self.taken_out.push(TakenOut {
                    parent: parent_steps.to_vec(),
                    at,
                    entry: old,
                    mistake: m.clone(),
                });
                return next;
            }
            if let Value::Map(entries) = &mut node_at(tree, parent_steps)?.resolved_mut().value {
                entries.insert(at, old);
            }
        }
        self.stand_in::<T>(tree, &m.steps.clone(), m, &expected)
    }

    /// Puts the first stand-in at `steps` that gets past `m`, and reads on.
    fn stand_in<T: DeserializeOwned>(
        &mut self,
        tree: &mut Node,
        steps: &[Step],
        m: &Mistake,
        words: &[String],
    ) -> Option<Mistake> {
        let mut candidates: Vec<Node> = words.iter().map(|w| Node::scalar(w, false)).collect();
        candidates.extend([
            Node::scalar("0", true),
            // A year within the years taken (0 is not one).
            Node::scalar("2000", true),
            Node::scalar("", false),
            Node::scalar("false", true),
            Node::scalar("2000-01-01", false),
            Node {
                value: Value::Map(Vec::new()),
                line: 0,
                column: 0,
            },
            Node {
                value: Value::Seq(Vec::new()),
                line: 0,
                column: 0,
            },
        ]);
        for c in candidates {
            let group = matches!(c.value, Value::Map(_) | Value::Seq(_));
            set(tree, steps, c)?;
            let next = self.read::<T>(tree);
            match next {
                // A group of the right kind that lacks its own fields: kept,
                // and what it lacks is not said again.
                Some(n)
                    if group
                        && n.steps.starts_with(steps)
                        && (n.steps.len() > steps.len()
                            || matches!(n.kind, Kind::MissingField(_))) =>
                {
                    self.stood_in.push(steps.to_vec());
                    return Some(n);
                }
                // Still failing at the stand-in, or below it.
                Some(n)
                    if (n.steps == m.steps && n.kind == m.kind) || n.steps.starts_with(steps) =>
                {
                    continue;
                }
                // The field stood in for is still missing (the stand-in
                // did not take).
                Some(n) if Some(&n.kind) == missing_of(steps).as_ref() => continue,
                other => return other,
            }
        }
        None
    }
}

/// The mistake of the field at `steps` missing from its mapping.
fn missing_of(steps: &[Step]) -> Option<Kind> {
    match steps.last()? {
        Step::Key(k) => Some(Kind::MissingField(k.clone())),
        Step::Index(_) => None,
    }
}

fn child<'a>(v: &'a mut Node, step: &Step) -> Option<&'a mut Node> {
    match step {
        Step::Key(k) => v.get_mut(k),
        Step::Index(i) => match &mut v.resolved_mut().value {
            Value::Seq(s) => s.get_mut(*i),
            _ => None,
        },
    }
}

fn node_at<'a>(tree: &'a mut Node, steps: &[Step]) -> Option<&'a mut Node> {
    let mut at = tree;
    for s in steps {
        at = child(at, s)?;
    }
    Some(at)
}

/// Takes `key` out of the mapping `at`: where it stood, and the entry.
fn remove(at: &mut Node, key: &str) -> Option<(usize, (Node, Node))> {
    let Value::Map(entries) = &mut at.resolved_mut().value else {
        return None;
    };
    let i = entries
        .iter()
        .position(|(k, _)| k.key_text() == Some(key))?;
    Some((i, entries.remove(i)))
}

/// Puts `value` at `steps`, adding the last key where it is missing.
fn set(tree: &mut Node, steps: &[Step], value: Node) -> Option<()> {
    let (last, parents) = steps.split_last()?;
    let at = node_at(tree, parents)?;
    match (&mut at.resolved_mut().value, last) {
        (Value::Map(entries), Step::Key(k)) => {
            match entries.iter_mut().find(|(x, _)| x.key_text() == Some(k)) {
                Some((_, v)) => *v = value,
                None => entries.push((Node::scalar(k, false), value)),
            }
        }
        (Value::Seq(s), Step::Index(i)) => *s.get_mut(*i)? = value,
        _ => return None,
    }
    Some(())
}
