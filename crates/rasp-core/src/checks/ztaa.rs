//! Zero-Trust Application Access (`ztaa`, spec §6.2): a compact JWT in a header, signed
//! with HS256/384/512 by one of `ZTAA_KEYS`; `exp` and `nbf` are honoured when present.
//! Signatures are compared in constant time (`hmac`'s `verify_slice`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::{Sha256, Sha384, Sha512};

use super::Finding;
use crate::attack::Check;

/// Longest token we look at (bounds decoding work).
const MAX_TOKEN: usize = 8 * 1024;

fn b64(part: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok()
}

fn verify_sig(alg: &str, key: &[u8], signed: &[u8], sig: &[u8]) -> bool {
    fn run<M: Mac + hmac::digest::KeyInit>(key: &[u8], signed: &[u8], sig: &[u8]) -> bool {
        match <M as Mac>::new_from_slice(key) {
            Ok(mut m) => {
                m.update(signed);
                m.verify_slice(sig).is_ok()
            }
            Err(_) => false,
        }
    }
    match alg {
        "HS256" => run::<Hmac<Sha256>>(key, signed, sig),
        "HS384" => run::<Hmac<Sha384>>(key, signed, sig),
        "HS512" => run::<Hmac<Sha512>>(key, signed, sig),
        _ => false,
    }
}

/// The token's claims when it is well formed, signed by one of `keys` and valid at `now`.
pub fn verify(token: &str, keys: &[String], now: f64) -> Option<serde_json::Map<String, Value>> {
    let token = token.trim();
    let token = token
        .strip_prefix("Bearer ")
        .or_else(|| token.strip_prefix("bearer "))
        .unwrap_or(token);
    if token.len() > MAX_TOKEN {
        return None;
    }
    let mut parts = token.split('.');
    let (h, p, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: Value = serde_json::from_slice(&b64(h)?).ok()?;
    // Only HMAC algorithms: `none` and asymmetric algorithms are refused outright.
    let alg = header.get("alg")?.as_str()?;
    let sig = b64(s)?;
    let signed = &token.as_bytes()[..h.len() + 1 + p.len()];
    if !keys
        .iter()
        .any(|k| verify_sig(alg, k.as_bytes(), signed, &sig))
    {
        return None;
    }
    let Value::Object(claims) = serde_json::from_slice(&b64(p)?).ok()? else {
        return None;
    };
    if let Some(exp) = claims.get("exp") {
        if !exp.as_f64().is_some_and(|e| now < e) {
            return None;
        }
    }
    if let Some(nbf) = claims.get("nbf") {
        if !nbf.as_f64().is_some_and(|n| now >= n) {
            return None;
        }
    }
    Some(claims)
}

/// Attack 13 when the header is missing or invalid, or (with `browser_version`) when the
/// `latest` claim is falsy.
pub fn check(
    token: Option<&[u8]>,
    keys: &[String],
    browser_version: bool,
    now: f64,
) -> Option<Finding> {
    let invalid = || Some(Finding::new(Check::Ztaa, "ztaa_jwt", "Invalid Assertion"));
    let Some(Ok(token)) = token.map(std::str::from_utf8) else {
        return invalid();
    };
    let Some(claims) = verify(token, keys, now) else {
        return invalid();
    };
    if browser_version {
        let latest = match claims.get("latest") {
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
            Some(Value::String(s)) => !s.is_empty(),
            _ => false,
        };
        if !latest {
            let browser = claims
                .get("browser")
                .and_then(Value::as_str)
                .unwrap_or("Invalid browser");
            return Some(Finding::new(Check::Ztaa, "browser_version", browser));
        }
    }
    None
}

/// Build an HS256/384/512 token (tests, examples and the CLI's documentation).
pub fn sign(alg: &str, key: &str, claims: &Value) -> Option<String> {
    let header = serde_json::json!({"alg": alg, "typ": "JWT"});
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
        let mut m = <M as Mac>::new_from_slice(key).ok()?;
        m.update(data);
        Some(m.finalize().into_bytes().to_vec())
    }
    let sig = match alg {
        "HS256" => mac::<Hmac<Sha256>>(key.as_bytes(), signing_input.as_bytes())?,
        "HS384" => mac::<Hmac<Sha384>>(key.as_bytes(), signing_input.as_bytes())?,
        "HS512" => mac::<Hmac<Sha512>>(key.as_bytes(), signing_input.as_bytes())?,
        _ => return None,
    };
    Some(format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys() -> Vec<String> {
        vec!["other".into(), "s3cret".into()]
    }

    #[test]
    fn all_hmac_algorithms_verify() {
        for alg in ["HS256", "HS384", "HS512"] {
            let t = sign(
                alg,
                "s3cret",
                &json!({"browser": "Chrome 130", "latest": true}),
            )
            .unwrap();
            assert!(
                check(Some(t.as_bytes()), &keys(), true, 0.0).is_none(),
                "{alg}"
            );
            assert!(check(Some(t.as_bytes()), &["nope".into()], false, 0.0).is_some());
        }
    }

    #[test]
    fn rejects_tampering_none_and_expiry() {
        let t = sign("HS512", "s3cret", &json!({"exp": 1000, "nbf": 10})).unwrap();
        assert!(verify(&t, &keys(), 500.0).is_some());
        assert!(verify(&t, &keys(), 1000.0).is_none(), "expired");
        assert!(verify(&t, &keys(), 5.0).is_none(), "not yet valid");
        let mut tampered = t.clone();
        tampered.insert(t.find('.').unwrap() + 2, 'A');
        assert!(verify(&tampered, &keys(), 500.0).is_none());
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
            URL_SAFE_NO_PAD.encode("{}")
        );
        assert!(verify(&none, &keys(), 0.0).is_none());
        let f = check(None, &keys(), false, 0.0).unwrap();
        assert_eq!(
            (f.location.as_str(), f.payload.as_str()),
            ("ztaa_jwt", "Invalid Assertion")
        );
        assert!(check(Some(b"a.b"), &keys(), false, 0.0).is_some());
        assert!(check(Some(&[0xff, 0xfe]), &keys(), false, 0.0).is_some());
    }

    #[test]
    fn browser_version_claim() {
        let old = sign(
            "HS512",
            "s3cret",
            &json!({"browser": "Firefox 90", "latest": false}),
        )
        .unwrap();
        let f = check(Some(old.as_bytes()), &keys(), true, 0.0).unwrap();
        assert_eq!(
            (f.location.as_str(), f.payload.as_str()),
            ("browser_version", "Firefox 90")
        );
        assert!(check(Some(old.as_bytes()), &keys(), false, 0.0).is_none());
        let anon = sign("HS512", "s3cret", &json!({})).unwrap();
        assert_eq!(
            check(Some(anon.as_bytes()), &keys(), true, 0.0)
                .unwrap()
                .payload,
            "Invalid browser"
        );
    }
}
