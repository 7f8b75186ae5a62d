//! The inverted index: every page tokenized (in parallel, by ranges of page ids), postings
//! gathered per term, impacts computed, and each term's postings split into a *head* — its
//! highest-impact pages, what a query fetches first — and a *tail* holding the rest: first
//! which pages (its *presence*, as id gaps or as a bitmap over all pages, whichever is
//! smaller), then their impacts. A query reads a tail's presence to know exactly which pages
//! hold a word, and its impacts only when it needs exact scores.

use super::codec::{put_varint, varint_len, write_varint};
use super::score::{Corpus, IMPACT_MAX, Quantizer, saturated};
use super::terms::{Counter, Key, SideTable, is_unigram, term_text};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// What the index needs of one page, in page-id order. The text is owned, and dropped as
/// soon as the page is tokenized and its text stored.
#[derive(Debug, Clone)]
pub(crate) struct Source<'a> {
    /// Title.
    pub title: &'a str,
    /// Disclosure metadata and body.
    pub text: super::PageText,
}

/// How postings are split.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split {
    /// Postings per term in its head.
    pub head: usize,
    /// Whether single ideographs keep their tail impacts (their presence is always kept);
    /// without them, pages beyond a character's head are ranked by an estimate.
    pub unigram_tails: bool,
}

/// One term's postings, encoded with [`encode_postings`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct TermPostings {
    /// The term.
    pub term: String,
    /// Pages holding it.
    pub df: u32,
    /// Postings in the head.
    pub head_count: u32,
    /// The head: the `Split::head` highest-impact postings, by page id.
    #[serde(with = "serde_bytes")]
    pub head: Vec<u8>,
    /// Postings in the tail.
    pub tail_count: u32,
    /// The pages of the tail: id gaps as varints, or a bitmap over all pages.
    #[serde(with = "serde_bytes")]
    pub presence: Vec<u8>,
    /// True when `presence` is a bitmap (bit `i % 8` of byte `i / 8` for page `i`).
    pub bitmap: bool,
    /// True when `presence` is gzipped (see [`pack_presence`]).
    pub packed: bool,
    /// The impact bytes of the tail, in page-id order (empty when not kept).
    #[serde(with = "serde_bytes")]
    pub impacts: Vec<u8>,
    /// Largest impact byte among the postings not in the head (0 when the head is complete),
    /// whether or not they were kept in a tail.
    pub tail_max: u8,
}

impl TermPostings {
    /// The postings of `term`, held by `df` pages among `pages`, with `head` and `tail` (each by
    /// page id, with its impact byte), as [`term_postings`] writes them: the tail's pages as gaps
    /// or a bitmap, gzipped when that pays; its impact bytes kept when `keep`; `tail_max` the
    /// largest byte of the postings not in the head.
    pub(crate) fn of(
        term: String,
        df: usize,
        (head, tail): (&[Posting], &[Posting]),
        keep: bool,
        tail_max: u8,
        pages: usize,
    ) -> std::io::Result<TermPostings> {
        let (presence, bitmap) = encode_presence(tail.iter().map(|p| p.0), pages);
        let (presence, packed) = pack_presence(presence)?;
        Ok(TermPostings {
            term,
            df: df as u32,
            head_count: head.len() as u32,
            head: encode_postings(head),
            tail_count: tail.len() as u32,
            tail_max,
            presence,
            bitmap,
            packed,
            impacts: if keep { tail.iter().map(|p| p.1).collect() } else { Vec::new() },
        })
    }
}

impl TermPostings {
    /// The term as [`super::shard::write`] lays it out, borrowed.
    pub(crate) fn view(&self) -> TermView<'_> {
        TermView {
            term: &self.term,
            df: self.df,
            head_count: self.head_count,
            head: &self.head,
            tail_count: self.tail_count,
            presence: &self.presence,
            bitmap: self.bitmap,
            packed: self.packed,
            impacts: &self.impacts,
            tail_max: self.tail_max,
        }
    }

    /// What the term weighs in its head shard, for [`super::indexer::shard_count`].
    pub(crate) fn head_weight(&self) -> usize {
        self.view().head_weight()
    }
}

/// A [`TermPostings`] borrowed: from one in memory, or straight from the bytes a head shard of
/// the build cache's kept index was encoded to, so that the terms no edit touched are written
/// again without a string or vector made per term. Encoded as a [`TermPostings`] is (postcard:
/// the same fields in the same order).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(crate) struct TermView<'a> {
    /// [`TermPostings::term`].
    pub term: &'a str,
    /// [`TermPostings::df`].
    pub df: u32,
    /// [`TermPostings::head_count`].
    pub head_count: u32,
    /// [`TermPostings::head`].
    #[serde(with = "serde_bytes")]
    pub head: &'a [u8],
    /// [`TermPostings::tail_count`].
    pub tail_count: u32,
    /// [`TermPostings::presence`].
    #[serde(with = "serde_bytes")]
    pub presence: &'a [u8],
    /// [`TermPostings::bitmap`].
    pub bitmap: bool,
    /// [`TermPostings::packed`].
    pub packed: bool,
    /// [`TermPostings::impacts`].
    #[serde(with = "serde_bytes")]
    pub impacts: &'a [u8],
    /// [`TermPostings::tail_max`].
    pub tail_max: u8,
}

impl TermView<'_> {
    /// Bytes of its head entry, about: the text, the head postings and the counts.
    pub(crate) fn head_weight(&self) -> usize {
        self.term.len() + self.head.len() + 12
    }

    /// The term's postings, owned.
    pub(crate) fn owned(self) -> TermPostings {
        TermPostings {
            term: self.term.to_owned(),
            df: self.df,
            head_count: self.head_count,
            head: self.head.to_vec(),
            tail_count: self.tail_count,
            presence: self.presence.to_vec(),
            bitmap: self.bitmap,
            packed: self.packed,
            impacts: self.impacts.to_vec(),
            tail_max: self.tail_max,
        }
    }
}

/// Hands a finished text file over, with the id of its first page, to be written.
pub(crate) type TextSink<'a> = dyn Fn(u32, Vec<u8>) -> std::io::Result<()> + Sync + 'a;

/// The presence of sorted page ids among `pages`: their gaps as varints, or a bitmap when
/// that is smaller; true for a bitmap.
pub(crate) fn encode_presence(ids: impl Iterator<Item = u32> + Clone, pages: usize) -> (Vec<u8>, bool) {
    // The gaps' length first: a common word's are longer than its bitmap, and never written
    // (nor counted further once they are).
    let bitmap_len = pages.div_ceil(8);
    let mut last = 0u32;
    let mut len = 0;
    for id in ids.clone() {
        len += varint_len(u64::from(id - last));
        last = id;
        if len > bitmap_len {
            break;
        }
    }
    if len <= bitmap_len {
        let mut gaps = Vec::with_capacity(len);
        last = 0;
        for id in ids {
            put_varint(&mut gaps, u64::from(id - last));
            last = id;
        }
        return (gaps, false);
    }
    let mut bits = vec![0u8; bitmap_len];
    for id in ids {
        bits[id as usize / 8] |= 1 << (id % 8);
    }
    (bits, true)
}

/// Presences smaller than this are stored as they are: a query reading one saves too little.
const PACK_MIN_BYTES: usize = 512;

/// `presence` gzipped (fastest level: the smaller levels gain about 1% here) when that saves at
/// least a tenth of it, and true; else `presence` itself and false. A large presence is what a
/// query reads to know exactly which pages hold a common word: id gaps and bitmaps of pages
/// that cluster by site and column shrink by a quarter or more.
/// The vector returned holds no spare capacity: every term's presence is kept until the index
/// is written, and the grown buffers of the gaps and of gzip would add a tenth to them.
pub(crate) fn pack_presence(mut presence: Vec<u8>) -> std::io::Result<(Vec<u8>, bool)> {
    if presence.len() < PACK_MIN_BYTES {
        presence.shrink_to_fit();
        return Ok((presence, false));
    }
    let gzipped = super::codec::gzip_level(&presence, 1)?;
    let (mut kept, packed) = if gzipped.len() * 10 <= presence.len() * 9 { (gzipped, true) } else { (presence, false) };
    kept.shrink_to_fit();
    Ok((kept, packed))
}

/// Encodes postings sorted by page id: the id gaps as varints, then one impact byte each.
pub(crate) fn encode_postings(postings: &[(u32, u8)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(postings.len() * 2 + 4);
    let mut last = 0u32;
    for &(doc, _) in postings {
        put_varint(&mut out, u64::from(doc - last));
        last = doc;
    }
    out.extend(postings.iter().map(|&(_, q)| q));
    out
}

/// A fast hasher for term keys (already well mixed in their low bits).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = (k ^ (k >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type KeyMap<V> = HashMap<Key, V, BuildHasherDefault<KeyHasher>>;

/// A term's postings within one group of pages: a slice of the group's buffer.
#[derive(Debug, Clone, Copy)]
struct Run<'a> {
    /// The group's first page id: the first gap is counted from it.
    start: u32,
    /// Postings in `bytes`.
    count: u32,
    /// The postings: (gap from the previous page or from the group start, title tf, body tf).
    bytes: &'a [u8],
}

impl Run<'_> {
    /// The postings: (page id, title tf, body tf), by page id.
    fn postings(&self) -> impl Iterator<Item = (u32, u8, u8)> + '_ {
        let mut pos = 0;
        let mut doc = self.start;
        std::iter::from_fn(move || {
            let v = super::codec::get_varint(self.bytes, &mut pos)?;
            doc += (v >> 1) as u32;
            let ft = if v & 1 == 1 {
                pos += 1;
                *self.bytes.get(pos - 1)?
            } else {
                0
            };
            let fb = *self.bytes.get(pos)?;
            pos += 1;
            Some((doc, ft, fb))
        })
    }

    /// The ids of the pages holding the term, in order.
    fn pages(&self) -> impl Iterator<Item = u32> + '_ {
        self.postings().map(|p| p.0)
    }
}

/// A term's postings from each group of pages, by page id.
type Parts<'a> = Vec<Run<'a>>;

/// A posting: a page id and its impact byte.
type Posting = (u32, u8);

/// Postings as (page id, impact byte), by page id.
type Postings = Vec<Posting>;

/// The postings of one group of pages: what [`tokenize_group`] makes of a group and
/// [`invert`] merges. Every term's postings lie one after another in one buffer, so that a
/// group leaves a few large allocations behind, not one growing vector per term: tens of
/// thousands of those per group, interleaved with the render's allocations on the same
/// threads, fragmented the heap and slowed every allocation of the render.
///
/// A shard of a sharded build writes the chunks of its pages into its prepared part
/// ([`super::part`]), and `merge` inverts them with the other shards'.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct Chunk {
    /// The group's first page id.
    start: u32,
    /// The postings of every term, encoded as [`write_posting`] does.
    #[serde(with = "serde_bytes")]
    bytes: Vec<u8>,
    /// (term, postings, end of its postings in `bytes`), in the order of `bytes`: by key.
    terms: Vec<(Key, u32, u32)>,
    #[serde(serialize_with = "sorted_side")]
    side: SideTable,
    title_len: Vec<u32>,
    body_len: Vec<u32>,
    text_lens: Vec<u32>,
    /// The id of the last page holding each term, in the order of `terms`: known to
    /// [`compose_group`] for the chunks it makes, found (every posting read) for the others
    /// when a group is first composed from them. Not stored.
    #[serde(skip)]
    lasts: std::sync::OnceLock<Vec<u32>>,
}

/// Reads byte ranges of a kept group's file ([`kept_subset`]): each range's bytes (one that runs
/// past the end stops there), or none when the file cannot be read.
pub(crate) type ReadParts<'a> = dyn Fn(&[std::ops::Range<u64>]) -> Option<Vec<Vec<u8>>> + 'a;

/// The chunk of a kept group (a file holding its text file's hash and length, then a
/// [`Chunk`]) with only the postings of the terms `keys` (sorted), read through `read` in
/// parts: the first `head` bytes (where the postings start), the table after the postings
/// (each term's key, count and end; the hashed terms' texts; the pages' lengths), then only
/// the runs of postings of those terms, adjacent runs read as one. `None` when the file is
/// not such a group.
pub(crate) fn kept_subset(read: &ReadParts<'_>, head: u64, keys: &[Key], postings_too: bool) -> Option<Chunk> {
    // One part each: the start, then the table.
    let one = |range: std::ops::Range<u64>| read(std::slice::from_ref(&range))?.pop();
    let head = one(0..head)?;
    let ((_, _, start), rest) = postcard::take_from_bytes::<(&str, u64, u32)>(&head).ok()?;
    let (len, rest) = postcard::take_from_bytes::<u64>(rest).ok()?;
    let postings = (head.len() - rest.len()) as u64;
    let table = one(postings.checked_add(len)?..u64::MAX)?;
    type Table<'a> = (Vec<(Key, u32, u32)>, Vec<(Key, &'a str)>, Vec<u32>, Vec<u32>, Vec<u32>);
    let ((all, side, title_len, body_len, text_lens), rest) = postcard::take_from_bytes::<Table<'_>>(&table).ok()?;
    if !rest.is_empty() {
        return None;
    }
    // The terms kept (key, count, end among the runs read), and the runs to read.
    let mut terms = Vec::new();
    let mut runs: Vec<std::ops::Range<u64>> = Vec::new();
    let (mut from, mut at) = (0u32, 0u32);
    for &(k, count, end) in &all {
        if end < from || u64::from(end) > len {
            return None;
        }
        let run = from..end;
        from = end;
        if keys.binary_search(&k).is_err() {
            continue;
        }
        if !postings_too {
            // Its count alone: no postings read.
            terms.push((k, count, 0));
            continue;
        }
        at += run.len() as u32;
        terms.push((k, count, at));
        match runs.last_mut() {
            Some(last) if last.end == postings + u64::from(run.start) => last.end = postings + u64::from(run.end),
            _ => runs.push(postings + u64::from(run.start)..postings + u64::from(run.end)),
        }
    }
    let parts = if runs.is_empty() { Vec::new() } else { read(&runs)? };
    if parts.len() != runs.len() || parts.iter().zip(&runs).any(|(p, r)| p.len() as u64 != r.end - r.start) {
        return None;
    }
    let side: SideTable =
        side.into_iter().filter(|(k, _)| keys.binary_search(k).is_ok()).map(|(k, text)| (k, text.to_owned())).collect();
    Some(Chunk { start, bytes: parts.concat(), terms, side, title_len, body_len, text_lens, lasts: Default::default() })
}

