//! The [`BYTE_CLASS`] bits of a whole value, the first thing [`super::judge`] asks of every
//! value: 32 bytes per step with AVX2 where the CPU has it (the shared nibble tables of
//! [`crate::nibble`]), eight table look-ups per step otherwise and for short values. Both
//! give the same bits (a unit test compares them on every byte and generated text).

use super::{BYTE_CLASS, BYTE_CLASSES};

/// [`BYTE_CLASS`] as nibble tables, for the vectorised pass on long values.
static CLASS_NIBBLES: crate::nibble::NibbleClasses =
    crate::nibble::NibbleClasses::new(&crate::nibble::widen_bytes(&BYTE_CLASSES));

/// The union of [`BYTE_CLASS`] over the bytes of `b`.
pub(super) fn of(b: &[u8]) -> u8 {
    #[cfg(target_arch = "x86_64")]
    if b.len() >= crate::nibble::wide::MIN_LEN && crate::nibble::wide::available() {
        // SAFETY: `wide::available` checked at run time that this CPU has AVX2, the one
        // target feature `wide::classes` is compiled with; it has no other precondition.
        if let Some(m) = unsafe { crate::nibble::wide::classes(&CLASS_NIBBLES, b) } {
            // (the classes fit in `u8`: the tables were widened from them)
            return m as u8;
        }
    }
    scalar(b)
}

/// [`of`] by table look-ups, eight per step (the loop's own work is paid once per eight).
fn scalar(b: &[u8]) -> u8 {
    let (chunks, rest) = b.as_chunks::<8>();
    let mut acc = 0;
    for chunk in chunks {
        for &c in chunk {
            acc |= BYTE_CLASS[usize::from(c)];
        }
    }
    rest.iter()
        .fold(acc, |acc, &c| acc | BYTE_CLASS[usize::from(c)])
}

/// One byte at a time: the definition the faster passes must agree with.
#[cfg(test)]
fn bytewise(b: &[u8]) -> u8 {
    b.iter()
        .fold(0u8, |acc, &c| acc | BYTE_CLASS[usize::from(c)])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte class, in blocks of ASCII and with bytes outside it, at lengths around the
    /// block size: the vector path gives the table's bits.
    #[test]
    fn block_classes_are_the_tables() {
        let alphabet: &[u8] = b"aZ09./\\%:&x \n\t\r\x00\x01\x1f\x7f\xc2\xc4\xe2\xee\xef\x80\xff";
        let mut next = crate::lcg(0xc1a5);
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
                assert_eq!(of(&v), bytewise(&v), "{v:?}");
                assert_eq!(scalar(&v), bytewise(&v), "{v:?}");
            }
        }
        for c in 0..=255u8 {
            let mut v = vec![b'a'; 70];
            for at in [0, 31, 32, 63, 64, 69] {
                v[at] = c;
                assert_eq!(of(&v), bytewise(&v), "{c:#x} at {at}");
                v[at] = b'a';
            }
        }
    }
}
