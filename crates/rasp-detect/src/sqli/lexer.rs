//! A tolerant SQL tokenizer covering the lexical syntax of MySQL, PostgreSQL, MSSQL, Oracle
//! and SQLite.
//!
//! It never fails: every byte ends up in some token, unknown bytes become [`Kind::Other`].
//! Work is linear in the input and the token count is capped ([`MAX_TOKENS`]), so a hostile
//! value costs at most one pass over its bytes.

use super::keywords::{classify, classify_bytes, Kw, KEYWORDS};

/// Upper bound on tokens produced for one value and context; the decision only needs the
/// structure near the break-out point, and the cap bounds memory and time on huge values.
pub const MAX_TOKENS: usize = 384;

/// Where the tokenizer starts: the application's literal the value is placed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// Bare: numeric value, identifier, ORDER BY / LIMIT argument, IN list.
    Bare,
    /// Inside a string literal opened by this quote byte (`'` or `"`).
    InQuote(u8),
}

/// Token kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string literal closed inside the value.
    Str,
    /// A string literal still open at the end of the value (the application's closing quote
    /// ends it).
    OpenStr,
    /// Numeric literal (decimal, float, scientific, hex `0x..`, binary `0b..`).
    Num,
    /// Identifier or word that is not a keyword (also `` `quoted` `` and `[bracketed]`).
    Word,
    /// A keyword.
    Kw(Kw),
    /// `@var`, `@@system_var`, `?`, `:name`.
    Var,
    /// Binary/comparison/arithmetic operator.
    Op,
    /// `=` `<` `>` `<=` `>=` `<>` `!=` `<=>` (kept apart because comparisons are what turn a
    /// break-out into a boolean test).
    Cmp,
    /// `&&` and `||`.
    LogicOp,
    /// Unary-only operator: `!`, `~`.
    Unary,
    LParen,
    RParen,
    Comma,
    Semi,
    Dot,
    /// `--`, `#`, `/* */` comment (MySQL `/*! */` executable comments are not comments).
    Comment,
    /// Anything else.
    Other,
}

/// One token with its byte span in the tokenized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
}

/// Identifier bytes: ASCII letters, digits, `_`, `$`, and every non-ASCII byte.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80;
        b += 1;
    }
    t
};

/// The bytes that start an ASCII word: letters and `_`.
static WORD_START: [bool; 256] =
    crate::byte_set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_");

pub(super) fn is_word_byte(b: u8) -> bool {
    WORD_BYTE[usize::from(b)]
}

/// Word bytes, stopping before a Unicode blank or U+FFFD (see the main loop).
fn word_continues(b: &[u8], j: usize) -> bool {
    let c = b[j];
    if c < 0x80 {
        return WORD_BYTE[usize::from(c)];
    }
    unicode_blank(b, j) == 0
        && !(c == 0xef && b.get(j + 1) == Some(&0xbf) && b.get(j + 2) == Some(&0xbd))
}

/// The length of the blank spelled at `j` that the lexer skips like a space, or 0: NBSP,
/// NEL (U+0085) and the line and paragraph separators U+2028 / U+2029. MySQL's lenient
/// charsets read 0xA0 as a blank, and layers between the client and the query (a JS
/// `\s` replace, Java's and .NET's line readers, NFKC pipelines) turn NEL and the
/// separators into spaces or newlines, so `1\u{2028}OR\u{2028}1=1` reaches SQL as
/// `1 OR 1=1`. (The other Unicode spaces are folded by [`crate::normalize::fold_to_ascii`].)
#[inline(always)]
pub(super) fn unicode_blank(b: &[u8], j: usize) -> usize {
    match (b[j], b.get(j + 1), b.get(j + 2)) {
        (0xc2, Some(0xa0 | 0x85), _) => 2,
        (0xe2, Some(0x80), Some(0xa8 | 0xa9)) => 3,
        _ => 0,
    }
}

/// SQL whitespace, including the control characters MySQL and MSSQL skip (`\x0b`, `\x0c`,
/// `\xa0` is handled as a word byte because it is part of UTF-8 sequences).
pub(super) fn is_space(b: u8) -> bool {
    SPACE_BYTE[usize::from(b)]
}

/// The bytes of [`is_space`], as a table for the space runs skipped after words.
static SPACE_BYTE: [bool; 256] = crate::byte_set(b" \t\n\r\x0b\x0c\0");

/// Token kinds at which a shape of [`super::anywhere`] may begin on their own (a word or
/// keyword before `(` and the `::` operator are marked where they are lexed).
pub(super) fn opens_shape(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Semi | Kind::Kw(Kw::Union | Kw::Into | Kw::Case | Kw::Waitfor | Kw::Select)
    )
}

