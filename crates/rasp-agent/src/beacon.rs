//! The periodic beacon (spec §10.2): counters, telemetry and new blacklist entries out;
//! blacklist orders and configuration changes in.
//!
//! Long-running servers beacon from a background thread every `BEACON_DELAY` seconds (the
//! delay is re-read each cycle, so a cloud change takes effect at once; 0 or less counts
//! as 1 s instead of PyRASP's endless `ZeroDivisionError`, B25). Serverless runtimes have no
//! background thread: [`Beaconer::beacon_if_due`] is called per invocation.
//!
//! Unlike PyRASP, counters and blacklist entries are only discarded once the server
//! acknowledged them: a failed beacon carries them into the next one (B29). A configuration
//! change is validated by the engine and swapped atomically; logging restarts only when a
//! logging key changed; an invalid change leaves the running configuration untouched.
//! Failures are reported once per period, not per request.

use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use parking_lot::{Condvar, Mutex};
use rasp_core::engine::Counters;
use rasp_core::Engine;

use crate::cloud::telemetry::{memory_percent, CpuSampler};
use crate::cloud::{send_beacon, BeaconOrders, BeaconRequest, CloudError, Telemetry};
use crate::log::LogSink;

/// Most unacknowledged blacklist entries carried between beacons.
const MAX_CARRIED_ENTRIES: usize = 100_000;

/// Beacon counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BeaconStats {
    /// Beacons the server answered with `status: true`.
    pub sent: u64,
    /// Beacons that failed (connection, timeout, HTTP error, garbage, refusal).
    pub failed: u64,
    /// Blacklist additions applied from the server.
    pub blacklist_added: u64,
    /// Blacklist removals applied from the server.
    pub blacklist_removed: u64,
    /// Configuration changes applied.
    pub config_applied: u64,
    /// Configuration changes rejected by validation (running config kept).
    pub config_rejected: u64,
    /// Logging restarts caused by configuration changes.
    pub log_restarts: u64,
}

#[derive(Default)]
pub(crate) struct BeaconCounters {
    sent: AtomicU64,
    failed: AtomicU64,
    blacklist_added: AtomicU64,
    blacklist_removed: AtomicU64,
    config_applied: AtomicU64,
    config_rejected: AtomicU64,
    log_restarts: AtomicU64,
}

impl BeaconCounters {
    pub(crate) fn snapshot(&self) -> BeaconStats {
        let g = |a: &AtomicU64| a.load(Ordering::Relaxed);
        BeaconStats {
            sent: g(&self.sent),
            failed: g(&self.failed),
            blacklist_added: g(&self.blacklist_added),
            blacklist_removed: g(&self.blacklist_removed),
            config_applied: g(&self.config_applied),
            config_rejected: g(&self.config_rejected),
            log_restarts: g(&self.log_restarts),
        }
    }
}

/// Sends beacons for one engine and applies the answers.
pub struct Beaconer {
    engine: Arc<Engine>,
    key: Option<String>,
    log: Arc<LogSink>,
    counters: Arc<BeaconCounters>,
    cpu: CpuSampler,
    carried: Counters,
    carried_blacklist: Vec<(IpAddr, i64)>,
    last: Option<Instant>,
    last_report: Option<(Instant, &'static str)>,
}

impl Beaconer {
    pub(crate) fn new(
        engine: Arc<Engine>,
        key: Option<String>,
        log: Arc<LogSink>,
        counters: Arc<BeaconCounters>,
    ) -> Beaconer {
        let mut cpu = CpuSampler::new();
        cpu.sample();
        Beaconer {
            engine,
            key,
            log,
            counters,
            cpu,
            carried: Counters::default(),
            carried_blacklist: Vec::new(),
            last: None,
            last_report: None,
        }
    }

    pub(crate) fn engine_config(&self) -> Arc<rasp_core::Config> {
        self.engine.config()
    }

    /// Beacon now if `BEACON` is on, `BEACON_URL` is set and `BEACON_DELAY` has passed since
    /// the last attempt (or none was made). Returns whether a beacon was attempted.
    pub fn beacon_if_due(&mut self) -> bool {
        let cfg = self.engine.config();
        if !cfg.beacon || cfg.beacon_url.is_none() {
            return false;
        }
        let due = self
            .last
            .is_none_or(|l| l.elapsed() >= beacon_delay(cfg.beacon_delay));
        if due {
            let _ = self.beacon_now();
        }
        due
    }

