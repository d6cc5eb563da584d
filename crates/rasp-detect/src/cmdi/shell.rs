//! POSIX shell constructs beyond a plain command line: groups, functions and compound
//! commands, Shellshock definitions, expansions that build words (`${x:0:1}`, `$'\x63'`,
//! `$((…))`), here-strings, `/dev/tcp`, precommands, `trap`, `history`, aliases and
//! redirections into system files.
//!
//! Separate because each is a piece of sh grammar with its own rules; the judge asks them
//! by name and needs none of their details.

use super::arguments::{duration_len, has_shell_arguments, skip_wrapper_options};
use super::classify::{classify, variable_name, CommandWord};
use super::judge::judge_start;
use super::scan::Start;
use super::token::trim_blanks;
use super::vocabulary::Tier;
use super::word::{identifier_len, read_command_word};
use super::{is_blank, is_sep, options, vocabulary, MAX_ARGS, MAX_STARTS, MAX_WORD};

/// `(id)`, `( cat /etc/passwd )`, `{ id; }`: a whole value that is a subshell or a brace
/// group runs its first word as a command, as tightly as after a separator. Only the group
/// syntax counts: `(` … `)` around the whole value, or `{` and a blank … `;` and `}` (bash
/// needs both; `{id}` is a placeholder, `{ "a": 1 }` an object), and the first word must be
/// a command of the vocabulary (`(optional)`, `(see below)` are not). English-word commands
/// still need shell arguments (`(date)`, `(time)` label a column).
pub(super) fn group_value(v: &[u8]) -> Option<&'static str> {
    let last = v.iter().rposition(|&c| !is_blank(c, false))?;
    // One line, and the `(` that opens the value is the one the last `)` closes:
    // `(gdb) run … (gdb)` is a debugger transcript.
    if memchr::memchr2(b'\n', b'\r', v).is_some() {
        return None;
    }
    let body = match (v[0], v[last]) {
        (b'(', b')') => {
            let mut depth = 0usize;
            for (i, &c) in v[..last].iter().enumerate() {
                match c {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
                if depth == 0 && i > 0 {
                    return None;
                }
            }
            1
        }
        (b'{', b'}') if v.get(1).is_some_and(|&c| is_blank(c, false)) => {
            let before = v[..last].iter().rposition(|&c| !is_blank(c, false))?;
            if v[before] != b';' {
                return None;
            }
            2
        }
        _ => return None,
    };
    let (word, end, _) = read_command_word(v, body, Start::Data, false)?;
    if !matches!(classify(word.as_slice()), CommandWord::Known(_)) {
        return None;
    }
    // The command alone in its group (`(id)`, `{ id; }`) is as tight as `;id`; with more
    // words it needs shell-shaped arguments, as after `; ` (`(docker is required)` is prose).
    let alone = v[end..last]
        .iter()
        .all(|&c| is_blank(c, false) || c == b';');
    let kind = if alone { Start::Data } else { Start::Loose };
    judge_start(v, body, kind, false).map(|_| "command-group")
}

/// Where the body of `function NAME { …` starts, `end` being the end of `function`: blanks,
/// a name, blanks, `{` and a blank (Bash needs one after the brace). `None` for any other
/// shape, `function f() {` included (JavaScript's).
pub(super) fn function_body(v: &[u8], end: usize, plus: bool) -> Option<usize> {
    let skip = |mut i: usize| {
        while v.get(i).is_some_and(|&b| is_blank(b, plus)) && i < end + MAX_ARGS {
            i += 1;
        }
        i
    };
    let name = skip(end);
    let name_len = v[name..]
        .iter()
        .take(64)
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':'))
        .count();
    if name == end || name_len == 0 {
        return None;
    }
    let brace = skip(name + name_len);
    if brace == name + name_len || v.get(brace) != Some(&b'{') {
        return None;
    }
    let body = skip(brace + 1);
    (body > brace + 1 && body < v.len()).then_some(body)
}

/// A value that opens with `>` or `>>` glued to a file in a directory (`>/tmp/x`,
/// `>>/var/www/shell.php`): it truncates or appends to a file; a top-level name
/// (`>/test.environment`) is as likely a path segment. A quote in Markdown or mail
/// (`> text`, `> /usr is …`) has a blank after the `>`.
pub(super) fn leading_redirection(v: &[u8], plus: bool) -> bool {
    let lead = v
        .iter()
        .position(|&b| !is_blank(b, plus))
        .unwrap_or(v.len());
    let rest = &v[lead..];
    let rest = rest
        .strip_prefix(b">>")
        .or_else(|| rest.strip_prefix(b">"))
        .unwrap_or(&[]);
    rest.first() == Some(&b'/')
        && rest.get(1).is_some_and(u8::is_ascii_alphabetic)
        && rest[1..]
            .iter()
            .take(64)
            .take_while(|&&c| !is_blank(c, plus))
            .any(|&c| c == b'/')
}

