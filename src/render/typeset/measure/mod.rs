//! Measuring: document blocks into sized pieces ([`Element`]s) — lines set
//! at their width, table row groups, the chart, the 目录's entries — with
//! every table's orientation chosen by whether it fits.

mod cells;
mod chart;
mod columns;
mod table;
mod toc;

use super::boxes::{Element, Flow, Frag, Furniture, TableBox};
use super::linebreak::{Line, Wrap, break_lines};
use super::page::{Item, MM, PageKind, Run, Sheets};
use super::setline::{Align, set_line};
use super::style::Styles;
use super::text::{Measure, Span, Style};
use crate::doc::{Block, Document, Heading, ParagraphStyle, Run as DocRun, Table};
use crate::fonts::MissingGlyph;
use rayon::prelude::*;
use std::collections::HashMap;

/// Where the em box's centre sits above the baseline, in em.
const EM_CENTRE: f32 = 0.38;

pub struct Measurer<'a, 'b, 'f> {
    pub doc: &'a Document,
    pub m: &'a mut Measure<'b>,
    pub st: &'a Styles<'f>,
    /// The table style in use: the layout's, or smaller to fit a page.
    pub table: Style<'f>,
    pub table_line: f32,
    pub sheets: Sheets,
    /// Tables already measured, by (table, text width, size): choosing the
    /// orientation and then setting it measure the same table again.
    tables: cells::Measurements,
}

/// The measured document, and where its 目录 is among the elements.
pub struct Measured {
    pub elements: Vec<Element>,
    pub furniture: Furniture,
    pub toc: Option<std::ops::Range<usize>>,
}

impl Measured {
    /// Measures the 目录 again with new page numbers; the rest stays.
    pub fn renumber(
        &mut self,
        doc: &Document,
        m: &mut Measure,
        st: &Styles,
        numbers: &HashMap<String, u32>,
    ) -> Result<(), MissingGlyph> {
        let (Some(range), Some(title)) = (self.toc.clone(), toc_title(doc)) else {
            return Ok(());
        };
        let toc = Measurer::new(doc, m, st).toc(title, numbers)?;
        self.toc = Some(range.start..range.start + toc.len());
        self.elements.splice(range, toc);
        Ok(())
    }
}

fn toc_title(doc: &Document) -> Option<&str> {
    doc.blocks.iter().find_map(|b| match b {
        Block::Toc { title } => Some(title.as_str()),
        _ => None,
    })
}

/// Measures the whole document; the 目录 shows `toc_numbers` (from the
/// previous pass).
///
/// Tables are most of the work and each is measured alone: they are set
/// in parallel once everything else is measured, each choosing its
/// orientation and then taking the room its headings leave (a heading
/// before a table is measured both ways, and kept as the table turns).
/// What is measured, and the first missing glyph said, are as in document
/// order.
pub fn measure(
    doc: &Document,
    m: &mut Measure,
    st: &Styles,
    toc_numbers: &HashMap<String, u32>,
    draft: bool,
) -> Result<Measured, MissingGlyph> {
    let mut me = Measurer::new(doc, m, st);
    let mut flow = Flowing::default();
    // A block that cannot be set ends the measuring; the tables before it
    // are still set, and a missing glyph of theirs is said first.
    let stopped = (0..doc.blocks.len()).find_map(|i| me.block(i, toc_numbers, &mut flow).err());
    let Flowing {
        mut out,
        toc,
        tables,
        ..
    } = flow;
    let metrics: &Measure = me.m;
    let fitted: Vec<_> = tables
        .par_iter()
        .map_init(|| metrics.clone(), |m, p| Measurer::new(doc, m, st).fit(p))
        .collect();
    let mut sized = Vec::new();
    for (p, fit) in tables.into_iter().zip(fitted) {
        let (landscape, size, table) = fit?;
        if let (true, Some(turned)) = (landscape, p.before) {
            out[p.at - 1] = Element::Flow(turned);
        }
        out[p.at] = Element::Table(table);
        sized.push((p.at, p.table, landscape, size));
    }
    if let Some(e) = stopped {
        return Err(e);
    }
    one_size_per_structure(&mut me, &sized, &mut out)?;
    me.check(&doc.page.footer.replace(crate::doc::PAGE, ""), "页码")?;
    let furniture = me.furniture(&doc.page.footer, draft);
    Ok(Measured {
        elements: out,
        furniture,
        toc,
    })
}

/// The elements measured so far, in order; each table's place among them
/// holds a stand-in until the table is set.
#[derive(Default)]
struct Flowing<'t> {
    out: Vec<Element>,
    toc: Option<std::ops::Range<usize>>,
    tables: Vec<Placed<'t>>,
    /// The element just measured upright (a heading or 目录 anchor right
    /// before a table), as it is when that table is turned.
    turned: Option<Flow>,
}

