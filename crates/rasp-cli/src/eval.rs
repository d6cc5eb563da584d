//! `rasp eval`: detection and false-positive rates of the detectors on labelled corpora.
//!
//! Every value runs through all four detectors (as the engine would on a parameter); an
//! attack counts as caught when any detector fires ("any") and, separately, when the detector
//! of its own kind fires ("own"). Benign values flagged by any detector are false positives.
//!
//! With `--location LOC` each value is instead judged by the engine as it runs at request
//! time for a value found at `LOC`: the same call `rasp check` makes for a value line
//! ([`Engine::check_value`]: the location's decoders, JSON inside a value expanded, the
//! default config's enabled checks, first finding in PyRASP's order, grammars before models). A row is flagged when
//! the engine reports one of the four injection attacks, and "own" when that attack's kind
//! is the row's label.

pub mod corpus;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use rasp_core::vectors::Location;
use rasp_core::{Check, Config, Engine};
use rasp_detect::ml::split::Split;
use rasp_detect::ml::Model;
use rasp_detect::{AttackKind, Context, Detectors, Thresholds};
use serde_json::json;

use corpus::{label_name, Row};

/// Which rows to evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SplitArg {
    /// Only the validation side of the hash split (never seen by `rasp train`).
    Validation,
    /// Every row.
    All,
}

#[derive(clap::Args)]
pub struct Args {
    /// Labelled JSON Lines files (`{"payload","label","source"}`).
    #[arg(required = true)]
    pub corpora: Vec<PathBuf>,
    /// Rows to evaluate.
    #[arg(long, value_enum, default_value = "validation")]
    pub split: SplitArg,
    /// Print up to N missed attacks and N false positives.
    #[arg(long, default_value_t = 0)]
    pub show: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Score with this model file instead of the embedded one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Override SQLI_PROBA.
    #[arg(long)]
    pub sqli_proba: Option<f32>,
    /// Override XSS_PROBA.
    #[arg(long)]
    pub xss_proba: Option<f32>,
    /// Only rows with this label (`sqli`, `xss`, `cmdi`, `path_traversal`, `benign`).
    #[arg(long)]
    pub label: Option<String>,
    /// Judge each value as the engine does for a value found at this location (`qs_values`,
    /// `post_values`, `json_values`, `cookies`, `path`, `headers_values`, `user_agent`,
    /// `referer`, …): the call `rasp check` makes for a value line, with the default config.
    /// Timing then covers the whole engine call.
    #[arg(long, value_name = "LOC", value_parser = parse_location)]
    pub location: Option<String>,
}

/// A known engine location name.
fn parse_location(s: &str) -> Result<String, String> {
    match Location::from_name(s) {
        Some(l) => Ok(l.as_str().to_owned()),
        None => {
            let names: Vec<&str> = Location::ALL.iter().map(|l| l.as_str()).collect();
            Err(format!("unknown location (one of {})", names.join(", ")))
        }
    }
}

/// Counters for one (source, label) cell or one label.
#[derive(Default, Clone, Debug)]
pub struct Cell {
    pub n: usize,
    /// Attack: caught by any detector. Benign: flagged by any detector.
    pub any: usize,
    /// Attack: caught by the detector of its own kind.
    pub own: usize,
    pub ml: usize,
}

