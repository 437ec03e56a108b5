//! The one place where the package docx-rs writes is finished: what its API
//! cannot say (repeated header rows, the document language, field updating,
//! the watermark shape, image alt text), stable image ids, and deflate
//! compression with fixed timestamps, so equal documents give equal bytes.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Text of the header paragraph that becomes the watermark.
pub const WATERMARK_MARKER: &str = "GONGKAI-WATERMARK";
use crate::render::WATERMARK_TEXT;

/// What the renderer asks to be added.
#[derive(Debug, Default)]
pub struct Fixes {
    /// Header rows of each table, in document order.
    pub header_rows: Vec<usize>,
    /// Alt text of each picture, in document order.
    pub alt_texts: Vec<String>,
    /// e.g. zh-CN.
    pub language: String,
    pub title: String,
    pub author: String,
    pub subject: String,
    /// ISO date, the files' creation and modification time.
    pub date: String,
}

pub fn finish(packed: &[u8], fixes: &Fixes) -> Result<Vec<u8>, super::DocxError> {
    let mut zip = ZipArchive::new(Cursor::new(packed))?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i)?;
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes)?;
        let name = f.name()?.to_string();
        parts.push((name, bytes));
    }
    let ids = image_ids(&parts);
    for (name, bytes) in &mut parts {
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        let mut xml =
            String::from_utf8(std::mem::take(bytes)).map_err(|e| super::DocxError::Xml {
                part: name.clone(),
                reason: e.to_string(),
            })?;
        xml = rename_ids(&xml, &ids);
        match name.as_str() {
            "word/document.xml" => {
                xml = order_section_properties(&xml);
                xml = mark_header_rows(&xml, &fixes.header_rows);
                xml = add_alt_texts(&xml, &fixes.alt_texts);
            }
            "word/styles.xml" => xml = set_language(&xml, &fixes.language),
            "word/settings.xml" => xml = update_fields_on_open(&xml),
            "docProps/core.xml" => xml = core_properties(fixes),
            n if n.starts_with("word/header") => xml = watermark(&xml),
            _ => {}
        }
        *bytes = xml.into_bytes();
    }
    for (name, _) in &mut parts {
        *name = rename_ids(name, &ids);
    }
    Ok(repack(&parts)?)
}

/// docx-rs numbers pictures with a process-wide counter: renumber them
/// from 1 in order of appearance so that every document is the same.
fn image_ids(parts: &[(String, Vec<u8>)]) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let mut seen = Vec::new();
    for (_, bytes) in parts {
        let text = String::from_utf8_lossy(bytes);
        let mut rest = text.as_ref();
        while let Some(i) = rest.find("rIdImage") {
            let digits: String = rest[i + 8..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !digits.is_empty() && !seen.contains(&digits) {
                seen.push(digits.clone());
            }
            rest = &rest[i + 8..];
        }
    }
    for (k, old) in seen.iter().enumerate() {
        map.insert(format!("rIdImage{old}"), format!("rIdImage{}", k + 1));
        map.insert(format!("image{old}."), format!("image{}.", k + 1));
    }
    map
}

