//! The demo application: a small shop API with a search page, a login form and an echo page.
//! Plain axum; protection is added by `demo::run` with one `.layer(...)`.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

/// The routes the app serves, declared to the layer (axum cannot list them itself).
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET,POST", "/api/items"),
    ("GET", "/api/items/{id}"),
    ("GET,POST", "/login"),
    ("GET,POST", "/echo"),
];

const ITEMS: &[(u32, &str, u32)] = &[
    (1, "The Rust Programming Language", 3999),
    (2, "Programming Rust", 4999),
    (3, "Rust for Rustaceans", 3499),
    (4, "Zero To Production In Rust", 4499),
];

/// Minimal HTML escaping for text nodes and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body><h1>{t}</h1>{body}<p><a href=\"/\">home</a></p></body></html>\n",
        t = escape(title)
    ))
}

#[derive(Deserialize)]
struct Search {
    q: Option<String>,
}

async fn index(Query(s): Query<Search>) -> Html<String> {
    let routes: String = ROUTES
        .iter()
        .map(|(m, p)| format!("<li><code>{} {}</code></li>", escape(m), escape(p)))
        .collect();
    let results = match s.q.as_deref() {
        None => String::new(),
        Some(q) => {
            let needle = q.to_lowercase();
            let hits: String = ITEMS
                .iter()
                .filter(|(_, name, _)| name.to_lowercase().contains(&needle))
                .map(|(id, name, _)| {
                    format!("<li><a href=\"/api/items/{id}\">{}</a></li>", escape(name))
                })
                .collect();
            format!(
                "<h2>Results for &quot;{}&quot;</h2><ul>{}</ul>",
                escape(q),
                if hits.is_empty() {
                    "<li>nothing found</li>".to_string()
                } else {
                    hits
                }
            )
        }
    };
    page(
        "rasp-rs demo shop",
        &format!(
            "<form action=\"/\"><input name=\"q\" placeholder=\"search\"><button>Search</button></form>\
             {results}<h2>Routes</h2><ul>{routes}</ul>"
        ),
    )
}

fn item_json(id: u32, name: &str, cents: u32) -> Value {
    json!({ "id": id, "name": name, "price": cents as f64 / 100.0 })
}

async fn list_items() -> Json<Value> {
    Json(Value::Array(
        ITEMS
            .iter()
            .map(|(id, n, c)| item_json(*id, n, *c))
            .collect(),
    ))
}

async fn get_item(Path(id): Path<u32>) -> Response {
    match ITEMS.iter().find(|(i, _, _)| *i == id) {
        Some((id, n, c)) => Json(item_json(*id, n, *c)).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({ "error": "no such item" })),
        )
            .into_response(),
    }
}

#[derive(Deserialize)]
struct NewItem {
    name: String,
    price: f64,
}

async fn create_item(Json(item): Json<NewItem>) -> Response {
    // Nothing is stored: the demo only shows that the JSON body reached the app intact.
    let created = json!({ "id": ITEMS.len() + 1, "name": item.name, "price": item.price });
    (StatusCode::CREATED, Json(created)).into_response()
}

async fn login_form() -> Html<String> {
    page(
        "Sign in",
        "<form method=\"post\" action=\"/login\"><input name=\"user\" placeholder=\"user\">\
         <input name=\"password\" type=\"password\" placeholder=\"password\">\
         <button>Sign in</button></form><p>Demo account: <code>demo</code> / <code>demo</code></p>",
    )
}

#[derive(Deserialize)]
struct Login {
    user: String,
    password: String,
}

async fn login(Form(l): Form<Login>) -> Response {
    if l.user == "demo" && l.password == "demo" {
        page(
            "Welcome",
            &format!("<p>Signed in as {}.</p>", escape(&l.user)),
        )
        .into_response()
    } else {
        // 401s feed the brute-force counter.
        (
            StatusCode::UNAUTHORIZED,
            page("Sign in failed", "<p>Wrong user or password.</p>"),
        )
            .into_response()
    }
}

#[derive(Deserialize)]
struct Echo {
    text: Option<String>,
}

async fn echo_get(Query(e): Query<Echo>) -> Html<String> {
    echo_page(e.text.unwrap_or_default())
}

async fn echo_post(Form(e): Form<Echo>) -> Html<String> {
    echo_page(e.text.unwrap_or_default())
}

fn echo_page(text: String) -> Html<String> {
    page(
        "Echo",
        &format!(
            "<form method=\"post\" action=\"/echo\"><textarea name=\"text\"></textarea>\
             <button>Echo</button></form><pre>{}</pre>",
            escape(&text)
        ),
    )
}

/// The unprotected application.
pub fn router() -> Router {
    Router::new()
        .route("/", get(index))
        .route("/api/items", get(list_items).post(create_item))
        .route("/api/items/{id}", get(get_item))
        .route("/login", get(login_form).post(login))
        .route("/echo", get(echo_get).post(echo_post))
}
