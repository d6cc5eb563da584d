//! `rasp check` (being built in this development cycle).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> ExitCode {
    eprintln!("rasp check: not built yet");
    ExitCode::FAILURE
}
