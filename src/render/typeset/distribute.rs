//! Distribution: measured elements onto pages. Every keep lives here: a
//! heading stays with what follows, a paragraph leaves no single line at a
//! page's edge, a table that fits on a page is not split, a table's title
//! and header never end a page without three rows after them, and no
//! continuation page holds fewer than three rows. Page numbers and the
//! draft watermark are placed here too.

use super::boxes::{Element, Flow, Frag, Furniture, TableBox};
use super::page::{Geometry, Item, Page, PageKind, Sheets, TableSlice};

/// Rows a table's first page and each continuation page hold at least.
pub const MIN_ROWS: usize = 3;

/// Lays the elements onto pages of the given portrait and landscape geometry.
#[cfg(test)]
pub fn distribute(elements: &[Element], sheets: Sheets, furniture: &Furniture) -> Vec<Page> {
    let mut pages = Vec::new();
    distribute_into(elements, sheets, furniture, &mut |p| pages.push(p));
    pages
}

/// Like [`distribute`], handing each page to `sink` as soon as it is full:
/// only the page being filled is held.
pub fn distribute_into(
    elements: &[Element],
    sheets: Sheets,
    furniture: &Furniture,
    sink: &mut dyn FnMut(Page),
) {
    let mut d = Distributor {
        sheets,
        geo: sheets.portrait,
        page: None,
        furniture,
        sink,
        y: 0.0,
        pending_break: false,
        next_number: 1,
        kept_from: None,
    };
    for (i, e) in elements.iter().enumerate() {
        match e {
            Element::NewPage(kind) => d.new_page(false, *kind),
            Element::Break => d.pending_break = true,
            Element::Flow(f) => {
                let page = d.sheets.get(f.landscape).text_height() - f.height();
                let follow = start_height(&elements[i + 1..], page);
                d.flow(f, follow);
            }
            Element::Table(t) => d.table(t, i),
        }
    }
    d.hand_on();
}

struct Distributor<'a> {
    sheets: Sheets,
    geo: Geometry,
    /// The page being filled.
    page: Option<Page>,
    furniture: &'a Furniture,
    sink: &'a mut dyn FnMut(Page),
    /// Distance below the top of the text area.
    y: f32,
    pending_break: bool,
    next_number: u32,
    /// Where the headings kept with what follows began on this page.
    kept_from: Option<f32>,
}

/// The height of what must open a page together with the element before
/// it: two lines of a paragraph, a heading with its own follower, a table's
/// title, header and first rows (or all of it when it fits on a page).
/// `page_height` is what a fresh page leaves after the headings above.
fn start_height(rest: &[Element], page_height: f32) -> f32 {
    match rest.first() {
        Some(Element::Flow(f)) if f.keep_with_next => {
            f.height() + start_height(&rest[1..], page_height - f.height())
        }
        Some(Element::Flow(f)) => {
            // What `flow` can put first: `min` lines, or the whole of a
            // paragraph too short to leave `min` on each side of a break.
            let min = f.min_split.max(1);
            let lines = if f.parts.len() < 2 * min {
                f.parts.len()
            } else {
                min
            };
            f.parts.iter().take(lines).map(|p| p.height).sum()
        }
        Some(Element::Table(t)) => table_start(t, page_height),
        _ => 0.0,
    }
}

/// A table's head, header and first rows, or the whole table when it fits.
fn table_start(t: &TableBox, page_height: f32) -> f32 {
    if t.height() <= page_height {
        return t.height();
    }
    let mut rows = 0;
    let mut h = t.head.height + t.header.height;
    for (i, (g, n)) in t.groups.iter().enumerate() {
        h += g.height;
        rows += n;
        if i + 1 == t.groups.len() {
            h += t.note.as_ref().map_or(0.0, |n| n.height);
        }
        if rows >= MIN_ROWS {
            break;
        }
    }
    h
}

