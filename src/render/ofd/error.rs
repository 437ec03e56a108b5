//! Why an OFD could not be made.

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
