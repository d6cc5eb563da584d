//! The Runtime API proxy extension against a local Lambda (Runtime API + Extensions API from
//! AWS's documentation) and a real function runtime: a Python script using the Runtime API
//! through `urllib`, started through the layer's wrapper script.

mod support;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rasp_core::{Config, SecurityEvent};
use rasp_lambda::extension::{self, ExtensionOptions};
use rasp_lambda::Reporter;
use serde_json::Value;
use support::{FakeLambda, Outcome};

const T: Duration = Duration::from_secs(20);

/// Keeps every reported event, and whether the invocation had already been answered when the
/// report came (it must have: I/O happens after the response).
#[derive(Default)]
struct Collect(Mutex<Vec<SecurityEvent>>);

impl Reporter for Collect {
    fn report(&self, events: Vec<SecurityEvent>) {
        self.0.lock().unwrap().extend(events);
    }
}

fn fixture(name: &str) -> Value {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Sandbox {
    lambda: FakeLambda,
    ext: Option<std::thread::JoinHandle<Result<(), extension::ExtensionError>>>,
    runtime: Option<Child>,
    seen: PathBuf,
    port: u16,
    reporter: Arc<Collect>,
    _dir: tempfile::TempDir,
}

impl Sandbox {
    fn start(config: Result<Config, String>, runtime_env: &[(&str, &str)]) -> Sandbox {
        Sandbox::start_with(config, "python3", "runtime.py", runtime_env)
    }

    /// Extension first; once it is ready, `program tests/support/<script>` as the runtime.
    fn start_with(
        config: Result<Config, String>,
        program: &str,
        script: &str,
        runtime_env: &[(&str, &str)],
    ) -> Sandbox {
        let lambda = FakeLambda::start();
        let port = free_port();
        let reporter = Arc::new(Collect::default());
        let opts = ExtensionOptions {
            runtime_api: lambda.api(),
            listen: ([127, 0, 0, 1], port).into(),
            name: "rasp".into(),
            config,
            reporter: Some(reporter.clone()),
        };
        let ext = std::thread::spawn(move || extension::run(opts));
        let dir = tempfile::tempdir().unwrap();
        let seen = dir.path().join("seen.log");
        let mut sb = Sandbox {
            lambda,
            ext: Some(ext),
            runtime: None,
            seen,
            port,
            reporter,
            _dir: dir,
        };
        // Ready (registered and parked in event/next), or failed during init.
        let settled = sb.lambda.wait(T, |s| {
            !s.ext_errors.is_empty()
                || (s.extensions.len() == 1
                    && s.ext_waiting.values().all(|w| *w)
                    && !s.ext_waiting.is_empty())
        });
        if settled && sb.lambda.snapshot().ext_errors.is_empty() {
            sb.start_runtime(program, script, runtime_env);
        } else {
            eprintln!("extension not ready: {:?}", sb.lambda.snapshot());
        }
        sb
    }

    /// Start `program tests/support/<script>` through the layer's wrapper script.
    fn start_runtime(&mut self, program: &str, script: &str, env: &[(&str, &str)]) {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let wrapper = root.join("../../scripts/lambda/rasp-wrapper");
        let script = root.join("tests/support").join(script);
        let mut cmd = Command::new("sh");
        cmd.arg(wrapper)
            .arg(program)
            .arg(script)
            .env("AWS_LAMBDA_RUNTIME_API", self.lambda.api())
            .env("RASP_PROXY_PORT", self.port.to_string())
            .env("SEEN_LOG", &self.seen);
        for (k, v) in env {
            cmd.env(k, v);
        }
        self.runtime = Some(cmd.spawn().expect("python3 runtime"));
    }

    fn invoke(&self, event: &Value) -> Outcome {
        self.lambda
            .invoke(event.to_string().as_bytes(), T)
            .expect("invocation finished")
    }

    fn seen(&self) -> String {
        std::fs::read_to_string(&self.seen).unwrap_or_default()
    }

    fn stop(&mut self) -> Result<(), extension::ExtensionError> {
        self.lambda.shutdown("spindown", Duration::from_secs(2));
        let r = self.ext.take().unwrap().join().unwrap();
        if let Some(mut c) = self.runtime.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        r
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(mut c) = self.runtime.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn response(o: &Outcome) -> Value {
    match o {
        Outcome::Response(b) => serde_json::from_slice(b).expect("JSON response"),
        other => panic!("expected a response, got {other:?}"),
    }
}

fn with_ip(mut ev: Value, ip: &str) -> Value {
    if ev["requestContext"]["http"].is_object() {
        ev["requestContext"]["http"]["sourceIp"] = ip.into();
    } else {
        ev["requestContext"]["identity"]["sourceIp"] = ip.into();
    }
    ev
}

fn v2(path: &str, query: &str, ip: &str) -> Value {
    let mut ev = fixture("apigw-http-v2.json");
    ev["rawPath"] = path.into();
    ev["rawQueryString"] = query.into();
    with_ip(ev, ip)
}

const SQLI: &str = "id=1%27%20OR%20%271%27%3D%271%27%20--";

fn dlp_config() -> Config {
    let mut c = Config::default();
    c.security_checks.insert("dlp".into(), 1);
    c.dlp_cc_numbers = true;
    c.dlp_private_keys = true;
    c
}

#[test]
fn benign_reach_the_function_attacks_do_not() {
    let mut sb = Sandbox::start(Ok(dlp_config()), &[]);
    let ok = response(&sb.invoke(&v2("/hello", "a=1", "203.0.113.1")));
    assert_eq!(ok["statusCode"], 200);
    assert_eq!(ok["body"], "hello /hello");

    // Blocked in the HTTP API v2 format; the runtime never sees it.
    let blocked = response(&sb.invoke(&v2("/attack", SQLI, "203.0.113.2")));
    assert_eq!(blocked["statusCode"], 403, "{blocked}");
    assert_eq!(blocked["body"], "Blocked");

    // The runtime's pending `next` simply receives the following event.
    let ok = response(&sb.invoke(&v2("/after", "", "203.0.113.3")));
    assert_eq!(ok["body"], "hello /after");

    // REST v1, Function URL and ALB attacks get their own response format.
    let mut rest = with_ip(fixture("apigw-rest-v1.json"), "203.0.113.4");
    rest["path"] = "/attack-v1".into();
    rest["multiValueQueryStringParameters"] = serde_json::json!({"id": ["1' OR '1'='1' --"]});
    let r = response(&sb.invoke(&rest));
    assert_eq!(r["statusCode"], 403, "{r}");
    assert!(r["multiValueHeaders"].is_object());

    let mut url = with_ip(fixture("function-url.json"), "203.0.113.5");
    url["rawPath"] = "/attack-url".into();
    url["body"] = r#"{"q": "1' OR '1'='1' --"}"#.into();
    let r = response(&sb.invoke(&url));
    assert_eq!(r["statusCode"], 403, "{r}");

    let mut alb = fixture("alb-multi-value.json");
    alb["path"] = "/attack-alb".into();
    alb["multiValueHeaders"]["x-forwarded-for"] = serde_json::json!(["203.0.113.6"]);
    alb["multiValueQueryStringParameters"] =
        serde_json::json!({"id": ["1%27%20OR%20%271%27%3D%271%27%20--"]});
    let r = response(&sb.invoke(&alb));
    assert_eq!(r["statusCode"], 403, "{r}");
    assert_eq!(r["statusDescription"], "403 Forbidden");
    assert!(r.get("headers").is_none());

    // A large event (5 MB body, under the documented 6 MB) is inspected and delivered whole.
    let mut large = v2("/large", "", "203.0.113.11");
    large["body"] = "a".repeat(5 * 1024 * 1024).into();
    large["isBase64Encoded"] = false.into();
    large["headers"]["content-type"] = "text/plain".into();
    let r = response(&sb.invoke(&large));
    assert_eq!(r["body"], format!("received {}", 5 * 1024 * 1024));

    // Non-HTTP events pass through untouched, even with attack-looking content.
    let sqs = fixture("sqs.json");
    let r = response(&sb.invoke(&sqs));
    assert_eq!(r["echo"], sqs);

    // Invocation errors reach /invocation/{id}/error with the runtime's error type.
    match sb.invoke(&v2("/raise", "", "203.0.113.7")) {
        Outcome::Error { error_type, body } => {
            assert_eq!(error_type, "Unhandled");
            let b: Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(b["errorType"], "ValueError");
        }
        o => panic!("expected an error, got {o:?}"),
    }

    // DLP on the runtime's response: replaced by the block response.
    let r = response(&sb.invoke(&v2("/leak", "", "203.0.113.8")));
    assert_eq!(r["statusCode"], 403, "{r}");
    assert!(!r.to_string().contains("4111"));

    // Over the documented 6 MB: Lambda answers 413 and the invocation fails.
    match sb.invoke(&v2("/big", "", "203.0.113.9")) {
        Outcome::Error { error_type, .. } => {
            assert_eq!(error_type, "Function.ResponseSizeTooLarge")
        }
        o => panic!(
            "expected a size error, got {:?}",
            matches!(o, Outcome::Response(_))
        ),
    }
    assert_eq!(sb.lambda.snapshot().responses_413, 1);
    let ok = response(&sb.invoke(&v2("/last", "", "203.0.113.10")));
    assert_eq!(ok["body"], "hello /last");

    let seen = sb.seen();
    for p in [
        "/hello", "/after", "/large", "/raise", "/leak", "/big", "/last", "non-http",
    ] {
        assert!(
            seen.lines().any(|l| l == p),
            "runtime should have seen {p}: {seen}"
        );
    }
    assert!(
        !seen.contains("attack"),
        "blocked events reached the runtime: {seen}"
    );
    assert!(seen.contains("status 413"));

    // SHUTDOWN ends the extension cleanly within its deadline.
    sb.stop().expect("clean shutdown");
    let events = sb.reporter.0.lock().unwrap().clone();
    let paths: Vec<&str> = events.iter().map(|e| e.path.as_str()).collect();
    for p in [
        "/attack",
        "/attack-v1",
        "/attack-url",
        "/attack-alb",
        "/leak",
    ] {
        assert!(paths.contains(&p), "no event for {p}: {paths:?}");
    }
    let ext = sb.lambda.snapshot().extensions;
    assert_eq!(ext.len(), 1);
    assert_eq!(ext[0].0, "rasp");
}

#[test]
fn bad_configuration_is_an_extension_init_error() {
    let mut sb = Sandbox::start(Err("config key `FLOOD_RATIO`: must be > 0".into()), &[]);
    let r = sb.ext.take().unwrap().join().unwrap();
    assert!(matches!(r, Err(extension::ExtensionError::Config(_))));
    let snap = sb.lambda.snapshot();
    assert_eq!(snap.ext_errors.len(), 1, "{:?}", snap.ext_errors);
    let (phase, kind, body) = &snap.ext_errors[0];
    assert_eq!(phase, "init");
    assert_eq!(kind, "Extension.ConfigInvalid");
    assert!(String::from_utf8_lossy(body).contains("FLOOD_RATIO"));
}

#[test]
fn runtime_init_error_reaches_lambda() {
    let mut sb = Sandbox::start(Ok(Config::default()), &[("FAIL_INIT", "1")]);
    assert!(sb.lambda.wait(T, |s| !s.init_errors.is_empty()));
    let snap = sb.lambda.snapshot();
    assert_eq!(snap.init_errors[0].0, "Runtime.ImportModuleError");
    sb.stop().expect("clean shutdown");
}

/// A management server that answers every beacon with an empty success envelope and keeps
/// the request bodies.
fn beacon_server() -> (String, Arc<Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/beacon", listener.local_addr().unwrap());
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let b = bodies.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut stream) = stream else { continue };
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut len = 0usize;
            let mut line = String::new();
            while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                if line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
                line.clear();
            }
            let mut body = vec![0; len.min(1 << 20)];
            let _ = reader.read_exact(&mut body);
            b.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&body).into_owned());
            let reply = r#"{"status": true, "message": "ok", "data": {}}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
                reply.len()
            );
        }
    });
    (url, bodies)
}

