//! The one place where the package docx-rs writes is finished: what its API
//! cannot say (repeated header rows, the document language, field updating,
//! the watermark shape, image alt text), stable image ids, and deflate
//! compression with fixed timestamps, so equal documents give equal bytes.

use super::chart_part;
use super::table_xml::{self, TableXml};
use super::theme;
use super::xml::{self, Numbering, rewrite};
use crate::render::zipped::Container;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufWriter, Cursor, Read, Write};
use zip::ZipArchive;

/// The id docx-rs gives the first header it registers: the draft's
/// watermark, found here by it.
pub(crate) const HEADER_RID: &str = "rIdHeader1";

use crate::render::WATERMARK_TEXT;

/// What the renderer asks to be added.
#[derive(Debug, Default)]
pub struct Fixes<'d> {
    /// Each table, in document order, written where docx-rs wrote its
    /// empty stand-in.
    pub tables: Vec<TableXml<'d>>,
    /// Each chart, in document order: written where docx-rs placed its
    /// stand-in picture, with its alt text on the picture's frame.
    pub charts: Vec<super::chart_part::ChartPart>,
    /// e.g. zh-CN.
    pub language: String,
    pub title: String,
    pub author: String,
    pub subject: String,
    /// ISO date, the files' creation and modification time.
    pub date: String,
    /// The theme's heading and body fonts (East Asian), and its Latin one.
    pub theme_fonts: theme::Fonts,
}

pub fn finish(packed: &[u8], fixes: &Fixes) -> Result<Vec<u8>, super::error::DocxError> {
    let mut zip = ZipArchive::new(Cursor::new(packed))?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i)?;
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes)?;
        let name = f.name()?.to_string();
        parts.push((name, bytes));
    }
    let mut ids = Numbering { next_paragraph: 1 };
    let watermarked = watermark_part(&parts)?;
    let mut container = Container::default();
    // docx-rs writes no theme; should it ever, its own is kept.
    let has_theme = parts.iter().any(|(name, _)| name == theme::PART);
    let other_media = parts
        .iter()
        .any(|(name, _)| name.starts_with(MEDIA) && name != MEDIA && !is_stand_in_picture(name));
    for (name, bytes) in &parts {
        // A chart's stand-in picture (Word draws the chart part instead),
        // and the media folder when nothing else is in it.
        if is_stand_in_picture(name) || (name == MEDIA && !other_media) {
            continue;
        }
        let sink = container.part(name)?;
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            sink.write_all(bytes)?;
            continue;
        }
        let xml = std::str::from_utf8(bytes).map_err(|e| super::error::DocxError::Xml {
            part: name.clone(),
            reason: e.to_string(),
        })?;
        // quick-xml writes an event in several small pieces.
        let mut sink = BufWriter::with_capacity(1 << 16, sink);
        match name.as_str() {
            "word/document.xml" => document(name, xml, &mut ids, fixes, &mut sink)?,
            "word/styles.xml" => set_language(name, xml, &mut ids, &fixes.language, &mut sink)?,
            "word/settings.xml" => update_fields_on_open(name, xml, &mut ids, &mut sink)?,
            "docProps/core.xml" => sink.write_all(core_properties(fixes)?.as_bytes())?,
            "word/_rels/document.xml.rels" => {
                document_relationships(name, xml, &mut ids, &mut sink, has_theme, fixes)?
            }
            "[Content_Types].xml" => content_types(
                name,
                xml,
                &mut ids,
                &mut sink,
                has_theme,
                fixes.charts.len(),
            )?,
            n if Some(n) == watermarked.as_deref() => watermark(name, xml, &mut ids, &mut sink)?,
            _ => rewrite(name, xml, &mut ids, &mut sink, |e, _, out| {
                out.write_event(e)
            })?,
        }
        sink.flush()?;
    }
    if !has_theme {
        let mut sink = BufWriter::new(container.part(theme::PART)?);
        theme::write(&mut sink, &fixes.theme_fonts)?;
        sink.flush()?;
    }
    for (k, chart) in fixes.charts.iter().enumerate() {
        let (part, rels, workbook) = chart_part::names(k + 1);
        container.part(&part)?.write_all(chart.xml.as_bytes())?;
        container
            .part(&rels)?
            .write_all(chart_part::relationships(k + 1).as_bytes())?;
        container.part(&workbook)?.write_all(&chart.workbook)?;
    }
    Ok(container.finish()?)
}

