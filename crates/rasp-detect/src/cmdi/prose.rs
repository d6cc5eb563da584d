//! Prose: sentences, questions, lists and notation that name commands without running them
//! (`Try sudo apt-get update`, `cat & dog`, `If x > 5 && y < 3`, a pasted table), and the
//! English words that tell a sentence from a command's arguments.
//!
//! Separate because it only ever quiets a hit: these rules read words, not shell syntax,
//! and keep human text that mentions commands from being flagged.

use super::arguments::{ends_line, FILE_READERS};
use super::classify::{classify, known_command, program_variable, CommandWord};
use super::harmless::{harmless_list, printout_into_filter, TEXT_FILTERS};
use super::scan::Start;
use super::shell::shell_syntax;
use super::token::trim_blanks;
use super::word::read_command_word;
use super::{is_blank, is_sep, vocabulary, MAX_ARGS};

/// Lines of `;`-separated fields, every line with the same number of fields (at least
/// two lines, at most 64), and some line whose cells are mostly numbers or dates: a table,
/// not a command list. A cell with an option or a path (`id -u`, `/bin/sh`) is no table's
/// cell, nor is a line without `;` (`a;id` alone stays a command).
pub(super) fn semicolon_table(v: &[u8]) -> bool {
    let mut fields = None;
    let mut lines = 0;
    let mut numeric_line = false;
    for line in v.split(|&c| c == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        lines += 1;
        if lines > 64 {
            return false;
        }
        let n = memchr::memchr_iter(b';', line).count() + 1;
        if n < 2 || *fields.get_or_insert(n) != n {
            return false;
        }
        let mut numeric = 0;
        for cell in line.split(|&c| c == b';') {
            let cell = trim_blanks(cell, false);
            let is_number = cell.iter().any(u8::is_ascii_digit)
                && cell.iter().all(|&c| {
                    c.is_ascii_digit() || matches!(c, b'.' | b',' | b'/' | b'-' | b':' | b' ')
                });
            if is_number {
                numeric += 1;
            } else if cell.contains(&b'/')
                || cell.windows(2).any(|w| w[0] == b' ' && w[1] == b'-')
                || cell.first() == Some(&b'-')
            {
                return false;
            }
        }
        numeric_line |= numeric * 2 >= n;
    }
    lines >= 2 && numeric_line
}

/// `If x > 5 && y < 3 then return true || false`: pseudo-code or a logic question, `&&` and
/// `||` joining comparisons of names and numbers. A shell would read `> 5` and `< 3` as
/// redirections to files named by numbers and run `y` and `false`: nothing an attacker
/// writes. Every `&&`/`||` is followed by a comparison's operand or a truth value, every
/// `<`/`>` stands alone between two plain operands, and no operand is a known command
/// (`x > 1 && cat < flag` reads a file).
pub(super) fn logic_notation(v: &[u8]) -> bool {
    if v.len() > 256 {
        return false;
    }
    let tokens: Vec<&[u8]> = v
        .split(|&b| b == b' ' || b == b'\t')
        .filter(|t| !t.is_empty())
        .take(64)
        .collect();
    let operand = |t: &[u8]| {
        !t.is_empty()
            && t.iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
            && (t[0].is_ascii_digit() || classify(t) == CommandWord::Unknown)
    };
    let comparison = |t: &[u8]| matches!(t, b"<" | b">" | b"<=" | b">=");
    let (mut compared, mut joined) = (false, false);
    for (i, &t) in tokens.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| tokens[p]);
        let next = tokens.get(i + 1).copied();
        if comparison(t) {
            if !(prev.is_some_and(operand) && next.is_some_and(operand)) {
                return false;
            }
            compared = true;
        } else if matches!(t, b"&&" | b"||") {
            let follows = next.is_some_and(|n| {
                matches!(n, b"true" | b"false" | b"not" | b"!")
                    || (operand(n) && tokens.get(i + 2).is_some_and(|c| comparison(c)))
            });
            if !follows {
                return false;
            }
            joined = true;
        } else if t.iter().any(|&b| matches!(b, b'<' | b'>' | b'&' | b'|')) {
            return false;
        }
    }
    compared && joined
}

/// Whether an apostrophe between two letters (`isn't`, `it's`) follows `end` on the command's
/// line, the value holds an odd number of `'` and no `"`, and no `#` comments out the rest:
/// the shell then meets an unterminated quote whatever the application put around the value
/// (it adds quotes in pairs), and runs nothing. A breakout that hides the application's
/// closing quote needs the `#`.
pub(super) fn unclosed_contraction(v: &[u8], end: usize) -> bool {
    let rest = &v[end.min(v.len())..];
    let Some(p) = memchr::memchr(b'\'', rest) else {
        return false;
    };
    let between_letters = p > 0
        && rest[p - 1].is_ascii_alphabetic()
        && rest.get(p + 1).is_some_and(u8::is_ascii_alphabetic);
    between_letters
        && !rest[..p].iter().any(|&b| is_sep(b) || b == b'`')
        && memchr::memchr2(b'#', b'"', v).is_none()
        && memchr::memchr_iter(b'\'', v).count() % 2 == 1
}

