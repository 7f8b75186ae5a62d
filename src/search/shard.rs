//! Postings on disk: terms are spread over *head shards* by a hash of their text, so a query
//! fetches only the shards of its own terms; each shard holds, per term, its page count, its
//! head postings and where its tail lies. Tails are concatenated into a few large *tail files*
//! that a browser reads with HTTP range requests, only when a query needs more than the heads.
//!
//! Head shard (gzip), all integers varints:
//!
//! ```text
//! terms
//! per term, sorted by text:
//!   len, UTF-8 text, df, head_count, tail_max (one byte), head_len, tail_count,
//!   [when tail_count > 0: tail_file, tail_offset,
//!    presence_len * 4 + (2 if gzipped) + (1 if a bitmap), impacts_len],
//!   head: head_count page-id gaps, then head_count impact bytes
//! ```
//!
//! A tail is its presence (page-id gaps, or a bitmap over all pages; gzipped when that saves
//! enough) followed by its impact bytes in page-id order (none for single ideographs unless
//! `unigram_tails` is set).

use super::codec::{gzip, put_varint, shard_of};
use super::index::{self, Chunk, Scoring, Split, TermPostings, TermView};
use super::indexer::{Plan, shard_count_of};
use super::terms::{Key, SideTable, is_unigram, term_text};

/// The head shards `shards` (each sorted by text) of an index scored before by `before`, after
/// the groups `replaced` were tokenized again into `chunks`: the terms `keys` scored again by
/// `scoring` ([`index::rescore`], patched where that gives the same postings) and put in
/// place, a term no page holds any more removed, and the terms spread over another number of
/// shards when their count asks for it. Used by `serve`'s live index and by a cached build.
#[allow(clippy::too_many_arguments)]
pub(crate) fn rescore_in_place(
    shards: Vec<Vec<TermPostings>>,
    keys: &[Key],
    chunks: &[Chunk],
    side: &SideTable,
    scoring: &Scoring,
    (before, replaced): (&Scoring, &[(usize, Chunk)]),
    split: Split,
    plan: &Plan,
) -> std::io::Result<Vec<Vec<TermPostings>>> {
    let (patches, rest) = patch_terms(&shards, keys, chunks, side, scoring, (before, replaced), split);
    let rescored = index::rescore(chunks, &rest, side, scoring, split)?;
    let mut shards = shards;
    patch_in_place(&mut shards, &patches);
    apply(shards, rescored, plan)
}

/// The postings of the term `text` in the head shards `shards` (each sorted by text), if any.
fn find<'s>(shards: &'s [Vec<TermPostings>], text: &str) -> Option<&'s TermPostings> {
    let shard = &shards[shard_of(text, shards.len())];
    shard.binary_search_by(|t| t.term.as_str().cmp(text)).ok().map(|at| &shard[at])
}

/// Patches the terms of `patches` (by text) in the head shards `shards` (each sorted by text).
pub(crate) fn patch_in_place(shards: &mut [Vec<TermPostings>], patches: &[(String, index::PatchDiff)]) {
    let count = shards.len();
    for (text, diff) in patches {
        let shard = &mut shards[shard_of(text, count)];
        if let Ok(at) = shard.binary_search_by(|t| t.term.as_str().cmp(text)) {
            diff.apply(&mut shard[at]);
        }
    }
}

/// The terms `keys` of the head shards `shards` (each sorted by text) whose changed impacts can
/// be patched into their postings before ([`index::patch_terms`]; `chunks` need hold only
/// the counts of those terms outside the groups of `replaced`), and the keys of the others,
/// to be scored afresh.
#[allow(clippy::type_complexity)]
pub(crate) fn patch_terms(
    shards: &[Vec<TermPostings>],
    keys: &[Key],
    chunks: &[Chunk],
    side: &SideTable,
    scoring: &Scoring,
    (before, replaced): (&Scoring, &[(usize, Chunk)]),
    split: Split,
) -> (Vec<(String, index::PatchDiff)>, Vec<Key>) {
    let postings = |text: &str| find(shards, text);
    let before = index::Before { scoring: before, groups: replaced, postings: &postings };
    index::patch_terms(chunks, keys, side, scoring, split, &before)
}

