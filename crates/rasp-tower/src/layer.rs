//! [`RaspLayer`], its [`RaspService`] and [`ResponseFuture`], side by side.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_ENCODING, CONTENT_TYPE, SERVER};
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body::Body;
use pin_project_lite::pin_project;
use rasp_core::config::Config;
use rasp_core::engine::{BlockResponse, Route};
use rasp_core::{
    Check, ConfigError, Decision, Engine, EventSink, LoadedConfig, ResponseView, StateStore,
};
use tower_layer::Layer;
use tower_service::Service;

use crate::body::{read_prefix, BoxError, RaspBody};
use crate::encoding::decode_for_dlp;
use crate::failsafe::{block_response_guarded, guard, Guarded};
use crate::protection::Protection;
use crate::view::{header_pairs, peer_ip, request_view, RequestSummary};

/// Why a [`RaspLayer`] could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The configuration (file, `PYRASP_CONF`/`RASP_CONF`, or value) is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The agent (logging, Redis state) could not start with this configuration.
    #[cfg(feature = "agent")]
    #[error(transparent)]
    Agent(#[from] rasp_agent::AgentError),
}

/// An engine built by [`RaspLayerBuilder::build_engine`], with the agent started for it.
pub struct BuiltEngine {
    /// The engine.
    pub engine: Arc<Engine>,
    /// The agent feeding logs and shared state, when the builder started one (no explicit
    /// sink). Keep it alive as long as the engine; call `shutdown` to flush logs on exit.
    #[cfg(feature = "agent")]
    pub agent: Option<Arc<rasp_agent::Agent>>,
}

/// Counters kept by the adapter itself (the engine keeps its own).
#[derive(Debug, Default)]
pub struct AdapterStats {
    dlp_skipped_streams: AtomicU64,
    engine_failures: AtomicU64,
}

impl AdapterStats {
    /// Responses whose body DLP did not see because they are event streams
    /// (`text/event-stream`), which must not be buffered. Compressed bodies that could not be
    /// decoded are counted by the engine (`ResponseView::body_encoded`).
    pub fn dlp_skipped_streams(&self) -> u64 {
        self.dlp_skipped_streams.load(Ordering::Relaxed)
    }

    /// Engine calls that panicked and were handled by `FAIL_MODE`.
    pub fn engine_failures(&self) -> u64 {
        self.engine_failures.load(Ordering::Relaxed)
    }

    /// Counts one event-stream response DLP could not see (for other adapters).
    pub fn record_dlp_skipped_stream(&self) {
        self.dlp_skipped_streams.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one engine panic handled by `FAIL_MODE` (for other adapters).
    pub fn record_engine_failure(&self) {
        self.engine_failures.fetch_add(1, Ordering::Relaxed);
    }
}

/// Tower [`Layer`] that puts the rasp-rs engine in front of an HTTP service.
///
/// What it does to a request:
/// * reads the body up to `MAX_BODY_BYTES` (only when there is a body), inspects it, then
///   hands the application a [`RaspBody`] yielding the very same frames, followed by the
///   rest of the original body still streaming;
/// * takes the client IP from `ConnectInfo<SocketAddr>` (axum), [`crate::PeerAddr`] or a
///   `SocketAddr` extension; forwarded headers are honoured only from `TRUSTED_PROXIES`;
/// * on a blocking decision the application is not called and the configured block or
///   redirect response is returned.
///
/// What it does to a response:
/// * status and headers always go through `inspect_response` (error flood, brute force);
/// * when DLP is enabled and the status is below 400, the body is read up to
///   `MAX_RESPONSE_BYTES`, decoded (gzip, deflate, br) for inspection, and then the original
///   bytes are sent unchanged; `text/event-stream` bodies are never buffered (counted in
///   [`AdapterStats::dlp_skipped_streams`]);
/// * a leaking response is replaced by the block response; log-only (action 3) leaves the
///   response as the application produced it;
/// * `Server` is set to `SERVER_HEADER` when `CHANGE_SERVER` is on.
///
/// Cloning is cheap: the engine is shared.
#[derive(Clone)]
pub struct RaspLayer {
    shared: Arc<Protection>,
}

impl std::fmt::Debug for RaspLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RaspLayer").finish_non_exhaustive()
    }
}

