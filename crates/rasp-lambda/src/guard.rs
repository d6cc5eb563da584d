//! [`Guard`]: the engine plus PyRASP's Lambda semantics, shared by the in-process layer and
//! the Runtime API proxy.
//!
//! No thread is started. Security events are collected in a bounded in-memory sink while the
//! invocation runs and handed to a [`Reporter`] afterwards, so no I/O happens before the
//! response is on its way.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use rasp_core::{Config, ConfigError, Decision, Engine, EventSink, MemorySink, SecurityEvent};

use crate::event::HttpEvent;
use crate::response::{block_payload, FunctionResponse};

/// Events kept per invocation before the oldest are dropped (and counted).
const EVENT_BUFFER: usize = 1024;

/// Where a finished invocation's security events go.
///
/// Called after the response has been posted (extension) or handed to the runtime
/// (in-process layer). Implementations must bound their own I/O time.
pub trait Reporter: Send + Sync {
    /// Deliver the events of one invocation.
    fn report(&self, events: Vec<SecurityEvent>);
    /// Deliver whatever is still queued before the sandbox goes away (SHUTDOWN).
    fn flush(&self, _deadline: std::time::Duration) {}
}

/// Writes each event as one JSON line on standard output, which Lambda ships to CloudWatch
/// Logs with the function's own log stream.
#[derive(Debug, Default)]
pub struct StdoutReporter;

impl Reporter for StdoutReporter {
    fn report(&self, events: Vec<SecurityEvent>) {
        use std::io::Write;
        if events.is_empty() {
            return;
        }
        let mut out = std::io::stdout().lock();
        for e in events {
            let line = event_json(&e);
            // A closed stdout must not take the function down; the event is lost either way.
            let _ = writeln!(out, "{line}");
        }
        let _ = out.flush();
    }
}

/// One event as the JSON object the `StdoutReporter` prints.
pub fn event_json(e: &SecurityEvent) -> serde_json::Value {
    serde_json::json!({
        "source": "rasp",
        "time": e.time,
        "application": e.app_name,
        "event_type": e.check.key(),
        "attack_id": e.check.id(),
        "name": e.name(),
        "codes": e.codes(),
        "action": e.action,
        "location": e.location,
        "payload": e.payload,
        "engine": e.engine,
        "score": e.score,
        "source_ip": e.client_ip.map(|ip| ip.to_string()),
        "method": e.method,
        "path": e.path,
        "host": e.host,
    })
}

/// The engine configured for Lambda, with its per-invocation event buffer.
pub struct Guard {
    engine: Engine,
    events: Arc<MemorySink>,
}

impl Guard {
    /// Build the engine from a configuration. Country resolution is switched off: it would
    /// mean a network call or a database in the request path of a short-lived sandbox.
    pub fn new(mut config: Config) -> Result<Guard, ConfigError> {
        config.resolve_country = false;
        let events = Arc::new(MemorySink::with_capacity(EVENT_BUFFER));
        let sink: Arc<dyn EventSink> = events.clone();
        let engine = Engine::builder(config).sink(sink).build()?;
        Ok(Guard { engine, events })
    }

    /// The engine, for callers that need its status or configuration.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Inbound checks for one event.
    pub fn check_request(&self, event: &HttpEvent) -> Decision {
        let analyze_headers = self.engine.config().lambda_analyze_headers;
        self.engine
            .inspect_request_at(&event.view(analyze_headers), now())
    }

    /// Outbound checks (DLP, error/brute-force counting) for the function's response.
    pub fn check_response(
        &self,
        event: &HttpEvent,
        response: &FunctionResponse,
        inbound: &Decision,
    ) -> Decision {
        let config = self.engine.config();
        let view = response.view(config.max_response_bytes);
        self.engine.inspect_response_at(
            &event.view(config.lambda_analyze_headers),
            &view,
            inbound,
            now(),
        )
    }

    /// The block response for `decision`'s attack in the event's response format, or `None`
    /// when the decision does not block.
    pub fn block_payload(&self, event: &HttpEvent, decision: &Decision) -> Option<Vec<u8>> {
        match decision {
            Decision::Block(attack) => {
                let block = self.engine.block_response(attack);
                Some(block_payload(event.kind, &block, event.multi_value_headers))
            }
            _ => None,
        }
    }

    /// Security events recorded since the last call (oldest first).
    pub fn take_events(&self) -> Vec<SecurityEvent> {
        self.events.take()
    }
}

/// Unix time in seconds.
pub(crate) fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}
