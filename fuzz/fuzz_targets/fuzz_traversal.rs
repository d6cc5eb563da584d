//! Fuzz path canonicalisation and the traversal judge: any bytes must neither panic nor
//! grow the canonical form beyond a small multiple of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasp_detect::{traversal, Context};

fuzz_target!(|data: &[u8]| {
    let value = String::from_utf8_lossy(data);
    let canon = traversal::canonical(&value);
    assert!(canon.len() <= value.len() * 3 + 4);
    let _ = traversal::detect(&value, Context::Param);
    let _ = traversal::detect(&value, Context::PathSegment);
});
