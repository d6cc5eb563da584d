//! Reading the command word at a start the way a shell would: through quotes, `\` and `^`
//! escapes, `${IFS}`, empty expansions and redirections, into a fixed buffer.
//!
//! Separate because it decides what the word *is* (the bytes a shell would run), not what
//! the word means; [`super::classify`] judges the result.

use super::classify::known_command;
use super::scan::Start;
use super::vocabulary::Tier;
use super::{is_blank, is_sep, vocabulary, MAX_WORD};

/// Read the command word at `at` the way a shell would see it; returns the word (lower-case,
/// quotes/escapes/empty expansions removed), the index just after it, and whether
/// `NAME=value` assignments preceded it.
pub(super) fn read_command_word(
    v: &[u8],
    at: usize,
    kind: Start,
    plus: bool,
) -> Option<(Word, usize, bool)> {
    read_command_word_in_place(v, at, kind, plus)
}

/// The length of one redirection at the start of `v` with its blanks (`2>/dev/null `,
/// `</dev/null `, `&>/dev/null `, `>&2 `, `>>log `), if `v` opens with one and a word follows.
fn redirection_prefix(v: &[u8], plus: bool) -> Option<usize> {
    // Almost every word settles on its first two bytes.
    match v {
        [b'>' | b'<', ..] | [b'&', b'>', ..] => {}
        [d, b'>' | b'<', ..] | [d, _, b'>' | b'<', ..] if d.is_ascii_digit() => {}
        _ => return None,
    }
    let mut i = v.iter().take(2).take_while(|b| b.is_ascii_digit()).count();
    if i == 0 && v.first() == Some(&b'&') {
        i = 1;
    }
    let op = match v.get(i..)? {
        [b'>', b'>' | b'&' | b'|', ..] => 2,
        [b'<', b'<', b'<', ..] => 3,
        [b'>' | b'<', ..] => 1,
        _ => return None,
    };
    // `&` alone before `>` is only `&>`; a digit before `<<<` is not a here-string's.
    if v.first() == Some(&b'&') && v[1] != b'>' {
        return None;
    }
    i += op;
    i += v[i..].iter().take_while(|&&b| is_blank(b, plus)).count();
    // A file name, a path or a descriptor (`&1`); `> piterson: rpm` is a quotation.
    let target = v[i..]
        .iter()
        .take(MAX_WORD * 4)
        .take_while(|&&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'_' | b'-' | b'~' | b'&')
        })
        .count();
    if v.get(i + target).is_some_and(|&b| !is_blank(b, plus)) {
        return None;
    }
    let after = i + target;
    let blanks = v[after..]
        .iter()
        .take_while(|&&b| is_blank(b, plus))
        .count();
    // A word must follow: `;>x` alone truncates a file but names no command here.
    (target > 0 && blanks > 0 && v.get(after + blanks).is_some_and(|&b| !is_sep(b)))
        .then_some(after + blanks)
}

