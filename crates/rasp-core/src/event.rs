//! Security events and the sink trait through which they leave the engine.

use std::net::IpAddr;

use parking_lot::Mutex;

use crate::attack::Check;

/// One handled attack, ready for logging (PyRASP `handle_attack` details + context).
#[derive(Clone, Debug, PartialEq)]
pub struct SecurityEvent {
    /// The module that found the attack.
    pub check: Check,
    /// PyRASP location.
    pub location: String,
    /// Raw (decoded) offending value; log formats base64 it as PyRASP does.
    pub payload: String,
    /// Detector engine, for injection checks.
    pub engine: Option<&'static str>,
    /// Detector score, for injection checks.
    pub score: Option<f32>,
    /// Effective action (1, 2 or 3).
    pub action: u8,
    /// Client address as resolved through trusted proxies.
    pub client_ip: Option<IpAddr>,
    /// HTTP method.
    pub method: String,
    /// Request path.
    pub path: String,
    /// `Host` of the request.
    pub host: Option<String>,
    /// Unix time in seconds when the attack was detected.
    pub time: f64,
    /// `APP_NAME` at detection time.
    pub app_name: String,
}

impl SecurityEvent {
    /// PyRASP attack name.
    pub fn name(&self) -> &'static str {
        self.check.name()
    }
    /// MITRE ATT&CK and PCB codes.
    pub fn codes(&self) -> &'static [&'static str] {
        self.check.codes()
    }
}

/// Where events go. Implementations must never block the caller: the request path calls
/// `emit` synchronously. Bounded queues drop and count when full.
pub trait EventSink: Send + Sync {
    /// Hand one event over; must not block.
    fn emit(&self, event: SecurityEvent);
    /// Flush what is queued, waiting at most `deadline` (used at shutdown and by the CLI).
    fn flush(&self, _deadline: std::time::Duration) {}
}

/// Keeps every event in memory (tests, the CLI). Bounded: beyond `capacity` events the
/// oldest are dropped and counted.
#[derive(Debug)]
pub struct MemorySink {
    inner: Mutex<(std::collections::VecDeque<SecurityEvent>, u64)>,
    capacity: usize,
}

impl Default for MemorySink {
    fn default() -> Self {
        MemorySink::with_capacity(100_000)
    }
}

impl MemorySink {
    /// A sink keeping at most `capacity` events.
    pub fn with_capacity(capacity: usize) -> Self {
        MemorySink {
            inner: Mutex::new((std::collections::VecDeque::new(), 0)),
            capacity: capacity.max(1),
        }
    }
    /// Events received so far, oldest first.
    pub fn events(&self) -> Vec<SecurityEvent> {
        self.inner.lock().0.iter().cloned().collect()
    }
    /// Remove and return all events.
    pub fn take(&self) -> Vec<SecurityEvent> {
        self.inner.lock().0.drain(..).collect()
    }
    /// Events dropped because the sink was full.
    pub fn dropped(&self) -> u64 {
        self.inner.lock().1
    }
}

impl EventSink for MemorySink {
    fn emit(&self, event: SecurityEvent) {
        let mut g = self.inner.lock();
        if g.0.len() >= self.capacity {
            g.0.pop_front();
            g.1 += 1;
        }
        g.0.push_back(event);
    }
}

impl<T: EventSink + ?Sized> EventSink for std::sync::Arc<T> {
    fn emit(&self, event: SecurityEvent) {
        (**self).emit(event)
    }
    fn flush(&self, deadline: std::time::Duration) {
        (**self).flush(deadline)
    }
}
