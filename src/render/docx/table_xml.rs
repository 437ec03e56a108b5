//! A table kept as plain data until the body part is written, then written
//! as WordprocessingML in its place. docx-rs's tree holds about 2 KB per
//! cell, and a 部门's hundreds of forms made it the largest part of a
//! batch's memory (issue 16); this holds a few words per cell and borrows
//! the text from the document tree.

use super::styles::TABLE_TEXT;
use super::xml::{self, Out};
use crate::doc::Align;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use std::borrow::Cow;

#[derive(Debug, Default)]
pub struct TableXml<'d> {
    /// Column widths in twips.
    pub grid: Vec<usize>,
    /// Fixed layout: Word keeps the grid instead of fitting the content.
    pub fixed: bool,
    /// Rows repeated atop every page the table runs onto.
    pub header_rows: usize,
    pub rows: Vec<Vec<CellXml<'d>>>,
}

#[derive(Debug, Default)]
pub struct CellXml<'d> {
    /// Twips, the sum of the columns spanned.
    pub width: usize,
    pub span: usize,
    pub merge: Option<Merge>,
    pub center_vertically: bool,
    /// Background colour, `RRGGBB`.
    pub fill: Option<String>,
    pub align: Option<Align>,
    /// Left indent in twips.
    pub indent: Option<i32>,
    pub keep_next: bool,
    pub text: Option<Cow<'d, str>>,
    pub bold: bool,
    /// Type size in half-points, where not the table style's.
    pub size: Option<usize>,
    /// An exact line height in twips, where not the style's single spacing.
    pub line: Option<usize>,
}

/// A vertical merge: the cell that starts it, or one it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    Restart,
    Continue,
}

/// Every border a thin single line, as docx-rs's default tables have.
const BORDERS: [&str; 6] = [
    "w:top",
    "w:left",
    "w:bottom",
    "w:right",
    "w:insideH",
    "w:insideV",
];

pub fn write(out: &mut Out, t: &TableXml) -> std::io::Result<()> {
    start(out, "w:tbl")?;
    start(out, "w:tblPr")?;
    let width = t.grid.iter().sum::<usize>().to_string();
    xml::empty(out, "w:tblW", &[("w:w", &width), ("w:type", "dxa")])?;
    xml::empty(out, "w:jc", &[("w:val", "left")])?;
    start(out, "w:tblBorders")?;
    for side in BORDERS {
        xml::empty(
            out,
            side,
            &[
                ("w:val", "single"),
                ("w:sz", "2"),
                ("w:space", "0"),
                ("w:color", "000000"),
            ],
        )?;
    }
    end(out, "w:tblBorders")?;
    if t.fixed {
        xml::empty(out, "w:tblLayout", &[("w:type", "fixed")])?;
    }
    end(out, "w:tblPr")?;
    start(out, "w:tblGrid")?;
    for w in &t.grid {
        xml::empty(
            out,
            "w:gridCol",
            // CT_TblGridCol has a width only, always in twips.
            &[("w:w", &w.to_string())],
        )?;
    }
    end(out, "w:tblGrid")?;
    for (r, cells) in t.rows.iter().enumerate() {
        start(out, "w:tr")?;
        start(out, "w:trPr")?;
        // A row never breaks across pages.
        xml::empty(out, "w:cantSplit", &[])?;
        if r < t.header_rows {
            xml::empty(out, "w:tblHeader", &[])?;
        }
        end(out, "w:trPr")?;
        for cell in cells {
            write_cell(out, cell)?;
        }
        end(out, "w:tr")?;
    }
    end(out, "w:tbl")
}

