//! Time per value through all four detectors (`Detectors::check` for command injection,
//! XSS, SQLi and path traversal, as the engine runs them on one parameter), on a mixed
//! sample, plus the worst case: a 1 MiB adversarial value.
//!
//! ```text
//! cargo bench -p rasp-detect --bench detect
//! RASP_BENCH_CORPUS=../shared/corpus/crs_regression_tests.jsonl cargo bench -p rasp-detect --bench detect
//! RASP_BENCH_CORPUS=$(ls ../shared/corpus/*.jsonl target/benign/*.jsonl | paste -sd:) \
//!     cargo bench -p rasp-detect --bench detect
//! ```
//!
//! Besides criterion's mean, the bench prints the p99 over single-value timings of the sample.

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use rasp_detect::{AttackKind, Context, Detectors};

/// A mix of ordinary values (mostly) and attacks of every family.
fn builtin_sample() -> Vec<String> {
    [
        "42",
        "jane.roe@example.org",
        "D'Angelo",
        "Tom & Jerry",
        "fish; chips",
        "drop me a line at the union station",
        "2025-11-25 18:30",
        "https://shop.example.com/cart?item=12&qty=3",
        "{\"id\":7,\"tags\":[\"x\",\"y\"]}",
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "<p>Thanks, <em>great</em> article &amp; nice <a href=\"https://a.example/x\">link</a></p>",
        "x^2 + y^2 <= r^2",
        "docs/guide/intro.md",
        "Ich möchte gern zwei Kaffee, bitte.",
        "東京都千代田区",
        "v1.2.3-beta",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "; cat /etc/passwd",
        "$(curl -s http://127.0.0.1/x | sh)",
        "`id`",
        "..%2f..%2f..%2fetc%2fpasswd",
        "....//....//boot.ini",
        "php://filter/convert.base64-encode/resource=index",
        "2 UNION ALL SELECT username, password FROM accounts--",
        "x' AND 1=CONVERT(int,(SELECT @@version))--",
        "<svg/onload=confirm(1)>",
        "\"><iframe src=javascript:alert(1)>",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Payloads from the corpus files named by `RASP_BENCH_CORPUS` (separated by `:`), if set:
/// from each file up to 1,000 values spread evenly over it, so a mix of attack corpora and
/// benign sets weighs each source alike.
fn corpus_sample() -> Option<Vec<String>> {
    let paths = std::env::var("RASP_BENCH_CORPUS").ok()?;
    let mut out = Vec::new();
    for path in paths.split(':').filter(|p| !p.is_empty()) {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let values: Vec<String> = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["payload"].as_str().map(str::to_owned))
            .collect();
        let step = values.len().div_ceil(1000).max(1);
        out.extend(values.into_iter().step_by(step));
    }
    (!out.is_empty()).then_some(out)
}

fn check_all(d: &Detectors, v: &str) -> usize {
    AttackKind::ALL
        .iter()
        .filter(|&&k| d.check(k, v, Context::Param).is_some())
        .count()
}

fn print_p99(d: &Detectors, sample: &[String]) {
    let mut t: Vec<u128> = Vec::with_capacity(sample.len() * 20);
    for _ in 0..20 {
        for v in sample {
            let s = Instant::now();
            black_box(check_all(d, black_box(v)));
            t.push(s.elapsed().as_nanos());
        }
    }
    t.sort_unstable();
    let mean = t.iter().sum::<u128>() as f64 / t.len() as f64;
    let p99 = t[(t.len() * 99 / 100).min(t.len() - 1)];
    eprintln!(
        "all detectors, {} values x 20: mean {:.2} µs, p99 {:.2} µs",
        sample.len(),
        mean / 1e3,
        p99 as f64 / 1e3
    );
}

fn bench(c: &mut Criterion) {
    let d = Detectors::default();
    let sample = corpus_sample().unwrap_or_else(builtin_sample);
    print_p99(&d, &sample);
    c.bench_function("all detectors / mixed value (mean per value)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % sample.len();
            check_all(&d, black_box(&sample[i]))
        })
    });
    // The two detectors with the tightest per-value budgets, alone.
    for kind in [AttackKind::Sqli, AttackKind::Traversal] {
        c.bench_function(&format!("{} / mixed value", kind.label()), |b| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % sample.len();
                d.check(kind, black_box(&sample[i]), Context::Param)
            })
        });
    }
    // Worst case: 1 MiB of separators, dots, quotes and tags; the window cap bounds it.
    let big: String = ";../'<a ${IFS}%2e|".repeat(1 << 16);
    c.bench_function("all detectors / 1 MiB adversarial value", |b| {
        b.iter(|| check_all(&d, black_box(&big)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
