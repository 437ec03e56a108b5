//! What the stages pass on: positioned runs, rules and fills, anchors and
//! links. Measured boxes hold items relative to their own top left corner
//! (y downwards); laid-out pages hold them in PDF coordinates (points,
//! origin at the bottom left).

use fontdb::ID;

/// A run of text in one face, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: ID,
    pub text: String,
    pub size: f32,
    pub bold: bool,
    /// Advance of the whole run, in points (adjustments included).
    pub width: f32,
    /// After character `i` the next glyph moves left by `v` em/1000
    /// (compression; negative values stretch).
    pub kerns: Vec<(usize, f32)>,
}

/// How every painter draws a watermark run: in this grey (0 black, 1 white),
/// turned this many degrees anticlockwise about its start, under the page's
/// content.
pub const WATERMARK_GREY: f32 = 0.88;
pub const WATERMARK_ANGLE: f32 = 45.0;
/// The stroke that draws a fake-bold run, in em.
pub const FAKE_BOLD_STROKE: f32 = 0.03;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Cover,
    Toc,
    Body,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run at a baseline.
    Text {
        x: f32,
        y: f32,
        /// Boxed: most items of a table are rules, and an item is as large
        /// as its largest kind (a 部门's tables hold millions of them).
        run: Box<Run>,
        /// Drawn by stroking too: the bold face is the regular one.
        fake_bold: bool,
        /// The draft watermark: light grey, at 45° from this point.
        watermark: bool,
    },
    /// The following items up to [`Item::ActualEnd`] read as this text
    /// (copy, search, pdftotext), whatever their spacing.
    ActualBegin(String),
    ActualEnd,
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
    },
    Fill {
        points: Vec<(f32, f32)>,
        rgb: (f32, f32, f32),
    },
    /// A heading or table the outline and the 目录 point at.
    Anchor {
        id: String,
        y: f32,
    },
    /// A clickable area that goes to an anchor: [left, bottom, right, top]
    /// on a page; [left, top, right, bottom] in a box (y downwards).
    Link {
        rect: [f32; 4],
        target: String,
    },
}

impl Item {
    /// The item with every point mapped by `f` (an anchor's y as the point
    /// (0, y)); a link's rectangle is kept as [low x, low y, high x, high y]
    /// of whichever direction `f` runs.
    fn map(self, f: impl Fn((f32, f32)) -> (f32, f32)) -> Item {
        match self {
            Item::Text {
                x,
                y,
                run,
                fake_bold,
                watermark,
            } => {
                let (x, y) = f((x, y));
                Item::Text {
                    x,
                    y,
                    run,
                    fake_bold,
                    watermark,
                }
            }
            Item::Rule { from, to, width } => Item::Rule {
                from: f(from),
                to: f(to),
                width,
            },
            Item::Fill { points, rgb } => Item::Fill {
                points: points.into_iter().map(f).collect(),
                rgb,
            },
            Item::Anchor { id, y } => Item::Anchor {
                id,
                y: f((0.0, y)).1,
            },
            Item::Link { rect, target } => {
                let (a, b) = (f((rect[0], rect[1])), f((rect[2], rect[3])));
                Item::Link {
                    rect: [a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)],
                    target,
                }
            }
            other => other,
        }
    }

    /// The item moved by (`dx`, `dy`) in its own coordinates.
    pub fn offset(self, dx: f32, dy: f32) -> Item {
        self.map(|(x, y)| (x + dx, y + dy))
    }

    /// The item moved from box coordinates to a page: the box's top left
    /// corner is at PDF (`left`, `top`).
    pub fn placed(&self, left: f32, top: f32) -> Item {
        self.clone().map(|(x, y)| (left + x, top - y))
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub kind: PageKind,
    /// The printed number (body pages).
    pub number: Option<u32>,
    pub items: Vec<Item>,
    /// The table rows this page carries, for checking the page breaks.
    pub tables: Vec<TableSlice>,
}

/// The part of a table on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSlice {
    /// The table's place among the document's elements.
    pub element: usize,
    pub rows: usize,
    /// The table began on an earlier page (this page shows 续表).
    pub continued: bool,
    /// The table ends on this page.
    pub ends: bool,
}

impl Page {
    /// The page without its content: size, number, anchors and links.
    pub fn skeleton(&self) -> Page {
        Page {
            width: self.width,
            height: self.height,
            kind: self.kind,
            number: self.number,
            items: self
                .items
                .iter()
                .filter(|i| matches!(i, Item::Anchor { .. } | Item::Link { .. }))
                .cloned()
                .collect(),
            tables: self.tables.clone(),
        }
    }

    pub fn landscape(&self) -> bool {
        self.width > self.height
    }
}

/// Page geometry in points, for one orientation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

pub const MM: f32 = 72.0 / 25.4;

/// The page setup in both orientations: what measuring and distribution
/// choose between per piece.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sheets {
    pub portrait: Geometry,
    pub landscape: Geometry,
}

impl Sheets {
    /// The page setup's sheet with its margins.
    pub fn of(page: &crate::doc::PageSetup) -> Sheets {
        Sheets {
            portrait: Geometry::of(page, false),
            landscape: Geometry::of(page, true),
        }
    }
    pub fn get(&self, landscape: bool) -> Geometry {
        if landscape {
            self.landscape
        } else {
            self.portrait
        }
    }
}

impl Geometry {
    pub fn of(page: &crate::doc::PageSetup, landscape: bool) -> Geometry {
        let (w, h) = (page.paper.width_mm * MM, page.paper.height_mm * MM);
        let (top, bottom, left, right) = (
            page.margin_top_mm,
            page.margin_bottom_mm,
            page.margin_left_mm,
            page.margin_right_mm,
        );
        // A landscape page is the portrait page turned: the binding
        // margin (left) goes to the top.
        let (top, bottom, left, right) = if landscape {
            (left, right, top, bottom)
        } else {
            (top, bottom, left, right)
        };
        Geometry {
            width: if landscape { h } else { w },
            height: if landscape { w } else { h },
            top: top * MM,
            bottom: bottom * MM,
            left: left * MM,
            right: right * MM,
        }
    }
    pub fn landscape(&self) -> bool {
        self.width > self.height
    }
    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }
    pub fn text_height(&self) -> f32 {
        self.height - self.top - self.bottom
    }
    /// PDF y of a distance `d` below the top of the text area.
    pub fn y(&self, d: f32) -> f32 {
        self.height - self.top - d
    }
}
