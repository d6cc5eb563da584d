//! Time one detector per value over JSON Lines corpora (validation side of the split), to
//! find where the time goes: mean, p99 and the slowest values.
//!
//! ```text
//! cargo run --release -p rasp-detect --example timing -- sqli FILE.jsonl…
//! ```
//!
//! The first argument is a kind label (`sqli`, `xss`, `cmdi`, `path_traversal`) or `all`.
//! Each value is checked `REPS` times and its best time kept (quieter on a shared machine).

use std::io::BufRead;
use std::time::Instant;

use rasp_detect::ml::split::{split_of, Split};
use rasp_detect::{AttackKind, Context, Detectors};

const REPS: usize = 3;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "all".to_owned());
    // `sqli-grammar`: the SQL grammar alone, without the ML stage.
    let grammar_only = which == "sqli-grammar";
    let kinds: Vec<AttackKind> = AttackKind::ALL
        .into_iter()
        .filter(|k| {
            which == "all" || k.label() == which || (grammar_only && *k == AttackKind::Sqli)
        })
        .collect();
    let mut values = Vec::new();
    for path in args {
        let f = std::io::BufReader::new(std::fs::File::open(&path)?);
        for line in f.lines() {
            let line = line?;
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                if let Some(p) = v.get("payload").and_then(|p| p.as_str()) {
                    if split_of(p) == Split::Validation {
                        values.push(p.to_owned());
                    }
                }
            }
        }
    }
    let d = Detectors::default();
    for k in AttackKind::ALL {
        let _ = d.check(
            k,
            "<b title='x'>1' or '1'='1 ; cat ../a</b>",
            Context::Param,
        );
    }
    let mut times: Vec<(u64, usize)> = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        let mut best = u64::MAX;
        for _ in 0..REPS {
            let start = Instant::now();
            for &k in &kinds {
                if grammar_only {
                    std::hint::black_box(rasp_detect::sqli::detect(
                        std::hint::black_box(v),
                        Context::Param,
                    ));
                } else {
                    std::hint::black_box(d.check(k, std::hint::black_box(v), Context::Param));
                }
            }
            best = best.min(start.elapsed().as_nanos() as u64);
        }
        times.push((best, i));
    }
    let total: u64 = times.iter().map(|t| t.0).sum();
    times.sort_unstable();
    let p = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize].0 as f64 / 1000.0;
    println!(
        "{which}: {} values, mean {:.3} µs, p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}",
        times.len(),
        total as f64 / times.len() as f64 / 1000.0,
        p(0.5),
        p(0.9),
        p(0.99),
        p(1.0)
    );
    for &(ns, i) in times.iter().rev().take(15) {
        let s: String = values[i].chars().take(90).collect();
        println!(
            "{:9.2} µs {:6} B {s:?}",
            ns as f64 / 1000.0,
            values[i].len()
        );
    }
    Ok(())
}
