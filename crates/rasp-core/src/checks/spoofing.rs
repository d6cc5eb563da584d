//! Host spoofing (`spoofing`, spec §6.3).

use super::Finding;
use crate::attack::Check;

/// Attack 3 unless the host (with or without port) is one of `hosts`. Host names compare
/// case-insensitively (RFC 9110); a missing host is an attack, not a crash (PyRASP raised).
pub fn check(host: Option<&str>, hosts: &[String]) -> Option<Finding> {
    if hosts.is_empty() {
        return None;
    }
    let full = host.unwrap_or("").trim();
    let bare = strip_port(full);
    let ok = hosts
        .iter()
        .any(|h| h.eq_ignore_ascii_case(full) || h.eq_ignore_ascii_case(bare));
    (!ok).then(|| Finding::new(Check::Spoofing, "host", bare))
}

fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        // `[::1]:8080` → `[::1]`
        return host.find(']').map_or(host, |i| &host[..=i]);
    }
    match host.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') && p.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let hosts = vec![
            "example.com".to_string(),
            "api.example.com:8443".to_string(),
        ];
        assert!(check(Some("example.com"), &hosts).is_none());
        assert!(check(Some("Example.COM:80"), &hosts).is_none());
        assert!(check(Some("api.example.com:8443"), &hosts).is_none());
        let f = check(Some("evil.test:80"), &hosts).unwrap();
        assert_eq!(
            (f.location.as_str(), f.payload.as_str()),
            ("host", "evil.test")
        );
        assert!(check(None, &hosts).is_some());
        assert!(check(Some("evil.test"), &[]).is_none());
        assert_eq!(strip_port("[::1]:80"), "[::1]");
    }
}