/// The head shards `shards` (each sorted by text) of an index scored before, after its pages
/// moved: the terms `keys` (those of the pages gone, changed or weighed otherwise) patched
/// with what they lost and gained (`patches`, [`index::renumber_patched`]) where that gives
/// their postings, else scored again by `scoring` from `chunks`; the other terms of the pages
/// that moved (`moved`; `None`: every other term) with their pages renumbered
/// ([`index::renumber`]; `to[p]` is the id now of page `p` before, `u32::MAX` for one gone or
/// weighed otherwise); and the terms spread over another number of shards when their count
/// asks for it. `None` when one of every other term could not be renumbered (its key unknown
/// here, it cannot be scored again: the caller inverts whole).
#[allow(clippy::too_many_arguments)]
pub(crate) fn renumber_in_place(
    shards: Vec<Vec<TermPostings>>,
    keys: &[Key],
    (moved, to, patches): (Option<&[Key]>, &[u32], &std::collections::HashMap<Key, index::Patch>),
    chunks: &[Chunk],
    side: &SideTable,
    scoring: &Scoring,
    split: Split,
    plan: &Plan,
    laps: &mut Vec<(&'static str, std::time::Duration)>,
) -> std::io::Result<Option<Renumbered>> {
    use rayon::prelude::*;
    let clock = std::time::Instant::now();
    let pages = scoring.text_lens.len();
    let find = |text: &str| find(&shards, text);
    let moves = index::Moves::new(to);
    // The terms of the pages changed, patched where that is exact.
    let patched: Vec<(Key, String, Option<TermPostings>)> = crate::parallel::uneven(keys.par_iter(), TERMS_PER_TASK)
        .map(|&k| {
            let text = term_text(k, side);
            let how = Some((split, is_unigram(k), &scoring.quantizer));
            let new = find(&text)
                .zip(patches.get(&k))
                .and_then(|(old, patch)| index::renumber_patched(old.clone(), &moves, pages, patch, how));
            (k, text, new)
        })
        .collect();
    let mut again: Vec<Key> = patched.iter().filter(|r| r.2.is_none()).map(|r| r.0).collect();
    let skip: std::collections::HashSet<String> = patched.iter().map(|r| r.1.clone()).collect();
    let mut changes: Vec<(String, Option<TermPostings>)> =
        patched.into_iter().filter_map(|(_, text, new)| Some((text, Some(new?)))).collect();
    let patched = changes.len();
    laps.push(("  search: patch", clock.elapsed()));
    let clock = std::time::Instant::now();
    let shards = match moved {
        Some(moved) => {
            let mut shards = shards;
            let others: Vec<Key> = moved.iter().copied().filter(|k| keys.binary_search(k).is_err()).collect();
            // A term that could not be renumbered is scored again.
            again.extend(renumber_terms(&mut shards, &others, side, &moves, pages));
            shards
        }
        None => {
            // Every term but those of the pages changed, renumbered in its place (those are
            // put in theirs below).
            let renumbered: Option<Vec<Vec<TermPostings>>> = crate::parallel::uneven(shards.into_par_iter(), 1)
                .map(|shard| {
                    shard
                        .into_iter()
                        .filter(|t| !skip.contains(&t.term))
                        .map(|t| index::renumber(t, &moves, pages))
                        .collect::<Option<Vec<TermPostings>>>()
                })
                .collect();
            let Some(shards) = renumbered else { return Ok(None) };
            shards
        }
    };
    laps.push(("  search: renumber", clock.elapsed()));
    let clock = std::time::Instant::now();
    again.sort_unstable();
    changes.extend(index::rescore(chunks, &again, side, scoring, split)?);
    let shards = apply(shards, changes, plan)?;
    laps.push(("  search: rescore", clock.elapsed()));
    Ok(Some(Renumbered { shards, patched, rescored: again.len() }))
}

/// The head shards `shards` with the terms `keys` (the texts of hashed ones in `side`) — the
/// terms of pages that moved but read as before — renumbered by `moves` ([`index::renumber`]):
/// `serve` after pages were added, removed or re-dated, a cached build after a date edit that
/// moved a page among its neighbours. A term that cannot be renumbered (a page of it moved
/// past others of it, or gone) is removed, and one not kept is not there: the keys of those,
/// to be scored again.
pub(crate) fn renumber_terms(
    shards: &mut [Vec<TermPostings>],
    keys: &[Key],
    side: &SideTable,
    moves: &index::Moves<'_>,
    pages: usize,
) -> Vec<Key> {
    use rayon::prelude::*;
    let count = shards.len();
    let mut by_shard: Vec<Vec<(Key, usize)>> = vec![Vec::new(); count];
    let mut missing = Vec::new();
    for &k in keys {
        let text = term_text(k, side);
        let shard = shard_of(&text, count);
        match shards[shard].binary_search_by(|t| t.term.as_str().cmp(&text)) {
            Ok(at) => by_shard[shard].push((k, at)),
            Err(_) => missing.push(k),
        }
    }
    let failed: Vec<Vec<Key>> = shards
        .par_iter_mut()
        .zip(by_shard)
        .map(|(shard, terms)| {
            let mut failed = Vec::new();
            for (k, at) in terms {
                match index::renumber(std::mem::take(&mut shard[at]), moves, pages) {
                    Some(new) => shard[at] = new,
                    None => failed.push(k),
                }
            }
            if !failed.is_empty() {
                // Emptied by `take`: no term has an empty text.
                shard.retain(|t| !t.term.is_empty());
            }
            failed
        })
        .collect();
    let mut failed: Vec<Key> = failed.into_iter().flatten().chain(missing).collect();
    failed.sort_unstable();
    failed
}

/// What [`renumber_in_place`] made.
pub(crate) struct Renumbered {
    /// The head shards.
    pub shards: Vec<Vec<TermPostings>>,
    /// Terms of the pages changed whose postings were patched.
    pub patched: usize,
    /// Terms scored again.
    pub rescored: usize,
}

/// Terms patched per parallel task at most (a common term's presence is gzipped again).
const TERMS_PER_TASK: usize = 8;

/// `shards` with each term of `changes` put in its place (`None`: removed), spread over
/// another number of shards when their count asks for it.
pub(crate) fn apply(
    mut shards: Vec<Vec<TermPostings>>,
    changes: Vec<(String, Option<TermPostings>)>,
    plan: &Plan,
) -> std::io::Result<Vec<Vec<TermPostings>>> {
    put(&mut shards, changes);
    let wanted = shard_count_of(plan, shards.iter().flatten());
    Ok(spread(shards, wanted))
}

/// Puts each term of `changes` in its place in `shards` (`None`: removes it).
pub(crate) fn put(shards: &mut [Vec<TermPostings>], changes: Vec<(String, Option<TermPostings>)>) {
    let count = shards.len();
    for (text, postings) in changes {
        let shard = &mut shards[shard_of(&text, count)];
        match (shard.binary_search_by(|t| t.term.as_str().cmp(&text)), postings) {
            (Ok(at), Some(p)) => shard[at] = p,
            (Err(at), Some(p)) => shard.insert(at, p),
            (Ok(at), None) => drop(shard.remove(at)),
            (Err(_), None) => {}
        }
    }
}

/// The terms of `shards` spread over `wanted` shards (as they are when that is their number).
pub(crate) fn spread(shards: Vec<Vec<TermPostings>>, wanted: usize) -> Vec<Vec<TermPostings>> {
    if wanted == shards.len() {
        return shards;
    }
    let mut terms: Vec<TermPostings> = shards.into_iter().flatten().collect();
    terms.sort_unstable_by(|a, b| a.term.cmp(&b.term));
    distribute(terms, wanted)
}

/// The head shards of postings (the tail files went to their sink as they were made), and
/// figures about the terms written.
#[derive(Debug, Default)]
pub(crate) struct PostingFiles {
    /// Head shards, gzipped, by shard number.
    pub heads: Vec<Vec<u8>>,
    /// Bytes of the tail files.
    pub tail_bytes: u64,
    /// Terms written.
    pub terms: usize,
    /// Postings written (heads and tails).
    pub postings: u64,
    /// Tails whose presence is gzipped.
    pub packed: usize,
}

/// Takes each tail file (its number, its bytes: uncompressed, so that byte ranges can be
/// read) as soon as it is made: at 100,000 pages the tail files are ~57 MB, which held whole
/// were the peak of a cached build's memory.
pub(crate) type TailSink<'a> = dyn Fn(usize, Vec<u8>) -> std::io::Result<()> + Sync + 'a;

/// Takes each head shard's terms encoded (postcard) and their [`TermPostings::head_weight`],
/// shard by shard in order, as [`write`] lays them out: what the build cache keeps of the
/// index for the next build.
pub(crate) type KeepSink<'a> = dyn FnMut(&[u8], u64) + 'a;

/// One head shard as [`write`] takes it.
pub(crate) enum HeadShard<'a> {
    /// Its terms, which the caller keeps.
    Held(&'a [TermPostings]),
    /// Its terms, dropped once written.
    Owned(Vec<TermPostings>),
    /// Its terms encoded, as the build cache kept them (see [`KeepSink`]).
    Encoded(Vec<u8>),
    /// Its terms encoded as the build cache kept them, but those of `claimed` (sorted) as
    /// `terms` gives them (sorted by text; a claimed text not there is no term any more).
    Merged {
        /// The shard as it was kept.
        bytes: Vec<u8>,
        /// The texts whose postings are those of `terms`.
        claimed: Vec<String>,
        /// Their postings now.
        terms: Vec<TermPostings>,
    },
}

impl HeadShard<'_> {
    /// Its terms, borrowed, sorted by text.
    pub(crate) fn views(&self) -> std::io::Result<Vec<TermView<'_>>> {
        // Bytes kept by an earlier build that do not decode: damaged since.
        let decode = |bytes| {
            postcard::from_bytes::<Vec<TermView<'_>>>(bytes)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
        };
        match self {
            HeadShard::Held(terms) => Ok(terms.iter().map(TermPostings::view).collect()),
            HeadShard::Owned(terms) => Ok(terms.iter().map(TermPostings::view).collect()),
            HeadShard::Encoded(bytes) => decode(bytes),
            HeadShard::Merged { bytes, claimed, terms } => {
                let kept = decode(bytes)?;
                let mut now = terms.iter().map(TermPostings::view).peekable();
                let mut out = Vec::with_capacity(kept.len() + terms.len());
                for v in kept.into_iter().filter(|v| claimed.binary_search_by(|c| c.as_str().cmp(v.term)).is_err()) {
                    while let Some(t) = now.next_if(|t| t.term < v.term) {
                        out.push(t);
                    }
                    out.push(v);
                }
                out.extend(now);
                Ok(out)
            }
        }
    }

    /// Its terms encoded, as [`KeepSink`] takes them, given `views`, its [`HeadShard::views`].
    fn encoded<'v>(&'v self, views: &[TermView<'_>]) -> std::io::Result<std::borrow::Cow<'v, [u8]>> {
        Ok(match self {
            HeadShard::Encoded(bytes) => bytes.as_slice().into(),
            _ => postcard::to_allocvec(views).map_err(std::io::Error::other)?.into(),
        })
    }
}

