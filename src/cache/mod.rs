//! The content-hash build cache (`ROOT/.zhanqun-cache/`), so that a build after a small edit
//! does little work and a build after no edit does almost none.
//!
//! Two levels, both keyed by SHA-256 of contents, never by time alone:
//!
//! - **inputs** ([`Stamps`]): every input file (settings, sites, theme, content) with its size,
//!   modification time and content hash. A file whose size and time did not move keeps its
//!   hash (as git's index does); any other is read and hashed again. When every input, the
//!   build options and the output's `manifest.json` are what the last build left, the build
//!   is up to date and writes nothing.
//! - **pages** ([`PageMemo`]): each Markdown page's output is remembered with a key that
//!   covers everything its rendering reads ([`memo`]): its source's hash, its neighbours,
//!   the site and cluster views, the theme, and how the links its last rendering resolved
//!   resolve now ([`links`]). A page whose key did not change is not rendered: its earlier
//!   file is linked into the new output.
//!
//! - **feed entries** ([`feeds`]): each feed entry (a page's body with absolute links) by its
//!   page's key.
//! - **parsed pages** ([`parsed`]): each page's identity and front matter by its source's
//!   hash, so that only the files that changed are read and parsed again.
//!
//! The cache is only ever an optimisation: a missing, damaged or foreign cache means a full
//! build, and `zhanqun build --no-cache` ignores it. `tests/testsuite/incremental.rs` asserts that every
//! cached build equals a clean one byte for byte.

mod buckets;
mod digest;
mod feeds;
mod groups;
pub mod links;
pub mod memo;
mod parsed;
mod presized;
mod run;

pub use digest::{Hex, Sha256Digest};
pub use feeds::{FeedEntries, FeedFiles};
pub use groups::GroupFiles;
pub use links::{LinkRecord, MemoLinks};
pub use run::{CacheRun, Finished, Reused, WithContext};

use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::FileEntry;
use crate::rewrite::{CrossRef, Ids};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The cache directory under the cluster root (`build --cache-dir` places it elsewhere: every
/// function of the cache takes the directory itself).
pub const DIR: &str = ".zhanqun-cache";
/// The cache file of the inputs and figures, read by every build (postcard: at 100,000 pages,
/// its JSON took longer to read than the rest of a build that found nothing to do); the name
/// carries the format version.
const FILE: &str = "build-v2.bin";
/// The cache folder of the page memos, read only when something changed: one postcard file
/// per bucket of URLs ([`buckets`]; each with the table of links its records name, see
/// [`LinkRecord`]), of which a build writes only those whose memos changed; the shared parts'
/// links in its index.
const PAGES_DIR: &str = "pages-v4";

/// Size, modification time and content hash of one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: i128,
    /// SHA-256 of the contents (written as hex).
    pub sha256: Sha256Digest,
}

/// Every input file by path relative to the root (`/`-separated).
pub type Stamps = BTreeMap<String, Stamp>;

/// What one page's rendering produced, to reuse when its key is unchanged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageMemo {
    /// Its key when it was written: a page's or generated page's [`memo::linked_key`], a
    /// feed's or catalog's own.
    pub key: String,
    /// Its output file.
    pub entry: FileEntry,
    /// Its element ids (targets of anchors from other pages).
    pub ids: Ids,
    /// Its links with a fragment into other pages.
    pub cross: Vec<CrossRef>,
    /// The links its rewrite resolved against the build's URLs, for a page or a generated
    /// page (not for a feed or catalog file, keyed otherwise).
    pub links: Option<LinkRecord>,
}

/// A [`PageMemo`] as the next build holds it: read as one, and taken out whole by the one job
/// that reuses it ([`CacheRun::take_reused`]) instead of copied — at 100,000 pages, copying
/// every reused page's ids and anchors and then freeing the memos was ~5% of a cached build.
/// Boxed: the map of slots lives until every page is decided, and a slot taken then holds
/// only its pointer (at 100,000 pages, the map with the memos in it was ~42 MB).
#[derive(Debug, Deserialize)]
#[serde(from = "PageMemo")]
pub struct MemoSlot(std::sync::Mutex<Option<Box<PageMemo>>>);

