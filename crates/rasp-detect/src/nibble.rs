//! The union of the byte classes of a value, 32 bytes at a time with AVX2, for any table of
//! class bits up to `u32` wide (one entry per byte value; narrower tables go through
//! [`widen`]).
//!
//! A byte's classes are read from two 16-entry tables, one indexed by its high nibble and
//! one by its low nibble (`vpshufb`): bit `k` of both entries is set exactly when the byte is
//! in set `k`. The sets are built from the class table at compile time: one per row of 16
//! byte values (a high nibble) and class value in that row, holding the low nibbles of the
//! row's bytes with that class. Each byte with a class is then in exactly one set whose class
//! is its own, and a byte without one is in none, so the OR of the classes of the sets a
//! value's bytes fall in is the OR of their table entries. Eight sets share a pair of tables.

/// Pairs of tables at most (32 sets: more distinct (row, class) pairs than any detector's
/// table has; [`NibbleClasses::new`] refuses a table that needs more at compile time).
const MAX_PAIRS: usize = 4;

/// The nibble tables of one class table (see the module documentation).
pub(crate) struct NibbleClasses {
    /// Per pair, the set bits of each high nibble, twice over (`vpshufb` looks up within
    /// each 16-byte half).
    hi: [[u8; 32]; MAX_PAIRS],
    /// The same for the low nibbles.
    lo: [[u8; 32]; MAX_PAIRS],
    /// Per pair, the class bits of each byte of set bits.
    to_class: [[u32; 256]; MAX_PAIRS],
    /// Pairs in use.
    pairs: usize,
}

impl NibbleClasses {
    /// The tables that give the class union of `class` (evaluated at compile time).
    pub(crate) const fn new(class: &[u32; 256]) -> NibbleClasses {
        let mut t = NibbleClasses {
            hi: [[0; 32]; MAX_PAIRS],
            lo: [[0; 32]; MAX_PAIRS],
            to_class: [[0; 256]; MAX_PAIRS],
            pairs: 0,
        };
        let mut set_class = [0u32; 8 * MAX_PAIRS];
        let mut k = 0;
        let mut h = 0;
        while h < 16 {
            // the low nibbles of this row already in a set
            let mut done = 0u16;
            let mut l = 0;
            while l < 16 {
                let c = class[h * 16 + l];
                if c != 0 && done & (1 << l) == 0 {
                    assert!(k < 8 * MAX_PAIRS, "too many (row, class) sets");
                    let (p, bit) = (k / 8, 1u8 << (k % 8));
                    t.hi[p][h] |= bit;
                    t.hi[p][h + 16] |= bit;
                    let mut l2 = l;
                    while l2 < 16 {
                        if class[h * 16 + l2] == c {
                            done |= 1 << l2;
                            t.lo[p][l2] |= bit;
                            t.lo[p][l2 + 16] |= bit;
                        }
                        l2 += 1;
                    }
                    set_class[k] = c;
                    k += 1;
                }
                l += 1;
            }
            h += 1;
        }
        t.pairs = k.div_ceil(8);
        let mut p = 0;
        while p < MAX_PAIRS {
            let mut bits = 0;
            while bits < 256 {
                let mut j = 0;
                while j < 8 {
                    if bits & (1 << j) != 0 {
                        t.to_class[p][bits] |= set_class[8 * p + j];
                    }
                    j += 1;
                }
                bits += 1;
            }
            p += 1;
        }
        t
    }
}

/// A class table's entries as `u32`, what [`NibbleClasses::new`] is built from (evaluated at
/// compile time).
pub(crate) const fn widen(t: &[u16; 256]) -> [u32; 256] {
    let mut w = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        w[i] = t[i] as u32;
        i += 1;
    }
    w
}

/// [`widen`] for a table of `u8` class bits.
pub(crate) const fn widen_bytes(t: &[u8; 256]) -> [u32; 256] {
    let mut w = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        w[i] = t[i] as u32;
        i += 1;
    }
    w
}

