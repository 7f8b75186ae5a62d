//! `zhanqun manifest diff`: what to upload and delete between two builds.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::PathBuf;
use zhanqun::emit::{DeployPlan, Manifest};
use zhanqun::t;

/// `zhanqun manifest …`.
#[derive(clap::Subcommand)]
pub(crate) enum Action {
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// Prints the plan (lines or JSON) and a count on stderr.
pub(crate) fn run(action: Action) -> Result<Outcome> {
    let Action::Diff { old, new, json } = action;
    let plan = DeployPlan::between(&Manifest::read(&old)?, &Manifest::read(&new)?);
    if json {
        println!("{}", serde_json::to_string_pretty(&plan)?);
    } else {
        print!("{}", plan.to_lines());
    }
    eprintln!(
        "{}",
        t!(
            "manifest-summary",
            upload = plan.added.len() + plan.changed.len(),
            added = plan.added.len(),
            changed = plan.changed.len(),
            deleted = plan.deleted.len(),
            unchanged = plan.unchanged
        )
    );
    Ok(Outcome::Success)
}
