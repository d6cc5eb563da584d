//! What a command word names: a known program of the vocabulary (by name, by path, with a
//! version or an executable extension glued on), a variable that holds a program, a glob
//! pinned to a program, or nothing a shell would run.
//!
//! Separate because it is a pure function of the word: it never looks at the arguments or
//! the text around the start, which the judge and its helpers do.

use super::vocabulary;
use super::vocabulary::Tier;

/// The last `/`-separated segment of `path`: the program a path names (`/bin/sh` -> `sh`),
/// or the file a path ends in; the whole of a word without `/`.
pub(super) fn last_segment(path: &[u8]) -> &[u8] {
    path.rsplit(|&c| c == b'/').next().unwrap_or_default()
}

/// Whether `word` names a command [`classify`] knows.
pub(super) fn known_command(word: &[u8]) -> bool {
    matches!(classify(word), CommandWord::Known(_))
}

/// What sits in command position.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum CommandWord {
    Known(Tier),
    /// `$CMD`, `${SHELL}`, `%COMSPEC%`.
    Variable,
    /// A path with wildcards in place of letters (`/???/c?t`, `/e??/p??s??`).
    GlobPath,
    Unknown,
}

/// Whether the command word, without directory or `.exe`, is `name`.
pub(super) fn base_is(word: &[u8], name: &[u8]) -> bool {
    let base = word.rsplit(|&b| b == b'/').next().unwrap_or(word);
    base.strip_suffix(b".exe").unwrap_or(base) == name
}

/// Whether the last directory of path `w` (skipping `.` and empty segments) is `etc`.
pub(super) fn in_etc(w: &str) -> bool {
    // The segments from the end, split on the byte in one backward pass (a `str` split
    // searches for a `char`, at several times the cost): the last that is neither empty nor
    // `.` is the file, and the next such one must be `etc`.
    let b = w.as_bytes();
    let mut end = b.len();
    let mut file_seen = false;
    loop {
        let start = b[..end]
            .iter()
            .rposition(|&c| c == b'/')
            .map_or(0, |p| p + 1);
        let part = &b[start..end];
        if !part.is_empty() && part != b"." {
            if file_seen {
                return part == b"etc" || escaped_separator_then_etc(part);
            }
            if is_glob(part) {
                return false;
            }
            file_seen = true;
        }
        if start == 0 {
            return false;
        }
        end = start - 1;
    }
}

/// `..%2f..%2fetc`, `..%5cetc`, `..%c0%afetc`, `..%252fetc`: a segment ending in `etc` after
/// a separator the server decodes (percent-escaped, double-escaped, overlong UTF-8, or a
/// backslash): the path climbs to `/etc`, a file read, which traversal reports.
fn escaped_separator_then_etc(part: &[u8]) -> bool {
    let Some(head) = part.strip_suffix(b"etc") else {
        return false;
    };
    if head.ends_with(b"\\") {
        return true;
    }
    // A double escape (`%252f`) decodes to the single one first.
    let n = head.len();
    let escaped = |at: usize| {
        head[at] == b'%'
            && [&b"2f"[..], b"5c", b"af", b"9c"]
                .iter()
                .any(|e| head[n - 2..].eq_ignore_ascii_case(e))
    };
    (n >= 3 && escaped(n - 3)) || (n >= 5 && head[n - 4..n - 2] == *b"25" && escaped(n - 5))
}

/// Whether `word` is a path under a directory anyone can write and droppers use (`/tmp/`,
/// `/dev/shm/`).
pub(super) fn in_scratch_dir(word: &[u8]) -> bool {
    const SCRATCH: [&[u8]; 5] = [
        b"/tmp/",
        b"/var/tmp/",
        b"/dev/shm/",
        b"/run/shm/",
        b"/run/user/",
    ];
    SCRATCH.iter().any(|d| word.starts_with(d))
}

