//! Fail-open / fail-closed around the engine.
//!
//! The engine promises not to panic on any input; if it ever does, the adapter must not take
//! the application down with it. `FAIL_MODE` decides: `open` lets the request or response
//! through unchanged, `closed` answers with the configured block status and content.

use std::panic::{catch_unwind, AssertUnwindSafe};

use rasp_core::config::{Config, FailMode};
use rasp_core::engine::BlockResponse;
use rasp_core::Decision;

/// The outcome of one guarded engine call.
#[derive(Debug)]
pub enum Guarded {
    /// The engine answered.
    Decided(Decision),
    /// The engine panicked and `FAIL_MODE` is `open`: let the traffic through.
    FailedOpen,
    /// The engine panicked and `FAIL_MODE` is `closed`: answer with this response.
    FailedClosed(BlockResponse),
}

/// Runs one engine call, turning a panic into the configured fail mode.
pub fn guard(config: &Config, call: impl FnOnce() -> Decision) -> Guarded {
    match catch_unwind(AssertUnwindSafe(call)) {
        Ok(decision) => Guarded::Decided(decision),
        Err(_) => match config.fail_mode {
            FailMode::Open => Guarded::FailedOpen,
            FailMode::Closed => Guarded::FailedClosed(fail_closed_response(config)),
        },
    }
}

/// Runs `block_response` for an attack; a panic there still yields a block (never the app's
/// response), built from the configured block status and content.
pub fn block_response_guarded(
    config: &Config,
    call: impl FnOnce() -> BlockResponse,
) -> BlockResponse {
    catch_unwind(AssertUnwindSafe(call)).unwrap_or_else(|_| fail_closed_response(config))
}

/// The response sent when the engine failed and `FAIL_MODE` is `closed`.
pub fn fail_closed_response(config: &Config) -> BlockResponse {
    BlockResponse {
        status: config.block_status_code,
        body: config.block_action_content.clone(),
        headers: vec![(
            "content-type".to_string(),
            "text/html; charset=utf-8".to_string(),
        )],
    }
}
