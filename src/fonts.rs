//! Fonts for the typeset outputs: each role of the layout (title, heading,
//! body, table) resolved to an installed font by the layout's preferred family
//! names, then to the bundled OFL subsets in `fonts/`; per-character
//! fallback; a Chinese error naming any character no font has.
//!
//! A bundled subset is preferred to an installed face of the same family and
//! weight (Noto CJK from the system's packages): same design, a tenth of the
//! bytes to parse, and the same output on every machine. The installed face
//! stays in the chain right after it, for the characters the subset lacks.

use crate::doc::{FontRoles, Role};
use fontdb::{Database, Family, ID, Query, Source, Stretch, Style, Weight};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// The bundled faces: (file name, bytes). Serif first: it is the last resort.
const BUNDLED: [(&str, &[u8]); 4] = [
    (
        "NotoSerifCJKsc-Regular-subset.otf",
        include_bytes!("../fonts/NotoSerifCJKsc-Regular-subset.otf"),
    ),
    (
        "NotoSansCJKsc-Regular-subset.otf",
        include_bytes!("../fonts/NotoSansCJKsc-Regular-subset.otf"),
    ),
    (
        "NotoSansCJKsc-Bold-subset.otf",
        include_bytes!("../fonts/NotoSansCJKsc-Bold-subset.otf"),
    ),
    (
        "NotoSerifCJKsc-Bold-subset.otf",
        include_bytes!("../fonts/NotoSerifCJKsc-Bold-subset.otf"),
    ),
];

/// Where fonts may come from.
#[derive(Debug, Clone, Default)]
pub struct FontOptions {
    /// Look among the fonts installed on this computer (not reproducible
    /// from one computer to another).
    pub system: bool,
    /// More folders to look in (`--fonts DIR`).
    pub dirs: Vec<PathBuf>,
}

/// Where a face was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Bundled(&'static str),
    Folder(PathBuf),
    System(PathBuf),
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::Bundled(name) => format!("随附字体 fonts/{name}"),
            Origin::Folder(p) => format!("指定文件夹 {}", p.display()),
            Origin::System(p) => format!("系统字体 {}", p.display()),
        }
    }
}

/// One usable face.
#[derive(Debug, Clone)]
pub struct Face {
    pub id: ID,
    pub family: String,
    pub bold: bool,
    pub origin: Origin,
}

/// A role resolved: its face (regular and bold) and what was looked for.
#[derive(Debug, Clone)]
pub struct RoleFonts {
    pub role: Role,
    pub regular: Face,
    pub bold: Face,
    /// The installed faces of the same family as a bundled `regular` or
    /// `bold`: they draw what the subset lacks.
    pub regular_full: Option<Face>,
    pub bold_full: Option<Face>,
    /// Preferred families that are not installed.
    pub missing: Vec<String>,
}

impl RoleFonts {
    /// The regular face, then the installed face that completes it.
    pub fn regular_faces(&self) -> impl Iterator<Item = &Face> {
        std::iter::once(&self.regular).chain(self.regular_full.as_ref())
    }

    /// The bold face, then the installed face that completes it.
    pub fn bold_faces(&self) -> impl Iterator<Item = &Face> {
        std::iter::once(&self.bold).chain(self.bold_full.as_ref())
    }
}

/// A character no available font can draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    pub ch: char,
    pub place: String,
}

impl std::error::Error for MissingGlyph {}

impl std::fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "没有任何字体能显示字符“{}”（U+{:04X}），出现在：{}。请改用常用字，或用 --fonts 指定含有此字的字体文件夹",
            self.ch, self.ch as u32, self.place
        )
    }
}

/// Bytes shared between threads and documents.
pub type Bytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A face's bytes (shared) and its index in a collection.
type FaceData = (Bytes, u32);

