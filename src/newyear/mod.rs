//! `new-year`: next year's draft of a budget, made from this year's file.
//!
//! The unit, its duties and structure, every line and project are carried
//! over; amounts stay as a starting point; 上年 points at the old file, so
//! every 上年 figure is computed from it and reasons start empty. Codes the
//! new year's catalogue no longer has are listed for the officer.

mod final_accounts;
/// A whole 主管部门's folder: each unit's draft and 部门.yaml's, built on
/// this module's drafts (it uses them; they do not use it).
pub mod folder;
mod form_years;
mod splice;

use crate::catalog::{Catalog, CatalogError};
use crate::conventions::Conventions;
use crate::model::{Budget, LastYear, RunningCosts};
use crate::run::{Checked, analyse_in, check_file};
use serde_yaml::Value;
use std::path::{Path, PathBuf};

/// Why no draft was written.
#[derive(Debug, thiserror::Error)]
pub enum NewYearError {
    #[error("{} 无法读取，未生成草稿：请先改正上面的错误", .0.display())]
    Unreadable(PathBuf),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Folder(#[from] crate::batch::OpenError),
    #[error("下列单位文件无法读取，未生成任何草稿：{}。请先用 gongkai check 检查它们", crate::publish::list(.0))]
    UnitsUnreadable(Vec<PathBuf>),
    #[error("两个单位的文件都叫 {0}：新年度的文件夹中放不下同名的两个文件，请先把其中一个改名")]
    SameName(String),
    #[error("{} 已存在：new-year 不覆盖已有的文件，请另选文件名或先将它移走", .0.display())]
    Exists(PathBuf),
    #[error("{} 是一个文件夹：new-year 的 -o 是要生成的草稿文件，如 -o 2025.yaml", .0.display())]
    IsFolder(PathBuf),
    #[error("新的年度应为 {expected}（{from} 年的下一年），不是 {asked}：上年文件须正好早一年")]
    NotNextYear {
        from: i32,
        expected: i32,
        asked: i32,
    },
    #[error("{year} 年的日期无法顺延一年")]
    Date { year: i32 },
    #[error("{year} 年超出 gongkai 接受的年度（2000–2100），不生成草稿")]
    YearOutOfRange { year: i32 },
    #[error("无法写入 {}：{}", path.display(), crate::diagnostic::os_reason(source))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("无法生成草稿的 YAML 文本：{0}")]
    Yaml(#[from] serde_yaml::Error),
}

/// A code the new year's catalogue does not have, where the draft writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct StaleCode {
    pub path: String,
    pub code: String,
    /// Its name in the old year's catalogue (or the file's own name for it).
    pub name: Option<String>,
}

/// Next year's draft: its YAML text and the codes to fix.
pub struct Draft {
    pub year: i32,
    pub text: String,
    pub stale: Vec<StaleCode>,
}

/// A draft written, and what `check` says of it.
pub struct Written {
    pub path: PathBuf,
    pub draft: Draft,
    pub checked: Checked,
}

/// `gongkai new-year FROM -o TO`: the old file's findings, and the draft
/// written to `TO` (never over an existing file). `catalogs` holds the new
/// year's catalogue (`--catalog` is for the new year); the old year's comes
/// from the folder or the bundled ones.
pub fn new_year(
    from: &Path,
    to: &Path,
    year: Option<i32>,
    catalogs: &Conventions,
) -> (Checked, Result<Written, NewYearError>) {
    let old_catalogs = catalogs.for_other_years();
    let (checked, analysed) = analyse_in(from, None, &old_catalogs);
    let Some(a) = analysed else {
        return (checked, Err(NewYearError::Unreadable(from.to_path_buf())));
    };
    let made =
        prepare(&a.loaded, &a.catalog, &a.ledger, from, to, year, catalogs).and_then(|draft| {
            write_new(to, &draft.text)?;
            let checked = check_file(to, None, catalogs);
            Ok(Written {
                path: to.to_path_buf(),
                draft,
                checked,
            })
        });
    (checked, made)
}

/// The draft of the budget read from `from`, to be written at `to`.
fn prepare(
    old: &crate::load::Loaded,
    old_catalog: &Catalog,
    old_ledger: &crate::compute::Ledger,
    from: &Path,
    to: &Path,
    year: Option<i32>,
    catalogs: &Conventions,
) -> Result<Draft, NewYearError> {
    let year = next_year(old.budget.year, year)?;
    let new_catalog = catalogs.load(year)?;
    let name = from.file_name().map_or_else(
        || from.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    );
    let sources = Sources {
        name: &name,
        text: Some((&old.text, &old.map)),
        old_catalog,
        old_ledger,
        new_catalog: &new_catalog,
    };
    draft(&old.budget, year, &link_to(from, to), &sources)
}

/// Where a draft comes from besides the old budget.
pub struct Sources<'a> {
    /// How the header names the old file.
    pub name: &'a str,
    /// The old file's text and where its fields are: the draft keeps its
    /// comments and layout wherever it does not change a field.
    pub text: Option<(&'a str, &'a crate::load::SourceMap)>,
    pub old_catalog: &'a Catalog,
    /// The old budget's ledger: a 决算's draft begins with what it ended with.
    pub old_ledger: &'a crate::compute::Ledger,
    pub new_catalog: &'a Catalog,
}