/// The folder docx-rs writes pictures to (a directory entry of the zip).
const MEDIA: &str = "word/media/";

/// A chart's stand-in picture, by the name docx-rs gives its file.
fn is_stand_in_picture(name: &str) -> bool {
    name.strip_prefix(MEDIA)
        .and_then(|file| file.strip_suffix(".png"))
        .and_then(|id| StandIn::Chart.number(id))
        .is_some()
}

/// The body's relationships: the theme (unless docx-rs wrote one) and each
/// chart added, the pictures the charts replace taken out.
fn document_relationships(
    part: &str,
    source: &str,
    ids: &mut Numbering,
    sink: &mut dyn Write,
    has_theme: bool,
    fixes: &Fixes,
) -> Result<(), super::error::DocxError> {
    rewrite(part, source, ids, sink, |event, path, out| {
        if let Event::Empty(e) = &event
            && xml::is(e, "Relationship")
            && value_of(e, "Id").is_some_and(|id| StandIn::Chart.number(&id).is_some())
        {
            return Ok(());
        }
        if path.is_empty() && matches!(&event, Event::End(e) if xml::is_end(e, "Relationships")) {
            if !has_theme {
                xml::empty(
                    out,
                    "Relationship",
                    &[
                        ("Id", "rIdTheme1"),
                        ("Type", theme::RELATIONSHIP),
                        ("Target", theme::TARGET),
                    ],
                )?;
            }
            for k in 1..=fixes.charts.len() {
                let (part, _, _) = chart_part::names(k);
                let target = part.trim_start_matches("word/");
                xml::empty(
                    out,
                    "Relationship",
                    &[
                        ("Id", chart_id(k).as_str()),
                        ("Type", chart_part::RELATIONSHIP),
                        ("Target", target),
                    ],
                )?;
            }
        }
        out.write_event(event)
    })
}

/// The package's content types: the theme's and the charts' parts, and
/// the embedded workbooks' extension.
fn content_types(
    part: &str,
    source: &str,
    ids: &mut Numbering,
    sink: &mut dyn Write,
    has_theme: bool,
    charts: usize,
) -> Result<(), super::error::DocxError> {
    add_last(part, source, ids, sink, "Types", |out| {
        if charts > 0 {
            xml::empty(
                out,
                "Default",
                &[
                    ("Extension", "xlsx"),
                    ("ContentType", chart_part::WORKBOOK_TYPE),
                ],
            )?;
        }
        let part = |out: &mut xml::Out, name: String, kind: &str| {
            xml::empty(
                out,
                "Override",
                &[("PartName", name.as_str()), ("ContentType", kind)],
            )
        };
        if !has_theme {
            part(out, format!("/{}", theme::PART), theme::CONTENT_TYPE)?;
        }
        for k in 1..=charts {
            let (name, _, _) = chart_part::names(k);
            part(out, format!("/{name}"), chart_part::CONTENT_TYPE)?;
        }
        Ok(())
    })
}

/// The part with one more child written last in its root `root`.
fn add_last(
    part: &str,
    source: &str,
    ids: &mut Numbering,
    sink: &mut dyn Write,
    root: &str,
    child: impl Fn(&mut xml::Out) -> std::io::Result<()>,
) -> Result<(), super::error::DocxError> {
    rewrite(part, source, ids, sink, |event, path, out| {
        if path.is_empty() && matches!(&event, Event::End(e) if xml::is_end(e, root)) {
            child(out)?;
        }
        out.write_event(event)
    })
}

/// The body: each table written in place of its stand-in, alt text on
/// pictures (section properties are put in schema order by the writer).
/// Names a stand-in by what goes in its place: docx-rs writes it as the
/// empty table's style, or as the chart picture's relationship id, and the
/// document is finished by reading it back, not by counting stand-ins.
pub fn stand_in(kind: StandIn, n: usize) -> String {
    format!("{}{n}", kind.prefix())
}

