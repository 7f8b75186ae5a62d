//! What a page's file takes from the rest of the build besides its own rendering: how the
//! links the rewrite resolved against the build's URLs resolve ([`links_digest`]). The build
//! cache keys a page on it instead of on every URL of the cluster (see [`crate::cache::memo`]):
//! a page whose links all resolve as they did keeps its file when a page is added elsewhere.

use super::{Context, Resolved, resolve};
use sha2::{Digest, Sha256};

/// The links of a shared part (header or footer) rewritten once and spliced into pages: a page
/// that shows it depends on how they resolve.
#[derive(Debug)]
pub struct ChromeLinks {
    /// [`chrome_id`] of the part as rendered: names it across builds.
    pub id: [u8; 16],
    /// Its links whose resolution read the build's URLs, as written, sorted, each once.
    pub hrefs: Vec<String>,
    /// [`links_digest`] of `hrefs` when it was rewritten.
    pub digest: [u8; 32],
}

/// The name of a shared part from its HTML as rendered (before the rewrite): the first 16
/// bytes of its SHA-256.
pub(crate) fn chrome_id(html: &str) -> [u8; 16] {
    let d = Sha256::digest(html.as_bytes());
    let mut id = [0u8; 16];
    id.copy_from_slice(&d[..16]);
    id
}

/// The SHA-256 of `href` (as written on the page of `ctx`) and of what it resolves to now,
/// a broken link with its reason: equal digests of the same link mean the rewrite makes the
/// same bytes of it and reports the same findings.
pub fn href_digest(href: &str, ctx: &Context<'_>) -> [u8; 32] {
    let mut h = Sha256::new();
    let put = |h: &mut Sha256, s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    put(&mut h, href);
    match resolve(href, ctx) {
        Resolved::External => h.update([1]),
        Resolved::Other => h.update([2]),
        Resolved::SamePage(f) => {
            h.update([3]);
            put(&mut h, &f);
        }
        Resolved::Internal { path, suffix, fragment } => {
            h.update([4]);
            put(&mut h, &path);
            put(&mut h, &suffix);
            match fragment {
                Some(f) => {
                    h.update([1]);
                    put(&mut h, &f);
                }
                None => h.update([0]),
            }
        }
        Resolved::Broken(reason) => {
            h.update([5]);
            put(&mut h, &reason);
        }
    }
    h.finalize().into()
}

/// The SHA-256 of the [`href_digest`]s of `hrefs`, in order.
pub fn links_digest<'h>(hrefs: impl IntoIterator<Item = &'h str>, ctx: &Context<'_>) -> [u8; 32] {
    let mut h = Sha256::new();
    for href in hrefs {
        h.update(href_digest(href, ctx));
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::UrlSet;
    use std::collections::HashMap;
    use std::path::PathBuf;

    fn digest(hrefs: &[&str], urls: &UrlSet, by_src: &HashMap<PathBuf, String>) -> [u8; 32] {
        let ctx = Context {
            base_path: "/",
            page_url: "/a/x/",
            link_base: "/a/",
            source_dir: Some(PathBuf::from("content/a")),
            urls,
            by_src,
        };
        links_digest(hrefs.iter().copied(), &ctx)
    }

    /// The digest follows what the links resolve to, and only that: a URL added that no link
    /// names leaves it, a target removed, scheduled, held as a draft or moved changes it.
    #[test]
    fn the_digest_follows_what_the_links_resolve_to() {
        let hrefs = ["/a/y/", "z.md", "/b/#k"];
        let by_src = HashMap::from([(PathBuf::from("content/a/z.md"), "/a/z/".to_string())]);
        let urls = UrlSet::from_iter(["/a/x/", "/a/y/", "/a/z/", "/b/"]);
        let before = digest(&hrefs, &urls, &by_src);
        assert_eq!(digest(&hrefs, &UrlSet::from_iter(["/a/x/", "/a/y/", "/a/z/", "/b/", "/c/"]), &by_src), before);
        assert_ne!(digest(&hrefs, &UrlSet::from_iter(["/a/x/", "/a/z/", "/b/"]), &by_src), before, "removed");
        let mut scheduled = UrlSet::from_iter(["/a/x/", "/a/z/", "/b/"]);
        scheduled.schedule("/a/y/".into(), "2027-01-01".into());
        let mut draft = UrlSet::from_iter(["/a/x/", "/a/z/", "/b/"]);
        draft.hold_draft("/a/y/".into());
        let (s, d) = (digest(&hrefs, &scheduled, &by_src), digest(&hrefs, &draft, &by_src));
        assert!(s != before && d != before && s != d, "scheduled and draft tell apart");
        let moved = HashMap::from([(PathBuf::from("content/a/z.md"), "/b/".to_string())]);
        assert_ne!(digest(&hrefs, &urls, &moved), before, "the .md target moved");
        assert_ne!(digest(&hrefs[..2], &urls, &by_src), before, "another list of links");
    }
}
