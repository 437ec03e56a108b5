//! Text styles of the package, from the layout's font roles and sizes.

use super::text::Style;
use crate::doc::{Document, Role};
use crate::fonts::{Face, RoleFonts};

pub struct Styles<'f> {
    pub body: Style<'f>,
    pub heading: Style<'f>,
    pub part: Style<'f>,
    pub cover: Style<'f>,
    pub cover_sub: Style<'f>,
    pub table: Style<'f>,
    pub table_title: Style<'f>,
    pub footer: Style<'f>,
    pub watermark: Style<'f>,
    /// Body line pitch.
    pub pitch: f32,
    /// Table line height.
    pub table_line: f32,
}

impl<'f> Styles<'f> {
    pub fn new(doc: &Document, roles: &'f [RoleFonts]) -> Styles<'f> {
        let role = |name: Role| {
            roles
                .iter()
                .find(|r| r.role == name)
                .or_else(|| roles.first())
        };
        // Every role falls back to the others before the bundled faces.
        let chain = |name: Role, bold: bool| -> Vec<&'f Face> {
            let mut v: Vec<&'f Face> = Vec::new();
            if let Some(r) = role(name) {
                if bold {
                    v.extend(r.bold_faces());
                }
                v.extend(r.regular_faces());
            }
            for r in roles {
                v.extend(r.regular_faces());
            }
            v
        };
        let style = |name: Role, size: f32| {
            let r = role(name);
            Style {
                regular: chain(name, false),
                bold: chain(name, true),
                size,
                fake_bold: r.is_none_or(|r| r.bold.id == r.regular.id),
            }
        };
        // Display lines (parts, the cover) are set in the role's bold face:
        // 小标宋-style fonts have none and keep their own heavy design.
        let heavy = |name: Role, size: f32| {
            let mut s = style(name, size);
            s.regular = s.bold.clone();
            s.fake_bold = false;
            s
        };
        let body = doc.page.body_size_pt;
        let table = doc.page.table_size_pt;
        Styles {
            body: style(Role::Body, body),
            heading: style(Role::Heading, body),
            part: heavy(Role::Title, 22.0),
            cover: heavy(Role::Title, 26.0),
            cover_sub: heavy(Role::Title, 22.0),
            table: style(Role::Table, table),
            table_title: style(Role::Heading, 14.0),
            footer: style(Role::Body, 14.0),
            watermark: style(Role::Heading, 54.0),
            pitch: doc.page.line_pitch_pt,
            table_line: table * 1.3,
        }
    }
}
