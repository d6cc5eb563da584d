//! A [`StateStore`] shared by many processes, hosts or Lambda instances through Redis
//! (`STATE_BACKEND=redis`, `REDIS_URL`, `REDIS_PREFIX`).
//!
//! The request path never waits on Redis: every call is answered by a local store
//! (core's bounded `MemoryStore`), and two background threads keep it in step with the fleet:
//!
//! * the **writer** pushes local blacklist changes (`ZADD`/`ZREM` on `<prefix>blacklist`, then
//!   `PUBLISH` on `<prefix>events`; removals leave a tombstone in `<prefix>removed` so an
//!   instance that was away cannot bring a released IP back with its stale entry) and, every [`COUNTER_SYNC`], adds this instance's new
//!   flood/brute hits to per-IP time buckets (`INCRBY <prefix>c:<kind>:<ip>:<width>:<n>`)
//!   and reads back the fleet-wide totals;
//! * the **subscriber** applies other instances' `add`/`del` messages as they arrive.
//!
//! A blacklisting therefore reaches every instance within a few tens of milliseconds. When
//! Redis is down the store runs local-only, counts the errors and reconnects with backoff;
//! on reconnection it re-publishes what it blacklisted meanwhile and pulls the fleet's list.
//!
//! Fleet counters are an approximation of a sliding window: ten buckets of `window / 10`
//! seconds each, so the count may include up to one bucket of older hits; [`StateStore::hit`]
//! returns the larger of the local count and the last fleet total plus hits not yet pushed.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ::redis::{Client, Commands, Connection};
use parking_lot::Mutex;
use rasp_core::{CounterKind, StateStore};

/// How often fleet counters are pushed and read back.
pub const COUNTER_SYNC: Duration = Duration::from_millis(100);
/// Fleet totals older than this are ignored (Redis unreachable: local counts only).
const FLEET_FRESH: f64 = 2.0;
/// Buckets per counter window.
const BUCKETS: u64 = 10;
/// Connect / read / write timeout on every Redis call.
const IO_TIMEOUT: Duration = Duration::from_secs(1);
/// Blacklist changes waiting for the writer; beyond this they are dropped and counted
/// (a reconnection resync repairs lost additions).
const OP_QUEUE: usize = 10_000;
/// Removals remembered while Redis is down, replayed on reconnection.
const MAX_PENDING_REMOVALS: usize = 10_000;
/// Most entries pulled from Redis on a resync.
const MAX_PULL: isize = 100_000;

/// Add `ARGV[1]` blacklisted at `ARGV[2]` unless the fleet removed it at or after that time
/// (tombstones in `KEYS[2]`), and announce it. Returns 1 when added, 0 when refused.
const ADD_SCRIPT: &str = r#"
local removed = redis.call('ZSCORE', KEYS[2], ARGV[1])
if removed and tonumber(removed) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PUBLISH', KEYS[3], 'add ' .. ARGV[1] .. ' ' .. ARGV[2])
return 1
"#;

/// Connection and sync counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RedisStats {
    /// Whether the writer's last Redis call succeeded.
    pub connected: bool,
    /// Failed Redis calls (each puts the store in local-only mode until reconnection).
    pub errors: u64,
    /// Successful (re)connections of the writer.
    pub connects: u64,
    /// Blacklist changes pushed to Redis.
    pub pushed: u64,
    /// Blacklist changes from other instances applied locally.
    pub applied: u64,
    /// Blacklist changes dropped because the writer's queue was full.
    pub dropped: u64,
    /// Counter keys not tracked fleet-wide because the tracking map was full.
    pub untracked: u64,
}

#[derive(Default)]
struct Counters {
    connected: AtomicBool,
    errors: AtomicU64,
    connects: AtomicU64,
    pushed: AtomicU64,
    applied: AtomicU64,
    dropped: AtomicU64,
    untracked: AtomicU64,
}

enum Op {
    Add(IpAddr, f64),
    Remove(IpAddr),
}

/// Fleet view of one (kind, ip) counter.
#[derive(Clone, Copy, Debug)]
struct Fleet {
    /// Hits recorded here and not yet pushed.
    pending: u64,
    window: f64,
    /// Fleet-wide total read at `fleet_at` (includes our pushed hits).
    total: u64,
    fleet_at: f64,
    last_hit: f64,
}

