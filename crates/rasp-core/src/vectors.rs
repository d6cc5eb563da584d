//! Injection vectors (spec §5): every place in a request where attacker text can land,
//! decoded, bounded and with `EXCEPTIONS` removed.
//!
//! Differences from PyRASP on purpose: parameter names are real names (0.8.2 split them into
//! characters), decoded variants are added next to the original instead of replacing it,
//! base64 is anchored and must decode to printable text, JSON nested in any value is walked
//! with a depth bound, and binary or non-UTF-8 input is decoded lossily instead of raising.

use std::borrow::Cow;

use rasp_detect::Context;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::decode::{self, DecodeOptions};
use crate::pattern::Pattern;
use crate::request::RequestView;

/// PyRASP vector names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// URL path segments.
    Path,
    /// Cookie values.
    Cookies,
    /// Query string values.
    QsValues,
    /// Query string names.
    QsVariables,
    /// Form body values.
    PostValues,
    /// Form body names.
    PostVariables,
    /// JSON object keys.
    JsonKeys,
    /// JSON leaves.
    JsonValues,
    /// Other header names.
    HeadersNames,
    /// Other header values.
    HeadersValues,
    /// `User-Agent`.
    UserAgent,
    /// `Referer`.
    Referer,
}

impl Location {
    /// Every location, in the order the engine scans them.
    pub const ALL: [Location; 12] = [
        Location::Path,
        Location::QsVariables,
        Location::QsValues,
        Location::PostVariables,
        Location::PostValues,
        Location::JsonKeys,
        Location::JsonValues,
        Location::Cookies,
        Location::UserAgent,
        Location::Referer,
        Location::HeadersNames,
        Location::HeadersValues,
    ];

    /// PyRASP's vector name (`qs_values`, …), used as the attack `location`.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Cookies => "cookies",
            Location::QsValues => "qs_values",
            Location::QsVariables => "qs_variables",
            Location::PostValues => "post_values",
            Location::PostVariables => "post_variables",
            Location::JsonKeys => "json_keys",
            Location::JsonValues => "json_values",
            Location::HeadersNames => "headers_names",
            Location::HeadersValues => "headers_values",
            Location::UserAgent => "user_agent",
            Location::Referer => "referer",
        }
    }

    /// Inverse of [`Location::as_str`].
    pub fn from_name(name: &str) -> Option<Location> {
        Location::ALL.into_iter().find(|l| l.as_str() == name)
    }

    /// The detector context for values found here.
    pub fn context(self) -> Context {
        match self {
            Location::Path => Context::PathSegment,
            Location::Cookies => Context::Cookie,
            Location::QsValues | Location::PostValues | Location::JsonValues => Context::Param,
            Location::QsVariables
            | Location::PostVariables
            | Location::JsonKeys
            | Location::HeadersNames => Context::Key,
            Location::HeadersValues => Context::Header,
            Location::UserAgent => Context::UserAgent,
            Location::Referer => Context::Referer,
        }
    }

    /// Which decoders apply here (spec §5.3, 0.10.2 behaviour, anchored base64).
    fn decoders(self, depth: usize, b64: bool) -> DecodeOptions {
        let (percent, unescape, base64) = match self {
            Location::Path | Location::Cookies | Location::QsValues | Location::PostValues => {
                (true, true, b64)
            }
            Location::JsonValues => (true, true, b64),
            Location::QsVariables | Location::PostVariables | Location::JsonKeys => {
                (true, true, false)
            }
            Location::UserAgent => (false, true, false),
            Location::Referer | Location::HeadersValues => (true, true, false),
            Location::HeadersNames => (false, false, false),
        };
        DecodeOptions {
            depth,
            percent,
            unescape,
            base64,
        }
    }

    /// Whether JSON found inside a value here is expanded into `json_keys`/`json_values`.
    fn expands_json(self) -> bool {
        !matches!(self, Location::HeadersNames | Location::JsonKeys)
    }
}

