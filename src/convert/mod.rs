//! Budget files to workbooks and back: `export`, `import` and the entry
//! `template`. The sheets themselves are `sheet`'s; this is where files are
//! read, a layout set's fields and a year's catalogue come in, and results
//! are written without ever replacing a file.

mod common;
mod detail;

pub use common::{ConvertError, Failure, Unloadable};
use common::{expect_extension, unloadable, write_new};
pub use detail::{DetailSpec, bundled_profiles, import_detail};

use crate::catalog::Catalog;
use crate::conventions::Conventions;
use crate::load::load_file;
use crate::model::DepartmentFile;
use crate::sheet::{self, Choices, Document};
use serde_yaml::Value;
use std::path::Path;

/// A loaded document: which it is, its tree, and its YAML text (for a
/// workbook, the YAML its cells were read into).
struct Opened {
    document: Document,
    /// Whether the file was a workbook (else YAML).
    workbook: bool,
    tree: Value,
    text: String,
}

/// Which document a file is (a unit's budget or a 部门 file), and what it
/// holds once it loads as that document.
fn document_tree(file: &Path) -> Result<Opened, Box<Unloadable>> {
    let bytes = crate::load::read_bounded(file, crate::load::MAX_FILE_BYTES).ok();
    let workbook = bytes.as_deref().is_some_and(sheet::is_workbook);
    let document = match bytes.as_deref() {
        Some(b) if sheet::is_workbook(b) => sheet::document_of(b).unwrap_or(Document::Budget),
        Some(b) => crate::load::load_plain_bytes_as::<Value>(b)
            .map(|p| Document::of_tree(&p.value))
            .unwrap_or(Document::Budget),
        None => Document::Budget,
    };
    let shown = file.display().to_string();
    let (tree, text) = match document {
        Document::Budget => {
            let l = load_file(file).map_err(|e| unloadable(&shown, &e))?;
            (serde_yaml::to_value(l.budget), l.text)
        }
        Document::Department => {
            let parsed = crate::load::load_file_as::<DepartmentFile>(file)
                .map_err(|e| unloadable(&shown, &e))?;
            (serde_yaml::to_value(parsed.value), parsed.text)
        }
    };
    Ok(Opened {
        document,
        workbook,
        tree: tree.unwrap_or_default(),
        text,
    })
}

/// `gongkai export`: a budget file (or a 部门 file) as a workbook.
pub fn export(file: &Path, out: &Path) -> Result<(), Failure> {
    expect_extension(out, "xlsx")?;
    let Opened { document, tree, .. } = document_tree(file).map_err(Failure::Input)?;
    let bytes = sheet::write(document, &tree, &document.schema(), &Choices::new())
        .map_err(ConvertError::from)?;
    write_new(out, &bytes)?;
    Ok(())
}

/// `gongkai import`: a workbook as a budget file in YAML.
pub fn import(file: &Path, out: &Path) -> Result<(), Failure> {
    expect_extension(out, "yaml")?;
    // Loading it checks it reads as its document; the YAML written is the
    // text the workbook's tree was loaded from.
    let loaded = document_tree(file).map_err(Failure::Input)?;
    if !loaded.workbook {
        return Err(ConvertError::from(sheet::SheetError::NotWorkbook).into());
    }
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = format!(
        "# 由 gongkai import 从 {name} 读入；金额单位见“金额单位”。\n{}",
        loaded.text
    );
    write_new(out, text.as_bytes())?;
    Ok(())
}

/// What the entry template is made for.
pub struct TemplateSpec<'a> {
    /// The layout set's conventions: its declared fields, 指标体系 and
    /// catalogues.
    pub conventions: &'a Conventions,
    pub year: Option<i32>,
    pub from: Option<&'a Path>,
    /// A 部门 file's workbook rather than a unit's.
    pub department: bool,
}

/// `gongkai template`: the entry workbook of a layout set, empty or filled
/// from a budget file.
pub fn template(spec: &TemplateSpec, out: &Path) -> Result<i32, Failure> {
    expect_extension(out, "xlsx")?;
    let wanted = if spec.department {
        Document::Department
    } else {
        Document::Budget
    };
    let tree = match spec.from {
        Some(f) => {
            let Opened {
                document, mut tree, ..
            } = document_tree(f).map_err(Failure::Input)?;
            if document != wanted {
                return Err(Failure::Output(ConvertError::Document(f.to_path_buf())));
            }
            if let (Some(y), Some(m)) = (spec.year, tree.as_mapping_mut()) {
                m.insert("年度".into(), y.into());
            }
            tree
        }
        None => {
            let year = spec
                .year
                .unwrap_or_else(|| Catalog::bundled_years().into_iter().max().unwrap_or(2026));
            let mut m = serde_yaml::Mapping::new();
            m.insert("格式版本".into(), 1.into());
            m.insert("年度".into(), year.into());
            if wanted == Document::Budget {
                m.insert("金额单位".into(), "元".into());
            }
            Value::Mapping(m)
        }
    };
    let year = tree
        .get("年度")
        .and_then(Value::as_i64)
        .and_then(|y| i32::try_from(y).ok())
        .unwrap_or_default();
    let catalog = spec
        .conventions
        .load(year)
        .map_err(|e| ConvertError::Catalog {
            year,
            reason: e.to_string(),
        })?;
    let hints = match wanted {
        Document::Budget => crate::schema::budget_schema_value(
            &spec.conventions.profile.fields,
            &spec.conventions.profile.indicators,
        ),
        Document::Department => wanted.schema(),
    };
    let bytes = sheet::write(
        wanted,
        &tree,
        &hints,
        &choices(&catalog, &spec.conventions.profile.project_terms),
    )
    .map_err(ConvertError::from)?;
    write_new(out, &bytes)?;
    Ok(year)
}

/// The catalogue's lists, "编码 名称", for the columns that take them, and
/// the set's 期限.
fn choices(catalog: &Catalog, terms: &[String]) -> Choices {
    let coded = |map: &std::collections::BTreeMap<String, String>, len: usize| -> Vec<String> {
        map.iter()
            .filter(|(code, _)| code.len() == len)
            .map(|(code, name)| format!("{code} {name}"))
            .collect()
    };
    let mut out = Choices::new();
    out.insert("功能科目".into(), coded(&catalog.function, 7));
    out.insert("经济科目".into(), coded(&catalog.economic, 5));
    out.insert(
        "政府经济科目".into(),
        coded(&catalog.government_economic, 5),
    );
    out.insert("类型".into(), catalog.unit_kinds.clone());
    out.insert("期限".into(), terms.to_vec());
    out
}
