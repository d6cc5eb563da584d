//! rasp-actix: runtime application self-protection for actix-web.
//!
//! [`Rasp`] is an actix-web middleware (`Transform` + `Service`) running the rasp-rs engine
//! (PyRASP's checks, re-implemented in Rust) around every request and response.
//! Configuration is PyRASP's JSON (`PYRASP_CONF` or `RASP_CONF` names the file).
//!
//! # One line
//!
//! ```no_run
//! use actix_web::{web, App, HttpServer};
//! use rasp_actix::Rasp;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let rasp = Rasp::from_env()?;
//! HttpServer::new(move || {
//!     App::new()
//!         .wrap(rasp.clone())
//!         .route("/", web::get().to(|| async { "hello" }))
//! })
//! .bind(("127.0.0.1", 8080))?
//! .run()
//! .await?;
//! # Ok(()) }
//! ```
//!
//! Build the middleware once, outside the `HttpServer::new` closure, and clone it into each
//! worker: all workers then share one engine (one blacklist, one set of counters).
//!
//! # Routes
//!
//! actix-web's `ResourceMap` answers "does this path match a resource?" but cannot list its
//! resources with their methods, which the engine's route validation and the "a decoy never
//! fires on a real route" rule need at start-up; declare routes with [`RaspBuilder::route`].
//!
//! # Body and headers
//!
//! The request payload is read up to `MAX_BODY_BYTES` (only when the request has one),
//! inspected, and handed to the application unchanged, the rest still streaming. Response
//! bodies are read up to `MAX_RESPONSE_BYTES` only when DLP is enabled and the status is
//! below 400; gzip/deflate/br bodies are decoded for inspection and sent unchanged. A passing
//! response keeps its bytes (with `Server` rewritten when `CHANGE_SERVER` is on); a blocked
//! one is replaced by the configured block or redirect response. An engine panic is handled
//! by `FAIL_MODE` (open: let through, closed: block).
#![warn(missing_docs)]

use std::future::{ready, Future, Ready};
use std::path::PathBuf;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use actix_web::body::{BodySize, BodyStream, BoxBody, MessageBody, SizedStream};
use actix_web::dev::{forward_ready, Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::PayloadError;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse};
use bytes::{Bytes, BytesMut};
use futures_util::stream::{self, LocalBoxStream, StreamExt};
use rasp_core::config::Config;
use rasp_core::engine::{BlockResponse, Route};
use rasp_core::{Decision, Engine, EventSink, RequestView, ResponseView, StateStore};
use rasp_tower::encoding::{decode_for_dlp, is_event_stream};
use rasp_tower::failsafe::{block_response_guarded, guard, Guarded};
use rasp_tower::{AdapterStats, Protection, RaspLayerBuilder};

pub use rasp_tower::BuildError;

/// Upper bound on chunks buffered while reading a prefix (a stream of empty chunks must not
/// keep the reader looping).
const MAX_PREFIX_CHUNKS: usize = 16 * 1024;

/// The actix-web middleware. Cheap to clone: every clone shares the engine.
#[derive(Clone)]
pub struct Rasp {
    shared: Arc<Protection>,
}

impl std::fmt::Debug for Rasp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rasp").finish_non_exhaustive()
    }
}

impl Rasp {
    /// The middleware around an engine you built yourself.
    pub fn new(engine: Arc<Engine>) -> Self {
        Rasp {
            shared: Arc::new(Protection::new(engine)),
        }
    }

    /// The agent started by the builder, if any (flush or shut it down on exit).
    pub fn agent(&self) -> Option<&Arc<rasp_agent::Agent>> {
        self.shared.agent()
    }

    /// Configured from the environment: defaults, then `PYRASP_CONF` (or `RASP_CONF`).
    /// No route table; use [`Rasp::builder`] to declare routes.
    pub fn from_env() -> Result<Self, BuildError> {
        Rasp::builder().build()
    }

    /// A builder for config, sink, state store and routes.
    pub fn builder() -> RaspBuilder {
        RaspBuilder {
            inner: RaspLayerBuilder::default().platform("actix-web"),
        }
    }

    /// The engine this middleware uses.
    pub fn engine(&self) -> &Arc<Engine> {
        self.shared.engine()
    }

    /// The adapter's own counters.
    pub fn stats(&self) -> &AdapterStats {
        self.shared.stats()
    }
}

/// Builder for [`Rasp`] (same options as `rasp_tower::RaspLayerBuilder`).
pub struct RaspBuilder {
    inner: RaspLayerBuilder,
}

impl RaspBuilder {
    /// Use this configuration value (environment and files are then not read).
    pub fn config(self, config: Config) -> Self {
        RaspBuilder {
            inner: self.inner.config(config),
        }
    }

    /// Read this PyRASP JSON file over the defaults and `PYRASP_CONF`/`RASP_CONF`.
    pub fn config_file(self, path: impl Into<PathBuf>) -> Self {
        RaspBuilder {
            inner: self.inner.config_file(path),
        }
    }

