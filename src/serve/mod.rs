//! `guize serve`: the corpus as a local web application. Server-rendered pages (`pages.rs`) and a
//! JSON API (`api.rs`) over one shared, read-only [`Site`]: the corpus, its search index, its
//! alignment and the whole-corpus report, all computed once before the first request. Routing,
//! limits and the mapping of errors to statuses are in `routes.rs` and `problem.rs`. The library
//! part never prints: `cli/serve.rs` loads what the site needs (with progress on stderr), binds the
//! socket and prints the URL.
//!
//! Every request is read-only; CPU work (search, diff, precedent) runs on blocking threads, at
//! most [`Limits::workers`] at a time, so a burst of requests queues instead of starving the
//! runtime. Heavy work (a precedent search: seconds of CPU per draft) holds at most half of those
//! slots (`heavy_slots`: one draft per core), so independent drafts run side by side while
//! searches and comparisons (milliseconds) never queue behind drafts.

mod api;
mod conn;
mod pages;
mod problem;
mod routes;

pub use conn::{Connection, HEAD_TIMEOUT, Listener, MAX_URL_BYTES};
pub use routes::router;

use crate::align::Alignment;
use crate::corpus::Corpus;
use crate::index::SearchIndex;
use crate::model::{DocId, Regulation};
use crate::numbers::{self, Provision, table};
use crate::render::wire::{AlignJson, CorpusJson, CorpusKindsJson, KindJson};
use crate::report::corpus_report;
use crate::{Error, Result};
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Bounds on what one request may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request body (a draft sent to the precedent finder); more is answered with 413.
    pub body_bytes: usize,
    /// Longest a request may take, queueing included, and longest a draft's own work may run;
    /// longer is answered with 503 (busy) and a Retry-After. A draft waiting for the heavy slot
    /// is not timed while it waits (see `queue`).
    pub timeout: Duration,
    /// Drafts (heavy jobs) that may wait for a heavy slot; one more is answered at once with 503
    /// and a Retry-After rather than queued behind work it would wait minutes for.
    pub queue: usize,
    /// Requests doing CPU work at once; the others wait their turn.
    pub workers: usize,
    /// Requests handled at once (connections beyond wait to be read).
    pub in_flight: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 1 << 20,
            timeout: Duration::from_secs(30),
            queue: 16,
            workers: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
            in_flight: 1024,
        }
    }
}

/// Documents beyond which the server does not build the whole-corpus report (its page says so).
pub const MAX_REPORT_DOCS: usize = 40;

/// Rows the `/numbers` page shows at most (the page says how many there are; a query narrows).
pub const MAX_PAGE_ROWS: usize = 200;

/// How many alignments of documents chosen together are kept ([`Site::together`]).
const TOGETHER_KEPT: usize = 8;

/// Everything the pages and the API read: built once, shared by every request, never changed.
pub struct Site {
    /// The corpus served.
    pub corpus: Corpus,
    /// Its search index.
    pub index: SearchIndex,
    /// Its alignment.
    pub alignment: Alignment,
    /// Request limits.
    pub limits: Limits,
    /// `/api/corpus` (without the server's paths: [`CorpusJson::public`]) and `/api/align`,
    /// serialised once.
    corpus_json: String,
    align_json: String,
    /// The body of the whole-corpus report page.
    report_html: String,
    report_title: String,
    /// Every figure of the corpus in reading order, and the side-by-side table of them.
    provisions: Vec<Provision>,
    numbers: table::FigureTable,
    /// The longest document's characters: a longer draft is refused.
    max_chars: Option<usize>,
    /// The corpus's chance similarity for precedents, measured by the first precedent request.
    pub(crate) chance: std::sync::OnceLock<crate::precedent::Chance>,
    /// Held while the chance similarity is measured, so that drafts sent at once measure it
    /// once: the others wait for it and then share it.
    pub(crate) measuring: std::sync::Mutex<()>,
    /// The alignments of documents chosen together that the corpus puts in several kinds (a
    /// comparison's `doc=`), as `guize compare --doc` aligns them: the last few, newest last.
    together: std::sync::Mutex<Vec<(Vec<DocId>, Arc<Alignment>)>>,
    /// What the pages' fields show as examples, taken from this corpus.
    pub(crate) examples: Examples,
    slots: Slots,
}

