//! Probes and dropped programs: a bare command that prints something about the host (`w`,
//! `id`, `vol`) after an address the application pings or looks up, a command alone after an
//! address, a program the vocabulary does not know after a separator, a router setting after
//! an address (`;uci set …`), and a program started from a scratch directory (`; /tmp/x`).
//!
//! Separate because these carry little to judge in the word itself: the evidence is where
//! the command stands (after a host, right after a separator, in a dropper's directory).

use super::arguments::{has_shell_arguments, host_name, FILE_READERS};
use super::classify::{classify, in_scratch_dir, path_to_run, program_file_name, CommandWord};
use super::scan::{after_data_token, Start};
use super::token::{opening_separator, trim_blanks};
use super::windows::windows_program_path;
use super::word::{ifs_at, read_command_word};
use super::{is_blank, is_sep, MAX_ARGS};
use crate::data_shape::is_ipv4;

/// `;w${IFS}`, `&& history`, `; read -t 10`, `& dropbear -p 2222`, `& conhost calc.exe`,
/// `main.go; go run /tmp/x.go`: a program the vocabulary does not know, in a shell's lower
/// case, is still a command where a shell reads one: glued to `${IFS}`; after a separator
/// that opens the value, alone (after `&&`, `||`) or with shell-shaped arguments; after
/// a data token, with shell-shaped arguments. Prose lists (`a; b; c`, `R&D; sales`) put
/// plain words there; HTML references and query pairs (`&nbsp;`, `&q=1`) glue text on.
pub(super) fn unknown_command_after_separator(v: &[u8], plus: bool) -> bool {
    // Read apart from the start scan, whose prefilter turns away words no known name opens
    // with: these programs are unknown by definition.
    memchr::memchr3_iter(b';', b'&', b'|', v)
        .take(8)
        .any(|sep| unknown_command_at(v, sep, plus))
}

/// The rule of [`unknown_command_after_separator`] for the separator at `sep`.
fn unknown_command_at(v: &[u8], sep: usize, plus: bool) -> bool {
    let op = v[sep];
    let doubled = v.get(sep + 1) == Some(&op);
    if sep > 0 && v[sep - 1] == op {
        return false;
    }
    let at = sep + 1 + usize::from(doubled);
    // Cheap facts first: a lower-case letter opens the word, and the separator opens the
    // value, or a data token comes before it, or `$IFS` follows somewhere.
    let first = v[at..]
        .iter()
        .take(8)
        .copied()
        .find(|&b| !is_blank(b, plus));
    if !first.is_some_and(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let opens_value = v[..sep].iter().all(|&b| is_blank(b, plus));
    if !opens_value
        && !memchr::memchr_iter(b'I', &v[at..]).any(|i| v[at + i..].starts_with(b"IFS"))
        && !after_data_token(v, sep, plus)
    {
        return false;
    }
    let Some((w, end, assigned)) = read_command_word(v, at, Start::Tight, plus) else {
        return false;
    };
    if assigned || end > v.len() || classify(w.as_slice()) != CommandWord::Unknown {
        return false;
    }
    let raw = &v[at..end];
    let Some(first) = raw.iter().position(|&b| !is_blank(b, plus)) else {
        return false;
    };
    let name = &raw[first..];
    if name.is_empty()
        || name.len() > 24
        || !name[0].is_ascii_lowercase()
        || !name
            .iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'-' | b'_'))
    {
        return false;
    }
    if ifs_at(v, end).is_some() {
        return true;
    }
    if v.get(end).is_some_and(|&b| !is_blank(b, plus)) {
        return false;
    }
    let alone = v[end..].iter().all(|&b| is_blank(b, plus));
    let args = || has_shell_arguments(v, end, plus) || program_file_argument(v, end, plus);
    if opens_value {
        // A lone word after `;` is as often a fragment of prose or a config comment (`; end`,
        // `;performance`); after `&&` or `||`, which prose never opens with, it is a command.
        return (alone && doubled) || (!alone && args());
    }
    !alone && after_data_token(v, sep, plus) && (args() || device_setting(v, sep, at, end, plus))
}

