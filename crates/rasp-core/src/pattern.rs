//! PyRASP pattern matching (`regex`, `starts`, `ends`, `contains`, `match`), compiled once.

use regex::Regex;

use crate::config::{MatchKind, PatternSpec};

/// A [`PatternSpec`] ready to test.
#[derive(Clone, Debug)]
pub enum Pattern {
    /// `regex`: search.
    Regex(Regex),
    /// `starts`.
    Starts(String),
    /// Really "ends with" (PyRASP 0.8.2 fell back to `starts`, spec §5.5).
    Ends(String),
    /// `contains`.
    Contains(String),
    /// `match`: equality.
    Exact(String),
}

impl Pattern {
    /// Compile a spec; invalid regexes were rejected when the config was loaded, but an
    /// invalid one here still returns an error instead of panicking.
    pub fn compile(spec: &PatternSpec) -> Result<Pattern, regex::Error> {
        Ok(match spec.kind {
            MatchKind::Regex => Pattern::Regex(Regex::new(&spec.pattern)?),
            MatchKind::Starts => Pattern::Starts(spec.pattern.clone()),
            MatchKind::Ends => Pattern::Ends(spec.pattern.clone()),
            MatchKind::Contains => Pattern::Contains(spec.pattern.clone()),
            MatchKind::Match => Pattern::Exact(spec.pattern.clone()),
        })
    }

    /// PyRASP `check_pattern(value, pattern, type)`; `regex` is `re.search`.
    pub fn is_match(&self, value: &str) -> bool {
        match self {
            Pattern::Regex(r) => r.is_match(value),
            Pattern::Starts(p) => value.starts_with(p.as_str()),
            Pattern::Ends(p) => value.ends_with(p.as_str()),
            Pattern::Contains(p) => value.contains(p.as_str()),
            Pattern::Exact(p) => value == p,
        }
    }
}

/// Compile a whole list.
pub fn compile_all(specs: &[PatternSpec]) -> Result<Vec<Pattern>, regex::Error> {
    specs.iter().map(Pattern::compile).collect()
}

/// `HPP_ALLOWED_PARAMS` entry: exact name, `*suffix` or `prefix*`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameGlob {
    /// This name only.
    Exact(String),
    /// Names ending with the text (`*[]`).
    Suffix(String),
    /// Names starting with the text (`utm_*`).
    Prefix(String),
    /// Every name (`*`).
    Any,
}

impl NameGlob {
    /// Parse an `HPP_ALLOWED_PARAMS` entry.
    pub fn parse(s: &str) -> NameGlob {
        if s == "*" {
            NameGlob::Any
        } else if let Some(rest) = s.strip_prefix('*') {
            NameGlob::Suffix(rest.to_string())
        } else if let Some(rest) = s.strip_suffix('*') {
            NameGlob::Prefix(rest.to_string())
        } else {
            NameGlob::Exact(s.to_string())
        }
    }

    /// Whether `name` may repeat.
    pub fn is_match(&self, name: &str) -> bool {
        match self {
            NameGlob::Exact(p) => name == p,
            NameGlob::Suffix(p) => name.ends_with(p.as_str()),
            NameGlob::Prefix(p) => name.starts_with(p.as_str()),
            NameGlob::Any => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pattern: &str, kind: MatchKind) -> Pattern {
        Pattern::compile(&PatternSpec {
            pattern: pattern.into(),
            kind,
        })
        .unwrap()
    }

    #[test]
    fn ends_really_means_ends() {
        let e = p("/admin", MatchKind::Ends);
        assert!(e.is_match("/site/admin"));
        assert!(!e.is_match("/admin/users"), "0.8.2 treated ends as starts");
        assert!(p("/cgi-bin/", MatchKind::Starts).is_match("/cgi-bin/x"));
        assert!(p("wp-", MatchKind::Contains).is_match("/a/wp-login"));
        assert!(p("Skull & Bones", MatchKind::Match).is_match("Skull & Bones"));
        assert!(!p("Skull & Bones", MatchKind::Match).is_match("Skull & Bones!"));
        assert!(p(r"^/api/v\d+", MatchKind::Regex).is_match("/api/v2/x"));
    }

    #[test]
    fn globs() {
        assert!(NameGlob::parse("*[]").is_match("ids[]"));
        assert!(!NameGlob::parse("*[]").is_match("ids"));
        assert!(NameGlob::parse("utm_*").is_match("utm_source"));
        assert!(NameGlob::parse("tag").is_match("tag"));
        assert!(!NameGlob::parse("tag").is_match("tags"));
        assert!(NameGlob::parse("*").is_match("anything"));
    }
}
