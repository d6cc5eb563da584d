//! The answer a detector stage gave for the last value it saw on this thread.
//!
//! The engine runs all four detectors on one value before the next, and several of them ask
//! the same question of it (its percent decoding, whether it is plain markup, the model's
//! feature sums). Each such stage keeps one [`LastValue`] in a `thread_local!`: a hit needs
//! the whole value to compare equal byte for byte, so it returns exactly what computing the
//! answer again would. The copy of the value stays until the next value replaces it (at most
//! the detectors' `max_value_len` window).

/// One remembered answer, keyed by the whole value it was computed for.
pub(crate) struct LastValue<T> {
    key: String,
    value: Option<T>,
}

impl<T> LastValue<T> {
    /// Nothing remembered yet.
    pub(crate) const fn new() -> Self {
        LastValue {
            key: String::new(),
            value: None,
        }
    }

    /// The answer remembered for `key`, if `key` is the last value.
    pub(crate) fn get(&self, key: &str) -> Option<&T> {
        self.value.as_ref().filter(|_| self.key == key)
    }

    /// Remember `value` as the answer for `key` (the key's buffer is reused).
    pub(crate) fn set(&mut self, key: &str, value: T) {
        self.set_with(key, |_| value);
    }

    /// Remember for `key` the answer `fill` makes from the previous one (handed over so its
    /// buffers can be reused; it answered another value and must be overwritten).
    pub(crate) fn set_with(&mut self, key: &str, fill: impl FnOnce(Option<T>) -> T) {
        self.key.clear();
        self.key.push_str(key);
        self.value = Some(fill(self.value.take()));
    }

    /// The answer remembered for `key`, made first by `fill` from the previous one (as in
    /// [`LastValue::set_with`]) when `key` is not the last value: one comparison of the key
    /// on a hit, and the answer handed out by reference.
    pub(crate) fn get_or_fill(&mut self, key: &str, fill: impl FnOnce(Option<T>) -> T) -> &T {
        // The answer is moved out and back (a few words), which keeps both paths free of
        // a borrow that outlives the match.
        let v = match self.value.take() {
            Some(v) if self.key == key => v,
            old => {
                self.key.clear();
                self.key.push_str(key);
                fill(old)
            }
        };
        self.value.insert(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_only_for_the_last_key() {
        let mut last = LastValue::new();
        assert_eq!(last.get(""), None);
        last.set("a<b", 1);
        assert_eq!(last.get("a<b"), Some(&1));
        assert_eq!(last.get("a<b "), None);
        last.set("x", 2);
        assert_eq!(last.get("a<b"), None);
        assert_eq!(last.get("x"), Some(&2));
        last.set_with("y", |old| old.unwrap_or(0) + 1);
        assert_eq!(last.get("y"), Some(&3));
        assert_eq!(last.get("x"), None);
        // A hit keeps the answer; a miss makes a new one from the old.
        assert_eq!(*last.get_or_fill("y", |_| 99), 3);
        assert_eq!(*last.get_or_fill("z", |old| old.unwrap_or(0) * 10), 30);
        assert_eq!(last.get("y"), None);
        assert_eq!(last.get("z"), Some(&30));
        let mut empty: LastValue<u8> = LastValue::new();
        assert_eq!(*empty.get_or_fill("", |old| old.unwrap_or(7)), 7);
    }
}
