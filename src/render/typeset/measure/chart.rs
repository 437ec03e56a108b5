//! The chart as one piece of vectors: a pie from twelve o'clock clockwise (or
//! bars), and a legend of labels, figures and shares beside it.

use super::Measurer;
use crate::doc::{Chart, ChartKind};
use crate::render::typeset::boxes::Frag;
use crate::render::typeset::page::Item;
use crate::render::typeset::setline::Align;

/// Height of the drawing, in points.
pub const HEIGHT: f32 = 200.0;

/// The shared palette as PDF colour components.
fn colour(i: usize) -> (f32, f32, f32) {
    let (r, g, b) = crate::render::CHART_PALETTE[i % crate::render::CHART_PALETTE.len()];
    (
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
    )
}

fn rect(x: f32, y: f32, w: f32, h: f32) -> Vec<(f32, f32)> {
    vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
}

impl Measurer<'_, '_, '_> {
    pub fn chart(&mut self, c: &Chart) -> Frag {
        let title_style = self.st.table_title.clone();
        let style = self.st.table.clone();
        let lh = self.st.table_line;
        let width = self.sheets.portrait.text_width();
        let mut frag = self.text_frag(&c.title, &title_style, Align::Center, lh * 2.0, width);
        let top = frag.height;
        let mut items = Vec::new();
        // Box coordinates run downwards: angles and heights are mirrored.
        let r = HEIGHT * 0.42;
        let (cx, cy) = (r + 20.0, top + HEIGHT / 2.0);
        let (values, total) = c.magnitudes();
        match c.kind {
            ChartKind::Pie if total > 0.0 => {
                let mut angle = -std::f32::consts::FRAC_PI_2;
                for (i, v) in values.iter().enumerate() {
                    let sweep = v / total * std::f32::consts::TAU;
                    let steps = (sweep.to_degrees().ceil() as usize).max(1);
                    let mut points = vec![(cx, cy)];
                    for s in 0..=steps {
                        // Clockwise on the page: downwards y, increasing angle.
                        let a = angle + sweep * s as f32 / steps as f32;
                        points.push((cx + r * a.cos(), cy + r * a.sin()));
                    }
                    items.push(Item::Fill {
                        points,
                        rgb: colour(i),
                    });
                    angle += sweep;
                }
            }
            _ => {
                let max = values.iter().copied().fold(0.0, f32::max);
                let slot = 2.0 * r / values.len().max(1) as f32;
                for (i, v) in values.iter().enumerate() {
                    let h = if max > 0.0 { v / max * 2.0 * r } else { 0.0 };
                    let x = cx - r + slot * i as f32 + slot * 0.2;
                    items.push(Item::Fill {
                        points: rect(x, cy + r - h, slot * 0.6, h),
                        rgb: colour(i),
                    });
                }
            }
        }
        // Legend: a swatch, the label, the figure and the share on each line.
        let lx = cx + r + 30.0;
        let lw = width - lx;
        let mut ly = top + (HEIGHT - lh * 1.5 * c.items.len() as f32) / 2.0;
        let s = style.size * 0.8;
        for (i, item) in c.items.iter().enumerate() {
            let sy = ly + lh * 0.75;
            items.push(Item::Fill {
                points: rect(lx, sy - s / 2.0, s, s),
                rgb: colour(i),
            });
            let text = format!("{}  {}{}  {}", item.label, item.value, c.unit, item.share);
            for l in self.plain(&text, &style, lw - s - 6.0) {
                let line = self.line_frag(
                    &l,
                    lx + s + 6.0,
                    lw - s - 6.0,
                    lh * 1.5,
                    Align::Left,
                    &style,
                );
                items.extend(line.items.into_iter().map(|it| it.offset(0.0, ly)));
                ly += lh * 1.5;
            }
        }
        frag.items.extend(items);
        frag.height = top + HEIGHT;
        frag
    }
}
