//! Template leftovers and wrong years in any text of the file.

use crate::check::{Context, Findings};

const PLACEHOLDERS: &[&str] = &[
    "XX",
    "ＸＸ",
    "××",
    "xx年",
    "待填写",
    "待补充",
    "请填写",
    "此处填写",
    "TODO",
    "（空）",
];

pub fn placeholder(cx: &Context, f: &mut Findings) {
    for (path, text) in &cx.texts {
        if let Some(p) = PLACEHOLDERS.iter().find(|p| text.contains(*p)) {
            f.add(path, format!("文字中有模板残留“{p}”：{}", excerpt(text, p)));
        }
    }
}

/// A few characters around the first occurrence of `needle`.
fn excerpt(text: &str, needle: &str) -> String {
    let Some(at) = text.find(needle) else {
        return text.to_string();
    };
    let before: String = text[..at]
        .chars()
        .rev()
        .take(10)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[at + needle.len()..].chars().take(10).collect();
    format!("“…{before}{needle}{after}…”")
}

/// Text with the contents of titles and document numbers (《…》, 〔…〕, […]) removed:
/// a cited document may name any year.
fn outside_citations(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|c| {
            match c {
                '《' | '〔' | '[' | '【' | '（' | '(' => depth += 1,
                '》' | '〕' | ']' | '】' | '）' | ')' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect()
}

/// A year written `2023年` and what follows it: the character before the
/// year, the year, and the text after `年`.
fn years(text: &str) -> Vec<(Option<char>, i32, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len().saturating_sub(4) {
        let before = i.checked_sub(1).map(|b| chars[b]);
        let digits = &chars[i..i + 4];
        if before.is_some_and(|c| c.is_ascii_digit())
            || !digits.iter().all(char::is_ascii_digit)
            || chars[i + 4] != '年'
        {
            continue;
        }
        if let Ok(y) = digits.iter().collect::<String>().parse() {
            let after = chars[i + 5..].iter().take(4).collect();
            out.push((before, y, after));
        }
    }
    out
}

/// Years written as `2023年度` or `2023年预算`, except last year's named
/// in a comparison (比2023年预算、与2023年预算持平), which a budget makes.
fn budget_years(text: &str, year: i32) -> Vec<i32> {
    years(text)
        .into_iter()
        .filter(|(before, y, after)| {
            let compared = *y == year - 1 && before.is_some_and(|c| "比与较同".contains(c));
            (after.starts_with('度') || after.starts_with("预算")) && !compared
        })
        .map(|(_, y, _)| y)
        .collect()
}

/// What a sentence says of a year it plans for: `2025年无公车购置计划` in a
/// 2026 budget states last year's plan as this year's.
const PLAN_WORDS: &[&str] = &["无", "没有", "暂无", "未安排", "不再", "拟", "计划", "将"];

/// Years before the budget's that a sentence plans for.
fn planned_past_years(text: &str, year: i32) -> Vec<(i32, &'static str)> {
    years(text)
        .into_iter()
        .filter(|(_, y, _)| *y < year)
        .filter_map(|(_, y, after)| {
            PLAN_WORDS
                .iter()
                .find(|w| after.starts_with(**w))
                .map(|w| (y, *w))
        })
        .collect()
}

pub fn past_year_plan(cx: &Context, f: &mut Findings) {
    let year = cx.budget.year;
    for (path, text) in &cx.texts {
        if let Some((y, word)) = planned_past_years(&outside_citations(text), year)
            .into_iter()
            .next()
        {
            f.add(
                path,
                format!(
                    "文字说“{y}年{word}…”，而预算年度是 {year} 年：讲本年安排时可能沿用了上年材料{}",
                    excerpt(text, &format!("{y}年{word}"))
                ),
            );
        }
    }
}

/// How far ahead a budget's prose plausibly looks without saying it is a
/// horizon (到2035年, 2035年远景目标): further is a typing slip (2042 for 2024).
const HORIZON_YEARS: i32 = 10;

/// A year no budget text means: five or more digits before 年 (20224年), or
/// a year past the horizon that no horizon word frames.
fn implausible_year(text: &str, year: i32) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != '年' {
            continue;
        }
        let start = chars[..i]
            .iter()
            .rposition(|c| !c.is_ascii_digit())
            .map_or(0, |p| p + 1);
        let digits: String = chars[start..i].iter().collect();
        if digits.len() >= 5 {
            return Some(format!("{digits}年"));
        }
        let Ok(y) = digits.parse::<i32>() else {
            continue;
        };
        let before = start.checked_sub(1).map(|b| chars[b]);
        let after: String = chars[i + 1..].iter().take(2).collect();
        let framed = before.is_some_and(|c| "到至".contains(c))
            || ["远景", "前", "以前", "之前", "左右"]
                .iter()
                .any(|w| after.starts_with(w));
        if digits.len() == 4 && y > year + HORIZON_YEARS && !framed {
            return Some(format!("{digits}年"));
        }
    }
    None
}

