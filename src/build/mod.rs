//! The build: one [`Build`] runs the pipeline's named steps over a loaded cluster — scan, parse,
//! check, assemble, render (with rewrite and write, page by page in parallel), emit, index —
//! in a [`Mode`] (full, incremental, shard, serve) that `build`, `merge` and `serve` choose.
//! Each step's work lives in its stage module; this module only orders the steps and hands
//! their data on. Nothing replaces the output until every page rendered and every link
//! resolved.

mod clock;
mod entry;
mod error;
mod job;
mod memory;

pub(crate) use clock::StageClock;
pub use entry::{Analysis, BuildOptions, BuildReport, analyse, build};
pub use error::BuildError;
pub(crate) use job::{Collect, JobOutput, render_job};

use crate::assemble::{Job, ScheduledPage, SiteGraph, assemble_published, draft_files, held_as_draft};
use crate::cache::{BuildCache, CacheRun};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit::{self, FileEntry, Manifest, NamedFiles, Shard, Staging};
use crate::load::Cluster;
use crate::parse::Page;
use crate::render::Prepared;
use crate::rewrite::CrossRef;
use crate::scan::SourceFile;
use crate::{check, parse, scan, search};
use clock::JobCpu;
use error::io;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What kind of build runs: which pages are rendered, what is reused and what is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Every page rendered; the build cache is neither read nor written (`build --no-cache`).
    Full,
    /// Every page, but the pages the build cache found unchanged are reused, and nothing is
    /// written when nothing changed (`build`).
    Incremental,
    /// Only the sites named: one shard of a sharded CI build (`build --sites`), which writes
    /// its part of the search index; `merge` then joins the parts into the index and checks
    /// the anchors into other shards. Not cached.
    Shard(Vec<String>),
    /// The editor's preview (`serve`): drafts included, and the links and searchable text of
    /// every page kept, so that an edit updates the output in place. Not cached.
    Serve,
}

impl Mode {
    /// The sites a shard renders.
    fn sites(&self) -> Option<&[String]> {
        match self {
            Mode::Shard(sites) => Some(sites),
            _ => None,
        }
    }
}

/// One build of a loaded cluster into an output directory.
pub struct Build<'c> {
    cluster: &'c Cluster,
    out: PathBuf,
    today: chrono::NaiveDate,
    mode: Mode,
    drafts: bool,
    precompress: bool,
    progress: crate::progress::Progress,
    /// With [`Mode::Incremental`], once [`Build::up_to_date`] asked.
    cache: Option<CacheRun>,
    /// Where the build cache is kept: `ROOT/.zhanqun-cache` unless `build --cache-dir`.
    cache_dir: PathBuf,
    /// The wall time of each step.
    pub(crate) clock: StageClock,
}

/// Everything a build made, kept by `zhanqun serve` to update the output incrementally.
pub(crate) struct Built<'c> {
    /// The assembled graph of published pages.
    pub(crate) graph: SiteGraph<'c>,
    /// The render preparations for `graph`; only a preview ([`Mode::Serve`]) keeps them, to
    /// render again after an edit.
    pub(crate) prepared: Option<Prepared>,
    /// Pages held back: dated after `today`, or drafts (unless the build includes them).
    pub(crate) held: Vec<Page>,
    /// Every scanned content file (in a preview; empty otherwise).
    pub(crate) sources: Vec<SourceFile>,
    /// Every file written (manifest.json excluded).
    pub(crate) entries: Vec<FileEntry>,
    /// Ids of every page and catalog page, by URL.
    pub(crate) ids: HashMap<String, crate::rewrite::Ids>,
    /// Cross-page anchors, by the URL of the page that holds them.
    pub(crate) cross: HashMap<String, Vec<CrossRef>>,
    /// In [`Mode::Serve`]: the resolved Markdown link targets of every page, by page URL.
    pub(crate) md_targets: HashMap<String, Vec<String>>,
    /// Warnings.
    pub(crate) warnings: Vec<Diagnostic>,
    /// Bytes of `manifest.json`.
    pub(crate) manifest_bytes: u64,
    /// In [`Mode::Serve`]: the sitemaps and catalog files, as written.
    pub(crate) secondary: NamedFiles,
    /// Figures of the search index, when one was built.
    pub(crate) search: Option<search::Stats>,
    /// In [`Mode::Serve`] with a search index: every page's searchable text, by page URL,
    /// so that `zhanqun serve` can build the index again after an edit.
    pub(crate) texts: HashMap<String, search::PageText>,
    /// In [`Mode::Serve`] with a search index: what the index was made of, for `serve` to
    /// update it after an edit (the pages' texts to be attached).
    pub(crate) search_index: Option<search::LiveIndex>,
    /// Pages the cache found unchanged.
    pub(crate) reused: usize,
    /// The wall time of each step, then the thread time of the per-page work.
    pub(crate) timings: Vec<(&'static str, std::time::Duration)>,
}

