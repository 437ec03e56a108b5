//! The OFD container (GB/T 33190-2016 §7): `OFD.xml` (document info and
//! root), the document (`Document.xml`: page area, resources, pages,
//! outline, viewer preference), the public resources (fonts), and the
//! zip holding them with fixed times and order, so a run is reproducible.

use super::content::{Targets, dest};
use super::error::OfdError;
use super::fonts::Embedded;
use super::ids::Ids;
use super::xml::{Part, nums};
use crate::doc::Document as Doc;
use crate::render::typeset::{self, MM, OutlineEntry};
use sha2::{Digest, Sha256};

pub const DOC_ROOT: &str = "Doc_0/Document.xml";

/// `OFD.xml`; the document's ID is a digest of its parts.
pub fn entry(doc: &Doc, parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, OfdError> {
    let mut hash = Sha256::new();
    for (name, bytes) in parts {
        hash.update(name.as_bytes());
        hash.update(bytes);
    }
    let id: String = hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let m = &doc.meta;
    let mut x = Part::new(
        "OFD",
        &[("Version", "1.0".into()), ("DocType", "OFD".into())],
    )?;
    x.open("DocBody", &[])?;
    x.open("DocInfo", &[])?;
    x.text("DocID", &[], &id)?;
    x.text("Title", &[], &m.title)?;
    x.text("Author", &[], &m.author)?;
    x.text("Subject", &[], &m.subject)?;
    x.text("CreationDate", &[], &m.date)?;
    x.text("Creator", &[], "gongkai")?;
    x.text("CreatorVersion", &[], env!("CARGO_PKG_VERSION"))?;
    x.close()?;
    x.text("DocRoot", &[], DOC_ROOT)?;
    Ok(x.finish()?)
}

/// `PublicRes.xml`: the embedded fonts, files under `Res/`.
pub fn public_res(fonts: &[Embedded]) -> Result<Vec<u8>, OfdError> {
    let mut x = Part::new("Res", &[("BaseLoc", "Res".into())])?;
    if !fonts.is_empty() {
        x.open("Fonts", &[])?;
        for f in fonts {
            let mut attrs = vec![
                ("ID", f.id.to_string()),
                ("FontName", f.name.clone()),
                ("FamilyName", f.family.clone()),
            ];
            if f.bold {
                attrs.push(("Bold", "true".into()));
            }
            x.open("Font", &attrs)?;
            x.text("FontFile", &[], &f.file)?;
            x.close()?;
        }
        x.close()?;
    }
    Ok(x.finish()?)
}

/// `Document.xml`.
/// `area` is the default page size in points (each page also gives its own).
pub fn document(
    area: (f32, f32),
    page_ids: &[u32],
    outline: &[OutlineEntry],
    targets: &Targets,
    ids: &Ids,
) -> Result<Vec<u8>, OfdError> {
    let mut x = Part::new("Document", &[])?;
    x.open("CommonData", &[])?;
    x.text("MaxUnitID", &[], &ids.max().to_string())?;
    x.open("PageArea", &[])?;
    let (w, h) = (area.0 / MM, area.1 / MM);
    x.text("PhysicalBox", &[], &nums(&[0.0, 0.0, w, h]))?;
    x.close()?;
    x.text("PublicRes", &[], "PublicRes.xml")?;
    x.close()?;
    x.open("Pages", &[])?;
    for (i, id) in page_ids.iter().enumerate() {
        x.empty(
            "Page",
            &[
                ("ID", id.to_string()),
                ("BaseLoc", format!("Pages/Page_{i}/Content.xml")),
            ],
        )?;
    }
    x.close()?;
    if !outline.is_empty() {
        x.open("Outlines", &[])?;
        outline_level(&mut x, outline, None, targets)?;
        x.close()?;
        x.open("VPreferences", &[])?;
        x.text("PageMode", &[], "UseOutlines")?;
        x.close()?;
    }
    Ok(x.finish()?)
}

/// The children of `parent`, each with its own children inside it: parts
/// open, deeper levels closed (as in the PDF).
fn outline_level(
    x: &mut Part,
    outline: &[OutlineEntry],
    parent: Option<usize>,
    targets: &Targets,
) -> Result<(), OfdError> {
    for i in typeset::children(outline, parent) {
        let e = &outline[i];
        let expanded = if e.entry.level == 1 { "true" } else { "false" };
        x.open(
            "OutlineElem",
            &[
                ("Title", e.entry.text.clone()),
                ("Expanded", expanded.into()),
            ],
        )?;
        x.open("Actions", &[])?;
        x.open("Action", &[("Event", "CLICK".into())])?;
        x.open("Goto", &[])?;
        x.empty("Dest", &dest(targets, e.page, e.y))?;
        x.close()?;
        x.close()?;
        x.close()?;
        outline_level(x, outline, Some(i), targets)?;
        x.close()?;
    }
    Ok(())
}

/// The container.
pub fn zip(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, OfdError> {
    Ok(crate::render::zipped::deflated(parts)?)
}