/// `> /etc/cron.d/x`, `1 > /etc/profile.d/x.sh`, `>> /root/.ssh/authorized_keys`: a value
/// that is only a redirection (a file descriptor may lead it) into a file the system runs
/// or trusts. Appended to the application's command, it creates or truncates that file. A
/// Markdown or mail quote (`> /etc/hosts is …`) goes on with prose after the path.
pub(super) fn spaced_system_redirection(v: &[u8], plus: bool) -> bool {
    let skip = |mut i: usize| {
        while v.get(i).is_some_and(|&b| is_blank(b, plus)) {
            i += 1;
        }
        i
    };
    let mut i = skip(0);
    let digits = v[i..]
        .iter()
        .take(3)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits > 2 {
        return false;
    }
    i = skip(i + digits);
    if v.get(i) != Some(&b'>') {
        return false;
    }
    i += 1 + usize::from(v.get(i + 1) == Some(&b'>'));
    i = skip(i);
    let len = v[i..]
        .iter()
        .take(257)
        .take_while(|&&b| !is_blank(b, plus) && !is_sep(b))
        .count();
    let after = skip(i + len);
    len <= 256
        && v.get(after).is_none_or(|&b| is_sep(b))
        && (options::system_write_target(&v[i..i + len])
            // `> /var/www/html/x.php`: a web shell the next request runs.
            || (v[i..].starts_with(b"/")
                && (options::script_in_directory(&v[i..i + len])
                    // `> /app/public/index.html`: a page the server then serves
                    || options::in_web_root(&v[i..i + len]))))
}

/// `x > /tmp/o`, `127.0.0.1 > /var/www/html/o.txt`, `a 2>>~/.bashrc`: a value that is one
/// data token, then a redirection of output into a file named by its absolute or home path,
/// and nothing after. Appended to the application's command (`ping -c 1 VALUE`) the shell
/// creates or truncates that file, wherever the attacker points it (web root, cron, rc
/// files). Prose compares or points (`a > b`, `5 > 3`, `-> next`, `>= 10`) without a
/// directory and file after the `>`; `/dev/null` and the standard streams write nothing
/// (`/dev` is no directory it opens with).
pub(super) fn token_then_redirection(v: &[u8], plus: bool) -> bool {
    if v.len() > 512 {
        return false;
    }
    let v = trim_blanks(v, plus);
    let token = v
        .iter()
        .take_while(|&&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b':' | b'@' | b'/')
        })
        .count();
    // `-> next`, `a- > b`: an arrow, not a token and an operator.
    if token == 0 || matches!(v[token - 1], b'-' | b'=') {
        return false;
    }
    let mut i = token
        + v[token..]
            .iter()
            .take_while(|&&b| is_blank(b, plus))
            .count();
    // `x 2>/tmp/o`: a descriptor is glued to its `>` and spaced from the token.
    if i > token && v.get(i).is_some_and(u8::is_ascii_digit) && v.get(i + 1) == Some(&b'>') {
        i += 1;
    }
    let op = match v.get(i..).unwrap_or_default() {
        [b'>', b'>', b'>' | b'=', ..] | [b'>', b'=', ..] => return false,
        [b'>', b'>', ..] => 2,
        [b'>', ..] => 1,
        _ => return false,
    };
    i += op;
    i += v[i..].iter().take_while(|&&b| is_blank(b, plus)).count();
    let path = &v[i..];
    if !path
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'_' | b'-' | b'~'))
    {
        return false;
    }
    // The path opens with a directory of the file system's own layout (`/tmp`, `/var`,
    // `/etc`, `/home`…): a breadcrumb or a site's path (`Home > /products/shoes`) does not.
    const TOP: &[&[u8]] = &[
        b"tmp", b"var", b"etc", b"home", b"root", b"usr", b"opt", b"srv", b"run", b"boot", b"lib",
        b"bin", b"sbin", b"mnt", b"media", b"app", b"proc", b"sys",
    ];
    let top = path
        .strip_prefix(b"/")
        .and_then(|p| p.split(|&b| b == b'/').next())
        .is_some_and(|d| TOP.contains(&d));
    let slashes = path.iter().filter(|&&b| b == b'/').count();
    let rooted = top && slashes >= 2 && !path.ends_with(b"/");
    let home = path.starts_with(b"~/") && path.len() > 2;
    rooted || home
}

