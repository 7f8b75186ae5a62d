//! The search index `zhanqun serve` keeps up to date as pages are edited: it keeps, between
//! updates, every group's tokenized postings ([`Chunk`]) with the hash of its text file, and
//! every term's scored postings, so that an update tokenizes again only the groups whose pages
//! changed and — when the pages keep their ids and the corpus statistics their values (the
//! common edit: a body, a title, a 文号) — scores again only the terms whose postings changed.
//! The text files of the other groups are linked from the index it replaces. The files are
//! those a whole build writes ([`super::build`]), byte for byte.

use super::index::{self, Chunk, GroupScratch, Scoring, Source, Split, TermPostings};
use super::indexer::{Indexer, Plan, Writer, recency_of, shard_count_of};
use super::terms::{Key, SideTable};
use super::{Output, PageText, SearchError, Settings, Stats, shard, store};
use crate::assemble::SiteGraph;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The search index of the served output, with what it was made from (see the module doc).
#[derive(Default)]
pub struct LiveIndex {
    kept: Option<Kept>,
}

/// What the last index was made from.
struct Kept {
    settings: Settings,
    /// Each page, in page-id order, as its group was tokenized.
    pages: Vec<KeptPage>,
    /// Each group's postings, by group.
    chunks: Vec<Chunk>,
    /// Each group's text file: (SHA-256, bytes).
    texts: Vec<(String, u64)>,
    /// How the postings were scored.
    scoring: Scoring,
    /// Every term's postings, by head shard, each shard's sorted by text.
    shards: Vec<Vec<TermPostings>>,
    /// The versioned directory the index was written to (`v-…`).
    dir: String,
    /// Its metadata chunks.
    meta: store::KeptChunks,
}

/// The group before whose pages are exactly the pages `r` now, in the same order, each read as
/// it did (`from`: each page's id before, when it reads as it did; `starts`: each group's first
/// id before), if any.
fn shifted(r: std::ops::Range<usize>, from: &[Option<u32>], starts: &[u32], chunks: &[Option<Chunk>]) -> Option<usize> {
    let first = (*from.get(r.start)?)?;
    let was = starts.binary_search(&first).ok()?;
    let same_len = chunks.get(was)?.as_ref()?.len() == r.len();
    let same_pages = r.clone().all(|i| from.get(i).copied().flatten() == Some(first + (i - r.start) as u32));
    (same_len && same_pages).then_some(was)
}

/// Pages of a run taken from the middle of a group before that are tokenized afresh instead.
const SHORT_RUN: usize = 64;

/// Marks for tokenizing afresh (`None`) the pages of `origins` (each page's group and id
/// before, as [`Remake::Compose`] holds them; `starts`: each group's first id before) that
/// come in runs of at most [`SHORT_RUN`] pages from the middle or end of a group before.
/// Composing reads a term's postings in a group from its first page on, so such a run reads
/// the whole group for a few pages: where an edit moves a group's boundary (a page that starts
/// a group added or removed, or a group cut at its most pages), the pages that cross it read
/// ~2.7 million postings of their group before; tokenizing them alone reads their texts.
fn tokenize_short_runs(origins: &mut [Option<(usize, u32)>], starts: &[u32]) {
    let mut at = 0;
    while at < origins.len() {
        let Some((group, first)) = origins[at] else {
            at += 1;
            continue;
        };
        let mut end = at + 1;
        while end < origins.len() && origins[end] == Some((group, first + (end - at) as u32)) {
            end += 1;
        }
        if end - at <= SHORT_RUN && starts.get(group) != Some(&first) {
            origins[at..end].fill(None);
        }
        at = end;
    }
}

/// How an update makes the postings and text file of a group.
enum Remake {
    /// Its pages are those of this group before, in the same order, all read as before — with
    /// the same ids, or all moved by pages added or removed before them: the group is kept,
    /// its postings counted from its first page now, its text file linked.
    Keep(usize),
    /// These pages (ids) changed in place: the group is spliced ([`index::splice_group`]).
    Splice(Vec<usize>),
    /// Its pages moved: each page's (group, id) before, `None` for a page new or changed; the
    /// group is composed from them ([`index::compose_group`]).
    Compose(Vec<Option<(usize, u32)>>),
    /// Tokenized whole.
    Tokenize,
}

/// Each group's text file: (SHA-256, bytes).
type TextFiles = Vec<(String, u64)>;

/// One page as the index holds it.
struct KeptPage {
    url: String,
    title: String,
    text: Option<Arc<PageText>>,
}

impl KeptPage {
    /// True when the page reads as `other` does: the same URL, title and text.
    fn same(&self, other: &KeptPage) -> bool {
        let text = match (&self.text, &other.text) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
            (a, b) => a.is_none() && b.is_none(),
        };
        text && self.url == other.url && self.title == other.title
    }
}

