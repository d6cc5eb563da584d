//! An axum application protected by rasp-rs in one `.layer(...)`.
//!
//! ```text
//! cargo run -p rasp-tower --example axum
//! curl -i 'http://127.0.0.1:3000/hello?name=world'
//! curl -i "http://127.0.0.1:3000/hello?name=1'%20OR%20'1'='1"   # 403
//! ```
//! `PYRASP_CONF=/path/to/pyrasp.json` loads a PyRASP configuration file.

use std::net::SocketAddr;

use axum::extract::Query;
use axum::routing::{get, post};
use axum::{Json, Router};
use rasp_tower::RaspLayer;

#[derive(serde::Deserialize)]
struct Hello {
    name: Option<String>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Declared routes enable route validation and keep decoys (e.g. `/login`) off real routes.
    let rasp = RaspLayer::builder()
        .route("GET", "/hello")
        .route("POST", "/api/echo")
        .route("GET,POST", "/login")
        .build()?;

    let app = Router::new()
        .route(
            "/hello",
            get(|Query(h): Query<Hello>| async move {
                format!("hello {}", h.name.as_deref().unwrap_or("you"))
            }),
        )
        .route(
            "/api/echo",
            post(|Json(v): Json<serde_json::Value>| async move { Json(v) }),
        )
        .route("/login", get(|| async { "login form" }))
        .layer(rasp);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    // `with_connect_info` lets the layer see the client address.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await?;
    Ok(())
}
