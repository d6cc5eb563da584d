//! Real receivers on loopback for the agent's integration tests: UDP and TCP syslog
//! listeners, a small HTTP/1.1 server (webhook and management server), and a real
//! `redis-server` process.
#![allow(dead_code)]

pub mod mmdb;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rasp_core::{Check, SecurityEvent};

/// Longest any test waits for something to arrive.
pub const WAIT: Duration = Duration::from_secs(10);

/// A typical event (XSS in the query string from 10.0.0.1).
pub fn event() -> SecurityEvent {
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
        time: 1_726_297_460.0,
        app_name: "App".into(),
    }
}

/// Poll `f` every 10 ms until it returns true or `WAIT` passes.
pub fn wait_until(mut f: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + WAIT;
    while Instant::now() < until {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    f()
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// UDP listener collecting datagrams.
pub struct UdpReceiver {
    pub addr: SocketAddr,
    rx: Receiver<Vec<u8>>,
}

impl UdpReceiver {
    pub fn start() -> UdpReceiver {
        let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
        let addr = sock.local_addr().unwrap();
        sock.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65536];
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(120) {
                match sock.recv_from(&mut buf) {
                    Ok((n, _)) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            return;
                        }
                    }
                    Err(_) => continue,
                }
            }
        });
        UdpReceiver { addr, rx }
    }

    pub fn recv(&self) -> Vec<u8> {
        self.rx.recv_timeout(WAIT).expect("no datagram received")
    }
}

/// TCP listener collecting everything received, per connection.
pub struct TcpReceiver {
    pub addr: SocketAddr,
    data: Arc<Mutex<Vec<u8>>>,
    connections: Arc<Mutex<usize>>,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl TcpReceiver {
    pub fn start() -> TcpReceiver {
        TcpReceiver::start_on(0)
    }

    pub fn start_on(port: u16) -> TcpReceiver {
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let data = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (d, c, s) = (data.clone(), connections.clone(), stop.clone());
        let handle = std::thread::spawn(move || {
            let mut streams: Vec<TcpStream> = Vec::new();
            let started = Instant::now();
            while !s.load(Ordering::Acquire) && started.elapsed() < Duration::from_secs(120) {
                if let Ok((st, _)) = listener.accept() {
                    st.set_nonblocking(true).unwrap();
                    *c.lock().unwrap() += 1;
                    streams.push(st);
                }
                let mut buf = [0u8; 65536];
                streams.retain_mut(|st| match st.read(&mut buf) {
                    Ok(0) => false,
                    Ok(n) => {
                        d.lock().unwrap().extend_from_slice(&buf[..n]);
                        true
                    }
                    Err(e) => e.kind() == std::io::ErrorKind::WouldBlock,
                });
                std::thread::sleep(Duration::from_millis(2));
            }
            // Dropping the streams closes them: the sender sees the receiver go away.
        });
        TcpReceiver {
            addr,
            data,
            connections,
            stop,
            handle: Some(handle),
        }
    }

    pub fn data(&self) -> Vec<u8> {
        self.data.lock().unwrap().clone()
    }

    pub fn connections(&self) -> usize {
        *self.connections.lock().unwrap()
    }

    /// Stop listening and close every connection.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(h) = self.handle.take() {
            h.join().unwrap();
        }
    }
}

impl Drop for TcpReceiver {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}