pub struct FontBook {
    db: Database,
    options: FontOptions,
    bundled: Vec<(ID, &'static str)>,
    /// Each face's coverage, made the first time it is asked for. One slot
    /// per face of the database, made with the book: a lookup per character
    /// takes no lock (batch threads shape text in parallel).
    coverage: rustc_hash::FxHashMap<ID, OnceLock<Vec<bool>>>,
    data: Mutex<HashMap<ID, FaceData>>,
}

/// The largest font file taken from a `--fonts` folder: a complete CJK
/// collection (Noto Sans CJK, SimSun) is some 20–40 MB.
pub const MAX_FONT_BYTES: u64 = 128 << 20;
/// How deep subfolders of a `--fonts` folder are looked into, and how many
/// files at most are taken from it.
const MAX_FONT_DEPTH: usize = 4;
const MAX_FONT_FILES: usize = 4096;

/// The font files of a `--fonts` folder, read as every input is: regular
/// files of a font's extension, no larger than MAX_FONT_BYTES, whose real
/// path is inside the folder (a link out of it is passed over), a few
/// levels of subfolders, sorted (the same fonts win on every machine).
pub fn font_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(root) = std::fs::canonicalize(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut folders = vec![(root.clone(), 0)];
    while let Some((folder, depth)) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            let Ok(real) = std::fs::canonicalize(&path) else {
                continue;
            };
            let Ok(meta) = std::fs::metadata(&real) else {
                continue;
            };
            if !real.starts_with(&root) {
                continue;
            }
            if meta.is_dir() && depth < MAX_FONT_DEPTH && real != folder {
                folders.push((real, depth + 1));
            } else if meta.is_file()
                && meta.len() <= MAX_FONT_BYTES
                && real.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str())
                })
            {
                found.push(real);
            }
        }
    }
    found.sort();
    found.dedup();
    found.truncate(MAX_FONT_FILES);
    found
}

/// Code points up to this are checked by table; the rest by parsing the face.
const COVERAGE_TABLE: usize = 0x3_0000;

impl FontBook {
    pub fn new(options: &FontOptions) -> FontBook {
        let mut db = Database::new();
        let mut bundled = Vec::new();
        for (name, bytes) in BUNDLED {
            for id in db.load_font_source(Source::Binary(Arc::new(bytes))) {
                bundled.push((id, name));
            }
        }
        for dir in &options.dirs {
            for file in font_files(dir) {
                let _ = db.load_font_file(file);
            }
        }
        if options.system {
            db.load_system_fonts();
        }
        let coverage = db.faces().map(|f| (f.id, OnceLock::new())).collect();
        FontBook {
            db,
            options: options.clone(),
            bundled,
            coverage,
            data: Mutex::new(HashMap::new()),
        }
    }

    fn origin(&self, id: ID) -> Origin {
        if let Some((_, name)) = self.bundled.iter().find(|(b, _)| *b == id) {
            return Origin::Bundled(name);
        }
        let path = match self.db.face(id).map(|f| &f.source) {
            Some(Source::File(p)) | Some(Source::SharedFile(p, _)) => p.clone(),
            _ => PathBuf::new(),
        };
        if self.options.dirs.iter().any(|d| path.starts_with(d)) {
            Origin::Folder(path)
        } else {
            Origin::System(path)
        }
    }

    pub fn face(&self, id: ID) -> Option<Face> {
        let info = self.db.face(id)?;
        Some(Face {
            id,
            family: info
                .families
                .first()
                .map(|f| f.0.clone())
                .unwrap_or_default(),
            bold: info.weight.0 >= 600,
            origin: self.origin(id),
        })
    }

    /// The face's PostScript name (what an OFD names the font by).
    pub fn postscript_name(&self, id: ID) -> Option<String> {
        self.db.face(id).map(|info| info.post_script_name.clone())
    }

