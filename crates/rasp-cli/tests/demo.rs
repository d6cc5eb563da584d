//! `rasp demo`: the self-test passes, and the interactive server really listens, serves and
//! blocks over HTTP on loopback.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const RASP: &str = env!("CARGO_BIN_EXE_rasp");

#[test]
fn selftest_passes_every_case() {
    let out = Command::new(RASP)
        .args(["demo", "--selftest"])
        .output()
        .expect("run rasp demo --selftest");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(" 0 failed"), "{stdout}");
    assert!(stdout.contains("403 sqli"), "{stdout}");
    assert!(!stdout.contains("MISMATCH"), "{stdout}");
}

#[test]
fn bad_config_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "{\"SECURITY_CHECKS\": {\"sqli\": \"yes\"}}").unwrap();
    let out = Command::new(RASP)
        .args(["demo", "--selftest", "--config"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sqli") || err.contains("SECURITY_CHECKS"),
        "{err}"
    );
}

/// One HTTP/1.1 exchange over a plain socket; returns the status code.
fn status_of(addr: SocketAddr, target: &str) -> u16 {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    resp.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn server_prints_where_it_listens_and_protects() {
    // A free port: bind, read, release (the demo binds it right after).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(RASP)
        .args(["demo", "--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .take(50)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(30));
    let result = std::panic::catch_unwind(|| {
        let first = first.expect("demo printed nothing");
        assert!(
            first.contains(&format!("http://127.0.0.1:{port}")),
            "{first}"
        );
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        assert_eq!(status_of(addr, "/?q=rust"), 200);
        assert_eq!(status_of(addr, "/login"), 200);
        assert_eq!(status_of(addr, "/?q=1%27%20OR%20%271%27%3D%271"), 403);
        let rest: Vec<String> = rx.try_iter().collect();
        assert!(rest.iter().any(|l| l.contains("curl")), "{rest:?}");
    });
    child.kill().ok();
    child.wait().ok();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
