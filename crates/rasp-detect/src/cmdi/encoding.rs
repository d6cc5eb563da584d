//! Values the shell would receive in another spelling: percent- and form-encoding, character
//! references inside percent escapes, JavaScript/JSON `\u` escapes, full-width and Greek
//! look-alikes of separators, and values wrapped in JSON or XML.
//!
//! Separate because none of it judges a command: each function peels one layer and hands
//! the result back to the judge, and the judge never needs to know how a value was spelled.

use super::judge::judge_any;
use super::{ByteSet, AMP, GREEK, PERCENT, PLUS};
use crate::normalize::{backslash_hex_decode, html_entity_decode, percent_decode_deep};

/// Whether `v` holds a full-width `；`, `｜`, `＆`, `＄`, `｀` or `＂`, or a small `﹔`, `﹠` or
/// `﹩`: only those become a separator, an expansion or the end of a quoted argument when
/// the value is normalised (NFKC, or Windows' best-fit conversion of `＂` to `"`, which
/// splits an argument); full-width brackets and letters in CJK prose do not start a command.
pub(super) fn wide_separator(v: &[u8]) -> bool {
    memchr::memchr_iter(0xef, v).any(|p| {
        matches!(
            v.get(p + 1..p + 3),
            Some(
                [0xbc, 0x9b | 0x86 | 0x84 | 0x82]
                    | [0xbd, 0x9c | 0x80]
                    | [0xb9, 0x94 | 0xa0 | 0xa9]
            )
        )
    })
}

/// `;id` written with U+037E GREEK QUESTION MARK: NFKC normalisation (Python's
/// `unicodedata.normalize`, Java's `Normalizer`), which some stacks apply to input before
/// building a command line, turns it into `;`, so the value is judged as the shell gets it.
pub(super) fn greek_semicolon(value: &str, bytes: ByteSet) -> Option<&'static str> {
    if !bytes.any(GREEK) || memchr::memmem::find(value.as_bytes(), "\u{37e}".as_bytes()).is_none() {
        return None;
    }
    judge_any(value.replace('\u{37e}', ";").as_bytes())
}

/// A form-encoded value (`system%28%27curl+https%3A…`, `IF+%25ERRORLEVEL%25+GEQ+2`): `+` and
/// percent escapes, no literal blank. The application's form decoder turns each `+` into a
/// blank before the escapes, so the value is judged as that decoder leaves it (the shell
/// words of a quoted argument or a cmd condition are then separated as the shell sees them).
/// The command-start scan already reads such `+` as blanks; only the checks of a call's
/// argument (`(`) and of cmd's conditions and loops (`%`, `IF`, `FOR`) read the words
/// themselves, so `decoded` (the percent-decoded value) must hold one of those for a second
/// pass to matter.
pub(super) fn form_decoded(value: &str, decoded: &str, bytes: ByteSet) -> Option<&'static str> {
    let d = decoded.as_bytes();
    let cmd_statement = d.len() > 3
        && (d[..3].eq_ignore_ascii_case(b"if+") || d[..4].eq_ignore_ascii_case(b"for+"));
    if !bytes.any(PLUS)
        || value.bytes().any(|b| b == b' ')
        || !(cmd_statement || d.iter().any(|&b| b == b'(' || b == b'%'))
    {
        return None;
    }
    let spaced = value.replace('+', " ");
    let decoded = percent_decode_deep(&spaced);
    judge_any(decoded.as_bytes())
}

/// Whether a `%` is followed by a hex digit, `u`/`U` or another `%`: only then can
/// percent-decoding change the value (`50% off`, `100%` decode to themselves), so the
/// decoder's allocation is skipped for the rest.
pub(super) fn has_escape(v: &[u8]) -> bool {
    memchr::memchr_iter(b'%', v).any(|p| {
        v.get(p + 1)
            .is_some_and(|&c| c.is_ascii_hexdigit() || matches!(c, b'u' | b'U' | b'%'))
    })
}

