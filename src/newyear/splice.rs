//! The draft in the old file's own words wherever it can be. `new-year`
//! changes little: three dates or years, the 上年 block, and the 上年 and
//! 变动原因 entries of two blocks. Those are edited where they stand (a
//! value replaced, an entry's lines removed, the 上年 block rewritten); every
//! other line, comment and flow mapping stays as the officer wrote it. The
//! result is used only when it reads back as exactly the draft.

use crate::load::SourceMap;
use serde_yaml::{Mapping, Value};

/// Scalars whose value changes: the year and the two dates.
const SCALARS: [&str; 3] = ["年度", "国有资产.截至日期", "落款.日期"];
/// Blocks that lose entries: last year's figures and the reasons.
const PRUNED: [(&str, [&str; 2]); 2] = [
    ("三公经费", ["上年", "变动原因"]),
    ("机关运行经费", ["上年", "变动原因"]),
];
/// The block written afresh.
const REWRITTEN: &str = "上年";
/// A 决算's own section, written afresh when there is one.
const FINAL: &str = "决算";

/// `old_text` edited into `draft` (the draft's YAML tree); none when some
/// edit cannot be made in place (the caller then writes the draft afresh).
pub fn splice(
    old_text: &str,
    map: &SourceMap,
    draft: &Value,
    moved: &[super::form_years::Moved],
) -> Option<String> {
    let draft = draft.as_mapping()?;
    let mut lines: Vec<String> = old_text.split_inclusive('\n').map(str::to_string).collect();
    // Texts whose years moved: replaced where they stand, as written.
    for m in moved {
        let span = map.locate(&m.path)?;
        let line = lines.get_mut(span.line.checked_sub(1)?)?;
        let start = line.char_indices().nth(span.column.checked_sub(1)?)?.0;
        let rest = &line[start..];
        let from = if rest.starts_with(m.before.as_str()) {
            start
        } else if rest.starts_with(['"', '\'']) && rest[1..].starts_with(m.before.as_str()) {
            start + 1
        } else {
            return None;
        };
        line.replace_range(from..from + m.before.len(), &m.after);
    }
    for path in SCALARS {
        let span = map.locate(path)?;
        let value = lookup(draft, path)?;
        let text = match value {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            _ => return None,
        };
        replace_token(
            lines.get_mut(span.line.checked_sub(1)?)?,
            span.column,
            &text,
        )?;
    }
    let mut remove = vec![false; lines.len()];
    let mut rewrite: Vec<(usize, &str)> = Vec::new();
    for (block, children) in PRUNED {
        let Some(start) = key_line(&lines, block) else {
            continue; // no such block in the file
        };
        let body = block_body(&lines, start)?;
        if body.inline {
            // A flow mapping on the key's line: written afresh, whole.
            rewrite.push((start, block));
            remove[start + 1..body.end]
                .iter_mut()
                .for_each(|r| *r = true);
            continue;
        }
        let indent = body.first.map(|f| indentation(&lines[f]));
        for i in body.first.unwrap_or(body.end)..body.end {
            let key = entry_key(&lines[i]);
            if indent == Some(indentation(&lines[i])) && key.is_some_and(|k| children.contains(&k))
            {
                remove[i] = true;
                let mut j = i + 1;
                while j < body.end && (blank(&lines[j]) || indentation(&lines[j]) > indent?) {
                    remove[j] = !blank(&lines[j]);
                    j += 1;
                }
            }
        }
    }
    let start = key_line(&lines, REWRITTEN)?;
    remove[start + 1..block_body(&lines, start)?.end]
        .iter_mut()
        .for_each(|r| *r = true);
    rewrite.push((start, REWRITTEN));
    // A 决算's section is rewritten too: its 年初 is last year's 年末, its
    // budget link and reasons go.
    if draft.contains_key(FINAL) {
        let start = key_line(&lines, FINAL)?;
        remove[start + 1..block_body(&lines, start)?.end]
            .iter_mut()
            .for_each(|r| *r = true);
        rewrite.push((start, FINAL));
    }
    let mut out = String::with_capacity(old_text.len());
    for (i, line) in lines.iter().enumerate() {
        if let Some((_, key)) = rewrite.iter().find(|(at, _)| *at == i) {
            if let Some(v) = draft.get(*key) {
                out.push_str(&block(key, v)?);
            }
        } else if !remove[i] {
            out.push_str(line);
        }
    }
    Some(out)
}

