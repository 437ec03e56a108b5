//! Progress of a batch: a bar on a terminal, one plain line per package
//! otherwise (logs, CI, pipes).

use super::summary::Row;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Progress {
    bar: Option<ProgressBar>,
    total: usize,
    done: AtomicUsize,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            total,
            done: AtomicUsize::new(0),
        }
    }

    pub fn finished(&self, row: &Row) {
        let n = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        let text = format!("{}：{}", row.name, row.status.label());
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                bar.set_message(text);
            }
            // A closed stderr (a log pipe gone) must not stop the batch.
            None => {
                let _ = writeln!(std::io::stderr(), "[{n}/{}] {text}", self.total);
            }
        }
    }

    /// `n` packages that will not be built (a department that cannot run).
    pub fn passed(&self, n: usize, text: &str) {
        let n = self.done.fetch_add(n, Ordering::SeqCst) + n;
        match &self.bar {
            Some(bar) => {
                bar.set_position(n as u64);
                bar.set_message(text.to_string());
            }
            None => {
                let _ = writeln!(std::io::stderr(), "[{n}/{}] {text}", self.total);
            }
        }
    }

    pub fn close(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