    /// Where security events go; must not block (rasp-agent's sinks queue and drop).
    /// Default: rasp-agent is started from the configuration.
    pub fn sink(self, sink: Arc<dyn EventSink>) -> Self {
        RaspBuilder {
            inner: self.inner.sink(sink),
        }
    }

    /// Blacklist and counters store (default: the engine's in-memory store).
    pub fn store(self, store: Arc<dyn StateStore>) -> Self {
        RaspBuilder {
            inner: self.inner.store(store),
        }
    }

    /// The application's routes (see the crate docs for why they are declared).
    pub fn routes(self, routes: impl IntoIterator<Item = Route>) -> Self {
        RaspBuilder {
            inner: self.inner.routes(routes),
        }
    }

    /// Declares one route: `methods` like `"GET,POST"` (empty = any), `path` with
    /// `{param}` segments as in actix-web.
    pub fn route(self, methods: &str, path: &str) -> Self {
        RaspBuilder {
            inner: self.inner.route(methods, path),
        }
    }

    /// Builds the engine and the middleware.
    pub fn build(self) -> Result<Rasp, BuildError> {
        Ok(Rasp {
            shared: Arc::new(Protection::from_built(self.inner.build_engine()?)),
        })
    }
}

impl<S, B> Transform<S, ServiceRequest> for Rasp
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type Transform = RaspMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RaspMiddleware {
            service: Rc::new(service),
            shared: self.shared.clone(),
        }))
    }
}

/// The per-worker service created by [`Rasp`].
pub struct RaspMiddleware<S> {
    service: Rc<S>,
    shared: Arc<Protection>,
}

impl<S, B> Service<ServiceRequest> for RaspMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        Box::pin(protect(self.shared.clone(), self.service.clone(), req))
    }
}

/// Chunks read from a stream, the rest of it, and a contiguous view for the engine.
struct Prefix<T> {
    chunks: Vec<Bytes>,
    view: Bytes,
    truncated: bool,
    error: Option<T>,
    ended: bool,
}

/// Reads `source` until its end, an error, or `limit` bytes.
async fn read_prefix<T, S>(source: &mut S, limit: usize) -> Prefix<T>
where
    S: futures_util::Stream<Item = Result<Bytes, T>> + Unpin,
{
    let mut chunks = Vec::new();
    let mut len = 0usize;
    let mut error = None;
    let mut ended = false;
    while len < limit && chunks.len() < MAX_PREFIX_CHUNKS {
        match source.next().await {
            None => {
                ended = true;
                break;
            }
            Some(Ok(chunk)) => {
                len += chunk.len();
                chunks.push(chunk);
            }
            Some(Err(e)) => {
                error = Some(e);
                break;
            }
        }
    }
    let view = contiguous(&chunks, limit);
    Prefix {
        truncated: !ended || len > limit,
        chunks,
        view,
        error,
        ended,
    }
}

fn contiguous(chunks: &[Bytes], limit: usize) -> Bytes {
    match chunks {
        [] => Bytes::new(),
        [one] => one.slice(..one.len().min(limit)),
        many => {
            let mut buf = BytesMut::with_capacity(limit.min(1 << 20));
            for chunk in many {
                let room = limit - buf.len();
                if room == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            buf.freeze()
        }
    }
}

fn header_pairs(headers: &HeaderMap) -> Vec<(&str, &[u8])> {
    headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_bytes()))
        .collect()
}

fn request_view<'a>(req: &'a HttpRequest, body: &'a [u8], truncated: bool) -> RequestView<'a> {
    let headers = req.headers();
    RequestView {
        method: req.method().as_str(),
        path: req.uri().path(),
        query: req.uri().query().unwrap_or(""),
        host: headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .or_else(|| req.uri().authority().map(|a| a.as_str())),
        peer: req.peer_addr().map(|a| a.ip()),
        headers: header_pairs(headers),
        body,
        body_truncated: truncated,
        content_type: headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
    }
}

