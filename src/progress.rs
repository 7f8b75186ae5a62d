//! Progress of long builds: an indicatif bar on a terminal, plain numbered lines when stderr is
//! not a terminal (CI logs), nothing with `--quiet`. This is the one UI component of the
//! library: the stage names and the line come from the catalogs (`生成页面：10/20`).

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
    /// Starts counting `len` items of the stage `what` (a stage code such as `render`, see
    /// [`stage_name`]).
    pub fn start(self, what: &'static str, len: u64) -> Ticker {
        match self {
            Progress::Bar => {
                let bar = ProgressBar::new(len);
                let name = stage_name(what).replace(['{', '}'], "");
                let eta = crate::t!("progress-eta");
                let template = format!("{{spinner}} {name} {{pos}}/{{len}} [{{bar:30}}] {{per_sec}} {eta} {{eta}}");
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
                let percent = n * 100 / (*len).max(1);
                eprintln!(
                    "{}",
                    crate::t!("progress-line", stage = stage_name(what), done = n, total = *len, percent = percent)
                );
            }
        }
    }

    /// The stage is over.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The name, in the current language, of a build stage given by its code (`render`, `load`,
/// `  search: shards`…; leading spaces, which nest a stage under the one before, are kept).
/// An unknown code is returned as it is.
pub fn stage_name(code: &str) -> String {
    let trimmed = code.trim_start();
    let indent = &code[..code.len() - trimmed.len()];
    let name = match trimmed {
        "render" => crate::t!("progress-stage-render"),
        "load" => crate::t!("progress-stage-load"),
        "cache-up-to-date" => crate::t!("progress-stage-cache-up-to-date"),
        "cache-hashed" => crate::t!("progress-stage-cache-hashed"),
        "cache-read" => crate::t!("progress-stage-cache-read"),
        "cache-search-groups" => crate::t!("progress-stage-cache-search-groups"),
        "scan" => crate::t!("progress-stage-scan"),
        "parse" => crate::t!("progress-stage-parse"),
        "check" => crate::t!("progress-stage-check"),
        "assemble" => crate::t!("progress-stage-assemble"),
        "render+rewrite+write (parallel)" => crate::t!("progress-stage-render-parallel"),
        "links+assets" => crate::t!("progress-stage-links"),
        "zh-hant view" => crate::t!("progress-stage-hant"),
        "sitemaps+catalogs+manifest" => crate::t!("progress-stage-sitemaps"),
        "commit" => crate::t!("progress-stage-commit"),
        "commit+cache-written" => crate::t!("progress-stage-commit-cache"),
        "render (thread time)" => crate::t!("progress-stage-render-cpu"),
        "search text (thread time)" => crate::t!("progress-stage-extract-cpu"),
        "rewrite (thread time)" => crate::t!("progress-stage-rewrite-cpu"),
        "write (thread time)" => crate::t!("progress-stage-write-cpu"),
        "generated keys (thread time)" => crate::t!("progress-stage-key-cpu"),
        "search tokenize (thread time)" => crate::t!("progress-stage-tokenize-cpu"),
        "search: tokenize rest+invert" => crate::t!("progress-stage-search-invert"),
        "search: shards" => crate::t!("progress-stage-search-shards"),
        "search: part" => crate::t!("progress-stage-search-part"),
        "search: metadata" => crate::t!("progress-stage-search-metadata"),
        "search: filters+tables+write" => crate::t!("progress-stage-search-write"),
        "search: kept" => crate::t!("progress-stage-search-kept"),
        "search: copy" => crate::t!("progress-stage-search-copy"),
        "search: moved" => crate::t!("progress-stage-search-moved"),
        "search: patch" => crate::t!("progress-stage-search-patch"),
        "search: renumber" => crate::t!("progress-stage-search-renumber"),
        "search: rescore/invert" => crate::t!("progress-stage-search-rescore"),
        other => other.to_string(),
    };
    format!("{indent}{name}")
}