    /// Send one beacon and apply its orders.
    pub fn beacon_now(&mut self) -> Result<(), CloudError> {
        self.last = Some(Instant::now());
        let cfg = self.engine.config();
        let Some(url) = cfg.beacon_url.clone() else {
            return Ok(());
        };
        let c = self.engine.take_counters();
        self.carried.success += c.success;
        self.carried.errors += c.errors;
        self.carried.attacks += c.attacks;
        // Always drained, so the engine's list stays bounded when sharing is off (B29).
        let new = self.engine.take_new_blacklist();
        if cfg.blacklist_share {
            let room = MAX_CARRIED_ENTRIES.saturating_sub(self.carried_blacklist.len());
            self.carried_blacklist.extend(new.into_iter().take(room));
        }
        let telemetry = cfg.telemetry_data.then(|| Telemetry {
            cpu: self.cpu.sample(),
            memory: memory_percent(),
            requests: self.carried,
        });
        let req = BeaconRequest {
            url: &url,
            key: self.key.as_deref(),
            telemetry,
            blacklist: cfg.blacklist_share.then_some(&self.carried_blacklist[..]),
            timeout: Duration::from_secs_f64(cfg.cloud_timeout.clamp(0.05, 300.0)),
        };
        match send_beacon(&req) {
            Ok(orders) => {
                self.counters.sent.fetch_add(1, Ordering::Relaxed);
                self.carried = Counters::default();
                self.carried_blacklist.clear();
                if self.last_report.take().is_some() {
                    tracing::info!(target: "rasp_agent::beacon", "beacon recovered");
                }
                self.apply(orders);
                Ok(())
            }
            Err(e) => {
                self.counters.failed.fetch_add(1, Ordering::Relaxed);
                self.report(&e, beacon_delay(cfg.beacon_delay));
                Err(e)
            }
        }
    }

    fn report(&mut self, e: &CloudError, period: Duration) {
        let period = period.max(Duration::from_secs(60));
        let again = match self.last_report {
            Some((at, kind)) => kind != e.kind() || at.elapsed() >= period,
            None => true,
        };
        if again {
            tracing::warn!(target: "rasp_agent::beacon", "beacon failed, keeping the current configuration: {e}");
            self.last_report = Some((Instant::now(), e.kind()));
        }
    }

    fn apply(&mut self, orders: BeaconOrders) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        for ip in orders.blacklist_new {
            self.engine.blacklist_add(ip, now);
            self.counters
                .blacklist_added
                .fetch_add(1, Ordering::Relaxed);
        }
        for ip in orders.blacklist_remove {
            self.engine.blacklist_remove(ip);
            self.counters
                .blacklist_removed
                .fetch_add(1, Ordering::Relaxed);
        }
        if let Some(change) = orders.config {
            let current = self.engine.config();
            let applied =
                crate::cloud::merge_layer(&current, &change).and_then(|(new, skipped)| {
                    if !skipped.is_empty() {
                        tracing::warn!(
                            target: "rasp_agent::beacon",
                            "cloud configuration: unknown keys ignored: {}",
                            skipped.join(", ")
                        );
                    }
                    self.engine.replace_config(new.clone()).map(|_| new)
                });
            match applied {
                Ok(new) => {
                    self.counters.config_applied.fetch_add(1, Ordering::Relaxed);
                    self.engine.set_config_source("Cloud");
                    match self.log.reconfigure(&new) {
                        Ok(true) => {
                            self.counters.log_restarts.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(false) => {}
                        Err(e) => tracing::warn!(
                            target: "rasp_agent::beacon",
                            "cloud logging settings not applied, previous logging kept: {e}"
                        ),
                    }
                }
                Err(e) => {
                    self.counters
                        .config_rejected
                        .fetch_add(1, Ordering::Relaxed);
                    tracing::warn!(
                        target: "rasp_agent::beacon",
                        "cloud configuration rejected, running configuration kept: {e}"
                    );
                }
            }
        }
    }
}

/// `BEACON_DELAY` as a duration, at least one second.
fn beacon_delay(secs: f64) -> Duration {
    if secs.is_finite() && secs >= 1.0 {
        Duration::from_secs_f64(secs.min(86_400.0))
    } else {
        Duration::from_secs(1)
    }
}

/// The background beacon thread of a long-running server.
pub(crate) struct BeaconThread {
    stop: Arc<(Mutex<bool>, Condvar)>,
    handle: Option<std::thread::JoinHandle<()>>,
    running: Arc<AtomicBool>,
}

impl BeaconThread {
    pub(crate) fn start(b: Arc<Mutex<Beaconer>>) -> std::io::Result<BeaconThread> {
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let running = Arc::new(AtomicBool::new(true));
        let (s, r) = (stop.clone(), running.clone());
        let handle = std::thread::Builder::new()
            .name("rasp-agent-beacon".into())
            .spawn(move || {
                loop {
                    let engine = b.lock().engine.clone();
                    let delay = beacon_delay(engine.config().beacon_delay);
                    {
                        let mut stopped = s.0.lock();
                        if !*stopped {
                            s.1.wait_for(&mut stopped, delay);
                        }
                        if *stopped {
                            break;
                        }
                    }
                    let cfg = engine.config();
                    if cfg.beacon && cfg.beacon_url.is_some() {
                        let _ = b.lock().beacon_now();
                    }
                }
                r.store(false, Ordering::Release);
            })?;
        Ok(BeaconThread {
            stop,
            handle: Some(handle),
            running,
        })
    }

    /// Stop the thread; waits at most `deadline` (a beacon in flight ends at its timeout).
    pub(crate) fn stop(&mut self, deadline: Duration) {
        *self.stop.0.lock() = true;
        self.stop.1.notify_all();
        let until = Instant::now() + deadline;
        while self.running.load(Ordering::Acquire) && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(5));
        }
        if let Some(h) = self.handle.take() {
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }
}
