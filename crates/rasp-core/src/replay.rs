//! The `rasp check` protocol: JSON Lines in, one verdict line out per input line.
//!
//! * value line: `{"value": "...", "location": "qs_values"}` → the injection checks as the
//!   engine runs them for that location ([`Engine::check_value`]); no state, no event;
//! * request line: `{"request": {"method", "path", "host", "client_ip", "headers":
//!   [[name, value], ...], "query", "body" | "body_base64", "content_type"}, "response":
//!   {"status", "headers", "body" | "body_base64", "encoded"}, "time": <unix seconds>}` →
//!   the full pipeline, inbound then outbound; state carries from line to line and `time`
//!   drives the clock (default: the previous line's time, or now);
//! * output: `{"decision": "allow"|"block"|"monitor", "attack": null | {"type", "name",
//!   "codes", "location", "payload", "engine", "score", "action"}}`;
//! * a malformed line gets `{"error": "..."}` and the run goes on.
//!
//! Streaming: lines are read one at a time (each bounded by [`MAX_LINE_BYTES`]) and written
//! through the caller's buffered writer.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::net::IpAddr;
use std::sync::Arc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::{json, Map, Value};

use crate::attack::{Attack, Decision};
use crate::engine::{Engine, EngineStats};
use crate::request::{RequestView, ResponseView};
use crate::vectors::Location;

/// Longest input line accepted (longer lines get an error and are skipped).
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// Totals of one run (`rasp check --stats`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReplayStats {
    /// Input lines read.
    pub lines: u64,
    /// Value lines.
    pub values: u64,
    /// Request lines.
    pub requests: u64,
    /// Lines answered with an error.
    pub errors: u64,
    /// `allow` verdicts.
    pub allow: u64,
    /// `block` verdicts.
    pub block: u64,
    /// `monitor` verdicts.
    pub monitor: u64,
    /// Attacks per check key.
    pub attacks: BTreeMap<&'static str, u64>,
}

impl ReplayStats {
    /// The summary as JSON, with the engine's own figures.
    pub fn to_json(&self, engine: &EngineStats, seconds: f64) -> Value {
        json!({
            "lines": self.lines,
            "values": self.values,
            "requests": self.requests,
            "errors": self.errors,
            "decisions": {"allow": self.allow, "block": self.block, "monitor": self.monitor},
            "attacks": self.attacks,
            "engine": {
                "budget_overruns": engine.budget_overruns,
                "values_skipped": engine.values_skipped,
                "dlp_skipped_encoded": engine.dlp_skipped_encoded,
                "panics": engine.panics,
                "events": engine.events,
            },
            "seconds": seconds,
            "lines_per_second": if seconds > 0.0 { (self.lines as f64 / seconds).round() } else { 0.0 },
        })
    }
}

/// Runs lines through one engine, carrying state between them.
pub struct Replayer {
    engine: Arc<Engine>,
    last_time: Option<f64>,
    /// Totals so far.
    pub stats: ReplayStats,
}

/// The JSON shape of an attack in `rasp check` output.
pub fn attack_json(a: &Attack) -> Value {
    json!({
        "type": a.check.key(),
        "name": a.check.name(),
        "codes": a.check.codes(),
        "location": a.location,
        "payload": a.payload,
        "engine": a.engine,
        // f32 → 4 decimals so 0.97 prints as 0.97, not 0.9700000286.
        "score": a.score.map(|s| (f64::from(s) * 1e4).round() / 1e4),
        "action": a.action,
    })
}

/// The output line for a decision.
pub fn decision_json(d: &Decision) -> Value {
    json!({
        "decision": d.label(),
        "attack": d.attack().map(attack_json),
    })
}

fn error_json(msg: impl std::fmt::Display) -> Value {
    json!({ "error": msg.to_string() })
}

/// Owned request fields parsed from a line.
struct OwnedRequest {
    method: String,
    path: String,
    query: String,
    host: Option<String>,
    peer: Option<IpAddr>,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    content_type: Option<String>,
}

struct OwnedResponse {
    status: u16,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    encoded: bool,
}

fn opt_str(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("`{key}` must be a string, got {other}")),
    }
}

fn headers(obj: &Map<String, Value>, ctx: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    match obj.get("headers") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|h| match h.as_array().map(Vec::as_slice) {
                Some([Value::String(n), Value::String(v)]) => {
                    Ok((n.clone(), v.clone().into_bytes()))
                }
                _ => Err(format!(
                    "{ctx}.headers items must be [name, value] strings, got {h}"
                )),
            })
            .collect(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(n, v)| match v {
                Value::String(s) => Ok((n.clone(), s.clone().into_bytes())),
                _ => Err(format!("{ctx}.headers.{n} must be a string")),
            })
            .collect(),
        Some(other) => Err(format!(
            "{ctx}.headers must be a list of [name, value], got {other}"
        )),
    }
}

