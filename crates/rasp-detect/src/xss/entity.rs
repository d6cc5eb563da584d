//! HTML character references and JavaScript / CSS escapes, decoded the way a browser decodes
//! them before it acts on the text: numeric references with or without `;` and with leading
//! zeros, the named references that matter for structure, `\xHH` `\uHHHH` `\u{H}` escapes and
//! CSS `\HHHHHH` escapes. Output is never longer than the input, so decoding is bounded.

use std::borrow::Cow;

/// Named references a browser resolves that can spell markup, quotes, schemes or spacing.
fn named(name: &[u8]) -> Option<char> {
    Some(match name {
        b"lt" | b"LT" => '<',
        b"gt" | b"GT" => '>',
        b"amp" | b"AMP" => '&',
        b"quot" | b"QUOT" => '"',
        b"apos" => '\'',
        b"colon" | b"COLON" | b"Colon" => ':',
        b"Tab" | b"tab" | b"TAB" => '\t',
        b"NewLine" | b"newline" | b"NEWLINE" => '\n',
        b"lpar" => '(',
        b"rpar" => ')',
        b"sol" => '/',
        b"bsol" => '\\',
        b"semi" => ';',
        b"comma" => ',',
        b"period" => '.',
        b"excl" => '!',
        b"equals" => '=',
        b"num" => '#',
        b"grave" | b"DiacriticalGrave" => '`',
        b"lsqb" | b"lbrack" => '[',
        b"rsqb" | b"rbrack" => ']',
        b"lcub" | b"lbrace" => '{',
        b"rcub" | b"rbrace" => '}',
        b"plus" => '+',
        b"percnt" => '%',
        b"dollar" => '$',
        b"nbsp" => '\u{a0}',
        b"quest" => '?',
        b"commat" => '@',
        b"lowbar" | b"UnderBar" => '_',
        b"Hat" => '^',
        b"verbar" | b"vert" | b"VerticalLine" => '|',
        b"ast" | b"midast" => '*',
        b"hyphen" | b"dash" => '-',
        _ => return None,
    })
}

