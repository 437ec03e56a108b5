//! One page's description (`Content.xml`): text objects with every
//! character's advance written out (so stretched and compressed lines keep
//! their exact positions and copy without spaces), rules and fills as
//! paths, and the 目录's links as click actions. OFD measures in
//! millimetres from the top left; the typesetter in points from the bottom
//! left.

use super::xml::{Part, num, nums};
use super::{Ids, OfdError};
use crate::render::typeset::{Item, MM, Measure, Page, Run};
use fontdb::ID;
use std::collections::{BTreeMap, HashMap};

/// Where the pages are, for link targets.
pub struct Targets<'a> {
    pub page_ids: &'a [u32],
    pub heights: &'a [f32],
    pub anchors: &'a HashMap<&'a str, (usize, f32)>,
}

/// The Dest element's attributes for an anchor.
pub fn dest(t: &Targets, page: usize, y: f32) -> Vec<(&'static str, String)> {
    let height = t.heights.get(page).copied().unwrap_or(0.0);
    vec![
        ("Type", "XYZ".to_string()),
        (
            "PageID",
            t.page_ids.get(page).copied().unwrap_or(0).to_string(),
        ),
        ("Left", "0".to_string()),
        ("Top", num((height - y) / MM)),
    ]
}

/// A colour in OFD's default RGB space (0–255).
fn colour(rgb: (f32, f32, f32)) -> String {
    let c = |v: f32| ((v.clamp(0.0, 1.0) * 255.0).round() as u8).to_string();
    format!("{} {} {}", c(rgb.0), c(rgb.1), c(rgb.2))
}

const BLACK: &str = "0 0 0";
/// The draft watermark's grey (the PDF's 0.88).
const WATERMARK: (f32, f32, f32) = (0.88, 0.88, 0.88);
/// Stroke of a face drawn bold by stroking, in em (as in the PDF).
const FAKE_BOLD: f32 = 0.03;

/// Each character's advance in mm, compression and stretch included.
fn advances(run: &Run, measure: &mut Measure) -> Vec<f32> {
    let mut kerns: BTreeMap<usize, f32> = BTreeMap::new();
    for &(k, v) in &run.kerns {
        *kerns.entry(k).or_default() += v;
    }
    run.text
        .chars()
        .enumerate()
        .map(|(k, ch)| {
            let kern = kerns.get(&k).copied().unwrap_or(0.0);
            (measure.advance(run.face, ch) * run.size - kern * run.size / 1000.0) / MM
        })
        .collect()
}

