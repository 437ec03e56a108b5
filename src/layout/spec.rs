//! The layout-set file format: what `layouts/<set>/*.yaml` may say.
//!
//! Text fields are minijinja templates (`{{ unit.name }}`); fields named
//! `each`, `when`, `items`, `value` and the figure cells are expressions.

use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

pub use crate::compute::display::NumberFormat;
pub use crate::doc::PageSetup;

/// `layout.yaml`: the set's entry point.
#[derive(Debug)]
pub struct SetSpec {
    pub name: String,
    pub description: String,
    pub meta: MetaSpec,
    pub page: PageSetup,
    /// Font role → preferred families, best first.
    pub fonts: crate::doc::FontRoles,
    /// A template file of macros, imported into every template as `m`.
    pub macros: Option<String>,
    /// Words a derived set changes (单位 → 部门), visible to templates as `vars`.
    pub vars: BTreeMap<String, String>,
    /// Named ways of showing amounts, for `amount` cells and the `money` filter.
    pub number_formats: BTreeMap<String, NumberFormat>,
    /// The rows of the sources of funds the set prints (templates' `sources`).
    pub sources: Vec<SourceRow>,
    /// The conventions the checker holds budgets of this format to (and the
    /// vehicle categories, which templates list in this order).
    pub check: crate::conventions::Profile,
    /// Whether every table starts a new page (`table_page_break: before`);
    /// a table's own `page_break` says otherwise for it.
    pub table_page_break: PageBreak,
    /// Named ways of writing figures (`display_variants`): each replaces
    /// number formats by name for a file that picks it (`显示`).
    pub display_variants: BTreeMap<String, BTreeMap<String, NumberFormat>>,
    /// The variant a file that names none gets.
    pub default_display: Option<String>,
    pub document: Vec<BlockSpec>,
}

impl SetSpec {
    /// The number format `name` as a file that picks `variant` (or the
    /// set's default) writes it.
    pub fn number_format(&self, name: &str, variant: Option<&str>) -> Option<&NumberFormat> {
        let variant = variant.or(self.default_display.as_deref());
        number_format(&self.number_formats, &self.display_variants, name, variant)
    }
}

/// A way of writing figures (`variant`) replaces the format `name` where it
/// names one; else the format as `number_formats` defines it.
pub fn number_format<'f>(
    formats: &'f BTreeMap<String, NumberFormat>,
    variants: &'f BTreeMap<String, BTreeMap<String, NumberFormat>>,
    name: &str,
    variant: Option<&str>,
) -> Option<&'f NumberFormat> {
    variant
        .and_then(|v| variants.get(v))
        .and_then(|replaced| replaced.get(name))
        .or_else(|| formats.get(name))
}

/// Where a table breaks the page: `before` it starts a new page (taking
/// the heading and 目录 anchor just above it along), `none` it follows on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageBreak {
    #[default]
    None,
    Before,
}

/// `check:` as `layout.yaml` writes it; what it leaves out is the base set's
/// (or the default).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSpec {
    /// 国有资产统计截至上年的哪一天：`"12-31"`、`"08-31"`。
    #[serde(default)]
    pub assets_as_of: Option<String>,
    /// The number format (a name in `number_formats`) the tables show amounts
    /// in, which rounding notes compare.
    #[serde(default)]
    pub display: Option<String>,
    /// Fields the budget format leaves optional that this format prints, so
    /// every file must give them: `国有资产.办公用房面积`, `项目.编报绩效目标`.
    #[serde(default)]
    pub requires: Option<Vec<String>>,
    /// The 指标 groups (`一级指标` or `一级指标.二级指标`) whose amounts must
    /// equal a project's annual funds, e.g. `产出指标.成本指标`.
    #[serde(default)]
    pub cost_indicators: Option<Vec<String>>,
    /// Units of measure the format's 指标值 use beyond the common ones
    /// (`≥12场次`), so they are not taken for a slip.
    #[serde(default)]
    pub indicator_units: Option<Vec<String>>,
    /// Words that open a template's instruction in brackets, beyond the
    /// common ones (`（此处…）`, `（请…）`): `（要求…）`.
    #[serde(default)]
    pub instruction_openers: Option<Vec<String>>,
    /// The most of a unit's project money that may go without 绩效目标
    /// (编报绩效目标) before a note says so, as a percentage: `50`.
    #[serde(default)]
    pub max_share_without_targets: Option<u32>,
    /// A 决算数 that differs from its 年初预算数 by more than this share of
    /// it, in percent, needs a reason (`决算.差异原因`); none: any difference.
    #[serde(default)]
    pub gap_reason_percent: Option<u32>,
    /// Rules this format has no place for (`off: [three-public-item-reason]`):
    /// not run for its files; `gongkai rules --layout` shows them off.
    #[serde(default)]
    pub off: Option<Vec<String>>,
}