/// [`read_command_word`] inlined into its caller, for [`judge_start`] (which reads a word at
/// every start): the word is built where the caller keeps it, not copied out of a call.
///
/// [`judge_start`]: super::judge::judge_start
#[inline(always)]
pub(super) fn read_command_word_in_place(
    v: &[u8],
    mut at: usize,
    kind: Start,
    plus: bool,
) -> Option<(Word, usize, bool)> {
    // Leading blanks, subshell/group openers, quotes and escapes, `@` (cmd echo-off).
    let mut assignments = 0;
    let mut redirections = 0;
    let mut leading_quotes = [0u8; 2];
    // The run of [`IDENT_BYTE`]s at `at` when the loop ends: all of them [`WORD_BYTE`]s,
    // which the word below need not test again.
    let mut ident;
    loop {
        // cmd also reads `,` and `=` as blanks before a command (`&&,whoami`, `&,;=whoami`);
        // `=` only straight after a separator or a `,`, where no assignment has a name.
        while at < v.len()
            && (is_blank(v[at], plus)
                || matches!(
                    v[at],
                    b'(' | b'{' | b'!' | b'@' | b'"' | b'\'' | b'\\' | b'^'
                )
                || (v[at] == b',' && kind == Start::Tight)
                || (v[at] == b'='
                    && kind == Start::Tight
                    && at > 0
                    && matches!(v[at - 1], b'&' | b';' | b',')))
        {
            if matches!(v[at], b'"' | b'\'') {
                let q = usize::from(v[at] == b'"');
                leading_quotes[q] = leading_quotes[q].saturating_add(1);
            }
            at += 1;
        }
        if let Some(skip) = ifs_at(v, at) {
            at += skip;
            continue;
        }
        // `;2>/dev/null id`, `;</dev/null whoami`, `;&>/dev/null nc …`: a shell takes
        // redirections anywhere in a simple command, before the name too. Only where a
        // command is expected anyway (after a separator or inside a substitution): a value
        // or line opening with `>` is a quotation in mail and chat.
        if redirections < 3
            && matches!(
                kind,
                Start::Tight | Start::Data | Start::Subst | Start::Backtick
            )
        {
            if let Some(len) = redirection_prefix(&v[at..], plus) {
                redirections += 1;
                at += len;
                continue;
            }
        }
        // `NAME=value cmd`: skip the assignment, the command follows.
        ident = v[at..]
            .iter()
            .position(|&c| !IDENT_BYTE[usize::from(c)])
            .unwrap_or(v.len() - at);
        if ident > 0 && v.get(at + ident) == Some(&b'=') && assignments < 3 {
            assignments += 1;
            at += ident + 1;
            while at < v.len() && !is_blank(v[at], plus) && !is_sep(v[at]) {
                at += 1;
            }
            // `q=1.0, gzip`: a value ending in a comma is an item of a parameter list
            // (`Accept-Encoding`), not a shell assignment before a command.
            if v[at - 1] == b',' {
                return None;
            }
            // An assignment followed by nothing is not a command (`a=1&b=2`).
            continue;
        }
        break;
    }
    let brace = kind == Start::Subst && at > 0 && v[at - 1] == b'{';
    if brace {
        while v.get(at) == Some(&b',') {
            at += 1;
            ident = 0;
        }
    }
    let mut word = Word {
        quotes: leading_quotes,
        ..Word::default()
    };
    let mut i = at;
    while i < v.len() && word.len() < MAX_WORD {
        let b = v[i];
        // Bytes no rule below treats specially are the word itself: copied a run at a time.
        if WORD_BYTE[usize::from(b)] {
            // Only the first run can open with the identifier run found above.
            let known = if i == at { ident } else { 0 };
            i += word.take_word_bytes(&v[i..], known);
            continue;
        }
        let empty_subst = matches!(b, b'<' | b'>') && v.get(i + 1..i + 3) == Some(b"()");
        if !empty_subst
            && (is_blank(b, plus)
                || is_sep(b)
                || matches!(b, b')' | b'(' | b'<' | b'>' | b'}')
                || (brace && b == b','))
        {
            break;
        }
        if b == b'$' && ifs_at(v, i).is_some() {
            break;
        }
        match b {
            // A line break spelled `\n` ends the word (applications unescape it).
            // `\n` ends the word as an escaped line break, unless the letters around it are
            // escaped one by one (`u\n\a\m\e`: the shell drops each `\`, leaving `uname`)
            b'\\'
                if !word.is_empty()
                    && matches!(v.get(i + 1), Some(b'n' | b'r'))
                    && !(v.get(i + 2) == Some(&b'\\')
                        && v.get(i + 3).is_some_and(u8::is_ascii_alphabetic)) =>
            {
                break
            }
            // `i\<LF>d`: the shell deletes a backslash-newline pair (a line continuation)
            // before it splits words, joining the letters around it.
            b'\\' if v.get(i + 1) == Some(&b'\n') => {
                word.removed();
                i += 2;
            }
            b'\'' | b'"' => {
                let q = usize::from(b == b'"');
                word.quotes[q] = word.quotes[q].saturating_add(1);
                i += 1;
            }
            b'\\' | b'^' => {
                word.removed();
                i += 1;
            }
            b'`' if v.get(i + 1) == Some(&b'`') => {
                word.removed();
                i += 2;
            }
            // ``I`E`X``, ``Invoke-`Expression``: PowerShell's escape character inside a name
            b'`' if powershell_escaped_name(v, i, &word) => {
                word.removed();
                i += 1;
            }
            // ``w`u`hoami``, `w$(u)hoami`: a substitution inside a word, between letters, of
            // a name no shell knows as a command outputs nothing (the error goes to stderr),
            // so the letters around it join into one name. Only when the word goes on after
            // it: a span ending the word is Markdown's or a real substitution's.
            b'`' | b'$' if !word.is_empty() && empty_output_subst(v, i).is_some() => {
                word.removed();
                i += empty_output_subst(v, i).unwrap_or(1);
            }
            b'`' => break,
            // `$0` as the whole word names the running shell (`$0 -c id`).
            b'$' if word.is_empty()
                && v.get(i + 1) == Some(&b'0')
                && v.get(i + 2).is_none_or(|&c| !c.is_ascii_alphanumeric()) =>
            {
                word.push(b'$');
                word.push(b'0');
                i += 2;
            }
            // Empty expansions used to split words: `$@`, `$*`, `$1`, `$$`, `$()`, `$[]`.
            b'$' if matches!(
                v.get(i + 1),
                Some(b'@' | b'*' | b'0'..=b'9' | b'$' | b'!' | b'?' | b'-')
            ) =>
            {
                word.removed();
                i += 2;
            }
            b'$' | b'<' | b'>' if matches!(v.get(i + 1..i + 3), Some(b"()" | b"[]")) => {
                word.removed();
                i += 3;
            }
            // `;$'i'$'d'`, `w$'h'oami`: bash's ANSI-C quoting; the `$` opens a quote as `'`
            // does, and the letters inside are the name's (where a command is expected, or
            // inside a word: a value or line opening with `$'` is a price's or a quote's).
            b'$' if v.get(i + 1) == Some(&b'\'')
                && (!word.is_empty() || command_expected(kind)) =>
            {
                word.removed();
                i += 1;
            }
            // `$(:)`: the null command's empty output.
            b'$' if v.get(i + 1..i + 4) == Some(b"(:)") => {
                word.removed();
                i += 4;
            }
            // `${0}` as the whole word is `$0` braced: the running shell (`;${0} -c id`).
            b'$' if word.is_empty()
                && v.get(i + 1..i + 4) == Some(b"{0}")
                && v.get(i + 4).is_none_or(|&c| !c.is_ascii_alphanumeric()) =>
            {
                word.push(b'$');
                word.push(b'0');
                i += 4;
            }
            // `w${9}hoami`, `who${*}ami`, `i${!}d`: braced special parameters, empty on the
            // server (`$!` names the last background job, and there is none).
            b'$' if v.get(i + 1) == Some(&b'{')
                && v.get(i + 3) == Some(&b'}')
                && v.get(i + 2)
                    .is_some_and(|&c| matches!(c, b'@' | b'*' | b'!' | b'0'..=b'9')) =>
            {
                word.removed();
                i += 4;
            }
            // `${x:-id}`, `${u-sleep}`: an unset variable's default is the word itself.
            b'$' if v.get(i + 1) == Some(&b'{') && default_word(&v[i + 2..]).is_some() => {
                let (start, len, skip) = default_word(&v[i + 2..]).unwrap_or_default();
                word.removed();
                for &c in &v[i + 2 + start..i + 2 + start + len] {
                    word.push(c.to_ascii_lowercase());
                }
                i += 2 + skip;
            }
            // An unset variable inside a word expands to nothing (`c$u\at`). So it does at
            // the word's start where a command is expected, when a name or path goes on
            // right after it (`;$u/bin$u/id`, `|$x/usr/bin/id`); a value or line opening
            // with `$name` is a template's or a price's.
            b'$' if v
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_lowercase() || *c == b'_')
                && (!word.is_empty()
                    || (command_expected(kind) && unset_then_name(&v[i + 1..]))) =>
            {
                word.removed();
                i += 1;
                while i < v.len() && (v[i].is_ascii_alphanumeric() || v[i] == b'_') {
                    i += 1;
                }
            }
            // `c${u}at`, `w${x:-}hoami`: an unset braced variable (or one with an empty
            // default) between letters expands to nothing too; at the end of a word
            // (`test${n}`) it is a template's placeholder. So it does at the word's start
            // after a separator (`;${x}id`, `;${a}i${b}d`): what follows it is the name run.
            // A value or line opening with `${name}text` is a template's.
            b'$' if (!word.is_empty() || command_expected(kind))
                && v.get(i + 1) == Some(&b'{')
                && v.get(i + 2)
                    .is_some_and(|c| c.is_ascii_lowercase() || *c == b'_')
                && empty_braced_len(&v[i + 2..]).is_some_and(|n| {
                    v.get(i + 2 + n).is_some_and(u8::is_ascii_alphanumeric)
                        || (word.is_empty() && name_goes_on(&v[i + 2 + n..]))
                }) =>
            {
                word.removed();
                i += 2 + empty_braced_len(&v[i + 2..]).unwrap_or(0);
            }
            // `;id${u}`, `|cat${x:-} /etc/passwd`: where a command is expected (after a
            // separator, inside a substitution) an unset braced variable, or one with an empty
            // default, glued to the end of the name expands to nothing and leaves the name.
            // A value or a line opening with `test${n}` stays a template's placeholder.
            b'$' if !word.is_empty()
                && matches!(
                    kind,
                    Start::Tight | Start::Data | Start::Subst | Start::Backtick
                )
                && v.get(i + 1) == Some(&b'{')
                && v.get(i + 2)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
                && empty_braced_len(&v[i + 2..]).is_some_and(|n| {
                    v.get(i + 2 + n)
                        .is_none_or(|&c| is_blank(c, plus) || is_sep(c) || c == b')')
                }) =>
            {
                word.removed();
                i += 2 + empty_braced_len(&v[i + 2..]).unwrap_or(0);
            }
            b'$' if v.get(i + 1) == Some(&b'{') => {
                let close = v[i..].iter().take(40).position(|&c| c == b'}');
                match close {
                    Some(c) => {
                        for &c in &v[i..=i + c] {
                            word.push(c.to_ascii_lowercase());
                        }
                        i += c + 1;
                    }
                    None => break,
                }
            }
            // cmd ends a command's name at a comma as at a blank (`& whoami,`), after a
            // separator; so only a name cmd runs ends there (`;base64, PHN2…` in a data URL
            // names no Windows command). A comma inside a word (`a,b`) stays in it, and so
            // does one after a name that is also an English word ("venue & date, time and
            // guests" is a list in prose) or at a line's start (a list of names wrapped onto
            // a new line: "…\nuuencode, xxencode, and yEncoding").
            b',' if !word.is_empty()
                && matches!(kind, Start::Tight | Start::Loose | Start::Data)
                && v.get(i + 1).is_none_or(|&c| is_blank(c, plus) || is_sep(c))
                && super::vocabulary::runs_on_windows(word.as_slice())
                && !super::vocabulary::is_english(word.as_slice()) =>
            {
                break
            }
            _ => {
                word.push(b.to_ascii_lowercase());
                i += 1;
            }
        }
    }
    if word.is_empty() {
        return None;
    }
    Some((word, i, assignments > 0))
}

