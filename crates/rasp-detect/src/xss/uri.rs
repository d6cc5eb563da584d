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
    /// The scheme name was split by tabs, newlines or control characters that the URL parser
    /// removes (`ja\tvascript:`, `v\nb\ts…t:`): no honest text spells a scheme that way.
    pub obfuscated: bool,
    /// The original text after the `:` holds a byte the fold drops (whitespace, a control
    /// character), so `rest` is not what was written.
    pub spaced: bool,
    /// Only blanks and control characters come before the scheme: it opens the value, where
    /// a link or redirect that receives the value reads it as the URL's scheme.
    pub opens_value: bool,
    /// Offset in the original text just after the scheme's `:`.
    pub after: usize,
}

/// Fold `s` the way URL parsing does for schemes: drop ASCII whitespace and C0 controls,
/// lower-case ASCII. Where each kept byte came from is found only for a value where a
/// scheme turns up ([`kept_positions`]).
fn fold(s: &str) -> Vec<u8> {
    s.as_bytes()
        .iter()
        .take(MAX_FOLD)
        .filter(|&&b| kept(b))
        .map(u8::to_ascii_lowercase)
        .collect()
}

/// Whether [`fold`] keeps byte `b`.
fn kept(b: u8) -> bool {
    b > 0x20 && b != 0x7f
}

/// The index in `s` of each byte [`fold`] keeps.
fn kept_positions(s: &str) -> Vec<usize> {
    s.as_bytes()
        .iter()
        .take(MAX_FOLD)
        .enumerate()
        .filter(|&(_, &b)| kept(b))
        .map(|(i, _)| i)
        .collect()
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

/// Whether some `:` in the part of `b` that [`fold`] reads follows, in folded text, the end
/// of a scheme name (`script`, `mocha`, `data`): the search for the schemes themselves
/// folds and copies the value, and most colons (`Note:`, `format:`, times) fail this first.
/// Each look back stops at the first folded byte that cannot continue a name, at the latest
/// at the colon before, so the colons cost one pass in all.
fn colon_after_scheme_name(b: &[u8]) -> bool {
    let head = &b[..b.len().min(MAX_FOLD)];
    memchr::memchr_iter(b':', head).any(|p| folded_ends_with_name(&head[..p]))
}

/// Whether the folded `b` ends with `script`, `mocha` or `data` (the [`SCHEMES`] without
/// their `:`; `script` ends three of them).
fn folded_ends_with_name(b: &[u8]) -> bool {
    const ENDS: [&[u8]; 3] = [b"script", b"mocha", b"data"];
    let mut tail = [0u8; 6];
    let mut n = 0;
    for &c in b.iter().rev() {
        if !kept(c) {
            continue;
        }
        let c = c.to_ascii_lowercase();
        // no name holds anything but letters
        if !c.is_ascii_lowercase() {
            break;
        }
        n += 1;
        tail[tail.len() - n] = c;
        if n == tail.len() {
            break;
        }
    }
    let t = &tail[tail.len() - n..];
    ENDS.iter().any(|e| t.ends_with(e))
}

const SCHEMES: [&str; 5] = ["javascript:", "vbscript:", "livescript:", "mocha:", "data:"];

/// MIME types a `data:` URL can carry that a browser renders as an active document, or runs
/// as script when the URL is a `<script src>` or a worker: every JavaScript MIME type the
/// HTML standard lists, the legacy `x-` spellings (`application/x-javascript`,
/// `text/x-ecmascript`), `text/jscript` and `text/livescript` included (`text/javascript`
/// covers its `1.0`…`1.5` versions).
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
        b"application/x-javascript",
        b"application/x-ecmascript",
        b"text/x-javascript",
        b"text/x-ecmascript",
        b"text/jscript",
        b"text/livescript",
        b"text/xsl",
        b"application/x-shockwave",
        b"application/vnd.wap",
        b"text/vbscript",
    ]
    .iter()
    .any(|m| rest.starts_with(m))
}

/// Bytes of a `data:` payload decoded and examined.
const MAX_PAYLOAD: usize = 4096;