/// `$(<config.php)`, `x$(<"/etc/passwd")`, `` `<~/.aws/credentials` ``: bash's substitution
/// whose body is only an input redirection reads the file into the command line (no
/// command word is needed), where an error message, a DNS name or a request that follows
/// carries it out. jQuery writes `$('<div>')` with quotes around the markup; a file name
/// has no `>`.
pub(super) fn substitution_reads_file(v: &[u8]) -> bool {
    memchr::memmem::find_iter(v, b"$(")
        .take(MAX_STARTS)
        .any(|p| {
            let body = &v[p + 2..v.len().min(p + 2 + 160)];
            let body = body.trim_ascii_start();
            let Some(body) = body.strip_prefix(b"<") else {
                return false;
            };
            let body = body.trim_ascii_start();
            let (body, quote) = match body.first() {
                Some(&q @ (b'"' | b'\'')) => (&body[1..], Some(q)),
                _ => (body, None),
            };
            let n = body
                .iter()
                .take_while(|&&c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-' | b'~')
                })
                .count();
            let rest = &body[n..];
            let rest = match quote {
                Some(q) => match rest.strip_prefix(&[q][..]) {
                    Some(r) => r,
                    None => return false,
                },
                None => rest,
            };
            let file = &body[..n];
            n > 0
                && rest.trim_ascii_start().first() == Some(&b')')
                && file.iter().any(|&c| matches!(c, b'.' | b'/' | b'~'))
        })
}

/// The command a precommand (`time`, `nohup`, `env`, `timeout 5`, `eval`) after a spaced
/// separator runs (see [`judge_start`]): its options and operands skipped, the word after
/// them must be a tool or exotic program, or a short command no English sentence writes
/// (`id`, `ps`), or any known command with shell-shaped arguments; it is then judged as
/// after `;`.
pub(super) fn precommand_operand(
    v: &[u8],
    word: &[u8],
    end: usize,
    plus: bool,
) -> Option<&'static str> {
    let mut inner = end;
    if word == b"timeout" {
        inner += duration_len(v, inner, plus);
    }
    inner = skip_wrapper_options(v, inner, plus);
    let (w, inner_end, assigned) = read_command_word(v, inner, Start::Tight, plus)?;
    let w = w.as_slice();
    if assigned || w == word {
        return None;
    }
    let strong = match classify(w) {
        CommandWord::Known(Tier::Exotic | Tier::Tool) => true,
        CommandWord::Known(Tier::Word) => {
            !vocabulary::is_english(w) || has_shell_arguments(v, inner_end, plus)
        }
        _ => false,
    };
    if !strong {
        return None;
    }
    judge_start(v, inner, Start::Tight, plus).map(|_| "wrapped-command")
}

/// Whether `t` names a signal `trap` takes: `EXIT`, `INT`, `SIGTERM`, `ERR`, `DEBUG` or a
/// number up to 64.
fn signal_name(t: &[u8]) -> bool {
    let t = t.strip_prefix(b"SIG").unwrap_or(t);
    matches!(
        t,
        b"EXIT"
            | b"INT"
            | b"TERM"
            | b"HUP"
            | b"QUIT"
            | b"ERR"
            | b"DEBUG"
            | b"RETURN"
            | b"USR1"
            | b"USR2"
            | b"ALRM"
            | b"CHLD"
            | b"PIPE"
            | b"KILL"
    ) || (!t.is_empty() && t.len() <= 2 && t.iter().all(u8::is_ascii_digit))
}

/// `trap CMD SIGNAL`: the handler (a word, or a quoted command line) is followed by a signal
/// name, and judged as a command after `;`.
pub(super) fn trap_handler(v: &[u8], end: usize, plus: bool) -> Option<&'static str> {
    let rest = &v[end.min(v.len())..];
    let s = rest.iter().position(|&b| !is_blank(b, plus))?;
    let handler = end + s;
    let after = match v[handler] {
        q @ (b'\'' | b'"') => {
            let close = v[handler + 1..v.len().min(handler + 1 + MAX_ARGS)]
                .iter()
                .position(|&b| b == q)?;
            handler + 1 + close + 1
        }
        _ => {
            handler
                + v[handler..]
                    .iter()
                    .position(|&b| is_blank(b, plus) || is_sep(b))
                    .unwrap_or(v.len() - handler)
        }
    };
    let tail = &v[after.min(v.len())..];
    let sig_from = tail.iter().position(|&b| !is_blank(b, plus))?;
    if sig_from == 0 {
        return None;
    }
    let sig = &tail[sig_from..];
    let sig_len = sig
        .iter()
        .position(|&b| is_blank(b, plus) || is_sep(b))
        .unwrap_or(sig.len());
    if !signal_name(&sig[..sig_len]) {
        return None;
    }
    let body = if matches!(v[handler], b'\'' | b'"') {
        handler + 1
    } else {
        handler
    };
    judge_start(
        &v[..after.saturating_sub(usize::from(body > handler))],
        body,
        Start::Tight,
        plus,
    )
    .map(|_| "trap-command")
}

