//! Security logs end to end: real UDP/TCP/HTTP receivers on loopback, byte layouts,
//! framing, faults (receiver down, restarted, slow, 500, rejecting), file rotation.

mod common;

use std::time::Duration;

use common::*;
use rasp_agent::log::{Formatter, LogSink};
use rasp_agent::{Agent, AgentOptions};
use rasp_core::config::{LogFormat, LogProtocol, TcpFraming};
use rasp_core::{Config, EventSink};

fn log_config(protocol: LogProtocol, port: u16) -> Config {
    Config {
        log_enabled: true,
        log_protocol: protocol,
        log_server: "127.0.0.1".into(),
        log_port: port,
        ..Config::default()
    }
}

fn local_time(t: f64) -> String {
    Formatter::new(LogFormat::Syslog).local_time(t)
}

#[test]
fn udp_syslog_is_byte_compatible_with_pyrasp() {
    let rx = UdpReceiver::start();
    let cfg = log_config(LogProtocol::Udp, rx.addr.port());
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    agent.sink().emit(event());
    let got = String::from_utf8(rx.recv()).unwrap();
    // 10.0.0.1 is private: PyRASP 0.10 logs "Private" for non-global addresses.
    assert_eq!(
        got,
        format!(
            r#"[{}] "App" - "xss" - "10.0.0.1" - "Private" - "T1059.007 - PCB007" - "2" - "qs_values:PHM+""#,
            local_time(1_726_297_460.0)
        )
    );
    assert!(agent.shutdown(Duration::from_secs(2)));
    let s = agent.stats().log;
    assert_eq!((s.accepted, s.sent, s.failed), (1, 1, 0));
}

#[test]
fn udp_rfc5424_framing_and_country_disabled() {
    let rx = UdpReceiver::start();
    let mut cfg = log_config(LogProtocol::Udp, rx.addr.port());
    cfg.log_syslog_rfc5424 = true;
    cfg.resolve_country = false;
    cfg.log_format = LogFormat::Pcb;
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    let mut ev = event();
    ev.client_ip = Some("8.8.8.8".parse().unwrap());
    agent.sink().emit(ev);
    let got = String::from_utf8(rx.recv()).unwrap();
    assert!(got.starts_with("<84>1 "), "{got}");
    let (header, msg) = got.split_at(got.find(" - {").unwrap());
    let fields: Vec<&str> = header.split(' ').collect();
    assert_eq!(fields.len(), 6, "{header}");
    assert_eq!(fields[3], "App");
    assert_eq!(fields[4], std::process::id().to_string());
    assert_eq!(fields[5], "xss");
    assert_eq!(
        &msg[3..],
        r#"{"application": "App", "log_type": "security", "log_data": ["xss", "8.8.8.8", "", null, {"location": "qs_values", "payload": "PHM+", "action": 2, "codes": ["T1059.007", "PCB007"], "path": "/search"}]}"#
    );
    agent.shutdown(Duration::from_secs(2));
}

#[test]
fn tcp_newline_and_octet_counting_framing() {
    for (framing, expect_prefix) in [
        (TcpFraming::Newline, false),
        (TcpFraming::OctetCounting, true),
    ] {
        let rx = TcpReceiver::start();
        let mut cfg = log_config(LogProtocol::Tcp, rx.addr.port());
        cfg.log_format = LogFormat::Json;
        cfg.log_tcp_framing = framing;
        let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
        for _ in 0..3 {
            agent.sink().emit(event());
        }
        assert!(agent.flush(WAIT));
        let record = format!(
            r#"{{"time": "{}", "application": "App", "log_data": ["xss", "10.0.0.1", "Private", {{"location": "qs_values", "payload": "PHM+", "action": 2, "codes": ["T1059.007", "PCB007"], "path": "/search"}}]}}"#,
            local_time(1_726_297_460.0)
        );
        let frame = if expect_prefix {
            format!("{} {}", record.len(), record)
        } else {
            format!("{record}\n")
        };
        assert!(wait_until(|| rx.data().len() >= frame.len() * 3));
        assert_eq!(String::from_utf8(rx.data()).unwrap(), frame.repeat(3));
        assert_eq!(rx.connections(), 1, "one persistent connection");
        agent.shutdown(Duration::from_secs(2));
    }
}