/// What the index tokenizes of `p`.
fn source(p: &KeptPage) -> Source<'_> {
    Source { title: &p.title, text: p.text.as_deref().cloned().unwrap_or_default() }
}

/// Locks `m` even if a thread panicked while holding it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl LiveIndex {
    /// An index that keeps nothing yet: the first [`LiveIndex::update`] builds it whole.
    pub fn new() -> LiveIndex {
        LiveIndex::default()
    }

    /// Writes the index of the pages of `g` into `out` (the served directory), `texts[i]` being
    /// the text of page `i` (as [`super::build`] takes them), reusing what the last update
    /// made of the pages that did not change. `Stats::reused_groups` counts the groups not
    /// tokenized again, `Stats::rescored` the terms scored again (`None`: every term was).
    /// After an error the next update builds the index whole.
    pub fn update(
        &mut self,
        g: &SiteGraph<'_>,
        texts: &[Option<Arc<PageText>>],
        settings: &Settings,
        out: &dyn Output,
    ) -> Result<Stats, SearchError> {
        let started = Instant::now();
        let kept = self.kept.take().filter(|k| k.settings == *settings);
        let (order, records, plan, writer) = Indexer::new(g, settings, out).into_live();
        let n = order.len();
        let group_count = plan.groups.len();
        let mut laps = vec![("  search: number+records", started.elapsed())];
        let pages: Vec<KeptPage> = order
            .par_iter()
            .map(|&i| KeptPage {
                url: g.pages[i].url.clone(),
                title: g.pages[i].meta.title.clone(),
                text: texts.get(i).cloned().flatten(),
            })
            .collect();
        laps.push(("  search: pages", started.elapsed()));
        let range = |k: usize| super::groups::range(&plan.groups, k, n);
        let same_ids = kept.as_ref().is_some_and(|k| {
            k.pages.len() == n
                && k.chunks.len() == group_count
                && k.pages.iter().zip(&pages).all(|(a, b)| a.url == b.url)
        });
        let (old_pages, mut old_chunks, old_texts, old): (Vec<KeptPage>, Vec<Option<Chunk>>, TextFiles, _) = match kept
        {
            Some(Kept { pages, chunks, texts, scoring, shards, dir, meta, .. }) => {
                (pages, chunks.into_iter().map(Some).collect(), texts, Some((scoring, shards, dir, meta)))
            }
            None => (Vec::new(), Vec::new(), Vec::new(), None),
        };
        // The id before of each page that reads as it did, when the pages moved.
        let from: Vec<Option<u32>> = if same_ids || old.is_none() {
            Vec::new()
        } else {
            let ids: HashMap<&str, u32> =
                old_pages.iter().enumerate().map(|(j, p)| (p.url.as_str(), j as u32)).collect();
            pages.iter().map(|p| ids.get(p.url.as_str()).copied().filter(|&j| old_pages[j as usize].same(p))).collect()
        };
        let old_n = old_pages.len();
        // The groups whose pages all read as before keep their postings and text file; of the
        // others, those with a few pages changed in place have their postings spliced, and
        // those whose pages moved (a page added, removed or re-dated before or among them)
        // are composed from the postings their pages had where they were.
        let mut remake: Vec<Remake> = (0..group_count).map(|_| Remake::Tokenize).collect();
        if let Some((_, _, dir, _)) = &old {
            let old_starts: Vec<u32> = old_chunks.iter().flatten().map(Chunk::start).collect();
            // Group `group` kept as group `was` before: its text file linked from there.
            let keep = |was: usize, group: usize| {
                let Some((sha, len)) = old_texts.get(was) else { return false };
                let from = format!("search/{dir}/{}", Writer::text_file(was));
                writer.copy(&from, &Writer::text_file(group), sha, *len).is_ok()
            };
            for (group, slot) in remake.iter_mut().enumerate() {
                let r = range(group);
                let in_place = old_chunks
                    .get(group)
                    .and_then(Option::as_ref)
                    .is_some_and(|c| c.start() as usize == r.start && c.len() == r.len())
                    && old_pages.len() >= r.end;
                if in_place {
                    let differing: Vec<usize> = r.clone().filter(|&i| !old_pages[i].same(&pages[i])).collect();
                    if differing.is_empty() {
                        if keep(group, group) {
                            *slot = Remake::Keep(group);
                        }
                        continue;
                    }
                    if differing.len() <= index::SPLICE_MAX {
                        *slot = Remake::Splice(differing);
                        continue;
                    }
                }
                if let Some(was) = shifted(r.clone(), &from, &old_starts, &old_chunks)
                    && keep(was, group)
                {
                    *slot = Remake::Keep(was);
                    continue;
                }
                let mut origins: Vec<Option<(usize, u32)>> = r
                    .clone()
                    .map(|i| {
                        let j = from.get(i).copied().flatten()?;
                        let chunk = old_starts.partition_point(|&s| s <= j).checked_sub(1)?;
                        Some((chunk, j))
                    })
                    .collect();
                tokenize_short_runs(&mut origins, &old_starts);
                let fresh = origins.iter().filter(|o| o.is_none()).count();
                if fresh <= index::SPLICE_MAX && fresh < r.len() {
                    *slot = Remake::Compose(origins);
                }
            }
        }
        drop(old_pages);
        laps.push(("  search: link", started.elapsed()));
        // A group's text file made again from every page's text.
        let text_file = |group: usize, r: std::ops::Range<usize>, bytes: u64| -> std::io::Result<(String, u64)> {
            let mut text = Vec::with_capacity(bytes as usize + 2 * r.len());
            for p in &pages[r] {
                let t = p.text.as_deref();
                store::append_text(
                    &mut text,
                    &p.title,
                    t.map_or("", |t| t.meta.as_str()),
                    t.map_or("", |t| t.body.as_str()),
                );
            }
            let sha = writer.put_sha(&Writer::text_file(group), &text)?;
            Ok((sha, text.len() as u64))
        };
        let changed: Vec<usize> = (0..group_count).filter(|&k| !matches!(remake[k], Remake::Keep(_))).collect();
        let tokenized: Vec<(usize, Chunk, (String, u64))> = crate::parallel::uneven(changed.par_iter(), 1)
            .map_init(GroupScratch::default, |scratch, &group| {
                let r = range(group);
                let alone = |i: usize, scratch: &mut GroupScratch| {
                    index::tokenize_group(i as u32, vec![source(&pages[i])], &|_, _| Ok(()), scratch)
                };
                match (&remake[group], old_chunks.get(group).and_then(Option::as_ref)) {
                    (Remake::Splice(differing), Some(was)) => {
                        // Only the changed pages tokenized, each alone.
                        let fresh =
                            differing.iter().map(|&i| alone(i, scratch)).collect::<std::io::Result<Vec<Chunk>>>()?;
                        let chunk = index::splice_group(was, &fresh);
                        let file = text_file(group, r, chunk.text_bytes())?;
                        return Ok((group, chunk, file));
                    }
                    (Remake::Compose(origins), _) => {
                        // The pages new or changed tokenized, each alone; the others' postings
                        // taken from their groups before.
                        let fresh = r
                            .clone()
                            .zip(origins)
                            .map(|(i, o)| o.is_none().then(|| alone(i, scratch)).transpose())
                            .collect::<std::io::Result<Vec<Option<Chunk>>>>()?;
                        let from: Option<Vec<(&Chunk, u32)>> = r
                            .clone()
                            .zip(origins.iter().zip(&fresh))
                            .map(|(i, o)| match o {
                                (Some((k, j)), _) => old_chunks.get(*k).and_then(Option::as_ref).map(|c| (c, *j)),
                                (None, f) => f.as_ref().map(|f| (f, i as u32)),
                            })
                            .collect();
                        if let Some(from) = from {
                            let chunk = index::compose_group(r.start as u32, &from);
                            let file = text_file(group, r, chunk.text_bytes())?;
                            return Ok((group, chunk, file));
                        }
                    }
                    _ => {}
                }
                let docs: Vec<Source<'_>> = pages[r.clone()].iter().map(source).collect();
                let file = Mutex::new((String::new(), 0));
                let emit = |_: u32, bytes: Vec<u8>| {
                    *lock(&file) = (writer.put_sha(&Writer::text_file(group), &bytes)?, bytes.len() as u64);
                    Ok(())
                };
                let chunk = index::tokenize_group(r.start as u32, docs, &emit, scratch)?;
                Ok((group, chunk, file.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)))
            })
            .collect::<std::io::Result<_>>()?;
        // When the pages moved (some added, removed or re-dated): the terms of the pages gone
        // or changed, and of those that moved, from their groups before.
        let moved = (!same_ids && old.is_some()).then(|| moved_terms(&from, &old_chunks, old_n)).flatten();
        // The groups kept take their postings (no group composed above reads them: their pages
        // kept their ids).
        let mut groups: Vec<Option<(Chunk, (String, u64))>> = (0..group_count).map(|_| None).collect();
        for (group, slot) in groups.iter_mut().enumerate() {
            let Remake::Keep(was) = remake[group] else { continue };
            if let (Some(chunk), Some(file)) = (old_chunks[was].take(), old_texts.get(was)) {
                *slot = Some((chunk.rebased(range(group).start as u32), file.clone()));
            }
        }
        let composed_groups = changed.iter().filter(|&&k| matches!(remake[k], Remake::Compose(_))).count();
        let mut stats = Stats { reused_groups: group_count - changed.len(), composed_groups, ..Stats::default() };
        stats.timings = laps;
        stats.timings.push(("  search: tokenize", started.elapsed()));

        // The terms whose postings changed, from each group tokenized again and its chunk before.
        let mut side = SideTable::new();
        let mut keys = Vec::new();
        let mut replaced = Vec::new();
        for (group, chunk, file) in tokenized {
            if same_ids && let Some(was) = old_chunks.get_mut(group).and_then(Option::take) {
                keys.extend(index::changed_terms(&was, &chunk, &mut side));
                replaced.push((group, was));
            }
            groups[group] = Some((chunk, file));
        }
        drop(old_chunks);
        // Every group is either kept or tokenized again.
        let (chunks, files): (Vec<Chunk>, Vec<(String, u64)>) = groups.into_iter().flatten().unzip();
        let (old, meta) = match old {
            Some((scoring, shards, _, meta)) => {
                let old = if same_ids {
                    Some(Previous::Same { scoring, shards, keys, side, replaced })
                } else {
                    moved.map(|(gone, moved, side)| Previous::Moved { scoring, shards, from, gone, moved, side })
                };
                (old, meta)
            }
            None => (None, store::KeptChunks::new()),
        };
        let fresh = Fresh { settings: settings.clone(), pages, chunks, files, meta };
        let (stats, kept) = write(writer, &plan, &records, fresh, old, stats, started)?;
        self.kept = Some(kept);
        Ok(stats)
    }

    /// The index a build (`serve`'s first) just wrote with `writer`, kept for the next update:
    /// `order` gives the page of each page id, `chunks` are every group's postings; the text
    /// files are written. The pages' texts are attached afterwards
    /// ([`LiveIndex::attach_texts`]).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn from_build(
        g: &SiteGraph<'_>,
        settings: &Settings,
        order: &[usize],
        records: &[store::Record<'_>],
        plan: &Plan,
        writer: Writer<'_>,
        chunks: Vec<Chunk>,
        stats: Stats,
        started: Instant,
    ) -> Result<(Stats, LiveIndex), SearchError> {
        let pages = order
            .iter()
            .map(|&i| KeptPage { url: g.pages[i].url.clone(), title: g.pages[i].meta.title.clone(), text: None })
            .collect();
        let files = (0..chunks.len()).map(|k| writer.written_file(&Writer::text_file(k)).unwrap_or_default()).collect();
        let fresh = Fresh { settings: settings.clone(), pages, chunks, files, meta: store::KeptChunks::new() };
        let (stats, kept) = write(writer, plan, records, fresh, None, stats, started)?;
        Ok((stats, LiveIndex { kept: Some(kept) }))
    }

    /// Gives every page the text it was indexed with, as the caller holds it (`text` of a
    /// page's URL; `None` for a page indexed by its title): the next update compares the
    /// texts it is given with these, and tokenizes again the groups of those that differ.
    pub fn attach_texts(&mut self, text: impl Fn(&str) -> Option<Arc<PageText>>) {
        if let Some(kept) = &mut self.kept {
            for p in &mut kept.pages {
                p.text = text(&p.url);
            }
        }
    }
}

