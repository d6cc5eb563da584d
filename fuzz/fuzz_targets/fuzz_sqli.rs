//! The SQL tokenizer and grammar must never panic, hang or allocate without bound, whatever
//! the bytes (decoded lossily as an application would).
#![no_main]
use libfuzzer_sys::fuzz_target;
use rasp_detect::{sqli, Context};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = sqli::detect(&s, Context::Param);
});
