//! One package on disk: a folder under the output folder, replaced whole.
//!
//! The new package is written into a hidden staging folder beside it and
//! swapped in by two renames, so a failing or killed run leaves the previous
//! package complete (at worst under its hidden name, which the next run puts
//! back). Each folder carries a manifest of what it was built from, and
//! only a folder with a manifest is ever replaced or removed: whatever else
//! sits in the output folder is the user's and stays untouched.

use crate::hash::sha256;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The manifest's name inside each package folder.
pub const MANIFEST: &str = ".gongkai.json";
const STAGING_PREFIX: &str = ".gongkai-new-";
const OLD_PREFIX: &str = ".gongkai-old-";
const LOCK: &str = ".gongkai.lock";
/// Written first into every staging folder, so recovery removes only
/// staging folders gongkai made.
const STAGING_MARK: &str = ".gongkai-staging";

/// Why a package could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "{}已存在，但不是 gongkai 生成的（其中没有 {MANIFEST}）：为免误删，未覆盖；请将它改名或移走后再运行",
        .0.display()
    )]
    NotOurs(PathBuf),
    #[error("{} 是存放输入文件的文件夹（或其上级），不能用作输出：为免覆盖预算文件，未写入；请用 -o 另选输出文件夹", .0.display())]
    HoldsInput(PathBuf),
    #[error("无法写入 {}：{}", path.display(), crate::diagnostic::os_reason(source))]
    Io { path: PathBuf, source: io::Error },
}

/// Why the output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("另一个 gongkai batch 正在向 {} 写入，请等它结束后再运行", .0.display())]
    Busy(PathBuf),
    #[error("无法锁定 {}：{}", path.display(), crate::diagnostic::os_reason(source))]
    Io { path: PathBuf, source: io::Error },
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub tool_version: String,
    /// Hash of everything the package was built from.
    pub inputs: String,
    pub source: String,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileEntry {
    pub name: String,
    pub sha256: String,
}

/// A folder name from a unit's name that stays one plain path component
/// inside the output folder, whatever the name holds (`../../etc`, `a/b`).
pub fn folder_name(name: &str) -> String {
    let stem = crate::render::file_stem(name);
    let trimmed = stem.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let candidate = if trimmed.is_empty() {
        "未命名单位".to_string()
    } else {
        trimmed.to_string()
    };
    let mut parts = Path::new(&candidate).components();
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(_)), None) if !is_reserved(&candidate) => candidate,
        _ => format!("单位-{}", &sha256(name.as_bytes())[..8]),
    }
}

/// Names gongkai keeps for itself in an output folder.
pub fn is_reserved(name: &str) -> bool {
    name.starts_with(".gongkai") || name == super::summary::SUMMARY_FILE
}

/// Whether `dir` is a package folder gongkai wrote: a real folder (not a
/// link) holding a manifest that parses.
pub fn is_ours(dir: &Path) -> bool {
    manifest(dir).is_some()
}

/// The manifest of the package at `dir`, when it is one.
pub fn manifest(dir: &Path) -> Option<Manifest> {
    let meta = fs::symlink_metadata(dir).ok()?;
    if !meta.is_dir() {
        return None;
    }
    let path = dir.join(MANIFEST);
    if !fs::symlink_metadata(&path).ok()?.is_file() {
        return None;
    }
    let bytes = crate::load::read_bounded(&path, 1 << 20).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Refuses a target that exists and is not a package of ours, or that holds
/// an input (`inputs` canonical).
pub fn may_replace(dir: &Path, inputs: &[PathBuf]) -> Result<(), WriteError> {
    if let Ok(target) = fs::canonicalize(dir)
        && inputs.iter().any(|i| i.starts_with(&target))
    {
        return Err(WriteError::HoldsInput(dir.to_path_buf()));
    }
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        _ if is_ours(dir) => Ok(()),
        _ => Err(WriteError::NotOurs(dir.to_path_buf())),
    }
}

/// The files the package at `dir` lists, when it was built from `inputs` and
/// every file is still there as written.
pub fn current(dir: &Path, inputs: &str) -> Option<Vec<PathBuf>> {
    let manifest = manifest(dir)?;
    if manifest.inputs != inputs {
        return None;
    }
    let mut files = Vec::new();
    for f in &manifest.files {
        let path = dir.join(&f.name);
        if sha256(&crate::load::read_bounded(&path, 1 << 30).ok()?) != f.sha256 {
            return None;
        }
        files.push(path);
    }
    Some(files)
}