/// What an update made of the pages.
struct Fresh {
    settings: Settings,
    pages: Vec<KeptPage>,
    chunks: Vec<Chunk>,
    files: Vec<(String, u64)>,
    /// The metadata chunks of the last index.
    meta: store::KeptChunks,
}

/// What the last update scored.
enum Previous {
    /// The pages kept their ids: its scoring, its terms, and the terms whose postings changed
    /// since (with the texts of the hashed ones).
    Same {
        scoring: Scoring,
        shards: Vec<Vec<TermPostings>>,
        keys: Vec<Key>,
        side: SideTable,
        /// The groups tokenized again: (group, its chunk before).
        replaced: Vec<(usize, Chunk)>,
    },
    /// The pages moved (some added, removed or re-dated).
    Moved {
        scoring: Scoring,
        shards: Vec<Vec<TermPostings>>,
        /// The id before of each page that reads as it did.
        from: Vec<Option<u32>>,
        /// The postings of the pages gone or changed, as they were.
        gone: Vec<Posting>,
        /// The terms of the pages that moved and read as they did (`None`: so many pages
        /// moved that every term is renumbered).
        moved: Option<Vec<Key>>,
        /// The texts of the hashed ones.
        side: SideTable,
    },
}

/// The terms of the pages changed, the id now of each page before, and each term's patch
/// (see [`renumbered`]).
type Renumbering = (Vec<Key>, Vec<u32>, HashMap<Key, index::Patch>);

