//! SQL injection by structure.
//!
//! A value is SQL injection when, placed where an application puts user input in a query —
//! bare (a number, an identifier, an `ORDER BY` / `LIMIT` argument, an `IN` list) or inside a
//! `'…'` / `"…"` literal — it *closes that context and continues with SQL that has new
//! structure*: a boolean test (`' OR 'a'='a`), a set operation (`UNION SELECT`), a stacked
//! statement (`; DROP TABLE`), a truncating comment (`admin'--`), an operator that splices a
//! sub-query or a timing function into the expression (`'||(SELECT …)||'`, `1-SLEEP(5)`).
//!
//! Three steps, all linear in the value:
//! 1. [`lexer`]: a tolerant tokenizer for the lexical syntax of MySQL, PostgreSQL, MSSQL,
//!    Oracle and SQLite, started in each context the value may land in.
//! 2. Comments are dropped from the stream (remembering whether one truncated the end), and
//!    `UN/**/ION`-style splits are merged.
//! 3. [`grammar`]: a small tolerant expression reader decides whether what follows the
//!    break-out point is a valid SQL continuation, and how strong its evidence is. Prose that
//!    merely uses SQL words ("select one of the options", "drop me a line", `O'Reilly`) never
//!    breaks out *and* forms a valid continuation at the same time.

mod arith;
mod grammar;
mod graphql;
mod keywords;
mod lexer;
mod probe;

use crate::normalize::fold_to_ascii;
use crate::{AttackKind, Context, Detection, Engine};
pub use arith::is_math;
use grammar::{flags::*, Parser};
use keywords::Kw;
use lexer::{Kind, Start, Token};
use std::borrow::Cow;

/// Bytes of a value the SQL grammar looks at; attackers cannot hide structure behind more
/// than this without also making the query too long for most applications.
pub const MAX_SCAN_BYTES: usize = 8 * 1024;

/// Whether `value` holds anything through which SQL can do more than arithmetic and
/// comparison: a quote or backtick, a statement separator, a comment, a variable (`@`),
/// `||` / `&&`, a SQL keyword or known attack function, a call of a named function, or
/// LDAP filter syntax (`)(`, `(|`, `(&`: filter injection, which the model also learned).
///
/// Without any of these a value cannot leave a string literal, and in a numeric context it
/// only builds an expression out of numbers and column-like names: `2 + 2 = 4`, `a=1, b=2`,
/// `x <= 10` are math, not injection. The ML stage scores only values that pass this test.
///
/// ```
/// use rasp_detect::sqli::carries_sql;
/// assert!(!carries_sql("2 + 2 = 4"));
/// assert!(!carries_sql("f(x) = x^2 + 1"));
/// assert!(carries_sql("1 or 1=1"));
/// assert!(!carries_sql("a=1, b=2"));
/// assert!(carries_sql("sleep(5)"));
/// // SQL's words and separators, but math: see [`is_math`].
/// assert!(!carries_sql("x = 1 or x = -1"));
/// ```
pub fn carries_sql(value: &str) -> bool {
    carries_sql_syntax(value) && !is_math(value)
}

/// `(>'-')> <('-'<)`, `;-)`, `'-'`, `"=="`: ASCII punctuation and blanks only, no letter
/// and no digit. Such a value holds no keyword, name, function or number, so the SQL it can
/// form is quotes and operators between empty literals (`'='`, `'||'`, `'-'`), which the
/// grammar reads in full; what the model scores in it is the density of quotes and
/// brackets, which emoticons and ASCII art share. The model's gate leaves it to the grammar.
/// (Non-ASCII text is not read here: fullwidth letters fold to SQL's.) A value with both
/// quote kinds stays scored: that is a metacharacter probe (fuzzdb's `<>"'%;)(&+`), which
/// tries every context's quote at once; a drawing uses one.
pub fn punctuation_only(value: &str) -> bool {
    let b = value.as_bytes();
    b.iter().all(|c| c.is_ascii() && !c.is_ascii_alphanumeric())
        && !(memchr::memchr(b'\'', b).is_some() && memchr::memchr(b'"', b).is_some())
}

/// Whether `word` is one of the SQL keywords the lexer knows (`select`, `in`, `values`…), for
/// the ML gate's reading of whole-value shapes (`data_shape`).
pub(crate) fn is_keyword(word: &str) -> bool {
    lexer::keyword(word).is_some()
}

/// [`is_keyword`] of a word's bytes (a word with a non-ASCII byte is no keyword).
pub(crate) fn is_keyword_bytes(word: &[u8]) -> bool {
    lexer::keyword_bytes(word).is_some()
}

/// Whether `word` is a keyword that only continues an expression, never starts a clause:
/// `LIKE`-class operators, `IS`, `IN`, `BETWEEN`, `NOT`. After a literal and its alias (`'I'
/// d like …`) none of them is valid SQL in any dialect, where a clause word (`FROM`, `UNION`,
/// `ORDER`) or `AND`/`OR` may be (see [`crate::data_shape::contraction_then_value`]).
pub(crate) fn is_expression_keyword_bytes(word: &[u8]) -> bool {
    matches!(
        lexer::keyword_bytes(word),
        Some(
            keywords::Kw::BinOp
                | keywords::Kw::Is
                | keywords::Kw::In
                | keywords::Kw::Between
                | keywords::Kw::Not
        )
    )
}

/// Whether `value` (as the model would read it, decoded) is something SQL can only ignore,
/// in every context, so that the ML stage has nothing to judge:
///
/// - one `/* … */` comment and nothing else, with no quote inside (`/* not a comment */`):
///   inside a literal it is text, bare it is a comment, and the query reads nothing. (Not
///   MySQL's `/*! … */`, which runs its text.)
/// - a name glued to a line comment on one line, with no quote (`Passw0rd--`,
///   `Union#1Select`): it cannot leave a literal, and bare it is at most one name then the
///   end of the line. A number (`1--`) is the grammar's, and a comment naming
///   `sp_password` hides a statement from MSSQL's log.
///
/// - a value that starts with MySQL's `#` comment, on one line, without quotes (`#SELECT
///   #UNION #DROP`, hashtags): bare it is all comment, inside a literal it is text.
/// - one quoted word and nothing else (`'password'`): bare it is a literal, data; inside a
///   literal it puts a bare word between two empty strings (`''password''`), which no
///   dialect parses.
///
/// Passwords and notes take these shapes; the model scores their keywords, quotes and
/// comment markers without the context.
///
/// ```
/// use rasp_detect::sqli::ignored_by_sql;
/// assert!(ignored_by_sql("/* not a comment */"));
/// assert!(ignored_by_sql("Passw0rd--"));
/// assert!(!ignored_by_sql("/*!50000union*/ select 1"));
/// assert!(!ignored_by_sql("admin'--"));
/// ```
pub fn ignored_by_sql(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if let [q @ (b'\'' | b'"'), word @ .., last] = b {
        return last == q
            && !word.is_empty()
            && word
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'));
    }
    if b.len() < 2
        || b.iter()
            .any(|&c| matches!(c, b'\'' | b'"' | b'`' | b'\\' | b'\n' | b'\r'))
    {
        return false;
    }
    if b[0] == b'#' {
        return true;
    }
    if let Some(body) = b.strip_prefix(b"/*") {
        // the comment's own end is the value's end, and it opens no executable comment
        return body.first() != Some(&b'!')
            && memchr::memmem::find(body, b"*/").is_some_and(|end| end + 2 == body.len());
    }
    let word = b
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
        .unwrap_or(b.len());
    let rest = &b[word..];
    word > 0
        && !b[..word].iter().all(u8::is_ascii_digit)
        && (rest.starts_with(b"--") || rest.starts_with(b"#"))
        && !rest
            .windows(11)
            .any(|w| w.eq_ignore_ascii_case(b"sp_password"))
}

/// Whether the call at `i`, whose operand ends before `e`, is a word with a parenthesised
/// ending opening a sentence (`Sleep(ing) in on Sunday`, `user(s) of the site`,
/// `Select(ed) items are listed`): the name glued to `(`, one to three lower-case letters
/// and `)`, then words only (names and keywords that cannot start a clause or join a test).
/// A call's argument is an expression: an attacker's is a number, a string, a variable or
/// a query (`sleep(5)`, `benchmark(…)`), and a guessed column only matters after a
/// break-out, which puts the call after a quote or an operator (`' or sleep(a)`), never at
/// the start. A call that ends the value or goes on with an operator, a comment or a
/// number stays the grammar's.
fn parenthetical_suffix(p: &grammar::Parser<'_>, i: usize, e: usize) -> bool {
    i == 0
        && e == 4
        && e < p.len()
        && p.glued(0)
        && p.glued(1)
        && p.glued(2)
        && p.k(2) == Some(Kind::Word)
        && p.k(3) == Some(Kind::RParen)
        && (1..=3).contains(&p.text(2).len())
        && p.text(2).bytes().all(|c| c.is_ascii_lowercase())
        && (e..p.len()).all(|m| {
            matches!(
                p.k(m),
                Some(
                    Kind::Word
                        | Kind::Comma
                        | Kind::Dot
                        | Kind::Kw(
                            Kw::In | Kw::Join | Kw::Is | Kw::As | Kw::BinOp | Kw::Literal | Kw::By
                        )
                )
            )
        })
}

/// Whether `value` is a sentence that quotes single words (`she said 'or' not 'and'`, `how
/// to use 'select' in sql`, `My password is not 'password123' lol`), with nothing else SQL
/// could read: no comment, operator, parenthesis, terminator or escape, every quote opening
/// after a blank and closing after one word. The ML stage does not score it, because the
/// grammar has read all it can do: inside a literal the value's quotes turn its quoted words
/// into text and the words between them into one bare word each (`'she said ' or ' not '
/// and ''`), so the only SQL it can form is a chain of literals joined by single words; the
/// grammar judges those chains (`x 'or' 1` leaves the literal `' 1'` open: a test). A name
/// glued to a quote (`admin' or 'x`, `parents' or yours`) or a value that starts with a
/// quote that opens no quoted word, or a digit, is left to the model.
///
/// The sentence may be quoted whole in the other kind of quote (`"She said 'yes' or
/// 'no'"`, a line of dialogue): in that quote's literal the outer quotes close an empty
/// literal before the sentence and open one after it, leaving the same sentence bare; in
/// the inner quote's literal they are text.
///
/// ```
/// use rasp_detect::sqli::quoted_words_in_prose;
/// assert!(quoted_words_in_prose("Is it 'like' or 'love'?"));
/// assert!(quoted_words_in_prose("'and' vs 'or'"));
/// assert!(!quoted_words_in_prose("admin' or 'x"));
/// assert!(!quoted_words_in_prose("hello 'or 1=1' there"));
/// assert!(quoted_words_in_prose("Rename 'usr' -> 'user'"));
/// assert!(!quoted_words_in_prose("Rename 'usr' <- 'user'"));
/// assert!(quoted_words_in_prose("\"She said 'yes' or 'no'\""));
/// assert!(!quoted_words_in_prose("\"x' or 'y'='y\""));
/// ```
pub fn quoted_words_in_prose(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    // a sentence quoted whole, in the quote its words do not use
    if let [q @ (b'"' | b'\''), inner @ .., last] = b {
        if last == q && !inner.contains(q) && quoted_words_in_sentence(inner.trim_ascii()) {
            return true;
        }
    }
    quoted_words_in_sentence(b)
}

/// [`quoted_words_in_prose`] of a sentence trimmed of blanks.
fn quoted_words_in_sentence(b: &[u8]) -> bool {
    // (a value may open with a quoted word: `'and' vs 'or'`)
    let opens_quoted_word = matches!(b, [b'\'' | b'"', c, ..] if c.is_ascii_alphabetic());
    if !(b.first().is_some_and(u8::is_ascii_alphabetic) || opens_quoted_word)
        || b.iter()
            .enumerate()
            .any(|(k, &c)| NOT_PROSE_QUOTING[usize::from(c)] && !arrow_at(b, k))
        || memchr::memmem::find(b, b"--").is_some()
        || b.split(u8::is_ascii_whitespace)
            .filter(|w| !w.is_empty())
            .take(3)
            .count()
            < 3
    {
        return false;
    }
    let mut open: Option<(u8, usize)> = None;
    let mut quoted = 0;
    for (k, &c) in b.iter().enumerate() {
        if c != b'\'' && c != b'"' {
            continue;
        }
        let before = if k == 0 { b' ' } else { b[k - 1] };
        let after = b.get(k + 1).copied().unwrap_or(b' ');
        match open {
            None => {
                if !(before.is_ascii_whitespace() && after.is_ascii_alphanumeric()) {
                    return false;
                }
                open = Some((c, k + 1));
            }
            Some((q, start)) => {
                let closes = c == q
                    && before.is_ascii_alphanumeric()
                    && (after.is_ascii_whitespace() || matches!(after, b'.' | b',' | b'?' | b'!'));
                let one_word = b[start..k]
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'));
                if !(closes && one_word) {
                    return false;
                }
                open = None;
                quoted += 1;
            }
        }
    }
    quoted > 0 && open.is_none()
}

/// Whether the byte at `k` belongs to an arrow standing alone between blanks, `->` or `=>`
/// (`Rename 'usr' -> 'user'`, `'a' => 'b'`: a commit message, a mapping). Inside a literal
/// the arrow is text (the quotes around it close and reopen the literal); bare, it stands
/// between two literals, where `->` extracts one JSON constant from another and `=>` is
/// a named argument or no operator: neither compares, so neither makes the test an
/// injection needs. (`<-` is `< -`, a comparison; `-->` opens a comment: neither is one.)
fn arrow_at(b: &[u8], k: usize) -> bool {
    let start = match b[k] {
        b'>' => k.wrapping_sub(1),
        b'=' => k,
        _ => return false,
    };
    matches!(b.get(start), Some(b'-' | b'='))
        && b.get(start + 1) == Some(&b'>')
        && start > 0
        && b[start - 1].is_ascii_whitespace()
        && b.get(start + 2).is_some_and(u8::is_ascii_whitespace)
}

/// Bytes that let SQL do more than join literals and words (see [`quoted_words_in_prose`]).
static NOT_PROSE_QUOTING: [bool; 256] = crate::byte_set(b";#()=<>|&@*\\%/+`:[]{}~^$\n\r");

/// [`carries_sql`] before the math test.
fn carries_sql_syntax(value: &str) -> bool {
    let b = value.as_bytes();
    if sql_punctuation(b) {
        return true;
    }
    let mut i = 0;
    while let Some(start) = next_name_byte(b, i) {
        i = name_run_end(b, start + 1);
        let word = &value[start..i];
        if lexer::keyword(word).is_some()
            || keywords::is_attack_function(word)
            || keywords::is_strong_function(word)
        {
            return true;
        }
        // `count(`, `version (`: a named function call. One letter is math's `f(x)`.
        let next = b[i..].iter().find(|c| !c.is_ascii_whitespace());
        if word.len() > 1 && next == Some(&b'(') {
            return true;
        }
    }
    false
}

/// The high bit of every byte of `v` (eight bytes, little-endian) that is an ASCII letter
/// or `_`: the bytes of the names [`carries_sql_syntax`] reads. (`_` is found as a zero
/// byte of `v ^ '_'`: adding 0x7f to each byte's low seven bits carries into its high bit
/// unless they are all zero, and never into the next byte.)
fn name_mask(v: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = v ^ 0x5f5f_5f5f_5f5f_5f5f;
    let underscore = !(((x & LOW7) + LOW7) | x | LOW7);
    lexer::letter_mask(v) | underscore
}

/// The first ASCII letter or `_` at or after `i`, passing eight other bytes at a time.
fn next_name_byte(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let names = name_mask(u64::from_le_bytes(chunk));
        if names != 0 {
            return Some(i + (names.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(|&c| c.is_ascii_alphabetic() || c == b'_')
        .map(|p| i + p)
}

/// The end of the run of ASCII letters and `_` that continues at `i`, passed eight bytes
/// at a time.
fn name_run_end(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let others = !name_mask(u64::from_le_bytes(chunk)) & 0x8080_8080_8080_8080;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b
        .get(i)
        .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
    {
        i += 1;
    }
    i
}

/// The punctuation half of [`carries_sql`], in one pass: a quote, backtick, `;`, `#` or `@`,
/// or one of the pairs `--`, `/*`, `||`, `&&`, `)(`, `(|`, `(&`.
fn sql_punctuation(b: &[u8]) -> bool {
    // One table lookup per byte; only the bytes of the list look at their neighbour.
    b.iter()
        .enumerate()
        .any(|(i, &c)| PUNCTUATION_BYTE[usize::from(c)] && punctuation_at(b, i))
}

/// The bytes that start an item of [`sql_punctuation`]'s list.
static PUNCTUATION_BYTE: [bool; 256] = crate::byte_set(b"'\"`;#@-/|&)(");

/// Whether an item of [`sql_punctuation`]'s list starts at `b[i]`.
fn punctuation_at(b: &[u8], i: usize) -> bool {
    let next = b.get(i + 1).copied();
    match b[i] {
        b'\'' | b'"' | b'`' | b';' | b'#' | b'@' => true,
        b'-' => next == Some(b'-'),
        b'/' => next == Some(b'*'),
        b'|' => next == Some(b'|'),
        b'&' => next == Some(b'&'),
        b')' => next == Some(b'('),
        b'(' => matches!(next, Some(b'|' | b'&')),
        _ => false,
    }
}

/// Decide whether `value` is SQL injection in any SQL context an application uses.
///
/// Pure and bounded: at most [`MAX_SCAN_BYTES`] of the value and [`lexer::MAX_TOKENS`] tokens
/// per context are examined. The same grammar applies in every location (`ctx`): attackers
/// put SQL in headers and cookies too, and the rules are strict enough that ordinary user
/// agents, cookies and tokens never form a break-out.
///
/// ```
/// use rasp_detect::{sqli, Context};
/// assert!(sqli::detect("1' OR '1'='1", Context::Param).is_some());
/// assert!(sqli::detect("-1 UNION SELECT username, password FROM users--", Context::Param).is_some());
/// assert!(sqli::detect("O'Reilly", Context::Param).is_none());
/// assert!(sqli::detect("select one of the options", Context::Param).is_none());
/// ```
pub fn detect(value: &str, ctx: Context) -> Option<Detection> {
    let _ = ctx;
    let value = truncate(value, MAX_SCAN_BYTES);
    if plain_email(value) {
        return None;
    }
    // a GraphQL document's string arguments are values of their own (see [`graphql`])
    let reason = judge(value)
        .or_else(|| {
            graphql::may_open_document(value)
                .then(|| graphql::string_arguments(value, judge))
                .flatten()
        })
        // a JSON document's string values are fields of their own (see [`crate::json_doc`])
        .or_else(|| {
            crate::json_doc::may_be_document(value)
                .then(|| crate::json_doc::string_values(value, judge))
                .flatten()
        })
        // so are an XML document's text nodes and attribute values (see [`crate::xml_doc`])
        .or_else(|| crate::xml_doc::document_values(value, judge))?;
    Some(Detection {
        kind: AttackKind::Sqli,
        engine: Engine::Grammar,
        score: 1.0,
        reason,
    })
}

/// Whether `value` is nothing but an e-mail address (`or@gmail.com`, `select@company.com`):
/// a local part of letters, digits and `._%+-`, one `@`, and a domain of two or more labels
/// ending in letters. Without a quote, blank, comment or bracket it can leave no literal, and
/// bare it is no expression in any dialect (an `@name` variable needs an operator before it).
fn plain_email(value: &str) -> bool {
    let b = value.as_bytes();
    // An address ends in its top-level domain's letters and is at most 254 bytes: most
    // values are settled before the search for `@`.
    if b.len() > 254 || !b.last().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let Some(at) = memchr::memchr(b'@', b) else {
        return false;
    };
    let (local, domain) = (&b[..at], &b[at + 1..]);
    let labels_ok = domain
        .split(|&c| c == b'.')
        .all(|l| !l.is_empty() && l.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-'));
    !local.is_empty()
        && local.len() <= 64
        && local
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-'))
        && !local.windows(2).any(|w| w == b"--")
        && domain.contains(&b'.')
        && labels_ok
        && domain
            .rsplit(|&c| c == b'.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic))
}

/// The grammar's verdict on one value: as sent, then with the characters a database or the
/// application folds to ASCII before SQL sees them (see [`fold_to_ascii`]).
///
/// The value's [`byte_classes`] are taken once: they settle the first verdict and rule out
/// the rewrites that need bytes the value lacks (most values have no `*`, so no `/*`
/// comment to search for; without a significant byte there is no `(`, `)` or `,` after an
/// empty exponent).
fn judge(value: &str) -> Option<&'static str> {
    let classes = byte_classes(value);
    judge_classified(value, classes)
        .or_else(|| syntax_probe(value, classes).then_some("syntax-probe"))
        .or_else(|| {
            if value.is_ascii() {
                return None;
            }
            fold_to_ascii(value).and_then(|f| judge_as_sent(&f))
        })
        .or_else(|| {
            (classes & SIGNIFICANT != 0)
                .then(|| without_empty_exponents(value))
                .flatten()
                .and_then(|v| judge_as_sent(&v))
        })
        .or_else(|| {
            (classes & STAR != 0)
                .then(|| nested_comments_closed(value))
                .flatten()
                .and_then(|v| judge_as_sent(&v))
        })
        .or_else(|| {
            (classes & (SQUOTE | DQUOTE) != 0)
                .then(|| quotes_undoubled(value, classes))
                .flatten()
                .and_then(|v| judge_as_sent(&v))
        })
        // (a value without `*` has no `*/` to open with)
        .or_else(|| {
            (classes & STAR != 0)
                .then(|| comment_continued(value))
                .flatten()
                .and_then(|v| judge_as_sent(&v))
        })
        .or_else(|| {
            (classes & SIGNIFICANT != 0)
                .then(|| keywords_unsplit_by_brackets(value))
                .flatten()
                .and_then(|v| judge_as_sent(&v))
        })
        .or_else(|| {
            // the joined keywords must follow a break-out: a quote closing the application's
            // literal, or a number (or bracket) ending its numeric operand
            let opens_number = value
                .as_bytes()
                .first()
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'(' | b')'));
            (classes & (SQUOTE | DQUOTE) != 0 || opens_number)
                .then(|| keywords_unstripped(value))
                .flatten()
                .and_then(|v| judge_as_sent(&v))
        })
}

/// Whether `value` is a short value built to break a query's syntax (see [`probe`]), as
/// sent or after its percent-encoding (`%27`, `%5C%27`, `%22`: a probe that reaches the
/// detector still encoded, or encoded twice, is decoded by the application before SQL sees
/// it). Only short values with a quote byte or a `%` are read.
fn syntax_probe(value: &str, classes: u16) -> bool {
    // `;--`, `@@name`, `7*1`: probes without a quote (see [`probe::quoteless_probe`])
    if value.len() <= probe::MAX_PROBE_LEN && probe::quoteless_probe(value) {
        return true;
    }
    if classes & (SQUOTE | DQUOTE) != 0 && value.len() <= 2 * probe::MAX_PROBE_LEN {
        return probe::syntax_probe(value);
    }
    if classes & PCT == 0 || value.len() > 6 * probe::MAX_PROBE_LEN {
        return false;
    }
    match crate::normalize::percent_decode_deep(value) {
        std::borrow::Cow::Owned(d) => {
            memchr::memchr2(b'\'', b'"', d.as_bytes()).is_some() && probe::syntax_probe(&d)
        }
        std::borrow::Cow::Borrowed(_) => false,
    }
}

/// `-1 uni<>on sel<>ect 1,2`, `' o<>r 1=1--`: keywords split by `<>`, which a naive
/// sanitizer deletes (an HTML-tag stripper removes the empty tag `<>`), joining the
/// halves. Read like `UN/**/ION`: a `<>` between two letters is dropped only when the joined
/// letter run is a SQL keyword, and only a break-out the grammar then finds counts. (`a<>b`
/// as SQL's not-equal joins no keyword; `x<>y` in code neither.)
fn keywords_unsplit_by_brackets(value: &str) -> Option<String> {
    let b = value.as_bytes();
    if b.len() > STRIPPED_MAX_LEN {
        return None;
    }
    // (a `<` search: most values have none, and a searcher for the pair costs more to build)
    let first = memchr::memchr_iter(b'<', b).find(|&k| joins_keyword(b, k))?;
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..first]);
    let mut copied = first + 2;
    let from = copied;
    for k in memchr::memchr_iter(b'<', &b[from..]).map(|k| k + from) {
        if k >= copied && joins_keyword(b, k) {
            out.extend_from_slice(&b[copied..k]);
            copied = k + 2;
        }
    }
    out.extend_from_slice(&b[copied..]);
    // only ASCII bytes were removed between ASCII letters, so the bytes stay UTF-8
    String::from_utf8(out).ok()
}

/// Whether the `<>` at `k` sits between two letters whose joined run is a SQL keyword.
fn joins_keyword(b: &[u8], k: usize) -> bool {
    let letter = |c: &u8| c.is_ascii_alphabetic();
    if b.get(k + 1) != Some(&b'>')
        || k == 0
        || !b.get(k - 1).is_some_and(letter)
        || !b.get(k + 2).is_some_and(letter)
    {
        return false;
    }
    let start = b[..k].iter().rposition(|c| !letter(c)).map_or(0, |p| p + 1);
    let end = b[k + 2..]
        .iter()
        .position(|c| !letter(c))
        .map_or(b.len(), |p| k + 2 + p);
    let mut word = [0u8; 16];
    let (left, right) = (&b[start..k], &b[k + 2..end]);
    if left.len() + right.len() > word.len() {
        return false;
    }
    word[..left.len()].copy_from_slice(left);
    word[left.len()..left.len() + right.len()].copy_from_slice(right);
    lexer::keyword_bytes(&word[..left.len() + right.len()]).is_some()
}

/// The keywords a naive input filter deletes once (`str_replace('union', '', $v)`), each
/// cut in two around itself; the filter's pass joins the halves into the keyword.
const STRIPPED_KEYWORDS: [&str; 10] = [
    "union", "select", "from", "where", "and", "or", "insert", "update", "delete", "sleep",
];

/// For each keyword length of [`STRIPPED_KEYWORDS`], the first and the last letters (bit
/// `letter & 31`) of its keywords of that length.
const STRIPPED_ENDS: [[u32; 2]; 7] = {
    let mut t = [[0u32; 2]; 7];
    let mut i = 0;
    while i < STRIPPED_KEYWORDS.len() {
        let k = STRIPPED_KEYWORDS[i].as_bytes();
        t[k.len()][0] |= 1 << (k[0] & 31);
        t[k.len()][1] |= 1 << (k[k.len() - 1] & 31);
        i += 1;
    }
    t
};

/// The longest value read as a keyword filter would join it.
const STRIPPED_MAX_LEN: usize = 256;

/// `1' UNIunionON SELselectECT 1,2--`: an application that deletes SQL keywords from its
/// input once, case-insensitively, before pasting it into a query, joins `UNI` and `ON`
/// into `UNION`. A word made of a keyword split around a copy of itself is no word of any
/// language (no benign value of the corpora holds one); the value is read as the filter
/// leaves it, and only a break-out the grammar finds there counts.
fn keywords_unstripped(value: &str) -> Option<String> {
    let b = value.as_bytes();
    // A payload crafted to pass a filter is one parameter's probe or UNION, not a document:
    // long prose and code are not read twice.
    if b.len() > STRIPPED_MAX_LEN || !may_hold_stripped(b) {
        return None;
    }
    // Most values hold no joined word: find the first one before copying anything.
    let mut words = letter_runs(b);
    let (start, end, kw) =
        words.find_map(|(s, e)| stripped_keyword(&b[s..e]).map(|k| (s, e, k)))?;
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..start]);
    out.extend_from_slice(kw.as_bytes());
    let mut copied = end;
    for (s, e) in words {
        out.extend_from_slice(&b[copied..s]);
        out.extend_from_slice(stripped_keyword(&b[s..e]).map_or(&b[s..e], str::as_bytes));
        copied = e;
    }
    out.extend_from_slice(&b[copied..]);
    // only ASCII letters were replaced, so the bytes stay UTF-8
    String::from_utf8(out).ok()
}

