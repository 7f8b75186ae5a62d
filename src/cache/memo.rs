//! The key of a page's rendering: a hash of everything `render` and `rewrite` read to make
//! the page's file, so that an unchanged key means an unchanged file.
//!
//! A page's file depends on its source (front matter and body, by content hash), its URL and
//! path, its neighbours (newer and older titles and URLs), the site's and cluster's views and
//! the headers and footers built from the settings, the theme, the day (review notices), and,
//! through the rewrite stage, on the set of URLs the build writes and the pages' sources (a
//! link resolves or is reported as broken). Everything cluster-wide is folded into one
//! [`Globals`] hash, so adding or removing any page re-renders every page — rare next to
//! editing one — while an edit re-renders the page and those that show it.

use crate::assemble::SiteGraph;
use crate::render::Prepared;
use sha2::{Digest, Sha256};

/// The cluster-wide part of every page key.
#[derive(Debug, Clone)]
pub struct Globals(String);

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
        use rayon::slice::ParallelSliceMut;
        let mut urls: Vec<&String> = g.urls.iter().collect();
        urls.par_sort_unstable();
        for u in urls {
            h.update(u.as_bytes());
            h.update([0]);
        }
        let mut scheduled: Vec<(&String, &str)> = g.urls.scheduled_pages().collect();
        scheduled.sort_unstable();
        for (u, d) in scheduled {
            h.update(u.as_bytes());
            h.update(d.as_bytes());
        }
        let mut drafts: Vec<&String> = g.urls.draft_pages().collect();
        drafts.sort_unstable();
        for u in drafts {
            h.update(b"draft\0");
            h.update(u.as_bytes());
        }
        // Sorted by the paths' bytes, not component by component (at 100,000 pages, `Path`'s
        // order was most of this hash's time): any fixed order does.
        let mut by_src: Vec<(&[u8], &String)> =
            g.by_src.iter().map(|(p, u)| (p.as_os_str().as_encoded_bytes(), u)).collect();
        by_src.par_sort_unstable();
        for (p, u) in by_src {
            h.update(p);
            h.update([0]);
            h.update(u.as_bytes());
        }
        Globals(hex::encode(h.finalize()))
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

/// The key of page `i` of `g`, whose source has content hash `source_sha256`; `items[j]` is
/// [`item_digest`] of page `j`.
pub fn page_key(g: &SiteGraph<'_>, globals: &Globals, items: &[[u8; 32]], i: usize, source_sha256: &str) -> String {
    let p = &g.pages[i];
    let mut h = Sha256::new();
    h.update(globals.0.as_bytes());
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
    hex::encode(h.finalize())
}

/// The key of a generated job's output (a list, home, catalog page…) from `r`, its rendering
/// by a [`crate::render::Prepared::bind_keys`] (or `bind_keyed`) renderer, which gives the
/// digest of the template and of everything the template receives; none for a rendering that
/// has no digest. With the URL, the catalog rows spliced
/// in after the rewrite, and [`Globals`] (the theme, the settings, the day, the URL set the
/// rewrite resolves links against), it covers everything the page's file is made from. An
/// unchanged key means an unchanged file, which the build then links instead of rendering,
/// rewriting and writing it again.
pub fn generated_key(globals: &Globals, r: &crate::render::Rendered) -> Option<String> {
    let digest = r.context_digest.as_deref()?;
    let mut h = Sha256::new();
    h.update(globals.0.as_bytes());
    h.update(b"generated\0");
    h.update(r.url.as_bytes());
    h.update([0]);
    h.update((digest.len() as u64).to_le_bytes());
    h.update(digest.as_bytes());
    match &r.splice {
        Some(rows) => {
            h.update([1]);
            h.update((rows.len() as u64).to_le_bytes());
            h.update(rows.as_bytes());
        }
        None => h.update([0]),
    }
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
