//! The 部门 as one budget: every unit's leaves side by side, in 元, so that
//! the department's ledger, tables and narrative come from the same
//! computation as a unit's, and each department figure is the sum of its
//! units' figures by construction. A unit's 上年 figures are its ledger's,
//! so a unit that links last year's file counts like one that types them.

use crate::compute::{Ledger, to_yuan};
use crate::model::{
    Amount, Assets, Awarded, BalanceLine, Budget, Count, Department, DepartmentFile, FinalAccounts,
    Funds, IncomeLine, LastYear, OtherSpendingLine, PlannedPurchases, Procurement, RevenueLine,
    RunningCosts, SelfEvaluation, Signature, Source, ThreePublic, ThreePublicAmounts, Unit,
    UnitOfAccount, VehicleCounts, Vehicles,
};
use std::collections::BTreeMap;

/// The consolidated budget of a department from its units (in file order),
/// each with its ledger; the year's `catalog` says whether the department's
/// own kind of unit publishes 机关运行经费.
pub fn consolidate(
    dept: &DepartmentFile,
    units: &[(&Budget, &Ledger)],
    catalog: &crate::catalog::Catalog,
) -> Budget {
    let d = &dept.department;
    let mut out = Budget {
        format_version: dept.format_version,
        year: dept.year,
        unit_of_account: UnitOfAccount::Yuan,
        display: dept.display.clone(),
        unit: Unit {
            name: d.name.clone(),
            code: Some(d.code.clone()),
            department: Department {
                code: d.code.clone(),
                name: d.name.clone(),
            },
            unit_type: d.unit_type.clone(),
            summary: d.summary.clone(),
            duties: d.duties.clone(),
            departments: d.departments.clone(),
            bodies: d.bodies.clone(),
            fields: d.fields.clone(),
        },
        code_names: BTreeMap::new(),
        basic: Vec::new(),
        projects: Vec::new(),
        fund_revenue: Vec::new(),
        state_capital_revenue: Vec::new(),
        last_year: LastYear {
            file: None,
            total: Some(Amount::default()),
            general_public: Some(Amount::default()),
            total_reason: dept.total_reason.clone(),
            general_public_reason: dept.general_public_reason.clone(),
            by_source: None,
        },
        three_public: ThreePublic {
            current: ThreePublicAmounts::default(),
            last: Some(ThreePublicAmounts::default()),
            budget: None,
            reason: dept.three_public_reason.clone(),
            item_reasons: dept.three_public_item_reasons.clone(),
        },
        running_costs: None,
        procurement: Procurement {
            goods: Amount::default(),
            works: Amount::default(),
            services: Amount::default(),
            stated_total: None,
            reserved_sme: None,
            reserved_small: None,
            awarded: None,
        },
        assets: Assets {
            as_of: dept.date,
            vehicles: Vehicles {
                quota: None,
                actual: 0,
                categories: VehicleCounts::default(),
            },
            office_area: None,
            equipment_over_50: None,
            equipment_over_100: 0,
            planned: None,
        },
        performance: dept.performance.clone(),
        performance_forms: Vec::new(),
        other_notes: dept.other_notes.clone(),
        signature: Signature {
            unit: None,
            date: dept.date,
        },
        fields: dept.fields.clone(),
        final_accounts: None,
    };
    let mut as_of = None;
    for &(u, ledger) in units {
        add_unit(&mut out, u, ledger);
        as_of = as_of.max(Some(u.assets.as_of));
    }
    if let Some(date) = as_of {
        out.assets.as_of = date;
    }
    let has_costs = units.iter().any(|(_, l)| l.running_costs.is_some());
    if has_costs || catalog.running_costs_of(&d.unit_type) == Some(true) {
        let (mut current, mut last) = (Amount::default(), Amount::default());
        for (_, ledger) in units {
            if let Some(c) = ledger.running_costs {
                add(&mut current, Amount(c.this));
                add(&mut last, Amount(c.last));
            }
        }
        out.running_costs = Some(RunningCosts {
            current,
            last: Some(last),
            reason: dept.running_costs_reason.clone(),
        });
    }
    // A 部门's reasons for its 决算 differing from its budget are its own,
    // and so are the words on its 绩效 work; the figures are its units'.
    if let Some(f) = &mut out.final_accounts {
        f.reasons = dept.final_reasons.clone();
        f.evaluation = evaluations(units, dept.evaluation_work.clone());
    }
    out.fund_revenue = merge_revenue(&out.fund_revenue);
    out.state_capital_revenue = merge_revenue(&out.state_capital_revenue);
    out.last_year.by_source = last_by_source(units);
    out
}

