//! Turning a layout set's block specs into document blocks: templates,
//! expressions, repetition and conditions.

use super::error::LayoutError;
use super::set::LayoutSet;
use super::spec::{
    BlockKind, BlockSpec, ChartSpec, Expr, HeadingSpec, ListSpec, PageBreak, ParagraphSpec,
    TableSpec,
};
use super::templates::VALUE_STAR;
use super::values::Num;
use crate::compute::display::{self, NumberFormat};
use crate::doc::{
    Block, Chart, ChartItem, ChartKind, Cover, Heading, List, Paragraph, ParagraphStyle, Run,
    Signature, Table, TocEntry,
};
use minijinja::Expression;
use minijinja::value::{Value, merge_maps};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// Text one template may write, and all of a document's templates together:
/// far above any real document (the 1,000-project unit writes under 1 MB).
pub const TEMPLATE_OUTPUT: usize = 4 << 20;
pub const DOCUMENT_OUTPUT: usize = 64 << 20;

/// Where a template writes: refuses to grow past its limit, which stops
/// the render (minijinja reports it as a write failure).
struct Bounded {
    text: Vec<u8>,
    limit: usize,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.text.len() + buf.len() > self.limit {
            return Err(std::io::Error::other("template output limit"));
        }
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A table set aside by the pass (`Evaluator::aside`): its spec, its
/// scope and place where it stands, and the 目录 entry the pass gave it.
pub struct Aside<'s> {
    pub spec: &'s TableSpec,
    pub scope: Value,
    pub place: String,
    pub toc: Option<TocEntry>,
}

pub struct Evaluator<'s> {
    pub set: &'s LayoutSet,
    macros: Option<String>,
    toc_count: usize,
    /// Bytes the templates have written so far (DOCUMENT_OUTPUT bounds it).
    written: std::cell::Cell<usize>,
    /// Where we are, for messages: the file and the block being built.
    pub place: String,
    /// The blocks made by specs marked `explanation: true`, from the first
    /// to the last of them.
    pub explanation: Option<std::ops::Range<usize>>,
    /// The file's way of writing figures (`显示`), when it names one.
    pub display: Option<String>,
    /// Expressions compiled so far: a table's cells evaluate the same few
    /// for every row, and parsing them again was a third of building the
    /// document.
    expressions: RefCell<HashMap<String, Rc<Expression<'s, 'static>>>>,
    /// Tables set aside, in document order, to be made beside this pass
    /// (`layout/aside.rs`); None makes each where it stands.
    pub aside: Option<Vec<Aside<'s>>>,
}