/// A value made only of ASCII letters, digits and `_` cannot end a SQL literal, open a
/// tag, separate a shell command or walk out of a directory, whatever the context (most
/// path segments, parameter names, ids and numbers). Such values are not inspected unless
/// they decode (base64) to something else.
pub fn inert(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// An [`inert`] value that no detector flags: everything inert but a command that runs
/// bare (`whoami`, `ipconfig`), which the command-injection detector flags on its own.
pub fn nothing_to_inspect(value: &str) -> bool {
    inert(value) && !rasp_detect::cmdi::bare_word_is_command(value)
}

/// One inspected value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Where it was found.
    pub location: Location,
    /// The value (original or one decoding).
    pub value: String,
    /// A content-negotiation header (`Accept*`, `Sec-Fetch-*`, caching…): the server and
    /// framework parse these, applications do not hand them to a shell or the file system.
    pub negotiation: bool,
}

/// Limits applied during extraction.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// `MAX_VALUES`.
    pub max_values: usize,
    /// `MAX_VALUE_LEN`.
    pub max_value_len: usize,
    /// `MAX_DECODE_DEPTH`.
    pub max_decode_depth: usize,
    /// `MAX_JSON_DEPTH`.
    pub max_json_depth: usize,
    /// `MAX_BODY_BYTES`.
    pub max_body_bytes: usize,
    /// `DECODE_B64`.
    pub decode_b64: bool,
}

/// The extracted values of one request.
#[derive(Debug, Default)]
pub struct Vectors {
    /// Values in extraction order.
    pub items: Vec<Item>,
    /// Values dropped or cut because of a limit (count, for stats).
    pub skipped: u64,
}

/// Headers whose value is protocol plumbing, parsed by the server, never application input.
/// `Host`, `X-Forwarded-For`, `Forwarded` and `X-Real-IP` are inspected: the client writes
/// them, and applications log them to databases and look tenants up by host.
const PLUMBING_HEADERS: &[&str] = &["content-length", "connection"];

/// Content-negotiation and caching headers (see [`Item::negotiation`]).
const NEGOTIATION_HEADERS: &[&str] = &[
    "accept",
    "accept-charset",
    "accept-encoding",
    "accept-language",
    "cache-control",
    "pragma",
    "if-none-match",
    "if-modified-since",
    "upgrade-insecure-requests",
    "dnt",
    "te",
    "priority",
];

/// What the extractor needs from the configuration.
pub struct Extractor<'c> {
    /// Size and depth limits.
    pub limits: Limits,
    /// Compiled `EXCEPTIONS`.
    pub exceptions: &'c [Pattern],
    /// Compiled `WHITELIST_HEADERS` (lower-case names).
    pub whitelist_headers: &'c [Pattern],
    /// ZTAA header name (lower case): a JWT checked by its own module.
    pub ztaa_header: &'c str,
}

fn cut(value: &str, max: usize) -> (std::borrow::Cow<'_, str>, bool) {
    if value.len() <= max {
        return (std::borrow::Cow::Borrowed(value), false);
    }
    // Head and tail: padding an attack with harmless text must not push it out of view.
    (rasp_detect::normalize::bounded_window(value, max), true)
}

