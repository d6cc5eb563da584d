//! Fuzz the shell tokenizer: any bytes, every context; must never panic, and the decision
//! must not depend on anything but the value and context.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasp_detect::{cmdi, Context};

fuzz_target!(|data: &[u8]| {
    let value = String::from_utf8_lossy(data);
    for ctx in [Context::Param, Context::Header, Context::PathSegment] {
        let a = cmdi::detect(&value, ctx);
        assert_eq!(a, cmdi::detect(&value, ctx));
    }
});
