//! Progress of long builds: an indicatif bar on a terminal, plain numbered lines when stderr is
//! not a terminal (CI logs), nothing with `--quiet`.

use indicatif::{ProgressBar, ProgressStyle};
use std::sync::atomic::{AtomicU64, Ordering};

/// How a build reports its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// An animated bar (stderr is a terminal).
    Bar,
    /// One line per tenth of the work, for logs.
    Lines,
    /// Nothing.
    Off,
}

/// A running count of one stage's work.
#[derive(Debug)]
pub struct Ticker {
    bar: ProgressBar,
    lines: Option<(&'static str, u64, AtomicU64)>,
}

impl Progress {
    /// Starts counting `len` items of the stage `what`.
    pub fn start(self, what: &'static str, len: u64) -> Ticker {
        match self {
            Progress::Bar => {
                let bar = ProgressBar::new(len);
                let template = format!("{{spinner}} {what} {{pos}}/{{len}} [{{bar:30}}] {{per_sec}} eta {{eta}}");
                if let Ok(style) = ProgressStyle::with_template(&template) {
                    bar.set_style(style.progress_chars("=> "));
                }
                Ticker { bar, lines: None }
            }
            Progress::Lines => Ticker { bar: ProgressBar::hidden(), lines: Some((what, len, AtomicU64::new(0))) },
            Progress::Off => Ticker { bar: ProgressBar::hidden(), lines: None },
        }
    }
}

impl Ticker {
    /// One more item done.
    pub fn inc(&self) {
        self.bar.inc(1);
        if let Some((what, len, done)) = &self.lines {
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            let step = len.div_ceil(10).max(1);
            if n % step == 0 || n == *len {
                eprintln!("{what}: {n}/{len} ({}%)", n * 100 / (*len).max(1));
            }
        }
    }

    /// The stage is over.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
