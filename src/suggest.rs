//! "Did you mean" for misspelt field names, enum values and project names.

use std::collections::{HashMap, HashSet};

/// The candidate closest to `input`, if it is close enough to be a likely typo.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let len = input.chars().count().max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(input, c), c))
        .filter(|(d, c)| {
            let longest = len.max(c.chars().count());
            // At most about a third of the characters differ.
            *d > 0 && *d * 3 <= longest + 1
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Names to suggest from, indexed by character pairs, so that finding the
/// closest of n names costs about the same for 10 names as for 10,000: only
/// the few names sharing the most pairs with the query are compared in full.
pub struct NameIndex<'a> {
    names: Vec<&'a str>,
    pairs: HashMap<(char, char), Vec<usize>>,
}

/// Pairs shared by more names than this say little; skipping them keeps a
/// query's cost bounded however many names share them.
const COMMON_PAIR: usize = 256;
/// How many names are compared in full per query.
const SHORTLIST: usize = 8;

impl<'a> NameIndex<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> NameIndex<'a> {
        let names: Vec<&str> = names.into_iter().collect();
        let mut pairs: HashMap<(char, char), Vec<usize>> = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            let mut seen = HashSet::new();
            for p in char_pairs(name) {
                if seen.insert(p) {
                    pairs.entry(p).or_default().push(i);
                }
            }
        }
        NameIndex { names, pairs }
    }

    /// Indices of the names sharing the most character pairs with `input`,
    /// best first (at most `SHORTLIST`).
    pub fn shortlist(&self, input: &str) -> Vec<usize> {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        let mut seen = HashSet::new();
        for p in char_pairs(input) {
            if !seen.insert(p) {
                continue;
            }
            match self.pairs.get(&p) {
                Some(ids) if ids.len() <= COMMON_PAIR => {
                    for &i in ids {
                        *shared.entry(i).or_default() += 1;
                    }
                }
                _ => {}
            }
        }
        let mut ranked: Vec<(usize, usize)> = shared.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(SHORTLIST).map(|(i, _)| i).collect()
    }

    /// Like [`closest`], over the shortlist.
    pub fn closest(&self, input: &str) -> Option<&'a str> {
        closest(
            input,
            self.shortlist(input).into_iter().map(|i| self.names[i]),
        )
    }
}

/// Adjacent character pairs; a one-character name is its own pair.
fn char_pairs(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => Vec::new(),
        [c] => vec![(*c, *c)],
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::{NameIndex, closest};

    #[test]
    fn the_index_finds_what_a_full_search_finds() {
        let mut names: Vec<String> = (0..5000).map(|i| format!("项目{i}号")).collect();
        names.push("Z财政业务及软件维护费".into());
        let index = NameIndex::new(names.iter().map(String::as_str));
        assert_eq!(
            index.closest("Z财政业务软件服务费"),
            Some("Z财政业务及软件维护费")
        );
        assert_eq!(index.closest("完全不同的名称啊"), None);
    }

    #[test]
    fn suggests_near_chinese_names() {
        let names = ["Z财政业务及软件维护费", "Z网络运行维护费"];
        assert_eq!(
            closest("Z财政业务软件服务费", names),
            Some("Z财政业务及软件维护费")
        );
        assert_eq!(closest("完全不同的名称啊", names), None);
        assert_eq!(closest("金额x", ["金额", "名称"]), Some("金额"));
    }
}
