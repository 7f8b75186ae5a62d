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
use super::index::{self, Chunk, Scoring, Split, TermPostings};
use super::indexer::{Plan, shard_count};
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
    let wanted = shard_count(plan, shards.iter().flatten());
    if wanted == count {
        return Ok(shards);
    }
    let mut terms: Vec<TermPostings> = shards.into_iter().flatten().collect();
    terms.sort_unstable_by(|a, b| a.term.cmp(&b.term));
    Ok(distribute(terms, wanted))
}

/// The head shards of postings (the tail files went to their sink as they were made).
#[derive(Debug, Default)]
pub(crate) struct PostingFiles {
    /// Head shards, gzipped, by shard number.
    pub heads: Vec<Vec<u8>>,
    /// Bytes of the tail files.
    pub tail_bytes: u64,
}

/// Takes each tail file (its number, its bytes: uncompressed, so that byte ranges can be
/// read) as soon as it is made: at 100,000 pages the tail files are ~57 MB, which held whole
/// were the peak of a cached build's memory.
pub(crate) type TailSink<'a> = dyn Fn(usize, Vec<u8>) -> std::io::Result<()> + Sync + 'a;

/// `terms` (sorted by text) spread over `shards` head shards by the hash of their text, each
/// shard's sorted by text.
pub(crate) fn distribute(terms: Vec<TermPostings>, shards: usize) -> Vec<Vec<TermPostings>> {
    let mut per_shard: Vec<Vec<TermPostings>> = (0..shards).map(|_| Vec::new()).collect();
    for t in terms {
        per_shard[shard_of(&t.term, shards)].push(t);
    }
    per_shard
}

/// Lays the terms of each head shard (see [`distribute`]) out into head shards and tail files
/// of at most about `tail_file_bytes` each, handed to `tails` one by one.
pub(crate) fn write(
    per_shard: &[Vec<TermPostings>],
    tail_file_bytes: usize,
    tails: &TailSink<'_>,
) -> std::io::Result<PostingFiles> {
    use rayon::prelude::*;
    // Where each term's tail goes (file, offset), in shard and term order; then the heads are
    // encoded side by side while the tail files are filled, each sized once.
    let mut sizes: Vec<usize> = Vec::new();
    let places: Vec<Vec<Option<(usize, usize)>>> = per_shard
        .iter()
        .map(|terms| {
            terms
                .iter()
                .map(|t| {
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
                })
                .collect()
        })
        .collect();
    let (heads, tails) = rayon::join(
        || {
            per_shard
                .par_iter()
                .zip(&places)
                .map(|(terms, places)| gzip(&encode_head(terms, places)))
                .collect::<std::io::Result<Vec<_>>>()
        },
        || -> std::io::Result<u64> {
            // The tail file being filled: (number, bytes).
            let mut open: Option<(usize, Vec<u8>)> = None;
            for (terms, places) in per_shard.iter().zip(&places) {
                for (t, place) in terms.iter().zip(places) {
                    let Some((file, _)) = *place else { continue };
                    if open.as_ref().is_none_or(|(n, _)| *n != file) {
                        if let Some((n, bytes)) = open.take() {
                            tails(n, bytes)?;
                        }
                        open = Some((file, Vec::with_capacity(sizes[file])));
                    }
                    if let Some((_, bytes)) = open.as_mut() {
                        bytes.extend_from_slice(&t.presence);
                        bytes.extend_from_slice(&t.impacts);
                    }
                }
            }
            if let Some((n, bytes)) = open {
                tails(n, bytes)?;
            }
            Ok(sizes.iter().map(|&n| n as u64).sum())
        },
    );
    Ok(PostingFiles { heads: heads?, tail_bytes: tails? })
}

/// The head file of one shard (before compression): each of `terms` with where its tail is
/// (`places`, from [`write`]) and its head postings.
fn encode_head(terms: &[TermPostings], places: &[Option<(usize, usize)>]) -> Vec<u8> {
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
        out.extend_from_slice(&t.head);
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
        let files = write(&distribute(terms, 2), 4, &|n, bytes| {
            made.lock().unwrap().push((n, bytes));
            Ok(())
        })
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
}
