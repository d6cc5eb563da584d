//! Decoders applied to every inspected value (spec §5): percent-encoding, `\uXXXX` / `\xXX`
//! escapes, anchored base64. Each decoder returns `None` when it changes nothing, so callers
//! add a variant only when it differs. All work is linear in the input and bounded by the
//! caller's depth; invalid input is passed through, never a panic.

use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;

/// Hard cap on variants produced from one value, whatever the depth.
pub const MAX_VARIANTS: usize = 8;

/// Percent-decode (`%41` → `A`); `+` is left alone (form decoding already turned it into a
/// space where it means one). Invalid sequences stay literal; non-UTF-8 results are
/// decoded lossily.
pub fn percent(value: &str) -> Option<String> {
    if !value.as_bytes().contains(&b'%') {
        return None;
    }
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(value).collect();
    let out = String::from_utf8_lossy(&bytes).into_owned();
    (out != value).then_some(out)
}

fn hex_val(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

fn hex_at(bytes: &[u8], at: usize, n: usize) -> Option<u32> {
    let slice = bytes.get(at..at + n)?;
    slice
        .iter()
        .try_fold(0u32, |acc, b| Some(acc * 16 + hex_val(*b)?))
}

/// Unescape `\uXXXX` (with surrogate pairs), `\xXX`, `\n \t \r \b \f \v \0 \\ \' \" \/`.
/// Unknown escapes are kept as written; unlike Python's `unicode_escape` (0.8.2), non-ASCII
/// text is never turned into mojibake.
pub fn unescape(value: &str) -> Option<String> {
    if !value.as_bytes().contains(&b'\\') {
        return None;
    }
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    // Copy runs of plain text at once; only ASCII backslashes are inspected so slicing at
    // `i` is always on a char boundary.
    while i < bytes.len() {
        let Some(off) = memchr::memchr(b'\\', &bytes[i..]) else {
            out.push_str(&value[i..]);
            break;
        };
        out.push_str(&value[i..i + off]);
        i += off;
        let next = bytes.get(i + 1).copied();
        let (ch, used): (Option<char>, usize) = match next {
            Some(b'n') => (Some('\n'), 2),
            Some(b't') => (Some('\t'), 2),
            Some(b'r') => (Some('\r'), 2),
            Some(b'b') => (Some('\u{8}'), 2),
            Some(b'f') => (Some('\u{c}'), 2),
            Some(b'v') => (Some('\u{b}'), 2),
            Some(b'0') => (Some('\0'), 2),
            Some(b'\\') => (Some('\\'), 2),
            Some(b'\'') => (Some('\''), 2),
            Some(b'"') => (Some('"'), 2),
            Some(b'/') => (Some('/'), 2),
            Some(b'x') => match hex_at(bytes, i + 2, 2) {
                Some(v) => (char::from_u32(v), 4),
                None => (None, 0),
            },
            Some(b'u') => match hex_at(bytes, i + 2, 4) {
                Some(hi @ 0xD800..=0xDBFF) => {
                    // Surrogate pair `\uD83D\uDE00`.
                    let lo = (bytes.get(i + 6) == Some(&b'\\') && bytes.get(i + 7) == Some(&b'u'))
                        .then(|| hex_at(bytes, i + 8, 4))
                        .flatten();
                    match lo {
                        Some(lo @ 0xDC00..=0xDFFF) => (
                            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)),
                            12,
                        ),
                        _ => (Some('\u{FFFD}'), 6),
                    }
                }
                Some(v) => (Some(char::from_u32(v).unwrap_or('\u{FFFD}')), 6),
                None => (None, 0),
            },
            _ => (None, 0),
        };
        match ch {
            Some(c) if used > 0 => {
                out.push(c);
                i += used;
            }
            _ => {
                out.push('\\');
                i += 1;
            }
        }
    }
    (out != value).then_some(out)
}

fn is_b64_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_')
}

/// Decode `value` when the **whole** value is base64 (standard or URL-safe alphabet, 0.8.3+
/// anchored semantics) and the result is printable UTF-8 text. Short words and values whose
/// decoding is binary (PyRASP turned `AAAA` into `\0\0\0`, B20) are left alone.
pub fn base64(value: &str) -> Option<String> {
    let v = value.trim_end_matches('=');
    let pad = value.len() - v.len();
    if v.len() < 8 || pad > 2 || !v.bytes().all(is_b64_char) {
        return None;
    }
    // Reject plain words: real base64 of text mixes cases/digits; a lower-case-only word
    // of letters is far more likely to be a word.
    if v.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let url_safe = v.bytes().any(|b| matches!(b, b'-' | b'_'));
    let decoded = if url_safe {
        URL_SAFE_NO_PAD
            .decode(v)
            .or_else(|_| URL_SAFE.decode(value))
            .ok()?
    } else {
        if !(value.len().is_multiple_of(4) || pad == 0) {
            return None;
        }
        let mut padded = v.to_string();
        while !padded.len().is_multiple_of(4) {
            padded.push('=');
        }
        STANDARD.decode(padded).ok()?
    };
    let text = String::from_utf8(decoded).ok()?;
    if text.is_empty()
        || text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return None;
    }
    Some(text)
}

