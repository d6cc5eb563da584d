//! Command injection, XSS, SQL injection and path traversal over the extracted vectors
//! (spec §6.10–§6.12). Detection itself is `rasp_detect`'s job; this module decides which
//! values each detector sees and turns a detection into a finding.

use rasp_detect::{AttackKind, Detectors};

use super::Finding;
use crate::attack::Check;
use crate::vectors::{Item, Location};

/// The engine check for a detector kind.
pub fn check_for(kind: AttackKind) -> Check {
    match kind {
        AttackKind::Cmdi => Check::Command,
        AttackKind::Xss => Check::Xss,
        AttackKind::Sqli => Check::Sqli,
        AttackKind::Traversal => Check::Traversal,
    }
}

/// Whether values at `loc` go to the detector `kind`. Header names only feed the
/// forbidden-header check; every other location reaches every detector (each detector
/// is told the context and is stricter where benign text looks odd).
pub fn inspects(kind: AttackKind, loc: Location) -> bool {
    let _ = kind;
    loc != Location::HeadersNames
}

/// Run one detector over the items; first hit wins.
pub fn scan(
    detectors: &Detectors,
    kind: AttackKind,
    items: &[Item],
    mut keep_going: impl FnMut() -> bool,
) -> Option<Finding> {
    for item in items {
        if !inspects(kind, item.location) {
            continue;
        }
        if !keep_going() {
            return None;
        }
        if let Some(d) = detectors.check(kind, &item.value, item.location.context()) {
            return Some(Finding {
                check: check_for(kind),
                location: item.location.as_str().to_string(),
                payload: item.value.clone(),
                engine: Some(d.engine.as_str()),
                score: Some(d.score),
            });
        }
    }
    None
}