/// Whether the first byte after `end` and its blanks is a lone `&` with a blank on each
/// side, followed by a word that is no command, an English one or a capitalised one: the
/// "and" of a name or a list (`uname & password`, `Bash & Co. Bakery`), not a shell
/// running two commands.
pub(super) fn prose_ampersand(v: &[u8], end: usize, plus: bool) -> bool {
    let Some(amp) = v[end..]
        .iter()
        .position(|&b| !is_blank(b, plus))
        .map(|p| end + p)
    else {
        return false;
    };
    let spaced = v[amp] == b'&' && amp > end && v.get(amp + 1).is_some_and(|&b| is_blank(b, plus));
    spaced
        && match read_command_word(v, amp + 1, Start::Loose, plus) {
            Some((w, e, _)) => {
                let w = w.as_slice();
                !known_command(w)
                    || vocabulary::is_english(w)
                    || v[amp + 1..e]
                        .iter()
                        .find(|b| !is_blank(**b, plus))
                        .is_some_and(u8::is_ascii_uppercase)
            }
            // `whoami & `: the command backgrounded, nothing after it.
            None => false,
        }
}

/// Whether the word at `at..end` ends the value after a lone spaced `&` that follows one
/// word of letters (`fork & knife`): see the `Tool` arm of [`judge_start`].
///
/// [`judge_start`]: super::judge::judge_start
pub(super) fn nouns_joined(v: &[u8], at: usize, end: usize, plus: bool) -> bool {
    let before = trim_blanks(&v[..at], plus);
    let Some((&b'&', head)) = before.split_last() else {
        return false;
    };
    let spaced = head.last().is_some_and(|&b| is_blank(b, plus));
    let head = trim_blanks(head, plus);
    spaced
        && !head.is_empty()
        && head.len() <= 32
        && head.iter().all(u8::is_ascii_alphabetic)
        && v[end..].iter().all(|&b| is_blank(b, plus))
}

/// `How do I pipe output to grep? e.g. ps aux | grep nginx`, `Use ps aux | grep node to
/// check`: a sentence that opens with a word of prose and shows one pipeline into a text
/// filter given plain words, with no other shell syntax. Put into a command line the
/// sentence's first word is the application's argument, so whatever stands before the pipe
/// is no command; the filter after it reads that output and runs nothing.
pub(super) fn prose_pipe_into_filter(v: &[u8], plus: bool) -> bool {
    if v.len() > 240
        || v.iter().any(|&b| {
            matches!(
                b,
                b';' | b'&'
                    | b'$'
                    | b'`'
                    | b'<'
                    | b'>'
                    | b'\n'
                    | b'\r'
                    | b'\''
                    | b'"'
                    | b'\\'
                    | b'('
                    | b'{'
                    | b'%'
                    | b'*'
            )
        })
    {
        return false;
    }
    let mut pipes = memchr::memchr_iter(b'|', v);
    let (Some(pipe), None) = (pipes.next(), pipes.next()) else {
        return false;
    };
    let mut before = v[..pipe]
        .split(|&b| is_blank(b, plus))
        .filter(|t| !t.is_empty());
    let opens_prose = before.next().is_some_and(|t| {
        t.len() >= 2 && t.iter().all(u8::is_ascii_alphabetic) && classify(t) == CommandWord::Unknown
    });
    let mut after = v[pipe + 1..]
        .split(|&b| is_blank(b, plus))
        .filter(|t| !t.is_empty());
    let filter = after.next().is_some_and(|t| TEXT_FILTERS.contains(&t));
    let plain = after.all(|t| {
        let t = t
            .strip_suffix(b".")
            .or_else(|| t.strip_suffix(b"?"))
            .or_else(|| t.strip_suffix(b"!"))
            .unwrap_or(t);
        !t.is_empty() && t.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-')
    });
    opens_prose && filter && plain
}

/// Whether the words after a command name opening a value (from `from`) are a sentence's:
/// a plain word of letters first (not an option, path or operand), no shell syntax to the
/// end of the line, and function words of English: one after a capitalised name
/// (`Timeout after 30s on /api`), two after a lower-case one (`saves to … by default`).
pub(super) fn sentence_after_name(v: &[u8], from: usize, capitalised: bool, plus: bool) -> bool {
    const FUNCTION: &[&[u8]] = &[
        b"after", b"before", b"on", b"in", b"by", b"to", b"for", b"with", b"from", b"of", b"at",
        b"the", b"a", b"an", b"and", b"or", b"is", b"are", b"was", b"here", b"there", b"default",
        b"when", b"if", b"your", b"my", b"this", b"that", b"into", b"than", b"then",
    ];
    let rest = &v[from..v.len().min(from + 160)];
    if rest.contains(&b'\n')
        || rest.iter().any(|&b| {
            is_sep(b) || matches!(b, b'`' | b'$' | b'<' | b'>' | b'(' | b'\\' | b'"' | b'\'')
        })
    {
        return false;
    }
    let mut tokens = rest.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    let Some(first) = tokens.next() else {
        return false;
    };
    // After a capitalised name a path may come first (`Sort /home/a by date`): cmd's
    // switches are no words, so two words of letters besides the function word still say
    // prose.
    let word = |t: &[u8]| t.len() >= 2 && t.iter().all(u8::is_ascii_lowercase);
    if !capitalised && !word(first) {
        return false;
    }
    let mut function = usize::from(one_of(FUNCTION, first));
    let mut words = usize::from(word(first));
    for t in tokens.take(10) {
        function += usize::from(one_of(FUNCTION, t));
        words += usize::from(word(t));
    }
    words >= 2 && function >= if capitalised { 1 } else { 2 }
}

/// Most commands, lines or tail words read by [`prose_about_commands`].
pub(super) const MAX_PROSE_PARTS: usize = 12;

