//! Feature extraction: hashed character n-grams and word-shape token n-grams.
//!
//! The same function feeds training and inference, so the model never sees a feature the
//! runtime cannot produce. Work is linear in the (already bounded) value length.
//!
//! On x86-64 CPUs with AVX2 (detected at run time) the scoring pass folds the canonical text
//! and hashes the n-gram windows 32 bytes / 8 positions at a time (module `wide`); the scalar
//! code is the portable path and the tail, and tests hold both to the same sums.

use super::split::fnv1a64;

/// Shortest and longest character n-gram.
pub const CHAR_NGRAMS: std::ops::RangeInclusive<usize> = 1..=4;

/// Values longer than this many bytes are featurised on their first bytes only.
pub const MAX_FEATURE_BYTES: usize = 2048;

/// Lower-case and fold the text the model reads: ASCII lower-case, whitespace runs to one
/// space, digits to `0` (numbers carry no attack structure; this keeps benign IDs, prices and
/// dates from looking rare).
pub fn canonical(value: &str) -> Vec<u8> {
    let src = &value.as_bytes()[..value.len().min(MAX_FEATURE_BYTES)];
    // Written by index without a branch per byte: every folded byte is stored, and the
    // write position advances unless the byte is a space after a space (the next byte then
    // overwrites it).
    let mut out = vec![0u8; src.len() + 2];
    out[0] = 0x02; // start marker: lets n-grams anchor on the value's beginning
    let mut len = 1;
    let mut last_space = false;
    for &b in src {
        let c = FOLD[usize::from(b)];
        let space = c == b' ';
        out[len] = c;
        len += usize::from(!(space && last_space));
        last_space = space;
    }
    out[len] = 0x03; // end marker
    out.truncate(len + 1);
    out
}

/// The capacity of a [`canonical_into`] buffer: a power of two above the longest canonical
/// text (`MAX_FEATURE_BYTES` bytes and two markers), so an index masked with
/// `CANON_CAP - 1` is the index itself and needs no bounds check.
pub const CANON_CAP: usize = 4096;
const _: () = assert!(CANON_CAP.is_power_of_two() && CANON_CAP >= MAX_FEATURE_BYTES + 2);

/// [`canonical`] written into a reusable buffer (no allocation, no zeroing, no bounds check
/// per byte); returns the text's length: `out[..len]` is `canonical(value)`.
pub fn canonical_into(value: &str, out: &mut [u8; CANON_CAP]) -> usize {
    const M: usize = CANON_CAP - 1;
    let src = &value.as_bytes()[..value.len().min(MAX_FEATURE_BYTES)];
    out[0] = 0x02;
    #[cfg(target_arch = "x86_64")]
    if wide::available() {
        // SAFETY: `wide::available` checked at run time that this CPU has AVX2, the one
        // target feature `wide::fold_into` is compiled with; it has no other precondition.
        let len = unsafe { wide::fold_into(src, out) };
        out[len & M] = 0x03;
        return len + 1;
    }
    fold_tail(src, out, 1, false)
}

/// [`canonical_into`] one byte at a time from `out[len]` on (`last_space`: whether the byte
/// before is a space); writes the end marker and returns the text's length.
fn fold_tail(src: &[u8], out: &mut [u8; CANON_CAP], len: usize, last_space: bool) -> usize {
    const M: usize = CANON_CAP - 1;
    let mut len = len;
    let mut last_space = last_space;
    for &b in src {
        let c = FOLD[usize::from(b)];
        let space = c == b' ';
        // `len` ≤ 1 + MAX_FEATURE_BYTES < CANON_CAP: the mask never changes it.
        out[len & M] = c;
        len += usize::from(!(space && last_space));
        last_space = space;
    }
    out[len & M] = 0x03;
    len + 1
}

thread_local! {
    /// The canonical-text buffer of [`packed_pair_sums`] on this thread.
    static CANON_BUF: std::cell::RefCell<Box<[u8; CANON_CAP]>> =
        std::cell::RefCell::new(Box::new([0; CANON_CAP]));
}

/// The byte [`canonical`] writes for each input byte: digits to `0`, whitespace to a space,
/// ASCII lower-case.
static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b'0'..=b'9' => b'0',
            b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c => b' ',
            _ => c.to_ascii_lowercase(),
        };
        b += 1;
    }
    t
};

/// FNV-1a's offset basis and prime (as in [`fnv1a64`]).
const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The seed of the character n-gram hash for width `n`.
const fn ngram_seed(n: usize) -> u64 {
    0x9e37_79b9_7f4a_7c15u64.wrapping_mul(n as u64)
}

/// `FIRST_STEP[n - 1][b]` is the FNV-1a state after the first byte `b` of an `n`-gram:
/// a table lookup replaces that first xor-multiply, and the hash stays bit-identical to
/// `fnv1a64(ngram_seed(n), window)`.
static FIRST_STEP: [[u64; 256]; 4] = {
    let mut t = [[0u64; 256]; 4];
    let mut n = 0;
    while n < 4 {
        let basis = FNV_BASIS ^ ngram_seed(n + 1);
        let mut b = 0;
        while b < 256 {
            t[n][b] = (basis ^ b as u64).wrapping_mul(FNV_PRIME);
            b += 1;
        }
        n += 1;
    }
    t
};

