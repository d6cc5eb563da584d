//! rasp-actix in front of a real actix-web server on loopback, driven by a real HTTP client.

#[path = "../../rasp-tower/tests/support/mod.rs"]
mod support;

use std::net::SocketAddr;
use std::sync::Arc;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use bytes::Bytes;
use futures_util::StreamExt;
use http::StatusCode;
use rasp_actix::Rasp;
use rasp_core::config::{Config, FailMode};
use rasp_core::{Check, MemorySink};
use support::*;

fn configure(cfg: &mut web::ServiceConfig) {
    // actix's own `Bytes` extractor limit is 256 KiB; the tests post more.
    cfg.app_data(web::PayloadConfig::new(4 << 20))
        .route("/", web::get().to(|| async { "hello" }))
        .route(
            "/search",
            web::get().to(|req: HttpRequest| async move { req.query_string().to_string() }),
        )
        .route("/form", web::post().to(|body: Bytes| async move { body }))
        .route(
            "/json",
            web::post()
                .to(|v: web::Json<serde_json::Value>| async move { HttpResponse::Ok().json(v.0) }),
        )
        .route(
            "/echo",
            web::post().to(|req: HttpRequest, body: Bytes| async move {
                let ct = req
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("application/octet-stream")
                    .to_string();
                HttpResponse::Ok().content_type(ct).body(body)
            }),
        )
        .route(
            "/count",
            web::post().to(|mut payload: web::Payload| async move {
                let (mut n, mut sum) = (0u64, 0u64);
                while let Some(chunk) = payload.next().await {
                    let chunk = chunk?;
                    n += chunk.len() as u64;
                    sum = chunk.iter().fold(sum, |s, b| s.wrapping_add(*b as u64));
                }
                Ok::<_, actix_web::Error>(format!("{n} {sum}"))
            }),
        )
        .route("/login", web::get().to(|| async { "login form" }))
        .route("/login", web::post().to(|| async { "welcome" }))
        .route("/leak", web::get().to(|| async { PRIVATE_KEY_LEAK }))
        .route(
            "/leak-gz",
            web::get().to(|| async {
                HttpResponse::Ok()
                    .insert_header(("content-encoding", "gzip"))
                    .body(gzip(PRIVATE_KEY_LEAK.as_bytes()))
            }),
        )
        .route(
            "/stream",
            web::get().to(|| async {
                let chunks = (0..64u32)
                    .map(|i| Ok::<_, std::io::Error>(Bytes::from(format!("chunk {i}\n"))));
                HttpResponse::Ok().streaming(futures_util::stream::iter(chunks))
            }),
        );
}

/// Starts a protected actix-web server on its own thread and runtime.
fn serve(config: Config) -> (SocketAddr, Arc<MemorySink>, Rasp) {
    let sink = Arc::new(MemorySink::default());
    let mut builder = Rasp::builder().config(config).sink(sink.clone());
    for (m, p) in APP_ROUTES {
        builder = builder.route(m, p);
    }
    let rasp = builder.build().expect("middleware");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mw = rasp.clone();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            HttpServer::new(move || App::new().wrap(mw.clone()).configure(configure))
                .workers(1)
                .disable_signals()
                .listen(listener)
                .unwrap()
                .run()
                .await
                .unwrap();
        })
    });
    (addr, sink, rasp)
}

#[tokio::test]
async fn benign_requests_pass_unchanged() {
    let (addr, sink, _rasp) = serve(base_config());
    let r = http_get(addr, 10, "/").await;
    assert_eq!((r.status, r.text().as_str()), (StatusCode::OK, "hello"));
    assert_eq!(r.headers["server"], "Apache");
    let r = http_get(addr, 10, "/login").await;
    assert_eq!(
        (r.status, r.text().as_str()),
        (StatusCode::OK, "login form")
    );
    let r = http_get(addr, 10, "/search?q=rust+books&page=2").await;
    assert_eq!(r.text(), "q=rust+books&page=2");
    let json = r#"{"name":"O'Brien","tags":["a","b"]}"#;
    let r = http_post(addr, 10, "/json", "application/json", json).await;
    assert_eq!(r.status, StatusCode::OK);
    let back: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(json).unwrap()
    );
    let text = "plain text é ✓ a+b=c".repeat(100);
    let r = http_post(addr, 10, "/echo", "text/plain", text.clone()).await;
    assert_eq!(r.body, text.as_bytes());
    let r = http_get(addr, 10, "/stream").await;
    let expect: String = (0..64).map(|i| format!("chunk {i}\n")).collect();
    assert_eq!(r.text(), expect);
    assert!(sink.events().is_empty(), "{:?}", sink.events());
}

#[tokio::test]
async fn each_module_blocks() {
    let (addr, sink, _rasp) = serve(base_config());
    assert_each_module_blocks(addr, &sink).await;
}

#[tokio::test]
async fn flood_log_only_and_blacklist() {
    let mut c = base_config();
    c.flood_ratio = 5;
    let (addr, sink, _rasp) = serve(c);
    for _ in 0..5 {
        assert_eq!(http_get(addr, 40, "/").await.status, StatusCode::OK);
    }
    assert_eq!(http_get(addr, 40, "/").await.status, StatusCode::FORBIDDEN);
    assert_eq!(sink.take()[0].check, Check::Flood);
    // Flood has action 2: the client stays blacklisted even on a fresh window.
    assert_eq!(
        http_get(addr, 40, "/login").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(sink.take()[0].check, Check::Blacklist);

    let mut c = base_config();
    c.security_checks.insert("xss".into(), 3);
    let (addr, sink, _rasp) = serve(c);
    let r = http_get(addr, 41, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), "q=%3Cscript%3Ealert(1)%3C/script%3E");
    assert_eq!(http_get(addr, 41, "/").await.status, StatusCode::OK);
    let ev = sink.events();
    assert_eq!((ev.len(), ev[0].check, ev[0].action), (1, Check::Xss, 3));
}

#[tokio::test]
async fn dlp_blocks_leaks_plain_and_gzip() {
    let (addr, sink, _rasp) = serve(base_config());
    assert_dlp_blocks(addr, 70, &sink, &["/leak", "/leak-gz"]).await;
}

#[tokio::test]
async fn binary_and_huge_bodies_never_fail() {
    let mut c = base_config();
    c.max_body_bytes = 64 * 1024;
    let (addr, sink, _rasp) = serve(c);
    let data = binary(300 * 1024);
    let r = http_post(addr, 80, "/echo", "application/octet-stream", data.clone()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(&r.body[..], &data[..]);

    assert_streamed_upload_reaches_app(addr, 81, &sink).await;
}

#[tokio::test]
async fn engine_panic_fails_open_or_closed() {
    let (addr, _sink, rasp) = serve(base_config());
    assert_engine_panic_fails(rasp.engine(), addr, 90, FailMode::Open).await;
    let mut c = base_config();
    c.fail_mode = FailMode::Closed;
    let (addr, _sink, rasp) = serve(c);
    assert_engine_panic_fails(rasp.engine(), addr, 91, FailMode::Closed).await;
}
