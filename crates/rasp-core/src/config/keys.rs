//! One function per direction between the UPPER_CASE JSON keys and the typed [`Config`]:
//! [`apply_key`] parses and validates one key, [`to_json`] writes every key back.
//!
//! Validation happens key by key so an error always names the key and the reason
//! (PyRASP copied any key onto the agent with `setattr`, spec §14 B26).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::{
    default_security_checks, Config, ConfigError, FailMode, LogFormat, LogProtocol, MatchKind,
    PatternSpec, ReactionKind, StateBackend, TcpFraming,
};

/// Keys of PyRASP 0.9–0.10 that rasp-rs accepts but does not implement (a warning, not an error).
pub const ACCEPTED_UNIMPLEMENTED: &[&str] = &[
    "XSS_LOG_PROBA",
    "SQLI_LOG_PROBA",
    "UPLOAD_FILES",
    "UPLOAD_MAX_SIZE",
    "UPLOAD_EXTENSIONS",
    "LOG_JA4H_FINGERPRINT",
    "CHARS_CYRILLIC",
    "CHARS_INVISIBLE",
    "CHARS_NONPRINTABLE",
    "ML_CACHE_SIZE",
    "ML_CACHE_MAX_LENGTH",
    "ML_BATCH_SIZE",
    "PROMPT_BATCH_SIZE",
    "TRUST_PROXY_HEADERS",
    "TEMPLATE",
    "CONFIG_TEMPLATES",
];

/// `SECURITY_CHECKS` keys of PyRASP 0.9–0.10 we accept (stored, never fire).
pub const ACCEPTED_UNIMPLEMENTED_CHECKS: &[&str] = &["prompt", "upload", "chars", "bots"];

/// What [`apply_key`] did with a key.
#[derive(Debug, PartialEq, Eq)]
pub enum Applied {
    /// The key was understood and applied.
    Set,
    /// Known PyRASP key that rasp-rs does not implement: ignored with a warning.
    Ignored,
}

fn invalid(key: &str, reason: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key: key.to_string(),
        reason: reason.into(),
    }
}

fn as_bool(key: &str, v: &Value) -> Result<bool, ConfigError> {
    match v {
        Value::Bool(b) => Ok(*b),
        // PyRASP configs in the wild use 0/1 for booleans.
        Value::Number(n) if n.as_u64() == Some(0) => Ok(false),
        Value::Number(n) if n.as_u64() == Some(1) => Ok(true),
        _ => Err(invalid(key, format!("expected true or false, got {v}"))),
    }
}

fn as_string(key: &str, v: &Value) -> Result<String, ConfigError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        _ => Err(invalid(key, format!("expected a string, got {v}"))),
    }
}

fn as_u64(key: &str, v: &Value) -> Result<u64, ConfigError> {
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                return Ok(u);
            }
            // Accept integral floats such as 60.0 (Python writes them).
            match n.as_f64() {
                Some(f) if f >= 0.0 && f.fract() == 0.0 && f < u64::MAX as f64 => Ok(f as u64),
                _ => Err(invalid(
                    key,
                    format!("expected a non-negative integer, got {v}"),
                )),
            }
        }
        _ => Err(invalid(
            key,
            format!("expected a non-negative integer, got {v}"),
        )),
    }
}

fn as_f64(key: &str, v: &Value) -> Result<f64, ConfigError> {
    match v.as_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(invalid(key, format!("expected a number, got {v}"))),
    }
}

fn positive_f64(key: &str, v: &Value) -> Result<f64, ConfigError> {
    let f = as_f64(key, v)?;
    if f <= 0.0 {
        return Err(invalid(key, format!("must be > 0, got {f}")));
    }
    Ok(f)
}

fn positive_u64(key: &str, v: &Value) -> Result<u64, ConfigError> {
    let n = as_u64(key, v)?;
    if n == 0 {
        return Err(invalid(key, "must be > 0"));
    }
    Ok(n)
}

fn positive_usize(key: &str, v: &Value) -> Result<usize, ConfigError> {
    usize::try_from(positive_u64(key, v)?).map_err(|_| invalid(key, "too large"))
}

fn probability(key: &str, v: &Value) -> Result<f32, ConfigError> {
    let f = as_f64(key, v)?;
    if !(0.0..=1.0).contains(&f) {
        return Err(invalid(key, format!("must be between 0 and 1, got {f}")));
    }
    Ok(f as f32)
}

