//! rasp-agent: everything rasp-rs sends to or receives from the outside world, off the
//! request path.
//!
//! * **Security logs** in PyRASP's Syslog, JSON and PCB layouts (byte-compatible), optionally
//!   RFC 5424-framed, over UDP, TCP (newline or octet-counted, reconnect with backoff), an
//!   HTTP(S) webhook, a size-rotated file or stdout — behind a bounded queue: a full queue
//!   drops and counts, a slow or dead receiver never slows a request ([`log`]).
//! * **Country** of the source IP from an offline MaxMind DB file ([`geo`]).
//! * **Cloud management** (PyRASP's protocol): start-up configuration
//!   ([`cloud::fetch_startup_config`]) and the periodic beacon with telemetry, blacklist
//!   sharing, blacklist orders and configuration updates ([`beacon`]).
//! * **Fleet state on Redis**: a [`StateStore`] that shares the blacklist and flood/brute
//!   counters between processes, hosts or Lambda instances (`redis` feature, [`redis`]).
//!
//! # Set-up (any framework)
//!
//! ```no_run
//! use std::sync::Arc;
//! use std::time::Duration;
//! use rasp_agent::{Agent, AgentOptions};
//! use rasp_core::{Config, Engine};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let config = Config::load(None, false)?.config;
//! let agent = Agent::start(&config, AgentOptions::new("axum"))?;
//! let mut builder = Engine::builder(config).sink(agent.sink());
//! if let Some(store) = agent.store() {
//!     builder = builder.store(store); // STATE_BACKEND=redis
//! }
//! let engine = Arc::new(builder.build()?);
//! agent.attach(engine.clone()); // beacon / cloud updates need the engine
//! // ... serve requests with `engine` ...
//! agent.shutdown(Duration::from_secs(2)); // flushes queued logs within the deadline
//! # Ok(()) }
//! ```
//!
//! # Serverless (AWS Lambda)
//!
//! With `AgentOptions::new("AWS Lambda").serverless(true)` no logging or beacon thread is
//! started (a frozen Lambda cannot run one, spec §12.5): call
//! [`Agent::on_invocation`] at the start of each invocation (sends the beacon when
//! `BEACON_DELAY` has passed) and [`Agent::flush`] before returning the response (delivers the
//! queued logs synchronously, bounded by the deadline). The Redis store, when enabled, keeps
//! its background sync threads; they reconnect and resync after the sandbox thaws.

#![warn(missing_docs)]

pub mod beacon;
pub mod cloud;
pub mod geo;
pub mod log;
#[cfg(feature = "redis")]
pub mod redis;
pub mod trust;

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;
use rasp_core::config::StateBackend;
use rasp_core::engine::Route;
use rasp_core::{Config, ConfigError, Engine, EventSink, StateStore};

use beacon::{BeaconCounters, BeaconStats, BeaconThread, Beaconer};
use cloud::{CloudData, CloudError, StartupRequest};
use log::{LogError, LogSink, LogStats};

/// How the agent runs.
#[derive(Clone, Debug)]
pub struct AgentOptions {
    /// No background logging/beacon threads; logs leave on [`Agent::flush`], beacons on
    /// [`Agent::on_invocation`] (Lambda and other frozen-between-calls runtimes).
    pub serverless: bool,
    /// Platform name sent to the management server (`"axum"`, `"actix-web"`, `"AWS Lambda"`).
    pub platform: String,
    /// Agent key (`PYRASP_KEY`).
    pub key: Option<String>,
    /// Management server start-up URL (`PYRASP_CLOUD_URL`).
    pub cloud_url: Option<String>,
}

impl AgentOptions {
    /// Options for `platform`, with `key` and `cloud_url` taken from the `PYRASP_KEY` and
    /// `PYRASP_CLOUD_URL` environment variables when set and non-empty.
    pub fn new(platform: &str) -> AgentOptions {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        AgentOptions {
            serverless: false,
            platform: platform.to_string(),
            key: env("PYRASP_KEY"),
            cloud_url: env("PYRASP_CLOUD_URL"),
        }
    }

    /// Set serverless mode.
    pub fn serverless(mut self, on: bool) -> AgentOptions {
        self.serverless = on;
        self
    }

    /// Set the agent key.
    pub fn key(mut self, key: Option<String>) -> AgentOptions {
        self.key = key;
        self
    }

    /// Set the management server start-up URL.
    pub fn cloud_url(mut self, url: Option<String>) -> AgentOptions {
        self.cloud_url = url;
        self
    }
}

