//! PyRASP's three log layouts (spec §9.2), byte for byte, plus optional RFC 5424 framing.
//!
//! * Syslog: `[<time>] "<app>" - "<event>" - "<ip>" - "<country>" - "<codes>" - "<action>"[ - "<location>:<payload_b64>"]`
//! * JSON:   `{"time": …, "application": …, "log_data": [event, ip, country, {details}]}`
//! * PCB:    `{"application": …, "log_type": "security", "log_data": [event, ip, country, null, {details}]}`
//!
//! `details` keeps PyRASP's key order: `location`, `payload` (base64), `engine`, `score`
//! (injection checks only), `action`, `codes`, `path`. JSON text is written the way Python's
//! `json.dumps` writes it (see [`super::pyjson`]).

use std::fmt::Write;

use base64::Engine as _;
use jiff::tz::TimeZone;
use rasp_core::config::LogFormat;
use rasp_core::SecurityEvent;

use super::pyjson::{write_float, write_str};

/// PyRASP's time format (`%Y/%m/%d %H:%M:%S`, host local time, no zone).
const PYRASP_TIME: &str = "%Y/%m/%d %H:%M:%S";

/// Syslog facility for security events: 10 = `authpriv` ("security/authorization messages").
const FACILITY_AUTHPRIV: u8 = 10;
/// Severity 4 = warning, the level PyRASP's own logger uses for security events.
const SEVERITY_WARNING: u8 = 4;

/// Turns [`SecurityEvent`]s into the bytes a transport sends.
#[derive(Clone, Debug)]
pub struct Formatter {
    format: LogFormat,
    tz: TimeZone,
    rfc5424: Option<Rfc5424>,
}

/// Header fields of RFC 5424 framing that do not change between records.
#[derive(Clone, Debug)]
struct Rfc5424 {
    hostname: String,
    procid: String,
}

impl Formatter {
    /// A formatter for `format` in the host's local time zone (`TZ`, else `/etc/localtime`,
    /// else UTC), like PyRASP's `time.strftime`.
    pub fn new(format: LogFormat) -> Formatter {
        Formatter::with_time_zone(format, TimeZone::system())
    }

    /// A formatter with an explicit time zone (tests, or hosts whose zone is set in config).
    pub fn with_time_zone(format: LogFormat, tz: TimeZone) -> Formatter {
        Formatter {
            format,
            tz,
            rfc5424: None,
        }
    }

    /// Wrap every record in an RFC 5424 header (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID -`)
    /// for syslog daemons; the PyRASP layout becomes the MSG part.
    pub fn rfc5424(mut self, on: bool) -> Formatter {
        self.rfc5424 = on.then(|| Rfc5424 {
            hostname: header_token(&local_hostname(), 255),
            procid: std::process::id().to_string(),
        });
        self
    }

    /// The configured layout.
    pub fn format(&self) -> LogFormat {
        self.format
    }

    /// The record as PyRASP builds it (no framing): the Syslog line or the JSON text.
    pub fn record(&self, ev: &SecurityEvent, country: &str) -> String {
        match self.format {
            LogFormat::Syslog => self.syslog_line(ev, country),
            LogFormat::Json => self.json(ev, country),
            LogFormat::Pcb => pcb(ev, country),
        }
    }

    /// What a stream or datagram transport sends: the record, RFC 5424-framed when enabled.
    pub fn line(&self, ev: &SecurityEvent, country: &str) -> String {
        let record = self.record(ev, country);
        match &self.rfc5424 {
            None => record,
            Some(h) => {
                let mut out = String::with_capacity(record.len() + 96);
                let pri = FACILITY_AUTHPRIV * 8 + SEVERITY_WARNING;
                let _ = write!(
                    out,
                    "<{pri}>1 {} {} {} {} {} - ",
                    self.rfc3339(ev.time),
                    h.hostname,
                    header_token(&ev.app_name, 48),
                    h.procid,
                    header_token(ev.check.key(), 32),
                );
                out.push_str(&record);
                out
            }
        }
    }

    /// The body of an HTTP(S) webhook POST: the JSON/PCB document, or the Syslog line as a
    /// JSON string (what PyRASP 0.9.1+ posts for the Syslog format).
    pub fn http_body(&self, ev: &SecurityEvent, country: &str) -> String {
        match self.format {
            LogFormat::Syslog => {
                let mut out = String::new();
                write_str(&mut out, &self.syslog_line(ev, country));
                out
            }
            _ => self.record(ev, country),
        }
    }

