//! What a layout set reads of the template context: every name its
//! templates and expressions look up, found by parsing them (not by running
//! them), so the checker can tell a budget file which of its fields this
//! format never prints.

use super::spec::{
    BlockKind, BlockSpec, BodyItem, CellSpec, Expr, MetaSpec, ParagraphSpec, RowSpec, TableSpec,
};
use minijinja::Environment;
use std::collections::{BTreeMap, BTreeSet};

/// Dotted names (`performance.targeted_count`) the set's templates,
/// expressions and macro files look up. A template that fails to parse adds
/// nothing: rendering it reports the error.
pub fn variables(
    meta: &MetaSpec,
    document: &[BlockSpec],
    includes: &BTreeMap<String, Vec<BlockSpec>>,
    macros: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let mut reads = Reads {
        env: Environment::new(),
        names: BTreeSet::new(),
    };
    for t in [&meta.title, &meta.author, &meta.subject, &meta.date] {
        reads.text(t);
    }
    reads.blocks(document);
    for blocks in includes.values() {
        reads.blocks(blocks);
    }
    for text in macros.values() {
        reads.text(text);
    }
    reads.names
}

/// Whether `name` is read: itself, or an object it sits in that a template
/// reads whole (`performance` read as a whole, or by `[...]`, reads all of it).
pub fn reads(variables: &BTreeSet<String>, name: &str) -> bool {
    let mut at = name;
    loop {
        if variables.contains(at) {
            return true;
        }
        match at.rsplit_once('.') {
            Some((parent, _)) => at = parent,
            None => return false,
        }
    }
}

struct Reads {
    env: Environment<'static>,
    names: BTreeSet<String>,
}

impl Reads {
    fn text(&mut self, template: &str) {
        if let Ok(t) = self.env.template_from_str(template) {
            self.names.extend(t.undeclared_variables(true));
        }
    }

    fn expr(&mut self, expr: Option<&Expr>) {
        if let Some(Ok(e)) = expr.map(|e| self.env.compile_expression(&e.0)) {
            self.names.extend(e.undeclared_variables(true));
        }
    }

    fn blocks(&mut self, blocks: &[BlockSpec]) {
        for b in blocks {
            self.expr(b.when.as_ref());
            self.expr(b.each.as_ref());
            match &b.kind {
                BlockKind::Cover(c) => {
                    self.text(&c.title);
                    self.text(&c.subtitle);
                    c.lines.iter().for_each(|l| self.text(l));
                }
                BlockKind::Toc(t) => self.text(&t.title),
                BlockKind::Heading(h) => {
                    self.text(&h.text);
                    h.toc_text.iter().for_each(|t| self.text(t));
                }
                BlockKind::TocEntry(e) => self.text(&e.text),
                BlockKind::Paragraph(ParagraphSpec::Text(text))
                | BlockKind::Paragraph(ParagraphSpec::Styled { text, .. }) => self.text(text),
                BlockKind::List(l) => {
                    self.expr(Some(&l.items));
                    self.expr(l.filter.as_ref());
                    self.text(&l.text);
                }
                BlockKind::Chart(c) => {
                    for e in [&c.items, &c.value, &c.whole] {
                        self.expr(Some(e));
                    }
                    self.expr(c.filter.as_ref());
                    self.text(&c.title);
                    self.text(&c.label);
                }
                BlockKind::Table(t) => self.table(t),
                BlockKind::Signature(s) => s.lines.iter().for_each(|l| self.text(l)),
                BlockKind::Group(inner) => self.blocks(inner),
                BlockKind::PageBreak(_) | BlockKind::Include(_) => {}
            }
        }
    }

    fn table(&mut self, t: &TableSpec) {
        self.text(&t.title);
        let optional = [
            &t.caption,
            &t.short_title,
            &t.subtitle,
            &t.unit_name,
            &t.unit,
            &t.toc,
            &t.empty_note,
            &t.note,
        ];
        for text in optional.into_iter().flatten() {
            self.text(text);
        }
        t.header.iter().flatten().for_each(|c| self.cell(c));
        self.body(&t.body);
    }

    fn body(&mut self, items: &[BodyItem]) {
        for item in items {
            match item {
                BodyItem::SideBySide { side_by_side } => {
                    side_by_side.iter().flatten().for_each(|r| self.row(r));
                }
                BodyItem::Group {
                    group, each, when, ..
                } => {
                    self.expr(each.as_ref());
                    self.expr(when.as_ref());
                    self.body(group);
                }
                BodyItem::Row(r) => self.row(r),
            }
        }
    }

    fn row(&mut self, r: &RowSpec) {
        self.expr(r.each.as_ref());
        self.expr(r.when.as_ref());
        self.expr(r.level.as_ref());
        r.cells.iter().for_each(|c| self.cell(c));
    }

    fn cell(&mut self, c: &CellSpec) {
        match c {
            CellSpec::Text(t) => self.text(t),
            CellSpec::Full(f) => {
                f.text.iter().for_each(|t| self.text(t));
                for e in [&f.wan, &f.yuan, &f.amount, &f.cols, &f.rows, &f.when] {
                    self.expr(e.as_ref());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_read_itself_or_through_the_object_it_sits_in() {
        let vars: BTreeSet<String> = ["performance.project_count", "procurement", "unit.name"]
            .map(String::from)
            .into();
        assert!(reads(&vars, "performance.project_count"));
        assert!(!reads(&vars, "performance.targeted_count"));
        assert!(reads(&vars, "procurement.reserved_sme"));
        assert!(!reads(&vars, "unit"));
    }

    #[test]
    fn templates_and_expressions_are_parsed_not_run() {
        let mut r = Reads {
            env: Environment::new(),
            names: BTreeSet::new(),
        };
        r.text("{{ performance.targeted_count }}个{% for f in performance.forms %}{{ f.name }}{% endfor %}");
        r.expr(Some(&Expr(
            "procurement.reserved_sme and year > 2020".into(),
        )));
        r.text("{{ broken");
        let names: Vec<&str> = r.names.iter().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "performance.forms",
                "performance.targeted_count",
                "procurement.reserved_sme",
                "year"
            ]
        );
    }
}
