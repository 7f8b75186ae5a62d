//! The cluster's one search (统一检索), built at build time into static files under
//! `public/search/` that any static host serves, and queried in the browser by
//! `static/js/search.js`.
//!
//! Data flow: each page's searchable text is read from its rendered HTML, right before the
//! rewrite stage, which changes attribute values only, so the text is the final page's
//! ([`extract`]); after the parallel render the pipeline hands every page with its text to
//! [`build`] (run beside the site maps and feeds), which numbers the pages by site, column,
//! year, genre and date, segments the text ([`segment`]), inverts it (`index`) with BM25
//! impacts ([`score`]), writes the postings as hashed head shards and range-readable tails
//! (`shard`), the result metadata and excerpt text (`store`), one file per filter value
//! (`facets`), `tables.bin` and `search/index.json`, which ties them together.
//!
//! Everything is a pure function of the pages: the files are byte-identical at any thread
//! count.

mod codec;
pub mod extract;
mod facets;
mod index;
pub mod score;
pub mod segment;
mod shard;
mod store;
mod terms;

pub use extract::PageText;

use crate::assemble::SiteGraph;
use crate::diagnostic::Diagnostic;
use crate::load::ClusterConfig;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// URL of the search results page.
pub const SEARCH_URL: &str = "/search/";
/// Version of the file format `search.js` reads; bumped on any incompatible change.
pub const FORMAT: u32 = 3;
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
/// About how many pages' texts a text file holds (they are also tokenized together).
const TEXT_FILE_PAGES: usize = 4096;

/// The `search:` settings of `zhanqun.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Build the index and show the search box (default true).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Postings per term in its head, what a query fetches first (default 64). More makes
    /// rankings of very common words more exact and every query larger: at 100,000 pages, 128
    /// made the largest two-word queries 22 KB heavier for the same recall.
    #[serde(default = "default_head")]
    pub head: usize,
    /// Keep the impacts of single ideographs beyond their head (default false; which pages
    /// hold each character is always kept): with them, one-character queries rank exactly, at
    /// a few more megabytes per 100,000 pages.
    #[serde(default)]
    pub unigram_tails: bool,
}

fn yes() -> bool {
    true
}
fn default_head() -> usize {
    64
}

impl Default for Settings {
    fn default() -> Self {
        Settings { enabled: true, head: default_head(), unigram_tails: false }
    }
}

impl Settings {
    /// Reads `search:` from the cluster settings.
    pub fn from_config(config: &ClusterConfig) -> Result<Settings, Diagnostic> {
        let Some(value) = &config.search else { return Ok(Settings::default()) };
        if value.is_null() {
            return Ok(Settings::default());
        }
        let s: Settings = serde_yaml_ng::from_value(value.clone()).map_err(|e| {
            Diagnostic::error("zhanqun.yaml", "config", format!("search: {e}"))
                .help("the search settings are `enabled: true|false`, `head: 64` and `unigram_tails: false`")
        })?;
        if s.head == 0 {
            return Err(Diagnostic::error("zhanqun.yaml", "config", "search: head must be at least 1")
                .help("leave `head` out for the default of 64"));
        }
        Ok(s)
    }
}

/// True when the cluster gets a search page and a search box: search is enabled in
/// `zhanqun.yaml` (it is by default) and the theme has a `search.html` template.
pub fn page_enabled(cluster: &crate::load::Cluster) -> bool {
    Settings::from_config(&cluster.config).is_ok_and(|s| s.enabled)
        && cluster.theme.templates.iter().any(|(name, _)| name == "search.html")
}

/// Why the index could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Compressing or serialising a file failed.
    #[error("cannot encode the search index: {0}")]
    Encode(#[from] std::io::Error),
}