fn status_code(key: &str, v: &Value) -> Result<u16, ConfigError> {
    let n = as_u64(key, v)?;
    if !(100..=599).contains(&n) {
        return Err(invalid(
            key,
            format!("HTTP status must be 100–599, got {n}"),
        ));
    }
    Ok(n as u16)
}

fn port(key: &str, v: &Value) -> Result<u16, ConfigError> {
    let n = as_u64(key, v)?;
    if n == 0 || n > 65535 {
        return Err(invalid(key, format!("port must be 1–65535, got {n}")));
    }
    Ok(n as u16)
}

fn string_list(key: &str, v: &Value) -> Result<Vec<String>, ConfigError> {
    match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => Ok(s.clone()),
                _ => Err(invalid(
                    key,
                    format!("item {i} must be a string, got {item}"),
                )),
            })
            .collect(),
        // A single string where a list is expected (ZTAA_KEYS does this in PyRASP).
        Value::String(s) => Ok(vec![s.clone()]),
        _ => Err(invalid(key, format!("expected a list of strings, got {v}"))),
    }
}

fn regex_list(key: &str, v: &Value) -> Result<Vec<String>, ConfigError> {
    let list = string_list(key, v)?;
    for (i, r) in list.iter().enumerate() {
        regex::Regex::new(r)
            .map_err(|e| invalid(key, format!("item {i} is not a valid regex: {e}")))?;
    }
    Ok(list)
}

fn ip_nets(key: &str, v: &Value) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    string_list(key, v)?
        .iter()
        .map(|s| parse_net(s).ok_or_else(|| {
            invalid(
                key,
                format!(
                    "`{s}` is not an IP address or CIDR (PyRASP string prefixes such as `10.0.` must be written `10.0.0.0/16`)"
                ),
            )
        }))
        .collect()
}

/// An IP address (as a /32 or /128) or a CIDR block.
pub fn parse_net(s: &str) -> Option<ipnet::IpNet> {
    let s = s.trim();
    if let Ok(n) = s.parse::<ipnet::IpNet>() {
        return Some(n.trunc());
    }
    s.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from)
}

fn match_kind(s: &str) -> Option<MatchKind> {
    match s.to_ascii_lowercase().as_str() {
        "regex" => Some(MatchKind::Regex),
        "starts" => Some(MatchKind::Starts),
        "ends" => Some(MatchKind::Ends),
        "contains" => Some(MatchKind::Contains),
        "match" => Some(MatchKind::Match),
        _ => None,
    }
}

fn match_kind_name(k: MatchKind) -> &'static str {
    match k {
        MatchKind::Regex => "regex",
        MatchKind::Starts => "starts",
        MatchKind::Ends => "ends",
        MatchKind::Contains => "contains",
        MatchKind::Match => "match",
    }
}

/// PyRASP pattern lists: a plain string (→ `default_kind`) or `[pattern, match_type]`.
fn pattern_list(
    key: &str,
    v: &Value,
    default_kind: MatchKind,
) -> Result<Vec<PatternSpec>, ConfigError> {
    let Value::Array(items) = v else {
        return Err(invalid(key, format!("expected a list, got {v}")));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let spec = match item {
            Value::String(s) => PatternSpec {
                pattern: s.clone(),
                kind: default_kind,
            },
            Value::Array(pair) if pair.len() == 2 => {
                let (Some(p), Some(k)) = (pair[0].as_str(), pair[1].as_str()) else {
                    return Err(invalid(
                        key,
                        format!("item {i} must be [pattern, match_type] strings"),
                    ));
                };
                let kind = match_kind(k).ok_or_else(|| {
                    invalid(
                        key,
                        format!("item {i}: unknown match type `{k}` (regex, starts, ends, contains, match)"),
                    )
                })?;
                PatternSpec {
                    pattern: p.to_string(),
                    kind,
                }
            }
            _ => {
                return Err(invalid(
                    key,
                    format!("item {i} must be a string or [pattern, match_type], got {item}"),
                ))
            }
        };
        if spec.kind == MatchKind::Regex {
            regex::Regex::new(&spec.pattern)
                .map_err(|e| invalid(key, format!("item {i} is not a valid regex: {e}")))?;
        }
        out.push(spec);
    }
    Ok(out)
}