/// The words a once-deleting filter joins into a keyword of [`STRIPPED_KEYWORDS`], in lower
/// case: each keyword cut at each inner point around a copy of itself (`oorr`, `aandnd`,
/// `anandd`, `uunionnion`, …; 38 words).
fn stripped_spellings() -> impl Iterator<Item = Vec<u8>> {
    STRIPPED_KEYWORDS.iter().flat_map(|k| {
        let k = k.as_bytes();
        (1..k.len()).map(move |cut| [&k[..cut], k, &k[cut..]].concat())
    })
}

/// Whether `b` (at most [`STRIPPED_MAX_LEN`] bytes) may hold a word [`stripped_keyword`]
/// reads as a keyword, by one vectorised search of its lower-cased copy for
/// [`stripped_spellings`]: most values hold none, and the walk through their words is
/// skipped. `true` where the CPU has no vector unit for the searcher, and for values
/// shorter than its packed search reads (a few words: the walk costs less than the
/// fallback search).
///
/// Proof that a `false` skips nothing: [`stripped_keyword`] answers only for a word that
/// [`self_embedded`] finds equal, ignoring ASCII case, to a keyword cut at an inner point
/// around a copy of itself, that is to one of [`stripped_spellings`] once lower-cased. Each
/// word [`keywords_unstripped`] asks about is a run of bytes of `b`, so the lower-cased
/// copy of `b` holds that spelling at the same place, and a search for the spellings finds
/// a match whenever any of them occurs.
fn may_hold_stripped(b: &[u8]) -> bool {
    static SPELLINGS: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
        std::sync::LazyLock::new(|| crate::search::packed_words(stripped_spellings()));
    let Some(spellings) = SPELLINGS.as_ref() else {
        return true;
    };
    if b.len() < spellings.minimum_len() {
        return true;
    }
    let mut lower = [0u8; STRIPPED_MAX_LEN];
    let lower = &mut lower[..b.len().min(STRIPPED_MAX_LEN)];
    for (d, &c) in lower.iter_mut().zip(b) {
        *d = c.to_ascii_lowercase();
    }
    spellings.find(&*lower).is_some()
}

/// The runs of ASCII letters of `b`, as `(start, end)` offsets, found eight bytes at a time
/// (as [`plain_prose`] finds them).
fn letter_runs(b: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = next_letter(b, i)?;
        i = lexer::letters_end(b, start + 1);
        Some((start, i))
    })
}

/// The keyword a once-deleting filter makes of `word` (letters only), if it is one split
/// around a copy of itself. Such a word is twice its keyword's length and opens and ends
/// with the keyword's own first and last letters, which settles most words before the
/// comparison.
#[inline(always)]
fn stripped_keyword(word: &[u8]) -> Option<&'static str> {
    // (twice the length of a keyword of STRIPPED_KEYWORDS: two to six letters)
    if !matches!(word.len(), 4 | 6 | 8 | 10 | 12) {
        return None;
    }
    let (first, last) = (word[0], word[word.len() - 1]);
    // (letters only: setting bit 5 lower-cases them)
    let (first, last) = (first | 0x20, last | 0x20);
    // Every word of a value short enough is asked: one look at the tables turns away the
    // words whose length, first and last letter no keyword has, before the list is walked.
    let [firsts, lasts] = STRIPPED_ENDS[word.len() / 2];
    if firsts & (1 << (first & 31)) == 0 || lasts & (1 << (last & 31)) == 0 {
        return None;
    }
    stripped_keyword_listed(word, first, last)
}

/// [`stripped_keyword`] of a word whose length and end letters `first`, `last` (lower
/// case) a keyword of [`STRIPPED_KEYWORDS`] may have.
fn stripped_keyword_listed(word: &[u8], first: u8, last: u8) -> Option<&'static str> {
    STRIPPED_KEYWORDS.iter().copied().find(|k| {
        let k = k.as_bytes();
        2 * k.len() == word.len()
            && k[0] == first
            && k[k.len() - 1] == last
            && self_embedded(word, k)
    })
}

/// Whether `word` is `kw` cut at an inner point with a copy of `kw` inserted there
/// (`UNIunionON`, `SELselectECT`, `oORr`), ignoring case.
fn self_embedded(word: &[u8], kw: &[u8]) -> bool {
    let n = kw.len();
    if word.len() != 2 * n {
        return false;
    }
    (1..n).any(|cut| {
        word[..cut].eq_ignore_ascii_case(&kw[..cut])
            && word[cut..cut + n].eq_ignore_ascii_case(kw)
            && word[cut + n..].eq_ignore_ascii_case(&kw[cut..])
    })
}

/// `*/UNION/*`, `*/SELECT 1,2`: one piece of a payload split over repeated parameters
/// (`a=1/*&a=*/UNION/*&a=*/SELECT 1,2`) that the application joins into one query (ASP.NET
/// joins them with commas, others concatenate); each piece closes the comment the previous
/// one opened, so the pieces' comments hide the joints. A value that opens with `*/` then a
/// keyword is read as it sits in the joined query, after the earlier piece's operand: the
/// rest behind a `1`. Prose and code rarely open with a comment's closer, and the rest must
/// then form SQL structure after an operand (`*/ and then` is a word run, no test).
fn comment_continued(value: &str) -> Option<String> {
    let rest = value.trim_start().strip_prefix("*/")?;
    if !rest
        .trim_start()
        .starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return None;
    }
    Some(format!("1 {rest}"))
}

/// `x'' or ''1''=''1`: a value whose every quote of one kind is doubled. SQL's own escape
/// for a quote is to double it, so an application (or an attacker who expects one) may
/// store the value escaped and a later layer (a stored procedure building dynamic SQL, an
/// export re-imported, a second-order query) un-double it before it reaches the query
/// text; the attacker doubles the quotes to pass the first layer. The value with each
/// `''` (or `""`) made one quote, when that kind of quote occurs only in pairs, at least
/// twice. `It''s` un-doubles to the ordinary `It's`; only a value that is SQL after the
/// second layer is flagged.
///
/// `classes` are the value's [`byte_classes`]: a kind of quote the value lacks has no pair
/// to count, and its search is skipped.
fn quotes_undoubled(value: &str, classes: u16) -> Option<String> {
    let b = value.as_bytes();
    for (q, class) in [(b'\'', SQUOTE), (b'"', DQUOTE)] {
        if classes & class == 0 {
            continue;
        }
        let (pairs, lone) = quote_pairs(b, q);
        if !lone && pairs >= 2 {
            let pair = if q == b'\'' { "''" } else { "\"\"" };
            return Some(value.replace(pair, &pair[..1]));
        }
    }
    None
}

/// The doubled quotes `q` of `b` read from the left (`qq`, each quote in one pair), and
/// whether a lone one stops the count. Jumps from quote to quote: most values with a quote
/// have a long run of other bytes between them.
fn quote_pairs(b: &[u8], q: u8) -> (usize, bool) {
    let mut pairs = 0usize;
    let mut i = 0;
    while let Some(p) = memchr::memchr(q, &b[i..]) {
        i += p;
        if b.get(i + 1) != Some(&q) {
            return (pairs, true);
        }
        pairs += 1;
        i += 2;
    }
    (pairs, false)
}

/// `1/*/*nested*/*/or 1=1`: PostgreSQL nests block comments (as the SQL standard does), so the first `*/` closes only the inner one and the test after the outer
/// `*/` is SQL. The lexer reads MySQL's rule (the first `*/` ends the comment), which
/// leaves `*/or 1=1` that parses as nothing. The value with each outermost nested comment
/// replaced by an empty `/**/`, when a block comment holds another `/*`.
fn nested_comments_closed(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let first = memchr::memmem::find(b, b"/*")?;
    // (the common case, one flat comment, settled by one more search)
    let close = memchr::memmem::find(&b[first + 2..], b"*/").map_or(b.len(), |c| first + 2 + c);
    memchr::memmem::find(&b[first + 2..close], b"/*")?;
    let mut out = String::with_capacity(value.len());
    let (mut i, mut copied, mut depth, mut open) = (0, 0, 0u32, 0);
    // one pass, each byte looked at once
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'/', b'*') => {
                if depth == 0 {
                    open = i;
                }
                depth = depth.saturating_add(1);
                i += 2;
            }
            (b'*', b'/') if depth > 0 => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    // `/*` and `*/` are ASCII: both ends are char boundaries
                    out.push_str(&value[copied..open]);
                    out.push_str("/**/");
                    copied = i;
                }
            }
            _ => i += 1,
        }
    }
    out.push_str(&value[copied..]);
    Some(out)
}

/// `1.e(1)or 1=1`, `1.e(select 1.e,2)`: MySQL's lexer reads a number with an empty exponent
/// (`1.e`) glued to a bracket or comma as nothing at all, so attackers glue it to any token
/// to break a filter's patterns while the query keeps the rest. The value with each such
/// number replaced by a blank, when it has one: `digits.e` (either case) after no word byte
/// or dot, before a `(`, `)` or `,`. Numbers (`1.5e3`), versions and file names (`v1.e`,
/// `1.exe`) are left as they are.
fn without_empty_exponents(value: &str) -> Option<String> {
    let b = value.as_bytes();
    if !has_empty_exponent_glue(b) {
        return None;
    }
    let mut out: Option<String> = None;
    let mut copied = 0;
    // (found from their `.`: one search, most values have none of the shape)
    for dot in memchr::memchr_iter(b'.', b) {
        if !matches!(b.get(dot + 1), Some(b'e' | b'E'))
            || !matches!(b.get(dot + 2), Some(b'(' | b')' | b','))
        {
            continue;
        }
        let mut start = dot;
        while start > 0 && b[start - 1].is_ascii_digit() {
            start -= 1;
        }
        if start == dot
            || start < copied
            || (start > 0
                && (b[start - 1].is_ascii_alphanumeric()
                    || matches!(b[start - 1], b'_' | b'.' | b'$' | 0x80..)))
        {
            continue;
        }
        // the shape's bytes are ASCII: both ends are char boundaries
        let o = out.get_or_insert_with(|| String::with_capacity(value.len()));
        o.push_str(&value[copied..start]);
        o.push(' ');
        copied = dot + 2;
    }
    let mut o = out?;
    o.push_str(&value[copied..]);
    Some(o)
}

/// Whether `b` holds `.e` or `.E` glued to `(`, `)` or `,`: every number
/// [`without_empty_exponents`] removes ends in one of these three-byte strings, so without
/// them it has nothing to do. One vectorized pass instead of a search per `.` (prose has
/// many); `true` where the CPU has no vector unit for the searcher. Each of the strings
/// starts at a `.`, so at or after the first one: a value without a `.` (most values)
/// is settled by one `memchr`, and the searcher reads only the rest from the first `.`.
fn has_empty_exponent_glue(b: &[u8]) -> bool {
    let Some(dot) = memchr::memchr(b'.', b) else {
        return false;
    };
    let b = &b[dot..];
    static GLUE: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
        std::sync::LazyLock::new(|| {
            crate::search::packed_words(
                [b'e', b'E']
                    .into_iter()
                    .flat_map(|e| [b'(', b')', b','].map(|a| [b'.', e, a])),
            )
        });
    GLUE.as_ref().is_none_or(|g| g.find(b).is_some())
}

/// [`judge`] of the value as it arrived.
fn judge_as_sent(value: &str) -> Option<&'static str> {
    // One table-driven pass over the bytes answers both "can this change SQL structure at
    // all" and "which decoders could change it".
    judge_classified(value, byte_classes(value))
}

/// [`judge_as_sent`] of a value whose [`byte_classes`] are known.
fn judge_classified(value: &str, classes: u16) -> Option<&'static str> {
    // (a pair of bytes: a memchr per `:` costs less than building a substring searcher)
    let cast = classes & COLON != 0 && has_double_colon(value.as_bytes());
    if classes & SIGNIFICANT == 0 && !cast {
        // One word or dotted name: only a catalog reference changes an identifier context
        return (classes & UNDERSCORE != 0 && lone_catalog_name(value)).then_some("system-catalog");
    }
    analyze_classified(value, classes).or_else(|| analyze_decoded(value, classes))
}

/// `` 1`or`1 ``, `` id`and`sleep(1)=0 ``: in a MySQL column or table name the application
/// quotes with backticks, the value closes the identifier right after one name, adds its
/// operator and reopens an identifier that the application's own closing backtick ends, so
/// the statement stays valid (the lexer reads an unclosed backtick as a name, not an open
/// literal). The closed name has no blank: a Markdown code span (`` use `or` here ``) opens
/// after one.
fn backtick_reopened(value: &str, sig: &[Token]) -> bool {
    let (Some(first), Some(last)) = (sig.first(), sig.last()) else {
        return false;
    };
    let b = value.as_bytes();
    let (fs, fe) = (first.start as usize, first.end as usize);
    let (ls, le) = (last.start as usize, last.end as usize);
    sig.len() > 2
        && first.kind == Kind::Str
        && last.kind == Kind::Word
        && le == b.len()
        && b.get(ls) == Some(&b'`')
        && b.get(ls + 1..le).is_some_and(|r| !r.contains(&b'`'))
        && b.get(fs..fe)
            .is_some_and(|r| !r.is_empty() && !r.iter().any(u8::is_ascii_whitespace))
}

/// Whether `b` holds `::`.
fn has_double_colon(b: &[u8]) -> bool {
    memchr::memchr_iter(b':', b).any(|i| b.get(i + 1) == Some(&b':'))
}

/// A value that is just the database's catalog (`information_schema.tables`, or
/// `InFoRmaTioN_ScHemA` in filter-dodging case), dropped where an application puts a table or
/// column name: it points the query at the list of every table. Plain `information_schema`
/// alone is a word a DBA may search for.
fn lone_catalog_name(value: &str) -> bool {
    if value.len() < 6 {
        return false;
    }
    let (head, qualified) = match value.split_once('.') {
        Some((h, _)) => (h, true),
        None => (value, false),
    };
    keywords::may_be_catalog(head)
        && (qualified || grammar::evasive_case(head))
        && keywords::is_system_catalog(head)
}

/// Byte classes of [`byte_classes`]: a byte may have several.
const SIGNIFICANT: u16 = 1;
const PCT: u16 = 1 << 1;
const PLUS: u16 = 1 << 2;
const SPACE: u16 = 1 << 3;
const AMP: u16 = 1 << 4;
const BACKSLASH: u16 = 1 << 5;
const EQ: u16 = 1 << 6;
/// Lead bytes of U+2013..U+2032, U+FF07 and U+02BC (typographic dashes, quotes and primes,
/// the modifier-letter apostrophe).
const TYPO: u16 = 1 << 7;
/// The three quote bytes, each of which opens a context the value may land in.
const SQUOTE: u16 = 1 << 8;
const DQUOTE: u16 = 1 << 9;
const BACKTICK: u16 = 1 << 10;
/// `:`, significant only as PostgreSQL's cast operator `::`.
const COLON: u16 = 1 << 11;
/// `_`, which every catalog name of [`keywords::is_system_catalog`] has.
const UNDERSCORE: u16 = 1 << 12;

/// The bytes that can make a token [`plain_prose`]'s proof rules out: a quote or backtick
/// (literals, quote contexts), `#` `;` `@` `$` (comments, separators, variables),
/// parentheses (calls, groups, closing the application's), the comparison bytes `= < > ~`,
/// `|` `&` (`||`, `&&`) and `_` (catalog and underscored keywords).
/// Without `=`, `<`, `>`, `|` and `&`, a `!` can only be the unary operator and a `?` only
/// a placeholder, which [`plain_prose`]'s proof allows; `:` and `\` are checked there.
const NOT_PLAIN: u16 = 1 << 13;
/// `-` and `*`: [`plain_prose`] looks for `--` and `/*` only in values that have them.
const DASH: u16 = 1 << 14;
const STAR: u16 = 1 << 15;

/// The class bits of every byte value.
static BYTE_CLASS: [u16; 256] = BYTE_CLASSES;

/// [`BYTE_CLASS`] as nibble tables, for [`byte_classes`]' vectorised pass on long values.
static BYTE_CLASS_NIBBLES: crate::nibble::NibbleClasses =
    crate::nibble::NibbleClasses::new(&crate::nibble::widen(&BYTE_CLASSES));

/// [`BYTE_CLASS`]'s entries (a constant: the nibble tables are built from it at compile time).
const BYTE_CLASSES: [u16; 256] = {
    let mut t = [0u16; 256];
    let not_plain = b"'\"`#;@$()=<>~|&_";
    let mut i = 0;
    while i < not_plain.len() {
        t[not_plain[i] as usize] |= NOT_PLAIN;
        i += 1;
    }
    // A value with no quote, bracket, operator, comment or whitespace byte (and no `::`
    // cast) is one word or number and cannot change the structure of any SQL context.
    let sig = b" \t\n\r\x0b\x0c'\"`();#-/=<>|&*+@,!~^%";
    i = 0;
    while i < sig.len() {
        t[sig[i] as usize] |= SIGNIFICANT;
        i += 1;
    }
    t[b'%' as usize] |= PCT;
    t[b'+' as usize] |= PLUS;
    t[b' ' as usize] |= SPACE;
    t[b'&' as usize] |= AMP;
    t[b'\\' as usize] |= BACKSLASH;
    t[b'=' as usize] |= EQ;
    t[0xe2] |= TYPO;
    t[0xef] |= TYPO;
    t[0xca] |= TYPO;
    t[b'\'' as usize] |= SQUOTE;
    t[b'"' as usize] |= DQUOTE;
    t[b'`' as usize] |= BACKTICK;
    t[b':' as usize] |= COLON;
    t[b'_' as usize] |= UNDERSCORE;
    t[b'-' as usize] |= DASH;
    t[b'*' as usize] |= STAR;
    t
};

/// The union of the classes of the bytes of `s`: 32 bytes per step with AVX2 where the CPU
/// has it (long values: prose, markup), eight table look-ups per step otherwise.
fn byte_classes(s: &str) -> u16 {
    #[cfg(target_arch = "x86_64")]
    if s.len() >= crate::nibble::wide::MIN_LEN && crate::nibble::wide::available() {
        // SAFETY: `wide::available` checked at run time that this CPU has AVX2, the one
        // target feature `wide::classes` is compiled with; it has no other precondition.
        if let Some(m) = unsafe { crate::nibble::wide::classes(&BYTE_CLASS_NIBBLES, s.as_bytes()) }
        {
            // (the classes fit in `u16`: the tables were widened from them)
            return m as u16;
        }
    }
    scalar_byte_classes(s)
}

/// [`byte_classes`] by table look-ups (portable; short values).
fn scalar_byte_classes(s: &str) -> u16 {
    // eight bytes per step: the loop's own work is paid once per eight lookups
    let (chunks, rest) = s.as_bytes().as_chunks::<8>();
    let mut acc = 0;
    for chunk in chunks {
        for &b in chunk {
            acc |= BYTE_CLASS[usize::from(b)];
        }
    }
    rest.iter()
        .fold(acc, |acc, &b| acc | BYTE_CLASS[usize::from(b)])
}

/// The value after the decodings an application or a lenient database applies before the
/// text reaches SQL: percent-encoding (deep), `+` for space, HTML character references,
/// JS/JSON backslash escapes, and typographic quotes/dashes from pasted payloads. Each layer
/// is bounded and only tried when it changes the value; `classes` ([`byte_classes`]) says
/// which decoders can change anything.
fn analyze_decoded(value: &str, classes: u16) -> Option<&'static str> {
    use crate::xss::entity::{decode_backslashes, decode_entities};
    let has = |c: u16| classes & c != 0;
    let (pct, plus, space, amp, bs, eq, typo) = (
        has(PCT),
        has(PLUS),
        has(SPACE),
        has(AMP),
        has(BACKSLASH),
        has(EQ),
        has(TYPO),
    );
    if !(pct || plus || amp || bs || eq || typo) {
        return None;
    }
    let mut cur: Cow<'_, str> = Cow::Borrowed(value);
    if pct {
        // a borrowed answer is the input itself: nothing decoded, no copy to compare
        if let Cow::Owned(d) = crate::normalize::percent_decode_deep(&cur) {
            if d != *cur {
                if let Some(r) = analyze(&d) {
                    return Some(r);
                }
                cur = Cow::Owned(d);
            }
        }
    }
    if plus && !space && !cur.contains(' ') {
        // a form-encoded body: `1'+OR+'1'='1`
        let d = cur.replace('+', " ");
        if let Some(r) = analyze(&d) {
            return Some(r);
        }
        cur = Cow::Owned(d);
    }
    // (the class test first: most values that reach here have no `&` to search for)
    if (amp || pct) && memchr::memchr(b'&', cur.as_bytes()).is_some() {
        if let Cow::Owned(d) = decode_entities(&cur) {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
            cur = Cow::Owned(d);
        }
    }
    if (bs || pct || amp) && memchr::memchr(b'\\', cur.as_bytes()).is_some() {
        let d = decode_backslashes(&cur).into_owned();
        if d != *cur {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
            cur = Cow::Owned(d);
        }
    }
    // A query string or cookie list carried whole in one value (`pay=OR (1=1)`,
    // `a=1&id=1' OR '1'='1`): the application will split it and use each value.
    if eq || pct || amp {
        if let Some(r) = embedded_pairs(&cur) {
            return Some(r);
        }
    }
    if (typo || pct || amp) && has_typographic(&cur) {
        // payloads pasted through word processors: primes and curly quotes for `'`,
        // en/em dashes for `--`
        return analyze(&plain_quotes_and_dashes(&cur));
    }
    None
}

/// `s` with the typographic quotes and primes (U+2018, U+2019, U+2032, U+FF07) and the
/// modifier-letter apostrophe (U+02BC, which keyboards and transliteration put for `'` and
/// some back-ends and ORMs fold to it) replaced by `'`, and the en/em dashes (U+2013,
/// U+2014) by `--`. Found by their UTF-8 lead bytes as in [`has_typographic`], and the text
/// between them copied in runs (no per-character decoding).
fn plain_quotes_and_dashes(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    let mut copied = 0;
    for i in memchr::memchr3_iter(0xe2, 0xef, 0xca, b) {
        let (with, len) = match (b[i], b.get(i + 1..i + 3)) {
            (0xe2, Some([0x80, 0x98 | 0x99 | 0xb2])) | (0xef, Some([0xbc, 0x87])) => ("'", 3),
            (0xe2, Some([0x80, 0x93 | 0x94])) => ("--", 3),
            (0xca, _) if b.get(i + 1) == Some(&0xbc) => ("'", 2),
            _ => continue,
        };
        // `i` starts a character (a lead byte), and so does `i + len`
        out.push_str(&s[copied..i]);
        out.push_str(with);
        copied = i + len;
    }
    out.push_str(&s[copied..]);
    out
}

/// Whether `s` holds one of the typographic quotes or dashes [`analyze_decoded`] replaces
/// (U+2013, U+2014, U+2018, U+2019, U+2032, U+FF07, U+02BC). Their UTF-8 forms are
/// `E2 80 xx`, `EF BC 87` and `CA BC`; in valid UTF-8 a lead byte starts a character, so a
/// byte search finds exactly the characters a `char` search would, without decoding every
/// character.
fn has_typographic(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(0xe2, 0xef, 0xca, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1..i + 3)),
            (0xe2, Some([0x80, 0x93 | 0x94 | 0x98 | 0x99 | 0xb2])) | (0xef, Some([0xbc, 0x87]))
        ) || (b[i] == 0xca && b.get(i + 1) == Some(&0xbc))
    })
}

/// Values of `key=value` pairs separated by `&` or `;` when the value is shaped like a
/// query string or cookie list (keys are short identifiers). At most 16 pairs.
fn embedded_pairs(s: &str) -> Option<&'static str> {
    let first_eq = memchr::memchr(b'=', s.as_bytes())?;
    let key_ok = |k: &str| {
        let k = k.strip_prefix(' ').unwrap_or(k);
        !k.is_empty()
            && k.len() <= 40
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'[' | b']'))
    };
    if !key_ok(&s[..first_eq]) {
        return None;
    }
    // `pdf=1,flash=0,webp=1`: a settings list whose items a comma separates is split there
    // too, so no item's value runs on into the next pair
    let comma_list = s.contains(',')
        && s.split(',')
            .take(16)
            .all(|item| item.split_once('=').is_some_and(|(k, _)| key_ok(k)));
    let seps: &[char] = if comma_list {
        &['&', ';', ',']
    } else {
        &['&', ';']
    };
    for pair in s.split(seps).take(16) {
        if let Some((k, v)) = pair.split_once('=') {
            if key_ok(k) && !v.is_empty() && !v.starts_with(' ') {
                if let Some(r) = analyze(v) {
                    return Some(r);
                }
            }
        }
    }
    None
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Run every context; first positive wins.
fn analyze(value: &str) -> Option<&'static str> {
    analyze_classified(value, byte_classes(value))
}

/// [`analyze`] of a value whose [`byte_classes`] are known.
fn analyze_classified(value: &str, classes: u16) -> Option<&'static str> {
    // (tried at any length: a long value that fails the test fails it at its first keyword,
    // after a short scan, and one that passes skips a long lexing)
    if classes & NOT_PLAIN == 0 && plain_prose(value, classes) {
        return None;
    }
    // Token buffers are reused per thread: no allocation per value after warm-up.
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch {
            raw: Vec::with_capacity(64),
            sig: Vec::with_capacity(64),
            starts: Vec::with_capacity(16),
            lower: Vec::new(),
        });
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut bufs) => analyze_with(value, classes, &mut bufs),
        // re-entered on this thread (cannot happen today): use fresh buffers
        Err(_) => analyze_with(value, classes, &mut Scratch::default()),
    })
}

/// Whether `value`, which has no [`NOT_PLAIN`] byte, also has no SQL keyword (see
/// [`keyword_in_run`]), no `--` or `/*` comment and no `::` or `:name`: then no context can
/// detect it, and the lexer is not needed.
///
/// Proof, from the tokens such a value lexes to: without quote bytes only the bare context
/// runs, and its tokens are words that are not keywords, numbers, `+ - * / % ^` operators,
/// unary `!`, `?` placeholders, commas, dots and other punctuation (a lone `:` included, and
/// a `\` not before `N`: outside strings, which need a quote byte, the lexer reads such a
/// backslash as one [`lexer::Kind::Other`] byte, and the `backslash_escapes` flag it sets
/// only changes string scans; `\N` is MySQL's NULL, a literal, and is checked here).
/// A placeholder only makes a numeric start (its `VAR` flag counts in quote contexts and
/// after a logic operator, neither possible here); a unary operator is skipped as a prefix. (A keyword token is a maximal run of ASCII letters,
/// checked here: a lexer word starts after a non-word byte, or after a number, which may end
/// inside a run of letters only as [`keyword_in_run`] tries.)
/// With no comment nothing is truncated, balanced or obfuscated; no `(` means no call, no
/// group and no [`anywhere`] start; no `)` means no break-out (`broke` is false); no `_`
/// means no catalog name; no keyword means no clause. [`decide`] then reaches only its
/// operator and list arms, whose verdicts need a comparison, a tautology (a comparison), a
/// logic operator, a call, a sub-query, a variable or a truncation: none can be present.
/// The proof holds at any length: the lexer's [`lexer::MAX_TOKENS`] cap only drops tokens.
///
/// `classes` are the value's [`byte_classes`]. The checks are independent and each visits
/// only the bytes it concerns: the byte pairs at the `-`, `*` and `:` the classes say are
/// there, and the maximal runs of ASCII letters, found eight bytes at a time. (The
/// byte-by-byte walk this replaces visited every byte outside a letter run once, checking
/// the neighbour of each `-`, `/` and `:`, and each run once: the same checks, and a value
/// passes only when every one passes, so the order does not matter.)
fn plain_prose(value: &str, classes: u16) -> bool {
    let b = value.as_bytes();
    let next_is = |i: usize, x: u8| b.get(i + 1) == Some(&x);
    // `--` line comments
    if classes & DASH != 0 && memchr::memchr_iter(b'-', b).any(|i| next_is(i, b'-')) {
        return false;
    }
    // `/*` block comments, found from their rarer `*`
    if classes & STAR != 0 && memchr::memchr_iter(b'*', b).any(|i| i > 0 && b[i - 1] == b'/') {
        return false;
    }
    // MySQL's `\N` (NULL); any other backslash outside a string is punctuation
    // (`C:\Temp`, `..\..\win.ini`)
    if classes & BACKSLASH != 0 && memchr::memchr_iter(b'\\', b).any(|i| next_is(i, b'N')) {
        return false;
    }
    // `::` casts and `:name` variables; a lone `:` is punctuation (`Note: x`)
    if classes & COLON != 0
        && memchr::memchr_iter(b':', b).any(|i| {
            b.get(i + 1)
                .is_some_and(|&n| n == b':' || n.is_ascii_alphabetic())
        })
    {
        return false;
    }
    let mut i = 0;
    while let Some(start) = next_letter(b, i) {
        i = lexer::letters_end(b, start + 1);
        // (the byte before the run is read only for a run that is no keyword itself: most
        // runs leave at the keyword shape test)
        if keyword_in_run(&b[start..i], || start > 0 && b[start - 1].is_ascii_digit()) {
            return false;
        }
    }
    true
}

