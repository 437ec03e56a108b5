//! Characters the typeset outputs' (PDF, OFD) fonts cannot draw, found while checking: the
//! officer hears of 赟 or € at its line, not from a failed build.

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

/// One warning per character no face of `roles` (nor any bundled face)
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
            Diagnostic::new(
                RULE,
                Severity::Warning,
                path,
                format!(
                    "字符“{ch}”（U+{:04X}）没有可用的字体能显示{more}：生成 PDF 或 OFD 时会失败",
                    ch as u32
                ),
            )
            .with_help(
                "改用常用字或通行写法（如“欧元”代替“€”），或用 --fonts 指定含有此字的字体文件夹",
            )
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}
