//! The sRGB ICC profile a PDF/A output intent carries, built here from the
//! colour space's published constants (IEC 61966-2-1, adapted to the ICC's
//! D50 white) rather than shipped as an opaque file: an ICC v2.1 display
//! profile with colorants and a tabulated tone curve.

/// ICC s15Fixed16Number.
fn s15(v: f64) -> [u8; 4] {
    ((v * 65536.0).round() as i32).to_be_bytes()
}

fn xyz(x: f64, y: f64, z: f64) -> Vec<u8> {
    let mut t = b"XYZ \0\0\0\0".to_vec();
    for v in [x, y, z] {
        t.extend(s15(v));
    }
    t
}

/// textDescriptionType: ASCII, then empty Unicode and ScriptCode parts.
fn description(text: &str) -> Vec<u8> {
    let mut t = b"desc\0\0\0\0".to_vec();
    t.extend((text.len() as u32 + 1).to_be_bytes());
    t.extend(text.as_bytes());
    t.push(0);
    t.extend([0u8; 4]); // Unicode language code
    t.extend([0u8; 4]); // Unicode count
    t.extend([0u8; 2]); // ScriptCode code
    t.push(0); // ScriptCode count
    t.extend([0u8; 67]);
    t
}

fn text(text: &str) -> Vec<u8> {
    let mut t = b"text\0\0\0\0".to_vec();
    t.extend(text.as_bytes());
    t.push(0);
    t
}

/// The sRGB transfer function, tabulated (curveType).
fn tone_curve() -> Vec<u8> {
    const ENTRIES: u32 = 1024;
    let mut t = b"curv\0\0\0\0".to_vec();
    t.extend(ENTRIES.to_be_bytes());
    for i in 0..ENTRIES {
        let v = f64::from(i) / f64::from(ENTRIES - 1);
        let linear = if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        };
        t.extend(((linear * 65535.0).round() as u16).to_be_bytes());
    }
    t
}

/// The profile's bytes. The same every time: no date, no random id.
pub fn srgb() -> Vec<u8> {
    // D50-adapted (Bradford) sRGB primaries, as the ICC publishes them.
    let curve = tone_curve();
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", description("sRGB IEC61966-2.1")),
        (b"cprt", text("No copyright, use freely")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4360747, 0.2225045, 0.0139322)),
        (b"gXYZ", xyz(0.3850649, 0.7168786, 0.0971045)),
        (b"bXYZ", xyz(0.1430804, 0.0606169, 0.7141733)),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let table_len = 4 + 12 * tags.len();
    let mut data = Vec::new();
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    for (sig, body) in &tags {
        let offset = 128 + table_len + data.len();
        table.extend(*sig);
        table.extend((offset as u32).to_be_bytes());
        table.extend((body.len() as u32).to_be_bytes());
        data.extend(body);
        while data.len() % 4 != 0 {
            data.push(0);
        }
    }
    let size = 128 + table.len() + data.len();
    let mut h = Vec::with_capacity(size);
    h.extend((size as u32).to_be_bytes());
    h.extend([0u8; 4]); // preferred CMM
    h.extend([0x02, 0x10, 0, 0]); // version 2.1
    h.extend(b"mntrRGB XYZ ");
    h.extend([0u8; 12]); // creation date: none, for byte-identical output
    h.extend(b"acsp");
    h.extend([0u8; 16]); // platform, flags, manufacturer, model
    h.extend([0u8; 8]); // device attributes
    h.extend([0u8; 4]); // rendering intent: perceptual
    for v in [0.9642, 1.0, 0.8249] {
        h.extend(s15(v)); // PCS illuminant, D50
    }
    h.extend([0u8; 4]); // creator
    h.extend([0u8; 44]); // profile id (v4 only) and reserved
    debug_assert_eq!(h.len(), 128);
    h.extend(table);
    h.extend(data);
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_is_a_well_formed_rgb_display_profile() {
        let p = srgb();
        assert_eq!(
            u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize,
            p.len()
        );
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        assert_eq!(&p[36..40], b"acsp");
        let count = u32::from_be_bytes([p[128], p[129], p[130], p[131]]) as usize;
        assert_eq!(count, 9);
        for i in 0..count {
            let at = 132 + 12 * i;
            let field =
                |o: usize| u32::from_be_bytes([p[o], p[o + 1], p[o + 2], p[o + 3]]) as usize;
            let (offset, len) = (field(at + 4), field(at + 8));
            assert_eq!(offset % 4, 0);
            assert!(offset + len <= p.len());
        }
        assert_eq!(srgb(), p);
    }
}