/// The first ASCII letter at or after `i`, passing eight non-letters at a time.
fn next_letter(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let letters = lexer::letter_mask(u64::from_le_bytes(chunk));
        if letters != 0 {
            return Some(i + (letters.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(u8::is_ascii_alphabetic)
        .map(|p| i + p)
}

/// Whether the lexer can read a keyword in this maximal run of ASCII letters. After a digit
/// (`after_digit` says whether the run follows one) a number may have eaten the run's first
/// letters (`0x` and hex digits: `0xdUNION`; Oracle's `f`/`d` float suffix: `1fUNION`), so
/// every rest after `[xX]?[a-fA-F]*` is tried too.
#[inline(always)]
fn keyword_in_run(run: &[u8], after_digit: impl FnOnce() -> bool) -> bool {
    if lexer::keyword_bytes(run).is_some() {
        return true;
    }
    if !after_digit() {
        return false;
    }
    let mut k = usize::from(matches!(run.first(), Some(b'x' | b'X')));
    loop {
        if k > 0 && lexer::keyword_bytes(&run[k..]).is_some() {
            return true;
        }
        if !run.get(k).is_some_and(u8::is_ascii_hexdigit) {
            return false;
        }
        k += 1;
    }
}

/// Buffers reused from value to value: the token stream, its comment-free copy, and the
/// tokens where [`anywhere`]'s shapes may begin.
#[derive(Default)]
struct Scratch {
    raw: Vec<Token>,
    sig: Vec<Token>,
    starts: Vec<u32>,
    /// The value in lower case, for [`may_hold_shape_word`].
    lower: Vec<u8>,
}

fn analyze_with(value: &str, classes: u16, bufs: &mut Scratch) -> Option<&'static str> {
    let backslash = classes & BACKSLASH != 0;
    let mut runs: [(Start, bool); 7] = [(Start::Bare, true); 7];
    let mut n = 1;
    // `'…'`, `"…"` literals and `` `…` `` identifiers (MySQL column / table names)
    for (q, class) in [(b'\'', SQUOTE), (b'"', DQUOTE), (b'`', BACKTICK)] {
        if classes & class != 0
            && !quoted_phrase(value, q)
            && !(q == b'`' && code_span_query(value))
        {
            runs[n] = (Start::InQuote(q), true);
            n += 1;
            if backslash {
                // the application may escape quotes with a backslash: `\'` then closes
                runs[n] = (Start::InQuote(q), false);
                n += 1;
            }
        }
    }
    for &(st, bs) in &runs[..n] {
        // (the bare run comes first: no later run reads its tokens)
        if st == Start::Bare && bare_context_inert(value, classes, &mut bufs.lower) {
            continue;
        }
        if let Some(r) = judge_run(value, classes, st, bs, bufs) {
            return Some(r);
        }
    }
    None
}

/// One run of [`analyze_with`]: the value lexed from context `st` (`bs`: with backslash
/// escapes in strings) and judged by the bare context's own shapes and [`decide`]. Runs
/// share `bufs`: a run without escapes reads the tokens its run with them left in `raw`.
/// (Also the oracle [`bare_context_inert`]'s property test holds the gate to.)
#[inline]
fn judge_run(
    value: &str,
    classes: u16,
    st: Start,
    bs: bool,
    bufs: &mut Scratch,
) -> Option<&'static str> {
    let Scratch {
        raw, sig, starts, ..
    } = bufs;
    let backslash = classes & BACKSLASH != 0;
    // A context without backslash escapes follows its run with them, whose tokens are
    // still in `raw`. When none of its strings held a backslash, every string scan
    // stops at the same quote either way: the same tokens, a decision already made.
    if !bs && !backslash_in_strings(value, raw) {
        return None;
    }
    // (without a backslash every run has escapes on, and no later run reads `raw`)
    if let Start::InQuote(q @ (b'\'' | b'"')) = st {
        if !backslash && quote_context_inert(value, q) {
            // what [`decide`] then has left to say
            if closed_then_cut(value, q) {
                return Some("string-break+comment");
            }
            return None;
        }
    }
    let lexed_comment = lexer::tokenize(value, st, bs, raw, starts);
    // the marked starts number the tokens of `raw`, which are `sig` without comments
    let starts: Option<&[u32]> = (!lexed_comment).then_some(&starts[..]);
    // Without comments (most values) the significant tokens are the raw ones, and with
    // one comment that ends the value (`… --`, a `#` on the last line) they are the raw
    // ones before it: no copy.
    let first_comment = if lexed_comment {
        raw.iter().position(|t| t.kind == Kind::Comment)
    } else {
        None
    };
    let trailing_only = first_comment.is_some_and(|c| c + 1 == raw.len());
    let (sig, truncated): (&[Token], bool) = match first_comment {
        None => (raw, false),
        Some(c) if trailing_only => (&raw[..c], trailing_truncation(value, raw)),
        Some(_) => {
            let truncated = significant(value, raw, sig);
            (sig, truncated)
        }
    };
    let commented = matches!(raw.last(), Some(t) if t.kind == Kind::Comment);
    let balanced = commented
        || match (st, sig.last()) {
            (Start::InQuote(q), Some(t)) => {
                sig.len() > 1
                    && t.kind == Kind::OpenStr
                    && value.as_bytes().get(t.start as usize) == Some(&q)
            }
            _ => false,
        }
        || (st == Start::InQuote(b'`') && backtick_reopened(value, sig));
    // `1/**/or/**/1`: comments glued between tokens stand in for spaces, something
    // only filter evasion does
    // (a comment that only ends the value stands between no two tokens)
    let obfuscated = raw.len() != sig.len()
        && !trailing_only
        && raw.windows(3).any(|w| {
            w[1].kind == Kind::Comment
                && w[0].end == w[1].start
                && w[1].end == w[2].start
                && value.as_bytes().get(w[1].start as usize) == Some(&b'/')
        });
    if st == Start::Bare {
        if obfuscated && comment_glued_keyword(value, raw) {
            return Some("comment-as-space");
        }
        // context-free shapes, read once over the bare stream
        let mut p = Parser::new(value, sig);
        let r = clause_at_start(&mut p).or_else(|| {
            (classes & UNDERSCORE != 0)
                .then(|| catalog_reference(value, sig))
                .flatten()
        });
        if let Some(r) = r {
            return Some(r);
        }
    }
    decide(value, sig, starts, st, truncated, balanced, obfuscated)
}

/// What [`quote_context_inert`] does with a byte outside literals and comments.
mod code_byte {
    /// Rejected: it may make a token the proof does not cover (`(` `;` `@` `$` `` ` ``
    /// `[` `\\`, control bytes).
    pub const OTHER: u8 = 0;
    /// A byte of a word, number, blank or operator the proof allows (a non-ASCII byte is
    /// a blank the lexer skips or a byte of a word, never of a keyword).
    pub const PLAIN: u8 = 1;
    /// `_` and ASCII letters: a run of them may be a keyword.
    pub const LETTER: u8 = 2;
    /// `-` `/` `:` `#`: plain unless the next byte makes a comment or a cast.
    pub const PAIR: u8 = 3;
    /// `'` and `"`.
    pub const QUOTE: u8 = 4;
}

/// [`code_byte`]'s class of every byte.
static CODE_BYTE: [u8; 256] = {
    let mut t = [code_byte::OTHER; 256];
    let plain = b"0123456789 \t\n\r.,=%+!?<>&|*^~{}])";
    let mut i = 0;
    while i < plain.len() {
        t[plain[i] as usize] = code_byte::PLAIN;
        i += 1;
    }
    let mut c = 0;
    while c < 26 {
        t[(b'a' + c) as usize] = code_byte::LETTER;
        t[(b'A' + c) as usize] = code_byte::LETTER;
        c += 1;
    }
    t[b'_' as usize] = code_byte::LETTER;
    t[b'-' as usize] = code_byte::PAIR;
    t[b'/' as usize] = code_byte::PAIR;
    t[b':' as usize] = code_byte::PAIR;
    t[b'#' as usize] = code_byte::PAIR;
    t[b'\'' as usize] = code_byte::QUOTE;
    t[b'"' as usize] = code_byte::QUOTE;
    let mut h = 0x80;
    while h < 256 {
        t[h] = code_byte::PLAIN;
        h += 1;
    }
    t
};

/// Whether the context inside a `q` literal (`'` or `"`) of a value without a backslash
/// can only end in [`decide`]'s `None` or its [`closed_then_cut`] test, so that lexing it
/// changes no decision. Rich text and markup (`<a class="x y" href="…">`, `it's the
/// user's`) pass with one walk over the bytes outside literals.
///
/// Proof, from the tokens the lexer makes in that context. Without a backslash no string
/// scan stops elsewhere than at its quote, and a doubled quote (which continues a literal)
/// is refused here: so the literal the value opens in closes at the first `q`, and after it
/// each quote opens a literal that closes at the next of its kind. Outside literals only
/// the bytes of [`CODE_BYTE`] are allowed, and `--` and `#` comments that run to a line's
/// end (`#>` and `/*` refused), so the tokens there are words, numbers, blanks, `.` `,` `)`
/// `]` `{` `}`, operators and comparisons, `?` and `:name` variables, keywords and
/// comments: no `(` (no call, nothing for `Parser` to open), no `;`, no `::`, and no
/// keyword that opens a shape of [`anywhere`] (`UNION`, `INTO`, `CASE`, `WAITFOR`,
/// `SELECT`: [`lexer::opens_shape`]; every maximal run of letters and `_` is checked, and
/// every rest of it after a digit or `.`, where a number may have eaten its head; no
/// keyword has a digit). A non-ASCII byte is a Unicode blank or U+FFFD, which the lexer
/// skips, or a byte of a word token (no number eats one), which is then no keyword and no
/// string prefix (those are ASCII, or start with `_`, checked by a run of its own); a
/// keyword token is still a maximal run of letters and `_` here, bounded by a byte that is
/// not one, or such a rest after a number. No comment truncates
/// ([`truncating_comment`] refuses each), so `truncated` is false whatever token the
/// lexer's cap stops at, and none starts with `/`, so `obfuscated` is false.
/// Then [`anywhere`] finds nothing: token 0 is a literal (no statement or call opens the
/// value), and every shape of its loop starts at one of those keywords, `;`, `::` or a
/// word or keyword before `(` (other keywords fail every arm). In [`decide`] token 0 is
/// the closed literal, [`adjacent_literals`] wants only literals after it, no `)` follows
/// it, and token 1 is a word, no keyword, that starts with a letter or a non-ASCII byte
/// that is no Unicode blank or U+FFFD (so the lexer's word path reads it, as a word: no
/// number; checked: not `goto` nor `on`, and no `'` glued to a one-letter string prefix,
/// which would make it a literal; no prefix starts with a non-ASCII byte): the match's arms for a word after a quote want `goto`, `on`, or a
/// truncation; every other arm wants another token or another start; nothing after
/// token 1 is read.
/// (`balanced` is read only by arms this never reaches.)
fn quote_context_inert(value: &str, q: u8) -> bool {
    let b = value.as_bytes();
    let Some(close) = memchr::memchr(q, b) else {
        return false;
    };
    let mut i = close + 1;
    // token 1: a word starting with a letter or a non-ASCII byte that is no blank the
    // lexer skips (ASCII blanks before it skipped)
    let w = i + b[i..]
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(b.len() - i);
    let starts_word = |&c: &u8| {
        c.is_ascii_alphabetic()
            || (c >= 0x80
                && lexer::unicode_blank(b, w) == 0
                && b.get(w..w + 3) != Some(&[0xef, 0xbf, 0xbd][..]))
    };
    if literal_then_line_comment(value, close, w) {
        return true;
    }
    if !b.get(w).is_some_and(starts_word) {
        return false;
    }
    // (the lexer's whole word: its bytes after the first may be non-ASCII ones)
    let we = lexer::word_end(b, w);
    let word = &b[w..we];
    if lexer::keyword_bytes(word).is_some()
        || word.eq_ignore_ascii_case(b"goto")
        || word.eq_ignore_ascii_case(b"on")
        || (b.get(we) == Some(&b'\'') && lexer::is_string_prefix(word))
    {
        return false;
    }
    while let Some(&c) = b.get(i) {
        match CODE_BYTE[usize::from(c)] {
            code_byte::PLAIN => i += 1,
            code_byte::LETTER => {
                let end = letter_run_end(b, i);
                if shape_keyword_in_run(b, i, end) {
                    return false;
                }
                i = end;
            }
            code_byte::PAIR => {
                let next = b.get(i + 1).copied();
                let comment = match c {
                    b'#' => next != Some(b'>'),
                    b'-' => next == Some(b'-'),
                    b'/' if next == Some(b'*') => return false,
                    b':' if next == Some(b':') => return false,
                    _ => false,
                };
                if c == b'#' && !comment {
                    return false;
                }
                if comment {
                    let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p);
                    // (both ends are ASCII: char boundaries)
                    if truncating_comment(&value[i..end]) {
                        return false;
                    }
                    i = end;
                } else {
                    i += 1;
                }
            }
            code_byte::QUOTE => {
                // a literal to the next quote of its kind, or open to the end
                let Some(e) = memchr::memchr(c, &b[i + 1..]).map(|p| i + 1 + p) else {
                    return true;
                };
                if b.get(e + 1) == Some(&c) {
                    return false;
                }
                i = e + 1;
            }
            _ => return false,
        }
    }
    true
}

/// `<a href="#top">top</a>`, `<!-- "a" -- b -->`: whether the context inside a literal
/// that closes at `close` lexes to that literal and one line comment at `w` (blanks between)
/// that runs to the value's end and truncates nothing, and [`decide`] says `None` to it
/// (or its [`closed_then_cut`] test, which [`quote_context_inert`]'s caller runs).
///
/// Proof: the comment is the last token (`#` not before `>`, where `#>` may be an operator;
/// `--`; no `\n` after it), so the significant tokens are the closed literal alone,
/// `truncated` is false ([`truncating_comment`] refuses it), and nothing is `obfuscated`.
/// [`anywhere`] reads one literal: no shape. In [`decide`] the literal is a `Quote` start
/// at token 1, [`adjacent_literals`] wants two tokens, no `)` follows, and token 1 is the
/// end: its `None` arm asks a quote start for a truncation or a glued comment *and* a
/// literal without whitespace (checked: this one holds an ASCII blank); its other tests
/// want `)`, a variable, an identifier or a number start. So `None`.
fn literal_then_line_comment(value: &str, close: usize, w: usize) -> bool {
    let b = value.as_bytes();
    let rest = &b[w..];
    let comment = match rest {
        [b'#', b'>', ..] => false,
        [b'#', ..] | [b'-', b'-', ..] => true,
        _ => false,
    };
    comment
        && memchr::memchr(b'\n', rest).is_none()
        && b[..close]
            .iter()
            .any(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        // (both ends are ASCII or the value's end: char boundaries)
        && !truncating_comment(&value[w..])
}

/// The end of the run of ASCII letters and `_` at `i` (a letter or `_`), letters eight at a
/// time.
#[inline(always)]
fn letter_run_end(b: &[u8], i: usize) -> usize {
    let mut end = lexer::letters_end(b, i + 1);
    while b.get(end) == Some(&b'_') {
        end = lexer::letters_end(b, end + 1);
    }
    end
}

/// Whether the maximal run `i..end` of ASCII letters and `_` may be lexed as a keyword that
/// opens a shape of [`anywhere`] ([`lexer::opens_shape`]): the whole run, or, after a digit
/// or `.` (where a number may have eaten the run's head: `0xdUNION`, `1fUNION`, `1.union`),
/// any rest of it. A keyword token is a maximal run of letters and `_` (no keyword has a
/// digit), or such a rest after a number.
#[inline(always)]
fn shape_keyword_in_run(b: &[u8], i: usize, end: usize) -> bool {
    let after_number = i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.');
    let opens = |k: usize| {
        lexer::keyword_bytes(&b[k..end]).is_some_and(|kw| lexer::opens_shape(Kind::Kw(kw)))
    };
    // (the keywords that open a shape are 4 to 9 letters long)
    if after_number {
        (i..end).any(opens)
    } else {
        (4..=9).contains(&(end - i)) && opens(i)
    }
}

/// Whether the bare context (`Start::Bare`) of `value` can only end in [`decide`]'s `None`,
/// with nothing found before it, so that lexing it changes no decision. Prose with
/// apostrophes, quotes and parentheses (`The cache (or part of it) can't …`), which
/// [`plain_prose`] leaves to the lexer, passes with one walk over its bytes.
///
/// Proof, from the tokens the lexer makes in the bare context (backslash escapes on, as
/// the bare run lexes). The walk mirrors the lexer's token boundaries: it skips the blanks
/// the lexer skips (ASCII, [`lexer::unicode_blank`]s, U+FFFD), each literal with the
/// lexer's own [`lexer::scan_string`] (a prefix word before `'`, `N'…'`, ends where that
/// scan ends too), `#` and `--` comments with [`lexer::scan_line`], and each run of word
/// bytes with [`lexer::word_end`]; numbers swallow only digits, `.`, letters, and a `+`/`-`
/// before a digit, never a quote, `(`, `#` or `--`. It refuses `::`, `/*`, `#>`, a `;`
/// before a token that may start a statement ([`statement_cannot_follow`]), and the bytes
/// whose tokens it does not follow (`@`, `$`, `` ` ``, `[`). So:
/// - The stream opens as [`inert_bare_opening`] says, with nothing but blanks before its
///   tokens: two words (no keyword, no prefixed string), the second no `asc`, `desc` or
///   `goto`; or a comparison.
/// - [`anywhere`]: token 0 is no `EXEC`/`DECLARE`/`WAITFOR` keyword and token 1 no `(` after
///   a word, so its two opening tests fail. Its loop (over the marked starts, or over every token when
///   a comment was lexed) acts only at `UNION`, `INTO`, `CASE`, `WAITFOR`, `SELECT` (none
///   may be lexed: [`may_hold_shape_word`]), `;` (whose `stacked_statement` test fails:
///   [`statement_cannot_follow`]), `::` (refused), the `user()`
///   of a three-token value (token 1 is no `(`) and a word or keyword directly before `(`
///   that [`keywords::is_strong_function`] names. Such a word ends a run of word bytes
///   followed only by blanks and comments (which the significant stream drops) before the
///   `(`, and starts inside that run (after a number or a blank the run holds): every
///   suffix of the run is tried.
/// - [`analyze_with`]'s bare checks: `obfuscated` needs a `/*` comment (refused);
///   [`clause_at_start`] needs a keyword at token 0; [`catalog_reference`] needs a word
///   that [`keywords::is_system_catalog`] names (none is spelled: [`may_hold_shape_word`]).
/// - [`decide`], with token 0 a word: start `Ident` at token 1, no `)` closed (`broke` is
///   false, `parens` 0). `closed_then_cut` and `adjacent_literals` are the quote contexts';
///   [`sort_list_comment`] and [`sort_clause_tail`] stop at token 1, a word that is neither
///   a direction nor `LIMIT`, `PROCEDURE` or `INTO` (keywords); [`collate_clause`] wants a
///   `.` or `COLLATE` there. The match on token 1, a word: `goto` needs `broke`, the
///   `asc`/`desc` arms need those words, the `on` arm a quote start, the statement-tail arm
///   a number start or a quote context; every other arm wants another kind of token. So
///   `_ => None`, whatever `truncated`, `balanced` and the lexer's token cap. With token 0
///   a comparison: an `Empty` start, see [`inert_bare_opening`].
fn bare_context_inert(value: &str, classes: u16, lower: &mut Vec<u8>) -> bool {
    let b = value.as_bytes();
    if !inert_bare_opening(b) {
        return false;
    }
    let settled = if comments_absent(b, classes) {
        memchr::memchr_iter(b';', b).all(|k| statement_cannot_follow(b, k + 1))
            && no_strong_call(value)
    } else {
        bare_walk_inert(value)
    };
    settled && !may_hold_shape_word(b, lower)
}

/// Whether `b` has no `#`, `--`, `/*` or `::` anywhere (`classes` are its
/// [`byte_classes`]). Then the lexer makes no comment or `::` token wherever its literals
/// fall, and [`no_strong_call`] and [`statement_cannot_follow`] settle the bare context
/// without following them: each is asked at every `(` or `;` byte, inside a literal or not
/// (a `;` token is followed by the token the lexer starts after it, blanks skipped; one
/// inside a literal makes no token, and asking about it only refuses more).
fn comments_absent(b: &[u8], classes: u16) -> bool {
    memchr::memchr(b'#', b).is_none()
        && !(classes & DASH != 0
            && memchr::memchr_iter(b'-', b).any(|i| b.get(i + 1) == Some(&b'-')))
        && !(classes & STAR != 0 && memchr::memchr_iter(b'*', b).any(|i| i > 0 && b[i - 1] == b'/'))
        && !(classes & COLON != 0 && has_double_colon(b))
}

/// Whether no `(` of `value` follows a word [`keywords::is_strong_function`] names, blanks
/// between. In a value without comments (see [`comments_absent`]) a word or
/// keyword token directly before a `(` ends where the blanks before the `(` begin, and is a
/// suffix of the run of word bytes that ends there (its bytes are word bytes; a backtick or
/// bracketed name ends in another byte and is no function's name): every suffix is tried.
/// A `(` inside a literal makes no token, and trying it only refuses more.
fn no_strong_call(value: &str) -> bool {
    let b = value.as_bytes();
    memchr::memchr_iter(b'(', b).all(|p| {
        let end = blanks_before(b, p);
        let mut start = end;
        while start > 0 && lexer::is_word_byte(b[start - 1]) {
            start -= 1;
        }
        start == end || !strong_function_suffix(value, start, end)
    })
}

/// The start of the blanks the lexer skips that end at `j`: ASCII ones,
/// [`lexer::unicode_blank`]s and U+FFFD (their lead bytes are no continuation bytes, so
/// each is found whole from its end).
fn blanks_before(b: &[u8], mut j: usize) -> usize {
    loop {
        if j >= 1 && lexer::is_space(b[j - 1]) {
            j -= 1;
        } else if j >= 2 && b[j - 2] == 0xc2 && matches!(b[j - 1], 0xa0 | 0x85) {
            j -= 2;
        } else if j >= 3
            && matches!(
                &b[j - 3..j],
                [0xe2, 0x80, 0xa8] | [0xe2, 0x80, 0xa9] | [0xef, 0xbf, 0xbd]
            )
        {
            j -= 3;
        } else {
            return j;
        }
    }
}

/// [`bare_context_inert`]'s walk through a value with comments or terminators: whether its
/// bare context has no `;`, `::`, `/*`, `#>`, no byte whose token the walk does not follow,
/// and no `(` right after a word [`keywords::is_strong_function`] names.
fn bare_walk_inert(value: &str) -> bool {
    let b = value.as_bytes();
    let mut i = 0;
    // the last run of word bytes while only blanks and comments follow it
    let mut word: Option<(usize, usize)> = None;
    while let Some(&c) = b.get(i) {
        let class = BARE_BYTE[usize::from(c)];
        if class == bare_byte::HIGH {
            let blank = match lexer::unicode_blank(b, i) {
                0 if b.get(i..i + 3) == Some(&[0xef, 0xbf, 0xbd][..]) => 3,
                n => n,
            };
            if blank != 0 {
                i += blank;
                continue;
            }
        }
        match class {
            bare_byte::BLANK => i += 1,
            bare_byte::WORD | bare_byte::HIGH => {
                let end = lexer::word_end(b, i);
                word = Some((i, end));
                i = end;
            }
            bare_byte::QUOTE => {
                i = lexer::scan_string(b, i + 1, c, true).0;
                word = None;
            }
            bare_byte::OPEN => {
                if word.is_some_and(|(s, e)| strong_function_suffix(value, s, e)) {
                    return false;
                }
                word = None;
                i += 1;
            }
            bare_byte::PAIR => match (c, b.get(i + 1).copied()) {
                (b'#', Some(b'>')) | (b'/', Some(b'*')) | (b':', Some(b':')) => return false,
                (b'#', _) | (b'-', Some(b'-')) => i = lexer::scan_line(b, i),
                _ => {
                    word = None;
                    i += 1;
                }
            },
            bare_byte::REFUSED => return false,
            bare_byte::SEMI => {
                if !statement_cannot_follow(b, i + 1) {
                    return false;
                }
                word = None;
                i += 1;
            }
            _ => {
                word = None;
                i += 1;
            }
        }
    }
    true
}

/// Whether the token the lexer makes at `j` (ASCII blanks skipped), right after a `;` of
/// the bare context, cannot be one at which [`grammar::Parser::stacked_statement`] answers
/// `true`, so that the `;` changes no verdict (`&nbsp;&amp;`, `a; b`, `x;` at the end).
///
/// Proof: the `;` is a `Semi` token, which [`anywhere`] reads only through
/// `stacked_statement` at the token after it ([`decide`]'s `Semi` arm is reached only at its
/// break-out point, token 0 or 1 of [`bare_context_inert`]'s opening, which is no `;`).
/// `stacked_statement` answers `false` at the end of the stream and at every token that is
/// neither a `SELECT`, `WAITFOR` or statement keyword nor a word spelled `do`, `lock`,
/// `if`, `while`, `sp_…` or `xp_…` (every arm of its match wants one of these). Here the
/// next token is the end, or starts at a byte that makes no word (an operator,
/// punctuation, a quote's literal, a number, a `(`), or is the lexer's word at an ASCII
/// letter, `_` or a non-ASCII byte that is no blank the lexer skips (checked: no keyword
/// of those classes, none of those names, or a prefixed string literal). A comment, `#`,
/// `$`, `@`, `` ` ``, `[`, `\\`, `:` and other bytes are refused: a comment would hide
/// the significant token behind it.
fn statement_cannot_follow(b: &[u8], j: usize) -> bool {
    let mut k = j;
    while b.get(k).is_some_and(|&c| lexer::is_space(c)) {
        k += 1;
    }
    let Some(&c) = b.get(k) else {
        return true;
    };
    match c {
        b'-' => b.get(k + 1) != Some(&b'-'),
        b'/' => b.get(k + 1) != Some(&b'*'),
        b'0'..=b'9'
        | b'<'
        | b'>'
        | b'='
        | b'&'
        | b'|'
        | b'!'
        | b'~'
        | b'+'
        | b'*'
        | b'%'
        | b'^'
        | b','
        | b'.'
        | b'('
        | b')'
        | b']'
        | b'{'
        | b'}'
        | b'?'
        | b';'
        | b'\''
        | b'"' => true,
        _ if c.is_ascii_alphabetic()
            || c == b'_'
            || (c >= 0x80
                && lexer::unicode_blank(b, k) == 0
                && b.get(k..k + 3) != Some(&[0xef, 0xbf, 0xbd][..])) =>
        {
            let end = lexer::word_end(b, k);
            let word = &b[k..end];
            if b.get(end) == Some(&b'\'') && lexer::is_string_prefix(word) {
                return true;
            }
            let named = |n: &[u8]| word.eq_ignore_ascii_case(n);
            let procedure = word.len() > 3
                && (word[..3].eq_ignore_ascii_case(b"sp_")
                    || word[..3].eq_ignore_ascii_case(b"xp_"));
            let statement = matches!(
                lexer::keyword_bytes(word),
                Some(Kw::Select | Kw::Waitfor | Kw::Statement)
            );
            !(statement
                || named(b"do")
                || named(b"lock")
                || named(b"if")
                || named(b"while")
                || procedure)
        }
        _ => false,
    }
}

/// The words [`bare_context_inert`] refuses, in lower case: the keywords that open a shape
/// of [`anywhere`] (the first [`SHAPE_WORDS`]), then the names
/// [`keywords::is_system_catalog`] knows.
const BARE_REFUSED_WORDS: [&str; 17] = [
    "union",
    "intersect",
    "except",
    "minus",
    "select",
    "waitfor",
    "into",
    "case",
    "information_schema",
    "pg_catalog",
    "sqlite_master",
    "sqlite_schema",
    "all_tables",
    "all_tab_columns",
    "user_tables",
    "dba_users",
    "pg_shadow",
];

/// How many of [`BARE_REFUSED_WORDS`] are keywords.
const SHAPE_WORDS: usize = 8;

/// Whether `b` may hold a token [`bare_context_inert`] refuses: a keyword that opens a shape
/// where the lexer may read it as one (see [`shape_keyword_in_run`]), or a system catalog's
/// name anywhere (a word token equal to it is a run of `b`). One vectorised search of the
/// lower-cased copy (in `lower`) for [`BARE_REFUSED_WORDS`] finds every occurrence of each
/// (the search resumes one byte after each match, so overlapping ones are found too); most
/// prose has none, and the walk through its words is skipped. `true` where the CPU has no
/// vector unit for the searcher, and for values shorter than its packed search reads.
fn may_hold_shape_word(b: &[u8], lower: &mut Vec<u8>) -> bool {
    static WORDS: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
        std::sync::LazyLock::new(|| crate::search::packed_words(BARE_REFUSED_WORDS));
    let Some(words) = WORDS.as_ref() else {
        return true;
    };
    if b.len() < words.minimum_len() {
        return true;
    }
    lower.clear();
    lower.extend(b.iter().map(u8::to_ascii_lowercase));
    let mut from = 0;
    while let Some(m) = words.find_in(
        &lower[..],
        aho_corasick::Span {
            start: from,
            end: lower.len(),
        },
    ) {
        if m.pattern().as_usize() >= SHAPE_WORDS || keyword_occurrence(b, m.start(), m.end()) {
            return true;
        }
        from = m.start() + 1;
    }
    false
}

/// Whether the keyword spelled at `h..e` may be lexed as a keyword token: it ends a run of
/// ASCII letters and `_`, and starts it, or follows a digit or `.` with the run (see
/// [`shape_keyword_in_run`]).
fn keyword_occurrence(b: &[u8], h: usize, e: usize) -> bool {
    let name_byte = |c: &u8| c.is_ascii_alphabetic() || *c == b'_';
    if b.get(e).is_some_and(name_byte) {
        return false;
    }
    let start = b[..h]
        .iter()
        .rposition(|c| !name_byte(c))
        .map_or(0, |p| p + 1);
    start == h || (start > 0 && (b[start - 1].is_ascii_digit() || b[start - 1] == b'.'))
}

/// What [`bare_context_inert`] does with a byte of the bare context outside literals and
/// comments.
mod bare_byte {
    /// A byte of a token that is no word (an operator, punctuation, a control byte).
    pub const OTHER: u8 = 0;
    /// A blank the lexer skips.
    pub const BLANK: u8 = 1;
    /// An ASCII letter, digit or `_`: a run of word bytes starts.
    pub const WORD: u8 = 2;
    /// A non-ASCII byte: a Unicode blank, U+FFFD, or a run of word bytes.
    pub const HIGH: u8 = 3;
    /// `'` and `"`.
    pub const QUOTE: u8 = 4;
    /// `(`.
    pub const OPEN: u8 = 5;
    /// `#` `-` `/` `:`: a comment, `#>`, `/*` or `::` with the next byte, else other.
    pub const PAIR: u8 = 6;
    /// `@` `$` `` ` `` `[`.
    pub const REFUSED: u8 = 7;
    /// `;`: refused unless [`super::statement_cannot_follow`] it.
    pub const SEMI: u8 = 8;
}

/// [`bare_byte`]'s class of every byte.
static BARE_BYTE: [u8; 256] = {
    let mut t = [bare_byte::OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b >= 0x80 {
            bare_byte::HIGH
        } else if b.is_ascii_alphanumeric() || b == b'_' {
            bare_byte::WORD
        } else {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0 => bare_byte::BLANK,
                b'\'' | b'"' => bare_byte::QUOTE,
                b'(' => bare_byte::OPEN,
                b'#' | b'-' | b'/' | b':' => bare_byte::PAIR,
                b';' => bare_byte::SEMI,
                b'@' | b'$' | b'`' | b'[' => bare_byte::REFUSED,
                _ => bare_byte::OTHER,
            }
        };
        c += 1;
    }
    t
};