impl RaspLayer {
    /// A layer around an engine you built yourself.
    pub fn new(engine: Arc<Engine>) -> Self {
        RaspLayer {
            shared: Arc::new(Protection::new(engine)),
        }
    }

    fn from_built(built: BuiltEngine) -> Self {
        RaspLayer {
            shared: Arc::new(Protection::from_built(built)),
        }
    }

    /// The agent started by the builder, if any (flush or shut it down on exit).
    #[cfg(feature = "agent")]
    pub fn agent(&self) -> Option<&Arc<rasp_agent::Agent>> {
        self.shared.agent()
    }

    /// A builder for config, sink, state store and routes.
    pub fn builder() -> RaspLayerBuilder {
        RaspLayerBuilder::default()
    }

    /// The layer configured from the environment: defaults, then the file named by
    /// `PYRASP_CONF` (or `RASP_CONF`), with rasp-agent started for logs and shared state
    /// (feature `agent`). No route table (route validation stays off and
    /// decoys apply to every path); use [`RaspLayer::builder`] to declare routes.
    pub fn from_env() -> Result<Self, BuildError> {
        RaspLayer::builder().build()
    }

    /// The engine this layer uses.
    pub fn engine(&self) -> &Arc<Engine> {
        &self.shared.engine
    }

    /// The adapter's own counters.
    pub fn stats(&self) -> &AdapterStats {
        &self.shared.stats
    }
}

impl<S> Layer<S> for RaspLayer {
    type Service = RaspService<S>;

    fn layer(&self, inner: S) -> RaspService<S> {
        RaspService {
            inner,
            shared: self.shared.clone(),
        }
    }
}

/// Builder for [`RaspLayer`].
#[derive(Default)]
pub struct RaspLayerBuilder {
    platform: Option<&'static str>,
    config: Option<Config>,
    config_file: Option<PathBuf>,
    sink: Option<Arc<dyn EventSink>>,
    store: Option<Arc<dyn StateStore>>,
    routes: Option<Vec<Route>>,
}

impl RaspLayerBuilder {
    /// Use this configuration value (environment and files are then not read).
    pub fn config(mut self, config: Config) -> Self {
        self.config = Some(config);
        self
    }

    /// Read this PyRASP JSON file over the defaults and `PYRASP_CONF`/`RASP_CONF`.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config_file = Some(path.into());
        self
    }

    /// Where security events go. The sink is called in the request path and must not block
    /// (rasp-agent's sinks queue and drop when full). Default: with the `agent` feature,
    /// rasp-agent is started from the configuration (logs only when `LOG_ENABLED`); without
    /// it, events are only counted by the engine.
    pub fn sink(mut self, sink: Arc<dyn EventSink>) -> Self {
        self.sink = Some(sink);
        self
    }

    /// Blacklist and counters store (default: the engine's bounded in-memory store).
    pub fn store(mut self, store: Arc<dyn StateStore>) -> Self {
        self.store = Some(store);
        self
    }

    /// The application's route table, for route validation (`path`) and so that a decoy
    /// never fires on a real route.
    ///
    /// axum's `Router` does not expose its route table, and learning routes from 404/405
    /// answers would let a scanner's first probes through; so routes are declared here.
    pub fn routes(mut self, routes: impl IntoIterator<Item = Route>) -> Self {
        self.routes.get_or_insert_with(Vec::new).extend(routes);
        self
    }

    /// Declares one route: `methods` like `"GET"` or `"GET,POST"` (empty = any), `path`
    /// with `{param}` or `*rest` segments as in axum.
    pub fn route(self, methods: &str, path: &str) -> Self {
        let methods = methods
            .split(',')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_ascii_uppercase)
            .collect();
        self.routes([Route {
            name: path.to_string(),
            methods,
            path: path.to_string(),
        }])
    }

    /// The platform name the agent reports to a management server (default `"tower"`).
    pub fn platform(mut self, name: &'static str) -> Self {
        self.platform = Some(name);
        self
    }

    /// Builds the engine and the layer.
    pub fn build(self) -> Result<RaspLayer, BuildError> {
        Ok(RaspLayer::from_built(self.build_engine()?))
    }

    /// Builds only the engine, and the agent when no sink was given (other adapters, such
    /// as rasp-actix, share this builder).
    pub fn build_engine(self) -> Result<BuiltEngine, BuildError> {
        let loaded = match self.config {
            Some(config) => LoadedConfig {
                config,
                blacklist: Vec::new(),
                warnings: Vec::new(),
                source: "Local",
            },
            None => Config::load(self.config_file.as_deref(), false)?,
        };
        #[cfg(feature = "agent")]
        let agent = match &self.sink {
            Some(_) => None,
            None => {
                let opts = rasp_agent::AgentOptions::new(self.platform.unwrap_or("tower"));
                Some(rasp_agent::Agent::start(&loaded.config, opts)?)
            }
        };
        let mut builder = Engine::builder_from(loaded);
        #[cfg(feature = "agent")]
        let agent = match agent {
            None => None,
            Some(agent) => {
                builder = builder.sink(agent.sink());
                if let (None, Some(store)) = (&self.store, agent.store()) {
                    builder = builder.store(store);
                }
                Some(Arc::new(agent))
            }
        };
        #[cfg(not(feature = "agent"))]
        let _ = self.platform;
        if let Some(sink) = self.sink {
            builder = builder.sink(sink);
        }
        if let Some(store) = self.store {
            builder = builder.store(store);
        }
        if let Some(routes) = self.routes {
            builder = builder.routes(routes);
        }
        let engine = Arc::new(builder.build()?);
        #[cfg(feature = "agent")]
        if let Some(agent) = &agent {
            agent.attach(engine.clone());
        }
        Ok(BuiltEngine {
            engine,
            #[cfg(feature = "agent")]
            agent,
        })
    }
}