/// English verbs that make the command line before them the subject of a sentence
/// (`ls; cd; pwd are basic commands`, `curl -I https://example.com works`,
/// `Invoke-WebRequest returns 403`): no program takes them as an operand.
const PREDICATES: &[&[u8]] = &[
    b"is",
    b"are",
    b"was",
    b"were",
    b"returns",
    b"returned",
    b"works",
    b"worked",
    b"fails",
    b"failed",
    b"shows",
    b"showed",
    b"prints",
    b"printed",
    b"hangs",
    b"gives",
    b"outputs",
    b"doesn't",
    b"didn't",
    b"isn't",
    b"aren't",
    b"won't",
    b"throws",
    b"crashes",
    b"lists",
];

/// Words of advice that introduce a command line in a sentence (`Try sudo apt-get update`).
const ADVICE: &[&[u8]] = &[b"Try", b"Run", b"Use", b"Type", b"Then", b"Just", b"Please"];

/// A value that writes about ordinary command lines rather than carrying one to a shell:
/// a support message, a forum post, a documentation page. Three shapes:
/// - a Markdown code fence (```` ```bash\nls -la\n``` ````) whose lines are each a list of
///   ordinary program lines, see [`harmless_chain`];
/// - a capitalised word of advice before such a list (`Try sudo apt-get update && sudo
///   apt-get upgrade`);
/// - such a list, or one command name alone, as the subject of an English verb with plain
///   words after it (`ls; cd; pwd are basic commands`, `Invoke-WebRequest returns 403`).
///
/// A recon or file-reading program (`; id`, `| whoami`, `&& cat /etc/passwd`) is no
/// ordinary program line, and a substitution, redirection or escape is never in one, so an
/// injection wrapped in such prose is still judged.
///
/// [`harmless_chain`]: super::harmless::harmless_chain
pub(super) fn prose_about_commands(v: &[u8]) -> bool {
    // `PS C:\> Get-Service returns nothing`: a PowerShell prompt opening a report of what a
    // command printed; the prose after the prompt is judged as it would be alone.
    if let Some(rest) = after_powershell_prompt(v) {
        return prose_about_commands(rest);
    }
    if v.len() > MAX_ARGS
        || !v.is_ascii()
        || v.iter()
            .any(|&b| matches!(b, b'$' | b'(' | b'{' | b'<' | b'>' | b'\\' | b'%' | b'^'))
    {
        return false;
    }
    if let Some(rest) = v.strip_prefix(b"```") {
        let lang = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let Some(body) = rest[lang..]
            .strip_prefix(b"\n")
            .and_then(|b| b.trim_ascii_end().strip_suffix(b"```"))
        else {
            return false;
        };
        if body.contains(&b'`') {
            return false;
        }
        let mut lines = body
            .split(|&b| b == b'\n')
            .map(<[u8]>::trim_ascii)
            .filter(|l| !l.is_empty());
        let mut n = 0;
        return lines.all(|l| {
            n += 1;
            n <= MAX_PROSE_PARTS && harmless_list(l)
        }) && n > 0;
    }
    if v.contains(&b'`') || v.contains(&b'\n') || v.contains(&b'\r') {
        return false;
    }
    let words: Vec<&[u8]> = v
        .split(|&b| b == b' ')
        .filter(|w| !w.is_empty())
        .take(4 * MAX_PROSE_PARTS + 1)
        .collect();
    if words.len() > 4 * MAX_PROSE_PARTS {
        return false;
    }
    let advice = words.first().is_some_and(|w| ADVICE.contains(w)) && words.len() > 1;
    let from = usize::from(advice);
    let verb = words
        .iter()
        .skip(from + 1)
        .position(|w| PREDICATES.contains(w))
        .map(|p| p + from + 1);
    if let Some(p) = verb {
        let tail = &words[p + 1..];
        let plain = tail.len() <= MAX_PROSE_PARTS
            && tail.iter().all(|w| {
                w.iter().all(|&c| {
                    c.is_ascii_alphanumeric()
                        || matches!(c, b'.' | b',' | b'!' | b'?' | b'\'' | b':' | b'-')
                }) && !w.starts_with(b"-")
            });
        if !plain {
            return false;
        }
        // `Invoke-WebRequest returns 403`: one command name, no arguments, as the subject.
        let name = words[from];
        if p == from + 1
            && (matches!(classify(name), CommandWord::Known(_))
                || std::str::from_utf8(&name.to_ascii_lowercase()).is_ok_and(vocabulary::is_cmdlet))
        {
            return true;
        }
    } else if !advice {
        return false;
    }
    let subject = words[from..verb.unwrap_or(words.len())].join(&b' ');
    harmless_list(&subject) || (verb.is_some() && printout_into_filter(&subject))
}

/// The text after a PowerShell prompt opening `v` (`PS C:\> `, `PS C:\Users\me> `): `PS`,
/// a blank, a drive letter and `:`, a path with no blank, `>` and a blank.
pub(super) fn after_powershell_prompt(v: &[u8]) -> Option<&[u8]> {
    let rest = v.strip_prefix(b"PS ")?;
    if !(rest.first()?.is_ascii_alphabetic() && rest.get(1) == Some(&b':')) {
        return None;
    }
    let gt = rest
        .iter()
        .take(128)
        .position(|&b| b == b'>' || b == b' ')?;
    (rest[gt] == b'>' && rest.get(gt + 1) == Some(&b' ')).then(|| &rest[gt + 2..])
}

