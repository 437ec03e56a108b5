//! One reading discipline for every file gongkai reads — budgets, 部门
//! files, workbooks, layout sets and their templates, catalogues, import
//! profiles, fonts: regular files only, of a bounded size, never through a
//! link that leads out of the folder they were found in; and every YAML
//! text walked once without recursion, its nesting, aliases and expanded
//! size bounded, before any recursive parser sees it.

mod file;
mod syntax;
mod yaml;

pub use file::{ReadError, read_bounded, read_found, read_within};
pub use syntax::SyntaxFault;
pub use yaml::{Counts, Limits, MAX_DEPTH, Nothing, YamlError, walk};
