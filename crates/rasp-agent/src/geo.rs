//! Source-IP country from an offline MaxMind DB file (`GEOIP_DB`), resolved in the agent's
//! worker, never in the request path and never through a third-party web service (PyRASP
//! calls ip-api.com in the request thread, B12).
//!
//! Semantics follow PyRASP 0.10: non-global addresses → `Private`; `RESOLVE_COUNTRY=false`,
//! no database, or an address the database does not know → empty string.
//!
//! Any country database in MaxMind DB format works: GeoIP2/GeoLite2-Country style records
//! (`country.names.en`, else `country.iso_code`) and ip-location-db style records
//! (`country_code`), e.g. the CC0 `@ip-location-db/geo-whois-asn-country-mmdb` npm package.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::Path;

use serde::Deserialize;

/// A problem opening the database.
#[derive(Debug, thiserror::Error)]
#[error("GEOIP_DB {path}: {reason}")]
pub struct GeoError {
    /// The configured path.
    pub path: String,
    /// What went wrong.
    pub reason: String,
}

/// Resolves countries. Cheap to query (a tree walk in memory); build it once.
pub struct GeoResolver {
    reader: Option<maxminddb::Reader<Vec<u8>>>,
}

#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow)]
    country: Option<CountryRec<'a>>,
    #[serde(borrow)]
    country_code: Option<&'a str>,
}

#[derive(Deserialize)]
struct CountryRec<'a> {
    #[serde(borrow)]
    iso_code: Option<&'a str>,
    #[serde(borrow)]
    names: Option<BTreeMap<&'a str, &'a str>>,
}

impl GeoResolver {
    /// No database: every global address resolves to `""`, non-global ones to `Private`.
    pub fn without_database() -> GeoResolver {
        GeoResolver { reader: None }
    }

    /// Load a `.mmdb` file fully into memory and check its metadata.
    pub fn open(path: impl AsRef<Path>) -> Result<GeoResolver, GeoError> {
        let p = path.as_ref();
        let err = |reason: String| GeoError {
            path: p.display().to_string(),
            reason,
        };
        let reader = maxminddb::Reader::open_readfile(p).map_err(|e| err(e.to_string()))?;
        if reader.metadata().ip_version != 4 && reader.metadata().ip_version != 6 {
            return Err(err("not an IPv4/IPv6 database".into()));
        }
        Ok(GeoResolver {
            reader: Some(reader),
        })
    }

    /// The resolver a configuration asks for (`RESOLVE_COUNTRY`, `GEOIP_DB`).
    pub fn from_config(resolve: bool, db: &str) -> Result<Option<GeoResolver>, GeoError> {
        if !resolve {
            return Ok(None);
        }
        if db.is_empty() {
            return Ok(Some(GeoResolver::without_database()));
        }
        GeoResolver::open(db).map(Some)
    }

    /// Country for `ip`: `Private` for non-global addresses, the database's country name
    /// (else ISO code), or `""` when unknown.
    pub fn country(&self, ip: IpAddr) -> String {
        if !is_global(ip) {
            return "Private".to_string();
        }
        let Some(reader) = &self.reader else {
            return String::new();
        };
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        let Ok(found) = reader.lookup(ip) else {
            return String::new();
        };
        match found.decode::<Record<'_>>() {
            Ok(Some(rec)) => rec
                .country
                .and_then(|c| {
                    c.names
                        .as_ref()
                        .and_then(|n| n.get("en").copied())
                        .or(c.iso_code)
                        .map(str::to_string)
                })
                .or_else(|| rec.country_code.map(str::to_string))
                .unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// Python's `ipaddress.ip_address(ip).is_global` for the ranges that matter in logs:
/// private, loopback, link-local, shared (CGNAT), documentation, benchmarking, reserved,
/// multicast-free unique-local and unspecified addresses are not global.
pub fn is_global(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_global_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_global_v4(v4),
            None => is_global_v6(v6),
        },
    }
}

fn is_global_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || o[0] == 0
        || (o[0] == 100 && (o[1] & 0xc0) == 64) // 100.64.0.0/10 shared address space
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // 192.0.0.0/24 IETF protocol assignments
        || (o[0] == 198 && (o[1] & 0xfe) == 18) // 198.18.0.0/15 benchmarking
        || o[0] >= 240) // 240.0.0.0/4 reserved
}

fn is_global_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    !(ip.is_loopback()
        || ip.is_unspecified()
        || (s[0] & 0xfe00) == 0xfc00 // fc00::/7 unique local
        || (s[0] & 0xffc0) == 0xfe80 // fe80::/10 link local
        || (s[0] == 0x2001 && s[1] == 0x0db8) // 2001:db8::/32 documentation
        || (s[0] == 0x0100 && s[1] == 0 && s[2] == 0 && s[3] == 0) // 100::/64 discard
        || (s[0] == 0x2001 && s[1] < 0x0200 && s[1] != 0x0001 && s[1] != 0x0003))
    // IETF protocol
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_ranges_are_not_global() {
        for ip in [
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "127.0.0.1",
            "169.254.1.1",
            "100.64.0.1",
            "198.18.0.1",
            "192.0.2.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "fe80::1",
            "fd00::1",
            "2001:db8::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_global(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8"] {
            assert!(is_global(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn no_database_gives_private_or_empty() {
        let g = GeoResolver::without_database();
        assert_eq!(g.country("10.0.0.1".parse().unwrap()), "Private");
        assert_eq!(g.country("8.8.8.8".parse().unwrap()), "");
    }

    #[test]
    fn bad_database_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.mmdb");
        std::fs::write(&p, b"not a database").unwrap();
        let e = GeoResolver::open(&p).err().expect("must fail");
        assert!(e.to_string().contains("bad.mmdb"), "{e}");
        assert!(GeoResolver::open(dir.path().join("missing.mmdb")).is_err());
        assert!(GeoResolver::from_config(false, "/nonexistent")
            .unwrap()
            .is_none());
    }
}