/// Options for [`variants`].
#[derive(Clone, Copy, Debug)]
pub struct DecodeOptions {
    /// Rounds of decoding applied to decoded text (double encoding, base64 of escapes…).
    pub depth: usize,
    /// Percent-decoding.
    pub percent: bool,
    /// `\uXXXX` / `\xXX` / C escapes.
    pub unescape: bool,
    /// Anchored base64.
    pub base64: bool,
}

/// Whether [`base64`] could accept `v` (cheap pre-check, no decoding).
fn base64_candidate(v: &str) -> bool {
    let core = v.trim_end_matches('=');
    core.len() >= 8
        && core.len() % 4 != 1
        && core.bytes().all(is_b64_char)
        && !core.bytes().all(|b| b.is_ascii_lowercase())
}

/// Whether any decoder enabled in `opts` could change `v` (cheap scan, no allocation).
pub fn decodable(v: &str, opts: DecodeOptions) -> bool {
    let b = v.as_bytes();
    (opts.percent && b.contains(&b'%'))
        || (opts.unescape && b.contains(&b'\\'))
        || (opts.base64 && base64_candidate(v))
}

/// The value and every distinct decoding of it, original first, at most [`MAX_VARIANTS`].
pub fn variants(value: &str, opts: DecodeOptions) -> Vec<String> {
    // Most values decode to nothing: answer without the worklist.
    if opts.depth == 0 || !decodable(value, opts) {
        return vec![value.to_string()];
    }
    let mut out = vec![value.to_string()];
    let mut frontier = 0;
    for _round in 0..opts.depth {
        let end = out.len();
        if frontier == end {
            break;
        }
        for i in frontier..end {
            let v = &out[i];
            if !decodable(v, opts) {
                continue;
            }
            let produced = [
                opts.percent.then(|| percent(v)).flatten(),
                opts.unescape.then(|| unescape(v)).flatten(),
                (opts.base64 && base64_candidate(v))
                    .then(|| base64(v))
                    .flatten(),
            ];
            for p in produced.into_iter().flatten() {
                if out.len() >= MAX_VARIANTS {
                    return out;
                }
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        frontier = end;
    }
    out
}

/// Apply percent-decoding and unescaping until nothing changes or `depth` rounds ran.
/// Returns the text and whether a fixed point was reached.
pub fn normalize(value: &str, depth: usize) -> (String, bool) {
    let mut cur = value.to_string();
    for _ in 0..depth {
        let mut changed = false;
        if let Some(p) = percent(&cur) {
            cur = p;
            changed = true;
        }
        if let Some(u) = unescape(&cur) {
            cur = u;
            changed = true;
        }
        if !changed {
            return (cur, true);
        }
    }
    let fixed = percent(&cur).is_none() && unescape(&cur).is_none();
    (cur, fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: DecodeOptions = DecodeOptions {
        depth: 4,
        percent: true,
        unescape: true,
        base64: true,
    };

    #[test]
    fn percent_and_escapes() {
        assert_eq!(percent("%3Cscript%3E").as_deref(), Some("<script>"));
        assert_eq!(percent("plain"), None);
        assert_eq!(percent("100%"), None);
        assert_eq!(percent("%ff").as_deref(), Some("\u{FFFD}"));
        assert_eq!(unescape(r"\x3cimg\u003e").as_deref(), Some("<img>"));
        assert_eq!(unescape(r"\uD83D\uDE00").as_deref(), Some("😀"));
        assert_eq!(unescape(r"a\qb"), None, "unknown escapes kept");
        assert_eq!(
            unescape(r"café\n").as_deref(),
            Some("café\n"),
            "no mojibake"
        );
        assert_eq!(unescape(r"\u12"), None);
        assert_eq!(unescape("\\"), None);
    }

    #[test]
    fn base64_is_anchored_and_validated() {
        // base64("<script>alert(1)</script>")
        assert_eq!(
            base64("PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==").as_deref(),
            Some("<script>alert(1)</script>")
        );
        assert_eq!(
            base64("hello world this is QUJDRA== test"),
            None,
            "unanchored in 0.8.2"
        );
        assert_eq!(base64("AAAAAAAA"), None, "binary result");
        assert_eq!(base64("password"), None, "plain word");
        assert_eq!(base64("J09SIDE9MS0t").as_deref(), Some("'OR 1=1--"));
        // URL-safe alphabet without padding.
        assert_eq!(base64("Pz8_Pz8_").as_deref(), Some("??????"));
    }

    #[test]
    fn variants_chain_decodings() {
        // Double percent-encoding.
        let v = variants("%253Cimg%253E", ALL);
        assert!(v.contains(&"<img>".to_string()), "{v:?}");
        // base64 of a percent-encoded payload.
        let v = variants("JTNDc2NyaXB0JTNF", ALL); // base64("%3Cscript%3E")
        assert!(v.contains(&"<script>".to_string()), "{v:?}");
        assert_eq!(variants("plain", ALL), vec!["plain".to_string()]);
        let none = DecodeOptions { depth: 0, ..ALL };
        assert_eq!(variants("%41", none).len(), 1);
    }

    #[test]
    fn normalize_reaches_fixed_point() {
        assert_eq!(normalize("%2541", 4), ("A".to_string(), true));
        assert_eq!(normalize("abc", 4), ("abc".to_string(), true));
    }
}
