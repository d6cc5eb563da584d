//! Command injection: a shell tokenizer (POSIX sh, Windows cmd, PowerShell) that finds a
//! command **started** inside the value.
//!
//! Commands start at the beginning of the value, after a separator (`;`, `|`, `||`, `&`,
//! `&&`, newline), inside a substitution (`$( )`, backticks, `<( )`, `>( )`) or a brace
//! expansion (`{cat,/etc/passwd}`). At each start the tokenizer skips what a shell skips
//! (blanks, `${IFS}`, assignments, quotes, `\` and `^` escapes, empty expansions like `$@`)
//! and reads the command word, which is judged against a vocabulary of executables
//! ([`vocabulary`]): words that are never prose start a command anywhere; words that are
//! also English need shell-shaped arguments (options, absolute paths, variables,
//! redirections, addresses) or a context prose never produces (`;id|`). Globbed command
//! words (`/???/c?t`), variables run as commands (`;$CMD`, `${SHELL} -c`), Shellshock
//! function definitions and calls of code-execution functions (`system('…')`) are attacks
//! too. Nothing is executed.
//!
//! # Map
//!
//! This file holds the entry ([`detect`]), the order in which a value is tried, and the byte
//! classes every part reads. The parts, in the order a value meets them:
//!
//! - `scan` finds where commands start; `word` reads the command word at a start the way a
//!   shell would, `classify` says what the word names and `arguments` weighs what follows it.
//! - `judge` runs the whole-value checks and judges each start, asking the grammar of
//!   `shell`, `windows` and `powershell`, the calls of other languages (`code`), programs
//!   with their own escapes (`tool`) and bare probes (`probe`).
//! - `token`, `markup`, `prose` and `harmless` only quiet a hit: a data token before a
//!   separator, tags and code spans, sentences about commands, ordinary program lines.
//! - `encoding` peels encodings and wrappers and hands the value back to the judge.
//! - [`vocabulary`] lists the programs; `options` finds argument injection.

mod arguments;
mod classify;
mod code;
mod encoding;
mod harmless;
mod judge;
mod markup;
mod options;
mod powershell;
mod probe;
mod prose;
mod scan;
mod shell;
mod token;
mod tool;
pub mod vocabulary;
mod windows;
mod word;

use crate::normalize::{html_entity_decode, percent_decode_deep};
use crate::{AttackKind, Context, Detection, Engine};
use classify::{in_scratch_dir, known_command, last_segment, path_to_run, program_file_name};
use code::string_runs_command;
use encoding::{
    form_decoded, greek_semicolon, has_escape, json_strings, layered_encoding, unicode_escaped,
    wide_separator, xml_document,
};
use harmless::{harmless_chain, interpreter_name, without_data_redirects};
use judge::{judge, judge_any, judge_plain};
use markup::strip_harmless_spans;
use prose::{
    after_powershell_prompt, angle_placeholder, logic_notation, prose_about_commands,
    semicolon_table,
};
use shell::group_value;

/// Most command starts examined per value.
const MAX_STARTS: usize = 64;
/// Longest command word considered.
const MAX_WORD: usize = 64;
/// Bytes of arguments examined after a command word.
const MAX_ARGS: usize = 256;

/// Detect command injection in `value` found in `ctx`.
///
/// Every context is judged alike: a shell sees a header (Shellshock via `User-Agent`), a cookie
/// or a path segment the same way as a parameter, and the vocabulary tiers already keep user
/// agents (`curl/7.68.0`, `(X11; Linux x86_64)`) and cookies (`a=b; path=/`) quiet.
pub fn detect(value: &str, ctx: Context) -> Option<Detection> {
    let found = detect_command(value)?;
    // Asked of flagged values only: most are no path at all and leave at the first byte test.
    // The traversal detector runs at most once for both tests; they read its reason.
    let reason = std::cell::OnceCell::new();
    let traversal =
        || *reason.get_or_init(|| crate::traversal::detect(value, ctx).map(|t| t.reason));
    if climbed_path(value, &traversal) || read_path_or_data_include(value, &traversal) {
        return None;
    }
    Some(found)
}