/// The side table in key order: a part's bytes do not depend on the hasher's seed.
fn sorted_side<S: serde::Serializer>(side: &SideTable, s: S) -> Result<S::Ok, S::Error> {
    let sorted: std::collections::BTreeMap<&Key, &String> = side.iter().collect();
    serde::Serialize::serialize(&sorted, s)
}

impl Chunk {
    /// The first page id.
    pub(crate) fn start(&self) -> u32 {
        self.start
    }

    /// This chunk with its pages numbered from `start` on (its postings count from its first
    /// page: only the ids it knows of move).
    pub(crate) fn rebased(mut self, start: u32) -> Chunk {
        if let Some(lasts) = self.lasts.get_mut() {
            for id in lasts.iter_mut() {
                *id = start + (*id - self.start);
            }
        }
        self.start = start;
        self
    }

    /// Pages.
    pub(crate) fn len(&self) -> usize {
        self.text_lens.len()
    }

    /// Bytes of the pages' stored texts (their text file).
    pub(crate) fn text_bytes(&self) -> u64 {
        self.text_lens.iter().map(|&l| u64::from(l)).sum()
    }

    /// Every term's postings, by key.
    fn runs(&self) -> impl Iterator<Item = (Key, Run<'_>)> + '_ {
        let mut from = 0;
        self.terms.iter().map(move |&(k, count, end)| {
            let run = Run { start: self.start, count, bytes: &self.bytes[from..end as usize] };
            from = end as usize;
            (k, run)
        })
    }

    /// The terms of the pages `pages` (ids, sorted) of the group, by key; the texts of the
    /// hashed ones are added to `side`.
    pub(crate) fn terms_of(&self, pages: &[u32], side: &mut SideTable) -> Vec<Key> {
        let keys: Vec<Key> = self
            .runs()
            .filter(|(_, run)| run.pages().any(|p| pages.binary_search(&p).is_ok()))
            .map(|(k, _)| k)
            .collect();
        for k in &keys {
            if let Some(s) = self.side.get(k) {
                side.entry(*k).or_insert_with(|| s.clone());
            }
        }
        keys
    }

    /// The postings of the pages `pages` (ids, sorted) of the group: (term, page id, title tf,
    /// body tf), by term; the texts of the hashed terms are added to `side`.
    pub(crate) fn postings_of(&self, pages: &[u32], side: &mut SideTable) -> Vec<(Key, u32, u8, u8)> {
        let mut out = Vec::new();
        for (k, run) in self.runs() {
            let before = out.len();
            out.extend(run.postings().filter(|p| pages.binary_search(&p.0).is_ok()).map(|(p, ft, fb)| (k, p, ft, fb)));
            if out.len() > before
                && let Some(s) = self.side.get(&k)
            {
                side.entry(k).or_insert_with(|| s.clone());
            }
        }
        out
    }

    /// The id of the last page holding each term, in the order of `terms`.
    fn lasts(&self) -> &[u32] {
        self.lasts.get_or_init(|| self.runs().map(|(_, run)| run.pages().last().unwrap_or(self.start)).collect())
    }

    /// The postings of term `k`, if a page of the group holds it.
    fn run(&self, k: Key) -> Option<Run<'_>> {
        let i = self.terms.binary_search_by_key(&k, |t| t.0).ok()?;
        let from = if i == 0 { 0 } else { self.terms[i - 1].2 as usize };
        let (_, count, end) = self.terms[i];
        Some(Run { start: self.start, count, bytes: &self.bytes[from..end as usize] })
    }
}

/// Pages a group may hold at most (a page's place in its group is a `u16`).
pub(crate) const GROUP_MAX: usize = 1 << 16;

/// One posting as counted: (term number, page's place in the group, title tf, body tf).
#[derive(Clone, Copy, Default)]
struct Counted {
    term: u32,
    page: u16,
    ft: u8,
    fb: u8,
}

/// Buffers a thread reuses from group to group: a group's postings take tens of megabytes
/// before they are encoded.
#[derive(Default)]
pub(crate) struct GroupScratch {
    /// The postings in the order they were counted (page by page).
    counted: Vec<Counted>,
    /// Postings per term number.
    counts: Vec<u32>,
    /// The last page counted of each term number.
    last: Vec<u16>,
    /// Bytes of each term's postings, then where the next of them goes in the buffer.
    sizes: Vec<u32>,
}

/// Writes one posting at the start of `out`, `gap` pages after the previous one (or after the
/// group's start); returns the bytes written ([`posting_len`]). Most terms of a page are in its
/// body only: the title frequency is written only when the low bit of the gap says there is
/// one.
fn write_posting(out: &mut [u8], gap: u32, ft: u8, fb: u8) -> usize {
    let mut n = write_varint(out, (u64::from(gap) << 1) | u64::from(ft > 0));
    if ft > 0 {
        out[n] = ft;
        n += 1;
    }
    out[n] = fb;
    n + 1
}

/// Bytes [`write_posting`] writes.
fn posting_len(gap: u32, ft: u8) -> usize {
    varint_len((u64::from(gap) << 1) | u64::from(ft > 0)) + 1 + usize::from(ft > 0)
}

/// Tokenizes one group of pages (at most [`GROUP_MAX`]), the first with id `start`, and hands
/// their stored texts to `emit` as one text file.
pub(crate) fn tokenize_group(
    start: u32,
    docs: Vec<Source<'_>>,
    emit: &TextSink<'_>,
    scratch: &mut GroupScratch,
) -> std::io::Result<Chunk> {
    if docs.len() > GROUP_MAX {
        return Err(std::io::Error::other(crate::t!("search-group-too-big", count = docs.len(), max = GROUP_MAX)));
    }
    let GroupScratch { counted, counts, last, sizes } = scratch;
    counted.clear();
    counts.clear();
    let mut side = SideTable::new();
    let mut title_len = Vec::with_capacity(docs.len());
    let mut body_len = Vec::with_capacity(docs.len());
    let mut text_lens = Vec::with_capacity(docs.len());
    let mut text = Vec::new();
    // Terms are numbered by the counter: each token is hashed once.
    let mut counter = Counter::new();
    for (i, d) in docs.into_iter().enumerate() {
        let (tl, bl) = counter.count(d.title, &d.text.meta, &d.text.body, &mut side);
        text_lens.push(super::store::append_text(&mut text, d.title, &d.text.meta, &d.text.body));
        counts.resize(counter.terms(), 0);
        counter.drain(|term, ft, fb| {
            counted.push(Counted { term, page: i as u16, ft, fb });
            counts[term as usize] += 1;
        });
        title_len.push(tl);
        body_len.push(bl);
    }
    emit(start, text)?;
    // Each term's bytes, from the gaps between its pages (counted page by page, so in page
    // order within each term)…
    last.clear();
    last.resize(counts.len(), 0);
    sizes.clear();
    sizes.resize(counts.len(), 0);
    for p in counted.iter() {
        let t = p.term as usize;
        sizes[t] += posting_len(u32::from(p.page - last[t]), p.ft) as u32;
        last[t] = p.page;
    }
    // …then where each term's postings start in the buffer, terms in key order (so that
    // [`Chunk::run`] finds a term by binary search)…
    let mut keyed: Vec<(Key, u32)> =
        counts.iter().enumerate().filter(|(_, c)| **c > 0).map(|(n, _)| (counter.key(n as u32), n as u32)).collect();
    keyed.sort_unstable();
    let mut terms = Vec::with_capacity(keyed.len());
    let mut at = 0u32;
    for (key, n) in keyed {
        let size = &mut sizes[n as usize];
        let start = at;
        at += *size;
        terms.push((key, counts[n as usize], at));
        *size = start;
    }
    // …and each posting written in its place, in one pass.
    let mut bytes = vec![0u8; at as usize];
    last.fill(0);
    for p in counted.iter() {
        let t = p.term as usize;
        let cursor = &mut sizes[t];
        *cursor += write_posting(&mut bytes[*cursor as usize..], u32::from(p.page - last[t]), p.ft, p.fb) as u32;
        last[t] = p.page;
    }
    Ok(Chunk { start, bytes, terms, side, title_len, body_len, text_lens, lasts: Default::default() })
}

/// Pages of a group that may change for its postings to be spliced ([`splice_group`]) rather
/// than the whole group tokenized again.
pub(crate) const SPLICE_MAX: usize = 256;

/// The text file [`tokenize_group`] writes for the pages of `old` (its text file `old_text`)
/// after only the pages at positions `changed` (ascending) changed, their texts now `fresh`.
pub(crate) fn splice_text(old: &Chunk, old_text: &[u8], changed: &[u32], fresh: &[Vec<u8>]) -> Vec<u8> {
    let mut text = Vec::with_capacity(old_text.len() + fresh.iter().map(Vec::len).sum::<usize>());
    let mut next = changed.iter().zip(fresh).peekable();
    let mut at = 0;
    for (p, &len) in old.text_lens.iter().enumerate() {
        let len = len as usize;
        match next.next_if(|(c, _)| **c as usize == p) {
            Some((_, fresh)) => text.extend_from_slice(fresh),
            None => text.extend_from_slice(&old_text[at..at + len]),
        }
        at += len;
    }
    text
}

/// The chunk [`tokenize_group`] makes of the pages of `old` after only the pages of `fresh`
/// changed (each a chunk of one page, tokenized with its page id as `start`, in page order):
/// `old` with each of those pages' postings, field and text lengths replaced. Tokenizes
/// nothing: the other pages' postings are copied (a term none of those pages holds keeps its
/// bytes).
pub(crate) fn splice_group(old: &Chunk, fresh: &[Chunk]) -> Chunk {
    let at = |c: &Chunk| (c.start - old.start) as usize;
    let changed = |doc: u32| fresh.binary_search_by_key(&doc, |c| c.start).is_ok();
    let mut keys: Vec<Key> = old.terms.iter().chain(fresh.iter().flat_map(|c| &c.terms)).map(|t| t.0).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut bytes = Vec::with_capacity(old.bytes.len() + fresh.iter().map(|c| c.bytes.len()).sum::<usize>());
    let mut terms = Vec::with_capacity(keys.len());
    let mut side = SideTable::new();
    let mut merged: Vec<(u32, u8, u8)> = Vec::new();
    for k in keys {
        let was = old.run(k);
        let runs: Vec<Run<'_>> = fresh.iter().filter_map(|c| c.run(k)).collect();
        let new: Vec<(u32, u8, u8)> = runs.iter().flat_map(Run::postings).collect();
        match was {
            Some(run) if new.is_empty() && !run.pages().any(changed) => {
                bytes.extend_from_slice(run.bytes);
                terms.push((k, run.count, bytes.len() as u32));
            }
            _ => {
                merged.clear();
                merged.extend(was.iter().flat_map(|r| r.postings()).filter(|p| !changed(p.0)));
                merged.extend(new);
                merged.sort_unstable_by_key(|p| p.0);
                if merged.is_empty() {
                    continue;
                }
                put_postings(&mut bytes, old.start, &merged);
                terms.push((k, merged.len() as u32, bytes.len() as u32));
            }
        }
        if let Some(text) = fresh.iter().find_map(|c| c.side.get(&k)).or_else(|| old.side.get(&k)) {
            side.insert(k, text.clone());
        }
    }
    let (mut title_len, mut body_len, mut text_lens) =
        (old.title_len.clone(), old.body_len.clone(), old.text_lens.clone());
    for c in fresh {
        let i = at(c);
        (title_len[i], body_len[i], text_lens[i]) = (c.title_len[0], c.body_len[0], c.text_lens[0]);
    }
    bytes.shrink_to_fit();
    Chunk { start: old.start, bytes, terms, side, title_len, body_len, text_lens, lasts: Default::default() }
}

/// The chunk [`tokenize_group`] makes of the pages `pages` numbered from `start` on, each
/// given as (chunk, page id in it): a page of an earlier chunk (its id there may differ from
/// its id now — pages move when one is added, removed or re-dated), or a chunk of that page
/// alone, tokenized afresh. Tokenizes nothing: every posting is taken from its chunk and its
/// page renumbered.
pub(crate) fn compose_group(start: u32, pages: &[(&Chunk, u32)]) -> Chunk {
    compose_in_runs(start, pages).unwrap_or_else(|| compose_any(start, pages))
}

/// The pages of a group to compose as runs of pages consecutive both before and now, each
/// (its chunk's index among `sources`, first id before, pages, first id now); `None` when the
/// runs of a chunk are not in the order of their ids before (a page moved back among them).
#[allow(clippy::type_complexity)]
fn runs_of<'c>(start: u32, pages: &[(&'c Chunk, u32)]) -> Option<(Vec<&'c Chunk>, Vec<(usize, u32, u32, u32)>)> {
    let mut sources: Vec<&Chunk> = Vec::new();
    let mut runs: Vec<(usize, u32, u32, u32)> = Vec::new();
    for (i, &(chunk, id)) in pages.iter().enumerate() {
        let source = match sources.iter().position(|s| std::ptr::eq(*s, chunk)) {
            Some(at) => at,
            None => {
                sources.push(chunk);
                sources.len() - 1
            }
        };
        match runs.last_mut() {
            Some(r) if r.0 == source && r.1 + r.2 == id => r.2 += 1,
            _ => {
                if runs.iter().rev().find(|r| r.0 == source).is_some_and(|r| r.1 + r.2 > id) {
                    return None;
                }
                runs.push((source, id, 1, start + i as u32));
            }
        }
    }
    Some((sources, runs))
}

/// A term's postings in one chunk as [`compose_in_runs`] reads them: (the postings, the byte
/// read to, page id of the last posting read, postings not read yet, id of the last posting).
type Reading<'a> = (&'a [u8], usize, u32, u32, u32);

