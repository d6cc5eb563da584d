//! `rasp lambda-extension`: an external Lambda extension that is also a Runtime API proxy.
//!
//! Start-up, in this order (AWS *Extensions API* and *Runtime API* documentation):
//! 1. bind the proxy port, so the runtime can connect as soon as it starts;
//! 2. `POST /2020-01-01/extension/register` with `Lambda-Extension-Name` (the executable's
//!    file name) for `INVOKE` and `SHUTDOWN`, keeping `Lambda-Extension-Identifier`;
//! 3. build the engine; a bad configuration is reported to `/2020-01-01/extension/init/error`
//!    and the extension exits (failing closed rather than running unprotected);
//! 4. `GET /2020-01-01/extension/event/next`, which ends the extension's init phase.
//!
//! For each `INVOKE` the lifecycle loop waits until the proxy has posted that invocation's
//! response (or error, or block) — or the invocation deadline has passed — then reports the
//! security events and only then asks for the next event: the I/O happens after the client
//! has its answer. `SHUTDOWN` flushes within its deadline and ends the process.

mod proxy;
mod upstream;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::Method;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use rasp_core::Config;
use serde::Deserialize;
use tokio::net::TcpListener;

pub use proxy::{BUFFER_LIMIT, MAX_PAYLOAD};
pub use upstream::UpstreamError;

use crate::guard::{protect, Guard, Reporter};
use proxy::Proxy;
use upstream::{UpBody, Upstream};

/// Default port of the proxy's Runtime API (`RASP_PROXY_PORT` overrides it; the wrapper
/// script reads the same variable).
pub const DEFAULT_PORT: u16 = 9009;

const EXT_PREFIX: &str = "/2020-01-01/extension";
const EXT_ID: &str = "lambda-extension-identifier";

/// How the extension is set up.
pub struct ExtensionOptions {
    /// Lambda's Runtime API (`host:port`, from `AWS_LAMBDA_RUNTIME_API`).
    pub runtime_api: String,
    /// Where the proxy listens (the wrapper points the runtime here).
    pub listen: SocketAddr,
    /// Registered name; Lambda requires the executable's file name.
    pub name: String,
    /// Configuration, or the reason it could not be loaded (reported as an init error after
    /// registration, when Lambda can still attribute it to this extension).
    pub config: Result<Config, String>,
    /// Where security events go after each invocation; `None` starts rasp-agent in
    /// serverless mode ([`crate::protect`]).
    pub reporter: Option<Arc<dyn Reporter>>,
}

impl ExtensionOptions {
    /// Options from the environment Lambda gives an extension: `AWS_LAMBDA_RUNTIME_API`,
    /// `RASP_PROXY_PORT`, `RASP_CONF`/`PYRASP_CONF` or `/opt/rasp/config.json`.
    pub fn from_env(name: String) -> Result<ExtensionOptions, ExtensionError> {
        let runtime_api =
            std::env::var("AWS_LAMBDA_RUNTIME_API").map_err(|_| ExtensionError::NoRuntimeApi)?;
        let port = match std::env::var("RASP_PROXY_PORT") {
            Ok(p) => p
                .trim()
                .parse::<u16>()
                .map_err(|_| ExtensionError::BadPort(p))?,
            Err(_) => DEFAULT_PORT,
        };
        Ok(ExtensionOptions {
            runtime_api,
            listen: SocketAddr::from(([127, 0, 0, 1], port)),
            name,
            config: crate::load_config(None).map_err(|e| e.to_string()),
            reporter: None,
        })
    }
}

/// Why the extension stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExtensionError {
    /// Not started by Lambda.
    #[error("AWS_LAMBDA_RUNTIME_API is not set: not running inside Lambda")]
    NoRuntimeApi,
    /// `RASP_PROXY_PORT` is not a port.
    #[error("RASP_PROXY_PORT `{0}` is not a port number")]
    BadPort(String),
    /// The proxy port is taken.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// Address we tried.
        addr: SocketAddr,
        /// Why it failed.
        source: std::io::Error,
    },
    /// tokio could not start.
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    /// Lambda's API failed.
    #[error(transparent)]
    Upstream(#[from] UpstreamError),
    /// `register` was refused.
    #[error("extension registration refused: HTTP {0}")]
    Register(u16),
    /// The configuration is invalid (reported to `init/error`).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// `event/next` returned something undocumented.
    #[error("unexpected Extensions API event: {0}")]
    Event(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LifecycleEvent {
    event_type: String,
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default)]
    deadline_ms: Option<u64>,
}

/// Run the extension until `SHUTDOWN` on a current-thread runtime (no worker threads).
pub fn run(opts: ExtensionOptions) -> Result<(), ExtensionError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(ExtensionError::Runtime)?
        .block_on(serve(opts))
}

