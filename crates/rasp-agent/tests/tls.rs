//! TLS against real rustls servers on loopback whose certificate is issued for 127.0.0.1:
//! syslog over TLS (`LOG_TLS`), the HTTPS webhook and the HTTPS management server are
//! refused while the certificate is untrusted and work once its CA is given through
//! `SSL_CERT_FILE`. One test function, own binary: it sets a process environment variable.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use rasp_agent::{Agent, AgentOptions};
use rasp_core::config::{LogProtocol, TcpFraming};
use rasp_core::{Config, EventSink};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// Port, plaintext received, failed handshakes.
type TlsServer = (u16, Arc<Mutex<Vec<u8>>>, Arc<Mutex<usize>>);

/// A TLS server collecting the plaintext it receives; handshake failures are counted.
fn tls_server(cert: &rcgen::CertifiedKey<rcgen::KeyPair>) -> TlsServer {
    let config = server_config(cert);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let data = Arc::new(Mutex::new(Vec::new()));
    let failures = Arc::new(Mutex::new(0usize));
    let (d, f) = (data.clone(), failures.clone());
    std::thread::spawn(move || {
        let started = Instant::now();
        for sock in listener.incoming() {
            if started.elapsed() > Duration::from_secs(60) {
                return;
            }
            let Ok(sock) = sock else { continue };
            sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let conn = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = rustls::StreamOwned::new(conn, sock);
            let mut buf = [0u8; 4096];
            loop {
                match tls.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => d.lock().unwrap().extend_from_slice(&buf[..n]),
                    Err(_) => {
                        if tls.conn.is_handshaking() {
                            *f.lock().unwrap() += 1;
                        }
                        break;
                    }
                }
            }
        }
    });
    (port, data, failures)
}

fn server_config(cert: &rcgen::CertifiedKey<rcgen::KeyPair>) -> Arc<rustls::ServerConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.signing_key.serialize_der()));
    Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert.cert.der().clone()], key)
            .unwrap(),
    )
}

/// `(path, body)` of each request an HTTPS test server received.
type Requests = Arc<Mutex<Vec<(String, String)>>>;

/// An HTTPS server: records `(path, body)` and answers a cloud envelope on `/config`,
/// an empty 200 elsewhere.
fn https_server(cert: &rcgen::CertifiedKey<rcgen::KeyPair>) -> (u16, Requests) {
    let config = server_config(cert);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    std::thread::spawn(move || {
        let started = Instant::now();
        for sock in listener.incoming() {
            if started.elapsed() > Duration::from_secs(60) {
                return;
            }
            let Ok(sock) = sock else { continue };
            sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let conn = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = BufReader::new(rustls::StreamOwned::new(conn, sock));
            let mut line = String::new();
            if tls.read_line(&mut line).is_err() {
                continue;
            }
            let path = line
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_string();
            let mut len = 0;
            loop {
                let mut h = String::new();
                if tls.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    if k.eq_ignore_ascii_case("content-length") {
                        len = v.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0u8; len];
            if tls.read_exact(&mut body).is_err() {
                continue;
            }
            let reply = if path == "/config" {
                r#"{"status": true, "message": "", "data": {"config": {"APP_NAME": "Secure"}}}"#
            } else {
                ""
            };
            s.lock()
                .unwrap()
                .push((path, String::from_utf8_lossy(&body).into_owned()));
            let mut st = tls.into_inner();
            let _ = write!(
                st,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
                reply.len()
            );
            let _ = st.flush();
            st.conn.send_close_notify();
            let _ = st.flush();
        }
    });
    (port, seen)
}

#[test]
fn tls_syslog_https_webhook_and_cloud_trust_ssl_cert_file() {
    https_checks();
    syslog_checks();
}

fn https_checks() {
    let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let (port, seen) = https_server(&cert);
    let cfg = Config {
        log_enabled: true,
        log_protocol: LogProtocol::Https,
        log_server: "127.0.0.1".into(),
        log_port: port,
        log_path: "/logs".into(),
        log_format: rasp_core::config::LogFormat::Json,
        ..Config::default()
    };
    // Untrusted: nothing delivered.
    std::env::remove_var("SSL_CERT_FILE");
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    agent.sink().emit(event());
    assert!(wait_until(|| agent.stats().log.retries >= 1));
    agent.shutdown(Duration::from_millis(200));
    assert!(seen.lock().unwrap().is_empty());
    // Trusted through SSL_CERT_FILE: webhook and management server both work over HTTPS.
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, cert.cert.pem()).unwrap();
    std::env::set_var("SSL_CERT_FILE", &ca);
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    agent.sink().emit(event());
    assert!(agent.flush(WAIT), "{:?}", agent.stats().log);
    agent.shutdown(Duration::from_secs(1));
    let opts =
        AgentOptions::new("test").cloud_url(Some(format!("https://127.0.0.1:{port}/config")));
    let s = rasp_agent::startup_config(&Config::default(), &opts, &[]);
    assert!(s.error.is_none(), "{:?}", s.error);
    assert_eq!(s.config.app_name, "Secure");
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen[0].0, "/logs");
    assert!(seen[0].1.starts_with(r#"{"time": "#), "{}", seen[0].1);
    assert_eq!(seen[1].0, "/config");
    std::env::remove_var("SSL_CERT_FILE");
}

fn syslog_checks() {
    let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let (port, data, failures) = tls_server(&cert);
    let cfg = Config {
        log_enabled: true,
        log_protocol: LogProtocol::Tcp,
        log_tls: true,
        log_tcp_framing: TcpFraming::OctetCounting,
        log_server: "127.0.0.1".into(),
        log_port: port,
        ..Config::default()
    };

    // Untrusted certificate: the handshake fails, nothing is delivered, retries are counted.
    std::env::remove_var("SSL_CERT_FILE");
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    agent.sink().emit(event());
    assert!(wait_until(|| agent.stats().log.retries >= 2));
    assert!(!agent.shutdown(Duration::from_millis(200)));
    assert!(*failures.lock().unwrap() >= 1);
    assert!(data.lock().unwrap().is_empty());

    // Trusted through SSL_CERT_FILE: delivered, octet-counted inside TLS.
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, cert.cert.pem()).unwrap();
    std::env::set_var("SSL_CERT_FILE", &ca);
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    agent.sink().emit(event());
    agent.sink().emit(event());
    assert!(agent.flush(WAIT), "{:?}", agent.stats().log);
    assert!(wait_until(|| data.lock().unwrap().len() > 200));
    let text = String::from_utf8(data.lock().unwrap().clone()).unwrap();
    let (len, rest) = text.split_once(' ').unwrap();
    let len: usize = len.parse().unwrap();
    assert!(
        rest[..len].ends_with(r#" - "2" - "qs_values:PHM+""#),
        "{text}"
    );
    assert_eq!(text.len(), 2 * (len + 1 + len.to_string().len()));
    agent.shutdown(Duration::from_secs(2));

    // A bad CA bundle is a clear start-up error.
    std::fs::write(
        &ca,
        "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let e = Agent::start(&cfg, AgentOptions::new("test")).err().unwrap();
    assert!(e.to_string().contains("SSL_CERT_FILE"), "{e}");
    std::env::remove_var("SSL_CERT_FILE");
}
