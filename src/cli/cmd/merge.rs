//! `zhanqun merge`: the outputs of `build --sites` shards into one cluster output.

use crate::cli::exit::Outcome;
use anyhow::{Context, Result};
use std::path::PathBuf;
use zhanqun::t;

/// `zhanqun merge`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long)]
    out: PathBuf,
    #[arg(required = true)]
    shards: Vec<PathBuf>,
}

/// Merges and says how many files the result holds.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let out = a.out.display().to_string();
    let report =
        zhanqun::commands::merge(&a.root, &a.out, &a.shards).with_context(|| t!("merge-failed", out = out.clone()))?;
    eprintln!("{}", t!("merge-done", shards = report.shards, out = out, files = report.files));
    Ok(Outcome::Success)
}
