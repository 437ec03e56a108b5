//! The official tables as one workbook: a sheet per table (and per chart),
//! rendered from the document tree with rust_xlsxwriter.

mod chart;
mod measure;
mod names;
mod sheet;
mod style;

use crate::doc::{Block, Document};
use names::SheetNames;
use rust_xlsxwriter::{DocProperties, Workbook};

/// The workbook's bytes; the same document always gives the same bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    build(doc)
}

fn build(doc: &Document) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let styles = style::Styles::new(doc);
    let mut names = SheetNames::default();
    for block in &doc.blocks {
        match block {
            Block::Table(t) => {
                let name = names.claim(
                    t.short_title
                        .as_deref()
                        .or(t.caption.as_deref())
                        .unwrap_or(&t.title),
                );
                let ws = wb.add_worksheet();
                ws.set_name(&name)?;
                sheet::write_table(ws, t, &styles)?;
            }
            Block::Chart(c) => {
                let name = names.claim(&c.title);
                let ws = wb.add_worksheet();
                ws.set_name(&name)?;
                chart::write_chart(ws, &name, c, &styles)?;
            }
            _ => {}
        }
    }
    if names_empty(doc) {
        wb.add_worksheet();
    }
    wb.set_properties(&properties(doc)?);
    wb.save_to_buffer()
}

fn names_empty(doc: &Document) -> bool {
    !doc.blocks
        .iter()
        .any(|b| matches!(b, Block::Table(_) | Block::Chart(_)))
}

/// Title, author, subject and a fixed creation time (the document's date),
/// so two runs give identical bytes.
fn properties(doc: &Document) -> Result<DocProperties, rust_xlsxwriter::XlsxError> {
    let date = crate::render::created(&doc.meta.date)?;
    Ok(DocProperties::new()
        .set_title(doc.meta.title.as_str())
        .set_author(doc.meta.author.as_str())
        .set_subject(doc.meta.subject.as_str())
        .set_creation_datetime(&date))
}
