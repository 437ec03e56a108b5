//! Number formats are layout data: a copy of a set that declares 元 and
//! 万元 formats with blank, `0` or `0.00` zeros shows its tables and prose
//! that way, the workbook keeps real numbers with matching formats, and a
//! format that is missing or undefined is a clear error.

use crate::common::{
    SAMPLE, as_str, build_with_layout, copied_set, edit, line_in_file, output_file, zip_part,
};
use calamine::{Data, Reader, Xlsx};
use std::path::Path;

/// The bundled unit set with table 3 in 元 (合计 and 项目支出 blank when
/// zero, 基本支出 `0`) except its 项目支出 column in 万元 with `0.00`, and
/// one sentence in 元 through the `money` filter.
fn formatted_set() -> tempfile::TempDir {
    let dir = copied_set("shanxi-unit-2024");
    let set = dir.path();
    edit(
        &set.join("layout.yaml"),
        "macros: macros.j2",
        "macros: macros.j2\nnumber_formats:\n  元: { unit: 元, grouped: true }\n  元零: { unit: 元, grouped: true, zero: \"0\" }\n  万元: { unit: 万元, decimals: 2, zero: \"0.00\" }",
    );
    let table = set.join("tables/03-expenditure.yaml");
    edit(&table, "    columns:\n", "    format: 元\n    columns:\n");
    edit(
        &table,
        "      - { width: 12, align: right }\n      - { width: 12, align: right }\n    header",
        "      - { width: 12, align: right, format: 元零 }\n      - { width: 12, align: right, format: 万元 }\n    header",
    );
    edit(
        &table,
        "{ wan: total.total }, { wan: total.basic }, { wan: total.project }",
        "{ amount: total.total }, { amount: total.basic, format: 万元 }, { amount: total.project }",
    );
    edit(
        &table,
        "{ wan: item.fig.total }, { wan: item.fig.basic }, { wan: item.fig.project }",
        "{ amount: item.fig.total }, { amount: item.fig.basic }, { amount: item.fig.project }",
    );
    edit(
        &set.join("part3-explanation.yaml"),
        "政府采购预算总额{{ procurement.total | wan }}万元",
        "政府采购预算总额{{ procurement.total | money(\"元\") }}元",
    );
    dir
}

fn build(set: &Path, out: &Path, formats: &str) -> std::process::Output {
    build_with_layout(SAMPLE, out, formats, as_str(set))
}

#[test]
fn tables_and_prose_follow_the_formats_the_set_declares() {
    let set = formatted_set();
    let out = tempfile::tempdir().expect("tempdir");
    let o = build(set.path(), out.path(), "txt,xlsx");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(output_file(out.path(), ".txt")).expect("txt");
    // The cell's own format (万元) wins over its column's (元零).
    assert!(
        text.contains("\n合计\t\t11,010,425\t221.48\t879.56\n"),
        "{text}"
    );
    // Column formats: 基本支出 shows its zero as 0, 项目支出 as 0.00.
    assert!(text.contains("\n2010607\t信息化建设\t1,180,000\t0\t118.00\n"));
    assert!(text.contains("\n2010650\t事业运行\t1,521,945\t1,521,945\t0.00\n"));
    assert!(text.contains("政府采购预算总额3,217,200元"));
    // Tables that keep `wan` are unchanged.
    assert!(text.contains("收入总计\t1101.04\t支出总计\t1101.04"));

    // The workbook holds numbers, in formats that print them the same way.
    let path = output_file(out.path(), ".xlsx");
    let mut wb: Xlsx<_> = calamine::open_workbook(&path).expect("calamine opens it");
    let name = wb
        .sheet_names()
        .into_iter()
        .find(|n| n.contains("支出总表"))
        .expect("table 3's sheet");
    let range = wb.worksheet_range(&name).expect("sheet");
    let row = range
        .rows()
        .find(|r| r.first() == Some(&Data::String("2010607".into())))
        .expect("the 信息化建设 row");
    assert_eq!(
        &row[2..5],
        &[Data::Float(1180000.0), Data::Float(0.0), Data::Float(118.0)]
    );
    let styles = zip_part(&path, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"#,##0\""), "{styles}");
}

#[test]
fn an_undefined_or_missing_format_is_an_error_naming_the_table() {
    let set = formatted_set();
    let table = set.path().join("tables/03-expenditure.yaml");
    edit(
        &table,
        "{ amount: total.basic, format: 万元 }",
        "{ amount: total.basic, format: 千元 }",
    );
    let out = tempfile::tempdir().expect("tempdir");
    let o = build(set.path(), out.path(), "txt");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("数字格式“千元”没有定义")
            && err.contains("预算支出总表")
            && err.contains("元零"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(out.path()).expect("out").count(), 0);

    edit(
        &table,
        "{ amount: total.basic, format: 千元 }",
        "{ amount: total.basic }",
    );
    edit(&table, "    format: 元\n", "");
    let o = build(set.path(), out.path(), "txt");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("amount 单元格没有数字格式"), "{err}");
}

#[test]
fn a_malformed_format_is_refused_at_its_line() {
    let set = formatted_set();
    edit(
        &set.path().join("layout.yaml"),
        "元零: { unit: 元, grouped: true, zero: \"0\" }",
        "元零: { unit: 元, grouped: true, zero: \"-\" }",
    );
    let out = tempfile::tempdir().expect("tempdir");
    let o = build(set.path(), out.path(), "txt");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("layout.yaml") && err.contains("zero"), "{err}");
    let line = line_in_file(&set.path().join("layout.yaml"), "元零:");
    assert!(err.contains(&format!("第 {line} 行")), "{err}");
}