/// The year a draft is for: `asked`, which must follow `from`, or the next.
pub fn next_year(from: i32, asked: Option<i32>) -> Result<i32, NewYearError> {
    // A loaded file's year is within YEARS; the year after the last is not.
    let expected = from.saturating_add(1);
    if !crate::model::YEARS.contains(&expected) {
        return Err(NewYearError::YearOutOfRange { year: expected });
    }
    match asked {
        Some(asked) if asked != expected => Err(NewYearError::NotNextYear {
            from,
            expected,
            asked,
        }),
        _ => Ok(expected),
    }
}

/// The draft of `old` for `year`. `link` is the old file as the new file
/// will name it (relative to the new file's folder); the catalogues of
/// `from` tell which codes are gone.
pub fn draft(old: &Budget, year: i32, link: &str, from: &Sources) -> Result<Draft, NewYearError> {
    let mut b = old.clone();
    let later = |d: crate::model::Date| {
        d.plus_years(year - old.year)
            .ok_or(NewYearError::Date { year })
    };
    b.year = year;
    b.last_year = LastYear {
        file: Some(link.to_string()),
        ..LastYear::default()
    };
    b.three_public.last = None;
    b.three_public.reason = None;
    b.running_costs = b.running_costs.map(|r| RunningCosts {
        last: None,
        reason: None,
        ..r
    });
    b.signature.date = later(b.signature.date)?;
    b.assets.as_of = later(b.assets.as_of)?;
    final_accounts::carry(&mut b, old, from.old_ledger);
    let moved = form_years::moved(&mut b, old.year, year);
    let stale = stale_codes(&b, from.old_catalog, from.new_catalog);
    let tree = yaml_tree(&b)?;
    let body = match from
        .text
        .and_then(|(t, map)| splice::splice(t, map, &tree, &moved))
    {
        Some(text) if reads_back(&text, &tree) => text,
        _ => serde_yaml::to_string(&tree)?,
    };
    let mut text = header(
        old.year,
        year,
        from.name,
        &stale,
        b.final_accounts.is_some(),
    );
    text.push_str(&form_years::note(&b, &moved, old.year, year));
    text.push_str(&body);
    Ok(Draft { year, text, stale })
}

/// The draft's opening comment: what it is and what the officer must do.
fn header(
    from: i32,
    year: i32,
    source_name: &str,
    stale: &[StaleCode],
    final_accounts: bool,
) -> String {
    let mut h = if final_accounts {
        format!(
            "# {year} 年度决算草稿：由 gongkai new-year 根据 {source_name} 生成。\n\
             # 下面的金额都是 {from} 年度的决算数，只作起点：请逐项改为 {year} 年度的决算数。\n\
             # 年初结转和结余是 {from} 年度的年末结转和结余，不要改；上年数由“上年.文件”计算。\n\
             # 请在 决算.预算 中链接 {year} 年的预算文件，按本年的差异填写 决算.差异原因 和各项“变动原因”。\n\
             # 落款日期和国有资产截至日期已顺延一年，请核对。\n"
        )
    } else {
        format!(
            "# {year} 年预算草稿：由 gongkai new-year 根据 {source_name} 生成。\n\
             # 下面的金额都是 {from} 年的预算数，只作起点：请逐项改为 {year} 年的预算数。\n\
             # 上年数由“上年.文件”计算，不必填写；各项“变动原因”请按本年的增减填写。\n\
             # 落款日期和国有资产截至日期已顺延一年，请核对。\n"
        )
    };
    if !stale.is_empty() {
        h.push_str(&format!(
            "# 下列科目在 {year} 年科目目录中没有，请改为新科目（确属地方科目的，在“科目名称”中为它命名）：\n"
        ));
        for s in stale {
            let name = s
                .name
                .as_deref()
                .map(|n| format!("（{n}）"))
                .unwrap_or_default();
            h.push_str(&format!("#   {}：{}{name}\n", s.path, s.code));
        }
    }
    h
}

