//! Cloud management protocol against a small management server on loopback implementing
//! the server side of spec §10: start-up configuration, beacons with telemetry and shared
//! blacklist, blacklist orders, configuration changes, and faults (500, garbage, slow).

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use rasp_agent::cloud::{fetch_startup_config, StartupRequest};
use rasp_agent::{startup_config, Agent, AgentOptions};
use rasp_core::engine::Route;
use rasp_core::{Check, Config, Decision, Engine, RequestView, ResponseView};
use serde_json::json;

fn routes() -> Vec<Route> {
    vec![Route {
        name: "user".into(),
        methods: vec!["GET".into()],
        path: "/users/{id}".into(),
    }]
}

#[test]
fn startup_config_is_fetched_merged_and_reports_identity() {
    let srv = HttpServer::start(|_| {
        HttpReply::ok(
            json!({"status": true, "message": "ok", "data": {
                "config": {"APP_NAME": "Cloudy", "FLOOD_RATIO": 5, "FUTURE_KEY": 1},
                "blacklist": {"203.0.113.9": 1700000000, "not-an-ip": 1}
            }})
            .to_string(),
        )
    });
    let opts = AgentOptions::new("axum")
        .key(Some("agent-key".into()))
        .cloud_url(Some(srv.url("/config")));
    let s = startup_config(&Config::default(), &opts, &routes());
    assert!(s.error.is_none(), "{:?}", s.error);
    assert!(s.cloud_applied);
    assert_eq!(s.config.app_name, "Cloudy");
    assert_eq!(s.config.flood_ratio, 5);
    assert_eq!(s.ignored_keys, vec!["FUTURE_KEY".to_string()]);
    assert_eq!(
        s.blacklist,
        vec![("203.0.113.9".parse().unwrap(), 1_700_000_000.0)]
    );
    let req = &srv.wait_for(1)[0];
    assert_eq!(req.path, "/config");
    assert_eq!(
        req.json(),
        json!({"key": "agent-key", "version": rasp_agent::cloud::VERSION, "platform": "axum",
               "routes": {"user": {"methods": ["GET"], "path": "/users/{id}"}}})
    );
}

