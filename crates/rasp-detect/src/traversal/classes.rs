//! The [`BYTE_CLASS`] bits of a whole value, the first thing [`super::judge`] asks of every
//! value: 32 bytes per step with AVX2 where the CPU has it, one byte at a time otherwise.
//! Both give the same bits (a unit test compares them on every byte and generated text).

use super::{AMP, BYTE_CLASS, CHANGED_LEAD, COLON, NOT_PLAIN, RELEVANT, REWRITTEN, SLASH, ZERO};

/// The union of [`BYTE_CLASS`] over the bytes of `b`.
pub(super) fn of(b: &[u8]) -> u8 {
    #[cfg(target_arch = "x86_64")]
    if crate::avx2_available() {
        // SAFETY: `avx2_available` checked at run time that this CPU has AVX2, the one
        // target feature `wide` is compiled with; it has no other precondition.
        return unsafe { wide(b) };
    }
    scalar(b)
}

/// [`of`] one byte at a time (portable; the definition the vector path is tested against).
fn scalar(b: &[u8]) -> u8 {
    b.iter()
        .fold(0u8, |acc, &c| acc | BYTE_CLASS[usize::from(c)])
}

/// The eight bytes of `b` from `at` as one little-endian word.
#[inline(always)]
fn word_at(b: &[u8], at: usize) -> i64 {
    let mut eight = [0u8; 8];
    eight.copy_from_slice(&b[at..at + 8]);
    i64::from_le_bytes(eight)
}

/// [`of`] 32 bytes per step. Each bit is the definition of [`BYTE_CLASS`] written as
/// comparisons: `RELEVANT` for `. / \ % : 0` and bytes outside ASCII (0x80 and up: negative
/// as `i8`), `NOT_PLAIN` for `/ \ %`, controls (below 0x20, and DEL) and bytes outside ASCII,
/// `ZERO` for `0`, `REWRITTEN` for `\ %` and controls other than `\n` and `\t`, `COLON` for
/// `:`, `SLASH` for `/`, `CHANGED_LEAD` for 0xC2, 0xC4, 0xE2, 0xEE and 0xEF, `AMP` for `&`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn wide(b: &[u8]) -> u8 {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
        _mm256_extract_epi64, _mm256_or_si256, _mm256_set1_epi8, _mm256_set_epi64x,
        _mm256_setzero_si256,
    };
    macro_rules! eq {
        ($v:expr, $c:expr) => {
            _mm256_cmpeq_epi8($v, _mm256_set1_epi8($c as u8 as i8))
        };
    }
    macro_rules! or {
        ($a:expr, $b:expr) => {
            _mm256_or_si256($a, $b)
        };
    }
    macro_rules! bits {
        ($mask:expr, $bit:expr) => {
            _mm256_and_si256($mask, _mm256_set1_epi8($bit as i8))
        };
    }
    #[target_feature(enable = "avx2")]
    fn block_classes(q: [i64; 4]) -> __m256i {
        let v = _mm256_set_epi64x(q[3], q[2], q[1], q[0]);
        let high = _mm256_cmpgt_epi8(_mm256_setzero_si256(), v);
        let escape = or!(eq!(v, b'\\'), eq!(v, b'%'));
        let slash = eq!(v, b'/');
        let colon = eq!(v, b':');
        let separator = or!(escape, slash);
        let zero = eq!(v, b'0');
        let relevant = or!(or!(separator, zero), or!(or!(eq!(v, b'.'), colon), high));
        // Below 0x20 as `i8` are the controls and the bytes outside ASCII.
        let below_space = _mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v);
        let control = or!(_mm256_andnot_si256(high, below_space), eq!(v, 0x7f));
        let kept_control = or!(eq!(v, b'\n'), eq!(v, b'\t'));
        let rewritten = or!(escape, _mm256_andnot_si256(kept_control, control));
        let not_plain = or!(or!(separator, control), high);
        let changed_lead = or!(
            or!(
                or!(eq!(v, 0xc2), eq!(v, 0xc4)),
                or!(eq!(v, 0xe2), eq!(v, 0xee))
            ),
            eq!(v, 0xef)
        );
        or!(
            or!(
                or!(bits!(relevant, RELEVANT), bits!(not_plain, NOT_PLAIN)),
                or!(bits!(zero, ZERO), bits!(rewritten, REWRITTEN))
            ),
            or!(
                or!(bits!(colon, COLON), bits!(changed_lead, CHANGED_LEAD)),
                or!(bits!(eq!(v, b'&'), AMP), bits!(slash, SLASH))
            )
        )
    }
    let mut acc = _mm256_setzero_si256();
    let mut blocks = b.chunks_exact(32);
    for block in &mut blocks {
        acc = or!(
            acc,
            block_classes([0, 8, 16, 24].map(|at| word_at(block, at)))
        );
    }
    // The last bytes: the union is the same however often a byte is counted, so they are
    // read as the last 32 bytes of the value, or as four words that overlap (a value of 8
    // to 31 bytes); a shorter one goes through the table.
    let (len, rest) = (b.len(), blocks.remainder());
    if len >= 32 && !rest.is_empty() {
        acc = or!(
            acc,
            block_classes([32, 24, 16, 8].map(|back| word_at(b, len - back)))
        );
    } else if (8..32).contains(&len) {
        acc = or!(
            acc,
            block_classes([0, 8, 16, 24].map(|at| word_at(b, at.min(len - 8))))
        );
    } else if len < 8 {
        return scalar(b);
    }
    let words = [
        _mm256_extract_epi64::<0>(acc),
        _mm256_extract_epi64::<1>(acc),
        _mm256_extract_epi64::<2>(acc),
        _mm256_extract_epi64::<3>(acc),
    ];
    // The eight bytes of the union of the words, folded onto the lowest.
    let x = words.into_iter().fold(0i64, |x, w| x | w) as u64;
    let x = x | x >> 32;
    let x = x | x >> 16;
    (x | x >> 8) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte class, in blocks of ASCII and with bytes outside it, at lengths around the
    /// block size: the vector path gives the table's bits.
    #[test]
    fn block_classes_are_the_tables() {
        let alphabet: &[u8] = b"aZ09./\\%:&x \n\t\r\x00\x01\x1f\x7f\xc2\xc4\xe2\xee\xef\x80\xff";
        let mut next = super::super::lcg(0xc1a5);
        for len in (0..100).chain([255, 256, 257, 1000]) {
            for _ in 0..40 {
                // Mostly one class per value, so every bit is also seen alone.
                let pick = [next(alphabet.len()), next(alphabet.len())];
                let v: Vec<u8> = (0..len)
                    .map(|_| match next(8) {
                        0 => alphabet[next(alphabet.len())],
                        1 => alphabet[pick[1]],
                        _ => alphabet[pick[0]],
                    })
                    .collect();
                assert_eq!(of(&v), scalar(&v), "{v:?}");
            }
        }
        for c in 0..=255u8 {
            let mut v = vec![b'a'; 70];
            for at in [0, 31, 32, 63, 64, 69] {
                v[at] = c;
                assert_eq!(of(&v), scalar(&v), "{c:#x} at {at}");
                v[at] = b'a';
            }
        }
    }
}
