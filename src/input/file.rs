//! Reading a file's bytes: bounded, regular files only, and for a file
//! found inside a folder (a layout set's block file, a catalogue of its
//! `catalog/` folder), only when its real path is inside that folder.

use std::path::Path;

/// Why a file's bytes could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("无法读取文件：文件不存在")]
    NotFound,
    #[error("无法读取文件：没有读取权限")]
    Denied,
    #[error("这是一个文件夹，不是预算文件")]
    Folder,
    #[error("这不是普通文件（可能是设备、管道或套接字），不是预算文件")]
    NotRegular,
    #[error("文件过大")]
    TooLarge,
    #[error("这是指向所在文件夹之外的链接，为安全起见不读取")]
    Outside,
    #[error("无法读取文件：{}", crate::diagnostic::os_reason(.0))]
    Io(std::io::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadError::Denied,
            _ => ReadError::Io(e),
        }
    }
}

/// Reads a regular file of at most `limit` bytes. Anything else (a folder, a
/// pipe that would block forever, a device that never ends) is refused
/// before it is opened, and at most `limit + 1` bytes are ever read, in case
/// the file grows meanwhile. A file the user names may be a link: it is
/// their choice.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge);
    }
    let file = std::fs::File::open(path)?;
    // The file may have been swapped for a pipe since the check above.
    if !file.metadata()?.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// `read_bounded` for a file found inside `folder`: its real path (every
/// link resolved) must be inside the folder's real path, so a link in a
/// layout set to /etc/passwd is refused before a byte of it is read.
pub fn read_within(folder: &Path, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let real = std::fs::canonicalize(path)?;
    if !inside(folder, &real) {
        return Err(ReadError::Outside);
    }
    read_bounded(&real, limit)
}

/// `read_within` for a file found in `folder`, `read_bounded` for one the
/// user named (`None`): a catalogue given with --catalog or found in a
/// layout set's catalog/.
pub fn read_found(folder: Option<&Path>, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    match folder {
        Some(folder) => read_within(folder, path, limit),
        None => read_bounded(path, limit),
    }
}

/// Whether `real` (already resolved) lies inside `folder`'s real path.
pub fn inside(folder: &Path, real: &Path) -> bool {
    std::fs::canonicalize(folder).is_ok_and(|f| real.starts_with(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn a_link_out_of_its_folder_is_refused_and_one_inside_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let set = dir.path().join("set");
        std::fs::create_dir(&set).unwrap();
        std::fs::write(dir.path().join("secret"), "root:x:0:0").unwrap();
        std::fs::write(set.join("a.yaml"), "a: 1").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), set.join("out.yaml")).unwrap();
        std::os::unix::fs::symlink(set.join("a.yaml"), set.join("in.yaml")).unwrap();
        assert!(matches!(
            read_within(&set, &set.join("out.yaml"), 100),
            Err(ReadError::Outside)
        ));
        assert_eq!(
            read_within(&set, &set.join("in.yaml"), 100).unwrap(),
            b"a: 1"
        );
        assert!(matches!(
            read_within(&set, &set.join("none.yaml"), 100),
            Err(ReadError::NotFound)
        ));
    }
}
