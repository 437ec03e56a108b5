//! The typesetter for the fixed-layout formats (PDF, OFD), in two stages
//! with plain data between them (as typst's flow layout does): **measure**
//! turns blocks into sized pieces (lines set with 禁则 and justification,
//! table row groups, the chart, the 目录), **distribute** lays them onto
//! pages with every keep and 续表 rule and adds page numbers and the
//! watermark. A painter then draws the pages; the 目录's numbers come from
//! the previous pass.

mod boxes;
mod distribute;
mod lexicon;
mod linebreak;
mod measure;
mod page;
mod setline;
mod style;
mod text;
mod words;

pub use page::{FAKE_BOLD_STROKE, Item, MM, Page, PageKind, Run, WATERMARK_ANGLE, WATERMARK_GREY};
pub use text::Measure;

use crate::doc::{Document, TocEntry};
use crate::fonts::{FontBook, MissingGlyph};
use page::Sheets;
use std::collections::HashMap;
use style::Styles;

/// Measures once, then distributes until the 目录's page numbers stop
/// changing (twice, normally), measuring only the 目录 again.
pub fn lay_out(doc: &Document, draft: bool, book: &FontBook) -> Result<Vec<Page>, MissingGlyph> {
    let laid = prepare(doc, draft, book)?;
    let mut pages = Vec::new();
    laid.pages(&mut |p| pages.push(p));
    Ok(pages)
}

/// A document measured, its page numbers settled: ready to hand its pages
/// over one by one ([`Laid::pages`]) without holding them all.
pub struct Laid {
    measured: measure::Measured,
    sheets: Sheets,
    faces: FacesUsed,
}

/// The faces in the order the pages first use them, each with the
/// characters drawn in it: what a painter embeds.
pub type FacesUsed = Vec<(fontdb::ID, std::collections::BTreeSet<char>)>;

impl Laid {
    /// The faces and characters the pages will use.
    pub fn faces(&self) -> &FacesUsed {
        &self.faces
    }

    /// Distributes the pages again (the same pages as the settling pass),
    /// each to `sink` once it is full.
    pub fn pages(&self, sink: &mut dyn FnMut(Page)) {
        distribute::distribute_into(
            &self.measured.elements,
            self.sheets,
            &self.measured.furniture,
            sink,
        );
    }
}

/// Measures, then distributes until the page numbers the 目录 shows are
/// the ones its entries land on, keeping of each pass only those numbers
/// and the faces used.
pub fn prepare(doc: &Document, draft: bool, book: &FontBook) -> Result<Laid, MissingGlyph> {
    let roles = book.resolve(&doc.fonts);
    let styles = Styles::new(doc, &roles);
    let sheets = Sheets::of(&doc.page);
    let mut m = Measure::new(book);
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let mut measured = measure::measure(doc, &mut m, &styles, &numbers, draft)?;
    let mut faces = Vec::new();
    for pass in 0..4 {
        if pass > 0 {
            measured.renumber(doc, &mut m, &styles, &numbers)?;
        }
        let mut found = HashMap::new();
        faces = Vec::new();
        distribute::distribute_into(&measured.elements, sheets, &measured.furniture, &mut |p| {
            note_numbers(&mut found, &p);
            note_faces(&mut faces, &p);
        });
        let stable = found == numbers;
        numbers = found;
        if stable {
            break;
        }
    }
    Ok(Laid {
        measured,
        sheets,
        faces,
    })
}

/// The faces of `pages`, as [`Laid::faces`] gives them.
pub fn faces_used(pages: &[Page]) -> FacesUsed {
    let mut order = Vec::new();
    for p in pages {
        note_faces(&mut order, p);
    }
    order
}

fn note_faces(order: &mut FacesUsed, p: &Page) {
    for item in &p.items {
        if let Item::Text { run, .. } = item {
            let at = match order.iter().position(|(f, _)| *f == run.face) {
                Some(i) => i,
                None => {
                    order.push((run.face, Default::default()));
                    order.len() - 1
                }
            };
            order[at].1.extend(run.text.chars());
        }
    }
}

/// The printed number of each anchor on `p` not seen before.
fn note_numbers(found: &mut HashMap<String, u32>, p: &Page) {
    for item in &p.items {
        if let Item::Anchor { id, .. } = item
            && !found.contains_key(id)
        {
            found.insert(id.clone(), p.number.unwrap_or(0));
        }
    }
}

/// Where each anchor is: its page's index and its y, first occurrence.
pub fn anchors(pages: &[Page]) -> HashMap<&str, (usize, f32)> {
    let mut out = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        for item in &p.items {
            if let Item::Anchor { id, y } = item {
                out.entry(id.as_str()).or_insert((i, *y));
            }
        }
    }
    out
}

/// The 目录 entries that were placed, each with where it is and its
/// parent in the outline (the nearest earlier entry of a lower level).
pub struct OutlineEntry<'d> {
    pub entry: &'d TocEntry,
    pub page: usize,
    pub y: f32,
    pub parent: Option<usize>,
}

pub fn outline<'d>(
    entries: &[&'d TocEntry],
    anchors: &HashMap<&str, (usize, f32)>,
) -> Vec<OutlineEntry<'d>> {
    let mut out: Vec<OutlineEntry> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for e in entries {
        let Some(&(page, y)) = anchors.get(e.id.as_str()) else {
            continue;
        };
        while stack.last().is_some_and(|&s| out[s].entry.level >= e.level) {
            stack.pop();
        }
        out.push(OutlineEntry {
            entry: e,
            page,
            y,
            parent: stack.last().copied(),
        });
        stack.push(out.len() - 1);
    }
    out
}

/// The entries directly under `parent` (None: the top level), in order.
pub fn children(outline: &[OutlineEntry], parent: Option<usize>) -> Vec<usize> {
    (0..outline.len())
        .filter(|&i| outline[i].parent == parent)
        .collect()
}

#[cfg(test)]
mod tests;