/// Whether the bare token stream of `b` opens as [`bare_context_inert`] needs: two plain
/// words, the second no `asc`, `desc` or `goto` (`Ident` start), or a comparison (`<p>`,
/// `<a href=…>`, `=`: markup and assignments), which [`decide`] reads as an `Empty` start
/// whose comparison arm returns `None` at once (and [`sort_list_comment`] and
/// [`collate_clause`] want a word or a number first). `<<` and `>>` are shift operators,
/// not comparisons.
fn inert_bare_opening(b: &[u8]) -> bool {
    let skip_blanks = |mut i: usize| {
        while b.get(i).is_some_and(|&c| lexer::is_space(c)) {
            i += 1;
        }
        i
    };
    let first = skip_blanks(0);
    if let Some(&c @ (b'<' | b'>' | b'=')) = b.get(first) {
        return c == b'=' || b.get(first + 1) != Some(&c);
    }
    let Some(first_end) = plain_word_end(b, first) else {
        return false;
    };
    let second = skip_blanks(first_end);
    let Some(second_end) = plain_word_end(b, second) else {
        return false;
    };
    let w = &b[second..second_end];
    !(w.eq_ignore_ascii_case(b"asc")
        || w.eq_ignore_ascii_case(b"desc")
        || w.eq_ignore_ascii_case(b"goto"))
}

/// The end of the word token the lexer makes at `i` (blanks skipped) when it is a plain
/// word: an ASCII letter, `_` or a non-ASCII byte that is no blank starts it, and it is no
/// keyword and no prefixed string (`N'…'`), as [`lexer::tokenize`]'s word path reads it.
fn plain_word_end(b: &[u8], i: usize) -> Option<usize> {
    let &c = b.get(i)?;
    let starts = c.is_ascii_alphabetic()
        || c == b'_'
        || (c >= 0x80
            && lexer::unicode_blank(b, i) == 0
            && b.get(i..i + 3) != Some(&[0xef, 0xbf, 0xbd][..]));
    if !starts {
        return None;
    }
    let end = lexer::word_end(b, i);
    let word = &b[i..end];
    let prefixed = b.get(end) == Some(&b'\'') && lexer::is_string_prefix(word);
    (lexer::keyword_bytes(word).is_none() && !prefixed).then_some(end)
}

/// Whether a suffix of the run of word bytes `s..e` of `value` is a function
/// [`keywords::is_strong_function`] names (the word token before a `(` ends the run).
fn strong_function_suffix(value: &str, s: usize, e: usize) -> bool {
    // (the names are 4 to 32 bytes long)
    (s..e.saturating_sub(3))
        .any(|k| e - k <= 32 && value.get(k..e).is_some_and(keywords::is_strong_function))
}

/// `"union select" error`, `` `SELECT` is a keyword ``: a search or a sentence that opens
/// with a quoted phrase of plain words and goes on in words. Put inside the application's
/// literal of that quote, the phrase's opening quote would close it and its closing quote
/// open the rest as a new literal, so the phrase would be SQL; but a phrase is quoted the
/// way prose quotes, each quote glued to the word it encloses and a blank after the
/// closing one, and holds only letters, digits and blanks: no operator, comparison, call
/// or comment can make a test or a clause of its words. An attack that closes the
/// literal writes its operand or its own quote next (`" or "1"="1`, `' union select 'a`).
/// Only that quote's context is skipped; the value is still judged bare and in the others.
fn quoted_phrase(value: &str, q: u8) -> bool {
    let b = value.as_bytes();
    if b.len() > 200 || b.first() != Some(&q) {
        return false;
    }
    let Some(close) = memchr::memchr(q, &b[1..]).map(|c| c + 1) else {
        return false;
    };
    let body = &b[1..close];
    let rest = &b[close + 1..];
    let plain = |c: &u8| c.is_ascii_alphanumeric() || *c == b' ';
    body.first().is_some_and(u8::is_ascii_alphanumeric)
        && body.last().is_some_and(u8::is_ascii_alphanumeric)
        && body.iter().all(plain)
        && rest.first() == Some(&b' ')
        && rest.iter().any(u8::is_ascii_alphabetic)
        && rest.iter().all(|c| {
            plain(c) || matches!(c, b'.' | b',' | b'!' | b'?') || (*c == b'\'' && q != b'\'')
        })
}

/// ``my query `SELECT name FROM t LIMIT 10` is slow``: a sentence quoting a read-only query
/// in a Markdown code span. Only a MySQL identifier the application wraps in backticks could
/// make the span's text SQL, and that identifier would be the text before the first
/// backtick, which here ends in a blank: MySQL rejects a name ending in a space, so the
/// statement never runs. The span holds one `SELECT` with no quote, comment or `;` (a code
/// span holding a break-out, `` `' or 1=1--` ``, or a second statement keeps the context),
/// and closes before a blank, punctuation or the end.
fn code_span_query(value: &str) -> bool {
    let b = value.as_bytes();
    let Some(open) = memchr::memchr(b'`', b) else {
        return false;
    };
    if open == 0 || !b[open - 1].is_ascii_whitespace() {
        return false;
    }
    let Some(close) = memchr::memchr(b'`', &b[open + 1..]).map(|c| open + 1 + c) else {
        return false;
    };
    let span = &b[open + 1..close];
    let after_ok = b
        .get(close + 1)
        .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'.' | b',' | b'?' | b'!' | b':'));
    after_ok
        && span.len() > 7
        && span[..7].eq_ignore_ascii_case(b"select ")
        && !span
            .iter()
            .any(|c| matches!(c, b'\'' | b'"' | b';' | b'#' | b'\\'))
        && memchr::memmem::find(span, b"--").is_none()
        && memchr::memmem::find(span, b"/*").is_none()
        && memchr::memchr(b'`', &b[close + 1..]).is_none()
}

/// Whether a backslash lies in a token lexed by a string scan (a literal, `@'…'`), the only
/// place where [`lexer::tokenize`]'s `backslash_escapes` changes anything.
fn backslash_in_strings(s: &str, t: &[Token]) -> bool {
    let b = s.as_bytes();
    t.iter().any(|tok| {
        matches!(tok.kind, Kind::Str | Kind::OpenStr | Kind::Var)
            && b.get(tok.start as usize..tok.end as usize)
                .is_some_and(|span| memchr::memchr(b'\\', span).is_some())
    })
}

/// `DROP/*x*/users`, `SELECT/**/password`: a statement keyword glued to its operand by a
/// `/*…*/` comment standing in for the space. Only filter evasion writes SQL that way; code
/// comments sit between statements, not inside `keyword operand`.
fn comment_glued_keyword(s: &str, raw: &[Token]) -> bool {
    raw.windows(3).any(|w| {
        matches!(w[0].kind, Kind::Kw(Kw::Select | Kw::Statement | Kw::Union))
            && w[1].kind == Kind::Comment
            && w[0].end == w[1].start
            && w[1].end == w[2].start
            && s.as_bytes().get(w[1].start as usize) == Some(&b'/')
            && matches!(
                w[2].kind,
                Kind::Word | Kind::Num | Kind::Var | Kind::Str | Kind::Kw(_)
            )
    })
}

/// Copy the non-comment tokens of `raw` into `sig`; returns whether a comment ends the value
/// and swallows the rest of the application's query.
fn significant(s: &str, raw: &[Token], sig: &mut Vec<Token>) -> bool {
    sig.clear();
    sig.extend(raw.iter().copied().filter(|t| t.kind != Kind::Comment));
    trailing_truncation(s, raw)
}

/// Whether the last token of `raw` is a comment that swallows the rest of the application's
/// query (see [`truncating_comment`]).
fn trailing_truncation(s: &str, raw: &[Token]) -> bool {
    match raw.last() {
        Some(t) if t.kind == Kind::Comment => {
            truncating_comment(s.get(t.start as usize..t.end as usize).unwrap_or(""))
        }
        _ => false,
    }
}

/// Is this trailing comment an injection's truncation (`--`, `-- -`, `#`, `/*`) rather than
/// prose using the characters (`#2 MOM`, `--INFANT`, `# BLAH`)? A truncating comment carries
/// nothing, or starts its text with a separator; `#` comments must be empty.
fn truncating_comment(c: &str) -> bool {
    let b = c.as_bytes();
    if c.starts_with("/*") {
        return !c.ends_with("*/") || c.len() <= 4 || b.get(2) == Some(&b'*');
    }
    let dashes = c.starts_with("--");
    let body = if dashes { &b[2..] } else { &b[1..] };
    // Three independent ways to be a truncation, any of which suffices: the two that look
    // at a byte or two come first, the search through the whole comment last.
    // `-- x`, `--+x`: the separator MySQL requires after `--`
    if dashes && matches!(body.first(), Some(b' ' | b'\t' | b'+')) {
        return true;
    }
    // Nothing but punctuation and spaces (an empty body included): no allocation needed,
    // whitespace is not alphanumeric either.
    if !body.iter().any(u8::is_ascii_alphanumeric) {
        return true;
    }
    // MSSQL hides a statement from its log when `sp_password` appears in a comment
    // (found from its `_`, which prose rarely has: no searcher to build per comment)
    memchr::memchr_iter(b'_', body)
        .any(|u| u >= 2 && body.get(u - 2..u + 9) == Some(&b"sp_password"[..]))
}

