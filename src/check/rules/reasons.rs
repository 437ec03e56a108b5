//! Every 增加/减少 in the narrative needs its reason.

use super::years::last_year_known;
use crate::check::{Context, Findings};
use crate::compute::Change;
use crate::compute::display::wan_grouped;

fn missing(reason: Option<&String>) -> bool {
    reason.is_none_or(|r| r.trim().is_empty())
}

fn describe(c: &Change) -> String {
    format!(
        "本年 {} 万元，上年 {} 万元，{} {} 万元",
        wan_grouped(c.this),
        wan_grouped(c.last),
        if c.diff().is_sign_negative() {
            "减少"
        } else {
            "增加"
        },
        wan_grouped(c.diff().abs())
    )
}

pub fn total_change(cx: &Context, f: &mut Findings) {
    if !last_year_known(cx, |b| b.last_year.total.is_some()) {
        return;
    }
    let c = &cx.ledger.total_change;
    if !c.diff().is_zero() && missing(cx.budget.last_year.total_reason.as_ref()) {
        f.add(
            "上年",
            format!(
                "收支总计比上年有增减（{}），但没有填写“收支变动原因”",
                describe(c)
            ),
        )
        .hint("在“上年”下填写 收支变动原因，如：主要原因是本年度项目经费减少");
    }
}

pub fn general_public_change(cx: &Context, f: &mut Findings) {
    if !last_year_known(cx, |b| b.last_year.general_public.is_some()) {
        return;
    }
    let c = &cx.ledger.general_public_change;
    let ly = &cx.budget.last_year;
    // The narrative falls back to the overall reason when the two changes are the same.
    // (A missing 上年收支总计 is its own error and no evidence either way.)
    let t = &cx.ledger.total_change;
    let total_unknown = cx.link.prior().is_none() && cx.budget.last_year.total.is_none();
    let same_as_total = c.this == t.this && (c.last == t.last || total_unknown);
    let reason = ly.general_public_reason.as_ref().or(if same_as_total {
        ly.total_reason.as_ref()
    } else {
        None
    });
    if !c.diff().is_zero() && missing(reason) {
        f.add(
            "上年.一般公共预算当年支出",
            format!(
                "一般公共预算当年支出比上年有增减（{}），但没有填写“一般公共预算变动原因”",
                describe(c)
            ),
        );
    }
}

pub fn three_public_change(cx: &Context, f: &mut Findings) {
    if !last_year_known(cx, |b| b.three_public.last.is_some()) {
        return;
    }
    let t = &cx.ledger.three_public;
    let parts = [
        (t.current.overseas, t.last.overseas),
        (t.current.reception, t.last.reception),
        (t.current.car_purchase, t.last.car_purchase),
        (t.current.car_running, t.last.car_running),
    ];
    let changed = parts.iter().any(|(a, b)| a != b);
    if changed && missing(cx.budget.three_public.reason.as_ref()) {
        f.add(
            "三公经费",
            format!(
                "“三公”经费比上年有变化（合计{}），但没有填写“变动原因”",
                describe(&t.total())
            ),
        );
    }
}

pub fn running_costs_change(cx: &Context, f: &mut Findings) {
    if !last_year_known(cx, |b| {
        b.running_costs.as_ref().is_none_or(|r| r.last.is_some())
    }) {
        return;
    }
    if let (Some(c), Some(rc)) = (&cx.ledger.running_costs, &cx.budget.running_costs)
        && !c.diff().is_zero()
        && missing(rc.reason.as_ref())
    {
        f.add(
            "机关运行经费",
            format!(
                "机关运行经费比上年有增减（{}），但没有填写“变动原因”",
                describe(c)
            ),
        );
    }
}