#[derive(Debug, Clone, Copy)]
pub enum StandIn {
    Table,
    Chart,
}

impl StandIn {
    fn prefix(self) -> &'static str {
        match self {
            StandIn::Table => "gongkaiTable",
            StandIn::Chart => "gongkaiChart",
        }
    }

    /// The number a stand-in's name carries (from 1).
    fn number(self, name: &str) -> Option<usize> {
        name.strip_prefix(self.prefix())?.parse().ok()
    }
}

/// A stand-in being read: a table (only its name matters) or a picture's
/// drawing (kept, to be written again around the chart once its name, which
/// comes after the frame's description, is known).
enum Held {
    Table {
        depth: usize,
        n: Option<usize>,
    },
    Drawing {
        depth: usize,
        events: Vec<Event<'static>>,
        n: Option<usize>,
    },
}

fn document(
    part: &str,
    source: &str,
    ids: &mut Numbering,
    fixes: &Fixes,
    sink: &mut dyn Write,
) -> Result<(), super::error::DocxError> {
    let mut held: Option<Held> = None;
    rewrite(part, source, ids, sink, |event, _, out| {
        let Some(h) = held.as_mut() else {
            held = match &event {
                Event::Start(e) if xml::is(e, "w:tbl") => Some(Held::Table { depth: 0, n: None }),
                Event::Start(e) if xml::is(e, "w:drawing") => Some(Held::Drawing {
                    depth: 0,
                    events: vec![event.into_owned()],
                    n: None,
                }),
                _ => return out.write_event(event),
            };
            return Ok(());
        };
        let (depth, n) = match h {
            Held::Table { depth, n } => (depth, n),
            Held::Drawing { depth, events, n } => {
                events.push(event.clone().into_owned());
                (depth, n)
            }
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let named = if xml::is(e, "w:tblStyle") {
                    value_of(e, "w:val").and_then(|v| StandIn::Table.number(&v))
                } else if xml::is(e, "a:blip") {
                    value_of(e, "r:embed").and_then(|v| StandIn::Chart.number(&v))
                } else {
                    None
                };
                if named.is_some() {
                    *n = named;
                }
                if matches!(event, Event::Start(_)) {
                    *depth += 1;
                }
                return Ok(());
            }
            Event::End(_) if *depth > 0 => {
                *depth -= 1;
                return Ok(());
            }
            Event::End(_) => {}
            _ => return Ok(()),
        }
        match held.take() {
            Some(Held::Table { n, .. }) => {
                let table = n.and_then(|n| fixes.tables.get(n - 1)).ok_or_else(|| {
                    std::io::Error::other("文档中有一个表格不是 gongkai 放置的占位表格")
                })?;
                table_xml::write(out, table)
            }
            Some(Held::Drawing { events, n, .. }) => {
                let chart = n.and_then(|n| fixes.charts.get(n - 1).map(|c| (n, c)));
                drawing(out, events, chart)
            }
            None => Ok(()),
        }
    })
}

/// A drawing written again: a chart's stand-in gets the chart's alt text
/// on its frame and Word's chart in place of the picture; any other
/// drawing is written as it was.
fn drawing(
    out: &mut xml::Out,
    events: Vec<Event<'static>>,
    chart: Option<(usize, &chart_part::ChartPart)>,
) -> std::io::Result<()> {
    let Some((n, chart)) = chart else {
        return events.into_iter().try_for_each(|e| out.write_event(e));
    };
    // Inside the picture's graphic data: the depth of elements open in it.
    let mut skipping: Option<usize> = None;
    for event in events {
        if let Some(depth) = skipping.as_mut() {
            match &event {
                Event::Start(_) => *depth += 1,
                Event::End(_) if *depth == 0 => skipping = None,
                Event::End(_) => *depth -= 1,
                _ => {}
            }
            continue;
        }
        match &event {
            Event::Start(e) | Event::Empty(e) if xml::is(e, "a:graphicData") => {
                if matches!(event, Event::Start(_)) {
                    skipping = Some(0);
                }
                chart_graphic(out, n)?;
            }
            Event::Start(e) | Event::Empty(e) if xml::is(e, "wp:docPr") => {
                let mut with = e.clone().into_owned();
                with.push_attribute(("descr", chart.alt.as_str()));
                out.write_event(match event {
                    Event::Start(_) => Event::Start(with),
                    _ => Event::Empty(with),
                })?;
            }
            _ => out.write_event(event)?,
        }
    }
    Ok(())
}