fn lookup<'a>(m: &'a Mapping, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let mut v = m.get(parts.next()?)?;
    for p in parts {
        v = v.get(p)?;
    }
    Some(v)
}

/// Replaces the plain token (digits and dashes, perhaps quoted) starting at
/// 1-based character `column` of `line`.
fn replace_token(line: &mut String, column: usize, text: &str) -> Option<()> {
    let start = line.char_indices().nth(column.checked_sub(1)?)?.0;
    let rest = &line[start..];
    let quoted = rest.starts_with(['"', '\'']);
    let body = if quoted { &rest[1..] } else { rest };
    let len = body
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(body.len());
    if len == 0 {
        return None;
    }
    let from = start + usize::from(quoted);
    line.replace_range(from..from + len, text);
    Some(())
}

fn blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The key of a mapping entry line (`  键: …`), if it is one.
fn entry_key(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if t.starts_with(['#', '-', '{', '[']) {
        return None;
    }
    Some(t.split_once(':')?.0.trim().trim_matches(['"', '\'']))
}

/// The line of a top-level key.
fn key_line(lines: &[String], key: &str) -> Option<usize> {
    lines
        .iter()
        .position(|l| indentation(l) == 0 && entry_key(l) == Some(key))
}

/// A top-level entry's lines after its key line.
struct Body {
    /// The value is written on the key's own line (a flow mapping).
    inline: bool,
    /// Its first indented line, none when there is none.
    first: Option<usize>,
    /// The line after its last.
    end: usize,
}

fn block_body(lines: &[String], start: usize) -> Option<Body> {
    let after_colon = lines[start].split_once(':')?.1;
    let inline = !after_colon
        .split(" #")
        .next()
        .unwrap_or("")
        .trim()
        .is_empty();
    let mut first = None;
    let mut end = start + 1;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        if blank(line) {
            continue;
        }
        if indentation(line) == 0 && !line.starts_with('-') {
            break;
        }
        first.get_or_insert(i);
        end = i + 1;
    }
    Some(Body { inline, first, end })
}

/// One top-level field as YAML.
fn block(key: &str, value: &Value) -> Option<String> {
    let mut m = Mapping::new();
    m.insert(Value::String(key.to_string()), value.clone());
    serde_yaml::to_string(&m).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_changes_is_edited() {
        let old = "# 注释\n年度: 2024\n单位:   # 行内注释\n  名称: 甲\n\n上年:\n  收支总计: 1\n  收支变动原因: 甲\n机关运行经费: { 本年: 8, 上年: 6,\n  变动原因: 乙 }\n三公经费:\n  本年: { 公务接待费: 1 }\n  上年: { 公务接待费: 2 }\n  变动原因: >-\n    多行\n    原因\n  # 保留\n国有资产:\n  截至日期: 2023-12-31   # 年底\n落款: { 日期: '2024-04-15' }\n";
        let draft: Value = serde_yaml::from_str(
            "年度: 2025\n上年:\n  文件: a.yaml\n机关运行经费:\n  本年: 8\n国有资产:\n  截至日期: 2024-12-31\n落款:\n  日期: 2025-04-15\n",
        )
        .expect("yaml");
        let map = SourceMap::build(old).expect("map");
        let out = splice(old, &map, &draft, &[]).expect("spliced");
        assert_eq!(
            out,
            "# 注释\n年度: 2025\n单位:   # 行内注释\n  名称: 甲\n\n上年:\n  文件: a.yaml\n机关运行经费:\n  本年: 8\n三公经费:\n  本年: { 公务接待费: 1 }\n  # 保留\n国有资产:\n  截至日期: 2024-12-31   # 年底\n落款: { 日期: '2025-04-15' }\n"
        );
    }
}
