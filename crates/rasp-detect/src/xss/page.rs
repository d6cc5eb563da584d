//! Markup that takes over or rewrites the page a value lands in, though nothing in it runs:
//! what a rich-text editor never produces and an injection uses to phish, re-target or break
//! out of its place in the page.
//!
//! - break-outs from a context the value never opened: a value that starts by closing an
//!   element (`</a>…`, `</body>`), a comment (`-->`) or a CDATA section (`]]>`), or closes one
//!   of them and goes on with markup (the principle of the raw-text `</script>` break-out);
//! - document-level elements (`<html>`, `<head>`, `<body>`) and forms (`<form>`, `formaction`,
//!   `form=`): a page re-defined, or a form that captures what the user types (credential
//!   phishing, the dangling `<form action=//evil>` that swallows the page's own inputs);
//! - markup declarations spliced after content (`<div><!DOCTYPE…`, `<div><?xml …?>`) and
//!   DOCTYPE internal subsets (`<!DOCTYPE x [`: entity definitions, XXE and entity expansion);
//! - elements of the web's own vocabularies under an XML prefix (`<svg:svg>`, `<html:form>`):
//!   the HTML parser ignores the prefix, so they only matter to an XML parser and no editor
//!   writes them;
//! - SVG graphics outside any `<svg>` root, with attributes: they draw only inside an SVG the
//!   page already has (overlays and masks for click-jacking);
//! - start tags that take in the rest of the page, never closed: raw-text elements
//!   (`<textarea>` inside a form submits the page that follows, `<style>`, `<title>`), the
//!   SVG/MathML roots (the rest of the page parses in another namespace), a `<!--` comment;
//! - form controls that submit, capture a password or file, or plant a hidden field
//!   (`<input type=password|hidden|submit…>`, `dirname`);
//! - XML machinery that fetches or acts: a remote `xsi:schemaLocation`, the XML Events
//!   namespace, the reserved `xml:` prefix on an element;
//! - links whose URL only deceives: userinfo before the host (`http://trusted@evil`), a host
//!   written as a number in octal, hex or as one dword, percent-encoded host bytes, a
//!   trailing dot (`bank.example.`), or tabs and newlines that the URL parser drops.
//!
//! Editor output stays quiet: it is balanced (never starts with an end tag), has no document
//! elements or forms, serialises SVG with its root and links with plain hosts. A tag named in
//! running text or code ("an HTML <FORM> element", `print('<html>')`) is a mention, not
//! markup: the document and form rules apply to a tag at the start of the value or right
//! after another tag. A whole document (`<!DOCTYPE html>`/`<html>` … `</html>`, what a
//! full-page editor or an e-mail template sends) rewrites no other page and is judged by the
//! other rules only.

use super::html::is_space;

/// Whether the `<` at `lt` stands where markup does: at the start of the value (after
/// whitespace) or right after another tag's `>`. A tag after a word, a quote or a bracket is
/// named in prose or code.
pub(super) fn markup_position(b: &[u8], lt: usize) -> bool {
    let head = &b[..lt.min(b.len())];
    match head.iter().rposition(|&c| !is_space(c)) {
        None => true,
        Some(p) => head[p] == b'>',
    }
}

