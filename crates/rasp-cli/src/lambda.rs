//! `rasp lambda-extension` and `rasp lambda-layer` (being built in this development cycle).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ExtensionArgs {}

#[derive(clap::Args)]
pub struct LayerArgs {}

pub fn run_extension(_args: ExtensionArgs) -> ExitCode {
    eprintln!("rasp lambda-extension: not built yet");
    ExitCode::FAILURE
}

pub fn run_layer(_args: LayerArgs) -> ExitCode {
    eprintln!("rasp lambda-layer: not built yet");
    ExitCode::FAILURE
}