/// The service produced by [`RaspLayer`].
#[derive(Clone)]
pub struct RaspService<S> {
    inner: S,
    shared: Arc<Protection>,
}

impl<S> std::fmt::Debug for RaspService<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RaspService").finish_non_exhaustive()
    }
}

impl<S, ReqB, ResB> Service<Request<ReqB>> for RaspService<S>
where
    S: Service<Request<RaspBody<ReqB>>, Response = Response<ResB>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ReqB: Body<Data = Bytes> + Send + 'static,
    ReqB::Error: Into<BoxError>,
    ResB: Body<Data = Bytes> + Send + 'static,
    ResB::Error: Into<BoxError>,
{
    type Response = Response<RaspBody<ResB>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResB, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqB>) -> Self::Future {
        if !req.body().is_end_stream() {
            // A body must be read before inspection: the service that was polled ready
            // handles this request later; a clone waits for the next one.
            let clone = self.inner.clone();
            let inner = std::mem::replace(&mut self.inner, clone);
            return ResponseFuture::boxed(protect_with_body(self.shared.clone(), inner, req));
        }
        // No body (most GETs): inspect right here, then call the inner service at once, so
        // the boxed future only carries the response side.
        let shared = &self.shared;
        let config = shared.engine.config();
        let (parts, body) = req.into_parts();
        let peer = peer_ip(&parts.extensions);
        let inbound = {
            let view = request_view(&parts, peer, &[], false);
            guard(&config, || shared.engine.inspect_request(&view))
        };
        let inbound = match admit(shared, &config, inbound) {
            Ok(decision) => decision,
            Err(blocked) => return ResponseFuture::ready(Ok(block_http(blocked, &config))),
        };
        let summary = RequestSummary::new(&parts, peer, !config.trusted_proxies.is_empty());
        let fut = self
            .inner
            .call(Request::from_parts(parts, RaspBody::new(body)));
        ResponseFuture::inner(
            fut,
            After {
                shared: shared.clone(),
                config,
                summary,
                inbound,
            },
        )
    }
}

pin_project! {
    /// Response future of [`RaspService`].
    ///
    /// A body-less request (most GETs) runs the application's future in place and the
    /// response side synchronously when it completes: no allocation per request. Only a
    /// request with a body, or a response whose body DLP must read, goes through a boxed
    /// async block.
    pub struct ResponseFuture<F, B, E> {
        #[pin]
        kind: FutureKind<F, B, E>,
    }
}

type BoxedResponse<B, E> = Pin<Box<dyn Future<Output = Result<Response<RaspBody<B>>, E>> + Send>>;

/// What the response side needs once the application answered.
struct After {
    shared: Arc<Protection>,
    config: Arc<Config>,
    summary: RequestSummary,
    inbound: Decision,
}

