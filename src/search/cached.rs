//! The search index of a build under the build cache: every term's scored postings are kept
//! in the cache with the keys of the groups they were made from, so that after an edit the
//! next build scores again only the terms of the groups it tokenized again — when the pages
//! keep their ids and the corpus statistics their values (the common edit: a body, a title, a
//! date that keeps the page in its place) — instead of inverting every page's postings. The
//! files are those a whole build writes ([`super::build`]), byte for byte.

use super::index::{self, Chunk, Scoring, Split, TermPostings};
use super::indexer::{Plan, Writer, shard_count};
use super::terms::SideTable;
use super::{SearchError, Stats, score, shard, store};
use sha2::{Digest, Sha256};
use std::time::Instant;

/// Where a cached build keeps its index from one build to the next (the build cache).
pub trait KeptIndex: Sync {
    /// What the previous build kept, if anything, to read from.
    fn read(&self) -> Option<Box<dyn std::io::Read + '_>>;
    /// Keeps what `write` writes for the next build. Only an optimisation: a failure means
    /// that the next build scores every term.
    fn write(&self, write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>);
    /// The tokenized group kept under `key` ([`super::GroupStore`]), as the previous build
    /// left it.
    fn group(&self, key: &str) -> Option<Vec<u8>>;
}

/// The format of what is kept: part of [`Kept::format`].
const FORMAT: &str = "zhanqun-search-kept-4";

/// What a build keeps of its index.
#[derive(serde::Deserialize)]
struct Kept {
    /// [`FORMAT`], zhanqun's version and the search settings.
    format: String,
    /// Each group's SHA-256 of its pages' URLs in page-id order: the same, its pages kept their
    /// ids. Kept per group: a date edit into another year moves a page among its neighbours
    /// (ids are ordered by year within a column), which renumbers the pages of its group, not
    /// the others.
    ids: Vec<String>,
    /// The key of each group ([`super::Indexer::keep_groups`]).
    groups: Vec<Option<String>>,
    /// Each page's day (for its recency), in page-id order.
    days: Vec<i64>,
    /// Every term's postings, by head shard, each shard's sorted by text.
    shards: Vec<Vec<TermPostings>>,
    /// The metadata chunks.
    meta: store::KeptChunks,
}

/// [`Kept`] as written, borrowed from the build.
#[derive(serde::Serialize)]
struct KeptRef<'a> {
    format: &'a str,
    ids: &'a [String],
    groups: &'a [Option<String>],
    days: &'a [i64],
    shards: &'a [Vec<TermPostings>],
    meta: &'a store::KeptChunks,
}

/// What [`super::Indexer::finish_cached`] hands over.
pub(crate) struct Inputs<'a> {
    /// The search settings, as text.
    pub settings: &'a str,
    /// Each group's key.
    pub keys: Vec<Option<String>>,
    /// Each page's record, in page-id order.
    pub records: &'a [store::Record<'a>],
    /// The plan of the index.
    pub plan: &'a Plan,
    /// Every group's postings.
    pub chunks: Vec<Chunk>,
}

/// Scores the postings of `inputs` — from the index `kept` holds when it can, else every term —
/// writes every file but the text files with `writer`, and keeps the index in `kept` for the
/// next build. `urls` are the pages' URLs in page-id order.
pub(crate) fn finish<'u>(
    kept: &dyn KeptIndex,
    inputs: Inputs<'_>,
    urls: impl Iterator<Item = &'u str>,
    writer: Writer<'_>,
    mut stats: Stats,
    started: Instant,
) -> Result<Stats, SearchError> {
    let Inputs { settings, keys, records, plan, mut chunks } = inputs;
    let format = format!("{FORMAT} {} {settings}", env!("CARGO_PKG_VERSION"));
    let urls: Vec<&str> = urls.collect();
    let ids: Vec<String> = chunks
        .iter()
        .map(|c| {
            let mut h = Sha256::new();
            for url in urls.get(c.start() as usize..c.start() as usize + c.len()).unwrap_or_default() {
                h.update(url.as_bytes());
                h.update([0]);
            }
            hex::encode(h.finalize())
        })
        .collect();
    let days: Vec<i64> = records.iter().map(|r| r.day).collect();
    let split = Split { head: plan.head, unigram_tails: plan.unigram_tails };
    let scoring = Scoring::of(&chunks, score::recency_factors(&days));
    let previous = kept
        .read()
        .and_then(read_kept)
        .filter(|k| k.format == format && k.ids.len() == ids.len() && k.groups.len() == chunks.len())
        .filter(|k| k.days.len() == days.len());
    let updated = previous.and_then(|old| update(kept, old, &mut chunks, (&keys, &ids), &days, &scoring, split, plan));
    let (shards, mut meta) = match updated {
        Some((shards, meta, rescored)) => {
            stats.rescored = Some(rescored);
            (shards, meta)
        }
        None => {
            let terms = index::invert(&chunks, &scoring, split)?;
            let count = shard_count(plan, terms.iter());
            (shard::distribute(terms, count), store::KeptChunks::new())
        }
    };
    drop(chunks);
    let now = Instant::now();
    stats.timings.push(("  search: tokenize rest+invert", now - started));
    let mut stats = writer.write_index(plan, records, &shards, &scoring, &mut meta, stats, now)?;
    let now = Instant::now();
    let kept_ref = KeptRef { format: &format, ids: &ids, groups: &keys, days: &days, shards: &shards, meta: &meta };
    kept.write(&|w| postcard::to_io(&kept_ref, w).map(drop).map_err(std::io::Error::other));
    stats.timings.push(("  search: kept", now.elapsed()));
    Ok(stats)
}

