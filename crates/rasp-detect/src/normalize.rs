//! Decoding and normalisation shared by every detector.
//!
//! Attackers hide structure behind encodings (`%2e%2e%2f`, `%252e`, `&lt;`, `\x3c`, `%u2216`,
//! overlong UTF-8 `%c0%af`). Detectors look at the value as a lenient application would see it
//! after its own decoding, so each decoder is applied a bounded number of times
//! ([`MAX_DECODE_DEPTH`]) and never produces more bytes than it reads.

use std::borrow::Cow;

/// How many layers of a nested encoding (`%25252e`) are peeled at most.
pub const MAX_DECODE_DEPTH: usize = 3;

/// Bytes [`find_byte`] compares one by one before it searches vectorised.
const NEAR: usize = 16;

/// `b` without `prefix`, compared ignoring ASCII case (`None` when `b` does not start with it).
pub(crate) fn strip_prefix_ignore_case<'a>(b: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    b.get(..prefix.len())
        .filter(|p| p.eq_ignore_ascii_case(prefix))
        .map(|_| &b[prefix.len()..])
}

/// The position of the first `needle` in `hay`. Decoders and tag parsers mostly find the
/// next escape, bracket or quote a few bytes ahead, where a vectorised search's set-up
/// costs more than comparing bytes: the first [`NEAR`] bytes are compared in a plain loop,
/// the rest searched with memchr.
pub(crate) fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    let near = hay.len().min(NEAR);
    match hay[..near].iter().position(|&c| c == needle) {
        Some(p) => Some(p),
        None => memchr::memchr(needle, &hay[near..]).map(|p| p + near),
    }
}

/// The value of every hex digit, `NOT_HEX` for other bytes: the decoders read two per
/// escape, and one table load is cheaper than the three range tests.
static HEX_VALUE: [u8; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};
const NOT_HEX: u8 = 0xff;

fn hex_val(b: u8) -> Option<u8> {
    let v = HEX_VALUE[usize::from(b)];
    (v != NOT_HEX).then_some(v)
}

fn hex_pair(b: &[u8], at: usize) -> Option<u8> {
    let h = hex_val(*b.get(at)?)?;
    let l = hex_val(*b.get(at + 1)?)?;
    Some((h << 4) | l)
}

/// Map a code point that lenient decoders (IIS `%uXXXX`, best-fit code pages, NFKC
/// normalisation) turn into an ASCII character onto that character: dots and slashes, and
/// the full-width block U+FF01..U+FF5E (`／ｅｔｃ／ｐａｓｓｗｄ`, `Ｃ：＼`, which NFKC and
/// Windows' best-fit conversion both make ASCII) but its prose punctuation. The yen and won signs are the backslash
/// of Japanese and Korean Windows code pages (cp932 and cp949 show byte 0x5C as them, and
/// a best-fit conversion of a Unicode path maps them back to it: `..¥..¥win.ini`). The two
/// dot leaders `‥` and `︰` map to `.` here and to `..` (their NFKC form) in
/// [`fold_lookalikes`].
pub fn fold_lookalike(c: char) -> char {
    match c {
        // division slash, fraction slash, big solidus
        '\u{2215}' | '\u{2044}' | '\u{29f8}' => '/',
        // set minus, big reverse solidus, yen and won signs
        '\u{2216}' | '\u{29f9}' | '\u{a5}' | '\u{20a9}' => '\\',
        // one-dot leader, small full stop; two-dot leaders
        '\u{2024}' | '\u{fe52}' | '\u{2025}' | '\u{fe30}' => '.',
        // full-width ASCII, but the punctuation CJK prose writes between its words (`，`,
        // `（…）`, `！`, `？`, `；`), which no path or scheme needs and which tells a sentence
        // that names a file from the path itself
        '\u{ff01}'..='\u{ff5e}'
            if !matches!(
                c,
                '\u{ff01}' | '\u{ff08}' | '\u{ff09}' | '\u{ff0c}' | '\u{ff1b}' | '\u{ff1f}'
            ) =>
        {
            full_width_ascii(c).unwrap_or(c)
        }
        _ => c,
    }
}

/// The ASCII character a full-width form (U+FF01..U+FF5E) stands for.
fn full_width_ascii(c: char) -> Option<char> {
    ('\u{ff01}'..='\u{ff5e}')
        .contains(&c)
        .then(|| char::from_u32(u32::from(c) - 0xfee0))
        .flatten()
}

/// The character whose UTF-8 encoding starts at `b[i]` (a lead byte), if it is whole and
/// valid there.
pub(crate) fn char_at(b: &[u8], i: usize) -> Option<char> {
    let lead = *b.get(i)?;
    b.get(i..i + utf8_len(lead))
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|t| t.chars().next())
}

/// The two dot leaders, which NFKC writes as two full stops.
fn two_dot_leader(c: char) -> bool {
    matches!(c, '\u{2025}' | '\u{fe30}')
}

/// `value` with the characters that lenient layers turn into ASCII replaced, or `None` when
/// it has none (SQLi judges a value again folded; command injection when a full-width
/// separator is in it, as NFKC normalisation leaves it): full-width forms U+FF01..U+FF5E
/// (`ＵＮＩＯＮ`, `＇`; MSSQL's best-fit conversion of an nvarchar parameter to varchar maps
/// them to ASCII), the small forms U+FE50..U+FE6B that NFKC makes ASCII (`﹣﹣`, `﹦`, `﹔`),
/// the mathematical letters and digits U+1D400.. (`𝐔𝐍𝐈𝐎𝐍`, NFKC's too), the modifier
/// letters best-fit code pages map to quotes (`ʼ`, `ʹ`, `ˈ` to `'`, `ʺ` to `"`), the
/// ideographic space U+3000, NO-BREAK SPACE and the other Unicode spaces (MySQL has read
/// 0xA0 as a blank), and the letters that `toUpperCase()`/`toLowerCase()` in Java or .NET
/// turn into ASCII ones (dotless `ı` → `I`, long `ſ` → `S`, the Kelvin sign `K` → `k`),
/// which a filter that upper-cases after checking lets through. Invisible format
/// characters (zero-width space and joiners, direction marks, word joiner, byte-order mark,
/// soft hyphen) are removed, as the normalisers that strip them do (`UN\u{200f}ION`).
pub fn fold_to_ascii(value: &str) -> Option<String> {
    if !spells_a_folded_character(value.as_bytes()) {
        return None;
    }
    Some(
        value
            .chars()
            .filter_map(|c| ascii_fold(c).unwrap_or(Some(c)))
            .collect(),
    )
}

/// What [`fold_to_ascii`] makes of `c`: `None` when it keeps it, `Some(None)` when it
/// removes it, `Some(Some(a))` when it replaces it with `a`.
fn ascii_fold(c: char) -> Option<Option<char>> {
    let a = match c {
        '\u{ff01}'..='\u{ff5e}' => full_width_ascii(c)?,
        '\u{3000}' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => {
            ' '
        }
        '\u{131}' => 'i',
        '\u{17f}' => 's',
        '\u{212a}' => 'k',
        '\u{2b9}' | '\u{2bc}' | '\u{2c8}' => '\'',
        '\u{2ba}' => '"',
        '\u{fe50}'..='\u{fe6b}' => small_form(c)?,
        // circled letters (`ⓘⓓ`) and the one-letter Roman numerals (`ⅰd`), NFKC's letters
        '\u{24b6}'..='\u{24cf}' => char::from_u32(u32::from(c) - 0x24b6 + u32::from(b'A'))?,
        '\u{24d0}'..='\u{24e9}' => char::from_u32(u32::from(c) - 0x24d0 + u32::from(b'a'))?,
        '\u{2160}'..='\u{217f}' => roman_letter(c)?,
        '\u{1d400}'..='\u{1d7ff}' => math_alphanumeric(c)?,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' => return Some(None),
        _ => return None,
    };
    Some(Some(a))
}

