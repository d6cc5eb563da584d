//! Quick evaluation of the SQLi and XSS grammar engines alone (no ML) over labelled JSON Lines
//! corpora (`{"payload","label","source"}`).
//!
//! ```text
//! cargo run --release -p rasp-detect --example grammar_eval -- CORPUS.jsonl... [--show N]
//! ```
//!
//! Prints, per label and per source, how many values each engine flags, on all rows and on a
//! fixed hash split (rows whose FNV-1a hash mod 5 is 0), the benign values flagged (the false
//! positives to study), some misses, and the mean / p99 time of both engines per value.

use rasp_detect::{sqli, xss, Context};
use std::collections::BTreeMap;
use std::time::Instant;

fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[derive(Default)]
struct Count {
    n: usize,
    sqli: usize,
    xss: usize,
    any: usize,
}

fn main() {
    let mut files = Vec::new();
    let mut show = 15usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--show" {
            show = args.next().and_then(|x| x.parse().ok()).unwrap_or(15);
        } else {
            files.push(a);
        }
    }
    let mut by_label: BTreeMap<(bool, String), Count> = BTreeMap::new();
    let mut by_source: BTreeMap<(String, String), Count> = BTreeMap::new();
    let mut fps: Vec<(String, &'static str, String)> = Vec::new();
    let mut misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut times: Vec<u64> = Vec::new();
    let mut slowest: Vec<(u64, String)> = Vec::new();
    for f in &files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{f}: {e}");
                std::process::exit(2);
            }
        };
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let payload = v["payload"].as_str().unwrap_or("").to_string();
            let label = v["label"].as_str().unwrap_or("").to_string();
            let source = v["source"].as_str().unwrap_or("").to_string();
            let source = short_source(&source);
            if !matches!(label.as_str(), "sqli" | "xss" | "benign") {
                continue;
            }
            let t0 = Instant::now();
            let s = sqli::detect(&payload, Context::Param);
            let x = xss::detect(&payload, Context::Param);
            let dt = t0.elapsed().as_nanos() as u64;
            times.push(dt);
            if slowest.len() < 5 || dt > slowest[slowest.len() - 1].0 {
                slowest.push((dt, payload.chars().take(100).collect()));
                slowest.sort_by_key(|x| std::cmp::Reverse(x.0));
                slowest.truncate(5);
            }
            let holdout = fnv1a(&payload).is_multiple_of(5);
            for key in [(false, label.clone()), (true, label.clone())] {
                if key.0 && !holdout {
                    continue;
                }
                let c = by_label.entry(key).or_default();
                c.n += 1;
                c.sqli += s.is_some() as usize;
                c.xss += x.is_some() as usize;
                c.any += (s.is_some() || x.is_some()) as usize;
            }
            let c = by_source
                .entry((label.clone(), source.clone()))
                .or_default();
            c.n += 1;
            c.sqli += s.is_some() as usize;
            c.xss += x.is_some() as usize;
            c.any += (s.is_some() || x.is_some()) as usize;
            if label == "benign" {
                if let Some(d) = s.as_ref().or(x.as_ref()) {
                    fps.push((payload.clone(), d.reason, source.clone()));
                }
            } else {
                let own = if label == "sqli" {
                    s.is_some()
                } else {
                    x.is_some()
                };
                if !own {
                    misses
                        .entry(label.clone())
                        .or_default()
                        .push(payload.clone());
                }
            }
        }
    }
    let pct = |a: usize, n: usize| {
        if n == 0 {
            0.0
        } else {
            100.0 * a as f64 / n as f64
        }
    };
    println!("split  label   n      sqli%   xss%    any%");
    for ((h, l), c) in &by_label {
        println!(
            "{:6} {:7} {:6} {:7.2} {:7.2} {:7.2}",
            if *h { "hold" } else { "all" },
            l,
            c.n,
            pct(c.sqli, c.n),
            pct(c.xss, c.n),
            pct(c.any, c.n)
        );
    }
    println!(
        "\nlabel   source                                                   n      sqli%   xss%"
    );
    for ((l, s), c) in &by_source {
        let s: String = s.chars().take(56).collect();
        println!(
            "{:7} {:56} {:6} {:7.2} {:7.2}",
            l,
            s,
            c.n,
            pct(c.sqli, c.n),
            pct(c.xss, c.n)
        );
    }
    println!("\nfalse positives ({}):", fps.len());
    for (p, r, s) in fps.iter().take(show) {
        let p: String = p.chars().take(140).collect();
        println!(
            "  [{r}] {p:?}  ({})",
            s.chars().take(40).collect::<String>()
        );
    }
    for (l, m) in &misses {
        println!("\nmissed {l} ({}):", m.len());
        let step = (m.len() / show.max(1)).max(1);
        for p in m.iter().step_by(step).take(show) {
            let p: String = p.chars().take(140).collect();
            println!("  {p:?}");
        }
    }
    println!("\nslowest values:");
    for (t, p) in &slowest {
        println!("  {t:>9} ns  {p:?}");
    }
    times.sort_unstable();
    if !times.is_empty() {
        let mean = times.iter().sum::<u64>() as f64 / times.len() as f64;
        let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
        println!(
            "\ntime per value, sqli+xss: mean {:.0} ns, p99 {} ns, max {} ns (n={})",
            mean,
            p99,
            times[times.len() - 1],
            times.len()
        );
    }
}

/// `owner/repo:dir/sub/file.txt#id` → `repo:sub/file.txt` (readable in a table).
fn short_source(s: &str) -> String {
    let s = s.split('#').next().unwrap_or("");
    if s.starts_with("pypi:") {
        return s.split(['#', ',']).next().unwrap_or(s).to_string();
    }
    let (repo, path) = s.split_once(':').unwrap_or((s, ""));
    let repo = repo.rsplit('/').next().unwrap_or(repo);
    let mut parts: Vec<&str> = path.rsplit('/').take(2).collect();
    parts.reverse();
    format!("{repo}:{}", parts.join("/"))
}
