//! Command injection, XSS, SQL injection and path traversal over the extracted vectors
//! (spec §6.10–§6.12). Detection itself is `rasp_detect`'s job; this module decides which
//! values each detector sees and turns a detection into a finding.

use std::collections::HashSet;

use rasp_detect::{AttackKind, Context, Detectors};

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

/// A value made only of ASCII letters, digits and `_` cannot end a SQL literal, open a
/// tag, separate a shell command or walk out of a directory, whatever the context: the
/// detectors are skipped for it (most path segments, parameter names, ids and numbers).
pub fn inert(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Run one detector over the items; first hit wins.
pub fn scan(
    detectors: &Detectors,
    kind: AttackKind,
    items: &[Item],
    mut keep_going: impl FnMut() -> bool,
) -> Option<Finding> {
    // Repeated values (JSON arrays of records, the same cookie twice…) are checked once per
    // context; the first location is the one reported (as PyRASP 0.10.2 does).
    let mut seen: HashSet<(&str, Context)> = HashSet::new();
    for item in items {
        if !inspects(kind, item.location) || inert(&item.value) {
            continue;
        }
        if !seen.insert((item.value.as_str(), item.location.context())) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inert_values() {
        assert!(inert("price_asc") && inert("42") && inert(""));
        for v in ["1 or 1", "..", "a;b", "<b>", "x'", "a-b", "é"] {
            assert!(!inert(v), "{v}");
        }
    }
}
