//! A shard's prepared part of the search index, and the index `merge` makes of every shard's.
//!
//! A shard of a sharded build (`build --sites`) numbers every page of the cluster as a whole
//! build does, renders its own pages and tokenizes their texts group by group like the whole
//! build, but where a group holds pages of another shard it tokenizes only its own run of
//! them. Instead of the index it writes, into the shard's build-internal area (never
//! published, never in the manifest), the *part*: one file [`PART_FILE`] — a header with
//! [`PART_FORMAT`] and a checksum, then, encoded with postcard, the cluster-wide [`Plan`],
//! the result record of each of its pages and the postings of each run ([`Chunk`]) — and the
//! stored text of each run as `text/<first page id>.bin`.
//!
//! `merge` ([`merge_parts`]) reads every shard's part, checks that the runs cover every page
//! once, joins the runs' texts into the text files of the whole build, and inverts the runs'
//! postings as the whole build inverts its groups'. It reads no page: the index is
//! byte-identical to the whole build's because the postings of a group are the concatenation
//! of its runs' (`index::invert` does not depend on how the pages were cut into chunks).

use super::index::Chunk;
use super::indexer::{Plan, Writer};
use super::{Output, SearchError, Stats, store};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Directory of a shard's output holding what `merge` needs beside [`crate::emit::SIDECAR`]:
/// build-internal, not part of the manifest, never merged.
pub const PART_DIR: &str = ".zhanqun-shard";
/// The part file in [`PART_DIR`].
pub const PART_FILE: &str = "search.bin";
/// Version of the part's layout; bumped on any change, so that `merge` refuses a shard built
/// by another version instead of misreading it.
pub const PART_FORMAT: u32 = 2;
/// What a part file starts with.
const MAGIC: &[u8; 8] = b"ZQSHARD\n";

/// The text file of the run starting at page id `start`, in [`PART_DIR`].
pub(crate) fn text_file(start: u32) -> String {
    format!("text/{start}.bin")
}

/// One page as its result shows it ([`store::Record`], owned).
#[derive(Debug, Serialize, Deserialize)]
struct PageRecord {
    url: String,
    title: String,
    day: i64,
    site: u32,
    column: u32,
    genre: Option<u32>,
    doc_number: Option<String>,
}

impl PageRecord {
    fn of(r: &store::Record<'_>) -> PageRecord {
        PageRecord {
            url: r.url.to_owned(),
            title: r.title.to_owned(),
            day: r.day,
            site: r.site as u32,
            column: r.column as u32,
            genre: r.genre.map(|g| g as u32),
            doc_number: r.doc_number.map(str::to_owned),
        }
    }

    fn record(&self) -> store::Record<'_> {
        store::Record {
            url: &self.url,
            title: &self.title,
            day: self.day,
            site: self.site as usize,
            column: self.column as usize,
            genre: self.genre.map(|g| g as usize),
            doc_number: self.doc_number.as_deref(),
        }
    }
}

/// What one shard prepared for the index.
#[derive(Serialize, Deserialize)]
pub(crate) struct Part {
    plan: Plan,
    /// The page ids of the shard's pages, ascending…
    ids: Vec<u32>,
    /// …and their records.
    records: Vec<PageRecord>,
    /// The postings of each run of consecutive ids, by first id.
    runs: Vec<Chunk>,
}

impl Part {
    /// The part of the pages `ids` (ascending) with their `records` and the postings of their
    /// runs.
    pub(crate) fn new(plan: Plan, ids: Vec<u32>, records: Vec<store::Record<'_>>, runs: Vec<Chunk>) -> Part {
        Part { plan, ids, records: records.iter().map(PageRecord::of).collect(), runs }
    }

    /// Pages of the shard.
    pub(crate) fn pages(&self) -> usize {
        self.ids.len()
    }

