//! A local Lambda: the Runtime API (2018-06-01) and the Extensions API (2020-01-01) on one
//! loopback port, written from AWS's API reference. It enforces the documented lifecycle:
//! an invocation is handed out only once every registered extension is waiting in
//! `event/next`; `INVOKE` goes to the runtime and to each extension at the same moment; a
//! response over 6 MB is refused with 413; unknown request ids get 400; `SHUTDOWN` carries a
//! reason and a deadline.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::sync::Notify;

/// Documented maximum for a buffered response (6 MB) as Lambda counts it.
pub const MAX_RESPONSE: usize = 6 * 1024 * 1024;

/// What happened to an invocation.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// `POST /runtime/invocation/{id}/response` body.
    Response(Vec<u8>),
    /// `POST /runtime/invocation/{id}/error`: error type header and body.
    Error { error_type: String, body: Vec<u8> },
}

#[derive(Clone, Debug)]
struct Invocation {
    id: String,
    event: Vec<u8>,
    deadline_ms: u64,
}

#[derive(Default)]
struct Inner {
    /// (name, identifier) in registration order.
    extensions: Vec<(String, String)>,
    /// Events queued for each extension identifier.
    ext_queue: HashMap<String, VecDeque<Vec<u8>>>,
    /// Extensions currently parked in `event/next`.
    ext_waiting: HashMap<String, bool>,
    queue: VecDeque<Invocation>,
    current: Option<Invocation>,
    results: HashMap<String, Outcome>,
    init_errors: Vec<(String, Vec<u8>)>,
    ext_errors: Vec<(String, String, Vec<u8>)>,
    responses_413: usize,
    invocations_started: usize,
    next_id: u64,
    shutting_down: bool,
}

struct Shared {
    inner: Mutex<Inner>,
    changed: Notify,
    cv: Condvar,
}

impl Shared {
    fn changed(&self) {
        self.changed.notify_waiters();
        self.cv.notify_all();
    }
}

/// The local Lambda. Dropping it stops the server thread's runtime.
pub struct FakeLambda {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl FakeLambda {
    /// Start on an ephemeral loopback port.
    pub fn start() -> FakeLambda {
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner::default()),
            changed: Notify::new(),
            cv: Condvar::new(),
        });
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let s = shared.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let serve = async {
                    loop {
                        let Ok((stream, _)) = listener.accept().await else {
                            continue;
                        };
                        let s = s.clone();
                        tokio::spawn(async move {
                            let svc = service_fn(move |req| {
                                let s = s.clone();
                                async move { Ok::<_, std::convert::Infallible>(route(s, req).await) }
                            });
                            let _ = http1::Builder::new()
                                .serve_connection(TokioIo::new(stream), svc)
                                .await;
                        });
                    }
                };
                tokio::select! {
                    _ = serve => {}
                    _ = stop_rx => {}
                }
            });
        });
        let addr = addr_rx
            .recv_timeout(Duration::from_secs(5))
            .expect("fake lambda address");
        FakeLambda {
            addr,
            shared,
            stop: Some(stop_tx),
        }
    }

    /// `host:port` for `AWS_LAMBDA_RUNTIME_API`.
    pub fn api(&self) -> String {
        self.addr.to_string()
    }

    /// Queue an invocation and wait for its outcome (None on timeout).
    pub fn invoke(&self, event: &[u8], timeout: Duration) -> Option<Outcome> {
        let id = {
            let mut g = self.shared.inner.lock().unwrap();
            g.next_id += 1;
            let id = format!("8476a536-e9f4-11e8-9739-{:012}", g.next_id);
            let deadline_ms = now_ms() + timeout.as_millis() as u64;
            g.queue.push_back(Invocation {
                id: id.clone(),
                event: event.to_vec(),
                deadline_ms,
            });
            id
        };
        self.shared.changed();
        let end = Instant::now() + timeout;
        let mut g = self.shared.inner.lock().unwrap();
        loop {
            if let Some(o) = g.results.remove(&id) {
                return Some(o);
            }
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            g = self.shared.cv.wait_timeout(g, left).unwrap().0;
        }
    }

    /// Wait until `n` extensions are registered and parked in `event/next` (init complete).
    pub fn wait_ready(&self, n: usize, timeout: Duration) -> bool {
        self.wait(timeout, |g| {
            g.extensions.len() >= n && g.ext_waiting.values().filter(|w| **w).count() >= n
        })
    }

    /// Send `SHUTDOWN` to every extension.
    pub fn shutdown(&self, reason: &str, grace: Duration) {
        {
            let mut g = self.shared.inner.lock().unwrap();
            g.shutting_down = true;
            let body = serde_json::json!({
                "eventType": "SHUTDOWN",
                "shutdownReason": reason,
                "deadlineMs": now_ms() + grace.as_millis() as u64,
            })
            .to_string()
            .into_bytes();
            let ids: Vec<String> = g.extensions.iter().map(|(_, id)| id.clone()).collect();
            for id in ids {
                g.ext_queue.entry(id).or_default().push_back(body.clone());
            }
        }
        self.shared.changed();
    }

    /// Wait until `f` holds over the recorded state.
    pub fn wait(&self, timeout: Duration, f: impl Fn(&Snapshot) -> bool) -> bool {
        let end = Instant::now() + timeout;
        let mut g = self.shared.inner.lock().unwrap();
        loop {
            if f(&snapshot(&g)) {
                return true;
            }
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            g = self
                .shared
                .cv
                .wait_timeout(g, left.min(Duration::from_millis(50)))
                .unwrap()
                .0;
        }
    }

    /// A copy of what was recorded.
    pub fn snapshot(&self) -> Snapshot {
        snapshot(&self.shared.inner.lock().unwrap())
    }
}

