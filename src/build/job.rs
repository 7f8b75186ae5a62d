//! The per-page step: render, rewrite and write one output file ([`run_job`]); `serve` runs
//! the same [`render_job`] for the pages an edit affects.

use super::clock::JobCpu;
use crate::assemble::{Job, SiteGraph};
use crate::diagnostic::Diagnostic;
use crate::emit::{FileEntry, Staging};
use crate::render::{Rendered, Renderer};
use crate::rewrite::{self, CrossRef, broken_link};
use crate::search;
use std::path::{Path, PathBuf};
use std::time::Instant;

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
    pub(crate) ids: Option<crate::rewrite::Ids>,
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
    /// A feed entry's body, from [`crate::render::Rendered::feed_body`].
    pub(crate) feed_body: Option<(String, String)>,
    /// With [`Collect::record`]: the links its rewrite resolved against the build's URLs, for
    /// its key in the build cache.
    pub(crate) links: Option<Box<PageLinks>>,
}

/// The links a job's rewrite resolved against the build's URLs, and how they resolved: the
/// part of its cache key that follows the rest of the cluster.
#[derive(Debug)]
pub(crate) struct PageLinks {
    /// The links, as written, sorted, each once.
    pub(crate) links: Vec<String>,
    /// The shared parts spliced in, with their links (the cache keeps a table of them).
    pub(crate) chromes: Vec<std::sync::Arc<crate::rewrite::ChromeLinks>>,
    /// [`crate::cache::links::digest_now`].
    pub(crate) digest: [u8; 32],
}

/// What the build cache remembers of a job whose file it may reuse next time: its key, and
/// for a page or generated page the links its key follows.
pub(crate) struct Memo {
    /// Its key.
    pub(crate) key: String,
    /// Its links ([`crate::cache::PageMemo::links`]).
    pub(crate) links: Option<crate::cache::MemoLinks>,
    /// The shared parts they name, when this build rewrote them.
    pub(crate) chromes: Vec<std::sync::Arc<crate::rewrite::ChromeLinks>>,
}

impl Memo {
    /// The memo of a job rendered now whose key has base `base`; none without a base or its
    /// links (taken from `o`), or when they cannot be kept.
    pub(crate) fn rendered(base: Option<&str>, o: &mut JobOutput) -> Option<Memo> {
        let links = o.links.take()?;
        let key = crate::cache::memo::linked_key(base?, &links.digest);
        let kept = crate::cache::MemoLinks::made(&links.links, links.chromes.iter().map(|c| c.id).collect())?;
        Some(Memo { key, links: Some(kept), chromes: links.chromes })
    }

    /// The memo of a job reused from the previous build.
    pub(crate) fn reused(key: String, links: Option<crate::cache::LinkRecord>) -> Memo {
        Memo { key, links: links.map(crate::cache::MemoLinks::Kept), chromes: Vec::new() }
    }
}

impl JobOutput {
    /// The output of the job at `url`, before anything is known of it.
    fn empty(url: String) -> JobOutput {
        JobOutput {
            url,
            html: None,
            diags: Vec::new(),
            ids: None,
            cross: Vec::new(),
            md_targets: Vec::new(),
            search: None,
            reused: false,
            feed_body: None,
            links: None,
        }
    }

    /// The output of generated job `job` at `url`, whose rendered HTML the build cache found
    /// unchanged: not rewritten, with the ids and anchors the cache kept.
    pub(crate) fn generated_reused(job: Job, url: String, ids: crate::rewrite::Ids, cross: Vec<CrossRef>) -> JobOutput {
        let mut o = JobOutput::empty(url);
        o.ids = matches!(job, Job::Catalog { .. }).then_some(ids);
        o.cross = cross;
        o
    }

    /// The output of page `i`, which the build cache found unchanged: not rendered, with the
    /// ids, anchors and text the cache kept.
    pub(crate) fn reused(
        g: &SiteGraph<'_>,
        i: usize,
        ids: crate::rewrite::Ids,
        cross: Vec<CrossRef>,
        text: Option<search::PageText>,
    ) -> JobOutput {
        JobOutput {
            url: g.pages[i].url.clone(),
            html: None,
            diags: Vec::new(),
            ids: Some(ids),
            cross,
            md_targets: Vec::new(),
            search: text.map(|t| (i, t)),
            reused: true,
            feed_body: None,
            links: None,
        }
    }
}