    /// The bytes of [`PART_FILE`].
    pub(crate) fn encode(&self) -> std::io::Result<Vec<u8>> {
        let payload = postcard::to_stdvec(self).map_err(std::io::Error::other)?;
        let mut bytes = Vec::with_capacity(payload.len() + 44);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&PART_FORMAT.to_le_bytes());
        bytes.extend_from_slice(&Sha256::digest(&payload));
        bytes.extend_from_slice(&payload);
        Ok(bytes)
    }

    /// The part in `bytes`, read from `path` (for messages).
    fn decode(path: &Path, bytes: &[u8]) -> Result<Part, PartError> {
        let damaged = |error: String| PartError::Damaged { path: path.to_path_buf(), error };
        if bytes.len() < 44 || &bytes[..8] != MAGIC {
            return Err(damaged(crate::t!("merge-part-not-a-part")));
        }
        let format = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if format != PART_FORMAT {
            return Err(PartError::Format { path: path.to_path_buf(), found: format });
        }
        let payload = &bytes[44..];
        if Sha256::digest(payload)[..] != bytes[12..44] {
            return Err(damaged(crate::t!("merge-part-checksum")));
        }
        postcard::from_bytes(payload).map_err(|e| damaged(crate::t!("merge-part-undecodable", detail = e.to_string())))
    }

    /// The part in the shard output `dir`: its file's bytes are dropped once decoded.
    fn read(dir: &Path) -> Result<Part, PartError> {
        let path = dir.join(PART_DIR).join(PART_FILE);
        let bytes = match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(PartError::Missing(dir.to_path_buf())),
            other => other.map_err(|e| PartError::Read(path.clone(), e))?,
        };
        Part::decode(&path, &bytes)
    }
}

/// The [`Output`] of a shard's part: files written under [`PART_DIR`] of the staging tree,
/// listed nowhere.
pub struct PartOutput {
    root: PathBuf,
}

impl PartOutput {
    /// Writes under `output/`[`PART_DIR`].
    pub fn new(output: &Path) -> PartOutput {
        PartOutput { root: output.join(PART_DIR) }
    }
}

impl Output for PartOutput {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<String> {
        let path = self.root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
        Ok(String::new())
    }

    fn rename_dir(&self, from: &str, to: &str) -> std::io::Result<()> {
        std::fs::rename(self.root.join(from), self.root.join(to))
    }
}

