//! `zhanqun catalog stats` and `zhanqun catalog diff`.

use crate::cli::exit::Outcome;
use anyhow::{Context, Result};
use std::path::PathBuf;
use zhanqun::catalog::{ChangeKind, DiffInputs};
use zhanqun::{BuildError, t};

/// `zhanqun catalog …`.
#[derive(clap::Subcommand)]
pub(crate) enum Action {
    Stats {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    Diff {
        old: String,
        new: String,
        #[arg(long)]
        git: bool,
        #[arg(long, requires = "git", value_name = "DIR")]
        root: Option<PathBuf>,
        #[arg(long, conflicts_with = "format")]
        json: bool,
        #[arg(long, value_enum)]
        format: Option<DiffFormat>,
        #[arg(long)]
        today: Option<String>,
        #[arg(long, value_delimiter = ',', value_name = "KINDS")]
        fail_on: Vec<ChangeKind>,
    },
}

/// `catalog diff --format`: a table for people, JSON for machines, CSV for auditors' Excel.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DiffFormat {
    Text,
    Json,
    Csv,
}

/// Runs one catalog subcommand.
pub(crate) fn run(action: Action) -> Result<Outcome> {
    match action {
        Action::Stats { root, year, json } => stats(root, year, json),
        Action::Diff { old, new, git, root, json, format, today, fail_on } => {
            let today = today.map(|t| super::parse_today(&t)).transpose()?;
            let format = if json { DiffFormat::Json } else { format.unwrap_or(DiffFormat::Text) };
            Ok(diff(&old, &new, git, root, format, today, &fail_on))
        }
    }
}

fn stats(root: PathBuf, year: Option<i32>, json: bool) -> Result<Outcome> {
    match zhanqun::commands::catalog_stats(&root, year, json) {
        Ok(out) => {
            print!("{out}");
            Ok(Outcome::Success)
        }
        Err(BuildError::Invalid(diags)) => {
            super::print_diagnostics(&diags);
            Ok(Outcome::Unreadable)
        }
        Err(e) => Err(e).context(t!("catalog-cannot-read")),
    }
}

/// Exit 2 on unreadable input, 1 when a `--fail-on` kind occurs, else 0. Documents dated after
/// `today` (by default today in the cluster's time zone) are scheduled, not published.
fn diff(
    old: &str,
    new: &str,
    git: bool,
    root: Option<PathBuf>,
    format: DiffFormat,
    today: Option<chrono::NaiveDate>,
    fail_on: &[ChangeKind],
) -> Outcome {
    let root = root.unwrap_or_else(|| PathBuf::from("."));
    let today = zhanqun::load::Clock::of_cluster(&root).today_or(today);
    let inputs = if git {
        DiffInputs::Git { root: &root, old, new }
    } else {
        DiffInputs::Paths { old: old.as_ref(), new: new.as_ref() }
    };
    let outcome = match zhanqun::catalog::compare(inputs, Some(today)).context(t!("catalog-diff-cannot-read")) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}", t!("cli-error", message = crate::cli::exit::describe(&e)));
            return Outcome::Unreadable;
        }
    };
    for w in &outcome.warnings {
        eprintln!("{w}");
    }
    let report = &outcome.report;
    match format {
        DiffFormat::Json => print!("{}", report.to_json()),
        DiffFormat::Text => print!("{}", zhanqun::catalog::render_table(report)),
        DiffFormat::Csv => {
            let _ = std::io::Write::write_all(&mut std::io::stdout(), &zhanqun::catalog::diff_to_csv(report));
        }
    }
    let hit = report.diff.occurring(fail_on);
    let code = if hit.is_empty() {
        0
    } else {
        let found: Vec<String> = hit
            .iter()
            .map(|k| t!("catalog-diff-failed-kind", label = k.label(), count = report.diff.count(*k), kind = k.name()))
            .collect();
        eprintln!("{}", t!("catalog-diff-failed-on", kinds = found.join(&t!("cli-list-separator"))));
        1
    };
    // Exit now rather than free two whole catalogs one record at a time.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    std::process::exit(code)
}
