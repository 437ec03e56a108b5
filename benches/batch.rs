//! Times `batch` over N synthetic units (N = 50, 100, 200 by default):
//! `cargo bench --bench batch [-- N ... --no-system-fonts]`. A count written
//! `DxU` (e.g. `100x20`) is a city of D 主管部门 of U units each. Each count
//! runs in a fresh child process so that its peak memory (VmHWM) is its own.
//! Reports wall time, units per second and peak memory for a full build
//! (every format, the 部门 packages included) and for the rerun that skips
//! every package.

mod common;

use common::peak_mb;
use gongkai::batch::{BatchOptions, DEPARTMENT_FILE, Outcome, run};
use gongkai::layout::{default_department_set, default_set};
use gongkai::run::BuildOptions;
use std::path::{Path, PathBuf};
use std::time::Instant;

const CHILD: &str = "GONGKAI_BENCH_UNITS";
/// Set when the run uses only the bundled fonts (`-- --no-system-fonts`).
const BUNDLED_ONLY: &str = "GONGKAI_BENCH_BUNDLED_FONTS";

fn main() {
    if let Ok(n) = std::env::var(CHILD) {
        let (departments, units) = shape(&n).expect("a count");
        child(departments, units);
        return;
    }
    let bundled_only = std::env::args().any(|a| a == "--no-system-fonts");
    let counts: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| shape(a).is_some())
        .collect();
    let counts = if counts.is_empty() {
        vec!["50".into(), "100".into(), "200".into()]
    } else {
        counts
    };
    println!(
        "{:>8}  {:>10}  {:>10}  {:>10}  {:>12}  {:>10}",
        "部门×单位", "生成（秒）", "单位/秒", "每单位（毫秒）", "重跑跳过（秒）", "峰值内存（MB）"
    );
    let exe = std::env::current_exe().expect("bench binary");
    for n in counts {
        let mut child = std::process::Command::new(&exe);
        child.env(CHILD, &n);
        if bundled_only {
            child.env(BUNDLED_ONLY, "1");
        }
        let out = child.output().expect("child runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
}

/// `N` is one 主管部门 of N units (`None` for the departments: not a city);
/// `DxU` a city of D departments of U units.
fn shape(arg: &str) -> Option<(Option<usize>, usize)> {
    match arg.split_once('x') {
        Some((d, u)) => Some((Some(d.parse().ok()?), u.parse().ok()?)),
        None => Some((None, arg.parse().ok()?)),
    }
}

/// Builds a bureau (or a city) twice (full, then unchanged) and prints one row.
fn child(departments: Option<usize>, units: usize) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("input");
    match departments {
        None => generate(&dir, units, 0),
        Some(d) => {
            for i in 0..d {
                generate(&dir.join(format!("dept-{:03}", i + 1)), units, i + 1);
            }
        }
    }
    let n = departments.unwrap_or(1) * units;
    let packages = n + departments.unwrap_or(1);
    let mut build = BuildOptions::default();
    build.fonts.system = std::env::var_os(BUNDLED_ONLY).is_none();
    let options = BatchOptions {
        build,
        force: false,
        unit_layout: default_set().into(),
        department_layout: default_department_set().into(),
        jobs: None,
    };
    let out = tmp.path().join("out");
    let start = Instant::now();
    let summary = run(&dir, &out, &options).expect("batch runs");
    let full = start.elapsed().as_secs_f64();
    assert_eq!(summary.failed(), 0, "{}", summary.table());
    let start = Instant::now();
    let again = run(&dir, &out, &options).expect("batch reruns");
    let rerun = start.elapsed().as_secs_f64();
    let skipped = match &again {
        Outcome::Department(s) => s.count(gongkai::batch::Status::Skipped),
        Outcome::City(c) => c.total().skipped,
    };
    assert_eq!(skipped, packages);
    let label = match departments {
        Some(d) => format!("{d}x{units}"),
        None => units.to_string(),
    };
    println!(
        "{label:>8}  {full:>10.2}  {:>10.1}  {:>10.1}  {rerun:>12.2}  {:>10.0}",
        n as f64 / full,
        full * 1e3 / n as f64,
        peak_mb()
    );
}

/// `n` units cycled from the bureau sample, each renamed (and so its own
/// package), with the department file listing none (all are discovered).
/// Department `d` > 0 of a city gets its own name and code, as do its units.
fn generate(dir: &Path, n: usize, d: usize) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bureau = root.join("samples/datong-finance-bureau-2024");
    std::fs::create_dir_all(dir).expect("mkdir");
    let dept = std::fs::read_to_string(bureau.join(DEPARTMENT_FILE)).expect("department");
    let start = dept.find("单位文件:").expect("list");
    let end = dept[start..].find("\n\n").expect("end") + start;
    let dept = format!("{}{}", &dept[..start], &dept[end..]);
    std::fs::write(dir.join(DEPARTMENT_FILE), renumber(&dept, d)).expect("write");
    let templates: Vec<String> = [
        "01-财政局机关.yaml",
        "../datong-finance-info-center-2024.yaml",
        "03-财政事务服务中心.yaml",
        "04-财政投资评审中心.yaml",
        "05-财经学校.yaml",
        "06-乡镇财政管理服务中心.yaml",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(bureau.join(f)).expect("unit"))
    .collect();
    for i in 0..n {
        let text = &templates[i % templates.len()];
        let name_at = text.find("  名称: ").expect("unit name") + "  名称: ".len();
        let name_end = text[name_at..].find('\n').expect("line") + name_at;
        let renamed = format!(
            "{}{}（示例{:03}）{}",
            &text[..name_at],
            &text[name_at..name_end],
            i + 1,
            &text[name_end..]
        );
        std::fs::write(
            dir.join(format!("unit-{:03}.yaml", i + 1)),
            renumber(&renamed, d),
        )
        .expect("write");
    }
}

/// The sample department's name and code made department `d`'s (0 keeps them).
fn renumber(text: &str, d: usize) -> String {
    if d == 0 {
        return text.to_string();
    }
    text.replace("大同市财政局", &format!("大同市第{d}局"))
        .replace("编码: \"035\"", &format!("编码: \"{:03}\"", 100 + d))
}
