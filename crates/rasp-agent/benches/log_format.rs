//! What the agent costs: formatting a record (worker side) and `emit` (request side), the
//! latter both with room in the queue and with the queue full (drop and count).
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

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = formats, emit
}
criterion_main!(benches);