/// FNV-1a's prime modulo 2^32: the low `k` (≤ 32) bits of `(h ^ b) * FNV_PRIME` are those of
/// `(h mod 2^k ^ b) * FNV_PRIME_LOW` (a product's low bits depend only on its operands' low
/// bits, and the prime's `2^40` term vanishes below bit 40). A bucket is a hash's low bits,
/// so [`packed_text_sums`] runs its chains modulo [`LANE_MASK`] + 1.
const FNV_PRIME_LOW: u64 = FNV_PRIME & 0xffff_ffff;

/// The low 23 bits, in each 32-bit half of a `u64`: a half below 2^23, xor-ed with a byte
/// and multiplied by `FNV_PRIME_LOW` (below 2^9), stays below 2^32 and never carries into
/// the other half, so two chains advance in one multiply. Tables up to 2^23 buckets.
const LANE_BITS: u32 = 23;
const LANE_MASK: u64 = ((1 << LANE_BITS) - 1) | (((1 << LANE_BITS) - 1) << 32);

/// The width-2 first-step state of every byte, modulo 2^[`LANE_BITS`].
static FIRST_STEP_2: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = FIRST_STEP[1][b] & LANE_MASK & 0xffff_ffff;
        b += 1;
    }
    t
};

/// The width-3 (low half) and width-4 (high half) first-step states of every byte, each
/// modulo 2^[`LANE_BITS`]: the two longer n-grams of a window advance side by side.
static FIRST_STEP_34: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = ((FIRST_STEP[2][b] & 0xffff_ffff) | (FIRST_STEP[3][b] << 32)) & LANE_MASK;
        b += 1;
    }
    t
};

/// Every byte in both halves of a `u64` (what the two chains fold in at one step).
static BYTE_LANES: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u64) | ((b as u64) << 32);
        b += 1;
    }
    t
};

/// Call `f(bucket)` for every feature of `value` in a table of `1 << bits` buckets; returns the
/// number of features emitted (for normalisation).
pub fn for_each_feature(value: &str, bits: u8, f: impl FnMut(usize)) -> usize {
    // The model reads the value as the application would after URL and entity decoding.
    let decoded = crate::normalize::percent_decode_deep(value);
    let decoded = crate::normalize::html_entity_decode(&decoded);
    for_each_feature_decoded(&decoded, bits, f)
}

