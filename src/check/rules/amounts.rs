//! Amounts as written: sign and precision.

use crate::check::walk;
use crate::check::{Context, Findings};
use crate::model::UnitOfAccount;

pub fn negative(cx: &Context, f: &mut Findings) {
    for (path, a) in walk::amounts(cx.budget) {
        if a.value().is_sign_negative() && !a.value().is_zero() {
            f.add(path, format!("金额 {a} 为负数：预算金额不能为负"));
        }
    }
}

pub fn negative_zero(cx: &Context, f: &mut Findings) {
    for (path, a) in walk::amounts(cx.budget) {
        if a.value().is_zero() && a.value().is_sign_negative() {
            f.add(path, "金额写作 -0：请写 0")
                .hint("负号可能是误输入，请核对原始数据");
        }
    }
}

pub fn precision(cx: &Context, f: &mut Findings) {
    let (max, unit) = match cx.budget.unit_of_account {
        UnitOfAccount::Yuan => (2, "元"),
        UnitOfAccount::TenThousandYuan => (6, "万元"),
    };
    for (path, a) in walk::amounts(cx.budget) {
        let scale = a.value().normalize().scale();
        if scale > max {
            f.add(
                path,
                format!("金额 {a} {unit} 有 {scale} 位小数，{unit}金额最多 {max} 位小数（到分）"),
            );
        }
    }
}
