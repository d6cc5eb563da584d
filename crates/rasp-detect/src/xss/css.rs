//! Style sheets and `style` attributes that execute or load active content: IE
//! `expression()`, `behavior:` / `-moz-binding` (HTC / XBL bindings), `javascript:` URLs,
//! `@import` of a foreign sheet. CSS escapes (`\65 xpression`) and comments
//! (`ex/**/pression`) are removed first, as the CSS tokenizer does.

use super::entity::decode_backslashes;

/// Bytes of CSS examined.
const MAX_CSS: usize = 8192;

/// Does this CSS text execute or load active content?
pub fn dangerous(css: &str) -> bool {
    let css = match css.char_indices().nth(MAX_CSS) {
        Some((i, _)) => &css[..i],
        None => css,
    };
    let decoded = decode_backslashes(css);
    let mut folded: Vec<u8> = Vec::with_capacity(decoded.len());
    let b = decoded.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i = match memchr::memmem::find(&b[i + 2..], b"*/") {
                Some(p) => i + 2 + p + 2,
                None => b.len(),
            };
            continue;
        }
        let c = b[i];
        // whitespace, controls and the replacement character left by `\0` are dropped
        if c > 0x20
            && c != 0x7f
            && !(c == 0xef && b.get(i + 1) == Some(&0xbf) && b.get(i + 2) == Some(&0xbd))
        {
            folded.push(c.to_ascii_lowercase());
            i += 1;
        } else if c == 0xef {
            i += 3;
        } else {
            i += 1;
        }
    }
    let f = &folded[..];
    // IE evaluates `expression(…)` only as a property value: prose about "a regular
    // expression (regex)" folds to the same letters but has no `:` before them; and an
    // empty `expression()` evaluates nothing ("expression() was removed from IE8")
    let expression = memchr::memmem::find_iter(f, b"expression(")
        .take(16)
        .any(|p| {
            (p == 0 || matches!(f[p - 1], b':' | b'=' | b'(' | b',' | b'"' | b'\''))
                && f.get(p + 11) != Some(&b')')
        });
    expression
        || ACTIVE.as_ref().map_or_else(
            || {
                ACTIVE_WORDS
                    .iter()
                    .any(|w| memchr::memmem::find(f, w).is_some())
            },
            |a| a.find(f).is_some(),
        )
}

/// Folded CSS that runs script or loads active content wherever it stands: script URLs, an
/// HTC behaviour (always loaded through `url(…)`; prose says "expected behavior:"), XBL
/// bindings (`-moz-binding` and the unprefixed `binding` it implemented), `@import`, an HTML
/// document as a `data:` URL, Opera's `-o-link`.
const ACTIVE_WORDS: [&[u8]; 14] = [
    b"javascript:",
    b"vbscript:",
    b"behavior:url(",
    b"behaviour:url(",
    b"-moz-binding",
    b"binding:url(",
    b"@import",
    b"url(data:text/html",
    b"url(\"data:text/html",
    b"url('data:text/html",
    b"-o-link:",
    b"url(javascript",
    b"url(\"javascript",
    b"url('javascript",
];

/// [`ACTIVE_WORDS`] in one vectorized multi-word searcher, built once (a substring searcher
/// built per word and call cost more than the search); `None` where the CPU has no vector
/// unit for it, and then the words are searched one by one.
static ACTIVE: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
    std::sync::LazyLock::new(|| {
        let mut words = aho_corasick::packed::Config::new().builder();
        for w in ACTIVE_WORDS {
            words.add(w);
        }
        words.build()
    });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css() {
        assert!(dangerous("width: expression(alert(1))"));
        assert!(!dangerous(
            "expression() was removed from IE8 standards mode"
        ));
        assert!(!dangerous("width: expression( )"));
        assert!(dangerous("x:ex/**/pression(alert(1))"));
        assert!(dangerous("x:\\65 xpression(alert(1))"));
        assert!(dangerous("background:url(javascript:alert(1))"));
        assert!(dangerous("behavior: url(xss.htc)"));
        assert!(dangerous("binding: url(http://x.example/b.xml#x)"));
        assert!(!dangerous("font-family: 'Binding Sans'; color: red"));
        assert!(!dangerous(
            "one would expect the following behavior: it works"
        ));
        assert!(!dangerous("color: red; font-weight: bold"));
        assert!(!dangerous("background: url(https://example.com/a.png)"));
    }
}
