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
