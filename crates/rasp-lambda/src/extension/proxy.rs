//! The Runtime API the function's runtime talks to (through `AWS_LAMBDA_RUNTIME_API`
//! rewritten by the wrapper script). Every call is forwarded to Lambda's real Runtime API;
//! HTTP-shaped invocations are inspected on the way in and their responses on the way out.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{header, HeaderMap, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Either, Full, Limited};
use hyper::body::Incoming;
use rasp_core::Decision;
use tokio::sync::Notify;

use super::upstream::{content_length, ProxyBody, UpBody, Upstream, UpstreamError};
use crate::event::HttpEvent;
use crate::guard::Guard;
use crate::response::{FunctionResponse, BAD_GATEWAY};

/// The Runtime API's documented limit for a buffered invocation payload and response (6 MB).
pub const MAX_PAYLOAD: usize = 6 * 1024 * 1024;
/// What we buffer to inspect. Slightly above the documented limit so that Lambda, not the
/// proxy, is the one answering `413` for an oversized response.
pub const BUFFER_LIMIT: usize = MAX_PAYLOAD + 64 * 1024;
/// Invocations that may be in flight at once (Lambda Managed Instances run several).
const MAX_IN_FLIGHT: usize = 64;

const RUNTIME_PREFIX: &str = "/2018-06-01/runtime/";
const REQUEST_ID: &str = "lambda-runtime-aws-request-id";
const RESPONSE_MODE: &str = "lambda-runtime-function-response-mode";

/// An inspected invocation waiting for the runtime's response.
struct Pending {
    event: HttpEvent,
    inbound: Decision,
}

/// Invocations whose response (or error, or our block) has been posted: the lifecycle loop
/// waits for its request id here before doing I/O and releasing the invocation.
#[derive(Default)]
pub struct Finished {
    ids: Mutex<VecDeque<String>>,
    notify: Notify,
}

impl Finished {
    pub(crate) fn mark(&self, id: &str) {
        if let Ok(mut ids) = self.ids.lock() {
            if ids.len() >= MAX_IN_FLIGHT {
                ids.pop_front();
            }
            ids.push_back(id.to_string());
        }
        self.notify.notify_waiters();
    }

    fn take(&self, id: &str) -> bool {
        let Ok(mut ids) = self.ids.lock() else {
            return false;
        };
        match ids.iter().position(|x| x == id) {
            Some(i) => {
                ids.remove(i);
                true
            }
            None => false,
        }
    }

    /// Wait until `id` has been posted (true) or `deadline` passed (false).
    pub(crate) async fn wait(&self, id: &str, deadline: tokio::time::Instant) -> bool {
        loop {
            let notified = self.notify.notified();
            if self.take(id) {
                return true;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return self.take(id);
            }
        }
    }
}

/// Shared state of the proxy.
pub struct Proxy {
    upstream: Upstream,
    guard: Arc<Guard>,
    pending: Mutex<HashMap<String, Pending>>,
    pub(crate) finished: Finished,
}

impl Proxy {
    pub fn new(upstream: Upstream, guard: Arc<Guard>) -> Proxy {
        Proxy {
            upstream,
            guard,
            pending: Mutex::new(HashMap::new()),
            finished: Finished::default(),
        }
    }

    /// Answer one request from the runtime.
    pub async fn handle(self: Arc<Self>, req: Request<Incoming>) -> Response<ProxyBody> {
        let path = req.uri().path().to_string();
        let result = if req.method() == Method::GET && path == "/2018-06-01/runtime/invocation/next"
        {
            self.next(req).await
        } else if req.method() == Method::POST {
            match invocation_route(&path) {
                Some((id, "response")) => self.response(req, id.to_string()).await,
                Some((id, "error")) => self.error(req, id.to_string()).await,
                _ => self.forward(req).await,
            }
        } else {
            self.forward(req).await
        };
        result.unwrap_or_else(|e| {
            // The runtime treats 500 from the Runtime API as fatal and exits, which is what
            // should happen when Lambda's API is unreachable.
            eprintln!("rasp: {e}");
            plain(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string())
        })
    }

