//! gongkai: a unit's annual budget, described in YAML, turned into its disclosure package.
//!
//! Pipeline: `load` (YAML → `model`) → `check` (diagnostics) → `compute` (ledger)
//! → `layout` (document tree, `doc`) → `render`.

/// mimalloc for every program built on the library (the command, its
/// benches and tests): a build allocates and frees millions of small
/// pieces (glyphs, lines, cells), and glibc's allocator took a tenth of a
/// unit's CPU time. Without transparent huge pages (Cargo.toml): with them
/// a build's memory doubled and, run after a program that used much
/// memory, it was slower than with glibc. mimalloc's v2 line rather than
/// v3: v3 was some 6% slower here and held more memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod batch;
pub mod catalog;
pub mod chars;
pub mod check;
pub mod compute;
pub mod consolidate;
pub mod conventions;
pub mod convert;
pub mod diagnostic;
pub mod diff;
pub mod doc;
pub mod fonts;
pub mod hash;
pub mod input;
pub mod layout;
pub mod load;
pub mod model;
pub mod newyear;
pub mod publish;
pub mod render;
pub mod run;
pub mod schema;
pub mod sheet;
pub mod suggest;
