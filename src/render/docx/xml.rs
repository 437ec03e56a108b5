//! Editing a package part as XML events: a reader, a writer and, in between,
//! an edit that sees each event with the names of the elements it is in.
//! Nothing here searches the text of a part.

use super::DocxError;
use super::schema::Ordered;
use quick_xml::Writer;
use quick_xml::events::{BytesStart, Event};
use std::io::Write;

/// The ids docx-rs gives from process-wide counters, given again in order
/// of appearance so that every document is the same. (Its picture ids need
/// none: its only picture, the chart's stand-in, is written over and left
/// out, [`super::post`].)
#[derive(Debug, Default)]
pub struct Numbering {
    /// The next paragraph's `w14:paraId`.
    pub next_paragraph: u32,
}

/// The writer of a part. It numbers paragraphs itself: docx-rs takes their
/// ids from a per-thread counter when a paragraph is made, and the tables
/// written here ([`super::table_xml`]) are made without docx-rs. And it
/// writes property elements' children in schema order ([`Ordered`]).
pub struct Out<'w> {
    writer: Writer<&'w mut dyn Write>,
    next_paragraph: u32,
    ordered: Ordered,
    ready: Vec<Event<'static>>,
}

const PARAGRAPH_ID: &str = "w14:paraId";

impl<'w> Out<'w> {
    pub fn new(next_paragraph: u32, sink: &'w mut dyn Write) -> Out<'w> {
        Out {
            writer: Writer::new(sink),
            next_paragraph,
            ordered: Ordered::default(),
            ready: Vec::new(),
        }
    }

    /// A paragraph with an id keeps its place and gets the next id.
    pub fn write_event(&mut self, event: Event<'_>) -> std::io::Result<()> {
        let numbered = |e: &BytesStart| {
            is(e, "w:p") && e.try_get_attribute(PARAGRAPH_ID).ok().flatten().is_some()
        };
        let event = match event {
            Event::Start(e) if numbered(&e) => Event::Start(self.renumbered(&e)),
            Event::Empty(e) if numbered(&e) => Event::Empty(self.renumbered(&e)),
            other => other,
        };
        self.emit(event)
    }

    /// Writes what may be written of an event, in schema order.
    fn emit(&mut self, event: Event<'_>) -> std::io::Result<()> {
        if !self.ordered.takes(&event) {
            return self.writer.write_event(event);
        }
        self.ordered.push(event, &mut self.ready);
        for e in self.ready.drain(..) {
            self.writer.write_event(e)?;
        }
        Ok(())
    }

    fn renumbered(&mut self, e: &BytesStart) -> BytesStart<'static> {
        let id = self.take_paragraph_id();
        let mut out = BytesStart::new("w:p");
        for (k, v) in attributes(e) {
            let v = if k == PARAGRAPH_ID { id.clone() } else { v };
            out.push_attribute((k.as_str(), v.as_str()));
        }
        out
    }

    /// Opens a paragraph with the next id.
    pub fn paragraph_start(&mut self) -> std::io::Result<()> {
        let mut p = BytesStart::new("w:p");
        let id = self.take_paragraph_id();
        p.push_attribute((PARAGRAPH_ID, id.as_str()));
        self.emit(Event::Start(p))
    }

    /// Whether every element opened has been closed and written.
    pub fn is_done(&self) -> bool {
        self.ordered.is_done()
    }

    fn take_paragraph_id(&mut self) -> String {
        let id = format!("{:08x}", self.next_paragraph);
        self.next_paragraph = self.next_paragraph.saturating_add(1);
        id
    }

    /// The next paragraph's id.
    pub fn next_paragraph(&self) -> u32 {
        self.next_paragraph
    }
}

/// Streams the part through `edit` into `sink`. For a start tag the path
/// holds its parents; for an end tag, the parents of the element it closes.
/// `edit` writes whatever should stand in the event's place.
pub fn rewrite(
    part: &str,
    xml: &str,
    ids: &mut Numbering,
    sink: &mut dyn Write,
    mut edit: impl FnMut(Event<'_>, &[String], &mut Out) -> std::io::Result<()>,
) -> Result<(), DocxError> {
    let bad = |reason: String| DocxError::Xml {
        part: part.to_string(),
        reason,
    };
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Out::new(ids.next_paragraph, sink);
    let mut path: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| bad(e.to_string()))?;
        let event = match event {
            Event::Eof => break,
            other => other,
        };
        match &event {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                edit(event.borrow(), &path, &mut out).map_err(|e| bad(e.to_string()))?;
                path.push(name);
            }
            Event::End(_) => {
                path.pop();
                edit(event, &path, &mut out).map_err(|e| bad(e.to_string()))?;
            }
            _ => edit(event, &path, &mut out).map_err(|e| bad(e.to_string()))?,
        }
    }
    if !out.is_done() {
        return Err(DocxError::Unclosed {
            part: part.to_string(),
        });
    }
    ids.next_paragraph = out.next_paragraph();
    Ok(())
}

/// A part rewritten into a string (for the tests of edits).
#[cfg(test)]
pub fn rewritten(
    write: impl FnOnce(&mut dyn Write) -> Result<(), DocxError>,
) -> Result<String, DocxError> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    String::from_utf8(bytes).map_err(|e| DocxError::Xml {
        part: "test".into(),
        reason: e.to_string(),
    })
}

/// An element's attributes as (name, unescaped value).
pub fn attributes(e: &BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (a.key.as_ref().to_string(), value)
        })
        .collect()
}

/// Whether a closing tag's qualified name is `name`.
pub fn is_end(e: &quick_xml::events::BytesEnd, name: &str) -> bool {
    e.name().as_ref() == name
}

/// Whether an element's qualified name is `name`.
pub fn is(e: &BytesStart, name: &str) -> bool {
    e.name().as_ref() == name
}

/// An empty element with attributes.
pub fn empty(out: &mut Out, name: &str, attrs: &[(&str, &str)]) -> std::io::Result<()> {
    let mut e = BytesStart::new(name);
    for a in attrs {
        e.push_attribute(*a);
    }
    out.write_event(Event::Empty(e))
}
