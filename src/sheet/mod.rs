//! A budget as an Excel workbook, both ways: the entry template a budget
//! officer fills, the export of a budget file, and the reading of either
//! back into the budget's value tree with the cell each value came from.
//!
//! The workbook's sheets follow the budget model through its JSON Schema:
//! single values on sheets of 字段 | 内容 rows, lists of records on sheets of
//! their own with one row per record, records inside records (the 绩效指标 of
//! a 绩效目标表) on a sheet naming the record each row belongs to. What the
//! reader gives is handed to the same loader as a YAML file, so a workbook
//! is checked, and fails, exactly as the YAML it stands for.

mod cells;
pub mod detail;
mod grid;
mod leaf;
mod plan;
mod read;
mod shape;
mod tree;
mod write;
mod yaml;

pub use cells::{CellMap, CellRef, Choices, SheetError};
pub use plan::{GUIDE_SHEET, ROOT_SHEET};
pub use read::Read;

use serde_yaml::Value;

/// Which of our files a workbook stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// A unit's budget.
    Budget,
    /// A 主管部门's 部门 file.
    Department,
}

/// The files a workbook can stand for.
pub trait AsWorkbook {
    const DOCUMENT: Document;
}

impl AsWorkbook for crate::model::Budget {
    const DOCUMENT: Document = Document::Budget;
}

impl AsWorkbook for crate::model::DepartmentFile {
    const DOCUMENT: Document = Document::Department;
}

/// The sheet only a 部门 file has.
const DEPARTMENT_SHEET: &str = "部门";

impl Document {
    /// The model's own schema, without any layout set's additions.
    pub fn schema(self) -> serde_json::Value {
        match self {
            Document::Budget => crate::schema::model_schema_value(),
            Document::Department => {
                serde_json::to_value(schemars::schema_for!(crate::model::DepartmentFile))
                    .unwrap_or_default()
            }
        }
    }

    /// Which document a value tree is: a 部门 file has 部门 where a
    /// budget has 单位.
    pub fn of_tree(tree: &Value) -> Document {
        let has = |k: &str| tree.get(k).is_some();
        if has(DEPARTMENT_SHEET) && !has("单位") {
            Document::Department
        } else {
            Document::Budget
        }
    }

    /// What the 填写说明 sheet says below its list of sheets.
    fn guide(self) -> Vec<(String, String)> {
        let all = guide();
        match self {
            Document::Budget => all,
            Document::Department => vec![
                all[0].clone(),
                (
                    "检查与生成".into(),
                    "部门文件只写部门的文字（职责、机构、变动原因等），数字全部由所属单位汇总。把本工作簿命名为“部门.xlsx”，与各单位的预算文件（YAML 或工作簿）放在同一个文件夹，运行 gongkai batch 文件夹 -o 输出文件夹。".into(),
                ),
            ],
        }
    }
}

/// What the 填写说明 sheet of a budget says below its list of sheets.
fn guide() -> Vec<(String, String)> {
    [
        ("怎样填写", "每个工作表第一行是表头，不要改动表头的文字；一行填一条（一个项目、一条基本支出），空行会被略过。“字段 | 内容”形式的工作表，每行填“内容”一列，“说明”一列只是提示。"),
        ("金额", "金额填数字，单位见“基本信息”中的金额单位（默认为元）；不要填“万元”字样或括号负数。合计、小计、类、款都由 gongkai 计算，不要填写。"),
        ("科目", "功能科目填 7 位项级编码，经济科目填 5 位款级编码；可从下拉列表选择“2010301 行政运行”这样的编码和名称，也可只填编码。目录中没有的地方科目，在“基本信息”中加一行“科目名称.编码”写明名称。"),
        ("下一级的表", "“绩效指标”等工作表的第一列填所属的项目名称，与上一级工作表中的名称一致。"),
        ("检查与生成", "填好后运行 gongkai check 本工作簿.xlsx 检查，gongkai build 本工作簿.xlsx -o 输出文件夹 生成公开材料；提示中的“工作表!C17”指出要改的单元格。"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

/// The plan of every workbook of a document: the model's own schema, so
/// that a workbook reads the same whatever layout set it was made for.
/// Made once per run: a batch of workbooks reads every unit by it.
fn sheets_of(document: Document) -> &'static (Vec<plan::SheetPlan>, shape::Shape) {
    type Planned = std::sync::OnceLock<(Vec<plan::SheetPlan>, shape::Shape)>;
    static BUDGET: Planned = Planned::new();
    static DEPARTMENT: Planned = Planned::new();
    let once = match document {
        Document::Budget => &BUDGET,
        Document::Department => &DEPARTMENT,
    };
    once.get_or_init(|| {
        let shape = shape::Shape::from_schema(&document.schema());
        (plan::plan(&shape), shape)
    })
}

/// The workbook of a budget or 部门 file (its value tree; a tree without
/// records gives the entry template). `layout_schema` is the schema with a
/// layout set's declared fields and 指标体系: their names are offered as
/// rows, columns and drop-down lists.
pub fn write(
    document: Document,
    tree: &Value,
    layout_schema: &serde_json::Value,
    choices: &Choices,
) -> Result<Vec<u8>, SheetError> {
    let (sheets, _) = sheets_of(document);
    let hints = shape::Shape::from_schema(layout_schema);
    write::workbook(sheets, tree, &hints, choices, &document.guide())
}

/// Which document a workbook stands for, by its sheets.
pub fn document_of(bytes: &[u8]) -> Result<Document, SheetError> {
    let book = grid::Book::open(bytes.to_vec())?;
    let names = book.sheet_names();
    let has = |s: &str| names.iter().any(|n| n == s);
    Ok(if has(DEPARTMENT_SHEET) && !has("单位") {
        Document::Department
    } else {
        Document::Budget
    })
}

/// Reads a workbook's bytes into the document's value tree.
pub fn read(bytes: Vec<u8>, document: Document) -> Result<Read, SheetError> {
    let (sheets, shape) = sheets_of(document);
    let fields = match shape {
        shape::Shape::Struct(f) => f.as_slice(),
        _ => &[],
    };
    read::read(bytes, sheets, fields)
}

/// Whether bytes are a zip (an xlsx) rather than text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

pub use yaml::to_yaml;