/// The terms to patch or score again after the pages moved — those of the pages gone or
/// changed (`gone`: their postings as they were) and of every page new, changed or weighed
/// otherwise now (from `chunks`; its texts added to `side`) — with what each lost and gained
/// ([`index::Patch`]), and the id now of each page before (`u32::MAX`: gone, changed or
/// weighed otherwise), `from` giving the id before of each page that reads as it did. `None`
/// when too many pages are weighed otherwise or the others' order changed (a term's postings
/// could not be renumbered as they are).
fn renumbered(
    chunks: &[Chunk],
    scoring: &Scoring,
    (before, from): (&Scoring, &[Option<u32>]),
    gone: &[Posting],
    side: &mut SideTable,
) -> Option<Renumbering> {
    let mut to = vec![u32::MAX; before.text_lens.len()];
    let mut changed = Vec::new();
    let mut last: Option<u32> = None;
    for (i, j) in from.iter().enumerate() {
        match *j {
            Some(j) if scoring.same_page(i, before, j as usize) => {
                if last.is_some_and(|l| l >= j) {
                    return None;
                }
                last = Some(j);
                *to.get_mut(j as usize)? = i as u32;
            }
            _ => changed.push(i as u32),
        }
    }
    if changed.len() > MOVED_MAX {
        return None;
    }
    // What each of their terms lost and gained: the postings of the pages gone or changed as
    // they were scored, and of the pages changed or weighed otherwise as they are now (the
    // latter as they were, too, by the scoring before).
    let mut patches: HashMap<Key, index::Patch> = HashMap::new();
    let byte = |s: &Scoring, j: u32, ft: u8, fb: u8| s.impact(j as usize, ft, fb).map(|x| s.quantizer.quantize(x));
    for &(k, j, ft, fb) in gone {
        patches.entry(k).or_default().removed.push((j, byte(before, j, ft, fb)?));
    }
    for chunk in chunks {
        let within = within(&changed, chunk);
        if within.is_empty() {
            continue;
        }
        for (k, i, ft, fb) in chunk.postings_of(within, side) {
            let patch = patches.entry(k).or_default();
            patch.added.push((i, scoring.impact(i as usize, ft, fb)?));
            if let Some(j) = from[i as usize] {
                patch.removed.push((j, byte(before, j, ft, fb)?));
            }
        }
    }
    let mut keys: Vec<Key> = patches.keys().copied().collect();
    keys.sort_unstable();
    Some((keys, to, patches))
}

