//! `--format ofd`: the OFD is read back by tools that share no code with
//! gongkai — easyofd parses the package, fontTools opens each embedded font,
//! PyMuPDF reads the PDF of the same run (tests/ofd_read.py) — and must show
//! every character of the PDF, at the same place, on the same pages.
//! The package's structure is checked against GB/T 33190 with roxmltree.

use crate::common;

use crate::common::{SAMPLE, as_str, gongkai, root};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const MM: f64 = 72.0 / 25.4;

/// The Python with easyofd, ofdkit, fontTools and PyMuPDF.
fn reader() -> Option<PathBuf> {
    common::python_with("easyofd, ofdkit, fontTools, fitz")
}

fn build(out: &Path, extra: &[&str]) -> (PathBuf, PathBuf) {
    build_formats(out, "pdf,ofd", extra)
}

fn written(out: &Path, ext: &str) -> PathBuf {
    std::fs::read_dir(out)
        .expect("output folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == ext))
        .unwrap_or_else(|| panic!("no .{ext} written"))
}

fn build_formats(out: &Path, formats: &str, extra: &[&str]) -> (PathBuf, PathBuf) {
    common::build_ok(SAMPLE, out, formats, extra);
    (written(out, "ofd"), written(out, "pdf"))
}

fn read(python: &Path, ofd: &Path, pdf: &Path) -> serde_json::Value {
    common::python_report(python, "ofd_read.py", &[ofd, pdf], "OFD-READ ")
}

/// (character, x, y) in points from the top left.
fn chars(page: &serde_json::Value, scale: f64) -> Vec<(String, f64, f64)> {
    page["chars"]
        .as_array()
        .expect("chars")
        .iter()
        .filter(|c| !c[0].as_str().unwrap_or(" ").trim().is_empty())
        .map(|c| {
            (
                c[0].as_str().unwrap_or_default().to_string(),
                c[1].as_f64().unwrap_or(f64::NAN) * scale,
                c[2].as_f64().unwrap_or(f64::NAN) * scale,
            )
        })
        .collect()
}

#[test]
#[cfg_attr(
    gongkai_no_py_ofd,
    ignore = "需要 Python 的 easyofd、ofdkit、fontTools、PyMuPDF（.ci/run 会安装）"
)]
fn the_ofd_shows_the_pdfs_pages_character_for_character() {
    let Some(python) = reader() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let (ofd, pdf) = build_formats(dir.path(), "pdf,ofd,xlsx", &[]);
    let got = read(&python, &ofd, &pdf);
    let (o, p) = (&got["ofd"]["pages"], &got["pdf"]["pages"]);
    let (o, p) = (o.as_array().expect("pages"), p.as_array().expect("pages"));
    assert!(p.len() > 20, "the sample's PDF has {} pages", p.len());
    assert_eq!(o.len(), p.len(), "page count");
    let mut total = 0;
    for (n, (op, pp)) in o.iter().zip(p).enumerate() {
        for k in 0..2 {
            let (a, b) = (op["size"][k].as_f64(), pp["size"][k].as_f64());
            let (a, b) = (a.expect("size") * MM, b.expect("size"));
            assert!((a - b).abs() < 0.05, "page {}: size {a} ≠ {b}", n + 1);
        }
        // Every character the PDF draws, at the same point (±0.05 pt), and
        // nothing else.
        let mut left: HashMap<String, Vec<(f64, f64)>> = HashMap::new();
        for (c, x, y) in chars(op, MM) {
            left.entry(c).or_default().push((x, y));
        }
        for (c, x, y) in chars(pp, 1.0) {
            let candidates = left.get_mut(&c);
            let at = candidates.as_ref().and_then(|v| {
                v.iter()
                    .position(|(ox, oy)| (ox - x).abs() < 0.05 && (oy - y).abs() < 0.05)
            });
            match (candidates, at) {
                (Some(v), Some(i)) => {
                    v.swap_remove(i);
                    total += 1;
                }
                _ => panic!(
                    "page {}: “{c}” at ({x:.2}, {y:.2}) pt is not in the OFD",
                    n + 1
                ),
            }
        }
        let extra: Vec<&String> = left
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(c, _)| c)
            .collect();
        assert!(
            extra.is_empty(),
            "page {}: the OFD has more {extra:?}",
            n + 1
        );
    }
    assert!(total > 5000, "{total} characters compared");
    // The second reader: the same pages, the PDF's document information,
    // and every figure of the 13 tables (as the workbook holds them).
    let kit = &got["ofdkit"];
    assert_eq!(
        kit["warnings"].as_array().map(Vec::len),
        Some(0),
        "{}",
        kit["warnings"]
    );
    let texts: Vec<&str> = kit["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|t| t.as_str().unwrap_or_default())
        .collect();
    assert_eq!(texts.len(), p.len());
    let info = pdf_info(&pdf);
    for (key, pdf_key) in [
        ("title", "Title"),
        ("author", "Author"),
        ("subject", "Subject"),
    ] {
        assert_eq!(
            kit["info"][key].as_str(),
            Some(info[pdf_key].as_str()),
            "{key}"
        );
    }
    assert_eq!(kit["info"]["creation_date"].as_str(), Some("2024-04-15"));
    let all: String = texts
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(written(dir.path(), "xlsx")).expect("workbook");
    let sheets: Vec<String> = calamine::Reader::sheet_names(&book)
        .into_iter()
        .take(13)
        .collect();
    let mut figures = 0;
    for name in &sheets {
        let range = calamine::Reader::worksheet_range(&mut book, name).expect("sheet");
        for cell in range.used_cells() {
            let value = match cell.2 {
                calamine::Data::Float(v) => *v,
                calamine::Data::Int(v) => *v as f64,
                _ => continue,
            };
            let shown = format!("{value:.2}");
            assert!(
                all.contains(&shown),
                "{name}: {shown} is not in the OFD's text"
            );
            figures += 1;
        }
    }
    assert!(figures > 100, "{figures} figures");
    // Each font holds every character drawn in it, by its own cmap.
    let fonts = got["ofd"]["fonts"].as_object().expect("fonts");
    assert!(!fonts.is_empty());
    for (id, f) in fonts {
        assert_eq!(
            f["missing"].as_array().map(Vec::len),
            Some(0),
            "font {id}: {f}"
        );
    }
}

