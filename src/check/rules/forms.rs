//! 项目支出绩效目标表 against their projects and themselves.

use crate::check::{Context, Findings, walk};
use crate::compute::FormLink;
use crate::compute::display::yuan_grouped;
use crate::model::{IndicatorRef, IndicatorScheme, group_takes_in};
use crate::suggest::NameIndex;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

pub fn project_unknown(cx: &Context, f: &mut Findings) {
    let l = cx.ledger;
    let names = NameIndex::new(l.projects.iter().map(|p| p.name.as_str()));
    for (i, (form, link)) in cx
        .budget
        .performance_forms
        .iter()
        .zip(&l.performance.links)
        .enumerate()
    {
        let path = format!("绩效目标表[{i}].项目名称");
        match link {
            FormLink::Exact(_) => {}
            FormLink::Inferred(p) => {
                let project = &l.projects[*p];
                f.add(
                    path,
                    format!(
                        "绩效目标表的项目名称“{}”与任何项目都不一致；是否指“{}”（年度资金同为 {} 元）？",
                        form.project_name,
                        project.name,
                        yuan_grouped(project.funds.total())
                    ),
                )
                .hint("两处名称须一字不差，检查人员会逐字核对");
            }
            FormLink::Unmatched => {
                let d = f.add(
                    path,
                    format!(
                        "绩效目标表的项目名称“{}”与任何项目都不一致",
                        form.project_name
                    ),
                );
                if let Some(s) = names.closest(&form.project_name) {
                    d.help = Some(format!("是否应为“{s}”？"));
                }
            }
        }
    }
}

pub fn duplicate(cx: &Context, f: &mut Findings) {
    let mut seen = HashMap::new();
    for (i, link) in cx.ledger.performance.links.iter().enumerate() {
        if let Some(p) = link.project()
            && let Some(j) = seen.insert(p, i)
        {
            f.add(
                format!("绩效目标表[{i}].项目名称"),
                format!(
                    "项目“{}”已有第 {} 张绩效目标表",
                    cx.ledger.projects[p].name,
                    j + 1
                ),
            );
        }
    }
}

pub fn funds_mismatch(cx: &Context, f: &mut Findings) {
    let l = cx.ledger;
    for (i, link) in l.performance.links.iter().enumerate() {
        if let Some(p) = link.project() {
            let project = &l.projects[p];
            let form = l.performance.form_amounts[i];
            if form != project.funds.total() {
                f.add(
                    format!("绩效目标表[{i}].年度资金.资金总额"),
                    format!(
                        "绩效目标表年度资金总额 {} 元，与项目“{}”的金额 {} 元不一致",
                        yuan_grouped(form),
                        project.name,
                        yuan_grouped(project.funds.total())
                    ),
                );
            }
        }
    }
}

pub fn funds_breakdown(cx: &Context, f: &mut Findings) {
    for (i, form) in cx.budget.performance_forms.iter().enumerate() {
        for (key, funds) in [
            ("实施期资金", &form.period_funds),
            ("年度资金", &form.annual_funds),
        ] {
            let parts = funds.parts();
            if parts.iter().all(Option::is_none) {
                continue;
            }
            let sum: Decimal = parts.iter().flatten().map(|a| a.value()).sum();
            if sum != funds.total.value() {
                f.add(
                    format!("绩效目标表[{i}].{key}.资金总额"),
                    format!(
                        "{key}总额 {} 元，不等于中央、省级、市县、单位自筹和其他资金之和 {} 元",
                        yuan_grouped(funds.total.value()),
                        yuan_grouped(sum)
                    ),
                );
            }
        }
    }
}

pub fn period_funds(cx: &Context, f: &mut Findings) {
    for (i, form) in cx.budget.performance_forms.iter().enumerate() {
        let (period, annual) = (
            form.period_funds.total.value(),
            form.annual_funds.total.value(),
        );
        if period < annual {
            f.add(
                format!("绩效目标表[{i}].实施期资金.资金总额"),
                format!(
                    "实施期资金总额 {} 元少于年度资金总额 {} 元",
                    yuan_grouped(period),
                    yuan_grouped(annual)
                ),
            );
        }
    }
}

