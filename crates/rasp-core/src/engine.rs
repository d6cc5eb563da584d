//! The engine: PyRASP's checks, in PyRASP's order, over a [`RequestView`] / [`ResponseView`].

use std::net::IpAddr;
use std::sync::Arc;

use crate::attack::{Attack, Decision};
use crate::config::{Config, ConfigError};
use crate::event::EventSink;
use crate::request::{RequestView, ResponseView};
use crate::state::StateStore;

/// A route the application declares (for route validation, decoys and the cloud beacon).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// Endpoint name (PyRASP's routes dict key).
    pub name: String,
    /// Allowed methods; empty = any.
    pub methods: Vec<String>,
    /// Path pattern: literal segments and `{param}` / `:param` / `<param>` / `*rest` wildcards.
    pub path: String,
}

/// `get_status()`.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub version: &'static str,
    pub blacklist: usize,
    pub xss_loaded: bool,
    pub sqli_loaded: bool,
    /// `"Default"`, `"Local"` or `"Cloud"`.
    pub config: &'static str,
}

/// Request outcome counters (PyRASP `REQUESTS`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    pub success: u64,
    pub errors: u64,
    pub attacks: u64,
}

/// The response an adapter sends instead of the application's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockResponse {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

/// Builder: config plus optional sink, state store and route table.
pub struct EngineBuilder {
    pub(crate) config: Config,
    pub(crate) sink: Option<Arc<dyn EventSink>>,
    pub(crate) store: Option<Arc<dyn StateStore>>,
    pub(crate) routes: Option<Vec<Route>>,
}

/// The rasp-rs engine. `Send + Sync`; share it in an `Arc`.
pub struct Engine {
    _private: (),
}

impl Engine {
    pub fn builder(config: Config) -> EngineBuilder {
        EngineBuilder {
            config,
            sink: None,
            store: None,
            routes: None,
        }
    }

    pub fn new(config: Config) -> Result<Engine, ConfigError> {
        Engine::builder(config).build()
    }

    /// Inbound checks at the current system time.
    pub fn inspect_request(&self, _req: &RequestView<'_>) -> Decision {
        todo!("engine core")
    }

    /// Inbound checks at `now` (unix seconds).
    pub fn inspect_request_at(&self, _req: &RequestView<'_>, _now: f64) -> Decision {
        todo!("engine core")
    }

    /// Outbound checks (brute force, DLP) at the current time. `inbound` is what
    /// `inspect_request` returned for this request.
    pub fn inspect_response(
        &self,
        _req: &RequestView<'_>,
        _resp: &ResponseView<'_>,
        _inbound: &Decision,
    ) -> Decision {
        todo!("engine core")
    }

    pub fn inspect_response_at(
        &self,
        _req: &RequestView<'_>,
        _resp: &ResponseView<'_>,
        _inbound: &Decision,
        _now: f64,
    ) -> Decision {
        todo!("engine core")
    }

    /// The block or redirect response for an attack.
    pub fn block_response(&self, _attack: &Attack) -> BlockResponse {
        todo!("engine core")
    }

    /// `Some(value)` when `CHANGE_SERVER` is on.
    pub fn server_header(&self) -> Option<String> {
        todo!("engine core")
    }

    /// Client IP: the peer, or the forwarded address when the peer is a trusted proxy.
    pub fn client_ip(&self, _req: &RequestView<'_>) -> Option<IpAddr> {
        todo!("engine core")
    }

    /// Current configuration snapshot.
    pub fn config(&self) -> Arc<Config> {
        todo!("engine core")
    }
}

impl EngineBuilder {
    pub fn sink(mut self, sink: Arc<dyn EventSink>) -> Self {
        self.sink = Some(sink);
        self
    }
    pub fn store(mut self, store: Arc<dyn StateStore>) -> Self {
        self.store = Some(store);
        self
    }
    pub fn routes(mut self, routes: Vec<Route>) -> Self {
        self.routes = Some(routes);
        self
    }
    pub fn build(self) -> Result<Engine, ConfigError> {
        todo!("engine core")
    }
}
