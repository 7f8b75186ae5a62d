//! `zhanqun log`: the publication log for auditors, from the Git history.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::PathBuf;
use zhanqun::BuildError;
use zhanqun::audit::LogError;

/// `zhanqun log …`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long, value_name = "ID")]
    site: Option<String>,
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_enum, default_value = "csv")]
    format: LogFormat,
}

/// `log --format`: CSV with a BOM for Excel, JSON for programs.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LogFormat {
    Csv,
    Json,
}

/// Exit 2 when the content, the history or `--site` cannot be read.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    match zhanqun::audit::publication_log(&a.root, a.site.as_deref(), a.year) {
        Ok(log) => {
            match a.format {
                LogFormat::Json => print!("{}", log.to_json()),
                LogFormat::Csv => std::io::Write::write_all(&mut std::io::stdout(), &log.to_csv())?,
            }
            Ok(Outcome::Success)
        }
        Err(LogError::Content(BuildError::Invalid(diags))) => {
            super::print_diagnostics(&diags);
            Ok(Outcome::Unreadable)
        }
        Err(e) => {
            eprintln!("{}", zhanqun::t!("cli-error", message = e.to_string()));
            Ok(Outcome::Unreadable)
        }
    }
}
