//! PyRASP's cloud management protocol (spec §10), client side.
//!
//! * Start-up: `POST <PYRASP_CLOUD_URL>` `{"key", "version", "platform", "routes"}` →
//!   envelope `{"status", "message", "data": {"config": {…}, "blacklist": {"<ip>": <epoch>}}}`
//!   ([`fetch_startup_config`]).
//! * Beacon: `POST <BEACON_URL>` `{"key", "version", ["telemetry"], ["blacklist"]}` →
//!   envelope whose `data` may carry `blacklist.new`, `blacklist.remove` and `config`
//!   ([`send_beacon`]).
//!
//! Unlike PyRASP 0.8.2 every call has a timeout (B12), a response body is read with a size
//! limit, and any malformed answer is an error value (the caller keeps its last good config).

pub mod telemetry;

use std::fmt::Write;
use std::net::IpAddr;
use std::time::Duration;

use rasp_core::engine::Counters;
use rasp_core::{Config, ConfigError, Route};
use serde_json::{json, Map, Value};

/// Largest management-server answer accepted (a config plus a big blacklist fits easily).
const MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;
/// Most blacklist entries taken from one answer.
const MAX_BLACKLIST_ENTRIES: usize = 100_000;

/// The version string sent to the management server.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A failed exchange with the management server. `Display` gives PyRASP's messages.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CloudError {
    /// HTTP 403.
    #[error("Invalid or missing agent key")]
    InvalidKey,
    /// HTTP 404.
    #[error("Security profile not found")]
    ProfileNotFound,
    /// HTTP 500 (and other 5xx).
    #[error("Server error (HTTP {0})")]
    ServerError(u16),
    /// Another unexpected status.
    #[error("Unexpected HTTP status {0}")]
    Status(u16),
    /// Connection refused, DNS failure, timeout, TLS failure.
    #[error("Error connecting to cloud server: {0}")]
    Connect(String),
    /// Not JSON, or the envelope lacks `status`/`message`/`data`.
    #[error("Corrupted server response: {0}")]
    Corrupted(String),
    /// `status: false`; the server's message.
    #[error("Error: {0}")]
    Refused(String),
}

impl CloudError {
    /// A short stable label for counting failures by kind.
    pub fn kind(&self) -> &'static str {
        match self {
            CloudError::InvalidKey => "invalid_key",
            CloudError::ProfileNotFound => "profile_not_found",
            CloudError::ServerError(_) => "server_error",
            CloudError::Status(_) => "status",
            CloudError::Connect(_) => "connect",
            CloudError::Corrupted(_) => "corrupted",
            CloudError::Refused(_) => "refused",
        }
    }
}

/// What a start-up exchange returned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CloudData {
    /// The configuration layer to merge (`data.config`, or a flat `data` as 0.8.2 accepts).
    pub config: Option<Value>,
    /// `data.template` (0.10.2).
    pub template: Option<String>,
    /// Initial blacklist: IP and the epoch it was blacklisted at.
    pub blacklist: Vec<(IpAddr, f64)>,
    /// Blacklist entries that were not valid IPs (skipped).
    pub invalid_entries: usize,
}

/// Orders carried by a beacon answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BeaconOrders {
    /// `data.blacklist.new`: add with timestamp "now".
    pub blacklist_new: Vec<IpAddr>,
    /// `data.blacklist.remove`.
    pub blacklist_remove: Vec<IpAddr>,
    /// `data.config`: a configuration layer to merge.
    pub config: Option<Value>,
    /// `data.template`.
    pub template: Option<String>,
    /// Entries that were not valid IPs (skipped).
    pub invalid_entries: usize,
}

/// The start-up request (spec §10.1).
#[derive(Debug, Clone)]
pub struct StartupRequest<'a> {
    /// `PYRASP_CLOUD_URL`.
    pub url: &'a str,
    /// `PYRASP_KEY` (sent as `null` when absent, like PyRASP).
    pub key: Option<&'a str>,
    /// Platform name (`"axum"`, `"actix-web"`, `"AWS Lambda"`, …).
    pub platform: &'a str,
    /// The application's routes.
    pub routes: &'a [Route],
    /// Whole-exchange timeout (`CLOUD_TIMEOUT`, PyRASP 0.10.2: 5 s).
    pub timeout: Duration,
}

