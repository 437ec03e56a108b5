//! Characters no text gongkai reads may hold: what the loaders refuse and
//! what a diagnostic shows escaped rather than printing it; and which
//! characters are Chinese.

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

/// A Chinese character of the basic block (CJK Unified Ideographs).
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether `s` holds Chinese: a message in it is one of ours, worded for
/// the user; one without is a library's own.
pub fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}
