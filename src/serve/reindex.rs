//! The search index of the served output, brought up to date after edits changed pages' texts,
//! titles, dates or places — on a background thread, from a snapshot of the graph and texts,
//! once the editor paused, so that the next save is never kept waiting for it. The index's
//! ranking depends on every page (BM25's document frequencies and lengths), but a
//! [`LiveIndex`] keeps what it made of the pages between updates, and tokenizes and scores
//! again only what the edits changed. The main loop then adopts the files it wrote ([`adopt`]).

use crate::assemble::SiteGraph;
use crate::emit::{FileEntry, ManifestIndex};
use crate::parse::{FrontMatter, Page};
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
/// for the next update, and the files written. It runs on a pool of its own, whose threads
/// yield the processor to the others ([`lower_priority`]): the next edit's pages, rendered on
/// the shared pool, never wait behind the indexing tasks, and the index uses every core the
/// edits leave idle.
pub(crate) fn build(job: Job<'_>) -> (LiveIndex, Written) {
    let Job { graph, texts, settings, out, mut index } = job;
    // A copy of its own of what the index reads, made at once: the next edit changes the
    // live graph in place, and while the snapshot is shared it would copy the whole graph
    // first, with the editor waiting for the page. Only the pages' few indexed fields are
    // copied (the whole graph took a few hundred milliseconds at 100,000 pages).
    let copied = std::time::Instant::now();
    let graph = search_view(&graph);
    let copied = copied.elapsed();
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(std::thread::available_parallelism().map_or(1, usize::from))
        .start_handler(|_| lower_priority())
        .build()
    {
        Ok(pool) => pool,
        Err(e) => return (index, Err(std::io::Error::other(e))),
    };
    let written = pool.install(|| {
        let writer = search::DirOutput::new(&out);
        let mut stats =
            index.update(&graph, &texts, &settings, &writer).map_err(|e| std::io::Error::other(e.to_string()))?;
        stats.timings.insert(0, ("  search: copy", copied));
        Ok((writer.take_written()?, stats))
    });
    (index, written)
}

/// The graph as the search index reads it ([`search::LiveIndex::update`]): the cluster, and
/// each page's place, URL, title, date, 体裁分类 and 文号; everything else is left empty.
fn search_view<'c>(g: &SiteGraph<'c>) -> SiteGraph<'c> {
    use rayon::prelude::*;
    let pages = g.pages.par_iter().map(search_page).collect();
    SiteGraph {
        cluster: g.cluster,
        pages,
        lists: Vec::new(),
        neighbours: Vec::new(),
        single: Vec::new(),
        assets: Vec::new(),
        urls: Default::default(),
        by_src: Default::default(),
        catalog: Default::default(),
        letters: Default::default(),
        topics: Default::default(),
    }
}

/// The fields of `p` the search index reads (see [`search_view`]).
fn search_page(p: &Page) -> Page {
    let m = &p.meta;
    Page {
        site: p.site,
        column: p.column,
        url: p.url.clone(),
        src: PathBuf::new(),
        body_offset: 0,
        meta: Box::new(FrontMatter {
            doc_number: m.doc_number.clone(),
            genre: m.genre.clone(),
            draft: m.draft,
            ..FrontMatter::titled(m.title.clone(), m.date)
        }),
        reply: None,
        files: Vec::new(),
    }
}

/// Lowers the scheduling priority of the calling thread (Linux: its nice value, per thread),
/// so that a reindex takes only the processor time the next edit's render leaves.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority have no preconditions; setpriority on the calling
    // thread's id changes only that thread's nice value, and a failure leaves it as it was.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, REINDEX_NICE);
    }
}

/// The nice value of the reindex threads.
#[cfg(target_os = "linux")]
const REINDEX_NICE: libc::c_int = 10;

/// Removes the directory `dir` of `out` in the background: it is moved at once out of the
/// served directory, beside it (a new index may take its name again, and the served files
/// stay those of a clean build), and its thousands of files are removed by a thread of their
/// own (seconds on a busy disk) while the files held back are served. Where it cannot be
/// moved (`out` a mount point), it is removed here.
fn discard(out: &Path, dir: &str) {
    static DISCARDED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = DISCARDED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let trash = match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) => {
            parent.join(format!(".{}.discarded-{}-{n}", name.to_string_lossy(), std::process::id()))
        }
        _ => out.join(dir),
    };
    if trash == out.join(dir) || std::fs::rename(out.join(dir), &trash).is_err() {
        let _ = std::fs::remove_dir_all(out.join(dir));
        return;
    }
    let removal = std::thread::Builder::new().name("discard".into()).spawn({
        let trash = trash.clone();
        move || {
            lower_priority();
            let _ = std::fs::remove_dir_all(trash);
        }
    });
    if removal.is_err() {
        let _ = std::fs::remove_dir_all(trash);
    }
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
            discard(out, &dir);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::indexer_tests::{Files, basic, built, differing, graph, text};

    #[test]
    fn the_search_view_indexes_as_the_whole_graph() {
        let (cluster, pages, sources) = basic();
        let g = graph(&cluster, pages, &sources);
        assert!(g.pages.iter().any(|p| p.meta.genre.is_some()) && g.pages.iter().any(|p| p.meta.doc_number.is_some()));
        let texts: Vec<Option<Arc<PageText>>> = (0..g.pages.len()).map(|i| Some(Arc::new(text(i)))).collect();
        let view = search_view(&g);
        let files = Files::default();
        let stats = LiveIndex::new().update(&view, &texts, &Settings::default(), &files).unwrap();
        let mut all = files.0.into_inner().unwrap();
        all.retain(|k, _| k == "search/index.json" || k.starts_with(&format!("search/{}/", stats.dir)));
        let whole = built(&g, texts.iter().map(|t| t.as_deref().cloned()).collect());
        assert_eq!(differing(&all, &whole), [] as [&str; 0]);
    }

    #[test]
    fn a_discarded_index_leaves_the_served_directory_at_once_and_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(out.join("search/v-old/h")).unwrap();
        std::fs::write(out.join("search/v-old/h/0.bin"), b"x").unwrap();
        std::fs::write(out.join("search/index.json"), b"{}").unwrap();
        discard(&out, "search/v-old");
        assert!(!out.join("search/v-old").exists());
        assert!(out.join("search/index.json").exists());
        let left = || std::fs::read_dir(tmp.path()).unwrap().count();
        let waited = std::time::Instant::now();
        while left() > 1 && waited.elapsed() < std::time::Duration::from_secs(10) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(left(), 1, "the discarded directory is removed beside the output");
    }
}
