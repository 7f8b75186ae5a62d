//! Turning YAML errors into located diagnostics.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// A diagnostic for a YAML error in `file`, whose YAML text starts at line `first_line`.
pub fn yaml_diagnostic(file: &Path, first_line: usize, err: &serde_yaml_ng::Error) -> Diagnostic {
    let line = err.location().map(|l| l.line() + first_line - 1);
    let msg = err.to_string();
    // serde_yaml appends " at line N column M"; the location is already in the prefix.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    Diagnostic::error(file, "yaml", format!("invalid YAML: {msg}"))
        .at_opt(line)
        .help("check indentation and quoting; values containing `: ` or starting with `[`, `{`, `*`, `&` need quotes")
}