/// `; history -c`, `&& history -w /dev/null`: the shell's builtin clearing or rewriting the
/// command history after a separator, which only an intruder hiding what ran does. (Read
/// apart from the start scan, whose prefilter turns `hi…` away.)
pub(super) fn history_clear(v: &[u8], plus: bool) -> bool {
    // (built once: `memmem::find_iter` builds its searcher on every call)
    static HISTORY: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"history"));
    HISTORY.find_iter(v).take(4).any(|i| {
        let before = v[..i].iter().rev().copied().find(|&b| !is_blank(b, plus));
        matches!(before, Some(b';' | b'|' | b'&' | b'\n' | b'\r'))
            && (i == 0 || is_blank(v[i - 1], plus) || is_sep(v[i - 1]))
            && v.get(i + 7).is_some_and(|&b| is_blank(b, plus))
            && history_edit(v, i + 7, plus)
    })
}

/// `history -c`, `history -w /dev/null`, `history -d 5`: options that clear, delete from
/// or overwrite the shell's command history.
fn history_edit(v: &[u8], end: usize, plus: bool) -> bool {
    let rest = &v[end.min(v.len())..];
    let mut tokens = rest.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    let Some(t) = tokens.next() else {
        return false;
    };
    let t = t.iter().position(|&b| is_sep(b)).map_or(t, |p| &t[..p]);
    matches!(t, b"-c" | b"-cw" | b"-w" | b"-d")
}

/// `x=whoami;$x`: the variable run as a command was assigned earlier in the value, at a
/// command start, so the value builds and runs a command.
pub(super) fn assigned_before(v: &[u8], at: usize, word: &[u8]) -> bool {
    let name = variable_name(word);
    if name.is_empty() || name.len() > 32 {
        return false;
    }
    let before = &v[..at.min(v.len())];
    memchr::memchr_iter(b'=', before)
        .take(16)
        .any(|eq| assigns_at(before, eq, name))
}

/// Whether the `=` at `eq` in `before` ends `name=` at a command start (the value's start,
/// after a separator, a blank, `(` or cmd's `^`). The command word was read in lower case:
/// the name is compared likewise.
fn assigns_at(before: &[u8], eq: usize, name: &[u8]) -> bool {
    let Some(p) = eq.checked_sub(name.len()) else {
        return false;
    };
    let opens = p == 0
        || is_sep(before[p - 1])
        || is_blank(before[p - 1], true)
        || matches!(before[p - 1], b'(' | b'^');
    opens && before[p..eq].eq_ignore_ascii_case(name)
}

/// `;u=who;$u'ami'`, `a=wh;${a}oami`: a command word that opens with a variable the value
/// assigned earlier at a command start ([`assigned_before`]) and goes on with more of the
/// name glued to it (a letter, a quote or a backslash), the pieces together naming a
/// command: the value assembles the command's name, which only code hiding what it runs
/// does (`total=5; ${total}USD` assembles no command). (The variable alone,
/// `x=whoami;$x`, is judged by [`assigned_before`] where the word is classified.)
pub(super) fn assembled_from_assigned(v: &[u8], at: usize, plus: bool) -> bool {
    let from = at
        + v.get(at..)
            .map_or(0, |r| r.iter().take_while(|&&b| is_blank(b, plus)).count());
    let rest = &v[from.min(v.len())..];
    let Some(after) = rest.strip_prefix(b"$") else {
        return false;
    };
    let (name, used) = match after.strip_prefix(b"{") {
        Some(inner) => {
            let n = identifier_len(inner, 32);
            if inner.get(n) != Some(&b'}') {
                return false;
            }
            (&inner[..n], n + 2)
        }
        None => {
            let n = identifier_len(after, 32);
            (&after[..n], n)
        }
    };
    if name.is_empty() || !name[0].is_ascii_alphabetic() {
        return false;
    }
    let glued = after.get(used).is_some_and(|&c| {
        c.is_ascii_alphabetic()
            || (matches!(c, b'\'' | b'"' | b'\\')
                && after.get(used + 1).is_some_and(u8::is_ascii_alphabetic))
    });
    if !glued || !assigned_before(v, from, name) {
        return false;
    }
    // The name the shell runs: the assigned text (the last assignment before the start)
    // and the glued pieces, quotes and backslashes dropped; it must name a command.
    let Some(assigned) = assigned_text(&v[..from], name) else {
        return false;
    };
    let mut word: Vec<u8> = assigned.iter().map(u8::to_ascii_lowercase).collect();
    for &c in after[used..].iter().take(64) {
        if is_blank(c, plus) || is_sep(c) || matches!(c, b'$' | b'(' | b')' | b'<' | b'>' | b'`') {
            break;
        }
        if !matches!(c, b'\'' | b'"' | b'\\') {
            word.push(c.to_ascii_lowercase());
        }
    }
    vocabulary::lookup_bytes(&word).is_some()
}

