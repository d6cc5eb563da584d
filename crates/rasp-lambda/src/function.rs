//! Tower layer for Rust functions built on `lambda_http`.
//!
//! `lambda_http` has already turned the event into an `http::Request` (base64 bodies
//! decoded, v2 cookies folded into `Cookie`, query rebuilt into the URI) and turns the
//! `http::Response` we return into the integration's own format, so a blocked request is
//! answered in the right shape for REST v1, HTTP v2, Function URL and ALB alike.

use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use lambda_http::request::RequestContext;
use lambda_http::{Body, IntoResponse, Request, RequestExt, Response};
use rasp_core::Decision;

use crate::event::{EventKind, HttpEvent};
use crate::guard::{Guard, Reporter};
use crate::response::FunctionResponse;

/// Wraps a `lambda_http` service with rasp-rs protection.
///
/// ```no_run
/// use lambda_http::{service_fn, Body, Error, Request, Response};
/// use rasp_lambda::RaspLayer;
/// use tower_layer::Layer;
///
/// async fn handler(_req: Request) -> Result<Response<Body>, Error> {
///     Ok(Response::new(Body::from("hello")))
/// }
///
/// # async fn run() -> Result<(), Error> {
/// let rasp = RaspLayer::from_env()?;
/// lambda_http::run(rasp.layer(service_fn(handler))).await
/// # }
/// ```
#[derive(Clone)]
pub struct RaspLayer {
    guard: Arc<Guard>,
    reporter: Arc<dyn Reporter>,
}

impl RaspLayer {
    /// Protect with this guard; events go to `reporter` after each invocation.
    pub fn new(guard: Guard, reporter: Arc<dyn Reporter>) -> RaspLayer {
        RaspLayer {
            guard: Arc::new(guard),
            reporter,
        }
    }

    /// Configuration from `RASP_CONF`/`PYRASP_CONF` (or the defaults), events delivered by
    /// rasp-agent in serverless mode (see [`crate::protect`]).
    pub fn from_env() -> Result<RaspLayer, crate::SetupError> {
        let config = crate::load_config(None)?;
        let (guard, reporter) = crate::protect(config)?;
        Ok(RaspLayer::new(guard, Arc::new(reporter)))
    }

    /// The guard shared by every service this layer builds.
    pub fn guard(&self) -> &Arc<Guard> {
        &self.guard
    }
}

impl<S> tower_layer::Layer<S> for RaspLayer {
    type Service = RaspService<S>;
    fn layer(&self, inner: S) -> RaspService<S> {
        RaspService {
            inner,
            guard: self.guard.clone(),
            reporter: self.reporter.clone(),
        }
    }
}

/// The service built by [`RaspLayer`].
#[derive(Clone)]
pub struct RaspService<S> {
    inner: S,
    guard: Arc<Guard>,
    reporter: Arc<dyn Reporter>,
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S, R> tower_service::Service<Request> for RaspService<S>
where
    S: tower_service::Service<Request, Response = R>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    R: IntoResponse + Send + 'static,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = BoxFuture<Result<Response<Body>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let guard = self.guard.clone();
        let reporter = self.reporter.clone();
        let event = http_event(&req);
        let inbound = guard.check_request(&event);
        if let Decision::Block(_) = inbound {
            let resp = block_response(&guard, &event, &inbound);
            report_later(reporter, guard.take_events());
            return Box::pin(std::future::ready(Ok(resp)));
        }
        let fut = self.inner.call(req);
        Box::pin(async move {
            let resp = fut.await?.into_response().await;
            let (parts, body) = resp.into_parts();
            let bytes: Vec<u8> = match &body {
                Body::Empty => Vec::new(),
                Body::Text(t) => t.as_bytes().to_vec(),
                Body::Binary(b) => b.clone(),
                _ => Vec::new(),
            };
            let fr = FunctionResponse {
                status: parts.status.as_u16(),
                headers: parts
                    .headers
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.as_str().to_string(),
                            String::from_utf8_lossy(v.as_bytes()).into_owned(),
                        )
                    })
                    .collect(),
                body: bytes,
            };
            let outbound = guard.check_response(&event, &fr, &inbound);
            let out = if outbound.is_block() {
                block_response(&guard, &event, &outbound)
            } else {
                Response::from_parts(parts, body)
            };
            report_later(reporter, guard.take_events());
            Ok(out)
        })
    }
}

/// Hand the events over without delaying the response: `lambda_runtime` posts the response
/// while the blocking pool delivers them. If the sandbox freezes first, delivery resumes when
/// it thaws for the next invocation.
fn report_later(reporter: Arc<dyn Reporter>, events: Vec<rasp_core::SecurityEvent>) {
    match tokio::runtime::Handle::try_current() {
        Ok(h) => {
            h.spawn_blocking(move || reporter.report(events));
        }
        Err(_) => reporter.report(events),
    }
}

fn block_response(guard: &Guard, event: &HttpEvent, decision: &Decision) -> Response<Body> {
    let Some(attack) = decision.attack() else {
        return Response::new(Body::Empty);
    };
    let block = guard.engine().block_response(attack);
    let mut b = Response::builder().status(block.status);
    let mut has_type = false;
    for (k, v) in &block.headers {
        has_type |= k.eq_ignore_ascii_case("content-type");
        b = b.header(k.as_str(), v.as_str());
    }
    if !has_type {
        b = b.header("content-type", "text/plain; charset=utf-8");
    }
    let _ = event;
    b.body(Body::Text(block.body))
        .unwrap_or_else(|_| Response::new(Body::Empty))
}

/// Translate `lambda_http`'s request back into our event model so that both entry points
/// inspect exactly the same fields.
fn http_event(req: &Request) -> HttpEvent {
    let (kind, source_ip, domain) = match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV1(ctx)) => (
            EventKind::RestV1,
            ctx.identity.source_ip.as_deref().and_then(parse_ip),
            ctx.domain_name.clone(),
        ),
        Some(RequestContext::ApiGatewayV2(ctx)) => {
            let domain = ctx.domain_name.clone();
            let kind = if domain
                .as_deref()
                .is_some_and(|d| d.contains(".lambda-url."))
            {
                EventKind::FunctionUrl
            } else {
                EventKind::HttpV2
            };
            (
                kind,
                ctx.http.source_ip.as_deref().and_then(parse_ip),
                domain,
            )
        }
        Some(RequestContext::Alb(_)) => {
            let ip = req
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .next_back()
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(parse_ip);
            (EventKind::Alb, ip, None)
        }
        _ => (EventKind::HttpV2, None, None),
    };
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let host = domain.filter(|d| !d.is_empty()).or_else(|| {
        req.headers()
            .get("host")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    let body = match req.body() {
        Body::Empty => Vec::new(),
        Body::Text(t) => t.as_bytes().to_vec(),
        Body::Binary(b) => b.clone(),
        _ => Vec::new(),
    };
    HttpEvent {
        kind,
        method: req.method().as_str().to_string(),
        path: req.uri().path().to_string(),
        query: req.uri().query().unwrap_or("").to_string(),
        host,
        source_ip,
        headers,
        body,
        multi_value_headers: false,
    }
}

fn parse_ip(s: &str) -> Option<IpAddr> {
    s.trim().parse().ok()
}
