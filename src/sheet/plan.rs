//! Which sheets a budget workbook has and what each holds, derived from the
//! budget's shape. The writer and the reader both follow this one plan, so
//! what one writes the other reads back.

use super::shape::{Field, Leaf, Shape};

/// The sheet holding the budget's own single values (年度, 金额单位 …).
pub const ROOT_SHEET: &str = "基本信息";
/// The sheet that explains the others.
pub const GUIDE_SHEET: &str = "填写说明";
/// The hidden sheet holding the drop-down lists.
pub const LISTS_SHEET: &str = "选项";
/// Headers of a sheet of single values.
pub const FIELD_HEADERS: [&str; 3] = ["字段", "内容", "说明"];

/// The names of the levels above a nested table's rows, where the model
/// has them (the 绩效指标 tree); other nested tables number theirs.
const LEVEL_NAMES: &[(&str, &[&str])] = &[("绩效指标", &["一级指标", "二级指标"])];

/// One sheet of the workbook.
#[derive(Debug, Clone)]
pub struct SheetPlan {
    pub name: String,
    /// Field keys from the budget's root to what the sheet holds.
    pub keys: Vec<String>,
    pub description: String,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub enum Kind {
    /// 字段 | 内容 | 说明: one row per value of the fields below `keys`.
    Fields(Vec<Field>),
    /// One row per record.
    Table(Table),
}

#[derive(Debug, Clone)]
pub struct Table {
    /// For a table inside another table's records (the 绩效指标 of each
    /// 绩效目标表): the sheet of those records and the header of the column
    /// naming the record a row belongs to.
    pub parent: Option<(String, String)>,
    /// The level columns above each row (一级指标, 二级指标), with the
    /// names each may take when the model fixes them.
    pub levels: Vec<(String, Vec<String>)>,
    pub columns: Vec<Column>,
    /// The shape at `keys`, to rebuild the levels.
    pub shape: Shape,
}

/// One column of a table, or one row of a sheet of single values.
#[derive(Debug, Clone)]
pub struct Column {
    /// Keys from the record to the value.
    pub keys: Vec<String>,
    pub leaf: Leaf,
    pub description: String,
    /// Names chosen by the file continue the header after `keys`
    /// (`版式字段.项目概述`).
    pub open: bool,
    /// A list of values: lines of one cell in a table, rows of their own
    /// on a sheet of single values.
    pub list: bool,
}

impl Column {
    pub fn header(&self) -> String {
        self.keys.join(".")
    }
}

/// The workbook's sheets for a budget of this shape, in order.
pub fn plan(root: &Shape) -> Vec<SheetPlan> {
    let Shape::Struct(fields) = root else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let singles: Vec<Field> = fields
        .iter()
        .filter(|f| !matches!(f.shape, Shape::Struct(_)) && f.shape.table_depth().is_none())
        .cloned()
        .collect();
    out.push(SheetPlan {
        name: ROOT_SHEET.into(),
        keys: Vec::new(),
        description: "单个的值：格式版本、年度等".into(),
        kind: Kind::Fields(singles),
    });
    for f in fields {
        if f.shape.table_depth().is_some() {
            tables(&mut out, vec![f.key.clone()], f, None);
        } else if let Shape::Struct(inner) = &f.shape {
            out.push(SheetPlan {
                name: f.key.clone(),
                keys: vec![f.key.clone()],
                description: f.description.clone(),
                kind: Kind::Fields(inner.clone()),
            });
            for g in inner {
                nested_tables(&mut out, vec![f.key.clone()], g);
            }
        }
    }
    unique_names(&mut out);
    out
}

/// The tables below the fields of a sheet of single values (单位.内设机构).
fn nested_tables(out: &mut Vec<SheetPlan>, keys: Vec<String>, f: &Field) {
    let mut keys = keys;
    keys.push(f.key.clone());
    if f.shape.table_depth().is_some() {
        tables(out, keys, f, None);
    } else if let Shape::Struct(inner) = &f.shape {
        for g in inner {
            nested_tables(out, keys.clone(), g);
        }
    }
}

/// A table's sheet, then the sheets of the tables inside its records.
fn tables(
    out: &mut Vec<SheetPlan>,
    keys: Vec<String>,
    f: &Field,
    parent: Option<(String, String)>,
) {
    let depth = f.shape.table_depth().unwrap_or(0);
    let record = f.shape.record().unwrap_or_default();
    let names = LEVEL_NAMES
        .iter()
        .find(|(k, _)| *k == f.key)
        .map(|(_, n)| *n)
        .unwrap_or_default();
    let levels = (0..depth)
        .map(|i| {
            let name = names
                .get(i)
                .map_or_else(|| format!("{}第{}级", f.key, i + 1), |n| n.to_string());
            (name, f.shape.level_names(i))
        })
        .collect();
    let mut columns = Vec::new();
    let mut children = Vec::new();
    columns_of(record, &[], &mut columns, &mut children);
    let name = f.key.clone();
    let first = columns.first().map(Column::header).unwrap_or_default();
    out.push(SheetPlan {
        name: name.clone(),
        keys: keys.clone(),
        description: f.description.clone(),
        kind: Kind::Table(Table {
            parent,
            levels,
            columns,
            shape: f.shape.clone(),
        }),
    });
    for (child_keys, child) in children {
        let mut keys = keys.clone();
        keys.extend(child_keys);
        tables(out, keys, &child, Some((name.clone(), first.clone())));
    }
}

/// A record's columns, nested records flattened (`资金.一般公共预算`); the
/// tables inside it are set aside for sheets of their own.
fn columns_of(
    fields: &[Field],
    prefix: &[String],
    columns: &mut Vec<Column>,
    children: &mut Vec<(Vec<String>, Field)>,
) {
    for f in fields {
        let mut keys = prefix.to_vec();
        keys.push(f.key.clone());
        if f.shape.table_depth().is_some() {
            children.push((keys, f.clone()));
            continue;
        }
        match &f.shape {
            Shape::Struct(inner) => columns_of(inner, &keys, columns, children),
            shape => columns.push(column(keys, shape, &f.description)),
        }
    }
}

/// A value's column or row: a leaf, a list of leaves, or names of the
/// file's choosing each with a leaf.
pub fn column(keys: Vec<String>, shape: &Shape, description: &str) -> Column {
    let (leaf, open, list) = match shape {
        Shape::Leaf(l) => (l.clone(), false, false),
        Shape::List(inner) => match &**inner {
            Shape::Leaf(l) => (l.clone(), false, true),
            _ => (Leaf::Any, false, false),
        },
        Shape::Map(inner) => match &**inner {
            Shape::Leaf(l) => (l.clone(), true, false),
            _ => (Leaf::Any, true, false),
        },
        Shape::Struct(_) => (Leaf::Any, false, false),
    };
    Column {
        keys,
        leaf,
        description: description.to_string(),
        open,
        list,
    }
}

/// The rows of a sheet of single values: every value below its fields,
/// nested fields flattened, tables left to their own sheets.
pub fn field_rows(fields: &[Field], prefix: &[String], out: &mut Vec<Column>) {
    for f in fields {
        let mut keys = prefix.to_vec();
        keys.push(f.key.clone());
        if f.shape.table_depth().is_some() {
            continue;
        }
        match &f.shape {
            Shape::Struct(inner) => field_rows(inner, &keys, out),
            shape => out.push(column(keys, shape, &f.description)),
        }
    }
}

/// Sheet names are unique in a workbook: a name taken twice gets its
/// parent's name in front.
fn unique_names(sheets: &mut [SheetPlan]) {
    for i in 0..sheets.len() {
        let taken = sheets[..i].iter().any(|s| s.name == sheets[i].name)
            || [GUIDE_SHEET, LISTS_SHEET].contains(&sheets[i].name.as_str());
        if taken {
            sheets[i].name = sheets[i].keys.join("-");
        }
    }
}
