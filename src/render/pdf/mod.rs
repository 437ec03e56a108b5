//! The print-ready PDF: our own typesetting (line breaking with 禁则, fixed
//! pitch, tables with repeated headers, a two-pass 目录) drawn with printpdf
//! and finished with lopdf (outline, links, page labels, metadata).

mod chart;
mod flow;
mod page;
mod paint;
mod post;
mod table;
mod text;

use crate::doc::Document;
use crate::fonts::{FontBook, FontOptions};
use flow::{Flow, Styles};
use page::{Item, Page};
use std::collections::HashMap;
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
}

pub fn render(doc: &Document, options: &Options) -> Result<Vec<u8>, PdfError> {
    render_with(doc, options.draft, &FontBook::new(&options.fonts))
}

/// Renders with fonts already found: a batch scans the system's fonts once.
pub fn render_with(doc: &Document, draft: bool, book: &FontBook) -> Result<Vec<u8>, PdfError> {
    let roles = book.resolve(&doc.fonts);
    let styles = Styles::new(doc, &roles);
    // Lay out until the 目录's page numbers stop changing (twice, normally).
    // The measurer (font data, advances) carries over from pass to pass.
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let mut measure = Measure::new(book);
    let mut pages = Vec::new();
    for _ in 0..4 {
        let mut flow = Flow::new(doc, measure, &styles, draft);
        flow.toc_numbers = numbers.clone();
        let laid_out = flow.run(&doc.blocks);
        measure = flow.m;
        laid_out?;
        let found = printed_numbers(&flow.pages);
        let stable = found == numbers;
        numbers = found;
        pages = flow.pages;
        if stable {
            break;
        }
    }
    // The finishing pass needs only where anchors and links are.
    let skeleton: Vec<Page> = pages.iter().map(Page::skeleton).collect();
    let bytes = paint::paint(pages, &mut measure, &styles, &doc.meta.title)?;
    post::finish(&bytes, &skeleton, doc)
}

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
