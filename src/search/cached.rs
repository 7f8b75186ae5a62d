//! The search index of a build under the build cache: every term's scored postings are kept
//! in the cache with the keys of the groups they were made from, so that after an edit the
//! next build scores again only the terms of the groups it tokenized again — when the pages
//! keep their ids and the corpus statistics their values (the common edit: a body, a title, a
//! date that keeps the page in its place) — instead of inverting every page's postings. The
//! files are those a whole build writes ([`super::build`]), byte for byte.

use super::index::{self, Chunk, Scoring, Split};
use super::indexer::{Plan, Writer, shard_count_of};
use super::kept::{self, FORMAT, Kept, KeptHead, KeptIndex, KeptOut};
use super::terms::{Key, SideTable};
use super::{SearchError, Stats, score, shard, store};
use sha2::{Digest, Sha256};
use std::time::Instant;

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
    /// Every group's postings; `None` for a group taken from the cache, not read yet.
    pub chunks: Vec<Option<Chunk>>,
    /// Each group's first page id and pages.
    pub spans: Vec<(u32, usize)>,
    /// Reads the chunk of a group taken from the cache: whole, or only the postings of the
    /// terms given (sorted).
    pub load: Load<'a>,
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
    let Inputs { settings, keys, records, plan, mut chunks, spans, load } = inputs;
    let format = format!("{FORMAT} {} {settings}", env!("CARGO_PKG_VERSION"));
    let urls: Vec<&str> = urls.collect();
    let ids: Vec<String> = spans
        .iter()
        .map(|&(start, len)| {
            // Its first id too: a group whose pages all moved up or down (a page added or
            // removed before it) is taken from the cache under its key, its pages not at their ids.
            let mut h = Sha256::new();
            h.update(start.to_le_bytes());
            for url in urls.get(start as usize..start as usize + len).unwrap_or_default() {
                h.update(url.as_bytes());
                h.update([0]);
            }
            hex::encode(h.finalize())
        })
        .collect();
    let days: Vec<i64> = records.iter().map(|r| r.day).collect();
    let pages: Vec<u64> = urls.iter().map(|url| url_hash(url)).collect();
    let split = Split { head: plan.head, unigram_tails: plan.unigram_tails };
    let previous = kept
        .read()
        .and_then(kept::read)
        .filter(|k| k.format == format && k.ids.len() == ids.len() && k.groups.len() == chunks.len())
        .filter(|k| k.days.len() == days.len() && k.pages.len() == pages.len());
    let updated = match previous {
        Some(old) => update(kept, old, (&mut chunks, load), (&keys, &ids), (&days, &pages), split, plan)?,
        None => None,
    };
    let from_kept = updated.is_some();
    let (mut heads, mut meta, scoring): (Box<dyn shard::HeadSource>, _, _) = match updated {
        Some(Updated { shards, meta, rescored, patched, scoring }) => {
            (stats.rescored, stats.patched) = (Some(rescored), patched);
            (Box::new(shards), meta, scoring)
        }
        None => {
            use rayon::prelude::*;
            let chunks = chunks
                .into_par_iter()
                .enumerate()
                .map(|(k, c)| c.map_or_else(|| load(k, Want::Whole), Ok))
                .collect::<Result<Vec<Chunk>, SearchError>>()?;
            let scoring = Scoring::of(&chunks, score::recency_factors(&days));
            let terms = index::invert(&chunks, &scoring, split)?;
            let count = shard_count_of(plan, &terms);
            (Box::new(shard::Owned(shard::distribute(terms, count))), store::KeptChunks::new(), scoring)
        }
    };
    let now = Instant::now();
    stats.timings.push(("  search: tokenize rest+invert", now - started));
    let mut out = KeptOut::new(kept);
    let mut keep = |bytes: &[u8], weight: u64| out.shard(bytes, weight);
    let written = writer.write_index(plan, records, (&mut *heads, Some(&mut keep)), &scoring, &mut meta, stats, now);
    drop(heads);
    let mut stats = match written {
        Err(SearchError::Encode(e)) if from_kept && e.kind() == std::io::ErrorKind::InvalidData => {
            // A shard of the kept file could not be read as it was written out.
            kept.forget();
            return Err(SearchError::KeptIndex);
        }
        written => written?,
    };
    let now = Instant::now();
    out.finish(|spans| KeptHead {
        format,
        ids: &ids,
        groups: &keys,
        days: &days,
        pages: &pages,
        meta: &meta,
        shards: spans,
    });
    stats.timings.push(("  search: kept", now.elapsed()));
    Ok(stats)
}

