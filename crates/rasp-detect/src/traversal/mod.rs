//! Path traversal (being replaced in this cycle).
use crate::{AttackKind, Context, Detection, Engine};

/// Detect path traversal in `value`.
pub fn detect(value: &str, _ctx: Context) -> Option<Detection> {
    let v = value;
    (v.contains("../") || v.contains("..\\") || v.starts_with("/etc/")).then_some(Detection {
        kind: AttackKind::Traversal,
        engine: Engine::Grammar,
        score: 1.0,
        reason: "bootstrap",
    })
}