/// Every classification code the draft writes that the new catalogue lacks
/// and the file does not name itself.
fn stale_codes(b: &Budget, old: &Catalog, new: &Catalog) -> Vec<StaleCode> {
    crate::check::walk::codes(b)
        .into_iter()
        .filter(|u| {
            let code = u.code.as_str();
            !u.kind.table(new).contains_key(code) && !b.code_names.contains_key(code)
        })
        .map(|u| StaleCode {
            name: u.kind.table(old).get(u.code.as_str()).cloned(),
            code: u.code.to_string(),
            path: u.path,
        })
        .collect()
}

/// The budget as a YAML tree, amounts as numbers (as officers write them)
/// wherever the number reads back exactly.
fn yaml_tree(b: &Budget) -> Result<Value, NewYearError> {
    let mut v = serde_yaml::to_value(b)?;
    for (path, amount) in crate::check::walk::amounts(b) {
        if let (Some(slot), Some(n)) = (at_path(&mut v, &path), plain_number(amount.value())) {
            *slot = Value::Number(n);
        }
    }
    strip_nulls(&mut v);
    Ok(v)
}

/// `text` is a budget whose tree is `tree`: the spliced draft says exactly
/// what the draft says.
fn reads_back(text: &str, tree: &Value) -> bool {
    serde_yaml::from_str::<Budget>(text)
        .ok()
        .and_then(|b| yaml_tree(&b).ok())
        .is_some_and(|t| t == *tree)
}

