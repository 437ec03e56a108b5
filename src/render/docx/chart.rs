//! The chart as a picture: a pie (or bars) drawn with tiny-skia, with the
//! labels and figures in a legend table beside it as real, editable text and
//! the whole chart described in the picture's alt text.

use super::Builder;
use super::styles::{CENTER, TABLE_TITLE};
use super::table_xml::{CellXml, TableXml};
use crate::doc::{Align, Chart, ChartKind};
use docx_rs::{Paragraph, Pic, Run};
use std::borrow::Cow;
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

use crate::render::CHART_PALETTE as PALETTE;

const SIZE_PX: u32 = 600;

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("{r:02X}{g:02X}{b:02X}")
}

/// The chart's picture as PNG bytes.
pub fn picture(chart: &Chart) -> Result<Vec<u8>, super::DocxError> {
    let mut pixmap = Pixmap::new(SIZE_PX, SIZE_PX).ok_or(super::DocxError::Picture)?;
    pixmap.fill(Color::WHITE);
    let (values, total) = chart.magnitudes();
    let mut paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    match chart.kind {
        ChartKind::Pie if total > 0.0 => {
            let (cx, cy, r) = (
                SIZE_PX as f32 / 2.0,
                SIZE_PX as f32 / 2.0,
                SIZE_PX as f32 * 0.45,
            );
            // From twelve o'clock, clockwise, as official charts are drawn.
            let mut angle = -std::f32::consts::FRAC_PI_2;
            for (i, v) in values.iter().enumerate() {
                let sweep = v / total * std::f32::consts::TAU;
                let mut pb = PathBuilder::new();
                pb.move_to(cx, cy);
                let steps = ((sweep.to_degrees()).ceil() as usize).max(1);
                for s in 0..=steps {
                    let a = angle + sweep * s as f32 / steps as f32;
                    pb.line_to(cx + r * a.cos(), cy + r * a.sin());
                }
                pb.close();
                let (cr, cg, cb) = PALETTE[i % PALETTE.len()];
                paint.set_color_rgba8(cr, cg, cb, 255);
                if let Some(path) = pb.finish() {
                    pixmap.fill_path(
                        &path,
                        &paint,
                        FillRule::Winding,
                        Transform::identity(),
                        None,
                    );
                }
                angle += sweep;
            }
        }
        _ => {
            let max = values.iter().copied().fold(0.0, f32::max);
            let n = values.len().max(1) as f32;
            let slot = SIZE_PX as f32 / n;
            for (i, v) in values.iter().enumerate() {
                let h = if max > 0.0 {
                    v / max * SIZE_PX as f32 * 0.9
                } else {
                    0.0
                };
                let (cr, cg, cb) = PALETTE[i % PALETTE.len()];
                paint.set_color_rgba8(cr, cg, cb, 255);
                if let Some(rect) = Rect::from_xywh(
                    i as f32 * slot + slot * 0.2,
                    SIZE_PX as f32 - h,
                    slot * 0.6,
                    h.max(1.0),
                ) {
                    pixmap.fill_rect(rect, &paint, Transform::identity(), None);
                }
            }
        }
    }
    pixmap
        .encode_png()
        .map_err(|e| super::DocxError::Png(e.to_string()))
}

/// What the picture shows, in words, for the alt text.
pub fn description(chart: &Chart) -> String {
    let parts: Vec<String> = chart
        .items
        .iter()
        .map(|i| format!("{}{}{}，占{}", i.label, i.value, chart.unit, i.share))
        .collect();
    format!("{}：{}。", chart.title, parts.join("；"))
}

impl<'d> Builder<'d> {
    pub fn chart(&mut self, c: &Chart) -> Result<(), super::DocxError> {
        let png = picture(c)?;
        let width = self.page().text_width().max(1) as u32;
        // Picture at 40% of the text width; twips → EMU is ×635.
        let side = width * 635 * 2 / 5;
        let pic = Pic::new(&png).size(side, side);
        // Auto line spacing: an exact pitch would clip the picture to one line.
        let spacing = docx_rs::LineSpacing::new()
            .line_rule(docx_rs::LineSpacingType::Auto)
            .line(240);
        self.push(
            Paragraph::new()
                .style(CENTER)
                .line_spacing(spacing)
                .keep_next(true)
                .add_run(Run::new().add_image(pic)),
        );
        self.fixes.alt_texts.push(description(c));
        self.push(
            Paragraph::new()
                .style(TABLE_TITLE)
                .keep_next(true)
                .add_run(Run::new().add_text(&c.title)),
        );
        let cols = [
            width as usize / 10,
            width as usize * 4 / 10,
            width as usize / 4,
            width as usize / 4,
        ];
        let cell = |col: usize, text: Option<String>, align: Option<Align>, bold: bool| CellXml {
            width: cols[col],
            span: 1,
            align,
            bold,
            text: text.map(Cow::Owned),
            ..CellXml::default()
        };
        let head = |col: usize, text: String| cell(col, Some(text), Some(Align::Center), true);
        let mut rows = vec![vec![
            head(0, "图例".into()),
            head(1, "项目".into()),
            head(2, format!("金额（{}）", c.unit)),
            head(3, "占比".into()),
        ]];
        for (i, item) in c.items.iter().enumerate() {
            rows.push(vec![
                CellXml {
                    fill: Some(hex(PALETTE[i % PALETTE.len()])),
                    ..cell(0, None, None, false)
                },
                cell(1, Some(item.label.clone()), Some(Align::Left), false),
                cell(2, Some(item.value.to_string()), Some(Align::Right), false),
                cell(3, Some(item.share.clone()), Some(Align::Right), false),
            ]);
        }
        self.push_table(TableXml {
            grid: cols.to_vec(),
            fixed: false,
            header_rows: 1,
            rows,
        });
        Ok(())
    }
}