/// The outcome of an evaluation.
#[derive(Default, Debug)]
pub struct Report {
    pub by_label: BTreeMap<&'static str, Cell>,
    pub by_source: BTreeMap<(String, &'static str), Cell>,
    pub times_ns: Vec<u64>,
    /// Nanoseconds per benign value only (ordinary traffic), a subset of `times_ns`.
    pub benign_times_ns: Vec<u64>,
    /// Total nanoseconds spent in each detector, in [`AttackKind::ALL`] order.
    pub per_kind_ns: [u64; 4],
    pub misses: Vec<(String, &'static str, String)>,
    /// Default mode: for each shown miss, what the engine reports for the same value in a
    /// query string (`None`: it lets the value through too). The detectors judge the raw
    /// value; the engine first decodes it as PyRASP does (whole-value base64, JSON inside a
    /// value expanded into members), so a value may be missed here and blocked at runtime.
    pub miss_engine: Vec<Option<String>>,
    pub false_positives: Vec<(String, String, String)>,
    /// `--location`: the engine location every value was judged at (`None`: the detectors
    /// were called directly).
    pub location: Option<String>,
    /// `--location`: engine calls that ran out of the per-request time budget without a
    /// finding (a value the budget may have let through).
    pub budget_overruns: u64,
    /// `--location`: engine calls whose detectors panicked (the engine lets the value pass).
    pub panics: u64,
    /// `--location`: values the engine reported under a check that is not one of the four
    /// injection checks (never counted as flagged).
    pub other_checks: usize,
}

/// Mean, p99 and maximum of `times`.
fn stats(times: &[u64]) -> (f64, u64, u64) {
    if times.is_empty() {
        return (0.0, 0, 0);
    }
    let mut t = times.to_vec();
    t.sort_unstable();
    let mean = t.iter().sum::<u64>() as f64 / t.len() as f64;
    let p99 = t[((t.len() as f64 * 0.99) as usize).min(t.len() - 1)];
    (mean, p99, *t.last().unwrap_or(&0))
}

fn pct(a: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        100.0 * a as f64 / n as f64
    }
}

impl Report {
    /// Mean and p99 nanoseconds per value (all detectors).
    pub fn timing(&self) -> (f64, u64, u64) {
        stats(&self.times_ns)
    }

    /// Mean and p99 nanoseconds per benign value.
    pub fn benign_timing(&self) -> (f64, u64, u64) {
        stats(&self.benign_times_ns)
    }