/// Optional fields left empty (none, `{}`, `[]`) are left out, as an
/// officer would write them: every list and map of the format is optional.
fn strip_nulls(v: &mut Value) {
    let empty = |item: &Value| match item {
        Value::Null => true,
        Value::Mapping(m) => m.is_empty(),
        Value::Sequence(s) => s.is_empty(),
        _ => false,
    };
    match v {
        Value::Mapping(m) => {
            m.retain(|_, item| !empty(item));
            m.values_mut().for_each(strip_nulls);
        }
        Value::Sequence(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// An amount as a YAML number, when it has one that reads back the same:
/// integers always; fractions of at most 15 significant digits, which an
/// f64 holds and prints back exactly.
fn plain_number(d: rust_decimal::Decimal) -> Option<serde_yaml::Number> {
    use rust_decimal::prelude::ToPrimitive;
    let d = d.normalize();
    if d.scale() == 0 {
        return d.to_i64().map(serde_yaml::Number::from);
    }
    let digits = d.mantissa().unsigned_abs().to_string().len();
    if digits > 15 || d.abs() < rust_decimal::Decimal::new(1, 3) {
        return None; // tiny fractions print with an exponent
    }
    let f = d.to_f64()?;
    let back: rust_decimal::Decimal = f.to_string().parse().ok()?;
    (back == d).then(|| serde_yaml::Number::from(f))
}

/// The value at a field path such as `项目[3].资金.一般公共预算`.
fn at_path<'a>(v: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    let mut here = v;
    for part in path.split('.') {
        let (key, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        here = here.get_mut(key)?;
        for index in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            here = here.get_mut(index.parse::<usize>().ok()?)?;
        }
    }
    Some(here)
}

/// The old file as the new one names it: relative to the new file's folder
/// when the two share a top folder (a bureau's tree moves as a whole),
/// else absolute.
pub fn link_to(old: &Path, new: &Path) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (old, new) = (absolute(old), absolute(new));
    let top = |p: &Path| {
        p.components()
            .find(|c| matches!(c, std::path::Component::Normal(_)))
            .map(|c| c.as_os_str().to_owned())
    };
    let dir = new.parent().unwrap_or(Path::new("/"));
    let link = match top(&old) == top(dir) {
        true => pathdiff::diff_paths(&old, dir).unwrap_or(old),
        false => old,
    };
    link.to_string_lossy().replace('\\', "/")
}

/// Writes the draft to `path`, which must not exist yet: never over a file.
pub fn write_new(path: &Path, text: &str) -> Result<(), NewYearError> {
    write_all_new(&[(path, text)])
}

/// Writes every draft or none: a full disk leaves no draft behind for the
/// rerun to refuse as already there.
pub fn write_all_new(files: &[(&Path, &str)]) -> Result<(), NewYearError> {
    if let Some((path, _)) = files.iter().find(|(p, _)| p.is_dir()) {
        return Err(NewYearError::IsFolder(path.to_path_buf()));
    }
    let bytes: Vec<(&Path, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    crate::render::write_all_new(&bytes).map_err(|(at, e)| match e {
        crate::render::NewFileError::Exists => NewYearError::Exists(at),
        crate::render::NewFileError::Io { path, source } => NewYearError::Write { path, source },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn the_next_year_stays_within_the_years_taken() {
        assert_eq!(next_year(2024, None).ok(), Some(2025));
        assert!(matches!(
            next_year(2100, None),
            Err(NewYearError::YearOutOfRange { year: 2101 })
        ));
        assert!(matches!(
            next_year(i32::MAX, None),
            Err(NewYearError::YearOutOfRange { .. })
        ));
    }

    #[test]
    fn amounts_become_numbers_only_when_they_read_back_exactly() {
        let n = |s: &str| plain_number(s.parse::<Decimal>().expect("decimal"));
        assert_eq!(n("727600").map(|n| n.to_string()), Some("727600".into()));
        assert_eq!(
            n("1521945.50").map(|n| n.to_string()),
            Some("1521945.5".into())
        );
        assert_eq!(n("0.0001"), None);
        assert_eq!(n("1234567890123.456789"), None);
    }

    #[test]
    fn the_spliced_and_the_fresh_draft_say_the_same() {
        let text = include_str!("../../samples/datong-finance-info-center-2024.yaml");
        let loaded = crate::load::load_bytes("sample.yaml", text.as_bytes()).expect("loads");
        let catalog = Catalog::for_year(2024).expect("bundled");
        let next = Catalog::for_year(2025).expect("bundled");
        let ledger = crate::compute::compute(&loaded.budget, &catalog);
        let from = |text| Sources {
            name: "sample.yaml",
            text,
            old_catalog: &catalog,
            old_ledger: &ledger,
            new_catalog: &next,
        };
        let spliced = draft(
            &loaded.budget,
            2025,
            "x.yaml",
            &from(Some((text, &loaded.map))),
        )
        .expect("draft");
        let fresh = draft(&loaded.budget, 2025, "x.yaml", &from(None)).expect("draft");
        assert_ne!(spliced.text, fresh.text);
        let tree = |t: &str| {
            let b: Budget = serde_yaml::from_str(t).expect("reads back");
            yaml_tree(&b).expect("tree")
        };
        assert_eq!(tree(&spliced.text), tree(&fresh.text));
        assert!(spliced.text.contains("# 养老保险缴费"));
    }

    #[test]
    fn a_draft_is_for_the_next_year_only() {
        assert_eq!(next_year(2024, None).ok(), Some(2025));
        assert!(matches!(
            next_year(2024, Some(2026)),
            Err(NewYearError::NotNextYear { expected: 2025, .. })
        ));
    }

    #[test]
    fn links_are_relative_to_the_new_files_folder() {
        assert_eq!(
            link_to(Path::new("a/x-2024.yaml"), Path::new("a/x-2025.yaml")),
            "x-2024.yaml"
        );
        assert_eq!(
            link_to(Path::new("old/x.yaml"), Path::new("new/x.yaml")),
            "../old/x.yaml"
        );
    }
}