/// [`compose_group`] when each chunk's pages come in the order of their ids ([`runs_of`]):
/// within a run of pages consecutive before and now, a posting's gap from the previous one is
/// the same, so its bytes are copied; only the first posting of each run is encoded again.
fn compose_in_runs(start: u32, pages: &[(&Chunk, u32)]) -> Option<Chunk> {
    let (sources, runs) = runs_of(start, pages)?;
    let mut keys: Vec<Key> = sources.iter().flat_map(|c| c.terms.iter().map(|t| t.0)).collect();
    keys.sort_unstable();
    keys.dedup();
    // Sized for the share of each chunk's postings its runs take, and a little more (grown by
    // doubling, a group's megabytes were copied again and again).
    let share: usize = runs.iter().map(|r| sources[r.0].bytes.len() * r.2 as usize / sources[r.0].len().max(1)).sum();
    let mut bytes = Vec::with_capacity(share + share / 16 + 1024);
    let mut terms = Vec::with_capacity(keys.len());
    let mut lasts = Vec::with_capacity(keys.len());
    let mut side = SideTable::new();
    let source_lasts: Vec<&[u32]> = sources.iter().map(|c| c.lasts()).collect();
    // Each source's next term (the keys are walked in order, as every chunk's terms are), and
    // where its run of the current term was read to: (byte, page id of the last posting read,
    // postings not read yet, id of its last posting).
    let mut cursors = vec![0usize; sources.len()];
    let mut read: Vec<Option<Reading<'_>>> = vec![None; sources.len()];
    let mut buf = [0u8; 16];
    for k in keys {
        for (s, (chunk, cursor)) in sources.iter().zip(cursors.iter_mut()).enumerate() {
            while chunk.terms.get(*cursor).is_some_and(|t| t.0 < k) {
                *cursor += 1;
            }
            read[s] = chunk.terms.get(*cursor).filter(|t| t.0 == k).map(|t| {
                let from = if *cursor == 0 { 0 } else { chunk.terms[*cursor - 1].2 as usize };
                (&chunk.bytes[from..t.2 as usize], 0, chunk.start, t.1, source_lasts[s][*cursor])
            });
        }
        let (mut count, mut last) = (0u32, start);
        let mut text = None;
        for &(s, first, len, now) in &runs {
            let Some((run, pos, doc, left, final_id)) = read[s].as_mut() else { continue };
            if *final_id < first {
                // No page of the run holds the term.
                continue;
            }
            let mut copied = false;
            while *pos < run.len() {
                let at = *pos;
                let v = super::codec::get_varint(run, pos)?;
                let id = *doc + (v >> 1) as u32;
                let ft_at = *pos;
                if v & 1 == 1 {
                    *pos += 1;
                }
                *pos += 1;
                if id >= first + len {
                    *pos = at;
                    break;
                }
                *doc = id;
                *left = left.checked_sub(1)?;
                if id < first {
                    continue;
                }
                let new = now + (id - first);
                if copied {
                    bytes.extend_from_slice(&run[at..*pos]);
                } else {
                    let ft = if v & 1 == 1 { run[ft_at] } else { 0 };
                    let n = write_posting(&mut buf, new - last, ft, run[*pos - 1]);
                    bytes.extend_from_slice(&buf[..n]);
                    copied = true;
                    if *final_id < first + len && *left > 0 {
                        // Every posting left lies in the run: their bytes, gaps and all, as
                        // they are.
                        bytes.extend_from_slice(&run[*pos..]);
                        count += 1 + *left;
                        last = now + (*final_id - first);
                        (*pos, *doc, *left) = (run.len(), *final_id, 0);
                        break;
                    }
                }
                last = new;
                count += 1;
            }
            if copied && text.is_none() {
                text = sources[s].side.get(&k);
            }
        }
        if count == 0 {
            continue;
        }
        terms.push((k, count, bytes.len() as u32));
        lasts.push(last);
        if let Some(text) = text {
            side.insert(k, text.clone());
        }
    }
    Some(composed(start, pages, bytes, terms, side, lasts))
}

/// The chunk of the pages `pages` (as [`compose_group`] takes them) with the postings `bytes`
/// of `terms`: their field and text lengths taken from their chunks.
fn composed(
    start: u32,
    pages: &[(&Chunk, u32)],
    mut bytes: Vec<u8>,
    terms: Vec<(Key, u32, u32)>,
    side: SideTable,
    lasts: Vec<u32>,
) -> Chunk {
    let field = |f: fn(&Chunk) -> &[u32]| -> Vec<u32> {
        pages.iter().map(|&(chunk, id)| f(chunk)[(id - chunk.start) as usize]).collect()
    };
    let (title_len, body_len, text_lens) = (field(|c| &c.title_len), field(|c| &c.body_len), field(|c| &c.text_lens));
    bytes.shrink_to_fit();
    Chunk { start, bytes, terms, side, title_len, body_len, text_lens, lasts: lasts.into() }
}

/// [`compose_group`] for pages in any order: every posting decoded, renumbered and encoded.
fn compose_any(start: u32, pages: &[(&Chunk, u32)]) -> Chunk {
    // Each chunk drawn from, with the new id of each of its pages taken (`u32::MAX`: not).
    let mut sources: Vec<(&Chunk, Vec<u32>)> = Vec::new();
    for (i, &(chunk, id)) in pages.iter().enumerate() {
        let at = match sources.iter().position(|s| std::ptr::eq(s.0, chunk)) {
            Some(at) => at,
            None => {
                sources.push((chunk, vec![u32::MAX; chunk.len()]));
                sources.len() - 1
            }
        };
        sources[at].1[(id - chunk.start) as usize] = start + i as u32;
    }
    let mut keys: Vec<Key> = sources.iter().flat_map(|s| s.0.terms.iter().map(|t| t.0)).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut bytes = Vec::new();
    let mut terms = Vec::with_capacity(keys.len());
    let mut side = SideTable::new();
    let mut lasts = Vec::with_capacity(keys.len());
    let mut merged: Vec<(u32, u8, u8)> = Vec::new();
    // Each source's next term: the keys are walked in order, as every chunk's terms are.
    let mut cursors = vec![0usize; sources.len()];
    for k in keys {
        merged.clear();
        let mut text = None;
        for ((chunk, ids), cursor) in sources.iter().zip(cursors.iter_mut()) {
            while chunk.terms.get(*cursor).is_some_and(|t| t.0 < k) {
                *cursor += 1;
            }
            if chunk.terms.get(*cursor).is_none_or(|t| t.0 != k) {
                continue;
            }
            let from = if *cursor == 0 { 0 } else { chunk.terms[*cursor - 1].2 as usize };
            let run = Run {
                start: chunk.start,
                count: chunk.terms[*cursor].1,
                bytes: &chunk.bytes[from..chunk.terms[*cursor].2 as usize],
            };
            let before = merged.len();
            merged.extend(run.postings().filter_map(|(p, ft, fb)| {
                let id = ids[(p - chunk.start) as usize];
                (id != u32::MAX).then_some((id, ft, fb))
            }));
            if merged.len() > before && text.is_none() {
                text = chunk.side.get(&k);
            }
        }
        if merged.is_empty() {
            continue;
        }
        if !merged.is_sorted_by_key(|p| p.0) {
            merged.sort_unstable_by_key(|p| p.0);
        }
        put_postings(&mut bytes, start, &merged);
        terms.push((k, merged.len() as u32, bytes.len() as u32));
        lasts.push(merged[merged.len() - 1].0);
        if let Some(text) = text {
            side.insert(k, text.clone());
        }
    }
    composed(start, pages, bytes, terms, side, lasts)
}

/// Appends `postings` (page id, title tf, body tf), by page id, as [`tokenize_group`] writes a
/// term's postings in a group starting at page `start`.
fn put_postings(bytes: &mut Vec<u8>, start: u32, postings: &[(u32, u8, u8)]) {
    let mut buf = [0u8; 16];
    let mut last = start;
    for &(doc, ft, fb) in postings {
        let n = write_posting(&mut buf, doc - last, ft, fb);
        bytes.extend_from_slice(&buf[..n]);
        last = doc;
    }
}

/// What the impact of every posting depends on beside the term's frequencies in the page (not
/// its document frequency: the browser multiplies the idf in): the corpus statistics, the
/// impact scale, and each page's length norms and recency factor.
pub(crate) struct Scoring {
    /// The corpus statistics.
    pub corpus: Corpus,
    /// The impact byte scale.
    pub quantizer: Quantizer,
    /// Each page's length norms ([`Corpus::norms`]).
    norms: Vec<(f64, f64)>,
    /// Each page's recency factor.
    rec: Vec<f64>,
    /// The length of each page's stored text.
    pub text_lens: Vec<u32>,
}

impl Scoring {
    /// The scoring of the pages of `chunks` (every group of pages, in page-id order); `rec[i]`
    /// is the recency factor of page `i`.
    pub(crate) fn of(chunks: &[Chunk], rec: Vec<f64>) -> Scoring {
        let lens = |f: fn(&Chunk) -> &[u32]| -> Vec<u32> { chunks.iter().flat_map(|c| f(c).iter().copied()).collect() };
        let title_len = lens(|c| &c.title_len);
        let body_len = lens(|c| &c.body_len);
        let corpus = Corpus::of(&title_len, &body_len);
        let norms = title_len.iter().zip(&body_len).map(|(&t, &b)| corpus.norms(t, b)).collect();
        Scoring { corpus, quantizer: Quantizer::new(IMPACT_MAX), norms, rec, text_lens: lens(|c| &c.text_lens) }
    }

    /// True when `self` gives every posting of a page the impact `other` gives it, provided the
    /// page's field lengths are the same in both: the same corpus statistics and the same
    /// recency factors.
    pub(crate) fn same_scale(&self, other: &Scoring) -> bool {
        self.corpus == other.corpus && self.rec == other.rec
    }

    /// The impact of a posting with frequencies `ft`, `fb` on page `i`.
    pub(crate) fn impact(&self, i: usize, ft: u8, fb: u8) -> Option<f64> {
        Some(saturated(ft, fb, *self.norms.get(i)?) * self.rec.get(i)?)
    }

    /// True when page `i` here weighs every posting as page `j` of `other` does (the same
    /// length norms and recency factor), `other` having the same corpus statistics.
    pub(crate) fn same_page(&self, i: usize, other: &Scoring, j: usize) -> bool {
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits();
        let (a, b) = (self.norms.get(i), other.norms.get(j));
        a.zip(b).is_some_and(|(a, b)| same(a.0, b.0) && same(a.1, b.1))
            && self.rec.get(i).zip(other.rec.get(j)).is_some_and(|(a, b)| same(*a, *b))
    }
}

/// Builds the inverted index from the chunks of every group of pages, in page-id order, scored
/// by `scoring` (made from the same chunks): every term's postings, sorted by text.
pub(crate) fn invert(chunks: &[Chunk], scoring: &Scoring, split: Split) -> std::io::Result<Vec<TermPostings>> {
    let mut side = SideTable::new();
    for c in chunks {
        for (k, s) in &c.side {
            side.entry(*k).or_insert_with(|| s.clone());
        }
    }
    let mut by_key: KeyMap<Parts<'_>> = KeyMap::default();
    for c in chunks {
        for (k, run) in c.runs() {
            by_key.entry(k).or_default().push(run);
        }
    }
    let mut keyed: Vec<(Key, Parts)> = by_key.into_iter().collect();
    keyed.sort_unstable_by_key(|(k, _)| *k);
    // Sorted by key, the single ideographs — the terms with the most postings — come first.
    let mut terms: Vec<TermPostings> = crate::parallel::uneven(keyed.into_par_iter(), TERMS_PER_TASK)
        .map_init(Scratch::default, |scratch, (k, parts)| {
            term_postings(term_text(k, &side), &parts, scoring, split, is_unigram(k), scratch)
        })
        .collect::<std::io::Result<_>>()?;
    terms.sort_unstable_by(|a, b| a.term.cmp(&b.term));
    Ok(terms)
}

/// What the terms were scored with before the groups `groups` were tokenized again, for
/// [`rescore`] to patch a term's postings where that gives what scoring them again gives.
pub(crate) struct Before<'a> {
    /// The scoring then, on the same scale as now ([`Scoring::same_scale`]).
    pub scoring: &'a Scoring,
    /// The groups tokenized again: (index in the chunks, its chunk before).
    pub groups: &'a [(usize, Chunk)],
    /// Each term's postings then, by text.
    pub postings: &'a (dyn Fn(&str) -> Option<&'a TermPostings> + Sync),
}

/// The postings of the terms `keys` scored afresh from `chunks` (every group of pages, in
/// page-id order) by `scoring`: each term's text (from `side` for a hashed key) with its
/// postings, or `None` when no page holds it any more. Equal to what [`invert`] makes of those
/// terms. (The terms whose postings before can be patched are found by [`patch_terms`].)
pub(crate) fn rescore(
    chunks: &[Chunk],
    keys: &[Key],
    side: &SideTable,
    scoring: &Scoring,
    split: Split,
) -> std::io::Result<Vec<(String, Option<TermPostings>)>> {
    crate::parallel::uneven(keys.par_iter(), TERMS_PER_TASK)
        .map_init(Scratch::default, |scratch, &k| {
            let text = term_text(k, side);
            let parts: Parts<'_> = chunks.iter().filter_map(|c| c.run(k)).collect();
            if parts.is_empty() {
                return Ok((text, None));
            }
            let postings = term_postings(text.clone(), &parts, scoring, split, is_unigram(k), scratch)?;
            Ok((text, Some(postings)))
        })
        .collect()
}

/// What patching a term's postings changes ([`patch`]): bytes of its tail's impacts (by rank)
/// and its largest tail byte — a few bytes, where a copy of the postings patched was, at
/// 100,000 pages, ~28 MB held beside the postings before.
#[derive(Debug, Default)]
pub(crate) struct PatchDiff {
    impacts: Vec<(usize, u8)>,
    tail_max: u8,
}

impl PatchDiff {
    /// Patches `postings` (those it was made from).
    pub(crate) fn apply(&self, postings: &mut TermPostings) {
        for &(rank, byte) in &self.impacts {
            if let Some(slot) = postings.impacts.get_mut(rank) {
                *slot = byte;
            }
        }
        postings.tail_max = self.tail_max;
    }
}