/// A table's place: its element's index, the height of the headings kept
/// with it when it stands upright and when it is turned, and the element
/// just before it (at `at - 1`) as it is when turned.
struct Placed<'t> {
    at: usize,
    table: &'t Table,
    above: [f32; 2],
    before: Option<Flow>,
}

/// Tables of one structure (the 绩效 forms, one per project; tables with
/// the same columns and header) are set at one size: the smallest any of
/// them took to stay on its page. Only tables that had to shrink change a
/// document's sizes, and a reader never sees the same form in two sizes.
fn one_size_per_structure(
    me: &mut Measurer,
    sized: &[(usize, &Table, bool, f32)],
    out: &mut [Element],
) -> Result<(), MissingGlyph> {
    let keys: Vec<String> = sized.iter().map(|(_, t, _, _)| t.structure()).collect();
    let mut least: HashMap<&str, f32> = HashMap::new();
    for (key, &(_, _, _, size)) in keys.iter().zip(sized) {
        let each = least.entry(key).or_insert(size);
        *each = each.min(size);
    }
    for (key, &(at, t, landscape, size)) in keys.iter().zip(sized) {
        let shared = least[key.as_str()];
        if shared < size {
            out[at] = Element::Table(me.sized_table(t, landscape, shared)?);
        }
    }
    Ok(())
}

fn spans(runs: &[DocRun]) -> Vec<Span<'_>> {
    runs.iter()
        .map(|r| Span {
            text: &r.text,
            bold: r.bold,
        })
        .collect()
}

fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(24).collect();
    if short.chars().count() < text.chars().count() {
        format!("“{short}……”")
    } else {
        format!("“{short}”")
    }
}

impl<'a, 'b, 'f> Measurer<'a, 'b, 'f> {
    pub fn new(doc: &'a Document, m: &'a mut Measure<'b>, st: &'a Styles<'f>) -> Self {
        Measurer {
            doc,
            m,
            st,
            table: st.table.clone(),
            table_line: st.table_line,
            sheets: Sheets::of(&doc.page),
            tables: Default::default(),
        }
    }

    /// A placed table set: whether it is turned, its size, the table.
    fn fit(&mut self, p: &Placed) -> Result<(bool, f32, TableBox), MissingGlyph> {
        let landscape = self.table_landscape(p.table);
        let room = self.sheets.get(landscape).text_height() - p.above[usize::from(landscape)];
        let (size, table) = self.fitted_table(p.table, landscape, room)?;
        Ok((landscape, size, table))
    }

    /// Measures block `i` onto `flow`; a table only takes its place.
    fn block(
        &mut self,
        i: usize,
        toc_numbers: &HashMap<String, u32>,
        flow: &mut Flowing<'a>,
    ) -> Result<(), MissingGlyph> {
        let blocks = &self.doc.blocks;
        // Only tables are ever landscape: what goes before one is measured
        // both ways.
        let before_table = matches!(blocks.get(i + 1), Some(Block::Table(_)));
        let turned = flow.turned.take();
        let out = &mut flow.out;
        match &blocks[i] {
            Block::Cover(c) => {
                self.check(
                    &format!("{}{}{}", c.title, c.subtitle, c.lines.concat()),
                    "封面",
                )?;
                out.push(Element::NewPage(PageKind::Cover));
                out.push(Element::Flow(self.cover(&c.title, &c.subtitle, &c.lines)));
                out.push(Element::Break);
            }
            Block::Toc { title } => {
                out.push(Element::NewPage(PageKind::Toc));
                let entries = self.toc(title, toc_numbers)?;
                // Only the first 目录 is renumbered (a document has one).
                if flow.toc.is_none() {
                    flow.toc = Some(out.len()..out.len() + entries.len());
                }
                out.extend(entries);
                out.push(Element::Break);
            }
            Block::PageBreak => out.push(Element::Break),
            Block::TocEntry(e) => {
                // Nothing to print: an anchor that goes to the page of what follows.
                let anchor = Item::Anchor {
                    id: e.id.clone(),
                    y: 0.0,
                };
                let upright = Flow {
                    landscape: false,
                    parts: vec![Frag::new(0.0, vec![anchor])],
                    min_split: 1,
                    keep_with_next: true,
                };
                if before_table {
                    flow.turned = Some(Flow {
                        landscape: true,
                        ..upright.clone()
                    });
                }
                out.push(Element::Flow(upright));
            }
            Block::Heading(h) => {
                self.check(&h.text, &h.text)?;
                if before_table {
                    flow.turned = Some(self.heading(h, true));
                }
                out.push(Element::Flow(self.heading(h, false)));
            }
            Block::Paragraph(p) => {
                self.check(&p.text(), &excerpt(&p.text()))?;
                out.push(Element::Flow(self.paragraph(&spans(&p.runs), p.style)));
            }
            Block::List(l) => {
                for item in &l.items {
                    let text: String = item.iter().map(|r| r.text.as_str()).collect();
                    self.check(&text, &excerpt(&text))?;
                    out.push(Element::Flow(
                        self.paragraph(&spans(item), ParagraphStyle::Body),
                    ));
                }
            }
            Block::Table(table) => {
                // The headings kept with the table share its first page:
                // their heights, the last first (summed in that order).
                let mut kept: Vec<f32> = out
                    .iter()
                    .rev()
                    .map_while(|e| match e {
                        Element::Flow(f) if f.keep_with_next => Some(f.height()),
                        _ => None,
                    })
                    .collect();
                let upright: f32 = kept.iter().sum();
                if let (Some(t), Some(last)) = (&turned, kept.first_mut()) {
                    *last = t.height();
                }
                let sideways: f32 = kept.iter().sum();
                flow.tables.push(Placed {
                    at: out.len(),
                    table,
                    above: [upright, sideways],
                    before: turned,
                });
                // Stands in for the table until it is set.
                out.push(Element::Break);
            }
            Block::Chart(c) => {
                let labels: String = c.items.iter().map(|i| i.label.as_str()).collect();
                self.check(&labels, &c.title)?;
                out.push(Element::Flow(Flow {
                    landscape: false,
                    parts: vec![self.chart(c)],
                    min_split: 1,
                    keep_with_next: false,
                }));
            }
            Block::Signature(s) => {
                self.check(&s.lines.concat(), "落款")?;
                out.push(Element::Flow(self.signature(&s.lines)));
            }
        }
        Ok(())
    }

