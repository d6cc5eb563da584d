//! Command injection, XSS, SQL injection and path traversal over the extracted vectors
//! (spec §6.10–§6.12). Detection itself is `rasp_detect`'s job; this module decides which
//! values each detector sees and turns a detection into a finding.

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

pub use crate::vectors::{inert, nothing_to_inspect};

/// Bit of `kind` in an [`Unique::kinds`] mask.
fn bit(kind: AttackKind) -> u8 {
    match kind {
        AttackKind::Cmdi => 1,
        AttackKind::Xss => 2,
        AttackKind::Sqli => 4,
        AttackKind::Traversal => 8,
    }
}

/// One value worth a detector's time: the first item with this value, context and set of
/// detectors that inspect it.
#[derive(Clone, Copy, Debug)]
pub struct Unique {
    /// Index in the items.
    pub index: usize,
    /// Detectors that see it ([`inspects`]), one bit per kind.
    pub kinds: u8,
}

/// The items each detector must look at, in order, computed once per request for all four
/// detectors. Repeated values (JSON arrays of records, the same cookie twice…) are checked
/// once per context; the first location is the one reported (as PyRASP 0.10.2 does). Inert
/// values (letters, digits, `_`) are dropped here, except commands that run bare.
pub fn uniques(items: &[Item]) -> Vec<Unique> {
    let mut out = Vec::with_capacity(items.len());
    let mut seen: std::collections::HashSet<(&str, Context, u8), foldhash::fast::RandomState> =
        std::collections::HashSet::with_capacity_and_hasher(
            items.len(),
            foldhash::fast::RandomState::default(),
        );
    for (index, item) in items.iter().enumerate() {
        if nothing_to_inspect(&item.value) {
            continue;
        }
        let kinds = AttackKind::ALL
            .into_iter()
            .filter(|k| inspects(*k, item))
            .fold(0, |m, k| m | bit(k));
        if kinds != 0 && seen.insert((item.value.as_str(), item.location.context(), kinds)) {
            out.push(Unique { index, kinds });
        }
    }
    out
}

/// Run one detector over the unique items ([`uniques`]); first hit wins.
pub fn scan(
    detectors: &Detectors,
    kind: AttackKind,
    items: &[Item],
    uniques: &[Unique],
    mut keep_going: impl FnMut() -> bool,
) -> Option<Finding> {
    let b = bit(kind);
    for u in uniques.iter().filter(|u| u.kinds & b != 0) {
        let item = &items[u.index];
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
