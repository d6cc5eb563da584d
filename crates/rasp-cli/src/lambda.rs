//! `rasp lambda-extension` and `rasp lambda-layer`. The logic lives in `rasp-lambda`; this
//! module only maps arguments and exit codes.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rasp_lambda::extension::{self, ExtensionOptions, DEFAULT_PORT};
use rasp_lambda::layer_zip::{build_layer, LayerSpec};

/// `rasp lambda-extension`: run as an AWS Lambda external extension and Runtime API proxy.
#[derive(clap::Args)]
pub struct ExtensionArgs {
    /// Lambda's Runtime API (`host:port`); defaults to `AWS_LAMBDA_RUNTIME_API`.
    #[arg(long)]
    runtime_api: Option<String>,
    /// Port of the proxy on 127.0.0.1; defaults to `RASP_PROXY_PORT`, else 9009.
    #[arg(long)]
    port: Option<u16>,
    /// Configuration file (over `RASP_CONF`/`PYRASP_CONF`); default `/opt/rasp/config.json`.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Extension name sent to `register` (Lambda requires the executable's file name).
    #[arg(long, default_value = "rasp")]
    name: String,
}

/// `rasp lambda-layer`: build the Lambda layer zip.
#[derive(clap::Args)]
pub struct LayerArgs {
    /// Output zip file.
    #[arg(long)]
    out: PathBuf,
    /// The `rasp` executable to ship (default: this one). Use a `--profile layer` musl build.
    #[arg(long)]
    binary: Option<PathBuf>,
    /// Configuration to ship as `/opt/rasp/config.json` (default: `{}`, the built-in defaults).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Deflate level 1-9; 0 stores the files uncompressed.
    #[arg(long, default_value_t = 9, value_parser = clap::value_parser!(u8).range(0..=9))]
    level: u8,
}

/// Lambda starts `/opt/extensions/<name>` with no arguments: in that case run the extension
/// under that name, so the layer needs no shell shim.
pub fn run_if_started_by_lambda() -> Option<ExitCode> {
    let mut args = std::env::args_os();
    let argv0 = PathBuf::from(args.next()?);
    if args.next().is_some() {
        return None;
    }
    let parent = argv0.parent()?.file_name()?;
    if parent != "extensions" {
        return None;
    }
    let name = argv0.file_name()?.to_string_lossy().into_owned();
    Some(run_extension(ExtensionArgs {
        runtime_api: None,
        port: None,
        config: None,
        name,
    }))
}

/// Run `rasp lambda-extension`.
pub fn run_extension(args: ExtensionArgs) -> ExitCode {
    let runtime_api = match args
        .runtime_api
        .or_else(|| std::env::var("AWS_LAMBDA_RUNTIME_API").ok())
    {
        Some(a) => a,
        None => return fail(&extension::ExtensionError::NoRuntimeApi.to_string()),
    };
    let port = match (args.port, std::env::var("RASP_PROXY_PORT")) {
        (Some(p), _) => p,
        (None, Ok(p)) => match p.trim().parse() {
            Ok(p) => p,
            Err(_) => return fail(&extension::ExtensionError::BadPort(p).to_string()),
        },
        (None, Err(_)) => DEFAULT_PORT,
    };
    let opts = ExtensionOptions {
        runtime_api,
        listen: SocketAddr::from(([127, 0, 0, 1], port)),
        name: args.name,
        // A bad file is reported to Lambda after registration, not here.
        config: rasp_lambda::load_config(args.config.as_deref()).map_err(|e| e.to_string()),
        reporter: None,
    };
    match extension::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}

/// Run `rasp lambda-layer`.
pub fn run_layer(args: LayerArgs) -> ExitCode {
    let binary = match args.binary {
        Some(b) => b,
        None => match std::env::current_exe() {
            Ok(p) => p,
            Err(e) => return fail(&format!("cannot locate the rasp executable: {e}")),
        },
    };
    let spec = LayerSpec {
        binary: &binary,
        config: args.config.as_deref(),
        level: args.level,
    };
    match build_layer(&spec, &args.out) {
        Ok(size) => {
            println!(
                "{}: {} bytes ({:.2} MB) — extensions/rasp ({}), rasp-wrapper, rasp/config.json",
                args.out.display(),
                size,
                size as f64 / 1e6,
                display_name(&binary)
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.to_string()),
    }
}

fn display_name(p: &Path) -> String {
    p.file_name()
        .map(OsString::from)
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("rasp: {msg}");
    ExitCode::FAILURE
}
