//! Cross-site scripting by structure.
//!
//! A value is XSS when, reflected into a page, it creates something that executes: a tag that
//! runs script or loads an active document (`<script>`, `<iframe>`, `<object>`, `<base>`…),
//! an event-handler attribute (`<img onerror=…>`, or `" onmouseover=…` breaking out of an
//! attribute), a dangerous URI scheme (`javascript:`, `vbscript:`, `data:text/html`) in an
//! attribute or as the value itself, script-capable CSS, a break out of a JavaScript string
//! into a call through a script sink (`';alert(1)//`), or a template expression that reaches
//! the `Function` constructor.
//!
//! The value is examined as sent and after each decoding a browser or a lenient application
//! applies (percent-encoding, HTML character references, JS/CSS backslash escapes), each
//! layer bounded. Benign rich text (`<p>`, `<b>`, `<a href="https://…">`, `<img src alt>`,
//! tables, lists) and math (`3 < 5`, `a<b`) create nothing that executes.

mod css;
pub(crate) mod entity;
mod html;
mod inert;
mod js;
mod uri;

pub use inert::inert_markup;

use crate::{AttackKind, Context, Detection, Engine};
use std::borrow::Cow;

/// Bytes of a value the XSS engine examines.
pub const MAX_SCAN_BYTES: usize = 16 * 1024;

/// How many entity-decoding layers are peeled (`&amp;lt;` → `&lt;` → `<`).
const ENTITY_DEPTH: usize = 2;

/// Decide whether `value` is XSS. Pure and bounded: at most [`MAX_SCAN_BYTES`] of the value,
/// a fixed number of tags, attributes, quotes and decoding layers are examined. The same
/// rules apply in every location (`ctx`).
///
/// ```
/// use rasp_detect::{xss, Context};
/// assert!(xss::detect("<img src=x onerror=alert(1)>", Context::Param).is_some());
/// assert!(xss::detect("\" onmouseover=\"alert(1)", Context::Param).is_some());
/// assert!(xss::detect("<p>Hello <b>world</b></p>", Context::Param).is_none());
/// assert!(xss::detect("3 < 5 and 7 > 2", Context::Param).is_none());
/// ```
pub fn detect(value: &str, ctx: Context) -> Option<Detection> {
    let _ = ctx;
    let value = truncate(value, MAX_SCAN_BYTES);
    if !has_xss_significant_byte(value) {
        return None;
    }
    let reason = analyze_decoded(value)?;
    Some(Detection {
        kind: AttackKind::Xss,
        engine: Engine::Grammar,
        score: 1.0,
        reason,
    })
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Early exit: without one of these bytes no tag, attribute, scheme, script or template can
/// be formed.
fn has_xss_significant_byte(s: &str) -> bool {
    s.bytes().any(|b| {
        matches!(
            b,
            b'<' | b'='
                | b':'
                | b'('
                | b'`'
                | b'{'
                | b'%'
                | b'&'
                | b'\\'
                | b'\''
                | b'"'
                | b'['
                | b'*'
        )
    })
}

/// The value as sent, then percent-decoded, then entity-decoded, then with backslash escapes
/// decoded; first positive wins.
fn analyze_decoded(value: &str) -> Option<&'static str> {
    if let Some(r) = analyze(value) {
        return Some(r);
    }
    if has_pair(value.as_bytes(), b'&', b'#') && entity::evasive_markup_reference(value) {
        return Some("evasive-char-reference");
    }
    let mut cur: Cow<'_, str> = Cow::Borrowed(value);
    if value.contains('%') {
        let d = crate::normalize::percent_decode_deep(value);
        if d != value {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
            cur = Cow::Owned(d.into_owned());
        }
    }
    // Rich text that already has real tags and escapes a tag as `&lt;script&gt;` shows that
    // tag as text (an editor's escaping); tags that only entity decoding creates count when
    // the value has no markup of its own (a double-decoding application).
    let has_markup = cur
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'));
    for _ in 0..ENTITY_DEPTH {
        if !cur.contains('&') {
            break;
        }
        let d = entity::decode_entities(&cur);
        if let Cow::Owned(d) = d {
            if let Some(r) = analyze_opts(&d, !has_markup) {
                return Some(r);
            }
            cur = Cow::Owned(d);
        } else {
            break;
        }
    }
    // Percent-encoded bytes that are not UTF-8 (`%BCscript%BE`), read by a server that strips
    // the high bit to 7-bit US-ASCII.
    if let Some(d) = entity::percent_seven_bit(value) {
        if let Some(r) = analyze(&d) {
            return Some(r);
        }
    }
    if cur.contains('\\') {
        let d = entity::decode_backslashes(&cur);
        if d != cur {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
            // `\xbcscript\xbe`: escaped high-bit markup
            if let Cow::Owned(f) = entity::fold_fullwidth(&d) {
                if let Some(r) = analyze(&f) {
                    return Some(r);
                }
            }
        }
    }
    // JS / CSS comments between tokens (`self/**/["alert"](1)`).
    if has_pair(cur.as_bytes(), b'/', b'*') {
        let d = strip_block_comments(&cur);
        if d != *cur {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
        }
    }
    // NUL bytes that old engines skipped inside names (`<scr%00ipt>`).
    if cur.contains('\0') {
        let d = cur.replace('\0', "");
        if let Some(r) = analyze(&d) {
            return Some(r);
        }
    }
    // Query strings and form bodies mean space by `+` (`"><script+src=…>`).
    if cur.contains('+') && cur.contains('<') {
        let d = cur.replace('+', " ");
        if let Some(r) = analyze(&d) {
            return Some(r);
        }
    }
    if let Cow::Owned(d) = entity::decode_utf7(&cur) {
        if let Some(r) = analyze(&d) {
            return Some(r);
        }
    }
    if let Cow::Owned(d) = entity::fold_fullwidth(&cur) {
        if let Some(r) = analyze(&d) {
            return Some(r);
        }
    }
    None
}

