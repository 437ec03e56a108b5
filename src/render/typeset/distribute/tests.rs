//! Each pagination rule on tiny hand-built documents: pieces of known
//! heights, one text item each so that where they went can be read back.

use super::*;
use crate::render::typeset::boxes::{Element, Flow, Frag, Furniture, TableBox};
use crate::render::typeset::page::{Geometry, Item, Page, PageKind, Run, Sheets};

/// A page whose text area is 100 points tall (and as wide).
fn geometry(landscape: bool) -> Geometry {
    let (w, h) = if landscape {
        (180.0, 140.0)
    } else {
        (140.0, 140.0)
    };
    Geometry {
        width: w,
        height: h,
        top: 20.0,
        bottom: 20.0,
        left: 20.0,
        right: 20.0,
    }
}

fn sheets() -> Sheets {
    Sheets {
        portrait: geometry(false),
        landscape: geometry(true),
    }
}

/// A piece `h` tall whose only item is a run reading `label`.
fn piece(label: &str, h: f32) -> Frag {
    Frag::new(
        h,
        vec![Item::Text {
            x: 0.0,
            y: h / 2.0,
            run: Box::new(Run {
                face: fontdb::ID::dummy(),
                text: label.to_string(),
                size: 10.0,
                bold: false,
                width: 10.0,
                kerns: Vec::new(),
            }),
            fake_bold: false,
            watermark: false,
        }],
    )
}

fn flow(prefix: &str, lines: usize, h: f32) -> Element {
    Element::Flow(Flow {
        landscape: false,
        parts: (0..lines)
            .map(|i| piece(&format!("{prefix}{i}"), h))
            .collect(),
        min_split: 2,
        keep_with_next: false,
    })
}

fn heading(label: &str) -> Element {
    Element::Flow(Flow {
        landscape: false,
        parts: vec![piece(label, 10.0)],
        min_split: 1,
        keep_with_next: true,
    })
}

/// A table: a 10-point head, a 5-point header and `rows` rows of 5 points.
fn table(rows: usize, landscape: bool) -> Element {
    Element::Table(TableBox {
        landscape,
        head: piece("title", 10.0),
        header: piece("header", 5.0),
        continued: piece("续表", 5.0),
        groups: (0..rows)
            .map(|i| (piece(&format!("r{i}"), 5.0), 1))
            .collect(),
        note: None,
        space_after: 0.0,
    })
}

fn lay(elements: &[Element]) -> Vec<Page> {
    distribute(elements, sheets(), &Furniture::default())
}

