//! `rasp check [--config FILE] [--lenient] [--stats] [FILE...]`: run the engine over JSON
//! Lines (values or whole requests, see `rasp_core::replay`) and print one verdict line per
//! input line. State (blacklist, flood and brute-force counters) carries across lines and
//! files. The protocol lives in rasp-core; this module only wires files, config and output.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rasp_agent::{Agent, AgentOptions};
use rasp_core::replay::Replayer;
use rasp_core::{Config, Engine};

#[derive(clap::Args)]
pub struct Args {
    /// PyRASP-compatible JSON config (over `PYRASP_CONF`/`RASP_CONF`, over the defaults).
    #[arg(long, short = 'c', value_name = "FILE")]
    config: Option<PathBuf>,
    /// Unknown config keys become warnings instead of errors.
    #[arg(long)]
    lenient: bool,
    /// Print a JSON summary (counts, attacks per type, engine stats, throughput) to stderr.
    #[arg(long)]
    stats: bool,
    /// JSON Lines files to read in order (`-` or none: standard input).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let loaded = match Config::load(args.config.as_deref(), args.lenient) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("rasp check: {e}");
            return ExitCode::from(2);
        }
    };
    for w in &loaded.warnings {
        eprintln!("rasp check: warning: {w}");
    }
    // Security logs (LOG_ENABLED) and shared state (STATE_BACKEND) exactly as a server
    // would produce them; flushed before exit.
    let agent = match Agent::start(&loaded.config, AgentOptions::new("rasp check")) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("rasp check: {e}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Engine::builder_from(loaded).sink(agent.sink());
    if let Some(store) = agent.store() {
        builder = builder.store(store);
    }
    let engine = match builder.build() {
        Ok(e) => Arc::new(e),
        Err(e) => {
            eprintln!("rasp check: {e}");
            return ExitCode::from(2);
        }
    };
    let mut replayer = Replayer::new(engine.clone());
    let started = Instant::now();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let inputs: Vec<Option<PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files
            .iter()
            .map(|p| (p.as_os_str() != "-").then(|| p.clone()))
            .collect()
    };
    let mut status = ExitCode::SUCCESS;
    for input in inputs {
        let result = match &input {
            None => replayer.run(io::stdin().lock(), &mut out),
            Some(path) => match File::open(path) {
                Ok(f) => replayer.run(BufReader::with_capacity(64 * 1024, f), &mut out),
                Err(e) => {
                    eprintln!("rasp check: {}: {e}", path.display());
                    status = ExitCode::from(2);
                    continue;
                }
            },
        };
        if let Err(e) = result {
            // A closed stdout (e.g. `| head`) ends the run quietly.
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("rasp check: {e}");
                status = ExitCode::from(2);
            }
            break;
        }
    }
    if let Err(e) = out.flush() {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("rasp check: {e}");
            status = ExitCode::from(2);
        }
    }
    // Release the stdout lock first: LOG_PROTOCOL=stdout writes from the agent's thread.
    drop(out);
    if !agent.shutdown(Duration::from_secs(10)) {
        let s = agent.stats().log;
        eprintln!(
            "rasp check: warning: {} security log(s) not delivered before exit",
            s.accepted.saturating_sub(s.sent)
        );
    }
    if args.stats {
        let summary = replayer
            .stats
            .to_json(&engine.stats(), started.elapsed().as_secs_f64());
        eprintln!("{summary}");
    }
    status
}