struct Shared {
    local: Arc<dyn StateStore>,
    prefix: String,
    fleet: Mutex<HashMap<(CounterKind, IpAddr), Fleet>>,
    fleet_capacity: usize,
    counters: Counters,
    stop: AtomicBool,
    /// Set by the subscriber after (re)subscribing: the writer must resync the blacklist.
    resync: AtomicBool,
    /// Largest `BLACKLIST_DELAY` seen, for purging expired entries in Redis (f64 bits).
    delay_bits: AtomicU64,
    /// When each IP was last released here or by the fleet (unix seconds), so that a resync
    /// whose pull was read before a release cannot bring the IP back after it.
    released: Mutex<HashMap<IpAddr, f64>>,
}

/// The Redis-backed store. Cheap calls, no network I/O in any [`StateStore`] method.
pub struct RedisStore {
    shared: Arc<Shared>,
    tx: SyncSender<Op>,
    threads: Mutex<Vec<std::thread::JoinHandle<()>>>,
}

/// A bad `REDIS_URL`.
#[derive(Debug, thiserror::Error)]
#[error("REDIS_URL {url}: {reason}")]
pub struct RedisConfigError {
    /// The URL given.
    pub url: String,
    /// Why it is unusable.
    pub reason: String,
}

impl RedisStore {
    /// Start syncing `local` with Redis at `url`; keys and channel names start with
    /// `prefix`. Returns at once: an unreachable Redis is not an error (local-only mode until
    /// it answers), a malformed URL is.
    pub fn start(
        local: Arc<dyn StateStore>,
        url: &str,
        prefix: &str,
        capacity: usize,
    ) -> Result<RedisStore, RedisConfigError> {
        let client = Client::open(url).map_err(|e| RedisConfigError {
            url: redact(url),
            reason: e.to_string(),
        })?;
        let shared = Arc::new(Shared {
            local,
            prefix: prefix.to_string(),
            fleet: Mutex::new(HashMap::new()),
            fleet_capacity: capacity.max(1),
            counters: Counters::default(),
            stop: AtomicBool::new(false),
            resync: AtomicBool::new(true),
            delay_bits: AtomicU64::new(3600f64.to_bits()),
            released: Mutex::new(HashMap::new()),
        });
        let (tx, rx) = mpsc::sync_channel(OP_QUEUE);
        let mut threads = Vec::new();
        let (s, c) = (shared.clone(), client.clone());
        threads.push(
            std::thread::Builder::new()
                .name("rasp-agent-redis-writer".into())
                .spawn(move || writer(s, c, rx))
                .map_err(|e| RedisConfigError {
                    url: redact(url),
                    reason: format!("cannot start thread: {e}"),
                })?,
        );
        let s = shared.clone();
        threads.push(
            std::thread::Builder::new()
                .name("rasp-agent-redis-sub".into())
                .spawn(move || subscriber(s, client))
                .map_err(|e| RedisConfigError {
                    url: redact(url),
                    reason: format!("cannot start thread: {e}"),
                })?,
        );
        Ok(RedisStore {
            shared,
            tx,
            threads: Mutex::new(threads),
        })
    }

    /// Sync and connection counters.
    pub fn stats(&self) -> RedisStats {
        let c = &self.shared.counters;
        RedisStats {
            connected: c.connected.load(Ordering::Relaxed),
            errors: c.errors.load(Ordering::Relaxed),
            connects: c.connects.load(Ordering::Relaxed),
            pushed: c.pushed.load(Ordering::Relaxed),
            applied: c.applied.load(Ordering::Relaxed),
            dropped: c.dropped.load(Ordering::Relaxed),
            untracked: c.untracked.load(Ordering::Relaxed),
        }
    }

