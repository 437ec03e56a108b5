//! The document tree: what every renderer draws, with no file-format concepts.
//!
//! A document is a flat sequence of blocks in reading order. Parts are level-1
//! headings (a layout puts a page break before them); the 目录 is a placeholder
//! whose entries are the headings and tables that carry a [`TocEntry`].

mod table;

pub use table::{
    Align, Cell, CellContent, Column, GridCell, NumberStyle, Overflow, Row, Table, TocEntry,
};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub page: PageSetup,
    /// Each font role's preferred families, best first.
    pub fonts: FontRoles,
    pub blocks: Vec<Block>,
    /// The blocks the set marks as its explanation (`explanation: true`):
    /// the editable Word document's default content. None: the set marks
    /// none, and that document holds every block.
    pub explanation: Option<std::ops::Range<usize>>,
}

/// What a piece of text is set in, as a format names it: the cover's and
/// parts' display type, headings, running text, tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Body,
    Heading,
    Table,
    Title,
}

impl Role {
    /// Every role, in the order a character no face of its own role has is
    /// looked for in the others.
    pub const ALL: [Role; 4] = [Role::Body, Role::Heading, Role::Table, Role::Title];

    /// Its key in `layout.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            Role::Body => "body",
            Role::Heading => "heading",
            Role::Table => "table",
            Role::Title => "title",
        }
    }

    /// Its name in messages.
    pub fn label(self) -> &'static str {
        match self {
            Role::Body => "正文",
            Role::Heading => "标题",
            Role::Table => "表格",
            Role::Title => "大标题",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// The families of each role, best first (`fonts:` in `layout.yaml`): every
/// role named, each with at least one family.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FontRoles {
    #[serde(deserialize_with = "families")]
    pub title: Vec<String>,
    #[serde(deserialize_with = "families")]
    pub heading: Vec<String>,
    #[serde(deserialize_with = "families")]
    pub body: Vec<String>,
    #[serde(deserialize_with = "families")]
    pub table: Vec<String>,
}

impl FontRoles {
    pub fn families(&self, role: Role) -> &[String] {
        match role {
            Role::Body => &self.body,
            Role::Heading => &self.heading,
            Role::Table => &self.table,
            Role::Title => &self.title,
        }
    }

    /// The role's first choice (what Word and Excel name).
    pub fn first(&self, role: Role) -> &str {
        self.families(role).first().map_or("", String::as_str)
    }
}

fn families<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let list = Vec::<String>::deserialize(d)?;
    if list.iter().all(|f| f.trim().is_empty()) {
        return Err(serde::de::Error::custom("至少写一个字体名"));
    }
    Ok(list)
}

/// Page geometry, in millimetres and points.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageSetup {
    /// The sheet the pages are printed on, by its name (`A4`).
    #[serde(deserialize_with = "paper")]
    pub paper: Paper,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
    pub body_size_pt: f32,
    pub line_pitch_pt: f32,
    pub table_size_pt: f32,
    /// The least size a table may be set in (PDF) so that it fits on one
    /// page rather than running onto a second; none: always `table_size_pt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_min_size_pt: Option<f32>,
    /// The page-number line of printed pages: `{page}` is the number
    /// (`- {page} -`, `第{page}页`).
    #[serde(default = "default_footer", deserialize_with = "footer_pattern")]
    pub footer: String,
    /// The same on printed spreadsheets, where `{pages}` is the sheet's page count.
    #[serde(
        default = "default_sheet_footer",
        deserialize_with = "sheet_footer_pattern"
    )]
    pub sheet_footer: String,
    /// The words above a table's header where it runs onto another page.
    #[serde(default = "default_continued")]
    pub continued: String,
}

/// Where a page-number pattern puts the number.
pub const PAGE: &str = "{page}";
/// Where a spreadsheet's page-number pattern puts the page count.
pub const PAGES: &str = "{pages}";

/// A sheet of paper, portrait (a landscape page is the sheet turned).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paper {
    pub name: &'static str,
    pub width_mm: f32,
    pub height_mm: f32,
    /// Its number in a spreadsheet's page setup (ECMA-376 ST_PaperSize);
    /// none for a size spreadsheets number only per printer, which then
    /// print on the printer's default sheet.
    pub sheet_code: Option<u8>,
}

/// The sheet of both bundled formats, and what spreadsheet widths are
/// measured on.
pub const A4: Paper = Paper {
    name: "A4",
    width_mm: 210.0,
    height_mm: 297.0,
    sheet_code: Some(9),
};

