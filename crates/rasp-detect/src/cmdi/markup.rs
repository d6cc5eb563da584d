//! Markup around a command: HTML tags whose `<` and `>` are no redirection, Markdown code
//! spans and fences that name a command in prose, and spans that run a probe.
//!
//! Separate because markup is the most common source of shell bytes in benign text: a tag
//! or a code span must be told apart from a redirection or a substitution.

use super::classify::base_is;
use super::harmless::harmless_chain_with;
use super::token::{in_product_comment, trim_blanks};
use super::{is_blank, options, vocabulary};

/// `v` with every backtick pair whose text is a [`harmless_chain`] replaced by one plain
/// word, or `None` when no span qualifies. A span stays within a line; at most eight spans
/// are read.
///
/// [`harmless_chain`]: super::harmless::harmless_chain
pub(super) fn strip_harmless_spans(v: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    let mut changed = false;
    for _ in 0..8 {
        let Some(open) = memchr::memchr(b'`', &v[i..]).map(|p| i + p) else {
            break;
        };
        let Some(close) = memchr::memchr(b'`', &v[open + 1..]).map(|p| open + 1 + p) else {
            break;
        };
        let text = &v[open + 1..close];
        out.extend_from_slice(&v[i..open]);
        // A span of prose stands between blanks or punctuation; spans glued to each other
        // or to a word (`` `echo x``expr 5 + 5` ``, commix's probe) are substitutions
        // building one word.
        let set_off = (open == 0
            || matches!(v[open - 1], b' ' | b'\t' | b'"' | b'\'')
            || (v[open - 1] == b'(' && (open == 1 || !matches!(v[open - 2], b'$' | b'<' | b'>'))))
            && v.get(close + 1).is_none_or(|&b| {
                matches!(
                    b,
                    b' ' | b'\t' | b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b'"' | b'\''
                )
            });
        // A span that is the whole value stands in no sentence: `` `ls -la` ``,
        // `` `echo JVJWWG` `` sent alone are substitutions (a scanner's marker echoed back),
        // which nothing around them presents as code being shown.
        let whole = v[..open].iter().all(|&b| is_blank(b, false))
            && v[close + 1..].iter().all(|&b| is_blank(b, false));
        if set_off
            && !whole
            && !text.is_empty()
            && !text.iter().any(|&b| b == b'\n' || b == b'\r')
            && harmless_chain_with(text, true)
        {
            out.extend_from_slice(b"snippet");
            changed = true;
        } else {
            out.extend_from_slice(&v[open..=close]);
        }
        i = close + 1;
    }
    out.extend_from_slice(&v[i..]);
    changed.then_some(out)
}

