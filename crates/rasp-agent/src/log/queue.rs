//! The bounded queue between the request path and a transport, and the worker draining it.
//!
//! `emit` is a `try_send` on a bounded channel: when the queue is full the event is dropped
//! and counted, so a slow or dead receiver never slows a request and memory stays bounded.
//! Delivery runs on one worker thread (long-running servers) or inside `flush` (serverless,
//! spec §12.5: no background threads). A record whose send fails with a retryable error is
//! retried with exponential backoff (the queue buffers meanwhile); a record the receiver
//! rejects is counted as failed. Each kind of failure is reported once per minute, not per
//! event.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};
use rasp_core::SecurityEvent;

use super::format::Formatter;
use super::transport::{SendError, Transport};
use crate::geo::GeoResolver;

/// First retry delay after a failed send; doubles up to [`MAX_BACKOFF`].
const MIN_BACKOFF: Duration = Duration::from_millis(50);
/// Longest wait between two attempts at a failing receiver.
const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// How often the same delivery problem may be reported.
const REPORT_PERIOD: Duration = Duration::from_secs(60);

/// Delivery counters, cumulative over the agent's life (they survive logging restarts).
#[derive(Debug, Default)]
pub struct LogCounters {
    pub(crate) accepted: AtomicU64,
    pub(crate) dropped_full: AtomicU64,
    pub(crate) dropped_disabled: AtomicU64,
    pub(crate) sent: AtomicU64,
    pub(crate) failed: AtomicU64,
    pub(crate) retries: AtomicU64,
    pub(crate) dropped_shutdown: AtomicU64,
}

/// A snapshot of [`LogCounters`]. After a completed flush,
/// `accepted == sent + failed + dropped_shutdown`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LogStats {
    /// Events put on the queue.
    pub accepted: u64,
    /// Events dropped because the queue was full.
    pub dropped_full: u64,
    /// Events received while logging was disabled (`LOG_ENABLED=false`).
    pub dropped_disabled: u64,
    /// Records the transport delivered.
    pub sent: u64,
    /// Records the receiver rejected (or that could never be sent).
    pub failed: u64,
    /// Failed attempts that were retried.
    pub retries: u64,
    /// Records still queued when a shutdown or flush deadline passed.
    pub dropped_shutdown: u64,
}

impl LogCounters {
    /// Current values.
    pub fn snapshot(&self) -> LogStats {
        let g = |a: &AtomicU64| a.load(Ordering::Relaxed);
        LogStats {
            accepted: g(&self.accepted),
            dropped_full: g(&self.dropped_full),
            dropped_disabled: g(&self.dropped_disabled),
            sent: g(&self.sent),
            failed: g(&self.failed),
            retries: g(&self.retries),
            dropped_shutdown: g(&self.dropped_shutdown),
        }
    }

    fn processed(&self) -> u64 {
        self.sent.load(Ordering::Acquire)
            + self.failed.load(Ordering::Acquire)
            + self.dropped_shutdown.load(Ordering::Acquire)
    }
}

/// What the worker and the flushers share.
struct Shared {
    counters: Arc<LogCounters>,
    /// Set when the pipeline is shutting down; the worker drains until `deadline`.
    stopping: AtomicBool,
    deadline: Mutex<Option<Instant>>,
    /// Signalled after every processed record and on stop.
    progress: Condvar,
    progress_lock: Mutex<()>,
}

impl Shared {
    fn notify(&self) {
        let _g = self.progress_lock.lock();
        self.progress.notify_all();
    }

    fn deadline_passed(&self) -> bool {
        self.stopping.load(Ordering::Acquire)
            && self.deadline.lock().is_none_or(|d| Instant::now() >= d)
    }

    /// Sleep up to `d`, waking early when the pipeline stops.
    fn sleep(&self, d: Duration) {
        let mut g = self.progress_lock.lock();
        if !self.stopping.load(Ordering::Acquire) {
            self.progress.wait_for(&mut g, d);
        }
    }
}

