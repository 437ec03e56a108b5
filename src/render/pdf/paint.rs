//! Drawing: laid-out pages to PDF with printpdf — fonts embedded as subsets
//! (with ToUnicode), text (stretched lines with their ActualText), rules and fills.
//! Resource names are fixed (F1, F2 …) so output is the same every run.

use crate::fonts::FontBook;
use crate::render::typeset::{FAKE_BOLD_STROKE, Item, Page, WATERMARK_ANGLE, WATERMARK_GREY};
use fontdb::ID;
use printpdf::{
    Color, DictItem, FontId, Greyscale, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem,
    TextMatrix, TextRenderingMode,
};
use std::collections::BTreeMap;

/// Takes the pages by value and lets each go once it is converted: a long
/// document is not held twice (our pages and printpdf's).
pub fn paint(pages: Vec<Page>, book: &FontBook, title: &str) -> Result<Vec<u8>, super::PdfError> {
    let mut doc = PdfDocument::new(title);
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
        let (data, index) = book.face_data(*face).ok_or(super::PdfError::FontData)?;
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

/// A PDF text string: UTF-16BE with a byte-order mark.
fn text_string(s: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        data.extend_from_slice(&u.to_be_bytes());
    }
    DictItem::String {
        data,
        literal: false,
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
                    ops.push(Op::SetFillColor {
                        col: grey(WATERMARK_GREY),
                    });
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::TranslateRotate(Pt(*x), Pt(*y), WATERMARK_ANGLE),
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
                if *fake_bold {
                    ops.push(Op::SetOutlineColor { col: grey(0.0) });
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(run.size * FAKE_BOLD_STROKE),
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
            Item::ActualBegin(text) => {
                let properties = DictItem::Dict {
                    map: BTreeMap::from([("ActualText".to_string(), text_string(text))]),
                };
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: "Span".into(),
                    properties,
                });
            }
            Item::ActualEnd => ops.push(Op::EndMarkedContent),
            Item::Anchor { .. } | Item::Link { .. } => {}
        }
    }
    ops
}

/// The run's text, split where compression pulls the next glyph back.
fn text_items(run: &crate::render::typeset::Run) -> Vec<TextItem> {
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
