//! An actix-web application protected by rasp-rs in one `.wrap(...)`.
//!
//! ```text
//! cargo run -p rasp-actix --example actix
//! curl -i 'http://127.0.0.1:3002/items?id=3'
//! curl -i "http://127.0.0.1:3002/items?id=3%20UNION%20SELECT%20password%20FROM%20users"   # 403
//! ```

use actix_web::{web, App, HttpRequest, HttpServer};
use rasp_actix::Rasp;

#[actix_web::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Build once, clone into every worker: one engine, one blacklist for the whole server.
    let rasp = Rasp::builder()
        .route("GET", "/items")
        .route("GET,POST", "/login")
        .build()?;
    println!("listening on http://127.0.0.1:3002");
    HttpServer::new(move || {
        App::new()
            .wrap(rasp.clone())
            .route(
                "/items",
                web::get().to(|req: HttpRequest| async move {
                    format!("items for {}\n", req.query_string())
                }),
            )
            .route("/login", web::get().to(|| async { "login form\n" }))
    })
    .bind(("127.0.0.1", 3002))?
    .run()
    .await?;
    Ok(())
}