/// Whether the letters of `raw` (a word as written, with what led it) have a capital right
/// after a small letter (`iP`, `sU`), a case no one types a short command name in.
pub(super) fn oddly_cased(raw: &[u8]) -> bool {
    raw.windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

/// Whether the last segment of the path `word` is named like a program rather than a
/// source file, package or document: no extension, a script's `.sh`, or a build target's
/// (`bot.x86`, `x.arm7`).
pub(super) fn program_file_name(word: &[u8]) -> bool {
    let file = word.rsplit(|&b| b == b'/').next().unwrap_or_default();
    match file.iter().rposition(|&b| b == b'.') {
        None | Some(0) => true,
        Some(d) => {
            let ext = &file[d + 1..];
            ext == b"sh" || ext.iter().any(u8::is_ascii_digit)
        }
    }
}

/// A path naming a file to run: `./x`, `~/x`, or an absolute path of two segments or more
/// (`/tmp/.b`), not a configuration file under `/etc` (which the traversal detector judges).
pub(super) fn path_to_run(word: &[u8]) -> bool {
    let rest = if let Some(r) = word
        .strip_prefix(b"./")
        .or_else(|| word.strip_prefix(b"~/"))
    {
        r
    } else if word.first() == Some(&b'/') && word.get(1) != Some(&b'/') {
        if !word[1..].contains(&b'/') || std::str::from_utf8(word).is_ok_and(in_etc) {
            return false;
        }
        &word[1..]
    } else {
        return false;
    };
    let file = last_segment(rest);
    // `;/WEB-INF/web.xml` (Confluence's `/_/;/` path) names a document to read, not a
    // program: data and markup extensions are left to the traversal detector.
    const DOCUMENTS: &[&[u8]] = &[
        b"xml",
        b"properties",
        b"json",
        b"yml",
        b"yaml",
        b"conf",
        b"cfg",
        b"ini",
        b"txt",
        b"html",
        b"htm",
        b"css",
        b"png",
        b"jpg",
        b"jpeg",
        b"gif",
        b"svg",
        b"pdf",
        b"log",
        b"md",
    ];
    let document = file.iter().rposition(|&c| c == b'.').is_some_and(|d| {
        d > 0
            && DOCUMENTS
                .iter()
                .any(|e| file[d + 1..].eq_ignore_ascii_case(e))
    });
    !file.is_empty()
        && !document
        && file.iter().any(u8::is_ascii_alphanumeric)
        && rest
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-'))
}

/// `?`, `*` and `[`, the bytes that make a word a glob ([`is_glob`]).
pub(super) static GLOB_BYTE: [bool; 256] = crate::byte_set(b"?*[");

/// `[a-z0-9_-]`, the bytes of a plain command name ([`classify`]'s common case).
pub(super) static PLAIN_NAME_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_';
        c += 1;
    }
    t
};

