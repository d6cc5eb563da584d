//! Building the engine's [`RequestView`] from `http` types without copying header values.

use std::net::{IpAddr, SocketAddr};

use http::header::{HeaderName, HeaderValue, CONTENT_TYPE, HOST};
use http::request::Parts;
use http::{Extensions, HeaderMap, Method, Uri};
use rasp_core::RequestView;

/// The TCP peer of a request, for servers that do not use axum's `ConnectInfo`.
///
/// Plain hyper servers insert it into the request extensions (see `examples/hyper.rs`);
/// the layer also understands a bare [`SocketAddr`] extension and, with the `axum` feature,
/// `axum::extract::ConnectInfo<SocketAddr>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeerAddr(pub SocketAddr);

/// The peer address found in the request extensions, if any.
pub fn peer_ip(ext: &Extensions) -> Option<IpAddr> {
    #[cfg(feature = "axum")]
    if let Some(info) = ext.get::<axum::extract::ConnectInfo<SocketAddr>>() {
        return Some(info.0.ip());
    }
    ext.get::<PeerAddr>()
        .map(|p| p.0.ip())
        .or_else(|| ext.get::<SocketAddr>().map(SocketAddr::ip))
}

/// `Host` header, else the URI authority (HTTP/2 `:authority`, absolute-form requests).
fn host<'a>(headers: &'a HeaderMap, uri: &'a Uri) -> Option<&'a str> {
    headers
        .get(HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()))
}

/// Headers in the view; values stay borrowed.
pub(crate) fn header_pairs(headers: &HeaderMap) -> Vec<(&str, &[u8])> {
    headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_bytes()))
        .collect()
}

/// The view of an inbound request for `inspect_request`.
pub fn request_view<'a>(
    parts: &'a Parts,
    peer: Option<IpAddr>,
    body: &'a [u8],
    body_truncated: bool,
) -> RequestView<'a> {
    RequestView {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or(""),
        host: host(&parts.headers, &parts.uri),
        peer,
        headers: header_pairs(&parts.headers),
        body,
        body_truncated,
        content_type: parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
    }
}

/// Headers that decide the client IP behind trusted proxies; the only ones kept after the
/// request went to the application.
const FORWARDING_HEADERS: [&str; 3] = ["x-forwarded-for", "forwarded", "x-real-ip"];

/// What `inspect_response` needs from the request once the request itself has been handed
/// to the application: method, target, host, peer and the forwarding headers (cheap,
/// reference-counted clones).
#[derive(Clone, Debug)]
pub struct RequestSummary {
    method: Method,
    uri: Uri,
    host: Option<HeaderValue>,
    peer: Option<IpAddr>,
    forwarding: Vec<(HeaderName, HeaderValue)>,
}

impl RequestSummary {
    /// Keeps what the response-side checks need from `parts`. Forwarding headers only
    /// matter behind trusted proxies; without any (`trusted_proxies` empty) they are skipped.
    pub fn new(parts: &Parts, peer: Option<IpAddr>, trusted_proxies: bool) -> Self {
        let mut forwarding = Vec::new();
        if trusted_proxies {
            for name in FORWARDING_HEADERS {
                for value in parts.headers.get_all(name) {
                    forwarding.push((HeaderName::from_static(name), value.clone()));
                }
            }
        }
        RequestSummary {
            method: parts.method.clone(),
            uri: parts.uri.clone(),
            host: parts.headers.get(HOST).cloned(),
            peer,
            forwarding,
        }
    }

    /// The request method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// A body-less view of the request for `inspect_response`.
    pub fn view(&self) -> RequestView<'_> {
        RequestView {
            method: self.method.as_str(),
            path: self.uri.path(),
            query: self.uri.query().unwrap_or(""),
            host: self
                .host
                .as_ref()
                .and_then(|v| v.to_str().ok())
                .or_else(|| self.uri.authority().map(|a| a.as_str())),
            peer: self.peer,
            headers: self
                .forwarding
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_bytes()))
                .collect(),
            body: &[],
            body_truncated: false,
            content_type: None,
        }
    }
}
