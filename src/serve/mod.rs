//! `zhanqun serve`: the editor's preview. Builds the cluster, serves the output on 127.0.0.1,
//! watches the inputs and, on every save, rebuilds only what depends on the change
//! ([`live`]), then reloads the open browser tabs over Server-Sent Events ([`reload`]). A broken
//! edit is shown in the terminal and as an overlay in the tabs while the last good output stays
//! served. Changes to the settings, the convention, a site or the theme rebuild everything.
//!
//! Threads: the HTTP connections ([`server`]) are answered from the output directory; the
//! calling thread waits for file events ([`watch`]) and updates the output between requests,
//! each file replaced in one rename.

mod live;
mod reindex;
mod reload;
mod server;
mod watch;

use crate::diagnostic::Diagnostic;
use crate::pipeline::{self, BuildError, StageClock};
use std::io::Write as _;
use std::path::PathBuf;
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
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The cluster root cannot be read.
    #[error("cannot open the cluster root {path}: {source}")]
    Root {
        /// The root given.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The port is taken or cannot be bound.
    #[error("cannot listen on 127.0.0.1:{port}: {message}; choose another port with --port")]
    Bind {
        /// The port asked for.
        port: u16,
        /// What the system said.
        message: String,
    },
    /// The file watcher could not be set up.
    #[error("cannot watch the cluster for changes: {0}")]
    Watch(#[from] notify::Error),
    /// The output directory is unsafe to write to.
    #[error(transparent)]
    Output(#[from] BuildError),
}

/// How long the editor must pause before the search index is rebuilt after an edit (the whole
/// index is rebuilt; meanwhile the server holds requests for `search/index.json` and
/// `manifest.json`).
const SEARCH_PAUSE: Duration = Duration::from_millis(300);
/// How often to look whether a background search reindex finished.
const REINDEX_POLL: Duration = Duration::from_millis(50);
/// How long to wait for a file event before checking on the connections again.
const IDLE: Duration = Duration::from_secs(15);

/// Builds, serves and rebuilds on change until the process is stopped. Prints
/// `serving http://127.0.0.1:PORT/` on stdout once the first build is done (or has failed).
pub fn serve(opts: &ServeOptions) -> Result<(), ServeError> {
    let root = opts.root.canonicalize().map_err(|source| ServeError::Root { path: opts.root.clone(), source })?;
    let out = match &opts.out {
        Some(o) if o.is_absolute() => o.clone(),
        Some(o) => std::env::current_dir().map(|d| d.join(o)).unwrap_or_else(|_| o.clone()),
        None => root.join("public"),
    };
    pipeline::guard_output(&root, &out)?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", opts.port))
        .map_err(|e| ServeError::Bind { port: opts.port, message: e.to_string() })?;
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
                report_errors(&hub, &d.into_sorted());
                None
            }
        };
        let base_path = cluster.as_ref().map_or_else(|| "/".to_owned(), |c| c.config.base_path());
        site.write().unwrap_or_else(|e| e.into_inner()).base_path = base_path.clone();
        let mut live = None;
        if let Some(cluster) = &cluster {
            // Read on every full rebuild: a preview left open overnight moves to the new day.
            let today = cluster.config.clock.today_or(opts.today);
            let mut clock = StageClock::start();
            match pipeline::build_cluster(
                cluster,
                &out,
                today,
                crate::progress::Progress::Off,
                None,
                true,
                false,
                None,
                &mut clock,
            ) {
                Ok(built) => {
                    for w in &built.warnings {
                        eprintln!("{w}");
                    }
                    let l = live::Live::new(cluster, out.clone(), today, built);
                    eprintln!(
                        "built {} pages into {} in {:.2} s",
                        l.page_count(),
                        out.display(),
                        started.elapsed().as_secs_f64()
                    );
                    hub.reload(&[]);
                    live = Some(l);
                }
                Err(BuildError::Invalid(diags)) => report_errors(&hub, &diags),
                Err(e) => report_errors(&hub, &[Diagnostic::error(&out, "io", e.to_string())]),
            }
        }
        if !announced {
            println!("serving http://127.0.0.1:{port}{base_path}");
            let _ = std::io::stdout().flush();
            eprintln!("watching {} for changes; press Ctrl-C to stop", root.display());
            announced = true;
        }
        let stop = std::thread::scope(|scope| -> Result<bool, ServeError> {
            // A search reindex running in the background, and when it started.
            let mut running: Option<(std::thread::ScopedJoinHandle<'_, std::io::Result<_>>, Instant)> = None;
            let mut last_ping = Instant::now();
            loop {
                if running.as_ref().is_some_and(|(h, _)| h.is_finished())
                    && let Some((h, t)) = running.take()
                {
                    let result = h.join().unwrap_or_else(|_| Err(std::io::Error::other("the search reindex panicked")));
                    if let Some(l) = live.as_mut() {
                        match l.finish_reindex(result) {
                            Ok(n) => eprintln!(
                                "search index rebuilt in {:.0} ms ({n} file(s) changed)",
                                t.elapsed().as_secs_f64() * 1e3
                            ),
                            Err(e) => report_errors(&hub, &[e]),
                        }
                        if !l.search_behind() {
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
                let Some(batch) = watcher.next_batch(timeout) else { return Ok(true) };
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
                        let names: Vec<String> = batch.settings.iter().map(|p| p.display().to_string()).collect();
                        eprintln!("{} changed: rebuilding everything", names.join(", "));
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
                        for w in &update.warnings {
                            eprintln!("{w}");
                        }
                        hub.reload(&update.changed);
                        let flushed = l.flush();
                        let after = first.elapsed() - reloaded;
                        eprintln!(
                            "rebuilt in {:.0} ms: {} job(s) rendered, {} file(s) changed ({}); +{:.0} ms for {}",
                            reloaded.as_secs_f64() * 1e3,
                            update.rendered,
                            update.changed.len(),
                            if update.in_place { "in place" } else { "re-assembled" },
                            after.as_secs_f64() * 1e3,
                            match &flushed {
                                Ok(files) => files.join(", "),
                                Err(_) => "nothing".into(),
                            }
                        );
                        if let Err(e) = flushed {
                            report_errors(&hub, &[e]);
                        }
                    }
                    Err(errors) => report_errors(&hub, &errors),
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

/// Prints the errors and shows them in the browser tabs.
fn report_errors(hub: &reload::Hub, diags: &[Diagnostic]) {
    let mut text = String::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        eprintln!("{d}");
        text.push_str(&d.to_string());
        text.push('\n');
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    eprintln!("error: {errors} error(s); still serving the last good build");
    text.push_str(&format!("\n{errors} 个错误；浏览器中仍是上次成功构建的页面。修正后保存即可自动刷新。"));
    hub.error(text);
}
