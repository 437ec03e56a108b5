//! Editing a package part as XML events: a reader, a writer and, in between,
//! an edit that sees each event with the names of the elements it is in.
//! Nothing here searches the text of a part.

use super::DocxError;
use quick_xml::Writer;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;

pub type Out = Writer<Vec<u8>>;

/// Streams the part through `edit`. For a start tag the path holds its
/// parents; for an end tag, the parents of the element it closes. `edit`
/// writes whatever should stand in the event's place.
pub fn rewrite(
    part: &str,
    xml: &str,
    ids: &BTreeMap<String, String>,
    mut edit: impl FnMut(Event<'_>, &[String], &mut Out) -> std::io::Result<()>,
) -> Result<String, DocxError> {
    let bad = |reason: String| DocxError::Xml {
        part: part.to_string(),
        reason,
    };
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Writer::new(Vec::with_capacity(xml.len() + 256));
    let mut path: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| bad(e.to_string()))?;
        let event = match event {
            Event::Eof => break,
            Event::Start(e) => Event::Start(renamed(e, ids)),
            Event::Empty(e) => Event::Empty(renamed(e, ids)),
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
    String::from_utf8(out.into_inner()).map_err(|e| bad(e.to_string()))
}

/// The element with every attribute value's image ids renumbered.
fn renamed<'a>(e: BytesStart<'a>, ids: &BTreeMap<String, String>) -> BytesStart<'a> {
    if ids.is_empty() {
        return e;
    }
    let attrs: Vec<(String, String)> = attributes(&e);
    if !attrs.iter().any(|(_, v)| v.contains("mage")) {
        return e;
    }
    let mut out = BytesStart::new(e.name().as_ref().to_string());
    for (k, v) in &attrs {
        out.push_attribute((k.as_str(), rename_ids(v, ids).as_str()));
    }
    out
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

/// Replaces whole ids (not prefixes: rIdImage1 must not hit rIdImage12).
pub fn rename_ids(text: &str, ids: &BTreeMap<String, String>) -> String {
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

/// Image ids as docx-rs numbered them (`rIdImage12`), in order of first
/// appearance in the parts' attribute values.
pub fn image_ids_in(xml: &str, seen: &mut Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for (_, v) in attributes(&e) {
                    let mut rest = v.as_str();
                    while let Some(i) = rest.find("rIdImage") {
                        let digits: String = rest[i + 8..]
                            .chars()
                            .take_while(char::is_ascii_digit)
                            .collect();
                        if !digits.is_empty() && !seen.contains(&digits) {
                            seen.push(digits);
                        }
                        rest = &rest[i + 8..];
                    }
                }
            }
            _ => {}
        }
    }
}
