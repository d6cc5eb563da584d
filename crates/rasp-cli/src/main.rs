//! `rasp`: the rasp-rs command-line tool. Each subcommand lives in its own module; this file
//! only dispatches.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod demo;
mod eval;
mod lambda;
mod train;

#[derive(Parser)]
#[command(
    name = "rasp",
    version,
    about = "rasp-rs: runtime application self-protection"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the engine over JSON Lines (values or whole requests) and print verdicts.
    Check(check::Args),
    /// Measure detection and false-positive rates on labelled JSON Lines corpora.
    Eval(eval::Args),
    /// Train the embedded ML model from the corpus (reproducible, fixed seed).
    Train(train::Args),
    /// Run a small protected demo web application on 127.0.0.1.
    Demo(demo::Args),
    /// Run as an AWS Lambda external extension and Runtime API proxy.
    LambdaExtension(lambda::ExtensionArgs),
    /// Build the Lambda layer zip.
    LambdaLayer(lambda::LayerArgs),
}

fn main() -> ExitCode {
    // Lambda starts /opt/extensions/<name> without arguments.
    if let Some(code) = lambda::run_if_started_by_lambda() {
        return code;
    }
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Check(a) => check::run(a),
        Cmd::Eval(a) => eval::run(a),
        Cmd::Train(a) => train::run(a),
        Cmd::Demo(a) => demo::run(a),
        Cmd::LambdaExtension(a) => lambda::run_extension(a),
        Cmd::LambdaLayer(a) => lambda::run_layer(a),
    }
}
