//! What is wrong where a YAML text stops parsing, read from the text
//! itself. The parser (yaml-rust2) says only where it stopped and why in an
//! English sentence, which no crate types; the kind of mistake is decided
//! here from the characters at and above that place, so the words a budget
//! officer reads do not hang on the parser's phrasing, and the place shown
//! is the line to mend (a missing “:” is found on the line before the one
//! the parser stopped at).

/// A mistake in a YAML text's syntax, in the words shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SyntaxFault {
    #[error("含有制表符 Tab：YAML 只能用空格缩进")]
    Tab,
    #[error("文件中有“---”“...”或“%”开头的行：一个文件只写一个文档，不写这些标记")]
    Document,
    #[error("标签（!名称）写得不对：这里的文件不需要标签")]
    Tag,
    #[error("引号没有配对（或引号中的文字换行后缩进不够）")]
    UnclosedQuote,
    #[error("引号后面还有内容：整段文字都要放在引号里")]
    AfterQuote,
    #[error("双引号中的“\\”用法不对：路径请改用单引号或“/”")]
    Escape,
    #[error("“#”前要有空格，否则不算注释")]
    Comment,
    #[error("“&”“*”后缺少名称")]
    AnchorName,
    #[error("用了没有定义的别名（*名称）：先用“&名称”定义，或不用别名")]
    UnknownAlias,
    #[error("值不能以“{0}”开头：含有它的值请加引号")]
    Reserved(char),
    #[error("“{0}”没有闭合，缺少“{1}”或逗号")]
    Unclosed(char, char),
    #[error("多了一个“{0}”：前面没有与它配对的“{1}”")]
    Unopened(char, char),
    #[error("值中含有“:”：值中含冒号时请加引号")]
    ColonInValue,
    #[error("字段名后缺少“:”")]
    MissingColon,
    #[error("上一行的字段已经有值，这一行却缩进得更深：下一层字段只能写在没有值的字段下面")]
    Deeper,
    #[error("同一层的前面各项以“- ”开头，这一行也要以“- ”开头，或缩进不对")]
    ListItem,
    #[error("多行文字（| 或 >）中有一行缩进不够：每行都要比字段名多缩进")]
    BlockText,
    #[error("缩进不一致：同一层的字段要对齐，下一层多缩进两个空格")]
    Indentation,
    #[error("文件意外结束（引号或括号没有闭合）")]
    End,
    #[error("无法解析这一处（检查缩进、冒号、引号和括号）")]
    Unknown,
}

