//! The search index of the served output, brought up to date after edits changed pages' texts,
//! titles, dates or places — on a background thread, from a snapshot of the graph and texts,
//! once the editor paused, so that the next save is never kept waiting for it. The index's
//! ranking depends on every page (BM25's document frequencies and lengths), but a
//! [`LiveIndex`] keeps what it made of the pages between updates, and tokenizes and scores
//! again only what the edits changed. The main loop then adopts the files it wrote ([`adopt`]).

use crate::assemble::SiteGraph;
use crate::emit::{FileEntry, ManifestIndex};
use crate::search::{self, LiveIndex, PageText, Settings};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A snapshot to build the index from.
pub(crate) struct Job<'c> {
    /// The graph as it was (shared until [`build`] copies it).
    pub(crate) graph: Arc<SiteGraph<'c>>,
    /// Each page's text, in page order.
    pub(crate) texts: Vec<Option<Arc<PageText>>>,
    /// The search settings.
    pub(crate) settings: Settings,
    /// The served directory.
    pub(crate) out: PathBuf,
    /// The index as the last update left it.
    pub(crate) index: LiveIndex,
}

/// What a reindex did: the files it wrote, and its figures.
pub(crate) type Written = std::io::Result<(Vec<FileEntry>, search::Stats)>;

/// Brings the index of the snapshot in its directory up to date; returns the index, to keep
/// for the next update, and the files written. It runs on a pool of its own with one thread:
/// the shared pool stays free for the next edit's pages, which would otherwise wait behind
/// the indexing tasks.
pub(crate) fn build(job: Job<'_>) -> (LiveIndex, Written) {
    let Job { graph, texts, settings, out, mut index } = job;
    // A copy of its own, made at once: the next edit changes the live graph in place, and
    // while the snapshot is shared it would copy the whole graph first, with the editor
    // waiting for the page.
    let shared = graph;
    let graph = SiteGraph::clone(&shared);
    drop(shared);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool,
        Err(e) => return (index, Err(std::io::Error::other(e))),
    };
    let written = pool.install(|| {
        let writer = search::DirOutput::new(&out);
        let stats =
            index.update(&graph, &texts, &settings, &writer).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok((writer.take_written()?, stats))
    });
    (index, written)
}

/// Records the files a reindex wrote in `files` and removes those of the index it replaced
/// (the versioned directories under `search/`; `search/index.html` is the results page, a
/// rendered job). Returns the number of files changed.
pub(crate) fn adopt(out: &Path, written: Vec<FileEntry>, files: &mut ManifestIndex) -> usize {
    let new: HashSet<&str> = written.iter().map(|e| e.path.as_str()).collect();
    let mut changed = 0;
    let mut old_dirs = HashSet::new();
    for path in files.paths_under("search/v-") {
        if !new.contains(path.as_str()) {
            if let Some(dir) = path.strip_prefix("search/").and_then(|r| r.split('/').next()) {
                old_dirs.insert(format!("search/{dir}"));
            }
            files.remove(&path);
            changed += 1;
        }
    }
    for dir in old_dirs {
        if !new.iter().any(|p| p.starts_with(&format!("{dir}/"))) {
            let _ = std::fs::remove_dir_all(out.join(&dir));
        }
    }
    for e in written {
        if files.get(&e.path) != Some(&e) {
            files.insert(e);
            changed += 1;
        }
    }
    changed
}
