//! PowerShell: `Verb-Noun` cmdlets and their parameters, aliases, subexpressions, the call
//! operators `&` and `.` on computed names, .NET types and WMI, and the engine object.
//!
//! Separate because PowerShell builds command names from strings, arrays and type members,
//! which neither the sh nor the cmd rules read.

use super::classify::{classify, CommandWord};
use super::judge::judge_start;
use super::scan::Start;
use super::vocabulary::Tier;
use super::word::{identifier_len, read_command_word};
use super::{is_blank, is_sep, vocabulary, MAX_ARGS, MAX_STARTS, MAX_WORD};

/// .NET and COM types PowerShell scripts instantiate to open sockets, download or start
/// programs (lower case; compared without case, with or without the `System.` prefix).
const POWERSHELL_TYPES: &[&[u8]] = &[
    b"net.sockets.tcpclient",
    b"net.sockets.udpclient",
    b"net.sockets.tcplistener",
    b"net.webclient",
    b"diagnostics.process",
    b"diagnostics.processstartinfo",
    b"wscript.shell",
    b"shell.application",
    b"mmc20.application",
];

/// `New-Object Net.Sockets.TCPClient(…)`, `New-Object -ComObject WScript.Shell`: the first line
/// of PowerShell's reverse shells, downloaders and program launchers; no other use of those
/// types is typed into a web form.
pub(super) fn powershell_new_object(v: &[u8]) -> bool {
    // Found from its `j`, a rare letter in text (one vectorised search for two bytes).
    memchr::memchr2_iter(b'j', b'J', v)
        .take(MAX_STARTS)
        .any(|j| {
            let new_object = j >= 6
                && v[j - 6..j].eq_ignore_ascii_case(b"new-ob")
                && v.get(j + 1..j + 4)
                    .is_some_and(|e| e.eq_ignore_ascii_case(b"ect"));
            if !new_object {
                return false;
            }
            let mut k = j + 4;
            let skip_blanks = |k: &mut usize| {
                while v.get(*k).is_some_and(|&b| matches!(b, b' ' | b'\t' | b'+')) {
                    *k += 1;
                }
            };
            skip_blanks(&mut k);
            // `-TypeName X`, `-ComObject X`
            if v.get(k) == Some(&b'-') {
                while v
                    .get(k)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'-')
                {
                    k += 1;
                }
                skip_blanks(&mut k);
            }
            if matches!(v.get(k), Some(b'\'' | b'"')) {
                k += 1;
            }
            let ty = &v[k..v.len().min(k + 40)];
            let ty = match ty.get(..7) {
                Some(p) if p.eq_ignore_ascii_case(b"system.") => &ty[7..],
                _ => ty,
            };
            POWERSHELL_TYPES.iter().any(|t| {
                ty.len() >= t.len()
                    && ty[..t.len()].eq_ignore_ascii_case(t)
                    && ty.get(t.len()).is_none_or(|c| !c.is_ascii_alphanumeric())
            })
        })
}

/// `@(whoami)`, `x; @(Get-Process)`: PowerShell's array subexpression runs the statements
/// inside it, as `$( … )` does, wherever PowerShell evaluates the value (an expandable
/// string, `iex`); its first word is judged as inside `$(`. Glued to a name (`user@(`, a
/// decorator `@(`…) it is an address or code, not the operator.
pub(super) fn powershell_array_subexpression(v: &[u8], plus: bool) -> bool {
    // Each `@(` found from its `@` (one byte search costs less to start than a substring
    // search, and most values have no `@`): the two bytes differ, so no two `@(` overlap and
    // these are the substring's matches, in order.
    memchr::memchr_iter(b'@', v)
        .filter(|&i| v.get(i + 1) == Some(&b'('))
        .take(4)
        .any(|i| {
            let glued = i > 0
                && (v[i - 1].is_ascii_alphanumeric()
                    || matches!(v[i - 1], b'_' | b'.' | b'@' | b'-'));
            !glued && judge_start(v, i + 2, Start::Subst, plus).is_some()
        })
}