impl From<PageMemo> for MemoSlot {
    fn from(memo: PageMemo) -> Self {
        MemoSlot(std::sync::Mutex::new(Some(Box::new(memo))))
    }
}

impl MemoSlot {
    /// The memo, held alone (`None` once taken).
    fn get_mut(&mut self) -> Option<&mut PageMemo> {
        self.0.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner).as_deref_mut()
    }

    /// The memo, locked (`None` once taken).
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Box<PageMemo>>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A [`PageMemo`] borrowed from a finished build, its links not yet placed in its bucket's
/// table.
struct PageMemoRef<'a> {
    key: &'a str,
    entry: &'a FileEntry,
    ids: &'a Ids,
    cross: &'a [CrossRef],
    links: Option<&'a MemoLinks>,
}

/// The page memos a finished build leaves, serialized as the map of [`PageMemo`]s they are
/// read back into, straight from what the build holds (at 100,000 pages, a copy of them all
/// was the build's last peak of memory).
pub struct MemoTable<'a> {
    /// (URL, key, links) of each page to remember ([`memo::linked_key`] and its links, or a
    /// feed's or catalog's key and none).
    pub pages: &'a [(String, String, Option<MemoLinks>)],
    /// Every file written, sorted by path (as in the manifest).
    pub files: &'a [FileEntry],
    /// Element ids by URL.
    pub ids: &'a HashMap<String, Ids>,
    /// Links with a fragment into other pages, by URL.
    pub cross: &'a HashMap<String, Vec<CrossRef>>,
    /// The previous build's table of links, which the pages' kept records
    /// ([`MemoLinks::Kept`]) name by place.
    pub hrefs: &'a [String],
    /// The shared parts the pages' [`LinkRecord`]s name: (id, links).
    pub chromes: &'a [([u8; 16], Vec<String>)],
}

impl MemoTable<'_> {
    /// The memo of page (`url`, `key`, `links`), when its file was written.
    fn entry<'p>(
        &'p self,
        (url, key, links): &'p (String, String, Option<MemoLinks>),
    ) -> Option<(&'p String, PageMemoRef<'p>)> {
        let path = crate::emit::url_file(url);
        let entry = &self.files[self.files.binary_search_by(|e| e.path.as_str().cmp(&path)).ok()?];
        let ids = self.ids.get(url).unwrap_or(&crate::rewrite::NO_IDS);
        let cross = self.cross.get(url).map_or(&[][..], Vec::as_slice);
        Some((url, PageMemoRef { key, entry, ids, cross, links: links.as_ref() }))
    }
}

/// A [`PageMemo`] as a bucket's file holds it (serialized as one), its links' places in the
/// bucket's own table.
#[derive(Serialize)]
struct BucketMemo<'a> {
    key: &'a str,
    entry: &'a FileEntry,
    ids: &'a Ids,
    cross: &'a [CrossRef],
    links: Option<LinkRecord>,
}

/// A bucket's file: the links its records name, by place, and each memo by URL.
type MemoBucket<'a> = (Vec<std::borrow::Cow<'a, str>>, Vec<(&'a String, BucketMemo<'a>)>);

