use std::process::ExitCode;

fn main() -> ExitCode {
    one_malloc_arena();
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
