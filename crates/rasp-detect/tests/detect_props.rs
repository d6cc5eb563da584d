//! Properties of the dispatch, the command-injection and traversal detectors and the shared
//! decoders: no panic on any input, bounded output, and decisions stable under the
//! re-encodings an attacker (or a proxy) may apply.

use proptest::prelude::*;
use rasp_detect::normalize::{bounded_window, lenient_decode, percent_decode_deep};
use rasp_detect::{cmdi, traversal, AttackKind, Context, Detectors};

fn contexts() -> impl Strategy<Value = Context> {
    prop_oneof![
        Just(Context::Param),
        Just(Context::Key),
        Just(Context::PathSegment),
        Just(Context::Cookie),
        Just(Context::UserAgent),
        Just(Context::Referer),
        Just(Context::Header),
    ]
}

/// Percent-encode every byte.
fn encode_all(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_scores_are_probabilities(v in ".{0,300}", ctx in contexts()) {
        let d = Detectors::default();
        for k in AttackKind::ALL {
            if let Some(det) = d.check(k, &v, ctx) {
                prop_assert_eq!(det.kind, k);
                prop_assert!((0.0..=1.0).contains(&det.score));
            }
        }
    }

    #[test]
    fn decoders_do_not_grow_input(v in "[%a-fA-F0-9uU./\\\\]{0,200}") {
        prop_assert!(percent_decode_deep(&v).len() <= v.len() * 3);
        prop_assert!(lenient_decode(&v).len() <= v.len() * 3);
        prop_assert!(traversal::canonical(&v).len() <= v.len() * 3 + 4);
    }

    #[test]
    fn window_is_bounded(v in ".{0,2000}", max in 8usize..512) {
        let w = bounded_window(&v, max);
        prop_assert!(w.len() <= max + 1 + 3);
    }

    /// A traversal stays a traversal when percent-encoded once or twice (as an attacker or a
    /// proxy would re-encode it).
    #[test]
    fn traversal_stable_under_encoding(depth in 1usize..6, file in "(etc/passwd|boot\\.ini|x/y\\.txt)") {
        let v = format!("{}{}", "../".repeat(depth), file);
        prop_assert!(traversal::detect(&v, Context::Param).is_some());
        let once = encode_all(&v);
        prop_assert!(traversal::detect(&once, Context::Param).is_some());
        let twice = once.replace('%', "%25");
        prop_assert!(traversal::detect(&twice, Context::Param).is_some());
    }

    /// An injected command stays detected when the value is percent-encoded, and for every
    /// separator spelling.
    #[test]
    fn cmdi_stable_under_encoding(
        prefix in "[a-z0-9]{0,8}",
        sep in prop_oneof![Just(";"), Just("|"), Just("||"), Just("&&"), Just("\n"), Just("$("), Just("`")],
        cmd in prop_oneof![Just("id"), Just("whoami"), Just("cat /etc/passwd"), Just("uname -a"), Just("ls -la")],
    ) {
        let v = format!("{prefix}{sep}{cmd}");
        prop_assert!(cmdi::detect(&v, Context::Param).is_some(), "{:?}", v);
        prop_assert!(cmdi::detect(&encode_all(&v), Context::Param).is_some(), "{:?}", v);
    }

    /// Prose made of ordinary words and punctuation is not a command.
    #[test]
    fn prose_is_not_a_command(words in proptest::collection::vec("[A-Za-z]{2,9}", 1..12), punct in "[,.;:!?&]") {
        let v = words.join(&format!("{punct} "));
        let d = cmdi::detect(&v, Context::Param);
        // A real command word may be drawn ("ls", "ps" …): then it must come with structure.
        if let Some(det) = d {
            prop_assert!(det.reason != "shellshock" && det.reason != "code-exec-call");
        }
    }
}

#[test]
fn one_mebibyte_value_is_bounded() {
    let d = Detectors::default();
    let big = ";../'<a ${IFS}%2e|".repeat(1 << 16);
    for k in AttackKind::ALL {
        let _ = d.check(k, &big, Context::Param);
    }
}

#[test]
fn ml_stage_is_gated_and_scored() {
    let d = Detectors::default();
    let p = d.ml_score(AttackKind::Sqli, "1' union select password from users--");
    assert!(p.is_some_and(|p| p > 0.5), "{p:?}");
    let benign = d.ml_score(AttackKind::Sqli, "Looking forward to seeing you next week");
    assert!(benign.is_some_and(|p| p < 0.5), "{benign:?}");
    assert!(!d.ml_candidate(
        AttackKind::Xss,
        "<svg onload=alert(1)> x x x",
        Context::UserAgent
    ));
    assert!(!d.ml_candidate(
        AttackKind::Xss,
        "<p>Hello <b>you</b> and <a href=\"https://example.org/\">all</a></p>",
        Context::Param
    ));
    assert!(!d.ml_candidate(
        AttackKind::Xss,
        "https://example.com/very/long/path?x=1&y=2",
        Context::Param
    ));
    assert!(d.ml_candidate(
        AttackKind::Xss,
        "<svg><animate onbegin=alert(1)>",
        Context::Param
    ));
    // Below MIN_SQLI_LEN the model is not asked.
    assert!(!d.ml_candidate(AttackKind::Sqli, "'x'", Context::Param));
}

#[test]
fn detections_name_their_engine() {
    let d = Detectors::default();
    let hit = d
        .check(AttackKind::Traversal, "../../etc/passwd", Context::Param)
        .expect("traversal");
    assert_eq!(hit.engine.as_str(), "grammar");
    assert_eq!(hit.score, 1.0);
    // Without a model the ML stage is silent; the grammars still decide.
    let bare = Detectors::with_model(Default::default(), rasp_detect::ml::Model::default());
    assert!(bare
        .check(AttackKind::Cmdi, "; cat /etc/passwd", Context::Param)
        .is_some());
}