pub(super) fn classify(word: &[u8]) -> CommandWord {
    // A plain name (no variable, path, glob, switch or extension), the common case: only the
    // vocabulary and a glued version number can make it a command.
    if word.iter().all(|&c| PLAIN_NAME_BYTE[usize::from(c)]) {
        // ASCII by the test above: looked up as bytes, no UTF-8 check needed.
        return match vocabulary::lookup_bytes(word).or_else(|| versioned_bytes(word)) {
            Some(t) => CommandWord::Known(t),
            None => CommandWord::Unknown,
        };
    }
    // Every command name, path, variable and glob opens with an ASCII byte: no rule below
    // finds a command in a word opening with a non-ASCII one (prose in another script), so
    // the UTF-8 check and the name rules are skipped for it.
    if word.first().is_some_and(|&c| c >= 0x80) {
        return CommandWord::Unknown;
    }
    // `../x`, `..%c0%af`, `%2e%2e%2f`: no command name, path to one, glob, variable or
    // versioned name opens with `..`, nor with a `%` other than cmd's `%NAME%` (checked
    // below): every rule that follows would answer Unknown after several passes.
    if word.starts_with(b"..") || (word.first() == Some(&b'%') && word.last() != Some(&b'%')) {
        return CommandWord::Unknown;
    }
    // `www.example.com`, `hello,`, `Ab.exe`: two letters or digits no command name opens
    // with (see [`vocabulary::may_name_command`]) and no `/`, `$` or `%`. Every rule below
    // then answers Unknown but the executable extension's: no variable, path or switch rule
    // applies; the name left after an extension keeps the two bytes (a dot can only follow
    // them), so the vocabulary and version lookups turn it away, and so does the glob rule
    // (a glob's literal opening must open the command).
    if let [a, b, ..] = *word {
        if a.is_ascii_alphanumeric()
            && b.is_ascii_alphanumeric()
            && !vocabulary::may_name_command(word)
            && !word.iter().any(|&c| matches!(c, b'/' | b'$' | b'%'))
        {
            return if executable_name_bytes(word) {
                CommandWord::Known(Tier::Tool)
            } else {
                CommandWord::Unknown
            };
        }
    }
    let Ok(w) = std::str::from_utf8(word) else {
        return CommandWord::Unknown;
    };
    // Most such words are prose with punctuation (`end.`, `it's`, `a,b`): without `/`, `$`
    // or `%` no variable, path or switch rule below can apply, so only the extension, glob
    // and vocabulary rules are read.
    if !word.iter().any(|&c| matches!(c, b'/' | b'$' | b'%')) {
        return classify_name(w);
    }
    // `$0` is the running shell; `$a$b` glues variables into a command name
    // (`a=c;b=at;$a$b /etc/passwd`).
    // `${!#}`: Bash's indirect expansion of `$#` (0 in `sh -c`) is `$0`, the shell again.
    if w == "$0" || w == "${0}" || w == "${!#}" || variables_glued(w) || transformed_expansion(w) {
        return CommandWord::Variable;
    }
    // `$env:COMPUTERNAME`: a PowerShell environment variable in command position.
    // PowerShell reads names in any case (`${ENV:COMSPEC}`).
    let starts_with =
        |p: &str| w.len() > p.len() && w.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if starts_with("$env:") || (w.len() > 7 && starts_with("${env:")) {
        return CommandWord::Variable;
    }
    // `sh$XX`, `cat${u}`: a command glued to a variable the server never set, which
    // expands to nothing and leaves the command's name.
    if let Some(cw) = command_before_variable(w) {
        return cw;
    }
    if let Some(name) = w.strip_prefix('$') {
        let name = name.trim_start_matches('{').trim_end_matches('}');
        if !name.is_empty()
            && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
            && name.as_bytes()[0].is_ascii_alphabetic()
        {
            return CommandWord::Variable;
        }
        return CommandWord::Unknown;
    }
    if let Some(name) = w.strip_prefix('%').and_then(|n| n.strip_suffix('%')) {
        if !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
            return CommandWord::Variable;
        }
    }
    // `kubectl: the CLI`: a word ending in a colon is a label in prose, and names no
    // executable.
    if w.ends_with(':') {
        return CommandWord::Unknown;
    }
    let b = w.as_bytes();
    // `bin/id`, `usr/bin/id`: the system's binary directories named relative to `/`.
    // (Each opens with `b`, `s` or `u`: most words are turned away by their first byte.)
    let bin_dir = matches!(b.first(), Some(b'b' | b's' | b'u'))
        && ["bin/", "sbin/", "usr/bin/", "usr/sbin/", "usr/local/bin/"]
            .iter()
            .any(|d| w.starts_with(d));
    let is_path = bin_dir
        || w.starts_with('/')
        || w.starts_with("./")
        || w.starts_with("~/")
        || (b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/');
    // `/etc/passwd`, `/cgi-bin/../../etc/passwd`, `//etc//passwd`: files directly in `/etc`
    // are configuration, never programs, though some share a program's name; reading them is
    // traversal's finding. (Asked of a path here; a word that is none is asked below only
    // where it would name a command otherwise: `https://host/` names none, and has a `/`
    // but no switch.)
    if is_path {
        if in_etc(w) {
            return CommandWord::Unknown;
        }
        // `/**/or/**/1=1`: a segment of stars alone between slashes is SQL's empty block
        // comment used as a blank; as a glob `**` is only `*`, which a path spells so.
        if w.split('/')
            .any(|p| p.len() >= 2 && p.bytes().all(|c| c == b'*'))
        {
            return CommandWord::Unknown;
        }
        let globbed_parts = w.split('/').filter(|p| is_glob(p.as_bytes())).count();
        if globbed_parts >= 2 {
            return CommandWord::GlobPath;
        }
    } else if let Some((head, switch)) = w.split_once('/') {
        // `if/i`, `dir/s`: a Windows command glued to its switch. Anything else with a
        // slash (`curl/7.68.0`, `and/or`) is a product token or prose, not a path to run.
        let is_switch =
            (1..=3).contains(&switch.len()) && switch.bytes().all(|c| c.is_ascii_alphabetic());
        if !is_switch || head.len() < 2 {
            return CommandWord::Unknown;
        }
        return match vocabulary::lookup(head) {
            Some(t) if !in_etc(w) => CommandWord::Known(t.max(Tier::Tool)),
            _ => CommandWord::Unknown,
        };
    }
    // A path (asked about `/etc` above) or a word without `/`: one segment, never in `/etc`
    // ([`in_etc`] wants a directory before the file).
    classify_base(w, w.rsplit('/').next().unwrap_or(w), is_path)
}