fn write_cell(out: &mut Out, c: &CellXml) -> std::io::Result<()> {
    start(out, "w:tc")?;
    start(out, "w:tcPr")?;
    xml::empty(
        out,
        "w:tcW",
        &[("w:w", &c.width.to_string()), ("w:type", "dxa")],
    )?;
    if c.span > 1 {
        xml::empty(out, "w:gridSpan", &[("w:val", &c.span.to_string())])?;
    }
    match c.merge {
        Some(Merge::Restart) => xml::empty(out, "w:vMerge", &[("w:val", "restart")])?,
        Some(Merge::Continue) => xml::empty(out, "w:vMerge", &[("w:val", "continue")])?,
        None => {}
    }
    if let Some(fill) = &c.fill {
        xml::empty(
            out,
            "w:shd",
            &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)],
        )?;
    }
    if c.center_vertically {
        xml::empty(out, "w:vAlign", &[("w:val", "center")])?;
    }
    end(out, "w:tcPr")?;
    out.paragraph_start()?;
    // Written in schema order (CT_PPr), which the writer would restore.
    start(out, "w:pPr")?;
    xml::empty(out, "w:pStyle", &[("w:val", TABLE_TEXT)])?;
    if c.keep_next {
        xml::empty(out, "w:keepNext", &[])?;
    }
    if let Some(line) = c.line {
        xml::empty(
            out,
            "w:spacing",
            &[("w:line", &line.to_string()), ("w:lineRule", "exact")],
        )?;
    }
    if let Some(left) = c.indent {
        xml::empty(
            out,
            "w:ind",
            &[("w:left", &left.to_string()), ("w:right", "0")],
        )?;
    }
    if let Some(a) = c.align {
        let val = match a {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        };
        xml::empty(out, "w:jc", &[("w:val", val)])?;
    }
    end(out, "w:pPr")?;
    if let Some(text) = &c.text {
        start(out, "w:r")?;
        if c.bold || c.size.is_some() {
            // CT_RPr order: b, bCs, …, sz, szCs.
            start(out, "w:rPr")?;
            if c.bold {
                xml::empty(out, "w:b", &[])?;
                xml::empty(out, "w:bCs", &[])?;
            }
            if let Some(size) = c.size {
                let val = size.to_string();
                xml::empty(out, "w:sz", &[("w:val", &val)])?;
                xml::empty(out, "w:szCs", &[("w:val", &val)])?;
            }
            end(out, "w:rPr")?;
        } else {
            xml::empty(out, "w:rPr", &[])?;
        }
        let mut t = BytesStart::new("w:t");
        t.push_attribute(("xml:space", "preserve"));
        out.write_event(Event::Start(t))?;
        out.write_event(Event::Text(BytesText::from_escaped(escaped(text))))?;
        end(out, "w:t")?;
        end(out, "w:r")?;
    }
    end(out, "w:p")?;
    end(out, "w:tc")
}

/// Text as docx-rs escapes it: a line break as a character reference, a
/// carriage return dropped (LibreOffice refuses it escaped).
fn escaped(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'', '\n', '\r']) {
        return Cow::Borrowed(text);
    }
    let mut s = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            '\n' => s.push_str("&#xA;"),
            '\r' => {}
            _ => s.push(ch),
        }
    }
    Cow::Owned(s)
}

fn start(out: &mut Out, name: &str) -> std::io::Result<()> {
    out.write_event(Event::Start(BytesStart::new(name)))
}

fn end(out: &mut Out, name: &str) -> std::io::Result<()> {
    out.write_event(Event::End(BytesEnd::new(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(t: &TableXml) -> String {
        let mut bytes = Vec::new();
        let mut out = Out::new(1, &mut bytes);
        write(&mut out, t).expect("written");
        drop(out);
        String::from_utf8(bytes).expect("utf-8")
    }

    #[test]
    fn a_table_is_well_formed_with_its_merges_and_header() {
        let cell = |text: &str| CellXml {
            width: 100,
            span: 1,
            text: Some(Cow::Owned(text.to_string())),
            align: Some(Align::Right),
            ..CellXml::default()
        };
        let t = TableXml {
            grid: vec![100, 100],
            fixed: true,
            header_rows: 1,
            rows: vec![
                vec![CellXml {
                    width: 200,
                    span: 2,
                    bold: true,
                    ..cell("A&B<\"'\n")
                }],
                vec![
                    CellXml {
                        merge: Some(Merge::Restart),
                        ..cell("1")
                    },
                    cell("2"),
                ],
                vec![
                    CellXml {
                        merge: Some(Merge::Continue),
                        text: None,
                        ..cell("")
                    },
                    cell("3"),
                ],
            ],
        };
        let got = written(&t);
        let wrapped = format!(
            "<r xmlns:w=\"w\" xmlns:w14=\"w14\" xmlns:xml=\"http://www.w3.org/XML/1998/namespace\">{got}</r>"
        );
        let doc = roxmltree::Document::parse(&wrapped).expect("well-formed");
        let rows: Vec<_> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "tr")
            .collect();
        assert_eq!(rows.len(), 3);
        let header =
            |n: &roxmltree::Node| n.descendants().any(|d| d.tag_name().name() == "tblHeader");
        assert!(header(&rows[0]) && !header(&rows[1]) && !header(&rows[2]));
        let text: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "t")
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(text, ["A&B<\"'\n", "1", "2", "3"]);
        assert!(got.contains("<w:gridSpan w:val=\"2\"/>"), "{got}");
        assert!(got.contains("<w:vMerge w:val=\"restart\"/>"), "{got}");
        assert!(got.contains("<w:vMerge w:val=\"continue\"/>"), "{got}");
        assert!(got.contains("<w:tblLayout w:type=\"fixed\"/>"), "{got}");
        // Paragraphs numbered from the counter, one per cell.
        for id in ["00000001", "00000005"] {
            assert!(got.contains(&format!("w14:paraId=\"{id}\"")), "{got}");
        }
        assert!(!got.contains("00000006"), "{got}");
    }
}
