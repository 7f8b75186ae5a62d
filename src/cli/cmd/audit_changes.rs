//! `zhanqun audit-changes BASE HEAD`: the change gate CI runs on every push and merge request.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::PathBuf;

/// `zhanqun audit-changes …`.
#[derive(clap::Args)]
pub(crate) struct Args {
    base: String,
    head: String,
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long)]
    json: bool,
}

/// Exit 0 when every change is signed and reviewed as the rules ask, 1 on a violation, 2 when
/// the repository, a revision or the settings at BASE cannot be read.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let report = match zhanqun::audit::audit_changes(&a.root, &a.base, &a.head) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", zhanqun::t!("cli-error", message = e.to_string()));
            return Ok(Outcome::Unreadable);
        }
    };
    if a.json {
        print!("{}", report.to_json());
    } else {
        print!("{}", report.to_text());
    }
    Ok(if report.passed() { Outcome::Success } else { Outcome::Findings })
}
