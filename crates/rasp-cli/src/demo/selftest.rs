//! `rasp demo --selftest`: the demo app on an ephemeral port, exercised over real HTTP.
//!
//! Each attack is sent from its own loopback source address (127.0.0.0/8 is all loopback on
//! Linux), so one blacklisted client does not mask the next case; one case checks on purpose
//! that a blacklisted client's benign request is refused.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use rasp_core::Config;

use super::Demo;

/// One self-test request and what must come back.
struct Case {
    label: &'static str,
    method: &'static str,
    target: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    /// Source address 127.0.0.<from>.
    from: u8,
    status: u16,
    /// The check expected to fire (`None`: no event).
    check: Option<&'static str>,
}

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");
const JSON: Option<&str> = Some("application/json");

// One argument per column keeps the case table one row per line.
#[allow(clippy::too_many_arguments)]
const fn case(
    label: &'static str,
    method: &'static str,
    target: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    from: u8,
    status: u16,
    check: Option<&'static str>,
) -> Case {
    Case {
        label,
        method,
        target,
        content_type,
        body,
        from,
        status,
        check,
    }
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    case("index", "GET", "/", None, "", 2, 200, None),
    case("search", "GET", "/?q=rust", None, "", 2, 200, None),
    case("search with quote", "GET", "/?q=O%27Reilly", None, "", 2, 200, None),
    case("JSON list", "GET", "/api/items", None, "", 2, 200, None),
    case("JSON item", "GET", "/api/items/2", None, "", 2, 200, None),
    case("JSON create", "POST", "/api/items", JSON, r#"{"name":"Rust in Action","price":39.5}"#, 2, 201, None),
    case("login page (declared route, default decoy)", "GET", "/login", None, "", 2, 200, None),
    case("login", "POST", "/login", FORM, "user=demo&password=demo", 2, 200, None),
    case("echo text", "POST", "/echo", FORM, "text=Hello%2C+world%21+1+%2B+1+%3D+2", 2, 200, None),
    case("SQLi in query", "GET", "/?q=1%27%20OR%20%271%27%3D%271", None, "", 10, 403, Some("sqli")),
    case("SQLi in login form", "POST", "/login", FORM, "user=admin%27--&password=x", 11, 403, Some("sqli")),
    case("SQLi in JSON", "POST", "/api/items", JSON, r#"{"name":"x' UNION SELECT password FROM users--","price":1}"#, 12, 403, Some("sqli")),
    case("XSS in echo", "GET", "/echo?text=%3Cscript%3Ealert(1)%3C/script%3E", None, "", 13, 403, Some("xss")),
    case("XSS in form", "POST", "/echo", FORM, "text=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E", 14, 403, Some("xss")),
    case("command injection", "GET", "/echo?text=a%3B%20cat%20/etc/passwd", None, "", 15, 403, Some("command")),
    case("path traversal", "GET", "/echo?text=../../../../etc/passwd", None, "", 16, 403, Some("traversal")),
    case("parameter pollution", "GET", "/?q=a&q=b", None, "", 17, 403, Some("hpp")),
    case("decoy /.env", "GET", "/.env", None, "", 18, 403, Some("decoy")),
    case("decoy /wp-login.php", "GET", "/wp-login.php", None, "", 19, 403, Some("decoy")),
    case("unknown route", "GET", "/no/such/page", None, "", 20, 403, Some("path")),
    case("blacklisted client, benign request", "GET", "/", None, "", 10, 403, Some("blacklist")),
];

/// Upper bound for one exchange.
const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(10);

async fn send(server: SocketAddr, c: &Case) -> Result<StatusCode, String> {
    let socket = tokio::net::TcpSocket::new_v4().map_err(|e| e.to_string())?;
    socket
        .bind(SocketAddr::from((Ipv4Addr::new(127, 0, 0, c.from), 0)))
        .map_err(|e| format!("bind 127.0.0.{}: {e}", c.from))?;
    let stream = socket.connect(server).await.map_err(|e| e.to_string())?;
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(conn);
    let mut req = Request::builder()
        .method(c.method)
        .uri(c.target)
        .header("host", server.to_string());
    if let Some(ct) = c.content_type {
        req = req.header("content-type", ct);
    }
    let req = req
        .body(Full::new(Bytes::from_static(c.body.as_bytes())))
        .map_err(|e| e.to_string())?;
    let resp = sender.send_request(req).await.map_err(|e| e.to_string())?;
    let status = resp.status();
    resp.into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    Ok(status)
}

fn describe(status: u16, check: Option<&str>) -> String {
    match check {
        Some(c) => format!("{status} {c}"),
        None => status.to_string(),
    }
}

pub async fn run(config: Config) -> ExitCode {
    let demo = match Demo::bind(0, config).await {
        Ok(d) => d,
        Err(e) => {
            eprintln!("rasp demo --selftest: {e}");
            return ExitCode::FAILURE;
        }
    };
    let addr = demo.addr;
    let events = demo.events.clone();
    let app = demo.app.clone();
    let listener = demo.listener;
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });

    println!("rasp demo --selftest against http://{addr}");
    println!(
        "{:<44} {:<38} {:<14} {:<14}",
        "case", "request", "expected", "got"
    );
    let mut failures = 0;
    for c in CASES {
        let got = match tokio::time::timeout(EXCHANGE_TIMEOUT, send(addr, c)).await {
            Ok(Ok(status)) => {
                let fired = events.take();
                let check = fired.first().map(|e| e.check.key());
                (Some(status.as_u16()), check, fired.len())
            }
            Ok(Err(e)) => {
                eprintln!("  {}: {e}", c.label);
                (None, None, 0)
            }
            Err(_) => {
                eprintln!("  {}: timed out", c.label);
                (None, None, 0)
            }
        };
        let expected = describe(c.status, c.check);
        let got_text = match got.0 {
            Some(s) => describe(s, got.1),
            None => "error".to_string(),
        };
        let ok = got.0 == Some(c.status) && got.1 == c.check && got.2 <= 1;
        if !ok {
            failures += 1;
        }
        let request = format!("{} {}", c.method, c.target);
        let request: String = request.chars().take(38).collect();
        println!(
            "{:<44} {:<38} {:<14} {:<14} {}",
            c.label,
            request,
            expected,
            got_text,
            if ok { "ok" } else { "MISMATCH" }
        );
    }
    server.abort();
    println!("{} passed, {} failed", CASES.len() - failures, failures);
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
