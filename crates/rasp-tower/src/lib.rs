//! rasp-tower: runtime application self-protection for tower HTTP services.
//!
//! [`RaspLayer`] runs the rasp-rs engine (PyRASP's checks, re-implemented in Rust) in front
//! of any `tower::Service<http::Request<B>>`: axum routers, hyper servers, tonic-style
//! services, `lambda_http` functions. Configuration is PyRASP's JSON (`PYRASP_CONF` or
//! `RASP_CONF` names the file).
//!
//! # axum, in one line
//!
//! ```no_run
//! use axum::{routing::get, Router};
//! use rasp_tower::RaspLayer;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let app = Router::new()
//!     .route("/", get(|| async { "hello" }))
//!     .layer(RaspLayer::from_env()?);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! // `with_connect_info` gives the layer the client address.
//! axum::serve(
//!     listener,
//!     app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
//! )
//! .await?;
//! # Ok(()) }
//! ```
//!
//! Declare the routes so route validation works and a decoy (e.g. the default `/login`)
//! never fires on a real route (axum does not expose its route table):
//!
//! ```no_run
//! # fn f() -> Result<(), rasp_tower::BuildError> {
//! let layer = rasp_tower::RaspLayer::builder()
//!     .route("GET,POST", "/login")
//!     .route("GET", "/api/items/{id}")
//!     .build()?;
//! # Ok(()) }
//! ```
//!
//! # hyper
//!
//! Wrap the service with the layer, insert a [`PeerAddr`] extension per connection and
//! serve it with `hyper_util::service::TowerToHyperService`; see `examples/hyper.rs`.
//!
//! # Guarantees
//!
//! * The application receives the request body byte for byte; at most `MAX_BODY_BYTES`
//!   are buffered, the rest keeps streaming.
//! * Responses that pass are sent as the application produced them (the `Server` header is
//!   replaced when `CHANGE_SERVER` is on); log-only (action 3) never alters a response.
//! * Compressed responses are decoded for DLP up to `MAX_RESPONSE_BYTES`; what cannot be
//!   decoded is reported to the engine, which skips DLP and counts it.
//! * An engine panic never reaches the application: `FAIL_MODE` `open` lets traffic
//!   through, `closed` answers with the block response.
#![warn(missing_docs)]

pub mod body;
pub mod encoding;
pub mod failsafe;
mod layer;
mod protection;
pub mod view;

pub use body::{BoxError, RaspBody};
pub use layer::{
    AdapterStats, BuildError, BuiltEngine, RaspLayer, RaspLayerBuilder, RaspService, ResponseFuture,
};
pub use protection::Protection;
pub use rasp_core;
pub use view::PeerAddr;
