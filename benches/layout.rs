//! Times each stage of a build on the sample (no external harness:
//! `cargo bench --bench layout`): load and compute, check, layout, and
//! each renderer. Prints the mean per build over many runs (the typeset
//! formats: the median of 9). `benches/build.rs` times the whole build.

use gongkai::catalog::Catalog;
use gongkai::compute::compute;
use gongkai::layout::{self, LayoutSet, default_set};
use gongkai::load::load_file;
use std::path::Path;
use std::time::Instant;

fn main() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/datong-finance-info-center-2024.yaml");
    let runs = 200;

    let start = Instant::now();
    let set = LayoutSet::open(default_set()).expect("bundled set");
    println!(
        "open layout set:        {:>8.2} ms",
        start.elapsed().as_secs_f64() * 1e3
    );

    let start = Instant::now();
    for _ in 0..runs {
        let loaded = load_file(&path).expect("sample loads");
        let catalog =
            Catalog::for_year(loaded.budget.year).expect("the year's catalogue is bundled");
        std::hint::black_box(compute(&loaded.budget, &catalog));
    }
    let load = start.elapsed().as_secs_f64() * 1e3 / runs as f64;
    println!("load + compute:         {load:>8.2} ms");

    // Loading, computing and every rule, with each character checked
    // against the fonts (what `check` and `build` do before laying out).
    let book = gongkai::fonts::FontBook::new(&gongkai::fonts::FontOptions::default());
    let catalogs = gongkai::conventions::Conventions::default();
    let start = Instant::now();
    for _ in 0..runs {
        let fonts = gongkai::run::Fonts {
            book: &book,
            roles: &set.spec.fonts,
        };
        let checked = gongkai::run::check_file(&path, Some(fonts), &catalogs);
        std::hint::black_box(checked);
    }
    let check = start.elapsed().as_secs_f64() * 1e3 / runs as f64;
    println!("load + compute + check: {check:>8.2} ms");

    let loaded = load_file(&path).expect("sample loads");
    let catalog = Catalog::for_year(loaded.budget.year).expect("the year's catalogue is bundled");
    let ledger = compute(&loaded.budget, &catalog);
    let start = Instant::now();
    let mut doc = None;
    for _ in 0..runs {
        doc = Some(layout::build(&set, &loaded.budget, &ledger, &catalog).expect("lays out"));
    }
    let lay = start.elapsed().as_secs_f64() * 1e3 / runs as f64;
    println!("layout (document tree): {lay:>8.2} ms");

    let doc = doc.expect("built");
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(gongkai::render::text::render(&doc));
    }
    let text = start.elapsed().as_secs_f64() * 1e3 / runs as f64;
    println!("text rendering:         {text:>8.2} ms");

    let start = Instant::now();
    let mut size = 0;
    for _ in 0..runs {
        size = gongkai::render::xlsx::render(&doc).expect("renders").len();
    }
    let xlsx = start.elapsed().as_secs_f64() * 1e3 / runs as f64;
    println!(
        "xlsx workbook:          {xlsx:>8.2} ms ({} KB)",
        size / 1024
    );

    for (label, scope) in [
        ("docx 情况说明:", gongkai::render::docx::Scope::Explanation),
        ("docx full:", gongkai::render::docx::Scope::Full),
    ] {
        let options = gongkai::render::docx::Options {
            scope,
            draft: false,
        };
        let start = Instant::now();
        let mut size = 0;
        for _ in 0..runs / 4 {
            size = gongkai::render::docx::render(&doc, &options)
                .expect("renders")
                .len();
        }
        let ms = start.elapsed().as_secs_f64() * 1e3 / (runs / 4) as f64;
        println!("{label:<20}{ms:>8.2} ms ({} KB)", size / 1024);
    }

    let options = gongkai::render::pdf::Options::default();
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..9 {
        let start = Instant::now();
        size = gongkai::render::pdf::render(&doc, &options)
            .expect("renders")
            .len();
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "pdf (median of 9):   {:>8.2} ms ({} KB)",
        times[4],
        size / 1024
    );

    // The OFD from the same fonts: laying out, and painting laid-out pages.
    let book = gongkai::fonts::FontBook::new(&options.fonts);
    let mut times = Vec::new();
    let mut paint = Vec::new();
    let mut size = 0;
    for _ in 0..9 {
        let start = Instant::now();
        let pages = gongkai::render::typeset::lay_out(&doc, false, &book).expect("lays out");
        let laid = Instant::now();
        size = gongkai::render::ofd::from_pages(&pages, &doc, &book)
            .expect("renders")
            .len();
        times.push(start.elapsed().as_secs_f64() * 1e3);
        paint.push(laid.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    paint.sort_by(f64::total_cmp);
    println!(
        "ofd (median of 9):   {:>8.2} ms ({} KB; writing the laid-out pages {:.2} ms)",
        times[4],
        size / 1024,
        paint[4]
    );
}
