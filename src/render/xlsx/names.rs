//! Sheet names: at most 31 characters, none of `[]:*?/\`, not starting or
//! ending with an apostrophe (also where the cut to 31 leaves one), not
//! Excel's reserved "History", unique in the workbook.

use std::collections::BTreeSet;

const MAX_CHARS: usize = 31;

#[derive(Default)]
pub struct SheetNames {
    used: BTreeSet<String>,
}

impl SheetNames {
    /// A valid, unused name close to `wanted`.
    pub fn claim(&mut self, wanted: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| match c {
                '[' => '［',
                ']' => '］',
                ':' => '：',
                '*' => '＊',
                '?' => '？',
                '/' => '／',
                '\\' => '＼',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let clean = clean.trim().trim_matches('\'').trim().to_string();
        let base = if clean.is_empty() {
            "表".to_string()
        } else {
            clean
        };
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("({n})")
            };
            let keep = MAX_CHARS - suffix.chars().count();
            let cut: String = base.chars().take(keep).collect();
            let cut = cut.trim_end().trim_end_matches('\'').trim_end();
            let name = if cut.is_empty() { "表" } else { cut }.to_string() + &suffix;
            // Excel compares sheet names without regard to case.
            let reserved = name.eq_ignore_ascii_case("history");
            if !reserved && self.used.insert(name.to_lowercase()) {
                return name;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_and_unique() {
        let mut names = SheetNames::default();
        assert_eq!(names.claim("表一 收支总表"), "表一 收支总表");
        assert_eq!(names.claim("表一 收支总表"), "表一 收支总表(2)");
        assert_eq!(names.claim("a/b:c"), "a／b：c");
        let long = names.claim(&"长".repeat(40));
        assert_eq!(long.chars().count(), 31);
        let again = names.claim(&"长".repeat(40));
        assert_eq!(again.chars().count(), 31);
        assert!(again.ends_with("(2)"));
        assert_eq!(names.claim("  "), "表");
        // Cut at 31 where an apostrophe stands: never ends with one.
        let quoted = names.claim(&format!("{}'{}", "项".repeat(30), "目".repeat(5)));
        assert_eq!(quoted, "项".repeat(30));
        assert_eq!(names.claim("'''"), "表(2)");
        assert_eq!(names.claim("History"), "History(2)");
    }
}