/// A hash of a page's URL, the same from one build to the next ([`Kept::pages`]).
fn url_hash(url: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(url.as_bytes());
    h.finish()
}

/// Brings `old` and the groups before of `replaced` into today's numbering after pages moved
/// within the groups `reordered` (found by their URLs' hashes, `pages` today's in id order):
/// the kept postings of the terms of the pages that moved renumbered ([`shard::renumber_terms`];
/// those that cannot be are removed and their keys added to `forced`, their texts to `side`),
/// each reordered group before composed anew with its pages at their ids now. The pages' days
/// before in today's numbering; `None` when a page of those groups was not in them before.
fn renumber(
    old: &mut Kept<'_>,
    replaced: &mut [(usize, Chunk)],
    reordered: &[usize],
    pages: &[u64],
    side: &mut SideTable,
    forced: &mut Vec<Key>,
) -> Option<Vec<i64>> {
    let range = |c: &Chunk| c.start()..c.start() + c.len() as u32;
    let groups: Vec<&Chunk> =
        replaced.iter().filter(|(k, _)| reordered.binary_search(k).is_ok()).map(|(_, c)| c).collect();
    // The id now of each page before: the same outside those groups.
    let mut to: Vec<u32> = (0..pages.len() as u32).collect();
    let mut before: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for j in groups.iter().flat_map(|c| range(c)) {
        if before.insert(*old.pages.get(j as usize)?, j).is_some() {
            return None;
        }
    }
    for i in groups.iter().flat_map(|c| range(c)) {
        to[before.remove(pages.get(i as usize)?)? as usize] = i;
    }
    let mut from = to.clone();
    for (j, &i) in to.iter().enumerate() {
        from[i as usize] = j as u32;
    }
    // The terms of the pages that moved, renumbered where they are kept (a page that moved
    // past others reorders the terms it holds; those that cannot be are scored again).
    let shifted: Vec<u32> = (0..to.len() as u32).filter(|&j| to[j as usize] != j).collect();
    let mut keys: Vec<Key> = groups.iter().flat_map(|c| c.terms_of(&shifted, side)).collect();
    keys.sort_unstable();
    keys.dedup();
    let moves = index::Moves::new(&to);
    old.shards.read_keys(&keys, side)?;
    forced.extend(shard::renumber_terms(&mut old.shards.terms, &keys, side, &moves, to.len()));
    // Each group before, its pages at their ids now.
    let composed: Vec<Chunk> = groups
        .iter()
        .map(|c| {
            let origins: Option<Vec<(&Chunk, u32)>> = range(c)
                .map(|i| {
                    let j = from[i as usize];
                    groups.iter().find(|g| range(g).contains(&j)).map(|g| (*g, j))
                })
                .collect();
            Some(index::compose_group(c.start(), &origins?))
        })
        .collect::<Option<_>>()?;
    let mut composed = composed.into_iter();
    for (k, was) in replaced.iter_mut() {
        if reordered.binary_search(k).is_ok() {
            *was = composed.next()?;
        }
    }
    Some(from.iter().map(|&j| old.days[j as usize]).collect())
}

/// What [`update`] made of the index kept: the head shards, the metadata chunks, the number
/// of terms scored again, and the scoring of the pages now.
struct Updated<'k> {
    shards: kept::Shards<'k>,
    meta: store::KeptChunks,
    rescored: usize,
    /// Terms whose postings before were patched (the changed impacts put in, or the pages
    /// moved), not scored afresh.
    patched: usize,
    scoring: Scoring,
}

