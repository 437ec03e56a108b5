//! Sheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook.

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
            let name: String = base
                .chars()
                .take(keep)
                .collect::<String>()
                .trim_end()
                .to_string()
                + &suffix;
            // Excel compares sheet names without regard to case.
            if self.used.insert(name.to_lowercase()) {
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
    }
}