impl MemoTable<'_> {
    /// The memos to write, by bucket of URLs ([`buckets`]). A bucket's digest covers its URLs,
    /// keys and files' hashes, which decide the rest of a memo (a key covers how the page's
    /// links resolve), so an unchanged bucket's file is not written again.
    fn buckets(&self) -> Vec<buckets::Bucket<Vec<(&String, PageMemoRef<'_>)>>> {
        use rayon::prelude::*;
        let found: Vec<Option<(&String, PageMemoRef<'_>)>> = self.pages.par_iter().map(|p| self.entry(p)).collect();
        buckets::split(
            found.into_iter().flatten(),
            |(url, _)| url_group(url),
            |h, (url, memo)| {
                for part in [url.as_str(), memo.key, &memo.entry.sha256] {
                    h.update(part.as_bytes());
                    h.update([0]);
                }
            },
        )
    }

    /// The file of a bucket of memos to write: its own table of the links its records name
    /// ([`links::BucketTable`]), then each memo.
    fn bucket_bytes(&self, memos: &[(&String, PageMemoRef<'_>)]) -> std::io::Result<Vec<u8>> {
        let mut table = links::BucketTable::new(self.hrefs);
        let entries: Vec<(&String, BucketMemo<'_>)> = memos
            .iter()
            .map(|&(url, ref m)| {
                let links = m.links.map(|l| table.place(l));
                (url, BucketMemo { key: m.key, entry: m.entry, ids: m.ids, cross: m.cross, links })
            })
            .collect();
        let file: MemoBucket<'_> = (table.into_links(), entries);
        buckets::postcard_bytes(&file)
    }
}

/// The group of a URL for its bucket: its first segment (a site, or a column of the portal).
fn url_group(url: &str) -> &str {
    url.trim_start_matches('/').split('/').next().unwrap_or_default()
}

/// The previous build's page memos by URL, as read: one map per bucket ([`buckets`]), not
/// gathered into one (at 100,000 pages, moving them into one map held both for a while).
#[derive(Debug, Default)]
pub struct Memos(Vec<HashMap<String, MemoSlot>>);

impl Memos {
    /// The memo of the file at `url`.
    pub fn get(&self, url: &str) -> Option<&MemoSlot> {
        self.0.get(buckets::bucket_of(url_group(url)))?.get(url)
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(HashMap::is_empty)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.iter().map(HashMap::len).sum()
    }

    /// The memos of pages (URLs ending in `/`), taken out; those of other files (few: feeds,
    /// catalog files) stay. The few are moved into new maps, not the many.
    pub fn take_pages(&mut self) -> Memos {
        let files = Memos(self.0.iter_mut().map(|m| m.extract_if(|url, _| !url.ends_with('/')).collect()).collect());
        std::mem::replace(self, files)
    }
}

/// The header of the page memos' index: they belong with the output whose manifest they name.
fn pages_header(version: &str, manifest_sha256: &str) -> String {
    format!("{version} {manifest_sha256}")
}

/// A warning as stored (a [`Diagnostic`]'s rule is a `&'static str`).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredDiagnostic {
    file: PathBuf,
    line: Option<usize>,
    rule: String,
    message: String,
    help: Option<String>,
}

/// The cache file.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct BuildCache {
    /// zhanqun's version: another version's cache is not used.
    version: String,
    /// [`options_key`] of the build that wrote it.
    pub options: String,
    /// The inputs it was built from.
    #[serde(deserialize_with = "presized::sorted_map")]
    pub inputs: Stamps,
    /// SHA-256 of the `manifest.json` it wrote.
    pub manifest_sha256: String,
    /// Figures of that build, reported again when nothing changed.
    pub pages: usize,
    /// Scheduled pages left out.
    pub scheduled: Vec<crate::assemble::ScheduledPage>,
    /// Drafts, left out or (in a preview) built with a banner.
    #[serde(default)]
    pub drafts: Vec<PathBuf>,
    /// Files written, manifest included.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    warnings: Vec<StoredDiagnostic>,
    /// Page URL → what its rendering produced, as read (stored in its own file, see
    /// [`PAGES_FILE`]; written from a [`MemoTable`]).
    #[serde(skip)]
    pub memos: Memos,
    /// The links the memos name, by place ([`LinkRecord`]), read with them.
    #[serde(skip)]
    pub hrefs: Vec<String>,
    /// The links of the shared parts the memos name (id, links), read with them.
    #[serde(skip)]
    pub chromes: Vec<([u8; 16], Vec<String>)>,
}

impl BuildCache {
    /// Reads the cache in the directory `dir` without its page memos; an empty one when there
    /// is none or it cannot be used.
    pub fn read(dir: &Path) -> BuildCache {
        let Ok(bytes) = std::fs::read(dir.join(FILE)) else { return BuildCache::default() };
        match postcard::from_bytes::<BuildCache>(&bytes) {
            Ok(c) if c.version == env!("CARGO_PKG_VERSION") => c,
            _ => BuildCache::default(),
        }
    }

    /// Reads the page memos that belong with this cache (none when they cannot be used).
    pub fn read_memos(&mut self, dir: &Path) {
        let header = pages_header(env!("CARGO_PKG_VERSION"), &self.manifest_sha256);
        type Read = (Vec<String>, HashMap<String, MemoSlot>);
        let decode = |bytes: &[u8]| -> Option<Read> {
            let (table, rest) = postcard::take_from_bytes::<Vec<String>>(bytes).ok()?;
            Some((table, presized::map(&mut postcard::Deserializer::from_bytes(rest)).ok()?))
        };
        let Some((shared, read)) = buckets::read(&dir.join(PAGES_DIR), &header, decode) else { return };
        let Ok(chromes) = postcard::from_bytes(&shared) else { return };
        // One table: each bucket's after the others', its records' places moved as far.
        let mut by: Vec<HashMap<String, MemoSlot>> = (0..buckets::BUCKETS).map(|_| HashMap::new()).collect();
        let mut hrefs = Vec::new();
        for (n, (table, mut bucket)) in read {
            let shift = hrefs.len() as u32;
            hrefs.extend(table);
            if shift > 0 {
                for slot in bucket.values_mut() {
                    if let Some(links) = slot.get_mut().and_then(|m| m.links.as_mut()) {
                        links.shift(shift);
                    }
                }
            }
            by[n] = bucket;
        }
        self.memos = Memos(by);
        self.hrefs = hrefs;
        self.chromes = chromes;
    }

    /// Writes the cache into the directory `dir` with the page memos `memos` (serialized as a map of
    /// [`PageMemo`]s by URL, see [`MemoTable`]), each file atomically (a reader never sees
    /// half a file).
    pub fn write_with(mut self, dir: &Path, memos: &MemoTable<'_>) -> std::io::Result<()> {
        self.version = env!("CARGO_PKG_VERSION").to_owned();
        std::fs::create_dir_all(dir)?;
        let _ = std::fs::write(dir.join(".gitignore"), "*\n");
        let shared = postcard::to_allocvec(memos.chromes).map_err(std::io::Error::other)?;
        let header = pages_header(&self.version, &self.manifest_sha256);
        buckets::write(&dir.join(PAGES_DIR), &header, &shared, &memos.buckets(), |b| memos.bucket_bytes(b))?;
        write_file(dir, FILE, &self)?;
        // The files of earlier versions, read by none.
        for old in ["build-v1.json", "pages-v1.json", "pages-v2.bin", "pages-v3.bin", "feeds-v1.bin", "parsed-v1.bin"] {
            let _ = std::fs::remove_file(dir.join(old));
        }
        for old in ["pages-v3", "parsed-v2"] {
            let _ = std::fs::remove_dir_all(dir.join(old));
        }
        Ok(())
    }

    /// The warnings of the build that wrote the cache.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.warnings
            .iter()
            .map(|w| Diagnostic {
                file: w.file.clone(),
                line: w.line,
                severity: Severity::Warning,
                rule: intern(&w.rule),
                message: w.message.clone(),
                help: w.help.clone(),
            })
            .collect()
    }

    /// Keeps `warnings` for a later up-to-date build to report.
    pub fn set_warnings(&mut self, warnings: &[Diagnostic]) {
        self.warnings = warnings
            .iter()
            .map(|d| StoredDiagnostic {
                file: d.file.clone(),
                line: d.line,
                rule: d.rule.to_owned(),
                message: d.message.clone(),
                help: d.help.clone(),
            })
            .collect();
    }
}