/// NFKC's letter for a one-letter Roman numeral (`Ⅰ Ⅴ Ⅹ Ⅼ Ⅽ Ⅾ Ⅿ`, `ⅰ ⅴ ⅹ ⅼ ⅽ ⅾ ⅿ`); the others
/// are several letters.
fn roman_letter(c: char) -> Option<char> {
    let k = u32::from(c) - 0x2160;
    let letter = match k % 16 {
        0 => 'i',
        4 => 'v',
        9 => 'x',
        12 => 'l',
        13 => 'c',
        14 => 'd',
        15 => 'm',
        _ => return None,
    };
    Some(if k < 16 {
        letter.to_ascii_uppercase()
    } else {
        letter
    })
}

/// NFKC's ASCII for a small form variant (U+FE50..U+FE6B), when it has one.
fn small_form(c: char) -> Option<char> {
    Some(match c {
        '\u{fe50}' => ',',
        '\u{fe52}' => '.',
        '\u{fe54}' => ';',
        '\u{fe55}' => ':',
        '\u{fe56}' => '?',
        '\u{fe57}' => '!',
        '\u{fe59}' => '(',
        '\u{fe5a}' => ')',
        '\u{fe5b}' => '{',
        '\u{fe5c}' => '}',
        '\u{fe5f}' => '#',
        '\u{fe60}' => '&',
        '\u{fe61}' => '*',
        '\u{fe62}' => '+',
        '\u{fe63}' => '-',
        '\u{fe64}' => '<',
        '\u{fe65}' => '>',
        '\u{fe66}' => '=',
        '\u{fe68}' => '\\',
        '\u{fe69}' => '$',
        '\u{fe6a}' => '%',
        '\u{fe6b}' => '@',
        _ => return None,
    })
}

/// NFKC's ASCII for a mathematical letter or digit: the 13 Latin alphabets of 52 letters
/// from U+1D400 (bold, italic, script, fraktur, double-struck, sans-serif, monospace…),
/// dotless `𝚤` and `𝚥`, and the five digit sets from U+1D7CE. (Greek letters stay Greek.)
fn math_alphanumeric(c: char) -> Option<char> {
    let cp = u32::from(c);
    let ascii = match cp {
        0x1d400..=0x1d6a3 => {
            let k = (cp - 0x1d400) % 52;
            if k < 26 {
                b'A' + k as u8
            } else {
                b'a' + (k - 26) as u8
            }
        }
        0x1d6a4 => b'i',
        0x1d6a5 => b'j',
        0x1d7ce..=0x1d7ff => b'0' + ((cp - 0x1d7ce) % 10) as u8,
        _ => return None,
    };
    Some(char::from(ascii))
}

/// Whether `b` holds the UTF-8 spelling of a character [`fold_to_ascii`] replaces. Most
/// text outside ASCII (accents, Cyrillic, CJK, smart quotes) holds none and leaves without a
/// walk through its characters: the spellings start with one of seven lead bytes, found by
/// vectorised searches, and only the bytes after each lead found are compared. (A lead byte
/// starts a character in valid UTF-8, so the byte search finds exactly those characters.)
///
/// One pass over the bytes first tells which of the three searches can find a lead
/// ([`fold_leads`]): accented Latin text (`é` is `C3 A9`) and most other scripts have none,
/// and a search for leads a value lacks finds nothing.
fn spells_a_folded_character(b: &[u8]) -> bool {
    let leads = fold_leads(b);
    let at = |i: usize, k: usize| b.get(i + k).copied();
    // A character [`ascii_fold`] changes, decoded at its lead byte `i`.
    let changed = |i: usize| char_at(b, i).is_some_and(|c| ascii_fold(c).is_some());
    // NO-BREAK SPACE, soft hyphen, dotless `ı`, long `ſ`; modifier letters `ʹ ʺ ʼ ˈ`
    (leads & FOLD_LEAD_2 != 0 && (memchr::memchr3_iter(0xc2, 0xc4, 0xc5, b).any(|i| {
        matches!(
            (b[i], at(i, 1)),
            (0xc2, Some(0xa0 | 0xad)) | (0xc4, Some(0xb1)) | (0xc5, Some(0xbf))
        )
    }) || memchr::memchr2_iter(0xca, 0xcb, b).any(|i| {
        matches!((b[i], at(i, 1)), (0xca, Some(0xb9 | 0xba | 0xbc)) | (0xcb, Some(0x88)))
    })))
    // U+1680, U+2000..U+200F, U+202F, U+205F, U+2060, the Kelvin sign, Roman numerals,
    // circled letters, U+3000
    || (leads & FOLD_LEAD_3 != 0 && any_three_byte_lead(b, |i| {
        (b[i] == 0xe2 && at(i, 1) == Some(0x85) && changed(i)) || matches!(
            (b[i], at(i, 1), at(i, 2)),
            (0xe1, Some(0x9a), Some(0x80))
                | (0xe2, Some(0x80), Some(0x80..=0x8f | 0xaf))
                | (0xe2, Some(0x81), Some(0x9f | 0xa0))
                | (0xe2, Some(0x84), Some(0xaa))
                | (0xe2, Some(0x92), Some(0xb6..=0xbf))
                | (0xe2, Some(0x93), Some(0x80..=0xa9))
                | (0xe3, Some(0x80), Some(0x80))
        )
    }))
    // full-width forms U+FF01..U+FF5E, small forms U+FE50..U+FE6B, the byte-order mark
    || (leads & FOLD_LEAD_FF != 0 && memchr::memchr_iter(0xef, b).any(|i| {
        matches!(
            (at(i, 1), at(i, 2)),
            (Some(0xbc), Some(0x81..=0xbf)) | (Some(0xbd), Some(0x80..=0x9e)) | (Some(0xbb), Some(0xbf))
        ) || (at(i, 1) == Some(0xb9) && changed(i))
    }))
    // mathematical letters and digits (U+1D400..U+1D7FF: F0 9D 90..9F)
    || (leads & FOLD_LEAD_4 != 0 && memchr::memchr_iter(0xf0, b).any(|i| {
        at(i, 1) == Some(0x9d) && matches!(at(i, 2), Some(0x90..=0x9f)) && changed(i)
    }))
}

/// Whether `found` holds for the offset of some byte `E1`, `E2` or `E3` of `b` (asked in
/// order, stopping at the first yes): the leads of the three-byte characters
/// [`fold_to_ascii`] replaces, and of typographic punctuation (`’`, `—`), CJK punctuation and
/// kana, which prose holds many of. The AVX2 searcher is set up once rather than at each
/// byte found (which `memchr3_iter` does, through its run-time dispatch); the same offsets
/// either way.
fn any_three_byte_lead(b: &[u8], mut found: impl FnMut(usize) -> bool) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        use memchr::arch::x86_64::avx2::memchr::Three;
        static THREE: std::sync::OnceLock<Option<Three>> = std::sync::OnceLock::new();
        if let Some(three) = THREE.get_or_init(|| Three::new(0xe1, 0xe2, 0xe3)) {
            return three.iter(b).any(&mut found);
        }
    }
    memchr::memchr3_iter(0xe1, 0xe2, 0xe3, b).any(found)
}

