//! Load-benchmark target for `scripts/bench_load.sh`: hello-world and JSON endpoints, served
//! plain or behind `RaspLayer`.
//!
//! ```text
//! bench_server plain|rasp PORT [WORKERS]
//! ```
//! With `rasp`, the engine runs the default configuration with every default module on,
//! except that `FLOOD_RATIO` is raised so the load generator (one client address) is not
//! blocked as a flood; the flood counter is still updated on every request.

use std::net::SocketAddr;

use axum::routing::get;
use axum::{Json, Router};
use rasp_core::Config;
use rasp_tower::RaspLayer;

fn app() -> Router {
    Router::new()
        .route("/", get(|| async { "Hello, World!" }))
        .route(
            "/json",
            get(|| async { Json(serde_json::json!({ "message": "Hello, World!" })) }),
        )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "plain".into());
    let port: u16 = args.next().unwrap_or_else(|| "8090".into()).parse()?;
    let workers: usize = args.next().unwrap_or_else(|| "1".into()).parse()?;
    let app = match mode.as_str() {
        "plain" => app(),
        "rasp" => {
            let config = Config {
                flood_ratio: u64::MAX / 2,
                ..Config::default()
            };
            // A discarding sink: no attack is expected, and the default agent would start
            // a logging thread this benchmark does not need.
            let sink = std::sync::Arc::new(rasp_core::MemorySink::with_capacity(16));
            let layer = RaspLayer::builder()
                .config(config)
                .sink(sink)
                .route("GET", "/")
                .route("GET", "/json")
                .build()?;
            app().layer(layer)
        }
        other => return Err(format!("mode must be plain or rasp, not {other}").into()),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers.max(1))
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        eprintln!("bench_server {mode} on http://127.0.0.1:{port}");
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await?;
        Ok(())
    })
}
