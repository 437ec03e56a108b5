//! Page structure as layout data (issue 36, item 2): a set may start every
//! table on a new page (`table_page_break: before`), a table may say
//! otherwise for itself (`page_break: none` / `before`), and a part with
//! nothing to say is left out with its 目录 entry.

use crate::common::{as_str, build_ok, copied_set, edit, root, sample_text, temp_file};
use gongkai::doc::{Block, Document};
use std::path::Path;

const LIBRARY: &str = "samples/shanghai-putuo-wenlvju-2026/05-图书馆.yaml";

fn document(file: &Path, set: &str) -> Document {
    let loaded = gongkai::load::load_file(file).expect("loads");
    let catalog = gongkai::catalog::Catalog::for_year(loaded.budget.year).expect("catalogue");
    let ledger = gongkai::compute::compute(&loaded.budget, &catalog);
    let set = gongkai::layout::LayoutSet::open(set).expect("opens");
    gongkai::layout::build(&set, &loaded.budget, &ledger, &catalog).expect("lays out")
}

/// For each table, whether a page starts right above it (only headings and
/// 目录 anchors between).
fn tables_on_new_pages(doc: &Document) -> Vec<bool> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if !matches!(b, Block::Table(_)) {
            continue;
        }
        let above = doc.blocks[..i]
            .iter()
            .rev()
            .find(|b| !matches!(b, Block::Heading(_) | Block::TocEntry(_)));
        out.push(matches!(above, Some(Block::PageBreak)));
    }
    out
}

#[test]
fn the_shanghai_set_starts_every_table_on_a_new_page() {
    let doc = document(&root().join(LIBRARY), "shanghai-unit-2026");
    assert_eq!(tables_on_new_pages(&doc), vec![true; 9]);
    // Never two breaks in a row: no blank page.
    assert!(
        !doc.blocks
            .windows(2)
            .any(|w| matches!(w, [Block::PageBreak, Block::PageBreak]))
    );
}

/// The printed pages: no page of the Shanghai PDF holds two of the nine
/// tables' titles.
#[test]
#[cfg_attr(
    gongkai_no_pdftotext,
    ignore = "需要 poppler-utils 的 pdftotext（.ci/run 会安装）"
)]
fn no_page_of_the_shanghai_pdf_holds_two_tables() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = root().join(LIBRARY);
    build_ok(
        as_str(&file),
        dir.path(),
        "pdf",
        &["--layout", "shanghai-unit-2026", "--no-system-fonts"],
    );
    let pdf = crate::common::output_file(dir.path(), ".pdf");
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    let mut tables_seen = 0;
    for (n, page) in text.split('\u{c}').enumerate() {
        let titles = page
            .lines()
            .filter(|l| l.trim().starts_with("2026年单位") && l.trim().ends_with("表"))
            .count();
        assert!(titles <= 1, "page {} holds {titles} tables:\n{page}", n + 1);
        tables_seen += titles;
    }
    assert_eq!(tables_seen, 9, "{text}");
}

/// On a copy of the Shanxi set: declared for the set, every table starts a
/// page; a table's own `page_break: none` keeps it where it falls; a value
/// neither word names is refused at its line.
#[test]
fn a_sets_page_break_and_a_tables_own() {
    let set = copied_set("shanxi-unit-2024");
    let layout = set.path().join("layout.yaml");
    edit(
        &layout,
        "document:\n",
        "table_page_break: before\n\ndocument:\n",
    );
    let (_d, file) = temp_file("单位.yaml", sample_text().as_bytes());
    let doc = document(&file, as_str(set.path()));
    let breaks = tables_on_new_pages(&doc);
    // 13 tables and the 5 绩效目标表.
    assert_eq!(breaks.len(), 18);
    assert!(breaks.iter().all(|b| *b), "{breaks:?}");
    // The part title above 表一 goes to the new page with it.
    let first = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Table(_)))
        .expect("a table");
    assert!(matches!(&doc.blocks[first - 1], Block::Heading(h) if h.text.starts_with("第二部分")));
    edit(
        &set.path().join("tables/02-revenue.yaml"),
        "- table:\n",
        "- table:\n    page_break: none\n",
    );
    let doc = document(&file, as_str(set.path()));
    let breaks = tables_on_new_pages(&doc);
    assert_eq!(breaks.iter().filter(|b| !**b).count(), 1, "{breaks:?}");
    assert!(!breaks[1], "{breaks:?}");
    // A misspelt value: the set is refused at its line.
    edit(
        &layout,
        "table_page_break: before",
        "table_page_break: after",
    );
    let said = crate::common::set_refused_at(set.path(), |l| l.starts_with("table_page_break"));
    assert!(
        said.contains("table_page_break：未知的取值 `after`（可用 none、before）"),
        "{said}"
    );
}

/// A part with nothing to say is left out with its 目录 entry: the
/// Shanghai set's 七、项目经费情况说明 for a unit whose projects have no
/// 项目概述, where it used to print a page holding one sentence.
#[test]
fn a_part_with_nothing_to_say_is_left_out_with_its_contents_entry() {
    let culture = root().join("samples/shanghai-putuo-wenlvju-2026/04-文化馆.yaml");
    let text = std::fs::read_to_string(&culture).expect("read");
    assert!(!text.contains("项目概述"), "the sample has no 项目概述 now");
    let doc = document(&culture, "shanghai-unit-2026");
    let txt = gongkai::render::text::render(&doc);
    assert!(!txt.contains("项目经费情况说明"), "{txt}");
    assert!(!txt.contains("没有需要单独说明经费情况的项目"), "{txt}");
    // The centre's project has 项目概述: its part 七 and its entry stay.
    let centre = root().join("samples/shanghai-putuo-wenlvju-2026/03-文旅发展管理中心.yaml");
    let centre = gongkai::render::text::render(&document(&centre, "shanghai-unit-2026"));
    assert!(centre.contains("七、项目经费情况说明"), "目录: {centre}");
    assert!(
        centre.contains("项目经费情况说明\n\n#### 一、项目概述"),
        "{centre}"
    );
}
