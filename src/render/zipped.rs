//! The zip container the Word and OFD files are: parts deflated in the
//! order given, every one with the same fixed timestamp, so equal content
//! gives equal bytes.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// A container being written, one part at a time: a part is deflated as it
/// is written, so a large part is never held whole (issue 16).
pub struct Container {
    writer: ZipWriter<Cursor<Vec<u8>>>,
}

impl Default for Container {
    fn default() -> Self {
        Container {
            writer: ZipWriter::new(Cursor::new(Vec::new())),
        }
    }
}

impl Container {
    /// Starts the next part; what is written to the result goes into it.
    pub fn part(&mut self, name: &str) -> zip::result::ZipResult<&mut impl Write> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default());
        self.writer.start_file(name, options)?;
        Ok(&mut self.writer)
    }

    pub fn finish(self) -> zip::result::ZipResult<Vec<u8>> {
        Ok(self.writer.finish()?.into_inner())
    }
}

pub fn deflated(parts: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut c = Container::default();
    for (name, bytes) in parts {
        c.part(name)?.write_all(bytes)?;
    }
    c.finish()
}
