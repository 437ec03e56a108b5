//! The Word document read back: every part parses; its text holds every
//! sentence and figure of the text rendering for the same scope; the
//! 绩效目标表 merges match the tree; bytes are stable; Word features are set.

use crate::common;

use crate::common::{document_of, libreoffice_pdf_text, sample_text, tool_available};
use gongkai::doc::{Block, Document, Table};
use gongkai::render::docx::{Options, Scope, render, scoped_blocks};
use std::io::{Cursor, Read};

fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            assert_eq!(
                f.compression(),
                zip::CompressionMethod::Deflated,
                "{} is deflated",
                f.name().unwrap_or_default()
            );
            let mut b = Vec::new();
            f.read_to_end(&mut b).expect("read");
            (f.name().expect("name").to_string(), b)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    let p = parts(bytes);
    let (_, b) = p
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("part {name}"));
    String::from_utf8(b.clone()).expect("utf-8")
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Paragraph texts of a part, in order.
fn paragraphs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("parses");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name((W, "t")) || n.has_tag_name((W, "tab")))
                .map(|n| {
                    if n.has_tag_name((W, "tab")) {
                        "\t"
                    } else {
                        n.text().unwrap_or("")
                    }
                })
                .collect::<String>()
        })
        .collect()
}

fn sample_docx(options: &Options) -> (Document, Vec<u8>) {
    let doc = document_of(&sample_text());
    let bytes = render(&doc, options).expect("renders");
    (doc, bytes)
}

