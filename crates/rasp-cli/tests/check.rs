//! `rasp check` end to end: the built binary, real files and pipes.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn rasp() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rasp"))
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = rasp()
        .arg("check")
        .args(args)
        .env_remove("PYRASP_CONF")
        .env_remove("RASP_CONF")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn rasp");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    // Write from another thread so a large input cannot deadlock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("rasp output");
    writer.join().unwrap();
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn tmp_file(name: &str, text: &str) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn value_lines_follow_the_protocol() {
    let input = concat!(
        r#"{"value": "1' OR '1'='1"}"#,
        "\n",
        r#"{"value": "<script>alert(1)</script>", "location": "cookies"}"#,
        "\n",
        r#"{"value": "just a comment about O'Reilly books", "location": "post_values"}"#,
        "\n",
    );
    let out = run_stdin(&[], input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let l = lines(&out);
    assert_eq!(l.len(), 3);
    assert_eq!(l[0]["decision"], "block");
    assert_eq!(l[0]["attack"]["type"], "sqli");
    assert_eq!(l[0]["attack"]["name"], "SQL Injection");
    assert_eq!(l[0]["attack"]["location"], "qs_values");
    assert_eq!(
        l[0]["attack"]["codes"],
        serde_json::json!(["T1111", "PCB006"])
    );
    assert_eq!(l[0]["attack"]["action"], 2);
    assert!(l[0]["attack"]["score"].is_number());
    assert_eq!(l[1]["attack"]["type"], "xss");
    assert_eq!(l[1]["attack"]["location"], "cookies");
    assert_eq!(
        l[2],
        serde_json::json!({"decision": "allow", "attack": null})
    );
}

#[test]
fn request_lines_carry_state_and_time() {
    let input = [
        // Decoy → blocked and blacklisted.
        r#"{"request": {"method": "GET", "path": "/.env", "client_ip": "192.0.2.10"}, "time": 1000}"#,
        r#"{"request": {"method": "GET", "path": "/", "client_ip": "192.0.2.10"}, "time": 1001}"#,
        // Another client is fine.
        r#"{"request": {"method": "GET", "path": "/", "client_ip": "192.0.2.11", "headers": [["User-Agent", "Mozilla/5.0"], ["Cookie", "a=b"]]}, "time": 1001.5}"#,
        // After BLACKLIST_DELAY the ban expires.
        r#"{"request": {"method": "GET", "path": "/", "client_ip": "192.0.2.10"}, "time": 4601.5}"#,
        // Body and response.
        r#"{"request": {"method": "POST", "path": "/api", "client_ip": "192.0.2.12", "content_type": "application/json", "body": "{\"q\": \"<img src=x onerror=alert(1)>\"}"}, "time": 4602}"#,
        r#"{"request": {"method": "POST", "path": "/up", "client_ip": "192.0.2.13", "content_type": "application/octet-stream", "body_base64": "//79AAEC"}, "response": {"status": 201}, "time": 4603}"#,
    ]
    .join("\n");
    let out = run_stdin(&[], &input);
    let l = lines(&out);
    assert_eq!(l.len(), 6);
    assert_eq!(l[0]["attack"]["type"], "decoy");
    assert_eq!(l[1]["attack"]["type"], "blacklist");
    assert_eq!(l[1]["attack"]["payload"], "192.0.2.10");
    assert_eq!(l[2]["decision"], "allow");
    assert_eq!(l[3]["decision"], "allow");
    assert_eq!(l[4]["attack"]["location"], "json_values");
    assert_eq!(l[5]["decision"], "allow");
}

#[test]
fn flood_window_follows_line_time() {
    let cfg = tmp_file(
        "flood.json",
        r#"{"config": {"FLOOD_RATIO": 3, "FLOOD_DELAY": 10}}"#,
    );
    let mk = |t: f64| {
        format!(r#"{{"request": {{"path": "/p", "client_ip": "198.51.100.1"}}, "time": {t}}}"#)
    };
    let input: Vec<String> = [0.0, 1.0, 2.0, 3.0].iter().map(|t| mk(*t)).collect();
    let out = run_stdin(&["--config", cfg.to_str().unwrap()], &input.join("\n"));
    let l = lines(&out);
    assert_eq!(
        l.iter()
            .map(|v| v["decision"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["allow", "allow", "allow", "block"]
    );
    assert_eq!(l[3]["attack"]["type"], "flood");
}

#[test]
fn malformed_lines_get_an_error_and_the_run_goes_on() {
    let input = "{oops\n[1,2]\n{\"request\": {\"client_ip\": \"not-an-ip\"}}\n{\"value\": \"x\", \"location\": \"moon\"}\n{\"value\": \"fine\"}\n";
    let out = run_stdin(&["--stats"], input);
    assert!(out.status.success());
    let l = lines(&out);
    assert_eq!(l.len(), 5);
    for v in &l[..4] {
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{v}");
    }
    assert_eq!(l[4]["decision"], "allow");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let summary: Value = serde_json::from_str(stderr.lines().last().unwrap()).unwrap();
    assert_eq!(summary["lines"], 5);
    assert_eq!(summary["errors"], 4);
    assert_eq!(summary["decisions"]["allow"], 1);
}

#[test]
fn files_are_read_in_order_with_shared_state() {
    let a = tmp_file(
        "a.jsonl",
        r#"{"request": {"path": "/wp/login", "client_ip": "203.0.113.5"}, "time": 10}"#,
    );
    let b = tmp_file(
        "b.jsonl",
        "{\"request\": {\"path\": \"/\", \"client_ip\": \"203.0.113.5\"}, \"time\": 11}\n",
    );
    let out = rasp()
        .args(["check", a.to_str().unwrap(), b.to_str().unwrap()])
        .env_remove("PYRASP_CONF")
        .env_remove("RASP_CONF")
        .output()
        .unwrap();
    let l = lines(&out);
    assert_eq!(l.len(), 2);
    assert_eq!(l[0]["attack"]["type"], "decoy");
    assert_eq!(l[1]["attack"]["type"], "blacklist");
    let missing = rasp()
        .args(["check", "/nonexistent/x.jsonl"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn config_errors_name_the_key_and_lenient_warns() {
    let bad = tmp_file("bad.json", r#"{"FLOOD_RATIO": 0}"#);
    let out = run_stdin(&["--config", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FLOOD_RATIO"));
    let unknown = tmp_file(
        "unknown.json",
        r#"{"SECURITY_CHECKS": {"xss": 3}, "MYSTERY": 1}"#,
    );
    let out = run_stdin(&["--config", unknown.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("MYSTERY"));
    let out = run_stdin(
        &["--config", unknown.to_str().unwrap(), "--lenient"],
        r#"{"value": "<script>alert(1)</script>"}"#,
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("MYSTERY"));
    // The config applied: xss is log-only.
    assert_eq!(lines(&out)[0]["decision"], "monitor");
}

#[test]
fn streams_many_lines_in_order() {
    let n = 20_000;
    let mut input = String::with_capacity(n * 40);
    for i in 0..n {
        if i % 1000 == 7 {
            input.push_str(r#"{"value": "<script>alert(1)</script>"}"#);
        } else {
            input.push_str(&format!(r#"{{"value": "item number {i}"}}"#));
        }
        input.push('\n');
    }
    let out = run_stdin(&["--stats"], &input);
    assert!(out.status.success());
    let l = lines(&out);
    assert_eq!(l.len(), n);
    for (i, v) in l.iter().enumerate() {
        let expect = if i % 1000 == 7 { "block" } else { "allow" };
        assert_eq!(v["decision"], expect, "line {i}");
    }
}
