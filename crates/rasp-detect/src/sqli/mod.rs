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

mod grammar;
mod keywords;
mod lexer;

use crate::{AttackKind, Context, Detection, Engine};
use grammar::{flags::*, Parser};
use keywords::Kw;
use lexer::{Kind, Start, Token};

/// Bytes of a value the SQL grammar looks at; attackers cannot hide structure behind more
/// than this without also making the query too long for most applications.
pub const MAX_SCAN_BYTES: usize = 8 * 1024;

/// Decide whether `value` is SQL injection in any SQL context an application uses.
///
/// Pure and bounded: at most [`MAX_SCAN_BYTES`] of the value and [`lexer::MAX_TOKENS`] tokens
/// per context are examined.
pub fn detect(value: &str, ctx: Context) -> Option<Detection> {
    let _ = ctx;
    let value = truncate(value, MAX_SCAN_BYTES);
    if !has_sql_significant_byte(value) {
        return None;
    }
    let reason = analyze(value)?;
    Some(Detection {
        kind: AttackKind::Sqli,
        engine: Engine::Grammar,
        score: 1.0,
        reason,
    })
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

/// Early exit: a value with no quote, bracket, operator, comment or whitespace byte is one
/// word or number and cannot change the structure of any SQL context.
fn has_sql_significant_byte(s: &str) -> bool {
    s.bytes().any(|b| {
        matches!(
            b,
            b' ' | b'\t'
                | b'\n'
                | b'\r'
                | 0x0b
                | 0x0c
                | b'\''
                | b'"'
                | b'`'
                | b'('
                | b')'
                | b';'
                | b'#'
                | b'-'
                | b'/'
                | b'='
                | b'<'
                | b'>'
                | b'|'
                | b'&'
                | b'*'
                | b'+'
                | b'@'
                | b','
                | b'!'
                | b'~'
                | b'^'
                | b'%'
        )
    })
}

/// Run every context; first positive wins.
fn analyze(value: &str) -> Option<&'static str> {
    let mut raw: Vec<Token> = Vec::with_capacity(32);
    let mut sig: Vec<Token> = Vec::with_capacity(32);
    let bytes = value.as_bytes();
    let mut starts = [Start::Bare, Start::InQuote(b'\''), Start::InQuote(b'"')];
    let mut n_starts = 1;
    if memchr::memchr(b'\'', bytes).is_some() {
        starts[n_starts] = Start::InQuote(b'\'');
        n_starts += 1;
    }
    if memchr::memchr(b'"', bytes).is_some() {
        starts[n_starts] = Start::InQuote(b'"');
        n_starts += 1;
    }
    for &st in &starts[..n_starts] {
        lexer::tokenize(value, st, &mut raw);
        let truncated = significant(&raw, &mut sig);
        if let Some(r) = decide(value, &sig, st, truncated) {
            return Some(r);
        }
    }
    None
}

/// Copy the non-comment tokens of `raw` into `sig`; returns whether a comment ends the value
/// (it swallows the rest of the application's query).
fn significant(raw: &[Token], sig: &mut Vec<Token>) -> bool {
    sig.clear();
    sig.extend(raw.iter().copied().filter(|t| t.kind != Kind::Comment));
    matches!(raw.last(), Some(t) if t.kind == Kind::Comment)
}