/// Writes file `name` of `dir` atomically (a reader never sees half a file): `write` fills a
/// temporary file beside it, which then takes its name; on failure the temporary file goes.
fn write_atomically(dir: &Path, name: &str, write: impl FnOnce(&Path) -> std::io::Result<()>) -> std::io::Result<()> {
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    write(&tmp).and_then(|_| std::fs::rename(&tmp, dir.join(name))).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Writes `bytes` as file `name` of `dir` atomically.
fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically(dir, name, |tmp| std::fs::write(tmp, bytes))
}

/// Streams `value` (postcard) into file `name` of `dir` atomically.
fn write_file(dir: &Path, name: &str, value: &impl Serialize) -> std::io::Result<()> {
    use std::io::Write;
    write_atomically(dir, name, |tmp| {
        let w = std::io::BufWriter::new(std::fs::File::create(tmp)?);
        postcard::to_io(value, w).map_err(std::io::Error::other).and_then(|mut w| w.flush())
    })
}

/// The `&'static str` for a rule name read back from the cache (a small, fixed set).
fn intern(rule: &str) -> &'static str {
    use std::sync::{Mutex, OnceLock};
    static RULES: OnceLock<Mutex<Vec<&'static str>>> = OnceLock::new();
    let mut rules = RULES.get_or_init(|| Mutex::new(Vec::new())).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(r) = rules.iter().find(|r| **r == rule) {
        return r;
    }
    let r: &'static str = Box::leak(rule.to_owned().into_boxed_str());
    rules.push(r);
    r
}

