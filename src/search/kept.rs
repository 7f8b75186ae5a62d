//! The file a build under the build cache keeps its search index in, for the next build to
//! score again only what an edit changed ([`super::cached`]): every head shard's terms encoded
//! one after the other, then the head (the groups' keys and URL digests, the pages' days and
//! URL hashes, the metadata chunks, each shard's length and weight), then where the head
//! starts (8 bytes, little-endian). The next build reads the head, then only the shards an
//! edit touches; the others go from the old file to the new one as the index is written,
//! never decoded into terms (at 100,000 pages all of them decoded were ~60 MB of a cached
//! build's peak of memory).

use super::index::{TermPostings, TermView};
use super::indexer::{Plan, shard_count};
use super::shard::{self, HeadShard, HeadSource};
use super::store;
use super::terms::{Key, SideTable, term_text};
use rayon::prelude::*;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// Where a cached build keeps its index from one build to the next (the build cache).
pub trait KeptIndex: Sync {
    /// The file the previous build kept, if any.
    fn read(&self) -> Option<Box<dyn KeptRead + '_>>;
    /// A new file to keep for the next build, which replaces the one kept when
    /// [`KeptWrite::keep`] is called. Only an optimisation: `None` (or a failure) means that
    /// the next build scores every term.
    fn create(&self) -> Option<Box<dyn KeptWrite + '_>>;
    /// Forgets the file kept: it could not be read whole.
    fn forget(&self);
    /// The tokenized group kept under `key` ([`super::GroupStore`]), as the previous build
    /// left it.
    fn group(&self, key: &str) -> Option<Vec<u8>>;
}

/// The kept file, read in parts.
pub trait KeptRead: Read + Seek + Send {}

impl<T: Read + Seek + Send> KeptRead for T {}

/// A file being written to keep ([`KeptIndex::create`]).
pub trait KeptWrite: Write + Send {
    /// Puts the file written in the place of the one kept.
    fn keep(self: Box<Self>) -> std::io::Result<()>;
}

/// The format of what is kept: part of [`Kept::format`].
pub(crate) const FORMAT: &str = "zhanqun-search-kept-7";

/// Bytes of the buffer the head is read through: the longest run of bytes one of its strings
/// or byte runs can have (16 million pages' hashes).
const HEAD_SCRATCH: usize = 16 << 20;

/// The index the previous build kept: its head, and its shards still in the file.
pub(crate) struct Kept<'k> {
    /// [`FORMAT`], zhanqun's version and the search settings.
    pub format: String,
    /// Each group's SHA-256 of its pages' URLs in page-id order: the same, its pages kept their
    /// ids. Kept per group: a date edit into another year moves a page among its neighbours
    /// (ids are ordered by year within a column), which renumbers the pages of its group, not
    /// the others.
    pub ids: Vec<String>,
    /// The key of each group ([`super::Indexer::keep_groups`]).
    pub groups: Vec<Option<String>>,
    /// Each page's day (for its recency), in page-id order.
    pub days: Vec<i64>,
    /// A hash of each page's URL, in page-id order: where the pages of a group went when they
    /// moved among themselves.
    pub pages: Vec<u64>,
    /// Every term's postings, by head shard, each shard's sorted by text.
    pub shards: Shards<'k>,
    /// The metadata chunks.
    pub meta: store::KeptChunks,
}

/// The head of the kept file: every field of [`Kept`] but the shards, and each shard's place.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct KeptHead<I, G, D, P, M, S> {
    /// [`Kept::format`].
    pub format: String,
    /// [`Kept::ids`].
    pub ids: I,
    /// [`Kept::groups`].
    pub groups: G,
    /// [`Kept::days`].
    pub days: D,
    /// [`Kept::pages`].
    pub pages: P,
    /// [`Kept::meta`].
    pub meta: M,
    /// Each shard's [`Span`], in shard order from the start of the file.
    pub shards: S,
}

/// One shard in the kept file.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(crate) struct Span {
    /// Bytes of its terms encoded.
    len: u64,
    /// What its terms weigh ([`TermPostings::head_weight`]), to count the shards an index
    /// needs without reading them.
    weight: u64,
}

