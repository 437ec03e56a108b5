//! 国有资产 counts and dates.

use crate::check::{Context, Findings};
use crate::model::DocumentKind;

pub fn vehicles_total(cx: &Context, f: &mut Findings) {
    let v = &cx.budget.assets.vehicles;
    let sum = crate::model::vehicle_total(&v.categories);
    if sum != u64::from(v.actual) {
        let parts: Vec<String> = v
            .categories
            .iter()
            .filter(|(_, n)| n.0 > 0)
            .map(|(name, n)| format!("{name}{}辆", n.0))
            .collect();
        f.add(
            "国有资产.车辆.实有数",
            format!(
                "公务用车实有 {} 辆，但分类合计 {} 辆（{}）",
                v.actual,
                sum,
                if parts.is_empty() {
                    "各类均为 0".into()
                } else {
                    parts.join("、")
                }
            ),
        );
    }
}

/// A vehicle category the layout's format does not have (`vehicle_categories`
/// in `layout.yaml`): it would be counted in no sentence.
pub fn vehicle_category_unknown(cx: &Context, f: &mut Findings) {
    let known = &cx.profile.vehicle_categories;
    if known.is_empty() {
        return;
    }
    let a = &cx.budget.assets;
    let mut written: Vec<(String, &String)> = a
        .vehicles
        .categories
        .keys()
        .map(|k| (format!("国有资产.车辆.分类.{k}"), k))
        .collect();
    if let Some(plan) = &a.planned {
        written.extend(
            plan.vehicles
                .keys()
                .map(|k| (format!("国有资产.购置计划.车辆.{k}"), k)),
        );
    }
    for (path, name) in written {
        if known.contains(name) {
            continue;
        }
        let d = f.add(
            path,
            format!("车辆分类“{name}”不是本版式的分类（{}）", known.join("、")),
        );
        if let Some(near) = crate::suggest::closest(name, known.iter().map(String::as_str)) {
            d.hint(format!("是否指“{near}”？"));
        }
    }
}

/// More of anything than a unit could own: a typo, and a figure that would
/// mislead every total it enters.
pub const MAX_COUNT: u32 = 100_000;

pub fn count_range(cx: &Context, f: &mut Findings) {
    let a = &cx.budget.assets;
    let v = &a.vehicles;
    let mut counts = vec![
        ("国有资产.车辆.实有数".to_string(), v.actual),
        (
            "国有资产.100万元以上通用设备".to_string(),
            a.equipment_over_100,
        ),
    ];
    if let Some(n) = v.quota {
        counts.push(("国有资产.车辆.编制数".to_string(), n.0));
    }
    if let Some(n) = a.equipment_over_50 {
        counts.push(("国有资产.50万元以上通用设备".to_string(), n.0));
    }
    counts.extend(
        v.categories
            .iter()
            .map(|(name, n)| (format!("国有资产.车辆.分类.{name}"), n.0)),
    );
    if let Some(plan) = &a.planned {
        counts.extend(
            plan.vehicles
                .iter()
                .map(|(name, n)| (format!("国有资产.购置计划.车辆.{name}"), n.0)),
        );
        counts.push((
            "国有资产.购置计划.100万元以上设备".to_string(),
            plan.equipment_over_100,
        ));
    }
    for (path, n) in counts {
        if n > MAX_COUNT {
            f.add(
                path,
                format!("数量 {n} 超出合理范围（不应超过 {MAX_COUNT}）：请核对是否多写了数字"),
            );
        }
    }
}

pub fn vehicles_over_quota(cx: &Context, f: &mut Findings) {
    let v = &cx.budget.assets.vehicles;
    match v.quota {
        Some(quota) if v.actual > quota.0 => {
            f.add(
                "国有资产.车辆.实有数",
                format!("公务用车实有 {} 辆，超过编制 {} 辆", v.actual, quota.0),
            );
        }
        _ => {}
    }
}

pub fn equipment_counts(cx: &Context, f: &mut Findings) {
    let a = &cx.budget.assets;
    match a.equipment_over_50 {
        Some(over_50) if a.equipment_over_100 > over_50.0 => {
            f.add(
                "国有资产.100万元以上通用设备",
                format!(
                    "100 万元以上设备 {} 台（套）多于 50 万元以上设备 {} 台（套）：前者包含在后者之中",
                    a.equipment_over_100, over_50.0
                ),
            );
        }
        _ => {}
    }
}

/// The day assets are counted to is the format's (`check.assets_as_of`),
/// in the year before the budget's; a 决算 counts them in its own year.
pub fn assets_date(cx: &Context, f: &mut Findings) {
    let d = cx.budget.assets.as_of;
    let year = match cx.profile.kind {
        DocumentKind::Budget => cx.budget.year - 1,
        DocumentKind::FinalAccounts => cx.budget.year,
    };
    let (month, day) = cx.profile.assets_as_of;
    if (d.year, d.month, d.day) != (year, month, day) {
        f.add(
            "国有资产.截至日期",
            format!(
                "国有资产统计截至 {}，本版式的 {} 年预算公开截至 {year}-{month:02}-{day:02}",
                d, cx.budget.year
            ),
        );
    }
}

/// A budget is published in its year; a 决算 in the year after, once the
/// accounts are closed.
pub fn signature_date(cx: &Context, f: &mut Findings) {
    let d = cx.budget.signature.date;
    if cx.profile.kind == DocumentKind::FinalAccounts {
        if d.year != cx.budget.year + 1 {
            f.add(
                "落款.日期",
                format!(
                    "落款日期 {} 不在 {} 年内：{} 年度的决算在下一年公开",
                    d,
                    cx.budget.year + 1,
                    cx.budget.year
                ),
            );
        }
        return;
    }
    if d.year != cx.budget.year {
        f.add(
            "落款.日期",
            format!(
                "落款日期 {} 不在 {} 年内：预算公开在预算年度内发布",
                d, cx.budget.year
            ),
        );
    }
}