impl<'s> Evaluator<'s> {
    pub fn new(set: &'s LayoutSet) -> Evaluator<'s> {
        Evaluator {
            set,
            macros: set.spec.macros.clone(),
            toc_count: 0,
            written: std::cell::Cell::new(0),
            place: "layout.yaml".into(),
            explanation: None,
            display: None,
            expressions: RefCell::default(),
            aside: None,
        }
    }

    /// Renders a text template. Line breaks and the indentation of
    /// multi-line templates are dropped: Chinese prose needs no spaces.
    pub fn text(&self, template: &str, scope: &Value) -> Result<String, LayoutError> {
        Ok(literal(&self.markup(template, scope)?))
    }

    /// Like `text`, keeping the template's own `**bold**` markup apart from
    /// stars that values brought in; `runs` reads it.
    fn markup(&self, template: &str, scope: &Value) -> Result<String, LayoutError> {
        if !template.contains('{') {
            return Ok(template.to_string());
        }
        let source = match &self.macros {
            Some(m) if template.contains("m.") => format!("{{% import {m:?} as m %}}{template}"),
            _ => template.to_string(),
        };
        let fail = |e: minijinja::Error| LayoutError::template(&self.place, template, &e);
        let left = DOCUMENT_OUTPUT.saturating_sub(self.written.get());
        let mut out = Bounded {
            text: Vec::new(),
            limit: left.min(TEMPLATE_OUTPUT),
        };
        self.set
            .compiled
            .inline(&source)
            .and_then(|t| t.render_captured_to(scope.clone(), &mut out).map(|_| ()))
            .map_err(fail)?;
        self.written.set(self.written.get() + out.text.len());
        let out = String::from_utf8_lossy(&out.text);
        Ok(out.lines().map(str::trim).collect())
    }

    pub fn eval(&self, expr: &Expr, scope: &Value) -> Result<Value, LayoutError> {
        let fail = |e: minijinja::Error| LayoutError::template(&self.place, &expr.0, &e);
        let known = self.expressions.borrow().get(&expr.0).cloned();
        let compiled = match known {
            Some(c) => c,
            None => {
                let env = self.set.compiled.env();
                let c = Rc::new(env.compile_expression_owned(expr.0.clone()).map_err(fail)?);
                self.expressions
                    .borrow_mut()
                    .insert(expr.0.clone(), c.clone());
                c
            }
        };
        compiled.eval(scope.clone()).map_err(fail)
    }

    /// Evaluates an expression; an undefined result is an error (a misspelt
    /// name must not silently read as empty or zero).
    pub fn eval_defined(&self, expr: &Expr, scope: &Value) -> Result<Value, LayoutError> {
        let v = self.eval(expr, scope)?;
        if v.is_undefined() {
            return Err(LayoutError::Undefined {
                place: self.place.clone(),
                expr: expr.0.clone(),
            });
        }
        Ok(v)
    }

    pub fn truthy(&self, expr: &Option<Expr>, scope: &Value) -> Result<bool, LayoutError> {
        match expr {
            None => Ok(true),
            Some(e) => Ok(self.eval_defined(e, scope)?.is_true()),
        }
    }

    /// An amount in 元 from an expression; none counts as absent.
    pub fn amount(&self, expr: &Expr, scope: &Value) -> Result<Option<Decimal>, LayoutError> {
        let v = self.eval_defined(expr, scope)?;
        if v.is_none() {
            return Ok(None);
        }
        match Num::of(&v) {
            Some(Num::Yuan(d)) => Ok(Some(d)),
            _ => Err(LayoutError::NotAmount {
                place: self.place.clone(),
                expr: expr.0.clone(),
                value: v.to_string(),
            }),
        }
    }

    /// A number format by its name in the set's `number_formats`.
    pub fn number_format(&self, name: &str) -> Result<&'s NumberFormat, LayoutError> {
        let formats = &self.set.spec.number_formats;
        self.set
            .spec
            .number_format(name, self.display.as_deref())
            .ok_or_else(|| LayoutError::FormatUndefined {
                place: self.place.clone(),
                name: name.to_string(),
                defined: if formats.is_empty() {
                    "无".to_string()
                } else {
                    formats.keys().cloned().collect::<Vec<_>>().join("、")
                },
            })
    }