/// Examples for the pages' fields, taken from the corpus served so that each finds something:
/// the first words of the labels of the groups most documents share, a chapter that holds the
/// largest group's first article, and a sentence of that article for the precedent box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Examples {
    /// Two search words (the leading word of the two largest groups' labels).
    pub words: Vec<String>,
    /// `8 / 总则` for the chapter field; empty when the corpus has no chapters.
    pub chapter: String,
    /// A sentence of a real article, for the precedent box.
    pub sentence: String,
}

impl Examples {
    /// The examples of `corpus` aligned as `alignment`.
    pub(crate) fn of(corpus: &Corpus, alignment: &Alignment) -> Examples {
        let mut groups: Vec<&crate::align::Group> = alignment
            .groups
            .iter()
            .filter(|g| !g.label.is_empty() && !g.label.contains(':'))
            .collect();
        // Most documents first, then the closest wording; reading order breaks ties.
        groups.sort_by(|a, b| {
            b.doc_count()
                .cmp(&a.doc_count())
                .then(b.score.total_cmp(&a.score))
        });
        let mut words: Vec<String> = Vec::new();
        for g in &groups {
            if let Some(w) = g.label.split('·').next().map(str::trim)
                && !w.is_empty()
                && !words.iter().any(|x| x == w)
            {
                words.push(w.to_string());
            }
            if words.len() == 2 {
                break;
            }
        }
        let article = groups.iter().find_map(|g| {
            let (doc, keys) = g.members.keys().find_map(|d| {
                let keys = g.keys_of(d);
                (!keys.is_empty()).then_some((d, keys))
            })?;
            let reg = corpus.docs.iter().find(|r| &r.id == doc)?;
            reg.article_by_key(keys[0])
        });
        let chapter = article
            .filter(|a| a.chapter.number > 0)
            .map(|a| a.chapter.clone())
            .or_else(|| {
                corpus
                    .docs
                    .iter()
                    .flat_map(|d| &d.chapters)
                    .find(|c| c.number > 0 && !c.title.is_empty())
                    .map(crate::model::Chapter::reference)
            })
            .map(|c| format!("{} / {}", c.number, c.title))
            .unwrap_or_default();
        let sentence = article
            .map(|a| {
                let first = a.text.lines().next().unwrap_or_default();
                let end = first
                    .find('。')
                    .map_or(first.len(), |i| i + '。'.len_utf8());
                first[..end].chars().take(60).collect::<String>()
            })
            .unwrap_or_default();
        Examples {
            words,
            chapter,
            sentence,
        }
    }

    /// `w1 / w2`: the search box's hint.
    pub(crate) fn search(&self) -> String {
        self.words.join(" / ")
    }
}

/// The worker slots: every job takes one of `all`; a heavy job first takes one of `heavy`, of
/// which there are fewer, so some of `all` are always left to light requests.
struct Slots {
    all: Arc<Semaphore>,
    heavy: Arc<Semaphore>,
    /// Places in the queue of heavy jobs waiting for a heavy slot ([`Limits::queue`]).
    waiting: Arc<Semaphore>,
    /// How long one job may run ([`Limits::timeout`]).
    timeout: Duration,
}

/// Heavy jobs at once among `workers` slots: half of them, at least one (on two cores, with four
/// slots: two drafts side by side, one a core, so a slow draft does not hold up the next, and
/// two slots left for searches).
pub(crate) fn heavy_slots(workers: usize) -> usize {
    (workers / 2).max(1)
}

impl Slots {
    fn new(limits: &Limits) -> Slots {
        let workers = limits.workers.max(1);
        Slots {
            all: Arc::new(Semaphore::new(workers)),
            heavy: Arc::new(Semaphore::new(heavy_slots(workers))),
            waiting: Arc::new(Semaphore::new(limits.queue.max(1))),
            timeout: limits.timeout,
        }
    }

    /// The permits a job needs: a heavy slot first (if `heavy`), then a worker slot. Held until
    /// dropped. Heavy jobs wait in turn (the semaphores are first come, first served, so no
    /// draft is overtaken), holding a place in the queue while they wait; with the queue full,
    /// the server is busy.
    async fn acquire(
        &self,
        heavy: bool,
    ) -> std::result::Result<Vec<tokio::sync::OwnedSemaphorePermit>, Busy> {
        let mut permits = Vec::with_capacity(2);
        if heavy {
            let place = Arc::clone(&self.waiting)
                .try_acquire_owned()
                .map_err(|_| Busy::Queue)?;
            permits.push(
                Arc::clone(&self.heavy)
                    .acquire_owned()
                    .await
                    .map_err(|_| Busy::Stopping)?,
            );
            drop(place);
        }
        permits.push(
            Arc::clone(&self.all)
                .acquire_owned()
                .await
                .map_err(|_| Busy::Stopping)?,
        );
        Ok(permits)
    }
}

