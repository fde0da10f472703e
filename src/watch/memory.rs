//! How `watch` keeps memory between rebuilds.
//!
//! mimalloc gives memory that stayed free for a while back to the system
//! (its `purge_delay`: a second in mimalloc 3). A rebuild under `watch`
//! frees most of what the last one allocated and allocates it again seconds
//! later, so each edit paid for the kernel taking the pages back and then
//! faulting them in anew: a tenth of a title edit's time at 10 000 events.
//! While watching, freed memory is kept for a minute instead, which costs no
//! more than the peak the last rebuild already reached.

/// `mi_option_purge_delay` in mimalloc.h (the same number in versions 2 and 3;
/// libmimalloc-sys names only the options of its own documentation).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory is kept from the system, in milliseconds.
const KEEP_FREED_MS: std::os::raw::c_long = 60_000;

/// Keeps freed memory for a minute before returning it to the system.
pub(super) fn keep_freed_memory() {
    // SAFETY: setting an option is thread-safe and only changes when mimalloc
    // returns unused memory; with another allocator, mimalloc is idle.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, KEEP_FREED_MS) }
}

#[cfg(test)]
mod tests {
    use super::{keep_freed_memory, KEEP_FREED_MS, PURGE_DELAY};

    #[test]
    fn the_purge_delay_is_set() {
        keep_freed_memory();
        // SAFETY: reading an option has no preconditions.
        let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(delay, KEEP_FREED_MS);
    }
}
