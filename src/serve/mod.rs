//! `zhanqun serve`: the editor's preview. Builds the cluster, serves the output on 127.0.0.1,
//! watches the inputs and, on every save, rebuilds only what depends on the change
//! ([`live`]), then reloads the open browser tabs over Server-Sent Events ([`reload`]). A broken
//! edit is shown in the terminal and as an overlay in the tabs while the last good output stays
//! served. Changes to the settings, the convention, a site or the theme rebuild everything.
//!
//! Threads: the HTTP connections ([`server`]) are answered from the output directory; the
//! calling thread waits for file events ([`watch`]) and updates the output between requests,
//! each file replaced in one rename.

mod http_status;
mod live;
mod reindex;
mod reload;
mod server;
mod watch;

use crate::build::{Build, BuildError, Mode};
use crate::diagnostic::Diagnostic;
use crate::t;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// What `zhanqun serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Cluster root (holds `zhanqun.yaml`).
    pub root: PathBuf,
    /// Output directory; `<root>/public` by default.
    pub out: Option<PathBuf>,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The day to build as (`--today`); today in the cluster's time zone by default.
    pub today: Option<chrono::NaiveDate>,
}

/// Why `zhanqun serve` could not start or had to stop.
#[derive(Debug)]
pub enum ServeError {
    /// The cluster root cannot be read.
    Root {
        /// The root given.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The port is taken or cannot be bound.
    Bind {
        /// The port asked for.
        port: u16,
        /// What the system said.
        message: String,
    },
    /// The file watcher could not be set up.
    Watch(notify::Error),
    /// The output directory is unsafe to write to.
    Output(BuildError),
}

impl From<notify::Error> for ServeError {
    fn from(e: notify::Error) -> Self {
        ServeError::Watch(e)
    }
}

impl From<BuildError> for ServeError {
    fn from(e: BuildError) -> Self {
        ServeError::Output(e)
    }
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ServeError::Root { path, source } => {
                t!(
                    "serve-cannot-open-root",
                    path = path.display().to_string(),
                    error = crate::messages::io_reason(source)
                )
            }
            ServeError::Bind { port, message } => t!("serve-cannot-listen", port = *port, message = message.as_str()),
            ServeError::Watch(e) => t!("serve-cannot-watch", error = e.to_string()),
            ServeError::Output(e) => return std::fmt::Display::fmt(e, f),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ServeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServeError::Root { source, .. } => Some(source),
            ServeError::Watch(e) => Some(e),
            ServeError::Output(e) => e.source(),
            ServeError::Bind { .. } => None,
        }
    }
}

/// How an update after a save brought the served pages up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rebuild {
    /// The saved pages stayed where they were: each was replaced in the graph.
    #[default]
    InPlace,
    /// News pages were added, deleted or moved in their lists: they were taken out of the
    /// graph and put in at their new places.
    Spliced,
    /// The whole cluster was assembled again from the pages in memory.
    Reassembled,
}

