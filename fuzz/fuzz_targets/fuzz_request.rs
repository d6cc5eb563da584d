//! Whole-request fuzzing: arbitrary bytes become method, path, query, headers, body and
//! content type; inbound and outbound inspection must never panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rasp_core::{Config, Decision, Engine, RequestView, ResponseView};

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| {
        let cfg = Config::default()
            .merged_with(&serde_json::json!({
                "SECURITY_CHECKS": {"dlp": 1, "headers": 1, "spoofing": 1},
                "HOSTS": ["example.com"],
                "FORBIDDEN_HEADERS": ["x-debug"],
                "DLP_PHONE_NUMBERS": true, "DLP_CC_NUMBERS": true, "DLP_PRIVATE_KEYS": true,
                "DLP_HASHES": true, "DLP_WINDOWS_CREDS": true, "DLP_LINUX_CREDS": true, "DLP_API": true,
                "TRUSTED_PROXIES": ["127.0.0.0/8"],
            }))
            .expect("fuzz config");
        Engine::new(cfg).expect("engine")
    })
}

/// Split the input on 0xFF bytes into fields (a cheap, stable structure for the fuzzer).
fn fields(data: &[u8]) -> Vec<&[u8]> {
    data.split(|b| *b == 0xff).collect()
}

fuzz_target!(|data: &[u8]| {
    let f = fields(data);
    let get = |i: usize| f.get(i).copied().unwrap_or(b"");
    let text = |i: usize| std::str::from_utf8(get(i)).unwrap_or("");
    let headers: Vec<(&str, &[u8])> = f
        .iter()
        .skip(6)
        .collect::<Vec<_>>()
        .chunks(2)
        .filter_map(|c| match c {
            [n, v] => Some((std::str::from_utf8(n).ok()?, **v)),
            _ => None,
        })
        .collect();
    let req = RequestView {
        method: text(0),
        path: text(1),
        query: text(2),
        host: Some(text(3)),
        peer: Some("127.0.0.1".parse().unwrap()),
        headers,
        body: get(4),
        body_truncated: false,
        content_type: Some(text(5)),
    };
    let e = engine();
    let d = e.inspect_request_at(&req, 1000.0);
    if !matches!(d, Decision::Block(_)) {
        let resp = ResponseView {
            status: 200,
            headers: vec![],
            body: get(4),
            body_truncated: false,
            body_encoded: false,
        };
        let _ = e.inspect_response_at(&req, &resp, &d, 1000.0);
    }
    assert_eq!(e.stats().panics, 0, "engine panicked on {data:?}");
});
