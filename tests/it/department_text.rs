//! Text of the Shanghai packages that follows the structure a file gives:
//! bodies without a budget of their own are named in the 机构设置 and
//! never counted among the 预算单位; a project's numbered points stay
//! paragraphs.

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
    let options = crate::common::SHANGHAI_SETS;
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

/// A 立项依据 written as numbered lines keeps them: each its own paragraph,
/// in order, in the Shanghai set's 项目经费情况说明 (issue 36, item 6);
/// one line stays one paragraph.
#[test]
fn numbered_points_of_a_project_stay_paragraphs() {
    let centre = root().join("samples/shanghai-putuo-wenlvju-2026/03-文旅发展管理中心.yaml");
    let text = std::fs::read_to_string(&centre).expect("sample");
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("立项依据: "))
        .expect("立项依据")
        .to_string();
    let indent = " ".repeat(line.len() - line.trim_start().len());
    let numbered = format!(
        "{indent}立项依据: |-\n{indent}  1. 《上海市普陀区文化发展“十四五”规划》。\n{indent}  2. 区政府常务会议纪要（2025年第12次）。\n\n{indent}  3. 区发展改革委可研批复。"
    );
    let edited = text.replacen(&line, &numbered, 1);
    let txt = crate::common::text_with_set(&edited, Path::new("shanghai-unit-2026"));
    let part = &txt[txt.find("#### 二、立项依据").expect("the section")..];
    let paragraphs: Vec<&str> = part
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect();
    assert_eq!(
        paragraphs,
        [
            "1. 《上海市普陀区文化发展“十四五”规划》。",
            "2. 区政府常务会议纪要（2025年第12次）。",
            "3. 区发展改革委可研批复。"
        ],
        "{part}"
    );
}

/// The second Shanghai sample department, another kind than the culture
/// bureau (government funds, amounts with 分 shown to the 分, a body
/// without its own budget, a 阶段性 project with numbered 立项依据), checks
/// clean and builds with the shipped sets and its data only.
#[test]
fn the_second_shanghai_department_checks_clean_and_builds() {
    let sample = root().join("samples/shanghai-putuo-caizhengju-2026");
    let options = crate::common::SHANGHAI_SETS;
    let mut args = vec!["check", crate::common::as_str(&sample)];
    args.extend(options);
    let (code, said) = crate::common::gongkai_said(&args);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("检查完成：3 个文件，未发现问题"), "{said}");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    batch_ok(&sample, &out, "txt", &options);
    let file = crate::common::output_file(&out.join("上海市普陀区财政局"), ".txt");
    let text = std::fs::read_to_string(file).expect("txt");
    for expected in [
        "下属1家预算单位",
        "此外，普陀区会计核算中心不单独编制预算",
        "政府性基金拨款支出预算320.00万元",
        "一、财政拨款收入\t27,273,480.94",
        "七、项目经费情况说明",
        "1. 《财政部关于印发〈预算管理一体化规范（试行）〉的通知》。",
        "2026年安排项目预算86.00万元。",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
}

/// A set may print each project's 绩效目标申报表 (issue 36, item 6): the
/// Shanghai set appends them where a file asks (附绩效目标表: true), with the
/// form's own 主管部门 and 实施单位 where they differ from the unit's; the
/// Shanxi set's forms take them the same way.
#[test]
fn a_form_names_its_own_implementing_unit() {
    let sample = root().join("samples/shanghai-putuo-caizhengju-2026");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    batch_ok(&sample, &out, "txt", &crate::common::SHANGHAI_SETS);
    let unit = crate::common::output_file(&out.join("上海市普陀区财政局本部"), ".txt");
    let text = std::fs::read_to_string(unit).expect("txt");
    assert!(text.contains("八、项目绩效目标申报表"), "{text}");
    assert!(
        text.contains("主管部门\t上海市普陀区财政局\t实施单位\t上海市普陀区财政事务服务中心"),
        "{text}"
    );
    assert!(
        text.contains("项目期\t3年\t年度资金（元）\t860,000.50"),
        "{text}"
    );
    // The other unit asks for nothing: no part 八.
    let other = crate::common::output_file(&out.join("上海市普陀区财政事务服务中心"), ".txt");
    let other = std::fs::read_to_string(other).expect("txt");
    assert!(!other.contains("绩效目标申报表"), "{other}");
    // Shanxi: the form's 版式字段 实施单位 replaces the unit's name on it.
    let shanxi = crate::common::sample_text().replacen(
        "    填报日期: \"20231120163030\"\n",
        "    填报日期: \"20231120163030\"\n    版式字段: { 实施单位: 大同市财政事务服务中心 }\n",
        1,
    );
    let txt = crate::common::text_of(&shanxi);
    assert!(txt.contains("实施单位\t\t大同市财政事务服务中心"), "{txt}");
    assert_eq!(
        txt.matches("实施单位\t\t大同市财政信息中心").count(),
        4,
        "the other four forms"
    );
}

/// A department without units of its own is one budget file built with the
/// department set: in the Shanxi set its 单位构成 names the department alone
/// and has no table of units (it said "共0个，包括：" over an empty table).
#[test]
fn a_one_file_department_names_itself_as_its_only_unit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    crate::common::build_ok(
        crate::common::SAMPLE,
        &out,
        "txt",
        &["--layout", "shanxi-department-2024"],
    );
    let text = std::fs::read_to_string(crate::common::output_file(&out, ".txt")).expect("txt");
    assert!(
        text.contains("纳入大同市财政信息中心2024年部门预算编制范围的单位共1个，即大同市财政信息中心本身，没有所属预算单位。"),
        "{text}"
    );
    assert!(!text.contains("部门预算单位收支汇总表"), "{text}");
    assert!(!text.contains("共0个"), "{text}");
}