/// What `zhanqun serve` has to tell while it runs. The library never prints: the command line
/// gives [`serve`] a function that receives these and writes them in the chosen language.
#[derive(Debug)]
pub enum ServeEvent<'a> {
    /// The server answers at `url` (sent once, after the first build, done or failed).
    Listening {
        /// `http://127.0.0.1:PORT/` and the base path.
        url: String,
        /// The cluster root being watched.
        root: &'a Path,
    },
    /// The cluster was built in full (at start or after a settings change).
    Built {
        /// Pages built.
        pages: usize,
        /// The output directory.
        out: &'a Path,
        /// Seconds it took.
        seconds: f64,
    },
    /// Warnings of a build or an update.
    Warnings(&'a [Diagnostic]),
    /// A build or an update failed; the last good output stays served. The same errors, with
    /// the same words, are shown in the browser tabs.
    Failed {
        /// The errors.
        errors: &'a [Diagnostic],
    },
    /// The output was updated after a save.
    Rebuilt {
        /// Milliseconds from the save to the reload event.
        ms: f64,
        /// Jobs rendered.
        rendered: usize,
        /// Files written or removed.
        changed: usize,
        /// How the pages were brought up to date.
        how: Rebuild,
        /// Milliseconds spent afterwards on the secondary files.
        flush_ms: f64,
        /// The secondary files written then (`manifest.json`, catalogs…).
        flushed: &'a [String],
    },
    /// Phase timings of an update (`ZHANQUN_SERVE_TRACE=1`).
    Trace(&'a str),
    /// The search index caught up with the pages.
    SearchReindexed {
        /// Milliseconds the reindex took.
        ms: f64,
        /// Files of the index that changed.
        changed: usize,
        /// Groups of pages whose tokenized postings were kept.
        kept: usize,
        /// Terms scored again, when the others' postings were kept (`None`: all were).
        rescored: Option<usize>,
    },
    /// Settings, convention, site or theme files changed: everything is rebuilt.
    SettingsChanged {
        /// The changed paths, relative to the root.
        paths: &'a [PathBuf],
    },
    /// The file watcher reported a problem; watching goes on.
    WatcherWarning {
        /// What the watcher said.
        message: String,
    },
}

/// The text of the browser overlay for `errors`: each error as the terminal shows it, and what
/// the editor can do, in the chosen language.
pub fn overlay_text(errors: &[Diagnostic]) -> String {
    let mut text = String::new();
    for d in errors {
        text.push_str(&d.to_string());
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&t!("serve-still-serving", count = errors.len()));
    text
}

/// How long the editor must pause before the search index is brought up to date after an
/// edit (meanwhile the server holds requests for `search/index.json` and `manifest.json`):
/// long enough to gather the saves of one burst (a `git checkout`, an editor saving all),
/// short beside the reindex itself. It runs in the background at a lower priority, so an
/// edit saved while it runs is not kept waiting; the index then catches up again.
const SEARCH_PAUSE: Duration = Duration::from_millis(40);
/// How often to look whether a background search reindex finished.
const REINDEX_POLL: Duration = Duration::from_millis(10);
/// How long to wait for a file event before checking on the connections again.
const IDLE: Duration = Duration::from_secs(15);

/// Builds, serves and rebuilds on change until the process is stopped, telling `on_event` what
/// happens ([`ServeEvent::Listening`] once the first build is done or has failed).
pub fn serve(opts: &ServeOptions, on_event: &dyn Fn(ServeEvent<'_>)) -> Result<(), ServeError> {
    let root = opts.root.canonicalize().map_err(|source| ServeError::Root { path: opts.root.clone(), source })?;
    let out = match &opts.out {
        Some(o) if o.is_absolute() => o.clone(),
        Some(o) => std::env::current_dir().map(|d| d.join(o)).unwrap_or_else(|_| o.clone()),
        None => root.join("public"),
    };
    crate::emit::guard_output(&root, &out).map_err(BuildError::from)?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", opts.port))
        .map_err(|e| ServeError::Bind { port: opts.port, message: crate::messages::io_reason(&e) })?;
    let port = listener.local_addr().map_or(opts.port, |a| a.port());
    let hub = Arc::new(reload::Hub::default());
    let site = Arc::new(RwLock::new(server::Site { out: out.clone(), base_path: "/".into() }));
    let gate = Arc::new(server::Gate::default());
    server::spawn(listener, site.clone(), hub.clone(), gate.clone());
    let mut watcher = watch::Watcher::new(&root)?;
    let mut announced = false;
    loop {
        let started = Instant::now();
        let cluster = match crate::load::load(&root, None) {
            Ok(c) => Some(c),
            Err(d) => {
                report_errors(&hub, &d.into_sorted(), on_event);
                None
            }
        };
        let base_path = cluster.as_ref().map_or_else(|| "/".to_owned(), |c| c.config.base_path());
        site.write().unwrap_or_else(|e| e.into_inner()).base_path = base_path.clone();
        let mut live = None;
        if let Some(cluster) = &cluster {
            // Read on every full rebuild: a preview left open overnight moves to the new day.
            let today = cluster.config.clock.today_or(opts.today);
            match Build::new(cluster, out.clone(), today, Mode::Serve).run() {
                Ok(built) => {
                    if !built.warnings.is_empty() {
                        on_event(ServeEvent::Warnings(&built.warnings));
                    }
                    let l = live::Live::new(cluster, out.clone(), today, built);
                    on_event(ServeEvent::Built {
                        pages: l.page_count(),
                        out: &out,
                        seconds: started.elapsed().as_secs_f64(),
                    });
                    hub.reload(&[]);
                    live = Some(l);
                }
                Err(BuildError::Invalid(diags)) => report_errors(&hub, &diags, on_event),
                Err(e) => report_errors(&hub, &[Diagnostic::error(&out, "io", e.to_string())], on_event),
            }
        }
        if !announced {
            on_event(ServeEvent::Listening { url: format!("http://127.0.0.1:{port}{base_path}"), root: &root });
            announced = true;
        }
        let stop = std::thread::scope(|scope| -> Result<bool, ServeError> {
            // A search reindex running in the background, and when it started.
            let mut running: Option<(std::thread::ScopedJoinHandle<'_, _>, Instant)> = None;
            let mut last_ping = Instant::now();
            loop {
                if running.as_ref().is_some_and(|(h, _)| h.is_finished())
                    && let Some((h, t)) = running.take()
                {
                    // A reindex that panicked leaves a fresh index, built whole next time.
                    let result = h.join().unwrap_or_else(|_| {
                        (crate::search::LiveIndex::new(), Err(std::io::Error::other(t!("serve-reindex-panicked"))))
                    });
                    if let Some(l) = live.as_mut() {
                        let adopting = Instant::now();
                        let finished = l.finish_reindex(result);
                        let adopted = adopting.elapsed();
                        // The files held back are served as soon as they are written.
                        let opened = !l.search_behind() && finished.is_ok();
                        if opened {
                            gate.open();
                        }
                        // The reindex's scratch (its copy of the graph) was just freed.
                        give_back_freed_memory();
                        match finished {
                            Ok((n, mut stats)) => {
                                if std::env::var_os("ZHANQUN_SERVE_TRACE").is_some() {
                                    stats.timings.push(("  adopt+manifest", adopted));
                                    let line = stats
                                        .timings
                                        .iter()
                                        .map(|(name, d)| format!("{} {:.1} ms", name.trim(), d.as_secs_f64() * 1e3))
                                        .collect::<Vec<_>>()
                                        .join(", ");
                                    on_event(ServeEvent::Trace(&line));
                                }
                                on_event(ServeEvent::SearchReindexed {
                                    ms: t.elapsed().as_secs_f64() * 1e3,
                                    changed: n,
                                    kept: stats.reused_groups,
                                    rescored: stats.rescored,
                                })
                            }
                            Err(e) => report_errors(&hub, &[e], on_event),
                        }
                        if !opened && !l.search_behind() {
                            gate.open();
                        }
                    }
                }
                let behind = live.as_ref().is_some_and(live::Live::search_behind);
                let timeout = if running.is_some() {
                    REINDEX_POLL
                } else if behind {
                    SEARCH_PAUSE
                } else {
                    IDLE
                };
                let Some(batch) = watcher.next_batch(timeout, on_event) else { return Ok(true) };
                if batch.is_empty() {
                    if running.is_none()
                        && let Some(job) = live.as_mut().filter(|l| l.search_behind()).and_then(|l| l.reindex_job())
                    {
                        running = Some((scope.spawn(move || reindex::build(job)), Instant::now()));
                    }
                    if last_ping.elapsed() >= IDLE {
                        hub.ping();
                        last_ping = Instant::now();
                    }
                    continue;
                }
                let first = batch.first_event.unwrap_or_else(Instant::now);
                let Some(l) = live.as_mut().filter(|_| batch.settings.is_empty()) else {
                    if !batch.settings.is_empty() {
                        let paths: Vec<PathBuf> = batch.settings.iter().cloned().collect();
                        on_event(ServeEvent::SettingsChanged { paths: &paths });
                    }
                    watcher.rewatch()?;
                    return Ok(false);
                };
                gate.close();
                let result = l.apply(batch.content);
                let reloaded = first.elapsed();
                match result {
                    Ok(update) if update.ignored => {}
                    Ok(update) => {
                        if !update.warnings.is_empty() {
                            on_event(ServeEvent::Warnings(&update.warnings));
                        }
                        hub.reload(&update.changed);
                        let flushed = l.flush();
                        if update.how == Rebuild::Reassembled {
                            // flush freed the previous graph.
                            give_back_freed_memory();
                        }
                        let after = first.elapsed() - reloaded;
                        if let Some(trace) = &update.trace {
                            on_event(ServeEvent::Trace(trace));
                        }
                        on_event(ServeEvent::Rebuilt {
                            ms: reloaded.as_secs_f64() * 1e3,
                            rendered: update.rendered,
                            changed: update.changed.len(),
                            how: update.how,
                            flush_ms: after.as_secs_f64() * 1e3,
                            flushed: flushed.as_deref().unwrap_or(&[]),
                        });
                        if let Err(e) = flushed {
                            report_errors(&hub, &[e], on_event);
                        }
                    }
                    Err(errors) => report_errors(&hub, &errors, on_event),
                }
                // manifest.json, the catalogs and search/index.json are held back until the
                // search index caught up with the pages.
                if !l.search_behind() && running.is_none() {
                    gate.open();
                }
            }
        })?;
        if stop {
            return Ok(());
        }
    }
}

/// Returns the memory freed since to the system. An allocator keeps what a large free left
/// (per thread, for reuse): without this, the scratch of every search reindex and the graph
/// replaced by every re-assembly stay resident, and the server's RSS climbs with each edit.
/// Both allocators are asked: mimalloc, the binary's global allocator, and the C library's
/// (for C code and builds without mimalloc). Called after the reload event, so no tab waits
/// for it.
fn give_back_freed_memory() {
    // SAFETY: mi_collect only frees mimalloc's own empty pages and returns them to the system;
    // it is thread-safe and has no preconditions.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks and trims the allocator's own free lists; it is
    // thread-safe and has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Reports the errors to the command line and shows them in the browser tabs, in the same words.
fn report_errors(hub: &reload::Hub, diags: &[Diagnostic], on_event: &dyn Fn(ServeEvent<'_>)) {
    let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.is_error()).cloned().collect();
    on_event(ServeEvent::Failed { errors: &errors });
    hub.error(overlay_text(&errors));
}
