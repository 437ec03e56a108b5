//! What templates see: the unit's facts and the ledger's figures, by English
//! name. Amounts are [`Num`]/[`Fig`] values that only filters can show.

use super::spec::{SetSpec, SourceRow};
use super::values::{ChangeValue, Fig, Num};
use crate::catalog::Catalog;
use crate::compute::{Breakdown, Change, Ledger, to_yuan};
use crate::model::{
    Budget, Code, FieldDecl, FieldType, FieldValue, Fields, FormFunds, IndicatorGroup,
    IndicatorScheme, Period, ProjectCategory, RevenueLine, Source, ThreePublicReasons,
    VehicleCounts,
};
use minijinja::context;
use minijinja::value::Value;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// A unit inside a department's consolidated package.
pub struct Member<'a> {
    pub budget: &'a Budget,
    pub ledger: &'a Ledger,
}

pub fn build(
    budget: &Budget,
    ledger: &Ledger,
    catalog: &Catalog,
    members: &[Member],
    set: &SetSpec,
) -> Value {
    let rows = &set.sources;
    let u = &budget.unit;
    let notes = &budget.other_notes;
    let declared = &set.check.fields;
    context! {
        fields => fields(&budget.fields, &declared.budget),
        year => budget.year,
        last_year => budget.year - 1,
        // The way of writing figures (`显示`) the `money` filter follows.
        display => budget.display.clone().or_else(|| set.default_display.clone()),
        unit => context! {
            name => u.name.clone(),
            code => u.code.clone(),
            department => context! { code => u.department.code.clone(), name => u.department.name.clone() },
            kind => u.unit_type.clone(),
            has_running_costs => catalog.running_costs_of(&u.unit_type) == Some(true),
            summary => u.summary.clone(),
            duties => u.duties.clone(),
            departments => u.departments.iter().map(|d| context! { name => d.name.clone(), duties => d.duties.clone() }).collect::<Vec<_>>(),
            // Bodies without a budget of their own: named, never counted.
            bodies => u.bodies.iter().map(|b| context! { name => b.name.clone(), note => b.note.clone() }).collect::<Vec<_>>(),
            fields => fields(&u.fields, &declared.unit),
        },
        members => members.iter().map(|m| context! {
            name => m.budget.unit.name.clone(),
            kind => m.budget.unit.unit_type.clone(),
            total => Fig::value(m.ledger.total),
            projects => projects(m.ledger, &declared.project),
        }).collect::<Vec<_>>(),
        prior => ledger.prior.as_deref().map(|p| prior(p, catalog, rows)),
        total => Fig::value(ledger.total),
        // A 决算's income and balances; none in a budget.
        final => final_accounts(ledger, budget),
        // A 决算's budget of the same year (its total), when linked.
        plan => ledger.plan.as_ref().map(|p| Fig::value(p.total)),
        // Its 一般公共预算 全年预算数 in all (adjusted 项 in place of their 年初).
        full_plan => ledger.full_plan(None).map(Num::yuan),
        personnel => Fig::value(ledger.personnel),
        public_use => Fig::value(ledger.public_use),
        sources => sources(ledger, rows),
        function_classes => function_classes(ledger, catalog),
        functions => functions(ledger),
        economic => economic(ledger, catalog),
        economic_catalogue => economic_catalogue(ledger, catalog),
        projects => projects(ledger, &declared.project),
        fund_revenue => revenue(budget, &budget.fund_revenue),
        fund_revenue_total => Num::yuan(ledger.fund_revenue),
        state_capital_revenue => revenue(budget, &budget.state_capital_revenue),
        state_capital_revenue_total => Num::yuan(ledger.state_capital_revenue),
        project_categories => project_categories(ledger),
        total_change => change(ledger.total_change, &budget.last_year.total_reason),
        general_public_change => change(ledger.general_public_change, &budget.last_year.general_public_reason),
        fiscal_change => fiscal_change(ledger),
        three_public => three_public(ledger, &budget.three_public.reason, &budget.three_public.item_reasons),
        running_costs => ledger.running_costs.map(|c| {
            change(c, &budget.running_costs.as_ref().and_then(|r| r.reason.clone()))
        }),
        procurement => context! {
            goods => Num::yuan(ledger.procurement.goods),
            works => Num::yuan(ledger.procurement.works),
            services => Num::yuan(ledger.procurement.services),
            total => Num::yuan(ledger.procurement.total()),
            reserved_sme => ledger.procurement.reserved_sme.map(Num::yuan),
            reserved_small => ledger.procurement.reserved_small.map(Num::yuan),
            // Won by 中小企业 (小微企业) suppliers, when stated (a 决算).
            awarded => ledger.procurement.awarded.map(|[reserved, small, other]| context! {
                reserved => Num::yuan(reserved),
                reserved_small => Num::yuan(small),
                other => Num::yuan(other),
            }),
        },
        performance => performance(budget, ledger, &declared.form, &set.check.indicators),
        assets => assets(budget, &set.check.vehicle_categories),
        notes => context! {
            purchase_catalogue => notes.purchase_catalogue.clone(),
            other => notes.other.clone(),
            statement => notes.statement.clone(),
        },
        signature => context! {
            unit => budget.signature.unit.clone().unwrap_or_else(|| u.name.clone()),
            date => budget.signature.date.chinese(),
            iso_date => budget.signature.date.to_string(),
        },
    }
}

