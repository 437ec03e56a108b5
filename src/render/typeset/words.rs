//! Where a table cell's text may wrap: between words. Chinese allows a
//! break between any two characters, which body text uses; a narrow cell
//! broken that way reads badly (“经济效/益指标”, “当年预/算安排”), so cells
//! keep each word of 2–4 characters whole unless it is wider than the cell.

use super::lexicon;

/// Words longer than this (a dictionary's long names) wrap as text does:
/// kept whole they would force wide columns.
const LONGEST_WORD: usize = 4;
/// A bracketed note this short (a unit: （%）, （元）) is not wrapped away
/// from its word.
const SHORT_NOTE: usize = 3;

fn is_han(c: char) -> bool {
    // Extension A too: a rare character in a name is still part of a word.
    crate::chars::is_han(c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// For each character of `text`, whether a break before it would cut a
/// word of Chinese characters in two.
pub fn inside_word(text: &str) -> Vec<bool> {
    let chars: Vec<char> = text.chars().collect();
    let mut inside = vec![false; chars.len()];
    if !chars.iter().any(|&c| is_han(c)) {
        return inside;
    }
    // “三、国有资本”: a heading number stays with the word after it (a
    // line holding “三、” alone reads as a stray mark).
    if let Some(after) = numbering(&chars)
        && after < chars.len()
    {
        inside[after] = true;
    }
    // “故障处理率（%）”, “项目资金（元）”: a short note in brackets stays
    // with the word it qualifies.
    for (i, c) in chars.iter().enumerate().skip(1) {
        if matches!(c, '（' | '(')
            && chars[i + 1..]
                .iter()
                .take(SHORT_NOTE + 1)
                .any(|c| matches!(c, '）' | ')'))
        {
            inside[i] = true;
        }
    }
    for word in lexicon::words(text) {
        let (start, end) = (word.start, word.end.min(chars.len()));
        if start + 2 <= end
            && end - start <= LONGEST_WORD
            && chars[start..end].iter().all(|&c| is_han(c))
        {
            for flag in &mut inside[start + 1..end] {
                *flag = true;
            }
        }
    }
    inside
}

/// Where the text's heading number ends (一、 十二、 （三） 1. 2、), if it
/// starts with one.
fn numbering(chars: &[char]) -> Option<usize> {
    const NUMERALS: &str = "一二三四五六七八九十0123456789";
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| NUMERALS.contains(**c))
            .count()
    };
    match chars.first()? {
        '（' | '(' => {
            let n = digits(1);
            (n > 0 && matches!(chars.get(1 + n), Some('）' | ')'))).then_some(n + 2)
        }
        _ => {
            let n = digits(0);
            (n > 0 && matches!(chars.get(n), Some('、' | '.' | '．'))).then_some(n + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> String {
        let inside = inside_word(text);
        text.chars()
            .zip(inside)
            .enumerate()
            .map(|(i, (c, within))| {
                if i > 0 && !within {
                    format!("/{c}")
                } else {
                    c.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn words_of_a_budget_table_stay_whole() {
        assert_eq!(split("经济效益指标"), "经济效益/指标");
        assert_eq!(split("当年预算安排"), "当年/预算/安排");
        assert_eq!(split("上年结转"), "上年/结转");
        // Figures and Latin are left to the general rules.
        assert_eq!(split("2024年"), "2/0/2/4/年");
        assert_eq!(split(""), "");
        // A heading number holds on to its first word.
        assert_eq!(split("三、国有资本经营预算"), "三/、国有资本/经营/预算");
        assert_eq!(split("（一）基本支出"), "（/一/）基本/支出");
        // A unit in brackets holds on to its word; a longer aside does not.
        assert_eq!(split("故障处理率（%）"), "故障/处理率（/%/）");
        assert_eq!(split("资金（不含结转）"), "资金/（/不/含/结转/）");
    }
}