/// Decode one layer of HTML character references. `None` in a numeric reference (or a value
/// out of range) becomes U+FFFD as in browsers.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = memchr::memchr(b'&', b) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    let mut changed = false;
    while i < b.len() {
        if b[i] != b'&' {
            // copy a run up to the next '&'
            let next = memchr::memchr(b'&', &b[i..]).map_or(b.len(), |p| i + p);
            out.push_str(&s[i..next]);
            i = next;
            continue;
        }
        if let Some((c, used)) = reference(&b[i + 1..]) {
            out.push(c);
            i += 1 + used;
            changed = true;
        } else {
            out.push('&');
            i += 1;
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// Parse a reference after `&`; returns the character and bytes consumed (incl. `;`).
fn reference(b: &[u8]) -> Option<(char, usize)> {
    if b.first() == Some(&b'#') {
        let (hex, mut j) = match b.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let start = j;
        let mut v: u32 = 0;
        while j < b.len() && j - start < 12 {
            let d = match (hex, b[j]) {
                (_, c @ b'0'..=b'9') => (c - b'0') as u32,
                (true, c @ b'a'..=b'f') => (c - b'a' + 10) as u32,
                (true, c @ b'A'..=b'F') => (c - b'A' + 10) as u32,
                _ => break,
            };
            v = v
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            j += 1;
        }
        if j == start {
            return None;
        }
        if b.get(j) == Some(&b';') {
            j += 1;
        }
        let c = if v == 0 {
            '\u{fffd}'
        } else {
            char::from_u32(v).unwrap_or('\u{fffd}')
        };
        return Some((c, j));
    }
    let mut j = 0;
    while j < b.len() && j < 16 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    // Longest match first, then shorter prefixes (`&ltscript` without `;`).
    let mut k = j;
    while k >= 2 {
        if let Some(c) = named(&b[..k]) {
            let used = if b.get(k) == Some(&b';') { k + 1 } else { k };
            return Some((c, used));
        }
        k -= 1;
    }
    None
}

/// Numeric references examined per value by [`evasive_markup_reference`].
const MAX_EVASIVE_REFS: usize = 64;

/// A numeric character reference to `<` or `>` spelled the way only filter-evasion tools
/// spell it: zero-padded (`&#0060;`, `&#x003c`) or without its `;` (`&#60`, `&#x3C`).
/// Browsers decode both, so the character reaches the page while a filter looking for `<`
/// or `&#60;` sees neither. Serializers (browsers, editors, template engines, PHP, Python)
/// write `&lt;`/`&gt;` or the shortest reference with its `;`, so honest text never carries
/// these spellings; quotes are left out because PHP escapes `'` as `&#039;`.
pub fn evasive_markup_reference(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memmem::find_iter(b, b"&#")
        .take(MAX_EVASIVE_REFS)
        .any(|p| {
            let (hex, start) = match b.get(p + 2) {
                Some(b'x' | b'X') => (true, p + 3),
                _ => (false, p + 2),
            };
            let mut j = start;
            let mut v: u32 = 0;
            while j < b.len() && j - start < 12 {
                let d = match (hex, b[j]) {
                    (_, c @ b'0'..=b'9') => u32::from(c - b'0'),
                    (true, c @ (b'a'..=b'f' | b'A'..=b'F')) => u32::from((c | 0x20) - b'a' + 10),
                    _ => break,
                };
                v = v
                    .saturating_mul(if hex { 16 } else { 10 })
                    .saturating_add(d);
                j += 1;
            }
            if j == start || !(v == 0x3c || v == 0x3e) {
                return false;
            }
            let zero_padded = b[start] == b'0';
            let unterminated = b.get(j) != Some(&b';');
            zero_padded || unterminated
        })
}

fn hex(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

/// The value of the hex digit `c` (any case), as [`hex`] without the general radix machinery.
fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decode JavaScript escapes `\xHH`, `\uHHHH`, `\u{H..}` and CSS escapes `\H{1,6}` (with the
/// optional following space), and drop other backslashes before a character (`\a` → `a`)
/// as both languages do.
pub fn decode_backslashes(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    if memchr::memchr(b'\\', b).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            // The run up to the next backslash, copied at once. `i` is always a character
            // boundary (escapes consume ASCII bytes only) and so is a backslash; the
            // character-wise step below stays for any other case. (Escaped text puts its
            // backslashes a few bytes apart: the near bytes are looked at first.)
            let p = crate::search::find_near(b'\\', b, i).unwrap_or(b.len());
            if let Some(run) = s.get(i..p) {
                out.push_str(run);
                i = p;
                continue;
            }
        }
        if c != b'\\' || i + 1 >= b.len() {
            let ch_len = utf8_len(c);
            let end = (i + ch_len).min(b.len());
            out.push_str(s.get(i..end).unwrap_or("\u{fffd}"));
            i = end;
            continue;
        }
        let n = b[i + 1];
        if n == b'x' && i + 3 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 2]), hex(b[i + 3])) {
                out.push(char::from_u32(h * 16 + l).unwrap_or('\u{fffd}'));
                i += 4;
                continue;
            }
        }
        if n == b'u' {
            if b.get(i + 2) == Some(&b'{') {
                let mut j = i + 3;
                let mut v: u32 = 0;
                while j < b.len() && j - i < 12 {
                    match hex(b[j]) {
                        Some(d) => v = v.saturating_mul(16).saturating_add(d),
                        None => break,
                    }
                    j += 1;
                }
                if b.get(j) == Some(&b'}') && j > i + 3 {
                    out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                    i = j + 1;
                    continue;
                }
            } else if i + 5 < b.len() {
                let d: Option<Vec<u32>> = b[i + 2..i + 6].iter().map(|&c| hex(c)).collect();
                if let Some(d) = d {
                    let v = d.iter().fold(0u32, |a, &x| a * 16 + x);
                    out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                    i += 6;
                    continue;
                }
            }
        }
        if hex(n).is_some() {
            // CSS escape: up to 6 hex digits, optional single whitespace.
            let mut j = i + 1;
            let mut v: u32 = 0;
            while j < b.len() && j - i <= 6 {
                match hex(b[j]) {
                    Some(d) => v = v * 16 + d,
                    None => break,
                }
                j += 1;
            }
            if j < b.len() && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
                j += 1;
            }
            // `\0` is dropped: old engines skipped NUL, and filters are dodged with it
            if v != 0 {
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            i = j;
            continue;
        }
        // Any other escaped character stands for itself.
        i += 1;
    }
    Cow::Owned(out)
}

