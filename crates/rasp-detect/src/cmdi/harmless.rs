//! Ordinary program lines: a whole value that is a developer's command line or a list of
//! them (`rm -rf node_modules && npm install`, `git log | head`), which runs nothing an
//! attacker wants, and the programs that are dangerous even alone.
//!
//! Separate because it only ever quiets a hit: the judge found a command, and these rules
//! decide that the command line is one a developer types every day.

use super::classify::{classify, CommandWord};
use super::prose::MAX_PROSE_PARTS;
use super::{is_blank, vocabulary, MAX_ARGS};
use crate::data_shape::is_ipv4;

/// `./build.sh`, `./app.py`: a file named in the working directory, not a dot-file or a
/// step up.
fn script_here(t: &[u8]) -> bool {
    t.strip_prefix(b"./").is_some_and(|n| {
        n.first()
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
    })
}

/// Programs that only filter the text on their standard input (given plain words, they
/// open no file and run nothing).
pub(super) const TEXT_FILTERS: &[&[u8]] = &[
    b"grep", b"egrep", b"fgrep", b"less", b"more", b"head", b"tail", b"sort", b"wc", b"uniq",
];

/// Programs whose whole-value command line does something only an attacker wants even with
/// plain operands: shells and code runners, network clients and listeners, recon that
/// prints who and where the server is, deletion and permission changes, file readers (their
/// operand is the file read), and Windows' download-and-run programs.
const DANGEROUS_ALONE: &[&[u8]] = &[
    b"sh",
    b"bash",
    b"zsh",
    b"dash",
    b"ksh",
    b"csh",
    b"tcsh",
    b"fish",
    b"busybox",
    b"cmd",
    b"powershell",
    b"pwsh",
    b"awk",
    b"gawk",
    b"sed",
    b"xargs",
    b"eval",
    b"exec",
    b"source",
    b"nc",
    b"ncat",
    b"netcat",
    b"socat",
    b"telnet",
    b"curl",
    b"wget",
    b"ssh",
    b"scp",
    b"sftp",
    b"ftp",
    b"tftp",
    b"rsync",
    b"whoami",
    b"id",
    b"uname",
    b"hostname",
    b"ifconfig",
    b"ipconfig",
    b"systeminfo",
    b"net",
    b"net1",
    b"netstat",
    b"ss",
    b"ps",
    b"env",
    b"printenv",
    b"set",
    b"who",
    b"w",
    b"last",
    b"arp",
    b"route",
    b"ip",
    b"getent",
    b"rm",
    b"rmdir",
    b"del",
    b"erase",
    b"rd",
    b"shred",
    b"dd",
    b"mkfs",
    b"format",
    b"chmod",
    b"chown",
    b"chattr",
    b"kill",
    b"pkill",
    b"killall",
    b"shutdown",
    b"reboot",
    b"halt",
    b"poweroff",
    b"crontab",
    b"cat",
    b"more",
    b"less",
    b"head",
    b"tail",
    b"type",
    b"nl",
    b"tac",
    b"strings",
    b"xxd",
    b"od",
    b"base64",
    b"certutil",
    b"bitsadmin",
    b"mshta",
    b"rundll32",
    b"regsvr32",
    b"msiexec",
    b"wmic",
    b"reg",
    b"sc",
    b"schtasks",
    b"at",
    b"vssadmin",
    b"bcdedit",
    b"start",
    b"sudo",
    b"su",
    b"nohup",
    b"sleep",
    b"timeout",
    b"nmap",
    b"tcpdump",
    b"mkfifo",
    b"nslookup",
    b"dig",
    b"host",
    b"alias",
    b"unalias",
    b"export",
    b"unset",
    b"cc",
    b"c89",
    b"c99",
    b"dpkg",
    b"rpm",
    // firewall, security policy, kernel modules and accounts: `iptables -F` opens the host,
    // `useradd -o -u 0 x` makes a second root
    b"iptables",
    b"ip6tables",
    b"nft",
    b"ufw",
    b"setenforce",
    b"insmod",
    b"rmmod",
    b"useradd",
    b"usermod",
    b"userdel",
    b"passwd",
    b"chpasswd",
    b"visudo",
];