/// Of the terms `keys`, those whose postings before (`before`) can be patched ([`patch`]),
/// with what patching changes, and the keys of the others, in order. `chunks` need hold,
/// outside the groups of `before`, only how many postings each term has.
#[allow(clippy::type_complexity)]
pub(crate) fn patch_terms(
    chunks: &[Chunk],
    keys: &[Key],
    side: &SideTable,
    scoring: &Scoring,
    split: Split,
    before: &Before<'_>,
) -> (Vec<(String, PatchDiff)>, Vec<Key>) {
    let tried: Vec<(Key, String, Option<PatchDiff>)> = crate::parallel::uneven(keys.par_iter(), TERMS_PER_TASK)
        .map(|&k| {
            let text = term_text(k, side);
            let patched = (before.postings)(&text).and_then(|old| patch(old, k, chunks, before, scoring, split));
            (k, text, patched)
        })
        .collect();
    let mut patched = Vec::new();
    let mut rest = Vec::new();
    for (k, text, p) in tried {
        match p {
            Some(p) => patched.push((text, p)),
            None => rest.push(k),
        }
    }
    (patched, rest)
}

/// `old`, the postings of term `k` before the groups of `before` were tokenized again, with
/// the impacts that changed patched in, when that is exactly what [`term_postings`] would
/// make: the term is in the same pages as before (so its presence and tail are the same
/// pages), and every page whose impact changed was in the tail and stays there — its new
/// impact byte below the least in the head, so its impact below every head page's. `None`
/// when the term must be scored again.
fn patch(
    old: &TermPostings,
    k: Key,
    chunks: &[Chunk],
    before: &Before<'_>,
    scoring: &Scoring,
    split: Split,
) -> Option<PatchDiff> {
    if old.tail_count == 0 {
        return None;
    }
    let keep = !is_unigram(k) || split.unigram_tails;
    let head = decode_postings(&old.head, old.head_count as usize)?;
    let least_head = head.iter().map(|h| h.1).min()?;
    let impact = |s: &Scoring, (p, ft, fb): (u32, u8, u8)| {
        let i = p as usize;
        saturated(ft, fb, s.norms[i]) * s.rec[i]
    };
    // The impact bytes changed so far (rank → byte), over those of `old`.
    let mut changed: std::collections::BTreeMap<usize, u8> = std::collections::BTreeMap::new();
    let mut tail_max = old.tail_max;
    for (g, was) in before.groups {
        let now = chunks.get(*g)?;
        let a: Vec<(u32, u8, u8)> = was.run(k).map(|r| r.postings().collect()).unwrap_or_default();
        let b: Vec<(u32, u8, u8)> = now.run(k).map(|r| r.postings().collect()).unwrap_or_default();
        if a.len() != b.len() || a.iter().zip(&b).any(|(x, y)| x.0 != y.0) {
            return None;
        }
        if a.is_empty() {
            continue;
        }
        // The term's postings in the groups before this one.
        let earlier: u32 = chunks[..*g].iter().filter_map(|c| c.run(k)).map(|r| r.count).sum();
        for (i, (&x, &y)) in a.iter().zip(&b).enumerate() {
            let (from, to) = (impact(before.scoring, x), impact(scoring, y));
            if from.to_bits() == to.to_bits() {
                continue;
            }
            let page = x.0;
            if head.iter().any(|h| h.0 == page) {
                return None;
            }
            let (qf, qt) = (scoring.quantizer.quantize(from), scoring.quantizer.quantize(to));
            if qt >= least_head {
                return None;
            }
            let heads_before = head.iter().filter(|h| h.0 < page).count() as u32;
            let rank = (earlier + i as u32).checked_sub(heads_before)? as usize;
            if keep {
                let slot = changed.get(&rank).copied().or_else(|| old.impacts.get(rank).copied())?;
                if slot != qf {
                    return None;
                }
                changed.insert(rank, qt);
            }
            // The largest tail byte: the others' stays unless this page held it.
            tail_max = match qf.cmp(&tail_max) {
                std::cmp::Ordering::Less => tail_max.max(qt),
                std::cmp::Ordering::Equal if keep => {
                    let byte = |(rank, &b): (usize, &u8)| changed.get(&rank).copied().unwrap_or(b);
                    old.impacts.iter().enumerate().map(byte).max().unwrap_or(0)
                }
                std::cmp::Ordering::Equal if qt >= tail_max => qt,
                _ => return None,
            };
        }
    }
    Some(PatchDiff { impacts: changed.into_iter().collect(), tail_max })
}

/// `old`, a term's postings among `pages` pages, with every page id `p` renumbered `to[p]`
/// (`u32::MAX`: the page is gone): what [`term_postings`] makes of the term after its pages
/// moved, when each kept its impact — the same head, tail and impacts, under the new ids. A
/// presence whose bytes stay the same keeps its packing (gzip runs only for those that
/// changed). A term holding a page that moved past others of it ([`Moves::crossing`]) is
/// reordered ([`reorder`]). `None` when the postings do not decode, or a page that moved past
/// others might now fall on the other side of the head.
pub(crate) fn renumber(old: TermPostings, moves: &Moves<'_>, pages: usize) -> Option<TermPostings> {
    if !moves.crossing.is_empty() {
        let head = decode_postings(&old.head, old.head_count as usize)?;
        if head.iter().any(|h| moves.crosses(h.0)) {
            return reorder(old, moves, pages);
        }
    }
    match renumber_moved(old, moves, pages) {
        Ok(new) => new,
        Err(old) if !moves.crossing.is_empty() => reorder(old, moves, pages),
        Err(old) => renumber_patched(old, moves, pages, &Patch::default(), None),
    }
}

/// [`renumber`] for a term holding a page that moved past others of it: its postings sorted
/// by their ids now. The head keeps its pages — so the postings are what [`term_postings`]
/// makes — unless such a page may tie, impact for impact, with a page on the other side of
/// the head that it moved past (a tie goes to the lower id): `None` then (equal impact bytes,
/// or a tail kept without its impacts whose largest byte reaches the head's), or when a page
/// is gone or the postings do not decode. A large bitmap is moved a run of pages at a time,
/// and only the moved pages' impacts change places.
fn reorder(mut old: TermPostings, moves: &Moves<'_>, pages: usize) -> Option<TermPostings> {
    let map = |p: u32| moves.to.get(p as usize).copied().filter(|&q| q != u32::MAX && (q as usize) < pages);
    // Whether page `p` and page `c` (one that moved past others) changed order.
    let flipped = |c: u32, p: u32| map(c).zip(map(p)).is_none_or(|(a, b)| (p < c) != (b < a));
    let head = decode_postings(&old.head, old.head_count as usize)?;
    let keep = old.impacts.len() == old.tail_count as usize;
    if !keep && !old.impacts.is_empty() {
        return None;
    }
    let tail_max = old.tail_max;
    // A page of the tail (its byte when kept) tied with a head page it changed order with.
    let tied_with_head = |c: u32, byte: Option<u8>| {
        head.iter().any(|&(p, b)| flipped(c, p) && byte.map_or(b <= tail_max, |byte| byte == b))
    };
    let mut moved: Postings = head.iter().map(|&(p, b)| Some((map(p)?, b))).collect::<Option<_>>()?;
    moved.sort_unstable();
    let presence = unpacked_presence(&old.presence, old.packed)?;
    let head_crosses = head.iter().any(|h| moves.crosses(h.0));
    if old.bitmap && !head_crosses && old.tail_count as usize > pages.div_ceil(8) {
        let bits = &presence[..];
        let held = |p: u32| bits.get(p as usize / 8).is_some_and(|b| b & (1 << (p % 8)) != 0);
        if holds_gone(bits, moves) {
            return None;
        }
        let crossing: Vec<(u32, usize)> =
            moves.crossing.iter().copied().filter(|&c| held(c)).map(|c| (c, rank(bits, c as usize))).collect();
        if crossing.iter().any(|&(c, r)| tied_with_head(c, keep.then(|| old.impacts[r]))) {
            return None;
        }
        let out = move_bits(bits, moves, pages).ok()?;
        if out.iter().map(|b| b.count_ones()).sum::<u32>() != old.tail_count {
            return None;
        }
        let mut impacts = std::mem::take(&mut old.impacts);
        if keep {
            let mut taken: Postings = Vec::with_capacity(crossing.len());
            for &(c, r) in crossing.iter().rev() {
                taken.push((map(c)?, impacts.remove(r)));
            }
            taken.sort_unstable();
            for (q, b) in taken {
                impacts.insert(rank(&out, q as usize), b);
            }
        }
        let (presence, packed) = pack_presence(out).ok()?;
        return Some(TermPostings { head: encode_postings(&moved), presence, packed, impacts, ..old });
    }
    let tail = tail_pages(&presence, old.bitmap, old.tail_count)?;
    let byte = |rank: usize| if keep { old.impacts[rank] } else { 0 };
    for &(c, b) in head.iter().filter(|h| moves.crosses(h.0)) {
        if b <= tail_max && tail.iter().enumerate().any(|(r, &p)| flipped(c, p) && (!keep || byte(r) == b)) {
            return None;
        }
    }
    for (r, &c) in tail.iter().enumerate().filter(|(_, c)| moves.crosses(**c)) {
        if tied_with_head(c, keep.then(|| byte(r))) {
            return None;
        }
    }
    let mut tail: Postings = tail.iter().enumerate().map(|(r, &p)| Some((map(p)?, byte(r)))).collect::<Option<_>>()?;
    tail.sort_unstable();
    drop(presence);
    TermPostings::of(old.term, old.df as usize, (&moved, &tail), keep, tail_max, pages).ok()
}

/// A tail's presence, gunzipped when `packed`.
fn unpacked_presence(presence: &[u8], packed: bool) -> Option<std::borrow::Cow<'_, [u8]>> {
    if !packed {
        return Some(std::borrow::Cow::Borrowed(presence));
    }
    use std::io::Read as _;
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(presence).read_to_end(&mut raw).ok()?;
    Some(std::borrow::Cow::Owned(raw))
}

/// The `count` pages of a tail's presence (unpacked: a bitmap or id gaps), by id.
fn tail_pages(presence: &[u8], bitmap: bool, count: u32) -> Option<Vec<u32>> {
    let mut ids = Vec::with_capacity(count as usize);
    if bitmap {
        for (at, word) in presence.chunks(8).enumerate() {
            let mut w = word.iter().rev().fold(0u64, |w, &b| (w << 8) | u64::from(b));
            while w != 0 {
                ids.push(at as u32 * 64 + w.trailing_zeros());
                w &= w - 1;
            }
        }
    } else {
        let (mut pos, mut doc) = (0, 0u32);
        for _ in 0..count {
            doc = doc.checked_add(u32::try_from(super::codec::get_varint(presence, &mut pos)?).ok()?)?;
            ids.push(doc);
        }
    }
    (ids.len() == count as usize).then_some(ids)
}

/// Whether the bitmap `bits` holds a page outside every run of `moves` (a page gone).
fn holds_gone(bits: &[u8], moves: &Moves<'_>) -> bool {
    let held = |p: usize| bits.get(p / 8).is_some_and(|b| b & (1 << (p % 8)) != 0);
    let mut next = 0usize;
    for &(start, end, _) in moves.runs.iter().chain(std::iter::once(&(u32::MAX, u32::MAX, 0))) {
        let start = (start as usize).min(bits.len() * 8);
        if (next..start).any(held) {
            return true;
        }
        next = end as usize;
        if next >= bits.len() * 8 {
            break;
        }
    }
    false
}

/// How the pages moved: `to[p]`, the id now of page `p` before (`u32::MAX`: gone), and the
/// runs of consecutive pages that moved alike (first page before, end, places moved), which
/// one add, removal or re-dating makes few.
pub(crate) struct Moves<'a> {
    to: &'a [u32],
    runs: Vec<(u32, u32, i64)>,
    /// The pages (ids before, sorted) that moved past others: those outside a longest run of
    /// pages that kept their order (a date edited into another year moves one page past its
    /// neighbours). Empty when the pages kept keep their order (`to` increasing on them).
    crossing: Vec<u32>,
}

impl<'a> Moves<'a> {
    /// Whether page `p` (its id before) moved past others.
    fn crosses(&self, p: u32) -> bool {
        self.crossing.binary_search(&p).is_ok()
    }

    /// The moves `to` gives.
    pub(crate) fn new(to: &'a [u32]) -> Moves<'a> {
        let mut runs: Vec<(u32, u32, i64)> = Vec::new();
        let (mut in_order, mut last) = (true, None);
        for (p, &q) in to.iter().enumerate() {
            if q == u32::MAX {
                continue;
            }
            in_order &= last.is_none_or(|l| l < q);
            last = Some(q);
            let (p, by) = (p as u32, i64::from(q) - p as i64);
            match runs.last_mut() {
                Some(r) if r.1 == p && r.2 == by => r.1 += 1,
                _ => runs.push((p, p + 1, by)),
            }
        }
        let crossing = if in_order {
            Vec::new()
        } else {
            let kept: Vec<u32> = (0..to.len() as u32).filter(|&p| to[p as usize] != u32::MAX).collect();
            let values: Vec<u32> = kept.iter().map(|&p| to[p as usize]).collect();
            let stays = increasing(&values);
            kept.iter().zip(stays).filter(|(_, stays)| !stays).map(|(&p, _)| p).collect()
        };
        Moves { to, runs, crossing }
    }
}

/// Which of `values` (distinct) make up a longest increasing run of them (not necessarily
/// adjacent): the pages that kept their order when others moved past them.
fn increasing(values: &[u32]) -> Vec<bool> {
    // Patience sorting: `tails[l]` is the index of the least last value of a run of l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous = vec![usize::MAX; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let l = tails.partition_point(|&t| values[t] < v);
        if l > 0 {
            previous[i] = tails[l - 1];
        }
        if l == tails.len() {
            tails.push(i);
        } else {
            tails[l] = i;
        }
    }
    let mut kept = vec![false; values.len()];
    let mut at = tails.last().copied().unwrap_or(usize::MAX);
    while at != usize::MAX {
        kept[at] = true;
        at = previous[at];
    }
    kept
}