/// Decode JavaScript's legacy octal escapes of markup and quote characters (`\74` `<`,
/// `\76` `>`, `\42` `"`, `\47` `'`, `\50` `(`, `\51` `)`, `\75` `=`, `\57` `/`, with an
/// optional leading `0`), which a script string turns into those characters before the
/// page parses them. Borrowed when there are none.
pub fn decode_js_octal(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let octal_at = |i: usize| -> Option<(u8, usize)> {
        let digits = b[i + 1..]
            .iter()
            .take(3)
            .take_while(|c| (b'0'..=b'7').contains(*c))
            .count();
        // `\074` or `\74`: two or three digits, the value a character a tag or string needs.
        let n = match digits {
            3 if b[i + 1] == b'0' => 3,
            2 | 3 => 2,
            _ => return None,
        };
        let v = b[i + 1..=i + n]
            .iter()
            .fold(0u8, |a, &c| a.wrapping_mul(8).wrapping_add(c - b'0'));
        matches!(v, b'<' | b'>' | b'"' | b'\'' | b'(' | b')' | b'=' | b'/').then_some((v, n + 1))
    };
    if !memchr::memchr_iter(b'\\', b).any(|i| octal_at(i).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if let Some((c, len)) = octal_at(i) {
                out.push(c);
                i += len;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    // Only ASCII escapes were replaced by ASCII bytes: the text stays UTF-8.
    Cow::Owned(
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// `<scrscriptipt>`: `script` written inside a tag's name, for a filter that deletes the
/// keyword once and leaves the outer letters to join. The value with each such inner
/// `script` deleted, or `None`.
pub fn strip_nested_script(s: &str) -> Option<String> {
    // Searched vectorised in lower and upper case (markup is long and seldom holds either).
    static LOWER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"script"));
    static UPPER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"SCRIPT"));
    let b = s.as_bytes();
    // Inside a tag's name: letters glued on both sides, and `<` or `</` before those letters
    // (`description`, `transcripts` in text are words).
    let inner = |&p: &usize| {
        let letters = b[..p]
            .iter()
            .rev()
            .take(16)
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let open = p - letters;
        letters > 0
            && b.get(p + 6).is_some_and(u8::is_ascii_alphabetic)
            && ((open >= 1 && b[open - 1] == b'<')
                || (open >= 2 && b[open - 1] == b'/' && b[open - 2] == b'<'))
    };
    let mut cut: Vec<usize> = LOWER
        .find_iter(b)
        .chain(UPPER.find_iter(b))
        .take(32)
        .filter(inner)
        .collect();
    if cut.is_empty() {
        return None;
    }
    cut.sort_unstable();
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    for p in cut {
        out.push_str(s.get(from..p)?);
        from = p + 6;
    }
    out.push_str(s.get(from..)?);
    Some(out)
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

/// Decode UTF-7 shifted sequences (`+ADw-` is `<`): pages served or sniffed as UTF-7 turned
/// such bytes into markup. Base64 of UTF-16BE between `+` and `-`.
pub fn decode_utf7(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let shifted = memchr::memchr_iter(b'+', b)
        .any(|p| b.get(p + 1) == Some(&b'A') && b.get(p + 2).is_some_and(u8::is_ascii_uppercase));
    if !shifted {
        return Cow::Borrowed(s);
    }
    fn b64(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'+' && b.get(i + 1).is_some_and(|&c| b64(c).is_some()) {
            let mut j = i + 1;
            let mut bits: u32 = 0;
            let mut nbits = 0;
            let mut units: Vec<u16> = Vec::new();
            while j < b.len() && j - i < 256 {
                let Some(v) = b64(b[j]) else { break };
                bits = (bits << 6) | v;
                nbits += 6;
                if nbits >= 16 {
                    nbits -= 16;
                    units.push(((bits >> nbits) & 0xffff) as u16);
                }
                j += 1;
            }
            out.extend(char::decode_utf16(units).map(|r| r.unwrap_or('\u{fffd}')));
            if b.get(j) == Some(&b'-') {
                j += 1;
            }
            i = j;
            continue;
        }
        let l = utf8_len(b[i]);
        let end = (i + l).min(b.len());
        out.push_str(s.get(i..end).unwrap_or("\u{fffd}"));
        i = end;
    }
    Cow::Owned(out)
}

/// Decode `%HH` escapes to bytes and strip the high bit of every byte that is not part of a
/// valid UTF-8 sequence, as a 7-bit US-ASCII reader does (`%BCscript%BE` → `<script>`).
/// Valid UTF-8 (percent-encoded Cyrillic, accents) is kept as is. `None` when nothing changes.
pub fn percent_seven_bit(s: &str) -> Option<String> {
    let b = s.as_bytes();
    // only an escape of a byte >= 0x80 (`%8x`..`%Fx`) can be stripped to 7 bits
    // (escapes stand side by side in such values: each next `%` is looked for near first)
    let high_escape = |p: usize| {
        matches!(b.get(p + 1), Some(b'8' | b'9' | b'a'..=b'f' | b'A'..=b'F'))
            && b.get(p + 2).is_some_and(u8::is_ascii_hexdigit)
    };
    let mut at = 0;
    loop {
        let p = crate::search::find_near(b'%', b, at)?;
        if high_escape(p) {
            break;
        }
        at = p + 1;
    }
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex_digit(c)),
                b.get(i + 2).and_then(|&c| hex_digit(c)),
            ) {
                bytes.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    // Valid UTF-8 has no byte to strip: its one chunk holds no invalid byte, and nothing is
    // stripped (one pass, where a validation first and the chunks after read it twice).
    let mut out = String::with_capacity(bytes.len());
    let mut stripped = false;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for &c in chunk.invalid() {
            let a = c & 0x7f;
            if a >= 0x20 {
                out.push(char::from(a));
                stripped = true;
            }
        }
    }
    stripped.then_some(out)
}

