//! 国有资产 counts and dates.

use crate::check::{Context, Findings};

pub fn vehicles_total(cx: &Context, f: &mut Findings) {
    let v = &cx.budget.assets.vehicles;
    let sum: u32 = v.categories.entries().iter().map(|(_, n)| n).sum();
    if sum != v.actual {
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

pub fn assets_date(cx: &Context, f: &mut Findings) {
    let d = cx.budget.assets.as_of;
    let expected = cx.budget.year - 1;
    if (d.year, d.month, d.day) != (expected, 12, 31) {
        f.add(
            "国有资产.截至日期",
            format!(
                "国有资产统计截至 {}，{} 年预算公开通常截至 {expected}-12-31",
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
