//! A ruled table's cells as the measurer holds them: each cell's text
//! shaped once for trying widths, the measurements per text width, and
//! the cache of both for the table being set.

use crate::doc::Table;
use crate::render::typeset::linebreak::{Breakable, Line};
use crate::render::typeset::setline::Align;
use crate::render::typeset::text::Glyph;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;

pub(super) struct CellBox {
    pub(super) row: usize,
    pub(super) col: usize,
    pub(super) colspan: usize,
    pub(super) rowspan: usize,
    pub(super) lines: Vec<Line>,
    pub(super) align: Align,
    pub(super) indent: f32,
}

/// A table's measurements, by the table's address (the document is
/// borrowed for the pass), the text width and the table size.
#[derive(Default)]
pub(super) struct Measurements {
    /// The table these are for: only the table being set is kept (a long
    /// document's shaped cells are not all held at once).
    pub(super) table: usize,
    pub(super) at_width: HashMap<(usize, u32, u32), Rc<Measured>>,
    /// What the columns need does not depend on the width.
    pub(super) needs: HashMap<(usize, u32), Rc<Shaped>>,
}

/// What the columns need, and each cell shaped for trying widths.
pub(super) type Shaped = (Needs, Vec<Probe>);

impl Measurements {
    /// Forgets another table's measurements.
    pub(super) fn now(&mut self, t: &Table) -> usize {
        let id = std::ptr::from_ref(t) as usize;
        if self.table != id {
            *self = Measurements {
                table: id,
                ..Default::default()
            };
        }
        id
    }
}

/// A table measured for one text width.
pub(super) struct Measured {
    pub(super) widths: Vec<f32>,
    pub(super) heights: Vec<f32>,
    pub(super) cells: Vec<CellBox>,
    pub(super) header_rows: usize,
    /// Body row groups [start, end) that must stay on one page.
    pub(super) groups: Vec<(usize, usize)>,
}

/// What each column needs: its unbroken width and the least it can take.
pub(super) struct Needs {
    pub(super) natural: Vec<f32>,
    pub(super) least: Vec<f32>,
}

/// A cell's text, shaped once, for trying column widths.
pub(super) struct Probe {
    pub(super) row: usize,
    pub(super) col: usize,
    pub(super) colspan: usize,
    pub(super) rowspan: usize,
    /// Padding and indentation around the text.
    pub(super) pad: f32,
    /// None for an empty cell.
    pub(super) text: Option<CellText>,
    /// Lines counted so far, by width: the search for column widths tries
    /// the same widths again and again (a table of long cells spent minutes
    /// recounting them, found by the libFuzzer typeset target).
    pub(super) counted: RefCell<HashMap<u32, usize>>,
}

/// A cell's glyphs and where they may break: shaped once, for trying
/// widths and then for setting the cell at the width chosen.
pub(super) struct CellText {
    pub(super) glyphs: Vec<Glyph>,
    pub(super) breaks: Breakable,
}

/// Widths remembered per cell at most; past it the memory starts afresh.
const MAX_COUNTED: usize = 4096;

impl Probe {
    pub(super) fn lines(&self, widths: &[f32]) -> usize {
        let Some(text) = &self.text else {
            return 1;
        };
        let w: f32 = widths[self.col..self.col + self.colspan]
            .iter()
            .sum::<f32>()
            - self.pad;
        let w = w.max(1.0);
        let mut counted = self.counted.borrow_mut();
        if let Some(n) = counted.get(&w.to_bits()) {
            return *n;
        }
        if counted.len() >= MAX_COUNTED {
            counted.clear();
        }
        let n = text.breaks.lines(w);
        counted.insert(w.to_bits(), n);
        n
    }
    pub(super) fn touches(&self, col: usize) -> bool {
        (self.col..self.col + self.colspan).contains(&col)
    }
}

impl Measured {
    pub(super) fn height(&self, from: usize, to: usize) -> f32 {
        self.heights[from..to].iter().sum()
    }
}
