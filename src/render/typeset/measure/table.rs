//! Ruled tables measured for distribution: columns sized from their
//! content, the orientation that fits, cell text wrapped, and the rows cut
//! into groups a span joins (which never split).

use super::Measurer;
use super::cells::{CellBox, CellText, Measured, Needs, Probe, Shaped};
use super::columns::widths;
use crate::doc::{Align as DocAlign, Row, Table};
use crate::fonts::MissingGlyph;
use crate::render::typeset::boxes::{Frag, TableBox};
use crate::render::typeset::linebreak::{Breakable, Line, Wrap};
use crate::render::typeset::page::Item;
use crate::render::typeset::setline::Align;
use crate::render::typeset::text::Span;
use std::cell::RefCell;
use std::rc::Rc;

const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 2.0;
use crate::render::typeset::boxes::TABLE_RULE as RULE;
/// A text cell wraps to no fewer characters than this per line.
const MIN_TEXT_CHARS: f32 = 4.0;
/// A table longer than this many pages is not tried smaller: no size the
/// layout allows would bring it onto one.
const SHRINK_WITHIN_PAGES: f32 = 1.5;

impl Measurer<'_, '_, '_> {
    fn rows(t: &Table) -> Vec<Row> {
        t.header.iter().chain(&t.body).cloned().collect()
    }

    fn indent(&self, t: &Table, row: &Row, col: usize, header: bool) -> f32 {
        if !header && t.label_column(row) == Some(col) {
            f32::from(row.level) * self.table.size
        } else {
            0.0
        }
    }

    fn needs(&mut self, t: &Table, all: &[Row]) -> Rc<Shaped> {
        let key = (self.tables.now(t), self.table.size.to_bits());
        if let Some(hit) = self.tables.needs.get(&key) {
            return hit.clone();
        }
        let needs = Rc::new(self.needs_anew(t, all));
        self.tables.needs.insert(key, needs.clone());
        needs
    }

    fn needs_anew(&mut self, t: &Table, all: &[Row]) -> Shaped {
        let style = self.table.clone();
        let n = t.width();
        let mut natural = vec![2.0 * style.size; n];
        let mut least = vec![2.0 * style.size; n];
        // A probe is large and a table has hundreds of cells: grown one at
        // a time, the vector was copied again and again.
        let grid = t.grid(all);
        let mut probes = Vec::with_capacity(grid.len());
        for g in grid {
            let row = &all[g.row];
            let header = g.row < t.header.len();
            let bold = Table::cell_bold(g.cell, row, header);
            let pad = 2.0 * PAD_X + self.indent(t, row, g.col, header) + 1.0;
            let glyphs = self.m.glyphs(
                &[Span {
                    text: g.cell.text(),
                    bold,
                }],
                &style,
            );
            let full: f32 = glyphs.iter().map(|g| g.advance).sum();
            let text = (!glyphs.is_empty()).then(|| CellText {
                breaks: Breakable::new(&glyphs, Wrap::Words),
                glyphs,
            });
            if g.cell.colspan == 1 {
                let unit = text.as_ref().map_or(0.0, |t| t.breaks.widest());
                let soft = if g.cell.is_number() {
                    full
                } else {
                    unit.max(full.min(MIN_TEXT_CHARS * style.size))
                };
                natural[g.col] = natural[g.col].max(full + pad);
                least[g.col] = least[g.col].max(soft + pad);
            }
            probes.push(Probe {
                row: g.row,
                col: g.col,
                colspan: g.cell.colspan,
                rowspan: g.cell.rowspan.max(1),
                pad,
                text,
                counted: RefCell::default(),
            });
        }
        (Needs { natural, least }, probes)
    }

    fn measure_table(&mut self, t: &Table, width: f32) -> Rc<Measured> {
        let key = (
            self.tables.now(t),
            width.to_bits(),
            self.table.size.to_bits(),
        );
        if let Some(hit) = self.tables.at_width.get(&key) {
            return hit.clone();
        }
        let measured = Rc::new(self.measure_table_anew(t, width));
        self.tables.at_width.insert(key, measured.clone());
        measured
    }

    fn measure_table_anew(&mut self, t: &Table, width: f32) -> Measured {
        let all = Self::rows(t);
        let shaped = self.needs(t, &all);
        let (needs, probes) = (&shaped.0, &shaped.1);
        let relative: Vec<f32> = t.columns.iter().map(|c| c.width).collect();
        let step = 0.5 * self.table.size;
        let widths = widths(needs, probes, all.len(), &relative, width, step);
        let style = self.table.clone();
        let lh = self.table_line;
        let mut cells = Vec::with_capacity(probes.len());
        // The grid in the order the probes were made: each cell's shaped
        // text is its probe's.
        for (g, probe) in t.grid(&all).into_iter().zip(probes.iter()) {
            let header = g.row < t.header.len();
            let row = &all[g.row];
            let align = match t.cell_align(g.cell, g.col, header) {
                DocAlign::Left => Align::Left,
                DocAlign::Center => Align::Center,
                DocAlign::Right => Align::Right,
            };
            let indent = self.indent(t, row, g.col, header);
            let w: f32 =
                widths[g.col..g.col + g.cell.colspan].iter().sum::<f32>() - 2.0 * PAD_X - indent;
            let lines = match &probe.text {
                None if g.cell.text().is_empty() => Vec::new(),
                // Text that shaped to nothing is one empty line.
                None => vec![Line {
                    glyphs: Vec::new(),
                    last: true,
                }],
                Some(text) => balanced(text, w.max(style.size)),
            };
            cells.push(CellBox {
                row: g.row,
                col: g.col,
                colspan: g.cell.colspan,
                rowspan: g.cell.rowspan.min(all.len() - g.row).max(1),
                lines,
                align,
                indent,
            });
        }
        let mut heights = vec![lh + 2.0 * PAD_Y; all.len()];
        for c in cells.iter().filter(|c| c.rowspan == 1) {
            heights[c.row] = heights[c.row].max(c.lines.len() as f32 * lh + 2.0 * PAD_Y);
        }
        for c in cells.iter().filter(|c| c.rowspan > 1) {
            let need = c.lines.len() as f32 * lh + 2.0 * PAD_Y;
            let have: f32 = heights[c.row..c.row + c.rowspan].iter().sum();
            if need > have {
                heights[c.row + c.rowspan - 1] += need - have;
            }
        }
        let h = t.header.len();
        Measured {
            widths,
            heights,
            groups: groups(&t.keeps_with_next(), h),
            cells,
            header_rows: h,
        }
    }

    /// The size a table is set at when nothing asks for smaller: its own
    /// (`size_pt`) or the layout's table size.
    fn normal_size(&self, t: &Table) -> f32 {
        t.size_pt.unwrap_or(self.st.table.size)
    }

    /// The smallest size the layout allows a table.
    fn smallest_size(&self, t: &Table) -> f32 {
        let normal = self.normal_size(t);
        self.doc
            .page
            .table_min_size_pt
            .unwrap_or(normal)
            .min(normal)
    }

    /// The largest size, from the layout's down to its least by half
    /// points, at which no column of the table is narrower than its widest
    /// word at `width`; `None` when even the least is too wide.
    fn size_for_width(&mut self, t: &Table, width: f32) -> Option<f32> {
        let all = Self::rows(t);
        let normal = self.normal_size(t);
        let smallest = self.smallest_size(t);
        let mut size = normal;
        loop {
            let least: f32 = self.at_size(size, |me| me.needs(t, &all).0.least.iter().sum());
            if least <= width {
                return Some(size);
            }
            if size - 0.5 < smallest - 0.01 {
                return None;
            }
            size -= 0.5;
        }
    }

    /// Pages a table takes at `size` on a sheet.
    fn pages_at(&mut self, t: &Table, landscape: bool, size: f32) -> f32 {
        let geo = self.sheets.get(landscape);
        let (width, page) = (geo.text_width(), geo.text_height());
        let rows = self.at_size(size, |me| {
            let m = me.measure_table(t, width);
            m.height(0, m.heights.len()) + 4.0 * me.table_line * 1.6
        });
        (rows / page).ceil()
    }

    /// Landscape only when the table fits upright at no size the layout
    /// allows, or needs fewer pages turned than upright at any such size
    /// (a 绩效 form a few lines over a page is set smaller, not sideways).
    pub fn table_landscape(&mut self, t: &Table) -> bool {
        let upright = self.sheets.portrait.text_width();
        let Some(size) = self.size_for_width(t, upright) else {
            return true;
        };
        let portrait = self.pages_at(t, false, size);
        let landscape = self.pages_at(t, true, self.normal_size(t));
        if landscape >= portrait {
            return false;
        }
        let smallest = self.smallest_size(t);
        landscape < self.pages_at(t, false, smallest)
    }

    /// The size a table starts at on a sheet: the layout's, or as much
    /// smaller as its widest words need (see [`Self::size_for_width`]).
    pub fn starting_size(&mut self, t: &Table, landscape: bool) -> f32 {
        let width = self.sheets.get(landscape).text_width();
        self.size_for_width(t, width)
            .unwrap_or_else(|| self.normal_size(t))
    }

    /// The table at the layout's size, or smaller: as needed for its widest
    /// words to fit the width, then, when it would split a table that fits
    /// `room`, as needed to fit it, down to the layout's least; with the
    /// size it was set at.
    pub fn fitted_table(
        &mut self,
        t: &Table,
        landscape: bool,
        room: f32,
    ) -> Result<(f32, TableBox), MissingGlyph> {
        let least = self.smallest_size(t);
        let mut size = self.starting_size(t, landscape);
        let mut table = self.sized_table(t, landscape, size)?;
        let page = self.sheets.get(landscape).text_height();
        if table.height() > room && table.height() <= SHRINK_WITHIN_PAGES * page {
            let mut trial = size;
            while trial - 0.5 >= least - 0.01 {
                trial -= 0.5;
                let smaller = self.sized_table(t, landscape, trial)?;
                if smaller.height() <= room {
                    (size, table) = (trial, smaller);
                    break;
                }
            }
        }
        Ok((size, table))
    }

    /// The table set at `size`.
    pub fn sized_table(
        &mut self,
        t: &Table,
        landscape: bool,
        size: f32,
    ) -> Result<TableBox, MissingGlyph> {
        self.at_size(size, |me| me.table(t, landscape))
    }

    /// Every cell's text and its lines at a table size, for checking breaks.
    #[cfg(test)]
    pub fn cell_lines(
        &mut self,
        t: &Table,
        landscape: bool,
        size: f32,
    ) -> Vec<(bool, String, Vec<String>)> {
        let width = self.sheets.get(landscape).text_width();
        self.at_size(size, |me| {
            let m = me.measure_table(t, width);
            let all = Self::rows(t);
            t.grid(&all)
                .iter()
                .zip(&m.cells)
                .map(|(g, c)| {
                    let lines = c.lines.iter().map(Line::text).collect();
                    (g.cell.is_number(), g.cell.text().to_string(), lines)
                })
                .collect()
        })
    }

    /// `then` done with tables set at `size` (and their line pitch in
    /// proportion); the layout's size again after.
    fn at_size<R>(&mut self, size: f32, then: impl FnOnce(&mut Self) -> R) -> R {
        let set = |me: &mut Self, size: f32| {
            me.table.size = size;
            me.table_line = size * me.st.table_line / me.st.table.size;
        };
        set(self, size);
        let out = then(self);
        set(self, self.st.table.size);
        out
    }

    /// The table at the current size: [`Self::sized_table`] says which.
    fn table(&mut self, t: &Table, landscape: bool) -> Result<TableBox, MissingGlyph> {
        let place = format!("表格“{}”", t.title);
        for text in [
            Some(&t.title),
            t.caption.as_ref(),
            t.subtitle.as_ref(),
            t.unit_name.as_ref(),
            t.unit.as_ref(),
            t.note.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            self.check(text, &place)?;
        }
        for row in t.header.iter().chain(&t.body) {
            for c in &row.cells {
                self.check(c.text(), &place)?;
            }
        }
        let geo = self.sheets.get(landscape);
        let width = geo.text_width();
        let m = self.measure_table(t, width);
        let lh = self.table_line;
        let style = self.table.clone();
        let title_style = self.st.table_title.clone();
        let mut head = Frag::default();
        if let Some(toc) = &t.toc {
            head.items.push(Item::Anchor {
                id: toc.id.clone(),
                y: 0.0,
            });
        }
        if let Some(c) = &t.caption {
            head.append(self.text_frag(c, &style, Align::Left, lh * 1.6, width));
        }
        head.append(self.text_frag(&t.title, &title_style, Align::Center, lh * 1.6, width));
        if let Some(s) = &t.subtitle {
            head.append(self.text_frag(s, &style, Align::Center, lh * 1.6, width));
        }
        head.append(self.unit_line(
            t.unit_name.as_deref().unwrap_or(""),
            t.unit.as_deref(),
            width,
        ));
        let header = self.rows_frag(&m, 0, m.header_rows, f32::MAX);
        let continued = self.unit_line(&self.doc.page.continued, t.unit.as_deref(), width);
        // A row taller than a continuation page holds is cut between its
        // lines and goes on under 续表: nothing is drawn off the sheet. The
        // first piece carries the rows' count, so pages count rows right.
        let room = geo.text_height() - continued.height - header.height;
        let mut groups = Vec::new();
        for &(a, b) in &m.groups {
            let rows = self.rows_frag(&m, a, b, room);
            for (k, piece) in rows.split(room).into_iter().enumerate() {
                groups.push((piece, if k == 0 { b - a } else { 0 }));
            }
        }
        Ok(TableBox {
            landscape,
            head,
            header,
            continued,
            groups,
            note: t
                .note
                .as_ref()
                .map(|n| self.text_frag(n, &style, Align::Left, lh * 1.6, width)),
            space_after: lh,
        })
    }

    /// 单位名称 (or 续表) on the left, 单位：万元 on the right.
    fn unit_line(&mut self, left: &str, right: Option<&str>, width: f32) -> Frag {
        let height = self.table_line * 1.6;
        if left.is_empty() && right.is_none() {
            return Frag::default();
        }
        let style = self.table.clone();
        let mut items = Vec::new();
        for (text, align) in [(left, Align::Left), (right.unwrap_or(""), Align::Right)] {
            if let Some(l) = self.plain(text, &style, width).first()
                && !text.is_empty()
            {
                items.extend(self.line_frag(l, 0.0, width, height, align, &style).items);
            }
        }
        Frag::new(height, items)
    }

    /// Rows [from, to): rules, then text, relative to the first row's top.
    /// Cells are centred in their rows, but at the top of a row taller than
    /// `room` (cut over pages: its amounts are seen where the row starts).
    fn rows_frag(&self, m: &Measured, from: usize, to: usize, room: f32) -> Frag {
        if from >= to {
            return Frag::default();
        }
        let style = self.table.clone();
        let lh = self.table_line;
        let mut tops = vec![0.0; to - from + 1];
        for r in from..to {
            tops[r - from + 1] = tops[r - from] + m.heights[r];
        }
        let col_x: Vec<f32> = std::iter::once(0.0)
            .chain(m.widths.iter().scan(0.0, |acc, w| {
                *acc += w;
                Some(*acc)
            }))
            .collect();
        let mut items = Vec::new();
        for c in m.cells.iter().filter(|c| c.row >= from && c.row < to) {
            let end = (c.row + c.rowspan).min(to);
            let (top, bottom) = (tops[c.row - from], tops[end - from]);
            let (left, right) = (col_x[c.col], col_x[c.col + c.colspan]);
            for (a, b) in [
                ((left, top), (right, top)),
                ((left, bottom), (right, bottom)),
                ((left, top), (left, bottom)),
                ((right, top), (right, bottom)),
            ] {
                items.push(Item::Rule {
                    from: a,
                    to: b,
                    width: RULE,
                });
            }
            let block = c.lines.len() as f32 * lh;
            let mut line_top = if bottom - top > room {
                top
            } else {
                top + ((bottom - top) - block) / 2.0
            };
            let w = right - left - 2.0 * PAD_X - c.indent;
            for l in &c.lines {
                let f = self.line_frag(l, left + PAD_X + c.indent, w, lh, c.align, &style);
                items.extend(f.items.into_iter().map(|i| i.offset(0.0, line_top)));
                line_top += lh;
            }
        }
        Frag::new(tops[to - from], items)
    }
}

/// A short cell's lines made even (“国有资本/经营预算”, not “国有资本经/营预算”):
/// broken at the narrowest width that needs no more lines and still holds
/// its widest word (narrower, the count holds only by cutting one).
fn balanced(text: &CellText, width: f32) -> Vec<Line> {
    let (glyphs, breaks) = (&text.glyphs, &text.breaks);
    let n = breaks.lines(width);
    if !(2..=3).contains(&n) {
        return breaks.broken(glyphs.clone(), width, 0.0);
    }
    let widest = breaks.widest().min(width);
    let (mut lo, mut hi) = ((width / n as f32).max(widest), width);
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        if breaks.lines(mid) <= n {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    breaks.broken(glyphs.clone(), hi, 0.0)
}

/// Body row groups: rows that must share a page ([`Table::keeps_with_next`]).
fn groups(keeps: &[bool], header: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = header;
    for (r, keep) in keeps.iter().enumerate().skip(header) {
        if !keep {
            out.push((start, r + 1));
            start = r + 1;
        }
    }
    if start < keeps.len() {
        out.push((start, keeps.len()));
    }
    out
}
