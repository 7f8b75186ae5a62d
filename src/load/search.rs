//! The `search:` settings of `zhanqun.yaml`, typed and checked at load like every setting.

use crate::diagnostic::{Diagnostic, Diagnostics};
use serde::Deserialize;
use std::path::Path;

/// The `search:` settings of `zhanqun.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    /// Build the index and show the search box (default true).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Postings per term in its head, what a query fetches first (default 64). More makes
    /// rankings of very common words more exact and every query larger: at 100,000 pages, 128
    /// made the largest two-word queries 22 KB heavier for the same recall.
    #[serde(default = "default_head")]
    pub head: usize,
    /// Keep the impacts of single ideographs beyond their head (default false; which pages
    /// hold each character is always kept): with them, one-character queries rank exactly, at
    /// a few more megabytes per 100,000 pages.
    #[serde(default)]
    pub unigram_tails: bool,
}

fn yes() -> bool {
    true
}
fn default_head() -> usize {
    64
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings { enabled: true, head: default_head(), unigram_tails: false }
    }
}

impl SearchSettings {
    /// Reports values that parse but cannot work (`head: 0`).
    pub(super) fn validate(&self, rel: &Path, diags: &mut Diagnostics) {
        if self.head == 0 {
            diags.push(
                Diagnostic::error(rel, "config", crate::t!("search-head-zero"))
                    .help(crate::t!("search-head-zero-help")),
            );
        }
    }
}

impl super::Cluster {
    /// True when the cluster gets a search page and a search box: search is enabled in
    /// `zhanqun.yaml` (it is by default) and the theme has a `search.html` template.
    pub fn search_enabled(&self) -> bool {
        self.config.search.enabled && self.theme.templates.iter().any(|(name, _)| name == "search.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::ClusterConfig;

    fn cfg(yaml: &str) -> Result<ClusterConfig, serde_yaml_ng::Error> {
        serde_yaml_ng::from_str(&format!("name: x\nportal: p\n{yaml}"))
    }

    #[test]
    fn settings_have_defaults_and_reject_unknown_keys() {
        assert_eq!(cfg("").unwrap().search, SearchSettings::default());
        assert_eq!(cfg("search:\n").unwrap().search, SearchSettings::default());
        let s = cfg("search:\n  enabled: false\n  head: 100\n").unwrap().search;
        assert!(!s.enabled && s.head == 100);
        assert!(cfg("search:\n  heads: 1\n").unwrap_err().to_string().contains("heads"));
        let mut diags = Diagnostics::default();
        cfg("search:\n  head: 0\n").unwrap().search.validate(Path::new("zhanqun.yaml"), &mut diags);
        assert!(diags.has_errors());
    }
}