/// The extension as a future (tests drive it on their own runtime).
pub async fn serve(opts: ExtensionOptions) -> Result<(), ExtensionError> {
    let listener = TcpListener::bind(opts.listen)
        .await
        .map_err(|source| ExtensionError::Bind {
            addr: opts.listen,
            source,
        })?;
    let api = Arc::new(Upstream::new(opts.runtime_api.clone()));
    let ext_id = register(&api, &opts.name).await?;

    let reporter = opts.reporter;
    let setup = opts.config.and_then(|c| match reporter {
        Some(r) => Guard::new(c).map(|g| (g, r)).map_err(|e| e.to_string()),
        None => protect(c)
            .map(|(g, r)| (g, Arc::new(r) as Arc<dyn Reporter>))
            .map_err(|e| e.to_string()),
    });
    let (guard, reporter) = match setup {
        Ok((g, r)) => (Arc::new(g), r),
        Err(reason) => {
            report_error(&api, &ext_id, "init", "Extension.ConfigInvalid", &reason).await;
            return Err(ExtensionError::Config(reason));
        }
    };
    let proxy = Arc::new(Proxy::new(Upstream::new(opts.runtime_api), guard.clone()));
    let accept = tokio::spawn(accept_loop(listener, proxy.clone()));
    let result = lifecycle(&api, &ext_id, &proxy, &guard, reporter.as_ref()).await;
    accept.abort();
    if let Err(e) = &result {
        report_error(&api, &ext_id, "exit", "Extension.Failed", &e.to_string()).await;
    }
    result
}

async fn accept_loop(listener: TcpListener, proxy: Arc<Proxy>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of descriptors or similar: back off instead of spinning.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let proxy = proxy.clone();
        tokio::spawn(async move {
            let svc = service_fn(move |req| {
                let proxy = proxy.clone();
                async move { Ok::<_, std::convert::Infallible>(proxy.handle(req).await) }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
}

async fn register(api: &Upstream, name: &str) -> Result<String, ExtensionError> {
    let body = Bytes::from_static(br#"{"events":["INVOKE","SHUTDOWN"]}"#);
    let (parts, _) = api
        .call(
            Method::POST,
            &format!("{EXT_PREFIX}/register"),
            &[
                ("lambda-extension-name", name),
                ("content-type", "application/json"),
            ],
            body,
            64 * 1024,
        )
        .await?;
    if !parts.status.is_success() {
        return Err(ExtensionError::Register(parts.status.as_u16()));
    }
    parts
        .headers
        .get(EXT_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .ok_or(ExtensionError::Register(parts.status.as_u16()))
}

async fn lifecycle(
    api: &Upstream,
    ext_id: &str,
    proxy: &Proxy,
    guard: &Guard,
    reporter: &dyn Reporter,
) -> Result<(), ExtensionError> {
    loop {
        let (parts, body) = api
            .call(
                Method::GET,
                &format!("{EXT_PREFIX}/event/next"),
                &[(EXT_ID, ext_id)],
                Bytes::new(),
                1024 * 1024,
            )
            .await?;
        let body = match body {
            UpBody::Buffered(b) if parts.status.is_success() => b,
            _ => return Err(ExtensionError::Event(format!("HTTP {}", parts.status))),
        };
        let event: LifecycleEvent =
            serde_json::from_slice(&body).map_err(|e| ExtensionError::Event(e.to_string()))?;
        let deadline = deadline_instant(event.deadline_ms);
        match event.event_type.as_str() {
            "INVOKE" => {
                if let Some(id) = &event.request_id {
                    proxy.finished.wait(id, deadline).await;
                }
                reporter.report(guard.take_events());
            }
            "SHUTDOWN" => {
                reporter.report(guard.take_events());
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                reporter.flush(left);
                return Ok(());
            }
            other => return Err(ExtensionError::Event(other.to_string())),
        }
    }
}

/// `deadlineMs` (Unix milliseconds) as a tokio instant, minus a margin to finish our own work
/// before Lambda's; a missing deadline means a short grace period.
fn deadline_instant(deadline_ms: Option<u64>) -> tokio::time::Instant {
    let now = tokio::time::Instant::now();
    let Some(ms) = deadline_ms else {
        return now + Duration::from_secs(2);
    };
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    let left = ms.saturating_sub(wall).saturating_sub(50);
    now + Duration::from_millis(left.min(15 * 60 * 1000))
}

async fn report_error(api: &Upstream, ext_id: &str, phase: &str, kind: &str, message: &str) {
    let body = serde_json::json!({"errorMessage": message, "errorType": kind, "stackTrace": []});
    let r = api
        .call(
            Method::POST,
            &format!("{EXT_PREFIX}/{phase}/error"),
            &[
                (EXT_ID, ext_id),
                ("lambda-extension-function-error-type", kind),
                ("content-type", "application/json"),
            ],
            Bytes::from(body.to_string()),
            64 * 1024,
        )
        .await;
    if let Err(e) = r {
        eprintln!("rasp: could not report {phase} error: {e}");
    }
}
