//! Characters the typeset outputs' (PDF, OFD) fonts cannot draw, found while checking: the
//! officer hears of 赟 or € at its line, not from a failed build. An error,
//! since a PDF cannot be made with them: `check` (which checks for every
//! format) and a `build` that makes a PDF or OFD refuse them alike; a build
//! of Excel and Word alone does not look.

use crate::diagnostic::{Diagnostic, Severity};
use crate::doc::FontRoles;
use crate::fonts::FontBook;
use std::collections::BTreeMap;

/// The rule's id, listed with the others by `gongkai rules`.
pub const RULE: &str = "glyph-missing";

/// The typesetter's fonts, for checking that every character can be drawn.
#[derive(Clone, Copy)]
pub struct Fonts<'a> {
    pub book: &'a FontBook,
    /// The layout's font roles.
    pub roles: &'a FontRoles,
}

/// Zero-width and direction marks, joiners, the byte-order mark: format
/// characters that show nothing, which the message names by code.
fn invisible(ch: char) -> bool {
    matches!(ch as u32, 0x00AD | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF)
}

/// One error per character no face of `roles` (nor any bundled face)
/// has, at its first place, with how often it occurs.
pub fn missing(texts: &[(String, String)], book: &FontBook, roles: &FontRoles) -> Vec<Diagnostic> {
    let resolved = book.resolve(roles);
    let chain: Vec<&crate::fonts::Face> = resolved.iter().flat_map(|r| r.regular_faces()).collect();
    let mut found: BTreeMap<char, (String, usize)> = BTreeMap::new();
    let mut drawable: BTreeMap<char, bool> = BTreeMap::new();
    for (path, text) in texts {
        for ch in text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
        {
            let ok = *drawable
                .entry(ch)
                .or_insert_with(|| book.face_for(&chain, ch).is_some());
            if !ok {
                found.entry(ch).or_insert((path.clone(), 0)).1 += 1;
            }
        }
    }
    let mut out: Vec<Diagnostic> = found
        .into_iter()
        .map(|(ch, (path, times))| {
            let more = if times > 1 {
                format!("（全文共 {times} 处）")
            } else {
                String::new()
            };
            let what = if invisible(ch) {
                format!("看不见的格式字符（U+{:04X}，多由网页或其他软件复制带入）", ch as u32)
            } else {
                format!("字符“{ch}”（U+{:04X}）", ch as u32)
            };
            Diagnostic::new(
                RULE,
                Severity::Error,
                path,
                format!("{what}没有可用的字体能显示{more}：无法生成 PDF 或 OFD"),
            )
            .with_help(
                "改用常用字或通行写法（如“欧元”代替“€”）、删去看不见的字符，或用 --fonts 指定含有此字的字体文件夹；只要 Excel 和 Word 时可用 --format xlsx,docx",
            )
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}