#[test]
fn tcp_receiver_down_then_up_delivers_queued_events_and_reconnects_after_restart() {
    let port = free_port();
    let cfg = log_config(LogProtocol::Tcp, port);
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    // Receiver down: events wait in the queue, emit returns at once.
    for _ in 0..5 {
        agent.sink().emit(event());
    }
    assert!(!agent.flush(Duration::from_millis(300)));
    assert_eq!(agent.stats().log.sent, 0);
    assert!(agent.stats().log.retries > 0);
    // Receiver comes up: the backlog is delivered.
    let rx = TcpReceiver::start_on(port);
    assert!(agent.flush(WAIT), "{:?}", agent.stats().log);
    assert!(wait_until(|| rx
        .data()
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        == 5));
    // Receiver restarts: the next event goes through a new connection.
    rx.stop();
    let rx = TcpReceiver::start_on(port);
    agent.sink().emit(event());
    assert!(agent.flush(WAIT));
    assert!(wait_until(|| rx
        .data()
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        == 1));
    let s = agent.stats().log;
    assert_eq!((s.accepted, s.sent, s.failed, s.dropped_full), (6, 6, 0, 0));
    agent.shutdown(Duration::from_secs(2));
}

#[test]
fn webhook_honours_log_path_and_posts_pyrasp_json() {
    let srv = HttpServer::start(|_| HttpReply::ok("{}"));
    let mut cfg = log_config(LogProtocol::Http, srv.addr.port());
    cfg.log_format = LogFormat::Json;
    cfg.log_path = "siem/ingest".into();
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    let mut ev = event();
    ev.check = rasp_core::Check::Sqli;
    ev.engine = Some("machine learning");
    ev.score = Some(0.97);
    ev.payload = "' or 1=1".into();
    agent.sink().emit(ev);
    assert!(agent.flush(WAIT));
    let reqs = srv.wait_for(1);
    assert_eq!(reqs[0].method, "POST");
    assert_eq!(reqs[0].path, "/siem/ingest");
    assert_eq!(
        String::from_utf8(reqs[0].body.clone()).unwrap(),
        format!(
            r#"{{"time": "{}", "application": "App", "log_data": ["sqli", "10.0.0.1", "Private", {{"location": "qs_values", "payload": "JyBvciAxPTE=", "engine": "machine learning", "score": 0.97, "action": 2, "codes": ["T1111", "PCB006"], "path": "/search"}}]}}"#,
            local_time(1_726_297_460.0)
        )
    );
    assert!(reqs[0]
        .headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("content-type") && v == "application/json"));
    agent.shutdown(Duration::from_secs(2));
}