/// Why a job was not run.
#[derive(Debug, PartialEq, Eq)]
enum Busy {
    /// The queue of drafts is full.
    Queue,
    /// The server is shutting down.
    Stopping,
}

impl Site {
    /// The site of `corpus`, with its open search index and the alignment of all its documents
    /// (the one `guize align` computes, so that group ids agree). Builds the report and the
    /// figures table here, so no request has to.
    pub fn new(
        corpus: Corpus,
        index: SearchIndex,
        alignment: Alignment,
        limits: Limits,
    ) -> Result<Site> {
        if corpus.docs.is_empty() {
            return Err(Error::EmptyCorpus { action: "serve" });
        }
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        // Search ranks with the site's own alignment (whatever the cache beside the index holds).
        index.use_topics(crate::index::topics::Topics::of(&corpus.docs, &alignment));
        let corpus_json = to_json(&CorpusKindsJson {
            corpus_json: CorpusJson::public(&corpus),
            kinds: KindJson::all(&alignment),
        })?;
        let align_json = to_json(&AlignJson::new(&docs, &alignment))?;
        let mut provisions: Vec<Provision> = docs
            .iter()
            .flat_map(|d| numbers::extract_regulation(d))
            .collect();
        numbers::keep_written_topics(&mut provisions, docs.iter().copied());
        let ids: Vec<DocId> = docs.iter().map(|d| d.id.clone()).collect();
        let numbers = table::build(&provisions, &ids, Some(&alignment));
        let (report_html, report_title) = if docs.len() > MAX_REPORT_DOCS {
            // Hundreds of documents make a report of hundreds of megabytes (a section per
            // clause group, a column per document) that no browser opens, and minutes to build.
            (
                format!(
                    "<p class=\"meta\">This corpus has {} documents; the whole-corpus report is \
                     built for at most {MAX_REPORT_DOCS}. Compare one clause group at a time \
                     (search, then a result's compare link), see the figures on \
                     <a href=\"/numbers\">/numbers</a>, or write a report of a few documents \
                     with <code>guize report --doc …</code>.</p>",
                    docs.len()
                ),
                "Report".to_string(),
            )
        } else {
            let mut report = corpus_report(&docs, &alignment)?;
            crate::report::add_numbers_of(&mut report, &docs, &provisions, &alignment);
            let mut body = Vec::new();
            crate::render::html::report_body(&mut body, &report).map_err(|e| Error::Render {
                what: "report",
                msg: e.to_string(),
            })?;
            (
                String::from_utf8_lossy(&body).into_owned(),
                crate::render::report_title(&report),
            )
        };
        let max_chars = corpus.docs.iter().map(|d| d.chars).max();
        let examples = Examples::of(&corpus, &alignment);
        Ok(Site {
            examples,
            chance: std::sync::OnceLock::new(),
            measuring: std::sync::Mutex::new(()),
            together: std::sync::Mutex::new(Vec::new()),
            slots: Slots::new(&limits),
            corpus,
            index,
            alignment,
            limits,
            corpus_json,
            align_json,
            report_html,
            report_title,
            provisions,
            numbers,
            max_chars,
        })
    }

    /// Runs CPU work on a blocking thread once a worker slot is free.
    /// The alignment of `chosen` together when the corpus puts them in several kinds (`None`
    /// when they are of one kind, or fewer than two), as `guize compare --doc` aligns them;
    /// kept for the next request that chooses the same documents.
    pub(crate) fn together(&self, chosen: &[&Regulation]) -> Option<Arc<Alignment>> {
        if chosen.len() < 2 || crate::align::chosen_kinds(chosen, &self.alignment.kinds).len() < 2 {
            return None;
        }
        let mut ids: Vec<DocId> = chosen.iter().map(|d| d.id.clone()).collect();
        ids.sort();
        ids.dedup();
        let kept = |cache: &[(Vec<DocId>, Arc<Alignment>)]| {
            cache
                .iter()
                .find(|(k, _)| *k == ids)
                .map(|(_, a)| Arc::clone(a))
        };
        // A poisoned lock only means a request panicked while holding it; the list is whole.
        if let Some(a) = kept(&self.together.lock().unwrap_or_else(|e| e.into_inner())) {
            return Some(a);
        }
        let aligned = Arc::new(crate::align::align_chosen(chosen));
        let mut cache = self.together.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(a) = kept(&cache) {
            return Some(a);
        }
        if cache.len() >= TOGETHER_KEPT {
            cache.remove(0);
        }
        cache.push((ids, Arc::clone(&aligned)));
        Some(aligned)
    }

