//! The deterministic train/validation split shared by `rasp train` and `rasp eval`.
//!
//! A value's side is a pure function of its bytes (seeded FNV-1a), so every run, machine
//! and tool agrees on it, and duplicates of a value always land on the same side.

/// Seed mixed into the split hash; changing it reshuffles every corpus.
pub const SPLIT_SEED: u64 = 0x5241_5350_2d72_7321; // "RASP-rs!"

/// One value in five goes to validation.
pub const VALIDATION_MODULUS: u64 = 5;

/// 64-bit FNV-1a over `bytes`, starting from `seed` mixed into the offset basis.
pub fn fnv1a64(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Which side of the split a value falls on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    Train,
    Validation,
}

/// The side of the split for `payload`.
pub fn split_of(payload: &str) -> Split {
    // Final avalanche so the low bits depend on every input byte.
    let mut h = fnv1a64(SPLIT_SEED, payload.as_bytes());
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    if h.is_multiple_of(VALIDATION_MODULUS) {
        Split::Validation
    } else {
        Split::Train
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_stable_and_about_a_fifth() {
        assert_eq!(split_of("abc"), split_of("abc"));
        let n = 10_000;
        let v = (0..n)
            .filter(|i| split_of(&format!("value-{i}")) == Split::Validation)
            .count();
        assert!((1_700..2_300).contains(&v), "{v}");
    }
}