#[test]
fn every_xml_part_parses() {
    for options in [
        Options::default(),
        Options {
            scope: Scope::Full,
            draft: true,
        },
    ] {
        let (_, bytes) = sample_docx(&options);
        for (name, b) in parts(&bytes) {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let text = String::from_utf8(b).expect("utf-8");
                roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
    }
}

/// The text rendering of the blocks a scope covers.
fn scoped_text(doc: &Document, scope: Scope) -> String {
    let scoped = Document {
        blocks: scoped_blocks(doc, scope).to_vec(),
        ..doc.clone()
    };
    gongkai::render::text::render(&scoped)
}

#[test]
fn the_text_holds_every_sentence_and_figure_of_the_text_rendering() {
    for scope in [Scope::Explanation, Scope::Full] {
        let (doc, bytes) = sample_docx(&Options {
            scope,
            draft: false,
        });
        let ours = paragraphs(&part(&bytes, "word/document.xml")).join("\n");
        let text = scoped_text(&doc, scope);
        let mut checked = 0;
        for line in common::rendered_lines(&text) {
            // Table rows and chart data: each cell on its own; prose: the whole line.
            for piece in line.split('\t').filter(|p| !p.is_empty()) {
                checked += 1;
                assert!(
                    ours.contains(piece),
                    "{scope:?}: missing from the docx: {piece}"
                );
            }
        }
        assert!(
            checked > if scope == Scope::Full { 1200 } else { 500 },
            "{scope:?}: {checked} pieces"
        );
    }
}

#[test]
fn the_explanation_scope_is_part_three_with_forms_and_signature() {
    let (_, bytes) = sample_docx(&Options::default());
    let text = paragraphs(&part(&bytes, "word/document.xml"));
    assert!(
        text.iter()
            .any(|p| p == "第三部分 2024年度单位预算情况说明")
    );
    assert!(
        !text
            .iter()
            .any(|p| p.contains("第二部分") || p.contains("第四部分"))
    );
    assert_eq!(
        text.iter()
            .filter(|p| p.as_str() == "预算部门（单位）项目支出绩效目标表")
            .count(),
        5
    );
    assert!(text.iter().any(|p| p == "2024年4月15日"));
}

/// Each table's cells as (row, col, colspan, rowspan) from gridSpan and vMerge.
fn table_cells(tbl: roxmltree::Node) -> Vec<(usize, usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (r, tr) in tbl
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .enumerate()
    {
        let mut c = 0;
        for tc in tr.children().filter(|n| n.has_tag_name((W, "tc"))) {
            let props = tc.children().find(|n| n.has_tag_name((W, "tcPr")));
            let attr =
                |name: &str| props.and_then(|p| p.children().find(|n| n.has_tag_name((W, name))));
            let span: usize = attr("gridSpan")
                .and_then(|n| n.attribute((W, "val")))
                .and_then(|v| v.parse().ok())
                .unwrap_or(1);
            match attr("vMerge").map(|n| n.attribute((W, "val")).unwrap_or("continue")) {
                Some("continue") => {
                    if let Some(cell) = out.iter_mut().rev().find(|x| x.1 == c) {
                        cell.3 += 1;
                    }
                }
                _ => out.push((r, c, span, 1)),
            }
            c += span;
        }
    }
    out.sort();
    out
}

fn tree_cells(t: &Table) -> Vec<(usize, usize, usize, usize)> {
    let rows: Vec<_> = t.header.iter().chain(&t.body).cloned().collect();
    let mut v: Vec<_> = t
        .grid(&rows)
        .iter()
        .map(|g| (g.row, g.col, g.cell.colspan, g.cell.rowspan))
        .collect();
    v.sort();
    v
}

#[test]
fn table_merges_match_the_document_tree() {
    for scope in [Scope::Explanation, Scope::Full] {
        let (doc, bytes) = sample_docx(&Options {
            scope,
            draft: false,
        });
        let xml = part(&bytes, "word/document.xml");
        let parsed = roxmltree::Document::parse(&xml).expect("parses");
        let mut tbls = parsed.descendants().filter(|n| n.has_tag_name((W, "tbl")));
        let mut forms = 0;
        for block in scoped_blocks(&doc, scope) {
            match block {
                Block::Table(t) => {
                    let tbl = tbls.next().expect("a docx table per tree table");
                    assert_eq!(table_cells(tbl), tree_cells(t), "{scope:?}: {}", t.title);
                    forms += usize::from(t.title.contains("绩效目标表"));
                }
                Block::Chart(_) => {
                    tbls.next().expect("the chart's legend table");
                }
                _ => {}
            }
        }
        assert!(tbls.next().is_none(), "no extra tables");
        assert_eq!(forms, 5);
    }
}

#[test]
fn bytes_are_stable_even_with_several_documents_in_one_process() {
    let options = Options::default();
    let (_, first) = sample_docx(&options);
    // Other documents in between must not shift ids (pictures, bookmarks, paragraphs).
    let _ = sample_docx(&Options {
        scope: Scope::Full,
        draft: true,
    });
    let other = document_of(&sample_text().replace("大同市财政信息中心", "大同市财政培训中心"));
    let _ = render(&other, &options).expect("renders");
    let (_, again) = sample_docx(&options);
    assert!(first == again, "docx bytes differ between renderings");
}

#[test]
fn word_features_are_written() {
    let (_, bytes) = sample_docx(&Options {
        scope: Scope::Full,
        draft: true,
    });
    let styles = part(&bytes, "word/styles.xml");
    for (id, level) in [("Heading1", 0), ("Heading2", 1), ("Heading3", 2)] {
        let at = styles
            .find(&format!("w:styleId=\"{id}\""))
            .expect("heading style");
        let end = at + styles[at..].find("</w:style>").expect("end");
        assert!(
            styles[at..end].contains(&format!("<w:outlineLvl w:val=\"{level}\"")),
            "{id} outline level"
        );
    }
    assert!(styles.contains("w:eastAsia=\"zh-CN\""), "language");
    assert!(
        styles.contains("w:eastAsia=\"仿宋_GB2312\""),
        "body font for Chinese"
    );
    assert!(part(&bytes, "word/settings.xml").contains("<w:updateFields w:val=\"true\""));
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>大同市财政信息中心2024年度单位预算公开</dc:title>"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>大同市财政信息中心</dc:creator>"));
    assert!(core.contains("2024-04-15T00:00:00Z</dcterms:modified>"));
    let doc = part(&bytes, "word/document.xml");
    // 目录: bookmarks, links and PAGEREF fields for every entry.
    let entries = doc.matches("PAGEREF _Toc_").count();
    assert_eq!(
        entries, 33,
        "目录 entries: 4 parts, 2 + 13 + 14 sections and tables"
    );
    assert_eq!(doc.matches("<w:bookmarkStart").count(), entries);
    assert!(doc.contains("<w:tblHeader"), "repeated header rows");
    assert!(doc.contains("w:orient=\"landscape\""), "landscape sections");
    assert!(
        doc.contains("<w:pgNumType w:start=\"1\""),
        "numbering restarts at the body"
    );
    assert!(
        doc.contains("descr=\"一般公共预算当年拨款结构图：一般公共服务支出1031.75万元，占93.71%"),
        "alt text"
    );
    let footer = part(&bytes, "word/footer1.xml");
    assert!(
        footer.contains("PAGE") && footer.contains("- "),
        "footer - N -"
    );
    let header = part(&bytes, "word/header1.xml");
    assert!(header.contains("string=\"仅供内部审核\""), "watermark");
    let (_, plain) = sample_docx(&Options::default());
    assert!(
        !parts(&plain)
            .iter()
            .any(|(n, _)| n.starts_with("word/header")),
        "no watermark without --draft"
    );
}

