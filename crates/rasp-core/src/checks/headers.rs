//! Forbidden headers (`headers`, spec §6.9), compared case-insensitively (B23).

use super::Finding;
use crate::attack::Check;
use crate::pattern::Pattern;

/// Attack 10 on the first header whose lower-cased name is forbidden.
pub fn check(
    headers: &[(&str, &[u8])],
    forbidden: &[String],
    whitelist: &[Pattern],
) -> Option<Finding> {
    if forbidden.is_empty() {
        return None;
    }
    headers.iter().find_map(|(name, _)| {
        let lower = name.to_ascii_lowercase();
        (forbidden.contains(&lower) && !whitelist.iter().any(|p| p.is_match(&lower)))
            .then(|| Finding::new(Check::Headers, "header", *name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_insensitive() {
        let f = vec!["x-debug".to_string()];
        let h: Vec<(&str, &[u8])> = vec![("Accept", b"*/*"), ("X-Debug", b"1")];
        assert_eq!(check(&h, &f, &[]).unwrap().payload, "X-Debug");
        assert!(check(&h[..1], &f, &[]).is_none());
        assert!(check(&h, &[], &[]).is_none());
    }
}
