//! Cost of the layer per request, without network: an axum router called in memory, plain
//! and behind `RaspLayer`, plus the engine calls alone.
//!
//! `cargo bench -p rasp-tower --bench layer`

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::routing::get;
use axum::{Json, Router};
use criterion::{criterion_group, criterion_main, Criterion};
use http::Request;
use rasp_core::{Config, Decision, Engine, MemorySink, RequestView, ResponseView};
use rasp_tower::RaspLayer;
use tower::ServiceExt;

fn config() -> Config {
    Config {
        flood_ratio: u64::MAX / 2,
        ..Config::default()
    }
}

fn app() -> Router {
    Router::new()
        .route("/", get(|| async { "Hello, World!" }))
        .route(
            "/json",
            get(|| async { Json(serde_json::json!({ "message": "Hello, World!" })) }),
        )
}

fn request(path: &str) -> Request<Body> {
    let mut req = Request::get(path)
        .header("host", "127.0.0.1:8080")
        .header("user-agent", "wrk")
        .body(Body::empty())
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    req
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let plain = app();
    let layer = RaspLayer::builder()
        .config(config())
        .sink(Arc::new(MemorySink::with_capacity(16)))
        .route("GET", "/")
        .route("GET", "/json")
        .build()
        .unwrap();
    let protected = app().layer(layer);

    for path in ["/", "/json"] {
        c.bench_function(&format!("axum plain GET {path}"), |b| {
            b.iter(|| rt.block_on(plain.clone().oneshot(request(path))).unwrap())
        });
        c.bench_function(&format!("axum + RaspLayer GET {path}"), |b| {
            b.iter(|| {
                rt.block_on(protected.clone().oneshot(request(path)))
                    .unwrap()
            })
        });
    }

    let engine = Engine::builder(config())
        .sink(Arc::new(MemorySink::with_capacity(16)))
        .build()
        .unwrap();
    let headers: Vec<(&str, &[u8])> = vec![("host", b"127.0.0.1:8080"), ("user-agent", b"wrk")];
    let view = RequestView {
        method: "GET",
        path: "/",
        query: "",
        host: Some("127.0.0.1:8080"),
        peer: Some([127, 0, 0, 1].into()),
        headers,
        ..RequestView::default()
    };
    c.bench_function("engine inspect_request GET /", |b| {
        b.iter(|| engine.inspect_request(std::hint::black_box(&view)))
    });
    let resp = ResponseView {
        status: 200,
        headers: vec![("content-type", b"text/plain")],
        ..ResponseView::default()
    };
    c.bench_function("engine inspect_response 200", |b| {
        b.iter(|| engine.inspect_response(&view, std::hint::black_box(&resp), &Decision::Allow))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
