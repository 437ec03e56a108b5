//! "Did you mean" for misspelt field names, enum values and project names.

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

#[cfg(test)]
mod tests {
    use super::closest;

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