/// A bitmap presence of `count` pages renumbered by `moves` into one over `pages` pages, a
/// run at a time: the bitmap now (`None`: the same bytes). `Err(())` when a page of it is
/// gone, or when it holds too few pages for a bitmap to be sure to stay the smaller form
/// (its gaps would need reading).
fn renumber_bitmap(bits: &[u8], count: u32, moves: &Moves<'_>, pages: usize) -> Result<Option<Vec<u8>>, ()> {
    let len = pages.div_ceil(8);
    // Every gap takes a byte at least: more pages than the bitmap's bytes keep it a bitmap.
    if count as usize <= len {
        return Err(());
    }
    let held = |p: usize| bits.get(p / 8).is_some_and(|b| b & (1 << (p % 8)) != 0);
    // Its impacts are in the order of its pages before: none may have moved past others, and
    // none may be gone.
    if moves.crossing.iter().any(|&p| held(p as usize)) || holds_gone(bits, moves) {
        return Err(());
    }
    let moved = |&&(start, end, by): &&(u32, u32, i64)| {
        by != 0 && (start as usize..(end as usize).min(bits.len() * 8)).any(held)
    };
    if len == bits.len() && !moves.runs.iter().any(|r| moved(&r)) {
        return Ok(None);
    }
    move_bits(bits, moves, pages).map(Some)
}

/// The bitmap over `pages` pages of the pages of `bits` that `moves` keeps, each at its place
/// now. `Err(())` when one would fall outside.
fn move_bits(bits: &[u8], moves: &Moves<'_>, pages: usize) -> Result<Vec<u8>, ()> {
    // Sixty-four pages at a time: a run's pages all move by the same places.
    let src: Vec<u64> = bits
        .chunks(8)
        .map(|c| {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            u64::from_le_bytes(w)
        })
        .collect();
    let len = pages.div_ceil(8);
    let mut out = vec![0u64; len.div_ceil(8) + 1];
    for &(start, end, by) in &moves.runs {
        let (start, end) = (start as usize, (end as usize).min(bits.len() * 8));
        if start >= end {
            continue;
        }
        if start as i64 + by < 0 || end as i64 - 1 + by >= pages as i64 {
            // A run moved out of the pages (never, for the moves of an update): page by page,
            // refused if one of them is held.
            for p in (start..end).filter(|&p| src[p / 64] & (1 << (p % 64)) != 0) {
                let q = usize::try_from(p as i64 + by).map_err(drop)?;
                if q >= pages {
                    return Err(());
                }
                out[q / 64] |= 1 << (q % 64);
            }
            continue;
        }
        let (first, last) = (start / 64, (end - 1) / 64);
        for (w, &word) in src.iter().enumerate().take(last + 1).skip(first) {
            let mut x = word;
            if w == first {
                x &= !0u64 << (start % 64);
            }
            if w == last && end - w * 64 < 64 {
                x &= (1u64 << (end - w * 64)) - 1;
            }
            if x == 0 {
                continue;
            }
            // Where bit 0 of the word goes: below page 0 only for the run's first word, whose
            // bits below the run's first page are masked off.
            let to = (w * 64) as i64 + by;
            if to < 0 {
                out[0] |= x >> (-to);
                continue;
            }
            let (d, shift) = ((to / 64) as usize, (to % 64) as u32);
            out[d] |= x << shift;
            if shift > 0 {
                out[d + 1] |= x >> (64 - shift);
            }
        }
    }
    Ok(out.iter().flat_map(|w| w.to_le_bytes()).take(len).collect())
}

/// The pages of a bitmap before page `p`.
fn rank(bits: &[u8], p: usize) -> usize {
    let whole: usize = bits[..p / 8].iter().map(|b| b.count_ones() as usize).sum();
    whole + (bits[p / 8] & ((1u16 << (p % 8)) - 1) as u8).count_ones() as usize
}

/// What [`renumber_patched`] makes of the tail of `old`, a bitmap `bits` (unpacked), when it
/// stays a bitmap: the pages moved a run at a time ([`move_bits`]), those of `removed` (pages
/// before, all gone and in the tail) taken out, those of `added` (pages now, sorted, with
/// their impact bytes) put in, and the impacts (when `keep`) likewise. (The bitmap now, the
/// impacts now, the tail's largest byte, its pages.) `Err(())` for anything else, which the
/// caller does the long way: it may find the term must be scored again.
#[allow(clippy::too_many_arguments)]
fn patch_bitmap(
    bits: &[u8],
    old: &TermPostings,
    moves: &Moves<'_>,
    pages: usize,
    removed: &[(u32, u8)],
    added: &[(u32, u8)],
    keep: bool,
) -> Result<(Vec<u8>, Vec<u8>, u8, u32), ()> {
    let count = (old.tail_count as usize).checked_sub(removed.len()).ok_or(())? + added.len();
    if count <= pages.div_ceil(8) {
        return Err(());
    }
    let held = |p: usize| bits.get(p / 8).is_some_and(|b| b & (1 << (p % 8)) != 0);
    let mut gone: Vec<u32> = removed.iter().map(|r| r.0).collect();
    gone.sort_unstable();
    if gone.windows(2).any(|w| w[0] == w[1])
        || gone.iter().any(|&p| moves.to.get(p as usize) != Some(&u32::MAX) || !held(p as usize))
    {
        return Err(());
    }
    // The pages held outside every run are those removed.
    let (mut outside, mut next) = (0usize, 0usize);
    for &(start, end, _) in moves.runs.iter().chain(std::iter::once(&(u32::MAX, u32::MAX, 0))) {
        let start = (start as usize).min(bits.len() * 8);
        for p in (next..start).filter(|&p| held(p)) {
            gone.binary_search(&(p as u32)).map_err(drop)?;
            outside += 1;
        }
        next = end as usize;
        if next >= bits.len() * 8 {
            break;
        }
    }
    if outside != gone.len() {
        return Err(());
    }
    let mut out = move_bits(bits, moves, pages)?;
    for &(q, _) in added {
        let (at, bit) = (q as usize / 8, 1u8 << (q % 8));
        if *out.get(at).ok_or(())? & bit != 0 {
            return Err(());
        }
        out[at] |= bit;
    }
    if out.iter().map(|b| b.count_ones() as usize).sum::<usize>() != count {
        return Err(());
    }
    let (impacts, tail_max) = if keep {
        if old.impacts.len() != old.tail_count as usize {
            return Err(());
        }
        let mut impacts = old.impacts.clone();
        for &p in gone.iter().rev() {
            impacts.remove(rank(bits, p as usize));
        }
        for &(q, b) in added {
            impacts.insert(rank(&out, q as usize), b);
        }
        let max = impacts.iter().copied().max().unwrap_or(0);
        (impacts, max)
    } else {
        let gone_max = removed.iter().map(|r| r.1).max().unwrap_or(0);
        if !removed.is_empty() && gone_max >= old.tail_max {
            return Err(());
        }
        (old.impacts.clone(), old.tail_max.max(added.iter().map(|a| a.1).max().unwrap_or(0)))
    };
    Ok((out, impacts, tail_max, count as u32))
}

/// [`renumber`] without decoding the postings into a list: the head's gaps and a tail's gap
/// presence are read and written in one pass, a gap whose two pages moved alike (most pages
/// move by the same few places) copied as it is, and bytes that come out the same kept —
/// with their gzip; a bitmap presence is renumbered a run of pages at a time
/// ([`renumber_bitmap`]). `Err(old)` for what this does not do (a bitmap of few pages, or gaps
/// that would now be longer than a bitmap); [`renumber_patched`] makes the same postings then.
#[allow(clippy::result_large_err)]
fn renumber_moved(
    mut old: TermPostings,
    moves: &Moves<'_>,
    pages: usize,
) -> Result<Option<TermPostings>, TermPostings> {
    let to = moves.to;
    let map = |p: u32| to.get(p as usize).copied().filter(|&q| q != u32::MAX && (q as usize) < pages);
    // Pages out of order where some moved past others: the caller reorders the term.
    let failed = |old: TermPostings| if moves.crossing.is_empty() { Ok(None) } else { Err(old) };
    let Some((head, end)) = renumber_gaps(&old.head, old.head_count as usize, map) else { return failed(old) };
    let head = head.map(|mut h| {
        h.extend_from_slice(&old.head[end..]);
        h
    });
    // The presence now: `None` when its bytes stay; `Err` for the caller to renumber.
    let fresh: Result<Option<Vec<u8>>, ()> = if old.tail_count == 0 {
        Ok(None)
    } else {
        let Some(unpacked) = unpacked_presence(&old.presence, old.packed) else { return Ok(None) };
        let presence = &unpacked[..];
        if old.bitmap {
            renumber_bitmap(presence, old.tail_count, moves, pages)
        } else {
            let Some((fresh, _)) = renumber_gaps(presence, old.tail_count as usize, map) else { return failed(old) };
            // Gaps longer than a bitmap now (fewer pages): a bitmap, which the caller makes.
            if fresh.as_ref().map_or(presence.len(), Vec::len) > pages.div_ceil(8) { Err(()) } else { Ok(fresh) }
        }
    };
    let Ok(fresh) = fresh else { return Err(old) };
    if let Some(head) = head {
        old.head = head;
    }
    if let Some(fresh) = fresh {
        let Ok(packed) = pack_presence(fresh) else { return Ok(None) };
        (old.presence, old.packed) = packed;
    }
    Ok(Some(old))
}

/// The `count` sorted page ids at the start of `bytes`, as varint gaps ([`encode_postings`],
/// [`encode_presence`]), renumbered by `map`: the gaps now (`None` when every byte is the
/// same) and where the old gaps end. `None` when a page does not map or the pages' order
/// changes.
fn renumber_gaps(bytes: &[u8], count: usize, map: impl Fn(u32) -> Option<u32>) -> Option<(Option<Vec<u8>>, usize)> {
    let mut out: Option<Vec<u8>> = None;
    let (mut pos, mut p, mut last) = (0usize, 0u32, None::<u32>);
    for _ in 0..count {
        let start = pos;
        let gap = u32::try_from(super::codec::get_varint(bytes, &mut pos)?).ok()?;
        p = p.checked_add(gap)?;
        let q = map(p)?;
        let lastq = match last {
            Some(l) if l >= q => return None,
            Some(l) => l,
            None => 0,
        };
        last = Some(q);
        // The same gap, and bytes, when the page moved as the one before it did.
        let same = q - lastq == gap;
        match &mut out {
            None if same => {}
            None => {
                let mut o = Vec::with_capacity(bytes.len() + 8);
                o.extend_from_slice(&bytes[..start]);
                put_varint(&mut o, u64::from(q - lastq));
                out = Some(o);
            }
            Some(o) if same => o.extend_from_slice(&bytes[start..pos]),
            Some(o) => put_varint(o, u64::from(q - lastq)),
        }
    }
    Some((out, pos))
}

/// The postings a term gains and loses besides its pages moving: see [`renumber_patched`].
#[derive(Debug, Default, Clone)]
pub(crate) struct Patch {
    /// Postings of pages now holding the term that were not among its pages before, or weigh
    /// otherwise now: (page id now, impact).
    pub added: Vec<(u32, f64)>,
    /// Postings the term had before on pages gone, changed or weighing otherwise now: (page id
    /// before, impact byte then).
    pub removed: Vec<(u32, u8)>,
}

/// [`renumber`] with the postings of `patch` removed and added — what [`term_postings`] makes
/// of the term then, as long as its head stays as it was: every posting removed was in its
/// tail, every posting added has an impact byte below the least in its head (so an impact
/// below every head page's), and its tail's largest byte is known (the tail's impacts are
/// kept, or the postings removed held less). `split` (with whether the term is a single
/// ideograph) is needed only for a patch that adds or removes. `None` when the term must be
/// scored again.
pub(crate) fn renumber_patched(
    mut old: TermPostings,
    moves: &Moves<'_>,
    pages: usize,
    patch: &Patch,
    split: Option<(Split, bool, &Quantizer)>,
) -> Option<TermPostings> {
    let to = moves.to;
    let map = |p: u32| to.get(p as usize).copied().filter(|&q| q != u32::MAX && (q as usize) < pages);
    let head = decode_postings(&old.head, old.head_count as usize)?;
    let least_head = head.iter().map(|h| h.1).min().unwrap_or(0);
    let mut moved: Postings = Vec::with_capacity(head.len());
    for (p, q) in head {
        let p = map(p)?;
        if moved.last().is_some_and(|l| l.0 >= p) {
            return None;
        }
        moved.push((p, q));
    }
    old.head = encode_postings(&moved);
    let patched = !patch.added.is_empty() || !patch.removed.is_empty();
    if old.tail_count == 0 && !patched {
        return Some(old);
    }
    let keep = match split {
        Some((split, unigram, _)) if (old.head_count as usize) == split.head => !unigram || split.unigram_tails,
        _ if patched => return None,
        _ => true,
    };
    // The bytes of the postings added, which must stay below the head.
    let mut added: Vec<(u32, u8)> = Vec::with_capacity(patch.added.len());
    if let Some((_, _, quantizer)) = split {
        for &(p, impact) in &patch.added {
            let q = quantizer.quantize(impact);
            if q >= least_head || p as usize >= pages {
                return None;
            }
            added.push((p, q));
        }
    }
    added.sort_unstable();
    let unpacked = unpacked_presence(&old.presence, old.packed)?;
    let presence = &unpacked[..];
    if old.bitmap
        && patched
        && let Ok((bits, impacts, tail_max, count)) =
            patch_bitmap(presence, &old, moves, pages, &patch.removed, &added, keep)
    {
        let same = bits[..] == presence[..];
        (old.impacts, old.tail_max, old.tail_count) = (impacts, tail_max, count);
        old.df = old.head_count + count;
        if !same {
            (old.presence, old.packed) = pack_presence(bits).ok()?;
        }
        return Some(old);
    }
    // The tail's pages renumbered, those removed left out (their ranks noted), those added
    // put in their places.
    let mut ids: Vec<u32> = Vec::with_capacity(old.tail_count as usize + added.len());
    let mut removed_ranks: Vec<usize> = Vec::new();
    let mut adding = added.iter().peekable();
    let mut rank = 0usize;
    let mut push = |p: u32, ids: &mut Vec<u32>| -> Option<()> {
        let at = rank;
        rank += 1;
        let Some(q) = map(p) else {
            patch.removed.iter().any(|r| r.0 == p).then_some(())?;
            removed_ranks.push(at);
            return Some(());
        };
        while let Some(&&(a, _)) = adding.peek().filter(|a| a.0 < q) {
            if ids.last().is_some_and(|&l| l >= a) {
                return None;
            }
            ids.push(a);
            adding.next();
        }
        if ids.last().is_some_and(|&l| l >= q) || adding.peek().is_some_and(|a| a.0 == q) {
            return None;
        }
        ids.push(q);
        Some(())
    };
    // Exactly the tail's pages (`tail_pages` refuses a presence of another count).
    for p in tail_pages(presence, old.bitmap, old.tail_count)? {
        push(p, &mut ids)?;
    }
    for &(a, _) in adding {
        if ids.last().is_some_and(|&l| l >= a) {
            return None;
        }
        ids.push(a);
    }
    if removed_ranks.len() != patch.removed.iter().filter(|r| map(r.0).is_none()).count() {
        return None;
    }
    if patched {
        // The tail's impacts and largest byte.
        let gone_max = patch.removed.iter().map(|r| r.1).max().unwrap_or(0);
        if keep {
            if old.impacts.len() != old.tail_count as usize {
                return None;
            }
            let mut impacts = Vec::with_capacity(ids.len());
            let mut kept = old.impacts.iter().enumerate().filter(|(r, _)| removed_ranks.binary_search(r).is_err());
            let mut new = added.iter().peekable();
            for &id in &ids {
                if new.peek().is_some_and(|a| a.0 == id) {
                    impacts.push(new.next()?.1);
                } else {
                    impacts.push(*kept.next()?.1);
                }
            }
            old.tail_max = impacts.iter().copied().max().unwrap_or(0);
            old.impacts = impacts;
        } else {
            if !removed_ranks.is_empty() && gone_max >= old.tail_max {
                return None;
            }
            old.tail_max = old.tail_max.max(added.iter().map(|a| a.1).max().unwrap_or(0));
        }
        old.tail_count = ids.len() as u32;
        old.df = old.head_count + old.tail_count;
        if old.tail_count == 0 {
            old.tail_max = 0;
        }
    }
    let (fresh, bitmap) = encode_presence(ids.iter().copied(), pages);
    if bitmap == old.bitmap && fresh[..] == presence[..] {
        return Some(old);
    }
    (old.presence, old.packed) = pack_presence(fresh).ok()?;
    old.bitmap = bitmap;
    Some(old)
}