/// `word` (lower-cased) read at `at` just inside a `$(`, is `verb-noun` with a verb of
/// [`vocabulary::is_powershell_verb`] and a noun of letters: a cmdlet name.
pub(super) fn powershell_subexpression_cmdlet(v: &[u8], at: usize, word: &[u8]) -> bool {
    let opened = v[..at]
        .iter()
        .rposition(|&c| !is_blank(c, false))
        .is_some_and(|p| p >= 1 && &v[p - 1..=p] == b"$(");
    let Some(dash) = memchr::memchr(b'-', word) else {
        return false;
    };
    let noun = &word[dash + 1..];
    opened
        && noun.len() >= 2
        && noun.iter().all(u8::is_ascii_alphabetic)
        && std::str::from_utf8(&word[..dash]).is_ok_and(vocabulary::is_powershell_verb)
}

/// `sal x iex`, `nal run Invoke-Expression`: PowerShell's `Set-Alias`/`New-Alias` aliases
/// naming a command that never appears whole where it is run (`x 'whoami'` then runs `iex`).
/// The target must be a PowerShell or never-English command; "sal y pimienta" names none.
pub(super) fn alias_to_command(v: &[u8], from: usize, plus: bool) -> bool {
    let line = &v[from..v.len().min(from + MAX_ARGS)];
    let mut tokens = line
        .split(|&b| is_blank(b, plus) || is_sep(b))
        .filter(|t| !t.is_empty());
    let (Some(name), Some(target)) = (tokens.next(), tokens.next()) else {
        return false;
    };
    if name.len() > 32 || target.len() > MAX_WORD || !name.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let mut buf = [0u8; MAX_WORD];
    buf[..target.len()].copy_from_slice(target);
    let target = &mut buf[..target.len()];
    target.make_ascii_lowercase();
    std::str::from_utf8(target)
        .is_ok_and(|t| vocabulary::is_cmdlet(t) || vocabulary::lookup(t) == Some(Tier::Exotic))
}

/// A `Verb-Noun` word with an approved PowerShell verb and a noun outside our cmdlet list
/// (`Set-MpPreference`, `Add-MpPreference`), followed by a capitalised `-Parameter`: the
/// shape of a cmdlet call. Hyphenated English (`set-up`, `start-up`) takes no parameters.
pub(super) fn cmdlet_with_parameters(word: &[u8], v: &[u8], end: usize, plus: bool) -> bool {
    // The verb opens the word: a word opening with a pair of bytes no verb opens (see
    // [`vocabulary::may_name_command`]), or without a `-` right after a verb's length, is no
    // cmdlet, and its bytes past that length are not searched.
    if !vocabulary::may_name_command(word) {
        return false;
    }
    let verb_and_dash = word.len().min(vocabulary::LONGEST_PS_VERB + 1);
    let Some(dash) = word[..verb_and_dash].iter().position(|&b| b == b'-') else {
        return false;
    };
    let (verb, noun) = (&word[..dash], &word[dash + 1..]);
    noun.len() >= 3
        && noun.iter().all(u8::is_ascii_alphabetic)
        && std::str::from_utf8(verb).is_ok_and(vocabulary::is_powershell_verb)
        && (powershell_parameter(word, v, end, plus)
            || powershell_subexpression(word, v, end, plus))
}

