//! Paragraph styles from the document's font roles and page setup: real
//! heading styles (with outline levels) so Word's navigation pane and the
//! 目录 see them; a body style that is justified with a two-character indent.

use crate::doc::{Document, Role};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType, Style,
    StyleType,
};

/// Style ids used by the renderer.
pub const BODY: &str = "Body";
pub const HEADINGS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];
pub const TOC: [&str; 3] = ["TOC1", "TOC2", "TOC3"];
pub const TOC_TITLE: &str = "TocTitle";
pub const TABLE_TEXT: &str = "TableText";
pub const TABLE_TITLE: &str = "TableTitle";
pub const CENTER: &str = "Center";
pub const RIGHT: &str = "Right";
pub const NOTE: &str = "Note";
pub const COVER_TITLE: &str = "CoverTitle";
pub const COVER_SUBTITLE: &str = "CoverSubtitle";

/// Sizes in the units Word uses.
pub struct Metrics {
    /// Body size in half-points.
    pub body_half_points: usize,
    /// Table size in half-points.
    pub table_half_points: usize,
    /// Fixed body line pitch in twips.
    pub pitch_twips: i32,
}

impl Metrics {
    pub fn of(doc: &Document) -> Metrics {
        Metrics {
            body_half_points: (doc.page.body_size_pt * 2.0).round() as usize,
            table_half_points: (doc.page.table_size_pt * 2.0).round() as usize,
            pitch_twips: (doc.page.line_pitch_pt * 20.0).round() as i32,
        }
    }
    /// Two characters of body text, for the first-line indent.
    pub fn two_chars(&self) -> i32 {
        self.body_half_points as i32 * 10 * 2
    }
}

/// Latin text (figures among it) in every style.
const LATIN: &str = "Times New Roman";

/// The theme's fonts: headings', body's and Latin, as the styles have them.
pub fn theme_fonts(doc: &Document) -> super::theme::Fonts {
    super::theme::Fonts {
        major: doc.fonts.first(Role::Heading).to_string(),
        minor: doc.fonts.first(Role::Body).to_string(),
        latin: LATIN.to_string(),
    }
}

/// Latin text in Times New Roman, Chinese in the role's font.
fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .east_asia(east_asia)
}

fn exact(twips: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(twips)
}

pub fn add_styles(docx: Docx, doc: &Document) -> Docx {
    let m = Metrics::of(doc);
    let body = doc.fonts.first(Role::Body);
    let heading = doc.fonts.first(Role::Heading);
    let title = doc.fonts.first(Role::Title);
    let table = doc.fonts.first(Role::Table);
    let pitch = exact(m.pitch_twips);
    let heading_style = |id: &str, name: &str, level: usize, font: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next(BODY)
            .q_format(true)
            .fonts(fonts(font))
            .size(size)
            .outline_lvl(level)
            .line_spacing(
                exact(m.pitch_twips)
                    .before(if level == 0 { 240 } else { 0 })
                    .after(if level == 0 { 240 } else { 0 }),
            )
    };
    let toc = |id: &str, name: &str, level: i32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .fonts(fonts(body))
            .size(m.body_half_points)
            .line_spacing(exact(m.pitch_twips))
            .indent(Some(level * m.two_chars() / 2), None, None, None)
    };
    docx.default_fonts(fonts(body))
        .default_size(m.body_half_points)
        .add_style(
            Style::new(BODY, StyleType::Paragraph)
                .name("正文段落")
                .based_on("Normal")
                .q_format(true)
                .fonts(fonts(body))
                .size(m.body_half_points)
                .align(AlignmentType::Both)
                .line_spacing(pitch.clone())
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(m.two_chars())),
                    None,
                    None,
                ),
        )
        .add_style(
            heading_style(HEADINGS[0], "heading 1", 0, title, 44).align(AlignmentType::Center),
        )
        .add_style(heading_style(
            HEADINGS[1],
            "heading 2",
            1,
            heading,
            m.body_half_points,
        ))
        .add_style(heading_style(HEADINGS[2], "heading 3", 2, body, m.body_half_points).bold())
        .add_style(heading_style(HEADINGS[3], "heading 4", 3, body, m.body_half_points).bold())
        .add_style(toc(TOC[0], "toc 1", 0))
        .add_style(toc(TOC[1], "toc 2", 1))
        .add_style(toc(TOC[2], "toc 3", 2))
        .add_style(
            Style::new(TOC_TITLE, StyleType::Paragraph)
                .name("目录标题")
                .based_on("Normal")
                .fonts(fonts(heading))
                .size(32)
                .align(AlignmentType::Center)
                .line_spacing(exact(m.pitch_twips).after(240)),
        )
        .add_style(
            Style::new(TABLE_TEXT, StyleType::Paragraph)
                .name("表格文字")
                .based_on("Normal")
                .fonts(fonts(table))
                .size(m.table_half_points)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(240),
                ),
        )
        .add_style(
            Style::new(TABLE_TITLE, StyleType::Paragraph)
                .name("表格标题")
                .based_on("Normal")
                .fonts(fonts(heading))
                .size(32)
                .align(AlignmentType::Center)
                .line_spacing(exact(m.pitch_twips).before(120)),
        )
        .add_style(
            Style::new(CENTER, StyleType::Paragraph)
                .name("居中")
                .based_on(BODY)
                .indent(None, Some(SpecialIndentType::FirstLine(0)), None, None)
                .align(AlignmentType::Center),
        )
        .add_style(
            Style::new(RIGHT, StyleType::Paragraph)
                .name("右对齐")
                .based_on(BODY)
                .indent(None, Some(SpecialIndentType::FirstLine(0)), None, None)
                .align(AlignmentType::Right),
        )
        .add_style(
            Style::new(NOTE, StyleType::Paragraph)
                .name("表注")
                .based_on(TABLE_TEXT)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(240)
                        .before(60),
                ),
        )
        .add_style(
            Style::new(COVER_TITLE, StyleType::Paragraph)
                .name("封面标题")
                .based_on("Normal")
                .fonts(fonts(title))
                .size(52)
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(4000).after(600)),
        )
        .add_style(
            Style::new(COVER_SUBTITLE, StyleType::Paragraph)
                .name("封面副标题")
                .based_on("Normal")
                .fonts(fonts(title))
                .size(44)
                .align(AlignmentType::Center),
        )
}
