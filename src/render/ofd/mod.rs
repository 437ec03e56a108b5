//! The OFD (GB/T 33190-2016) file: the typesetter's pages — the very pages
//! of the PDF, same breaks, positions and fonts — written as OFD page
//! descriptions, with the embedded font subsets, the outline, the 目录's
//! links and the document information, for bureaus that file OFD.

mod content;
mod error;
mod fonts;
mod ids;
mod package;
mod xml;

pub use error::OfdError;
use ids::Ids;

use super::typeset::{self, Measure, Page};
use crate::doc::Document;
use crate::fonts::FontBook;

/// Lays out and writes: for an OFD alone. With a PDF of the same run, lay
/// out once and call [`from_pages`] and the PDF's `from_pages`.
pub fn render_with(doc: &Document, draft: bool, book: &FontBook) -> Result<Vec<u8>, OfdError> {
    let pages = typeset::lay_out(doc, draft, book)?;
    from_pages(&pages, doc, book)
}

pub fn from_pages(pages: &[Page], doc: &Document, book: &FontBook) -> Result<Vec<u8>, OfdError> {
    let mut ids = Ids::new();
    let fonts = fonts::embed(pages, book, &mut ids)?;
    let page_ids = pages
        .iter()
        .map(|_| ids.next())
        .collect::<Result<Vec<u32>, OfdError>>()?;
    let anchors = typeset::anchors(pages);
    let targets = content::Targets {
        pages,
        page_ids: &page_ids,
        anchors: &anchors,
    };
    let font_ids = fonts::ids(&fonts);
    let mut measure = Measure::new(book);
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    {
        let mut painter = content::Painter {
            fonts: &font_ids,
            measure: &mut measure,
            ids: &mut ids,
            targets: &targets,
        };
        for (i, p) in pages.iter().enumerate() {
            let xml = content::page(p, &mut painter)?;
            parts.push((format!("Doc_0/Pages/Page_{i}/Content.xml"), xml));
        }
    }
    let outline = typeset::outline(&doc.toc_entries(), &anchors);
    let area = pages.first().map(|p| (p.width, p.height)).unwrap_or((
        doc.page.paper.width_mm * typeset::MM,
        doc.page.paper.height_mm * typeset::MM,
    ));
    let document = package::document(area, &page_ids, &outline, &targets, &ids)?;
    let mut head = vec![
        (package::DOC_ROOT.to_string(), document),
        (
            "Doc_0/PublicRes.xml".to_string(),
            package::public_res(&fonts)?,
        ),
    ];
    head.extend(
        fonts
            .into_iter()
            .map(|f| (format!("Doc_0/Res/{}", f.file), f.bytes)),
    );
    head.append(&mut parts);
    let entry = package::entry(doc, &head)?;
    head.insert(0, ("OFD.xml".to_string(), entry));
    package::zip(&head)
}
