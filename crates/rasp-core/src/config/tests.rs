//! Config loading, layering, aliases and validation errors.

use serde_json::json;

use super::*;

fn parse(text: &str) -> Result<(Config, Vec<String>), ConfigError> {
    Config::from_json_str(text, false)
}

fn err_key(text: &str) -> String {
    match parse(text).unwrap_err() {
        ConfigError::Invalid { key, .. } => key,
        ConfigError::UnknownKey(k) => k,
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn defaults_round_trip_through_json() {
    let d = Config::default();
    let text = d.to_json().to_string();
    let (back, warnings) = parse(&text).unwrap();
    assert_eq!(back, d);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(d.to_json()["SECURITY_CHECKS"]["flood"], 2);
}

#[test]
fn wrapped_and_bare_formats_and_blacklist() {
    let (c, _) = parse(r#"{"APP_NAME": "bare"}"#).unwrap();
    assert_eq!(c.app_name, "bare");
    let l = LoadedConfig::parse(
        Config::default(),
        r#"{"config": {"APP_NAME": "wrapped"}, "blacklist": {"192.0.2.1": 1700000000, "2001:db8::2": 1.5, "nope": 3}}"#,
        "t",
        false,
    )
    .unwrap();
    assert_eq!(l.config.app_name, "wrapped");
    assert_eq!(
        l.blacklist,
        vec![
            ("192.0.2.1".parse().unwrap(), 1_700_000_000.0),
            ("2001:db8::2".parse().unwrap(), 1.5)
        ]
    );
    assert_eq!(l.warnings.len(), 1);
    assert_eq!(l.source, "Local");
}

#[test]
fn pyrasp_082_and_092_reaction_names() {
    let (c, _) = parse(r#"{"GTFO_MSG": "Go away", "DENY_STATUS_CODE": 401}"#).unwrap();
    assert_eq!(
        (
            c.block_action_content.as_str(),
            c.blacklist_action_content.as_str()
        ),
        ("Go away", "Go away")
    );
    assert_eq!((c.block_status_code, c.blacklist_status_code), (401, 401));
    let (c, _) = parse(
        r#"{"BLOCK_ACTION": "Redirect", "BLOCK_STATUS_CODE": 302, "BLOCK_ACTION_CONTENT": "/x", "BLACKLIST_ACTION": "block"}"#,
    )
    .unwrap();
    assert_eq!(c.block_action, ReactionKind::Redirect);
    assert_eq!(c.blacklist_action, ReactionKind::Block);
    assert_eq!(err_key(r#"{"BLOCK_ACTION": "explode"}"#), "BLOCK_ACTION");
}

#[test]
fn ztaa_aliases_and_validation() {
    let (c, _) = parse(r#"{"ZTAA_KEY_HEADER": "x-zt", "ZTAA_KEY": "secret"}"#).unwrap();
    assert_eq!(
        (c.ztaa_header.as_str(), c.ztaa_keys.clone()),
        ("x-zt", vec!["secret".to_string()])
    );
    let (c, _) =
        parse(r#"{"ZTAA_HEADER": "h", "ZTAA_KEYS": ["a", "b"], "SECURITY_CHECKS": {"ztaa": 1}}"#)
            .unwrap();
    assert_eq!(c.ztaa_keys.len(), 2);
    // B6: PyRASP crashed every request; we refuse the config with the key named.
    assert_eq!(err_key(r#"{"SECURITY_CHECKS": {"ztaa": 1}}"#), "ZTAA_KEYS");
}

#[test]
fn security_checks_merge_per_key() {
    let (c, _) = parse(r#"{"SECURITY_CHECKS": {"dlp": 1, "sqli": 3}}"#).unwrap();
    assert_eq!(c.action("dlp"), 1);
    assert_eq!(c.action("sqli"), 3);
    assert_eq!(
        c.action("xss"),
        2,
        "B8: untouched modules keep their defaults"
    );
    assert_eq!(c.action("flood"), 2);
    let (c, _) = parse(r#"{"SECURITY_CHECKS.xss": 0, "SECURITY_CHECKS.headers": true}"#).unwrap();
    assert_eq!((c.action("xss"), c.action("headers")), (0, 1));
    let (_, w) = parse(r#"{"SECURITY_CHECKS": {"prompt": 2, "bots": 1}}"#).unwrap();
    assert_eq!(w.len(), 2);
    assert_eq!(
        err_key(r#"{"SECURITY_CHECKS": {"teleport": 1}}"#),
        "SECURITY_CHECKS.teleport"
    );
    assert_eq!(
        err_key(r#"{"SECURITY_CHECKS": {"xss": 7}}"#),
        "SECURITY_CHECKS.xss"
    );
    assert_eq!(err_key(r#"{"SECURITY_CHECKS": [1]}"#), "SECURITY_CHECKS");
}

#[test]
fn unknown_keys_error_unless_lenient() {
    assert_eq!(
        parse(r#"{"APP_NAM": "typo"}"#).unwrap_err(),
        ConfigError::UnknownKey("APP_NAM".into())
    );
    assert!(parse(r#"{"APP_NAM": "typo"}"#)
        .unwrap_err()
        .to_string()
        .contains("APP_NAM"));
    let (_, w) = Config::from_json_str(r#"{"APP_NAM": "typo"}"#, true).unwrap();
    assert!(w[0].contains("APP_NAM"));
    // PyRASP 0.10 keys we do not implement: accepted with a warning even when strict.
    let (_, w) =
        parse(r#"{"ML_CACHE_SIZE": 10, "UPLOAD_FILES": true, "CHARS_CYRILLIC": true}"#).unwrap();
    assert_eq!(w.len(), 3);
}

#[test]
fn values_are_validated_with_key_and_reason() {
    for (text, key) in [
        (r#"{"BLOCK_STATUS_CODE": 99}"#, "BLOCK_STATUS_CODE"),
        (r#"{"DENY_STATUS_CODE": 600}"#, "DENY_STATUS_CODE"),
        (r#"{"FLOOD_RATIO": 0}"#, "FLOOD_RATIO"),
        (r#"{"FLOOD_DELAY": -1}"#, "FLOOD_DELAY"),
        (r#"{"ERROR_FLOOD_DELAY": 0}"#, "ERROR_FLOOD_DELAY"),
        (r#"{"BLACKLIST_DELAY": "soon"}"#, "BLACKLIST_DELAY"),
        (r#"{"BEACON_DELAY": 0}"#, "BEACON_DELAY"),
        (r#"{"IGNORE_PATHS": ["("]}"#, "IGNORE_PATHS"),
        (r#"{"DECOY_ROUTES": [["(", "regex"]]}"#, "DECOY_ROUTES"),
        (r#"{"DECOY_ROUTES": [["/x", "sideways"]]}"#, "DECOY_ROUTES"),
        (r#"{"WHITELIST": ["10.0."]}"#, "WHITELIST"),
        (r#"{"TRUSTED_PROXIES": ["300.1.1.1/8"]}"#, "TRUSTED_PROXIES"),
        (r#"{"XSS_PROBA": 1.5}"#, "XSS_PROBA"),
        (r#"{"LOG_PORT": 70000}"#, "LOG_PORT"),
        (r#"{"LOG_FORMAT": "xml"}"#, "LOG_FORMAT"),
        (r#"{"HOSTS": "example.com"}"#, "HOSTS_OK"),
        (r#"{"CHANGE_SERVER": "yes"}"#, "CHANGE_SERVER"),
        (r#"{"MAX_JSON_DEPTH": 0}"#, "MAX_JSON_DEPTH"),
        (r#"{"FAIL_MODE": "maybe"}"#, "FAIL_MODE"),
    ] {
        if key == "HOSTS_OK" {
            // A single string where a list is expected is accepted as a one-item list.
            assert_eq!(
                parse(text).unwrap().0.hosts,
                vec!["example.com".to_string()]
            );
            continue;
        }
        let e = parse(text).unwrap_err();
        assert!(e.to_string().contains(key), "{text}: {e}");
    }
}

#[test]
fn enums_are_case_insensitive_and_stdout_is_accepted() {
    let (c, _) = parse(
        r#"{"LOG_FORMAT": "JSON", "LOG_PROTOCOL": "stdout", "LOG_TCP_FRAMING": "octet_counting"}"#,
    )
    .unwrap();
    assert_eq!(
        (c.log_format, c.log_protocol, c.log_tcp_framing),
        (
            LogFormat::Json,
            LogProtocol::Stdout,
            TcpFraming::OctetCounting
        )
    );
    let (c, _) =
        parse(r#"{"LOG_FORMAT": "Syslog", "LOG_PROTOCOL": "TCP", "STATE_BACKEND": "Redis"}"#)
            .unwrap();
    assert_eq!(
        (c.log_format, c.log_protocol, c.state_backend),
        (LogFormat::Syslog, LogProtocol::Tcp, StateBackend::Redis)
    );
    assert_eq!(
        err_key(r#"{"LOG_ENABLED": true, "LOG_PROTOCOL": "file"}"#),
        "LOG_PATH"
    );
}

#[test]
fn patterns_plain_or_typed() {
    let (c, _) = parse(r#"{"DECOY_ROUTES": ["/a", ["/b", "ends"]], "EXCEPTIONS": ["x", ["^y", "regex"]], "WHITELIST": ["10.0.0.1", "10.1.0.0/16"]}"#).unwrap();
    assert_eq!(c.decoy_routes[0].kind, MatchKind::Starts);
    assert_eq!(c.decoy_routes[1].kind, MatchKind::Ends);
    assert_eq!(c.exceptions[0].kind, MatchKind::Match);
    assert_eq!(c.exceptions[1].kind, MatchKind::Regex);
    assert_eq!(c.whitelist[0].to_string(), "10.0.0.1/32");
}

#[test]
fn merged_with_applies_the_same_rules() {
    let base = Config::default();
    let c = base
        .merged_with(&json!({"SECURITY_CHECKS.sqli": 1, "FLOOD_RATIO": 5}))
        .unwrap();
    assert_eq!(
        (c.action("sqli"), c.flood_ratio, c.action("xss")),
        (1, 5, 2)
    );
    assert!(base.merged_with(&json!({"NOPE": 1})).is_err());
    assert!(base.merged_with(&json!({"FLOOD_RATIO": 0})).is_err());
    assert!(base.merged_with(&json!("x")).is_err());
}

#[test]
fn files_and_layering() {
    let dir = tempfile::tempdir().unwrap();
    let env_file = dir.path().join("env.json");
    let explicit = dir.path().join("explicit.json");
    std::fs::write(
        &env_file,
        r#"{"APP_NAME": "env", "FLOOD_RATIO": 7, "blacklist": {"192.0.2.9": 5}}"#,
    )
    .unwrap();
    std::fs::write(&explicit, r#"{"config": {"APP_NAME": "explicit"}}"#).unwrap();
    // The only test touching these variables.
    std::env::set_var("PYRASP_CONF", &env_file);
    let l = Config::load(Some(&explicit), false);
    let none = Config::load(None, false);
    std::env::remove_var("PYRASP_CONF");
    let l = l.unwrap();
    assert_eq!(l.config.app_name, "explicit");
    assert_eq!(l.config.flood_ratio, 7, "env layer below explicit");
    assert_eq!(l.blacklist.len(), 1);
    assert_eq!(none.unwrap().config.app_name, "env");
    assert_eq!(Config::load(None, false).unwrap().source, "Default");
    let missing = Config::from_file(&dir.path().join("missing.json"), false).unwrap_err();
    assert!(matches!(missing, ConfigError::Io { .. }));
    std::fs::write(&explicit, "{not json").unwrap();
    assert!(matches!(
        Config::from_file(&explicit, false).unwrap_err(),
        ConfigError::Json { .. }
    ));
    std::fs::write(&explicit, "[1]").unwrap();
    assert!(matches!(
        Config::from_file(&explicit, false).unwrap_err(),
        ConfigError::Json { .. }
    ));
}