/// `/proc/net/arp`, `/var/log/lastlog`, `data://text/plain,<?php phpinfo(); ?>`: a value
/// that is one absolute path into a directory that holds no program (the kernel's `/proc`
/// and `/sys`, `/etc`, the logs), whose last name only happens to be a command word, or a
/// PHP `data:` stream an include runs: a file read or a file inclusion, which the traversal
/// detector (asked here, and only on values this detector flagged) reports. `/bin/sh`,
/// `/usr/bin/id`, `/proc/x; id` and a `data:` value that traversal does not judge stay
/// command injection.
fn read_path_or_data_include(value: &str, traversal: &dyn Fn() -> Option<&'static str>) -> bool {
    let v = value.as_bytes();
    let data = v.len() > 5 && v[..5].eq_ignore_ascii_case(b"data:");
    let read = [&b"/proc/"[..], b"/sys/", b"/etc/", b"/var/log/"]
        .iter()
        .any(|d| v.starts_with(d))
        && v.len() <= 1024
        && v.iter().all(|&c| {
            c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-' | b'+' | b':')
        });
    (data || read)
        && traversal().is_some_and(|reason| {
            if data {
                matches!(reason, "scheme" | "data-stream")
            } else {
                reason == "sensitive-file"
            }
        })
}

/// `/scripts/..%c0%af../winnt/system32/cmd.exe?/c+dir`, `/cgi-bin/.%2e/.%2e/bin/sh`,
/// `..%3b/..%3b/docker-compose.yml`, `..\/..\/etc/passwd`: one path-like token whose only
/// "command" is the file a `..` climb reaches. The value walks out of its directory to a
/// program or a file; it starts no command of its own (no blank, separator, substitution or
/// redirection), so the attack is the traversal, and the traversal detector (asked here,
/// and only on values this detector flagged) reports it. The value must still hold a climb:
/// a `..` once percent-decoded, or what the traversal detector reads as one (overlong and
/// wide dots); `/bin/sh` alone, `..;id` (a separator and a command word), `;/bin/sh`,
/// `/bin/sh -c id` and `x/../../bin/sh${IFS}-c${IFS}id` stay command injection. A `;` counts
/// only as Tomcat's path parameter `..;/`; a `+` only in the query part after `?` (IIS's
/// `cmd.exe?/c+dir` asks the server, not a shell, to run the program it climbed to).
fn climbed_path(value: &str, traversal: &dyn Fn() -> Option<&'static str>) -> bool {
    let v = value.as_bytes();
    if v.len() > 1024
        || !v.iter().any(|&b| b == b'.' || b == b'%')
        || v.iter().any(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return false;
    }
    let decoded = if has_escape(v) {
        percent_decode_deep(value)
    } else {
        std::borrow::Cow::Borrowed(value)
    };
    let d = decoded.as_bytes();
    let query = memchr::memchr(b'?', d).unwrap_or(d.len());
    let shell_free = d.iter().enumerate().all(|(i, &b)| match b {
        b' ' | b'\t' | b'\n' | b'\r' | b'|' | b'&' | b'`' | b'$' | b'(' | b')' | b'{' | b'}'
        | b'<' | b'>' => false,
        b';' => d[..i].ends_with(b"..") && d.get(i + 1) == Some(&b'/'),
        b'+' => i > query,
        _ => true,
    });
    if !shell_free {
        return false;
    }
    let climbs = memchr::memmem::find(d, b"..").is_some();
    traversal().is_some_and(|reason| climbs || reason == "climb")
}

