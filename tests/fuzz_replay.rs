//! Replays the fuzz corpus and every input that ever broke a target
//! (`tests/fuzz/crashes/`), plus the samples, through every target: no
//! panic, no broken invariant, none slow. The fuzzer itself runs outside
//! the tests: `cargo run --release --example fuzz` (see tests/fuzz/README.md).

#[path = "fuzz/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use targets::Target;

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut dirs = vec![
        root.join("samples"),
        root.join("tests/fuzz/corpus"),
        root.join("tests/fuzz/crashes"),
    ];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("fuzz folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.file_name().is_some_and(|n| n != "README.md") {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_saved_input_passes_every_target() {
    let inputs = inputs();
    assert!(inputs.len() > 10, "corpus present: {}", inputs.len());
    let mut deep = 0;
    for path in &inputs {
        let bytes = std::fs::read(path).expect("read");
        for target in Target::ALL {
            let start = Instant::now();
            let outcome = std::panic::catch_unwind(|| target.run(&bytes));
            let took = start.elapsed();
            match outcome {
                Err(_) => panic!("{} panics on {}", target.name(), path.display()),
                Ok(Err(e)) => panic!("{} on {}: {e}", target.name(), path.display()),
                Ok(Ok(through)) => deep += usize::from(through),
            }
            assert!(
                took < Duration::from_secs(10),
                "{} took {took:?} on {}",
                target.name(),
                path.display()
            );
        }
    }
    // The samples at least go all the way through every target.
    assert!(deep >= 6, "{deep}");
}
