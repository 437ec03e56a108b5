//! Content hashes: what decides whether a batch must rebuild a package.

use sha2::{Digest, Sha256};

/// Hashes a sequence of named parts; each is length-prefixed so that moving
/// bytes from one part to the next changes the hash.
#[derive(Default)]
pub struct Hasher(Sha256);

impl Hasher {
    pub fn part(&mut self, bytes: &[u8]) -> &mut Hasher {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn hex(self) -> String {
        hex(&self.0.finalize())
    }
}

/// The SHA-256 of some bytes: the stable digest every identifier in an
/// output derives from (PDF /ID, OFD DocID), so equal documents carry
/// equal identifiers whatever the toolchain.
pub fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The SHA-256 of some bytes, as lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
