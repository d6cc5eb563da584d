//! The security modules, one file each, in PyRASP's order (spec §4.2, §4.4). Each check is a
//! pure function over the request and the compiled configuration that returns a
//! [`Finding`]; the engine turns findings into attacks, reactions, state and events.

pub mod brute;
pub mod decoy;
pub mod dlp;
pub mod flood;
pub mod headers;
pub mod hpp;
pub mod injection;
pub mod route;
pub mod source;
pub mod spoofing;
pub mod ztaa;

use crate::attack::Check;

/// What a check found, before the action is applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The module that found it.
    pub check: Check,
    /// PyRASP location (`qs_values`, `path`, `source_ip`…).
    pub location: String,
    /// The offending value, decoded.
    pub payload: String,
    /// Detector engine, for injection checks.
    pub engine: Option<&'static str>,
    /// Detector score, for injection checks.
    pub score: Option<f32>,
}

impl Finding {
    /// A finding without engine or score.
    pub fn new(check: Check, location: impl Into<String>, payload: impl Into<String>) -> Finding {
        Finding {
            check,
            location: location.into(),
            payload: payload.into(),
            engine: None,
            score: None,
        }
    }
}
