//! A mutation fuzzer that runs on stable Rust: seeds from `samples/` and
//! `tests/fuzz/corpus/`, mutated with YAML-aware and byte-level edits and
//! fed to the targets in `tests/fuzz/targets.rs`. A panic, a broken
//! invariant or an input slower than 10 s is saved to `tests/fuzz/crashes/`
//! (replayed by `cargo test --test it fuzz_replay::`).
//!
//! cargo run --release --example fuzz -- [load|layout|render|all] [executions] [seed]

#[path = "../tests/fuzz/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use targets::Target;

/// Values that have broken parsers, checkers or renderers somewhere.
const TOKENS: &[&str] = &[
    "-1",
    "0",
    "-0",
    "0.001",
    "1e-30",
    "1e30",
    "1_000",
    "+5",
    ".5",
    "0x10",
    "NaN",
    ".inf",
    "99999999999999999999999999999",
    "4294967295",
    "18446744073709551616",
    "-9223372036854775809",
    "≤10000000000000000000000000万元",
    "≥95无",
    "2024-02-30",
    "2024-13-01",
    "20231120163030",
    "\u{1}",
    "\u{b}",
    "\u{7f}",
    "\u{85}",
    "\u{FFFE}",
    "\u{FFFF}",
    "\u{202E}",
    "\u{2066}",
    "\u{200B}",
    "\u{2028}",
    "\u{FEFF}",
    "**",
    "**粗**",
    "<w:t>",
    "]]>",
    "&amp;",
    "\"",
    "'",
    "\\",
    "\t",
    "\r",
    "赟",
    "€",
    "𪚥",
    "👍",
    "e\u{301}",
    "ا",
    "  ",
    "~",
    "null",
    "true",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!binary ",
    "<<: *a",
    "? ",
    "- ",
    "---\n",
    "...",
    "%YAML 1.2",
    "#",
    ": ",
    ",",
    "，",
    "XX",
    "待填写",
    "2023",
    "2025",
    "元",
    "万元",
    "%",
    "10101",
    "2019999",
    "20106",
    "30101",
    "行政单位",
    "上年结转",
    "一次性",
    "政府性基金预算",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: plenty for choosing mutations.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(input).into_owned();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    for _ in 0..1 + rng.below(3) {
        let i = rng.below(lines.len());
        match rng.below(9) {
            // Replace a value after ": " with a token.
            0 | 1 => {
                if let Some(at) = lines[i].rfind(": ") {
                    let token = TOKENS[rng.below(TOKENS.len())];
                    let end = lines[i][at + 2..]
                        .find([',', '}', ' '])
                        .map_or(lines[i].len(), |e| at + 2 + e);
                    lines[i].replace_range(at + 2..end, token);
                }
            }
            // Insert a token anywhere in a line.
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                let chars: Vec<(usize, char)> = lines[i].char_indices().collect();
                let at = if chars.is_empty() {
                    0
                } else {
                    chars[rng.below(chars.len())].0
                };
                lines[i].insert_str(at, token);
            }
            3 => {
                let copy = lines[i].clone();
                let n = 1 + rng.below(20);
                for _ in 0..n {
                    lines.insert(i, copy.clone());
                }
            }
            4 if lines.len() > 1 => {
                lines.remove(i);
            }
            5 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            // A line from another seed.
            6 => {
                let other = String::from_utf8_lossy(&seeds[rng.below(seeds.len())]).into_owned();
                let others: Vec<&str> = other.lines().collect();
                if !others.is_empty() {
                    lines.insert(i, others[rng.below(others.len())].to_string());
                }
            }
            // Indentation.
            7 => {
                if rng.below(2) == 0 {
                    lines[i].insert_str(0, "  ");
                } else if lines[i].starts_with("  ") {
                    lines[i].replace_range(0..2, "");
                }
            }
            _ => {}
        }
    }
    let mut out = lines.join("\n").into_bytes();
    out.push(b'\n');
    // Now and then a raw byte flip.
    if rng.below(10) == 0 && !out.is_empty() {
        let at = rng.below(out.len());
        out[at] ^= 1 << rng.below(8);
    }
    out
}

fn seeds(root: &Path) -> Vec<Vec<u8>> {
    targets::saved_inputs(root)
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map(String::as_str).unwrap_or("all");
    let executions: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(0x5EED);
    let chosen: Vec<Target> = Target::ALL
        .into_iter()
        .filter(|t| which == "all" || t.name() == which)
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds = seeds(&root);
    // Quiet: a caught panic is reported by us, not by the default hook.
    std::panic::set_hook(Box::new(|_| {}));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for target in chosen {
        let done = AtomicU64::new(0);
        let failures = AtomicU64::new(0);
        let deep = AtomicU64::new(0);
        let slowest = std::sync::Mutex::new(Duration::ZERO);
        let start = Instant::now();
        std::thread::scope(|s| {
            for t in 0..threads {
                let (seeds, done, failures, slowest, root, deep) =
                    (&seeds, &done, &failures, &slowest, &root, &deep);
                s.spawn(move || {
                    let mut rng = Rng(seed ^ ((t as u64 + 1) * 0x9E37_79B9_7F4A_7C15));
                    let mut current = seeds[rng.below(seeds.len())].clone();
                    while done.fetch_add(1, Ordering::Relaxed) < executions {
                        if rng.below(16) == 0 || current.len() > 1 << 20 {
                            current = seeds[rng.below(seeds.len())].clone();
                        }
                        let input = mutate(&mut rng, seeds, &current);
                        let began = Instant::now();
                        let outcome = std::panic::catch_unwind(|| target.run(&input));
                        let took = began.elapsed();
                        if let Ok(mut s) = slowest.lock() {
                            *s = (*s).max(took);
                        }
                        let problem = match outcome {
                            Err(_) => Some("panic".to_string()),
                            Ok(Err(e)) => Some(e),
                            Ok(Ok(_)) if took > Duration::from_secs(10) => {
                                Some(format!("slow: {took:?}"))
                            }
                            Ok(Ok(went_through)) => {
                                if went_through {
                                    deep.fetch_add(1, Ordering::Relaxed);
                                }
                                None
                            }
                        };
                        if let Some(p) = problem {
                            failures.fetch_add(1, Ordering::Relaxed);
                            let name = format!(
                                "{}-{}.yaml",
                                target.name(),
                                gongkai::hash::sha256(&input).get(..12).unwrap_or("x")
                            );
                            let path = root.join("tests/fuzz/crashes").join(name);
                            let _ = std::fs::write(&path, &input);
                            eprintln!("{}: {p}: saved {}", target.name(), path.display());
                        } else if rng.below(4) == 0 {
                            // Walk on from inputs that still load, so mutations accumulate.
                            current = input;
                        }
                    }
                });
            }
        });
        let ran = done.load(Ordering::Relaxed).min(executions);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{}: {ran} executions in {secs:.1} s ({:.0}/s), {} went all the way, {} failures, slowest {:?}, peak memory {} MB",
            target.name(),
            ran as f64 / secs.max(1e-9),
            deep.load(Ordering::Relaxed),
            failures.load(Ordering::Relaxed),
            slowest.lock().map(|s| *s).unwrap_or_default(),
            targets::peak_kb().map_or(0, |kb| kb / 1024)
        );
    }
}
