//! A workbook's sheets as sparse grids of cells, read within bounds: a
//! workbook is a zip of XML, and neither its entries nor its cells may
//! grow beyond what a unit's budget needs.

use super::cells::SheetError;
use super::leaf::Raw;
use calamine::{DataRef, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek};

/// The most a workbook may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The most entries a workbook's zip may hold.
pub const MAX_ENTRIES: usize = 2_000;
/// The most cells read from all sheets together.
pub const MAX_CELLS: usize = 2_000_000;
/// Rows and columns beyond these are no budget's.
pub const MAX_ROW: u32 = 200_000;
pub const MAX_COLUMN: u32 = 256;
/// A merged area larger than this is not copied into each of its cells.
const MAX_MERGED_AREA: u64 = 10_000;

/// One sheet's cells by (row, column), 0-based.
pub type Grid = BTreeMap<(u32, u32), Raw>;

/// An opened workbook.
pub struct Book {
    xlsx: Xlsx<Cursor<Vec<u8>>>,
    cells: usize,
}

impl Book {
    pub fn open(bytes: Vec<u8>) -> Result<Book, SheetError> {
        check_zip(Cursor::new(&bytes))?;
        let xlsx = Xlsx::new(Cursor::new(bytes)).map_err(|_| SheetError::NotWorkbook)?;
        Ok(Book { xlsx, cells: 0 })
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.xlsx.sheet_names()
    }

    /// A sheet's cells, merged areas filled from their first cell (a merged
    /// 一级指标 names every row it spans).
    pub fn grid(&mut self, name: &str) -> Result<Grid, SheetError> {
        let mut grid = Grid::new();
        {
            let mut reader = self
                .xlsx
                .worksheet_cells_reader(name)
                .map_err(|_| SheetError::Unreadable(name.to_string()))?;
            loop {
                let cell = match reader.next_cell() {
                    Ok(Some(c)) => c,
                    Ok(None) => break,
                    Err(_) => return Err(SheetError::Unreadable(name.to_string())),
                };
                let (r, c) = cell.get_position();
                if r >= MAX_ROW || c >= MAX_COLUMN {
                    return Err(SheetError::TooLarge(name.to_string()));
                }
                let raw = match cell.get_value() {
                    DataRef::Empty => continue,
                    DataRef::Int(i) => Raw::Number(*i as f64),
                    DataRef::Float(f) => Raw::Number(*f),
                    DataRef::String(s) => Raw::Text(s.clone()),
                    DataRef::SharedString(s) => Raw::Text(s.to_string()),
                    DataRef::Bool(b) => Raw::Bool(*b),
                    DataRef::DateTime(d) if d.is_datetime() => {
                        let (y, m, day, ..) = d.to_ymd_hms_milli();
                        Raw::Date(y, m, day)
                    }
                    DataRef::DateTime(d) => Raw::Number(d.as_f64()),
                    DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Raw::Text(s.clone()),
                    DataRef::Error(e) => Raw::Error(format!("{e}")),
                };
                self.cells += 1;
                if self.cells > MAX_CELLS {
                    return Err(SheetError::TooLarge(name.to_string()));
                }
                grid.insert((r, c), raw);
            }
        }
        let merged = self
            .xlsx
            .merge_cells_by_sheet_name(name)
            .unwrap_or_default();
        for m in merged {
            let area = u64::from(m.end.0.saturating_sub(m.start.0) + 1)
                * u64::from(m.end.1.saturating_sub(m.start.1) + 1);
            if area > MAX_MERGED_AREA {
                continue;
            }
            let Some(first) = grid.get(&m.start).cloned() else {
                continue;
            };
            for r in m.start.0..=m.end.0 {
                for c in m.start.1..=m.end.1 {
                    grid.entry((r, c)).or_insert_with(|| first.clone());
                }
            }
        }
        Ok(grid)
    }
}

/// Refuses a zip whose entries would unpack beyond the bounds, before any
/// of them is unpacked. The sizes are the zip's own claims; the XML reader
/// stops at the cell bounds whatever an entry really holds.
fn check_zip<R: Read + Seek>(bytes: R) -> Result<(), SheetError> {
    let mut zip = zip::ZipArchive::new(bytes).map_err(|_| SheetError::NotWorkbook)?;
    if zip.len() > MAX_ENTRIES {
        return Err(SheetError::TooManyParts);
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|_| SheetError::NotWorkbook)?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(SheetError::TooManyParts);
    }
    Ok(())
}

/// `C17` for row 16, column 2 (0-based).
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", super::write::column_name(col as u16), row + 1)
}
