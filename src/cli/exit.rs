//! The one function that decides the process's exit status.

use std::process::ExitCode;

/// How a subcommand ended, as the exit status tells CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Done, nothing to report (exit 0).
    Success,
    /// Done, and what was found must fail the job: build errors, veto findings, files that
    /// differ, a `--fail-on` kind (exit 1).
    Findings,
    /// The input could not be read at all (exit 2).
    Unreadable,
}

/// The exit status of a run: its outcome, or 1 after printing an error that stopped it.
pub(crate) fn code(result: anyhow::Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Unreadable) => ExitCode::from(2),
        Err(e) => {
            eprintln!("{}", zhanqun::t!("cli-error", message = format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}
