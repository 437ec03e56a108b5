//! Where each field of the YAML is, by field path, read from the parser's own events.
//!
//! Every position a diagnostic reports comes from here (a reading mistake's
//! node is only the fallback): a field's key and value, by its path.

use super::node::Node;
use crate::diagnostic::Span;
use crate::input::{Limits, YamlError};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver};
use yaml_rust2::scanner::Marker;

/// Field path → position of the key and of the value.
#[derive(Debug, Default)]
pub struct SourceMap {
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
    /// Paths whose value is a mapping or a list.
    collections: std::collections::HashSet<String>,
    /// Keys written twice in one mapping: (path, first, second).
    pub duplicate_keys: Vec<(String, Span, Span)>,
    /// Number of alias references (`*name`) in the document.
    pub aliases: usize,
    /// The document's size with every alias replaced by what it names
    /// (scalar bytes plus one per node), saturating: what deserializing
    /// would build. A few aliases can multiply a small file.
    pub expanded: u64,
    /// The first scalar holding a character no budget text may hold (see
    /// `chars::is_forbidden`), with where the scalar is: an escape such as
    /// `"\x01"` hides it from a look at the raw text.
    pub forbidden: Option<(char, Span)>,
}

impl SourceMap {
    /// The map of `text`, walked once within a budget file's limits.
    pub fn build(text: &str) -> Result<SourceMap, YamlError> {
        Self::build_within(text, super::limits::LIMITS)
    }

    /// The map of `text`, walked once within `limits` (input::walk).
    pub fn build_within(text: &str, limits: Limits) -> Result<SourceMap, YamlError> {
        let mut builder = Builder::default();
        let counts = crate::input::walk(text, limits, &mut builder)?;
        builder.map.aliases = counts.aliases;
        builder.map.expanded = counts.expanded;
        Ok(builder.map)
    }

    /// The map and the document's tree of `text` from one walk within
    /// `limits`: what reading a budget needs, without parsing it twice.
    pub fn build_with_tree(text: &str, limits: Limits) -> Result<(SourceMap, Node), YamlError> {
        let mut builder = Builder::default();
        let mut tree = super::node::Builder::default();
        let counts = crate::input::walk(text, limits, &mut Both(&mut builder, &mut tree))?;
        builder.map.aliases = counts.aliases;
        builder.map.expanded = counts.expanded;
        Ok((builder.map, tree.tree()))
    }

    /// Position of the field's value, or of the nearest enclosing field that has one.
    pub fn locate(&self, path: &str) -> Option<Span> {
        let mut p = path;
        loop {
            if let Some(s) = self.values.get(p) {
                return Some(*s);
            }
            if p.is_empty() {
                return None;
            }
            p = parent(p);
        }
    }

    /// Position of the key that names the field (falls back to the value).
    pub fn locate_key(&self, path: &str) -> Option<Span> {
        self.keys.get(path).copied().or_else(|| self.locate(path))
    }

    /// The first key named `key` at or below `path`: where a field is when
    /// the path to it was cut short (inside a flattened struct).
    pub fn find_key_below(&self, path: &str, key: &str) -> Option<Span> {
        let suffix = format!(".{key}");
        self.keys
            .iter()
            .filter(|(p, _)| {
                (p.starts_with(path) || path.is_empty()) && (p.ends_with(&suffix) || *p == key)
            })
            .map(|(_, s)| *s)
            .min_by_key(|s| (s.line, s.column))
    }

    /// Where a reader should look for a field: a scalar's value, or the key of a
    /// mapping or list (whose own position is its first entry, a line too late).
    pub fn locate_field(&self, path: &str) -> Option<Span> {
        if self.values.contains_key(path) && !self.collections.contains(path) {
            return self.locate(path);
        }
        self.locate_key(path)
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ``.
pub fn parent(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(i) => &path[..i],
        None => "",
    }
}

pub fn child_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn span(m: &Marker) -> Span {
    Span {
        line: m.line(),
        column: m.col() + 1,
    }
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        seen: HashMap<String, Span>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

/// Hands each event to the map's builder and the tree's.
struct Both<'a>(&'a mut Builder, &'a mut super::node::Builder);

impl MarkedEventReceiver for Both<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        self.1.on_event(ev.clone(), mark);
        self.0.on_event(ev, mark);
    }
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    map: SourceMap,
}

