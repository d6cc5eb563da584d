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
    /// The pattern text (a regex for `MatchKind::Regex`).
    pub pattern: String,
    /// How it is matched.
    pub kind: MatchKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// PyRASP `check_pattern` match types.
pub enum MatchKind {
    /// `re.search`.
    Regex,
    /// Prefix.
    Starts,
    /// Suffix.
    Ends,
    /// Substring.
    Contains,
    /// Whole-value equality.
    Match,
}

/// Block reaction (`BLOCK_ACTION` / `BLACKLIST_ACTION`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReactionKind {
    /// Answer with the configured status and body.
    Block,
    /// Answer with the configured status and a `Location` header.
    Redirect,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// `LOG_FORMAT`.
pub enum LogFormat {
    /// PyRASP syslog line.
    Syslog,
    /// PyRASP JSON document.
    Json,
    /// PyRASP PCB JSON layout.
    Pcb,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// `LOG_PROTOCOL`.
pub enum LogProtocol {
    /// Syslog datagrams.
    Udp,
    /// One persistent TCP connection.
    Tcp,
    /// Webhook POST.
    Http,
    /// Webhook POST over TLS.
    Https,
    /// Rotated local file (`LOG_PATH`).
    File,
    /// JSON lines on standard output.
    Stdout,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// `LOG_TCP_FRAMING` (RFC 6587).
pub enum TcpFraming {
    /// One record per line.
    Newline,
    /// Length-prefixed records.
    OctetCounting,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// `FAIL_MODE`: the decision when the engine itself fails.
pub enum FailMode {
    /// Allow the request.
    Open,
    /// Block the request.
    Closed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// `STATE_BACKEND`.
pub enum StateBackend {
    /// This process only.
    Memory,
    /// Shared through Redis by `rasp-agent`.
    Redis,
}

/// The effective configuration (every key, defaults filled in).
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    // --- identity and reactions ---
    /// `APP_NAME`: application name in logs.
    pub app_name: String,
    /// `HOSTS`: valid `Host` values (with or without port) for the `spoofing` check.
    pub hosts: Vec<String>,
    /// `VERBOSE`: console verbosity (0 quiet, 10 one line per attack, 100 full dumps).
    pub verbose: u32,
    /// `BLOCK_ACTION`: reaction for action 1 (and 2 under `BLACKLIST_OVERRIDE`).
    pub block_action: ReactionKind,
    /// `BLOCK_STATUS_CODE` (0.8.2 `DENY_STATUS_CODE`).
    pub block_status_code: u16,
    /// `BLOCK_ACTION_CONTENT`: body, or URL for a redirect (0.8.2 `GTFO_MSG`).
    pub block_action_content: String,
    /// `BLACKLIST_ACTION`: reaction for action 2 and blacklisted sources.
    pub blacklist_action: ReactionKind,
    /// `BLACKLIST_STATUS_CODE`.
    pub blacklist_status_code: u16,
    /// `BLACKLIST_ACTION_CONTENT`: body, or URL for a redirect.
    pub blacklist_action_content: String,
    /// `CHANGE_SERVER`: rewrite the `Server` response header.
    pub change_server: bool,
    /// `SERVER_HEADER`: the `Server` value when `change_server`.
    pub server_header: String,
    // --- modules ---
    /// Action per check key (0 off, 1 block, 2 block + blacklist, 3 log only).
    pub security_checks: BTreeMap<String, u8>,
    /// `WHITELIST`: sources (IP or CIDR) exempt from inbound checks.
    pub whitelist: Vec<ipnet::IpNet>,
    /// `TRUSTED_PROXIES`: peers whose forwarding headers are believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `IGNORE_PATHS`: path regexes that skip flood, HPP and value checks.
    pub ignore_paths: Vec<String>,
    /// `FORBIDDEN_HEADERS`: header names (lower case) that are an attack.
    pub forbidden_headers: Vec<String>,
    /// `WHITELIST_HEADERS`: headers left out of header analysis.
    pub whitelist_headers: Vec<PatternSpec>,
    /// `BRUTE_AND_FLOOD_PATHS`: path regexes counted by the flood check.
    pub brute_and_flood_paths: Vec<String>,
    /// `FLOOD_DELAY`: flood window, seconds.
    pub flood_delay: f64,
    /// `FLOOD_RATIO`: requests allowed per window.
    pub flood_ratio: u64,
    /// `ERROR_FLOOD_DELAY`: brute-force window, seconds.
    pub error_flood_delay: f64,
    /// `ERROR_FLOOD_RATIO`: error responses allowed per window.
    pub error_flood_ratio: u64,
    /// `BLACKLIST_DELAY`: blacklist duration, seconds.
    pub blacklist_delay: f64,
    /// `BLACKLIST_OVERRIDE`: never look up nor add blacklist entries.
    pub blacklist_override: bool,
    /// `BLACKLIST_SHARE`: send new entries in beacons.
    pub blacklist_share: bool,
    /// `DECOY_ROUTES`: paths only scanners request.
    pub decoy_routes: Vec<PatternSpec>,
    /// `EXCEPTIONS`: values removed before the value checks.
    pub exceptions: Vec<PatternSpec>,
    /// `HPP_ALLOWED_PARAMS`: names allowed to repeat (exact, `*suffix`, `prefix*`).
    pub hpp_allowed_params: Vec<String>,
    /// `DECODE_B64`: also inspect the base64 decoding of values.
    pub decode_b64: bool,
    /// `XSS_PROBA`: XSS model threshold.
    pub xss_proba: f32,
    /// `SQLI_PROBA`: SQLi model threshold.
    pub sqli_proba: f32,
    /// `MIN_XSS_LEN`: XSS model minimum value length.
    pub min_xss_len: usize,
    /// `MIN_SQLI_LEN`: SQLi model minimum value length.
    pub min_sqli_len: usize,
    /// `ZTAA_HEADER` (alias `ZTAA_KEY_HEADER`): header carrying the JWT.
    pub ztaa_header: String,
    /// `ZTAA_KEYS` (alias `ZTAA_KEY`): HMAC keys, any one may sign.
    pub ztaa_keys: Vec<String>,
    /// `ZTAA_BROWSER_VERSION`: require a truthy `latest` claim.
    pub ztaa_browser_version: bool,
    /// `DLP_PHONE_NUMBERS`.
    pub dlp_phone_numbers: bool,
    /// `DLP_CC_NUMBERS` (Luhn-checked).
    pub dlp_cc_numbers: bool,
    /// `DLP_PRIVATE_KEYS`.
    pub dlp_private_keys: bool,
    /// `DLP_HASHES` (password hashes).
    pub dlp_hashes: bool,
    /// `DLP_WINDOWS_CREDS`.
    pub dlp_windows_creds: bool,
    /// `DLP_LINUX_CREDS`.
    pub dlp_linux_creds: bool,
    /// `DLP_API`: API keys and tokens (0.10).
    pub dlp_api: bool,
    /// `DLP_LOG_LEAKED_DATA`: payload is the leaked text instead of the category.
    pub dlp_log_leaked_data: bool,
    // --- limits (ours) ---
    /// `MAX_BODY_BYTES`: request body bytes inspected.
    pub max_body_bytes: usize,
    /// `MAX_RESPONSE_BYTES`: response body bytes scanned by DLP.
    pub max_response_bytes: usize,
    /// `MAX_VALUES`: values inspected per request.
    pub max_values: usize,
    /// `MAX_VALUE_LEN`: bytes inspected per value.
    pub max_value_len: usize,
    /// `MAX_DECODE_DEPTH`: decoding rounds per value.
    pub max_decode_depth: usize,
    /// `MAX_JSON_DEPTH`: JSON nesting walked.
    pub max_json_depth: usize,
    /// `TIME_BUDGET_US`: per-request budget of the value checks, microseconds.
    pub time_budget_us: u64,
    /// `FAIL_MODE`: what an internal panic decides.
    pub fail_mode: FailMode,
    /// `STATE_CAPACITY`: entries kept by the in-memory store.
    pub state_capacity: usize,
    // --- logging (rasp-agent) ---
    /// `LOG_ENABLED`.
    pub log_enabled: bool,
    /// `LOG_FORMAT`.
    pub log_format: LogFormat,
    /// `LOG_SERVER`.
    pub log_server: String,
    /// `LOG_PORT`.
    pub log_port: u16,
    /// `LOG_PROTOCOL`.
    pub log_protocol: LogProtocol,
    /// `LOG_PATH`: webhook path, or file path for `file`.
    pub log_path: String,
    /// `LOG_FILE_SIZE`: rotation size, MB.
    pub log_file_size: u64,
    /// `LOG_FILE_COUNT`: rotated files kept.
    pub log_file_count: u32,
    /// `LOG_SYSLOG_RFC5424`: RFC 5424 header on syslog records.
    pub log_syslog_rfc5424: bool,
    /// `LOG_TCP_FRAMING`.
    pub log_tcp_framing: TcpFraming,
    /// `LOG_TLS`.
    pub log_tls: bool,
    /// `LOG_HTTP_TIMEOUT`: seconds.
    pub log_http_timeout: f64,
    /// `LOG_QUEUE_SIZE`: events queued before dropping.
    pub log_queue_size: usize,
    /// `RESOLVE_COUNTRY`.
    pub resolve_country: bool,
    /// `GEOIP_DB`: offline MaxMind country database.
    pub geoip_db: String,
    // --- cloud (rasp-agent) ---
    /// `BEACON`.
    pub beacon: bool,
    /// `BEACON_URL`.
    pub beacon_url: Option<String>,
    /// `BEACON_DELAY`: seconds between beacons.
    pub beacon_delay: f64,
    /// `TELEMETRY_DATA`: add cpu, memory and counters to beacons.
    pub telemetry_data: bool,
    /// `CLOUD_TIMEOUT`: seconds per cloud call.
    pub cloud_timeout: f64,
    // --- shared state (rasp-agent) ---
    /// `STATE_BACKEND`.
    pub state_backend: StateBackend,
    /// `REDIS_URL`.
    pub redis_url: String,
    /// `REDIS_PREFIX`.
    pub redis_prefix: String,
    // --- serverless (rasp-lambda) ---
    /// `LAMBDA_ANALYZE_HEADERS`.
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
    /// A known key with a bad value.
    Invalid {
        /// The key, as written in the file.
        key: String,
        /// What is wrong with its value.
        reason: String,
    },
    #[error("unknown config key `{0}`")]
    /// A key nobody knows (strict mode).
    UnknownKey(String),
    #[error("cannot read config file {path}: {reason}")]
    /// The file could not be read.
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        reason: String,
    },
    #[error("config file {path} is not valid JSON: {reason}")]
    /// The file is not a JSON object.
    Json {
        /// The file.
        path: String,
        /// The parse error.
        reason: String,
    },
}

/// A configuration file after loading: the effective config, the file's top-level
/// `"blacklist": {ip: epoch}` (PyRASP 0.8.2) and non-fatal warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedConfig {
    /// The effective configuration.
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
        let body = match (wrapped, root.remove("config")) {
            (true, Some(Value::Object(m))) => {
                for k in root.keys() {
                    warnings.push(format!("top-level key `{k}` next to `config` ignored"));
                }
                m
            }
            (_, other) => {
                // Bare object: put back a non-object `config` so it is rejected by name.
                if let Some(v) = other {
                    root.insert("config".into(), v);
                }
                root
            }
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

#[cfg(test)]
mod tests;