std::thread_local! {
    /// Nesting of `data:` payload inspection (a payload may hold another `data:` URL).
    static PAYLOAD_DEPTH: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

/// Most nested `data:` payloads examined.
const MAX_PAYLOAD_DEPTH: u8 = 2;

/// Decode standard or URL-safe base64, skipping invalid bytes (as forgiving decoders do),
/// stopping at `=` padding; bounded by the input length.
fn base64_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in s {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// A `data:` URL's `body` as the browser reads it, by its lower-cased `header`: base64
/// decoded when the header says so, percent-decoded text otherwise.
fn payload_text(header: &[u8], body: &[u8]) -> String {
    if memchr::memmem::find(header, b"base64").is_some() {
        String::from_utf8_lossy(&base64_decode(body)).into_owned()
    } else {
        percent_decoded_text(body)
    }
}

/// A `data:` URL's body that is not base64, as the browser reads it: percent-decoded text.
fn percent_decoded_text(body: &[u8]) -> String {
    crate::normalize::percent_decode_deep(&String::from_utf8_lossy(body)).into_owned()
}

/// `data:,alert(1)`: a `data:` URL with no media type (`data:,…`, `data:;charset=…,…`) is
/// text/plain, which `<script src>`, `import()` and workers still run as script; its body is
/// script when a name is called in it (`alert(1)`, ``alert`1` ``). Plain text (`data:,Hello`)
/// calls nothing.
fn untyped_script(rest: &[u8]) -> bool {
    let Some(comma) = memchr::memchr(b',', rest) else {
        return false;
    };
    let header = &rest[..comma];
    if !(header.is_empty() || (header[0] == b';' && !header.contains(&b'/'))) {
        return false;
    }
    let body = percent_decoded_text(&rest[comma + 1..rest.len().min(comma + 1 + MAX_PAYLOAD)]);
    let b = body.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        matches!(c, b'(' | b'`')
            && i > 0
            && (b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'_' | b'$' | b')'))
    })
}

/// Is the content of a `data:` URL (`orig` starts after `data:`, original case) markup that
/// executes? The header before `,` says whether it is base64.
fn payload_executes(orig: &[u8]) -> bool {
    let Some(comma) = memchr::memchr(b',', orig) else {
        return false;
    };
    let header = orig[..comma].to_ascii_lowercase();
    let body = &orig[comma + 1..orig.len().min(comma + 1 + MAX_PAYLOAD)];
    let depth = PAYLOAD_DEPTH.with(|d| d.get());
    if depth >= MAX_PAYLOAD_DEPTH {
        return false;
    }
    let text = payload_text(&header, body);
    if !text.contains('<') {
        return false;
    }
    PAYLOAD_DEPTH.with(|d| d.set(depth + 1));
    let hit = super::html::scan(&text).is_some();
    PAYLOAD_DEPTH.with(|d| d.set(depth));
    hit
}

/// Whether the `data:` URL body `orig` (after `data:`, original case) is an SVG image whose
/// decoded document is a whole static drawing ([`crate::ml::markup::is_plain_markup`]: no
/// script, handler, animation, resource or style): Bootstrap's inline icons
/// (`data:image/svg+xml,%3Csvg …%3E%3Cpath d='…'/%3E%3C/svg%3E`). Opened in a frame or
/// on its own, such a document runs nothing.
fn plain_svg_payload(orig: &[u8]) -> bool {
    let Some(comma) = memchr::memchr(b',', orig) else {
        return false;
    };
    let header = orig[..comma].to_ascii_lowercase();
    let body = &orig[comma + 1..];
    if body.len() > MAX_PAYLOAD {
        return false;
    }
    let text = payload_text(&header, body);
    let t = text.trim_start();
    t.len() > 4
        && t.as_bytes()[..4].eq_ignore_ascii_case(b"<svg")
        && crate::ml::markup::is_plain_markup(t)
}

/// Find a dangerous scheme in `s` at a position that starts a URL: the beginning or after a
/// byte that is not a letter or digit (`url=javascript:`, `feed:javascript:`).
pub fn find_scheme(s: &str) -> Option<SchemeHit> {
    find_scheme_where(s, |_, _| true)
}