/// `192.168.1.1;uci set network.lan.proto=dhcp`, `10.0.0.1;nvram set http_passwd=x`,
/// `1.1.1.1;fw_setenv bootcmd x`: a device's configuration tool after an address or host
/// name (the diagnostics field a router's `ping` line is built from). Its program name or
/// operands are identifiers no sentence writes: a `key=value` setting or a name joined by
/// `_`. Prose after a value (`10.0.0.1; see below`) has plain words.
fn device_setting(v: &[u8], sep: usize, at: usize, end: usize, plus: bool) -> bool {
    // The address is the whole value before the separator: what the form asked for.
    if sep > 64 {
        return false;
    }
    let token = trim_blanks(&v[..sep], plus);
    if !(is_ipv4(token) || host_name(token)) {
        return false;
    }
    let name = trim_blanks(&v[at..end.min(v.len())], plus);
    let line = &v[end.min(v.len())..v.len().min(end + MAX_ARGS)];
    let line = &line[..line.iter().position(|&b| is_sep(b)).unwrap_or(line.len())];
    let mut marked = name.contains(&b'_');
    let mut n = 0;
    for t in line.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty()) {
        n += 1;
        let shaped = t.iter().all(|&b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'_' | b'.' | b'=' | b':' | b'/' | b'-' | b'\'' | b'"' | b'@' | b'[' | b']'
                )
        });
        if n > 6 || !shaped || matches!(t.last(), Some(b'.' | b',' | b':')) {
            return false;
        }
        let key = t.split(|&b| b == b'=').next().unwrap_or_default();
        marked |= t.contains(&b'_')
            || (t.len() > key.len() + 1
                && !key.is_empty()
                && key.iter().all(|&b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
                }));
    }
    n >= 1 && marked
}