/// The PDF's document information.
fn pdf_info(pdf: &Path) -> HashMap<String, String> {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("Info");
    info.iter()
        .map(|(k, v)| {
            (
                String::from_utf8_lossy(k).into_owned(),
                common::pdf_string(v),
            )
        })
        .collect()
}

/// A greyscale page image as pdftoppm writes it (binary PGM): width,
/// height, pixels.
fn pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = std::fs::read(path).expect("image");
    // "P5\n<w> <h>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5", "{}", path.display());
    let (w, h): (usize, usize) = (
        fields[1].parse().expect("width"),
        fields[2].parse().expect("height"),
    );
    (w, h, bytes[at + 1..].to_vec())
}

fn rasterise(pdf: &Path, dir: &Path) -> Vec<(usize, usize, Vec<u8>)> {
    std::fs::create_dir_all(dir).expect("dir");
    common::pdftoppm(&["-r", "40", "-gray"], pdf, &dir.join("p"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files.iter().map(|f| pgm(f)).collect()
}

#[test]
#[cfg_attr(
    any(gongkai_no_py_ofd, gongkai_no_pdftoppm),
    ignore = "需要 Python 的 easyofd、ofdkit、fontTools、PyMuPDF、poppler 的 pdftoppm（.ci/run 会安装）"
)]
fn the_ofd_drawn_as_a_reader_reads_it_is_the_pdf_pixel_for_pixel() {
    let Some(python) = reader() else { return };
    if !common::tool_available("pdftoppm") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (ofd, pdf) = build(dir.path(), &[]);
    // Every page drawn from what easyofd reads: each character in the
    // embedded font the OFD names, at the point its TextCode and DeltaX
    // give; each path.
    let drawn = dir.path().join("drawn-from-ofd.pdf");
    let run = Command::new(&python)
        .arg(root().join("tests/ofd_read.py"))
        .arg("--draw")
        .args([&ofd, &drawn])
        .output()
        .expect("python runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let ofd_pages = rasterise(&drawn, &dir.path().join("ofd"));
    let pdf_pages = rasterise(&pdf, &dir.path().join("pdf"));
    assert_eq!(ofd_pages.len(), pdf_pages.len());
    for (n, (a, b)) in ofd_pages.iter().zip(&pdf_pages).enumerate() {
        assert_eq!((a.0, a.1), (b.0, b.1), "page {} size", n + 1);
        let ink = b.2.iter().filter(|v| **v < 128).count();
        let differ =
            a.2.iter()
                .zip(&b.2)
                .filter(|(x, y)| x.abs_diff(**y) > 64)
                .count();
        assert!(ink > 500, "page {} has {ink} dark pixels", n + 1);
        // Anti-aliasing may differ at a pixel or two (one in a thousand
        // inked, or four on a sparse page), never a glyph: a character of
        // body text is some 25 dark pixels at 40 dpi.
        assert!(
            differ * 1000 <= ink || differ <= 4,
            "page {}: {differ} of {ink} pixels differ",
            n + 1
        );
    }
}

/// The package's parts by name.
fn parts(ofd: &Path) -> HashMap<String, Vec<u8>> {
    let bytes = std::fs::read(ofd).expect("OFD written");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an OFD is a zip");
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).expect("entry reads");
        out.insert(f.name().expect("entry name").to_string(), data);
    }
    out
}

