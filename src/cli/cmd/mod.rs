//! One file per subcommand: its arguments and what it does with the library's answer.

pub(crate) mod assign;
pub(crate) mod audit_changes;
pub(crate) mod build;
pub(crate) mod catalog;
pub(crate) mod check;
pub(crate) mod editor;
pub(crate) mod init;
pub(crate) mod keygen;
pub(crate) mod log;
pub(crate) mod manifest;
pub(crate) mod merge;
pub(crate) mod new;
pub(crate) mod nginx_headers;
pub(crate) mod owners;
pub(crate) mod serve;
pub(crate) mod theme;
pub(crate) mod verify;

use anyhow::{Context, Result};

/// Reads a `--today` argument.
pub(crate) fn parse_today(t: &str) -> Result<chrono::NaiveDate> {
    zhanqun::text::parse_day(t).with_context(|| zhanqun::t!("cli-bad-today", value = t))
}

/// Prints build or check findings, one after another, on stderr.
pub(crate) fn print_diagnostics(diags: &[zhanqun::Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}
