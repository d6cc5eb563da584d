//! Syntax-error probes: values built to *break* a query's syntax rather than to extend it.
//!
//! Policy (lead's decision, round 33): scanners (sqlmap's heuristic check, Burp's active
//! scan, manual testers) open every parameter with a value whose only purpose is to make
//! the application's query fail to parse — `')`, `1'"`, `admin'))`, sqlmap's random
//! `1"(.,,'),..` — and read the error page or the changed response. Such a value forms no
//! SQL of its own, so the grammar (which asks for a break-out *and* a valid continuation)
//! stays quiet; but it is the first step of an attack, every blind round counts it as SQL
//! injection, and no ordinary field value has its shape. So it is flagged here, with its
//! own reason (`syntax-probe`) so that consumers can tell a probe from a working payload.
//!
//! One quote character alone (`'`, `"`, also when it arrives encoded as `%27`) stays quiet:
//! it is the commonest probe, but blind benign testers send it as an ordinary query value
//! too (a stray keystroke, a ditto mark), and it cannot be told from those. Two characters
//! that only a probe puts together (`'"`, `')`, `\'`) can.
//!
//! The construct, on the value trimmed of blanks:
//! - **only punctuation**, two characters or more, holding an unbalanced quote (`\'`,
//!   `'"`, `'))`, `"--`) or a
//!   closing quote followed by SQL punctuation (`'');`, `('')`); a balanced `''` / `""`,
//!   `"..."`, emoticons with a tear (`:'(`) and ASCII art (other punctuation, runs of
//!   blanks: `| .' ",  __ __`) stay quiet.
//! - **one plain token** (digits or one word: a field's ordinary value) followed by a suffix
//!   of two or more SQL-breaking characters (`' " ( ) , . ; \ # -` and NUL) that holds a
//!   quote: `1'"`, `1')`, `admin'))`, `1'";`, `1))."(..(,'`, `admin'` + NUL (a NUL ends
//!   the string in C-based drivers, truncating the query). A suffix that is one quote and
//!   sentence punctuation (`1'`, `Jones'`, `Jones'.`, `12".`) is a foot, an inch or a
//!   possessive and stays quiet; so do `5'11"`, `O'Brien`, `it's` (letters after the quote).
//!
//! Cost: only values of at most [`MAX_PROBE_LEN`] bytes with a quote byte reach the scan.

/// The longest value read as a probe: scanners' probes are a token and a few characters.
pub(super) const MAX_PROBE_LEN: usize = 40;

/// The longest plain token before a probe's suffix.
const MAX_TOKEN_LEN: usize = 24;

/// The characters of a probe's suffix: each ends or unbalances a literal, a group or a
/// list, ends a statement or opens a comment.
fn breaking(c: u8) -> bool {
    matches!(
        c,
        b'\'' | b'"' | b'(' | b')' | b',' | b'.' | b';' | b'\\' | b'#' | b'-' | 0
    )
}

/// Whether `value` is a syntax-error probe (see the module's comment). The caller has seen
/// a quote byte (or decoded one) and checked the length.
pub(super) fn syntax_probe(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.is_empty() || b.len() > MAX_PROBE_LEN {
        return false;
    }
    let token = b
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
        .unwrap_or(b.len());
    if token == 0 {
        return punctuation_probe(b);
    }
    let suffix = &b[token..];
    token <= MAX_TOKEN_LEN && suffix_probe(suffix)
}

/// A value of punctuation only (see [`syntax_probe`]).
fn punctuation_probe(b: &[u8]) -> bool {
    // one quote alone: a probe or a stray keystroke (see the module's comment)
    if b.len() < 2 {
        return false;
    }
    // Only the punctuation SQL reads (quotes, brackets, separators, comment and operator
    // bytes), single-spaced: ASCII art and path fragments (`| .' ",  __ __`, `"///`,
    // `/__  \ ------'`) draw with `/ | _ ~ { } < >` and runs of blanks.
    if !b.iter().all(|&c| PROBE_PUNCTUATION[usize::from(c)])
        || memchr::memmem::find(b, b"  ").is_some()
    {
        return false;
    }
    let (mut single, mut double) = (0usize, 0usize);
    let mut closed_then_punct = false;
    for (k, &c) in b.iter().enumerate() {
        if c != b'\'' && c != b'"' {
            continue;
        }
        // `:'(`, `;'-)`, `='(`: an emoticon's tear, not a literal's quote
        if k > 0 && matches!(b[k - 1], b':' | b';' | b'=') && c == b'\'' {
            return false;
        }
        let n = if c == b'\'' { &mut single } else { &mut double };
        *n += 1;
        // a quote that closes a literal (its second, fourth… of its kind) followed by what
        // ends the application's group or statement or opens a comment: `'')`, `"";`, `''--`
        if *n % 2 == 0 {
            let after = &b[k + 1..];
            closed_then_punct |= matches!(after.first(), Some(b')' | b';' | b'#' | b'\\' | 0))
                || after.starts_with(b"--");
        }
    }
    (single + double > 0) && (single % 2 == 1 || double % 2 == 1 || closed_then_punct)
}

/// The bytes of a punctuation-only probe.
static PROBE_PUNCTUATION: [bool; 256] = crate::byte_set(b"'\"()`,.;\\#-!?=^%+* \0");

/// A plain token's suffix (see [`syntax_probe`]).
fn suffix_probe(s: &[u8]) -> bool {
    if s.len() < 2 || !s.iter().all(|&c| breaking(c)) {
        return false;
    }
    let quotes = s.iter().filter(|&&c| c == b'\'' || c == b'"').count();
    if quotes == 0 {
        return false;
    }
    // one quote and sentence punctuation only: `Jones'.`, `12",` (a possessive, an inch)
    quotes > 1 || s.iter().any(|&c| !matches!(c, b'\'' | b'"' | b'.' | b','))
}