    /// The report as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        let cell = |c: &Cell| {
            json!({"n": c.n, "any": c.any, "own": c.own, "ml": c.ml,
            "rate_any": pct(c.any, c.n), "rate_own": pct(c.own, c.n)})
        };
        let (mean, p99, max) = self.timing();
        let (bmean, bp99, bmax) = self.benign_timing();
        let mut j = json!({
            "by_label": self.by_label.iter().map(|(k, c)| (k.to_string(), cell(c))).collect::<serde_json::Map<_, _>>(),
            "by_source": self.by_source.iter().map(|((s, l), c)| {
                let mut v = cell(c);
                v["source"] = json!(s);
                v["label"] = json!(l);
                v
            }).collect::<Vec<_>>(),
            "time_ns": {"mean": mean, "p99": p99, "max": max},
            "benign_time_ns": {"mean": bmean, "p99": bp99, "max": bmax},
            "misses": self.misses.iter().enumerate().map(|(i, (s, l, p))| {
                let mut m = json!({"source": s, "label": l, "payload": p});
                if let Some(Some(by)) = self.miss_engine.get(i) {
                    m["engine_qs_values"] = json!(by);
                }
                m
            }).collect::<Vec<_>>(),
            "false_positives": self.false_positives.iter().map(|(s, by, p)| json!({"source": s, "flagged_as": by, "payload": p})).collect::<Vec<_>>(),
        });
        if let Some(loc) = &self.location {
            j["location"] = json!(loc);
            j["time_covers"] = json!("whole engine call (Engine::check_value)");
            j["budget_overruns"] = json!(self.budget_overruns);
            j["panics"] = json!(self.panics);
            j["other_checks"] = json!(self.other_checks);
        }
        j
    }

    /// Human-readable tables on standard output. A closed pipe (`rasp eval … | head`) ends
    /// the output quietly instead of panicking.
    pub fn print(&self) {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        if let Err(e) = self.write_to(&mut out).and_then(|()| out.flush()) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("rasp: {e}");
            }
        }
    }

    /// Human-readable tables.
    pub fn write_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        writeln!(
            out,
            "{:<16} {:>7} {:>9} {:>9} {:>7}",
            "label", "n", "any %", "own %", "by ML"
        )?;
        for (l, c) in &self.by_label {
            let name = if *l == "benign" { "benign (FP)" } else { l };
            writeln!(
                out,
                "{:<16} {:>7} {:>9.2} {:>9} {:>7}",
                name,
                c.n,
                pct(c.any, c.n),
                if *l == "benign" {
                    "-".to_string()
                } else {
                    format!("{:.2}", pct(c.own, c.n))
                },
                c.ml
            )?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{:<38} {:<15} {:>7} {:>9} {:>9}",
            "source", "label", "n", "any %", "own %"
        )?;
        for ((s, l), c) in &self.by_source {
            writeln!(
                out,
                "{:<38} {:<15} {:>7} {:>9.2} {:>9.2}",
                s,
                l,
                c.n,
                pct(c.any, c.n),
                pct(c.own, c.n)
            )?;
        }
        let (mean, p99, max) = self.timing();
        writeln!(out)?;
        if let Some(loc) = &self.location {
            writeln!(
                out,
                "engine mode: each value judged by Engine::check_value(value, {loc:?}) with the default config \
                 (as `rasp check`); flagged = an injection attack reported; own = its kind is the label"
            )?;
            writeln!(
                out,
                "budget overruns without a finding: {}, detector panics: {}, other checks reported: {}",
                self.budget_overruns, self.panics, self.other_checks
            )?;
        }
        let what = if self.location.is_some() {
            "whole engine call (decoding, JSON expansion, detectors)"
        } else {
            "all detectors"
        };
        writeln!(
            out,
            "time per value, {what}: mean {:.2} µs, p99 {:.2} µs, max {:.2} µs ({} values)",
            mean / 1e3,
            p99 as f64 / 1e3,
            max as f64 / 1e3,
            self.times_ns.len()
        )?;
        if !self.benign_times_ns.is_empty() {
            let (bmean, bp99, bmax) = self.benign_timing();
            writeln!(
                out,
                "  benign values only: mean {:.2} µs, p99 {:.2} µs, max {:.2} µs ({} values)",
                bmean / 1e3,
                bp99 as f64 / 1e3,
                bmax as f64 / 1e3,
                self.benign_times_ns.len()
            )?;
        }
        if self.location.is_none() {
            let n = self.times_ns.len().max(1) as f64;
            let per: Vec<String> = AttackKind::ALL
                .iter()
                .zip(self.per_kind_ns)
                .map(|(k, ns)| format!("{} {:.2} µs", k.label(), ns as f64 / n / 1e3))
                .collect();
            writeln!(out, "mean per detector: {}", per.join(", "))?;
        }
        if !self.misses.is_empty() {
            writeln!(out, "\nmissed attacks:")?;
            for (i, (s, l, p)) in self.misses.iter().enumerate() {
                match self.miss_engine.get(i) {
                    Some(Some(by)) => writeln!(
                        out,
                        "  [{s} {l}] {}  (blocked by the engine in a query string: {by})",
                        shorten(p)
                    )?,
                    _ => writeln!(out, "  [{s} {l}] {}", shorten(p))?,
                }
            }
            let blocked = self.miss_engine.iter().flatten().count();
            if blocked > 0 {
                writeln!(
                    out,
                    "  ({blocked} of these values the engine blocks at runtime after decoding them; \
                     `--location qs_values` scores every row that way)"
                )?;
            }
        }
        if !self.false_positives.is_empty() {
            writeln!(out, "\nfalse positives:")?;
            for (s, by, p) in &self.false_positives {
                writeln!(out, "  [{s} as {by}] {}", shorten(p))?;
            }
        }
        Ok(())
    }
}

fn shorten(p: &str) -> String {
    let s: String = p.chars().take(160).collect();
    format!("{s:?}")
}