/// An attribute's value, unescaped.
fn value_of(e: &BytesStart, name: &str) -> Option<String> {
    xml::attributes(e)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Word's chart number `n` where the picture's graphic was.
fn chart_graphic(out: &mut xml::Out, n: usize) -> std::io::Result<()> {
    let mut data = BytesStart::new("a:graphicData");
    data.push_attribute(("uri", chart_part::GRAPHIC_URI));
    out.write_event(Event::Start(data))?;
    let id = chart_id(n);
    xml::empty(
        out,
        "c:chart",
        &[
            ("xmlns:c", chart_part::CHART_NS),
            ("xmlns:r", chart_part::RELATIONSHIPS_NS),
            ("r:id", id.as_str()),
        ],
    )?;
    out.write_event(Event::End(quick_xml::events::BytesEnd::new(
        "a:graphicData",
    )))
}

fn chart_id(n: usize) -> String {
    format!("rIdChart{n}")
}

/// The document language for East Asian text, as Word on Chinese Windows
/// writes it. Latin text (figures among it) stays en-US: LibreOffice breaks
/// lines inside 1,101.04 when digits are tagged Chinese.
fn set_language(
    part: &str,
    source: &str,
    ids: &mut Numbering,
    lang: &str,
    sink: &mut dyn Write,
) -> Result<(), super::error::DocxError> {
    let lang = if lang.is_empty() { "zh-CN" } else { lang };
    rewrite(part, source, ids, sink, |event, path, out| {
        let default_run = path.last().is_some_and(|p| p == "w:rPrDefault");
        let is_rpr = matches!(&event, Event::Start(e) if xml::is(e, "w:rPr"));
        out.write_event(event)?;
        if default_run && is_rpr {
            xml::empty(
                out,
                "w:lang",
                &[
                    ("w:val", "en-US"),
                    ("w:eastAsia", lang),
                    ("w:bidi", "ar-SA"),
                ],
            )?;
        }
        Ok(())
    })
}

/// Word refreshes fields (the 目录's page numbers) when the file opens.
/// The writer puts `updateFields` where `w:settings` has its place.
fn update_fields_on_open(
    part: &str,
    source: &str,
    ids: &mut Numbering,
    sink: &mut dyn Write,
) -> Result<(), super::error::DocxError> {
    rewrite(part, source, ids, sink, |event, path, out| {
        let settings =
            path.is_empty() && matches!(&event, Event::Start(e) if xml::is(e, "w:settings"));
        out.write_event(event)?;
        if settings {
            xml::empty(out, "w:updateFields", &[("w:val", "true")])?;
        }
        Ok(())
    })
}

/// Title, author, subject, language and fixed dates (docx-rs writes
/// `unknown` and the epoch).
fn core_properties(f: &Fixes) -> Result<String, super::error::DocxError> {
    use quick_xml::events::{BytesDecl, BytesEnd, BytesText};
    let date = format!("{}T00:00:00Z", f.date);
    let mut out = quick_xml::Writer::new(Vec::new());
    let mut root = BytesStart::new("cp:coreProperties");
    for (k, v) in [
        (
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        ),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ] {
        root.push_attribute((k, v));
    }
    out.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))?;
    out.write_event(Event::Start(root))?;
    let fields: [(&str, &str, bool); 8] = [
        ("dc:title", &f.title, false),
        ("dc:subject", &f.subject, false),
        ("dc:creator", &f.author, false),
        ("cp:lastModifiedBy", &f.author, false),
        ("dc:language", &f.language, false),
        ("cp:revision", "1", false),
        ("dcterms:created", &date, true),
        ("dcterms:modified", &date, true),
    ];
    for (name, text, dated) in fields {
        let mut e = BytesStart::new(name);
        if dated {
            e.push_attribute(("xsi:type", "dcterms:W3CDTF"));
        }
        out.write_event(Event::Start(e))?;
        out.write_event(Event::Text(BytesText::new(text)))?;
        out.write_event(Event::End(BytesEnd::new(name)))?;
    }
    out.write_event(Event::End(BytesEnd::new("cp:coreProperties")))?;
    String::from_utf8(out.into_inner()).map_err(|e| super::error::DocxError::Xml {
        part: "docProps/core.xml".into(),
        reason: e.to_string(),
    })
}