fn body(obj: &Map<String, Value>, ctx: &str) -> Result<Vec<u8>, String> {
    if let Some(b64) = opt_str(obj, "body_base64").map_err(|e| format!("{ctx}: {e}"))? {
        return STANDARD
            .decode(b64.trim())
            .map_err(|e| format!("{ctx}.body_base64 is not valid base64: {e}"));
    }
    match obj.get("body") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(s.clone().into_bytes()),
        // A JSON body given as JSON.
        Some(v @ (Value::Object(_) | Value::Array(_))) => Ok(v.to_string().into_bytes()),
        Some(other) => Err(format!("{ctx}.body must be a string, got {other}")),
    }
}

fn parse_request(v: &Value) -> Result<OwnedRequest, String> {
    let Value::Object(obj) = v else {
        return Err("`request` must be an object".into());
    };
    let method = opt_str(obj, "method")?.unwrap_or_else(|| "GET".into());
    let mut path = opt_str(obj, "path")?.unwrap_or_else(|| "/".into());
    let mut query = opt_str(obj, "query")?.unwrap_or_default();
    if let Some((p, q)) = path.clone().split_once('?') {
        if query.is_empty() {
            query = q.to_string();
        }
        path = p.to_string();
    }
    let peer = match opt_str(obj, "client_ip")? {
        None => None,
        Some(s) => Some(
            s.trim()
                .parse::<IpAddr>()
                .map_err(|_| format!("`client_ip` is not an IP address: {s:?}"))?,
        ),
    };
    Ok(OwnedRequest {
        method,
        path,
        query,
        host: opt_str(obj, "host")?,
        peer,
        headers: headers(obj, "request")?,
        body: body(obj, "request")?,
        content_type: opt_str(obj, "content_type")?,
    })
}

fn parse_response(v: Option<&Value>) -> Result<OwnedResponse, String> {
    let obj = match v {
        None | Some(Value::Null) => {
            return Ok(OwnedResponse {
                status: 200,
                headers: Vec::new(),
                body: Vec::new(),
                encoded: false,
            })
        }
        Some(Value::Object(o)) => o,
        Some(other) => return Err(format!("`response` must be an object, got {other}")),
    };
    let status = match obj.get("status") {
        None | Some(Value::Null) => 200,
        Some(s) => s
            .as_u64()
            .filter(|n| (100..=599).contains(n))
            .ok_or_else(|| format!("response.status must be an HTTP status 100–599, got {s}"))?
            as u16,
    };
    Ok(OwnedResponse {
        status,
        headers: headers(obj, "response")?,
        body: body(obj, "response")?,
        encoded: obj.get("encoded").and_then(Value::as_bool).unwrap_or(false),
    })
}

impl Replayer {
    /// A replayer over `engine`.
    pub fn new(engine: Arc<Engine>) -> Replayer {
        Replayer {
            engine,
            last_time: None,
            stats: ReplayStats::default(),
        }
    }

    /// The engine the lines run through.
    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    fn record(&mut self, d: &Decision) {
        match d {
            Decision::Allow => self.stats.allow += 1,
            Decision::Block(_) => self.stats.block += 1,
            Decision::Monitor(_) => self.stats.monitor += 1,
        }
        if let Some(a) = d.attack() {
            *self.stats.attacks.entry(a.check.key()).or_default() += 1;
        }
    }

    /// Process one input line and return its output line.
    pub fn process_line(&mut self, line: &str) -> Value {
        self.stats.lines += 1;
        match self.process(line) {
            Ok(d) => {
                self.record(&d);
                decision_json(&d)
            }
            Err(e) => {
                self.stats.errors += 1;
                error_json(e)
            }
        }
    }

