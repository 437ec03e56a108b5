//! Reference images: a few pages that show the look of the package (cover,
//! 目录, a page of the 情况说明 with figures, a table continued under 续表, a
//! 绩效 form, the chart, a Shanghai table), rendered by pdftoppm at 50 dpi in
//! grey and compared with the PNGs in `tests/ref/`, so any change to how a
//! page looks is seen in review. After a change meant to alter the look,
//! `GONGKAI_UPDATE_REF=1 cargo test --test it reference_images::` writes the
//! new images; look at them before committing.
//!
//! The PDFs are built with the bundled fonts only (`--no-system-fonts`), so
//! what a machine has installed does not change them.

use crate::common::{self, root};
use std::path::{Path, PathBuf};
use std::process::Command;

const DPI: &str = "50";

/// A page to keep: its reference name, the package it is in, and a text
/// that finds it (the first page holding it, of the 目录 or not).
struct Shot {
    name: &'static str,
    package: Package,
    marker: &'static str,
    toc: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Package {
    /// The sample unit.
    Unit,
    /// The bureau's consolidated 部门 document.
    Bureau,
    /// The Shanghai 部门 document.
    Shanghai,
}

const SHOTS: &[Shot] = &[
    Shot {
        name: "cover",
        package: Package::Unit,
        marker: "",
        toc: false,
    },
    Shot {
        name: "toc",
        package: Package::Unit,
        marker: "目录",
        toc: true,
    },
    Shot {
        name: "narrative",
        package: Package::Unit,
        marker: "收入预算情况说明",
        toc: false,
    },
    Shot {
        name: "form",
        package: Package::Unit,
        marker: "项目支出绩效目标表",
        toc: false,
    },
    Shot {
        name: "chart",
        package: Package::Bureau,
        marker: "拨款结构图",
        toc: false,
    },
    Shot {
        name: "continued",
        package: Package::Bureau,
        marker: "续表",
        toc: false,
    },
    Shot {
        name: "shanghai-table",
        package: Package::Shanghai,
        marker: "部门财务收支预算总表",
        toc: false,
    },
];

fn pdf_in(dir: &Path, ends: &str) -> PathBuf {
    common::pdfs_under(dir)
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with(ends))
        .unwrap_or_else(|| panic!("no PDF ending {ends} in {}", dir.display()))
}

/// The packages' PDFs: (unit, bureau 部门, Shanghai 部门).
fn build(dir: &Path) -> [PathBuf; 3] {
    let fixed = ["--no-system-fonts"];
    common::build_ok(common::SAMPLE, &dir.join("unit"), "pdf", &fixed);
    common::batch_ok(
        &root().join("samples/datong-finance-bureau-2024"),
        &dir.join("bureau"),
        "pdf",
        &fixed,
    );
    common::batch_ok(
        &root().join("samples/shanghai-putuo-wenlvju-2026"),
        &dir.join("shanghai"),
        "pdf",
        &[
            "--no-system-fonts",
            "--layout",
            "shanghai-unit-2026",
            "--department-layout",
            "shanghai-department-2026",
        ],
    );
    [
        pdf_in(&dir.join("unit"), "单位预算公开.pdf"),
        pdf_in(&dir.join("bureau"), "大同市财政局2024年度部门预算公开.pdf"),
        pdf_in(&dir.join("shanghai"), "文化和旅游局2026年区级部门预算.pdf"),
    ]
}

/// The number of the first page holding `marker` (1 for an empty one)
/// that is a page of the 目录 (has its leaders) or not, as `toc` says.
fn page_of(pdf: &Path, marker: &str, toc: bool) -> usize {
    if marker.is_empty() {
        return 1;
    }
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let squeezed = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    text.split('\u{c}')
        .position(|page| {
            let page = squeezed(page);
            page.contains(marker) && page.contains("......") == toc
        })
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no page of {} holds {marker}", pdf.display()))
}

