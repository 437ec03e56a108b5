//! Narrative sentences, aligned old against new (longest common subsequence)
//! so that an unchanged sentence is never reported and a changed one is
//! shown beside what it replaced.

use super::changes::SentenceChange;
use crate::doc::{Block, Document};

/// A sentence and the heading it is under.
struct Sentence {
    section: String,
    text: String,
}

pub fn compare(old: &Document, new: &Document) -> Vec<SentenceChange> {
    let a = sentences(old);
    let b = sentences(new);
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: common length of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i].text == b[j].text {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut gone, mut came): (Vec<&Sentence>, Vec<&Sentence>) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i].text == b[j].text {
            flush(&mut gone, &mut came, &mut out);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            came.push(&b[j]);
            j += 1;
        } else {
            gone.push(&a[i]);
            i += 1;
        }
    }
    flush(&mut gone, &mut came, &mut out);
    out
}

/// A run of removed and added sentences: paired in order as changes, the
/// rest as removed or added.
fn flush(gone: &mut Vec<&Sentence>, came: &mut Vec<&Sentence>, out: &mut Vec<SentenceChange>) {
    let pairs = gone.len().max(came.len());
    for k in 0..pairs {
        let (o, n) = (gone.get(k), came.get(k));
        out.push(SentenceChange {
            section: n.or(o).map(|s| s.section.clone()).unwrap_or_default(),
            old: o.map(|s| s.text.clone()),
            new: n.map(|s| s.text.clone()),
        });
    }
    gone.clear();
    came.clear();
}

fn sentences(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut section = String::new();
    let push = |section: &str, text: &str, out: &mut Vec<Sentence>| {
        for s in split(text) {
            out.push(Sentence {
                section: section.to_string(),
                text: s,
            });
        }
    };
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => section = h.text.clone(),
            Block::Paragraph(p) => push(&section, &p.text(), &mut out),
            Block::List(l) => {
                for item in &l.items {
                    let text: String = item.iter().map(|r| r.text.as_str()).collect();
                    push(&section, &text, &mut out);
                }
            }
            _ => {}
        }
    }
    out
}

/// Sentences end at 。！？ and at ；, which the narrative uses between the
/// clauses that each carry a figure.
fn split(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        current.push(c);
        if matches!(c, '。' | '；' | '！' | '？') {
            out.push(std::mem::take(&mut current).trim().to_string());
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}