const NS: &str = "http://www.ofdspec.org/2016";

fn xml(parts: &HashMap<String, Vec<u8>>, name: &str) -> String {
    let bytes = parts
        .get(name)
        .unwrap_or_else(|| panic!("{name} is in the package"));
    String::from_utf8(bytes.clone()).expect("UTF-8")
}

fn is(node: &roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(NS)
}

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
    node.children()
        .find(|c| is(c, name))
        .unwrap_or_else(|| panic!("<{name}> in <{}>", node.tag_name().name()))
}

fn ofd_outline(
    node: roxmltree::Node,
    depth: usize,
    pages: &HashMap<String, usize>,
    out: &mut Vec<(usize, String, usize, f64)>,
) {
    for e in node.children().filter(|c| is(c, "OutlineElem")) {
        let dest = e
            .descendants()
            .find(|d| is(d, "Dest"))
            .expect("an outline entry goes somewhere");
        // The entry's own Dest comes before its children's.
        let page = pages[dest.attribute("PageID").expect("PageID")];
        let top: f64 = dest
            .attribute("Top")
            .and_then(|t| t.parse().ok())
            .expect("Top");
        out.push((
            depth,
            e.attribute("Title").unwrap_or_default().to_string(),
            page,
            top * MM,
        ));
        ofd_outline(e, depth + 1, pages, out);
    }
}