/// [`FOLD_LEAD`] bits: the lead bytes each search of [`spells_a_folded_character`] looks
/// for (`C2 C4 C5`, `E1 E2 E3`, `EF`).
const FOLD_LEAD_2: u8 = 1;
const FOLD_LEAD_3: u8 = 2;
const FOLD_LEAD_FF: u8 = 4;
const FOLD_LEAD_4: u8 = 8;

/// The [`FOLD_LEAD`] bits of every byte value.
const FOLD_LEADS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[0xc2] = FOLD_LEAD_2;
    t[0xc4] = FOLD_LEAD_2;
    t[0xc5] = FOLD_LEAD_2;
    t[0xca] = FOLD_LEAD_2;
    t[0xcb] = FOLD_LEAD_2;
    t[0xe1] = FOLD_LEAD_3;
    t[0xe2] = FOLD_LEAD_3;
    t[0xe3] = FOLD_LEAD_3;
    t[0xef] = FOLD_LEAD_FF;
    t[0xf0] = FOLD_LEAD_4;
    t
};
static FOLD_LEAD: [u8; 256] = FOLD_LEADS;

/// [`FOLD_LEAD`] as nibble tables, for the vectorised pass on long values.
static FOLD_LEAD_NIBBLES: crate::nibble::NibbleClasses =
    crate::nibble::NibbleClasses::new(&crate::nibble::widen_bytes(&FOLD_LEADS));

/// The union of [`FOLD_LEAD`] over the bytes of `b`: 32 bytes per step with AVX2 on long
/// values, eight table look-ups per step otherwise.
fn fold_leads(b: &[u8]) -> u8 {
    #[cfg(target_arch = "x86_64")]
    if b.len() >= crate::nibble::wide::MIN_LEN && crate::nibble::wide::available() {
        // SAFETY: `wide::available` checked at run time that this CPU has AVX2, the one
        // target feature `wide::classes` is compiled with; it has no other precondition.
        if let Some(m) = unsafe { crate::nibble::wide::classes(&FOLD_LEAD_NIBBLES, b) } {
            // (the bits fit in `u8`: the tables were widened from them)
            return m as u8;
        }
    }
    let (chunks, rest) = b.as_chunks::<8>();
    let mut acc = 0;
    for chunk in chunks {
        for &c in chunk {
            acc |= FOLD_LEAD[usize::from(c)];
        }
    }
    rest.iter()
        .fold(acc, |acc, &c| acc | FOLD_LEAD[usize::from(c)])
}

/// Decode one layer of percent-encoding: `%XX`, IIS `%uXXXX`, and overlong two-byte UTF-8
/// forms of ASCII (`%c0%af` → `/`, as vulnerable servers decoded them). Malformed escapes are
/// kept literally; `+` is left alone (only form bodies mean space by it).
pub fn percent_decode(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    // memchr's search is vectorised; `<[u8]>::contains` compares a byte at a time.
    if memchr::memchr(b'%', b).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    percent_decode_into(b, &mut out);
    // Valid UTF-8 (the usual case) becomes the string without a second copy.
    Cow::Owned(
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// What one layer of [`percent_decode_into`] met.
#[derive(Clone, Copy)]
struct Layer {
    /// An escape was decoded.
    decoded: bool,
    /// Every `%` began a `%XX` escape of a byte other than `C0`/`C1` (for a whole decoding:
    /// and every layer's text was valid UTF-8 without a look-alike): see [`DecodeMemo`].
    plain_escapes: bool,
}

/// One layer of [`percent_decode`] appended to `out` as raw bytes (not yet checked as UTF-8);
/// tells whether an escape was decoded and whether every `%` was a plain `%XX` ([`Layer`]).
///
/// Every decoded escape reads more bytes than it writes (`%XX` 3 → 1, `%uXXXX` 6 → at most 3,
/// `%c0%af` 6 → 1, a lone overlong lead `%c0` 3 → 1) and everything else is copied byte for
/// byte, so the output equals the input exactly when this returns `false`, and is strictly
/// shorter otherwise.
fn percent_decode_into(b: &[u8], out: &mut Vec<u8>) -> Layer {
    let mut decoded = false;
    let mut plain_escapes = true;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'%' {
            // Copy the run up to the next `%` in one go.
            let run = find_byte(b'%', &b[i..]).unwrap_or(b.len() - i);
            out.extend_from_slice(&b[i..i + run]);
            i += run;
            continue;
        }
        if matches!(b.get(i + 1), Some(b'u' | b'U')) {
            if let (Some(hi), Some(lo)) = (hex_pair(b, i + 2), hex_pair(b, i + 4)) {
                let cp = (u32::from(hi) << 8) | u32::from(lo);
                let ch = char::from_u32(cp).map_or('\u{fffd}', fold_lookalike);
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                i += 6;
                decoded = true;
                plain_escapes = false;
                continue;
            }
        }
        match hex_pair(b, i + 1) {
            Some(lead @ (0xc0 | 0xc1)) if b.get(i + 3) == Some(&b'%') => {
                plain_escapes = false;
                match hex_pair(b, i + 4) {
                    Some(cont) if cont & 0xc0 == 0x80 => {
                        out.push(((lead & 0x01) << 6) | (cont & 0x3f));
                        i += 6;
                    }
                    _ => {
                        out.push(lead);
                        i += 3;
                    }
                }
            }
            Some(byte) => {
                plain_escapes &= !matches!(byte, 0xc0 | 0xc1);
                out.push(byte);
                i += 3;
            }
            None => {
                plain_escapes = false;
                out.push(b'%');
                i += 1;
                continue;
            }
        }
        decoded = true;
    }
    Layer {
        decoded,
        plain_escapes,
    }
}

/// Fold overlong UTF-8 encodings of ASCII (`C0 AE`, `E0 80 AE`, `F0 80 80 AF`, up to the
/// obsolete 6-byte `FC 80 80 80 80 AE`) onto the ASCII byte they smuggle, as lenient decoders
/// did. A `C0`/`C1` lead before a plain ASCII byte (`%c0%2e`, `%c0%5c`) is dropped for the same
/// reason. Bytes that are not such forms are copied unchanged.
pub fn fold_overlong(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Bytes between lead bytes are copied one at a time: the values that hold overlong
        // forms hold one every few bytes, where copying a run costs a call per run.
        if !OVERLONG_LEAD[usize::from(b)] {
            out.push(b);
            i += 1;
            continue;
        }
        let (c, used) = overlong_at(bytes, i);
        out.push(c);
        i += used;
    }
    out
}

/// What [`fold_overlong`] writes for the lead byte at `i` of `bytes`, and how many bytes
/// that reads: the ASCII byte an overlong form there smuggles (0xFF for a letter or digit)
/// and the form's length, or the lead itself and 1.
#[inline]
fn overlong_at(bytes: &[u8], i: usize) -> (u8, usize) {
    let b = bytes[i];
    let extra = match b {
        0xc0 | 0xc1 => 1,
        0xe0 => 2,
        0xf0 => 3,
        0xf8 => 4,
        0xfc => 5,
        _ => 0,
    };
    if extra > 0 && i + extra < bytes.len() {
        let tail = &bytes[i + 1..=i + extra];
        let (mid, last) = tail.split_at(extra - 1);
        if mid.iter().all(|&m| m == 0x80) {
            let last = last[0];
            let folded = if (0x80..0xc0).contains(&last) {
                let hi = if extra == 1 { (b & 0x01) << 6 } else { 0 };
                Some(hi | (last & 0x3f))
            } else if extra == 1 && last < 0x80 {
                Some(last)
            } else {
                None
            };
            if let Some(c) = folded {
                // Only punctuation was ever smuggled this way (dots, slashes); an
                // overlong letter has no use but evasion and decodes as invalid.
                return (if c.is_ascii_alphanumeric() { 0xff } else { c }, extra + 1);
            }
        }
    }
    (b, 1)
}