/// The amount in 元 an indicator value such as `≤256.3万元` or `≤839100元` states.
fn stated_yuan(value: &str) -> Option<Decimal> {
    let t = value.trim_start_matches(['≤', '≥', '<', '>', '=', '＜', '＞', '≦', '≧', ' ']);
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let number = Decimal::from_str(&t[..end]).ok()?;
    match t[end..].trim() {
        "万元" => number.checked_mul(Decimal::from(10_000)),
        "元" => Some(number),
        _ => None,
    }
}

/// Whether an indicator is in one of the format's cost groups
/// (`check.cost_indicators`: `一级指标` or `一级指标.二级指标`).
fn is_cost(cx: &Context, r: &IndicatorRef<'_>) -> bool {
    cx.profile
        .cost_indicators
        .iter()
        .any(|g| group_takes_in(g, r.level1, r.level2))
}

pub fn cost_indicator(cx: &Context, f: &mut Findings) {
    for (i, form) in cx.budget.performance_forms.iter().enumerate() {
        let annual = form.annual_funds.total.value();
        for r in form.indicators.all().iter().filter(|r| is_cost(cx, r)) {
            let ind = r.indicator;
            if let Some(stated) = stated_yuan(&ind.value)
                && stated != annual
            {
                f.add(
                    format!("绩效目标表[{i}].绩效指标.{}.指标值", r.path),
                    format!(
                        "{}“{}”为 {} 元，与年度资金总额 {} 元不一致",
                        r.level2,
                        ind.value,
                        yuan_grouped(stated),
                        yuan_grouped(annual)
                    ),
                );
            }
        }
    }
}

/// An 一级 or 二级指标 the format's 指标体系 (`indicators`) lacks: the form
/// would print a row the official one does not have.
pub fn indicator_names(cx: &Context, f: &mut Findings) {
    let scheme = &cx.profile.indicators;
    if scheme.is_empty() {
        return;
    }
    let listed = |names: &mut dyn Iterator<Item = &String>| {
        names.map(String::as_str).collect::<Vec<_>>().join("、")
    };
    for (i, form) in cx.budget.performance_forms.iter().enumerate() {
        for (l1, groups) in &form.indicators.0 {
            let base = format!("绩效目标表[{i}].绩效指标.{l1}");
            let Some(known) = scheme.get(l1) else {
                let d = f.add(
                    base,
                    format!(
                        "一级指标“{l1}”不是本版式的指标（{}）",
                        listed(&mut scheme.keys())
                    ),
                );
                if let Some(hint) = placement_hint(scheme, l1, scheme.keys()) {
                    d.hint(hint);
                }
                continue;
            };
            for l2 in groups.keys().filter(|l2| !known.contains(l2)) {
                let d = f.add(
                    format!("{base}.{l2}"),
                    format!(
                        "“{l1}”下没有二级指标“{l2}”（本版式为 {}）",
                        listed(&mut known.iter())
                    ),
                );
                if let Some(hint) = placement_hint(scheme, l2, known.iter()) {
                    d.hint(hint);
                }
            }
        }
    }
}

/// Where the scheme has a name written at the wrong place: at the other
/// level, or under another 一级指标; else the closest of `siblings`.
fn placement_hint<'a>(
    scheme: &IndicatorScheme,
    name: &str,
    siblings: impl Iterator<Item = &'a String>,
) -> Option<String> {
    if scheme.contains_key(name) {
        return Some(format!("本版式中“{name}”是一级指标"));
    }
    if let Some((parent, _)) = scheme.iter().find(|(_, g)| g.iter().any(|x| x == name)) {
        return Some(format!("本版式中“{name}”是“{parent}”下的二级指标"));
    }
    let near = crate::suggest::closest(name, siblings.map(String::as_str))?;
    Some(format!("是否指“{near}”？"))
}

pub fn indicator_empty(cx: &Context, f: &mut Findings) {
    for (i, form) in cx.budget.performance_forms.iter().enumerate() {
        for r in form.indicators.all() {
            let base = format!("绩效目标表[{i}].绩效指标.{}", r.path);
            if r.indicator.value.trim().is_empty() {
                f.add(
                    format!("{base}.指标值"),
                    format!("{}“{}”没有指标值", r.level2, r.indicator.name),
                );
            }
            if r.indicator
                .annual_value
                .as_deref()
                .is_some_and(|v| v.trim().is_empty())
            {
                f.add(
                    format!("{base}.年度指标值"),
                    format!("{}“{}”的年度指标值为空", r.level2, r.indicator.name),
                );
            }
        }
    }
}