/// Run all detectors on `rows`, keeping up to `show` misses and false positives (spread over
/// the corpus: every k-th one, so the sample is not just the first file).
pub fn evaluate<'a>(d: &Detectors, rows: impl IntoIterator<Item = &'a Row>, show: usize) -> Report {
    let mut r = Report::default();
    // One-time start-up work (embedded model parse and tables, automata) is not per-value
    // cost; the engine does it when it compiles its config.
    d.warm_up();
    let mut all_misses = Vec::new();
    let mut all_fps = Vec::new();
    let rows: Vec<&Row> = rows.into_iter().collect();
    for &row in &rows {
        let mut first = None;
        let mut own = false;
        // One clock pair around the four detectors: a pair per detector would add three
        // clock reads to every value's time (per-detector times come from a second pass).
        let start = Instant::now();
        let hits = AttackKind::ALL.map(|k| d.check(k, &row.payload, Context::Param));
        let total = start.elapsed().as_nanos() as u64;
        for (k, hit) in AttackKind::ALL.into_iter().zip(hits) {
            if let Some(det) = hit {
                own |= Some(k) == row.label;
                first.get_or_insert(det);
            }
        }
        let hit = first.map(|det| Hit {
            ml: det.engine == rasp_detect::Engine::MachineLearning,
            by: format!("{}/{}", det.kind.label(), det.engine.as_str()),
        });
        record(&mut r, row, hit, own, total, &mut all_misses, &mut all_fps);
    }
    // Per-detector shares, each value again through all four in the same order (so the
    // detectors' shared per-value memos hit as they did above).
    for &row in &rows {
        for (i, k) in AttackKind::ALL.into_iter().enumerate() {
            let start = Instant::now();
            std::hint::black_box(d.check(k, &row.payload, Context::Param));
            r.per_kind_ns[i] += start.elapsed().as_nanos() as u64;
        }
    }
    r.misses = sample(all_misses, show);
    r.false_positives = sample(all_fps, show);
    r
}

/// What flagged a value: by the model or not, and a description for the `--show` list.
struct Hit {
    ml: bool,
    by: String,
}

type Misses = Vec<(String, &'static str, String)>;
type FalsePositives = Vec<(String, String, String)>;

/// Count one judged row in its label's and its source's cells.
fn record(
    r: &mut Report,
    row: &Row,
    hit: Option<Hit>,
    own: bool,
    total: u64,
    all_misses: &mut Misses,
    all_fps: &mut FalsePositives,
) {
    r.times_ns.push(total);
    if row.label.is_none() {
        r.benign_times_ns.push(total);
    }
    let label = label_name(row.label);
    let ml = hit.as_ref().is_some_and(|h| h.ml);
    for cell in [
        r.by_label.entry(label).or_default(),
        r.by_source.entry((row.source.clone(), label)).or_default(),
    ] {
        cell.n += 1;
        cell.any += usize::from(hit.is_some());
        cell.own += usize::from(own);
        cell.ml += usize::from(ml);
    }
    match (&row.label, hit) {
        (Some(_), None) => all_misses.push((row.source.clone(), label, row.payload.clone())),
        (None, Some(h)) => all_fps.push((row.source.clone(), h.by, row.payload.clone())),
        _ => {}
    }
}

/// The detector kind of an engine check, for the four injection checks only.
fn injection_kind(check: Check) -> Option<AttackKind> {
    match check {
        Check::Command => Some(AttackKind::Cmdi),
        Check::Xss => Some(AttackKind::Xss),
        Check::Sqli => Some(AttackKind::Sqli),
        Check::Traversal => Some(AttackKind::Traversal),
        _ => None,
    }
}

/// The engine `rasp eval --location` judges with: the default config (not `PYRASP_CONF`),
/// an in-memory store, no event sink, no routes, with the model thresholds overridden.
pub fn eval_engine(sqli_proba: Option<f32>, xss_proba: Option<f32>) -> Result<Engine, String> {
    let mut config = Config::default();
    if let Some(p) = sqli_proba {
        config.sqli_proba = p;
    }
    if let Some(p) = xss_proba {
        config.xss_proba = p;
    }
    Engine::new(config).map_err(|e| e.to_string())
}

/// Judge `rows` with the engine as it runs on a value found at `location` (the call `rasp
/// check` makes for a value line). Only the four injection checks count. `check_value` reads
/// and writes no state (no store, blacklist, flood or brute counters, no event), so one
/// engine serves every row and no row can change another's verdict; the figures it adds are
/// the engine's health counters (budget overruns, panics).
pub fn evaluate_engine<'a>(
    engine: &Engine,
    location: &str,
    rows: impl IntoIterator<Item = &'a Row>,
    show: usize,
) -> Report {
    let mut r = Report {
        location: Some(location.to_owned()),
        ..Report::default()
    };
    // One-time work (lazily built tables) is not per-value cost.
    let before = engine.stats();
    for warm in [
        "<p title='x' onclick=\"go(1)\">it's 1 or 2; cat ../etc/passwd</p>",
        "eyJhIjogIjEgT1IgMT0xIn0=",
    ] {
        std::hint::black_box(engine.check_value(warm, location));
    }
    let mut all_misses = Vec::new();
    let mut all_fps = Vec::new();
    for row in rows {
        let start = Instant::now();
        let attack = engine.check_value(&row.payload, location);
        let total = start.elapsed().as_nanos() as u64;
        let mut own = false;
        let hit = attack.as_ref().and_then(|a| {
            let Some(kind) = injection_kind(a.check) else {
                r.other_checks += 1;
                return None;
            };
            own = Some(kind) == row.label;
            let engine = a.engine.unwrap_or("?");
            let mut by = format!("{}/{engine}", kind.label());
            if a.payload != row.payload || a.location != location {
                by.push_str(&format!(" in {} {}", a.location, shorten(&a.payload)));
            }
            Some(Hit {
                ml: engine == rasp_detect::Engine::MachineLearning.as_str(),
                by,
            })
        });
        record(&mut r, row, hit, own, total, &mut all_misses, &mut all_fps);
    }
    let after = engine.stats();
    r.budget_overruns = after.budget_overruns - before.budget_overruns;
    r.panics = after.panics - before.panics;
    r.misses = sample(all_misses, show);
    r.false_positives = sample(all_fps, show);
    r
}