/// A beacon (spec §10.2).
#[derive(Debug, Clone)]
pub struct BeaconRequest<'a> {
    /// `BEACON_URL`.
    pub url: &'a str,
    /// `PYRASP_KEY`.
    pub key: Option<&'a str>,
    /// Present when `TELEMETRY_DATA`.
    pub telemetry: Option<Telemetry>,
    /// Present when `BLACKLIST_SHARE`: entries added since the last successful beacon.
    pub blacklist: Option<&'a [(IpAddr, i64)]>,
    /// Whole-exchange timeout.
    pub timeout: Duration,
}

/// Telemetry block of a beacon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Telemetry {
    /// Host CPU % since the previous beacon.
    pub cpu: f64,
    /// Host memory used %.
    pub memory: f64,
    /// Request outcome counters since the previous successful beacon.
    pub requests: Counters,
}

/// PyRASP's routes dict: `{"<name>": {"methods": [...], "path": "..."}}`.
pub fn routes_json(routes: &[Route]) -> Value {
    let mut m = Map::new();
    for r in routes {
        m.insert(
            r.name.clone(),
            json!({"methods": r.methods, "path": r.path}),
        );
    }
    Value::Object(m)
}

/// Merge a configuration layer from the management server over `base`. Keys rasp-rs does
/// not know are skipped and returned (a newer server must not lock out an older agent, and
/// PyRASP accepted any key); a known key with an invalid value rejects the whole layer, so a
/// change is applied entirely or not at all.
pub fn merge_layer(base: &Config, layer: &Value) -> Result<(Config, Vec<String>), ConfigError> {
    let Value::Object(map) = layer else {
        return base.merged_with(layer).map(|c| (c, Vec::new()));
    };
    let mut map = map.clone();
    let mut skipped = Vec::new();
    // Each round removes one unknown key: bounded by the number of keys.
    for _ in 0..=map.len() {
        match base.merged_with(&Value::Object(map.clone())) {
            Err(ConfigError::UnknownKey(k)) if map.remove(&k).is_some() => skipped.push(k),
            other => return other.map(|c| (c, skipped)),
        }
    }
    base.merged_with(&Value::Object(map)).map(|c| (c, skipped))
}

/// Start-up connection: send identity and routes, get the configuration layer and the
/// initial blacklist. On error the caller runs with its local configuration.
pub fn fetch_startup_config(req: &StartupRequest<'_>) -> Result<CloudData, CloudError> {
    let body = json!({
        "key": req.key,
        "version": VERSION,
        "platform": req.platform,
        "routes": routes_json(req.routes),
    });
    let data = post_envelope(req.url, &body, req.timeout)?;
    let mut out = CloudData::default();
    let Value::Object(mut data) = data else {
        return Ok(out);
    };
    out.template = data
        .get("template")
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(bl) = data.remove("blacklist") {
        let Value::Object(entries) = bl else {
            return Err(CloudError::Corrupted(
                "`data.blacklist` is not an object".into(),
            ));
        };
        for (ip, at) in entries.into_iter().take(MAX_BLACKLIST_ENTRIES) {
            match (ip.trim().parse::<IpAddr>(), at.as_f64()) {
                (Ok(ip), Some(at)) if at.is_finite() => out.blacklist.push((ip, at)),
                _ => out.invalid_entries += 1,
            }
        }
    }
    match data.remove("config") {
        Some(Value::Object(c)) => out.config = Some(Value::Object(c)),
        Some(Value::Null) | None => {
            // PyRASP 0.8.2 also accepts the configuration flat in `data`.
            data.remove("template");
            if !data.is_empty() {
                out.config = Some(Value::Object(data));
            }
        }
        Some(_) => {
            return Err(CloudError::Corrupted(
                "`data.config` is not an object".into(),
            ))
        }
    }
    Ok(out)
}

