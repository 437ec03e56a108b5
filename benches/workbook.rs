//! A unit with 1,000 projects checked from its YAML and from its workbook
//! (issue 35: a workbook checks in under a second and builds like the
//! YAML): `cargo bench --bench workbook [-- RUNS]`.
//!
//! The two alternate in one process; medians are reported, and their
//! ratio. Each run reads the file, computes the ledger and runs every check.

use std::path::PathBuf;
use std::time::Instant;

const SAMPLE: &str = "samples/datong-finance-info-center-2024.yaml";
const PROJECTS: usize = 1000;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let runs = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(7);
    let text = std::fs::read_to_string(root.join(SAMPLE)).expect("sample");
    let lines: String = (0..PROJECTS)
        .map(|i| {
            format!(
                "  - {{ 名称: 压测项目{i}, 类别: 其他运转类, 期限: 经常性, 功能科目: 2010699, 资金: {{ 一般公共预算: {} }} }}\n",
                1000 + i
            )
        })
        .collect();
    let text = text.replacen("\n上年:\n", &format!("\n{lines}\n上年:\n"), 1);
    let tmp = tempfile::tempdir().expect("tempdir");
    let yaml = tmp.path().join("千个项目.yaml");
    std::fs::write(&yaml, &text).expect("write");
    let xlsx = tmp.path().join("千个项目.xlsx");
    let budget = gongkai::load::load_file(&yaml).expect("loads").budget;
    let tree = serde_yaml::to_value(&budget).expect("tree");
    let budget_workbook = gongkai::sheet::Document::Budget;
    let schema = budget_workbook.schema();
    let start = Instant::now();
    let bytes = gongkai::sheet::write(budget_workbook, &tree, &schema, &Default::default())
        .expect("workbook");
    let write = start.elapsed().as_secs_f64();
    std::fs::write(&xlsx, &bytes).expect("write");
    let (mut from_yaml, mut from_xlsx) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        for (file, times) in [(&yaml, &mut from_yaml), (&xlsx, &mut from_xlsx)] {
            let start = Instant::now();
            let (checked, analysed) = gongkai::run::analyse(file);
            times.push(start.elapsed().as_secs_f64());
            assert!(
                analysed.is_some(),
                "{:?}",
                checked.report.diagnostics.first()
            );
        }
    }
    let (y, x) = (median(from_yaml), median(from_xlsx));
    println!("{PROJECTS} 个项目，{runs} 次交替，中位数：");
    println!("  检查 YAML（{} KB）    {:.3} s", text.len() / 1024, y);
    println!(
        "  检查工作簿（{} KB）   {:.3} s（YAML 的 {:.2} 倍）",
        bytes.len() / 1024,
        x,
        x / y
    );
    println!("  写出工作簿            {write:.3} s");
}