#[test]
fn the_ofd_package_is_well_formed_complete_and_reproducible() {
    let (a, b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let (ofd, pdf) = build(a.path(), &[]);
    let (again, _) = build(b.path(), &[]);
    assert!(
        std::fs::read(&ofd).expect("ofd") == std::fs::read(&again).expect("ofd"),
        "two runs give the same bytes"
    );
    let parts = parts(&ofd);
    // OFD.xml: the entry, its document information and root.
    let entry = xml(&parts, "OFD.xml");
    let entry = roxmltree::Document::parse(&entry).expect("OFD.xml parses");
    let body = child(entry.root_element(), "DocBody");
    assert!(is(&entry.root_element(), "OFD"));
    assert_eq!(entry.root_element().attribute("DocType"), Some("OFD"));
    let info = child(body, "DocInfo");
    let title = child(info, "Title").text().unwrap_or_default().to_string();
    assert!(
        ofd.file_stem()
            .is_some_and(|s| s.to_string_lossy() == title),
        "{title}"
    );
    let date = child(info, "CreationDate").text().unwrap_or_default();
    assert!(
        date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-',
        "an xs:date: {date}"
    );
    let root = child(body, "DocRoot").text().expect("DocRoot").to_string();
    let folder = root
        .rsplit_once('/')
        .map(|(f, _)| f.to_string())
        .unwrap_or_default();
    let document = xml(&parts, &root);
    let document = roxmltree::Document::parse(&document).expect("Document.xml parses");
    let d = document.root_element();
    // The schema's order of the document's parts.
    let order: Vec<&str> = d
        .children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name())
        .collect();
    assert_eq!(order, ["CommonData", "Pages", "Outlines", "VPreferences"]);
    let common = child(d, "CommonData");
    let max: u64 = child(common, "MaxUnitID")
        .text()
        .and_then(|t| t.parse().ok())
        .expect("MaxUnitID");
    // Every page's part is there; IDs are unique and within MaxUnitID.
    let mut ids: Vec<u64> = Vec::new();
    let mut page_index: HashMap<String, usize> = HashMap::new();
    let mut page_parts = Vec::new();
    for (i, p) in child(d, "Pages")
        .children()
        .filter(|c| is(c, "Page"))
        .enumerate()
    {
        let id = p.attribute("ID").expect("page ID");
        page_index.insert(id.to_string(), i);
        ids.push(id.parse().expect("numeric ID"));
        page_parts.push(format!(
            "{folder}/{}",
            p.attribute("BaseLoc").expect("BaseLoc")
        ));
    }
    let res = format!(
        "{folder}/{}",
        child(common, "PublicRes").text().expect("PublicRes")
    );
    let res_xml = xml(&parts, &res);
    let res_doc = roxmltree::Document::parse(&res_xml).expect("PublicRes parses");
    let base = res_doc
        .root_element()
        .attribute("BaseLoc")
        .expect("BaseLoc");
    let mut fonts = Vec::new();
    for f in res_doc.descendants().filter(|n| is(n, "Font")) {
        let id = f.attribute("ID").expect("font ID");
        ids.push(id.parse().expect("numeric ID"));
        fonts.push(id.to_string());
        let file = child(f, "FontFile").text().expect("FontFile");
        let bytes = &parts[&format!("{folder}/{base}/{file}")];
        assert!(
            bytes.starts_with(b"OTTO") || bytes.starts_with(&[0, 1, 0, 0]),
            "{file} is OpenType"
        );
    }
    let mut links = Vec::new();
    for (i, name) in page_parts.iter().enumerate() {
        let page = xml(&parts, name);
        let page = roxmltree::Document::parse(&page).unwrap_or_else(|e| panic!("{name}: {e}"));
        for n in page.descendants().filter(|n| n.is_element()) {
            if matches!(n.tag_name().name(), "Layer" | "TextObject" | "PathObject") {
                ids.push(
                    n.attribute("ID")
                        .and_then(|v| v.parse().ok())
                        .expect("object ID"),
                );
            }
            if is(&n, "TextObject") {
                let font = n.attribute("Font").expect("Font");
                assert!(
                    fonts.iter().any(|f| f == font),
                    "{name}: font {font} is declared"
                );
            }
            if is(&n, "Dest") && n.ancestors().any(|a| is(&a, "Region") || is(&a, "Action")) {
                links.push((i, page_index[n.attribute("PageID").expect("PageID")]));
            }
        }
    }
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "object IDs are unique");
    assert!(
        ids.last().is_some_and(|m| *m <= max),
        "MaxUnitID {max} covers every ID"
    );
    // The outline is the PDF's: same entries, nesting, pages and places.
    let mut outline = Vec::new();
    ofd_outline(child(d, "Outlines"), 0, &page_index, &mut outline);
    let expected = common::pdf_outline(&lopdf::Document::load(&pdf).expect("lopdf reads the PDF"));
    assert!(expected.len() > 15, "{expected:?}");
    assert_eq!(outline.len(), expected.len());
    for (o, p) in outline.iter().zip(&expected) {
        assert_eq!((o.0, &o.1, o.2), (p.0, &p.1, p.2));
        assert!((o.3 - p.3).abs() < 0.05, "{o:?} vs {p:?}");
    }
    // The 目录's links: one per entry, each to its entry's page.
    assert_eq!(links.len(), expected.len(), "{links:?}");
    for ((_, target), p) in links.iter().zip(&expected) {
        assert_eq!(*target, p.2);
    }
    assert_eq!(
        child(child(d, "VPreferences"), "PageMode").text(),
        Some("UseOutlines")
    );
}