/// `| Out-File C:\inetpub\wwwroot\x.aspx`, `; Set-Content /var/www/x.php`: after a
/// separator, one of PowerShell's cmdlets that write their input to a file, given a path
/// (a drive, a share, an absolute or environment path) as its first argument. The pipeline
/// before it fills a file the attacker chose, a web shell when it lands in a web root.
pub(super) fn file_writer_cmdlet(word: &[u8], v: &[u8], end: usize, plus: bool) -> bool {
    const WRITERS: [&[u8]; 4] = [b"out-file", b"set-content", b"add-content", b"tee-object"];
    if !WRITERS.iter().any(|w| word.eq_ignore_ascii_case(w)) {
        return false;
    }
    let rest = &v[end.min(v.len())..];
    let k = rest
        .iter()
        .position(|&b| !is_blank(b, plus) && b != b'\'' && b != b'"')
        .unwrap_or(rest.len());
    // `-FilePath C:\x`, `-Path /x`: a named parameter before the path.
    let mut t = &rest[k..];
    if t.first() == Some(&b'-') {
        let n = t
            .iter()
            .take(16)
            .take_while(|&&b| !is_blank(b, plus))
            .count();
        t = &t[n..];
        let k = t
            .iter()
            .position(|&b| !is_blank(b, plus) && b != b'\'' && b != b'"')
            .unwrap_or(t.len());
        t = &t[k..];
    }
    match t {
        [d, b':', b'\\' | b'/', ..] => d.is_ascii_alphabetic(),
        [b'\\', b'\\', ..] | [b'$', ..] => true,
        [b'/', c, ..] => c.is_ascii_alphabetic(),
        _ => false,
    }
}

/// A PowerShell parameter (`-Command`, `-ArgumentList`) after a `Verb-Noun` cmdlet.
pub(super) fn powershell_parameter(word: &[u8], v: &[u8], from: usize, plus: bool) -> bool {
    if !word.contains(&b'-') {
        return false;
    }
    let end = v.len().min(from + MAX_ARGS);
    v[from..end]
        .split(|&b| is_blank(b, plus))
        .filter(|t| !t.is_empty())
        .take(8)
        .any(|t| {
            t.len() >= 3
                && t[0] == b'-'
                && t[1].is_ascii_uppercase()
                && t[2..].iter().all(u8::is_ascii_alphabetic)
        })
}

/// `Write-Output (whoami)`, `Out-File -InputObject (Get-Content x)`: PowerShell runs a
/// parenthesised pipeline given as a cmdlet's argument (the first, or a parameter's value).
/// Only a cmdlet (a `Verb-Noun` word) is read this way: `echo (x)` is a syntax error to sh.
pub(super) fn powershell_subexpression(word: &[u8], v: &[u8], from: usize, plus: bool) -> bool {
    if !word.contains(&b'-') {
        return false;
    }
    let end = v.len().min(from + MAX_ARGS);
    let mut at = from;
    for _ in 0..4 {
        while v.get(at).is_some_and(|&b| is_blank(b, plus)) && at < end {
            at += 1;
        }
        match v.get(at) {
            Some(b'(') => {
                return read_command_word(v, at + 1, Start::Tight, plus).is_some_and(
                    |(w, _, _)| {
                        matches!(
                            classify(w.as_slice()),
                            CommandWord::Known(Tier::Exotic | Tier::Tool)
                        )
                    },
                );
            }
            // A parameter: its value may be the subexpression.
            Some(b'-') => {
                while v.get(at).is_some_and(|&b| !is_blank(b, plus)) && at < end {
                    at += 1;
                }
            }
            _ => return false,
        }
    }
    false
}

/// PowerShell's type accessor `[Type]::Member` opening a statement
/// (`[Environment]::UserName`, `;[System.Diagnostics.Process]::Start('calc')`): it reads or
/// calls .NET directly, in no other language's syntax (C# writes `Environment.UserName`, C++
/// puts no brackets around a scope; IPv6 brackets hold `::` inside).
pub(super) fn powershell_type_member(v: &[u8]) -> bool {
    type_accessor(v) || type_reflection(v)
}

/// The `[Type]::Member` half of [`powershell_type_member`].
fn type_accessor(v: &[u8]) -> bool {
    // Each `]::` found from its `]` (no two overlap: `]` is no `:`), without building a
    // substring searcher on every call.
    memchr::memchr_iter(b']', v)
        .filter(|&close| v[close + 1..].starts_with(b"::"))
        .take(8)
        .any(|close| {
            let member = v.get(close + 3).is_some_and(u8::is_ascii_alphabetic);
            member && type_literal_statement(v, close, b"'\"`")
        })
}