/// The rules that judge a command word by its name: a glob pinned to a known command, the
/// vocabulary, an executable extension, a versioned name, a system binary directory.
/// `segment` is the last path segment of `w`.
fn classify_base(w: &str, segment: &str, is_path: bool) -> CommandWord {
    let base = [".exe", ".com", ".bat", ".cmd"]
        .iter()
        .find_map(|ext| segment.strip_suffix(ext))
        .unwrap_or(segment);
    if base.is_empty() {
        return CommandWord::Unknown;
    }
    let has_glob = is_glob(w.as_bytes());
    // `/r?n<9#…` (a password): no program lives directly in `/`, so a glob there names no
    // program to run; a program glob names its directory (`/b?n/c?t`, `/???/??t`).
    if has_glob && w.starts_with('/') && !w[1..].contains('/') {
        return CommandWord::Unknown;
    }
    if has_glob {
        // `c?t`, `wh*mi`, `[c]at`: enough literal letters to pin one command down. Letters
        // inside a class count for nothing (`[A-Za-z0-9_]*` is a regex, matching anything).
        let letters = literal_letters(base.as_bytes());
        let pinned = base.bytes().any(|c| c == b'?' || c == b'[') || letters >= 3;
        // `/bin/ca*`, `/usr/bin/i?`: the directory already says a program is meant.
        let in_bin_dir = is_path && system_binary_dir(w);
        let ok = ((letters >= 2 && base.len() >= 3 && pinned) || (in_bin_dir && letters >= 1))
            && vocabulary::glob_matches_command(base, Tier::Word);
        return if ok {
            CommandWord::GlobPath
        } else {
            CommandWord::Unknown
        };
    }
    match vocabulary::lookup(base) {
        // A known command named by its path (`/usr/bin/id`) is never prose.
        Some(_) if is_path => CommandWord::Known(Tier::Exotic),
        Some(t) => CommandWord::Known(t),
        // `setup.exe`, `run.bat`, `x.ps1`: a program named with an executable extension.
        None if executable_name(w) => CommandWord::Known(Tier::Tool),
        // A versioned path (`/usr/bin/python3.5`) is as often named in docs as run.
        None => match versioned(base) {
            Some(_) if is_path => CommandWord::Known(Tier::Word),
            Some(t) => CommandWord::Known(t),
            // `/bin/ab`, `/usr/sbin/x`: any plain name in a system binary directory is a
            // program, known to us or not.
            // Named in documentation too (`/usr/sbin/sendmail - 0 errors`), so it needs a
            // tight start, arguments, or to be the whole value.
            None if is_path && system_binary(w) => CommandWord::Known(Tier::Tool),
            None => CommandWord::Unknown,
        },
    }
}

/// [`classify`] of a word without `/`, `$` or `%` (not a plain name): only the name rules
/// of [`classify_base`] can apply to it.
pub(super) fn classify_name(w: &str) -> CommandWord {
    if w.ends_with(':') {
        return CommandWord::Unknown;
    }
    // `mkfs.ext4`, `fsck.vfat`: the per-filesystem helpers are named `FAMILY.TYPE` and do
    // what the family does; the name before the dot is the command.
    if let Some((head, tail)) = w.split_once('.') {
        if matches!(head, "mkfs" | "fsck")
            && (2..=8).contains(&tail.len())
            && tail.bytes().all(|c| c.is_ascii_alphanumeric())
        {
            return CommandWord::Known(vocabulary::lookup(head).unwrap_or(Tier::Exotic));
        }
    }
    classify_base(w, w, false)
}

