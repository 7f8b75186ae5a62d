//! The cluster's one search (统一检索), built at build time into static files under
//! `public/search/` that any static host serves, and queried in the browser by
//! `static/js/search.js`.
//!
//! Data flow: each page's searchable text is read from its rendered HTML, right before the
//! rewrite stage, which changes attribute values only, so the text is the final page's
//! ([`extract`]), and handed at once to the [`Indexer`]. The indexer numbers the pages before
//! the render (by site, column, year, genre and date; the build renders pages in this order)
//! and tokenizes each group of consecutive pages as soon as its last text arrives: it segments
//! the text ([`segment`]), counts the terms and writes the group's text file, so texts never
//! pile up and the tokenizing shares the render's cores. After the render,
//! [`Indexer::finish`] (run beside the site maps and feeds) merges the groups' postings
//! (`index`), computes BM25 impacts ([`score`]), writes the postings as hashed head shards and
//! range-readable tails (`shard`), the result metadata (`store`), one file per filter value
//! (`facets`), `tables.bin` and `search/index.json`, which ties them together. `merge` and
//! `serve`, which have every text at once, use the same indexer through [`build`].
//!
//! Everything is a pure function of the pages: the files are byte-identical at any thread
//! count.

mod cached;
mod codec;
pub mod extract;
mod facets;
mod groups;
mod index;
mod indexer;
mod kept;
/// The index's test fixtures, for the tests of `serve`'s reindex.
#[cfg(test)]
pub(crate) use indexer::tests as indexer_tests;
mod live;
pub mod part;
pub mod score;
pub mod segment;
mod shard;
mod store;
mod terms;

pub use extract::PageText;
pub use indexer::{GroupStore, Indexer};
pub use kept::{KeptIndex, KeptRead, KeptWrite};
pub use live::LiveIndex;
pub use part::{PartError, PartOutput, merge_parts};

use crate::assemble::SiteGraph;
pub use crate::assemble::{FilterValues, SEARCH_URL};
pub use crate::load::SearchSettings as Settings;
use serde::Serialize;

/// Version of the file format `search.js` reads; bumped on any incompatible change.
pub const FORMAT: u32 = 5;
/// Smallest uncompressed size a head shard is made for (fewer, larger shards below it).
const SHARD_MIN_BYTES: usize = 4 * 1024;
/// Search files allowed per page: 1%, so that a CDN's file-count cap is never reached
/// because of search…
const FILES_PER_PAGE: f64 = 0.01;
/// …but never fewer than this many (small clusters).
const MIN_FILE_BUDGET: usize = 1000;
/// Share of the file budget given to metadata chunks; the rest goes to head shards. A query
/// reads about six shards and ten chunks, so this balances their sizes.
const CHUNK_SHARE: f64 = 0.55;
/// Fewest and most pages per metadata chunk.
const CHUNK_PAGES: (usize, usize) = (64, 1024);
/// Size at which a tail file is closed and the next one started.
const TAIL_FILE_BYTES: usize = 16 * 1024 * 1024;
/// About how many pages' texts a text file holds, at most (they are also tokenized together;
/// where each group starts: [`groups`]).
const TEXT_FILE_PAGES: usize = 4096;

/// Why the index could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Compressing or serialising a file failed.
    #[error("{}", crate::t!("search-cannot-encode", error = .0.to_string()))]
    Encode(#[from] std::io::Error),
    /// A tokenized group the build cache holds, taken for this build, could not be read at
    /// the end of it (the file was damaged or removed meanwhile); it is forgotten there.
    #[error("{}", crate::t!("search-kept-group-unreadable"))]
    KeptGroup,
    /// The search index the build cache kept could not be read as the index was written from
    /// it (the file was damaged meanwhile); it is forgotten there.
    #[error("{}", crate::t!("search-kept-index-unreadable"))]
    KeptIndex,
}