/// Replaces whole ids (not prefixes: rIdImage1 must not hit rIdImage12).
fn rename_ids(text: &str, ids: &BTreeMap<String, String>) -> String {
    if ids.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    'outer: while i < text.len() {
        for prefix in ["rIdImage", "image"] {
            if text[i..].starts_with(prefix) {
                let digits = text[i + prefix.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                if digits > 0 {
                    let end = i + prefix.len() + digits;
                    let dot = text[end..].starts_with('.');
                    let key = if prefix == "image" && dot {
                        format!("{}.", &text[i..end])
                    } else {
                        text[i..end].to_string()
                    };
                    if let Some(new) = ids.get(&key) {
                        out.push_str(new);
                        i += key.len();
                        continue 'outer;
                    }
                }
            }
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// docx-rs writes a section's header/footer references after its page
/// setup; the schema (and strict readers) want them first. Reorders the
/// children of every `w:sectPr` whose children are all empty elements.
fn order_section_properties(xml: &str) -> String {
    const ORDER: [&str; 21] = [
        "headerReference",
        "footerReference",
        "footnotePr",
        "endnotePr",
        "type",
        "pgSz",
        "pgMar",
        "paperSrc",
        "pgBorders",
        "lnNumType",
        "pgNumType",
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
    ];
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find("<w:sectPr>") {
        let body_start = start + "<w:sectPr>".len();
        let Some(len) = rest[body_start..].find("</w:sectPr>") else {
            break;
        };
        let body = &rest[body_start..body_start + len];
        let children: Vec<&str> = body.split_inclusive("/>").collect();
        let simple = children
            .iter()
            .all(|c| c.starts_with("<w:") && c.ends_with("/>") && c.matches('<').count() == 1);
        out.push_str(&rest[..body_start]);
        if simple {
            let mut sorted = children.clone();
            let rank = |c: &str| {
                let name = c[3..].split([' ', '/']).next().unwrap_or("");
                ORDER.iter().position(|o| *o == name).unwrap_or(ORDER.len())
            };
            sorted.sort_by_key(|c| rank(c));
            out.push_str(&sorted.concat());
        } else {
            out.push_str(body);
        }
        rest = &rest[body_start + len..];
    }
    out.push_str(rest);
    out
}

/// Marks the first `n` rows of each table as header rows (`w:tblHeader`),
/// which Word and LibreOffice repeat on every page.
fn mark_header_rows(xml: &str, header_rows: &[usize]) -> String {
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    let mut tables = header_rows.iter();
    while let Some(t) = rest.find("<w:tbl>") {
        out.push_str(&rest[..t + 7]);
        rest = &rest[t + 7..];
        let n = tables.next().copied().unwrap_or(0);
        for _ in 0..n {
            let Some(tr) = rest.find("<w:trPr>") else {
                break;
            };
            out.push_str(&rest[..tr + 8]);
            out.push_str("<w:tblHeader />");
            rest = &rest[tr + 8..];
        }
    }
    out.push_str(rest);
    out
}

/// The document language for East Asian text, as Word on Chinese Windows
/// writes it. Latin text (figures among it) stays en-US: LibreOffice breaks
/// lines inside 1,101.04 when digits are tagged Chinese.
fn set_language(xml: &str, lang: &str) -> String {
    let lang = if lang.is_empty() { "zh-CN" } else { lang };
    let tag = format!(r#"<w:lang w:val="en-US" w:eastAsia="{lang}" w:bidi="ar-SA" />"#);
    match xml
        .find("<w:rPrDefault>")
        .and_then(|d| xml[d..].find("<w:rPr>").map(|r| d + r + 7))
    {
        Some(at) => format!("{}{tag}{}", &xml[..at], &xml[at..]),
        None => xml.to_string(),
    }
}

/// Word refreshes fields (the 目录's page numbers) when the file opens.
/// `updateFields` must come before these elements of `w:settings`.
fn update_fields_on_open(xml: &str) -> String {
    let tag = r#"<w:updateFields w:val="true" />"#;
    let later = [
        "<w:hdrShapeDefaults",
        "<w:footnotePr",
        "<w:endnotePr",
        "<w:compat",
        "<w:docVars",
        "<w:rsids",
        "<m:mathPr",
        "<w:themeFontLang",
        "<w:clrSchemeMapping",
        "<w:shapeDefaults",
        "<w:decimalSymbol",
        "<w:listSeparator",
        "</w:settings>",
    ];
    match later.iter().filter_map(|t| xml.find(t)).min() {
        Some(at) => format!("{}{tag}{}", &xml[..at], &xml[at..]),
        None => xml.to_string(),
    }
}

/// Title, author, subject, language and fixed dates (docx-rs writes
/// `unknown` and the epoch).
fn core_properties(f: &Fixes) -> String {
    let date = format!("{}T00:00:00Z", f.date);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>"#,
            r#"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>{lang}</dc:language><cp:revision>1</cp:revision>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>"#
        ),
        title = escape_attr(&f.title),
        subject = escape_attr(&f.subject),
        author = escape_attr(&f.author),
        lang = escape_attr(&f.language),
        date = escape_attr(&date),
    )
}

/// Replaces the marker run with a light diagonal text shape behind the page.
fn watermark(xml: &str) -> String {
    let Some(m) = xml.find(WATERMARK_MARKER) else {
        return xml.to_string();
    };
    let (Some(start), Some(end)) = (
        xml[..m].rfind("<w:r>"),
        xml[m..].find("</w:r>").map(|e| m + e + 6),
    ) else {
        return xml.to_string();
    };
    let shape = format!(
        concat!(
            r#"<w:r><w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">"#,
            r#"<v:path textpathok="t" o:connecttype="custom" /><v:textpath on="t" fitshape="t" /></v:shapetype>"#,
            r##"<v:shape id="GongkaiWatermark" o:spid="_x0000_s1025" type="#_x0000_t136" "##,
            r#"style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:88pt;rotation:315;z-index:-251654144;"#,
            r#"mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" "#,
            r##"o:allowincell="f" fillcolor="#c0c0c0" stroked="f"><v:fill opacity=".35" />"##,
            r#"<v:textpath style="font-family:&quot;黑体&quot;;font-size:1pt" string="{}" /></v:shape></w:pict></w:r>"#
        ),
        WATERMARK_TEXT
    );
    let mut out = format!("{}{shape}{}", &xml[..start], &xml[end..]);
    for (prefix, uri) in [
        ("v", "urn:schemas-microsoft-com:vml"),
        ("o", "urn:schemas-microsoft-com:office:office"),
    ] {
        let decl = format!("xmlns:{prefix}=");
        if let Some(root) = out.find("<w:hdr ").filter(|_| !out.contains(&decl)) {
            out.insert_str(root + 7, &format!(r#"xmlns:{prefix}="{uri}" "#));
        }
    }
    out
}

/// Alt text (`descr`) on each picture, in order.
fn add_alt_texts(xml: &str, alts: &[String]) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    let mut alts = alts.iter();
    while let Some(i) = rest.find("<wp:docPr ") {
        out.push_str(&rest[..i + 10]);
        rest = &rest[i + 10..];
        if let Some(alt) = alts.next() {
            out.push_str(&format!(r#"descr="{}" "#, escape_attr(alt)));
        }
    }
    out.push_str(rest);
    out
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Deflated, in the original order, with a fixed timestamp.
fn repack(parts: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, bytes) in parts {
        w.start_file(name.as_str(), options)?;
        w.write_all(bytes)?;
    }
    Ok(w.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rows_are_marked_per_table() {
        let xml = "<w:tbl><w:tr><w:trPr></w:trPr></w:tr><w:tr><w:trPr></w:trPr></w:tr></w:tbl>\
                   <w:tbl><w:tr><w:trPr></w:trPr></w:tr></w:tbl>";
        let got = mark_header_rows(xml, &[1, 0]);
        assert_eq!(got.matches("<w:tblHeader />").count(), 1);
        assert!(got.starts_with("<w:tbl><w:tr><w:trPr><w:tblHeader />"));
    }

    #[test]
    fn section_references_come_first() {
        let xml = "<w:sectPr><w:pgSz w:w=\"1\" /><w:cols w:num=\"1\" /><w:footerReference w:type=\"default\" r:id=\"f\" /><w:pgNumType w:start=\"1\" /></w:sectPr>";
        assert_eq!(
            order_section_properties(xml),
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"f\" /><w:pgSz w:w=\"1\" /><w:pgNumType w:start=\"1\" /><w:cols w:num=\"1\" /></w:sectPr>"
        );
    }

    #[test]
    fn language_and_fields() {
        let styles = "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"32\" /></w:rPr></w:rPrDefault></w:docDefaults>";
        assert!(
            set_language(styles, "zh-CN")
                .contains("<w:rPr><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"")
        );
        let settings = "<w:settings><w:defaultTabStop w:val=\"840\" /><w:compat /></w:settings>";
        let got = update_fields_on_open(settings);
        assert!(
            got.contains("<w:updateFields w:val=\"true\" /><w:compat />"),
            "{got}"
        );
    }

    #[test]
    fn the_marker_becomes_a_shape() {
        let hdr = format!(
            "<w:hdr xmlns:w=\"x\"><w:p><w:r><w:t>{WATERMARK_MARKER}</w:t></w:r></w:p></w:hdr>"
        );
        let got = watermark(&hdr);
        assert!(got.contains("string=\"仅供内部审核\""));
        assert!(!got.contains(WATERMARK_MARKER));
        assert!(got.contains("xmlns:v=\"urn:schemas-microsoft-com:vml\""));
    }

    #[test]
    fn image_ids_are_renumbered_whole() {
        let parts = vec![(
            "word/document.xml".to_string(),
            b"r:embed=\"rIdImage12\" r:embed=\"rIdImage3\"".to_vec(),
        )];
        let ids = image_ids(&parts);
        assert_eq!(
            rename_ids("rIdImage12 rIdImage3 rIdImage123 media/image12.png", &ids),
            "rIdImage1 rIdImage2 rIdImage123 media/image1.png"
        );
    }

    #[test]
    fn alt_texts_go_on_pictures_in_order() {
        let got = add_alt_texts(
            "<wp:docPr id=\"1\" name=\"a\" /><wp:docPr id=\"2\" />",
            &["甲\"".into()],
        );
        assert_eq!(
            got,
            "<wp:docPr descr=\"甲&quot;\" id=\"1\" name=\"a\" /><wp:docPr id=\"2\" />"
        );
    }
}