/// Reads the head of the kept file `file`; `None` when it is not one.
pub(crate) fn read(mut file: Box<dyn KeptRead + '_>) -> Option<Kept<'_>> {
    type Head = KeptHead<Vec<String>, Vec<Option<String>>, Vec<i64>, Vec<u64>, store::KeptChunks, Vec<Span>>;
    let end = file.seek(SeekFrom::End(0)).ok()?.checked_sub(8)?;
    file.seek(SeekFrom::Start(end)).ok()?;
    let mut at = [0u8; 8];
    file.read_exact(&mut at).ok()?;
    let at = u64::from_le_bytes(at);
    if at > end {
        return None;
    }
    file.seek(SeekFrom::Start(at)).ok()?;
    let head = {
        let mut scratch = vec![0u8; HEAD_SCRATCH];
        let reader = std::io::BufReader::with_capacity(1 << 16, (&mut file).take(end - at));
        postcard::from_io::<Head, _>((reader, &mut scratch)).ok()?.0
    };
    let mut offset = 0u64;
    let mut places = Vec::with_capacity(head.shards.len());
    for span in &head.shards {
        places.push((offset, *span));
        offset = offset.checked_add(span.len)?;
    }
    if offset != at {
        return None;
    }
    let KeptHead { format, ids, groups, days, pages, meta, .. } = head;
    Some(Kept { format, ids, groups, days, pages, shards: Shards::new(places, file), meta })
}

/// The head shards of a kept index, left in the file but for the terms an update touches: those
/// are read ([`Shards::read_keys`]) into [`Shards::terms`], where the update changes, adds and
/// removes them; as the index is written, each shard is read again and handed to
/// [`shard::write`] as its bytes, with the terms read in place of theirs (an edited page's
/// terms are a few hundred among tens of thousands, but fall in nearly every shard).
pub(crate) struct Shards<'k> {
    /// The terms read, by shard, each shard's sorted by text.
    pub terms: Vec<Vec<TermPostings>>,
    /// The texts read, by shard, sorted: written as `terms` holds them (or not at all).
    claimed: Vec<Vec<String>>,
    /// What the terms of each shard that were not read weigh.
    unread_weight: Vec<u64>,
    /// Each shard's offset in the file and span.
    places: Vec<(u64, Span)>,
    /// The file.
    file: Mutex<Box<dyn KeptRead + 'k>>,
    /// Every term was read and spread over another number of shards: nothing is taken from
    /// the file any more.
    whole: bool,
}

