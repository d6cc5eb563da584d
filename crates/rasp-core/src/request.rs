//! Framework-neutral views of a request and a response, filled by adapters.

use std::net::IpAddr;

/// One inbound HTTP request, borrowed from the framework's own types.
///
/// Header names are compared case-insensitively. `body` holds at most the configured
/// inspection limit; set `body_truncated` when the adapter stopped reading early.
#[derive(Clone, Debug, Default)]
pub struct RequestView<'a> {
    /// HTTP method as received.
    pub method: &'a str,
    /// URL path without the query string, still percent-encoded as received.
    pub path: &'a str,
    /// Raw query string without the leading `?` (empty when none).
    pub query: &'a str,
    /// `Host` header or authority (with or without port).
    pub host: Option<&'a str>,
    /// Address of the TCP peer (or the platform's source IP, e.g. Lambda's requestContext).
    pub peer: Option<IpAddr>,
    /// Headers in arrival order; repeated names appear several times.
    pub headers: Vec<(&'a str, &'a [u8])>,
    /// Request body (possibly truncated to the inspection limit).
    pub body: &'a [u8],
    /// The adapter stopped reading the body at its limit.
    pub body_truncated: bool,
    /// `Content-Type` if the adapter knows it separately from `headers`.
    pub content_type: Option<&'a str>,
}

impl<'a> RequestView<'a> {
    /// First header value with this name (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&'a [u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

/// One outbound response, as the application produced it.
#[derive(Clone, Debug, Default)]
pub struct ResponseView<'a> {
    /// HTTP status.
    pub status: u16,
    /// Response headers.
    pub headers: Vec<(&'a str, &'a [u8])>,
    /// Body bytes (possibly a prefix of the body, up to the DLP limit), already decompressed
    /// by the adapter when it could; see `body_encoded`.
    pub body: &'a [u8],
    /// The adapter captured only a prefix of the body.
    pub body_truncated: bool,
    /// True when `body` is still content-encoded (gzip, br…) because the adapter could not
    /// decode it: DLP is then skipped and counted.
    pub body_encoded: bool,
}
