//! Property tests: whatever the strings in an event (attacker-controlled payload and path,
//! operator-controlled app name), the JSON and PCB records are valid ASCII JSON that
//! round-trips every field, the payload is the base64 of the original, and the Syslog line
//! keeps its field structure.

use base64::Engine as _;
use jiff::tz::TimeZone;
use proptest::prelude::*;
use rasp_agent::log::Formatter;
use rasp_core::config::LogFormat;
use rasp_core::{Check, SecurityEvent};

fn event(app: String, payload: String, path: String, score: Option<f32>) -> SecurityEvent {
    SecurityEvent {
        check: Check::Sqli,
        location: "qs_values".into(),
        payload,
        engine: score.map(|_| "machine learning"),
        score,
        action: 3,
        client_ip: Some("2001:db8::1".parse().unwrap()),
        method: "POST".into(),
        path,
        host: None,
        time: 1_726_297_460.5,
        app_name: app,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn json_and_pcb_round_trip(
        app in any::<String>(),
        payload in any::<String>(),
        path in any::<String>(),
        score in proptest::option::of(0.0f32..=1.0),
    ) {
        let ev = event(app.clone(), payload.clone(), path.clone(), score);
        for (format, details_at) in [(LogFormat::Json, 3), (LogFormat::Pcb, 4)] {
            let text = Formatter::with_time_zone(format, TimeZone::UTC).record(&ev, "");
            prop_assert!(text.is_ascii());
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(v["application"].as_str().unwrap(), app.as_str());
            let d = &v["log_data"][details_at];
            prop_assert_eq!(d["path"].as_str().unwrap(), path.as_str());
            let b64 = d["payload"].as_str().unwrap();
            let raw = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
            prop_assert_eq!(raw, payload.as_bytes().to_vec());
            if let Some(s) = score {
                prop_assert_eq!(d["score"].as_f64().unwrap() as f32, s);
            }
            prop_assert_eq!(d["codes"].clone(), serde_json::json!(["T1111", "PCB006"]));
        }
    }

    #[test]
    fn syslog_line_structure(payload in any::<String>(), app in "[a-zA-Z0-9 ]{0,20}") {
        let ev = event(app.clone(), payload.clone(), "/".into(), None);
        let f = Formatter::with_time_zone(LogFormat::Syslog, TimeZone::UTC);
        let line = f.record(&ev, "");
        let head = format!(
            r#"[2024/09/14 07:04:20] "{app}" - "sqli" - "2001:db8::1" - "" - "T1111 - PCB006" - "3""#
        );
        prop_assert!(line.starts_with(&head));
        let rest = &line[head.len()..];
        if payload.is_empty() {
            prop_assert_eq!(rest, "");
        } else {
            let b64 = base64::engine::general_purpose::STANDARD.encode(payload.as_bytes());
            prop_assert_eq!(rest, format!(r#" - "qs_values:{b64}""#));
        }
        // Over HTTP the line travels as a JSON string.
        let body: String = serde_json::from_str(&f.http_body(&ev, "")).unwrap();
        prop_assert_eq!(body, line);
    }
}
