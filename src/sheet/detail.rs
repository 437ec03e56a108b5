//! Detail exports of a budget system (one row per line: unit, project,
//! codes, source of funds, amount), read by an import profile: which
//! header names which field, which rows to skip, how sources are spelt. A
//! new system's export needs a new profile, never code.

use super::grid::{Book, Grid};
use super::leaf::{self, Raw};
use super::shape::Leaf;
use super::{CellRef, SheetError};
use crate::diagnostic::Diagnostic;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use std::str::FromStr;

/// How far down the sheet the header row is looked for.
const HEADER_SEARCH_ROWS: u32 = 10;

/// The fields a detail row may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Column {
    #[serde(rename = "单位")]
    Unit,
    #[serde(rename = "项目")]
    Project,
    #[serde(rename = "功能科目")]
    Function,
    #[serde(rename = "功能科目名称")]
    FunctionName,
    #[serde(rename = "经济科目")]
    Economic,
    #[serde(rename = "经济科目名称")]
    EconomicName,
    #[serde(rename = "政府经济科目")]
    Government,
    #[serde(rename = "政府经济科目名称")]
    GovernmentName,
    #[serde(rename = "资金来源")]
    Source,
    #[serde(rename = "金额")]
    Amount,
    #[serde(rename = "项目类别")]
    Category,
    #[serde(rename = "项目期限")]
    Term,
    #[serde(rename = "安排")]
    Period,
}

/// An import profile (`layouts/imports/*.yaml`, or `--profile FILE`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(rename = "名称")]
    pub name: String,
    #[serde(rename = "工作表", default)]
    pub sheet: Option<String>,
    #[serde(rename = "金额单位", default = "yuan")]
    pub unit_of_account: String,
    #[serde(rename = "列")]
    pub columns: IndexMap<Column, Vec<String>>,
    #[serde(rename = "跳过", default)]
    pub skip: Vec<String>,
    #[serde(rename = "基本支出", default)]
    pub basic: Vec<String>,
    #[serde(rename = "资金来源", default)]
    pub sources: IndexMap<String, Vec<String>>,
    #[serde(rename = "默认", default)]
    pub defaults: BTreeMap<Column, String>,
}

fn yuan() -> String {
    "元".into()
}

/// What a detail export gives a budget.
#[derive(Debug, Default)]
pub struct Detail {
    /// `基本支出` records, one per combination of codes and source.
    pub basic: Vec<Value>,
    /// `项目` records, one per project name.
    pub projects: Vec<Value>,
    /// Names the export gives its codes.
    pub names: BTreeMap<String, String>,
    /// The units the export holds rows of.
    pub units: Vec<String>,
    pub problems: Vec<Diagnostic>,
}

/// Reads the rows of `unit` (all rows when the export has no unit column
/// or `unit` is None).
pub fn read(bytes: Vec<u8>, profile: &Profile, unit: Option<&str>) -> Result<Detail, SheetError> {
    let mut book = Book::open(bytes)?;
    let sheet = match &profile.sheet {
        Some(s) => s.clone(),
        None => book
            .sheet_names()
            .into_iter()
            .next()
            .ok_or(SheetError::NoBudgetSheet)?,
    };
    if !book.sheet_names().contains(&sheet) {
        return Err(SheetError::NoSheet(sheet));
    }
    let grid = book.grid(&sheet)?;
    let (head, slots) =
        header(&grid, profile).ok_or_else(|| SheetError::NoHeader(sheet.clone()))?;
    let mut r = Rows {
        sheet,
        profile,
        out: Detail::default(),
        basic_at: BTreeMap::new(),
        project_at: BTreeMap::new(),
        sums: Vec::new(),
    };
    let last = grid.keys().map(|(row, _)| *row).max().unwrap_or(0);
    for row in head + 1..=last {
        r.row(&grid, row, &slots, unit);
    }
    r.finish();
    Ok(r.out)
}

/// The header row (of the first few) naming the most fields, and the
/// column of each field.
fn header(grid: &Grid, profile: &Profile) -> Option<(u32, BTreeMap<Column, u32>)> {
    let field_of = |text: &str| {
        profile
            .columns
            .iter()
            .find(|(_, names)| names.iter().any(|n| n == text))
            .map(|(c, _)| *c)
    };
    (0..HEADER_SEARCH_ROWS)
        .map(|r| {
            let mut slots = BTreeMap::new();
            for (&(_, c), raw) in grid.range((r, 0)..(r + 1, 0)) {
                if let Some(f) = field_of(raw.text().trim()) {
                    slots.entry(f).or_insert(c);
                }
            }
            (r, slots)
        })
        .filter(|(_, s)| s.contains_key(&Column::Amount))
        .max_by_key(|(r, s)| (s.len(), std::cmp::Reverse(*r)))
}