/// LibreOffice opens the document and prints the narrative figures.
/// `.ci/run` installs LibreOffice and sets GONGKAI_REQUIRE_TOOLS, so there
/// this cannot be skipped.
#[test]
#[cfg_attr(
    gongkai_no_soffice,
    ignore = "需要 LibreOffice（soffice）（.ci/run 会安装）"
)]
fn libreoffice_converts_it() {
    if !tool_available("soffice") {
        return;
    }
    let (_, bytes) = sample_docx(&Options::default());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("情况说明.docx");
    std::fs::write(&path, &bytes).expect("write");
    let text = libreoffice_pdf_text(&path, dir.path()).replace([' ', '\n'], "");
    // Each 绩效 form that fits a page is on one page, and no form's title
    // stands on a page without its table: four of the sample's five fit
    // (the fifth, longer than a page, runs on from under its title).
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let forms: Vec<&&str> = pages
        .iter()
        .filter(|p| p.contains("项目支出绩效目标表"))
        .collect();
    assert_eq!(forms.len(), 5, "a page for each form's start");
    for form in &forms {
        assert!(form.contains("项目名称"), "a form's title alone: {form}");
    }
    let whole = forms.iter().filter(|p| p.contains("填报日期")).count();
    assert_eq!(whole, 4, "forms on one page each");
    for figure in [
        "1,101.04万元",
        "110.28万元",
        "9.10%",
        "221.48万元",
        "20.12%",
        "879.56万元",
        "93.71%",
        "1.60万元",
        "321.72万元",
        "674.21万元",
        "76.65%",
    ] {
        assert!(
            text.contains(figure),
            "{figure} missing from LibreOffice's PDF"
        );
    }
}

#[test]
fn rows_that_share_a_page_keep_with_the_next_in_word() {
    let (doc, bytes) = sample_docx(&Options {
        scope: Scope::Explanation,
        draft: false,
    });
    let xml = part(&bytes, "word/document.xml");
    let parsed = roxmltree::Document::parse(&xml).expect("parses");
    let mut tbls = parsed.descendants().filter(|n| n.has_tag_name((W, "tbl")));
    let mut pairs = Vec::new();
    for block in scoped_blocks(&doc, Scope::Explanation) {
        match block {
            Block::Table(t) => pairs.push((t, tbls.next().expect("a docx table per tree table"))),
            Block::Chart(_) => {
                tbls.next().expect("the chart's legend table");
            }
            _ => {}
        }
    }
    let mut kept_subheads = 0;
    let mut kept_whole = 0;
    for (t, tbl) in &pairs {
        // A form that fits a page keeps every row with the next.
        let together = t.keep_together
            && tbl
                .descendants()
                .filter(|n| n.has_tag_name((W, "tr")))
                .all(|row| {
                    row.descendants().any(|n| n.has_tag_name((W, "keepNext")))
                        || row.next_sibling_element().is_none()
                });
        kept_whole += usize::from(together);
        let keeps = if together {
            t.keeps_together()
        } else {
            t.keeps_with_next()
        };
        let rows: Vec<_> = tbl
            .children()
            .filter(|n| n.has_tag_name((W, "tr")))
            .collect();
        assert_eq!(rows.len(), keeps.len(), "{}", t.title);
        for (k, (row, keep)) in rows.iter().zip(&keeps).enumerate() {
            // Every paragraph of the row says keepNext exactly when the tree does.
            let paras: Vec<_> = row
                .descendants()
                .filter(|n| n.has_tag_name((W, "p")))
                .collect();
            for p in &paras {
                let has = p.descendants().any(|n| n.has_tag_name((W, "keepNext")));
                assert_eq!(has, *keep, "{} row {k}", t.title);
            }
            let text: String = row.descendants().filter_map(|n| n.text()).collect();
            if text.contains("实施期目标") {
                assert!(keep, "the 绩效 sub-header keeps with 总体目标");
                kept_subheads += 1;
            }
        }
    }
    assert_eq!(kept_subheads, 5, "every 绩效目标表's sub-header");
    assert_eq!(kept_whole, 4, "the forms that fit a page kept whole");
}