/// The sheets a format may name: ISO A, the B5 of office printers (JIS),
/// and the Chinese 正度/大度 16开 of printed booklets.
pub const PAPERS: [Paper; 6] = [
    Paper {
        name: "A3",
        width_mm: 297.0,
        height_mm: 420.0,
        sheet_code: Some(8),
    },
    A4,
    Paper {
        name: "A5",
        width_mm: 148.0,
        height_mm: 210.0,
        sheet_code: Some(11),
    },
    Paper {
        name: "B5",
        width_mm: 182.0,
        height_mm: 257.0,
        sheet_code: Some(13),
    },
    Paper {
        name: "16K",
        width_mm: 185.0,
        height_mm: 260.0,
        sheet_code: None,
    },
    Paper {
        name: "大16K",
        width_mm: 210.0,
        height_mm: 285.0,
        sheet_code: None,
    },
];

impl Paper {
    /// The sheet named so (A4, a4 …).
    pub fn named(name: &str) -> Option<Paper> {
        PAPERS
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
            .copied()
    }
}

impl Serialize for Paper {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

fn paper<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Paper, D::Error> {
    let name = String::deserialize(d)?;
    Paper::named(&name).ok_or_else(|| {
        let known: Vec<&str> = PAPERS.iter().map(|p| p.name).collect();
        serde::de::Error::custom(format!("纸张“{name}”不认识：可写 {}", known.join("、")))
    })
}

fn default_footer() -> String {
    "- {page} -".into()
}

fn default_sheet_footer() -> String {
    "第 {page} 页 共 {pages} 页".into()
}

fn default_continued() -> String {
    "续表".into()
}

/// A page-number pattern holds `{page}` once, and no other `{…}` than `allowed`.
fn pattern<'de, D: serde::Deserializer<'de>>(d: D, allowed: &[&str]) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    let mut rest = s.replace(PAGE, "");
    for a in allowed {
        rest = rest.replace(a, "");
    }
    if s.matches(PAGE).count() != 1 || rest.contains(['{', '}']) || s.chars().count() > 40 {
        return Err(serde::de::Error::custom(format!(
            "页码格式“{s}”须含一处 {PAGE}（页码）{}，不超过 40 字",
            if allowed.is_empty() {
                String::new()
            } else {
                format!("，可含 {}", allowed.join("、"))
            }
        )));
    }
    Ok(s)
}

fn footer_pattern<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    pattern(d, &[])
}

fn sheet_footer_pattern<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    pattern(d, &[PAGES])
}

/// Document properties (title, author …) for the file's metadata.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub language: String,
    /// ISO date (e.g. 2024-04-15), used as the files' creation time.
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    Cover(Cover),
    /// Where the 目录 goes; its entries come from [`Document::toc_entries`].
    Toc {
        title: String,
    },
    Heading(Heading),
    /// A 目录 entry with no heading in the body: it points at what follows.
    TocEntry(TocEntry),
    Paragraph(Paragraph),
    List(List),
    Table(Box<Table>),
    Chart(Chart),
    Signature(Signature),
    PageBreak,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cover {
    pub title: String,
    pub subtitle: String,
    /// Smaller lines under the subtitle (e.g. the date); may be empty.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    /// 1 = part (第一部分), 2 = section (一、), 3 = sub-section ((一) or 1、), 4 = item.
    pub level: u8,
    pub text: String,
    pub toc: Option<TocEntry>,
}

/// A run of text with one emphasis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ParagraphStyle {
    /// Justified, first line indented two characters.
    Body,
    /// Centred (sub-titles such as “（2024年度）”).
    Center,
    /// Right-aligned.
    Right,
    /// Small print under a table or chart, not indented.
    Note,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    pub runs: Vec<Run>,
    pub style: ParagraphStyle,
}

impl Paragraph {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A list whose items carry their own marker text (“1、…”), as the official
/// documents number them in the text itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct List {
    pub items: Vec<Vec<Run>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ChartKind {
    Pie,
    Bar,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    /// Unit of the values, e.g. 万元.
    pub unit: String,
    pub items: Vec<ChartItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartItem {
    pub label: String,
    /// The displayed value (already rounded), e.g. 1031.75.
    pub value: Decimal,
    /// The displayed share, e.g. “93.71%”.
    pub share: String,
    /// The same share as a number of percent (93.71), for a workbook's
    /// cell; none when the whole is zero.
    pub percent: Option<Decimal>,
}

impl Chart {
    /// Each item's value as a drawing magnitude (a negative value draws as
    /// nothing), and their sum: what every renderer sizes slices and bars by.
    pub fn magnitudes(&self) -> (Vec<f32>, f32) {
        use rust_decimal::prelude::ToPrimitive;
        let values: Vec<f32> = self
            .items
            .iter()
            .map(|i| i.value.to_f32().unwrap_or(0.0).max(0.0))
            .collect();
        let total = values.iter().sum();
        (values, total)
    }
}

/// The signed, dated close of a statement: right-aligned lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signature {
    pub lines: Vec<String>,
}

impl Document {
    /// The 目录 entries in document order.
    pub fn toc_entries(&self) -> Vec<&TocEntry> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => h.toc.as_ref(),
                Block::TocEntry(e) => Some(e),
                Block::Table(t) => t.toc.as_ref(),
                _ => None,
            })
            .collect()
    }
}
