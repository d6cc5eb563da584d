//! HTTP/1.1 client for Lambda's own Runtime API and Extensions API (`AWS_LAMBDA_RUNTIME_API`).
//!
//! Connections are kept in a small idle pool: the runtime's `next` long-poll holds one while
//! the response post of the previous invocation uses another, and re-using them keeps the
//! proxy's added latency to a loopback round trip.

use bytes::Bytes;
use http::{header, Request, Response};
use http_body_util::{BodyExt, Either, Full, Limited};
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use std::sync::Mutex;
use tokio::net::TcpStream;

/// Body of requests and responses the proxy sends: buffered, or streamed through untouched.
pub type ProxyBody = Either<Full<Bytes>, Incoming>;

/// Idle connections kept for re-use.
const POOL_MAX: usize = 4;

/// A body from upstream: buffered when it fits the limit, otherwise still streaming.
pub enum UpBody {
    Buffered(Bytes),
    Streaming(Incoming),
}

impl UpBody {
    /// As a body for the proxy's own response.
    pub fn into_proxy(self) -> ProxyBody {
        match self {
            UpBody::Buffered(b) => Either::Left(Full::new(b)),
            UpBody::Streaming(i) => Either::Right(i),
        }
    }
}

/// Failure talking to Lambda's API.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// TCP connect failed.
    #[error("cannot connect to the Lambda Runtime API at {addr}: {source}")]
    Connect {
        /// `host:port`.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
    /// HTTP-level failure.
    #[error("Lambda Runtime API request failed: {0}")]
    Http(#[from] hyper::Error),
    /// The request could not be built.
    #[error("Lambda Runtime API request could not be built: {0}")]
    Request(#[from] http::Error),
}

/// Client bound to one `host:port`.
pub struct Upstream {
    addr: String,
    idle: Mutex<Vec<SendRequest<ProxyBody>>>,
}

impl Upstream {
    pub fn new(addr: impl Into<String>) -> Upstream {
        Upstream {
            addr: addr.into(),
            idle: Mutex::new(Vec::new()),
        }
    }

    async fn connect(&self) -> Result<SendRequest<ProxyBody>, UpstreamError> {
        let stream =
            TcpStream::connect(&self.addr)
                .await
                .map_err(|source| UpstreamError::Connect {
                    addr: self.addr.clone(),
                    source,
                })?;
        let _ = stream.set_nodelay(true);
        let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(async move {
            // The connection ends when either side closes it; nothing to report.
            let _ = conn.await;
        });
        Ok(sender)
    }

    async fn sender(&self) -> Result<SendRequest<ProxyBody>, UpstreamError> {
        loop {
            let cached = self.idle.lock().ok().and_then(|mut v| v.pop());
            match cached {
                Some(mut s) => {
                    if s.ready().await.is_ok() {
                        return Ok(s);
                    }
                }
                None => return self.connect().await,
            }
        }
    }

    fn release(&self, s: SendRequest<ProxyBody>) {
        if let Ok(mut v) = self.idle.lock() {
            if v.len() < POOL_MAX && !s.is_closed() {
                v.push(s);
            }
        }
    }

    /// Send `req` (path-only URI) and read the response. Bodies with a `Content-Length` up to
    /// `buffer_limit` are buffered; larger or length-less ones are handed back streaming.
    pub async fn send(
        &self,
        mut req: Request<ProxyBody>,
        buffer_limit: usize,
    ) -> Result<(http::response::Parts, UpBody), UpstreamError> {
        req.headers_mut().insert(
            header::HOST,
            header::HeaderValue::from_str(&self.addr)
                .unwrap_or(header::HeaderValue::from_static("localhost")),
        );
        // A streamed request body may be cut short by the server (413), which then closes
        // the connection: only connections that carried buffered bodies go back to the pool.
        let mut reusable = matches!(req.body(), Either::Left(_));
        let mut sender = self.sender().await?;
        let resp: Response<Incoming> = match sender.try_send_request(req).await {
            Ok(r) => r,
            Err(mut e) => match e.take_message() {
                // An idle pooled connection the server had closed: the request was not sent,
                // so it is safe to send it again on a fresh connection.
                Some(req) => {
                    sender = self.connect().await?;
                    sender.send_request(req).await?
                }
                None => return Err(e.into_error().into()),
            },
        };
        let (parts, body) = resp.into_parts();
        reusable &= parts
            .headers
            .get(header::CONNECTION)
            .is_none_or(|v| !v.as_bytes().eq_ignore_ascii_case(b"close"));
        let len = content_length(&parts.headers);
        match len {
            Some(n) if n <= buffer_limit as u64 => {
                let bytes = Limited::new(body, buffer_limit)
                    .collect()
                    .await
                    .map_err(|e| match e.downcast::<hyper::Error>() {
                        Ok(h) => UpstreamError::Http(*h),
                        Err(_) => UpstreamError::Connect {
                            addr: self.addr.clone(),
                            source: std::io::Error::other("response body over limit"),
                        },
                    })?
                    .to_bytes();
                if reusable {
                    self.release(sender);
                }
                Ok((parts, UpBody::Buffered(bytes)))
            }
            _ => Ok((parts, UpBody::Streaming(body))),
        }
    }

    /// Convenience for small requests with a buffered body.
    pub async fn call(
        &self,
        method: http::Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Bytes,
        buffer_limit: usize,
    ) -> Result<(http::response::Parts, UpBody), UpstreamError> {
        let mut b = Request::builder().method(method).uri(path);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let req = b.body(Either::Left(Full::new(body)))?;
        self.send(req, buffer_limit).await
    }
}

/// `Content-Length` as a number, if present and valid.
pub fn content_length(h: &http::HeaderMap) -> Option<u64> {
    h.get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}
