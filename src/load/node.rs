//! A YAML document as a tree of nodes, each scalar with its exact text and
//! each node with its position, built from the parser's own events during
//! the bounded walk (`input::walk`): what `de` deserializes our types from.

use crate::input::{Limits, YamlError};
use std::collections::HashMap;
use std::rc::Rc;
use yaml_rust2::parser::{Event, MarkedEventReceiver};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// One node: a scalar, a list or a mapping, and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    /// 1-based line and column of the node's first character.
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// The scalar's text as written; `plain` when unquoted (only a plain
    /// scalar can be a number, a boolean or null).
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Keys in the order written.
    Map(Vec<(Node, Node)>),
    /// `*name`: the node the anchor names, shared, not copied (a few
    /// aliases of aliases stand for millions of nodes).
    Alias(Rc<Node>),
}

impl Node {
    pub fn scalar(text: &str, plain: bool) -> Node {
        Node {
            value: Value::Scalar {
                text: text.to_string(),
                plain,
            },
            line: 0,
            column: 0,
        }
    }

    /// The node itself, or the one an alias names.
    pub fn resolved(&self) -> &Node {
        match &self.value {
            Value::Alias(named) => named.resolved(),
            _ => self,
        }
    }

    /// The same, to change: an alias's node becomes this place's own copy.
    pub fn resolved_mut(&mut self) -> &mut Node {
        if let Value::Alias(named) = &self.value {
            *self = Node::clone(named);
        }
        self
    }

    /// A key as the types name it: the scalar's text.
    pub fn key_text(&self) -> Option<&str> {
        match &self.resolved().value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The value of `key` in a mapping.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match &mut self.resolved_mut().value {
            Value::Map(entries) => entries
                .iter_mut()
                .find(|(k, _)| k.key_text() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// The first document of `text`, walked within `limits`. A second
/// document is refused, as one file holds one budget.
pub fn parse(text: &str, limits: Limits) -> Result<Node, YamlError> {
    let mut builder = Builder::default();
    crate::input::walk(text, limits, &mut builder)?;
    Ok(builder.tree())
}

/// Builds the tree from a walk's events (`parse`, or a walk that feeds
/// the source map the same events).
#[derive(Default)]
pub(super) struct Builder {
    /// Open collections: the node so far, its anchor, and for a mapping
    /// the key waiting for its value.
    open: Vec<(Node, usize, Option<Node>)>,
    anchors: HashMap<usize, Rc<Node>>,
    root: Option<Node>,
}

impl Builder {
    /// The document built; an empty one reads as an empty plain scalar.
    pub(super) fn tree(self) -> Node {
        self.root.unwrap_or_else(|| Node::scalar("", true))
    }

    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, Rc::new(node.clone()));
        }
        let Some((parent, _, key)) = self.open.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        match &mut parent.value {
            Value::Seq(items) => items.push(node),
            Value::Map(entries) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => *key = Some(node),
            },
            Value::Scalar { .. } | Value::Alias(_) => {}
        }
    }
}

fn at(mark: &Marker, value: Value) -> Node {
    Node {
        value,
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(text, style, anchor, _) => {
                let plain = matches!(style, TScalarStyle::Plain);
                self.finish(at(&mark, Value::Scalar { text, plain }), anchor);
            }
            Event::Alias(anchor) => {
                let node = match self.anchors.get(&anchor) {
                    Some(named) => at(&mark, Value::Alias(Rc::clone(named))),
                    None => at(
                        &mark,
                        Value::Scalar {
                            text: String::new(),
                            plain: true,
                        },
                    ),
                };
                self.finish(node, 0);
            }
            Event::SequenceStart(anchor, _) => {
                self.open
                    .push((at(&mark, Value::Seq(Vec::new())), anchor, None));
            }
            Event::MappingStart(anchor, _) => {
                self.open
                    .push((at(&mark, Value::Map(Vec::new())), anchor, None));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((node, anchor, _)) = self.open.pop() {
                    self.finish(node, anchor);
                }
            }
            _ => {}
        }
    }
}

/// Bounds for small texts in unit tests (here and in `de`).
#[cfg(test)]
pub(super) const LIMITS: Limits = Limits {
    depth: 64,
    aliases: 10,
    expanded: 1 << 20,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_keep_their_text_and_places() {
        let root = parse("a: 0.10\nb:\n  - '2026'\n  - x\n", LIMITS).unwrap();
        let Value::Map(entries) = &root.value else {
            panic!("{root:?}")
        };
        assert_eq!(
            entries[0].1.value,
            Value::Scalar {
                text: "0.10".into(),
                plain: true
            }
        );
        let Value::Seq(items) = &entries[1].1.value else {
            panic!()
        };
        assert_eq!(
            items[0].value,
            Value::Scalar {
                text: "2026".into(),
                plain: false
            }
        );
        assert_eq!((items[1].line, items[1].column), (4, 5));
    }

    #[test]
    fn aliases_are_what_they_name_and_a_second_document_is_refused() {
        let root = parse("a: &x [1, 2]\nb: *x\n", LIMITS).unwrap();
        let Value::Map(entries) = &root.value else {
            panic!()
        };
        assert_eq!(entries[0].1.value, entries[1].1.resolved().value);
        assert!(matches!(
            parse("a: 1\n---\nb: 2\n", LIMITS),
            Err(YamlError::MultipleDocuments)
        ));
    }
}
