//! What the agent costs: formatting a record (worker side), `emit` (request side) with the
//! queue full (drop and count) or logging off, and the Redis store's request-path calls.
//!
//! `cargo bench -p rasp-agent --bench log_format`

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use jiff::tz::TimeZone;
use rasp_agent::log::{Formatter, LogSink};
use rasp_core::config::{LogFormat, LogProtocol};
use rasp_core::{Check, Config, EventSink, SecurityEvent};

fn event() -> SecurityEvent {
    SecurityEvent {
        check: Check::Sqli,
        location: "qs_values".into(),
        payload: "1' UNION SELECT username, password FROM users--".into(),
        engine: Some("grammar"),
        score: Some(0.97),
        action: 2,
        client_ip: Some("203.0.113.7".parse().unwrap()),
        method: "GET".into(),
        path: "/search".into(),
        host: Some("shop.example".into()),
        time: 1_726_297_460.0,
        app_name: "Shop".into(),
    }
}

fn formats(c: &mut Criterion) {
    let ev = event();
    let mut g = c.benchmark_group("format");
    for (name, f) in [
        ("syslog", LogFormat::Syslog),
        ("json", LogFormat::Json),
        ("pcb", LogFormat::Pcb),
    ] {
        let fmt = Formatter::with_time_zone(f, TimeZone::UTC);
        g.bench_function(name, |b| {
            b.iter(|| black_box(fmt.record(black_box(&ev), "")))
        });
    }
    let fmt = Formatter::with_time_zone(LogFormat::Syslog, TimeZone::UTC).rfc5424(true);
    g.bench_function("syslog_rfc5424", |b| {
        b.iter(|| black_box(fmt.line(black_box(&ev), "")))
    });
    g.finish();
}

fn emit(c: &mut Criterion) {
    let ev = event();
    // Serverless mode: nothing drains the queue, so after `log_queue_size` events every
    // emit takes the "queue full: drop and count" path the request path sees under load.
    let cfg = Config {
        log_enabled: true,
        log_protocol: LogProtocol::Udp,
        log_port: 9,
        log_queue_size: 1024,
        ..Config::default()
    };
    let sink = LogSink::new(&cfg, false).unwrap();
    for _ in 0..2048 {
        sink.emit(ev.clone());
    }
    let mut g = c.benchmark_group("emit");
    g.bench_function("queue_full_drop", |b| b.iter(|| sink.emit(ev.clone())));
    g.bench_function("event_clone_only", |b| b.iter(|| black_box(ev.clone())));
    let disabled = LogSink::new(&Config::default(), false).unwrap();
    g.bench_function("logging_disabled", |b| b.iter(|| disabled.emit(ev.clone())));
    g.finish();
    sink.shutdown(Duration::ZERO);
}

/// Request-path cost of the Redis-backed store: every call is answered locally (here Redis
/// is unreachable, which is also the local-only mode's cost).
#[cfg(feature = "redis")]
fn redis_store(c: &mut Criterion) {
    use rasp_core::{CounterKind, MemoryStore, StateStore};
    let local: std::sync::Arc<dyn StateStore> = std::sync::Arc::new(MemoryStore::new(100_000));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let store = rasp_agent::redis::RedisStore::start(
        local,
        &format!("redis://127.0.0.1:{port}"),
        "b:",
        100_000,
    )
    .unwrap();
    let ip: std::net::IpAddr = "203.0.113.7".parse().unwrap();
    let mut g = c.benchmark_group("redis_store");
    let mut t = 1_700_000_000.0;
    g.bench_function("hit", |b| {
        b.iter(|| {
            t += 0.001;
            black_box(store.hit(CounterKind::Flood, ip, t, 60.0))
        })
    });
    g.bench_function("blacklisted_miss", |b| {
        b.iter(|| black_box(store.blacklisted(ip, t, 3600.0)))
    });
    g.finish();
    store.shutdown();
}

#[cfg(not(feature = "redis"))]
fn redis_store(_: &mut Criterion) {}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = formats, emit, redis_store
}
criterion_main!(benches);
