//! Windows cmd: `IF` and `FOR`, switches (`/c`, `/out:x`), cmd's own delimiters
//! (`cmd,/c,whoami`), substring expansion (`%PATH:~10,1%`), `%VAR%` paths and program paths
//! with drive letters.
//!
//! Separate because cmd's syntax shares almost nothing with sh's: `/` opens a switch, `^`
//! escapes, `%` expands, and keywords are case-blind.

use super::classify::{known_command, CommandWord};
use super::prose::one_of;
use super::scan::Start;
use super::vocabulary::Tier;
use super::word::{identifier_len, read_command_word};
use super::{is_blank, is_sep, vocabulary, MAX_ARGS, MAX_WORD};

/// `%SystemRoot%\system32\cmd.exe`, `%WINDIR%\System32\WindowsPowerShell\v1.0\powershell.exe`:
/// a program named by a path under one of cmd's directory variables. The program is the last
/// segment; a known one named by its path is never prose (as `/usr/bin/id` is not).
pub(super) fn windows_variable_path(raw: &[u8]) -> Option<CommandWord> {
    let raw = &raw[raw
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'"' | b'\''))?..];
    // Almost every command word settles here, on its first byte.
    let dir_len = match raw.first() {
        Some(b'%') => {
            let name = raw.get(1..)?.iter().take(32).position(|&b| b == b'%')?;
            (name > 0).then_some(name + 2)?
        }
        // `${env:windir}\System32\cmd.exe`: PowerShell's braced environment variable.
        Some(b'$') => {
            let body = raw.get(1..)?.strip_prefix(b"{")?;
            if !body.get(..4)?.eq_ignore_ascii_case(b"env:") {
                return None;
            }
            let name = identifier_len(&body[4..], 32);
            (name > 0 && body.get(4 + name) == Some(&b'}')).then_some(2 + 4 + name + 1)?
        }
        _ => return None,
    };
    if raw.get(dir_len) != Some(&b'\\') {
        return None;
    }
    let last = raw.rsplit(|&b| b == b'\\').next()?;
    let last = last.strip_suffix(b"\"").unwrap_or(last);
    if last.is_empty() || last.len() > MAX_WORD {
        return None;
    }
    let mut buf = [0u8; MAX_WORD];
    buf[..last.len()].copy_from_slice(last);
    let lower = &mut buf[..last.len()];
    lower.make_ascii_lowercase();
    let base = [&b".exe"[..], b".com", b".bat", b".cmd"]
        .iter()
        .find_map(|ext| lower.strip_suffix(*ext))
        .unwrap_or(lower);
    std::str::from_utf8(base)
        .ok()
        .and_then(vocabulary::lookup)
        .map(|_| CommandWord::Known(Tier::Exotic))
}