/// Whether a whole value (`word` read at `at` to `end`) is an ordinary program line: the
/// program is none of [`DANGEROUS_ALONE`], no shell syntax follows it (no separator,
/// redirection, substitution, quote-escaping or line break), and every argument is an
/// option or a plain relative operand: no absolute, home, parent or dot-file path (a
/// system or secret file), no URL or IP address (a download or connection), no option
/// that hands over code or a program (`-c`, `-e`, `--exec`), no shell named as an operand,
/// and `$NAME` only as `echo`'s operand (it prints a setting, not a secret file).
pub(super) fn harmless_command_line(
    word: &[u8],
    v: &[u8],
    at: usize,
    end: usize,
    plus: bool,
) -> bool {
    if end > v.len() || !v[..at].iter().all(|&b| is_blank(b, plus)) {
        return false;
    }
    harmless_segment(word, v, at, end, plus, false, 0)
}

/// Whether a whole value (or a code span's text) is a list of ordinary program lines: each
/// segment is a [`harmless_command_line`], joined by `&&` or `||` (the next runs only after
/// the first, nothing new is started), or piped into a [`TEXT_FILTERS`] program with plain
/// operands (`git log --oneline | head -5`, `rm -rf node_modules && npm install`). A
/// background `&`, a `;`, a line break or a pipe into anything else (`| sh`, `| nc …`) is
/// not such a list; the dangerous programs stay dangerous in any segment.
pub(super) fn harmless_chain(v: &[u8]) -> bool {
    harmless_chain_with(v, false)
}

/// [`harmless_chain`], where `reader_head` also lets a file reader open a pipe into the
/// text filters (`cat file.txt | sort | uniq`): inside a code span of a sentence it shows how
/// a plain file of the working tree is filtered, and its operands are still held to plain
/// relative names (no `/etc/passwd`, no dot-file, no step up).
pub(super) fn harmless_chain_with(v: &[u8], reader_head: bool) -> bool {
    if v.len() > 2 * MAX_ARGS {
        return false;
    }
    let mut i = 0;
    let mut after_pipe = false;
    let mut segments = 0;
    loop {
        segments += 1;
        if segments > 6 {
            return false;
        }
        // the segment runs to the next `|` or `&`
        let stop = v[i..]
            .iter()
            .position(|&b| b == b'|' || b == b'&')
            .map_or(v.len(), |p| i + p);
        let seg = &v[i..stop];
        let Some(at) = seg.iter().position(|&b| !is_blank(b, false)) else {
            return false;
        };
        let end = seg[at..]
            .iter()
            .position(|&b| is_blank(b, false))
            .map_or(seg.len(), |p| at + p);
        let word = &seg[at..end];
        // Each program must be one the vocabulary knows (a data value before `&&` is the
        // injection's prefix: `127.0.0.1 && ping x.example`), and a ping after a separator
        // is the blind probe's timer or lookup.
        if (after_pipe && !TEXT_FILTERS.contains(&word))
            || (segments == 1 && !matches!(classify(word), CommandWord::Known(_)))
            || matches!(word, b"ping" | b"ping6")
        {
            return false;
        }
        // the first program's output goes into a pipe (not `||`)
        let piped = v.get(stop) == Some(&b'|') && v.get(stop + 1) != Some(&b'|');
        let reader = reader_head && segments == 1 && piped && matches!(word, b"cat" | b"type");
        if !harmless_segment(word, seg, at, end, false, after_pipe || reader, 0) {
            return false;
        }
        if stop >= v.len() {
            return true;
        }
        // `&&`, `||` or `|`; a lone `&` puts the command in the background
        match (v[stop], v.get(stop + 1)) {
            (b'&', Some(b'&')) | (b'|', Some(b'|')) => {
                after_pipe = false;
                i = stop + 2;
            }
            (b'|', _) => {
                after_pipe = true;
                i = stop + 1;
            }
            _ => return false,
        }
        if v.get(i).is_some_and(|&b| b == b'|' || b == b'&') {
            return false;
        }
    }
}