/// The text assigned to `name` by the last `name=text` at a command start in `before`, up
/// to a blank or separator, its quotes dropped (`u=who`, `a='wh'`).
fn assigned_text(before: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    let eq = memchr::memrchr_iter(b'=', before)
        .take(16)
        .find(|&eq| assigns_at(before, eq, name))?;
    let text: Vec<u8> = before[eq + 1..]
        .iter()
        .take(64)
        .take_while(|&&c| !(is_blank(c, true) || is_sep(c)))
        .filter(|&&c| !matches!(c, b'\'' | b'"'))
        .copied()
        .collect();
    (!text.is_empty()).then_some(text)
}

/// `;$a cat …`, `|$u wget …`: an unset variable expands to nothing, so the word after it is
/// the command. Judged like a command at the same start, without looking further on.
pub(super) fn variable_then_command(v: &[u8], from: usize, kind: Start, plus: bool) -> bool {
    let Some((w, _, _)) = read_command_word(v, from, Start::Tight, plus) else {
        return false;
    };
    match classify(w.as_slice()) {
        CommandWord::Known(Tier::Exotic | Tier::Tool) | CommandWord::GlobPath => true,
        CommandWord::Known(Tier::Word) => matches!(kind, Start::Tight | Start::Subst),
        _ => false,
    }
}

/// After `if`, `while` or `until` in command position, whether the condition is a command
/// the shell runs: `;if id;then :;fi`, `;while sleep 5;do :;done`. A name no shell ever
/// writes in prose (`whoami`) counts alone; any other known command needs shell arguments
/// or the `;`, newline or operator that ends a condition ("; if cat is hungry" is prose).
pub(super) fn compound_condition(v: &[u8], end: usize, plus: bool) -> bool {
    let Some((inner, inner_end, _)) = read_command_word(v, end, Start::Tight, plus) else {
        return false;
    };
    let next = v[inner_end..].iter().find(|&&b| !is_blank(b, plus));
    match classify(inner.as_slice()) {
        CommandWord::Known(Tier::Exotic) | CommandWord::GlobPath => true,
        CommandWord::Known(Tier::Tool | Tier::Word) => {
            has_shell_arguments(v, inner_end, plus)
                || next.is_some_and(|&b| matches!(b, b';' | b'\n' | b'|' | b'&'))
        }
        _ => false,
    }
}

/// `alias name=value` (options like `+m` or `-p` allowed before it) ending the command:
/// defining a command alias, a shell statement with no prose reading. Words after the value
/// (`alias x="…" copy`, text copied from documentation) leave it to the other rules.
pub(super) fn alias_definition(v: &[u8], from: usize, plus: bool) -> bool {
    let end = v.len().min(from + MAX_ARGS);
    let args = &v[from..end];
    let mut tokens = args
        .split(|&b| is_blank(b, plus))
        .filter(|t| !t.is_empty())
        .skip_while(|t| t.len() <= 4 && matches!(t[0], b'+' | b'-'));
    let Some(t) = tokens.next() else {
        return false;
    };
    // Where the definition ends: after the closing quote of a quoted value, else the token.
    let start = t.as_ptr() as usize - args.as_ptr() as usize;
    let eq = t.iter().position(|&b| b == b'=');
    let def_end = match eq.and_then(|p| t.get(p + 1)) {
        Some(&q @ (b'\'' | b'"')) => {
            let open = start + eq.unwrap_or(0) + 2;
            match args[open..].iter().position(|&c| c == q) {
                Some(c) => open + c + 1,
                None => return false,
            }
        }
        _ => start + t.len(),
    };
    let ends = args[def_end..]
        .iter()
        .find(|&&b| !is_blank(b, plus))
        .is_none_or(|&b| is_sep(b) || b == b'\\');
    ends && {
        let name = eq.map(|p| &t[..p]);
        name.is_some_and(|n| {
            let n = n
                .strip_prefix(b"'")
                .and_then(|n| n.strip_suffix(b"'"))
                .or_else(|| n.strip_prefix(b"\"").and_then(|n| n.strip_suffix(b"\"")))
                .unwrap_or(n);
            !n.is_empty()
                && n.iter()
                    .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
        })
    }
}