    fn query(&self, family: &str, weight: Weight) -> Option<ID> {
        let id = self.db.query(&Query {
            families: &[Family::Name(family)],
            weight,
            stretch: Stretch::Normal,
            style: Style::Normal,
        })?;
        // fontdb falls back within a family only: accept only a face of that family.
        let info = self.db.face(id)?;
        info.families
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(family))
            .then_some(id)
    }

    /// The bundled face for a role when none of its families is available:
    /// sans for headings, serif for the rest.
    fn bundled_for(&self, role: Role, bold: bool) -> Face {
        let wanted = match (role, bold) {
            (Role::Heading, true) => "NotoSansCJKsc-Bold-subset.otf",
            (Role::Heading, false) => "NotoSansCJKsc-Regular-subset.otf",
            _ => "NotoSerifCJKsc-Regular-subset.otf",
        };
        let id = self
            .bundled
            .iter()
            .find(|(_, n)| *n == wanted)
            .or_else(|| self.bundled.first())
            .map(|(id, _)| *id);
        id.and_then(|id| self.face(id)).unwrap_or_else(|| Face {
            id: ID::dummy(),
            family: String::new(),
            bold,
            origin: Origin::Bundled(wanted),
        })
    }

    /// Resolves every role the layout names, in its order of preference.
    pub fn resolve(&self, roles: &FontRoles) -> Vec<RoleFonts> {
        Role::ALL
            .iter()
            .map(|&role| (role, roles.families(role)))
            .map(|(role, families)| {
                let mut missing = Vec::new();
                let mut regular = None;
                for family in families {
                    match self.query(family, Weight::NORMAL) {
                        Some(id) => {
                            regular = self.face(id);
                            break;
                        }
                        None => missing.push(family.clone()),
                    }
                }
                let regular = regular.unwrap_or_else(|| self.bundled_for(role, false));
                let bold = self
                    .query(&regular.family, Weight::BOLD)
                    .and_then(|id| self.face(id))
                    .filter(|f| f.bold)
                    .unwrap_or_else(|| match regular.origin {
                        Origin::Bundled(_) if role == Role::Heading => self.bundled_for(role, true),
                        // No bold face: the regular one (黑体-style fonts are heavy already).
                        _ => regular.clone(),
                    });
                let (regular, regular_full) = self.subset_first(regular);
                let (bold, bold_full) = self.subset_first(bold);
                RoleFonts {
                    role,
                    regular,
                    bold,
                    regular_full,
                    bold_full,
                    missing,
                }
            })
            .collect()
    }

    /// A face and, when the two exist, its bundled subset first and the
    /// installed face of the same family and weight second.
    fn subset_first(&self, face: Face) -> (Face, Option<Face>) {
        let same = |id: ID| {
            self.db.face(id).is_some_and(|info| {
                info.style == Style::Normal
                    && (info.weight.0 >= 600) == face.bold
                    && info
                        .families
                        .iter()
                        .any(|(name, _)| name.eq_ignore_ascii_case(&face.family))
            })
        };
        let is_bundled = |id: ID| self.bundled.iter().any(|(b, _)| *b == id);
        if is_bundled(face.id) {
            // The first installed twin, in the database's (load) order.
            let twin = self
                .db
                .faces()
                .map(|info| info.id)
                .find(|&id| !is_bundled(id) && same(id));
            (face, twin.and_then(|id| self.face(id)))
        } else {
            let subset = self.bundled.iter().map(|(b, _)| *b).find(|&id| same(id));
            match subset.and_then(|id| self.face(id)) {
                Some(s) => (s, Some(face)),
                None => (face, None),
            }
        }
    }

    /// Whether a face has a glyph for a character.
    pub fn covers(&self, id: ID, ch: char) -> bool {
        let cp = ch as usize;
        let Some(slot) = self.coverage.get(&id) else {
            return false;
        };
        if cp < COVERAGE_TABLE {
            let table = slot.get_or_init(|| self.coverage_table(id));
            return table.get(cp).copied().unwrap_or(false);
        }
        self.db
            .with_face_data(id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .ok()
                    .and_then(|f| f.glyph_index(ch))
                    .is_some()
            })
            .unwrap_or(false)
    }

    fn coverage_table(&self, id: ID) -> Vec<bool> {
        let mut table = vec![false; COVERAGE_TABLE];
        self.db.with_face_data(id, |data, index| {
            let Ok(face) = ttf_parser::Face::parse(data, index) else {
                return;
            };
            let Some(cmap) = face.tables().cmap else {
                return;
            };
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let Some(slot) = table.get_mut(cp as usize) {
                        *slot = true;
                    }
                });
            }
        });
        table
    }

    /// The first face of `chain` (then the bundled ones) that draws `ch`.
    pub fn face_for(&self, chain: &[&Face], ch: char) -> Option<ID> {
        chain
            .iter()
            .map(|f| f.id)
            .chain(self.bundled.iter().map(|(id, _)| *id))
            .find(|&id| self.covers(id, ch))
    }

    /// Checks that every character of `text` can be drawn; names the first that cannot.
    pub fn check(&self, chain: &[&Face], text: &str, place: &str) -> Result<(), MissingGlyph> {
        for ch in text.chars() {
            if ch.is_whitespace() || ch.is_control() {
                continue;
            }
            if self.face_for(chain, ch).is_none() {
                return Err(MissingGlyph {
                    ch,
                    place: place.to_string(),
                });
            }
        }
        Ok(())
    }

    /// The face's bytes and index in its collection: read once and shared by
    /// every document (a CJK collection is 20–30 MB; a batch renders hundreds).
    pub fn face_data(&self, id: ID) -> Option<FaceData> {
        let mut cache = self.data.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = cache.get(&id) {
            return Some(hit.clone());
        }
        // The bundled faces are shared as they are (copying 13 MB cost more
        // than laying out the sample); a file is read once.
        let loaded: FaceData = match self.db.face_source(id)? {
            (Source::Binary(bytes), index) | (Source::SharedFile(_, bytes), index) => {
                (bytes, index)
            }
            (Source::File(_), _) => self
                .db
                .with_face_data(id, |data, index| (Arc::new(data.to_vec()) as Bytes, index))?,
        };
        cache.insert(id, loaded.clone());
        Some(loaded)
    }
}

