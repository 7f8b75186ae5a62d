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
        #[arg(long)]
        json: bool,
        #[arg(long, value_delimiter = ',', value_name = "KINDS")]
        fail_on: Vec<ChangeKind>,
    },
}

/// Runs one catalog subcommand.
pub(crate) fn run(action: Action) -> Result<Outcome> {
    match action {
        Action::Stats { root, year, json } => stats(root, year, json),
        Action::Diff { old, new, git, root, json, fail_on } => Ok(diff(&old, &new, git, root, json, &fail_on)),
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

/// Exit 2 on unreadable input, 1 when a `--fail-on` kind occurs, else 0.
fn diff(old: &str, new: &str, git: bool, root: Option<PathBuf>, json: bool, fail_on: &[ChangeKind]) -> Outcome {
    let root = root.unwrap_or_else(|| PathBuf::from("."));
    let inputs = if git {
        DiffInputs::Git { root: &root, old, new }
    } else {
        DiffInputs::Paths { old: old.as_ref(), new: new.as_ref() }
    };
    let outcome = match zhanqun::catalog::compare(inputs).context(t!("catalog-diff-cannot-read")) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}", t!("cli-error", message = format!("{e:#}")));
            return Outcome::Unreadable;
        }
    };
    for w in &outcome.warnings {
        eprintln!("{w}");
    }
    let report = &outcome.report;
    if json {
        print!("{}", report.to_json());
    } else {
        print!("{}", zhanqun::catalog::render_table(report));
    }
    let hit = report.diff.occurring(fail_on);
    let code = if hit.is_empty() {
        0
    } else {
        let found: Vec<String> = hit.iter().map(|k| format!("{} {k}", report.diff.count(*k))).collect();
        eprintln!("{}", t!("catalog-diff-failed-on", kinds = found.join(", ")));
        1
    };
    // Exit now rather than free two whole catalogs one record at a time.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    std::process::exit(code)
}