/// Pages changed (or weighed otherwise) at most for an update to renumber the others and
/// rescore only their terms rather than score every term again.
const MOVED_MAX: usize = 5_000;

/// A posting as a chunk holds it: (term, page id, title tf, body tf).
type Posting = (Key, u32, u8, u8);

/// The postings of the pages gone or changed since the last update, and the terms of the
/// pages that moved (with the texts of the hashed ones), from `old` (the groups before, by
/// group, of `old_n` pages);
/// `from` gives the id before of each page that reads as it did. The terms of the pages that
/// moved are `None` when more than [`MOVED_MAX`] moved (a page added or removed moves every
/// page after it): every term is renumbered then. `None` when too many pages went or changed.
#[allow(clippy::type_complexity)]
fn moved_terms(
    from: &[Option<u32>],
    old: &[Option<Chunk>],
    old_n: usize,
) -> Option<(Vec<Posting>, Option<Vec<Key>>, SideTable)> {
    let mut kept = vec![false; old_n];
    let mut moved = Vec::new();
    for (i, j) in from.iter().enumerate() {
        if let Some(j) = *j {
            *kept.get_mut(j as usize)? = true;
            if j as usize != i {
                moved.push(j);
            }
        }
    }
    let gone: Vec<u32> = (0..old_n as u32).filter(|&j| !kept[j as usize]).collect();
    if gone.len() > MOVED_MAX {
        return None;
    }
    moved.sort_unstable();
    let mut side = SideTable::new();
    let mut terms = |ids: &[u32]| -> Option<Vec<Key>> {
        let mut keys = Vec::new();
        for chunk in old {
            let chunk = chunk.as_ref()?;
            let within = within(ids, chunk);
            if !within.is_empty() {
                keys.extend(chunk.terms_of(within, &mut side));
            }
        }
        keys.sort_unstable();
        keys.dedup();
        Some(keys)
    };
    let moved = if moved.len() > MOVED_MAX { None } else { Some(terms(&moved)?) };
    let mut postings = Vec::new();
    for chunk in old {
        let chunk = chunk.as_ref()?;
        let within = within(&gone, chunk);
        if !within.is_empty() {
            postings.extend(chunk.postings_of(within, &mut side));
        }
    }
    Some((postings, moved, side))
}