    /// `[time] "app" - "event" - "ip" - "country" - "codes" - "action"[ - "location:payload"]`.
    pub fn syslog_line(&self, ev: &SecurityEvent, country: &str) -> String {
        let mut out = String::with_capacity(160 + ev.payload.len() * 4 / 3);
        let _ = write!(
            out,
            "[{}] \"{}\" - \"{}\" - \"{}\" - \"{}\" - \"{}\" - \"{}\"",
            self.local_time(ev.time),
            ev.app_name,
            ev.check.key(),
            source_ip(ev),
            country,
            ev.codes().join(" - "),
            ev.action,
        );
        let payload = b64(&ev.payload);
        if !ev.location.is_empty() && !payload.is_empty() {
            let _ = write!(out, " - \"{}:{}\"", ev.location, payload);
        }
        out
    }

    fn json(&self, ev: &SecurityEvent, country: &str) -> String {
        let mut out = String::with_capacity(256 + ev.payload.len() * 4 / 3);
        out.push_str("{\"time\": ");
        write_str(&mut out, &self.local_time(ev.time));
        out.push_str(", \"application\": ");
        write_str(&mut out, &ev.app_name);
        out.push_str(", \"log_data\": [");
        log_data_head(&mut out, ev, country);
        out.push_str(", ");
        details(&mut out, ev);
        out.push_str("]}");
        out
    }

    /// Event time in the formatter's zone, PyRASP layout.
    pub fn local_time(&self, unix: f64) -> String {
        match to_timestamp(unix) {
            Some(ts) => ts
                .to_zoned(self.tz.clone())
                .strftime(PYRASP_TIME)
                .to_string(),
            None => String::new(),
        }
    }

    /// RFC 3339 timestamp with microseconds and numeric offset (RFC 5424 `TIMESTAMP`).
    fn rfc3339(&self, unix: f64) -> String {
        match to_timestamp(unix) {
            Some(ts) => {
                let z = ts.to_zoned(self.tz.clone());
                format!(
                    "{}.{:06}{}",
                    z.strftime("%Y-%m-%dT%H:%M:%S"),
                    z.subsec_nanosecond() / 1000,
                    z.strftime("%:z")
                )
            }
            None => "-".to_string(),
        }
    }
}

fn pcb(ev: &SecurityEvent, country: &str) -> String {
    let mut out = String::with_capacity(256 + ev.payload.len() * 4 / 3);
    out.push_str("{\"application\": ");
    write_str(&mut out, &ev.app_name);
    out.push_str(", \"log_type\": \"security\", \"log_data\": [");
    log_data_head(&mut out, ev, country);
    out.push_str(", null, ");
    details(&mut out, ev);
    out.push_str("]}");
    out
}

fn log_data_head(out: &mut String, ev: &SecurityEvent, country: &str) {
    write_str(out, ev.check.key());
    out.push_str(", ");
    write_str(out, &source_ip(ev));
    out.push_str(", ");
    write_str(out, country);
}

/// PyRASP's enriched attack details, in its key order.
fn details(out: &mut String, ev: &SecurityEvent) {
    out.push_str("{\"location\": ");
    write_str(out, &ev.location);
    out.push_str(", \"payload\": ");
    write_str(out, &b64(&ev.payload));
    if let Some(engine) = ev.engine {
        out.push_str(", \"engine\": ");
        write_str(out, engine);
    }
    if let Some(score) = ev.score {
        out.push_str(", \"score\": ");
        // Through the f32's shortest decimal form, so 0.97f32 prints "0.97" as Python would
        // for the float it computed, not 0.9700000286102295.
        let score: f64 = score.to_string().parse().unwrap_or(f64::from(score));
        write_float(out, score);
    }
    let _ = write!(out, ", \"action\": {}, \"codes\": [", ev.action);
    for (i, code) in ev.codes().iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_str(out, code);
    }
    out.push_str("], \"path\": ");
    write_str(out, &ev.path);
    out.push('}');
}

fn source_ip(ev: &SecurityEvent) -> String {
    ev.client_ip.map(|ip| ip.to_string()).unwrap_or_default()
}

/// `base64.b64encode(payload.encode()).decode()`.
fn b64(payload: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(payload.as_bytes())
}

fn to_timestamp(unix: f64) -> Option<jiff::Timestamp> {
    if !unix.is_finite() {
        return None;
    }
    let micros = (unix * 1_000_000.0).round();
    if micros.abs() > 2.0e17 {
        return None;
    }
    jiff::Timestamp::from_microsecond(micros as i64).ok()
}

/// An RFC 5424 header field: printable US-ASCII without spaces, at most `max` chars,
/// `-` when empty (the NILVALUE).
fn header_token(s: &str, max: usize) -> String {
    let t: String = s
        .chars()
        .map(|c| if c.is_ascii_graphic() { c } else { '_' })
        .take(max)
        .collect();
    if t.is_empty() {
        "-".into()
    } else {
        t
    }
}