#[cfg(target_arch = "x86_64")]
pub(crate) mod wide {
    use super::{NibbleClasses, MAX_PAIRS};
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_extract_epi64, _mm256_loadu_si256, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_srli_epi16,
    };

    /// Bytes per step.
    pub(crate) const BLOCK: usize = 32;
    /// Shorter values are better served by table look-ups: the vector pass's set-up and
    /// final reduction cost about as much as looking up 48 bytes.
    pub(crate) const MIN_LEN: usize = 48;

    /// Whether this CPU has AVX2.
    pub(crate) use crate::avx2_available as available;

    /// 32 bytes of `src` as one vector.
    #[target_feature(enable = "avx2")]
    pub(crate) fn load(src: &[u8; BLOCK]) -> __m256i {
        // SAFETY: `src` is 32 readable bytes, what an unaligned 256-bit load reads (it has
        // no alignment requirement).
        unsafe { _mm256_loadu_si256(src.as_ptr().cast()) }
    }

    /// The OR of the 32 bytes of `v`.
    #[target_feature(enable = "avx2")]
    pub(crate) fn or_bytes(v: __m256i) -> u8 {
        let x = _mm256_extract_epi64::<0>(v)
            | _mm256_extract_epi64::<1>(v)
            | _mm256_extract_epi64::<2>(v)
            | _mm256_extract_epi64::<3>(v);
        let x = x | (x >> 32);
        let x = x | (x >> 16);
        (x | (x >> 8)) as u8
    }

    /// The OR of the class entries `t` was built from over the bytes of `b`, which has at least 32 bytes
    /// (`None` for a shorter `b`: the caller looks its bytes up).
    #[target_feature(enable = "avx2")]
    pub(crate) fn classes(t: &NibbleClasses, b: &[u8]) -> Option<u32> {
        if b.len() < BLOCK {
            return None;
        }
        // One copy of the loop per number of pairs: with the count known at compile time the
        // tables and accumulators stay in registers and the per-pair loop is unrolled (with a
        // count read at run time they lived in memory, loaded and stored in every block).
        Some(match t.pairs {
            1 => classes_of::<1>(t, b),
            2 => classes_of::<2>(t, b),
            3 => classes_of::<3>(t, b),
            _ => classes_of::<MAX_PAIRS>(t, b),
        })
    }

    /// [`classes`] with `PAIRS` pairs of tables in use (`t.pairs`), on a `b` of at least 32
    /// bytes.
    #[target_feature(enable = "avx2")]
    fn classes_of<const PAIRS: usize>(t: &NibbleClasses, b: &[u8]) -> u32 {
        let hi: [__m256i; PAIRS] = std::array::from_fn(|p| load(&t.hi[p]));
        let lo: [__m256i; PAIRS] = std::array::from_fn(|p| load(&t.lo[p]));
        let acc = accumulate(&hi, &lo, b);
        let mut m = 0;
        for (to_class, a) in t.to_class.iter().zip(acc) {
            m |= to_class[usize::from(or_bytes(a))];
        }
        m
    }

    /// Per pair of tables (`hi`, `lo`: the nibble tables loaded), the OR over the bytes of `b`
    /// (at least 32) of the sets each byte is in: what [`or_bytes`] and the pair's class
    /// table turn into class bits.
    #[target_feature(enable = "avx2")]
    pub(crate) fn accumulate<const PAIRS: usize>(
        hi: &[__m256i; PAIRS],
        lo: &[__m256i; PAIRS],
        b: &[u8],
    ) -> [__m256i; PAIRS] {
        debug_assert!(b.len() >= BLOCK);
        let mut acc = [_mm256_setzero_si256(); PAIRS];
        // Two whole blocks per step while they last (half the loop's bookkeeping per byte),
        // then the rest in at most two blocks, the last one ending at the end of `b` (it
        // overlaps the block before when the rest is not 32 bytes: bytes seen twice add
        // nothing to an OR).
        let mut start = 0;
        while let Some(Ok(pair)) = b
            .get(start..start + 2 * BLOCK)
            .map(<&[u8; 2 * BLOCK]>::try_from)
        {
            let (first, second) = pair.split_at(BLOCK);
            add_block(hi, lo, &mut acc, first);
            add_block(hi, lo, &mut acc, second);
            start += 2 * BLOCK;
        }
        if start < b.len() && b.len() >= BLOCK {
            // fewer than 64 bytes are left
            if b.len() - start > BLOCK {
                add_block(hi, lo, &mut acc, &b[start..start + BLOCK]);
            }
            add_block(hi, lo, &mut acc, &b[b.len() - BLOCK..]);
        }
        acc
    }

    /// ORs the class sets of the 32 bytes of `block` into `acc`, pair by pair.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn add_block<const PAIRS: usize>(
        hi: &[__m256i; PAIRS],
        lo: &[__m256i; PAIRS],
        acc: &mut [__m256i; PAIRS],
        block: &[u8],
    ) {
        let Ok(block) = <&[u8; BLOCK]>::try_from(block) else {
            return;
        };
        let nibble = _mm256_set1_epi8(0x0f);
        let v = load(block);
        let low = _mm256_and_si256(v, nibble);
        let high = _mm256_and_si256(_mm256_srli_epi16::<4>(v), nibble);
        for p in 0..PAIRS {
            let sets = _mm256_and_si256(
                _mm256_shuffle_epi8(hi[p], high),
                _mm256_shuffle_epi8(lo[p], low),
            );
            acc[p] = _mm256_or_si256(acc[p], sets);
        }
    }
}
