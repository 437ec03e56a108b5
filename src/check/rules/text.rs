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

/// Years written as `2023年度` or `2023年预算`.
fn budget_years(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut years = Vec::new();
    for i in 0..chars.len().saturating_sub(5) {
        let window: String = chars[i..i + 4].iter().collect();
        let starts_number = i == 0 || !chars[i - 1].is_ascii_digit();
        if starts_number && window.chars().all(|c| c.is_ascii_digit()) && chars[i + 4] == '年' {
            let next = chars[i + 5];
            let next2 = chars.get(i + 6).copied().unwrap_or(' ');
            if (next == '度' || (next == '预' && next2 == '算'))
                && let Ok(y) = window.parse()
            {
                years.push(y);
            }
        }
    }
    years
}

pub fn wrong_year(cx: &Context, f: &mut Findings) {
    let year = cx.budget.year;
    for (path, text) in &cx.texts {
        if let Some(y) = budget_years(&outside_citations(text))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_budget_years_outside_citations() {
        assert_eq!(budget_years("2023年度预算"), vec![2023]);
        assert_eq!(budget_years("2024年预算数"), vec![2024]);
        assert!(budget_years("截至2023年12月31日").is_empty());
        let cited = outside_citations("晋财库[2017]124号《关于做好2017年度部门决算工作的通知》");
        assert!(budget_years(&cited).is_empty());
    }
}