/// The decision for one context.
fn decide(s: &str, t: &[Token], st: Start, truncated: bool) -> Option<&'static str> {
    let mut p = Parser::new(s, t);
    let quoted = matches!(st, Start::InQuote(_));

    // Context-free evidence: a set operation, a stacked statement or a timing primitive
    // anywhere is SQL whatever the context (only checked once, on the bare stream).
    if !quoted {
        if let Some(r) = anywhere(&mut p) {
            return Some(r);
        }
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
                    Some(e) if p.flags & (NUM | PAREN) != 0 && p.flags & (STR | CALL) == 0 => {
                        let paren = p.flags & PAREN != 0;
                        p.take_flags();
                        (e, if paren { StartKind::ParenNumber } else { StartKind::Number })
                    }
                    _ => {
                        p.take_flags();
                        (0, StartKind::Empty)
                    }
                }
            }
            Some(Kind::Word) => (1, StartKind::Ident),
            _ => (0, StartKind::Empty),
        }
    };

    // Closing parentheses the application opened: `1)) OR ((1`.
    let mut parens = 0;
    while p.k(i) == Some(Kind::RParen) && parens < 16 {
        i += 1;
        parens += 1;
    }
    let broke = start_kind == StartKind::Quote || parens > 0;

    match p.k(i) {
        None => {
            if quoted && truncated {
                return Some("string-break+comment");
            }
            if parens > 0 && truncated && start_kind != StartKind::Empty {
                return Some("paren-break+comment");
            }
            None
        }
        Some(Kind::Semi) => {
            if p.stacked_statement(i + 1) {
                return Some("stacked-query");
            }
            if quoted && truncated && p.k(i + 1).is_none() {
                return Some("string-break+comment");
            }
            None
        }
        Some(Kind::Kw(Kw::Union)) => {
            if p.union_select(i) {
                Some("union-select")
            } else {
                None
            }
        }
        Some(Kind::Kw(Kw::And | Kw::Or | Kw::Xor) | Kind::LogicOp) => {
            let lhs = if i > 0 { i - 1 } else { 0 };
            let e = p.continuation(lhs, i, 0)?;
            if !p.end_ok(e) {
                return None;
            }
            let f = p.take_flags();
            let strong = f & (FUNC | SUBQ | VAR | CASE | STRONG_FUNC) != 0;
            let hit = match start_kind {
                StartKind::Quote => {
                    f & (CMP | STR | NUM | LIT | CALL | PAREN) != 0 || truncated || strong
                }
                StartKind::Number | StartKind::ParenNumber => {
                    strong || f & (CMP | TAUT) != 0 || truncated || parens > 0
                }
                StartKind::Ident => strong || f & TAUT != 0 || (truncated && broke),
                StartKind::Empty => strong || f & TAUT != 0 || (f & CMP != 0 && truncated),
            };
            hit.then_some("boolean")
        }
        Some(Kind::Cmp | Kind::Op | Kind::Kw(Kw::BinOp | Kw::Is | Kw::In | Kw::Between | Kw::Not)) => {
            if start_kind == StartKind::Empty {
                return None;
            }
            let lhs = if i > 0 { i - 1 } else { 0 };
            let e = p.continuation(lhs, i, 0)?;
            if !p.end_ok(e) {
                return None;
            }
            let f = p.take_flags();
            let strong = f & (SUBQ | VAR | CASE | STRONG_FUNC) != 0;
            let hit = match start_kind {
                StartKind::Quote => {
                    f & (STR | NUM | LIT | FUNC | SUBQ | VAR | CASE | TAUT) != 0 || truncated
                }
                StartKind::ParenNumber => strong || f & (LOGIC | FUNC) != 0 || truncated,
                StartKind::Number => strong || f & FUNC != 0 || (truncated && f & CMP != 0),
                StartKind::Ident => strong,
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
            if !p.end_ok(e) {
                return None;
            }
            let f = p.take_flags();
            let numeric = f & (NUM | FUNC | SUBQ | CASE) != 0;
            ((quoted && (truncated || numeric)) || (broke && truncated) || (numeric && start_kind != StartKind::Ident))
                .then_some("order-group-by")
        }
        Some(Kind::Kw(Kw::Having | Kw::Where)) => {
            if start_kind == StartKind::Empty {
                return None;
            }
            let e = p.expr(i + 1, 0)?;
            let f = p.take_flags();
            (p.end_ok(e) && f & (CMP | FUNC | SUBQ) != 0 && (quoted || truncated || f & (FUNC | SUBQ | TAUT) != 0))
                .then_some("having-where")
        }
        Some(Kind::Kw(Kw::Limit)) => {
            if !(quoted || broke) || !truncated {
                return None;
            }
            let e = p.operand(i + 1, 0)?;
            let e = if p.k(e) == Some(Kind::Comma) { p.operand(e + 1, 0)? } else { e };
            p.end_ok(e).then_some("limit")
        }
        Some(Kind::Kw(Kw::Procedure)) => {
            (p.text(i + 1).eq_ignore_ascii_case("analyse") && p.k(i + 2) == Some(Kind::LParen)).then_some("procedure-analyse")
        }
        Some(Kind::Kw(Kw::Into)) => {
            (p.kw_is(i + 1, Kw::Outfile) && matches!(p.k(i + 2), Some(Kind::Str | Kind::OpenStr)))
                .then_some("into-outfile")
        }
        Some(Kind::Kw(Kw::Waitfor)) if broke || start_kind != StartKind::Empty => {
            (p.kw_is(i + 1, Kw::Delay)).then_some("time-delay")
        }
        _ => None,
    }
}

/// Evidence that is SQL whatever the context, read over the bare stream.
fn anywhere(p: &mut Parser<'_>) -> Option<&'static str> {
    let n = p.len();
    for i in 0..n {
        match p.k(i) {
            Some(Kind::Kw(Kw::Union)) => {
                if p.union_select(i) {
                    return Some("union-select");
                }
            }
            Some(Kind::Semi) => {
                if p.stacked_statement(i + 1) {
                    return Some("stacked-query");
                }
            }
            Some(Kind::Kw(Kw::Waitfor)) => {
                if p.kw_is(i + 1, Kw::Delay) && matches!(p.k(i + 2), Some(Kind::Str | Kind::OpenStr | Kind::Var)) {
                    return Some("time-delay");
                }
            }
            Some(Kind::Kw(Kw::Select)) if i == 0 || p.k(i - 1) == Some(Kind::LParen) => {
                if p.select_statement(i) {
                    return Some("select-statement");
                }
                p.take_flags();
            }
            Some(Kind::Word | Kind::Kw(_)) if p.k(i + 1) == Some(Kind::LParen) => {
                // A call to a function only attacks use, that parses as an expression and
                // stands at a structural position (start, after an operator or a break-out).
                if keywords::is_strong_function(p.text(i)) {
                    let before_ok = i == 0
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
                                    | Kind::Kw(Kw::And | Kw::Or | Kw::Xor | Kw::Select | Kw::Not | Kw::Then | Kw::Else | Kw::When)
                            )
                        );
                    if before_ok {
                        if let Some(e) = p.operand(i, 0) {
                            let _ = e;
                            p.take_flags();
                            return Some("attack-function");
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
    /// Nothing before the first structural token.
    Empty,
}

#[cfg(test)]
mod tests;