impl Extractor<'_> {
    fn excepted(&self, value: &str) -> bool {
        self.exceptions.iter().any(|p| p.is_match(value))
    }

    /// Add one raw value at `loc`: itself, its decodings, and JSON nested in any of them.
    pub fn push(&self, out: &mut Vectors, loc: Location, raw: &str) {
        self.push_at_depth(out, loc, raw, 0, false);
    }

    fn push_at_depth(
        &self,
        out: &mut Vectors,
        loc: Location,
        raw: &str,
        json_depth: usize,
        negotiation: bool,
    ) {
        if raw.is_empty() {
            return;
        }
        let (value, was_cut) = cut(raw, self.limits.max_value_len);
        let value = value.as_ref();
        if was_cut {
            out.skipped += 1;
        }
        // Letters, digits and `_` only, and no base64 inside: nothing to decode and nothing
        // any detector could flag but a command that runs bare (`whoami`); not worth a slot
        // in MAX_VALUES otherwise.
        let b64 = loc.decoders(1, self.limits.decode_b64).base64;
        if nothing_to_inspect(value) && !(b64 && decode::base64(value).is_some()) {
            return;
        }
        // An exception on the value as received also covers its decodings.
        if self.excepted(value) {
            return;
        }
        let opts = loc.decoders(self.limits.max_decode_depth, self.limits.decode_b64);
        if opts.depth == 0 || !decode::decodable(value, opts) {
            // The common case: one value, no decoding, one allocation.
            if out.items.len() >= self.limits.max_values {
                out.skipped += 1;
                return;
            }
            if loc.expands_json() {
                self.expand_json_text(out, value, json_depth);
            }
            out.items.push(Item {
                location: loc,
                value: value.to_string(),
                negotiation,
            });
            return;
        }
        let variants = decode::variants(value, opts);
        for v in variants {
            if out.items.len() >= self.limits.max_values {
                out.skipped += 1;
                return;
            }
            if !self.excepted(&v) {
                if loc.expands_json() {
                    self.expand_json_text(out, &v, json_depth);
                }
                out.items.push(Item {
                    location: loc,
                    value: v,
                    negotiation,
                });
            }
        }
    }

    /// If `text` is a JSON object or array, walk it into `json_keys` / `json_values`.
    fn expand_json_text(&self, out: &mut Vectors, text: &str, depth: usize) {
        let t = text.trim_start();
        if !(t.starts_with('{') || t.starts_with('[')) {
            return;
        }
        if depth >= self.limits.max_json_depth {
            out.skipped += 1;
            return;
        }
        // Validate first (no allocation) so text that merely starts like JSON adds nothing.
        if serde_json::from_str::<IgnoredAny>(t).is_ok() {
            let _ = self.walk_json_text(out, t, depth + 1);
        }
    }

    /// Walk a JSON document straight from its text (spec §5.4): keys to `json_keys`,
    /// leaves to `json_values`, nesting bounded by `MAX_JSON_DEPTH`. No tree is built.
    /// Returns `false` when the text is not valid JSON (values before the error are kept).
    pub fn walk_json_text(&self, out: &mut Vectors, text: &str, depth: usize) -> bool {
        let mut de = serde_json::Deserializer::from_str(text);
        let ok = Walk {
            ex: self,
            out,
            depth,
        }
        .deserialize(&mut de)
        .is_ok();
        ok && de.end().is_ok()
    }

    fn header_skipped(&self, lower: &str) -> bool {
        PLUMBING_HEADERS.contains(&lower)
            || lower == self.ztaa_header
            || self.whitelist_headers.iter().any(|p| p.is_match(lower))
    }

    /// Extract every vector of `req`.
    pub fn extract(&self, req: &RequestView<'_>) -> Vectors {
        let mut out = Vectors::default();
        for seg in req.path.split('/').filter(|s| !s.is_empty()) {
            self.push(&mut out, Location::Path, seg);
        }
        for (name, value) in form_urlencoded::parse(req.query.as_bytes()) {
            self.push(&mut out, Location::QsVariables, &name);
            self.push(&mut out, Location::QsValues, &value);
        }
        let mut content_type: Option<Cow<'_, str>> = req.content_type.map(Cow::Borrowed);
        for (name, raw) in &req.headers {
            // HTTP/2 and the `http` crate already give lower-case names: no copy then.
            let lower: Cow<'_, str> = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(name)
            };
            let value = String::from_utf8_lossy(raw);
            if lower == "content-type" && content_type.is_none() {
                content_type = Some(value.clone());
            }
            if self.header_skipped(&lower) {
                continue;
            }
            match lower.as_ref() {
                "cookie" => {
                    for crumb in value.split(';') {
                        let v = crumb.split_once('=').map_or(crumb, |(_, v)| v).trim();
                        self.push(&mut out, Location::Cookies, v);
                    }
                }
                "user-agent" => self.push(&mut out, Location::UserAgent, &value),
                "referer" => self.push(&mut out, Location::Referer, &value),
                _ => {
                    // Header names feed only the forbidden-header check, which reads the
                    // request directly: they are not pushed as values.
                    let negotiation = NEGOTIATION_HEADERS.contains(&lower.as_ref())
                        || lower.starts_with("sec-fetch-")
                        || lower.starts_with("sec-ch-");
                    self.push_at_depth(&mut out, Location::HeadersValues, &value, 0, negotiation);
                }
            }
        }
        self.extract_body(&mut out, req, content_type.as_deref().unwrap_or(""));
        out
    }

    fn extract_body(&self, out: &mut Vectors, req: &RequestView<'_>, content_type: &str) {
        if req.body.is_empty() {
            return;
        }
        let body = if req.body.len() > self.limits.max_body_bytes {
            out.skipped += 1;
            &req.body[..self.limits.max_body_bytes]
        } else {
            req.body
        };
        let ct = content_type.to_ascii_lowercase();
        if ct.starts_with("application/x-www-form-urlencoded") {
            for (name, value) in form_urlencoded::parse(body) {
                self.push(out, Location::PostVariables, &name);
                self.push(out, Location::PostValues, &value);
            }
        } else if ct.starts_with("multipart/form-data") {
            if let Some(boundary) = crate::multipart::boundary(content_type) {
                for part in crate::multipart::parts(body, &boundary, self.limits.max_values) {
                    self.push(out, Location::PostVariables, &part.name);
                    match &part.filename {
                        // File content is not text input; its name is (path traversal…).
                        Some(f) => self.push(out, Location::PostValues, f),
                        None => self.push(
                            out,
                            Location::PostValues,
                            &String::from_utf8_lossy(part.data),
                        ),
                    }
                }
            }
        } else {
            let text = String::from_utf8_lossy(body);
            let t = text.trim_start();
            let jsonish = ct.contains("json")
                || ((ct.is_empty() || ct.starts_with("text/plain"))
                    && (t.starts_with('{') || t.starts_with('[')));
            if jsonish {
                // Broken JSON is still inspected as text: the app may parse it leniently.
                if !self.walk_json_text(out, t, 0) {
                    self.push(out, Location::PostValues, t);
                }
            }
        }
    }
}

