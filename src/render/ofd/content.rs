//! One page's description (`Content.xml`): text objects with every
//! character's advance written out (so stretched and compressed lines keep
//! their exact positions and copy without spaces), rules and fills as
//! paths, and the 目录's links as click actions. OFD measures in
//! millimetres from the top left; the typesetter in points from the bottom
//! left.

use super::error::OfdError;
use super::ids::Ids;
use super::xml::{Part, num, nums};
use crate::render::typeset::{
    FAKE_BOLD_STROKE, Item, MM, Measure, Page, Run, WATERMARK_ANGLE, WATERMARK_GREY,
};
use fontdb::ID;
use std::collections::{BTreeMap, HashMap};

/// Where the pages are, for link targets.
pub struct Targets<'a> {
    pub pages: &'a [Page],
    pub page_ids: &'a [u32],
    pub anchors: &'a HashMap<&'a str, (usize, f32)>,
}

/// The Dest element's attributes for an anchor.
pub fn dest(t: &Targets, page: usize, y: f32) -> Vec<(&'static str, String)> {
    let height = t.pages.get(page).map_or(0.0, |p| p.height);
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

/// Each character's advance in mm, compression and stretch included.
fn advances(run: &Run, measure: &mut Measure) -> Vec<f32> {
    let mut kerns = vec![0.0; run.text.chars().count()];
    for &(k, v) in &run.kerns {
        if let Some(kern) = kerns.get_mut(k) {
            *kern += v;
        }
    }
    run.text
        .chars()
        .zip(kerns)
        .map(|(ch, kern)| {
            (measure.advance(run.face, ch) * run.size - kern * run.size / 1000.0) / MM
        })
        .collect()
}

/// The advances as written: each glyph's position rounded to the 0.001 mm
/// the file carries, and each step the difference of two such positions,
/// so rounding never adds up along a line (25 steps each rounded alone put
/// a line's last glyph up to 0.07 pt from where the PDF sets it).
fn steps(deltas: &[f32]) -> Vec<f32> {
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    let (mut at, mut set) = (0.0_f64, 0.0_f64);
    deltas
        .iter()
        .map(|d| {
            at += f64::from(*d);
            let next = round(at);
            let step = next - set;
            set = next;
            step as f32
        })
        .collect()
}

/// What drawing one page needs.
pub struct Painter<'a, 'b> {
    pub fonts: &'a BTreeMap<ID, u32>,
    pub measure: &'a mut Measure<'b>,
    pub ids: &'a mut Ids,
    pub targets: &'a Targets<'a>,
}

pub fn page(p: &Page, paint: &mut Painter) -> Result<Vec<u8>, OfdError> {
    let (w, h) = (p.width / MM, p.height / MM);
    let mut x = Part::new("Page", &[])?;
    x.open("Area", &[])?;
    x.text("PhysicalBox", &[], &nums(&[0.0, 0.0, w, h]))?;
    x.close()?;
    x.open("Content", &[])?;
    // The draft watermark in a background layer of its own, under the
    // page's content in the body layer, as the PDF draws it first.
    let marked = |i: &Item| {
        matches!(
            i,
            Item::Text {
                watermark: true,
                ..
            }
        )
    };
    for background in [true, false] {
        if background && !p.items.iter().any(marked) {
            continue;
        }
        let mut layer = vec![("ID", paint.ids.next()?.to_string())];
        if background {
            layer.push(("Type", "Background".to_string()));
        }
        x.open("Layer", &layer)?;
        for item in p.items.iter().filter(|i| marked(i) == background) {
            match item {
                Item::Text { .. } => text(&mut x, p, item, paint)?,
                Item::Rule { from, to, width } => rule(&mut x, p, *from, *to, *width, paint.ids)?,
                Item::Fill { points, rgb } => fill(&mut x, p, points, *rgb, paint.ids)?,
                Item::ActualBegin(_)
                | Item::ActualEnd
                | Item::Anchor { .. }
                | Item::Link { .. } => {}
            }
        }
        x.close()?; // Layer
    }
    x.close()?; // Content
    links(&mut x, p, paint.targets)?;
    Ok(x.finish()?)
}

/// mm from the page's top.
fn down(p: &Page, y: f32) -> f32 {
    (p.height - y) / MM
}

fn text(x: &mut Part, p: &Page, item: &Item, paint: &mut Painter) -> Result<(), OfdError> {
    let Item::Text {
        x: tx,
        y,
        run,
        fake_bold,
        watermark,
    } = item
    else {
        return Ok(());
    };
    let Some(font) = paint.fonts.get(&run.face) else {
        return Ok(());
    };
    let size = run.size / MM;
    let deltas = advances(run, paint.measure);
    let mut attrs = vec![("ID", paint.ids.next()?.to_string())];
    let (ox, oy) = if *watermark {
        // Turned about its start point, anticlockwise as seen (so the
        // sine's sign flips: y runs down); the object's box is the page.
        let (sin, cos) = WATERMARK_ANGLE.to_radians().sin_cos();
        attrs.push(("Boundary", nums(&[0.0, 0.0, p.width / MM, p.height / MM])));
        attrs.push(("CTM", nums(&[cos, -sin, sin, cos, tx / MM, down(p, *y)])));
        (0.0, 0.0)
    } else {
        // A margin around the run, so no reader clips a glyph's overhang.
        let width: f32 = deltas.iter().sum::<f32>().max(run.width / MM);
        let boundary = [
            tx / MM - 0.2 * size,
            down(p, *y) - 1.1 * size,
            width + 0.4 * size,
            1.4 * size,
        ];
        attrs.push(("Boundary", nums(&boundary)));
        (0.2 * size, 1.1 * size)
    };
    attrs.push(("Font", font.to_string()));
    attrs.push(("Size", num(size)));
    if *fake_bold {
        attrs.push(("Stroke", "true".into()));
        attrs.push(("LineWidth", num(FAKE_BOLD_STROKE * size)));
    }
    x.open("TextObject", &attrs)?;
    let colour_value = if *watermark {
        colour((WATERMARK_GREY, WATERMARK_GREY, WATERMARK_GREY))
    } else {
        BLACK.to_string()
    };
    x.empty("FillColor", &[("Value", colour_value)])?;
    if *fake_bold {
        x.empty("StrokeColor", &[("Value", BLACK.into())])?;
    }
    let mut code = vec![("X", num(ox)), ("Y", num(oy))];
    if deltas.len() > 1 {
        code.push(("DeltaX", nums(&steps(&deltas[..deltas.len() - 1]))));
    }
    x.text("TextCode", &code, &run.text)?;
    x.close()?;
    Ok(())
}

/// A path object around `points` (mm, y down): its box, and the points
/// relative to the box.
fn bounded(points: &[(f32, f32)], pad: f32) -> ([f32; 4], Vec<(f32, f32)>) {
    let (mut left, mut top) = (f32::INFINITY, f32::INFINITY);
    let (mut right, mut bottom) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
    for (px, py) in points {
        left = left.min(*px);
        top = top.min(*py);
        right = right.max(*px);
        bottom = bottom.max(*py);
    }
    let (left, top) = (left - pad, top - pad);
    let boundary = [left, top, right + pad - left, bottom + pad - top];
    let relative = points
        .iter()
        .map(|(px, py)| (px - left, py - top))
        .collect();
    (boundary, relative)
}

/// AbbreviatedData for a polyline, closed (`C`) or not.
fn path_data(points: &[(f32, f32)], closed: bool) -> String {
    let mut d = String::new();
    for (i, (px, py)) in points.iter().enumerate() {
        d.push_str(if i == 0 { "M " } else { " L " });
        d.push_str(&nums(&[*px, *py]));
    }
    if closed {
        d.push_str(" C");
    }
    d
}

fn rule(
    x: &mut Part,
    p: &Page,
    from: (f32, f32),
    to: (f32, f32),
    width: f32,
    ids: &mut Ids,
) -> Result<(), OfdError> {
    let lw = width / MM;
    let ends = [(from.0 / MM, down(p, from.1)), (to.0 / MM, down(p, to.1))];
    let (boundary, relative) = bounded(&ends, lw / 2.0);
    x.open(
        "PathObject",
        &[
            ("ID", ids.next()?.to_string()),
            ("Boundary", nums(&boundary)),
            ("LineWidth", num(lw)),
        ],
    )?;
    x.empty("StrokeColor", &[("Value", BLACK.into())])?;
    x.text("AbbreviatedData", &[], &path_data(&relative, false))?;
    x.close()?;
    Ok(())
}

fn fill(
    x: &mut Part,
    p: &Page,
    points: &[(f32, f32)],
    rgb: (f32, f32, f32),
    ids: &mut Ids,
) -> Result<(), OfdError> {
    if points.is_empty() {
        return Ok(());
    }
    let pts: Vec<(f32, f32)> = points
        .iter()
        .map(|(px, py)| (px / MM, down(p, *py)))
        .collect();
    let (boundary, relative) = bounded(&pts, 0.0);
    x.open(
        "PathObject",
        &[
            ("ID", ids.next()?.to_string()),
            ("Boundary", nums(&boundary)),
            ("Stroke", "false".into()),
            ("Fill", "true".into()),
        ],
    )?;
    x.empty("FillColor", &[("Value", colour(rgb))])?;
    x.text("AbbreviatedData", &[], &path_data(&relative, true))?;
    x.close()?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::steps;

    #[test]
    fn rounding_never_adds_up_along_a_line() {
        // 25 advances of 1.0004 mm: each rounded alone they sum to 25.000,
        // 0.01 mm short of where the last glyph belongs.
        let steps = steps(&[1.0004; 25]);
        let end: f32 = steps.iter().map(|s| (s * 1000.0).round() / 1000.0).sum();
        assert!((end - 25.010).abs() < 0.0005, "{end}");
    }
}