/// [`detect`] before the attribution to path traversal.
fn detect_command(value: &str) -> Option<Detection> {
    let bytes = ByteSet::of(value.as_bytes());
    // A value without a separator, quote, expansion, redirection, escape or `%`/`&` (which
    // decoding could turn into one) can only be a command line from its first word on:
    // most ordinary values leave after one table lookup per byte and one word lookup.
    if !bytes.any(STRUCTURE | WIDE) {
        let Some(reason) = judge_plain(value.as_bytes(), bytes) else {
            return greek_semicolon(value, bytes).map(|reason| Detection {
                kind: AttackKind::Cmdi,
                engine: Engine::Grammar,
                score: 1.0,
                reason,
            });
        };
        if reason == "command-line" && prose_about_commands(value.as_bytes()) {
            return None;
        }
        return Some(Detection {
            kind: AttackKind::Cmdi,
            engine: Engine::Grammar,
            score: 1.0,
            reason,
        });
    }
    // ``use `git pull --rebase` ``, ``try `pip install requests` then `python app.py` ``:
    // a code span holding an ordinary program line, even run as a substitution, runs
    // nothing an attacker wants; the value is judged with each such span as a plain word.
    let unspanned = if bytes.any(BACKTICK) {
        strip_harmless_spans(value.as_bytes())
    } else {
        None
    };
    let (sent, sent_bytes) = match &unspanned {
        Some(u) => (u.as_slice(), ByteSet::of(u)),
        None => (value.as_bytes(), bytes),
    };
    let as_sent = if sent_bytes.any(STRUCTURE) {
        judge(sent, sent_bytes)
    } else {
        judge_plain(sent, sent_bytes)
    };
    let reason = as_sent
        .or_else(|| {
            if bytes.any(PERCENT) && has_escape(value.as_bytes()) {
                let decoded = percent_decode_deep(value);
                if decoded != value {
                    return judge_any(decoded.as_bytes())
                        .or_else(|| form_decoded(value, &decoded, bytes));
                }
            }
            None
        })
        .or_else(|| {
            if bytes.any(AMP) && (value.contains("&#") || value.contains("&amp;")) {
                let decoded = html_entity_decode(value);
                if decoded != value {
                    return judge_any(decoded.as_bytes()).or_else(|| {
                        // `&#37;0A&#47;usr&#47;bin&#47;id`: percent escapes spelled as
                        // character references, peeled in the other order.
                        let twice = percent_decode_deep(&decoded);
                        (has_escape(decoded.as_bytes()) && twice != decoded)
                            .then(|| judge_any(twice.as_bytes()))
                            .flatten()
                    });
                }
            }
            None
        })
        .or_else(|| {
            (bytes.any(PIPE | PAREN) && windows::dde_formula(value.as_bytes()))
                .then_some("dde-formula")
        })
        .or_else(|| {
            if matches!(value.as_bytes().first(), Some(b'(' | b'{')) {
                group_value(value.as_bytes())
            } else {
                None
            }
        })
        .or_else(|| layered_encoding(value, bytes))
        .or_else(|| {
            if bytes.any(ESCAPE) {
                unicode_escaped(value)
            } else {
                None
            }
        })
        .or_else(|| {
            if bytes.any(QUOTE) && matches!(value.as_bytes().first(), Some(b'[' | b'{')) {
                json_strings(value)
            } else {
                None
            }
        })
        .or_else(|| {
            if bytes.any(ANGLE) {
                xml_document(value)
            } else {
                None
            }
        })
        .or_else(|| {
            // `；id`, `｜cat /etc/passwd`: judged as the normalised value the shell gets.
            if bytes.any(WIDE) && wide_separator(value.as_bytes()) {
                crate::normalize::fold_to_ascii(value).and_then(|f| judge_any(f.as_bytes()))
            } else {
                None
            }
        })
        .or_else(|| {
            if bytes.any(GREEK) {
                greek_semicolon(value, bytes)
            } else {
                None
            }
        })?;
    // `PS C:\> Get-Service returns nothing for the spooler`: a PowerShell prompt opening a
    // report of what a command printed (see [`after_powershell_prompt`]); asked of flagged
    // values opening with `PS ` only.
    if value.starts_with("PS ")
        && after_powershell_prompt(value.as_bytes()).is_some_and(prose_about_commands)
    {
        return None;
    }
    // `rm -rf node_modules && npm install`, `git log --oneline | head -5`: a whole value
    // that is a list of ordinary program lines (see [`harmless_chain`]), or prose about
    // one (see [`prose_about_commands`]), is quiet whatever the judgment above found. Both
    // tests are pure and only ever quiet a value, so they are asked of flagged values
    // alone: most values with a separator are not flagged, and these tests read words.
    if bytes.any(SEP)
        && !bytes.any(DOLLAR | PAREN | BRACE | ANGLE | ESCAPE | PERCENT)
        && ((!bytes.any(BACKTICK) && harmless_chain(value.as_bytes()))
            || prose_about_commands(value.as_bytes()))
    {
        return None;
    }
    // `git log --oneline | head -n 5 > out.txt`, `Save it: ls -la > files.txt`: the same
    // lists with their output saved to a data file of the working directory (see
    // [`without_data_redirects`]) are as quiet as without the redirection.
    if bytes.all(SEP | ANGLE)
        && !bytes.any(DOLLAR | PAREN | BRACE | ESCAPE | PERCENT | BACKTICK)
        && without_data_redirects(value.as_bytes())
            .is_some_and(|w| harmless_chain(&w) || prose_about_commands(&w))
    {
        return None;
    }
    // `name;amount;date\nRent;1200,00;01.03.2024`: a pasted table with `;` between its
    // fields (Excel's CSV in many locales), read only when flagged.
    if bytes.any(SEMI)
        && bytes.any(LF)
        && !bytes
            .any(DOLLAR | BACKTICK | PAREN | BRACE | ANGLE | PIPE | AMP | QUOTE | ESCAPE | PERCENT)
        && semicolon_table(value.as_bytes())
    {
        return None;
    }
    // `=VLOOKUP(A2;Sheet2!A:C;3;FALSE)`: a spreadsheet formula (see
    // [`crate::data_shape::spreadsheet_formula`]) that reaches no program by DDE, read only
    // when flagged.
    if bytes.any(SEMI)
        && value.starts_with('=')
        && crate::data_shape::spreadsheet_formula(value.as_bytes())
        && !windows::dde_formula(value.as_bytes())
    {
        return None;
    }
    // `ssh <user>@<host> -p 2222`, `ping -c 4 <host>`: a whole command line whose arguments
    // are a manual's angle-bracketed placeholders is a usage line (see [`angle_placeholder`]).
    if reason == "command-line"
        && bytes.any(ANGLE)
        && !bytes.any(SEP | DOLLAR | BACKTICK | PAREN | BRACE | ESCAPE | PERCENT)
        && angle_placeholder(value.as_bytes())
    {
        return None;
    }
    if bytes.any(ANGLE)
        && bytes.any(AMP | PIPE)
        && !bytes.any(
            DOLLAR | BACKTICK | PAREN | BRACE | QUOTE | ESCAPE | PERCENT | SEMI | LF | CR | PLUS,
        )
        && logic_notation(value.as_bytes())
    {
        return None;
    }
    Some(Detection {
        kind: AttackKind::Cmdi,
        engine: Engine::Grammar,
        score: 1.0,
        reason,
    })
}