#[test]
#[cfg_attr(
    gongkai_no_soffice,
    ignore = "需要 LibreOffice（soffice）（.ci/run 会安装）"
)]
fn no_part_title_stands_alone_on_a_page_in_the_full_document() {
    if !tool_available("soffice") {
        return;
    }
    let (doc, bytes) = sample_docx(&Options {
        scope: Scope::Full,
        draft: false,
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("全文.docx");
    std::fs::write(&path, &bytes).expect("write");
    let text = libreoffice_pdf_text(&path, dir.path());
    let parts: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.level == 1 => Some(h.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(parts.len() >= 3, "{parts:?}");
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (i, page) in text.split('\u{c}').enumerate() {
        let lines: Vec<String> = page
            .lines()
            .map(squeeze)
            .filter(|l| !(l.is_empty() || l.starts_with('-') && l.ends_with('-')))
            .collect();
        let alone = lines.len() == 1 && parts.iter().any(|p| squeeze(p) == lines[0]);
        assert!(
            !alone,
            "page {} holds only the part title {:?}",
            i + 1,
            lines[0]
        );
    }
}

#[test]
#[cfg_attr(
    gongkai_no_soffice,
    ignore = "需要 LibreOffice（soffice）（.ci/run 会安装）"
)]
fn codes_and_figures_never_wrap_in_word() {
    if !tool_available("soffice") {
        return;
    }
    // The Shanghai tables give 类, 款 and 项 a narrow column each; Word
    // wrapped “207” digit by digit there.
    let dir = tempfile::tempdir().expect("tempdir");
    common::batch_ok(
        &common::root().join("samples/shanghai-putuo-wenlvju-2026"),
        &dir.path().join("out"),
        "docx",
        &[
            "--docx-scope",
            "full",
            "--layout",
            "shanghai-unit-2026",
            "--department-layout",
            "shanghai-department-2026",
        ],
    );
    let docx = dir
        .path()
        .join("out/上海市普陀区文化和旅游局/上海市普陀区文化和旅游局2026年区级部门预算.docx");
    let text = libreoffice_pdf_text(&docx, dir.path());
    assert!(text.contains("207"), "the function codes are printed");
    // A wrapped code reads as two lines that make a code together (“20”
    // then “7”); a page number stands alone.
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let broken: Vec<String> = lines
        .windows(2)
        .filter(|w| {
            let joined = format!("{}{}", w[0], w[1]);
            !w[0].is_empty()
                && !w[1].is_empty()
                && joined.len() == 3
                && joined.starts_with('2')
                && joined.chars().all(|c| c.is_ascii_digit())
        })
        .map(|w| format!("{}/{}", w[0], w[1]))
        .collect();
    assert!(broken.is_empty(), "codes wrapped: {broken:?}");
}

#[test]
fn the_chart_is_words_own_with_its_data() {
    let (doc, bytes) = sample_docx(&Options::default());
    let Some(chart) = scoped_blocks(&doc, Scope::Explanation)
        .iter()
        .find_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
    else {
        panic!("the sample's explanation has its chart")
    };
    let names: Vec<String> = parts(&bytes).into_iter().map(|(n, _)| n).collect();
    assert!(
        !names.iter().any(|n| n.starts_with("word/media/")),
        "no picture left: {names:?}"
    );
    // The body places chart 1 by its relationship.
    let body = part(&bytes, "word/document.xml");
    assert!(body.contains("<c:chart ") && body.contains("r:id=\"rIdChart1\""));
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains("Id=\"rIdChart1\"") && rels.contains("Target=\"charts/chart1.xml\""));
    assert!(!rels.contains("relationships/image"));
    let types = part(&bytes, "[Content_Types].xml");
    assert!(types.contains("/word/charts/chart1.xml") && types.contains("Extension=\"xlsx\""));
    // A pie with each item's figure cached, in order.
    let xml = part(&bytes, "word/charts/chart1.xml");
    let parsed = roxmltree::Document::parse(&xml).expect("the chart parses");
    const C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    assert!(
        parsed
            .descendants()
            .any(|n| n.has_tag_name((C, "pieChart")))
    );
    let cached = |cache: &str| -> Vec<String> {
        parsed
            .descendants()
            .filter(|n| n.has_tag_name((C, cache)))
            .flat_map(|c| c.descendants().filter(|n| n.has_tag_name((C, "v"))))
            .filter_map(|n| n.text().map(str::to_string))
            .collect()
    };
    let labels: Vec<String> = chart.items.iter().map(|i| i.label.clone()).collect();
    let values: Vec<String> = chart.items.iter().map(|i| i.value.to_string()).collect();
    assert_eq!(cached("numCache"), values);
    assert_eq!(cached("strCache")[1..], labels[..]);
    // The workbook Word opens to edit it holds the same figures as numbers.
    let embedded = parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == "word/embeddings/Microsoft_Excel_Worksheet1.xlsx")
        .map(|(_, b)| b)
        .expect("the embedded workbook");
    use calamine::{Data, Reader, Xlsx};
    let mut wb = Xlsx::new(Cursor::new(embedded)).expect("calamine opens it");
    let range = wb.worksheet_range("Sheet1").expect("Sheet1");
    for (i, item) in chart.items.iter().enumerate() {
        let r = 1 + i as u32;
        assert_eq!(
            range.get_value((r, 0)),
            Some(&Data::String(item.label.clone()))
        );
        let want: f64 = item.value.to_string().parse().expect("a number");
        assert_eq!(range.get_value((r, 1)), Some(&Data::Float(want)));
    }
    assert!(
        part(&bytes, "word/charts/_rels/chart1.xml.rels")
            .contains("Target=\"../embeddings/Microsoft_Excel_Worksheet1.xlsx\"")
    );
}