impl<'k> Shards<'k> {
    /// The shards at `places` in `file`, none of their terms read.
    fn new(places: Vec<(u64, Span)>, file: Box<dyn KeptRead + 'k>) -> Shards<'k> {
        let count = places.len();
        Shards {
            terms: vec![Vec::new(); count],
            claimed: vec![Vec::new(); count],
            unread_weight: places.iter().map(|(_, span)| span.weight).collect(),
            places,
            file: Mutex::new(file),
            whole: false,
        }
    }

    /// Reads the terms `keys` (the texts of hashed ones in `side`), so that [`Shards::terms`]
    /// holds what the index kept of each (nothing for a term it did not hold); `None` when a
    /// shard cannot be read.
    pub(crate) fn read_keys(&mut self, keys: &[Key], side: &SideTable) -> Option<()> {
        self.read_texts(keys.iter().map(|&k| term_text(k, side)).collect())
    }

    /// Reads the terms of `texts` not read yet (see [`Shards::read_keys`]).
    fn read_texts(&mut self, texts: Vec<String>) -> Option<()> {
        if self.whole {
            return Some(());
        }
        let count = self.terms.len();
        let mut wanted: Vec<Vec<String>> = vec![Vec::new(); count];
        for text in texts {
            let s = super::codec::shard_of(&text, count);
            if self.claimed[s].binary_search(&text).is_err() {
                wanted[s].push(text);
            }
        }
        let which: Vec<usize> = (0..count).filter(|&s| !wanted[s].is_empty()).collect();
        // A few shards' bytes held at a time: an edited page's terms fall in nearly every shard.
        for which in which.chunks(shard::SHARDS_AT_ONCE) {
            let bytes = self.bytes(which).ok()?;
            let found: Vec<Vec<TermPostings>> = which
                .par_iter()
                .zip(&bytes)
                .map(|(&s, bytes)| {
                    let kept: Vec<TermView<'_>> = postcard::from_bytes(bytes).ok()?;
                    let found = wanted[s]
                        .iter()
                        .filter_map(|text| kept.binary_search_by(|t| t.term.cmp(text)).ok().map(|at| kept[at].owned()));
                    Some(found.collect())
                })
                .collect::<Option<_>>()?;
            for (&s, found) in which.iter().zip(found) {
                let weight: u64 = found.iter().map(|t| t.head_weight() as u64).sum();
                self.unread_weight[s] -= weight.min(self.unread_weight[s]);
                self.claimed[s].append(&mut wanted[s]);
                self.claimed[s].sort_unstable();
                self.claimed[s].dedup();
                self.terms[s].extend(found);
                self.terms[s].sort_unstable_by(|a, b| a.term.cmp(&b.term));
            }
        }
        Some(())
    }

    /// The bytes of the shards `which` (sorted), from the file.
    fn bytes(&self, which: &[usize]) -> std::io::Result<Vec<Vec<u8>>> {
        let mut file = self.file.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        which
            .iter()
            .map(|&s| {
                let (offset, span) = self.places[s];
                let mut bytes = vec![0u8; usize::try_from(span.len).map_err(std::io::Error::other)?];
                file.seek(SeekFrom::Start(offset))?;
                file.read_exact(&mut bytes)?;
                Ok(bytes)
            })
            .collect()
    }

    /// The shards with each term of `changes` put in its place (`None`: removed), and spread
    /// over another number of shards when their weight asks for it (then every term is read).
    pub(crate) fn apply(mut self, changes: Vec<(String, Option<TermPostings>)>, plan: &Plan) -> Option<Self> {
        self.read_texts(changes.iter().map(|(text, _)| text.clone()).collect())?;
        shard::put(&mut self.terms, changes);
        let read: usize = self.terms.iter().flatten().map(TermPostings::head_weight).sum();
        let wanted = shard_count(plan, read + self.unread_weight.iter().sum::<u64>() as usize);
        if wanted != self.terms.len() && !self.whole {
            let count = self.terms.len();
            let all = self.bytes(&(0..count).collect::<Vec<_>>()).ok()?;
            let mut whole: Vec<Vec<TermPostings>> = Vec::with_capacity(count);
            for (s, bytes) in all.into_iter().enumerate() {
                let merged = HeadShard::Merged {
                    bytes,
                    claimed: std::mem::take(&mut self.claimed[s]),
                    terms: std::mem::take(&mut self.terms[s]),
                };
                whole.push(merged.views().ok()?.into_iter().map(TermView::owned).collect());
            }
            self.terms = whole;
            self.whole = true;
        }
        if self.whole {
            self.terms = shard::spread(std::mem::take(&mut self.terms), wanted);
        }
        Some(self)
    }
}

impl HeadSource for Shards<'_> {
    fn count(&self) -> usize {
        self.terms.len()
    }

    fn take(&mut self, range: std::ops::Range<usize>) -> std::io::Result<Vec<HeadShard<'_>>> {
        if self.whole {
            return Ok(self.terms[range].iter_mut().map(|t| HeadShard::Owned(std::mem::take(t))).collect());
        }
        // A shard that cannot be read now was read before: the file was damaged since.
        let invalid = |e: std::io::Error| std::io::Error::new(std::io::ErrorKind::InvalidData, e);
        let bytes = self.bytes(&range.clone().collect::<Vec<_>>()).map_err(invalid)?;
        Ok(range
            .zip(bytes)
            .map(|(s, bytes)| match self.claimed[s].is_empty() {
                true => HeadShard::Encoded(bytes),
                false => HeadShard::Merged {
                    bytes,
                    claimed: std::mem::take(&mut self.claimed[s]),
                    terms: std::mem::take(&mut self.terms[s]),
                },
            })
            .collect())
    }
}

/// The file being written for the next build: the shards as [`shard::write`] hands them over
/// ([`KeptOut::shard`]), then the head ([`KeptOut::finish`]). A failure to write drops it
/// (the next build scores every term).
pub(crate) struct KeptOut<'k> {
    /// The file, until writing it failed.
    file: Option<std::io::BufWriter<Box<dyn KeptWrite + 'k>>>,
    /// Each shard written.
    spans: Vec<Span>,
}

