//! The ledger: every figure the tables and the narrative need, exact, in 元.

use super::breakdown::{Breakdown, Kind};
use super::change::Change;
use super::final_accounts::FinalFigures;
use super::last::{BySource, LastFigures, general_public_current};
use super::three_public::ThreePublicParts;
use crate::catalog::Catalog;
use crate::model::{
    Amount, Budget, Code, CostSide, Period, ProjectCategory, Source, SpendingKind, UnitOfAccount,
};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

pub use crate::model::{ECONOMIC_LEVELS, FUNCTION_LEVELS};

pub struct Ledger {
    pub year: i32,
    pub names: Names,
    /// Everything the unit spends (= everything it receives).
    pub total: Breakdown,
    /// By function code at every level (类, 款, 项).
    pub functions: BTreeMap<Code, Breakdown>,
    /// 基本支出 by economic code at 类 and 款 level.
    pub economic: BTreeMap<Code, Breakdown>,
    /// The 人员经费 part of each economic code's basic spending (the rest is 公用经费).
    pub economic_personnel: BTreeMap<Code, Breakdown>,
    /// The 政府经济科目 each economic 款 maps to, in the order first written:
    /// one for a unit (the checker insists), possibly more for a department
    /// whose administrative and institutional units map differently.
    pub economic_to_government: BTreeMap<Code, Vec<Code>>,
    /// 基本支出 split into 人员经费 and 公用经费.
    pub personnel: Breakdown,
    pub public_use: Breakdown,
    pub projects: Vec<ProjectFigures>,
    pub fund_revenue: Decimal,
    pub state_capital_revenue: Decimal,
    pub three_public: ThreePublicFigures,
    /// (本年, 上年) 机关运行经费, when the unit reports any.
    pub running_costs: Option<Change>,
    pub procurement: ProcurementFigures,
    pub performance: PerformanceFigures,
    /// 收支总计 this year against last year.
    pub total_change: Change,
    /// 一般公共预算当年支出 this year against last year.
    pub general_public_change: Change,
    /// Last year's 本年 money by source, when known (linked, or typed as 上年.按来源).
    pub last_by_source: Option<BySource>,
    /// A 决算's adjusted 一般公共预算 全年预算数 by 项 code, in 元
    /// (决算.全年预算); the others' are their 年初预算数.
    pub adjusted: BTreeMap<String, Decimal>,
    /// A 决算's budget for the same year, when its file is linked
    /// (决算.预算.文件): the 年初预算数 each 决算数 is compared with.
    pub plan: Option<Box<Ledger>>,
    /// A 决算's income and balances (none for a budget).
    /// (Boxed: a ledger is built on the stack once per linked year.)
    pub final_accounts: Option<Box<FinalFigures>>,
    /// Last year's own ledger, when the budget links last year's file: every
    /// 上年 figure a layout states comes from it. (Its own `prior` is dropped.)
    pub prior: Option<Box<Ledger>>,
}

/// Names of codes: the catalogue, overridden by the file.
pub struct Names {
    map: BTreeMap<String, String>,
}

impl Names {
    pub fn get(&self, code: &str) -> Option<&str> {
        self.map.get(code).map(String::as_str)
    }
    /// The name, or the code itself when none is known (the checker reports that).
    pub fn of(&self, code: &Code) -> String {
        self.get(code.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| code.to_string())
    }
}

pub struct ProjectFigures {
    pub name: String,
    pub category: ProjectCategory,
    pub term: String,
    pub function: Code,
    pub period: Period,
    pub funds: Breakdown,
    /// It has 绩效目标 (编报绩效目标).
    pub has_targets: bool,
    /// The project's 版式字段, for the templates.
    pub fields: crate::model::Fields,
}

pub struct ThreePublicFigures {
    pub current: ThreePublicParts,
    pub last: ThreePublicParts,
    /// A 决算's budget for the year, when stated.
    pub budget: Option<ThreePublicParts>,
}

impl ThreePublicFigures {
    pub fn total(&self) -> Change {
        Change::new(self.current.total(), self.last.total())
    }
}

pub struct ProcurementFigures {
    pub goods: Decimal,
    pub works: Decimal,
    pub services: Decimal,
    /// Reserved for 中小企业, and of that for 小型和微型企业, when stated.
    pub reserved_sme: Option<Decimal>,
    pub reserved_small: Option<Decimal>,
    /// Won by 中小企业 (小微企业) suppliers: in the SME reserve, in the
    /// small-business reserve, elsewhere; when stated (a 决算).
    pub awarded: Option<[Decimal; 3]>,
}

impl ProcurementFigures {
    pub fn total(&self) -> Decimal {
        self.goods + self.works + self.services
    }
}