/// Optional budget fields that reach a document only through these names
/// (or the check setting named `check.…`): a set that reads none of them
/// publishes nothing of the field. Kept beside the code that derives the
/// names, so that a new derivation is listed where it is written.
pub const FIELDS_READ_AS: &[(&str, &[&str])] = &[
    (
        "项目.编报绩效目标",
        &[
            "performance.targeted_count",
            "performance.targeted_amount",
            "check.max_share_without_targets",
        ],
    ),
    ("政府采购.面向中小企业预留", &["procurement.reserved_sme"]),
    ("政府采购.其中小微企业", &["procurement.reserved_small"]),
];

fn change(c: Change, reason: &Option<String>) -> Value {
    ChangeValue::value(c, reason.clone())
}

/// Last year's figures, when the budget links last year's file: the same
/// names as this year's, so `prior.total.general_current` is last year's
/// `total.general_current`. Rows are keyed too (`prior.function["201"]`,
/// `prior.economic["301"]`, `prior.project["名称"]`) to pair with this
/// year's rows; `yoy(this, last)` makes a change of any pair.
fn prior(p: &Ledger, catalog: &Catalog, rows: &[SourceRow]) -> Value {
    let keyed = |rows: Vec<Value>, key: &str| -> BTreeMap<String, Value> {
        rows.into_iter()
            .filter_map(|r| Some((r.get_attr(key).ok()?.to_string(), r)))
            .collect()
    };
    let t = &p.three_public.current;
    context! {
        year => p.year,
        total => Fig::value(p.total),
        personnel => Fig::value(p.personnel),
        public_use => Fig::value(p.public_use),
        sources => sources(p, rows),
        function_classes => function_classes(p, catalog),
        function => keyed(functions(p), "code"),
        economic => keyed(economic(p, catalog), "code"),
        project => keyed(projects(p, &BTreeMap::new()), "name"),
        three_public => context! {
            overseas => Num::yuan(t.overseas),
            reception => Num::yuan(t.reception),
            cars => Num::yuan(t.cars()),
            car_purchase => Num::yuan(t.car_purchase),
            car_running => Num::yuan(t.car_running),
            total => Num::yuan(t.total()),
        },
        running_costs => p.running_costs.map(|c| Num::yuan(c.this)),
        procurement => Num::yuan(p.procurement.total()),
        // Last year's 决算 figures, when last year's file is a 决算.
        final => final_figures(p),
    }
}

