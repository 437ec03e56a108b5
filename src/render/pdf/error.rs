//! Why a PDF could not be made.

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