/// The lead bytes [`fold_overlong`] examines: `C0`, `C1`, `E0`, `F0`, `F8`, `FC`.
static OVERLONG_LEAD: [bool; 256] = crate::byte_set(&[0xc0, 0xc1, 0xe0, 0xf0, 0xf8, 0xfc]);

/// Decode percent-encoding leniently, the way the most permissive servers and file APIs
/// did: up to [`MAX_DECODE_DEPTH`] layers of `%XX` / `%uXXXX` (with look-alike dots and
/// slashes folded to ASCII), overlong UTF-8 folded ([`fold_overlong`]); invalid bytes become
/// U+FFFD.
pub fn lenient_decode(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'%', s.as_bytes()).is_none() {
        // Nothing to decode: only raw look-alikes can change.
        return if has_lookalike(s.as_bytes()) {
            Cow::Owned(fold_lookalikes(s))
        } else {
            Cow::Borrowed(s)
        };
    }
    if let Some(shared) = shared_lenient_decoding(s) {
        return Cow::Owned(shared);
    }
    // The first layer reads the value itself (no copy); later ones the previous layer's text.
    let mut cur: Cow<'_, str> = Cow::Borrowed(s);
    // The buffer of the layer before last, written over by the next layer.
    let mut spare: Vec<u8> = Vec::new();
    for _ in 0..MAX_DECODE_DEPTH {
        let src = cur.as_bytes();
        if memchr::memchr(b'%', src).is_none() {
            break;
        }
        let mut out = std::mem::take(&mut spare);
        out.clear();
        out.reserve(src.len());
        let next = if lenient_layer_into(src, &mut out) {
            match lenient_text(out, src) {
                Some(next) => next,
                None => break,
            }
        } else if has_lookalike(src) {
            // Nothing decoded: the bytes are the text itself, valid UTF-8, which
            // [`fold_overlong`] leaves alone (its forms are invalid UTF-8); only raw
            // look-alikes change, and folding one shortens the text.
            spare = out;
            fold_lookalikes(&cur)
        } else {
            // The layer changes nothing.
            break;
        };
        if let Cow::Owned(old) = std::mem::replace(&mut cur, Cow::Owned(next)) {
            spare = old.into_bytes();
        }
    }
    // Look-alike characters that arrive raw (not percent-encoded) are folded already: every
    // layer's text has its look-alikes folded, and the value has a `%`, so the first layer
    // ran and `cur` is a layer's text or equal to one (the loop stops when a layer changes
    // nothing).
    debug_assert!(!has_lookalike(cur.as_bytes()));
    // Owned even when nothing changed, as callers tell a decoded value by it.
    Cow::Owned(cur.into_owned())
}

/// [`fold_overlong`] of an owned buffer, folded in place: returned as it is when it has no
/// lead byte of an overlong form (the usual case); otherwise the bytes before the first
/// lead stay where they are and the rest moves down over the folded forms. Each step writes
/// one byte for at least one it read, and reads a form whole before writing, so a write
/// never lands on a byte still to be read: the bytes are those [`fold_overlong`] copies
/// into a new buffer, without the allocation and the copy of the prefix.
fn fold_overlong_owned(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(first) = bytes.iter().position(|&b| OVERLONG_LEAD[usize::from(b)]) else {
        return bytes;
    };
    let (mut i, mut w) = (first, first);
    while let Some(&b) = bytes.get(i) {
        let (c, used) = if OVERLONG_LEAD[usize::from(b)] {
            overlong_at(&bytes, i)
        } else {
            (b, 1)
        };
        bytes[w] = c;
        w += 1;
        i += used;
    }
    bytes.truncate(w);
    bytes
}

/// Whether `b` has the UTF-8 encoding of a character [`fold_lookalike`] changes. All of them
/// are led by 0xC2 (the yen sign), 0xE2 or 0xEF, so only those leads are examined (East
/// Asian punctuation and typographic quotes share the leads but are not look-alikes).
fn has_lookalike(b: &[u8]) -> bool {
    // (each character decoded whole at its lead: a two-byte `¥` before a CJK letter is no
    // three-byte sequence)
    memchr::memchr3_iter(0xc2, 0xe2, 0xef, b)
        .any(|i| char_at(b, i).is_some_and(|c| fold_lookalike(c) != c))
}

/// `s` with every character mapped by [`fold_lookalike`] (a two-dot leader to `..`): the
/// runs between look-alikes are copied whole into a buffer of the final size (a fold never
/// lengthens the text: each look-alike is two or three bytes, its fold one or two), instead
/// of rebuilding the string a character at a time.
fn fold_lookalikes(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    // Every look-alike is led by 0xC2, 0xE2 or 0xEF (see [`has_lookalike`]); a lead byte
    // always starts a character, so `at` is a character boundary.
    for at in memchr::memchr3_iter(0xc2, 0xe2, 0xef, b) {
        // `at < copied` cannot happen (a look-alike's other bytes are continuation bytes);
        // skipping it keeps the slicing below in bounds whatever the input.
        let Some(c) = s.get(at..).and_then(|t| t.chars().next()) else {
            continue;
        };
        if at < copied {
            continue;
        }
        let folded = fold_lookalike(c);
        if folded != c {
            out.push_str(&s[copied..at]);
            out.push(folded);
            if two_dot_leader(c) {
                out.push(folded);
            }
            copied = at + c.len_utf8();
        }
    }
    out.push_str(&s[copied..]);
    out
}

/// One layer of [`lenient_decode`]'s `%XX` / `%uXXXX` / double-nibble decoding of `b`
/// appended to `out` as raw bytes; returns whether an escape was decoded.
///
/// Every decoded escape reads more bytes than it writes (`%XX` 3 → 1, `%uXXXX` 6 → at most 3,
/// a double-nibble form at least 5 → 1) and everything else is copied, so the output equals
/// the input exactly when this returns `false`, and is strictly shorter otherwise.
fn lenient_layer_into(b: &[u8], out: &mut Vec<u8>) -> bool {
    let mut decoded = false;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'%' {
            // Copy the run up to the next `%` in one go.
            let run = find_byte(b'%', &b[i..]).unwrap_or(b.len() - i);
            out.extend_from_slice(&b[i..i + run]);
            i += run;
            continue;
        }
        // At a `%`.
        if matches!(b.get(i + 1), Some(b'u' | b'U')) {
            if let (Some(hi), Some(lo)) = (hex_pair(b, i + 2), hex_pair(b, i + 4)) {
                let cp = (u32::from(hi) << 8) | u32::from(lo);
                let ch = char::from_u32(cp).map_or('\u{fffd}', fold_lookalike);
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                i += 6;
                decoded = true;
                continue;
            }
        }
        if let Some(v) = hex_pair(b, i + 1) {
            out.push(v);
            i += 3;
            decoded = true;
            continue;
        }
        // IIS "double nibble" forms: each hex digit of the escape itself encoded
        // (`%%35%63`, `%5%63`, `%%35c`, and the fuzzers' `%%35%%63`).
        if let Some((v, used)) = nibble_escape(b, i) {
            out.push(v);
            i += used;
            decoded = true;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    decoded
}

/// The text of a layer whose escapes decoded to `bytes`, overlong forms and look-alikes
/// folded and invalid bytes made U+FFFD; `None` when it equals `src`, the layer's input.
///
/// `bytes` is shorter than `src` ([`lenient_layer_into`]) and both folds only shorten, so valid
/// UTF-8 differs from `src` without a comparison; only the U+FFFD repair lengthens the text.
fn lenient_text(bytes: Vec<u8>, src: &[u8]) -> Option<String> {
    match String::from_utf8(fold_overlong_owned(bytes)) {
        Ok(t) if !has_lookalike(t.as_bytes()) => Some(t),
        Ok(t) => Some(fold_lookalikes(&t)),
        Err(e) => {
            let t = fold_lookalikes(&lossy_text(e.as_bytes(), e.utf8_error().valid_up_to()));
            (t.as_bytes() != src).then_some(t)
        }
    }
}

/// `String::from_utf8_lossy(bytes)` for bytes valid up to `valid_up_to` (a [`Utf8Error`]'s):
/// each maximal invalid sequence becomes one U+FFFD, as the standard conversion does. That
/// conversion walks the bytes through a general iterator of chunks; decoded attack paths
/// hold an invalid byte every few bytes (`%c0%2e`, `%e0%80%ae`, a stray `%ff`), so here the
/// text is written a character at a time as the bytes are read ([`utf8_sequence`]), with
/// no second validation of the result.
///
/// [`Utf8Error`]: std::str::Utf8Error
fn lossy_text(bytes: &[u8], valid_up_to: usize) -> String {
    // A replacement is 3 bytes for at least 1 replaced: the text never outgrows this.
    let mut out = String::with_capacity(bytes.len() * 3);
    // (valid by the error's account: nothing is dropped)
    out.push_str(std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default());
    let mut i = valid_up_to;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            out.push(char::from(b));
            i += 1;
            continue;
        }
        let (c, len) = utf8_sequence(&bytes[i..]);
        out.push(c);
        i += len;
    }
    out
}

