//! Plain text in reading order: what officers diff between two versions and
//! what tests read. Tables are tab-separated rows on the column grid, with
//! cells covered by a span left empty.

use crate::doc::{Block, Document, Run, Table};
use std::fmt::Write;

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match block {
            Block::Cover(c) => {
                line(&mut out, &format!("# {}", c.title));
                line(&mut out, &format!("## {}", c.subtitle));
                for l in &c.lines {
                    line(&mut out, l);
                }
            }
            Block::Toc { title } => {
                line(&mut out, title);
                for e in doc.toc_entries() {
                    let indent = "  ".repeat(usize::from(e.level.saturating_sub(1)));
                    let _ = writeln!(out, "{indent}{}", e.text);
                }
                out.push('\n');
            }
            Block::Heading(h) => line(
                &mut out,
                &format!("{} {}", "#".repeat(usize::from(h.level) + 1), h.text),
            ),
            Block::Paragraph(p) => line(&mut out, &runs(&p.runs)),
            Block::List(l) => {
                for item in &l.items {
                    let _ = writeln!(out, "- {}", runs(item));
                }
                out.push('\n');
            }
            Block::Table(t) => table(&mut out, t),
            Block::Chart(c) => {
                line(&mut out, &format!("【图】{}（{}）", c.title, c.unit));
                for i in &c.items {
                    let _ = writeln!(out, "{}\t{}\t{}", i.label, i.value, i.share);
                }
                out.push('\n');
            }
            Block::Signature(s) => {
                for l in &s.lines {
                    let _ = writeln!(out, "{l}");
                }
                out.push('\n');
            }
            // Listed in the 目录; the body has no heading for it.
            Block::PageBreak | Block::TocEntry(_) => {}
        }
    }
    out
}

fn line(out: &mut String, text: &str) {
    let _ = writeln!(out, "{text}\n");
}

fn runs(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| {
            if r.bold {
                format!("**{}**", r.text)
            } else {
                r.text.clone()
            }
        })
        .collect()
}

fn table(out: &mut String, t: &Table) {
    for l in [
        &t.caption,
        &Some(t.title.clone()),
        &t.subtitle,
        &t.unit_name,
        &t.unit,
    ]
    .into_iter()
    .flatten()
    {
        line(out, l);
    }
    for rows in [&t.header, &t.body] {
        for row in t.text_grid(rows) {
            let _ = writeln!(out, "{}", row.join("\t"));
        }
    }
    out.push('\n');
    if let Some(n) = &t.note {
        line(out, n);
    }
}
