//! How much one file may hold. Beyond these no real unit goes, and within
//! them every format is built in well under 1 GB of memory (measured:
//! 1,000 绩效目标表 take about 720 MB for the Word document, the largest).

use crate::check::{Context, Findings};

/// 绩效目标表 per file.
pub const MAX_FORMS: usize = 1_000;
/// 项目 per file.
pub const MAX_PROJECTS: usize = 2_000;
/// 基本支出 lines per file.
pub const MAX_BASIC_LINES: usize = 5_000;
/// Characters of one text field: several pages of print.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Characters of all text fields together.
pub const MAX_TOTAL_CHARS: usize = 2_000_000;

pub fn size(cx: &Context, f: &mut Findings) {
    let b = cx.budget;
    for (path, count, max, what) in [
        (
            "绩效目标表",
            b.performance_forms.len(),
            MAX_FORMS,
            "张绩效目标表",
        ),
        ("项目", b.projects.len(), MAX_PROJECTS, "个项目"),
        ("基本支出", b.basic.len(), MAX_BASIC_LINES, "行基本支出"),
    ] {
        if count > max {
            f.add(
                path,
                format!("共 {count} {what}，超过一个文件的上限 {max}：请确认没有重复粘贴，或拆分为多个单位"),
            );
        }
    }
    let mut total = 0usize;
    for (path, text) in &cx.texts {
        let n = text.chars().count();
        total = total.saturating_add(n);
        if n > MAX_TEXT_CHARS {
            f.add(
                path,
                format!("这段文字有 {n} 个字，超过上限 {MAX_TEXT_CHARS}：请确认没有误粘贴整篇文档"),
            );
        }
    }
    if total > MAX_TOTAL_CHARS {
        f.add(
            "",
            format!("全部文字共 {total} 个字，超过一个文件的上限 {MAX_TOTAL_CHARS}"),
        );
    }
}