    pub fn check(&self, text: &str, place: &str) -> Result<(), MissingGlyph> {
        self.m.check(text, &self.st.body, place)
    }

    /// Breaks styled text into lines.
    pub fn lines(&mut self, spans: &[Span], style: &Style, width: f32, indent: f32) -> Vec<Line> {
        let glyphs = self.m.glyphs(spans, style);
        break_lines(glyphs, width, indent, Wrap::Chars)
    }

    /// One plain text's lines.
    pub fn plain(&mut self, text: &str, style: &Style, width: f32) -> Vec<Line> {
        self.lines(&[Span { text, bold: false }], style, width, 0.0)
    }

    /// A line set in a box `height` tall, its text centred on the box's middle.
    pub fn line_frag(
        &self,
        line: &Line,
        x: f32,
        width: f32,
        height: f32,
        align: Align,
        style: &Style,
    ) -> Frag {
        let size = line.glyphs.first().map_or(style.size, |g| g.size);
        let baseline = height / 2.0 + EM_CENTRE * size;
        Frag::new(
            height,
            set_line(line, x, width, baseline, align, style.fake_bold),
        )
    }

    /// Text set at its natural width from `x` on a baseline, unbroken.
    pub fn text_items(&mut self, text: &str, style: &Style, x: f32, baseline: f32) -> Vec<Item> {
        let glyphs = self.m.glyphs(&[Span { text, bold: false }], style);
        let line = Line { glyphs, last: true };
        set_line(&line, x, line.natural(), baseline, Align::Left, false)
    }

    /// A short text across `width`, wrapped if need be, not justified.
    pub fn text_frag(
        &mut self,
        text: &str,
        style: &Style,
        align: Align,
        height: f32,
        width: f32,
    ) -> Frag {
        let lines = self.plain(text, style, width);
        Frag::stack(
            lines
                .iter()
                .map(|l| self.line_frag(l, 0.0, width, height, align, style))
                .collect(),
        )
    }