/// The key of everything about a build that is not an input file: the day it runs as (it
/// decides which pages are published), whether drafts are included (a preview with drafts must
/// never be taken for a later build's output, nor its pages reused there), the base URL, the
/// output directory, whether `.gz` copies are written, and the language of the
/// messages (the cache keeps the warnings as they were written).
pub fn options_key(today: chrono::NaiveDate, base_url: &str, out: &Path, precompress: bool, drafts: bool) -> String {
    options_digest(Some(today), base_url, out, precompress, drafts)
}

/// [`options_key`] without the day: what every page's key has of the options. A page shows
/// nothing of the day but what its key adds itself (a review notice, [`memo::page_base`]; the
/// letter reports' counts, in their context): on a new day the pages are taken from the cache
/// like on any other build, where a day in every key rendered all 100,000 pages again at the
/// first build of each day (the daily scheduled build among them).
pub fn page_options_key(base_url: &str, out: &Path, precompress: bool, drafts: bool) -> String {
    options_digest(None, base_url, out, precompress, drafts)
}

/// SHA-256 (hex) of the options, with the day when given.
fn options_digest(
    today: Option<chrono::NaiveDate>,
    base_url: &str,
    out: &Path,
    precompress: bool,
    drafts: bool,
) -> String {
    let mut h = Sha256::new();
    let lang = format!("{:?}", crate::messages::lang());
    for part in [
        today.map_or_else(|| "any day".to_owned(), |d| d.to_string()),
        base_url.to_owned(),
        same_place(out).display().to_string(),
        precompress.to_string(),
        lang,
        format!("drafts={drafts}"),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    hex::encode(h.finalize())
}

/// `out` as an absolute path without `.` components or a trailing `/`: `--out public`,
/// `--out ./public/` and `--out /srv/site/public` run from `/srv/site` name one output, whose
/// pages the next build may reuse (each spelling had its own key, and a build after a build
/// that spelled it otherwise rendered every page again). Symbolic links are not followed.
fn same_place(out: &Path) -> PathBuf {
    std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf()).components().collect()
}