/// The postings [`encode_postings`] encoded, `count` of them.
fn decode_postings(bytes: &[u8], count: usize) -> Option<Vec<(u32, u8)>> {
    let mut pos = 0;
    let mut doc = 0u32;
    let mut ids = Vec::with_capacity(count);
    for _ in 0..count {
        doc += u32::try_from(super::codec::get_varint(bytes, &mut pos)?).ok()?;
        ids.push(doc);
    }
    let impacts = bytes.get(pos..pos + count)?;
    Some(ids.into_iter().zip(impacts.iter().copied()).collect())
}

/// The terms whose postings differ between `old` and `new`, two tokenizations of the same
/// pages (sorted, without repeats): those whose postings changed, appeared or went, and every
/// term of a page whose field lengths changed (its norms, and so all its impacts, did). The
/// texts of the hashed ones are added to `side`.
pub(crate) fn changed_terms(old: &Chunk, new: &Chunk, side: &mut SideTable) -> Vec<Key> {
    let mut keys = Vec::new();
    let (mut a, mut b) = (old.runs().peekable(), new.runs().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(&(ka, ra)), Some(&(kb, rb))) if ka == kb => {
                if ra.count != rb.count || ra.bytes != rb.bytes {
                    keys.push(ka);
                }
                a.next();
                b.next();
            }
            (Some(&(ka, _)), Some(&(kb, _))) if ka < kb => {
                keys.push(ka);
                a.next();
            }
            (Some(&(ka, _)), None) => {
                keys.push(ka);
                a.next();
            }
            (_, Some(&(kb, _))) => {
                keys.push(kb);
                b.next();
            }
        }
    }
    let resized: Vec<u32> = (0..new.len())
        .filter(|&i| (old.title_len.get(i), old.body_len.get(i)) != (new.title_len.get(i), new.body_len.get(i)))
        .map(|i| new.start + i as u32)
        .collect();
    if !resized.is_empty() {
        keys.extend(
            new.runs().filter(|(_, run)| run.pages().any(|p| resized.binary_search(&p).is_ok())).map(|(k, _)| k),
        );
    }
    keys.sort_unstable();
    keys.dedup();
    for c in [old, new] {
        for k in &keys {
            if let Some(s) = c.side.get(k) {
                side.entry(*k).or_insert_with(|| s.clone());
            }
        }
    }
    keys
}

/// Terms scored per parallel task at most (see [`crate::parallel`]): 16 of the commonest take
/// tens of milliseconds.
const TERMS_PER_TASK: usize = 16;

/// Buffers a thread reuses from term to term (a common term's postings take megabytes, and
/// allocating them afresh for every term costs page faults).
#[derive(Default)]
struct Scratch {
    /// (page id, impact) of every posting, by page id.
    scored: Vec<(u32, f64)>,
    /// The `Split::head` largest impacts seen so far, as [`order_key`]s in a min-heap.
    top: std::collections::BinaryHeap<std::cmp::Reverse<u64>>,
    /// The postings not in the head.
    tail: Postings,
}

/// A `u64` ordered as [`f64::total_cmp`] orders `x`.
fn order_key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | 1 << 63 }
}

/// The `f64` of an [`order_key`].
fn from_order_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