struct Rows<'a> {
    sheet: String,
    profile: &'a Profile,
    out: Detail,
    /// Where each combination of codes and source stands in `basic`.
    basic_at: BTreeMap<(String, String, String, String, String), usize>,
    /// Where each project stands in `projects`, and the row that began it.
    project_at: BTreeMap<String, (usize, u32)>,
    /// Sums per record and field path, exact.
    sums: Vec<(bool, usize, Vec<String>, Decimal)>,
}

impl Rows<'_> {
    fn problem(&mut self, row: u32, col: u32, header: &str, message: String) {
        let mut d = Diagnostic::error("detail-value", "", message);
        d.cell = Some(CellRef::new(&self.sheet, row, col, header).to_string());
        self.out.problems.push(d);
    }

    fn row(&mut self, grid: &Grid, row: u32, slots: &BTreeMap<Column, u32>, unit: Option<&str>) {
        let cell = |c: Column| {
            slots
                .get(&c)
                .and_then(|col| grid.get(&(row, *col)))
                .filter(|v| !v.is_blank())
        };
        let text = |c: Column| cell(c).map(|v| v.text().trim().to_string());
        let all_blank = slots
            .values()
            .all(|col| grid.get(&(row, *col)).is_none_or(Raw::is_blank));
        let skipped = slots.values().any(|col| {
            grid.get(&(row, *col)).is_some_and(|v| {
                let t = v.text();
                self.profile
                    .skip
                    .iter()
                    .any(|s| t.trim().starts_with(s.as_str()))
            })
        });
        if all_blank || skipped {
            return;
        }
        if let Some(u) = text(Column::Unit) {
            if !self.out.units.contains(&u) {
                self.out.units.push(u.clone());
            }
            if unit.is_some_and(|want| want != u) {
                return;
            }
        }
        let header = |c: Column| -> String {
            self.profile
                .columns
                .get(&c)
                .and_then(|n| n.first())
                .cloned()
                .unwrap_or_default()
        };
        let col = |c: Column| slots.get(&c).copied().unwrap_or(0);
        // The amount.
        let Some(raw) = cell(Column::Amount) else {
            return;
        };
        let amount = match leaf::value(&Leaf::Amount, raw) {
            Ok(Some(v)) => Decimal::from_str(&super::write::cell_text(&v)).ok(),
            Ok(None) => None,
            Err(e) => {
                self.problem(
                    row,
                    col(Column::Amount),
                    &header(Column::Amount),
                    e.to_string(),
                );
                return;
            }
        };
        let Some(amount) = amount else {
            let t = raw.text();
            self.problem(
                row,
                col(Column::Amount),
                &header(Column::Amount),
                format!("金额“{}”不是数字", crate::diagnostic::excerpt(&t)),
            );
            return;
        };
        // The source of funds, by its spellings.
        let source = match text(Column::Source) {
            None => "一般公共预算".to_string(),
            Some(s) => match self
                .profile
                .sources
                .iter()
                .find(|(label, spellings)| *label == &s || spellings.contains(&s))
            {
                Some((label, _)) => label.clone(),
                None => {
                    let known: Vec<&str> =
                        self.profile.sources.keys().map(String::as_str).collect();
                    self.problem(
                        row,
                        col(Column::Source),
                        &header(Column::Source),
                        format!(
                            "资金来源“{}”不在导入方案的写法中（可用：{}）",
                            crate::diagnostic::excerpt(&s),
                            known.join("、")
                        ),
                    );
                    return;
                }
            },
        };
        let mut codes = Vec::new();
        for (c, name_col) in [
            (Column::Function, Column::FunctionName),
            (Column::Economic, Column::EconomicName),
            (Column::Government, Column::GovernmentName),
        ] {
            let code = cell(c).map(|raw| {
                let (code, name) = leaf::code(raw);
                if let Some(n) = name.or_else(|| text(name_col)) {
                    self.out.names.entry(code.clone()).or_insert(n);
                }
                code
            });
            codes.push(code.unwrap_or_default());
        }
        let project = text(Column::Project).filter(|p| !self.profile.basic.contains(p));
        let period = text(Column::Period);
        match project {
            None => self.basic(row, codes, source, amount, period, &header, &col),
            Some(name) => self.project(
                row, name, codes, source, amount, period, &text, &header, &col,
            ),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn basic(
        &mut self,
        row: u32,
        codes: Vec<String>,
        source: String,
        amount: Decimal,
        period: Option<String>,
        header: &dyn Fn(Column) -> String,
        col: &dyn Fn(Column) -> u32,
    ) {
        for (i, c) in [Column::Function, Column::Economic, Column::Government]
            .into_iter()
            .enumerate()
        {
            if codes[i].is_empty() {
                self.problem(
                    row,
                    col(c),
                    &header(c),
                    format!("基本支出的这一行没有“{}”", header(c)),
                );
                return;
            }
        }
        let period = period.unwrap_or_else(|| "本年".into());
        let key = (
            codes[0].clone(),
            codes[1].clone(),
            codes[2].clone(),
            source.clone(),
            period.clone(),
        );
        let at = match self.basic_at.get(&key) {
            Some(&at) => at,
            None => {
                let mut m = Mapping::new();
                m.insert("功能科目".into(), leaf::code_value(&codes[0]));
                m.insert("经济科目".into(), leaf::code_value(&codes[1]));
                m.insert("政府经济科目".into(), leaf::code_value(&codes[2]));
                m.insert("金额".into(), Value::from(0));
                m.insert("资金来源".into(), source.into());
                m.insert("安排".into(), period.into());
                self.out.basic.push(Value::Mapping(m));
                let at = self.out.basic.len() - 1;
                self.basic_at.insert(key, at);
                at
            }
        };
        self.add(false, at, vec!["金额".into()], amount);
    }

    #[allow(clippy::too_many_arguments)]
    fn project(
        &mut self,
        row: u32,
        name: String,
        codes: Vec<String>,
        source: String,
        amount: Decimal,
        period: Option<String>,
        text: &dyn Fn(Column) -> Option<String>,
        header: &dyn Fn(Column) -> String,
        col: &dyn Fn(Column) -> u32,
    ) {
        if codes[0].is_empty() {
            self.problem(
                row,
                col(Column::Function),
                &header(Column::Function),
                format!("项目“{name}”的这一行没有功能科目"),
            );
            return;
        }
        let at = match self.project_at.get(&name) {
            Some(&(at, first)) => {
                let had = self.out.projects[at]
                    .get("功能科目")
                    .map(super::write::cell_text)
                    .unwrap_or_default();
                if had != codes[0] {
                    self.problem(
                        row,
                        col(Column::Function),
                        &header(Column::Function),
                        format!("项目“{name}”在第 {} 行的功能科目是 {had}，这里是 {}：一个项目只能有一个功能科目，请拆成两个项目", first + 1, codes[0]),
                    );
                    return;
                }
                at
            }
            None => {
                let pick = |c: Column| text(c).or_else(|| self.profile.defaults.get(&c).cloned());
                let mut m = Mapping::new();
                m.insert("名称".into(), name.clone().into());
                for (c, key) in [(Column::Category, "类别"), (Column::Term, "期限")] {
                    match pick(c) {
                        Some(v) => {
                            m.insert(key.into(), v.into());
                        }
                        None => {
                            self.problem(row, col(Column::Project), &header(Column::Project), format!("项目“{name}”没有{key}：明细中没有这一列，导入方案也没有写“默认”"));
                            return;
                        }
                    }
                }
                m.insert("功能科目".into(), leaf::code_value(&codes[0]));
                m.insert("资金".into(), Value::Mapping(Mapping::new()));
                m.insert(
                    "安排".into(),
                    period.unwrap_or_else(|| "本年".into()).into(),
                );
                self.out.projects.push(Value::Mapping(m));
                let at = self.out.projects.len() - 1;
                self.project_at.insert(name, (at, row));
                at
            }
        };
        self.add(true, at, vec!["资金".into(), source], amount);
    }

    fn add(&mut self, project: bool, at: usize, keys: Vec<String>, amount: Decimal) {
        match self
            .sums
            .iter_mut()
            .find(|(p, i, k, _)| *p == project && *i == at && *k == keys)
        {
            Some((.., sum)) => *sum += amount,
            None => self.sums.push((project, at, keys, amount)),
        }
    }

    /// Writes each sum into its record.
    fn finish(&mut self) {
        for (project, at, keys, sum) in std::mem::take(&mut self.sums) {
            let list = if project {
                &mut self.out.projects
            } else {
                &mut self.out.basic
            };
            let Some(Value::Mapping(record)) = list.get_mut(at) else {
                continue;
            };
            let figure =
                serde_yaml::from_str::<Value>(&sum.normalize().to_string()).unwrap_or(Value::Null);
            super::tree::put(record, &keys, figure, false);
        }
    }
}