/// Why the agent could not start.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    /// Logging configuration problem (bad file path, bad GeoIP database…).
    #[error(transparent)]
    Log(#[from] LogError),
    /// `STATE_BACKEND=redis` with a malformed `REDIS_URL`.
    #[cfg(feature = "redis")]
    #[error(transparent)]
    Redis(#[from] redis::RedisConfigError),
    /// `STATE_BACKEND=redis` in a build without the `redis` feature.
    #[error("STATE_BACKEND=redis needs rasp-agent built with the `redis` feature")]
    RedisNotBuilt,
    /// A thread could not be spawned.
    #[error("cannot start agent thread: {0}")]
    Thread(String),
}

/// All agent counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgentStats {
    /// Log queue and delivery.
    pub log: LogStats,
    /// Beacons.
    pub beacon: BeaconStats,
    /// Redis sync, when `STATE_BACKEND=redis`.
    #[cfg(feature = "redis")]
    pub redis: Option<redis::RedisStats>,
}

/// Result of the start-up exchange with the management server, merged into a config.
#[derive(Debug)]
pub struct Startup {
    /// The configuration to build the engine with.
    pub config: Config,
    /// Initial blacklist from the server (pass to `EngineBuilder::blacklist`).
    pub blacklist: Vec<(IpAddr, f64)>,
    /// Whether the server's configuration was applied (then `get_status().config` is `"Cloud"`).
    pub cloud_applied: bool,
    /// What went wrong, if anything (the base configuration is used then).
    pub error: Option<StartupError>,
    /// Keys of the server's configuration that rasp-rs does not know (skipped).
    pub ignored_keys: Vec<String>,
}