/// [`for_each_feature`] on a value already percent- and entity-decoded (callers that decoded
/// it for their own checks need not decode twice). The multiset of buckets is the same; their
/// order is not part of the contract (scores sum them).
pub fn for_each_feature_decoded(decoded: &str, bits: u8, mut f: impl FnMut(usize)) -> usize {
    debug_assert!(*CHAR_NGRAMS.start() == 1 && *CHAR_NGRAMS.end() == FIRST_STEP.len());
    let mask = (1usize << bits) - 1;
    let text = canonical(decoded);
    let mut count = 0;
    // Every 1..=4-byte window, in one pass over the text: each window's hash starts from the
    // table state of its first byte and folds in the rest. Full four-byte windows first (no
    // bounds checks in the loop), then the short windows of the last three positions.
    let step = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    let [t1, t2, t3, t4] = &FIRST_STEP;
    for w in text.windows(4) {
        let (a, b, c, d) = (usize::from(w[0]), w[1], w[2], w[3]);
        let h2 = step(t2[a], b);
        let h3 = step(step(t3[a], b), c);
        let h4 = step(step(step(t4[a], b), c), d);
        f((t1[a] as usize) & mask);
        f((h2 as usize) & mask);
        f((h3 as usize) & mask);
        f((h4 as usize) & mask);
    }
    let len = text.len();
    let full = len.saturating_sub(3);
    count += 4 * full;
    for i in full..len {
        let widths = len - i;
        for (n, table) in FIRST_STEP.iter().enumerate().take(widths) {
            let mut h = table[usize::from(text[i])];
            for &b in &text[i + 1..=i + n] {
                h = step(h, b);
            }
            f((h as usize) & mask);
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

/// [`WORD`] bits: a byte that starts a word token (ASCII letter, `_`) and one that
/// continues it (ASCII letter or digit, `_`), as the token pass tests them; and a byte that
/// is a one-byte symbol token by itself (neither a word start, nor a space, nor the `0` that
/// starts a run of digits), the commonest token of attack text, tested first.
const WORD_START: u8 = 1;
const WORD_BYTE: u8 = 2;
const SYMBOL: u8 = 4;
static WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'_' {
            t[b] |= WORD_START;
        } else if c != b' ' && c != b'0' {
            t[b] |= SYMBOL;
        }
        if c.is_ascii_alphanumeric() || c == b'_' {
            t[b] |= WORD_BYTE;
        }
        b += 1;
    }
    t
};

/// The multiplier of the previous token's hash in a token bigram.
const BIGRAM_MUL: u64 = 0x2545_f491_4f6c_dd1d;

/// `fnv1a64(0x7702, &[c])`: a symbol token's hash.
const fn symbol_hash(c: u8) -> u64 {
    ((FNV_BASIS ^ 0x7702) ^ c as u64).wrapping_mul(FNV_PRIME)
}

/// What the token pass adds and carries for one token of hash `h`: its unigram's packed
/// entry, its hash as a bigram's second token reads it (rotated) and as the next bigram's
/// first token reads it (times [`BIGRAM_MUL`]). Made once per byte for the symbol tokens
/// ([`packed_symbol_tokens`]): three loads instead of two multiplies, a rotate and a
/// lookup per symbol, the commonest token of attack text.
/// (32 bytes, aligned: an entry's offset in the table is its byte shifted.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C, align(32))]
pub struct TokenEntry {
    rotated: u64,
    prev: u64,
    unigram: Packed,
}

impl TokenEntry {
    /// The entry of a token of hash `h` in `packed` (a power-of-two table).
    #[inline(always)]
    fn of_hash(h: u64, packed: &[Packed]) -> TokenEntry {
        let mask = packed.len().wrapping_sub(1);
        let bucket = (h.wrapping_mul(0x9e37_79b9) >> 7) as usize & mask;
        TokenEntry {
            unigram: packed.get(bucket).copied().unwrap_or(0),
            rotated: h.rotate_left(17),
            prev: h.wrapping_mul(BIGRAM_MUL),
        }
    }
}

/// Two models' weights of one bucket in one `i32`: the first in the low half, the second
/// times 2^16 (see [`pack_pair`]). Summing packed entries adds both models' weights with one
/// add; a run of at most [`PACKED_RUN`] entries cannot carry one half into the other.
pub type Packed = i32;

/// Pack the weights `a` (low half) and `b` (high half) of one bucket.
pub const fn pack_pair(a: i8, b: i8) -> Packed {
    (a as i32).wrapping_add((b as i32) << 16)
}

/// The most packed entries summed before [`unpack_run`]: 256 weights of magnitude ≤ 128 sum
/// to within `i16` (−32768 ..= 32512), so the low half is exact and the high half is
/// what remains.
const PACKED_RUN: usize = 256;

/// The two sums held by a wrapping sum of at most [`PACKED_RUN`] packed entries.
#[inline]
fn unpack_run(acc: i32) -> (i32, i32) {
    let lo = i32::from(acc as i16);
    (lo, acc.wrapping_sub(lo) >> 16)
}

/// Both models' weight sums over the features of `decoded` (as [`for_each_feature_decoded`]
/// emits them), and the feature count, from a table of packed weights (`N` = `1 << bits`),
/// `uni`, the packed entry of each byte's unigram bucket, and `symbols`, each byte's
/// symbol-token entry ([`packed_symbol_tokens`]). The same features and sums as the
/// callback pass; one add per feature instead of two sign extensions and two adds, and the
/// unigrams without their hashes.
pub fn packed_pair_sums<const N: usize>(
    decoded: &str,
    packed: &[Packed; N],
    uni: &[Packed; 256],
    symbols: &[TokenEntry; 256],
) -> (i32, i32, usize) {
    CANON_BUF.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => packed_buffer_sums(decoded, &mut buf, packed, uni, symbols),
        // Not reachable (the pass calls nothing that scores); correct anyway.
        Err(_) => packed_buffer_sums(decoded, &mut Box::new([0; CANON_CAP]), packed, uni, symbols),
    })
}

/// [`packed_pair_sums`] with `buf` for the canonical text.
fn packed_buffer_sums<const N: usize>(
    decoded: &str,
    buf: &mut [u8; CANON_CAP],
    packed: &[Packed; N],
    uni: &[Packed; 256],
    symbols: &[TokenEntry; 256],
) -> (i32, i32, usize) {
    let len = canonical_into(decoded, buf);
    // A zero after the end marker: not a space, a word byte or a `0`, so the token pass
    // reads `buf[len]` as the end (`len` ≤ MAX_FEATURE_BYTES + 2 < CANON_CAP).
    buf[len & (CANON_CAP - 1)] = 0;
    packed_text_sums(buf, len, packed, uni, symbols)
}

/// [`packed_pair_sums`] of the canonical text `buf[..len]` (with a zero at `buf[len]`).
fn packed_text_sums<const N: usize>(
    buf: &[u8; CANON_CAP],
    len: usize,
    packed: &[Packed; N],
    uni: &[Packed; 256],
    symbols: &[TokenEntry; 256],
) -> (i32, i32, usize) {
    let text = &buf[..len.min(CANON_CAP)];
    // Buckets of at most LANE_BITS bits: the chains below run modulo 2^LANE_BITS.
    const { assert!(N.is_power_of_two() && N >= 256 && N <= 1 << LANE_BITS) };
    let step = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    let at = |h: u64| packed[(h as usize) & (N - 1)];
    let (mut a, mut b) = (0i32, 0i32);
    let mut add_run = |acc: i32| {
        let (x, y) = unpack_run(acc);
        a += x;
        b += y;
    };
    // Full four-byte windows, in runs of PACKED_RUN / 4 windows (four features each).
    let len = text.len();
    let full = len.saturating_sub(3);
    let mut start = 0;
    while start < full {
        let end = (start + PACKED_RUN / 4).min(full);
        add_run(window_run(text, start, end, packed, uni));
        start = end;
    }
    let mut count = 4 * full;
    // The short windows of the last three positions (at most six features).
    let mut acc = 0i32;
    for i in full..len {
        for (n, table) in FIRST_STEP.iter().enumerate().take(len - i) {
            let mut h = table[usize::from(text[i])];
            for &c in &text[i + 1..=i + n] {
                h = step(h, c);
            }
            acc = acc.wrapping_add(at(h));
            count += 1;
        }
    }
    add_run(acc);
    // Token unigrams and bigrams as in `for_each_feature_decoded`, two features per token.
    // A token takes at least one byte, so the tokens that start in `TOKEN_RUN` bytes add at
    // most `PACKED_RUN` entries: one unpack per run of bytes, no count per token.
    const TOKEN_RUN: usize = PACKED_RUN / 2;
    // (the previous token's hash times BIGRAM_MUL; before the first token the hash is 1)
    let mut prev = BIGRAM_MUL;
    let mut i = 0;
    while i < len {
        let run_end = (i + TOKEN_RUN).min(len);
        let (acc, tokens, next) = token_run(buf, i, run_end, &mut prev, packed, symbols);
        add_run(acc);
        count += 2 * tokens;
        i = next;
    }
    (a, b, count)
}