fn reaction(key: &str, v: &Value) -> Result<ReactionKind, ConfigError> {
    match as_string(key, v)?.to_ascii_lowercase().as_str() {
        "block" => Ok(ReactionKind::Block),
        "redirect" => Ok(ReactionKind::Redirect),
        other => Err(invalid(
            key,
            format!("expected `block` or `redirect`, got `{other}`"),
        )),
    }
}

fn check_action(key: &str, v: &Value) -> Result<u8, ConfigError> {
    match v {
        // PyRASP treats any falsy value as off and any truthy one as 1.
        Value::Bool(b) => Ok(u8::from(*b)),
        _ => {
            let n = as_u64(key, v)?;
            if n > 3 {
                return Err(invalid(
                    key,
                    format!("action must be 0, 1, 2 or 3, got {n}"),
                ));
            }
            Ok(n as u8)
        }
    }
}

/// Set one `SECURITY_CHECKS` entry; `key` is the name used in errors.
fn set_check(
    cfg: &mut Config,
    key: &str,
    check: &str,
    v: &Value,
    warnings: &mut Vec<String>,
    lenient: bool,
) -> Result<(), ConfigError> {
    let action = check_action(key, v)?;
    if default_security_checks().contains_key(check) {
        cfg.security_checks.insert(check.to_string(), action);
    } else if ACCEPTED_UNIMPLEMENTED_CHECKS.contains(&check) {
        warnings.push(format!(
            "{key}: the PyRASP `{check}` check is not implemented by rasp-rs; ignored"
        ));
    } else if lenient {
        warnings.push(format!("{key}: unknown security check `{check}`; ignored"));
    } else {
        return Err(invalid(key, format!("unknown security check `{check}`")));
    }
    Ok(())
}

