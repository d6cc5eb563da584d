//! Programs whose own features run a command for the attacker: a pager's or editor's `!`
//! escape (`less`, `vi`, `man`), ImageMagick's `pipe:` and script coders, git's `ext::`
//! transport.
//!
//! Separate because the value reaches the program, not a shell: the command follows the
//! program's own prefix (`!`, `pipe:`, `ext::`) rather than a shell's separator.

use super::arguments::has_shell_arguments;
use super::classify::{classify, known_command, path_to_run, system_binary, CommandWord};
use super::scan::Start;
use super::vocabulary::Tier;
use super::word::read_command_word;
use super::{is_blank, vocabulary};

/// `!id`, `:!id`, `:!/bin/bash`, `:set shell=/bin/sh|:shell`: a whole value read by an
/// interactive program (less, more, man, vi, ftp, a database client) that runs `!cmd`
/// through the shell and takes `:` ex commands. A bang before a program's name and nothing
/// but its arguments is that escape; `!important` and a chat bot's `!ping` name no program
/// that runs alone.
pub(super) fn interactive_escape(v: &[u8], plus: bool) -> bool {
    let lead = v
        .iter()
        .take(16)
        .position(|&b| !is_blank(b, plus))
        .unwrap_or(v.len());
    let rest = &v[lead.min(v.len())..];
    let (vi, at) = match rest {
        [b':', b'!', ..] => (true, lead + 2),
        [b'!', ..] => (false, lead + 1),
        // vi's `:set shell=/bin/sh`, then `:shell` starts it.
        [b':', body @ ..] => {
            let body = &body[..body.len().min(48)];
            // `:shell`, `:sh`, `:terminal`: typed alone into vi (or a pager that passes ex
            // commands on) they start an interactive shell. Ex commands are lower case and
            // end the line; `:shell:` is an emoji short code and `:sh` inside a time or a
            // URL does not open the value.
            let ex = body.trim_ascii_end();
            if body.len() < 48 && matches!(ex, b"sh" | b"she" | b"shel" | b"shell" | b"terminal") {
                return true;
            }
            return body.len() > 4
                && body[..4].eq_ignore_ascii_case(b"set ")
                && memchr::memmem::find(body, b"shell=").is_some_and(|p| {
                    let prog = &body[p + 6..];
                    let n = prog
                        .iter()
                        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.'))
                        .count();
                    std::str::from_utf8(&prog[..n]).is_ok_and(system_binary)
                });
        }
        _ => return false,
    };
    if v.get(at).is_none_or(|&b| is_blank(b, plus) || b == b'!') {
        return false;
    }
    let Some((w, end, _)) = read_command_word(v, at, Start::Tight, plus) else {
        return false;
    };
    let word = w.as_slice();
    let alone = v[end..].iter().all(|&b| is_blank(b, plus));
    let args = has_shell_arguments(v, end, plus);
    let program = word.first() == Some(&b'/') && path_to_run(word);
    match classify(word) {
        CommandWord::Known(Tier::Exotic | Tier::Tool) => alone || args,
        // `!id`: a shell abbreviation English never writes after a bang.
        CommandWord::Known(Tier::Word) => vi || args || (alone && !vocabulary::is_english(word)),
        _ => program && (alone || args),
    }
}

