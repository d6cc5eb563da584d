//! Time one detector per value over JSON Lines corpora (validation side of the split), to
//! find where the time goes: mean, p99, the share of each length class, allocations per
//! value and the slowest values.
//!
//! ```text
//! cargo run --release -p rasp-detect --example timing -- sqli FILE.jsonl…
//! ```
//!
//! The first argument is a kind label (`sqli`, `xss`, `cmdi`, `path_traversal`) or `all`.
//! Environment: `REPS=n` checks each value n times in a row and keeps the best time (default
//! 1). Repeats hit the detectors' per-thread memos of the last value (decoding, markup gate,
//! model sums), so n > 1 understates what a fresh value costs; `rasp eval` measures like
//! n = 1. `PASSES=n` runs the whole list n − 1 times first (for a profiler).

use std::io::BufRead;
use std::time::Instant;

use rasp_detect::ml::split::{split_of, Split};
use rasp_detect::{AttackKind, Context, Detectors};

const REPS: usize = 1;

/// Counts allocations, so a change that adds one per value shows here.
struct Counting;
static ALLOCS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
// SAFETY: forwards every call unchanged to the system allocator; the counter is a relaxed
// atomic that no allocation depends on.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: std::alloc::Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: std::alloc::Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.realloc(p, l, n) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;

fn reps() -> usize {
    std::env::var("REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(REPS)
}

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
    let reps = reps();
    let allocs_before = ALLOCS.load(std::sync::atomic::Ordering::Relaxed);
    // PASSES > 1 (for a profiler) runs the whole list again; only the last pass is kept.
    let passes: usize = std::env::var("PASSES")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    for _ in 1..passes {
        for v in &values {
            for &k in &kinds {
                std::hint::black_box(d.check(k, std::hint::black_box(v), Context::Param));
            }
        }
    }
    for (i, v) in values.iter().enumerate() {
        let mut best = u64::MAX;
        for _ in 0..reps {
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
    let allocs = ALLOCS.load(std::sync::atomic::Ordering::Relaxed) - allocs_before;
    let total: u64 = times.iter().map(|t| t.0).sum();
    times.sort_unstable();
    let p = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize].0 as f64 / 1000.0;
    println!(
        "{which}: {} values, {:.2} allocations per check, mean {:.3} µs, p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}",
        times.len(),
        allocs as f64 / (times.len() * reps) as f64,
        total as f64 / times.len() as f64 / 1000.0,
        p(0.5),
        p(0.9),
        p(0.99),
        p(1.0)
    );
    // Where the time goes by value length: a mean dominated by a few long values needs a
    // per-byte cut, one spread over short values a per-call cut.
    let edges = [16usize, 64, 256, 1024, usize::MAX];
    let mut buckets = [(0usize, 0u64); 5];
    for &(ns, i) in &times {
        let b = edges.iter().position(|&e| values[i].len() < e).unwrap_or(4);
        buckets[b].0 += 1;
        buckets[b].1 += ns;
    }
    for (b, &(n, ns)) in buckets.iter().enumerate() {
        println!(
            "  < {:>5} B: {n:6} values, mean {:7.2} µs, {:4.1} % of the time",
            if edges[b] == usize::MAX {
                "inf".to_owned()
            } else {
                edges[b].to_string()
            },
            ns as f64 / n.max(1) as f64 / 1000.0,
            100.0 * ns as f64 / total.max(1) as f64
        );
    }
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