    /// The scopes of a repetition: one per item, with `as` (default `item`),
    /// `index` (from 1) and `count` set. No `each`: the scope itself.
    pub fn repeat(
        &self,
        each: &Option<Expr>,
        binding: &Option<String>,
        scope: &Value,
    ) -> Result<Vec<Value>, LayoutError> {
        let Some(each) = each else {
            return Ok(vec![scope.clone()]);
        };
        let list = self.eval_defined(each, scope)?;
        let items: Vec<Value> = list
            .try_iter()
            .map(|i| i.collect())
            .map_err(|e| LayoutError::template(&self.place, &each.0, &e))?;
        let name = binding.as_deref().unwrap_or("item");
        let count = items.len();
        Ok(items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let mut local = BTreeMap::new();
                local.insert(name.to_string(), item);
                local.insert("index".to_string(), Value::from(i + 1));
                local.insert("count".to_string(), Value::from(count));
                merge_maps([Value::from(local), scope.clone()])
            })
            .collect())
    }

    pub fn blocks(
        &mut self,
        specs: &'s [BlockSpec],
        scope: &Value,
        out: &mut Vec<Block>,
    ) -> Result<(), LayoutError> {
        for spec in specs {
            let start = out.len();
            for local in self.repeat(&spec.each, &spec.binding, scope)? {
                if self.truthy(&spec.when, &local)? {
                    self.block(&spec.kind, &local, out)?;
                }
            }
            if spec.explanation && out.len() > start {
                self.explanation = Some(match self.explanation.take() {
                    Some(r) => r.start.min(start)..r.end.max(out.len()),
                    None => start..out.len(),
                });
            }
        }
        Ok(())
    }

    fn block(
        &mut self,
        kind: &'s BlockKind,
        scope: &Value,
        out: &mut Vec<Block>,
    ) -> Result<(), LayoutError> {
        match kind {
            BlockKind::Cover(c) => out.push(Block::Cover(Cover {
                title: self.text(&c.title, scope)?,
                subtitle: self.text(&c.subtitle, scope)?,
                lines: self.texts(&c.lines, scope)?,
            })),
            BlockKind::Toc(t) => out.push(Block::Toc {
                title: self.text(&t.title, scope)?,
            }),
            BlockKind::PageBreak(_) => out.push(Block::PageBreak),
            BlockKind::Heading(h) => out.push(self.heading(h, scope)?),
            BlockKind::TocEntry(e) => {
                let text = self.text(&e.text, scope)?;
                let entry = self.toc_entry(e.level.clamp(1, 3), text);
                out.push(Block::TocEntry(entry));
            }
            BlockKind::Paragraph(p) => out.push(self.paragraph(p, scope)?),
            BlockKind::List(l) => out.push(self.list(l, scope)?),
            BlockKind::Table(t) => {
                let table = if self.aside.is_some() {
                    // Its 目录 entry numbered now, as where it stands; the
                    // rest made later. An empty table stands in its place:
                    // what the pass decides from the block above (a page
                    // break before a table) is decided as with it there.
                    let toc = t.toc.as_ref().map(|s| self.text(s, scope)).transpose()?;
                    let toc = self.table_toc(toc);
                    let aside = Aside {
                        spec: t,
                        scope: scope.clone(),
                        place: self.place.clone(),
                        toc,
                    };
                    self.aside.get_or_insert_default().push(aside);
                    Table::default()
                } else {
                    self.table(t, scope)?
                };
                if t.page_break.unwrap_or(self.set.spec.table_page_break) == PageBreak::Before {
                    self.new_page_above(out);
                }
                out.push(Block::Table(Box::new(table)));
            }
            BlockKind::Chart(c) => out.push(self.chart(c, scope)?),
            BlockKind::Signature(s) => out.push(Block::Signature(Signature {
                lines: self.texts(&s.lines, scope)?,
            })),
            BlockKind::Include(name) => {
                let set = self.set;
                let specs = set
                    .includes
                    .get(name)
                    .ok_or_else(|| LayoutError::BlockFileNotRead { name: name.clone() })?;
                let outer = std::mem::replace(&mut self.place, name.clone());
                self.blocks(specs, scope, out)?;
                self.place = outer;
            }
            BlockKind::Group(inner) => self.blocks(inner, scope, out)?,
        }
        Ok(())
    }

    /// Starts a new page for what comes next, with the headings and 目录
    /// anchors just above it (a table's part title and its 目录 entry go
    /// with it); nothing when a page starts there already.
    fn new_page_above(&mut self, out: &mut Vec<Block>) {
        let mut at = out.len();
        while at > 0 && matches!(out[at - 1], Block::Heading(_) | Block::TocEntry(_)) {
            at -= 1;
        }
        if at == 0 || matches!(out[at - 1], Block::PageBreak) {
            return;
        }
        out.insert(at, Block::PageBreak);
        if let Some(r) = self.explanation.as_mut()
            && at < r.end
        {
            r.start += usize::from(at <= r.start);
            r.end += 1;
        }
    }

    /// Bytes the templates have written so far.
    pub fn written(&self) -> usize {
        self.written.get()
    }

    fn texts(&self, templates: &[String], scope: &Value) -> Result<Vec<String>, LayoutError> {
        templates.iter().map(|t| self.text(t, scope)).collect()
    }

    pub fn toc_entry(&mut self, level: u8, text: String) -> TocEntry {
        self.toc_count += 1;
        TocEntry {
            level,
            text,
            id: format!("toc-{}", self.toc_count),
        }
    }

    fn heading(&mut self, h: &HeadingSpec, scope: &Value) -> Result<Block, LayoutError> {
        let text = self.text(&h.text, scope)?;
        let toc = if h.toc.unwrap_or(h.level <= 2) {
            let toc_text = match &h.toc_text {
                Some(t) => self.text(t, scope)?,
                None => text.clone(),
            };
            Some(self.toc_entry(h.level, toc_text))
        } else {
            None
        };
        Ok(Block::Heading(Heading {
            level: h.level,
            text,
            toc,
        }))
    }

    fn paragraph(&self, p: &ParagraphSpec, scope: &Value) -> Result<Block, LayoutError> {
        let (text, style) = match p {
            ParagraphSpec::Text(t) => (t, None),
            ParagraphSpec::Styled { text, style } => (text, style.as_deref()),
        };
        let style = match style {
            None | Some("body") => ParagraphStyle::Body,
            Some("center") => ParagraphStyle::Center,
            Some("right") => ParagraphStyle::Right,
            Some("note") => ParagraphStyle::Note,
            Some(other) => {
                return Err(LayoutError::ParagraphStyle {
                    place: self.place.clone(),
                    style: other.to_string(),
                });
            }
        };
        Ok(Block::Paragraph(Paragraph {
            runs: runs(&self.markup(text, scope)?),
            style,
        }))
    }

    fn list(&self, l: &ListSpec, scope: &Value) -> Result<Block, LayoutError> {
        let mut items = Vec::new();
        for local in self.repeat(&Some(l.items.clone()), &None, scope)? {
            if self.truthy(&l.filter, &local)? {
                items.push(runs(&self.markup(&l.text, &local)?));
            }
        }
        Ok(Block::List(List { items }))
    }

    fn chart(&self, c: &ChartSpec, scope: &Value) -> Result<Block, LayoutError> {
        let kind = match c.kind.as_str() {
            "pie" => ChartKind::Pie,
            "bar" => ChartKind::Bar,
            other => {
                return Err(LayoutError::ChartKind {
                    place: self.place.clone(),
                    kind: other.to_string(),
                });
            }
        };
        let whole = self.amount(&c.whole, scope)?.unwrap_or_default();
        let mut items = Vec::new();
        for local in self.repeat(&Some(c.items.clone()), &None, scope)? {
            if !self.truthy(&c.filter, &local)? {
                continue;
            }
            let value = self.amount(&c.value, &local)?.unwrap_or_default();
            items.push(ChartItem {
                label: self.text(&c.label, &local)?,
                value: display::wan(value),
                share: display::percent_text(value, whole).unwrap_or_else(|| "0%".into()),
                percent: display::percent(value, whole),
            });
        }
        Ok(Block::Chart(Chart {
            kind,
            title: self.text(&c.title, scope)?,
            unit: c.unit.clone(),
            items,
        }))
    }
}

/// Splits `**bold**` markup into runs.
/// Text as the reader sees it: stars from values are stars again.
fn literal(markup: &str) -> String {
    markup.replace(VALUE_STAR, "*")
}

pub fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    for (i, part) in text.split("**").enumerate() {
        if !part.is_empty() {
            out.push(Run {
                text: literal(part),
                bold: i % 2 == 1,
            });
        }
    }
    out
}