fn render(pdf: &Path, page: usize, to: &Path) -> PathBuf {
    let n = page.to_string();
    let args = [
        "-r",
        DPI,
        "-gray",
        "-png",
        "-singlefile",
        "-f",
        &n,
        "-l",
        &n,
    ];
    common::pdftoppm(&args, pdf, to);
    to.with_extension("png")
}

/// Grey levels of a PNG: (width, height, one byte a pixel).
fn grey(path: &Path) -> (u32, u32, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pixmap =
        tiny_skia::Pixmap::decode_png(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pixels = pixmap
        .pixels()
        .iter()
        .map(|p| p.demultiply().red())
        .collect();
    (pixmap.width(), pixmap.height(), pixels)
}

/// How two renderings of a page differ: pixels whose grey differs by more
/// than a quarter of the range, and the inked pixels of the reference.
fn difference(a: &[u8], b: &[u8]) -> (usize, usize) {
    let differ = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x.abs_diff(**y) > 64)
        .count();
    let ink = a.iter().filter(|v| **v < 128).count();
    (differ, ink)
}

/// Whether a difference is within what renderers' anti-aliasing gives: a
/// glyph moved or changed is some 20 dark pixels at 50 dpi, a line of text
/// hundreds.
fn within_tolerance(differ: usize, ink: usize) -> bool {
    differ <= 12 || differ * 1000 <= ink
}

#[test]
#[cfg_attr(
    gongkai_no_pdftoppm,
    ignore = "需要 poppler 的 pdftoppm 和 pdftotext（.ci/run 会安装）"
)]
fn the_pages_look_as_their_reference_images() {
    if !common::tool_available("pdftoppm") {
        return;
    }
    let update = std::env::var_os("GONGKAI_UPDATE_REF").is_some();
    let dir = tempfile::tempdir().expect("temp dir");
    let pdfs = build(dir.path());
    let refs = root().join("tests/ref");
    let mut faults = Vec::new();
    for shot in SHOTS {
        let pdf = match shot.package {
            Package::Unit => &pdfs[0],
            Package::Bureau => &pdfs[1],
            Package::Shanghai => &pdfs[2],
        };
        let page = page_of(pdf, shot.marker, shot.toc);
        let actual = render(pdf, page, &dir.path().join(shot.name));
        let reference = refs.join(format!("{}.png", shot.name));
        if update {
            std::fs::create_dir_all(&refs).expect("tests/ref");
            std::fs::copy(&actual, &reference).expect("update the reference");
            continue;
        }
        assert!(
            reference.exists(),
            "{} has no reference image: run GONGKAI_UPDATE_REF=1 cargo test --test it reference_images::",
            reference.display()
        );
        let (aw, ah, a) = grey(&reference);
        let (bw, bh, b) = grey(&actual);
        if (aw, ah) != (bw, bh) {
            faults.push(format!("{}: {aw}×{ah} was {bw}×{bh}", shot.name));
            continue;
        }
        let (differ, ink) = difference(&a, &b);
        if !within_tolerance(differ, ink) {
            // Kept where a reviewer can look at it beside the reference.
            let keep = root().join("target/ref-actual");
            std::fs::create_dir_all(&keep).expect("target/ref-actual");
            let kept = keep.join(format!("{}.png", shot.name));
            std::fs::copy(&actual, &kept).expect("keep the rendering");
            faults.push(format!(
                "{} (page {page}): {differ} of {ink} inked pixels differ; now: {}",
                shot.name,
                kept.display()
            ));
        }
    }
    assert!(
        faults.is_empty(),
        "pages look different from tests/ref/ (if meant, update with GONGKAI_UPDATE_REF=1 and look at them):\n{}",
        faults.join("\n")
    );
}

#[test]
fn the_tolerance_sees_a_moved_glyph_and_passes_anti_aliasing() {
    // A page of 10,000 inked pixels: two pixels of anti-aliasing pass; a
    // glyph of 20 pixels gone does not.
    assert!(within_tolerance(2, 10_000));
    assert!(!within_tolerance(20, 10_000));
    let a = vec![0u8; 100];
    let mut b = a.clone();
    b[..20].fill(255);
    assert_eq!(difference(&a, &b), (20, 100));
}
