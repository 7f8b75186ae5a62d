//! The links a page's last rendering resolved against the build's URLs, kept with its memo:
//! the part of its key that follows the rest of the cluster ([`super::memo::linked_key`]).
//! A page is reused when its own inputs are unchanged and each of these links resolves now as
//! it did then; adding a page elsewhere changes neither.

use crate::rewrite::{ChromeLinks, Context, links_digest};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// What the rewrite of one page read of the build's URLs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRecord {
    /// Its links outside the shared parts, sorted, each once, joined by `\n`.
    hrefs: String,
    /// The shared parts spliced in ([`ChromeLinks::id`]), in page order; their links are kept
    /// once in the cache's table of shared parts.
    chromes: Vec<[u8; 16]>,
}

/// Shared part → the digest of its links as they resolve in this build.
pub type ChromeDigests = HashMap<[u8; 16], [u8; 32]>;

/// The digest of a page's links: its own (sorted, each once) and its shared parts' digests,
/// in order.
fn combine(own: [u8; 32], chromes: impl Iterator<Item = [u8; 32]>) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"links-1\0");
    h.update(own);
    for c in chromes {
        h.update(c);
    }
    h.finalize().into()
}

impl LinkRecord {
    /// The record of a page whose rewrite resolved `links` (sorted, each once) outside the
    /// shared parts `chromes`; none when a link holds a line break (then it is not kept).
    pub fn of(links: &[String], chromes: &[Arc<ChromeLinks>]) -> Option<LinkRecord> {
        if links.iter().any(|l| l.contains('\n')) {
            return None;
        }
        Some(LinkRecord { hrefs: links.join("\n"), chromes: chromes.iter().map(|c| c.id).collect() })
    }

    /// The links outside the shared parts.
    fn hrefs(&self) -> impl Iterator<Item = &str> {
        // A link that reads the URLs is never empty: no empty piece stands for one.
        self.hrefs.split('\n').filter(|h| !h.is_empty())
    }

    /// The shared parts' ids.
    pub fn chromes(&self) -> &[[u8; 16]] {
        &self.chromes
    }

    /// How these links resolve now on the page of `ctx`, each shared part by `chromes`; none
    /// when a shared part is not known (then the page is rendered again).
    pub fn digest(&self, ctx: &Context<'_>, chromes: &ChromeDigests) -> Option<[u8; 32]> {
        let own = links_digest(self.hrefs(), ctx);
        let parts: Vec<[u8; 32]> = self.chromes.iter().map(|id| chromes.get(id).copied()).collect::<Option<_>>()?;
        Some(combine(own, parts.into_iter()))
    }
}

/// The digest [`LinkRecord::digest`] gives for a page rendered now, whose rewrite resolved
/// `links` (sorted, each once) on the page of `ctx` and spliced in `chromes`.
pub fn digest_now(links: &[String], chromes: &[Arc<ChromeLinks>], ctx: &Context<'_>) -> [u8; 32] {
    combine(links_digest(links.iter().map(String::as_str), ctx), chromes.iter().map(|c| c.digest))
}

/// The digests of the shared parts `table` (id, links) as their links resolve with the
/// build's URLs in `ctx` (any page's: a shared part's links resolve alike on every page).
pub fn chrome_digests(table: &[([u8; 16], Vec<String>)], ctx: &Context<'_>) -> ChromeDigests {
    table.iter().map(|(id, hrefs)| (*id, links_digest(hrefs.iter().map(String::as_str), ctx))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::UrlSet;
    use std::path::PathBuf;

    /// A page rendered now and the record it leaves give the same digest while the links
    /// resolve alike, another one when a link's target goes, and none for an unknown part.
    #[test]
    fn a_record_digests_like_the_rendering_it_was_made_from() {
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
        let by_src = HashMap::from([(PathBuf::from("content/a/z.md"), "/a/z/".to_string())]);
        let urls = UrlSet::from_iter(["/a/x/", "/a/y/", "/a/z/", "/", "/static/s.css"]);
        let header = ["/".to_string(), "/static/s.css".to_string()];
        let chrome = Arc::new(ChromeLinks {
            id: [7; 16],
            hrefs: header.to_vec(),
            digest: links_digest(header.iter().map(String::as_str), &context(&urls, &by_src)),
        });
        let links = ["/a/y/".to_string(), "z.md".to_string()];
        let record = LinkRecord::of(&links, std::slice::from_ref(&chrome)).unwrap();
        let table = vec![(chrome.id, header.to_vec())];
        let now = digest_now(&links, std::slice::from_ref(&chrome), &context(&urls, &by_src));
        assert_eq!(
            record.digest(&context(&urls, &by_src), &chrome_digests(&table, &context(&urls, &by_src))),
            Some(now)
        );
        // A page added elsewhere: the same digest.
        let more = UrlSet::from_iter(["/a/x/", "/a/y/", "/a/z/", "/", "/static/s.css", "/a/w/"]);
        assert_eq!(
            record.digest(&context(&more, &by_src), &chrome_digests(&table, &context(&more, &by_src))),
            Some(now)
        );
        // A target gone, from the page or from its header: another digest.
        for gone in ["/a/y/", "/static/s.css"] {
            let less =
                UrlSet::from_iter(["/a/x/", "/a/y/", "/a/z/", "/", "/static/s.css"].into_iter().filter(|u| *u != gone));
            assert_ne!(
                record.digest(&context(&less, &by_src), &chrome_digests(&table, &context(&less, &by_src))),
                Some(now),
                "{gone}"
            );
        }
        assert_eq!(record.digest(&context(&urls, &by_src), &ChromeDigests::new()), None);
        // No links at all.
        let empty = LinkRecord::of(&[], &[]).unwrap();
        assert_eq!(
            empty.digest(&context(&urls, &by_src), &ChromeDigests::new()),
            Some(digest_now(&[], &[], &context(&urls, &by_src)))
        );
        assert!(LinkRecord::of(&["/a/\n/b/".to_string()], &[]).is_none());
    }
}
