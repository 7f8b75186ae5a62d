//! Why a build failed.

use crate::diagnostic::Diagnostic;
use crate::{emit, search};

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The input has errors; every finding is listed (warnings too).
    #[error("{}", crate::t!("pipeline-invalid", count = .0.iter().filter(|d| d.is_error()).count()))]
    Invalid(Vec<Diagnostic>),
    /// The output could not be written.
    #[error("{context}{}{}", crate::t!("cli-error-cause-separator"), crate::messages::io_reason(.source))]
    Io {
        /// What was being done.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The output directory would destroy something that is not a previous build.
    #[error(transparent)]
    UnsafeOutput(#[from] emit::UnsafeOutput),
    /// The cache directory (`--cache-dir`) lies where a build would replace or read it as input.
    #[error("{}", crate::t!("pipeline-unsafe-cache-dir", path = .path.display().to_string(), why = .why.as_str()))]
    UnsafeCacheDir {
        /// The cache directory.
        path: std::path::PathBuf,
        /// Why it is refused.
        why: String,
    },
    /// The thread pool could not be created.
    #[error("{}", crate::t!("pipeline-threads", count = *.0))]
    Threads(usize),
    /// The search index could not be built.
    #[error(transparent)]
    Search(#[from] search::SearchError),
    /// The 繁體 view could not be written.
    #[error(transparent)]
    Hant(#[from] crate::hant::HantError),
}

pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> BuildError {
    let context = context.into();
    move |source| BuildError::Io { context, source }
}