/// Whether `b` holds the UTF-8 encoding of a character [`fold_fullwidth`] folds: `¼ ¾`
/// (`C2 BC`/`C2 BE`), `‹ ›` (`E2 80 B9`/`BA`), `〈 〉` (`E3 80 88`/`89`) or a fullwidth form
/// U+FF01–U+FF5E (`EF BC 81`–`EF BC BF`, `EF BD 80`–`EF BD 9E`). In UTF-8 those lead bytes
/// never continue another character, so the bytes say exactly what decoding the characters
/// would. One pass with a table of the four lead bytes: CJK text has a lead byte every
/// three bytes, too close for a search per hit.
fn holds_foldable(b: &[u8]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if b.len() >= wide::MIN_LEN && wide::available() {
        // SAFETY: `wide::available` checked at run time that this CPU has AVX2, the one
        // target feature `wide::holds_foldable` is compiled with; it has no other
        // precondition.
        return unsafe { wide::holds_foldable(b) };
    }
    scalar_holds_foldable(b)
}

/// [`holds_foldable`] by table look-ups (portable; short values).
fn scalar_holds_foldable(b: &[u8]) -> bool {
    let at_lead = |p: usize| FOLD_LEAD[usize::from(b[p])] && foldable_at(b, p);
    // eight bytes per step; a step with a lead byte is looked at byte by byte
    let mut chunks = b.chunks_exact(8);
    for (k, c) in (&mut chunks).enumerate() {
        let any_lead = c.iter().fold(false, |a, &x| a | FOLD_LEAD[usize::from(x)]);
        if any_lead && (8 * k..8 * k + 8).any(at_lead) {
            return true;
        }
    }
    let tail = b.len() - chunks.remainder().len();
    (tail..b.len()).any(at_lead)
}

