//! The bundled 2026 catalogue names every code a published 2026 package
//! prints exactly as that package does. The package (a copy of
//! shared/reference) writes a code as 类, 类 款 or 类 款 项 followed by its
//! name and figures; functional codes start with 2, 部门经济分类 with 3.

use gongkai::catalog::Catalog;

const REFERENCE: &str = "tests/fixtures/reference-shanghai-putuo-wenlvju-2026.txt";

/// (code as the catalogue writes it, name) of a table row, if the line is one.
fn code_row(line: &str) -> Option<(String, String)> {
    let mut tokens = line.split(' ');
    let class = tokens.next()?;
    if class.len() != 3 || !class.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut code = class.to_string();
    let mut name = None;
    for t in tokens.by_ref() {
        if t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) && code.len() < 7 {
            code.push_str(t);
        } else {
            name = Some(t);
            break;
        }
    }
    let name = name.filter(|n| !n.starts_with(|c: char| c.is_ascii_digit()))?;
    let figures: Vec<&str> = tokens.collect();
    let all_figures = !figures.is_empty()
        && figures.iter().all(|f| {
            f.bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        });
    all_figures.then(|| (code, name.to_string()))
}

#[test]
fn every_code_the_2026_reference_prints_is_in_the_2026_catalogue_by_its_name() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(REFERENCE)).expect("reference copy");
    let catalog = Catalog::for_year(2026).expect("bundled 2026 catalogue");
    let rows: Vec<(String, String)> = text.lines().filter_map(code_row).collect();
    // The reference's tables 2, 4, 5, 6 and 8 print dozens of coded rows; a
    // parse that finds few has lost them.
    assert!(rows.len() > 100, "only {} coded rows found", rows.len());
    let mut wrong = Vec::new();
    for (code, name) in &rows {
        let table = match code.as_bytes()[0] {
            b'2' => &catalog.function,
            b'3' => &catalog.economic,
            b'5' => &catalog.government_economic,
            _ => continue,
        };
        match table.get(code) {
            Some(ours) if ours == name => {}
            ours => wrong.push(format!("{code} {name}: 目录中为 {ours:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_row_is_read_as_its_code_and_name_and_prose_is_not() {
    assert_eq!(
        code_row("207 01 01 行政运行 4,654,597 4,654,597"),
        Some(("2070101".into(), "行政运行".into()))
    );
    assert_eq!(
        code_row("302 商品和服务支出 17,096,448 17,096,448"),
        Some(("302".into(), "商品和服务支出".into()))
    );
    assert_eq!(code_row("207 文化旅游体育与传媒支出"), None);
    assert_eq!(code_row("2026 年 部门预算 100"), None);
    assert_eq!(code_row("175,769,864 元"), None);
}