/// Whether the backtick at `i`, inside the word read so far, is PowerShell's escape
/// character rather than a POSIX substitution: the name it spells with its escapes removed
/// (``I`E`X`` is `iex`, ``Invoke-`Expression``) is a PowerShell or never-English command.
/// For a POSIX shell ``I`E`X`` would run `E`; a Markdown span never sits inside a word.
fn powershell_escaped_name(v: &[u8], i: usize, word: &Word) -> bool {
    if word.is_empty()
        || !v.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
        || !(v[i - 1].is_ascii_alphanumeric() || v[i - 1] == b'-')
    {
        return false;
    }
    let mut buf = [0u8; MAX_WORD];
    let mut n = word.len().min(MAX_WORD);
    buf[..n].copy_from_slice(&word.as_slice()[..n]);
    let mut j = i;
    while j < v.len() && n < MAX_WORD {
        match v[j] {
            b'`' if v.get(j + 1).is_some_and(u8::is_ascii_alphanumeric) => j += 1,
            c if c.is_ascii_alphanumeric() || c == b'-' => {
                buf[n] = c.to_ascii_lowercase();
                n += 1;
                j += 1;
            }
            _ => break,
        }
    }
    std::str::from_utf8(&buf[..n])
        .is_ok_and(|w| vocabulary::is_cmdlet(w) || vocabulary::lookup(w) == Some(Tier::Exotic))
}

