//! Command injection (being replaced by the shell tokenizer in this cycle).
use crate::{AttackKind, Context, Detection, Engine};

/// Detect command injection in `value`.
pub fn detect(value: &str, _ctx: Context) -> Option<Detection> {
    let v = value;
    (v.contains("; ") || v.contains("$(") || v.contains('`') || v.contains("| ")).then_some(
        Detection {
            kind: AttackKind::Cmdi,
            engine: Engine::Grammar,
            score: 1.0,
            reason: "bootstrap",
        },
    )
}