/// Owns the receiving side: formats, resolves the country, sends.
pub(crate) struct Deliverer {
    rx: Receiver<SecurityEvent>,
    transport: Transport,
    formatter: Formatter,
    geo: Option<GeoResolver>,
    reporter: FailureReporter,
}

impl Deliverer {
    fn record(&self, ev: &SecurityEvent) -> Vec<u8> {
        let country = match (&self.geo, ev.client_ip) {
            (Some(g), Some(ip)) => g.country(ip),
            _ => String::new(),
        };
        if self.transport.is_http() {
            self.formatter.http_body(ev, &country).into_bytes()
        } else {
            self.formatter.line(ev, &country).into_bytes()
        }
    }

    /// Deliver one event, retrying with backoff while the error is retryable and
    /// `give_up()` is false. Updates counters exactly once for the event.
    fn deliver(&mut self, ev: SecurityEvent, shared: &Shared, give_up: &dyn Fn() -> bool) {
        let record = self.record(&ev);
        let mut backoff = MIN_BACKOFF;
        loop {
            match self.transport.send(&record) {
                Ok(()) => {
                    shared.counters.sent.fetch_add(1, Ordering::AcqRel);
                    self.reporter.recovered();
                    break;
                }
                Err(SendError::Drop(e)) => {
                    shared.counters.failed.fetch_add(1, Ordering::AcqRel);
                    self.reporter.report(&e);
                    break;
                }
                Err(SendError::Retry(e)) => {
                    self.reporter.report(&e);
                    if give_up() {
                        shared
                            .counters
                            .dropped_shutdown
                            .fetch_add(1, Ordering::AcqRel);
                        break;
                    }
                    shared.counters.retries.fetch_add(1, Ordering::Relaxed);
                    shared.sleep(backoff);
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                }
            }
        }
        shared.notify();
    }
}

/// Reports a delivery problem once per [`REPORT_PERIOD`] with the count of repeats.
struct FailureReporter {
    last: Option<Instant>,
    suppressed: u64,
    failing: bool,
}

impl FailureReporter {
    fn new() -> FailureReporter {
        FailureReporter {
            last: None,
            suppressed: 0,
            failing: false,
        }
    }

    fn report(&mut self, error: &str) {
        self.failing = true;
        let now = Instant::now();
        if self
            .last
            .is_none_or(|l| now.duration_since(l) >= REPORT_PERIOD)
        {
            tracing::warn!(
                target: "rasp_agent::log",
                repeats = self.suppressed,
                "security log delivery failed: {error}"
            );
            self.last = Some(now);
            self.suppressed = 0;
        } else {
            self.suppressed += 1;
        }
    }

    fn recovered(&mut self) {
        if self.failing {
            tracing::info!(target: "rasp_agent::log", "security log delivery recovered");
            self.failing = false;
            self.last = None;
        }
    }
}

/// One running logging set-up: queue + (worker thread | inline deliverer).
pub(crate) struct Pipeline {
    tx: SyncSender<SecurityEvent>,
    shared: Arc<Shared>,
    worker: Mutex<Option<std::thread::JoinHandle<()>>>,
    /// Serverless: the deliverer runs in `flush`.
    inline: Option<Mutex<Deliverer>>,
}

impl Pipeline {
    /// Start a pipeline. `threaded=false` delivers only in [`Pipeline::flush`].
    pub(crate) fn start(
        transport: Transport,
        formatter: Formatter,
        geo: Option<GeoResolver>,
        capacity: usize,
        counters: Arc<LogCounters>,
        threaded: bool,
    ) -> std::io::Result<Pipeline> {
        let (tx, rx) = mpsc::sync_channel(capacity.max(1));
        let shared = Arc::new(Shared {
            counters,
            stopping: AtomicBool::new(false),
            deadline: Mutex::new(None),
            progress: Condvar::new(),
            progress_lock: Mutex::new(()),
        });
        let deliverer = Deliverer {
            rx,
            transport,
            formatter,
            geo,
            reporter: FailureReporter::new(),
        };
        if threaded {
            let sh = shared.clone();
            let handle = std::thread::Builder::new()
                .name("rasp-agent-log".into())
                .spawn(move || worker(deliverer, sh))?;
            Ok(Pipeline {
                tx,
                shared,
                worker: Mutex::new(Some(handle)),
                inline: None,
            })
        } else {
            Ok(Pipeline {
                tx,
                shared,
                worker: Mutex::new(None),
                inline: Some(Mutex::new(deliverer)),
            })
        }
    }