/// Stamps `files` (relative path, absolute path), reusing the hash of `old` for a file whose
/// size and modification time are unchanged. Each run of files in one folder is looked at
/// from that folder ([`Folder`]), the runs side by side.
pub fn stamp(files: &[(String, PathBuf)], old: &Stamps) -> std::io::Result<Stamps> {
    use rayon::prelude::*;
    let runs: Vec<&[(String, PathBuf)]> = files.chunk_by(|a, b| a.1.parent() == b.1.parent()).collect();
    let stamps: Vec<(String, Stamp)> = runs
        .par_iter()
        .flat_map_iter(|run| {
            let folder = run[0].1.parent().map(Folder::open);
            run.iter().map(move |(rel, abs)| {
                let (size, mtime) = match (&folder, abs.file_name()) {
                    (Some(folder), Some(name)) => folder.size_and_time(abs, name)?,
                    _ => size_and_time(&std::fs::metadata(abs)?),
                };
                if let Some(s) = old.get(rel).filter(|s| s.size == size && s.mtime == mtime) {
                    return Ok((rel.clone(), s.clone()));
                }
                let bytes = std::fs::read(abs)?;
                Ok((rel.clone(), Stamp { size: bytes.len() as u64, mtime, sha256: Sha256Digest::of(&bytes) }))
            })
        })
        .collect::<std::io::Result<_>>()?;
    // Built from a vector, the map is sorted once and filled in bulk; collected from a parallel
    // iterator it took each of 100,000 paths by a search from its root.
    Ok(stamps.into_iter().collect())
}

/// A folder whose files are looked at by name (`fstatat`): at 100,000 files, resolving each
/// file's whole path again was most of the time of stamping the inputs.
struct Folder {
    #[cfg(unix)]
    fd: Option<rustix::fd::OwnedFd>,
}

impl Folder {
    /// The folder at `dir` (when it cannot be opened, its files are looked at by path).
    fn open(dir: &Path) -> Folder {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::RDONLY;
            Folder { fd: rustix::fs::open(dir, flags, Mode::empty()).ok() }
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Folder {}
        }
    }

    /// The size and modification time ([`mtime_ns`]) of the file `name` in it (whose whole
    /// path is `abs`), following symbolic links as `std::fs::metadata` does.
    fn size_and_time(&self, abs: &Path, name: &std::ffi::OsStr) -> std::io::Result<(u64, i128)> {
        #[cfg(unix)]
        if let Some(fd) = &self.fd {
            let st = rustix::fs::statat(fd, name, rustix::fs::AtFlags::empty()).map_err(std::io::Error::from)?;
            let ns = i128::from(st.st_mtime) * 1_000_000_000 + i128::from(st.st_mtime_nsec);
            return Ok((st.st_size as u64, ns.max(0)));
        }
        let _ = name;
        Ok(size_and_time(&std::fs::metadata(abs)?))
    }
}

/// The size and modification time ([`mtime_ns`]) in `meta`.
fn size_and_time(meta: &std::fs::Metadata) -> (u64, i128) {
    (meta.len(), mtime_ns(meta))
}

/// A file's modification time in nanoseconds since the epoch (0 when unknown).
fn mtime_ns(meta: &std::fs::Metadata) -> i128 {
    meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos() as i128)
}

impl Stamp {
    /// The stamp of a file with metadata `meta` (its time) and contents `bytes`.
    pub fn of(meta: &std::fs::Metadata, bytes: &[u8]) -> Stamp {
        Stamp { size: bytes.len() as u64, mtime: mtime_ns(meta), sha256: Sha256Digest::of(bytes) }
    }
}