/// `;${0}<<<id`, `;"$SHELL" <<< $(curl x)`: a variable that holds the shell (`$0` in the
/// `sh -c` line the application runs, `$SHELL`, `$BASH`, `$ZSH`) in command position, fed a
/// here-string: the shell runs the string's text as its script.
pub(super) fn shell_variable_here_string(v: &[u8], at: usize) -> bool {
    let rest = &v[at..v.len().min(at + 24)];
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let Some(rest) = rest.strip_prefix(b"$") else {
        return false;
    };
    let braced = rest.first() == Some(&b'{');
    let rest = if braced { &rest[1..] } else { rest };
    // `${!#}`: Bash's indirect expansion of `$#` (0 in `sh -c`) names `$0`, the shell.
    let rest = match rest.strip_prefix(b"!#") {
        Some(r) if braced => {
            let r = r.strip_prefix(b"}").unwrap_or(b"x");
            return here_string_follows(r);
        }
        _ => rest,
    };
    let n = rest
        .iter()
        .take(6)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    let name = &rest[..n];
    if ![&b"0"[..], b"SHELL", b"BASH", b"ZSH"].contains(&name) {
        return false;
    }
    let rest = &rest[n..];
    let rest = if braced {
        match rest.strip_prefix(b"}") {
            Some(r) => r,
            None => return false,
        }
    } else {
        rest
    };
    here_string_follows(rest)
}

/// After the shell's name: an optional closing quote, blanks, then `<<<` and something fed.
fn here_string_follows(rest: &[u8]) -> bool {
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let rest = &rest[rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()..];
    rest.starts_with(b"<<<") && rest.get(3).is_some()
}

/// `true || false`, `false && true`: the whole value is the literals `true` and `false` joined
/// by boolean operators, an expression in a language or a question about one. As a command
/// line it runs two programs that do nothing and exit; no other word rides along.
pub(super) fn boolean_literals(v: &[u8]) -> bool {
    let mut words = 0;
    let mut operators = 0;
    for t in v
        .split(|&b| b == b' ' || b == b'\t')
        .filter(|t| !t.is_empty())
        .take(9)
    {
        match t {
            b"true" | b"false" | b"True" | b"False" | b"TRUE" | b"FALSE" => words += 1,
            b"||" | b"&&" | b"!" => operators += 1,
            _ => return false,
        }
    }
    words >= 2 && operators >= 1 && words + operators <= 8
}

/// Whether `before` opens a compound command in command position (at its start or after a
/// separator): `for`, `while`, `until` or `select` when `looped` (the opener of `do`), `if`
/// otherwise (the opener of `then` and `else`), followed by a blank.
pub(super) fn compound_opened(before: &[u8], looped: bool, plus: bool) -> bool {
    let window = &before[before.len().saturating_sub(256)..];
    let openers: &[&[u8]] = if looped {
        &[b"for", b"while", b"until", b"select"]
    } else {
        &[b"if"]
    };
    // What follows the opener must be shell, not prose ("if you can; then call me"):
    // `for NAME in`, `select NAME in`, `for ((`, or a test (`[`, `((`, `!`, `test`, `true`,
    // `false`, `:`) after `if`, `while` and `until`.
    let shell_after = |o: &[u8], rest: &[u8]| {
        let rest = &rest[rest.iter().take_while(|&&b| is_blank(b, plus)).count()..];
        if matches!(o, b"for" | b"select") {
            let name = rest
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            let after = &rest[name..];
            let after = &after[after.iter().take_while(|&&b| is_blank(b, plus)).count()..];
            rest.starts_with(b"((")
                || (name > 0
                    && after.starts_with(b"in")
                    && after.get(2).is_some_and(|&b| is_blank(b, plus)))
        } else {
            matches!(rest.first(), Some(b'[' | b'(' | b'!' | b':'))
                || [&b"test "[..], b"true", b"false"]
                    .iter()
                    .any(|w| rest.starts_with(w))
        }
    };
    (0..window.len()).any(|i| {
        let opener = openers.iter().any(|o| {
            window[i..].starts_with(o)
                && window.get(i + o.len()).is_some_and(|&b| is_blank(b, plus))
                && shell_after(o, &window[i + o.len()..])
        });
        opener
            && window[..i]
                .iter()
                .rev()
                .find(|&&b| !is_blank(b, plus))
                .is_none_or(|&b| is_sep(b))
    })
}