/// `sh$XX`, `cat${u}`: a known command name followed only by one `$NAME` or `${NAME}`.
fn command_before_variable(w: &str) -> Option<CommandWord> {
    let (head, var) = w.split_at(w.find('$').filter(|&p| p >= 2)?);
    let name = var[1..]
        .strip_prefix('{')
        .and_then(|n| n.strip_suffix('}'))
        .unwrap_or(&var[1..]);
    let ident = !name.is_empty()
        && name.as_bytes()[0].is_ascii_alphabetic()
        && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
    if !ident
        || !head
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        return None;
    }
    match vocabulary::lookup(head)? {
        Tier::Word => None,
        t => Some(CommandWord::Known(t)),
    }
}

/// Letters of a glob outside its `[...]` classes.
fn literal_letters(glob: &[u8]) -> usize {
    let mut in_class = false;
    let mut n = 0;
    for &c in glob {
        match c {
            b'[' => in_class = true,
            b']' => in_class = false,
            c if c.is_ascii_alphabetic() && !in_class => n += 1,
            _ => {}
        }
    }
    n
}

/// The directories that hold the system's programs.
const SYSTEM_BIN_DIRS: &[&str] = &[
    "/bin/",
    "/sbin/",
    "/usr/bin/",
    "/usr/sbin/",
    "/usr/local/bin/",
];

/// Whether `w` names a file directly in a system binary directory (`/bin/x`, `/usr/bin/x`).
fn system_binary_dir(w: &str) -> bool {
    SYSTEM_BIN_DIRS
        .iter()
        .filter_map(|d| w.strip_prefix(d))
        .any(|name| !name.is_empty() && !name.contains('/'))
}

/// An absolute path straight into a system binary directory with a plain program name
/// (`/bin/ab`, `/usr/local/bin/node`), not a deeper path or a file with an extension.
pub(super) fn system_binary(w: &str) -> bool {
    SYSTEM_BIN_DIRS
        .iter()
        .filter_map(|d| w.strip_prefix(d))
        .any(|name| {
            !name.is_empty()
                && name.len() <= 32
                && name.as_bytes()[0].is_ascii_lowercase()
                && name
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_')
        })
}

/// The name of a variable reference: `$x`, `${x}` and cmd's `%x%` are all `x`.
pub(super) fn variable_name(word: &[u8]) -> &[u8] {
    if let Some(name) = word.strip_prefix(b"%").and_then(|n| n.strip_suffix(b"%")) {
        return name;
    }
    let name = word.strip_prefix(b"$").unwrap_or(word);
    name.strip_prefix(b"{")
        .and_then(|n| n.strip_suffix(b"}"))
        .unwrap_or(name)
}

/// `$SHELL`, `${COMSPEC}`, `$0`: environment variables that name a program to run.
pub(super) fn program_variable(word: &[u8]) -> bool {
    let name = variable_name(word);
    // `${ENV:COMSPEC}`: PowerShell's environment drive, in any case.
    let name = match name {
        [e, n, v, b':', rest @ ..] if [*e, *n, *v].eq_ignore_ascii_case(b"env") => rest,
        _ => name,
    };
    const PROGRAMS: &[&[u8]] = &[
        b"0", b"SHELL", b"BASH", b"ZSH", b"COMSPEC", b"EDITOR", b"VISUAL", b"PAGER", b"BROWSER",
    ];
    PROGRAMS.iter().any(|p| p.eq_ignore_ascii_case(name))
}

/// Two or more variables glued into one word and nothing else (`$a$b`, `${x}${y}`).
/// `${v//X/}`, `${v%d}`, `${x/#/id}`, `${q@E}`, `${!z}`: a whole word that is one braced
/// expansion transforming a variable (pattern replacement or removal, case change, `@`
/// operator) or naming another (`${!name}`). In command position the shell runs what it
/// computes: a command name assembled so that no name appears in the value. A template's
/// placeholder is a bare `${name}`, and `${name:-word}` is read by the word reader.
pub(super) fn transformed_expansion(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() > 64 || !w.starts_with("${") || !w.ends_with('}') || b.len() < 5 {
        return false;
    }
    let inner = &b[2..b.len() - 1];
    let name = inner.strip_prefix(b"!").unwrap_or(inner);
    let n = name
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_')
        .count();
    if n == 0 || !name[0].is_ascii_alphabetic() && name[0] != b'_' {
        return false;
    }
    if name.len() == n {
        // `${!z}`: indirection; `${z}` alone is a placeholder
        return inner.first() == Some(&b'!');
    }
    inner.first() != Some(&b'!') && matches!(name[n], b'/' | b'%' | b'#' | b'@' | b'^' | b',')
}