    /// Stop the background threads (they finish within about one I/O timeout).
    pub fn shutdown(&self) {
        self.shared.stop.store(true, Ordering::Release);
        let threads: Vec<_> = self.threads.lock().drain(..).collect();
        let until = Instant::now() + IO_TIMEOUT * 2;
        for h in threads {
            while !h.is_finished() && Instant::now() < until {
                std::thread::sleep(Duration::from_millis(5));
            }
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }

    fn push(&self, op: Op) {
        if self.tx.try_send(op).is_err() {
            self.shared.counters.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl Drop for RedisStore {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl StateStore for RedisStore {
    fn blacklisted(&self, ip: IpAddr, now: f64, delay: f64) -> Option<f64> {
        if delay.is_finite() && delay > 0.0 {
            let bits = delay.to_bits();
            if self.shared.delay_bits.load(Ordering::Relaxed) != bits {
                self.shared.delay_bits.store(bits, Ordering::Relaxed);
            }
        }
        self.shared.local.blacklisted(ip, now, delay)
    }

    fn blacklist(&self, ip: IpAddr, at: f64) -> bool {
        let added = self.shared.local.blacklist(ip, at);
        if added {
            self.push(Op::Add(ip, at));
        }
        added
    }

    fn unblacklist(&self, ip: IpAddr) -> bool {
        self.shared.note_release(ip);
        let was = self.shared.local.unblacklist(ip);
        // Other instances may hold it even when this one does not.
        self.push(Op::Remove(ip));
        was
    }

    fn blacklist_entries(&self) -> Vec<(IpAddr, f64)> {
        self.shared.local.blacklist_entries()
    }

    fn hit(&self, kind: CounterKind, ip: IpAddr, now: f64, window: f64) -> u64 {
        let local = self.shared.local.hit(kind, ip, now, window);
        let mut fleet = self.shared.fleet.lock();
        let len = fleet.len();
        let entry = match fleet.get_mut(&(kind, ip)) {
            Some(e) => e,
            None if len < self.shared.fleet_capacity => fleet.entry((kind, ip)).or_insert(Fleet {
                pending: 0,
                window,
                total: 0,
                fleet_at: 0.0,
                last_hit: now,
            }),
            None => {
                self.shared
                    .counters
                    .untracked
                    .fetch_add(1, Ordering::Relaxed);
                return local;
            }
        };
        entry.pending += 1;
        entry.window = window;
        entry.last_hit = now;
        if now - entry.fleet_at <= FLEET_FRESH {
            local.max(entry.total + entry.pending)
        } else {
            local
        }
    }
}

fn now_unix() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}***{}", &url[..s + 3], &url[at..]),
        _ => url.to_string(),
    }
}

fn kind_key(kind: CounterKind) -> &'static str {
    match kind {
        CounterKind::Flood => "flood",
        CounterKind::Errors => "errors",
    }
}

fn connect(client: &Client) -> ::redis::RedisResult<Connection> {
    let con = client.get_connection_with_timeout(IO_TIMEOUT)?;
    con.set_read_timeout(Some(IO_TIMEOUT))?;
    con.set_write_timeout(Some(IO_TIMEOUT))?;
    Ok(con)
}

/// Reports Redis failures once per minute, not per call.
struct Reporter {
    last: Option<Instant>,
}

impl Reporter {
    fn report(&mut self, what: &str, e: &::redis::RedisError) {
        if self
            .last
            .is_none_or(|l| l.elapsed() >= Duration::from_secs(60))
        {
            tracing::warn!(target: "rasp_agent::redis", "redis {what} failed, running local-only: {e}");
            self.last = Some(Instant::now());
        }
    }
}

/// Sleep in small steps so shutdown is prompt.
fn pause(shared: &Shared, d: Duration) {
    let until = Instant::now() + d;
    while !shared.stop.load(Ordering::Acquire) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10).min(d));
    }
}

struct Writer {
    shared: Arc<Shared>,
    con: Option<Connection>,
    pending_removals: HashSet<IpAddr>,
    reporter: Reporter,
    last_purge: Instant,
}

