//! The build's one timer: the wall time of each step ([`StageClock`]) and the thread time of the
//! per-page work ([`JobCpu`]), for `build --verbose` and `serve`'s traces.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Records the wall time of consecutive pipeline stages.
#[derive(Debug)]
pub(crate) struct StageClock {
    last: Instant,
    pub(crate) laps: Vec<(&'static str, Duration)>,
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

    /// The laps as one line: `parse 1.2 ms, render 3.4 ms`.
    pub(crate) fn line(&self) -> String {
        let parts: Vec<String> =
            self.laps.iter().map(|(w, d)| format!("{w} {:.1} ms", d.as_secs_f64() * 1e3)).collect();
        parts.join(", ")
    }

    /// Records `stages`, which ran beside the current stage, before it: the current stage is
    /// timed from where they ended, so that the laps still add up to the wall time.
    pub(crate) fn beside(&mut self, stages: &[(&'static str, Duration)]) {
        self.laps.extend(stages.iter().copied());
        self.last += stages.iter().map(|s| s.1).sum::<Duration>();
    }
}

/// CPU time the parallel jobs spent in each step, summed over threads (nanoseconds).
#[derive(Debug, Default)]
pub(crate) struct JobCpu {
    pub(super) render: AtomicU64,
    pub(super) extract: AtomicU64,
    pub(super) rewrite: AtomicU64,
    pub(super) write: AtomicU64,
    /// Keying generated pages for the build cache ([`crate::render::Prepared::bind_keys`]).
    pub(super) key: AtomicU64,
}

impl JobCpu {
    /// Adds the time since `since` to `counter`, returning now.
    pub(super) fn add(counter: &AtomicU64, since: Instant) -> Instant {
        let now = Instant::now();
        counter.fetch_add((now - since).as_nanos() as u64, Ordering::Relaxed);
        now
    }

    pub(super) fn totals(&self) -> [(&'static str, Duration); 5] {
        let d = |c: &AtomicU64| Duration::from_nanos(c.load(Ordering::Relaxed));
        [
            ("  render (thread time)", d(&self.render)),
            ("  search text (thread time)", d(&self.extract)),
            ("  rewrite (thread time)", d(&self.rewrite)),
            ("  write (thread time)", d(&self.write)),
            ("  generated keys (thread time)", d(&self.key)),
        ]
    }
}