/// The published pages assembled into a graph, ready to render.
pub(crate) struct Assembled<'c> {
    pub(crate) graph: SiteGraph<'c>,
    pub(crate) prepared: Prepared,
    pub(crate) held: Vec<Page>,
    pub(crate) sources: Vec<SourceFile>,
    pub(crate) diags: Diagnostics,
}

/// What the index step made: its figures, its files, and in a preview the index kept.
type Indexed = (search::Stats, Vec<FileEntry>, Option<search::LiveIndex>);

/// What the render needs to make the feed entries of the pages it renders.
#[derive(Clone, Copy)]
struct FeedsAtRender<'a> {
    /// Which pages are feed entries ([`emit::feed::entry_pages`]).
    pages: &'a [bool],
    /// Where the entries go, for the feeds to take them from.
    memo: &'a dyn emit::feed::EntryMemo,
    /// [`emit::feed::origin_prefix`].
    prefix: &'a str,
}

/// What the render step gathered from every job.
#[derive(Default)]
struct RenderedJobs {
    entries: Vec<FileEntry>,
    ids: HashMap<String, crate::rewrite::Ids>,
    cross: HashMap<String, Vec<CrossRef>>,
    md_targets: HashMap<String, Vec<String>>,
    texts: HashMap<String, search::PageText>,
    /// In [`Mode::Serve`]: what the search index was made of.
    search_index: Option<search::LiveIndex>,
    /// The pages to remember in the build cache: (URL, key, links). Their files, ids and
    /// anchors are written from the manifest, `ids` and `cross` when the build is over, not
    /// copied.
    memos: Vec<(String, String, Option<crate::cache::MemoLinks>)>,
    /// The shared parts this build rewrote that the memos' links name, by id.
    chromes: HashMap<[u8; 16], std::sync::Arc<crate::rewrite::ChromeLinks>>,
    reused: usize,
}

impl<'c> Build<'c> {
    /// A build of `cluster` into `out` as of `today`, in `mode`. A preview ([`Mode::Serve`])
    /// includes the drafts.
    pub(crate) fn new(cluster: &'c Cluster, out: PathBuf, today: chrono::NaiveDate, mode: Mode) -> Self {
        let drafts = mode == Mode::Serve;
        Build {
            cluster,
            out,
            today,
            mode,
            drafts,
            precompress: false,
            progress: crate::progress::Progress::Off,
            cache: None,
            cache_dir: cluster.root.join(crate::cache::DIR),
            clock: StageClock::start(),
        }
    }

    /// Includes the drafts, each with a 草稿 banner (`--drafts`).
    pub(crate) fn drafts(mut self, on: bool) -> Self {
        self.drafts |= on;
        self
    }

    /// Writes a `.gz` copy beside every text file (`--precompress`).
    pub(crate) fn precompress(mut self, on: bool) -> Self {
        self.precompress = on;
        self
    }

    /// Keeps the build cache in `dir` instead of `ROOT/.zhanqun-cache` (`--cache-dir`).
    pub(crate) fn cache_dir(mut self, dir: Option<PathBuf>) -> Self {
        if let Some(dir) = dir {
            self.cache_dir = dir;
        }
        self
    }

