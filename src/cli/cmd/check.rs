//! `zhanqun check`: the cluster against the national inspection indicators.

use crate::cli::exit::Outcome;
use anyhow::{Context, Result};
use std::path::PathBuf;
use zhanqun::inspect::Level;
use zhanqun::inspect::gate::{self, GateVerdict};
use zhanqun::t;

/// `zhanqun check`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long)]
    today: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    #[arg(long, value_enum, conflicts_with = "gate")]
    deny: Option<DenyLevel>,
    #[arg(long)]
    html: Option<PathBuf>,
    #[arg(long)]
    gate: bool,
    #[arg(long, value_delimiter = ',')]
    sites: Option<Vec<String>>,
}

/// `--format`: text for people, JSON for CI.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// `--deny`: which findings besides vetoes fail the run.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DenyLevel {
    Scored,
    Advice,
}

/// Inspects, prints the report, writes the dashboard; exit 1 on a veto (or what `--deny` adds),
/// or with `--gate` only on what must not be published.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let today = a.today.map(|t| super::parse_today(&t)).transpose()?;
    let report = match zhanqun::inspect::inspect(&a.root, today) {
        Ok(r) => r,
        Err(zhanqun::inspect::CheckError::Invalid(diags)) => {
            super::print_diagnostics(&diags);
            eprintln!("{}", t!("check-cannot-inspect"));
            return Ok(Outcome::Unreadable);
        }
    };
    let report = match &a.sites {
        Some(ids) => match gate::only_sites(report, ids) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{}", t!("cli-error", message = e.to_string()));
                return Ok(Outcome::Unreadable);
            }
        },
        None => report,
    };
    match a.format {
        Format::Text => print!("{}", report.to_text()),
        Format::Json => print!("{}", report.to_json()),
    }
    let html = a.html.unwrap_or_else(|| a.root.join("check-report.html"));
    std::fs::write(&html, zhanqun::inspect::dashboard_html(&report))
        .with_context(|| t!("check-cannot-write-dashboard", path = html.display().to_string()))?;
    eprintln!("{}", t!("check-dashboard", path = html.display().to_string()));
    let fails = if a.gate {
        let verdict = GateVerdict::of(&report);
        for line in verdict.summary() {
            eprintln!("{line}");
        }
        !verdict.passes()
    } else {
        report.count(Level::Veto) > 0
            || (matches!(a.deny, Some(DenyLevel::Scored | DenyLevel::Advice)) && report.count(Level::Scored) > 0)
            || (matches!(a.deny, Some(DenyLevel::Advice)) && report.count(Level::Advice) > 0)
    };
    Ok(if fails { Outcome::Findings } else { Outcome::Success })
}