/// Where the commands of the first branch of a `case WORD in PATTERN)` start, `from` being
/// just after `case`: the shell's `in` after one word, then a pattern without blanks
/// closed by `)` (`*)`, `a|b)`, `(x)`). Prose writes "case in point)" without the word
/// between, and "in case of" puts `case` after it.
pub(super) fn case_body(v: &[u8], from: usize, plus: bool) -> Option<usize> {
    let blanks = |at: usize| {
        at + v[at.min(v.len())..]
            .iter()
            .take_while(|&&b| is_blank(b, plus))
            .count()
    };
    let word_end = |at: usize| {
        at + v[at.min(v.len())..]
            .iter()
            .take(MAX_WORD)
            .take_while(|&&b| !is_blank(b, plus) && !is_sep(b) && b != b')')
            .count()
    };
    let subject = blanks(from);
    let subject_end = word_end(subject);
    let keyword = blanks(subject_end);
    if subject_end == subject || subject_end == keyword {
        return None;
    }
    let keyword_end = word_end(keyword);
    if !v[keyword..keyword_end].eq_ignore_ascii_case(b"in") || keyword_end == blanks(keyword_end) {
        return None;
    }
    let pattern = blanks(keyword_end);
    let pattern_end = word_end(pattern);
    (pattern_end > pattern && v.get(pattern_end) == Some(&b')')).then(|| blanks(pattern_end + 1))
}

/// A Bash function definition: `() {` opening the value (Shellshock), or `name() {` with a
/// short name (`f(){ f|f& };f`, `.(){ .|.& };.`), which JavaScript never writes without
/// `function` in front.
pub(super) fn shellshock(v: &[u8]) -> bool {
    if memchr::memchr(b'{', v).is_none() || memchr::memchr(b'(', v).is_none() {
        return false;
    }
    let mut buf = [0u8; MAX_ARGS];
    let mut n = 0;
    for &b in v.iter().take(MAX_ARGS) {
        if !b.is_ascii_whitespace() {
            buf[n] = b;
            n += 1;
        }
    }
    let compact = &buf[..n];
    if compact.starts_with(b"(){") {
        return true;
    }
    compact
        .windows(3)
        .enumerate()
        .take(MAX_STARTS)
        .any(|(i, w)| {
            if w != b"(){" {
                return false;
            }
            let name_start = compact[..i]
                .iter()
                .rposition(|c| !(c.is_ascii_alphanumeric() || matches!(*c, b'_' | b'.' | b':')))
                .map_or(0, |p| p + 1);
            let name = &compact[name_start..i];
            if name.is_empty() || compact[..name_start].ends_with(b"function") {
                return false;
            }
            // A longer name is a shell function when its body pipes into or backgrounds a
            // call of itself (`myfunc(){ myfunc|myfunc& }`, the fork bomb): no other language
            // spells recursion that way.
            let body = &compact[i + 3..];
            let body = &body[..body.iter().position(|&c| c == b'}').unwrap_or(body.len())];
            name.len() <= 2
                || body
                    .windows(name.len() + 1)
                    .any(|w| w[..name.len()] == *name && matches!(w[name.len()], b'|' | b'&'))
        })
}

/// Bash's network pseudo-files (`/dev/tcp/10.0.0.1/4444`, `/dev/udp/host/53`): a redirection
/// to or from them opens a socket, the core of a reverse shell. They exist in no file system,
/// so nothing else names them with a host and a port.
pub(super) fn dev_tcp(v: &[u8]) -> bool {
    dev_mentions(v).take(8).any(|p| {
        let rest = &v[p + 5..];
        let proto = rest.starts_with(b"tcp/") || rest.starts_with(b"udp/");
        proto && {
            let target = &rest[4..rest.len().min(4 + 80)];
            let slash = target.iter().position(|&b| b == b'/');
            slash.is_some_and(|s| s > 0 && target.get(s + 1).is_some_and(u8::is_ascii_digit))
        }
    })
}