/// Units of measure common to every format's 指标值; a set adds its own
/// under `check.indicator_units`.
const UNITS: &[&str] = &[
    "%",
    "％",
    "个",
    "次",
    "套",
    "台",
    "元",
    "万元",
    "亿元",
    "天",
    "日",
    "人",
    "年",
    "月",
    "项",
    "家",
    "份",
    "小时",
    "分钟",
    "件",
    "户",
    "辆",
    "平方米",
    "公里",
    "千米",
    "米",
    "册",
    "场",
    "期",
    "篇",
    "条",
    "批",
    "座",
    "所",
    "间",
    "张",
    "本",
    "部",
    "分",
    "周",
    "季度",
    "名",
    "亩",
    "吨",
    "万",
    "类",
    "处",
    "节",
    "课时",
    "学时",
    "万人",
    "人次",
    "工作日",
    "个工作日",
];

/// The unit after a leading comparison and number, e.g. `无` in `≥95无`.
/// A unit in brackets, as some formats' forms write it (`95(%)`,
/// `≥3（个）`), is the unit inside them.
fn suffix_after_number(value: &str) -> Option<&str> {
    let t = value
        .trim()
        .trim_start_matches(['≤', '≥', '<', '>', '=', '＜', '＞', '≦', '≧']);
    let end = t.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let suffix = t[end..].trim();
    let inner = suffix
        .strip_prefix(['(', '（'])
        .and_then(|s| s.strip_suffix([')', '）']))
        .map(str::trim);
    (end > 0).then_some(inner.unwrap_or(suffix))
}

pub fn indicator_unit(cx: &Context, f: &mut Findings) {
    for (i, form) in cx.budget.performance_forms.iter().enumerate() {
        for r in form.indicators.all() {
            let values = [
                ("指标值", Some(&r.indicator.value)),
                ("年度指标值", r.indicator.annual_value.as_ref()),
            ];
            for (key, value) in values {
                let Some(value) = value else { continue };
                let Some(suffix) = suffix_after_number(value) else {
                    continue;
                };
                let known = UNITS.iter().any(|u| suffix.starts_with(u))
                    || cx
                        .profile
                        .indicator_units
                        .iter()
                        .any(|u| suffix.starts_with(u.as_str()));
                if !suffix.is_empty() && !known {
                    let d = f.add(
                        format!("绩效目标表[{i}].绩效指标.{}.{key}", r.path),
                        format!("指标值“{value}”中的“{suffix}”不是计量单位"),
                    );
                    if r.indicator.name.ends_with('率') || r.indicator.name.ends_with('度') {
                        d.help = Some(format!(
                            "是否应为“{}%”？",
                            value.trim().trim_end_matches(suffix)
                        ));
                    }
                }
            }
        }
    }
}

pub fn amount_precision(cx: &Context, f: &mut Findings) {
    for (path, a) in walk::form_amounts(cx.budget) {
        let v = a.value();
        if v.is_sign_negative() && !v.is_zero() {
            f.add(path, format!("绩效目标表金额 {a} 元为负数"));
        } else if v.normalize().scale() > 2 {
            f.add(path, format!("绩效目标表金额 {a} 元超过两位小数"));
        }
    }
}

/// Project money without 绩效目标 beyond the share the set allows: a note,
/// as the inspector's first question is how much money has no targets.
pub fn share_without_targets(cx: &Context, f: &mut Findings) {
    let Some(allowed) = cx.profile.max_share_without_targets else {
        return;
    };
    let projects = &cx.ledger.projects;
    let total: rust_decimal::Decimal = projects.iter().map(|p| p.funds.total()).sum();
    if total.is_zero() {
        return;
    }
    let without: rust_decimal::Decimal = projects
        .iter()
        .filter(|p| !p.has_targets)
        .map(|p| p.funds.total())
        .sum();
    let share = without * rust_decimal::Decimal::from(100) / total;
    if share > rust_decimal::Decimal::from(allowed) {
        f.add(
            "项目",
            format!(
                "没有编报绩效目标的项目占项目支出的 {}%，超过版式的 {allowed}%",
                share.round_dp(1).normalize()
            ),
        )
        .hint("编报了绩效目标的项目写“编报绩效目标: true”");
    }
}

