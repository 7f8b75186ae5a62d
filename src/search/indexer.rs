//! The index built while the pages render: the pages are numbered before the render, each
//! page's text is handed over as soon as its HTML is made ([`Indexer::add`]), and each group
//! of consecutive pages is tokenized, and its text file written, by the thread that hands
//! over the group's last text. The build renders pages in index order, so groups complete
//! one after another: the texts never pile up through the render (a 100,000-page cluster
//! holds over 400 MB of them) and the tokenizing fills the render's cores instead of
//! following it. [`Indexer::finish`] then merges the groups' postings, scores them and
//! writes the remaining files.

use super::cached::Want;
use super::index::{self, Chunk, Source, Split, TermPostings};
use super::{CHUNK_PAGES, CHUNK_SHARE, FILES_PER_PAGE, FORMAT, MIN_FILE_BUDGET, PENDING_DIR, SHARD_MIN_BYTES};
use super::{FilterValues, Output, PageText, SearchError, Settings, Stats};
use super::{TAIL_FILE_BYTES, codec, facets, score, shard, store};
use crate::assemble::SiteGraph;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

// A group is at most groups::MOST pages.
const _: () = assert!(super::groups::MOST <= index::GROUP_MAX);

/// One group of consecutive pages (one text file, or in a shard one piece of it) on its way
/// to a [`Chunk`].
#[derive(Default)]
struct Group {
    /// First page id of the group.
    start: u32,
    /// Pages in the group.
    len: u32,
    /// Texts handed over so far, by position in the group (allocated with the first one).
    texts: Vec<Option<PageText>>,
    /// Pages whose text has not been handed over.
    left: usize,
    /// The group's postings, once tokenized.
    chunk: Option<Chunk>,
    /// Taken from the store ([`Indexer::keep_groups`]): its chunk is read there when needed.
    reused: bool,
    /// Kept in the store before with only a few pages changed since: only those are tokenized.
    splice: Option<Splice>,
}

impl Group {
    /// Whether the text of the page at position `at` is wanted: not when the group is spliced
    /// and that page did not change.
    fn wants(&self, at: u32) -> bool {
        self.splice.as_ref().is_none_or(|s| s.changed.binary_search(&at).is_ok())
    }
}

/// A group the store kept before whose pages, but a few, have the keys they had then
/// ([`Indexer::keep_groups`]): only the pages changed since are tokenized, each alone, and
/// spliced into the group kept then ([`index::splice_group`]); its text file is the one kept
/// then with those pages' texts replaced. A body edit then reads and tokenizes one page
/// instead of the thousands of its group.
struct Splice {
    /// The key the group was kept under.
    was: String,
    /// Positions in the group of the pages changed since, ascending.
    changed: Vec<u32>,
}

/// How many files and pages the index of `pages` pages is cut into: a pure function of the
/// page count, so that `merge` lays out the same files as the single build. (The groups of
/// pages, and text files, are cut where the pages' URLs say: [`Plan::groups`].)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Pages indexed.
    pub pages: usize,
    /// Files allowed under `search/`.
    pub budget: usize,
    /// Pages per metadata chunk (fewer in a group's last chunk: a chunk never spans two
    /// groups, so that it names one text file).
    pub chunk: usize,
}

impl Layout {
    /// The layout of an index of `pages` pages. The file budget: metadata chunks get
    /// CHUNK_SHARE of it, head shards the rest.
    pub(crate) fn of(pages: usize) -> Layout {
        let budget = MIN_FILE_BUDGET.max((pages as f64 * FILES_PER_PAGE) as usize);
        let chunk = (pages as f64 / (budget as f64 * CHUNK_SHARE)).ceil() as usize;
        let chunk = chunk.clamp(CHUNK_PAGES.0, CHUNK_PAGES.1);
        Layout { pages, budget, chunk }
    }
}

/// What the index needs of the cluster beside its pages' postings and records: the same in
/// every shard of one build, so that `merge` needs nothing else.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Plan {
    /// Pages indexed, in the whole cluster.
    pub pages: usize,
    /// `search.head`.
    pub head: usize,
    /// `search.unigram_tails`.
    pub unigram_tails: bool,
    /// Every site: (id, name, path).
    pub sites: Vec<(String, String, String)>,
    /// The first page id of each site (its pages are numbered one after another).
    pub site_starts: Vec<u32>,
    /// The filter values: column paths with their labels, years, genres.
    pub columns: Vec<(String, String)>,
    /// Every year a page was published, newest first.
    pub years: Vec<i32>,
    /// Every 体裁分类 used, sorted.
    pub genres: Vec<String>,
    /// The first page id of each group of pages ([`super::groups::starts`]).
    pub groups: Vec<u32>,
}

/// Where the files of an index go, each recorded with its hash for the name of the versioned
/// directory.
pub(crate) struct Writer<'o> {
    out: &'o dyn Output,
    written: Mutex<Vec<(String, String, u64)>>,
}

