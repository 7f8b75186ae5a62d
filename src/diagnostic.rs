//! Diagnostics: what the build tells editors and operators about their input.
//!
//! Every problem with user content becomes a [`Diagnostic`] naming the file, the line, what is
//! wrong and how to fix it. Stages collect them instead of stopping at the first one, so one
//! build reports every problem at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a finding is: errors fail the build, warnings are reported and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Fails the build; `public/` is left untouched.
    Error,
    /// Reported; the output is still written.
    Warning,
}

/// One finding about the input, located as precisely as the stage that found it can.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// File the finding is about, relative to the cluster root.
    pub file: PathBuf,
    /// 1-based line in that file, when known.
    pub line: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// Stable rule name (`front-matter`, `link`, `index-no`…), for grepping and for CI.
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error about `file`.
    pub fn error(file: impl Into<PathBuf>, rule: &'static str, message: impl Into<String>) -> Self {
        Self { file: file.into(), line: None, severity: Severity::Error, rule, message: message.into(), help: None }
    }

    /// A warning about `file`.
    pub fn warning(file: impl Into<PathBuf>, rule: &'static str, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(file, rule, message) }
    }

    /// The same finding located at `line` (1-based).
    pub fn at(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// The same finding located at `line` when it is known.
    pub fn at_opt(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// The same finding with a hint on how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True when this finding fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => crate::t!("diag-error"),
            Severity::Warning => crate::t!("diag-warning"),
        };
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {level}[{}]: {}", self.rule, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  {}: {help}", crate::t!("diag-help"))?;
        }
        Ok(())
    }
}

/// A growing list of findings, shared by the stages of one build.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Every finding so far, in the order found.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.0
    }

    /// Records one finding.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Records many findings.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// True when at least one finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// The findings in a stable order (file, line, severity, rule, message), without repeats,
    /// so output does not depend on thread scheduling.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort();
        self.0.dedup();
        self.0
    }

    /// The findings as recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    /// The findings, in the order recorded.
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// 1-based line number of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// `path` relative to `root` when it lies inside it, for messages that editors can click.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The candidate closest to `wanted` by edit distance, if any is reasonably close.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(wanted, c), c))
        .min()
        .filter(|(d, c)| *d <= wanted.chars().count().max(c.chars().count()) / 2 + 1)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_counts_newlines_before_offset() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }

    #[test]
    fn nearest_finds_close_names_only() {
        let cols = ["zwdt/gzdt", "zwdt/tzgg", "xxgk/zcwj"];
        assert_eq!(nearest("zwdt/gzd", cols), Some("zwdt/gzdt"));
        assert_eq!(nearest("completely-else", cols), None);
    }

    #[test]
    fn display_names_file_line_rule_and_help() {
        let d = Diagnostic::error("content/a.md", "front-matter", "missing title").at(3).help("add `title:`");
        let zh = crate::messages::text_in(crate::messages::Lang::Zh, "diag-error", &[]);
        assert!(d.to_string().starts_with(&format!("content/a.md:3: {zh}[front-matter]: missing title\n  ")), "{d}");
    }
}
