//! The links a page's last rendering resolved against the build's URLs, kept with its memo:
//! the part of its key that follows the rest of the cluster ([`super::memo::linked_key`]).
//! A page is reused when its own inputs are unchanged and each of these links resolves now as
//! it did then; adding a page elsewhere changes neither.
//!
//! Most links are the same on many pages (the site's home, the column, the style sheet, a
//! neighbour): the cache keeps each once, in a table ([`LinkTable`]), and each record names
//! its links by their place there. A link that resolves alike on every page is resolved once
//! per build for every record that names it. A shared part (header, footer) spliced into a
//! page is one entry of the table too ([`chrome_entry`]), its links kept once beside it.

use crate::rewrite::{ChromeLinks, Context, href_digest, links_digest};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// What the rewrite of one page read of the build's URLs, as the cache keeps it: the places in
/// the table of its links outside the shared parts (sorted, each once), then of its shared
/// parts (in page order). One allocation a page: at 100,000 pages, two were ~7 MB more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRecord(Box<[u32]>);

/// Starts the table entry that stands for a shared part ([`chrome_entry`]): no link a page
/// records starts so ([`MemoLinks::made`] keeps none that does).
const CHROME_MARK: &str = "\u{0}chrome:";

/// The table entry that stands for the shared part `id`.
pub(super) fn chrome_entry(id: &[u8; 16]) -> String {
    format!("{CHROME_MARK}{}", hex::encode(id))
}

/// The shared part a table entry stands for, if it is one.
fn chrome_of(entry: &str) -> Option<[u8; 16]> {
    let mut id = [0u8; 16];
    hex::decode_to_slice(entry.strip_prefix(CHROME_MARK)?, &mut id).ok()?;
    Some(id)
}

/// A page's links to remember: a record read from the cache (a page reused), or the links a
/// page rendered now resolved, placed in its bucket's table when the cache is written
/// ([`BucketTable`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoLinks {
    /// A record in the previous build's table.
    Kept(LinkRecord),
    /// Links as written (sorted, each once), each ended by a line break (one string a page:
    /// at 100,000 pages rendered, one string a link was ~100 MB more of a first build's
    /// memory), and the shared parts' ids.
    Made(String, Vec<[u8; 16]>),
}

impl MemoLinks {
    /// The links of a page rendered now (sorted, each once) and the ids of its shared parts;
    /// none when a link holds a line break or starts like a shared part's entry (then the
    /// page is not remembered).
    pub fn made(links: &[String], chromes: Vec<[u8; 16]>) -> Option<MemoLinks> {
        let mut joined = String::with_capacity(links.iter().map(|l| l.len() + 1).sum());
        for l in links {
            if l.contains('\n') || l.starts_with(CHROME_MARK) {
                return None;
            }
            joined.push_str(l);
            joined.push('\n');
        }
        Some(MemoLinks::Made(joined, chromes))
    }
}

/// The links of shared parts: (id, links), by id.
pub type ChromeTable = Vec<([u8; 16], Vec<String>)>;

/// Shared part → the digest of its links as they resolve in this build.
pub type ChromeDigests = HashMap<[u8; 16], [u8; 32]>;

/// How a table entry resolves in this build.
#[derive(Debug, Clone, Copy)]
enum Now {
    /// Alike on every page: its [`href_digest`], or a shared part's [`links_digest`].
    Fixed([u8; 32]),
    /// Depends on the page: resolved for each.
    OnPage,
    /// A shared part not in the table: no record naming it is found unchanged.
    Unknown,
}

/// The links the previous build's records name, with how each resolves in this build where
/// that is alike on every page ([`crate::assemble::links`]'s page independence).
#[derive(Debug, Default)]
pub struct LinkTable {
    hrefs: Vec<String>,
    now: Vec<Now>,
}

impl LinkTable {
    /// The table `hrefs`, resolved with the build's URLs in `ctx` (any page's), the shared
    /// parts' entries by `chromes`.
    pub fn new(hrefs: Vec<String>, ctx: &Context<'_>, chromes: &ChromeDigests) -> LinkTable {
        let now = hrefs
            .par_iter()
            .map(|h| match chrome_of(h) {
                Some(id) => chromes.get(&id).map_or(Now::Unknown, |d| Now::Fixed(*d)),
                None if crate::assemble::links::page_independent(h) => Now::Fixed(href_digest(h, ctx)),
                None => Now::OnPage,
            })
            .collect();
        LinkTable { hrefs, now }
    }

    /// The entries, taken out (the table is then empty).
    pub fn take_hrefs(&mut self) -> Vec<String> {
        self.now.clear();
        std::mem::take(&mut self.hrefs)
    }

    /// The digest of entry `i` on the page of `ctx`; none when there is no such entry, or
    /// when it depends on the page and there is no `ctx`.
    fn digest(&self, i: u32, ctx: Option<&Context<'_>>) -> Option<[u8; 32]> {
        let i = i as usize;
        match self.now.get(i)? {
            Now::Fixed(d) => Some(*d),
            Now::OnPage => Some(href_digest(self.hrefs.get(i)?, ctx?)),
            Now::Unknown => None,
        }
    }
}

