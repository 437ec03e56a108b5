//! The workbook read back with calamine: every cell and merge of every sheet
//! against the document tree; the reference's 237 figures in place; text that
//! looks like a formula stays text; identical bytes run to run; print setup.

use crate::common::{TABLE_DIFFERENCES, document_of, reference_text, row_key, sample_text};
use calamine::{Data, Reader, Xlsx};
use gongkai::doc::{Block, CellContent, Document, Table};
use std::collections::BTreeSet;
use std::io::Cursor;

fn workbook(doc: &Document) -> (Vec<u8>, Xlsx<Cursor<Vec<u8>>>) {
    let bytes = gongkai::render::xlsx::render(doc).expect("renders");
    let wb = Xlsx::new(Cursor::new(bytes.clone())).expect("calamine opens it");
    (bytes, wb)
}

/// The XML of one part of the package.
fn part(bytes: &[u8], name: &str) -> String {
    crate::common::zip_part_of(bytes, name)
}

/// Sheets in workbook order paired with the blocks they show.
fn sheets<'d>(doc: &'d Document, wb: &Xlsx<Cursor<Vec<u8>>>) -> Vec<(String, &'d Block)> {
    let blocks: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_) | Block::Chart(_)))
        .collect();
    let names = wb.sheet_names();
    assert_eq!(names.len(), blocks.len(), "one sheet per table and chart");
    names.into_iter().zip(blocks).collect()
}

/// First sheet row of a table's header: caption, title, subtitle, unit line above it.
fn header_row(t: &Table) -> u32 {
    let unit_line = t.unit_name.is_some() || t.unit.is_some();
    [t.caption.is_some(), true, t.subtitle.is_some(), unit_line]
        .iter()
        .filter(|&&b| b)
        .count() as u32
}

fn show(d: Option<&Data>) -> String {
    match d {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => format!("{f}"),
        Some(other) => format!("{other:?}"),
    }
}

#[test]
fn every_cell_and_merge_matches_the_document_tree() {
    let doc = document_of(&sample_text());
    let (_, mut wb) = workbook(&doc);
    let mut tables = 0;
    for (name, block) in sheets(&doc, &wb) {
        let Block::Table(t) = block else { continue };
        tables += 1;
        let range = wb.worksheet_range(&name).expect("sheet");
        let top = header_row(t);
        let title_row = top
            - 1
            - u32::from(t.unit_name.is_some() || t.unit.is_some())
            - u32::from(t.subtitle.is_some());
        assert_eq!(
            show(range.get_value((title_row, 0))),
            t.title,
            "{name}: title"
        );
        let last_col = t.width() as u32 - 1;
        let mut expected_merges: BTreeSet<(u32, u32, u32, u32)> = BTreeSet::new();
        if last_col > 0 {
            expected_merges.insert((title_row, 0, title_row, last_col));
        }
        for (rows, first) in [(&t.header, top), (&t.body, top + t.header.len() as u32)] {
            let grid = t.grid(rows);
            let mut seen = vec![vec![false; t.width()]; rows.len()];
            for g in &grid {
                let (r, c) = (first + g.row as u32, g.col as u32);
                let got = range.get_value((r, c));
                match &g.cell.content {
                    CellContent::Empty => assert!(
                        matches!(got, None | Some(Data::Empty)),
                        "{name} ({r},{c}) should be blank: {got:?}"
                    ),
                    CellContent::Text(s) => {
                        assert_eq!(got, Some(&Data::String(s.clone())), "{name} ({r},{c})")
                    }
                    CellContent::Number { value, .. } => {
                        let want: f64 = value.to_string().parse().expect("number");
                        assert_eq!(
                            got,
                            Some(&Data::Float(want)),
                            "{name} ({r},{c}) must be a real number"
                        )
                    }
                }
                if g.cell.rowspan > 1 || g.cell.colspan > 1 {
                    expected_merges.insert((
                        r,
                        c,
                        r + g.cell.rowspan as u32 - 1,
                        c + g.cell.colspan as u32 - 1,
                    ));
                }
                for line in seen.iter_mut().skip(g.row).take(g.cell.rowspan) {
                    for s in &mut line[g.col..g.col + g.cell.colspan] {
                        *s = true;
                    }
                }
            }
            // Positions a span covers hold nothing of their own.
            for (ri, line) in seen.iter().enumerate() {
                assert!(
                    line.iter().all(|&s| s),
                    "{name}: row {ri} is not fully covered by its cells"
                );
            }
        }
        let merges: BTreeSet<(u32, u32, u32, u32)> = wb
            .merge_cells_by_sheet_name(&name)
            .expect("merges")
            .into_iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect();
        for m in &expected_merges {
            assert!(
                merges.contains(m),
                "{name}: merge {m:?} missing; have {merges:?}"
            );
        }
        let body_end = top + (t.header.len() + t.body.len()) as u32;
        for m in &merges {
            let in_table = m.0 >= top && m.0 < body_end;
            if in_table {
                assert!(
                    expected_merges.contains(m),
                    "{name}: unexpected merge {m:?}"
                );
            }
        }
        if let Some(note) = &t.note {
            assert_eq!(show(range.get_value((body_end, 0))), *note, "{name}: note");
        }
    }
    assert_eq!(tables, 18, "13 tables and 5 绩效目标表");
}