/// [`holds_foldable`] 32 positions at a time: the three bytes at each position are compared
/// with the folded characters' encodings ([`foldable_at`]) in vectors, so CJK text (a lead
/// byte every three bytes) costs no per-position branch.
#[cfg(target_arch = "x86_64")]
mod wide {
    use super::{foldable_at, FOLD_LEAD};
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_min_epu8,
        _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8, _mm256_sub_epi8,
    };

    /// Positions per step.
    const BLOCK: usize = 32;
    /// Shorter values take the scalar pass (a step reads 34 bytes).
    pub(super) const MIN_LEN: usize = 64;

    /// Whether this CPU has AVX2.
    pub(super) use crate::avx2_available as available;

    /// The 32 bytes of `b` from `at` (`at + 32 <= b.len()`, else `None`).
    #[target_feature(enable = "avx2")]
    fn load(b: &[u8], at: usize) -> Option<__m256i> {
        let s: &[u8; BLOCK] = b.get(at..at + BLOCK)?.try_into().ok()?;
        // SAFETY: `s` is 32 readable bytes, what an unaligned 256-bit load reads (it has
        // no alignment requirement).
        Some(unsafe { _mm256_loadu_si256(s.as_ptr().cast()) })
    }

    /// Each byte of `v` equal to `x` (as a lane mask).
    #[target_feature(enable = "avx2")]
    fn eq(v: __m256i, x: u8) -> __m256i {
        _mm256_cmpeq_epi8(v, _mm256_set1_epi8(x as i8))
    }

    /// Each byte of `v` in `lo ..= hi` (unsigned).
    #[target_feature(enable = "avx2")]
    fn within(v: __m256i, lo: u8, hi: u8) -> __m256i {
        let d = _mm256_sub_epi8(v, _mm256_set1_epi8(lo as i8));
        _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8((hi - lo) as i8)), d)
    }

    /// [`super::holds_foldable`] with AVX2: positions `p .. p + 32` from the bytes at `p`,
    /// `p + 1` and `p + 2`, while those are in `b`; the last positions one by one.
    #[target_feature(enable = "avx2")]
    pub(super) fn holds_foldable(b: &[u8]) -> bool {
        let mut p = 0;
        while let (Some(v0), Some(v1), Some(v2)) = (load(b, p), load(b, p + 1), load(b, p + 2)) {
            let or = _mm256_or_si256;
            let and = _mm256_and_si256;
            // `C2 BC|BE`
            let c2 = and(eq(v0, 0xc2), or(eq(v1, 0xbc), eq(v1, 0xbe)));
            // `E2 80 B9|BA` and `E3 80 88|89`
            let e2 = and(eq(v0, 0xe2), within(v2, 0xb9, 0xba));
            let e3 = and(eq(v0, 0xe3), within(v2, 0x88, 0x89));
            let e = and(or(e2, e3), eq(v1, 0x80));
            // `EF BC 81..=BF` and `EF BD 80..=9E`
            let bc = and(eq(v1, 0xbc), within(v2, 0x81, 0xbf));
            let bd = and(eq(v1, 0xbd), within(v2, 0x80, 0x9e));
            let ef = and(eq(v0, 0xef), or(bc, bd));
            if _mm256_movemask_epi8(or(or(c2, e), ef)) != 0 {
                return true;
            }
            p += BLOCK;
        }
        (p..b.len()).any(|q| FOLD_LEAD[usize::from(b[q])] && foldable_at(b, q))
    }
}

/// `C2`, `E2`, `E3` and `EF`: the lead bytes of the characters [`fold_fullwidth`] folds.
static FOLD_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    t[0xc2] = true;
    t[0xe2] = true;
    t[0xe3] = true;
    t[0xef] = true;
    t
};

/// Whether a character [`fold_fullwidth`] folds starts at `b[p]`.
fn foldable_at(b: &[u8], p: usize) -> bool {
    let (x, y) = (b.get(p + 1).copied(), b.get(p + 2).copied());
    matches!(
        (b[p], x, y),
        (0xc2, Some(0xbc | 0xbe), _)
            | (0xe2, Some(0x80), Some(0xb9 | 0xba))
            | (0xe3, Some(0x80), Some(0x88 | 0x89))
            | (0xef, Some(0xbc), Some(0x81..=0xbf))
            | (0xef, Some(0xbd), Some(0x80..=0x9e))
    )
}