/// Which interesting bytes a value holds: one bit per class, one table lookup per byte, so
/// each sub-check runs only when the bytes it needs occur.
#[derive(Clone, Copy)]
struct ByteSet(u32);

const SEP: u32 = 1; // ; | & line breaks
const DOLLAR: u32 = 1 << 1;
const BACKTICK: u32 = 1 << 2;
const PAREN: u32 = 1 << 3; // (
const BRACE: u32 = 1 << 4; // {
const ANGLE: u32 = 1 << 5; // < >
const PERCENT: u32 = 1 << 6;
const QUOTE: u32 = 1 << 7; // ' "
const ESCAPE: u32 = 1 << 8; // \ ^
const PLUS: u32 = 1 << 9;
const DASH: u32 = 1 << 10;
const SLASH: u32 = 1 << 11;
const HASH: u32 = 1 << 12;
const AMP: u32 = 1 << 13;
const BRACKET: u32 = 1 << 14; // [
                              // One bit for each [`START_BYTE`] not alone in a class above, so [`StartFinder`] knows
                              // which of them a value holds.
const LF: u32 = 1 << 15;
const CR: u32 = 1 << 16;
const SEMI: u32 = 1 << 17;
const PIPE: u32 = 1 << 18;
const BACKSLASH: u32 = 1 << 19;
const LT: u32 = 1 << 20;
const GT: u32 = 1 << 21;
/// `EF`, the lead byte of the full-width forms (`；`, `｜`, `＆`, `＄`): NFKC normalisation
/// (Python's `unicodedata.normalize`, ICU) and best-fit code-page conversion turn them into
/// the ASCII separators before a shell sees the value.
const WIDE: u32 = 1 << 22;
/// `?`: FreeMarker's built-ins (`?new()`).
const QUESTION: u32 = 1 << 23;
/// `CD`, the lead byte of U+037E GREEK QUESTION MARK, which NFKC normalisation turns into
/// `;` (and of combining accents, which decomposed text holds: those change nothing).
const GREEK: u32 = 1 << 24;
/// Bytes that start a command, change a word or hide one after decoding; without them a
/// value is judged by its first word alone ([`judge_plain`]).
/// Globs, `=` and `@` matter only inside a word, which [`judge_start`] reads either way.
///
/// [`judge_start`]: judge::judge_start
const STRUCTURE: u32 =
    SEP | DOLLAR | BACKTICK | PAREN | BRACE | ANGLE | PERCENT | QUOTE | ESCAPE | PLUS | AMP;

static BYTE_CLASS: [u32; 256] = BYTE_CLASSES;

