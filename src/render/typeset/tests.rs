//! The pagination and typography rules on whole documents: the sample and
//! the bureau's units, laid out in-process (no poppler needed).

use super::boxes::Element;
use super::lay_out;
use super::measure::{Measurer, measure};
use super::page::{Item, Page, PageKind};
use super::style::Styles;
use super::text::{Measure, NO_END, NO_START};
use crate::doc::{Block, Document};
use crate::fonts::{FontBook, FontOptions};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The documents, built once for all the tests here.
fn documents() -> Vec<(PathBuf, Document)> {
    static DOCS: std::sync::OnceLock<Vec<(PathBuf, Document)>> = std::sync::OnceLock::new();
    DOCS.get_or_init(build_documents).clone()
}

fn build_documents() -> Vec<(PathBuf, Document)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("samples/datong-finance-info-center-2024.yaml")];
    let bureau = root.join("samples/datong-finance-bureau-2024");
    let mut units: Vec<PathBuf> = std::fs::read_dir(&bureau)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    units.retain(|p| p.file_name().is_some_and(|n| n != "部门.yaml"));
    units.sort();
    paths.extend(units);
    let set = crate::layout::LayoutSet::open(crate::layout::default_set());
    let Ok(set) = set else {
        panic!("the default layout set opens");
    };
    paths
        .into_iter()
        .map(|p| {
            let (_, analysed) = crate::run::analyse(&p);
            let Some(a) = analysed else {
                panic!("{} loads", p.display());
            };
            let doc = crate::run::document(&a, &set);
            let Ok(doc) = doc else {
                panic!("{} lays out", p.display());
            };
            (p, doc)
        })
        .collect()
}

