//! rasp-tower in front of a real axum server on loopback, driven by a real HTTP client.

mod support;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Query;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use bytes::Bytes;
use http_body_util::{BodyExt, StreamBody};
use rasp_core::config::{Config, FailMode, ReactionKind};
use rasp_core::{Check, MemorySink};
use rasp_tower::RaspLayer;
use support::*;

/// Routes only the axum app has, beyond the shared [`APP_ROUTES`].
const MORE_ROUTES: &[(&str, &str)] = &[
    ("GET", "/leak-br"),
    ("GET", "/leak-zstd"),
    ("GET", "/plain-gz"),
    ("GET", "/headers"),
];

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(data).unwrap();
    }
    out
}

fn encoded(coding: &'static str, bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_ENCODING, coding)], bytes).into_response()
}

fn app() -> Router {
    Router::new()
        .route("/", get(|| async { "hello" }))
        .route(
            "/search",
            get(|Query(q): Query<Vec<(String, String)>>| async move { format!("{q:?}") }),
        )
        .route(
            "/form",
            post(|Form(f): Form<Vec<(String, String)>>| async move { format!("{f:?}") }),
        )
        .route(
            "/json",
            post(|Json(v): Json<serde_json::Value>| async move { Json(v) }),
        )
        .route(
            "/echo",
            post(|headers: HeaderMap, body: Bytes| async move {
                let ct = headers
                    .get(header::CONTENT_TYPE)
                    .cloned()
                    .unwrap_or(header::HeaderValue::from_static("application/octet-stream"));
                ([(header::CONTENT_TYPE, ct)], body)
            }),
        )
        .route(
            "/count",
            post(|body: Body| async move {
                // Streams the request body: never buffers it whole.
                let mut stream = body.into_data_stream();
                let mut n = 0u64;
                let mut sum = 0u64;
                while let Some(chunk) = futures_util::StreamExt::next(&mut stream).await {
                    let chunk = chunk.unwrap();
                    n += chunk.len() as u64;
                    sum = chunk.iter().fold(sum, |s, b| s.wrapping_add(*b as u64));
                }
                format!("{n} {sum}")
            }),
        )
        .route(
            "/login",
            get(|| async { "login form" }).post(|| async { "welcome" }),
        )
        .route("/leak", get(|| async { PRIVATE_KEY_LEAK }))
        .route(
            "/leak-gz",
            get(|| async { encoded("gzip", gzip(PRIVATE_KEY_LEAK.as_bytes())) }),
        )
        .route(
            "/leak-br",
            get(|| async { encoded("br", brotli(PRIVATE_KEY_LEAK.as_bytes())) }),
        )
        .route(
            "/leak-zstd",
            get(|| async { encoded("zstd", PRIVATE_KEY_LEAK.as_bytes().to_vec()) }),
        )
        .route(
            "/plain-gz",
            get(|| async { encoded("gzip", gzip(b"nothing to see here")) }),
        )
        .route(
            "/stream",
            get(|| async {
                let chunks = (0..64u32).map(|i| {
                    Ok::<_, std::io::Error>(http_body::Frame::data(Bytes::from(format!(
                        "chunk {i}\n"
                    ))))
                });
                Body::new(StreamBody::new(futures_util::stream::iter(chunks)))
            }),
        )
        .route(
            "/headers",
            get(|| async {
                (
                    StatusCode::CREATED,
                    [("x-app", "1"), ("set-cookie", "a=b; HttpOnly")],
                    "made",
                )
            }),
        )
}

