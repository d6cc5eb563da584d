//! Where commands start: the bytes the start scan acts on and their vectorised search, the
//! kinds of start (separator, line break, substitution, brace expansion), and the scan that
//! collects the starts of a value.
//!
//! Separate from the judge because finding a start says nothing about whether a command
//! follows it, and the scan runs over every byte of each value with structure, so it is
//! tuned (table lookups, vectorised searches) apart from the rules that judge a start.

use super::classify::{classify, CommandWord, EXECUTABLE_EXTENSIONS};
use super::markup::closes_tag;
use super::prose::{one_of, PROSE};
use super::token::trim_blanks;
use super::word::ifs_at;
use super::{
    is_blank, is_sep, vocabulary, ByteSet, AMP, BACKSLASH, BACKTICK, BRACE, CR, DOLLAR, GT, LF, LT,
    MAX_ARGS, MAX_STARTS, MAX_WORD, PAREN, PIPE, SEMI,
};

/// Bytes the command-start scan of [`judge`] acts on.
///
/// [`judge`]: super::judge::judge
pub(super) static START_BYTE: [bool; 256] = crate::byte_set(b";|&\n\r\\$<>`{");

/// [`START_BYTE`] without `<` and `>`: those act only before a `(` (`<(`, `>(`, process
/// substitutions), so a value without `(` is scanned for the others alone (markup is full of
/// angle brackets and would stop the scan at every tag for nothing).
static START_BYTE_NO_ANGLE: [bool; 256] = crate::byte_set(b";|&\n\r\\$`{");

/// Offset of the first byte of `table` in `v`, eight bytes at a time: a word of eight bytes
/// with none of them is passed over with eight table lookups and one branch.
fn skip_to_start_byte(v: &[u8], table: &[bool; 256]) -> Option<usize> {
    let mut chunks = v.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let any = chunk.iter().fold(false, |m, &b| m | table[usize::from(b)]);
        if any {
            break;
        }
        at += 8;
    }
    v[at..]
        .iter()
        .position(|&b| table[usize::from(b)])
        .map(|p| at + p)
}

/// The class bit of each [`START_BYTE`].
const START_CLASSES: [(u32, u8); 11] = [
    (SEMI, b';'),
    (PIPE, b'|'),
    (AMP, b'&'),
    (LF, b'\n'),
    (CR, b'\r'),
    (BACKSLASH, b'\\'),
    (DOLLAR, b'$'),
    (LT, b'<'),
    (GT, b'>'),
    (BACKTICK, b'`'),
    (BRACE, b'{'),
];

/// Bytes under which [`StartFinder::find`] scans with the table.
const SHORT_REST: usize = 32;

/// Finds the next byte of a value the command-start scan acts on. Most values that need the
/// scan hold only one to three of the eleven [`START_BYTE`]s (prose: line breaks; a query:
/// `&`): a vectorised search for those finds the same offset as the table scan, with far
/// fewer instructions per byte.
pub(super) struct StartFinder {
    /// [`START_BYTE`], or [`START_BYTE_NO_ANGLE`] for a value without `(`.
    table: &'static [bool; 256],
    search: Search,
}

/// How [`StartFinder`] searches a rest of [`SHORT_REST`] bytes or more. The searchers are
/// built once per value and called directly: `memchr::memchr` picks its routine through a
/// function pointer on every call, and the scan calls it once per start byte.
enum Search {
    /// No byte to act on at all (a `^` alone brings a value to the scan).
    Nothing,
    One(vector::One),
    Two(vector::Two),
    Three(vector::Three),
    Table,
}

/// The vectorised byte searchers: SSE2, which every x86-64 CPU has, or memchr's portable
/// word-at-a-time routines elsewhere. Each constructor answers `None` where its routine is
/// unavailable, and the finder then scans with the table.
mod vector {
    #[cfg(target_arch = "x86_64")]
    pub use memchr::arch::x86_64::sse2::memchr::{One, Three, Two};

    #[cfg(not(target_arch = "x86_64"))]
    pub use memchr::arch::all::memchr::{One, Three, Two};

    #[cfg(target_arch = "x86_64")]
    pub fn one(a: u8) -> Option<One> {
        One::new(a)
    }

    #[cfg(target_arch = "x86_64")]
    pub fn two(a: u8, b: u8) -> Option<Two> {
        Two::new(a, b)
    }

    #[cfg(target_arch = "x86_64")]
    pub fn three(a: u8, b: u8, c: u8) -> Option<Three> {
        Three::new(a, b, c)
    }

    #[cfg(not(target_arch = "x86_64"))]
    pub fn one(a: u8) -> Option<One> {
        Some(One::new(a))
    }

    #[cfg(not(target_arch = "x86_64"))]
    pub fn two(a: u8, b: u8) -> Option<Two> {
        Some(Two::new(a, b))
    }

    #[cfg(not(target_arch = "x86_64"))]
    pub fn three(a: u8, b: u8, c: u8) -> Option<Three> {
        Some(Three::new(a, b, c))
    }
}

impl StartFinder {
    /// The finder for a value whose [`ByteSet`] is `bytes`: the start bytes it lacks cannot
    /// be found, so searching only for those it holds changes no answer; nor does passing
    /// over `<` and `>` when no `(` can follow them.
    pub(super) fn new(bytes: ByteSet) -> StartFinder {
        let angles_act = bytes.any(PAREN);
        let table = if angles_act {
            &START_BYTE
        } else {
            &START_BYTE_NO_ANGLE
        };
        let mut held = [0u8; 3];
        let mut n = 0;
        for (class, b) in START_CLASSES {
            if bytes.any(class) && (angles_act || !matches!(b, b'<' | b'>')) {
                if n == held.len() {
                    return StartFinder {
                        table,
                        search: Search::Table,
                    };
                }
                held[n] = b;
                n += 1;
            }
        }
        let search = match n {
            0 => Some(Search::Nothing),
            1 => vector::one(held[0]).map(Search::One),
            2 => vector::two(held[0], held[1]).map(Search::Two),
            _ => vector::three(held[0], held[1], held[2]).map(Search::Three),
        }
        .unwrap_or(Search::Table);
        StartFinder { table, search }
    }