/// Reads the chunk of a group taken from the cache ([`Inputs::load`]).
pub(crate) type Load<'a> = &'a (dyn Fn(usize, Want<'_>) -> Result<Chunk, SearchError> + Sync);

/// What [`Load`] reads of a group taken from the cache.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Want<'k> {
    /// The whole chunk.
    Whole,
    /// Only the postings of these terms (sorted).
    Terms(&'k [Key]),
    /// Only how many postings each of these terms (sorted) has, without them, and the pages'
    /// lengths: what patching the terms whose changed impacts stay in their tails reads.
    Counts(&'k [Key]),
}

/// The index `old` brought up to date with `chunks` (every group's postings now, `None` for
/// a group taken from the cache and not read yet, which `load` reads; the keys and URL
/// digests of the groups are `keys` and `ids`): the terms of the groups whose key changed
/// scored again, each group's chunk before read from `kept` — its pages may have changed
/// places within it, as every change is found position by position
/// ([`index::changed_terms`]). Of a group not read yet only those terms' postings are read.
/// `None` (`chunks` as they were given) when that cannot give what scoring every term gives:
/// a group before unknown, a group kept whose pages moved, the corpus statistics changed, or a
/// page's recency changed outside the groups tokenized again.
#[allow(clippy::too_many_arguments)]
fn update<'k>(
    kept: &dyn KeptIndex,
    old: Kept<'k>,
    (chunks, load): (&mut [Option<Chunk>], Load<'_>),
    (keys, ids): (&[Option<String>], &[String]),
    (days, pages): (&[i64], &[u64]),
    split: Split,
    plan: &Plan,
) -> Result<Option<Updated<'k>>, SearchError> {
    use rayon::prelude::*;
    let n = chunks.len();
    let changed: Vec<usize> = (0..n).filter(|&k| keys[k].is_none() || keys[k] != old.groups[k]).collect();
    // A group kept as it was keeps its pages at their ids.
    if (0..n).any(|k| ids[k] != old.ids[k] && changed.binary_search(&k).is_err()) {
        return Ok(None);
    }
    // Each group tokenized again, with its chunk before (read whole, as one taken from the
    // cache under another key than the kept index's).
    let mut replaced: Vec<(usize, Chunk)> = Vec::with_capacity(changed.len());
    for &k in &changed {
        if chunks[k].is_none() {
            chunks[k] = Some(load(k, Want::Whole)?);
        }
        let bytes = old.groups[k].as_deref().and_then(|key| kept.group(key));
        let was = bytes.and_then(|b| postcard::from_bytes::<super::indexer::KeptGroup>(&b).ok());
        match (was, &chunks[k]) {
            (Some((_, _, was)), Some(now)) if was.start() == now.start() && was.len() == now.len() => {
                replaced.push((k, was));
            }
            _ => return Ok(None),
        }
    }
    // Pages that moved among the pages of their groups (a date edited into another year):
    // the kept postings of their terms renumbered, the groups before composed anew in today's
    // numbering; the terms that cannot be renumbered are scored again.
    let mut old = old;
    let mut side = SideTable::new();
    let reordered: Vec<usize> = changed.iter().copied().filter(|&k| ids[k] != old.ids[k]).collect();
    let mut forced = Vec::new();
    if !reordered.is_empty() {
        let Some(days_before) = renumber(&mut old, &mut replaced, &reordered, pages, &mut side, &mut forced) else {
            return Ok(None);
        };
        old.days = days_before;
    }
    // The pages whose recency changed (a date edited) must be in those groups.
    let old_rec = score::recency_factors(&old.days);
    let new_rec = score::recency_factors(days);
    let moved: Vec<u32> = (0..days.len()).filter(|&i| old_rec[i] != new_rec[i]).map(|i| i as u32).collect();
    let range = |c: &Chunk| c.start()..c.start() + c.len() as u32;
    if !moved.iter().all(|id| replaced.iter().any(|(_, c)| range(c).contains(id))) {
        return Ok(None);
    }
    // The terms whose postings changed, and every term of a page whose recency did.
    let mut terms = forced;
    for (k, was) in &replaced {
        let Some(now) = &chunks[*k] else { return Ok(None) };
        terms.extend(index::changed_terms(was, now, &mut side));
        let pages: Vec<u32> = moved.iter().copied().filter(|id| range(now).contains(id)).collect();
        if !pages.is_empty() {
            terms.extend(now.terms_of(&pages, &mut side));
        }
    }
    terms.sort_unstable();
    terms.dedup();
    // The other groups, as far as patching those terms reads them (their counts).
    let unread: Vec<usize> = (0..n).filter(|&k| chunks[k].is_none()).collect();
    let mut subsets: Vec<Chunk> =
        unread.par_iter().map(|&k| load(k, Want::Counts(&terms))).collect::<Result<_, SearchError>>()?;
    let mut work: Vec<Chunk> = Vec::with_capacity(n);
    let mut subsets_left = subsets.drain(..);
    for slot in chunks.iter_mut() {
        match slot.take().or_else(|| subsets_left.next()) {
            Some(chunk) => work.push(chunk),
            None => return Ok(None),
        }
    }
    drop(subsets_left);
    let rescored =
        rescore(&mut work, (&unread, load), &mut replaced, (&terms, &side), (old_rec, new_rec), old, (split, plan))?;
    if rescored.is_none() {
        // Given back whole: the caller scores every term from them.
        for (k, chunk) in work.into_iter().enumerate() {
            if unread.binary_search(&k).is_err() {
                chunks[k] = Some(chunk);
            }
        }
    }
    Ok(rescored)
}

/// The terms `terms` (the texts of hashed ones in `side`) of the index `old` scored again
/// from `chunks` (the groups of `replaced` as they are now; the others, `unread`, read by
/// `load` as far as their counts of those terms), the groups of `replaced` having been scored
/// with `recency.0` before and now with `recency.1`: the terms whose changed impacts can be
/// patched in are, then the unread groups are read again with the postings of the others
/// only, which are scored afresh. `None` when the corpus statistics changed.
fn rescore<'k>(
    chunks: &mut [Chunk],
    (unread, load): (&[usize], Load<'_>),
    replaced: &mut [(usize, Chunk)],
    (terms, side): (&[Key], &SideTable),
    (old_rec, new_rec): (Vec<f64>, Vec<f64>),
    mut old: Kept<'k>,
    (split, plan): (Split, &Plan),
) -> Result<Option<Updated<'k>>, SearchError> {
    use rayon::prelude::*;
    let scoring = Scoring::of(chunks, new_rec);
    // The scoring before: the same chunks, but those of the groups tokenized again as they were.
    for (k, was) in replaced.iter_mut() {
        std::mem::swap(&mut chunks[*k], was);
    }
    let before_scoring = Scoring::of(chunks, old_rec);
    for (k, was) in replaced.iter_mut() {
        std::mem::swap(&mut chunks[*k], was);
    }
    if before_scoring.corpus != scoring.corpus {
        return Ok(None);
    }
    let before = (&before_scoring, &*replaced);
    if old.shards.read_keys(terms, side).is_none() {
        return Ok(None);
    }
    let (patches, rest) = shard::patch_terms(&old.shards.terms, terms, chunks, side, &scoring, before, split);
    let mut changes = Vec::new();
    if !rest.is_empty() {
        let read: Vec<Chunk> =
            unread.par_iter().map(|&k| load(k, Want::Terms(&rest))).collect::<Result<_, SearchError>>()?;
        for (&k, chunk) in unread.iter().zip(read) {
            chunks[k] = chunk;
        }
        changes = index::rescore(chunks, &rest, side, &scoring, split)?;
    }
    let Kept { mut shards, meta, .. } = old;
    shard::patch_in_place(&mut shards.terms, &patches);
    let Some(shards) = shards.apply(changes, plan) else { return Ok(None) };
    Ok(Some(Updated { shards, meta, rescored: rest.len(), patched: patches.len(), scoring }))
}
