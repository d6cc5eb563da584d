//! Properties of the SQLi and XSS grammar engines: no panic on any input, and decisions that
//! survive the encodings the engines claim to undo.

use proptest::prelude::*;
use rasp_detect::{sqli, xss, Context};

fn percent_encode_all(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn entity_encode_all(s: &str) -> String {
    s.chars().map(|c| format!("&#{};", c as u32)).collect()
}

/// SQL injections assembled from parts: a prefix that closes a context, a technique, and an
/// ending.
fn sqli_attack() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(vec!["1", "1'", "x'", "1\"", "-1", "1)", "admin'", "1'))"]);
    let technique = prop::sample::select(vec![
        " OR 1=1",
        " AND 2>1",
        " UNION SELECT 1,2,3",
        " UNION ALL SELECT NULL,version()",
        "; DROP TABLE users",
        " AND SLEEP(5)",
        " OR 'a'='a",
        " AND extractvalue(1,concat(0x7e,user()))",
        "; WAITFOR DELAY '0:0:5'",
    ]);
    let ending = prop::sample::select(vec!["--", "#", "/*", "-- -", ""]);
    (prefix, technique, ending).prop_map(|(p, t, e)| format!("{p}{t}{e}"))
}

/// XSS vectors assembled from a breakout, a vector and an ending.
fn xss_attack() -> impl Strategy<Value = String> {
    let breakout = prop::sample::select(vec!["", "\">", "'>", "</title>", "x "]);
    let vector = prop::sample::select(vec![
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<iframe src=javascript:alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<body onload=prompt(1)>",
        "<div style=\"width:expression(alert(1))\">",
    ]);
    (breakout, vector).prop_map(|(b, v)| format!("{b}{v}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn sqli_never_panics(s in ".{0,300}") {
        let _ = sqli::detect(&s, Context::Param);
    }

    #[test]
    fn xss_never_panics(s in ".{0,300}") {
        let _ = xss::detect(&s, Context::Param);
    }

    #[test]
    fn sqli_never_panics_on_sql_alphabet(s in "[ '\"`()=;#/*!@a-zA-Z0-9,.<>|&+%-]{0,200}") {
        let _ = sqli::detect(&s, Context::Param);
    }

    #[test]
    fn xss_never_panics_on_markup_alphabet(s in "[ <>/=\"'`&#;:a-zA-Z0-9%\\\\{}()+-]{0,200}") {
        let _ = xss::detect(&s, Context::Param);
    }

    #[test]
    fn sqli_attacks_caught_and_stable_under_percent_encoding(a in sqli_attack()) {
        prop_assert!(sqli::detect(&a, Context::Param).is_some(), "missed {a:?}");
        let enc = percent_encode_all(&a);
        prop_assert!(sqli::detect(&enc, Context::Param).is_some(), "missed encoded {a:?}");
    }

    #[test]
    fn xss_attacks_caught_and_stable_under_encodings(a in xss_attack()) {
        prop_assert!(xss::detect(&a, Context::Param).is_some(), "missed {a:?}");
        prop_assert!(xss::detect(&percent_encode_all(&a), Context::Param).is_some(), "missed %-encoded {a:?}");
        prop_assert!(xss::detect(&entity_encode_all(&a), Context::Param).is_some(), "missed entity-encoded {a:?}");
    }

    #[test]
    fn plain_words_stay_quiet_encoded_or_not(ws in prop::collection::vec("[a-zA-Z]{1,10}", 1..8)) {
        let s = ws.join(" ");
        for v in [s.clone(), percent_encode_all(&s), entity_encode_all(&s)] {
            prop_assert!(sqli::detect(&v, Context::Param).is_none(), "sqli FP {v:?}");
            prop_assert!(xss::detect(&v, Context::Param).is_none(), "xss FP {v:?}");
        }
    }
}
