//! `zhanqun build`: the whole cluster (or some sites of it) into the output directory.

use crate::cli::exit::Outcome;
use anyhow::{Context, Result};
use std::io::IsTerminal;
use std::path::PathBuf;
use zhanqun::progress::Progress;
use zhanqun::{BuildError, BuildOptions, BuildReport, Mode, t};

/// `zhanqun build`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    jobs: Option<usize>,
    #[arg(long)]
    base_url: Option<String>,
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    #[arg(long, short)]
    verbose: bool,
    #[arg(long, value_delimiter = ',')]
    sites: Option<Vec<String>>,
    #[arg(long)]
    today: Option<String>,
    #[arg(long)]
    no_cache: bool,
    #[arg(long, value_name = "DIR", conflicts_with_all = ["no_cache", "sites"])]
    cache_dir: Option<PathBuf>,
    #[arg(long)]
    precompress: bool,
    #[arg(long)]
    drafts: bool,
}

/// Builds, then prints the warnings and a summary (or the errors, leaving the output as it was).
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let today = a.today.map(|t| super::parse_today(&t)).transpose()?;
    let progress = match (a.quiet, std::io::stderr().is_terminal()) {
        (true, _) => Progress::Off,
        (false, true) => Progress::Bar,
        (false, false) => Progress::Lines,
    };
    let signing_key = std::env::var(zhanqun::emit::signature::SIGNING_KEY_ENV).ok().filter(|k| !k.is_empty());
    let opts = BuildOptions {
        root: a.root,
        out: a.out,
        jobs: a.jobs,
        base_url: a.base_url,
        progress,
        today,
        mode: match (a.sites, a.no_cache) {
            (Some(sites), _) => Mode::Shard(sites),
            (None, true) => Mode::Full,
            (None, false) => Mode::Incremental,
        },
        signing_key,
        cache_dir: a.cache_dir,
        precompress: a.precompress,
        drafts: a.drafts,
    };
    match zhanqun::build(&opts) {
        Ok(report) => {
            if !a.quiet {
                super::print_diagnostics(&report.warnings);
                print_summary(&report);
            }
            if a.verbose {
                print_timings(&report);
            }
            Ok(Outcome::Success)
        }
        Err(BuildError::Invalid(diags)) => {
            super::print_diagnostics(&diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!("{}", t!("build-failed-errors", count = errors));
            Ok(Outcome::Findings)
        }
        Err(e) => Err(e).context(t!("build-failed")),
    }
}

fn print_summary(report: &BuildReport) {
    let out = report.out.display().to_string();
    let secs = report.elapsed.as_secs_f64();
    if report.up_to_date {
        eprintln!(
            "{}",
            t!("build-up-to-date", out = out.as_str(), pages = report.pages, seconds = format!("{secs:.2}"))
        );
        print_drafts(report, &out);
        return;
    }
    eprintln!(
        "{}",
        t!(
            "build-summary",
            pages = report.pages,
            out = out.as_str(),
            files = report.files,
            megabytes = format!("{:.1}", report.bytes as f64 / 1e6),
            seconds = format!("{secs:.2}"),
            rate = format!("{:.0}", report.pages as f64 / secs.max(1e-9)),
            warnings = report.warnings.len()
        )
    );
    if !report.scheduled.is_empty() {
        eprintln!("{}", t!("build-scheduled-files", count = report.scheduled.len()));
        for s in &report.scheduled {
            eprintln!("  {}", t!("build-scheduled-file", file = s.file.display().to_string(), date = s.date.clone()));
        }
    }
    print_drafts(report, &out);
    if report.reused > 0 {
        eprintln!("{}", t!("build-reused", reused = report.reused, pages = report.pages));
    }
}

/// The drafts: held back, or (a preview with `--drafts`) included with a banner.
fn print_drafts(report: &BuildReport, out: &str) {
    if report.drafts_included {
        eprintln!("{}", t!("build-drafts-included", count = report.drafts.len(), out = out));
    } else if !report.drafts.is_empty() {
        eprintln!("{}", t!("build-drafts-held", count = report.drafts.len()));
    }
    for d in &report.drafts {
        eprintln!("  {}", d.display());
    }
}

fn print_timings(report: &BuildReport) {
    for (stage, took) in &report.timings {
        let seconds = format!("{:.3}", took.as_secs_f64());
        eprintln!("  {}", t!("build-timing", stage = zhanqun::progress::stage_name(stage), seconds = seconds));
    }
    if let Some(s) = &report.search {
        let mb = |b: u64| format!("{:.1}", b as f64 / 1e6);
        eprintln!(
            "  {}",
            t!(
                "build-search-figures",
                pages = s.pages,
                terms = s.terms,
                postings = s.postings,
                packed = s.packed,
                shards = s.shards,
                chunk = s.chunk,
                files = s.files,
                total = mb(s.bytes),
                heads = mb(s.head_bytes),
                tails = mb(s.tail_bytes),
                meta = mb(s.meta_bytes),
                text = mb(s.text_bytes),
                early = s.early_groups,
                reused = s.reused_groups
            )
        );
        if s.spliced_groups > 0 {
            eprintln!("  {}", t!("build-search-spliced", groups = s.spliced_groups, pages = s.spliced_pages));
        }
        if let Some(terms) = s.rescored {
            eprintln!("  {}", t!("build-search-rescored", terms = terms, patched = s.patched));
        }
    }
}
