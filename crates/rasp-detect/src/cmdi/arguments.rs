//! The arguments after a command word: whether they are shaped like a shell's (options,
//! paths, variables, redirections), the syntax only one program's arguments have, and the
//! operands that make a bare program do something (a file to read, a pipe into a tool).
//!
//! Separate because English-word commands (`cat`, `find`, `time`) count only with such
//! arguments: these rules read what follows the word, not the word or what precedes it.

use super::classify::{base_is, classify, executable_name, system_binary, CommandWord};
use super::markup::without_element_tags;
use super::prose::{one_of, PROSE};
use super::scan::Start;
use super::vocabulary::Tier;
use super::word::{ifs_at, read_command_word};
use super::{is_blank, is_sep, vocabulary, MAX_ARGS};
use crate::data_shape::is_ipv4;

/// A command that runs bare ([`vocabulary::runs_alone`], `whoami`, `uname`) and is the whole
/// value, written in lower case as a shell takes it (`WHOAMI` or `Whoami` is a heading or
/// a title).
pub(super) fn alone_in_value(v: &[u8], word: &[u8], end: usize, plus: bool) -> bool {
    let lead = v.iter().position(|&b| !is_blank(b, plus)).unwrap_or(0);
    let raw = v.get(lead..end).unwrap_or_default();
    let base = word.strip_suffix(b".exe").unwrap_or(word);
    let Ok(base) = std::str::from_utf8(base) else {
        return false;
    };
    // PowerShell is case-insensitive and its cmdlets (`Get-Process`) are spelled in any case.
    // A backslash before the name (`\ls`) makes the shell skip its aliases: written for a
    // shell, not a word of a form, so any tool counts then.
    v[end..]
        .iter()
        .all(|&b| is_blank(b, plus) || b == b'\r' || b == b'\n')
        && (vocabulary::is_cmdlet(base)
            || (!raw.iter().any(u8::is_ascii_uppercase)
                && (vocabulary::runs_alone(base) || raw.first() == Some(&b'\\'))))
}

