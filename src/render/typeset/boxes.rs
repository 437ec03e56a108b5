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

/// The width of a table's rules (points).
pub const TABLE_RULE: f32 = 0.5;

/// Where a text item's ink may reach above and below its baseline, in em:
/// a cut between pieces never passes through a line of text.
const ASCENT: f32 = 0.95;
const DESCENT: f32 = 0.3;

impl Frag {
    /// The piece cut into pieces no taller than `max` (a table row taller
    /// than a page, whose cells then continue on the next): each cut falls
    /// between lines of text, each piece is closed by a rule across it, the
    /// rules down the cells are cut with it. A piece no taller stays whole.
    pub fn split(self, max: f32) -> Vec<Frag> {
        if self.height <= max + 0.01 || max <= 0.0 {
            return vec![self];
        }
        // Where text is: no cut may fall inside these spans.
        let mut inked: Vec<(f32, f32)> = self
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, run, .. } => Some((y - ASCENT * run.size, y + DESCENT * run.size)),
                _ => None,
            })
            .collect();
        inked.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (left, right) = self
            .items
            .iter()
            .fold((f32::MAX, f32::MIN), |(l, r), i| match i {
                Item::Rule { from, to, .. } => (l.min(from.0).min(to.0), r.max(from.0).max(to.0)),
                _ => (l, r),
            });
        let mut cuts = vec![0.0];
        while self.height - cuts[cuts.len() - 1] > max + 0.01 {
            let top = cuts[cuts.len() - 1];
            let mut at = top + max;
            // Up past every line the cut would pass through.
            while let Some(&(a, _)) = inked.iter().find(|(a, b)| *a < at && *b > at) {
                at = a;
            }
            if at <= top + 0.01 {
                // A single line taller than the room: cut under it.
                at = inked
                    .iter()
                    .find(|(a, _)| *a >= top - 0.01)
                    .map_or(top + max, |(_, b)| *b);
            }
            cuts.push(at);
        }
        cuts.push(self.height);
        let slices: Vec<(f32, f32)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
        let slice_of = |y: f32| {
            slices
                .iter()
                .position(|&(a, b)| y >= a - 0.01 && y < b - 0.01)
                .unwrap_or(slices.len() - 1)
        };
        let mut pieces: Vec<Vec<Item>> = vec![Vec::new(); slices.len()];
        // ActualBegin goes with the text after it, ActualEnd with the text
        // before it: the pair stays in one piece as its line does.
        let mut pending: Vec<Item> = Vec::new();
        let mut last = 0;
        for item in self.items {
            match item {
                Item::Text { y, .. } => {
                    last = slice_of(y);
                    let (top, _) = slices[last];
                    pieces[last].append(&mut pending);
                    pieces[last].push(item.offset(0.0, -top));
                }
                Item::ActualBegin(_) => pending.push(item),
                Item::ActualEnd => pieces[last].push(item),
                Item::Rule { from, to, width } => {
                    for (k, &(a, b)) in slices.iter().enumerate() {
                        let (lo, hi) = (from.1.min(to.1), from.1.max(to.1));
                        if hi < a - 0.01
                            || lo > b + 0.01
                            || (lo == hi && lo > b - 0.01 && k + 1 < slices.len())
                        {
                            continue;
                        }
                        let clip = |y: f32| y.clamp(a, b) - a;
                        pieces[k].push(Item::Rule {
                            from: (from.0, clip(from.1)),
                            to: (to.0, clip(to.1)),
                            width,
                        });
                        if lo == hi {
                            break;
                        }
                    }
                }
                Item::Fill { points, rgb } => {
                    for (k, &(a, b)) in slices.iter().enumerate() {
                        let ys = points.iter().map(|p| p.1);
                        let (lo, hi) =
                            ys.fold((f32::MAX, f32::MIN), |(l, h), y| (l.min(y), h.max(y)));
                        if hi <= a || lo >= b {
                            continue;
                        }
                        let points = points
                            .iter()
                            .map(|&(x, y)| (x, y.clamp(a, b) - a))
                            .collect();
                        pieces[k].push(Item::Fill { points, rgb });
                    }
                }
                Item::Anchor { y, .. } => {
                    let k = slice_of(y);
                    pieces[k].push(item.offset(0.0, -slices[k].0));
                }
                Item::Link { rect, .. } => {
                    let k = slice_of(rect[1]);
                    pieces[k].push(item.offset(0.0, -slices[k].0));
                }
            }
        }
        let count = slices.len();
        pieces
            .into_iter()
            .zip(slices)
            .enumerate()
            .map(|(k, (mut items, (a, b)))| {
                if k + 1 < count && left < right {
                    // The cells close at the page's foot and open again
                    // under the repeated header.
                    items.push(Item::Rule {
                        from: (left, b - a),
                        to: (right, b - a),
                        width: TABLE_RULE,
                    });
                }
                Frag::new(b - a, items)
            })
            .collect()
    }
}