/// Why the shards' parts could not be made into one index.
#[derive(Debug, thiserror::Error)]
pub enum PartError {
    /// A shard that should hold a part has none.
    #[error("{}", crate::t!("merge-part-missing", dir = .0.display().to_string(), file = format!("{PART_DIR}/{PART_FILE}")))]
    Missing(PathBuf),
    /// A part of another format (another version of zhanqun).
    #[error("{}", crate::t!("merge-part-format", path = .path.display().to_string(), found = *.found, expected = PART_FORMAT))]
    Format {
        /// The part file.
        path: PathBuf,
        /// Its format.
        found: u32,
    },
    /// A part that cannot be read as one.
    #[error("{}", crate::t!("merge-part-damaged", path = .path.display().to_string(), error = .error.as_str()))]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        error: String,
    },
    /// Two shards hold some of the same pages, cut differently.
    #[error("{}", crate::t!("merge-part-overlap", site = .site.as_str(), first = .first.display().to_string(), second = .second.display().to_string()))]
    Overlap {
        /// A site both hold.
        site: String,
        /// One shard.
        first: PathBuf,
        /// The other.
        second: PathBuf,
    },
    /// No shard holds the pages of a site.
    #[error("{}", crate::t!("merge-part-gap", site = .0.as_str()))]
    Gap(String),
    /// No shard was given.
    #[error("{}", crate::t!("merge-part-none"))]
    NoParts,
    /// Pages of a site are in a shard's runs but no shard holds their result records.
    #[error("{}", crate::t!("merge-part-no-records", site = .0.as_str()))]
    NoRecords(String),
    /// Two shards' parts were prepared for different clusters.
    #[error("{}", crate::t!("merge-part-plans-differ", first = .0.display().to_string(), second = .1.display().to_string()))]
    PlansDiffer(PathBuf, PathBuf),
    /// Reading a file failed.
    #[error("{}", crate::t!("pipeline-cannot-read", path = .0.display().to_string()))]
    Read(PathBuf, #[source] std::io::Error),
    /// Writing the index failed.
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// A run of pages of one shard.
struct Run {
    chunk: Chunk,
    /// Index of its shard.
    shard: usize,
}

/// Writes into `out` the search index of the cluster whose shards' outputs are `shards`, from
/// their parts: byte-identical to the index of a whole build of the same cluster.
///
/// The parts are read one after another, each file's bytes dropped as soon as it is decoded
/// and its records and runs moved into the joined ones before the next is read: at 100,000
/// pages a part is tens of megabytes, and the postings of every part are held anyway until
/// they are inverted.
pub fn merge_parts(shards: &[PathBuf], out: &dyn Output) -> Result<Stats, PartError> {
    let clock = std::time::Instant::now();
    let part_file = |shard: usize| shards[shard].join(PART_DIR).join(PART_FILE);
    let mut plan: Option<Plan> = None;
    let mut records: Vec<Option<PageRecord>> = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    for (shard, dir) in shards.iter().enumerate() {
        let Part { plan: own, ids, records: own_records, runs: own_runs } = Part::read(dir)?;
        if plan.as_ref().is_some_and(|first| *first != own) {
            return Err(PartError::PlansDiffer(shards[0].clone(), dir.clone()));
        }
        let plan = plan.get_or_insert_with(|| {
            records = (0..own.pages).map(|_| None).collect();
            own
        });
        if ids.len() != own_records.len() || ids.iter().any(|&id| id as usize >= plan.pages) {
            return Err(PartError::Damaged { path: part_file(shard), error: crate::t!("merge-part-bad-pages") });
        }
        for (id, r) in ids.into_iter().zip(own_records) {
            records[id as usize].get_or_insert(r);
        }
        runs.extend(own_runs.into_iter().map(|chunk| Run { chunk, shard }));
    }
    let Some(plan) = plan else { return Err(PartError::NoParts) };
    let site_of = |id: u32| {
        let site = plan.site_starts.partition_point(|&s| s <= id).saturating_sub(1);
        plan.sites.get(site).map(|s| s.0.clone()).unwrap_or_default()
    };
    // The runs must cover every page once (the same run from two shards counts once).
    runs.sort_by_key(|r| (r.chunk.start(), r.chunk.len()));
    let group_of = |id: usize| plan.groups.partition_point(|&s| s as usize <= id);
    let mut next = 0usize;
    let mut kept: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        let (start, len) = (run.chunk.start() as usize, run.chunk.len());
        if let Some(prev) = kept.last()
            && start < next
        {
            if (prev.chunk.start() as usize, prev.chunk.len()) == (start, len) {
                continue;
            }
            return Err(PartError::Overlap {
                site: site_of(start as u32),
                first: shards[prev.shard].clone(),
                second: shards[run.shard].clone(),
            });
        }
        if start > next {
            return Err(PartError::Gap(site_of(next as u32)));
        }
        if len == 0 || group_of(start) != group_of(start + len - 1) {
            let error = crate::t!("merge-part-bad-run", start = start, len = len);
            return Err(PartError::Damaged { path: part_file(run.shard), error });
        }
        next = start + len;
        kept.push(run);
    }
    if next < plan.pages {
        return Err(PartError::Gap(site_of(next as u32)));
    }
    if let Some(id) = records.iter().position(Option::is_none) {
        return Err(PartError::NoRecords(site_of(id as u32)));
    }
    // The text file of each group: its runs' texts, in order, read straight into a buffer of
    // the group's size.
    let writer = Writer::new(out);
    let texts: Vec<u64> = (0..plan.groups.len())
        .into_par_iter()
        .map(|k| {
            let group = super::groups::range(&plan.groups, k, plan.pages);
            let first = kept.partition_point(|r| (r.chunk.start() as usize) < group.start);
            let last = kept.partition_point(|r| (r.chunk.start() as usize) < group.end);
            let size: u64 = kept[first..last].iter().map(|r| r.chunk.text_bytes()).sum();
            let mut text = Vec::with_capacity(size as usize);
            for run in &kept[first..last] {
                let path = shards[run.shard].join(PART_DIR).join(text_file(run.chunk.start()));
                let from = text.len();
                std::fs::File::open(&path)
                    .and_then(|mut f| std::io::Read::read_to_end(&mut f, &mut text))
                    .map_err(|e| PartError::Read(path.clone(), e))?;
                let found = (text.len() - from) as u64;
                if found != run.chunk.text_bytes() {
                    let error = crate::t!("merge-part-text-size", found = found, expected = run.chunk.text_bytes());
                    return Err(PartError::Damaged { path, error });
                }
            }
            writer.put(&Writer::text_file(k), &text).map_err(SearchError::from)?;
            Ok(text.len() as u64)
        })
        .collect::<Result<_, PartError>>()?;
    let stats = Stats { text_bytes: texts.iter().sum(), ..Stats::default() };
    let chunks: Vec<Chunk> = kept.into_iter().map(|r| r.chunk).collect();
    let mut views: Vec<store::Record<'_>> = Vec::with_capacity(plan.pages);
    views.extend(records.iter().flatten().map(PageRecord::record));
    Ok(writer.finish(&plan, &views, chunks, stats, clock)?)
}