/// The decision for one context.
fn decide(
    s: &str,
    t: &[Token],
    starts: Option<&[u32]>,
    st: Start,
    truncated: bool,
    balanced: bool,
    obfuscated: bool,
) -> Option<&'static str> {
    let mut p = Parser::new(s, t);
    let quoted = matches!(st, Start::InQuote(_));

    // Context-free evidence: a set operation, a stacked statement or a timing primitive
    // anywhere is SQL whatever the context.
    if let Some(r) = anywhere(&mut p, t, starts) {
        return Some(r);
    }

    // The break-out point and what the value put before it.
    let (mut i, start_kind) = if quoted {
        match p.k(0) {
            Some(Kind::Str) => (1, StartKind::Quote),
            _ => return None, // the literal never closes: the value stays data
        }
    } else {
        match p.k(0) {
            Some(Kind::Num | Kind::LParen | Kind::Op) => {
                // A number (possibly signed or parenthesised): numeric context.
                match p.operand(0, 0) {
                    Some(e) if p.flags & (NUM | LIT | VAR) != 0 && p.flags & (STR | CALL) == 0 => {
                        let paren = p.flags & PAREN != 0;
                        p.take_flags();
                        (
                            e,
                            if paren {
                                StartKind::ParenNumber
                            } else {
                                StartKind::Number
                            },
                        )
                    }
                    _ => {
                        p.take_flags();
                        (0, StartKind::Empty)
                    }
                }
            }
            Some(Kind::Word) => (1, StartKind::Ident),
            // `@@version--`, `@version into outfile …`
            Some(Kind::Var) => (1, StartKind::Number),
            // `'hi' or 'x'='x'`: a literal of its own, then the injected structure
            Some(Kind::Str) => (1, StartKind::Literal),
            // `AS x WHERE 1=1` continues a select list
            Some(Kind::Kw(Kw::As)) if p.k(1) == Some(Kind::Word) => (2, StartKind::Ident),
            _ => (0, StartKind::Empty),
        }
    };

    // `12 Main St'-- -`, `Smith' #`, `O'Neil'/*`: whatever the field holds, a quote glued
    // to it closes the application's literal and an empty comment cuts off the rest of the
    // query (see [`closed_then_cut`]).
    if let Start::InQuote(q @ (b'\'' | b'"')) = st {
        if closed_then_cut(s, q) {
            return Some("string-break+comment");
        }
    }

    // `1 desc, 2 asc--`, `price asc -- x`, `2,1--`: in `ORDER BY <value>` a sort list
    // then a comment cuts off what the application put after its ORDER BY (the LIMIT,
    // the tenant filter of a UNION'd branch). A sort list with no comment is what the
    // parameter is for and stays data.
    if !quoted && truncated && sort_list_comment(&p, s, t) {
        return Some("order-list+comment");
    }
    // `name asc limit 1 procedure analyse()`, `1 desc limit 1 into @x`, `id limit 1 into
    // outfile '/tmp/x'`: in `ORDER BY <value>` or `LIMIT <value>` the value finishes the
    // sort list or the row window and goes on with the clauses MySQL allows only after
    // them (see [`sort_clause_tail`]).
    // (A number with no direction is a LIMIT value or an operand, and the arms below name
    // its tails: `1 limit 1,1 into @a`, `1 procedure analyse()`.)
    if !quoted
        && (start_kind == StartKind::Ident
            || (start_kind == StartKind::Number
                && p.k(1) == Some(Kind::Word)
                && (p.text(1).eq_ignore_ascii_case("asc")
                    || p.text(1).eq_ignore_ascii_case("desc"))))
        && sort_clause_tail(&p)
    {
        return Some("order-limit");
    }

    // `' '`, `1' '`, `ad' 'min`: in `name='<value>'` the value closes the application's
    // literal and opens another with only blanks between: `name='' ''`. MySQL joins adjacent
    // literals, so the query stays valid and its answer differs from a lone `'` (an error):
    // the classic proof that quotes reach the SQL unescaped.
    if quoted && adjacent_literals(&p, s, t) {
        return Some("string-concat");
    }
    // `email COLLATE utf8mb4_bin`: in `ORDER BY <value>` (or a column the application pastes
    // unquoted) the value adds a COLLATE clause with a server collation name, changing how
    // the query compares and sorts: a clause, not a sort key or a direction.
    if !quoted && collate_clause(&p) {
        return Some("collate-clause");
    }

    // Closing parentheses the application opened: `1)) OR ((1`.
    let mut parens = 0;
    while p.k(i) == Some(Kind::RParen) && parens < 16 {
        i += 1;
        parens += 1;
    }
    let broke = start_kind == StartKind::Quote || parens > 0;

    match p.k(i) {
        None => {
            // `admin'--`: one token (a user name, an e-mail) closed and the rest cut off;
            // "BAMBOO SOAP 1 '#" is prose with an inch mark
            // (A backtick names a column or table, no login: `` col`# `` cuts off nothing an
            // attacker needs, and a comment's text after it is a password's noise. A literal
            // of random punctuation, `U0>vtPk'#`, is no name an attacker closes either.)
            if quoted
                && st != Start::InQuote(b'`')
                && (truncated || glued_comment(s, t, p.text(0)))
                && !p.text(0).contains(char::is_whitespace)
                && plain_prefix(p.text(0))
            {
                return Some("string-break+comment");
            }
            if parens > 0
                && truncated
                && matches!(start_kind, StartKind::Number | StartKind::ParenNumber)
            {
                return Some("paren-break+comment");
            }
            // `@@version`, `@@hostname`: a whole value that is a server variable, put where
            // the application compares a number, returns it in an error or a row (`@@` is
            // SQL's own spelling; handles and mentions use one `@`)
            if i == 1 && p.k(0) == Some(Kind::Var) && server_variable(p.text(0)) {
                return Some("system-variable");
            }
            // `users--`, `price--`: in an identifier context (a table, column or sort key the
            // application pastes unquoted: `SELECT * FROM <value> WHERE owner = ?`) the name
            // then an empty line comment cuts off the rest of the query, the ownership
            // filter or the LIMIT. The applications' names are lower snake_case; passwords
            // and tokens glued to dashes mix case or digits (`Passw0rd--`, `C3PO--`), and a
            // `#` after a word is a document anchor (`api#`).
            if start_kind == StartKind::Ident
                && i == 1
                && truncated
                && empty_comment(s, t, 1)
                && lower_snake_name(p.text(0))
                && t.first()
                    .and_then(|tok| s.get(tok.end as usize..))
                    .is_some_and(|r| {
                        // (nothing but the marker: `aubio — библиотека…` folds its dash to
                        // `--` before words of another script)
                        r.trim_start().starts_with("--")
                            && r.bytes()
                                .all(|b| b.is_ascii_punctuation() || b.is_ascii_whitespace())
                    })
            {
                return Some("identifier+comment");
            }
            if start_kind == StartKind::Number && truncated && i == 1 && empty_comment(s, t, i) {
                // `1--`, `@@version/*`: a bare operand whose query tail is cut off
                return Some("number+comment");
            }
            if start_kind == StartKind::ParenNumber && truncated {
                // ` ( 1 OR 1 )  --`: a whole parenthesised expression, rest commented out
                return Some("paren-expr+comment");
            }
            None
        }
        Some(Kind::Semi) => {
            if p.stacked_statement(i + 1) {
                return Some("stacked-query");
            }
            // `1; VACUUM--`, `1; LISTEN x; NOTIFY x--`: a maintenance or session statement
            // of one or two words after the break-out, the application's text commented
            // out (prose after a `;` does not end in a comment marker)
            if truncated
                && matches!(start_kind, StartKind::Number | StartKind::Quote)
                && maintenance_statement(&p, i + 1)
            {
                return Some("stacked-query");
            }
            // `1;select 1--`, `';select 'a','b'--`: a second statement that selects constants,
            // the application's text commented out (a probe for stacked queries)
            // (After a bare number the comment is not needed: `1;select 1` ends the value, and
            // what the application appends, ` LIMIT 10` or ` AND x=5`, continues the probe.)
            if (truncated || (start_kind == StartKind::Number && i == 1))
                && matches!(start_kind, StartKind::Number | StartKind::Quote)
                && p.kw_is(i + 1, Kw::Select)
                && constant_list(&p, i + 2)
            {
                return Some("stacked-query");
            }
            // `1;--`, `1;#`, `1;/*`, `1 ;%00`: in `WHERE id=<value>` the number ends the
            // application's statement and the comment (or a NUL, where a C layer ends the
            // query string at it) cuts off what the application put after it: the stacked-
            // query and truncation probe, whose unchanged page confirms the injection. A
            // number and a `;` are a list or a sentence (`1;2;3`, `5; ok`) only with more
            // after them, and a comment that explains writes its words (`-- notes` after a
            // chapter's name starts with a word).
            if start_kind == StartKind::Number
                && i == 1
                && p.k(0) == Some(Kind::Num)
                && p.k(i + 1).is_none()
                && (truncated || nul_after(s, t, i))
            {
                return Some("number+terminator");
            }
            // `admin';` ends the statement right after the literal; a password ending in
            // `";` (`7PttINXP_$;s3n";`) closes random punctuation, not a name
            if quoted
                && p.k(i + 1).is_none()
                && !p.text(0).contains(char::is_whitespace)
                && plain_prefix(p.text(0))
            {
                return Some("string-break+terminator");
            }
            None
        }
        Some(Kind::Kw(Kw::Select))
            if broke || (start_kind == StartKind::Number && p.select_list_start(i + 1)) =>
        {
            // MSSQL runs a statement after a closed literal without `;`: `'select 1 ...`.
            let mut j = i + 1;
            if p.kw_is(j, Kw::SetQuantifier) {
                j += 1;
            }
            let star = p.k(j) == Some(Kind::Op) && p.text(j) == "*";
            // a select list, not the rest of a quoted phrase (`"select"-ing`,
            // "the 'select' button is on the 'left'"): an item, then SQL or the end
            // After a bare number (no quote or parenthesis closed) the second statement
            // must be one to its end: its items, then SQL or the end (`12 Select Rd,
            // Unionville, ON L3R 1A1` is an address whose list runs into words).
            let whole_list = |p: &mut Parser<'_>, e: usize| {
                let mut e = Some(e);
                let mut items = 0;
                while let Some(x) = e {
                    if broke || p.k(x) != Some(Kind::Comma) || items >= 64 {
                        break;
                    }
                    items += 1;
                    e = p.operand(x + 1, 0);
                }
                e
            };
            let list = p.k(j) != Some(Kind::OpenStr)
                && match p.operand(j, 0).and_then(|e| whole_list(&mut p, e)) {
                    Some(e) => {
                        matches!(
                            p.k(e),
                            None | Some(
                                Kind::Comma
                                    | Kind::Semi
                                    | Kind::Kw(
                                        Kw::From
                                            | Kw::Union
                                            | Kw::Into
                                            | Kw::Limit
                                            | Kw::Where
                                            | Kw::GroupOrder
                                            | Kw::Statement
                                            | Kw::Waitfor
                                    )
                            )
                        ) || (p.k(e) == Some(Kind::Word) && p.text(e).eq_ignore_ascii_case("goto"))
                    }
                    None => false,
                };
            p.take_flags();
            (star || list)
                .then_some("stacked-query")
                .filter(|_| !dangling_literal(&p, j))
        }
        Some(Kind::Kw(Kw::Statement | Kw::Waitfor))
            if broke
                || (start_kind == StartKind::Number
                    && [
                        "update", "insert", "delete", "drop", "exec", "execute", "declare",
                        "waitfor", "shutdown",
                    ]
                    .iter()
                    .any(|w| p.text(i).eq_ignore_ascii_case(w))) =>
        {
            // MSSQL runs a batch's next statement without `;`: `21 update t set …`
            p.stacked_statement(i).then_some("stacked-query")
        }
        Some(Kind::Word) if broke && p.text(i).eq_ignore_ascii_case("goto") => {
            (p.k(i + 1) == Some(Kind::Word)).then_some("stacked-query")
        }
        Some(Kind::LParen) if start_kind == StartKind::Empty && truncated => {
            // A whole parenthesised SQL expression that comments out the rest:
            // ` ( 1 OR @a )  --`. Every word inside must be SQL (keyword or function).
            let e = p.operand(i, 0)?;
            let f = p.take_flags();
            let sql_only = (i..e).all(|k| {
                p.k(k) != Some(Kind::Word)
                    || p.k(k + 1) == Some(Kind::LParen)
                    || p.text(k).eq_ignore_ascii_case("binary")
            });
            (e == p.len() && sql_only && f & (NUM | STR | VAR | LIT | SUBQ | CALL) != 0)
                .then_some("paren-expr+comment")
        }
        // `' 'foo' 'bar' --`: MySQL concatenates adjacent literals
        Some(Kind::Str) if start_kind == StartKind::Quote && truncated => (i..p.len())
            .all(|k| p.k(k) == Some(Kind::Str))
            .then_some("string-concat+comment"),
        Some(Kind::Kw(Kw::Union)) => {
            if p.union_select(
                i,
                broke || matches!(start_kind, StartKind::Number | StartKind::ParenNumber),
            ) {
                Some("union-select")
            } else if start_kind == StartKind::Number && p.k(i + 1).is_none() {
                // `-1 union` cut short, typically before a line-comment-split `select`
                Some("union-select")
            } else {
                None
            }
        }
        Some(Kind::Kw(Kw::And | Kw::Or | Kw::Xor) | Kind::LogicOp) => {
            let lhs = if i > 0 { i - 1 } else { 0 };
            let e = p.continuation(lhs, i, 0)?;
            // a trailing operator waits for the application's text: `… or ""=`
            // (not when a comment follows: then the operator never gets its operand)
            let e = if e + 1 == p.len() && !balanced && matches!(p.k(e), Some(Kind::Cmp | Kind::Op))
            {
                e + 1
            } else {
                e
            };
            if !p.end_ok(e) {
                // Trailing junk after a decisive test (`1 AND ascii(substring(user(),1,1))=109m`)
                let f = p.take_flags();
                let decisive = f & CMP != 0 && f & (FUNC | SUBQ | STRONG_FUNC | SYSVAR) != 0;
                let broken_out = matches!(
                    start_kind,
                    StartKind::Quote | StartKind::Number | StartKind::ParenNumber
                );
                // `' or 1=1 for update--`, `1 or 1=1 with ur`: once the value has broken out
                // and made the WHERE clause always true, what follows only ends the
                // application's statement (a lock, an output shape, a dialect's option): the
                // test is already in force. A quote break-out that cuts the query off after
                // any tail is the same structure with a clause we do not name.
                let proven = f & (TAUT | NEGATED) != 0 || decisive;
                let tail = broken_out
                    && proven
                    && (statement_tail(&p, after_parens(&p, e))
                        || (start_kind == StartKind::Quote
                            && truncated
                            && f & TAUT != 0
                            && p.len() - e <= 24
                            && (e..p.len()).all(|k| p.k(k) != Some(Kind::Semi)))
                        || (f & TAUT != 0 && dialect_clause(&p, after_parens(&p, e))));
                return ((decisive
                    && start_kind != StartKind::Empty
                    && start_kind != StartKind::Ident)
                    || tail)
                    .then_some("boolean");
            }
            // a comment counts as truncation only where the expression ends
            let truncated = truncated && only_parens_after(&p, e);
            let f = p.take_flags();
            if union_follows(&mut p, e, start_kind) {
                return Some("union-select");
            }
            // `admin' and password glob password;`: SQLite compiles the first statement of
            // a query string and ignores the tail after its `;`, so a terminator that ends
            // the value cuts the application's text off like a comment. A test (not a
            // lone word: "it's 5' or so;") must precede it.
            let truncated = truncated
                || (start_kind == StartKind::Quote
                    && p.k(e) == Some(Kind::Semi)
                    && e + 1 == p.len()
                    && f & (CMP | LIKE) != 0);
            let strong = f & (FUNC | SUBQ | VAR | CASE | STRONG_FUNC) != 0;
            let hit = match start_kind {
                // `"x" and "y` is a quoted search phrase; a comparison, a number, a call or a
                // balanced/truncated end makes it SQL.
                StartKind::Quote => {
                    // `she said 'or' not 'and'`: a sentence before the quote, then only
                    // quoted words joined by the connectives they quote. The pairing of the
                    // application's quote is all that makes it parse; an attack closes a
                    // name or nothing before its connective.
                    // (the words between the connectives are prose too: `' not '` holds
                    // blanks, while `a'or'a` in an attribute tests a letter)
                    // `'or' is a conjunction`, `"Or" my favourite is the blue one`: with no
                    // sentence before it, a quoted connective whose operand is a phrase
                    // (the application's quote closes it) tests that phrase's truth, which
                    // is false in MySQL and SQLite (no leading number) and an error in
                    // PostgreSQL, MSSQL and Oracle: no tautology, no data; prose.
                    let sentence = p.text(0).split_whitespace().take(3).count() >= 3;
                    let quoted_words = || {
                        f & (NUM | LIT | LIKE | VAR) == 0
                            && (i + 1..e.min(i + 16)).any(|k| {
                                matches!(p.k(k), Some(Kind::Str | Kind::OpenStr)) && {
                                    let body = p.text(k).trim_matches(['\'', '"']);
                                    (sentence && body.contains(' '))
                                        || (three_words(body) && !numeric_start(body))
                                }
                            })
                    };
                    (strong
                        || f & (TAUT | CMP) != 0
                        || (f & (NUM | LIT | LIKE) != 0 && f & WORD == 0)
                        || (balanced && !quoted_words() && !quoted_connectives(&p, t))
                        || truncated)
                        // (asked only of a hit: the flags already say it is one bare word)
                        && !(sentence && f & !(WORD | LOGIC) == 0 && function_word_operand(&p, i, e))
                }
                StartKind::Number | StartKind::ParenNumber => {
                    // `1 AND 1=1`, `1 OR 'a'='a'`, `5 OR ~0`; not "5 and y < 3" (a test on
                    // a bare word)
                    strong
                        || f & (TAUT | NEGATED) != 0
                        || (f & (CMP | LIT | LIKE | STR | CALL) != 0
                            && (f & WORD == 0 || f & STR != 0))
                        || truncated
                        || parens > 0
                        || obfuscated
                        || column_test(&p, i)
                        || constant_logic(&p, i, e)
                        || glued_paren_logic(&p, t, i, f)
                        || glued_number_logic(&p, t, i, f)
                }
                // `HOPE AND 8=3`: a word, then a test between literals ("x<5 and y>3"
                // compares words and is the Op branch)
                StartKind::Ident => {
                    f & (SUBQ | CASE | STRONG_FUNC | SYSVAR | TAUT) != 0
                        || (f & CMP != 0 && f & WORD == 0)
                        || (truncated && broke)
                        || (obfuscated && f & (CMP | NUM) != 0)
                }
                StartKind::Empty => {
                    strong
                        || f & TAUT != 0
                        || (f & CMP != 0 && f & WORD == 0)
                        || (truncated && f & (CMP | NUM | LIT) != 0)
                }
                StartKind::Literal => {
                    strong
                        || f & TAUT != 0
                        || (f & CMP != 0 && f & WORD == 0)
                        || (truncated && f & CMP != 0)
                        || literal_or_number(&p, i, e)
                }
            };
            hit.then_some("boolean")
        }
        Some(
            Kind::Cmp | Kind::Op | Kind::Kw(Kw::BinOp | Kw::Is | Kw::In | Kw::Between | Kw::Not),
        ) => {
            if start_kind == StartKind::Empty || self_equal_constant(&p, truncated) {
                return None;
            }
            let lhs = if i > 0 { i - 1 } else { 0 };
            let e = p.continuation(lhs, i, 0)?;
            // a trailing operator waits for the application's text: `… or ""=`
            // (not when a comment follows: then the operator never gets its operand)
            let e = if e + 1 == p.len() && !balanced && matches!(p.k(e), Some(Kind::Cmp | Kind::Op))
            {
                e + 1
            } else {
                e
            };
            if !p.end_ok(e) {
                return None;
            }
            let bare_end = truncated && only_parens_after(&p, e) && empty_comment(s, t, p.len());
            let truncated = truncated && only_parens_after(&p, e);
            let f = p.take_flags();
            if union_follows(&mut p, e, start_kind) {
                return Some("union-select");
            }
            let strong = f & (SUBQ | SYSVAR | CASE | STRONG_FUNC) != 0;
            let hit = match start_kind {
                // `'='`, `'>='`, `'||(SELECT …)||'`, `'-sleep(5)-'`; not `"&"` or
                // `9"&PAGE=1` (search terms): a comparison or call, and a balanced end.
                StartKind::Quote => {
                    // A sentence before the quote ("Token value for "==".", "the "IS" stamp")
                    // quotes a symbol or a word; a lone comparison after it is no evidence.
                    // So does a sentence between the quoted symbols ("Escape '&', '<', and
                    // '>' in a string"): an operand literal holding three words or more.
                    let prose = || {
                        p.text(0).split_whitespace().take(3).count() >= 3
                            || (i..e.min(i + 16))
                                .any(|k| p.k(k) == Some(Kind::Str) && prose_literal(p.text(k)))
                    };
                    // Arithmetic alone on literals (`'*'`, `'-'`, `'^'` probes) is evidence
                    // only after a prefix an attacker writes: nothing, a name, a number. A
                    // password's `CpC8{67p`*1#` or `vA-CS.`j'*'1` closes random punctuation.
                    // And a variable needs its statement to stay valid (balanced or cut off):
                    // `po`%@kj` leaves the application's quote open.
                    let arith_only = f & (CMP | LIKE | TAUT | LOGIC) == 0;
                    let plain = !arith_only || plain_prefix(p.text(0));
                    // `Write "<b>" to make text bold`: a quoted HTML tag reads as `"" < b >
                    // ""`, a comparison chain; it is markup (a real break-out spaces or
                    // extends its operands: `" < 1 or "`, `"<(select 1)>"`)
                    let markup = || quoted_tag(s, t, i) || json_key(s, t, i);
                    strong
                        || f & FUNC != 0
                        || (f & VAR != 0 && (balanced || truncated) && plain)
                        || (balanced
                            && (f & (TAUT | LOGIC) != 0
                                || ((f & (CMP | LIKE | NUM) != 0 || f & WORD == 0)
                                    && !prose()
                                    && plain
                                    && !markup())))
                        || (truncated && f & WORD == 0 && plain)
                }
                StartKind::ParenNumber => strong || f & (LOGIC | FUNC) != 0 || truncated,
                StartKind::Number => {
                    strong
                        || f & (FUNC | TAUT) != 0
                        || (truncated && f & CMP != 0)
                        || (bare_end && f & WORD == 0)
                        || obfuscated
                        || number_predicate(&p, i, e, f)
                        || computed_constant_logic(&p, e)
                }
                // `HOPE*1 AND 8=3`; not "x<5 and y>3" (words on both sides)
                StartKind::Ident => strong || (f & LOGIC != 0 && f & CMP != 0 && f & WORD == 0),
                // `'x'!='y`: two literals compared, the second left open for the
                // application's closing quote — a boolean built around its literal
                StartKind::Literal => {
                    strong
                        || f & (FUNC | TAUT) != 0
                        || (f & (WORD | CALL | LIKE) == 0
                            && f & CMP != 0
                            && e == p.len()
                            && p.k(e - 1) == Some(Kind::OpenStr)
                            && p.k(i) == Some(Kind::Cmp))
                }
                StartKind::Empty => false,
            };
            hit.then_some("operator-continuation")
        }
        Some(Kind::Kw(Kw::GroupOrder)) if p.k(i + 1) == Some(Kind::Kw(Kw::By)) => {
            if start_kind == StartKind::Empty && !truncated {
                return None;
            }
            let mut e = p.expr(i + 2, 0)?;
            let mut items = 0;
            while p.k(e) == Some(Kind::Comma) && items < 64 {
                e = p.expr(e + 1, 0)?;
                items += 1;
            }
            // ASC / DESC
            if matches!(p.k(e), Some(Kind::Word)) {
                e += 1;
            }
            if p.kw_is(e, Kw::Having) {
                // `1 GROUP BY x HAVING 1=1`: error-based enumeration
                let h = p.expr(e + 1, 0)?;
                let f = p.take_flags();
                return (f & CMP != 0 && p.end_ok(h) && start_kind != StartKind::Empty)
                    .then_some("group-by-having");
            }
            if !p.end_ok(e) {
                return None;
            }
            let f = p.take_flags();
            let numeric = f & (NUM | FUNC | SUBQ | CASE) != 0;
            ((quoted && (truncated || numeric))
                || (broke && truncated)
                || (numeric && start_kind != StartKind::Ident))
                .then_some("order-group-by")
        }
        Some(Kind::Kw(Kw::Having | Kw::Where)) => {
            let e = p.expr(i + 1, 0)?;
            let f = p.take_flags();
            let literal_cmp = f & CMP != 0 && f & WORD == 0;
            if start_kind == StartKind::Empty && !(literal_cmp || f & TAUT != 0) {
                return None;
            }
            (p.end_ok(e)
                && f & (CMP | FUNC | SUBQ | LOGIC) != 0
                && (quoted
                    || truncated
                    || literal_cmp
                    || f & WORD == 0
                    || f & (FUNC | SUBQ | TAUT) != 0))
                .then_some("having-where")
        }
        Some(Kind::Kw(Kw::Limit)) => {
            // `1 OFFSET 0 ROWS FETCH NEXT (SELECT 1/0) ROWS ONLY`: a whole paging clause
            // whose count computes something (see [`paging_clause`])
            if !quoted
                && ((start_kind == StartKind::Number && i == 1)
                    || (start_kind == StartKind::Empty && i == 0))
                && paging_clause(&mut p, i)
            {
                return Some("limit");
            }
            p.take_flags();
            let e = p.operand(i + 1, 0)?;
            let e = if p.k(e) == Some(Kind::Comma) {
                p.operand(e + 1, 0)?
            } else {
                e
            };
            let f = p.take_flags();
            // `1 OFFSET CASE WHEN (1=1) THEN 1 ELSE 0 END`, `1 LIMIT (SELECT …)`: in a page
            // parameter pasted unquoted the row count or offset is an expression the
            // database evaluates; a CASE on a test, a sub-query or an attack function there
            // makes the page shown answer the attacker's question (boolean or time blind).
            // A page size is a number; only SQL writes those there.
            if start_kind == StartKind::Number
                && i == 1
                && f & (CASE | SUBQ | STRONG_FUNC) != 0
                && p.end_ok(e)
            {
                return Some("limit");
            }
            // `1 limit 1,1 into @a`, `1 LIMIT 0,1 PROCEDURE ANALYSE(…)`: in MySQL's LIMIT
            // clause (a sort or page parameter pasted unquoted) the value goes on past the
            // row count with the clauses MySQL allows after it: the row copied into a
            // variable, or PROCEDURE ANALYSE, whose arguments run error-based extraction.
            // Each is SQL's alone; reading the count must not end the look.
            if lone_statement_tail(&p, e) || procedure_analyse(&p, e) {
                return Some("limit");
            }
            // `1 limit 1,1`, `5 limit 1`, `1 offset 5`: the whole value a number then a
            // row window of constants. In `WHERE id=<value>` (or a page parameter) the
            // value ends the application's query and walks the result set one row at a
            // time, the step that reads a table after a UNION or boolean probe. A count
            // in prose is followed by words ("1 limit per customer"); `TOP`/`FETCH` are
            // English words too and are left out.
            let window = |k: usize| {
                p.k(k) == Some(Kind::Num)
                    && (k + 1 == p.len()
                        || (p.k(k + 1) == Some(Kind::Comma)
                            && p.k(k + 2) == Some(Kind::Num)
                            && k + 3 == p.len()))
            };
            if start_kind == StartKind::Number
                && i == 1
                && (p.text(i).eq_ignore_ascii_case("limit")
                    || p.text(i).eq_ignore_ascii_case("offset"))
                && window(i + 1)
            {
                return Some("limit");
            }
            if !(quoted || broke) || !truncated {
                return None;
            }
            p.end_ok(e).then_some("limit")
        }
        Some(Kind::Kw(Kw::Procedure)) => procedure_analyse(&p, i).then_some("procedure-analyse"),
        // `1 asc,@@version`, `name desc, sleep(5)`: in `ORDER BY <value>` the value ends its
        // sort key with a direction and adds a second key that is no column: a server
        // variable, a sub-query, a CASE or a SQL function, evaluated for every row (time
        // delays, error-based reads, a sort order that answers a test). A sort list of
        // columns (`created_at desc, name asc`) names columns only.
        Some(Kind::Word)
            if matches!(start_kind, StartKind::Ident | StartKind::Number)
                && i == 1
                && (p.text(1).eq_ignore_ascii_case("asc")
                    || p.text(1).eq_ignore_ascii_case("desc"))
                && p.k(2) == Some(Kind::Comma) =>
        {
            let e = p.expr(3, 0)?;
            let f = p.take_flags();
            (p.end_ok(e) && f & (SYSVAR | SUBQ | CASE | STRONG_FUNC | FUNC) != 0)
                .then_some("order-list")
        }
        // `name FROM users UNION SELECT password`: in `SELECT <value> FROM …` (a `fields=`
        // or `columns=` parameter) the value finishes the select list, names the table
        // itself and appends a second query whose rows the page shows; the application's
        // own SELECT comes before it. Columns, `FROM`, a table and `UNION SELECT` in that
        // order are a query's, not a sentence's.
        Some(Kind::Kw(Kw::From) | Kind::Comma)
            if start_kind == StartKind::Ident && columns_from_union(&mut p) =>
        {
            Some("union-select")
        }
        // `x', role='admin` in `UPDATE … SET name='VALUE'`: more assignments after the
        // closed literal, the last left open for the application's quote or cut off
        Some(Kind::Comma) if start_kind == StartKind::Quote && parens == 0 => {
            assignments(&mut p, i, truncated)
                .or_else(|| list_close(&mut p, i, truncated))
                .or_else(|| insert_values(&mut p, i, 0, truncated))
        }
        // `x' on duplicate key update role='admin'#`, `x') on duplicate key update …-- -`:
        // the value closes its literal (and the row) and adds MySQL's upsert clause, which
        // rewrites the existing row when the key collides (the victim's account)
        Some(Kind::Word | Kind::Kw(_))
            if start_kind == StartKind::Quote
                && parens <= 1
                && p.text(i).eq_ignore_ascii_case("on") =>
        {
            let j = on_duplicate_key_update(&mut p, i)?;
            let open_end = j == p.len() && p.k(j - 1) == Some(Kind::OpenStr);
            (j == p.len() && (truncated || open_end)).then_some("insert-values")
        }
        // `x'), ('y', 'admin')-- -`: the row closed right after the literal, another row added
        Some(Kind::Comma) if start_kind == StartKind::Quote && parens == 1 => {
            insert_values(&mut p, i, parens, truncated)
        }
        // `'a','b') OR ('1'='1'` in a bare `IN (…)` list
        Some(Kind::Comma) if start_kind == StartKind::Literal && parens == 0 => {
            list_close(&mut p, i, truncated)
        }
        // `IF(1=1,5,6)`, `rand(1=1)`: the whole value one call testing two constants
        Some(Kind::LParen) if start_kind == StartKind::Ident && i == 1 => {
            literal_test_call(&mut p, truncated)
        }
        Some(Kind::Comma) if start_kind == StartKind::Number => {
            // `1,1 INTO @a,@b`, `0,1 PROCEDURE ANALYSE(…)`: in MySQL's `LIMIT <value>` (a
            // page parameter pasted unquoted) the offset and count pair, then the clauses
            // MySQL allows only after LIMIT: the row copied into variables (counting the
            // application's columns) or error-based extraction. A list of numbers ends or
            // goes on in numbers; `INTO @` and `PROCEDURE` after one are SQL's alone.
            if parens == 0
                && i == 1
                && p.k(0) == Some(Kind::Num)
                && p.k(2) == Some(Kind::Num)
                && ((p.kw_is(3, Kw::Into) && lone_statement_tail(&p, 3))
                    || procedure_analyse(&p, 3))
            {
                return Some("limit");
            }
            if parens == 0 && numeric_assignments(&p, i, truncated) {
                return Some("update-assignment");
            }
            if parens == 0 {
                // (the reader's counts as they were: the list test must not feed the next)
                let (flags, calls) = (p.flags, p.calls);
                if let Some(r) = list_close(&mut p, i, truncated) {
                    return Some(r);
                }
                (p.flags, p.calls) = (flags, calls);
                // `1, 1)-- `: in `INSERT … VALUES (<value>, …)` the value adds items,
                // closes the row and cuts off the application's own items
                if let Some(r) = insert_values(&mut p, i, 0, truncated) {
                    return Some(r);
                }
                (p.flags, p.calls) = (flags, calls);
            }
            number_list(&mut p, i, start_kind)
        }
        Some(Kind::Comma | Kind::Kw(Kw::From))
            if start_kind == StartKind::Ident && quoted_columns_from(&p, truncated) =>
        {
            Some("select-list-tail")
        }
        Some(Kind::Comma) if start_kind == StartKind::Ident => number_list(&mut p, i, start_kind),
        // `) AS 'avg' FROM`, `1234 AS "total" FROM t`: the end of a select list (a closed
        // call or a number, then its alias) running into the query's FROM clause
        Some(Kind::Kw(Kw::As)) if !quoted && (parens > 0 || start_kind == StartKind::Number) => {
            let alias_ok = match p.k(i + 1) {
                Some(Kind::Str) => true,
                Some(Kind::Word) => parens > 0,
                _ => false,
            };
            (alias_ok && p.kw_is(i + 2, Kw::From) && matches!(p.k(i + 3), None | Some(Kind::Word)))
                .then_some("select-list-tail")
        }
        Some(Kind::Kw(Kw::Waitfor)) if broke || start_kind != StartKind::Empty => {
            p.waitfor_delay(i).then_some("time-delay")
        }
        // `1 for update`, `1 lock in share mode`, `1 for xml path('')`, `1 into @a`: after a
        // number (or a literal the value closed and cut off) the value ends the
        // application's statement with a clause of its own: row locks held until the
        // transaction ends, the result reshaped into one XML/JSON document, a row copied
        // into a variable. Only the multi-word forms count ("2 for share" is prose).
        Some(Kind::Word | Kind::Kw(Kw::Into))
            if (start_kind == StartKind::Number || (quoted && truncated))
                && lone_statement_tail(&p, i) =>
        {
            Some("statement-tail")
        }
        // `id asc limit 1`, `name desc limit 5, 1`: in `ORDER BY <value>` the value ends
        // the sort key and adds a clause of its own that reshapes the result (and confirms
        // the injection); a direction word then `LIMIT` is SQL's order, not prose's
        // `price desc--`, `name asc#`: the direction then a comment that cuts off the
        // rest of the query (the ownership filter or LIMIT placed after ORDER BY). A
        // password or grade glued to dashes (`A--`, `Passw0rd--`) has no direction word.
        Some(Kind::Word)
            if start_kind == StartKind::Ident
                && i == 1
                && truncated
                && p.len() == 2
                && empty_comment(s, t, 2)
                && (p.text(i).eq_ignore_ascii_case("asc")
                    || p.text(i).eq_ignore_ascii_case("desc"))
                && p.text(0)
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
        {
            Some("order-direction+comment")
        }
        Some(Kind::Word)
            if start_kind == StartKind::Ident
                && i == 1
                && (p.text(i).eq_ignore_ascii_case("asc")
                    || p.text(i).eq_ignore_ascii_case("desc"))
                && p.kw_is(i + 1, Kw::Limit)
                && p.k(i + 2) == Some(Kind::Num) =>
        {
            let e = match p.k(i + 3) {
                Some(Kind::Comma) if p.k(i + 4) == Some(Kind::Num) => i + 5,
                Some(Kind::Word)
                    if p.text(i + 3).eq_ignore_ascii_case("offset")
                        && p.k(i + 4) == Some(Kind::Num) =>
                {
                    i + 5
                }
                _ => i + 3,
            };
            (e == p.len()).then_some("order-limit")
        }
        _ => None,
    }
}

/// A bare column name as a sort list writes it: a letter or `_`, then letters, digits and
/// `_`, at most 64 bytes (see [`sort_list_comment`], [`sort_clause_tail`]).
/// The whole value (read from inside a quoted literal) is the application's literal closed
/// after nothing or one plain name (or only blanks and doubled quotes, `'' ''`), then one to
/// four literals of at most one word each, the last left open for the application's closing
/// quote (see [`decide`]). A name with an apostrophe (`O' Neil`, `Rock 'n' Roll`) has a word
/// outside any literal; quoted phrases in prose hold sentences.
fn adjacent_literals(p: &Parser<'_>, s: &str, t: &[Token]) -> bool {
    let n = p.len();
    if !(2..=5).contains(&n) || p.k(0) != Some(Kind::Str) || p.k(n - 1) != Some(Kind::OpenStr) {
        return false;
    }
    let first = p.text(0);
    let body = first.get(..first.len().saturating_sub(1)).unwrap_or("");
    let unescaped = body.replace("''", "").replace("\"\"", "");
    let closes_name = (unescaped.trim().is_empty() && body.len() <= 8)
        || (!body.contains(char::is_whitespace) && plain_prefix(first) && body.len() <= 32);
    // (blanks between the literals: `rock'n'roll` glues MySQL's N'' prefix to a word)
    let blank_before = |k: usize| {
        t.get(k).is_some_and(|tok| {
            s.as_bytes()
                .get((tok.start as usize).wrapping_sub(1))
                .is_some_and(u8::is_ascii_whitespace)
        })
    };
    closes_name
        && (1..n).all(|k| blank_before(k) && p.text(k).starts_with(['\'', '"']))
        && (1..n).all(|k| {
            let t = p.text(k);
            matches!(p.k(k), Some(Kind::Str | Kind::OpenStr))
                && t.len() <= 34
                && t.trim_matches(['\'', '"']).split_whitespace().count() <= 1
        })
}

/// The whole value a column (optionally qualified) or a position, `COLLATE`, a collation
/// the servers define, then at most a direction (see [`decide`]): MySQL's and MSSQL's names
/// end in a sensitivity (`utf8mb4_bin`, `latin1_swedish_ci`, `Latin1_General_CI_AS`),
/// SQLite's are `NOCASE`, `BINARY` and `RTRIM`, PostgreSQL's are quoted (`"C"`). Prose that
/// says "collate" ("print and collate pages") has no such name after it.
fn collate_clause(p: &Parser<'_>) -> bool {
    let n = p.len();
    if !(3..=6).contains(&n) {
        return false;
    }
    let mut i = match p.k(0) {
        Some(Kind::Word) if column_name(p.text(0)) => 1,
        Some(Kind::Num) if p.text(0).bytes().all(|b| b.is_ascii_digit()) => 1,
        _ => return false,
    };
    if p.k(i) == Some(Kind::Dot) && p.k(i + 1) == Some(Kind::Word) && column_name(p.text(i + 1)) {
        i += 2;
    }
    if !(p.kw_is(i, Kw::BinOp) && p.text(i).eq_ignore_ascii_case("collate")) {
        return false;
    }
    i += 1;
    let name = p.text(i);
    let collation = match p.k(i) {
        Some(Kind::Word) => {
            ["nocase", "binary", "rtrim"]
                .iter()
                .any(|w| name.eq_ignore_ascii_case(w))
                || (name.contains('_')
                    && name.rsplit('_').next().is_some_and(|s| {
                        ["bin", "ci", "cs", "ai", "as", "ks", "ws", "bin2"]
                            .iter()
                            .any(|w| s.eq_ignore_ascii_case(w))
                    }))
        }
        Some(Kind::Str) => name.len() <= 24 && !name.contains(char::is_whitespace),
        _ => false,
    };
    i += 1;
    if p.k(i) == Some(Kind::Word) && sort_direction(p.text(i)) {
        i += 1;
    }
    collation && (i == n || (i + 1 == n && p.k(i) == Some(Kind::Comment)))
}