impl LinkRecord {
    /// How these links resolve now on the page of `ctx`, in `table`; none when a link or
    /// shared part is not known (then the page is rendered again), or when a link depends on
    /// the page and there is no `ctx` (most pages' links do not: their page's context is then
    /// not made).
    pub fn digest(&self, ctx: Option<&Context<'_>>, table: &LinkTable) -> Option<[u8; 32]> {
        let mut h = Sha256::new();
        h.update(b"links-3\0");
        for &i in self.0.iter() {
            h.update(table.digest(i, ctx)?);
        }
        Some(h.finalize().into())
    }

    /// Moves every place `by` further (its table put after others; a place past the table
    /// stays past it).
    pub(super) fn shift(&mut self, by: u32) {
        for p in self.0.iter_mut() {
            *p = p.saturating_add(by);
        }
    }

    /// The places in the table.
    #[cfg(test)]
    pub(super) fn places(&self) -> &[u32] {
        &self.0
    }
}

/// The digest [`LinkRecord::digest`] gives for a page rendered now, whose rewrite resolved
/// `links` (sorted, each once) on the page of `ctx` and spliced in `chromes`.
pub fn digest_now(links: &[String], chromes: &[Arc<ChromeLinks>], ctx: &Context<'_>) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"links-3\0");
    for l in links {
        h.update(href_digest(l, ctx));
    }
    for c in chromes {
        h.update(c.digest);
    }
    h.finalize().into()
}

/// The digests of the shared parts `table` (id, links) as their links resolve with the
/// build's URLs in `ctx` (any page's: a shared part's links resolve alike on every page).
pub fn chrome_digests(table: &[([u8; 16], Vec<String>)], ctx: &Context<'_>) -> ChromeDigests {
    table.iter().map(|(id, hrefs)| (*id, links_digest(hrefs.iter().map(String::as_str), ctx))).collect()
}

/// The table of links one bucket of memos names, each link once, in the order first named:
/// each record is placed in it as the bucket is written ([`BucketTable::place`]). A
/// [`MemoLinks::Kept`] record names its links by their place in the previous build's table, a
/// [`MemoLinks::Made`] one as its page's rendering resolved them. Only the buckets that changed
/// are placed: at 100,000 pages, placing every record in one table of every link was ~60 ms of
/// a body edit's last step, and most buckets' files are already there.
pub(super) struct BucketTable<'a> {
    /// The previous build's table, which kept records name.
    old: &'a [String],
    /// The links placed, by place.
    table: Vec<Cow<'a, str>>,
    /// Each link's place.
    at: rustc_hash::FxHashMap<Cow<'a, str>, u32>,
}

impl<'a> BucketTable<'a> {
    /// An empty table for records that name their links in `old`.
    pub(super) fn new(old: &'a [String]) -> BucketTable<'a> {
        BucketTable { old, table: Vec::new(), at: Default::default() }
    }

    /// The place of `link`, placed now when it is not yet.
    fn put(&mut self, link: Cow<'a, str>) -> u32 {
        if let Some(&i) = self.at.get(link.as_ref()) {
            return i;
        }
        let i = self.table.len() as u32;
        self.table.push(link.clone());
        self.at.insert(link, i);
        i
    }

    /// The record of `links` in this table, its links placed in it. A link a kept record names
    /// past the previous table (never: the record was resolved to be reused) stays past this
    /// one: the record is then never found unchanged.
    pub(super) fn place(&mut self, links: &'a MemoLinks) -> LinkRecord {
        let mut places = Vec::new();
        match links {
            MemoLinks::Kept(r) => {
                for &p in r.0.iter() {
                    places.push(match self.old.get(p as usize) {
                        Some(href) => self.put(Cow::Borrowed(href.as_str())),
                        None => u32::MAX,
                    });
                }
            }
            MemoLinks::Made(hrefs, chromes) => {
                for href in hrefs.split_terminator('\n') {
                    places.push(self.put(Cow::Borrowed(href)));
                }
                for id in chromes {
                    places.push(self.put(Cow::Owned(chrome_entry(id))));
                }
            }
        }
        LinkRecord(places.into())
    }

    /// The links placed, by place.
    pub(super) fn into_links(self) -> Vec<Cow<'a, str>> {
        self.table
    }
}