/// Last year's money by source for the 部门: known only when every unit's is.
fn last_by_source(units: &[(&Budget, &Ledger)]) -> Option<Funds> {
    let mut sums = [rust_decimal::Decimal::ZERO; Source::COUNT];
    for (_, ledger) in units {
        for (sum, amount) in sums.iter_mut().zip(ledger.last_by_source?) {
            *sum += amount;
        }
    }
    let mut funds = Funds::default();
    for (&source, sum) in Source::ALL.iter().zip(sums) {
        funds.set(source, Some(Amount(sum)));
    }
    Some(funds)
}

fn add_unit(out: &mut Budget, u: &Budget, ledger: &Ledger) {
    let unit = u.unit_of_account;
    let y = |a: Amount| yuan(a, unit);
    for (code, name) in &u.code_names {
        out.code_names
            .entry(code.clone())
            .or_insert_with(|| name.clone());
    }
    out.basic.extend(u.basic.iter().map(|b| {
        let mut b = b.clone();
        b.amount = y(b.amount);
        b
    }));
    out.projects.extend(u.projects.iter().map(|p| {
        let mut p = p.clone();
        p.funds = p.funds.map(y);
        p
    }));
    for (into, from) in [
        (&mut out.fund_revenue, &u.fund_revenue),
        (&mut out.state_capital_revenue, &u.state_capital_revenue),
    ] {
        into.extend(from.iter().map(|r| RevenueLine {
            amount: y(r.amount),
            ..r.clone()
        }));
    }
    let ly = &mut out.last_year;
    add_to(&mut ly.total, Amount(ledger.total_change.last));
    add_to(
        &mut ly.general_public,
        Amount(ledger.general_public_change.last),
    );
    let tp = &mut out.three_public;
    let this = &ledger.three_public.current;
    let last = &ledger.three_public.last;
    let last_into = tp.last.get_or_insert_with(ThreePublicAmounts::default);
    for (into, from) in [(&mut tp.current, this), (last_into, last)] {
        add(&mut into.overseas, Amount(from.overseas));
        add(&mut into.reception, Amount(from.reception));
        add(&mut into.car_purchase, Amount(from.car_purchase));
        add(&mut into.car_running, Amount(from.car_running));
    }
    if let Some(b) = &ledger.three_public.budget {
        let into = tp.budget.get_or_insert_with(ThreePublicAmounts::default);
        add(&mut into.overseas, Amount(b.overseas));
        add(&mut into.reception, Amount(b.reception));
        add(&mut into.car_purchase, Amount(b.car_purchase));
        add(&mut into.car_running, Amount(b.car_running));
    }
    let p = &mut out.procurement;
    add(&mut p.goods, y(u.procurement.goods));
    add(&mut p.works, y(u.procurement.works));
    add(&mut p.services, y(u.procurement.services));
    // A reserve any unit states is the 部门's sum of those stated.
    for (into, from) in [
        (&mut p.reserved_sme, u.procurement.reserved_sme),
        (&mut p.reserved_small, u.procurement.reserved_small),
    ] {
        if let Some(amount) = from {
            add(into.get_or_insert_with(Amount::default), y(amount));
        }
    }
    if let Some(w) = &u.procurement.awarded {
        let into = p.awarded.get_or_insert_with(Awarded::default);
        add(&mut into.reserved, y(w.reserved));
        add(&mut into.reserved_small, y(w.reserved_small));
        add(&mut into.other, y(w.other));
    }
    let a = &mut out.assets;
    let v = &u.assets.vehicles;
    // Each unit's counts passed the checker's bound; saturating keeps a
    // department of thousands of units from wrapping all the same.
    let count = |into: &mut u32, n: u32| *into = into.saturating_add(n);
    // An optional count is the units' sum when any unit gives it.
    if let Some(n) = v.quota {
        let into = a.vehicles.quota.get_or_insert(Count(0));
        count(&mut into.0, n.0);
    }
    count(&mut a.vehicles.actual, v.actual);
    add_counts(&mut a.vehicles.categories, &v.categories);
    if let Some(plan) = &u.assets.planned {
        let into = a.planned.get_or_insert_with(PlannedPurchases::default);
        add_counts(&mut into.vehicles, &plan.vehicles);
        count(&mut into.equipment_over_100, plan.equipment_over_100);
    }
    // Floor area is not money: as written, in 平方米.
    if let Some(area) = u.assets.office_area {
        add(a.office_area.get_or_insert_with(Amount::default), area);
    }
    if let Some(n) = u.assets.equipment_over_50 {
        let into = a.equipment_over_50.get_or_insert(Count(0));
        count(&mut into.0, n.0);
    }
    count(&mut a.equipment_over_100, u.assets.equipment_over_100);
    // Form amounts are in 元 whatever the file's unit.
    out.performance_forms
        .extend(u.performance_forms.iter().cloned());
    if let Some(fa) = &u.final_accounts {
        add_final_accounts(
            out.final_accounts
                .get_or_insert_with(FinalAccounts::default),
            fa,
            &y,
        );
    }
}