    /// Reports progress on the render step this way.
    pub(crate) fn progress(mut self, progress: crate::progress::Progress) -> Self {
        self.progress = progress;
        self
    }

    /// In [`Mode::Incremental`]: reads the build cache and stamps the inputs, and returns the
    /// previous build's cache when nothing changed since it (then there is nothing to do).
    pub(crate) fn up_to_date(&mut self) -> Option<BuildCache> {
        if self.mode != Mode::Incremental {
            return None;
        }
        let mut run =
            CacheRun::start(self.cluster, &self.cache_dir, &self.out, self.today, self.precompress, self.drafts);
        if run.up_to_date(&self.out) {
            self.clock.lap("cache-up-to-date");
            return Some(run.into_previous());
        }
        self.clock.lap("cache-hashed");
        run.read_previous(&self.cache_dir, &self.out);
        self.clock.lap("cache-read");
        self.cache = Some(run);
        None
    }

    /// Step scan: every content file (the cache's scan when it made one).
    pub(crate) fn scan(&mut self) -> (Vec<SourceFile>, Diagnostics) {
        let scanned = self.cache.as_mut().and_then(CacheRun::take_scan).unwrap_or_else(|| {
            let mut diags = Diagnostics::default();
            (scan::scan(self.cluster, &mut diags), diags)
        });
        self.clock.lap("scan");
        scanned
    }

    /// Step parse: the Markdown files of `sources` as pages.
    pub(crate) fn parse(&mut self, sources: &[SourceFile], diags: &mut Diagnostics) -> Vec<Page> {
        let pages = match &mut self.cache {
            Some(cache) => cache.parse(self.cluster, sources, diags),
            None => parse::parse_pages(self.cluster, sources, diags),
        };
        self.clock.lap("parse");
        pages
    }

    /// Step check: the cross-page checks on `pages` but the drafts this build holds back — a
    /// draft is checked once it is no longer one, so that an editor's unfinished metadata does
    /// not stop everyone else's publication. Returns every page, or every finding when one is
    /// an error.
    pub(crate) fn check(
        &mut self,
        mut pages: Vec<Page>,
        mut diags: Diagnostics,
    ) -> Result<(Vec<Page>, Diagnostics), BuildError> {
        let drafts = self.drafts;
        // The held drafts taken out in place (few): at 100,000 pages a partition into two
        // new vectors was a copy of every page into fresh memory.
        let held: Vec<Page> = pages.extract_if(.., |p| held_as_draft(p, drafts)).collect();
        check::check(self.cluster, &pages, &mut diags);
        pages.extend(held);
        self.clock.lap("check");
        if diags.has_errors() {
            return Err(BuildError::Invalid(diags.into_sorted()));
        }
        Ok((pages, diags))
    }

    /// Steps scan, parse and check.
    pub(crate) fn read(&mut self) -> Result<(Vec<SourceFile>, Vec<Page>, Diagnostics), BuildError> {
        let (sources, mut diags) = self.scan();
        let pages = self.parse(&sources, &mut diags);
        let (pages, diags) = self.check(pages, diags)?;
        Ok((sources, pages, diags))
    }