/// The character the sequence at the start of `b` (non-empty, first byte not ASCII) encodes
/// and the sequence's length, or U+FFFD and the length of its maximal invalid prefix, the
/// bytes one U+FFFD replaces (the Unicode Standard's table 3-7 of well-formed sequences:
/// after the lead, the second byte's range depends on the lead, later bytes are any
/// continuation byte).
fn utf8_sequence(b: &[u8]) -> (char, usize) {
    const INVALID: char = char::REPLACEMENT_CHARACTER;
    let (len, second, lead_bits) = match b[0] {
        0xc2..=0xdf => (2, 0x80..=0xbf, 0x1f),
        0xe0 => (3, 0xa0..=0xbf, 0x0f),
        0xe1..=0xec | 0xee..=0xef => (3, 0x80..=0xbf, 0x0f),
        0xed => (3, 0x80..=0x9f, 0x0f),
        0xf0 => (4, 0x90..=0xbf, 0x07),
        0xf1..=0xf3 => (4, 0x80..=0xbf, 0x07),
        0xf4 => (4, 0x80..=0x8f, 0x07),
        _ => return (INVALID, 1),
    };
    if !b.get(1).is_some_and(|c| second.contains(c)) {
        return (INVALID, 1);
    }
    let mut cp = u32::from(b[0] & lead_bits);
    for k in 1..len {
        match b.get(k) {
            Some(&c) if c & 0xc0 == 0x80 => cp = (cp << 6) | u32::from(c & 0x3f),
            _ => return (INVALID, k),
        }
    }
    // (a well-formed sequence always encodes a scalar value: the fallback is never taken)
    (char::from_u32(cp).unwrap_or(INVALID), len)
}

/// A hex digit at `at`, either raw or itself percent-encoded; returns (value, bytes used).
fn nibble(b: &[u8], at: usize) -> Option<(u8, usize, bool)> {
    if b.get(at) == Some(&b'%') {
        let d = hex_pair(b, at + 1)?;
        return Some((hex_val(d)?, 3, true));
    }
    Some((hex_val(*b.get(at)?)?, 1, false))
}

fn nibble_escape(b: &[u8], i: usize) -> Option<(u8, usize)> {
    let (hi, n1, enc1) = nibble(b, i + 1)?;
    let mut at = i + 1 + n1;
    // A stray `%` between the two nibbles.
    if b.get(at) == Some(&b'%') && b.get(at + 1) == Some(&b'%') {
        at += 1;
    }
    let (lo, n2, enc2) = nibble(b, at)?;
    (enc1 || enc2).then_some(((hi << 4) | lo, at + n2 - i))
}

/// Peel percent-encoding layers until the value stops changing or [`MAX_DECODE_DEPTH`].
///
/// The last decoding is remembered per thread: every detector decodes the value it is given,
/// and the engine gives all four the same value. The memo is keyed by the whole input,
/// compared byte for byte, and keeps whether the answer borrowed the input, so a hit returns
/// exactly what decoding returns.
pub fn percent_decode_deep(s: &str) -> Cow<'_, str> {
    // Nothing to decode (most values): the first layer returns the input.
    if memchr::memchr(b'%', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    LAST.with(|cell| {
        let Ok(mut last) = cell.try_borrow_mut() else {
            return percent_decode_layers(s);
        };
        // A miss peels the layers in the previous answer's buffers (no allocation once warm).
        let m = last.get_or_fill(s, |old| {
            let mut m = old.unwrap_or_default();
            let layers = decode_layers_into(s, &mut m.bufs);
            m.borrowed = !layers.decoded;
            m.plain_escapes = layers.plain_escapes;
            m
        });
        if m.borrowed {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(m.bufs.cur.clone())
        }
    })
}

thread_local! {
    /// The last value [`percent_decode_deep`] decoded on this thread, and its answer.
    static LAST: std::cell::RefCell<crate::last_value::LastValue<DecodeMemo>> =
        const { std::cell::RefCell::new(crate::last_value::LastValue::new()) };
}

/// The answer [`percent_decode_deep`] remembers: the decoding, whether it was the input
/// itself (returned borrowed), and whether every layer was plain: each of its `%` began a
/// `%XX` escape of a byte other than `C0`/`C1`, and its text came out valid UTF-8 without a
/// look-alike.
///
/// On a value without a look-alike, [`lenient_decode`] then decodes each layer to the same
/// text: both decoders turn such a `%XX` into its byte and copy the rest (the `%uXXXX`,
/// `%C0%AF` and double-nibble forms they treat differently start with a `%` this rules out);
/// [`fold_overlong`] leaves valid UTF-8 alone (every form it folds is invalid UTF-8), no
/// U+FFFD repair happens, and there is no look-alike to fold; and both stop at the same layer
/// (each decodes an escape while a `%` is left, and a layer then changes the text).
#[derive(Default)]
struct DecodeMemo {
    bufs: LayerBufs,
    borrowed: bool,
    plain_escapes: bool,
}

/// [`lenient_decode`] of `s` (which has a `%`) read from the answer [`percent_decode_deep`]
/// remembers for it, when that answer is the same decoding (see [`DecodeMemo`]); the
/// detectors that run before traversal decode most values with escapes.
fn shared_lenient_decoding(s: &str) -> Option<String> {
    LAST.with(|cell| {
        let last = cell.try_borrow().ok()?;
        let m = last.get(s)?;
        (m.plain_escapes && !m.borrowed && !has_lookalike(s.as_bytes())).then(|| m.bufs.cur.clone())
    })
}

/// The buffers [`decode_layers_into`] peels layers in: the current layer's text and a spare
/// the next layer is written into (the two are swapped after each layer).
#[derive(Default)]
struct LayerBufs {
    cur: String,
    spare: Vec<u8>,
}

/// [`percent_decode_deep`] without the memo.
fn percent_decode_layers(s: &str) -> Cow<'_, str> {
    let mut bufs = LayerBufs::default();
    if decode_layers_into(s, &mut bufs).decoded {
        Cow::Owned(bufs.cur)
    } else {
        Cow::Borrowed(s)
    }
}

