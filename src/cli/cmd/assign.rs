//! `zhanqun assign`: fills in the missing 索引号 of disclosed documents, in commit order.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::PathBuf;

/// `zhanqun assign …`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// Exit 2 when the settings, the ledger or the history cannot be read or a page not written.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    match zhanqun::editor::assign::assign(&a.root) {
        Ok(assigned) => {
            println!("{}", zhanqun::editor::assign::report(&assigned));
            Ok(Outcome::Success)
        }
        Err(e) => {
            eprintln!("{}", zhanqun::t!("cli-error", message = crate::cli::exit::describe(&e.into())));
            Ok(Outcome::Unreadable)
        }
    }
}