pub fn page(
    p: &Page,
    fonts: &BTreeMap<ID, u32>,
    measure: &mut Measure,
    ids: &mut Ids,
    targets: &Targets,
) -> Result<Vec<u8>, OfdError> {
    let (w, h) = (p.width / MM, p.height / MM);
    // y in mm from the top.
    let down = |y: f32| (p.height - y) / MM;
    let mut x = Part::new("Page", &[])?;
    x.open("Area", &[])?;
    x.text("PhysicalBox", &[], &nums(&[0.0, 0.0, w, h]))?;
    x.close()?;
    x.open("Content", &[])?;
    x.open("Layer", &[("ID", ids.next()?.to_string())])?;
    for item in &p.items {
        match item {
            Item::Text {
                x: tx,
                y,
                run,
                fake_bold,
                watermark,
            } => {
                let Some(font) = fonts.get(&run.face) else {
                    continue;
                };
                let size = run.size / MM;
                let deltas = advances(run, measure);
                let mut attrs = vec![("ID", ids.next()?.to_string())];
                // Text origin inside the object's box: a margin around the
                // run so no reader clips a glyph's overhang.
                let (ox, oy) = if *watermark {
                    // Rotated about its start point: the box is the page.
                    let (c, s) = (
                        std::f32::consts::FRAC_1_SQRT_2,
                        std::f32::consts::FRAC_1_SQRT_2,
                    );
                    attrs.push(("Boundary", nums(&[0.0, 0.0, w, h])));
                    attrs.push(("CTM", nums(&[c, -s, s, c, tx / MM, down(*y)])));
                    (0.0, 0.0)
                } else {
                    let width: f32 = deltas.iter().sum::<f32>().max(run.width / MM);
                    attrs.push((
                        "Boundary",
                        nums(&[
                            tx / MM - 0.2 * size,
                            down(*y) - 1.1 * size,
                            width + 0.4 * size,
                            1.4 * size,
                        ]),
                    ));
                    (0.2 * size, 1.1 * size)
                };
                attrs.push(("Font", font.to_string()));
                attrs.push(("Size", num(size)));
                if *fake_bold {
                    attrs.push(("Stroke", "true".into()));
                    attrs.push(("LineWidth", num(FAKE_BOLD * size)));
                }
                x.open("TextObject", &attrs)?;
                let fill = if *watermark {
                    colour(WATERMARK)
                } else {
                    BLACK.to_string()
                };
                x.empty("FillColor", &[("Value", fill)])?;
                if *fake_bold {
                    x.empty("StrokeColor", &[("Value", BLACK.into())])?;
                }
                let mut code = vec![("X", num(ox)), ("Y", num(oy))];
                if deltas.len() > 1 {
                    code.push(("DeltaX", nums(&deltas[..deltas.len() - 1])));
                }
                x.text("TextCode", &code, &run.text)?;
                x.close()?;
            }
            Item::Rule { from, to, width } => {
                let lw = width / MM;
                let (a, b) = ((from.0 / MM, down(from.1)), (to.0 / MM, down(to.1)));
                let (left, top) = (a.0.min(b.0) - lw / 2.0, a.1.min(b.1) - lw / 2.0);
                let (right, bottom) = (a.0.max(b.0) + lw / 2.0, a.1.max(b.1) + lw / 2.0);
                x.open(
                    "PathObject",
                    &[
                        ("ID", ids.next()?.to_string()),
                        ("Boundary", nums(&[left, top, right - left, bottom - top])),
                        ("LineWidth", num(lw)),
                    ],
                )?;
                x.empty("StrokeColor", &[("Value", BLACK.into())])?;
                let path = format!(
                    "M {} L {}",
                    nums(&[a.0 - left, a.1 - top]),
                    nums(&[b.0 - left, b.1 - top])
                );
                x.text("AbbreviatedData", &[], &path)?;
                x.close()?;
            }
            Item::Fill { points, rgb } => {
                let pts: Vec<(f32, f32)> =
                    points.iter().map(|(px, py)| (px / MM, down(*py))).collect();
                let Some(first) = pts.first() else { continue };
                let (mut left, mut top, mut right, mut bottom) =
                    (first.0, first.1, first.0, first.1);
                for (px, py) in &pts {
                    left = left.min(*px);
                    top = top.min(*py);
                    right = right.max(*px);
                    bottom = bottom.max(*py);
                }
                x.open(
                    "PathObject",
                    &[
                        ("ID", ids.next()?.to_string()),
                        ("Boundary", nums(&[left, top, right - left, bottom - top])),
                        ("Stroke", "false".into()),
                        ("Fill", "true".into()),
                    ],
                )?;
                x.empty("FillColor", &[("Value", colour(*rgb))])?;
                let mut path = String::new();
                for (i, (px, py)) in pts.iter().enumerate() {
                    path.push_str(if i == 0 { "M " } else { " L " });
                    path.push_str(&nums(&[px - left, py - top]));
                }
                path.push_str(" C");
                x.text("AbbreviatedData", &[], &path)?;
                x.close()?;
            }
            Item::ActualBegin(_) | Item::ActualEnd | Item::Anchor { .. } | Item::Link { .. } => {}
        }
    }
    x.close()?; // Layer
    x.close()?; // Content
    links(&mut x, p, targets)?;
    Ok(x.finish()?)
}

/// The 目录's entries as click actions on the page, each over its line.
fn links(x: &mut Part, p: &Page, t: &Targets) -> Result<(), OfdError> {
    let mut opened = false;
    for item in &p.items {
        let Item::Link { rect, target } = item else {
            continue;
        };
        let Some(&(page, y)) = t.anchors.get(target.as_str()) else {
            continue;
        };
        if !opened {
            x.open("Actions", &[])?;
            opened = true;
        }
        let (left, right) = (rect[0] / MM, rect[2] / MM);
        let (top, bottom) = ((p.height - rect[3]) / MM, (p.height - rect[1]) / MM);
        x.open("Action", &[("Event", "CLICK".into())])?;
        x.open("Region", &[])?;
        x.open("Area", &[("Start", nums(&[left, top]))])?;
        for point in [[right, top], [right, bottom], [left, bottom]] {
            x.empty("Line", &[("Point1", nums(&point))])?;
        }
        x.empty("Close", &[])?;
        x.close()?; // Area
        x.close()?; // Region
        x.open("Goto", &[])?;
        x.empty("Dest", &dest(t, page, y))?;
        x.close()?; // Goto
        x.close()?; // Action
    }
    if opened {
        x.close()?;
    }
    Ok(())
}
