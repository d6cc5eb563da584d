//! Brute force / error flood (`brute`, spec §6.7), on the response.

use std::net::IpAddr;

use super::Finding;
use crate::attack::Check;
use crate::state::{CounterKind, StateStore};

/// Inbound attack types that also feed the error counter (PyRASP `BRUTE_FORCE_ATTACKS`).
pub fn feeds_brute(check: Check) -> bool {
    matches!(
        check,
        Check::Path | Check::Spoofing | Check::Format | Check::Headers
    )
}

/// Count one error for `ip`; attack 12 beyond `ratio` errors in `window` seconds.
pub fn hit(
    store: &dyn StateStore,
    ip: IpAddr,
    path: &str,
    now: f64,
    window: f64,
    ratio: u64,
) -> Option<Finding> {
    let n = store.hit(CounterKind::Errors, ip, now, window);
    (n > ratio).then(|| Finding::new(Check::Brute, "path", path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::MemoryStore;

    #[test]
    fn errors_over_ratio() {
        let s = MemoryStore::new(16);
        let ip: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            assert!(hit(&s, ip, "/login", 5.0, 10.0, 3).is_none());
        }
        assert_eq!(
            hit(&s, ip, "/login", 5.0, 10.0, 3).unwrap().check,
            Check::Brute
        );
        assert!(feeds_brute(Check::Headers) && !feeds_brute(Check::Sqli));
    }
}
