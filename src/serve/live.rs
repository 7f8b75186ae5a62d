//! The state `zhanqun serve` keeps between edits — the parsed pages, the [`SiteGraph`], the
//! render preparations, every page's ids and links, the manifest — and the incremental update
//! that turns a set of changed content paths into the few output files that depend on them.
//!
//! Two ways through an update:
//!
//! - **in place** (the common edit: a page's body, title, 文号 or other metadata that does not
//!   move it): the page is parsed again and replaced at its index; it is rendered again, and
//!   when its list entry (title, 文号) changed also its neighbours, the list pages of its column
//!   and the column's ancestors that show it, its site's home and the portal's, and the
//!   catalog pages, rows and files that list it.
//! - **re-assembled** (a page added, removed, renamed, moved, re-dated; an asset; anything
//!   else): the changed paths are scanned and parsed again, the whole cluster is checked and
//!   assembled again from the pages in memory, and the jobs whose inputs differ between the
//!   old and the new graph are rendered: the changed pages, pages whose neighbours changed,
//!   pages whose Markdown links to a URL that went away, the list pages of the columns
//!   involved whose entries changed, the homes, the catalog pages whose rows changed. URLs
//!   that disappeared are deleted.
//!
//! Either way nothing is written until every affected job rendered and every link and anchor
//! resolved: a broken edit leaves the served tree as it was, and its paths stay pending until a
//! later edit fixes them. The result equals what a clean `zhanqun build` of the same input
//! writes (`tests/testsuite/serve.rs` compares them byte for byte).

use crate::assemble::{Job, SiteGraph, job_url};
use crate::build::{self, Build, Built, JobOutput, Mode, StageClock};
use crate::catalog::{CatalogEntry, CatalogPieces};
use crate::check;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit::{self, ManifestIndex};
use crate::load::{Cluster, ColumnKind};
use crate::parse::{self, Page};
use crate::render::Prepared;
use crate::rewrite::CrossRef;
use crate::scan::{self, SourceFile, SourceKind};
use crate::t;
use rayon::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

/// What one successful update did.
#[derive(Debug, Default)]
pub(crate) struct Update {
    /// Output files written or removed (output-relative paths), sorted.
    pub(crate) changed: Vec<String>,
    /// Jobs rendered.
    pub(crate) rendered: usize,
    /// How the pages were brought up to date.
    pub(crate) how: super::Rebuild,
    /// Warnings about the changed files.
    pub(crate) warnings: Vec<Diagnostic>,
    /// True when none of the paths could change the output (an editor's temporary files).
    pub(crate) ignored: bool,
    /// Phase timings, with `ZHANQUN_SERVE_TRACE=1`.
    pub(crate) trace: Option<String>,
}

/// The live state of one loaded cluster.
pub(crate) struct Live<'c> {
    cluster: &'c Cluster,
    out: PathBuf,
    today: chrono::NaiveDate,
    base_path: String,
    /// Shared with a search reindex running in the background (copied on write meanwhile).
    graph: Arc<SiteGraph<'c>>,
    prepared: Prepared,
    /// Pages held back (dated after `today`; the preview shows drafts).
    held: Vec<Page>,
    sources: BTreeMap<PathBuf, SourceFile>,
    /// Source path → index in `graph.pages`.
    index_of: HashMap<PathBuf, usize>,
    ids: HashMap<String, crate::rewrite::Ids>,
    cross: HashMap<String, Vec<CrossRef>>,
    /// URL → the pages holding a cross-page anchor into it.
    cross_in: HashMap<String, BTreeSet<String>>,
    /// Page URL → the URLs its Markdown links to.
    md_targets: HashMap<String, Vec<String>>,
    /// URL → the pages whose Markdown links to it.
    referrers: HashMap<String, BTreeSet<String>>,
    /// Every output file but manifest.json.
    files: ManifestIndex,
    /// The cluster-wide catalog files, one piece per catalog entry.
    pieces: CatalogPieces,
    /// The bytes of the files drawn from the whole graph (sitemaps, catalogs), to write only
    /// those that changed.
    secondary: HashMap<String, Vec<u8>>,
    /// Content paths changed since the last successful update.
    pending: BTreeSet<PathBuf>,
    /// The cluster-wide catalog.json and catalog.csv are behind (see [`Live::flush`]).
    catalog_behind: bool,
    /// manifest.json is behind.
    manifest_behind: bool,
    /// The sites whose feeds (and so the cluster's) are behind.
    feeds_behind: BTreeSet<usize>,
    /// The search settings, when the cluster has a search index.
    search: Option<crate::search::Settings>,
    /// Every published page's searchable text, by URL.
    texts: HashMap<String, Arc<crate::search::PageText>>,
    /// The search index is behind the pages (see [`Live::flush`]).
    search_behind: bool,
    /// What the search index was made of, kept for the next reindex (taken while one runs).
    index: Option<crate::search::LiveIndex>,
    /// The previous graph, pages and sources after a re-assembly, freed in [`Live::flush`]
    /// (freeing 10^5 pages takes longer than the rest of a small update).
    garbage: Option<Garbage<'c>>,
}

/// State replaced by a re-assembly, to be freed later.
type Garbage<'c> = (Arc<SiteGraph<'c>>, Vec<Page>, BTreeMap<PathBuf, SourceFile>, HashMap<PathBuf, usize>);

/// The large cluster-wide files that an update leaves to [`Live::flush`] (and the search
/// index to [`Live::reindex`]): written after the browser tabs were told to reload, while the
/// server holds back requests for them. The feeds are left to [`Live::flush`] too.
pub(crate) const DEFERRED: [&str; 4] = ["manifest.json", "catalog.json", "catalog.csv", "search/index.json"];

/// True when the output file at `path` (relative to the base path) may be behind the pages
/// right after an update: one of [`DEFERRED`] or a feed.
pub(crate) fn is_deferred(path: &str) -> bool {
    use crate::assemble::feeds::{ATOM_FILE, JSON_FILE};
    DEFERRED.contains(&path) || path.ends_with(ATOM_FILE) || path.ends_with(JSON_FILE)
}