/// Revenue by the rows of sources the layout prints (本年 and 上年结转),
/// with the change of 本年 against last year's when that is known.
fn sources(ledger: &Ledger, rows: &[SourceRow]) -> Vec<Value> {
    rows.iter()
        .map(|row| {
            let sum = |period| {
                row.sources
                    .iter()
                    .map(|&s| ledger.total.source_in(s, period))
                    .sum::<Decimal>()
            };
            let current = sum(Period::Current);
            let change = ledger.last_by_source.map(|last| {
                let before = row.sources.iter().map(|s| last[s.index()]).sum();
                ChangeValue::value(Change::new(current, before), None)
            });
            context! {
                name => row.name.clone(),
                fiscal => row.sources.iter().all(|s| s.is_fiscal()),
                current => Num::yuan(current),
                carried => Num::yuan(sum(Period::CarriedOver)),
                change => change,
            }
        })
        .collect()
}

/// 财政拨款 (本年) against last year's, when last year's sources are known.
fn fiscal_change(ledger: &Ledger) -> Option<Value> {
    ledger.last_by_source.map(|last| {
        let before = Source::ALL
            .iter()
            .filter(|s| s.is_fiscal())
            .map(|s| last[s.index()])
            .sum();
        ChangeValue::value(
            Change::new(ledger.total.fiscal(Period::Current), before),
            None,
        )
    })
}

/// A 决算's figures, with what the file says of them: its reasons and its
/// 预算绩效管理情况.
fn final_accounts(ledger: &Ledger, budget: &Budget) -> Option<Value> {
    let figures = final_figures(ledger)?;
    let reasons = budget
        .final_accounts
        .as_ref()
        .map(|f| f.reasons.clone())
        .unwrap_or_default();
    let evaluation = budget
        .final_accounts
        .as_ref()
        .and_then(|f| f.evaluation.as_ref())
        .map(|e| {
            let unit = budget.unit_of_account;
            let covered = |c: &crate::model::Covered| {
                context! {
                    count => c.count,
                    amount => Num::yuan(to_yuan(c.amount, unit)),
                }
            };
            context! {
                work => e.work.clone(),
                targeted => covered(&e.targeted),
                tracked => covered(&e.tracked),
                evaluated => covered(&e.evaluated),
                average_score => e.average_score.value().normalize().to_string(),
                grades => context! {
                    excellent => e.grades.excellent,
                    good => e.grades.good,
                    pass => e.grades.pass,
                    fail => e.grades.fail,
                },
                problems => context! {
                    found => e.problems.found,
                    fixed => e.problems.fixed,
                    fixing => e.problems.fixing,
                },
            }
        });
    Some(context! {
        // 预算绩效管理情况, when the file states it.
        evaluation => evaluation,
        // Why a 决算数 differs from its 年初预算数: by 项 code, 一般公共预算, 三公经费.
        reasons => reasons,
        ..figures
    })
}

/// A 决算's figures (this year's, or last year's as `prior.final`): income,
/// balances at the year's start and end (by source, like spending),
/// 使用非财政拨款结余 and 结余分配, the 总计.
fn final_figures(ledger: &Ledger) -> Option<Value> {
    let f = ledger.final_accounts.as_ref()?;
    Some(context! {
        income => Fig::value(f.income),
        opening => Fig::value(f.opening),
        closing => Fig::value(f.closing(&ledger.total)),
        closing_total => Num::yuan(f.closing_total(&ledger.total)),
        used_balance => Num::yuan(f.used_balance),
        distribution => Num::yuan(f.distribution),
        // 总计 of 收入支出决算总表: either side of the closing identity.
        grand_total => Num::yuan(f.grand_total()),
        // What each source had to spend: 年初结转和结余 + 本年收入 (the 总计
        // of 财政拨款收入支出决算总表 is its `fiscal`).
        available => Fig::value(f.available()),
    })
}

