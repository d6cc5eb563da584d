//! PyRASP-compatible configuration.
//!
//! Field names are PyRASP's keys in lower case (`LOG_SERVER` → `log_server`); the JSON
//! keys stay UPPER_CASE. Loading, layering (defaults < `PYRASP_CONF`/`RASP_CONF` < explicit
//! file < overrides), per-key `SECURITY_CHECKS` merge, aliases and validation live here.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::Path;

use serde_json::Value;

pub mod keys;

/// A pattern with PyRASP match semantics (`regex`, `starts`, `ends`, `contains`, `match`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternSpec {
    pub pattern: String,
    pub kind: MatchKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    Regex,
    Starts,
    Ends,
    Contains,
    Match,
}

/// Block reaction (`BLOCK_ACTION` / `BLACKLIST_ACTION`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReactionKind {
    Block,
    Redirect,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Syslog,
    Json,
    Pcb,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogProtocol {
    Udp,
    Tcp,
    Http,
    Https,
    File,
    Stdout,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TcpFraming {
    Newline,
    OctetCounting,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailMode {
    Open,
    Closed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateBackend {
    Memory,
    Redis,
}

/// The effective configuration (every key, defaults filled in).
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    // --- identity and reactions ---
    pub app_name: String,
    pub hosts: Vec<String>,
    pub verbose: u32,
    pub block_action: ReactionKind,
    pub block_status_code: u16,
    pub block_action_content: String,
    pub blacklist_action: ReactionKind,
    pub blacklist_status_code: u16,
    pub blacklist_action_content: String,
    pub change_server: bool,
    pub server_header: String,
    // --- modules ---
    /// Action per check key (0 off, 1 block, 2 block + blacklist, 3 log only).
    pub security_checks: BTreeMap<String, u8>,
    pub whitelist: Vec<ipnet::IpNet>,
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub ignore_paths: Vec<String>,
    pub forbidden_headers: Vec<String>,
    pub whitelist_headers: Vec<PatternSpec>,
    pub brute_and_flood_paths: Vec<String>,
    pub flood_delay: f64,
    pub flood_ratio: u64,
    pub error_flood_delay: f64,
    pub error_flood_ratio: u64,
    pub blacklist_delay: f64,
    pub blacklist_override: bool,
    pub blacklist_share: bool,
    pub decoy_routes: Vec<PatternSpec>,
    pub exceptions: Vec<PatternSpec>,
    pub hpp_allowed_params: Vec<String>,
    pub decode_b64: bool,
    pub xss_proba: f32,
    pub sqli_proba: f32,
    pub min_xss_len: usize,
    pub min_sqli_len: usize,
    pub ztaa_header: String,
    pub ztaa_keys: Vec<String>,
    pub ztaa_browser_version: bool,
    pub dlp_phone_numbers: bool,
    pub dlp_cc_numbers: bool,
    pub dlp_private_keys: bool,
    pub dlp_hashes: bool,
    pub dlp_windows_creds: bool,
    pub dlp_linux_creds: bool,
    pub dlp_api: bool,
    pub dlp_log_leaked_data: bool,
    // --- limits (ours) ---
    pub max_body_bytes: usize,
    pub max_response_bytes: usize,
    pub max_values: usize,
    pub max_value_len: usize,
    pub max_decode_depth: usize,
    pub max_json_depth: usize,
    pub time_budget_us: u64,
    pub fail_mode: FailMode,
    pub state_capacity: usize,
    // --- logging (rasp-agent) ---
    pub log_enabled: bool,
    pub log_format: LogFormat,
    pub log_server: String,
    pub log_port: u16,
    pub log_protocol: LogProtocol,
    pub log_path: String,
    pub log_file_size: u64,
    pub log_file_count: u32,
    pub log_syslog_rfc5424: bool,
    pub log_tcp_framing: TcpFraming,
    pub log_tls: bool,
    pub log_http_timeout: f64,
    pub log_queue_size: usize,
    pub resolve_country: bool,
    pub geoip_db: String,
    // --- cloud (rasp-agent) ---
    pub beacon: bool,
    pub beacon_url: Option<String>,
    pub beacon_delay: f64,
    pub telemetry_data: bool,
    pub cloud_timeout: f64,
    // --- shared state (rasp-agent) ---
    pub state_backend: StateBackend,
    pub redis_url: String,
    pub redis_prefix: String,
    // --- serverless (rasp-lambda) ---
    pub lambda_analyze_headers: bool,
}

fn spec(p: &str, kind: MatchKind) -> PatternSpec {
    PatternSpec {
        pattern: p.to_string(),
        kind,
    }
}

/// `SECURITY_CHECKS` defaults (PyRASP 0.8.2, plus our `traversal`).
pub fn default_security_checks() -> BTreeMap<String, u8> {
    [
        ("path", 1),
        ("headers", 0),
        ("flood", 2),
        ("spoofing", 0),
        ("decoy", 2),
        ("format", 2),
        ("sqli", 2),
        ("xss", 2),
        ("hpp", 2),
        ("command", 2),
        ("method", 0),
        ("dlp", 0),
        ("brute", 2),
        ("ztaa", 0),
        ("traversal", 2),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

impl Default for Config {
    fn default() -> Self {
        use MatchKind::*;
        Config {
            app_name: "Web Server".into(),
            hosts: vec![],
            verbose: 0,
            block_action: ReactionKind::Block,
            block_status_code: 403,
            block_action_content: "Blocked".into(),
            blacklist_action: ReactionKind::Block,
            blacklist_status_code: 403,
            blacklist_action_content: "Blocked".into(),
            change_server: true,
            server_header: "Apache".into(),
            security_checks: default_security_checks(),
            whitelist: vec![],
            trusted_proxies: vec![],
            ignore_paths: vec![
                "^/favicon.ico$".into(),
                "^/robots.txt$".into(),
                r"^/sitemap\.(txt|xml)$".into(),
            ],
            forbidden_headers: vec![],
            whitelist_headers: vec![],
            brute_and_flood_paths: vec!["^/".into()],
            flood_delay: 60.0,
            flood_ratio: 50,
            error_flood_delay: 10.0,
            error_flood_ratio: 100,
            blacklist_delay: 3600.0,
            blacklist_override: false,
            blacklist_share: false,
            decoy_routes: vec![
                spec("/admin", Ends),
                spec("/login", Ends),
                spec("/logs", Ends),
                spec("/version", Ends),
                spec("/cgi-bin/", Starts),
                spec("/remote/", Starts),
                spec("/.env", Starts),
                spec("/owa/", Starts),
                spec("/autodiscover", Starts),
                spec("/Autodiscover", Starts),
                spec("/.git/", Starts),
                spec("/.aws/", Starts),
                spec(".php", Ends),
            ],
            exceptions: vec![],
            hpp_allowed_params: vec!["*[]".into()],
            decode_b64: true,
            xss_proba: 0.70,
            sqli_proba: 0.85,
            min_xss_len: 16,
            min_sqli_len: 8,
            ztaa_header: "pcb-ztaa".into(),
            ztaa_keys: vec![],
            ztaa_browser_version: false,
            dlp_phone_numbers: false,
            dlp_cc_numbers: false,
            dlp_private_keys: false,
            dlp_hashes: false,
            dlp_windows_creds: false,
            dlp_linux_creds: false,
            dlp_api: false,
            dlp_log_leaked_data: false,
            max_body_bytes: 1 << 20,
            max_response_bytes: 1 << 20,
            max_values: 1000,
            max_value_len: 16 * 1024,
            max_decode_depth: 4,
            max_json_depth: 32,
            time_budget_us: 5_000,
            fail_mode: FailMode::Open,
            state_capacity: 100_000,
            log_enabled: false,
            log_format: LogFormat::Syslog,
            log_server: "127.0.0.1".into(),
            log_port: 514,
            log_protocol: LogProtocol::Udp,
            log_path: String::new(),
            log_file_size: 50,
            log_file_count: 5,
            log_syslog_rfc5424: false,
            log_tcp_framing: TcpFraming::Newline,
            log_tls: false,
            log_http_timeout: 1.0,
            log_queue_size: 10_000,
            resolve_country: true,
            geoip_db: String::new(),
            beacon: false,
            beacon_url: None,
            beacon_delay: 30.0,
            telemetry_data: false,
            cloud_timeout: 5.0,
            state_backend: StateBackend::Memory,
            redis_url: "redis://127.0.0.1:6379".into(),
            redis_prefix: "rasp:".into(),
            lambda_analyze_headers: false,
        }
    }
}

impl Config {
    /// Action configured for a check key (0 when unknown).
    pub fn action(&self, check: &str) -> u8 {
        self.security_checks.get(check).copied().unwrap_or(0)
    }
}

/// A configuration problem, naming the key and the reason.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error("config key `{key}`: {reason}")]
    Invalid { key: String, reason: String },
    #[error("unknown config key `{0}`")]
    UnknownKey(String),
    #[error("cannot read config file {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("config file {path} is not valid JSON: {reason}")]
    Json { path: String, reason: String },
}

/// A configuration file after loading: the effective config, the file's top-level
/// `"blacklist": {ip: epoch}` (PyRASP 0.8.2) and non-fatal warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedConfig {
    pub config: Config,
    /// Entries of the file's top-level `blacklist` object (IP, unix seconds).
    pub blacklist: Vec<(IpAddr, f64)>,
    /// Accepted-but-ignored keys, unknown keys in lenient mode, skipped blacklist entries.
    pub warnings: Vec<String>,
    /// `"Default"` when no file was read, `"Local"` otherwise (PyRASP `get_status().config`).
    pub source: &'static str,
}

/// Largest configuration file we read (a PyRASP config is a few KB).
const MAX_CONFIG_BYTES: u64 = 16 << 20;

impl Config {
    /// Parse a PyRASP JSON config (`{"config": {...}, "blacklist": {...}}` or the bare
    /// object) over the defaults. Unknown keys are an error unless `lenient`.
    pub fn from_json_str(text: &str, lenient: bool) -> Result<(Config, Vec<String>), ConfigError> {
        let loaded = LoadedConfig::parse(Config::default(), text, "<string>", lenient)?;
        Ok((loaded.config, loaded.warnings))
    }

    /// Read and parse one config file over the defaults.
    pub fn from_file(path: &Path, lenient: bool) -> Result<LoadedConfig, ConfigError> {
        let text = read_config_file(path)?;
        LoadedConfig::parse(
            Config::default(),
            &text,
            &path.display().to_string(),
            lenient,
        )
    }

    /// Layered load: defaults < `PYRASP_CONF` (or `RASP_CONF`) file < `explicit_path`.
    pub fn load(explicit_path: Option<&Path>, lenient: bool) -> Result<LoadedConfig, ConfigError> {
        let mut loaded = LoadedConfig {
            config: Config::default(),
            blacklist: Vec::new(),
            warnings: Vec::new(),
            source: "Default",
        };
        let env_path = std::env::var_os("PYRASP_CONF")
            .or_else(|| std::env::var_os("RASP_CONF"))
            .filter(|p| !p.is_empty());
        let layers = env_path
            .as_deref()
            .map(Path::new)
            .into_iter()
            .chain(explicit_path);
        for path in layers {
            let text = read_config_file(path)?;
            let layer =
                LoadedConfig::parse(loaded.config, &text, &path.display().to_string(), lenient)?;
            loaded.config = layer.config;
            loaded.blacklist.extend(layer.blacklist);
            loaded.warnings.extend(layer.warnings);
            loaded.source = "Local";
        }
        Ok(loaded)
    }

    /// This config with `overrides` (an object of UPPER_CASE keys, e.g. a cloud update or
    /// `set_config`) applied on top, validated the same way as a file. Unknown keys are errors.
    pub fn merged_with(&self, overrides: &Value) -> Result<Config, ConfigError> {
        let Value::Object(map) = overrides else {
            return Err(ConfigError::Invalid {
                key: "<root>".into(),
                reason: "overrides must be a JSON object".into(),
            });
        };
        let mut cfg = self.clone();
        let mut warnings = Vec::new();
        for (k, v) in map {
            keys::apply_key(&mut cfg, k, v, &mut warnings, false)?;
        }
        keys::validate(&cfg)?;
        Ok(cfg)
    }

    /// Every key of the effective configuration, UPPER_CASE (PyRASP 0.10 `get_config`).
    pub fn to_json(&self) -> Value {
        keys::to_json(self)
    }
}

fn read_config_file(path: &Path) -> Result<String, ConfigError> {
    use std::io::Read;
    let io_err = |e: std::io::Error| ConfigError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io_err)?;
    let mut text = String::new();
    let n = file
        .take(MAX_CONFIG_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(io_err)?;
    if n as u64 > MAX_CONFIG_BYTES {
        return Err(ConfigError::Io {
            path: path.display().to_string(),
            reason: format!("larger than {MAX_CONFIG_BYTES} bytes"),
        });
    }
    Ok(text)
}

impl LoadedConfig {
    /// Parse `text` as one config layer over `base`.
    pub fn parse(
        base: Config,
        text: &str,
        origin: &str,
        lenient: bool,
    ) -> Result<LoadedConfig, ConfigError> {
        let root: Value = serde_json::from_str(text).map_err(|e| ConfigError::Json {
            path: origin.to_string(),
            reason: e.to_string(),
        })?;
        let Value::Object(mut root) = root else {
            return Err(ConfigError::Json {
                path: origin.to_string(),
                reason: "the top level must be a JSON object".into(),
            });
        };
        let mut warnings = Vec::new();
        let mut blacklist = Vec::new();
        // `{"config": {...}, "blacklist": {...}}` or the bare object.
        let wrapped = root.get("config").is_some_and(Value::is_object);
        if wrapped || root.get("blacklist").is_some_and(Value::is_object) {
            if let Some(Value::Object(bl)) = root.remove("blacklist") {
                for (ip, at) in bl {
                    match (ip.trim().parse::<IpAddr>(), at.as_f64()) {
                        (Ok(addr), Some(t)) if t.is_finite() => blacklist.push((addr, t)),
                        _ => warnings.push(format!(
                            "blacklist entry `{ip}`: expected an IP address and a unix time; skipped"
                        )),
                    }
                }
            }
        }
        let body = if wrapped {
            match root.remove("config") {
                Some(Value::Object(m)) => {
                    for k in root.keys() {
                        warnings.push(format!("top-level key `{k}` next to `config` ignored"));
                    }
                    m
                }
                _ => unreachable_object(),
            }
        } else {
            root
        };
        let mut cfg = base;
        for (k, v) in &body {
            keys::apply_key(&mut cfg, k, v, &mut warnings, lenient)?;
        }
        keys::validate(&cfg)?;
        Ok(LoadedConfig {
            config: cfg,
            blacklist,
            warnings,
            source: "Local",
        })
    }
}

/// `wrapped` was computed from `root["config"].is_object()`, so removal yields an object.
fn unreachable_object() -> serde_json::Map<String, Value> {
    serde_json::Map::new()
}

#[cfg(test)]
mod tests;