/// One page replaced at its index.
struct InPlace {
    /// Index in the graph.
    i: usize,
    /// The page parsed again.
    page: Page,
    /// Its list entry (title, 文号) changed.
    item_changed: bool,
    /// Its catalog entry changed: (index in the catalog, new entry).
    entry: Option<(usize, CatalogEntry)>,
}

/// Everything an update renders and removes, computed before anything is written.
struct Plan {
    outputs: Vec<JobOutput>,
    removed: BTreeSet<String>,
}

impl<'c> Live<'c> {
    /// The state after a full build of `cluster` into `out`.
    pub(crate) fn new(cluster: &'c Cluster, out: PathBuf, today: chrono::NaiveDate, built: Built<'c>) -> Live<'c> {
        let mut referrers: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (page, targets) in &built.md_targets {
            for t in targets {
                referrers.entry(t.clone()).or_default().insert(page.clone());
            }
        }
        let mut cross_in: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (page, refs) in &built.cross {
            for c in refs {
                cross_in.entry(c.target.clone()).or_default().insert(page.clone());
            }
        }
        let index_of = built.graph.pages.iter().enumerate().map(|(i, p)| (p.src.clone(), i)).collect();
        let texts: HashMap<String, Arc<crate::search::PageText>> =
            built.texts.into_iter().map(|(u, t)| (u, Arc::new(t))).collect();
        // The index the build wrote, with the texts it was made of: the next reindex compares
        // the pages' texts with these.
        let mut index = built.search_index.unwrap_or_default();
        index.attach_texts(|url| texts.get(url).cloned());
        Live {
            cluster,
            out,
            today,
            base_path: cluster.config.base_path(),
            index_of,
            prepared: built.prepared.expect("a preview's build keeps its render preparations"),
            held: built.held,
            sources: built.sources.into_iter().map(|s| (s.rel.clone(), s)).collect(),
            ids: built.ids,
            cross: built.cross,
            cross_in,
            md_targets: built.md_targets,
            referrers,
            files: ManifestIndex::new(built.entries),
            pieces: CatalogPieces::new(&built.graph.catalog.entries),
            secondary: built.secondary.into_iter().collect(),
            graph: Arc::new(built.graph),
            pending: BTreeSet::new(),
            catalog_behind: false,
            manifest_behind: false,
            feeds_behind: BTreeSet::new(),
            search: cluster.search_enabled().then(|| cluster.config.search.clone()),
            texts,
            search_behind: false,
            index: Some(index),
            garbage: None,
        }
    }

    /// Number of published pages.
    pub(crate) fn page_count(&self) -> usize {
        self.graph.pages.len()
    }

    /// Applies changed content paths (relative to the root, under `content/`). On success the
    /// output is up to date; on failure it is untouched, the errors are returned and the paths
    /// stay pending for the next update.
    pub(crate) fn apply(&mut self, paths: impl IntoIterator<Item = PathBuf>) -> Result<Update, Vec<Diagnostic>> {
        for p in paths {
            if self.matters(&p) {
                self.pending.insert(p);
            }
        }
        if self.pending.is_empty() {
            return Ok(Update { ignored: true, ..Update::default() });
        }
        let result = match self.update_in_place().or_else(|| self.update_spliced()) {
            Some(r) => r,
            None => self.reassemble(),
        };
        if result.is_ok() {
            self.pending.clear();
        }
        result
    }

    /// Whether a changed path can change the output: not a hidden file (an editor's swap or
    /// temporary file, which the build ignores too), and either existing or the place of a
    /// known source (a file an editor created and removed again while saving is no change).
    fn matters(&self, rel: &std::path::Path) -> bool {
        let hidden = rel.iter().skip(1).any(|c| c.to_str().is_none_or(|c| c.starts_with('.')));
        if hidden {
            return false;
        }
        std::fs::symlink_metadata(self.cluster.root.join(rel)).is_ok()
            || self.sources.range(rel.to_path_buf()..).next().is_some_and(|(k, _)| k.starts_with(rel))
    }

    // ---- in place -------------------------------------------------------------------------

    /// The in-place update, or `None` when the pending changes need a re-assembly.
    fn update_in_place(&mut self) -> Option<Result<Update, Vec<Diagnostic>>> {
        let cluster = self.cluster;
        if self.pending.is_empty() {
            return None;
        }
        let mut diags = Diagnostics::default();
        let mut lap = StageClock::start();
        let mut changes: Vec<InPlace> = Vec::new();
        for rel in &self.pending {
            let src = self.sources.get(rel).filter(|s| s.kind == SourceKind::Markdown)?;
            let &i = self.index_of.get(rel)?;
            if !std::fs::symlink_metadata(&src.abs).ok()?.is_file() {
                return None;
            }
            let old = &self.graph.pages[i];
            let text = match std::fs::read(&src.abs).map(|b| crate::text::decode_utf8(&src.rel, b)) {
                Ok(Ok(t)) => t,
                Ok(Err(d)) => {
                    diags.push(d);
                    continue;
                }
                Err(_) => return None,
            };
            let (page, d) = parse::parse_text(cluster, src, old.column, &text);
            diags.extend(d);
            let Some(page) = page else { continue };
            let m = (&old.meta, &page.meta);
            let same_place = old.url == page.url
                && m.0.date == m.1.date
                && m.0.index_no == m.1.index_no
                && m.0.topic == m.1.topic
                && m.0.genre == m.1.genre
                && m.0.topics == m.1.topics
                && m.0.draft == m.1.draft
                && old.files == page.files
                && (m.0.topics.is_empty() || m.0.title == m.1.title)
                && (m.0.received, m.0.replied, &m.0.category, &m.0.assigned)
                    == (m.1.received, m.1.replied, &m.1.category, &m.1.assigned);
            if !same_place {
                return None;
            }
            check::check(cluster, std::slice::from_ref(&page), &mut diags);
            let item_changed = m.0.title != m.1.title || m.0.doc_number != m.1.doc_number;
            let entry = match (CatalogEntry::of(cluster, old), CatalogEntry::of(cluster, &page)) {
                (Some(oe), Some(ne)) if oe != ne => {
                    let k = self
                        .graph
                        .catalog
                        .entries
                        .binary_search_by(|e| (&e.index_no, &e.url).cmp(&(&oe.index_no, &oe.url)))
                        .ok()?;
                    Some((k, ne))
                }
                (None, None) => None,
                (Some(_), Some(_)) => None,
                _ => return None,
            };
            changes.push(InPlace { i, page, item_changed, entry });
        }
        if diags.has_errors() {
            return Some(Err(errors_of(diags)));
        }
        let warnings: Vec<Diagnostic> = diags.into_sorted();

        // Apply in place, keeping what is needed to undo.
        let mut undo_pages = Vec::new();
        let mut undo_entries = Vec::new();
        let mut jobs = Vec::new();
        let mut entry_sites = BTreeSet::new();
        let mut jobs_sites = BTreeSet::new();
        for InPlace { i, page, item_changed, entry } in changes {
            jobs_sites.insert(page.site);
            undo_pages.push((i, std::mem::replace(&mut Arc::make_mut(&mut self.graph).pages[i], page)));
            jobs.push(Job::Page(i));
            if item_changed {
                jobs.extend(list_jobs_showing(&self.graph, i));
            }
            if let Some((k, e)) = entry {
                entry_sites.insert(self.graph.pages[i].site);
                undo_entries.push((k, std::mem::replace(&mut Arc::make_mut(&mut self.graph).catalog.entries[k], e)));
                self.prepared.set_catalog_row(&self.graph, k);
                self.pieces.set(k, &self.graph.catalog.entries[k]);
                jobs.extend(catalog_jobs_showing(&self.graph, k));
            }
        }
        jobs.sort_by_key(|j| job_url(&self.graph, *j));
        jobs.dedup();
        lap.lap("parse+plan");
        let plan = Plan { outputs: self.render(&self.graph, &jobs), removed: BTreeSet::new() };
        lap.lap("render");
        let errors = self.validate(&plan, &HashSet::new());
        lap.lap("validate");
        if !errors.is_empty() {
            for (i, page) in undo_pages {
                Arc::make_mut(&mut self.graph).pages[i] = page;
            }
            for (k, e) in undo_entries {
                Arc::make_mut(&mut self.graph).catalog.entries[k] = e;
                self.prepared.set_catalog_row(&self.graph, k);
                self.pieces.set(k, &self.graph.catalog.entries[k]);
            }
            return Some(Err(errors));
        }
        let mut update = Update { rendered: plan.outputs.len(), how: super::Rebuild::InPlace, ..Update::default() };
        update.warnings = warnings;
        update.warnings.extend(render_warnings(&plan));
        let mut changed = match self.commit(plan) {
            Ok(c) => c,
            Err(e) => return Some(Err(vec![e])),
        };
        lap.lap("write");
        // Feeds carry full content: those of the edited pages' sites (and the cluster's).
        self.feeds_behind.extend(jobs_sites);
        if !entry_sites.is_empty() {
            let sites: Vec<usize> = entry_sites.into_iter().collect();
            let files = crate::catalog::site_files(cluster, &self.graph.catalog.entries, &sites);
            match self.write_secondary(files, |_| false) {
                Ok(c) => changed.extend(c),
                Err(e) => return Some(Err(vec![e])),
            }
            self.catalog_behind = true;
        }
        self.manifest_behind = true;
        lap.lap("site-catalogs");
        changed.sort();
        update.changed = changed;
        update.trace = trace(&lap);
        Some(Ok(update))
    }

    // ---- re-assembled ---------------------------------------------------------------------

    fn reassemble(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let cluster = self.cluster;
        let mut lap = StageClock::start();
        let mut diags = Diagnostics::default();
        let mut sources = self.sources.clone();
        let mut touched: BTreeSet<PathBuf> = BTreeSet::new();
        for p in &self.pending {
            let gone: Vec<PathBuf> =
                sources.range(p.clone()..).take_while(|(k, _)| k.starts_with(p)).map(|(k, _)| k.clone()).collect();
            for k in gone {
                sources.remove(&k);
                touched.insert(k);
            }
            let (found, d) = scan::scan_path(cluster, p);
            diags.extend(d);
            for f in found {
                touched.insert(f.rel.clone());
                sources.insert(f.rel.clone(), f);
            }
        }
        let old: &SiteGraph<'_> = &self.graph;
        let mut pages: Vec<Page> =
            old.pages.iter().chain(&self.held).filter(|p| !touched.contains(&p.src)).cloned().collect();
        let to_parse: Vec<SourceFile> =
            touched.iter().filter_map(|r| sources.get(r)).filter(|s| s.kind == SourceKind::Markdown).cloned().collect();
        // The steps parse and check of a preview build, on the touched files.
        let mut steps = Build::new(cluster, self.out.clone(), self.today, Mode::Serve);
        pages.extend(steps.parse(&to_parse, &mut diags));
        let (pages, diags) = steps.check(pages, diags).map_err(|e| match e {
            build::BuildError::Invalid(d) => d.into_iter().filter(Diagnostic::is_error).collect(),
            e => vec![Diagnostic::error(&self.out, "io", e.to_string())],
        })?;
        let assets: Vec<SourceFile> = sources.values().filter(|s| s.kind == SourceKind::Asset).cloned().collect();
        lap.lap("scan+parse+check");
        let (graph, held, held_warnings) =
            crate::assemble::assemble_published(cluster, pages, &assets, self.today, true);
        let was_published: HashSet<PathBuf> = old.assets.iter().map(|a| a.src.clone()).collect();
        let mut warnings: Vec<Diagnostic> =
            diags.into_sorted().into_iter().filter(|d| touched.contains(&d.file)).collect();
        // A file not published is named when it is touched, or when it stops being published.
        warnings
            .extend(held_warnings.into_iter().filter(|d| touched.contains(&d.file) || was_published.contains(&d.file)));
        lap.lap("assemble");

        // What changed between the two graphs.
        let new_urls: HashSet<&String> = graph.urls.iter().collect();
        let removed: BTreeSet<String> = old.urls.iter().filter(|u| !new_urls.contains(u)).cloned().collect();
        let new_index: HashMap<&str, usize> =
            graph.pages.iter().enumerate().map(|(i, p)| (p.url.as_str(), i)).collect();
        let old_touched: Vec<usize> = touched.iter().filter_map(|r| self.index_of.get(r).copied()).collect();
        let new_touched: Vec<usize> =
            graph.pages.iter().enumerate().filter(|(_, p)| touched.contains(&p.src)).map(|(i, _)| i).collect();
        let mut columns: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut own_columns: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut sites: BTreeSet<usize> = BTreeSet::new();
        for (g, i) in old_touched.iter().map(|&i| (old, i)).chain(new_touched.iter().map(|&i| (&graph, i))) {
            let p = &g.pages[i];
            sites.insert(p.site);
            own_columns.insert((p.site, p.column));
            for c in cluster.sites[p.site].columns.ancestry(p.column) {
                columns.insert((p.site, c));
            }
        }
        let mut jobs: Vec<Job> = new_touched.iter().map(|&i| Job::Page(i)).collect();
        // Pages whose previous/next changed.
        jobs.extend(
            changed(&neighbour_sigs(old, &own_columns), neighbour_sigs(&graph, &own_columns))
                .into_iter()
                .map(Job::Page),
        );
        // Pages whose Markdown links to a URL that went away or whose page was touched.
        let gone_keys = removed.iter().cloned().chain(old_touched.iter().map(|&i| old.pages[i].url.clone()));
        for key in gone_keys {
            for referrer in self.referrers.get(&key).into_iter().flatten() {
                if let Some(&i) = new_index.get(referrer.as_str()) {
                    jobs.push(Job::Page(i));
                }
            }
        }
        // List pages of the columns involved whose entries changed.
        jobs.extend(changed(&list_sigs(old, &columns), list_sigs(&graph, &columns)));
        jobs.extend(homes(&sites));
        let entries_changed = old.catalog.entries != graph.catalog.entries;
        if entries_changed {
            let old_cat = catalog_sigs(old);
            for (url, (job, sig)) in catalog_sigs(&graph) {
                if old_cat.get(&url).map(|(_, s)| *s) != Some(sig) {
                    jobs.push(job);
                }
            }
            jobs.extend(
                (0..graph.catalog.years.len())
                    .map(Job::CatalogStats)
                    .filter(|_| graph.catalog.scopes.first().is_some_and(|s| s.unified)),
            );
        }
        jobs.sort_by_key(|j| job_url(&graph, *j));
        jobs.dedup();

        lap.lap("plan");
        let old_rows = entries_changed.then(|| self.prepared.refresh_catalog_rows(&graph));
        let plan = Plan { outputs: self.render(&graph, &jobs), removed };
        lap.lap("render");
        let errors = self.validate(&plan, &plan.removed.iter().cloned().collect());
        lap.lap("validate");
        if !errors.is_empty() {
            if let Some(rows) = old_rows {
                self.prepared.restore_catalog_rows(rows);
            }
            return Err(errors);
        }
        drop(new_index);
        drop(new_urls);
        let rendered = plan.outputs.len();
        warnings.extend(render_warnings(&plan));
        let mut changed = self.commit(plan).map_err(|e| vec![e])?;
        // Assets added, changed or published now (a page that links to one was published).
        for asset in graph.assets.iter().filter(|a| touched.contains(&a.src) || !was_published.contains(&a.src)) {
            let bytes = std::fs::read(&asset.abs).map_err(|e| {
                vec![Diagnostic::error(
                    &asset.src,
                    "io",
                    t!("pipeline-cannot-read", path = asset.src.display().to_string())
                        + &t!("cli-error-cause-separator")
                        + &crate::messages::io_reason(&e),
                )]
            })?;
            let file = emit::url_file(&asset.url);
            emit::replace_file(&self.out, &file, &bytes).map_err(|e| vec![self.io_error(&file, &e)])?;
            self.files.insert(emit::file_entry(&file, &bytes));
            changed.push(file);
        }
        lap.lap("write");
        let sites: Vec<usize> = sites.into_iter().collect();
        if entries_changed {
            self.pieces = CatalogPieces::new(&graph.catalog.entries);
            self.catalog_behind = true;
        }
        changed.extend(self.write_site_files(&graph, &sites, entries_changed).map_err(|e| vec![e])?);
        let index_of = graph.pages.iter().enumerate().map(|(i, p)| (p.src.clone(), i)).collect();
        self.garbage = Some((
            std::mem::replace(&mut self.graph, Arc::new(graph)),
            std::mem::replace(&mut self.held, held),
            std::mem::replace(&mut self.sources, sources),
            std::mem::replace(&mut self.index_of, index_of),
        ));
        self.manifest_behind = true;
        lap.lap("sitemaps+site-catalogs");
        changed.sort();
        changed.dedup();
        Ok(Update { changed, rendered, how: super::Rebuild::Reassembled, warnings, ignored: false, trace: trace(&lap) })
    }

    // ---- spliced ---------------------------------------------------------------------------

    /// The update of news pages added, deleted or moved in their lists (re-dated, renamed):
    /// they are taken out of the graph and put in again ([`SiteGraph::can_splice`]) instead of
    /// assembling the whole cluster again. `None` when the pending changes need a re-assembly.
    fn update_spliced(&mut self) -> Option<Result<Update, Vec<Diagnostic>>> {
        let cluster = self.cluster;
        let mut lap = StageClock::start();
        let mut diags = Diagnostics::default();
        let mut olds: Vec<usize> = Vec::new();
        let mut news: Vec<(SourceFile, Page)> = Vec::new();
        for rel in &self.pending {
            if rel.extension().is_none_or(|e| e != "md") {
                return None;
            }
            let old = self.index_of.get(rel).copied();
            match (self.sources.get(rel), old) {
                (Some(src), _) if src.kind != SourceKind::Markdown => return None,
                // A page held back (dated after today).
                (Some(_), None) => return None,
                _ => {}
            }
            if let Some(i) = old {
                if !self.graph.can_splice(&self.graph.pages[i]) {
                    return None;
                }
                olds.push(i);
            }
            match std::fs::symlink_metadata(cluster.root.join(rel)) {
                Err(_) => {}
                Ok(m) if !m.is_file() => return None,
                Ok(_) => {
                    let (found, d) = scan::scan_path(cluster, rel);
                    let [src] = <[SourceFile; 1]>::try_from(found).ok()?;
                    if !d.is_empty() || src.kind != SourceKind::Markdown || &src.rel != rel {
                        return None;
                    }
                    let Some(page) = parse::parse_pages(cluster, std::slice::from_ref(&src), &mut diags).pop() else {
                        continue;
                    };
                    if page.meta.date.day > self.today || !self.graph.can_splice(&page) {
                        return None;
                    }
                    news.push((src, page));
                }
            }
        }
        // The URLs of the new pages must be free (a clash is reported by a re-assembly), and no
        // interpretation may name a page that moves.
        let g = &self.graph;
        let old_urls: HashSet<&str> = olds.iter().map(|&i| g.pages[i].url.as_str()).collect();
        let mut new_urls = HashSet::new();
        for (_, p) in &news {
            let u = p.url.as_str();
            let taken = g.urls.contains(u) && !old_urls.contains(u);
            if taken || g.urls.scheduled(u).is_some() || g.urls.draft(u) || !new_urls.insert(u) {
                return None;
            }
        }
        let url_gone = olds.iter().any(|&i| !new_urls.contains(g.pages[i].url.as_str()));
        if url_gone && g.pages.iter().any(|p| !p.meta.interprets.is_empty()) {
            return None;
        }
        let checked: Vec<Page> = news.iter().map(|(_, p)| p.clone()).collect();
        check::check(cluster, &checked, &mut diags);
        if diags.has_errors() {
            return Some(Err(errors_of(diags)));
        }
        let mut warnings: Vec<Diagnostic> =
            diags.into_sorted().into_iter().filter(|d| self.pending.contains(&d.file)).collect();

        // What the lists involved show before.
        let mut columns: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut own_columns: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut sites: BTreeSet<usize> = BTreeSet::new();
        for p in olds.iter().map(|&i| &g.pages[i]).chain(news.iter().map(|(_, p)| p)) {
            sites.insert(p.site);
            own_columns.insert((p.site, p.column));
            columns.extend(cluster.sites[p.site].columns.ancestry(p.column).into_iter().map(|c| (p.site, c)));
        }
        let old_neigh = neighbour_sigs(g, &own_columns);
        let old_lists = list_sigs(g, &columns);
        let mut gone: BTreeSet<String> = olds.iter().map(|&i| g.pages[i].url.clone()).collect();
        gone.extend(old_lists.keys().cloned());
        lap.lap("parse+check");

        // Out with the old pages, in with the new.
        olds.sort_unstable();
        let mut taken_out = Vec::with_capacity(olds.len());
        for &i in olds.iter().rev() {
            taken_out.push(self.take_out(i));
        }
        let mut put_in = Vec::with_capacity(news.len());
        for (src, page) in news {
            self.put_in(src.rel.clone(), page);
            put_in.push(src);
        }
        let g = &self.graph;
        let removed: BTreeSet<String> = gone.iter().filter(|u| !g.urls.contains(u)).cloned().collect();
        let mut jobs: Vec<Job> =
            put_in.iter().filter_map(|s| self.index_of.get(&s.rel)).map(|&i| Job::Page(i)).collect();
        jobs.extend(changed(&old_neigh, neighbour_sigs(g, &own_columns)).into_iter().map(Job::Page));
        jobs.extend(changed(&old_lists, list_sigs(g, &columns)));
        jobs.extend(homes(&sites));
        // Pages whose Markdown links to a page that went away (a page that only moved in its
        // lists keeps its URL, and links to it read the same).
        let linked: HashSet<&String> = taken_out
            .iter()
            .filter(|p| removed.contains(&p.url))
            .flat_map(|p| self.referrers.get(&p.url).into_iter().flatten())
            .filter(|u| !removed.contains(*u))
            .collect();
        if !linked.is_empty() {
            jobs.extend(g.pages.iter().enumerate().filter(|(_, p)| linked.contains(&p.url)).map(|(i, _)| Job::Page(i)));
        }
        jobs.sort_by_key(|j| job_url(g, *j));
        jobs.dedup();
        lap.lap("splice+plan");
        let plan = Plan { outputs: self.render(g, &jobs), removed };
        lap.lap("render");
        let errors = self.validate(&plan, &plan.removed.iter().cloned().collect());
        lap.lap("validate");
        if !errors.is_empty() {
            let mut back: Vec<usize> = put_in.iter().filter_map(|s| self.index_of.get(&s.rel).copied()).collect();
            back.sort_unstable();
            for &i in back.iter().rev() {
                self.take_out(i);
            }
            for page in taken_out {
                self.put_in(page.src.clone(), page);
            }
            return Some(Err(errors));
        }
        let rendered = plan.outputs.len();
        warnings.extend(render_warnings(&plan));
        let mut changed = match self.commit(plan) {
            Ok(c) => c,
            Err(e) => return Some(Err(vec![e])),
        };
        for page in &taken_out {
            self.sources.remove(&page.src);
        }
        for src in put_in {
            self.sources.insert(src.rel.clone(), src);
        }
        lap.lap("write");
        let sites: Vec<usize> = sites.into_iter().collect();
        let graph = self.graph.clone();
        match self.write_site_files(&graph, &sites, false) {
            Ok(c) => changed.extend(c),
            Err(e) => return Some(Err(vec![e])),
        }
        self.manifest_behind = true;
        lap.lap("sitemaps");
        changed.sort();
        changed.dedup();
        Some(Ok(Update {
            changed,
            rendered,
            how: super::Rebuild::Spliced,
            warnings,
            ignored: false,
            trace: trace(&lap),
        }))
    }

    /// Takes page `i` out of the graph, keeping the source index in step.
    fn take_out(&mut self, i: usize) -> Page {
        let page = Arc::make_mut(&mut self.graph).remove_page(i);
        self.index_of.remove(&page.src);
        for j in self.index_of.values_mut().filter(|j| **j > i) {
            *j -= 1;
        }
        page
    }

    /// Puts `page` (from source `rel`) into the graph, keeping the source index in step.
    fn put_in(&mut self, rel: PathBuf, page: Page) {
        let q = Arc::make_mut(&mut self.graph).insert_page(page);
        for j in self.index_of.values_mut().filter(|j| **j >= q) {
            *j += 1;
        }
        self.index_of.insert(rel, q);
    }

    /// Writes the sitemaps of `sites`, and their catalog files when `catalogs`, removing a
    /// sitemap file no longer needed; their feeds (and the cluster's) are left to
    /// [`Live::flush`].
    fn write_site_files(
        &mut self,
        graph: &SiteGraph<'_>,
        sites: &[usize],
        catalogs: bool,
    ) -> Result<Vec<String>, Diagnostic> {
        let mut secondary = emit::sitemap_bytes(graph, sites, true);
        self.feeds_behind.extend(sites);
        if catalogs {
            secondary.extend(crate::catalog::site_files(self.cluster, &graph.catalog.entries, sites));
        }
        let dirs: Vec<String> =
            sites.iter().map(|&s| self.cluster.sites[s].path.trim_start_matches('/').to_owned()).collect();
        let stale = |p: &str| dirs.iter().any(|d| is_sitemap_of(p, d));
        self.write_secondary(secondary, stale)
    }

    // ---- shared steps -----------------------------------------------------------------------

    /// Renders and rewrites `jobs` of `g` in parallel, in memory.
    fn render(&self, g: &SiteGraph<'_>, jobs: &[Job]) -> Vec<JobOutput> {
        let renderer = self.prepared.bind(g);
        let base_path = &self.base_path;
        let collect = build::Collect { links: true, search: self.search.is_some(), record: false };
        crate::parallel::uneven(jobs.par_iter(), crate::parallel::PAGES_PER_TASK)
            .map(|&job| build::render_job(g, &renderer, base_path, job, None, collect))
            .collect()
    }

    /// The errors an update would leave: from rendering and rewriting, and every cross-page
    /// anchor checked against the ids the pages will have afterwards.
    fn validate(&self, plan: &Plan, removed: &HashSet<String>) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::default();
        let fresh: HashMap<&str, &JobOutput> = plan.outputs.iter().map(|o| (o.url.as_str(), o)).collect();
        for o in &plan.outputs {
            diags.extend(o.diags.iter().filter(|d| d.is_error()).cloned());
        }
        let ids_of = |url: &str| -> Option<&crate::rewrite::Ids> {
            match fresh.get(url) {
                Some(o) => o.ids.as_ref(),
                None if removed.contains(url) => None,
                None => self.ids.get(url),
            }
        };
        // Anchors held by pages not rendered again can only break where their target was.
        let mut holders: BTreeSet<&String> = BTreeSet::new();
        for target in fresh.keys().copied().chain(removed.iter().map(String::as_str)) {
            holders.extend(self.cross_in.get(target).into_iter().flatten());
        }
        let kept = holders
            .into_iter()
            .filter(|u| !fresh.contains_key(u.as_str()) && !removed.contains(*u))
            .filter_map(|u| self.cross.get(u));
        for c in kept.flatten().chain(plan.outputs.iter().flat_map(|o| &o.cross)) {
            diags.extend(c.check(ids_of(&c.target)));
        }
        diags.into_sorted()
    }

    /// Writes the rendered files and removes the vanished ones, updating ids, anchors, links
    /// and the manifest entries. Returns the output files changed.
    fn commit(&mut self, plan: Plan) -> Result<Vec<String>, Diagnostic> {
        let mut changed = Vec::with_capacity(plan.outputs.len() + plan.removed.len());
        for url in &plan.removed {
            let file = emit::url_file(url);
            emit::remove_file(&self.out, &file).map_err(|e| self.io_error(&file, &e))?;
            self.files.remove(&file);
            self.ids.remove(url);
            self.set_cross(url, Vec::new());
            self.set_md_targets(url, Vec::new());
            self.search_behind |= self.texts.remove(url).is_some();
            changed.push(file);
        }
        for o in plan.outputs {
            let Some(html) = o.html else { continue };
            let file = emit::url_file(&o.url);
            let entry = emit::file_entry(&file, &html);
            if self.files.get(&file) != Some(&entry) {
                emit::replace_file(&self.out, &file, &html).map_err(|e| self.io_error(&file, &e))?;
                self.files.insert(entry);
                changed.push(file);
            }
            match o.ids {
                Some(ids) => self.ids.insert(o.url.clone(), ids),
                None => self.ids.remove(&o.url),
            };
            self.set_cross(&o.url, o.cross);
            self.set_md_targets(&o.url, o.md_targets);
            // Any page rendered again may have a new title, date or place, which the index
            // also holds: it is rebuilt when the editor pauses.
            if let Some((_, text)) = o.search {
                self.texts.insert(o.url, Arc::new(text));
                self.search_behind = true;
            }
        }
        Ok(changed)
    }

    fn set_cross(&mut self, url: &str, refs: Vec<CrossRef>) {
        for c in self.cross.remove(url).unwrap_or_default() {
            if let Some(r) = self.cross_in.get_mut(&c.target) {
                r.remove(url);
                if r.is_empty() {
                    self.cross_in.remove(&c.target);
                }
            }
        }
        if !refs.is_empty() {
            for c in &refs {
                self.cross_in.entry(c.target.clone()).or_default().insert(url.to_owned());
            }
            self.cross.insert(url.to_owned(), refs);
        }
    }

    fn set_md_targets(&mut self, url: &str, targets: Vec<String>) {
        for t in self.md_targets.remove(url).unwrap_or_default() {
            if let Some(r) = self.referrers.get_mut(&t) {
                r.remove(url);
                if r.is_empty() {
                    self.referrers.remove(&t);
                }
            }
        }
        if !targets.is_empty() {
            for t in &targets {
                self.referrers.entry(t.clone()).or_default().insert(url.to_owned());
            }
            self.md_targets.insert(url.to_owned(), targets);
        }
    }

    /// Writes the graph-wide files that differ from what was written before; earlier ones
    /// missing from `files` for which `stale` holds are removed (a sitemap-2.xml no longer
    /// needed).
    fn write_secondary(
        &mut self,
        files: Vec<(String, Vec<u8>)>,
        stale: impl Fn(&str) -> bool,
    ) -> Result<Vec<String>, Diagnostic> {
        let mut changed = Vec::new();
        let names: HashSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
        for (path, bytes) in files {
            if self.secondary.get(&path) == Some(&bytes) {
                continue;
            }
            emit::replace_file(&self.out, &path, &bytes).map_err(|e| self.io_error(&path, &e))?;
            self.files.insert(emit::file_entry(&path, &bytes));
            self.secondary.insert(path.clone(), bytes);
            changed.push(path);
        }
        let gone: Vec<String> = self.secondary.keys().filter(|p| !names.contains(*p) && stale(p)).cloned().collect();
        for path in gone {
            emit::remove_file(&self.out, &path).map_err(|e| self.io_error(&path, &e))?;
            self.secondary.remove(&path);
            self.files.remove(&path);
            changed.push(path);
        }
        Ok(changed)
    }

    /// Writes the files an update left behind ([`DEFERRED`]); returns those written.
    pub(crate) fn flush(&mut self) -> Result<Vec<String>, Diagnostic> {
        let mut written = Vec::new();
        if !self.feeds_behind.is_empty() {
            let sites: Vec<usize> = std::mem::take(&mut self.feeds_behind).into_iter().collect();
            let graph = self.graph.clone();
            written.extend(self.write_secondary(emit::feed::feed_files(&graph, &sites, true), |_| false)?);
        }
        if std::mem::take(&mut self.catalog_behind) {
            let files = self.pieces.cluster_files(&self.cluster.config.name).into_iter().collect();
            written.extend(self.write_secondary(files, |_| false)?);
        }
        if std::mem::take(&mut self.manifest_behind) {
            self.write_manifest()?;
            written.push("manifest.json".to_owned());
        }
        self.garbage = None;
        Ok(written)
    }

    /// True when pages changed since the search index was last built.
    pub(crate) fn search_behind(&self) -> bool {
        self.search_behind
    }

    /// What a search reindex needs, taken now (the graph shared, the texts by page): the
    /// index is built from it in the background ([`super::reindex::build`]) while edits go on.
    pub(crate) fn reindex_job(&mut self) -> Option<super::reindex::Job<'c>> {
        let settings = self.search.clone()?;
        let index = self.index.take()?;
        self.search_behind = false;
        let texts = self.graph.pages.iter().map(|p| self.texts.get(&p.url).cloned()).collect();
        Some(super::reindex::Job { graph: self.graph.clone(), texts, settings, out: self.out.clone(), index })
    }

    /// Takes in the index a finished reindex kept and the files it wrote: the files they
    /// replaced are removed and the manifest written. Returns the number of search files
    /// changed, and the reindex's figures.
    pub(crate) fn finish_reindex(
        &mut self,
        (index, written): (crate::search::LiveIndex, super::reindex::Written),
    ) -> Result<(usize, crate::search::Stats), Diagnostic> {
        self.index = Some(index);
        let (written, stats) = written.map_err(|e| self.io_error("search/", &e))?;
        let changed = super::reindex::adopt(&self.out, written, &mut self.files);
        if changed > 0 {
            self.write_manifest()?;
        }
        Ok((changed, stats))
    }

    fn write_manifest(&self) -> Result<(), Diagnostic> {
        let json = self.files.to_json();
        emit::replace_file(&self.out, "manifest.json", json.as_bytes()).map_err(|e| self.io_error("manifest.json", &e))
    }

    fn io_error(&self, file: &str, e: &std::io::Error) -> Diagnostic {
        Diagnostic::error(
            self.out.join(file),
            "io",
            t!("serve-cannot-update-output", error = crate::messages::io_reason(e)),
        )
        .help(t!("serve-cannot-update-output-help"))
    }
}