/// Apply one top-level key. Unknown keys are an error unless `lenient` (then a warning).
pub fn apply_key(
    cfg: &mut Config,
    key: &str,
    v: &Value,
    warnings: &mut Vec<String>,
    lenient: bool,
) -> Result<Applied, ConfigError> {
    let k = key;
    if let Some(check) = key.strip_prefix("SECURITY_CHECKS.") {
        set_check(cfg, key, check, v, warnings, lenient)?;
        return Ok(Applied::Set);
    }
    match key {
        "HOSTS" => cfg.hosts = string_list(k, v)?,
        "APP_NAME" => cfg.app_name = as_string(k, v)?,
        "VERBOSE" => {
            cfg.verbose = u32::try_from(as_u64(k, v)?).map_err(|_| invalid(k, "too large"))?
        }
        // 0.8.2 names: one reaction for everything.
        "GTFO_MSG" => {
            let s = as_string(k, v)?;
            cfg.block_action_content = s.clone();
            cfg.blacklist_action_content = s;
        }
        "DENY_STATUS_CODE" => {
            let c = status_code(k, v)?;
            cfg.block_status_code = c;
            cfg.blacklist_status_code = c;
        }
        "BLOCK_ACTION" => cfg.block_action = reaction(k, v)?,
        "BLOCK_STATUS_CODE" => cfg.block_status_code = status_code(k, v)?,
        "BLOCK_ACTION_CONTENT" => cfg.block_action_content = as_string(k, v)?,
        "BLACKLIST_ACTION" => cfg.blacklist_action = reaction(k, v)?,
        "BLACKLIST_STATUS_CODE" => cfg.blacklist_status_code = status_code(k, v)?,
        "BLACKLIST_ACTION_CONTENT" => cfg.blacklist_action_content = as_string(k, v)?,
        "CHANGE_SERVER" => cfg.change_server = as_bool(k, v)?,
        "SERVER_HEADER" => cfg.server_header = as_string(k, v)?,
        "SECURITY_CHECKS" => {
            let Value::Object(map) = v else {
                return Err(invalid(k, format!("expected an object, got {v}")));
            };
            // Merged per key over what is there (defaults first): a partial map must not
            // switch other modules off (spec §14 B8).
            for (check, action) in map {
                set_check(
                    cfg,
                    &format!("SECURITY_CHECKS.{check}"),
                    check,
                    action,
                    warnings,
                    lenient,
                )?;
            }
        }
        "WHITELIST" => cfg.whitelist = ip_nets(k, v)?,
        "TRUSTED_PROXIES" => cfg.trusted_proxies = ip_nets(k, v)?,
        "IGNORE_PATHS" => cfg.ignore_paths = regex_list(k, v)?,
        "FORBIDDEN_HEADERS" => {
            cfg.forbidden_headers = string_list(k, v)?
                .into_iter()
                .map(|h| h.to_ascii_lowercase())
                .collect()
        }
        "WHITELIST_HEADERS" => cfg.whitelist_headers = pattern_list(k, v, MatchKind::Match)?,
        "BRUTE_AND_FLOOD_PATHS" => cfg.brute_and_flood_paths = regex_list(k, v)?,
        "FLOOD_DELAY" => cfg.flood_delay = positive_f64(k, v)?,
        "FLOOD_RATIO" => cfg.flood_ratio = positive_u64(k, v)?,
        "ERROR_FLOOD_DELAY" => cfg.error_flood_delay = positive_f64(k, v)?,
        "ERROR_FLOOD_RATIO" => cfg.error_flood_ratio = positive_u64(k, v)?,
        "BLACKLIST_DELAY" => cfg.blacklist_delay = positive_f64(k, v)?,
        "BLACKLIST_OVERRIDE" => cfg.blacklist_override = as_bool(k, v)?,
        "BLACKLIST_SHARE" => cfg.blacklist_share = as_bool(k, v)?,
        "DECOY_ROUTES" => cfg.decoy_routes = pattern_list(k, v, MatchKind::Starts)?,
        "EXCEPTIONS" => cfg.exceptions = pattern_list(k, v, MatchKind::Match)?,
        "HPP_ALLOWED_PARAMS" => cfg.hpp_allowed_params = string_list(k, v)?,
        "DECODE_B64" => cfg.decode_b64 = as_bool(k, v)?,
        "XSS_PROBA" => cfg.xss_proba = probability(k, v)?,
        "SQLI_PROBA" => cfg.sqli_proba = probability(k, v)?,
        "MIN_XSS_LEN" => cfg.min_xss_len = as_u64(k, v)? as usize,
        "MIN_SQLI_LEN" => cfg.min_sqli_len = as_u64(k, v)? as usize,
        // 0.8.2 defined ZTAA_KEY_HEADER/ZTAA_KEY but read ZTAA_HEADER/ZTAA_KEYS (spec §14 B6):
        // both spellings work here.
        "ZTAA_HEADER" | "ZTAA_KEY_HEADER" => {
            let h = as_string(k, v)?;
            if h.trim().is_empty() {
                return Err(invalid(k, "header name must not be empty"));
            }
            cfg.ztaa_header = h;
        }
        "ZTAA_KEYS" | "ZTAA_KEY" => {
            cfg.ztaa_keys = string_list(k, v)?
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect()
        }
        "ZTAA_BROWSER_VERSION" => cfg.ztaa_browser_version = as_bool(k, v)?,
        "DLP_PHONE_NUMBERS" => cfg.dlp_phone_numbers = as_bool(k, v)?,
        "DLP_CC_NUMBERS" => cfg.dlp_cc_numbers = as_bool(k, v)?,
        "DLP_PRIVATE_KEYS" => cfg.dlp_private_keys = as_bool(k, v)?,
        "DLP_HASHES" => cfg.dlp_hashes = as_bool(k, v)?,
        "DLP_WINDOWS_CREDS" => cfg.dlp_windows_creds = as_bool(k, v)?,
        "DLP_LINUX_CREDS" => cfg.dlp_linux_creds = as_bool(k, v)?,
        "DLP_API" => cfg.dlp_api = as_bool(k, v)?,
        "DLP_LOG_LEAKED_DATA" => cfg.dlp_log_leaked_data = as_bool(k, v)?,
        "MAX_BODY_BYTES" => cfg.max_body_bytes = positive_usize(k, v)?,
        "MAX_RESPONSE_BYTES" => cfg.max_response_bytes = positive_usize(k, v)?,
        "MAX_VALUES" => cfg.max_values = positive_usize(k, v)?,
        "MAX_VALUE_LEN" => cfg.max_value_len = positive_usize(k, v)?,
        "MAX_DECODE_DEPTH" => {
            let n = as_u64(k, v)?;
            if n > 16 {
                return Err(invalid(k, format!("must be 0–16, got {n}")));
            }
            cfg.max_decode_depth = n as usize;
        }
        "MAX_JSON_DEPTH" => {
            let n = positive_u64(k, v)?;
            if n > 256 {
                return Err(invalid(k, format!("must be 1–256, got {n}")));
            }
            cfg.max_json_depth = n as usize;
        }
        "TIME_BUDGET_US" => cfg.time_budget_us = positive_u64(k, v)?,
        "FAIL_MODE" => {
            cfg.fail_mode = match as_string(k, v)?.to_ascii_lowercase().as_str() {
                "open" => FailMode::Open,
                "closed" => FailMode::Closed,
                o => {
                    return Err(invalid(
                        k,
                        format!("expected `open` or `closed`, got `{o}`"),
                    ))
                }
            }
        }
        "STATE_CAPACITY" => cfg.state_capacity = positive_usize(k, v)?,
        "LOG_ENABLED" => cfg.log_enabled = as_bool(k, v)?,
        "LOG_FORMAT" => {
            cfg.log_format = match as_string(k, v)?.to_ascii_lowercase().as_str() {
                "syslog" => LogFormat::Syslog,
                "json" => LogFormat::Json,
                "pcb" => LogFormat::Pcb,
                o => {
                    return Err(invalid(
                        k,
                        format!("expected syslog, json or pcb, got `{o}`"),
                    ))
                }
            }
        }
        "LOG_SERVER" => cfg.log_server = as_string(k, v)?,
        "LOG_PORT" => cfg.log_port = port(k, v)?,
        "LOG_PROTOCOL" => {
            cfg.log_protocol = match as_string(k, v)?.to_ascii_lowercase().as_str() {
                "udp" => LogProtocol::Udp,
                "tcp" => LogProtocol::Tcp,
                "http" => LogProtocol::Http,
                "https" => LogProtocol::Https,
                "file" => LogProtocol::File,
                "stdout" => LogProtocol::Stdout,
                o => {
                    return Err(invalid(
                        k,
                        format!("expected udp, tcp, http, https, file or stdout, got `{o}`"),
                    ))
                }
            }
        }
        "LOG_PATH" => cfg.log_path = as_string(k, v)?,
        "LOG_FILE_SIZE" => cfg.log_file_size = positive_u64(k, v)?,
        "LOG_FILE_COUNT" => {
            cfg.log_file_count =
                u32::try_from(positive_u64(k, v)?).map_err(|_| invalid(k, "too large"))?
        }
        "LOG_SYSLOG_RFC5424" => cfg.log_syslog_rfc5424 = as_bool(k, v)?,
        "LOG_TCP_FRAMING" => {
            cfg.log_tcp_framing = match as_string(k, v)?
                .to_ascii_lowercase()
                .replace('_', "-")
                .as_str()
            {
                "newline" => TcpFraming::Newline,
                "octet-counting" => TcpFraming::OctetCounting,
                o => {
                    return Err(invalid(
                        k,
                        format!("expected `newline` or `octet-counting`, got `{o}`"),
                    ))
                }
            }
        }
        "LOG_TLS" => cfg.log_tls = as_bool(k, v)?,
        "LOG_HTTP_TIMEOUT" => cfg.log_http_timeout = positive_f64(k, v)?,
        "LOG_QUEUE_SIZE" => cfg.log_queue_size = positive_usize(k, v)?,
        "RESOLVE_COUNTRY" => cfg.resolve_country = as_bool(k, v)?,
        "GEOIP_DB" => cfg.geoip_db = as_string(k, v)?,
        "BEACON" => cfg.beacon = as_bool(k, v)?,
        "BEACON_URL" => {
            cfg.beacon_url = match v {
                Value::Null => None,
                Value::String(s) if s.is_empty() => None,
                _ => Some(as_string(k, v)?),
            }
        }
        // PyRASP's BEACON_DELAY=0 spun on ZeroDivisionError (spec §14 B25).
        "BEACON_DELAY" => cfg.beacon_delay = positive_f64(k, v)?,
        "TELEMETRY_DATA" => cfg.telemetry_data = as_bool(k, v)?,
        "CLOUD_TIMEOUT" => cfg.cloud_timeout = positive_f64(k, v)?,
        "STATE_BACKEND" => {
            cfg.state_backend = match as_string(k, v)?.to_ascii_lowercase().as_str() {
                "memory" => StateBackend::Memory,
                "redis" => StateBackend::Redis,
                o => {
                    return Err(invalid(
                        k,
                        format!("expected `memory` or `redis`, got `{o}`"),
                    ))
                }
            }
        }
        "REDIS_URL" => cfg.redis_url = as_string(k, v)?,
        "REDIS_PREFIX" => cfg.redis_prefix = as_string(k, v)?,
        "LAMBDA_ANALYZE_HEADERS" => cfg.lambda_analyze_headers = as_bool(k, v)?,
        _ if ACCEPTED_UNIMPLEMENTED.contains(&key) => {
            warnings.push(format!(
                "{key}: PyRASP key not implemented by rasp-rs; ignored"
            ));
            return Ok(Applied::Ignored);
        }
        _ if lenient => {
            warnings.push(format!("unknown config key `{key}`; ignored (--lenient)"));
            return Ok(Applied::Ignored);
        }
        _ => return Err(ConfigError::UnknownKey(key.to_string())),
    }
    Ok(Applied::Set)
}