/// The filter values the search page offers, in the order `index.json` numbers them.
#[derive(Debug, Clone, Serialize)]
pub struct FilterValues {
    /// Every site: (id, name).
    pub sites: Vec<(String, String)>,
    /// Every column path of any site, with its names from the menu down (`政府信息公开 › 政策文件`).
    pub columns: Vec<(String, String)>,
    /// Every year a page was published, newest first.
    pub years: Vec<i32>,
    /// Every 体裁分类 used, sorted.
    pub genres: Vec<String>,
}

impl FilterValues {
    /// The values of the cluster in `g`.
    pub fn of(g: &SiteGraph<'_>) -> FilterValues {
        use chrono::Datelike;
        let sites = g.cluster.sites.iter().map(|s| (s.id.clone(), s.name.clone())).collect();
        let mut columns: Vec<(String, String)> = Vec::new();
        for site in &g.cluster.sites {
            for (c, col) in site.columns.list.iter().enumerate() {
                if !columns.iter().any(|(p, _)| *p == col.path) {
                    let label: Vec<&str> =
                        site.columns.ancestry(c).into_iter().map(|k| site.columns.list[k].name.as_str()).collect();
                    columns.push((col.path.clone(), label.join(" › ")));
                }
            }
        }
        let mut years: Vec<i32> = g.pages.iter().map(|p| p.meta.date.day.year()).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let mut genres: Vec<String> = g.pages.iter().filter_map(|p| p.meta.genre.clone()).collect();
        genres.sort();
        genres.dedup();
        FilterValues { sites, columns, years, genres }
    }

    fn column_of(&self, path: &str) -> usize {
        self.columns.iter().position(|(p, _)| p == path).unwrap_or(0)
    }
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
    /// Wall time of each step.
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

    /// The files written, with their final paths.
    pub fn into_written(self) -> std::io::Result<Vec<crate::emit::FileEntry>> {
        self.written.into_inner().map_err(|_| std::io::Error::other("a search writer panicked"))
    }