    fn process(&mut self, line: &str) -> Result<Decision, String> {
        let line = line.trim();
        if line.is_empty() {
            return Err("empty line".into());
        }
        let v: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
        let Value::Object(obj) = &v else {
            return Err("a line must be a JSON object with `value` or `request`".into());
        };
        if let Some(value) = obj.get("value") {
            let Value::String(value) = value else {
                return Err(format!("`value` must be a string, got {value}"));
            };
            let location = match obj.get("location") {
                None | Some(Value::Null) => "qs_values",
                Some(Value::String(s)) => s.as_str(),
                Some(other) => return Err(format!("`location` must be a string, got {other}")),
            };
            if Location::from_name(location).is_none() {
                let names: Vec<&str> = Location::ALL.iter().map(|l| l.as_str()).collect();
                return Err(format!(
                    "unknown location `{location}` (one of {})",
                    names.join(", ")
                ));
            }
            self.stats.values += 1;
            return Ok(match self.engine.check_value(value, location) {
                None => Decision::Allow,
                Some(a) if a.action == 3 => Decision::Monitor(Box::new(a)),
                Some(a) => Decision::Block(Box::new(a)),
            });
        }
        let Some(request) = obj.get("request") else {
            return Err("a line must have a `value` or a `request`".into());
        };
        let req = parse_request(request)?;
        let resp = parse_response(obj.get("response"))?;
        let time = match obj.get("time") {
            None | Some(Value::Null) => self.last_time.unwrap_or_else(now),
            Some(t) => t
                .as_f64()
                .filter(|f| f.is_finite() && *f >= 0.0)
                .ok_or_else(|| format!("`time` must be unix seconds, got {t}"))?,
        };
        self.last_time = Some(time);
        self.stats.requests += 1;
        let view = RequestView {
            method: &req.method,
            path: &req.path,
            query: &req.query,
            host: req.host.as_deref(),
            peer: req.peer,
            headers: req
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_slice()))
                .collect(),
            body: &req.body,
            body_truncated: false,
            content_type: req.content_type.as_deref(),
        };
        let inbound = self.engine.inspect_request_at(&view, time);
        if inbound.is_block() {
            return Ok(inbound);
        }
        let rview = ResponseView {
            status: resp.status,
            headers: resp
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_slice()))
                .collect(),
            body: &resp.body,
            body_truncated: false,
            body_encoded: resp.encoded,
        };
        let outbound = self
            .engine
            .inspect_response_at(&view, &rview, &inbound, time);
        Ok(if outbound.attack().is_some() {
            outbound
        } else {
            inbound
        })
    }

    /// Stream `input` to `output`, one output line per input line.
    pub fn run<R: BufRead, W: Write>(&mut self, mut input: R, output: &mut W) -> io::Result<()> {
        let mut buf = Vec::with_capacity(4096);
        loop {
            buf.clear();
            let status = read_line_bounded(&mut input, &mut buf, MAX_LINE_BYTES)?;
            let out = match status {
                LineStatus::Eof => break,
                LineStatus::TooLong => {
                    self.stats.lines += 1;
                    self.stats.errors += 1;
                    error_json(format!("line longer than {MAX_LINE_BYTES} bytes"))
                }
                LineStatus::Line => match std::str::from_utf8(&buf) {
                    Ok(s) => self.process_line(s),
                    Err(_) => {
                        self.stats.lines += 1;
                        self.stats.errors += 1;
                        error_json("line is not valid UTF-8")
                    }
                },
            };
            write_line(&mut *output, &out)?;
        }
        Ok(())
    }
}

/// Attack fields in the protocol's order (a `Value` map would sort them).
const ATTACK_FIELDS: [&str; 8] = [
    "type", "name", "codes", "location", "payload", "engine", "score", "action",
];

/// Write one output line with the keys in protocol order: `decision` then `attack`.
fn write_line<W: Write>(out: &mut W, v: &Value) -> io::Result<()> {
    match (v.get("decision"), v.get("attack")) {
        (Some(decision), Some(attack)) => {
            out.write_all(b"{\"decision\":")?;
            serde_json::to_writer(&mut *out, decision)?;
            out.write_all(b",\"attack\":")?;
            match attack {
                Value::Object(map) => {
                    out.write_all(b"{")?;
                    for (i, key) in ATTACK_FIELDS.iter().enumerate() {
                        if i > 0 {
                            out.write_all(b",")?;
                        }
                        serde_json::to_writer(&mut *out, key)?;
                        out.write_all(b":")?;
                        serde_json::to_writer(&mut *out, map.get(*key).unwrap_or(&Value::Null))?;
                    }
                    out.write_all(b"}")?;
                }
                other => serde_json::to_writer(&mut *out, other)?,
            }
            out.write_all(b"}\n")
        }
        _ => {
            serde_json::to_writer(&mut *out, v)?;
            out.write_all(b"\n")
        }
    }
}

fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

enum LineStatus {
    Line,
    TooLong,
    Eof,
}

