//! [`Guard`]: the engine plus PyRASP's Lambda semantics, shared by the in-process layer and
//! the Runtime API proxy.
//!
//! No thread is started. Security events are collected in a bounded in-memory sink while the
//! invocation runs and handed to a [`Reporter`] afterwards (normally [`AgentReporter`]:
//! rasp-agent in serverless mode), so no I/O happens before the response is on its way.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rasp_agent::{Agent, AgentOptions};
use rasp_core::{
    Config, ConfigError, Decision, Engine, EventSink, MemorySink, SecurityEvent, StateStore,
};

use crate::event::HttpEvent;
use crate::response::{block_payload, FunctionResponse};

/// Events kept per invocation before the oldest are dropped (and counted).
const EVENT_BUFFER: usize = 1024;

/// Where a finished invocation's security events go.
///
/// Called after the response has been posted (extension) or handed to the runtime
/// (in-process layer). Implementations must bound their own I/O time.
pub trait Reporter: Send + Sync {
    /// Deliver the events of one invocation, then do any periodic work that is due (the
    /// beacon).
    fn report(&self, events: Vec<SecurityEvent>);
    /// Deliver whatever is still queued before the sandbox goes away (SHUTDOWN).
    fn flush(&self, _deadline: Duration) {}
}

/// Longest a per-invocation log flush may take; the sandbox is billed for it.
const FLUSH_DEADLINE: Duration = Duration::from_secs(2);

/// rasp-agent in serverless mode: PyRASP's log formats and transports, the beacon, cloud
/// configuration and the Redis-shared blacklist, without any background thread of its own.
pub struct AgentReporter {
    agent: Agent,
}

impl Reporter for AgentReporter {
    fn report(&self, events: Vec<SecurityEvent>) {
        if !events.is_empty() {
            let sink = self.agent.sink();
            for e in events {
                sink.emit(e);
            }
            self.agent.flush(FLUSH_DEADLINE);
        }
        // PyRASP beacons "on an invocation once BEACON_DELAY has passed"; we do it after the
        // response instead of before the handler.
        self.agent.on_invocation();
    }

    fn flush(&self, deadline: Duration) {
        self.agent.shutdown(deadline);
    }
}

/// Why Lambda protection could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The configuration is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The agent (logging, Redis) could not start.
    #[error(transparent)]
    Agent(#[from] rasp_agent::AgentError),
}

/// Guard and agent for a Lambda sandbox, PyRASP's `LambdaRASP` start-up: the cloud
/// configuration (when `PYRASP_CLOUD_URL` is set) is fetched and merged, the agent starts in
/// serverless mode, and a start-up beacon is sent when `BEACON` is on.
pub fn protect(config: Config) -> Result<(Guard, AgentReporter), SetupError> {
    let opts = AgentOptions::new("AWS Lambda").serverless(true);
    let startup = rasp_agent::startup_config(&config, &opts, &[]);
    let mut config = startup.config;
    config.resolve_country = false;
    let agent = Agent::start(&config, opts)?;
    let guard = Guard::build(config, agent.store(), startup.blacklist)?;
    agent.attach(guard.engine.clone());
    if startup.cloud_applied {
        guard.engine.set_config_source("Cloud");
    }
    // A failed start-up beacon is the agent's to count; the function starts regardless.
    let _ = agent.beacon_now();
    Ok((guard, AgentReporter { agent }))
}

/// The engine configured for Lambda, with its per-invocation event buffer.
pub struct Guard {
    engine: Arc<Engine>,
    events: Arc<MemorySink>,
}

impl Guard {
    /// Build the engine from a configuration. Country resolution is switched off: it would
    /// mean a network call or a database in the request path of a short-lived sandbox.
    pub fn new(config: Config) -> Result<Guard, ConfigError> {
        Guard::build(config, None, Vec::new())
    }

    /// With a shared state store (Redis through rasp-agent) and an initial blacklist.
    pub fn build(
        mut config: Config,
        store: Option<Arc<dyn StateStore>>,
        blacklist: Vec<(IpAddr, f64)>,
    ) -> Result<Guard, ConfigError> {
        config.resolve_country = false;
        let events = Arc::new(MemorySink::with_capacity(EVENT_BUFFER));
        let sink: Arc<dyn EventSink> = events.clone();
        let mut b = Engine::builder(config).sink(sink).blacklist(blacklist);
        if let Some(store) = store {
            b = b.store(store);
        }
        Ok(Guard {
            engine: Arc::new(b.build()?),
            events,
        })
    }

    /// The engine, for callers that need its status or configuration.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Inbound checks for one event.
    pub fn check_request(&self, event: &HttpEvent) -> Decision {
        let config = self.engine.config();
        let view = event.view(config.lambda_analyze_headers, config.max_body_bytes);
        self.engine.inspect_request_at(&view, now())
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
            &event.view(config.lambda_analyze_headers, config.max_body_bytes),
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
