//! HTTP-shaped Lambda events: API Gateway REST (payload v1), HTTP API (payload v2), Lambda
//! Function URLs and Application Load Balancer target-group events.
//!
//! [`HttpEvent::parse`] reads the event JSON the way AWS documents each shape and returns
//! `None` for anything else (SQS, S3, scheduled events…): those are passed through untouched.

use std::collections::BTreeMap;
use std::net::IpAddr;

use base64::Engine as _;
use rasp_core::RequestView;
use serde::Deserialize;

/// Which integration produced the event; decides where the source IP lives and which
/// response format the integration expects back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// API Gateway REST API (and HTTP API with payload format 1.0).
    RestV1,
    /// API Gateway HTTP API, payload format 2.0.
    HttpV2,
    /// Lambda Function URL (payload format 2.0 on a `*.lambda-url.*` domain).
    FunctionUrl,
    /// Application Load Balancer target group.
    Alb,
}

impl EventKind {
    /// Name used in logs and errors.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::RestV1 => "apigw-rest-v1",
            EventKind::HttpV2 => "apigw-http-v2",
            EventKind::FunctionUrl => "function-url",
            EventKind::Alb => "alb",
        }
    }

    /// True for the payload-2.0 shapes (HTTP API and Function URL share the response format).
    pub fn is_v2(self) -> bool {
        matches!(self, EventKind::HttpV2 | EventKind::FunctionUrl)
    }
}