/// Read one `\n`-terminated line into `buf` (without the terminator), keeping at most `max`
/// bytes; the rest of an over-long line is consumed and dropped.
fn read_line_bounded<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<LineStatus> {
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(if !read_any {
                LineStatus::Eof
            } else if too_long {
                LineStatus::TooLong
            } else {
                LineStatus::Line
            });
        }
        read_any = true;
        let (part, done, used) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], true, i + 1),
            None => (chunk, false, chunk.len()),
        };
        if !too_long {
            if buf.len() + part.len() > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        r.consume(used);
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(if too_long {
                LineStatus::TooLong
            } else {
                LineStatus::Line
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn replayer() -> Replayer {
        Replayer::new(Arc::new(Engine::new(Config::default()).unwrap()))
    }

    #[test]
    fn value_and_request_lines() {
        let mut r = replayer();
        let v = r.process_line(r#"{"value": "<script>alert(1)</script>", "location": "cookies"}"#);
        assert_eq!(v["decision"], "block");
        assert_eq!(v["attack"]["type"], "xss");
        assert_eq!(v["attack"]["name"], "XSS");
        assert_eq!(v["attack"]["location"], "cookies");
        assert_eq!(v["attack"]["codes"][1], "PCB007");
        let v = r.process_line(r#"{"value": "hello"}"#);
        assert_eq!(v, json!({"decision": "allow", "attack": null}));
        let v = r.process_line(
            r#"{"request": {"method": "GET", "path": "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "client_ip": "192.0.2.1"}, "time": 100}"#,
        );
        assert_eq!(v["decision"], "block");
        assert_eq!(v["attack"]["location"], "qs_values");
        // State carries: the same client is now blacklisted.
        let v =
            r.process_line(r#"{"request": {"path": "/", "client_ip": "192.0.2.1"}, "time": 101}"#);
        assert_eq!(v["attack"]["type"], "blacklist");
        let v =
            r.process_line(r#"{"request": {"path": "/", "client_ip": "192.0.2.1"}, "time": 3702}"#);
        assert_eq!(v["decision"], "allow");
    }

    #[test]
    fn errors_do_not_stop_the_run() {
        let mut r = replayer();
        let input = "not json\n{\"value\": 3}\n\n{\"value\": \"x\", \"location\": \"nowhere\"}\n{\"request\": {\"client_ip\": \"999.1.1.1\"}}\n{\"value\": \"ok\"}\n";
        let mut out = Vec::new();
        r.run(input.as_bytes(), &mut out).unwrap();
        let lines: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 6);
        for l in &lines[..5] {
            assert!(l["error"].is_string(), "{l}");
        }
        assert_eq!(lines[5]["decision"], "allow");
        assert_eq!((r.stats.lines, r.stats.errors, r.stats.values), (6, 5, 1));
    }

    #[test]
    fn output_keys_in_protocol_order() {
        let mut r = replayer();
        let mut out = Vec::new();
        r.run(
            &b"{\"value\": \"<script>alert(1)</script>\"}\n{\"value\": \"ok\"}\n"[..],
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.lines();
        let first = lines.next().unwrap();
        assert!(
            first
                .starts_with(r#"{"decision":"block","attack":{"type":"xss","name":"XSS","codes":"#),
            "{first}"
        );
        assert!(first.ends_with(r#","action":2}}"#), "{first}");
        assert_eq!(
            lines.next().unwrap(),
            r#"{"decision":"allow","attack":null}"#
        );
    }

    #[test]
    fn long_and_binary_lines() {
        let mut input = vec![b'x'; 64];
        input.extend_from_slice(b"\n\xff\xfe\n{\"value\": \"a\"}");
        let mut buf = Vec::new();
        let mut cur = io::Cursor::new(input);
        assert!(matches!(
            read_line_bounded(&mut cur, &mut buf, 16).unwrap(),
            LineStatus::TooLong
        ));
        assert!(matches!(
            read_line_bounded(&mut cur, &mut buf, 16).unwrap(),
            LineStatus::Line
        ));
        buf.clear();
        assert!(matches!(
            read_line_bounded(&mut cur, &mut buf, 16).unwrap(),
            LineStatus::Line
        ));
        assert_eq!(buf, b"{\"value\": \"a\"}");
        assert!(matches!(
            read_line_bounded(&mut cur, &mut buf, 16).unwrap(),
            LineStatus::Eof
        ));
    }

    #[test]
    fn response_drives_brute_and_dlp() {
        let cfg = Config::default()
            .merged_with(&json!({"SECURITY_CHECKS": {"dlp": 1}, "DLP_CC_NUMBERS": true, "ERROR_FLOOD_RATIO": 1}))
            .unwrap();
        let mut r = Replayer::new(Arc::new(Engine::new(cfg).unwrap()));
        let v = r.process_line(
            r#"{"request": {"path": "/a", "client_ip": "192.0.2.3"}, "response": {"status": 200, "body": "card 4111 1111 1111 1111"}, "time": 1}"#,
        );
        assert_eq!(v["attack"]["type"], "dlp");
        assert_eq!(v["attack"]["payload"], "Credit Card");
        let line = r#"{"request": {"path": "/signin", "client_ip": "192.0.2.4", "body_base64": "//79"}, "response": {"status": 401}, "time": 2}"#;
        assert_eq!(r.process_line(line)["decision"], "allow");
        assert_eq!(r.process_line(line)["attack"]["type"], "brute");
    }
}