/// How a 绩效目标表 was tied to a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormLink {
    /// The form names the project exactly.
    Exact(usize),
    /// No exact name; the one project with the same annual funds and a similar name.
    Inferred(usize),
    Unmatched,
}

impl FormLink {
    pub fn project(self) -> Option<usize> {
        match self {
            FormLink::Exact(i) | FormLink::Inferred(i) => Some(i),
            FormLink::Unmatched => None,
        }
    }
}

pub struct PerformanceFigures {
    pub links: Vec<FormLink>,
    /// Annual funds of each published form, in 元.
    pub form_amounts: Vec<Decimal>,
}

impl PerformanceFigures {
    pub fn published_count(&self) -> usize {
        self.links.len()
    }
    pub fn published_amount(&self) -> Decimal {
        self.form_amounts.iter().sum()
    }
}

impl Ledger {
    /// A 决算's 一般公共预算 under a code (类, 款 or 项) against its linked
    /// budget: (决算数, 年初预算数); none without a link.
    pub fn against_plan(&self, code: &str) -> Option<(Decimal, Decimal)> {
        let plan = self.plan.as_ref()?;
        let general = |l: &Ledger| l.function(code).source(Source::GeneralPublic);
        Some((general(self), general(plan)))
    }

    /// A 决算's 一般公共预算 全年预算数 under a code, or in all (`None`): the
    /// 年初预算数, with every adjusted 项 under it (决算.全年预算) in place of
    /// its own; none without a linked budget.
    pub fn full_plan(&self, under: Option<&str>) -> Option<Decimal> {
        let plan = self.plan.as_ref()?;
        let general = |c: &str| plan.function(c).source(Source::GeneralPublic);
        let base = match under {
            Some(code) => general(code),
            None => plan.total.source(Source::GeneralPublic),
        };
        let moved: Decimal = self
            .adjusted
            .iter()
            .filter(|(c, _)| under.is_none_or(|u| c.starts_with(u)))
            .map(|(c, yuan)| *yuan - general(c))
            .sum();
        Some(base + moved)
    }

    /// A 决算's “三公” budget: typed (三公经费.预算), or the linked budget's.
    pub fn three_public_budget(&self) -> Option<ThreePublicParts> {
        self.three_public
            .budget
            .or_else(|| self.plan.as_ref().map(|p| p.three_public.current))
    }

    /// An economic code's basic spending split into (人员经费, 公用经费).
    pub fn economic_sides(&self, code: &Code) -> (Breakdown, Breakdown) {
        let all = self.economic.get(code).copied().unwrap_or_default();
        let personnel = self
            .economic_personnel
            .get(code)
            .copied()
            .unwrap_or_default();
        (personnel, all.without(&personnel))
    }

    /// The names of the 政府经济科目 an economic 款 maps to, joined by 、
    /// (empty for a 类, which maps to none).
    pub fn government_names(&self, economic: &Code) -> String {
        self.economic_to_government
            .get(economic)
            .map(|gs| {
                gs.iter()
                    .map(|g| self.names.of(g))
                    .collect::<Vec<_>>()
                    .join("、")
            })
            .unwrap_or_default()
    }

    /// 项目支出 of all projects.
    pub fn project_total(&self) -> Decimal {
        self.total.kind(Kind::Project)
    }
    pub fn basic_total(&self) -> Decimal {
        self.total.kind(Kind::Basic)
    }
    /// Projects of one category: (count, amount).
    pub fn projects_of(&self, category: ProjectCategory) -> (usize, Decimal) {
        self.projects
            .iter()
            .filter(|p| p.category == category)
            .fold((0, Decimal::ZERO), |(n, a), p| (n + 1, a + p.funds.total()))
    }
    /// Published 绩效目标表 of one category (by their linked project): (count, amount).
    pub fn published_of(&self, category: ProjectCategory) -> (usize, Decimal) {
        let perf = &self.performance;
        perf.links
            .iter()
            .zip(&perf.form_amounts)
            .filter(|(link, _)| {
                link.project()
                    .is_some_and(|i| self.projects[i].category == category)
            })
            .fold((0, Decimal::ZERO), |(n, a), (_, amt)| (n + 1, a + amt))
    }
    /// Function codes at one level (3, 5 or 7 digits) that carry any amount, in code order.
    pub fn function_codes(&self, level: usize) -> impl Iterator<Item = (&Code, &Breakdown)> {
        self.functions
            .iter()
            .filter(move |(c, _)| c.0.len() == level)
    }
    /// Figures of one function code; zero when nothing is spent under it.
    pub fn function(&self, code: &str) -> Breakdown {
        self.functions
            .get(&Code(code.to_string()))
            .copied()
            .unwrap_or_default()
    }
    pub fn economic(&self, code: &str) -> Breakdown {
        self.economic
            .get(&Code(code.to_string()))
            .copied()
            .unwrap_or_default()
    }
}