/// Which blocks the Word explanation holds is the layout set's data
/// (`explanation: true`), not a guess from the signature: marked on the
/// glossary, the Word file holds the glossary; marked nowhere, everything.
#[test]
fn the_explanation_is_what_the_set_marks() {
    use crate::common::{copied_set, edit, ledger_of};
    let set_dir = copied_set("shanxi-unit-2024");
    let layout = set_dir.path().join("layout.yaml");
    let word = |layout_dir: &std::path::Path| {
        let (loaded, ledger) = ledger_of(&sample_text());
        let catalog = gongkai::catalog::Catalog::for_year(loaded.budget.year).expect("catalogue");
        let set = gongkai::layout::LayoutSet::open(&layout_dir.to_string_lossy()).expect("opens");
        let doc =
            gongkai::layout::build(&set, &loaded.budget, &ledger, &catalog).expect("lays out");
        paragraphs(&part(
            &render(&doc, &Options::default()).expect("renders"),
            "word/document.xml",
        ))
    };
    edit(
        &layout,
        "  - include: part3-explanation.yaml\n    explanation: true\n",
        "  - include: part3-explanation.yaml\n",
    );
    edit(
        &layout,
        "  - include: part4-glossary.yaml\n",
        "  - include: part4-glossary.yaml\n    explanation: true\n",
    );
    let text = word(set_dir.path());
    assert!(text.iter().any(|p| p.starts_with("第四部分")), "{text:?}");
    assert!(!text.iter().any(|p| p.starts_with("第三部分")), "{text:?}");
    edit(
        &layout,
        "  - include: part4-glossary.yaml\n    explanation: true\n",
        "  - include: part4-glossary.yaml\n",
    );
    let text = word(set_dir.path());
    for part in ["第一部分", "第二部分", "第三部分", "第四部分"] {
        assert!(text.iter().any(|p| p.starts_with(part)), "{part}: {text:?}");
    }
}