/// A function code's figures: its spending, and in a 决算 its income and
/// balances.
fn function_row(ledger: &Ledger, code: &Code, name: String) -> Value {
    let fig = ledger.functions.get(code).copied().unwrap_or_default();
    let level = match code.as_str().len() {
        3 => 0,
        5 => 1,
        _ => 2,
    };
    let Some(f) = &ledger.final_accounts else {
        return context! { code => code.as_str(), name => name, level => level, fig => Fig::value(fig) };
    };
    let zero = Breakdown::default();
    context! {
        code => code.as_str(),
        name => name,
        level => level,
        fig => Fig::value(fig),
        income => Fig::value(*f.income_by_function.get(code).unwrap_or(&zero)),
        opening => Fig::value(*f.opening_by_function.get(code).unwrap_or(&zero)),
        closing => Fig::value(f.closing_of(code, &fig)),
        // The linked budget's figures under the code (年初预算数), when linked.
        plan => ledger.plan.as_ref().map(|p| Fig::value(p.function(code.as_str()))),
        // Its 一般公共预算 全年预算数: adjusted (决算.全年预算), or the 年初预算数.
        full_plan => ledger.full_plan(Some(code.as_str())).map(Num::yuan),
        // A 决算's 一般公共预算 is compared here: spent, or budgeted.
        compared => ledger
            .against_plan(code.as_str())
            .is_some_and(|(actual, planned)| !actual.is_zero() || !planned.is_zero()),
    }
}

/// Every 类 of the year's catalogue, spent under or not.
fn function_classes(ledger: &Ledger, catalog: &Catalog) -> Vec<Value> {
    catalog
        .function_classes()
        .map(|(code, name)| function_row(ledger, &Code(code.to_string()), name.to_string()))
        .collect()
}

/// 类/款/项 that carry any amount, in code order, with their level (0, 1, 2):
/// in a 决算, also those with only income or balances.
fn functions(ledger: &Ledger) -> Vec<Value> {
    let mut codes: BTreeSet<&Code> = ledger.functions.keys().collect();
    if let Some(f) = &ledger.final_accounts {
        codes.extend(f.income_by_function.keys());
        codes.extend(f.opening_by_function.keys());
        if let Some(p) = &ledger.plan {
            codes.extend(p.functions.keys());
        }
    }
    codes
        .into_iter()
        .map(|code| function_row(ledger, code, ledger.names.of(code)))
        .collect()
}

/// Economic 类 and 款 of 基本支出, with the 政府经济科目 name and the
/// 人员经费 / 公用经费 side.
fn economic(ledger: &Ledger, catalog: &Catalog) -> Vec<Value> {
    ledger
        .economic
        .iter()
        .map(|(code, b)| {
            // Lines may put part of a code on the other side than the catalogue's.
            let (personnel, public_use) = ledger.economic_sides(code);
            let government = ledger.government_names(code);
            context! {
                code => code.as_str(),
                name => ledger.names.of(code),
                level => if code.as_str().len() == 3 { 0 } else { 1 },
                government => government,
                is_personnel => catalog.is_personnel(code.as_str()),
                fig => Fig::value(*b),
                personnel => Fig::value(personnel),
                public_use => Fig::value(public_use),
            }
        })
        .collect()
}

/// Every 部门经济分类 类 and 款 of the year's catalogue, spent under or not
/// (a 决算's basic-spending table lists them all), with its 类 (`class`).
fn economic_catalogue(ledger: &Ledger, catalog: &Catalog) -> Vec<Value> {
    catalog
        .economic
        .keys()
        .map(|code| {
            let c = Code(code.clone());
            let (personnel, public_use) = ledger.economic_sides(&c);
            context! {
                code => code.as_str(),
                class => &code[..code.len().min(3)],
                name => ledger.names.of(&c),
                level => if code.len() == 3 { 0 } else { 1 },
                fig => Fig::value(ledger.economic.get(&c).copied().unwrap_or_default()),
                personnel => Fig::value(personnel),
                public_use => Fig::value(public_use),
            }
        })
        .collect()
}

fn revenue(budget: &Budget, lines: &[RevenueLine]) -> Vec<Value> {
    lines
        .iter()
        .map(|r| {
            context! {
                code => r.code.as_str(),
                name => r.name.clone(),
                amount => Num::yuan(to_yuan(r.amount, budget.unit_of_account)),
            }
        })
        .collect()
}