/// The step timings of an update as one line (`parse+plan 1.2 ms, render 3.4 ms`), when
/// `ZHANQUN_SERVE_TRACE` is set.
fn trace(clock: &StageClock) -> Option<String> {
    std::env::var_os("ZHANQUN_SERVE_TRACE").is_some().then(|| clock.line())
}

/// True when `path` is one of the sitemap files of the site whose directory is `dir`
/// (`jyj/sitemap.xml`, `jyj/sitemap-2.xml`; the portal's have an empty `dir`).
fn is_sitemap_of(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir).is_some_and(|rest| {
        rest == "sitemap.xml" || (rest.starts_with("sitemap-") && rest.ends_with(".xml") && !rest.contains('/'))
    })
}

/// The errors of `diags`, sorted.
fn errors_of(diags: Diagnostics) -> Vec<Diagnostic> {
    diags.into_sorted().into_iter().filter(Diagnostic::is_error).collect()
}

/// The warnings of the rendered jobs (raw HTML removed from a page…).
fn render_warnings(plan: &Plan) -> Vec<Diagnostic> {
    plan.outputs.iter().flat_map(|o| o.diags.iter().filter(|d| !d.is_error()).cloned()).collect()
}

/// The jobs that show page `i`'s list entry: its neighbours' pages, the list page of its
/// column and of each ancestor that holds it, its site's home and the portal's.
fn list_jobs_showing(g: &SiteGraph<'_>, i: usize) -> Vec<Job> {
    let p = &g.pages[i];
    let mut jobs = Vec::new();
    let (newer, older) = g.neighbours[i];
    jobs.extend(newer.into_iter().chain(older).map(Job::Page));
    let cols = &g.cluster.sites[p.site].columns;
    if cols.list[p.column].kind != ColumnKind::Page {
        let per = g.cluster.config.per_page.max(1);
        for c in cols.ancestry(p.column) {
            if let Some(pos) = g.lists[p.site][c].iter().position(|&j| j == i) {
                jobs.push(Job::Column { site: p.site, column: c, page_no: pos / per + 1 });
            }
        }
    }
    jobs.push(Job::Home(p.site));
    jobs.push(Job::Home(0));
    jobs
}

