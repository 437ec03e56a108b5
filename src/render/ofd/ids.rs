//! The OFD's object ids.

use super::error::OfdError;

/// Object IDs, given out in order from 1; the last is the document's MaxUnitID.
#[derive(Default)]
pub struct Ids(u32);

impl Ids {
    pub fn new() -> Ids {
        Ids(0)
    }

    pub fn next(&mut self) -> Result<u32, OfdError> {
        self.0 = self.0.checked_add(1).ok_or(OfdError::TooManyObjects)?;
        Ok(self.0)
    }
    pub fn max(&self) -> u32 {
        self.0
    }
}