fn column_name(w: &str) -> bool {
    w.len() <= 64
        && w.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `ASC` or `DESC`, in any case.
fn sort_direction(w: &str) -> bool {
    w.eq_ignore_ascii_case("asc") || w.eq_ignore_ascii_case("desc")
}

/// The whole value a sort list (column names or column positions, each with an optional
/// ASC/DESC, separated by commas) ended by a comment of at most one word (see [`decide`]).
/// A direction word makes it a sort list rather than a word and a dash: `A -- B`,
/// `asc -- ascending order` and `Sort by price desc` stay data, and so does `1,1--` (a
/// LIMIT window or a list of numbers, which benign test data carries too).
fn sort_list_comment(p: &Parser<'_>, s: &str, t: &[Token]) -> bool {
    let name = column_name;
    let direction = sort_direction;
    if p.len() < 2 || p.len() > 96 {
        return false;
    }
    let (mut i, mut items, mut directions) = (0, 0, 0);
    loop {
        match p.k(i) {
            Some(Kind::Num) if p.text(i).bytes().all(|b| b.is_ascii_digit()) => i += 1,
            Some(Kind::Word) if name(p.text(i)) && !direction(p.text(i)) => {
                i += 1;
                // `u.created_at`: a column qualified by its table
                if p.k(i) == Some(Kind::Dot)
                    && p.k(i + 1) == Some(Kind::Word)
                    && name(p.text(i + 1))
                {
                    i += 2;
                }
            }
            _ => return false,
        }
        items += 1;
        if p.k(i) == Some(Kind::Word) && direction(p.text(i)) {
            directions += 1;
            i += 1;
        }
        match p.k(i) {
            None => break,
            Some(Kind::Comma) if items < 32 => i += 1,
            _ => return false,
        }
    }
    if directions == 0 {
        return false;
    }
    // `-- x`, `-- -`, `#`: the comment carries at most one word; prose after a sort list
    // explains it in several (`name asc -- sorted by name`)
    let rest = t
        .last()
        .and_then(|tok| s.get(tok.end as usize..))
        .unwrap_or("");
    let body = rest
        .trim_start()
        .trim_start_matches(['-', '#', '/', '*', '+']);
    body.split_whitespace()
        .filter(|w| w.bytes().any(|b| b.is_ascii_alphanumeric()))
        .take(2)
        .count()
        <= 1
}

/// Whether only blanks follow token `i` and at least one of them is a NUL byte.
fn nul_after(s: &str, t: &[Token], i: usize) -> bool {
    t.get(i)
        .and_then(|tok| s.as_bytes().get(tok.end as usize..))
        .is_some_and(|r| r.contains(&0) && r.iter().all(|&b| b == 0 || b.is_ascii_whitespace()))
}

/// The whole value a sort list (as in [`sort_list_comment`]) or a number, an optional
/// `LIMIT n[, m]` / `LIMIT n OFFSET m`, then a clause that may only follow a SELECT's ORDER
/// BY or LIMIT: `PROCEDURE ANALYSE(…)` (MySQL ≤ 5.x; its arguments run error-based reads),
/// `INTO @var` (the row copied into a variable: the column-count probe), `INTO OUTFILE |
/// DUMPFILE 'path'` (the result written to the server's disk), `FOR UPDATE`, `LOCK IN SHARE
/// MODE`. An application pastes a sort or page parameter unquoted after its own ORDER BY /
/// LIMIT, so the value ends the application's clause and adds one of its own.
/// A direction word or a LIMIT must come before the locking and variable tails (`subscribe
/// for update` is a phrase); the two that write or analyse need none (`id into outfile
/// '/tmp/x'` is no sentence).
fn sort_clause_tail(p: &Parser<'_>) -> bool {
    let n = p.len();
    if !(3..=160).contains(&n) {
        return false;
    }
    let name = column_name;
    let digits =
        |k: usize| p.k(k) == Some(Kind::Num) && p.text(k).bytes().all(|b| b.is_ascii_digit());
    let direction = sort_direction;
    let (mut i, mut items, mut clause) = (0, 0, false);
    loop {
        if digits(i) {
            i += 1;
        } else if p.k(i) == Some(Kind::Word) && name(p.text(i)) && !direction(p.text(i)) {
            i += 1;
            // `u.created_at`: a column qualified by its table
            if p.k(i) == Some(Kind::Dot) && p.k(i + 1) == Some(Kind::Word) && name(p.text(i + 1)) {
                i += 2;
            }
        } else {
            return false;
        }
        items += 1;
        if p.k(i) == Some(Kind::Word) && direction(p.text(i)) {
            clause = true;
            i += 1;
        }
        if p.k(i) == Some(Kind::Comma) && items < 32 {
            i += 1;
        } else {
            break;
        }
    }
    if p.kw_is(i, Kw::Limit) && p.text(i).eq_ignore_ascii_case("limit") && digits(i + 1) {
        clause = true;
        i += 2;
        if (p.k(i) == Some(Kind::Comma) || p.text(i).eq_ignore_ascii_case("offset"))
            && digits(i + 1)
        {
            i += 2;
        }
    }
    procedure_analyse(p, i) || into_file(p, i) || (clause && lone_statement_tail(p, i))
}

/// Most clauses [`paging_clause`] reads: `LIMIT`, `OFFSET` and `FETCH` once each, and one
/// more for a dialect that repeats one.
const MAX_PAGING_CLAUSES: usize = 4;

/// `1 OFFSET 0 ROWS FETCH NEXT (SELECT 1/0) ROWS ONLY`, `1 OFFSET (SELECT …) ROWS`, `1
/// LIMIT 5 OFFSET 1/0`, `FETCH FIRST (SELECT COUNT(*) FROM users) ROWS ONLY`: from token `i`
/// to the end of the value, the paging clauses of MSSQL, Oracle and PostgreSQL (`OFFSET n
/// [ROW|ROWS]`, `FETCH FIRST|NEXT [n] ROW|ROWS ONLY|WITH TIES`) and of MySQL and SQLite
/// (`LIMIT n [, m | OFFSET m]`), where one count or offset is an expression that computes
/// something: a sub-query, a `CASE`, an attack function, or a division by zero. An
/// application pastes a page parameter unquoted after its `ORDER BY`; the database evaluates
/// the expression, so the page shown (or the error raised) answers the attacker's question.
/// A page of constants is what the parameter is for; prose (`fetch next page`) forms no
/// clause.
fn paging_clause(p: &mut Parser<'_>, mut j: usize) -> bool {
    let w = |p: &Parser<'_>, k: usize, x: &str| p.text(k).eq_ignore_ascii_case(x);
    let rows = |p: &Parser<'_>, k: usize| w(p, k, "rows") || w(p, k, "row");
    p.take_flags();
    let mut zero_divisor = false;
    let mut clauses = 0;
    while j < p.len() {
        if clauses == MAX_PAGING_CLAUSES || !p.kw_is(j, Kw::Limit) {
            return false;
        }
        let count = if w(p, j, "fetch") {
            if !(w(p, j + 1, "first") || w(p, j + 1, "next")) {
                return false;
            }
            j + 2
        } else if w(p, j, "limit") || w(p, j, "offset") {
            j + 1
        } else {
            return false;
        };
        let fetch = count == j + 2;
        j = if fetch && rows(p, count) {
            count
        } else {
            let Some(e) = p.expr(count, 0) else {
                return false;
            };
            zero_divisor |= divides_by_zero(p, count, e);
            e
        };
        if w(p, count - 1, "limit") && (p.k(j) == Some(Kind::Comma)) {
            let Some(e) = p.expr(j + 1, 0) else {
                return false;
            };
            zero_divisor |= divides_by_zero(p, j + 1, e);
            j = e;
        }
        if rows(p, j) {
            j += 1;
        } else if fetch {
            return false;
        }
        if fetch {
            if w(p, j, "only") {
                j += 1;
            } else if w(p, j, "with") && w(p, j + 1, "ties") {
                j += 2;
            } else {
                return false;
            }
        }
        clauses += 1;
    }
    let f = p.take_flags();
    clauses > 0 && (zero_divisor || f & (SUBQ | CASE | STRONG_FUNC) != 0)
}

/// Whether tokens `[from, to)` divide by a literal zero (`1/0`, `5/0.0`): an expression an
/// error-based probe writes, since no page count or offset is one.
fn divides_by_zero(p: &Parser<'_>, from: usize, to: usize) -> bool {
    (from..to.min(p.len())).any(|k| {
        p.k(k) == Some(Kind::Op)
            && p.text(k) == "/"
            && p.k(k + 1) == Some(Kind::Num)
            && p.text(k + 1).bytes().all(|c| c == b'0' || c == b'.')
    })
}

/// `INTO OUTFILE '/path'` / `INTO DUMPFILE '/path'` at token `i`, reaching the end of the
/// value with at most the export options after the path (`FIELDS TERMINATED BY ','`, `LINES
/// TERMINATED BY 0x…`: words, literals and numbers): MySQL writes the result to the
/// server's disk, a web shell when the path is under the document root.
fn into_file(p: &Parser<'_>, i: usize) -> bool {
    let n = p.len();
    p.kw_is(i, Kw::Into)
        && (p.text(i + 1).eq_ignore_ascii_case("outfile")
            || p.text(i + 1).eq_ignore_ascii_case("dumpfile"))
        && p.k(i + 2) == Some(Kind::Str)
        && n - i <= 24
        && (i + 3..n).all(|k| {
            matches!(
                p.k(k),
                Some(Kind::Word | Kind::Kw(_) | Kind::Str | Kind::Num)
            )
        })
}

/// Names (possibly qualified) separated by commas from the value's start, `FROM`, a table
/// name, then a set operation with a select (see the `FROM` arm of [`decide`]).
fn columns_from_union(p: &mut Parser<'_>) -> bool {
    let qualified = |p: &Parser<'_>, j: usize| {
        if p.k(j) == Some(Kind::Dot) && p.k(j + 1) == Some(Kind::Word) {
            j + 2
        } else {
            j
        }
    };
    let (mut j, mut items) = (0, 0);
    loop {
        if p.k(j) != Some(Kind::Word) || items >= 16 {
            return false;
        }
        j = qualified(p, j + 1);
        items += 1;
        if p.k(j) != Some(Kind::Comma) {
            break;
        }
        j += 1;
    }
    // (a determiner before the name is prose's: "songs from the union select committee")
    let determiner = |w: &str| {
        [
            "the", "a", "an", "my", "our", "your", "his", "her", "their", "its", "this", "that",
            "these", "those", "each", "every", "any", "some", "all",
        ]
        .iter()
        .any(|d| w.eq_ignore_ascii_case(d))
    };
    if !p.kw_is(j, Kw::From) || p.k(j + 1) != Some(Kind::Word) || determiner(p.text(j + 1)) {
        return false;
    }
    let j = qualified(p, j + 2);
    let union = p.kw_is(j, Kw::Union) && p.union_select(j, true);
    p.take_flags();
    union
}

/// `` `username`,`password` FROM users-- ``: in a select list the value names columns in
/// MySQL's backtick quoting, then the table to read them from, and cuts the application's
/// own FROM clause off. Prose never quotes words with backticks and a comment marker.
/// MSSQL quotes names in brackets: `[name] FROM sys.sql_logins--` reads one column of a
/// catalog table; with a single column the table must be schema-qualified (`[draft] from
/// home--` is a title, `[1] Smith et al.` a citation).
fn quoted_columns_from(p: &Parser<'_>, truncated: bool) -> bool {
    if !truncated {
        return false;
    }
    let (mut j, mut items, mut backtick) = (0, 0, false);
    while p.k(j) == Some(Kind::Word) && items < 64 {
        let w = p.text(j);
        backtick |= w.starts_with('`')
            || (w.len() > 2
                && w.starts_with('[')
                && w.as_bytes()[1..w.len() - 1]
                    .iter()
                    .all(|&c| c.is_ascii_alphanumeric() || c == b'_'));
        items += 1;
        j += 1;
        if p.k(j) != Some(Kind::Comma) {
            break;
        }
        j += 1;
    }
    if !(backtick && p.kw_is(j, Kw::From) && p.k(j + 1) == Some(Kind::Word)) {
        return false;
    }
    let mut e = j + 2;
    let mut schema = false;
    if p.k(e) == Some(Kind::Dot) && p.k(e + 1) == Some(Kind::Word) {
        e += 2;
        schema = true;
    }
    e == p.len() && (items >= 2 || schema)
}

/// The longest value [`closed_then_cut`] reads: an address, a name, a search term.
const MAX_CLOSED_FIELD: usize = 256;

/// `12 Main St'-- -`, `John Smith'#`, `Apt 4B' /*`, `O'Neil'--`: the `admin'--` bypass
/// after any ordinary field value, blanks included. In `… = '<value>'` the last quote `q`
/// of the value closes the application's literal and the comment after it swallows the
/// rest of the query (the password test, the tenant filter). The quote is glued to the
/// field's text (a letter, digit or dot before it); the comment runs to the end of the
/// value, on one line, and carries no text (`--`, `-- -`, `--+`, `#`, `/*`): a dash pair
/// in prose goes on with words (`She's the best -- really`). Every earlier quote of that
/// kind is an apostrophe between letters (`O'Neil`), so the last one is the first to
/// close anything: a sentence that quotes a word (`I said 'hi'--`, a quote after a blank)
/// or a quote after a blank (an inch mark, `BAMBOO SOAP 1 '#`) stays quiet. The text is
/// what a field holds (see [`plain_prefix`]).
fn closed_then_cut(s: &str, q: u8) -> bool {
    let b = s.as_bytes();
    if b.len() > MAX_CLOSED_FIELD {
        return false;
    }
    let Some(k) = memchr::memrchr(q, b) else {
        return false;
    };
    if k == 0 || !(b[k - 1].is_ascii_alphanumeric() || b[k - 1] == b'.') {
        return false;
    }
    let rest = b[k + 1..].trim_ascii_start();
    let body = if rest.starts_with(b"--") || rest.starts_with(b"/*") {
        &rest[2..]
    } else if rest.starts_with(b"#") {
        &rest[1..]
    } else {
        return false;
    };
    if body
        .iter()
        .any(|&c| c.is_ascii_alphanumeric() || c == b'\n' || c == b'\r' || c == q)
    {
        return false;
    }
    let field = &b[..k];
    field.iter().any(u8::is_ascii_alphanumeric)
        && field.iter().enumerate().all(|(j, &c)| {
            if c == q {
                // an apostrophe inside a name, between two letters
                j > 0 && b[j - 1].is_ascii_alphabetic() && b[j + 1].is_ascii_alphabetic()
            } else {
                c.is_ascii_alphanumeric()
                    || c >= 0x80
                    || matches!(c, b' ' | b'.' | b'_' | b'-' | b'@' | b'+' | b',' | b':')
            }
        })
}

/// Is the literal a value closes (`admin'`, `1'`, `x@y.com'`, `'`) something an attacker
/// writes before a break-out: empty, or a name, number, address or search term? Random
/// punctuation (`CpC8{67p``, `U0>vtPk'&#,4:.``) is a generated password's.
fn plain_prefix(lit: &str) -> bool {
    let b = lit.as_bytes();
    b.get(..b.len().saturating_sub(1))
        .unwrap_or(&[])
        .iter()
        .all(|&c| {
            c.is_ascii_alphanumeric()
                || c >= 0x80
                || matches!(
                    c,
                    b' ' | b'.' | b'_' | b'-' | b'@' | b'+' | b'%' | b'\\' | b',' | b':'
                )
        })
}

/// `@@name` that the server itself defines: scoped (`@@global.secure_file_priv`,
/// `@@session.sql_mode`), in the snake_case every server variable uses (`@@version_comment`,
/// `@@pseudo_thread_id`), or one of the one-word names MySQL and T-SQL give their server,
/// data and connection facts (`@@version`, `@@hostname`, `@@datadir`, `@@servername`,
/// `@@spid`). Put where a number is compared (`id=@@version`) the value reads the server's
/// data back in an error or a row. Any other `@@word` reads a variable the server does not
/// have (an error, no data): a social handle typed with a doubled `@` (`@@handle`).
fn server_variable(v: &str) -> bool {
    v.strip_prefix("@@").is_some_and(|n| {
        n.len() >= 3
            && n.bytes().any(|b| b.is_ascii_alphabetic())
            && n.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
            && (n.contains(['_', '.'])
                || SERVER_VARIABLE_WORDS
                    .iter()
                    .any(|w| n.eq_ignore_ascii_case(w)))
    })
}

/// One-word server variables of MySQL/MariaDB and T-SQL/Sybase (see [`server_variable`]).
const SERVER_VARIABLE_WORDS: [&str; 30] = [
    "version",
    "hostname",
    "datadir",
    "basedir",
    "tmpdir",
    "port",
    "socket",
    "license",
    "autocommit",
    "identity",
    "servername",
    "servicename",
    "microsoftversion",
    "spid",
    "language",
    "langid",
    "rowcount",
    "error",
    "trancount",
    "dbts",
    "connections",
    "options",
    "procid",
    "nestlevel",
    "textsize",
    "datefirst",
    "idle",
    "timeticks",
    "remserver",
    "warnings",
];

/// `1=1`, `2 = 2` as the whole value (nothing cut off): a number compared with itself and
/// nothing else. It changes no query: in `WHERE id = <value>` MySQL and SQLite read
/// `(id = 1) = 1`, the application's own test (for N ≥ 2 a test nothing passes, as an unknown
/// id does), PostgreSQL, T-SQL and Oracle reject the chained `=`; in a literal it is text, in
/// `ORDER BY` a constant key. People type it as an answer or a truth (`1 = 1`). Zero is the
/// exception: `(id = 0) = 0` holds for every other row, so `0=0` returns the whole table.
/// With a connective, a comment or a parenthesis the value builds a test of its own
/// (`1 or 1=1`, `1=1--`) and stays an attack.
fn self_equal_constant(p: &Parser<'_>, truncated: bool) -> bool {
    let zero = |n: &str| n.bytes().all(|b| b == b'0' || b == b'.');
    !truncated
        && p.len() == 3
        && p.k(0) == Some(Kind::Num)
        && p.k(1) == Some(Kind::Cmp)
        && p.text(1) == "="
        && p.k(2) == Some(Kind::Num)
        && p.text(0) == p.text(2)
        && p.text(0).bytes().all(|b| b.is_ascii_digit())
        && !zero(p.text(0))
}

/// A name of two or more lower-case letters and underscores (`users`, `created_at`): how
/// applications spell their tables and columns.
fn lower_snake_name(w: &str) -> bool {
    w.len() >= 2
        && w.as_bytes()[0].is_ascii_lowercase()
        && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// Constant expressions separated by commas from `j` to the end, or to a last `;` (at most
/// 16 items of 16 tokens): `1`, `'a','b'`, `null`, `1/0`, `(1)`. A stacked-query probe
/// selects constants (`1/0` raises a division error where the dialect checks it); the
/// database evaluates them without touching a table, so only literals, operators and
/// parentheses may appear: a word is a column or prose.
fn constant_list(p: &Parser<'_>, mut j: usize) -> bool {
    let mut items = 0;
    while items < 16 {
        // one item: literals joined by arithmetic, possibly parenthesised
        let start = j;
        let mut depth = 0u32;
        let mut operand = false;
        while j < start + 16 {
            match p.k(j) {
                Some(Kind::Num | Kind::Str | Kind::Kw(Kw::Literal)) => operand = true,
                Some(Kind::Op) => {}
                Some(Kind::LParen) => depth += 1,
                Some(Kind::RParen) if depth > 0 => depth -= 1,
                _ => break,
            }
            j += 1;
        }
        if !operand || depth != 0 {
            return false;
        }
        items += 1;
        match p.k(j) {
            None => return true,
            // `1;select 1;--`: the probe's own statement end, nothing after it
            Some(Kind::Semi) => return p.k(j + 1).is_none(),
            Some(Kind::Comma) => j += 1,
            _ => return false,
        }
    }
    false
}

/// The index after the closing parentheses at `e`.
fn after_parens(p: &Parser<'_>, mut e: usize) -> usize {
    let mut n = 0;
    while p.k(e) == Some(Kind::RParen) && n < 16 {
        e += 1;
        n += 1;
    }
    e
}

/// Whether token `i` opens a clause that can only end a SQL statement after its `WHERE`:
/// `FOR UPDATE|SHARE|XML|JSON|BROWSE`, `FOR NO KEY UPDATE`, `FOR KEY SHARE` (row locks and
/// output shapes), `LOCK IN SHARE MODE` (MySQL), `OPTION (…)` (T-SQL query hints),
/// `RETURNING` (PostgreSQL's UPDATE/DELETE), `SETTINGS name =` (ClickHouse), `QUALIFY`
/// (Snowflake), `WINDOW name AS (` and `WITH UR|RS|CS|RR` (DB2's isolation), `INTO @var`.
/// The caller has already seen a proven test, so only the opener is checked.
fn statement_tail(p: &Parser<'_>, i: usize) -> bool {
    let w = |k: usize, x: &str| p.text(k).eq_ignore_ascii_case(x);
    let word = |k: usize| matches!(p.k(k), Some(Kind::Word | Kind::Kw(_)));
    if !word(i) {
        return false;
    }
    if w(i, "for") {
        return ["update", "share", "xml", "json", "browse", "no", "key"]
            .iter()
            .any(|x| w(i + 1, x));
    }
    if w(i, "lock") {
        return w(i + 1, "in") && w(i + 2, "share") && w(i + 3, "mode");
    }
    if w(i, "option") {
        return p.k(i + 1) == Some(Kind::LParen);
    }
    // Cassandra's CQL needs `ALLOW FILTERING` to run a test on a column outside the key
    if w(i, "allow") {
        return w(i + 1, "filtering");
    }
    if w(i, "returning") || w(i, "qualify") {
        return p.k(i + 1).is_some();
    }
    if w(i, "settings") {
        return p.k(i + 1) == Some(Kind::Word) && p.k(i + 2) == Some(Kind::Cmp);
    }
    if w(i, "window") {
        return p.k(i + 1) == Some(Kind::Word) && p.kw_is(i + 2, Kw::As);
    }
    if w(i, "with") {
        return ["ur", "rs", "cs", "rr"].iter().any(|x| w(i + 1, x))
            && matches!(p.k(i + 2), None | Some(Kind::Semi));
    }
    p.kw_is(i, Kw::Into) && p.k(i + 1) == Some(Kind::Var)
}

/// A short clause that ends the value at `i`, in a dialect's words we do not name: a word,
/// then at most three words, numbers, `=` or dots (`ALLOW FILTERING` and `PER PARTITION
/// LIMIT 1` in Cassandra's CQL, `FORMAT JSON` and `SETTINGS x=1` in ClickHouse, `TIMEOUT
/// 5s`). The caller has seen the value break out and write a tautology (`1 or 1=1`): that
/// test is in force whatever option the statement ends with. The test before the clause is
/// between constants only (no word: the reader may have taken prose's words into the
/// expression, `1 or 1=1 is a tautology in every logic`), and a sentence after a tautology
/// runs longer than four words. Nor does a clause open with a word that only continues an
/// expression or names it (`IN`, `IS`, `LIKE`, `BETWEEN`, `NOT`, `AS`): after a complete test
/// SQL needs its operand syntax (`IN (`), and without it the words are prose saying where the
/// test holds (`1 OR 1 = 1 in boolean algebra`, `1=1 as expected`).
fn dialect_clause(p: &Parser<'_>, i: usize) -> bool {
    let n = p.len();
    (0..i).all(|k| p.k(k) != Some(Kind::Word))
        && matches!(p.k(i), Some(Kind::Word | Kind::Kw(_)))
        && !matches!(
            p.k(i),
            Some(Kind::Kw(
                Kw::BinOp | Kw::Is | Kw::In | Kw::Between | Kw::Not | Kw::As
            ))
        )
        && n - i <= 4
        && (i..n).all(|k| {
            matches!(
                p.k(k),
                Some(Kind::Word | Kind::Kw(_) | Kind::Num | Kind::Dot)
            ) || (p.k(k) == Some(Kind::Cmp) && p.text(k) == "=")
        })
}

/// [`statement_tail`] in its forms that need no test before them, reaching the end of the
/// value: `FOR UPDATE [OF t | NOWAIT | SKIP LOCKED]`, `FOR SHARE`, `LOCK IN SHARE MODE`,
/// `FOR XML|JSON mode[(…)]`, `INTO @var`.
fn lone_statement_tail(p: &Parser<'_>, i: usize) -> bool {
    let w = |k: usize, x: &str| p.text(k).eq_ignore_ascii_case(x);
    let n = p.len();
    let end = if w(i, "for") && (w(i + 1, "update") || w(i + 1, "share")) {
        // `OF name`, `NOWAIT`, `SKIP LOCKED`: words only
        let mut j = i + 2;
        while j < n && j < i + 6 && matches!(p.k(j), Some(Kind::Word | Kind::Kw(_))) {
            j += 1;
        }
        (j == i + 2 || w(i + 2, "of") || w(i + 2, "nowait") || w(i + 2, "skip")).then_some(j)
    } else if w(i, "lock") && w(i + 1, "in") && w(i + 2, "share") && w(i + 3, "mode") {
        Some(i + 4)
    } else if w(i, "for") && (w(i + 1, "xml") || w(i + 1, "json")) {
        let mode = ["path", "auto", "raw", "explicit"]
            .iter()
            .any(|x| w(i + 2, x));
        // `PATH('')`, `PATH('row')`: the element name as a literal argument
        let arg = p.k(i + 3) == Some(Kind::LParen)
            && p.k(i + 4) == Some(Kind::Str)
            && p.k(i + 5) == Some(Kind::RParen);
        mode.then_some(if arg { i + 6 } else { i + 3 })
    } else if w(i, "format") && p.k(i + 1) == Some(Kind::Word) && clickhouse_format(p.text(i + 1)) {
        // ClickHouse's `FORMAT JSON`: the result re-encoded in a format the attacker
        // names, which confirms the dialect (a format name is one of ClickHouse's)
        Some(i + 2)
    } else if w(i, "settings") {
        // ClickHouse's `SETTINGS max_threads=1, readonly=0`: query settings the
        // attacker sets, each a snake_case name `=` a constant
        let mut j = i + 1;
        while j < n && j < i + 1 + 4 * 16 {
            let named = p.k(j) == Some(Kind::Word) && (j > i + 1 || p.text(j).contains('_'));
            let set = p.k(j + 1) == Some(Kind::Cmp) && p.text(j + 1) == "=";
            if !(named && set && matches!(p.k(j + 2), Some(Kind::Num | Kind::Str))) {
                break;
            }
            j += 3;
            if p.k(j) != Some(Kind::Comma) {
                break;
            }
            j += 1;
        }
        (j > i + 1).then_some(j)
    } else if p.kw_is(i, Kw::Into) && p.k(i + 1) == Some(Kind::Var) {
        // `INTO @a, @b, @c` (or bare `@,@,@`): MySQL copies the row into one variable per
        // column and errors when the counts differ, so a LIMIT parameter pasted unquoted
        // counts the application's columns one variable at a time
        let mut j = i + 2;
        while j + 1 < n && j < i + 2 + 128 && p.k(j) == Some(Kind::Comma) {
            if p.k(j + 1) != Some(Kind::Var) {
                break;
            }
            j += 2;
        }
        Some(j)
    } else {
        None
    };
    end == Some(n)
}

/// Whether `w` names one of ClickHouse's input/output formats (`JSON`, `JSONEachRow`,
/// `CSVWithNames`, `TabSeparated`, `PrettyCompact`, `Vertical`, …), by the families
/// their names are built from, in ClickHouse's spelling (upper case or CamelCase: the
/// names are case-sensitive, so "1 format json files" is no clause).
fn clickhouse_format(w: &str) -> bool {
    const FAMILIES: [&str; 12] = [
        "JSON",
        "CSV",
        "TSV",
        "TabSeparated",
        "Pretty",
        "Vertical",
        "XML",
        "Values",
        "Native",
        "RowBinary",
        "Parquet",
        "Markdown",
    ];
    w.len() <= 40 && FAMILIES.iter().any(|f| w.starts_with(f))
}

/// `the 'or' operator`, `"and" vs "or"`, `'and'/'or' in SQL`: the whole value is words
/// (one of two letters or more) with connectives quoted in them, each connective glued to its two quotes and the quotes
/// set off from the words around them by blanks or punctuation (prose's quoting; `a'or'a`
/// tests a letter). Read as SQL it joins text literals by `AND`/`OR`, and a text literal is
/// false in MySQL and SQLite (no leading number) and an error in PostgreSQL, MSSQL and
/// Oracle: no test, no data. A literal that starts with a number (`' 1 or '1`) or spells a
/// PostgreSQL boolean (`'t'`, `'yes'`, `'on'`) is a constant test and does not count.
fn quoted_connectives(p: &Parser<'_>, t: &[Token]) -> bool {
    let n = p.len();
    if !(3..=24).contains(&n) {
        return false;
    }
    let glued =
        |a: usize, b: usize| matches!((t.get(a), t.get(b)), (Some(x), Some(y)) if x.end == y.start);
    let mut letters = false;
    for k in 0..n {
        match p.k(k) {
            Some(Kind::Kw(Kw::And | Kw::Or | Kw::Xor)) => {
                let quoted = k > 0
                    && p.k(k - 1) == Some(Kind::Str)
                    && matches!(p.k(k + 1), Some(Kind::Str | Kind::OpenStr))
                    && glued(k - 1, k)
                    && glued(k, k + 1);
                if !quoted {
                    return false;
                }
            }
            Some(Kind::Str | Kind::OpenStr) => {
                let body = p.text(k).trim_matches(['\'', '"']);
                let bytes = body.as_bytes();
                // the word-break outside the quote before a connective, and after one
                let before_ok =
                    k + 1 == n || bytes.last().is_none_or(|b| !b.is_ascii_alphanumeric());
                let after_ok = k == 0 || bytes.first().is_none_or(|b| !b.is_ascii_alphanumeric());
                let word = body.trim().to_ascii_lowercase();
                let constant = numeric_start(body)
                    || matches!(word.as_str(), "t" | "true" | "y" | "yes" | "on");
                if !before_ok || !after_ok || constant {
                    return false;
                }
                // (a word of prose around the quotes: `A 'OR' B` puts one-letter
                // placeholders there, the operands of a logic test)
                letters |= body
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() >= 2);
            }
            _ => return false,
        }
    }
    letters && p.k(n - 1) == Some(Kind::OpenStr)
}