/// After `${`: `NAME:-WORD}`, `NAME-WORD}`, `NAME:=WORD}` or `NAME=WORD}` with a plain word,
/// which an unset `NAME` expands to. Returns the word's offset and length in `t` and the
/// length through the closing brace.
fn default_word(t: &[u8]) -> Option<(usize, usize, usize)> {
    let name = identifier_len(t, 32);
    if name == 0 {
        return None;
    }
    let op = match t.get(name..name + 2) {
        Some([b':', b'-' | b'=']) => 2,
        Some([b'-' | b'=', _]) => 1,
        _ => return None,
    };
    let start = name + op;
    let len = t[start..]
        .iter()
        .take(MAX_WORD)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'/' | b'.' | b'-'))
        .count();
    (len > 0 && t.get(start + len) == Some(&b'}')).then_some((start, len, start + len + 1))
}

/// Length of the identifier (letters, digits, `_`) opening `t`, counting at most `max` bytes:
/// the bound keeps a name scan short on any input.
pub(super) fn identifier_len(t: &[u8], max: usize) -> usize {
    t.iter()
        .take(max)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count()
}

/// Length of `name}`, `name:-}` or `name-}` at the start of `t`: a braced variable that
/// expands to nothing when unset.
fn empty_braced_len(t: &[u8]) -> Option<usize> {
    let n = identifier_len(t, 32);
    if n == 0 {
        return None;
    }
    match t.get(n..) {
        Some([b'}', ..]) => Some(n + 1),
        Some([b'-', b'}', ..]) => Some(n + 2),
        Some([b':', b'-', b'}', ..]) => Some(n + 3),
        _ => None,
    }
}