/// Writes the package into `dir`, replacing the package that was there; a
/// folder gongkai did not write is refused (see `may_replace`).
pub fn write(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    inputs: &str,
    source: &str,
    protected: &[PathBuf],
) -> Result<Vec<PathBuf>, WriteError> {
    may_replace(dir, protected)?;
    // The name the package being replaced moves to must be free or ours.
    if let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) {
        let old = parent.join(format!("{OLD_PREFIX}{}", name.to_string_lossy()));
        if exists(&old) && !remove_if_empty(&old) && !is_ours(&old) {
            return Err(WriteError::NotOurs(old));
        }
    }
    swap_in(dir, files, inputs, source).map_err(|source| WriteError::Io {
        path: dir.to_path_buf(),
        source,
    })
}

fn swap_in(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    inputs: &str,
    source: &str,
) -> io::Result<Vec<PathBuf>> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| io::Error::other("输出文件夹名称无效"))?;
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(parent)?;
    write_synced(&staging.path().join(STAGING_MARK), b"")?;
    let mut entries = Vec::new();
    for (file, bytes) in files {
        write_synced(&staging.path().join(file), bytes)?;
        entries.push(FileEntry {
            name: file.clone(),
            sha256: sha256(bytes),
        });
    }
    let manifest = Manifest {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        inputs: inputs.to_string(),
        source: source.to_string(),
        files: entries,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(io::Error::other)?;
    write_synced(&staging.path().join(MANIFEST), &json)?;
    fs::remove_file(staging.path().join(STAGING_MARK))?;
    set_mode(staging.path(), 0o755)?;
    let old = parent.join(format!("{OLD_PREFIX}{name}"));
    if exists(&old) && !remove_if_empty(&old) {
        if !is_ours(&old) {
            return Err(io::Error::other(format!(
                "{} 不是 gongkai 生成的，未删除：请移走后再运行",
                old.display()
            )));
        }
        remove_package(&old)?;
    }
    let staged = staging.keep();
    if exists(dir) {
        fs::rename(dir, &old)?;
    }
    if let Err(e) = fs::rename(&staged, dir) {
        // Put the previous package back rather than leave nothing.
        if old.exists() {
            let _ = fs::rename(&old, dir);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(e);
    }
    // `old` is the package `may_replace` vouched for.
    if exists(&old) {
        remove_package(&old)?;
    }
    sync_dir(parent);
    Ok(files.iter().map(|(f, _)| dir.join(f)).collect())
}

/// Why an output folder could not be made ready.
#[derive(Debug, thiserror::Error)]
pub enum ReadyError {
    #[error("无法创建输出文件夹 {}：{}", path.display(), crate::diagnostic::os_reason(source))]
    Create { path: PathBuf, source: io::Error },
    #[error("输出文件夹 {} 是输入的文件夹：请另选一个输出文件夹", .0.display())]
    IsInput(PathBuf),
    #[error("{} 已存在且不是文件夹：-o 指定的是输出文件夹，请另选一个", .0.display())]
    NotAFolder(PathBuf),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("无法整理输出文件夹 {}：{}", path.display(), crate::diagnostic::os_reason(source))]
    Recover { path: PathBuf, source: io::Error },
}

/// Makes an output folder ready: created, not one of the `inputs`
/// (canonical), locked for this run, and cleaned of what a killed run left.
/// The lock is held as long as the file returned.
pub fn ready(out: &Path, inputs: &[PathBuf]) -> Result<Lock, ReadyError> {
    if fs::symlink_metadata(out).is_ok_and(|m| !m.is_dir()) && !out.is_dir() {
        return Err(ReadyError::NotAFolder(out.to_path_buf()));
    }
    fs::create_dir_all(out).map_err(|source| ReadyError::Create {
        path: out.to_path_buf(),
        source,
    })?;
    if let Ok(o) = fs::canonicalize(out)
        && inputs.contains(&o)
    {
        return Err(ReadyError::IsInput(out.to_path_buf()));
    }
    let lock = lock(out)?;
    recover(out).map_err(|source| ReadyError::Recover {
        path: out.to_path_buf(),
        source,
    })?;
    Ok(lock)
}