/// Whether the substitution whose word starts at `at` and ends at `end` is closed right
/// after the word and sits between two words of letters (`between $(cmd) and`).
pub(super) fn placeholder_in_sentence(v: &[u8], at: usize, end: usize, plus: bool) -> bool {
    let rest = &v[end.min(v.len())..];
    let close = rest.iter().position(|&b| !is_blank(b, plus));
    if close.is_none_or(|c| rest[c] != b')') {
        return false;
    }
    let after = &rest[close.unwrap_or(0) + 1..];
    let before = &v[..at.saturating_sub(2)];
    let word_before = before.len() >= 3
        && is_blank(before[before.len() - 1], plus)
        && before[..before.len() - 1]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic())
            .count()
            >= 2;
    let word_after = after.first().is_some_and(|&b| is_blank(b, plus))
        && after[1..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count()
            >= 2;
    word_before && word_after
}

/// The command's arguments end in two plain lower-case words no program is named by
/// (`output below`, `not working`), or in a double-quoted message of plain words (`-m "fix
/// typo"`), and hold nothing a shell chains, substitutes, quotes or redirects with.
pub(super) fn prose_tail(v: &[u8], end: usize, plus: bool) -> bool {
    let rest = &v[end.min(v.len())..];
    // A line break at the end submits the line to a shell.
    if rest.len() > 160
        || ends_line(v)
        || v[..end.min(v.len())]
            .iter()
            .any(|&b| matches!(b, b'"' | b'\'' | b'\\'))
    {
        return false;
    }
    let rest = rest.trim_ascii_end();
    let (args, message) = match rest {
        [head @ .., b'"'] => match head.iter().rposition(|&b| b == b'"') {
            Some(o) => (&head[..o], Some(&head[o + 1..])),
            None => return false,
        },
        r => (r, None),
    };
    // (and quotes, which can hide a break-out, and cmd's `^` escape)
    let shell = |b: u8| shell_syntax(b) || matches!(b, b'"' | b'\'' | b'^');
    // `find . -name '*.log' help`: a pattern quoted whole is an argument like any other;
    // a quote inside a token, or one that spans blanks, can hide a break-out.
    let quoted_whole = |t: &[u8]| {
        t.len() >= 2
            && matches!(t[0], b'\'' | b'"')
            && t[t.len() - 1] == t[0]
            && !t[1..t.len() - 1].iter().any(|&b| shell(b))
    };
    // `Set %APPDATA% in settings`: a cmd variable named whole, as help text writes it.
    let cmd_variable = |t: &[u8]| {
        t.len() >= 3
            && t[0] == b'%'
            && t[t.len() - 1] == b'%'
            && t[1..t.len() - 1]
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'_')
    };
    if args
        .split(|&b| is_blank(b, plus))
        .any(|t| !quoted_whole(t) && !cmd_variable(t) && t.iter().any(|&b| shell(b)))
    {
        return false;
    }
    // `cmd /c vs cmd /k`, `curl -O versus wget -O`: two command lines compared in a
    // question; no program takes `vs` as an operand between two of its options.
    let mut words = args.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    if message.is_none()
        && words.any(|t| one_of(&[b"vs", b"vs.", b"versus"], t))
        && args.split(|&b| is_blank(b, plus)).any(known_command)
    {
        return true;
    }
    // `ssh -i key.pem ubuntu@host failing`, `powershell get-process examples`,
    // `find . -name '*.log' help`: a command line with an option, ending in one word a
    // search or a support ticket adds about the command, and no absolute path (a system
    // file read or a shell run keeps its weight).
    let last = args
        .split(|&b| is_blank(b, plus))
        .rfind(|t| !t.is_empty())
        .unwrap_or_default();
    let option = args
        .split(|&b| is_blank(b, plus))
        .any(|t| t.len() >= 2 && t[0] == b'-' && t[1].is_ascii_alphanumeric());
    let hyphened = args
        .split(|&b| is_blank(b, plus))
        .any(|t| t.len() >= 3 && t.contains(&b'-') && t.iter().any(u8::is_ascii_alphabetic));
    if message.is_none()
        && (option || hyphened)
        && one_of(QUESTION_TAILS, last)
        && !args
            .split(|&b| is_blank(b, plus))
            .any(|t| t.first() == Some(&b'/'))
    {
        return true;
    }
    let prose_word = |t: &[u8]| {
        t.len() >= 2 && t.iter().all(u8::is_ascii_lowercase) && classify(t) == CommandWord::Unknown
    };
    // `cat /etc/hosts shows nothing`, `ls /var/log returns nothing here`: after the
    // command's operands, a finite verb and words of prose to the end are a sentence about
    // what the command did, as a support ticket reports it; a program handed `shows` and
    // `nothing` as file names is not what anyone injects (the value alone, `cat /etc/hosts`,
    // still counts).
    if message.is_none() {
        let mut words = args
            .split(|&b| is_blank(b, plus))
            .filter(|t| !t.is_empty())
            .skip_while(|t| matches!(t[0], b'-' | b'/' | b'.' | b'~'));
        if let (Some(verb), Some(next)) = (words.next(), words.next()) {
            let rest_prose = words.take(8).all(|t| {
                t.iter()
                    .all(|&c| c.is_ascii_alphabetic() || matches!(c, b',' | b'.' | b'?' | b'!'))
            });
            if one_of(FINITE_VERBS, verb) && prose_word(next) && rest_prose {
                return true;
            }
        }
    }
    if let Some(m) = message {
        // A message of words: letters, with clause marks and angle-bracketed placeholders.
        let mut n = 0;
        for t in m.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty()) {
            let letters = t.iter().filter(|c| c.is_ascii_alphabetic()).count();
            let marks = t.iter().all(|&c| {
                c.is_ascii_alphabetic()
                    || matches!(c, b',' | b'.' | b':' | b'!' | b'?' | b'<' | b'>' | b'-')
            });
            if !marks || letters == 0 || known_command(t) {
                return false;
            }
            n += 1;
        }
        return n >= 2;
    }
    // An option or a hyphenated name (`-la`, `apt-get`, `Get-ChildItem`) before the words
    // marks the command line; `net localgroup administrators`, `wmic process list` are a
    // program's subcommands, not prose after it.
    let hyphen = args
        .split(|&b| is_blank(b, plus))
        .any(|t| t.len() >= 2 && t.contains(&b'-') && t.iter().any(u8::is_ascii_alphabetic));
    // `rm -rf my weekend plans 😩`: an emoji or other symbol closing the words is chat's;
    // no program takes a pictograph as its last argument.
    let mut tokens = args
        .split(|&b| is_blank(b, plus))
        .filter(|t| !t.is_empty())
        .rev()
        .skip_while(|t| t.iter().all(|&b| b >= 0x80) && pictograph(t));
    // A variable named whole marks the command line too when a function word opens the
    // words after it (`%APPDATA% in settings`).
    let variable = args.split(|&b| is_blank(b, plus)).any(cmd_variable);
    match (tokens.next(), tokens.next()) {
        (Some(a), Some(b)) if prose_word(a) && prose_word(b) => {
            hyphen || (variable && (one_of(PROSE, b) || one_of(PROSE, a)))
        }
        _ => false,
    }
}