#[cfg(test)]
mod tests {
    use super::super::indexer::tests::{Files, basic, built, differing, graph, text};
    use super::*;
    use crate::search::{Indexer, Settings};

    /// Builds the part of the shard of `sites` of `g` into `dir`, the texts arriving from
    /// every thread.
    fn shard(g: &crate::assemble::SiteGraph<'_>, sites: &[usize], dir: &Path) {
        let out = PartOutput::new(dir);
        let indexer = Indexer::for_shard(g, &Settings::default(), &out, |s| sites.contains(&s));
        (0..g.pages.len()).into_par_iter().for_each(|i| indexer.add(i, text(i)));
        indexer.finish().unwrap();
    }

    #[test]
    fn the_index_joined_from_shards_parts_equals_the_whole_index() {
        let (cluster, pages, sources) = basic();
        let g = graph(&cluster, pages, &sources);
        let n = g.pages.len();
        let whole = built(&g, (0..n).map(|i| Some(text(i))).collect());
        let sites = g.cluster.sites.len();
        assert!(sites >= 3);
        let tmp = tempfile::tempdir().unwrap();
        let dirs: Vec<PathBuf> = (0..2).map(|k| tmp.path().join(format!("s{k}"))).collect();
        // Every other site: each shard's pages are several runs of the one group.
        let (even, odd): (Vec<usize>, Vec<usize>) = (0..sites).partition(|s| s % 2 == 0);
        shard(&g, &even, &dirs[0]);
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        one.install(|| shard(&g, &odd, &dirs[1]));
        let files = Files::default();
        let stats = merge_parts(&dirs, &files).unwrap();
        assert_eq!(stats.pages, n);
        let joined = files.0.into_inner().unwrap();
        assert_eq!(differing(&joined, &whole), [] as [&str; 0], "the joined index is the whole build's");
        // In any order of the shards, and with a shard given twice.
        let files = Files::default();
        merge_parts(&[dirs[1].clone(), dirs[0].clone(), dirs[1].clone()], &files).unwrap();
        assert_eq!(differing(&files.0.into_inner().unwrap(), &whole), [] as [&str; 0]);

        // A shard left out, a damaged part, a part of another format: refused.
        let err = merge_parts(&dirs[..1], &Files::default()).unwrap_err();
        assert!(matches!(err, PartError::Gap(ref site) if site == &g.cluster.sites[1].id), "{err}");
        let file = dirs[1].join(PART_DIR).join(PART_FILE);
        let good = std::fs::read(&file).unwrap();
        let mut bad = good.clone();
        *bad.last_mut().unwrap() ^= 1;
        std::fs::write(&file, &bad).unwrap();
        let err = merge_parts(&dirs, &Files::default()).unwrap_err();
        assert!(matches!(err, PartError::Damaged { .. }), "{err}");
        bad.clone_from(&good);
        bad[8] = 9;
        std::fs::write(&file, &bad).unwrap();
        let err = merge_parts(&dirs, &Files::default()).unwrap_err();
        assert!(matches!(err, PartError::Format { found: 9, .. }), "{err}");
        std::fs::remove_file(&file).unwrap();
        let err = merge_parts(&dirs, &Files::default()).unwrap_err();
        assert!(matches!(err, PartError::Missing(ref d) if d == &dirs[1]), "{err}");
        // A shard holding a site another holds too, cut differently: refused.
        std::fs::write(&file, &good).unwrap();
        let both = tmp.path().join("both");
        shard(&g, &[0, 1], &both);
        let err = merge_parts(&[dirs[0].clone(), both], &Files::default()).unwrap_err();
        assert!(matches!(err, PartError::Overlap { .. }), "{err}");
    }