/// Every field the set declares, as written or none: a template may test
/// any declared field, and naming an undeclared one fails (strict mode).
fn fields(written: &Fields, declared: &BTreeMap<String, FieldDecl>) -> Value {
    declared
        .iter()
        .map(|(name, d)| {
            let value = match written.get(name).or(d.default.as_ref()) {
                None => Value::from(()),
                Some(FieldValue::Yes(b)) => Value::from(*b),
                Some(FieldValue::Integer(n)) if d.kind == FieldType::Text => {
                    Value::from(n.to_string())
                }
                Some(FieldValue::Integer(n)) => Value::from(*n),
                Some(FieldValue::Text(t)) => Value::from(t.clone()),
                Some(FieldValue::List(l)) => Value::from(l.clone()),
                Some(FieldValue::Map(m)) => Value::from(m.clone()),
            };
            (name.clone(), value)
        })
        .collect::<BTreeMap<String, Value>>()
        .into()
}

fn projects(ledger: &Ledger, declared: &BTreeMap<String, FieldDecl>) -> Vec<Value> {
    ledger
        .projects
        .iter()
        .map(|p| {
            context! {
                name => p.name.clone(),
                category => p.category.label(),
                term => p.term.clone(),
                function => p.function.as_str(),
                carried => p.period == Period::CarriedOver,
                fig => Fig::value(p.funds),
                fields => fields(&p.fields, declared),
            }
        })
        .collect()
}

/// Per category: projects and published 绩效目标表 (count, amount).
fn project_categories(ledger: &Ledger) -> Vec<Value> {
    ProjectCategory::ALL
        .iter()
        .map(|&c| {
            let (count, amount) = ledger.projects_of(c);
            let (published, published_amount) = ledger.published_of(c);
            context! {
                name => c.label(),
                count => count,
                amount => Num::yuan(amount),
                published => published,
                published_amount => Num::yuan(published_amount),
            }
        })
        .collect()
}

/// Each part's change, with its own reason when the file gives one.
fn three_public(ledger: &Ledger, reason: &Option<String>, items: &ThreePublicReasons) -> Value {
    let (c, l) = (&ledger.three_public.current, &ledger.three_public.last);
    let ch = |this: Decimal, last: Decimal, why: &Option<String>| {
        ChangeValue::value(Change::new(this, last), why.clone())
    };
    context! {
        overseas => ch(c.overseas, l.overseas, &items.overseas),
        reception => ch(c.reception, l.reception, &items.reception),
        cars => ch(c.cars(), l.cars(), &items.cars),
        car_purchase => ch(c.car_purchase, l.car_purchase, &items.car_purchase),
        car_running => ch(c.car_running, l.car_running, &items.car_running),
        total => change(ledger.three_public.total(), reason),
        // A 决算's budget for the year: typed, or the linked budget's.
        budget => ledger.three_public_budget().map(|b| context! {
            overseas => Num::yuan(b.overseas),
            reception => Num::yuan(b.reception),
            cars => Num::yuan(b.cars()),
            car_purchase => Num::yuan(b.car_purchase),
            car_running => Num::yuan(b.car_running),
            total => Num::yuan(b.total()),
        }),
    }
}

