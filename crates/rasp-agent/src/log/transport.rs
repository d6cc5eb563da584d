//! Where formatted records go: UDP, TCP (newline or octet-counted framing, reconnect),
//! HTTP(S) webhook, a size-rotated file, or stdout.
//!
//! Every transport is driven by the agent's worker thread (or by an explicit flush in
//! serverless mode), never by a request. Every network call has a timeout. A failed send
//! says whether retrying can help ([`SendError::Retry`]: receiver down, slow, 5xx) or not
//! ([`SendError::Drop`]: the receiver rejected this record).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs, UdpSocket};
use std::path::PathBuf;
use std::time::Duration;

use rasp_core::config::{LogProtocol, TcpFraming};
use rasp_core::Config;

/// Largest HTTP response body read back from a webhook (we only need the status).
const MAX_RESPONSE_BODY: u64 = 64 * 1024;

/// Why a record was not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// The receiver is unreachable, slow or failing: retry later with backoff.
    Retry(String),
    /// The receiver rejected this record (or it cannot be sent): count it and move on.
    Drop(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::Retry(e) => write!(f, "{e} (will retry)"),
            SendError::Drop(e) => write!(f, "{e} (record dropped)"),
        }
    }
}

/// A transport problem found at start-up (bad address, unwritable file).
#[derive(Debug, thiserror::Error)]
#[error("log transport {protocol}: {reason}")]
pub struct TransportError {
    /// `LOG_PROTOCOL` value.
    pub protocol: &'static str,
    /// What is wrong.
    pub reason: String,
}

/// One configured destination for records.
pub enum Transport {
    /// One datagram per record.
    Udp(UdpTransport),
    /// One persistent connection, framed records.
    Tcp(TcpTransport),
    /// One POST per record.
    Http(HttpTransport),
    /// Appended lines with size rotation.
    File(RotatingFile),
    /// One line per record on stdout (containers, Lambda → CloudWatch).
    Stdout,
}

impl Transport {
    /// Build the transport `LOG_PROTOCOL` selects. Network transports connect lazily.
    pub fn from_config(c: &Config) -> Result<Transport, TransportError> {
        let timeout = secs(c.log_http_timeout);
        Ok(match c.log_protocol {
            LogProtocol::Udp => Transport::Udp(UdpTransport::new(&c.log_server, c.log_port)),
            LogProtocol::Tcp => {
                let mut t =
                    TcpTransport::new(&c.log_server, c.log_port, c.log_tcp_framing, timeout);
                if c.log_tls {
                    t.tls = Some(tls::client(&c.log_server).map_err(|reason| TransportError {
                        protocol: "tcp+tls",
                        reason,
                    })?);
                }
                Transport::Tcp(t)
            }
            LogProtocol::Http | LogProtocol::Https => {
                let scheme = if c.log_protocol == LogProtocol::Https {
                    "https"
                } else {
                    "http"
                };
                Transport::Http(
                    HttpTransport::new(
                        &webhook_url(scheme, &c.log_server, c.log_port, &c.log_path),
                        timeout,
                    )
                    .map_err(|reason| TransportError {
                        protocol: "http",
                        reason,
                    })?,
                )
            }
            LogProtocol::File => {
                if c.log_path.is_empty() {
                    return Err(TransportError {
                        protocol: "file",
                        reason: "LOG_PATH must name the log file".into(),
                    });
                }
                let max = c.log_file_size.saturating_mul(1024 * 1024);
                Transport::File(
                    RotatingFile::open(PathBuf::from(&c.log_path), max, c.log_file_count).map_err(
                        |e| TransportError {
                            protocol: "file",
                            reason: format!("{}: {e}", c.log_path),
                        },
                    )?,
                )
            }
            LogProtocol::Stdout => Transport::Stdout,
        })
    }

    /// Whether records for this transport are HTTP bodies (JSON) rather than lines.
    pub fn is_http(&self) -> bool {
        matches!(self, Transport::Http(_))
    }

    /// Deliver one record.
    pub fn send(&mut self, record: &[u8]) -> Result<(), SendError> {
        match self {
            Transport::Udp(t) => t.send(record),
            Transport::Tcp(t) => t.send(record),
            Transport::Http(t) => t.send(record),
            Transport::File(t) => t.send(record),
            Transport::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(record)
                    .and_then(|_| out.write_all(b"\n"))
                    .and_then(|_| out.flush())
                    .map_err(|e| SendError::Drop(format!("stdout: {e}")))
            }
        }
    }
}