/// [`find_scheme`] for hits whose offsets in `s` (of the scheme's first byte and of its
/// `:`) pass `accept`.
fn find_scheme_where(s: &str, accept: impl Fn(usize, usize) -> bool) -> Option<SchemeHit> {
    if !colon_after_scheme_letter(s.as_bytes()) || !colon_after_scheme_name(s.as_bytes()) {
        return None;
    }
    let lower = fold(s);
    let src = s.as_bytes();
    let mut pos: Option<Vec<usize>> = None;
    for (scheme, finder) in SCHEMES.iter().zip(SCHEME_FINDERS.iter()) {
        let mut from = 0;
        while let Some(p) = finder.find(&lower[from..]) {
            let at = from + p;
            let pos = pos.get_or_insert_with(|| kept_positions(s));
            let end = at + scheme.len();
            let boundary = (at == 0 || !lower[at - 1].is_ascii_alphanumeric())
                && accept(pos[at], pos[end - 1]);
            let rest = &lower[end..];
            // any MIME type whose payload is itself markup that executes (the browser may
            // sniff, render or save it); the payload in its original case (base64 is
            // case-sensitive)
            let active_payload = boundary
                && *scheme == "data:"
                && !active_data_mime(rest)
                && payload_executes(&pos[end..].iter().map(|&k| src[k]).collect::<Vec<u8>>());
            // a `data:` URL without the `,` that ends its media type fails to load (the
            // fetch standard's data: URL processor): "Data: text/html files" is prose
            let data_url = *scheme == "data:" && memchr::memchr(b',', rest).is_some();
            let active_mime = || {
                active_data_mime(rest)
                    // (the body as sent: its blanks separate the drawing's attributes)
                    && !(rest.starts_with(b"image/svg")
                        && pos.get(end).is_some_and(|&k| plain_svg_payload(&src[k..])))
            };
            if boundary
                && (*scheme != "data:"
                    || (data_url && (active_mime() || active_payload || untyped_script(rest))))
            {
                // Bytes the fold removed inside the scheme name (before its `:`).
                let (a, z) = (pos[at], pos[end - 2]);
                let obfuscated = src[a..z].iter().any(|&c| c < 0x20 || c == 0x7f);
                let spaced = !src[pos[end - 1] + 1..].iter().all(|&c| kept(c));
                return Some(SchemeHit {
                    scheme,
                    rest: rest.to_vec(),
                    obfuscated,
                    spaced,
                    opens_value: at == 0,
                    after: pos[end - 1] + 1,
                });
            }
            from = at + 1;
        }
    }
    None
}

/// Searchers for [`SCHEMES`], in order, built once (building one per search cost more than
/// the search).
static SCHEME_FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| {
        SCHEMES
            .iter()
            .map(|s| memchr::memmem::Finder::new(s.as_bytes()))
            .collect()
    });

/// Is the script after `javascript:` inert (`void(0)`, `void 0`, `;`, nothing)? Editors emit
/// such links; they run no attacker code.
pub fn inert_script(rest: &[u8]) -> bool {
    let r: Vec<u8> = rest.iter().copied().filter(|&b| b != b';').collect();
    r.is_empty() || r == b"void(0)" || r == b"void0" || r == b"void(null)" || r == b"//"
}

/// Longest text after an inert `void(0)` read by [`void_then_prose`].
const MAX_VOID_PROSE: usize = 256;

