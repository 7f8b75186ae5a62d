//! The shared header (with the navigation) and footer, rewritten once per build instead of on
//! every page. The render stage puts them between [`CHROME_OPEN`] and [`CHROME_CLOSE`]; a page
//! carries one of a few variants per site (the header marks the current column). Each variant
//! is rewritten on its own the first time a page shows it, and later pages splice the result in
//! place of the markers: the same bytes, ids and same-page anchors as rewriting it inside the
//! page, since what the rewrite does to an element depends only on its attributes.
//!
//! A variant is reused only when nothing in it depends on the page: every link is
//! [`page_independent`], and none is broken (its message would name the page's source). The
//! one page-dependent link every header may have, the 繁體 switch, which points at this very
//! page, gets a placeholder that each page fills in. A variant that does not qualify is
//! rewritten inside each page, as any other markup.
//!
//! The variants learned are kept per thread for one state of the build's URLs
//! ([`UrlSet::generation`](crate::assemble::UrlSet::generation)) and base path.

use super::{Context, Rewritten};
use crate::render::{CHROME_CLOSE, CHROME_OPEN};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// What a variant rewrote to: its HTML cut where the 繁體 switch's target goes, its ids, and
/// the `#fragment` links in it (checked against each page's ids).
#[derive(Debug)]
pub(super) struct Chrome {
    parts: Vec<String>,
    pub(super) ids: Vec<String>,
    pub(super) same_page: Vec<(String, String)>,
    /// Its links that read the build's URLs, for the pages that show it.
    pub(super) links: Arc<super::ChromeLinks>,
}

/// Stands for the 繁體 switch's target while a variant is rewritten on its own.
pub(super) const SWITCH_TARGET: &str = "\u{1}zhanqun:script-switch\u{1}";

/// The comment the page keeps where a variant goes, for the rewriter to replace.
pub(super) const PLACEHOLDER: &str = "zhanqun:chrome";

impl Chrome {
    /// The variant's HTML on the page of `ctx`.
    pub(super) fn html(&self, ctx: &Context<'_>) -> String {
        let target = super::script_switch_target(ctx).replace('"', "&quot;");
        self.parts.join(&target)
    }
}

#[derive(Default)]
struct Memo {
    generation: u64,
    base_path: String,
    variants: HashMap<Box<str>, Option<Arc<Chrome>>>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// `html` with each reusable variant replaced by a placeholder comment, and those variants in
/// order; a variant that cannot be reused stays in place, without its markers.
pub(super) fn split<'h>(html: &'h str, ctx: &Context<'_>) -> (Cow<'h, str>, Vec<Arc<Chrome>>) {
    super::cut_out(html, (CHROME_OPEN, CHROME_CLOSE), PLACEHOLDER, |variant| learn(variant, ctx))
}

/// The rewritten `variant`, from this thread's memo or rewritten now; `None` when it depends
/// on the page.
fn learn(variant: &str, ctx: &Context<'_>) -> Option<Arc<Chrome>> {
    MEMO.with_borrow_mut(|memo| {
        if memo.generation != ctx.urls.generation() || memo.base_path != ctx.base_path {
            *memo = Memo { generation: ctx.urls.generation(), base_path: ctx.base_path.to_owned(), ..Memo::default() };
        }
        if let Some(known) = memo.variants.get(variant) {
            return known.clone();
        }
        let learned = rewrite_alone(variant, ctx).map(Arc::new);
        memo.variants.insert(variant.into(), learned.clone());
        learned
    })
}

/// Rewrites `variant` on its own, or `None` when the result would depend on the page.
fn rewrite_alone(variant: &str, ctx: &Context<'_>) -> Option<Chrome> {
    if variant.contains(SWITCH_TARGET) || variant.contains(PLACEHOLDER) {
        return None;
    }
    let (out, same_page, page_independent): (Rewritten, _, _) = super::run(variant, ctx, super::Mode::Alone);
    if !page_independent || !out.broken.is_empty() || !out.cross_anchors.is_empty() {
        return None;
    }
    let html = String::from_utf8(out.html).ok()?;
    let mut hrefs = out.links;
    hrefs.sort_unstable();
    hrefs.dedup();
    let digest = super::links_digest(hrefs.iter().map(String::as_str), ctx);
    let links = Arc::new(super::ChromeLinks { id: super::record::chrome_id(variant), hrefs, digest });
    Some(Chrome { parts: html.split(SWITCH_TARGET).map(str::to_owned).collect(), ids: out.ids, same_page, links })
}