/// The catalog table pages that list entry `k`: one page of each catalog and facet holding it.
fn catalog_jobs_showing(g: &SiteGraph<'_>, k: usize) -> Vec<Job> {
    let per = g.cluster.config.catalog_per_page.max(1);
    let mut jobs = Vec::new();
    for (s, scope) in g.catalog.scopes.iter().enumerate() {
        if let Some(pos) = scope.items.iter().position(|&e| e == k) {
            jobs.push(Job::Catalog { scope: s, facet: None, page_no: pos / per + 1 });
        }
        for (f, facet) in scope.facets.iter().enumerate() {
            if let Some(pos) = facet.items.iter().position(|&e| e == k) {
                jobs.push(Job::Catalog { scope: s, facet: Some(f), page_no: pos / per + 1 });
            }
        }
    }
    jobs
}

/// Hashes what a list shows of page `i` (its [`crate::render::Item`]).
fn hash_item(g: &SiteGraph<'_>, i: usize, h: &mut DefaultHasher) {
    let p = &g.pages[i];
    (&p.meta.title, &p.url, p.meta.date, &p.meta.doc_number, p.site, p.column).hash(h);
}

/// The homes that show the pages of `sites`: theirs and the portal's.
fn homes(sites: &BTreeSet<usize>) -> Vec<Job> {
    let portal = (!sites.is_empty()).then_some(Job::Home(0));
    sites.iter().map(|&s| Job::Home(s)).chain(portal).collect()
}