/// The pages of `ids` (sorted) that `chunk` holds.
fn within<'a>(ids: &'a [u32], chunk: &Chunk) -> &'a [u32] {
    let (lo, hi) = (chunk.start(), chunk.start() + chunk.len() as u32);
    &ids[ids.partition_point(|&j| j < lo)..ids.partition_point(|&j| j < hi)]
}

/// Scores the postings of `fresh` — only the changed terms of `old` when its scoring is the
/// same, else every term — and writes every file but the text files with `writer`; returns
/// the figures and what to keep.
fn write(
    writer: Writer<'_>,
    plan: &Plan,
    records: &[store::Record<'_>],
    fresh: Fresh,
    old: Option<Previous>,
    mut stats: Stats,
    started: Instant,
) -> Result<(Stats, Kept), SearchError> {
    let Fresh { settings, pages, chunks, files, mut meta } = fresh;
    stats.text_bytes = files.iter().map(|f| f.1).sum();
    let split = Split { head: plan.head, unigram_tails: plan.unigram_tails };
    let scoring = Scoring::of(&chunks, recency_of(records));
    let scored = Instant::now();
    let whole = || -> std::io::Result<Vec<Vec<TermPostings>>> {
        let terms = index::invert(&chunks, &scoring, split)?;
        let count = shard_count_of(plan, &terms);
        Ok(shard::distribute(terms, count))
    };
    let shards = match old {
        Some(Previous::Same { scoring: before, shards, mut keys, side, replaced }) if scoring.same_scale(&before) => {
            keys.sort_unstable();
            keys.dedup();
            stats.rescored = Some(keys.len());
            let before = (&before, replaced.as_slice());
            shard::rescore_in_place(shards, &keys, &chunks, &side, &scoring, before, split, plan)?
        }
        Some(Previous::Moved { scoring: before, shards, from, gone, moved, mut side })
            if scoring.corpus.same_weights(&before.corpus) =>
        {
            let clock = Instant::now();
            let renumber = renumbered(&chunks, &scoring, (&before, &from), &gone, &mut side);
            stats.timings.push(("  search: moved", clock.elapsed()));
            let laps = &mut stats.timings;
            let renumbered = renumber.and_then(|(keys, to, patches)| {
                let moved = (moved.as_deref(), to.as_slice(), &patches);
                shard::renumber_in_place(shards, &keys, moved, &chunks, &side, &scoring, split, plan, laps).transpose()
            });
            match renumbered.transpose()? {
                Some(r) => {
                    (stats.rescored, stats.patched) = (Some(r.rescored), r.patched);
                    r.shards
                }
                None => whole()?,
            }
        }
        _ => whole()?,
    };
    let now = Instant::now();
    stats.timings.push(("  search: changed terms+statistics", scored - started));
    stats.timings.push(("  search: rescore/invert", now - scored));
    let stats =
        writer.write_index(plan, records, (&mut shard::Held(&shards), None), &scoring, &mut meta, stats, now)?;
    let dir = stats.dir.clone();
    Ok((stats, Kept { settings, pages, chunks, texts: files, scoring, shards, dir, meta }))
}

#[cfg(test)]
mod tests {
    use super::super::indexer::tests::{Files, basic, built, differing, graph, text};
    use super::*;

    /// The files of `live.update` for `texts`, in memory, written over `files` (an earlier
    /// update's, whose text files it may link).
    fn updated(
        live: &mut LiveIndex,
        g: &SiteGraph<'_>,
        texts: &[Option<Arc<PageText>>],
        files: &Files,
    ) -> (Stats, std::collections::BTreeMap<String, Vec<u8>>) {
        let stats = live.update(g, texts, &Settings::default(), files).unwrap();
        // What serve keeps: index.json and the directory it names.
        let mut all = lock(&files.0);
        all.retain(|k, _| k == "search/index.json" || k.starts_with(&format!("search/{}/", stats.dir)));
        (stats, all.clone())
    }

    #[test]
    fn short_runs_from_inside_a_group_before_are_tokenized_afresh() {
        // Groups before start at 0 and 100. The last page of group 0 (a page was added before
        // it), then the first 80 pages of group 1: only the first is read from a group's middle.
        let mut origins: Vec<Option<(usize, u32)>> = vec![Some((0, 99))];
        origins.extend((100..180).map(|j| Some((1, j))));
        tokenize_short_runs(&mut origins, &[0, 100]);
        assert_eq!(origins[0], None);
        assert!(origins[1..].iter().enumerate().all(|(k, o)| *o == Some((1, 100 + k as u32))));
        // A long run from the middle is kept; a short one after a page new or changed is not.
        let mut origins: Vec<Option<(usize, u32)>> = (10..90).map(|j| Some((0, j))).collect();
        origins.push(None);
        origins.extend((91..95).map(|j| Some((0, j))));
        let long: Vec<Option<(usize, u32)>> = origins[..80].to_vec();
        tokenize_short_runs(&mut origins, &[0, 100]);
        assert_eq!(&origins[..80], &long[..]);
        assert!(origins[80..].iter().all(Option::is_none));
    }

    #[test]
    fn edits_reuse_the_kept_groups_and_terms_and_write_what_a_whole_build_writes() {
        let (cluster, pages, sources) = basic();
        let mut g = graph(&cluster, pages, &sources);
        let n = g.pages.len();
        let mut texts: Vec<Option<Arc<PageText>>> = (0..n).map(|i| Some(Arc::new(text(i)))).collect();
        let owned = |texts: &[Option<Arc<PageText>>]| texts.iter().map(|t| t.as_deref().cloned()).collect();
        let files = Files::default();
        let mut live = LiveIndex::new();

        let (stats, first) = updated(&mut live, &g, &texts, &files);
        assert_eq!((stats.reused_groups, stats.rescored), (0, None), "the first update builds it whole");
        assert_eq!(differing(&first, &built(&g, owned(&texts))), [] as [&str; 0]);

        // Nothing changed: every group and term kept, the same files.
        let (stats, same) = updated(&mut live, &g, &texts, &files);
        assert_eq!((stats.reused_groups, stats.rescored), (1, Some(0)));
        assert_eq!(differing(&same, &first), [] as [&str; 0]);

        // A body edit, then a title edit: only their terms scored again, and the files are a
        // whole build's.
        texts[3] = Some(Arc::new(PageText {
            meta: String::new(), body: "森林防火 冬季 安全生产 专项检查".into()
        }));
        let (stats, body) = updated(&mut live, &g, &texts, &files);
        let rescored = stats.rescored.expect("the terms of the edited page rescored");
        assert!(rescored > 0 && rescored < stats.terms, "{rescored} of {} terms", stats.terms);
        assert_eq!(differing(&body, &built(&g, owned(&texts))), [] as [&str; 0]);
        assert!(!differing(&body, &first).is_empty());

        // (One character replaced: the title keeps its length, and the average its value.)
        let title = &g.pages[5].meta.title;
        g.pages[5].meta.title = std::iter::once('新').chain(title.chars().skip(1)).collect();
        let (stats, title) = updated(&mut live, &g, &texts, &files);
        assert!(stats.rescored.is_some_and(|r| r > 0));
        assert_eq!(differing(&title, &built(&g, owned(&texts))), [] as [&str; 0]);

        // A page gone: the ids move, and the page count with them, which leaves every impact as
        // it was (the idf is the browser's to multiply in): only its terms are scored again.
        g.pages.pop();
        texts.pop();
        let (stats, fewer) = updated(&mut live, &g, &texts, &files);
        let rescored = stats.rescored.expect("the others renumbered, not all scored again");
        assert!(rescored < stats.terms, "{rescored} of {} terms", stats.terms);
        assert_eq!(differing(&fewer, &built(&g, owned(&texts))), [] as [&str; 0]);
    }

    #[test]
    fn pages_added_removed_and_redated_are_composed_and_write_what_a_whole_build_writes() {
        use chrono::Datelike;
        let (cluster, pages, sources) = basic();
        let mut g = graph(&cluster, pages, &sources);
        // Three groups of the index: copies of a news page, over many days.
        let news = g.pages.iter().position(|p| p.url.contains("/zwdt/")).expect("a news page");
        let copy = |g: &SiteGraph<'_>, k: usize, day: u32| {
            let mut p = g.pages[news].clone();
            p.url = format!("{}gen-{k}/", p.url);
            p.meta.title = format!("第{k}号工作动态");
            p.meta.date.day =
                chrono::NaiveDate::from_ymd_opt(2020 + (day % 6) as i32, 1 + day % 12, 1 + day % 28).unwrap();
            p
        };
        for k in 0..9000 {
            let p = copy(&g, k, (k * 7919) as u32);
            g.pages.push(p);
        }
        let mut texts: Vec<Option<Arc<PageText>>> = (0..g.pages.len()).map(|i| Some(Arc::new(text(i)))).collect();
        let owned = |texts: &[Option<Arc<PageText>>]| texts.iter().map(|t| t.as_deref().cloned()).collect();
        let files = Files::default();
        let mut live = LiveIndex::new();
        let (stats, _) = updated(&mut live, &g, &texts, &files);
        assert_eq!(stats.composed_groups, 0);

        // Added, newest of its column (before most pages), then one removed, then one re-dated,
        // then one added and one changed at once.
        let p = copy(&g, 9001, 83);
        g.pages.push(p);
        texts.push(Some(Arc::new(text(9001))));
        let (stats, added) = updated(&mut live, &g, &texts, &files);
        // Only the page's group is made again: the groups after it keep their pages, their
        // postings (counted from their first page) and their text files.
        assert_eq!((stats.composed_groups, stats.reused_groups >= 1), (1, true), "{stats:?}");
        let rescored = stats.rescored.expect("a page added: the others renumbered, only its terms scored");
        assert!(rescored < stats.terms / 2, "{rescored} of {} terms scored again", stats.terms);
        assert_eq!(differing(&added, &built(&g, owned(&texts))), [] as [&str; 0]);

        g.pages.remove(news + 4000);
        texts.remove(news + 4000);
        let (stats, removed) = updated(&mut live, &g, &texts, &files);
        assert!(stats.composed_groups >= 1, "{} groups composed", stats.composed_groups);
        let rescored = stats.rescored.expect("a page removed: the others renumbered, only its terms scored");
        assert!(rescored < stats.terms / 2, "{rescored} of {} terms scored again", stats.terms);
        // An old page's postings are in its terms' tails: taken out, not the terms scored again.
        assert!(stats.patched > rescored, "{} terms patched, {rescored} scored again", stats.patched);
        assert_eq!(differing(&removed, &built(&g, owned(&texts))), [] as [&str; 0]);

        // From among the newest pages to the oldest of the next year: past some 3,000 pages.
        let newest = g.pages.iter().rposition(|p| p.url.contains("gen-") && p.meta.date.day.year() == 2025).unwrap();
        g.pages[newest].meta.date.day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let (stats, redated) = updated(&mut live, &g, &texts, &files);
        assert!(stats.composed_groups >= 1, "{} groups composed", stats.composed_groups);
        let rescored = stats.rescored.expect("the pages moved, as many: their terms renumbered, not all scored again");
        assert!(rescored < stats.terms / 2, "{rescored} of {} terms scored again", stats.terms);
        assert!(stats.patched > 0, "the re-dated page's postings moved within its terms' tails");
        assert_eq!(differing(&redated, &built(&g, owned(&texts))), [] as [&str; 0]);

        // One page replaced by another elsewhere, and one edited: as many pages.
        let gone = g.pages.iter().rposition(|p| p.url.contains("gen-") && p.meta.date.day.year() == 2022).unwrap();
        g.pages.remove(gone);
        texts.remove(gone);
        let p = copy(&g, 9003, 40);
        g.pages.push(p);
        texts.push(Some(Arc::new(PageText { meta: String::new(), body: "全新的词 营商环境".into() })));
        texts[news + 50] = Some(Arc::new(PageText { meta: String::new(), body: "乡村振兴 冬季".into() }));
        let (stats, replaced) = updated(&mut live, &g, &texts, &files);
        assert!(stats.rescored.is_some());
        assert_eq!(differing(&replaced, &built(&g, owned(&texts))), [] as [&str; 0]);

        let p = copy(&g, 9002, 3);
        g.pages.push(p);
        texts.push(Some(Arc::new(text(9002))));
        texts[news + 20] = Some(Arc::new(PageText { meta: String::new(), body: "森林防火 冬季".into() }));
        g.pages[news + 30].meta.title = "关于冬季安全生产的通知".into();
        let (stats, both) = updated(&mut live, &g, &texts, &files);
        assert!(stats.composed_groups >= 1, "{} groups composed", stats.composed_groups);
        assert_eq!(differing(&both, &built(&g, owned(&texts))), [] as [&str; 0]);

        // A page added before all the others (one of the first's copies, as old): every page
        // moves (more than MOVED_MAX), and every term is renumbered but the new page's.
        let first = (0..g.pages.len()).min_by_key(|&i| (g.pages[i].site, g.pages[i].column)).unwrap();
        let mut p = g.pages[first].clone();
        p.url = format!("{}copy/", p.url);
        g.pages.push(p);
        texts.push(Some(Arc::new(PageText { meta: String::new(), body: "首页之前的稿件 营商环境".into() })));
        let (stats, before_all) = updated(&mut live, &g, &texts, &files);
        let rescored = stats.rescored.expect("the others renumbered, only the new page's terms scored");
        assert!(rescored < stats.terms / 2, "{rescored} of {} terms scored again", stats.terms);
        assert_eq!(differing(&before_all, &built(&g, owned(&texts))), [] as [&str; 0]);
    }
}