/// Streaming JSON walker: a serde visitor that pushes keys and leaves as it parses.
struct Walk<'e, 'c, 'o> {
    ex: &'e Extractor<'c>,
    out: &'o mut Vectors,
    depth: usize,
}

/// Pushes one object key.
struct Key<'e, 'c, 'o> {
    ex: &'e Extractor<'c>,
    out: &'o mut Vectors,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Key<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object key")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.ex
            .push_at_depth(self.out, Location::JsonKeys, v, self.depth, false);
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Walk<'_, '_, '_> {
    fn leaf(self, v: &str) {
        self.ex
            .push_at_depth(self.out, Location::JsonValues, v, self.depth, false);
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.leaf(v);
        Ok(())
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
        self.leaf(if v { "true" } else { "false" });
        Ok(())
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
        self.leaf(&v.to_string());
        Ok(())
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
        self.leaf(&v.to_string());
        Ok(())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
        self.leaf(&v.to_string());
        Ok(())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (ex, out, depth) = (self.ex, self.out, self.depth);
        if depth >= ex.limits.max_json_depth {
            out.skipped += 1;
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        while seq
            .next_element_seed(Walk {
                ex,
                out: &mut *out,
                depth: depth + 1,
            })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (ex, out, depth) = (self.ex, self.out, self.depth);
        if depth >= ex.limits.max_json_depth {
            out.skipped += 1;
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        while map
            .next_key_seed(Key {
                ex,
                out: &mut *out,
                depth,
            })?
            .is_some()
        {
            map.next_value_seed(Walk {
                ex,
                out: &mut *out,
                depth: depth + 1,
            })?;
        }
        Ok(())
    }
}