/// The input files of a cluster that are read from disk during a build: the settings, the
/// sites' files and the content. (The theme is hashed from memory, see [`memo::Globals`].)
pub fn input_files(cluster: &crate::load::Cluster, sources: &[crate::scan::SourceFile]) -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = ["zhanqun.yaml", "columns.yaml"]
        .iter()
        .map(|f| (f.to_string(), cluster.root.join(f)))
        .filter(|(_, p)| p.is_file())
        .collect();
    files.extend(cluster.sites.iter().map(|s| (rel(&s.file), cluster.root.join(&s.file))));
    for t in &cluster.topics {
        files.extend(
            std::iter::once(&t.file).chain(t.files.iter().map(|(f, _)| f)).map(|f| (rel(f), cluster.root.join(f))),
        );
    }
    files.extend(sources.iter().map(|s| (rel(&s.rel), s.abs.clone())));
    files
}

/// A relative path with `/` separators, as stamps are keyed.
pub fn rel(p: &Path) -> String {
    rel_str(p).into_owned()
}

/// [`rel`], borrowed where the path is already one (every path on Unix): looked up 100,000
/// times per build.
pub fn rel_str(p: &Path) -> std::borrow::Cow<'_, str> {
    match p.to_string_lossy() {
        std::borrow::Cow::Borrowed(s) if !s.contains('\\') => std::borrow::Cow::Borrowed(s),
        s => std::borrow::Cow::Owned(s.replace('\\', "/")),
    }
}

