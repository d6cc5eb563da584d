//! The [`BYTE_CLASS`] bits of a whole value, the first thing [`super::judge`] asks of every
//! value: 32 ASCII bytes per step with AVX2 where the CPU has it, one byte at a time
//! otherwise (and for a block with a byte outside ASCII). Both give the same bits (a unit
//! test compares them on generated text).

use super::{BYTE_CLASS, NOT_PLAIN, RELEVANT, REWRITTEN, ZERO};

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

/// [`of`] one byte at a time (portable; also the tail and the non-ASCII blocks of [`wide`]).
fn scalar(b: &[u8]) -> u8 {
    b.iter().fold(0u8, |acc, &c| acc | BYTE_CLASS[usize::from(c)])
}

/// [`of`] 32 bytes per step. A block of ASCII bytes only has the bits of its bytes computed
/// by comparisons: `RELEVANT` for `. / \ % : 0`, `NOT_PLAIN` for `/ \ %` and controls (below
/// 0x20, and DEL), `ZERO` for `0`, `REWRITTEN` for `\ %` and controls other than `\n` and
/// `\t` (the definitions of [`BYTE_CLASS`] restricted to ASCII, where `NON_ASCII` and
/// `CHANGED_LEAD` never hold). A block with a byte outside ASCII is folded by the table.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn wide(b: &[u8]) -> u8 {
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
        _mm256_extract_epi64, _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
        _mm256_set_epi64x, _mm256_setzero_si256,
    };
    macro_rules! eq {
        ($v:expr, $c:expr) => {
            _mm256_cmpeq_epi8($v, _mm256_set1_epi8($c as i8))
        };
    }
    macro_rules! bits {
        ($mask:expr, $bit:expr) => {
            _mm256_and_si256($mask, _mm256_set1_epi8($bit as i8))
        };
    }
    let mut acc = _mm256_setzero_si256();
    let mut table_bits = 0u8;
    let mut blocks = b.chunks_exact(32);
    for block in &mut blocks {
        let mut q = [0i64; 4];
        for (w, bytes) in q.iter_mut().zip(block.chunks_exact(8)) {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(bytes);
            *w = i64::from_le_bytes(eight);
        }
        let v = _mm256_set_epi64x(q[3], q[2], q[1], q[0]);
        if _mm256_movemask_epi8(v) != 0 {
            table_bits |= scalar(block);
            continue;
        }
        // ASCII only: every byte is non-negative as an `i8`, so the signed comparison is
        // the unsigned one.
        let escape = _mm256_or_si256(eq!(v, b'\\'), eq!(v, b'%'));
        let separator = _mm256_or_si256(escape, eq!(v, b'/'));
        let zero = eq!(v, b'0');
        let relevant = _mm256_or_si256(
            _mm256_or_si256(separator, zero),
            _mm256_or_si256(eq!(v, b'.'), eq!(v, b':')),
        );
        let control = _mm256_or_si256(_mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v), eq!(v, 0x7f));
        let kept_control = _mm256_or_si256(eq!(v, b'\n'), eq!(v, b'\t'));
        let rewritten = _mm256_or_si256(escape, _mm256_andnot_si256(kept_control, control));
        let not_plain = _mm256_or_si256(separator, control);
        let class = _mm256_or_si256(
            _mm256_or_si256(bits!(relevant, RELEVANT), bits!(not_plain, NOT_PLAIN)),
            _mm256_or_si256(bits!(zero, ZERO), bits!(rewritten, REWRITTEN)),
        );
        acc = _mm256_or_si256(acc, class);
    }
    let words = [
        _mm256_extract_epi64::<0>(acc),
        _mm256_extract_epi64::<1>(acc),
        _mm256_extract_epi64::<2>(acc),
        _mm256_extract_epi64::<3>(acc),
    ];
    let lanes = words.into_iter().fold(0i64, |x, w| x | w).to_le_bytes();
    lanes.into_iter().fold(table_bits, |x, c| x | c) | scalar(blocks.remainder())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte class, in blocks of ASCII and with bytes outside it, at lengths around the
    /// block size: the vector path gives the table's bits.
    #[test]
    fn block_classes_are_the_tables() {
        let alphabet: &[u8] = b"aZ09./\\%:x \n\t\r\x00\x01\x1f\x7f\xc2\xc4\xe2\xee\xef\x80\xff";
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