fn term_postings(
    term: String,
    parts: &[Run<'_>],
    scoring: &Scoring,
    split: Split,
    unigram: bool,
    Scratch { scored, top, tail }: &mut Scratch,
) -> std::io::Result<TermPostings> {
    let Scoring { quantizer, norms, rec, .. } = scoring;
    let df: usize = parts.iter().map(|r| r.count as usize).sum();
    scored.clear();
    scored.reserve(df);
    top.clear();
    for &Run { start, bytes: buf, .. } in parts {
        let mut pos = 0;
        let mut doc = start;
        while pos < buf.len() {
            let v = super::codec::get_varint(buf, &mut pos).unwrap_or(0);
            doc += (v >> 1) as u32;
            let ft = if v & 1 == 1 {
                pos += 1;
                buf[pos - 1]
            } else {
                0
            };
            let fb = buf[pos];
            pos += 1;
            let i = doc as usize;
            let impact = saturated(ft, fb, norms[i]) * rec[i];
            scored.push((doc, impact));
            // The head's threshold, the `split.head`-th largest impact, found in one pass.
            let key = order_key(impact);
            if top.len() < split.head {
                top.push(std::cmp::Reverse(key));
            } else if let Some(mut least) = top.peek_mut()
                && key > least.0
            {
                *least = std::cmp::Reverse(key);
            }
        }
    }
    // The head: the `split.head` highest impacts, ties to the lower page id. Found by the
    // threshold impact, so that head and tail keep page-id order without sorting.
    let mut tail_max = 0u8; // the byte of the largest tail impact
    tail.clear();
    let head: Postings = if df <= split.head {
        scored.iter().map(|&(d, s)| (d, quantizer.quantize(s))).collect()
    } else {
        let threshold = top.peek().map_or(0.0, |least| from_order_key(least.0));
        let above = scored.iter().filter(|p| p.1 > threshold).count();
        let mut ties = split.head - above;
        let mut head = Vec::with_capacity(split.head);
        // The impacts of a tail kept without them (single ideographs) are not quantized: only
        // their largest is.
        let keep = !unigram || split.unigram_tails;
        let mut tail_top = 0f64;
        for &(d, s) in scored.iter() {
            let in_head = s > threshold || (s == threshold && ties > 0);
            if s == threshold && in_head {
                ties -= 1;
            }
            if in_head {
                head.push((d, quantizer.quantize(s)));
            } else {
                tail_top = tail_top.max(s);
                tail.push((d, if keep { quantizer.quantize(s) } else { 0 }));
            }
        }
        // The quantizer is monotone: the byte of the largest tail impact is the largest byte.
        tail_max = quantizer.quantize(tail_top);
        head
    };
    let keep = !unigram || split.unigram_tails;
    TermPostings::of(term, df, (&head, tail), keep, tail_max, norms.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::score::recency;

    fn src<'a>(title: &'a str, body: &str) -> Source<'a> {
        Source { title, text: super::super::PageText { meta: String::new(), body: body.into() } }
    }

    struct Inverted {
        terms: Vec<TermPostings>,
        text_lens: Vec<u32>,
    }

    /// `docs` tokenized in groups of `group` pages in parallel.
    fn chunks_of(docs: Vec<Source<'_>>, group: usize, emit: &TextSink<'_>) -> std::io::Result<Vec<Chunk>> {
        let mut groups: Vec<Vec<Source<'_>>> = Vec::new();
        let mut docs = docs.into_iter().peekable();
        while docs.peek().is_some() {
            groups.push(docs.by_ref().take(group).collect());
        }
        groups
            .into_par_iter()
            .enumerate()
            .map_init(GroupScratch::default, |scratch, (i, ds)| tokenize_group((i * group) as u32, ds, emit, scratch))
            .collect()
    }

    /// `docs` tokenized in groups of `group` pages in parallel, then inverted; `ages[i]` is
    /// page `i`'s age in days.
    fn invert_docs(
        docs: Vec<Source<'_>>,
        ages: &[i64],
        split: Split,
        group: usize,
        emit: &TextSink<'_>,
    ) -> std::io::Result<Inverted> {
        let rec: Vec<f64> = ages.iter().map(|&a| recency(a)).collect();
        let chunks = chunks_of(docs, group, emit)?;
        let scoring = Scoring::of(&chunks, rec);
        Ok(Inverted { terms: invert(&chunks, &scoring, split)?, text_lens: scoring.text_lens })
    }

    /// A pseudo-random sequence (xorshift), the same on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 33) as usize % n
        }
    }

    #[test]
    fn rescoring_the_changed_terms_equals_inverting_again() {
        const WORDS: [&str; 12] = [
            "营商环境",
            "乡村振兴",
            "安全生产",
            "森林防火",
            "政务公开",
            "通知",
            "会议",
            "abc",
            "qualification",
            "〔2024〕3号",
            "防汛",
            "就业",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let page = |rng: &mut Rng| -> (String, String) {
            let title = (0..1 + rng.below(3)).map(|_| WORDS[rng.below(WORDS.len())]).collect::<Vec<_>>().join(" ");
            let body = (0..20 + rng.below(40)).map(|_| WORDS[rng.below(WORDS.len())]).collect::<Vec<_>>().join("，");
            (title, body)
        };
        let mut pages: Vec<(String, String)> = (0..700).map(|_| page(&mut rng)).collect();
        let rec: Vec<f64> = (0..700).map(|i| recency(i as i64 % 900)).collect();
        let split = Split { head: 20, unigram_tails: false };
        let emit = |_: u32, _: Vec<u8>| Ok(());
        let group = 128;
        fn sources(pages: &[(String, String)], from: usize, to: usize) -> Vec<Source<'_>> {
            pages[from..to].iter().map(|(t, b)| src(t, b)).collect()
        }
        let mut chunks = chunks_of(sources(&pages, 0, pages.len()), group, &emit).unwrap();
        let mut scoring = Scoring::of(&chunks, rec.clone());
        let mut terms = invert(&chunks, &scoring, split).unwrap();
        let (mut rescored, mut patched) = (0, 0);
        for round in 0..40 {
            // One to three pages edited: a word more or less in the body, or a new title.
            let mut groups = std::collections::BTreeSet::new();
            for _ in 0..1 + rng.below(3) {
                let i = rng.below(pages.len());
                let (title, body) = &mut pages[i];
                match rng.below(3) {
                    0 => body.push_str(WORDS[rng.below(WORDS.len())]),
                    1 => *body = body.chars().skip(2).collect(),
                    _ => *title = format!("{}{}", WORDS[rng.below(WORDS.len())], round),
                }
                groups.insert(i / group);
            }
            let mut side = SideTable::new();
            let mut keys = Vec::new();
            let mut replaced = Vec::new();
            for &k in &groups {
                let ds = sources(&pages, k * group, ((k + 1) * group).min(pages.len()));
                let new = tokenize_group((k * group) as u32, ds, &emit, &mut GroupScratch::default()).unwrap();
                keys.extend(changed_terms(&chunks[k], &new, &mut side));
                replaced.push((k, std::mem::replace(&mut chunks[k], new)));
            }
            keys.sort_unstable();
            keys.dedup();
            let fresh = Scoring::of(&chunks, rec.clone());
            let full = invert(&chunks, &fresh, split).unwrap();
            if fresh.same_scale(&scoring) {
                rescored += 1;
                // Every other round the old postings are patched where they can be.
                let old = |text: &str| terms.binary_search_by(|t| t.term.as_str().cmp(text)).ok().map(|at| &terms[at]);
                let before = Before { scoring: &scoring, groups: &replaced, postings: &old };
                let (patches, rest) = match round % 2 == 0 {
                    true => patch_terms(&chunks, &keys, &side, &fresh, split, &before),
                    false => (Vec::new(), keys.clone()),
                };
                patched += patches.len();
                let mut terms = terms.clone();
                for (text, diff) in &patches {
                    let at = terms.binary_search_by(|t| t.term.cmp(text)).unwrap();
                    diff.apply(&mut terms[at]);
                }
                for (text, postings) in rescore(&chunks, &rest, &side, &fresh, split).unwrap() {
                    match (terms.binary_search_by(|t| t.term.cmp(&text)), postings) {
                        (Ok(at), Some(p)) => terms[at] = p,
                        (Err(at), Some(p)) => terms.insert(at, p),
                        (Ok(at), None) => drop(terms.remove(at)),
                        (Err(_), None) => panic!("{text} was in no page and is in none"),
                    }
                }
                assert!(terms == full, "round {round}: the rescored terms differ from a full inversion");
            }
            terms = full;
            scoring = fresh;
        }
        assert!(rescored > 30, "only {rescored} of 40 rounds kept the corpus statistics");
        assert!(patched > 20, "only {patched} terms patched");
    }

    fn decode(bytes: &[u8], count: usize) -> Vec<(u32, u8)> {
        let mut pos = 0;
        let mut doc = 0;
        let mut ids = Vec::new();
        for _ in 0..count {
            doc += super::super::codec::get_varint(bytes, &mut pos).unwrap() as u32;
            ids.push(doc);
        }
        ids.into_iter().zip(bytes[pos..].iter().copied()).collect()
    }

    #[test]
    fn heads_hold_the_best_pages_and_tails_the_rest() {
        let docs: Vec<Source> =
            (0..10).map(|i| if i == 7 { src("营商环境", "营商环境") } else { src("通知", "营商环境工作") }).collect();
        let files = std::sync::Mutex::new(Vec::new());
        let emit = |first: u32, bytes: Vec<u8>| {
            files.lock().unwrap().push((first, bytes));
            Ok(())
        };
        let inv = invert_docs(docs, &[0; 10], Split { head: 3, unigram_tails: true }, 4, &emit).unwrap();
        assert_eq!(inv.text_lens.len(), 10);
        let mut files = files.into_inner().unwrap();
        files.sort();
        assert_eq!(files.iter().map(|f| f.0).collect::<Vec<_>>(), [0, 4, 8], "one text file per group of four pages");
        assert_eq!(files.iter().map(|f| f.1.len()).sum::<usize>(), inv.text_lens.iter().sum::<u32>() as usize);
        let t = inv.terms.iter().find(|t| t.term == "营商").unwrap();
        assert_eq!((t.df, t.head_count, t.tail_count), (10, 3, 7));
        let head = decode(&t.head, 3);
        assert!(head.iter().any(|p| p.0 == 7), "the title match is in the head: {head:?}");
        assert!(t.bitmap, "seven of ten pages: a two-byte bitmap beats seven gaps");
        let ids: Vec<u32> = (0..10u32).filter(|&i| t.presence[i as usize / 8] & (1 << (i % 8)) != 0).collect();
        let tail: Vec<(u32, u8)> = ids.into_iter().zip(t.impacts.iter().copied()).collect();
        assert_eq!(tail.len(), 7);
        assert!(tail.iter().all(|p| !head.iter().any(|h| h.0 == p.0)));
        assert!(tail.iter().all(|p| p.1 <= t.tail_max));
        assert!(head.iter().map(|p| p.1).min().unwrap() >= t.tail_max);
        let rare = inv.terms.iter().find(|t| t.term == "通知").unwrap();
        assert_eq!((rare.df, rare.tail_count, rare.tail_max), (9, 6, rare.tail_max));
    }

    #[test]
    fn output_does_not_depend_on_chunking_or_threads() {
        let bodies: Vec<String> = (0..2500).map(|i| format!("第{i}号 营商环境{}乡村振兴", i % 7)).collect();
        let docs: Vec<Source> = bodies.iter().map(|b| src("标题", b)).collect();
        let ages: Vec<i64> = (0..2500).collect();
        let emit = |_: u32, _: Vec<u8>| Ok(());
        let split = Split { head: 50, unigram_tails: false };
        let a = invert_docs(docs.clone(), &ages, split, 300, &emit).unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let b = pool.install(|| invert_docs(docs, &ages, split, 1000, &emit).unwrap());
        assert_eq!(a.text_lens, b.text_lens);
        assert_eq!(a.terms.len(), b.terms.len());
        for (x, y) in a.terms.iter().zip(&b.terms) {
            assert_eq!((&x.term, &x.head, &x.presence, &x.impacts), (&y.term, &y.head, &y.presence, &y.impacts));
        }
        let u = a.terms.iter().find(|t| t.term == "营").unwrap();
        assert_eq!(u.head_count, 50);
        assert!(u.df > 50 && u.tail_max > 0 && u.tail_count == u.df - 50);
        assert!(u.impacts.is_empty() && u.bitmap, "single ideographs keep only their presence, here a bitmap");
    }

    #[test]
    fn postings_are_varint_gaps_and_their_lengths_are_known_before_writing() {
        for gap in [0u32, 1, 63, 64, 8191, 8192, 65_535] {
            for ft in [0u8, 3] {
                let mut out = [0u8; 8];
                let n = write_posting(&mut out, gap, ft, 1);
                assert_eq!(posting_len(gap, ft), n, "gap {gap}, title tf {ft}");
                let mut pos = 0;
                let v = super::super::codec::get_varint(&out, &mut pos).unwrap();
                assert_eq!(v, (u64::from(gap) << 1) | u64::from(ft > 0));
                assert_eq!(&out[pos..n], if ft > 0 { &[3u8, 1][..] } else { &[1u8][..] });
            }
        }
    }

    #[test]
    fn a_group_too_large_to_number_is_refused_not_cut() {
        let docs = vec![src("标题", ""); GROUP_MAX + 1];
        let emit = |_: u32, _: Vec<u8>| Ok(());
        let err = tokenize_group(0, docs, &emit, &mut GroupScratch::default()).err().expect("refused");
        assert!(err.to_string().contains(&(GROUP_MAX + 1).to_string()), "{err}");
    }

    #[test]
    fn large_presences_are_gzipped_when_that_pays() {
        use std::io::Read as _;
        // Pages clustered in runs, as pages of one site and column are: compresses well.
        let (bits, bitmap) = encode_presence((0..40_000u32).filter(|i| (i / 500) % 3 == 0), 40_000);
        assert!(bitmap);
        let (packed, yes) = pack_presence(bits.clone()).unwrap();
        assert!(yes && packed.len() * 4 < bits.len(), "{} of {}", packed.len(), bits.len());
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&packed[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, bits);
        // Small, or incompressible (a pseudo-random byte sequence): stored as they are.
        assert_eq!(pack_presence(vec![0; 100]).unwrap(), (vec![0; 100], false));
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u8
            })
            .collect();
        assert_eq!(pack_presence(noise.clone()).unwrap(), (noise, false));
    }

    #[test]
    fn order_keys_sort_as_total_cmp_and_round_trip() {
        let xs = [f64::NEG_INFINITY, -2.5, -1e-300, -0.0, 0.0, 1e-300, 0.001, 1.0, 29.7, f64::INFINITY];
        for (i, &a) in xs.iter().enumerate() {
            assert_eq!(from_order_key(order_key(a)).to_bits(), a.to_bits());
            for &b in &xs[i + 1..] {
                assert!(order_key(a) < order_key(b), "{a} {b}");
                assert_eq!(order_key(a).cmp(&order_key(b)), a.total_cmp(&b));
            }
        }
    }

    #[test]
    fn presence_is_gaps_or_a_bitmap_whichever_is_smaller() {
        let (gaps, bitmap) = encode_presence([3u32, 200].into_iter(), 1000);
        assert!(!bitmap);
        assert_eq!(gaps, vec![3, 197, 1]);
        let (bits, bitmap) = encode_presence((0..1000u32).step_by(2), 1000);
        assert!(bitmap);
        assert_eq!(bits.len(), 125);
        assert_eq!(bits[0], 0b0101_0101);
    }

    /// A page moved past others of a term (here a bitmap's, whose pages are moved a run at a
    /// time) takes its impact along to its place among the tail's; a page gone cannot be
    /// renumbered.
    #[test]
    fn a_page_moved_past_others_takes_its_impact_along() {
        let pages = 1_000usize;
        let ids: Vec<u32> = (0..pages as u32).step_by(2).collect();
        let byte = |p: u32| (p % 150) as u8 + 1;
        let head: Vec<(u32, u8)> = ids.iter().take(8).map(|&p| (p, 200)).collect();
        let tail: Vec<(u32, u8)> = ids.iter().skip(8).map(|&p| (p, byte(p))).collect();
        let old = TermPostings::of("词".into(), ids.len(), (&head, &tail), true, 150, pages).unwrap();
        assert!(old.bitmap, "the test needs a bitmap");
        // Page 100 moves to 901; the pages between move up one.
        let to: Vec<u32> = (0..pages as u32)
            .map(|p| match p {
                100 => 901,
                101..=901 => p - 1,
                p => p,
            })
            .collect();
        let mut moved: Vec<(u32, u8)> = tail.iter().map(|&(p, b)| (to[p as usize], b)).collect();
        moved.sort_unstable();
        let want = TermPostings::of("词".into(), ids.len(), (&head, &moved), true, 150, pages).unwrap();
        assert_eq!(renumber(old.clone(), &Moves::new(&to), pages), Some(want));
        // The same page counted as gone, the others keep their order: no page of the term
        // may be gone.
        let mut gone = to.clone();
        gone[100] = u32::MAX;
        assert_eq!(renumber(old, &Moves::new(&gone), pages), None);
    }

    /// A small deterministic generator (xorshift) from `state`: a number below `n` per call.
    fn xorshift(mut state: u64) -> impl FnMut(u64) -> u64 {
        move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        }
    }

    #[test]
    fn renumbering_in_one_pass_equals_renumbering_the_decoded_postings() {
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15u64);
        let pages = 20_000usize;
        let (mut checked, mut patched) = (0, 0);
        for case in 0..300 {
            // A term on `df` pages, denser in a few cases (bitmaps), some with a large presence.
            let df = match case % 5 {
                0 => 1 + next(60) as usize,
                1 => 70 + next(400) as usize,
                2 => 2_000 + next(4_000) as usize,
                3 => 9_000 + next(6_000) as usize,
                _ => 64 + next(2_000) as usize,
            };
            let mut ids: Vec<u32> = (0..df).map(|_| next(pages as u64) as u32).collect();
            ids.sort_unstable();
            ids.dedup();
            let head: Vec<(u32, u8)> = ids.iter().take(64).map(|&p| (p, 200)).collect();
            let tail: Vec<(u32, u8)> = ids.iter().skip(64).map(|&p| (p, (p % 250) as u8 + 1)).collect();
            let old = TermPostings::of("词".into(), ids.len(), (&head, &tail), true, 250, pages).unwrap();
            // Pages moved: one added or removed somewhere (every later page moves by one), or
            // one moved from here to there, or none; a gone page that the term holds makes
            // the renumbering fail, in both.
            let at = next(pages as u64) as u32;
            let (to, now): (Vec<u32>, usize) = match case % 4 {
                0 => ((0..pages as u32).map(|p| if p < at { p } else { p + 1 }).collect(), pages + 1),
                1 => (
                    (0..pages as u32)
                        .map(|p| {
                            if p < at {
                                p
                            } else if p == at {
                                u32::MAX
                            } else {
                                p - 1
                            }
                        })
                        .collect(),
                    pages - 1,
                ),
                2 => {
                    let b = at.max(1) / 2;
                    let to = (0..pages as u32)
                        .map(|p| match p {
                            p if p < b || p > at => p,
                            p if p == at => u32::MAX,
                            p => p + 1,
                        })
                        .collect();
                    (to, pages)
                }
                _ => ((0..pages as u32).collect(), pages),
            };
            let fast = renumber(old.clone(), &Moves::new(&to), now);
            // Without runs every bitmap is renumbered the long way.
            let long_way = Moves { to: &to, runs: Vec::new(), crossing: Vec::new() };
            let slow = renumber_patched(old.clone(), &long_way, now, &Patch::default(), None);
            assert_eq!(fast, slow, "case {case}: {df} pages, at {at}");
            checked += usize::from(fast.is_some());
            // Patched: the page gone taken out (when the term's tail holds it), a few pages put in.
            let quantizer = Quantizer::new(IMPACT_MAX);
            let mut patch = Patch::default();
            if let Some(r) = tail.iter().position(|p| p.0 == at)
                && to[at as usize] == u32::MAX
            {
                patch.removed.push((at, old.impacts[r]));
            }
            for _ in 0..case % 4 {
                let q = next(now as u64) as u32;
                if !patch.added.iter().any(|a| a.0 == q) {
                    patch.added.push((q, 0.001 + next(100) as f64 / 100.0));
                }
            }
            for unigram_tails in [true, false] {
                let split = Split { head: 64, unigram_tails };
                for unigram in [false, true] {
                    let how = Some((split, unigram, &quantizer));
                    let mut old = old.clone();
                    if unigram && !unigram_tails {
                        old.impacts.clear();
                    }
                    let fast = renumber_patched(old.clone(), &Moves::new(&to), now, &patch, how);
                    let slow = renumber_patched(old.clone(), &long_way, now, &patch, how);
                    assert_eq!(fast, slow, "case {case} patched ({unigram}, {unigram_tails}): {df} pages, at {at}");
                    patched += usize::from(fast.is_some() && old.bitmap);
                }
            }
        }
        assert!(checked > 200, "{checked} renumbered");
        assert!(patched > 50, "{patched} bitmaps patched");
    }

    /// A term's postings as [`term_postings`] splits them: the `head` highest impacts (ties to
    /// the lower page id) in the head, the rest in the tail, each impact's byte its whole part.
    fn split_as_built(postings: &[(u32, f64)], head: usize, keep: bool, pages: usize) -> TermPostings {
        let mut ranked = postings.to_vec();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let byte = |x: f64| x.floor() as u8;
        let mut top: Postings = ranked.iter().take(head).map(|&(p, x)| (p, byte(x))).collect();
        let mut rest: Postings = ranked.iter().skip(head).map(|&(p, x)| (p, if keep { byte(x) } else { 0 })).collect();
        let tail_max = ranked.iter().skip(head).map(|p| byte(p.1)).max().unwrap_or(0);
        top.sort_unstable();
        rest.sort_unstable();
        TermPostings::of("词".into(), postings.len(), (&top, &rest), keep, tail_max, pages).unwrap()
    }

    #[test]
    fn a_page_moved_past_others_is_reordered_as_the_term_would_be_split_again() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1Du64);
        let pages = 3_000usize;
        let (mut reordered, mut refused, mut head_moved) = (0, 0, 0);
        for case in 0..600 {
            let df = match case % 3 {
                0 => 1 + next(80) as usize,
                1 => 80 + next(400) as usize,
                _ => 1_000 + next(1_800) as usize, // a bitmap
            };
            // Impacts with ties, some exact, many within one byte.
            let mut postings: Vec<(u32, f64)> =
                (0..df).map(|_| (next(pages as u64) as u32, 10.0 + next(12) as f64 * 0.5)).collect();
            postings.sort_by_key(|p| p.0);
            postings.dedup_by_key(|p| p.0);
            // One page the term holds (or any page) moved to another place; the pages between
            // shift by one.
            let from = if case % 4 == 0 {
                next(pages as u64) as u32
            } else {
                postings[next(postings.len() as u64) as usize].0
            };
            let at = next(pages as u64) as u32;
            let to: Vec<u32> = (0..pages as u32)
                .map(|p| match p {
                    p if p == from => at,
                    p if from < at && p > from && p <= at => p - 1,
                    p if at < from && p >= at && p < from => p + 1,
                    p => p,
                })
                .collect();
            let moved: Vec<(u32, f64)> = postings.iter().map(|&(p, x)| (to[p as usize], x)).collect();
            for keep in [true, false] {
                let old = split_as_built(&postings, 16, keep, pages);
                let want = split_as_built(&moved, 16, keep, pages);
                match renumber(old.clone(), &Moves::new(&to), pages) {
                    Some(got) => {
                        assert_eq!(got, want, "case {case} ({keep}): page {from} to {at}, {df} pages");
                        reordered += 1;
                        let head = decode_postings(&old.head, old.head_count as usize).unwrap();
                        head_moved += usize::from(from != at && head.iter().any(|h| h.0 == from));
                    }
                    None => refused += 1,
                }
            }
        }
        // Refused only where the page may tie with one across the head.
        assert!(reordered > 800, "{reordered} reordered, {refused} refused");
        assert!(head_moved > 20, "{head_moved} reordered with the page moved in the head");
    }

    #[test]
    fn the_pages_that_kept_their_order_are_a_longest_increasing_run() {
        // One page moved from the front to the back, one from the back to the front.
        assert_eq!(super::increasing(&[5, 0, 1, 2, 3, 4]), [false, true, true, true, true, true]);
        assert_eq!(super::increasing(&[1, 2, 3, 4, 5, 0]), [true, true, true, true, true, false]);
        assert_eq!(super::increasing(&[0, 1, 2]), [true; 3]);
        assert_eq!(super::increasing(&[]), Vec::<bool>::new());
        // Page 2 moved to the front: only it crossed the others.
        let to = [1, 2, 0, 3];
        assert_eq!(Moves::new(&to).crossing, [2]);
        assert!(Moves::new(&[0, u32::MAX, 1, 2]).crossing.is_empty());
    }

    #[test]
    fn bitmaps_move_sixty_four_pages_at_a_time_as_page_by_page() {
        let pages = 1000usize;
        let bits: Vec<u8> = (0..pages.div_ceil(8)).map(|i| (i * 37 % 251) as u8 | 1).collect();
        for at in [0usize, 1, 2, 63, 64, 65, 127, 500, 998, 999] {
            // Page `at` gone (its bit cleared first), or one added before it.
            for removed in [true, false] {
                let mut bits = bits.clone();
                let to: Vec<u32> = (0..pages as u32)
                    .map(|p| match (removed, p as usize) {
                        (true, q) if q == at => u32::MAX,
                        (true, q) if q > at => p - 1,
                        (false, q) if q >= at => p + 1,
                        _ => p,
                    })
                    .collect();
                if removed {
                    bits[at / 8] &= !(1 << (at % 8));
                }
                let now = if removed { pages - 1 } else { pages + 1 };
                let mut want = vec![0u8; now.div_ceil(8)];
                for p in (0..pages).filter(|&p| bits[p / 8] & (1 << (p % 8)) != 0) {
                    let q = to[p] as usize;
                    want[q / 8] |= 1 << (q % 8);
                }
                assert_eq!(move_bits(&bits, &Moves::new(&to), now), Ok(want), "at {at}, removed {removed}");
            }
        }
    }

    /// The postings and lengths of `c`, encoded (its side table in key order).
    fn encoded(c: &Chunk) -> Vec<u8> {
        postcard::to_stdvec(c).unwrap()
    }

    /// A kept group read in parts and cut to some terms holds exactly those terms' postings
    /// (hashed or not), as the whole group does, and every page's lengths.
    #[test]
    fn a_kept_group_cut_to_some_terms_keeps_their_postings_and_the_page_lengths() {
        let long = "Transportation and infrastructure modernization";
        let bodies: Vec<String> =
            (0..30).map(|i| format!("第{i}页 营商环境 {}", if i % 4 == 0 { long } else { "服务" })).collect();
        let docs = bodies.iter().map(|b| src("通知", b)).collect();
        let chunk = tokenize_group(70, docs, &|_, _| Ok(()), &mut GroupScratch::default()).unwrap();
        let all: Vec<Key> = chunk.runs().map(|(k, _)| k).collect();
        assert!(!chunk.side.is_empty(), "the test needs hashed terms");
        // Every other term, among them hashed ones.
        let keys: Vec<Key> = all
            .iter()
            .copied()
            .step_by(2)
            .chain(chunk.side.keys().copied())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let bytes = postcard::to_stdvec(&("sha", 9u64, &chunk)).unwrap();
        let reads = std::cell::Cell::new(0);
        let read = |parts: &[std::ops::Range<u64>]| {
            reads.set(reads.get() + 1);
            let part = |r: &std::ops::Range<u64>| bytes[r.start as usize..(r.end as usize).min(bytes.len())].to_vec();
            Some(parts.iter().map(part).collect())
        };
        let cut = kept_subset(&read, 128, &keys, true).unwrap();
        assert_eq!(reads.get(), 3, "the head, the table, the runs");
        assert!(cut.bytes.len() < chunk.bytes.len());
        // A damaged file (cut short) is no group.
        let short = |parts: &[std::ops::Range<u64>]| {
            let part =
                |r: &std::ops::Range<u64>| bytes[r.start as usize..(r.end as usize).min(bytes.len() - 9)].to_vec();
            Some(parts.iter().map(part).collect())
        };
        assert!(kept_subset(&short, 128, &keys, true).is_none());
        let counts = kept_subset(&read, 128, &keys, false).unwrap();
        assert!(counts.bytes.is_empty());
        for k in &all {
            let count = |c: &Chunk| c.run(*k).map(|r| r.count);
            assert_eq!(count(&counts), count(&cut), "the counts alone are those of the postings");
        }
        assert_eq!((&counts.title_len, &counts.text_lens), (&chunk.title_len, &chunk.text_lens));
        for k in &all {
            let run = |c: &Chunk| c.run(*k).map(|r| (r.count, r.bytes.to_vec()));
            match keys.binary_search(k) {
                Ok(_) => assert_eq!(run(&cut), run(&chunk)),
                Err(_) => assert!(run(&cut).is_none()),
            }
            assert_eq!(cut.side.get(k), chunk.side.get(k).filter(|_| keys.binary_search(k).is_ok()));
        }
        assert_eq!(
            (cut.start, &cut.title_len, &cut.body_len, &cut.text_lens),
            (chunk.start, &chunk.title_len, &chunk.body_len, &chunk.text_lens)
        );
    }

    #[test]
    fn a_group_spliced_with_its_changed_pages_equals_the_group_tokenized_again() {
        let start = 300;
        let bodies: Vec<String> = (0..40)
            .map(|i| format!("第{i}页 营商环境 优化 服务 {}", if i % 3 == 0 { "乡村振兴 森林防火" } else { "" }))
            .collect();
        let titles: Vec<String> = (0..40).map(|i| format!("通知{i}")).collect();
        // A group's chunk and its text file.
        let tokenized = |start: u32, docs: Vec<Source<'_>>| {
            let text = std::sync::Mutex::new(Vec::new());
            let emit = |_: u32, bytes: Vec<u8>| {
                *text.lock().unwrap() = bytes;
                Ok(())
            };
            let chunk = tokenize_group(start, docs, &emit, &mut GroupScratch::default()).unwrap();
            (chunk, text.into_inner().unwrap())
        };
        let group = |titles: &[String], bodies: &[String]| {
            tokenized(start, titles.iter().zip(bodies).map(|(t, b)| src(t, b)).collect())
        };
        let (old, old_text) = group(&titles, &bodies);
        let (mut titles2, mut bodies2) = (titles.clone(), bodies.clone());
        // The first page (its first gap from the group's start), a page that loses the only
        // occurrence of a word and gains a new one, a page emptied, a title changed, the last.
        bodies2[0] = "营商环境 新词汇甲乙".into();
        bodies2[3] = "只有这一页 独有词语".into();
        bodies2[17] = String::new();
        titles2[18] = "关于冬季森林防火的通知".into();
        bodies2[39] = "最后一页 营商环境 营商环境".into();
        let changed = [0usize, 3, 17, 18, 39];
        let (fresh, fresh_texts): (Vec<Chunk>, Vec<Vec<u8>>) =
            changed.iter().map(|&i| tokenized(start + i as u32, vec![src(&titles2[i], &bodies2[i])])).unzip();
        let spliced = splice_group(&old, &fresh);
        let (whole, whole_text) = group(&titles2, &bodies2);
        assert!(encoded(&old) != encoded(&whole));
        assert!(encoded(&spliced) == encoded(&whole), "the spliced group differs from the group tokenized again");
        // Its text file: the pages' texts, those changed replaced.
        let changed: Vec<u32> = changed.iter().map(|&i| i as u32).collect();
        assert!(old_text != whole_text);
        assert!(splice_text(&old, &old_text, &changed, &fresh_texts) == whole_text, "the text file differs");
        // Nothing changed: the same chunk.
        assert!(encoded(&splice_group(&old, &[])) == encoded(&old));
    }

    #[test]
    fn groups_composed_from_moved_pages_equal_the_groups_tokenized_again() {
        let page = |i: usize| {
            let extra = match i % 4 {
                0 => "乡村振兴 森林防火",
                1 => "qualification 〔2024〕3号",
                _ => "",
            };
            (format!("通知{}", i % 9), format!("第{i}页 营商环境 优化 服务 {extra} 独词{i}"))
        };
        let group = 16;
        let tokenize = |pages: &[(String, String)]| -> Vec<Chunk> {
            pages
                .chunks(group)
                .enumerate()
                .map(|(k, ps)| {
                    let docs = ps.iter().map(|(t, b)| src(t, b)).collect();
                    tokenize_group((k * group) as u32, docs, &|_, _| Ok(()), &mut GroupScratch::default()).unwrap()
                })
                .collect()
        };
        let before: Vec<(String, String)> = (0..70).map(page).collect();
        let old = tokenize(&before);
        // Each page now: Some(its id before), or None for a page new or edited.
        let mut now: Vec<(Option<u32>, (String, String))> =
            before.iter().cloned().enumerate().map(|(i, p)| (Some(i as u32), p)).collect();
        now.insert(5, (None, ("新增的页面".into(), "全新 正文 营商环境".into())));
        now.remove(40);
        let moved = now.remove(60);
        now.insert(2, moved);
        now[30].1.1.push_str(" 冬季安全生产");
        now[30].0 = None;
        now.push((None, ("最后新增".into(), "末尾".into())));
        let pages: Vec<(String, String)> = now.iter().map(|p| p.1.clone()).collect();
        let whole = tokenize(&pages);
        for (k, want) in whole.iter().enumerate() {
            let ids = k * group..((k + 1) * group).min(now.len());
            let fresh: Vec<Option<Chunk>> = ids
                .clone()
                .map(|i| {
                    now[i].0.is_none().then(|| {
                        let (t, b) = &now[i].1;
                        tokenize_group(i as u32, vec![src(t, b)], &|_, _| Ok(()), &mut GroupScratch::default()).unwrap()
                    })
                })
                .collect();
            let origins: Vec<(&Chunk, u32)> = ids
                .zip(&fresh)
                .map(|(i, f)| match (now[i].0, f) {
                    (Some(was), _) => (&old[was as usize / group], was),
                    (None, Some(f)) => (f, i as u32),
                    (None, None) => unreachable!(),
                })
                .collect();
            let composed = compose_group((k * group) as u32, &origins);
            assert!(encoded(&composed) == encoded(want), "group {k} composed differs from it tokenized again");
            let found: Vec<u32> = composed.runs().map(|(_, run)| run.pages().last().unwrap()).collect();
            assert_eq!(composed.lasts.get(), Some(&found), "group {k}: the last pages known as composed");
        }
        // Composed again from the composed groups (whose last pages are known, not found):
        // one page removed at the front, then one added there.
        let composed: Vec<Chunk> = (0..whole.len())
            .map(|k| {
                let ids = (k * group) as u32..((k + 1) * group).min(pages.len()) as u32;
                compose_group(
                    k as u32 * group as u32,
                    &ids.map(|i| (&whole[i as usize / group], i)).collect::<Vec<_>>(),
                )
            })
            .collect();
        let added = ("头条".to_string(), "新增 营商环境 第0页".to_string());
        let fresh =
            tokenize_group(0, vec![src(&added.0, &added.1)], &|_, _| Ok(()), &mut GroupScratch::default()).unwrap();
        for (shifted, removed) in [(pages[1..].to_vec(), true), ([vec![added.clone()], pages.clone()].concat(), false)]
        {
            let want = tokenize(&shifted);
            for (k, want) in want.iter().enumerate() {
                let ids = k * group..((k + 1) * group).min(shifted.len());
                let origins: Vec<(&Chunk, u32)> = ids
                    .map(|i| match (removed, i) {
                        // Page i now was page i + 1 before (the first removed), or i - 1 (one
                        // added before it).
                        (true, i) => (&composed[(i + 1) / group], i as u32 + 1),
                        (false, 0) => (&fresh, 0),
                        (false, i) => (&composed[(i - 1) / group], i as u32 - 1),
                    })
                    .collect();
                let again = compose_group((k * group) as u32, &origins);
                assert!(encoded(&again) == encoded(want), "first page removed {removed}: group {k} differs");
            }
        }
    }
}