    /// `GET /runtime/invocation/next`: fetch invocations until one is for the runtime.
    async fn next(&self, req: Request<Incoming>) -> Result<Response<ProxyBody>, UpstreamError> {
        let headers = forwardable(req.headers());
        loop {
            let mut up = Request::builder()
                .method(Method::GET)
                .uri(req.uri().clone());
            for (k, v) in &headers {
                up = up.header(k, v);
            }
            let up = up.body(Either::Left(Full::new(Bytes::new())))?;
            let (parts, body) = self.upstream.send(up, BUFFER_LIMIT).await?;
            let payload = match body {
                UpBody::Buffered(b) if parts.status == StatusCode::OK => b,
                other => {
                    // Errors, and events too large to buffer, go to the runtime as they are.
                    return Ok(Response::from_parts(parts, other.into_proxy()));
                }
            };
            let id = parts
                .headers
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            if let Some(event) = HttpEvent::parse(&payload) {
                let inbound = self.guard.check_request(&event);
                if let Some(block) = self.guard.block_payload(&event, &inbound) {
                    // Answer for the function; the runtime never sees this event and its
                    // `next` call simply waits for the following one.
                    self.post_result(&id, "response", Bytes::from(block), &[])
                        .await?;
                    self.finished.mark(&id);
                    continue;
                }
                if let Ok(mut p) = self.pending.lock() {
                    if p.len() >= MAX_IN_FLIGHT {
                        p.clear();
                    }
                    p.insert(id, Pending { event, inbound });
                }
            }
            return Ok(Response::from_parts(
                parts,
                Either::Left(Full::new(payload)),
            ));
        }
    }

