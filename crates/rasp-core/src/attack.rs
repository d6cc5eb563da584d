//! The attack catalogue (PyRASP ids, names, check keys, MITRE/PCB codes) and decisions.

/// One security module. The discriminant is PyRASP's attack id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Check {
    /// Source IP blacklisted (`source_ip`).
    Blacklist = 0,
    /// No declared route accepts the request (`request`).
    Path = 1,
    /// Too many requests from one source (`path`).
    Flood = 2,
    /// `Host` not in `HOSTS` (`host`).
    Spoofing = 3,
    /// Decoy route requested (`path`).
    Decoy = 4,
    /// Declared by PyRASP, never raised (ours: engine failure under `FAIL_MODE: closed`).
    Format = 5,
    /// SQL injection.
    Sqli = 6,
    /// Cross-site scripting.
    Xss = 7,
    /// Repeated parameter (`param`).
    Hpp = 8,
    /// Command injection.
    Command = 9,
    /// Forbidden header (`header`).
    Headers = 10,
    /// Data leak in a response (`content`).
    Dlp = 11,
    /// Too many error responses for one source (`path`).
    Brute = 12,
    /// Zero-trust token missing or invalid.
    Ztaa = 13,
    /// Not in PyRASP: path traversal (id after PyRASP's last id 17).
    Traversal = 18,
}

impl Check {
    /// PyRASP attack id (`type` in its attack dict).
    pub fn id(self) -> u8 {
        self as u8
    }

    /// Key in `SECURITY_CHECKS` and `event_type` in logs.
    pub fn key(self) -> &'static str {
        match self {
            Check::Blacklist => "blacklist",
            Check::Path => "path",
            Check::Flood => "flood",
            Check::Spoofing => "spoofing",
            Check::Decoy => "decoy",
            Check::Format => "format",
            Check::Sqli => "sqli",
            Check::Xss => "xss",
            Check::Hpp => "hpp",
            Check::Command => "command",
            Check::Headers => "headers",
            Check::Dlp => "dlp",
            Check::Brute => "brute",
            Check::Ztaa => "ztaa",
            Check::Traversal => "traversal",
        }
    }

    /// Human name (PyRASP `ATTACKS`).
    pub fn name(self) -> &'static str {
        match self {
            Check::Blacklist => "Blacklisted IP",
            Check::Path => "Invalid Path",
            Check::Flood => "Flood",
            Check::Spoofing => "Host Spoofing",
            Check::Decoy => "Decoyed",
            Check::Format => "Format Mismatch",
            Check::Sqli => "SQL Injection",
            Check::Xss => "XSS",
            Check::Hpp => "Parameter Pollution",
            Check::Command => "Command Injection",
            Check::Headers => "Forbidden Header",
            Check::Dlp => "Data Leak Prevention",
            Check::Brute => "Brute Force",
            Check::Ztaa => "Zero-Trust",
            Check::Traversal => "Path Traversal",
        }
    }

    /// MITRE ATT&CK and PCB codes (PyRASP `ATTACKS_CODES`).
    pub fn codes(self) -> &'static [&'static str] {
        match self {
            Check::Blacklist => &["PCB000"],
            Check::Path => &["T1592.002", "PCB001"],
            Check::Flood => &["T1498", "PCB002"],
            Check::Spoofing => &["T1594", "PCB003"],
            Check::Decoy => &["T1592.002", "PCB004"],
            Check::Format => &["PCB005"],
            Check::Sqli => &["T1111", "PCB006"],
            Check::Xss => &["T1059.007", "PCB007"],
            Check::Hpp => &["T1211", "PCB008"],
            Check::Command => &["T1059", "PCB009"],
            Check::Headers => &["PCB010"],
            Check::Dlp => &["T1052", "PCB011"],
            Check::Brute => &["T1110", "PCB012"],
            Check::Ztaa => &["PCB013"],
            Check::Traversal => &["T1083", "PCB018"],
        }
    }

    /// Every check the engine knows, in catalogue order.
    pub const ALL: [Check; 15] = [
        Check::Blacklist,
        Check::Path,
        Check::Flood,
        Check::Spoofing,
        Check::Decoy,
        Check::Format,
        Check::Sqli,
        Check::Xss,
        Check::Hpp,
        Check::Command,
        Check::Headers,
        Check::Dlp,
        Check::Brute,
        Check::Ztaa,
        Check::Traversal,
    ];

    /// Inverse of [`Check::key`].
    pub fn from_key(key: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// A detected attack, with everything needed to explain it.
#[derive(Clone, Debug, PartialEq)]
pub struct Attack {
    /// Which module found it.
    pub check: Check,
    /// PyRASP location (`qs_values`, `path`, `source_ip`, `content`…).
    pub location: String,
    /// The offending value as seen by the check (decoded), not base64: formats encode it.
    pub payload: String,
    /// `"grammar"`, `"machine learning"` for injection checks.
    pub engine: Option<&'static str>,
    /// Detector confidence in `[0, 1]` for injection checks.
    pub score: Option<f32>,
    /// Effective action 1, 2 or 3 (blacklist attacks are always 2).
    pub action: u8,
}

/// What the adapter must do with the request or response.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// Nothing found: pass through untouched.
    Allow,
    /// Replace the request/response by the block (or redirect) response.
    Block(Box<Attack>),
    /// Log-only (action 3): let it through untouched.
    Monitor(Box<Attack>),
}

impl Decision {
    /// True for `Block`: the adapter must answer with the block response.
    pub fn is_block(&self) -> bool {
        matches!(self, Decision::Block(_))
    }

    /// The attack behind a `Block` or `Monitor`.
    pub fn attack(&self) -> Option<&Attack> {
        match self {
            Decision::Allow => None,
            Decision::Block(a) | Decision::Monitor(a) => Some(a),
        }
    }

    /// `"allow"`, `"block"` or `"monitor"`.
    pub fn label(&self) -> &'static str {
        match self {
            Decision::Allow => "allow",
            Decision::Block(_) => "block",
            Decision::Monitor(_) => "monitor",
        }
    }
}