    /// Step assemble: the published pages (by `today` and the drafts setting) as one graph of
    /// sites, columns, lists and catalogs, with the render preparations.
    pub(crate) fn assemble(
        &mut self,
        pages: Vec<Page>,
        sources: Vec<SourceFile>,
        mut diags: Diagnostics,
    ) -> Result<Assembled<'c>, BuildError> {
        let (graph, held, held_warnings) = assemble_published(self.cluster, pages, &sources, self.today, self.drafts);
        diags.extend(held_warnings);
        let prepared = Prepared::new(&graph, self.today).map_err(|d| BuildError::Invalid(vec![d]))?;
        if let Some(cache) = &mut self.cache {
            cache.prepare(&graph, &prepared);
        }
        self.clock.lap("assemble");
        Ok(Assembled { graph, prepared, held, sources, diags })
    }

    /// Every step, into a staging directory that replaces the output only when all succeeded.
    pub(crate) fn run(mut self) -> Result<Built<'c>, BuildError> {
        let (sources, pages, diags) = self.read()?;
        // A cached build frees most of what it read (the previous build's pages and memos).
        if self.cache.as_ref().is_some_and(|c| c.has_previous_pages()) {
            memory::purge_soon();
        }
        // A cached build reads the spare tree's manifest while the graph is assembled.
        let spare_out = self.cache.is_some().then(|| self.out.clone());
        let (assembled, spare) = rayon::join(
            || self.assemble(pages, sources, diags),
            || spare_out.and_then(|out| Staging::spare_files(&out)),
        );
        let Assembled { graph, prepared, held, mut sources, mut diags } = assembled?;
        // Only a preview keeps the scan (to scan again after an edit): elsewhere it is freed
        // before the render and the index, the build's peaks of memory (~20 MB at 100,000 pages).
        if self.mode != Mode::Serve {
            crate::parallel::drop_later(std::mem::take(&mut sources));
        }
        // A cached build updates the spare tree, the output before the last, in place.
        let staging = match (self.cache.is_some(), &self.mode) {
            (true, _) => Staging::from_spare(&self.out, spare),
            (false, mode) => {
                // Without the cache, no spare is kept.
                if *mode == Mode::Full {
                    Staging::remove_spare(&self.out);
                }
                Staging::create(&self.out)
            }
        }
        .map_err(io(crate::t!("pipeline-cannot-create-staging", path = self.out.display().to_string())))?;
        let shard = Shard::of(self.cluster, self.mode.sites()).map_err(BuildError::Invalid)?;
        // A shard tokenizes its pages into its part of the index, which `zhanqun merge` joins.
        let search_settings = &self.cluster.config.search;
        let search_out = search::DirOutput::new(staging.dir());
        let part_out = search::PartOutput::new(staging.dir());
        let mut indexer = search_settings.enabled.then(|| match shard.is_whole() {
            true => search::Indexer::new(&graph, search_settings, &search_out),
            false => search::Indexer::for_shard(&graph, search_settings, &part_out, |s| shard.has_site(s)),
        });
        // With the build cache, the groups of unchanged pages are taken from it, tokenized.
        let kept_groups = self.cache.as_ref().map(|_| crate::cache::GroupFiles::open(&self.cache_dir));
        if let (Some(indexer), Some(store), Some(cache)) = (indexer.as_mut(), kept_groups.as_ref(), self.cache.as_ref())
        {
            indexer
                .keep_groups(store, |i| cache.page_base(i))
                .map_err(io(crate::t!("pipeline-cannot-write", path = search::SEARCH_URL)))?;
            self.clock.lap("cache-search-groups");
        }
        let cpu = JobCpu::default();
        // With the cache, the feed entries are made from the bodies the render renders anyway
        // and go to the cache's file of entries as they are made.
        let feeds = self.cache.as_ref().map(|c| c.feed_entries(&self.cache_dir, &graph));
        let feed_memo = feeds.as_ref().map(|f| f as &dyn emit::feed::EntryMemo);
        let shard_sites = shard.site_indices(self.cluster.sites.len());
        let entry_pages = feed_memo.map(|_| emit::feed::entry_pages(&graph, &shard_sites, shard.has_cluster_files()));
        let prefix = emit::feed::origin_prefix(&graph);
        let at_render = match (feed_memo, &entry_pages, &prefix) {
            (Some(memo), Some(pages), Some(prefix)) => Some(FeedsAtRender { pages, memo, prefix }),
            _ => None,
        };
        let mut done = self.render(&graph, &prepared, &staging, &shard, indexer.as_ref(), at_render, &cpu, &mut diags);
        // Only a preview renders again: elsewhere the preparations (every catalog row, the
        // headers…) are freed before the index and the secondary files.
        let prepared = match self.mode {
            Mode::Serve => Some(prepared),
            _ => {
                crate::parallel::drop_later(prepared);
                None
            }
        };
        let pending = self.link(&graph, &staging, &shard, &mut done, &mut diags)?;
        // The cache is left untouched from here on, but for what it is told at the end.
        let cache = self.cache.take();
        // From here on, feeds none of whose pages changed are taken whole from the previous
        // output (their files are among this run's memos).
        let out = self.out.clone();
        let feeds = match (feeds, cache.as_ref()) {
            (Some(f), Some(c)) => Some(c.reuse_feed_files(f, &staging, &out)),
            (f, _) => f,
        };
        let feed_memo = feeds.as_ref().map(|f| f as &dyn emit::feed::EntryMemo);
        let kept_index = kept_groups.as_ref().map(|k| k as &dyn search::KeptIndex);
        let (secondary, search_stats) =
            self.emit_and_index(&graph, &staging, &shard, (indexer, kept_index), &search_out, feed_memo, &mut done)?;
        if let Some(feeds) = &feeds {
            // The feed files reused whole, and every feed file to remember.
            let (reused, memos) = feeds.take_files();
            done.entries.extend(reused);
            done.memos.extend(memos.into_iter().map(|(url, key)| (url, key, None)));
        }
        if !shard.is_whole() {
            let state = emit::ShardState {
                fingerprint: emit::fingerprint(self.cluster, &graph.pages),
                ids: done.ids.iter().map(|(url, ids)| (url.clone(), ids.to_vec())).collect(),
                pending,
                today: self.today.to_string(),
                base_url: self.cluster.config.base_url.clone(),
                drafts: self.drafts,
                format: emit::SHARD_FORMAT,
                settings: emit::settings_digest(self.cluster),
                search: search_settings.enabled,
            };
            let json = serde_json::to_vec(&state).expect("shard state serializes");
            staging.write(emit::SIDECAR, &json).map_err(io(crate::t!("pipeline-cannot-write-shard-state")))?;
        }
        if self.precompress {
            let copies = emit::precompress::precompress(&staging, &done.entries)
                .map_err(io(crate::t!("pipeline-cannot-write-gz")))?;
            done.entries.extend(copies);
            self.clock.lap("precompress");
        }
        // One thread's work each, independent of each other, side by side: the parsed pages go
        // to the cache while the manifest is written; the cache is written while the output is
        // put in place (a cache is used only with the output whose manifest it names, so one
        // written for an output that then failed to commit is never used).
        let entries = std::mem::take(&mut done.entries);
        let (written, ()) = rayon::join(
            || -> Result<_, BuildError> {
                let manifest = Manifest::new(entries);
                let (sha256, bytes) = manifest
                    .write_json(&staging.dir().join("manifest.json"))
                    .map_err(io(crate::t!("pipeline-cannot-write", path = "manifest.json")))?;
                Ok((manifest, sha256, bytes))
            },
            || {
                // The parsed pages and the feeds' entries go to the cache side by side too.
                rayon::join(
                    || {
                        if let Some(cache) = &cache {
                            cache.keep_parsed(&self.cache_dir, &graph.pages, &held);
                        }
                    },
                    || {
                        if let Some(feeds) = feeds {
                            feeds.write(&self.cache_dir);
                        }
                    },
                );
            },
        );
        let (manifest, manifest_sha256, manifest_bytes) = written?;
        // Beside the index, this is the part of these steps the index did not hide.
        self.clock.lap("sitemaps+catalogs+manifest");
        let warnings = diags.into_sorted();
        let lap = if cache.is_some() { "commit+cache-written" } else { "commit" };
        let (committed, ()) = rayon::join(
            || -> Result<(), BuildError> {
                let failed = || io(crate::t!("pipeline-cannot-commit", path = self.out.display().to_string()));
                staging.prune(&manifest.files).map_err(failed())?;
                staging.commit().map_err(failed())?;
                if let Some(store) = kept_groups {
                    store.prune();
                }
                Ok(())
            },
            || {
                let Some(mut cache) = cache else { return };
                let pages = std::mem::take(&mut done.memos);
                let (hrefs, chromes) = cache.link_tables(pages.iter().filter_map(|m| m.2.as_ref()), &done.chromes);
                let next = cache.finish(crate::cache::Finished {
                    manifest: &manifest,
                    manifest_sha256,
                    manifest_bytes,
                    pages: graph.pages.len(),
                    scheduled: ScheduledPage::list(&held, self.drafts),
                    drafts: draft_files(&graph.pages, &held),
                    warnings: &warnings,
                });
                let memos = crate::cache::MemoTable {
                    pages: &pages,
                    files: &manifest.files,
                    ids: &done.ids,
                    cross: &done.cross,
                    hrefs: &hrefs,
                    chromes: &chromes,
                };
                // Only an optimisation: a cache that cannot be written means a full build next time.
                let _ = next.write_with(&self.cache_dir, &memos);
            },
        );
        committed?;
        self.clock.lap(lap);
        Ok(Built {
            reused: done.reused,
            graph,
            prepared,
            held,
            sources,
            entries: manifest.files,
            ids: done.ids,
            cross: done.cross,
            md_targets: done.md_targets,
            warnings,
            manifest_bytes,
            search: search_stats,
            texts: done.texts,
            search_index: done.search_index,
            secondary,
            timings: self.clock.laps.into_iter().chain(cpu.totals()).collect(),
        })
    }

    /// Step render (with rewrite and write): every job of the shard, in parallel; a page the
    /// build cache found unchanged is linked from the previous output instead. Each page's
    /// searchable text goes to the indexer as soon as it is read.
    #[allow(clippy::too_many_arguments)]
    fn render(
        &mut self,
        graph: &SiteGraph<'_>,
        prepared: &Prepared,
        staging: &Staging,
        shard: &Shard,
        indexer: Option<&search::Indexer<'_, '_>>,
        feeds: Option<FeedsAtRender<'_>>,
        cpu: &JobCpu,
        diags: &mut Diagnostics,
    ) -> RenderedJobs {
        let mut renderer = prepared.bind(graph);
        if let Some(f) = &feeds {
            renderer.keep_feed_bodies(f.pages);
        }
        let item_keys = self.cache.as_ref().map_or(&[][..], |c| c.item_digests());
        let keyer = prepared.bind_keys(graph, item_keys);
        let keyed = prepared.bind_keyed(graph, item_keys);
        let mut jobs: Vec<Job> = graph.jobs().into_iter().filter(|&j| shard.has_job(graph, j)).collect();
        if let Some(indexer) = indexer {
            // Pages in index order, so that the indexer's groups complete one by one.
            jobs.sort_by_key(|&j| job::job_page(j).map_or((1, 0), |i| (0, indexer.id(i))));
        }
        let bar = self.progress.start("render", jobs.len() as u64);
        let base_path = self.cluster.config.base_path();
        let serve = self.mode == Mode::Serve;
        let cache = self.cache.as_ref();
        let collect = Collect { links: serve, search: indexer.is_some(), record: cache.is_some() };
        let out = &self.out;
        let tasks = crate::parallel::uneven(jobs.par_iter(), crate::parallel::PAGES_PER_TASK);
        // Each job's file, output, and for a page the cache may remember, its memo.
        let outputs: Vec<(Option<FileEntry>, job::Decided, Option<job::Memo>)> = tasks
            .map(|&job| {
                let page = job::job_page(job);
                let base = cache.zip(page).and_then(|(c, i)| c.page_base(i));
                let base = base.as_ref().map(crate::cache::Hex::as_str);
                // A page whose base is unchanged and whose links resolve as they did is reused.
                let reused = page.and_then(|i| {
                    let (c, base, url) = (cache?, base?, &graph.pages[i].url);
                    let text = collect.search && indexer.is_some_and(|x| x.wants_text(i));
                    let with_ctx = |f: &mut dyn FnMut(&crate::rewrite::Context<'_>)| {
                        job::with_link_context(graph, &base_path, job, url, f)
                    };
                    Some((i, c.take_linked(staging, out, url, base, &with_ctx, text)?))
                });
                let (entry, mut o, memo) = match reused {
                    Some((i, r)) => {
                        let o = JobOutput::reused(graph, i, r.ids, r.cross, r.text);
                        (Some(r.entry), o, Some(job::Memo::reused(r.key, r.links)))
                    }
                    // A generated job: rendered, then reused when its HTML did not change.
                    None => match cache.filter(|_| page.is_none()) {
                        Some(c) => job::run_generated_job(
                            c, graph, &renderer, &keyer, &keyed, staging, out, &base_path, job, cpu, collect,
                        ),
                        None => {
                            let (entry, mut o) = job::run_job(graph, &renderer, staging, &base_path, job, cpu, collect);
                            let memo = job::Memo::rendered(base, &mut o);
                            (entry, o, memo)
                        }
                    },
                };
                // The key of a feed's page, known now, for the feeds (also when the page is not
                // remembered).
                if let (Some(c), Some(i), Some(m), Some(f)) = (cache, page, &memo, &feeds)
                    && f.pages.get(i) == Some(&true)
                {
                    c.decided(i, &m.key);
                }
                let memo = memo.filter(|_| entry.is_some() && o.diags.is_empty());
                bar.inc();
                if let (Some(f), Some(i), Some((html, summary))) = (&feeds, page, o.feed_body.take()) {
                    f.memo.put(i, &emit::feed::entry_of_body(graph, i, f.prefix, &html, summary));
                }
                if let (Some(indexer), Some((i, text))) = (indexer, o.search.take()) {
                    // `serve` keeps the texts, to index the pages again after an edit.
                    if serve {
                        o.search = Some((i, text.clone()));
                    }
                    indexer.add(i, text);
                }
                (entry, o.decided(), memo)
            })
            .collect();
        bar.finish();
        if let Some(cache) = &mut self.cache {
            // Every page is decided: the previous build's memos are no longer needed.
            cache.forget_previous_memos();
        }
        self.clock.lap("render+rewrite+write (parallel)");
        // Sized once: grown by doubling, the maps of 100,000 pages were hashed again ~17 times
        // on this serial stretch.
        let pages = outputs.iter().filter(|(_, o, _)| o.ids.is_some()).count();
        let mut done = RenderedJobs {
            entries: Vec::with_capacity(outputs.len() + 64),
            ids: HashMap::with_capacity(pages),
            memos: Vec::with_capacity(if self.cache.is_some() { outputs.len() } else { 0 }),
            ..RenderedJobs::default()
        };
        for (entry, o, memo) in outputs {
            done.reused += usize::from(o.reused);
            let job::Decided { url, ids, rest, .. } = o;
            if let (Some(memo), Some(_)) = (memo, &entry) {
                for c in memo.chromes {
                    done.chromes.entry(c.id).or_insert(c);
                }
                done.memos.push((url.clone(), memo.key, memo.links));
            }
            done.entries.extend(entry);
            if let Some(rest) = rest {
                let job::Leftover { diags: found, cross, md_targets, search } = *rest;
                diags.extend(found);
                if !cross.is_empty() {
                    done.cross.insert(url.clone(), cross);
                }
                if let Some((_, text)) = search {
                    done.texts.insert(url.clone(), text);
                }
                if !md_targets.is_empty() {
                    done.md_targets.insert(url.clone(), md_targets);
                }
            }
            // The URL itself goes to the last map that keeps it (one copy less per page).
            if let Some(i) = ids {
                done.ids.insert(url, i);
            }
        }
        done
    }

    /// The cross-page anchors checked (those into another shard left for `merge`, returned),
    /// and the attachments and theme files copied. Fails on any error found so far.
    fn link(
        &mut self,
        graph: &SiteGraph<'_>,
        staging: &Staging,
        shard: &Shard,
        done: &mut RenderedJobs,
        diags: &mut Diagnostics,
    ) -> Result<Vec<emit::PendingAnchor>, BuildError> {
        let mut all_cross: Vec<&CrossRef> = done.cross.values().flatten().collect();
        all_cross.sort_by(|a, b| (&a.src, a.line, &a.href).cmp(&(&b.src, b.line, &b.href)));
        let mut pending = Vec::new();
        for c in all_cross {
            match done.ids.get(&c.target) {
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
                staging
                    .write(a.url.trim_start_matches('/'), &bytes)
                    .map_err(io(crate::t!("pipeline-cannot-write-staging")))
            })
            .collect();
        for c in copied {
            done.entries.push(c?);
        }
        for (path, bytes) in &self.cluster.theme.static_files {
            let (path, bytes) = crate::assemble::assets::theme_file(path, bytes);
            done.entries.push(
                staging
                    .write(&format!("static/{path}"), &bytes)
                    .map_err(io(crate::t!("pipeline-cannot-write-staging")))?,
            );
        }
        if diags.has_errors() {
            return Err(BuildError::Invalid(std::mem::take(diags).into_sorted()));
        }
        self.clock.lap("links+assets");
        Ok(pending)
    }

    /// Steps emit and index: the 繁體 view, then side by side the search index and the
    /// secondary files (site maps, feeds, catalog exports) — they do not depend on each other,
    /// so the serial parts of either leave the other a core.
    #[allow(clippy::too_many_arguments)]
    fn emit_and_index(
        &mut self,
        graph: &SiteGraph<'_>,
        staging: &Staging,
        shard: &Shard,
        (indexer, kept): (Option<search::Indexer<'_, '_>>, Option<&dyn search::KeptIndex>),
        search_out: &search::DirOutput,
        feeds: Option<&dyn emit::feed::EntryMemo>,
        done: &mut RenderedJobs,
    ) -> Result<(NamedFiles, Option<search::Stats>), BuildError> {
        if self.cluster.config.zh_hant {
            let view = crate::hant::write_view(staging, &done.entries, &self.cluster.config.base_path())?;
            done.entries.extend(view);
            self.clock.lap("zh-hant view");
        }
        let serve = self.mode == Mode::Serve;
        memory::release_after_render();
        let (indexed, secondary) = rayon::join(
            || -> Result<Option<Indexed>, BuildError> {
                let Some(indexer) = indexer else { return Ok(None) };
                // A preview keeps what the index was made of, to update it after edits.
                // A cached build scores again only the terms of the pages that changed.
                let (stats, live) = match (serve, kept) {
                    (true, _) => indexer.finish_live().map(|(stats, live)| (stats, Some(live)))?,
                    (false, Some(kept)) => (indexer.finish_cached(kept)?, None),
                    (false, None) => (indexer.finish()?, None),
                };
                let written = search_out.take_written().map_err(io(crate::t!("pipeline-cannot-write-search")))?;
                Ok(Some((stats, written, live)))
            },
            || -> Result<(NamedFiles, Vec<FileEntry>), BuildError> {
                // Written as they are made; only a preview keeps them, to update them in place.
                let (mut kept, mut written) = (Vec::new(), Vec::new());
                emit::write_secondary_files(graph, shard, feeds, &mut |path, bytes| {
                    let entry = staging
                        .write(&path, &bytes)
                        .map_err(io(crate::t!("pipeline-cannot-write", path = path.as_str())))?;
                    written.push(entry);
                    if serve {
                        kept.push((path, bytes));
                    }
                    Ok::<(), BuildError>(())
                })?;
                Ok((kept, written))
            },
        );
        let stats = match indexed? {
            Some((stats, written, live)) => {
                done.entries.extend(written);
                self.clock.beside(&stats.timings);
                done.search_index = live;
                Some(stats)
            }
            None => None,
        };
        let (secondary, written) = secondary?;
        done.entries.extend(written);
        Ok((secondary, stats))
    }
}

/// Step sign: `manifest.json.sig` in `out` with `key` (a hex ed25519 seed), unless the
/// signature there is already that key's. Runs after the output is in place, also when the
/// build found nothing to do.
pub(crate) fn sign(out: &Path, key: Option<&str>) -> Result<(), BuildError> {
    use emit::signature::{self, EnsureError};
    let Some(key) = key else { return Ok(()) };
    signature::ensure(out, key).map_err(|e| match e {
        EnsureError::Key(e) => BuildError::Invalid(vec![
            Diagnostic::error(signature::SIGNING_KEY_ENV, "signature", e.to_string())
                .help(crate::t!("pipeline-signing-key-help")),
        ]),
        EnsureError::Io { context, source } => BuildError::Io { context, source },
    })
}