#[test]
fn the_reference_figures_are_in_the_right_sheet_row_and_column() {
    let doc = document_of(&sample_text());
    let (_, mut wb) = workbook(&doc);
    let tables: Vec<(String, Table)> = sheets(&doc, &wb)
        .into_iter()
        .filter_map(|(n, b)| match b {
            Block::Table(t) => Some((n, (**t).clone())),
            _ => None,
        })
        .collect();
    let reference = reference_text();
    let start = reference.find("## 第二部分").expect("part two");
    let end = reference.find("### 第三部分").expect("part three");
    let is_figure = |s: &str| {
        let (i, f) = s.split_once('.').unwrap_or(("", ""));
        !i.is_empty()
            && i.chars().all(|c| c.is_ascii_digit())
            && f.len() == 2
            && f.chars().all(|c| c.is_ascii_digit())
    };
    let mut current: Option<usize> = None;
    let mut found = 0;
    for line in reference[start..end].lines() {
        let bare = line.trim_start_matches('#').trim();
        if let Some(i) = tables.iter().position(|(_, t)| t.title == bare) {
            current = Some(i);
            continue;
        }
        if !line.contains('\t') {
            continue;
        }
        let mut key = row_key(line);
        if let Some((_, ours, _)) = TABLE_DIFFERENCES.iter().find(|(r, _, _)| *r == key) {
            key = ours.to_string();
        }
        let cells: Vec<&str> = key.split('\t').collect();
        let figures = cells.iter().filter(|c| is_figure(c)).count();
        if figures == 0 {
            continue;
        }
        let (name, t) = &tables[current.expect("a table title before its rows")];
        let range = wb.worksheet_range(name).expect("sheet");
        let top = header_row(t);
        let rows = top..top + (t.header.len() + t.body.len()) as u32;
        let hit = rows.clone().find(|&r| {
            cells.iter().enumerate().all(|(c, want)| {
                let got = range.get_value((r, c as u32));
                match got {
                    Some(Data::Float(f)) => format!("{f:.2}") == *want,
                    other => show(other) == *want,
                }
            })
        });
        assert!(hit.is_some(), "row not found in sheet {name}: {key:?}");
        found += figures;
    }
    assert_eq!(found, 237, "every figure of the reference's tables");
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let names = ["=cmd|' /C calc'!A0", "@SUM(A1)", "=1+1", "+1-2"];
    let mut yaml = sample_text();
    for (i, n) in names.iter().enumerate() {
        let old = [
            "QT专项人员事务经费",
            "J事业运转工作经费",
            "Z培训经费",
            "J残疾人保障金",
        ][i];
        yaml = yaml.replace(&format!("名称: {old},"), &format!("名称: \"{}\",", n));
    }
    let doc = document_of(&yaml);
    let (bytes, mut wb) = workbook(&doc);
    let name = wb
        .sheet_names()
        .into_iter()
        .find(|n| n.starts_with("表十二"))
        .expect("表十二");
    let range = wb.worksheet_range(&name).expect("sheet");
    for n in names {
        assert!(
            range
                .cells()
                .any(|(_, _, d)| *d == Data::String(n.to_string())),
            "{n} should be a string cell"
        );
    }
    let formulas = wb.worksheet_formula(&name).expect("formulas");
    assert!(
        formulas.cells().all(|(_, _, f)| f.is_empty()),
        "no formulas at all"
    );
    assert!(!part(&bytes, "xl/worksheets/sheet12.xml").contains("<f>"));
}

