//! The allocator between the render and the last steps. The render frees as much as it
//! allocates (every page's HTML, links, tokens) and mimalloc keeps what is freed for a second
//! (`purge_delay`) in case it is wanted again; the index inversion that follows is the build's
//! peak, and would sit on top of what the render left. At 100,000 pages that is ~55 MiB of the
//! peak's ~750 MiB.

/// mimalloc's `mi_option_purge_delay` (see `mimalloc.h`; the `libmimalloc-sys` crate does not
/// name it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Returns what the render freed to the system, and from now on what is freed at once: the
/// steps left allocate few, large blocks, where purging at once costs little.
pub(crate) fn release_after_render() {
    // SAFETY: `mi_option_set` and `mi_collect` only change and tidy mimalloc's own state; both
    // are thread-safe and have no preconditions. Without mimalloc as the global allocator
    // (`--cfg zhanqun_system_alloc`) they act on an unused heap.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
    // Each worker thread's heap holds what that thread freed.
    // SAFETY: as above.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(false) });
    // SAFETY: as above.
    unsafe { libmimalloc_sys::mi_collect(true) };
}