/// The part of the watermark's header: the target of the document's
/// relationship [`HEADER_RID`], when the document has one.
fn watermark_part(parts: &[(String, Vec<u8>)]) -> Result<Option<String>, super::error::DocxError> {
    const RELS: &str = "word/_rels/document.xml.rels";
    let bad = |reason: String| super::error::DocxError::Xml {
        part: RELS.into(),
        reason,
    };
    let Some((_, rels)) = parts.iter().find(|(name, _)| name == RELS) else {
        return Ok(None);
    };
    let rels = std::str::from_utf8(rels).map_err(|e| bad(e.to_string()))?;
    let mut reader = quick_xml::Reader::from_str(rels);
    loop {
        match reader.read_event().map_err(|e| bad(e.to_string()))? {
            Event::Eof => return Ok(None),
            Event::Start(e) | Event::Empty(e) if xml::is(&e, "Relationship") => {
                let attrs = xml::attributes(&e);
                let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                if get("Id").as_deref() == Some(HEADER_RID) {
                    return Ok(get("Target").map(|t| format!("word/{t}")));
                }
            }
            _ => {}
        }
    }
}

/// The watermark header's first paragraph gets a light diagonal text shape
/// behind the page; the header declares the VML namespaces it uses.
fn watermark(
    part: &str,
    source: &str,
    ids: &mut Numbering,
    sink: &mut dyn Write,
) -> Result<(), super::error::DocxError> {
    let mut placed = false;
    rewrite(part, source, ids, sink, |event, path, out| {
        match event {
            // The end of the header's first paragraph (an empty one is
            // opened and closed here).
            Event::End(e) if !placed && xml::is_end(&e, "w:p") && path.len() == 1 => {
                placed = true;
                watermark_shape(out)?;
                out.write_event(Event::End(e))
            }
            Event::Empty(e) if !placed && xml::is(&e, "w:p") && path.len() == 1 => {
                placed = true;
                out.write_event(Event::Start(e.clone()))?;
                watermark_shape(out)?;
                out.write_event(Event::End(quick_xml::events::BytesEnd::new("w:p")))
            }
            Event::Start(e) if xml::is(&e, "w:hdr") => {
                let declared: Vec<String> =
                    xml::attributes(&e).into_iter().map(|(k, _)| k).collect();
                let mut root = e.into_owned();
                for (prefix, uri) in [
                    ("xmlns:v", "urn:schemas-microsoft-com:vml"),
                    ("xmlns:o", "urn:schemas-microsoft-com:office:office"),
                ] {
                    if !declared.iter().any(|d| d == prefix) {
                        root.push_attribute((prefix, uri));
                    }
                }
                out.write_event(Event::Start(root))
            }
            other => out.write_event(other),
        }
    })
}

