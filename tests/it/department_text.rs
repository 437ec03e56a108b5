//! The 部门's own text: bodies without a budget of their own are named in
//! its 机构设置 and never counted among its 预算单位.

use crate::common::{batch_ok, edit, root};
use std::path::Path;

/// Bodies without a budget of their own (issue 36, item 4): 部门.yaml lists
/// them under 部门; the 机构设置 names them, the count of 预算单位 stays
/// the budget units'.
#[test]
fn bodies_without_a_budget_are_named_not_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = dir.path().join("sample");
    crate::common::copy_dir(&root().join("samples/shanghai-putuo-wenlvju-2026"), &sample);
    let options = [
        "--layout",
        "shanghai-unit-2026",
        "--department-layout",
        "shanghai-department-2026",
    ];
    let department_text = |out: &Path| {
        let file = crate::common::output_file(&out.join("上海市普陀区文化和旅游局"), ".txt");
        std::fs::read_to_string(file).expect("txt")
    };
    let out = dir.path().join("before");
    batch_ok(&sample, &out, "txt", &options);
    let before = department_text(&out);
    edit(
        &sample.join("部门.yaml"),
        "  类型: 行政单位\n",
        "  类型: 行政单位\n  无独立预算的机构:\n    - { 名称: 普陀区文物保护管理所, 说明: 经费由局本部预算安排 }\n    - { 名称: 普陀区非遗保护中心 }\n",
    );
    let out = dir.path().join("after");
    batch_ok(&sample, &out, "txt", &options);
    let after = department_text(&out);
    assert!(
        after.contains(
            "此外，普陀区文物保护管理所、普陀区非遗保护中心不单独编制预算，不计入上述预算单位（普陀区文物保护管理所经费由局本部预算安排）。"
        ),
        "{after}"
    );
    let count = |t: &str| {
        t.lines()
            .find(|l| l.contains("家预算单位的综合收支计划"))
            .map(str::to_string)
            .expect("the count")
    };
    assert_eq!(count(&before), count(&after));
    assert!(
        count(&after).contains("下属4家预算单位"),
        "{}",
        count(&after)
    );
}