#[test]
fn agent_logs_and_beacons_after_the_response() {
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    udp.set_read_timeout(Some(T)).unwrap();
    let (beacon_url, beacons) = beacon_server();
    let mut config = Config::default();
    config.log_enabled = true;
    config.log_protocol = rasp_core::config::LogProtocol::Udp;
    config.log_format = rasp_core::config::LogFormat::Json;
    config.log_server = "127.0.0.1".into();
    config.log_port = udp.local_addr().unwrap().port();
    config.beacon = true;
    config.beacon_url = Some(beacon_url);
    config.beacon_delay = 1.0; // the agent's minimum

    let lambda = FakeLambda::start();
    let port = free_port();
    let opts = ExtensionOptions {
        runtime_api: lambda.api(),
        listen: ([127, 0, 0, 1], port).into(),
        name: "rasp".into(),
        config: Ok(config),
        reporter: None, // rasp-agent in serverless mode
    };
    let ext = std::thread::spawn(move || extension::run(opts));
    assert!(lambda.wait_ready(1, T));
    // PyRASP's Lambda agent beacons at start-up.
    assert_eq!(beacons.lock().unwrap().len(), 1);

    let mut sb_runtime = {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        Command::new("sh")
            .arg(root.join("../../scripts/lambda/rasp-wrapper"))
            .arg("python3")
            .arg(root.join("tests/support/runtime.py"))
            .env("AWS_LAMBDA_RUNTIME_API", lambda.api())
            .env("RASP_PROXY_PORT", port.to_string())
            .spawn()
            .unwrap()
    };
    let r = lambda
        .invoke(
            v2("/attack", SQLI, "203.0.113.50").to_string().as_bytes(),
            T,
        )
        .unwrap();
    assert_eq!(response(&r)["statusCode"], 403);
    let mut buf = vec![0u8; 65536];
    let n = udp.recv(&mut buf).expect("security log over UDP");
    let log = String::from_utf8_lossy(&buf[..n]);
    assert!(log.contains("203.0.113.50"), "{log}");

    std::thread::sleep(Duration::from_millis(1100));
    let r = lambda
        .invoke(v2("/fine", "", "203.0.113.51").to_string().as_bytes(), T)
        .unwrap();
    assert_eq!(response(&r)["body"], "hello /fine");
    // The invocation-time beacon is sent once BEACON_DELAY has passed, after the response.
    assert!(lambda.wait(T, |_| beacons.lock().unwrap().len() >= 2));

    lambda.shutdown("spindown", Duration::from_secs(2));
    ext.join().unwrap().expect("clean shutdown");
    let _ = sb_runtime.kill();
    let _ = sb_runtime.wait();
}

