//! The 目录: entries with dot leaders from the title's end to the
//! right-aligned page number, a wrapped title hanging under the first
//! character after its number (“一、”, “（三）”, “表一”), level-1 entries in
//! the heading role, each entry linked to its target.

use super::Measurer;
use crate::fonts::MissingGlyph;
use crate::render::typeset::boxes::{Element, Flow, Frag};
use crate::render::typeset::page::Item;
use crate::render::typeset::setline::Align;
use crate::render::typeset::text::Span;
use std::collections::HashMap;

/// The leading enumerator of an entry (“一、”, “（三）”, “第二部分 ”), in characters.
pub fn enumerator_len(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let numeral = |c: char| "一二三四五六七八九十百零0123456789".contains(c);
    let mut i = 0;
    if chars.first() == Some(&'（') || chars.first() == Some(&'(') {
        let close = chars.iter().position(|c| *c == '）' || *c == ')');
        return match close {
            Some(k) if k <= 5 && chars[1..k].iter().all(|c| numeral(*c)) => k + 1,
            _ => 0,
        };
    }
    if chars.first() == Some(&'第') || chars.first() == Some(&'表') {
        i = 1;
    }
    let start = i;
    let table = chars[0] == '表';
    // A table's number is written in Chinese numerals: digits after it are the year.
    while i < chars.len() && numeral(chars[i]) && !(table && chars[i].is_ascii_digit()) {
        i += 1;
    }
    if i == start {
        return 0;
    }
    if table {
        // 表十二2024年…: the table's number, and a space if there is one.
        return if chars.get(i) == Some(&' ') { i + 1 } else { i };
    }
    if start == 1 {
        // 第二部分 / 第三章: the counter word and the space after it.
        while i < chars.len() && i < 8 && chars[i] != ' ' && chars[i] != '　' {
            i += 1;
        }
        return (i + 1).min(chars.len());
    }
    match chars.get(i) {
        Some('、' | '.' | '．' | ' ' | '　') => i + 1,
        _ => 0,
    }
}

impl Measurer<'_, '_, '_> {
    pub fn toc(
        &mut self,
        title: &str,
        numbers: &HashMap<String, u32>,
    ) -> Result<Vec<Element>, MissingGlyph> {
        let pitch = self.st.pitch;
        let width = self.sheets.portrait.text_width();
        let title_style = self.st.part.clone();
        let head = self.text_frag(title, &title_style, Align::Center, pitch * 2.0, width);
        let entries: Vec<_> = self.doc.toc_entries().into_iter().cloned().collect();
        let mut parts = Vec::new();
        for e in entries {
            self.check(&e.text, "目录")?;
            let style = if e.level <= 1 {
                self.st.heading.clone()
            } else {
                self.st.body.clone()
            };
            let size = style.size;
            let number = numbers
                .get(&e.id)
                .map_or_else(|| "0".to_string(), u32::to_string);
            let nw = self.m.width(&number, &style, false);
            let dot = self.m.width(".", &style, false).max(0.1 * size);
            let indent = f32::from(e.level.saturating_sub(1)) * size;
            let prefix: String = e.text.chars().take(enumerator_len(&e.text)).collect();
            let hang = self.m.width(&prefix, &style, false);
            // Room for the number and a leader of at least two dots.
            let avail = width - indent - nw - 0.25 * size - 2.0 * dot;
            let glyphs = self.m.glyphs(
                &[Span {
                    text: &e.text,
                    bold: false,
                }],
                &style,
            );
            let lines = crate::render::typeset::linebreak::break_lines(
                glyphs,
                avail - hang,
                -hang,
                crate::render::typeset::linebreak::Wrap::Chars,
            );
            let mut frag = Frag::default();
            for (k, l) in lines.iter().enumerate() {
                let x = indent + if k == 0 { 0.0 } else { hang };
                let mut line =
                    self.line_frag(l, x, avail - (x - indent), pitch, Align::Left, &style);
                if l.last {
                    let end = x + l.natural().min(avail - (x - indent));
                    let to = width - nw - 0.25 * size;
                    let baseline = pitch / 2.0 + super::EM_CENTRE * size;
                    let dots = ((to - end - 0.1 * size) / dot).floor().max(0.0) as usize;
                    let leader = ".".repeat(dots);
                    line.items.extend(self.text_items(
                        &leader,
                        &style,
                        to - dots as f32 * dot,
                        baseline,
                    ));
                    line.items
                        .extend(self.text_items(&number, &style, width - nw, baseline));
                }
                frag.append(line);
            }
            frag.items.push(Item::Link {
                rect: [indent, 0.0, width, frag.height],
                target: e.id.clone(),
            });
            parts.push(frag);
        }
        Ok(vec![
            Element::Flow(Flow {
                landscape: false,
                parts: vec![head],
                min_split: 1,
                keep_with_next: true,
            }),
            Element::Flow(Flow {
                landscape: false,
                parts,
                min_split: 1,
                keep_with_next: false,
            }),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::enumerator_len;

    #[test]
    fn enumerators_are_found() {
        assert_eq!(enumerator_len("一、本单位职责"), 2);
        assert_eq!(enumerator_len("（十一）其他"), 4);
        assert_eq!(enumerator_len("第二部分 2024年单位预算报表"), 5);
        assert_eq!(enumerator_len("12.项目"), 3);
        assert_eq!(enumerator_len("名词解释"), 0);
        assert_eq!(enumerator_len("表十二2024年项目支出预算表"), 3);
        assert_eq!(enumerator_len("表格说明"), 0);
        assert_eq!(enumerator_len("2024年预算收入总表"), 0);
    }
}
