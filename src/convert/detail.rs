//! `gongkai import 明细.xlsx --profile P --unit-info 单位.yaml`: a budget whose
//! 基本支出 and 项目 come from a budget system's detail export, read by an
//! import profile, and whose texts come from a small YAML file.

use super::common::{ConvertError, Failure, Unloadable, expect_extension, unloadable, write_new};
use crate::conventions::Conventions;
use crate::diagnostic::{Diagnostic, FileReport};
use crate::load::{LoadError, Parsed};
use crate::sheet::detail::{self, Profile};
use include_dir::{Dir, include_dir};
use serde_yaml::{Mapping, Value};
use std::path::Path;

/// The import profiles that come with gongkai, by file stem.
static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/layouts/imports");

/// The names of the bundled profiles.
pub fn bundled_profiles() -> Vec<String> {
    BUNDLED
        .files()
        .filter_map(|f| f.path().file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .collect()
}

/// What an import by profile takes.
pub struct DetailSpec<'a> {
    pub detail: &'a Path,
    /// A bundled profile's name, or a profile file.
    pub profile: &'a str,
    pub unit_info: &'a Path,
    pub conventions: &'a Conventions,
}

fn input_failure(file: &str, e: &LoadError) -> Failure {
    Failure::Input(unloadable(file, e))
}

fn problems(file: &str, diagnostics: Vec<Diagnostic>) -> Failure {
    Failure::Input(Box::new(Unloadable {
        report: FileReport {
            file: file.to_string(),
            diagnostics,
        },
        unreadable: false,
    }))
}

fn profile_of(name: &str) -> Result<Profile, Failure> {
    let bundled = BUNDLED.files().find(|f| {
        f.path()
            .file_stem()
            .is_some_and(|s| s.to_string_lossy() == name)
    });
    let parsed: Result<Parsed<Profile>, _> = match bundled {
        Some(f) => crate::load::load_plain_bytes_as(f.contents()),
        None if Path::new(name).is_file() => crate::load::load_plain_as(Path::new(name)),
        None => {
            return Err(Failure::Output(ConvertError::NoProfile {
                name: name.to_string(),
                bundled: bundled_profiles().join("、"),
            }));
        }
    };
    parsed.map(|p| p.value).map_err(|e| input_failure(name, &e))
}

/// The budget file from a detail export and the unit's texts.
pub fn import_detail(spec: &DetailSpec, out: &Path) -> Result<(usize, usize), Failure> {
    expect_extension(out, "yaml")?;
    let profile = profile_of(spec.profile)?;
    let info_name = spec.unit_info.display().to_string();
    let mut tree = crate::load::load_plain_as::<Value>(spec.unit_info)
        .map_err(|e| input_failure(&info_name, &e))?
        .value;
    let Some(info) = tree.as_mapping_mut() else {
        return Err(problems(
            &info_name,
            vec![Diagnostic::error(
                "detail-unit-info",
                "",
                "单位信息文件应是“字段: 内容”的 YAML 映射",
            )],
        ));
    };
    for key in ["基本支出", "项目"] {
        if info
            .get(key)
            .is_some_and(|v| v.as_sequence().is_some_and(|s| !s.is_empty()))
        {
            let d = Diagnostic::error(
                "detail-unit-info",
                key,
                format!("单位信息文件中已有“{key}”：它们由明细生成，请从单位信息文件中删去"),
            );
            return Err(problems(&info_name, vec![d]));
        }
    }
    let unit_of_account = info
        .get("金额单位")
        .and_then(Value::as_str)
        .unwrap_or("元")
        .to_string();
    if unit_of_account != profile.unit_of_account {
        let d = Diagnostic::error(
            "detail-unit-info",
            "金额单位",
            format!(
                "单位信息文件的金额单位是{unit_of_account}，明细（导入方案“{}”）是{}：两者须一致",
                profile.name, profile.unit_of_account
            ),
        );
        return Err(problems(&info_name, vec![d]));
    }
    let unit = info
        .get("单位")
        .and_then(|u| u.get("名称"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let detail_name = spec.detail.display().to_string();
    let bytes =
        crate::load::read_bounded(spec.detail, crate::load::MAX_FILE_BYTES).map_err(|e| {
            problems(
                &detail_name,
                vec![Diagnostic::error("file-unreadable", "", e.to_string())],
            )
        })?;
    let read = detail::read(bytes, &profile, unit.as_deref()).map_err(ConvertError::from)?;
    if !read.problems.is_empty() {
        return Err(problems(&detail_name, read.problems));
    }
    if read.basic.is_empty() && read.projects.is_empty() {
        let held = if read.units.is_empty() {
            "明细中没有可读的行".to_string()
        } else {
            format!("明细中的单位：{}", read.units.join("、"))
        };
        let d = Diagnostic::error(
            "detail-no-rows",
            "",
            format!(
                "明细中没有单位“{}”的支出行（{held}）",
                unit.unwrap_or_default()
            ),
        );
        return Err(problems(&detail_name, vec![d]));
    }
    let (basic, projects) = (read.basic.len(), read.projects.len());
    info.insert("基本支出".into(), Value::Sequence(read.basic));
    info.insert("项目".into(), Value::Sequence(read.projects));
    name_codes(info, &read.names, spec.conventions);
    let tree = Value::Mapping(in_model_order(info));
    let text = format!(
        "# 由 gongkai import 从 {}（导入方案“{}”）和 {} 生成。\n{}",
        file_name(spec.detail),
        profile.name,
        file_name(spec.unit_info),
        crate::sheet::to_yaml(&tree)
    );
    // What is written must load: otherwise say why, and write nothing.
    if let Err(e) = crate::load::load_bytes(&out.display().to_string(), text.as_bytes()) {
        return Err(input_failure(&out.display().to_string(), &e));
    }
    write_new(out, text.as_bytes())?;
    Ok((basic, projects))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The names the export gives codes its year's catalogue lacks (or names
/// otherwise), under 科目名称 where the file has not named them itself.
fn name_codes(
    info: &mut Mapping,
    names: &std::collections::BTreeMap<String, String>,
    conventions: &Conventions,
) {
    let year = info
        .get("年度")
        .and_then(Value::as_i64)
        .and_then(|y| i32::try_from(y).ok());
    let catalog = year.and_then(|y| conventions.load(y).ok());
    let official = |code: &str| {
        catalog.as_ref().and_then(|c| {
            c.function
                .get(code)
                .or_else(|| c.economic.get(code))
                .or_else(|| c.government_economic.get(code))
                .cloned()
        })
    };
    let mut own = match info.remove("科目名称") {
        Some(Value::Mapping(m)) => m,
        _ => Mapping::new(),
    };
    for (code, name) in names {
        if official(code).as_deref() == Some(name.as_str()) {
            continue;
        }
        own.entry(Value::String(code.clone()))
            .or_insert_with(|| Value::String(name.clone()));
    }
    if !own.is_empty() {
        info.insert("科目名称".into(), Value::Mapping(own));
    }
}

/// The fields in the budget model's order, whatever order they came in.
fn in_model_order(info: &Mapping) -> Mapping {
    let schema = crate::schema::model_schema_value();
    let order: Vec<String> = schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    let mut out = Mapping::new();
    for key in &order {
        if let Some(v) = info.get(key.as_str()) {
            out.insert(Value::String(key.clone()), v.clone());
        }
    }
    for (k, v) in info {
        if !out.contains_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}