/// `v` with each output redirection to a data file of the working directory (`> out.txt`,
/// `>>log.csv`) cut out, or `None` when any `<` or `>` is something else. The target is a
/// plain name (letters, digits, `_`, `-`, one or more dots; no `/`, no leading dot, no step
/// up) with a data file's extension: the program's output lands there and nothing runs it
/// (a `.php`, `.sh`, `.html` or dot-file target could be served or sourced and counts as
/// before). Only `>` after a blank redirects output; `2>`, `&>`, `<` are left to the judgment.
pub(super) fn without_data_redirects(v: &[u8]) -> Option<Vec<u8>> {
    const DATA_EXTENSIONS: &[&[u8]] = &[
        b"txt", b"log", b"out", b"csv", b"tsv", b"json", b"md", b"diff", b"patch", b"lst",
    ];
    if v.len() > 2 * MAX_ARGS || memchr::memchr(b'<', v).is_some() {
        return None;
    }
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    for _ in 0..4 {
        let Some(gt) = memchr::memchr(b'>', &v[i..]).map(|p| i + p) else {
            out.extend_from_slice(&v[i..]);
            return Some(out);
        };
        if gt == 0 || v[gt - 1] != b' ' {
            return None;
        }
        let mut j = gt + 1;
        if v.get(j) == Some(&b'>') {
            j += 1;
        }
        while v.get(j) == Some(&b' ') {
            j += 1;
        }
        let len = v[j..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
            .unwrap_or(v.len() - j);
        let name = &v[j..j + len];
        // A full stop or comma may end the sentence the redirection stands in.
        let name = name.strip_suffix(b".").unwrap_or(name);
        let ext = name
            .iter()
            .rposition(|&b| b == b'.')
            .map(|d| &name[d + 1..]);
        if name.first().is_none_or(|&b| !b.is_ascii_alphanumeric())
            || !ext.is_some_and(|e| DATA_EXTENSIONS.iter().any(|d| e.eq_ignore_ascii_case(d)))
            || v.get(j + len)
                .is_some_and(|&b| !matches!(b, b' ' | b',' | b'&' | b'|' | b';'))
        {
            return None;
        }
        out.extend_from_slice(&v[i..gt]);
        i = j + len;
    }
    None
}

/// `ps aux | grep nginx shows two processes`: a program that only prints (a process list,
/// the user, the system) piped into a text filter, as the subject of a sentence whose verb
/// and words follow (`pipeline`, the words before the verb). Run as a command line, the verb
/// and the words after it are the filter's file operands, and a filter given files ignores
/// its input: the printout goes nowhere and nothing else runs. A head that does more than
/// print (`rm`, `curl`, a shell) or a pipe into anything but a filter stays judged.
pub(super) fn printout_into_filter(pipeline: &[u8]) -> bool {
    const PRINTERS: &[&[u8]] = &[
        b"ps",
        b"id",
        b"whoami",
        b"uname",
        b"netstat",
        b"ss",
        b"env",
        b"printenv",
        b"hostname",
        b"ifconfig",
        b"ipconfig",
        b"ip",
        b"tasklist",
        b"systeminfo",
        b"w",
        b"who",
        b"lsof",
        b"df",
        b"free",
        b"uptime",
        b"lscpu",
        b"lsblk",
        b"dmesg",
        b"docker",
        b"kubectl",
    ];
    let mut parts = pipeline.split(|&b| b == b'|');
    let (Some(head), Some(filter), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    if pipeline.iter().any(|&b| matches!(b, b'&' | b';')) {
        return false;
    }
    let word_of = |seg: &[u8]| {
        let at = seg.iter().position(|&b| b != b' ')?;
        let end = seg[at..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(seg.len(), |p| at + p);
        Some((at, end))
    };
    let (Some((ha, he)), Some((fa, fe))) = (word_of(head), word_of(filter)) else {
        return false;
    };
    PRINTERS.contains(&&head[ha..he])
        && TEXT_FILTERS.contains(&&filter[fa..fe])
        && harmless_segment(&head[ha..he], head, ha, he, false, true, 0)
        && harmless_segment(&filter[fa..fe], filter, fa, fe, false, true, 0)
}

/// A `;`-separated list of [`harmless_chain`]s (`ls; cd; pwd`).
pub(super) fn harmless_list(v: &[u8]) -> bool {
    let mut n = 0;
    v.split(|&b| b == b';').all(|piece| {
        n += 1;
        let piece = piece.trim_ascii();
        n <= MAX_PROSE_PARTS && !piece.is_empty() && harmless_chain(piece)
    })
}

/// [`harmless_command_line`] for one segment `v` whose program word is `v[at..end]`;
/// `filter` when the segment reads a pipe (a [`TEXT_FILTERS`] program: its file-reading
/// names are no reader there). `sudo` before an ordinary program line runs that line with
/// more rights, nothing else: judged by the program it runs (`sudo apt-get update` passes,
/// `sudo bash`, `sudo -s`, `sudo rm -rf /` do not).
fn harmless_segment(
    word: &[u8],
    v: &[u8],
    at: usize,
    end: usize,
    plus: bool,
    filter: bool,
    depth: u8,
) -> bool {
    if end > v.len() || at > end {
        return false;
    }
    if word == b"sudo" && depth == 0 && !filter {
        let Some(s) = v[end..].iter().position(|&b| !is_blank(b, plus)) else {
            return false;
        };
        let s = end + s;
        let e = v[s..]
            .iter()
            .position(|&b| is_blank(b, plus))
            .map_or(v.len(), |p| s + p);
        // `sudo -s`, `sudo -i`, `sudo -u root …`: sudo's own options open shells or
        // change the user; only a plain program name follows as its command.
        if v[s] == b'-' {
            return false;
        }
        return harmless_segment(&v[s..e], v, s, e, plus, false, depth + 1);
    }
    let raw = &v[at..end];
    // The program as typed: a plain lower-case name, no path to a binary, no quoting.
    if raw.is_empty()
        || !raw.iter().all(|&b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
    {
        return false;
    }
    let base = word.strip_suffix(b".exe").unwrap_or(word);
    // Configuration managers run playbooks and commands on hosts or pull and run a repository
    // (`ansible-pull --url …`); `aa-disable` switches off a security profile.
    // Compilers build a program to run (`gcc-12 x.c -o x`).
    if [
        &b"ansible"[..],
        b"chef",
        b"aa-",
        b"knife",
        b"puppet",
        b"salt-",
        b"gcc",
        b"g++",
        b"clang",
        b"tcc",
    ]
    .iter()
    .any(|p| base.starts_with(p))
    {
        return false;
    }
    // `rm -rf node_modules`, `rm build.log`: deleting plain names below the working
    // directory is a build step; `/`, `~`, `..`, `*` and `.` are judged as before.
    let delete = matches!(base, b"rm" | b"rmdir");
    // `bash ./build.sh`, `sh deploy.sh`: a shell given the working tree's script as its
    // only operand runs the project's own file, as `python app.py` does.
    let shell_script = matches!(base, b"sh" | b"bash" | b"zsh") && {
        let mut ops = v[end..]
            .split(|&b| is_blank(b, plus))
            .filter(|t| !t.is_empty());
        ops.next().is_some_and(|t| {
            t.ends_with(b".sh") && t.len() > 3 && t[0] != b'-' && (t[0] != b'.' || script_here(t))
        }) && ops.next().is_none()
    };
    if !filter
        && !delete
        && !shell_script
        && (DANGEROUS_ALONE.contains(&base)
            || vocabulary::runs_alone(std::str::from_utf8(base).unwrap_or("whoami")))
    {
        return false;
    }
    let rest = &v[end..];
    if rest.len() > MAX_ARGS
        || rest.iter().any(|&b| {
            matches!(
                b,
                b';' | b'|'
                    | b'&'
                    | b'<'
                    | b'>'
                    | b'`'
                    | b'('
                    | b')'
                    | b'{'
                    | b'}'
                    | b'\\'
                    | b'\n'
                    | b'\r'
                    | b'%'
                    | b'^'
                    | b'!'
                    | b'@'
                    | b'#'
                    | b'*'
                    | b'['
                    | b']'
            ) || b >= 0x80
                || (b < 0x20 && !is_blank(b, plus))
        })
    {
        return false;
    }
    // `xterm -display evil.example.org:1`: a window sent to another host's X server.
    if super::arguments::remote_display(rest, plus) {
        return false;
    }
    let interpreter = interpreter_name(base);
    // `ping -c 5 attacker.com`: a counted ping is the blind time probe (and a lookup of the
    // attacker's name); `ping google.com` alone is a network question.
    let ping = matches!(base, b"ping" | b"ping6");
    let echo = matches!(base, b"echo" | b"printf");
    // `python -m venv .venv`, `python3 -m pip install -r requirements.txt`: `-m` runs an
    // installed module by name; the packaging, test and environment modules do what their
    // command-line tools do. Modules that open a shell or run code from the arguments
    // (`pty`, `code`, `timeit`) are not among them, so `-m` before those stays an option
    // handing code over.
    let module = if interpreter && base.starts_with(b"python") {
        let mut ops = rest.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
        match (ops.next(), ops.next()) {
            (Some(b"-m"), Some(m)) if ORDINARY_MODULES.contains(&m) => Some(m),
            _ => None,
        }
    } else {
        None
    };
    let mut tokens = 0;
    for t in rest.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty()) {
        tokens += 1;
        if tokens > 12 {
            return false;
        }
        // A quoted operand (`grep -r "foo" .`) is the same plain word to the program.
        let t = t.strip_prefix(b"\"").unwrap_or(t);
        let t = t.strip_suffix(b"\"").unwrap_or(t);
        let t = t.strip_prefix(b"'").unwrap_or(t);
        let t = t.strip_suffix(b"'").unwrap_or(t);
        if t.is_empty() || t.iter().any(|&b| matches!(b, b'"' | b'\'')) {
            return false;
        }
        // `ls -la? sorry, typo`: a question mark ending a word is the sentence's; inside a
        // word it is a glob the shell expands.
        let t = t.strip_suffix(b"?").unwrap_or(t);
        if t.is_empty() || t.contains(&b'?') {
            return false;
        }
        if t.contains(&b'$') {
            // `echo $HOME`: a named setting printed whole; `${…}` slices and `$(…)` do more.
            let name = t.strip_prefix(b"$").unwrap_or_default();
            if !(echo
                && !name.is_empty()
                && name
                    .iter()
                    .all(|&b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit()))
            {
                return false;
            }
            continue;
        }
        if module.is_some() && tokens == 1 {
            continue;
        }
        // `.venv`: the environment's directory, created in the working tree.
        if matches!(module, Some(b"venv" | b"virtualenv"))
            && t.len() > 1
            && t[0] == b'.'
            && t[1..]
                .iter()
                .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_'))
        {
            continue;
        }
        let lower =
            |n: &[u8]| t.len() >= n.len() && t.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
        if matches!(t[0], b'/' | b'~')
            || t.starts_with(b"..")
            || lower(b"../")
            || (t[0] == b'.' && t.len() > 1 && !script_here(t))
            || t.iter().filter(|&&b| b == b'/').count() > 2
            || lower(b"://")
            || lower(b"exec")
            || lower(b"command")
            || lower(b"shell")
            || lower(b"proxy")
            || lower(b"pipe")
            || lower(b"wrap")
            // `gci env:`: a PowerShell drive listed whole is the environment's dump.
            || t.last() == Some(&b':')
            || lower(b"pack")
            || lower(b"passwd")
            || lower(b"shadow")
            || lower(b"id_rsa")
            || lower(b"delete")
            || is_ipv4(t)
            || t.split(|&b| b == b':' || b == b'=').any(is_ipv4)
            || t.eq_ignore_ascii_case(b"localhost")
        {
            return false;
        }
        // An operand naming a shell or a dangerous program (`docker exec -it c sh`,
        // `xargs rm`) runs it.
        // `ping 127`: a bare number is an address to ping, the time probe's form.
        if ping && (t[0] == b'-' || t.iter().all(u8::is_ascii_digit)) {
            return false;
        }
        // A filter's pattern (`| grep ssh`) names nothing it runs.
        if (!filter
            && t.split(|&b| b == b',' || b == b'=')
                .any(|p| DANGEROUS_ALONE.contains(&p)))
            || (delete && (t == b"." || t.eq_ignore_ascii_case(b"--no-preserve-root")))
        {
            return false;
        }
        // Options that hand the program code or a file to run as code.
        // After `-m MODULE` the options are the module's, not the interpreter's.
        if interpreter
            && module.is_none()
            && t[0] == b'-'
            && t.len() >= 2
            && t[1] != b'-'
            // `-c`, `-pe`, `-lne`; java's long single-dash options (`-jar`) hand over a file.
            && (t.len() == 2 || (t.len() <= 4 && !base.starts_with(b"java")))
            && t[1..].iter().any(|&b| matches!(b, b'c' | b'e' | b'E' | b'r' | b'p' | b'm' | b'i'))
        {
            return false;
        }
        if interpreter && matches!(t, b"--eval" | b"--print" | b"--interactive") {
            return false;
        }
    }
    true
}

/// Python modules run by `-m` that do what an ordinary developer tool does (create an
/// environment, install packages, run tests or a formatter, serve the working directory).
const ORDINARY_MODULES: &[&[u8]] = &[
    b"venv",
    b"virtualenv",
    b"pip",
    b"ensurepip",
    b"pytest",
    b"unittest",
    b"http.server",
    b"json.tool",
    b"black",
    b"mypy",
    b"flake8",
    b"pylint",
    b"isort",
    b"build",
    b"twine",
    b"pipx",
    b"poetry",
    b"django",
    b"flask",
    b"uvicorn",
    b"spacy",
    b"doctest",
];

/// Whether `base` names a language interpreter (`python3`, `python3.11`, `node`, `perl`,
/// `ruby`, `php`), a version number after the name allowed.
pub(super) fn interpreter_name(base: &[u8]) -> bool {
    [
        &b"python"[..],
        b"node",
        b"nodejs",
        b"perl",
        b"ruby",
        b"php",
        b"java",
        b"lua",
    ]
    .iter()
    .any(|name| {
        base.strip_prefix(*name)
            .is_some_and(|ver| ver.iter().all(|&b| b.is_ascii_digit() || b == b'.'))
    })
}