/// What `after` holds under a URL whose signature is not the one in `before` (or is new): the
/// pages whose neighbours changed, or the list pages that show other entries.
fn changed<T>(before: &HashMap<String, (T, u64)>, after: HashMap<String, (T, u64)>) -> Vec<T> {
    after
        .into_iter()
        .filter(|(url, (_, sig))| before.get(url).map(|b| b.1) != Some(*sig))
        .map(|(_, (t, _))| t)
        .collect()
}

/// For every page of the columns `own` (site, column): its URL, its index and a hash of its
/// neighbours' list entries.
fn neighbour_sigs(g: &SiteGraph<'_>, own: &BTreeSet<(usize, usize)>) -> HashMap<String, (usize, u64)> {
    let mut out = HashMap::new();
    for &(s, c) in own {
        for &i in g.lists[s][c].iter().filter(|&&i| g.pages[i].column == c) {
            let mut h = DefaultHasher::new();
            let (newer, older) = g.neighbours[i];
            for n in [newer, older] {
                n.is_some().hash(&mut h);
                if let Some(n) = n {
                    hash_item(g, n, &mut h);
                }
            }
            out.insert(g.pages[i].url.clone(), (i, h.finish()));
        }
    }
    out
}

/// Every list page of the columns `columns`: URL → (job, hash of what it shows).
fn list_sigs(g: &SiteGraph<'_>, columns: &BTreeSet<(usize, usize)>) -> HashMap<String, (Job, u64)> {
    let mut out = HashMap::new();
    let per = g.cluster.config.per_page.max(1);
    for &(s, c) in columns {
        if g.cluster.sites[s].columns.list[c].kind == ColumnKind::Page {
            if !g.single[s].contains_key(&c) {
                let job = Job::Column { site: s, column: c, page_no: 1 };
                out.insert(g.column_url(s, c), (job, 0));
            }
            continue;
        }
        let total = g.page_count(s, c);
        for page_no in 1..=total {
            let mut h = DefaultHasher::new();
            total.hash(&mut h);
            for &i in g.lists[s][c].iter().skip((page_no - 1) * per).take(per) {
                hash_item(g, i, &mut h);
            }
            let job = Job::Column { site: s, column: c, page_no };
            out.insert(crate::assemble::list_page_url(&g.column_url(s, c), page_no), (job, h.finish()));
        }
    }
    out
}