impl Builder {
    /// The path the next value event belongs to, or None when the event is a map key.
    fn value_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                Some(p)
            }
            Some(Frame::Map { path, key, .. }) => key.take().map(|k| child_key(path, &k)),
        }
    }

    fn record(&mut self, path: &str, at: Span) {
        self.map.values.entry(path.to_string()).or_insert(at);
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let at = span(&mark);
        if let Event::Scalar(ref text, ..) = ev
            && self.map.forbidden.is_none()
            && let Some(c) = text.chars().find(|c| crate::chars::is_forbidden(*c))
        {
            self.map.forbidden = Some((c, at));
        }
        match ev {
            Event::Scalar(text, ..) => match self.value_path() {
                Some(p) => self.record(&p, at),
                None => {
                    if let Some(Frame::Map { path, key, seen }) = self.stack.last_mut() {
                        let full = child_key(path, &text);
                        if let Some(first) = seen.get(&text) {
                            self.map.duplicate_keys.push((full.clone(), *first, at));
                        } else {
                            seen.insert(text.clone(), at);
                        }
                        self.map.keys.entry(full).or_insert(at);
                        *key = Some(text);
                    }
                }
            },
            Event::Alias(_) => {
                self.map.aliases += 1;
                match self.value_path() {
                    Some(p) => self.record(&p, at),
                    None => {
                        // An alias used as a map key: rare; give it a placeholder name.
                        if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                            *key = Some("*".into());
                        }
                    }
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                let path = match self.value_path() {
                    Some(p) => p,
                    // A collection used as a key: track it under a placeholder.
                    None => {
                        if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                            *key = Some("?".into());
                        }
                        "?".to_string()
                    }
                };
                self.record(&path, at);
                self.map.collections.insert(path.clone());
                self.stack.push(if is_map {
                    Frame::Map {
                        path,
                        key: None,
                        seen: HashMap::new(),
                    }
                } else {
                    Frame::Seq { path, index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// The same path syntax as the source map: `a.b[2].c`.
pub fn yaml_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => out = child_key(&out, key),
            Segment::Enum { variant } => out = child_key(&out, variant),
            Segment::Unknown => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_fields_and_list_items() {
        let text = "a: 1\nb:\n  c:\n    - x: 2\n    - x: 3\n";
        let m = SourceMap::build(text).unwrap();
        assert_eq!(m.locate("a").unwrap(), Span { line: 1, column: 4 });
        assert_eq!(m.locate("b.c[1].x").unwrap().line, 5);
        assert_eq!(m.locate("b.c[1]").unwrap().line, 5);
        assert_eq!(
            m.locate_key("b.c[0].x").unwrap(),
            Span { line: 4, column: 7 }
        );
        // Unknown child falls back to its parent.
        assert_eq!(m.locate("b.c[1].y").unwrap().line, 5);
        // A collection is found at its key, a scalar at its value.
        assert_eq!(m.locate_field("b").unwrap(), Span { line: 2, column: 1 });
        assert_eq!(m.locate_field("a").unwrap(), Span { line: 1, column: 4 });
    }

    #[test]
    fn chinese_keys_count_columns_in_characters() {
        let m = SourceMap::build("单位:\n  名称: 财政局\n").unwrap();
        assert_eq!(m.locate("单位.名称").unwrap(), Span { line: 2, column: 7 });
    }

    #[test]
    fn reports_duplicate_keys() {
        let m = SourceMap::build("a: 1\nb: 2\na: 3\n").unwrap();
        assert_eq!(m.duplicate_keys.len(), 1);
        assert_eq!(m.duplicate_keys[0].2.line, 3);
    }

    #[test]
    fn aliases_count_at_their_expanded_size() {
        let big = "x".repeat(1000);
        let text = format!("a: &s {big}\nb: [*s, *s, *s]\nc: &l [*s, *s]\nd: [*l, *l]\n");
        let m = SourceMap::build(&text).unwrap();
        // a, three in b, two in c, and c's two twice over in d: ten copies.
        assert!(m.expanded >= 10 * 1000, "{}", m.expanded);
        assert!(m.expanded < 10 * 1000 + 100, "{}", m.expanded);
    }

    #[test]
    fn syntax_error_has_position() {
        let err = SourceMap::build("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(err.line().is_some_and(|l| l >= 2), "{err:?}");
    }
}
