//! The chart drawn as vectors: a pie from twelve o'clock clockwise, and a
//! legend of labels, 万元 figures and shares beside it.

use super::flow::{Align, Flow};
use super::page::Item;
use super::text::Span;
use crate::doc::{Chart, ChartKind};

/// Height of the chart area, in points.
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

pub fn place(flow: &mut Flow, c: &Chart) {
    let title_style = flow.st.table_title.clone();
    let style = flow.st.table.clone();
    let lh = flow.st.table_line;
    flow.need(HEIGHT + lh * 2.0);
    let width = flow.geo.text_width();
    flow.text_line(&c.title, &title_style, Align::Center, lh * 2.0);
    let top = flow.y;
    let r = HEIGHT * 0.42;
    let (cx, cy) = (flow.geo.left + r + 20.0, flow.geo.y(top + HEIGHT / 2.0));
    let (values, total) = c.magnitudes();
    match c.kind {
        ChartKind::Pie if total > 0.0 => {
            let mut angle = std::f32::consts::FRAC_PI_2;
            for (i, v) in values.iter().enumerate() {
                let sweep = v / total * std::f32::consts::TAU;
                let steps = (sweep.to_degrees().ceil() as usize).max(1);
                let mut points = vec![(cx, cy)];
                for s in 0..=steps {
                    // Clockwise in PDF space: the angle decreases.
                    let a = angle - sweep * s as f32 / steps as f32;
                    points.push((cx + r * a.cos(), cy + r * a.sin()));
                }
                flow.push(Item::Fill {
                    points,
                    rgb: colour(i),
                });
                angle -= sweep;
            }
        }
        _ => {
            let max = values.iter().copied().fold(0.0, f32::max);
            let slot = 2.0 * r / values.len().max(1) as f32;
            for (i, v) in values.iter().enumerate() {
                let h = if max > 0.0 { v / max * 2.0 * r } else { 0.0 };
                let x = cx - r + slot * i as f32 + slot * 0.2;
                let y = cy - r;
                flow.push(Item::Fill {
                    points: vec![
                        (x, y),
                        (x + slot * 0.6, y),
                        (x + slot * 0.6, y + h),
                        (x, y + h),
                    ],
                    rgb: colour(i),
                });
            }
        }
    }
    // Legend: a swatch, the label, the figure and the share on each line.
    let lx = cx + r + 30.0;
    let lw = flow.geo.left + width - lx;
    let mut ly = top + (HEIGHT - lh * 1.5 * c.items.len() as f32) / 2.0;
    for (i, item) in c.items.iter().enumerate() {
        let sy = flow.geo.y(ly + lh * 0.75);
        let s = style.size * 0.8;
        flow.push(Item::Fill {
            points: vec![
                (lx, sy - s / 2.0),
                (lx + s, sy - s / 2.0),
                (lx + s, sy + s / 2.0),
                (lx, sy + s / 2.0),
            ],
            rgb: colour(i),
        });
        let text = format!("{}  {}{}  {}", item.label, item.value, c.unit, item.share);
        let lines = flow.m.break_lines(
            &[Span {
                text: &text,
                bold: false,
            }],
            &style,
            lw - s - 6.0,
            0.0,
        );
        for l in &lines {
            flow.draw_line(
                l,
                lx + s + 6.0,
                lw - s - 6.0,
                ly,
                lh * 1.5,
                Align::Left,
                &style,
            );
            ly += lh * 1.5;
        }
    }
    flow.y = top + HEIGHT;
}
