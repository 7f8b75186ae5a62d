//! The search index of the served output, built again after an edit changed a page's text,
//! a page's place, or the set of pages. The index's ranking depends on every page (BM25's
//! document frequencies and lengths), so it is rebuilt whole from the texts kept in memory —
//! after the browser tabs were told to reload, so an edit's preview never waits for it.

use crate::assemble::SiteGraph;
use crate::emit::{self, FileEntry, ManifestIndex};
use crate::search::{self, PageText, Settings};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The served directory as the search builder's output: files are written in place, the
/// versioned directory is renamed over an earlier one with the same name (same contents).
struct InPlace<'a> {
    out: &'a Path,
    written: Mutex<Vec<FileEntry>>,
}

impl search::Output for InPlace<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<String> {
        emit::replace_file(self.out, path, bytes)?;
        let entry = emit::file_entry(path, bytes);
        let sha = entry.sha256.clone();
        self.written.lock().map_err(|_| std::io::Error::other("a search writer panicked"))?.push(entry);
        Ok(sha)
    }

    fn rename_dir(&self, from: &str, to: &str) -> std::io::Result<()> {
        let target: PathBuf = self.out.join(to);
        if target.exists() {
            std::fs::remove_dir_all(&target)?;
        }
        std::fs::rename(self.out.join(from), target)?;
        let (from, to) = (format!("{from}/"), format!("{to}/"));
        for e in self.written.lock().map_err(|_| std::io::Error::other("a search writer panicked"))?.iter_mut() {
            if let Some(rest) = e.path.strip_prefix(&from) {
                e.path = format!("{to}{rest}");
            }
        }
        Ok(())
    }
}

/// Builds the index of `graph`'s pages from `texts` (by page URL) into `out`, removes the
/// files of the index it replaces and updates `files`. Returns the output files changed.
pub(super) fn reindex(
    graph: &SiteGraph<'_>,
    texts: &HashMap<String, PageText>,
    settings: &Settings,
    out: &Path,
    files: &mut ManifestIndex,
) -> Result<Vec<String>, std::io::Error> {
    let by_page: Vec<Option<PageText>> = graph.pages.iter().map(|p| texts.get(&p.url).cloned()).collect();
    let writer = InPlace { out, written: Mutex::new(Vec::new()) };
    search::build(graph, by_page, settings, &writer).map_err(|e| std::io::Error::other(e.to_string()))?;
    let written = writer.written.into_inner().map_err(|_| std::io::Error::other("a search writer panicked"))?;
    let new: HashSet<&str> = written.iter().map(|e| e.path.as_str()).collect();
    let mut changed = Vec::new();
    let mut old_dirs = HashSet::new();
    // Only the versioned directories: `search/index.html` is the results page, a rendered job.
    for path in files.paths_under("search/v-") {
        if !new.contains(path.as_str()) {
            if let Some(dir) = path.strip_prefix("search/").and_then(|r| r.split('/').next()) {
                old_dirs.insert(format!("search/{dir}"));
            }
            let _ = std::fs::remove_file(out.join(&path));
            files.remove(&path);
            changed.push(path);
        }
    }
    for dir in old_dirs {
        if !new.iter().any(|p| p.starts_with(&format!("{dir}/"))) {
            let _ = std::fs::remove_dir_all(out.join(&dir));
        }
    }
    for e in written {
        if files.get(&e.path) != Some(&e) {
            changed.push(e.path.clone());
            files.insert(e);
        }
    }
    Ok(changed)
}
