//! Data: the written forms the editor's form validates, as the build reads them.

/// A 文号 with its year in 〔〕 (NORMS.md §4), as `check` requires
/// ([`crate::check::doc_number_fix`] reports any other brackets).
pub(super) const DOC_NUMBER_PATTERN: &str = "〔[0-9]{4}〕";

/// git's own words on a repository without commits (`git log` exits 128 with them).
pub(super) const NO_COMMITS_YET: &str = "does not have any commits";