impl Drop for FakeLambda {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// Recorded state, for assertions.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub extensions: Vec<(String, String)>,
    pub ext_waiting: HashMap<String, bool>,
    pub init_errors: Vec<(String, Vec<u8>)>,
    pub ext_errors: Vec<(String, String, Vec<u8>)>,
    pub responses_413: usize,
    pub invocations_started: usize,
    pub queued: usize,
}

fn snapshot(g: &Inner) -> Snapshot {
    Snapshot {
        extensions: g.extensions.clone(),
        ext_waiting: g.ext_waiting.clone(),
        init_errors: g.init_errors.clone(),
        ext_errors: g.ext_errors.clone(),
        responses_413: g.responses_413,
        invocations_started: g.invocations_started,
        queued: g.queue.len(),
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

type Resp = Response<Full<Bytes>>;

fn reply(status: StatusCode, body: impl Into<Bytes>) -> Resp {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    r.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    r
}

fn api_error(status: StatusCode, kind: &str, msg: &str) -> Resp {
    reply(
        status,
        serde_json::json!({"errorMessage": msg, "errorType": kind}).to_string(),
    )
}

fn header(req: &Request<Incoming>, name: &str) -> Option<String> {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

async fn route(s: Arc<Shared>, req: Request<Incoming>) -> Resp {
    let path = req.uri().path().to_string();
    let method = req.method().clone();
    match (method, path.as_str()) {
        (Method::POST, "/2020-01-01/extension/register") => register(s, req).await,
        (Method::GET, "/2020-01-01/extension/event/next") => ext_next(s, req).await,
        (Method::POST, "/2020-01-01/extension/init/error") => ext_error(s, req, "init").await,
        (Method::POST, "/2020-01-01/extension/exit/error") => ext_error(s, req, "exit").await,
        (Method::GET, "/2018-06-01/runtime/invocation/next") => runtime_next(s).await,
        (Method::POST, "/2018-06-01/runtime/init/error") => {
            let kind = header(&req, "lambda-runtime-function-error-type").unwrap_or_default();
            let body = read(req, 1 << 20).await.unwrap_or_default();
            s.inner.lock().unwrap().init_errors.push((kind, body));
            s.changed();
            reply(StatusCode::ACCEPTED, r#"{"status":"OK"}"#)
        }
        (Method::POST, p) if p.starts_with("/2018-06-01/runtime/invocation/") => {
            let rest = &p["/2018-06-01/runtime/invocation/".len()..];
            match rest.split_once('/') {
                Some((id, "response")) => post_result(s, req, id.to_string(), true).await,
                Some((id, "error")) => post_result(s, req, id.to_string(), false).await,
                _ => api_error(StatusCode::NOT_FOUND, "NotFound", "unknown path"),
            }
        }
        _ => api_error(StatusCode::NOT_FOUND, "NotFound", "unknown path"),
    }
}

async fn read(req: Request<Incoming>, limit: usize) -> Option<Vec<u8>> {
    Limited::new(req.into_body(), limit)
        .collect()
        .await
        .ok()
        .map(|c| c.to_bytes().to_vec())
}

async fn register(s: Arc<Shared>, req: Request<Incoming>) -> Resp {
    let Some(name) = header(&req, "lambda-extension-name") else {
        return api_error(
            StatusCode::BAD_REQUEST,
            "InvalidRequest",
            "Lambda-Extension-Name missing",
        );
    };
    let body = read(req, 64 * 1024).await.unwrap_or_default();
    let events: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    if !events["events"].is_array() {
        return api_error(StatusCode::BAD_REQUEST, "InvalidRequest", "events missing");
    }
    let id = {
        let mut g = s.inner.lock().unwrap();
        if g.invocations_started > 0 {
            return api_error(
                StatusCode::FORBIDDEN,
                "Extension.Forbidden",
                "registration after init",
            );
        }
        let id = format!("a1b2c3d4-5678-90ab-cdef-{:012}", g.extensions.len() + 1);
        g.extensions.push((name, id.clone()));
        id
    };
    s.changed();
    let mut r = reply(
        StatusCode::OK,
        r#"{"functionName":"helloWorld","functionVersion":"$LATEST","handler":"lambda_function.lambda_handler"}"#,
    );
    r.headers_mut()
        .insert("lambda-extension-identifier", id.parse().unwrap());
    r
}

async fn ext_next(s: Arc<Shared>, req: Request<Incoming>) -> Resp {
    let Some(id) = header(&req, "lambda-extension-identifier") else {
        return api_error(
            StatusCode::FORBIDDEN,
            "Extension.MissingExtensionIdentifier",
            "missing identifier",
        );
    };
    if !s
        .inner
        .lock()
        .unwrap()
        .extensions
        .iter()
        .any(|(_, i)| *i == id)
    {
        return api_error(
            StatusCode::FORBIDDEN,
            "Extension.InvalidExtensionIdentifier",
            "unknown identifier",
        );
    }
    loop {
        let notified = s.changed.notified();
        {
            let mut g = s.inner.lock().unwrap();
            if let Some(ev) = g.ext_queue.get_mut(&id).and_then(|q| q.pop_front()) {
                g.ext_waiting.insert(id.clone(), false);
                drop(g);
                s.changed();
                return reply(StatusCode::OK, ev);
            }
            // Announce only the transition to waiting: announcing on every pass would wake
            // this very future again and spin.
            if g.ext_waiting.insert(id.clone(), true) != Some(true) {
                drop(g);
                s.changed();
            }
        }
        notified.await;
    }
}

async fn ext_error(s: Arc<Shared>, req: Request<Incoming>, phase: &str) -> Resp {
    let kind = header(&req, "lambda-extension-function-error-type").unwrap_or_default();
    if header(&req, "lambda-extension-identifier").is_none() {
        return api_error(
            StatusCode::FORBIDDEN,
            "Extension.MissingExtensionIdentifier",
            "missing identifier",
        );
    }
    let body = read(req, 1 << 20).await.unwrap_or_default();
    s.inner
        .lock()
        .unwrap()
        .ext_errors
        .push((phase.to_string(), kind, body));
    s.changed();
    reply(StatusCode::ACCEPTED, r#"{"status":"OK"}"#)
}

async fn runtime_next(s: Arc<Shared>) -> Resp {
    loop {
        let notified = s.changed.notified();
        {
            let mut g = s.inner.lock().unwrap();
            let all_parked = g
                .extensions
                .iter()
                .all(|(_, id)| g.ext_waiting.get(id).copied().unwrap_or(false));
            if g.current.is_none() && all_parked && !g.shutting_down {
                if let Some(inv) = g.queue.pop_front() {
                    g.current = Some(inv.clone());
                    g.invocations_started += 1;
                    let invoke = serde_json::json!({
                        "eventType": "INVOKE",
                        "deadlineMs": inv.deadline_ms,
                        "requestId": inv.id,
                        "invokedFunctionArn": "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime",
                        "tracing": {"type": "X-Amzn-Trace-Id", "value": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"}
                    })
                    .to_string()
                    .into_bytes();
                    let ids: Vec<String> = g.extensions.iter().map(|(_, id)| id.clone()).collect();
                    for id in ids {
                        g.ext_queue
                            .entry(id.clone())
                            .or_default()
                            .push_back(invoke.clone());
                        g.ext_waiting.insert(id, false);
                    }
                    drop(g);
                    s.changed();
                    let mut r = reply(StatusCode::OK, inv.event);
                    let h = r.headers_mut();
                    h.insert("lambda-runtime-aws-request-id", inv.id.parse().unwrap());
                    h.insert(
                        "lambda-runtime-deadline-ms",
                        inv.deadline_ms.to_string().parse().unwrap(),
                    );
                    h.insert(
                        "lambda-runtime-invoked-function-arn",
                        "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime"
                            .parse()
                            .unwrap(),
                    );
                    h.insert(
                        "lambda-runtime-trace-id",
                        "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"
                            .parse()
                            .unwrap(),
                    );
                    return r;
                }
            }
        }
        notified.await;
    }
}

async fn post_result(s: Arc<Shared>, req: Request<Incoming>, id: String, ok: bool) -> Resp {
    let error_type = header(&req, "lambda-runtime-function-error-type").unwrap_or_default();
    {
        let g = s.inner.lock().unwrap();
        if g.current.as_ref().map(|c| c.id.as_str()) != Some(id.as_str()) {
            return api_error(
                StatusCode::BAD_REQUEST,
                "InvalidRequestID",
                "Invalid request ID",
            );
        }
    }
    let body = read(req, MAX_RESPONSE + 1).await;
    let mut g = s.inner.lock().unwrap();
    let outcome = match body {
        Some(b) if ok && b.len() <= MAX_RESPONSE => Outcome::Response(b),
        Some(b) if !ok => Outcome::Error {
            error_type,
            body: b,
        },
        _ => {
            // Documented: 413 to the runtime, and the invocation fails.
            g.responses_413 += 1;
            g.current = None;
            g.results.insert(
                id,
                Outcome::Error {
                    error_type: "Function.ResponseSizeTooLarge".into(),
                    body: Vec::new(),
                },
            );
            drop(g);
            s.changed();
            return api_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "RequestEntityTooLarge",
                &format!("Exceeded maximum allowed payload size ({MAX_RESPONSE} bytes)."),
            );
        }
    };
    g.current = None;
    g.results.insert(id, outcome);
    drop(g);
    s.changed();
    reply(StatusCode::ACCEPTED, r#"{"status":"OK"}"#)
}