/// Figures about one index, for `--verbose` and benchmarks.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Pages indexed.
    pub pages: usize,
    /// Distinct terms.
    pub terms: usize,
    /// Postings kept (heads and tails).
    pub postings: u64,
    /// Tails whose presence is stored gzipped.
    pub packed: usize,
    /// Head shards.
    pub shards: usize,
    /// Pages per metadata chunk.
    pub chunk: usize,
    /// Files written under `search/`.
    pub files: usize,
    /// Bytes written under `search/`.
    pub bytes: u64,
    /// Bytes of head shards (gzipped).
    pub head_bytes: u64,
    /// Bytes of tail files.
    pub tail_bytes: u64,
    /// Bytes of metadata chunks (gzipped).
    pub meta_bytes: u64,
    /// Bytes of text files.
    pub text_bytes: u64,
    /// Groups of pages tokenized as their last text arrived (the rest: by `finish`).
    pub early_groups: usize,
    /// Groups taken from the build cache (or kept by `serve`), their pages unchanged since
    /// they were tokenized.
    pub reused_groups: usize,
    /// Groups of a cached build that only a few pages of changed: those pages tokenized and
    /// spliced into the group the cache kept.
    pub spliced_groups: usize,
    /// The pages tokenized for them.
    pub spliced_pages: usize,
    /// Groups of a [`LiveIndex`] update whose pages moved (a page added, removed or re-dated
    /// before or among them), made from their pages' postings before instead of tokenized.
    pub composed_groups: usize,
    /// Terms scored afresh by an update (of a [`LiveIndex`], or of the index kept by the build
    /// cache) that kept the others' postings; `None` when every term was scored.
    pub rescored: Option<usize>,
    /// Terms of the pages changed, added, removed or re-dated by an update (of a [`LiveIndex`],
    /// or of the index kept by the build cache) whose postings were patched (the pages'
    /// postings or impacts taken out and put in) rather than scored.
    pub patched: usize,
    /// Thread time spent tokenizing those groups, during the render.
    #[serde(skip)]
    pub early_tokenize: std::time::Duration,
    /// The versioned directory written, `v-…` (under `search/`).
    pub dir: String,
    /// Wall time of each step of `finish`.
    #[serde(skip)]
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Where the search files go (the build's staging directory), used from several threads.
pub trait Output: Sync {
    /// Writes `bytes` at `path` (relative to the output root, `search/…`); returns their
    /// SHA-256 in hex.
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<String>;
    /// Renames the directory `from` (relative to the output root), with every file written
    /// into it, to `to`.
    fn rename_dir(&self, from: &str, to: &str) -> std::io::Result<()>;
    /// Writes at `to` the file at `from` (both relative to the output root), written before
    /// with SHA-256 `sha` and `len` bytes, without reading it where the output can (a hard
    /// link). An output that cannot fails, and the caller writes the bytes instead.
    fn copy(&self, from: &str, to: &str, sha: &str, len: u64) -> std::io::Result<()> {
        let _ = (from, to, sha, len);
        Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
    }
    /// Writes at `to` the file `from` (a path outside the output: a group's text file kept by
    /// the build cache), whose SHA-256 is `sha` and length `len`, without reading it where the
    /// output can (a hard link, else a copy). An output that cannot fails, and the caller
    /// writes the bytes instead.
    fn link(&self, from: &std::path::Path, to: &str, sha: &str, len: u64) -> std::io::Result<()> {
        let _ = (from, to, sha, len);
        Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
    }
}

/// The [`Output`] of the build, `merge` and `serve`: files written atomically under a
/// directory (a staging tree, or the served output), listed for the manifest. Renaming the
/// versioned directory replaces one of the same name (the same contents) left by an earlier
/// index in the served output.
pub struct DirOutput<'a> {
    root: &'a std::path::Path,
    written: std::sync::Mutex<Vec<crate::emit::FileEntry>>,
}