fn secs(s: f64) -> Duration {
    if s.is_finite() && s > 0.0 {
        Duration::from_secs_f64(s.min(3600.0))
    } else {
        Duration::from_secs(1)
    }
}

/// `<scheme>://<server>:<port><path>` with PyRASP 0.9.1+'s rule: a leading `/` is added,
/// an empty path becomes `/`. IPv6 literals are bracketed.
pub fn webhook_url(scheme: &str, server: &str, port: u16, path: &str) -> String {
    let host = if server.contains(':') && !server.starts_with('[') {
        format!("[{server}]")
    } else {
        server.to_string()
    };
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    format!("{scheme}://{host}:{port}{path}")
}

fn resolve(server: &str, port: u16) -> Result<Vec<SocketAddr>, String> {
    let host = server.trim_start_matches('[').trim_end_matches(']');
    (host, port)
        .to_socket_addrs()
        .map(|a| a.collect::<Vec<_>>())
        .map_err(|e| format!("cannot resolve {server}:{port}: {e}"))
        .and_then(|a| {
            if a.is_empty() {
                Err(format!("{server}:{port} resolves to no address"))
            } else {
                Ok(a)
            }
        })
}

/// Syslog over UDP: one datagram per record, like PyRASP's `sendto`.
pub struct UdpTransport {
    server: String,
    port: u16,
    socket: Option<(UdpSocket, SocketAddr)>,
}

impl UdpTransport {
    fn new(server: &str, port: u16) -> UdpTransport {
        UdpTransport {
            server: server.to_string(),
            port,
            socket: None,
        }
    }

    fn send(&mut self, record: &[u8]) -> Result<(), SendError> {
        if self.socket.is_none() {
            let addr = resolve(&self.server, self.port).map_err(SendError::Retry)?[0];
            let bind: SocketAddr = if addr.is_ipv4() {
                "0.0.0.0:0".parse().expect("literal")
            } else {
                "[::]:0".parse().expect("literal")
            };
            let sock = UdpSocket::bind(bind).map_err(|e| SendError::Retry(format!("udp: {e}")))?;
            self.socket = Some((sock, addr));
        }
        let (sock, addr) = self.socket.as_ref().expect("set above");
        let addr = *addr;
        match sock.send_to(record, addr) {
            Ok(_) => Ok(()),
            // EMSGSIZE and friends: this record can never fit in a datagram.
            Err(e) if e.raw_os_error() == Some(90) => {
                Err(SendError::Drop(format!("udp: record too large: {e}")))
            }
            Err(e) => {
                self.socket = None;
                Err(SendError::Retry(format!("udp {addr}: {e}")))
            }
        }
    }
}

/// Syslog over TCP: one persistent connection (connect and write timeouts), newline or
/// RFC 6587 octet-counted framing, optionally inside TLS (`LOG_TLS`, RFC 5425), one
/// immediate reconnect-and-retry on error (the worker adds backoff beyond that). PyRASP
/// 0.8.2's TCP sender never delivered anything (B11).
pub struct TcpTransport {
    server: String,
    port: u16,
    framing: TcpFraming,
    timeout: Duration,
    tls: Option<tls::Client>,
    stream: Option<Conn>,
    frame: Vec<u8>,
}

/// An open log connection, plain or TLS.
enum Conn {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl Conn {
    fn tcp(&self) -> &TcpStream {
        match self {
            Conn::Plain(s) => s,
            Conn::Tls(s) => &s.sock,
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Conn::Plain(s) => s.write_all(buf),
            Conn::Tls(s) => {
                s.write_all(buf)?;
                s.flush()
            }
        }
    }
}

impl TcpTransport {
    fn new(server: &str, port: u16, framing: TcpFraming, timeout: Duration) -> TcpTransport {
        TcpTransport {
            server: server.to_string(),
            port,
            framing,
            timeout,
            tls: None,
            stream: None,
            frame: Vec::new(),
        }
    }