/// `PROCEDURE ANALYSE(` at token `i`: MySQL's (≤ 5.x) clause after a SELECT's LIMIT.
fn procedure_analyse(p: &Parser<'_>, i: usize) -> bool {
    p.kw_is(i, Kw::Procedure)
        && p.text(i + 1).eq_ignore_ascii_case("analyse")
        && p.k(i + 2) == Some(Kind::LParen)
}

/// `1 or price>0`, `0 or id is not null`, `5 or qty between 0 and 999`, `1 or is_admin`:
/// after a number in a numeric context, a logic operator and a column tested against a
/// constant. In `WHERE id=<value>` the column is true for (nearly) every row, so the
/// filter is gone as surely as with `1=1`. A one-letter name is algebra ("5 and y < 3"); a
/// lone word is prose ("1 or more"), except a snake_case column (`is_admin`).
fn column_test(p: &Parser<'_>, i: usize) -> bool {
    if p.k(i + 1) != Some(Kind::Word) {
        return false;
    }
    let name = p.text(i + 1);
    let ident = name.len() >= 2 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !ident {
        return false;
    }
    match p.k(i + 2) {
        None => name.contains('_') && name.bytes().any(|b| b.is_ascii_alphabetic()),
        Some(Kind::Cmp) => matches!(
            (p.k(i + 3), p.k(i + 4)),
            (Some(Kind::Num | Kind::Str), _) | (Some(Kind::Op), Some(Kind::Num))
        ),
        Some(Kind::Kw(Kw::Is)) => {
            let m = if p.kw_is(i + 3, Kw::Not) {
                i + 4
            } else {
                i + 3
            };
            p.kw_is(m, Kw::Literal)
        }
        Some(Kind::Kw(Kw::Between)) => p.k(i + 3) == Some(Kind::Num),
        _ => false,
    }
}

/// `1 or 1`, `1 || 1`, `3 xor 1`, `1 or 0x1`: a number joined by a logic operator to a
/// constant, in a numeric context: the WHERE clause becomes a constant. Prose joins two
/// different counts ("1 or 2"); a number with itself (the comparison a boolean probe needs,
/// as [`is_math`] reads it), `XOR`, a hex literal, and a whole value that is `&&`/`||`
/// between numbers or `and`/`or` between SQL's boolean constants 0 and 1 are SQL's.
fn constant_logic(p: &Parser<'_>, i: usize, e: usize) -> bool {
    if i == 0 || p.k(i - 1) != Some(Kind::Num) || p.k(i + 1) != Some(Kind::Num) || e != i + 2 {
        return false;
    }
    // (`0 or 1 offset 0`: any two constants, when a clause of the query follows them)
    if p.kw_is(i, Kw::Xor)
        || p.text(i - 1) == p.text(i + 1)
        || p.radix_literal(i + 1)
        // (`0x31 or 1`: MySQL reads a hex or bit literal as a number on either side)
        || p.radix_literal(i - 1)
        || matches!(p.k(e), Some(Kind::Kw(_)))
    {
        return true;
    }
    // The whole value one pair: `1 and 0` / `1 and 1` is the true/false pair a blind probe
    // sends (the page for `id=1 and 0` is empty, for `id=1 and 1` whole), `0 or 1` returns
    // every row. The constants SQL reads as booleans, 0 and 1 (`1e0`, `1.0`), joined by
    // `and`/`or`, are that pair; prose answers with counts ("2 or 3", "1 or 2 days").
    // `&&` and `||` between numbers are code, never prose, whatever the numbers.
    // `-1 or 2`, `0 OR 7`, `-5 || 3`: an id no row has (zero or negative) ORed with a
    // non-zero constant. In `WHERE id=<value>` the first test matches nothing and the
    // constant makes every row match: the row dump, with any truthy number on the right.
    // Prose offers a choice of counts, which are positive ("2 or 3", "1 or 2"); a count
    // with its unit ("-1 or 2 guests") goes on after the number.
    let signed = p.k(0) == Some(Kind::Op) && matches!(p.text(0), "-" | "+");
    let first = usize::from(signed);
    if i != first + 1 || e != p.len() {
        return false;
    }
    if p.k(i) == Some(Kind::LogicOp) {
        return true;
    }
    let (Ok(a), Ok(b)) = (p.text(first).parse::<f64>(), p.text(i + 1).parse::<f64>()) else {
        return false;
    };
    let a = if p.text(0) == "-" && signed { -a } else { a };
    let boolean = |v: f64| v == 0.0 || v == 1.0;
    (!signed && boolean(a) && boolean(b))
        || (p.kw_is(i, Kw::Or) && a <= 0.0 && b != 0.0)
        || (!signed && b != 0.0 && machine_number(p.text(first)))
}

/// `1e1`, `2E0`, `7.0`, `3.00`: a number in a spelling prose never gives a count in
/// (scientific notation, or a fraction of zeros). Before `and`/`or` and a truthy constant
/// (`1e1 OR 1`, `2.0 or 1`) it is a scanner's boolean probe dressed so that a filter
/// knowing `1 or 1` misses it; "2 or 3", "1.5 or 2" stay prose answers.
fn machine_number(t: &str) -> bool {
    let b = t.as_bytes();
    if b.iter().any(|c| matches!(c, b'e' | b'E')) {
        return true;
    }
    memchr::memchr(b'.', b)
        .is_some_and(|k| k + 1 < b.len() && b[k + 1..].iter().all(|&c| c == b'0'))
}

/// `3*1 AND 1`, `2-1 or 0`, `7/7 and 0`: the whole value a computed number (numbers joined
/// by arithmetic) then `AND`/`OR` and SQL's boolean constant 0 or 1. It is
/// [`constant_logic`]'s blind true/false pair with an arithmetic operand (the page for
/// `id=3*1 and 1` is whole, for `id=3*1 and 0` empty), which scanners send because a
/// filter that knows `1 and 1` does not know it. Prose joins counts, not products, and
/// names the right side's count: "pages 3 and 4", "1 and 2", "2*3 and 6" stay quiet.
fn computed_constant_logic(p: &Parser<'_>, e: usize) -> bool {
    if e != p.len() || p.len() < 5 || p.len() > 16 {
        return false;
    }
    let first = usize::from(p.k(0) == Some(Kind::Op) && matches!(p.text(0), "-" | "+"));
    let mut k = first;
    let mut ops = 0;
    while p.k(k) == Some(Kind::Num) && p.k(k + 1) == Some(Kind::Op) {
        if !matches!(p.text(k + 1), "+" | "-" | "*" | "/" | "%") {
            return false;
        }
        k += 2;
        ops += 1;
    }
    ops > 0
        && p.k(k) == Some(Kind::Num)
        && (p.kw_is(k + 1, Kw::And) || p.kw_is(k + 1, Kw::Or))
        && k + 3 == p.len()
        && matches!(p.text(k + 2), "0" | "1")
}

/// Whether the operator token `i` is the `<` of an HTML tag quoted on its own (`"<b>"`,
/// `'</div>'`, `"<br/>"`): the break-out quote, `<`, an optional `/`, a tag name (a letter,
/// then letters or digits), an optional `/`, `>` and the same quote again, with no blank.
fn quoted_tag(s: &str, t: &[Token], i: usize) -> bool {
    let b = s.as_bytes();
    let Some(lt) = t.get(i) else {
        return false;
    };
    let at = lt.start as usize;
    let Some(&q) = at.checked_sub(1).and_then(|k| b.get(k)) else {
        return false;
    };
    if !matches!(q, b'\'' | b'"') || b.get(at) != Some(&b'<') {
        return false;
    }
    let mut k = at + 1;
    if b.get(k) == Some(&b'/') {
        k += 1;
    }
    let name = k;
    if !b.get(k).is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    while b.get(k).is_some_and(u8::is_ascii_alphanumeric) && k - name < 16 {
        k += 1;
    }
    if b.get(k) == Some(&b'/') {
        k += 1;
    }
    b.get(k) == Some(&b'>') && b.get(k + 1) == Some(&q)
}

/// Whether token `i` (the operator of a quote break-out) is a key of a JSON object or a
/// Python dict written inside the value: `{"like":true}`, `{'like': 1, …}`, `, "in": [..`.
/// The quote before it follows `{` or `,` and the quote after it is followed by `:`. Such a
/// value is a document naming a field `like`, `in` or `is`; read as SQL it compares the
/// text before the key with a literal that starts with the colon, a constant test no
/// attacker builds (a `LIKE` tautology needs its pattern to open with `%`), and the
/// document's string values are judged on their own ([`crate::json_doc`]).
fn json_key(s: &str, t: &[Token], i: usize) -> bool {
    let b = s.as_bytes();
    let Some(tok) = t.get(i) else {
        return false;
    };
    let (at, end) = (tok.start as usize, tok.end as usize);
    let Some(&q) = at.checked_sub(1).and_then(|k| b.get(k)) else {
        return false;
    };
    if !matches!(q, b'\'' | b'"') || b.get(end) != Some(&q) {
        return false;
    }
    let opens = b[..at - 1]
        .iter()
        .rev()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|&c| c == b'{' || c == b',');
    let colon = b[end + 1..]
        .iter()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|&c| c == b':');
    opens && colon
}

/// `1 IS NOT NULL`, `1 between 0 and 2`, `99 RLIKE 1`: the whole value is one number and
/// a predicate on it, with constants only. In `WHERE id = <value>` the value turns the
/// comparison into `(id = 1) IS NOT NULL`, a test that no longer depends on the row (the
/// boolean-blind oracle). No count or measurement is followed by `IS NULL`, `BETWEEN …
/// AND …` or a regular-expression operator in prose: those are SQL's own words there.
/// MySQL's word operators `DIV` and `MOD` between two numbers are SQL's too (`3 div 1`).
/// (`2 or 3`, `1 - 1` stay quiet: people type them.)
fn number_predicate(p: &Parser<'_>, i: usize, e: usize, f: u32) -> bool {
    if i != 1 || p.k(0) != Some(Kind::Num) || e != p.len() || f & (WORD | STR | CALL) != 0 {
        return false;
    }
    let op = if p.kw_is(i, Kw::Not) { i + 1 } else { i };
    match p.k(op) {
        Some(Kind::Kw(Kw::Is | Kw::Between)) => true,
        Some(Kind::Kw(Kw::BinOp)) => {
            let w = p.text(op);
            w.eq_ignore_ascii_case("rlike")
                || w.eq_ignore_ascii_case("regexp")
                || (op == i && p.k(op + 1) == Some(Kind::Num) && op + 2 == e && {
                    // MySQL's integer division and remainder as words. Math homework writes
                    // them too (`10 mod 3`, `15 div 4`): the question is the remainder or
                    // the rounding. A probe wants a result it knows without asking: `N div
                    // 1` / `N mod 1` (the identity and zero, `id=3 div 1` returns row 3),
                    // `div 0` / `mod 0` (NULL, the empty page of the false half), or a
                    // division with no remainder (`10 div 2` is row 5, like `6-1`).
                    let (a, b) = (int_value(p.text(0)), int_value(p.text(op + 1)));
                    let probe = match (a, b) {
                        (_, Some(0 | 1)) => true,
                        (Some(a), Some(b)) => w.eq_ignore_ascii_case("div") && a % b == 0,
                        _ => false,
                    };
                    probe && (w.eq_ignore_ascii_case("div") || w.eq_ignore_ascii_case("mod"))
                })
        }
        // `1-false`, `2*true`: arithmetic on SQL's boolean constants, which only a
        // database evaluates (`id=1-false` is row 1); prose and formulas do not subtract
        // a truth value. (`6-1` stays quiet: ranges, dates.)
        Some(Kind::Op) if p.k(op + 1) != Some(Kind::LParen) => {
            op == i
                && op + 2 == e
                && matches!(p.text(op), "-" | "+" | "*" | "/")
                && p.kw_is(op + 1, Kw::Literal)
                && (p.text(op + 1).eq_ignore_ascii_case("true")
                    || p.text(op + 1).eq_ignore_ascii_case("false"))
        }
        // `1^(2>1)`, `2-(1=1)`, `1*(2>1)`: the same with the truth value computed by a
        // bracketed comparison. In `WHERE id=<value>` the row shown (id 0 or 1, 2 or 1)
        // answers the comparison: a boolean oracle with no keyword, whose comparison the
        // attacker swaps for `ascii(substr(…))>77`. A formula compares after its sum
        // (`6-1=5`, `2*(3+4)=14`) or brackets arithmetic (`2*(3+4)`), never a test.
        Some(Kind::Op) => op == i && f & CMP != 0 && group_closes_at(p, op + 1, e),
        _ => false,
    }
}

/// Whether the `(` at token `open` is closed by the `)` just before token `end` (and not
/// earlier): the tokens between are one bracketed group.
fn group_closes_at(p: &Parser<'_>, open: usize, end: usize) -> bool {
    if p.k(open) != Some(Kind::LParen) || end < open + 2 || p.k(end - 1) != Some(Kind::RParen) {
        return false;
    }
    let mut depth = 0u32;
    for k in open..end {
        match p.k(k) {
            Some(Kind::LParen) => depth += 1,
            Some(Kind::RParen) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return k + 1 == end;
                }
            }
            _ => {}
        }
    }
    false
}

/// `'a' or 1`, `b'1' or 1`, `x'41' xor 1`: the whole value a quoted literal ORed with a
/// number. In `WHERE id=<value>` the number makes the clause true for every row, whatever
/// the literal reads as; this is `1 or 1` with a quoted left side. Prose quotes words on
/// both sides ("'yes' or 'no'") or goes on after the number ("'a' or 1 of the others").
fn literal_or_number(p: &Parser<'_>, i: usize, e: usize) -> bool {
    i == 1
        && e == i + 2
        && e == p.len()
        && p.k(0) == Some(Kind::Str)
        && matches!(p.k(i), Some(Kind::Kw(Kw::Or | Kw::Xor)))
        && p.k(i + 1) == Some(Kind::Num)
}

/// A decimal integer literal's value, if it is one that fits (`10`, not `1e0` or `0x1`).
fn int_value(t: &str) -> Option<u64> {
    if t.is_empty() || t.len() > 18 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// `(1)or(1)`, `(0)and(1)`: a logic keyword glued to parenthesised constants on both sides,
/// parentheses standing in for the blanks a filter looks for. Prose separates its words
/// ("(1) or (2)"); in a numeric context the value makes the WHERE clause a constant test.
fn glued_paren_logic(p: &Parser<'_>, t: &[Token], i: usize, f: u32) -> bool {
    let glued = |a: usize, b: usize| match (t.get(a), t.get(b)) {
        (Some(x), Some(y)) => x.end == y.start,
        _ => false,
    };
    i > 0
        && f & (WORD | STR | CALL) == 0
        && matches!(p.k(i), Some(Kind::Kw(Kw::And | Kw::Or | Kw::Xor)))
        && p.k(i - 1) == Some(Kind::RParen)
        && p.k(i + 1) == Some(Kind::LParen)
        && glued(i - 1, i)
        && glued(i, i + 1)
}

/// `1e1or 1`, `1.or(1)`, `0x1and 0`: a number in a form no identifier takes (a fraction,
/// an exponent, a trailing dot, a hex prefix) glued to `AND` / `OR` / `XOR`. MySQL ends the
/// number where the keyword's letters begin, so in `WHERE id = <value>` the connective joins
/// a test of the application's row to the operand after it (`1e1or 1` matches every row);
/// the missing blank is there only to pass filters that look for ` or `. A plain integer
/// glued to a word (`2for1`, `1or 2`) is a word to MySQL (identifiers may start with
/// digits), and model numbers (`3dor2`, `1e10rpm`) lex as one word after the number.
fn glued_number_logic(p: &Parser<'_>, t: &[Token], i: usize, f: u32) -> bool {
    if i == 0
        || f & (WORD | STR) != 0
        || !matches!(p.k(i), Some(Kind::Kw(Kw::And | Kw::Or | Kw::Xor)))
        || !matches!(p.k(i - 1), Some(Kind::Num | Kind::RParen))
        || !matches!((t.get(i - 1), t.get(i)), (Some(x), Some(y)) if x.end == y.start)
    {
        return false;
    }
    // `1.e(0)or 1` arrives here as ` (0)or 1` (see [`without_empty_exponents`]): a
    // bracketed number glued to the keyword is the same break-out
    if p.k(i - 1) == Some(Kind::RParen) {
        return i >= 3 && p.k(i - 2) == Some(Kind::Num) && p.k(i - 3) == Some(Kind::LParen);
    }
    let num = p.text(i - 1).as_bytes();
    num.len() >= 2
        && (num
            .iter()
            .any(|&c| matches!(c, b'.' | b'e' | b'E' | b'x' | b'X')))
}

/// `1, is_admin=1`, `30, email='a@evil.tld'`, `0, credits=credits+100000`: a number in
/// `UPDATE … SET age=<value>` followed by more assignments, to the end of the value or cut
/// off by a comment. The value now writes columns the form never offered. Names are
/// identifiers of two characters or more (`1, x=2` is algebra) and the assigned operands
/// constants, or the assigned column itself changed by constants (`credits=credits+1`: it
/// reads its own column, which only an UPDATE can). The value must open with the number
/// that closes the application's `SET col=` operand: `a=1, b=2` (a config line, prose)
/// opens with a name and is no break-out, and `x=y+1` over another name stays algebra.
fn numeric_assignments(p: &Parser<'_>, mut j: usize, truncated: bool) -> bool {
    let mut items = 0;
    while p.k(j) == Some(Kind::Comma) && items < 16 {
        let name = p.text(j + 1);
        if p.k(j + 1) != Some(Kind::Word)
            || name.len() < 2
            || p.k(j + 2) != Some(Kind::Cmp)
            || p.text(j + 2) != "="
        {
            return false;
        }
        let mut v = j + 3;
        if p.k(v) == Some(Kind::Op) && matches!(p.text(v), "-" | "+") {
            v += 1;
        }
        // `credits=credits+100000`, `balance = balance * 2`: the column read back and
        // changed by constants (the attacker's usual aim: raise a balance, a quota, a role
        // level). An expression over *another* name (`x=y+1`) stays algebra.
        if p.k(v) == Some(Kind::Word) && p.text(v).eq_ignore_ascii_case(name) {
            let mut w = v + 1;
            let mut ops = 0;
            while p.k(w) == Some(Kind::Op) && ops < 8 {
                // (`score - -1000`: a signed constant)
                let sign = p.k(w + 1) == Some(Kind::Op) && matches!(p.text(w + 1), "-" | "+");
                let n = w + 1 + usize::from(sign);
                if p.k(n) != Some(Kind::Num) {
                    break;
                }
                w = n + 1;
                ops += 1;
            }
            if ops == 0 {
                return false;
            }
            j = w;
            items += 1;
            continue;
        }
        if !matches!(p.k(v), Some(Kind::Num | Kind::Str | Kind::Kw(Kw::Literal))) {
            return false;
        }
        j = v + 1;
        items += 1;
    }
    items > 0 && (j == p.len() || (truncated && after_parens(p, j) == p.len()))
}

/// `admin'#comment`, `bob'#remember-me`, `test'--@x.com`: a comment marker glued to the
/// quote (or parentheses) that closed a one-word literal. MySQL's `#` needs no blank after
/// it, and PostgreSQL, T-SQL, Oracle and SQLite end the line at a bare `--`, so the rest of
/// the application's query (`AND pass='…'`) is gone. The literal must hold a letter, or be
/// a number cut by a `#` whose comment starts with a letter: `5'#2` is a measurement.
fn glued_comment(s: &str, t: &[Token], first: &str) -> bool {
    let Some(last) = t.last() else {
        return false;
    };
    let rest = s.as_bytes().get(last.end as usize..).unwrap_or(&[]);
    // (the literal is what a login or e-mail field holds: `chalk.hex('#DEADED')` is code)
    let content = first
        .as_bytes()
        .get(..first.len().saturating_sub(1))
        .unwrap_or(&[]);
    // A number closed by a quote is a height or a length (`6'`), and `#2` after it is the
    // number sign (`5'#2` board); a word glued to the `#` is no number but comment text, so
    // MySQL drops the rest of the query after an id or a numeric login (`1'#foo`).
    let numeric_cut = rest.starts_with(b"#")
        && rest.get(1).is_some_and(u8::is_ascii_alphabetic)
        && first.ends_with('\'')
        && content.first().is_some_and(u8::is_ascii_digit);
    (rest.starts_with(b"#") || rest.starts_with(b"--"))
        && (numeric_cut || content.iter().any(u8::is_ascii_alphabetic))
        && content
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'@' | b'+'))
}

/// `time.sleep(5)`, `Thread.sleep(5000)`: the call at `i` qualified by something that is no
/// database package or system schema is a method of a program object. SQL reaches its
/// built-ins bare or through the catalog (`pg_catalog.pg_sleep`, `master..xp_cmdshell`,
/// `master.dbo.xp_cmdshell`) and Oracle's through their package (`DBMS_LOCK.SLEEP`, `USER_LOCK.SLEEP`).
fn program_object(p: &Parser<'_>, i: usize) -> bool {
    if p.k(i - 1) != Some(Kind::Dot) || !matches!(p.k(i - 2), Some(Kind::Word | Kind::Kw(_))) {
        return false;
    }
    let q = p.text(i - 2);
    let system = [
        "pg_catalog",
        "sys",
        "dbo",
        "master",
        "msdb",
        "mysql",
        "public",
        "dbms_session",
        "user_lock",
    ]
    .iter()
    .any(|s| q.eq_ignore_ascii_case(s));
    !system && !keywords::is_attack_package(q)
}

/// `db.query('SELECT * FROM t WHERE id = ?', [id])`: a statement quoted in program text. The
/// application's closing quote turns the value's tail into a literal right after an operand of
/// the statement's clauses (`… WHERE id = ? ', [id])'`), which no dialect parses: after a
/// `FROM` a literal may not follow a name, number, parameter or `)` (the select list's
/// `SELECT @@version 'alias'` and MySQL's `'a' 'b'` come before it or between literals).
fn dangling_literal(p: &Parser<'_>, from: usize) -> bool {
    let n = p.len();
    n >= 2
        && p.k(n - 1) == Some(Kind::OpenStr)
        && matches!(
            p.k(n - 2),
            Some(Kind::Num | Kind::Word | Kind::Var | Kind::RParen)
        )
        && (from..n).any(|k| p.kw_is(k, Kw::From))
}

/// Statements of one verb and at most one name that change no data but act on the server
/// or session (PostgreSQL's `VACUUM`, `REINDEX`, `CHECKPOINT`, `LISTEN`/`NOTIFY`, T-SQL's
/// `REVERT`, `CHECKPOINT`), ending the value or followed by another statement.
fn maintenance_statement(p: &Parser<'_>, i: usize) -> bool {
    if p.k(i) != Some(Kind::Word) {
        return false;
    }
    let verb = p.text(i).to_ascii_lowercase();
    if !matches!(
        verb.as_str(),
        "vacuum"
            | "reindex"
            | "checkpoint"
            | "listen"
            | "notify"
            | "unlisten"
            | "revert"
            | "analyze"
    ) {
        return false;
    }
    let mut j = i + 1;
    let mut words = 0;
    while matches!(p.k(j), Some(Kind::Word | Kind::Kw(_))) && words < 2 {
        j += 1;
        words += 1;
    }
    matches!(p.k(j), None | Some(Kind::Semi))
}

/// `x', @@version)#`, `x', 'admin')-- -`, `x'), ('y', 'admin')-- -`,
/// `x', 'a') ON DUPLICATE KEY UPDATE role='a'#`: in `INSERT … VALUES (…, 'VALUE', …)` the
/// value closes its literal, adds items to the row, closes the row (`parens` is 1 when it did
/// so at once), then cuts the application's remaining items off with a comment, adds rows of
/// its own or an upsert clause. Items are what a row holds — literals, variables, calls of
/// known SQL functions — never a bare word: a sentence quoting something ("Dogs', cats)")
/// has words, and prose does not end in a truncating comment after `)`.
fn insert_values(
    p: &mut Parser<'_>,
    mut j: usize,
    parens: usize,
    truncated: bool,
) -> Option<&'static str> {
    p.take_flags();
    let mut added = 0;
    if parens == 0 {
        while p.k(j) == Some(Kind::Comma) && added < 64 {
            j = p.operand(j + 1, 0)?;
            if !row_item(p.take_flags()) {
                return None;
            }
            added += 1;
        }
        if p.k(j) != Some(Kind::RParen) {
            return None;
        }
        j += 1;
    }
    // further rows `, (…)`, the last one possibly left open for the application's `')`
    let mut rows = 0;
    while p.k(j) == Some(Kind::Comma) && p.k(j + 1) == Some(Kind::LParen) && rows < 16 {
        j = p.operand(j + 1, 0)?;
        if !row_item(p.take_flags() & !PAREN) {
            return None;
        }
        rows += 1;
    }
    let upsert = on_duplicate_key_update(p, j);
    if let Some(e) = upsert {
        j = e;
    }
    // the application's remaining items cut off, or its closing quote ending an added row
    let open_end = j == p.len() && p.k(j - 1) == Some(Kind::OpenStr);
    // (`x'), ('a','admin');--`: a `;` ends the statement before the comment cuts the
    // application's rest off, as the comment alone does)
    let semi_cut = truncated && p.k(j) == Some(Kind::Semi) && j + 1 == p.len();
    let ends = (j == p.len() && (truncated || (open_end && rows > 0))) || semi_cut;
    (ends && (added + rows > 0 || upsert.is_some())).then_some("insert-values")
}

/// Flags of one `VALUES` item (or row): a value, not a name or an unknown program call.
fn row_item(f: u32) -> bool {
    f & WORD == 0 && (f & CALL == 0 || f & FUNC != 0) && f & (STR | NUM | VAR | LIT | CALL) != 0
}

/// MySQL's `ON DUPLICATE KEY UPDATE name = operand, …` at `j`: the index after it, the last
/// operand possibly left open for the application's quote.
fn on_duplicate_key_update(p: &mut Parser<'_>, j: usize) -> Option<usize> {
    let words = ["on", "duplicate", "key", "update"];
    if !(0..4).all(|k| p.text(j + k).eq_ignore_ascii_case(words[k])) {
        return None;
    }
    let mut j = j + 3;
    let mut items = 0;
    loop {
        if p.k(j + 1) != Some(Kind::Word) || p.k(j + 2) != Some(Kind::Cmp) || p.text(j + 2) != "=" {
            return None;
        }
        j = p.operand(j + 3, 0)?;
        items += 1;
        if p.k(j) != Some(Kind::Comma) || items >= 16 {
            break;
        }
    }
    p.take_flags();
    Some(j)
}

