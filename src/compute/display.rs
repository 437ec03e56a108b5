//! The one place where exact 元 become displayed 万元 and percentages.
//!
//! Rounding is 四舍五入 (half away from zero), never banker's rounding, and it
//! happens only here, when a figure is shown.

use rust_decimal::{Decimal, RoundingStrategy};

const TEN_THOUSAND: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
const HUNDRED: Decimal = Decimal::from_parts(100, 0, 0, false, 0);

fn half_up(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// 元 → 万元, rounded to two decimals.
pub fn wan(yuan: Decimal) -> Decimal {
    let mut r = half_up(yuan / TEN_THOUSAND, 2);
    r.rescale(2);
    // -0.00 reads as 0.00.
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r
}

/// `1101.04` — the tables' style.
pub fn wan_plain(yuan: Decimal) -> String {
    wan(yuan).to_string()
}

/// `1,101.04` — the prose style.
pub fn wan_grouped(yuan: Decimal) -> String {
    group_thousands(&wan(yuan).to_string())
}

/// `2,563,000` — whole 元 as the 绩效目标表 prints them.
pub fn yuan_grouped(yuan: Decimal) -> String {
    let mut y = half_up(yuan, 2).normalize();
    if y.is_zero() {
        y.set_sign_positive(true);
    }
    group_thousands(&y.to_string())
}

fn group_thousands(s: &str) -> String {
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// part / whole as a percentage rounded to two decimals; None when whole is 0.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    let mut p = half_up(part * HUNDRED / whole, 2);
    p.rescale(2);
    if p.is_zero() {
        p.set_sign_positive(true);
    }
    Some(p)
}

/// `9.10%`; a ratio already exact (e.g. a rate of change) in the same style.
pub fn percent_text(part: Decimal, whole: Decimal) -> Option<String> {
    percent(part, whole).map(|p| format!("{p}%"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounds_half_up_not_to_even() {
        // 1.125 万元 is 11250 元: banker's rounding would give 1.12.
        assert_eq!(wan_plain(d("11250")), "1.13");
        assert_eq!(wan_plain(d("11350")), "1.14");
        assert_eq!(wan_plain(d("-11250")), "-1.13");
        assert_eq!(wan_plain(d("-0.4")), "0.00");
    }

    #[test]
    fn groups_prose_figures() {
        assert_eq!(wan_grouped(d("11010425")), "1,101.04");
        assert_eq!(wan_grouped(d("1600")), "0.16");
        assert_eq!(yuan_grouped(d("2563000")), "2,563,000");
        assert_eq!(yuan_grouped(d("-1234567.5")), "-1,234,567.5");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(d("1102775"), d("12113200")), Some(d("9.10")));
        assert_eq!(percent_text(d("1"), d("3")).unwrap(), "33.33%");
        assert_eq!(percent(d("1"), Decimal::ZERO), None);
    }
}
