use std::process::ExitCode;

fn main() -> ExitCode {
    one_malloc_arena();
    ctrl_c_stops_builds_cleanly();
    match guize::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => {
            if guize::cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            guize::cli::report_error(&err);
            ExitCode::from(guize::cli::EXIT_ERROR)
        }
    }
}

/// glibc gives each thread that allocates a heap of its own (an arena) and keeps what is freed
/// there for that arena; rayon's threads then leave memory that the main thread cannot reuse.
/// Aligning all of lawrefbook peaked at 1.34 GB with the default arenas and 1.12 GB with one, at
/// the same CPU time (docs/performance.md, "The aligner's speed and memory"). One arena for the
/// whole process.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    // SAFETY: mallopt only sets a parameter of the allocator; it is called first thing in main,
    // before any other thread exists, and its failure (a return of 0) leaves the default.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}

/// SIGINT during an index build goes through `guize::cli::interrupt`, which stops the build (its
/// half-written folder removed) and then ends the process; the handler is armed only while a build
/// may run, so SIGINT otherwise keeps its default action (and `serve` its graceful stop).
#[cfg(unix)]
fn ctrl_c_stops_builds_cleanly() {
    guize::cli::interrupt::set_hooks(arm_sigint, sigint_default, end_by_sigint);
}

/// Installs the SIGINT handler; false (and nothing changed) when SIGINT is ignored, as for a job
/// started with `&` by a shell without job control, or under nohup.
#[cfg(unix)]
fn arm_sigint() -> bool {
    extern "C" fn on_sigint(_: libc::c_int) {
        guize::cli::interrupt::on_interrupt();
    }
    // SAFETY: querying and setting SIGINT's action with valid pointers to zeroed sigaction
    // structs. The handler only touches atomics and calls `end_by_sigint`, which is
    // async-signal-safe. No SA_RESTART: a wait for the index lock (flock) returns at Ctrl-C
    // rather than waiting on.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGINT, std::ptr::null(), &mut old) != 0
            || old.sa_sigaction == libc::SIG_IGN
        {
            return false;
        }
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGINT, &action, std::ptr::null_mut()) == 0
    }
}

/// SIGINT's default action back.
#[cfg(unix)]
fn sigint_default() {
    // SAFETY: a zeroed sigaction with SIG_DFL is a valid argument; sigaction is
    // async-signal-safe.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = libc::SIG_DFL;
        libc::sigaction(libc::SIGINT, &action, std::ptr::null_mut());
    }
}

/// Restores SIGINT's default action and raises it: the process ends as Ctrl-C ends it.
#[cfg(unix)]
fn end_by_sigint() {
    sigint_default();
    // SAFETY: raise is async-signal-safe, so this may run inside the handler.
    unsafe {
        libc::raise(libc::SIGINT);
    }
}

#[cfg(not(unix))]
fn ctrl_c_stops_builds_cleanly() {}
