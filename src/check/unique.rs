//! Uniqueness: one page per URL, one page per 索引号 across the whole cluster.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parse::Page;
use crate::t;
use std::collections::BTreeMap;

/// Two pages that would be written to the same URL (compared case-insensitively, as on
/// Windows checkouts and some CDNs) are both reported.
pub(super) fn urls(pages: &[Page], diags: &mut Diagnostics) {
    let mut by_url: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for p in pages {
        by_url.entry(p.url.to_lowercase()).or_default().push(p);
    }
    for group in by_url.values().filter(|g| g.len() > 1) {
        for p in group {
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
