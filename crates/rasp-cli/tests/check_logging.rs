//! `rasp check --config` honours the LOG_* keys: replaying requests produces the security
//! logs a server would, delivered (to a real UDP listener and a log file) before exit.

use std::io::Write;
use std::net::UdpSocket;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A fresh scratch directory for one test (removed by the test).
fn scratch(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("rasp-check-logging-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn replay(name: &str, config: &serde_json::Value, input: &str) -> std::process::Output {
    let dir = scratch(name);
    let conf = dir.join("rasp.json");
    std::fs::write(&conf, config.to_string()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasp"))
        .arg("check")
        .arg("--config")
        .arg(&conf)
        .env_remove("PYRASP_CONF")
        .env_remove("RASP_CONF")
        .env("TZ", "UTC")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn rasp");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    out
}

const INPUT: &str = concat!(
    r#"{"request": {"method": "GET", "path": "/.env", "client_ip": "198.51.100.9"}, "response": {"status": 404}, "time": 1726297460}"#,
    "\n",
    r#"{"request": {"method": "GET", "path": "/", "client_ip": "198.51.100.9"}, "time": 1726297461}"#,
    "\n",
    r#"{"request": {"method": "GET", "path": "/", "client_ip": "198.51.100.10"}, "response": {"status": 200}, "time": 1726297462}"#,
    "\n",
);

#[test]
fn replayed_attacks_are_logged_over_udp_before_exit() {
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let config = serde_json::json!({
        "APP_NAME": "Replay",
        "LOG_ENABLED": true,
        "LOG_FORMAT": "Syslog",
        "LOG_PROTOCOL": "UDP",
        "LOG_SERVER": "127.0.0.1",
        "LOG_PORT": sock.local_addr().unwrap().port(),
    });
    let out = replay("udp", &config, INPUT);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut buf = [0u8; 4096];
    let mut got = Vec::new();
    for _ in 0..2 {
        let n = sock.recv(&mut buf).expect("log datagram");
        got.push(String::from_utf8(buf[..n].to_vec()).unwrap());
    }
    assert_eq!(
        got,
        [
            r#"[2024/09/14 07:04:20] "Replay" - "decoy" - "198.51.100.9" - "Private" - "T1592.002 - PCB004" - "2" - "path:Ly5lbnY=""#,
            r#"[2024/09/14 07:04:21] "Replay" - "blacklist" - "198.51.100.9" - "Private" - "PCB000" - "2" - "source_ip:MTk4LjUxLjEwMC45""#,
        ]
    );
}

#[test]
fn replayed_attacks_are_logged_to_a_file_as_pcb_json() {
    let dir = scratch("file");
    let log = dir.join("security.log");
    let config = serde_json::json!({
        "LOG_ENABLED": true,
        "LOG_FORMAT": "PCB",
        "LOG_PROTOCOL": "file",
        "LOG_PATH": log.display().to_string(),
    });
    let out = replay("file-conf", &config, INPUT);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&log).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(
        lines[0],
        r#"{"application": "Web Server", "log_type": "security", "log_data": ["decoy", "198.51.100.9", "Private", null, {"location": "path", "payload": "Ly5lbnY=", "action": 2, "codes": ["T1592.002", "PCB004"], "path": "/.env"}]}"#
    );
}

#[test]
fn stdout_protocol_writes_json_lines() {
    let config = serde_json::json!({"LOG_ENABLED": true, "LOG_PROTOCOL": "stdout"});
    let out = replay("stdout", &config, INPUT);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let logs: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v.get("log_data").is_some())
        .collect();
    assert_eq!(logs.len(), 2, "{text}");
    assert_eq!(logs[0]["time"], "2024/09/14 07:04:20");
    assert_eq!(logs[1]["log_data"][0], "blacklist");
}