#[test]
fn webhook_500_is_retried_and_400_is_counted_failed() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let calls = std::sync::Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    // First two attempts: 500 (retried); then 400 for the "bad" record, 200 otherwise.
    let srv = HttpServer::start(move |req| {
        let n = c.fetch_add(1, Ordering::SeqCst);
        if n < 2 {
            HttpReply::status(500)
        } else if String::from_utf8_lossy(&req.body).contains("reject-me") {
            HttpReply::status(400)
        } else {
            HttpReply::ok("")
        }
    });
    let cfg = log_config(LogProtocol::Http, srv.addr.port());
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    agent.sink().emit(event());
    let mut bad = event();
    bad.app_name = "reject-me".into();
    agent.sink().emit(bad);
    assert!(agent.flush(WAIT));
    let s = agent.stats().log;
    assert_eq!((s.accepted, s.sent, s.failed), (2, 1, 1), "{s:?}");
    assert_eq!(s.retries, 2);
    // Syslog over HTTP is posted as a JSON string (PyRASP 0.9.1+).
    let body = &srv.requests()[2].body;
    let line: String = serde_json::from_slice(body).unwrap();
    assert!(line.ends_with(r#" - "2" - "qs_values:PHM+""#), "{line}");
    agent.shutdown(Duration::from_secs(2));
}

#[test]
fn slow_webhook_fills_the_queue_and_drops_are_counted_never_blocking() {
    // The receiver takes 3 s per request (beyond the 0.2 s timeout): every attempt fails.
    let srv = HttpServer::start(|_| HttpReply {
        status: 200,
        body: String::new(),
        delay: Duration::from_secs(3),
    });
    let mut cfg = log_config(LogProtocol::Http, srv.addr.port());
    cfg.log_http_timeout = 0.2;
    cfg.log_queue_size = 10;
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    for _ in 0..1000 {
        agent.sink().emit(event());
    }
    let s = agent.stats().log;
    // At most queue size + the one in flight were accepted; the rest dropped and counted.
    assert!(s.accepted <= 11, "{s:?}");
    assert_eq!(s.accepted + s.dropped_full, 1000);
    // Shutdown gives up at its deadline and accounts for every accepted event.
    assert!(!agent.shutdown(Duration::from_millis(300)));
    let s = agent.stats().log;
    assert_eq!(s.sent + s.failed + s.dropped_shutdown, s.accepted, "{s:?}");
    assert_eq!(s.sent, 0);
}

#[test]
fn file_transport_rotates_by_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("security.log");
    let mut cfg = log_config(LogProtocol::File, 0);
    cfg.log_path = path.display().to_string();
    cfg.log_file_size = 1; // MB
    cfg.log_file_count = 2;
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    let mut ev = event();
    ev.payload = "x".repeat(20_000); // ~26.8 KB base64 per line
    for _ in 0..100 {
        agent.sink().emit(ev.clone());
    }
    assert!(agent.shutdown(WAIT));
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let rotated = dir.path().join("security.log.1");
    assert!(size(&rotated) > 0 && size(&rotated) <= 1024 * 1024);
    assert!(size(&path) > 0 && size(&path) <= 1024 * 1024);
    let lines = std::fs::read_to_string(&path).unwrap().lines().count()
        + std::fs::read_to_string(&rotated).unwrap().lines().count()
        + std::fs::read_to_string(dir.path().join("security.log.2"))
            .map(|s| s.lines().count())
            .unwrap_or(0);
    assert_eq!(lines, 100);
    assert!(!dir.path().join("security.log.3").exists());
}

#[test]
fn serverless_mode_sends_only_on_flush() {
    let rx = UdpReceiver::start();
    let cfg = log_config(LogProtocol::Udp, rx.addr.port());
    let agent = Agent::start(&cfg, AgentOptions::new("AWS Lambda").serverless(true)).unwrap();
    agent.sink().emit(event());
    agent.sink().emit(event());
    assert_eq!(agent.stats().log.sent, 0, "nothing leaves before the flush");
    assert!(agent.flush(Duration::from_secs(2)));
    rx.recv();
    rx.recv();
    assert_eq!(agent.stats().log.sent, 2);
}

#[test]
fn disabled_logging_counts_and_reconfigure_restarts_only_on_log_key_change() {
    let rx = UdpReceiver::start();
    let mut cfg = Config::default();
    let sink = LogSink::new(&cfg, true).unwrap();
    sink.emit(event());
    assert_eq!(sink.stats().dropped_disabled, 1);
    cfg.log_enabled = true;
    cfg.log_protocol = LogProtocol::Udp;
    cfg.log_port = rx.addr.port();
    assert!(sink.reconfigure(&cfg).unwrap());
    // A non-logging key change does not restart logging.
    cfg.flood_ratio = 7;
    assert!(!sink.reconfigure(&cfg).unwrap());
    sink.emit(event());
    rx.recv();
    // A broken new setting keeps the running pipeline.
    let mut bad = cfg.clone();
    bad.log_protocol = LogProtocol::File;
    bad.log_path = String::new();
    assert!(sink.reconfigure(&bad).is_err());
    sink.emit(event());
    rx.recv();
    assert!(sink.shutdown(Duration::from_secs(2)));
}

#[test]
fn bad_settings_fail_agent_start_with_clear_errors() {
    let mut cfg = log_config(LogProtocol::File, 0);
    cfg.log_path = "/nonexistent-dir/x/security.log".into();
    let e = Agent::start(&cfg, AgentOptions::new("test")).err().unwrap();
    assert!(
        e.to_string().contains("/nonexistent-dir/x/security.log"),
        "{e}"
    );
    let mut cfg = log_config(LogProtocol::Udp, 514);
    cfg.geoip_db = "/nonexistent.mmdb".into();
    let e = Agent::start(&cfg, AgentOptions::new("test")).err().unwrap();
    assert!(e.to_string().contains("GEOIP_DB"), "{e}");
}
