//! A 决算's budget of the same year (`决算.预算.文件`): found beside the
//! 决算, read like any budget, and accepted only when it is that year's
//! budget.

/// Why the linked budget cannot serve.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("“决算.预算.文件”是空的：请写同一年度的预算文件名，或删去 预算 一节")]
    Blank,
    #[error("找不到预算文件 {file}（路径相对于本文件所在的文件夹）")]
    NotFound { file: String },
    #[error("预算文件 {file} 不是一个普通文件（是文件夹或设备）：请写同一年度的预算文件")]
    NotAFile { file: String },
    #[error("预算文件 {file} 无法打开：{reason}")]
    Unopenable { file: String, reason: String },
    #[error(
        "预算文件 {file} 不能作为预算文件读取{}：请先用 gongkai check {file} 检查它",
        line.map(|l| format!("（第 {l} 行）")).unwrap_or_default()
    )]
    Unreadable { file: String, line: Option<usize> },
    #[error("预算文件 {file} 的年度是 {found}，决算是 {expected} 年度的：请链接同一年度的预算")]
    WrongYear {
        file: String,
        found: i32,
        expected: i32,
    },
    #[error("{file} 写了 决算 一节，不是预算文件：请链接同一年度的预算文件")]
    NotABudget { file: String },
}