pin_project! {
    #[project = FutureProj]
    enum FutureKind<F, B, E> {
        // Blocked before the application ran: the answer is known.
        Ready { result: Option<Result<Response<RaspBody<B>>, E>> },
        // The application runs in place; `after` is taken when it answers.
        Inner { #[pin] fut: F, after: Option<After> },
        // A body is being read (request prefix, or the response prefix for DLP).
        Boxed { fut: BoxedResponse<B, E> },
    }
}

impl<F, B, E> ResponseFuture<F, B, E> {
    fn ready(result: Result<Response<RaspBody<B>>, E>) -> Self {
        ResponseFuture {
            kind: FutureKind::Ready {
                result: Some(result),
            },
        }
    }

    fn inner(fut: F, after: After) -> Self {
        ResponseFuture {
            kind: FutureKind::Inner {
                fut,
                after: Some(after),
            },
        }
    }

    fn boxed(fut: impl Future<Output = Result<Response<RaspBody<B>>, E>> + Send + 'static) -> Self {
        ResponseFuture {
            kind: FutureKind::Boxed { fut: Box::pin(fut) },
        }
    }
}

impl<F, B, E> Future for ResponseFuture<F, B, E>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
    E: 'static,
{
    type Output = Result<Response<RaspBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut kind = self.project().kind;
        loop {
            let next = match kind.as_mut().project() {
                FutureProj::Ready { result } => {
                    return Poll::Ready(
                        result
                            .take()
                            .expect("ResponseFuture polled after completion"),
                    )
                }
                FutureProj::Boxed { fut } => return fut.as_mut().poll(cx),
                FutureProj::Inner { fut, after } => {
                    let response = match fut.poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                        Poll::Ready(Ok(r)) => r,
                    };
                    let after = after
                        .take()
                        .expect("ResponseFuture polled after completion");
                    match respond_now(after, response) {
                        Ok(done) => return Poll::Ready(Ok(done)),
                        // DLP must read the body: go on in a boxed async block.
                        Err(pending) => FutureKind::Boxed {
                            fut: Box::pin(async move { Ok(pending.finish().await) }),
                        },
                    }
                }
            };
            kind.set(next);
        }
    }
}

impl<F, B, E> std::fmt::Debug for ResponseFuture<F, B, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

/// Turns the inbound outcome into "go on with this decision" or "answer with this block".
fn admit(
    shared: &Protection,
    config: &Config,
    inbound: Guarded,
) -> Result<Decision, BlockResponse> {
    match inbound {
        Guarded::Decided(Decision::Block(attack)) => Err(block_response_guarded(config, || {
            shared.engine.block_response(&attack)
        })),
        Guarded::FailedClosed(resp) => {
            shared.stats.record_engine_failure();
            Err(resp)
        }
        Guarded::FailedOpen => {
            shared.stats.record_engine_failure();
            Ok(Decision::Allow)
        }
        Guarded::Decided(d) => Ok(d),
    }
}

/// A request with a body: read up to the limit, inspect, run the application, respond.
async fn protect_with_body<S, ReqB, ResB>(
    shared: Arc<Protection>,
    mut inner: S,
    req: Request<ReqB>,
) -> Result<Response<RaspBody<ResB>>, S::Error>
where
    S: Service<Request<RaspBody<ReqB>>, Response = Response<ResB>>,
    ReqB: Body<Data = Bytes>,
    ReqB::Error: Into<BoxError>,
    ResB: Body<Data = Bytes>,
    ResB::Error: Into<BoxError>,
{
    let config = shared.engine.config();
    let (parts, body) = req.into_parts();
    let peer = peer_ip(&parts.extensions);
    let prefix = read_prefix(body, config.max_body_bytes).await;
    let inbound = {
        let view = request_view(&parts, peer, &prefix.view, prefix.truncated);
        guard(&config, || shared.engine.inspect_request(&view))
    };
    let inbound = match admit(&shared, &config, inbound) {
        Ok(decision) => decision,
        Err(blocked) => return Ok(block_http(blocked, &config)),
    };
    let summary = RequestSummary::new(&parts, peer, !config.trusted_proxies.is_empty());
    let response = inner
        .call(Request::from_parts(parts, RaspBody::replay(prefix)))
        .await?;
    let after = After {
        shared,
        config,
        summary,
        inbound,
    };
    Ok(match respond_now(after, response) {
        Ok(done) => done,
        Err(pending) => pending.finish().await,
    })
}

/// A response whose body DLP must read before deciding.
struct PendingDlp<B> {
    after: After,
    head: http::response::Parts,
    body: B,
}