    fn entries(&self) -> std::io::Result<std::sync::MutexGuard<'_, Vec<crate::emit::FileEntry>>> {
        self.written.lock().map_err(|_| std::io::Error::other("a search writer panicked"))
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
/// texts are consumed as they are tokenized and the large files are written as soon as they
/// are complete, to keep the peak memory near one copy of the text.
///
/// Layout under `search/`: `index.json`, and a directory named by the hash of its contents,
/// `v-…/`, so that a cached file can never be mixed with another build's: head shards
/// `h/<n>.bin`, tail files `t/<n>.bin`, metadata chunks `m/<n>.bin`, text files `x/<n>.bin`,
/// filter ranges `f/*.json` and `tables.bin`.
pub fn build(
    g: &SiteGraph<'_>,
    mut texts: Vec<Option<PageText>>,
    settings: &Settings,
    out: &dyn Output,
) -> Result<Stats, SearchError> {
    use chrono::Datelike;
    use rayon::prelude::*;
    let mut clock = std::time::Instant::now();
    let mut lap = |stats: &mut Stats, name: &'static str| {
        let now = std::time::Instant::now();
        stats.timings.push((name, now - clock));
        clock = now;
    };
    let mut stats = Stats::default();
    // Every file written, with its hash, for the name of the versioned directory.
    let written = std::sync::Mutex::new(Vec::<(String, String, u64)>::new());
    let put = |rel: &str, bytes: &[u8]| -> std::io::Result<()> {
        let sha = out.write(&format!("{PENDING_DIR}/{rel}"), bytes)?;
        let mut w = written.lock().map_err(|_| std::io::Error::other("a search writer panicked"))?;
        w.push((rel.to_string(), sha, bytes.len() as u64));
        Ok(())
    };
    let text_files = std::sync::atomic::AtomicUsize::new(0);
    let values = FilterValues::of(g);
    let genre_of = |i: usize| g.pages[i].meta.genre.as_ref().and_then(|x| values.genres.iter().position(|v| v == x));
    let mut order: Vec<usize> = (0..g.pages.len()).collect();
    order.sort_by(|&a, &b| {
        let (p, q) = (&g.pages[a], &g.pages[b]);
        (p.site, p.column, std::cmp::Reverse(p.meta.date.day.year()), genre_of(a))
            .cmp(&(q.site, q.column, std::cmp::Reverse(q.meta.date.day.year()), genre_of(b)))
            .then_with(|| q.meta.date.cmp(&p.meta.date))
            .then_with(|| p.url.cmp(&q.url))
    });
    texts.resize(g.pages.len(), None);
    let newest = g.pages.iter().map(|p| p.meta.date.day).max();
    let sources: Vec<index::Source<'_>> = order
        .iter()
        .map(|&i| {
            let p = &g.pages[i];
            index::Source {
                title: &p.meta.title,
                text: texts[i].take().unwrap_or_default(),
                age_days: newest.map_or(0, |n| (n - p.meta.date.day).num_days()),
            }
        })
        .collect();
    drop(texts);
    // The file budget: metadata chunks get CHUNK_SHARE of it, head shards the rest. A text
    // file holds a whole number of chunks, about TEXT_FILE_PAGES pages.
    let budget = MIN_FILE_BUDGET.max((order.len() as f64 * FILES_PER_PAGE) as usize);
    let chunk = (order.len() as f64 / (budget as f64 * CHUNK_SHARE)).ceil() as usize;
    let chunk = chunk.clamp(CHUNK_PAGES.0, CHUNK_PAGES.1);
    let group = chunk * TEXT_FILE_PAGES.div_ceil(chunk);
    let text_bytes = std::sync::atomic::AtomicU64::new(0);
    // Text files are numbered by the group's first page (renumbered 0, 1, … below).
    let emit_text = |first: u32, bytes: Vec<u8>| -> std::io::Result<()> {
        put(&format!("x/{}.bin", first as usize / group), &bytes)?;
        text_files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        text_bytes.fetch_add(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    };
    let split = index::Split { head: settings.head, unigram_tails: settings.unigram_tails };
    let inverted = index::invert(sources, split, group, &emit_text)?;
    stats.pages = order.len();
    stats.terms = inverted.terms.len();
    stats.postings = inverted.postings;
    stats.packed = inverted.terms.iter().filter(|t| t.packed).count();
    stats.text_bytes = text_bytes.into_inner();
    lap(&mut stats, "  search: tokenize+invert+text");

    let chunks = order.len().div_ceil(chunk);
    let t2s = crate::hant::t2s_table_chunks();
    let fixed = 2 + values.columns.len() + values.years.len() + values.genres.len() + t2s.len();
    let head_bytes: usize = inverted.terms.iter().map(|t| t.term.len() + t.head.len() + 12).sum();
    let shards = budget
        .saturating_sub(chunks + fixed + text_files.into_inner() + 16)
        .min(head_bytes.div_ceil(SHARD_MIN_BYTES))
        .max(1);
    let impact_max = inverted.quantizer.max;
    let text_lens = inverted.text_lens;
    let postings = shard::write(inverted.terms, shards, TAIL_FILE_BYTES)?;
    postings.tails.par_iter().enumerate().try_for_each(|(n, bytes)| put(&format!("t/{n}.bin"), bytes))?;
    stats.tail_bytes = postings.tails.iter().map(|t| t.len() as u64).sum();
    drop(postings.tails);
    lap(&mut stats, "  search: shards");
    let starts = store::chunk_starts(&text_lens, chunk, group);
    let records: Vec<store::Record<'_>> = order
        .iter()
        .map(|&i| {
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
                column: values.column_of(col),
                genre: genre_of(i),
                doc_number: p.meta.doc_number.as_deref(),
            }
        })
        .collect();
    let meta_chunks = store::write_chunks(&records, &text_lens, &starts, chunk)?;
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
    for (c, (path, _)) in values.columns.iter().enumerate() {
        let prefix = format!("{path}/");
        let ids = records.iter().enumerate().filter_map(|(id, r)| {
            let p = &values.columns[r.column].0;
            (p == path || p.starts_with(&prefix)).then_some(id as u32)
        });
        files.push((format!("f/c{c}.json"), facets::runs_json(&facets::runs(ids))));
    }
    for y in &values.years {
        let ids =
            order.iter().enumerate().filter(|(_, i)| g.pages[**i].meta.date.day.year() == *y).map(|(id, _)| id as u32);
        files.push((format!("f/y{y}.json"), facets::runs_json(&facets::runs(ids))));
    }
    for (k, _) in values.genres.iter().enumerate() {
        let ids = records.iter().enumerate().filter(|(_, r)| r.genre == Some(k)).map(|(id, _)| id as u32);
        files.push((format!("f/g{k}.json"), facets::runs_json(&facets::runs(ids))));
    }
    let site_ranges: Vec<(&str, &str, &str, u32, u32)> = g
        .cluster
        .sites
        .iter()
        .enumerate()
        .map(|(s, site)| {
            let start = records.partition_point(|r| r.site < s);
            let end = records.partition_point(|r| r.site <= s);
            (site.id.as_str(), site.name.as_str(), site.path.as_str(), start as u32, end as u32)
        })
        .collect();
    let tables = Tables { sites: site_ranges, columns: &values.columns, years: &values.years, genres: &values.genres };
    files.push(("tables.bin".into(), codec::gzip(&serde_json::to_vec(&tables).map_err(std::io::Error::other)?)?));
    // The Traditional → Simplified table the browser applies to a query, so a page is found
    // whichever script the query is typed in (the index holds the Simplified text).
    files.extend(t2s.into_iter().map(|(p, c)| (p, c.into_bytes())));
    files.par_iter().try_for_each(|(p, b)| put(p, b))?;

