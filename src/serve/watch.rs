//! Watching the cluster's inputs (notify) and gathering bursts of file events into one batch.

use super::ServeEvent;
use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// A batch ends when no event came for this long. Editors save in a burst of events within a
/// millisecond or two (write, rename, attribute change); a short quiet period keeps the
/// save-to-reload latency low.
const QUIET: Duration = Duration::from_millis(12);
/// A batch never waits longer than this for quiet (a `git checkout` of many files).
const MAX_WAIT: Duration = Duration::from_secs(2);

/// What changed, relative to the cluster root.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Batch {
    /// Paths under `content/` (files or directories; they may no longer exist).
    pub(crate) content: BTreeSet<PathBuf>,
    /// Settings, convention, site or theme files: the cluster must be loaded again.
    pub(crate) settings: BTreeSet<PathBuf>,
    /// When the first event of the batch arrived.
    pub(crate) first_event: Option<Instant>,
}

impl Batch {
    /// True when nothing relevant changed.
    pub(crate) fn is_empty(&self) -> bool {
        self.content.is_empty() && self.settings.is_empty()
    }
}

/// Sorts one changed path (relative to the root) into the batch; paths of no interest (the
/// output directory, editor files outside the inputs) are dropped.
pub(crate) fn classify(batch: &mut Batch, rel: &Path) {
    let mut parts = rel.components();
    let Some(first) = parts.next().and_then(|c| c.as_os_str().to_str()) else { return };
    let has_more = parts.next().is_some();
    match first {
        "content" if has_more => {
            batch.content.insert(rel.to_path_buf());
        }
        // content/ itself appeared or vanished: everything must be scanned again.
        "content" | "sites" | "themes" | "topics" | "zhanqun.yaml" | "columns.yaml" => {
            batch.settings.insert(rel.to_path_buf());
        }
        _ => {}
    }
}

/// Whether an event can mean changed content. Reads (the build's own, the editor's) and
/// metadata changes (access times) are not changes; a close after writing is.
fn relevant(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// The watcher on the cluster's inputs.
pub(crate) struct Watcher {
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<Event>>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Watches `root` (for `zhanqun.yaml` and `columns.yaml`) and, recursively, its
    /// `content/`, `sites/` and `themes/`.
    pub(crate) fn new(root: &Path) -> notify::Result<Watcher> {
        let (tx, rx) = channel();
        let watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })?;
        let mut w = Watcher { watcher, rx, root: root.to_path_buf(), watched: Vec::new() };
        w.rewatch()?;
        Ok(w)
    }

    /// Watches the input directories again (after a full rebuild: one may have been created
    /// or replaced since).
    pub(crate) fn rewatch(&mut self) -> notify::Result<()> {
        for p in std::mem::take(&mut self.watched) {
            let _ = self.watcher.unwatch(&p);
        }
        self.watcher.watch(&self.root, RecursiveMode::NonRecursive)?;
        self.watched.push(self.root.clone());
        for dir in ["content", "sites", "themes", "topics"] {
            let p = self.root.join(dir);
            if p.is_dir() {
                self.watcher.watch(&p, RecursiveMode::Recursive)?;
                self.watched.push(p);
            }
        }
        Ok(())
    }

    /// Blocks until something changed, then gathers events until they stop for [`QUIET`].
    /// `None` when the watcher died. Watch errors are reported to `on_event` and skipped.
    pub(crate) fn next_batch(&self, timeout: Duration, on_event: &dyn Fn(ServeEvent<'_>)) -> Option<Batch> {
        let mut batch = Batch::default();
        let started = Instant::now();
        loop {
            let wait = if batch.is_empty() {
                timeout.saturating_sub(started.elapsed())
            } else {
                QUIET.min(MAX_WAIT.saturating_sub(batch.first_event.map_or(Duration::ZERO, |t| t.elapsed())))
            };
            match self.rx.recv_timeout(wait) {
                Ok(Ok(event)) => {
                    if !relevant(&event.kind) {
                        continue;
                    }
                    let before = batch.is_empty();
                    for p in &event.paths {
                        if let Ok(rel) = p.strip_prefix(&self.root) {
                            classify(&mut batch, rel);
                        }
                    }
                    if before && !batch.is_empty() {
                        batch.first_event = Some(Instant::now());
                    }
                }
                Ok(Err(e)) => on_event(ServeEvent::WatcherWarning { message: e.to_string() }),
                Err(RecvTimeoutError::Timeout) => return Some(batch),
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified() {
        let mut b = Batch::default();
        for p in ["content/jyj/zwdt/a.md", "public/index.html", "zhanqun.yaml", "sites/jyj.yaml", "README.md"] {
            classify(&mut b, Path::new(p));
        }
        assert_eq!(b.content.iter().collect::<Vec<_>>(), [Path::new("content/jyj/zwdt/a.md")]);
        assert_eq!(b.settings.len(), 2);
    }
}
