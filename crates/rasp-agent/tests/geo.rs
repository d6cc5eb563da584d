//! Country resolution from an offline MaxMind DB file, in the log pipeline.
//! The databases are built by the test (see `common/mmdb.rs`); set `RASP_TEST_GEOIP_DB` to a
//! real country `.mmdb` (e.g. the CC0 npm package `@ip-location-db/geo-whois-asn-country-mmdb`)
//! to also check a published database.

mod common;

use common::mmdb::{build, V};
use common::*;
use rasp_agent::geo::GeoResolver;
use rasp_agent::{Agent, AgentOptions};
use rasp_core::config::LogProtocol;
use rasp_core::{Config, EventSink};

fn test_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = build(vec![
        // ip-location-db layout.
        (
            [8, 0, 0, 0],
            8,
            V::Map(vec![("country_code", V::Str("US"))]),
        ),
        // GeoIP2/GeoLite2-Country layout.
        (
            [2, 0, 0, 0],
            8,
            V::Map(vec![(
                "country",
                V::Map(vec![
                    ("iso_code", V::Str("FR")),
                    ("names", V::Map(vec![("en", V::Str("France"))])),
                ]),
            )]),
        ),
        (
            [81, 2, 0, 0],
            16,
            V::Map(vec![("country", V::Map(vec![("iso_code", V::Str("DE"))]))]),
        ),
    ]);
    let path = dir.join("country.mmdb");
    std::fs::write(&path, db).unwrap();
    path
}

#[test]
fn resolves_both_record_layouts_private_and_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let g = GeoResolver::open(test_db(dir.path())).unwrap();
    let c = |ip: &str| g.country(ip.parse().unwrap());
    assert_eq!(c("8.8.8.8"), "US");
    assert_eq!(c("2.3.4.5"), "France");
    assert_eq!(c("81.2.69.160"), "DE");
    assert_eq!(c("81.3.0.1"), "");
    assert_eq!(c("1.1.1.1"), "");
    assert_eq!(c("::ffff:8.8.4.4"), "US");
    assert_eq!(c("2606:4700::1111"), "");
    assert_eq!(c("192.168.1.1"), "Private");
    assert_eq!(c("::1"), "Private");
}

#[test]
fn country_appears_in_logs_and_is_empty_when_disabled() {
    let dir = tempfile::tempdir().unwrap();
    let db = test_db(dir.path());
    for (resolve, expect) in [(true, "France"), (false, "")] {
        let rx = UdpReceiver::start();
        let cfg = Config {
            log_enabled: true,
            log_protocol: LogProtocol::Udp,
            log_port: rx.addr.port(),
            resolve_country: resolve,
            geoip_db: db.display().to_string(),
            ..Config::default()
        };
        let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
        let mut ev = event();
        ev.client_ip = Some("2.3.4.5".parse().unwrap());
        agent.sink().emit(ev);
        let line = String::from_utf8(rx.recv()).unwrap();
        assert!(
            line.contains(&format!(r#" - "2.3.4.5" - "{expect}" - "#)),
            "{line}"
        );
    }
}

#[test]
fn published_database_when_provided() {
    let Ok(path) = std::env::var("RASP_TEST_GEOIP_DB") else {
        eprintln!("RASP_TEST_GEOIP_DB not set: published-database check not run");
        return;
    };
    let g = GeoResolver::open(&path).unwrap();
    // Google's and Cloudflare's public resolvers are registered in the US and AU/US.
    assert_eq!(g.country("8.8.8.8".parse().unwrap()), "US");
    assert_eq!(g.country("10.0.0.1".parse().unwrap()), "Private");
    assert!(!g.country("1.1.1.1".parse().unwrap()).is_empty());
}
