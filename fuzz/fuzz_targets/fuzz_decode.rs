//! Decoder fuzzing: percent, escapes, base64, variant chains, multipart and the client-IP
//! hop parser must never panic and must stay bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasp_core::decode::{self, DecodeOptions, MAX_VARIANTS};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = decode::percent(&s);
    let _ = decode::unescape(&s);
    let _ = decode::base64(&s);
    let v = decode::variants(
        &s,
        DecodeOptions {
            depth: 8,
            percent: true,
            unescape: true,
            base64: true,
        },
    );
    assert!(!v.is_empty() && v.len() <= MAX_VARIANTS);
    let (n, _) = decode::normalize(&s, 8);
    assert!(n.chars().count() <= s.chars().count());
    let _ = rasp_core::multipart::parts(data, "x", 64);
    let _ = rasp_core::client_ip::parse_hop(&s);
});
