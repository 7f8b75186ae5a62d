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
fn chrome_entry(id: &[u8; 16]) -> String {
    format!("{CHROME_MARK}{}", hex::encode(id))
}

/// The shared part a table entry stands for, if it is one.
fn chrome_of(entry: &str) -> Option<[u8; 16]> {
    let mut id = [0u8; 16];
    hex::decode_to_slice(entry.strip_prefix(CHROME_MARK)?, &mut id).ok()?;
    Some(id)
}

/// A page's links to remember: a record read from the cache (a page reused), or the links a
/// page rendered now resolved, placed in the next table when the cache is written
/// ([`renumber`]).
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

    /// The record, once [`renumber`]ed.
    pub(super) fn record(&self) -> Option<&LinkRecord> {
        match self {
            MemoLinks::Kept(r) => Some(r),
            MemoLinks::Made(..) => None,
        }
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

    /// The entries, in order.
    pub fn hrefs(&self) -> &[String] {
        &self.hrefs
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

    /// This record with each place `p` at `to(p)` (in another table).
    pub(super) fn moved(&self, to: impl FnMut(u32) -> u32) -> LinkRecord {
        LinkRecord(self.0.iter().copied().map(to).collect())
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

/// The table of links the next build reads: each link `links` name once, in the order first
/// named (those of [`MemoLinks::Kept`] records found in `old`), and every entry of `links`
/// made a [`MemoLinks::Kept`] record in it. A link no record names any more is left out.
pub fn renumber<'a>(old: &[String], links: impl Iterator<Item = &'a mut MemoLinks>) -> Vec<String> {
    let mut table: Vec<String> = Vec::new();
    let mut at: rustc_hash::FxHashMap<String, u32> = Default::default();
    let mut moved: Vec<u32> = vec![u32::MAX; old.len()];
    let mut place = |href: &str, table: &mut Vec<String>| -> u32 {
        if let Some(&i) = at.get(href) {
            return i;
        }
        let i = table.len() as u32;
        table.push(href.to_owned());
        at.insert(href.to_owned(), i);
        i
    };
    for l in links {
        let places: Box<[u32]> = match l {
            MemoLinks::Kept(r) => {
                r.0.iter()
                    .map(|&i| {
                        // A link not in the table (never: the record was resolved to be reused)
                        // stays one: the record is then never found unchanged.
                        let Some(href) = old.get(i as usize) else { return u32::MAX };
                        if moved[i as usize] == u32::MAX {
                            moved[i as usize] = place(href, &mut table);
                        }
                        moved[i as usize]
                    })
                    .collect()
            }
            MemoLinks::Made(hrefs, chromes) => {
                let mut places: Vec<u32> = hrefs.split_terminator('\n').map(|h| place(h, &mut table)).collect();
                places.extend(chromes.iter().map(|id| place(&chrome_entry(id), &mut table)));
                places.into()
            }
        };
        *l = MemoLinks::Kept(LinkRecord(places));
    }
    table
}

/// The shared parts the entries of `table` stand for.
pub fn chromes_named(table: &[String]) -> impl Iterator<Item = [u8; 16]> + '_ {
    table.iter().filter_map(|e| chrome_of(e))
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
        // Two pages' links placed in one table, as the cache is written: each link once.
        let mut made =
            [MemoLinks::made(&links, vec![chrome.id]).unwrap(), MemoLinks::made(&["/a/y/".into()], vec![]).unwrap()];
        assert_eq!(MemoLinks::made(&["/a/\n/b/".into()], vec![]), None);
        assert_eq!(MemoLinks::made(&[chrome_entry(&[1; 16])], vec![]), None);
        let hrefs = renumber(&[], made.iter_mut());
        let mark = chrome_entry(&chrome.id);
        assert_eq!(hrefs, ["../a/y/", "/a/y/", "z.md", mark.as_str()]);
        assert_eq!(chromes_named(&hrefs).collect::<Vec<_>>(), [chrome.id]);
        assert_eq!(made[1].record().unwrap().places(), [1]);
        let record = made[0].record().unwrap().clone();
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
        // the same links in the new table.
        let mut next = [MemoLinks::made(&["/".into(), "z.md".into()], vec![]).unwrap(), MemoLinks::Kept(record)];
        let again = renumber(&hrefs, next.iter_mut());
        assert_eq!(again, ["/", "z.md", "../a/y/", "/a/y/", mark.as_str()]);
        let moved = next[1].record().unwrap();
        assert_eq!(moved.digest(Some(&ctx), &LinkTable::new(again, &ctx, &chrome_digests(&table, &ctx))), Some(now));
    }
}