    #[test]
    fn what_is_missing_or_damaged_is_said_in_chinese() {
        let (cluster, pages, sources) = basic();
        let g = graph(&cluster, pages, &sources);
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("all");
        shard(&g, &(0..g.cluster.sites.len()).collect::<Vec<_>>(), &dir);
        let file = dir.join(PART_DIR).join(PART_FILE);
        let good = std::fs::read(&file).unwrap();
        let encode = |part: &Part| std::fs::write(&file, part.encode().unwrap()).unwrap();

        // No shard at all: said so, not an empty site name.
        let err = merge_parts(&[], &Files::default()).unwrap_err();
        assert!(matches!(err, PartError::NoParts), "{err}");
        assert!(err.to_string().starts_with("没有给出任何分片"), "{err}");

        // Every page in a run but one page's record lost: the site of that page is named.
        let mut part = Part::decode(&file, &good).unwrap();
        let last = part.ids.len() - 1;
        let site = g.cluster.sites[part.records[last].site as usize].id.clone();
        part.ids.remove(last);
        part.records.remove(last);
        encode(&part);
        let err = merge_parts(std::slice::from_ref(&dir), &Files::default()).unwrap_err();
        assert!(matches!(err, PartError::NoRecords(ref s) if *s == site), "{err}");
        assert!(err.to_string().contains(&format!("站点 {site} 的部分页面的搜索结果记录")), "{err}");

        // A page id beyond the cluster, and ids without records: a reason in Chinese.
        let mut part = Part::decode(&file, &good).unwrap();
        part.ids[0] = part.plan.pages as u32;
        encode(&part);
        let err = merge_parts(std::slice::from_ref(&dir), &Files::default()).unwrap_err();
        assert!(err.to_string().contains("已损坏：页面编号与搜索结果记录对不上"), "{err}");
        assert!(!err.to_string().contains("ids"), "{err}");

        // A checksum that matches contents postcard cannot read: the Chinese reason first,
        // the decoder's own words at the end.
        let payload = [0xffu8; 16];
        let mut bytes = good[..12].to_vec();
        bytes.extend_from_slice(&Sha256::digest(payload));
        bytes.extend_from_slice(&payload);
        std::fs::write(&file, &bytes).unwrap();
        let err = merge_parts(std::slice::from_ref(&dir), &Files::default()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("已损坏：内容读不出来，文件可能被截断或改动过（"), "{text}");
        assert!(text.ends_with("）；请重新生成这个分片"), "{text}");

        // A text file of the wrong size: its sizes, in Chinese.
        std::fs::write(&file, &good).unwrap();
        let part = Part::decode(&file, &good).unwrap();
        let text_path = dir.join(PART_DIR).join(text_file(part.runs[0].start()));
        let mut body = std::fs::read(&text_path).unwrap();
        body.push(b'x');
        std::fs::write(&text_path, &body).unwrap();
        let err = merge_parts(std::slice::from_ref(&dir), &Files::default()).unwrap_err();
        let expected =
            format!("已损坏：正文有 {} 字节，与检索预处理数据记下的 {} 字节不符", body.len(), body.len() - 1);
        assert!(err.to_string().contains(&expected), "{err}");
    }
}