/// The output folder held for a run. Dropped, it removes its file before
/// letting go, so that no lock file stays behind; a run that opened the
/// same file meanwhile finds it gone from the folder and stands down.
pub struct Lock {
    file: fs::File,
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        if same_file(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether `path` still names the file held open.
fn same_file(file: &fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Elsewhere an open file cannot be removed or replaced under its
        // name, so the name is the file.
        let _ = file;
        path.is_file()
    }
}

/// Holds the output folder for this run: a second batch into the same
/// folder would take the first one's staging folders for leftovers. The
/// lock goes with the process, however it ends.
pub fn lock(out: &Path) -> Result<Lock, LockError> {
    let path = out.join(LOCK);
    let io = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(io(io::Error::other("不是普通文件")));
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        // Locked, but the run that held it may have removed it meanwhile:
        // then another run may hold a new one under the same name.
        Ok(()) if !same_file(&file, &path) => Err(LockError::Busy(out.to_path_buf())),
        Ok(()) => Ok(Lock { file, path }),
        Err(fs::TryLockError::WouldBlock) => Err(LockError::Busy(out.to_path_buf())),
        Err(fs::TryLockError::Error(e)) => Err(io(e)),
    }
}

/// Undoes what a killed run left in `out`: a package moved aside but not
/// replaced goes back; unfinished staging folders go. Only folders gongkai
/// marked as its own are touched; a file or a stranger's folder with one of
/// our names is left as it is.
pub fn recover(out: &Path) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(out) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(name) = file_name.to_str() else {
            continue;
        };
        let path = entry.path();
        if name.starts_with(STAGING_PREFIX) {
            if is_staging(&path) {
                fs::remove_dir_all(&path)?;
            }
        } else if name.starts_with(OLD_PREFIX) && remove_if_empty(&path) {
            // A kill between removing the old package's manifest and its
            // folder leaves the folder empty: nothing of anyone's is lost.
        } else if let Some(package) = name.strip_prefix(OLD_PREFIX)
            && is_ours(&path)
        {
            let target = out.join(package);
            if !exists(&target) {
                fs::rename(&path, target)?;
            } else if is_ours(&target) {
                remove_package(&path)?;
            }
        }
    }
    Ok(())
}

/// Deletes a package folder of ours with its manifest last, so that a run
/// killed halfway leaves a folder still marked as ours, which the next
/// run's `recover` finishes deleting.
fn remove_package(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)?.flatten() {
        if entry.file_name() == MANIFEST {
            continue;
        }
        let path = entry.path();
        if fs::symlink_metadata(&path)?.is_dir() {
            fs::remove_dir_all(&path)?;
        } else {
            fs::remove_file(&path)?;
        }
    }
    fs::remove_dir_all(dir)
}

/// A staging folder of ours: still marked, or already holding its manifest
/// (a kill between the two), or empty (a kill before the mark).
fn is_staging(path: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    if path.join(STAGING_MARK).is_file() || is_ours(path) {
        return true;
    }
    fs::read_dir(path).is_ok_and(|mut d| d.next().is_none())
}

/// Removes `path` when it is an empty folder (not a link): what a kill
/// leaves of a package of ours being deleted. The system refuses to remove
/// a folder that holds anything, so no one's file can go this way.
fn remove_if_empty(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) && fs::remove_dir(path).is_ok()
}

/// Whether anything (a file, a folder, a dangling link) has this name.
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Package folders in `out` that this run did not build: units no longer
/// listed in 部门.yaml. Their packages are left as they are.
pub fn others(out: &Path, built: &[String]) -> Vec<(String, Manifest)> {
    let Ok(entries) = fs::read_dir(out) else {
        return Vec::new();
    };
    let mut found: Vec<(String, Manifest)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            if is_reserved(&name) || built.contains(&name) {
                return None;
            }
            Some((name, manifest(&e.path())?))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
    }
    let _ = (path, mode);
    Ok(())
}

/// Makes the renames durable where the platform allows it.
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_stay_inside() {
        for bad in [
            "../../etc",
            "a/b",
            "..",
            ".",
            "",
            "  ",
            "/",
            ".gongkai-new-x",
            "C:\\x",
        ] {
            let n = folder_name(bad);
            let mut c = Path::new(&n).components();
            assert!(
                matches!(c.next(), Some(Component::Normal(_))),
                "{bad:?} → {n:?}"
            );
            assert!(c.next().is_none(), "{bad:?} → {n:?}");
            assert!(!n.starts_with('.'), "{bad:?} → {n:?}");
        }
        assert_eq!(folder_name("大同市财政信息中心"), "大同市财政信息中心");
        assert_eq!(folder_name("a/b"), "a／b");
    }
}
