//! The one place where exact 元 become displayed 万元 and percentages.
//!
//! Rounding is 四舍五入 (half away from zero), never banker's rounding, and it
//! happens only here, when a figure is shown.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer};

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

/// How a layout shows an amount: the data of a layout set's `number_formats`
/// (e.g. 元 whole with separators, 万元 with two decimals, zero left blank).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberFormat {
    pub unit: Scale,
    #[serde(default, deserialize_with = "decimals")]
    pub decimals: u32,
    /// Thousands separators: `80,983,509`.
    #[serde(default)]
    pub grouped: bool,
    #[serde(default)]
    pub zero: Zero,
}

impl NumberFormat {
    /// 万元 with two decimals, zero blank: the tables' style where a layout
    /// names no other (`wan` cells, the checker's default).
    pub const WAN: NumberFormat = NumberFormat {
        unit: Scale::Wan,
        decimals: 2,
        grouped: false,
        zero: Zero::Blank,
    };
}

/// The unit a figure is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Scale {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "万元")]
    Wan,
}

impl Scale {
    /// The unit as a text says it.
    pub fn label(self) -> &'static str {
        match self {
            Scale::Yuan => "元",
            Scale::Wan => "万元",
        }
    }
}

/// The value a format shows an amount as, at the format's decimals (zero
/// when it shows it blank or as a zero of its own).
pub fn shown_value(yuan: Decimal, format: &NumberFormat) -> Decimal {
    let mut v = show(yuan, format).map_or(Decimal::ZERO, |s| s.value);
    v.rescale(format.decimals);
    v
}

/// How an amount that rounds to zero is shown: left blank, or as a zero of
/// its own number of decimals (`0` in a column of `0.00`s, as some tables print it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zero {
    #[default]
    Blank,
    Shown {
        decimals: u32,
    },
}

/// The most decimals a format may ask for: amounts are entered to the 分
/// (and 万元 to six places).
const MAX_DECIMALS: u32 = 6;

fn decimals<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = u32::deserialize(d)?;
    if n > MAX_DECIMALS {
        return Err(serde::de::Error::custom(format!(
            "小数位数最多 {MAX_DECIMALS} 位"
        )));
    }
    Ok(n)
}

impl<'de> Deserialize<'de> for Zero {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "blank" || s == "空白" {
            return Ok(Zero::Blank);
        }
        let decimals = match s.split_once('.') {
            None if s == "0" => Some(0),
            Some(("0", f)) if !f.is_empty() && f.chars().all(|c| c == '0') => {
                u32::try_from(f.len()).ok().filter(|n| *n <= MAX_DECIMALS)
            }
            _ => None,
        };
        decimals
            .map(|decimals| Zero::Shown { decimals })
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "zero 应为 blank（空白）、\"0\" 或 \"0.00\" 这样的零，得到“{s}”"
                ))
            })
    }
}

/// A figure as a format shows it: the rounded value, its text, and the
/// decimals and grouping a spreadsheet's number format must repeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub value: Decimal,
    pub text: String,
    pub decimals: u32,
    pub grouped: bool,
}

/// An amount in 元 as `format` shows it; `None` when it is shown blank.
pub fn show(yuan: Decimal, format: &NumberFormat) -> Option<Shown> {
    let scaled = match format.unit {
        Scale::Yuan => yuan,
        Scale::Wan => yuan / TEN_THOUSAND,
    };
    let mut value = half_up(scaled, format.decimals);
    let mut decimals = format.decimals;
    if value.is_zero() {
        match format.zero {
            Zero::Blank => return None,
            Zero::Shown { decimals: z } => decimals = z,
        }
        value = Decimal::ZERO;
    }
    value.rescale(decimals);
    let plain = value.to_string();
    Some(Shown {
        text: if format.grouped {
            group_thousands(&plain)
        } else {
            plain
        },
        value,
        decimals,
        grouped: format.grouped,
    })
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

    fn format(yaml: &str) -> NumberFormat {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn formats_show_units_decimals_separators_and_zeros() {
        let yuan = format("{ unit: 元, grouped: true }");
        let shown = show(d("80983509.4"), &yuan).unwrap();
        assert_eq!((shown.text.as_str(), shown.decimals), ("80,983,509", 0));
        assert_eq!(show(d("0.4"), &yuan), None);
        let wan = format("{ unit: 万元, decimals: 2, zero: \"0\" }");
        assert_eq!(show(d("114900"), &wan).unwrap().text, "11.49");
        // 四舍五入, not banker's: 0.125 万元 is 1250 元.
        assert_eq!(show(d("1250"), &wan).unwrap().text, "0.13");
        let zero = show(d("-10"), &wan).unwrap();
        assert_eq!((zero.text.as_str(), zero.decimals), ("0", 0));
        let full = format("{ unit: 万元, decimals: 2, zero: \"0.00\", grouped: true }");
        assert_eq!(show(Decimal::ZERO, &full).unwrap().text, "0.00");
        assert_eq!(show(d("-12345678"), &full).unwrap().text, "-1,234.57");
    }

    #[test]
    fn formats_refuse_what_they_cannot_show() {
        for bad in [
            "{ unit: 千元 }",
            "{ unit: 元, decimals: 9 }",
            "{ unit: 元, zero: \"-\" }",
            "{ unit: 元, zero: \"0.\" }",
            "{ unit: 元, colour: red }",
        ] {
            assert!(serde_yaml::from_str::<NumberFormat>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(d("1102775"), d("12113200")), Some(d("9.10")));
        assert_eq!(percent_text(d("1"), d("3")).unwrap(), "33.33%");
        assert_eq!(percent(d("1"), Decimal::ZERO), None);
    }
}