#[test]
fn invocation_deadline_releases_the_extension() {
    let mut sb = Sandbox::start(Ok(Config::default()), &[]);
    // The function never answers: the invocation times out at its deadline (1 s here).
    let r = sb.lambda.invoke(
        v2("/hang", "", "203.0.113.60").to_string().as_bytes(),
        Duration::from_secs(1),
    );
    assert_eq!(r, None);
    // The extension stops waiting for the response at the deadline and is back in
    // event/next, so Lambda can time the invocation out and reset the sandbox.
    assert!(sb.lambda.wait(T, |s| s.invocations_started == 1
        && s.ext_waiting.values().all(|w| *w)));
    sb.stop().expect("clean shutdown");
}

/// Same proxy, a Node.js runtime (keep-alive connections from `fetch`). Skipped with a message
/// when `node` is not installed.
#[test]
fn node_runtime_through_the_proxy() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("node not installed: skipping the Node.js runtime test");
        return;
    }
    let mut sb = Sandbox::start_with(Ok(Config::default()), "node", "runtime.mjs", &[]);
    for i in 0..5 {
        let r = sb.invoke(&v2(&format!("/n{i}"), "", "203.0.113.70"));
        assert_eq!(response(&r)["body"], format!("node /n{i}"));
    }
    let r = sb.invoke(&v2("/x", SQLI, "203.0.113.71"));
    assert_eq!(response(&r)["statusCode"], 403);
    let r = sb.invoke(&v2("/n5", "", "203.0.113.72"));
    assert_eq!(response(&r)["body"], "node /n5");
    sb.stop().expect("clean shutdown");
}
