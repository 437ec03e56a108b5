//! Sources of funds are the national 部门预算 set: 单位资金 may be written
//! whole or by kind (事业收入 …), and a layout prints the rows it names, a
//! row summing several sources (山西的单位资金) or each alone.

use crate::common::{
    SAMPLE, as_str, build_with_layout, copied_set, edit, gongkai, line_in_file, sample_text,
    text_of, text_with_set,
};

const PROJECT: &str = "功能科目: 2010699, 资金: { 一般公共预算: 106800 } }";
const SPLIT: &str =
    "功能科目: 2010699, 资金: { 一般公共预算: 6800, 事业收入: 60000, 其他收入: 40000 } }";

fn split_sample() -> String {
    let text = sample_text();
    assert!(text.contains(PROJECT));
    text.replace(PROJECT, SPLIT).replace(
        "  一般公共预算当年支出: 12113200\n",
        "  一般公共预算当年支出: 12113200\n  一般公共预算变动原因: 部分项目改由事业收入安排\n",
    )
}

#[test]
fn the_unit_funds_row_sums_every_kind_of_the_units_own_income() {
    let text = text_of(&split_sample());
    // 表一: 单位资金 is 事业收入 + 其他收入; the totals are unchanged.
    assert!(text.contains("\n五、单位资金\t10.00\t"), "{text}");
    assert!(text.contains("收入总计\t1101.04\t支出总计\t1101.04"));
    assert!(text.contains("一般公共预算拨款收入1,091.04万元"));
    assert!(text.contains("单位资金10.00万元，占0.91%"));
    assert!(!text.contains("事业收入\t"));
}

#[test]
fn a_layout_may_print_each_source_alone() {
    let set = copied_set("shanxi-unit-2024");
    let layout = set.path().join("layout.yaml");
    edit(
        &layout,
        "  - { name: 单位资金, of: [单位资金, 事业收入, 事业单位经营收入, 上级补助收入, 附属单位上缴收入, 其他收入] }",
        "  - 事业收入\n  - 事业单位经营收入\n  - 其他收入",
    );
    let text = text_with_set(&split_sample(), set.path());
    assert!(text.contains("\n五、事业收入\t6.00\t"), "{text}");
    assert!(text.contains("\n六、事业单位经营收入\t\t"), "{text}");
    assert!(text.contains("\n七、其他收入\t4.00\t"), "{text}");
    assert!(!text.contains("、单位资金\t"));

    // A name that is no source is an error at its line.
    edit(&layout, "  - 其他收入", "  - 其它收入");
    let out = tempfile::tempdir().expect("tempdir");
    let o = build_with_layout(SAMPLE, out.path(), "txt", as_str(set.path()));
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    let line = line_in_file(&layout, "其它收入");
    assert!(
        err.contains("资金来源“其它收入”不存在") && err.contains(&format!("第 {line} 行")),
        "{err}"
    );
}

#[test]
fn the_schema_offers_every_source() {
    let o = gongkai(&["schema"]);
    assert!(o.status.success());
    let schema = String::from_utf8_lossy(&o.stdout);
    for name in [
        "事业收入",
        "事业单位经营收入",
        "上级补助收入",
        "附属单位上缴收入",
        "其他收入",
    ] {
        assert!(schema.contains(&format!("\"{name}\"")), "{name}");
    }
}
