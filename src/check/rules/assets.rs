//! 国有资产 counts and dates.

use crate::check::{Context, Findings};

pub fn vehicles_total(cx: &Context, f: &mut Findings) {
    let v = &cx.budget.assets.vehicles;
    // In u64: seven u32 counts cannot overflow it, so 4294967295 + 1 is
    // not 0 here.
    let sum: u64 = v
        .categories
        .entries()
        .iter()
        .map(|(_, n)| u64::from(*n))
        .sum();
    if sum != u64::from(v.actual) {
        let parts: Vec<String> = v
            .categories
            .entries()
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(name, n)| format!("{name}{n}辆"))
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

/// More of anything than a unit could own: a typo, and a figure that would
/// mislead every total it enters.
pub const MAX_COUNT: u32 = 100_000;

pub fn count_range(cx: &Context, f: &mut Findings) {
    let a = &cx.budget.assets;
    let v = &a.vehicles;
    let mut counts = vec![
        ("国有资产.车辆.编制数".to_string(), v.quota),
        ("国有资产.车辆.实有数".to_string(), v.actual),
        (
            "国有资产.50万元以上通用设备".to_string(),
            a.equipment_over_50,
        ),
        (
            "国有资产.100万元以上通用设备".to_string(),
            a.equipment_over_100,
        ),
    ];
    counts.extend(
        v.categories
            .entries()
            .iter()
            .map(|(name, n)| (format!("国有资产.车辆.分类.{name}"), *n)),
    );
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
    if v.actual > v.quota {
        f.add(
            "国有资产.车辆.实有数",
            format!("公务用车实有 {} 辆，超过编制 {} 辆", v.actual, v.quota),
        );
    }
}

pub fn equipment_counts(cx: &Context, f: &mut Findings) {
    let a = &cx.budget.assets;
    if a.equipment_over_100 > a.equipment_over_50 {
        f.add(
            "国有资产.100万元以上通用设备",
            format!(
                "100 万元以上设备 {} 台（套）多于 50 万元以上设备 {} 台（套）：前者包含在后者之中",
                a.equipment_over_100, a.equipment_over_50
            ),
        );
    }
}

/// The day assets are counted to is the format's (`check.assets_as_of`),
/// in the year before the budget's.
pub fn assets_date(cx: &Context, f: &mut Findings) {
    let d = cx.budget.assets.as_of;
    let year = cx.budget.year - 1;
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

pub fn signature_date(cx: &Context, f: &mut Findings) {
    let d = cx.budget.signature.date;
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
