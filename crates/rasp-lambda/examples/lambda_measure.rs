//! Measures the layer's extension the way the README quotes it, against the local Lambda
//! (Runtime API + Extensions API) from the test suite:
//!
//! * start-up to ready: process spawn → the extension parked in `event/next` (init done);
//! * added latency per invocation: the same function loop (a minimal Rust runtime on the
//!   Runtime API) talking to Lambda directly, then through the proxy; p50/p90 of each;
//! * extra memory: the extension's resident set (VmRSS, VmHWM) after the invocations.
//!
//! `cargo run --release -p rasp-lambda --example lambda_measure -- <path to rasp> [invocations]`
//! (scripts/lambda/measure.sh builds the layer binary and runs this).

#[path = "../tests/support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::FakeLambda;

const T: Duration = Duration::from_secs(20);

/// A minimal custom runtime: keep-alive HTTP/1.1 on one connection, `next` then `response`.
fn runtime_loop(api: String) {
    let mut conn = Conn::new(&api);
    loop {
        let Some((headers, _event)) =
            conn.request("GET", "/2018-06-01/runtime/invocation/next", b"")
        else {
            return;
        };
        let id = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("lambda-runtime-aws-request-id"))
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let body = br#"{"statusCode":200,"headers":{"content-type":"text/plain"},"body":"hello"}"#;
        let path = format!("/2018-06-01/runtime/invocation/{id}/response");
        if conn.request("POST", &path, body).is_none() {
            return;
        }
    }
}

type Headers = Vec<(String, String)>;

struct Conn {
    api: String,
    r: BufReader<TcpStream>,
}

impl Conn {
    fn new(api: &str) -> Conn {
        let s = TcpStream::connect(api).expect("connect");
        s.set_nodelay(true).ok();
        Conn {
            api: api.to_string(),
            r: BufReader::new(s),
        }
    }

    fn request(&mut self, method: &str, path: &str, body: &[u8]) -> Option<(Headers, Vec<u8>)> {
        let head = format!(
            "{method} {path} HTTP/1.1\r\nhost: {}\r\ncontent-length: {}\r\ncontent-type: application/json\r\n\r\n",
            self.api,
            body.len()
        );
        let s = self.r.get_mut();
        s.write_all(head.as_bytes()).ok()?;
        s.write_all(body).ok()?;
        let mut line = String::new();
        self.r.read_line(&mut line).ok()?;
        let mut headers = Vec::new();
        let mut len = 0usize;
        loop {
            line.clear();
            if self.r.read_line(&mut line).ok()? == 0 {
                return None;
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().ok()?;
                }
                headers.push((k.to_string(), v.trim().to_string()));
            }
        }
        let mut b = vec![0; len];
        self.r.read_exact(&mut b).ok()?;
        Some((headers, b))
    }
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// Alternate one direct and one proxied invocation, so that both see the same machine load
/// (this machine is shared; run-to-run noise is larger than the proxy's cost otherwise).
fn paired_latencies(
    direct: &FakeLambda,
    proxied: &FakeLambda,
    event: &[u8],
    n: usize,
) -> (Vec<f64>, Vec<f64>) {
    let once = |l: &FakeLambda| {
        let t = Instant::now();
        l.invoke(event, T).expect("invocation");
        t.elapsed().as_secs_f64() * 1e3
    };
    for _ in 0..50 {
        once(direct);
        once(proxied);
    }
    (0..n).map(|_| (once(direct), once(proxied))).unzip()
}

fn proc_status(pid: u32, key: &str) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .map(|l| l[key.len()..].trim().to_string())
        .unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rasp = args
        .next()
        .expect("usage: lambda_measure <path to rasp> [invocations]");
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/apigw-http-v2.json"
    );
    let mut ev: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture).unwrap()).unwrap();
    ev["rawQueryString"] = "id=42&sort=name".into();
    let event = ev.to_string().into_bytes();

    // 1. Start-up to ready, 20 cold starts.
    let mut starts = Vec::new();
    for _ in 0..20 {
        let lambda = FakeLambda::start();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let t = Instant::now();
        let mut child = Command::new(&rasp)
            .arg("lambda-extension")
            .env("AWS_LAMBDA_RUNTIME_API", lambda.api())
            .env("RASP_PROXY_PORT", port.to_string())
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn rasp");
        assert!(lambda.wait_ready(1, T), "extension not ready");
        starts.push(t.elapsed().as_secs_f64() * 1e3);
        lambda.shutdown("spindown", Duration::from_secs(1));
        let _ = child.wait();
    }
    println!(
        "start-up to ready (spawn -> parked in event/next), 20 runs: p50 {:.2} ms, min {:.2} ms, max {:.2} ms",
        percentile(&mut starts.clone(), 0.5),
        percentile(&mut starts.clone(), 0.0),
        percentile(&mut starts, 1.0)
    );

    // 2. The same function loop, once talking to Lambda's API directly, once through rasp.
    let direct = FakeLambda::start();
    let api = direct.api();
    std::thread::spawn(move || runtime_loop(api));
    let lambda = FakeLambda::start();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(&rasp)
        .arg("lambda-extension")
        .env("AWS_LAMBDA_RUNTIME_API", lambda.api())
        .env("RASP_PROXY_PORT", port.to_string())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn rasp");
    assert!(lambda.wait_ready(1, T));
    let idle_rss = proc_status(child.id(), "VmRSS:");
    let proxy = format!("127.0.0.1:{port}");
    std::thread::spawn(move || runtime_loop(proxy));
    let (mut d, mut p) = paired_latencies(&direct, &lambda, &event, n);
    let mut diff: Vec<f64> = p.iter().zip(&d).map(|(p, d)| p - d).collect();
    let (d50, d90) = (percentile(&mut d, 0.5), percentile(&mut d, 0.9));
    let (p50, p90) = (percentile(&mut p, 0.5), percentile(&mut p, 0.9));
    println!("invocation round trip, {n} invocations, benign HTTP API v2 event:");
    println!("  direct        p50 {d50:.3} ms  p90 {d90:.3} ms");
    println!("  through rasp  p50 {p50:.3} ms  p90 {p90:.3} ms");
    println!(
        "  added (paired difference)  p50 {:.3} ms  p90 {:.3} ms",
        percentile(&mut diff.clone(), 0.5),
        percentile(&mut diff, 0.9)
    );
    println!(
        "extension memory: VmRSS idle {idle_rss}, after {n} invocations {}, peak VmHWM {}",
        proc_status(child.id(), "VmRSS:"),
        proc_status(child.id(), "VmHWM:")
    );
    lambda.shutdown("spindown", Duration::from_secs(1));
    let _ = child.wait();
}
