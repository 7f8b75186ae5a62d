//! Parallel loops over work items of uneven cost, and freeing large values off the critical path.
//!
//! Rayon splits a loop adaptively: a task is cut in two again only when an idle thread steals
//! half of it, and a thread works through the part it kept without offering it again. A
//! thread that kept a run of expensive items — the common terms of the index, sorted together
//! by key — works through it alone while the others, done with their cheap share, find nothing
//! to steal; and at the end of any long loop, the others wait for the rest of the last part
//! kept. On this project's 2-core machines that made the index's scoring pass run on one core
//! (1.5 s wall of the 1.5 s it costs at 100,000 pages) and left one core idle for 0.8 s at the
//! end of the render phase, although no page took more than 30 ms.

use rayon::iter::{IndexedParallelIterator, MaxLen};

/// Pages per task at most, for loops over pages (parsing, rendering, the 繁體 view): a few
/// milliseconds of work.
pub(crate) const PAGES_PER_TASK: usize = 64;

/// `iter`, cut into tasks of at most `grain` items, so that an idle thread always finds work
/// to steal while another is busy. Choose `grain` so that one task costs a few milliseconds:
/// smaller wastes time on scheduling, larger brings the imbalance back.
pub(crate) fn uneven<I: IndexedParallelIterator>(iter: I, grain: usize) -> MaxLen<I> {
    iter.with_max_len(grain.max(1))
}

/// Frees `value` on a background thread. A build's owned results hold millions of small
/// allocations (every page's element ids, file entries, sources); freeing them took up to a
/// second of a single core at the end of a 100,000-page build, and nothing needs to wait for
/// it. The process may exit first: the operating system reclaims the memory then.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    // Without a thread to be had, the value is dropped here, with the closure.
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;
    use std::time::Duration;

    /// Heavy items first, as the index's common terms are: every thread takes part in them.
    #[test]
    fn heavy_items_sorted_together_are_shared_between_threads() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let heavy = 64;
        let items: Vec<usize> = (0..1024).collect();
        let threads: Vec<Option<usize>> = pool.install(|| {
            uneven(items.into_par_iter(), 4)
                .map(|i| {
                    if i < heavy {
                        std::thread::sleep(Duration::from_millis(3));
                    }
                    rayon::current_thread_index()
                })
                .collect()
        });
        let on = |t: usize| threads[..heavy].iter().filter(|&&x| x == Some(t)).count();
        assert!(on(0) >= heavy / 5 && on(1) >= heavy / 5, "heavy items by thread: {} and {}", on(0), on(1));
    }
}