/// Whether the word at `first` (a start's first byte after its blanks; one quote may lead
/// it) is a Windows path to a program: a drive (`C:\`), a share (`\\host\share\`) or a
/// variable (`%TEMP%\`) and directories, down to a file with a program extension.
pub(super) fn windows_program_path(v: &[u8], first: usize, plus: bool) -> bool {
    let mut i = first;
    if matches!(v.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    let rest = &v[i..];
    let rooted = match rest {
        [d, b':', b'\\' | b'/', ..] => d.is_ascii_alphabetic(),
        [b'\\', b'\\', h, ..] => h.is_ascii_alphanumeric(),
        [b'%', ..] => rest
            .iter()
            .take(34)
            .skip(1)
            .position(|&b| b == b'%')
            .is_some_and(|p| p > 0 && rest.get(p + 2) == Some(&b'\\')),
        _ => false,
    };
    if !rooted {
        return false;
    }
    let path_len = rest
        .iter()
        .take(260)
        .take_while(|&&b| {
            !is_blank(b, plus) && !is_sep(b) && !matches!(b, b'"' | b'\'' | b'<' | b'>')
        })
        .count();
    let path = &rest[..path_len];
    let file = path
        .rsplit(|&b| b == b'\\' || b == b'/')
        .next()
        .unwrap_or_default();
    let Some(dot) = file.iter().rposition(|&b| b == b'.') else {
        return false;
    };
    const PROGRAMS: [&[u8]; 9] = [
        b"exe", b"bat", b"cmd", b"com", b"ps1", b"vbs", b"hta", b"scr", b"msi",
    ];
    dot > 0
        && file.len() > dot + 1
        && file[..dot]
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        && PROGRAMS
            .iter()
            .any(|e| file[dot + 1..].eq_ignore_ascii_case(e))
}

/// `IF [/I] [NOT] EXIST|DEFINED|ERRORLEVEL|CMDEXTVERSION x cmd`, `IF a==b cmd`,
/// `IF %x% EQU 1 cmd`: the Windows cmd conditional, which runs a command on the same line
/// after its condition. C, JavaScript and Python conditions (`if (x == NULL) {`,
/// `if a == b:`) open with a parenthesis, end with `{`, `:` or `)`, or run nothing.
pub(super) fn windows_if(v: &[u8], from: usize) -> bool {
    let end = v.len().min(from + MAX_ARGS);
    let line = &v[from..end];
    let line = &line[..line
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(line.len())];
    // Up to 12 tokens, kept as slices; compared without regard to case. A `"…"` operand is
    // one token with its blanks (`if "A A" == "A A" echo same`), as cmd reads it.
    let mut buf: [&[u8]; 12] = [&[]; 12];
    let mut count = 0;
    let mut k = 0;
    while k < line.len() && count < 12 {
        if line[k].is_ascii_whitespace() {
            k += 1;
            continue;
        }
        let start = k;
        let mut quoted = false;
        while k < line.len() && (quoted || !line[k].is_ascii_whitespace()) {
            quoted ^= line[k] == b'"';
            k += 1;
        }
        buf[count] = &line[start..k];
        count += 1;
    }
    let tokens = &buf[..count];
    let code_like = c_condition(line)
        || tokens
            .last()
            .is_some_and(|t| matches!(t.last(), Some(b':' | b'{' | b';')));
    if code_like {
        return false;
    }
    // `%1`, `%var%`: cmd's variables make the line cmd's whatever follows.
    let cmd_variable = tokens.iter().take(4).any(|t| {
        t.windows(2)
            .any(|w| w[0] == b'%' && (w[1].is_ascii_alphanumeric() || w[1] == b'_'))
    });
    // Skip `/I` and `NOT`, then read the condition; a command must follow it.
    let mut i = 0;
    while tokens
        .get(i)
        .is_some_and(|t| t.eq_ignore_ascii_case(b"/i") || t.eq_ignore_ascii_case(b"not"))
    {
        i += 1;
    }
    let Some(first) = tokens.get(i) else {
        return false;
    };
    let after_condition = if one_of(
        &[b"exist", b"defined", b"errorlevel", b"cmdextversion"],
        first,
    ) {
        i + 2
    } else if first.windows(2).any(|w| w == b"==") && !first.ends_with(b"==") {
        i + 1
    } else {
        match tokens.get(i + 1) {
            Some(t) if one_of(&[b"==", b"equ", b"neq", b"lss", b"leq", b"gtr", b"geq"], t) => i + 3,
            _ => return false,
        }
    };
    // `if x == 72 then a = 62` is BASIC's, Lua's or a sentence's `if`: cmd runs the command
    // right after the condition, and no command is named `then`.
    let then = tokens
        .get(after_condition)
        .is_some_and(|t| t.eq_ignore_ascii_case(b"then"));
    cmd_variable || (tokens.len() > after_condition && !then)
}

/// `if (x == NULL) {`, `if (err) return;`: the C or JavaScript condition, one parenthesised
/// group holding a comparison or logic operator, or followed by nothing, a block or a
/// statement. cmd's parentheses wrap operands (`if (1) equ (1) echo`) and blocks
/// (`IF EXIST f (CMD)`).
fn c_condition(line: &[u8]) -> bool {
    let line = line.trim_ascii_start();
    if line.first() != Some(&b'(') {
        return false;
    }
    let mut depth = 0usize;
    let close = line.iter().position(|&b| {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0
    });
    let Some(close) = close else {
        return true;
    };
    let inner = &line[1..close];
    let after = line[close + 1..].trim_ascii();
    inner
        .windows(2)
        .any(|w| matches!(w, b"==" | b"!=" | b"&&" | b"||" | b"<=" | b">="))
        || after.is_empty()
        || after.starts_with(b"{")
        || after.ends_with(b";")
}

/// `FOR %a IN (…) DO`, `FOR /F …`, `for %%G in`: the Windows cmd loop.
pub(super) fn windows_for(v: &[u8], from: usize) -> bool {
    let end = v.len().min(from + MAX_ARGS);
    let mut tokens = v[from..end]
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty());
    match tokens.next() {
        Some([b'%', _, ..]) => true,
        Some([b'/', c]) => matches!(c.to_ascii_lowercase(), b'd' | b'r' | b'l' | b'f'),
        _ => false,
    }
}

/// Whether the command's arguments open with a Windows switch of a word's length and stay
/// short (`whoami /priv`, `ipconfig /flushdns`, `tasklist /svc`): how cmd programs take
/// options. A path has a second slash; prose puts no slash before a word.
pub(super) fn windows_switch(v: &[u8], from: usize, plus: bool) -> bool {
    let line = &v[from..v.len().min(from + MAX_ARGS)];
    let mut tokens = line.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    let switch = tokens.next().is_some_and(|t| {
        t.len() >= 2 && t.len() <= 17 && t[0] == b'/' && t[1..].iter().all(u8::is_ascii_lowercase)
    });
    switch && tokens.count() <= 3
}

