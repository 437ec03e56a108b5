//! A full build of the sample (PDF, xlsx, docx, txt) against the speed
//! yardstick, `typst compile` of `../shared/bench/seed.typ`:
//! `cargo bench --bench build [-- RUNS --no-system-fonts]`.
//!
//! Each gongkai build runs in a fresh child process (what `gongkai build`
//! does: open the layout set, find the fonts, check, lay out, render, write),
//! so that its time includes the font scan and its peak memory (VmHWM) is
//! its own. The two alternate; medians are reported, and their ratio.

mod common;

use common::peak_mb;
use gongkai::layout::{LayoutSet, default_set};
use gongkai::run::{BuildOptions, build_file_with, with_fonts};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const CHILD: &str = "GONGKAI_BENCH_BUILD_OUT";
const BUNDLED_ONLY: &str = "GONGKAI_BENCH_BUNDLED_FONTS";
const SAMPLE: &str = "samples/datong-finance-info-center-2024.yaml";

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if let Ok(out) = std::env::var(CHILD) {
        child(&root, Path::new(&out));
        return;
    }
    let bundled_only = std::env::args().any(|a| a == "--no-system-fonts");
    let runs = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(7);
    let seed = root.join("../shared/bench/seed.typ");
    let typst = which("typst").filter(|_| seed.is_file());
    if typst.is_none() {
        println!("typst 或 ../shared/bench/seed.typ 不可用：只测 gongkai");
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let exe = std::env::current_exe().expect("bench binary");
    let (mut ours, mut inner, mut peaks, mut theirs) = (vec![], vec![], vec![], vec![]);
    for i in 0..runs {
        let out = tmp.path().join(format!("run-{i}"));
        let mut child = Command::new(&exe);
        child.env(CHILD, &out);
        if bundled_only {
            child.env(BUNDLED_ONLY, "1");
        }
        let start = Instant::now();
        let done = child.output().expect("child runs");
        ours.push(start.elapsed().as_secs_f64());
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
        let report = String::from_utf8_lossy(&done.stdout);
        let mut fields = report.split_whitespace().map(|f| f.parse::<f64>());
        inner.push(fields.next().and_then(Result::ok).unwrap_or(0.0));
        peaks.push(fields.next().and_then(Result::ok).unwrap_or(0.0));
        if let Some(typst) = &typst {
            let start = Instant::now();
            let done = Command::new(typst)
                .arg("compile")
                .args(["--font-path", "/usr/share/fonts/opentype/noto"])
                .arg(&seed)
                .arg(tmp.path().join("typst.pdf"))
                .output()
                .expect("typst runs");
            theirs.push(start.elapsed().as_secs_f64());
            assert!(
                done.status.success(),
                "{}",
                String::from_utf8_lossy(&done.stderr)
            );
        }
    }
    let fonts = if bundled_only {
        "只用随附字体"
    } else {
        "本机字体优先"
    };
    println!("完整生成示例单位（pdf、xlsx、docx、txt；{fonts}），{runs} 次的中位数：");
    println!("  gongkai（进程）：    {:>8.3} 秒", median(&mut ours));
    println!("  gongkai（进程内）：  {:>8.3} 秒", median(&mut inner));
    println!("  gongkai 峰值内存：   {:>8.1} MB", median(&mut peaks));
    if !theirs.is_empty() {
        let t = median(&mut theirs);
        println!("  typst compile：      {t:>8.3} 秒");
        println!("  比值（gongkai/typst）：{:>6.2}", median(&mut ours) / t);
    }
}

/// One build, as `gongkai build` does it; prints seconds and peak MB.
fn child(root: &Path, out: &Path) {
    let start = Instant::now();
    let mut options = BuildOptions::default();
    options.fonts.system = std::env::var_os(BUNDLED_ONLY).is_none();
    // The fonts are found while the set opens, as `gongkai build` does.
    let (set, book) = with_fonts(&options, || LayoutSet::open(default_set()));
    let set = set.expect("bundled set");
    let built = build_file_with(&root.join(SAMPLE), out, &options, &set, book);
    assert!(built.failure.is_none(), "{:?}", built.failure);
    assert_eq!(built.files.len(), 4);
    println!("{} {}", start.elapsed().as_secs_f64(), peak_mb());
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn which(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}