/// Finite verbs a sentence puts after a command line to say what it did.
const FINITE_VERBS: &[&[u8]] = &[
    b"shows",
    b"showed",
    b"returns",
    b"returned",
    b"prints",
    b"printed",
    b"says",
    b"said",
    b"gives",
    b"gave",
    b"outputs",
    b"displays",
    b"lists",
    b"contains",
    b"hangs",
    b"works",
    b"worked",
    b"failed",
    b"fails",
];

/// Words a search or a support ticket puts after a command line it asks about.
const QUESTION_TAILS: &[&[u8]] = &[
    b"help",
    b"failing",
    b"fails",
    b"failed",
    b"example",
    b"examples",
    b"explained",
    b"explanation",
    b"meaning",
    b"tutorial",
    b"usage",
    b"syntax",
    b"docs",
    b"documentation",
    b"error",
    b"errors",
    b"broken",
    b"alternative",
    b"alternatives",
    b"equivalent",
    b"cheatsheet",
    b"hangs",
    b"issue",
    b"issues",
    b"problem",
    b"question",
];

/// Whether `t` (non-ASCII bytes) holds no letter: emoji, pictographs and symbols, which
/// close a line of chat. A cut-off character counts as none.
fn pictograph(t: &[u8]) -> bool {
    let text = match std::str::from_utf8(t) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&t[..e.valid_up_to()]).unwrap_or_default(),
    };
    !text.is_empty() && !text.chars().any(char::is_alphanumeric)
}

/// `ls(1)`, `crontab(5)`, `printf(3p)`: a manual-page reference names a command in prose;
/// a shell reads `name(1)` as a syntax error, never as a run.
pub(super) fn man_page_reference(v: &[u8], end: usize) -> bool {
    match v.get(end..).unwrap_or_default() {
        [b'(', d, b')', ..] | [b'(', d, _, b')', ..] if (b'1'..=b'9').contains(d) => {
            // the optional suffix is a letter (`3p`, `1ssl`-style suffixes are one letter here)
            v.get(end + 2)
                .is_some_and(|&c| c == b')' || c.is_ascii_alphabetic())
        }
        _ => false,
    }
}

/// `/IP …`, `/Library/…`, `Ne? V tom`: an absolute path or a glob whose name has capitals is
/// not the lower-case program it spells; Unix file names and glob matches are case-sensitive
/// (`/bin/ID` does not run `id`, `Ne?` does not match `net`). Windows paths (`C:/…`) do not
/// start with `/`, and cmd expands no globs in a command name.
pub(super) fn capitalised_name(v: &[u8], at: usize, end: usize, plus: bool) -> bool {
    let raw = v.get(at..end).unwrap_or_default();
    let last = raw.rsplit(|&b| is_blank(b, plus)).next().unwrap_or(raw);
    last.iter().any(u8::is_ascii_uppercase)
}

/// `cat & dog`, `time & money`: after an English-word command, a spaced `&` and a word that
/// names no command join two nouns; a shell would run `cat` in the background and then a
/// program called `dog`.
pub(super) fn and_another_word(v: &[u8], end: usize, plus: bool) -> bool {
    let rest = &v[end.min(v.len())..];
    let Some(amp) = rest.iter().position(|&b| !is_blank(b, plus)) else {
        return false;
    };
    if rest[amp] != b'&' || !rest.get(amp + 1).is_some_and(|&b| is_blank(b, plus)) {
        return false;
    }
    let after = &rest[amp + 1..];
    let start = after
        .iter()
        .position(|&b| !is_blank(b, plus))
        .unwrap_or(after.len());
    let word = &after[start..];
    let len = word.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    len >= 2
        && word
            .get(len)
            .is_none_or(|&c| is_blank(c, plus) || matches!(c, b'.' | b','))
        && classify(&word[..len].to_ascii_lowercase()) == CommandWord::Unknown
}

