//! Renderers: each reads only the document tree.

pub mod docx;
pub mod ofd;
pub mod pdf;
mod subset;
pub mod text;
pub mod typeset;
pub mod xlsx;
mod zipped;

use std::io::Write;

/// Why a format could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("生成 PDF 失败：{0}")]
    Pdf(#[from] pdf::PdfError),
    #[error("生成 Excel 文件失败：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("生成 Word 文件失败：{0}")]
    Docx(#[from] docx::DocxError),
    #[error("生成 OFD 文件失败：{0}")]
    Ofd(#[from] ofd::OfdError),
}

/// The draft watermark of the PDF and Word outputs.
pub const WATERMARK_TEXT: &str = "仅供内部审核";

/// Chart colours shared by the PDF and Word charts, muted so that a grey
/// print still tells the slices apart.
pub const CHART_PALETTE: [(u8, u8, u8); 8] = [
    (0x44, 0x72, 0xC4),
    (0xED, 0x7D, 0x31),
    (0xA5, 0xA5, 0xA5),
    (0xFF, 0xC0, 0x00),
    (0x5B, 0x9B, 0xD5),
    (0x70, 0xAD, 0x47),
    (0x26, 0x44, 0x78),
    (0x9E, 0x48, 0x0E),
];
use std::path::Path;

/// Writes a file completely or not at all: a temporary file in the same
/// folder, renamed into place once written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    stage(dir, bytes)?.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Why a new file was not written.
#[derive(Debug)]
pub enum NewFileError {
    /// Something is already at the path (or arrived there meanwhile).
    Exists,
    /// What failed: the folder being made, or the file being written.
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path`, which must not exist yet: never over a file,
/// not even one that arrives while it is written. Its folder is made when
/// missing (a new year's 预算/2025/).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), NewFileError> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(NewFileError::Exists);
    }
    let failed = |at: &Path| {
        let path = at.to_path_buf();
        move |source| NewFileError::Io { path, source }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(failed(dir))?;
    let tmp = stage(dir, bytes).map_err(failed(path))?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            NewFileError::Exists
        } else {
            failed(path)(e.error)
        }
    })?;
    Ok(())
}

/// A temporary file in `dir` holding `bytes`, synced, to be renamed into
/// place. Temporary files are private (0600); a published file is readable
/// like any file.
pub fn stage(dir: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".gongkai-tmp-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// A file name from a document title: characters that paths or common
/// systems reject become full-width or are dropped.
pub fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '/' | '\\' => '／',
            ':' => '：',
            '*' => '＊',
            '?' => '？',
            '"' => '＂',
            '<' => '＜',
            '>' => '＞',
            '|' => '｜',
            c => c,
        })
        .collect();
    let stem = stem.trim().trim_matches('.').to_string();
    if stem.is_empty() {
        "预算公开".into()
    } else {
        stem
    }
}
