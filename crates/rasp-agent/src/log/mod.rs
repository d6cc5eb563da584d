//! Security logs: PyRASP's layouts ([`format`]), transports ([`transport`]) and the bounded
//! queue between them ([`queue`]), behind one [`LogSink`] the engine emits into.

pub mod format;
pub mod pyjson;
pub mod queue;
pub mod transport;

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwapOption;
use parking_lot::Mutex;
use rasp_core::config::{LogFormat, LogProtocol, TcpFraming};
use rasp_core::{Config, EventSink, SecurityEvent};

pub use format::Formatter;
pub use queue::{LogCounters, LogStats};
pub use transport::{SendError, Transport, TransportError};

use crate::geo::{GeoError, GeoResolver};
use queue::Pipeline;

/// Every configuration key that shapes logging. A configuration change restarts the
/// logging pipeline only when one of these changed (PyRASP 0.10 restarts on
/// `LOG_ENABLED, LOG_FORMAT, LOG_PROTOCOL, LOG_SERVER, LOG_PORT, LOG_PATH, LOG_FILE_SIZE`;
/// our added keys count too).
#[derive(Clone, Debug, PartialEq)]
pub struct LogSettings {
    /// `LOG_ENABLED`.
    pub enabled: bool,
    /// `LOG_FORMAT`.
    pub format: LogFormat,
    /// `LOG_SERVER`.
    pub server: String,
    /// `LOG_PORT`.
    pub port: u16,
    /// `LOG_PROTOCOL`.
    pub protocol: LogProtocol,
    /// `LOG_PATH` (webhook path or file path).
    pub path: String,
    /// `LOG_FILE_SIZE` (MB).
    pub file_size: u64,
    /// `LOG_FILE_COUNT`.
    pub file_count: u32,
    /// `LOG_SYSLOG_RFC5424`.
    pub rfc5424: bool,
    /// `LOG_TCP_FRAMING`.
    pub tcp_framing: TcpFraming,
    /// `LOG_TLS`.
    pub tls: bool,
    /// `LOG_HTTP_TIMEOUT` (s).
    pub timeout: u64,
    /// `LOG_QUEUE_SIZE`.
    pub queue_size: usize,
    /// `RESOLVE_COUNTRY`.
    pub resolve_country: bool,
    /// `GEOIP_DB`.
    pub geoip_db: String,
}

impl LogSettings {
    /// The logging keys of `c`.
    pub fn of(c: &Config) -> LogSettings {
        LogSettings {
            enabled: c.log_enabled,
            format: c.log_format,
            server: c.log_server.clone(),
            port: c.log_port,
            protocol: c.log_protocol,
            path: c.log_path.clone(),
            file_size: c.log_file_size,
            file_count: c.log_file_count,
            rfc5424: c.log_syslog_rfc5424,
            tcp_framing: c.log_tcp_framing,
            tls: c.log_tls,
            timeout: (c.log_http_timeout * 1000.0) as u64,
            queue_size: c.log_queue_size,
            resolve_country: c.resolve_country,
            geoip_db: c.geoip_db.clone(),
        }
    }
}

/// Why logging could not be (re)started.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// The transport could not be set up.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The country database could not be loaded.
    #[error(transparent)]
    Geo(#[from] GeoError),
    /// The worker thread could not be spawned.
    #[error("cannot start the log worker: {0}")]
    Thread(String),
}

/// The [`EventSink`] the engine emits into. `emit` never blocks: a bounded queue, drop and
/// count when full. Reconfigurable at run time (cloud config) without replacing the sink
/// the engine holds.
pub struct LogSink {
    pipeline: ArcSwapOption<Pipeline>,
    settings: Mutex<Option<LogSettings>>,
    counters: Arc<LogCounters>,
    threaded: bool,
}

impl LogSink {
    /// A sink for `config`. `threaded=false` (serverless) delivers only on
    /// [`LogSink::flush_now`] / [`EventSink::flush`].
    pub fn new(config: &Config, threaded: bool) -> Result<LogSink, LogError> {
        let sink = LogSink {
            pipeline: ArcSwapOption::empty(),
            settings: Mutex::new(None),
            counters: Arc::new(LogCounters::default()),
            threaded,
        };
        sink.reconfigure(config)?;
        Ok(sink)
    }

    /// Apply a new configuration. The pipeline is rebuilt only when a logging key changed;
    /// on error the previous pipeline keeps running. Returns whether it was restarted.
    pub fn reconfigure(&self, config: &Config) -> Result<bool, LogError> {
        let new = LogSettings::of(config);
        let mut current = self.settings.lock();
        if current.as_ref() == Some(&new) {
            return Ok(false);
        }
        let pipeline = if new.enabled {
            Some(Arc::new(self.build(config)?))
        } else {
            None
        };
        let old = self.pipeline.swap(pipeline);
        *current = Some(new);
        drop(current);
        if let Some(old) = old {
            // Let the old pipeline finish its queue off the caller's thread.
            let stop = move || {
                old.shutdown(Duration::from_secs(2));
            };
            if self.threaded {
                let _ = std::thread::Builder::new()
                    .name("rasp-agent-log-stop".into())
                    .spawn(stop);
            } else {
                stop();
            }
        }
        Ok(true)
    }

    fn build(&self, c: &Config) -> Result<Pipeline, LogError> {
        let transport = Transport::from_config(c)?;
        // stdout feeds container and Lambda log collectors, which parse JSON lines: the
        // Syslog layout is written as PyRASP's JSON layout there (PCB stays PCB).
        let format = match (c.log_protocol, c.log_format) {
            (LogProtocol::Stdout, LogFormat::Syslog) => LogFormat::Json,
            (_, f) => f,
        };
        let formatter = Formatter::new(format).rfc5424(
            c.log_syslog_rfc5424 && matches!(c.log_protocol, LogProtocol::Udp | LogProtocol::Tcp),
        );
        let geo = GeoResolver::from_config(c.resolve_country, &c.geoip_db)?;
        Pipeline::start(
            transport,
            formatter,
            geo,
            c.log_queue_size,
            self.counters.clone(),
            self.threaded,
        )
        .map_err(|e| LogError::Thread(e.to_string()))
    }

    /// Whether logging is on.
    pub fn enabled(&self) -> bool {
        self.pipeline.load().is_some()
    }

    /// Delivery counters.
    pub fn stats(&self) -> LogStats {
        self.counters.snapshot()
    }

    /// Deliver everything accepted so far, waiting at most `deadline`. Returns `true`
    /// when all of it was processed (sent or rejected).
    pub fn flush_now(&self, deadline: Duration) -> bool {
        match self.pipeline.load_full() {
            Some(p) => p.flush(deadline),
            None => true,
        }
    }

    /// Flush within `deadline` and stop logging; later events are counted as disabled.
    pub fn shutdown(&self, deadline: Duration) -> bool {
        match self.pipeline.swap(None) {
            Some(p) => p.shutdown(deadline),
            None => true,
        }
    }
}

impl EventSink for LogSink {
    fn emit(&self, event: SecurityEvent) {
        match &*self.pipeline.load() {
            Some(p) => p.emit(event),
            None => {
                self.counters
                    .dropped_disabled
                    .fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    fn flush(&self, deadline: Duration) {
        self.flush_now(deadline);
    }
}

impl Drop for LogSink {
    fn drop(&mut self) {
        self.shutdown(Duration::from_secs(1));
    }
}
