//! Walking a YAML text's events once, without recursion (the parser's own
//! `load` recurses per level, and a 5,000-level list overflowed a batch
//! thread's stack): nesting, aliases and the size the aliases expand to are
//! counted as the events come and the walk stops at the first bound passed.
//! The walk builds what is read (the source map, `load::node`'s tree): no
//! other parser sees the text.

use super::syntax::{SyntaxFault, diagnose};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// What a file may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Mappings and lists inside each other.
    pub depth: usize,
    /// Alias references (`*name`).
    pub aliases: usize,
    /// Scalar bytes plus one per node, with every alias replaced by what it
    /// names: what deserializing would build.
    pub expanded: u64,
}

/// How deep any file of ours goes (a budget's 绩效指标 tree is 6 levels, a
/// layout set's blocks about 8): far more is no file a person wrote.
pub const MAX_DEPTH: usize = 64;

/// What the walk counted.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub aliases: usize,
    pub expanded: u64,
}

/// Why a text was not walked to its end.
#[derive(Debug, thiserror::Error)]
pub enum YamlError {
    /// The text does not parse: what is wrong, read from the text where
    /// the parser stopped (`syntax::diagnose`), and the place to mend.
    #[error("YAML 语法错误：{fault}")]
    Syntax {
        fault: SyntaxFault,
        line: usize,
        column: usize,
    },
    #[error("第 {line} 行的列表或映射嵌套超过 {limit} 层：不是正常的文件，拒绝读取")]
    TooDeep { line: usize, limit: usize },
    #[error("文件使用了 {count} 个以上的 YAML 别名（*名称），超过上限 {limit}，拒绝读取")]
    Aliases { count: usize, limit: usize },
    #[error("文件中的 YAML 别名（*名称）展开后超过 {} MB，疑似恶意构造，拒绝读取", .limit / 1048576)]
    Expanded { limit: u64 },
    #[error("文件含有多个 YAML 文档（“---” 分隔）：一个文件只写一个单位的一个年度")]
    MultipleDocuments,
}

impl YamlError {
    pub fn line(&self) -> Option<usize> {
        match self {
            YamlError::Syntax { line, .. } | YamlError::TooDeep { line, .. } => Some(*line),
            _ => None,
        }
    }
}

/// Walks the first document of `text`, handing each event to `receiver`
/// (which may be `Nothing`), and stops at the first bound passed.
pub fn walk<R: MarkedEventReceiver>(
    text: &str,
    limits: Limits,
    receiver: &mut R,
) -> Result<Counts, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut counter = Counter::default();
    loop {
        let (ev, mark) = parser.next_token().map_err(|e| syntax_error(text, &e))?;
        let end = matches!(ev, Event::DocumentEnd | Event::StreamEnd);
        let document_end = matches!(ev, Event::DocumentEnd);
        counter.count(&ev, &mark, limits)?;
        receiver.on_event(ev, mark);
        if document_end {
            // One file is one document: what follows the first is either
            // nothing or a second one, refused before anything reads it.
            match parser.next_token() {
                Ok((Event::DocumentStart, _)) => return Err(YamlError::MultipleDocuments),
                Ok(_) => {}
                Err(e) => return Err(syntax_error(text, &e)),
            }
        }
        if end {
            return Ok(counter.counts);
        }
    }
}

/// The mistake where the parser stopped, named from the text (the
/// parser's English reason is not used).
fn syntax_error(text: &str, e: &yaml_rust2::ScanError) -> YamlError {
    let (fault, line, column) = diagnose(text, e.marker().line(), e.marker().col() + 1);
    YamlError::Syntax {
        fault,
        line,
        column,
    }
}

/// A receiver that wants nothing: the walk alone checks the bounds.
pub struct Nothing;

impl MarkedEventReceiver for Nothing {
    fn on_event(&mut self, _: Event, _: Marker) {}
}

#[derive(Default)]
struct Counter {
    counts: Counts,
    /// For each open collection: its anchor id (0 for none) and the
    /// expanded size when it opened.
    open: Vec<(usize, u64)>,
    /// Expanded size of each anchored node, by anchor id.
    anchored: HashMap<usize, u64>,
}

impl Counter {
    fn grow(&mut self, by: u64, limits: Limits) -> Result<(), YamlError> {
        self.counts.expanded = self.counts.expanded.saturating_add(by);
        if self.counts.expanded > limits.expanded {
            return Err(YamlError::Expanded {
                limit: limits.expanded,
            });
        }
        Ok(())
    }

    fn count(&mut self, ev: &Event, mark: &Marker, limits: Limits) -> Result<(), YamlError> {
        match ev {
            Event::Scalar(text, _, anchor, _) => {
                let size = text.len() as u64 + 1;
                self.grow(size, limits)?;
                if *anchor > 0 {
                    self.anchored.insert(*anchor, size);
                }
            }
            Event::Alias(anchor) => {
                self.counts.aliases += 1;
                if self.counts.aliases > limits.aliases {
                    return Err(YamlError::Aliases {
                        count: self.counts.aliases,
                        limit: limits.aliases,
                    });
                }
                let size = self.anchored.get(anchor).copied().unwrap_or(1);
                self.grow(size, limits)?;
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                if self.open.len() >= limits.depth {
                    return Err(YamlError::TooDeep {
                        line: mark.line(),
                        limit: limits.depth,
                    });
                }
                self.grow(1, limits)?;
                self.open.push((*anchor, self.counts.expanded));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((anchor, start)) = self.open.pop()
                    && anchor > 0
                {
                    let size = self.counts.expanded.saturating_sub(start).saturating_add(1);
                    self.anchored.insert(anchor, size);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOOSE: Limits = Limits {
        depth: MAX_DEPTH,
        aliases: 1000,
        expanded: 1 << 20,
    };

    /// A 5,000-level list walked on a thread with a small stack.
    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let text = format!("a:\n{}x\n", "- ".repeat(5000));
        let found = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || walk(&text, LOOSE, &mut Nothing).map(|_| ()))
            .unwrap()
            .join()
            .unwrap();
        match found {
            Err(YamlError::TooDeep { line: 2, limit }) => assert_eq!(limit, MAX_DEPTH),
            other => panic!("{other:?}"),
        }
        let flow = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
        assert!(matches!(
            walk(&flow, LOOSE, &mut Nothing),
            Err(YamlError::TooDeep { line: 1, .. })
        ));
        let fine = format!("a:\n{}x\n", "- ".repeat(MAX_DEPTH - 1));
        assert!(walk(&fine, LOOSE, &mut Nothing).is_ok());
    }

    #[test]
    fn aliases_count_at_their_expanded_size() {
        let text = format!("a: &x {}\nb: [*x, *x, *x]\n", "y".repeat(1000));
        let counts = walk(&text, LOOSE, &mut Nothing).unwrap();
        assert_eq!(counts.aliases, 3);
        assert!(counts.expanded > 4000, "{counts:?}");
        let tight = Limits {
            expanded: 3000,
            ..LOOSE
        };
        assert!(matches!(
            walk(&text, tight, &mut Nothing),
            Err(YamlError::Expanded { .. })
        ));
        let few = Limits {
            aliases: 2,
            ..LOOSE
        };
        assert!(matches!(
            walk(&text, few, &mut Nothing),
            Err(YamlError::Aliases { count: 3, limit: 2 })
        ));
    }

    #[test]
    fn a_syntax_error_has_its_line() {
        match walk("a: [1, 2\nb: 3\n", LOOSE, &mut Nothing) {
            Err(YamlError::Syntax { line, .. }) => assert!(line >= 1),
            other => panic!("{other:?}"),
        }
    }
}
