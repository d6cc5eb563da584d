//! Shared state: blacklist and per-IP sliding-window counters.
//!
//! The engine only talks to the [`StateStore`] trait. [`MemoryStore`] is the bounded
//! in-process implementation; `rasp-agent` adds a Redis-backed one that answers from local
//! memory and synchronises in the background.

use std::collections::VecDeque;
use std::hash::BuildHasher;
use std::net::IpAddr;

use parking_lot::Mutex;

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

/// Bounded in-memory store (capacity + TTL, sharded locks).
///
/// * **Memory is flat**: each of the [`SHARDS`] shards holds at most `capacity / SHARDS`
///   blacklist entries and as many counter windows; when a shard is full, expired entries
///   are dropped first, then the oldest inserted (FIFO), so millions of distinct source IPs
///   cost no more than `capacity` entries.
/// * **Sliding windows by two-bucket approximation**: a counter keeps the count of the
///   current fixed bucket (width = the window) and of the previous one; the estimate is
///   `previous × (1 − elapsed_in_current / window) + current`. That is the sliding window
///   Cloudflare and nginx use: 24 bytes per IP whatever the ratio, versus 8 bytes × ratio for
///   an exact ring of timestamps, and an error bounded by the previous bucket's
///   non-uniformity. It is exact while an IP's traffic fits in its first window, which is
///   when thresholds matter for a burst. Counters idle for two windows are expired.
pub struct MemoryStore {
    shards: Box<[Mutex<Shard>]>,
    per_shard: usize,
    hasher: Hasher,
}

/// Number of lock shards; a power of two so the hash can be masked.
pub const SHARDS: usize = 16;

#[derive(Clone, Copy, Debug)]
struct Window {
    /// Start of the current bucket (unix seconds).
    start: f64,
    width: f64,
    current: u64,
    previous: u64,
}

/// Keys are source IPs an attacker chooses (a whole IPv6 /64): hashing must be seeded per
/// process. foldhash's quality variant is seeded like std's SipHash but several times
/// faster on a 16-byte key; three lookups per request made SipHash show in profiles.
type Hasher = foldhash::quality::RandomState;
type HashMap<K, V> = std::collections::HashMap<K, V, Hasher>;

#[derive(Default)]
struct Shard {
    blacklist: HashMap<IpAddr, f64>,
    blacklist_order: VecDeque<IpAddr>,
    counters: HashMap<(CounterKind, IpAddr), Window>,
    counter_order: VecDeque<(CounterKind, IpAddr)>,
}

impl MemoryStore {
    /// A store that keeps at most about `capacity` blacklist entries and `capacity` counters.
    pub fn new(capacity: usize) -> Self {
        let per_shard = capacity.div_ceil(SHARDS).max(1);
        MemoryStore {
            shards: (0..SHARDS).map(|_| Mutex::new(Shard::default())).collect(),
            per_shard,
            hasher: Hasher::default(),
        }
    }

    fn shard(&self, ip: IpAddr) -> &Mutex<Shard> {
        // The top bits: the shard maps use the low ones for their own buckets.
        let h = self.hasher.hash_one(ip);
        &self.shards[(h >> 60) as usize & (SHARDS - 1)]
    }

    /// Blacklist entries plus counters currently held (for memory tests and stats).
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| {
                let g = s.lock();
                g.blacklist.len() + g.counters.len()
            })
            .sum()
    }

    /// True when the store holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for MemoryStore {
    fn default() -> Self {
        MemoryStore::new(100_000)
    }
}

/// Drop queue entries whose key is gone so the order queue stays within 2 × capacity even
/// when the same keys come and go.
fn compact<K: std::hash::Hash + Eq + Copy, V>(
    order: &mut VecDeque<K>,
    map: &HashMap<K, V>,
    cap: usize,
) {
    if order.len() > 2 * cap + 16 {
        let mut seen =
            std::collections::HashSet::with_capacity_and_hasher(map.len(), Hasher::default());
        order.retain(|k| map.contains_key(k) && seen.insert(*k));
    }
}

impl Shard {
    fn make_room_counters(&mut self, cap: usize, now: f64) {
        if self.counters.len() < cap {
            return;
        }
        self.counters.retain(|_, w| now - w.start < 2.0 * w.width);
        while self.counters.len() >= cap {
            match self.counter_order.pop_front() {
                Some(k) => {
                    self.counters.remove(&k);
                }
                None => break,
            }
        }
    }

    fn make_room_blacklist(&mut self, cap: usize) {
        while self.blacklist.len() >= cap {
            match self.blacklist_order.pop_front() {
                Some(k) => {
                    self.blacklist.remove(&k);
                }
                None => break,
            }
        }
    }
}

impl StateStore for MemoryStore {
    fn blacklisted(&self, ip: IpAddr, now: f64, delay: f64) -> Option<f64> {
        let mut g = self.shard(ip).lock();
        let at = *g.blacklist.get(&ip)?;
        if now > at + delay {
            // Lazy expiry, as PyRASP.
            g.blacklist.remove(&ip);
            None
        } else {
            Some(at)
        }
    }

