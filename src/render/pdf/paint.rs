//! Laid-out pages to PDF with printpdf: fonts embedded as subsets (with
//! ToUnicode), text, rules, fills, page numbers and the draft watermark.
//! Resource names are fixed (F1, F2 …) so output is the same every run.

use super::flow::Styles;
use super::page::{Item, Page};
use super::text::{Measure, Span};
use fontdb::ID;
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, TextMatrix,
    TextRenderingMode,
};
use std::collections::BTreeMap;

use crate::render::WATERMARK_TEXT as WATERMARK;

/// Takes the pages by value and lets each go once it is converted: a long
/// document is not held twice (our pages and printpdf's).
pub fn paint(
    mut pages: Vec<Page>,
    m: &mut Measure,
    st: &Styles,
    title: &str,
) -> Result<Vec<u8>, super::PdfError> {
    let mut doc = PdfDocument::new(title);
    // Add page numbers and watermarks as items first, so their glyphs are embedded too.
    for p in &mut pages {
        decorate(p, m, st);
    }
    let mut fonts: BTreeMap<ID, FontId> = BTreeMap::new();
    let mut order: Vec<ID> = Vec::new();
    for p in &pages {
        for item in &p.items {
            if let Item::Text { run, .. } = item
                && !fonts.contains_key(&run.face)
            {
                let id = FontId(format!("F{}", fonts.len() + 1));
                fonts.insert(run.face, id);
                order.push(run.face);
            }
        }
    }
    for face in &order {
        let (data, index) = m.data(*face);
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&data, index as usize, &mut warnings)
            .ok_or(super::PdfError::FontData)?;
        doc.resources
            .fonts
            .map
            .insert(fonts[face].clone(), printpdf::PdfFont::new(parsed));
    }
    let mut out = Vec::with_capacity(pages.len());
    for p in pages {
        out.push(PdfPage::new(
            Mm::from(Pt(p.width)),
            Mm::from(Pt(p.height)),
            ops(&p, &fonts),
        ));
    }
    doc.with_pages(out);
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    Ok(doc.save(&opts, &mut warnings))
}

/// Adds the footer number (`- N -`) and the watermark text to a page.
fn decorate(page: &mut Page, m: &mut Measure, st: &Styles) {
    let (width, height) = (page.width, page.height);
    if let Some(n) = page.number {
        let text = format!("- {n} -");
        let style = &st.footer;
        let w = m.width(&text, style, false);
        let runs = m.runs(
            &[Span {
                text: &text,
                bold: false,
            }],
            style,
        );
        let mut x = (width - w) / 2.0;
        let y = 18.0 * super::page::MM;
        for run in runs {
            let rw = run.width;
            page.items.push(Item::Text {
                x,
                y,
                run,
                spacing: 0.0,
                fake_bold: false,
                watermark: false,
            });
            x += rw;
        }
    }
    if let Some(pos) = page.items.iter().position(|i| matches!(i, Item::Watermark)) {
        let style = &st.watermark;
        let runs = m.runs(
            &[Span {
                text: WATERMARK,
                bold: false,
            }],
            style,
        );
        let w: f32 = runs.iter().map(|r| r.width).sum();
        // Centred on the page, at 45°.
        let (cx, cy) = (width / 2.0, height / 2.0);
        let d = w / 2.0 / std::f32::consts::SQRT_2;
        let mut x = cx - d;
        let mut y = cy - d - style.size * 0.3;
        let mut items = Vec::new();
        for run in runs {
            let rw = run.width / std::f32::consts::SQRT_2;
            items.push(Item::Text {
                x,
                y,
                run,
                spacing: 0.0,
                fake_bold: false,
                watermark: true,
            });
            x += rw;
            y += rw;
        }
        page.items.splice(pos..=pos, items);
    }
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

fn ops(p: &Page, fonts: &BTreeMap<ID, FontId>) -> Vec<Op> {
    let mut ops = Vec::new();
    for item in &p.items {
        match item {
            Item::Text {
                x,
                y,
                run,
                spacing,
                fake_bold,
                watermark,
            } => {
                let Some(font) = fonts.get(&run.face) else {
                    continue;
                };
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.clone()),
                    size: Pt(run.size),
                });
                if *watermark {
                    ops.push(Op::SetFillColor { col: grey(0.88) });
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::TranslateRotate(Pt(*x), Pt(*y), 45.0),
                    });
                } else {
                    ops.push(Op::SetFillColor { col: grey(0.0) });
                    ops.push(Op::SetTextCursor {
                        pos: Point {
                            x: Pt(*x),
                            y: Pt(*y),
                        },
                    });
                }
                if *spacing != 0.0 {
                    ops.push(Op::SetCharacterSpacing {
                        multiplier: *spacing,
                    });
                }
                if *fake_bold {
                    ops.push(Op::SetOutlineColor { col: grey(0.0) });
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(run.size * 0.03),
                    });
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::FillStroke,
                    });
                }
                ops.push(Op::ShowText {
                    items: text_items(run),
                });
                ops.push(Op::EndTextSection);
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Rule { from, to, width } => {
                ops.push(Op::SetOutlineColor { col: grey(0.0) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(from.0, from.1), point(to.0, to.1)],
                        is_closed: false,
                    },
                });
            }
            Item::Fill { points, rgb } => {
                ops.push(Op::SetFillColor {
                    col: Color::Rgb(Rgb {
                        r: rgb.0,
                        g: rgb.1,
                        b: rgb.2,
                        icc_profile: None,
                    }),
                });
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: points.iter().map(|(x, y)| point(*x, *y)).collect(),
                        }],
                        mode: printpdf::PaintMode::Fill,
                        winding_order: printpdf::WindingOrder::NonZero,
                    },
                });
                ops.push(Op::SetFillColor { col: grey(0.0) });
            }
            Item::Anchor { .. } | Item::Link { .. } | Item::Watermark => {}
        }
    }
    ops
}

/// The run's text, split where compression pulls the next glyph back.
fn text_items(run: &super::text::Run) -> Vec<TextItem> {
    if run.kerns.is_empty() {
        return vec![TextItem::Text(run.text.clone())];
    }
    let chars: Vec<char> = run.text.chars().collect();
    let mut items = Vec::new();
    let mut start = 0;
    for &(after, kern) in &run.kerns {
        let end = (after + 1).min(chars.len());
        if end > start {
            items.push(TextItem::Text(chars[start..end].iter().collect()));
        }
        items.push(TextItem::Offset(kern));
        start = end;
    }
    if start < chars.len() {
        items.push(TextItem::Text(chars[start..].iter().collect()));
    }
    items
}