/// SHA-256 of a file, hex; `None` when it cannot be read.
pub fn file_sha256(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| hex::encode(Sha256::digest(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page memos written in parallel runs are the bytes one serializer writes, and read
    /// back as the memos: over several runs, with ids, anchors, and a page without a file.
    #[test]
    fn one_output_spelled_two_ways_has_one_key() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let key = |out: &str| options_key(day, "", Path::new(out), false, false);
        let here = std::env::current_dir().unwrap();
        assert_eq!(key("public"), key("./public/"));
        assert_eq!(key("public"), key(here.join("public").to_str().unwrap()));
        assert_ne!(key("public"), key("public2"));
        // The day is in the options, not in what pages are keyed by.
        let next = day.succ_opt().unwrap();
        assert_ne!(key("public"), options_key(next, "", Path::new("public"), false, false));
        let page = |out: &str| page_options_key("", Path::new(out), false, false);
        assert_eq!(page("public"), page("./public/"));
        assert_ne!(page("public"), key("public"));
        assert_ne!(page("public"), page_options_key("", Path::new("public"), false, true));
    }

    #[test]
    fn memos_are_read_back_from_their_buckets_with_their_links() {
        let n = 5000;
        // Pages of five sites: several buckets.
        let url = |i: usize| format!("/s{}/c/{i}/", i % 5);
        let pages: Vec<(String, String, Option<MemoLinks>)> = (0..n)
            .map(|i| {
                let links = MemoLinks::made(&[format!("/s/c/{}/", i + 1), "/".into()], vec![]).filter(|_| i % 2 == 0);
                (url(i), format!("key{i}"), links)
            })
            .collect();
        // A first build: no previous table.
        let hrefs: Vec<String> = Vec::new();
        let mut files: Vec<FileEntry> = (0..n)
            .filter(|i| i % 7 != 3)
            .map(|i| FileEntry {
                path: format!("{}index.html", &url(i)[1..]),
                size: i as u64,
                sha256: format!("{i:064x}"),
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let ids: HashMap<String, Ids> =
            (0..n).step_by(3).map(|i| (url(i), Ids::from(vec![format!("id{i}"), "main".into()]))).collect();
        let cross: HashMap<String, Vec<CrossRef>> = (0..n)
            .step_by(11)
            .map(|i| {
                let r = CrossRef {
                    src: PathBuf::from(format!("content/{i}.md")),
                    line: Some(i),
                    href: format!("../{i}/#a"),
                    target: format!("/s/c/{i}/"),
                    fragment: "a".into(),
                };
                (url(i), vec![r])
            })
            .collect();
        let header = ["/".to_string(), "/s/".to_string()];
        let chromes = [([3u8; 16], header.to_vec())];
        let table =
            MemoTable { pages: &pages, files: &files, ids: &ids, cross: &cross, hrefs: &hrefs, chromes: &chromes };
        let tmp = tempfile::tempdir().unwrap();
        let cache = BuildCache { manifest_sha256: "abc".into(), ..BuildCache::default() };
        cache.write_with(tmp.path(), &table).unwrap();
        let mut read = BuildCache::read(tmp.path());
        assert_eq!(read.manifest_sha256, "abc");
        read.read_memos(tmp.path());
        assert_eq!(read.memos.len(), n - (0..n).filter(|i| i % 7 == 3).count());
        let m = read.memos.get(&url(33)).unwrap().lock().take().unwrap();
        assert_eq!((m.key.as_str(), m.entry.size, m.ids.len(), m.cross.len()), ("key33", 33, 2, 1));
        assert_eq!((m.links, &read.chromes[..]), (None, &[([3u8; 16], header.to_vec())][..]));
        for i in [44, 1000, 4998] {
            let m = read.memos.get(&url(i)).unwrap().lock().take().unwrap();
            let named: Vec<&str> = m.links.unwrap().places().iter().map(|&p| read.hrefs[p as usize].as_str()).collect();
            assert_eq!(named, [format!("/s/c/{}/", i + 1).as_str(), "/"], "page {i}");
        }
        assert!(read.hrefs.len() <= n / 2 + 5, "each link once a bucket");

        // The next build reuses every page but one, whose links changed: the kept records
        // name their links in the table read, and are written again only in the changed bucket.
        let mut next_read = read;
        let kept: Vec<(String, String, Option<MemoLinks>)> = (0..n)
            .filter(|i| i % 7 != 3)
            .map(|i| {
                let m = next_read.memos.get(&url(i)).unwrap().lock().take().unwrap_or_else(|| {
                    Box::new(PageMemo {
                        key: format!("key{i}"),
                        entry: files.iter().find(|f| f.path == format!("{}index.html", &url(i)[1..])).unwrap().clone(),
                        ids: Ids::default(),
                        cross: Vec::new(),
                        links: None,
                    })
                });
                let links = match i {
                    44 => MemoLinks::made(&["/new/".into()], vec![[3u8; 16]]),
                    _ => m.links.map(MemoLinks::Kept),
                };
                (url(i), format!("key{i}{}", if i == 44 { "b" } else { "" }), links)
            })
            .collect();
        let table = MemoTable { pages: &kept, hrefs: &next_read.hrefs, ..table };
        let before: Vec<_> =
            std::fs::read_dir(tmp.path().join(PAGES_DIR)).unwrap().flatten().map(|e| e.file_name()).collect();
        let cache = BuildCache { manifest_sha256: "ghi".into(), ..BuildCache::default() };
        cache.write_with(tmp.path(), &table).unwrap();
        let after: Vec<_> =
            std::fs::read_dir(tmp.path().join(PAGES_DIR)).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(after.iter().filter(|f| !before.contains(f)).count(), 1, "one bucket's file written again");
        next_read = BuildCache { manifest_sha256: "ghi".into(), ..BuildCache::default() };
        next_read.read_memos(tmp.path());
        let named = |read: &BuildCache, i: usize| -> Vec<String> {
            let m = read.memos.get(&url(i)).unwrap().lock().take().unwrap();
            m.links.unwrap().places().iter().map(|&p| read.hrefs[p as usize].clone()).collect()
        };
        assert_eq!(named(&next_read, 44), ["/new/".to_string(), links::chrome_entry(&[3u8; 16])]);
        for i in [4, 1000, 4998] {
            assert_eq!(named(&next_read, i), [format!("/s/c/{}/", i + 1), "/".into()], "page {i}");
        }
        // Memos belong with the output whose manifest they name.
        let mut other = BuildCache { manifest_sha256: "def".into(), ..BuildCache::default() };
        other.read_memos(tmp.path());
        assert!(other.memos.is_empty());
    }
}
