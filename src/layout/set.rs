//! Finding and reading a layout set: a bundled one by name, or a folder on disk.
//!
//! Every file is read and parsed once, when the set is opened, so building
//! many units reuses the same parsed set.

use super::error::LayoutError;
use super::spec::{BlockKind, BlockSpec, SetSpec};
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/layouts");

/// The set used when none is chosen.
pub const DEFAULT_SET: &str = "shanxi-unit-2024";

/// The entry file of every set.
const ENTRY: &str = "layout.yaml";

#[derive(Debug)]
pub struct LayoutSet {
    /// Name or folder, for messages.
    pub origin: String,
    pub spec: SetSpec,
    /// Included block files by their name in the set.
    pub includes: BTreeMap<String, Vec<BlockSpec>>,
    /// Template files (macros) by name.
    pub templates: BTreeMap<String, String>,
}

enum Location {
    Bundled(&'static Dir<'static>),
    Disk(PathBuf),
}

impl Location {
    fn read(&self, origin: &str, name: &str) -> Result<String, LayoutError> {
        let missing = || LayoutError::file(origin, name, "版式文件不存在".to_string());
        match self {
            Location::Bundled(dir) => dir
                .get_file(dir.path().join(name))
                .and_then(|f| f.contents_utf8())
                .map(str::to_string)
                .ok_or_else(missing),
            Location::Disk(root) => {
                let path = root.join(name);
                if !path.starts_with(root) || name.contains("..") {
                    return Err(LayoutError::file(
                        origin,
                        name,
                        "版式文件必须位于版式目录之内".into(),
                    ));
                }
                std::fs::read_to_string(&path).map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => missing(),
                    _ => LayoutError::file(origin, name, format!("无法读取：{e}")),
                })
            }
        }
    }
}

/// Names of the bundled layout sets.
pub fn bundled_sets() -> Vec<String> {
    BUNDLED
        .dirs()
        .filter(|d| d.get_file(d.path().join(ENTRY)).is_some())
        .filter_map(|d| d.path().file_name()?.to_str().map(str::to_string))
        .collect()
}

impl LayoutSet {
    /// Opens a set by folder path (when it exists) or by bundled name.
    pub fn open(name_or_path: &str) -> Result<LayoutSet, LayoutError> {
        let path = Path::new(name_or_path);
        let location = if path.join(ENTRY).is_file() {
            Location::Disk(path.to_path_buf())
        } else if let Some(dir) = BUNDLED.get_dir(name_or_path) {
            Location::Bundled(dir)
        } else {
            return Err(LayoutError::plain(format!(
                "找不到版式“{name_or_path}”：既不是含有 {ENTRY} 的文件夹，也不是内置版式（内置：{}）",
                bundled_sets().join("、")
            )));
        };
        Self::read(name_or_path, &location)
    }

    fn read(origin: &str, location: &Location) -> Result<LayoutSet, LayoutError> {
        let spec: SetSpec = parse(origin, ENTRY, &location.read(origin, ENTRY)?)?;
        let mut set = LayoutSet {
            origin: origin.to_string(),
            spec,
            includes: BTreeMap::new(),
            templates: BTreeMap::new(),
        };
        if let Some(m) = set.spec.macros.clone() {
            let text = location.read(origin, &m)?;
            set.templates.insert(m, text);
        }
        let mut pending = include_names(&set.spec.document);
        while let Some(name) = pending.pop() {
            if set.includes.contains_key(&name) {
                continue;
            }
            let blocks: Vec<BlockSpec> = parse(origin, &name, &location.read(origin, &name)?)?;
            pending.extend(include_names(&blocks));
            set.includes.insert(name, blocks);
        }
        Ok(set)
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    origin: &str,
    name: &str,
    text: &str,
) -> Result<T, LayoutError> {
    serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line());
        LayoutError::file(origin, name, super::error::yaml_reason(&e.to_string())).at_line(line)
    })
}

fn include_names(blocks: &[BlockSpec]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match &b.kind {
            BlockKind::Include(name) => out.push(name.clone()),
            BlockKind::Group(inner) => out.extend(include_names(inner)),
            _ => {}
        }
    }
    out
}