async fn protect<S, B>(
    shared: Arc<Protection>,
    service: Rc<S>,
    mut req: ServiceRequest,
) -> Result<ServiceResponse<BoxBody>, Error>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody + 'static,
{
    let engine = shared.engine();
    let config = engine.config();

    // Inbound: read the payload only when there is one, and only up to the limit.
    let (prefix, truncated) = match req.take_payload() {
        Payload::None => (Bytes::new(), false),
        mut payload => {
            let p = read_prefix(&mut payload, config.max_body_bytes).await;
            let (view, truncated) = (p.view.clone(), p.truncated);
            let replay = stream::iter(
                p.chunks
                    .into_iter()
                    .map(Ok)
                    .chain(p.error.map(Err::<Bytes, PayloadError>)),
            );
            let body: LocalBoxStream<'static, Result<Bytes, PayloadError>> = if p.ended {
                Box::pin(replay)
            } else {
                Box::pin(replay.chain(payload))
            };
            req.set_payload(Payload::from(body));
            (view, truncated)
        }
    };
    let inbound = {
        let view = request_view(req.request(), &prefix, truncated);
        guard(&config, || engine.inspect_request(&view))
    };
    drop(prefix);
    let inbound = match inbound {
        Guarded::Decided(Decision::Block(attack)) => {
            let resp = block_response_guarded(&config, || engine.block_response(&attack));
            return Ok(req.into_response(block_http(resp, &config)));
        }
        Guarded::FailedClosed(resp) => {
            shared.stats().record_engine_failure();
            return Ok(req.into_response(block_http(resp, &config)));
        }
        Guarded::FailedOpen => {
            shared.stats().record_engine_failure();
            Decision::Allow
        }
        Guarded::Decided(d) => d,
    };

    let res = service.call(req).await?;
    let status = res.status().as_u16();
    let (http_req, response) = res.into_parts();
    let (mut head, body) = response.into_parts();
    let size = body.size();
    let has_body = !matches!(size, BodySize::None | BodySize::Sized(0));

    let wants_body = config.action("dlp") != 0
        && status < 400
        && http_req.method() != actix_web::http::Method::HEAD
        && has_body;
    let event_stream = wants_body
        && head
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| is_event_stream(v.as_bytes()));
    if event_stream {
        shared.stats().record_dlp_skipped_stream();
    }

    let (client_body, outbound) = if wants_body && !event_stream {
        let mut body = Box::pin(body);
        let mut chunks = stream::poll_fn(|cx| body.as_mut().poll_next(cx));
        let p = read_prefix(&mut chunks, config.max_response_bytes).await;
        let outbound = {
            let coding = head
                .headers()
                .get(header::CONTENT_ENCODING)
                .map(HeaderValue::as_bytes);
            let dlp = decode_for_dlp(coding, &p.view, p.truncated, config.max_response_bytes);
            let view = ResponseView {
                status,
                headers: header_pairs(head.headers()),
                body: &dlp.body,
                body_truncated: dlp.truncated,
                body_encoded: dlp.encoded,
            };
            let req_view = request_view(&http_req, &[], false);
            guard(&config, || {
                engine.inspect_response(&req_view, &view, &inbound)
            })
        };
        (replay_body(p, body, size), outbound)
    } else {
        let view = ResponseView {
            status,
            headers: header_pairs(head.headers()),
            body: &[],
            body_truncated: has_body,
            body_encoded: false,
        };
        let req_view = request_view(&http_req, &[], false);
        let outbound = guard(&config, || {
            engine.inspect_response(&req_view, &view, &inbound)
        });
        (BoxBody::new(body), outbound)
    };

    let response = match outbound {
        Guarded::Decided(Decision::Block(attack)) => {
            let resp = block_response_guarded(&config, || engine.block_response(&attack));
            block_http(resp, &config)
        }
        Guarded::FailedClosed(resp) => {
            shared.stats().record_engine_failure();
            block_http(resp, &config)
        }
        other => {
            if matches!(other, Guarded::FailedOpen) {
                shared.stats().record_engine_failure();
            }
            set_server(head.headers_mut(), &config);
            head.set_body(client_body)
        }
    };
    Ok(ServiceResponse::new(http_req, response))
}

/// The response body after inspection: the chunks read, then the rest still streaming;
/// a known length stays known (so `Content-Length` is kept).
fn replay_body<B>(p: Prefix<B::Error>, mut rest: Pin<Box<B>>, size: BodySize) -> BoxBody
where
    B: MessageBody + 'static,
{
    if p.ended && p.error.is_none() {
        return match p.chunks.len() {
            0 => BoxBody::new(()),
            1 => BoxBody::new(p.chunks.into_iter().next().unwrap_or_default()),
            _ => BoxBody::new(p.chunks.concat()),
        };
    }
    let replay = stream::iter(
        p.chunks
            .into_iter()
            .map(Ok)
            .chain(p.error.map(|e| Err(e.into()))),
    );
    let tail = stream::poll_fn(move |cx| {
        rest.as_mut()
            .poll_next(cx)
            .map(|o| o.map(|r| r.map_err(Into::into)))
    });
    let all = replay.chain(tail);
    let all: LocalBoxStream<'static, Result<Bytes, Box<dyn std::error::Error>>> = Box::pin(all);
    match size {
        BodySize::Sized(n) => BoxBody::new(SizedStream::new(n, all)),
        _ => BoxBody::new(BodyStream::new(all)),
    }
}

fn set_server(headers: &mut HeaderMap, config: &Config) {
    if config.change_server {
        if let Ok(value) = HeaderValue::from_str(&config.server_header) {
            headers.insert(header::SERVER, value);
        }
    }
}

/// The engine's block or redirect response as an actix response.
fn block_http(resp: BlockResponse, config: &Config) -> HttpResponse<BoxBody> {
    let status = StatusCode::from_u16(resp.status).unwrap_or(StatusCode::FORBIDDEN);
    let mut out = HttpResponse::with_body(status, BoxBody::new(resp.body));
    let headers = out.headers_mut();
    for (name, value) in resp.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) {
            headers.append(n, v);
        }
    }
    if !headers.contains_key(header::CONTENT_TYPE) {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
    }
    set_server(headers, config);
    out
}