impl<'o> Writer<'o> {
    pub(crate) fn new(out: &'o dyn Output) -> Writer<'o> {
        Writer { out, written: Mutex::new(Vec::new()) }
    }

    /// Writes `bytes` at `rel` in the versioned directory.
    pub(crate) fn put(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        let sha = self.out.write(&format!("{PENDING_DIR}/{rel}"), bytes)?;
        lock(&self.written).push((rel.to_string(), sha, bytes.len() as u64));
        Ok(())
    }

    /// The name of text file `k`.
    pub(crate) fn text_file(k: usize) -> String {
        format!("x/{k}.bin")
    }

    /// Writes `bytes` at `rel` in the versioned directory; returns their SHA-256 in hex.
    pub(crate) fn put_sha(&self, rel: &str, bytes: &[u8]) -> std::io::Result<String> {
        let sha = self.out.write(&format!("{PENDING_DIR}/{rel}"), bytes)?;
        lock(&self.written).push((rel.to_string(), sha.clone(), bytes.len() as u64));
        Ok(sha)
    }

    /// Puts at `rel` in the versioned directory the file `from` outside the output, whose
    /// SHA-256 is `sha` and size `len`, without reading it (see [`Output::link`]).
    pub(crate) fn link(&self, from: &std::path::Path, rel: &str, sha: &str, len: u64) -> std::io::Result<()> {
        self.out.link(from, &format!("{PENDING_DIR}/{rel}"), sha, len)?;
        lock(&self.written).push((rel.to_string(), sha.to_string(), len));
        Ok(())
    }

    /// The SHA-256 and size of the file written at `rel` in the versioned directory.
    pub(crate) fn written_file(&self, rel: &str) -> Option<(String, u64)> {
        lock(&self.written).iter().find(|w| w.0 == rel).map(|w| (w.1.clone(), w.2))
    }

    /// Puts at `rel` in the versioned directory the file `from` (output-relative) of an earlier
    /// index, whose SHA-256 is `sha` and size `len`, without reading it (see [`Output::copy`]).
    pub(crate) fn copy(&self, from: &str, rel: &str, sha: &str, len: u64) -> std::io::Result<()> {
        self.out.copy(from, &format!("{PENDING_DIR}/{rel}"), sha, len)?;
        lock(&self.written).push((rel.to_string(), sha.to_string(), len));
        Ok(())
    }

    /// Merges and scores the postings of `chunks` (by first page id, covering every page once;
    /// the text files are written already), and writes every remaining file (see
    /// [`Writer::write_index`]). `records` are the pages in id order. The first step timed
    /// runs from `started`.
    pub(crate) fn finish(
        self,
        plan: &Plan,
        records: &[store::Record<'_>],
        chunks: Vec<Chunk>,
        mut stats: Stats,
        started: Instant,
    ) -> Result<Stats, SearchError> {
        let split = Split { head: plan.head, unigram_tails: plan.unigram_tails };
        let scoring = index::Scoring::of(&chunks, recency_of(records));
        let terms = index::invert(&chunks, &scoring, split)?;
        drop(chunks);
        let now = Instant::now();
        stats.timings.push(("  search: tokenize rest+invert", now - started));
        let shards = shard_count_of(plan, &terms);
        let mut kept = store::KeptChunks::new();
        let mut heads = shard::Owned(shard::distribute(terms, shards));
        self.write_index(plan, records, (&mut heads, None), &scoring, &mut kept, stats, now)
    }

    /// Writes every file but the text files, from the postings of each head shard, sorted by
    /// text (see [`shard::distribute`]; as many shards as [`shard_count`] gives; each shard's
    /// terms encoded handed to `keep` when given, see [`shard::write`]), scored by
    /// `scoring`: head shards `h/<n>.bin`, tail files `t/<n>.bin`, metadata chunks `m/<n>.bin`,
    /// filter ranges `f/*.json`, `tables.bin`, then names the versioned directory by the hash
    /// of its contents and writes `search/index.json`. `records` are the pages in id order.
    /// The metadata chunks `meta` holds are reused, and it is left holding these. The first
    /// step timed runs from `started`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn write_index(
        self,
        plan: &Plan,
        records: &[store::Record<'_>],
        (heads, keep): (&mut dyn shard::HeadSource, Option<&mut shard::KeepSink<'_>>),
        scoring: &index::Scoring,
        meta: &mut store::KeptChunks,
        mut stats: Stats,
        started: Instant,
    ) -> Result<Stats, SearchError> {
        use chrono::Datelike;
        let mut clock = started;
        let mut lap = |stats: &mut Stats, name: &'static str| {
            let now = Instant::now();
            stats.timings.push((name, now - clock));
            clock = now;
        };
        let layout = Layout::of(plan.pages);
        stats.pages = records.len();
        let shards = heads.count();
        let chunk = layout.chunk;
        let t2s = crate::hant::t2s_table_chunks();
        let impact_max = scoring.quantizer.max;
        let text_lens = &scoring.text_lens;
        let tails = |n, bytes: Vec<u8>| self.put(&format!("t/{n}.bin"), &bytes);
        let postings = shard::write(heads, TAIL_FILE_BYTES, &tails, keep)?;
        (stats.terms, stats.postings, stats.packed) = (postings.terms, postings.postings, postings.packed);
        stats.tail_bytes = postings.tail_bytes;
        lap(&mut stats, "  search: shards");
        let starts = store::chunk_starts(text_lens, chunk, &plan.groups);
        let meta_chunks = store::write_chunks(records, text_lens, &starts, meta)?;
        lap(&mut stats, "  search: metadata");

        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for (n, bytes) in postings.heads.into_iter().enumerate() {
            stats.head_bytes += bytes.len() as u64;
            files.push((format!("h/{n}.bin"), bytes));
        }
        for (n, bytes) in meta_chunks.into_iter().enumerate() {
            stats.meta_bytes += bytes.len() as u64;
            files.push((format!("m/{n}.bin"), bytes));
        }
        for (c, (path, _)) in plan.columns.iter().enumerate() {
            let prefix = format!("{path}/");
            let ids = records.iter().enumerate().filter_map(|(id, r)| {
                let p = &plan.columns[r.column].0;
                (p == path || p.starts_with(&prefix)).then_some(id as u32)
            });
            files.push((format!("f/c{c}.json"), facets::runs_json(&facets::runs(ids))));
        }
        let epoch = chrono::NaiveDate::default();
        let years: Vec<Option<i32>> = records
            .iter()
            .map(|r| epoch.checked_add_signed(chrono::TimeDelta::days(r.day)).map(|d| d.year()))
            .collect();
        for y in &plan.years {
            let ids = years.iter().enumerate().filter(|(_, py)| **py == Some(*y)).map(|(id, _)| id as u32);
            files.push((format!("f/y{y}.json"), facets::runs_json(&facets::runs(ids))));
        }
        for (k, _) in plan.genres.iter().enumerate() {
            let ids = records.iter().enumerate().filter(|(_, r)| r.genre == Some(k)).map(|(id, _)| id as u32);
            files.push((format!("f/g{k}.json"), facets::runs_json(&facets::runs(ids))));
        }
        let site_ranges: Vec<(&str, &str, &str, u32, u32)> = plan
            .sites
            .iter()
            .enumerate()
            .map(|(s, (id, name, path))| {
                let start = records.partition_point(|r| r.site < s);
                let end = records.partition_point(|r| r.site <= s);
                (id.as_str(), name.as_str(), path.as_str(), start as u32, end as u32)
            })
            .collect();
        let tables =
            super::Tables { sites: site_ranges, columns: &plan.columns, years: &plan.years, genres: &plan.genres };
        files.push(("tables.bin".into(), codec::gzip(&serde_json::to_vec(&tables).map_err(std::io::Error::other)?)?));
        // The Traditional → Simplified table the browser applies to a query, so a page is
        // found whichever script the query is typed in (the index holds the Simplified text).
        files.extend(t2s.into_iter().map(|(p, c)| (p, c.into_bytes())));
        files.par_iter().try_for_each(|(p, b)| self.put(p, b))?;

        // The directory's name: the hash of every file's path and hash, in path order.
        let mut all = self.written.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        all.sort();
        let mut hash = Sha256::new();
        for (path, sha, _) in &all {
            hash.update(path.as_bytes());
            hash.update([0]);
            hash.update(sha.as_bytes());
        }
        let digest = hash.finalize();
        let dir = format!("v-{}/", digest.iter().take(5).map(|b| format!("{b:02x}")).collect::<String>());
        stats.dir = dir.trim_end_matches('/').to_string();
        self.out.rename_dir(PENDING_DIR, &format!("search/{}", stats.dir))?;
        let index = super::IndexJson {
            format: FORMAT,
            dir,
            pages: records.len(),
            shards,
            chunk,
            starts: starts.iter().map(|s| s.0).collect(),
            head: plan.head,
            impact: [score::IMPACT_MIN, impact_max],
        };
        let index_json = serde_json::to_vec(&index).map_err(std::io::Error::other)?;
        self.out.write("search/index.json", &index_json)?;
        stats.shards = shards;
        stats.chunk = chunk;
        stats.files = all.len() + 1;
        stats.bytes = all.iter().map(|f| f.2).sum::<u64>() + index_json.len() as u64;
        lap(&mut stats, "  search: filters+tables+write");
        Ok(stats)
    }
}

/// The recency factor of each page of `records` (the pages in id order), by its age in days
/// ([`score::recency_factors`]).
pub(crate) fn recency_of(records: &[store::Record<'_>]) -> Vec<f64> {
    score::recency_factors(&records.iter().map(|r| r.day).collect::<Vec<i64>>())
}

/// How many head shards the index of `plan` with the postings `terms` is laid out in
/// ([`shard_count`]).
pub(crate) fn shard_count_of<'t>(plan: &Plan, terms: impl IntoIterator<Item = &'t TermPostings>) -> usize {
    shard_count(plan, terms.into_iter().map(TermPostings::head_weight).sum())
}

/// How many head shards the index of `plan` whose terms weigh `head_weight` in all
/// ([`TermPostings::head_weight`]) is laid out in: what the file budget leaves beside the
/// other files, but no more than gives each shard SHARD_MIN_BYTES.
pub(crate) fn shard_count(plan: &Plan, head_weight: usize) -> usize {
    let layout = Layout::of(plan.pages);
    let groups = plan.groups.len();
    let chunks: usize =
        (0..groups).map(|k| super::groups::range(&plan.groups, k, plan.pages).len().div_ceil(layout.chunk)).sum();
    let fixed = 2 + plan.columns.len() + plan.years.len() + plan.genres.len() + crate::hant::t2s_table_chunks().len();
    layout.budget.saturating_sub(chunks + fixed + groups + 16).min(head_weight.div_ceil(SHARD_MIN_BYTES)).max(1)
}

/// Where the tokenized groups go.
enum Target<'g> {
    /// Into the index's files.
    Index(Writer<'g>),
    /// A shard's prepared part (`merge` makes the index): each group's text into `out` as
    /// `text/<first page id>.bin`, everything else into one part file by [`Indexer::finish`].
    Part(&'g dyn Output),
}

/// The search index of one cluster, from the numbering of its pages to its files.
pub struct Indexer<'g, 'c> {
    g: &'g SiteGraph<'c>,
    settings: Settings,
    target: Target<'g>,
    values: FilterValues,
    /// Page (index into `g.pages`) of each page id.
    order: Vec<usize>,
    /// Page id of each page.
    ids: Vec<u32>,
    /// The first page id of each group of the whole index ([`Plan::groups`]).
    group_starts: Vec<u32>,
    /// The groups, by first page id: in a whole build every group of the layout; in a shard
    /// the parts of them that hold the shard's pages (one per run of consecutive ids).
    groups: Vec<Mutex<Group>>,
    /// The first page id of each group.
    starts: Vec<u32>,
    text_bytes: AtomicU64,
    /// Thread time spent tokenizing groups before `finish` (nanoseconds).
    early: AtomicU64,
    /// Groups tokenized before `finish`.
    early_groups: AtomicUsize,
    /// The first error met while tokenizing a group early, returned by `finish`.
    failed: Mutex<Option<std::io::Error>>,
    /// Buffers for tokenizing, one per thread that is tokenizing or has (kept for reuse).
    scratch: Mutex<Vec<index::GroupScratch>>,
    /// Where tokenized groups are kept between builds, and each group's key there
    /// (see [`Indexer::keep_groups`]).
    kept: Option<(&'g dyn GroupStore, Vec<Option<String>>)>,
    /// Groups taken from the store instead of tokenized.
    reused_groups: usize,
    /// Groups spliced ([`Splice`]), and the pages tokenized for them.
    spliced: (AtomicUsize, AtomicUsize),
}

/// Where tokenized groups are kept from one build to the next (the build cache): by a key
/// that covers everything their pages' text depends on.
pub trait GroupStore: Sync {
    /// The bytes kept under `key`, if any.
    fn get(&self, key: &str) -> Option<Vec<u8>>;
    /// The first `len` bytes kept under `key` (fewer when there are fewer), if any: what a
    /// build reads of a group it reuses until the end of the build ([`Indexer::keep_groups`]).
    fn head(&self, key: &str, len: usize) -> Option<Vec<u8>> {
        self.parts(key, std::slice::from_ref(&(0..len as u64)))?.pop()
    }
    /// The bytes kept under `key` in each of `parts` (byte ranges; one that runs past the end
    /// stops there), read at once, if any: what scoring some terms again reads of a group.
    fn parts(&self, key: &str, parts: &[std::ops::Range<u64>]) -> Option<Vec<Vec<u8>>>;
    /// This build no longer needs what is kept under `key`, which it read only to make
    /// another group of: it is removed with those the build did not use.
    fn release(&self, key: &str);
    /// Removes what is kept under `key` (it could not be read): the next build makes it again.
    fn forget(&self, key: &str);
    /// Keeps under `key` what `write` writes (streamed: a group is megabytes, and a buffer
    /// of it per thread showed in the build's peak memory); a failure only means the next
    /// build tokenizes the group.
    fn put(&self, key: &str, write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>);
    /// Keeps `bytes` as the text file of the group under `key`; false when it could not.
    fn put_text(&self, key: &str, bytes: &[u8]) -> bool;
    /// The text file kept under `key`, if any: a build links it into its output instead of
    /// reading and writing it again.
    fn text_file(&self, key: &str) -> Option<std::path::PathBuf>;
    /// Keeps `pages`, the keys of the pages of the group kept under `key` in page order,
    /// beside it: a later build whose group differs from it in a few pages finds which.
    fn put_page_keys(&self, key: &str, pages: &[&str]);
    /// The keys of the pages of the group kept under `key` ([`GroupStore::put_page_keys`]).
    fn page_keys(&self, key: &str) -> Option<Vec<String>>;
    /// Keeps the groups of this build, each (first page id, pages, key), for the next build
    /// to find the group it had where one of its own changed.
    fn put_groups(&self, groups: &[(u32, u32, &str)]);
    /// The groups [`GroupStore::put_groups`] kept last.
    fn groups(&self) -> Vec<(u32, u32, String)>;
}

/// The format of a kept group (its chunk, and its text file's SHA-256 and length, the text
/// file kept beside it): part of every key.
const KEPT_FORMAT: &str = "zhanqun-search-group-4";

/// A kept group as read: the SHA-256 (hex) and length of its text file, then its chunk (last,
/// so that a build reusing the group reads the first two alone until it needs the chunk).
pub(crate) type KeptGroup = (String, u64, Chunk);

/// Bytes of a kept group that hold the SHA-256 and length of its text file, at most.
const KEPT_HEAD: usize = 128;

/// The chunk of the group kept under `key` in `store`, which the build took from there
/// ([`Indexer::keep_groups`]); one that cannot be read is forgotten there, so that the next
/// build tokenizes its pages again.
/// Only what `want` asks for is read.
fn load_reused(store: &dyn GroupStore, key: Option<&str>, start: u32, want: Want<'_>) -> Result<Chunk, SearchError> {
    let key = key.ok_or(SearchError::KeptGroup)?;
    let read = |parts: &[std::ops::Range<u64>]| store.parts(key, parts);
    let chunk = match want {
        Want::Whole => kept_group(store, key).map(|(_, _, c)| c),
        Want::Terms(terms) => index::kept_subset(&read, KEPT_HEAD as u64, terms, true),
        Want::Counts(terms) => index::kept_subset(&read, KEPT_HEAD as u64, terms, false),
    };
    // Kept by its pages, not their ids: numbered from the group's first page now.
    chunk.map(|c| c.rebased(start)).ok_or_else(|| {
        store.forget(key);
        SearchError::KeptGroup
    })
}

/// The group kept under `key` in `store`, read whole; `None` when it is not there or not such
/// a group.
fn kept_group(store: &dyn GroupStore, key: &str) -> Option<KeptGroup> {
    postcard::from_bytes(&store.get(key)?).ok()
}

/// The splice of a group of `len` pages from page id `start` whose pages have the keys `pages`
/// into the group the last build had there (`before`: each group's first page id, pages and
/// key), when few of its pages changed and that group is kept whole in `store`.
fn splice_of(
    store: &dyn GroupStore,
    before: &[(u32, u32, String)],
    (k, start, len): (usize, u32, u32),
    pages: &[&str],
) -> Option<Splice> {
    // The group that started here, or else the one that was k-th (pages added or removed
    // before it moved it), of as many pages.
    let at_start = before.iter().find(|(s, l, _)| (*s, *l) == (start, len));
    let (_, _, was) = at_start.or_else(|| before.get(k).filter(|(_, l, _)| *l == len))?;
    let was_pages = store.page_keys(was)?;
    if was_pages.len() != pages.len() {
        return None;
    }
    let changed: Vec<u32> = (0..len).filter(|&at| was_pages[at as usize] != pages[at as usize]).collect();
    if changed.is_empty() || changed.len() > index::SPLICE_MAX || 4 * changed.len() > pages.len() {
        return None;
    }
    // The group kept then read whole now (and again when spliced: held through the render,
    // a group of megabytes per group spliced), so that a damaged one is not used.
    let (_, text_len, chunk) = kept_group(store, was)?;
    let file = store.text_file(was)?;
    let whole = (chunk.len(), chunk.text_bytes()) == (len as usize, text_len);
    (whole && std::fs::metadata(file).ok()?.len() == text_len).then(|| Splice { was: was.clone(), changed })
}

/// Locks `m` even if a thread panicked while holding it: a group's state stays consistent
/// (a panic can only lose a text, which `finish` then indexes as empty).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl<'g, 'c> Indexer<'g, 'c> {
    /// Numbers the pages of `g` — by site, column, year (newest first), genre and URL, so that
    /// every filter value is a few ranges of ids and a date edited within its year keeps the
    /// page's id (the cached build and `serve` then patch the index instead of renumbering
    /// it) — and sizes the files; the files will be written into `out`.
    pub fn new(g: &'g SiteGraph<'c>, settings: &Settings, out: &'g dyn Output) -> Indexer<'g, 'c> {
        Indexer::numbered(g, settings, Target::Index(Writer::new(out)), |_| true)
    }

    /// The indexer of one shard of a sharded build: it numbers every page of `g` as
    /// [`Indexer::new`] does, but tokenizes only the pages of the sites `has_site` names, and
    /// [`Indexer::finish`] writes them into `out` as the shard's prepared part, from which
    /// `merge` makes the index of the whole cluster without reading any page again.
    pub fn for_shard(
        g: &'g SiteGraph<'c>,
        settings: &Settings,
        out: &'g dyn Output,
        has_site: impl Fn(usize) -> bool,
    ) -> Indexer<'g, 'c> {
        Indexer::numbered(g, settings, Target::Part(out), |page| has_site(g.pages[page].site))
    }

    fn numbered(
        g: &'g SiteGraph<'c>,
        settings: &Settings,
        target: Target<'g>,
        has_page: impl Fn(usize) -> bool,
    ) -> Indexer<'g, 'c> {
        use chrono::Datelike;
        let values = FilterValues::of(g);
        let genre = |i: usize| values.genre_of(g, i);
        // Each page's place computed once and sorted side by side (at 100,000 pages, a serial
        // sort asking for the genre in every comparison was a twentieth of a cached build).
        let mut keyed: Vec<_> = (0..g.pages.len())
            .into_par_iter()
            .map(|i| {
                let p = &g.pages[i];
                ((p.site, p.column, std::cmp::Reverse(p.meta.date.day.year()), genre(i), p.url.as_str()), i)
            })
            .collect();
        keyed.par_sort_unstable();
        let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
        let mut ids = vec![0u32; order.len()];
        for (id, &page) in order.iter().enumerate() {
            ids[page] = id as u32;
        }
        let group_starts = super::groups::starts(order.iter().map(|&i| g.pages[i].url.as_str()));
        // Every run of consecutive ids of the pages indexed here, cut where the groups start.
        let mut groups: Vec<Mutex<Group>> = Vec::new();
        let mut starts = Vec::new();
        let mut open = false;
        let mut cuts = group_starts.iter().copied().peekable();
        for (id, &page) in order.iter().enumerate() {
            let cut = cuts.next_if_eq(&(id as u32)).is_some();
            if !has_page(page) {
                open = false;
                continue;
            }
            if !open || cut {
                starts.push(id as u32);
                groups.push(Mutex::new(Group { start: id as u32, ..Group::default() }));
                open = true;
            }
            if let Some(last) = groups.last_mut() {
                let group = last.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
                group.len += 1;
                group.left += 1;
            }
        }
        Indexer {
            g,
            settings: settings.clone(),
            target,
            values,
            order,
            ids,
            group_starts,
            groups,
            starts,
            text_bytes: AtomicU64::new(0),
            early: AtomicU64::new(0),
            early_groups: AtomicUsize::new(0),
            failed: Mutex::new(None),
            scratch: Mutex::new(Vec::new()),
            kept: None,
            reused_groups: 0,
            spliced: Default::default(),
        }
    }

    /// Takes from `store` every group whose pages all have the keys they had when it was
    /// tokenized (its text file written as then), and keeps there each group tokenized from
    /// now on. `page_key` gives a page's cache key, a hash of everything its rendering
    /// reads — the same key, the same HTML, the same searchable text; `None` when the page
    /// has none. After an edit the build then reads and tokenizes only the edited pages'
    /// groups instead of every page.
    pub fn keep_groups<K: AsRef<str>>(
        &mut self,
        store: &'g dyn GroupStore,
        page_key: impl Fn(usize) -> Option<K> + Sync,
    ) -> std::io::Result<()> {
        let settings = format!("{KEPT_FORMAT} {} {:?}", env!("CARGO_PKG_VERSION"), self.settings);
        let keys: Vec<Option<String>> = self
            .groups
            .par_iter()
            .map(|group| {
                let (start, len) = {
                    let g = lock(group);
                    (g.start as usize, g.len as usize)
                };
                // The pages' keys, not their ids: a page added or removed before the group
                // leaves it as it was (its chunk is numbered from its first page when read).
                let mut h = Sha256::new();
                h.update(settings.as_bytes());
                h.update(format!(" {len}").as_bytes());
                for &page in &self.order[start..start + len] {
                    h.update(page_key(page)?.as_ref().as_bytes());
                }
                Some(hex::encode(h.finalize()))
            })
            .collect();
        // Each group's text file linked from the store (read and written where it cannot
        // be). Its chunk is read at the end, and only what the index needs of it (a hundred
        // megabytes at 100,000 pages, held through the whole render before).
        let found: Vec<bool> = keys
            .par_iter()
            .enumerate()
            .map(|(k, key)| {
                let Some((key, head)) = key.as_deref().and_then(|key| Some((key, store.head(key, KEPT_HEAD)?))) else {
                    return Ok(false);
                };
                let Ok(((sha, len), _)) = postcard::take_from_bytes::<(String, u64)>(&head) else { return Ok(false) };
                let start = lock(&self.groups[k]).start;
                let Some(file) = store.text_file(key) else { return Ok(false) };
                self.link_text(k, start as usize, &file, &sha, len)
            })
            .collect::<std::io::Result<_>>()?;
        // A group not found is spliced into the one the last build had in its place when
        // only a few of its pages changed; the keys of its pages kept for the next build.
        let before = store.groups();
        let splices: Vec<Option<Splice>> = (0..keys.len())
            .into_par_iter()
            .map(|k| {
                let key = keys[k].as_deref().filter(|_| !found[k])?;
                let group = lock(&self.groups[k]);
                let keys: Option<Vec<K>> =
                    self.order[group.start as usize..][..group.len as usize].iter().map(|&p| page_key(p)).collect();
                let keys = keys?;
                let pages: Vec<&str> = keys.iter().map(AsRef::as_ref).collect();
                store.put_page_keys(key, &pages);
                splice_of(store, &before, (k, group.start, group.len), &pages)
            })
            .collect();
        for (k, (found, splice)) in found.into_iter().zip(splices).enumerate() {
            let group = self.groups[k].get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
            if found {
                group.reused = true;
                group.left = 0;
                self.reused_groups += 1;
            } else if let Some(splice) = splice {
                group.left = splice.changed.len();
                group.splice = Some(splice);
            }
        }
        let groups: Vec<(u32, u32, &str)> = (self.groups.iter().zip(&keys))
            .filter_map(|(g, key)| {
                let g = lock(g);
                Some((g.start, g.len, key.as_deref()?))
            })
            .collect();
        store.put_groups(&groups);
        drop(groups);
        self.kept = Some((store, keys));
        Ok(())
    }

    /// Whether the text of page `page` is still wanted: false when its group was taken from
    /// the store (see [`Indexer::keep_groups`]) or is not indexed here.
    pub fn wants_text(&self, page: usize) -> bool {
        let id = self.ids[page];
        self.starts.partition_point(|&s| s <= id).checked_sub(1).is_some_and(|k| {
            let group = lock(&self.groups[k]);
            group.left > 0 && group.wants(id - group.start)
        })
    }

    /// Writes the text file of group `k` (first page id `start`); returns its SHA-256 in hex.
    fn put_text(&self, k: usize, start: usize, bytes: &[u8]) -> std::io::Result<String> {
        let sha = match &self.target {
            Target::Index(w) => w.put_sha(&Writer::text_file(k), bytes)?,
            Target::Part(out) => out.write(&super::part::text_file(start as u32), bytes)?,
        };
        self.text_bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(sha)
    }

    /// Puts the text file of group `k` (first page id `start`) from the kept `file`, whose
    /// SHA-256 is `sha` and length `len`: linked where the output can, else read and
    /// written. False when the kept file is not that one (then the group is tokenized again).
    fn link_text(&self, k: usize, start: usize, file: &std::path::Path, sha: &str, len: u64) -> std::io::Result<bool> {
        if std::fs::metadata(file).map(|m| m.len()).ok() != Some(len) {
            return Ok(false);
        }
        if let Target::Index(w) = &self.target
            && w.link(file, &Writer::text_file(k), sha, len).is_ok()
        {
            self.text_bytes.fetch_add(len, Ordering::Relaxed);
            return Ok(true);
        }
        let Ok(bytes) = std::fs::read(file) else { return Ok(false) };
        Ok(self.put_text(k, start, &bytes)? == sha)
    }

    /// The page id of page `page`: rendered in the order of their ids, the groups complete
    /// one by one.
    pub fn id(&self, page: usize) -> u32 {
        self.ids[page]
    }

    /// Hands over the text read from the final HTML of page `page` (an index into
    /// `g.pages`), from any thread; the call that completes a group tokenizes it. A page's
    /// second text, and the text of a page this indexer does not index, are ignored.
    pub fn add(&self, page: usize, text: PageText) {
        let id = self.ids[page];
        let Some(k) = self.starts.partition_point(|&s| s <= id).checked_sub(1) else { return };
        let texts = {
            let mut group = lock(&self.groups[k]);
            let at = (id - group.start) as usize;
            if at >= group.len as usize || !group.wants(at as u32) {
                return;
            }
            if group.texts.is_empty() {
                if group.left == 0 {
                    return;
                }
                let len = group.len as usize;
                group.texts.resize(len, None);
            }
            let slot = &mut group.texts[at];
            if slot.is_some() {
                return;
            }
            *slot = Some(text);
            group.left -= 1;
            if group.left > 0 {
                return;
            }
            std::mem::take(&mut group.texts)
        };
        let start = Instant::now();
        match self.tokenize(k, texts) {
            Ok(chunk) => lock(&self.groups[k]).chunk = Some(chunk),
            Err(e) => {
                lock(&self.failed).get_or_insert(e);
            }
        }
        self.early.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        self.early_groups.fetch_add(1, Ordering::Relaxed);
    }

    /// Tokenizes group `k` from its texts (a page without one is indexed by its title) and
    /// writes its text file.
    fn tokenize(&self, k: usize, texts: Vec<Option<PageText>>) -> std::io::Result<Chunk> {
        let (start, len, splice) = {
            let mut group = lock(&self.groups[k]);
            (group.start as usize, group.len as usize, group.splice.take())
        };
        let key = self.kept.as_ref().and_then(|(store, keys)| Some((*store, keys[k].as_deref()?)));
        let mut scratch = lock(&self.scratch).pop().unwrap_or_default();
        let text = Mutex::new(None);
        let chunk = match (splice, key) {
            (Some(splice), Some((store, _))) => {
                self.splice(store, start, &splice, texts, &mut scratch).and_then(|(chunk, bytes)| {
                    let sha = self.put_text(k, start, &bytes)?;
                    *lock(&text) = Some((bytes, sha));
                    Ok(chunk)
                })
            }
            _ => {
                let mut texts = texts.into_iter();
                let docs: Vec<Source<'_>> = self.order[start..start + len]
                    .iter()
                    .map(|&i| Source {
                        title: &self.g.pages[i].meta.title,
                        text: texts.next().flatten().unwrap_or_default(),
                    })
                    .collect();
                // The text file written at once (a buffer of megabytes), kept only for the store.
                let emit = |_: u32, bytes: Vec<u8>| {
                    let sha = self.put_text(k, start, &bytes)?;
                    if key.is_some() {
                        *lock(&text) = Some((bytes, sha));
                    }
                    Ok(())
                };
                index::tokenize_group(start as u32, docs, &emit, &mut scratch)
            }
        };
        lock(&self.scratch).push(scratch);
        let text = text.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        // The text file first: a kept chunk always has its text file beside it.
        if let (Ok(chunk), Some((store, key)), Some((text, sha))) = (&chunk, key, text)
            && store.put_text(key, &text)
        {
            let len = text.len() as u64;
            drop(text);
            store.put(key, &|w| postcard::to_io(&(&sha, len, chunk), w).map(drop).map_err(std::io::Error::other));
        }
        chunk
    }

    /// The chunk and text file of a group spliced into the group the store kept before
    /// (`splice`): the pages changed since tokenized, each alone, from `texts` (by position in
    /// the group; a page without one is indexed by its title); the others' postings and texts
    /// taken from the group kept. That group, checked when the build began, is read now; one
    /// that can no longer be read is forgotten there and fails the index, as a group taken
    /// whole does.
    fn splice(
        &self,
        store: &dyn GroupStore,
        start: usize,
        splice: &Splice,
        mut texts: Vec<Option<PageText>>,
        scratch: &mut index::GroupScratch,
    ) -> std::io::Result<(Chunk, Vec<u8>)> {
        let kept = || -> Option<(Chunk, Vec<u8>)> {
            let (_, _, was) = kept_group(store, &splice.was)?;
            let text = std::fs::read(store.text_file(&splice.was)?).ok()?;
            (was.text_bytes() == text.len() as u64).then_some((was.rebased(start as u32), text))
        };
        let Some((was, was_text)) = kept() else {
            store.forget(&splice.was);
            return Err(std::io::Error::other(SearchError::KeptGroup));
        };
        let mut fresh = Vec::with_capacity(splice.changed.len());
        let mut fresh_texts = Vec::with_capacity(splice.changed.len());
        for &at in &splice.changed {
            let page = self.order[start + at as usize];
            let text = texts.get_mut(at as usize).and_then(Option::take).unwrap_or_default();
            let doc = Source { title: &self.g.pages[page].meta.title, text };
            let bytes = Mutex::new(Vec::new());
            let emit = |_: u32, text: Vec<u8>| {
                *lock(&bytes) = text;
                Ok(())
            };
            fresh.push(index::tokenize_group(start as u32 + at, vec![doc], &emit, scratch)?);
            fresh_texts.push(bytes.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner));
        }
        let chunk = index::splice_group(&was, &fresh);
        let text = index::splice_text(&was, &was_text, &splice.changed, &fresh_texts);
        // Read only to make this group: removed with the groups this build did not use.
        store.release(&splice.was);
        self.spliced.0.fetch_add(1, Ordering::Relaxed);
        self.spliced.1.fetch_add(splice.changed.len(), Ordering::Relaxed);
        Ok((chunk, text))
    }

    /// Tokenizes the groups not complete yet, then writes the index (see [`Writer::finish`]),
    /// or in a shard its prepared part (see [`super::part`]).
    pub fn finish(self) -> Result<Stats, SearchError> {
        let clock = Instant::now();
        let (chunks, stats) = self.chunks()?;
        let plan = self.plan();
        match &self.target {
            Target::Index(_) => {
                let records: Vec<store::Record<'_>> = self.order.iter().map(|&i| self.record(i)).collect();
                let Target::Index(writer) = self.target else { unreachable!("matched above") };
                writer.finish(&plan, &records, chunks, stats, clock)
            }
            Target::Part(out) => {
                let mut stats = stats;
                let ids: Vec<u32> =
                    self.starts.iter().zip(&self.groups).flat_map(|(&s, g)| s..s + lock(g).len).collect();
                let records = ids.iter().map(|&id| self.record(self.order[id as usize])).collect();
                let part = super::part::Part::new(plan, ids, records, chunks);
                let bytes = part.encode()?;
                stats.bytes = bytes.len() as u64 + stats.text_bytes;
                stats.pages = part.pages();
                out.write(super::part::PART_FILE, &bytes)?;
                stats.timings.push(("  search: part", clock.elapsed()));
                Ok(stats)
            }
        }
    }

    /// Tokenizes the groups not complete yet and writes the index, as [`Indexer::finish`]
    /// does, but from the index the previous build left in `kept` when there is one: only the
    /// terms of the groups tokenized again are scored again (see [`super::cached`]). Falls
    /// back to [`Indexer::finish`] in a shard or without [`Indexer::keep_groups`].
    pub fn finish_cached(self, kept: &dyn super::kept::KeptIndex) -> Result<Stats, SearchError> {
        let Some((store, keys)) = self.kept.as_ref().filter(|_| matches!(self.target, Target::Index(_))) else {
            return self.finish();
        };
        let (store, keys) = (*store, keys.clone());
        let clock = Instant::now();
        let (chunks, stats) = self.taken_chunks(true)?;
        let spans: Vec<(u32, usize)> = self.groups.iter().map(|g| lock(g)).map(|g| (g.start, g.len as usize)).collect();
        let starts: Vec<u32> = spans.iter().map(|s| s.0).collect();
        let settings = format!("{:?}", self.settings);
        let g = self.g;
        let (order, records, plan, writer) = self.into_live();
        let urls = order.iter().map(|&i| g.pages[i].url.as_str());
        let load = |k: usize, want: Want<'_>| load_reused(store, keys[k].as_deref(), starts[k], want);
        let index = super::cached::Inputs {
            settings: &settings,
            keys: keys.clone(),
            records: &records,
            plan: &plan,
            chunks,
            spans,
            load: &load,
        };
        super::cached::finish(kept, index, urls, writer, stats, clock)
    }

    /// Tokenizes the groups not complete yet and writes the index, as [`Indexer::finish`]
    /// does, keeping what it made of the pages for `serve` to update the index after edits
    /// ([`super::LiveIndex`]; a shard's indexer keeps nothing).
    pub fn finish_live(self) -> Result<(Stats, super::LiveIndex), SearchError> {
        if matches!(self.target, Target::Part(_)) {
            return Ok((self.finish()?, super::LiveIndex::new()));
        }
        let clock = Instant::now();
        let (chunks, stats) = self.chunks()?;
        let (g, settings) = (self.g, self.settings.clone());
        let (order, records, plan, writer) = self.into_live();
        super::LiveIndex::from_build(g, &settings, &order, &records, &plan, writer, chunks, stats, clock)
    }

    /// Every group's chunk, the groups not complete yet tokenized now; the figures so far.
    fn chunks(&self) -> Result<(Vec<Chunk>, Stats), SearchError> {
        let (chunks, stats) = self.taken_chunks(false)?;
        Ok((chunks.into_iter().flatten().collect(), stats))
    }

    /// Every group's chunk, as [`Indexer::chunks`] gives them, but `None` for a group taken
    /// from the store when `lazy` (read there only as far as the index needs it).
    fn taken_chunks(&self, lazy: bool) -> Result<(Vec<Option<Chunk>>, Stats), SearchError> {
        let mut stats = Stats::default();
        if let Some(e) = lock(&self.failed).take() {
            return Err(e.into());
        }
        stats.early_groups = self.early_groups.load(Ordering::Relaxed);
        stats.reused_groups = self.reused_groups;
        stats.spliced_groups = self.spliced.0.load(Ordering::Relaxed);
        stats.spliced_pages = self.spliced.1.load(Ordering::Relaxed);
        stats.early_tokenize = Duration::from_nanos(self.early.load(Ordering::Relaxed));
        let store = self.kept.as_ref().map(|(store, keys)| (*store, keys));
        let chunks: Vec<Option<Chunk>> = (0..self.groups.len())
            .into_par_iter()
            .map(|k| {
                let (texts, chunk, reused) = {
                    let mut group = lock(&self.groups[k]);
                    (std::mem::take(&mut group.texts), group.chunk.take(), group.reused)
                };
                match (chunk, store) {
                    (Some(chunk), _) => Ok(Some(chunk)),
                    (None, _) if reused && lazy => Ok(None),
                    (None, Some((store, keys))) if reused => {
                        load_reused(store, keys[k].as_deref(), lock(&self.groups[k]).start, Want::Whole).map(Some)
                    }
                    (None, _) => Ok(Some(self.tokenize(k, texts)?)),
                }
            })
            .collect::<Result<_, SearchError>>()?;
        lock(&self.scratch).clear();
        stats.text_bytes = self.text_bytes.load(Ordering::Relaxed);
        Ok((chunks, stats))
    }

    /// For [`super::LiveIndex`], which tokenizes and writes by itself: the page (index into
    /// `g.pages`) of each page id, each page's record in id order, the plan, and the writer of
    /// an indexer made by [`Indexer::new`].
    pub(crate) fn into_live(self) -> (Vec<usize>, Vec<store::Record<'g>>, Plan, Writer<'g>) {
        let records = {
            use rayon::prelude::*;
            self.order.par_iter().map(|&i| self.record(i)).collect()
        };
        let plan = self.plan();
        match self.target {
            Target::Index(writer) => (self.order, records, plan, writer),
            Target::Part(_) => unreachable!("a live index is made by Indexer::new"),
        }
    }

    /// What the index needs of the cluster beside the pages.
    fn plan(&self) -> Plan {
        let values = &self.values;
        Plan {
            pages: self.order.len(),
            head: self.settings.head,
            unigram_tails: self.settings.unigram_tails,
            sites: self.g.cluster.sites.iter().map(|s| (s.id.clone(), s.name.clone(), s.path.clone())).collect(),
            site_starts: (0..self.g.cluster.sites.len())
                .map(|s| self.order.partition_point(|&i| self.g.pages[i].site < s) as u32)
                .collect(),
            columns: values.columns.clone(),
            years: values.years.clone(),
            genres: values.genres.clone(),
            groups: self.group_starts.clone(),
        }
    }

    /// How the result of page `i` shows.
    fn record(&self, i: usize) -> store::Record<'g> {
        let g = self.g;
        let p = &g.pages[i];
        let site = &g.cluster.sites[p.site];
        let col = &site.columns.list[p.column].path;
        let usual = format!("{}{col}/", site.path);
        let url = match p.url.strip_prefix(&usual) {
            Some("") => "",
            Some(slug) if slug.ends_with('/') && !slug[..slug.len() - 1].contains('/') => &slug[..slug.len() - 1],
            _ => p.url.as_str(),
        };
        store::Record {
            url,
            title: &p.meta.title,
            day: (p.meta.date.day - chrono::NaiveDate::default()).num_days(),
            site: p.site,
            column: self.values.column_of(col),
            genre: self.values.genre_of(g, i),
            doc_number: p.meta.doc_number.as_deref(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Files kept in memory, as the build's staging directory would hold them.
    #[derive(Default)]
    pub(crate) struct Files(pub(crate) Mutex<BTreeMap<String, Vec<u8>>>);

    impl Output for Files {
        fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<String> {
            lock(&self.0).insert(path.to_string(), bytes.to_vec());
            Ok(hex::encode(Sha256::digest(bytes)))
        }
        fn copy(&self, from: &str, to: &str, _sha: &str, _len: u64) -> std::io::Result<()> {
            let mut files = lock(&self.0);
            let bytes = files.get(from).cloned().ok_or(std::io::ErrorKind::NotFound)?;
            files.insert(to.to_string(), bytes);
            Ok(())
        }
        fn rename_dir(&self, from: &str, to: &str) -> std::io::Result<()> {
            let mut files = lock(&self.0);
            let moved: Vec<String> = files.keys().filter(|k| k.starts_with(&format!("{from}/"))).cloned().collect();
            for k in moved {
                let bytes = files.remove(&k).unwrap();
                files.insert(format!("{to}{}", &k[from.len()..]), bytes);
            }
            Ok(())
        }
    }

    pub(crate) fn text(i: usize) -> PageText {
        PageText {
            meta: format!("文号 〔2024〕{i}号"), body: format!("第{i}页正文 营商环境 乡村振兴")
        }
    }

    /// The files of `search::build` given `texts`.
    pub(crate) fn built(g: &SiteGraph<'_>, texts: Vec<Option<PageText>>) -> BTreeMap<String, Vec<u8>> {
        let files = Files::default();
        super::super::build(g, texts, &Settings::default(), &files).unwrap();
        files.0.into_inner().unwrap()
    }

    /// The paths of the files that differ between `a` and `b` or are in one only.
    pub(crate) fn differing<'a>(a: &'a BTreeMap<String, Vec<u8>>, b: &'a BTreeMap<String, Vec<u8>>) -> Vec<&'a str> {
        let paths: std::collections::BTreeSet<&str> =
            a.keys().chain(b.keys()).map(String::as_str).filter(|k| a.get(*k) != b.get(*k)).collect();
        paths.into_iter().collect()
    }

    /// The cluster of the `basic` fixture, with its pages and sources.
    pub(crate) fn basic() -> (crate::load::Cluster, Vec<crate::parse::Page>, Vec<crate::scan::SourceFile>) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let cluster = crate::load::load(&root, None).unwrap();
        let mut diags = crate::diagnostic::Diagnostics::default();
        let sources = crate::scan::scan(&cluster, &mut diags);
        let pages = crate::parse::parse_pages(&cluster, &sources, &mut diags);
        (cluster, pages, sources)
    }

    /// The published pages of `basic()` as a graph.
    pub(crate) fn graph<'c>(
        cluster: &'c crate::load::Cluster,
        pages: Vec<crate::parse::Page>,
        sources: &[crate::scan::SourceFile],
    ) -> SiteGraph<'c> {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        crate::assemble::assemble_published(cluster, pages, sources, today, false).0
    }

    #[test]
    fn texts_may_arrive_in_any_order_from_any_thread_and_late_pages_are_indexed_by_finish() {
        let (cluster, pages, sources) = basic();
        let g = graph(&cluster, pages, &sources);
        let n = g.pages.len();
        assert!(n > 10, "the fixture has {n} pages");
        let all = built(&g, (0..n).map(|i| Some(text(i))).collect());
        assert!(all.keys().any(|k| k.contains("/x/0.bin")) && all.contains_key("search/index.json"));

        // Backwards, from every thread, each page twice: the second text is ignored, and the
        // group is tokenized by the call that completes it.
        let files = Files::default();
        let indexer = Indexer::new(&g, &Settings::default(), &files);
        (0..n).into_par_iter().rev().for_each(|i| indexer.add(i, text(i)));
        (0..n).into_par_iter().for_each(|i| indexer.add(i, text(i + 1)));
        let stats = indexer.finish().unwrap();
        assert_eq!(stats.early_groups, 1, "the group was tokenized when its last text arrived");
        assert_eq!(
            differing(&files.0.into_inner().unwrap(), &all),
            [] as [&str; 0],
            "the order of arrival changes nothing"
        );

        // A page whose text never came is indexed by its title when the index is finished.
        let files = Files::default();
        let indexer = Indexer::new(&g, &Settings::default(), &files);
        let last = (0..n).find(|&i| indexer.id(i) as usize == n - 1).unwrap();
        (0..n).filter(|&i| i != last).for_each(|i| indexer.add(i, text(i)));
        let stats = indexer.finish().unwrap();
        assert_eq!(stats.early_groups, 0);
        let without: Vec<Option<PageText>> = (0..n).map(|i| (i != last).then(|| text(i))).collect();
        let late = files.0.into_inner().unwrap();
        assert_eq!(differing(&late, &built(&g, without)), [] as [&str; 0]);
        assert!(differing(&late, &all).iter().any(|f| f.contains("/x/")), "the missing text is not in the index");
    }
}
