//! Pagination: blocks flow into A4 pages at the body's fixed line pitch.
//! Headings keep with what follows; a paragraph leaves no single line at a
//! page's top or bottom; landscape tables get landscape pages.

use super::page::{Geometry, Item, Page, PageKind};
use super::text::{Line, Measure, Span, Style};
use crate::doc::{Block, Chart, Document, Heading, ParagraphStyle, Run as DocRun, TocEntry};
use crate::fonts::{Face, MissingGlyph, RoleFonts};
use std::collections::HashMap;

/// Where the em box's centre sits above the baseline, in em.
const EM_CENTRE: f32 = 0.38;

/// Text styles of the package, from the layout's font roles and sizes.
pub struct Styles<'f> {
    pub body: Style<'f>,
    pub heading: Style<'f>,
    pub part: Style<'f>,
    pub cover: Style<'f>,
    pub cover_sub: Style<'f>,
    pub table: Style<'f>,
    pub table_title: Style<'f>,
    pub footer: Style<'f>,
    pub watermark: Style<'f>,
    /// Body line pitch.
    pub pitch: f32,
    /// Table line height.
    pub table_line: f32,
}

impl<'f> Styles<'f> {
    pub fn new(doc: &Document, roles: &'f [RoleFonts]) -> Styles<'f> {
        let role = |name: &str| {
            roles
                .iter()
                .find(|r| r.role == name)
                .or_else(|| roles.first())
        };
        // Every role falls back to the others before the bundled faces.
        let chain = |name: &str, bold: bool| -> Vec<&'f Face> {
            let mut v: Vec<&'f Face> = Vec::new();
            if let Some(r) = role(name) {
                v.push(if bold { &r.bold } else { &r.regular });
                v.push(&r.regular);
            }
            for r in roles {
                v.push(&r.regular);
            }
            v
        };
        let style = |name: &str, size: f32| {
            let r = role(name);
            Style {
                regular: chain(name, false),
                bold: chain(name, true),
                size,
                fake_bold: r.is_none_or(|r| r.bold.id == r.regular.id),
            }
        };
        let body = doc.page.body_size_pt;
        let table = doc.page.table_size_pt;
        Styles {
            body: style("body", body),
            heading: style("heading", body),
            part: style("title", 22.0),
            cover: style("title", 26.0),
            cover_sub: style("title", 22.0),
            table: style("table", table),
            table_title: style("heading", 14.0),
            footer: style("body", 14.0),
            watermark: style("heading", 54.0),
            pitch: doc.page.line_pitch_pt,
            table_line: table * 1.35,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

pub struct Flow<'d, 'b, 'f> {
    pub doc: &'d Document,
    pub m: Measure<'b>,
    pub st: &'d Styles<'f>,
    pub pages: Vec<Page>,
    pub geo: Geometry,
    /// Distance below the top of the text area.
    pub y: f32,
    pending_break: bool,
    draft: bool,
    next_number: u32,
    /// Page numbers of the 目录's targets, from the previous pass.
    pub toc_numbers: HashMap<String, u32>,
}

impl<'d, 'b, 'f> Flow<'d, 'b, 'f> {
    pub fn new(doc: &'d Document, m: Measure<'b>, st: &'d Styles<'f>, draft: bool) -> Self {
        Flow {
            doc,
            m,
            st,
            pages: Vec::new(),
            geo: Geometry::a4(&doc.page, false),
            y: 0.0,
            pending_break: false,
            draft,
            next_number: 1,
            toc_numbers: HashMap::new(),
        }
    }

    pub fn new_page(&mut self, landscape: bool, kind: PageKind) {
        self.geo = Geometry::a4(&self.doc.page, landscape);
        let number = (kind == PageKind::Body).then(|| {
            self.next_number += 1;
            self.next_number - 1
        });
        let mut items = Vec::new();
        if self.draft {
            items.push(Item::Watermark);
        }
        self.pages.push(Page {
            width: self.geo.width,
            height: self.geo.height,
            kind,
            number,
            items,
        });
        self.y = 0.0;
        self.pending_break = false;
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page(false, PageKind::Body);
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn push(&mut self, item: Item) {
        self.page().items.push(item);
    }

    /// A body page of the given orientation to write on.
    pub fn ensure_page(&mut self, landscape: bool) {
        let needs_new = match self.pages.last() {
            None => true,
            Some(p) => self.pending_break || p.kind != PageKind::Body || p.landscape() != landscape,
        };
        if needs_new {
            self.new_page(landscape, PageKind::Body);
        }
    }

    pub fn room(&self) -> f32 {
        self.geo.text_height() - self.y
    }

    pub fn at_top(&self) -> bool {
        self.y <= 0.01
    }

    /// Starts a new page of the same orientation when `h` does not fit.
    pub fn need(&mut self, h: f32) {
        if h > self.room() + 0.01 && !self.at_top() {
            let landscape = self.geo.width > self.geo.height;
            self.new_page(landscape, PageKind::Body);
        }
    }

    /// Draws one set line whose box top is `top` (below the text area top).
    #[allow(clippy::too_many_arguments)]
    pub fn draw_line(
        &mut self,
        line: &Line,
        x: f32,
        width: f32,
        top: f32,
        pitch: f32,
        align: Align,
        style: &Style,
    ) {
        let size = line.runs.first().map(|r| r.size).unwrap_or(style.size);
        let baseline = self.geo.y(top + pitch / 2.0) - EM_CENTRE * size;
        let gaps = line.stretchable();
        let justify = align == Align::Justify && !line.last && gaps > 0;
        let mut spacing = 0.0;
        if justify {
            let s = (width - line.width) / gaps as f32;
            // Beyond half an em the gaps read as spaces: leave such a line ragged.
            if s > 0.0 && s < 0.5 * size {
                spacing = s;
            }
        }
        let mut cx = match align {
            Align::Left | Align::Justify => x,
            Align::Center => x + (width - line.width) / 2.0,
            Align::Right => x + width - line.width,
        };
        let last_wide = line.runs.iter().flat_map(|r| r.text.chars()).count();
        let mut seen = 0;
        for run in &line.runs {
            let fake_bold = run.bold && style.fake_bold;
            let pieces = if spacing > 0.0 {
                run.split_wide(&mut self.m)
            } else {
                vec![(run.clone(), false)]
            };
            for (piece, wide) in pieces {
                let n = piece.text.chars().count();
                seen += n;
                // No space after the line's last character.
                let stretched = if wide {
                    if seen == last_wide { n - 1 } else { n }
                } else {
                    0
                };
                let s = if wide { spacing } else { 0.0 };
                let w = piece.width + s * stretched as f32;
                self.push(Item::Text {
                    x: cx,
                    y: baseline,
                    run: piece,
                    spacing: s,
                    fake_bold,
                    watermark: false,
                });
                cx += w;
            }
        }
    }

    /// Lines of a paragraph, placed at the pitch with no lone line at a page edge.
    pub fn place_lines(
        &mut self,
        lines: &[Line],
        indent: f32,
        align: Align,
        style: &Style,
        pitch: f32,
    ) {
        let x0 = self.geo.left;
        let width = self.geo.text_width();
        let mut i = 0;
        let n = lines.len();
        while i < n {
            let fit = (self.room() / pitch + 0.001).floor().max(0.0) as usize;
            let remaining = n - i;
            let take = if remaining <= fit {
                remaining
            } else if fit >= 2 && remaining >= 4 {
                // Leave at least two lines for the next page.
                fit.min(remaining - 2)
            } else if self.at_top() {
                fit.max(1)
            } else {
                0
            };
            if take == 0 {
                let landscape = self.geo.width > self.geo.height;
                self.new_page(landscape, PageKind::Body);
                continue;
            }
            for (k, line) in lines[i..i + take].iter().enumerate() {
                let first = i + k == 0;
                let (x, w) = if first && indent > 0.0 {
                    (x0 + indent, width - indent)
                } else {
                    (x0, width)
                };
                let top = self.y;
                self.draw_line(line, x, w, top, pitch, align, style);
                self.y += pitch;
            }
            i += take;
            if i < n {
                let landscape = self.geo.width > self.geo.height;
                self.new_page(landscape, PageKind::Body);
            }
        }
    }

    pub fn spans(runs: &[DocRun]) -> Vec<Span<'_>> {
        runs.iter()
            .map(|r| Span {
                text: &r.text,
                bold: r.bold,
            })
            .collect()
    }

    /// Lays out the document; `Err` names a character no font has.
    pub fn run(&mut self, blocks: &'d [Block]) -> Result<(), MissingGlyph> {
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Block::Cover(c) => {
                    self.check_text(
                        &format!("{}{}{}", c.title, c.subtitle, c.lines.concat()),
                        "封面",
                    )?;
                    self.cover(&c.title, &c.subtitle, &c.lines);
                }
                Block::Toc { title } => self.toc(title)?,
                Block::PageBreak => self.pending_break = true,
                Block::Heading(h) => {
                    self.check_text(&h.text, &h.text)?;
                    let next = self.first_unit_height(&blocks[i + 1..]);
                    // A heading goes on the page of what follows it, landscape or not.
                    let landscape =
                        matches!(blocks.get(i + 1), Some(Block::Table(t)) if t.landscape);
                    self.heading(h, next, landscape);
                }
                Block::Paragraph(p) => {
                    self.check_text(&p.text(), &excerpt(&p.text()))?;
                    self.ensure_page(false);
                    self.paragraph(&Self::spans(&p.runs), p.style);
                }
                Block::List(l) => {
                    self.ensure_page(false);
                    for item in &l.items {
                        let text: String = item.iter().map(|r| r.text.as_str()).collect();
                        self.check_text(&text, &excerpt(&text))?;
                        self.paragraph(&Self::spans(item), ParagraphStyle::Body);
                    }
                }
                Block::Table(t) => {
                    self.table(t)?;
                }
                Block::Chart(c) => {
                    self.check_text(
                        &c.items.iter().map(|i| i.label.clone()).collect::<String>(),
                        &c.title,
                    )?;
                    self.ensure_page(false);
                    self.chart(c);
                }
                Block::Signature(s) => {
                    self.ensure_page(false);
                    self.check_text(&s.lines.concat(), "落款")?;
                    let pitch = self.st.pitch;
                    self.need(pitch * s.lines.len() as f32);
                    let style = self.st.body.clone();
                    for l in &s.lines {
                        let lines = self.m.break_lines(
                            &[Span {
                                text: l,
                                bold: false,
                            }],
                            &style,
                            self.geo.text_width(),
                            0.0,
                        );
                        self.place_lines(&lines, 0.0, Align::Right, &style, pitch);
                    }
                }
            }
        }
        Ok(())
    }

