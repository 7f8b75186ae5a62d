//! The search index `zhanqun serve` keeps up to date as pages are edited: it keeps, between
//! updates, every group's tokenized postings ([`Chunk`]) with the hash of its text file, and
//! every term's scored postings, so that an update tokenizes again only the groups whose pages
//! changed and — when the pages keep their ids and the corpus statistics their values (the
//! common edit: a body, a title, a 文号) — scores again only the terms whose postings changed.
//! The text files of the other groups are linked from the index it replaces. The files are
//! those a whole build writes ([`super::build`]), byte for byte.

use super::index::{self, Chunk, GroupScratch, Scoring, Source, Split, TermPostings};
use super::indexer::{Indexer, Layout, Plan, Writer, recency_of, shard_count};
use super::terms::{Key, SideTable};
use super::{Output, PageText, SearchError, Settings, Stats, shard, store};
use crate::assemble::SiteGraph;
use rayon::prelude::*;
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

/// Pages of a group that may change for its postings to be spliced ([`index::splice_group`])
/// rather than the whole group tokenized again.
const SPLICE_MAX: usize = 256;

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
        let layout = Layout::of(n);
        let mut laps = vec![("  search: number+records", started.elapsed())];
        let pages: Vec<KeptPage> = order
            .iter()
            .map(|&i| KeptPage {
                url: g.pages[i].url.clone(),
                title: g.pages[i].meta.title.clone(),
                text: texts.get(i).cloned().flatten(),
            })
            .collect();
        laps.push(("  search: pages", started.elapsed()));
        let range = |k: usize| k * layout.group..((k + 1) * layout.group).min(n);
        let same_ids = kept.as_ref().is_some_and(|k| {
            k.pages.len() == n
                && k.chunks.len() == layout.groups()
                && k.pages.iter().zip(&pages).all(|(a, b)| a.url == b.url)
        });
        let (old_pages, mut old_chunks, old_texts, old): (Vec<KeptPage>, Vec<Option<Chunk>>, TextFiles, _) = match kept
        {
            Some(Kept { pages, chunks, texts, scoring, shards, dir, meta, .. }) => {
                (pages, chunks.into_iter().map(Some).collect(), texts, Some((scoring, shards, dir, meta)))
            }
            None => (Vec::new(), Vec::new(), Vec::new(), None),
        };
        // The groups whose pages all read as before keep their postings and text file; of the
        // others, those with a few pages changed in place have their postings spliced.
        let mut groups: Vec<Option<(Chunk, (String, u64))>> = (0..layout.groups()).map(|_| None).collect();
        let mut splice: Vec<Vec<usize>> = vec![Vec::new(); layout.groups()];
        if let Some((_, _, dir, _)) = &old {
            for (group, slot) in groups.iter_mut().enumerate() {
                let r = range(group);
                let in_place = old_chunks
                    .get(group)
                    .and_then(Option::as_ref)
                    .is_some_and(|c| c.start() as usize == r.start && c.len() == r.len())
                    && old_pages.len() >= r.end;
                if !in_place {
                    continue;
                }
                let differing: Vec<usize> = r.clone().filter(|&i| !old_pages[i].same(&pages[i])).collect();
                if !differing.is_empty() {
                    if differing.len() <= SPLICE_MAX {
                        splice[group] = differing;
                    }
                    continue;
                }
                let Some((sha, len)) = old_texts.get(group) else { continue };
                let from = format!("search/{dir}/{}", Writer::text_file(group));
                if writer.copy(&from, &Writer::text_file(group), sha, *len).is_ok()
                    && let Some(chunk) = old_chunks[group].take()
                {
                    *slot = Some((chunk, (sha.clone(), *len)));
                }
            }
        }
        drop(old_pages);
        laps.push(("  search: link", started.elapsed()));
        let changed: Vec<usize> = (0..layout.groups()).filter(|&k| groups[k].is_none()).collect();
        let tokenized: Vec<(usize, Chunk, (String, u64))> = crate::parallel::uneven(changed.par_iter(), 1)
            .map_init(GroupScratch::default, |scratch, &group| {
                let r = range(group);
                if let Some(was) = old_chunks.get(group).and_then(Option::as_ref).filter(|_| !splice[group].is_empty())
                {
                    // Only the changed pages tokenized, each alone; their group's text file
                    // made again from every page's text.
                    let fresh = splice[group]
                        .iter()
                        .map(|&i| index::tokenize_group(i as u32, vec![source(&pages[i])], &|_, _| Ok(()), scratch))
                        .collect::<std::io::Result<Vec<Chunk>>>()?;
                    let chunk = index::splice_group(was, &fresh);
                    let mut text = Vec::with_capacity(chunk.text_bytes() as usize + 2 * r.len());
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
                    return Ok((group, chunk, (sha, text.len() as u64)));
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
        let mut stats = Stats { reused_groups: layout.groups() - changed.len(), ..Stats::default() };
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
                let old = same_ids.then_some(Previous { scoring, shards, keys, side, replaced });
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

/// What the last update scored, when the pages kept their ids: its scoring, its terms, and
/// the terms whose postings changed since (with the texts of the hashed ones).
struct Previous {
    scoring: Scoring,
    shards: Vec<Vec<TermPostings>>,
    keys: Vec<Key>,
    side: SideTable,
    /// The groups tokenized again: (group, its chunk before).
    replaced: Vec<(usize, Chunk)>,
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
    let shards = match old {
        Some(Previous { scoring: old_scoring, shards, mut keys, side, replaced })
            if scoring.same_scale(&old_scoring) =>
        {
            keys.sort_unstable();
            keys.dedup();
            stats.rescored = Some(keys.len());
            let before = (&old_scoring, replaced.as_slice());
            shard::rescore_in_place(shards, &keys, &chunks, &side, &scoring, before, split, plan)?
        }
        _ => {
            let terms = index::invert(&chunks, &scoring, split)?;
            let count = shard_count(plan, terms.iter());
            shard::distribute(terms, count)
        }
    };
    let now = Instant::now();
    stats.timings.push(("  search: changed terms+statistics", scored - started));
    stats.timings.push(("  search: rescore/invert", now - scored));
    let stats = writer.write_index(plan, records, &shards, &scoring, &mut meta, stats, now)?;
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

        // A page gone: the ids move, everything is inverted again.
        g.pages.pop();
        texts.pop();
        let (stats, fewer) = updated(&mut live, &g, &texts, &files);
        assert_eq!(stats.rescored, None);
        assert_eq!(differing(&fewer, &built(&g, owned(&texts))), [] as [&str; 0]);
    }
}