/// `javascript:void(0) in href is bad practice?`, `javascript:void(0) meaning`: the editor's
/// inert link script followed on its line by words. Run as the link's script it is
/// `void(0)` and then a word after a space: a SyntaxError (no operator joins them), or
/// `in`/`instanceof` and a name, a boolean; either way no call and no string for the
/// browser to render as the new page. Commas, `??`, `:` (which could select a string),
/// line breaks (a new statement), and every byte a call, index, assignment, string or
/// escape needs are refused. `raw`: the original text after the colon.
fn void_then_prose(raw: &[u8]) -> bool {
    let r = raw.trim_ascii_start();
    let Some(rest) = [&b"void(0)"[..], b"void 0", b"void(null)"]
        .iter()
        .find_map(|p| r.strip_prefix(*p))
    else {
        return false;
    };
    if rest.len() > MAX_VOID_PROSE || !rest.first().is_some_and(|&c| c == b' ' || c == b'\t') {
        return false;
    }
    let words = rest.trim_ascii();
    let words = words.strip_suffix(b"?").unwrap_or(words);
    words.first().is_some_and(u8::is_ascii_alphabetic)
        && words.iter().enumerate().all(|(i, &c)| match c {
            b' ' | b'\t' | b'.' | b'-' | b'!' => true,
            // an apostrophe inside a word ("it's"), not a string
            b'\'' => {
                i > 0
                    && words[i - 1].is_ascii_alphabetic()
                    && words.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
            }
            _ => c.is_ascii_alphanumeric(),
        })
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
/// to look like script (a call, an index, an assignment, an escape) or markup. A scheme in
/// the text of an element (`<code>data:text/javascript,…</code>`) is neither: a value that
/// holds markup before it is not a URL the application links to, and text loads nothing
/// (schemes inside tags are the attribute scan's).
pub fn dangerous_value(v: &str) -> bool {
    let Some(h) = find_scheme_where(v, |at, colon| {
        !in_element_text(v.as_bytes(), at)
            && !css_image_url(v.as_bytes(), at)
            && !quoted_scheme_name(v.as_bytes(), at, colon)
            && !inert_link_in_attribute(v.as_bytes(), at, colon)
            && !script_opens_with_two_names(v.as_bytes(), at, colon)
    }) else {
        return false;
    };
    if h.scheme == "data:" || h.obfuscated {
        return true;
    }
    if inert_script(&h.rest) {
        return false;
    }
    if h.scheme == "javascript:" && void_then_prose(v.as_bytes().get(h.after..).unwrap_or(b"")) {
        return false;
    }
    let r = &h.rest;
    // `javascript:name`, `javascript:opener.name`: a URL whose script is one expression
    // (a string it evaluates to becomes the new page's HTML); prose puts a space after
    // "JavaScript:". Only where the value opens with the scheme: after `=` inside a URL
    // (`https://example.com/?topic=javascript:basics`) or in prose the scheme is data, and a
    // lone word after it calls nothing.
    if !h.spaced
        && h.opens_value
        && r.first()
            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_' || c == b'$')
        && r.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'.'))
    {
        return true;
    }
    r.iter().enumerate().any(|(i, &b)| match b {
        b'(' | b'`' | b'[' | b'=' | b'\\' | b'%' | b'<' | b'&' | b'"' => true,
        // an apostrophe inside a word is prose ("a beginner's guide"), not a JS string
        b'\'' => {
            !(i > 0
                && r[i - 1].is_ascii_alphanumeric()
                && r.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric()))
        }
        _ => false,
    })
}

/// Whether the `javascript:` at `at` (its `:` at `colon`, spelled without folded-out
/// bytes) starts a script whose first two tokens are capitalised names on one line: `"JavaScript:
/// The Good Parts"`, `JavaScript: Understanding Closures (2nd ed.)`. Two identifiers in a row
/// with no line terminator between are a SyntaxError, so the whole script never runs,
/// whatever follows them; a capitalised word is never a keyword or an operator (`in`,
/// `typeof`, `void`), and a blank (space, tab) is not a line terminator. Refused: a
/// lowercase first word (`void(alert(1))`, `alert(1)`), a `%` or escape (the URL is
/// percent-decoded before it runs), one word (`javascript: Name` evaluates it). Other
/// schemes are not quieted (`vbscript:` calls a sub with a bare argument: `MsgBox Hi`).
/// Asked only of scheme hits; later schemes in the value are still searched.
fn script_opens_with_two_names(b: &[u8], at: usize, colon: usize) -> bool {
    if !b[at..=colon].eq_ignore_ascii_case(b"javascript:") {
        return false;
    }
    let blank = |c: &u8| matches!(c, b' ' | b'\t');
    let mut k = colon + 1;
    let mut names = 0;
    while names < 2 {
        while b.get(k).is_some_and(blank) {
            k += 1;
        }
        if !b.get(k).is_some_and(u8::is_ascii_uppercase) {
            return false;
        }
        names += 1;
        if names == 2 {
            break;
        }
        while b.get(k).is_some_and(u8::is_ascii_alphanumeric) {
            k += 1;
        }
        // the first name must end at a blank (`The.Good`, `The(` are code)
        if !b.get(k).is_some_and(blank) {
            return false;
        }
    }
    true
}