/// cmd-shaped arguments after a command: a switch (`/r`, `/out:%TEMP%\\r.exe`), a program
/// file (`calc.exe`, `x.ps1`), an environment variable (`%TEMP%`), or the service and
/// account verbs of `sc` and `net` (`sc stop WinDefend`, `net user`). Prose writes none of
/// these after a command word.
pub(super) fn windows_arguments(word: &[u8], v: &[u8], from: usize, plus: bool) -> bool {
    let line = &v[from.min(v.len())..v.len().min(from + MAX_ARGS)];
    let line = &line[..line
        .iter()
        .position(|&b| matches!(b, b'\n' | b'\r' | b'&' | b'|'))
        .unwrap_or(line.len())];
    let mut tokens = line.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    let Some(first) = tokens.next() else {
        return false;
    };
    let service_verb = match word {
        b"sc" => [
            &b"stop"[..],
            b"start",
            b"config",
            b"create",
            b"delete",
            b"qc",
        ]
        .contains(&first),
        b"net" => [
            &b"user"[..],
            b"localgroup",
            b"use",
            b"share",
            b"stop",
            b"session",
            b"accounts",
        ]
        .contains(&first),
        _ => false,
    };
    // `net group "Domain Admins" /domain`, `net view /all`, `net time /domain`: the domain
    // and network enumeration verbs, told apart from prose ("gross & net group sales") by a
    // switch among the next arguments.
    let enumeration = word == b"net"
        && [&b"group"[..], b"view", b"time", b"config"].contains(&first)
        && line
            .split(|&b| is_blank(b, plus))
            .filter(|t| !t.is_empty())
            .skip(1)
            .take(4)
            .any(|t| t.len() >= 2 && t[0] == b'/' && t[1..].iter().all(u8::is_ascii_alphabetic));
    let switch = first.len() >= 2
        && first[0] == b'/'
        && first[1].is_ascii_alphabetic()
        && first[1..]
            .iter()
            .take_while(|&&c| c != b':')
            .all(u8::is_ascii_alphabetic)
        && !first[1..].contains(&b'/');
    let program = |t: &[u8]| {
        let t = t.trim_ascii_end();
        [
            &b".exe"[..],
            b".bat",
            b".cmd",
            b".ps1",
            b".vbs",
            b".hta",
            b".dll",
            b".msi",
        ]
        .iter()
        .any(|e| t.len() > e.len() && t[t.len() - e.len()..].eq_ignore_ascii_case(e))
    };
    let variable = |t: &[u8]| {
        memchr::memchr(b'%', t).is_some_and(|a| {
            let name = &t[a + 1..];
            name.iter().position(|&c| c == b'%').is_some_and(|e| {
                e > 1
                    && name[..e]
                        .iter()
                        .all(|c| c.is_ascii_alphanumeric() || *c == b'_')
            })
        })
    };
    service_verb
        || enumeration
        || switch
        || program(first)
        || variable(first)
        || tokens.take(4).any(|t| program(t) || variable(t))
}

/// `waitfor /t 5 x`, `choice /t 5 /d y`: cmd's programs that wait a number of seconds, the
/// Windows timing probe. (T-SQL's `WAITFOR DELAY '0:0:5'` takes no `/t`.)
pub(super) fn windows_wait(word: &[u8], v: &[u8], from: usize, plus: bool) -> bool {
    if !matches!(
        word,
        b"waitfor" | b"choice" | b"waitfor.exe" | b"choice.exe"
    ) {
        return false;
    }
    let end = v.len().min(from + MAX_ARGS);
    let mut tokens = v[from..end]
        .split(|&b| is_blank(b, plus))
        .filter(|t| !t.is_empty())
        .take(6);
    while let Some(t) = tokens.next() {
        if t.eq_ignore_ascii_case(b"/t") {
            return tokens
                .next()
                .is_some_and(|n| n.iter().all(u8::is_ascii_digit));
        }
    }
    false
}

