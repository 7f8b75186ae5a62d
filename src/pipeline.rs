//! The build, as data flowing through the stages: load → scan → parse → check → assemble →
//! render → rewrite → emit. Nothing is written to the output until every page rendered and
//! every link resolved.

use crate::assemble::{Job, SiteGraph};
use crate::assemble::{ScheduledPage, assemble_published, draft_files, held_as_draft};
use crate::cache::{self, BuildCache, PageMemo};
use crate::check;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit::{self, FileEntry, Manifest, Staging};
use crate::load::{self, ColumnKind};
use crate::parse;
use crate::render::{Prepared, Rendered, Renderer};
use crate::rewrite;
use crate::rewrite::{CrossRef, broken_link};
use crate::scan;
use crate::search;
use rayon::prelude::*;
use sha2::Digest;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// What `zhanqun build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Cluster root (holds `zhanqun.yaml`).
    pub root: PathBuf,
    /// Output directory; `<root>/public` by default.
    pub out: Option<PathBuf>,
    /// Worker threads; all cores by default.
    pub jobs: Option<usize>,
    /// Overrides `base_url` from `zhanqun.yaml`.
    pub base_url: Option<String>,
    /// How to report progress (a bar on a terminal, lines in CI logs, or nothing).
    pub progress: crate::progress::Progress,
    /// The day the build runs as (`--today`), for scheduled pages and review notices; today in
    /// the cluster's time zone (`timezone:`) by default.
    pub today: Option<chrono::NaiveDate>,
    /// Render only these sites (`--sites`, one shard of a sharded CI build); all by default.
    pub sites: Option<Vec<String>>,
    /// Ignore and do not write the build cache (`--no-cache`).
    pub no_cache: bool,
    /// Sign `manifest.json` with this ed25519 key (hex seed, from `ZHANQUN_SIGNING_KEY`).
    pub signing_key: Option<String>,
    /// Write a `.gz` copy beside every text file (`--precompress`, for nginx `gzip_static`).
    pub precompress: bool,
    /// Include drafts (`draft: true`), each with a 草稿 banner (`--drafts`): a private preview,
    /// never to be published.
    pub drafts: bool,
}

/// What a successful build produced.
#[derive(Debug)]
pub struct BuildReport {
    /// Markdown pages built.
    pub pages: usize,
    /// Pages left out because their publish date is after `--today` (scheduled publishing),
    /// by source file.
    pub scheduled: Vec<ScheduledPage>,
    /// Drafts (`draft: true`), by source file: left out, or with `drafts_included` built with
    /// a banner.
    pub drafts: Vec<PathBuf>,
    /// The build is a preview that includes the drafts (`--drafts`).
    pub drafts_included: bool,
    /// Files written (manifest included).
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Warnings, sorted.
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
    /// Where the output went.
    pub out: PathBuf,
    /// Wall time of each stage, in pipeline order, for `--verbose` and profiling.
    pub timings: Vec<(&'static str, Duration)>,
    /// Figures of the search index, when one was built.
    pub search: Option<search::Stats>,
    /// Nothing changed since the last build (its cache said so): nothing was written.
    pub up_to_date: bool,
    /// Pages the build cache found unchanged and did not render again.
    pub reused: usize,
}

/// Records the wall time of consecutive pipeline stages.
#[derive(Debug)]
pub(crate) struct StageClock {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl StageClock {
    pub(crate) fn start() -> Self {
        StageClock { last: Instant::now(), laps: Vec::new() }
    }

    /// Ends the stage named `stage` now.
    pub(crate) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }

    /// Records `stages`, which ran beside the current stage, before it: the current stage is
    /// timed from where they ended, so that the laps still add up to the wall time.
    pub(crate) fn beside(&mut self, stages: &[(&'static str, Duration)]) {
        self.laps.extend(stages.iter().copied());
        self.last += stages.iter().map(|s| s.1).sum::<Duration>();
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The input has errors; every finding is listed (warnings too).
    #[error("{}", crate::t!("pipeline-invalid", count = .0.iter().filter(|d| d.is_error()).count()))]
    Invalid(Vec<Diagnostic>),
    /// The output could not be written.
    #[error("{context}{}{}", crate::t!("cli-error-cause-separator"), crate::messages::io_reason(.source))]
    Io {
        /// What was being done.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The output directory would destroy something that is not a previous build.
    #[error("{}", crate::t!("pipeline-unsafe-output", path = .path.display().to_string(), why = .why.as_str()))]
    UnsafeOutput {
        /// The output path.
        path: PathBuf,
        /// Why it is refused.
        why: String,
    },
    /// The thread pool could not be created.
    #[error("{}", crate::t!("pipeline-threads", count = *.0))]
    Threads(usize),
    /// The search index could not be built.
    #[error(transparent)]
    Search(#[from] search::SearchError),
    /// The 繁體 view could not be written.
    #[error(transparent)]
    Hant(#[from] crate::hant::HantError),
}

fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> BuildError {
    let context = context.into();
    move |source| BuildError::Io { context, source }
}

/// Builds the cluster at `opts.root` into `opts.out`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    match opts.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|_| BuildError::Threads(n))?
            .install(|| build_in_pool(opts)),
        None => build_in_pool(opts),
    }
}

/// A cluster read and checked but not rendered: what `catalog stats` (and any other report on
/// the content) needs, at a fraction of a build's cost.
#[derive(Debug)]
pub struct Analysis {
    /// The loaded cluster.
    pub cluster: crate::load::Cluster,
    /// Every page that parsed.
    pub pages: Vec<parse::Page>,
    /// Warnings (errors fail the analysis).
    pub warnings: Vec<Diagnostic>,
}

/// Runs the cross-page checks on `pages` but the drafts a build holds back (with `drafts`
/// false): a draft is checked once it is no longer one, so that an editor's unfinished
/// metadata does not stop everyone else's publication. Returns every page.
fn check_pages(
    cluster: &crate::load::Cluster,
    pages: Vec<parse::Page>,
    drafts: bool,
    diags: &mut Diagnostics,
) -> Vec<parse::Page> {
    let (held, mut pages): (Vec<_>, Vec<_>) = pages.into_iter().partition(|p| held_as_draft(p, drafts));
    check::check(cluster, &pages, diags);
    pages.extend(held);
    pages
}

/// scan → parse → check of a loaded cluster: its sources, its pages (drafts included; see
/// [`check_pages`]) and the warnings, or every error.
fn scan_parse_check(
    cluster: &crate::load::Cluster,
    drafts: bool,
) -> Result<(Vec<scan::SourceFile>, Vec<parse::Page>, Diagnostics), BuildError> {
    let mut diags = Diagnostics::default();
    let sources = scan::scan(cluster, &mut diags);
    let pages = parse::parse_pages(cluster, &sources, &mut diags);
    let pages = check_pages(cluster, pages, drafts, &mut diags);
    if diags.has_errors() {
        return Err(BuildError::Invalid(diags.into_sorted()));
    }
    Ok((sources, pages, diags))
}

/// Runs load → scan → parse → check on the cluster at `root`, without rendering.
pub fn analyse(root: &Path) -> Result<Analysis, BuildError> {
    let cluster = load::load(root, None).map_err(|d| BuildError::Invalid(d.into_sorted()))?;
    let (_, mut pages, diags) = scan_parse_check(&cluster, false)?;
    // Drafts are not published: reports on the content leave them out.
    pages.retain(|p| !p.meta.draft);
    Ok(Analysis { cluster, pages, warnings: diags.into_sorted() })
}

/// One job rendered and rewritten, not yet written: what build and serve both need.
#[derive(Debug)]
pub(crate) struct JobOutput {
    /// Cluster-relative URL (`/a/b/`) or file path (`/404.html`).
    pub(crate) url: String,
    /// The final bytes; `None` when rendering failed (see `diags`).
    pub(crate) html: Option<Vec<u8>>,
    /// Errors and warnings (broken links, removed raw HTML, template failures).
    pub(crate) diags: Vec<Diagnostic>,
    /// The page's ids, for pages and catalog pages (the targets of cross-page anchors).
    pub(crate) ids: Option<Vec<String>>,
    /// Links with a fragment into another page.
    pub(crate) cross: Vec<CrossRef>,
    /// With `collect_links`: the URLs the Markdown of a page links to (internal links that
    /// resolved), so that `zhanqun serve` knows which pages to check again when a URL goes away.
    pub(crate) md_targets: Vec<String>,
    /// The searchable text of a page (page index, text), read from its final HTML when the
    /// build makes a search index.
    pub(crate) search: Option<(usize, search::PageText)>,
    /// The page was not rendered: the build cache found it unchanged.
    pub(crate) reused: bool,
}

/// Everything a build made, kept by `zhanqun serve` to update the output incrementally.
pub(crate) struct Built<'c> {
    /// The assembled graph of published pages.
    pub(crate) graph: SiteGraph<'c>,
    /// The render preparations for `graph`.
    pub(crate) prepared: Prepared,
    /// Pages held back: dated after `today`, or drafts (unless the build includes them).
    pub(crate) held: Vec<parse::Page>,
    /// Every scanned content file.
    pub(crate) sources: Vec<scan::SourceFile>,
    /// Every file written (manifest.json excluded).
    pub(crate) entries: Vec<FileEntry>,
    /// Ids of every page and catalog page, by URL.
    pub(crate) ids: HashMap<String, Vec<String>>,
    /// Cross-page anchors, by the URL of the page that holds them.
    pub(crate) cross: HashMap<String, Vec<CrossRef>>,
    /// With `collect_links`: the resolved Markdown link targets of every page, by page URL.
    pub(crate) md_targets: HashMap<String, Vec<String>>,
    /// Warnings.
    pub(crate) warnings: Vec<Diagnostic>,
    /// Bytes of `manifest.json`.
    pub(crate) manifest_bytes: u64,
    /// The sitemaps and catalog files, as written (see [`sitemap_files_of`]).
    pub(crate) secondary: NamedFiles,
    /// Figures of the search index, when one was built.
    pub(crate) search: Option<search::Stats>,
    /// With `collect_links` and a search index: every page's searchable text, by page URL,
    /// so that `zhanqun serve` can build the index again after an edit.
    pub(crate) texts: HashMap<String, search::PageText>,
    /// The build cache to write, when the build used one.
    pub(crate) cache: Option<BuildCache>,
    /// Pages the cache found unchanged.
    pub(crate) reused: usize,
    /// Thread time of the render, search text, rewrite and write steps.
    pub(crate) cpu: [(&'static str, Duration); 4],
}

fn build_in_pool(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut clock = StageClock::start();
    let root = &opts.root;
    let out = opts.out.clone().unwrap_or_else(|| root.join("public"));
    let cluster = load::load(root, opts.base_url.as_deref()).map_err(|d| BuildError::Invalid(d.into_sorted()))?;
    guard_output(root, &out)?;
    clock.lap("load");
    let today = cluster.config.clock.today_or(opts.today);
    let mut run = None;
    if !opts.no_cache {
        let r = CacheRun::start(&cluster, &out, today, opts.sites.as_deref(), opts.precompress, opts.drafts);
        if r.up_to_date(&out) {
            ensure_signature(&out, opts.signing_key.as_deref())?;
            clock.lap("cache-up-to-date");
            return Ok(BuildReport {
                pages: r.old.pages,
                scheduled: r.old.scheduled.clone(),
                drafts: r.old.drafts.clone(),
                drafts_included: opts.drafts,
                files: r.old.files,
                bytes: r.old.bytes,
                warnings: r.old.warnings(),
                elapsed: started.elapsed(),
                out,
                timings: clock.laps,
                search: None,
                up_to_date: true,
                reused: r.old.pages,
            });
        }
        let mut r = r;
        r.old.read_memos(&cluster.root);
        clock.lap("cache-hashed");
        run = Some(r);
    }
    let built = build_cluster(
        &cluster,
        &out,
        today,
        opts.progress,
        opts.sites.as_deref(),
        false,
        opts.precompress,
        opts.drafts,
        run,
        &mut clock,
    )?;
    ensure_signature(&out, opts.signing_key.as_deref())?;
    if let Some(cache) = built.cache {
        // Only an optimisation: a cache that cannot be written means a full build next time.
        let _ = cache.write(root);
    }
    let files = built.entries.len() + 1;
    let bytes = built.entries.iter().map(|e| e.size).sum::<u64>() + built.manifest_bytes;
    let mut timings = clock.laps;
    timings.extend(built.cpu.iter().copied());
    if let Some(s) = &built.search {
        timings.push(("  search tokenize (thread time)", s.early_tokenize));
    }
    let report = BuildReport {
        pages: built.graph.pages.len(),
        scheduled: ScheduledPage::list(&built.held, opts.drafts),
        drafts: draft_files(&built.graph.pages, &built.held),
        drafts_included: opts.drafts,
        files,
        bytes,
        warnings: built.warnings,
        elapsed: started.elapsed(),
        out,
        timings,
        search: built.search,
        up_to_date: false,
        reused: built.reused,
    };
    drop_later((
        built.prepared,
        built.held,
        built.sources,
        built.entries,
        built.ids,
        built.cross,
        built.md_targets,
        built.secondary,
        built.texts,
    ));
    Ok(report)
}

/// Frees `value` on a background thread. A build's owned results hold millions of small
/// allocations (every page's element ids, file entries, sources); freeing them took up to a
/// second of a single core at the end of a 100,000-page build, and nothing needs to wait for
/// it. The process may exit first: the operating system reclaims the memory then.
fn drop_later<T: Send + 'static>(value: T) {
    // Without a thread to be had, the value is dropped here, with the closure.
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
}

/// Writes `manifest.json.sig` for `out/manifest.json` with `key` (a hex ed25519 seed) unless
/// the one there already is that key's valid signature of it.
fn ensure_signature(out: &Path, key: Option<&str>) -> Result<(), BuildError> {
    use emit::signature;
    let Some(key) = key else { return Ok(()) };
    let bad_key = |e: signature::SignatureError| {
        BuildError::Invalid(vec![
            Diagnostic::error(signature::SIGNING_KEY_ENV, "signature", e.to_string())
                .help(crate::t!("pipeline-signing-key-help")),
        ])
    };
    let signing = signature::signing_key(key).map_err(bad_key)?;
    let manifest =
        std::fs::read(out.join("manifest.json")).map_err(io(crate::t!("pipeline-cannot-read-manifest-to-sign")))?;
    let current = signature::read(out).ok().flatten();
    let public = signature::public_key_hex(&signing);
    if current.is_some_and(|s| signature::verify(&s, &manifest, &public).unwrap_or(false)) {
        return Ok(());
    }
    let json = serde_json::to_vec_pretty(&signature::sign(&signing, &manifest)).map_err(std::io::Error::other);
    let json = json.map_err(io(crate::t!("pipeline-cannot-encode-signature")))?;
    emit::replace_file(out, signature::SIGNATURE_FILE, &json)
        .map_err(io(crate::t!("pipeline-cannot-write", path = signature::SIGNATURE_FILE)))
}

/// The build cache during one build: the previous cache and this build's input stamps.
pub(crate) struct CacheRun {
    old: BuildCache,
    stamps: cache::Stamps,
    options: String,
    /// The scan made to stamp the inputs and its findings, handed on to the build so that
    /// `content/` is walked once.
    scanned: Option<(Vec<scan::SourceFile>, Diagnostics)>,
}

impl CacheRun {
    /// Reads the cache and stamps the inputs (hashing only files whose size or time moved).
    fn start(
        cluster: &crate::load::Cluster,
        out: &Path,
        today: chrono::NaiveDate,
        sites: Option<&[String]>,
        precompress: bool,
        drafts: bool,
    ) -> CacheRun {
        let old = BuildCache::read(&cluster.root);
        let mut scan_diags = Diagnostics::default();
        let sources = scan::scan(cluster, &mut scan_diags);
        let files = cache::input_files(cluster, &sources);
        let mut stamps = cache::stamp(&files, &old.inputs).unwrap_or_default();
        let theme = cluster.theme.sha256();
        stamps.insert(format!("themes/{}", cluster.config.theme), cache::Stamp { size: 0, mtime: 0, sha256: theme });
        let options = cache::options_key(today, &cluster.config.base_url, sites, out, precompress, drafts);
        CacheRun { old, stamps, options, scanned: Some((sources, scan_diags)) }
    }

    /// True when the inputs (by content), the options and the output's manifest are what the
    /// last build left.
    fn up_to_date(&self, out: &Path) -> bool {
        let same_inputs = self.old.inputs.len() == self.stamps.len()
            && self.old.inputs.iter().zip(&self.stamps).all(|((p, a), (q, b))| p == q && a.sha256 == b.sha256);
        // Scan errors (content for an unknown site, a link escaping the root…) must be
        // reported by a build.
        let scan_failed = self.scanned.as_ref().is_some_and(|(_, d)| d.has_errors());
        same_inputs
            && !scan_failed
            && !self.old.options.is_empty()
            && self.old.options == self.options
            && cache::file_sha256(&out.join("manifest.json")).is_some_and(|s| s == self.old.manifest_sha256)
    }
}

/// scan → parse → check → assemble → render → rewrite → emit for a loaded cluster, into a
/// staging directory that replaces `out` only when everything succeeded.
#[allow(clippy::too_many_arguments)]
pub(crate) fn build_cluster<'c>(
    cluster: &'c crate::load::Cluster,
    out: &Path,
    today: chrono::NaiveDate,
    progress: crate::progress::Progress,
    sites: Option<&[String]>,
    collect_links: bool,
    precompress: bool,
    drafts: bool,
    mut cache_run: Option<CacheRun>,
    clock: &mut StageClock,
) -> Result<Built<'c>, BuildError> {
    let search_settings = &cluster.config.search;
    let (sources, mut diags) = match cache_run.as_mut().and_then(|r| r.scanned.take()) {
        Some(scanned) => scanned,
        None => {
            let mut diags = Diagnostics::default();
            (scan::scan(cluster, &mut diags), diags)
        }
    };
    clock.lap("scan");
    let pages = parse::parse_pages(cluster, &sources, &mut diags);
    clock.lap("parse");
    // A draft held back is checked once it is no longer one: an editor's unfinished metadata
    // must not stop everyone else's publication.
    let pages = check_pages(cluster, pages, drafts, &mut diags);
    clock.lap("check");
    if diags.has_errors() {
        return Err(BuildError::Invalid(diags.into_sorted()));
    }
    let (graph, held, held_warnings) = assemble_published(cluster, pages, &sources, today, drafts);
    diags.extend(held_warnings);
    let prepared = Prepared::new(&graph, today).map_err(|d| BuildError::Invalid(vec![d]))?;
    let renderer = prepared.bind(&graph);
    clock.lap("assemble");
    let staging = Staging::create(out)
        .map_err(io(crate::t!("pipeline-cannot-create-staging", path = out.display().to_string())))?;
    let shard = emit::Shard::of(cluster, sites).map_err(BuildError::Invalid)?;
    let mut jobs: Vec<Job> = graph.jobs().into_iter().filter(|&j| shard.has_job(&graph, j)).collect();
    // A shard's pages are indexed by `zhanqun merge`, over the whole cluster's output.
    let index_search = search_settings.enabled && shard.is_whole();
    let search_out = search::DirOutput::new(staging.dir());
    let indexer = index_search.then(|| search::Indexer::new(&graph, search_settings, &search_out));
    if let Some(indexer) = &indexer {
        // Pages in index order, so that the indexer's groups complete one by one.
        jobs.sort_by_key(|&j| job_page(j).map_or((1, 0), |i| (0, indexer.id(i))));
    }
    let bar = progress.start("render", jobs.len() as u64);
    let base_path = cluster.config.base_path();
    let cpu = JobCpu::default();
    let globals = cache_run.as_ref().map(|r| cache::memo::Globals::of(&graph, &prepared, &r.options, &r.stamps));
    let tasks = crate::parallel::uneven(jobs.par_iter(), crate::parallel::PAGES_PER_TASK);
    let outputs: Vec<(Option<FileEntry>, JobOutput, Option<PageMemo>)> = tasks
        .map(|&job| {
            let collect = Collect { links: collect_links, search: index_search };
            let key = match (job, &cache_run, &globals) {
                (Job::Page(i), Some(run), Some(globals)) => {
                    let p = &graph.pages[i];
                    run.stamps.get(&cache::rel(&p.src)).map(|s| cache::memo::page_key(&graph, globals, i, &s.sha256))
                }
                _ => None,
            };
            let old = key.as_ref().and_then(|k| {
                let m = cache_run.as_ref()?.old.memos.get(&graph.pages[job_page(job)?].url)?;
                (&m.key == k).then_some(m)
            });
            let r = match old.and_then(|m| reuse_page(&graph, &staging, out, job, m, collect)) {
                Some((entry, o)) => (Some(entry), o, old.cloned()),
                None => {
                    let (entry, o) = run_job(&graph, &renderer, &staging, &base_path, job, &cpu, collect);
                    let memo = match (key, &entry) {
                        (Some(key), Some(entry)) if o.diags.is_empty() => Some(PageMemo {
                            key,
                            entry: entry.clone(),
                            ids: o.ids.clone().unwrap_or_default(),
                            cross: o.cross.clone(),
                        }),
                        _ => None,
                    };
                    (entry, o, memo)
                }
            };
            bar.inc();
            let (entry, mut o, memo) = r;
            if let (Some(indexer), Some((i, text))) = (&indexer, o.search.take()) {
                // `serve` keeps the texts, to index the pages again after an edit.
                if collect_links {
                    o.search = Some((i, text.clone()));
                }
                indexer.add(i, text);
            }
            (entry, o, memo)
        })
        .collect();
    let reused = outputs.iter().filter(|(_, o, _)| o.reused).count();
    bar.finish();
    clock.lap("render+rewrite+write (parallel)");

    let mut entries = Vec::with_capacity(outputs.len() + 64);
    let mut ids: HashMap<String, Vec<String>> = HashMap::new();
    let mut cross: HashMap<String, Vec<CrossRef>> = HashMap::new();
    let mut md_targets: HashMap<String, Vec<String>> = HashMap::new();
    let mut kept_texts: HashMap<String, search::PageText> = HashMap::new();
    let mut memos = HashMap::new();
    for (entry, o, memo) in outputs {
        if let Some(m) = memo {
            memos.insert(o.url.clone(), m);
        }
        entries.extend(entry);
        diags.extend(o.diags);
        if let Some(i) = o.ids {
            ids.insert(o.url.clone(), i);
        }
        if !o.cross.is_empty() {
            cross.insert(o.url.clone(), o.cross);
        }
        if let Some((_, text)) = o.search {
            kept_texts.insert(o.url.clone(), text);
        }
        if !o.md_targets.is_empty() {
            md_targets.insert(o.url, o.md_targets);
        }
    }
    let mut all_cross: Vec<&CrossRef> = cross.values().flatten().collect();
    all_cross.sort_by(|a, b| (&a.src, a.line, &a.href).cmp(&(&b.src, b.line, &b.href)));
    let mut pending = Vec::new();
    for c in all_cross {
        match ids.get(&c.target) {
            // Another shard renders the target: `merge` checks the anchor.
            None if !shard.is_whole() => pending.push(emit::PendingAnchor {
                src: c.src.clone(),
                line: c.line,
                href: c.href.clone(),
                target: c.target.clone(),
                fragment: c.fragment.clone(),
            }),
            found => diags.extend(c.check(found)),
        }
    }
    let copied: Vec<Result<FileEntry, BuildError>> = graph
        .assets
        .par_iter()
        .filter(|a| shard.has_site(a.site))
        .map(|a| {
            let bytes = std::fs::read(&a.abs)
                .map_err(io(crate::t!("pipeline-cannot-read", path = a.src.display().to_string())))?;
            staging.write(a.url.trim_start_matches('/'), &bytes).map_err(io(crate::t!("pipeline-cannot-write-staging")))
        })
        .collect();
    for c in copied {
        entries.push(c?);
    }
    for (path, bytes) in &cluster.theme.static_files {
        let (path, bytes) = crate::assemble::assets::theme_file(path, bytes);
        entries.push(
            staging.write(&format!("static/{path}"), &bytes).map_err(io(crate::t!("pipeline-cannot-write-staging")))?,
        );
    }
    if diags.has_errors() {
        return Err(BuildError::Invalid(diags.into_sorted()));
    }
    clock.lap("links+assets");
    if cluster.config.zh_hant {
        let view = crate::hant::write_view(&staging, &entries, &cluster.config.base_path())?;
        entries.extend(view);
        clock.lap("zh-hant view");
    }
    // The index and the secondary files (site maps, feeds, catalog exports) do not depend on
    // each other: built side by side, the serial steps of either leave the other a core.
    let (indexed, secondary) = rayon::join(
        || -> Result<Option<(search::Stats, Vec<FileEntry>)>, BuildError> {
            let Some(indexer) = indexer else { return Ok(None) };
            let stats = indexer.finish()?;
            Ok(Some((stats, search_out.take_written().map_err(io(crate::t!("pipeline-cannot-write-search")))?)))
        },
        || -> Result<(NamedFiles, Vec<FileEntry>), BuildError> {
            let secondary = secondary_files(&graph, &shard);
            let written = secondary
                .iter()
                .map(|(path, bytes)| {
                    staging.write(path, bytes).map_err(io(crate::t!("pipeline-cannot-write", path = path.as_str())))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok((secondary, written))
        },
    );
    let search_stats = match indexed? {
        Some((stats, written)) => {
            entries.extend(written);
            clock.beside(&stats.timings);
            Some(stats)
        }
        None => None,
    };
    let (secondary, written) = secondary?;
    entries.extend(written);
    if !shard.is_whole() {
        let fingerprint = emit::fingerprint(cluster, &graph.pages);
        let state = emit::ShardState {
            fingerprint,
            ids: ids.clone().into_iter().collect(),
            pending,
            today: today.to_string(),
            base_url: cluster.config.base_url.clone(),
            drafts,
        };
        let json = serde_json::to_vec(&state).expect("shard state serializes");
        staging.write(emit::SIDECAR, &json).map_err(io(crate::t!("pipeline-cannot-write-shard-state")))?;
    }
    if precompress {
        let copies =
            emit::precompress::precompress(&staging, &entries).map_err(io(crate::t!("pipeline-cannot-write-gz")))?;
        entries.extend(copies);
        clock.lap("precompress");
    }
    let manifest = Manifest::new(entries);
    let manifest_json = manifest.to_json();
    staging
        .write("manifest.json", manifest_json.as_bytes())
        .map_err(io(crate::t!("pipeline-cannot-write", path = "manifest.json")))?;
    // Beside the index, this is the part of these steps the index did not hide.
    clock.lap("sitemaps+catalogs+manifest");
    staging.commit().map_err(io(crate::t!("pipeline-cannot-commit", path = out.display().to_string())))?;
    clock.lap("commit");
    let warnings = diags.into_sorted();
    let cache = cache_run.map(|run| {
        let mut c = BuildCache::default();
        c.options = run.options;
        c.inputs = run.stamps;
        c.manifest_sha256 = hex::encode(sha2::Sha256::digest(manifest_json.as_bytes()));
        c.pages = graph.pages.len();
        c.scheduled = ScheduledPage::list(&held, drafts);
        c.drafts = draft_files(&graph.pages, &held);
        c.files = manifest.files.len() + 1;
        c.bytes = manifest.files.iter().map(|e| e.size).sum::<u64>() + manifest_json.len() as u64;
        c.memos = memos;
        c.set_warnings(&warnings);
        c
    });
    Ok(Built {
        cache,
        reused,
        graph,
        prepared,
        held,
        sources,
        entries: manifest.files,
        ids,
        cross,
        md_targets,
        warnings,
        manifest_bytes: manifest_json.len() as u64,
        search: search_stats,
        texts: kept_texts,
        secondary: if collect_links { secondary } else { Vec::new() },
        cpu: cpu.totals(),
    })
}

/// The search index of a merged sharded output: the cluster at `root` is read again as the
/// shards saw it (`today`, `base_url` from their state), checked against their `fingerprint`,
/// and every published page's text is read from its final HTML, which `page_html` returns by
/// output path. The search files are written into `staging`; their manifest entries are
/// returned. Byte-identical to the index a single-machine build writes.
pub fn index_merged_output(
    root: &Path,
    state: &emit::ShardState,
    page_html: &(dyn Fn(&str) -> std::io::Result<Vec<u8>> + Sync),
    staging: &Staging,
) -> Result<Vec<FileEntry>, BuildError> {
    let cluster = load::load(root, Some(&state.base_url)).map_err(|d| BuildError::Invalid(d.into_sorted()))?;
    let settings = &cluster.config.search;
    let today = chrono::NaiveDate::parse_from_str(&state.today, "%Y-%m-%d").map_err(|e| {
        BuildError::Invalid(vec![Diagnostic::error(
            Path::new(emit::SIDECAR),
            "shard",
            crate::t!("pipeline-shard-bad-date", error = e.to_string()),
        )])
    })?;
    let (sources, pages, _) = scan_parse_check(&cluster, state.drafts)?;
    let (graph, _, _) = assemble_published(&cluster, pages, &sources, today, state.drafts);
    if emit::fingerprint(&cluster, &graph.pages) != state.fingerprint {
        let why = crate::t!("pipeline-shard-other-cluster", path = root.display().to_string());
        return Err(BuildError::Invalid(vec![
            Diagnostic::error(root, "shard", why).help(crate::t!("pipeline-shard-other-cluster-help")),
        ]));
    }
    if !settings.enabled {
        return Ok(Vec::new());
    }
    use rayon::prelude::*;
    let texts = graph
        .pages
        .par_iter()
        .map(|p| {
            let file = emit::url_file(&p.url);
            let html =
                page_html(&file).map_err(io(crate::t!("pipeline-cannot-read-from-shards", file = file.as_str())))?;
            Ok(Some(search::extract::from_html(&html).unwrap_or_default()))
        })
        .collect::<Result<Vec<_>, BuildError>>()?;
    let out = search::DirOutput::new(staging.dir());
    search::build(&graph, texts, settings, &out)?;
    out.take_written().map_err(io(crate::t!("pipeline-cannot-write-search")))
}

/// Files as (path in the output, contents).
type NamedFiles = Vec<(String, Vec<u8>)>;

/// The files made from the whole graph once the pages are rendered, for the sites of `shard`:
/// site maps, feeds, and for the shard that has them, the catalog exports and `_headers`.
fn secondary_files(graph: &SiteGraph<'_>, shard: &emit::Shard) -> NamedFiles {
    let cluster = graph.cluster;
    let shard_sites: Vec<usize> = (0..cluster.sites.len()).filter(|&s| shard.has_site(s)).collect();
    let mut files = sitemap_bytes(graph, &shard_sites, shard.has_cluster_files());
    files.extend(emit::feed::feed_files(graph, &shard_sites, shard.has_cluster_files()));
    if shard.has_cluster_files() {
        files.extend(crate::catalog::files(cluster, &graph.catalog.entries));
        let hashed = crate::assemble::assets::hashed_paths(&cluster.theme.static_files);
        let headers = emit::headers::headers_file(&cluster.config.content_security_policy, &hashed);
        files.push(("_headers".to_owned(), headers.into_bytes()));
    }
    files
}

/// [`sitemap_files_of`] as bytes.
pub(crate) fn sitemap_bytes(g: &SiteGraph<'_>, sites: &[usize], with_index: bool) -> NamedFiles {
    sitemap_files_of(g, sites, with_index).into_iter().map(|(path, xml)| (path, xml.into_bytes())).collect()
}

/// CPU time the parallel jobs spent in each step, summed over threads (nanoseconds).
#[derive(Debug, Default)]
pub(crate) struct JobCpu {
    render: AtomicU64,
    extract: AtomicU64,
    rewrite: AtomicU64,
    write: AtomicU64,
}

impl JobCpu {
    /// Adds the time since `since` to `counter`, returning now.
    fn add(counter: &AtomicU64, since: Instant) -> Instant {
        let now = Instant::now();
        counter.fetch_add((now - since).as_nanos() as u64, Ordering::Relaxed);
        now
    }

    fn totals(&self) -> [(&'static str, Duration); 4] {
        let d = |c: &AtomicU64| Duration::from_nanos(c.load(Ordering::Relaxed));
        [
            ("  render (thread time)", d(&self.render)),
            ("  search text (thread time)", d(&self.extract)),
            ("  rewrite (thread time)", d(&self.rewrite)),
            ("  write (thread time)", d(&self.write)),
        ]
    }
}

/// Renders, rewrites and writes one output file.
fn run_job(
    g: &SiteGraph<'_>,
    renderer: &Renderer<'_>,
    staging: &Staging,
    base_path: &str,
    job: Job,
    cpu: &JobCpu,
    collect: Collect,
) -> (Option<FileEntry>, JobOutput) {
    let mut o = render_job(g, renderer, base_path, job, Some(cpu), collect);
    let Some(html) = o.html.take() else { return (None, o) };
    let t = Instant::now();
    let written = staging.write_url(&o.url, &html);
    JobCpu::add(&cpu.write, t);
    match written {
        Ok(e) => (Some(e), o),
        Err(e) => {
            let src = job_source(g, job, &o.url);
            o.diags.push(
                Diagnostic::error(
                    &src,
                    "io",
                    crate::t!("pipeline-write-failed", url = o.url.as_str(), error = crate::messages::io_reason(&e)),
                )
                .help(crate::t!("pipeline-write-failed-help")),
            );
            (None, o)
        }
    }
}

/// The page index of a page job.
fn job_page(job: Job) -> Option<usize> {
    if let Job::Page(i) = job { Some(i) } else { None }
}

/// A page the build cache found unchanged: its previous file is linked into the staging
/// directory and its ids, anchors and search text come from the cache and the file. `None`
/// when the previous file is not there as it was written (then the page is rendered).
fn reuse_page(
    g: &SiteGraph<'_>,
    staging: &Staging,
    out: &Path,
    job: Job,
    memo: &PageMemo,
    collect: Collect,
) -> Option<(FileEntry, JobOutput)> {
    let i = job_page(job)?;
    let file = &memo.entry.path;
    if std::fs::metadata(out.join(file)).ok()?.len() != memo.entry.size || collect.links {
        return None;
    }
    let search = if collect.search {
        let html = std::fs::read(out.join(file)).ok()?;
        Some((i, search::extract::from_html(&html).unwrap_or_default()))
    } else {
        None
    };
    staging.link_from(out, file).ok()?;
    let o = JobOutput {
        url: g.pages[i].url.clone(),
        html: None,
        diags: Vec::new(),
        ids: Some(memo.ids.clone()),
        cross: memo.cross.clone(),
        md_targets: Vec::new(),
        search,
        reused: true,
    };
    Some((memo.entry.clone(), o))
}

/// The file diagnostics about a job's output name: its Markdown source, or the theme's
/// templates with the generated page's URL (the same in every language: JSON reports carry it).
fn job_source(g: &SiteGraph<'_>, job: Job, url: &str) -> PathBuf {
    match job {
        Job::Page(i) => g.pages[i].src.clone(),
        _ => PathBuf::from(format!("themes/{}/templates ({url})", g.cluster.config.theme)),
    }
}

/// What [`render_job`] gathers besides the page's bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Collect {
    /// The resolved Markdown link targets ([`JobOutput::md_targets`]), for `zhanqun serve`.
    pub(crate) links: bool,
    /// The searchable text of pages ([`JobOutput::search`]).
    pub(crate) search: bool,
}

/// Renders and rewrites one job into its final bytes, without writing them: the per-job step
/// that `build` runs for every job in parallel and `zhanqun serve` for the jobs an edit affects.
pub(crate) fn render_job(
    g: &SiteGraph<'_>,
    renderer: &Renderer<'_>,
    base_path: &str,
    job: Job,
    cpu: Option<&JobCpu>,
    collect: Collect,
) -> JobOutput {
    let url = crate::assemble::job_url(g, job).unwrap_or_else(|| "/404.html".into());
    let mut o = JobOutput {
        url,
        html: None,
        diags: Vec::new(),
        ids: None,
        cross: Vec::new(),
        md_targets: Vec::new(),
        search: None,
        reused: false,
    };
    let t = Instant::now();
    // A template error inside Tera can panic (it has, on non-ASCII map keys); one bad
    // template must fail the build with a message, not abort it.
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| renderer.render(job)))
        .unwrap_or_else(|panic| Err(render_panic(g, job, panic.as_ref())));
    let t = cpu.map_or(t, |c| JobCpu::add(&c.render, t));
    let rendered: Rendered = match rendered {
        Ok(r) => r,
        Err(d) => {
            o.diags.push(d);
            return o;
        }
    };
    o.url = rendered.url.clone();
    o.diags.extend(rendered.warnings);
    if let Job::Page(i) = job
        && collect.search
    {
        // The searchable text, read before the rewrite below, which changes attribute values
        // and never text (`rewrite::tests::rewriting_never_changes_the_searchable_text`);
        // only catalog pages have rows spliced in after it.
        o.search = Some((i, search::extract::from_page(&rendered.html).unwrap_or_default()));
    }
    let t = cpu.map_or(t, |c| JobCpu::add(&c.extract, t));
    let (link_base, source_dir) = match job {
        Job::Page(i) => {
            let p = &g.pages[i];
            let site = &g.cluster.sites[p.site];
            (format!("{}{}/", site.path, site.columns.list[p.column].path), p.src.parent().map(Path::to_path_buf))
        }
        _ => (rendered.url.clone(), None),
    };
    let ctx = rewrite::Context {
        base_path,
        page_url: &rendered.url,
        link_base: &link_base,
        source_dir,
        urls: &g.urls,
        by_src: &g.by_src,
    };
    let mut rw = rewrite::rewrite(&rendered.html, &ctx);
    if let Some(rows) = &rendered.splice {
        let marker = crate::render::ROWS_MARKER.as_bytes();
        if let Some(at) = rw.html.windows(marker.len()).position(|w| w == marker) {
            rw.html.splice(at..at + marker.len(), rows.bytes());
        }
    }
    if let Some(c) = cpu {
        JobCpu::add(&c.rewrite, t);
    }
    let src = rendered.source.clone().unwrap_or_else(|| job_source(g, job, &rendered.url));
    let line_of = |href: &str| rendered.links.iter().find(|(h, _)| h == href).map(|(_, l)| *l);
    for b in &rw.broken {
        o.diags.push(broken_link(&src, line_of(&b.href), &b.href, &b.reason));
    }
    for (href, target, fragment) in rw.cross_anchors {
        o.cross.push(CrossRef { src: src.clone(), line: line_of(&href), href, target, fragment });
    }
    if collect.links {
        for (href, _) in &rendered.links {
            if let rewrite::Resolved::Internal { path, .. } = rewrite::resolve(href, &ctx) {
                o.md_targets.push(path);
            }
        }
        o.md_targets.sort();
        o.md_targets.dedup();
    }
    if matches!(job, Job::Page(_) | Job::Catalog { .. }) {
        o.ids = Some(rw.ids);
    }
    o.html = Some(rw.html);
    o
}

/// The diagnostic for a render that panicked.
fn render_panic(g: &SiteGraph<'_>, job: Job, panic: &(dyn std::any::Any + Send)) -> Diagnostic {
    let what = panic.downcast_ref::<String>().map(String::as_str).or(panic.downcast_ref::<&str>().copied());
    let url = crate::assemble::job_url(g, job).unwrap_or_else(|| "/404.html".into());
    Diagnostic::error(
        format!("themes/{}/templates", g.cluster.config.theme),
        "template",
        crate::t!(
            "pipeline-render-crashed",
            url = url,
            what = what.map_or_else(|| crate::t!("pipeline-render-crashed-unknown"), str::to_owned)
        ),
    )
    .help(crate::t!("pipeline-render-crashed-help"))
}

/// The sitemap files of the sites `sites`, and with `with_index` `sitemap_index.xml` and
/// `robots.txt` (which name every site's files). Each site lists its home, its list columns,
/// then its pages column by column, newest first.
pub(crate) fn sitemap_files_of(g: &SiteGraph<'_>, sites: &[usize], with_index: bool) -> Vec<(String, String)> {
    let cfg = &g.cluster.config;
    let prefix = format!("{}{}", cfg.origin().unwrap_or_default(), cfg.base_path());
    let abs = |url: &str| format!("{prefix}{}", url.trim_start_matches('/'));
    let mut files = Vec::new();
    for &s in sites {
        let site = &g.cluster.sites[s];
        let mut entries: Vec<(String, Option<String>)> = vec![(abs(&site.path), None)];
        for (c, col) in site.columns.list.iter().enumerate() {
            if col.kind != ColumnKind::Page {
                entries.push((abs(&g.column_url(s, c)), None));
            }
        }
        for c in 0..site.columns.list.len() {
            let own = site_column_pages(g, s, c);
            entries.extend(own.map(|i| (abs(&g.pages[i].url), Some(g.pages[i].meta.date.iso_day()))));
        }
        files.extend(emit::sitemaps(&site.path, &entries));
    }
    if !with_index {
        return files;
    }
    let mut per_site = vec![0usize; g.cluster.sites.len()];
    for p in &g.pages {
        per_site[p.site] += 1;
    }
    let mut locs = Vec::new();
    for (s, site) in g.cluster.sites.iter().enumerate() {
        let lists = site.columns.list.iter().filter(|c| c.kind != ColumnKind::Page).count();
        locs.extend(
            emit::sitemap_names(&site.path, 1 + lists + per_site[s]).into_iter().map(|n| format!("{prefix}{n}")),
        );
    }
    files.push(("sitemap_index.xml".to_owned(), emit::sitemap_index(&locs)));
    files.push(("robots.txt".to_owned(), emit::robots_txt(&format!("{prefix}sitemap_index.xml"))));
    files
}

/// The pages of column `c` of site `s` itself (not its sub-columns), newest first.
fn site_column_pages<'g>(g: &'g SiteGraph<'_>, s: usize, c: usize) -> Box<dyn Iterator<Item = usize> + 'g> {
    if g.cluster.sites[s].columns.list[c].kind == ColumnKind::Page {
        Box::new(g.single[s].get(&c).copied().into_iter())
    } else {
        Box::new(g.lists[s][c].iter().copied().filter(move |&i| g.pages[i].column == c))
    }
}

/// Refuses output directories whose replacement would destroy the cluster or unrelated files.
pub(crate) fn guard_output(root: &Path, out: &Path) -> Result<(), BuildError> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root_c, out_c) = (canon(root), canon(out));
    let unsafe_out = |why: &str| BuildError::UnsafeOutput { path: out.to_path_buf(), why: why.into() };
    if root_c.starts_with(&out_c) {
        return Err(unsafe_out(&crate::t!("pipeline-out-contains-root")));
    }
    for dir in ["content", "sites", "themes"] {
        if out_c.starts_with(root_c.join(dir)) {
            return Err(unsafe_out(&crate::t!("pipeline-out-inside", dir = dir)));
        }
    }
    if out.is_dir()
        && !out.join("manifest.json").exists()
        && std::fs::read_dir(out).map(|mut d| d.next().is_some()).unwrap_or(false)
    {
        return Err(unsafe_out(&crate::t!("pipeline-out-not-empty")));
    }
    Ok(())
}
