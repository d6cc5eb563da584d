//! The HTML/URI/CSS/JS scanners and their decoders (percent, entities, backslash escapes,
//! UTF-7, full-width) must never panic, hang or allocate without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rasp_detect::{xss, Context};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = xss::detect(&s, Context::Param);
    // the inert-markup recogniser that gates the ML stage parses the same input
    let _ = xss::inert_markup(&s);
});