/// `IF(1=1,5,6)`, `IIF(2>1,1,0)`, `rand(1=1)`, `ELT(1=1,5)`: the whole value is one call of a
/// SQL function whose arguments compare constants — a true/false oracle put in a numeric or
/// `ORDER BY` slot. Spreadsheet formulas (`IF(A1>5,"y","n")`) and program calls test names,
/// so no word may appear among the arguments.
fn literal_test_call(p: &mut Parser<'_>, truncated: bool) -> Option<&'static str> {
    p.take_flags();
    let e = p.operand(0, 0)?;
    let f = p.take_flags();
    // The condition is the first argument; `IF(1=1,name,price)` in an ORDER BY picks one
    // of two columns to sort by, so the branches may name columns once the test itself
    // compares constants.
    let mut depth = 0u32;
    let mut cond_end = e;
    for k in 1..e {
        match p.k(k) {
            Some(Kind::LParen) => depth += 1,
            Some(Kind::RParen) => depth = depth.saturating_sub(1),
            Some(Kind::Comma) if depth == 1 => {
                cond_end = k;
                break;
            }
            _ => {}
        }
    }
    let branches_are_names = (cond_end..e).all(|k| {
        matches!(
            p.k(k),
            Some(Kind::Word | Kind::Num | Kind::Str | Kind::Comma | Kind::RParen)
        )
    });
    let constant = |k: usize| {
        matches!(
            p.k(k),
            Some(
                Kind::Num
                    | Kind::Str
                    | Kind::Cmp
                    | Kind::Comma
                    | Kind::Op
                    | Kind::LParen
                    | Kind::RParen
                    | Kind::Kw(Kw::Literal)
            )
        )
    };
    let constants = (2..e).all(constant) || ((2..cond_end).all(constant) && branches_are_names);
    (f & FUNC != 0
        && f & ARGCMP != 0
        && constants
        && p.k(e - 1) == Some(Kind::RParen)
        && (e == p.len() || (truncated && p.end_ok(e))))
    .then_some("conditional-call")
}

/// After a closed literal, `, name = operand` items to the end, the last operand a literal
/// the application's quote closes (`x', role='admin`) or the rest cut off by a comment
/// (`x', is_admin=1-- -`): the value adds columns to an `UPDATE … SET`.
fn assignments(p: &mut Parser<'_>, mut j: usize, truncated: bool) -> Option<&'static str> {
    let mut items = 0;
    // `x',@p2=1;--`: T-SQL's `EXEC proc @p1='VALUE', @p2=…` names a procedure's arguments
    // as `@name=`, so a closed literal then `,@name=` sets an argument the form never
    // offered (one `@`: `@@name` is a server variable, never assigned this way)
    let target = |p: &Parser<'_>, k: usize| match p.k(k) {
        Some(Kind::Word) => true,
        Some(Kind::Var) => {
            let v = p.text(k).as_bytes();
            v.len() >= 2 && v[0] == b'@' && v[1].is_ascii_alphabetic()
        }
        _ => false,
    };
    while p.k(j) == Some(Kind::Comma) && items < 16 {
        if !target(p, j + 1) || p.k(j + 2) != Some(Kind::Cmp) || p.text(j + 2) != "=" {
            return None;
        }
        // the assigned value is any expression: `balance = balance + 10000`, `role =
        // concat(role, ',admin')` write the column from itself like a literal would
        j = p.expr(j + 3, 0)?;
        items += 1;
    }
    p.take_flags();
    // the batch ended by the value's own `;` before the comment that cuts the rest
    if truncated && items > 0 && p.k(j) == Some(Kind::Semi) && j + 1 == p.len() {
        j += 1;
    }
    // `x', role='admin' WHERE id=1--`: the value also writes the statement's row filter (a
    // comparison) and cuts the application's own off, or leaves its last literal open for
    // the application's quote (`x', password='p' where '1'='1`)
    if items > 0 && p.kw_is(j, Kw::Where) {
        j = p.expr(j + 1, 0)?;
        if p.take_flags() & CMP == 0 {
            return None;
        }
    }
    let open_end = j == p.len() && p.k(j - 1) == Some(Kind::OpenStr);
    (items > 0 && j == p.len() && (open_end || truncated)).then_some("update-assignment")
}

/// `1,2) OR 1=1--`, `'a','b') AND 1=CONVERT(int,@@version)--`: an `IN (…)` list the
/// application opened, its items continued and the list closed by the value, then a test.
fn list_close(p: &mut Parser<'_>, mut j: usize, truncated: bool) -> Option<&'static str> {
    let mut items = 0;
    while p.k(j) == Some(Kind::Comma) && items < 64 {
        j = p.operand(j + 1, 0)?;
        items += 1;
    }
    let mut parens = 0;
    while p.k(j) == Some(Kind::RParen) && parens < 16 {
        j += 1;
        parens += 1;
    }
    // (the items' flags are not the test's)
    p.take_flags();
    if parens == 0
        || !matches!(
            p.k(j),
            Some(Kind::Kw(Kw::And | Kw::Or | Kw::Xor) | Kind::LogicOp)
        )
    {
        return None;
    }
    let e = p.continuation(j - 1, j, 0)?;
    let f = p.take_flags();
    let cut = truncated && only_parens_after(p, e);
    (p.end_ok(e)
        && (f & (TAUT | FUNC | SUBQ | STRONG_FUNC | SYSVAR | CASE | NEGATED) != 0
            || (f & CMP != 0 && (f & WORD == 0 || cut))))
        .then_some("list-close")
}

/// A column / IN list that continues with computed SQL: `FOO,IIF(2510=9436,FOO,1/0)`,
/// `1,(SELECT …)`, `id,(CASE WHEN … END)`.
fn number_list(p: &mut Parser<'_>, i: usize, start_kind: StartKind) -> Option<&'static str> {
    let mut e = p.expr(i + 1, 0)?;
    let mut items = 0;
    while p.k(e) == Some(Kind::Comma) && items < 64 {
        e = p.expr(e + 1, 0)?;
        items += 1;
    }
    let f = p.take_flags();
    let calls = std::mem::take(&mut p.calls);
    // `17,23 order by 16`, `1,2 union select 3`: the list ends and a clause follows
    if start_kind == StartKind::Number {
        if p.kw_is(e, Kw::Union) && p.union_select(e, true) {
            return Some("union-select");
        }
        if p.kw_is(e, Kw::GroupOrder) && p.kw_is(e + 1, Kw::By) && p.k(e + 2) == Some(Kind::Num) {
            return Some("order-group-by");
        }
    }
    (p.end_ok(e)
        && (f & (SUBQ | CASE | STRONG_FUNC | SYSVAR) != 0
            || (f & CALL != 0 && f & ARGCMP != 0)
            || (f & FUNC != 0 && calls >= 2)))
        .then_some("list-injection")
}

/// Evidence that is SQL whatever the context, read over the bare stream.
///
/// `starts`, when known, lists in order the tokens where a shape below may begin (see
/// [`lexer::tokenize`]); the loop then visits only those. The tokens it leaves out fail every
/// arm's pattern or its first test, which changes nothing.
fn anywhere(p: &mut Parser<'_>, t: &[Token], starts: Option<&[u32]>) -> Option<&'static str> {
    // The value is a statement only attacks send: `EXEC(@s)`, `DECLARE @x …`,
    // `EXEC master..xp_cmdshell`, `WAITFOR DELAY '0:0:5'`.
    if let Some(Kind::Kw(Kw::Statement | Kw::Waitfor)) = p.k(0) {
        let w = p.text(0);
        let proc_name = |t: &str| {
            let l = t.as_bytes();
            l.len() > 3
                && (l[..3].eq_ignore_ascii_case(b"sp_") || l[..3].eq_ignore_ascii_case(b"xp_"))
        };
        let strong_start = (w.eq_ignore_ascii_case("exec")
            || w.eq_ignore_ascii_case("execute")
            || w.eq_ignore_ascii_case("declare"))
            && match p.k(1) {
                Some(Kind::Var) => true,
                // `EXEC(@s)`, `EXEC('…')`; not "Exec (ret.)"
                Some(Kind::LParen) => p.exec_operand(2),
                // `EXEC master.dbo.xp_cmdshell`; not "Exec Dr." (an abbreviation's dot)
                Some(Kind::Word) => {
                    !w.eq_ignore_ascii_case("declare")
                        && ((p.k(2) == Some(Kind::Dot) && p.qualified_after_dot(2))
                            || proc_name(p.text(1)))
                }
                _ => false,
            };
        // (`WAITFOR DELAY` takes its time as a literal or variable; "WAITFOR DELAY in a
        // job takes too long" names the statement)
        let delay = p.waitfor_delay(0);
        if strong_start || delay {
            return Some("statement");
        }
    }
    // The value is an expression built from SQL functions: `chr(11)||chr(12)`,
    // `MID(@@hostname,1,1)`, `COERCIBILITY(USER())`.
    // (Not C's or JavaScript's `if (cond)`: SQL's `IF(cond, then, else)` takes three
    // arguments.)
    // (`SELECT (x) FROM …` is no call: [`Parser::select_statement`] judges it below)
    if matches!(p.k(0), Some(Kind::Word | Kind::Kw(_)))
        && p.k(0) != Some(Kind::Kw(Kw::Select))
        && p.k(1) == Some(Kind::LParen)
        && !(p.text(0).eq_ignore_ascii_case("if") && top_level_args(p, 1) < 3)
    {
        p.calls = 0;
        if let Some(e) = p.expr(0, 0) {
            let f = p.take_flags();
            let calls = std::mem::take(&mut p.calls);
            if p.end_ok(e)
                && (f & (STRONG_FUNC | SYSVAR | SUBQ) != 0
                    || (f & FUNC != 0 && calls >= 2)
                    || (calls >= 2 && f & CMP != 0 && f & LOGIC != 0))
            {
                return Some("function-expression");
            }
        }
        p.take_flags();
    }
    // Every shape below starts at a keyword, `;`, an operator or a call: the words and
    // punctuation of prose are passed over with one test each.
    let scan = |i: usize| match t[i].kind {
        Kind::Kw(_) | Kind::Semi | Kind::Op => true,
        Kind::Word => t.get(i + 1).is_some_and(|u| u.kind == Kind::LParen),
        _ => false,
    };
    let marked = starts.unwrap_or(&[]).iter().map(|&i| i as usize);
    let unmarked = if starts.is_none() { t.len() } else { 0 };
    let all = (0..unmarked).filter(|&i| scan(i));
    for i in marked.chain(all) {
        match p.k(i) {
            Some(Kind::Kw(Kw::Union)) if p.union_select(i, false) => {
                return Some("union-select");
            }
            Some(Kind::Semi) if p.stacked_statement(i + 1) => {
                return Some("stacked-query");
            }
            Some(Kind::Op) if p.text(i) == "::" && pg_cast(p, i) => {
                return Some("pg-cast");
            }
            Some(Kind::Kw(Kw::Into))
                if p.kw_is(i + 1, Kw::Outfile)
                    && (matches!(p.k(i + 2), Some(Kind::Str | Kind::OpenStr | Kind::LParen))
                        || (p.k(i + 2) == Some(Kind::Word)
                            && p.k(i + 3) == Some(Kind::LParen))) =>
            {
                return Some("into-outfile");
            }
            Some(Kind::Kw(Kw::Case)) if i == 0 || p.k(i - 1) == Some(Kind::LParen) => {
                if let Some(e) = p.operand(i, 0) {
                    let f = p.take_flags();
                    // a value that opens with a whole `CASE WHEN … END` and goes on with SQL
                    // keywords (`… END IS UNKNOWN`, `… END UNION SELECT`)
                    let continues = i == 0 && e > i + 3 && matches!(p.k(e), Some(Kind::Kw(_)));
                    if f & CASE != 0 && (p.end_ok(e) || p.k(e) == Some(Kind::RParen) || continues) {
                        return Some("case-expression");
                    }
                }
                p.take_flags();
            }
            Some(Kind::Kw(Kw::Waitfor)) if p.waitfor_delay(i) => {
                return Some("time-delay");
            }
            Some(Kind::Kw(Kw::Select)) if i == 0 || p.k(i - 1) == Some(Kind::LParen) => {
                if p.select_statement(i) {
                    return Some("select-statement");
                }
                p.take_flags();
            }
            // `user()`, `current_user()`: the whole value a call of a function that names
            // the database account, with no arguments. In a column list or sort key
            // (`SELECT <value> FROM t`) it returns the account, as `database()` and
            // `version()` return theirs; `user` alone or `user(id)` is a program's word or
            // call, and `auth()->user()` a method.
            Some(Kind::Word | Kind::Kw(_))
                if i == 0
                    && p.len() == 3
                    && p.k(1) == Some(Kind::LParen)
                    && p.k(2) == Some(Kind::RParen)
                    && ["user", "current_user", "session_user", "system_user"]
                        .iter()
                        .any(|w| p.text(0).eq_ignore_ascii_case(w)) =>
            {
                return Some("account-function");
            }
            Some(Kind::Word | Kind::Kw(_))
                if p.k(i + 1) == Some(Kind::LParen) && keywords::is_strong_function(p.text(i)) =>
            {
                // A call to a function only attacks use, that parses as an expression and
                // stands at a structural position (start, after an operator or a break-out).
                {
                    // `asyncio.sleep()`, `os.version()`: a method called without arguments
                    // on an object is program text; SQL's qualified calls take arguments
                    // (`pg_catalog.pg_sleep(5)`) and its niladic ones stand alone.
                    let method_without_args =
                        i > 0 && p.k(i - 1) == Some(Kind::Dot) && p.k(i + 2) == Some(Kind::RParen);
                    let method = method_without_args || (i >= 2 && program_object(p, i));
                    let before_ok = !method
                        && keywords::arity_fits(p.text(i), p.k(i + 2).map(|k| k == Kind::RParen))
                        && (i == 0
                        || matches!(
                            p.k(i - 1),
                            Some(
                                Kind::Op
                                    | Kind::Cmp
                                    | Kind::LogicOp
                                    | Kind::LParen
                                    | Kind::Comma
                                    | Kind::Str
                                    | Kind::Semi
                                    | Kind::Dot
                                    | Kind::Kw(
                                        Kw::And
                                            | Kw::Or
                                            | Kw::Xor
                                            | Kw::Select
                                            | Kw::Not
                                            | Kw::Then
                                            | Kw::Else
                                            | Kw::When
                                            | Kw::Where
                                            | Kw::Having
                                    )
                            )
                        )
                        // `ORDER BY SLEEP(5)`: the sort key of a clause
                        || (i >= 2
                            && p.k(i - 1) == Some(Kind::Kw(Kw::By))
                            && p.k(i - 2) == Some(Kind::Kw(Kw::GroupOrder))));
                    // the call must end an expression, not start a sentence ("sleep(8) hours",
                    // "sleep(5) is a function": SQL's `IS` takes NULL, TRUE, FALSE, UNKNOWN,
                    // NOT or DISTINCT, never an article)
                    let after_ok = |p: &Parser<'_>, e: usize| {
                        let k = p.k(e);
                        if k == Some(Kind::Kw(Kw::Is)) {
                            let m = if p.kw_is(e + 1, Kw::Not) {
                                e + 2
                            } else {
                                e + 1
                            };
                            return p.kw_is(m, Kw::Literal)
                                || p.text(m).eq_ignore_ascii_case("distinct");
                        }
                        // "sleep(5) not working c++": after an operand SQL's `NOT` negates a
                        // test that follows (`NOT LIKE`, `NOT IN (…)`, `NOT BETWEEN`, `NOT
                        // NULL`), never a plain word
                        if k == Some(Kind::Kw(Kw::Not)) {
                            return matches!(
                                p.k(e + 1),
                                Some(Kind::Kw(Kw::BinOp | Kw::In | Kw::Between | Kw::Literal))
                            );
                        }
                        // "sleep(5) in python", "sleep(5) as usual": a keyword that is also
                        // an English word, then nothing but bare words to the end, is a
                        // sentence going on (`IN` wants a parenthesised list). As SQL the
                        // words would have to be columns the attacker guessed; an injection
                        // goes on with a value, a test, a list or a comment instead
                        // (`sleep(5) in (1)`, `sleep(5) and 1=1`). (`OR`/`AND` then a word
                        // are judged as a boolean by the context parse.)
                        if matches!(k, Some(Kind::Kw(_)))
                            && e + 1 < p.len()
                            && p.len() - e <= 8
                            && (e + 1..p.len()).all(|m| p.k(m) == Some(Kind::Word))
                        {
                            return false;
                        }
                        matches!(
                            k,
                            None | Some(
                                Kind::Semi
                                    | Kind::Op
                                    | Kind::Cmp
                                    | Kind::LogicOp
                                    | Kind::RParen
                                    | Kind::Comma
                                    | Kind::OpenStr
                                    | Kind::Str
                                    | Kind::Kw(_)
                            )
                        )
                    };
                    if before_ok {
                        if let Some(e) = p.operand(i, 0) {
                            p.take_flags();
                            // `<span>version()</span>`: the call is an element's text
                            let element_text =
                                i > 0 && p.text(i - 1).ends_with('>') && p.text(e).starts_with('<');
                            if after_ok(p, e) && !element_text && !parenthetical_suffix(p, i, e) {
                                return Some("attack-function");
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    p.take_flags();
    None
}

/// Whether a string's text, as MySQL and SQLite cast it to a number in a boolean test,
/// starts with one (leading blanks skipped): `' 1 apple'` is true there.
fn numeric_start(t: &str) -> bool {
    matches!(
        t.trim_start().as_bytes().first(),
        Some(b'0'..=b'9' | b'+' | b'-' | b'.')
    )
}

/// `My password has a ' and a # in it`, `I typed ' or I ...`: after a sentence, the
/// connective's whole operand (tokens `i + 1 .. e`) is one English function word (an
/// article, a pronoun or a determiner). The quote in the sentence is an apostrophe or an
/// inch mark, and what follows reads on as prose; as SQL `AND a` tests a column named like
/// an article, which no application has, so it can only raise an error: no tautology, no
/// data, and no probe an attacker needs (one who wants a name tests it: `' and a=a#`,
/// `' and 1#`, `' and true#`, `' and sleep(5)#`, which stay). `' or a#` with no sentence
/// before it (`admin' or a#`) is left flagged: a lone placeholder after a login name is the
/// attacker's shape, the sentence is the writer's.
fn function_word_operand(p: &Parser<'_>, i: usize, e: usize) -> bool {
    const FUNCTION_WORDS: [&str; 27] = [
        "a", "an", "the", "i", "it", "me", "my", "you", "your", "he", "him", "his", "she", "her",
        "we", "us", "our", "they", "them", "their", "its", "this", "that", "these", "those",
        "some", "so",
    ];
    e == i + 2
        && p.k(i + 1) == Some(Kind::Word)
        && FUNCTION_WORDS
            .iter()
            .any(|w| p.text(i + 1).eq_ignore_ascii_case(w))
}

/// A string literal holding three or more words of letters (`', and '` does not, `' in a
/// string of data.'` does), or an HTML element (`' <a class="x"></a>'`: a template's markup
/// concatenated in program text).
fn prose_literal(t: &str) -> bool {
    let b = t.as_bytes();
    let markup = b.windows(3).any(|w| {
        w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/') && w[2].is_ascii_alphanumeric()
    }) && b.contains(&b'>');
    markup || three_words(t)
}

/// Three or more words of letters (`.` and `,` allowed) among a text's words.
fn three_words(t: &str) -> bool {
    t.split_whitespace()
        .filter(|w| {
            w.bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b'.' || b == b',')
        })
        .filter(|w| w.bytes().any(|b| b.is_ascii_alphabetic()))
        .take(3)
        .count()
        >= 3
}

/// Arguments of the call whose `(` is token `lp`: top-level commas plus one, up to its `)`
/// (at most 64 tokens looked at).
fn top_level_args(p: &Parser<'_>, lp: usize) -> usize {
    let mut depth = 0u32;
    let mut args = 1;
    for k in lp..p.len().min(lp + 64) {
        match p.k(k) {
            Some(Kind::LParen) => depth += 1,
            Some(Kind::RParen) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            Some(Kind::Comma) if depth == 1 => args += 1,
            _ => {}
        }
    }
    args
}

/// `information_schema.tables`, `FROM INFORMATION_SCHEMA.`, `InFoRmaTioN_ScHemA`: the
/// database's own catalog, qualified by a following `.` or in filter-dodging case.
///
/// Reads token lengths straight from the stream: most words are too short or have no `_`.
fn catalog_reference(s: &str, t: &[Token]) -> Option<&'static str> {
    let b = s.as_bytes();
    t.iter()
        .enumerate()
        .any(|(i, tok)| {
            let (from, to) = (tok.start as usize, tok.end as usize);
            tok.kind == Kind::Word
                && (9..=18).contains(&(to - from))
                && b[from..to].contains(&b'_')
                && s.get(from..to).is_some_and(|w| {
                    (t.get(i + 1).is_some_and(|n| n.kind == Kind::Dot) || grammar::evasive_case(w))
                        && keywords::is_system_catalog(w)
                })
        })
        .then_some("system-catalog")
}

/// SQL clauses that no prose opens a value with: a data definition
/// (`CREATE FUNCTION f (s CHAR(20)) …`, `CREATE TABLE t (id INT, …)`) and the tail of a query
/// from its `FROM` on (`FROM `t` WHERE CONVERT(`t`.`c` USING utf8) = '…' LIMIT`).
fn clause_at_start(p: &mut Parser<'_>) -> Option<&'static str> {
    match p.k(0)? {
        Kind::Kw(Kw::Statement) if p.text(0).eq_ignore_ascii_case("create") => {
            data_definition(p).then_some("data-definition")
        }
        Kind::Kw(Kw::From) => from_where(p).then_some("from-where"),
        _ => None,
    }
}

/// `CREATE [OR REPLACE] [TEMPORARY] FUNCTION|PROCEDURE|TABLE name (param TYPE …`: the object
/// kind, a name, and a parenthesised list whose first entry declares a name with a SQL type.
/// "Create table (optional)" or "create a function" lack the name-then-type declaration.
fn data_definition(p: &Parser<'_>) -> bool {
    let mut j = 1;
    if p.kw_is(j, Kw::Or) && p.text(j + 1).eq_ignore_ascii_case("replace") {
        j += 2;
    }
    let word = |k: usize, w: &str| p.text(k).eq_ignore_ascii_case(w);
    if word(j, "temporary") || word(j, "temp") {
        j += 1;
    }
    if !["function", "procedure", "table"]
        .iter()
        .any(|w| word(j, w))
    {
        return false;
    }
    j += 1;
    // the object's name, possibly schema-qualified
    let mut parts = 0;
    while p.k(j) == Some(Kind::Word) && parts < 3 {
        j += 1;
        parts += 1;
        if p.k(j) != Some(Kind::Dot) {
            break;
        }
        j += 1;
    }
    parts > 0
        && p.k(j) == Some(Kind::LParen)
        && matches!(p.k(j + 1), Some(Kind::Word | Kind::Kw(_)))
        && matches!(p.k(j + 2), Some(Kind::Word | Kind::Kw(_)))
        && keywords::is_column_type(p.text(j + 2))
}

/// `FROM table WHERE <comparison>` then the end of a clause: the rest of a query after its
/// select list. Prose "from home where we met" has no comparison; "from x where y = 2" has no
/// SQL-only part, so the table must be a quoted identifier (`` `t` ``, `[t]`) or the
/// condition must call a function or compare literals.
fn from_where(p: &mut Parser<'_>) -> bool {
    let Some(mut j) = (p.k(1) == Some(Kind::Word)).then_some(1) else {
        return false;
    };
    let quoted_table = matches!(p.text(1).as_bytes().first(), Some(b'`' | b'['));
    j = match p.operand(j, 0) {
        Some(e) => e,
        None => return false,
    };
    p.take_flags();
    if !p.kw_is(j, Kw::Where) {
        return false;
    }
    let Some(e) = p.expr(j + 1, 0) else {
        p.take_flags();
        return false;
    };
    let f = p.take_flags();
    f & CMP != 0 && p.end_ok(e) && (quoted_table || f & (CALL | FUNC | SUBQ | TAUT) != 0)
}

/// A PostgreSQL cast at `i` (the `::`) of an operand to a SQL type, ending an expression:
/// `password::int`, `1+current_user::int`, `f(x)::double precision`. The `::type` syntax is
/// PostgreSQL's alone; other languages' `::` paths name modules and members, not SQL types.
fn pg_cast(p: &Parser<'_>, i: usize) -> bool {
    let operand_before = i > 0
        && matches!(
            p.k(i - 1),
            Some(
                Kind::Word
                    | Kind::RParen
                    | Kind::Str
                    | Kind::Num
                    | Kind::Var
                    | Kind::Kw(Kw::Literal)
            )
        );
    if !operand_before || p.k(i + 1) != Some(Kind::Word) || !keywords::is_cast_type(p.text(i + 1)) {
        return false;
    }
    // `a::b::int` is a path of modules (Rust, C++, PHP), not a cast of `b`.
    if i >= 2 && p.k(i - 2) == Some(Kind::Op) && p.text(i - 2) == "::" {
        return false;
    }
    // `text` and `json` also name modules (`iced::text`, `serde::json`): after a bare name
    // only a number or boolean type is a cast; after a call, literal or `)` any type is.
    let ty = p.text(i + 1);
    if p.k(i - 1) == Some(Kind::Word)
        && ["text", "json", "jsonb"]
            .iter()
            .any(|t| ty.eq_ignore_ascii_case(t))
    {
        return false;
    }
    // `double precision` is one type of two words
    let mut e = i + 2;
    if p.text(i + 1).eq_ignore_ascii_case("double") {
        if !p.text(e).eq_ignore_ascii_case("precision") {
            return false;
        }
        e += 1;
    }
    matches!(
        p.k(e),
        None | Some(
            Kind::Op
                | Kind::Cmp
                | Kind::LogicOp
                | Kind::RParen
                | Kind::Semi
                | Kind::Comma
                | Kind::Kw(_)
        )
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StartKind {
    /// Closed the application's string literal.
    Quote,
    /// A number in a numeric context.
    Number,
    /// A parenthesised number: `(((1)))`.
    ParenNumber,
    /// A bare word (identifier context or prose).
    Ident,
    /// A string literal of its own in a bare context.
    Literal,
    /// Nothing before the first structural token.
    Empty,
}

#[cfg(test)]
mod tests;

/// Is the comment after token `i` empty (`1--`, `1 /*`)? Prose after a number ("5 -- great")
/// has words in it.
fn empty_comment(s: &str, t: &[Token], i: usize) -> bool {
    let start = match t.get(i.wrapping_sub(1)) {
        Some(tok) => tok.end as usize,
        None => return false,
    };
    let rest = s.get(start..).unwrap_or("");
    rest.bytes().all(|b| !b.is_ascii_alphanumeric())
}

/// Only closing parentheses between token `e` and the end.
fn only_parens_after(p: &Parser<'_>, mut e: usize) -> bool {
    while p.k(e) == Some(Kind::RParen) {
        e += 1;
    }
    e >= p.len()
}

/// A set operation right after the injected expression (`-1/1/**/union#`,
/// `test'-1 union(select …)`), from a context the value has broken out of.
fn union_follows(p: &mut Parser<'_>, e: usize, start: StartKind) -> bool {
    if !matches!(
        start,
        StartKind::Quote | StartKind::Number | StartKind::ParenNumber
    ) {
        return false;
    }
    p.kw_is(e, Kw::Union) && (p.union_select(e, true) || p.k(e + 1).is_none())
}
