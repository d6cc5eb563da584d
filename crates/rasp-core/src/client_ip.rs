//! Client IP resolution through trusted proxies only (spec §14 B2).
//!
//! The peer address is the client unless the peer is in `TRUSTED_PROXIES`. Then the
//! `X-Forwarded-For` chain is read **from the right**, skipping hops that are themselves
//! trusted; the first untrusted hop is the client. Without `X-Forwarded-For`, RFC 7239
//! `Forwarded: for=` is read the same way. A hop that does not parse stops the walk at the
//! last address we could trust, so a forged chain can never pick an arbitrary address.

use std::net::IpAddr;

use ipnet::IpNet;

use crate::request::RequestView;

/// Maximum hops read from forwarding headers (bounds work on hostile headers).
const MAX_HOPS: usize = 32;

fn trusted(ip: IpAddr, proxies: &[IpNet]) -> bool {
    proxies.iter().any(|n| n.contains(&ip))
}

/// Parse one hop: `1.2.3.4`, `1.2.3.4:80`, `[::1]:80`, `::1`, `"[::1]:80"`.
pub fn parse_hop(raw: &str) -> Option<IpAddr> {
    let s = raw.trim().trim_matches('"').trim();
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        let end = rest.find(']')?;
        return rest[..end].parse().ok();
    }
    // IPv4 with port.
    let (host, port) = s.rsplit_once(':')?;
    if port.bytes().all(|b| b.is_ascii_digit()) {
        return host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4);
    }
    None
}

fn xff_hops<'a>(req: &RequestView<'a>) -> Vec<&'a str> {
    let mut hops = Vec::new();
    for (name, value) in &req.headers {
        if name.eq_ignore_ascii_case("x-forwarded-for") {
            let Ok(v) = std::str::from_utf8(value) else {
                hops.push("");
                continue;
            };
            hops.extend(v.split(','));
        }
    }
    hops
}

fn forwarded_hops<'a>(req: &RequestView<'a>) -> Vec<&'a str> {
    let mut hops = Vec::new();
    for (name, value) in &req.headers {
        if name.eq_ignore_ascii_case("forwarded") {
            let Ok(v) = std::str::from_utf8(value) else {
                hops.push("");
                continue;
            };
            for element in v.split(',') {
                let f = element.split(';').find_map(|pair| {
                    let (k, val) = pair.split_once('=')?;
                    k.trim().eq_ignore_ascii_case("for").then_some(val)
                });
                // An element without `for=` is an unknown hop.
                hops.push(f.unwrap_or(""));
            }
        }
    }
    hops
}

/// The client address for `req` given the trusted proxy list.
pub fn resolve(req: &RequestView<'_>, proxies: &[IpNet]) -> Option<IpAddr> {
    let peer = req.peer?;
    if proxies.is_empty() || !trusted(peer, proxies) {
        return Some(peer);
    }
    let mut hops = xff_hops(req);
    if hops.is_empty() {
        hops = forwarded_hops(req);
    }
    let mut client = peer;
    for raw in hops.iter().rev().take(MAX_HOPS) {
        match parse_hop(raw) {
            Some(ip) => {
                client = ip;
                if !trusted(ip, proxies) {
                    break;
                }
            }
            None => break,
        }
    }
    Some(client)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req<'a>(peer: &str, headers: Vec<(&'a str, &'a [u8])>) -> RequestView<'a> {
        RequestView {
            peer: Some(peer.parse().unwrap()),
            headers,
            ..Default::default()
        }
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn spoofed_xff_is_ignored_without_trusted_proxies() {
        // PyRASP took the first XFF element from anyone (B2): blacklist poisoning.
        let r = req("203.0.113.9", vec![("X-Forwarded-For", b"127.0.0.1")]);
        assert_eq!(resolve(&r, &[]), Some("203.0.113.9".parse().unwrap()));
        assert_eq!(
            resolve(&r, &nets(&["10.0.0.0/8"])),
            Some("203.0.113.9".parse().unwrap())
        );
    }

    #[test]
    fn xff_read_from_the_right_skipping_trusted_hops() {
        let p = nets(&["10.0.0.0/8"]);
        // The client forged "1.1.1.1"; the real client is what our proxy appended.
        let r = req(
            "10.0.0.2",
            vec![("x-forwarded-for", b"1.1.1.1, 198.51.100.7, 10.0.0.5")],
        );
        assert_eq!(resolve(&r, &p), Some("198.51.100.7".parse().unwrap()));
        // Two header lines are one chain.
        let r = req(
            "10.0.0.2",
            vec![
                ("X-Forwarded-For", b"1.1.1.1"),
                ("X-Forwarded-For", b"198.51.100.8"),
            ],
        );
        assert_eq!(resolve(&r, &p), Some("198.51.100.8".parse().unwrap()));
        // Garbage hop: stop at the last trusted address.
        let r = req("10.0.0.2", vec![("X-Forwarded-For", b"evil, 10.0.0.7")]);
        assert_eq!(resolve(&r, &p), Some("10.0.0.7".parse().unwrap()));
        // All trusted: the leftmost.
        let r = req("10.0.0.2", vec![("X-Forwarded-For", b"10.1.1.1, 10.0.0.7")]);
        assert_eq!(resolve(&r, &p), Some("10.1.1.1".parse().unwrap()));
    }

    #[test]
    fn forwarded_header_and_ipv6() {
        let p = nets(&["::1/128", "127.0.0.1/32"]);
        let r = req(
            "::1",
            vec![(
                "Forwarded",
                br#"for=192.0.2.60;proto=http, for="[2001:db8:cafe::17]:4711""#,
            )],
        );
        assert_eq!(resolve(&r, &p), Some("2001:db8:cafe::17".parse().unwrap()));
        let r = req("127.0.0.1", vec![("Forwarded", b"for=192.0.2.43:8080")]);
        assert_eq!(resolve(&r, &p), Some("192.0.2.43".parse().unwrap()));
        assert_eq!(parse_hop("[::1]"), Some("::1".parse().unwrap()));
        assert_eq!(parse_hop("_hidden"), None);
    }
}
