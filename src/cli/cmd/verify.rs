//! `zhanqun verify`: a deployed copy against its manifest (and its signature).

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::PathBuf;
use zhanqun::t;

/// `zhanqun verify`.
#[derive(clap::Args)]
pub(crate) struct Args {
    dir: PathBuf,
    #[arg(long)]
    public_key: Option<String>,
    #[arg(long)]
    json: bool,
}

/// Exit 1 when a file was added, changed or is missing, or the signature does not hold; 2 when
/// the directory cannot be read.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let key = a.public_key.or_else(|| std::env::var("ZHANQUN_PUBLIC_KEY").ok().filter(|k| !k.is_empty()));
    match zhanqun::commands::verify(&a.dir, key.as_deref()) {
        Ok(report) => {
            if a.json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", report.to_text());
            }
            Ok(if report.ok() { Outcome::Success } else { Outcome::Findings })
        }
        Err(e) => {
            eprintln!("{}", t!("verify-cannot-read", dir = a.dir.display().to_string(), reason = e.to_string()));
            Ok(Outcome::Unreadable)
        }
    }
}