/// Whether the `]` at `close` ends a type literal (`[System.Net.WebClient]`: a name of
/// letters, digits, dots and `_` that starts with a letter, within 64 bytes) which opens a
/// statement: the value's start, a separator, `(`, `{`, `=` or one of `openers` before it.
fn type_literal_statement(v: &[u8], close: usize, openers: &[u8]) -> bool {
    let from = close.saturating_sub(64);
    let Some(open) = v[from..close]
        .iter()
        .rposition(|&b| b == b'[')
        .map(|p| from + p)
    else {
        return false;
    };
    let name = &v[open + 1..close];
    let type_name = name.first().is_some_and(u8::is_ascii_alphabetic)
        && name
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_'));
    type_name
        && v[..open]
            .iter()
            .rev()
            .find(|&&b| !is_blank(b, false))
            .is_none_or(|&b| is_sep(b) || matches!(b, b'(' | b'{' | b'=') || openers.contains(&b))
}

/// Bytes of a member chain read after `[Type].` for its call.
const MAX_CHAIN: usize = 96;

/// `[Ref].Assembly.GetType('System.Management.Automation.AmsiUtils')`, `[Type].GetMethod(…)`:
/// a type literal opening a statement, then a .NET member (capitalised) whose chain calls a
/// method: PowerShell reflecting on a type, the first line of the AMSI bypass. The same
/// bytes in JavaScript would be an array holding one name, whose capitalised member is
/// `undefined` (calling it throws), and Markdown's `[label].` is followed by prose.
fn type_reflection(v: &[u8]) -> bool {
    // Each `].` found from its `]` (no two overlap), as in [`type_accessor`].
    memchr::memchr_iter(b']', v)
        .filter(|&close| v.get(close + 1) == Some(&b'.'))
        .take(8)
        .any(|close| {
            let rest = &v[close + 2..v.len().min(close + 2 + MAX_CHAIN)];
            let member = rest.first().is_some_and(u8::is_ascii_uppercase);
            // the chain of names and dots ends in a call
            let chain = rest
                .iter()
                .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_')))
                .is_some_and(|e| rest[e] == b'(');
            member && chain && type_literal_statement(v, close, b"")
        })
}

/// PowerShell's commands that run a script block handed to them: `Invoke-Command` (`icm`),
/// `ForEach-Object` (`%`, `foreach`) and `Where-Object` (`?`, `where`) call it (per input
/// object, and with no input `%{…}` still runs it once per pipeline item it gets).
const SCRIPT_BLOCK_INVOKERS: &[&[u8]] = &[
    b"icm",
    b"invoke-command",
    b"%",
    b"foreach",
    b"foreach-object",
    b"?",
    b"where",
    b"where-object",
    // background jobs run their block in another process (`sajb{whoami}|rcjb -wait`)
    b"sajb",
    b"start-job",
    b"start-threadjob",
];

/// Where the script block opens (its `{`) when the command start `at` names one of
/// [`SCRIPT_BLOCK_INVOKERS`] followed by a block, glued or after blanks: `icm{whoami}`,
/// `%{iex 'calc'}`, `foreach {id}`. PowerShell ends a command name at `{`; sh reads the
/// glued word as one unknown name. The caller judges the block's text as a command line.
pub(super) fn script_block_invoker(v: &[u8], at: usize, plus: bool) -> Option<usize> {
    let from = at
        + v.get(at..)?
            .iter()
            .take_while(|&&b| is_blank(b, plus))
            .count();
    let name = v[from..]
        .iter()
        .take(16)
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'%' | b'?'))
        .count();
    let name_bytes = &v[from..from + name];
    if !SCRIPT_BLOCK_INVOKERS
        .iter()
        .any(|n| name_bytes.eq_ignore_ascii_case(n))
    {
        return None;
    }
    let brace = from
        + name
        + v[from + name..]
            .iter()
            .take_while(|&&b| is_blank(b, plus))
            .count();
    (v.get(brace) == Some(&b'{')).then_some(brace)
}