fn variables_glued(w: &str) -> bool {
    let parts = w.split('$').skip(1);
    w.starts_with('$')
        && w.matches('$').count() >= 2
        && parts.clone().all(|p| {
            let p = p.trim_start_matches('{').trim_end_matches('}');
            !p.is_empty()
                && p.as_bytes()[0].is_ascii_alphabetic()
                && p.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        })
}

/// A file name with a Windows executable or script extension (`calc.exe`, `x.ps1`).
pub(super) fn executable_name(w: &str) -> bool {
    executable_name_bytes(w.as_bytes())
}

/// [`executable_name`] of a word given as bytes (the separators, the dot and the extensions
/// are ASCII, and a stem with a non-ASCII byte is no executable's).
pub(super) fn executable_name_bytes(w: &[u8]) -> bool {
    // Every extension below has three letters: the fourth byte from the end is the dot.
    if w.len() < 5 || w[w.len() - 4] != b'.' {
        return false;
    }
    let base = w.rsplit(|&c| c == b'/' || c == b'\\').next().unwrap_or(w);
    let Some(dot) = base.iter().rposition(|&c| c == b'.') else {
        return false;
    };
    let (stem, ext) = (&base[..dot], &base[dot + 1..]);
    !stem.is_empty()
        && stem
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
        && EXECUTABLE_EXTENSIONS.contains(&ext)
}

/// The extensions of Windows executables and scripts [`executable_name`] knows (three bytes
/// each, lower case).
pub(super) const EXECUTABLE_EXTENSIONS: [&[u8]; 7] =
    [b"exe", b"bat", b"cmd", b"ps1", b"vbs", b"hta", b"scr"];

/// A tool named with its version glued on (`python3.10`, `gcc7.4`, `pip3`, `gcc-12`): the
/// tier of the tool, at most [`Tier::Tool`] so it still needs a tight context or arguments.
/// A dotted or dashed version (`python3.10`, `php7.4`, `gcc-12`) is the file name a package
/// installs the program under, which only a command line spells that way (prose writes
/// "Python 3.10"): [`Tier::Exotic`]. Names shorter than three letters stay unknown (`ps4`,
/// `sh2` are products, not shells).
pub(super) fn versioned(base: &str) -> Option<Tier> {
    versioned_bytes(base.as_bytes())
}

/// [`versioned`] of a name given as bytes (digits, dots and dashes are ASCII, so trimming
/// them byte by byte leaves what trimming characters leaves).
pub(super) fn versioned_bytes(base: &[u8]) -> Option<Tier> {
    // The name looked up below opens `base`: a pair of first bytes no command name has
    // settles it before the scan for the version.
    if !vocabulary::may_name_command(base) {
        return None;
    }
    let kept = base
        .iter()
        .rposition(|&c| !(c.is_ascii_digit() || c == b'.'))
        .map_or(0, |p| p + 1);
    let name = &base[..kept];
    let (name, dashed) = match name.strip_suffix(b"-") {
        Some(n) => (n, true),
        None => (name, false),
    };
    let suffix = &base[name.len() + usize::from(dashed)..];
    if name.len() < 3
        || name.len() == base.len()
        || !suffix.first().is_some_and(u8::is_ascii_digit)
        || suffix.len() > 6
    {
        return None;
    }
    let file_name = dashed || (suffix.contains(&b'.') && !suffix.ends_with(b"."));
    match vocabulary::lookup_bytes(name)? {
        Tier::Word => None,
        _ if file_name => Some(Tier::Exotic),
        t => Some(t.min(Tier::Tool)),
    }
}

/// Wildcards a shell expands: `?`, `*`, or a non-empty `[...]` class.
pub(super) fn is_glob(w: &[u8]) -> bool {
    // Every glob holds `?`, `*` or `[`: one branch-free pass over the word rules out the
    // rest (most words), before the exact walk.
    if !w.iter().fold(false, |m, &c| m | GLOB_BYTE[usize::from(c)]) {
        return false;
    }
    let mut after_open = false;
    for &c in w {
        if matches!(c, b'?' | b'*') || (after_open && c != b']') {
            return true;
        }
        after_open = c == b'[';
    }
    false
}
