//! `batch DIR --new-year YEAR -o NEWDIR`: next year's drafts of a whole
//! 主管部门 folder, its 部门.yaml and every unit, each unit linked to its
//! old file. Nothing is written unless every file can be drafted.
//!
//! Every unit's draft goes into NEWDIR itself, whatever folder its old file
//! was in (a 部门.yaml may list `../x.yaml`), under its old file name with
//! the old year, where the name has it, changed to the new: the new year's
//! folder is whole on its own, and its 部门.yaml lists the new names.

use super::{Draft, NewYearError, Written, prepare, write_all_new};
use crate::batch::DEPARTMENT_FILE;
use crate::conventions::Conventions;
use crate::model::DepartmentFile;
use crate::run::{analyse_in, check_file};
use std::path::{Path, PathBuf};

/// The drafts written for a folder.
pub struct FolderWritten {
    pub department: PathBuf,
    pub units: Vec<Written>,
}

pub fn new_year_folder(
    dir: &Path,
    out: &Path,
    year: Option<i32>,
    catalogs: &Conventions,
) -> Result<FolderWritten, NewYearError> {
    let bureau = crate::batch::bureau::open(dir)?;
    let year = super::next_year(bureau.department.year, year)?;
    let old_catalogs = catalogs.for_other_years();
    let mut drafts: Vec<(PathBuf, Draft)> = Vec::new();
    let mut unreadable = Vec::new();
    let old_year = bureau.department.year.to_string();
    let mut names = Vec::new();
    for unit in &bureau.units {
        let name = unit
            .file_name()
            .map(|n| n.to_string_lossy().replace(&old_year, &year.to_string()))
            .unwrap_or_default();
        if names.contains(&name) {
            return Err(NewYearError::SameName(name));
        }
        names.push(name.clone());
        let target = out.join(&name);
        match analyse_in(unit, None, &old_catalogs).1 {
            Some(a) => drafts.push((
                target.clone(),
                prepare(
                    &a.loaded,
                    &a.catalog,
                    &a.ledger,
                    unit,
                    &target,
                    Some(year),
                    catalogs,
                )?,
            )),
            None => unreadable.push(unit.clone()),
        }
    }
    if !unreadable.is_empty() {
        return Err(NewYearError::UnitsUnreadable(unreadable));
    }
    let department = out.join(DEPARTMENT_FILE);
    let listed = !bureau.department.unit_files.is_empty();
    let department_text = department_draft(&bureau.department, year, listed.then_some(names))?;
    for target in drafts.iter().map(|(t, _)| t).chain([&department]) {
        if std::fs::symlink_metadata(target).is_ok() {
            return Err(NewYearError::Exists(target.clone()));
        }
    }
    let mut files: Vec<(&Path, &str)> = vec![(&department, &department_text)];
    files.extend(drafts.iter().map(|(p, d)| (p.as_path(), d.text.as_str())));
    write_all_new(&files)?;
    let mut units = Vec::new();
    for (path, draft) in drafts {
        let checked = check_file(&path, None, catalogs);
        units.push(Written {
            path,
            draft,
            checked,
        });
    }
    Ok(FolderWritten { department, units })
}

/// 部门.yaml for the new year: the same department and units; the reasons
/// are this year's to write.
fn department_draft(
    old: &DepartmentFile,
    year: i32,
    unit_files: Option<Vec<String>>,
) -> Result<String, NewYearError> {
    let mut d = old.clone();
    d.year = year;
    d.unit_files = unit_files.unwrap_or_default();
    d.date = d
        .date
        .plus_years(year - old.year)
        .ok_or(NewYearError::Date { year })?;
    d.total_reason = None;
    d.general_public_reason = None;
    d.three_public_reason = None;
    d.running_costs_reason = None;
    let mut v = serde_yaml::to_value(&d)?;
    super::strip_nulls(&mut v);
    let header = format!(
        "# {year} 年部门文件草稿：由 gongkai batch --new-year 根据 {} 年的 {DEPARTMENT_FILE} 生成。\n\
         # 各项“变动原因”请按本年的增减填写；落款日期已顺延一年，请核对。\n",
        old.year
    );
    Ok(header + &serde_yaml::to_string(&v)?)
}
