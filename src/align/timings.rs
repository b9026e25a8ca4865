//! How long each step of one alignment took, wall clock and (on Linux) the process's CPU time, so
//! that a step growing faster than the corpus shows by name. Recorded only when asked for
//! ([`super::align_timed`]); the library returns the figures and never prints them.

use std::time::{Duration, Instant};

/// The steps of one alignment in the order they ran.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// One entry per step.
    pub steps: Vec<StepTime>,
}

/// One step's time.
#[derive(Debug, Clone)]
pub struct StepTime {
    /// The step (`candidates`, `cluster 1: merge edges`, …).
    pub step: &'static str,
    /// Wall-clock time.
    pub wall: Duration,
    /// CPU time of the whole process (every thread) during the step, where the platform tells it
    /// (Linux: `/proc/self/stat`, in clock ticks of 10 ms).
    pub cpu: Option<Duration>,
    /// Peak resident memory of the process so far at the step's end, in bytes, where the
    /// platform tells it (Linux: `VmHWM` of `/proc/self/status`): the step that raises it shows.
    pub peak: Option<u64>,
}

/// Takes the laps of an alignment; does nothing (reads no clock) when off.
pub(crate) struct Stopwatch {
    timings: Option<Timings>,
    wall: Instant,
    cpu: Option<Duration>,
    /// The grouping after each step (units in groups), when a trace was asked for
    /// ([`super::align_traced`]).
    trace: Option<Vec<Snapshot>>,
}

/// One step's name and the grouping after it (units in groups).
pub(crate) type Snapshot = (&'static str, Vec<Vec<usize>>);

impl Stopwatch {
    pub(crate) fn off() -> Stopwatch {
        Stopwatch {
            timings: None,
            wall: Instant::now(),
            cpu: None,
            trace: None,
        }
    }

    /// Times nothing, but keeps the grouping after each step ([`Stopwatch::snap`]).
    pub(crate) fn tracing() -> Stopwatch {
        Stopwatch {
            trace: Some(Vec::new()),
            ..Stopwatch::off()
        }
    }

    /// Keeps the grouping as it stands after `step` (the non-empty groups), when tracing.
    pub(crate) fn snap(&mut self, step: &'static str, groups: &[Vec<usize>]) {
        if let Some(t) = &mut self.trace {
            let kept = groups.iter().filter(|g| !g.is_empty()).cloned().collect();
            t.push((step, kept));
        }
    }

    /// The groupings kept by [`Stopwatch::snap`], in the order the steps ran.
    pub(crate) fn snapshots(&mut self) -> Vec<Snapshot> {
        self.trace.take().unwrap_or_default()
    }

    pub(crate) fn on() -> Stopwatch {
        Stopwatch {
            timings: Some(Timings::default()),
            wall: Instant::now(),
            cpu: process_cpu(),
            trace: None,
        }
    }

    /// Ends the step running since the last lap (or the start) under the name `step`.
    pub(crate) fn lap(&mut self, step: &'static str) {
        let Some(t) = &mut self.timings else {
            return;
        };
        let (wall, cpu) = (Instant::now(), process_cpu());
        t.steps.push(StepTime {
            step,
            wall: wall - self.wall,
            cpu: cpu
                .zip(self.cpu)
                .map(|(now, then)| now.saturating_sub(then)),
            peak: peak_memory(),
        });
        (self.wall, self.cpu) = (wall, cpu);
    }

    pub(crate) fn finish(self) -> Timings {
        self.timings.unwrap_or_default()
    }
}

/// User plus system CPU time of this process so far, all threads, where the platform tells it.
pub fn process_cpu() -> Option<Duration> {
    // Fields 14 and 15 of /proc/self/stat (utime, stime), counted after the command name's
    // closing parenthesis (which may itself hold spaces); Linux reports them in 1/100 s.
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

/// Peak resident memory of this process so far, in bytes, where the platform tells it.
pub fn peak_memory() -> Option<u64> {
    // The `VmHWM:` line of /proc/self/status, in kB.
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