/// Whether the word in `v[at..end]` is written in title case (`Net`, `Dir`): a heading or
/// a name on its own line; shells take commands in lower case, cmd in any single case.
pub(super) fn title_case(v: &[u8], at: usize, end: usize) -> bool {
    let raw = v.get(at..end).unwrap_or_default();
    let letters = raw.iter().filter(|c| c.is_ascii_alphabetic());
    let mut first = true;
    let mut title = false;
    for &c in letters {
        if first {
            title = c.is_ascii_uppercase();
            first = false;
        } else if c.is_ascii_uppercase() {
            return false;
        }
    }
    title
}

/// English function words that open or continue a sentence, not a command's arguments.
pub(super) const PROSE: &[&[u8]] = &[
    b"is", b"was", b"are", b"the", b"a", b"an", b"and", b"or", b"of", b"to", b"in", b"for",
    b"with", b"by", b"can", b"will", b"vs", b"does", b"not", b"has", b"on", b"would", b"should",
    b"must", b"may", b"be", b"it", b"this", b"that", b"you", b"we", b"they", b"my", b"your",
];

/// Whether `t` is one of the lower-case `words`, in any case.
pub(super) fn one_of(words: &[&[u8]], t: &[u8]) -> bool {
    words.iter().any(|w| w.eq_ignore_ascii_case(t))
}

/// Whether the word after a command word (from `from`) is an English function word, so the
/// command word is part of a sentence (`exec will create`, `date is set`).
///
/// Also when the words after it are another language's (`Htop jest przeglądarką procesów`,
/// `xxd 能创建指定文件`): a word of letters with a non-ASCII one is prose's, and arguments
/// are options, paths and names. One such word in a Latin script could be a file name, so
/// it takes two of the next four words; one in a script without spaces (CJK) is a whole clause.
pub(super) fn sentence_follows(v: &[u8], from: usize, plus: bool) -> bool {
    let rest = &v[from..v.len().min(from + 32)];
    let mut tokens = rest.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    if tokens.next().is_some_and(|t| one_of(PROSE, t)) {
        return true;
    }
    let rest = &v[from..v.len().min(from + 96)];
    let line = &rest[..rest
        .iter()
        .position(|&b| b == b'\n' || is_sep(b))
        .unwrap_or(rest.len())];
    let mut words = line.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    let first_word = words.next();
    // An option or a path first is a shell's argument list, whatever words follow it.
    // (A lone `-` or `--` is prose's dash: `Zsh - это …`.)
    let shell_shaped = |t: &[u8]| {
        t[0] == b'/' || (t[0] == b'-' && t.iter().skip(1).any(u8::is_ascii_alphanumeric))
    };
    if first_word.is_some_and(shell_shaped) {
        return false;
    }
    let first = first_word.map(foreign_word);
    if first == Some(Some(true)) {
        return true;
    }
    let more = words
        .clone()
        .take(3)
        .filter(|t| foreign_word(t).is_some())
        .count();
    if usize::from(matches!(first, Some(Some(_)))) + more >= 2 {
        return true;
    }
    // `ELinks ist ein mächtiges Programm`: four plain words after the command, one of them
    // in another language's letters, are a sentence (arguments would be options or paths).
    first_word.is_some_and(plain_word)
        && (matches!(first, Some(Some(_))) || more > 0)
        && words.take(3).filter(|t| plain_word(t)).count() == 3
}

/// A word of letters only (ASCII or not), a clause mark allowed at its end.
fn plain_word(t: &[u8]) -> bool {
    let t = match t {
        [rest @ .., b',' | b'.' | b':' | b';' | b'!' | b'?'] => rest,
        _ => t,
    };
    !t.is_empty()
        && std::str::from_utf8(t).map_or_else(
            |e| t[..e.valid_up_to()].iter().all(u8::is_ascii_alphabetic),
            |s| s.chars().all(char::is_alphabetic),
        )
}

/// Whether `t` is a word of a language other than English: letters only (a clause mark may
/// end it), at least one of them non-ASCII. `Some(true)` when it holds a CJK character
/// (those scripts write a clause without spaces), `Some(false)` for other scripts, `None`
/// when it is no such word. A cut-off character at the window's end counts as a letter.
fn foreign_word(t: &[u8]) -> Option<bool> {
    let text = match std::str::from_utf8(t) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&t[..e.valid_up_to()]).ok()?,
    };
    let text = text.trim_end_matches([',', '.', ':', ';', '，', '。', '、', '：']);
    let mut foreign = false;
    let mut cjk = false;
    for c in text.chars() {
        // CJK punctuation (`，`, `（`, `「`) runs inside a clause written without spaces.
        let cjk_mark = matches!(u32::from(c), 0x3000..=0x303f | 0xff01..=0xff0f | 0xff1a..=0xff20);
        if cjk_mark {
            cjk = true;
            continue;
        }
        if !c.is_alphabetic() {
            return None;
        }
        if !c.is_ascii() {
            foreign = true;
            cjk |= matches!(u32::from(c), 0x3040..=0x30ff | 0x3400..=0x9fff | 0xac00..=0xd7af);
        }
    }
    foreign.then_some(cjk)
}

