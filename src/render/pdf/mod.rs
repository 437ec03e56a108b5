//! The print-ready PDF: the typesetter's pages drawn as lopdf objects
//! (**paint**, with the fonts **embed**ded as subsets), then finished on the
//! same objects (**post**: outline, links, page labels, metadata, and for an
//! archive PDF/A-2b) and written once.

mod archive;
mod deflate;
mod embed;
mod error;
mod icc;
mod paint;
mod post;

pub use archive::Standard;
pub use error::PdfError;

use super::typeset::{self, Page};
use crate::doc::Document;
use crate::fonts::{FontBook, FontOptions};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Stamp 仅供内部审核 diagonally on every page.
    pub draft: bool,
    pub fonts: FontOptions,
    /// Plain PDF or PDF/A-2b.
    pub standard: Standard,
}

pub fn render(doc: &Document, options: &Options) -> Result<Vec<u8>, PdfError> {
    let book = FontBook::new(&options.fonts);
    render_with(doc, options.draft, options.standard, &book)
}

/// Renders with fonts already found: a batch scans the system's fonts once.
pub fn render_with(
    doc: &Document,
    draft: bool,
    standard: Standard,
    book: &FontBook,
) -> Result<Vec<u8>, PdfError> {
    let laid = typeset::prepare(doc, draft, book)?;
    draw(laid.faces(), |sink| laid.pages(sink), doc, standard, book)
}

/// Draws pages the typesetter laid out (an OFD of the same run reads the
/// same pages).
pub fn from_pages(
    pages: Vec<Page>,
    doc: &Document,
    standard: Standard,
    book: &FontBook,
) -> Result<Vec<u8>, PdfError> {
    let faces = typeset::faces_used(&pages);
    draw(
        &faces,
        |sink| pages.into_iter().for_each(sink),
        doc,
        standard,
        book,
    )
}

/// Paints the pages `feed` hands over, one by one, with `faces` embedded,
/// then finishes the file.
fn draw(
    faces: &typeset::FacesUsed,
    feed: impl FnOnce(&mut dyn FnMut(Page)) + Send,
    doc: &Document,
    standard: Standard,
    book: &FontBook,
) -> Result<Vec<u8>, PdfError> {
    let mut painter = paint::Painter::new(book, faces)?;
    // The finishing pass needs only where anchors and links are.
    let mut skeleton = Vec::new();
    painter.paint(|sink| {
        feed(&mut |p| {
            skeleton.push(p.skeleton());
            sink(p);
        })
    });
    post::finish(painter.finish(), &skeleton, doc, standard)
}