/// Every catalog table page: URL → (job, hash of what it shows).
fn catalog_sigs(g: &SiteGraph<'_>) -> HashMap<String, (Job, u64)> {
    let cat = &g.catalog;
    let per = g.cluster.config.catalog_per_page.max(1);
    let mut out = HashMap::new();
    for (k, sc) in cat.scopes.iter().enumerate() {
        for facet in std::iter::once(None).chain((0..sc.facets.len()).map(Some)) {
            let items = facet.map_or(&sc.items, |f| &sc.facets[f].items);
            let total = g.catalog_page_count(items.len());
            for page_no in 1..=total {
                let mut h = DefaultHasher::new();
                (items.len(), total, sc.facets.is_empty()).hash(&mut h);
                if let Some(f) = facet {
                    (sc.facets[f].kind.segment(), &sc.facets[f].label).hash(&mut h);
                } else if page_no == 1 {
                    for fc in &sc.facets {
                        (fc.kind.segment(), &fc.label, &fc.url, fc.items.len()).hash(&mut h);
                    }
                }
                if sc.unified {
                    cat.years.hash(&mut h);
                }
                for &e in items.iter().skip((page_no - 1) * per).take(per) {
                    let d = &cat.entries[e];
                    (&d.index_no, &d.title, &d.url, &d.doc_number, &d.publisher, &d.written, &d.date).hash(&mut h);
                }
                let job = Job::Catalog { scope: k, facet, page_no };
                let base = facet.map_or(&sc.url, |f| &sc.facets[f].url);
                out.insert(crate::assemble::list_page_url(base, page_no), (job, h.finish()));
            }
        }
    }
    out
}
