//! `zhanqun serve`: the editor's preview that rebuilds on save.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::PathBuf;

/// `zhanqun serve`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long, default_value_t = 1111)]
    port: u16,
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    today: Option<String>,
}

/// Serves until stopped.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let today = a.today.map(|t| super::parse_today(&t)).transpose()?;
    zhanqun::serve::serve(&zhanqun::serve::ServeOptions { root: a.root, out: a.out, port: a.port, today })?;
    Ok(Outcome::Success)
}