/// Peel [`percent_decode`] layers of `s` into `bufs.cur` until a layer changes nothing or
/// [`MAX_DECODE_DEPTH`]; `decoded` is `false` when the first layer changes nothing (the answer
/// is `s` itself and `bufs.cur` is stale), `plain_escapes` whether every layer that ran was
/// plain ([`DecodeMemo`]).
///
/// A layer changes nothing exactly when it decodes no escape ([`percent_decode_into`]); when it
/// decodes one its bytes are shorter than its input, so valid UTF-8 differs from the input
/// without comparing. Only the lossy repair of invalid bytes (which lengthens the text) needs
/// the comparison.
fn decode_layers_into(s: &str, bufs: &mut LayerBufs) -> Layer {
    let mut layered = false;
    let mut plain_escapes = true;
    for _ in 0..MAX_DECODE_DEPTH {
        let src = if layered {
            bufs.cur.as_bytes()
        } else {
            s.as_bytes()
        };
        if memchr::memchr(b'%', src).is_none() {
            break;
        }
        let mut out = std::mem::take(&mut bufs.spare);
        out.clear();
        out.reserve(src.len());
        let layer = percent_decode_into(src, &mut out);
        plain_escapes &= layer.plain_escapes;
        if !layer.decoded {
            bufs.spare = out;
            break;
        }
        let next = match String::from_utf8(out) {
            Ok(text) => {
                plain_escapes = plain_escapes && !has_lookalike(text.as_bytes());
                text
            }
            Err(e) => {
                plain_escapes = false;
                let valid_up_to = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let text = lossy_text(&bytes, valid_up_to);
                let same = text.as_bytes() == src;
                bufs.spare = bytes;
                if same {
                    break;
                }
                text
            }
        };
        bufs.spare = std::mem::replace(&mut bufs.cur, next).into_bytes();
        layered = true;
    }
    Layer {
        decoded: layered,
        plain_escapes,
    }
}

