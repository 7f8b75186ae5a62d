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

/// A reader that stops early (`zhanqun check | head`) ends the output quietly, as other
/// command-line tools do, instead of a panic on the closed pipe. Not for `serve`, whose
/// browsers may close their connections at any time.
pub(crate) fn quiet_on_closed_pipe(command: &super::Command) {
    #[cfg(unix)]
    if !matches!(command, super::Command::Serve(_)) {
        // SAFETY: restores the default action of one signal before any thread is started.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    #[cfg(not(unix))]
    let _ = command;
}

/// The exit status of a run: its outcome, or 1 after printing an error that stopped it.
pub(crate) fn code(result: anyhow::Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Unreadable) => ExitCode::from(2),
        Err(e) => {
            eprintln!("{}", zhanqun::t!("cli-error", message = describe(&e)));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, joined by a colon; a cause the system reports (an
/// input/output error) is told in the chosen language, and a cause whose text a message above
/// it already quotes is not repeated.
pub(crate) fn describe(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => zhanqun::messages::io_reason(io),
            None => cause.to_string(),
        };
        if part.is_empty() || text.contains(&part) || text.contains(&cause.to_string()) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(&zhanqun::t!("cli-error-cause-separator"));
        }
        text.push_str(&part);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_system_cause_is_told_in_chinese_and_not_repeated() {
        let io = std::fs::read("/no/such/zhanqun/input").expect_err("missing");
        let e = anyhow::Error::new(io).context("无法读取 input");
        let text = describe(&e);
        assert!(text.starts_with("无法读取 input"), "{text}");
        assert!(text.contains("不存在") && !text.contains("os error"), "{text}");
    }
}
