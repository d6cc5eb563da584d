//! Real-HTTP test client shared by the axum and actix-web integration tests.
//!
//! Every request opens a fresh TCP connection from a chosen loopback source address
//! (127.0.0.0/8 is all loopback on Linux), so scenarios that blacklist or flood one client
//! do not disturb the others.

#![allow(dead_code)]

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;

/// One response, fully read.
#[derive(Debug)]
pub struct Got {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Got {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Upper bound for any single exchange, so a bug cannot hang the suite.
const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(20);

/// Sends `req` to `server` from `127.0.0.<from>` over a new HTTP/1.1 connection.
pub async fn send_from<B>(server: SocketAddr, from: u8, req: Request<B>) -> Got
where
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    tokio::time::timeout(EXCHANGE_TIMEOUT, async move {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket
            .bind(SocketAddr::from((Ipv4Addr::new(127, 0, 0, from), 0)))
            .expect("bind loopback source");
        let stream = socket.connect(server).await.expect("connect");
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .expect("handshake");
        tokio::spawn(conn);
        let resp = sender.send_request(req).await.expect("response");
        let (parts, body) = resp.into_parts();
        let body = body.collect().await.expect("body").to_bytes();
        Got {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    })
    .await
    .expect("exchange timed out")
}

/// GET `target` from `127.0.0.<from>`.
pub async fn http_get(server: SocketAddr, from: u8, target: &str) -> Got {
    let req = Request::get(target)
        .header("host", server.to_string())
        .body(Full::new(Bytes::new()))
        .unwrap();
    send_from(server, from, req).await
}

/// POST `body` with `content_type` to `target` from `127.0.0.<from>`.
pub async fn http_post(
    server: SocketAddr,
    from: u8,
    target: &str,
    content_type: &str,
    body: impl Into<Bytes>,
) -> Got {
    let req = Request::post(target)
        .header("host", server.to_string())
        .header("content-type", content_type)
        .body(Full::new(body.into()))
        .unwrap();
    send_from(server, from, req).await
}

/// An attack scenario every adapter must block.
pub struct Case {
    pub name: &'static str,
    pub method: &'static str,
    pub target: &'static str,
    pub headers: &'static [(&'static str, &'static str)],
    pub content_type: Option<&'static str>,
    pub body: &'static str,
    /// The check key expected in the event (`rasp_core::Check::key`).
    pub check: &'static str,
}

/// One case per module (request side), each sent from its own source address.
pub const ATTACKS: &[Case] = &[
    Case {
        name: "spoofed host",
        method: "GET",
        target: "/",
        headers: &[("host", "evil.example")],
        content_type: None,
        body: "",
        check: "spoofing",
    },
    Case {
        name: "decoy /.env",
        method: "GET",
        target: "/.env",
        headers: &[],
        content_type: None,
        body: "",
        check: "decoy",
    },
    Case {
        name: "decoy /admin",
        method: "GET",
        target: "/wp/admin",
        headers: &[],
        content_type: None,
        body: "",
        check: "decoy",
    },
    Case {
        name: "unknown route",
        method: "GET",
        target: "/no/such/page",
        headers: &[],
        content_type: None,
        body: "",
        check: "path",
    },
    Case {
        name: "HPP",
        method: "GET",
        target: "/search?q=a&q=b",
        headers: &[],
        content_type: None,
        body: "",
        check: "hpp",
    },
    Case {
        name: "SQLi in query",
        method: "GET",
        target: "/search?q=1%27%20OR%20%271%27%3D%271",
        headers: &[],
        content_type: None,
        body: "",
        check: "sqli",
    },
    Case {
        name: "SQLi in form",
        method: "POST",
        target: "/form",
        headers: &[],
        content_type: Some("application/x-www-form-urlencoded"),
        body: "user=admin%27%20OR%201%3D1--%20&password=x",
        check: "sqli",
    },
    Case {
        name: "SQLi in JSON",
        method: "POST",
        target: "/json",
        headers: &[],
        content_type: Some("application/json"),
        body: r#"{"name":"x' UNION SELECT username, password FROM users--"}"#,
        check: "sqli",
    },
    Case {
        name: "SQLi in cookie",
        method: "GET",
        target: "/",
        headers: &[("cookie", "session=abc; id=1' OR '1'='1")],
        content_type: None,
        body: "",
        check: "sqli",
    },
    Case {
        name: "XSS in query",
        method: "GET",
        target: "/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E",
        headers: &[],
        content_type: None,
        body: "",
        check: "xss",
    },
    Case {
        name: "command injection",
        method: "GET",
        target: "/search?q=x%3B%20cat%20/etc/passwd",
        headers: &[],
        content_type: None,
        body: "",
        check: "command",
    },
    Case {
        name: "path traversal",
        method: "GET",
        target: "/search?q=../../../../etc/passwd",
        headers: &[],
        content_type: None,
        body: "",
        check: "traversal",
    },
];

/// Sends one attack case from `127.0.0.<from>`.
pub async fn send_case(server: SocketAddr, from: u8, case: &Case) -> Got {
    let mut b = Request::builder().method(case.method).uri(case.target);
    if !case.headers.iter().any(|(n, _)| *n == "host") {
        b = b.header("host", server.to_string());
    }
    for (n, v) in case.headers {
        b = b.header(*n, *v);
    }
    if let Some(ct) = case.content_type {
        b = b.header("content-type", ct);
    }
    let req = b
        .body(Full::new(Bytes::from_static(case.body.as_bytes())))
        .unwrap();
    send_from(server, from, req).await
}

/// Deterministic pseudo-random binary data (xorshift), every byte value present.
pub fn binary(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

pub const PRIVATE_KEY_LEAK: &str =
    "user: bob\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n-----END RSA PRIVATE KEY-----\n";

/// The configuration both adapters' scenarios run on: the defaults plus host checking and
/// DLP of private keys, so every request-side and response-side module is live.
pub fn base_config() -> rasp_core::config::Config {
    let mut c = rasp_core::config::Config {
        hosts: vec!["127.0.0.1".into()],
        dlp_private_keys: true,
        ..Default::default()
    };
    c.security_checks.insert("spoofing".into(), 1);
    c.security_checks.insert("dlp".into(), 1);
    c
}

/// Every [`ATTACKS`] case is blocked with the default reaction, logged once under its own
/// check, attributed to the connection's address, and the `Server` header is rewritten.
pub async fn assert_each_module_blocks(server: SocketAddr, sink: &rasp_core::MemorySink) {
    for (i, case) in ATTACKS.iter().enumerate() {
        let from = 20 + i as u8;
        let r = send_case(server, from, case).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{}: {}",
            case.name,
            r.text()
        );
        assert_eq!(r.text(), "Blocked", "{}", case.name);
        assert_eq!(r.headers["server"], "Apache", "{}", case.name);
        let events = sink.take();
        assert_eq!(events.len(), 1, "{}: {events:?}", case.name);
        assert_eq!(
            events[0].check.key(),
            case.check,
            "{}: {events:?}",
            case.name
        );
        assert_eq!(
            events[0].client_ip,
            Some(std::net::IpAddr::from([127, 0, 0, from])),
            "{}: the client IP comes from the connection",
            case.name
        );
    }
}

/// 8 MiB streamed to `/count` (an app route that returns "<bytes> <byte sum>") in 64 KiB
/// chunks: the app receives every byte, in order, and nothing fires.
pub async fn assert_streamed_upload_reaches_app(
    server: SocketAddr,
    from: u8,
    sink: &rasp_core::MemorySink,
) {
    let chunk = Bytes::from(binary(64 * 1024));
    let expected_sum = chunk.iter().fold(0u64, |s, b| s.wrapping_add(*b as u64)) * 128;
    let chunks =
        (0..128).map(move |_| Ok::<_, std::io::Error>(http_body::Frame::data(chunk.clone())));
    let req = Request::post("/count")
        .header("host", server.to_string())
        .header("content-type", "application/octet-stream")
        .body(http_body_util::StreamBody::new(futures_util::stream::iter(
            chunks,
        )))
        .unwrap();
    let r = send_from(server, from, req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), format!("{} {expected_sum}", 128 * 64 * 1024));
    assert!(sink.events().is_empty(), "{:?}", sink.events());
}

/// DLP blocks a private key in each of `paths` (plain or compressed): the configured block
/// page replaces the response, without the original `Content-Encoding`.
pub async fn assert_dlp_blocks(
    server: SocketAddr,
    first_from: u8,
    sink: &rasp_core::MemorySink,
    paths: &[&str],
) {
    for (i, path) in paths.iter().enumerate() {
        let r = http_get(server, first_from + i as u8, path).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(r.text(), "Blocked", "{path}");
        assert!(r.headers.get("content-encoding").is_none(), "{path}");
        let ev = sink.take();
        assert_eq!(ev.len(), 1, "{path}: {ev:?}");
        assert_eq!(ev[0].check, rasp_core::Check::Dlp, "{path}");
    }
}

/// A panic inside the engine (test hook) lets the request through with `FailMode::Open`
/// (`open` serves "hello" at `/`) and blocks it with `FailMode::Closed`; clearing the hook
/// restores normal service.
pub async fn assert_engine_panic_fails(
    engine: &rasp_core::Engine,
    server: SocketAddr,
    from: u8,
    mode: rasp_core::config::FailMode,
) {
    engine.inject_panic_for_tests(true);
    let r = http_get(server, from, "/").await;
    match mode {
        rasp_core::config::FailMode::Open => {
            assert_eq!((r.status, r.text().as_str()), (StatusCode::OK, "hello"))
        }
        rasp_core::config::FailMode::Closed => assert_eq!(r.status, StatusCode::FORBIDDEN),
    }
    engine.inject_panic_for_tests(false);
    assert_eq!(http_get(server, from, "/").await.status, StatusCode::OK);
}

/// The routes both test apps implement (method list, path), declared to the adapter so
/// route validation and decoys see a real route table.
pub const APP_ROUTES: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET", "/search"),
    ("POST", "/form"),
    ("POST", "/json"),
    ("POST", "/echo"),
    ("POST", "/count"),
    ("GET,POST", "/login"),
    ("GET", "/leak"),
    ("GET", "/leak-gz"),
    ("GET", "/stream"),
];

/// `data` gzip-compressed, for responses that claim `Content-Encoding: gzip`.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}