/// The mistake where the parser stopped at `line`, `column` (1-based,
/// in characters), and the place to show: that one, or the line the
/// mistake is on.
pub fn diagnose(text: &str, line: usize, column: usize) -> (SyntaxFault, usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(here) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
        // Stopped at the end: something opened was never closed, or the
        // last line is a key without its colon.
        if let Some(open) = open_flow(&lines, lines.len(), 0) {
            return unclosed(open);
        }
        return match previous_content(&lines, lines.len() + 1) {
            Some((n, last))
                if key_colon(&last.chars().collect::<Vec<_>>()).is_none() && !is_item(last) =>
            {
                (SyntaxFault::MissingColon, n, indent(last) + 1)
            }
            _ => (SyntaxFault::End, line, column),
        };
    };
    let chars: Vec<char> = here.chars().collect();
    let col = column.saturating_sub(1).min(chars.len());
    let at = chars.get(col).copied();
    let above = |n: usize| previous_content(&lines, n);
    let fault = |f| (f, line, column);
    // Mistakes of indentation point at where the line's text starts.
    let start = |f| (f, line, indent(here) + 1);

    if indentation_of(here).contains('\t') || at == Some('\t') {
        return fault(SyntaxFault::Tab);
    }
    if here.starts_with('%') || here.starts_with("---") || here.starts_with("...") {
        return (SyntaxFault::Document, line, 1);
    }
    if at == Some('!') {
        return fault(SyntaxFault::Tag);
    }
    if at == Some('#') && col > 0 && !chars[col - 1].is_whitespace() {
        return fault(SyntaxFault::Comment);
    }
    if after_quote(&chars[..col]) {
        return fault(SyntaxFault::AfterQuote);
    }
    if let Some(q @ ('"' | '\'')) = at {
        return fault(quoted(&chars[col + 1..], q).unwrap_or(SyntaxFault::Unknown));
    }
    if let Some(sign @ ('&' | '*')) = at {
        let name: String = chars[col + 1..]
            .iter()
            .take_while(|c| !c.is_whitespace() && !",[]{}".contains(**c))
            .collect();
        return fault(if name.is_empty() {
            SyntaxFault::AnchorName
        } else if sign == '*' && !text.contains(&format!("&{name}")) {
            SyntaxFault::UnknownAlias
        } else {
            SyntaxFault::Unknown
        });
    }
    if let Some(c @ ('@' | '`')) = at {
        return fault(SyntaxFault::Reserved(c));
    }
    if let Some(open) = open_flow(&lines, line - 1, col) {
        return unclosed(open);
    }
    if let Some(c @ (']' | '}')) = at {
        return fault(SyntaxFault::Unopened(c, if c == ']' { '[' } else { '{' }));
    }
    if at == Some(':') {
        if key_colon(&chars[..col]).is_some() {
            return fault(SyntaxFault::ColonInValue);
        }
        if let Some((n, prev)) = above(line) {
            let prev_chars: Vec<char> = prev.chars().collect();
            if key_colon(&prev_chars).is_none() && !is_item(prev) {
                return (SyntaxFault::MissingColon, n, indent(prev) + 1);
            }
            if indent(here) > indent(prev) && has_value(&prev_chars) {
                return start(SyntaxFault::Deeper);
            }
        }
    }
    if in_block_text(&lines, line) {
        return start(SyntaxFault::BlockText);
    }
    if key_colon(&chars).is_none() && !is_item(here) && !here.trim().is_empty() {
        return (SyntaxFault::MissingColon, line, indent(here) + 1);
    }
    let mut lowest = usize::MAX;
    let mut aligned = None;
    let mut n = line;
    while let Some((k, above_line)) = above(n) {
        let i = indent(above_line);
        if i < lowest {
            lowest = i;
            let item_inside = is_item(above_line) && i + 2 == indent(here);
            if i == indent(here) || item_inside {
                aligned = Some(above_line);
                break;
            }
        }
        n = k;
    }
    match aligned {
        Some(sibling) if is_item(sibling) && !is_item(here) && indent(sibling) == indent(here) => {
            start(SyntaxFault::ListItem)
        }
        Some(_) => fault(SyntaxFault::Unknown),
        None => match above(line) {
            Some((_, prev))
                if indent(here) > indent(prev) && has_value(&prev.chars().collect::<Vec<_>>()) =>
            {
                start(SyntaxFault::Deeper)
            }
            _ => start(SyntaxFault::Indentation),
        },
    }
}

/// An open bracket, shown where it opens.
fn unclosed((open, line, column): (char, usize, usize)) -> (SyntaxFault, usize, usize) {
    let close = if open == '[' { ']' } else { '}' };
    (SyntaxFault::Unclosed(open, close), line, column)
}

fn indentation_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

fn indent(line: &str) -> usize {
    line.chars().take_while(|&c| c == ' ').count()
}

/// A list item: `- ` after the indentation (or a lone `-`).
fn is_item(line: &str) -> bool {
    let t = line.trim_start();
    t == "-" || t.starts_with("- ")
}

/// The nearest line above line `n` (1-based; those before it) that holds
/// more than a comment, with its number.
fn previous_content<'a>(lines: &[&'a str], n: usize) -> Option<(usize, &'a str)> {
    (0..n.saturating_sub(1).min(lines.len()))
        .rev()
        .map(|i| (i + 1, lines[i]))
        .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// Where the line's key ends: the first `:` outside quotes that a space,
/// or the line's end, follows.
fn key_colon(chars: &[char]) -> Option<usize> {
    let mut quote = None;
    for (i, &c) in chars.iter().enumerate() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if i == 0 || chars[i - 1].is_whitespace() => return None,
            (None, ':') if chars.get(i + 1).is_none_or(|n| n.is_whitespace()) => {
                return Some(i);
            }
            _ => {}
        }
    }
    None
}

/// Whether the line is `key: value` with a value on it (not a block of
/// lines below: nothing, a comment, `|`, `>` or an anchor alone).
fn has_value(chars: &[char]) -> bool {
    let Some(colon) = key_colon(chars) else {
        return false;
    };
    let rest: String = chars[colon + 1..].iter().collect();
    let rest = rest.trim();
    !(rest.is_empty()
        || rest.starts_with('#')
        || rest.starts_with('|')
        || rest.starts_with('>')
        || (rest.starts_with('&') && !rest.contains(' ')))
}