/// The years a 绩效目标表 field names: `2024年`, `2024-…`, and the year a
/// 填报日期 (`20231120163030`, `2023-11-20`) opens with.
fn form_years(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let Some(digits) = chars.get(i..i + 4) else {
            break;
        };
        let before = i.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(i + 4).copied();
        let starts = before.is_none_or(|c| !c.is_ascii_digit());
        let ends_as_year = matches!(after, Some('年') | Some('-') | Some('/') | Some('.'))
            || (i == 0 && after.is_some_and(|c| c.is_ascii_digit()));
        if starts
            && ends_as_year
            && digits.iter().all(char::is_ascii_digit)
            && let Ok(y) = digits.iter().collect::<String>().parse::<i32>()
            && (1990..2100).contains(&y)
        {
            out.push(y);
        }
    }
    out
}

/// A 绩效目标表's time-bound fields (年度目标, 实施计划, 指标, 填报日期)
/// naming a year before last year or past the project's period: a form
/// carried over from an earlier year. History (项目概况, 立项依据) and
/// document numbers (〔2020〕) are not looked at.
pub fn stale_year(cx: &Context, f: &mut Findings) {
    let year = cx.budget.year;
    for (i, form) in cx.budget.performance_forms.iter().enumerate() {
        let period: i32 = form
            .duration
            .trim_end_matches('年')
            .trim()
            .parse()
            .unwrap_or(1);
        let latest = year + period.clamp(1, 10) + 1;
        let mut fields: Vec<(String, &str)> = vec![
            (
                format!("绩效目标表[{i}].总体目标.年度"),
                form.goals.annual.as_str(),
            ),
            (format!("绩效目标表[{i}].项目实施计划"), form.plan.as_str()),
            (format!("绩效目标表[{i}].填报日期"), form.filled_at.as_str()),
        ];
        for r in form.indicators.all() {
            fields.push((
                format!("绩效目标表[{i}].绩效指标.{}.名称", r.path),
                r.indicator.name.as_str(),
            ));
            fields.push((
                format!("绩效目标表[{i}].绩效指标.{}.指标值", r.path),
                r.indicator.value.as_str(),
            ));
        }
        for (path, text) in fields {
            let Some(y) = form_years(text)
                .into_iter()
                .find(|y| *y < year - 1 || *y > latest)
            else {
                continue;
            };
            f.add(
                path,
                format!(
                    "绩效目标表写的是 {y} 年，而预算年度是 {year} 年：可能是沿用了以前年度的表"
                ),
            )
            .hint(format!("改为 {year} 年的内容和日期"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_in_brackets_is_the_unit_inside() {
        assert_eq!(suffix_after_number("95(%)"), Some("%"));
        assert_eq!(suffix_after_number("≥3（个）"), Some("个"));
        assert_eq!(suffix_after_number("≥95%"), Some("%"));
        assert_eq!(suffix_after_number("≥95无"), Some("无"));
        assert_eq!(suffix_after_number("（%）"), None);
    }

    #[test]
    fn reads_cost_indicator_amounts() {
        assert_eq!(stated_yuan("≤256.3万元"), Some(Decimal::from(2_563_000)));
        assert_eq!(stated_yuan("≤839100元"), Some(Decimal::from(839_100)));
        assert_eq!(stated_yuan("及时"), None);
        // Too large to be any amount: no figure, and no panic.
        assert_eq!(stated_yuan("≤10000000000000000000000000万元"), None);
    }

    #[test]
    fn finds_unit_suffix() {
        assert_eq!(suffix_after_number("≥95无"), Some("无"));
        assert_eq!(suffix_after_number("≥95%"), Some("%"));
        assert_eq!(suffix_after_number("100%"), Some("%"));
        assert_eq!(suffix_after_number("及时"), None);
    }
}
