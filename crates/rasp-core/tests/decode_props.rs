//! Property tests: decoders and request parsing never panic, stay bounded, and are
//! idempotent where they should be.

use base64::Engine as _;
use proptest::prelude::*;
use rasp_core::decode::{self, DecodeOptions, MAX_VARIANTS};
use rasp_core::{Config, Engine, RequestView, ResponseView};

const ALL: DecodeOptions = DecodeOptions {
    depth: 4,
    percent: true,
    unescape: true,
    base64: true,
};

fn encode_percent(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn decoders_never_panic(s in ".{0,200}") {
        let _ = decode::percent(&s);
        let _ = decode::unescape(&s);
        let _ = decode::base64(&s);
        let v = decode::variants(&s, ALL);
        prop_assert!(!v.is_empty() && v.len() <= MAX_VARIANTS);
        prop_assert_eq!(&v[0], &s);
    }

    #[test]
    fn escape_heavy_input_never_panics(s in r"(\\u[0-9a-fA-F]{0,4}|\\x[0-9a-f]{0,2}|%[0-9a-fA-F]{0,2}|\\|[a-z<>'])*") {
        let _ = decode::variants(&s, ALL);
        let (n, _) = decode::normalize(&s, 8);
        prop_assert!(n.chars().count() <= s.chars().count());
    }

    #[test]
    fn percent_round_trips(s in "\\PC{0,64}") {
        let enc = encode_percent(&s);
        let dec = decode::percent(&enc).unwrap_or_else(|| enc.clone());
        prop_assert_eq!(dec, s);
    }

    #[test]
    fn base64_round_trips_printable_text(s in "[ -~]{6,64}") {
        let enc = base64::engine::general_purpose::STANDARD.encode(&s);
        // All-lower-case strings are treated as words, not base64, by design.
        prop_assume!(!enc.trim_end_matches('=').bytes().all(|b| b.is_ascii_lowercase()));
        prop_assert_eq!(decode::base64(&enc), Some(s));
    }

    #[test]
    fn decoders_are_identity_on_plain_text(s in "[A-Za-z0-9 .,;:!?'\"<>()=-]{0,80}") {
        prop_assert_eq!(decode::percent(&s), None);
        prop_assert_eq!(decode::unescape(&s), None);
    }

    #[test]
    fn normalize_is_idempotent_at_its_fixed_point(s in "[a-z%0-9A-F\\\\ux]{0,40}") {
        let (n, fixed) = decode::normalize(&s, 16);
        if fixed {
            prop_assert_eq!(decode::normalize(&n, 16), (n.clone(), true));
        }
    }

    #[test]
    fn engine_never_panics_on_arbitrary_requests(
        path in "/[ -~]{0,60}",
        query in "[ -~]{0,80}",
        body in proptest::collection::vec(any::<u8>(), 0..300),
        ct in prop_oneof![
            Just("application/json"),
            Just("application/x-www-form-urlencoded"),
            Just("multipart/form-data; boundary=x"),
            Just("text/plain"),
            Just(""),
        ],
        header in proptest::collection::vec(any::<u8>(), 0..60),
    ) {
        let e = Engine::new(Config::default()).unwrap();
        let req = RequestView {
            method: "POST",
            path: &path,
            query: &query,
            peer: Some("192.0.2.1".parse().unwrap()),
            headers: vec![("X-Any", &header), ("Cookie", &header)],
            body: &body,
            content_type: Some(ct),
            ..Default::default()
        };
        let d = e.inspect_request_at(&req, 1.0);
        let resp = ResponseView { status: 200, body: &body, ..Default::default() };
        let _ = e.inspect_response_at(&req, &resp, &d, 1.0);
        prop_assert_eq!(e.stats().panics, 0);
    }
}
