//! Page style is layout data: the page-number line of the PDF, Word and
//! Excel and the 续表 wording come from the set's `page`, and a pattern
//! without its page number is refused at its line.

use crate::common;

use crate::common::{
    SAMPLE, as_str, build_with_layout, copied_set, edit, line_in_file, output_file, zip_part,
};
use std::path::Path;
use std::process::Command;

fn styled_set() -> tempfile::TempDir {
    let set = copied_set("shanxi-unit-2024");
    let layout = set.path().join("layout.yaml");
    edit(&layout, "footer: \"- {page} -\"", "footer: \"第{page}页\"");
    edit(
        &layout,
        "sheet_footer: \"第 {page} 页 共 {pages} 页\"",
        "sheet_footer: \"第{page}页/共{pages}页 & 附\"",
    );
    edit(&layout, "continued: 续表", "continued: 续表（接上页）");
    set
}

fn build(set: &Path, out: &Path) -> std::process::Output {
    build_with_layout(SAMPLE, out, "pdf,docx,xlsx", as_str(set))
}

#[test]
#[cfg_attr(
    gongkai_no_pdftotext,
    ignore = "需要 poppler 的 pdftotext（.ci/run 会安装）"
)]
fn page_numbers_and_continued_tables_follow_the_set() {
    if !common::tool_available("pdftotext") {
        return;
    }
    let set = styled_set();
    let out = tempfile::tempdir().expect("tempdir");
    let o = build(set.path(), out.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let pdf = output_file(out.path(), ".pdf");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(
        lines.contains(&"第1页") && lines.contains(&"第10页"),
        "{text}"
    );
    assert!(!lines.iter().any(|l| *l == "- 1 -" || *l == "- 10 -"));
    assert_eq!(text.matches("续表（接上页）").count(), 3, "{text}");

    let docx = output_file(out.path(), ".docx");
    let footer = zip_part(&docx, "word/footer1.xml");
    let words: String = roxmltree::Document::parse(&footer)
        .expect("xml")
        .descendants()
        .filter(|n| n.has_tag_name("t") || n.has_tag_name("instrText"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(words.replace(' ', ""), "第PAGE1页", "{footer}");

    let xlsx = output_file(out.path(), ".xlsx");
    let sheet = zip_part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<oddFooter>&amp;C第&amp;P页/共&amp;N页 &amp;&amp; 附</oddFooter>"),
        "{sheet}"
    );
}

#[test]
fn a_footer_without_the_page_number_is_refused_at_its_line() {
    let set = styled_set();
    let layout = set.path().join("layout.yaml");
    edit(&layout, "footer: \"第{page}页\"", "footer: \"第页\"");
    let out = tempfile::tempdir().expect("tempdir");
    let o = build(set.path(), out.path());
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    let line = line_in_file(&layout, "footer: \"第页\"");
    assert!(
        err.contains("layout.yaml")
            && err.contains("{page}")
            && err.contains(&format!("第 {line} 行")),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(out.path()).expect("out").count(), 0);
}
