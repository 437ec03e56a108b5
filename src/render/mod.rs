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

/// The creation time written into a workbook (the tables' and the Word
/// chart's data): the document's ISO date (2024-04-15), or 2000-01-01 when
/// it has none, so equal documents give equal bytes.
pub fn created(date: &str) -> Result<rust_xlsxwriter::ExcelDateTime, rust_xlsxwriter::XlsxError> {
    let ymd = || -> Option<(u16, u8, u8)> {
        let mut parts = date.split('-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        Some((y, m, d))
    };
    let (y, m, d) = ymd().unwrap_or((2000, 1, 1));
    rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d)
}

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
    write_all_new(&[(path, bytes)]).map_err(|(_, e)| e)
}

/// Writes every file or none (a new year's drafts of a whole folder): each
/// is first staged beside its target, so a full disk fails before any file
/// appears; then each is moved into place, never over a file, and should
/// one of those moves fail, the files this call put in place are taken
/// back. The error names the file it is about.
pub fn write_all_new(files: &[(&Path, &[u8])]) -> Result<(), (std::path::PathBuf, NewFileError)> {
    let failed = |at: &Path| {
        let path = at.to_path_buf();
        move |source| (path.clone(), NewFileError::Io { path, source })
    };
    for (path, _) in files {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err((path.to_path_buf(), NewFileError::Exists));
        }
    }
    let mut staged = Vec::new();
    for (path, bytes) in files {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(failed(dir))?;
        staged.push((*path, stage(dir, bytes).map_err(failed(path))?));
    }
    let mut placed: Vec<&Path> = Vec::new();
    for (path, tmp) in staged {
        if let Err(e) = tmp.persist_noclobber(path) {
            for done in &placed {
                let _ = std::fs::remove_file(done);
            }
            let error = if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                NewFileError::Exists
            } else {
                NewFileError::Io {
                    path: path.to_path_buf(),
                    source: e.error,
                }
            };
            return Err((path.to_path_buf(), error));
        }
        placed.push(path);
    }
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
        shortened(&stem)
    }
}

/// The most bytes of a name made from a title: file systems take 255 a
/// name, and a format's ending (公开表.xlsx) is added to it.
const MAX_STEM_BYTES: usize = 180;

/// A stem too long for a file name keeps its start and its end (where the
/// year and the kind of document are) around a “…”: a 2,000-character unit
/// name passed check and then failed the build at writing.
fn shortened(stem: &str) -> String {
    if stem.len() <= MAX_STEM_BYTES {
        return stem.to_string();
    }
    let mut head = String::new();
    for c in stem.chars() {
        if head.len() + c.len_utf8() > MAX_STEM_BYTES * 2 / 3 {
            break;
        }
        head.push(c);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut bytes = 0;
    for c in stem.chars().rev() {
        if bytes + c.len_utf8() > MAX_STEM_BYTES / 3 - 3 {
            break;
        }
        bytes += c.len_utf8();
        tail.push(c);
    }
    let tail: String = tail.into_iter().rev().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_gives_a_name_a_file_system_takes() {
        let title = format!("{}2024年度单位预算公开", "长".repeat(2000));
        let stem = file_stem(&title);
        assert!(stem.len() <= MAX_STEM_BYTES, "{}", stem.len());
        assert!(
            stem.starts_with("长长") && stem.ends_with("2024年度单位预算公开"),
            "{stem}"
        );
        assert_eq!(
            file_stem("大同市财政局2024年度部门预算公开"),
            "大同市财政局2024年度部门预算公开"
        );
    }

    /// Nothing is left when one of the files cannot be written (here its
    /// folder cannot be made; a full disk fails the same way, while
    /// staging), and a second run with the cause gone writes them all.
    #[test]
    fn every_new_file_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        let blocker = dir.path().join("sub");
        std::fs::write(&blocker, b"a file where a folder should be").unwrap();
        let b = blocker.join("b.yaml");
        let (at, e) = write_all_new(&[(&a, b"a"), (&b, b"b")]).unwrap_err();
        assert_eq!(at, blocker);
        assert!(matches!(e, NewFileError::Io { .. }));
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "only the blocker: {left:?}");
        std::fs::remove_file(&blocker).unwrap();
        write_all_new(&[(&a, b"a"), (&b, b"b")]).unwrap();
        assert_eq!(std::fs::read(&b).unwrap(), b"b");
        // Never over a file, and then nothing at all is written.
        let c = dir.path().join("c.yaml");
        let (at, e) = write_all_new(&[(&c, b"c"), (&a, b"x")]).unwrap_err();
        assert_eq!((at, matches!(e, NewFileError::Exists)), (a.clone(), true));
        assert!(!c.exists());
        assert_eq!(std::fs::read(&a).unwrap(), b"a");
    }
}