/// Where [`write`] takes the head shards from: a few at a time, in order, so that only those
/// are held decoded while they are written.
pub(crate) trait HeadSource {
    /// How many head shards there are.
    fn count(&self) -> usize;
    /// The shards of `range` (called once per shard, in order).
    fn take(&mut self, range: std::ops::Range<usize>) -> std::io::Result<Vec<HeadShard<'_>>>;
}

/// Head shards held by the caller (`serve`'s live index).
pub(crate) struct Held<'a>(pub &'a [Vec<TermPostings>]);

impl HeadSource for Held<'_> {
    fn count(&self) -> usize {
        self.0.len()
    }

    fn take(&mut self, range: std::ops::Range<usize>) -> std::io::Result<Vec<HeadShard<'_>>> {
        Ok(self.0[range].iter().map(|terms| HeadShard::Held(terms)).collect())
    }
}

/// Head shards given up as they are written (a whole build's).
pub(crate) struct Owned(pub Vec<Vec<TermPostings>>);

impl HeadSource for Owned {
    fn count(&self) -> usize {
        self.0.len()
    }

    fn take(&mut self, range: std::ops::Range<usize>) -> std::io::Result<Vec<HeadShard<'_>>> {
        Ok(self.0[range].iter_mut().map(|terms| HeadShard::Owned(std::mem::take(terms))).collect())
    }
}