fn analyze(v: &str) -> Option<&'static str> {
    analyze_opts(v, true)
}

/// `markup`: whether tags in `v` are read as markup.
fn analyze_opts(v: &str, markup: bool) -> Option<&'static str> {
    let b = v.as_bytes();
    if markup && memchr::memchr(b'<', b).is_some() {
        if let Some(r) = html::scan(v) {
            return Some(r);
        }
    }
    if memchr::memchr(b'=', b).is_some() && html::attribute_breakout(v) {
        return Some("attribute-breakout");
    }
    if memchr::memchr(b':', b).is_some() && uri::dangerous_value(v) {
        return Some("dangerous-uri");
    }
    if memchr::memchr3(b'\'', b'"', b'`', b).is_some() && js::string_breakout(v) {
        return Some("js-string-break");
    }
    if memchr::memchr2(b'(', b'`', b).is_some() || memchr::memchr(b'=', b).is_some() {
        if js::sink_call(v) {
            return Some("script-call");
        }
        if (has_sub(b, b"pression")
            || has_sub(b, b"behavio")
            || has_sub(b, b"binding")
            || has_sub(b, b"url(")
            || has_sub(b, b"URL("))
            && css::dangerous(v)
        {
            return Some("css-expression");
        }
    }
    if memchr::memchr(b'[', b).is_some() && (js::bracket_only_script(v) || js::global_index(v)) {
        return Some("script-call");
    }
    if has_word_with(b) && js::with_global(v) {
        return Some("script-call");
    }
    if has_pair(b, b'/', b'*') && js::commented_member(v) {
        return Some("script-call");
    }
    if has_pair(b, b'{', b'{') && js::template_injection(v) {
        return Some("template-injection");
    }
    None
}

#[cfg(test)]
mod tests;

/// Whether `b` holds the two bytes `x`, `y` in a row (a memchr scan instead of building a
/// substring searcher for a two-byte needle on every value).
fn has_pair(b: &[u8], x: u8, y: u8) -> bool {
    memchr::memchr_iter(x, b).any(|p| b.get(p + 1) == Some(&y))
}

/// Whether `b` contains `with`.
fn has_word_with(b: &[u8]) -> bool {
    has_sub(b, b"with")
}

/// Substring searchers built once for the needles looked up in every value (building a
/// searcher per call cost more than the search).
static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| NEEDLES.iter().map(memchr::memmem::Finder::new).collect());

/// The needles of [`FINDERS`], in order.
const NEEDLES: [&[u8]; 6] = [
    b"pression",
    b"behavio",
    b"binding",
    b"url(",
    b"URL(",
    b"with",
];

/// Whether `b` contains `needle`, one of [`NEEDLES`].
fn has_sub(b: &[u8], needle: &[u8]) -> bool {
    match NEEDLES.iter().position(|n| *n == needle) {
        Some(k) => FINDERS[k].find(b).is_some(),
        None => memchr::memmem::find(b, needle).is_some(),
    }
}

/// Remove `/* … */` comments (an unclosed one runs to the end), as the JS and CSS tokenizers
/// do before they see the code.
fn strip_block_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find("/*") {
        out.push_str(&rest[..p]);
        match rest[p + 2..].find("*/") {
            Some(q) => rest = &rest[p + 2 + q + 2..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}
