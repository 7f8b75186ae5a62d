//! What git prints on stderr in the cases `catalog diff --git` explains in its own words: data
//! matched against git's output, not messages.

/// git's answer when the directory is outside every repository.
pub(super) const NOT_A_REPOSITORY: &str = "not a git repository";
/// git's answer when `<commit>:<dir>` names no tree.
pub(super) const BAD_OBJECT: &str = "Not a valid object name";