/// Whether the scheme at `at` (its `:` at `colon`) is the quoted value of an attribute of a
/// start tag in the value, and that value is an inert link script (`<a
/// href="javascript:void(0)">Menu</a>`, an editor's menu link): the tag pass judges the
/// attribute ([`dangerous_in_attribute`]), and read as a whole the value is markup, not a
/// URL that the application links to.
fn inert_link_in_attribute(b: &[u8], at: usize, colon: usize) -> bool {
    let Some(&q) = at.checked_sub(1).and_then(|p| b.get(p)) else {
        return false;
    };
    // (a scheme split by a tab or control character is evasion whatever follows it)
    if !matches!(q, b'"' | b'\'')
        || !b[..at - 1].trim_ascii_end().ends_with(b"=")
        || !b[at..=colon].eq_ignore_ascii_case(b"javascript:")
    {
        return false;
    }
    let Some(lt) = memchr::memrchr(b'<', &b[..at]) else {
        return false;
    };
    if !b.get(lt + 1).is_some_and(u8::is_ascii_alphabetic)
        || memchr::memchr(b'>', &b[lt..at]).is_some()
    {
        return false;
    }
    let Some(close) = memchr::memchr(q, &b[colon + 1..]) else {
        return false;
    };
    let script: Vec<u8> = b[colon + 1..colon + 1 + close]
        .iter()
        .filter(|c| !c.is_ascii_whitespace())
        .map(u8::to_ascii_lowercase)
        .collect();
    inert_script(&script)
}

/// Whether the scheme at `at`, whose `:` is at `colon`, is a name quoted in text (`the
/// 'javascript:' pseudo-protocol`, `"data:" URLs`): the quote before it closes right after
/// the colon, so no script follows the scheme in any attribute or link the value lands in.
fn quoted_scheme_name(b: &[u8], at: usize, colon: usize) -> bool {
    at > 0 && matches!(b[at - 1], b'\'' | b'"' | b'`') && b.get(colon + 1) == Some(&b[at - 1])
}

/// Whether the scheme at `at` opens an image in a CSS `url(` (`background:
/// url("data:image/svg+xml,…")`): a browser draws a CSS image and never runs script in it,
/// SVG included. `behavior:` and `-moz-binding:` load code through `url(` and are excluded.
fn css_image_url(b: &[u8], at: usize) -> bool {
    let image = b[at..]
        .get(..11)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"data:image/"));
    let before = b[..at].trim_ascii_end();
    let before = before
        .strip_suffix(b"\"")
        .or_else(|| before.strip_suffix(b"'"))
        .unwrap_or(before)
        .trim_ascii_end();
    let Some(head) = before
        .len()
        .checked_sub(4)
        .filter(|&n| before[n..].eq_ignore_ascii_case(b"url("))
        .map(|n| before[..n].trim_ascii_end())
    else {
        return false;
    };
    let property = head
        .iter()
        .rposition(|&c| matches!(c, b';' | b'{' | b'"' | b'\'' | b'<'))
        .map_or(head, |p| &head[p + 1..]);
    let code = property
        .windows(8)
        .any(|w| w.eq_ignore_ascii_case(b"behavior") || w.eq_ignore_ascii_case(b"-binding"));
    image && !code
}