/// An HTTP request extracted from a Lambda event, owned so that it can outlive the raw
/// event bytes while the function runs (the response is inspected against it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpEvent {
    /// Integration that produced the event.
    pub kind: EventKind,
    /// HTTP method.
    pub method: String,
    /// Path as the integration delivered it.
    pub path: String,
    /// Query string without `?`, percent-encoded (rebuilt from the parameter maps when the
    /// integration only delivers decoded maps).
    pub query: String,
    /// `requestContext.domainName`, else the `Host` header.
    pub host: Option<String>,
    /// Source IP from the request context (API Gateway, Function URL) or, for ALB, the
    /// address the load balancer appended to `X-Forwarded-For`.
    pub source_ip: Option<IpAddr>,
    /// Headers in event order, names lower-cased; the v2 `cookies` array becomes one
    /// `cookie` header as a browser would send it.
    pub headers: Vec<(String, String)>,
    /// Body bytes, base64-decoded when `isBase64Encoded` is true.
    pub body: Vec<u8>,
    /// The event carried `multiValueHeaders` (REST v1, ALB with multi-value headers on): an
    /// ALB then only reads `multiValueHeaders` from the response.
    pub multi_value_headers: bool,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawEvent {
    version: Option<String>,
    http_method: Option<String>,
    path: Option<String>,
    raw_path: Option<String>,
    raw_query_string: Option<String>,
    cookies: Option<Vec<String>>,
    headers: Option<BTreeMap<String, Option<String>>>,
    multi_value_headers: Option<BTreeMap<String, Option<Vec<String>>>>,
    query_string_parameters: Option<BTreeMap<String, Option<String>>>,
    multi_value_query_string_parameters: Option<BTreeMap<String, Option<Vec<String>>>>,
    request_context: Option<RawContext>,
    body: Option<String>,
    is_base64_encoded: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawContext {
    http: Option<RawHttp>,
    identity: Option<RawIdentity>,
    elb: Option<serde_json::Value>,
    domain_name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawHttp {
    method: Option<String>,
    path: Option<String>,
    source_ip: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawIdentity {
    source_ip: Option<String>,
}

impl HttpEvent {
    /// Parse an invocation payload. `None` when it is not one of the four HTTP shapes (or not
    /// JSON at all): such events are not ours to inspect.
    pub fn parse(payload: &[u8]) -> Option<HttpEvent> {
        // Cheap pre-filter: every HTTP shape has a requestContext; most other events do not,
        // and we avoid a full parse of large SQS/S3 batches.
        memchr::memmem::find(payload, b"requestContext")?;
        let raw: RawEvent = serde_json::from_slice(payload).ok()?;
        let ctx = raw.request_context.as_ref()?;
        let kind = if ctx.elb.is_some() {
            EventKind::Alb
        } else if let (Some(_), true) = (&ctx.http, raw.version.as_deref() == Some("2.0")) {
            let url = ctx
                .domain_name
                .as_deref()
                .is_some_and(|d| d.contains(".lambda-url."));
            if url {
                EventKind::FunctionUrl
            } else {
                EventKind::HttpV2
            }
        } else if raw.http_method.is_some() {
            EventKind::RestV1
        } else {
            return None;
        };
        Some(HttpEvent::from_raw(kind, raw))
    }

    fn from_raw(kind: EventKind, raw: RawEvent) -> HttpEvent {
        let ctx = raw.request_context.unwrap_or_default();
        let mut headers: Vec<(String, String)> = Vec::new();
        let multi_value_headers = raw.multi_value_headers.is_some();
        if let Some(mv) = raw.multi_value_headers {
            for (name, values) in mv {
                for v in values.unwrap_or_default() {
                    headers.push((name.to_ascii_lowercase(), v));
                }
            }
        } else if let Some(h) = raw.headers {
            for (name, v) in h {
                if let Some(v) = v {
                    headers.push((name.to_ascii_lowercase(), v));
                }
            }
        }
        if let Some(cookies) = raw.cookies.filter(|c| !c.is_empty()) {
            headers.retain(|(n, _)| n != "cookie");
            headers.push(("cookie".into(), cookies.join("; ")));
        }

        let (method, path, query, source_ip) = match kind {
            EventKind::HttpV2 | EventKind::FunctionUrl => {
                let http = ctx.http.unwrap_or_default();
                let method = http.method.unwrap_or_default();
                let path = raw.raw_path.or(http.path).unwrap_or_else(|| "/".into());
                let query = raw.raw_query_string.unwrap_or_default();
                (method, path, query, parse_ip(http.source_ip.as_deref()))
            }
            EventKind::RestV1 => {
                let query = encode_query(
                    raw.multi_value_query_string_parameters,
                    raw.query_string_parameters,
                    true,
                );
                let ip = ctx.identity.and_then(|i| i.source_ip);
                (
                    raw.http_method.unwrap_or_default(),
                    raw.path.unwrap_or_else(|| "/".into()),
                    query,
                    parse_ip(ip.as_deref()),
                )
            }
            EventKind::Alb => {
                // ALB delivers parameters exactly as received (still percent-encoded).
                let query = encode_query(
                    raw.multi_value_query_string_parameters,
                    raw.query_string_parameters,
                    false,
                );
                // The load balancer appends the peer it saw as the last X-Forwarded-For
                // element; earlier elements are client-supplied and not trusted.
                let ip = headers
                    .iter()
                    .rev()
                    .find(|(n, _)| n == "x-forwarded-for")
                    .and_then(|(_, v)| v.rsplit(',').next())
                    .and_then(|v| v.trim().parse().ok());
                (
                    raw.http_method.unwrap_or_default(),
                    raw.path.unwrap_or_else(|| "/".into()),
                    query,
                    ip,
                )
            }
        };

        let host = ctx.domain_name.filter(|d| !d.is_empty()).or_else(|| {
            headers
                .iter()
                .find(|(n, _)| n == "host")
                .map(|(_, v)| v.clone())
        });

        let body = match raw.body {
            None => Vec::new(),
            Some(b) if raw.is_base64_encoded == Some(true) => {
                // A body that claims base64 but is not is inspected as sent rather than
                // skipped: skipping would be an evasion.
                base64::engine::general_purpose::STANDARD
                    .decode(b.as_bytes())
                    .unwrap_or_else(|_| b.into_bytes())
            }
            Some(b) => b.into_bytes(),
        };

        HttpEvent {
            kind,
            method,
            path,
            query,
            host,
            source_ip,
            headers,
            body,
            multi_value_headers,
        }
    }

    /// First header value with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The engine's view of this request.
    ///
    /// With `analyze_headers` false (PyRASP's Lambda behaviour, and our default) header
    /// *contents* are not handed to the engine: behind API Gateway they are mostly set by the
    /// gateway and CloudFront, and analysing them produced false positives. The content type is
    /// still used to parse the body. `LAMBDA_ANALYZE_HEADERS` turns full header analysis on
    /// (needed for cookies, user agent, forbidden headers and ZTAA).
    ///
    /// At most `max_body` bytes of the body are handed over (`MAX_BODY_BYTES`).
    pub fn view(&self, analyze_headers: bool, max_body: usize) -> RequestView<'_> {
        let n = self.body.len().min(max_body);
        let headers = if analyze_headers {
            self.headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_bytes()))
                .collect()
        } else {
            Vec::new()
        };
        RequestView {
            method: &self.method,
            path: &self.path,
            query: &self.query,
            host: self.host.as_deref(),
            peer: self.source_ip,
            headers,
            body: &self.body[..n],
            body_truncated: n < self.body.len(),
            content_type: self.header("content-type"),
        }
    }
}

fn parse_ip(s: Option<&str>) -> Option<IpAddr> {
    s.and_then(|s| s.trim().parse().ok())
}

/// Rebuild a query string from the parameter maps; the multi-value map is a superset of the
/// single-value one when both are present.
fn encode_query(
    multi: Option<BTreeMap<String, Option<Vec<String>>>>,
    single: Option<BTreeMap<String, Option<String>>>,
    encode: bool,
) -> String {
    let pairs: Vec<(String, String)> = match (multi, single) {
        (Some(m), _) if !m.is_empty() => m
            .into_iter()
            .flat_map(|(k, vs)| {
                vs.unwrap_or_default()
                    .into_iter()
                    .map(move |v| (k.clone(), v))
            })
            .collect(),
        (_, Some(s)) => s
            .into_iter()
            .map(|(k, v)| (k, v.unwrap_or_default()))
            .collect(),
        _ => Vec::new(),
    };
    if encode {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &pairs {
            ser.append_pair(k, v);
        }
        ser.finish()
    } else {
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }
}