/// `cmd,/c,whoami`, `cmd=/c=dir`: cmd reads `,` and `=` as blanks between its own name and
/// switches, so the command after `/c` (or `/k`, `/r`) runs; that command must be one.
pub(super) fn cmd_delimited_switch(v: &[u8], at: usize, plus: bool) -> bool {
    let mut p = at;
    while v.get(p).is_some_and(|&b| is_blank(b, plus) || b == b'"') {
        p += 1;
    }
    let name = v
        .get(p..p + 3)
        .is_some_and(|n| n.eq_ignore_ascii_case(b"cmd"));
    if !name {
        return false;
    }
    p += 3;
    if v.get(p..p + 4)
        .is_some_and(|e| e.eq_ignore_ascii_case(b".exe"))
    {
        p += 4;
    }
    let delimited = matches!(v.get(p), Some(b',' | b'='))
        && v.get(p + 1) == Some(&b'/')
        && v.get(p + 2)
            .is_some_and(|c| matches!(c | 0x20, b'c' | b'k' | b'r'))
        && v.get(p + 3)
            .is_none_or(|&c| matches!(c, b',' | b'=' | b' ' | b'\t'));
    delimited && {
        let mut k = p + 3;
        while matches!(v.get(k), Some(b',' | b'=' | b' ' | b'\t')) {
            k += 1;
        }
        // Any command but an English word (`cmd,/c for help` is prose).
        read_command_word(v, k, Start::Tight, plus).is_some_and(|(w, _, _)| {
            known_command(w.as_slice()) && !vocabulary::is_english(w.as_slice())
        })
    }
}

/// cmd's substring expansion `%NAME:~start[,length]%` (`%PROGRAMFILES:~10,1%` is a blank,
/// `%COMSPEC:~-7,1%` a letter): it cuts characters out of an environment variable to spell
/// a blank or a command name the filter would see. Only cmd reads this syntax; no text,
/// template or URL writes `:~` and offsets between two `%`.
pub(super) fn cmd_substring(v: &[u8]) -> bool {
    // `~` is rare: one scan for it settles almost every value.
    if !memchr::memchr_iter(b'~', v).any(|p| p > 0 && v[p - 1] == b':') {
        return false;
    }
    memchr::memchr_iter(b'%', v).take(64).any(|p| {
        let rest = &v[p + 1..v.len().min(p + 1 + 64)];
        let name = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'(' | b')'))
            .count();
        if name == 0 || !rest[name..].starts_with(b":~") {
            return false;
        }
        // One or two signed offsets, then the closing `%`.
        let mut i = name + 2;
        for field in 0..2 {
            if rest.get(i) == Some(&b'-') {
                i += 1;
            }
            let digits = rest[i.min(rest.len())..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if digits == 0 || digits > 5 {
                return false;
            }
            i += digits;
            if field == 0 && rest.get(i) == Some(&b',') {
                i += 1;
            } else {
                break;
            }
        }
        rest.get(i) == Some(&b'%')
    })
}

/// Longest value read as a DDE formula.
const MAX_DDE: usize = 1024;

/// `=cmd|' /C calc'!A0`, `@SUM(1+9)*cmd|' /C powershell IEX(…)'!A0`,
/// `=MSEXCEL|'\..\..\Windows\System32\cmd.exe /c calc'!''`, `=DDE("cmd";"/C calc";"A0")`:
/// formula (CSV) injection through Dynamic Data Exchange. A value that a spreadsheet reads as
/// a formula (its first byte, past blanks and a field's opening quote, is `=`, `+`, `-` or
/// `@`) and that holds a DDE link (`program|'topic'!item`: a name glued to `|'`, the topic
/// closed by `'!`) or calls `DDE(`: Excel starts the program with the topic as its command
/// line when the exported file is opened. Prose and tables hold no `|'…'!`.
pub(super) fn dde_formula(v: &[u8]) -> bool {
    if v.len() > MAX_DDE {
        return false;
    }
    let t = v.trim_ascii_start();
    let t = t.strip_prefix(b"\"").unwrap_or(t);
    if !matches!(t.first(), Some(b'=' | b'+' | b'-' | b'@')) {
        return false;
    }
    // The searches below go from a byte of each needle (`|`, `'`, `(`): a substring search
    // would build its searcher on every call. No `|'` or `'!` overlaps another (their two
    // bytes differ), so these are the substring's matches, in order.
    let link = memchr::memchr_iter(b'|', t)
        .filter(|&p| t.get(p + 1) == Some(&b'\''))
        .any(|p| {
            let name = t[..p]
                .iter()
                .rev()
                .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'\\'))
                .count();
            name >= 2
                && t[p - name..p].iter().any(u8::is_ascii_alphabetic)
                && memchr::memchr_iter(b'\'', &t[p + 2..]).any(|q| t.get(p + 3 + q) == Some(&b'!'))
        });
    link || memchr::memchr_iter(b'(', t).take(16).any(|p| {
        p >= 3
            && t[p - 3..p].eq_ignore_ascii_case(b"dde")
            && !p
                .checked_sub(4)
                .is_some_and(|q| t[q].is_ascii_alphanumeric())
    })
}
