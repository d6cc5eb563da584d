//! Feature extraction: hashed character n-grams and word-shape token n-grams.
//!
//! The same function feeds training and inference, so the model never sees a feature the
//! runtime cannot produce. Work is linear in the (already bounded) value length.

use super::split::fnv1a64;

/// Shortest and longest character n-gram.
pub const CHAR_NGRAMS: std::ops::RangeInclusive<usize> = 1..=4;

/// Values longer than this many bytes are featurised on their first bytes only.
pub const MAX_FEATURE_BYTES: usize = 2048;

/// Lower-case and fold the text the model reads: ASCII lower-case, whitespace runs to one
/// space, digits to `0` (numbers carry no attack structure; this keeps benign IDs, prices and
/// dates from looking rare).
pub fn canonical(value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len().min(MAX_FEATURE_BYTES) + 2);
    out.push(0x02); // start marker: lets n-grams anchor on the value's beginning
    let mut last_space = false;
    for &b in value.as_bytes().iter().take(MAX_FEATURE_BYTES) {
        let c = match b {
            b'0'..=b'9' => b'0',
            b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c => b' ',
            _ => b.to_ascii_lowercase(),
        };
        if c == b' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    }
    out.push(0x03); // end marker
    out
}

/// Call `f(bucket)` for every feature of `value` in a table of `1 << bits` buckets; returns the
/// number of features emitted (for normalisation).
pub fn for_each_feature(value: &str, bits: u8, mut f: impl FnMut(usize)) -> usize {
    let mask = (1usize << bits) - 1;
    // The model reads the value as the application would after URL and entity decoding.
    let decoded = crate::normalize::percent_decode_deep(value);
    let decoded = crate::normalize::html_entity_decode(&decoded);
    let text = canonical(&decoded);
    let mut count = 0;
    for n in CHAR_NGRAMS {
        if text.len() < n {
            break;
        }
        let seed = 0x9e37_79b9_7f4a_7c15u64.wrapping_mul(n as u64);
        for w in text.windows(n) {
            f((fnv1a64(seed, w) as usize) & mask);
            count += 1;
        }
    }
    // Token n-grams over word shapes: a word is its lower-cased letters (max 12), a symbol
    // is itself. Bigrams of these capture "keyword punctuation keyword" structure that
    // character windows of 4 cannot span.
    let mut prev: u64 = 0x1;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        let tok_hash;
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < text.len() && (text[i].is_ascii_alphanumeric() || text[i] == b'_') {
                i += 1;
            }
            let end = (start + 12).min(i);
            tok_hash = fnv1a64(0x7701, &text[start..end]);
        } else if c == b' ' {
            i += 1;
            continue;
        } else {
            // digits were folded to '0'; a run of them is one token
            let start = i;
            i += 1;
            if c == b'0' {
                while i < text.len() && text[i] == b'0' {
                    i += 1;
                }
            }
            tok_hash = fnv1a64(0x7702, &text[start..start + 1]);
        }
        let bigram = tok_hash.rotate_left(17) ^ prev.wrapping_mul(0x2545_f491_4f6c_dd1d);
        f((tok_hash.wrapping_mul(0x9e37_79b9) >> 7) as usize & mask);
        f((bigram >> 11) as usize & mask);
        count += 2;
        prev = tok_hash;
    }
    count
}
