//! Last year's budget file (`上年.文件`): found beside the budget, read and
//! checked like any budget, with its year and the chain of years guarded.

use std::path::{Path, PathBuf};

/// How many years back a chain of linked files is followed: enough for any
/// comparison a package makes (it needs one), few enough that a chain of
/// copies costs nothing.
pub const MAX_CHAIN: usize = 10;

/// Why last year's file cannot serve.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("“上年.文件”是空的：请写上年的预算文件名，或删去这一行并逐项填写上年数")]
    Blank,
    #[error("找不到上年文件 {file}（路径相对于本文件所在的文件夹）")]
    NotFound { file: String },
    #[error("上年文件 {file} 不是一个普通文件（是文件夹或设备）：请写上年的预算文件")]
    NotAFile { file: String },
    #[error(
        "上年文件 {file} 不能作为预算文件读取{}：请先用 gongkai check {file} 检查它",
        line.map(|l| format!("（第 {l} 行）")).unwrap_or_default()
    )]
    Unreadable { file: String, line: Option<usize> },
    #[error(
        "上年文件 {file} 的年度没有科目目录（内置目录和版式的 catalog 文件夹中都没有），无法计算它的数字"
    )]
    NoCatalog { file: String },
    #[error("上年文件 {file} 的年度是 {found}，应为 {expected}")]
    WrongYear {
        file: String,
        found: i32,
        expected: i32,
    },
    #[error("上年文件首尾相连，形成循环：{}", chain.join(" → "))]
    Loop { chain: Vec<String> },
    /// Last year's file is itself in a loop further on: its own message.
    #[error("{0}")]
    LoopFurther(String),
    #[error("上年文件 {file} 无法打开：{reason}")]
    Unopenable { file: String, reason: String },
}

/// A link resolved against the linking file's folder.
pub fn resolve(budget_path: &Path, link: &str) -> PathBuf {
    budget_path
        .parent()
        .map_or_else(|| PathBuf::from(link), |dir| dir.join(link))
}

/// The chain of files followed so far, by their canonical paths, to stop
/// a loop; and how deep it goes.
#[derive(Default, Clone)]
pub struct Chain {
    files: Vec<(PathBuf, String)>,
}

impl Chain {
    pub fn starting_at(path: &Path) -> Chain {
        let mut c = Chain::default();
        c.push(path);
        c
    }
    fn push(&mut self, path: &Path) {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.files.push((canonical, path.display().to_string()));
    }
    /// Following one more link would go beyond [`MAX_CHAIN`].
    pub fn is_full(&self) -> bool {
        self.files.len() > MAX_CHAIN
    }
    /// The chain with `path` appended, or the loop it would close.
    pub fn then(&self, path: &Path) -> Result<Chain, LinkError> {
        let mut next = self.clone();
        next.push(path);
        let (new, _) = &next.files[next.files.len() - 1];
        if self.files.iter().any(|(c, _)| c == new) {
            let chain = next.files.into_iter().map(|(_, shown)| shown).collect();
            return Err(LinkError::Loop { chain });
        }
        Ok(next)
    }
}
