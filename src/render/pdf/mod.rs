//! The print-ready PDF, typeset in three stages with plain data between them
//! (as typst's flow layout does): **measure** turns blocks into sized pieces
//! (lines set with 禁则 and justification, table row groups, the chart, the
//! 目录), **distribute** lays them onto pages with every keep and 续表 rule
//! and adds page numbers and the watermark, **paint** draws the pages with
//! printpdf; **post** finishes with lopdf (outline, links, page labels,
//! metadata). The 目录's numbers come from the previous pass.

mod archive;
mod boxes;
mod distribute;
mod icc;
mod linebreak;
mod measure;
mod page;
mod paint;
mod post;
mod setline;
mod style;
mod text;

pub use archive::Standard;

use crate::doc::Document;
use crate::fonts::{FontBook, FontOptions};
use page::{Item, Page, Sheets};
use std::collections::HashMap;
use style::Styles;
use text::Measure;

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    MissingGlyph(#[from] crate::fonts::MissingGlyph),
    #[error("无法读取字体文件")]
    FontData,
    #[error("整理 PDF 结构时出错：{0}")]
    Finish(#[from] lopdf::Error),
    #[error("整理 PDF 结构时出错：页数不一致（排版 {laid_out} 页，写出 {written} 页）")]
    PageCount { laid_out: usize, written: usize },
}

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
    let pages = lay_out(doc, draft, book)?;
    // The finishing pass needs only where anchors and links are.
    let skeleton: Vec<Page> = pages.iter().map(Page::skeleton).collect();
    let bytes = paint::paint(pages, book, &doc.meta.title)?;
    post::finish(&bytes, &skeleton, doc, standard)
}

/// Measures once, then distributes until the 目录's page numbers stop
/// changing (twice, normally), measuring only the 目录 again.
fn lay_out(doc: &Document, draft: bool, book: &FontBook) -> Result<Vec<Page>, PdfError> {
    let roles = book.resolve(&doc.fonts);
    let styles = Styles::new(doc, &roles);
    let sheets = Sheets::a4(&doc.page);
    let mut m = Measure::new(book);
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let mut measured = measure::measure(doc, &mut m, &styles, &numbers, draft)?;
    let mut pages = Vec::new();
    for pass in 0..4 {
        if pass > 0 {
            measured.renumber(doc, &mut m, &styles, &numbers)?;
        }
        pages = distribute::distribute(&measured.elements, sheets, &measured.furniture);
        let found = printed_numbers(&pages);
        let stable = found == numbers;
        numbers = found;
        if stable {
            break;
        }
    }
    Ok(pages)
}

#[cfg(test)]
mod tests;

/// The printed page number of every anchor.
fn printed_numbers(pages: &[Page]) -> HashMap<String, u32> {
    let mut out = HashMap::new();
    for p in pages {
        for item in &p.items {
            if let Item::Anchor { id, .. } = item {
                out.entry(id.clone()).or_insert(p.number.unwrap_or(0));
            }
        }
    }
    out
}