/// `-c ':!id'`, `+':!id'`, `'+!sh'`, `+!sh`: the pager's or editor's escape handed over as
/// its start-up command. vi's `-c CMD` and `+CMD` run an ex command when the file opens,
/// less's and more's `+CMD` run a pager command; `:!cmd` and `!cmd` there run `cmd` through
/// the shell, as they do typed. The command after the prefix is judged as a whole value is
/// by [`interactive_escape`], so `+10`, `-c ':wq'`, `+'/pattern'` and `-c '!important'`
/// stay quiet.
pub(super) fn prefixed_escape(v: &[u8], plus: bool) -> bool {
    let v = &v[..v.len().min(256)];
    let mut k = 0;
    let mut quote = None;
    if let Some(&q @ (b'\'' | b'"')) = v.first() {
        quote = Some(q);
        k = 1;
    }
    match v.get(k) {
        Some(b'+') => k += 1,
        Some(b'-') if v.get(k + 1) == Some(&b'c') && quote.is_none() => {
            k += 2;
            let blanks = v[k..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            if blanks == 0 {
                return false;
            }
            k += blanks;
        }
        _ => return false,
    }
    if quote.is_none() {
        if let Some(&q @ (b'\'' | b'"')) = v.get(k) {
            quote = Some(q);
            k += 1;
        }
    }
    let body = &v[k..];
    let body = match quote {
        Some(q) => match body.iter().position(|&b| b == q) {
            Some(close) if body[close + 1..].iter().all(|&b| is_blank(b, plus)) => &body[..close],
            _ => return false,
        },
        None => body,
    };
    matches!(body.first(), Some(b'!' | b':')) && interactive_escape(body, plus)
}

/// `v\n:!sh`: keystrokes typed into an interactive pager or editor, one per line: a short
/// key (`v` opens the editor from less), then `:!cmd` or `!cmd`, which runs `cmd` through
/// the shell. Only a first line of one short token counts as a keystroke; a text whose line
/// opens with a bang is a chat or list line.
pub(super) fn escape_after_keystroke(v: &[u8], plus: bool) -> bool {
    let Some(nl) = v.iter().take(8).position(|&b| b == b'\n') else {
        return false;
    };
    let key = v[..nl].trim_ascii();
    if key.is_empty() || key.iter().any(|&b| is_blank(b, plus)) {
        return false;
    }
    let line = &v[nl + 1..];
    let line = &line[..line
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(line.len())];
    matches!(line.first(), Some(b'!' | b':')) && interactive_escape(line, plus)
}

/// `v` past its leading blanks and one opening quote: where a quoted argument's text starts.
fn after_opening_quote(v: &[u8]) -> &[u8] {
    let v = v.trim_ascii_start();
    v.strip_prefix(b"'")
        .or_else(|| v.strip_prefix(b"\""))
        .unwrap_or(v)
}

/// `pipe:id`, `pipe:ls -la`: a file name handed to ImageMagick whose `pipe:` coder reads the
/// image from the output of the command after it (ImageMagick runs it with `popen`). A file
/// name or a form field that opens with `pipe:` and a command has no other reading.
pub(super) fn imagemagick_pipe(v: &[u8]) -> bool {
    prefixed_program(v, b"pipe:").is_some_and(|(word, after)| {
        after
            .first()
            .is_none_or(|&c| matches!(c, b' ' | b'\t' | b'\'' | b'"' | b'|' | b';' | b'['))
            && (known_command(word) || path_to_run(word))
    })
}

/// The program a coder or transport prefix names (`pipe:id`, `'ext::sh -c …'`): past blanks
/// and one opening quote, `v` starts with `prefix` (any case); returns the program word after
/// it (letters, digits and path bytes, at most 64) and the text after that word.
fn prefixed_program<'a>(v: &'a [u8], prefix: &[u8]) -> Option<(&'a [u8], &'a [u8])> {
    let v = after_opening_quote(v);
    if !v.get(..prefix.len())?.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = &v[prefix.len()..];
    let len = rest
        .iter()
        .take(64)
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-'))
        .count();
    (len > 0).then(|| rest.split_at(len))
}

/// `msl:/tmp/x.msl`, `mvg:/tmp/x.mvg`, `ephemeral:/tmp/x.svg`, `text:/etc/passwd`,
/// `label:@/etc/passwd`: a file name handed to ImageMagick (`convert NAME out.png`) whose
/// coder prefix runs a script (MSL, MVG), deletes the file after reading it, or renders a
/// file's text into the image the attacker gets back (`@` reads a file for label-like
/// coders). A coder word, a colon and a path: no upload's file name has that shape.
pub(super) fn imagemagick_coder(v: &[u8]) -> bool {
    let lead = v
        .iter()
        .take(8)
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\'' | b'"'))
        .unwrap_or(v.len());
    let mut rest = &v[lead.min(v.len())..];
    // `vid:msl:/tmp/x`: the `vid` coder reads each file it lists through the coder named
    // inside its own path, so the script coder behind it runs all the same.
    for _ in 0..2 {
        match rest.get(..4) {
            Some(p) if p.eq_ignore_ascii_case(b"vid:") => rest = &rest[4..],
            _ => break,
        }
    }
    // (One byte search: fewer steps than an iterator over the ten bytes.)
    let Some(colon) = memchr::memchr(b':', &rest[..rest.len().min(10)]) else {
        return false;
    };
    let (coder, target) = (&rest[..colon], &rest[colon + 1..]);
    let path = |t: &[u8]| {
        (t.first() == Some(&b'/') && t.get(1).is_some_and(u8::is_ascii_alphanumeric))
            || t.starts_with(b"~/")
            || t.starts_with(b"../")
    };
    const SCRIPT: [&[u8]; 7] = [b"msl", b"mvg", b"ephemeral", b"text", b"epi", b"eps", b"ps"];
    const FILE_TEXT: [&[u8]; 3] = [b"label", b"caption", b"pango"];
    (SCRIPT.iter().any(|c| coder.eq_ignore_ascii_case(c)) && path(target))
        || (FILE_TEXT.iter().any(|c| coder.eq_ignore_ascii_case(c))
            && target.first() == Some(&b'@')
            && path(&target[1..]))
}

/// `ext::sh -c touch% /tmp/pwned`: git's `ext::` transport runs the command after it to
/// reach the "repository"; a repository URL parameter given one is a command line.
#[inline]
pub(super) fn git_ext_transport(v: &[u8]) -> bool {
    // Most values open with neither `e` nor a blank or quote: one byte settles them.
    v.first()
        .is_some_and(|&c| matches!(c | 0x20, b'e' | b' ' | b'\'' | b'"' | b')'))
        && git_ext_url(v)
}

/// [`git_ext_transport`] past its first byte.
fn git_ext_url(v: &[u8]) -> bool {
    prefixed_program(v, b"ext::").is_some_and(|(word, _)| known_command(word) || path_to_run(word))
}