/// `ſ` (U+017F, `C5 BF`), `ı` (U+0131, `C4 B1`), `İ` (U+0130, `C4 B0`) and the Kelvin sign
/// `K` (U+212A, `E2 84 AA`) in `b`.
fn holds_case_mapped(b: &[u8]) -> bool {
    memchr::memchr3_iter(0xc4, 0xc5, 0xe2, b).any(|p| {
        matches!(
            (b[p], b.get(p + 1), b.get(p + 2)),
            (0xc5, Some(0xbf), _) | (0xc4, Some(0xb0 | 0xb1), _) | (0xe2, Some(0x84), Some(0xaa))
        )
    })
}

/// Fold the letters whose Unicode case mapping lands on ASCII (`ſ` upper-cases to `S`, `ı`
/// to `I`; `İ` lower-cases to `i` in simple mappings, the Kelvin sign to `k`): an
/// application that upper- or lower-cases a value after filtering it turns `<ſcript>` or
/// `<scrİpt>` into a script tag, and an HTML tag name ignores ASCII case.
pub fn fold_case_mapped(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || !holds_case_mapped(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{17f}' => 's',
                '\u{131}' | '\u{130}' => 'i',
                '\u{212a}' => 'k',
                _ => c,
            })
            .collect(),
    )
}

/// Fold full-width forms of markup characters (`＜script＞`, `%uff1c`) to ASCII, as lenient
/// decoders and best-fit code pages did.
pub fn fold_fullwidth(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || !holds_foldable(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    // `holds_foldable` found one, so the text mostly changes: the folded characters are rewritten
    // in place of their UTF-8 bytes and the runs between them copied whole. In UTF-8 their
    // lead bytes (`C2`, `E2`, `E3`, `EF`) start a character and never continue one, so the
    // bytes matched below are exactly those characters (see [`folded_at`]).
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0xc2 {
            i += 1;
            continue;
        }
        match folded_at(b, i) {
            Some((c, len)) => {
                out.push_str(&s[run..i]);
                out.push(char::from(c));
                i += len;
                run = i;
            }
            None => i += 1,
        }
    }
    if run == 0 {
        // (nothing folded after all: the text as it was, as the character-wise rule gave)
        return Cow::Borrowed(s);
    }
    out.push_str(&s[run..]);
    Cow::Owned(out)
}