/// Whether offset `at` is in text after a complete tag: the last `<` before it opens a tag
/// (`<name` or `</name`) that a `>` closes before `at`.
fn in_element_text(b: &[u8], at: usize) -> bool {
    let head = &b[..at.min(b.len())];
    let Some(lt) = memchr::memrchr(b'<', head) else {
        return false;
    };
    let tag = &head[lt + 1..];
    let name = tag.strip_prefix(b"/").unwrap_or(tag);
    name.first().is_some_and(u8::is_ascii_alphabetic) && memchr::memchr(b'>', tag).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_images_draw_and_run_nothing() {
        for v in [
            "background: url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3C/svg%3E\");",
            "a{background-image:url('data:image/png;base64,iVBORw0KGgo=')}",
        ] {
            assert!(!super::dangerous_value(v), "{v}");
        }
        for v in [
            "x{behavior:url(data:image/svg+xml,<svg onload=alert(1)>)}",
            "<iframe src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
            "url(data:image/png,x) javascript:alert(1)",
            "background:url(data:text/html,<script>alert(1)</script>)",
            "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3Cscript%3Ealert(1)%3C/script%3E%3C/svg%3E",
            "data:image/svg+xml,<svg><path d='M0 0'/><animate onbegin=alert(1) /></svg>",
            "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+",
            "data:image/svg+xml,%3Csvg%3E%3Cpath d='M0 0'/%3E",
        ] {
            assert!(super::dangerous_value(v), "{v}");
        }
        // a whole static drawing, percent-encoded or in base64, runs nothing anywhere
        for v in [
            "data:image/svg+xml;charset=utf-8,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath fill='none' stroke='%23343a40' d='M2 5l6 6 6-6'/%3E%3C/svg%3E",
            "data:image/svg+xml;base64,PHN2ZyB2aWV3Qm94PSIwIDAgMSAxIj48cmVjdCB3aWR0aD0iMSIgaGVpZ2h0PSIxIi8+PC9zdmc+",
        ] {
            assert!(!super::dangerous_value(v), "{v}");
        }
    }

    #[test]
    fn schemes() {
        assert!(dangerous_value("javascript:alert(1)"));
        assert!(dangerous_value(" \x01JaVa\tScRiPt:alert`1`"));
        assert!(dangerous_value("data:text/html;base64,PHNjcmlwdD4="));
        assert!(dangerous_value("feed:feed:javascript:alert(1)"));
        assert!(!dangerous_value("data:image/png;base64,iVBOR"));
        assert!(!dangerous_value("JavaScript: The Good Parts"));
        assert!(!dangerous_value("javascript:void(0)"));
        assert!(dangerous_value("data:,alert(1)"));
        assert!(dangerous_value("data:;charset=utf-8,alert`1`"));
        assert!(!dangerous_value("data:,Hello%2C%20World"));
        assert!(!dangerous_value("data:image/png,abc(1)"));
        assert!(!dangerous_value("Data: (see below)"));
        assert!(dangerous_value("javascript:name"));
        assert!(dangerous_value("javascript:opener.name"));
        assert!(!dangerous_value("JavaScript: the good parts"));
        assert!(!dangerous_value("Learn JavaScript:"));
        assert!(!dangerous_value("myjavascript:foo(1)"));
        assert!(dangerous_in_attribute("0;url=javascript:alert(1)"));
        assert!(dangerous_in_attribute("java\tscr\nipt :alert(1)"));
        assert!(dangerous_value("x: y: z: a: MOCHA:alert(1)"));
    }

    #[test]
    fn legacy_script_mime_types() {
        // a `<script src>` or worker runs every JavaScript MIME type, the legacy ones too
        for v in [
            "data:application/x-javascript,alert(1)",
            "data:text/x-javascript,alert(1)",
            "data:application/x-ecmascript,alert(1)",
            "data:text/x-ecmascript;base64,YWxlcnQoMSk=",
            "data:text/jscript,alert(1)",
            "data:text/javascript1.5,alert(1)",
        ] {
            assert!(dangerous_value(v), "{v}");
        }
        // types a browser neither runs nor renders, and the MIME name in prose
        for v in [
            "data:application/x-www-form-urlencoded,a=1",
            "data:text/x-markdown,# Title (draft)",
            "data:application/x-json,{}",
            "application/x-javascript: the old MIME type",
            "Content-Type: application/x-javascript",
        ] {
            assert!(!dangerous_value(v), "{v}");
        }
    }

    #[test]
    fn schemes_as_data_or_quoted_names() {
        for v in [
            "https://example.com/?ref=javascript:void",
            "https://example.com/?topic=javascript:basics",
            "?lang=javascript:es6",
            "the 'javascript:' pseudo-protocol is dangerous",
            "see 'javascript:' links",
            "\"vbscript:\" is IE-only",
        ] {
            assert!(!dangerous_value(v), "{v}");
        }
        for v in [
            "javascript:basics",
            " \x01javascript:name",
            "?next=javascript:alert(1)",
            "https://example.com/?ref=javascript:alert(1)",
            "'javascript:alert(1)'",
            "x='javascript:'+alert(1)",
            "url='javascript:'-alert(1)-''",
        ] {
            assert!(
                dangerous_value(v) || super::super::detect(v, crate::Context::Param).is_some(),
                "{v}"
            );
        }
    }

    #[test]
    fn scheme_name_before_a_colon() {
        assert!(colon_after_scheme_name(b"Note: javascript:alert(1)"));
        assert!(colon_after_scheme_name(b"da\x01ta :text/html,x"));
        assert!(colon_after_scheme_name(b"vb script:"));
        assert!(!colon_after_scheme_name(
            b"Note: format: 10:30 at: scripts:"
        ));
        assert!(!colon_after_scheme_name(b":data"));
    }
}
