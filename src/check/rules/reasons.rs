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

/// Which way a reason says its figure went: up, down or flat, when it says
/// only one of them of money (经费减少, 支出增加); a rise in one part and a
/// fall in another says nothing of the whole, and 人员减少 speaks of people,
/// not of the figure.
fn claimed(reason: &str) -> Option<crate::compute::Direction> {
    use crate::compute::Direction;
    const UP: [&str; 5] = ["增加", "增长", "上升", "提高", "新增"];
    const DOWN: [&str; 5] = ["减少", "下降", "降低", "压减", "缩减"];
    // 费 ends every kind of fee (接待费, 维护费, 经费).
    const MONEY: [&str; 8] = ["费", "支出", "预算", "资金", "拨款", "收入", "费用", "金额"];
    let of_money = |words: &[&str]| {
        words.iter().any(|w| {
            reason.match_indices(w).any(|(at, _)| {
                let before: String = reason[..at]
                    .chars()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                MONEY.iter().any(|m| before.ends_with(m))
            })
        })
    };
    let up = of_money(&UP);
    let down = of_money(&DOWN);
    let flat = reason.contains("持平");
    match (up, down, flat) {
        (true, false, false) => Some(Direction::Up),
        (false, true, false) => Some(Direction::Down),
        (false, false, true) => Some(Direction::Flat),
        _ => None,
    }
}

fn direction_word(d: crate::compute::Direction) -> &'static str {
    match d {
        crate::compute::Direction::Up => "增加",
        crate::compute::Direction::Down => "减少",
        crate::compute::Direction::Flat => "持平",
    }
}

/// A reason whose one direction word contradicts the computed change: it
/// says 增加 where the figure fell, 持平 where it moved.
pub fn direction_contradiction(cx: &Context, f: &mut Findings) {
    let ly = &cx.budget.last_year;
    let mut pairs = vec![
        (
            "上年.收支变动原因",
            "收支总计",
            ly.total_reason.as_ref(),
            cx.ledger.total_change,
            last_year_known(cx, |b| b.last_year.total.is_some()),
        ),
        (
            "上年.一般公共预算变动原因",
            "一般公共预算当年支出",
            ly.general_public_reason.as_ref(),
            cx.ledger.general_public_change,
            last_year_known(cx, |b| b.last_year.general_public.is_some()),
        ),
        (
            "三公经费.变动原因",
            "“三公”经费合计",
            cx.budget.three_public.reason.as_ref(),
            cx.ledger.three_public.total(),
            last_year_known(cx, |b| b.three_public.last.is_some()),
        ),
    ];
    if let (Some(c), Some(rc)) = (&cx.ledger.running_costs, &cx.budget.running_costs) {
        pairs.push((
            "机关运行经费.变动原因",
            "机关运行经费",
            rc.reason.as_ref(),
            *c,
            last_year_known(cx, |b| {
                b.running_costs.as_ref().is_none_or(|r| r.last.is_some())
            }),
        ));
    }
    for (path, what, reason, change, known) in pairs {
        let (Some(reason), true) = (reason, known) else {
            continue;
        };
        let Some(said) = claimed(reason) else {
            continue;
        };
        let actual = change.direction();
        if said != actual {
            f.add(
                path,
                format!(
                    "变动原因说“{}”，而{what}比上年{}（{}）",
                    direction_word(said),
                    direction_word(actual),
                    describe(&change)
                ),
            )
            .hint("按实际的增减改写变动原因");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::claimed;
    use crate::compute::Direction;

    #[test]
    fn a_reason_claims_a_direction_only_of_money() {
        assert_eq!(
            claimed("我单位本年度项目经费减少导致的"),
            Some(Direction::Down)
        );
        assert_eq!(claimed("基本支出增加"), Some(Direction::Up));
        assert_eq!(claimed("人员减少"), None);
        assert_eq!(claimed("基本支出增加，项目支出减少"), None);
        assert_eq!(claimed("与上年持平"), Some(Direction::Flat));
        assert_eq!(claimed("公务接待费增加；车辆保险和维修费用下降"), None);
    }
}