#[cfg(test)]
mod tests {

    /// A `--fonts` folder is read as every input is: its own font files
    /// only, none through a link out of it, none larger than the bound.
    #[test]
    #[cfg(unix)]
    fn a_fonts_folder_gives_its_own_font_files_only() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (_, bytes) = BUNDLED[0];
        std::fs::write(outside.path().join("secret.otf"), bytes).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.OTF"), bytes).unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"not a font").unwrap();
        let huge = std::fs::File::create(dir.path().join("huge.ttf")).unwrap();
        huge.set_len(MAX_FONT_BYTES + 1).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.otf"),
            dir.path().join("out.otf"),
        )
        .unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let found = font_files(dir.path());
        let names: Vec<String> = found
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.OTF"]);
    }

    use super::*;

    fn roles() -> FontRoles {
        let one = |f: &str| vec![f.to_string()];
        FontRoles {
            title: one("方正小标宋简体"),
            heading: one("SimHei"),
            body: vec!["仿宋_GB2312".to_string(), "FangSong".to_string()],
            table: one("SimSun"),
        }
    }

    #[test]
    fn without_system_fonts_roles_fall_back_to_the_bundled_subsets() {
        let book = FontBook::new(&FontOptions::default());
        let resolved = book.resolve(&roles());
        let body = resolved.iter().find(|r| r.role == Role::Body).unwrap();
        assert_eq!(body.regular.family, "Noto Serif CJK SC");
        assert_eq!(
            body.regular.origin,
            Origin::Bundled("NotoSerifCJKsc-Regular-subset.otf")
        );
        assert_eq!(body.missing, ["仿宋_GB2312", "FangSong"]);
        let heading = resolved.iter().find(|r| r.role == Role::Heading).unwrap();
        assert_eq!(heading.regular.family, "Noto Sans CJK SC");
        assert!(heading.bold.bold, "a real bold face for headings");
    }

    #[test]
    fn coverage_and_the_missing_character_message() {
        let book = FontBook::new(&FontOptions::default());
        let resolved = book.resolve(&roles());
        let body = &resolved
            .iter()
            .find(|r| r.role == Role::Body)
            .unwrap()
            .regular;
        assert!(
            book.check(
                &[body],
                "大同市财政信息中心（1,101.04万元，9.10%）“三公”①≥95%",
                "测试"
            )
            .is_ok()
        );
        let err = book.check(&[body], "甲𪚥乙", "表十二第3行").unwrap_err();
        assert_eq!(err.ch, '𪚥');
        let msg = err.to_string();
        assert!(
            msg.contains("U+2A6A5") && msg.contains("表十二第3行"),
            "{msg}"
        );
    }
}