/// The longest word prefix a token hash reads (see [`for_each_feature_decoded`]).
const WORD_PREFIX: usize = 12;

/// The token features of the tokens of the canonical text in `buf` that start in
/// `i..run_end` (as in [`for_each_feature_decoded`]): the wrapping sum of their packed
/// entries, their number and where the next token may start. The text ends with its end
/// marker and a zero (`buf[len]`), neither of them a space, a word byte or a `0`, so words,
/// digit runs and the space after a token end there: a read needs no length test, and
/// `& M` keeps it in the buffer without a bounds check. `prev` carries the last token's
/// hash times [`BIGRAM_MUL`] across runs (all a bigram reads of it); `symbols` is
/// [`packed_symbol_tokens`] of `packed`.
#[inline]
fn token_run<const N: usize>(
    buf: &[u8; CANON_CAP],
    mut i: usize,
    run_end: usize,
    prev: &mut u64,
    packed: &[Packed; N],
    symbols: &[TokenEntry; 256],
) -> (i32, usize, usize) {
    const M: usize = CANON_CAP - 1;
    let mut acc = 0i32;
    let mut tokens = 0;
    let mut last = *prev;
    while i < run_end {
        let c = buf[i & M];
        let class = WORD[usize::from(c)];
        if class & SYMBOL != 0 {
            // The commonest token, on a path of its own: the tail below, written out again
            // so that the compiler keeps this path short.
            let token = &symbols[usize::from(c)];
            i += 1;
            i += usize::from(buf[i & M] == b' ');
            let bigram = token.rotated ^ last;
            acc = acc
                .wrapping_add(token.unigram)
                .wrapping_add(packed[(bigram >> 11) as usize & (N - 1)]);
            tokens += 1;
            last = token.prev;
            continue;
        }
        let token = if class & WORD_START != 0 {
            let (h, end) = word_hash(buf, i);
            i = end;
            TokenEntry::of_hash(h, packed)
        } else if c == b' ' {
            i += 1;
            continue;
        } else {
            // (the byte is a `0`, the one byte left) digits were folded to '0'; a run of
            // them is one token, hashed as the symbol `0`
            i += 1;
            while buf[i & M] == b'0' {
                i += 1;
            }
            symbols[usize::from(c)]
        };
        // The canonical text has single spaces, most of them right after a token: stepped
        // over here rather than by a turn of the loop (a space is no token, and the
        // tokens that start in this run are the same).
        i += usize::from(buf[i & M] == b' ');
        let bigram = token.rotated ^ last;
        acc = acc
            .wrapping_add(token.unigram)
            .wrapping_add(packed[(bigram >> 11) as usize & (N - 1)]);
        tokens += 1;
        last = token.prev;
    }
    *prev = last;
    (acc, tokens, i)
}

/// `fnv1a64(0x7701, word[..12])` of the word that starts at `buf[start]` (in a text that
/// ends with a byte that is no word byte, see [`token_run`]), and the index after the
/// word. The twelve bytes are read as one fixed-size array (no bounds check or end test per
/// byte; the loop unrolls). Inlined into the token loop: a call per word cost more than its
/// hashing.
#[inline(always)]
fn word_hash(buf: &[u8; CANON_CAP], start: usize) -> (u64, usize) {
    const M: usize = CANON_CAP - 1;
    let step = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    let is_word = |b: u8| WORD[usize::from(b)] & WORD_BYTE != 0;
    let mut h = FNV_BASIS ^ 0x7701;
    let mut i = start;
    // (`start` is below MAX_FEATURE_BYTES + 2, twelve bytes before the buffer's end: the
    // byte-at-a-time branch is never taken)
    if let Some(w) = buf.get(start..start + WORD_PREFIX) {
        let w: &[u8; WORD_PREFIX] = w.try_into().unwrap_or(&[0; WORD_PREFIX]);
        for &b in w {
            if !is_word(b) {
                return (h, i);
            }
            h = step(h, b);
            i += 1;
        }
    } else {
        while i < start + WORD_PREFIX && is_word(buf[i & M]) {
            h = step(h, buf[i & M]);
            i += 1;
        }
    }
    // Twelve word bytes hashed: the rest of the word is skipped.
    while is_word(buf[i & M]) {
        i += 1;
    }
    (h, i)
}