/// Character references inside a percent-encoded value (`&lt;!--#exec%20cmd=&quot;…`): the
/// two encodings peeled in the order a server and a template apply them.
pub(super) fn layered_encoding(value: &str, bytes: ByteSet) -> Option<&'static str> {
    if !bytes.all(PERCENT | AMP) || !has_escape(value.as_bytes()) || !value.contains(';') {
        return None;
    }
    let decoded = percent_decode_deep(value);
    let twice = html_entity_decode(&decoded);
    (twice != decoded && twice != value)
        .then(|| judge_any(twice.as_bytes()))
        .flatten()
}

/// A value spelled with JavaScript/JSON escapes (`\u003b\u0020id`, `\u0025 0a…`): a JSON
/// decoder or a script unescapes them before the string reaches a shell, so the decoded
/// value is judged (percent escapes it reveals decoded too). `\uHHHH` triggers this, and so
/// does a C/JavaScript byte escape `\xHH` of a shell metacharacter (`127.0.0.1\x3bid`,
/// `a\x7cid`, `x\x0aid`, `\x26\x26`, `\x24(id)`): a string literal's unescaping (JSON
/// tooling, `printf`, `echo -e`, a script's `unescape`) turns it into the separator before
/// the shell reads the line. Other `\x` escapes (`C:\xampp`, `\x41`) spell no separator
/// and are left as the shell reads them; once one separator escape is there, every
/// `\xHH` is decoded (`\x3b\x69\x64` spells `;id`).
pub(super) fn unicode_escaped(value: &str) -> Option<&'static str> {
    let v = value.as_bytes();
    let hex = |h: &[u8]| h.iter().all(u8::is_ascii_hexdigit);
    let escape = memchr::memchr_iter(b'\\', v)
        .take(64)
        .any(|p| match v.get(p + 1) {
            Some(b'u') => v.get(p + 2..p + 6).is_some_and(hex),
            Some(b'x') => v.get(p + 2..p + 4).is_some_and(|h| {
                hex(h)
                    && matches!(
                        u8::from_str_radix(std::str::from_utf8(h).unwrap_or("0"), 16),
                        Ok(b';' | b'|' | b'&' | b'\n' | b'\r' | b'`' | b'$')
                    )
            }),
            _ => false,
        });
    if !escape {
        return None;
    }
    let decoded = backslash_hex_decode(value);
    if decoded == value {
        return None;
    }
    if has_escape(decoded.as_bytes()) {
        let twice = percent_decode_deep(&decoded);
        if twice != decoded {
            return judge_any(twice.as_bytes()).or_else(|| judge_any(decoded.as_bytes()));
        }
    }
    judge_any(decoded.as_bytes())
}

/// An XML document (`<?xml …?><root><a probe="cat /etc/passwd"></a></root>`,
/// `<ip>8.8.8.8&#x0a;id</ip>`): the application reads its attribute values and text nodes,
/// and each of those is a value that can land in a shell, judged as if it came alone
/// (character references decoded, CDATA unwrapped; see [`crate::xml_doc`]).
pub(super) fn xml_document(value: &str) -> Option<&'static str> {
    crate::xml_doc::document_values(value, |text| judge_any(text.as_bytes()))
}

/// A whole value that is a JSON array or object (`["a","b;id"]`, `{"q":["x","y|id"]}`): the
/// application decodes it and hands each string on, so each string value is judged as if it
/// came alone, its escapes decoded (by the walker the SQLi grammar shares,
/// [`crate::json_doc`]). The document's own quotes and commas hide a command from the
/// whole-value scan (`;id"]` reads `id"]` as one quoted word). Keys name fields and are not
/// judged; a string of one character holds no command. Asked only of values no other check
/// flagged.
pub(super) fn json_strings(value: &str) -> Option<&'static str> {
    crate::json_doc::string_values(value, |s| {
        if s.len() < 2 {
            None
        } else {
            judge_any(s.as_bytes())
        }
    })
}