/// Arguments that only the syntax of this particular command produces: its sub-commands
/// (`net user`, `ip addr`, `reg query`, `sc query`, `route print`), BSD-style flags
/// (`ps aux`), operands (`dd if=…`, `kill -9 …`, `su root`, `su -`) and a host for a
/// network tool (`dig example.org`, `ssh user@host`). A sub-command shared with English
/// (`net user`) must end the command or take a switch (`net user /add`).
pub(super) fn command_syntax(word: &[u8], v: &[u8], from: usize, plus: bool) -> bool {
    let end = v.len().min(from + MAX_ARGS);
    let line = &v[from..end];
    let line = &line[..line
        .iter()
        .position(|&b| is_sep(b) || b == b'`')
        .unwrap_or(line.len())];
    // `host a.example #`: a shell comment ends the arguments.
    let line = &line[..line
        .windows(2)
        .position(|w| is_blank(w[0], plus) && w[1] == b'#')
        .unwrap_or(line.len())];
    let mut tokens = line
        .split(|&b| is_blank(b, plus))
        .filter(|t| !t.is_empty())
        // dig's query options (`+short`, `+noall`) come before or after the name.
        .filter(|t| !(base_is(word, b"dig") && t.len() > 1 && t[0] == b'+'));
    let Some(first) = tokens.next() else {
        return false;
    };
    // The line is at most MAX_ARGS bytes, so is its first token: lower-case it on the stack.
    let mut lower = [0u8; MAX_ARGS];
    let n = first.len().min(MAX_ARGS);
    lower[..n].copy_from_slice(&first[..n]);
    lower[..n].make_ascii_lowercase();
    let first = &lower[..n];
    let second = tokens.next();
    // The sub-command ends the line, or a switch, option or UNC path follows it.
    let closes = second.is_none_or(|t| matches!(t.first(), Some(b'/' | b'-' | b'\\')));
    let base = word.rsplit(|&b| b == b'/').next().unwrap_or(word);
    let base = base.strip_suffix(b".exe").unwrap_or(base);
    match base {
        b"net" | b"net1" => {
            matches!(first, b"localgroup" | b"accounts")
                || (matches!(
                    first,
                    b"user" | b"view" | b"share" | b"group" | b"session" | b"use"
                ) && closes)
        }
        b"ip" => {
            matches!(first, b"addr" | b"neigh" | b"-4" | b"-6")
                || (matches!(first, b"a" | b"route" | b"link" | b"r") && closes)
        }
        b"ps" => matches!(
            first,
            b"aux" | b"ax" | b"auxf" | b"auxww" | b"faux" | b"-ef"
        ),
        b"sc" => matches!(first, b"query" | b"queryex" | b"qc" | b"create" | b"config"),
        b"reg" => {
            matches!(first, b"query" | b"export" | b"save")
                || (matches!(first, b"add" | b"delete" | b"load")
                    && second.is_some_and(|t| t.len() > 3 && t[..3].eq_ignore_ascii_case(b"hk")))
        }
        b"route" => matches!(first, b"print" | b"-n"),
        // `expr 91 \* 7`: arithmetic on numbers or variables with a shell-escaped or plain
        // operator, the probe that echoes a computed value.
        b"expr" => {
            let operand = |t: &[u8]| {
                t.first() == Some(&b'$') || (!t.is_empty() && t.iter().all(u8::is_ascii_digit))
            };
            operand(first)
                && second.is_some_and(|t| {
                    matches!(t, b"+" | b"-" | b"\\*" | b"*" | b"/" | b"%" | b"'*'")
                })
        }
        // `rundll32 shell32.dll,ShellExec_RunDLL calc`: a DLL's exported entry point.
        b"rundll32" => first.windows(5).any(|w| w == b".dll,") || first.starts_with(b"javascript:"),
        // WMI's aliases (`wmic process list`, `wmic os get caption`) or a remote node.
        b"wmic" => {
            // `wmic process list is deprecated`: a sentence about the tool.
            let prose = line
                .split(|&b| is_blank(b, plus))
                .take(8)
                .any(|t| one_of(PROSE, t));
            !prose
                && (first.starts_with(b"/node:")
                    || matches!(
                        first,
                        b"process"
                            | b"os"
                            | b"useraccount"
                            | b"service"
                            | b"startup"
                            | b"qfe"
                            | b"share"
                            | b"nicconfig"
                            | b"computersystem"
                            | b"group"
                            | b"logicaldisk"
                            | b"product"
                            | b"environment"
                    ))
        }
        // socat's address types that connect or run a program (`exec:sh`, `tcp:host:port`).
        b"socat" => line
            .split(|&b| is_blank(b, plus))
            .filter(|t| !t.is_empty())
            .take(4)
            .any(|t| {
                let t = t.strip_prefix(b"-").unwrap_or(t);
                [
                    &b"exec:"[..],
                    b"system:",
                    b"tcp:",
                    b"tcp4:",
                    b"tcp-listen:",
                    b"openssl:",
                    b"udp:",
                ]
                .iter()
                .any(|p| t.len() > p.len() && t[..p.len()].eq_ignore_ascii_case(p))
            }),
        // cmd's `start` (and `call`, which runs a program or batch file in turn) opening a
        // program by its executable name (`start calc.exe`), or by the name of a program
        // that is no English word (`start calc`, `call whoami`; `start cooking`, `call mom`
        // are prose).
        b"start" | b"call" => {
            second.is_none()
                && (std::str::from_utf8(first).is_ok_and(executable_name)
                    || vocabulary::lookup_bytes(&first.to_ascii_lowercase())
                        .is_some_and(|t| t > Tier::Word))
        }
        // PowerShell's environment drive (`gci env:`, `ls env:`).
        b"gci" | b"ls" | b"dir" | b"get-childitem" => first == b"env:",
        // PowerShell parameters are case-insensitive and often CamelCase (`-EncodedCommand`).
        b"powershell" | b"pwsh" => {
            first.len() >= 2 && first[0] == b'-' && first[1..].iter().all(u8::is_ascii_alphabetic)
        }
        b"su" => matches!(first, b"root" | b"-" | b"-l") && second.is_none(),
        b"dd" => first.starts_with(b"if=") || first.starts_with(b"of="),
        b"kill" | b"pkill" | b"killall" => {
            matches!(first, b"-9" | b"-kill" | b"-15" | b"-hup") || first.starts_with(b"-s")
        }
        b"dig" | b"host" | b"nslookup" | b"whois" | b"ping" | b"traceroute" | b"tracert"
        | b"ssh" | b"telnet" | b"ftp" | b"sftp" | b"nc" | b"ncat" | b"curl" | b"wget" => {
            // A download tool also fetches `host.tld/path` written without a scheme.
            let download = matches!(base, b"curl" | b"wget");
            let target = match first.iter().position(|&b| b == b'/') {
                Some(p) if download && p > 0 => &first[..p],
                _ => first,
            };
            host_name(target) && second.is_none_or(|t| t.iter().all(u8::is_ascii_digit))
        }
        _ => false,
    }
}