    async fn work<T: Send + 'static>(
        self: &Arc<Self>,
        job: impl FnOnce(&Site) -> T + Send + 'static,
    ) -> std::result::Result<T, problem::Problem> {
        let site = Arc::clone(self);
        run(&self.slots, false, move |_| job(&site)).await
    }

    /// Runs heavy CPU work (a precedent search) once a heavy slot and a worker slot are free.
    /// The job is told to stop (`stop` turns true) when the request is dropped, as a timed-out
    /// one is, and is expected to look at it between its steps, so its slots are freed soon.
    async fn work_heavy<T: Send + 'static>(
        self: &Arc<Self>,
        job: impl FnOnce(&Site, &AtomicBool) -> T + Send + 'static,
    ) -> std::result::Result<T, problem::Problem> {
        let site = Arc::clone(self);
        run(&self.slots, true, move |stop| job(&site, stop)).await
    }
}

/// Sets its flag when dropped: held by the request's future across the job, so a request that
/// is dropped (timed out, or its client gone) tells its job to stop.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Runs `job` on a blocking thread once its slots are free, with a flag that turns true when the
/// caller stops waiting for it.
async fn run<T: Send + 'static>(
    slots: &Slots,
    heavy: bool,
    job: impl FnOnce(&AtomicBool) -> T + Send + 'static,
) -> std::result::Result<T, problem::Problem> {
    // The permits move into the job, so a request that times out while its job runs does not
    // free a slot the job still uses: the job frees it when it has stopped.
    let permit = slots.acquire(heavy).await.map_err(|busy| match busy {
        Busy::Queue => problem::Problem::unavailable(
            "the server is busy: too many drafts are waiting to be compared; try again in a \
             moment",
        ),
        Busy::Stopping => problem::Problem::unavailable("the server is stopping"),
    })?;
    let stop = Arc::new(AtomicBool::new(false));
    let _stop_on_drop = StopOnDrop(Arc::clone(&stop));
    let work = tokio::task::spawn_blocking(move || {
        let result = job(&stop);
        // The worker slot goes back before the heavy one: a draft woken by the heavy slot then
        // finds its worker slot free too.
        for slot in permit.into_iter().rev() {
            drop(slot);
        }
        result
    });
    // A job that runs too long is told to stop (the guard above, dropped on return) and
    // answered as the server's timeout answers.
    match tokio::time::timeout(slots.timeout, work).await {
        Ok(done) => done.map_err(|e| problem::Problem::internal(format!("a worker failed: {e}"))),
        Err(_) => Err(problem::Problem::unavailable(format!(
            "the server was busy: the work took longer than {} s; try again in a moment, or \
             send less",
            slots.timeout.as_secs()
        ))),
    }
}

fn to_json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Render {
        what: "JSON",
        msg: e.to_string(),
    })
}

