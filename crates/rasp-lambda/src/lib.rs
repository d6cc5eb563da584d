//! rasp-rs for AWS Lambda.
//!
//! Two ways to protect a function:
//!
//! * **Rust functions** on `lambda_http` (feature `function`): wrap the service in
//!   [`RaspLayer`]. API Gateway REST (payload v1), HTTP API (v2), Function URL and ALB events
//!   are inspected; blocked requests get the configured response in the event's own format.
//!
//!   ```no_run
//!   # #[cfg(feature = "function")]
//!   # async fn demo() -> Result<(), lambda_http::Error> {
//!   use lambda_http::{service_fn, Body, Request, Response};
//!   use tower_layer::Layer;
//!   let handler = service_fn(|_req: Request| async {
//!       Ok::<_, lambda_http::Error>(Response::new(Body::from("hello")))
//!   });
//!   lambda_http::run(rasp_lambda::RaspLayer::from_env()?.layer(handler)).await
//!   # }
//!   ```
//!
//! * **Any runtime** (Python, Node.js, Java, Rust…) through the layer: `rasp lambda-extension`
//!   ([`extension`], feature `extension`) is an external extension and a Runtime API proxy;
//!   `rasp lambda-layer` ([`layer_zip`]) packages it.
//!
//! Lambda semantics follow PyRASP's `LambdaRASP` (spec §12.5) where they are sound: no
//! background thread, no country resolution, header contents not analysed unless
//! `LAMBDA_ANALYZE_HEADERS` is set. Security events are reported after the response has been
//! handed back, never before.
#![warn(missing_docs)]

pub mod event;
#[cfg(feature = "extension")]
pub mod extension;
#[cfg(feature = "function")]
mod function;
pub mod guard;
#[cfg(feature = "extension")]
pub mod layer_zip;
pub mod response;

use std::path::Path;

pub use event::{EventKind, HttpEvent};
#[cfg(feature = "function")]
pub use function::{RaspLayer, RaspService};
pub use guard::{protect, AgentReporter, Guard, Reporter, SetupError};
pub use response::{block_payload, FunctionResponse};

/// Where the layer ships its default configuration.
pub const LAYER_CONFIG: &str = "/opt/rasp/config.json";

/// Load the configuration: defaults, then `PYRASP_CONF`/`RASP_CONF`, then `explicit`. When
/// neither the environment nor the caller names a file and the layer's
/// `/opt/rasp/config.json` exists, that file is used. Unknown keys are errors: a typo in a
/// security setting must not silently leave a module off.
pub fn load_config(explicit: Option<&Path>) -> Result<rasp_core::Config, rasp_core::ConfigError> {
    let env_set = ["PYRASP_CONF", "RASP_CONF"]
        .iter()
        .any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()));
    let layer = Path::new(LAYER_CONFIG);
    let explicit = explicit.or((!env_set && layer.is_file()).then_some(layer));
    rasp_core::Config::load(explicit, false).map(|l| l.config)
}
