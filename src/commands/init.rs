//! `zhanqun init DIR`: a working cluster skeleton from the embedded convention.
//!
//! The skeleton has settings and a portal site, and no theme files: every template and static
//! file comes from the built-in theme until the cluster overrides it (`zhanqun theme eject`),
//! so later fixes to the built-in theme reach the cluster. It has no page: a page written here
//! would be placeholder text published unnoticed. Editors create pages with `zhanqun new`,
//! which leaves a marker line the build refuses until the body is written.

use crate::load::EMBEDDED_COLUMNS;
use std::path::{Path, PathBuf};

/// Why a skeleton could not be created.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The target directory already holds files.
    #[error("{}", crate::t!("init-not-empty", path = .0.display().to_string()))]
    NotEmpty(PathBuf),
    /// Writing failed.
    #[error("{}", crate::t!("pipeline-cannot-write", path = .path.display().to_string()))]
    Io {
        /// File being written.
        path: PathBuf,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
}

/// The skeleton's `zhanqun.yaml`, with comments saying how to add pages and build.
const CONFIG: &str = include_str!("skeleton/zhanqun.yaml");
/// The skeleton's portal site, with example codes to replace.
const PORTAL: &str = include_str!("skeleton/portal.yaml");

/// What a build and a check leave in the cluster and must not be committed: the output, its
/// staging directories, the build cache and the check dashboard.
const GITIGNORE: &str = "/public/\n/.public.*\n/.zhanqun-cache/\n/check-report.html\n";

/// Writes a new cluster into `dir` (created if absent, refused if not empty).
pub fn init(dir: &Path) -> Result<(), InitError> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    let files: Vec<(PathBuf, &[u8])> = vec![
        ("zhanqun.yaml".into(), CONFIG.as_bytes()),
        ("columns.yaml".into(), EMBEDDED_COLUMNS.as_bytes()),
        ("sites/portal.yaml".into(), PORTAL.as_bytes()),
        (".gitignore".into(), GITIGNORE.as_bytes()),
    ];
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        let io = |source| InitError::Io { path: path.clone(), source };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, bytes).map_err(io)?;
    }
    let content = dir.join("content/portal");
    std::fs::create_dir_all(&content).map_err(|source| InitError::Io { path: content, source })?;
    Ok(())
}