/// A start-up exchange that did not yield a usable configuration.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The server could not be used.
    #[error(transparent)]
    Cloud(#[from] CloudError),
    /// The server's configuration did not validate.
    #[error("cloud configuration rejected: {0}")]
    Config(#[from] ConfigError),
}

/// Fetch the start-up configuration from `opts.cloud_url` (when set) and merge it over
/// `base`. Never fails: on any problem the base configuration is returned with the error,
/// and the application starts with it (PyRASP prints the error and goes on).
pub fn startup_config(base: &Config, opts: &AgentOptions, routes: &[Route]) -> Startup {
    let mut out = Startup {
        config: base.clone(),
        blacklist: Vec::new(),
        cloud_applied: false,
        error: None,
        ignored_keys: Vec::new(),
    };
    let Some(url) = opts.cloud_url.as_deref() else {
        return out;
    };
    let req = StartupRequest {
        url,
        key: opts.key.as_deref(),
        platform: &opts.platform,
        routes,
        timeout: Duration::from_secs_f64(base.cloud_timeout.clamp(0.05, 300.0)),
    };
    match cloud::fetch_startup_config(&req) {
        Ok(CloudData {
            config, blacklist, ..
        }) => {
            out.blacklist = blacklist;
            if let Some(layer) = config {
                match cloud::merge_layer(base, &layer) {
                    Ok((c, skipped)) => {
                        if !skipped.is_empty() {
                            tracing::warn!(
                                target: "rasp_agent::cloud",
                                "start-up configuration: unknown keys ignored: {}",
                                skipped.join(", ")
                            );
                        }
                        out.config = c;
                        out.cloud_applied = true;
                        out.ignored_keys = skipped;
                    }
                    Err(e) => out.error = Some(e.into()),
                }
            }
        }
        Err(e) => {
            tracing::warn!(target: "rasp_agent::cloud", "start-up configuration: {e}");
            out.error = Some(e.into());
        }
    }
    out
}

/// The running agent. Create it before the engine (the engine needs its sink and store),
/// then [`Agent::attach`] the engine.
pub struct Agent {
    opts: AgentOptions,
    log: Arc<LogSink>,
    store: Option<Arc<dyn StateStore>>,
    #[cfg(feature = "redis")]
    redis: Option<Arc<redis::RedisStore>>,
    beacon_counters: Arc<BeaconCounters>,
    beacon_thread: Mutex<Option<BeaconThread>>,
    beaconer: Mutex<Option<Arc<Mutex<Beaconer>>>>,
}

impl Agent {
    /// Start logging (and the Redis sync when `STATE_BACKEND=redis`) for `config`.
    pub fn start(config: &Config, opts: AgentOptions) -> Result<Agent, AgentError> {
        let log = Arc::new(LogSink::new(config, !opts.serverless)?);
        #[cfg(feature = "redis")]
        let redis = match config.state_backend {
            StateBackend::Redis => {
                let local: Arc<dyn StateStore> =
                    Arc::new(rasp_core::MemoryStore::new(config.state_capacity));
                Some(Arc::new(redis::RedisStore::start(
                    local,
                    &config.redis_url,
                    &config.redis_prefix,
                    config.state_capacity,
                )?))
            }
            StateBackend::Memory => None,
        };
        #[cfg(feature = "redis")]
        let store = redis.clone().map(|r| r as Arc<dyn StateStore>);
        #[cfg(not(feature = "redis"))]
        let store = match config.state_backend {
            StateBackend::Redis => return Err(AgentError::RedisNotBuilt),
            StateBackend::Memory => None,
        };
        Ok(Agent {
            opts,
            log,
            store,
            #[cfg(feature = "redis")]
            redis,
            beacon_counters: Arc::new(BeaconCounters::default()),
            beacon_thread: Mutex::new(None),
            beaconer: Mutex::new(None),
        })
    }

    /// The sink to give the engine (`EngineBuilder::sink`). Never blocks.
    pub fn sink(&self) -> Arc<dyn EventSink> {
        self.log.clone()
    }

    /// The log sink itself (stats, reconfiguration).
    pub fn log(&self) -> &Arc<LogSink> {
        &self.log
    }

    /// The shared state store to give the engine (`EngineBuilder::store`) when
    /// `STATE_BACKEND=redis`; `None` means "use the engine's in-memory store".
    pub fn store(&self) -> Option<Arc<dyn StateStore>> {
        self.store.clone()
    }

    /// Connect the engine: starts the beacon thread (long-running) or prepares the
    /// per-invocation beacon (serverless). Beacons are sent only while `BEACON` is on and
    /// `BEACON_URL` is set; both are re-read from the engine's live configuration.
    pub fn attach(&self, engine: Arc<Engine>) {
        let b = Arc::new(Mutex::new(Beaconer::new(
            engine,
            self.opts.key.clone(),
            self.log.clone(),
            self.beacon_counters.clone(),
        )));
        *self.beaconer.lock() = Some(b.clone());
        if !self.opts.serverless {
            let mut slot = self.beacon_thread.lock();
            if let Some(mut old) = slot.take() {
                old.stop(Duration::from_secs(1));
            }
            match BeaconThread::start(b) {
                Ok(t) => *slot = Some(t),
                Err(e) => tracing::warn!(target: "rasp_agent", "beacon thread not started: {e}"),
            }
        }
    }

    /// Serverless: call at the start of each invocation. Sends a beacon (synchronously, with
    /// `CLOUD_TIMEOUT`) when one is due. Returns whether a beacon was attempted. No-op for
    /// long-running agents (their thread beacons).
    pub fn on_invocation(&self) -> bool {
        if !self.opts.serverless {
            return false;
        }
        let b = self.beaconer.lock().clone();
        match b {
            Some(b) => b.lock().beacon_if_due(),
            None => false,
        }
    }

    /// Send a beacon now (whatever `BEACON_DELAY` says) and apply the answer. `Ok(false)`
    /// when no engine is attached or `BEACON`/`BEACON_URL` are not set.
    pub fn beacon_now(&self) -> Result<bool, CloudError> {
        let b = self.beaconer.lock().clone();
        let Some(b) = b else { return Ok(false) };
        let mut b = b.lock();
        let cfg = b.engine_config();
        if !cfg.beacon || cfg.beacon_url.is_none() {
            return Ok(false);
        }
        b.beacon_now().map(|_| true)
    }

    /// Apply a new configuration's logging keys (restarts logging only when they changed).
    /// Adapters call this after `Engine::set_config`.
    pub fn reconfigure(&self, config: &Config) -> Result<bool, LogError> {
        self.log.reconfigure(config)
    }

    /// Deliver queued logs, waiting at most `deadline`. In serverless mode this is where
    /// logs are sent. Returns `true` when everything queued before the call was processed.
    pub fn flush(&self, deadline: Duration) -> bool {
        self.log.flush_now(deadline)
    }

    /// Stop the beacon, flush and stop logging within `deadline`, stop the Redis sync.
    pub fn shutdown(&self, deadline: Duration) -> bool {
        if let Some(mut t) = self.beacon_thread.lock().take() {
            t.stop(deadline.min(Duration::from_secs(1)));
        }
        let done = self.log.shutdown(deadline);
        #[cfg(feature = "redis")]
        if let Some(r) = &self.redis {
            r.shutdown();
        }
        done
    }

    /// Counters of every part of the agent.
    pub fn stats(&self) -> AgentStats {
        AgentStats {
            log: self.log.stats(),
            beacon: self.beacon_counters.snapshot(),
            #[cfg(feature = "redis")]
            redis: self.redis.as_ref().map(|r| r.stats()),
        }
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        if let Some(mut t) = self.beacon_thread.lock().take() {
            t.stop(Duration::from_millis(200));
        }
    }
}
