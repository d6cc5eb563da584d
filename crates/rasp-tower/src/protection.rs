//! [`Protection`]: what a framework adapter shares between its clones — the engine, the
//! adapter's own counters and the agent started for it. The tower layer and rasp-actix
//! both wrap one.

use std::sync::Arc;

use rasp_core::Engine;

use crate::layer::{AdapterStats, BuiltEngine};

/// The engine, adapter counters and agent behind one protected application.
pub struct Protection {
    pub(crate) engine: Arc<Engine>,
    pub(crate) stats: AdapterStats,
    #[cfg(feature = "agent")]
    pub(crate) agent: Option<Arc<rasp_agent::Agent>>,
}

impl Protection {
    /// Around an engine you built yourself (no agent).
    pub fn new(engine: Arc<Engine>) -> Self {
        Protection {
            engine,
            stats: AdapterStats::default(),
            #[cfg(feature = "agent")]
            agent: None,
        }
    }

    /// Around what [`crate::RaspLayerBuilder::build_engine`] built.
    pub fn from_built(built: BuiltEngine) -> Self {
        Protection {
            engine: built.engine,
            stats: AdapterStats::default(),
            #[cfg(feature = "agent")]
            agent: built.agent,
        }
    }

    /// The engine.
    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    /// The adapter's own counters.
    pub fn stats(&self) -> &AdapterStats {
        &self.stats
    }

    /// The agent started by the builder, if any (flush or shut it down on exit).
    #[cfg(feature = "agent")]
    pub fn agent(&self) -> Option<&Arc<rasp_agent::Agent>> {
        self.agent.as_ref()
    }
}

impl std::fmt::Debug for Protection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Protection").finish_non_exhaustive()
    }
}