/// The high bit of every byte of `v` (eight bytes, little-endian) that is an ASCII letter.
/// Lower-casing with `| 0x20` and clearing the high bit leave each byte at most 0x7f, so the
/// two additions test `>= b'a'` and `> b'z'` in every byte's high bit without carries.
pub(super) fn letter_mask(v: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    let x = (v | 0x2020_2020_2020_2020) & !HI;
    let at_least_a = x.wrapping_add(0x1f1f_1f1f_1f1f_1f1f);
    let beyond_z = x.wrapping_add(0x0505_0505_0505_0505);
    at_least_a & !beyond_z & !v & HI
}

/// The end of the word whose bytes continue at `j`: the first byte where [`word_continues`]
/// fails. Runs of ASCII letters (always word bytes) are passed eight at a time; the bytes
/// after them one table lookup each.
#[inline(always)]
pub(super) fn word_end(b: &[u8], mut j: usize) -> usize {
    while let Some(chunk) = b.get(j..j + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let not_letters = !letter_mask(u64::from_le_bytes(chunk)) & 0x8080_8080_8080_8080;
        if not_letters != 0 {
            j += (not_letters.trailing_zeros() / 8) as usize;
            break;
        }
        j += 8;
    }
    while let Some(&c) = b.get(j) {
        if WORD_BYTE[usize::from(c)] && (c < 0x80 || word_continues(b, j)) {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// The end of the run of ASCII letters that continues at `j`, passed eight bytes at a time.
#[inline(always)]
pub(super) fn letters_end(b: &[u8], mut j: usize) -> usize {
    while let Some(chunk) = b.get(j..j + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let not_letters = !letter_mask(u64::from_le_bytes(chunk)) & 0x8080_8080_8080_8080;
        if not_letters != 0 {
            return j + (not_letters.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while b.get(j).is_some_and(u8::is_ascii_alphabetic) {
        j += 1;
    }
    j
}

/// The first non-space byte at or after `i`.
#[inline(always)]
fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| is_space(c)) {
        i += 1;
    }
    i
}

/// The token of a word starting at `i`: a keyword, an identifier, or a prefixed string
/// literal (`N'..'`, `X'..'`, `B'..'`, `E'..'`, `_utf8'..'`). Returns its kind and end.
#[inline(always)]
fn word_token(s: &str, i: usize, backslash_escapes: bool) -> (Kind, usize) {
    let b = s.as_bytes();
    let j = word_end(b, i);
    let word = &b[i..j];
    if b.get(j) == Some(&b'\'') && is_string_prefix(word) {
        let (end, closed) = scan_string(b, j + 1, b'\'', backslash_escapes);
        let kind = if closed { Kind::Str } else { Kind::OpenStr };
        return (kind, end);
    }
    let kind = match keyword_bytes(word) {
        Some(kw) => Kind::Kw(kw),
        None => Kind::Word,
    };
    (kind, j)
}

/// Tokenize `s` starting in `start`, appending to `out` (cleared first). With
/// `backslash_escapes` a backslash escapes the next byte inside strings (MySQL); without, it
/// is an ordinary byte (standard SQL, and what `\'` payloads aim at when an application
/// escapes quotes with a backslash).
///
/// Returns whether a comment token was lexed (before `UN/**/ION` merging removes any): a
/// value without one skips the passes that look for comments.
///
/// `starts` receives, in order, the index of every token at which a context-free shape of
/// [`super::anywhere`] can begin: `UNION`, `INTO`, `CASE`, `WAITFOR`, `SELECT`, `;`, `::`, and
/// a word or keyword followed by `(`. It is exact only without comments (merging `UN/**/ION`
/// and dropping comments renumber the tokens): callers use it only when this returns false.
#[inline(never)]
pub fn tokenize(
    s: &str,
    start: Start,
    backslash_escapes: bool,
    out: &mut Vec<Token>,
    starts: &mut Vec<u32>,
) -> bool {
    out.clear();
    starts.clear();
    let mut comments = false;
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0usize;
    // Inside a MySQL executable comment `/*! ... */`: its body is code and its `*/` is space.
    let mut in_exec_comment = false;
    // Only a `/* */` comment can glue two words into a keyword (`UN/**/ION`).
    let mut block_comments = false;

    if let Start::InQuote(q) = start {
        let (end, closed) = scan_string(b, 0, q, backslash_escapes);
        out.push(Token {
            kind: if closed { Kind::Str } else { Kind::OpenStr },
            start: 0,
            end: end as u32,
        });
        i = end;
    }

    while let Some(&c) = b.get(i) {
        if out.len() >= MAX_TOKENS {
            break;
        }
        let st = i;
        // Words are most tokens: one table lookup sends them to their path before the
        // dispatch on the byte.
        if WORD_START[usize::from(c)] {
            let (kind, end) = word_token(s, i, backslash_escapes);
            // only keywords open shapes: most words leave after one test
            if matches!(kind, Kind::Kw(_)) && opens_shape(kind) {
                starts.push(out.len() as u32);
            }
            out.push(Token {
                kind,
                start: i as u32,
                end: end as u32,
            });
            // the spaces after a word, without another dispatch
            i = skip_spaces(b, end);
            continue;
        }
        let kind = match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0 => {
                i = skip_spaces(b, i + 1);
                continue;
            }
            // NBSP and U+FFFD (an undecodable byte) separate tokens like spaces in MySQL's
            // lenient charsets: `1\u{a0}UNION\u{a0}SELECT`; NEL and U+2028 / U+2029 as the
            // layers before SQL read them (see [`unicode_blank`]).
            0xc2 | 0xe2 if unicode_blank(b, i) != 0 => {
                i += unicode_blank(b, i);
                continue;
            }
            0xef if b.get(i + 1) == Some(&0xbf) && b.get(i + 2) == Some(&0xbd) => {
                i += 3;
                continue;
            }
            b'\'' | b'"' => {
                let (end, closed) = scan_string(b, i + 1, c, backslash_escapes);
                i = end;
                if closed {
                    Kind::Str
                } else {
                    Kind::OpenStr
                }
            }
            b'`' => {
                i = scan_until(b, i + 1, b'`');
                Kind::Word
            }
            b'[' => {
                // MSSQL bracketed identifier; a lone `[` without `]` soon is just punctuation.
                let close = b[i + 1..].iter().take(128).position(|&x| x == b']');
                match close {
                    Some(p) => {
                        i += p + 2;
                        Kind::Word
                    }
                    None => {
                        i += 1;
                        Kind::Other
                    }
                }
            }
            b'0'..=b'9' => {
                i = number_end(s, i);
                Kind::Num
            }
            b'.' if i + 1 < n && b[i + 1].is_ascii_digit() => {
                i = scan_number(b, i);
                Kind::Num
            }
            b'.' => {
                i += 1;
                Kind::Dot
            }
            b'(' => {
                // a call: the word before the `(`, unless already marked as a keyword
                let before = out.len().wrapping_sub(1);
                if matches!(out.last(), Some(t) if matches!(t.kind, Kind::Word | Kind::Kw(_)))
                    && starts.last() != Some(&(before as u32))
                {
                    starts.push(before as u32);
                }
                i += 1;
                Kind::LParen
            }
            b')' => {
                i += 1;
                Kind::RParen
            }
            b',' => {
                i += 1;
                Kind::Comma
            }
            b';' => {
                starts.push(out.len() as u32);
                i += 1;
                Kind::Semi
            }
            // PostgreSQL JSON path operators `#>` / `#>>` (before a literal), else a comment
            b'#' if b.get(i + 1) == Some(&b'>') && next_is_literal(b, i + 2) => {
                i += 2;
                if b.get(i) == Some(&b'>') {
                    i += 1;
                }
                Kind::Cmp
            }
            b'#' => {
                i = scan_line(b, i);
                Kind::Comment
            }
            // PostgreSQL JSON operators `->`, `->>`
            b'-' if b.get(i + 1) == Some(&b'>') => {
                i += 2;
                if b.get(i) == Some(&b'>') {
                    i += 1;
                }
                Kind::Cmp
            }
            b'-' if i + 1 < n && b[i + 1] == b'-' => {
                i = scan_line(b, i);
                Kind::Comment
            }
            b'/' if i + 1 < n && b[i + 1] == b'*' => {
                if i + 2 < n && b[i + 2] == b'!' {
                    // `/*!50000 select */`: MySQL runs the body; skip the marker and version.
                    i += 3;
                    while i < n && b[i].is_ascii_digit() && i - st < 9 {
                        i += 1;
                    }
                    in_exec_comment = true;
                    continue;
                }
                i = match find2(b, i + 2, b'*', b'/') {
                    Some(p) => p + 2,
                    None => n,
                };
                block_comments = true;
                Kind::Comment
            }
            b'*' if in_exec_comment && i + 1 < n && b[i + 1] == b'/' => {
                in_exec_comment = false;
                i += 2;
                continue;
            }
            // PostgreSQL containment `@>`
            b'@' if b.get(i + 1) == Some(&b'>') => {
                i += 2;
                Kind::Cmp
            }
            b'@' => {
                i += 1;
                if i < n && b[i] == b'@' {
                    i += 1;
                }
                if i < n && (b[i] == b'\'' || b[i] == b'"' || b[i] == b'`') {
                    let q = b[i];
                    i = scan_string(b, i + 1, q, backslash_escapes).0;
                } else {
                    while i < n && (is_word_byte(b[i]) || b[i] == b'.') {
                        i += 1;
                    }
                }
                Kind::Var
            }
            b'\\' if i + 1 < n && b[i + 1] == b'N' => {
                // MySQL's `\N` is NULL
                i += 2;
                Kind::Kw(Kw::Literal)
            }
            // PostgreSQL JSON key operators `?|`, `?&`
            b'?' if matches!(b.get(i + 1), Some(b'|' | b'&')) => {
                i += 2;
                Kind::Cmp
            }
            b'?' => {
                i += 1;
                Kind::Var
            }
            b'$' => {
                // PostgreSQL `$1` parameter or `$tag$ ... $tag$` dollar-quoted string.
                let mut j = i + 1;
                while j < n && j - i < 32 && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                if j < n && b[j] == b'$' {
                    let tag = &b[i..=j];
                    match find_slice(&b[j + 1..], tag) {
                        Some(p) => {
                            i = j + 1 + p + tag.len();
                            Kind::Str
                        }
                        None => {
                            i = n;
                            Kind::OpenStr
                        }
                    }
                } else if j > i + 1 && b[i + 1..j].iter().all(u8::is_ascii_digit) {
                    // PostgreSQL's `$1` is a placeholder the application binds, never what a
                    // value injects; read as a number it keeps `$10 or $20` (a price) a
                    // comparison of constants instead of variables
                    i = j;
                    Kind::Num
                } else {
                    i = j.max(i + 1);
                    Kind::Word
                }
            }
            b':' => {
                if i + 1 < n && b[i + 1] == b':' {
                    starts.push(out.len() as u32);
                    i += 2;
                    Kind::Op
                } else if i + 1 < n && b[i + 1] == b'=' {
                    i += 2;
                    Kind::Cmp
                } else if i + 1 < n && b[i + 1].is_ascii_alphabetic() {
                    i += 1;
                    while i < n && is_word_byte(b[i]) {
                        i += 1;
                    }
                    Kind::Var
                } else {
                    i += 1;
                    Kind::Other
                }
            }
            b'=' => {
                i += 1;
                if i < n && b[i] == b'=' {
                    i += 1;
                }
                Kind::Cmp
            }
            // PostgreSQL containment `<@`
            b'<' if b.get(i + 1) == Some(&b'@') => {
                i += 2;
                Kind::Cmp
            }
            b'<' => {
                i += 1;
                if i < n && (b[i] == b'=' || b[i] == b'>') {
                    i += 1;
                    if i < n && b[i] == b'>' {
                        i += 1;
                    }
                    Kind::Cmp
                } else if i < n && b[i] == b'<' {
                    i += 1;
                    Kind::Op
                } else {
                    Kind::Cmp
                }
            }
            b'>' => {
                i += 1;
                if i < n && b[i] == b'=' {
                    i += 1;
                    Kind::Cmp
                } else if i < n && b[i] == b'>' {
                    i += 1;
                    Kind::Op
                } else {
                    Kind::Cmp
                }
            }
            b'!' => {
                i += 1;
                if i < n && (b[i] == b'=' || b[i] == b'<' || b[i] == b'>') {
                    i += 1;
                    Kind::Cmp
                } else {
                    Kind::Unary
                }
            }
            b'~' => {
                i += 1;
                if i < n && b[i] == b'*' {
                    i += 1;
                    Kind::Cmp
                } else {
                    Kind::Unary
                }
            }
            b'|' => {
                i += 1;
                if i < n && b[i] == b'|' {
                    i += 1;
                    Kind::LogicOp
                } else {
                    Kind::Op
                }
            }
            b'&' => {
                i += 1;
                if i < n && b[i] == b'&' {
                    i += 1;
                    Kind::LogicOp
                } else {
                    Kind::Op
                }
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'^' => {
                i += 1;
                Kind::Op
            }
            // a word starting with a non-ASCII byte (ASCII letters took the short path)
            _ if is_word_byte(c) => {
                let (kind, end) = word_token(s, i, backslash_escapes);
                if opens_shape(kind) {
                    starts.push(out.len() as u32);
                }
                i = end;
                kind
            }
            _ => {
                i += 1;
                Kind::Other
            }
        };
        comments |= kind == Kind::Comment;
        out.push(Token {
            kind,
            start: st as u32,
            end: i as u32,
        });
    }
    if block_comments {
        merge_split_keywords(s, out);
    }
    comments
}

/// The shapes of the keywords: `KW_SHAPE[len][first & 31]` has bit `last & 31` set for
/// every keyword of `len` bytes with that first and last byte. The low five bits of an ASCII
/// letter are the same in either case, so a word whose shape is absent is no keyword
/// whatever its case; prose words mostly leave here without being hashed.
static KW_SHAPE: [[u32; 32]; 17] = {
    let mut t = [[0u32; 32]; 17];
    let mut k = 0;
    while k < KEYWORDS.len() {
        let w = KEYWORDS[k].0;
        if w.len() < t.len() && !w.is_empty() {
            t[w.len()][(w[0] & 31) as usize] |= 1 << (w[w.len() - 1] & 31);
        }
        k += 1;
    }
    t
};

/// The second bytes of the keywords: `KW_SECOND[len][first & 31]` has bit `second & 31` set
/// for every keyword of `len` bytes with that first and second byte. A second test after
/// [`KW_SHAPE`]: prose and markup words that share a keyword's length, first and last letter
/// (`class`, `code`, `type`) rarely share its second letter too, and leave unhashed.
static KW_SECOND: [[u32; 32]; 17] = {
    let mut t = [[0u32; 32]; 17];
    let mut k = 0;
    while k < KEYWORDS.len() {
        let w = KEYWORDS[k].0;
        if w.len() < t.len() && w.len() >= 2 {
            t[w.len()][(w[0] & 31) as usize] |= 1 << (w[1] & 31);
        }
        k += 1;
    }
    t
};

/// [`classify`], after the [`KW_SHAPE`] and [`KW_SECOND`] tests that rule out most words
/// cheaply.
pub(super) fn keyword(word: &str) -> Option<Kw> {
    keyword_bytes(word.as_bytes())
}

/// [`keyword`] of a word's bytes (the lexer's words end at character boundaries, and every
/// keyword is ASCII).
#[inline(always)]
pub(super) fn keyword_bytes(b: &[u8]) -> Option<Kw> {
    let (&first, &last) = (b.first()?, b.last()?);
    let shapes = KW_SHAPE.get(b.len())?[usize::from(first & 31)];
    if shapes & (1 << (last & 31)) == 0 {
        return None;
    }
    // (a one-byte word is no keyword: [`classify_bytes`] reads two bytes or more)
    let second = *b.get(1)?;
    if KW_SECOND[b.len()][usize::from(first & 31)] & (1 << (second & 31)) == 0 {
        return None;
    }
    classify_bytes(b)
}

/// Oracle's binary float / double literals end in `f` / `d` (`1f`, `2.5D`), so Oracle reads
/// `1fUNION` as `1f UNION`: filters that expect a space before the keyword miss it. The
/// suffix belongs to the number only when a set operator follows at once (an ordinary
/// token such as `3dfx` or `1day` stays one word).
fn float_suffix(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    if !matches!(b.get(i), Some(b'f' | b'F' | b'd' | b'D')) {
        return i;
    }
    let end = (i + 1..b.len())
        .find(|&j| !is_word_byte(b[j]))
        .unwrap_or(b.len());
    match s.get(i + 1..end).and_then(classify) {
        Some(Kw::Union) => i + 1,
        _ => i,
    }
}

fn next_is_literal(b: &[u8], mut i: usize) -> bool {
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    matches!(b.get(i), Some(b'\'' | b'"'))
}

pub(super) fn is_string_prefix(w: &[u8]) -> bool {
    matches!(
        w,
        [b'n' | b'N' | b'x' | b'X' | b'b' | b'B' | b'e' | b'E' | b'q' | b'Q']
    ) || (w.first() == Some(&b'_') && w.len() <= 10)
}

/// Scan a quoted string body starting at `i` (just after the opening quote). A doubled quote
/// is an escaped quote (standard SQL); a backslash escapes the next byte (MySQL). Returns the
/// index after the closing quote and whether it was closed.
pub(super) fn scan_string(b: &[u8], mut i: usize, q: u8, backslash_escapes: bool) -> (usize, bool) {
    let n = b.len();
    if n.saturating_sub(i) < SHORT {
        // a few bytes: a byte loop costs less than memchr's setup
        return scan_string_bytewise(b, i, q, backslash_escapes);
    }
    while i < n {
        // Only the quote and (with escapes) the backslash matter: jump to the next one.
        let next = if backslash_escapes {
            memchr::memchr2(q, b'\\', &b[i..])
        } else {
            memchr::memchr(q, &b[i..])
        };
        let Some(off) = next else {
            return (n, false);
        };
        i += off;
        if b[i] == b'\\' && backslash_escapes {
            i += 2;
            continue;
        }
        if i + 1 < n && b[i + 1] == q {
            i += 2;
            continue;
        }
        return (i + 1, true);
    }
    (n, false)
}

/// Below this many bytes a plain byte loop finds a byte with fewer instructions than a
/// memchr call (whose fixed setup cost dominates on short inputs).
const SHORT: usize = 16;

/// The byte-by-byte definition [`scan_string`] must agree with, and its path for short
/// remainders.
fn scan_string_bytewise(b: &[u8], mut i: usize, q: u8, backslash_escapes: bool) -> (usize, bool) {
    let n = b.len();
    while i < n {
        let c = b[i];
        if c == b'\\' && backslash_escapes {
            i += 2;
            continue;
        }
        if c == q {
            if i + 1 < n && b[i + 1] == q {
                i += 2;
                continue;
            }
            return (i + 1, true);
        }
        i += 1;
    }
    (n, false)
}

fn scan_until(b: &[u8], i: usize, q: u8) -> usize {
    match find_byte(q, &b[i.min(b.len())..]) {
        Some(p) => i + p + 1,
        None => b.len(),
    }
}

/// The first `x` in `hay`: a byte loop on short input, memchr on longer.
fn find_byte(x: u8, hay: &[u8]) -> Option<usize> {
    if hay.len() < SHORT {
        hay.iter().position(|&c| c == x)
    } else {
        memchr::memchr(x, hay)
    }
}

pub(super) fn scan_line(b: &[u8], i: usize) -> usize {
    match find_byte(b'\n', &b[i..]) {
        Some(p) => i + p,
        None => b.len(),
    }
}

fn find2(b: &[u8], from: usize, x: u8, y: u8) -> Option<usize> {
    let mut i = from;
    while i + 1 < b.len() {
        let p = memchr::memchr(x, &b[i..b.len() - 1])?;
        if b[i + p + 1] == y {
            return Some(i + p);
        }
        i += p + 1;
    }
    None
}

fn find_slice(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The end of the number whose first digit is at `i`: [`scan_number`] then [`float_suffix`],
/// after a test that most numbers, plain integers, pass with their digits alone.
#[inline(always)]
fn number_end(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    let digits = digits_end(b, i + 1);
    if number_goes_on(b.get(digits)) {
        float_suffix(s, scan_number(b, i))
    } else {
        digits
    }
}

/// The end of the run of decimal digits at `i`.
#[inline(always)]
fn digits_end(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// Whether a number may go on past its leading digits at this byte: a fraction, an exponent,
/// a hex or binary prefix (`0x`, `0b`), or an Oracle float suffix (`1f`, `2d`). Before any
/// other byte [`scan_number`] and [`float_suffix`] end the number with its digits.
#[inline(always)]
fn number_goes_on(next: Option<&u8>) -> bool {
    matches!(
        next,
        Some(b'.' | b'e' | b'E' | b'x' | b'X' | b'b' | b'B' | b'f' | b'F' | b'd' | b'D')
    )
}

fn scan_number(b: &[u8], mut i: usize) -> usize {
    let n = b.len();
    if i + 1 < n && b[i] == b'0' && (b[i + 1] == b'x' || b[i + 1] == b'X') {
        i += 2;
        while i < n && b[i].is_ascii_hexdigit() {
            i += 1;
        }
        return i;
    }
    if i + 1 < n && b[i] == b'0' && (b[i + 1] == b'b' || b[i + 1] == b'B') {
        let mut j = i + 2;
        while j < n && (b[j] == b'0' || b[j] == b'1') {
            j += 1;
        }
        if j > i + 2 && (j == n || !is_word_byte(b[j])) {
            return j;
        }
    }
    while i < n && b[i].is_ascii_digit() {
        i += 1;
    }
    if i < n && b[i] == b'.' {
        i += 1;
        while i < n && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i + 1 < n && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < n && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if j < n && b[j].is_ascii_digit() {
            while j < n && b[j].is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    i
}

/// Merge `UN/**/ION`-style splits: a word, an adjacent block comment and an adjacent word
/// whose concatenation is a keyword (filters that strip comments turn it into one).
fn merge_split_keywords(s: &str, toks: &mut Vec<Token>) {
    // Only a block comment can glue two words: [`tokenize`] calls this only when it lexed one.
    if toks.len() < 3 {
        return;
    }
    let mut w = 0usize;
    let mut r = 0usize;
    while r < toks.len() {
        if r + 2 < toks.len()
            && matches!(toks[r].kind, Kind::Word | Kind::Kw(_))
            && toks[r + 1].kind == Kind::Comment
            && matches!(toks[r + 2].kind, Kind::Word | Kind::Kw(_))
            && toks[r].end == toks[r + 1].start
            && toks[r + 1].end == toks[r + 2].start
            && s.as_bytes()[toks[r + 1].start as usize] == b'/'
        {
            let a = &s[toks[r].start as usize..toks[r].end as usize];
            let c = &s[toks[r + 2].start as usize..toks[r + 2].end as usize];
            let mut buf = [0u8; 24];
            if a.len() + c.len() <= buf.len() {
                buf[..a.len()].copy_from_slice(a.as_bytes());
                buf[a.len()..a.len() + c.len()].copy_from_slice(c.as_bytes());
                if let Ok(joined) = std::str::from_utf8(&buf[..a.len() + c.len()]) {
                    if let Some(kw) = classify(joined) {
                        toks[w] = Token {
                            kind: Kind::Kw(kw),
                            start: toks[r].start,
                            end: toks[r + 2].end,
                        };
                        w += 1;
                        r += 3;
                        continue;
                    }
                }
            }
        }
        toks[w] = toks[r];
        w += 1;
        r += 1;
    }
    toks.truncate(w);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str, st: Start) -> Vec<Kind> {
        let mut v = Vec::new();
        let _ = tokenize(s, st, true, &mut v, &mut Vec::new());
        v.into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn string_scan_agrees_with_the_bytewise_scan() {
        for v in [
            "abc' def",
            "it''s' x",
            "a\\'b' c",
            "a\\",
            "\\",
            "'",
            "''",
            "x\\\\' y",
            "no quote at all",
            "\"q\" 'r' `s`",
            "",
            "a long literal that runs past the first words ' and on",
            "0123456789abcdef0123456789abcdef0123456789' x",
            "0123456789abcdef0123456789abcdef01234567\\'' y' z",
            "\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\'",
            "x'''''''''''''''''''''''''''''''''''''''''''''''''' ",
            "\"é\" ü 'ö' 0123456789abcdef 0123456789abcdef \\\" \\' ``",
        ] {
            let b = v.as_bytes();
            for q in [b'\'', b'"', b'`', b'\\'] {
                for bs in [true, false] {
                    for from in 0..=b.len() {
                        assert_eq!(
                            scan_string(b, from, q, bs),
                            scan_string_bytewise(b, from, q, bs),
                            "{v:?} {q} {bs} {from}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn word_end_agrees_with_the_bytewise_definition() {
        for v in [
            "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "abcdefgh",
            "abcdefg",
            "abcdefgh_ijk$l9 m",
            "über\u{a0}union",
            "über\u{fffd}select x",
            "Straße,nächste",
            "a@b[c]d`e{f}g~h\x7f",
            "word\u{a0}",
            "or\u{2028}1\u{2029}x\u{85}y\u{2027}z\u{2030}",
            "wordwordwordword\u{fffd}",
            "日本語のテキストとSQL",
            "",
        ] {
            let b = v.as_bytes();
            for from in 0..=b.len() {
                let mut j = from;
                while j < b.len() && word_continues(b, j) {
                    j += 1;
                }
                assert_eq!(word_end(b, from), j, "{v:?} {from}");
            }
        }
    }

    #[test]
    fn marked_starts_are_the_shape_starts_of_the_stream() {
        for v in [
            "1 union select a::int, count(*) from t; drop table x",
            "select(1) case when into outfile waitfor delay '0:0:5'",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)",
            "f (x) and g(y) or `name`(z) [col](w) $x(1) \\N(2) über(3)",
            "a := b :: c ::d",
            "it's a 'select' (quoted); text",
            "",
        ] {
            for st in [Start::Bare, Start::InQuote(b'\''), Start::InQuote(b'"')] {
                let (mut toks, mut starts) = (Vec::new(), Vec::new());
                assert!(!tokenize(v, st, true, &mut toks, &mut starts), "{v:?}");
                let expect: Vec<u32> = (0..toks.len())
                    .filter(|&i| {
                        let call = toks.get(i + 1).is_some_and(|t| t.kind == Kind::LParen)
                            && matches!(toks[i].kind, Kind::Word | Kind::Kw(_));
                        let cast = toks[i].kind == Kind::Op
                            && &v[toks[i].start as usize..toks[i].end as usize] == "::";
                        call || cast || opens_shape(toks[i].kind)
                    })
                    .map(|i| i as u32)
                    .collect();
                assert_eq!(starts, expect, "{v:?} {st:?}");
            }
        }
    }

    #[test]
    fn number_end_agrees_with_the_number_scans() {
        for v in [
            "1 12 123, 1=1 7) 42; 3-2 9.5 1e5 2E-3 1.e 0x1F 0X 0b101 0b12 0B1 00x1",
            "1fUNION 2dunion 3DUNION 4F 5day 6_x 7$ 8é 9a 0 1\u{a0}2 3\u{fffd} 4\u{2028}5\u{85}",
            "12345678901234567890",
            "1",
            "1.",
            "1e",
            "0x",
            "0b",
        ] {
            let b = v.as_bytes();
            for i in 0..b.len() {
                if b[i].is_ascii_digit() {
                    let scans = float_suffix(v, scan_number(b, i));
                    assert_eq!(number_end(v, i), scans, "{v:?} {i}");
                }
            }
        }
    }

    #[test]
    fn word_start_is_the_ascii_letters_and_underscore() {
        for c in 0..=255u8 {
            assert_eq!(
                WORD_START[usize::from(c)],
                c.is_ascii_alphabetic() || c == b'_',
                "{c:#x}"
            );
        }
    }

    #[test]
    fn letter_mask_marks_exactly_the_ascii_letters() {
        for c in 0..=255u8 {
            let v = u64::from_le_bytes([b'a', c, b'Z', c, 0x80, c, b'@', c]);
            let m = letter_mask(v);
            for (k, &x) in v.to_le_bytes().iter().enumerate() {
                assert_eq!(m >> (8 * k + 7) & 1 == 1, x.is_ascii_alphabetic(), "{x:#x}");
            }
        }
    }

    #[test]
    fn keyword_shape_filter_keeps_every_keyword() {
        for (kw, class) in KEYWORDS {
            let lower = std::str::from_utf8(kw).unwrap();
            let upper = lower.to_ascii_uppercase();
            let mixed: String = lower
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            for w in [lower, upper.as_str(), mixed.as_str()] {
                assert_eq!(keyword(w), classify(w), "{w}");
                // `classify` reads words of at most 16 bytes
                if w.len() <= 16 {
                    assert_eq!(keyword(w), Some(class), "{w}");
                }
            }
        }
        // Words of other shapes, and non-keywords that share a shape, are no keywords.
        for w in [
            "", "a", "the", "people", "unions", "selected", "Ünion", "orx", "sel_ect", "class",
            "code", "type", "CLASS", "o", "x_",
        ] {
            assert_eq!(keyword(w), None, "{w}");
            assert_eq!(keyword(w), classify(w), "{w}");
        }
    }

    #[test]
    fn quote_context_breaks_on_first_quote() {
        assert_eq!(
            kinds("a' or 'x", Start::InQuote(b'\'')),
            vec![Kind::Str, Kind::Kw(Kw::Or), Kind::OpenStr]
        );
        // doubled quote is an escaped quote: no break-out
        assert_eq!(kinds("it''s", Start::InQuote(b'\'')), vec![Kind::OpenStr]);
    }

    #[test]
    fn numbers_comments_and_operators() {
        assert_eq!(
            kinds("0x41 1.5e3 /* c */ -- x", Start::Bare),
            vec![Kind::Num, Kind::Num, Kind::Comment, Kind::Comment]
        );
        assert_eq!(
            kinds("a::text||b<=>c", Start::Bare),
            vec![
                Kind::Word,
                Kind::Op,
                Kind::Word,
                Kind::LogicOp,
                Kind::Word,
                Kind::Cmp,
                Kind::Word
            ]
        );
    }

    #[test]
    fn mysql_executable_comment_is_code_and_split_keywords_merge() {
        assert_eq!(
            kinds("/*!50000union*/ sel/**/ect", Start::Bare),
            vec![Kind::Kw(Kw::Union), Kind::Kw(Kw::Select)]
        );
    }

    #[test]
    fn oracle_float_suffix_before_a_set_operator() {
        assert_eq!(
            kinds("1fUNION SELECT 2", Start::Bare),
            vec![
                Kind::Num,
                Kind::Kw(Kw::Union),
                Kind::Kw(Kw::Select),
                Kind::Num
            ]
        );
        assert_eq!(
            kinds("2.5DUNION", Start::Bare),
            vec![Kind::Num, Kind::Kw(Kw::Union)]
        );
        // ordinary tokens keep their letters
        assert_eq!(kinds("3dfx", Start::Bare), vec![Kind::Num, Kind::Word]);
        assert_eq!(kinds("1day", Start::Bare), vec![Kind::Num, Kind::Word]);
    }

    #[test]
    fn dollar_quoting_and_prefixed_strings() {
        assert_eq!(
            kinds("$$a'b$$ N'x' $1", Start::Bare),
            vec![Kind::Str, Kind::Str, Kind::Num]
        );
    }

    proptest::proptest! {
        // the shape tests only turn away words `classify` turns away
        #[test]
        fn keyword_filters_agree_with_classify(w in "[a-zA-Z_0-9]{0,18}") {
            proptest::prop_assert_eq!(keyword(&w), classify(&w));
        }

        // the plain-integer test ends every number where the full scans end it
        #[test]
        fn number_end_agrees_on_random_text(v in "[0-9.eExXbBfFdDu+\\- a_]{0,24}") {
            let b = v.as_bytes();
            for i in 0..b.len() {
                if b[i].is_ascii_digit() {
                    proptest::prop_assert_eq!(
                        number_end(&v, i),
                        float_suffix(&v, scan_number(b, i))
                    );
                }
            }
        }

        // memchr finds what the byte loop finds, from every start
        #[test]
        fn string_scan_agrees_on_random_text(
            v in "[a-c'\"\\\\ ]{0,80}",
            q in proptest::sample::select(vec![b'\'', b'"', b'`']),
            bs in proptest::bool::ANY,
        ) {
            let b = v.as_bytes();
            for from in 0..=b.len() {
                proptest::prop_assert_eq!(
                    scan_string(b, from, q, bs),
                    scan_string_bytewise(b, from, q, bs)
                );
            }
        }
    }
}