/// Whether line `line` (1-based) comes after lines of block text (`|`,
/// `>`) less indented than they are, but more than the key they belong to:
/// a line of the text that lost its indentation.
fn in_block_text(lines: &[&str], line: usize) -> bool {
    let here = indent(lines[line - 1]);
    let Some((n, text)) = previous_content(lines, line) else {
        return false;
    };
    let inner = indent(text);
    let Some((_, key)) = (1..n)
        .rev()
        .map(|k| (k, lines[k - 1]))
        .find(|(_, l)| !l.trim().is_empty() && indent(l) < inner)
    else {
        return false;
    };
    let value = key_colon(&key.chars().collect::<Vec<_>>())
        .map(|c| key.chars().skip(c + 1).collect::<String>());
    let block = value.is_some_and(|v| v.trim_start().starts_with(['|', '>']));
    block && here > indent(key) && here < inner
}

/// Whether only spaces stand between a closed quoted text and here.
fn after_quote(before: &[char]) -> bool {
    let trimmed: Vec<char> = before
        .iter()
        .rev()
        .skip_while(|c| c.is_whitespace())
        .copied()
        .collect();
    match trimmed.first() {
        // The closing quote needs its opening one earlier on the line.
        Some(&q @ ('"' | '\'')) => trimmed[1..].contains(&q),
        _ => false,
    }
}

/// What is wrong with a quoted text starting after its quote `q`, if its
/// line shows it: not closed on its line, a bad escape, or more after it.
fn quoted(rest: &[char], q: char) -> Option<SyntaxFault> {
    let mut i = 0;
    while i < rest.len() {
        let c = rest[i];
        if q == '"' && c == '\\' {
            // A backslash ending the line continues the text on the next:
            // the quote is not closed on its line.
            let Some(&e) = rest.get(i + 1) else {
                return Some(SyntaxFault::UnclosedQuote);
            };
            let hex = match e {
                'x' => 2,
                'u' => 4,
                'U' => 8,
                _ if "0abt\tnvfre \"/\\N_LP".contains(e) => 0,
                _ => return Some(SyntaxFault::Escape),
            };
            let digits = rest[i + 2..].iter().take(hex);
            if digits.clone().count() < hex || !digits.clone().all(|d| d.is_ascii_hexdigit()) {
                return Some(SyntaxFault::Escape);
            }
            i += 2 + hex;
            continue;
        }
        if c == q {
            if q == '\'' && rest.get(i + 1) == Some(&'\'') {
                i += 2;
                continue;
            }
            let after: String = rest[i + 1..].iter().collect();
            let after = after.trim();
            return (!after.is_empty() && !after.starts_with('#'))
                .then_some(SyntaxFault::AfterQuote);
        }
        i += 1;
    }
    Some(SyntaxFault::UnclosedQuote)
}

/// The innermost `[` or `{` still open before line `line` (0-based),
/// column `col`: brackets that open a value, outside quotes and comments;
/// with its line and column (1-based).
fn open_flow(lines: &[&str], line: usize, col: usize) -> Option<(char, usize, usize)> {
    let mut stack: Vec<(char, usize, usize)> = Vec::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (n, text) in lines.iter().enumerate().take(line + 1) {
        let chars: Vec<char> = text.chars().collect();
        let end = if n == line {
            col.min(chars.len())
        } else {
            chars.len()
        };
        // A value may start here: at the line's start, after `: `, `- `,
        // and inside brackets after `[`, `{`, `,`.
        let mut value_starts = true;
        for i in 0..end {
            let c = chars[i];
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    // The character after it is part of the text.
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '#' if i == 0 || chars[i - 1].is_whitespace() => break,
                '"' | '\'' if value_starts => quote = Some(c),
                '[' | '{' if value_starts || !stack.is_empty() => stack.push((c, n + 1, i + 1)),
                ']' | '}' if !stack.is_empty() => {
                    stack.pop();
                }
                _ => {}
            }
            value_starts = match c {
                ' ' => value_starts,
                ':' | '-' => chars.get(i + 1).is_none_or(|n| n.is_whitespace()),
                '[' | '{' | ',' => !stack.is_empty(),
                _ => false,
            };
        }
    }
    stack.last().copied()
}

#[cfg(test)]
mod tests {
    use super::SyntaxFault::{self, *};
    use crate::input::{Limits, Nothing, YamlError, walk};

