//! What the reference leaves empty: carried-over projects, 机关运行经费, other
//! funding sources, a rise against last year, a new spending line with no
//! last-year figure. The document must say each correctly.

use crate::common;

use crate::common::{sample_text, text_of};

fn variant() -> String {
    sample_text()
        .replace("类型: 公益一类事业单位", "类型: 行政单位")
        .replace(
            "# 公益一类事业单位无机关运行经费，不写“机关运行经费”一节。",
            "机关运行经费: { 本年: 80000, 上年: 60000, 变动原因: 办公区搬迁 }",
        )
        .replace(
            "  - { 名称: Z财政视频会议设备更新, 类别: 其他运转类, 期限: 经常性, 功能科目: 2010699, 资金: { 一般公共预算: 106800 } }",
            "  - { 名称: Z财政视频会议设备更新, 类别: 其他运转类, 期限: 经常性, 功能科目: 2010699, 资金: { 一般公共预算: 106800 } }\n  - { 名称: T数据中心扩容, 类别: 特定目标类, 期限: 一次性, 功能科目: 2010607, 安排: 上年结转, 资金: { 一般公共预算: 500000, 单位资金: 120000 } }",
        )
        .replace(
            "  上年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 16000 }",
            "  上年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 12000 }\n  变动原因: 车辆老化维修增加",
        )
}

#[test]
fn carried_over_projects_fill_table_13_and_the_totals() {
    let text = text_of(&variant());
    // 表十三: the unit's fiscal carried-over total, then the project (财政拨款 only).
    assert!(
        text.contains("\n大同市财政信息中心\t50.00\t50.00\t\t\n"),
        "{text}"
    );
    assert!(text.contains("\nT数据中心扩容\t50.00\t50.00\t\t\n"));
    // 表一: 上年结转 on the revenue side, 上年结转安排 on the spending side.
    assert!(text.contains("上年结转\t62.00\t年终结转"));
    assert!(text.contains("收入总计\t1163.04\t支出总计\t1163.04\t1101.04\t62.00"));
    // 表十三 is no longer empty, so it carries no empty-table note.
    let t13 = &text[text.find("预算公开表13").unwrap()..text.find("## 第三部分").unwrap()];
    assert!(!t13.contains("本表无数据"));
    // The narrative counts the carried-over money.
    assert!(
        text.contains("预算收入总计1,163.04万元，其中：本年收入1,101.04万元，上年结转62.00万元")
    );
    assert!(text.contains("上年结转62.00万元，占5.33%"));
    assert!(text.contains("特定目标类项目1个，涉及金额62.00万元"));
}

#[test]
fn running_costs_and_three_public_changes_are_explained() {
    let text = text_of(&variant());
    assert!(text.contains("\n部门合计\t8.00\t8.00\t\t\n"));
    assert!(text.contains(
        "机关运行经费预算8.00万元，比2023年预算数增加2.00万元，增长33.33%，主要原因是办公区搬迁。"
    ));
    assert!(!text.contains("无机关运行经费"));
    assert!(text.contains("“三公”经费预算1.60万元，比2023年预算数增加0.40万元，增长33.33%，主要原因是车辆老化维修增加。"));
    assert!(text.contains("公务用车运行维护费1.60万元，比上年预算数增加0.40万元，增长33.33%；"));
    assert!(!text.contains("公务用车运行维护费1.60万元，与上年预算数相同"));
}

#[test]
fn no_rate_is_stated_against_a_zero_last_year() {
    let text = text_of(&sample_text().replace(
        "  上年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 16000 }",
        "  上年: { 因公出国境费: 0, 公务接待费: 0, 公务用车购置费: 0, 公务用车运行维护费: 0 }\n  变动原因: 新增一辆公务用车的运行维护",
    ));
    assert!(
        text.contains("公务用车运行维护费1.60万元，比上年预算数增加1.60万元；"),
        "no rate when last year was 0"
    );
}

#[test]
fn a_unit_without_forms_or_departments_still_reads_well() {
    let base = sample_text();
    let cut = base.find("绩效目标表:\n").unwrap();
    let end = base.find("其他说明:\n").unwrap();
    let text = format!("{}{}", &base[..cut], &base[end..]);
    let text = text_of(&text);
    assert!(
        text.contains("公开项目绩效目标0个，涉及项目金额0万元，占部门（单位）项目支出总额的0%。")
    );
    assert!(!text.contains("见附件"));
    assert!(!text.contains("项目支出绩效目标表"));
}

#[test]
fn every_renderer_handles_the_variants() {
    let base = sample_text();
    let cut = base.find("绩效目标表:\n").expect("forms");
    let end = base.find("其他说明:\n").expect("notes");
    let no_forms = format!("{}{}", &base[..cut], &base[end..]);
    for yaml in [variant(), no_forms] {
        let doc = common::document_of(&yaml);
        let pdf = gongkai::render::pdf::render(&doc, &Default::default()).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-1.7"));
        let xlsx = gongkai::render::xlsx::render(&doc).expect("xlsx");
        assert!(xlsx.starts_with(b"PK"));
        for scope in [
            gongkai::render::docx::Scope::Explanation,
            gongkai::render::docx::Scope::Full,
        ] {
            let options = gongkai::render::docx::Options { scope, draft: true };
            assert!(
                gongkai::render::docx::render(&doc, &options)
                    .expect("docx")
                    .starts_with(b"PK")
            );
        }
    }
}
