//! `zhanqun init`: a new cluster skeleton.

use crate::cli::exit::Outcome;
use anyhow::{Context, Result};
use std::path::PathBuf;
use zhanqun::t;

/// `zhanqun init`.
#[derive(clap::Args)]
pub(crate) struct Args {
    dir: PathBuf,
}

/// Creates the cluster and says how to build it.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let dir = a.dir.display().to_string();
    zhanqun::commands::init(&a.dir).with_context(|| t!("init-failed", dir = dir.clone()))?;
    eprintln!("{}", t!("init-done", dir = dir));
    Ok(Outcome::Success)
}