    // The directory's name: the hash of every file's path and hash, in path order.
    let mut all = written.into_inner().map_err(|_| std::io::Error::other("a search writer panicked"))?;
    all.sort();
    let mut hash = Sha256::new();
    for (path, sha, _) in &all {
        hash.update(path.as_bytes());
        hash.update([0]);
        hash.update(sha.as_bytes());
    }
    let digest = hash.finalize();
    let dir = format!("v-{}/", digest.iter().take(5).map(|b| format!("{b:02x}")).collect::<String>());
    out.rename_dir(PENDING_DIR, &format!("search/{}", dir.trim_end_matches('/')))?;
    let index = IndexJson {
        format: FORMAT,
        dir,
        pages: records.len(),
        shards,
        chunk,
        head: settings.head,
        impact: [score::IMPACT_MIN, impact_max],
    };
    let index_json = serde_json::to_vec(&index).map_err(std::io::Error::other)?;
    out.write("search/index.json", &index_json)?;
    stats.shards = shards;
    stats.chunk = chunk;
    stats.files = all.len() + 1;
    stats.bytes = all.iter().map(|f| f.2).sum::<u64>() + index_json.len() as u64;
    lap(&mut stats, "  search: filters+tables+write");
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(yaml: &str) -> ClusterConfig {
        serde_yaml_ng::from_str(&format!("name: x\nportal: p\n{yaml}")).unwrap()
    }

    #[test]
    fn settings_have_defaults_and_reject_unknown_keys() {
        assert_eq!(Settings::from_config(&cfg("")).unwrap(), Settings::default());
        let s = Settings::from_config(&cfg("search:\n  enabled: false\n  head: 100\n")).unwrap();
        assert!(!s.enabled && s.head == 100);
        let e = Settings::from_config(&cfg("search:\n  heads: 1\n")).unwrap_err();
        assert!(e.message.contains("heads"), "{e:?}");
        assert!(Settings::from_config(&cfg("search:\n  head: 0\n")).is_err());
    }
}
