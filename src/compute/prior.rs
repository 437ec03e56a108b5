//! Last year's budget, when the budget links its file (`上年.文件`): what
//! this year's ledger is compared with and the checker reads. Finding and
//! reading the file is the run's (`run::prior`).

use crate::catalog::Catalog;
use crate::load::SourceMap;
use crate::model::Budget;

/// Last year's file, analysed; its ledger is in this year's (`Ledger::prior`).
pub struct PriorYear {
    /// The file as messages name it (the link joined to this file's folder).
    pub file: String,
    pub budget: Budget,
    pub map: SourceMap,
    pub catalog: std::sync::Arc<Catalog>,
    /// Errors the checker finds in last year's file.
    pub errors: usize,
    /// A hash of the file's text and of the files it links in turn: what
    /// a batch compares to know this year's package is still current.
    pub fingerprint: String,
}

impl PriorYear {
    /// The line of a field of last year's file.
    pub fn line(&self, path: &str) -> Option<usize> {
        self.map.locate_field(path).map(|s| s.line)
    }
}

/// What became of a budget's 上年.文件.
pub enum Link {
    /// No file named: the 上年 figures are typed.
    Typed,
    Linked(Box<PriorYear>),
    /// A file is named but cannot serve; the error says why.
    Broken,
}

impl Link {
    pub fn prior(&self) -> Option<&PriorYear> {
        match self {
            Link::Linked(p) => Some(p),
            _ => None,
        }
    }
}

/// A 决算's budget of the same year (`决算.预算.文件`), analysed; its
/// ledger is in the 决算's (`Ledger::plan`).
pub struct PlanYear {
    /// The file as messages name it.
    pub file: String,
    pub budget: Budget,
    /// A hash of the file's text: a batch's package is current only while
    /// the budget it compares with is unchanged.
    pub fingerprint: String,
}
