//! Words reviewers write in commit messages: data matched, not messages.

/// The keys of a review line (`Reviews: <commit>`, `审核: <commit>`).
pub(super) const REVIEW_KEYS: [&str; 2] = ["Reviews", "审核"];
