//! rasp-core: the rasp-rs engine.
//!
//! Adapters (tower, actix, Lambda, the CLI) fill a [`RequestView`] and a [`ResponseView`];
//! the [`Engine`] runs PyRASP's checks in PyRASP's order and returns a [`Decision`]. Every
//! attack becomes a [`SecurityEvent`] handed to an [`EventSink`]. No network, no async
//! runtime, no globals.

pub mod attack;
pub mod config;
pub mod engine;
pub mod event;
pub mod request;
pub mod state;

pub use attack::{Attack, Check, Decision};
pub use config::{Config, ConfigError};
pub use engine::{Engine, EngineBuilder, Route, Status};
pub use event::{EventSink, MemorySink, SecurityEvent};
pub use request::{RequestView, ResponseView};
pub use state::{CounterKind, MemoryStore, StateStore};
