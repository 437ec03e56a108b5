//! Why a Word document could not be made.

/// Why the Word document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("无法创建图片")]
    Picture,
    #[error("无法编码图片：{0}")]
    Png(String),
    #[error("无法生成图表的数据工作簿：{0}")]
    ChartData(#[from] rust_xlsxwriter::XlsxError),
    /// docx-rs packs with its own zip version; its error is kept as said.
    #[error("打包失败：{0}")]
    Pack(String),
    #[error("读取打包结果失败：{0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("读写文档部件失败：{0}")]
    Io(#[from] std::io::Error),
    #[error("文档部件 {part} 不是有效的 XML：{reason}")]
    Xml { part: String, reason: String },
    #[error("文档部件 {part} 写完时仍有元素未闭合")]
    Unclosed { part: String },
}