#[test]
fn ofd_is_written_on_request_and_the_draft_carries_its_watermark() {
    let dir = tempfile::tempdir().expect("dir");
    let run = gongkai(&["build", SAMPLE, "-o", as_str(dir.path())]);
    assert!(run.status.success());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    assert!(names.iter().any(|n| n.ends_with(".pdf")), "{names:?}");
    assert!(
        !names.iter().any(|n| n.ends_with(".ofd")),
        "not by default: {names:?}"
    );
    // A PDF alone is streamed page by page; made with an OFD, from the
    // pages both share. The two are the same file.
    let with_ofd = tempfile::tempdir().expect("dir");
    let (_, shared) = build(with_ofd.path(), &[]);
    assert_eq!(
        std::fs::read(written(dir.path(), "pdf")).expect("pdf"),
        std::fs::read(shared).expect("pdf"),
        "the PDF made alongside the OFD differs from the PDF alone"
    );
    let draft = tempfile::tempdir().expect("dir");
    let (ofd, _) = build(draft.path(), &["--draft"]);
    let parts = parts(&ofd);
    let pages: Vec<&String> = parts
        .keys()
        .filter(|k| k.ends_with("Content.xml"))
        .collect();
    assert!(pages.len() > 20);
    for name in pages {
        let page = xml(&parts, name);
        let page = roxmltree::Document::parse(&page).expect("parses");
        let marks: Vec<_> = page
            .descendants()
            .filter(|n| is(n, "TextObject") && n.attribute("CTM").is_some())
            .collect();
        assert_eq!(marks.len(), 1, "{name}");
        // In a background layer of its own, under the page's content, as
        // the PDF draws it (first).
        let layer = marks[0].parent().expect("a layer");
        assert!(is(&layer, "Layer") && layer.attribute("Type") == Some("Background"));
        assert_eq!(layer.children().filter(|c| c.is_element()).count(), 1);
        let layers: Vec<_> = page.descendants().filter(|n| is(n, "Layer")).collect();
        assert_eq!(layers.len(), 2, "{name}");
        assert!(layers[0] == layer && layers[1].attribute("Type").is_none());
        assert_eq!(child(marks[0], "TextCode").text(), Some("仅供内部审核"));
        let ctm: Vec<f64> = marks[0]
            .attribute("CTM")
            .unwrap_or_default()
            .split(' ')
            .filter_map(|v| v.parse().ok())
            .collect();
        // Turned 45° (up to the right on a page whose y runs down).
        assert!(
            (ctm[0] - std::f64::consts::FRAC_1_SQRT_2).abs() < 0.001
                && (ctm[1] + std::f64::consts::FRAC_1_SQRT_2).abs() < 0.001,
            "{ctm:?}"
        );
    }
}

#[test]
fn batch_writes_an_ofd_for_every_unit_and_the_department() {
    let out = tempfile::tempdir().expect("dir");
    let bureau = root().join("samples/datong-finance-bureau-2024");
    common::batch_ok(&bureau, out.path(), "ofd", &[]);
    let mut found = Vec::new();
    for unit in std::fs::read_dir(out.path())
        .expect("out")
        .filter_map(|e| e.ok())
    {
        if !unit.path().is_dir() {
            continue;
        }
        let ofd = written(&unit.path(), "ofd");
        let parts = parts(&ofd);
        let entry = xml(&parts, "OFD.xml");
        let entry = roxmltree::Document::parse(&entry).expect("OFD.xml parses");
        let title = entry
            .descendants()
            .find(|n| is(n, "Title"))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string();
        assert!(
            ofd.file_stem()
                .is_some_and(|s| s.to_string_lossy() == title)
        );
        found.push(title);
    }
    // Six units and the department's summary.
    assert_eq!(found.len(), 7, "{found:?}");
    assert!(found.iter().any(|t| t.contains("部门预算")), "{found:?}");
}
