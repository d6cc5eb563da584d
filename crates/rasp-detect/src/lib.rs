//! Injection detectors for rasp-rs: SQL injection, XSS, command injection and path traversal.
//!
//! Every detector is a pure function over `&str`: no I/O, no allocation beyond small scratch
//! buffers, bounded work per value. Grammar engines decide whether a value changes the
//! *structure* of the context it lands in; an embedded ML model scores what the grammars
//! cannot settle.
//!
//! ```
//! use rasp_detect::{AttackKind, Context, Detectors};
//! let d = Detectors::default();
//! assert!(d.check(AttackKind::Sqli, "1' OR '1'='1", Context::Param).is_some());
//! assert!(d.check(AttackKind::Sqli, "O'Reilly", Context::Param).is_none());
//! ```

/// The attack families this crate detects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttackKind {
    Sqli,
    Xss,
    Cmdi,
    Traversal,
}

impl AttackKind {
    /// All kinds, in the engine's check order (PyRASP: command, xss, sqli; traversal after).
    pub const ALL: [AttackKind; 4] = [
        AttackKind::Cmdi,
        AttackKind::Xss,
        AttackKind::Sqli,
        AttackKind::Traversal,
    ];

    /// Short label used in corpora and the CLI (`sqli`, `xss`, `cmdi`, `path_traversal`).
    pub fn label(self) -> &'static str {
        match self {
            AttackKind::Sqli => "sqli",
            AttackKind::Xss => "xss",
            AttackKind::Cmdi => "cmdi",
            AttackKind::Traversal => "path_traversal",
        }
    }
}

/// Which engine decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    /// A tokenizer / grammar decided that the value breaks out of its context.
    Grammar,
    /// The embedded model scored the value above its threshold.
    MachineLearning,
}

impl Engine {
    /// The label PyRASP logs in `details.engine`.
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Grammar => "grammar",
            Engine::MachineLearning => "machine learning",
        }
    }
}

/// Where the value was found; detectors may be stricter for places where ordinary traffic
/// carries odd-looking but benign text (user agents, cookies, tokens).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    /// Query, form or JSON value (the default).
    Param,
    /// Parameter name or JSON key.
    Key,
    /// One segment of the URL path.
    PathSegment,
    /// Cookie value.
    Cookie,
    /// User-Agent header.
    UserAgent,
    /// Referer header (or a part of it).
    Referer,
    /// Any other header value.
    Header,
}

/// A positive decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Detection {
    pub kind: AttackKind,
    pub engine: Engine,
    /// Probability-like score in `[0, 1]`; grammar decisions report 1.0.
    pub score: f32,
    /// Short machine-readable reason, e.g. `"string-break+union"`.
    pub reason: &'static str,
}

/// Thresholds and limits (PyRASP's `XSS_PROBA`, `SQLI_PROBA`, `MIN_XSS_LEN`, `MIN_SQLI_LEN`).
#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    pub xss_proba: f32,
    pub sqli_proba: f32,
    pub min_xss_len: usize,
    pub min_sqli_len: usize,
    /// Values longer than this are inspected on a bounded prefix/suffix window.
    pub max_value_len: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            xss_proba: 0.70,
            sqli_proba: 0.85,
            min_xss_len: 0,
            min_sqli_len: 0,
            max_value_len: 16 * 1024,
        }
    }
}

/// The detector set, cheap to clone and share (`Send + Sync`).
#[derive(Clone, Debug, Default)]
pub struct Detectors {
    thresholds: Thresholds,
}

impl Detectors {
    pub fn new(thresholds: Thresholds) -> Self {
        Detectors { thresholds }
    }

    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }

    /// Run one detector on one value.
    pub fn check(&self, kind: AttackKind, value: &str, ctx: Context) -> Option<Detection> {
        let _ = ctx;
        // Bootstrap detector: replaced by the grammar engines (issue "Detectors that beat
        // PyRASP and libinjection") in this same development cycle.
        let v = value.to_ascii_lowercase();
        let hit = match kind {
            AttackKind::Sqli => {
                (v.contains('\'') && (v.contains(" or ") || v.contains("--") || v.contains("union")))
                    || v.contains("union select")
            }
            AttackKind::Xss => v.contains("<script") || v.contains("javascript:") || v.contains("onerror="),
            AttackKind::Cmdi => v.contains("; ") || v.contains("$(") || v.contains('`') || v.contains("| "),
            AttackKind::Traversal => v.contains("../") || v.contains("..\\") || v.starts_with("/etc/"),
        };
        hit.then_some(Detection {
            kind,
            engine: Engine::Grammar,
            score: 1.0,
            reason: "bootstrap",
        })
    }
}