/// Serves `site` on `listener` until `shutdown` completes; requests in progress then finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    site: Arc<Site>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(Listener::new(listener), router(site))
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two cores' limits: four worker slots, two of them for heavy work.
    fn four() -> Limits {
        Limits {
            workers: 4,
            ..Limits::default()
        }
    }

    /// Eight drafts at once on two heavy slots: all are served in turn, however long the queue
    /// takes, while the queue has places; one more than it holds is told at once that the
    /// server is busy; and a job that runs longer than the timeout is a 503 too, not a 408.
    /// A two-thread runtime with timers, as the server runs on.
    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_time()
            .build()
            .expect("a runtime")
    }

    #[test]
    fn a_burst_of_drafts_queues_and_only_an_overflow_is_busy() {
        runtime().block_on(async {
            let limits = Limits {
                queue: 8,
                timeout: Duration::from_millis(400),
                ..four()
            };
            let slots = Arc::new(Slots::new(&limits));
            // Eight jobs of 100 ms: 400 ms in all on two slots, the timeout of one.
            let mut jobs = Vec::new();
            for _ in 0..8 {
                let slots = Arc::clone(&slots);
                jobs.push(tokio::spawn(async move {
                    run(&slots, true, |_: &AtomicBool| {
                        std::thread::sleep(Duration::from_millis(100))
                    })
                    .await
                    .map_err(|p| p.status)
                }));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
            // Two running, six waiting (and two places left); then the queue is full.
            let mut more = Vec::new();
            for _ in 0..3 {
                let slots = Arc::clone(&slots);
                more.push(tokio::spawn(async move {
                    run(&slots, true, |_: &AtomicBool| ())
                        .await
                        .map_err(|p| p.status)
                }));
            }
            let mut refused = 0;
            for job in jobs.into_iter().chain(more) {
                match job.await.expect("the task ends") {
                    Ok(()) => {}
                    Err(status) => {
                        assert_eq!(status, axum::http::StatusCode::SERVICE_UNAVAILABLE);
                        refused += 1;
                    }
                }
            }
            assert_eq!(refused, 1, "only the draft beyond the queue is refused");
            let endless = run(&slots, true, |stop: &AtomicBool| {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(1));
                }
            })
            .await;
            assert_eq!(
                endless.map_err(|p| p.status),
                Err(axum::http::StatusCode::SERVICE_UNAVAILABLE)
            );
        });
    }

    #[test]
    fn heavy_jobs_leave_slots_to_light_ones() {
        assert_eq!(heavy_slots(4), 2);
        assert_eq!(heavy_slots(1), 1);
        assert_eq!(heavy_slots(16), 8);
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        rt.block_on(async {
            // Two cores: four slots, two of them for heavy work.
            let slots = Slots::new(&four());
            let running = slots.acquire(true).await.expect("a first heavy job runs");
            let beside = slots
                .acquire(true)
                .await
                .expect("a second heavy job runs too");
            // A third heavy job waits…
            let waits = tokio::select! {
                biased;
                _ = slots.acquire(true) => false,
                () = std::future::ready(()) => true,
            };
            assert!(
                waits,
                "a third heavy job must wait for one of the first two"
            );
            // …while two light jobs run beside the heavy ones.
            let mut light = Vec::new();
            for _ in 0..2 {
                light.push(slots.acquire(false).await.expect("a light job runs"));
            }
            assert_eq!(slots.all.available_permits(), 0);
            drop(running);
            drop(beside);
            assert_eq!(slots.heavy.available_permits(), 2);
        });
    }

    /// Two drafts sent together run at the same time: the second does not wait for the first
    /// to end (each job here takes 300 ms; one after the other, the second would start after
    /// the first had ended).
    #[test]
    fn two_drafts_run_side_by_side() {
        runtime().block_on(async {
            let slots = Arc::new(Slots::new(&four()));
            let mut jobs = Vec::new();
            for _ in 0..2 {
                let slots = Arc::clone(&slots);
                jobs.push(tokio::spawn(async move {
                    run(&slots, true, |_: &AtomicBool| {
                        let start = std::time::Instant::now();
                        std::thread::sleep(Duration::from_millis(300));
                        (start, std::time::Instant::now())
                    })
                    .await
                    .map_err(|p| p.status)
                }));
            }
            let mut spans = Vec::new();
            for job in jobs {
                spans.push(job.await.expect("the task ends").expect("the job runs"));
            }
            spans.sort();
            let ((_, first_end), (second_start, _)) = (spans[0], spans[1]);
            assert!(
                second_start < first_end,
                "the second draft started only once the first had ended"
            );
        });
    }

    /// A heavy job whose request times out is told to stop, and its slots are free again soon
    /// after, not when the job would have ended (here: never).
    #[test]
    fn a_timed_out_job_stops_and_frees_its_slot() {
        runtime().block_on(async {
            let slots = Slots::new(&four());
            let job = |stop: &AtomicBool| {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(1));
                }
            };
            let timed_out =
                tokio::time::timeout(Duration::from_millis(50), run(&slots, true, job)).await;
            assert!(timed_out.is_err(), "the endless job cannot finish in time");
            // Every heavy slot at once: the timed-out job must have given its own back.
            let freed = tokio::time::timeout(Duration::from_secs(5), async {
                let mut held = Vec::new();
                for _ in 0..heavy_slots(4) {
                    held.push(slots.acquire(true).await);
                }
                held
            })
            .await;
            assert!(
                freed.is_ok_and(|held| held.iter().all(Result::is_ok)),
                "the heavy slot is still held by the timed-out job"
            );
            assert_eq!(slots.all.available_permits(), 4);
        });
    }
}