/// Head shards handed to [`write`] at a time (a few megabytes of their terms held at once).
pub(crate) const SHARDS_AT_ONCE: usize = 32;

/// `terms` (sorted by text) spread over `shards` head shards by the hash of their text, each
/// shard's sorted by text.
pub(crate) fn distribute(terms: Vec<TermPostings>, shards: usize) -> Vec<Vec<TermPostings>> {
    let mut per_shard: Vec<Vec<TermPostings>> = (0..shards).map(|_| Vec::new()).collect();
    for t in terms {
        per_shard[shard_of(&t.term, shards)].push(t);
    }
    per_shard
}

/// Lays the terms of each head shard of `source` (see [`distribute`]) out into head shards and
/// tail files of at most about `tail_file_bytes` each, handed to `tails` one by one; each
/// shard's terms encoded go to `keep`, when given. The shards are taken [`SHARDS_AT_ONCE`] at
/// a time: their heads encoded side by side while their tails fill the tail file.
pub(crate) fn write(
    source: &mut dyn HeadSource,
    tail_file_bytes: usize,
    tails: &TailSink<'_>,
    mut keep: Option<&mut KeepSink<'_>>,
) -> std::io::Result<PostingFiles> {
    use rayon::prelude::*;
    let count = source.count();
    let mut files = PostingFiles { heads: Vec::with_capacity(count), ..PostingFiles::default() };
    // Bytes of each tail file so far; the tail file being filled (number, bytes).
    let mut sizes: Vec<usize> = Vec::new();
    let mut open: Option<(usize, Vec<u8>)> = None;
    for start in (0..count).step_by(SHARDS_AT_ONCE) {
        let batch = source.take(start..count.min(start + SHARDS_AT_ONCE))?;
        let views: Vec<Vec<TermView<'_>>> = batch.par_iter().map(HeadShard::views).collect::<std::io::Result<_>>()?;
        // Where each term's tail goes (file, offset), in shard and term order.
        let places: Vec<Vec<Option<(usize, usize)>>> = views
            .iter()
            .map(|terms| terms.iter().map(|t| place_tail(t, &mut sizes, tail_file_bytes)).collect())
            .collect();
        let keeping = keep.is_some();
        let (heads, filled) = rayon::join(
            || {
                batch
                    .par_iter()
                    .zip(&views)
                    .zip(&places)
                    .map(|((shard, terms), places)| {
                        let kept = if keeping { Some(shard.encoded(terms)?) } else { None };
                        let weight: usize = terms.iter().map(TermView::head_weight).sum();
                        Ok((gzip(&encode_head(terms, places))?, kept, weight as u64))
                    })
                    .collect::<std::io::Result<Vec<_>>>()
            },
            || -> std::io::Result<()> {
                for (terms, places) in views.iter().zip(&places) {
                    for (t, place) in terms.iter().zip(places) {
                        let Some((file, _)) = *place else { continue };
                        if open.as_ref().is_none_or(|(n, _)| *n != file) {
                            if let Some((n, bytes)) = open.take() {
                                tails(n, bytes)?;
                            }
                            open = Some((file, Vec::with_capacity(tail_file_bytes.min(1 << 26))));
                        }
                        if let Some((_, bytes)) = open.as_mut() {
                            bytes.extend_from_slice(t.presence);
                            bytes.extend_from_slice(t.impacts);
                        }
                    }
                }
                Ok(())
            },
        );
        filled?;
        for terms in &views {
            files.terms += terms.len();
            files.postings += terms.iter().map(|t| u64::from(t.head_count + t.tail_count)).sum::<u64>();
            files.packed += terms.iter().filter(|t| t.packed).count();
        }
        for (head, kept, weight) in heads? {
            files.heads.push(head);
            if let (Some(keep), Some(bytes)) = (keep.as_mut(), kept) {
                keep(&bytes, weight);
            }
        }
    }
    if let Some((n, bytes)) = open {
        tails(n, bytes)?;
    }
    files.tail_bytes = sizes.iter().map(|&n| n as u64).sum();
    Ok(files)
}