/// A unit's 决算 lines into the 部门's, in 元. Its 年末结转和结余 is not
/// carried: each unit's is checked against its own figures, and the 部门's
/// is computed from the sums.
fn add_final_accounts(out: &mut FinalAccounts, u: &FinalAccounts, y: &impl Fn(Amount) -> Amount) {
    out.income.extend(u.income.iter().map(|l| IncomeLine {
        amount: y(l.amount),
        ..l.clone()
    }));
    out.other_spending
        .extend(u.other_spending.iter().map(|l| OtherSpendingLine {
            amount: y(l.amount),
            ..l.clone()
        }));
    out.opening.extend(u.opening.iter().map(|l| BalanceLine {
        amount: y(l.amount),
        ..l.clone()
    }));
    for (into, from) in [
        (&mut out.used_balance, u.used_balance),
        (&mut out.distribution, u.distribution),
    ] {
        if let Some(amount) = from {
            add(into.get_or_insert_with(Amount::default), y(amount));
        }
    }
}

/// One line per revenue code: units that share a code add up.
fn merge_revenue(lines: &[RevenueLine]) -> Vec<RevenueLine> {
    let mut out: Vec<RevenueLine> = Vec::new();
    for line in lines {
        match out.iter_mut().find(|l| l.code == line.code) {
            Some(l) => add(&mut l.amount, line.amount),
            None => out.push(line.clone()),
        }
    }
    out
}

fn yuan(a: Amount, unit: UnitOfAccount) -> Amount {
    Amount(to_yuan(a, unit))
}

fn add(into: &mut Amount, a: Amount) {
    into.0 += a.0;
}

/// Counts by category name, summed (saturating, as every count here).
fn add_counts(into: &mut VehicleCounts, from: &VehicleCounts) {
    for (name, n) in from {
        let slot = into.entry(name.clone()).or_default();
        slot.0 = slot.0.saturating_add(n.0);
    }
}

fn add_to(into: &mut Option<Amount>, a: Amount) {
    add(into.get_or_insert_with(Amount::default), a);
}

/// The units' 绩效自评 added up (amounts in 元), the average score weighted
/// by the projects each unit evaluated; none when no unit states one.
fn evaluations(units: &[(&Budget, &Ledger)], work: Option<String>) -> Option<SelfEvaluation> {
    let mut out = SelfEvaluation {
        work: work.unwrap_or_default(),
        ..SelfEvaluation::default()
    };
    let (mut any, mut weighted) = (false, rust_decimal::Decimal::ZERO);
    for (u, _) in units {
        let Some(e) = u
            .final_accounts
            .as_ref()
            .and_then(|f| f.evaluation.as_ref())
        else {
            continue;
        };
        any = true;
        let y = |a: Amount| yuan(a, u.unit_of_account);
        for (into, from) in [
            (&mut out.targeted, &e.targeted),
            (&mut out.tracked, &e.tracked),
            (&mut out.evaluated, &e.evaluated),
        ] {
            into.count = into.count.saturating_add(from.count);
            add(&mut into.amount, y(from.amount));
        }
        weighted += e.average_score.value() * rust_decimal::Decimal::from(e.evaluated.count);
        let g = &mut out.grades;
        for (into, n) in [
            (&mut g.excellent, e.grades.excellent),
            (&mut g.good, e.grades.good),
            (&mut g.pass, e.grades.pass),
            (&mut g.fail, e.grades.fail),
            (&mut out.problems.found, e.problems.found),
            (&mut out.problems.fixed, e.problems.fixed),
            (&mut out.problems.fixing, e.problems.fixing),
        ] {
            *into = into.saturating_add(n);
        }
    }
    if out.evaluated.count > 0 {
        let mut score = weighted / rust_decimal::Decimal::from(out.evaluated.count);
        score =
            score.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        out.average_score = Amount(score);
    }
    any.then_some(out)
}