impl Distributor<'_> {
    /// The page being filled, decorated, to the sink.
    fn hand_on(&mut self) {
        if let Some(mut page) = self.page.take() {
            decorate(&mut page, self.furniture);
            (self.sink)(page);
        }
    }

    fn new_page(&mut self, landscape: bool, kind: PageKind) {
        self.hand_on();
        self.geo = self.sheets.get(landscape);
        let number = (kind == PageKind::Body).then(|| {
            self.next_number += 1;
            self.next_number - 1
        });
        self.page = Some(Page {
            width: self.geo.width,
            height: self.geo.height,
            kind,
            number,
            items: Vec::new(),
            tables: Vec::new(),
        });
        self.y = 0.0;
        self.pending_break = false;
        self.kept_from = None;
    }

    /// The next page of the same kind and orientation.
    fn next_page(&mut self) {
        let kind = self.page.as_ref().map_or(PageKind::Body, |p| p.kind);
        self.new_page(self.geo.landscape(), kind);
    }

    /// A page of the given orientation to write on.
    fn ensure_page(&mut self, landscape: bool) {
        let needs_new = match self.page.as_ref() {
            None => true,
            Some(p) => self.pending_break || p.landscape() != landscape,
        };
        if needs_new {
            self.new_page(landscape, PageKind::Body);
        }
    }

    fn room(&self) -> f32 {
        self.geo.text_height() - self.y
    }

    fn at_top(&self) -> bool {
        self.y <= 0.01
    }

    /// Starts a new page when `h` does not fit here.
    fn need(&mut self, h: f32) {
        if h > self.room() + 0.01 && !self.at_top() {
            self.next_page();
        }
    }

    fn put(&mut self, frag: &Frag) {
        let (left, top) = (self.geo.left, self.geo.y(self.y));
        if let Some(page) = self.page.as_mut() {
            page.items
                .extend(frag.items.iter().map(|i| i.placed(left, top)));
        }
        self.y += frag.height;
    }

    fn flow(&mut self, f: &Flow, follow: f32) {
        self.ensure_page(f.landscape);
        if f.keep_with_next {
            self.need(f.height() + follow);
            let from = *self.kept_from.get_or_insert(self.y);
            for p in &f.parts {
                self.put(p);
            }
            self.kept_from = Some(from);
            return;
        }
        self.kept_from = None;
        let n = f.parts.len();
        let min = f.min_split.max(1);
        let mut i = 0;
        while i < n {
            let mut fit = 0;
            let mut h = 0.0;
            while i + fit < n && h + f.parts[i + fit].height <= self.room() + 0.01 {
                h += f.parts[i + fit].height;
                fit += 1;
            }
            let remaining = n - i;
            let take = if fit >= remaining {
                remaining
            } else if fit >= min && remaining - fit >= min {
                fit
            } else if fit >= min && remaining >= 2 * min {
                // Leave enough for the next page (4 lines at 2 a side: 2 + 2).
                remaining - min
            } else if self.at_top() {
                fit.max(1)
            } else {
                0
            };
            for p in &f.parts[i..i + take] {
                self.put(p);
            }
            i += take;
            if i < n {
                self.next_page();
            }
        }
    }

    fn table(&mut self, t: &TableBox, element: usize) {
        self.ensure_page(t.landscape);
        let page = self.geo.text_height();
        let note = t.note.as_ref().map_or(0.0, |n| n.height);
        // Headings above share the first page: a table that fits only
        // without them is split rather than leave them alone on a page.
        let headings = self.kept_from.map_or(0.0, |from| self.y - from);
        self.kept_from = None;
        self.need(table_start(t, page - headings));
        self.put(&t.head);
        self.put(&t.header);
        let heights: Vec<(f32, usize)> = t.groups.iter().map(|(g, n)| (g.height, *n)).collect();
        let chunks = split_rows(
            &heights,
            self.room(),
            page - t.continued.height - t.header.height,
            note,
        );
        let count = chunks.len();
        for (k, range) in chunks.into_iter().enumerate() {
            if k > 0 {
                self.next_page();
                self.put(&t.continued);
                self.put(&t.header);
            }
            let mut rows = 0;
            for (g, n) in &t.groups[range] {
                self.put(g);
                rows += n;
            }
            if let Some(page) = self.page.as_mut() {
                page.tables.push(TableSlice {
                    element,
                    rows,
                    continued: k > 0,
                    ends: k + 1 == count,
                });
            }
        }
        if let Some(n) = &t.note {
            self.put(n);
        }
        self.y = (self.y + t.space_after).min(self.geo.text_height());
    }
}

/// Cuts row groups (height, rows) into pages: the first page has `first`
/// points of room, each following one `next`; the last group keeps `tail`
/// (the note) with it. No page after the first holds fewer than
/// [`MIN_ROWS`] rows when the page before can give them.
pub fn split_rows(
    groups: &[(f32, usize)],
    first: f32,
    next: f32,
    tail: f32,
) -> Vec<std::ops::Range<usize>> {
    let mut chunks: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    let mut room = first;
    let n = groups.len();
    while start < n {
        let mut end = start;
        let mut h = 0.0;
        while end < n {
            let extra = if end + 1 == n { tail } else { 0.0 };
            if h + groups[end].0 + extra > room + 0.01 {
                break;
            }
            h += groups[end].0;
            end += 1;
        }
        if end == start {
            // A group taller than the room overflows rather than loops.
            end = start + 1;
        }
        chunks.push(start..end);
        start = end;
        room = next;
    }
    let rows = |r: &std::ops::Range<usize>| groups[r.clone()].iter().map(|g| g.1).sum::<usize>();
    let k = chunks.len();
    if k >= 2 {
        let last_h =
            |r: &std::ops::Range<usize>| groups[r.clone()].iter().map(|g| g.0).sum::<f32>() + tail;
        while rows(&chunks[k - 1]) < MIN_ROWS {
            let prev = chunks[k - 2].clone();
            if prev.len() < 2 {
                break;
            }
            let moved = prev.end - 1..chunks[k - 1].end;
            let keeps = prev.start..prev.end - 1;
            if rows(&keeps) < MIN_ROWS || last_h(&moved) > next + 0.01 {
                break;
            }
            chunks[k - 2] = keeps;
            chunks[k - 1] = moved;
        }
    }
    chunks
}

/// Adds the page number (“- N -”) and the draft watermark to a page.
fn decorate(page: &mut Page, f: &Furniture) {
    if !f.watermark.is_empty() {
        let (cx, cy) = (page.width / 2.0, page.height / 2.0);
        let marks: Vec<Item> = f
            .watermark
            .iter()
            .map(|i| i.clone().offset(cx, cy))
            .collect();
        page.items.splice(0..0, marks);
    }
    let Some(n) = page.number else {
        return;
    };
    let text = f.footer.replace(crate::doc::PAGE, &n.to_string());
    let runs: Vec<_> = text
        .chars()
        .filter_map(|c| f.footer_glyphs.iter().find(|(g, _)| *g == c))
        .map(|(_, r)| r.clone())
        .collect();
    let width: f32 = runs.iter().map(|r| r.width).sum();
    let mut x = (page.width - width) / 2.0;
    for run in runs {
        let w = run.width;
        page.items.push(Item::Text {
            x,
            y: f.footer_y,
            run: Box::new(run),
            fake_bold: false,
            watermark: false,
        });
        x += w;
    }
}

#[cfg(test)]
mod tests;
