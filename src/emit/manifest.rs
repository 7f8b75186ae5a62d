//! `manifest.json`: every output file with its size and SHA-256, for incremental uploads and
//! tamper checks.

use serde::Serialize;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FileEntry {
    /// Path relative to the output root, `/`-separated.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Lowercase hex SHA-256.
    pub sha256: String,
}

/// The manifest document (format version 1).
#[derive(Debug, Serialize)]
pub struct Manifest {
    /// Format version.
    pub version: u32,
    /// Number of files.
    pub count: usize,
    /// Total bytes.
    pub bytes: u64,
    /// Files sorted by path.
    pub files: Vec<FileEntry>,
}

impl Manifest {
    /// A manifest of `files`, sorted by path.
    pub fn new(mut files: Vec<FileEntry>) -> Manifest {
        files.sort();
        Manifest { version: 1, count: files.len(), bytes: files.iter().map(|f| f.size).sum(), files }
    }

    /// Pretty JSON, one file per line group, stable across runs.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}