/// Whether the first word after the command's options and paths (`-rf`, `/`) is an
/// auxiliary or copula verb (`is`, `would`, `can`): the command names the subject of a
/// sentence. Shell arguments are never these bare words.
pub(super) fn verb_after_arguments(v: &[u8], from: usize, plus: bool) -> bool {
    const VERBS: &[&[u8]] = &[
        b"is", b"are", b"was", b"were", b"will", b"would", b"can", b"could", b"should", b"must",
        b"may", b"might", b"does", b"did", b"has", b"have",
    ];
    let rest = &v[from..v.len().min(from + 96)];
    let line = &rest[..rest
        .iter()
        .position(|&b| b == b'\n' || is_sep(b))
        .unwrap_or(rest.len())];
    line.split(|&b| is_blank(b, plus))
        .filter(|t| !t.is_empty())
        .take(4)
        .find(|t| !matches!(t[0], b'-' | b'/'))
        .is_some_and(|t| VERBS.iter().any(|w| t.eq_ignore_ascii_case(w)))
}

/// Whether the words after a command word read as a sentence: the first is a function
/// word, or two of the next five are (`passed in as an argument`, `suite shard to execute
/// in a format`). Shell arguments are options, paths and names, not function words.
pub(super) fn sentence_runs_on(v: &[u8], from: usize, plus: bool) -> bool {
    const MORE: &[&[u8]] = &[
        b"as", b"by", b"at", b"from", b"into", b"if", b"when", b"which", b"where", b"but", b"so",
        b"then", b"than", b"its", b"their", b"our", b"all", b"any", b"some", b"other",
    ];
    let rest = &v[from..v.len().min(from + 96)];
    let line = &rest[..rest
        .iter()
        .position(|&b| b == b'\n' || is_sep(b))
        .unwrap_or(rest.len())];
    // `docker secrets live in /run/secrets`, `Set PHP include_path to ./lib`: plain words
    // and then a preposition before a path. Shell arguments name the path directly; `in`
    // and `to` before it are a sentence saying where something is.
    const PLACE: &[&[u8]] = &[b"in", b"to", b"into", b"from", b"under", b"inside", b"at"];
    let mut hits = 0;
    let mut plain = 0;
    let mut previous: Option<&[u8]> = None;
    for (n, t) in line
        .split(|&b| is_blank(b, plus))
        .filter(|t| !t.is_empty())
        .take(5)
        .enumerate()
    {
        if n == 0 && one_of(PROSE, t) {
            return true;
        }
        let path = matches!(
            t,
            [b'/' | b'~', ..] | [b'.', b'/', ..] | [b'.', b'.', b'/', ..]
        );
        if path && plain >= 2 && previous.is_some_and(|p| one_of(PLACE, p)) {
            return true;
        }
        if t[0] == b'-' || path {
            plain = 0;
            previous = None;
            continue;
        }
        plain += usize::from(t.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_'));
        previous = Some(t);
        let function_word = one_of(PROSE, t) || one_of(MORE, t);
        hits += usize::from(function_word);
    }
    hits >= 2
}

/// A word of prose after a command line: letters (any case), with a closing clause mark,
/// and no program's name (`shows`, `high`, `CPU`, `modules,`).
fn prose_token(t: &[u8]) -> bool {
    let word = t
        .strip_suffix(b",")
        .or_else(|| t.strip_suffix(b"."))
        .or_else(|| t.strip_suffix(b"?"))
        .or_else(|| t.strip_suffix(b"!"))
        .unwrap_or(t);
    if word.len() < 2 || word.len() > 24 || !word.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut buf = [0u8; 24];
    buf[..word.len()].copy_from_slice(word);
    buf[..word.len()].make_ascii_lowercase();
    classify(&buf[..word.len()]) == CommandWord::Unknown
}

/// Whole values that name a command and go on in words no program reads as a command line,
/// as a search box, a job title or a package description writes them:
/// - `Powershell Get-Process shows high CPU`, `powershell get-childitem recurse`: PowerShell
///   parameters start with `-`; bare words after a cmdlet are a sentence about it.
/// - `bash if [ -f file ]`, `sh for loop syntax`: `bash` runs the script file its first
///   operand names, and a reserved word names no file; it is a question about the syntax.
/// - `Dpkg perl modules`: a Unix-only program's name in title case is not found by the
///   case-sensitive systems it exists on; followed by plain words it is a title.
/// - `echo $name is nice`: echo prints its words; a plain variable among words of prose,
///   with nothing chained, substituted or redirected, shows a template.
/// - `cat /etc/hosts meaning`: one file and a word a search adds about the command.
pub(super) fn whole_value_prose(
    word: &[u8],
    v: &[u8],
    at: usize,
    end: usize,
    exotic: bool,
    plus: bool,
) -> bool {
    let rest = &v[end.min(v.len())..];
    if rest.len() > 160 || rest.iter().any(|&b| b == b'\n' || b == b'\r') {
        return false;
    }
    let mut toks: [&[u8]; 12] = [&[]; 12];
    let mut n = 0;
    for t in rest.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty()) {
        if n == toks.len() {
            return false;
        }
        toks[n] = t;
        n += 1;
    }
    let toks = &toks[..n];
    let Some((first, after)) = toks.split_first() else {
        return false;
    };
    let base = word.rsplit(|&b| b == b'/').next().unwrap_or(word);
    let base = base.strip_suffix(b".exe").unwrap_or(base);
    match base {
        b"powershell" | b"pwsh" => {
            let cmdlet = first.len() <= 40
                && first.iter().filter(|&&b| b == b'-').count() == 1
                && first[0].is_ascii_alphabetic()
                && first.last().is_some_and(u8::is_ascii_alphabetic)
                && first.iter().all(|&b| b.is_ascii_alphabetic() || b == b'-');
            cmdlet && !after.is_empty() && after.iter().all(|t| prose_token(t))
        }
        b"bash" | b"sh" | b"zsh" => {
            matches!(
                *first,
                b"if" | b"for" | b"while" | b"until" | b"case" | b"function" | b"select"
            ) && !rest
                .iter()
                .any(|&b| matches!(b, b';' | b'|' | b'&' | b'`' | b'$' | b'<' | b'>'))
        }
        b"echo" => {
            let variable = |t: &[u8]| {
                t.len() >= 2
                    && t[0] == b'$'
                    && t[1..].iter().all(|&b| b.is_ascii_lowercase() || b == b'_')
            };
            toks.iter().any(|t| variable(t))
                && toks.iter().all(|t| variable(t) || prose_token(t))
                && toks.iter().filter(|t| prose_token(t)).count() >= 2
        }
        _ => {
            let plain_path = |t: &[u8]| {
                t.len() >= 2
                    && t[0] == b'/'
                    && t.iter().all(|&b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'_' | b'-')
                    })
                    && !t.windows(2).any(|w| w == b"..")
            };
            let question = toks.len() == 2
                && FILE_READERS.contains(&word)
                && plain_path(first)
                && one_of(QUESTION_TAILS, toks[1]);
            let title = exotic
                && word.first() != Some(&b'/')
                && !vocabulary::is_windows_word(word)
                && title_case(v, at, end)
                && toks.iter().all(|t| {
                    t.len() >= 2 && t.len() <= 24 && t.iter().all(u8::is_ascii_alphabetic)
                });
            question || title
        }
    }
}

