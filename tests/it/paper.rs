//! The sheet is layout data (`page.paper`): the PDF's and OFD's pages, the
//! Word document's sections and the workbook's print setup all take it from
//! the set; a name gongkai does not know is refused at its line.

use crate::common::{
    SAMPLE, as_str, build_with_layout, copied_set, edit, line_in_file, output_file, zip_part,
};

const PT_PER_MM: f64 = 72.0 / 25.4;

fn set_on(paper: &str) -> tempfile::TempDir {
    let set = copied_set("shanxi-unit-2024");
    edit(
        &set.path().join("layout.yaml"),
        "paper: A4",
        &format!("paper: {paper}"),
    );
    set
}

/// Every page's (width, height) in points.
fn page_sizes(pdf: &std::path::Path) -> Vec<(f64, f64)> {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads it");
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).expect("page");
            let b = page
                .get(b"MediaBox")
                .and_then(|o| o.as_array())
                .expect("MediaBox");
            let n = |i: usize| b[i].as_float().map(f64::from).expect("number");
            (n(2) - n(0), n(3) - n(1))
        })
        .collect()
}

fn assert_sheet(sizes: &[(f64, f64)], w_mm: f64, h_mm: f64) {
    assert!(sizes.len() > 20, "{} pages", sizes.len());
    let (w, h) = (w_mm * PT_PER_MM, h_mm * PT_PER_MM);
    for (i, &(a, b)) in sizes.iter().enumerate() {
        let portrait = (a - w).abs() < 0.1 && (b - h).abs() < 0.1;
        let landscape = (a - h).abs() < 0.1 && (b - w).abs() < 0.1;
        assert!(portrait || landscape, "page {}: {a} × {b} pt", i + 1);
    }
    assert!(
        sizes.iter().any(|&(a, _)| (a - w).abs() < 0.1),
        "a portrait page"
    );
}

#[test]
fn a_b5_set_prints_b5_in_every_format() {
    let set = set_on("B5");
    let out = tempfile::tempdir().expect("tempdir");
    let o = build_with_layout(SAMPLE, out.path(), "pdf,docx,xlsx", as_str(set.path()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_sheet(&page_sizes(&output_file(out.path(), ".pdf")), 182.0, 257.0);
    // Word: 182 × 257 mm in twips.
    let body = zip_part(&output_file(out.path(), ".docx"), "word/document.xml");
    assert!(
        body.contains("w:w=\"10318\" w:h=\"14570\""),
        "{}",
        &body[body.len().saturating_sub(1500)..]
    );
    assert!(!body.contains("w:w=\"11906\""));
    // Excel numbers B5 (JIS) 13.
    let sheet = zip_part(
        &output_file(out.path(), ".xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    assert!(sheet.contains("paperSize=\"13\""), "{sheet}");
}

#[test]
fn a_16k_booklet_has_its_pages_and_the_printers_sheet_in_excel() {
    let set = set_on("16K");
    let out = tempfile::tempdir().expect("tempdir");
    let o = build_with_layout(SAMPLE, out.path(), "pdf,ofd,xlsx", as_str(set.path()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_sheet(&page_sizes(&output_file(out.path(), ".pdf")), 185.0, 260.0);
    let ofd_page = zip_part(&output_file(out.path(), ".ofd"), "Doc_0/Document.xml");
    assert!(ofd_page.contains("0 0 185 260"), "{ofd_page}");
    let sheet = zip_part(
        &output_file(out.path(), ".xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    assert!(!sheet.contains("paperSize"), "{sheet}");
}

#[test]
fn an_unknown_sheet_is_refused_at_its_line() {
    let set = set_on("A7");
    let out = tempfile::tempdir().expect("tempdir");
    let o = build_with_layout(SAMPLE, out.path(), "pdf", as_str(set.path()));
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    let line = line_in_file(&set.path().join("layout.yaml"), "paper: A7");
    assert!(
        err.contains("纸张“A7”不认识：可写 A3、A4、A5、B5、16K、大16K")
            && err.contains(&format!("第 {line} 行")),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(out.path()).expect("out").count(), 0);
}