#[test]
fn startup_faults_keep_the_local_config() {
    let cases: Vec<(HttpReply, &str)> = vec![
        (HttpReply::status(403), "invalid_key"),
        (HttpReply::status(404), "profile_not_found"),
        (HttpReply::status(500), "server_error"),
        (HttpReply::ok("<html>garbage"), "corrupted"),
        (HttpReply::ok(r#"{"status": true}"#), "corrupted"),
        (
            HttpReply::ok(r#"{"status": false, "message": "key revoked", "data": {}}"#),
            "refused",
        ),
        (
            HttpReply {
                status: 200,
                body: "{}".into(),
                delay: Duration::from_secs(3),
            },
            "connect",
        ),
    ];
    for (reply, kind) in cases {
        let reply = Mutex::new(Some(reply));
        let srv = HttpServer::start(move |_| {
            reply
                .lock()
                .unwrap()
                .take()
                .unwrap_or(HttpReply::status(599))
        });
        let req = StartupRequest {
            url: &srv.url("/"),
            key: None,
            platform: "test",
            routes: &[],
            timeout: Duration::from_millis(300),
        };
        let e = fetch_startup_config(&req).unwrap_err();
        assert_eq!(e.kind(), kind, "{e}");
        let base = Config {
            app_name: "Local".into(),
            cloud_timeout: 0.3,
            ..Config::default()
        };
        let opts = AgentOptions::new("t").cloud_url(Some(srv.url("/")));
        let s = startup_config(&base, &opts, &[]);
        assert_eq!(s.config.app_name, "Local");
        assert!(!s.cloud_applied && s.error.is_some());
    }
    // An invalid configuration from the server is rejected as a whole.
    let srv = HttpServer::start(|_| {
        HttpReply::ok(
            json!({"status": true, "message": "", "data": {"config": {"FLOOD_RATIO": "lots"}}})
                .to_string(),
        )
    });
    let opts = AgentOptions::new("t").cloud_url(Some(srv.url("/")));
    let s = startup_config(&Config::default(), &opts, &[]);
    assert!(!s.cloud_applied);
    assert!(s.error.unwrap().to_string().contains("FLOOD_RATIO"));
}

fn request<'a>(path: &'a str, ip: &str) -> RequestView<'a> {
    RequestView {
        method: "GET",
        path,
        peer: Some(ip.parse().unwrap()),
        ..Default::default()
    }
}

/// One request/response through the engine, returning the inbound decision.
fn serve(engine: &Engine, path: &str, ip: &str, status: u16) -> Decision {
    let req = request(path, ip);
    let d = engine.inspect_request(&req);
    let resp = ResponseView {
        status,
        ..Default::default()
    };
    engine.inspect_response(&req, &resp, &d);
    d
}

#[test]
fn beacon_shares_telemetry_and_blacklist_and_applies_orders_and_config() {
    let udp = UdpReceiver::start();
    let n = Arc::new(AtomicUsize::new(0));
    let udp_port = udp.addr.port();
    let c = n.clone();
    let srv = HttpServer::start(move |_| {
        let reply = match c.fetch_add(1, Ordering::SeqCst) {
            // 1st beacon: server down-ish.
            0 => return HttpReply::status(500),
            // 2nd: orders + a logging change.
            1 => json!({"status": true, "message": "", "data": {
                "blacklist": {"new": ["192.0.2.50", "bogus"], "remove": ["198.51.100.7"]},
                "config": {"LOG_ENABLED": true, "LOG_PROTOCOL": "UDP", "LOG_SERVER": "127.0.0.1",
                           "LOG_PORT": udp_port, "FLOOD_RATIO": 40, "NOT_A_KEY": true}}}),
            // 3rd: an invalid change (rejected, config kept).
            2 => json!({"status": true, "message": "", "data": {"config": {"FLOOD_RATIO": -3}}}),
            // 4th: a non-logging change (no logging restart).
            3 => json!({"status": true, "message": "", "data": {"config": {"FLOOD_RATIO": 30}}}),
            // Then garbage.
            _ => return HttpReply::ok("not json"),
        };
        HttpReply::ok(reply.to_string())
    });
    let cfg = Config {
        beacon: true,
        beacon_url: Some(srv.url("/beacon")),
        beacon_delay: 3600.0,
        telemetry_data: true,
        blacklist_share: true,
        ..Config::default()
    };
    let agent = Agent::start(
        &cfg,
        AgentOptions::new("test")
            .key(Some("k1".into()))
            .serverless(true),
    )
    .unwrap();
    let engine = Arc::new(
        Engine::builder(cfg.clone())
            .sink(agent.sink())
            .build()
            .unwrap(),
    );
    agent.attach(engine.clone());

    // Traffic: 2 successes, 1 error, 1 decoy attack that blacklists 198.51.100.7.
    serve(&engine, "/", "198.51.100.1", 200);
    serve(&engine, "/", "198.51.100.1", 200);
    serve(&engine, "/", "198.51.100.1", 500);
    assert!(serve(&engine, "/.env", "198.51.100.7", 404).is_block());

    // Beacon 1 fails (500): nothing is lost, counters and entries carry over.
    assert!(agent.beacon_now().is_err());
    serve(&engine, "/", "198.51.100.1", 200);
    assert_eq!(agent.beacon_now(), Ok(true));
    let reqs = srv.wait_for(2);
    let first = reqs[0].json();
    let second = reqs[1].json();
    assert_eq!(first["key"], "k1");
    assert_eq!(first["blacklist"][0][0], "198.51.100.7");
    assert_eq!(second["blacklist"], first["blacklist"], "carried over");
    assert_eq!(
        second["telemetry"]["requests"],
        json!({"success": 3, "errors": 1, "attacks": 1})
    );
    let t = &second["telemetry"];
    assert!(t["cpu"].as_f64().unwrap() >= 0.0 && t["memory"].as_f64().unwrap() > 0.0);

    // Orders applied: blacklist new/remove, config swapped, logging started.
    let bl = engine.get_blacklist();
    assert!(bl.contains(&"192.0.2.50".to_string()), "{bl:?}");
    assert!(!bl.contains(&"198.51.100.7".to_string()), "{bl:?}");
    assert_eq!(engine.config().flood_ratio, 40);
    assert!(engine.config().log_enabled);
    let d = serve(&engine, "/", "192.0.2.50", 200);
    assert_eq!(d.attack().map(|a| a.check), Some(Check::Blacklist));
    assert!(agent.flush(WAIT));
    let line = String::from_utf8(udp.recv()).unwrap();
    assert!(line.contains(r#""blacklist" - "192.0.2.50""#), "{line}");

    // Beacon 3: invalid config rejected; beacon 4: non-logging change, no restart.
    assert_eq!(agent.beacon_now(), Ok(true));
    assert_eq!(engine.config().flood_ratio, 40);
    assert_eq!(agent.beacon_now(), Ok(true));
    assert_eq!(engine.config().flood_ratio, 30);
    // Beacon 5: garbage answer, config kept.
    assert!(agent.beacon_now().is_err());
    assert_eq!(engine.config().flood_ratio, 30);

    let s = agent.stats().beacon;
    assert_eq!((s.sent, s.failed), (3, 2), "{s:?}");
    assert_eq!((s.blacklist_added, s.blacklist_removed), (1, 1));
    assert_eq!(
        (s.config_applied, s.config_rejected, s.log_restarts),
        (2, 1, 1)
    );
    // Serverless: one beacon per BEACON_DELAY (an hour here): the first invocation sends
    // none because beacons were just sent.
    assert!(!agent.on_invocation());
}

#[test]
fn long_running_agent_beacons_from_its_thread() {
    let srv = HttpServer::start(|_| {
        HttpReply::ok(json!({"status": true, "message": "", "data": {}}).to_string())
    });
    let cfg = Config {
        beacon: true,
        beacon_url: Some(srv.url("/b")),
        beacon_delay: 1.0,
        ..Config::default()
    };
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    let engine = Arc::new(Engine::builder(cfg).sink(agent.sink()).build().unwrap());
    agent.attach(engine);
    let reqs = srv.wait_for(1);
    assert_eq!(reqs.len(), 1);
    // TELEMETRY_DATA and BLACKLIST_SHARE off: only key and version.
    assert_eq!(
        reqs[0].json(),
        json!({"key": null, "version": rasp_agent::cloud::VERSION})
    );
    agent.shutdown(Duration::from_secs(2));
    assert!(agent.stats().beacon.sent >= 1);
}
