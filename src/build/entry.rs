//! The entry points: `zhanqun build` ([`build`]) and the reports on the content that need no
//! rendering ([`analyse`]).

use super::{Build, BuildError, Mode};
use crate::assemble::{ScheduledPage, draft_files};
use crate::diagnostic::Diagnostic;
use crate::{load, parse, search};
use std::path::{Path, PathBuf};
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
    /// Incremental by default; [`Mode::Full`] with `--no-cache`, [`Mode::Shard`] with
    /// `--sites`.
    pub mode: Mode,
    /// Sign `manifest.json` with this ed25519 key (hex seed, from `ZHANQUN_SIGNING_KEY`).
    pub signing_key: Option<String>,
    /// Write a `.gz` copy beside every text file (`--precompress`, for nginx `gzip_static`).
    pub precompress: bool,
    /// Keep the build cache in this directory instead of `<root>/.zhanqun-cache`
    /// (`--cache-dir`): a CI runner keeps it, with the output, outside the fresh checkout.
    pub cache_dir: Option<PathBuf>,
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

/// Builds the cluster at `opts.root` into `opts.out`, on `opts.jobs` threads.
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

fn build_in_pool(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let root = &opts.root;
    let out = opts.out.clone().unwrap_or_else(|| root.join("public"));
    let cluster = load::load(root, opts.base_url.as_deref()).map_err(|d| BuildError::Invalid(d.into_sorted()))?;
    crate::emit::guard_output(root, &out)?;
    if let Some(dir) = &opts.cache_dir {
        guard_cache_dir(root, &out, dir)?;
    }
    let today = cluster.config.clock.today_or(opts.today);
    let mut build = Build::new(&cluster, out.clone(), today, opts.mode.clone())
        .drafts(opts.drafts)
        .precompress(opts.precompress)
        .cache_dir(opts.cache_dir.clone())
        .progress(opts.progress);
    build.clock.lap("load");
    if let Some(mut old) = build.up_to_date() {
        // 100,000 input stamps: freed off the critical path.
        crate::parallel::drop_later(std::mem::take(&mut old.inputs));
        super::sign(&out, opts.signing_key.as_deref())?;
        return Ok(BuildReport {
            pages: old.pages,
            warnings: old.warnings(),
            scheduled: old.scheduled,
            drafts: old.drafts,
            drafts_included: opts.drafts,
            files: old.files,
            bytes: old.bytes,
            elapsed: started.elapsed(),
            out,
            timings: build.clock.laps,
            search: None,
            up_to_date: true,
            reused: old.pages,
        });
    }
    let built = build.run()?;
    super::sign(&out, opts.signing_key.as_deref())?;
    let mut timings = built.timings;
    if let Some(s) = &built.search {
        timings.push(("  search tokenize (thread time)", s.early_tokenize));
    }
    let report = BuildReport {
        pages: built.graph.pages.len(),
        scheduled: ScheduledPage::list(&built.held, opts.drafts),
        drafts: draft_files(&built.graph.pages, &built.held),
        drafts_included: opts.drafts,
        files: built.entries.len() + 1,
        bytes: built.entries.iter().map(|e| e.size).sum::<u64>() + built.manifest_bytes,
        warnings: built.warnings,
        elapsed: started.elapsed(),
        out,
        timings,
        search: built.search,
        up_to_date: false,
        reused: built.reused,
    };
    let mut graph = built.graph;
    use std::mem::take;
    // The graph borrows the cluster; what it owns is freed apart.
    crate::parallel::drop_later((
        (take(&mut graph.pages), take(&mut graph.lists), take(&mut graph.neighbours), take(&mut graph.urls)),
        (take(&mut graph.by_src), take(&mut graph.catalog), take(&mut graph.single)),
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

/// Refuses a cache directory that a build would replace (inside the output or its spare tree,
/// see [`crate::emit::Staging`]), read as input (inside `content/`, `sites/`, `themes/`) or
/// that holds the cluster itself.
fn guard_cache_dir(root: &Path, out: &Path, dir: &Path) -> Result<(), BuildError> {
    let canon = |p: &Path| {
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        abs.canonicalize().unwrap_or(abs)
    };
    let (root_c, out_c, dir_c) = (canon(root), canon(out), canon(dir));
    let refuse = |why: String| Err(BuildError::UnsafeCacheDir { path: dir.to_path_buf(), why });
    if root_c.starts_with(&dir_c) {
        return refuse(crate::t!("pipeline-cache-dir-contains-root"));
    }
    let spare = out_c.file_name().map(|n| out_c.with_file_name(format!(".{}.spare", n.to_string_lossy())));
    if dir_c.starts_with(&out_c) || spare.is_some_and(|s| dir_c.starts_with(s)) {
        return refuse(crate::t!("pipeline-cache-dir-in-output", out = out.display().to_string()));
    }
    for inside in ["content", "sites", "themes"] {
        if dir_c.starts_with(root_c.join(inside)) {
            return refuse(crate::t!("pipeline-cache-dir-inside", dir = inside));
        }
    }
    Ok(())
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
    let today = cluster.config.clock.today_or(None);
    let (_, mut pages, diags) = Build::new(&cluster, root.join("public"), today, Mode::Full).read()?;
    // Drafts are not published: reports on the content leave them out.
    pages.retain(|p| !p.meta.draft);
    Ok(Analysis { cluster, pages, warnings: diags.into_sorted() })
}
