//! The allocator between the render and the last steps. The render frees as much as it
//! allocates (every page's HTML, links, tokens) and mimalloc keeps what is freed for a second
//! (`purge_delay`) in case it is wanted again; the index inversion that follows is the build's
//! peak, and would sit on top of what the render left. At 100,000 pages that is ~55 MiB of the
//! peak's ~750 MiB.

/// mimalloc's `mi_option_purge_delay` (see `mimalloc.h`; the `libmimalloc-sys` crate does not
/// name it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// From now on, returns what is freed to the system soon ([`SOON_MS`]): a cached build frees
/// most of what it decoded (the previous build's pages and memos, taken page by page) while it
/// renders the few pages that changed, and what mimalloc kept of that for a while was part of
/// its peak. One body edit at 100,000 pages: 446 → ~385 MB at its peak. Not at once (0 ms): the
/// keying of generated pages frees a tree of JSON values per page, and purging each emptied
/// page at once cost ~0.5 s of TLB shootdowns between the threads (measured: 3.0 s at 0 ms,
/// 2.5 s at 10 ms, 2.5 s with the default delay but 450 MB).
pub(crate) fn purge_soon() {
    // SAFETY: as in `release_after_render`.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, SOON_MS) };
}

/// The purge delay of a cached build from the end of its read ([`purge_soon`]), in
/// milliseconds: long enough for a thread to reuse the pages it just emptied, short enough
/// that what the read freed does not stay.
const SOON_MS: std::os::raw::c_long = 10;

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
