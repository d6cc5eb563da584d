//! `rasp lambda-layer`: the layer zip.
//!
//! Layout (Lambda unpacks layers under `/opt`):
//! - `extensions/rasp` — this executable; Lambda starts every file in `/opt/extensions` as an
//!   external extension, and the file name is the name the extension registers with;
//! - `rasp-wrapper` — the `AWS_LAMBDA_EXEC_WRAPPER` script that points the runtime at the proxy;
//! - `rasp/config.json` — the default configuration location (`/opt/rasp/config.json`).

use std::io::{Read, Seek, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The wrapper script shipped at the layer root.
pub const WRAPPER_SCRIPT: &str = include_str!("../../../scripts/lambda/rasp-wrapper");

/// Where the layer's default configuration lands in the sandbox.
pub const DEFAULT_CONFIG_PATH: &str = "/opt/rasp/config.json";

/// What went wrong building the zip.
#[derive(Debug, thiserror::Error)]
pub enum LayerError {
    /// An input file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The zip could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The zip encoder failed.
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// Inputs of the layer.
pub struct LayerSpec<'a> {
    /// The `rasp` executable to ship (normally a `--profile layer` musl build).
    pub binary: &'a Path,
    /// Configuration JSON to ship as the default; `{}` (built-in defaults) when `None`.
    pub config: Option<&'a Path>,
    /// Deflate level 1–9, or 0 to store uncompressed (fast, for tests of debug builds).
    pub level: u8,
}

/// Write the layer zip to `out`. Entries carry a fixed timestamp so that the same inputs give
/// the same bytes (reproducible layers, stable hashes for deployment tools).
pub fn build_layer(spec: &LayerSpec<'_>, out: &Path) -> Result<u64, LayerError> {
    let binary = read(spec.binary)?;
    let config = match spec.config {
        Some(p) => read(p)?,
        None => b"{}\n".to_vec(),
    };
    let file = std::fs::File::create(out).map_err(|source| LayerError::Write {
        path: out.display().to_string(),
        source,
    })?;
    let file = write_zip(file, &binary, &config, spec.level)?;
    file.sync_all().ok();
    let len = std::fs::metadata(out)
        .map(|m| m.len())
        .map_err(|source| LayerError::Write {
            path: out.display().to_string(),
            source,
        })?;
    Ok(len)
}

/// The zip itself, on any seekable writer.
pub fn write_zip<W: Write + Seek>(
    w: W,
    binary: &[u8],
    config: &[u8],
    level: u8,
) -> Result<W, LayerError> {
    let mut zip = ZipWriter::new(w);
    let stamp = DateTime::from_date_and_time(2024, 1, 1, 0, 0, 0).unwrap_or_default();
    let base = if level == 0 {
        SimpleFileOptions::default().compression_method(CompressionMethod::Stored)
    } else {
        SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(i64::from(level.min(9))))
    }
    .last_modified_time(stamp);
    let dir = base.unix_permissions(0o755);
    zip.add_directory("extensions/", dir)?;
    zip.start_file("extensions/rasp", base.unix_permissions(0o755))?;
    zip.write_all(binary).map_err(zip::result::ZipError::Io)?;
    zip.start_file("rasp-wrapper", base.unix_permissions(0o755))?;
    zip.write_all(WRAPPER_SCRIPT.as_bytes())
        .map_err(zip::result::ZipError::Io)?;
    zip.add_directory("rasp/", dir)?;
    zip.start_file("rasp/config.json", base.unix_permissions(0o644))?;
    zip.write_all(config).map_err(zip::result::ZipError::Io)?;
    Ok(zip.finish()?)
}

fn read(p: &Path) -> Result<Vec<u8>, LayerError> {
    let mut v = Vec::new();
    std::fs::File::open(p)
        .and_then(|mut f| f.read_to_end(&mut v))
        .map_err(|source| LayerError::Read {
            path: p.display().to_string(),
            source,
        })?;
    Ok(v)
}
