//! Shared state: blacklist and per-IP sliding-window counters.
//!
//! The engine only talks to the [`StateStore`] trait. [`MemoryStore`] is the bounded
//! in-process implementation; `rasp-agent` adds a Redis-backed one that answers from local
//! memory and synchronises in the background.

use std::net::IpAddr;

/// Which per-IP counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CounterKind {
    /// Requests on `BRUTE_AND_FLOOD_PATHS` (flood check).
    Flood,
    /// Error responses and brute-force-feeding inbound attacks (brute check).
    Errors,
}

/// Blacklist + counters. Every method is called in the request path: it must be fast,
/// non-blocking (no network I/O) and bounded in memory.
pub trait StateStore: Send + Sync {
    /// When `ip` was blacklisted, if it is and the entry has not expired (`now > at + delay`
    /// expires it; expired entries may be removed lazily).
    fn blacklisted(&self, ip: IpAddr, now: f64, delay: f64) -> Option<f64>;
    /// Add `ip` at time `at`. Returns `true` when the IP was not already present.
    fn blacklist(&self, ip: IpAddr, at: f64) -> bool;
    /// Remove `ip`. Returns `true` when it was present.
    fn unblacklist(&self, ip: IpAddr) -> bool;
    /// Current entries (expired ones may still appear until purged).
    fn blacklist_entries(&self) -> Vec<(IpAddr, f64)>;
    /// Record one event for `ip` at `now` and return how many events fall in the sliding
    /// window of `window` seconds ending at `now`, this one included.
    fn hit(&self, kind: CounterKind, ip: IpAddr, now: f64, window: f64) -> u64;
}

/// Bounded in-memory store (capacity + TTL). Implementation: see the engine-core issue.
pub struct MemoryStore {
    _private: (),
}