#[test]
fn two_renderings_are_byte_identical() {
    let doc = document_of(&sample_text());
    let a = gongkai::render::xlsx::render(&doc).expect("renders");
    let b = gongkai::render::xlsx::render(&document_of(&sample_text())).expect("renders");
    assert!(a == b, "xlsx bytes differ between runs");
}

#[test]
fn properties_print_setup_and_chart() {
    let doc = document_of(&sample_text());
    let (bytes, wb) = workbook(&doc);
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>大同市财政信息中心2024年度单位预算公开</dc:title>"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>大同市财政信息中心</dc:creator>"));
    assert!(
        core.contains("2024-04-15T00:00:00Z"),
        "creation time is the document's date: {core}"
    );

    // 表一 is landscape, A4, one page wide, numbered per sheet, header frozen and repeated.
    let s1 = part(&bytes, "xl/worksheets/sheet1.xml");
    for want in [
        "paperSize=\"9\"",
        "orientation=\"landscape\"",
        "fitToHeight=\"0\"",
        "useFirstPageNumber=\"1\"",
        "<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>",
        "state=\"frozen\"",
    ] {
        assert!(s1.contains(want), "sheet1 lacks {want}");
    }
    let book = part(&bytes, "xl/workbook.xml");
    assert!(
        book.contains("_xlnm.Print_Titles"),
        "header rows repeat when printed"
    );
    assert!(
        !part(&bytes, "xl/worksheets/sheet3.xml").contains("orientation=\"landscape\""),
        "表三 is portrait"
    );

    // Widths fit Chinese text: 表二's name column holds a 16-character 科目名称.
    let s2 = part(&bytes, "xl/worksheets/sheet2.xml");
    let width = s2
        .split("<col ")
        .find(|c| c.contains("min=\"2\""))
        .and_then(|c| c.split("width=\"").nth(1))
        .and_then(|w| w.split('"').next())
        .and_then(|w| w.parse::<f64>().ok())
        .expect("column B width");
    assert!(width >= 34.0, "column B is {width} wide");

    // The chart sheet: data and a native pie chart.
    let names = wb.sheet_names();
    let chart_sheet = names
        .iter()
        .position(|n| n.contains("拨款结构图"))
        .expect("chart sheet");
    let drawing = part(&bytes, "xl/charts/chart1.xml");
    assert!(drawing.contains("<c:pieChart>"), "a native pie chart");
    // The title is in the sheet's first row once; the chart shows none.
    assert!(
        drawing.contains("<c:autoTitleDeleted val=\"1\"/>") && !drawing.contains("<c:title>"),
        "the chart repeats the title: {drawing}"
    );
    let sheet = &names[chart_sheet];
    assert!(
        drawing.contains(&format!("{sheet}!$B$4:$B$7"))
            || drawing.contains(&format!("'{sheet}'!$B$4:$B$7")),
        "values from its sheet"
    );
    let names_unique: BTreeSet<&String> = names.iter().collect();
    assert_eq!(names_unique.len(), names.len());
    assert!(names.iter().all(|n| n.chars().count() <= 31));
}

#[test]
fn the_chart_shares_are_numbers() {
    let doc = document_of(&sample_text());
    let (_, mut wb) = workbook(&doc);
    let name = wb
        .sheet_names()
        .into_iter()
        .find(|n| n.contains("拨款结构图"))
        .expect("chart sheet");
    let range = wb.worksheet_range(&name).expect("sheet");
    assert_eq!(show(range.get_value((2, 2))), "占比");
    // 一般公共服务支出 is 93.71% of the 拨款, as the narrative says.
    assert_eq!(range.get_value((3, 2)), Some(&Data::Float(0.9371)));
    let shares: Vec<f64> = (3..7)
        .map(|r| match range.get_value((r, 2)) {
            Some(Data::Float(f)) => *f,
            other => panic!("row {r}: the share is not a number: {other:?}"),
        })
        .collect();
    let sum: f64 = shares.iter().sum();
    assert!((sum - 1.0).abs() < 0.001, "the shares sum to {sum}");
}

