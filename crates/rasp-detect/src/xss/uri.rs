//! Dangerous URI schemes as a browser sees them: it ignores leading spaces and C0 controls and
//! removes tabs and newlines anywhere in a URL (`jav&#9;ascript:`, `\x01javascript:`), and
//! schemes are case-insensitive.

/// Bytes of a value folded for the scheme search; schemes that matter sit near the start of
/// an attribute or value.
const MAX_FOLD: usize = 4096;

/// Which scheme was found and what follows it (folded, lower-case).
pub struct SchemeHit {
    pub scheme: &'static str,
    /// Folded text after the `:`.
    pub rest: Vec<u8>,
}

/// Fold `s` the way URL parsing does for schemes: drop ASCII whitespace and C0 controls,
/// lower-case ASCII.
fn fold(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len().min(MAX_FOLD));
    for &b in s.as_bytes().iter().take(MAX_FOLD) {
        if b <= 0x20 || b == 0x7f {
            continue;
        }
        out.push(b.to_ascii_lowercase());
    }
    out
}

/// Cheap pre-check: some `:` whose previous significant byte ends a dangerous scheme name
/// (`…t:` for the script schemes, `…a:` for `data:` / `mocha:`). Times and most URLs fail it.
fn colon_after_scheme_letter(b: &[u8]) -> bool {
    memchr::memchr_iter(b':', b).take(64).any(|p| {
        b[..p]
            .iter()
            .rev()
            .take(32)
            .find(|&&c| c > 0x20 && c != 0x7f)
            .is_some_and(|&c| matches!(c, b't' | b'T' | b'a' | b'A'))
    })
}

const SCHEMES: [&str; 5] = ["javascript:", "vbscript:", "livescript:", "mocha:", "data:"];

/// MIME types a `data:` URL can carry that a browser renders as an active document.
fn active_data_mime(rest: &[u8]) -> bool {
    [
        &b"text/html"[..],
        b"image/svg",
        b"application/xhtml",
        b"text/xml",
        b"application/xml",
        b"text/javascript",
        b"application/javascript",
        b"application/ecmascript",
        b"text/ecmascript",
        b"text/xsl",
        b"application/x-shockwave",
        b"application/vnd.wap",
        b"text/vbscript",
    ]
    .iter()
    .any(|m| rest.starts_with(m))
}

/// Find a dangerous scheme in `s` at a position that starts a URL: the beginning or after a
/// byte that is not a letter or digit (`url=javascript:`, `feed:javascript:`).
pub fn find_scheme(s: &str) -> Option<SchemeHit> {
    if !colon_after_scheme_letter(s.as_bytes()) {
        return None;
    }
    let f = fold(s);
    for scheme in SCHEMES {
        let mut from = 0;
        while let Some(p) = memchr::memmem::find(&f[from..], scheme.as_bytes()) {
            let at = from + p;
            let boundary = at == 0 || !f[at - 1].is_ascii_alphanumeric();
            let rest = &f[at + scheme.len()..];
            if boundary && (scheme != "data:" || active_data_mime(rest)) {
                return Some(SchemeHit {
                    scheme,
                    rest: rest.to_vec(),
                });
            }
            from = at + 1;
        }
    }
    None
}

/// Is the script after `javascript:` inert (`void(0)`, `void 0`, `;`, nothing)? Editors emit
/// such links; they run no attacker code.
pub fn inert_script(rest: &[u8]) -> bool {
    let r: Vec<u8> = rest.iter().copied().filter(|&b| b != b';').collect();
    r.is_empty() || r == b"void(0)" || r == b"void0" || r == b"void(null)" || r == b"//"
}

/// A scheme in an attribute value (any attribute: `href`, `src`, `action`, `formaction`,
/// `data`, `xlink:href`, SVG `values`/`to`, `content="0;url=..."`).
pub fn dangerous_in_attribute(v: &str) -> bool {
    match find_scheme(v) {
        Some(h) => h.scheme != "javascript:" || !inert_script(&h.rest),
        None => false,
    }
}

/// A scheme as the whole value or embedded in it (the application puts the value in a link).
/// Prose like "JavaScript: the good parts" has no code after the colon: require what follows
/// to look like script (a call, an index, an assignment, an escape) or markup.
pub fn dangerous_value(v: &str) -> bool {
    let Some(h) = find_scheme(v) else {
        return false;
    };
    if h.scheme == "data:" {
        return true;
    }
    if inert_script(&h.rest) {
        return false;
    }
    let r = &h.rest;
    r.iter().any(|&b| {
        matches!(
            b,
            b'(' | b'`' | b'[' | b'=' | b'\\' | b'%' | b'<' | b'&' | b'\'' | b'"'
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert!(dangerous_value("javascript:alert(1)"));
        assert!(dangerous_value(" \x01JaVa\tScRiPt:alert`1`"));
        assert!(dangerous_value("data:text/html;base64,PHNjcmlwdD4="));
        assert!(dangerous_value("feed:feed:javascript:alert(1)"));
        assert!(!dangerous_value("data:image/png;base64,iVBOR"));
        assert!(!dangerous_value("JavaScript: The Good Parts"));
        assert!(!dangerous_value("javascript:void(0)"));
        assert!(!dangerous_value("myjavascript:foo(1)"));
        assert!(dangerous_in_attribute("0;url=javascript:alert(1)"));
    }
}
