//! The whole detector pipeline on one value, including the ML stage: its gates, the
//! canonical folding and the n-gram hashing (vectorised with AVX2 where the CPU has it,
//! whose table gathers are `unsafe`), and the model scores.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rasp_detect::{AttackKind, Context, Detectors};

fuzz_target!(|data: &[u8]| {
    thread_local! {
        static DETECTORS: Detectors = Detectors::default();
    }
    let s = String::from_utf8_lossy(data);
    DETECTORS.with(|d| {
        for kind in AttackKind::ALL {
            let _ = d.check(kind, &s, Context::Param);
            if let Some(p) = d.ml_score(kind, &s) {
                assert!((0.0..=1.0).contains(&p), "score {p} out of range");
            }
        }
    });
});
