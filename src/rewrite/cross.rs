//! Links into another page's anchor (`/a/b/#x`), checked once every page's ids are known, and
//! the broken-link error every link check reports.

use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

/// A link into another page with a fragment, checked once every page's ids are known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CrossRef {
    /// The file (or template) the link is written in, for the message.
    pub(crate) src: PathBuf,
    /// Its line in the Markdown, when known.
    pub(crate) line: Option<usize>,
    /// The link as written.
    pub(crate) href: String,
    /// The cluster-relative URL it points to.
    pub(crate) target: String,
    /// The id it expects there.
    pub(crate) fragment: String,
}

impl CrossRef {
    /// The broken-link error for this reference, when `ids` (the target page's ids, if the
    /// target is a page that records them) lacks the fragment.
    pub(crate) fn check(&self, ids: Option<&super::Ids>) -> Option<Diagnostic> {
        if ids.is_some_and(|i| i.contains(&self.fragment)) {
            return None;
        }
        Some(broken_link(
            &self.src,
            self.line,
            &self.href,
            &crate::t!("pipeline-no-anchor", target = self.target.as_str(), fragment = self.fragment.as_str()),
        ))
    }
}

/// The error for a link `href` on line `line` of `src` that leads nowhere, saying `reason`.
pub(crate) fn broken_link(src: &Path, line: Option<usize>, href: &str, reason: &str) -> Diagnostic {
    Diagnostic::error(src, "link", crate::t!("pipeline-broken-link", href = href, reason = reason))
        .at_opt(line)
        .help(crate::t!("pipeline-broken-link-help"))
}