impl<'a> DirOutput<'a> {
    /// Writes under `root`.
    pub fn new(root: &'a std::path::Path) -> DirOutput<'a> {
        DirOutput { root, written: std::sync::Mutex::new(Vec::new()) }
    }

    /// The files written so far, with their final paths (taken: a second call returns those
    /// written since).
    pub fn take_written(&self) -> std::io::Result<Vec<crate::emit::FileEntry>> {
        Ok(std::mem::take(&mut *self.entries()?))
    }

    /// Puts at `to` a hard link to `from` (with `or_copy`, a copy where links are not
    /// possible, as across file systems), listed with SHA-256 `sha` and `len` bytes. A file
    /// already at `to` is unlinked first, never written through.
    fn put_linked(&self, from: &std::path::Path, to: &str, sha: &str, len: u64, or_copy: bool) -> std::io::Result<()> {
        let target = self.root.join(to);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        match std::fs::remove_file(&target) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        match std::fs::hard_link(from, &target) {
            Err(_) if or_copy => drop(std::fs::copy(from, &target)?),
            linked => linked?,
        }
        self.entries()?.push(crate::emit::FileEntry { path: to.to_string(), size: len, sha256: sha.to_string() });
        Ok(())
    }

    fn entries(&self) -> std::io::Result<std::sync::MutexGuard<'_, Vec<crate::emit::FileEntry>>> {
        self.written.lock().map_err(|_| std::io::Error::other(crate::t!("search-writer-panicked")))
    }
}

impl Output for DirOutput<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<String> {
        crate::emit::replace_file(self.root, path, bytes)?;
        let entry = crate::emit::file_entry(path, bytes);
        let sha = entry.sha256.clone();
        self.entries()?.push(entry);
        Ok(sha)
    }

    fn copy(&self, from: &str, to: &str, sha: &str, len: u64) -> std::io::Result<()> {
        self.put_linked(&self.root.join(from), to, sha, len, false)
    }

    fn link(&self, from: &std::path::Path, to: &str, sha: &str, len: u64) -> std::io::Result<()> {
        self.put_linked(from, to, sha, len, true)
    }

    fn rename_dir(&self, from: &str, to: &str) -> std::io::Result<()> {
        let target = self.root.join(to);
        if target.exists() {
            std::fs::remove_dir_all(&target)?;
        }
        std::fs::rename(self.root.join(from), target)?;
        let (from, to) = (format!("{from}/"), format!("{to}/"));
        for e in self.entries()?.iter_mut() {
            if let Some(rest) = e.path.strip_prefix(&from) {
                e.path = format!("{to}{rest}");
            }
        }
        Ok(())
    }
}

/// Where the versioned directory is written before its name (the hash of its contents) is
/// known.
const PENDING_DIR: &str = "search/v-pending";

/// `search/index.json`: what the browser reads first (uncached).
#[derive(Serialize)]
struct IndexJson {
    format: u32,
    dir: String,
    pages: usize,
    shards: usize,
    chunk: usize,
    /// The first page id of each metadata chunk `m/<n>.bin`.
    starts: Vec<u32>,
    head: usize,
    impact: [f64; 2],
}

/// `tables.bin` (gzipped JSON): names and numbers the results and filters need.
#[derive(Serialize)]
struct Tables<'a> {
    sites: Vec<(&'a str, &'a str, &'a str, u32, u32)>,
    columns: &'a [(String, String)],
    years: &'a [i32],
    genres: &'a [String],
}

/// Builds the search files for the pages of `g` into `out`; `texts[i]` is the text read from
/// the final HTML of page `i` (pages of themes that mark nothing are indexed by title). The
/// texts are handed to an [`Indexer`] from every thread, which tokenizes them group by group
/// and drops them as their text files are written.
///
/// Layout under `search/`: `index.json`, and a directory named by the hash of its contents,
/// `v-…/`, so that a cached file can never be mixed with another build's: head shards
/// `h/<n>.bin`, tail files `t/<n>.bin`, metadata chunks `m/<n>.bin`, text files `x/<n>.bin`,
/// filter ranges `f/*.json` and `tables.bin`.
pub fn build(
    g: &SiteGraph<'_>,
    texts: Vec<Option<PageText>>,
    settings: &Settings,
    out: &dyn Output,
) -> Result<Stats, SearchError> {
    use rayon::prelude::*;
    let indexer = Indexer::new(g, settings, out);
    texts.into_par_iter().enumerate().for_each(|(i, text)| {
        if let Some(text) = text {
            indexer.add(i, text);
        }
    });
    indexer.finish()
}