/// What `layout.yaml` says the checker holds budgets to, taken out of it
/// together: `check:` and the structures files must follow.
pub struct ProfileSpec {
    pub kind: Option<crate::model::DocumentKind>,
    pub check: Option<CheckSpec>,
    pub vehicle_categories: Option<Vec<String>>,
    pub project_terms: Option<Vec<String>>,
    pub fields: Option<crate::model::FieldScopes>,
    pub indicators: Option<crate::model::IndicatorScheme>,
}

/// A row of the sources of funds a layout prints: one source, or several
/// summed under one name (e.g. 单位资金 = 事业收入 + 经营收入 + …).
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub name: String,
    pub sources: Vec<crate::model::Source>,
}

/// A source row as `layout.yaml` writes it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum SourceRowSpec {
    One(String),
    Sum { name: String, of: Vec<String> },
}

/// `layout.yaml` as written: a set that `extends` another may leave out any
/// part it takes over unchanged.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetFile {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The set this one adapts: a bundled set's name, or a folder relative to this one.
    #[serde(default)]
    pub extends: Option<String>,
    /// What the set publishes: 预算 (the default) or 决算; the base set's
    /// when left out.
    #[serde(default)]
    pub kind: Option<crate::model::DocumentKind>,
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    pub meta: Option<MetaSpec>,
    pub page: Option<PageSetup>,
    pub fonts: Option<crate::doc::FontRoles>,
    #[serde(default)]
    pub macros: Option<String>,
    /// Added to (or replacing by name) the formats of the set this extends.
    #[serde(default)]
    pub number_formats: BTreeMap<String, NumberFormat>,
    /// The sources of funds the set prints, in order; none: every source.
    #[serde(default)]
    pub sources: Option<Vec<SourceRowSpec>>,
    #[serde(default)]
    pub check: Option<CheckSpec>,
    /// The format's vehicle categories, in the order its sentences list them.
    #[serde(default)]
    pub vehicle_categories: Option<Vec<String>>,
    /// The 期限 a project may have in this format, in order (经常性, 一次性,
    /// 阶段性 …); the base set's (or those two) when left out.
    #[serde(default)]
    pub project_terms: Option<Vec<String>>,
    /// Fields the set's templates read beyond the budget format, added to
    /// (or replacing by name) those of the set this extends.
    #[serde(default)]
    pub fields: Option<crate::model::FieldScopes>,
    /// The 绩效目标表's 指标体系: each 一级指标 with its 二级指标, in order.
    #[serde(default)]
    pub indicators: Option<crate::model::IndicatorScheme>,
    /// A budget the set is tried on by `gongkai check --layout` (relative
    /// to the set's folder).
    #[serde(default)]
    pub sample: Option<String>,
    /// Every table on a new page (`before`); the base set's when left out.
    #[serde(default)]
    pub table_page_break: Option<PageBreak>,
    /// Ways of writing figures the format allows (`显示` in a budget file
    /// picks one): each replaces number formats by name. Added to (or
    /// replacing by name) the base set's.
    #[serde(default)]
    pub display_variants: BTreeMap<String, BTreeMap<String, NumberFormat>>,
    /// The variant of a file that names none; none: the number formats as they are.
    #[serde(default)]
    pub default_display: Option<String>,
    pub document: Option<Vec<BlockSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaSpec {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// The document's date (ISO, e.g. 2024-04-15): its files' creation time,
    /// fixed so that output is byte-identical run to run.
    pub date: String,
    #[serde(default = "zh_cn")]
    pub language: String,
}