/// What the engine reports for each missed value found in a query string: `kind/engine`, and
/// where and on what when the finding is on a decoded or expanded part (`sqli/grammar in
/// json_values "admin'--"`); `None` when it lets the value through.
fn engine_verdicts(
    engine: &Engine,
    misses: &[(String, &'static str, String)],
) -> Vec<Option<String>> {
    const LOCATION: &str = "qs_values";
    misses
        .iter()
        .map(|(_, _, payload)| {
            let a = engine.check_value(payload, LOCATION)?;
            let kind = injection_kind(a.check)?;
            let mut by = format!("{}/{}", kind.label(), a.engine.unwrap_or("?"));
            if a.payload != *payload || a.location != LOCATION {
                by.push_str(&format!(" in {} {}", a.location, shorten(&a.payload)));
            }
            Some(by)
        })
        .collect()
}

fn sample<T>(v: Vec<T>, n: usize) -> Vec<T> {
    if n == 0 || v.is_empty() {
        return Vec::new();
    }
    let step = v.len().div_ceil(n).max(1);
    v.into_iter().step_by(step).take(n).collect()
}

/// Thresholds from the command line over the defaults.
pub fn thresholds(sqli: Option<f32>, xss: Option<f32>) -> Thresholds {
    let mut t = Thresholds::default();
    if let Some(p) = sqli {
        t.sqli_proba = p;
    }
    if let Some(p) = xss {
        t.xss_proba = p;
    }
    t
}

pub fn run(args: Args) -> ExitCode {
    let rows = match corpus::load(&args.corpora) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rasp eval: {e}");
            return ExitCode::FAILURE;
        }
    };
    let selected = rows
        .iter()
        .filter(|r| args.split == SplitArg::All || r.split == Split::Validation)
        .filter(|r| {
            args.label
                .as_deref()
                .is_none_or(|l| label_name(r.label) == l)
        });
    let report = match &args.location {
        None => {
            let t = thresholds(args.sqli_proba, args.xss_proba);
            let d = match detectors(&args, t) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("rasp eval: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let mut report = evaluate(&d, selected, args.show);
            match eval_engine(args.sqli_proba, args.xss_proba) {
                Ok(engine) => report.miss_engine = engine_verdicts(&engine, &report.misses),
                Err(e) => eprintln!("rasp eval: no engine verdicts for the misses: {e}"),
            }
            report
        }
        Some(loc) => {
            if args.model.is_some() {
                eprintln!("rasp eval: --model cannot be used with --location (the engine embeds its model)");
                return ExitCode::FAILURE;
            }
            match eval_engine(args.sqli_proba, args.xss_proba) {
                Ok(engine) => evaluate_engine(&engine, loc, selected, args.show),
                Err(e) => {
                    eprintln!("rasp eval: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report.to_json()).unwrap_or_default()
        );
    } else {
        report.print();
    }
    ExitCode::SUCCESS
}

/// The detectors of the default mode: the embedded model or `--model`.
fn detectors(args: &Args, t: Thresholds) -> Result<Detectors, String> {
    Ok(match &args.model {
        None => Detectors::new(t),
        Some(p) => match std::fs::read(p)
            .map_err(|e| e.to_string())
            .and_then(|b| Model::from_bytes(&b).map_err(|e| e.to_string()))
        {
            Ok(m) => Detectors::with_model(t, m),
            Err(e) => return Err(format!("{}: {e}", p.display())),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasp_detect::ml::split::split_of;

    fn row(payload: &str, label: Option<AttackKind>, source: &str) -> Row {
        Row {
            payload: payload.to_owned(),
            label,
            source: source.to_owned(),
            split: split_of(payload),
        }
    }

    #[test]
    fn counts_catches_misses_and_false_positives() {
        let rows = vec![
            row("../../etc/passwd", Some(AttackKind::Traversal), "a"),
            row("; cat /etc/passwd", Some(AttackKind::Cmdi), "a"),
            row("plain words only", Some(AttackKind::Cmdi), "b"),
            row("Tom & Jerry", None, "b"),
            row("$(whoami)", None, "b"),
        ];
        let r = evaluate(&Detectors::default(), &rows, 10);
        let cmdi = &r.by_label["cmdi"];
        assert_eq!((cmdi.n, cmdi.any), (2, 1));
        let benign = &r.by_label["benign"];
        assert_eq!((benign.n, benign.any), (2, 1));
        assert_eq!(r.by_label["path_traversal"].own, 1);
        assert_eq!(r.misses.len(), 1);
        assert_eq!(r.false_positives.len(), 1);
        assert_eq!(r.times_ns.len(), 5);
        let j = r.to_json();
        assert_eq!(j["by_label"]["cmdi"]["n"], 2);
    }

    /// Values the engine decodes or expands before its detectors see them (round 25's
    /// testers): missed when the detectors get the raw value, caught at `qs_values`.
    fn wrapped_rows() -> Vec<Row> {
        vec![
            // base64 of `<script>alert(1)</script>` and of `' OR 1=1--`
            row(
                "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                Some(AttackKind::Xss),
                "w",
            ),
            row("JyBPUiAxPTEtLQ==", Some(AttackKind::Sqli), "w"),
            row(r#"{"id": "1 OR 1=1"}"#, Some(AttackKind::Sqli), "w"),
            row(r#"["127.0.0.1","&& id"]"#, Some(AttackKind::Cmdi), "w"),
            row("Tom & Jerry", None, "b"),
            row("dGhlIHF1aWNrIGJyb3duIGZveA==", None, "b"),
            row(r#"{"name": "O'Brien", "tags": ["a", "b"]}"#, None, "b"),
        ]
    }

    #[test]
    fn location_mode_judges_as_the_engine_does() {
        let engine = eval_engine(None, None).unwrap();
        let rows = wrapped_rows();
        let r = evaluate_engine(&engine, "qs_values", &rows, 10);
        for l in ["xss", "sqli", "cmdi"] {
            let c = &r.by_label[l];
            assert_eq!((c.any, c.own), (c.n, c.n), "{l}: {:?}", r.misses);
        }
        assert_eq!(r.by_label["benign"].any, 0, "{:?}", r.false_positives);
        assert!(r.misses.is_empty());
        assert_eq!(r.times_ns.len(), rows.len());
        assert_eq!(r.other_checks, 0);
        // Each verdict is exactly `rasp check`'s for a value line at that location.
        for row in &rows {
            let flagged = engine.check_value(&row.payload, "qs_values").is_some();
            assert_eq!(flagged, row.label.is_some(), "{}", row.payload);
        }
        let j = r.to_json();
        assert_eq!(j["location"], "qs_values");
        assert_eq!(j["by_label"]["sqli"]["own"], 2);
        let mut text = Vec::new();
        r.write_to(&mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("whole engine call"), "{text}");
        assert!(!text.contains("mean per detector"), "{text}");
    }

    /// The default mode's missed values are each shown with what the engine reports for them
    /// in a query string: the wrapped attacks are blocked at runtime on their decoded part,
    /// and a value nothing catches gets no note.
    #[test]
    fn default_mode_misses_say_what_the_engine_does() {
        let engine = eval_engine(None, None).unwrap();
        let mut rows = wrapped_rows();
        rows.push(row("plain words", Some(AttackKind::Sqli), "w"));
        let mut r = evaluate(&Detectors::default(), &rows, 50);
        r.miss_engine = engine_verdicts(&engine, &r.misses);
        assert_eq!(r.miss_engine.len(), r.misses.len());
        for ((_, _, p), by) in r.misses.iter().zip(&r.miss_engine) {
            if p == "plain words" {
                assert_eq!(by, &None);
            } else {
                assert!(by.is_some(), "{p}: the engine blocks it");
            }
        }
        // (whole-value JSON is judged by the detectors themselves since the eighteenth
        // session, so the base64 value is the wrapped SQLi that only the engine decodes)
        let b64 = r
            .misses
            .iter()
            .position(|m| m.2 == "JyBPUiAxPTEtLQ==")
            .unwrap();
        let by = r.miss_engine[b64].as_deref().unwrap();
        assert!(by.starts_with("sqli/"), "{by}");
        let mut text = Vec::new();
        r.write_to(&mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.contains(&format!("blocked by the engine in a query string: {by}")),
            "{text}"
        );
        assert!(text.contains("--location qs_values"), "{text}");
        assert_eq!(r.to_json()["misses"][b64]["engine_qs_values"], by);
    }

    #[test]
    fn default_mode_unchanged_on_wrapped_values() {
        // The detectors alone do not decode base64: those rows are missed, and the report
        // has none of the engine mode's additions. (A whole-value JSON document's strings
        // are judged by the SQLi and command grammars themselves.)
        let rows = wrapped_rows();
        let r = evaluate(&Detectors::default(), &rows, 10);
        assert_eq!(r.by_label["xss"].any, 0);
        assert_eq!(r.by_label["sqli"].any, 1);
        assert_eq!(r.by_label["benign"].any, 0);
        assert_eq!(r.location, None);
        let j = r.to_json();
        for k in [
            "location",
            "time_covers",
            "budget_overruns",
            "panics",
            "other_checks",
        ] {
            assert!(j.get(k).is_none(), "{k}");
        }
        let mut text = Vec::new();
        r.write_to(&mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.contains("time per value, all detectors: mean"),
            "{text}"
        );
        assert!(text.contains("mean per detector: "), "{text}");
        assert!(!text.contains("engine mode"), "{text}");
    }

    #[test]
    fn location_mode_has_no_state_between_rows() {
        // Many attacks from the same (absent) source, then benign values: a blacklist or a
        // flood counter would turn the later rows into blocks; the engine call has neither.
        let engine = eval_engine(None, None).unwrap();
        let mut rows: Vec<Row> = (0..200)
            .map(|i| row(&format!("' OR {i}={i}--"), Some(AttackKind::Sqli), "a"))
            .collect();
        rows.push(row("Tom & Jerry", None, "b"));
        rows.push(row("hello world", None, "b"));
        let r = evaluate_engine(&engine, "cookies", &rows, 0);
        assert_eq!(r.by_label["sqli"].any, 200);
        assert_eq!(r.by_label["benign"].any, 0);
    }

    #[test]
    fn unknown_location_is_refused() {
        assert_eq!(parse_location("cookies").unwrap(), "cookies");
        assert!(parse_location("nowhere").unwrap_err().contains("qs_values"));
    }

    #[test]
    fn labels_round_trip() {
        for l in ["sqli", "xss", "cmdi", "path_traversal", "benign"] {
            assert_eq!(label_name(corpus::parse_label(l).unwrap()), l);
        }
        assert!(corpus::parse_label("other").is_err());
    }
}