    /// Offset of the first byte of the finder's table in `v`. A short rest is scanned with
    /// the table: a vectorised search costs more to set up than a few lookups.
    pub(super) fn find(&self, v: &[u8]) -> Option<usize> {
        if v.len() < SHORT_REST {
            return skip_to_start_byte(v, self.table);
        }
        match &self.search {
            Search::Nothing => None,
            Search::One(s) => s.find(v),
            Search::Two(s) => s.find(v),
            Search::Three(s) => s.find(v),
            Search::Table => skip_to_start_byte(v, self.table),
        }
    }
}

/// How a command start was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Start {
    /// The beginning of the value (the value may be a whole command line).
    Value,
    /// A separator directly followed by the word (`;id`, `|cat`), `&&` or `||`: prose never
    /// writes these.
    Tight,
    /// A separator followed by a blank (`; ls`, `| cat`, ` & dir`).
    Loose,
    /// A separator or line break after one data token (`127.0.0.1; id`, `x'\nid`): as tight
    /// as [`Start::Tight`], except that an English-word command needs shell arguments.
    Data,
    /// A line break (prose has them too, so English-word commands need arguments).
    Newline,
    /// `$(`, `<(`, `>(`, `{a,b}`.
    Subst,
    /// An opening backtick.
    Backtick,
}

/// Offset of the last separator ([`is_sep`]) in `b`: vectorised searches from the end, a
/// window of [`SEP_WINDOW`] bytes at a time, so the search stops near the last separator
/// of either kind (a line break close by ends it even when no `;`, `|` or `&` comes before).
pub(super) fn last_sep(b: &[u8]) -> Option<usize> {
    let mut end = b.len();
    while end > 0 {
        let start = end.saturating_sub(SEP_WINDOW);
        let w = &b[start..end];
        if let Some(p) =
            memchr::memrchr3(b';', b'|', b'&', w).max(memchr::memrchr2(b'\n', b'\r', w))
        {
            return Some(start + p);
        }
        end = start;
    }
    None
}

/// Bytes searched at a time by [`last_sep`].
const SEP_WINDOW: usize = 64;

/// How [`scan_starts`] ended.
pub(super) enum Scan {
    /// The value was read to its end, or up to [`MAX_STARTS`] starts of the exact scan.
    Done,
    /// A rule that needs no command word fired.
    Hit(&'static str),
    /// The lazy scan reached the cap with dead starts counted: its starts may differ from
    /// the exact scan's.
    Capped,
}

/// Whether no command can start at `at` whatever the start's kind: the value ends there or
/// the byte there is a separator other than `&` (the word read there is empty) or a non-ASCII
/// byte (a word opening with one is no command name, path, glob, variable or cmdlet, and
/// [`judge_start`] answers `None` for it). Blank lines (`\n\n`) and line breaks before text in
/// other scripts are common in prose; their kind (a look back over the line) is not needed.
///
/// Nor where the word there is [`no_command_word`]: most starts in prose and markup open a
/// line or clause with such a word, and skip the look back over the line and the word reader.
///
/// [`judge_start`]: super::judge::judge_start
pub(super) fn dead_start(v: &[u8], at: usize, plus: bool) -> bool {
    v.get(at)
        .is_none_or(|&c| c >= 0x80 || matches!(c, b';' | b'|' | b'\n' | b'\r'))
        || no_command_word(v, at, plus)
}

/// [`dead_start`] for the start that opens the value (offset 0, [`Start::Value`]), which
/// [`judge`] and [`judge_plain`] skip when dead: besides the dead starts of any kind, two
/// shapes of word that [`judge_start`] answers `None` for at a value's start
/// ([`unknown_value_word`]). Most values the detector sees open with a path climbing out
/// (`../../etc/passwd`), an e-mail address, a host or a hyphenated word, and are settled
/// here before the word reader and [`classify`].
///
/// [`judge`]: super::judge::judge
/// [`judge_plain`]: super::judge::judge_plain
/// [`judge_start`]: super::judge::judge_start
pub(super) fn dead_value_start(v: &[u8], plus: bool) -> bool {
    dead_start(v, 0, plus) || unknown_value_word(v, plus)
}

/// The bytes of a word [`unknown_value_word`] reads past its first two: those
/// [`read_command_word`] copies into the word as they are at a value's start ([`WORD_BYTE`]s,
/// and `,`, which ends a word only after a separator), less `%` (a variable's) and `=` (an
/// assignment's).
///
/// [`read_command_word`]: super::word::read_command_word
/// [`WORD_BYTE`]: super::word::WORD_BYTE
static VALUE_WORD_BYTE: [bool; 256] = {
    let mut t = [true; 256];
    let special = b" \t\x0b\x0c\0+;|&\n\r()<>}$\\^'\"`%=";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = false;
        i += 1;
    }
    t
};