/// The response side once the application answered: inspect status and headers, then pass,
/// block and set `Server`; or, when DLP must see the body, hand back what it needs to read.
fn respond_now<B>(
    after: After,
    response: Response<B>,
) -> Result<Response<RaspBody<B>>, Box<PendingDlp<B>>>
where
    B: Body<Data = Bytes>,
{
    let (head, body) = response.into_parts();
    let status = head.status.as_u16();
    // Outbound: the body matters only to DLP, which only looks at non-error responses.
    let wants_body = after.config.action(Check::Dlp.key()) != 0
        && status < 400
        && after.summary.method() != Method::HEAD
        && !body.is_end_stream();
    let event_stream = wants_body && is_event_stream(&head.headers);
    if event_stream {
        after.shared.stats.record_dlp_skipped_stream();
    }
    if wants_body && !event_stream {
        return Err(Box::new(PendingDlp { after, head, body }));
    }
    let outbound = inspect_outbound(&after, &head, &[], !body.is_end_stream(), false);
    Ok(finish(&after, outbound, head, RaspBody::new(body)))
}

impl<B> PendingDlp<B>
where
    B: Body<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    /// Reads the body prefix, decodes it for DLP, inspects, and answers.
    async fn finish(self: Box<Self>) -> Response<RaspBody<B>> {
        let PendingDlp { after, head, body } = *self;
        let config = &after.config;
        let p = read_prefix(body, config.max_response_bytes).await;
        let coding = head
            .headers
            .get(CONTENT_ENCODING)
            .map(HeaderValue::as_bytes);
        let outbound = {
            let dlp = decode_for_dlp(coding, &p.view, p.truncated, config.max_response_bytes);
            inspect_outbound(&after, &head, &dlp.body, dlp.truncated, dlp.encoded)
        };
        finish(&after, outbound, head, RaspBody::replay(p))
    }
}

/// `inspect_response` on the application's status, headers and (for DLP) decoded body
/// prefix, with `FAIL_MODE` applied.
fn inspect_outbound(
    after: &After,
    head: &http::response::Parts,
    body: &[u8],
    body_truncated: bool,
    body_encoded: bool,
) -> Guarded {
    let view = ResponseView {
        status: head.status.as_u16(),
        headers: header_pairs(&head.headers),
        body,
        body_truncated,
        body_encoded,
    };
    let engine = &after.shared.engine;
    guard(&after.config, || {
        engine.inspect_response(&after.summary.view(), &view, &after.inbound)
    })
}

/// The response the client gets after the outbound decision.
fn finish<B>(
    after: &After,
    outbound: Guarded,
    mut head: http::response::Parts,
    client_body: RaspBody<B>,
) -> Response<RaspBody<B>> {
    let config = &after.config;
    let shared = &after.shared;
    match outbound {
        Guarded::Decided(Decision::Block(attack)) => {
            let resp = block_response_guarded(config, || shared.engine.block_response(&attack));
            block_http(resp, config)
        }
        Guarded::FailedClosed(resp) => {
            shared.stats.record_engine_failure();
            block_http(resp, config)
        }
        other => {
            if matches!(other, Guarded::FailedOpen) {
                shared.stats.record_engine_failure();
            }
            set_server(&mut head.headers, config);
            Response::from_parts(head, client_body)
        }
    }
}

fn is_event_stream(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .is_some_and(|v| crate::encoding::is_event_stream(v.as_bytes()))
}

/// `Server: SERVER_HEADER` when `CHANGE_SERVER` is on.
fn set_server(headers: &mut HeaderMap, config: &Config) {
    if config.change_server {
        if let Ok(value) = HeaderValue::from_str(&config.server_header) {
            headers.insert(SERVER, value);
        }
    }
}

/// The engine's block or redirect response as an `http` response.
fn block_http<B>(resp: BlockResponse, config: &Config) -> Response<RaspBody<B>> {
    let mut out = Response::new(RaspBody::full(resp.body));
    *out.status_mut() = StatusCode::from_u16(resp.status).unwrap_or(StatusCode::FORBIDDEN);
    let headers = out.headers_mut();
    for (name, value) in resp.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) {
            headers.append(n, v);
        }
    }
    if !headers.contains_key(CONTENT_TYPE) {
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
    }
    set_server(headers, config);
    out
}
