//! Uniqueness: one page per URL, one page per 索引号 across the whole cluster.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parse::Page;
use crate::t;
use std::collections::BTreeMap;

/// Two pages that would be written to the same URL (compared case-insensitively, as on
/// Windows checkouts and some CDNs) are both reported.
pub(super) fn urls(pages: &[Page], diags: &mut Diagnostics) {
    use rayon::prelude::*;
    // Sorted side by side (at 100,000 pages a map of every URL was a serial tenth of the
    // check); the groups come out in the order of their URLs, each in the pages' order.
    let mut by_url: Vec<(String, usize)> =
        pages.par_iter().enumerate().map(|(i, p)| (p.url.to_lowercase(), i)).collect();
    by_url.par_sort_unstable();
    for run in by_url.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        let group: Vec<&Page> = run.iter().map(|&(_, i)| &pages[i]).collect();
        for p in &group {
            let others: Vec<String> =
                group.iter().filter(|o| o.src != p.src).map(|o| o.src.display().to_string()).collect();
            diags.push(
                Diagnostic::error(
                    &p.src,
                    "duplicate-slug",
                    t!("check-duplicate-url", url = p.url.as_str(), others = others.join(", ")),
                )
                .at_opt(p.meta.line("slug").or(Some(1)))
                .help(t!("check-duplicate-url-help")),
            );
        }
    }
}

/// A 索引号 identifies one document forever: two pages carrying it are both reported.
pub(super) fn index_numbers(pages: &[Page], diags: &mut Diagnostics) {
    let mut by_no: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for p in pages {
        if let Some(no) = p.meta.index_no.as_deref() {
            by_no.entry(no).or_default().push(p);
        }
    }
    for (no, group) in by_no.iter().filter(|(_, g)| g.len() > 1) {
        for p in group {
            let others: Vec<String> =
                group.iter().filter(|o| o.src != p.src).map(|o| o.src.display().to_string()).collect();
            diags.push(
                Diagnostic::error(
                    &p.src,
                    "index-no",
                    t!("check-duplicate-index-no", no = *no, others = others.join(", ")),
                )
                .at_opt(p.meta.line("index_no"))
                .help(t!("check-duplicate-index-no-help")),
            );
        }
    }
}