#[test]
#[cfg_attr(
    any(gongkai_no_soffice, gongkai_no_py_fitz),
    ignore = "需要 LibreOffice（soffice）和 Python 的 PyMuPDF（.ci/run 会安装）"
)]
fn printed_titles_and_unit_lines_are_whole_and_each_form_is_one_page() {
    if !crate::common::tool_available("soffice") {
        return;
    }
    let doc = document_of(&sample_text());
    let (bytes, _) = workbook(&doc);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("公开表.xlsx");
    std::fs::write(&path, &bytes).expect("write");
    let text = crate::common::libreoffice_pdf_text(&path, dir.path());
    let pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    // A title or unit line cut off at its merged cells' edge prints
    // without its ends (“024年…”, “单位名称：大同市财政”).
    for block in &doc.blocks {
        let Block::Table(t) = block else { continue };
        let title: String = t.title.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            pages.iter().any(|p| p.contains(&title)),
            "the title “{title}” is printed whole"
        );
    }
    let unit_line = "单位名称：大同市财政信息中心";
    let with_unit = pages.iter().filter(|p| p.contains("单位名称：")).count();
    let whole = pages.iter().filter(|p| p.contains(unit_line)).count();
    assert!(with_unit >= 13, "{with_unit} pages with a unit line");
    assert_eq!(whole, with_unit, "every unit line is whole");
    // LibreOffice drops what a cell's edge cuts off whole, and draws a
    // glyph it cuts in part past the table's rules: none may be.
    let python = crate::common::python_with("fitz").expect("Python with PyMuPDF");
    let pdf = dir.path().join("converted/公开表.pdf");
    let report =
        crate::common::python_report(&python, "clipped_text.py", &[pdf.as_path()], "CLIPPED ");
    let clipped: Vec<String> = report
        .as_object()
        .expect("by file")
        .values()
        .flat_map(|v| v.as_array().cloned().unwrap_or_default())
        .map(|v| v.to_string())
        .collect();
    assert!(clipped.is_empty(), "cut off when printed: {clipped:?}");
    let forms: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains("项目支出绩效目标表"))
        .collect();
    assert_eq!(forms.len(), 5);
    for form in forms {
        assert!(form.contains("填报日期"), "a form runs onto a second page");
    }
}

/// Column widths of a sheet's XML: (first, last, width) of each `<col>`.
fn column_widths(sheet_xml: &str) -> Vec<(u32, u32, f64)> {
    let doc = roxmltree::Document::parse(sheet_xml).expect("the sheet parses");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "col")
        .filter_map(|n| {
            Some((
                n.attribute("min")?.parse().ok()?,
                n.attribute("max")?.parse().ok()?,
                n.attribute("width")?.parse().ok()?,
            ))
        })
        .collect()
}

#[test]
fn every_code_and_figure_fits_its_column_whole() {
    // A figure wider than its column prints as ####; a code wraps in two.
    let doc = document_of(&sample_text());
    let (bytes, wb) = workbook(&doc);
    let mut checked = 0;
    for (k, (name, block)) in sheets(&doc, &wb).into_iter().enumerate() {
        let Block::Table(t) = block else { continue };
        let widths = column_widths(&part(&bytes, &format!("xl/worksheets/sheet{}.xml", k + 1)));
        let width_of = |col: usize| {
            let c = col as u32 + 1;
            widths
                .iter()
                .find(|(a, b, _)| (*a..=*b).contains(&c))
                .map_or(8.43, |w| w.2)
        };
        for rows in [&t.header, &t.body] {
            for g in t.grid(rows) {
                let text = g.cell.text();
                let solid = !text.is_empty() && text.chars().all(|c| c.is_ascii() && c != ' ');
                if g.cell.colspan == 1 && solid {
                    checked += 1;
                    let need = text.chars().count() as f64 + 1.0;
                    assert!(
                        width_of(g.col) >= need,
                        "{name}: “{text}” in column {} of width {}",
                        g.col + 1,
                        width_of(g.col)
                    );
                }
            }
        }
    }
    assert!(checked > 200, "{checked} codes and figures");
}