/// The ASCII byte [`fold_fullwidth`] writes for the character whose UTF-8 encoding starts
/// at `b[i]`, and that encoding's length: `¼ ¾` (`C2 BC`/`C2 BE`) and `‹ ›` (`E2 80 B9`/`BA`),
/// `〈 〉` (`E3 80 88`/`89`) as `<` `>`, a fullwidth form U+FF01–U+FF5E (`EF BC 81`–`EF BC BF`,
/// `EF BD 80`–`EF BD 9E`) as its ASCII twin U+0021–U+007E.
fn folded_at(b: &[u8], i: usize) -> Option<(u8, usize)> {
    let next = |k: usize| b.get(i + k).copied();
    match (b[i], next(1), next(2)) {
        (0xc2, Some(0xbc), _) => Some((b'<', 2)),
        (0xc2, Some(0xbe), _) => Some((b'>', 2)),
        (0xe2, Some(0x80), Some(0xb9)) | (0xe3, Some(0x80), Some(0x88)) => Some((b'<', 3)),
        (0xe2, Some(0x80), Some(0xba)) | (0xe3, Some(0x80), Some(0x89)) => Some((b'>', 3)),
        (0xef, Some(0xbc), Some(c @ 0x81..=0xbf)) => Some((c - 0x81 + 0x21, 3)),
        (0xef, Some(0xbd), Some(c @ 0x80..=0x9e)) => Some((c - 0x80 + 0x60, 3)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`fold_fullwidth`] character by character (the rule as first written).
    fn fold_by_chars(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c),
                '\u{2039}' | '\u{3008}' | '\u{bc}' => '<',
                '\u{203a}' | '\u{3009}' | '\u{be}' => '>',
                _ => c,
            })
            .collect()
    }

    #[test]
    fn fold_fullwidth_rewrites_what_the_chars_fold() {
        let pieces = [
            "a", "<", "＜", "＞", "！", "～", "｀", "＠", "＿", "￥", "｟", "¼", "¾", "½", "‹",
            "›", "‚", "〈", "〉", "《", "中", "文", "，", "。", "\u{ff00}", "\u{ff5f}", "é", "€",
        ];
        let mut next = crate::lcg(11);
        for _ in 0..20_000 {
            let n = next(10);
            let v: String = (0..n).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(fold_fullwidth(&v), fold_by_chars(&v), "{v:?}");
        }
    }

    /// The characters [`fold_fullwidth`] folds, decoded one by one.
    fn folds(c: char) -> bool {
        matches!(
            c,
            '\u{ff01}'
                ..='\u{ff5e}'
                    | '\u{2039}'
                    | '\u{203a}'
                    | '\u{3008}'
                    | '\u{3009}'
                    | '\u{bc}'
                    | '\u{be}'
        )
    }

    #[test]
    fn foldable_bytes_are_the_folded_characters() {
        // every character around the folded ranges and the lead bytes they share
        let around = [
            0xa0..0x100u32,
            0x2000..0x2100,
            0x3000..0x3100,
            0xfe00..0x10000,
            0x4e00..0x4e10,
        ];
        for c in around.into_iter().flatten().filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(holds_foldable(s.as_bytes()), folds(c), "{c:?}");
        }
    }

    /// The vector pass finds every folded character at every position of a step and of the
    /// tail, and nothing in look-alikes that share its lead or second byte.
    #[test]
    fn long_values_find_foldable_bytes_where_the_scalar_pass_does() {
        let chars = [
            '\u{bc}', '\u{be}', '\u{bd}', '\u{2039}', '\u{203a}', '\u{2019}', '\u{3008}',
            '\u{3009}', '\u{3001}', '\u{ff01}', '\u{ff3f}', '\u{ff40}', '\u{ff5e}', '\u{ff5f}',
            '\u{ff00}', '\u{ffe0}', '\u{b9}', 'é', '東',
        ];
        for fill in ["a", "東", "’"] {
            for c in chars {
                for at in 0..40 {
                    for len in [64, 70, 100] {
                        let mut s: String = fill.repeat(at);
                        s.push(c);
                        while s.len() < len {
                            s.push_str(fill);
                        }
                        let b = s.as_bytes();
                        assert_eq!(holds_foldable(b), scalar_holds_foldable(b), "{s:?}");
                        assert_eq!(holds_foldable(b), s.chars().any(folds), "{s:?}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn foldable_bytes_match_decoded_characters(s in "[a<>\u{bc}\u{bd}\u{be}\u{2039}\u{203a}\u{3008}\u{3009}\u{3001}\u{ff00}-\u{ff60}\u{1f600}]{0,12}") {
            proptest::prop_assert_eq!(holds_foldable(s.as_bytes()), s.chars().any(folds));
        }
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("&lt;a&gt;"), "<a>");
        assert_eq!(decode_entities("&#106&#x61;&#0000118;a"), "java");
        assert_eq!(decode_entities("java&Tab;script&colon;"), "java\tscript:");
        assert_eq!(decode_entities("AT&T &unknown;"), "AT&T &unknown;");
        assert_eq!(decode_entities("&ltscript"), "<script");
    }

    #[test]
    fn backslashes() {
        assert_eq!(decode_backslashes("\\x3cscript\\u003e"), "<script>");
        assert_eq!(decode_backslashes("\\65 xpression"), "expression");
        assert_eq!(decode_backslashes("\\u{61}\\l"), "al");
        assert_eq!(decode_backslashes("a\\"), "a\\");
        // runs of non-ASCII text between escapes are copied whole
        assert_eq!(
            decode_backslashes("é東\\x3cb\\u{1F600}ü\\41 z\\é\\"),
            "é東<b\u{1F600}üAzé\\"
        );
    }
}
