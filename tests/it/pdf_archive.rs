//! `--pdf-standard a-2b`: each PDF/A-2b clause the finishing pass takes care
//! of, read back with lopdf (and qpdf when installed). No validator such as
//! veraPDF can be installed from this machine's registries, so these checks
//! are the clauses themselves.

use crate::common;

use crate::common::{SAMPLE, as_str, document_of, gongkai, sample_text};
use gongkai::render::pdf::{Options, Standard, render};
use lopdf::{Document, Object};

fn archival() -> Vec<u8> {
    let options = Options {
        standard: Standard::A2b,
        ..Options::default()
    };
    render(&document_of(&sample_text()), &options).expect("renders")
}

fn dict_of<'a>(pdf: &'a Document, o: &'a Object) -> &'a lopdf::Dictionary {
    match o {
        Object::Reference(id) => match pdf.get_object(*id).expect("object") {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            other => panic!("not a dictionary: {other:?}"),
        },
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn text_of_string(o: &Object) -> String {
    assert!(matches!(o, Object::String(..)), "not a string: {o:?}");
    common::pdf_string(o)
}

#[test]
fn the_archival_pdf_meets_each_clause_it_claims() {
    let bytes = archival();
    // §6.1.2: a header and a comment of four bytes above 127.
    assert!(bytes.starts_with(b"%PDF-1.7\n%"));
    assert!(bytes[10..14].iter().all(|b| *b > 127));
    let pdf = Document::load_mem(&bytes).expect("lopdf reads it");
    // §6.1.3: an identifier, no encryption.
    assert!(matches!(pdf.trailer.get(b"ID"), Ok(Object::Array(a)) if a.len() == 2));
    assert!(pdf.trailer.get(b"Encrypt").is_err());
    let catalog = pdf.catalog().expect("catalog");
    let info = dict_of(&pdf, pdf.trailer.get(b"Info").expect("Info"));

    // §6.6.2: XMP metadata, not filtered, naming part 2 level B; §6.6.3:
    // in step with the Info dictionary.
    let Object::Reference(meta) = catalog.get(b"Metadata").expect("Metadata") else {
        panic!("Metadata is not a reference");
    };
    let Object::Stream(stream) = pdf.get_object(*meta).expect("metadata stream") else {
        panic!("Metadata is not a stream");
    };
    assert!(stream.dict.get(b"Filter").is_err(), "the XMP is filtered");
    let xmp = String::from_utf8(stream.content.clone()).expect("UTF-8 XMP");
    let parsed = roxmltree::Document::parse(&xmp).expect("the XMP is well-formed XML");
    let field = |ns: &str, name: &str| -> String {
        let node = parsed
            .descendants()
            .find(|n| n.tag_name().name() == name && n.tag_name().namespace() == Some(ns))
            .unwrap_or_else(|| panic!("no {name} in the XMP"));
        node.descendants()
            .filter(|n| n.is_text())
            .map(|n| n.text().unwrap_or_default())
            .collect::<String>()
            .trim()
            .to_string()
    };
    const PDFAID: &str = "http://www.aiim.org/pdfa/ns/id/";
    const DC: &str = "http://purl.org/dc/elements/1.1/";
    const XMP: &str = "http://ns.adobe.com/xap/1.0/";
    const PDF: &str = "http://ns.adobe.com/pdf/1.3/";
    assert_eq!(field(PDFAID, "part"), "2");
    assert_eq!(field(PDFAID, "conformance"), "B");
    let info_text = |k: &[u8]| text_of_string(info.get(k).expect("Info entry"));
    assert_eq!(field(DC, "title"), info_text(b"Title"));
    assert!(field(DC, "title").contains("2024年度单位预算公开"));
    assert_eq!(field(DC, "creator"), info_text(b"Author"));
    assert_eq!(field(DC, "description"), info_text(b"Subject"));
    assert_eq!(field(XMP, "CreatorTool"), info_text(b"Creator"));
    assert_eq!(field(PDF, "Producer"), info_text(b"Producer"));
    // D:20240415000000Z ↔ 2024-04-15T00:00:00Z
    let d = info_text(b"CreationDate");
    let iso = format!("{}-{}-{}T00:00:00Z", &d[2..6], &d[6..8], &d[8..10]);
    assert_eq!(field(XMP, "CreateDate"), iso);
    assert_eq!(info_text(b"ModDate"), d);

    // §6.2.3: one sRGB output intent with an RGB display profile.
    let Ok(Object::Array(intents)) = catalog.get(b"OutputIntents") else {
        panic!("no OutputIntents");
    };
    assert_eq!(intents.len(), 1);
    let intent = dict_of(&pdf, &intents[0]);
    assert_eq!(
        intent.get(b"S").and_then(Object::as_name).ok(),
        Some(b"GTS_PDFA1".as_slice())
    );
    let Object::Reference(profile) = intent.get(b"DestOutputProfile").expect("profile") else {
        panic!("profile is not a reference");
    };
    let Object::Stream(icc) = pdf.get_object(*profile).expect("profile stream") else {
        panic!("profile is not a stream");
    };
    assert_eq!(icc.dict.get(b"N").and_then(Object::as_i64).ok(), Some(3));
    let icc = icc
        .decompressed_content()
        .unwrap_or_else(|_| icc.content.clone());
    assert_eq!(
        u32::from_be_bytes([icc[0], icc[1], icc[2], icc[3]]) as usize,
        icc.len()
    );
    assert_eq!(&icc[12..24], b"mntrRGB XYZ ");
    assert_eq!(&icc[36..40], b"acsp");

    // §6.2.11: every font embedded, every composite font with a ToUnicode map.
    let mut fonts = 0;
    for obj in pdf.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        let kind = d.get(b"Type").and_then(Object::as_name).ok();
        if kind == Some(b"Font".as_slice()) {
            fonts += 1;
            assert!(d.get(b"ToUnicode").is_ok(), "a font without ToUnicode");
        }
        if kind == Some(b"FontDescriptor".as_slice()) {
            let embedded = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .filter(|k| d.get(k).is_ok())
                .count();
            assert_eq!(embedded, 1, "a font not embedded");
        }
        // §6.3.2: annotations print and are not hidden.
        if kind == Some(b"Annot".as_slice()) {
            let flags = d
                .get(b"F")
                .and_then(Object::as_i64)
                .expect("annotation flags");
            assert_eq!(flags & 4, 4);
            assert_eq!(flags & (1 | 2 | 32), 0);
        }
        // §6.4: no transparency.
        assert!(d.get(b"SMask").is_err());
        for k in [b"CA".as_slice(), b"ca"] {
            if let Ok(a) = d.get(k) {
                assert_eq!(a.as_float().ok(), Some(1.0));
            }
        }
        // §6.6.1: no JavaScript, no launch actions.
        assert!(d.get(b"JS").is_err() && d.get(b"AA").is_err());
    }
    assert!(fonts >= 2, "{fonts} fonts");
}

#[test]
fn the_archival_pdf_is_the_plain_one_page_for_page_and_byte_identical_run_to_run() {
    let a = archival();
    assert_eq!(a, archival());
    let plain = render(&document_of(&sample_text()), &Options::default()).expect("renders");
    let (pa, pp) = (
        Document::load_mem(&a).expect("reads"),
        Document::load_mem(&plain).expect("reads"),
    );
    assert_eq!(pa.get_pages().len(), pp.get_pages().len());
    for (n, _) in pp.get_pages() {
        assert_eq!(
            pa.extract_text(&[n]).ok(),
            pp.extract_text(&[n]).ok(),
            "page {n} differs"
        );
    }
    // The default stays plain PDF: nothing archival in it.
    let catalog = pp.catalog().expect("catalog");
    assert!(catalog.get(b"OutputIntents").is_err() && catalog.get(b"Metadata").is_err());
}

#[test]
fn build_takes_the_option_and_qpdf_finds_the_file_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = gongkai(&[
        "build",
        SAMPLE,
        "-o",
        as_str(dir.path()),
        "--format",
        "pdf",
        "--pdf-standard",
        "a-2b",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read_dir(dir.path())
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF");
    let doc = Document::load(&pdf).expect("reads");
    assert!(
        doc.catalog()
            .expect("catalog")
            .get(b"OutputIntents")
            .is_ok()
    );
    if let Ok(check) = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&pdf)
        .output()
    {
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    let wrong = gongkai(&[
        "build",
        SAMPLE,
        "-o",
        as_str(dir.path()),
        "--pdf-standard",
        "a-1b",
    ]);
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn batch_rebuilds_when_the_pdf_standard_changes() {
    // A bureau of one unit: the sample.
    let dir = tempfile::tempdir().expect("tempdir");
    let bureau = dir.path().join("bureau");
    std::fs::create_dir(&bureau).expect("mkdir");
    let dept = std::fs::read_to_string(
        common::root().join("samples/datong-finance-bureau-2024/部门.yaml"),
    )
    .expect("部门.yaml");
    let start = dept.find("单位文件:").expect("unit list");
    let end = start + dept[start..].find("\n\n").expect("end of the list");
    let one = format!("{}单位文件:\n  - unit.yaml{}", &dept[..start], &dept[end..]);
    std::fs::write(bureau.join("部门.yaml"), one).expect("write");
    std::fs::copy(common::root().join(SAMPLE), bureau.join("unit.yaml")).expect("copy");
    let out = dir.path().join("out");
    let run = |extra: &[&str]| common::batch_ok(&bureau, &out, "pdf", extra);
    assert!(run(&[]).contains("已生成 2，"));
    assert!(run(&[]).contains("未变化跳过 2"));
    assert!(run(&["--pdf-standard", "a-2b"]).contains("已生成 2，"));
}