impl<'k> KeptOut<'k> {
    /// Starts a new file in `kept`.
    pub(crate) fn new(kept: &'k dyn KeptIndex) -> KeptOut<'k> {
        KeptOut { file: kept.create().map(|f| std::io::BufWriter::with_capacity(1 << 20, f)), spans: Vec::new() }
    }

    /// Writes the next shard: its terms encoded, and their weight.
    pub(crate) fn shard(&mut self, bytes: &[u8], weight: u64) {
        if let Some(file) = self.file.as_mut()
            && file.write_all(bytes).is_err()
        {
            self.file = None;
        }
        self.spans.push(Span { len: bytes.len() as u64, weight });
    }

    /// Writes the head `head` makes of the spans of the shards written, and where it starts,
    /// and keeps the file.
    pub(crate) fn finish<H: serde::Serialize>(self, head: impl FnOnce(Vec<Span>) -> H) {
        let Some(mut file) = self.file else { return };
        let at: u64 = self.spans.iter().map(|s| s.len).sum();
        let written = postcard::to_io(&head(self.spans), &mut file)
            .map(|_| ())
            .map_err(std::io::Error::other)
            .and_then(|_| file.write_all(&at.to_le_bytes()))
            .and_then(|_| file.into_inner().map_err(|e| e.into_error()));
        if let Ok(file) = written {
            let _ = file.keep();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_reads_back_borrowed_from_its_encoding() {
        let head = [(3u32, 200u8), (5, 90)];
        let tail = [(7u32, 10u8), (9, 20)];
        let t = TermPostings::of("乡村振兴".into(), 4, (&head, &tail), true, 20, 100).unwrap();
        let bytes = postcard::to_allocvec(&vec![t.clone()]).unwrap();
        let views: Vec<super::super::index::TermView<'_>> = postcard::from_bytes(&bytes).unwrap();
        let v = views[0];
        let w = t.view();
        assert_eq!((v.term, v.df, v.head_count, v.head), (w.term, w.df, w.head_count, w.head));
        assert_eq!((v.tail_count, v.presence, v.bitmap, v.packed), (w.tail_count, w.presence, w.bitmap, w.packed));
        assert_eq!((v.impacts, v.tail_max), (w.impacts, w.tail_max));
    }

    /// A kept file in memory.
    #[derive(Default)]
    struct Memory(Mutex<Vec<u8>>);

    /// What is written to [`Memory`], kept there by `keep`.
    struct Writing<'m>(&'m Memory, Vec<u8>);

    impl Write for Writing<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.1.write(buf)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl KeptWrite for Writing<'_> {
        fn keep(self: Box<Self>) -> std::io::Result<()> {
            *self.0.0.lock().unwrap() = self.1;
            Ok(())
        }
    }

    impl KeptIndex for Memory {
        fn read(&self) -> Option<Box<dyn KeptRead + '_>> {
            Some(Box::new(std::io::Cursor::new(self.0.lock().unwrap().clone())))
        }
        fn create(&self) -> Option<Box<dyn KeptWrite + '_>> {
            Some(Box::new(Writing(self, Vec::new())))
        }
        fn forget(&self) {
            self.0.lock().unwrap().clear();
        }
        fn group(&self, _: &str) -> Option<Vec<u8>> {
            None
        }
    }

    /// A term on 800 pages from `first`, all in its head (~1,600 bytes of it).
    fn term(text: &str, first: u32) -> TermPostings {
        let head: Vec<(u32, u8)> = (first..first + 800).map(|p| (p, 100)).collect();
        TermPostings::of(text.into(), head.len(), (&head, &[]), true, 0, 1000).unwrap()
    }

    /// The plan of an index of 1,000 pages.
    fn plan() -> Plan {
        Plan {
            pages: 1000,
            head: 1000,
            unigram_tails: false,
            sites: Vec::new(),
            site_starts: Vec::new(),
            columns: Vec::new(),
            years: Vec::new(),
            genres: Vec::new(),
            groups: vec![0],
        }
    }

    /// Three shards of terms, written through [`KeptOut`] into `memory` as `shard::write` does.
    fn keep_three(memory: &Memory) -> Vec<Vec<TermPostings>> {
        let terms: Vec<TermPostings> =
            ["产业", "乡村", "医保", "教育", "防汛", "就业"].iter().zip(0..).map(|(t, p)| term(t, p)).collect();
        let mut sorted = terms;
        sorted.sort_by(|a, b| a.term.cmp(&b.term));
        let shards = shard::distribute(sorted, 3);
        let mut out = KeptOut::new(memory);
        for terms in &shards {
            let weight: usize = terms.iter().map(TermPostings::head_weight).sum();
            out.shard(&postcard::to_allocvec(terms).unwrap(), weight as u64);
        }
        out.finish(|spans| KeptHead {
            format: FORMAT.to_string(),
            ids: vec!["g".to_string()],
            groups: vec![Some("k".to_string())],
            days: vec![1i64],
            pages: vec![7u64],
            meta: store::KeptChunks::new(),
            shards: spans,
        });
        shards
    }

    #[test]
    fn a_kept_index_reads_only_the_terms_asked_for_and_writes_the_others_as_they_were() {
        let memory = Memory::default();
        let shards = keep_three(&memory);
        let mut kept = read(memory.read().unwrap()).expect("a kept file");
        assert_eq!((kept.format.as_str(), kept.ids.len(), kept.pages.as_slice()), (FORMAT, 1, &[7u64][..]));
        assert!(kept.shards.terms.iter().all(Vec::is_empty), "nothing read before it is asked for");
        let mut side = SideTable::new();
        let terms = super::super::terms::doc_terms("医保", "", "", &mut side).terms;
        let key = terms.iter().map(|t| t.0).find(|&k| term_text(k, &side) == "医保").expect("the term's key");
        kept.shards.read_keys(&[key], &side).unwrap();
        let at = super::super::codec::shard_of("医保", 3);
        let read: Vec<&str> = kept.shards.terms.iter().flatten().map(|t| t.term.as_str()).collect();
        assert_eq!(read, ["医保"], "only the term asked for");
        assert!(shards[at].iter().any(|t| t.term == "医保"));
        // An update: 医保 removed, 养老 added (in whichever shard it falls).
        let plan = plan();
        assert_eq!(super::super::indexer::shard_count_of(&plan, shards.iter().flatten()), 3, "three shards' weight");
        let changes = vec![("医保".to_string(), None), ("养老".to_string(), Some(term("养老", 9)))];
        let mut shards_now = kept.shards.apply(changes, &plan).expect("applied");
        assert_eq!(shards_now.count(), 3, "as many shards as before");
        let taken = shards_now.take(0..3).unwrap();
        let mut want = shards.clone();
        want[at].retain(|t| t.term != "医保");
        let to = super::super::codec::shard_of("养老", 3);
        want[to].push(term("养老", 9));
        want[to].sort_by(|a, b| a.term.cmp(&b.term));
        for (s, shard) in taken.iter().enumerate() {
            let touched = s == at || s == to;
            assert_eq!(matches!(shard, HeadShard::Merged { .. }), touched, "shard {s}");
            assert_eq!(matches!(shard, HeadShard::Encoded(_)), !touched, "shard {s}");
            let views = shard.views().unwrap();
            let now: Vec<TermPostings> = views.into_iter().map(TermView::owned).collect();
            assert_eq!(now, want[s], "shard {s}");
        }
    }

    #[test]
    fn terms_that_weigh_fewer_shards_are_all_read_and_spread_again() {
        let memory = Memory::default();
        let shards = keep_three(&memory);
        let kept = read(memory.read().unwrap()).expect("a kept file");
        let gone = ["产业", "乡村", "医保", "教育"];
        let changes = gone.iter().map(|t| (t.to_string(), None)).collect();
        let mut now = kept.shards.apply(changes, &plan()).expect("applied");
        assert_eq!(now.count(), 1, "two terms weigh one shard");
        let taken = now.take(0..1).unwrap();
        assert!(matches!(taken[0], HeadShard::Owned(_)));
        let left: Vec<TermPostings> = taken[0].views().unwrap().into_iter().map(TermView::owned).collect();
        let mut want: Vec<TermPostings> =
            shards.into_iter().flatten().filter(|t| !gone.contains(&t.term.as_str())).collect();
        want.sort_by(|a, b| a.term.cmp(&b.term));
        assert_eq!(left, want);
    }

    #[test]
    fn a_kept_file_cut_short_or_not_ending_in_its_head_is_not_read() {
        let memory = Memory::default();
        keep_three(&memory);
        let whole = memory.0.lock().unwrap().clone();
        *memory.0.lock().unwrap() = whole[..whole.len() - 1].to_vec();
        assert!(read(memory.read().unwrap()).is_none());
        let mut longer = whole.clone();
        longer.insert(0, 0);
        *memory.0.lock().unwrap() = longer;
        assert!(read(memory.read().unwrap()).is_none(), "the shards' lengths must end where the head starts");
        *memory.0.lock().unwrap() = whole;
        assert!(read(memory.read().unwrap()).is_some());
    }
}
