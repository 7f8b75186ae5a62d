//! Writes the whole 繁體 view: every HTML page the build wrote, converted by [`hant_page`] and
//! written again under [`PREFIX`]. It reads the final pages back from the staging tree, so it
//! is the same whether a page was rendered now or reused from the build cache.

use super::{HantError, PREFIX, hant_page};
use crate::emit::{FileEntry, Staging};
use rayon::prelude::*;

/// Converts the HTML pages among `written` (paths relative to the staging root; the search
/// index and the view itself are skipped) and writes them under `zh-hant/`, in parallel.
/// Returns the new files' entries, in the order of `written`.
pub fn write_view(staging: &Staging, written: &[FileEntry], base_path: &str) -> Result<Vec<FileEntry>, HantError> {
    crate::parallel::uneven(written.par_iter(), crate::parallel::PAGES_PER_TASK)
        .filter(|e| e.path.ends_with(".html") && !e.path.starts_with(PREFIX))
        .map(|e| {
            let io = |source| HantError::Io { path: e.path.clone(), source };
            let html = std::fs::read(staging.dir().join(&e.path)).map_err(io)?;
            let hant = hant_page(&html, base_path)?;
            staging.write(&format!("{PREFIX}{}", e.path), &hant).map_err(io)
        })
        .collect()
}
