//! Ctrl-C while an index may be built. By default SIGINT kills the process at once, and a build
//! killed half-way left its hidden `.build-…` folder in the index folder (100 MB for lawrefbook)
//! until the next build. While a [`Guard`] lives, the binary's SIGINT handler is armed and calls
//! [`on_interrupt`], which only asks the build to stop ([`crate::index::request_stop`]); the build returns at
//! its next document, its folder is removed, and when the guard is dropped the process ends as
//! Ctrl-C ends it (the ender the binary registered: the signal raised again with its default
//! action, status 130 in a shell). Outside a guard, SIGINT has its default action.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether a guard lives.
static GUARDED: AtomicBool = AtomicBool::new(false);

/// What the binary does with signals: arm its SIGINT handler (false when SIGINT is ignored, as
/// under nohup), disarm it again (the default action back), and end the process as Ctrl-C does.
struct Hooks {
    arm: fn() -> bool,
    disarm: fn(),
    end: fn(),
}

static HOOKS: OnceLock<Hooks> = OnceLock::new();

/// Registers the binary's signal hooks (see [`Guard`]). Without them a guard changes nothing.
pub fn set_hooks(arm: fn() -> bool, disarm: fn(), end: fn()) {
    let _ = HOOKS.set(Hooks { arm, disarm, end });
}

/// What the SIGINT handler does: inside a guard, ask the build to stop; outside, end the process.
/// Async-signal-safe: atomics, and the registered ender.
pub fn on_interrupt() {
    if GUARDED.load(Ordering::SeqCst) {
        crate::index::request_stop();
    } else {
        end();
    }
}

fn end() {
    match HOOKS.get() {
        Some(h) => (h.end)(),
        None => std::process::exit(130),
    }
}

/// While it lives, Ctrl-C stops an index build cleanly; see the module documentation. The
/// handler is armed only meanwhile, so that outside a build SIGINT has its default action and a
/// later handler (the web server's graceful stop) is not chained to this one.
pub struct Guard {
    armed: bool,
}

impl Guard {
    /// Ctrl-C from now on asks a build to stop rather than ending the process.
    pub fn during_build() -> Guard {
        GUARDED.store(true, Ordering::SeqCst);
        let armed = HOOKS.get().is_some_and(|h| (h.arm)());
        Guard { armed }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let (true, Some(h)) = (self.armed, HOOKS.get()) {
            (h.disarm)();
        }
        GUARDED.store(false, Ordering::SeqCst);
        if crate::index::stop_requested() {
            // The build, if one ran, has removed its folder: end as Ctrl-C asked.
            end();
        }
    }
}
