//! The theme part a complete WordprocessingML package holds (Word writes one
//! for every document, and validators expect its relationship). Its fonts
//! are the document's own roles, so text Word sets in theme fonts (new
//! headings, a chart's labels) matches the rest; its colours are neutral.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};
use std::io::Write;

pub const PART: &str = "word/theme/theme1.xml";
pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
pub const RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
/// Its target, relative to the document part.
pub const TARGET: &str = "theme/theme1.xml";

const DRAWINGML: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

/// Scheme colours: dark and light text and background, six accents, links.
const COLOURS: [(&str, &str); 10] = [
    ("a:dk2", "1F1F1F"),
    ("a:lt2", "EEEEEE"),
    ("a:accent1", "4F6F8F"),
    ("a:accent2", "8F4F4F"),
    ("a:accent3", "4F8F5F"),
    ("a:accent4", "7F6F3F"),
    ("a:accent5", "5F5F8F"),
    ("a:accent6", "3F7F7F"),
    ("a:hlink", "0563C1"),
    ("a:folHlink", "954F72"),
];

/// The theme's fonts: headings' (major) and body's (minor) East Asian
/// faces, and the Latin one.
#[derive(Debug, Default)]
pub struct Fonts {
    pub major: String,
    pub minor: String,
    pub latin: String,
}

/// The theme part.
pub fn write(sink: &mut dyn Write, fonts: &Fonts) -> std::io::Result<()> {
    let (major, minor, latin) = (&fonts.major, &fonts.minor, &fonts.latin);
    let mut w = Writer::new(sink);
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))?;
    w.create_element("a:theme")
        .with_attributes([("xmlns:a", DRAWINGML), ("name", "gongkai")])
        .write_inner_content(|w| {
            w.create_element("a:themeElements")
                .write_inner_content(|w| {
                    colour_scheme(w)?;
                    font_scheme(w, major, minor, latin)?;
                    format_scheme(w)
                })?;
            w.create_element("a:objectDefaults").write_empty()?;
            w.create_element("a:extraClrSchemeLst").write_empty()?;
            Ok(())
        })?;
    Ok(())
}

/// `outer` holding one empty `inner` with `attributes`.
fn holding<W: Write>(
    w: &mut Writer<W>,
    outer: &str,
    inner: &str,
    attributes: &[(&str, &str)],
) -> std::io::Result<()> {
    w.create_element(outer).write_inner_content(|w| {
        w.create_element(inner)
            .with_attributes(attributes.iter().copied())
            .write_empty()?;
        Ok(())
    })?;
    Ok(())
}

fn colour_scheme<W: Write>(w: &mut Writer<W>) -> std::io::Result<()> {
    w.create_element("a:clrScheme")
        .with_attribute(("name", "gongkai"))
        .write_inner_content(|w| {
            for (name, system, last) in [
                ("a:dk1", "windowText", "000000"),
                ("a:lt1", "window", "FFFFFF"),
            ] {
                holding(w, name, "a:sysClr", &[("val", system), ("lastClr", last)])?;
            }
            for (name, rgb) in COLOURS {
                holding(w, name, "a:srgbClr", &[("val", rgb)])?;
            }
            Ok(())
        })?;
    Ok(())
}

fn font_scheme<W: Write>(
    w: &mut Writer<W>,
    major: &str,
    minor: &str,
    latin: &str,
) -> std::io::Result<()> {
    w.create_element("a:fontScheme")
        .with_attribute(("name", "gongkai"))
        .write_inner_content(|w| {
            for (name, east_asia) in [("a:majorFont", major), ("a:minorFont", minor)] {
                w.create_element(name).write_inner_content(|w| {
                    for (script, face) in [("a:latin", latin), ("a:ea", east_asia), ("a:cs", latin)]
                    {
                        w.create_element(script)
                            .with_attribute(("typeface", face))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// Three of each style list, as the schema requires: plain fills, thin
/// lines, no effects.
fn format_scheme<W: Write>(w: &mut Writer<W>) -> std::io::Result<()> {
    let solid = |w: &mut Writer<W>| holding(w, "a:solidFill", "a:schemeClr", &[("val", "phClr")]);
    w.create_element("a:fmtScheme")
        .with_attribute(("name", "gongkai"))
        .write_inner_content(|w| {
            w.create_element("a:fillStyleLst")
                .write_inner_content(|w| (0..3).try_for_each(|_| solid(w)))?;
            w.create_element("a:lnStyleLst").write_inner_content(|w| {
                for width in ["6350", "12700", "19050"] {
                    w.create_element("a:ln")
                        .with_attribute(("w", width))
                        .write_inner_content(|w| solid(w))?;
                }
                Ok(())
            })?;
            w.create_element("a:effectStyleLst")
                .write_inner_content(|w| {
                    for _ in 0..3 {
                        w.create_element("a:effectStyle").write_inner_content(|w| {
                            w.create_element("a:effectLst").write_empty()?;
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
            w.create_element("a:bgFillStyleLst")
                .write_inner_content(|w| (0..3).try_for_each(|_| solid(w)))?;
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_theme_names_the_documents_fonts_escaped() {
        let mut out = Vec::new();
        let fonts = super::Fonts {
            major: "黑体".into(),
            minor: "仿宋&\"GB\"".into(),
            latin: "Times New Roman".into(),
        };
        super::write(&mut out, &fonts).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        let doc = roxmltree::Document::parse(&text).expect("well-formed");
        let faces: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "ea")
            .filter_map(|n| n.attribute("typeface"))
            .collect();
        assert_eq!(faces, ["黑体", "仿宋&\"GB\""]);
        let count = |name: &str| {
            doc.descendants()
                .filter(|n| n.tag_name().name() == name)
                .count()
        };
        assert_eq!(count("ln"), 3);
        assert_eq!(count("effectStyle"), 3);
        assert_eq!(count("solidFill"), 9);
    }
}
