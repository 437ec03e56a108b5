//! What measuring hands to distribution: sized pieces that never split, and
//! how they may be split between them. Items are relative to each piece's
//! top left corner (y downwards).

use super::page::{Item, PageKind, Run};

/// A piece that stays on one page: a line, a table row group, a chart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frag {
    pub height: f32,
    pub items: Vec<Item>,
}

impl Frag {
    /// Without the spare room the items grew with: a document's pieces are
    /// all held until its last page is drawn.
    pub fn new(height: f32, mut items: Vec<Item>) -> Frag {
        items.shrink_to_fit();
        Frag { height, items }
    }
    /// Pieces stacked into one.
    pub fn stack(parts: Vec<Frag>) -> Frag {
        let mut out = Frag::default();
        for p in parts {
            out.append(p);
        }
        out
    }
    /// Puts `below` under this piece.
    pub fn append(&mut self, below: Frag) {
        let dy = self.height;
        self.items
            .extend(below.items.into_iter().map(|i| i.offset(0.0, dy)));
        self.height += below.height;
    }
}

/// Consecutive pieces of running matter (a paragraph's lines, a heading, the
/// 目录's entries) that may break between pieces.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub landscape: bool,
    pub parts: Vec<Frag>,
    /// At least this many pieces on each side of a page break.
    pub min_split: usize,
    /// Stays on the page of what follows (a heading).
    pub keep_with_next: bool,
}

impl Flow {
    /// All its pieces together.
    pub fn height(&self) -> f32 {
        self.parts.iter().map(|p| p.height).sum()
    }
}

/// A table cut into what distribution needs.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBox {
    pub landscape: bool,
    /// Caption, title, subtitle and the 单位 line (with the anchor).
    pub head: Frag,
    /// The header rows, repeated on every page.
    pub header: Frag,
    /// The 续表 line above a repeated header.
    pub continued: Frag,
    /// Body row groups (rows a span joins) and their row counts.
    pub groups: Vec<(Frag, usize)>,
    /// The note under the table, which stays with its last rows.
    pub note: Option<Frag>,
    /// Blank space after the table, dropped at a page's foot.
    pub space_after: f32,
}

impl TableBox {
    pub fn height(&self) -> f32 {
        self.head.height
            + self.header.height
            + self.groups.iter().map(|(g, _)| g.height).sum::<f32>()
            + self.note.as_ref().map_or(0.0, |n| n.height)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// A new portrait page of this kind (the cover, the 目录).
    NewPage(PageKind),
    /// What follows starts a new body page.
    Break,
    Flow(Flow),
    Table(TableBox),
}

/// What every page may carry beside its content, measured in advance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Furniture {
    /// The page-number line with `{page}` for the number (“- {page} -”).
    pub footer: String,
    /// The runs of the characters the page-number line is made of.
    pub footer_glyphs: Vec<(char, Run)>,
    /// Distance of the footer's baseline above the page's bottom edge.
    pub footer_y: f32,
    /// The draft watermark relative to the page centre (PDF directions);
    /// empty when there is none.
    pub watermark: Vec<Item>,
}