/// Whether the value opens (after blanks) with a word that [`judge_start`] answers `None`
/// for as a [`Start::Value`]: one opening with `..`; or one opening with two ASCII letters
/// or digits and made of [`VALUE_WORD_BYTE`]s up to the end of a word (or [`MAX_WORD`] of
/// them) that either has no `/`, opens with a pair no command name, DevOps family or
/// PowerShell verb opens ([`vocabulary::may_name_command`]) and does not end in an
/// executable's extension ([`EXECUTABLE_EXTENSIONS`], in any case), or has a `/` and is no `cmd…`, no `bin/…`,
/// `sbin/…`, `usr/…` and no `NAME/sw` (a switch of one to three letters after its first
/// `/`); and that no rule names ([`named_by_a_rule`]).
///
/// Why that settles it: at a value's start [`read_command_word`] skips the blanks only (the
/// word opens with `.` or a letter or digit: no quote, escape, `$IFS` or redirection, which
/// it reads only after a separator), takes no assignment (a `.` opens no name, and an `=`
/// after the name's run is turned away here), and copies the word's bytes lower-cased
/// without removing any: the word opens with the value's first two bytes, and in the second
/// shape is the run, which the reader ends where it is ended here (or cuts at [`MAX_WORD`]).
/// [`classify`] answers [`CommandWord::Unknown`] for a word opening with `..` before any
/// other rule; without a `/`, through the pair filter (no `$` or `%`, no extension); with
/// one, the word is no path (its second byte is no `:`, it opens with no `/`, `./`, `~/` or
/// binary directory), holds no `$` or `%`, and leaves by the rule of a word glued to a
/// switch, which wants the switch. Before classifying, [`judge_start`] reads at a value's
/// start only a PowerShell call operator (`.(`, `&(`, `.$`: the second byte is no `(` or
/// `$`), `cmd,/c` (`cm` is a known pair, and a word with `/` opening with `cmd` is kept
/// out), a `$SHELL` here-string (a `$` or `"` first) and words by name (none opens with
/// `..`; the second shape is no [`named_by_a_rule`] word, and the others a rule names hold a
/// switch, an extension or a leading `.`); the rules that read past the word there either
/// answer `None` or follow a name. For an unknown word at a value's start it reads only a
/// dropped program (never at a value's start), `while`/`until`/`sal`/`nal` (by name) and a
/// cmdlet, whose verb opens with a known pair, never with `..`, and is letters before a
/// noun of letters (no `/`).
///
/// [`judge_start`]: super::judge::judge_start
/// [`named_by_a_rule`]: super::judge::named_by_a_rule
/// [`read_command_word`]: super::word::read_command_word
fn unknown_value_word(v: &[u8], plus: bool) -> bool {
    let rest = &v[v.iter().take_while(|&&b| is_blank(b, plus)).count()..];
    match rest {
        [b'.', b'.', ..] => return true,
        [a, b, ..] if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() => {}
        _ => return false,
    }
    let run = rest
        .iter()
        .take(MAX_WORD)
        .take_while(|&&c| VALUE_WORD_BYTE[usize::from(c)])
        .count();
    // The reader's ends of a word at a value's start, or its full buffer; any other byte
    // (`%`, `=`, a quote, `$`, `\`, `^`, a backtick, a `+` that is no blank) would go on
    // into the word or change it.
    let ended = run == MAX_WORD
        || rest.get(run).is_none_or(|&c| {
            is_blank(c, plus)
                || is_sep(c)
                || matches!(c, b'(' | b')' | b'}')
                || (matches!(c, b'<' | b'>') && rest.get(run + 1..run + 3) != Some(b"()"))
        });
    if !ended {
        return false;
    }
    // Asked of the value's bytes: `/` and the letters of the switch are the same in the
    // word, the prefixes are compared in any case and the pair lower-cased.
    let raw = &rest[..run];
    let unknown = match raw.iter().position(|&c| c == b'/') {
        None => {
            let pair = [raw[0].to_ascii_lowercase(), raw[1].to_ascii_lowercase()];
            let extension = run >= 4
                && raw[run - 4] == b'.'
                && EXECUTABLE_EXTENSIONS
                    .iter()
                    .any(|e| raw[run - 3..].eq_ignore_ascii_case(e));
            !(vocabulary::may_name_command(&pair) || extension)
        }
        Some(slash) => {
            let switch = &raw[slash + 1..];
            let opens = |p: &[u8]| {
                raw.get(..p.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(p))
            };
            let switched =
                (1..=3).contains(&switch.len()) && switch.iter().all(u8::is_ascii_alphabetic);
            !(opens(b"cmd") || opens(b"bin/") || opens(b"sbin/") || opens(b"usr/") || switched)
        }
    };
    // No word a rule names is longer than eight bytes (see [`named_by_a_rule`]).
    unknown && {
        let mut word = [0u8; 8];
        let n = run.min(word.len());
        for (slot, &c) in word.iter_mut().zip(&raw[..n]) {
            *slot = c.to_ascii_lowercase();
        }
        run > word.len() || !super::judge::named_by_a_rule(&word[..n])
    }
}

/// Whether [`judge_start`] answers `None` at `at` for every kind of start, judged from the
/// word there alone, before any quoting or escape bookkeeping: after blanks, a run of ASCII
/// letters and digits opening with a pair of bytes no command name, DevOps family or
/// PowerShell verb opens ([`vocabulary::may_name_command`]), or one or more `-` and then
/// such a run (or none), then at most a few of `.,:!` and the end of the word (the value's
/// end, a blank, a separator, `(`, `)`, `}`, or `<`/`>` not opening an empty substitution).
///
/// Why that settles it: [`read_command_word`] skips the blanks and finds no quote, escape,
/// expansion or assignment (`=` and `_` end the run here), so the word is the run's bytes
/// lower-cased (cut at [`MAX_WORD`], which keeps its first two bytes). No byte of it is a
/// glob, `/`, `$` or `%`, and the only `.` come after the letters, so no path, variable,
/// glob or executable-extension rule of [`classify`] applies, and the vocabulary and version
/// lookups turn the pair away: the word is [`CommandWord::Unknown`]. An unknown word ends
/// [`judge_start`] unless it is PowerShell's `sal`/`nal` alias (kept out here: `sa` opens no
/// command) or a cmdlet (whose verb would open with a known pair); `if` and `for`, read
/// before classifying, open with known pairs; and no PowerShell call operator opens with a
/// letter.
///
/// A word opening with `-` is no assignment (`-` is no identifier byte) nor a redirection,
/// and no name, family or verb opens with `-`, so the pair filter turns it away like the
/// others (a lone `-` is looked up and found in no list); the path, drive, share and cmdlet
/// rules an unknown word meets all need a `/`, `\`, `:` or a verb before a `-`; no rule read
/// before classifying names such a word, and every one that looks at the value at the start
/// wants a `$`, a `>`, `cmd` or a PowerShell operator there.
///
/// [`judge_start`]: super::judge::judge_start
/// [`read_command_word`]: super::word::read_command_word
pub(super) fn no_command_word(v: &[u8], at: usize, plus: bool) -> bool {
    let rest = v.get(at..).unwrap_or_default();
    let rest = &rest[rest.iter().take_while(|&&b| is_blank(b, plus)).count()..];
    // `-- Author` (a quotation's attribution line), `- item`, `-1`: a word opening with
    // dashes names no command either, whatever follows them in the run.
    let dashes = rest.iter().take_while(|&&b| b == b'-').count();
    if dashes == 0 {
        let Some(&a) = rest.first() else {
            return false;
        };
        if !a.is_ascii_alphanumeric() {
            return false;
        }
        match rest.get(1) {
            Some(&b)
                if b.is_ascii_alphanumeric()
                    && !vocabulary::may_name_command(&[
                        a.to_ascii_lowercase(),
                        b.to_ascii_lowercase(),
                    ]) => {}
            // A word the pair filter lets through may still be one the vocabulary does not
            // know (`in`, `to`, `a`): it is looked up whole.
            _ if a.is_ascii_alphabetic() => return unknown_plain_word(rest, plus),
            _ => return false,
        }
    }
    // Past [`MAX_WORD`] bytes the word is cut; a longer run is left to the reader.
    let run = rest
        .iter()
        .take(MAX_WORD)
        .enumerate()
        .take_while(|&(i, c)| i < dashes || c.is_ascii_alphanumeric())
        .count();
    let name = &rest[..run];
    // PowerShell's alias definers and the words that put the next one in command position
    // (see the wrappers in [`judge_start`]) are read though they name no command.
    if [&b"sal"[..], b"nal", b"nice", b"do", b"then", b"else"]
        .iter()
        .any(|w| name.eq_ignore_ascii_case(w))
    {
        return false;
    }
    let tail = &rest[run..];
    let punct = tail
        .iter()
        .take(4)
        .take_while(|&&c| matches!(c, b'.' | b',' | b':' | b'!'))
        .count();
    match tail.get(punct) {
        None => true,
        Some(&c) => {
            is_blank(c, plus)
                || is_sep(c)
                || matches!(c, b'(' | b')' | b'}')
                || (matches!(c, b'<' | b'>')
                    && tail.get(punct + 1..punct + 3) != Some(b"()")
                    // `12>x id`: one or two digits glued to `<`/`>` are a redirection's
                    // descriptor, which the word reader skips to read the command after
                    // its target
                    && !(punct == 0 && run <= 2 && name.iter().all(u8::is_ascii_digit)))
        }
    }
}