    fn connect(&self) -> Result<Conn, String> {
        let mut last = String::new();
        for addr in resolve(&self.server, self.port)? {
            match TcpStream::connect_timeout(&addr, self.timeout) {
                Ok(s) => {
                    let _ = s.set_nodelay(true);
                    // The read timeout bounds the TLS handshake.
                    s.set_write_timeout(Some(self.timeout))
                        .and_then(|_| s.set_read_timeout(Some(self.timeout)))
                        .map_err(|e| e.to_string())?;
                    return match &self.tls {
                        None => Ok(Conn::Plain(s)),
                        Some(t) => t.wrap(s).map(|s| Conn::Tls(Box::new(s))),
                    };
                }
                Err(e) => last = format!("tcp connect {addr}: {e}"),
            }
        }
        Err(last)
    }

    /// A peer that closed its side would swallow our next write (the RST arrives later), so
    /// look for EOF before writing: a non-blocking peek returning 0 means "closed". Peek,
    /// not read, so TLS records the server sent (session tickets) stay for rustls.
    fn peer_closed(stream: &TcpStream) -> bool {
        let mut buf = [0u8; 1];
        if stream.set_nonblocking(true).is_err() {
            return true;
        }
        let closed = match stream.peek(&mut buf) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
        };
        let _ = stream.set_nonblocking(false);
        closed
    }

    fn build_frame(&mut self, record: &[u8]) {
        self.frame.clear();
        match self.framing {
            TcpFraming::OctetCounting => {
                self.frame
                    .extend_from_slice(record.len().to_string().as_bytes());
                self.frame.push(b' ');
                self.frame.extend_from_slice(record);
            }
            TcpFraming::Newline => {
                // A raw newline inside a record would split it in two for the receiver.
                self.frame
                    .extend(record.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
                self.frame.push(b'\n');
            }
        }
    }

    fn send(&mut self, record: &[u8]) -> Result<(), SendError> {
        self.build_frame(record);
        for attempt in 0..2 {
            if let Some(s) = &self.stream {
                if Self::peer_closed(s.tcp()) {
                    self.stream = None;
                }
            }
            if self.stream.is_none() {
                match self.connect() {
                    Ok(s) => self.stream = Some(s),
                    Err(e) => return Err(SendError::Retry(e)),
                }
            }
            let stream = self.stream.as_mut().expect("connected above");
            match stream.write_all(&self.frame) {
                Ok(()) => return Ok(()),
                Err(e) => {
                    self.stream = None;
                    if attempt == 1 {
                        return Err(SendError::Retry(format!("tcp write: {e}")));
                    }
                }
            }
        }
        unreachable!("the loop returns on its second attempt")
    }
}

/// TLS client set-up for `LOG_TLS`.
mod tls {
    use std::net::TcpStream;
    use std::sync::Arc;

    use rustls::pki_types::ServerName;
    use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

    /// Verified TLS to one server name, trusting what [`crate::trust`] says.
    pub struct Client {
        config: Arc<ClientConfig>,
        name: ServerName<'static>,
    }