    /// What the walk says of `text`: the mistake and the line shown.
    fn said(text: &str) -> (SyntaxFault, usize) {
        let limits = Limits {
            depth: 64,
            aliases: 100,
            expanded: 1 << 20,
        };
        match walk(text, limits, &mut Nothing) {
            Err(YamlError::Syntax { fault, line, .. }) => (fault, line),
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn each_mistake_is_named_from_the_text() {
        let cases: &[(&str, SyntaxFault, usize)] = &[
            ("单位:\n\t名称: x\n", Tab, 2),
            ("单位: \"C:\\q\"\n", Escape, 1),
            ("单位: \"\\u12\"\n", Escape, 1),
            ("单位: \"abc\n名称: x\n", UnclosedQuote, 1),
            ("单位: 'abc\n名称: x\n", UnclosedQuote, 1),
            ("单位: \"x\" y\n", AfterQuote, 1),
            ("单位: 'x' y\n", AfterQuote, 1),
            ("单位: \"a\" \"b\"\n", AfterQuote, 1),
            ("单位: x # c\n名称: \"y\"#c\n", Comment, 2),
            ("单位: *没有\n", UnknownAlias, 1),
            ("单位: & x\n", AnchorName, 1),
            ("单位: @x\n", Reserved('@'), 1),
            ("单位: `x\n", Reserved('`'), 1),
            ("%YAML x\n单位: 1\n", Document, 1),
            ("单位: !<abc\n", Tag, 1),
            ("单位: {名称: x\n", Unclosed('{', '}'), 1),
            ("单位: [a, b\n", Unclosed('[', ']'), 1),
            ("单位: [a, b\n名称: x\n", Unclosed('[', ']'), 1),
            (
                "单位: x\n项目: [a, [b, c]\n名称: x\n",
                Unclosed('[', ']'),
                2,
            ),
            // An escaped quote inside a quoted text does not close it.
            (
                "单位: x\n项目: [\"a\\\"]\", b\n名称: x\n",
                Unclosed('[', ']'),
                2,
            ),
            ("单位: ]\n", Unopened(']', '['), 1),
            ("单位: {a: 1}}\n", Unopened('}', '{'), 1),
            ("单位: a: b\n", ColonInValue, 1),
            ("单位:\n  名称 x\n  类型: y\n", MissingColon, 2),
            ("单位:\n  名称: x\n名称 y\n", MissingColon, 3),
            ("单位:\n  名称: x\n    类型: y\n", Deeper, 3),
            ("单位: x\n  名称: y\n", Deeper, 2),
            ("单位:\n  - a\n  b: 1\n", ListItem, 3),
            ("- a\nb: 1\n", ListItem, 2),
            ("项目:\n  - 名称: x\n  金额: 1\n", ListItem, 3),
            ("单位:\n  名称: x\n 类型: y\n", Indentation, 3),
            (
                "单位:\n  名称: x\n  类型:\n    - a\n   b: 1\n",
                Indentation,
                5,
            ),
            (
                "项目:\n  - 名称: x\n    金额: 1\n   - 名称: y\n",
                Indentation,
                4,
            ),
            ("单位: |\n  a\n b\n", BlockText, 3),
        ];
        for &(text, fault, line) in cases {
            assert_eq!(said(text), (fault, line), "{text:?}");
        }
    }

    #[test]
    fn every_mistake_is_said_in_chinese() {
        for fault in [Tab, Unclosed('[', ']'), MissingColon, Unknown, End] {
            let words = fault.to_string();
            assert!(
                words
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{words}"
            );
        }
    }

    /// Wherever the parser might stop, in whatever text, the reading names
    /// something and does not panic.
    #[test]
    fn any_place_in_any_text_is_read() {
        let texts = [
            "",
            "\n\n",
            "a",
            "单位: \"\\",
            "单位: '",
            "- [{\"a\": ['x'}]\n  \t# \u{3000}\n: :\n",
            "a: |\n\n b\nc: >-\n  d\n e\n",
            "  - - -\n -\n- &\n*\n",
        ];
        for text in texts {
            let lines = text.lines().count();
            for line in 0..=lines + 2 {
                for column in 0..=text.chars().count() + 2 {
                    let (_, l, c) = super::diagnose(text, line, column);
                    assert!(l <= lines + 2 && c <= text.chars().count() + 3, "{text:?}");
                }
            }
        }
    }
}
