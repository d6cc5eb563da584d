//! Print one line per value with every detector's decision (kind, engine, score bits, reason),
//! for checking that a performance change is decision-identical:
//!
//! ```text
//! cargo run --release -p rasp-detect --example decisions -- FILE.jsonl… > before.txt
//! # change the code, rebuild
//! cargo run --release -p rasp-detect --example decisions -- FILE.jsonl… > after.txt
//! diff before.txt after.txt
//! ```
//!
//! Each input line is a JSON object with a string `payload`; other lines are skipped. Every
//! value is checked in the `Param` context, and again as a `PathSegment` (where traversal
//! judges a lone `..`).

use std::io::{BufRead, BufWriter, Write};

use rasp_detect::{AttackKind, Context, Detection, Detectors};

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn show(d: Option<Detection>) -> String {
    match d {
        None => "-".to_owned(),
        Some(d) => format!(
            "{}/{}/{:08x}/{}",
            d.kind.label(),
            d.engine.as_str(),
            d.score.to_bits(),
            d.reason
        ),
    }
}

fn main() -> std::io::Result<()> {
    let d = Detectors::default();
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut all: u64 = 0;
    for path in std::env::args().skip(1) {
        let f = std::io::BufReader::new(std::fs::File::open(&path)?);
        for line in f.lines() {
            let line = line?;
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let Some(p) = v.get("payload").and_then(|p| p.as_str()) else {
                continue;
            };
            let mut row = format!("{:016x}", fnv(p));
            for ctx in [Context::Param, Context::PathSegment] {
                for k in AttackKind::ALL {
                    row.push(' ');
                    row.push_str(&show(d.check(k, p, ctx)));
                }
            }
            all = (all ^ fnv(&row)).wrapping_mul(0x100_0000_01b3);
            writeln!(out, "{row}")?;
        }
    }
    writeln!(out, "digest {all:016x}")?;
    Ok(())
}
