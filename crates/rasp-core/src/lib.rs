//! rasp-core: the rasp-rs engine.
//!
//! Adapters (tower, actix, Lambda, the CLI) fill a [`RequestView`] and a [`ResponseView`];
//! the [`Engine`] runs PyRASP's checks in PyRASP's order and returns a [`Decision`]. Every
//! attack becomes a [`SecurityEvent`] handed to an [`EventSink`]. No network, no async
//! runtime, no globals.
//!
//! ```
//! use rasp_core::{Config, Engine, RequestView};
//! let engine = Engine::new(Config::default()).unwrap();
//! let req = RequestView {
//!     method: "GET",
//!     path: "/search",
//!     query: "q=1%27%20OR%20%271%27%3D%271",
//!     peer: Some("203.0.113.7".parse().unwrap()),
//!     ..Default::default()
//! };
//! let decision = engine.inspect_request(&req);
//! assert!(decision.is_block());
//! assert_eq!(decision.attack().unwrap().location, "qs_values");
//! ```

#![warn(missing_docs)]

pub mod attack;
pub mod checks;
pub mod client_ip;
mod compiled;
pub mod config;
pub mod decode;
pub mod engine;
pub mod event;
pub mod multipart;
pub mod pattern;
pub mod replay;
pub mod request;
pub mod state;
pub mod vectors;

pub use attack::{Attack, Check, Decision};
pub use config::{Config, ConfigError, LoadedConfig};
pub use engine::{
    BlockResponse, Counters, Engine, EngineBuilder, EngineStats, Route, SetConfigReport, Status,
};
pub use event::{EventSink, MemorySink, SecurityEvent};
pub use request::{RequestView, ResponseView};
pub use state::{CounterKind, MemoryStore, StateStore};
