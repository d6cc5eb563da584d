//! Data Leak Prevention (`dlp`, spec §6.13) on response bodies, with the patterns of spec
//! §14 B21 fixed: phone numbers need a separator before the prefix and a realistic length
//! (no more `00998` inside an MD5), credit cards must pass the Luhn check, password hashes
//! really match hashes and are labelled `Password Hash`.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

use super::Finding;
use crate::attack::Check;
use crate::config::Config;

/// One DLP category, in PyRASP's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// Phone numbers with an international prefix.
    Phone,
    /// Luhn-valid card numbers of the major brands.
    CreditCard,
    /// PEM private keys.
    PrivateKey,
    /// Hex password hashes (MD5 … SHA-512 lengths).
    Hash,
    /// NTLM, pwdump, domain-cached and NetNTLM credentials.
    Windows,
    /// crypt(3) and yescrypt password hashes.
    Linux,
    /// Cloud, VCS, registry and AI-provider API keys.
    Api,
}

impl Category {
    /// Payload when `DLP_LOG_LEAKED_DATA` is off.
    pub fn label(self) -> &'static str {
        match self {
            Category::Phone => "Phone Number",
            Category::CreditCard => "Credit Card",
            Category::PrivateKey => "Private Key",
            Category::Hash => "Password Hash",
            Category::Windows => "Windows Credentials",
            Category::Linux => "Linux Credentials",
            Category::Api => "API Key",
        }
    }
}

fn ci(p: &str) -> Regex {
    RegexBuilder::new(p)
        .case_insensitive(true)
        .multi_line(true)
        .build()
        .expect("static DLP pattern")
}

fn cs(p: &str) -> Regex {
    Regex::new(p).expect("static DLP pattern")
}

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    // International prefix at a word start, a country code, then 6–13 more digits with
    // usual separators, not followed by more alphanumerics.
    cs(
        r"(?:^|[^\w+])((?:\+|00|011)[ .-]?(?:9[679]\d|8[035789]\d|6[789]\d|5[90]\d|42\d|3[578]\d|2[1-689]\d|9[0-58]|8[1246]|6[0-6]|5[1-8]|4[013-9]|3[0-469]|2[07]|7|1)(?:[ .()-]{0,2}\d){6,13})(?:$|[^\w])",
    )
});
static CC_CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| cs(r"(?:^|[^\d])((?:\d[ -]?){12,18}\d)(?:$|[^\d])"));
static CC_BRAND: LazyLock<Regex> = LazyLock::new(|| {
    cs(
        r"^(?:4[0-9]{12}(?:[0-9]{3})?|(?:5[1-5][0-9]{2}|222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}|3[47][0-9]{13}|6(?:011|5[0-9]{2})[0-9]{12})$",
    )
});
static KEY: LazyLock<Regex> =
    LazyLock::new(|| cs(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"));
static HASH: LazyLock<Regex> = LazyLock::new(|| {
    ci(r"\b(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64}|[a-f0-9]{96}|[a-f0-9]{128})\b")
});
static WINDOWS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // pwdump / SAM: user:rid:LM:NT:::
        r"[^\s:/\\]{1,20}:\d{1,10}:[a-f0-9]{32}:[a-f0-9]{32}:::",
        r"\$NT\$[a-f0-9]{32}\b",
        r"\$DCC2\$\d{1,6}#[^#\s]{1,20}#[a-f0-9]{32}\b",
        // NTLMv1 / NTLMv2 challenge-response (hashcat 5500 / 5600 formats).
        r"[^\s:/\\]{1,20}::[^\s:/\\]{0,20}:[a-f0-9]{48}:[a-f0-9]{48}:[a-f0-9]{16}\b",
        r"[^\s:/\\]{1,20}::[^\s:/\\]{1,20}:[a-f0-9]{16}:[a-f0-9]{32}:[a-f0-9]{32,}",
        r"\b[a-f0-9]{32}:[a-f0-9]{32}\b",
    ]
    .iter()
    .map(|p| ci(p))
    .collect()
});
static LINUX: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        ci(r"\$(?:1|2[abxy]?|5|6)\$(?:rounds=\d{1,9}\$)?[a-z0-9/.]{1,96}\$[a-z0-9/.]{22,128}"),
        cs(r"\$(?:y|7|gy)\$[./A-Za-z0-9]+\$[./A-Za-z0-9]{0,86}\$[./A-Za-z0-9]{43}"),
    ]
});
static API: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b",
        r#"(?i)aws[_\-\.]?(?:secret|sec)[_\-\.]?(?:access)?[_\-\.]?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})"#,
        r"DefaultEndpointsProtocol=https?;AccountName=[A-Za-z0-9]+;AccountKey=([A-Za-z0-9+/=]{86,88})",
        r#"(?i)client[_\-]?secret["']?\s*[:=]\s*["']?([A-Za-z0-9~._\-]{34,40})\b"#,
        r"\b(AIza[0-9A-Za-z_\-]{35})\b",
        r"\b([0-9]+-[a-z0-9_]{32}\.apps\.googleusercontent\.com)\b",
        r#""type"\s*:\s*"service_account"[\s\S]{0,400}?"private_key"\s*:\s*"-----BEGIN"#,
        r"\b(gh[pousr]_[A-Za-z0-9]{36})\b",
        r"\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b",
        r#"(?i)github[_\-]?(?:client[_\-]?)?secret["']?\s*[:=]\s*["']?([a-f0-9]{40})\b"#,
        r"\b(gl(?:pat|dt|rt|soat|ptt|oas)-[A-Za-z0-9_\-]{20,50})\b",
        r"\b(npm_[A-Za-z0-9]{36})\b",
        r"\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})",
        r"\b(dckr_pat_[A-Za-z0-9_\-]{27})\b",
        r"\b(sk-(?:proj|svcacct|admin)?-?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,})\b",
        r"\b(sk-[A-Za-z0-9]{48})\b",
        r"\b(sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_\-]{93}AA)\b",
        r"\b(hf_[A-Za-z0-9]{34,})\b",
    ]
    .iter()
    .map(|p| cs(p))
    .collect()
});

