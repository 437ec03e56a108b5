//! Whole numbers (counts, the year, the format version) exactly as the
//! README allows: decimal digits and nothing else. YAML would also read
//! `0x10`, `+1` and `0o7` as numbers; an officer who typed them meant
//! something else.

use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

/// `deserialize_with` for an integer field.
pub fn plain<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr + TryFrom<u64>,
{
    struct Plain<T>(PhantomData<T>);
    impl<T: FromStr + TryFrom<u64>> Visitor<'_> for Plain<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("非负整数（阿拉伯数字）")
        }
        // serde_yaml hands over the scalar's text, so the form is seen.
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            let t = v.trim();
            let quoted = crate::diagnostic::excerpt(t);
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(E::custom(format!(
                    "“{quoted}”不是有效的整数：只写阿拉伯数字，如 3"
                )));
            }
            t.parse()
                .map_err(|_| E::custom(format!("整数“{quoted}”超出合理范围")))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            T::try_from(v).map_err(|_| E::custom(format!("整数“{v}”超出合理范围")))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            u64::try_from(v)
                .map_err(|_| E::custom(format!("“{v}”不是有效的整数：不能为负")))
                .and_then(|u| self.visit_u64(u))
        }
    }
    d.deserialize_str(Plain(PhantomData))
}

/// The budget years gongkai takes: a year outside is a typo (20244, 224),
/// and the year after the last still has four digits.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// `deserialize_with` for a budget year: digits only, within `YEARS`.
pub fn year<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let y: i32 = plain(d)?;
    if !YEARS.contains(&y) {
        return Err(de::Error::custom(format!(
            "年度“{y}”不在 {}–{} 之间：请写四位的公历年份，如 2024",
            YEARS.start(),
            YEARS.end()
        )));
    }
    Ok(y)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct N {
        #[serde(deserialize_with = "super::plain")]
        n: u32,
    }

    fn read(text: &str) -> Result<u32, serde_yaml::Error> {
        serde_yaml::from_str::<N>(&format!("n: {text}")).map(|n| n.n)
    }

    #[test]
    fn only_decimal_digits() {
        assert_eq!(read("12").ok(), Some(12));
        assert_eq!(read("\"7\"").ok(), Some(7));
        for bad in ["0x10", "+1", "0o7", "1_000", "1.0", "-1", "1e1", "abc"] {
            assert!(read(bad).is_err(), "{bad}");
        }
        let too_large = read("4294967296").map_err(|e| e.to_string());
        assert!(too_large.is_err_and(|e| e.contains("超出合理范围")));
    }
}