fn pages(doc: &Document, book: &FontBook) -> Vec<Page> {
    match lay_out(doc, false, book) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn there_are_six_documents_to_check() {
    assert_eq!(documents().len(), 6);
}

#[test]
fn no_table_leaves_a_stub_at_either_end_of_a_page() {
    let book = FontBook::new(&FontOptions::default());
    for (path, doc) in documents() {
        let pages = pages(&doc, &book);
        let mut total: HashMap<usize, usize> = HashMap::new();
        for s in pages.iter().flat_map(|p| &p.tables) {
            *total.entry(s.element).or_default() += s.rows;
        }
        for (i, p) in pages.iter().enumerate() {
            for s in &p.tables {
                let least = total[&s.element].min(3);
                assert!(
                    s.rows >= least,
                    "{}: page {} holds {} rows of a table ({s:?})",
                    path.display(),
                    i + 1,
                    s.rows
                );
            }
        }
    }
}

#[test]
fn the_sample_fits_in_32_pages() {
    let book = FontBook::new(&FontOptions::default());
    let (_, doc) = documents().remove(0);
    let n = pages(&doc, &book).len();
    assert!(n <= 32, "{n} pages");
}

fn digitish(c: char) -> bool {
    c.is_ascii_digit() || ".,%".contains(c)
}

#[test]
fn no_cell_splits_a_figure_or_holds_a_single_character_on_a_line() {
    let book = FontBook::new(&FontOptions::default());
    for (path, doc) in documents() {
        let roles = book.resolve(&doc.fonts);
        let st = Styles::new(&doc, &roles);
        let mut m = Measure::new(&book);
        let mut me = Measurer::new(&doc, &mut m, &st);
        let sizes = [
            doc.page.table_size_pt,
            doc.page.table_min_size_pt.unwrap_or(doc.page.table_size_pt),
        ];
        for block in &doc.blocks {
            let Block::Table(t) = block else { continue };
            let landscape = me.table_landscape(t);
            let sizes = [me.starting_size(t, landscape), sizes[1]];
            for size in sizes {
                for (number, text, lines) in me.cell_lines(t, landscape, size) {
                    let place = format!("{}: {} “{text}” at {size}pt", path.display(), t.title);
                    if number {
                        assert_eq!(lines.len(), 1, "{place}: {lines:?}");
                    }
                    if lines.len() < 2 {
                        continue;
                    }
                    for l in &lines {
                        let letters = l
                            .chars()
                            .filter(|c| !NO_START.contains(*c) && !NO_END.contains(*c) && *c != ' ')
                            .count();
                        assert!(letters >= 2, "{place}: a line of one character {lines:?}");
                    }
                    for pair in lines.windows(2) {
                        let end = pair[0].chars().last().unwrap_or(' ');
                        let start = pair[1].chars().next().unwrap_or(' ');
                        assert!(
                            !(digitish(end) && (digitish(start) || "万元%".contains(start))),
                            "{place}: a figure split {lines:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn toc_leaders_start_within_a_character_of_the_title() {
    let book = FontBook::new(&FontOptions::default());
    for (path, doc) in documents() {
        let roles = book.resolve(&doc.fonts);
        let st = Styles::new(&doc, &roles);
        let mut m = Measure::new(&book);
        let numbers = HashMap::new();
        let elements = match measure(&doc, &mut m, &st, &numbers, false) {
            Ok(x) => x.elements,
            Err(e) => panic!("{e}"),
        };
        let mut entries = 0;
        for e in &elements {
            let Element::Flow(f) = e else { continue };
            for part in &f.parts {
                let texts: Vec<(f32, f32, &str)> = part
                    .items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text { x, run, .. } => Some((*x, run.width, run.text.as_str())),
                        _ => None,
                    })
                    .collect();
                let Some(k) = texts
                    .iter()
                    .position(|t| t.2.len() > 2 && t.2.chars().all(|c| c == '.'))
                else {
                    continue;
                };
                entries += 1;
                let (x, _, _) = texts[k];
                let (px, pw, pt) = texts[k - 1];
                let gap = x - (px + pw);
                assert!(
                    (-0.5..=st.body.size).contains(&gap),
                    "{}: leader after “{pt}” starts {gap} pt from it",
                    path.display()
                );
            }
        }
        assert!(entries > 10, "{}: {entries} 目录 entries", path.display());
    }
}

/// Where a cell's lines cut a word (经济效/益指标) that a line could have
/// held whole: the line with the word's start began before it.
fn words_cut(lines: &[String]) -> Vec<String> {
    let text: String = lines.concat();
    let inside = super::words::inside_word(&text);
    let mut cut = Vec::new();
    let mut at = 0;
    for pair in lines.windows(2) {
        let start = at;
        at += pair[0].chars().count();
        if inside.get(at) != Some(&true) {
            continue;
        }
        let word_start = (0..at).rev().find(|&i| !inside[i]).unwrap_or(0);
        if word_start > start {
            cut.push(format!("{}/{}", pair[0], pair[1]));
        }
    }
    cut
}

#[test]
fn no_cell_cuts_a_word_its_line_could_hold() {
    let book = FontBook::new(&FontOptions::default());
    let mut cuts = Vec::new();
    for (path, doc) in documents() {
        let roles = book.resolve(&doc.fonts);
        let st = Styles::new(&doc, &roles);
        let mut m = Measure::new(&book);
        let mut me = Measurer::new(&doc, &mut m, &st);
        for block in &doc.blocks {
            let Block::Table(t) = block else { continue };
            let landscape = me.table_landscape(t);
            let size = me.starting_size(t, landscape);
            for (_, _, lines) in me.cell_lines(t, landscape, size) {
                for cut in words_cut(&lines) {
                    let name = path.file_name().unwrap_or_default().to_string_lossy();
                    cuts.push(format!("{name}: {}: {cut}", t.title));
                }
            }
        }
    }
    assert!(
        cuts.is_empty(),
        "{} cells cut a word:\n{}",
        cuts.len(),
        cuts.join("\n")
    );
}

/// The sample with its first table four times as wide (every column and
/// cell repeated), which fits no upright page; the index of that table.
fn with_a_wide_table() -> (Document, usize) {
    let (_, mut doc) = documents().swap_remove(0);
    let Some(k) = doc.blocks.iter().position(|b| matches!(b, Block::Table(_))) else {
        panic!("the sample has tables");
    };
    if let Block::Table(t) = &mut doc.blocks[k] {
        t.columns = t.columns.repeat(4);
        for row in t.header.iter_mut().chain(t.body.iter_mut()) {
            row.cells = [row.cells.as_slice(); 4].concat();
        }
    }
    (doc, k)
}

/// Whether a page's runs, joined, hold `text`.
fn page_holds(p: &Page, text: &str) -> bool {
    let runs: String = p
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { run, .. } => Some(run.text.as_str()),
            _ => None,
        })
        .collect();
    runs.contains(text)
}

/// Tables are measured in parallel, after the text around them: a heading
/// just before a table that has to be turned is set turned too, on the
/// table's first (landscape) page.
#[test]
fn the_heading_before_a_turned_table_is_turned_with_it() {
    let book = FontBook::new(&FontOptions::default());
    let (doc, k) = with_a_wide_table();
    let Block::Table(t) = &doc.blocks[k] else {
        unreachable!()
    };
    let roles = book.resolve(&doc.fonts);
    let st = Styles::new(&doc, &roles);
    let mut m = Measure::new(&book);
    assert!(Measurer::new(&doc, &mut m, &st).table_landscape(t));
    let heading = doc.blocks[..k]
        .iter()
        .rev()
        .take_while(|b| matches!(b, Block::Heading(_) | Block::TocEntry(_)))
        .find_map(|b| match b {
            Block::Heading(h) => Some(h.text.clone()),
            _ => None,
        });
    let Some(heading) = heading else {
        panic!("a heading goes before the sample's first table");
    };
    let measured = match measure(&doc, &mut m, &st, &HashMap::new(), false) {
        Ok(x) => x.elements,
        Err(e) => panic!("{e}"),
    };
    let at = measured
        .iter()
        .position(|e| matches!(e, Element::Table(tb) if tb.landscape))
        .expect("the wide table is set turned");
    assert!(
        matches!(&measured[at - 1], Element::Flow(f) if f.landscape && f.keep_with_next),
        "the element before the turned table is turned with it"
    );
    let pages = pages(&doc, &book);
    // (The 目录 names it first.)
    let first = pages
        .iter()
        .find(|p| p.kind == PageKind::Body && page_holds(p, &t.title))
        .expect("the table's title is printed");
    assert!(
        first.width > first.height,
        "the table's first page is turned"
    );
    assert!(
        page_holds(first, &heading),
        "{heading} is on the table's page"
    );
}

/// A character no font has, in several blocks: the one said is the first
/// in the document, whether it is in a table (measured in parallel) or in
/// the text around the tables.
#[test]
fn the_first_missing_glyph_said_is_the_first_in_the_document() {
    const NONE: char = '\u{2A6D6}';
    let book = FontBook::new(&FontOptions {
        system: false,
        dirs: Vec::new(),
    });
    let (_, base) = documents().swap_remove(0);
    let tables: Vec<usize> = (0..base.blocks.len())
        .filter(|&i| matches!(base.blocks[i], Block::Table(_)))
        .collect();
    let paragraph = |from: usize| {
        (from..base.blocks.len()).find(|&i| matches!(base.blocks[i], Block::Paragraph(_)))
    };
    let (Some(before), [first, .., last]) = (paragraph(0), tables.as_slice()) else {
        panic!("the sample has paragraphs and tables");
    };
    let after = paragraph(*first).expect("a paragraph after the first table");
    assert!(
        before < *first && after < *last,
        "{before} {first} {after} {last}"
    );
    let said = |spoilt: &[usize]| {
        let mut doc = base.clone();
        for &i in spoilt {
            match &mut doc.blocks[i] {
                Block::Table(t) => t.title.push(NONE),
                Block::Paragraph(p) => p.runs[0].text.push(NONE),
                _ => unreachable!(),
            }
        }
        let roles = book.resolve(&doc.fonts);
        let st = Styles::new(&doc, &roles);
        let mut m = Measure::new(&book);
        match measure(&doc, &mut m, &st, &HashMap::new(), false) {
            Ok(_) => panic!("{spoilt:?}: measured"),
            Err(e) => {
                assert_eq!(e.ch, NONE);
                e.place
            }
        }
    };
    let title = |i: usize| match &base.blocks[i] {
        Block::Table(t) => t.title.clone(),
        _ => unreachable!(),
    };
    assert!(said(&[*first, after]).contains(&title(*first)));
    assert!(said(&[*last, *first]).contains(&title(*first)));
    assert!(!said(&[before, *first]).contains("表格"));
    assert!(!said(&[after, *last]).contains("表格"));
}