/// Luhn checksum over ASCII digits.
pub fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

fn find_cc(text: &str) -> Option<String> {
    let mut at = 0;
    // Candidates may overlap a previous non-match's trailing separator: step manually.
    while at < text.len() {
        let caps = CC_CANDIDATE.captures_at(text, at)?;
        let m = caps.get(1)?;
        let digits: Vec<u8> = m.as_str().bytes().filter(u8::is_ascii_digit).collect();
        if let Ok(d) = std::str::from_utf8(&digits) {
            if CC_BRAND.is_match(d) && luhn(&digits) {
                return Some(m.as_str().to_string());
            }
        }
        at = m.end();
    }
    None
}

fn first(res: &[Regex], text: &str) -> Option<String> {
    res.iter()
        .find_map(|r| r.find(text).map(|m| m.as_str().to_string()))
}

/// The first leak in `text` among the enabled categories.
pub fn scan(text: &str, cfg: &Config) -> Option<(Category, String)> {
    let has_hex_run = || HEX32.is_match(text);
    if cfg.dlp_phone_numbers {
        if let Some(c) = PHONE.captures(text).and_then(|c| c.get(1)) {
            return Some((Category::Phone, c.as_str().to_string()));
        }
    }
    if cfg.dlp_cc_numbers {
        if let Some(m) = find_cc(text) {
            return Some((Category::CreditCard, m));
        }
    }
    if cfg.dlp_private_keys {
        if let Some(m) = KEY.find(text) {
            return Some((Category::PrivateKey, m.as_str().to_string()));
        }
    }
    // Hash and Windows patterns need a 32-hex run; skip them cheaply otherwise (0.10.2).
    if cfg.dlp_hashes && has_hex_run() {
        if let Some(m) = HASH.find(text) {
            return Some((Category::Hash, m.as_str().to_string()));
        }
    }
    if cfg.dlp_windows_creds && has_hex_run() {
        if let Some(m) = first(&WINDOWS, text) {
            return Some((Category::Windows, m));
        }
    }
    if cfg.dlp_linux_creds && text.contains('$') {
        if let Some(m) = first(&LINUX, text) {
            return Some((Category::Linux, m));
        }
    }
    if cfg.dlp_api {
        if let Some(m) = first(&API, text) {
            return Some((Category::Api, m));
        }
    }
    None
}

static HEX32: LazyLock<Regex> = LazyLock::new(|| ci(r"[a-f0-9]{32}"));