/// The wrapping sum of the packed entries of the four windows (widths 1 to 4) at each
/// position of `start..end` (at most [`PACKED_RUN`] / 4 positions, each with three bytes
/// after it in `text`): eight positions at a time with AVX2 where the CPU has it, one at a
/// time otherwise. Both give the same sum (integer adds commute).
fn window_run<const N: usize>(
    text: &[u8],
    start: usize,
    end: usize,
    packed: &[Packed; N],
    uni: &[Packed; 256],
) -> i32 {
    #[cfg(target_arch = "x86_64")]
    if wide::available() {
        // SAFETY: `wide::available` checked at run time that this CPU has AVX2, the one
        // target feature `wide::window_run` is compiled with; it has no other precondition.
        return unsafe { wide::window_run(text, start, end, packed, uni) };
    }
    scalar_window_run(text, start, end, packed, uni)
}

/// [`window_run`] one position at a time (portable; also the tail of the AVX2 run).
fn scalar_window_run<const N: usize>(
    text: &[u8],
    start: usize,
    end: usize,
    packed: &[Packed; N],
    uni: &[Packed; 256],
) -> i32 {
    let at = |h: u64| packed[(h as usize) & (N - 1)];
    let mut acc = 0i32;
    for w in text[start..end + 3].windows(4) {
        let (c0, c1, c2, c3) = (usize::from(w[0]), w[1], w[2], w[3]);
        // Width 2 alone; widths 3 and 4 side by side for two bytes (the low half is then
        // the width-3 hash), width 4 alone for its last byte: 4 multiplies, not 6.
        let h2 = (FIRST_STEP_2[c0] ^ u64::from(c1)).wrapping_mul(FNV_PRIME_LOW);
        let x = (FIRST_STEP_34[c0] ^ BYTE_LANES[usize::from(c1)]).wrapping_mul(FNV_PRIME_LOW);
        let x = ((x & LANE_MASK) ^ BYTE_LANES[usize::from(c2)]).wrapping_mul(FNV_PRIME_LOW);
        let x = x & LANE_MASK;
        let h3 = x;
        let h4 = ((x >> 32) ^ u64::from(c3)).wrapping_mul(FNV_PRIME_LOW);
        acc = acc
            .wrapping_add(uni[c0])
            .wrapping_add(at(h2))
            .wrapping_add(at(h3))
            .wrapping_add(at(h4));
    }
    acc
}

/// The window hashes of eight positions at once in 32-bit lanes. A bucket is a hash's low
/// bits (at most 2^23 buckets), and the low 32 bits of FNV-1a's state depend only on the
/// low 32 bits of the basis and the prime (a product's low bits depend only on its
/// operands' low bits), so lanes modulo 2^32 give the very buckets of the 64-bit hash.
#[cfg(target_arch = "x86_64")]
mod wide {
    use super::{fold_tail, CANON_CAP};
    use super::{ngram_seed, scalar_window_run, Packed, FNV_BASIS, FNV_PRIME};
    use std::arch::x86_64::{
        _mm256_add_epi32, _mm256_and_si256, _mm256_blendv_epi8, _mm256_cmpeq_epi8,
        _mm256_cvtepu8_epi32, _mm256_extract_epi32, _mm256_extract_epi64, _mm256_i32gather_epi32,
        _mm256_min_epu8, _mm256_movemask_epi8, _mm256_mullo_epi32, _mm256_or_si256,
        _mm256_set1_epi32, _mm256_set1_epi8, _mm256_set_epi64x, _mm256_setzero_si256,
        _mm256_sub_epi8, _mm256_xor_si256, _mm_cvtsi64_si128,
    };

    /// Whether this CPU has AVX2.
    pub(super) use crate::avx2_available as available;

    /// The low 32 bits of FNV-1a's state after the basis of the width-`n` n-gram hash.
    const fn basis(n: usize) -> i32 {
        (FNV_BASIS ^ ngram_seed(n)) as u32 as i32
    }