/// At `i` (a `` ` `` or `$` inside a word): the length of `` `name` `` or `$(name)` when
/// `name` is 1 to 16 letters or digits that name no known command and a letter or digit
/// follows the closing byte. Run by a shell, the substitution fails and expands to nothing.
fn empty_output_subst(v: &[u8], i: usize) -> Option<usize> {
    let (open, close) = match v.get(i..i + 2)? {
        [b'`', _] => (1, b'`'),
        [b'$', b'('] => (2, b')'),
        _ => return None,
    };
    let t = &v[i + open..];
    let n = t
        .iter()
        .take(17)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let end = i + open + n + 1;
    ((1..=16).contains(&n)
        && t.get(n) == Some(&close)
        && v.get(end).is_some_and(u8::is_ascii_alphanumeric)
        && !known_command(&t[..n].to_ascii_lowercase()))
    .then_some(end - i)
}

/// Whether a start of `kind` puts its word where a command is expected: after a separator
/// or inside a substitution, not at a value's or a line's opening, where `$name` and `$'…'`
/// are a template's, a price's or a quotation's.
fn command_expected(kind: Start) -> bool {
    matches!(
        kind,
        Start::Tight | Start::Loose | Start::Data | Start::Subst | Start::Backtick
    )
}

/// Whether `v` (after a `$`) is a lower-case variable name followed at once by a path
/// (`u/bin`, `x/usr/bin/id`; letters after it would belong to the name) or by a quoted or
/// escaped piece of a name (`u'who'ami`, `u\\id`): what the shell runs once the variable,
/// unset on the server, expands to nothing.
fn unset_then_name(v: &[u8]) -> bool {
    let n = v
        .iter()
        .take(32)
        .take_while(|&&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        .count();
    n > 0 && name_goes_on(&v[n..])
}

/// Whether `rest` (right after an unset variable) goes on with a command name: a path
/// (`/bin/id`), or a quote or backslash with a letter or digit after it (`'who'ami`, `\\id`),
/// which sh splices into one word with what follows.
fn name_goes_on(rest: &[u8]) -> bool {
    match rest.first() {
        Some(b'/' | b'\'' | b'"' | b'\\') => rest.get(1).is_some_and(u8::is_ascii_alphanumeric),
        _ => false,
    }
}

/// Bytes that [`read_command_word`] copies into the word as they are (lower-cased): all but
/// blanks, `+` (a blank in a query string), separators, parentheses, angle brackets, `}`,
/// `,` (inside a brace expansion), and the quoting and expansion bytes `$ \\ ^ ' " \``.
pub(super) static WORD_BYTE: [bool; 256] = {
    let mut t = [true; 256];
    let special = b" \t\x0b\x0c\0+;|&\n\r()<>},$\\^'\"`";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = false;
        i += 1;
    }
    t
};

/// `[A-Za-z0-9_]`, the bytes of a shell variable's name, one lookup each.
pub(super) static IDENT_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