/// `host.example.org`, `user@10.0.0.1`: a host name with a dot and a final label of
/// letters (or an address after `user@`), no path.
pub(super) fn host_name(t: &[u8]) -> bool {
    let host = match t.iter().position(|&b| b == b'@') {
        Some(p) if p > 0 => &t[p + 1..],
        Some(_) => return false,
        None => t,
    };
    if is_ipv4(host) {
        return t.contains(&b'@');
    }
    let labels = host.split(|&b| b == b'.');
    let well_formed = labels
        .clone()
        .all(|l| !l.is_empty() && l.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-'));
    let last = host.rsplit(|&b| b == b'.').next().unwrap_or_default();
    labels.count() >= 2 && well_formed && last.len() >= 2 && last.iter().all(u8::is_ascii_lowercase)
}

/// `at` moved past up to six option words (`-n`, `-o0`, `--pid=1`) and numbers (`19`,
/// `0x3`) that a wrapper takes before the command it runs.
pub(super) fn skip_wrapper_options(v: &[u8], mut at: usize, plus: bool) -> usize {
    for _ in 0..6 {
        let start = v[at.min(v.len())..]
            .iter()
            .position(|&b| !is_blank(b, plus))
            .map_or(v.len(), |p| at + p);
        let len = v[start..]
            .iter()
            .position(|&b| is_blank(b, plus) || is_sep(b))
            .unwrap_or(v.len() - start);
        let token = &v[start..start + len];
        let option = token.len() >= 2
            && token[0] == b'-'
            && token[1..]
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'=' | b','));
        let number = !token.is_empty()
            && token[0].is_ascii_digit()
            && token
                .iter()
                .all(|&c| c.is_ascii_hexdigit() || matches!(c, b'x' | b',' | b'-'));
        if !(option || number) {
            break;
        }
        at = start + len;
    }
    at
}

/// Commands that run the command that follows them.
pub(super) const WRAPPERS: &[&[u8]] = &[
    b"time", b"nohup", b"sudo", b"strace", b"ltrace", b"env", b"nice", b"timeout", b"exec",
    b"eval", b"xargs", b"busybox", b"watch", b"command", b"builtin", b"sh", b"bash",
];

/// Length of a blank and a duration (`5`, `2.5s`, `10m`) at `from`, or 0 when none follows:
/// `timeout`'s first operand.
pub(super) fn duration_len(v: &[u8], from: usize, plus: bool) -> usize {
    let rest = &v[from.min(v.len())..];
    let blanks = rest.iter().take_while(|&&b| is_blank(b, plus)).count();
    let t = &rest[blanks..];
    let digits = t
        .iter()
        .take(8)
        .take_while(|c| c.is_ascii_digit() || **c == b'.')
        .count();
    if blanks == 0 || digits == 0 || !t[0].is_ascii_digit() {
        return 0;
    }
    let unit = usize::from(t.get(digits).is_some_and(|c| b"smhd".contains(c)));
    let len = digits + unit;
    if t.get(len).is_some_and(|&b| is_blank(b, plus)) {
        blanks + len
    } else {
        0
    }
}