/// [`Kept`] decoded as it is read: at 100,000 pages the whole file (~60 MB) held beside what
/// it decodes to was the peak of a cached build's memory. The buffer holds one string or byte
/// run at a time (a term's presence or tail impacts: at most a byte per page); one longer than
/// that fails the read, and the index is then scored whole.
fn read_kept(reader: Box<dyn std::io::Read + '_>) -> Option<Kept> {
    let mut scratch = vec![0u8; KEPT_SCRATCH];
    let reader = std::io::BufReader::with_capacity(1 << 16, reader);
    postcard::from_io::<Kept, _>((reader, &mut scratch)).ok().map(|(kept, _)| kept)
}

/// Bytes of [`read_kept`]'s buffer: the longest run of bytes a term can have at 16 million pages.
const KEPT_SCRATCH: usize = 16 << 20;

/// The index `old` brought up to date with `chunks` (every group's postings now, whose keys
/// and URL digests are `keys` and `ids`): the terms of the groups whose key changed scored
/// again, each group's chunk before read from `kept` — its pages may have changed places within
/// it, as every change is found position by position ([`index::changed_terms`]). `None` when
/// that cannot give what scoring every term gives: a group before unknown, a group kept whose
/// pages moved, the corpus statistics changed, or a page's recency changed outside the groups
/// tokenized again. The shards, the metadata chunks and the number of terms scored again.
#[allow(clippy::too_many_arguments)]
fn update(
    kept: &dyn KeptIndex,
    old: Kept,
    chunks: &mut [Chunk],
    (keys, ids): (&[Option<String>], &[String]),
    days: &[i64],
    scoring: &Scoring,
    split: Split,
    plan: &Plan,
) -> Option<(Vec<Vec<TermPostings>>, store::KeptChunks, usize)> {
    let changed: Vec<usize> = (0..chunks.len()).filter(|&k| keys[k].is_none() || keys[k] != old.groups[k]).collect();
    // A group kept as it was keeps its pages at their ids.
    if (0..chunks.len()).any(|k| ids[k] != old.ids[k] && changed.binary_search(&k).is_err()) {
        return None;
    }
    // Each group tokenized again, with its chunk before.
    let mut replaced: Vec<(usize, Chunk)> = Vec::with_capacity(changed.len());
    for &k in &changed {
        let bytes = kept.group(old.groups[k].as_deref()?)?;
        let (was, _, _) = postcard::from_bytes::<super::indexer::KeptGroup>(&bytes).ok()?;
        if was.start() != chunks[k].start() || was.len() != chunks[k].len() {
            return None;
        }
        replaced.push((k, was));
    }
    // The pages whose recency changed (a date edited) must be in those groups.
    let old_rec = score::recency_factors(&old.days);
    let new_rec = score::recency_factors(days);
    let moved: Vec<u32> = (0..days.len()).filter(|&i| old_rec[i] != new_rec[i]).map(|i| i as u32).collect();
    let range = |c: &Chunk| c.start()..c.start() + c.len() as u32;
    if !moved.iter().all(|id| replaced.iter().any(|(_, c)| range(c).contains(id))) {
        return None;
    }
    // The scoring before: the same chunks, but those of the groups tokenized again as they were.
    for (k, was) in &mut replaced {
        std::mem::swap(&mut chunks[*k], was);
    }
    let before_scoring = Scoring::of(chunks, old_rec);
    for (k, was) in &mut replaced {
        std::mem::swap(&mut chunks[*k], was);
    }
    if before_scoring.corpus != scoring.corpus {
        return None;
    }
    // The terms whose postings changed, and every term of a page whose recency did.
    let mut side = SideTable::new();
    let mut terms = Vec::new();
    for (k, was) in &replaced {
        terms.extend(index::changed_terms(was, &chunks[*k], &mut side));
        let pages: Vec<u32> = moved.iter().copied().filter(|id| range(&chunks[*k]).contains(id)).collect();
        if !pages.is_empty() {
            terms.extend(chunks[*k].terms_of(&pages, &mut side));
        }
    }
    terms.sort_unstable();
    terms.dedup();
    let before = (&before_scoring, replaced.as_slice());
    let shards = shard::rescore_in_place(old.shards, &terms, chunks, &side, scoring, before, split, plan).ok()?;
    Some((shards, old.meta, terms.len()))
}