    pub fn check_text(&self, text: &str, place: &str) -> Result<(), MissingGlyph> {
        self.m.check(text, &self.st.body, place)
    }

    fn paragraph(&mut self, spans: &[Span], style: ParagraphStyle) {
        let st = self.st.body.clone();
        let pitch = self.st.pitch;
        let width = self.geo.text_width();
        let (indent, align) = match style {
            ParagraphStyle::Body => (2.0 * st.size, Align::Justify),
            ParagraphStyle::Center => (0.0, Align::Center),
            ParagraphStyle::Right => (0.0, Align::Right),
            ParagraphStyle::Note => (0.0, Align::Left),
        };
        let lines = self.m.break_lines(spans, &st, width, indent);
        self.place_lines(&lines, indent, align, &st, pitch);
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

    fn heading(&mut self, h: &Heading, next: f32, landscape: bool) {
        self.ensure_page(landscape);
        let (style, pitch, align, bold) = self.heading_style(h.level);
        let width = self.geo.text_width();
        let indent = if h.level >= 2 {
            2.0 * self.st.body.size
        } else {
            0.0
        };
        let lines = self.m.break_lines(
            &[Span {
                text: &h.text,
                bold,
            }],
            &style,
            width - indent,
            0.0,
        );
        let height = pitch * lines.len() as f32;
        // Keep with the first lines of what follows.
        self.need(height + next);
        if let Some(toc) = &h.toc {
            let y = self.geo.y(self.y);
            self.push(Item::Anchor {
                id: toc.id.clone(),
                y,
            });
        }
        let x = self.geo.left + indent;
        for line in &lines {
            let top = self.y;
            self.draw_line(line, x, width - indent, top, pitch, align, &style);
            self.y += pitch;
        }
    }

    /// Height that must follow a heading on its page: two lines of a
    /// paragraph, or a table's title and header with its first rows.
    fn first_unit_height(&mut self, rest: &[Block]) -> f32 {
        let pitch = self.st.pitch;
        match rest.first() {
            Some(Block::Paragraph(_) | Block::List(_) | Block::Signature(_)) => 2.0 * pitch,
            Some(Block::Heading(h)) => {
                let (_, p, _, _) = self.heading_style(h.level);
                p + 2.0 * pitch
            }
            Some(Block::Table(t)) => self.table_start_height(t),
            Some(Block::Chart(_)) => super::chart::HEIGHT,
            _ => 0.0,
        }
    }

    fn cover(&mut self, title: &str, subtitle: &str, lines: &[String]) {
        self.new_page(false, PageKind::Cover);
        self.y = self.geo.text_height() * 0.28;
        for (text, style) in [
            (title, self.st.cover.clone()),
            (subtitle, self.st.cover_sub.clone()),
        ] {
            self.text_line(text, &style, Align::Center, style.size * 2.0);
        }
        let style = self.st.body.clone();
        self.y += self.st.pitch * 2.0;
        for text in lines {
            self.text_line(text, &style, Align::Center, self.st.pitch);
        }
        self.pending_break = true;
    }

    /// The 目录: entries with dot leaders and right-aligned page numbers
    /// (from the previous pass), each linked to its target.
    fn toc(&mut self, title: &str) -> Result<(), MissingGlyph> {
        self.new_page(false, PageKind::Toc);
        let pitch = self.st.pitch;
        let width = self.geo.text_width();
        let title_style = self.st.part.clone();
        self.text_line(title, &title_style, Align::Center, pitch * 2.0);
        let style = self.st.body.clone();
        let entries: Vec<TocEntry> = self.doc.toc_entries().into_iter().cloned().collect();
        let number_room = 3.0 * style.size;
        for e in entries {
            self.check_text(&e.text, "目录")?;
            let indent = f32::from(e.level.saturating_sub(1)) * style.size;
            let x = self.geo.left + indent;
            let avail = width - indent - number_room;
            let lines = self.m.break_lines(
                &[Span {
                    text: &e.text,
                    bold: false,
                }],
                &style,
                avail,
                0.0,
            );
            if self.room() < pitch * lines.len() as f32 {
                self.new_page(false, PageKind::Toc);
            }
            let top_of_entry = self.y;
            for l in &lines {
                let top = self.y;
                self.draw_line(l, x, avail, top, pitch, Align::Left, &style);
                if l.last {
                    // Dot leader from the text's end to the number.
                    let number = self
                        .toc_numbers
                        .get(&e.id)
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "0".into());
                    let nw = self.m.width(&number, &style, false);
                    let dot = self.m.width("．", &style, false).max(1.0) * 0.5;
                    let from = x + l.width + dot;
                    let to = self.geo.left + width - nw - dot;
                    let baseline = self.geo.y(top + pitch / 2.0) - EM_CENTRE * style.size;
                    let dots = ((to - from) / dot).floor().max(0.0) as usize;
                    if dots > 0 {
                        let leader = ".".repeat(dots);
                        let lw = self.m.width(&leader, &style, false);
                        self.text_at(&leader, to - lw, baseline, &style);
                    }
                    self.text_at(&number, self.geo.left + width - nw, baseline, &style);
                }
                self.y += pitch;
            }
            let rect = [
                x,
                self.geo.y(self.y),
                self.geo.left + width,
                self.geo.y(top_of_entry),
            ];
            self.push(Item::Link {
                rect,
                target: e.id.clone(),
            });
        }
        self.pending_break = true;
        Ok(())
    }

    /// A short text across the text width (wrapped if need be), each line
    /// in a box of `height`, not justified.
    pub fn text_line(&mut self, text: &str, style: &Style, align: Align, height: f32) {
        let width = self.geo.text_width();
        let lines = self
            .m
            .break_lines(&[Span { text, bold: false }], style, width, 0.0);
        for l in &lines {
            let top = self.y;
            self.draw_line(l, self.geo.left, width, top, height, align, style);
            self.y += height;
        }
    }

    /// Plain text starting at `x` on a baseline, no justification.
    pub fn text_at(&mut self, text: &str, x: f32, baseline: f32, style: &Style) {
        let mut cx = x;
        for run in self.m.runs(&[Span { text, bold: false }], style) {
            let w = run.width;
            self.push(Item::Text {
                x: cx,
                y: baseline,
                run,
                spacing: 0.0,
                fake_bold: false,
                watermark: false,
            });
            cx += w;
        }
    }

    pub fn chart(&mut self, c: &Chart) {
        super::chart::place(self, c);
    }
}

fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(24).collect();
    if short.chars().count() < text.chars().count() {
        format!("“{short}……”")
    } else {
        format!("“{short}”")
    }
}
