//! The consolidated 部门 package: built only when every unit is sound, from
//! the same loaded data, so its figures are the sums of the units' figures.

use super::bureau::Bureau;
use super::package::folder_name;
use super::shared::{PackageError, Shared, Unit, finish, first_error, publish};
use super::summary::{Kind, Row, Status};
use crate::catalog::Catalog;
use crate::compute::prior::PriorYear;
use crate::compute::{self, Ledger};
use crate::consolidate::consolidate;
use crate::diagnostic::{FileReport, Severity, render_human};
use crate::hash::Hasher;
use crate::layout::{self, Member};
use crate::model::{Budget, DepartmentFile};
use crate::run::Analysed;

/// The department's row before it is built: failed until it succeeds.
pub(super) fn row(bureau: &Bureau) -> Row {
    let source = bureau.file.display().to_string();
    Row {
        name: bureau.department.department.name.clone(),
        kind: Kind::Department,
        source: source.clone(),
        status: Status::Failed,
        warnings: 0,
        files: Vec::new(),
        error: None,
        report: FileReport {
            file: source,
            diagnostics: Vec::new(),
        },
        rendered: String::new(),
    }
}

pub(super) fn build(
    bureau: &Bureau,
    units: &[Unit],
    unit_rows: &[(Row, Option<String>)],
    shared: &Shared,
) -> Row {
    let mut row = row(bureau);
    let source = row.source.clone();
    let failed: Vec<&str> = unit_rows
        .iter()
        .filter(|(r, _)| r.status == Status::Failed)
        .map(|(r, _)| r.name.as_str())
        .collect();
    if !failed.is_empty() {
        row.error = Some(format!(
            "所属单位未全部通过（{}），部门汇总未生成",
            failed.join("、")
        ));
        return row;
    }
    let analysed: Vec<_> = units.iter().filter_map(|u| u.analysed.as_ref()).collect();
    let (budget, ledger, catalog, report) = match checked(bureau, &analysed, shared) {
        Ok(found) => found,
        Err(e) => {
            row.error = Some(e.to_string());
            return row;
        }
    };
    row.warnings = report.count(Severity::Warning);
    row.rendered = render_human(&report, Some(&bureau.text));
    let errors = report.count(Severity::Error);
    let error = (errors > 0).then(|| {
        format!(
            "部门汇总有 {errors} 个错误，未生成：{}",
            first_error(&report).unwrap_or_default()
        )
    });
    row.report = report;
    if error.is_some() {
        row.error = error;
        return row;
    }
    let mut h = Hasher::default();
    h.part(b"department")
        .part(shared.department_inputs.as_bytes())
        .part(bureau.text.as_bytes());
    for (_, hash) in unit_rows {
        h.part(hash.as_deref().unwrap_or_default().as_bytes());
    }
    let inputs = h.hex();
    let dir = shared.out.join(folder_name(&row.name));
    let members: Vec<Member> = analysed
        .iter()
        .map(|a| Member {
            budget: &a.loaded.budget,
            ledger: &a.ledger,
        })
        .collect();
    let result = publish(&dir, &inputs, &source, shared, || {
        layout::build_with_members(&shared.department_set, &budget, &ledger, &catalog, &members)
            .map_err(PackageError::from)
    });
    finish(row, result, inputs).0
}

/// The units consolidated and the department's own file checked against
/// the sums (its 变动原因 …, with the department set's conventions); Err
/// when the year's catalogue cannot be read.
pub(super) fn checked(
    bureau: &Bureau,
    analysed: &[&Analysed],
    shared: &Shared,
) -> Result<(Budget, Ledger, std::sync::Arc<Catalog>, FileReport), crate::catalog::CatalogError> {
    let units: Vec<(&Budget, &Ledger)> = analysed
        .iter()
        .map(|a| (&a.loaded.budget, &*a.ledger))
        .collect();
    let catalog = shared.catalogs.load(bureau.department.year)?;
    let budget = consolidate(&bureau.department, &units, &catalog);
    let mut ledger =
        compute::compute_with(&budget, &catalog, last_year(&bureau.department, analysed));
    ledger.plan = plan(&bureau.department, analysed, &catalog);
    ledger.adjusted = adjusted(&ledger, analysed);
    let profile = &shared.department_set.spec.check;
    let report = check_department(&budget, &ledger, &catalog, profile, bureau);
    Ok((budget, ledger, catalog, report))
}