fn zh_cn() -> String {
    "zh-CN".into()
}

/// A block, optionally repeated (`each` … `as`) and conditional (`when`,
/// evaluated once per repetition).
#[derive(Debug, Deserialize)]
pub struct BlockSpec {
    #[serde(default)]
    pub when: Option<Expr>,
    #[serde(default)]
    pub each: Option<Expr>,
    #[serde(default, rename = "as")]
    pub binding: Option<String>,
    /// The blocks this makes belong to the explanation: what the editable
    /// Word document holds by default (`explanation: true`).
    #[serde(default)]
    pub explanation: bool,
    #[serde(flatten)]
    pub kind: BlockKind,
}

/// The keys a block starts with, as a message lists them (the variants of
/// `BlockKind`, which a test holds this to).
pub const BLOCK_KINDS: &[&str] = &[
    "cover",
    "toc",
    "page_break",
    "heading",
    "toc_entry",
    "paragraph",
    "list",
    "table",
    "chart",
    "signature",
    "include",
    "group",
];

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Cover(CoverSpec),
    Toc(TocSpec),
    PageBreak(serde::de::IgnoredAny),
    Heading(HeadingSpec),
    /// A 目录 entry that no body heading prints (the 目录 of some formats
    /// lists 五、部门预算表 while the body goes straight to the tables).
    TocEntry(TocEntrySpec),
    Paragraph(ParagraphSpec),
    List(ListSpec),
    Table(Box<TableSpec>),
    Chart(ChartSpec),
    Signature(SignatureSpec),
    /// Another file of the set holding a list of blocks.
    Include(String),
    /// Several blocks under one `each` / `when`.
    Group(Vec<BlockSpec>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverSpec {
    pub title: String,
    pub subtitle: String,
    #[serde(default)]
    pub lines: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TocSpec {
    pub title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingSpec {
    pub level: u8,
    pub text: String,
    /// In the 目录? Default: levels 1 and 2.
    #[serde(default)]
    pub toc: Option<bool>,
    /// The 目录 wording when it differs from the heading.
    #[serde(default)]
    pub toc_text: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TocEntrySpec {
    #[serde(default = "level_one")]
    pub level: u8,
    pub text: String,
}

fn level_one() -> u8 {
    1
}

/// A paragraph: a template string, or `{ text, style }`. `**…**` marks bold.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ParagraphSpec {
    Text(String),
    Styled {
        text: String,
        #[serde(default)]
        style: Option<String>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListSpec {
    /// Expression giving the items.
    pub items: Expr,
    /// Template for one item; `item` and `index` (from 1) are set.
    pub text: String,
    /// Expression deciding whether an item is listed.
    #[serde(default)]
    pub filter: Option<Expr>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    pub kind: String,
    pub title: String,
    #[serde(default = "wan_label")]
    pub unit: String,
    pub items: Expr,
    #[serde(default)]
    pub filter: Option<Expr>,
    pub label: String,
    /// Expression giving each item's amount (元).
    pub value: Expr,
    /// Expression giving the whole the shares are taken of.
    pub whole: Expr,
}

fn wan_label() -> String {
    "万元".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureSpec {
    pub lines: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    #[serde(default)]
    pub caption: Option<String>,
    pub title: String,
    /// Short name, e.g. 表一 收支总表 (spreadsheet tabs, running heads).
    #[serde(default)]
    pub short_title: Option<String>,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub unit_name: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    /// The 目录 entry (level 2) for this table.
    #[serde(default)]
    pub toc: Option<String>,
    #[serde(default)]
    pub landscape: bool,
    /// The number format of `amount` cells whose column names none.
    #[serde(default)]
    pub format: Option<String>,
    pub columns: Vec<ColumnSpec>,
    #[serde(default)]
    pub header: Vec<Vec<CellSpec>>,
    pub body: Vec<BodyItem>,
    #[serde(default = "yes")]
    pub repeat_header: bool,
    /// The whole table on one page where it fits (a 绩效 form): Word keeps
    /// its rows together, the workbook prints it on one page.
    #[serde(default)]
    pub keep_together: bool,
    /// `before`: this table starts a new page; `none`: it follows on, even
    /// where the set starts every table on a new page. Left out: the set's.
    #[serde(default)]
    pub page_break: Option<PageBreak>,
    /// The table's type size where it is not the page's `table_size_pt`
    /// (a dense form), in points.
    #[serde(default)]
    pub size_pt: Option<f32>,
    /// Printed under the table when no body cell holds a figure.
    #[serde(default)]
    pub empty_note: Option<String>,
    /// Printed under the table always.
    #[serde(default)]
    pub note: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub width: f32,
    #[serde(default)]
    pub align: Option<String>,
    /// The number format of the `amount` cells that start in this column.
    #[serde(default)]
    pub format: Option<String>,
}

/// Rows, groups of rows, or row lists set side by side (收入 | 支出) and
/// padded to equal length.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum BodyItem {
    SideBySide {
        side_by_side: Vec<Vec<RowSpec>>,
    },
    /// Several rows repeated together (a 部门's unit subtotal, then its projects).
    Group {
        group: Vec<BodyItem>,
        #[serde(default)]
        each: Option<Expr>,
        #[serde(default, rename = "as")]
        binding: Option<String>,
        #[serde(default)]
        when: Option<Expr>,
    },
    Row(RowSpec),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    pub cells: Vec<CellSpec>,
    #[serde(default)]
    pub each: Option<Expr>,
    #[serde(default, rename = "as")]
    pub binding: Option<String>,
    #[serde(default)]
    pub when: Option<Expr>,
    /// Indentation level expression (0 = flush).
    #[serde(default)]
    pub level: Option<Expr>,
    #[serde(default)]
    pub bold: bool,
    /// The row stays on the page of the row after it (a sub-header).
    #[serde(default)]
    pub keep_with_next: bool,
}

/// A cell: a text template, or a map saying what it holds and how it spans.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum CellSpec {
    Text(String),
    Full(Box<FullCell>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FullCell {
    #[serde(default)]
    pub text: Option<String>,
    /// Expression: an amount in 元 shown in 万元 with two decimals; zero is blank.
    #[serde(default)]
    pub wan: Option<Expr>,
    /// Expression: an amount in 元 shown whole with separators; absent is blank.
    #[serde(default)]
    pub yuan: Option<Expr>,
    /// Expression: an amount in 元, shown in the cell's `format`, else its
    /// column's, else the table's; absent is blank.
    #[serde(default)]
    pub amount: Option<Expr>,
    /// A name from the set's `number_formats`.
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub cols: Option<Expr>,
    #[serde(default)]
    pub rows: Option<Expr>,
    #[serde(default)]
    pub align: Option<String>,
    #[serde(default)]
    pub bold: bool,
    /// Expression: leave the cell out (e.g. where a span from above covers it).
    #[serde(default)]
    pub when: Option<Expr>,
}

/// An expression; YAML numbers and booleans are accepted as written.
#[derive(Debug, Clone)]
pub struct Expr(pub String);

impl<'de> Deserialize<'de> for Expr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_yaml::Value::deserialize(d)?;
        match v {
            serde_yaml::Value::String(s) => Ok(Expr(s)),
            serde_yaml::Value::Number(n) => Ok(Expr(n.to_string())),
            serde_yaml::Value::Bool(b) => Ok(Expr(b.to_string())),
            _ => Err(serde::de::Error::custom(
                "应为表达式（文字、数字或 true/false）",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BLOCK_KINDS, BlockKind};
    use crate::load::de::{Kind, from_node};

    /// The kinds a message lists are the kinds a block can be.
    #[test]
    fn block_kinds_are_the_variants() {
        let node = crate::load::node::parse("nonsense\n", crate::load::LIMITS).expect("parses");
        let err = from_node::<BlockKind>(&node).expect_err("no such kind");
        match err.kind {
            Kind::UnknownVariant { expected, .. } => assert_eq!(expected, BLOCK_KINDS),
            other => panic!("{other:?}"),
        }
    }
}
