//! Ctrl-C while an index may be built. By default SIGINT kills the process at once, and a build
//! killed half-way left its hidden `.build-…` folder in the index folder (100 MB for lawrefbook)
//! until the next build. The binary's SIGINT handler calls [`on_interrupt`]: while a [`Guard`]
//! lives, that only asks the build to stop ([`crate::index::request_stop`]); the build returns at
//! its next document, its folder is removed, and when the guard is dropped the process ends as
//! Ctrl-C ends it (the ender the binary registered: the signal raised again with its default
//! action, status 130 in a shell). Outside a guard (a fresh index, a corpus still loading, any
//! other work), Ctrl-C ends the process at once, as it always did.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether a guard lives.
static GUARDED: AtomicBool = AtomicBool::new(false);

/// How the process ends on Ctrl-C, registered by the binary.
static ENDER: OnceLock<fn()> = OnceLock::new();

/// Registers how the process ends on Ctrl-C (the binary raises SIGINT with its default action).
pub fn set_ender(end: fn()) {
    let _ = ENDER.set(end);
}

/// What a SIGINT handler does: inside a guard, ask the build to stop; outside, end the process.
/// Async-signal-safe: atomics, and the registered ender.
pub fn on_interrupt() {
    if GUARDED.load(Ordering::SeqCst) {
        crate::index::request_stop();
    } else {
        end();
    }
}

fn end() {
    match ENDER.get() {
        Some(end) => end(),
        None => std::process::exit(130),
    }
}

/// While it lives, Ctrl-C stops an index build cleanly; see the module documentation.
pub struct Guard(());

impl Guard {
    /// Ctrl-C from now on asks a build to stop rather than ending the process.
    pub fn new() -> Guard {
        GUARDED.store(true, Ordering::SeqCst);
        Guard(())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        GUARDED.store(false, Ordering::SeqCst);
        if crate::index::stop_requested() {
            // The build, if one ran, has removed its folder: end as Ctrl-C asked.
            end();
        }
    }
}
