//! The four HTTP event shapes, read from fixtures written from AWS's documentation, and the
//! response formats written back.

use rasp_core::engine::BlockResponse;
use rasp_lambda::{block_payload, EventKind, FunctionResponse, HttpEvent};
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn rest_v1() {
    let e = HttpEvent::parse(&fixture("apigw-rest-v1.json")).expect("http event");
    assert_eq!(e.kind, EventKind::RestV1);
    assert_eq!(e.method, "GET");
    assert_eq!(e.path, "/my/path");
    // The multi-value map wins and keeps both values of parameter1.
    assert_eq!(
        e.query,
        "parameter1=value1&parameter1=value2&parameter2=value"
    );
    assert_eq!(e.source_ip, Some("192.0.2.1".parse().unwrap()));
    assert_eq!(
        e.host.as_deref(),
        Some("id.execute-api.us-east-1.amazonaws.com")
    );
    let h2: Vec<&str> = e
        .headers
        .iter()
        .filter(|(n, _)| n == "header2")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(h2, ["value1", "value2"]);
    assert_eq!(e.body, b"Hello from Lambda!");
    assert!(e.multi_value_headers);
}

#[test]
fn http_v2_base64_body_and_cookies() {
    let e = HttpEvent::parse(&fixture("apigw-http-v2.json")).expect("http event");
    assert_eq!(e.kind, EventKind::HttpV2);
    assert_eq!(e.method, "POST");
    assert_eq!(
        e.query,
        "parameter1=value1&parameter1=value2&parameter2=value"
    );
    assert_eq!(e.source_ip, Some("192.0.2.1".parse().unwrap()));
    assert_eq!(e.body, br#"{"greeting": "Hello from Lambda!"}"#);
    assert_eq!(e.header("cookie"), Some("cookie1=value1; cookie2=value2"));
    assert!(!e.multi_value_headers);
}

#[test]
fn function_url() {
    let e = HttpEvent::parse(&fixture("function-url.json")).expect("http event");
    assert_eq!(e.kind, EventKind::FunctionUrl);
    assert_eq!(e.source_ip, Some("198.51.100.7".parse().unwrap()));
    assert_eq!(e.body, br#"{"greeting": "Hello from Lambda!"}"#);
    let v = e.view(false, 1 << 20);
    assert_eq!(v.content_type, Some("application/json"));
    assert!(v.headers.is_empty(), "header contents are off by default");
    assert_eq!(e.view(true, 1 << 20).headers.len(), e.headers.len());
    let short = e.view(false, 4);
    assert_eq!(short.body, b"{\"gr");
    assert!(short.body_truncated);
}

#[test]
fn alb_source_ip_is_what_the_balancer_appended() {
    let e = HttpEvent::parse(&fixture("alb.json")).expect("http event");
    assert_eq!(e.kind, EventKind::Alb);
    assert_eq!(e.source_ip, Some("72.12.164.125".parse().unwrap()));
    assert_eq!(e.query, "query=1234ABCD");
    assert_eq!(
        e.host.as_deref(),
        Some("lambda-alb-123578498.us-east-2.elb.amazonaws.com")
    );

    // A client-supplied X-Forwarded-For element before the balancer's is not trusted.
    let m = HttpEvent::parse(&fixture("alb-multi-value.json")).expect("http event");
    assert_eq!(m.source_ip, Some("72.12.164.125".parse().unwrap()));
    assert_eq!(m.query, "myKey=val1&myKey=val2");
    assert!(m.multi_value_headers);
}

#[test]
fn non_http_events_are_not_ours() {
    assert!(HttpEvent::parse(&fixture("sqs.json")).is_none());
    assert!(HttpEvent::parse(b"not json").is_none());
    assert!(HttpEvent::parse(b"{\"requestContext\": 5}").is_none());
    assert!(HttpEvent::parse(b"").is_none());
}

#[test]
fn bad_base64_body_is_inspected_as_sent() {
    let mut v: Value = serde_json::from_slice(&fixture("apigw-http-v2.json")).unwrap();
    v["body"] = Value::String("' OR 1=1 --".into());
    let e = HttpEvent::parse(v.to_string().as_bytes()).unwrap();
    assert_eq!(e.body, b"' OR 1=1 --");
}

fn block() -> BlockResponse {
    BlockResponse {
        status: 403,
        body: "Blocked".into(),
        headers: vec![],
    }
}

#[test]
fn block_formats() {
    let v2: Value =
        serde_json::from_slice(&block_payload(EventKind::HttpV2, &block(), false)).unwrap();
    assert_eq!(v2["statusCode"], 403);
    assert_eq!(v2["body"], "Blocked");
    assert_eq!(v2["isBase64Encoded"], false);
    assert!(v2.get("multiValueHeaders").is_none());

    let v1: Value =
        serde_json::from_slice(&block_payload(EventKind::RestV1, &block(), true)).unwrap();
    assert_eq!(v1["statusCode"], 403);
    assert!(v1["multiValueHeaders"]["content-type"].is_array());

    let alb: Value =
        serde_json::from_slice(&block_payload(EventKind::Alb, &block(), false)).unwrap();
    assert_eq!(alb["statusDescription"], "403 Forbidden");
    assert!(alb["headers"].is_object());
    let albm: Value =
        serde_json::from_slice(&block_payload(EventKind::Alb, &block(), true)).unwrap();
    assert!(
        albm.get("headers").is_none(),
        "ALB multi-value mode reads only multiValueHeaders"
    );
    assert!(albm["multiValueHeaders"].is_object());
}

#[test]
fn function_responses() {
    let r = FunctionResponse::parse(
        EventKind::RestV1,
        br#"{"statusCode": 401, "headers": {"X-A": "1"}, "body": "bm9wZQ==", "isBase64Encoded": true}"#,
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.body, b"nope");
    assert_eq!(r.headers, vec![("x-a".to_string(), "1".to_string())]);

    // Payload 2.0 infers a 200 JSON response from anything without statusCode.
    let r = FunctionResponse::parse(EventKind::HttpV2, br#"{"hello": "world"}"#);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, br#"{"hello": "world"}"#);

    // REST v1 without statusCode is a 502 at the gateway.
    let r = FunctionResponse::parse(EventKind::RestV1, br#"{"hello": "world"}"#);
    assert_eq!(r.status, 502);

    let r = FunctionResponse::parse(EventKind::Alb, br#"{"statusCode": "404", "body": null}"#);
    assert_eq!(r.status, 404);
    assert!(r.body.is_empty());
}
