//! String values of a whole-value JSON document.
//!
//! An API that takes a JSON body hands each field's *decoded* string to its handler, which
//! may build SQL or a command line from it: `{"user":"admin'--","pass":"x"}` gives the login
//! query `admin'--`, `["a","b;id"]` the argument `b;id`.
//! The engine expands JSON bodies into their fields before detection; a caller that asks the
//! detector about the raw value alone (a JSON document in a query parameter, a cookie or a
//! header) would see one double-quoted literal and miss the break-out inside it. So a value
//! that is a JSON object or array has each string value judged on its own.
//!
//! Only values whose first byte opens a container are parsed (one comparison turns away
//! almost every value), and only when the grammar found nothing in the value as a whole. The
//! walk builds no tree: a visitor hands each string to the judge as it is read (serde_json
//! borrows it from the input unless it holds an escape, and bounds the nesting depth). Keys
//! are names, not values, and are skipped.

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// String values judged per document; a form-like body has a handful.
const MAX_STRINGS: usize = 64;

/// Whether `value` may be a JSON object or array: its first byte is a bracket.
#[inline]
pub(crate) fn may_be_document(value: &str) -> bool {
    matches!(value.as_bytes().first(), Some(b'{' | b'['))
}

/// Apply `judge` to each string value of the JSON object or array `value`; the first
/// verdict. `None` when `value` is not strict JSON.
pub(crate) fn string_values(
    value: &str,
    mut judge: impl FnMut(&str) -> Option<&'static str>,
) -> Option<&'static str> {
    if !matches!(value.trim_end().as_bytes().last(), Some(b'}' | b']')) {
        return None;
    }
    let mut walk = Walk {
        judge: &mut judge,
        found: None,
        seen: 0,
    };
    let mut de = serde_json::Deserializer::from_str(value);
    // (a verdict stands even if the document turns out malformed after it)
    let _ = (&mut walk).deserialize(&mut de);
    walk.found
}

struct Walk<'j> {
    judge: &'j mut dyn FnMut(&str) -> Option<&'static str>,
    found: Option<&'static str>,
    seen: usize,
}

impl<'de> DeserializeSeed<'de> for &mut Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &mut Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_str<E>(self, s: &str) -> Result<(), E> {
        if self.found.is_none() && self.seen < MAX_STRINGS {
            self.seen += 1;
            self.found = (self.judge)(s);
        }
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while self.found.is_none() && seq.next_element_seed(&mut *self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while self.found.is_none() && map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value_seed(&mut *self)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::string_values;

    fn strings(v: &str) -> Vec<String> {
        let mut out = Vec::new();
        string_values(v, |s| {
            out.push(s.to_string());
            None
        });
        out
    }

    #[test]
    fn every_string_value_is_visited_and_keys_are_not() {
        assert_eq!(
            strings(r#"{"user":"admin","pass":"x","n":1,"a":[true,null,"y",{"z":"w\u0027"}]}"#),
            ["admin", "x", "y", "w'"]
        );
        assert_eq!(strings(r#"["a", 2, "b"]"#), ["a", "b"]);
        // not JSON, or not a container
        assert!(strings(r#"{user: "admin"}"#).is_empty());
        assert!(strings(r#""admin""#).is_empty());
    }

    #[test]
    fn the_first_verdict_stops_the_walk() {
        let mut n = 0;
        let r = string_values(r#"["a","b","c"]"#, |s| {
            n += 1;
            (s == "b").then_some("hit")
        });
        assert_eq!((r, n), (Some("hit"), 2));
    }
}