    fn blacklist(&self, ip: IpAddr, at: f64) -> bool {
        let cap = self.per_shard;
        let mut g = self.shard(ip).lock();
        if let Some(t) = g.blacklist.get_mut(&ip) {
            *t = at;
            return false;
        }
        g.make_room_blacklist(cap);
        g.blacklist.insert(ip, at);
        g.blacklist_order.push_back(ip);
        let Shard {
            blacklist,
            blacklist_order,
            ..
        } = &mut *g;
        compact(blacklist_order, blacklist, cap);
        true
    }

    fn unblacklist(&self, ip: IpAddr) -> bool {
        self.shard(ip).lock().blacklist.remove(&ip).is_some()
    }

    fn blacklist_entries(&self) -> Vec<(IpAddr, f64)> {
        let mut out = Vec::new();
        for s in self.shards.iter() {
            out.extend(s.lock().blacklist.iter().map(|(k, v)| (*k, *v)));
        }
        out
    }

    fn hit(&self, kind: CounterKind, ip: IpAddr, now: f64, window: f64) -> u64 {
        let window = if window.is_finite() && window > 0.0 {
            window
        } else {
            1.0
        };
        let cap = self.per_shard;
        let key = (kind, ip);
        let mut g = self.shard(ip).lock();
        if !g.counters.contains_key(&key) {
            g.make_room_counters(cap, now);
            g.counter_order.push_back(key);
            let Shard {
                counters,
                counter_order,
                ..
            } = &mut *g;
            compact(counter_order, counters, cap);
        }
        let w = g.counters.entry(key).or_insert(Window {
            start: now,
            width: window,
            current: 0,
            previous: 0,
        });
        if w.width != window {
            // The configured window changed (set_config): restart the counter.
            *w = Window {
                start: now,
                width: window,
                current: 0,
                previous: 0,
            };
        }
        let elapsed = now - w.start;
        if elapsed >= 2.0 * window || elapsed < 0.0 {
            // Idle for two windows, or the clock went backwards: start afresh.
            *w = Window {
                start: now,
                width: window,
                current: 0,
                previous: 0,
            };
        } else if elapsed >= window {
            w.previous = w.current;
            w.current = 0;
            w.start += window;
        }
        w.current = w.current.saturating_add(1);
        let into = ((now - w.start) / window).clamp(0.0, 1.0);
        let estimate = w.previous as f64 * (1.0 - into) + w.current as f64;
        estimate.floor() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn ip(n: u32) -> IpAddr {
        IpAddr::V4(Ipv4Addr::from(n))
    }

    #[test]
    fn blacklist_expires_lazily() {
        let s = MemoryStore::new(64);
        assert!(s.blacklist(ip(1), 100.0));
        assert!(!s.blacklist(ip(1), 100.0));
        assert_eq!(s.blacklisted(ip(1), 150.0, 60.0), Some(100.0));
        assert_eq!(s.blacklisted(ip(1), 160.5, 60.0), None);
        assert!(s.blacklist_entries().is_empty());
        assert!(s.blacklist(ip(2), 1.0));
        assert!(s.unblacklist(ip(2)));
        assert!(!s.unblacklist(ip(2)));
    }

    #[test]
    fn counter_is_exact_in_first_window_and_slides() {
        let s = MemoryStore::new(64);
        for i in 1..=10 {
            assert_eq!(s.hit(CounterKind::Flood, ip(1), 1000.0 + i as f64, 60.0), i);
        }
        // Other kind and other IP are separate.
        assert_eq!(s.hit(CounterKind::Errors, ip(1), 1001.0, 60.0), 1);
        assert_eq!(s.hit(CounterKind::Flood, ip(2), 1001.0, 60.0), 1);
        // Half-way through the next bucket, half the previous count still weighs.
        let n = s.hit(CounterKind::Flood, ip(1), 1001.0 + 90.0, 60.0);
        assert_eq!(n, 6); // 10 × 0.5 + 1
                          // Two idle windows reset.
        assert_eq!(s.hit(CounterKind::Flood, ip(1), 1001.0 + 400.0, 60.0), 1);
    }

    #[test]
    fn memory_stays_flat_under_a_million_ips() {
        let s = MemoryStore::new(1024);
        for n in 0..1_000_000u32 {
            s.hit(CounterKind::Flood, ip(n), 1.0, 60.0);
            if n % 4 == 0 {
                s.blacklist(ip(n), 1.0);
            }
        }
        let per_shard = 1024usize.div_ceil(SHARDS);
        assert!(s.len() <= 2 * per_shard * SHARDS, "len {}", s.len());
        for shard in s.shards.iter() {
            let g = shard.lock();
            assert!(g.counter_order.len() <= 2 * per_shard + 17);
            assert!(g.blacklist_order.len() <= 2 * per_shard + 17);
        }
        // The most recent IP is still tracked.
        assert_eq!(s.hit(CounterKind::Flood, ip(999_999), 2.0, 60.0), 2);
    }

    #[test]
    fn churn_on_one_key_keeps_queue_bounded() {
        let s = MemoryStore::new(16);
        for _ in 0..10_000 {
            s.blacklist(ip(7), 1.0);
            s.unblacklist(ip(7));
        }
        let total: usize = s
            .shards
            .iter()
            .map(|g| g.lock().blacklist_order.len())
            .sum();
        assert!(total < 64, "{total}");
    }
}