/// A protected server with `config`; returns its address, the events and the layer.
async fn serve(config: Config) -> (SocketAddr, Arc<MemorySink>, RaspLayer) {
    let sink = Arc::new(MemorySink::default());
    let mut builder = RaspLayer::builder().config(config).sink(sink.clone());
    for (m, p) in APP_ROUTES.iter().chain(MORE_ROUTES) {
        builder = builder.route(m, p);
    }
    let layer = builder.build().expect("layer");
    let app = app().layer(layer.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    (addr, sink, layer)
}

#[tokio::test]
async fn benign_requests_pass_unchanged() {
    let (addr, sink, _layer) = serve(base_config()).await;

    let r = http_get(addr, 10, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), "hello");
    assert_eq!(r.headers["server"], "Apache");

    let r = http_get(addr, 10, "/search?q=rust+books").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), r#"[("q", "rust books")]"#);

    // Declared route /login is not a decoy although it matches the default decoy list.
    let r = http_get(addr, 10, "/login").await;
    assert_eq!(
        (r.status, r.text().as_str()),
        (StatusCode::OK, "login form")
    );
    let r = http_post(
        addr,
        10,
        "/login",
        "application/x-www-form-urlencoded",
        "user=bob&password=hunter2",
    )
    .await;
    assert_eq!((r.status, r.text().as_str()), (StatusCode::OK, "welcome"));

    let json = r#"{"name":"O'Brien","tags":["a","b"],"n":1}"#;
    let r = http_post(addr, 10, "/json", "application/json", json).await;
    assert_eq!(r.status, StatusCode::OK);
    let back: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(json).unwrap()
    );

    // Bodies reach the app byte for byte.
    let text = "plain text body with unicode é ✓ and punctuation: a+b=c; x|y".repeat(50);
    let r = http_post(addr, 10, "/echo", "text/plain", text.clone()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, text.as_bytes());

    // Status and application headers survive; Server is rewritten.
    let r = http_get(addr, 10, "/headers").await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.headers["x-app"], "1");
    assert_eq!(r.headers["set-cookie"], "a=b; HttpOnly");
    assert_eq!(r.headers["server"], "Apache");
    assert_eq!(r.text(), "made");

    // A streamed response arrives whole (DLP on: inspected, then replayed).
    let r = http_get(addr, 10, "/stream").await;
    let expect: String = (0..64).map(|i| format!("chunk {i}\n")).collect();
    assert_eq!(r.text(), expect);

    // A compressed benign response passes byte-identical (not decompressed for the client).
    let r = http_get(addr, 10, "/plain-gz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-encoding"], "gzip");
    assert_eq!(&r.body[..], &gzip(b"nothing to see here")[..]);

    assert!(sink.events().is_empty(), "{:?}", sink.events());
}

#[tokio::test]
async fn each_module_blocks() {
    let (addr, sink, _layer) = serve(base_config()).await;
    assert_each_module_blocks(addr, &sink).await;
}

#[tokio::test]
async fn flood_blocks_after_the_ratio() {
    let mut c = base_config();
    c.flood_ratio = 5;
    let (addr, sink, _layer) = serve(c).await;
    for _ in 0..5 {
        assert_eq!(http_get(addr, 40, "/").await.status, StatusCode::OK);
    }
    let r = http_get(addr, 40, "/").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(sink.events()[0].check, Check::Flood);
    // Another client is not affected.
    assert_eq!(http_get(addr, 41, "/").await.status, StatusCode::OK);
}

