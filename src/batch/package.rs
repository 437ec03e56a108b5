//! One package on disk: a folder under the output folder, replaced whole.
//!
//! The new package is written into a hidden staging folder beside it and
//! swapped in by two renames, so a failing or killed run leaves the previous
//! package complete (at worst under its hidden name, which the next run puts
//! back). Each folder carries a manifest of what it was built from.

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
        (Some(Component::Normal(_)), None) if !candidate.starts_with(".gongkai") => candidate,
        _ => format!("单位-{}", &sha256(name.as_bytes())[..8]),
    }
}

/// The files the package at `dir` lists, when it was built from `inputs` and
/// every file is still there as written.
pub fn current(dir: &Path, inputs: &str) -> Option<Vec<PathBuf>> {
    let manifest: Manifest = serde_json::from_slice(&fs::read(dir.join(MANIFEST)).ok()?).ok()?;
    if manifest.inputs != inputs {
        return None;
    }
    let mut files = Vec::new();
    for f in &manifest.files {
        let path = dir.join(&f.name);
        if sha256(&fs::read(&path).ok()?) != f.sha256 {
            return None;
        }
        files.push(path);
    }
    Some(files)
}

/// Writes the package into `dir`, replacing what was there.
pub fn write(
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
    set_mode(staging.path(), 0o755)?;
    let staged = staging.keep();
    let old = parent.join(format!("{OLD_PREFIX}{name}"));
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    if dir.exists() {
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
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    sync_dir(parent);
    Ok(files.iter().map(|(f, _)| dir.join(f)).collect())
}

/// Holds the output folder for this run: a second batch into the same
/// folder would take the first one's staging folders for leftovers. The
/// lock goes with the process, however it ends.
pub fn lock(out: &Path) -> Result<fs::File, String> {
    let path = out.join(LOCK);
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("无法创建 {}：{e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(format!(
            "另一个 gongkai batch 正在向 {} 写入，请等它结束后再运行",
            out.display()
        )),
        Err(fs::TryLockError::Error(e)) => Err(format!("无法锁定 {}：{e}", path.display())),
    }
}

/// Undoes what a killed run left in `out`: a package moved aside but not
/// replaced goes back; unfinished staging folders go.
pub fn recover(out: &Path) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(out) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(name) = file_name.to_str() else {
            continue;
        };
        if name.starts_with(STAGING_PREFIX) {
            fs::remove_dir_all(entry.path())?;
        } else if let Some(package) = name.strip_prefix(OLD_PREFIX) {
            let target = out.join(package);
            if target.exists() {
                fs::remove_dir_all(entry.path())?;
            } else {
                fs::rename(entry.path(), target)?;
            }
        }
    }
    Ok(())
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
