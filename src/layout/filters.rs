//! Template filters and tests: how figures, shares and ordinals are written.
//! Rounding itself lives in `compute::display`.

use super::spec::number_format;
use super::values::Num;
use crate::compute::display::{self, NumberFormat};
use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub fn register(env: &mut Environment<'_>) {
    env.add_filter("wan", wan);
    env.add_filter("wan_plain", wan_plain);
    env.add_filter("yuan", yuan);
    env.add_filter("share", share);
    env.add_filter("pct", pct);
    env.add_filter("cn", cn);
    env.add_filter("paragraphs", paragraphs);
    env.add_function("yoy", yoy);
    env.add_test("zero", |v: &Value| amount(v).is_ok_and(|d| d.is_zero()));
    env.add_test("positive", |v: &Value| {
        amount(v).is_ok_and(|d| d > Decimal::ZERO)
    });
}

/// `amount | money("万元")`: an amount in a number format of the set, as
/// prose writes it; a format that leaves zero blank gives an empty text.
/// The file's way of writing figures (`display`, which the context holds)
/// replaces formats by name.
pub fn register_formats(
    env: &mut Environment<'_>,
    formats: &BTreeMap<String, NumberFormat>,
    variants: &BTreeMap<String, BTreeMap<String, NumberFormat>>,
) {
    let formats = formats.clone();
    let variants = variants.clone();
    env.add_filter(
        "money",
        move |state: &minijinja::State, v: &Value, name: &str| -> Result<String, Error> {
            let variant = state.lookup("display");
            let variant = variant.as_ref().and_then(|v| v.as_str());
            let format = number_format(&formats, &variants, name, variant).ok_or_else(|| {
                bad(format!(
                    "数字格式“{name}”没有定义（在 layout.yaml 的 number_formats 中定义）"
                ))
            })?;
            Ok(display::show(amount(v)?, format)
                .map(|s| s.text)
                .unwrap_or_default())
        },
    );
}

/// `text | paragraphs`: a text a budget wrote over several lines (numbered
/// points of a 立项依据, the steps of a 实施方案) as its lines, each a
/// paragraph of its own when a block repeats over them; blank lines go.
fn paragraphs(v: &Value) -> Vec<String> {
    if v.is_none() || v.is_undefined() {
        return Vec::new();
    }
    v.to_string()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// `yoy(this, last)`: the change between two amounts (none counts as 0),
/// with the attributes of every stated change (`direction`, `rate` …).
fn yoy(this: &Value, last: &Value) -> Result<Value, Error> {
    let c = crate::compute::Change::new(amount(this)?, amount(last)?);
    Ok(super::values::ChangeValue::value(c, None))
}

fn bad(msg: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, msg)
}

/// The 元 amount behind a value (a figure, or none = 0).
fn amount(v: &Value) -> Result<Decimal, Error> {
    match Num::of(v) {
        Some(Num::Yuan(d)) => Ok(d),
        Some(Num::Ratio(_)) => Err(bad("这是一个比率，不是金额：请用 pct".into())),
        None if v.is_undefined() => Err(Error::new(
            ErrorKind::UndefinedError,
            "过滤器收到的值没有定义（名称或字段写错了？）",
        )),
        None if v.is_none() => Ok(Decimal::ZERO),
        None => Err(bad(format!("“{v}”不是金额"))),
    }
}

/// Prose style: `1,101.04`; a zero amount reads `0`, as the official texts write it.
fn wan(v: &Value) -> Result<String, Error> {
    let d = amount(v)?;
    Ok(if display::wan(d).is_zero() {
        "0".into()
    } else {
        display::wan_grouped(d)
    })
}

/// Table style: `1101.04`.
fn wan_plain(v: &Value) -> Result<String, Error> {
    Ok(display::wan_plain(amount(v)?))
}

/// Whole 元 with separators: `2,563,000`.
fn yuan(v: &Value) -> Result<String, Error> {
    Ok(display::yuan_grouped(amount(v)?))
}

/// `part | share(whole)`: `93.71%`; `0%` when the part (or the whole) is zero.
fn share(part: &Value, whole: &Value) -> Result<String, Error> {
    let (p, w) = (amount(part)?, amount(whole)?);
    if p.is_zero() {
        return Ok("0%".into());
    }
    display::percent_text(p, w).ok_or_else(|| bad("占比的分母为 0".into()))
}

/// A rate of change as a percentage: `9.10%`.
fn pct(v: &Value) -> Result<String, Error> {
    match Num::of(v) {
        Some(Num::Ratio(r)) => Ok(display::percent_text(r, Decimal::ONE).unwrap_or_default()),
        _ => Err(bad(format!("“{v}”不是比率"))),
    }
}

/// Chinese numerals for ordinals: 1 → 一, 10 → 十, 12 → 十二, 30 → 三十.
fn cn(v: &Value) -> Result<String, Error> {
    let n = i64::try_from(v.clone()).map_err(|_| bad(format!("“{v}”不是整数")))?;
    chinese_number(n).ok_or_else(|| bad(format!("{n} 超出了中文序号的范围（1–99）")))
}

fn chinese_number(n: i64) -> Option<String> {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if !(0..100).contains(&n) {
        return None;
    }
    let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
    Some(match (tens, ones) {
        (0, o) => DIGITS[o].to_string(),
        (1, 0) => "十".into(),
        (1, o) => format!("十{}", DIGITS[o]),
        (t, 0) => format!("{}十", DIGITS[t]),
        (t, o) => format!("{}十{}", DIGITS[t], DIGITS[o]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_ordinals() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 30]
            .iter()
            .map(|&n| chinese_number(n).unwrap())
            .collect();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十一", "三十"]);
        assert_eq!(chinese_number(100), None);
    }

    #[test]
    fn prose_figures() {
        let v = |d: i64| Num::yuan(Decimal::from(d));
        assert_eq!(wan(&v(11010425)).unwrap(), "1,101.04");
        assert_eq!(wan(&v(0)).unwrap(), "0");
        assert_eq!(wan(&v(16000)).unwrap(), "1.60");
        assert_eq!(share(&v(10317500), &v(11010425)).unwrap(), "93.71%");
        assert_eq!(share(&v(0), &v(11010425)).unwrap(), "0%");
        assert!(wan(&Value::from("x")).is_err());
    }
}
