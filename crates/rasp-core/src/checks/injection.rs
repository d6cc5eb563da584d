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

/// Whether `item` goes to the detector `kind`. Header names only feed the
/// forbidden-header check. XSS and SQLi see every other value (apps echo and store
/// anything). Command injection and traversal skip content-negotiation headers, and
/// traversal also skips the user agent and the referer: slashes and dots are their normal
/// shape and applications do not use them as file paths.
pub fn inspects(kind: AttackKind, item: &Item) -> bool {
    match item.location {
        Location::HeadersNames => false,
        _ if item.negotiation => matches!(kind, AttackKind::Xss | AttackKind::Sqli),
        Location::UserAgent | Location::Referer => kind != AttackKind::Traversal,
        _ => true,
    }
}

pub use crate::vectors::inert;

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
        if !inspects(kind, item) || inert(&item.value) {
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

    fn item(location: Location, negotiation: bool) -> Item {
        Item {
            location,
            value: "x".into(),
            negotiation,
        }
    }

    #[test]
    fn which_detectors_see_which_values() {
        use AttackKind::*;
        assert!(!inspects(Xss, &item(Location::HeadersNames, false)));
        assert!(inspects(Xss, &item(Location::HeadersValues, true)));
        assert!(inspects(Sqli, &item(Location::HeadersValues, true)));
        assert!(!inspects(Cmdi, &item(Location::HeadersValues, true)));
        assert!(!inspects(Traversal, &item(Location::HeadersValues, true)));
        assert!(
            inspects(Cmdi, &item(Location::UserAgent, false)),
            "shellshock"
        );
        assert!(!inspects(Traversal, &item(Location::Referer, false)));
        assert!(inspects(Traversal, &item(Location::Cookies, false)));
        assert!(inspects(Traversal, &item(Location::HeadersValues, false)));
    }

    #[test]
    fn inert_values() {
        assert!(inert("price_asc") && inert("42") && inert(""));
        for v in ["1 or 1", "..", "a;b", "<b>", "x'", "a-b", "é"] {
            assert!(!inert(v), "{v}");
        }
    }
}
