//! Characters no text gongkai reads may hold: what the loaders refuse and
//! what a diagnostic shows escaped rather than printing it.

/// Characters no budget text may hold: control characters other than tab
/// and line breaks (often pasted from Word along with the text), Unicode
/// noncharacters, and bidirectional controls, which reorder what a reader
/// sees. Word and LibreOffice refuse a document holding the first two.
pub fn is_forbidden(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
        || matches!(u, 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}