/// Attack 11 (`content`) with the leaked text or the category label.
pub fn check(text: &str, cfg: &Config) -> Option<Finding> {
    let (cat, leaked) = scan(text, cfg)?;
    let payload = if cfg.dlp_log_leaked_data {
        leaked
    } else {
        cat.label().to_string()
    };
    Some(Finding::new(Check::Dlp, "content", payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_on() -> Config {
        Config {
            dlp_phone_numbers: true,
            dlp_cc_numbers: true,
            dlp_private_keys: true,
            dlp_hashes: true,
            dlp_windows_creds: true,
            dlp_linux_creds: true,
            dlp_api: true,
            dlp_log_leaked_data: true,
            ..Config::default()
        }
    }

    fn cat(text: &str) -> Option<Category> {
        scan(text, &all_on()).map(|(c, _)| c)
    }

    #[test]
    fn phones_without_md5_false_positive() {
        assert_eq!(cat("call +33 6 12 34 56 78 now"), Some(Category::Phone));
        assert_eq!(cat("tel: 0044 20 7946 0958"), Some(Category::Phone));
        let only_phone = Config {
            dlp_phone_numbers: true,
            ..Config::default()
        };
        // PyRASP flagged `00998` inside an MD5 (B21).
        assert_eq!(
            scan(
                "md5 5d41402abc4b2a76b9719d911017c592 and ab00998cd",
                &only_phone
            ),
            None
        );
        assert_eq!(scan("order 100123456789 shipped", &only_phone), None);
    }

    #[test]
    fn credit_cards_need_luhn() {
        assert_eq!(
            cat("card 4111 1111 1111 1111 exp"),
            Some(Category::CreditCard)
        );
        assert_eq!(cat("card 5500-0000-0000-0004"), Some(Category::CreditCard));
        assert_eq!(cat("amex 378282246310005"), Some(Category::CreditCard));
        let only_cc = Config {
            dlp_cc_numbers: true,
            ..Config::default()
        };
        assert_eq!(scan("id 4111111111111112", &only_cc), None, "Luhn fails");
        assert!(luhn(b"79927398713") && !luhn(b"79927398710"));
    }

    #[test]
    fn keys_hashes_and_credentials() {
        assert_eq!(
            cat("-----BEGIN RSA PRIVATE KEY-----\nMIIE"),
            Some(Category::PrivateKey)
        );
        assert_eq!(
            cat("-----BEGIN OPENSSH PRIVATE KEY-----"),
            Some(Category::PrivateKey)
        );
        assert_eq!(
            cat("-----BEGIN PRIVATE KEY-----"),
            Some(Category::PrivateKey)
        );
        let (c, _) = scan(
            "hash=5d41402abc4b2a76b9719d911017c592",
            &Config {
                dlp_hashes: true,
                ..Config::default()
            },
        )
        .unwrap();
        assert_eq!((c, c.label()), (Category::Hash, "Password Hash"));
        let win = Config {
            dlp_windows_creds: true,
            ..Config::default()
        };
        assert_eq!(
            scan(
                "Administrator:500:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::",
                &win
            )
            .map(|x| x.0),
            Some(Category::Windows)
        );
        let linux = Config {
            dlp_linux_creds: true,
            ..Config::default()
        };
        assert_eq!(
            scan("root:$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/:18000:0", &linux).map(|x| x.0),
            Some(Category::Linux)
        );
        assert_eq!(scan("price $6 for $5$", &linux), None);
    }

    #[test]
    fn api_keys() {
        let api = Config {
            dlp_api: true,
            ..Config::default()
        };
        assert_eq!(
            scan("key AKIAIOSFODNN7EXAMPLE here", &api).map(|x| x.0),
            Some(Category::Api)
        );
        assert_eq!(
            scan("token ghp_abcdefghijklmnopqrstuvwxyz0123456789", &api).map(|x| x.0),
            Some(Category::Api)
        );
        assert_eq!(scan("nothing to see", &api), None);
    }

    #[test]
    fn label_or_leak() {
        let mut c = all_on();
        c.dlp_log_leaked_data = false;
        assert_eq!(
            check("4111111111111111", &c).unwrap().payload,
            "Credit Card"
        );
        c.dlp_log_leaked_data = true;
        assert_eq!(
            check("4111111111111111", &c).unwrap().payload,
            "4111111111111111"
        );
        assert!(check("hello", &Config::default()).is_none());
    }
}