fn performance(
    budget: &Budget,
    ledger: &Ledger,
    declared: &BTreeMap<String, FieldDecl>,
    scheme: &IndicatorScheme,
) -> Value {
    let forms: Vec<Value> = budget
        .performance_forms
        .iter()
        .map(|f| {
            let indicator_table = indicator_rows(&f.indicators.groups(scheme));
            context! {
                project_name => f.project_name.clone(),
                attribute => f.attribute.clone(),
                duration => f.duration.clone(),
                period_funds => form_funds(&f.period_funds),
                annual_funds => form_funds(&f.annual_funds),
                overview => f.overview.clone(),
                basis => f.basis.clone(),
                necessity => f.necessity.clone(),
                safeguards => f.safeguards.clone(),
                plan => f.plan.clone(),
                goals => context! { period => f.goals.period.clone(), annual => f.goals.annual.clone() },
                indicator_rows => indicator_table.len(),
                indicator_table => indicator_table,
                leader => f.leader.clone(),
                handler => f.handler.clone(),
                phone => f.phone.clone(),
                filled_at => f.filled_at.clone(),
                fields => fields(&f.fields, declared),
            }
        })
        .collect();
    context! {
        overall_targets => budget.performance.overall_targets,
        project_count => ledger.projects.len(),
        targeted_count => ledger.projects.iter().filter(|p| p.has_targets).count(),
        targeted_amount => Num::yuan(ledger.projects.iter().filter(|p| p.has_targets).map(|p| p.funds.total()).sum()),
        project_amount => Num::yuan(ledger.project_total()),
        published => ledger.performance.published_count(),
        published_amount => Num::yuan(ledger.performance.published_amount()),
        forms => forms,
    }
}

/// The 绩效指标 block as table rows: every 二级指标 gets at least one row;
/// `level1` / `level2` are set on the first row of their span (with the span's
/// height), none on the rows the span covers.
fn indicator_rows(groups: &[IndicatorGroup<'_>]) -> Vec<Value> {
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let (l1, l2, items) = (g.level1, g.level2, g.items);
        let first_of_l1 = gi == 0 || groups[gi - 1].level1 != l1;
        let l1_rows: usize = groups
            .iter()
            .filter(|g| g.level1 == l1)
            .map(|g| g.items.len().max(1))
            .sum();
        let n = items.len().max(1);
        for i in 0..n {
            let item = items.get(i);
            let text = |f: fn(&crate::model::Indicator) -> String| item.map(f).unwrap_or_default();
            out.push(context! {
                level1 => (first_of_l1 && i == 0).then_some(l1),
                level1_rows => l1_rows,
                level2 => (i == 0).then_some(l2),
                level2_rows => n,
                name => text(|x| x.name.clone()),
                value => text(|x| x.value.clone()),
                annual_name => text(|x| x.annual_name.clone().unwrap_or_else(|| x.name.clone())),
                annual_value => text(|x| x.annual_value.clone().unwrap_or_else(|| x.value.clone())),
            });
        }
    }
    out
}

/// 绩效目标表 funds are in 元 whatever the file's unit; absent parts stay none.
fn form_funds(f: &FormFunds) -> Value {
    let opt = |a: Option<crate::model::Amount>| a.map(|a| Num::yuan(a.value()));
    context! {
        total => Num::yuan(f.total.value()),
        central => opt(f.central),
        provincial => opt(f.provincial),
        local => opt(f.local),
        self_raised => opt(f.self_raised),
        other => opt(f.other),
    }
}

/// Counts by the format's categories in its order (a category the budget
/// does not write is 0), or as the budget writes them when the format names none.
fn categories(counts: &VehicleCounts, names: &[String]) -> Vec<Value> {
    let row = |name: &str, n: u32| context! { name => name, count => n };
    if names.is_empty() {
        return counts.iter().map(|(k, n)| row(k, n.0)).collect();
    }
    names
        .iter()
        .map(|k| row(k, counts.get(k).map_or(0, |n| n.0)))
        .collect()
}

fn assets(budget: &Budget, names: &[String]) -> Value {
    let a = &budget.assets;
    context! {
        as_of => a.as_of.chinese(),
        vehicles => context! {
            quota => a.vehicles.quota.map(|n| n.0),
            actual => a.vehicles.actual,
            categories => categories(&a.vehicles.categories, names),
        },
        planned => a.planned.as_ref().map(|p| context! {
            vehicles => categories(&p.vehicles, names),
            vehicle_total => crate::model::vehicle_total(&p.vehicles),
            equipment_over_100 => p.equipment_over_100,
        }),
        office_area => a.office_area.map(|x| x.to_string()),
        equipment_over_50 => a.equipment_over_50.map(|n| n.0),
        equipment_over_100 => a.equipment_over_100,
    }
}
