//! The build, as data flowing through the stages: load → scan → parse → check → assemble →
//! render → rewrite → emit. Nothing is written to the output until every page rendered and
//! every link resolved.

use crate::assemble::{self, Job, SiteGraph};
use crate::check;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit::{self, FileEntry, Manifest, Staging};
use crate::load::{self, ColumnKind};
use crate::parse;
use crate::render::{Rendered, Renderer};
use crate::rewrite;
use crate::scan;
use rayon::prelude::*;
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
    /// The day the build runs as (`--today`), for review notices; the real date by default.
    pub today: Option<chrono::NaiveDate>,
    /// Render only these sites (`--sites`, one shard of a sharded CI build); all by default.
    pub sites: Option<Vec<String>>,
}

/// What a successful build produced.
#[derive(Debug)]
pub struct BuildReport {
    /// Markdown pages built.
    pub pages: usize,
    /// Pages left out because their publish date is after `--today` (scheduled publishing).
    pub scheduled: usize,
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
}

/// Records the wall time of consecutive pipeline stages.
#[derive(Debug)]
struct StageClock {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl StageClock {
    fn start() -> Self {
        StageClock { last: Instant::now(), laps: Vec::new() }
    }

    /// Ends the stage named `stage` now.
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The input has errors; every finding is listed (warnings too).
    #[error("the build found {} error(s) in the input; public/ was not changed", .0.iter().filter(|d| d.is_error()).count())]
    Invalid(Vec<Diagnostic>),
    /// The output could not be written.
    #[error("{context}")]
    Io {
        /// What was being done.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The output directory would destroy something that is not a previous build.
    #[error("refusing to write to {path}: {why}")]
    UnsafeOutput {
        /// The output path.
        path: PathBuf,
        /// Why it is refused.
        why: String,
    },
    /// The thread pool could not be created.
    #[error("cannot start {0} worker threads")]
    Threads(usize),
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

/// Runs load → scan → parse → check on the cluster at `root`, without rendering.
pub fn analyse(root: &Path) -> Result<Analysis, BuildError> {
    let cluster = load::load(root, None).map_err(|d| BuildError::Invalid(d.into_sorted()))?;
    let mut diags = Diagnostics::default();
    let sources = scan::scan(&cluster, &mut diags);
    let pages = parse::parse_pages(&cluster, &sources, &mut diags);
    check::check(&cluster, &pages, &mut diags);
    if diags.has_errors() {
        return Err(BuildError::Invalid(diags.into_sorted()));
    }
    Ok(Analysis { cluster, pages, warnings: diags.into_sorted() })
}

/// The result of one job, gathered after the parallel phase.
struct JobOutput {
    entry: Option<FileEntry>,
    diags: Vec<Diagnostic>,
    ids: Option<(String, Vec<String>)>,
    cross: Vec<(PathBuf, Option<usize>, String, String, String)>,
}

fn build_in_pool(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut clock = StageClock::start();
    let root = &opts.root;
    let out = opts.out.clone().unwrap_or_else(|| root.join("public"));
    let cluster = load::load(root, opts.base_url.as_deref()).map_err(|d| BuildError::Invalid(d.into_sorted()))?;
    guard_output(root, &out)?;
    clock.lap("load");
    let mut diags = Diagnostics::default();
    let sources = scan::scan(&cluster, &mut diags);
    clock.lap("scan");
    let pages = parse::parse_pages(&cluster, &sources, &mut diags);
    clock.lap("parse");
    check::check(&cluster, &pages, &mut diags);
    clock.lap("check");
    if diags.has_errors() {
        return Err(BuildError::Invalid(diags.into_sorted()));
    }
    // Scheduled publishing: a page dated after `today` is left out of every output until a
    // build runs on or after its date; links to it are reported with that date.
    let today = opts.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let (pages, scheduled): (Vec<_>, Vec<_>) = pages.into_iter().partition(|p| p.meta.date.day <= today);
    let mut graph = assemble::assemble(&cluster, pages, &sources);
    for p in &scheduled {
        graph.urls.schedule(p.url.clone(), p.meta.date.iso_day());
        graph.by_src.insert(p.src.clone(), p.url.clone());
    }
    let graph = graph;
    let renderer = Renderer::new(&graph, today).map_err(|d| BuildError::Invalid(vec![d]))?;
    clock.lap("assemble");
    let staging =
        Staging::create(&out).map_err(io(format!("cannot create a staging directory next to {}", out.display())))?;
    let shard = emit::Shard::of(&cluster, opts.sites.as_deref()).map_err(BuildError::Invalid)?;
    let jobs: Vec<Job> = graph.jobs().into_iter().filter(|&j| shard.has_job(&graph, j)).collect();
    let bar = opts.progress.start("rendering", jobs.len() as u64);
    let base_path = cluster.config.base_path();
    let cpu = JobCpu::default();
    let outputs: Vec<JobOutput> = jobs
        .par_iter()
        .map(|&job| {
            let r = run_job(&graph, &renderer, &staging, &base_path, job, &cpu);
            bar.inc();
            r
        })
        .collect();
    bar.finish();
    clock.lap("render+rewrite+write (parallel)");

    let mut entries = Vec::with_capacity(outputs.len() + 64);
    let mut ids: HashMap<String, Vec<String>> = HashMap::new();
    let mut cross = Vec::new();
    for o in outputs {
        entries.extend(o.entry);
        diags.extend(o.diags);
        if let Some((url, i)) = o.ids {
            ids.insert(url, i);
        }
        cross.extend(o.cross);
    }
    let mut pending = Vec::new();
    for (src, line, href, target, fragment) in cross {
        match ids.get(&target) {
            // Another shard renders the target: `merge` checks the anchor.
            None if !shard.is_whole() => pending.push(emit::PendingAnchor { src, line, href, target, fragment }),
            Some(i) if i.contains(&fragment) => {}
            _ => diags.push(broken_link(&src, line, &href, &format!("{target} has no element with id `{fragment}`"))),
        }
    }
    let copied: Vec<Result<FileEntry, BuildError>> = graph
        .assets
        .par_iter()
        .filter(|a| shard.has_site(a.site))
        .map(|a| {
            let bytes = std::fs::read(&a.abs).map_err(io(format!("cannot read {}", a.src.display())))?;
            staging.write(a.url.trim_start_matches('/'), &bytes).map_err(io("cannot write to the staging directory"))
        })
        .collect();
    for c in copied {
        entries.push(c?);
    }
    for (path, bytes) in &cluster.theme.static_files {
        entries.push(
            staging.write(&format!("static/{path}"), bytes).map_err(io("cannot write to the staging directory"))?,
        );
    }
    if diags.has_errors() {
        return Err(BuildError::Invalid(diags.into_sorted()));
    }
    clock.lap("links+assets");
    entries.extend(write_sitemaps(&graph, &staging, &shard)?);
    if shard.has_cluster_files() {
        for (path, bytes) in crate::catalog::files(&cluster, &graph.catalog.entries) {
            entries.push(staging.write(&path, &bytes).map_err(io(format!("cannot write {path}")))?);
        }
    }
    if !shard.is_whole() {
        let fingerprint = emit::fingerprint(&cluster, &graph.pages);
        let state = emit::ShardState { fingerprint, ids: ids.into_iter().collect(), pending };
        let json = serde_json::to_vec(&state).expect("shard state serializes");
        staging.write(emit::SIDECAR, &json).map_err(io("cannot write the shard state"))?;
    }
    let manifest = Manifest::new(entries);
    let manifest_json = manifest.to_json();
    staging.write("manifest.json", manifest_json.as_bytes()).map_err(io("cannot write manifest.json"))?;
    let (files, bytes) = (manifest.count + 1, manifest.bytes + manifest_json.len() as u64);
    clock.lap("sitemaps+catalogs+manifest");
    staging.commit().map_err(io(format!("cannot move the new build into {}", out.display())))?;
    clock.lap("commit");
    let mut timings = clock.laps;
    timings.extend(cpu.totals());
    Ok(BuildReport {
        pages: graph.pages.len(),
        scheduled: scheduled.len(),
        files,
        bytes,
        warnings: diags.into_sorted(),
        elapsed: started.elapsed(),
        out,
        timings,
    })
}

/// CPU time the parallel jobs spent in each step, summed over threads (nanoseconds).
#[derive(Debug, Default)]
struct JobCpu {
    render: AtomicU64,
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

    fn totals(&self) -> [(&'static str, Duration); 3] {
        let d = |c: &AtomicU64| Duration::from_nanos(c.load(Ordering::Relaxed));
        [
            ("  render (thread time)", d(&self.render)),
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
) -> JobOutput {
    let mut o = JobOutput { entry: None, diags: Vec::new(), ids: None, cross: Vec::new() };
    let t = Instant::now();
    // A template error inside Tera can panic (it has, on non-ASCII map keys); one bad
    // template must fail the build with a message, not abort it.
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| renderer.render(job)))
        .unwrap_or_else(|panic| Err(render_panic(g, job, panic.as_ref())));
    let t = JobCpu::add(&cpu.render, t);
    let rendered: Rendered = match rendered {
        Ok(r) => r,
        Err(d) => {
            o.diags.push(d);
            return o;
        }
    };
    o.diags.extend(rendered.warnings);
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
    let t = JobCpu::add(&cpu.rewrite, t);
    let src = rendered.source.clone().unwrap_or_else(|| {
        PathBuf::from(format!("themes/{}/templates (page {})", g.cluster.config.theme, rendered.url))
    });
    let line_of = |href: &str| rendered.links.iter().find(|(h, _)| h == href).map(|(_, l)| *l);
    for b in &rw.broken {
        o.diags.push(broken_link(&src, line_of(&b.href), &b.href, &b.reason));
    }
    for (href, target, fragment) in rw.cross_anchors {
        o.cross.push((src.clone(), line_of(&href), href, target, fragment));
    }
    let written = staging.write_url(&rendered.url, &rw.html);
    JobCpu::add(&cpu.write, t);
    match written {
        Ok(e) => o.entry = Some(e),
        Err(e) => o.diags.push(
            Diagnostic::error(&src, "io", format!("cannot write {}: {e}", rendered.url))
                .help("check free disk space and permissions"),
        ),
    }
    if matches!(job, Job::Page(_) | Job::Catalog { .. }) {
        o.ids = Some((rendered.url, rw.ids));
    }
    o
}

/// The diagnostic for a render that panicked.
fn render_panic(g: &SiteGraph<'_>, job: Job, panic: &(dyn std::any::Any + Send)) -> Diagnostic {
    let what = panic.downcast_ref::<String>().map(String::as_str).or(panic.downcast_ref::<&str>().copied());
    let url = crate::assemble::job_url(g, job).unwrap_or_else(|| "/404.html".into());
    Diagnostic::error(
        format!("themes/{}/templates", g.cluster.config.theme),
        "template",
        format!("rendering {url} crashed: {}", what.unwrap_or("unknown error")),
    )
    .help("simplify the template expression named above (Tera cannot index maps by non-ASCII keys)")
}

fn broken_link(src: &Path, line: Option<usize>, href: &str, reason: &str) -> Diagnostic {
    Diagnostic::error(src, "link", format!("broken link `{href}`: {reason}"))
        .at_opt(line)
        .help("link to an existing page with a root-relative URL such as /jyj/zwdt/gzdt/<slug>/, or to a .md file relative to this one")
}

fn write_sitemaps(g: &SiteGraph<'_>, staging: &Staging, shard: &emit::Shard) -> Result<Vec<FileEntry>, BuildError> {
    let cfg = &g.cluster.config;
    let prefix = format!("{}{}", cfg.origin().unwrap_or_default(), cfg.base_path());
    let abs = |url: &str| format!("{prefix}{}", url.trim_start_matches('/'));
    let mut per_site: Vec<Vec<(String, Option<String>)>> = vec![Vec::new(); g.cluster.sites.len()];
    for (s, site) in g.cluster.sites.iter().enumerate() {
        per_site[s].push((abs(&site.path), None));
        for (c, col) in site.columns.list.iter().enumerate() {
            if col.kind != ColumnKind::Page {
                per_site[s].push((abs(&g.column_url(s, c)), None));
            }
        }
    }
    for p in &g.pages {
        per_site[p.site].push((abs(&p.url), Some(p.meta.date.iso_day())));
    }
    let mut entries = Vec::new();
    let mut locs = Vec::new();
    for (s, site) in g.cluster.sites.iter().enumerate() {
        for (path, xml) in emit::sitemaps(&site.path, &per_site[s]) {
            locs.push(format!("{prefix}{path}"));
            if shard.has_site(s) {
                entries.push(staging.write(&path, xml.as_bytes()).map_err(io("cannot write a sitemap"))?);
            }
        }
    }
    if !shard.has_cluster_files() {
        return Ok(entries);
    }
    let index = emit::sitemap_index(&locs);
    entries.push(staging.write("sitemap_index.xml", index.as_bytes()).map_err(io("cannot write sitemap_index.xml"))?);
    let robots = emit::robots_txt(&format!("{prefix}sitemap_index.xml"));
    entries.push(staging.write("robots.txt", robots.as_bytes()).map_err(io("cannot write robots.txt"))?);
    Ok(entries)
}

/// Refuses output directories whose replacement would destroy the cluster or unrelated files.
fn guard_output(root: &Path, out: &Path) -> Result<(), BuildError> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root_c, out_c) = (canon(root), canon(out));
    let unsafe_out = |why: &str| BuildError::UnsafeOutput { path: out.to_path_buf(), why: why.into() };
    if root_c.starts_with(&out_c) {
        return Err(unsafe_out("it contains the cluster itself; choose a separate directory such as public/"));
    }
    for dir in ["content", "sites", "themes"] {
        if out_c.starts_with(root_c.join(dir)) {
            return Err(unsafe_out(&format!("it lies inside {dir}/; choose a separate directory such as public/")));
        }
    }
    if out.is_dir()
        && !out.join("manifest.json").exists()
        && std::fs::read_dir(out).map(|mut d| d.next().is_some()).unwrap_or(false)
    {
        return Err(unsafe_out(
            "it is not empty and holds no manifest.json from an earlier build; empty it or choose another directory",
        ));
    }
    Ok(())
}