/// The first argument after `from` is a Windows or script file a program launcher runs
/// (`calc.exe`, `x.ps1`).
fn program_file_argument(v: &[u8], from: usize, plus: bool) -> bool {
    let rest = &v[from..v.len().min(from + 64)];
    let t = rest
        .split(|&b| is_blank(b, plus))
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    let ext = t.rsplit(|&b| b == b'.').next().unwrap_or_default();
    t.len() > ext.len() + 1
        && t[0].is_ascii_alphanumeric()
        && [
            &b"exe"[..],
            b"bat",
            b"cmd",
            b"ps1",
            b"vbs",
            b"hta",
            b"dll",
            b"sh",
        ]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

/// `8.8.8.8; set`, `example.org & groups`: the command ends the value right after a
/// separator that follows an address or host name, the input of a ping or lookup form. A
/// sentence does not end on a lone English word after a host; an injected command does.
pub(super) fn alone_after_address(v: &[u8], at: usize, end: usize, plus: bool) -> bool {
    if !v[end.min(v.len())..]
        .iter()
        .all(|&b| is_blank(b, plus) || b.is_ascii_whitespace())
    {
        return false;
    }
    let before = &v[..at.min(v.len())];
    let Some(sep) = opening_separator(before, at) else {
        return false;
    };
    let token = trim_blanks(&before[..sep], plus);
    let from = token
        .iter()
        .rposition(|&b| is_blank(b, plus) || b.is_ascii_whitespace() || is_sep(b))
        .map_or(0, |p| p + 1);
    // Only a whole value of one token: an address inside a sentence is prose's.
    if from != 0 || token.len() > 64 {
        return false;
    }
    // An e-mail address (`john@example.com; date`) is a contact, not a host to ping.
    !token.contains(&b'@')
        && (is_ipv4(token) || host_name(token) || (token[0] == b'/' && token.len() > 1))
}

/// `; /tmp/x`, `| ./bot.x86 arm7`, `&& /dev/shm/.k 10.0.0.1 443`, `& C:\Users\Public\x.exe`,
/// `& \\10.0.0.1\s\x.exe`, `& %TEMP%\svc.exe`: a program named by its path in a place a
/// dropper writes to (the working directory, a scratch directory, a user profile, a share)
/// started after a separator, blank or not: the last step of a download-and-run chain,
/// whatever the file's name. After a loose separator (prose writes `; ` too) only the
/// scratch directories and Windows programs count; a line break never starts one (a list
/// of paths one per line names files).
pub(super) fn dropped_program(v: &[u8], at: usize, word: &[u8], kind: Start, plus: bool) -> bool {
    if matches!(kind, Start::Value | Start::Newline)
        || at == 0
        || matches!(v[at - 1], b'\n' | b'\r')
    {
        return false;
    }
    let tight = kind != Start::Loose;
    // Only blanks between the separator and the path: a quote there closes a string of
    // code (`f("x");' ./main.coffee`), and what follows is an argument.
    let first = at + v[at..].iter().take_while(|&&b| is_blank(b, plus)).count();
    let bare = v.get(first) == word.first();
    let scratch = in_scratch_dir(word);
    // In the working directory the name must look like a program, not a source file or
    // document mentioned after a `; ` (`; ./main.coffee is loaded`): no extension, a
    // script's `.sh`, or a build target's (`bot.x86`, `x.arm7`).
    if bare
        && (scratch || (tight && word.starts_with(b"./") && program_file_name(word)))
        && path_to_run(word)
    {
        return true;
    }
    windows_program_path(v, first, plus)
}

/// Commands that print something about the host when run bare (`w`, `id`, `vol`, `last`):
/// the probe a ping or lookup form's attacker appends after the address. Names that are
/// also English words are only read so after a host name or address (see
/// [`probe_after_host`]), never after an e-mail address or alone.
const HOST_PROBES: &[&[u8]] = &[
    b"w",
    b"id",
    b"whoami",
    b"uname",
    b"hostname",
    b"ifconfig",
    b"ipconfig",
    b"systeminfo",
    b"tasklist",
    b"netstat",
    b"ps",
    b"env",
    b"printenv",
    b"pwd",
    b"ls",
    b"dir",
    b"ver",
    b"vol",
    b"uptime",
    b"getmac",
    b"arp",
    b"lsof",
    b"nproc",
    b"users",
    b"lastlog",
    b"hostnamectl",
];

/// [`HOST_PROBES`] that are English words too: a probe only after a host or address.
const ENGLISH_HOST_PROBES: &[&[u8]] = &[
    b"last", b"who", b"set", b"date", b"groups", b"path", b"route", b"mount",
];

/// Commands of cmd that run in any case (`VOL`, `VER`): an upper-case probe runs there.
const CMD_BUILTIN_PROBES: &[&[u8]] = &[
    b"vol",
    b"ver",
    b"dir",
    b"set",
    b"path",
    b"whoami",
    b"hostname",
    b"ipconfig",
    b"systeminfo",
    b"tasklist",
    b"type",
];

/// The ping / nslookup / traceroute form: `127.0.0.1 || w &`, `10.0.0.1\r\nw`,
/// `example.org\n\nlast\n`, `admin@example.com; cat .env`, and with no address `& vol`. A
/// value that is one address (IPv4, IPv6, a host name or an e-mail address) or nothing, then
/// a separator (`;`, `|`, `||`, `&`, `&&`, a line break), then a command that prints the
/// host's state when run bare ([`HOST_PROBES`]) alone, or a file reader given a dotfile
/// (`cat .env`, `type .git\config`), then nothing but separators or a `#` comment. The
/// address is what the form asked for; nothing but a command follows it on a separate
/// command line. Prose after an address goes on with words (`example.com | last updated`).
pub(super) fn probe_after_host(v: &[u8], plus: bool) -> bool {
    let blank = |b: u8| is_blank(b, plus) || b == b'\t';
    let mut i = v.iter().position(|&b| !blank(b)).unwrap_or(v.len());
    let first = i;
    // The address: one token up to a blank or a separator.
    while i < v.len() && i - first <= 64 && !blank(v[i]) && !is_sep(v[i]) {
        i += 1;
    }
    let token = &v[first..i];
    if token.len() > 64 {
        return false;
    }
    // Every test below is a pure condition of the answer: those on the separator run and
    // the command come first, and the token is read as an address only for a value that
    // passes them (most values with a separator have prose there, not a probe).
    // The separator run: blanks and separators, at least one separator.
    let sep_from = i;
    let mut seps = 0;
    let mut line_break = false;
    while i < v.len() && i - sep_from < 8 && (blank(v[i]) || is_sep(v[i])) {
        seps += usize::from(is_sep(v[i]));
        line_break |= matches!(v[i], b'\n' | b'\r');
        i += 1;
    }
    if seps == 0 {
        return false;
    }
    let at = i;
    while i < v.len() && i - at < 16 && (v[i].is_ascii_alphanumeric() || v[i] == b'_') {
        i += 1;
    }
    let raw = &v[at..i];
    if raw.is_empty() || raw.len() >= 16 {
        return false;
    }
    let mut buf = [0u8; 16];
    let word = &mut buf[..raw.len()];
    word.copy_from_slice(raw);
    word.make_ascii_lowercase();
    let word: &[u8] = word;
    // A shell takes commands in lower case; cmd in any case, but prose capitalises.
    let cased = raw == word
        || (raw.iter().all(|b| !b.is_ascii_lowercase()) && CMD_BUILTIN_PROBES.contains(&word));
    if !cased {
        return false;
    }
    let probe = HOST_PROBES.contains(&word);
    let english_probe = ENGLISH_HOST_PROBES.contains(&word);
    let reader = FILE_READERS.contains(&word);
    if !probe && !english_probe && !reader {
        return false;
    }
    while i < v.len() && blank(v[i]) {
        i += 1;
    }
    if reader {
        let from = i;
        while i < v.len() && i - from < 128 && !blank(v[i]) && !is_sep(v[i]) {
            i += 1;
        }
        if !sensitive_dotfile(&v[from..i]) {
            return false;
        }
    } else if i < v.len() && !is_sep(v[i]) && v[i] != b'#' {
        return false;
    }
    // Nothing after the command but separators, blanks and a comment.
    let tail_quiet = match v[i..].iter().position(|&b| !(blank(b) || is_sep(b))) {
        None => true,
        Some(k) => v[i + k] == b'#',
    };
    if !tail_quiet {
        return false;
    }
    // The token last: nothing, or an address (IPv4, IPv6, a host name, an e-mail address).
    let (host, email) = if token.is_empty() {
        (false, false)
    } else if is_ipv4(token) || ipv6_literal(token) {
        (true, false)
    } else if host_name(token) {
        (true, token.contains(&b'@'))
    } else {
        return false;
    };
    // Nothing but a line-opening value is no form input's: only `;`, `|`, `&` there.
    if !host && line_break {
        return false;
    }
    probe || (host && !email && english_probe) || reader
}

/// [`probe_after_host`] as first written: the token read as an address before anything
/// else. Kept for the test that holds the reordered tests to it.
#[cfg(test)]
fn probe_after_host_in_order(v: &[u8], plus: bool) -> bool {
    let blank = |b: u8| is_blank(b, plus) || b == b'\t';
    let mut i = v.iter().position(|&b| !blank(b)).unwrap_or(v.len());
    let first = i;
    while i < v.len() && i - first <= 64 && !blank(v[i]) && !is_sep(v[i]) {
        i += 1;
    }
    let token = &v[first..i];
    let (host, email) = if token.is_empty() {
        (false, false)
    } else if token.len() > 64 {
        return false;
    } else if is_ipv4(token) || ipv6_literal(token) {
        (true, false)
    } else if host_name(token) {
        (true, token.contains(&b'@'))
    } else {
        return false;
    };
    let sep_from = i;
    let mut seps = 0;
    while i < v.len() && i - sep_from < 8 && (blank(v[i]) || is_sep(v[i])) {
        seps += usize::from(is_sep(v[i]));
        if !host && matches!(v[i], b'\n' | b'\r') {
            return false;
        }
        i += 1;
    }
    if seps == 0 {
        return false;
    }
    let at = i;
    while i < v.len() && i - at < 16 && (v[i].is_ascii_alphanumeric() || v[i] == b'_') {
        i += 1;
    }
    let raw = &v[at..i];
    if raw.is_empty() || raw.len() >= 16 {
        return false;
    }
    let mut buf = [0u8; 16];
    let word = &mut buf[..raw.len()];
    word.copy_from_slice(raw);
    word.make_ascii_lowercase();
    let word: &[u8] = word;
    let cased = raw == word
        || (raw.iter().all(|b| !b.is_ascii_lowercase()) && CMD_BUILTIN_PROBES.contains(&word));
    if !cased {
        return false;
    }
    let bare_probe =
        HOST_PROBES.contains(&word) || (host && !email && ENGLISH_HOST_PROBES.contains(&word));
    let reader = FILE_READERS.contains(&word);
    if !bare_probe && !reader {
        return false;
    }
    while i < v.len() && blank(v[i]) {
        i += 1;
    }
    if reader {
        let from = i;
        while i < v.len() && i - from < 128 && !blank(v[i]) && !is_sep(v[i]) {
            i += 1;
        }
        if !sensitive_dotfile(&v[from..i]) {
            return false;
        }
    } else if i < v.len() && !is_sep(v[i]) && v[i] != b'#' {
        return false;
    }
    match v[i..].iter().position(|&b| !(blank(b) || is_sep(b))) {
        None => true,
        Some(k) => v[i + k] == b'#',
    }
}

/// `.env`, `.git/config`, `~/.aws/credentials`, `/var/www/.htpasswd`, `.ssh\id_rsa`: a path
/// with a segment that is a dotfile or dot-directory name (a dot then a letter).
fn sensitive_dotfile(t: &[u8]) -> bool {
    !t.is_empty()
        && t.iter()
            .all(|&b| b.is_ascii_graphic() && b != b'`' && b != b'$')
        && t.split(|&b| b == b'/' || b == b'\\')
            .any(|seg| seg.len() >= 3 && seg[0] == b'.' && seg[1].is_ascii_alphabetic())
}

/// `::1`, `fe80::1`, `[2001:db8::1]`: an IPv6 literal, hex groups and colons (two at least).
fn ipv6_literal(t: &[u8]) -> bool {
    let t = t
        .strip_prefix(b"[")
        .and_then(|t| t.strip_suffix(b"]"))
        .unwrap_or(t);
    (3..=45).contains(&t.len())
        && t.iter().filter(|&&b| b == b':').count() >= 2
        && t.iter()
            .all(|&b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::{probe_after_host, probe_after_host_in_order};

    /// The reordered probe (separator run and command first, the address last) answers as
    /// the probe that reads the address first, on every prefix and suffix of values where
    /// each test decides: addresses of each kind or none, line breaks with and without an
    /// address, English probes after an e-mail, readers, comments, capitals, long tokens.
    #[test]
    fn reordered_probe_answers_as_the_address_first() {
        let long_host = format!("{}.example.com; id", "a".repeat(60));
        let long_token = format!("{}; w", "b".repeat(70));
        let values = [
            "127.0.0.1 || w &",
            "10.0.0.1\r\nw",
            "192.168.1.20;w",
            "example.org\n\nlast\n",
            "api.example.net | who",
            "8.8.4.4 && set",
            "::1; id",
            "[fe80::1] | uname",
            "admin@example.com; cat .env",
            "ops@corp.example.io && type .git\\config",
            "google.com & cat .env ;#",
            "intranet.local|head ~/.aws/credentials",
            "10.1.1.1; less /var/www/.htpasswd #",
            "& vol",
            "| VER",
            "&& vol ;",
            "||dir",
            "\nid",
            " \r\nw",
            ";\nwhoami",
            "example.com | last updated",
            "example.com; who we are",
            "john@example.com; date",
            "john@example.com; last",
            "@example.com; last",
            "10.0.0.1; Who",
            "10.0.0.1; WHO",
            "10.0.0.1; DIR",
            "example.com; cat",
            "example.com; cat food",
            "Vol. 3 & vol",
            "Hello; id",
            "hello world; id",
            "1.2.3.4.5; id",
            "a.b; path",
            "x.y+;+id",
            long_host.as_str(),
            long_token.as_str(),
            "10.0.0.1;        id",
            "10.0.0.1 ; ; ; ; ; id",
            "10.0.0.1; abcdefghijklmnopq",
            "10.0.0.1; id # comment",
            "10.0.0.1; id x",
            "10.0.0.1; cat .env x",
            "10.0.0.1; cat env",
        ];
        for v in values {
            let b = v.as_bytes();
            for plus in [false, true] {
                for cut in 0..=b.len() {
                    for part in [&b[..cut], &b[cut..]] {
                        assert_eq!(
                            probe_after_host(part, plus),
                            probe_after_host_in_order(part, plus),
                            "{:?} plus={plus}",
                            String::from_utf8_lossy(part)
                        );
                    }
                }
            }
        }
        assert!(probe_after_host(b"10.0.0.1\r\nw", false));
        assert!(!probe_after_host(b"\nid", false));
        assert!(!probe_after_host(b"john@example.com; last", false));
        assert!(probe_after_host(b"example.com; last", false));
    }
}
