//! Flood (`flood`, spec §6.6): requests per client IP in a sliding window, on
//! `BRUTE_AND_FLOOD_PATHS` only.

use std::net::IpAddr;

use regex::RegexSet;

use super::Finding;
use crate::attack::Check;
use crate::state::{CounterKind, StateStore};

/// Attack 2 when this request makes more than `ratio` in the last `window` seconds.
pub fn check(
    store: &dyn StateStore,
    paths: &RegexSet,
    ip: IpAddr,
    path: &str,
    now: f64,
    window: f64,
    ratio: u64,
) -> Option<Finding> {
    if !paths.is_match(path) {
        return None;
    }
    let n = store.hit(CounterKind::Flood, ip, now, window);
    (n > ratio).then(|| Finding::new(Check::Flood, "path", path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::MemoryStore;

    #[test]
    fn fifty_first_request_in_window_floods() {
        let s = MemoryStore::new(64);
        let paths = RegexSet::new(["^/api"]).unwrap();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        for i in 0..50 {
            assert!(check(&s, &paths, ip, "/api/x", 100.0 + i as f64 * 0.1, 60.0, 50).is_none());
        }
        assert!(check(&s, &paths, ip, "/api/x", 106.0, 60.0, 50).is_some());
        // Other paths are not counted.
        assert!(check(&s, &paths, ip, "/home", 106.0, 60.0, 50).is_none());
        // Two windows later the IP is clean again.
        assert!(check(&s, &paths, ip, "/api/x", 300.0, 60.0, 50).is_none());
    }
}
