//! The function's answer in each integration's response format: reading it (for DLP and
//! brute-force counting) and writing a block response in the same format.

use std::collections::BTreeMap;

use base64::Engine as _;
use rasp_core::engine::BlockResponse;
use rasp_core::ResponseView;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::event::EventKind;

/// What the integration will turn into an HTTP response, decoded from the function's
/// payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionResponse {
    /// HTTP status the client will get.
    pub status: u16,
    /// Headers, names lower-cased; v2 `cookies` become `set-cookie`.
    pub headers: Vec<(String, String)>,
    /// Body bytes (base64-decoded when `isBase64Encoded`).
    pub body: Vec<u8>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawResponse {
    status_code: Option<Value>,
    headers: Option<BTreeMap<String, Value>>,
    multi_value_headers: Option<BTreeMap<String, Vec<Value>>>,
    cookies: Option<Vec<String>>,
    body: Option<Value>,
    is_base64_encoded: Option<bool>,
}

/// Status API Gateway and ALB answer when the function's output is not a valid proxy
/// response (or the invocation failed).
pub const BAD_GATEWAY: u16 = 502;

impl FunctionResponse {
    /// Read the function's payload as the integration would.
    ///
    /// Payload 2.0 integrations accept any JSON: without `statusCode` the whole payload is the
    /// body of a 200 response. REST v1 and ALB require `statusCode`; without it the client gets
    /// a 502, which is what we report to the engine.
    pub fn parse(kind: EventKind, payload: &[u8]) -> FunctionResponse {
        let value: Option<Value> = serde_json::from_slice(payload).ok();
        let is_proxy_shape =
            matches!(&value, Some(Value::Object(m)) if m.contains_key("statusCode"));
        if !is_proxy_shape {
            return if kind.is_v2() && value.is_some() {
                FunctionResponse {
                    status: 200,
                    headers: vec![("content-type".into(), "application/json".into())],
                    body: payload.to_vec(),
                }
            } else {
                FunctionResponse {
                    status: BAD_GATEWAY,
                    headers: Vec::new(),
                    body: Vec::new(),
                }
            };
        }
        let raw: RawResponse = value
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default();
        let status = match &raw.status_code {
            Some(Value::Number(n)) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        }
        .filter(|s| (100..=599).contains(s))
        .unwrap_or(BAD_GATEWAY);
        let mut headers = Vec::new();
        if let Some(mv) = raw.multi_value_headers {
            for (n, vs) in mv {
                for v in vs {
                    headers.push((n.to_ascii_lowercase(), scalar(&v)));
                }
            }
        }
        if let Some(h) = raw.headers {
            for (n, v) in h {
                let n = n.to_ascii_lowercase();
                if !headers.iter().any(|(k, _)| *k == n) {
                    headers.push((n, scalar(&v)));
                }
            }
        }
        for c in raw.cookies.unwrap_or_default() {
            headers.push(("set-cookie".into(), c));
        }
        let body = match raw.body {
            Some(Value::String(s)) if raw.is_base64_encoded == Some(true) => {
                base64::engine::general_purpose::STANDARD
                    .decode(s.as_bytes())
                    .unwrap_or_else(|_| s.into_bytes())
            }
            Some(Value::String(s)) => s.into_bytes(),
            Some(Value::Null) | None => Vec::new(),
            // API Gateway v2 serialises a non-string body; DLP should see that text.
            Some(other) => other.to_string().into_bytes(),
        };
        FunctionResponse {
            status,
            headers,
            body,
        }
    }

    /// The engine's view, DLP body bounded by `max_body`.
    pub fn view(&self, max_body: usize) -> ResponseView<'_> {
        let n = self.body.len().min(max_body);
        let encoded = self
            .headers
            .iter()
            .any(|(k, v)| k == "content-encoding" && !v.eq_ignore_ascii_case("identity"));
        ResponseView {
            status: self.status,
            headers: self
                .headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_bytes()))
                .collect(),
            body: &self.body[..n],
            body_truncated: n < self.body.len(),
            body_encoded: encoded,
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The block (or redirect) response serialised in the integration's response format.
///
/// `multi_value_headers` mirrors the event: an ALB with multi-value headers enabled ignores
/// `headers` and reads only `multiValueHeaders`.
pub fn block_payload(kind: EventKind, block: &BlockResponse, multi_value_headers: bool) -> Vec<u8> {
    let mut headers = Map::new();
    let mut multi = Map::new();
    let mut has_type = false;
    for (k, v) in &block.headers {
        has_type |= k.eq_ignore_ascii_case("content-type");
        headers.insert(k.clone(), Value::String(v.clone()));
        match multi.get_mut(k) {
            Some(Value::Array(a)) => a.push(Value::String(v.clone())),
            _ => {
                multi.insert(k.clone(), json!([v]));
            }
        }
    }
    if !has_type {
        let ct = "text/plain; charset=utf-8";
        headers.insert("content-type".into(), json!(ct));
        multi.insert("content-type".into(), json!([ct]));
    }
    let mut out = Map::new();
    out.insert("statusCode".into(), json!(block.status));
    match kind {
        EventKind::Alb => {
            out.insert(
                "statusDescription".into(),
                json!(format!("{} {}", block.status, reason(block.status))),
            );
            if multi_value_headers {
                out.insert("multiValueHeaders".into(), Value::Object(multi));
            } else {
                out.insert("headers".into(), Value::Object(headers));
            }
        }
        EventKind::RestV1 => {
            out.insert("headers".into(), Value::Object(headers));
            if multi_value_headers {
                out.insert("multiValueHeaders".into(), Value::Object(multi));
            }
        }
        EventKind::HttpV2 | EventKind::FunctionUrl => {
            out.insert("headers".into(), Value::Object(headers));
        }
    }
    out.insert("body".into(), json!(block.body));
    out.insert("isBase64Encoded".into(), json!(false));
    serde_json::to_vec(&Value::Object(out)).unwrap_or_default()
}

fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Blocked")
}