/// Whether `rest` (after a start's blanks, opening with an ASCII letter) opens with a word
/// [`judge_start`] answers `None` for at every kind of start: a run of ASCII letters and
/// digits (at most [`MAX_WORD`] bytes) followed by the value's end, a blank, a separator,
/// `(`, `)` or `}`, which [`classify`] finds [`CommandWord::Unknown`] and no rule reads by
/// name.
///
/// Why that settles it: [`read_command_word`] skips no byte of the run (it opens with a
/// letter: no quote, escape, `$`, redirection such as `2>` or `NAME=` assignment) and stops
/// at the byte after it, so the word judged is the run lower-cased, the word classified
/// here. The rules [`judge_start`] reads before the word all want a `$`, a `>`, `cmd`, a
/// quote or a PowerShell operator where the run is; those it reads after it pick words by
/// name ([`named_by_a_rule`], kept out) or, for an unknown word, a path, a drive, a share
/// or a cmdlet's `Verb-Noun` (none without a `/`, `\`, `:` or `-`). So the unknown word ends
/// [`judge_start`] with `None`, as one the pair filter of [`no_command_word`] turns away.
///
/// [`judge_start`]: super::judge::judge_start
/// [`named_by_a_rule`]: super::judge::named_by_a_rule
/// [`read_command_word`]: super::word::read_command_word
fn unknown_plain_word(rest: &[u8], plus: bool) -> bool {
    // The run lower-cased as it is read; a run that fills the buffer and goes on is cut by
    // the reader, and the byte after it (a letter or digit) is no end of the word here.
    let mut buf = [0u8; MAX_WORD];
    let mut run = 0;
    for (slot, &c) in buf.iter_mut().zip(rest) {
        if !c.is_ascii_alphanumeric() {
            break;
        }
        *slot = c.to_ascii_lowercase();
        run += 1;
    }
    let word = &buf[..run];
    rest.get(run)
        .is_none_or(|&c| is_blank(c, plus) || is_sep(c) || matches!(c, b'(' | b')' | b'}'))
        && classify(word) == CommandWord::Unknown
        && !super::judge::named_by_a_rule(word)
}