/// The shared parts the records `links` name, sorted, each once: those a kept record names by
/// their entry in the previous build's table `old`, and those of the pages rendered now.
pub fn chromes_named<'a>(old: &[String], links: impl Iterator<Item = &'a MemoLinks>) -> Vec<[u8; 16]> {
    let marked: Vec<bool> = old.iter().map(|e| e.starts_with(CHROME_MARK)).collect();
    let mut named = std::collections::BTreeSet::new();
    for l in links {
        match l {
            MemoLinks::Kept(r) => {
                let ids = r.0.iter().filter(|&&p| marked.get(p as usize) == Some(&true));
                named.extend(ids.filter_map(|&p| chrome_of(&old[p as usize])));
            }
            MemoLinks::Made(_, chromes) => named.extend(chromes.iter().copied()),
        }
    }
    named.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::UrlSet;
    use std::path::PathBuf;

    fn context<'a>(urls: &'a UrlSet, by_src: &'a HashMap<PathBuf, String>) -> Context<'a> {
        Context {
            base_path: "/sub/",
            page_url: "/a/x/",
            link_base: "/a/",
            source_dir: Some(PathBuf::from("content/a")),
            urls,
            by_src,
        }
    }

    /// A page rendered now and the record it leaves (placed in the next table) give the same
    /// digest while the links resolve alike — a page added elsewhere changes nothing — and
    /// another one when a link's target goes, from the page or from its header; none for an
    /// unknown shared part.
    #[test]
    fn a_record_digests_like_the_rendering_it_was_made_from() {
        let by_src = HashMap::from([(PathBuf::from("content/a/z.md"), "/a/z/".to_string())]);
        let all = ["/a/x/", "/a/y/", "/a/z/", "/", "/static/s.css"];
        let urls = UrlSet::from_iter(all);
        let header = vec!["/".to_string(), "/static/s.css".to_string()];
        let chrome = Arc::new(ChromeLinks {
            id: [7; 16],
            hrefs: header.clone(),
            digest: links_digest(header.iter().map(String::as_str), &context(&urls, &by_src)),
        });
        let chromes = std::slice::from_ref(&chrome);
        // A page-independent link, a relative one and a `.md` one, sorted.
        let links = vec!["../a/y/".to_string(), "/a/y/".to_string(), "z.md".to_string()];
        let now = digest_now(&links, chromes, &context(&urls, &by_src));
        // Two pages' links placed in one bucket's table, as the cache is written: each link once.
        let made =
            [MemoLinks::made(&links, vec![chrome.id]).unwrap(), MemoLinks::made(&["/a/y/".into()], vec![]).unwrap()];
        assert_eq!(MemoLinks::made(&["/a/\n/b/".into()], vec![]), None);
        assert_eq!(MemoLinks::made(&[chrome_entry(&[1; 16])], vec![]), None);
        let mut bucket = BucketTable::new(&[]);
        let record = bucket.place(&made[0]);
        assert_eq!(bucket.place(&made[1]).places(), [1]);
        let hrefs: Vec<String> = bucket.into_links().into_iter().map(Cow::into_owned).collect();
        let mark = chrome_entry(&chrome.id);
        assert_eq!(hrefs, ["../a/y/", "/a/y/", "z.md", mark.as_str()]);
        assert_eq!(chromes_named(&[], made.iter()), [chrome.id]);
        let table = vec![(chrome.id, header.clone())];
        let digest = |set: &UrlSet| {
            let ctx = context(set, &by_src);
            record.digest(Some(&ctx), &LinkTable::new(hrefs.clone(), &ctx, &chrome_digests(&table, &ctx)))
        };
        assert_eq!(digest(&urls), Some(now));
        let more = UrlSet::from_iter(all.into_iter().chain(["/a/w/"]));
        assert_eq!(digest(&more), Some(now), "a page added elsewhere");
        for gone in ["/a/y/", "/a/z/", "/static/s.css"] {
            let less = UrlSet::from_iter(all.into_iter().filter(|u| *u != gone));
            assert_ne!(digest(&less), Some(now), "{gone}");
        }
        let ctx = context(&urls, &by_src);
        let known = LinkTable::new(hrefs.clone(), &ctx, &chrome_digests(&table, &ctx));
        assert_eq!(record.digest(None, &known), None, "a relative link needs the page");
        assert_eq!(record.digest(Some(&ctx), &LinkTable::new(hrefs.clone(), &ctx, &ChromeDigests::new())), None);
        assert_eq!(record.digest(Some(&ctx), &LinkTable::default()), None);

        // Placed again (the page reused) beside a page rendered now: the kept record names
        // the same links in the new table, and the same shared part.
        let next = [MemoLinks::made(&["/".into(), "z.md".into()], vec![]).unwrap(), MemoLinks::Kept(record)];
        let mut bucket = BucketTable::new(&hrefs);
        let first = bucket.place(&next[0]);
        let moved = bucket.place(&next[1]);
        assert_eq!(first.places(), [0, 1]);
        let again: Vec<String> = bucket.into_links().into_iter().map(Cow::into_owned).collect();
        assert_eq!(again, ["/", "z.md", "../a/y/", "/a/y/", mark.as_str()]);
        assert_eq!(moved.digest(Some(&ctx), &LinkTable::new(again, &ctx, &chrome_digests(&table, &ctx))), Some(now));
        assert_eq!(chromes_named(&hrefs, next.iter()), [chrome.id], "named by a kept record");
        assert_eq!(chromes_named(&hrefs, next[..1].iter()), Vec::<[u8; 16]>::new());
        // A kept record naming a place past the table keeps it past the new one.
        let lost = MemoLinks::Kept(LinkRecord(vec![0, 99].into()));
        assert_eq!(BucketTable::new(&hrefs).place(&lost).places(), [0, u32::MAX]);
    }
}