    /// The canonical bytes of `src` written from `out[1]` on (see [`super::canonical_into`]),
    /// 32 bytes per step; returns the end (where the end marker goes). A block with no space
    /// after a space (also across blocks) is stored whole; another is compacted byte by
    /// byte, as is the tail.
    #[target_feature(enable = "avx2")]
    pub(super) fn fold_into(src: &[u8], out: &mut [u8; CANON_CAP]) -> usize {
        const M: usize = CANON_CAP - 1;
        // Whether each byte is in `lo .. lo + n` (wrapping subtraction, unsigned minimum).
        macro_rules! in_range {
            ($v:expr, $lo:expr, $n:expr) => {{
                let d = _mm256_sub_epi8($v, _mm256_set1_epi8($lo as i8));
                _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(($n - 1) as i8)), d)
            }};
        }
        let mut len = 1;
        let mut last_space = false;
        let mut blocks = src.chunks_exact(32);
        for block in &mut blocks {
            let mut q = [0i64; 4];
            for (w, bytes) in q.iter_mut().zip(block.chunks_exact(8)) {
                let mut b = [0u8; 8];
                b.copy_from_slice(bytes);
                *w = i64::from_le_bytes(b);
            }
            let v = _mm256_set_epi64x(q[3], q[2], q[1], q[0]);
            // FOLD: ASCII upper case to lower, digits to '0', whitespace to ' '.
            let upper = in_range!(v, b'A', 26u8);
            let lower = _mm256_or_si256(v, _mm256_and_si256(upper, _mm256_set1_epi8(0x20)));
            let digits = in_range!(v, b'0', 10u8);
            let white = _mm256_or_si256(
                _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b' ' as i8)),
                in_range!(v, b'\t', 5u8),
            );
            let f = _mm256_blendv_epi8(lower, _mm256_set1_epi8(b'0' as i8), digits);
            let f = _mm256_blendv_epi8(f, _mm256_set1_epi8(b' ' as i8), white);
            let folded_words = [
                _mm256_extract_epi64::<0>(f),
                _mm256_extract_epi64::<1>(f),
                _mm256_extract_epi64::<2>(f),
                _mm256_extract_epi64::<3>(f),
            ];
            let mut folded = [0u8; 32];
            for (bytes, w) in folded.chunks_exact_mut(8).zip(folded_words) {
                bytes.copy_from_slice(&w.to_le_bytes());
            }
            let spaces = _mm256_movemask_epi8(white) as u32;
            if spaces & ((spaces << 1) | u32::from(last_space)) == 0 {
                // `len` is at most 1 + the bytes read before this block, so the block ends
                // by MAX_FEATURE_BYTES + 1 < CANON_CAP.
                out[len..len + 32].copy_from_slice(&folded);
                len += 32;
                last_space = spaces >> 31 != 0;
            } else {
                for &c in &folded {
                    let space = c == b' ';
                    out[len & M] = c;
                    len += usize::from(!(space && last_space));
                    last_space = space;
                }
            }
        }
        fold_tail(blocks.remainder(), out, len, last_space) - 1
    }

    /// [`super::window_run`] with AVX2: eight positions per step, the rest one at a time.
    #[target_feature(enable = "avx2")]
    pub(super) fn window_run<const N: usize>(
        text: &[u8],
        start: usize,
        end: usize,
        packed: &[Packed; N],
        uni: &[Packed; 256],
    ) -> i32 {
        // The gathers' SAFETY rests on `h & (N - 1) < N`: true for a power of two only.
        const { assert!(N.is_power_of_two() && N <= 1 << 30) };
        let prime = _mm256_set1_epi32(FNV_PRIME as u32 as i32);
        let mask = _mm256_set1_epi32((N - 1) as i32);
        let (b2, b3, b4) = (
            _mm256_set1_epi32(basis(2)),
            _mm256_set1_epi32(basis(3)),
            _mm256_set1_epi32(basis(4)),
        );
        // The bytes at `w[k .. k + 8]`, one per lane.
        macro_rules! bytes_at {
            ($w:expr, $k:expr) => {{
                let mut b = [0u8; 8];
                b.copy_from_slice(&$w[$k..$k + 8]);
                _mm256_cvtepu8_epi32(_mm_cvtsi64_si128(i64::from_le_bytes(b)))
            }};
        }
        macro_rules! step {
            ($h:expr, $c:expr) => {
                _mm256_mullo_epi32(_mm256_xor_si256($h, $c), prime)
            };
        }
        // Eight lanes of wrapping sums: their total is the scalar run's wrapping sum
        // (integer adds commute), all [`super::unpack_run`] needs.
        let mut lanes = _mm256_setzero_si256();
        let mut i = start;
        while i + 8 <= end {
            // Positions `i .. i + 8` read the bytes up to `i + 10` (`i + 8 <= end` and
            // `end + 3 <= text.len()`): one bounds check per step, none per byte (the
            // missing window cannot happen; the scalar run would take over).
            let Some(Ok(w)) = text.get(i..i + 11).map(<&[u8; 11]>::try_from) else {
                break;
            };
            let (c0, c1, c2, c3) = (
                bytes_at!(w, 0),
                bytes_at!(w, 1),
                bytes_at!(w, 2),
                bytes_at!(w, 3),
            );
            let h2 = _mm256_and_si256(step!(step!(b2, c0), c1), mask);
            let h3 = _mm256_and_si256(step!(step!(step!(b3, c0), c1), c2), mask);
            let h4 = _mm256_and_si256(step!(step!(step!(step!(b4, c0), c1), c2), c3), mask);
            // SAFETY: the gathers read `packed[h]` for lanes `h` masked with `N - 1`, below
            // `N == packed.len()`, and `uni[c]` for lanes `c` that are bytes, below
            // `256 == uni.len()`; the scale 4 is the size of a `Packed` (`i32`).
            let entries = unsafe {
                let table = packed.as_ptr();
                _mm256_add_epi32(
                    _mm256_add_epi32(
                        _mm256_i32gather_epi32::<4>(table, h2),
                        _mm256_i32gather_epi32::<4>(table, h3),
                    ),
                    _mm256_add_epi32(
                        _mm256_i32gather_epi32::<4>(table, h4),
                        _mm256_i32gather_epi32::<4>(uni.as_ptr(), c0),
                    ),
                )
            };
            lanes = _mm256_add_epi32(lanes, entries);
            i += 8;
        }
        let acc = [
            _mm256_extract_epi32::<0>(lanes),
            _mm256_extract_epi32::<1>(lanes),
            _mm256_extract_epi32::<2>(lanes),
            _mm256_extract_epi32::<3>(lanes),
            _mm256_extract_epi32::<4>(lanes),
            _mm256_extract_epi32::<5>(lanes),
            _mm256_extract_epi32::<6>(lanes),
            _mm256_extract_epi32::<7>(lanes),
        ]
        .into_iter()
        .fold(0i32, i32::wrapping_add);
        acc.wrapping_add(scalar_window_run(text, i, end, packed, uni))
    }
}

