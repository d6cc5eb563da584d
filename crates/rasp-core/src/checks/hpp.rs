//! HTTP parameter pollution (`hpp`, spec §6.8) with `HPP_ALLOWED_PARAMS` (B23: arrays such
//! as `ids[]` are legitimate).

use std::collections::HashSet;

use super::Finding;
use crate::attack::Check;
use crate::pattern::NameGlob;

/// Attack 8 on the first name (query and form body together) that repeats and is not
/// allowed to. At most `max_params` names are looked at.
pub fn check<'a>(
    names: impl Iterator<Item = std::borrow::Cow<'a, str>>,
    allowed: &[NameGlob],
    max_params: usize,
) -> Option<Finding> {
    let mut seen: HashSet<std::borrow::Cow<'a, str>> = HashSet::new();
    for name in names.take(max_params) {
        if seen.contains(&name) {
            if allowed.iter().any(|g| g.is_match(&name)) {
                continue;
            }
            return Some(Finding::new(Check::Hpp, "param", name.into_owned()));
        }
        seen.insert(name);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(q: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
        form_urlencoded::parse(q.as_bytes()).map(|(k, _)| k)
    }

    #[test]
    fn repeated_names() {
        let allowed = vec![NameGlob::parse("*[]")];
        assert_eq!(
            check(names("a=1&b=2&a=3"), &allowed, 100).unwrap().payload,
            "a"
        );
        assert!(check(names("ids[]=1&ids[]=2"), &allowed, 100).is_none());
        assert!(check(names("a=1&b=2"), &allowed, 100).is_none());
        assert!(check(names("tag=a&tag=b"), &[NameGlob::parse("tag")], 100).is_none());
    }
}