/// What the render step keeps of a job's output once its file is written and its feed body and
/// searchable text went on, until every job is done: its URL and ids, and the rest — seldom
/// anything — boxed. At 100,000 pages, whole outputs held until then were ~39 MB of the
/// build's memory; these are ~60 bytes a job.
pub(crate) struct Decided {
    /// [`JobOutput::url`].
    pub(crate) url: String,
    /// [`JobOutput::ids`].
    pub(crate) ids: Option<crate::rewrite::Ids>,
    /// [`JobOutput::reused`].
    pub(crate) reused: bool,
    /// The rest, when any of it is not empty.
    pub(crate) rest: Option<Box<Leftover>>,
}

/// The seldom-filled part of a [`Decided`] job.
pub(crate) struct Leftover {
    /// [`JobOutput::diags`].
    pub(crate) diags: Vec<Diagnostic>,
    /// [`JobOutput::cross`].
    pub(crate) cross: Vec<CrossRef>,
    /// [`JobOutput::md_targets`].
    pub(crate) md_targets: Vec<String>,
    /// [`JobOutput::search`].
    pub(crate) search: Option<(usize, search::PageText)>,
}

impl JobOutput {
    /// What is kept of this output once its file is written ([`Decided`]).
    pub(crate) fn decided(self) -> Decided {
        let JobOutput { url, ids, reused, diags, cross, md_targets, search, .. } = self;
        let any = !(diags.is_empty() && cross.is_empty() && md_targets.is_empty() && search.is_none());
        Decided { url, ids, reused, rest: any.then(|| Box::new(Leftover { diags, cross, md_targets, search })) }
    }
}

/// Renders, rewrites and writes one output file.
pub(crate) fn run_job(
    g: &SiteGraph<'_>,
    renderer: &Renderer<'_>,
    staging: &Staging,
    base_path: &str,
    job: Job,
    cpu: &JobCpu,
    collect: Collect,
) -> (Option<FileEntry>, JobOutput) {
    let o = render_job(g, renderer, base_path, job, Some(cpu), collect);
    write_job(g, staging, job, o, cpu)
}

/// Runs a generated job (a list, home, catalog page…) under the build cache: the base of its
/// key is taken from what its template would receive (`keyer`, see
/// [`crate::render::Prepared::bind_keys`]), and when the previous build wrote the page under
/// that base, its links resolving as they did then, its file is linked from the previous
/// output `out`; else it is rendered, rewritten and written. With no previous pages to
/// reuse, it is rendered by `keyed` (see [`crate::render::Prepared::bind_keyed`]), which gives
/// the base with the HTML. Its file, its output and what the cache is to remember.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_generated_job(
    cache: &crate::cache::CacheRun,
    g: &SiteGraph<'_>,
    renderer: &Renderer<'_>,
    keyer: &Renderer<'_>,
    keyed: &Renderer<'_>,
    staging: &Staging,
    out: &Path,
    base_path: &str,
    job: Job,
    cpu: &JobCpu,
    collect: Collect,
) -> (Option<FileEntry>, JobOutput, Option<Memo>) {
    if !cache.has_previous_pages() {
        let (base, o) = match render_only(g, keyed, job, Some(cpu)) {
            Ok(rendered) => {
                (cache.generated_base(&rendered), rewrite_job(g, base_path, job, rendered, Some(cpu), collect))
            }
            Err(o) => (None, *o),
        };
        let (entry, mut o) = write_job(g, staging, job, o, cpu);
        let memo = Memo::rendered(base.as_deref(), &mut o).filter(|_| entry.is_some() && o.diags.is_empty());
        return (entry, o, memo);
    }
    let t = Instant::now();
    let keyed = render_only(g, keyer, job, None).ok();
    JobCpu::add(&cpu.key, t);
    let base = keyed.as_ref().and_then(|k| cache.generated_base(k));
    if let (Some(keyed), Some(base)) = (keyed, base.as_deref()) {
        let with_ctx = |f: &mut dyn FnMut(&rewrite::Context<'_>)| with_link_context(g, base_path, job, &keyed.url, f);
        if let Some(r) = cache.take_linked(staging, out, &keyed.url, base, &with_ctx, false) {
            let o = JobOutput::generated_reused(job, keyed.url, r.ids, r.cross);
            return (Some(r.entry), o, Some(Memo::reused(r.key, r.links)));
        }
    }
    let (entry, mut o) = run_job(g, renderer, staging, base_path, job, cpu, collect);
    let memo = Memo::rendered(base.as_deref(), &mut o).filter(|_| entry.is_some() && o.diags.is_empty());
    (entry, o, memo)
}

/// Where the links of job `job`, whose output is at `url`, resolve from: the directory URL
/// relative links start at (the Markdown file's column for a page, the page itself else) and
/// a page's Markdown directory (for links to `.md` files).
pub(crate) fn link_dirs(g: &SiteGraph<'_>, job: Job, url: &str) -> (String, Option<PathBuf>) {
    match job {
        Job::Page(i) => {
            let p = &g.pages[i];
            let site = &g.cluster.sites[p.site];
            (format!("{}{}/", site.path, site.columns.list[p.column].path), p.src.parent().map(Path::to_path_buf))
        }
        _ => (url.to_owned(), None),
    }
}

/// Calls `f` with the context the links of job `job`, whose output is at `url`, resolve in.
pub(crate) fn with_link_context(
    g: &SiteGraph<'_>,
    base_path: &str,
    job: Job,
    url: &str,
    f: &mut dyn FnMut(&rewrite::Context<'_>),
) {
    let (link_base, source_dir) = link_dirs(g, job, url);
    f(&link_context(g, base_path, url, &link_base, source_dir));
}

/// The context the links of the output at `url` resolve in ([`link_dirs`] gives the rest).
pub(crate) fn link_context<'a>(
    g: &'a SiteGraph<'_>,
    base_path: &'a str,
    url: &'a str,
    link_base: &'a str,
    source_dir: Option<PathBuf>,
) -> rewrite::Context<'a> {
    rewrite::Context { base_path, page_url: url, link_base, source_dir, urls: &g.urls, by_src: &g.by_src }
}

