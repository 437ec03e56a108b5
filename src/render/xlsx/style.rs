//! Cell formats from the document's font roles and number styles.

use crate::doc::{Align, Document, NumberStyle, Role};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

/// The size of a table's title, in points.
pub const TITLE_PT: f64 = 16.0;

pub struct Styles {
    font: String,
    size: f64,
    pub caption: Format,
    pub title: Format,
    pub subtitle: Format,
    pub plain: Format,
    pub unit: Format,
    pub note: Format,
    /// The printed page footer, in the spreadsheet's header/footer codes.
    pub footer: String,
    /// The sheet the tables are printed on.
    pub paper: crate::doc::Paper,
}

impl Styles {
    pub fn new(doc: &Document) -> Styles {
        let font = doc.fonts.first(Role::Table).to_string();
        let size = f64::from(doc.page.table_size_pt);
        let heading = doc.fonts.first(Role::Heading).to_string();
        let base = Format::new()
            .set_font_name(font.as_str())
            .set_font_size(size);
        Styles {
            caption: base.clone(),
            title: Format::new()
                .set_font_name(heading.as_str())
                .set_font_size(TITLE_PT)
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: base.clone().set_align(FormatAlign::Center),
            plain: base.clone(),
            unit: base.clone().set_align(FormatAlign::Right),
            note: base.clone(),
            footer: footer_codes(&doc.page.sheet_footer),
            paper: doc.page.paper,
            font,
            size,
        }
    }

    /// The tables' type size, in points.
    pub fn size(&self) -> f64 {
        self.size
    }

    /// A ruled table cell.
    pub fn cell(
        &self,
        align: Align,
        bold: bool,
        indent: u8,
        number: Option<NumberStyle>,
    ) -> Format {
        let mut f = Format::new()
            .set_font_name(self.font.as_str())
            .set_font_size(self.size)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
            .set_align(match align {
                Align::Left => FormatAlign::Left,
                Align::Center => FormatAlign::Center,
                Align::Right => FormatAlign::Right,
            });
        if bold {
            f = f.set_bold();
        }
        if indent > 0 {
            f = f.set_indent(indent);
        }
        if let Some(n) = number {
            f = f.set_num_format(number_format(n));
        }
        f
    }
}

/// A page-number pattern as a centred footer: `{page}` → `&P`, `{pages}` →
/// `&N`, and a literal `&` doubled so it is not read as a code.
fn footer_codes(pattern: &str) -> String {
    let escaped = pattern
        .replace('&', "&&")
        .replace(crate::doc::PAGES, "&N")
        .replace(crate::doc::PAGE, "&P");
    format!("&C{escaped}")
}

/// `0.00` for the tables' 万元, `#,##0` for whole 元 with separators.
pub fn number_format(n: NumberStyle) -> String {
    let int = if n.grouped { "#,##0" } else { "0" };
    if n.decimals == 0 {
        int.to_string()
    } else {
        format!("{int}.{}", "0".repeat(n.decimals as usize))
    }
}