    /// Queue an event without blocking; drop and count it when the queue is full.
    pub(crate) fn emit(&self, ev: SecurityEvent) {
        let c = &self.shared.counters;
        match self.tx.try_send(ev) {
            Ok(()) => {
                c.accepted.fetch_add(1, Ordering::AcqRel);
            }
            Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {
                c.dropped_full.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Deliver what was accepted so far, waiting at most `deadline`. Returns `true` when
    /// everything accepted before the call has been processed.
    pub(crate) fn flush(&self, deadline: Duration) -> bool {
        let until = Instant::now() + deadline;
        // Counted before the increment in `emit` is visible? `accepted` is bumped after a
        // successful try_send, so an event counted here is already in the channel.
        let target = self.shared.counters.accepted.load(Ordering::Acquire);
        if let Some(inline) = &self.inline {
            let mut d = inline.lock();
            let give_up = || Instant::now() >= until;
            while self.shared.counters.processed() < target {
                if Instant::now() >= until {
                    break;
                }
                match d.rx.try_recv() {
                    Ok(ev) => d.deliver(ev, &self.shared, &give_up),
                    Err(_) => break,
                }
            }
            return self.shared.counters.processed() >= target;
        }
        let mut g = self.shared.progress_lock.lock();
        while self.shared.counters.processed() < target {
            if self.worker.lock().is_none() {
                return false;
            }
            let now = Instant::now();
            if now >= until {
                return false;
            }
            self.shared
                .progress
                .wait_for(&mut g, (until - now).min(Duration::from_millis(50)));
        }
        true
    }

    /// Stop: deliver what is queued until `deadline`, count the rest as dropped, and stop
    /// the worker. Returns `true` when every queued record was processed.
    pub(crate) fn shutdown(&self, deadline: Duration) -> bool {
        let until = Instant::now() + deadline;
        *self.shared.deadline.lock() = Some(until);
        let complete = if self.inline.is_some() {
            self.shared.stopping.store(true, Ordering::Release);
            let done = self.flush(deadline);
            if let Some(inline) = &self.inline {
                let d = inline.lock();
                while d.rx.try_recv().is_ok() {
                    self.shared
                        .counters
                        .dropped_shutdown
                        .fetch_add(1, Ordering::AcqRel);
                }
            }
            done
        } else {
            let done = self.flush(deadline);
            self.shared.stopping.store(true, Ordering::Release);
            self.shared.notify();
            done
        };
        // The worker exits at the deadline at the latest (plus one transport timeout).
        let handle = self.worker.lock().take();
        if let Some(h) = handle {
            let left = until.saturating_duration_since(Instant::now()) + Duration::from_secs(2);
            let waited = Instant::now();
            while !h.is_finished() && waited.elapsed() < left {
                std::thread::sleep(Duration::from_millis(5));
            }
            if h.is_finished() {
                let _ = h.join();
            }
        }
        complete
    }
}

fn worker(mut d: Deliverer, shared: Arc<Shared>) {
    let give_up = || shared.deadline_passed();
    loop {
        match d.rx.recv_timeout(Duration::from_millis(100)) {
            Ok(ev) => {
                if shared.deadline_passed() {
                    shared
                        .counters
                        .dropped_shutdown
                        .fetch_add(1, Ordering::AcqRel);
                    shared.notify();
                } else {
                    d.deliver(ev, &shared, &give_up);
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                if shared.stopping.load(Ordering::Acquire) {
                    break;
                }
            }
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if shared.stopping.load(Ordering::Acquire) && shared.deadline_passed() {
            // Count whatever is left so the totals stay exact.
            while d.rx.try_recv().is_ok() {
                shared
                    .counters
                    .dropped_shutdown
                    .fetch_add(1, Ordering::AcqRel);
            }
            shared.notify();
            break;
        }
    }
}