/// `${n} choose ${k}`, `${first} ${last}`: template placeholders (`${name}`, a plain name,
/// none naming a program) between plain words that are no command: a template or
/// notation, not a command line. An unset variable expands to nothing, so a command word
/// between them (`${x} whoami`) would run, and still counts; so do options, paths and any
/// shell syntax. Read only for a value already judged a command line.
pub(super) fn placeholders_between_words(v: &[u8], plus: bool) -> bool {
    v.split(|&b| is_blank(b, plus))
        .filter(|t| !t.is_empty())
        .take(MAX_PROSE_PARTS + 1)
        .enumerate()
        .all(|(i, t)| {
            if i >= MAX_PROSE_PARTS {
                return false;
            }
            if let Some(name) = t.strip_prefix(b"${").and_then(|n| n.strip_suffix(b"}")) {
                return !name.is_empty()
                    && name.len() <= 32
                    && name.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_')
                    && !program_variable(t);
            }
            t.len() <= 32
                && t.iter().all(u8::is_ascii_alphabetic)
                && vocabulary::lookup_bytes(&t.to_ascii_lowercase()).is_none()
        })
}

/// Most `$` signs [`tex_math`] reads.
const MAX_TEX_DOLLARS: usize = 32;

/// `$x^2 < y$ for all $x \in (0,1)$`: TeX's inline math, the notation of maths answers and
/// papers. Its `$` signs pair up: each opening one is followed by a non-blank and is no
/// expansion (`${`, `$(`), each closing one is glued to the end of the formula and followed
/// by a blank, punctuation or the end. To a shell a closing `$` followed by a blank is a
/// literal dollar sign, and the opening `$x` an unset variable that expands to nothing, so
/// the first formula's words are no command line. Read only for a value whose command word
/// is a variable at its start.
pub(super) fn tex_math(v: &[u8]) -> bool {
    let mut n = 0;
    for p in memchr::memchr_iter(b'$', v) {
        if n == MAX_TEX_DOLLARS {
            return false;
        }
        let before = p.checked_sub(1).map(|k| v[k]);
        let after = v.get(p + 1).copied();
        let ok = if n % 2 == 0 {
            after.is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'{' | b'(' | b'$'))
        } else {
            before.is_some_and(|c| !c.is_ascii_whitespace())
                && after.is_none_or(|c| {
                    c.is_ascii_whitespace()
                        || matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b')')
                })
        };
        if !ok {
            return false;
        }
        n += 1;
    }
    n >= 2 && n % 2 == 0
}

/// Whether `v` holds a manual's placeholder: `<`, a name of letters, digits, `_` or `-`
/// starting with a letter, and `>` right after it, the `<` opening an argument (after a
/// blank, `@`, `=`, `:`, `/` or at the start): `<user>@<host>`, `--token=<token>`. As shell
/// the brackets would redirect input from a file named `user` and output to one named `@`
/// — nothing an attacker's command line writes; usage lines and templates write them for
/// the value to fill in.
pub(super) fn angle_placeholder(v: &[u8]) -> bool {
    memchr::memchr_iter(b'<', v).any(|lt| {
        let opens = lt == 0 || matches!(v[lt - 1], b' ' | b'\t' | b'@' | b'=' | b':' | b'/');
        let name = &v[lt + 1..];
        let len = name
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
            .count();
        opens && name.first().is_some_and(u8::is_ascii_alphabetic) && name.get(len) == Some(&b'>')
    })
}
