//! `inspect_request` latency for a typical browser GET (5 query params, cookies, 10 headers)
//! and a 2 KB JSON POST, with every default check on. The flood ratio is raised so the
//! repeated client is counted on every iteration but never blacklisted (which would turn
//! the bench into a blacklist lookup).
//!
//! Run: `cargo bench -p rasp-core --bench inspect`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use rasp_core::{Config, Engine, RequestView};

fn engine(detectors: bool) -> Engine {
    let mut overrides = serde_json::json!({"FLOOD_RATIO": 1_000_000_000_000u64});
    if !detectors {
        overrides["SECURITY_CHECKS"] =
            serde_json::json!({"sqli": 0, "xss": 0, "command": 0, "traversal": 0});
    }
    Engine::new(Config::default().merged_with(&overrides).unwrap()).unwrap()
}

fn browser_get() -> RequestView<'static> {
    RequestView {
        method: "GET",
        path: "/shop/products/list",
        query: "category=shoes&color=dark%20blue&size=42&sort=price_asc&page=3",
        host: Some("shop.example.com"),
        peer: Some("203.0.113.50".parse().unwrap()),
        headers: vec![
            ("Host", b"shop.example.com"),
            ("User-Agent", b"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
            ("Accept", b"text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"),
            ("Accept-Language", b"en-US,en;q=0.9,fr;q=0.8"),
            ("Accept-Encoding", b"gzip, deflate, br, zstd"),
            ("Referer", b"https://shop.example.com/shop/products?category=shoes"),
            ("Cookie", b"session=9f86d081884c7d659a2feaa0c55ad015; cart=3; theme=dark; consent=yes"),
            ("Connection", b"keep-alive"),
            ("Upgrade-Insecure-Requests", b"1"),
            ("Sec-Fetch-Mode", b"navigate"),
        ],
        ..Default::default()
    }
}

fn json_body() -> Vec<u8> {
    let mut items = Vec::new();
    let mut i = 0;
    while serde_json::to_vec(&items).unwrap().len() < 1900 {
        items.push(serde_json::json!({
            "sku": format!("SKU-{i:05}"),
            "name": format!("Running shoe model {i}"),
            "qty": i % 4 + 1,
            "note": "gift wrap, please",
        }));
        i += 1;
    }
    serde_json::to_vec(&serde_json::json!({"customer": {"email": "jane@example.com", "name": "Jane O'Neil"}, "items": items})).unwrap()
}

fn bench(c: &mut Criterion) {
    let e = engine(true);
    let get = browser_get();
    assert!(
        !e.inspect_request_at(&get, 1.0).is_block(),
        "benign GET must pass"
    );
    c.bench_function("inspect_request/browser_get", |b| {
        b.iter(|| black_box(e.inspect_request_at(black_box(&get), 1.0)))
    });
    // Extraction and decoding alone (what the detectors are then fed).
    c.bench_function("vectors/browser_get", |b| {
        b.iter(|| black_box(e.vectors(black_box(&get))))
    });
    // The engine's own share: every check except the four injection detectors.
    let bare = engine(false);
    c.bench_function("inspect_request/browser_get_without_detectors", |b| {
        b.iter(|| black_box(bare.inspect_request_at(black_box(&get), 1.0)))
    });

    let body = json_body();
    assert!((1900..2300).contains(&body.len()), "{}", body.len());
    let post = RequestView {
        method: "POST",
        path: "/api/orders",
        host: Some("shop.example.com"),
        peer: Some("203.0.113.51".parse().unwrap()),
        headers: vec![
            ("Host", b"shop.example.com"),
            (
                "User-Agent",
                b"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
            ),
            ("Content-Type", b"application/json"),
            ("Accept", b"application/json"),
        ],
        body: &body,
        content_type: Some("application/json"),
        ..Default::default()
    };
    assert!(
        !e.inspect_request_at(&post, 1.0).is_block(),
        "benign POST must pass"
    );
    c.bench_function("inspect_request/json_post_2k", |b| {
        b.iter(|| black_box(e.inspect_request_at(black_box(&post), 1.0)))
    });
    c.bench_function("vectors/json_post_2k", |b| {
        b.iter(|| black_box(e.vectors(black_box(&post))))
    });
    c.bench_function("inspect_request/json_post_2k_without_detectors", |b| {
        b.iter(|| black_box(bare.inspect_request_at(black_box(&post), 1.0)))
    });
}

/// `rasp check` throughput: 1000 mixed JSON lines (values and requests, benign and attacks)
/// through the replayer into a buffer, parsing and output included.
fn replay(c: &mut Criterion) {
    let mut input = String::new();
    for i in 0..1000 {
        let line = match i % 4 {
            0 => format!(r#"{{"value": "search term {i}"}}"#),
            1 => format!(r#"{{"value": "1' OR '1'='1 -- {i}", "location": "post_values"}}"#),
            2 => format!(
                r#"{{"request": {{"method": "GET", "path": "/p/{i}", "query": "a=x{i}&b=y", "client_ip": "10.0.{}.{}", "headers": [["User-Agent", "Mozilla/5.0"]]}}, "time": {}}}"#,
                i / 256,
                i % 256,
                1_700_000_000 + i
            ),
            _ => format!(
                r#"{{"request": {{"method": "POST", "path": "/api", "client_ip": "10.1.{}.{}", "content_type": "application/json", "body": "{{\"q\": \"<script>alert({i})</script>\"}}"}}, "time": {}}}"#,
                i / 256,
                i % 256,
                1_700_000_000 + i
            ),
        };
        input.push_str(&line);
        input.push('\n');
    }
    c.bench_function("replay/1000_lines", |b| {
        b.iter_batched(
            || rasp_core::replay::Replayer::new(std::sync::Arc::new(engine(true))),
            |mut r| {
                let mut out = Vec::with_capacity(256 * 1024);
                r.run(input.as_bytes(), &mut out).unwrap();
                assert_eq!(r.stats.errors, 0);
                black_box(out.len())
            },
            criterion::BatchSize::LargeInput,
        )
    });
}

criterion_group!(benches, bench, replay);
criterion_main!(benches);