/// Whether `b` (the whole value) is one HTML document: it opens with a DOCTYPE or `<html`
/// and ends with `</html>`.
pub(super) fn whole_document(b: &[u8]) -> bool {
    let start = b.iter().position(|&c| !is_space(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|&c| !is_space(c)).map_or(0, |p| p + 1);
    let (head, tail) = (&b[start..], &b[start..end.max(start)]);
    let opens = starts_with_fold(head, b"<!doctype") || starts_with_fold(head, b"<html");
    opens && tail.len() >= 7 && tail[tail.len() - 7..].eq_ignore_ascii_case(b"</html>")
}

/// Whether `b` starts with `prefix`, ASCII letters compared in either case.
pub(super) fn starts_with_fold(b: &[u8], prefix: &[u8]) -> bool {
    b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Whether `b` (the whole value) is one XML document of another vocabulary: after an optional
/// `<?xml …?>` prolog it opens with an element HTML does not know (`<note>`, `<methodCall>`)
/// and ends by closing that element. Its `<body>` or `<head>` is that vocabulary's element
/// (a note's body, a SOAP header), and in a page an HTML parser ignores a stray `<head>` and
/// only merges a `<body>`'s attributes, which the attribute rules judge.
pub(super) fn xml_document(b: &[u8]) -> bool {
    let start = b.iter().position(|&c| !is_space(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|&c| !is_space(c)).map_or(0, |p| p + 1);
    let mut head = &b[start..end.max(start)];
    if starts_with_fold(head, b"<?xml") {
        let Some(p) = memchr::memmem::find(head, b"?>") else {
            return false;
        };
        head = &head[p + 2..];
        let k = head
            .iter()
            .position(|&c| !is_space(c))
            .unwrap_or(head.len());
        head = &head[k..];
    }
    let Some(rest) = head.strip_prefix(b"<") else {
        return false;
    };
    if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let n = rest
        .iter()
        .take(MAX_XML_NAME + 1)
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':'))
        .count();
    if n > MAX_XML_NAME
        || !matches!(
            rest.get(n),
            Some(b'>' | b'/') | Some(&(b' ' | b'\t' | b'\n' | b'\r'))
        )
    {
        return false;
    }
    let name = &rest[..n];
    let mut buf = [0u8; MAX_XML_NAME];
    let lname = super::lower_into(name, &mut buf);
    if known_element(lname) || page_level_element(lname) {
        return false;
    }
    // the value ends by closing its root (`</name>`), and closes it nowhere before: one root
    let close_at = head.len().saturating_sub(n + 3);
    let tail = &head[close_at..];
    tail.len() == n + 3
        && tail.starts_with(b"</")
        && &tail[2..2 + n] == name
        && tail[n + 2] == b'>'
        && memchr::memmem::find(head, &tail[..n + 2]) == Some(close_at)
}

/// Longest root name [`xml_document`] reads.
const MAX_XML_NAME: usize = 32;

/// Whether `v` is an absolute URL that names a host: `//host…`, `\\host…` or `http(s)://…`
/// (a request the page makes to what may be another site; a path, `#x` or `?q` stays on
/// the page's own).
pub(super) fn absolute_url(v: &str) -> bool {
    let t = v.trim_start().as_bytes();
    matches!(t, [b'/' | b'\\', b'/' | b'\\', ..])
        || starts_with_fold(t, b"http://")
        || starts_with_fold(t, b"https://")
}

/// Elements that define the document or capture input: a value has no business opening or
/// closing them in a page that already has its own.
pub(super) fn page_level_element(name: &[u8]) -> bool {
    matches!(name, b"html" | b"head" | b"body" | b"form")
}

/// Attributes that attach a control to a form, re-target its submission, or submit an extra
/// field under a chosen name (`dirname`).
pub(super) fn form_attribute(name: &[u8]) -> bool {
    matches!(
        name,
        b"form" | b"formaction" | b"formmethod" | b"formtarget" | b"formenctype" | b"dirname"
    )
}

/// A form action that submits to the page's own site: a non-empty relative URL (`/search`,
/// `?q=`). An empty action is no destination of its own; one with a scheme or `//` leaves.
pub(super) fn same_site_action(v: &str) -> bool {
    let v = v.trim();
    let b = v.as_bytes();
    let scheme = b
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        .count();
    // `//host`, and `\\host` or `/\host`, which browsers read the same way
    let slash = |c: Option<&u8>| matches!(c, Some(b'/' | b'\\'));
    let network_path = slash(b.first()) && slash(b.get(1));
    let has_scheme = scheme > 0 && b.get(scheme) == Some(&b':');
    !v.is_empty() && !network_path && !has_scheme
}

/// `<input type=…>` kinds that submit the page's form, capture a password or file, or plant a
/// hidden field in it. Editors emit none (task lists use `checkbox`).
pub(super) fn capturing_input_type(v: &str) -> bool {
    let v = v.trim();
    ["submit", "image", "reset", "password", "hidden", "file"]
        .iter()
        .any(|t| v.eq_ignore_ascii_case(t))
}

/// Elements whose unclosed start tag takes in the rest of the page: raw-text elements turn
/// it into text (`<textarea>` inside a form submits it, `<style>` re-styles it, `<title>`
/// hides it), and the SVG and MathML roots switch the parser's namespace for everything after
/// them (the ground of namespace-confusion mutation XSS). Editors always close them.
pub(super) fn swallows_page(name: &[u8]) -> bool {
    matches!(
        name,
        b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"noscript"
            | b"noembed"
            | b"noframes"
            | b"svg"
            | b"math"
    )
}

/// `<!--` where markup stands, never closed: the page after the value becomes a comment
/// (content the user no longer sees: warnings, the page's own form). `lt` is the `<`.
pub(super) fn unclosed_comment(b: &[u8], lt: usize) -> bool {
    b[lt..].starts_with(b"<!--")
        && memchr::memmem::find(&b[lt + 4..], b"-->").is_none()
        && memchr::memmem::find(&b[lt + 4..], b"--!>").is_none()
        && markup_position(b, lt)
}

/// XML machinery that makes a parser fetch or act: a schema location with a remote URL
/// (`xsi:schemaLocation="ns http://…"`, fetched by validating parsers: SSRF and out-of-band
/// probes) and the XML Events namespace, whose `ev:handler` attaches script to an event.
pub(super) fn xml_fetch_or_handler(lname: &[u8], value: &str) -> bool {
    // both rules name their attribute: most attributes (`class`, `href`) leave here
    if !(lname.ends_with(b"schemalocation") || lname.starts_with(b"xmlns")) {
        return false;
    }
    let local = match lname.iter().rposition(|&c| c == b':') {
        Some(c) => &lname[c + 1..],
        None => lname,
    };
    let v = value.as_bytes();
    let has = |n: &[u8]| v.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    match local {
        b"schemalocation" | b"nonamespaceschemalocation" => has(b"http:") || has(b"//"),
        _ => lname.starts_with(b"xmlns") && has(b"w3.org/2001/xml-events"),
    }
}

/// A value that starts (after whitespace) by closing what it never opened: an end tag of an
/// HTML or SVG element, `-->` or `]]>`. Such a value was placed inside that element, comment
/// or CDATA section by the page, and leaves it.
pub(super) fn leading_breakout(b: &[u8]) -> bool {
    let start = b.iter().position(|&c| !is_space(c)).unwrap_or(b.len());
    let v = &b[start..];
    // `]>` ends a DOCTYPE internal subset
    let closers: [&[u8]; 4] = [b"-->", b"--!>", b"]]>", b"]>"];
    if let Some(c) = closers.iter().find(|c| v.starts_with(c)) {
        // `-->> Don't buy <<--` draws an arrow: only markup after it leaves a comment.
        return !v.starts_with(b"-->>") || opens_tag(&v[c.len()..]);
    }
    if !v.starts_with(b"</") {
        return false;
    }
    let n = v[2..]
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if n == 0 || n > MAX_NAME {
        return false;
    }
    let mut buf = [0u8; MAX_NAME];
    let name = super::lower_into(&v[2..2 + n], &mut buf);
    // the name ends where the tokenizer ends it, and the tag is closed
    let ended = matches!(v.get(2 + n), Some(&c) if c == b'>' || c == b'/' || is_space(c));
    let Some(gt) = memchr::memchr(b'>', &v[2 + n..]) else {
        return false;
    };
    let after = &v[2 + n + gt + 1..];
    // Closing an element the page put the value in (`</div>`, `</td>`, `</a>`, `</details>`)
    // escapes nothing by itself: what follows still lands in the page's flow as text, and
    // text does not execute. A break-out needs markup after the closer (`</td><img …>`,
    // `</a><svg onload=…>`), where the value's own tags land outside the container. The
    // raw-text and RCDATA closers (`</script>`, `</textarea>`, `</title>`…), which change how
    // the rest of the page is parsed, are reported alone by the tag pass
    // (`raw-text-breakout`); document closers (`</body>`, `</html>`) by its page rules.
    ended && known_element(name) && opens_tag(after)
}

/// Longest text [`closes_attribute`] reads before the value's first quote.
const MAX_ATTRIBUTE_PREFIX: usize = 256;

/// A value that closes the quoted attribute and the tag the page put it in, then opens
/// markup: `"><h1>injected</h1>`, `x'/><svg>`, a scanner's `xss"><` probe. Its first quote,
/// `<` or `>` is a quote (so the quote closes a value the page opened, not one the value
/// opened itself, as in `<a href="x">`); `>` or `/>` follows it at once, and then, blanks
/// aside, a tag opener or a `<` that ends the value. The value's own tags then land in the
/// page's flow outside the element, as after a closed element ([`leading_breakout`]). A
/// quoted measure or a reply marker (`6'>5'`, `"> quoted text`) opens no tag.
pub(super) fn closes_attribute(b: &[u8]) -> bool {
    let head = &b[..b.len().min(MAX_ATTRIBUTE_PREFIX)];
    let Some(q) = head
        .iter()
        .position(|&c| matches!(c, b'"' | b'\'' | b'<' | b'>'))
    else {
        return false;
    };
    if !matches!(b[q], b'"' | b'\'') {
        return false;
    }
    // (a polyglot closes both quote kinds: `"'>`, `'">`)
    let mut k = q + 1;
    while k < q + 3 && matches!(b.get(k), Some(b'"' | b'\'')) {
        k += 1;
    }
    if b.get(k) == Some(&b'/') {
        k += 1;
    }
    if b.get(k) != Some(&b'>') {
        return false;
    }
    let rest = &b[k + 1..];
    let r = rest
        .iter()
        .position(|&c| !is_space(c))
        .unwrap_or(rest.len());
    let rest = &rest[r..];
    rest.first() == Some(&b'<') && rest.get(1).is_none_or(|&c| opens_after_lt(c))
}

/// Longest value read as a markup probe.
const MAX_PROBE: usize = 40;

/// A scanner's reflection probe: an optional plain token (the field's value) and then only
/// markup and quote characters, holding a quote, `<` and `>` (`'"<>`, `xss'"<>`, `"'<>/`).
/// It forms no tag itself; it is sent to see which of those characters the page echoes
/// unescaped, the first step of every XSS scan, and no field's ordinary value has its shape.
/// The OWASP "XSS locator" family adds a made-up element and the characters of script and
/// entity syntax (`';!--"<t3st>=&{()}`, `xss'"<b>`): one `<name>` of letters and digits and
/// `! - & { }` may then stand among the markup characters, after a first quote. Prose and
/// rich text have words and blanks between their tags (`say "<b>" please`, `<b>bold</b>`);
/// code and documentation quote the tag they mention (`print('<html>')`).
pub(super) fn markup_probe(b: &[u8]) -> bool {
    let t = b.trim_ascii();
    if t.len() > MAX_PROBE {
        return false;
    }
    let token = t
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count();
    let suffix = &t[token..];
    let (mut quote, mut lt, mut gt, mut element, mut locator) = (false, false, false, false, false);
    let mut k = 0;
    while k < suffix.len() {
        let c = suffix[k];
        if c == b'<' {
            let name = suffix[k + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            if name > 0 {
                // one made-up element, closed at once: `<t3st>`
                // (a quoted tag is a mention: `print('<html>')`, `'<b>'`)
                let quoted = k > 0
                    && matches!(suffix[k - 1], b'"' | b'\'')
                    && suffix.get(k + 2 + name) == Some(&suffix[k - 1]);
                if element
                    || quoted
                    || !matches!(suffix.first(), Some(b'"' | b'\''))
                    || name > MAX_PROBE_ELEMENT
                    || !suffix[k + 1].is_ascii_alphabetic()
                    || suffix.get(k + 1 + name) != Some(&b'>')
                {
                    return false;
                }
                element = true;
                k += name + 2;
                lt = true;
                gt = true;
                continue;
            }
        }
        match c {
            b'"' | b'\'' => quote = true,
            b'<' => lt = true,
            b'>' => gt = true,
            b'/' | b'`' | b';' | b'(' | b')' | b'=' => {}
            b'!' | b'-' | b'&' | b'{' | b'}' => locator = true,
            _ => return false,
        }
        k += 1;
    }
    // (the locator's characters only beside its element: `"-->` alone is a comment closer)
    suffix.len() >= 3 && quote && lt && gt && (element || !locator)
}

/// `'">`, `">`, `'/>`: the whole value one or two quotes and the end of a tag. A scanner
/// sends it to see whether the page echoes it unescaped after an attribute's value, the
/// break-out's first half; no field's ordinary value is only that.
pub(super) fn attribute_close_probe(b: &[u8]) -> bool {
    let t = b.trim_ascii();
    let t = t.strip_suffix(b">").unwrap_or(b"");
    let t = t.strip_suffix(b"/").unwrap_or(t);
    (1..=2).contains(&t.len()) && t.iter().all(|&c| matches!(c, b'"' | b'\''))
}

/// Longest made-up element name in a [`markup_probe`].
const MAX_PROBE_ELEMENT: usize = 10;

/// Whether `v` holds a tag opener: `<` then a letter, `/`, `!` or `?`.
pub(crate) fn opens_tag(v: &[u8]) -> bool {
    memchr::memchr_iter(b'<', v).any(|p| v.get(p + 1).is_some_and(|&c| opens_after_lt(c)))
}

/// Whether `c` after a `<` opens a tag, an end tag, a comment or declaration, or a
/// processing instruction (a letter, `/`, `!` or `?`).
fn opens_after_lt(c: u8) -> bool {
    c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?')
}

/// Longest element name [`known_element`] knows.
const MAX_NAME: usize = 16;

/// A tag at `lt` right after `-->` or `]]>` (whitespace aside) that closes a comment or
/// CDATA section the value never opened (`-->]]><img …>`, `--><svg>`): the value breaks out
/// of one the page placed it in and goes on with markup. A lone arrow in prose
/// (`File --> Save`) or ASCII art goes on with text, not a tag. Checked at each tag, so it
/// costs two byte compares where a tag follows another `>`.
pub(super) fn closes_unopened_before(b: &[u8], lt: usize) -> bool {
    let head = &b[..lt.min(b.len())];
    let Some(p) = head.iter().rposition(|&c| !is_space(c)) else {
        return false;
    };
    if head[p] != b'>' || p < 2 {
        return false;
    }
    let open: &[u8] = match &head[p - 2..p] {
        b"--" => b"<!--",
        b"]]" => b"<![",
        _ => return false,
    };
    memchr::memmem::find(&head[..p - 2], open).is_none()
}

/// `<![endif]` at `lt` with no `<!--` or `<![if` before it: the end of an IE conditional
/// comment the page opened. (Word's paste writes the revealed form `<![if
/// !supportLists]>…<![endif]>`, which the HTML parser reads as two bogus comments.)
pub(super) fn ends_unopened_conditional(b: &[u8], lt: usize) -> bool {
    starts_with_fold(&b[lt..], b"<![endif]")
        && memchr::memmem::find(&b[..lt], b"<!--").is_none()
        && memchr::memmem::find(&b[..lt], b"<![if").is_none()
}

/// `<!DOCTYPE name [`: an internal subset, where entities are defined (XXE, entity
/// expansion). `b` starts after `<!`.
pub(super) fn doctype_internal_subset(b: &[u8]) -> bool {
    if !starts_with_fold(b, b"doctype") {
        return false;
    }
    let decl = &b[7..b.len().min(7 + 256)];
    let end = memchr::memchr(b'>', decl).unwrap_or(decl.len());
    memchr::memchr(b'[', &decl[..end]).is_some()
}

/// A document prolog (`<!DOCTYPE`, `<?xml`) after other markup: a prolog belongs at the
/// start of a document, so one spliced after a tag starts a second document inside the page
/// (a polyglot that switches parsers). `b` starts after `<` at `lt`.
pub(super) fn spliced_prolog(b: &[u8], lt: usize) -> bool {
    let rest = &b[lt + 1..];
    let prolog = starts_with_fold(rest, b"!doctype") || starts_with_fold(rest, b"?xml");
    prolog && b[..lt].iter().any(|&c| !is_space(c)) && markup_position(b, lt)
}

/// A prefix of the web's own namespaces on an element name (`svg:svg`, `math:math`,
/// `html:form`): meaningful only to an XML parser; the HTML parser keeps the whole name.
/// `xml:` is reserved to XML itself (`<xml:namespace>` imported IE behaviours). Office's
/// prefixes (`o:p`, `v:shape`, `w:wrap` from Word paste) are not among them.
pub(super) fn web_namespace_prefix(raw: &[u8]) -> bool {
    // names are short: a plain scan beats a dispatched memchr call
    let Some(c) = raw.iter().position(|&c| c == b':') else {
        return false;
    };
    let mut buf = [0u8; 6];
    let prefix = super::lower_into(&raw[..c], &mut buf);
    c <= 5 && matches!(prefix, b"svg" | b"math" | b"html" | b"xhtml" | b"xml") && c + 1 < raw.len()
}

/// SVG graphics and paint servers that mean nothing outside an `<svg>` root (names HTML does
/// not share).
pub(super) fn svg_graphic(name: &[u8]) -> bool {
    matches!(
        name,
        b"circle"
            | b"ellipse"
            | b"rect"
            | b"polygon"
            | b"polyline"
            | b"path"
            | b"mask"
            | b"clippath"
            | b"lineargradient"
            | b"radialgradient"
            | b"pattern"
            | b"tspan"
            | b"textpath"
    )
}

/// Attributes whose value is a URL the user follows or the page loads.
pub(super) fn url_attribute(name: &[u8]) -> bool {
    matches!(
        name,
        b"href" | b"src" | b"action" | b"formaction" | b"xlink:href" | b"poster" | b"background"
    )
}

/// A URL that only deceives the reader about where it leads: userinfo before the host
/// (`http://trusted.example@evil.example`), a host written as an octal, hex or single
/// (dword) number (`http://0x42.0x66.07.0223/`, `http://1113982867/`), percent-encoded host
/// bytes, a trailing dot after the host, or tabs and newlines the URL parser drops
/// (`ht\ttp://`). A canonical dotted IPv4
/// host (`http://192.168.0.1/`) is plain.
pub(super) fn deceptive_url(v: &str) -> bool {
    let b = v.trim_matches(|c: char| c.is_ascii_whitespace()).as_bytes();
    let b = &b[..b.len().min(512)];
    let Some(auth_start) = authority_start(b) else {
        return false;
    };
    let rest = &b[auth_start..];
    let auth_end = rest
        .iter()
        .position(|&c| matches!(c, b'/' | b'?' | b'#' | b'\\'))
        .unwrap_or(rest.len());
    let auth = &rest[..auth_end];
    if auth.is_empty() {
        return false;
    }
    // tabs and newlines inside the scheme or host are removed by the URL parser
    if b[..auth_start + auth_end]
        .iter()
        .any(|&c| matches!(c, b'\t' | b'\n' | b'\r'))
    {
        return true;
    }
    if auth.iter().any(|&c| c == b'@' || c == b'%') {
        return true;
    }
    let host = match auth.iter().rposition(|&c| c == b':') {
        Some(c) if auth[c + 1..].iter().all(u8::is_ascii_digit) => &auth[..c],
        _ => auth,
    };
    // `www.bank.example.` names the same host as `www.bank.example` but passes a filter or
    // an allow-list that compares host strings
    let fqdn_dot = host.len() > 1 && host.ends_with(b".") && !host.ends_with(b"..");
    fqdn_dot || numeric_host_not_canonical(host)
}

/// Where the authority of an `http(s)`/`ftp` or scheme-relative URL starts.
fn authority_start(b: &[u8]) -> Option<usize> {
    if b.starts_with(b"//") {
        return Some(2);
    }
    let colon = b[..b.len().min(16)].iter().position(|&c| c == b':')?;
    // the scheme as the URL parser reads it: tabs and newlines removed, case folded
    let mut buf = [0u8; 16];
    let mut n = 0;
    for &c in b[..colon]
        .iter()
        .filter(|&&c| !matches!(c, b'\t' | b'\n' | b'\r'))
    {
        buf[n] = c.to_ascii_lowercase();
        n += 1;
    }
    let web = matches!(&buf[..n], b"http" | b"https" | b"ftp");
    (web && b[colon + 1..].starts_with(b"//")).then_some(colon + 3)
}

/// A host made only of numbers (decimal, `0`-led octal or `0x` hex), other than the
/// canonical four decimal parts 0–255 without leading zeros.
fn numeric_host_not_canonical(host: &[u8]) -> bool {
    let host = host.strip_suffix(b".").unwrap_or(host);
    if host.is_empty() || host.len() > 64 {
        return false;
    }
    let parts = || host.split(|&c| c == b'.');
    let numeric = |p: &[u8]| {
        !p.is_empty()
            && (p.iter().all(u8::is_ascii_digit)
                || (p.len() > 2
                    && p[..2].eq_ignore_ascii_case(b"0x")
                    && p[2..].iter().all(u8::is_ascii_hexdigit)))
    };
    if !parts().all(numeric) {
        return false;
    }
    let canonical = |p: &[u8]| {
        p.iter().all(u8::is_ascii_digit)
            && p.len() <= 3
            && (p.len() == 1 || p[0] != b'0')
            && p.iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0')) <= 255
    };
    !(parts().count() == 4 && parts().all(canonical))
}

/// Element names of HTML (current and obsolete), SVG and MathML's root: the elements a page
/// can hold, and so can be closed by a value that never opened them.
pub(super) fn known_element(name: &[u8]) -> bool {
    matches!(
        name,
        b"a" | b"abbr"
            | b"address"
            | b"area"
            | b"article"
            | b"aside"
            | b"audio"
            | b"b"
            | b"bdi"
            | b"bdo"
            | b"big"
            | b"blink"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"button"
            | b"canvas"
            | b"caption"
            | b"center"
            | b"cite"
            | b"code"
            | b"col"
            | b"colgroup"
            | b"data"
            | b"datalist"
            | b"dd"
            | b"del"
            | b"details"
            | b"dfn"
            | b"dialog"
            | b"div"
            | b"dl"
            | b"dt"
            | b"em"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"font"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"html"
            | b"i"
            | b"img"
            | b"image"
            | b"input"
            | b"ins"
            | b"kbd"
            | b"label"
            | b"legend"
            | b"li"
            | b"main"
            | b"map"
            | b"mark"
            | b"marquee"
            | b"menu"
            | b"meter"
            | b"nav"
            | b"nobr"
            | b"ol"
            | b"optgroup"
            | b"option"
            | b"output"
            | b"p"
            | b"picture"
            | b"pre"
            | b"progress"
            | b"q"
            | b"rp"
            | b"rt"
            | b"ruby"
            | b"s"
            | b"samp"
            | b"section"
            | b"select"
            | b"small"
            | b"span"
            | b"strike"
            | b"strong"
            | b"sub"
            | b"summary"
            | b"sup"
            | b"table"
            | b"tbody"
            | b"td"
            | b"tfoot"
            | b"th"
            | b"thead"
            | b"time"
            | b"tr"
            | b"tt"
            | b"u"
            | b"ul"
            | b"var"
            | b"video"
            | b"svg"
            | b"math"
            | b"g"
            | b"defs"
            | b"symbol"
            | b"text"
            | b"foreignobject"
            | b"feimage"
            | b"filter"
    ) || svg_graphic(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deceptive_urls() {
        for v in [
            "http://trusted.example@evil.example/",
            "http://1113982867/",
            "http://0x42.0x0000066.0x7.0x93/",
            "http://0102.0146.0007.00000223/",
            "https://%65%76%69%6c.example/",
            "ht\ttp://evil.example/",
            "//user:pw@host.example/",
        ] {
            assert!(deceptive_url(v), "{v:?}");
        }
        for v in [
            "https://example.com/a@b",
            "http://192.168.0.1/admin",
            "https://example.com:8443/x?y=%20",
            "mailto:someone@example.com",
            "/relative/path@2x.png",
            "https://example.com/?q=0x42",
            "http://10.0.0.1",
        ] {
            assert!(!deceptive_url(v), "{v:?}");
        }
    }

    #[test]
    fn breakouts_need_a_closed_context() {
        assert!(leading_breakout(b"</a><b>x</b>"));
        assert!(leading_breakout(b"  </TD> <img src=x>"));
        // a lone closer escapes nothing (`</body>` is page markup, reported elsewhere)
        assert!(!leading_breakout(b"  </body>"));
        assert!(!leading_breakout(b"</details>"));
        assert!(!leading_breakout(b"</div> and text"));
        assert!(leading_breakout(b"-->{}"));
        assert!(leading_breakout(b"-->><b>x</b>"));
        assert!(!leading_breakout(b"-->> Don't buy <<--"));
        assert!(!leading_breakout(b"</komplement>"));
        assert!(!leading_breakout(b"</a"));
        assert!(!leading_breakout(b"a</b>"));
        assert!(closes_unopened_before(b"x--><svg>", 4));
        assert!(closes_unopened_before(b"x]]> <p>", 5));
        assert!(ends_unopened_conditional(b"<![endif]-->", 0));
        assert!(!ends_unopened_conditional(
            b"<!--[if IE]><p>x</p><![endif]-->",
            20
        ));
        assert!(!ends_unopened_conditional(
            b"<p><![if !supportLists]><span>1.</span><![endif]>Item</p>",
            39
        ));
        assert!(!closes_unopened_before(b"File --> Save", 13));
        assert!(!closes_unopened_before(b"<!-- c --><p>x</p>", 10));
        assert!(!closes_unopened_before(b"a[b[c]]>0<b>", 9));
    }
}