/// Send one beacon and parse the orders in the answer.
pub fn send_beacon(req: &BeaconRequest<'_>) -> Result<BeaconOrders, CloudError> {
    let mut body = Map::new();
    body.insert("key".into(), json!(req.key));
    body.insert("version".into(), json!(VERSION));
    if let Some(t) = &req.telemetry {
        body.insert(
            "telemetry".into(),
            json!({
                "cpu": t.cpu,
                "memory": t.memory,
                "requests": {
                    "success": t.requests.success,
                    "errors": t.requests.errors,
                    "attacks": t.requests.attacks,
                },
            }),
        );
    }
    if let Some(bl) = req.blacklist {
        let list: Vec<Value> = bl
            .iter()
            .map(|(ip, at)| json!([ip.to_string(), at]))
            .collect();
        body.insert("blacklist".into(), Value::Array(list));
    }
    let data = post_envelope(req.url, &Value::Object(body), req.timeout)?;
    let mut out = BeaconOrders::default();
    let Value::Object(data) = data else {
        return Ok(out);
    };
    if let Some(bl) = data.get("blacklist") {
        let Value::Object(bl) = bl else {
            return Err(CloudError::Corrupted(
                "`data.blacklist` is not an object".into(),
            ));
        };
        for (key, into) in [
            ("new", &mut out.blacklist_new),
            ("remove", &mut out.blacklist_remove),
        ] {
            match bl.get(key) {
                None | Some(Value::Null) => {}
                Some(Value::Array(items)) => {
                    for item in items.iter().take(MAX_BLACKLIST_ENTRIES) {
                        match item.as_str().and_then(|s| s.trim().parse().ok()) {
                            Some(ip) => into.push(ip),
                            None => out.invalid_entries += 1,
                        }
                    }
                }
                Some(_) => {
                    return Err(CloudError::Corrupted(format!(
                        "`data.blacklist.{key}` is not a list"
                    )))
                }
            }
        }
    }
    match data.get("config") {
        None | Some(Value::Null) => {}
        Some(Value::Object(c)) => out.config = Some(Value::Object(c.clone())),
        Some(_) => {
            return Err(CloudError::Corrupted(
                "`data.config` is not an object".into(),
            ))
        }
    }
    out.template = data
        .get("template")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(out)
}

/// POST `body`, map the status as PyRASP does, check the envelope, return `data`.
fn post_envelope(url: &str, body: &Value, timeout: Duration) -> Result<Value, CloudError> {
    let agent = crate::trust::http_agent(timeout).map_err(CloudError::Connect)?;
    let resp = agent
        .post(url)
        .header("Content-Type", "application/json")
        .send(serde_json::to_vec(body).unwrap_or_default())
        .map_err(|e| CloudError::Connect(e.to_string()))?;
    let status = resp.status().as_u16();
    match status {
        403 => return Err(CloudError::InvalidKey),
        404 => return Err(CloudError::ProfileNotFound),
        500..=599 => return Err(CloudError::ServerError(status)),
        200..=299 => {}
        _ => return Err(CloudError::Status(status)),
    }
    let text = resp
        .into_body()
        .with_config()
        .limit(MAX_RESPONSE_BYTES)
        .read_to_string()
        .map_err(|e| CloudError::Connect(e.to_string()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| {
        let mut msg = String::new();
        let _ = write!(msg, "not JSON: {e}");
        CloudError::Corrupted(msg)
    })?;
    let Value::Object(mut env) = v else {
        return Err(CloudError::Corrupted("not a JSON object".into()));
    };
    let (Some(status), Some(message), Some(data)) = (
        env.remove("status"),
        env.remove("message"),
        env.remove("data"),
    ) else {
        return Err(CloudError::Corrupted(
            "missing `status`, `message` or `data`".into(),
        ));
    };
    match status {
        Value::Bool(true) => Ok(data),
        Value::Bool(false) => Err(CloudError::Refused(
            message.as_str().unwrap_or_default().to_string(),
        )),
        _ => Err(CloudError::Corrupted("`status` is not a boolean".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_pyrasp_shaped() {
        let r = vec![Route {
            name: "user".into(),
            methods: vec!["GET".into()],
            path: "/users/{id}".into(),
        }];
        assert_eq!(
            routes_json(&r),
            json!({"user": {"methods": ["GET"], "path": "/users/{id}"}})
        );
    }

    #[test]
    fn unreachable_server_is_a_connect_error() {
        // A port that was just free: nothing listens there.
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/config", l.local_addr().unwrap());
        drop(l);
        let e = fetch_startup_config(&StartupRequest {
            url: &url,
            key: Some("k"),
            platform: "test",
            routes: &[],
            timeout: Duration::from_secs(1),
        })
        .unwrap_err();
        assert_eq!(e.kind(), "connect");
        assert!(e
            .to_string()
            .starts_with("Error connecting to cloud server"));
    }
}