    fn paragraph(&mut self, spans: &[Span], style: ParagraphStyle) -> Flow {
        let st = self.st.body.clone();
        let pitch = self.st.pitch;
        let width = self.sheets.portrait.text_width();
        let (indent, align) = match style {
            ParagraphStyle::Body => (2.0 * st.size, Align::Justify),
            ParagraphStyle::Center => (0.0, Align::Center),
            ParagraphStyle::Right => (0.0, Align::Right),
            ParagraphStyle::Note => (0.0, Align::Left),
        };
        let lines = self.lines(spans, &st, width, indent);
        let parts = lines
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let x = if k == 0 { indent } else { 0.0 };
                self.line_frag(l, x, width - x, pitch, align, &st)
            })
            .collect();
        Flow {
            landscape: false,
            parts,
            min_split: 2,
            keep_with_next: false,
        }
    }

    /// Style, line box, alignment and boldness of a heading level: parts
    /// centred in the title font, sections in the heading font, deeper
    /// levels in bold body text.
    fn heading_style(&self, level: u8) -> (Style<'f>, f32, Align, bool) {
        let pitch = self.st.pitch;
        match level {
            1 => (self.st.part.clone(), pitch * 2.0, Align::Center, false),
            2 => (self.st.heading.clone(), pitch, Align::Left, false),
            _ => (self.st.body.clone(), pitch, Align::Left, true),
        }
    }

    fn heading(&mut self, h: &Heading, landscape: bool) -> Flow {
        let (style, pitch, align, bold) = self.heading_style(h.level);
        let geo = self.sheets.get(landscape);
        let width = geo.text_width();
        let indent = if h.level >= 2 {
            2.0 * self.st.body.size
        } else {
            0.0
        };
        let lines = self.lines(
            &[Span {
                text: &h.text,
                bold,
            }],
            &style,
            width - indent,
            0.0,
        );
        let mut frag = Frag::stack(
            lines
                .iter()
                .map(|l| self.line_frag(l, indent, width - indent, pitch, align, &style))
                .collect(),
        );
        if let Some(toc) = &h.toc {
            frag.items.insert(
                0,
                Item::Anchor {
                    id: toc.id.clone(),
                    y: 0.0,
                },
            );
        }
        Flow {
            landscape,
            parts: vec![frag],
            min_split: 1,
            keep_with_next: true,
        }
    }

    fn cover(&mut self, title: &str, subtitle: &str, lines: &[String]) -> Flow {
        let width = self.sheets.portrait.text_width();
        let mut frag = Frag::new(self.sheets.portrait.text_height() * 0.28, Vec::new());
        for (text, style) in [
            (title, self.st.cover.clone()),
            (subtitle, self.st.cover_sub.clone()),
        ] {
            frag.append(self.text_frag(text, &style, Align::Center, style.size * 2.0, width));
        }
        let style = self.st.body.clone();
        frag.append(Frag::new(self.st.pitch * 2.0, Vec::new()));
        for text in lines {
            frag.append(self.text_frag(text, &style, Align::Center, self.st.pitch, width));
        }
        Flow {
            landscape: false,
            parts: vec![frag],
            min_split: 1,
            keep_with_next: false,
        }
    }

    fn signature(&mut self, lines: &[String]) -> Flow {
        let style = self.st.body.clone();
        let width = self.sheets.portrait.text_width();
        let parts = lines
            .iter()
            .map(|l| self.text_frag(l, &style, Align::Right, self.st.pitch, width))
            .collect();
        Flow {
            landscape: false,
            parts: vec![Frag::stack(parts)],
            min_split: 1,
            keep_with_next: false,
        }
    }

    /// Page numbers' glyphs and the draft watermark.
    fn furniture(&mut self, footer: &str, draft: bool) -> Furniture {
        let style = self.st.footer.clone();
        let mut chars: Vec<char> = footer
            .replace(crate::doc::PAGE, "0123456789")
            .chars()
            .collect();
        chars.sort_unstable();
        chars.dedup();
        let footer_glyphs = chars
            .into_iter()
            .filter_map(|c| {
                let text = c.to_string();
                let g = self.m.glyphs(
                    &[Span {
                        text: &text,
                        bold: false,
                    }],
                    &style,
                );
                let g = g.first()?;
                Some((
                    c,
                    Run {
                        face: g.face,
                        text,
                        size: g.size,
                        bold: false,
                        width: g.advance,
                        kerns: Vec::new(),
                    },
                ))
            })
            .collect();
        let watermark = if draft { self.watermark() } else { Vec::new() };
        Furniture {
            footer: footer.to_string(),
            footer_glyphs,
            footer_y: 18.0 * MM,
            watermark,
        }
    }

    /// 仅供内部审核 at 45°, centred on the origin (PDF directions).
    fn watermark(&mut self) -> Vec<Item> {
        let style = self.st.watermark.clone();
        let text = crate::render::WATERMARK_TEXT;
        let glyphs = self.m.glyphs(&[Span { text, bold: false }], &style);
        let line = Line { glyphs, last: true };
        let w = line.natural();
        let d = w / 2.0 / std::f32::consts::SQRT_2;
        let (mut x, mut y) = (-d, -d - style.size * 0.3);
        let mut out = Vec::new();
        for item in set_line(&line, 0.0, w, 0.0, Align::Left, false) {
            if let Item::Text { run, .. } = item {
                let step = run.width / std::f32::consts::SQRT_2;
                out.push(Item::Text {
                    x,
                    y,
                    run,
                    fake_bold: false,
                    watermark: true,
                });
                x += step;
                y += step;
            }
        }
        out
    }
}
