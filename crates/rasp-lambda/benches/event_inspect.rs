//! In-process cost of the Lambda adapter: parse an invocation payload and run the engine's
//! inbound checks (what the proxy adds per invocation before handing the event over, and what
//! `RaspLayer` adds in a Rust function), plus the pass-through cost of a non-HTTP event.
//!
//! `cargo bench -p rasp-lambda --bench event_inspect`

use criterion::{criterion_group, criterion_main, Criterion};
use rasp_core::Config;
use rasp_lambda::{Guard, HttpEvent};
use std::hint::black_box;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let mut config = Config::default();
    // AWS's example events repeat `parameter1` (HPP would flag and blacklist them).
    config.hpp_allowed_params.push("parameter1".into());
    // Hundreds of thousands of iterations from one source IP are a flood: it would blacklist
    // the IP and the rest would measure the blacklist short-cut instead of the checks.
    config.security_checks.insert("flood".into(), 0);
    let guard = Guard::new(config).unwrap();
    for name in [
        "apigw-rest-v1.json",
        "apigw-http-v2.json",
        "function-url.json",
        "alb.json",
    ] {
        let payload = fixture(name);
        let e = HttpEvent::parse(&payload).unwrap();
        assert!(!guard.check_request(&e).is_block(), "{name} must be benign");
        c.bench_function(&format!("parse+inspect {name}"), |b| {
            b.iter(|| {
                let e = HttpEvent::parse(black_box(&payload)).unwrap();
                black_box(guard.check_request(&e))
            })
        });
    }
    let sqs = fixture("sqs.json");
    c.bench_function("pass-through sqs.json", |b| {
        b.iter(|| black_box(HttpEvent::parse(black_box(&sqs))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
