//! The key of a page's rendering: a hash of everything `render` and `rewrite` read to make
//! the page's file, so that an unchanged key means an unchanged file.
//!
//! A page's file depends on its source (front matter and body, by content hash), its URL and
//! path, its neighbours (newer and older titles and URLs), the title of the page its
//! `replaced_by` names, the site's and cluster's views and the headers and footers built from
//! the settings, the theme, the day (review notices): its *base* ([`page_base`]; what is
//! cluster-wide is folded into one [`Globals`] hash). The render makes the same HTML from the
//! same base. Through the rewrite stage, the file then depends on how each of that HTML's links
//! resolves against the URLs the build writes and the pages' sources (a link resolves, or is
//! reported as broken): the key is the base with the digest of those resolutions
//! ([`linked_key`], see [`super::links`]). A page whose base is unchanged has the links its
//! last rendering recorded, resolved again to find the key; adding or removing a page then
//! re-renders only the pages that show it or link to it.

use crate::assemble::SiteGraph;
use crate::render::Prepared;
use sha2::{Digest, Sha256};

/// Names the way keys are made: part of every key.
const KEY_FORMAT: &str = "zhanqun-page-key-2";

/// The cluster-wide part of every page key, and the day the build runs as (which a page's
/// key has only as far as the page shows it: [`page_base`]).
#[derive(Debug, Clone)]
pub struct Globals {
    /// The SHA-256 (hex) of what every page's rendering shares.
    digest: String,
    /// The day the build runs as.
    today: chrono::NaiveDate,
}

impl Globals {
    /// Hashes what every page's rendering shares.
    pub fn of(g: &SiteGraph<'_>, prepared: &Prepared, options: &str, settings: &super::Stamps) -> Globals {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(options.as_bytes());
        h.update(g.cluster.theme.sha256().as_bytes());
        // The settings files (their stamps), not the content.
        for (path, s) in settings.iter().filter(|(p, _)| !p.starts_with("content/")) {
            h.update(path.as_bytes());
            h.update(s.sha256.hex().as_str().as_bytes());
        }
        h.update(prepared.shared_digest().as_bytes());
        // The URLs the pages' links resolve against are not here: each key adds how its own
        // links resolve ([`linked_key`]).
        h.update(KEY_FORMAT.as_bytes());
        Globals { digest: hex::encode(h.finalize()), today: prepared.today() }
    }
}

/// The SHA-256 of how page `j` of `g` shows as a neighbour ([`crate::render::Item`], as
/// JSON): computed once per page, as each page is the neighbour of two.
pub fn item_digest(g: &SiteGraph<'_>, j: usize) -> [u8; 32] {
    let item = crate::render::Item::of(g, j);
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(&item).unwrap_or_default());
    h.finalize().into()
}

/// The base of page `i`'s key (everything its rendering reads, not how its links resolve):
/// `g`'s page `i`, whose source has content hash `source_sha256`; `items[j]` is
/// [`item_digest`] of page `j`, `titles` finds a page's title by URL (for `replaced_by`).
pub fn page_base(
    g: &SiteGraph<'_>,
    globals: &Globals,
    items: &[[u8; 32]],
    i: usize,
    source_sha256: &str,
    titles: &dyn Fn(&str) -> Option<String>,
) -> super::Sha256Digest {
    let p = &g.pages[i];
    let mut h = Sha256::new();
    h.update(globals.digest.as_bytes());
    h.update(source_sha256.as_bytes());
    for part in [p.url.as_str(), &p.src.to_string_lossy(), &p.site.to_string(), &p.column.to_string()] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let (newer, older) = g.neighbours[i];
    for n in [newer, older] {
        match n {
            Some(j) => h.update(items[j]),
            None => h.update([1]),
        }
    }
    // A page past its review date shows a notice: whether it is past it, not the day, so that
    // the page is rendered again only on the day it becomes overdue.
    if let Some(due) = crate::parse::review_due(&p.meta) {
        h.update([3, u8::from(due <= globals.today)]);
    }
    // The page that replaces this one is shown by its title (`replaced_by`).
    if let Some(by) = &p.meta.replaced_by {
        h.update([2]);
        h.update(crate::render::replaced_by_title(g, p, by, titles).as_bytes());
    }
    super::Sha256Digest::from_bytes(h.finalize().into())
}

/// The key of a page or generated page whose [`page_base`] (or [`generated_key`]) is `base`
/// and whose links resolve to `links` ([`super::links::LinkRecord::digest`]).
pub fn linked_key(base: &str, links: &[u8; 32]) -> String {
    hex::encode(linked_digest(base, links))
}

/// True when `key` is [`linked_key`] of `base` and `links` (compared without making it: once
/// a page at 100,000 pages).
pub fn is_linked_key(key: &str, base: &str, links: &[u8; 32]) -> bool {
    let mut hex = [0u8; 64];
    hex::encode_to_slice(linked_digest(base, links), &mut hex).is_ok() && key.as_bytes() == hex
}

fn linked_digest(base: &str, links: &[u8; 32]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(base.as_bytes());
    h.update(b"\0linked\0");
    h.update(links);
    h.finalize().into()
}

/// The base of a generated job's key (a list, home, catalog page…) from `r`, its rendering
/// by a [`crate::render::Prepared::bind_keys`] (or `bind_keyed`) renderer, which gives the
/// digest of the template and of everything the template receives; none for a rendering that
/// has no digest (which covers the catalog rows spliced in after the rewrite by their digests,
/// [`crate::render::Prepared::bind_keys`], and the day where the page shows it, as the letter
/// reports do). With the URL and [`Globals`] (the theme, the settings, the options but the
/// day), it covers everything the page's HTML is rendered from;
/// with how its links resolve ([`linked_key`]), everything its file is made from. An
/// unchanged key means an unchanged file, which the build then links instead of rendering,
/// rewriting and writing it again.
pub fn generated_key(globals: &Globals, r: &crate::render::Rendered) -> Option<String> {
    let digest = r.context_digest.as_deref()?;
    let mut h = Sha256::new();
    h.update(globals.digest.as_bytes());
    h.update(b"generated\0");
    h.update(r.url.as_bytes());
    h.update([0]);
    h.update((digest.len() as u64).to_le_bytes());
    h.update(digest.as_bytes());
    if let Some(src) = &r.source {
        h.update(src.to_string_lossy().as_bytes());
    }
    h.update([0]);
    for (href, line) in &r.links {
        h.update(href.as_bytes());
        h.update([0]);
        h.update((*line as u64).to_le_bytes());
    }
    Some(hex::encode(h.finalize()))
}