/// PowerShell's call operators `&` and `.` applied at the command start `at` to a computed
/// command name: `&(gcm i*x)` (the command that `Get-Command` finds by a wildcard),
/// `.('ie'+'x')` (a name glued from strings). Both run a command whose name never appears
/// whole in the value; no prose or other language writes a command lookup or a string
/// concatenation behind `&(`. Checked at command starts only, so it costs a few byte
/// comparisons per start.
pub(super) fn powershell_call_operator(v: &[u8], at: usize) -> bool {
    // Most starts open with a letter: one comparison settles them.
    if !matches!(v.get(at), Some(b'(' | b'.' | b'&' | b' ' | b'\t')) {
        return false;
    }
    let blanks = |from: usize| {
        v[from.min(v.len())..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    };
    let i = at + blanks(at);
    let open = match v.get(i) {
        // `x &(…)`: the start was opened by the `&` itself.
        Some(b'(') if at > 0 && v[at - 1] == b'&' => i,
        Some(b'.' | b'&') if v.get(i + 1 + blanks(i + 1)) == Some(&b'(') => i + 1 + blanks(i + 1),
        // `$x='who'+'ami'; & $x`: the call operator on a variable the value filled with a
        // name glued from pieces.
        Some(b'$') if at > 0 && v[at - 1] == b'&' => return concatenated_variable(v, i),
        // `.$env:ComSpec[4,15,25]-join''`: the operator glued to a variable whose letters
        // are picked by index and joined; the call runs the name they spell.
        Some(b'.' | b'&') if v.get(i + 1) == Some(&b'$') => {
            return variable_letters(&v[i + 1..v.len().min(i + 1 + 64)]);
        }
        _ => return false,
    };
    let inner = &v[open + 1..v.len().min(open + 1 + 64)];
    let inner = &inner[inner.iter().take_while(|&&b| b == b' ').count()..];
    let lookup = [&b"gcm "[..], b"get-command ", b"gal ", b"get-alias "]
        .iter()
        .any(|w| inner.len() > w.len() && inner[..w.len()].eq_ignore_ascii_case(w));
    let close = inner.iter().position(|&b| b == b')').unwrap_or(inner.len());
    let body = &inner[..close];
    let quoted = matches!(body.first(), Some(b'\'' | b'"'));
    let glued = quoted
        && body
            .windows(3)
            .any(|w| matches!(w, [b'\'' | b'"', b'+', b'\'' | b'"']));
    // `&("{1}{0}" -f 'ex','i')`: the format operator fills numbered slots with the pieces
    // of the name; only PowerShell writes `-f` after a string of `{N}` slots.
    lookup || glued || (quoted && format_operator(body)) || variable_letters(body)
}

/// `[char[]](105,101,120)-join''|%{&$_ 'whoami'}`, `&([char]105+[char]101+[char]120)`: a
/// PowerShell command name built from character codes and run by the call operator (`&`,
/// `.`) on the built string or a variable holding it. No filter sees the name; only code
/// hiding what it runs spells a name as numbers and then calls it.
pub(super) fn char_code_call(v: &[u8]) -> bool {
    let v = &v[..v.len().min(1024)];
    let lower = v.to_ascii_lowercase();
    let codes = memchr::memmem::find_iter(&lower, b"[char")
        .take(16)
        .any(|i| {
            let rest = &lower[i + 5..];
            let rest = rest.strip_prefix(b"[]").unwrap_or(rest);
            let Some(rest) = rest.strip_prefix(b"]") else {
                return false;
            };
            let rest = rest.strip_prefix(b"(").unwrap_or(rest);
            let rest = &rest[rest.iter().take_while(|&&b| b == b' ').count()..];
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            (2..=3).contains(&digits)
        });
    if !codes {
        return false;
    }
    let joined = memchr::memmem::find(&lower, b"-join").is_some()
        || memchr::memmem::find(&lower, b"+[char]").is_some();
    // The call operator: `&` or `.` (after a blank, `{`, `(`, `|` or `;`) before `$` or `(`.
    let called = (0..lower.len()).any(|i| {
        matches!(lower[i], b'&' | b'.')
            && (i == 0 || matches!(lower[i - 1], b' ' | b'{' | b'(' | b'|' | b';'))
            && lower[i + 1..]
                .iter()
                .find(|&&b| b != b' ')
                .is_some_and(|&b| matches!(b, b'$' | b'('))
    });
    joined && called
}

/// Whether the variable at `dollar` was assigned earlier in the value a string glued from
/// quoted pieces (`$x='who'+'ami'`, `$c = "Invoke-" + "Expression"`): a command name
/// spelled so no filter sees it whole, then run by `&`.
fn concatenated_variable(v: &[u8], dollar: usize) -> bool {
    let name_len = identifier_len(&v[dollar + 1..], 33);
    if name_len == 0 || name_len > 32 {
        return false;
    }
    let var = &v[dollar..dollar + 1 + name_len];
    memchr::memmem::find_iter(&v[..dollar], var)
        .take(8)
        .any(|p| {
            let mut k = p + var.len();
            while matches!(v.get(k), Some(b' ' | b'\t')) {
                k += 1;
            }
            if v.get(k) != Some(&b'=') {
                return false;
            }
            let expr = &v[k + 1..dollar];
            let expr = &expr[..expr.iter().position(|&b| b == b';').unwrap_or(expr.len())];
            let expr: Vec<u8> = expr
                .iter()
                .copied()
                .filter(|&b| b != b' ')
                .take(128)
                .collect();
            matches!(expr.first(), Some(b'\'' | b'"'))
                && expr
                    .windows(3)
                    .any(|w| matches!(w, [b'\'' | b'"', b'+', b'\'' | b'"']))
        })
}

/// `([wmiclass]'win32_process').Create('calc')`, `([wmi]'\\.\root\cimv2:Win32_Process').Create(…)`:
/// PowerShell's WMI type accelerators cast a string to the WMI class `Win32_Process`, whose
/// `Create` method starts the program its argument names. No command word appears; only
/// PowerShell writes a `[wmiclass]`/`[wmi]` cast, and only code starting a process calls
/// `Create` on that class (a mention of the class alone, or another method, stays quiet).
pub(super) fn wmi_process_cast(v: &[u8]) -> bool {
    let v = &v[..v.len().min(1024)];
    let lower = v.to_ascii_lowercase();
    memchr::memmem::find_iter(&lower, b"[wmi").take(8).any(|i| {
        let rest = &lower[i + 4..];
        let Some(rest) = rest
            .strip_prefix(b"class]")
            .or_else(|| rest.strip_prefix(b"]"))
        else {
            return false;
        };
        let rest = &rest[rest.iter().take_while(|&&b| b == b' ').count()..];
        let Some(&q @ (b'\'' | b'"')) = rest.first() else {
            return false;
        };
        let Some(close) = rest[1..].iter().take(96).position(|&b| b == q) else {
            return false;
        };
        let class = &rest[1..1 + close];
        let after = &rest[2 + close..];
        let after = after.strip_prefix(b")").unwrap_or(after);
        let after = &after[after.iter().take_while(|&&b| b == b' ').count()..];
        class.ends_with(b"win32_process")
            && (after.starts_with(b".create(") || after.starts_with(b".invokemethod("))
    })
}

/// `.($env:ComSpec[4,15,25]-join'')`, `&($ShellId[1]+$ShellId[13]+'x')`: a command name
/// picked letter by letter out of a variable (indexed, then joined or concatenated).
fn variable_letters(body: &[u8]) -> bool {
    body.first() == Some(&b'$')
        && memchr::memchr(b'[', body)
            .is_some_and(|i| body.get(i + 1).is_some_and(u8::is_ascii_digit))
        && (body.contains(&b'+') || body.windows(5).any(|w| w.eq_ignore_ascii_case(b"-join")))
}

/// Whether `body` (which opens with a quote) is PowerShell's format operator applied to a
/// string holding a `{N}` slot: `"{1}{0}" -f 'ex','i'`.
fn format_operator(body: &[u8]) -> bool {
    let quote = body[0];
    let Some(close) = body[1..].iter().position(|&b| b == quote).map(|p| p + 1) else {
        return false;
    };
    let slot = body[1..close]
        .windows(3)
        .any(|w| w[0] == b'{' && w[1].is_ascii_digit() && w[2] == b'}');
    let rest = &body[close + 1..];
    let rest = &rest[rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()..];
    slot && rest.len() > 3
        && rest[..2].eq_ignore_ascii_case(b"-f")
        && matches!(rest[2], b' ' | b'\t' | b'\'' | b'"')
}

/// PowerShell's engine object `$ExecutionContext` reaching `InvokeCommand`
/// (`$ExecutionContext.InvokeCommand.InvokeScript('id')`, `.NewScriptBlock(…)`,
/// `.ExpandString(…)`): it runs a string as a script. The automatic variable is
/// PowerShell's own; no prose or other language spells it.
pub(super) fn powershell_engine(v: &[u8]) -> bool {
    const NAME: &[u8] = b"$executioncontext.";
    memchr::memchr_iter(b'$', v).take(64).any(|p| {
        let Some(rest) = v.get(p + NAME.len()..) else {
            return false;
        };
        v[p..p + NAME.len()].eq_ignore_ascii_case(NAME)
            && rest[..rest.len().min(48)]
                .windows(6)
                .any(|w| w.eq_ignore_ascii_case(b"invoke"))
    })
}

/// `; Write-Output pwned > C:\inetpub\wwwroot\p.txt`: after a separator, a `Verb-Noun`
/// cmdlet with an approved verb whose output is redirected (`>`, `>>`) to a file named by a
/// drive, share, absolute or variable path: it writes a file the attacker chose.
pub(super) fn cmdlet_redirected_to_file(word: &[u8], v: &[u8], end: usize, plus: bool) -> bool {
    let Some(dash) = word
        .iter()
        .take(vocabulary::LONGEST_PS_VERB + 1)
        .position(|&b| b == b'-')
    else {
        return false;
    };
    let mut verb = [0u8; 16];
    if dash == 0 || dash > verb.len() || word.len() - dash < 4 {
        return false;
    }
    let verb = &mut verb[..dash];
    verb.copy_from_slice(&word[..dash]);
    verb.make_ascii_lowercase();
    if !word[dash + 1..].iter().all(u8::is_ascii_alphabetic)
        || !std::str::from_utf8(verb).is_ok_and(vocabulary::is_powershell_verb)
    {
        return false;
    }
    let rest = &v[end.min(v.len())..v.len().min(end + MAX_ARGS)];
    let line = &rest[..rest.iter().position(|&b| is_sep(b)).unwrap_or(rest.len())];
    let Some(gt) = memchr::memchr(b'>', line) else {
        return false;
    };
    let t = &line[gt + 1..];
    let t = t.strip_prefix(b">").unwrap_or(t);
    let k = t
        .iter()
        .position(|&b| !is_blank(b, plus) && b != b'\'' && b != b'"')
        .unwrap_or(t.len());
    match &t[k..] {
        [d, b':', b'\\' | b'/', ..] => d.is_ascii_alphabetic(),
        [b'\\', b'\\', ..] | [b'$', ..] => true,
        [b'/', c, ..] => c.is_ascii_alphabetic(),
        _ => false,
    }
}