pub fn implausible_years(cx: &Context, f: &mut Findings) {
    let year = cx.budget.year;
    for (path, text) in &cx.texts {
        if let Some(found) = implausible_year(&outside_citations(text), year) {
            f.add(
                path,
                format!(
                    "文字中的“{found}”不像是真实的年份（预算年度是 {year} 年）：可能是打错了{}",
                    excerpt(text, &found)
                ),
            )
            .hint(format!(
                "远期目标请写明，如“到{}年”",
                year + HORIZON_YEARS + 1
            ));
        }
    }
}

/// A bracket holding a template's instruction: an ellipsis (`（说明……等）`),
/// an instruction's opening word (`（此处填写…）`, `（请…）`, and the set's
/// own), or a pointer elsewhere (`（包括总目标…具体见表格）`).
fn instruction(text: &str, openers: &[String]) -> Option<String> {
    let mut open: Option<usize> = None;
    for (at, c) in text.char_indices() {
        match c {
            '（' | '(' => open = Some(at),
            '）' | ')' => {
                if let Some(start) = open.take() {
                    let inner = &text[start..at + c.len_utf8()];
                    let body = inner
                        .trim_start_matches(['（', '('])
                        .trim_end_matches(['）', ')'])
                        .trim_start();
                    let ellipsis = inner.contains('…') || inner.contains("...");
                    let opened = openers.iter().any(|o| body.starts_with(o.as_str()));
                    let pointer = body.starts_with("包括") && body.contains('见');
                    if ellipsis || opened || pointer {
                        return Some(inner.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    None
}

pub fn instruction_residue(cx: &Context, f: &mut Findings) {
    for (path, text) in &cx.texts {
        if let Some(found) = instruction(text, &cx.profile.instruction_openers) {
            f.add(
                path,
                format!("文字中有模板的填写说明“{found}”：请换成实际内容"),
            );
        }
    }
}

pub fn wrong_year(cx: &Context, f: &mut Findings) {
    let year = cx.budget.year;
    for (path, text) in &cx.texts {
        if let Some(y) = budget_years(&outside_citations(text), year)
            .into_iter()
            .find(|y| *y != year)
        {
            f.add(
                path,
                format!("文字写的是“{y}年度”，而预算年度是 {year} 年：可能是沿用上年材料"),
            );
        }
    }
}

/// Words that never stand twice in a row: a doubled one (的的, 和和) is a
/// typing slip, where doubled content words are often two words meeting
/// (控制制度, 运维维护).
const NEVER_DOUBLED: &str = "的了和与及在是对为按将把被从向于以并或而其该此之所也都就还又再";

/// A word typed twice in a row: one of `NEVER_DOUBLED`, or a word of two
/// to four characters (增加增加). Reduplications that are words of their own
/// (研究研究 is not budget prose; 常常, 人人 are single characters) do not
/// arise at those lengths in a budget's prose.
pub fn doubled(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let han = crate::chars::is_han;
    for i in 0..chars.len() {
        for n in 1..=4 {
            let Some(pair) = chars.get(i..i + 2 * n) else {
                break;
            };
            let (a, b) = pair.split_at(n);
            if a != b || !a.iter().all(|&c| han(c)) {
                continue;
            }
            if n == 1 && !NEVER_DOUBLED.contains(a[0]) {
                continue;
            }
            return Some(pair.iter().collect());
        }
    }
    None
}

pub fn doubled_word(cx: &Context, f: &mut Findings) {
    for (path, text) in &cx.texts {
        if let Some(found) = doubled(text) {
            let word: String = found.chars().take(found.chars().count() / 2).collect();
            f.add(path, format!("“{found}”：“{word}”写了两遍"))
                .hint("删去重复的一处");
        }
    }
}

/// A change word next to its contradiction: 增加持平, 减少持平, 持平增加.
pub fn contradiction(text: &str) -> Option<String> {
    const MOVES: [&str; 6] = ["增加", "减少", "增长", "下降", "上升", "降低"];
    MOVES.iter().find_map(|m| {
        [format!("{m}持平"), format!("持平{m}")]
            .into_iter()
            .find(|p| text.contains(p.as_str()))
    })
}

pub fn change_contradiction(cx: &Context, f: &mut Findings) {
    for (path, text) in &cx.texts {
        if let Some(found) = contradiction(text) {
            f.add(path, format!("“{found}”自相矛盾：增减与持平只能是其中之一"))
                .hint("按实际的增减改写这一句");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_words_and_contradictions() {
        assert_eq!(
            doubled("基本支出增加增加，与上年").as_deref(),
            Some("增加增加")
        );
        assert_eq!(doubled("我们的的工作").as_deref(), Some("的的"));
        assert_eq!(doubled("内部控制制度、运维维护、常常、人人"), None);
        assert_eq!(contradiction("与上年增加持平").as_deref(), Some("增加持平"));
        assert_eq!(contradiction("与上年持平"), None);
    }

    #[test]
    fn finds_budget_years_outside_citations() {
        assert_eq!(budget_years("2023年度预算", 2024), vec![2023]);
        assert_eq!(budget_years("2024年预算数", 2024), vec![2024]);
        assert!(budget_years("截至2023年12月31日", 2024).is_empty());
        let cited = outside_citations("晋财库[2017]124号《关于做好2017年度部门决算工作的通知》");
        assert!(budget_years(&cited, 2024).is_empty());
    }

    #[test]
    fn a_comparison_with_last_year_is_no_wrong_year() {
        assert!(budget_years("比2025年预算增加27.45万元", 2026).is_empty());
        assert!(budget_years("与2025年预算持平", 2026).is_empty());
        // Only last year is compared with; older years still read as copied.
        assert_eq!(budget_years("比2024年预算增加", 2026), vec![2024]);
        assert_eq!(budget_years("2025年预算安排", 2026), vec![2025]);
    }

    #[test]
    fn a_year_no_budget_means_is_found() {
        assert_eq!(
            implausible_year("于2042年完成", 2024).as_deref(),
            Some("2042年")
        );
        assert_eq!(
            implausible_year("2042年完成验收", 2024).as_deref(),
            Some("2042年")
        );
        assert_eq!(
            implausible_year("20224年预算", 2024).as_deref(),
            Some("20224年")
        );
        assert_eq!(implausible_year("到2050年基本建成", 2024), None);
        assert_eq!(implausible_year("2035年远景目标", 2024), None);
        assert_eq!(implausible_year("2034年建成", 2024), None);
        assert_eq!(implausible_year("始建于1912年，2023年改建", 2024), None);
        assert_eq!(implausible_year("共3年", 2024), None);
    }

    #[test]
    fn a_past_year_planned_for_is_found() {
        assert_eq!(
            planned_past_years("主要原因是2025年无公车购置计划", 2026),
            vec![(2025, "无")]
        );
        assert_eq!(
            planned_past_years("2025年计划完成验收", 2026),
            vec![(2025, "计划")]
        );
        assert!(planned_past_years("2026年无公车购置计划", 2026).is_empty());
        assert!(planned_past_years("项目已于2025年10月正式开工", 2026).is_empty());
        assert!(planned_past_years("12025年无", 2026).is_empty());
    }

    fn openers() -> Vec<String> {
        crate::conventions::INSTRUCTION_OPENERS
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn instruction(text: &str) -> Option<String> {
        super::instruction(text, &openers())
    }

    #[test]
    fn instruction_families() {
        assert_eq!(
            instruction("目标（此处填写总目标）").as_deref(),
            Some("（此处填写总目标）")
        );
        assert_eq!(
            instruction("目标（请根据实际填写）").as_deref(),
            Some("（请根据实际填写）")
        );
        assert_eq!(
            instruction("目标（包括总目标和年度目标，具体见表格）").as_deref(),
            Some("（包括总目标和年度目标，具体见表格）")
        );
        assert!(instruction("（包括水费、电费）").is_none());
        assert!(instruction("（如办公费、差旅费）").is_none());
    }

    #[test]
    fn an_ellipsis_in_brackets_is_an_instruction() {
        assert_eq!(
            instruction("主要用于（说明用途……等）").as_deref(),
            Some("（说明用途……等）")
        );
        assert_eq!(instruction("用于(...等)").as_deref(), Some("(...等)"));
        assert!(instruction("（含水费、电费等）").is_none());
        assert!(instruction("……（一）").is_none());
    }
}