    pub fn client(server: &str) -> Result<Client, String> {
        let mut roots = RootCertStore::empty();
        match crate::trust::custom_roots()? {
            None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
            Some(certs) => {
                for cert in certs {
                    roots.add(cert).map_err(|e| format!("SSL_CERT_FILE: {e}"))?;
                }
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let host = server.trim_start_matches('[').trim_end_matches(']');
        let name = ServerName::try_from(host.to_string())
            .map_err(|e| format!("LOG_SERVER `{server}` is not a valid TLS server name: {e}"))?;
        Ok(Client {
            config: Arc::new(config),
            name,
        })
    }

    impl Client {
        /// Start a session over `sock`; the handshake runs on the first write.
        pub fn wrap(
            &self,
            sock: TcpStream,
        ) -> Result<StreamOwned<ClientConnection, TcpStream>, String> {
            let conn = ClientConnection::new(self.config.clone(), self.name.clone())
                .map_err(|e| format!("tls: {e}"))?;
            Ok(StreamOwned::new(conn, sock))
        }
    }
}

/// JSON webhook: one POST per record to `LOG_PATH` (PyRASP's threaded agents ignored it, B11).
pub struct HttpTransport {
    url: String,
    agent: ureq::Agent,
}

impl HttpTransport {
    fn new(url: &str, timeout: Duration) -> Result<HttpTransport, String> {
        Ok(HttpTransport {
            url: url.to_string(),
            agent: crate::trust::http_agent(timeout)?,
        })
    }

    fn send(&mut self, record: &[u8]) -> Result<(), SendError> {
        let resp = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/json")
            .send(record)
            .map_err(|e| SendError::Retry(format!("POST {}: {e}", self.url)))?;
        let status = resp.status().as_u16();
        // Drain a bounded body so the connection can be reused.
        let mut body = resp.into_body();
        let _ = body.with_config().limit(MAX_RESPONSE_BODY).read_to_vec();
        match status {
            200..=299 => Ok(()),
            408 | 429 | 500..=599 => Err(SendError::Retry(format!(
                "POST {}: HTTP {status}",
                self.url
            ))),
            _ => Err(SendError::Drop(format!("POST {}: HTTP {status}", self.url))),
        }
    }
}

/// A log file rotated by size: `path` → `path.1` → … → `path.<count>` (oldest removed).
pub struct RotatingFile {
    path: PathBuf,
    max_bytes: u64,
    count: u32,
    file: Option<File>,
    size: u64,
}

impl RotatingFile {
    /// Open (append) `path`; rotate when a record would push it past `max_bytes`
    /// (0 = never), keeping `count` old files.
    pub fn open(path: PathBuf, max_bytes: u64, count: u32) -> std::io::Result<RotatingFile> {
        let mut f = RotatingFile {
            path,
            max_bytes,
            count,
            file: None,
            size: 0,
        };
        f.reopen()?;
        Ok(f)
    }

    fn reopen(&mut self) -> std::io::Result<()> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        self.size = file.metadata()?.len();
        self.file = Some(file);
        Ok(())
    }

    fn numbered(&self, n: u32) -> PathBuf {
        let mut p = self.path.clone().into_os_string();
        p.push(format!(".{n}"));
        PathBuf::from(p)
    }

    fn rotate(&mut self) -> std::io::Result<()> {
        self.file = None;
        if self.count == 0 {
            std::fs::remove_file(&self.path)?;
        } else {
            let _ = std::fs::remove_file(self.numbered(self.count));
            for n in (1..self.count).rev() {
                let from = self.numbered(n);
                if from.exists() {
                    std::fs::rename(&from, self.numbered(n + 1))?;
                }
            }
            std::fs::rename(&self.path, self.numbered(1))?;
        }
        self.reopen()
    }

    fn send(&mut self, record: &[u8]) -> Result<(), SendError> {
        let len = record.len() as u64 + 1;
        let shown = self.path.display().to_string();
        let io = |e: std::io::Error| SendError::Retry(format!("{shown}: {e}"));
        if self.max_bytes > 0 && self.size > 0 && self.size + len > self.max_bytes {
            self.rotate().map_err(io)?;
        }
        if self.file.is_none() {
            self.reopen().map_err(io)?;
        }
        let file = self.file.as_mut().expect("opened above");
        let mut line = Vec::with_capacity(record.len() + 1);
        line.extend_from_slice(record);
        line.push(b'\n');
        match file.write_all(&line) {
            Ok(()) => {
                self.size += len;
                Ok(())
            }
            Err(e) => {
                self.file = None;
                Err(io(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_url_follows_pyrasp_path_rule() {
        assert_eq!(webhook_url("http", "h", 80, ""), "http://h:80/");
        assert_eq!(webhook_url("http", "h", 80, "logs"), "http://h:80/logs");
        assert_eq!(
            webhook_url("https", "::1", 8443, "/a/b"),
            "https://[::1]:8443/a/b"
        );
    }

    #[test]
    fn file_rotates_by_size_and_keeps_count() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rasp.log");
        let mut f = RotatingFile::open(path.clone(), 100, 2).unwrap();
        let rec = [b'x'; 39]; // 40 bytes with the newline
        for _ in 0..7 {
            f.send(&rec).unwrap();
        }
        // 7 records of 40 bytes, 2 per 100-byte file: current has 1, .1 and .2 have 2 each,
        // the oldest two were rotated out.
        let len = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        assert_eq!(len(path.clone()), 40);
        assert_eq!(len(dir.path().join("rasp.log.1")), 80);
        assert_eq!(len(dir.path().join("rasp.log.2")), 80);
        assert!(!dir.path().join("rasp.log.3").exists());
    }

    #[test]
    fn octet_counting_and_newline_framing() {
        let mut t = TcpTransport::new("127.0.0.1", 1, TcpFraming::OctetCounting, secs(1.0));
        t.build_frame(b"hello");
        assert_eq!(t.frame, b"5 hello");
        t.framing = TcpFraming::Newline;
        t.build_frame(b"a\nb");
        assert_eq!(t.frame, b"a b\n");
    }
}
