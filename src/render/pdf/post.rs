//! What the pages alone do not say, added to the painted objects: a nested
//! outline pointing at each heading's position, 目录 links, page labels
//! matching the printed numbers, the document's metadata and language, and
//! a fixed file identifier so output is reproducible.

use super::archive::Standard;
use super::deflate::deflate;
use crate::doc::{Document as Doc, TocEntry};
use crate::render::typeset::{self, Item, Page, PageKind};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use std::collections::HashMap;

/// A PDF text string: UTF-16BE with a byte-order mark.
fn text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn dest(page: ObjectId, y: f32) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        name("XYZ"),
        Object::Integer(0),
        Object::Real(y),
        Object::Integer(0),
    ])
}

/// Who made the file, in the Info dictionary and the XMP alike.
const PRODUCER: &str = "gongkai (lopdf)";

pub fn finish(
    mut pdf: Document,
    pages: &[Page],
    doc: &Doc,
    standard: Standard,
) -> Result<Vec<u8>, super::error::PdfError> {
    pdf.version = "1.7".to_string();
    let page_ids: Vec<ObjectId> = pdf.get_pages().values().copied().collect();
    if page_ids.len() != pages.len() {
        return Err(super::error::PdfError::PageCount {
            laid_out: pages.len(),
            written: page_ids.len(),
        });
    }
    let anchors = typeset::anchors(pages);
    // 目录 links.
    for (i, p) in pages.iter().enumerate() {
        let mut annots = Vec::new();
        for item in &p.items {
            if let Item::Link { rect, target } = item
                && let Some(&(tp, ty)) = anchors.get(target.as_str())
            {
                let mut d = Dictionary::new();
                d.set("Type", name("Annot"));
                d.set("Subtype", name("Link"));
                d.set(
                    "Rect",
                    Object::Array(rect.iter().map(|v| Object::Real(*v)).collect()),
                );
                d.set("Border", Object::Array(vec![0.into(), 0.into(), 0.into()]));
                d.set("Dest", dest(page_ids[tp], ty));
                annots.push(Object::Reference(pdf.add_object(d)));
            }
        }
        if !annots.is_empty() {
            let page = pdf
                .get_object_mut(page_ids[i])
                .and_then(Object::as_dict_mut)?;
            page.set("Annots", Object::Array(annots));
        }
    }
    let outlines = outline(&mut pdf, &doc.toc_entries(), &anchors, &page_ids);
    let labels = page_labels(pages);
    let labels_id = pdf.add_object(labels);
    let info = info(doc);
    let info_id = pdf.add_object(info);
    let root = pdf.trailer.get(b"Root").and_then(Object::as_reference)?;
    {
        let catalog = pdf.get_object_mut(root).and_then(Object::as_dict_mut)?;
        catalog.remove(b"Metadata");
        catalog.remove(b"Outlines");
        if let Some(o) = outlines {
            catalog.set("Outlines", Object::Reference(o));
            catalog.set("PageMode", name("UseOutlines"));
        }
        catalog.set("PageLabels", Object::Reference(labels_id));
        catalog.set("Lang", text(&doc.meta.language));
    }
    pdf.trailer.set("Info", Object::Reference(info_id));
    if standard == Standard::A2b {
        super::archive::make_archival(&mut pdf, root, &doc.meta, PRODUCER);
    }
    pdf.prune_objects();
    pdf.renumber_objects();
    compress(&mut pdf);
    // Sized near the file at once: grown by doubling, the first save
    // copied it through ever larger fresh memory.
    let streams: usize = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .map(|s| s.content.len())
        .sum();
    let mut out = Vec::with_capacity(streams + 256 * pdf.objects.len());
    // The identifier is the first 16 bytes of the SHA-256 of the file as
    // saved without it: equal documents get equal identifiers, on any
    // toolchain (std's DefaultHasher promises no stable output).
    pdf.save_to(&mut out).map_err(lopdf::Error::IO)?;
    let digest = crate::hash::digest(&out);
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    out.clear();
    pdf.save_to(&mut out).map_err(lopdf::Error::IO)?;
    Ok(out)
}