/// Whether the `>` at `gt` ends an HTML tag: `</span>`, `<span>`, `<b class="x">`. A process
/// substitution `>(cmd)` follows a command or a blank, never a tag name.
pub(super) fn closes_tag(v: &[u8], gt: usize) -> bool {
    let from = gt.saturating_sub(256);
    let Some(lt) = v[from..gt]
        .iter()
        .rposition(|&b| b == b'<')
        .map(|p| from + p)
    else {
        return false;
    };
    if v[lt..gt].contains(&b'>') {
        return false;
    }
    let tag = &v[lt..=gt];
    let close = tag.get(1) == Some(&b'/');
    let name_at = 1 + usize::from(close);
    let name = tag[name_at..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name == 0 || !tag[name_at].is_ascii_alphabetic() {
        return false;
    }
    // `</span>`, `<span>`, or a start tag with quoted attributes
    name_at + name + 1 == tag.len() || (!close && html_start_tag(tag))
}

/// `<dd class="x">`, `<a href='…' hidden>`: a start tag whose attributes are HTML's
/// `name="value"` pairs (at least one quoted value) closed by `>`. Markup, not `<` redirecting
/// a command's input: a shell never writes `=` glued to a quoted string before a `>`.
pub(super) fn html_start_tag(v: &[u8]) -> bool {
    let v = &v[..v.len().min(512)];
    let name = v[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let mut i = 1 + name;
    let mut quoted = 0;
    // each attribute: blanks, a name, optionally `=` and a quoted value (bounded by `v`)
    while i < v.len() {
        while i < v.len() && matches!(v[i], b' ' | b'\t' | b'\n') {
            i += 1;
        }
        match v.get(i) {
            Some(b'>') => return quoted > 0,
            Some(b'/') if v.get(i + 1) == Some(&b'>') => return quoted > 0,
            _ => {}
        }
        let n = v[i..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
            .count();
        if n == 0 {
            return false;
        }
        i += n;
        if v.get(i) == Some(&b'=') {
            let q = match v.get(i + 1) {
                Some(&q @ (b'"' | b'\'')) => q,
                _ => return false,
            };
            match v[i + 2..].iter().position(|&b| b == q) {
                Some(p) => i += 2 + p + 1,
                None => return false,
            }
            quoted += 1;
        }
    }
    false
}

/// Whether the backtick before `at` opens a Markdown code span inside prose: a blank before
/// it, and after the closing backtick a blank and a letter,
/// or end-of-sentence punctuation.
pub(super) fn markdown_code_span(v: &[u8], at: usize, plus: bool) -> bool {
    let open = at.saturating_sub(1);
    // A span glued to `(` is as likely `$(`…`)`. A span opening the value counts when
    // prose follows it (`` `ls` shows nothing ``), as below.
    if open > 0 && !is_blank(v[open - 1], plus) {
        return false;
    }
    // ``Mozilla/5.0 (X11; `id`)``: inside a User-Agent's comment fields a backtick is no
    // Markdown; a header is not prose.
    if in_product_comment(v, open, plus) {
        return false;
    }
    let span = &v[at..v.len().min(at + 64)];
    let Some(close) = span.iter().position(|&b| b == b'`') else {
        return false;
    };
    let after = &span[close + 1..];
    match after {
        [b, c, ..] if is_blank(*b, plus) => c.is_ascii_alphabetic(),
        // Punctuation ends the sentence or clause; glued to more text (`` `id`.png ``, a
        // file name an upload handler passes to a shell) it is part of the same word.
        [b'.' | b',' | b')' | b':' | b'?' | b'!', rest @ ..] => {
            rest.first().is_none_or(|&c| !c.is_ascii_alphanumeric())
        }
        _ => false,
    }
}

/// Programs that print a file named as their operand.
const SPAN_FILE_READERS: &[&[u8]] = &[
    b"cat", b"head", b"tail", b"tac", b"nl", b"base64", b"xxd", b"strings", b"od", b"less", b"more",
];

/// Programs that open a connection to the host or URL named as their operand.
const NETWORK_CALLS: &[&[u8]] = &[b"curl", b"wget", b"nc", b"ncat", b"netcat", b"socat"];

/// Programs that delete, overwrite or take over the file named as their operand.
const DESTRUCTIVE: &[&[u8]] = &[
    b"rm",
    b"rmdir",
    b"unlink",
    b"shred",
    b"truncate",
    b"wipefs",
    b"dd",
    b"mkfs",
    b"chmod",
    b"chown",
    b"chgrp",
    b"chattr",
];

/// ``hello `whoami` world``, ``run `cat config.php` lol``, ``see `curl evil.tld` ``: a code
/// span between words of prose that holds a probe an injection sends: a reconnaissance
/// command that runs bare (`whoami`, `id`, `uname`), a program that prints a secrets file
/// (`config.php`, `/etc/passwd`; ``I tried `cat file.txt` `` reads one of no worth to an
/// attacker), or one that calls a host. Inside a double-quoted
/// argument the span runs wherever it sits; a help text's span shows an everyday command
/// line (``Run `npm install` first``, ``Type `ls` to list``), which stays quiet.
///
/// `v` is the span's text up to its closing backtick, `whole` the value, `at` where the
/// span's text opens.
pub(super) fn span_runs_probe(
    word: &[u8],
    whole: &[u8],
    at: usize,
    v: &[u8],
    end: usize,
    plus: bool,
) -> bool {
    let rest = trim_blanks(v.get(end..).unwrap_or_default(), plus);
    let operand = rest
        .split(|&b| is_blank(b, plus))
        .find(|t| !t.is_empty() && t[0] != b'-')
        .unwrap_or_default();
    let named = |list: &[&[u8]]| list.iter().any(|&n| base_is(word, n));
    // ``Type `whoami` to see your user``: a help text tells the reader to type the
    // command; a comment that smuggles one in has no such verb before it.
    let prev = whole[..at.saturating_sub(1).min(whole.len())]
        .trim_ascii_end()
        .rsplit(|&b| b == b' ')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let instructed = [
        &b"type"[..],
        b"run",
        b"enter",
        b"try",
        b"use",
        b"execute",
        b"call",
    ]
    .contains(&prev.as_slice());
    // A text with several code spans (``So `id` behaves as a boolean option for `--id
    // -5` ``) documents a program's interface; a smuggled command needs one span.
    let one_span = memchr::memchr_iter(b'`', whole).take(3).count() == 2;
    (rest.is_empty()
        && !instructed
        && one_span
        && (std::str::from_utf8(word).is_ok_and(vocabulary::runs_alone)
            || (word == b"id" && !id_named_in_prose(whole, at, end))))
        || (named(SPAN_FILE_READERS)
            && (options::application_secret(operand) || options::system_secret(operand)))
        || (named(NETWORK_CALLS) && operand.contains(&b'.'))
        // ``hello `rm -f /var/www/html/index.html` world``: a program that deletes or takes
        // over a file of the system, named by its absolute path, is no snippet a help text
        // shows in passing (a scratch file after "run" or "use" still is)
        || (named(DESTRUCTIVE)
            && system_path_operand(rest, plus)
            && !(instructed
                && rest
                    .split(|&b| is_blank(b, plus))
                    .take(16)
                    .filter_map(operand_path)
                    .all(super::classify::in_scratch_dir)))
        // ``see `xterm -display evil.example.org:1` ``: a window sent to another host
        || super::arguments::remote_display(rest, plus)
}

/// An operand of `rest` (a command's arguments) that is an absolute path below a directory
/// (`/var/www/html/index.html`, `of=/dev/sda`), or `/` itself.
fn system_path_operand(rest: &[u8], plus: bool) -> bool {
    rest.split(|&b| is_blank(b, plus))
        .take(16)
        .filter_map(operand_path)
        .any(|p| p == b"/" || p.len() > 1)
}

/// The absolute path a token names: itself (`/etc/x`, `'/etc/x'`) or an option's value
/// (`of=/dev/sda`, `--target=/srv`); options and relative names give `None`.
fn operand_path(t: &[u8]) -> Option<&[u8]> {
    let t = super::word::unquoted_token(t);
    let p = match memchr::memchr(b'=', t) {
        Some(e) => &t[e + 1..],
        None if t.first() == Some(&b'-') => return None,
        None => t,
    };
    (p.first() == Some(&b'/') && p.get(1) != Some(&b'/')).then_some(p)
}

/// ``the `id` field``, ``its `id` is``, ``pass an `id` param``: developers' prose names a
/// record's `id` key in a code span, after a determiner or before the noun it qualifies;
/// ``Nice photo `id` thanks`` names neither. The span's word runs from `at` to `end`.
fn id_named_in_prose(v: &[u8], at: usize, end: usize) -> bool {
    let before = v[..at.saturating_sub(1).min(v.len())].trim_ascii_end();
    let prev = before
        .rsplit(|&b| b == b' ')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let after = v.get(end + 1..).unwrap_or_default().trim_ascii_start();
    let next: Vec<u8> = after
        .iter()
        .take(16)
        .take_while(|b| b.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
        .collect();
    const DETERMINERS: &[&[u8]] = &[
        b"the", b"a", b"an", b"its", b"their", b"your", b"my", b"our", b"this", b"that", b"each",
        b"every", b"same", b"by", b"with", b"and", b"or", b"user", b"record", b"row",
    ];
    const NOUNS: &[&[u8]] = &[
        b"field",
        b"fields",
        b"attribute",
        b"column",
        b"property",
        b"key",
        b"param",
        b"parameter",
        b"value",
        b"of",
        b"is",
        b"and",
        b"or",
        b"prop",
        b"selector",
        b"column",
        b"must",
        b"should",
        b"in",
        b"from",
    ];
    DETERMINERS.contains(&prev.as_slice()) || NOUNS.contains(&next.as_slice())
}

/// Whether the code span opening before `at` and closing at `close` sits inside a sentence:
/// a word of two or more letters before it and after it (`` try `git pull --rebase` first
/// ``), and nothing in it that chains, substitutes or redirects (`;`, `|`, `&`, `$`, `<`,
/// `>`). Such a span shows a command to a reader; an injection puts its command where the
/// shell reads it, not between the words of a sentence.
pub(super) fn span_in_sentence(v: &[u8], at: usize, close: usize) -> bool {
    let open = at - 1;
    // `Hmm... `, `Note: `: a word of prose may end in its own punctuation.
    let word_before = v[..open].strip_suffix(b" ").is_some_and(|b| {
        let punct = b
            .iter()
            .rev()
            .take(3)
            .take_while(|&&c| matches!(c, b'.' | b',' | b':' | b'!' | b'?'))
            .count();
        b[..b.len() - punct]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count()
            >= 2
    });
    let word_after = v
        .get(close + 1..)
        .and_then(|a| a.strip_prefix(b" "))
        .is_some_and(|a| a.iter().take_while(|c| c.is_ascii_alphabetic()).count() >= 2);
    word_before
        && word_after
        && !v[at..close]
            .iter()
            .any(|&b| matches!(b, b';' | b'|' | b'&' | b'$' | b'<' | b'>' | b'`'))
}

/// ``try `pip install requests` ``, ``then run `docker compose up` ``: a Markdown code span
/// that closes the value after a word of prose shows a command line of three or more plain
/// words (a program, a subcommand, its operand). An injected substitution runs something
/// that shows: a probe's name alone or with a host (`` `curl attacker` ``), options, paths,
/// domains, numbers or a pipe, which this leaves to the substitution rules, as it does a
/// span after a one-letter or data token.
pub(super) fn closing_span_of_words(v: &[u8], at: usize, plus: bool) -> bool {
    let open = at.wrapping_sub(1);
    if v.get(open) != Some(&b'`') || open < 3 || v[open - 1] != b' ' {
        return false;
    }
    let prose_word = v[..open - 1]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count()
        >= 2;
    let span = &v[at..v.len().min(at + 64)];
    let Some(close) = span.iter().position(|&b| b == b'`') else {
        return false;
    };
    let tail = &v[at + close + 1..];
    let ends_value = tail.len() <= 8
        && tail
            .iter()
            .all(|&b| is_blank(b, plus) || matches!(b, b'.' | b'!' | b'?'));
    let mut tokens = span[..close]
        .split(|&b| b == b' ')
        .filter(|t| !t.is_empty());
    let words = tokens.clone().count();
    let plain = tokens.all(|t| {
        t[0].is_ascii_alphabetic()
            && t.iter()
                .all(|&b| b.is_ascii_alphabetic() || matches!(b, b'-' | b'_'))
    });
    prose_word && ends_value && (3..=5).contains(&words) && plain
}

/// The end of the code span that [`markdown_code_span`] found opening before `at`: its
/// closing backtick.
pub(super) fn code_span_end(v: &[u8], at: usize) -> usize {
    at + memchr::memchr(b'`', &v[at..]).unwrap_or(v.len() - at)
}

/// ``why does `cat file | grep x` hang?``, ``Use `$(pwd)` in your script``: one Markdown
/// code span inside a sentence (words of prose on both sides, nothing of a shell's outside
/// the span), as a question or a help text shows a command line. An injection puts its
/// command where the shell reads it; it does not wrap it in a sentence of plain words.
pub(super) fn code_span_in_question(v: &[u8]) -> bool {
    if v.len() > 200 {
        return false;
    }
    let mut ticks = memchr::memchr_iter(b'`', v);
    let (Some(open), Some(close), None) = (ticks.next(), ticks.next(), ticks.next()) else {
        return false;
    };
    let (before, after) = (&v[..open], &v[close + 1..]);
    let plain = |t: &[u8]| {
        t.iter().all(|&b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b' ' | b',' | b'.' | b'?' | b'!' | b':' | b'\'')
        })
    };
    let words = |t: &[u8]| {
        t.split(|&b| b == b' ')
            .map(|w| {
                w.strip_suffix(b"?")
                    .or_else(|| w.strip_suffix(b"."))
                    .unwrap_or(w)
            })
            .filter(|w| w.len() >= 2 && w.iter().all(u8::is_ascii_alphabetic))
            .count()
    };
    // The span is set off by blanks, as prose writes it; `x`id`` glues it to a word.
    let set_off = before.last().is_some_and(|&b| b == b' ')
        && after
            .first()
            .is_none_or(|&b| matches!(b, b' ' | b'?' | b'.' | b','));
    // A question (`… hang?`), or a span that only substitutes one command's output
    // (`` `$(pwd)` ``) as a placeholder in a help text.
    let inner = &v[open + 1..close];
    let placeholder = inner.len() > 3
        && inner.starts_with(b"$(")
        && inner.ends_with(b")")
        && inner[2..inner.len() - 1].iter().all(u8::is_ascii_lowercase);
    let question = v.trim_ascii_end().ends_with(b"?");
    set_off
        && (question || placeholder)
        && plain(before)
        && plain(after)
        && words(before) >= 1
        && words(after) >= 1
        && words(before) + words(after) >= 3
        && !v[open + 1..close].contains(&b'\n')
}

/// Bytes of a value [`without_element_tags`] reads; a longer value is judged as sent.
const MAX_MARKED: usize = 8192;
/// Tags [`without_element_tags`] reads.
const MAX_TAGS: usize = 64;
/// Longest tag [`without_element_tags`] reads.
const MAX_TAG: usize = 512;

/// `test<SCRIPT>alert(document.cookie)</SCRIPT>`, `x<?xml version="1.0"?><svg xmlns="…">`:
/// when `v` holds a start tag of a known HTML, SVG or MathML element
/// ([`crate::xss::element_name`]), `v` with each of its tags (of any element name, `xsl:…`
/// too, and processing instructions) replaced by blanks; `None` otherwise. In markup `<` and
/// `>` build tags, not redirections, and attributes (`xmlns="http://…"`) are no arguments of
/// a command: what a page runs from them is the XSS detector's to judge. A tag holding shell
/// syntax (`$`, a backtick, `|`, a line break, a `;` that ends no character reference or
/// style declaration) is left as it is, and so is any other `<` and `>` (`;cat</etc/passwd`,
/// `|sh>/tmp/x`, `<(curl x)`).
pub(super) fn without_element_tags(v: &[u8]) -> Option<Vec<u8>> {
    if v.len() > MAX_MARKED {
        return None;
    }
    let mut out: Option<Vec<u8>> = None;
    let mut known_starts = 0;
    let mut tags = 0;
    let mut i = 0;
    // (each turn moves past a `<`: the loop ends with the value)
    while let Some(lt) = memchr::memchr(b'<', &v[i..]).map(|p| i + p) {
        let Some((len, known_start)) = markup_tag(&v[lt..]) else {
            i = lt + 1;
            continue;
        };
        // A value of more tags is judged as sent.
        tags += 1;
        if tags > MAX_TAGS {
            return None;
        }
        known_starts += usize::from(known_start);
        let o = out.get_or_insert_with(|| v.to_vec());
        o[lt..lt + len].fill(b' ');
        i = lt + len;
    }
    out.filter(|_| known_starts > 0)
}

/// The length of the tag opening `t` (`t[0] == '<'`), a start or end tag or a processing
/// instruction closed by `>` within [`MAX_TAG`] bytes and free of shell syntax, and whether
/// it is a start tag of a known element ([`crate::xss::element_name`]).
fn markup_tag(t: &[u8]) -> Option<(usize, bool)> {
    let t = &t[..t.len().min(MAX_TAG)];
    if t.get(1) == Some(&b'?') {
        if !t.get(2).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let close = memchr::memmem::find(t, b"?>")?;
        return shell_free(&t[..close]).then_some((close + 2, false));
    }
    let end_tag = t.get(1) == Some(&b'/');
    let name_at = 1 + usize::from(end_tag);
    let name_len = t[name_at..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .count();
    let name = &t[name_at..name_at + name_len];
    if !name.first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let known_start = !end_tag && crate::xss::element_name(name);
    let after = name_at + name_len;
    match t.get(after) {
        Some(b'>') => return Some((after + 1, known_start)),
        Some(b' ' | b'\t' | b'/') if !end_tag => {}
        _ => return None,
    }
    // the attributes, to the `>` outside quotes
    let mut quote = None;
    for (k, &b) in t.iter().enumerate().skip(after) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return shell_free(&t[..k]).then_some((k + 1, known_start)),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

/// Whether the text of a tag holds no shell syntax: no `$`, backtick, `|`, line break, and
/// a `;` only ending a character reference (`&amp;`) or a style declaration (`color:red;`).
fn shell_free(t: &[u8]) -> bool {
    !t.iter()
        .any(|&b| matches!(b, b'$' | b'`' | b'|' | b'\n' | b'\r' | b'\\'))
        && memchr::memchr_iter(b';', t).all(|p| {
            let before = &t[..p];
            let reference = before.iter().rposition(|&b| b == b'&').is_some_and(|a| {
                p - a > 1
                    && p - a <= 10
                    && before[a + 1..]
                        .iter()
                        .all(|&b| b.is_ascii_alphanumeric() || b == b'#')
            });
            // `color:red;` before a quote, a blank or the next `name:`
            let declared = before
                .iter()
                .rposition(|&b| matches!(b, b'"' | b'\'' | b';' | b' '))
                .is_some_and(|s| before[s + 1..].contains(&b':'));
            let next = &t[p + 1..];
            let property = next
                .iter()
                .take(32)
                .take_while(|&&b| b.is_ascii_lowercase() || b == b'-')
                .count();
            let declaration = declared
                && (next
                    .first()
                    .is_none_or(|&b| matches!(b, b'"' | b'\'' | b' '))
                    || (property > 0 && next.get(property) == Some(&b':')));
            reference || declaration
        })
}