/// The labels on each page, in order.
fn labels(pages: &[Page]) -> Vec<Vec<String>> {
    pages
        .iter()
        .map(|p| {
            p.items
                .iter()
                .filter_map(|i| match i {
                    Item::Text { run, .. } => Some(run.text.clone()),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_heading_goes_to_the_page_of_what_follows() {
    // 85 points of text leave 15: the heading fits, its paragraph does not.
    let pages = lay(&[flow("a", 17, 5.0), heading("H"), flow("b", 4, 10.0)]);
    let l = labels(&pages);
    assert_eq!(l.len(), 2);
    assert!(!l[0].contains(&"H".to_string()), "{l:?}");
    assert_eq!(l[1][0], "H");
}

#[test]
fn a_heading_stays_with_a_paragraph_that_cannot_split() {
    // 70 points used of 100; the heading (10) and two lines would fit, but
    // the paragraph has three lines and two must stay on each side: it
    // goes whole to the next page, and the heading with it.
    let pages = lay(&[flow("a", 7, 10.0), heading("H"), flow("b", 3, 10.0)]);
    let l = labels(&pages);
    assert_eq!(l[0].last().map(String::as_str), Some("a6"), "{l:?}");
    assert_eq!(l[1], ["H", "b0", "b1", "b2"], "{l:?}");
}

#[test]
fn four_lines_split_two_and_two_under_their_heading() {
    // 60 points used, room for the heading and three lines of four: the
    // paragraph splits 2 + 2 and the heading keeps two lines under it.
    let pages = lay(&[flow("a", 6, 10.0), heading("H"), flow("b", 4, 10.0)]);
    let l = labels(&pages);
    assert_eq!(l[0][6..], ["H", "b0", "b1"], "{l:?}");
    assert_eq!(l[1], ["b2", "b3"], "{l:?}");
}

#[test]
fn a_paragraph_leaves_no_single_line_at_either_edge() {
    // 90 points used: one more line would fit, but the paragraph has three.
    let pages = lay(&[flow("a", 9, 10.0), flow("b", 3, 10.0)]);
    let l = labels(&pages);
    assert_eq!(l[1], ["b0", "b1", "b2"], "{l:?}");
    // Five lines with room for four: two go over, not one.
    let pages = lay(&[flow("a", 6, 10.0), flow("b", 5, 10.0)]);
    let l = labels(&pages);
    assert_eq!(l[1], ["b3", "b4"], "{l:?}");
}

#[test]
fn a_table_that_fits_on_a_page_is_not_split() {
    // 60 points of text; the 55-point table would fit only split.
    let pages = lay(&[flow("a", 6, 10.0), table(8, false)]);
    assert_eq!(pages[1].tables.len(), 1);
    assert_eq!(pages[1].tables[0].rows, 8);
    assert!(pages[0].tables.is_empty());
}

#[test]
fn a_title_and_header_never_end_a_page_without_three_rows() {
    // 75 points used: the head and header (15) and two rows would fit.
    let pages = lay(&[flow("a", 15, 5.0), table(30, false)]);
    assert!(pages[0].tables.is_empty(), "{:?}", pages[0].tables);
    assert_eq!(labels(&pages)[1][0], "title");
    // 60 points used: three rows fit under the head, so the table starts.
    let pages = lay(&[flow("a", 6, 10.0), table(30, false)]);
    assert!(pages[0].tables[0].rows >= MIN_ROWS);
}

#[test]
fn continuation_pages_repeat_the_header_and_hold_three_rows() {
    // 17 rows on the first page (85 points), 18 on each following one: 36
    // rows would leave one for the last page; two move over with it.
    let pages = lay(&[table(36, false)]);
    let rows: Vec<usize> = pages
        .iter()
        .flat_map(|p| &p.tables)
        .map(|s| s.rows)
        .collect();
    assert_eq!(rows.iter().sum::<usize>(), 36);
    assert!(rows.iter().all(|r| *r >= MIN_ROWS), "{rows:?}");
    let l = labels(&pages);
    assert_eq!(l[1][..2], ["续表".to_string(), "header".to_string()]);
    assert!(
        pages
            .last()
            .is_some_and(|p| p.tables[0].ends && p.tables[0].continued)
    );
}

#[test]
fn heading_with_a_table_that_fits_only_without_it_shares_the_page() {
    // The table (95 points) fits a page, but not under its heading (10):
    // it is split rather than leave the heading alone.
    let pages = lay(&[heading("H"), table(16, false)]);
    let l = labels(&pages);
    assert_eq!(l[0][..2], ["H".to_string(), "title".to_string()], "{l:?}");
    assert!(pages[1].tables[0].rows >= MIN_ROWS);
}

#[test]
fn a_landscape_table_gets_a_landscape_page_and_text_after_it_a_portrait_one() {
    let pages = lay(&[flow("a", 2, 10.0), table(3, true), flow("b", 2, 10.0)]);
    let turned: Vec<bool> = pages.iter().map(Page::landscape).collect();
    assert_eq!(turned, [false, true, false]);
}

#[test]
fn split_rows_moves_rows_forward_so_the_last_page_is_not_a_stub() {
    let g = vec![(10.0, 1); 12];
    // 50 points first, 50 after: 5 + 5 + 2 becomes 5 + 4 + 3.
    let chunks = split_rows(&g, 50.0, 50.0, 0.0);
    let sizes: Vec<usize> = chunks.iter().map(|r| r.len()).collect();
    assert_eq!(sizes, [5, 4, 3]);
    // A group of rows joined by a span moves as one.
    let g = vec![
        (10.0, 1),
        (10.0, 1),
        (10.0, 1),
        (10.0, 1),
        (20.0, 2),
        (10.0, 1),
    ];
    let chunks = split_rows(&g, 50.0, 50.0, 0.0);
    let rows: Vec<usize> = chunks
        .iter()
        .map(|r| g[r.clone()].iter().map(|x| x.1).sum())
        .collect();
    assert_eq!(rows.iter().sum::<usize>(), 7);
    assert!(rows.iter().all(|r| *r >= MIN_ROWS), "{rows:?}");
}

#[test]
fn the_note_stays_with_the_last_rows() {
    let chunks = split_rows(&[(10.0, 1); 10], 100.0, 100.0, 10.0);
    assert_eq!(chunks.iter().map(|r| r.len()).collect::<Vec<_>>(), [7, 3]);
}

#[test]
fn body_pages_are_numbered_from_one_and_carry_the_watermark_first() {
    let mut furniture = Furniture {
        footer: "- {page} -".into(),
        footer_glyphs: "- 0123456789"
            .chars()
            .map(|c| {
                let Item::Text { run, .. } = piece(&c.to_string(), 1.0).items.remove(0) else {
                    unreachable!()
                };
                (c, *run)
            })
            .collect(),
        footer_y: 18.0,
        watermark: Vec::new(),
    };
    furniture.watermark = piece("仅供内部审核", 0.0).items;
    let pages = distribute(
        &[
            Element::NewPage(PageKind::Toc),
            flow("t", 1, 10.0),
            Element::Break,
            flow("a", 30, 10.0),
        ],
        sheets(),
        &furniture,
    );
    let l = labels(&pages);
    assert_eq!(pages[0].number, None, "the 目录 has no number");
    assert_eq!(
        pages.iter().filter_map(|p| p.number).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(l.iter().all(|p| p[0] == "仅供内部审核"));
    assert_eq!(l[1][l[1].len() - 5..].concat(), "- 1 -");
}
