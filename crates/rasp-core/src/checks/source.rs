//! Whitelist (CIDR, not PyRASP's string prefix, spec §14 B16) and blacklist with expiry.

use std::net::IpAddr;

use ipnet::IpNet;

use super::Finding;
use crate::attack::Check;
use crate::state::StateStore;

/// True when `ip` is in one of the whitelisted networks.
pub fn whitelisted(ip: Option<IpAddr>, whitelist: &[IpNet]) -> bool {
    ip.is_some_and(|ip| whitelist.iter().any(|n| n.contains(&ip)))
}

/// Attack 0 when `ip` is blacklisted and its entry has not expired.
pub fn blacklist(store: &dyn StateStore, ip: IpAddr, now: f64, delay: f64) -> Option<Finding> {
    store
        .blacklisted(ip, now, delay)
        .map(|_| Finding::new(Check::Blacklist, "source_ip", ip.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::MemoryStore;

    #[test]
    fn whitelist_is_cidr_not_prefix() {
        let nets: Vec<IpNet> = vec![
            "10.0.0.1/32".parse().unwrap(),
            "2001:db8::/32".parse().unwrap(),
        ];
        assert!(whitelisted(Some("10.0.0.1".parse().unwrap()), &nets));
        // PyRASP's startswith("10.0.0.1") also matched 10.0.0.10 (B16).
        assert!(!whitelisted(Some("10.0.0.10".parse().unwrap()), &nets));
        assert!(whitelisted(Some("2001:db8::5".parse().unwrap()), &nets));
        assert!(!whitelisted(None, &nets));
    }

    #[test]
    fn blacklist_hit_and_expiry() {
        let s = MemoryStore::new(16);
        let ip: IpAddr = "198.51.100.1".parse().unwrap();
        assert!(blacklist(&s, ip, 10.0, 100.0).is_none());
        s.blacklist(ip, 10.0);
        let f = blacklist(&s, ip, 50.0, 100.0).unwrap();
        assert_eq!(
            (f.location.as_str(), f.payload.as_str()),
            ("source_ip", "198.51.100.1")
        );
        assert!(blacklist(&s, ip, 111.0, 100.0).is_none());
    }
}