/// The machine's host name from the kernel (no libc call needed on Linux).
fn local_hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasp_core::Check;

    fn event() -> SecurityEvent {
        SecurityEvent {
            check: Check::Xss,
            location: "qs_values".into(),
            payload: "<s>".into(),
            engine: None,
            score: None,
            action: 2,
            client_ip: Some("10.0.0.1".parse().unwrap()),
            method: "GET".into(),
            path: "/search".into(),
            host: None,
            // 2024-09-14 07:04:20 UTC
            time: 1_726_297_460.0,
            app_name: "App".into(),
        }
    }

    fn utc(format: LogFormat) -> Formatter {
        Formatter::with_time_zone(format, TimeZone::UTC)
    }

    #[test]
    fn syslog_matches_pyrasp_verified_example() {
        // spec §9.2, verified against PyRASP 0.8.2.
        assert_eq!(
            utc(LogFormat::Syslog).record(&event(), ""),
            r#"[2024/09/14 07:04:20] "App" - "xss" - "10.0.0.1" - "" - "T1059.007 - PCB007" - "2" - "qs_values:PHM+""#
        );
    }

    #[test]
    fn syslog_omits_last_field_without_location_or_payload() {
        let mut ev = event();
        ev.payload.clear();
        let line = utc(LogFormat::Syslog).record(&ev, "Private");
        assert!(
            line.ends_with(r#""Private" - "T1059.007 - PCB007" - "2""#),
            "{line}"
        );
        let mut ev = event();
        ev.location.clear();
        assert!(utc(LogFormat::Syslog)
            .record(&ev, "")
            .ends_with(r#" - "2""#));
    }

    #[test]
    fn json_and_pcb_match_pyrasp_layout() {
        let mut ev = event();
        ev.check = Check::Sqli;
        ev.payload = "' or 1=1".into();
        ev.engine = Some("machine learning");
        ev.score = Some(0.97);
        assert_eq!(
            utc(LogFormat::Json).record(&ev, "France"),
            r#"{"time": "2024/09/14 07:04:20", "application": "App", "log_data": ["sqli", "10.0.0.1", "France", {"location": "qs_values", "payload": "JyBvciAxPTE=", "engine": "machine learning", "score": 0.97, "action": 2, "codes": ["T1111", "PCB006"], "path": "/search"}]}"#
        );
        assert_eq!(
            utc(LogFormat::Pcb).record(&ev, ""),
            r#"{"application": "App", "log_type": "security", "log_data": ["sqli", "10.0.0.1", "", null, {"location": "qs_values", "payload": "JyBvciAxPTE=", "engine": "machine learning", "score": 0.97, "action": 2, "codes": ["T1111", "PCB006"], "path": "/search"}]}"#
        );
    }

    #[test]
    fn json_output_is_valid_json_for_hostile_values() {
        let mut ev = event();
        ev.app_name = "a\"b\\c\n\u{1}é".into();
        ev.path = "/\u{0}x\u{2028}".into();
        ev.client_ip = None;
        for f in [LogFormat::Json, LogFormat::Pcb] {
            let text = utc(f).record(&ev, "");
            assert!(text.is_ascii());
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["application"], "a\"b\\c\n\u{1}é");
        }
        let body = utc(LogFormat::Syslog).http_body(&ev, "");
        let s: String = serde_json::from_str(&body).unwrap();
        assert_eq!(s, utc(LogFormat::Syslog).record(&ev, ""));
    }

    #[test]
    fn rfc5424_header_wraps_record() {
        let f = utc(LogFormat::Syslog).rfc5424(true);
        let mut ev = event();
        ev.app_name = "My App".into();
        ev.time = 1_726_297_460.25;
        let line = f.line(&ev, "");
        let expected_tail = format!(
            " My_App {} xss - {}",
            std::process::id(),
            utc(LogFormat::Syslog).record(&ev, "")
        );
        assert!(
            line.starts_with("<84>1 2024-09-14T07:04:20.250000+00:00 "),
            "{line}"
        );
        assert!(line.ends_with(&expected_tail), "{line}");
    }

    #[test]
    fn local_time_uses_the_zone() {
        let tz = TimeZone::fixed(jiff::tz::offset(2));
        let f = Formatter::with_time_zone(LogFormat::Syslog, tz);
        assert_eq!(f.local_time(1_726_297_460.0), "2024/09/14 09:04:20");
        assert_eq!(f.local_time(f64::NAN), "");
    }
}
