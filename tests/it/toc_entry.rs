//! A 目录 entry without a body heading (`toc_entry`): listed in the 目录 of
//! the text, the PDF and Word, with the page of what follows it, and in the
//! PDF outline; the body prints no heading for it.

use crate::common::{
    SAMPLE, as_str, copied_set, edit, gongkai, output_file, pdf_outline, zip_part,
};

const PART: &str = "第二部分 2024年单位预算报表";

/// The sample built with the unit set whose part 2 heading is a bare 目录 entry.
fn built() -> (tempfile::TempDir, tempfile::TempDir) {
    let set = copied_set("shanxi-unit-2024");
    edit(
        &set.path().join("layout.yaml"),
        "  - heading: { level: 1, text: \"第二部分 {{ year }}年{{ vars.entity }}预算报表\" }",
        "  - toc_entry: { level: 1, text: \"第二部分 {{ year }}年{{ vars.entity }}预算报表\" }",
    );
    let out = tempfile::tempdir().expect("tempdir");
    let o = gongkai(&[
        "build",
        SAMPLE,
        "-o",
        as_str(out.path()),
        "--format",
        "txt,pdf,docx",
        "--docx-scope",
        "full",
        "--layout",
        as_str(set.path()),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (set, out)
}

#[test]
fn the_entry_is_in_every_toc_and_the_body_has_no_heading() {
    let (_set, out) = built();
    let text = std::fs::read_to_string(output_file(out.path(), ".txt")).expect("txt");
    let toc = &text[..text.find("## 第一部分").expect("part 1")];
    assert!(toc.contains(&format!("\n{PART}\n  表一")), "{toc}");
    assert!(!text.contains(&format!("## {PART}")));
    assert!(!text[toc.len()..].contains(PART));

    // The PDF outline points the entry at table 1's page.
    let pdf = lopdf::Document::load(output_file(out.path(), ".pdf")).expect("lopdf");
    let outline = pdf_outline(&pdf);
    let page_of = |title: &str| {
        outline
            .iter()
            .find(|(_, t, _, _)| t.starts_with(title))
            .unwrap_or_else(|| panic!("{title} in {outline:?}"))
            .2
    };
    assert_eq!(page_of(PART), page_of("表一"));
    let part = outline
        .iter()
        .find(|(_, t, _, _)| t == PART)
        .expect("entry");
    assert_eq!(part.0, 0, "a part-level entry");

    // Word: the 目录 links to a bookmark on table 1's first paragraph (its caption).
    let docx = output_file(out.path(), "预算公开.docx");
    let xml = zip_part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("xml");
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let link = doc
        .descendants()
        .find(|n| {
            n.has_tag_name((w, "hyperlink")) && n.descendants().any(|t| t.text() == Some(PART))
        })
        .expect("a 目录 link");
    let anchor = link.attribute((w, "anchor")).expect("anchor");
    let marked = doc
        .descendants()
        .find(|n| n.has_tag_name((w, "bookmarkStart")) && n.attribute((w, "name")) == Some(anchor))
        .expect("its bookmark");
    let paragraph = marked
        .ancestors()
        .find(|n| n.has_tag_name((w, "p")))
        .expect("in a paragraph");
    let words: String = paragraph
        .descendants()
        .filter(|n| n.has_tag_name((w, "t")))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(words, "预算公开表1");
}