/// Converts an amount in the file's unit to 元.
pub fn to_yuan(a: Amount, unit: UnitOfAccount) -> Decimal {
    match unit {
        UnitOfAccount::Yuan => a.value(),
        UnitOfAccount::TenThousandYuan => a.value() * Decimal::from(10_000),
    }
}

/// The ledger of a budget whose 上年 figures are typed (or absent).
pub fn compute(budget: &Budget, catalog: &Catalog) -> Ledger {
    compute_with(budget, catalog, None)
}

/// The ledger of a budget; with `prior`, last year's ledger, every 上年
/// figure is last year's own rather than typed.
/// (Ledgers travel boxed: one is built per linked year, down a chain of
/// calls, and each would otherwise sit in every frame it passes.)
pub fn compute_with(budget: &Budget, catalog: &Catalog, prior: Option<Box<Ledger>>) -> Ledger {
    let unit = budget.unit_of_account;
    let yuan = |a: Amount| to_yuan(a, unit);
    let opt = |a: Option<Amount>| a.map(yuan).unwrap_or_default();

    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for map in [
        &catalog.function,
        &catalog.economic,
        &catalog.government_economic,
    ] {
        names.extend(map.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    names.extend(
        budget
            .code_names
            .iter()
            .map(|(k, v)| (k.clone(), v.clone())),
    );

    let mut total = Breakdown::default();
    let mut functions: BTreeMap<Code, Breakdown> = BTreeMap::new();
    let mut economic: BTreeMap<Code, Breakdown> = BTreeMap::new();
    let mut economic_personnel: BTreeMap<Code, Breakdown> = BTreeMap::new();
    let mut economic_to_government = BTreeMap::new();
    let mut personnel = Breakdown::default();
    let mut public_use = Breakdown::default();

    let mut post =
        |function: &Code, source: Source, period: Period, kind: Kind, amount: Decimal| {
            total.add(source, period, kind, amount);
            for code in function.lineage(&FUNCTION_LEVELS) {
                functions
                    .entry(code)
                    .or_default()
                    .add(source, period, kind, amount);
            }
        };

    for line in &budget.basic {
        let amount = yuan(line.amount);
        post(
            &line.function,
            line.source,
            line.period,
            Kind::Basic,
            amount,
        );
        let is_personnel = match line.side {
            Some(side) => side == CostSide::Personnel,
            None => catalog.is_personnel(line.economic.as_str()),
        };
        for code in line.economic.lineage(&ECONOMIC_LEVELS) {
            if is_personnel {
                economic_personnel.entry(code.clone()).or_default().add(
                    line.source,
                    line.period,
                    Kind::Basic,
                    amount,
                );
            }
            economic
                .entry(code)
                .or_default()
                .add(line.source, line.period, Kind::Basic, amount);
        }
        let governments: &mut Vec<Code> = economic_to_government
            .entry(line.economic.clone())
            .or_default();
        if !governments.contains(&line.government_economic) {
            governments.push(line.government_economic.clone());
        }
        let side = if is_personnel {
            &mut personnel
        } else {
            &mut public_use
        };
        side.add(line.source, line.period, Kind::Basic, amount);
    }

    let mut projects = Vec::with_capacity(budget.projects.len());
    for p in &budget.projects {
        let mut funds = Breakdown::default();
        for (source, amount) in p.funds.entries() {
            let a = opt(amount);
            funds.add(source, p.period, Kind::Project, a);
            post(&p.function, source, p.period, Kind::Project, a);
        }
        projects.push(ProjectFigures {
            name: p.name.clone(),
            category: p.category,
            term: p.term.clone(),
            function: p.function.clone(),
            period: p.period,
            funds,
            has_targets: p.has_targets,
            fields: p.fields.clone(),
        });
    }

    // A 决算's spending beyond 基本 and 项目 is spending like theirs.
    let final_accounts = budget.final_accounts.as_ref().map(|f| {
        for line in &f.other_spending {
            let kind = match line.kind {
                SpendingKind::Remit => Kind::Remit,
                SpendingKind::Operating => Kind::Operating,
                SpendingKind::Subsidy => Kind::Subsidy,
            };
            post(
                &line.function,
                line.source,
                Period::Current,
                kind,
                yuan(line.amount),
            );
        }
        Box::new(FinalFigures::of(f, &yuan))
    });

    let performance = link_forms(budget, &projects);
    let general_public_current = general_public_current(&total);
    let prior = prior.map(|mut p| {
        p.prior = None;
        p
    });
    let last = match &prior {
        Some(p) => p.as_last_year(),
        None => LastFigures::typed(budget, yuan),
    };

    Ledger {
        year: budget.year,
        names: Names { map: names },
        total_change: Change::new(grand_total(&total, final_accounts.as_deref()), last.total),
        general_public_change: Change::new(general_public_current, last.general_public),
        last_by_source: last.by_source,
        total,
        functions,
        economic,
        economic_personnel,
        economic_to_government,
        personnel,
        public_use,
        projects,
        fund_revenue: budget.fund_revenue.iter().map(|r| yuan(r.amount)).sum(),
        state_capital_revenue: budget
            .state_capital_revenue
            .iter()
            .map(|r| yuan(r.amount))
            .sum(),
        three_public: ThreePublicFigures {
            current: ThreePublicParts::of(&budget.three_public.current, &yuan),
            last: last.three_public,
            budget: budget
                .three_public
                .budget
                .as_ref()
                .map(|b| ThreePublicParts::of(b, &yuan)),
        },
        running_costs: budget
            .running_costs
            .as_ref()
            .map(|r| Change::new(yuan(r.current), last.running_costs.unwrap_or_default())),
        procurement: ProcurementFigures {
            goods: yuan(budget.procurement.goods),
            works: yuan(budget.procurement.works),
            services: yuan(budget.procurement.services),
            reserved_sme: budget.procurement.reserved_sme.map(yuan),
            reserved_small: budget.procurement.reserved_small.map(yuan),
            awarded: budget
                .procurement
                .awarded
                .as_ref()
                .map(|w| [yuan(w.reserved), yuan(w.reserved_small), yuan(w.other)]),
        },
        performance,
        adjusted: budget
            .final_accounts
            .iter()
            .flat_map(|f| &f.adjusted)
            .map(|(c, a)| (c.clone(), yuan(*a)))
            .collect(),
        final_accounts,
        plan: None,
        prior,
    }
}

/// 收支总计: a budget's income, which is its spending; a 决算's 总计, which
/// counts what was carried in (年初结转和结余, 使用非财政拨款结余) beside
/// the year's income.
fn grand_total(spent: &Breakdown, final_accounts: Option<&FinalFigures>) -> Decimal {
    match final_accounts {
        Some(f) => f.grand_total(),
        None => spent.total(),
    }
}

/// Ties each 绩效目标表 to its project: by exact name, else by equal annual funds
/// and the most similar name (the checker warns about the latter). Names are
/// looked up by hash and similar names through an index: a unit with
/// thousands of projects costs no more per form than one with ten.
fn link_forms(budget: &Budget, projects: &[ProjectFigures]) -> PerformanceFigures {
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut by_funds: HashMap<Decimal, Vec<usize>> = HashMap::new();
    for (i, p) in projects.iter().enumerate() {
        by_name.entry(p.name.as_str()).or_insert(i);
        by_funds.entry(p.funds.total()).or_default().push(i);
    }
    let index = crate::suggest::NameIndex::new(projects.iter().map(|p| p.name.as_str()));
    let mut links = Vec::new();
    let mut form_amounts = Vec::new();
    for form in &budget.performance_forms {
        // 绩效目标表 funds are always in 元, whatever the file's unit.
        let annual = form.annual_funds.total.value();
        form_amounts.push(annual);
        let same_funds = by_funds.get(&annual).map(Vec::as_slice).unwrap_or_default();
        let link = match by_name.get(form.project_name.as_str()) {
            Some(&i) => FormLink::Exact(i),
            None => {
                // A few candidates: compare them all; many: the similar ones.
                let candidates: Vec<usize> = if same_funds.len() <= 64 {
                    same_funds.to_vec()
                } else {
                    index
                        .shortlist(&form.project_name)
                        .into_iter()
                        .filter(|i| projects[*i].funds.total() == annual)
                        .collect()
                };
                candidates
                    .into_iter()
                    .min_by_key(|&i| strsim::levenshtein(&projects[i].name, &form.project_name))
                    .map(FormLink::Inferred)
                    .unwrap_or(FormLink::Unmatched)
            }
        };
        links.push(link);
    }
    PerformanceFigures {
        links,
        form_amounts,
    }
}

impl Ledger {
    /// The figures a linked year states about itself (its 本年).
    pub fn as_last_year(&self) -> LastFigures {
        LastFigures {
            total: grand_total(&self.total, self.final_accounts.as_deref()),
            general_public: general_public_current(&self.total),
            three_public: self.three_public.current,
            running_costs: Some(self.running_costs.map_or(Decimal::ZERO, |c| c.this)),
            by_source: Some(std::array::from_fn(|i| {
                self.total.source_in(Source::ALL[i], Period::Current)
            })),
        }
    }
}
