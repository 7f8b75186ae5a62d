//! Nothing goes out before its time: which pages and attachments a build publishes (drafts and
//! pages dated after today are held back; an attachment goes out with the first published page
//! that links to it), and the graph of what is published.

use super::SiteGraph;
use crate::diagnostic::Diagnostic;
use crate::{parse, scan};
use std::collections::HashMap;
use std::path::PathBuf;

/// A page left out of the build because its publish date is after `--today`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScheduledPage {
    /// Source file, relative to the cluster root.
    pub file: PathBuf,
    /// Its publish date (`2026-12-01`).
    pub date: String,
}

impl ScheduledPage {
    /// The scheduled pages among the pages a build held back (`held`; drafts held back are
    /// not scheduled, see [`held_as_draft`]), sorted by date then file.
    pub(crate) fn list(held: &[parse::Page], drafts: bool) -> Vec<ScheduledPage> {
        let mut list: Vec<ScheduledPage> = held
            .iter()
            .filter(|p| !held_as_draft(p, drafts))
            .map(|p| ScheduledPage { file: p.src.clone(), date: p.meta.date.iso_day() })
            .collect();
        list.sort_by(|a, b| (&a.date, &a.file).cmp(&(&b.date, &b.file)));
        list
    }
}

/// True when page `p` is held back as a draft: it is one, and the build does not include
/// drafts (`drafts`).
pub(crate) fn held_as_draft(p: &parse::Page, drafts: bool) -> bool {
    p.meta.draft && !drafts
}

/// The drafts among the pages a build published (a preview's) and held back, sorted.
pub(crate) fn draft_files(published: &[parse::Page], held: &[parse::Page]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        published.iter().chain(held).filter(|p| p.meta.draft).map(|p| p.src.clone()).collect();
    files.sort();
    files
}

/// Nothing goes out before its time. Scheduled publishing: a page dated after `today` is left
/// out of every output until a build runs on or after its date; links to it are reported with
/// that date. A draft (`draft: true`) is left out unless `drafts` (a preview); links to it are
/// reported as such. A file beside the pages (an attachment) is published with the first
/// published page that links to it, never earlier: one linked only from pages held back, or
/// from none, is not published, and a warning names it. Returns the graph of the published
/// pages, the pages held back and those warnings.
pub(crate) fn assemble_published<'c>(
    cluster: &'c crate::load::Cluster,
    mut pages: Vec<parse::Page>,
    sources: &[scan::SourceFile],
    today: chrono::NaiveDate,
    drafts: bool,
) -> (SiteGraph<'c>, Vec<parse::Page>, Vec<Diagnostic>) {
    // Those held back taken out in place (few): not every page copied into a new vector.
    let held: Vec<parse::Page> =
        pages.extract_if(.., |p| p.meta.date.day > today || held_as_draft(p, drafts)).collect();
    let (files, warnings) = published_files(cluster, sources, &pages, &held, drafts);
    let mut graph = super::assemble(cluster, pages, &files);
    for p in &held {
        if held_as_draft(p, drafts) {
            graph.urls.hold_draft(p.url.clone());
        } else {
            graph.urls.schedule(p.url.clone(), p.meta.date.iso_day());
        }
        graph.by_src.insert(p.src.clone(), p.url.clone());
    }
    (graph, held, warnings)
}

/// The files under `content/` to publish — those a published page links to (by a link, an
/// image or `attachments:`), and those at the top of a site's directory, which are the site's
/// own (`favicon.ico`, a search engine's verification file) — and a warning for every other.
fn published_files(
    cluster: &crate::load::Cluster,
    sources: &[scan::SourceFile],
    published: &[parse::Page],
    held: &[parse::Page],
    drafts: bool,
) -> (Vec<scan::SourceFile>, Vec<Diagnostic>) {
    let assets: Vec<&scan::SourceFile> = sources.iter().filter(|s| s.kind == scan::SourceKind::Asset).collect();
    if assets.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let by_url: HashMap<String, usize> =
        assets.iter().enumerate().map(|(k, s)| (super::asset_url(cluster, s), k)).collect();
    let linked = |p: &parse::Page| -> Vec<usize> {
        let site = &cluster.sites[p.site];
        let base = format!("{}{}/", site.path, site.columns.list[p.column].path);
        p.files
            .iter()
            .filter_map(|h| super::links::file_path(h, &base))
            .filter_map(|u| by_url.get(&u).copied())
            .collect()
    };
    let mut out = vec![false; assets.len()];
    for (k, s) in assets.iter().enumerate() {
        out[k] = s.dir.is_empty();
    }
    for p in published.iter().filter(|p| !p.files.is_empty()) {
        for k in linked(p) {
            out[k] = true;
        }
    }
    let mut holders: HashMap<usize, Vec<&parse::Page>> = HashMap::new();
    for p in held.iter().filter(|p| !p.files.is_empty()) {
        for k in linked(p) {
            if !out[k] {
                holders.entry(k).or_default().push(p);
            }
        }
    }
    let mut warnings = Vec::new();
    for (k, s) in assets.iter().enumerate().filter(|(k, _)| !out[*k]) {
        let d = match holders.get_mut(&k) {
            Some(pages) => {
                pages.sort_by(|a, b| a.src.cmp(&b.src));
                pages.dedup_by(|a, b| a.src == b.src);
                let list: Vec<String> = pages
                    .iter()
                    .map(|p| {
                        let file = p.src.display().to_string();
                        if held_as_draft(p, drafts) {
                            crate::t!("pipeline-held-by-draft", file = file)
                        } else {
                            crate::t!("pipeline-held-by-scheduled", file = file, date = p.meta.date.iso_day())
                        }
                    })
                    .collect();
                Diagnostic::warning(
                    &s.rel,
                    "attachment-held",
                    crate::t!("pipeline-attachment-held", pages = list.join(&crate::t!("cli-list-separator"))),
                )
                .help(crate::t!("pipeline-attachment-held-help"))
            }
            None => Diagnostic::warning(&s.rel, "attachment-unlinked", crate::t!("pipeline-attachment-unlinked"))
                .help(crate::t!("pipeline-attachment-unlinked-help", name = s.name.as_str())),
        };
        warnings.push(d);
    }
    let files = assets.into_iter().zip(out).filter(|(_, o)| *o).map(|(s, _)| s.clone()).collect();
    (files, warnings)
}