/// One request received by [`HttpServer`].
#[derive(Clone, Debug)]
pub struct HttpRequest {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpRequest {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// What the handler answers: status, body, and an optional delay before answering.
pub struct HttpReply {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
}

impl HttpReply {
    pub fn ok(body: impl Into<String>) -> HttpReply {
        HttpReply {
            status: 200,
            body: body.into(),
            delay: Duration::ZERO,
        }
    }
    pub fn status(status: u16) -> HttpReply {
        HttpReply {
            status,
            body: String::new(),
            delay: Duration::ZERO,
        }
    }
}

type Handler = dyn Fn(&HttpRequest) -> HttpReply + Send + Sync;

/// A minimal HTTP/1.1 server (one thread per connection, `Connection: close`).
pub struct HttpServer {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<HttpRequest>>>,
    notify: Mutex<Receiver<()>>,
    stop: Arc<AtomicBool>,
}

impl HttpServer {
    pub fn start(
        handler: impl Fn(&HttpRequest) -> HttpReply + Send + Sync + 'static,
    ) -> HttpServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (ntx, nrx) = mpsc::channel();
        let handler: Arc<Handler> = Arc::new(handler);
        let (r, s) = (requests.clone(), stop.clone());
        std::thread::spawn(move || {
            let started = Instant::now();
            while !s.load(Ordering::Acquire) && started.elapsed() < Duration::from_secs(120) {
                match listener.accept() {
                    Ok((st, _)) => {
                        let (r, h, n) = (r.clone(), handler.clone(), ntx.clone());
                        std::thread::spawn(move || serve(st, &*h, &r, &n));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        HttpServer {
            addr,
            requests,
            notify: Mutex::new(nrx),
            stop,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn requests(&self) -> Vec<HttpRequest> {
        self.requests.lock().unwrap().clone()
    }

    /// Wait until at least `n` requests arrived.
    pub fn wait_for(&self, n: usize) -> Vec<HttpRequest> {
        let until = Instant::now() + WAIT;
        loop {
            let reqs = self.requests();
            if reqs.len() >= n || Instant::now() >= until {
                return reqs;
            }
            let _ = self
                .notify
                .lock()
                .unwrap()
                .recv_timeout(Duration::from_millis(50));
        }
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}

fn serve(st: TcpStream, handler: &Handler, log: &Mutex<Vec<HttpRequest>>, notify: &Sender<()>) {
    st.set_nonblocking(false).unwrap();
    st.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reader = BufReader::new(st.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let mut headers = Vec::new();
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 {
            return;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            let (k, v) = (k.trim().to_string(), v.trim().to_string());
            if k.eq_ignore_ascii_case("content-length") {
                len = v.parse().unwrap_or(0);
            }
            headers.push((k, v));
        }
    }
    let mut body = vec![0u8; len.min(16 << 20)];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let req = HttpRequest {
        method,
        path,
        headers,
        body,
    };
    let reply = handler(&req);
    log.lock().unwrap().push(req);
    let _ = notify.send(());
    std::thread::sleep(reply.delay);
    let mut st = st;
    let _ = write!(
        st,
        "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        reply.status,
        reply.body.len(),
        reply.body
    );
    let _ = st.flush();
}

/// A `redis-server` child process on a loopback port, killed on drop.
pub struct RedisServer {
    pub port: u16,
    child: Option<Child>,
}

impl RedisServer {
    /// Start one, or return `None` (with a message) when `redis-server` is not installed and
    /// we are not in CI. Under `CI=true` a missing binary fails the test.
    pub fn start() -> Option<RedisServer> {
        let port = free_port();
        RedisServer::start_on(port)
    }

    pub fn start_on(port: u16) -> Option<RedisServer> {
        if Command::new("redis-server")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_err()
        {
            if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false") {
                panic!("CI: redis-server is not installed (apt-get install redis-server)");
            }
            eprintln!("SKIPPED: redis-server not installed (apt-get install redis-server)");
            return None;
        }
        let child = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn redis-server");
        let server = RedisServer {
            port,
            child: Some(child),
        };
        assert!(
            wait_until(|| server.ping()),
            "redis-server did not answer PING on port {port}"
        );
        Some(server)
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    fn ping(&self) -> bool {
        let Ok(mut s) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
        if s.write_all(b"PING\r\n").is_err() {
            return false;
        }
        let mut buf = [0u8; 7];
        s.read_exact(&mut buf).is_ok() && &buf == b"+PONG\r\n"
    }

    /// Kill the server (SIGKILL) and wait for it to exit.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}