    /// `POST /runtime/invocation/{id}/response`: outbound checks, then forward.
    async fn response(
        &self,
        req: Request<Incoming>,
        id: String,
    ) -> Result<Response<ProxyBody>, UpstreamError> {
        let pending = self.pending.lock().ok().and_then(|mut p| p.remove(&id));
        let streamed = req
            .headers()
            .get(RESPONSE_MODE)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"streaming"));
        let len = content_length(req.headers());
        let (Some(pending), false, Some(n)) = (pending, streamed, len) else {
            // Not an HTTP event, or a streamed / length-less / oversized response: forwarded
            // byte for byte (streamed responses are not inspected, see the README).
            let r = self.forward(req).await;
            self.finished.mark(&id);
            return r;
        };
        if n > BUFFER_LIMIT as u64 {
            let r = self.forward(req).await;
            self.finished.mark(&id);
            return r;
        }
        let (parts, body) = req.into_parts();
        let body = match Limited::new(body, BUFFER_LIMIT).collect().await {
            Ok(c) => c.to_bytes(),
            Err(e) => {
                self.finished.mark(&id);
                return Ok(plain(StatusCode::BAD_REQUEST, &e.to_string()));
            }
        };
        let fr = FunctionResponse::parse(pending.event.kind, &body);
        let outbound = self
            .guard
            .check_response(&pending.event, &fr, &pending.inbound);
        let body = match self.guard.block_payload(&pending.event, &outbound) {
            Some(block) => Bytes::from(block),
            None => body,
        };
        let headers = forwardable(&parts.headers);
        let r = self
            .forward_buffered(parts.method, parts.uri, &headers, body)
            .await;
        self.finished.mark(&id);
        r
    }

    /// `POST /runtime/invocation/{id}/error`: forwarded untouched; for HTTP events the client
    /// sees a 502, which counts towards error flood / brute force.
    async fn error(
        &self,
        req: Request<Incoming>,
        id: String,
    ) -> Result<Response<ProxyBody>, UpstreamError> {
        if let Some(p) = self.pending.lock().ok().and_then(|mut p| p.remove(&id)) {
            let fr = FunctionResponse {
                status: BAD_GATEWAY,
                headers: Vec::new(),
                body: Vec::new(),
            };
            let _ = self.guard.check_response(&p.event, &fr, &p.inbound);
        }
        let r = self.forward(req).await;
        self.finished.mark(&id);
        r
    }

    async fn post_result(
        &self,
        id: &str,
        kind: &str,
        body: Bytes,
        headers: &[(&str, &str)],
    ) -> Result<(), UpstreamError> {
        let path = format!("{RUNTIME_PREFIX}invocation/{id}/{kind}");
        let mut h = vec![("content-type", "application/json")];
        h.extend_from_slice(headers);
        let (parts, _) = self
            .upstream
            .call(Method::POST, &path, &h, body, 64 * 1024)
            .await?;
        if !parts.status.is_success() {
            eprintln!("rasp: Runtime API answered {} to {path}", parts.status);
        }
        Ok(())
    }

    async fn forward_buffered(
        &self,
        method: Method,
        uri: http::Uri,
        headers: &[(header::HeaderName, header::HeaderValue)],
        body: Bytes,
    ) -> Result<Response<ProxyBody>, UpstreamError> {
        let mut b = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            b = b.header(k, v);
        }
        let req = b.body(Either::Left(Full::new(body)))?;
        let (parts, body) = self.upstream.send(req, BUFFER_LIMIT).await?;
        Ok(Response::from_parts(parts, body.into_proxy()))
    }

    /// Any other call (init error, future endpoints): forwarded as is, body streamed.
    async fn forward(&self, req: Request<Incoming>) -> Result<Response<ProxyBody>, UpstreamError> {
        let (parts, body) = req.into_parts();
        let mut b = Request::builder().method(parts.method).uri(parts.uri);
        for (k, v) in forwardable(&parts.headers) {
            b = b.header(k, v);
        }
        // Keep the length so Lambda sees the same framing the runtime chose.
        if let Some(v) = parts.headers.get(header::CONTENT_LENGTH) {
            b = b.header(header::CONTENT_LENGTH, v);
        }
        let req = b.body(Either::Right(body))?;
        let (parts, body) = self.upstream.send(req, BUFFER_LIMIT).await?;
        Ok(Response::from_parts(parts, body.into_proxy()))
    }
}

/// `/2018-06-01/runtime/invocation/{id}/{response|error}` → `(id, last segment)`.
fn invocation_route(path: &str) -> Option<(&str, &str)> {
    let rest = path
        .strip_prefix(RUNTIME_PREFIX)?
        .strip_prefix("invocation/")?;
    let (id, tail) = rest.split_once('/')?;
    if id.is_empty() || id == "next" || tail.contains('/') {
        return None;
    }
    Some((id, tail))
}

/// Request/response headers worth forwarding: everything except hop-by-hop headers and
/// the framing, which hyper sets for the new message.
fn forwardable(h: &HeaderMap) -> Vec<(header::HeaderName, header::HeaderValue)> {
    h.iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "host"
                    | "connection"
                    | "keep-alive"
                    | "transfer-encoding"
                    | "content-length"
                    | "upgrade"
            )
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn plain(status: StatusCode, msg: &str) -> Response<ProxyBody> {
    let body = serde_json::json!({"errorMessage": msg, "errorType": "Rasp.ProxyError"}).to_string();
    let mut r = Response::new(Either::Left(Full::new(Bytes::from(body))));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::invocation_route;

    #[test]
    fn routes() {
        assert_eq!(
            invocation_route("/2018-06-01/runtime/invocation/abc-1/response"),
            Some(("abc-1", "response"))
        );
        assert_eq!(
            invocation_route("/2018-06-01/runtime/invocation/abc/error"),
            Some(("abc", "error"))
        );
        assert_eq!(
            invocation_route("/2018-06-01/runtime/invocation/next"),
            None
        );
        assert_eq!(invocation_route("/2018-06-01/runtime/init/error"), None);
    }
}