/// The command starts after separators, line breaks, substitutions and braces, pushed onto
/// `starts` in the order of the value. `lazy`: a [`dead_start`] is counted against
/// [`MAX_STARTS`] without working out its kind (or whether it is a start at all) and is not
/// pushed, since it can never be a command; should the cap be reached with any counted, the
/// answer is [`Scan::Capped`]. Otherwise the starts pushed are the exact scan's less its
/// dead ones, which decide nothing.
#[inline(always)]
pub(super) fn scan_starts(
    v: &[u8],
    bytes: ByteSet,
    plus_is_space: bool,
    starts: &mut Starts,
    lazy: bool,
) -> Scan {
    let finder = StartFinder::new(bytes);
    let mut backtick_open = false;
    // Dead starts the exact scan pushes (after a separator, always a start) and those it
    // may drop (after a line break, kept only when not a wrapped line of prose).
    let (mut dead, mut maybe_dead) = (0, 0);
    let mut i = 0;
    while i < v.len() && starts.len() + dead + maybe_dead < MAX_STARTS {
        // Only these bytes can start a command; skip the rest with one lookup each.
        match finder.find(&v[i..]) {
            Some(p) => i += p,
            None => break,
        }
        let b = v[i];
        let next = v.get(i + 1).copied();
        // `&gt;`, `&#39;`: a character reference is one character of text, not `&` + `;`.
        if b == b'&' {
            if let Some(len) = entity_len(&v[i..]) {
                i += len;
                continue;
            }
        }
        // `${IFS}id`, `x$IFS$9id`: a field separator only a shell spells; the next word is
        // in command position as tightly as after `;`.
        if b == b'$' {
            if let Some(len) = ifs_at(v, i) {
                let mut after = i + len;
                // `$IFS$9`: the positional parameter after it is empty.
                if v.get(after) == Some(&b'$') && v.get(after + 1).is_some_and(u8::is_ascii_digit) {
                    after += 2;
                }
                starts.push((after, Start::Tight));
                i = after;
                continue;
            }
        }
        match b {
            b';' | b'|' | b'&' => {
                // `|&` is bash's pipe of both output streams: one operator, like `||`.
                let doubled = (next == Some(b) && b != b';') || (b == b'|' && next == Some(b'&'));
                let after = if doubled { i + 2 } else { i + 1 };
                if lazy && dead_start(v, after, plus_is_space) {
                    dead += 1;
                    i = after;
                    continue;
                }
                // A value that opens with a separator was written to follow something.
                let leads = v[..i].iter().all(|&c| {
                    is_blank(c, plus_is_space) || matches!(c, b'\'' | b'"' | b';' | b'|' | b'&')
                });
                let kind = if doubled || leads {
                    Start::Tight
                } else if b == b';' && ends_call(&v[..i], plus_is_space) {
                    // `f(x);copy`: a `;` after a closed call ends a statement of C-family
                    // code; an English word after it is an identifier unless shell
                    // arguments follow (as after a data token).
                    Start::Data
                } else if v
                    .get(after)
                    .is_some_and(|&c| !is_blank(c, plus_is_space) && !is_sep(c))
                {
                    Start::Tight
                } else if after_data_token(v, i, plus_is_space) {
                    Start::Data
                } else {
                    Start::Loose
                };
                starts.push((after, kind));
                i = after;
                continue;
            }
            // `\r\n` is one line break: the line before it decides how tight the start is.
            b'\r' if next == Some(b'\n') => {
                if lazy && dead_start(v, i + 2, plus_is_space) {
                    maybe_dead += 1;
                } else if let Some(kind) = line_start(v, i, i + 2, plus_is_space) {
                    starts.push((i + 2, kind));
                }
                i += 2;
                continue;
            }
            b'\n' | b'\r' => {
                if lazy && dead_start(v, i + 1, plus_is_space) {
                    maybe_dead += 1;
                } else if let Some(kind) = line_start(v, i, i + 1, plus_is_space) {
                    starts.push((i + 1, kind));
                }
            }
            // A line break spelled as an escape, for applications that unescape it.
            b'\\' if matches!(next, Some(b'n' | b'r')) => {
                if lazy && dead_start(v, i + 2, plus_is_space) {
                    maybe_dead += 1;
                } else if let Some(kind) = line_start(v, i, i + 2, plus_is_space) {
                    starts.push((i + 2, kind));
                }
                i += 2;
                continue;
            }
            // `</span>(`: the `>` closes markup; `(` is the text after the tag
            b'>' if next == Some(b'(') && closes_tag(v, i) => {}
            b'$' | b'<' | b'>' if next == Some(b'(') => {
                starts.push((i + 2, Start::Subst));
                i += 2;
                continue;
            }
            // A Markdown code fence (```` ```python ```` opening a line, or a line of
            // backticks closing one): the text between is shown, and each of its lines is
            // judged as a line, not as one command substitution.
            b'`' if markdown_fence(v, i) => {
                i += v[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .unwrap_or(v.len() - i);
                continue;
            }
            b'`' => {
                // ``1 AND `sleep`(5)``: a quoted identifier called as a function is MySQL's;
                // to a shell a substitution glued to `(` is a syntax error, and the line
                // runs nothing.
                if !backtick_open
                    && next != Some(b'`')
                    && memchr::memchr(b'`', &v[i + 1..])
                        .is_none_or(|p| v.get(i + 2 + p) != Some(&b'('))
                    && !open_quote_in_backticks(&v[i + 1..])
                {
                    starts.push((i + 1, Start::Backtick));
                }
                if next == Some(b'`') {
                    i += 2;
                    continue;
                }
                backtick_open = !backtick_open;
            }
            b'{' if brace_word(v, i) => return Scan::Hit("brace-expansion"),
            b'{' => {
                // Brace expansion `{cmd,arg}`: a comma before the closing brace, no blank.
                let body = &v[i + 1..v.len().min(i + 1 + MAX_ARGS)];
                if let Some(close) = body.iter().position(|&c| c == b'}') {
                    let inner = &body[..close];
                    if inner.contains(&b',') && !inner.contains(&b' ') && brace_command(inner) {
                        starts.push((i + 1, Start::Subst));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    if maybe_dead > 0 && i < v.len() && starts.len() + dead + maybe_dead >= MAX_STARTS {
        Scan::Capped
    } else {
        Scan::Done
    }
}

/// Whether the command substitution whose text follows a backtick (`body`, up to the next
/// backtick or the value's end) leaves a single quote open: GNU's quoting in prose
/// (`` `uuencode' prepares a file ``), where a backtick opens a name and a `'` closes it. A
/// shell parses the substitution's text as a script of its own, and a `'` that nothing
/// closes there is a syntax error (the quote would run to the end of the script), so the
/// substitution runs nothing. Counted only when the text has no `"` or `\`, which could
/// hold or escape a quote: then every `'` opens or closes one, and an odd count leaves the
/// last open.
fn open_quote_in_backticks(body: &[u8]) -> bool {
    let text = &body[..memchr::memchr(b'`', body).unwrap_or(body.len())];
    memchr::memchr2(b'"', b'\\', text).is_none()
        && memchr::memchr_iter(b'\'', text).count() % 2 == 1
}

/// Whether `before` ends with a call closed by `)` (`require('node:os')`, `f()`): the
/// last non-blank byte is `)` and a name is glued to its `(`. A substitution `$(id)` is
/// a shell's and does not count.
fn ends_call(before: &[u8], plus: bool) -> bool {
    let end = before
        .iter()
        .rposition(|&b| !is_blank(b, plus))
        .map_or(0, |p| p + 1);
    let text = &before[before.len().min(end).saturating_sub(MAX_ARGS)..end];
    if text.last() != Some(&b')') {
        return false;
    }
    let mut depth = 0usize;
    for (i, &b) in text.iter().enumerate().rev() {
        match b {
            b')' => depth += 1,
            b'(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let name = text[..i].last();
                    return name.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
                }
            }
            _ => {}
        }
    }
    false
}

/// How tightly a line break at `at` starts a command: as tightly as `;` after a data token
/// (`8.8.8.8\nid`), not at all inside hard-wrapped prose (the next line continues a
/// sentence), else as a [`Start::Newline`].
///
/// A break after a first line of one plain token, with the next line glued to it and ending
/// the value (`main\necho vulnerable`, `abc\r\ncat flag`), is as tight as `main;echo
/// vulnerable`: see [`glued_after_token_line`].
fn line_start(v: &[u8], at: usize, after: usize, plus: bool) -> Option<Start> {
    if glued_after_token_line(v, at, after, plus) {
        Some(Start::Tight)
    } else if after_data_token(v, at, plus) {
        Some(Start::Data)
    } else if wrapped_prose_line(v, at) {
        None
    } else {
        Some(Start::Newline)
    }
}

/// Whether the line break at `at` (the next line starting at `after`) ends a first line
/// that is one plain token (`main`, `abc_1`, `x-y.z`) and the next line, glued to the break
/// and the last of the value, is a command with arguments and no words of a sentence
/// (`echo vulnerable`, `cat flag`): the shape of a parameter's value with a command line
/// appended after an encoded line break (`main%0aecho vulnerable`), which a shell runs as
/// it runs `main;echo vulnerable`. Prose is kept out: a capitalised first word (`Hello`,
/// `Thanks`) opens a letter or a greeting, a blank after the break indents a list, a third
/// line makes the value a list of lines, and function words or pronouns (`ok\nping me
/// later`, `Hello\necho is a nice name`) make the line a sentence. A command alone on the
/// line is left to the newline rules (`apple\ncat` lists two words).
fn glued_after_token_line(v: &[u8], at: usize, after: usize, plus: bool) -> bool {
    const PRONOUNS: &[&[u8]] = &[
        b"i", b"me", b"us", b"him", b"her", b"them", b"he", b"she", b"its", b"our", b"their",
        b"his", b"so", b"too", b"if", b"at", b"as", b"up", b"out", b"all",
    ];
    if at == 0 || at > 64 || !v.get(after).is_some_and(|&c| c.is_ascii_lowercase()) {
        return false;
    }
    let token = trim_blanks(&v[..at], plus);
    if token.is_empty()
        || token[0].is_ascii_uppercase()
        || !token
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    {
        return false;
    }
    let rest = &v[after..v.len().min(after + MAX_ARGS)];
    let line = trim_blanks(rest, plus);
    if after + MAX_ARGS < v.len() || line.iter().any(|&b| matches!(b, b'\n' | b'\r')) {
        return false;
    }
    let mut words = line.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
    words.next();
    let mut args = 0;
    for t in words.take(8) {
        if one_of(PROSE, t) || one_of(PRONOUNS, t) {
            return false;
        }
        args += 1;
    }
    args > 0
}

/// Whether the text between the previous separator (or the value's start) and the separator
/// at `sep` is one data token: a number, address, host or file name (`127.0.0.1`, `10`,
/// `a@b.c`, `abc.txt`, `/tmp/x`), or a token closed by a quote (`x'`). A parameter's value
/// followed by a separator and a command is the shape of an injection; prose puts words,
/// not data, before `;`, `|`, `&` or a line break.
pub(super) fn after_data_token(v: &[u8], sep: usize, plus: bool) -> bool {
    // A token is at most 64 bytes: look back a bounded window, so a long value with many
    // separators costs no more than a short one (a segment longer than the window, which
    // only blank padding could trim to a token, counts as prose).
    let lo = sep.saturating_sub(128);
    let before = &v[lo..sep];
    if two_words_end(before, plus) {
        return false;
    }
    let from = match last_sep(before) {
        Some(p) => p + 1,
        None if lo > 0 => return false,
        None => 0,
    };
    // `\n` spelled as an escape counts as a separator too.
    let from = before[from..]
        .windows(2)
        .rposition(|w| w[0] == b'\\' && matches!(w[1], b'n' | b'r'))
        .map_or(from, |p| from + p + 2);
    let seg = &before[from..];
    let lead = seg.iter().position(|&b| !is_blank(b, plus));
    let Some(lead) = lead else {
        return false;
    };
    let seg = &seg[lead..];
    let trail = seg.iter().rposition(|&b| !is_blank(b, plus)).unwrap_or(0);
    let seg = &seg[..=trail];
    // Code (`f(); copy`, `a = b;`) and lists are not one data token.
    if seg.len() > 64
        || seg.iter().any(|&b| {
            is_blank(b, plus)
                || matches!(
                    b,
                    b'(' | b')'
                        | b'{'
                        | b'}'
                        | b'['
                        | b']'
                        | b'='
                        | b','
                        | b'<'
                        | b'>'
                        | b'`'
                        | b'$'
                )
        })
    {
        return false;
    }
    // A quote left open closes the application's string (`x'`); a whole literal (`'a'`) is
    // data like any other token.
    if let Some(&q @ (b'\'' | b'"')) = seg.last() {
        return seg.iter().filter(|&&b| b == q).count() % 2 == 1;
    }
    // `sys.path.`, `done,`: a token closing a sentence or a clause is prose.
    if matches!(seg.last(), Some(b'.' | b',' | b':' | b'!' | b'?')) {
        return false;
    }
    if seg.first() == Some(&b'/') {
        return true;
    }
    // An inner dot followed by two or more letters or digits: a host or file name, not an
    // abbreviation (`e.g.`, `U.S.`).
    let dotted = seg.windows(3).enumerate().any(|(i, w)| {
        i > 0 && w[0] == b'.' && w[1].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric()
    });
    dotted || seg.iter().any(|&b| b.is_ascii_digit() || b == b'@')
}

/// Whether `before` ends with two words (`… my order`), no separator or escaped line break
/// between them: prose, which no single data token is. A quick answer for the common case;
/// [`after_data_token`] reaches the same verdict the long way.
fn two_words_end(before: &[u8], plus: bool) -> bool {
    let mut j = before.len();
    while j > 0 && is_blank(before[j - 1], plus) {
        j -= 1;
    }
    let mut k = j;
    while k > 0
        && !is_blank(before[k - 1], plus)
        && !is_sep(before[k - 1])
        && before[k - 1] != b'\\'
    {
        k -= 1;
    }
    if k == j || k == 0 || !is_blank(before[k - 1], plus) {
        return false;
    }
    let mut m = k;
    while m > 0 && is_blank(before[m - 1], plus) {
        m -= 1;
    }
    // A word ending in an escaped line break (`x\\n 10.0.0.1`) starts a new segment there.
    m > 0 && !is_sep(before[m - 1]) && before[m - 1] != b'\\' && !(m >= 2 && before[m - 2] == b'\\')
}

/// Whether the line break at `at` wraps a sentence: the line before holds four or more words
/// and ends in a letter or comma, so the next line continues the sentence (`… can be
/// invoked using\npython -m module`), and its first word is no command start.
fn wrapped_prose_line(v: &[u8], at: usize) -> bool {
    let before = &v[..at];
    // The line's last byte decides first (no look-back needed when it ends a sentence).
    if !before
        .last()
        .is_some_and(|&c| c.is_ascii_alphabetic() || c == b',')
    {
        return false;
    }
    let from = memchr::memrchr2(b'\n', b'\r', before).map_or(0, |p| p + 1);
    let line = &before[from..];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let ends_mid_sentence = line
        .last()
        .is_some_and(|&c| c.is_ascii_alphabetic() || c == b',');
    ends_mid_sentence && letter_words_at_least(line, 4)
}

/// Whether `line`, split at spaces, holds at least `n` (≥ 1) words of two or more ASCII
/// letters: one pass over the bytes that stops at the `n`-th such word.
pub(super) fn letter_words_at_least(line: &[u8], n: usize) -> bool {
    let (mut found, mut len, mut letters) = (0, 0usize, true);
    for &b in line {
        if b == b' ' {
            if len > 1 && letters {
                found += 1;
                if found >= n {
                    return true;
                }
            }
            (len, letters) = (0, true);
        } else {
            len += 1;
            letters &= b.is_ascii_alphabetic();
        }
    }
    len > 1 && letters && found + 1 >= n
}

/// Length of an HTML character reference (`&amp;`, `&#60;`, `&#x3c;`) at the start of `v`.
fn entity_len(v: &[u8]) -> Option<usize> {
    let body = v.get(1..)?;
    let (skip, ok): (usize, fn(&u8) -> bool) = match body {
        [b'#', b'x' | b'X', ..] => (2, u8::is_ascii_hexdigit),
        [b'#', ..] => (1, u8::is_ascii_digit),
        _ => (0, u8::is_ascii_alphanumeric),
    };
    // A named reference starts with a letter (`&amp;`): `2>&1; id` duplicates descriptor 1
    // and ends the command at its `;`.
    if skip == 0 && !body.first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let n = body[skip..].iter().take(12).take_while(|c| ok(c)).count();
    (n > 0 && body.get(skip + n) == Some(&b';')).then_some(1 + skip + n + 1)
}

/// Command starts found in a value, in a fixed buffer of [`MAX_STARTS`]. Offsets and kinds
/// are kept apart (no padding after each kind), so the buffer a value sets up is half the
/// size of one of pairs.
pub(super) struct Starts {
    at: [usize; MAX_STARTS],
    kind: [Start; MAX_STARTS],
    pub(super) len: usize,
}

impl Default for Starts {
    #[inline]
    fn default() -> Self {
        Starts {
            at: [0; MAX_STARTS],
            kind: [Start::Value; MAX_STARTS],
            len: 0,
        }
    }
}

impl Starts {
    pub(super) fn push(&mut self, (at, kind): (usize, Start)) {
        if self.len < MAX_STARTS {
            self.at[self.len] = at;
            self.kind[self.len] = kind;
            self.len += 1;
        }
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The starts in the order they were pushed.
    pub(super) fn iter(&self) -> impl Iterator<Item = (usize, Start)> + '_ {
        self.at[..self.len]
            .iter()
            .copied()
            .zip(self.kind[..self.len].iter().copied())
    }
}

/// Whether a Markdown code fence opens at `i`: three backticks or more at the start of a
/// line, then at most an info string (a language name) up to the line's end.
fn markdown_fence(v: &[u8], i: usize) -> bool {
    if i > 0 && v[i - 1] != b'\n' {
        return false;
    }
    let run = v[i..].iter().take_while(|&&b| b == b'`').count();
    let info = v[i + run..]
        .iter()
        .take(24)
        .take_while(|&&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'+' | b'#' | b'-' | b'.' | b'_')
        })
        .count();
    run >= 3 && matches!(v.get(i + run + info), None | Some(b'\n' | b'\r'))
}

/// Whether a brace list (`cat,/etc/passwd`) can be a command: its first item is no
/// everyday English word, or a later item is shaped like a shell argument (an option, a
/// path, a variable, a number: `{sleep,5}`). `{cat,dog}` is a set of words.
fn brace_command(inner: &[u8]) -> bool {
    let mut items = inner.split(|&b| b == b',');
    let first = items.next().unwrap_or_default();
    let first = first.trim_ascii();
    !vocabulary::is_english(&first.to_ascii_lowercase())
        || items.any(|t| {
            matches!(
                t.first(),
                Some(b'-' | b'/' | b'~' | b'.' | b'$' | b'>' | b'<')
            ) || t.contains(&b'/')
                || (!t.is_empty() && t.iter().all(u8::is_ascii_digit))
        })
}

/// A brace expansion inside a word (`c{a,oun}t`, `{l,-lh}s`) whose first expansion is a
/// known command: only a shell spells a word that way.
fn brace_word(v: &[u8], open: usize) -> bool {
    let is_part = |c: &u8| c.is_ascii_alphanumeric() || *c == b'-';
    let prefix_len = v[..open]
        .iter()
        .rev()
        .take(16)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let body = &v[open + 1..v.len().min(open + 1 + 64)];
    let Some(close) = body.iter().position(|&c| c == b'}') else {
        return false;
    };
    let inner = &body[..close];
    if !inner.contains(&b',') || !inner.iter().all(|c| is_part(c) || *c == b',') {
        return false;
    }
    let suffix = &body[close + 1..];
    let suffix_len = suffix
        .iter()
        .take(16)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if prefix_len + suffix_len == 0 {
        return false;
    }
    let first = inner.split(|&c| c == b',').next().unwrap_or(&[]);
    if first.first() == Some(&b'-') {
        return false;
    }
    // At most 16 + 64 + 16 bytes: assembled on the stack.
    let mut buf = [0u8; 96];
    let parts = [&v[open - prefix_len..open], first, &suffix[..suffix_len]];
    let mut n = 0;
    for part in parts {
        buf[n..n + part.len()].copy_from_slice(part);
        n += part.len();
    }
    let word = &mut buf[..n];
    word.make_ascii_lowercase();
    matches!(classify(word), CommandWord::Known(_))
}

#[cfg(test)]
mod tests {
    use super::super::judge::judge_start;
    use super::super::{detect, vocabulary};
    use super::{dead_start, dead_value_start, no_command_word, Start};
    use crate::Context;

    const ALL_KINDS: [Start; 7] = [
        Start::Value,
        Start::Tight,
        Start::Loose,
        Start::Data,
        Start::Newline,
        Start::Subst,
        Start::Backtick,
    ];

    /// [`VALUE_WORD_BYTE`] is the word reader's [`WORD_BYTE`] with `,` in and `%`, `=` out.
    ///
    /// [`WORD_BYTE`]: super::super::word::WORD_BYTE
    #[test]
    fn value_word_bytes_are_the_readers() {
        for c in 0..=255u8 {
            let want = match c {
                b',' => true,
                b'%' | b'=' => false,
                _ => super::super::word::WORD_BYTE[usize::from(c)],
            };
            assert_eq!(super::VALUE_WORD_BYTE[usize::from(c)], want, "{c}");
        }
        // `cmd,/c` is read before the word: `cm` must pass the pair filter.
        assert!(vocabulary::may_name_command(b"cmd"));
    }

    /// A value start is dead by [`dead_value_start`] only where [`judge_start`] answers
    /// `None` for it, on values that put next to such a word what the reader and the
    /// rules read: quotes, escapes, assignments, paths, extensions, switches, cmdlets,
    /// rule words, a full buffer, and commands after it.
    #[test]
    fn dead_value_starts_are_judged_none() {
        let long = format!("zq{}", "x".repeat(70));
        let long_id = format!("zq{}; id", "x".repeat(62));
        let values = [
            "../../../../etc/passwd",
            "..\\..\\windows\\win.ini",
            " ..;/manager/html",
            "..(id)",
            "..$(id)",
            "..;id",
            "mozilla/5.0 (X11; Linux x86_64)",
            "juettner@example.org",
            "jonesfurt, CA 90210; id",
            "face-to-face meeting | sh",
            "1981-07-12",
            "zq.exe /c calc",
            "ZQ.EXE",
            "zq.bat",
            "zqx.ps1",
            "zqx.Scr",
            "zq@x.org; id",
            "zq'x' id",
            "zq\\x",
            "zq$x",
            "zq=1 id",
            "zq,/c id",
            "zq%20id",
            "zq/x id",
            "zq/xyz id",
            "https://example.org/x?y#z; id",
            "cmd,/c,whoami",
            "cmd/c whoami",
            "Cmd,/C,whoami",
            "dir/s",
            "if/i 1==1 id",
            "bin/sh -c id",
            "usr/bin/id",
            "sbin/ip a",
            "c:/x.exe",
            "ab/../../etc/passwd",
            "ls/",
            "whoami/abcd",
            "get-process/x -Name y",
            "zq+x",
            "zq>()id",
            "zq<(id)",
            "zq(id)",
            "zq`id`",
            "zq^x",
            "Get-Process -Name x",
            "Sal x iex",
            "nal x iex",
            "sal",
            "then id",
            "while true; do id; done",
            "waitfor /t 5 x",
            "xx yy",
            "\t zq.x:y!z?* id",
            "é; id",
            long.as_str(),
            long_id.as_str(),
        ];
        let mut dead = 0;
        for v in values {
            let b = v.as_bytes();
            for plus in [false, true] {
                if !dead_value_start(b, plus) {
                    continue;
                }
                dead += 1;
                assert_eq!(judge_start(b, 0, Start::Value, plus), None, "{v:?}");
            }
        }
        assert!(dead > 20, "{dead}");
        assert!(dead_value_start(b"../../etc/passwd", false));
        assert!(dead_value_start(b"zqettner@example.org", false));
        assert!(!dead_value_start(b"zqx.Exe", false));
        assert!(dead_value_start(b"https://example.org/a?b", false));
        assert!(!dead_value_start(b"cmd,/c,whoami", false));
        assert!(!dead_value_start(b"dir/s", false));
        assert!(!dead_value_start(b"zq.exe", false));
        assert!(!dead_value_start(b"zq=1 id", false));
        assert!(!dead_value_start(b"zq'x'", false));
    }

    /// A start on a word opening with dashes is dead only where [`judge_start`] answers
    /// `None` for every kind, at every offset of values that put dashes next to what a
    /// command start reads: options, redirections, assignments, quotes, paths, drives,
    /// cmdlets, substitutions, and a command after the dashes.
    #[test]
    fn dash_led_words_are_never_commands() {
        let long_dashes = format!("x\n{} id", "-".repeat(70));
        let long_run = format!("x\n--{}; id", "a".repeat(70));
        let values = [
            "Some quotation.\n\t\t-- Author Name",
            "x\n-- \n--\n-\n- item\n-1\n-999.9",
            "x;-- id",
            "x; --help | sh",
            "x|-1; id",
            "x\n-rf /tmp",
            "x\n--output=/tmp/x id",
            "x\n-x=1 id",
            "x\n-'a' id",
            "x\n-\\x id",
            "x\n-$IFS$9id",
            "x\n-`id`",
            "x\n-a.exe /c calc",
            "x\n-c:\\x.exe",
            "x\n-/tmp/x",
            "x\n-Get-Process -Name x",
            "x\n--<(id)",
            "x\n-->()id",
            "x\n-(id)",
            "x\n-}; id",
            "x\n-.:!, id",
            "x\n-!id",
            "x\n-- >/tmp/pwned",
            "x&&-- cat /etc/passwd",
            "$(-- id)",
            "`-- id`",
            "{-,cat,/etc/passwd}",
            long_dashes.as_str(),
            long_run.as_str(),
        ];
        let mut turned_away = 0;
        for v in values {
            let b = v.as_bytes();
            for at in 0..=b.len() {
                for plus in [false, true] {
                    if !no_command_word(b, at, plus) {
                        continue;
                    }
                    turned_away += 1;
                    for kind in ALL_KINDS {
                        assert_eq!(
                            judge_start(b, at, kind, plus),
                            None,
                            "{v:?} at {at} {kind:?}"
                        );
                    }
                }
            }
        }
        assert!(turned_away > 100, "{turned_away}");
        // No name, DevOps family or PowerShell verb opens with `-`.
        for c in 0..=255u8 {
            assert!(!vocabulary::may_name_command(&[b'-', c]), "-{c}");
        }
        assert!(dead_start(b"x\n\t\t-- Author", 2, false));
        assert!(dead_start(b"x\n-1", 2, false));
        assert!(!dead_start(b"x\n-a.exe", 2, false));
        assert!(!dead_start(b"x\n-x=1 id", 2, false));
        // The commands after the dashes are still found.
        for v in ["x;-- ; id", "x\n--\nid;", "a\n-- x; cat /etc/passwd"] {
            assert!(detect(v, Context::Param).is_some(), "{v}");
        }
    }
}