/// The packed entry of every byte's unigram bucket in `packed` (the first-step table of
/// width 1 is the whole unigram hash).
/// `packed.len()` must be a power of two (the table of `1 << bits` buckets).
pub fn packed_unigrams(packed: &[Packed]) -> [Packed; 256] {
    debug_assert!(packed.len().is_power_of_two());
    let mask = packed.len().wrapping_sub(1);
    let mut u = [0; 256];
    for (e, &h) in u.iter_mut().zip(&FIRST_STEP[0]) {
        *e = packed.get((h as usize) & mask).copied().unwrap_or(0);
    }
    u
}

/// Every byte's [`TokenEntry`] as a symbol token (of hash [`symbol_hash`]) in `packed`; a
/// byte that is never a symbol token gets its entry too, unread. `packed.len()` must be a
/// power of two (the table of `1 << bits` buckets).
pub fn packed_symbol_tokens(packed: &[Packed]) -> [TokenEntry; 256] {
    debug_assert!(packed.len().is_power_of_two());
    let mut t = [TokenEntry::default(); 256];
    for (c, e) in t.iter_mut().enumerate() {
        *e = TokenEntry::of_hash(symbol_hash(c as u8), packed);
    }
    t
}

/// The two weights of a packed entry (see [`pack_pair`]).
pub fn unpack_pair(e: Packed) -> (i32, i32) {
    unpack_run(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition the table-driven pass must agree with: every n-gram window
    /// hashed on its own with `fnv1a64(ngram_seed(n), window)`.
    fn reference_char_buckets(decoded: &str, bits: u8) -> Vec<usize> {
        let mask = (1usize << bits) - 1;
        let text = canonical(decoded);
        let mut v = Vec::new();
        for n in CHAR_NGRAMS {
            for w in text.windows(n) {
                v.push((fnv1a64(ngram_seed(n), w) as usize) & mask);
            }
        }
        v.sort_unstable();
        v
    }

    /// The plain definition of [`canonical`]: fold every byte, drop a space after a space.
    fn reference_canonical(value: &str) -> Vec<u8> {
        let mut out = vec![0x02];
        for &b in value.as_bytes().iter().take(MAX_FEATURE_BYTES) {
            let c = FOLD[usize::from(b)];
            if !(c == b' ' && out.last() == Some(&b' ')) {
                out.push(c);
            }
        }
        out.push(0x03);
        out
    }

    #[test]
    fn canonical_matches_the_plain_definition() {
        let spaced = "a  \t\n b ".repeat(600);
        let dense = "ab ".repeat(1000);
        for v in [
            "",
            " ",
            "  ",
            "a  b",
            " \t\r\n x 12 34 ",
            "ÄB  c",
            &spaced,
            &dense,
        ] {
            assert_eq!(canonical(v), reference_canonical(v), "{v:?}");
            let mut buf = Box::new([0xaa; CANON_CAP]);
            let n = canonical_into(v, &mut buf);
            assert_eq!(buf[..n], reference_canonical(v)[..], "{v:?}");
        }
        assert_eq!(canonical(&dense).len(), MAX_FEATURE_BYTES + 2);
    }

    /// The 32-byte blocks fold and compact as the byte loop does: every byte class, spaces
    /// doubled inside a block, across a block edge and at the ends, lengths around blocks.
    #[test]
    fn block_folding_matches_the_plain_definition() {
        let alphabet: &[u8] = b"aZ09 \t\n\r\x0b\x0c_<'\x7f";
        let mut buf = Box::new([0u8; CANON_CAP]);
        let mut state = 0x1234_5678u32;
        for len in (0..140).chain([2047, 2048, 2049, 3000]) {
            for round in 0..12 {
                let mut v: Vec<u8> = (0..len)
                    .map(|_| {
                        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        alphabet[(state >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                // Spaces pairs at block edges.
                for edge in [31usize, 32, 63, 64] {
                    if round % 3 == 0 && edge < len {
                        v[edge] = b' ';
                        v[edge - 1] = b'\t';
                    }
                }
                let mut v = String::from_utf8(v).unwrap();
                if round == 11 {
                    v.push_str("Grüße  東京");
                }
                let n = canonical_into(&v, &mut buf);
                assert_eq!(buf[..n], reference_canonical(&v)[..], "{v:?}");
            }
        }
    }

    /// The packed pass sums what the callback pass sums, for weights at both extremes
    /// (the carry bound of a run) and mixed, on short, long, token-heavy and non-ASCII text.
    #[test]
    fn packed_sums_match_the_callback_pass() {
        const N: usize = 1 << 16;
        let long_words = "select name from t where id = 1 and x < 3; ".repeat(80);
        let symbols = "<>()'\"=;,".repeat(400);
        let digits = "12 3456 7 ".repeat(300);
        let texts = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "1' OR '1'='1 -- ",
            "<svg onload=alert(1)>",
            "Grüße, 東京 -- x",
            "supercalifragilistic_expialidocious12 abcdefghijkl abcdefghijklm x_1 _a",
            // Words of 11 to 14 bytes ending at the text's end (the word hash reads twelve
            // bytes at once only where twelve remain).
            "abcdefghijk",
            "abcdefghijkl",
            "= abcdefghijklm",
            "= abcdefghijklmn",
            "x abcdefghij0k",
            &long_words,
            &symbols,
            &digits,
        ];
        let fills: [fn(usize) -> i8; 3] = [
            |_| -128,
            |_| 127,
            |i| (i as u8).wrapping_mul(151).wrapping_add(7) as i8,
        ];
        for fa in fills {
            for fb in fills {
                let wa: Vec<i8> = (0..N).map(fa).collect();
                let wb: Vec<i8> = (0..N).map(|i| fb(i ^ 0x5a5a)).collect();
                let packed: Vec<Packed> =
                    wa.iter().zip(&wb).map(|(&a, &b)| pack_pair(a, b)).collect();
                let table = <&[Packed; N]>::try_from(&packed[..]).unwrap();
                let uni = packed_unigrams(&packed);
                let symbols = packed_symbol_tokens(&packed);
                for t in texts {
                    let (mut a, mut b) = (0i32, 0i32);
                    let n = for_each_feature_decoded(t, 16, |h| {
                        a += i32::from(wa[h]);
                        b += i32::from(wb[h]);
                    });
                    assert_eq!(
                        packed_pair_sums(t, table, &uni, &symbols),
                        (a, b, n),
                        "{t:?}"
                    );
                }
            }
        }
    }

    /// The two-lane chains reduce modulo 2^23: the widest fixed table (2^20 buckets, the
    /// widest `PairTable::sums` takes) must see the very buckets of the 64-bit hash.
    #[test]
    fn packed_sums_match_at_the_widest_table() {
        const N: usize = 1 << 20;
        let wa: Vec<i8> = (0..N).map(|i| (i as u8).wrapping_mul(151) as i8).collect();
        let wb: Vec<i8> = (0..N)
            .map(|i| ((i >> 5) as u8).wrapping_mul(97) as i8)
            .collect();
        let packed: Vec<Packed> = wa.iter().zip(&wb).map(|(&a, &b)| pack_pair(a, b)).collect();
        let table = <&[Packed; N]>::try_from(&packed[..]).unwrap();
        let uni = packed_unigrams(&packed);
        let symbols = packed_symbol_tokens(&packed);
        for t in [
            "<svg onload=alert(1)>",
            "1' OR '1'='1 -- ",
            "Grüße, 東京 -- x",
            "\u{ff}\u{7ff}",
        ] {
            let (mut a, mut b) = (0i32, 0i32);
            let n = for_each_feature_decoded(t, 20, |h| {
                a += i32::from(wa[h]);
                b += i32::from(wb[h]);
            });
            assert_eq!(
                packed_pair_sums(t, table, &uni, &symbols),
                (a, b, n),
                "{t:?}"
            );
        }
    }

    /// The eight-lane run and the one-at-a-time run sum the same entries, at every run
    /// length and start, on bytes of every kind (the CPU's own path is what `window_run`
    /// takes; on a CPU without AVX2 both sides are the scalar run).
    #[test]
    fn window_runs_agree_with_the_scalar_run() {
        const N: usize = 1 << 17;
        let packed: Vec<Packed> = (0..N)
            .map(|i| pack_pair((i as u8).wrapping_mul(151) as i8, ((i >> 7) as u8) as i8))
            .collect();
        let table = <&[Packed; N]>::try_from(&packed[..]).unwrap();
        let uni = packed_unigrams(&packed);
        let text: Vec<u8> = (0..200u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .chain(*b"\x02<svg onload=alert(1)> 1' or '0'='0 -- \x03")
            .collect();
        let full = text.len() - 3;
        for start in 0..20 {
            for end in start..(start + PACKED_RUN / 4).min(full) {
                assert_eq!(
                    window_run(&text, start, end, table, &uni),
                    scalar_window_run(&text, start, end, table, &uni),
                    "{start}..{end}"
                );
            }
        }
        let tail = full - PACKED_RUN / 4;
        assert_eq!(
            window_run(&text, tail, full, table, &uni),
            scalar_window_run(&text, tail, full, table, &uni)
        );
    }

    #[test]
    fn char_ngram_hashes_match_the_plain_definition() {
        for v in [
            "",
            "a",
            "ab",
            "1' OR '1'='1",
            "<svg onload=alert(1)>",
            "Grüße, 東京 -- x",
        ] {
            let mut got = Vec::new();
            for_each_feature_decoded(v, 18, |h| got.push(h));
            let text_len = canonical(v).len();
            let char_count: usize = CHAR_NGRAMS.map(|n| text_len.saturating_sub(n - 1)).sum();
            let mut chars = got[..char_count].to_vec();
            chars.sort_unstable();
            assert_eq!(chars, reference_char_buckets(v, 18), "{v:?}");
        }
    }
}
