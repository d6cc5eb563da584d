//! A plain hyper 1.x server protected by the rasp-rs tower layer.
//!
//! ```text
//! cargo run -p rasp-tower --example hyper
//! curl -i 'http://127.0.0.1:3001/?q=hello'
//! curl -i 'http://127.0.0.1:3001/?q=%3Cscript%3Ealert(1)%3C/script%3E'   # 403
//! ```

use std::convert::Infallible;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use rasp_tower::{PeerAddr, RaspBody, RaspLayer};
use tower::ServiceBuilder;

async fn hello(req: Request<RaspBody<Incoming>>) -> Result<Response<Full<Bytes>>, Infallible> {
    let q = req.uri().query().unwrap_or("").to_string();
    Ok(Response::new(Full::new(Bytes::from(format!(
        "hello from hyper, query: {q}\n"
    )))))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rasp = RaspLayer::builder().route("GET", "/").build()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3001").await?;
    println!("listening on http://{}", listener.local_addr()?);
    loop {
        let (stream, peer) = listener.accept().await?;
        // The layer reads the client address from a `PeerAddr` extension.
        let svc = ServiceBuilder::new()
            .map_request(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(PeerAddr(peer));
                req
            })
            .layer(rasp.clone())
            .service_fn(hello);
        tokio::spawn(async move {
            let conn = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(svc));
            if let Err(e) = conn.await {
                eprintln!("connection from {peer}: {e}");
            }
        });
    }
}