/// Deflates every stream that may be (not the XMP), each on its own: the
/// font programs and pages of a long document compress in parallel. The
/// bytes are those of lopdf's own pass (zlib, best), in any thread order.
fn compress(pdf: &mut Document) {
    use rayon::prelude::*;
    let mut streams: Vec<&mut lopdf::Stream> = pdf
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression => Some(s),
            _ => None,
        })
        .collect();
    streams.par_iter_mut().for_each(|s| deflate(s));
}

fn info(doc: &Doc) -> Dictionary {
    let m = &doc.meta;
    let date = format!("D:{}000000Z", m.date.replace('-', ""));
    let mut d = Dictionary::new();
    d.set("Title", text(&m.title));
    d.set("Author", text(&m.author));
    d.set("Subject", text(&m.subject));
    d.set("Creator", text("gongkai"));
    d.set("Producer", text(PRODUCER));
    d.set(
        "CreationDate",
        Object::String(date.clone().into_bytes(), StringFormat::Literal),
    );
    d.set(
        "ModDate",
        Object::String(date.into_bytes(), StringFormat::Literal),
    );
    d
}

/// Front matter in roman numerals, the body from 1 as printed.
fn page_labels(pages: &[Page]) -> Dictionary {
    let mut nums = Vec::new();
    let first_body = pages
        .iter()
        .position(|p| p.kind == PageKind::Body && p.number.is_some());
    if first_body != Some(0) {
        let mut d = Dictionary::new();
        d.set("S", name("r"));
        nums.push(Object::Integer(0));
        nums.push(Object::Dictionary(d));
    }
    if let Some(i) = first_body {
        let mut d = Dictionary::new();
        d.set("S", name("D"));
        d.set(
            "St",
            Object::Integer(i64::from(pages[i].number.unwrap_or(1))),
        );
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Dictionary(d));
    }
    let mut labels = Dictionary::new();
    labels.set("Nums", Object::Array(nums));
    labels
}

/// The nested outline: parts → tables and sections → sub-sections.
fn outline(
    pdf: &mut Document,
    entries: &[&TocEntry],
    anchors: &HashMap<&str, (usize, f32)>,
    page_ids: &[ObjectId],
) -> Option<ObjectId> {
    let placed = typeset::outline(entries, anchors);
    if placed.is_empty() {
        return None;
    }
    let root = pdf.new_object_id();
    let ids: Vec<ObjectId> = placed.iter().map(|_| pdf.new_object_id()).collect();
    let children = |p: Option<usize>| typeset::children(&placed, p);
    for (i, here) in placed.iter().enumerate() {
        let (e, page, y) = (here.entry, here.page, here.y);
        let siblings = children(here.parent);
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut d = Dictionary::new();
        d.set("Title", text(&e.text));
        d.set(
            "Parent",
            Object::Reference(here.parent.map(|p| ids[p]).unwrap_or(root)),
        );
        d.set("Dest", dest(page_ids[page], y));
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if pos + 1 < siblings.len() {
            d.set("Next", Object::Reference(ids[siblings[pos + 1]]));
        }
        let kids = children(Some(i));
        if let (Some(f), Some(l)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(ids[*f]));
            d.set("Last", Object::Reference(ids[*l]));
            // Parts open, deeper levels closed.
            let count = kids.len() as i64;
            d.set(
                "Count",
                Object::Integer(if e.level == 1 { count } else { -count }),
            );
        }
        pdf.objects.insert(ids[i], Object::Dictionary(d));
    }
    let top = children(None);
    let mut r = Dictionary::new();
    r.set("Type", name("Outlines"));
    if let (Some(f), Some(l)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[*f]));
        r.set("Last", Object::Reference(ids[*l]));
    }
    r.set("Count", Object::Integer(top.len() as i64));
    pdf.objects.insert(root, Object::Dictionary(r));
    Some(root)
}