/// A command word in a fixed buffer (no allocation per command start).
pub(super) struct Word {
    buf: [u8; MAX_WORD],
    len: usize,
    /// Something was removed inside the word (`c''at`, `w^ho`, `c$@at`): a shell-only way of
    /// spelling a command that prose never produces.
    pub(super) obfuscated: bool,
    pending_removal: bool,
    /// Quotes dropped from the word: obfuscation only when they pair up (`c''at`, `'c'url`);
    /// a lone apostrophe is a contraction (`I'd`).
    pub(super) quotes: [u8; 2],
}

impl Default for Word {
    fn default() -> Self {
        Word {
            buf: [0; MAX_WORD],
            len: 0,
            obfuscated: false,
            pending_removal: false,
            quotes: [0; 2],
        }
    }
}

impl Word {
    /// Note that quoting or an empty expansion was dropped at this point.
    fn removed(&mut self) {
        self.pending_removal = self.len > 0;
    }

    pub(super) fn push(&mut self, b: u8) {
        if self.pending_removal {
            self.obfuscated = true;
            self.pending_removal = false;
        }
        if self.len < MAX_WORD {
            self.buf[self.len] = b;
            self.len += 1;
        }
    }

    /// [`Word::push`] for each byte of the run of [`WORD_BYTE`]s that opens `rest` (its
    /// first byte is one), lower-cased, as far as the word has room; returns how many bytes
    /// were taken. The first `known` bytes of `rest` are known to be [`WORD_BYTE`]s.
    pub(super) fn take_word_bytes(&mut self, rest: &[u8], known: usize) -> usize {
        if self.pending_removal {
            self.obfuscated = true;
            self.pending_removal = false;
        }
        // Scan first, then copy the run lower-cased.
        let limit = rest.len().min(MAX_WORD - self.len);
        let known = known.min(limit);
        let n = known
            + rest[known..limit]
                .iter()
                .position(|&c| !WORD_BYTE[usize::from(c)])
                .unwrap_or(limit - known);
        self.copy_lowered(&rest[..limit], n);
        self.len += n;
        n
    }

    /// Writes the first `n` bytes of `src` lower-cased after the word (without counting
    /// them). Sixteen bytes at a time in fixed blocks the compiler turns into a few vector
    /// instructions; a last short block is written whole too when `src` and the buffer
    /// have room for it (the bytes past `n` lie past the word's length, and are overwritten
    /// or never read), else byte by byte.
    fn copy_lowered(&mut self, src: &[u8], n: usize) {
        const BLOCK: usize = 16;
        let dst = &mut self.buf[self.len..];
        let mut k = 0;
        while k < n {
            let block = (
                dst.get_mut(k..k + BLOCK)
                    .and_then(|d| <&mut [u8; BLOCK]>::try_from(d).ok()),
                src.get(k..k + BLOCK)
                    .and_then(|s| <&[u8; BLOCK]>::try_from(s).ok()),
            );
            match block {
                (Some(d), Some(s)) => {
                    for (d, s) in d.iter_mut().zip(s) {
                        *d = s.to_ascii_lowercase();
                    }
                    k += BLOCK;
                }
                _ => {
                    for (d, s) in dst[k..n].iter_mut().zip(&src[k..n]) {
                        *d = s.to_ascii_lowercase();
                    }
                    k = n;
                }
            }
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(super) fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// `$IFS`, `${IFS}`, `$IFS$9`: the shell's field separator spelled as a variable.
pub(super) fn ifs_at(v: &[u8], at: usize) -> Option<usize> {
    let rest = &v[at.min(v.len())..];
    if rest.starts_with(b"${IFS}") {
        Some(6)
    } else if rest.starts_with(b"${IFS") && matches!(rest.get(5), Some(b'%' | b'#' | b':')) {
        // `${IFS%?}`, `${IFS:0:1}`: a part of the field separator is still a blank.
        rest[..rest.len().min(16)]
            .iter()
            .position(|&c| c == b'}')
            .map(|p| p + 1)
    } else if rest.starts_with(b"$IFS") {
        Some(4)
    } else {
        None
    }
}

/// A token without one pair of surrounding quotes (`'/etc/x'`, `"host:1"`): a lone opening or
/// closing quote is dropped as well, since the shell reads the word inside either way.
pub(super) fn unquoted_token(t: &[u8]) -> &[u8] {
    let t = t
        .strip_prefix(b"'")
        .or_else(|| t.strip_prefix(b"\""))
        .unwrap_or(t);
    let t = t
        .strip_suffix(b"'")
        .or_else(|| t.strip_suffix(b"\""))
        .unwrap_or(t);
    t
}
