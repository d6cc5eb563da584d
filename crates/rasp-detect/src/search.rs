//! Vectorized multi-word searches shared by the detectors.

use aho_corasick::packed::{Config, Searcher};

/// One vectorized searcher for all of `words` (Teddy, through `aho_corasick::packed`), to be
/// built once in a `LazyLock`: one pass over a value answers whether any word occurs, where a
/// substring search per word, or a search per occurrence of a first byte, costs a pass each.
/// `None` where the CPU has no vector unit for it; callers then fall back to their own search
/// (or treat the answer as "maybe"), so a decision never depends on the CPU.
///
/// ```text
/// static WORDS: LazyLock<Option<Searcher>> = LazyLock::new(|| packed_words(["on", "On"]));
/// let maybe = WORDS.as_ref().is_none_or(|w| w.find(b).is_some());
/// ```
pub(crate) fn packed_words<P: AsRef<[u8]>>(words: impl IntoIterator<Item = P>) -> Option<Searcher> {
    let mut builder = Config::new().builder();
    for w in words {
        builder.add(w);
    }
    builder.build()
}

/// Bytes looked at one by one before [`find_near`] dispatches a vectorized search.
const NEAR: usize = 8;

/// The first `x` in `b` at or after `from`, as `memchr` finds it. Where the bytes searched
/// for stand close together (the backslashes of escaped text, `\x3c\x73…`) a dispatched
/// search's set-up costs more than the bytes it skips: the next [`NEAR`] bytes are looked
/// at first, a longer run is left to `memchr`. (Measured: where the byte is mostly far
/// apart, as the `<`, `=` and `(` of most values, the look costs more than it saves.)
#[inline]
pub(crate) fn find_near(x: u8, b: &[u8], from: usize) -> Option<usize> {
    let from = from.min(b.len());
    let near = b.len().min(from + NEAR);
    if let Some(p) = b[from..near].iter().position(|&c| c == x) {
        return Some(from + p);
    }
    memchr::memchr(x, &b[near..]).map(|p| near + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_near_finds_what_memchr_finds() {
        let texts: [&[u8]; 5] = [
            b"",
            b"\\",
            b"\\x3c\\x73\\x63",
            b"a long run of text without the byte, then one at the end \\",
            b"x \\a and much later, past the near window, \\b then \\\\",
        ];
        for t in texts {
            for from in 0..=t.len() + 2 {
                let want = memchr::memchr(b'\\', &t[from.min(t.len())..]).map(|p| from + p);
                assert_eq!(find_near(b'\\', t, from), want);
            }
        }
    }
}