fn writer(shared: Arc<Shared>, client: Client, rx: Receiver<Op>) {
    let mut w = Writer {
        shared: shared.clone(),
        con: None,
        pending_removals: HashSet::new(),
        reporter: Reporter { last: None },
        last_purge: Instant::now(),
    };
    let mut backoff = Duration::from_millis(50);
    let mut next_counters = Instant::now();
    while !shared.stop.load(Ordering::Acquire) {
        if w.con.is_none() {
            match connect(&client) {
                Ok(c) => {
                    w.con = Some(c);
                    shared.counters.connects.fetch_add(1, Ordering::Relaxed);
                    shared.resync.store(true, Ordering::Release);
                    backoff = Duration::from_millis(50);
                }
                Err(e) => {
                    w.fail("connect", &e);
                    // Meanwhile, keep the queue from filling with stale work.
                    w.drain_offline(&rx);
                    pause(&shared, backoff);
                    backoff = (backoff * 2).min(Duration::from_secs(2));
                    continue;
                }
            }
        }
        if shared.resync.swap(false, Ordering::AcqRel) {
            if let Err(e) = w.resync() {
                shared.resync.store(true, Ordering::Release);
                w.fail("resync", &e);
                continue;
            }
        }
        let wait = next_counters.saturating_duration_since(Instant::now());
        match rx.recv_timeout(wait.min(Duration::from_millis(20))) {
            Ok(op) => {
                let mut ops = vec![op];
                while ops.len() < 1000 {
                    match rx.try_recv() {
                        Ok(op) => ops.push(op),
                        Err(_) => break,
                    }
                }
                if let Err(e) = w.push_ops(&ops) {
                    w.fail("publish", &e);
                    for op in ops {
                        w.remember_offline(op);
                    }
                    continue;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if Instant::now() >= next_counters {
            next_counters = Instant::now() + COUNTER_SYNC;
            if let Err(e) = w.sync_counters() {
                w.fail("counter sync", &e);
                continue;
            }
            if w.last_purge.elapsed() >= Duration::from_secs(60) {
                w.last_purge = Instant::now();
                if let Err(e) = w.purge() {
                    w.fail("purge", &e);
                }
            }
        }
    }
}

impl Writer {
    fn key(&self, name: &str) -> String {
        format!("{}{name}", self.shared.prefix)
    }

    fn fail(&mut self, what: &str, e: &::redis::RedisError) {
        self.con = None;
        self.shared
            .counters
            .connected
            .store(false, Ordering::Relaxed);
        self.shared.counters.errors.fetch_add(1, Ordering::Relaxed);
        self.reporter.report(what, e);
    }

    fn remember_offline(&mut self, op: Op) {
        // Additions are re-pushed from the local store at resync; removals must be kept.
        if let Op::Remove(ip) = op {
            if self.pending_removals.len() < MAX_PENDING_REMOVALS {
                self.pending_removals.insert(ip);
            }
        }
    }

    fn drain_offline(&mut self, rx: &Receiver<Op>) {
        while let Ok(op) = rx.try_recv() {
            self.remember_offline(op);
        }
    }

    fn push_ops(&mut self, ops: &[Op]) -> ::redis::RedisResult<()> {
        let bl = self.key("blacklist");
        let removed = self.key("removed");
        let chan = self.key("events");
        let now = now_unix();
        let mut p = ::redis::pipe();
        for op in ops {
            match op {
                Op::Add(ip, at) => {
                    p.cmd("EVAL")
                        .arg(ADD_SCRIPT)
                        .arg(3)
                        .arg(&bl)
                        .arg(&removed)
                        .arg(&chan)
                        .arg(ip.to_string())
                        .arg(*at);
                }
                Op::Remove(ip) => {
                    p.zrem(&bl, ip.to_string()).ignore();
                    p.zadd(&removed, ip.to_string(), now).ignore();
                    p.publish(&chan, format!("del {ip}")).ignore();
                }
            }
        }
        let con = self.con.as_mut().expect("connected");
        let accepted: Vec<i64> = p.query(con)?;
        // An addition older than a fleet-wide removal of the same IP is refused by Redis:
        // drop it here too, so a stale instance does not keep blocking a released IP.
        let adds = ops.iter().filter_map(|o| match o {
            Op::Add(ip, _) => Some(*ip),
            Op::Remove(_) => None,
        });
        for (ip, ok) in adds.zip(accepted) {
            if ok == 0 && self.shared.local.unblacklist(ip) {
                self.shared.counters.applied.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.shared
            .counters
            .pushed
            .fetch_add(ops.len() as u64, Ordering::Relaxed);
        self.shared
            .counters
            .connected
            .store(true, Ordering::Relaxed);
        Ok(())
    }

    /// After (re)connecting: replay removals, publish our entries, pull the fleet's.
    fn resync(&mut self) -> ::redis::RedisResult<()> {
        let removals: Vec<Op> = self.pending_removals.drain().map(Op::Remove).collect();
        let mut ops = removals;
        let removed: HashSet<IpAddr> = ops
            .iter()
            .filter_map(|o| match o {
                Op::Remove(ip) => Some(*ip),
                Op::Add(..) => None,
            })
            .collect();
        ops.extend(
            self.shared
                .local
                .blacklist_entries()
                .into_iter()
                .filter(|(ip, _)| !removed.contains(ip))
                .map(|(ip, at)| Op::Add(ip, at)),
        );
        for chunk in ops.chunks(1000) {
            self.push_ops(chunk)?;
        }
        let bl = self.key("blacklist");
        let con = self.con.as_mut().expect("connected");
        // Redis removes before it announces, so a release announced before this read is not
        // in it; one announced after the read (applied by the subscriber meanwhile) wins.
        let read_at = now_unix();
        let entries: Vec<(String, f64)> = con.zrange_withscores(&bl, 0, MAX_PULL - 1)?;
        let mut applied = 0;
        for (ip, at) in entries {
            if let Ok(ip) = ip.parse::<IpAddr>() {
                if self.shared.released_since(ip, read_at) {
                    continue;
                }
                if self.shared.local.blacklist(ip, at) {
                    applied += 1;
                }
            }
        }
        self.shared
            .counters
            .applied
            .fetch_add(applied, Ordering::Relaxed);
        self.shared
            .counters
            .connected
            .store(true, Ordering::Relaxed);
        Ok(())
    }

    /// Push pending hits into time buckets and read the fleet totals back.
    fn sync_counters(&mut self) -> ::redis::RedisResult<()> {
        let now = now_unix();
        let work: Vec<((CounterKind, IpAddr), Fleet)> = {
            let mut fleet = self.shared.fleet.lock();
            // Forget counters idle for longer than their window.
            fleet.retain(|_, f| now - f.last_hit <= f.window.max(1.0) * 2.0);
            let out = fleet
                .iter()
                .filter(|(_, f)| f.pending > 0 || now - f.last_hit <= f.window)
                .map(|(k, f)| (*k, *f))
                .collect();
            for f in fleet.values_mut() {
                f.pending = 0;
            }
            out
        };
        if work.is_empty() {
            return Ok(());
        }
        let mut p = ::redis::pipe();
        for ((kind, ip), f) in &work {
            let width = (f.window / BUCKETS as f64).max(0.1);
            let width_ms = (width * 1000.0) as u64;
            let bucket = (now / width) as u64;
            let base = format!(
                "{}c:{}:{}:{}:",
                self.shared.prefix,
                kind_key(*kind),
                ip,
                width_ms
            );
            if f.pending > 0 {
                let key = format!("{base}{bucket}");
                p.incr(&key, f.pending).ignore();
                p.expire(&key, (f.window * 2.0).ceil().max(1.0) as i64)
                    .ignore();
            }
            let keys: Vec<String> = (0..BUCKETS)
                .map(|i| format!("{base}{}", bucket.saturating_sub(i)))
                .collect();
            p.mget(keys);
        }
        let con = self.con.as_mut().expect("connected");
        let totals: Vec<Vec<Option<u64>>> = match p.query(con) {
            Ok(t) => t,
            Err(e) => {
                // Put the hits back so they are pushed after reconnection.
                let mut fleet = self.shared.fleet.lock();
                for (k, f) in &work {
                    if let Some(e) = fleet.get_mut(k) {
                        e.pending += f.pending;
                    }
                }
                return Err(e);
            }
        };
        let mut fleet = self.shared.fleet.lock();
        for ((k, _), buckets) in work.iter().zip(totals) {
            if let Some(e) = fleet.get_mut(k) {
                e.total = buckets.into_iter().flatten().sum();
                e.fleet_at = now;
            }
        }
        self.shared
            .counters
            .connected
            .store(true, Ordering::Relaxed);
        Ok(())
    }

    fn purge(&mut self) -> ::redis::RedisResult<()> {
        let delay = f64::from_bits(self.shared.delay_bits.load(Ordering::Relaxed));
        let bl = self.key("blacklist");
        let con = self.con.as_mut().expect("connected");
        let _: i64 = con.zrembyscore(&bl, "-inf", now_unix() - delay)?;
        let removed = self.key("removed");
        let con = self.con.as_mut().expect("connected");
        let _: i64 = con.zrembyscore(&removed, "-inf", now_unix() - delay)?;
        Ok(())
    }
}

fn subscriber(shared: Arc<Shared>, client: Client) {
    let chan = format!("{}events", shared.prefix);
    let mut backoff = Duration::from_millis(50);
    let mut reporter = Reporter { last: None };
    while !shared.stop.load(Ordering::Acquire) {
        let mut con = match connect(&client) {
            Ok(c) => c,
            Err(e) => {
                reporter.report("subscribe connect", &e);
                pause(&shared, backoff);
                backoff = (backoff * 2).min(Duration::from_secs(2));
                continue;
            }
        };
        let mut ps = con.as_pubsub();
        if let Err(e) = ps
            .subscribe(&chan)
            .and_then(|_| ps.set_read_timeout(Some(Duration::from_millis(100))))
        {
            reporter.report("subscribe", &e);
            pause(&shared, backoff);
            continue;
        }
        backoff = Duration::from_millis(50);
        // Anything published while we were not subscribed is picked up by a resync.
        shared.resync.store(true, Ordering::Release);
        while !shared.stop.load(Ordering::Acquire) {
            match ps.get_message() {
                Ok(msg) => {
                    if let Ok(text) = std::str::from_utf8(msg.get_payload_bytes()) {
                        apply_message(&shared, text);
                    }
                }
                Err(e) if e.is_timeout() => {}
                Err(e) => {
                    reporter.report("subscription", &e);
                    break;
                }
            }
        }
    }
}

/// Releases remembered for [`Shared::released_since`]; older ones are forgotten first.
const MAX_RELEASED: usize = 10_000;
/// How long a release is remembered: far longer than one resync's pull takes.
const RELEASE_MEMORY: f64 = 60.0;

impl Shared {
    /// Remember that `ip` was released now (bounded: stale entries are purged, and at
    /// capacity the oldest half goes).
    fn note_release(&self, ip: IpAddr) {
        let now = now_unix();
        let mut released = self.released.lock();
        if released.len() >= MAX_RELEASED {
            released.retain(|_, at| now - *at <= RELEASE_MEMORY);
        }
        if released.len() >= MAX_RELEASED {
            let mut times: Vec<f64> = released.values().copied().collect();
            times.sort_by(f64::total_cmp);
            let cut = times[times.len() / 2];
            released.retain(|_, at| *at > cut);
        }
        released.insert(ip, now);
    }

    /// Whether `ip` was released at or after `t` (unix seconds).
    fn released_since(&self, ip: IpAddr, t: f64) -> bool {
        self.released.lock().get(&ip).is_some_and(|at| *at >= t)
    }
}

/// Apply `add <ip> <at>` / `del <ip>` from the channel to the local store.
fn apply_message(shared: &Shared, text: &str) {
    let mut parts = text.split(' ');
    let applied = match (parts.next(), parts.next().map(str::parse::<IpAddr>)) {
        (Some("add"), Some(Ok(ip))) => match parts.next().map(str::parse::<f64>) {
            Some(Ok(at)) if at.is_finite() => shared.local.blacklist(ip, at),
            _ => false,
        },
        (Some("del"), Some(Ok(ip))) => {
            shared.note_release(ip);
            shared.local.unblacklist(ip)
        }
        _ => false,
    };
    if applied {
        shared.counters.applied.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("redis://user:secret@127.0.0.1:6379/0"),
            "redis://***@127.0.0.1:6379/0"
        );
        assert_eq!(redact("redis://127.0.0.1"), "redis://127.0.0.1");
    }

    #[test]
    fn releases_are_remembered_within_bounds() {
        let local: Arc<dyn StateStore> = Arc::new(rasp_core::MemoryStore::new(10));
        // Nothing listens on port 1: the store runs local-only.
        let store = RedisStore::start(local, "redis://127.0.0.1:1", "t:", 10).expect("valid URL");
        let s = &store.shared;
        let before = now_unix();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        assert!(!s.released_since(ip, before));
        s.note_release(ip);
        assert!(s.released_since(ip, before));
        assert!(!s.released_since(ip, now_unix() + 1.0));
        for n in 0..(MAX_RELEASED as u32 + 10) {
            s.note_release(IpAddr::from(n.to_be_bytes()));
        }
        assert!(s.released.lock().len() <= MAX_RELEASED);
    }

    #[test]
    fn malformed_url_is_an_error() {
        let local: Arc<dyn StateStore> = Arc::new(rasp_core::MemoryStore::new(10));
        let e = RedisStore::start(local, "http://nope", "t:", 10)
            .err()
            .expect("must fail");
        assert!(e.to_string().contains("REDIS_URL"), "{e}");
    }
}
