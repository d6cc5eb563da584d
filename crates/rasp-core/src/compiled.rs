//! A configuration compiled for the request path: regexes built, lists lower-cased,
//! detectors configured. Swapped atomically as a whole on `set_config`.

use std::sync::Arc;

use regex::RegexSet;

use crate::attack::Check;
use crate::config::{Config, ConfigError};
use crate::pattern::{compile_all, NameGlob, Pattern};
use crate::vectors::{Extractor, Limits};

/// Everything the engine reads per request, derived from one [`Config`].
pub struct Compiled {
    pub config: Arc<Config>,
    /// `IGNORE_PATHS` as one set: a request is matched once, not once per pattern.
    pub ignore_paths: RegexSet,
    /// `BRUTE_AND_FLOOD_PATHS` as one set.
    pub flood_paths: RegexSet,
    pub decoys: Vec<Pattern>,
    pub exceptions: Vec<Pattern>,
    pub whitelist_headers: Vec<Pattern>,
    pub hpp_allowed: Vec<NameGlob>,
    pub ztaa_header: String,
    pub detectors: rasp_detect::Detectors,
    /// `SECURITY_CHECKS` action per check, indexed by PyRASP id: the request path asks
    /// a dozen times per request, a string-keyed map lookup each time showed in profiles.
    actions: [u8; ACTION_SLOTS],
}

/// Slots in [`Compiled::action`]'s table: one past the highest [`Check`] id.
const ACTION_SLOTS: usize = Check::Traversal as usize + 1;

/// A regex list as one [`RegexSet`] (a bad pattern's syntax error quotes the pattern).
fn regexes(key: &str, list: &[String]) -> Result<RegexSet, ConfigError> {
    RegexSet::new(list).map_err(|e| ConfigError::Invalid {
        key: key.into(),
        reason: e.to_string(),
    })
}

fn patterns(key: &str, list: &[crate::config::PatternSpec]) -> Result<Vec<Pattern>, ConfigError> {
    compile_all(list).map_err(|e| ConfigError::Invalid {
        key: key.into(),
        reason: e.to_string(),
    })
}

impl Compiled {
    // Thresholds are set field by field so settings the detector crate adds later keep
    // their defaults.
    #[allow(clippy::field_reassign_with_default)]
    pub fn new(config: Config) -> Result<Compiled, ConfigError> {
        crate::config::keys::validate(&config)?;
        let whitelist_headers = config
            .whitelist_headers
            .iter()
            .map(|p| crate::config::PatternSpec {
                // Header names are compared lower-cased (0.10.2).
                pattern: if p.kind == crate::config::MatchKind::Regex {
                    p.pattern.clone()
                } else {
                    p.pattern.to_ascii_lowercase()
                },
                kind: p.kind,
            })
            .collect::<Vec<_>>();
        let mut thresholds = rasp_detect::Thresholds::default();
        thresholds.xss_proba = config.xss_proba;
        thresholds.sqli_proba = config.sqli_proba;
        thresholds.min_xss_len = config.min_xss_len;
        thresholds.min_sqli_len = config.min_sqli_len;
        thresholds.max_value_len = config.max_value_len;
        let detectors = rasp_detect::Detectors::new(thresholds);
        // The model and automata are built here, at start-up or config swap, not on the
        // first request.
        detectors.warm_up();
        let mut actions = [0u8; ACTION_SLOTS];
        for check in Check::ALL {
            actions[check as usize] = config.action(check.key());
        }
        Ok(Compiled {
            actions,
            ignore_paths: regexes("IGNORE_PATHS", &config.ignore_paths)?,
            flood_paths: regexes("BRUTE_AND_FLOOD_PATHS", &config.brute_and_flood_paths)?,
            decoys: patterns("DECOY_ROUTES", &config.decoy_routes)?,
            exceptions: patterns("EXCEPTIONS", &config.exceptions)?,
            whitelist_headers: patterns("WHITELIST_HEADERS", &whitelist_headers)?,
            hpp_allowed: config
                .hpp_allowed_params
                .iter()
                .map(|s| NameGlob::parse(s))
                .collect(),
            ztaa_header: config.ztaa_header.to_ascii_lowercase(),
            detectors,
            config: Arc::new(config),
        })
    }

    /// The configured action (0 off, 1 block, 2 block and blacklist, 3 log) of `check`.
    pub fn action(&self, check: Check) -> u8 {
        self.actions[check as usize]
    }

    pub fn limits(&self) -> Limits {
        let c = &self.config;
        Limits {
            max_values: c.max_values,
            max_value_len: c.max_value_len,
            max_decode_depth: c.max_decode_depth,
            max_json_depth: c.max_json_depth,
            max_body_bytes: c.max_body_bytes,
            decode_b64: c.decode_b64,
        }
    }

    pub fn extractor(&self) -> Extractor<'_> {
        Extractor {
            limits: self.limits(),
            exceptions: &self.exceptions,
            whitelist_headers: &self.whitelist_headers,
            ztaa_header: &self.ztaa_header,
        }
    }
}
