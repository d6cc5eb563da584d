//! `rasp eval` end to end: the built binary on a small labelled file, both modes.

use std::process::Command;

fn eval(args: &[&str]) -> (String, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rows.jsonl");
    let rows = [
        r#"{"payload": "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "label": "xss", "source": "w"}"#,
        r#"{"payload": "{\"id\": \"1 OR 1=1\"}", "label": "sqli", "source": "w"}"#,
        r#"{"payload": "[\"127.0.0.1\",\"&& id\"]", "label": "cmdi", "source": "w"}"#,
        r#"{"payload": "Tom & Jerry", "label": "benign", "source": "b"}"#,
    ];
    std::fs::write(&file, rows.join("\n") + "\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rasp"))
        .arg("eval")
        .arg(&file)
        .args(["--split", "all"])
        .args(args)
        .env_remove("PYRASP_CONF")
        .env_remove("RASP_CONF")
        .output()
        .expect("run rasp eval");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.success(),
    )
}

#[test]
fn location_mode_catches_decoded_and_json_wrapped_values() {
    let (out, err, ok) = eval(&["--location", "qs_values", "--json"]);
    assert!(ok, "{err}");
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["location"], "qs_values");
    for l in ["xss", "sqli", "cmdi"] {
        assert_eq!(j["by_label"][l]["any"], 1, "{l}: {out}");
        assert_eq!(j["by_label"][l]["own"], 1, "{l}: {out}");
    }
    assert_eq!(j["by_label"]["benign"]["any"], 0, "{out}");
}

#[test]
fn default_mode_judges_raw_values() {
    let (out, err, ok) = eval(&["--json"]);
    assert!(ok, "{err}");
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(j.get("location").is_none());
    assert_eq!(j["by_label"]["xss"]["any"], 0, "{out}");
    assert_eq!(j["by_label"]["benign"]["any"], 0, "{out}");
    let (text, _, ok) = eval(&[]);
    assert!(ok);
    assert!(text.contains("time per value, all detectors"), "{text}");
    assert!(text.contains("mean per detector"), "{text}");
}

#[test]
fn unknown_location_and_model_with_location_are_errors() {
    let (_, err, ok) = eval(&["--location", "nowhere"]);
    assert!(!ok);
    assert!(err.contains("qs_values"), "{err}");
    let (_, err, ok) = eval(&["--location", "cookies", "--model", "x.model"]);
    assert!(!ok);
    assert!(err.contains("--model"), "{err}");
}
