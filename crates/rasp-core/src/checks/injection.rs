//! Command injection, XSS, SQL injection and path traversal over the extracted vectors
//! (spec §6.10–§6.12). Detection itself is `rasp_detect`'s job; this module decides which
//! values each detector sees and turns a detection into a finding.

use rasp_detect::{AttackKind, Context, Detectors, Engine};

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
/// anything). Command injection skips content-negotiation headers (`;q=0.8` lists);
/// traversal reads them (Rails rendered a template named by `Accept`, CVE-2019-5418, and
/// locale includes read `Accept-Language`), and the user agent and the referer too, where
/// slashes and dots are their normal shape: the detector sees their context
/// (`Context::UserAgent`, `Context::Referer`) and counts there only a stream wrapper or a
/// climb that reaches a known target (log viewers and analytics caches hand these headers
/// to file APIs).
pub fn inspects(kind: AttackKind, item: &Item) -> bool {
    match item.location {
        Location::HeadersNames => false,
        _ if item.negotiation => kind != AttackKind::Cmdi,
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

/// Run the enabled detectors over the unique items ([`uniques`]), value by value, and return
/// the finding PyRASP's check-by-check order gives, except that a grammar's finding outranks
/// a model's: the first kind of `kinds` whose grammar flags any value, on the first value it
/// flags; failing that, the first kind whose model flags any value. PyRASP asks each check's
/// model right after its own patterns, so a value the XSS model scores high but the SQLi
/// grammar recognises (`' OR '1'='1' -- `) was reported as XSS; the grammar names what the
/// value does, with a reason, where the model only says it looks like an attack.
///
/// Going value by value rather than detector by detector lets the detectors share their work
/// on one value (decoding, the markup gate, the model's feature pass are remembered for the
/// value just seen), and a value is still checked by no more detectors than needed: once a
/// finding is in hand, later values are only checked for the (engine, kind) pairs ranked
/// before it. `keep_going` is asked before each detector run; when it says no, the scan stops
/// and reports what it found so far (a finding is never dropped for lack of time).
pub fn scan(
    detectors: &Detectors,
    kinds: &[AttackKind],
    items: &[Item],
    uniques: &[Unique],
    mut keep_going: impl FnMut() -> bool,
) -> Option<Finding> {
    // Every grammar ranks before every model; within an engine, the order of `kinds`.
    const ENGINES: [Engine; 2] = [Engine::Grammar, Engine::MachineLearning];
    // (rank of the (engine, kind) pair, item index, detection) of the best finding so far.
    let mut best: Option<(usize, usize, rasp_detect::Detection)> = None;
    'values: for u in uniques {
        let limit = best.as_ref().map_or(ENGINES.len() * kinds.len(), |b| b.0);
        if limit == 0 {
            break;
        }
        let item = &items[u.index];
        let pairs = ENGINES
            .iter()
            .flat_map(|&e| kinds.iter().map(move |&k| (e, k)))
            .take(limit);
        for (rank, (engine, kind)) in pairs.enumerate() {
            // (commands and paths have no model)
            if u.kinds & bit(kind) == 0
                || (engine == Engine::MachineLearning
                    && matches!(kind, AttackKind::Cmdi | AttackKind::Traversal))
            {
                continue;
            }
            if !keep_going() {
                break 'values;
            }
            if let Some(d) = detectors.check_by(engine, kind, &item.value, item.location.context())
            {
                best = Some((rank, u.index, d));
                break;
            }
        }
    }
    best.map(|(_, index, d)| {
        let item = &items[index];
        Finding {
            check: check_for(d.kind),
            location: item.location.as_str().to_string(),
            payload: item.value.clone(),
            engine: Some(d.engine.as_str()),
            score: Some(d.score),
        }
    })
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

    fn valued(location: Location, value: &str) -> Item {
        Item {
            location,
            value: value.into(),
            negotiation: false,
        }
    }

    /// Value-by-value scanning reports what the check-by-check order reports: the first kind
    /// (PyRASP's order) that flags any value, on the first value it flags.
    #[test]
    fn finding_follows_check_order_then_value_order() {
        use rasp_detect::Thresholds;
        use AttackKind::*;
        let d = Detectors::new(Thresholds::default());
        let kinds = [Cmdi, Xss, Sqli, Traversal];
        let items = [
            valued(Location::QsValues, "hello"),
            valued(Location::QsValues, "<script>alert(1)</script>"),
            valued(Location::PostValues, "1' OR '1'='1' --"),
            valued(Location::JsonValues, "x; cat /etc/passwd"),
            valued(Location::Cookies, "a && whoami"),
        ];
        let uniques = uniques(&items);
        let f = scan(&d, &kinds, &items, &uniques, || true).expect("a finding");
        assert_eq!(f.check, Check::Command);
        assert_eq!(
            f.payload, "x; cat /etc/passwd",
            "first value command injection flags"
        );
        // Without command injection, XSS comes before SQLi although both are present.
        let f = scan(&d, &kinds[1..], &items, &uniques, || true).expect("a finding");
        assert_eq!(f.check, Check::Xss);
        // Only the kinds asked for run.
        let f = scan(&d, &[Sqli], &items, &uniques, || true).expect("a finding");
        assert_eq!(f.check, Check::Sqli);
        assert!(scan(
            &d,
            &[Traversal],
            &items[..3],
            &super::uniques(&items[..3]),
            || true
        )
        .is_none());
    }

    /// A grammar's finding outranks a model's, whatever the order of the kinds: the XSS model
    /// scores this login bypass high, but the SQLi grammar recognises it, and it is reported
    /// as SQL injection by the grammar. A model's finding stays when no grammar flags anything.
    #[test]
    fn grammar_outranks_model() {
        use rasp_detect::{Engine, Thresholds};
        use AttackKind::*;
        let d = Detectors::new(Thresholds::default());
        let v = "' OR '1'='1' -- ";
        assert_eq!(
            d.check(Xss, v, Context::Param).map(|f| f.engine),
            Some(Engine::MachineLearning),
            "the premise: the XSS model flags the value"
        );
        let items = [valued(Location::QsValues, v)];
        let f = scan(
            &d,
            &[Cmdi, Xss, Sqli, Traversal],
            &items,
            &uniques(&items),
            || true,
        )
        .expect("a finding");
        assert_eq!((f.check, f.engine), (Check::Sqli, Some("grammar")));
        // With the SQLi check off, the model's XSS finding is what is left.
        let f = scan(
            &d,
            &[Cmdi, Xss, Traversal],
            &items,
            &uniques(&items),
            || true,
        )
        .expect("a finding");
        assert_eq!((f.check, f.engine), (Check::Xss, Some("machine learning")));
        // A later value's grammar finding outranks an earlier value's model finding.
        let items = [
            valued(Location::QsValues, v),
            valued(Location::Cookies, "<script>alert(1)</script>"),
        ];
        let f = scan(&d, &[Xss, Traversal], &items, &uniques(&items), || true).expect("a finding");
        assert_eq!(f.payload, "<script>alert(1)</script>");
    }

    /// Out of time: nothing more runs, and what was found stays reported.
    #[test]
    fn out_of_time_keeps_what_was_found() {
        use rasp_detect::Thresholds;
        use AttackKind::*;
        let d = Detectors::new(Thresholds::default());
        let items = [
            valued(Location::QsValues, "<script>alert(1)</script>"),
            valued(Location::QsValues, "x; cat /etc/passwd"),
        ];
        let uniques = uniques(&items);
        let mut runs = 0;
        assert!(scan(&d, &[Cmdi, Xss], &items, &uniques, || false).is_none());
        // Value 1: cmdi (miss), XSS (hit); value 2 would need cmdi: no time left.
        let f = scan(&d, &[Cmdi, Xss], &items, &uniques, || {
            runs += 1;
            runs <= 2
        })
        .expect("the XSS finding made in time");
        assert_eq!(f.check, Check::Xss);
    }

    #[test]
    fn which_detectors_see_which_values() {
        use AttackKind::*;
        assert!(!inspects(Xss, &item(Location::HeadersNames, false)));
        assert!(inspects(Xss, &item(Location::HeadersValues, true)));
        assert!(inspects(Sqli, &item(Location::HeadersValues, true)));
        assert!(!inspects(Cmdi, &item(Location::HeadersValues, true)));
        assert!(inspects(Traversal, &item(Location::HeadersValues, true)));
        assert!(
            inspects(Cmdi, &item(Location::UserAgent, false)),
            "shellshock"
        );
        assert!(inspects(Traversal, &item(Location::Referer, false)));
        assert!(inspects(Traversal, &item(Location::UserAgent, false)));
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