fn watermark_shape(out: &mut xml::Out) -> std::io::Result<()> {
    use quick_xml::events::BytesEnd;
    let start = |out: &mut xml::Out, name: &str, attrs: &[(&str, &str)]| {
        let mut e = BytesStart::new(name);
        for a in attrs {
            e.push_attribute(*a);
        }
        out.write_event(Event::Start(e))
    };
    let end = |out: &mut xml::Out, name: &str| out.write_event(Event::End(BytesEnd::new(name)));
    start(out, "w:r", &[])?;
    start(out, "w:pict", &[])?;
    start(
        out,
        "v:shapetype",
        &[
            ("id", "_x0000_t136"),
            ("coordsize", "21600,21600"),
            ("o:spt", "136"),
            ("adj", "10800"),
            ("path", "m@7,l@8,m@5,21600l@6,21600e"),
        ],
    )?;
    xml::empty(
        out,
        "v:path",
        &[("textpathok", "t"), ("o:connecttype", "custom")],
    )?;
    xml::empty(out, "v:textpath", &[("on", "t"), ("fitshape", "t")])?;
    end(out, "v:shapetype")?;
    start(
        out,
        "v:shape",
        &[
            ("id", "GongkaiWatermark"),
            ("o:spid", "_x0000_s1025"),
            ("type", "#_x0000_t136"),
            (
                "style",
                "position:absolute;margin-left:0;margin-top:0;width:440pt;height:88pt;rotation:315;z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin",
            ),
            ("o:allowincell", "f"),
            ("fillcolor", "#c0c0c0"),
            ("stroked", "f"),
        ],
    )?;
    xml::empty(out, "v:fill", &[("opacity", ".35")])?;
    xml::empty(
        out,
        "v:textpath",
        &[
            ("style", "font-family:\"黑体\";font-size:1pt"),
            ("string", WATERMARK_TEXT),
        ],
    )?;
    end(out, "v:shape")?;
    end(out, "w:pict")?;
    end(out, "w:r")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(
        f: impl FnOnce(&str, &mut dyn Write) -> Result<(), super::super::error::DocxError>,
        xml: &str,
    ) -> String {
        xml::rewritten(|sink| f(xml, sink)).expect("valid XML")
    }

    #[test]
    fn tables_take_the_place_of_the_stand_ins_named_for_them() {
        // The second table's stand-in comes first: names, not order, decide.
        let xml = "<w:body><w:p w14:paraId=\"0000abcd\"/><w:tbl><w:tblPr><w:tblStyle w:val=\"gongkaiTable2\"/><w:tblW w:w=\"0\"/></w:tblPr><w:tblGrid/></w:tbl>\
                   <w:p w14:paraId=\"00000007\"></w:p><w:tbl><w:tblPr><w:tblStyle w:val=\"gongkaiTable1\"/></w:tblPr></w:tbl></w:body>";
        let table = |text: &'static str| TableXml {
            grid: vec![10],
            header_rows: 1,
            rows: vec![vec![table_xml::CellXml {
                width: 10,
                span: 1,
                text: Some(text.into()),
                ..Default::default()
            }]],
            ..TableXml::default()
        };
        let fixes = Fixes {
            tables: vec![table("甲"), table("乙")],
            ..Fixes::default()
        };
        let mut ids = Numbering { next_paragraph: 1 };
        let got = edited(|x, w| document("d", x, &mut ids, &fixes, w), xml);
        assert!(!got.contains("w:w=\"0\""), "the stand-in is gone: {got}");
        assert!(!got.contains("gongkaiTable"), "{got}");
        assert_eq!(got.matches("<w:tblHeader/>").count(), 2, "{got}");
        let order: Vec<usize> = ["00000001", "乙", "00000003", "甲"]
            .iter()
            .map(|s| got.find(s).unwrap_or(usize::MAX))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{got}");
        assert_eq!(ids.next_paragraph, 5, "paragraphs numbered in order: {got}");
        // A table no stand-in name points at is refused, not filled in.
        let unnamed = "<w:body><w:tbl><w:tblPr/></w:tbl></w:body>";
        let mut ids = Numbering { next_paragraph: 1 };
        assert!(xml::rewritten(|sink| document("d", unnamed, &mut ids, &fixes, sink)).is_err());
    }

    #[test]
    fn section_references_come_first() {
        let xml = "<w:sectPr><w:pgSz w:w=\"1\"/><w:cols w:num=\"1\"/><w:footerReference w:type=\"default\" r:id=\"f\"/><w:pgNumType w:start=\"1\"/></w:sectPr>";
        assert_eq!(
            edited(
                |x, w| document("d", x, &mut Numbering::default(), &Fixes::default(), w),
                xml
            ),
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"f\"/><w:pgSz w:w=\"1\"/><w:pgNumType w:start=\"1\"/><w:cols w:num=\"1\"/></w:sectPr>"
        );
    }

    #[test]
    fn language_and_fields() {
        let styles = "<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"32\"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>";
        let got = edited(
            |x, w| set_language("s", x, &mut Numbering::default(), "zh-CN", w),
            styles,
        );
        assert!(
            got.contains("<w:rPr><w:sz w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\""),
            "{got}"
        );
        let settings = "<w:settings><w:defaultTabStop w:val=\"840\"/><w:compat/></w:settings>";
        let got = edited(
            |x, w| update_fields_on_open("s", x, &mut Numbering::default(), w),
            settings,
        );
        assert!(
            got.contains("<w:updateFields w:val=\"true\"/><w:compat/>"),
            "{got}"
        );
    }

    #[test]
    fn the_header_found_by_its_relationship_gets_the_shape() {
        let rels = format!(
            "<Relationships><Relationship Id=\"rIdFooter1\" Target=\"footer1.xml\"/><Relationship Id=\"{}\" Target=\"header7.xml\"/></Relationships>",
            super::HEADER_RID
        );
        let parts = vec![(
            "word/_rels/document.xml.rels".to_string(),
            rels.into_bytes(),
        )];
        assert_eq!(
            watermark_part(&parts).expect("readable").as_deref(),
            Some("word/header7.xml")
        );
        let hdr = "<w:hdr xmlns:w=\"x\"><w:p w14:paraId=\"1\"><w:pPr/></w:p><w:p/></w:hdr>";
        let got = edited(|x, w| watermark("h", x, &mut Numbering::default(), w), hdr);
        assert_eq!(got.matches("string=\"仅供内部审核\"").count(), 1, "{got}");
        assert!(got.contains("xmlns:v=\"urn:schemas-microsoft-com:vml\""));
        let shape = got.find("<w:pict>").expect("a shape");
        assert!(
            shape < got.find("</w:p>").expect("first paragraph closes"),
            "{got}"
        );
        roxmltree::Document::parse(&got.replace("w14:", "")).expect("the shape is well-formed");
        // An empty paragraph opens and closes around it.
        let got = edited(
            |x, w| watermark("h", x, &mut Numbering::default(), w),
            "<w:hdr><w:p/></w:hdr>",
        );
        assert!(
            got.starts_with("<w:hdr xmlns:v=") && got.contains("<w:p><w:r><w:pict>"),
            "{got}"
        );
    }

    #[test]
    fn a_charts_picture_becomes_the_chart_with_its_alt_text() {
        let fixes = Fixes {
            charts: vec![chart_part::ChartPart {
                alt: "甲\"<".into(),
                xml: String::new(),
                workbook: Vec::new(),
            }],
            ..Fixes::default()
        };
        let picture = |embed: &str| {
            format!(
                "<w:drawing><wp:docPr id=\"1\" name=\"a\"/><a:graphic><a:graphicData uri=\"p\"><pic:pic><a:blip r:embed=\"{embed}\"/></pic:pic></a:graphicData></a:graphic></w:drawing>"
            )
        };
        let got = edited(
            |x, w| document("d", x, &mut Numbering::default(), &fixes, w),
            &format!("<p>{}{}</p>", picture("gongkaiChart1"), picture("other")),
        );
        let chart = format!(
            "<w:drawing><wp:docPr id=\"1\" name=\"a\" descr=\"甲&quot;&lt;\"/><a:graphic><a:graphicData uri=\"{}\"><c:chart xmlns:c=\"{}\" xmlns:r=\"{}\" r:id=\"rIdChart1\"/></a:graphicData></a:graphic></w:drawing>",
            chart_part::GRAPHIC_URI,
            chart_part::CHART_NS,
            chart_part::RELATIONSHIPS_NS
        );
        assert_eq!(got, format!("<p>{chart}{}</p>", picture("other")));
    }

    #[test]
    fn core_properties_escape_what_they_quote() {
        let fixes = Fixes {
            title: "A&B<预算>".into(),
            date: "2024-04-15".into(),
            ..Fixes::default()
        };
        let got = core_properties(&fixes).expect("written");
        roxmltree::Document::parse(&got).expect("well-formed");
        assert!(
            got.contains("<dc:title>A&amp;B&lt;预算&gt;</dc:title>"),
            "{got}"
        );
    }
}
