//! Deflating a PDF's streams as lopdf's `Stream::compress` does (zlib at
//! the best level, kept only where it saves more than the filter's entry
//! costs), with one compressor per thread, reset between streams: a fresh
//! one allocates and clears some 300 KB of tables, as much work as
//! deflating a short page's content.

use lopdf::Stream;
use std::cell::RefCell;

/// The bytes `Filter /FlateDecode` adds to a stream's dictionary.
const FILTER_ENTRY: usize = 19;

thread_local! {
    static ZLIB: RefCell<flate2::Compress> =
        RefCell::new(flate2::Compress::new(flate2::Compression::best(), true));
}

/// Deflates `s` unless it has a filter already or would not shrink; a
/// stream that cannot be deflated stays as it is, readable.
pub fn deflate(s: &mut Stream) {
    if s.dict.get(b"Filter").is_ok() {
        return;
    }
    let Some(deflated) = ZLIB.with_borrow_mut(|z| zlib(z, &s.content)) else {
        return;
    };
    if deflated.len() + FILTER_ENTRY < s.content.len() {
        s.dict.set("Filter", "FlateDecode");
        s.set_content(deflated);
    }
}

/// `input` as one zlib stream.
fn zlib(z: &mut flate2::Compress, input: &[u8]) -> Option<Vec<u8>> {
    z.reset();
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        let read = usize::try_from(z.total_in()).ok()?;
        let status = z
            .compress_vec(input.get(read..)?, &mut out, flate2::FlushCompress::Finish)
            .ok()?;
        if status == flate2::Status::StreamEnd {
            return Some(out);
        }
        out.reserve(out.capacity().max(1024));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Dictionary;

    /// What lopdf's own `compress` makes of `content`.
    fn lopdf(content: &[u8]) -> Stream {
        let mut s = Stream::new(Dictionary::new(), content.to_vec());
        s.compress().unwrap();
        s
    }

    #[test]
    fn streams_are_deflated_as_lopdf_deflates_them() {
        let page = "q\nBT\n/F1 12 Tf\n0 g\n72 700 Td\n[<00010002> 500 <0003>] TJ\nET\nQ\n";
        let long: String = (0..2000)
            .map(|i| format!("{i} {} m\n", i * 7 % 613))
            .collect();
        // Short (left as it is), repetitive, long (several output buffers)
        // and incompressible content, each twice: the compressor is reused.
        let noise: Vec<u8> = (0u32..70_000)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        for content in [
            b"q Q".to_vec(),
            page.repeat(40).into_bytes(),
            long.into_bytes(),
            noise,
        ]
        .iter()
        .flat_map(|c| [c.clone(), c.clone()])
        {
            let mut ours = Stream::new(Dictionary::new(), content.clone());
            deflate(&mut ours);
            let theirs = lopdf(&content);
            assert_eq!(ours.content, theirs.content);
            assert_eq!(
                ours.dict.get(b"Filter").ok(),
                theirs.dict.get(b"Filter").ok()
            );
        }
    }

    #[test]
    fn a_filtered_stream_is_left_be() {
        let mut s = Stream::new(Dictionary::new(), vec![b'a'; 1000]);
        s.dict.set("Filter", "DCTDecode");
        deflate(&mut s);
        assert_eq!(s.content, vec![b'a'; 1000]);
    }
}