/// Offsets of every `/dev/` in `v`, overlapping ones too (`/dev/dev/tcp/…`), in order: each
/// found from its `v` (one byte search, cheaper to start than a substring search, and far
/// rarer than the `/` of a path or of markup). `/dev/` has one `v`, so each mention is met
/// once, at its own `v`.
pub(super) fn dev_mentions(v: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'v', v)
        .filter_map(|i| i.checked_sub(3).filter(|&p| v[p..].starts_with(b"/dev/")))
}

/// Expansions only a shell performs, used to build characters and words without writing
/// them: substrings and pattern removal (`${PATH:0:1}`, `${x#?}`, `${v%%/*}`), length
/// (`${#HOME}`), case changes (`${a^^}`), and arithmetic (`$((7*7))`, `$[2+2]`). Template
/// languages write `${name}` or `${a:-b}`, never these.
pub(super) fn shell_expansion(v: &[u8]) -> bool {
    memchr::memchr_iter(b'$', v).take(MAX_STARTS).any(|at| {
        let rest = &v[at + 1..];
        match rest {
            [b'{', tail @ ..] => parameter_operator(tail),
            [b'(', b'(', tail @ ..] => arithmetic_body(tail, b"))", true),
            // `$[0]` indexes a JavaScript `$`; `$[2+2]` and `$[]` are the shell's.
            [b'[', tail @ ..] => arithmetic_body(tail, b"]", false),
            [b'\'', tail @ ..] => ansi_c_escape(tail),
            _ => false,
        }
    })
}

/// `$'\x63at'`, `$'\143'`: bash's ANSI-C quoting with a byte escape, which spells a word
/// without writing its letters.
fn ansi_c_escape(t: &[u8]) -> bool {
    let body = &t[..t.len().min(64)];
    let body = &body[..body.iter().position(|&b| b == b'\'').unwrap_or(body.len())];
    body.windows(3).any(|w| {
        w[0] == b'\\'
            && match w[1] {
                b'x' => w[2].is_ascii_hexdigit(),
                b'0'..=b'7' => matches!(w[2], b'0'..=b'7'),
                b'u' | b'U' => w[2].is_ascii_hexdigit(),
                _ => false,
            }
    })
}

/// After `${`: `#NAME}`, or NAME followed by a substring (`:N}`, `:N:M}`), pattern-removal
/// (`#`, `##`, `%%`) or case (`^^`, `,,`) operator.
fn parameter_operator(t: &[u8]) -> bool {
    let name_len = |s: &[u8]| {
        let n = identifier_len(s, 32);
        (n > 0 && s[0].is_ascii_alphabetic() || s.first() == Some(&b'_')).then_some(n)
    };
    if let [b'#', rest @ ..] = t {
        return name_len(rest).is_some_and(|n| rest.get(n) == Some(&b'}'));
    }
    let Some(n) = name_len(t) else {
        return false;
    };
    let op = &t[n..];
    let digits = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
    match op {
        [b':', rest @ ..] => {
            let a = digits(rest);
            let after = &rest[a..];
            // `${PORT:8080}` is a configuration default; offsets are short.
            (a > 0 && a <= 2 && after.first() == Some(&b'}'))
                || (a > 0 && after.first() == Some(&b':') && digits(&after[1..]) > 0)
        }
        [b'#', ..] | [b'%', b'%', ..] | [b'^', b'^', ..] | [b',', b',', ..] => true,
        _ => false,
    }
}

/// An arithmetic body up to `close`: digits, names, operators and blanks only (`7*7`, `2+2`,
/// `$x+1`, or nothing).
fn arithmetic_body(t: &[u8], close: &[u8], number_alone: bool) -> bool {
    // `close` is `))` or `]`: compared in place over at most 64 bytes.
    let Some(end) = t[..t.len().min(64)]
        .windows(close.len())
        .position(|w| w == close)
    else {
        return false;
    };
    let body = &t[..end];
    let arithmetic = body
        .iter()
        .all(|c| c.is_ascii_alphanumeric() || b" _+-*/%()<>=!&|^~?:$".contains(c));
    let has_op_or_empty = body.is_empty()
        || body.iter().any(|c| b"+-*/%".contains(c))
        || (number_alone && body.iter().all(u8::is_ascii_digit));
    arithmetic && has_op_or_empty
}

/// A byte with which a shell (sh or cmd) does more than pass a word to a program: a
/// separator, pipe, substitution, redirection, line break, escape, subshell, brace group
/// or cmd's `%VAR%` expansion. A value without one runs one program on its words.
pub(super) fn shell_syntax(b: u8) -> bool {
    matches!(
        b,
        b';' | b'|' | b'&' | b'$' | b'`' | b'<' | b'>' | b'\n' | b'\r' | b'\\' | b'(' | b'{' | b'%'
    )
}
