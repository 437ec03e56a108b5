//! Column widths of a ruled table: from what each column's cells need,
//! narrowed where that adds the fewest lines.

use super::cells::{Needs, Probe};

/// Lines the table takes given each cell's lines: each row as tall as its
/// tallest cell, a spanning cell's excess added to its last row.
fn table_lines(probes: &[Probe], lines: &[usize], rows: usize) -> usize {
    let mut per_row = vec![1usize; rows];
    for (p, n) in probes.iter().zip(lines).filter(|(p, _)| p.rowspan == 1) {
        per_row[p.row] = per_row[p.row].max(*n);
    }
    for (p, n) in probes.iter().zip(lines).filter(|(p, _)| p.rowspan > 1) {
        let end = (p.row + p.rowspan).min(rows);
        let have: usize = per_row[p.row..end].iter().sum();
        if *n > have {
            per_row[end - 1] += n - have;
        }
    }
    per_row.iter().sum()
}

/// Moves width from one column to another while that saves lines: the
/// greedy narrowing may have taken from a column whose cells had lines to
/// spare no more than another's.
fn improve(
    w: &mut [f32],
    lines: &mut Vec<usize>,
    needs: &Needs,
    probes: &[Probe],
    rows: usize,
    step: f32,
) {
    let mut now = table_lines(probes, lines, rows);
    for _ in 0..200 {
        let mut best: Option<(usize, usize, f32, usize, Vec<usize>)> = None;
        // Moves of one or three steps: a cell may need several to lose a line.
        for (from, amount) in (0..w.len()).flat_map(|f| [1.0, 3.0].map(|k| (f, k * step))) {
            if w[from] - amount < needs.least[from] - 0.01 {
                continue;
            }
            for to in (0..w.len()).filter(|t| *t != from) {
                let mut trial = w.to_vec();
                trial[from] -= amount;
                trial[to] += amount;
                let cells: Vec<usize> = probes
                    .iter()
                    .zip(lines.iter())
                    .map(|(p, n)| {
                        if p.touches(from) || p.touches(to) {
                            p.lines(&trial)
                        } else {
                            *n
                        }
                    })
                    .collect();
                let total = table_lines(probes, &cells, rows);
                if total < best.as_ref().map_or(now, |b| b.3) {
                    best = Some((from, to, amount, total, cells));
                }
            }
        }
        let Some((from, to, amount, total, cells)) = best else {
            break;
        };
        w[from] -= amount;
        w[to] += amount;
        *lines = cells;
        now = total;
    }
}

/// Column widths for `width`. Every column starts at its unbroken width;
/// when that fits, the rest is shared by the layout's relative widths.
/// Otherwise columns give way step by step, each step taken where it adds
/// the fewest lines to the table (the widest column on a tie), never below
/// what a column needs; when even that is too wide, all shrink in proportion.
pub(super) fn widths(
    needs: &Needs,
    probes: &[Probe],
    rows: usize,
    relative: &[f32],
    width: f32,
    step: f32,
) -> Vec<f32> {
    let natural: f32 = needs.natural.iter().sum();
    if natural <= width {
        let total: f32 = relative.iter().sum::<f32>().max(1.0);
        let extra = width - natural;
        return needs
            .natural
            .iter()
            .zip(relative)
            .map(|(n, r)| n + extra * r / total)
            .collect();
    }
    let least: f32 = needs.least.iter().sum();
    if least > width {
        return needs.least.iter().map(|l| l * width / least).collect();
    }
    let mut w = needs.natural.clone();
    let mut lines: Vec<usize> = probes.iter().map(|p| p.lines(&w)).collect();
    loop {
        let over = w.iter().sum::<f32>() - width;
        if over <= 0.01 {
            break;
        }
        // (column, table lines, width given, the cells' lines then)
        let mut best: Option<(usize, usize, f32, Vec<usize>)> = None;
        for c in 0..w.len() {
            let give = (w[c] - needs.least[c]).min(over).min(step);
            if give <= 0.01 {
                continue;
            }
            let mut trial = w.clone();
            trial[c] -= give;
            // Only the cells over this column change.
            let cells: Vec<usize> = probes
                .iter()
                .zip(&lines)
                .map(|(p, n)| if p.touches(c) { p.lines(&trial) } else { *n })
                .collect();
            let total = table_lines(probes, &cells, rows);
            let better = match &best {
                None => true,
                Some((b, l, _, _)) => total < *l || (total == *l && w[c] > w[*b]),
            };
            if better {
                best = Some((c, total, give, cells));
            }
        }
        let Some((c, _, give, cells)) = best else {
            break;
        };
        w[c] -= give;
        lines = cells;
    }
    improve(&mut w, &mut lines, needs, probes, rows, step);
    let spare = width - w.iter().sum::<f32>();
    if spare > 0.0
        && let Some(max) = w.iter_mut().max_by(|a, b| a.total_cmp(b))
    {
        *max += spare;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::super::cells::CellText;
    use super::{Needs, Probe, widths};
    use crate::render::typeset::linebreak::{Breakable, Wrap};
    use crate::render::typeset::text::Glyph;

    fn probe(row: usize, col: usize, chars: usize) -> Probe {
        Probe {
            row,
            col,
            colspan: 1,
            rowspan: 1,
            pad: 0.0,
            text: Some({
                let glyphs: Vec<Glyph> = (0..chars)
                    .map(|_| Glyph {
                        ch: '字',
                        face: fontdb::ID::dummy(),
                        bold: false,
                        size: 10.0,
                        advance: 10.0,
                        squeeze: 0.0,
                        shrink: 0.0,
                        lead: 0.0,
                    })
                    .collect();
                let breaks = Breakable::new(&glyphs, Wrap::Chars);
                CellText { glyphs, breaks }
            }),
            counted: Default::default(),
        }
    }

    #[test]
    fn columns_keep_their_natural_width_when_it_fits() {
        let needs = Needs {
            natural: vec![100.0, 50.0],
            least: vec![40.0, 50.0],
        };
        let w = widths(&needs, &[], 1, &[1.0, 1.0], 200.0, 5.0);
        assert_eq!(w, vec![125.0, 75.0]);
    }

    #[test]
    fn a_header_wraps_rather_than_every_row_below_it() {
        // Column 0: one header of 8 characters over short rows; column 1:
        // ten rows of 8 characters. Narrowing column 0 costs one line.
        let mut probes = vec![probe(0, 0, 8), probe(0, 1, 2)];
        for r in 1..11 {
            probes.push(probe(r, 0, 2));
            probes.push(probe(r, 1, 8));
        }
        let needs = Needs {
            natural: vec![80.0, 80.0],
            least: vec![20.0, 20.0],
        };
        let w = widths(&needs, &probes, 11, &[1.0, 1.0], 120.0, 5.0);
        assert!((w.iter().sum::<f32>() - 120.0).abs() < 0.1, "{w:?}");
        assert!(w[1] >= 80.0 - 0.1, "rows keep their width: {w:?}");
    }

    #[test]
    fn no_column_goes_below_what_it_needs() {
        let probes = vec![probe(0, 0, 30), probe(0, 1, 30), probe(0, 2, 4)];
        let needs = Needs {
            natural: vec![300.0, 300.0, 40.0],
            least: vec![100.0, 60.0, 40.0],
        };
        let w = widths(&needs, &probes, 1, &[1.0, 1.0, 1.0], 250.0, 5.0);
        assert!(w[0] >= 100.0 && w[1] >= 60.0 && w[2] >= 40.0, "{w:?}");
        assert!((w.iter().sum::<f32>() - 250.0).abs() < 0.1, "{w:?}");
    }
}