/// Checks that involve more than one key, run after every layer.
pub fn validate(cfg: &Config) -> Result<(), ConfigError> {
    if cfg.action("ztaa") != 0 && cfg.ztaa_keys.is_empty() {
        // PyRASP crashed every request here (spec §14 B6); we refuse to start instead.
        return Err(invalid(
            "ZTAA_KEYS",
            "the `ztaa` check is enabled but no key is configured",
        ));
    }
    if matches!(cfg.log_protocol, LogProtocol::File) && cfg.log_enabled && cfg.log_path.is_empty() {
        return Err(invalid(
            "LOG_PATH",
            "LOG_PROTOCOL is `file` but LOG_PATH is empty",
        ));
    }
    Ok(())
}

fn patterns_json(list: &[PatternSpec]) -> Value {
    Value::Array(
        list.iter()
            .map(|p| json!([p.pattern, match_kind_name(p.kind)]))
            .collect(),
    )
}

fn nets_json(list: &[ipnet::IpNet]) -> Value {
    Value::Array(list.iter().map(|n| Value::String(n.to_string())).collect())
}

/// Every key of the effective configuration, UPPER_CASE, in a form [`apply_key`] reads back.
pub fn to_json(cfg: &Config) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: Value| {
        m.insert(k.to_string(), v);
    };
    let reaction = |r: ReactionKind| match r {
        ReactionKind::Block => "block",
        ReactionKind::Redirect => "redirect",
    };
    put("APP_NAME", json!(cfg.app_name));
    put("HOSTS", json!(cfg.hosts));
    put("VERBOSE", json!(cfg.verbose));
    put("BLOCK_ACTION", json!(reaction(cfg.block_action)));
    put("BLOCK_STATUS_CODE", json!(cfg.block_status_code));
    put("BLOCK_ACTION_CONTENT", json!(cfg.block_action_content));
    put("BLACKLIST_ACTION", json!(reaction(cfg.blacklist_action)));
    put("BLACKLIST_STATUS_CODE", json!(cfg.blacklist_status_code));
    put(
        "BLACKLIST_ACTION_CONTENT",
        json!(cfg.blacklist_action_content),
    );
    put("CHANGE_SERVER", json!(cfg.change_server));
    put("SERVER_HEADER", json!(cfg.server_header));
    let checks: BTreeMap<&str, u8> = cfg
        .security_checks
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    put("SECURITY_CHECKS", json!(checks));
    put("WHITELIST", nets_json(&cfg.whitelist));
    put("TRUSTED_PROXIES", nets_json(&cfg.trusted_proxies));
    put("IGNORE_PATHS", json!(cfg.ignore_paths));
    put("FORBIDDEN_HEADERS", json!(cfg.forbidden_headers));
    put("WHITELIST_HEADERS", patterns_json(&cfg.whitelist_headers));
    put("BRUTE_AND_FLOOD_PATHS", json!(cfg.brute_and_flood_paths));
    put("FLOOD_DELAY", json!(cfg.flood_delay));
    put("FLOOD_RATIO", json!(cfg.flood_ratio));
    put("ERROR_FLOOD_DELAY", json!(cfg.error_flood_delay));
    put("ERROR_FLOOD_RATIO", json!(cfg.error_flood_ratio));
    put("BLACKLIST_DELAY", json!(cfg.blacklist_delay));
    put("BLACKLIST_OVERRIDE", json!(cfg.blacklist_override));
    put("BLACKLIST_SHARE", json!(cfg.blacklist_share));
    put("DECOY_ROUTES", patterns_json(&cfg.decoy_routes));
    put("EXCEPTIONS", patterns_json(&cfg.exceptions));
    put("HPP_ALLOWED_PARAMS", json!(cfg.hpp_allowed_params));
    put("DECODE_B64", json!(cfg.decode_b64));
    put("XSS_PROBA", json!(cfg.xss_proba));
    put("SQLI_PROBA", json!(cfg.sqli_proba));
    put("MIN_XSS_LEN", json!(cfg.min_xss_len));
    put("MIN_SQLI_LEN", json!(cfg.min_sqli_len));
    put("ZTAA_HEADER", json!(cfg.ztaa_header));
    put("ZTAA_KEYS", json!(cfg.ztaa_keys));
    put("ZTAA_BROWSER_VERSION", json!(cfg.ztaa_browser_version));
    put("DLP_PHONE_NUMBERS", json!(cfg.dlp_phone_numbers));
    put("DLP_CC_NUMBERS", json!(cfg.dlp_cc_numbers));
    put("DLP_PRIVATE_KEYS", json!(cfg.dlp_private_keys));
    put("DLP_HASHES", json!(cfg.dlp_hashes));
    put("DLP_WINDOWS_CREDS", json!(cfg.dlp_windows_creds));
    put("DLP_LINUX_CREDS", json!(cfg.dlp_linux_creds));
    put("DLP_API", json!(cfg.dlp_api));
    put("DLP_LOG_LEAKED_DATA", json!(cfg.dlp_log_leaked_data));
    put("MAX_BODY_BYTES", json!(cfg.max_body_bytes));
    put("MAX_RESPONSE_BYTES", json!(cfg.max_response_bytes));
    put("MAX_VALUES", json!(cfg.max_values));
    put("MAX_VALUE_LEN", json!(cfg.max_value_len));
    put("MAX_DECODE_DEPTH", json!(cfg.max_decode_depth));
    put("MAX_JSON_DEPTH", json!(cfg.max_json_depth));
    put("TIME_BUDGET_US", json!(cfg.time_budget_us));
    put(
        "FAIL_MODE",
        json!(match cfg.fail_mode {
            FailMode::Open => "open",
            FailMode::Closed => "closed",
        }),
    );
    put("STATE_CAPACITY", json!(cfg.state_capacity));
    put("LOG_ENABLED", json!(cfg.log_enabled));
    put(
        "LOG_FORMAT",
        json!(match cfg.log_format {
            LogFormat::Syslog => "syslog",
            LogFormat::Json => "json",
            LogFormat::Pcb => "pcb",
        }),
    );
    put("LOG_SERVER", json!(cfg.log_server));
    put("LOG_PORT", json!(cfg.log_port));
    put(
        "LOG_PROTOCOL",
        json!(match cfg.log_protocol {
            LogProtocol::Udp => "udp",
            LogProtocol::Tcp => "tcp",
            LogProtocol::Http => "http",
            LogProtocol::Https => "https",
            LogProtocol::File => "file",
            LogProtocol::Stdout => "stdout",
        }),
    );
    put("LOG_PATH", json!(cfg.log_path));
    put("LOG_FILE_SIZE", json!(cfg.log_file_size));
    put("LOG_FILE_COUNT", json!(cfg.log_file_count));
    put("LOG_SYSLOG_RFC5424", json!(cfg.log_syslog_rfc5424));
    put(
        "LOG_TCP_FRAMING",
        json!(match cfg.log_tcp_framing {
            TcpFraming::Newline => "newline",
            TcpFraming::OctetCounting => "octet-counting",
        }),
    );
    put("LOG_TLS", json!(cfg.log_tls));
    put("LOG_HTTP_TIMEOUT", json!(cfg.log_http_timeout));
    put("LOG_QUEUE_SIZE", json!(cfg.log_queue_size));
    put("RESOLVE_COUNTRY", json!(cfg.resolve_country));
    put("GEOIP_DB", json!(cfg.geoip_db));
    put("BEACON", json!(cfg.beacon));
    put("BEACON_URL", json!(cfg.beacon_url));
    put("BEACON_DELAY", json!(cfg.beacon_delay));
    put("TELEMETRY_DATA", json!(cfg.telemetry_data));
    put("CLOUD_TIMEOUT", json!(cfg.cloud_timeout));
    put(
        "STATE_BACKEND",
        json!(match cfg.state_backend {
            StateBackend::Memory => "memory",
            StateBackend::Redis => "redis",
        }),
    );
    put("REDIS_URL", json!(cfg.redis_url));
    put("REDIS_PREFIX", json!(cfg.redis_prefix));
    put("LAMBDA_ANALYZE_HEADERS", json!(cfg.lambda_analyze_headers));
    Value::Object(m)
}
