//! The laid-out pages: positioned text runs, rules and fills, anchors and
//! links, in PDF coordinates (points, origin at the bottom left).

use super::text::Run;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Cover,
    Toc,
    Body,
}

#[derive(Debug, Clone)]
pub enum Item {
    /// A run at a baseline; `spacing` is extra space after each glyph (justification).
    Text {
        x: f32,
        y: f32,
        run: Run,
        spacing: f32,
        fake_bold: bool,
        /// The draft watermark: light grey, at 45° from this point.
        watermark: bool,
    },
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
    Anchor { id: String, y: f32 },
    /// A clickable area that goes to an anchor.
    Link { rect: [f32; 4], target: String },
    /// The draft watermark (drawn first, under everything).
    Watermark,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub kind: PageKind,
    /// The printed number (body pages).
    pub number: Option<u32>,
    pub items: Vec<Item>,
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
        }
    }

    pub fn landscape(&self) -> bool {
        self.width > self.height
    }
}

/// Page geometry in points, for one orientation.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

pub const MM: f32 = 72.0 / 25.4;

impl Geometry {
    pub fn a4(page: &crate::doc::PageSetup, landscape: bool) -> Geometry {
        let (w, h) = (210.0 * MM, 297.0 * MM);
        Geometry {
            width: if landscape { h } else { w },
            height: if landscape { w } else { h },
            // A landscape page is the portrait page turned: the binding
            // margin (left) goes to the top.
            top: if landscape {
                page.margin_left_mm
            } else {
                page.margin_top_mm
            } * MM,
            bottom: if landscape {
                page.margin_right_mm
            } else {
                page.margin_bottom_mm
            } * MM,
            left: if landscape {
                page.margin_top_mm
            } else {
                page.margin_left_mm
            } * MM,
            right: if landscape {
                page.margin_bottom_mm
            } else {
                page.margin_right_mm
            } * MM,
        }
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