/// Where the tail of `t` goes (tail file, offset), when it has one: after the tails placed
/// before it, whose tail files' sizes are `sizes`, in a new file when the last one would grow
/// past `tail_file_bytes`.
fn place_tail(t: &TermView<'_>, sizes: &mut Vec<usize>, tail_file_bytes: usize) -> Option<(usize, usize)> {
    (t.tail_count > 0).then(|| {
        let len = t.presence.len() + t.impacts.len();
        if sizes.last().is_none_or(|&f| f != 0 && f + len > tail_file_bytes) {
            sizes.push(0);
        }
        let file = sizes.len() - 1;
        let at = sizes[file];
        sizes[file] += len;
        (file, at)
    })
}

/// The head file of one shard (before compression): each of `terms` with where its tail is
/// (`places`, from [`write`]) and its head postings.
fn encode_head(terms: &[TermView<'_>], places: &[Option<(usize, usize)>]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, terms.len() as u64);
    for (t, place) in terms.iter().zip(places) {
        put_varint(&mut out, t.term.len() as u64);
        out.extend_from_slice(t.term.as_bytes());
        put_varint(&mut out, u64::from(t.df));
        put_varint(&mut out, u64::from(t.head_count));
        out.push(t.tail_max);
        put_varint(&mut out, t.head.len() as u64);
        put_varint(&mut out, u64::from(t.tail_count));
        if let Some((file, at)) = place {
            put_varint(&mut out, *file as u64);
            put_varint(&mut out, *at as u64);
            put_varint(&mut out, ((t.presence.len() as u64) << 2) | (u64::from(t.packed) << 1) | u64::from(t.bitmap));
            put_varint(&mut out, t.impacts.len() as u64);
        }
        out.extend_from_slice(t.head);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::codec::get_varint;
    use super::super::index::encode_postings;
    use super::*;
    use std::io::Read as _;

    fn term(text: &str, head: &[(u32, u8)], tail: &[(u32, u8)]) -> TermPostings {
        let tail_max = tail.iter().map(|p| p.1).max().unwrap_or(0);
        let t = TermPostings::of(text.into(), head.len() + tail.len(), (head, tail), true, tail_max, 100).unwrap();
        assert!(!t.packed, "the tests read the presence unpacked");
        t
    }

    #[test]
    fn every_term_is_found_in_its_shard_with_its_tail() {
        let terms = vec![
            term("乡村", &[(3, 200)], &[(1, 10), (9, 20)]),
            term("营商", &[(2, 100), (5, 90)], &[]),
            term("2024", &[(0, 5)], &[(4, 4), (6, 3), (8, 2)]),
        ];
        let made = std::sync::Mutex::new(Vec::new());
        let files = write(
            &mut Owned(distribute(terms, 2)),
            4,
            &|n, bytes| {
                made.lock().unwrap().push((n, bytes));
                Ok(())
            },
            None,
        )
        .unwrap();
        let made = made.into_inner().unwrap();
        assert!(made.iter().enumerate().all(|(i, (n, _))| i == *n), "in order");
        let tails: Vec<Vec<u8>> = made.into_iter().map(|(_, b)| b).collect();
        assert_eq!(files.tail_bytes, tails.iter().map(|t| t.len() as u64).sum::<u64>());
        assert_eq!(files.heads.len(), 2);
        let mut found = Vec::new();
        for (n, gz) in files.heads.iter().enumerate() {
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut raw).unwrap();
            let mut pos = 0;
            let count = get_varint(&raw, &mut pos).unwrap();
            for _ in 0..count {
                let len = get_varint(&raw, &mut pos).unwrap() as usize;
                let text = std::str::from_utf8(&raw[pos..pos + len]).unwrap().to_string();
                pos += len;
                assert_eq!(shard_of(&text, 2), n);
                let _df = get_varint(&raw, &mut pos).unwrap();
                let _hc = get_varint(&raw, &mut pos).unwrap();
                let _max = raw[pos];
                pos += 1;
                let head_len = get_varint(&raw, &mut pos).unwrap() as usize;
                let tail_count = get_varint(&raw, &mut pos).unwrap();
                if tail_count > 0 {
                    let file = get_varint(&raw, &mut pos).unwrap() as usize;
                    let off = get_varint(&raw, &mut pos).unwrap() as usize;
                    let presence = get_varint(&raw, &mut pos).unwrap() as usize;
                    assert_eq!(presence & 3, 0, "small tails are gap lists, not gzipped");
                    let len = (presence >> 2) + get_varint(&raw, &mut pos).unwrap() as usize;
                    let tail = &tails[file][off..off + len];
                    let want = if text == "乡村" {
                        encode_postings(&[(1, 10), (9, 20)])
                    } else {
                        encode_postings(&[(4, 4), (6, 3), (8, 2)])
                    };
                    assert_eq!(tail, &want[..]);
                }
                pos += head_len;
                found.push(text);
            }
        }
        found.sort();
        assert_eq!(found, ["2024", "乡村", "营商"]);
        assert_eq!(tails.len(), 2, "tail files are cut at the size limit");
    }

    /// Shards given as the bytes [`write`] handed to its keep sink.
    struct Kept(Vec<Vec<u8>>);

    impl HeadSource for Kept {
        fn count(&self) -> usize {
            self.0.len()
        }

        fn take(&mut self, range: std::ops::Range<usize>) -> std::io::Result<Vec<HeadShard<'_>>> {
            Ok(self.0[range].iter_mut().map(|b| HeadShard::Encoded(std::mem::take(b))).collect())
        }
    }

    #[test]
    fn shards_written_again_from_their_kept_bytes_give_the_same_files() {
        // More shards than are taken at once, so that the tail files run across batches.
        let terms: Vec<TermPostings> = (0..400u32)
            .map(|i| {
                let tail: Vec<(u32, u8)> = (0..i % 7).map(|j| (100 + j * 3, 1 + (j % 5) as u8)).collect();
                term(&format!("词{i}"), &[(i % 50, 200)], &tail)
            })
            .collect();
        let shards = distribute(terms, SHARDS_AT_ONCE * 2 + 5);
        let run = |source: &mut dyn HeadSource, keep: Option<&mut KeepSink<'_>>| {
            let made = std::sync::Mutex::new(Vec::new());
            let files = write(
                source,
                300,
                &|n, bytes| {
                    made.lock().unwrap().push((n, bytes));
                    Ok(())
                },
                keep,
            )
            .unwrap();
            (files, made.into_inner().unwrap())
        };
        let mut kept: Vec<(Vec<u8>, u64)> = Vec::new();
        let (first, first_tails) = run(&mut Held(&shards), Some(&mut |b: &[u8], w: u64| kept.push((b.to_vec(), w))));
        assert_eq!(kept.len(), shards.len());
        for ((_, w), terms) in kept.iter().zip(&shards) {
            assert_eq!(*w as usize, terms.iter().map(TermPostings::head_weight).sum::<usize>());
        }
        assert!(first_tails.len() > 2, "several tail files");
        let (again, again_tails) = run(&mut Kept(kept.into_iter().map(|(b, _)| b).collect()), None);
        assert_eq!(again.heads, first.heads);
        assert_eq!(again_tails, first_tails);
        assert_eq!((again.terms, again.postings, again.tail_bytes), (400, first.postings, first.tail_bytes));
    }

    #[test]
    fn kept_bytes_that_do_not_decode_are_invalid_data() {
        // A term count far past the bytes that follow.
        let err = HeadShard::Encoded(vec![0xFF; 9]).views().unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    }

    #[test]
    fn terms_borrowed_encode_as_the_terms_they_borrow() {
        let shard = vec![term("乡村", &[(3, 200)], &[(1, 10), (9, 20)]), term("营商", &[(2, 100)], &[])];
        let views: Vec<TermView<'_>> = shard.iter().map(TermPostings::view).collect();
        let bytes = postcard::to_allocvec(&shard).unwrap();
        assert_eq!(postcard::to_allocvec(&views).unwrap(), bytes);
        let back: Vec<TermPostings> =
            postcard::from_bytes::<Vec<TermView<'_>>>(&bytes).unwrap().into_iter().map(TermView::owned).collect();
        assert_eq!(back, shard);
    }
}