/// Decode the HTML character references a browser would decode in text and attribute
/// values: numeric (`&#60;`, `&#x3c;`, with or without `;`) and the few named ones that
/// matter for structure. Unknown references stay literal.
pub fn html_entity_decode(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos + 1..];
        match decode_entity(tail) {
            Some((ch, used)) => {
                out.push(ch);
                rest = &tail[used..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decode one reference after `&`; returns the character and bytes consumed.
fn decode_entity(t: &str) -> Option<(char, usize)> {
    let b = t.as_bytes();
    if b.first() == Some(&b'#') {
        let (radix, start) = if matches!(b.get(1), Some(b'x' | b'X')) {
            (16, 2)
        } else {
            (10, 1)
        };
        // Bounded: at most 8 digits (leading zeros are a known evasion, so allow a few).
        let digits = b[start..]
            .iter()
            .take(8)
            .take_while(|c| c.is_ascii_digit() || (radix == 16 && c.is_ascii_hexdigit()))
            .count();
        if digits == 0 {
            return None;
        }
        let n = u32::from_str_radix(&t[start..start + digits], radix).ok()?;
        let mut used = start + digits;
        if b.get(used) == Some(&b';') {
            used += 1;
        }
        return Some((char::from_u32(n).unwrap_or('\u{fffd}'), used));
    }
    const NAMED: [(&str, char); 13] = [
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("apos;", '\''),
        ("amp;", '&'),
        ("colon;", ':'),
        ("sol;", '/'),
        ("period;", '.'),
        ("bsol;", '\\'),
        ("lpar;", '('),
        ("rpar;", ')'),
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
    ];
    NAMED
        .iter()
        .find(|(name, _)| t.starts_with(name))
        .map(|&(name, ch)| (ch, name.len()))
}

/// Decode C/JS-style escapes that shells and script engines honour: `\xHH`, `\uHHHH`,
/// `\u{H..}`. Other backslashes are kept (they matter to the shell tokenizer).
pub fn backslash_hex_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut changed = false;
    while i < b.len() {
        if b[i] == b'\\' {
            match b.get(i + 1) {
                Some(b'x' | b'X') => {
                    if let Some(v) = hex_pair(b, i + 2) {
                        if v < 0x80 {
                            out.push(char::from(v));
                            i += 4;
                            changed = true;
                            continue;
                        }
                    }
                }
                Some(b'u') => {
                    if let (Some(hi), Some(lo)) = (hex_pair(b, i + 2), hex_pair(b, i + 4)) {
                        let cp = (u32::from(hi) << 8) | u32::from(lo);
                        out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                        i += 6;
                        changed = true;
                        continue;
                    }
                }
                _ => {}
            }
        }
        // Copy one whole UTF-8 character.
        let ch_len = utf8_len(b[i]);
        let end = (i + ch_len).min(b.len());
        out.push_str(s.get(i..end).unwrap_or("\u{fffd}"));
        i = end;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Cut an over-long value to a bounded window: the first and last `max/2` bytes joined by a
/// newline (attacks sit at the start or the end of padded values), on character boundaries.
#[inline]
pub fn bounded_window(s: &str, max: usize) -> Cow<'_, str> {
    // Every detector call asks; nearly every value fits: only the cut is out of line.
    if s.len() <= max || max < 8 {
        return Cow::Borrowed(s);
    }
    Cow::Owned(window_cut(s, max))
}

/// [`bounded_window`] of a value longer than `max` (≥ 8).
#[inline(never)]
fn window_cut(s: &str, max: usize) -> String {
    let half = max / 2;
    let mut head_end = half;
    while !s.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let mut tail_start = s.len() - half;
    while !s.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    let mut out = String::with_capacity(max + 1);
    out.push_str(&s[..head_end]);
    out.push('\n');
    out.push_str(&s[tail_start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_byte_leads_are_the_searched_offsets() {
        let texts: [&[u8]; 8] = [
            b"",
            "plain ascii text with no lead at all".as_bytes(),
            "it\u{2019}s \u{2014} \u{3000}\u{3001}\u{1680}\u{212a}".as_bytes(),
            "\u{65e5}\u{672c}\u{8a9e}\u{306e}\u{6587}\u{3002}\u{ff0c}".as_bytes(),
            b"\xe1\xe2\xe3\xe1",
            b"\xe1\xe2\xe3\xe1\xe2\xe3\xe1\xe2\xe3\xe1\xe2\xe3\xe1\xe2\xe3\xe1\xe2\xe3\xe1\xe2\xe3\xe1\xe2\xe3\xe1\xe2\xe3\xe1\xe2\xe3\xe1\xe2\xe3x",
            "a long line of ordinary prose, longer than one vector, with a curly quote \u{2019} near its end".as_bytes(),
            "\u{3000} ideographic space first, then forty more bytes of ASCII text".as_bytes(),
        ];
        for b in texts {
            let mut seen = Vec::new();
            assert!(!any_three_byte_lead(b, |i| {
                seen.push(i);
                false
            }));
            let searched: Vec<usize> = memchr::memchr3_iter(0xe1, 0xe2, 0xe3, b).collect();
            assert_eq!(seen, searched, "{b:?}");
            // stops at the first yes, as `any` does
            if let Some(&first) = searched.first() {
                let mut asked = Vec::new();
                assert!(any_three_byte_lead(b, |i| {
                    asked.push(i);
                    true
                }));
                assert_eq!(asked, [first]);
            }
        }
    }

    /// The lead bits of a value are the OR of its bytes' table entries, on the short and
    /// the vectorised path, and a value holds a folded spelling exactly when a character
    /// of it folds.
    #[test]
    fn fold_leads_are_the_table_and_gate_the_searches() {
        let pieces = [
            "a", "é", "\u{a0}", "ı", "ſ", "\u{1680}", "\u{2003}", "\u{202f}", "\u{205f}",
            "\u{212a}", "\u{3000}", "ｓ", "’", "—", "中", "ж", "€", "\u{ff5f}", "Ā", "ł",
        ];
        for (i, a) in pieces.iter().enumerate() {
            for b in &pieces[i..] {
                for n in [1, 5, 20, 40] {
                    let v = format!("{}{a}{}{b}", "x".repeat(n), "y".repeat(n));
                    let bytes = v.as_bytes();
                    let want = bytes
                        .iter()
                        .fold(0, |acc, &c| acc | FOLD_LEAD[usize::from(c)]);
                    assert_eq!(fold_leads(bytes), want, "{v:?}");
                    let folds = v.chars().any(|c| {
                        matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}' | '\u{a0}' | '\u{1680}'
                            | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{131}'
                            | '\u{17f}' | '\u{212a}')
                    });
                    assert_eq!(spells_a_folded_character(bytes), folds, "{v:?}");
                }
            }
        }
    }

    #[test]
    fn hex_table_reads_exactly_the_hex_digits() {
        for b in 0..=255u8 {
            let want = char::from(b).to_digit(16).map(|d| d as u8);
            assert_eq!(hex_val(b), want.filter(|_| b.is_ascii()), "{b}");
        }
    }

    #[test]
    fn near_then_vectorised_search_finds_the_first_byte() {
        let hay: Vec<u8> = (0..80u8).map(|i| b'a' + i % 7).collect();
        for len in [0, 1, 15, 16, 17, 40, 80] {
            for needle in [b'a', b'c', b'g', b'%'] {
                let h = &hay[..len];
                assert_eq!(
                    find_byte(needle, h),
                    memchr::memchr(needle, h),
                    "{len} {needle}"
                );
            }
        }
        for at in [0, 5, 15, 16, 17, 60] {
            let mut h = vec![b'x'; 70];
            h[at] = b'%';
            h[69] = b'%';
            assert_eq!(find_byte(b'%', &h), Some(at));
        }
    }

    #[test]
    fn bulk_lookalike_fold_equals_folding_each_character() {
        for v in [
            "",
            "plain",
            "..\u{2215}etc\u{2215}passwd",
            "\u{ff0e}\u{ff0e}\u{ff3c}x",
            "\u{2024}",
            "“quoted” — dash … \u{2215}",
            "東京\u{ff0f}大阪\u{fe52}",
            "\u{2216}\u{29f8}\u{29f9}\u{2044}end",
            "\u{fffd}\u{ff0f}\u{fffd}",
            "\u{2025}/\u{2025}/etc/passwd",
            "C:\u{a5}Windows\u{a5}win.ini \u{a5}500 \u{20a9}1000",
            "C:\u{a5}\u{30e6}\u{30fc}\u{30b6}\u{30fc}",
            "\u{ff0f}\u{ff45}\u{ff54}\u{ff43}\u{ff0f}passwd\u{fe30}",
        ] {
            let reference: String = v
                .chars()
                .flat_map(|c| {
                    let f = fold_lookalike(c);
                    std::iter::repeat_n(f, if two_dot_leader(c) { 2 } else { 1 })
                })
                .collect();
            assert_eq!(fold_lookalikes(v), reference, "{v}");
        }
    }

    /// The byte-at-a-time definition [`fold_overlong`] copies runs of.
    fn reference_fold_overlong(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let extra = match b {
                0xc0 | 0xc1 => 1,
                0xe0 => 2,
                0xf0 => 3,
                0xf8 => 4,
                0xfc => 5,
                _ => 0,
            };
            if extra > 0 && i + extra < bytes.len() {
                let (mid, last) = bytes[i + 1..=i + extra].split_at(extra - 1);
                if mid.iter().all(|&m| m == 0x80) {
                    let last = last[0];
                    let folded = if (0x80..0xc0).contains(&last) {
                        Some(if extra == 1 { (b & 0x01) << 6 } else { 0 } | (last & 0x3f))
                    } else if extra == 1 && last < 0x80 {
                        Some(last)
                    } else {
                        None
                    };
                    if let Some(c) = folded {
                        out.push(if c.is_ascii_alphanumeric() { 0xff } else { c });
                        i += extra + 1;
                        continue;
                    }
                }
            }
            out.push(b);
            i += 1;
        }
        out
    }

    #[test]
    fn run_copying_fold_overlong_equals_the_byte_loop() {
        let pieces: [&[u8]; 12] = [
            b"a",
            b"/",
            &[0xc0],
            &[0xc1],
            &[0xe0],
            &[0xf0],
            &[0xf8],
            &[0xfc],
            &[0x80],
            &[0xae],
            &[0xaf],
            "é".as_bytes(),
        ];
        // Every sequence of up to four pieces, and each with text around it.
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for v in &inputs {
                for p in pieces {
                    let mut w = v.clone();
                    w.extend_from_slice(p);
                    next.push(w);
                }
            }
            inputs.extend(next.into_iter().filter(|w| w.len() <= 6));
            inputs.sort();
            inputs.dedup();
        }
        for v in &inputs {
            let mut padded = b"xy ".to_vec();
            padded.extend_from_slice(v);
            padded.extend_from_slice(b" z");
            for w in [v, &padded] {
                assert_eq!(fold_overlong(w), reference_fold_overlong(w), "{w:?}");
                assert_eq!(
                    fold_overlong_owned(w.clone()),
                    reference_fold_overlong(w),
                    "{w:?}"
                );
            }
        }
    }

    /// The definition [`decode_layers_into`] implements without copies: [`percent_decode`]
    /// applied until its answer equals its input.
    fn reference_layers(s: &str) -> Cow<'_, str> {
        let mut cur: Cow<'_, str> = Cow::Borrowed(s);
        for _ in 0..MAX_DECODE_DEPTH {
            match percent_decode(&cur) {
                Cow::Borrowed(_) => break,
                Cow::Owned(next) => {
                    if next == *cur {
                        break;
                    }
                    cur = Cow::Owned(next);
                }
            }
        }
        cur
    }

    /// Every concatenation of up to `depth` of `pieces` (the empty string included), sorted
    /// and without repeats: the inputs the layer tests compare two decoders on.
    fn concatenations(pieces: &[&str], depth: usize) -> Vec<String> {
        let mut inputs = vec![String::new()];
        for _ in 0..depth {
            let mut next = Vec::new();
            for v in &inputs {
                for p in pieces {
                    next.push(format!("{v}{p}"));
                }
            }
            inputs.extend(next);
            inputs.sort();
            inputs.dedup();
        }
        inputs
    }

    #[test]
    fn buffered_layers_equal_repeated_decoding() {
        let pieces = [
            "%", "%25", "%2", "%252", "5", "e", "%ff", "%c0", "%af", "%u2216", "%u00", "\u{fffd}",
            "é", "a", "%%",
        ];
        let inputs = concatenations(&pieces, 3);
        let mut bufs = LayerBufs::default();
        for v in &inputs {
            let want = reference_layers(v);
            assert_eq!(percent_decode_layers(v), want, "{v}");
            let changed = decode_layers_into(v, &mut bufs).decoded;
            assert_eq!(changed, matches!(want, Cow::Owned(_)), "{v}");
            if changed {
                assert_eq!(bufs.cur, want, "{v}");
            }
        }
    }

    /// The definition [`lenient_decode`] implements with fewer copies: each layer's bytes
    /// folded and made text, applied until a layer's text equals its input.
    fn reference_lenient(s: &str) -> String {
        let mut cur = s.to_string();
        for _ in 0..MAX_DECODE_DEPTH {
            if !cur.contains('%') {
                break;
            }
            let mut bytes = Vec::new();
            lenient_layer_into(cur.as_bytes(), &mut bytes);
            let text: String = String::from_utf8_lossy(&fold_overlong(&bytes))
                .chars()
                .map(fold_lookalike)
                .collect();
            if text == cur {
                break;
            }
            cur = text;
        }
        if s.contains('%') {
            cur
        } else {
            s.chars().map(fold_lookalike).collect()
        }
    }

    #[test]
    fn buffered_lenient_layers_equal_the_definition() {
        let pieces = [
            "%",
            "%25",
            "%2",
            "%35",
            "%%",
            "e",
            "%ff",
            "%c0",
            "%e0%80",
            "%ae",
            "%u2216",
            "%uff0e",
            "\u{2215}",
            "\u{fffd}",
            "é",
            "%e2%88%95",
            "%c3%a9",
        ];
        let inputs = concatenations(&pieces, 3);
        for v in &inputs {
            let want = reference_lenient(v);
            assert_eq!(lenient_decode(v), want, "{v}");
            // Read from the percent decoding's memo when that decoding is the same.
            let _ = percent_decode_deep(v);
            assert_eq!(lenient_decode(v), want, "{v}");
        }
        let _ = percent_decode_deep("%252e%2E%2f");
        assert!(shared_lenient_decoding("%252e%2E%2f").is_some_and(|t| t == "../"));
        let _ = percent_decode_deep("caf%C3%A9%2f");
        assert!(shared_lenient_decoding("caf%C3%A9%2f").is_some_and(|t| t == "café/"));
        for v in [
            "%c0%ae",
            "%u002e",
            "100%",
            "%%32%65",
            "%e9",
            "\u{2215}%2e",
            "%e2%88%95",
            "%c1%9c",
        ] {
            let _ = percent_decode_deep(v);
            assert!(shared_lenient_decoding(v).is_none(), "{v}");
        }
    }

    #[test]
    fn remembered_decoding_equals_decoding() {
        let values = [
            "%252e%252e%252f",
            "a%20b",
            "100%",
            "%zz",
            "%ff%fe",
            "plain",
            "%u2216x",
            "%252e%252e%252f",
        ];
        for _ in 0..2 {
            for v in values {
                for _ in 0..2 {
                    let got = percent_decode_deep(v);
                    let want = percent_decode_layers(v);
                    assert_eq!(got, want, "{v}");
                    assert_eq!(
                        matches!(got, Cow::Borrowed(_)),
                        matches!(want, Cow::Borrowed(_)),
                        "{v}"
                    );
                }
            }
        }
    }

    #[test]
    fn percent_layers_and_overlong() {
        assert_eq!(percent_decode("%2e%2e%2f"), "../");
        assert_eq!(percent_decode_deep("%252e%252e%252f"), "../");
        assert_eq!(percent_decode("..%c0%af"), "../");
        assert_eq!(percent_decode("..%u2216"), "..\\");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%e4%bd%a0"), "你");
    }

    #[test]
    fn lenient_overlong_forms() {
        assert_eq!(lenient_decode("%e0%80%ae%e0%80%ae%e0%80%af"), "../");
        assert_eq!(lenient_decode("%fc%80%80%80%80%ae"), ".");
        assert_eq!(lenient_decode("%c0%2e%c0%5c"), ".\\");
        assert_eq!(lenient_decode("%25c0%25ae"), ".");
        assert_eq!(lenient_decode("%uff0e%uff0e%u2216"), "..\\");
        // a two-byte look-alike before a three-byte letter is found whole
        assert_eq!(
            lenient_decode("..\u{a5}\u{65e5}\u{672c}"),
            "..\\\u{65e5}\u{672c}"
        );
        assert_eq!(lenient_decode("caf%C3%A9"), "café");
        assert_eq!(lenient_decode("plain"), "plain");
        // Raw look-alikes beside escapes, and escapes that decode to nothing new.
        assert_eq!(lenient_decode("\u{2215}%2e\u{ff0e}"), "/..");
        assert_eq!(lenient_decode("\u{2216}%zz"), "\\%zz");
        assert!(matches!(lenient_decode("100%"), Cow::Owned(ref t) if t == "100%"));
        assert_eq!(lenient_decode("%%35%63"), "\\");
        assert_eq!(lenient_decode("%%32%%66"), "/");
        assert_eq!(lenient_decode("%5%63"), "\\");
    }

    #[test]
    fn entities() {
        assert_eq!(html_entity_decode("&lt;a&gt;"), "<a>");
        assert_eq!(html_entity_decode("&#x3c;&#60"), "<<");
        assert_eq!(html_entity_decode("Tom & Jerry"), "Tom & Jerry");
        assert_eq!(html_entity_decode("java&#0000115;cript"), "javascript");
    }

    #[test]
    fn backslash_escapes() {
        assert_eq!(backslash_hex_decode(r"\x2fetc"), "/etc");
        assert_eq!(backslash_hex_decode(r"a\ b"), r"a\ b");
        assert_eq!(backslash_hex_decode("é\\u003c"), "é<");
    }

    /// [`lossy_text`] of `b` where `b` is invalid UTF-8 (`None` otherwise).
    fn lossy(b: &[u8]) -> Option<String> {
        std::str::from_utf8(b)
            .err()
            .map(|e| lossy_text(b, e.valid_up_to()))
    }

    #[test]
    fn lossy_text_is_the_standard_lossy_conversion() {
        // Every one- and two-byte sequence, and every three-byte one from bytes that start,
        // continue or break sequences, alone and between ASCII and valid text.
        let picks: Vec<u8> = (0x00..=0x02)
            .chain([0x2e, 0x2f, 0x41, 0x7f])
            .chain(0x80..=0xff)
            .collect();
        let mut cases: Vec<Vec<u8>> = (0..=255u8).map(|a| vec![a]).collect();
        for a in 0..=255u8 {
            cases.extend((0..=255u8).map(|b| vec![a, b]));
        }
        for &a in &picks {
            for &b in &picks {
                cases.extend(picks.iter().map(|&c| vec![a, b, c]));
            }
        }
        for case in &cases {
            for (pre, post) in [(&b""[..], &b""[..]), (b"../..", "/\u{e9}tc".as_bytes())] {
                let b = [pre, case, post].concat();
                if let Some(t) = lossy(&b) {
                    assert_eq!(t, String::from_utf8_lossy(&b), "{b:?}");
                }
            }
        }
        // Longer mixes: a fixed pseudo-random walk over bytes weighted to UTF-8 structure.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut b = Vec::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for k in 0..(x % 40) {
                let r = (x >> (k % 50)) as u8;
                b.push(match k % 5 {
                    0 => 0xc0 | (r & 0x3f),
                    1 | 2 => 0x80 | (r & 0x3f),
                    3 => b'a' + (r % 26),
                    _ => r,
                });
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            }
            if let Some(t) = lossy(&b) {
                assert_eq!(t, String::from_utf8_lossy(&b), "{b:?}");
            }
        }
    }

    #[test]
    fn window_keeps_both_ends() {
        let v = format!("{}X{}", "a".repeat(100), "b".repeat(100));
        let w = bounded_window(&v, 20);
        assert!(w.starts_with("aaaaaaaaaa") && w.ends_with("bbbbbbbbbb"));
        assert!(w.len() <= 21);
        let u = "é".repeat(50);
        assert!(bounded_window(&u, 11).len() <= 12);
    }
}
