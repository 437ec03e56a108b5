//! The OFD (GB/T 33190-2016) file: the typesetter's pages — the very pages
//! of the PDF, same breaks, positions and fonts — written as OFD page
//! descriptions, with the embedded font subsets, the outline, the 目录's
//! links and the document information, for bureaus that file OFD.

mod content;
mod fonts;
mod package;
mod xml;

use super::typeset::{self, Measure, Page};
use crate::doc::Document;
use crate::fonts::FontBook;

/// Why the OFD could not be made.
#[derive(Debug, thiserror::Error)]
pub enum OfdError {
    #[error(transparent)]
    Layout(#[from] crate::fonts::MissingGlyph),
    #[error("无法读取字体文件")]
    FontData,
    #[error("字体“{family}”中没有字符“{ch}”（U+{:04X}），无法写入 OFD", *ch as u32)]
    MissingGlyph { ch: char, family: String },
    #[error("无法截取字体“{family}”的子集：{reason}")]
    Subset { family: String, reason: String },
    #[error("OFD 中的对象过多，超出了编号范围")]
    TooManyObjects,
    #[error("写出 OFD 内容时出错：{0}")]
    Write(#[from] std::io::Error),
    #[error("打包 OFD 文件时出错：{0}")]
    Zip(#[from] zip::result::ZipError),
}

/// Object IDs, given out in order from 1; the last is the document's MaxUnitID.
pub struct Ids(u32);

impl Ids {
    fn next(&mut self) -> Result<u32, OfdError> {
        self.0 = self.0.checked_add(1).ok_or(OfdError::TooManyObjects)?;
        Ok(self.0)
    }
    fn max(&self) -> u32 {
        self.0
    }
}

/// Lays out and writes: for an OFD alone. With a PDF of the same run, lay
/// out once and call [`from_pages`] and the PDF's `from_pages`.
pub fn render_with(doc: &Document, draft: bool, book: &FontBook) -> Result<Vec<u8>, OfdError> {
    let pages = typeset::lay_out(doc, draft, book)?;
    from_pages(&pages, doc, book)
}

pub fn from_pages(pages: &[Page], doc: &Document, book: &FontBook) -> Result<Vec<u8>, OfdError> {
    let mut ids = Ids(0);
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