#[tokio::test]
async fn log_only_leaves_responses_identical() {
    let mut c = base_config();
    for v in c.security_checks.values_mut() {
        if *v != 0 {
            *v = 3;
        }
    }
    let (addr, sink, _layer) = serve(c).await;
    let benign = http_get(addr, 50, "/search?q=hello").await;
    let attack = http_get(addr, 51, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert_eq!(attack.status, StatusCode::OK);
    assert_eq!(attack.text(), r#"[("q", "<script>alert(1)</script>")]"#);
    let names = |h: &HeaderMap| {
        let mut v: Vec<_> = h
            .keys()
            .map(|k| k.as_str().to_string())
            .filter(|k| k != "date")
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&attack.headers), names(&benign.headers));
    let leak = http_get(addr, 52, "/leak").await;
    assert_eq!(leak.status, StatusCode::OK);
    assert_eq!(leak.text(), PRIVATE_KEY_LEAK);
    // The blacklist is not fed by log-only attacks.
    assert_eq!(http_get(addr, 51, "/").await.status, StatusCode::OK);
    let events = sink.events();
    let checks: Vec<_> = events.iter().map(|e| (e.check, e.action)).collect();
    assert_eq!(checks, vec![(Check::Xss, 3), (Check::Dlp, 3)]);
}

#[tokio::test]
async fn blacklist_blocks_benign_requests_until_expiry() {
    let mut c = base_config();
    c.blacklist_delay = 1.0;
    let (addr, sink, _layer) = serve(c).await;
    let r = http_get(addr, 60, "/search?q=1%27%20OR%20%271%27%3D%271").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = http_get(addr, 60, "/").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "blacklisted client");
    assert_eq!(sink.events().last().unwrap().check, Check::Blacklist);
    assert_eq!(
        http_get(addr, 61, "/").await.status,
        StatusCode::OK,
        "other client"
    );
    // Wait past BLACKLIST_DELAY (bounded: at most 5 s of polling).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    loop {
        let r = http_get(addr, 60, "/").await;
        if r.status == StatusCode::OK {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "blacklist never expired"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn dlp_blocks_leaks_plain_and_compressed() {
    let (addr, sink, layer) = serve(base_config()).await;
    assert_dlp_blocks(addr, 70, &sink, &["/leak", "/leak-gz", "/leak-br"]).await;
    // A coding we cannot decode passes, and the skip is counted, not silent.
    let before = layer.engine().stats().dlp_skipped_encoded;
    let r = http_get(addr, 75, "/leak-zstd").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(layer.engine().stats().dlp_skipped_encoded, before + 1);
}

#[tokio::test]
async fn binary_and_huge_bodies_never_fail() {
    let mut c = base_config();
    c.max_body_bytes = 64 * 1024;
    let (addr, sink, _layer) = serve(c).await;

    // Random bytes under every content type: never a 5xx; when the engine lets the body
    // through (it must for octet-stream and multipart) the app gets it byte for byte. Random
    // bytes parsed as a form can legitimately repeat a parameter name (HPP), hence one
    // source address per content type.
    let data = binary(300 * 1024);
    for (i, (ct, must_pass)) in [
        ("application/octet-stream", true),
        ("multipart/form-data; boundary=xyz", true),
        ("application/json", false),
        ("text/plain", false),
        ("application/x-www-form-urlencoded", false),
    ]
    .into_iter()
    .enumerate()
    {
        let r = http_post(addr, 80 + i as u8, "/echo", ct, data.clone()).await;
        assert!(!r.status.is_server_error(), "{ct}: {}", r.status);
        if must_pass {
            let fired: Vec<_> = sink
                .events()
                .iter()
                .map(|e| (e.check, e.location.clone()))
                .collect();
            assert_eq!(r.status, StatusCode::OK, "{ct}: {fired:?}");
        }
        if r.status == StatusCode::OK {
            assert_eq!(&r.body[..], &data[..], "{ct}: body changed");
        }
    }
    sink.take();

    assert_streamed_upload_reaches_app(addr, 89, &sink).await;
}

#[tokio::test]
async fn engine_panic_fails_open_or_closed() {
    let (addr, _sink, layer) = serve(base_config()).await;
    assert_engine_panic_fails(layer.engine(), addr, 90, FailMode::Open).await;
    let mut c = base_config();
    c.fail_mode = FailMode::Closed;
    let (addr, _sink, layer) = serve(c).await;
    assert_engine_panic_fails(layer.engine(), addr, 91, FailMode::Closed).await;
}

#[tokio::test]
async fn redirect_reaction() {
    let mut c = base_config();
    c.block_action = ReactionKind::Redirect;
    c.block_status_code = 302;
    c.block_action_content = "/blocked.html".into();
    let (addr, _sink, _layer) = serve(c).await;
    let r = http_get(addr, 95, "/no/such/page").await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.headers["location"], "/blocked.html");
}

#[tokio::test]
async fn request_body_reaches_app_when_body_read_errors_are_absent() {
    // HEAD and bodiless requests skip body reading entirely and still work.
    let (addr, _sink, _layer) = serve(base_config()).await;
    let req = http::Request::head("/")
        .header("host", addr.to_string())
        .body(http_body_util::Empty::<Bytes>::new())
        .unwrap();
    let r = send_from(addr, 96, req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.is_empty());
    let _ = BodyExt::boxed(http_body_util::Empty::<Bytes>::new());
}

#[tokio::test]
async fn client_ip_honours_trusted_proxies_only() {
    let forwarded = |target: &'static str, addr: SocketAddr| {
        http::Request::get(target)
            .header("host", addr.to_string())
            .header("x-forwarded-for", "203.0.113.7")
            .body(http_body_util::Empty::<Bytes>::new())
            .unwrap()
    };
    let attack = "/search?q=%3Cscript%3Ealert(1)%3C/script%3E";

    // No trusted proxy: the header is ignored (PyRASP bug B2), the peer is the client.
    let (addr, sink, _layer) = serve(base_config()).await;
    let r = send_from(addr, 100, forwarded(attack, addr)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(sink.take()[0].client_ip, Some([127, 0, 0, 100].into()));

    // Loopback trusted: the forwarded address is the client, for blocking and blacklisting.
    let mut c = base_config();
    c.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
    let (addr, sink, _layer) = serve(c).await;
    let r = send_from(addr, 101, forwarded(attack, addr)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(sink.take()[0].client_ip, Some([203, 0, 113, 7].into()));
    // The blacklisted client is 203.0.113.7, not the proxy.
    assert_eq!(http_get(addr, 101, "/").await.status, StatusCode::OK);
    let r = send_from(addr, 102, forwarded("/", addr)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
