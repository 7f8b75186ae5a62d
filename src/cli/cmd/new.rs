//! `zhanqun new`: a correctly named page with its front matter.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::PathBuf;

/// `zhanqun new`.
#[derive(clap::Args)]
pub(crate) struct Args {
    site: String,
    column: String,
    title: String,
    #[arg(long, default_value = ".")]
    root: PathBuf,
    // `--today` is accepted too, as in every other command.
    #[arg(long, alias = "today")]
    date: Option<String>,
}

/// Writes the page and prints its path.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let path = zhanqun::commands::new_page(&a.root, &a.site, &a.column, &a.title, a.date.as_deref())?;
    println!("{}", path.display());
    Ok(Outcome::Success)
}
