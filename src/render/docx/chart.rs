//! The chart as Word's own, editable chart ([`super::chart_part`]: a pie or
//! bars with the figures it is drawn from), its title, and the figures in
//! a legend table under it as real text; the whole chart described in the
//! alt text.

use super::Builder;
use super::styles::{CENTER, TABLE_TITLE};
use super::table_xml::{CellXml, TableXml};
use crate::doc::{Align, Chart};
use docx_rs::{Paragraph, Pic, Run};
use std::borrow::Cow;
use tiny_skia::{Color, Pixmap};

use super::chart_part::hex;
use crate::render::CHART_PALETTE as PALETTE;

/// The picture docx-rs places where the chart goes: one white pixel,
/// never shown, as [`super::post`] writes Word's own chart in its place
/// and leaves the file out.
fn stand_in() -> Result<Vec<u8>, super::error::DocxError> {
    let mut pixmap = Pixmap::new(1, 1).ok_or(super::error::DocxError::Picture)?;
    pixmap.fill(Color::WHITE);
    pixmap
        .encode_png()
        .map_err(|e| super::error::DocxError::Png(e.to_string()))
}

impl<'d> Builder<'d> {
    pub fn chart(&mut self, c: &Chart) -> Result<(), super::error::DocxError> {
        let png = stand_in()?;
        let width = self.page().text_width().max(1) as u32;
        // Nine tenths of the text width, half as tall (the legend beside
        // the pie); twips → EMU is ×635.
        let name = super::post::stand_in(super::post::StandIn::Chart, self.fixes.charts.len() + 1);
        let pic = Pic::new(&png)
            .id(name)
            .size(width * 635 * 9 / 10, width * 635 / 2);
        // Auto line spacing: an exact pitch would clip the chart to one line.
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
        // Word draws its own chart from the figures in place of the picture.
        let part = super::chart_part::chart_part(c, &self.doc.meta.date)?;
        self.fixes.charts.push(part);
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