/// Writes the bytes of a job's output into `staging`.
pub(crate) fn write_job(
    g: &SiteGraph<'_>,
    staging: &Staging,
    job: Job,
    mut o: JobOutput,
    cpu: &JobCpu,
) -> (Option<FileEntry>, JobOutput) {
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
pub(crate) fn job_page(job: Job) -> Option<usize> {
    if let Job::Page(i) = job { Some(i) } else { None }
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
    /// The links resolved against the build's URLs ([`JobOutput::links`]), for the build cache.
    pub(crate) record: bool,
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
    match render_only(g, renderer, job, cpu) {
        Ok(rendered) => rewrite_job(g, base_path, job, rendered, cpu, collect),
        Err(o) => *o,
    }
}

/// Renders one job from the theme's templates (before the rewrite); its output with the
/// diagnostic when rendering failed.
pub(crate) fn render_only(
    g: &SiteGraph<'_>,
    renderer: &Renderer<'_>,
    job: Job,
    cpu: Option<&JobCpu>,
) -> Result<Rendered, Box<JobOutput>> {
    let t = Instant::now();
    // A template error inside Tera can panic (it has, on non-ASCII map keys); one bad
    // template must fail the build with a message, not abort it.
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| renderer.render(job)))
        .unwrap_or_else(|panic| Err(render_panic(g, job, panic.as_ref())));
    if let Some(c) = cpu {
        JobCpu::add(&c.render, t);
    }
    rendered.map_err(|d| {
        let mut o = JobOutput::empty(crate::assemble::job_url(g, job).unwrap_or_else(|| "/404.html".into()));
        o.diags.push(d);
        Box::new(o)
    })
}

/// The rest of [`render_job`] once `rendered`: the searchable text read, the links rewritten
/// and checked, the catalog rows spliced in.
pub(crate) fn rewrite_job(
    g: &SiteGraph<'_>,
    base_path: &str,
    job: Job,
    mut rendered: Rendered,
    cpu: Option<&JobCpu>,
    collect: Collect,
) -> JobOutput {
    let t = Instant::now();
    let mut o = JobOutput::empty(rendered.url.clone());
    o.feed_body = rendered.feed_body.take();
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
    let (link_base, source_dir) = link_dirs(g, job, &rendered.url);
    let ctx = link_context(g, base_path, &rendered.url, &link_base, source_dir);
    let mut rw = rewrite::rewrite(&rendered.html, &ctx);
    if collect.record {
        let mut links = std::mem::take(&mut rw.links);
        links.sort_unstable();
        links.dedup();
        let chromes = std::mem::take(&mut rw.chromes);
        let digest = crate::cache::links::digest_now(&links, &chromes, &ctx);
        o.links = Some(Box::new(PageLinks { links, chromes, digest }));
    }
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
        o.ids = Some(rw.ids.into());
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
