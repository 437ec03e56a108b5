//! Every Word and Excel file the samples give is valid against the Office
//! Open XML schema, as an independent validator reads it (openxml-audit
//! 0.8.0, Office 2016 rules; `.ci/run` installs it): Word and WPS read
//! property elements as strict sequences and drop what is out of order.

use crate::common;

use crate::common::{SAMPLE, SAMPLE_2025};
use std::path::Path;
use std::process::Command;

fn build(input: &str, out: &Path, extra: &[&str]) {
    common::build_ok(input, out, "docx,xlsx", extra);
}

/// (files validated, each error as file: part path description).
fn audit(python: &Path, dir: &Path) -> (usize, Vec<String>) {
    let run = Command::new(python)
        .args([
            "-m",
            "openxml_audit",
            "-f",
            "office2016",
            "-m",
            "0",
            "-o",
            "json",
            "-r",
        ])
        .arg(dir)
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let json = &stdout[stdout.find('[').unwrap_or_else(|| {
        panic!(
            "no report: {stdout}{}",
            String::from_utf8_lossy(&run.stderr)
        )
    })..];
    let report: serde_json::Value = serde_json::from_str(json).expect("JSON report");
    let files = report.as_array().expect("one entry per file");
    let mut errors = Vec::new();
    for f in files {
        let name = f["file"].as_str().unwrap_or_default();
        let name = Path::new(name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        for e in f["errors"].as_array().into_iter().flatten() {
            errors.push(format!(
                "{}: {} {} {}",
                name.clone().unwrap_or_default(),
                e["part_uri"].as_str().unwrap_or_default(),
                e["path"].as_str().unwrap_or_default(),
                e["description"].as_str().unwrap_or_default()
            ));
        }
    }
    (files.len(), errors)
}

#[test]
#[cfg_attr(
    gongkai_no_py_openxml_audit,
    ignore = "需要 Python 的 openxml-audit（.ci/run 会安装）"
)]
fn every_word_and_excel_file_of_the_samples_is_schema_valid() {
    let Some(python) = common::python_with("openxml_audit") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    build(SAMPLE, &d.join("unit"), &[]);
    build(SAMPLE, &d.join("full"), &["--docx-scope", "full"]);
    build(SAMPLE, &d.join("draft"), &["--draft"]);
    build(SAMPLE_2025, &d.join("2025"), &[]);
    common::batch_departments(d, "docx,xlsx");
    let (files, errors) = audit(&python, d);
    // Four builds and 7 + 6 packages, each a document and a workbook.
    assert_eq!(files, 2 * (4 + 7 + 6), "files validated");
    assert!(errors.is_empty(), "{} errors: {errors:#?}", errors.len());
}

/// The validator finds what it is here to find: a paragraph whose style
/// comes after its run properties.
#[test]
#[cfg_attr(
    gongkai_no_py_openxml_audit,
    ignore = "需要 Python 的 openxml-audit（.ci/run 会安装）"
)]
fn the_validator_sees_a_property_out_of_order() {
    let Some(python) = common::python_with("openxml_audit") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    build(SAMPLE, dir.path(), &[]);
    let docx = common::output_file(dir.path(), "情况说明.docx");
    let body = common::zip_part(&docx, "word/document.xml");
    let swapped = body.replacen(
        "<w:pPr><w:pStyle w:val=\"Heading1\" />",
        "<w:pPr><w:rPr/><w:pStyle w:val=\"Heading1\" />",
        1,
    );
    assert_ne!(swapped, body, "a heading paragraph to spoil");
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).expect("folder");
    rezip(&docx, &bad.join("bad.docx"), "word/document.xml", &swapped);
    let (files, errors) = audit(&python, &bad);
    assert_eq!(files, 1);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("pStyle"), "{errors:#?}");
}

/// A copy of the package with one part's text replaced.
fn rezip(from: &Path, to: &Path, part: &str, text: &str) {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).expect("docx")).expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).expect("copy"));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().expect("name").to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        let opts = zip::write::SimpleFileOptions::default();
        out.start_file(name.as_str(), opts).expect("entry");
        if name == part {
            out.write_all(text.as_bytes()).expect("write");
        } else {
            out.write_all(&bytes).expect("write");
        }
    }
    out.finish().expect("zip written");
}

/// Read back without the validator: every heading's style is the first of
/// its paragraph properties (where Word looks for it), and the package
/// holds its theme.
#[test]
fn a_headings_style_comes_first_and_the_theme_is_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    build(SAMPLE, dir.path(), &["--docx-scope", "full"]);
    let docx = common::output_file(dir.path(), ".docx");
    let body = common::zip_part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&body).expect("XML");
    let mut headings = 0;
    for ppr in doc.descendants().filter(|n| n.tag_name().name() == "pPr") {
        let children: Vec<_> = ppr.children().filter(|c| c.is_element()).collect();
        if let Some(at) = children
            .iter()
            .position(|c| c.tag_name().name() == "pStyle")
        {
            assert_eq!(at, 0, "w:pStyle is child {at} of its w:pPr");
            let style = children[0].attribute((
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "val",
            ));
            headings += usize::from(style.is_some_and(|s| s.starts_with("Heading")));
        }
        // The paragraph mark's run properties follow every paragraph
        // property; only a section break (and its revision) comes after.
        if let Some(at) = children.iter().position(|c| c.tag_name().name() == "rPr") {
            let after: Vec<&str> = children[at + 1..]
                .iter()
                .map(|c| c.tag_name().name())
                .collect();
            assert!(
                after.iter().all(|n| ["sectPr", "pPrChange"].contains(n)),
                "after w:rPr: {after:?}"
            );
        }
    }
    assert!(headings > 20, "{headings} headings");
    let rels = common::zip_part(&docx, "word/_rels/document.xml.rels");
    assert!(
        rels.contains("relationships/theme\" Target=\"theme/theme1.xml\""),
        "{rels}"
    );
    let types = common::zip_part(&docx, "[Content_Types].xml");
    assert!(types.contains("/word/theme/theme1.xml"), "{types}");
    let theme = common::zip_part(&docx, "word/theme/theme1.xml");
    // The theme's body font is the document's body role.
    assert!(
        theme.contains(
            "<a:minorFont><a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"仿宋_GB2312\"/>"
        ),
        "{theme}"
    );
}