/// [`BYTE_CLASS`] as nibble tables, for [`ByteSet::of`]'s vectorised pass on long values.
static BYTE_CLASS_NIBBLES: crate::nibble::NibbleClasses =
    crate::nibble::NibbleClasses::new(&BYTE_CLASSES);

/// [`BYTE_CLASS`]'s entries (a constant: the nibble tables are built from it at compile time).
const BYTE_CLASSES: [u32; 256] = {
    let mut t = [0u32; 256];
    t[b';' as usize] = SEP | SEMI;
    t[b'|' as usize] = SEP | PIPE;
    t[b'&' as usize] = SEP | AMP;
    t[b'\n' as usize] = SEP | LF;
    t[b'\r' as usize] = SEP | CR;
    t[b'$' as usize] = DOLLAR;
    t[b'`' as usize] = BACKTICK;
    t[b'(' as usize] = PAREN;
    t[b'{' as usize] = BRACE;
    t[b'<' as usize] = ANGLE | LT;
    t[b'>' as usize] = ANGLE | GT;
    t[b'%' as usize] = PERCENT;
    t[b'\'' as usize] = QUOTE;
    t[b'"' as usize] = QUOTE;
    t[b'\\' as usize] = ESCAPE | BACKSLASH;
    t[b'^' as usize] = ESCAPE;
    t[b'+' as usize] = PLUS;
    t[b'/' as usize] = SLASH;
    t[b'#' as usize] = HASH;
    t[b'[' as usize] = BRACKET;
    t[b'-' as usize] = DASH;
    t[0xef] = WIDE;
    t[0xcd] = GREEK;
    t[b'?' as usize] = QUESTION;
    t
};

impl ByteSet {
    /// The classes of the bytes of `v`: 32 bytes per step with AVX2 where the CPU has it
    /// (long values: prose, markup), eight table look-ups per step otherwise.
    fn of(v: &[u8]) -> ByteSet {
        #[cfg(target_arch = "x86_64")]
        if v.len() >= crate::nibble::wide::MIN_LEN && crate::nibble::wide::available() {
            // SAFETY: `wide::available` checked at run time that this CPU has AVX2, the one
            // target feature `wide::classes` is compiled with; it has no other precondition.
            if let Some(m) = unsafe { crate::nibble::wide::classes(&BYTE_CLASS_NIBBLES, v) } {
                return ByteSet(m);
            }
        }
        ByteSet::of_scalar(v)
    }

    /// [`ByteSet::of`] by table look-ups (portable; short values).
    fn of_scalar(v: &[u8]) -> ByteSet {
        // eight bytes per step: the loop's own work is paid once per eight look-ups
        let (chunks, rest) = v.as_chunks::<8>();
        let mut acc = 0;
        for chunk in chunks {
            for &b in chunk {
                acc |= BYTE_CLASS[usize::from(b)];
            }
        }
        for &b in rest {
            acc |= BYTE_CLASS[usize::from(b)];
        }
        ByteSet(acc)
    }

    /// Whether any byte of the classes in `mask` occurs.
    fn any(self, mask: u32) -> bool {
        self.0 & mask != 0
    }

    /// Whether bytes of every class in `mask` occur.
    fn all(self, mask: u32) -> bool {
        self.0 & mask == mask
    }
}

/// A byte that separates words. NUL counts: a C string ends there, so a shell never sees
/// what follows (`;id%00` hides nothing behind the command), and a script drops it.
fn is_blank(b: u8, plus_is_space: bool) -> bool {
    matches!(b, b' ' | b'\t' | 0x0b | 0x0c | 0) || (plus_is_space && b == b'+')
}

fn is_sep(b: u8) -> bool {
    matches!(b, b';' | b'|' | b'&' | b'\n' | b'\r')
}

/// Whether a value of letters, digits and `_` only is a command that runs bare (`whoami`,
/// `ipconfig`, `uname`) and so is flagged by [`detect`] on its own. Callers that skip such
/// plain values for speed (the engine's value extraction) must still pass these.
///
/// ```
/// assert!(rasp_detect::cmdi::bare_word_is_command("whoami"));
/// assert!(!rasp_detect::cmdi::bare_word_is_command("Whoami"));
/// assert!(!rasp_detect::cmdi::bare_word_is_command("shoes"));
/// ```
pub fn bare_word_is_command(word: &str) -> bool {
    !word.bytes().any(|b| b.is_ascii_uppercase()) && vocabulary::runs_alone(word)
}

#[cfg(test)]
mod tests;