/// Whether the command line from `from` pipes into a known tool (`echo x | sh`,
/// `printf … | rev | sh`): a pipeline between commands, which prose never writes. Looks at
/// the first few pipes only.
pub(super) fn pipes_into_tool(v: &[u8], from: usize, plus: bool) -> bool {
    let end = v.len().min(from + MAX_ARGS);
    let mut i = from;
    let mut pipes = 0;
    // Separators inside a quoted argument (`echo "a;b" | sh`) are text.
    let mut quote = None;
    while i < end && pipes < 4 {
        match (quote, v[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, q @ (b'\'' | b'"')) => quote = Some(q),
            (None, b';' | b'&' | b'\n' | b'\r') => return false,
            (None, b'|') if v.get(i + 1) == Some(&b'|') => return false,
            (None, b'|') => {
                pipes += 1;
                if let Some((w, _, _)) = read_command_word(v, i + 1, Start::Loose, plus) {
                    if matches!(
                        classify(w.as_slice()),
                        CommandWord::Known(Tier::Tool | Tier::Exotic)
                    ) {
                        return true;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// A command alone on a line the value ends with (`visudo\n`): a line typed for a shell,
/// not a search term.
pub(super) fn submitted_line(v: &[u8], from: usize, plus: bool) -> bool {
    let rest = &v[from..];
    let first = rest.iter().position(|&b| !is_blank(b, plus));
    first.is_some_and(|p| {
        let tail = &rest[p..];
        tail == b"\n" || tail == b"\r\n" || tail == b"\\n"
    })
}

/// Whether the value is one line ended by a line break (`cscli alerts list\n`), as a line
/// typed for a shell is.
pub(super) fn ends_line(v: &[u8]) -> bool {
    let body = v
        .strip_suffix(b"\r\n")
        .or_else(|| v.strip_suffix(b"\n"))
        .or_else(|| v.strip_suffix(b"\\n"));
    body.is_some_and(|b| !b.contains(&b'\n'))
}

/// English-word commands that print something when run bare (`set` lists the environment,
/// `last` the logins): alone after a host or at the start of an injected line they are a
/// probe. `more` or `sort` alone read their input and reveal nothing, and are prose
/// (`amazon.com & more`); so is `time` (it times nothing, and cmd's waits for input).
pub(super) const BARE_PRINTERS: &[&[u8]] = &[
    b"set", b"date", b"groups", b"last", b"who", b"route", b"mount",
];

/// Commands that print a file: a value that is one of them and a file name (`cat
/// config.php`, `type .env`) is a command line reading that file.
pub(super) const FILE_READERS: &[&[u8]] = &[
    b"cat", b"type", b"more", b"less", b"head", b"tail", b"tac", b"strings",
];

/// Whether the only argument is a dotfile (`.env`, `.htaccess`, `.bash_history`).
pub(super) fn dotfile_argument(v: &[u8], from: usize, plus: bool) -> bool {
    let rest = &v[from..v.len().min(from + MAX_ARGS)];
    let mut tokens = rest.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    match (tokens.next(), tokens.next()) {
        (Some([b'.', name @ ..]), None) => {
            name.len() >= 2
                && name[0].is_ascii_alphabetic()
                && name
                    .iter()
                    .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        }
        _ => false,
    }
}

/// Whether the command's first argument names a file by its extension (`index.php`,
/// `/etc/hosts.allow`, `c:\boot.ini`) and nothing else follows on the line: `cat
/// index.php` after an address, where prose would go on with words.
pub(super) fn file_argument(v: &[u8], from: usize, plus: bool) -> bool {
    let rest = &v[from..v.len().min(from + MAX_ARGS)];
    let line = &rest[..rest
        .iter()
        .position(|&b| is_sep(b) || b == b'`')
        .unwrap_or(rest.len())];
    let mut tokens = line.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    let (Some(t), None) = (tokens.next(), tokens.next()) else {
        return false;
    };
    let Some(dot) = t.iter().rposition(|&b| b == b'.') else {
        return false;
    };
    let ext = &t[dot + 1..];
    dot > 0
        && (1..=4).contains(&ext.len())
        && ext.iter().all(u8::is_ascii_alphanumeric)
        && ext.iter().any(u8::is_ascii_alphabetic)
}

/// Whether a plain argument word follows (`ansible-playbook site.yml`): a hyphenated tool
/// name (`ansible-vault`, `apt-get`) with arguments is a command line, prose hyphenates
/// other words.
pub(super) fn has_argument(v: &[u8], from: usize, plus: bool) -> bool {
    // English function words open a sentence about the tool, not its arguments.
    let end = v.len().min(from + MAX_ARGS);
    let line = &v[from..end];
    let line = &line[..line
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(line.len())];
    let mut tokens = line.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    let plain = |t: &[u8]| {
        t.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"-_./".contains(&c))
    };
    let Some(first) = tokens.next() else {
        return false;
    };
    let rest = tokens.clone().count();
    !PROSE.contains(&first) && rest <= 3 && plain(first) && tokens.all(plain)
}

/// Whether the arguments after a command word are shaped like a shell's: options (`-la`,
/// `--decode`, `/F`), absolute or home paths, variables, redirections, addresses.
pub(super) fn has_shell_arguments(v: &[u8], from: usize, plus: bool) -> bool {
    let end = v.len().min(from + MAX_ARGS);
    let args = &v[from..end];
    // `test<SCRIPT>alert(document.cookie)</SCRIPT>`, `x <svg xmlns="http://…">`: the `<` and
    // `>` of an HTML element's tags build markup, and its attributes (a `;` of a style
    // included) are no arguments (see [`without_element_tags`]); what the page runs from
    // them is the XSS detector's.
    let unmarked;
    let args = match memchr::memchr(b'<', args).and_then(|_| without_element_tags(args)) {
        Some(u) => {
            unmarked = u;
            &unmarked[..]
        }
        None => args,
    };
    let stop = args
        .iter()
        .position(|&b| is_sep(b) || b == b'`')
        .unwrap_or(args.len());
    let args = &args[..stop];
    // Redirections to or from a file or descriptor (`> /tmp/x`, `2>&1`, `>> out.txt`,
    // `< /etc/passwd`, `<<<`), not comparisons, arrows or tags (`x > 5`, `->`, `<net.Socket>`).
    let redirect = args.windows(3).any(|w| w == b"<<<")
        || args.iter().enumerate().any(|(i, &b)| {
            if b != b'>' && b != b'<' {
                return false;
            }
            if matches!(
                i.checked_sub(1).map(|p| args[p]),
                Some(b'-' | b'=' | b'<' | b'>')
            ) {
                return false;
            }
            let mut j = i + 1;
            if b == b'>' && args.get(j) == Some(&b'>') {
                j += 1;
            }
            while args.get(j).is_some_and(|&c| is_blank(c, plus)) {
                j += 1;
            }
            let target = &args[j.min(args.len())..];
            let word_end = target
                .iter()
                .position(|&c| is_blank(c, plus) || c == b'<' || c == b'>')
                .unwrap_or(target.len());
            let target = &target[..word_end];
            match target.first() {
                // `</em>` closes a tag; `< /etc/passwd` reads a file.
                Some(b'/') if b == b'<' && j == i + 1 => {
                    target[1..].contains(&b'/') && !target.contains(&b'>')
                }
                Some(b'/' | b'~') => true,
                Some(b'&') => b == b'>',
                Some(c) if c.is_ascii_alphanumeric() => {
                    b == b'>'
                        && target.contains(&b'.')
                        && !target.iter().all(|c| c.is_ascii_digit() || *c == b'.')
                }
                _ => false,
            }
        });
    if redirect {
        return true;
    }
    let mut tokens = args
        .split(|&b| is_blank(b, plus) || b == b',' || b == b'}')
        .filter(|t| !t.is_empty())
        .take(8)
        .peekable();
    if ifs_at(v, from).is_some() {
        return true;
    }
    tokens.any(|t| {
        let raw: &[u8] = t
            .strip_prefix(b"\"")
            .or_else(|| t.strip_prefix(b"'"))
            .unwrap_or(t);
        // `-'l'a`, `/e't'c/p'a's's'w'd`: the shell removes quotes inside a word before the
        // program sees it, so the word is judged as the program gets it.
        let dequoted: Vec<u8>;
        let t: &[u8] = if t.len() > 1 && t[1..].iter().any(|&b| matches!(b, b'\'' | b'"')) {
            dequoted = t
                .iter()
                .copied()
                .filter(|&b| !matches!(b, b'\'' | b'"'))
                .collect();
            &dequoted
        } else {
            raw
        };
        match t {
            // Options: `-la`, `-C`, `--decode`; not `-MINI` or `-3` (prose, sizes).
            [b'-', b'-', c, ..] => c.is_ascii_lowercase(),
            [b'-', c] => c.is_ascii_alphabetic(),
            [b'-', c, rest @ ..] => {
                c.is_ascii_lowercase() && !rest.iter().any(u8::is_ascii_uppercase)
            }
            [b'/', rest @ ..] if !rest.is_empty() => {
                rest.contains(&b'/')
                    || (rest.len() <= 3 && rest.iter().all(u8::is_ascii_alphabetic))
            }
            [b'~' | b'.', b'/', ..] | [b'.', b'.', b'/', ..] => true,
            // `.\secrets.txt`, `..\x`: a path relative to Windows' working directory.
            [b'.', b'\\', ..] | [b'.', b'.', b'\\', ..] => true,
            [d, b':', b'\\' | b'/', ..] if d.is_ascii_alphabetic() => true,
            [b'%', _, ..] => true,
            [b'\\', b'\\', ..] => true,
            // `env:AWS_SECRET_ACCESS_KEY`, `HKLM:\SAM`: a path on a PowerShell provider
            // drive (the environment, the registry, certificates), which only PowerShell's
            // cmdlets and their aliases read.
            _ if powershell_drive(t) => true,
            // `exec:/bin/sh`, `--shell=/bin/bash`: a program in a system binary directory
            // handed over as an option's value is a program to run.
            _ if t
                .iter()
                .position(|&b| b == b':' || b == b'=')
                .is_some_and(|p| std::str::from_utf8(&t[p + 1..]).is_ok_and(system_binary)) =>
            {
                true
            }
            _ => {
                // (read in the token as written: its place in `args` finds the body)
                raw.windows(2).enumerate().any(|(k, w)| {
                    w[0] == b'$'
                        && (w[1].is_ascii_alphabetic()
                            || w[1] == b'{'
                            || (w[1] == b'(' && !number_only_expansion(args, raw, k)))
                }) || t.windows(3).any(|w| w == b"://")
                    || is_ipv4(t)
            }
        }
    })
}

/// Whether the token `t` opens with a PowerShell provider drive other than a file system's:
/// `env:`, `variable:`, `function:`, `cert:`, `hklm:`, `hkcu:` (any case), and a name on it
/// (`env: production` is a label's colon).
fn powershell_drive(t: &[u8]) -> bool {
    [
        &b"env:"[..],
        b"variable:",
        b"function:",
        b"cert:",
        b"hklm:",
        b"hkcu:",
    ]
    .iter()
    .any(|d| t.len() > d.len() && t[..d.len()].eq_ignore_ascii_case(d))
}

/// Whether the `$` at `k` in the token `t` (a piece of `args`) opens an expansion that
/// yields a number and runs no command: arithmetic over numbers ([`numeric_arithmetic`]) or
/// accounting's parenthesised amount ([`parenthesised_number`]).
fn number_only_expansion(args: &[u8], t: &[u8], k: usize) -> bool {
    // `t` is a subslice of `args`: its offset there finds the expansion's whole body, which
    // the token split cut at its blanks.
    let at = (t.as_ptr() as usize).wrapping_sub(args.as_ptr() as usize) + k;
    args.get(at..)
        .is_some_and(|s| numeric_arithmetic(s) || parenthesised_number(s))
}

/// Whether `s` (from a `$`) opens an arithmetic expansion of numbers and operators alone
/// (`$((3 > 2))`, `$(( 10 % 3 ))`): the shell computes a number and runs no command, and a
/// `<` or `>` inside it compares. A name or `$` inside (`$((x+1))`, `$(($(id)))`) is left to
/// count as an expansion.
fn numeric_arithmetic(s: &[u8]) -> bool {
    let Some(body) = s.strip_prefix(b"$((") else {
        return false;
    };
    let body = &body[..body.len().min(64)];
    let Some(close) = memchr::memmem::find(body, b"))") else {
        return false;
    };
    let body = &body[..close];
    body.iter().any(u8::is_ascii_digit)
        && body
            .iter()
            .all(|&c| c.is_ascii_digit() || b" +-*/%()<>=!&|^~?:".contains(&c))
}

/// Whether `s` (from a `$`) is `$(` + a number + `)`: digits with `,` `.` and blanks between
/// them (`$(1,250.00)`, `$( 3.5 )`), accounting's notation for a negative amount. No command
/// is named: a shell would look for a program called `1,250.00`.
fn parenthesised_number(s: &[u8]) -> bool {
    let Some(body) = s.strip_prefix(b"$(") else {
        return false;
    };
    let body = &body[..body.len().min(32)];
    let Some(close) = memchr::memchr(b')', body) else {
        return false;
    };
    let n = &body[..close];
    n.iter().any(u8::is_ascii_digit)
        && n.iter()
            .all(|&b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b' '))
}

/// Whether the first word at `from` holds a dot or a slash inside it (`coreruleset.org`,
/// `x.py`, `a/b`), as a host or a file operand does; a full stop ending a word does not.
pub(super) fn operand_with_dot_or_slash(v: &[u8], from: usize, plus: bool) -> bool {
    v[from.min(v.len())..]
        .split(|&b| is_blank(b, plus))
        .find(|t| !t.is_empty())
        .is_some_and(|t| {
            t.len() <= 256
                && t[..t.len() - 1].iter().any(|&b| matches!(b, b'.' | b'/'))
                && t.iter().any(u8::is_ascii_alphanumeric)
        })
}

/// Whether the word `raw` (as written, blanks before it allowed) is spliced by quotes: two
/// or more quotes, at least one of them between two bytes of the name (`c'a't`,
/// `/b"i"n/s"h"`, `/e't'c/p'a's's'w'd`). The shell removes them and runs or opens the name
/// they split; prose quotes a whole word (`'id'`) or writes one apostrophe (`isn't`).
pub(super) fn quote_spliced(raw: &[u8]) -> bool {
    let raw = &raw[..raw.len().min(MAX_ARGS)];
    let name_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-' | b'_');
    let quotes = raw.iter().filter(|&&b| matches!(b, b'\'' | b'"')).count();
    quotes >= 2
        && raw
            .windows(3)
            .any(|w| matches!(w[1], b'\'' | b'"') && name_byte(w[0]) && name_byte(w[2]))
}

/// Whether the first operand after `from` is an absolute or home path spliced by quotes
/// (`/e't'c/p'a's's'w'd`, `~/.s"s"h/id_rsa`): a file named to the command in a spelling only
/// a shell reads back, see [`quote_spliced`].
pub(super) fn spliced_path_operand(v: &[u8], from: usize, plus: bool) -> bool {
    let rest = &v[from.min(v.len())..v.len().min(from.saturating_add(MAX_ARGS))];
    let Some(t) = rest
        .split(|&b| is_blank(b, plus) || is_sep(b))
        .find(|t| !t.is_empty())
    else {
        return false;
    };
    let unquoted = t.iter().find(|&&b| !matches!(b, b'\'' | b'"'));
    matches!(unquoted, Some(b'/' | b'~')) && quote_spliced(t)
}

/// Whether the arguments `args` hand an X client another host's display (`-display
/// evil.example.org:1`, `--display=10.0.0.5:0.0`): the program opens its window, a terminal
/// for `xterm`, on the attacker's X server, a reverse shell drawn on a screen. A local
/// display (`:0`, `localhost:1`, `unix:0`) goes nowhere.
pub(super) fn remote_display(args: &[u8], plus: bool) -> bool {
    let args = &args[..args.len().min(MAX_ARGS)];
    let mut tokens = args
        .split(|&b| is_blank(b, plus) || is_sep(b) || b == b'`')
        .filter(|t| !t.is_empty())
        .take(16);
    while let Some(t) = tokens.next() {
        let t = t.trim_ascii();
        let operand = match t {
            b"-display" | b"--display" | b"-disp" => tokens.next(),
            _ => t
                .strip_prefix(b"--display=")
                .or_else(|| t.strip_prefix(b"-display=")),
        };
        if operand.is_some_and(display_elsewhere) {
            return true;
        }
    }
    false
}

/// `evil.example.org:1`, `10.0.0.5:0.0`: an X display `HOST:N[.S]` on a host other than
/// this one.
fn display_elsewhere(t: &[u8]) -> bool {
    let t = super::word::unquoted_token(t);
    let Some(colon) = t.iter().rposition(|&b| b == b':') else {
        return false;
    };
    let (host, screen) = (&t[..colon], &t[colon + 1..]);
    let screen_ok = !screen.is_empty()
        && screen.len() <= 6
        && screen[0].is_ascii_digit()
        && screen.iter().all(|&b| b.is_ascii_digit() || b == b'.');
    let local = host.is_empty()
        || host.eq_ignore_ascii_case(b"localhost")
        || host.eq_ignore_ascii_case(b"unix")
        || host.starts_with(b"127.");
    screen_ok
        && !local
        && host.len() <= 253
        && host
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
}
