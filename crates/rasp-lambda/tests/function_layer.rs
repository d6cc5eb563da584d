//! `RaspLayer` in a real `lambda_http` function, run by `lambda_http::run` against the local
//! Runtime API, with the four event fixtures (REST v1, HTTP v2, Function URL, ALB).
//!
//! One test in this file: `lambda_runtime` reads its endpoint from the process environment.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lambda_http::{service_fn, Body, Error, Request, Response};
use rasp_core::{Config, SecurityEvent};
use rasp_lambda::{Guard, RaspLayer, Reporter};
use serde_json::Value;
use support::{FakeLambda, Outcome};
use tower_layer::Layer;

#[derive(Default)]
struct Collect(Mutex<Vec<SecurityEvent>>);

impl Reporter for Collect {
    fn report(&self, events: Vec<SecurityEvent>) {
        self.0.lock().unwrap().extend(events);
    }
}

fn fixture(name: &str) -> Value {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap()
}

async fn handler(req: Request) -> Result<Response<Body>, Error> {
    let path = req.uri().path().to_string();
    let body = if path == "/leak" {
        "card 4111 1111 1111 1111".to_string()
    } else {
        format!("hello {path}")
    };
    Ok(Response::builder()
        .status(200)
        .header("content-type", "text/plain")
        .body(Body::from(body))?)
}

fn invoke(lambda: &FakeLambda, ev: &Value) -> Value {
    match lambda.invoke(ev.to_string().as_bytes(), Duration::from_secs(20)) {
        Some(Outcome::Response(b)) => serde_json::from_slice(&b).unwrap(),
        other => panic!("unexpected outcome {other:?}"),
    }
}

#[test]
fn lambda_http_function_with_four_event_shapes() {
    let lambda = FakeLambda::start();
    // Safety of set_var: this test binary has a single test and sets the environment before
    // starting any other thread that reads it.
    for (k, v) in [
        ("AWS_LAMBDA_RUNTIME_API", lambda.api()),
        ("AWS_LAMBDA_FUNCTION_NAME", "f".into()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128".into()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "s".into()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", "g".into()),
    ] {
        std::env::set_var(k, v);
    }
    let mut config = Config::default();
    config.security_checks.insert("dlp".into(), 1);
    config.dlp_cc_numbers = true;
    // AWS's example events repeat `parameter1`; PyRASP's HPP check (kept by the engine) flags
    // any repeated parameter unless it is allowed.
    config.hpp_allowed_params.push("parameter1".into());
    let reporter = Arc::new(Collect::default());
    let layer = RaspLayer::new(Guard::new(config).unwrap(), reporter.clone());
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(lambda_http::run(layer.layer(service_fn(handler))))
    });

    // Benign events reach the handler and come back in each integration's format.
    let r = invoke(&lambda, &fixture("apigw-rest-v1.json"));
    assert_eq!(r["statusCode"], 200, "{r} {:?}", reporter.0.lock().unwrap());
    assert_eq!(r["body"], "hello /my/path");
    assert!(r["multiValueHeaders"].is_object());

    let r = invoke(&lambda, &fixture("apigw-http-v2.json"));
    assert_eq!(r["statusCode"], 200, "{r}");
    assert_eq!(r["body"], "hello /my/path");

    let r = invoke(&lambda, &fixture("function-url.json"));
    assert_eq!(r["statusCode"], 200, "{r}");

    let r = invoke(&lambda, &fixture("alb.json"));
    assert_eq!(r["statusCode"], 200, "{r}");
    assert!(r["statusDescription"].as_str().unwrap().starts_with("200"));

    // Attacks: query (single and multi-value), base64 body, cookie-free body.
    let mut rest = fixture("apigw-rest-v1.json");
    rest["requestContext"]["identity"]["sourceIp"] = "198.51.100.1".into();
    rest["multiValueQueryStringParameters"] = serde_json::json!({"id": ["1' OR '1'='1' --"]});
    rest["queryStringParameters"] = serde_json::json!({"id": "1' OR '1'='1' --"});
    let r = invoke(&lambda, &rest);
    assert_eq!(r["statusCode"], 403, "{r}");
    assert_eq!(r["body"], "Blocked");

    let mut v2 = fixture("apigw-http-v2.json");
    v2["requestContext"]["http"]["sourceIp"] = "198.51.100.2".into();
    // {"q": "<script>alert(document.cookie)</script>"} base64-encoded
    v2["body"] = "eyJxIjogIjxzY3JpcHQ+YWxlcnQoZG9jdW1lbnQuY29va2llKTwvc2NyaXB0PiJ9".into();
    v2["headers"]["content-type"] = "application/json".into();
    let r = invoke(&lambda, &v2);
    assert_eq!(r["statusCode"], 403, "{r}");

    let mut url = fixture("function-url.json");
    url["requestContext"]["http"]["sourceIp"] = "198.51.100.3".into();
    url["rawQueryString"] = "file=..%2F..%2F..%2Fetc%2Fpasswd".into();
    let r = invoke(&lambda, &url);
    assert_eq!(r["statusCode"], 403, "{r}");

    let mut alb = fixture("alb.json");
    alb["headers"]["x-forwarded-for"] = "198.51.100.4".into();
    alb["queryStringParameters"] = serde_json::json!({"cmd": "x%3B%20cat%20%2Fetc%2Fpasswd"});
    let r = invoke(&lambda, &alb);
    assert_eq!(r["statusCode"], 403, "{r}");
    assert!(r["statusDescription"].as_str().unwrap().starts_with("403"));

    // DLP on the handler's response.
    let mut leak = fixture("apigw-http-v2.json");
    leak["rawPath"] = "/leak".into();
    leak["requestContext"]["http"]["sourceIp"] = "198.51.100.5".into();
    let r = invoke(&lambda, &leak);
    assert_eq!(r["statusCode"], 403, "{r}");
    assert!(!r.to_string().contains("4111"));

    // Events are delivered off the response path: wait for them (bounded).
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while reporter.0.lock().unwrap().len() < 5 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let events = reporter.0.lock().unwrap().clone();
    let ips: Vec<String> = events
        .iter()
        .filter_map(|e| e.client_ip.map(|i| i.to_string()))
        .collect();
    for ip in [
        "198.51.100.1",
        "198.51.100.2",
        "198.51.100.3",
        "198.51.100.4",
        "198.51.100.5",
    ] {
        assert!(
            ips.iter().any(|i| i == ip),
            "no event from {ip}: {events:?}"
        );
    }
}