/// A 决算 department's budget of the same year, when every unit links its
/// own: the units' budgets consolidated like their 决算, so the 部门's
/// 年初预算数 are the sums of its units'. None when any unit has none.
fn plan(dept: &DepartmentFile, units: &[&Analysed], catalog: &Catalog) -> Option<Box<Ledger>> {
    let plans: Vec<(&Budget, &Ledger)> = units
        .iter()
        .map(|a| Some((&a.plan.as_ref()?.budget, a.ledger.plan.as_deref()?)))
        .collect::<Option<_>>()?;
    if plans.is_empty() {
        return None;
    }
    Some(Box::new(compute::compute(
        &consolidate(dept, &plans, catalog),
        catalog,
    )))
}

/// The 部门's adjusted 全年预算数 by 项: its 年初预算数 moved by what each
/// unit's adjustment moved its own (units adjust different 项, or the same
/// one by different amounts).
fn adjusted(
    ledger: &Ledger,
    units: &[&Analysed],
) -> std::collections::BTreeMap<String, rust_decimal::Decimal> {
    let mut out = std::collections::BTreeMap::new();
    for a in units {
        for (code, yuan) in &a.ledger.adjusted {
            // (Both have a plan: the 部门's is made only when every unit's is there.)
            let (Some((_, own)), Some((_, planned))) =
                (a.ledger.against_plan(code), ledger.against_plan(code))
            else {
                continue;
            };
            *out.entry(code.clone()).or_insert(planned) += *yuan - own;
        }
    }
    out
}

/// Last year's department, when every unit links last year's file: the
/// units' own last years consolidated like this year's, so a department
/// layout sees `prior` as a unit's does. None when any unit types its 上年.
fn last_year(dept: &DepartmentFile, units: &[&Analysed]) -> Option<Box<Ledger>> {
    let priors: Vec<(&PriorYear, &Ledger)> = units
        .iter()
        .map(|a| Some((a.link.prior()?, a.ledger.prior.as_deref()?)))
        .collect::<Option<_>>()?;
    let catalog = &priors.first()?.0.catalog;
    let last = DepartmentFile {
        year: dept.year - 1,
        ..dept.clone()
    };
    let pairs: Vec<(&Budget, &Ledger)> = priors.iter().map(|(p, l)| (&p.budget, *l)).collect();
    Some(Box::new(compute::compute(
        &consolidate(&last, &pairs, catalog),
        catalog,
    )))
}

/// The rules that judge the department itself: its own file's wording and
/// the department-level changes it must explain. The units' figures were
/// checked unit by unit; rules about entering one file (a duplicate line, one
/// 政府经济科目 per 款, a repeated project name) do not hold across units.
/// Where a field of the consolidated budget is written in 部门.yaml.
const FIELD_IN_DEPARTMENT_FILE: &[(&str, &str)] = &[
    ("上年.收支变动原因", "收支变动原因"),
    ("上年.一般公共预算变动原因", "一般公共预算变动原因"),
    ("三公经费.变动原因", "三公经费变动原因"),
    ("机关运行经费.变动原因", "机关运行经费变动原因"),
    ("落款.日期", "落款日期"),
    ("单位", "部门"),
];

/// Runs the rules for a 部门 over the consolidated budget (those that read
/// what the department's own file says; `size-limit` is not one, since each
/// unit is within its file's bounds and the 部门 has its own); findings
/// point at the department's file.
fn check_department(
    budget: &Budget,
    ledger: &Ledger,
    catalog: &Catalog,
    profile: &crate::conventions::Profile,
    bureau: &Bureau,
) -> FileReport {
    let mut diagnostics = crate::check::department_rules(budget, ledger, catalog, profile);
    diagnostics.extend(crate::check::department_size(budget));
    for d in &mut diagnostics {
        d.path = department_path(&d.path);
    }
    let mut diagnostics = crate::check::place(diagnostics, &bureau.map);
    if let Some(cells) = &bureau.cells {
        cells.place(&mut diagnostics);
    }
    FileReport {
        file: bureau.file.display().to_string(),
        diagnostics,
    }
}

fn department_path(path: &str) -> String {
    for (consolidated, own) in FIELD_IN_DEPARTMENT_FILE {
        if let Some(rest) = path.strip_prefix(consolidated)
            && (rest.is_empty() || rest.starts_with(['.', '[']))
        {
            return format!("{own}{rest}");
        }
    }
    path.to_string()
}
