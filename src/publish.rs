//! Writing a build's files into the folder the user named: all of them or
//! none, and never over a file gongkai did not write.
//!
//! The folder keeps a small record (`.gongkai-files.json`) of the files
//! gongkai wrote there and their hashes. A file of the same name that is
//! not in the record, or that was changed after gongkai wrote it (an
//! officer's polished Word document), is not replaced.

use crate::hash::sha256;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The record's name in the output folder.
pub const RECORD: &str = ".gongkai-files.json";

/// Why a build's files were not written (none of them were).
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{} 已存在且不是文件夹：请另选输出文件夹", .0.display())]
    NotAFolder(PathBuf),
    #[error("无法创建输出文件夹 {}：{}", path.display(), crate::diagnostic::os_reason(source))]
    CreateFolder { path: PathBuf, source: io::Error },
    #[error("未生成任何文件，以免覆盖不是 gongkai 生成的文件：{}。请将它们改名或移走，或另选输出文件夹", list(.0))]
    Foreign(Vec<PathBuf>),
    #[error("未生成任何文件，以免覆盖生成后被修改过的文件（例如润色过的 Word 文档）：{}。请将它们另存或改名后再运行", list(.0))]
    Modified(Vec<PathBuf>),
    #[error("无法写入 {}：{}（未替换任何文件）", path.display(), crate::diagnostic::os_reason(source))]
    Write { path: PathBuf, source: io::Error },
}

/// Paths as a message lists them: joined by 、.
pub(crate) fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("、")
}

/// File name → the hashes it may have and still be gongkai's own: normally
/// one; two while a replacement is under way.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    files: BTreeMap<String, Vec<String>>,
}

impl Record {
    fn read(dir: &Path) -> Record {
        crate::load::read_bounded(&dir.join(RECORD), 1 << 20)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn write(&self, dir: &Path) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(io::Error::other)?;
        crate::render::write_atomic(&dir.join(RECORD), &json)
    }
}

/// Writes `files` (name, bytes) into `dir`: every file is first written
/// beside its target, and only when all are written are they renamed into
/// place, so a full disk or a refused file leaves the folder as it was.
pub fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, PublishError> {
    if fs::symlink_metadata(dir).is_ok_and(|m| !m.is_dir()) && !dir.is_dir() {
        return Err(PublishError::NotAFolder(dir.to_path_buf()));
    }
    fs::create_dir_all(dir).map_err(|source| PublishError::CreateFolder {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut record = Record::read(dir);
    let (mut foreign, mut modified) = (Vec::new(), Vec::new());
    let mut previous = BTreeMap::new();
    for (name, _) in files {
        let target = dir.join(name);
        match current_hash(&target) {
            Presence::Absent => {}
            Presence::Other => foreign.push(target),
            Presence::File(hash) => match record.files.get(name) {
                Some(known) if known.contains(&hash) => {
                    previous.insert(name.clone(), hash);
                }
                Some(_) => modified.push(target),
                None => foreign.push(target),
            },
        }
    }
    if !foreign.is_empty() {
        return Err(PublishError::Foreign(foreign));
    }
    if !modified.is_empty() {
        return Err(PublishError::Modified(modified));
    }
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PublishError::Write { path, source }
    };
    // Each file is written and flushed to disk on a thread of its own: the
    // flushes are most of the time writing takes, and the file system
    // commits flushes that wait together at once (one after another, they
    // made the sample's build 5 ms longer).
    let staged: Vec<_> = std::thread::scope(|s| {
        let staging: Vec<_> = files
            .iter()
            .map(|(name, bytes)| {
                let job = std::thread::Builder::new()
                    .spawn_scoped(s, move || crate::render::stage(dir, bytes));
                (dir.join(name), job, bytes)
            })
            .collect();
        staging
            .into_iter()
            .map(|(target, job, bytes)| {
                let done = match job {
                    Ok(job) => job.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                    // No thread to be had: written here instead.
                    Err(_) => crate::render::stage(dir, bytes),
                };
                (target, done)
            })
            .collect()
    });
    let mut ready = Vec::with_capacity(staged.len());
    for (target, done) in staged {
        let tmp = done.map_err(write_error(&target))?;
        ready.push((target, tmp));
    }
    // While the files are renamed, old and new are both ours.
    for (name, bytes) in files {
        let hashes = record.files.entry(name.clone()).or_default();
        hashes.clear();
        hashes.push(sha256(bytes));
        hashes.extend(previous.get(name).cloned());
    }
    record.write(dir).map_err(write_error(&dir.join(RECORD)))?;
    let mut written = Vec::new();
    for (target, tmp) in ready {
        tmp.persist(&target)
            .map_err(|e| e.error)
            .map_err(write_error(&target))?;
        written.push(target);
    }
    for hashes in record.files.values_mut() {
        hashes.truncate(1);
    }
    record.write(dir).map_err(write_error(&dir.join(RECORD)))?;
    Ok(written)
}

enum Presence {
    Absent,
    /// A folder, a link, a device: never ours to replace.
    Other,
    File(String),
}

fn current_hash(path: &Path) -> Presence {
    match fs::symlink_metadata(path) {
        Err(_) => Presence::Absent,
        Ok(m) if !m.is_file() => Presence::Other,
        Ok(_) => match crate::load::read_bounded(path, 1 << 30) {
            Ok(bytes) => Presence::File(sha256(&bytes)),
            Err(_) => Presence::Other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> Vec<(String, Vec<u8>)> {
        vec![
            ("a.txt".into(), text.as_bytes().to_vec()),
            ("b.txt".into(), text.as_bytes().to_vec()),
        ]
    }

    #[test]
    fn rewrites_its_own_files_and_refuses_others() {
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &files("1")).unwrap();
        write_files(dir.path(), &files("2")).unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), "2");
        // An officer edits b.txt: nothing is replaced, a.txt included.
        fs::write(dir.path().join("b.txt"), "edited").unwrap();
        let e = write_files(dir.path(), &files("3")).unwrap_err();
        assert!(
            matches!(e, PublishError::Modified(ref p) if p.len() == 1),
            "{e}"
        );
        assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), "2");
        assert_eq!(
            fs::read_to_string(dir.path().join("b.txt")).unwrap(),
            "edited"
        );
    }

    #[test]
    fn a_file_it_did_not_write_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "mine").unwrap();
        let e = write_files(dir.path(), &files("1")).unwrap_err();
        assert!(matches!(e, PublishError::Foreign(_)), "{e}");
        assert_eq!(
            fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "mine"
        );
        assert!(!dir.path().join("b.txt").exists());
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
