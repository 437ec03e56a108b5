//! How large a file of ours may be, before and after its aliases: the
//! reader, the source map and the other readers of YAML share these.

/// A budget file no sane unit would exceed; larger input is refused before reading.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Aliases are never needed in a budget file; a few are tolerated, floods are refused.
pub const MAX_ALIASES: usize = 64;
/// What the file may amount to once every alias is replaced by what it
/// names: as much as the largest file allowed.
pub const MAX_EXPANDED_BYTES: u64 = MAX_FILE_BYTES;
/// The bounds every YAML file of ours is walked within.
pub const LIMITS: crate::input::Limits = crate::input::Limits {
    depth: crate::input::MAX_DEPTH,
    aliases: MAX_ALIASES,
    expanded: MAX_EXPANDED_BYTES,
};
