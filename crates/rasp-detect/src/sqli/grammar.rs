//! The structural decision: does the value, placed in an application's SQL context, close that
//! context and continue with SQL that has new structure?
//!
//! The parser is a small, tolerant recursive-descent reader of SQL expressions over the token
//! stream (comments removed). It does not build a tree; it only answers "how far does a valid
//! expression reach from here" and records which kinds of operands it saw ([`flags`]). Every
//! recursion carries a depth bound ([`MAX_DEPTH`]) and every loop advances over a bounded
//! token slice, so the work is linear in the (capped) token count.

use super::keywords::{arity_fits, is_attack_function, is_attack_package, is_strong_function, Kw};
use super::lexer::{Kind, Token};

/// Maximum nesting of parentheses / sub-expressions the parser follows.
const MAX_DEPTH: u8 = 24;

/// What the parser saw while reading an expression.
pub mod flags {
    /// A comparison (`=`, `<`, `LIKE`, `IS`, `IN`, `BETWEEN` ...).
    pub const CMP: u32 = 1;
    /// A call to a function typical of injections (`SLEEP(`, `CONCAT(`, `CHAR(` ...).
    pub const FUNC: u32 = 1 << 1;
    /// A sub-query `(SELECT ...)`.
    pub const SUBQ: u32 = 1 << 2;
    /// A variable (`@@version`, `@x`).
    pub const VAR: u32 = 1 << 3;
    /// A string literal.
    pub const STR: u32 = 1 << 4;
    /// A numeric literal.
    pub const NUM: u32 = 1 << 5;
    /// A call to any function.
    pub const CALL: u32 = 1 << 6;
    /// A boolean connective (`AND`, `OR`, `XOR`, `&&`, `||`).
    pub const LOGIC: u32 = 1 << 7;
    /// A comparison whose two sides are the same literal (`1=1`, `'a'='a'`).
    pub const TAUT: u32 = 1 << 8;
    /// A parenthesised sub-expression.
    pub const PAREN: u32 = 1 << 9;
    /// `CASE WHEN ... END`.
    pub const CASE: u32 = 1 << 10;
    /// A call to a function that only attacks use (`SLEEP(`, `BENCHMARK(`, `LOAD_FILE(` ...).
    pub const STRONG_FUNC: u32 = 1 << 11;
    /// A literal keyword (`NULL`, `TRUE`, `CURRENT_USER` ...).
    pub const LIT: u32 = 1 << 12;
    /// A bare identifier operand (column name, or an ordinary word).
    pub const WORD: u32 = 1 << 13;
    /// A keyword comparison (`LIKE`, `REGEXP`, `DIV` ...): weaker than a symbol, because
    /// quoted search terms ("LIKE" STAMP) produce it.
    pub const LIKE: u32 = 1 << 14;
    /// A system variable `@@name`.
    pub const SYSVAR: u32 = 1 << 15;
    /// A comparison inside a function's arguments (`IF(1=1,…)`, `IIF(a=b,…)`).
    pub const ARGCMP: u32 = 1 << 16;
    /// An operand under a bitwise or logical negation symbol (`~0`, `!!1`): always true
    /// or false on its own, and no prose writes it.
    pub const NEGATED: u32 = 1 << 17;
}
use flags::*;

/// Reader over one context's significant tokens.
pub struct Parser<'a> {
    s: &'a str,
    t: &'a [Token],
    /// Flags accumulated by the reads since the last [`Parser::take_flags`].
    pub flags: u32,
    /// Function calls seen (including nested ones).
    pub calls: u32,
}

impl<'a> Parser<'a> {
    pub fn new(s: &'a str, t: &'a [Token]) -> Self {
        Parser {
            s,
            t,
            flags: 0,
            calls: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.t.len()
    }

    pub fn k(&self, i: usize) -> Option<Kind> {
        self.t.get(i).map(|t| t.kind)
    }

    /// Is token `i` the keyword class `k`?
    pub fn kw_is(&self, i: usize, k: Kw) -> bool {
        self.kw(i) == Some(k)
    }

    /// Whether `WAITFOR` at `i` is `WAITFOR DELAY|TIME <time>`: the statement only pauses
    /// with its time operand, a string (`'0:0:5'`) or a variable, so "waitfor delay
    /// example" or "waitfor delay sql server" is a search naming the statement.
    pub fn waitfor_delay(&self, i: usize) -> bool {
        self.kw_is(i, Kw::Waitfor)
            && self.kw_is(i + 1, Kw::Delay)
            && matches!(self.k(i + 2), Some(Kind::Str | Kind::OpenStr | Kind::Var))
    }

    fn kw(&self, i: usize) -> Option<Kw> {
        match self.k(i) {
            Some(Kind::Kw(k)) => Some(k),
            _ => None,
        }
    }

    pub fn text(&self, i: usize) -> &'a str {
        match self.t.get(i) {
            Some(t) => self.s.get(t.start as usize..t.end as usize).unwrap_or(""),
            None => "",
        }
    }

    /// Whether token `i` ends where token `i + 1` starts (no blank between them).
    pub fn glued(&self, i: usize) -> bool {
        matches!((self.t.get(i), self.t.get(i + 1)), (Some(a), Some(b)) if a.end == b.start)
    }

    fn byte(&self, i: usize) -> u8 {
        self.text(i).as_bytes().first().copied().unwrap_or(0)
    }

    /// Is token `i` `FALSE` or `UNKNOWN` (the longer truth constants)?
    fn truth_constant(&self, i: usize) -> bool {
        let t = self.text(i);
        t.eq_ignore_ascii_case("false") || t.eq_ignore_ascii_case("unknown")
    }

    /// Reset and return the accumulated flags.
    pub fn take_flags(&mut self) -> u32 {
        std::mem::take(&mut self.flags)
    }

    /// Is token `i` something that can follow a complete expression at the top level of a
    /// break-out: the end, a statement separator, a set operator or a trailing clause.
    pub fn end_ok(&self, mut i: usize) -> bool {
        // Closing parentheses the application opened.
        while self.k(i) == Some(Kind::RParen) {
            i += 1;
        }
        matches!(
            self.k(i),
            None | Some(Kind::Semi)
                | Some(Kind::Kw(
                    Kw::Union | Kw::GroupOrder | Kw::Limit | Kw::Having | Kw::Procedure | Kw::Into
                ))
        )
    }

    /// Read one operand at `i`; returns the index after it.
    pub fn operand(&mut self, mut i: usize, depth: u8) -> Option<usize> {
        if depth > MAX_DEPTH {
            return None;
        }
        // Unary prefixes: `-`, `+`, `!`, `~`, `NOT`, MySQL `BINARY`.
        let mut guard = 0;
        while guard < 8 {
            match self.k(i) {
                Some(Kind::Unary) => {
                    self.flags |= NEGATED;
                    i += 1
                }
                Some(Kind::Kw(Kw::Not)) => {
                    // `1 OR NOT 0`: a negated constant is a constant truth value
                    if matches!(self.k(i + 1), Some(Kind::Num)) {
                        self.flags |= NEGATED;
                    }
                    i += 1
                }
                Some(Kind::Op) if matches!(self.byte(i), b'-' | b'+') => i += 1,
                Some(Kind::Word) if self.text(i).eq_ignore_ascii_case("binary") => i += 1,
                _ => break,
            }
            guard += 1;
        }
        match self.k(i)? {
            Kind::Num => {
                self.flags |= NUM;
                Some(i + 1)
            }
            Kind::Str | Kind::OpenStr => {
                self.flags |= STR;
                // Adjacent literals concatenate in MySQL: 'a' 'b'.
                let mut j = i + 1;
                while matches!(self.k(j), Some(Kind::Str | Kind::OpenStr)) && j - i < 8 {
                    j += 1;
                }
                Some(j)
            }
            Kind::Var => {
                self.flags |= VAR;
                if self.text(i).len() > 2
                    && self.text(i).starts_with("@@")
                    && self.text(i).as_bytes()[2].is_ascii_alphabetic()
                {
                    self.flags |= SYSVAR;
                }
                if self.k(i + 1) == Some(Kind::LParen) {
                    return self.call(i, i + 1, depth);
                }
                Some(i + 1)
            }
            Kind::Kw(Kw::Literal) => {
                self.flags |= LIT;
                if self.k(i + 1) == Some(Kind::LParen) {
                    return self.call(i, i + 1, depth);
                }
                Some(i + 1)
            }
            Kind::Kw(Kw::Case) => self.case_expr(i, depth),
            Kind::Kw(Kw::Select) => {
                // Invalid as an operand without parentheses, but attacks write it
                // (`1 AND SELECT 1 FROM t`): read it as a sub-query.
                if !self.select_list_start(i + 1) {
                    return None;
                }
                self.flags |= SUBQ;
                Some(self.select_body(i + 1, depth + 1))
            }
            Kind::Kw(Kw::Statement | Kw::Limit | Kw::Delay | Kw::BinOp | Kw::Waitfor)
                if self.k(i + 1) == Some(Kind::LParen) =>
            {
                // `replace(`, `insert(`, `left(`, `mod(` are functions too.
                self.call(i, i + 1, depth)
            }
            Kind::Kw(Kw::Join) if self.k(i + 1) == Some(Kind::LParen) => self.call(i, i + 1, depth),
            // MySQL's ODBC escape `{x 1}`, `{d '2020-01-01'}`, `{fn version()}`: a name, one
            // operand, a closing brace
            Kind::Other if self.byte(i) == b'{' && self.k(i + 1) == Some(Kind::Word) => {
                let r = self.operand(i + 2, depth + 1)?;
                (self.k(r) == Some(Kind::Other) && self.byte(r) == b'}').then_some(r + 1)
            }
            Kind::Word => {
                // Qualified name: a.b.c (bounded).
                let mut j = i + 1;
                let mut parts = 0;
                while parts < 4 && self.k(j) == Some(Kind::Dot) {
                    match self.k(j + 1) {
                        Some(Kind::Word | Kind::Kw(_)) => j += 2,
                        // `master..xp_cmdshell`
                        Some(Kind::Dot) => j += 1,
                        _ => break,
                    }
                    parts += 1;
                }
                if self.k(j) == Some(Kind::LParen) {
                    // methods on the object an attack primitive returns: Oracle's
                    // `HTTPURITYPE(…).GETCLOB()`, `XMLType(…).getstringval()` (program
                    // text chains methods on everything: `exp(x).diff(x)` stays Python)
                    let strong = is_strong_function(self.text(j - 1));
                    let mut r = self.call(j - 1, j, depth)?;
                    let mut chained = 0;
                    while strong
                        && chained < 4
                        && self.k(r) == Some(Kind::Dot)
                        && self.k(r + 1) == Some(Kind::Word)
                        && self.k(r + 2) == Some(Kind::LParen)
                    {
                        r = self.call(r + 1, r + 2, depth)?;
                        chained += 1;
                    }
                    return Some(r);
                }
                // PostgreSQL subscripts `arr[1]`, `ARRAY[id]`: a bracket glued to the name
                // (MSSQL's `[name]` after a name with no space between is no identifier)
                let mut subscripts = 0;
                while subscripts < 4 && self.subscript_at(j) {
                    j += 1;
                    subscripts += 1;
                }
                self.flags |= WORD;
                // PostgreSQL cast `x::text` is handled as a binary operator by expr().
                Some(j)
            }
            Kind::LParen => {
                self.flags |= PAREN;
                let j = if self.kw(i + 1) == Some(Kw::Select) {
                    if !self.bare_word_select(i + 2) {
                        self.flags |= SUBQ;
                    }
                    self.select_body(i + 2, depth + 1)
                } else {
                    let mut j = self.expr(i + 1, depth + 1)?;
                    let mut items = 0;
                    while self.k(j) == Some(Kind::Comma) && items < 64 {
                        j = self.expr(j + 1, depth + 1)?;
                        items += 1;
                    }
                    j
                };
                match self.k(j) {
                    Some(Kind::RParen) => Some(j + 1),
                    // Unclosed at the end: the application's text closes it.
                    None => Some(j),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A function call: `name` at `name_i`, `(` at `lp`. Arguments are skipped by balanced
    /// parentheses (functions have their own syntax: `CAST(x AS t)`, `SUBSTRING(x FROM 1)`),
    /// noting sub-queries on the way.
    fn call(&mut self, name_i: usize, lp: usize, depth: u8) -> Option<usize> {
        let name = self.text(name_i);
        let name = name.rsplit('.').next().unwrap_or(name);
        self.flags |= CALL;
        self.calls += 1;
        let attack = is_attack_function(name);
        // a member of an Oracle package that reaches outside the query, named through its
        // package (`UTL_INADDR.GET_HOST_NAME(`, `CTXSYS.DRITHSX.SN(`)
        let mut q = name_i;
        let mut packaged = false;
        while q >= 2 && name_i - q < 8 && self.k(q - 1) == Some(Kind::Dot) {
            q -= 2;
            packaged |= self.k(q) == Some(Kind::Word) && is_attack_package(self.text(q));
        }
        let strong = is_strong_function(name) || packaged;
        // a call whose arguments the SQL function cannot take is some program's (`sleep()`)
        if (attack || strong) && arity_fits(name, self.k(lp + 1).map(|k| k == Kind::RParen)) {
            self.flags |= if strong { STRONG_FUNC | FUNC } else { FUNC };
        }
        let mut d: u32 = 0;
        let mut j = lp;
        while j < self.t.len() {
            match self.t[j].kind {
                Kind::LParen => d += 1,
                Kind::RParen => {
                    d -= 1;
                    if d == 0 {
                        return Some(j + 1);
                    }
                }
                Kind::Kw(Kw::Select) if !self.bare_word_select(j + 1) => self.flags |= SUBQ,
                Kind::Var => {
                    self.flags |= VAR;
                    if is_sysvar(self.text(j)) {
                        self.flags |= SYSVAR;
                    }
                }
                Kind::Word | Kind::Kw(_) if self.k(j + 1) == Some(Kind::LParen) && j > lp => {
                    self.calls += 1;
                    let inner = self.text(j);
                    let fits = || arity_fits(inner, self.k(j + 2).map(|k| k == Kind::RParen));
                    if is_strong_function(inner) {
                        if fits() {
                            self.flags |= STRONG_FUNC | FUNC;
                        }
                    } else if is_attack_function(inner) && fits() {
                        self.flags |= FUNC;
                    }
                }
                // a niladic function in the arguments (`CURRENT_USER`, `SYSDATE`); the truth
                // constants are every language's (`setOpen(false)` is JavaScript)
                Kind::Kw(Kw::Literal) if self.text(j).len() > 4 && !self.truth_constant(j) => {
                    self.flags |= FUNC
                }
                // a comparison needs an operand on its left (`if(1=1,…)`); `s(-=[` in a
                // random password compares nothing
                Kind::Cmp
                    if matches!(
                        self.k(j - 1),
                        Some(Kind::Word | Kind::Num | Kind::Str | Kind::Var | Kind::RParen)
                    ) =>
                {
                    self.flags |= ARGCMP
                }
                Kind::Kw(Kw::Case) => self.flags |= CASE,
                _ => {}
            }
            j += 1;
        }
        let _ = depth;
        // Unclosed call at the end of the value.
        Some(j)
    }

    /// `CASE [x] WHEN .. THEN .. [ELSE ..] END`, skipped by keyword nesting.
    fn case_expr(&mut self, i: usize, _depth: u8) -> Option<usize> {
        let mut d = 0u32;
        let mut j = i;
        let mut saw_when = false;
        let mut saw_then = false;
        while j < self.t.len() {
            // a `;` ends the statement, so a CASE still open there never closes: "case
            // closed; when done, then leave" is prose whose WHEN and THEN follow the `;`
            if self.k(j) == Some(Kind::Semi) {
                break;
            }
            match self.kw(j) {
                Some(Kw::Case) => d += 1,
                Some(Kw::When) => saw_when = true,
                Some(Kw::Then) => saw_then = true,
                Some(Kw::End) => {
                    d -= 1;
                    if d == 0 {
                        if saw_when && saw_then {
                            self.flags |= CASE;
                        }
                        return Some(j + 1);
                    }
                }
                Some(Kw::Select) => self.flags |= SUBQ,
                _ => {}
            }
            j += 1;
        }
        if saw_when && saw_then {
            self.flags |= CASE;
            Some(j)
        } else {
            None
        }
    }

    /// The rest of a `SELECT` after the keyword: skip to the unmatched `)` or the end, noting
    /// what the select list contains.
    /// Whether the SELECT whose list starts at `k` is bare words and a `)`: `(select all
    /// that apply)`, `(Select Items)`. Without FROM each word is a column no table supplies
    /// (an error in every dialect; at most the outer row's column in a correlated
    /// sub-query), and no function, literal or variable is read, so the sub-query reads
    /// nothing: form and survey text takes this shape. A word that SQL reads as a function
    /// without parentheses (`user`, `current_user`) keeps it a sub-query.
    fn bare_word_select(&self, k: usize) -> bool {
        const NILADIC: &[&str] = &[
            "user",
            "current_user",
            "session_user",
            "system_user",
            "current_role",
            "current_schema",
            "current_catalog",
            "current_date",
            "current_time",
            "current_timestamp",
            "localtime",
            "localtimestamp",
        ];
        let mut j = k;
        if self.kw(j) == Some(Kw::SetQuantifier) {
            j += 1;
        }
        let start = j;
        while self.k(j) == Some(Kind::Word) && j - start < 8 {
            if NILADIC.iter().any(|w| self.text(j).eq_ignore_ascii_case(w)) {
                return false;
            }
            j += 1;
        }
        j > start && self.k(j) == Some(Kind::RParen)
    }

    pub fn select_body(&mut self, i: usize, _depth: u8) -> usize {
        let mut d: i32 = 0;
        let mut j = i;
        while j < self.t.len() {
            match self.t[j].kind {
                Kind::LParen => d += 1,
                Kind::RParen => {
                    if d == 0 {
                        return j;
                    }
                    d -= 1;
                }
                Kind::Semi if d == 0 => return j,
                Kind::Var => {
                    self.flags |= VAR;
                    if is_sysvar(self.text(j)) {
                        self.flags |= SYSVAR;
                    }
                }
                Kind::Word | Kind::Kw(_) if self.k(j + 1) == Some(Kind::LParen) => {
                    self.flags |= CALL;
                    let inner = self.text(j);
                    if is_strong_function(inner) {
                        self.flags |= STRONG_FUNC | FUNC;
                    } else if is_attack_function(inner) {
                        self.flags |= FUNC;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        j
    }

    /// Read `operand (joiner operand)*` from `i`.
    pub fn expr(&mut self, i: usize, depth: u8) -> Option<usize> {
        let first = i;
        let j = self.operand(i, depth)?;
        self.continuation(first, j, depth)
    }

    /// Having read an operand spanning `[lhs_start, j)`, read `(joiner operand)*`.
    pub fn continuation(&mut self, mut lhs_start: usize, mut j: usize, depth: u8) -> Option<usize> {
        let mut steps = 0;
        while steps < 256 {
            steps += 1;
            let Some(k) = self.k(j) else { break };
            let next = match k {
                Kind::Cmp => {
                    // `= ALL (SELECT …)`, `= ANY (…)`
                    let m = self.skip_quantifier(j + 1);
                    let Some(r) = self.operand(m, depth) else {
                        break;
                    };
                    self.flags |= CMP;
                    // `x = x`, not `2*x < x + 3` (math): arithmetic binds tighter than a
                    // comparison, so a name next to `*` or `-` is not the whole operand.
                    let arith_name = self.k(lhs_start) == Some(Kind::Word)
                        && (lhs_start > 0 && self.k(lhs_start - 1) == Some(Kind::Op)
                            || self.k(r) == Some(Kind::Op));
                    // `10 - 5 = 5`, `3 * 2 = 2`: the same for a number that ends an arithmetic
                    // term between numbers; the comparison's left side is `10 - 5`, and the
                    // homework sum is no self-comparison (`'' + 1 = 1` keeps a literal's
                    // cast, and `or -1=-1` a unary sign)
                    // The same holds for MySQL's bitwise operators and its word operators `DIV`
                    // and `MOD`, which all bind tighter than `=` (`2 | 3 = 3` is `(2|3) = 3`,
                    // `7 mod 3 = 1` is `(7 mod 3) = 1`).
                    let arith_number = self.k(lhs_start) == Some(Kind::Num)
                        && lhs_start >= 2
                        && matches!(self.k(lhs_start - 1), Some(Kind::Op | Kind::Kw(Kw::BinOp)))
                        && self.k(lhs_start - 2) == Some(Kind::Num)
                        && match (self.text(lhs_start - 1), self.text(lhs_start)) {
                            // (times one, plus zero: `2*1=1` still tests `1=1`, a probe's
                            // spelling; likewise or-ing or xor-ing zero, `div 1` and `mod 1`)
                            ("*" | "/" | "%", n) => n != "1",
                            ("+" | "-" | "|" | "^", n) => n != "0",
                            ("&", _) => true,
                            (w, n) if w.eq_ignore_ascii_case("div") => n != "1",
                            (w, n) if w.eq_ignore_ascii_case("mod") => n != "1",
                            _ => false,
                        };
                    if r == j + 2
                        && j == lhs_start + 1
                        && self.same_literal(lhs_start, j + 1)
                        && !arith_name
                        && !arith_number
                    {
                        self.flags |= TAUT;
                    }
                    r
                }
                Kind::Op => {
                    // PostgreSQL cast: `::type`
                    if self.text(j) == "::"
                        && matches!(self.k(j + 1), Some(Kind::Word | Kind::Kw(_)))
                    {
                        j += 2;
                        continue;
                    }
                    match self.operand(j + 1, depth) {
                        Some(r) => r,
                        None => break,
                    }
                }
                Kind::LogicOp => {
                    self.flags |= LOGIC;
                    match self.operand(j + 1, depth) {
                        Some(r) => r,
                        None => break,
                    }
                }
                Kind::Kw(Kw::And | Kw::Or | Kw::Xor) => {
                    self.flags |= LOGIC;
                    match self.operand(j + 1, depth) {
                        Some(r) => r,
                        None => break,
                    }
                }
                Kind::Kw(Kw::BinOp) => {
                    self.flags |= LIKE;
                    let mut m = j + 1;
                    // `SOUNDS LIKE`, `NOT LIKE` handled by skipping a second operator word.
                    if self.kw(m) == Some(Kw::BinOp) {
                        m += 1;
                    }
                    match self.operand(m, depth) {
                        Some(r) => {
                            // `1 rlike 1`, `'a' like 'a'`: a constant matched against itself
                            let constants = matches!(self.k(m), Some(Kind::Num | Kind::Str))
                                && matches!(self.k(lhs_start), Some(Kind::Num | Kind::Str));
                            if constants
                                && r == m + 1
                                && j == lhs_start + 1
                                && self.same_literal(lhs_start, m)
                            {
                                self.flags |= TAUT;
                            }
                            r
                        }
                        None => break,
                    }
                }
                Kind::Kw(Kw::Not)
                    if matches!(self.kw(j + 1), Some(Kw::BinOp | Kw::In | Kw::Between)) =>
                {
                    j += 1;
                    continue;
                }
                Kind::Kw(Kw::Is) => {
                    // IS [NOT] NULL | TRUE | FALSE | UNKNOWN (MySQL also takes any operand)
                    let mut m = j + 1;
                    if self.kw(m) == Some(Kw::Not) {
                        m += 1;
                    }
                    // PostgreSQL's null-safe comparison `IS [NOT] DISTINCT FROM`
                    if self.text(m).eq_ignore_ascii_case("distinct")
                        && self.kw(m + 1) == Some(Kw::From)
                    {
                        self.flags |= CMP;
                        match self.operand(m + 2, depth) {
                            Some(r) => {
                                lhs_start = j + 1;
                                j = r;
                                continue;
                            }
                            None => break,
                        }
                    }
                    self.flags |= if self.kw(m) == Some(Kw::Literal) {
                        CMP
                    } else {
                        LIKE
                    };
                    match self.operand(m, depth) {
                        Some(r) => r,
                        None => break,
                    }
                }
                Kind::Kw(Kw::In) => {
                    self.flags |= CMP;
                    if self.k(j + 1) != Some(Kind::LParen) {
                        break;
                    }
                    match self.operand(j + 1, depth) {
                        Some(r) => r,
                        None => break,
                    }
                }
                Kind::Kw(Kw::Between) => {
                    self.flags |= CMP;
                    let a = match self.operand(j + 1, depth) {
                        Some(r) => r,
                        None => break,
                    };
                    if self.kw(a) != Some(Kw::And) {
                        break;
                    }
                    match self.operand(a + 1, depth) {
                        Some(r) => r,
                        None => break,
                    }
                }
                // PostgreSQL's binary regular-expression match `x ~ 'a.*'`, `x !~ 'b'`
                // (`~*` is lexed as a comparison) and JSON key test `doc ? 'key'`: after an
                // operand no dialect reads `~` as unary or `?` as a parameter, so these are
                // the operators and the expression goes on.
                // (any other unary or parameter token here ends the expression)
                Kind::Unary | Kind::Var => {
                    let Some(width) = self.binary_pg_operator(j) else {
                        break;
                    };
                    // `email ~ ALL (ARRAY[…])`
                    let m = self.skip_quantifier(j + width);
                    match self.operand(m, depth) {
                        Some(r) => {
                            self.flags |= if self.byte(j) == b'?' { CMP } else { LIKE };
                            r
                        }
                        None => break,
                    }
                }
                // PostgreSQL postfix `x NOTNULL`, `x ISNULL`
                Kind::Word
                    if self.text(j).eq_ignore_ascii_case("notnull")
                        || self.text(j).eq_ignore_ascii_case("isnull") =>
                {
                    self.flags |= CMP;
                    j + 1
                }
                _ => break,
            };
            lhs_start = j + 1;
            j = next;
        }
        Some(j)
    }

    /// `i`, or the token after it when `i` is a comparison's set quantifier (`ALL`, `ANY`,
    /// `SOME`).
    fn skip_quantifier(&self, i: usize) -> usize {
        if self.kw(i) == Some(Kw::SetQuantifier)
            || self.text(i).eq_ignore_ascii_case("any")
            || self.text(i).eq_ignore_ascii_case("some")
        {
            i + 1
        } else {
            i
        }
    }

    /// Is token `i` a bracketed subscript glued to the token before it (`arr[1]`)?
    fn subscript_at(&self, i: usize) -> bool {
        match (self.t.get(i), i.checked_sub(1).and_then(|p| self.t.get(p))) {
            (Some(t), Some(prev)) => {
                t.kind == Kind::Word && t.start == prev.end && self.byte(i) == b'['
            }
            _ => false,
        }
    }

    /// The width in tokens of a PostgreSQL binary operator the lexer gave a unary or
    /// parameter kind: `~` (1), `!~` (2: `!` then `~`), `!~*` (2: `!` then `~*`), `?` before a
    /// string literal (1).
    fn binary_pg_operator(&self, i: usize) -> Option<usize> {
        match (self.k(i)?, self.text(i)) {
            (Kind::Unary, "~") => Some(1),
            // the key is text: `? 'a'` (a URL's `page?x=1` has a name there)
            (Kind::Var, "?") if matches!(self.k(i + 1), Some(Kind::Str | Kind::OpenStr)) => Some(1),
            (Kind::Unary, "!")
                if self.t.get(i + 1).is_some_and(|n| n.start == self.t[i].end)
                    && matches!(self.text(i + 1), "~" | "~*") =>
            {
                Some(2)
            }
            _ => None,
        }
    }

    fn same_literal(&self, a: usize, b: usize) -> bool {
        let (ka, kb) = (self.k(a), self.k(b));
        let lit =
            |k: Option<Kind>| matches!(k, Some(Kind::Num | Kind::Str | Kind::OpenStr | Kind::Word));
        if !lit(ka) || !lit(kb) {
            return false;
        }
        let strip = |s: &'a str| s.trim_matches(|c| c == '\'' || c == '"');
        strip(self.text(a)).eq_ignore_ascii_case(strip(self.text(b)))
    }

    /// Does a select list start at `j` (`1,`, `*`, `@@version`, `name FROM`, `f(`, `TOP 1`)?
    pub fn select_list_start(&self, mut j: usize) -> bool {
        if self.kw(j) == Some(Kw::SetQuantifier) {
            j += 1;
        }
        match self.k(j) {
            Some(
                Kind::Num | Kind::Str | Kind::Var | Kind::LParen | Kind::Kw(Kw::Literal | Kw::Case),
            ) => true,
            Some(Kind::Op) => self.byte(j) == b'*',
            Some(Kind::Kw(Kw::Limit)) => self.k(j + 1) == Some(Kind::Num),
            Some(Kind::Word) => matches!(
                self.k(j + 1),
                Some(Kind::Comma | Kind::LParen | Kind::Dot | Kind::Kw(Kw::From))
            ),
            Some(Kind::Kw(_)) => self.k(j + 1) == Some(Kind::LParen),
            _ => false,
        }
    }

    /// `UNION [ALL|DISTINCT] [(] SELECT item` at `i`.
    pub fn union_select(&mut self, i: usize, lenient: bool) -> bool {
        if self.kw(i) != Some(Kw::Union) {
            return false;
        }
        let mut j = i + 1;
        let mut p = 0;
        // quantifiers, parentheses and stray operators (`UNION ALL DISTINCT (`, `UNION -(`,
        // `union*/select` after a broken nested comment)
        while p < 8 {
            match self.k(j) {
                Some(Kind::Kw(Kw::SetQuantifier) | Kind::LParen) => {}
                Some(Kind::Op | Kind::Unary) if self.text(j) != "::" => {}
                _ => break,
            }
            j += 1;
            p += 1;
        }
        // After a break-out, the other two query expressions a set operation takes:
        // MySQL 8's `TABLE users` (every row of a table) and a `VALUES (…)` row constructor
        // (MySQL 8, PostgreSQL, DB2, SQLite)
        if lenient
            && ((self.text(j).eq_ignore_ascii_case("table") && self.k(j + 1) == Some(Kind::Word))
                || (self.text(j).eq_ignore_ascii_case("values")
                    && self.k(j + 1) == Some(Kind::LParen)))
        {
            return true;
        }
        if self.kw(j) != Some(Kw::Select) {
            return false;
        }
        // Keywords in random case (`UnIoN SeLeCt`) are filter evasion, and a value that ends
        // on `UNION SELECT` hands the application's query its select list; prose neither
        // alternates case inside a word nor stops on the pair.
        if self.k(j + 1).is_none() || evasive_case(self.text(i)) || evasive_case(self.text(j)) {
            return true;
        }
        if lenient || self.text(i).contains("/*") || self.text(j).contains("/*") {
            // after a proven break-out anything may follow (`'union select/`); keywords
            // split by comments (`uni/**/on sel/**/ect`) are evasion whatever follows
            return true;
        }
        // A select list follows: an operand, `*`, a signed number.
        if self.select_list_start(j + 1)
            || (matches!(self.k(j + 1), Some(Kind::Op | Kind::Unary))
                && matches!(self.k(j + 2), Some(Kind::Num | Kind::LParen | Kind::Word)))
        {
            return true;
        }
        match self.k(j + 1) {
            Some(Kind::Op) if self.byte(j + 1) == b'*' => true,
            Some(Kind::Kw(Kw::SetQuantifier | Kw::Literal | Kw::Case)) => true,
            Some(Kind::Num | Kind::Str | Kind::OpenStr | Kind::Var | Kind::LParen) => true,
            Some(Kind::Word) => {
                // `UNION SELECT password FROM users`, `UNION SELECT a,b` — not prose
                // ("union select committee"): a list, a call, FROM, or the end must follow.
                let mut pr = Parser::new(self.s, self.t);
                match pr.expr(j + 1, 0) {
                    Some(e) => {
                        pr.flags & CALL != 0
                            || matches!(
                                self.k(e),
                                Some(Kind::Comma | Kind::Kw(Kw::From) | Kind::Semi)
                            )
                    }
                    None => false,
                }
            }
            _ => false,
        }
    }

    /// A statement started after `;` at `i` (stacked query): the keyword plus the shape of
    /// its next token must read as SQL, not prose ("; drop me a line").
    pub fn stacked_statement(&mut self, i: usize) -> bool {
        let w = self.text(i).to_ascii_lowercase();
        let next = self.k(i + 1);
        let next_text = self.text(i + 1).to_ascii_lowercase();
        match self.kw(i) {
            Some(Kw::Select) => self.select_statement(i),
            Some(Kw::Waitfor) => self.waitfor_delay(i),
            // PostgreSQL's anonymous block `DO $$ … $$` (its body is a dollar-quoted
            // string); MySQL's `DO SLEEP(5)` evaluates an attack function for its effect
            None if self.k(i) == Some(Kind::Word) && w == "do" => match next {
                Some(Kind::Str | Kind::OpenStr) => self.text(i + 1).starts_with('$'),
                Some(Kind::Word | Kind::Kw(_)) => {
                    self.k(i + 2) == Some(Kind::LParen)
                        && (is_strong_function(self.text(i + 1))
                            || is_attack_function(self.text(i + 1)))
                }
                _ => false,
            },
            // `; sp_rename 'users','u2'`, `; xp_dirtree '\\host\x'`: T-SQL runs a system
            // procedure named first in a batch statement without EXEC; its arguments are
            // literals or variables, which prose after a `;` does not write
            None if self.k(i) == Some(Kind::Word)
                && w.len() > 3
                && (w.starts_with("sp_") || w.starts_with("xp_")) =>
            {
                matches!(next, Some(Kind::Str | Kind::OpenStr | Kind::Var))
            }
            // `LOCK TABLES t WRITE` (MySQL), `LOCK TABLE t IN ACCESS EXCLUSIVE MODE`
            // (PostgreSQL): a lock mode after the name, which prose ("lock tables before
            // moving") does not write
            None if self.k(i) == Some(Kind::Word) && w == "lock" => {
                matches!(next_text.as_str(), "tables" | "table")
                    && self.k(i + 2) == Some(Kind::Word)
                    && matches!(
                        self.text(i + 3).to_ascii_lowercase().as_str(),
                        "read" | "write" | "in"
                    )
            }
            None if self.k(i) == Some(Kind::Word) && matches!(w.as_str(), "if" | "while") => {
                // T-SQL `IF <cond> <statement>`
                let mut pr = Parser::new(self.s, self.t);
                if self.k(i + 1) == Some(Kind::LParen) {
                    // MySQL `IF(cond, a, b)` as a statement; C and JS write
                    // `if (cond) { … }` / `if (cond) return x;`, whose condition is followed
                    // by a block or a statement word, never by the end of the statement
                    return match pr.expr(i, 0) {
                        Some(e) => {
                            pr.flags & ARGCMP != 0
                                && matches!(self.k(e), None | Some(Kind::Semi | Kind::RParen))
                        }
                        None => false,
                    };
                }
                match pr.expr(i + 1, 0) {
                    // T-SQL `IF <cond> <statement>`
                    Some(e) => {
                        pr.flags & CMP != 0
                            && matches!(self.kw(e), Some(Kw::Statement | Kw::Select | Kw::Waitfor))
                    }
                    None => false,
                }
            }
            Some(Kw::Statement) => match w.as_str() {
                "drop" | "create" | "alter" | "truncate" => {
                    // The object needs its name (`DROP TABLE users`, `IF EXISTS x`):
                    // `'DROP TABLE' as his nickname` quotes the words and names nothing.
                    let named = matches!(next_text.as_str(), "or" | "temporary" | "definer")
                        || matches!(self.k(i + 2), Some(Kind::Word | Kind::Kw(_)))
                        // or a double-quoted identifier (`DROP TABLE "users";`, standard
                        // SQL, PostgreSQL, Oracle) that ends the statement or is qualified
                        || (self.k(i + 2) == Some(Kind::Str)
                            && self.text(i + 2).starts_with('"')
                            && (matches!(
                                self.k(i + 3),
                                None | Some(Kind::Semi | Kind::Dot | Kind::LParen)
                            ) || matches!(
                                // (`DROP SCHEMA "globex" CASCADE`: the option a drop takes)
                                self.text(i + 3).to_ascii_lowercase().as_str(),
                                "cascade" | "restrict"
                            )));
                    named
                        && !((w == "drop" || w == "truncate") && self.prose_after_name(i + 2))
                        && matches!(
                            next_text.as_str(),
                            "table"
                                | "database"
                                | "schema"
                                | "view"
                                | "procedure"
                                | "function"
                                | "user"
                                | "index"
                                | "trigger"
                                | "login"
                                | "role"
                                | "temporary"
                                | "or"
                                | "definer"
                                | "extension"
                                | "sequence"
                                | "event"
                        )
                        || (w == "create" && self.link_out_of_database(i + 1))
                        || (w == "alter"
                            && next_text == "system"
                            && matches!(
                                self.text(i + 2).to_ascii_lowercase().as_str(),
                                "set" | "reset"
                            ))
                }
                // `MERGE [INTO] target [[AS] alias] USING source …`
                "merge" => {
                    let mut j = i + 1;
                    if self.kw(j) == Some(Kw::Into) {
                        j += 1;
                    }
                    if self.k(j) != Some(Kind::Word) {
                        return false;
                    }
                    j += 1;
                    if self.kw(j) == Some(Kw::As) {
                        j += 1;
                    }
                    if self.k(j) == Some(Kind::Word) && !self.text(j).eq_ignore_ascii_case("using")
                    {
                        j += 1;
                    }
                    // and every MERGE says what to do `WHEN [NOT] MATCHED`, which prose
                    // that merges branches "using git" does not
                    self.text(j).eq_ignore_ascii_case("using")
                        && (j + 1..self.t.len().min(j + 64))
                            .any(|m| self.text(m).eq_ignore_ascii_case("matched"))
                }
                // `BACKUP DATABASE app TO DISK = …`, `RESTORE DATABASE app FROM DISK = …`:
                // the whole database copied to or from a share the attacker names (the
                // device's `=` is what prose never writes)
                "backup" | "restore"
                    if matches!(next_text.as_str(), "database" | "log")
                        && matches!(
                            self.text(i + 3).to_ascii_lowercase().as_str(),
                            "to" | "from"
                        )
                        && matches!(
                            self.text(i + 4).to_ascii_lowercase().as_str(),
                            "disk" | "url" | "tape"
                        )
                        && self.k(i + 5) == Some(Kind::Cmp) =>
                {
                    true
                }
                // CockroachDB's `BACKUP DATABASE app INTO 's3://…'` and `RESTORE DATABASE app
                // FROM 's3://…'`: the same copy to or from a location in a string
                "backup" | "restore"
                    if matches!(next_text.as_str(), "database" | "table")
                        && matches!(
                            self.text(i + 3).to_ascii_lowercase().as_str(),
                            "into" | "to" | "from"
                        )
                        && self.k(i + 4) == Some(Kind::Str) =>
                {
                    true
                }
                // `HANDLER t OPEN`, `HANDLER t READ FIRST` (MySQL's direct table reader)
                "handler"
                    if next == Some(Kind::Word)
                        && matches!(
                            self.text(i + 2).to_ascii_lowercase().as_str(),
                            "open" | "read" | "close"
                        ) =>
                {
                    true
                }
                // `SET ROLE postgres`, `SET search_path TO evil`, `SET SESSION
                // AUTHORIZATION …`: a new identity or name resolution for the session
                "set" if next_text == "role" => {
                    matches!(self.k(i + 2), Some(Kind::Word | Kind::Str))
                        && matches!(self.k(i + 3), None | Some(Kind::Semi))
                }
                "set" if next_text == "search_path" => {
                    self.text(i + 2).eq_ignore_ascii_case("to") || self.k(i + 2) == Some(Kind::Cmp)
                }
                "set" if next_text == "session" => {
                    self.text(i + 2).eq_ignore_ascii_case("authorization")
                }
                "insert" | "replace" => {
                    self.kw(i + 1) == Some(Kw::Into)
                        || (next == Some(Kind::Word) && self.k(i + 2) == Some(Kind::LParen))
                }
                "update" => {
                    next == Some(Kind::Word) && self.text(i + 2).eq_ignore_ascii_case("set")
                }
                "delete" => self.kw(i + 1) == Some(Kw::From) || self.kw(i + 2) == Some(Kw::From),
                "begin" if matches!(self.kw(i + 1), Some(Kw::Statement | Kw::Select)) => true,
                "exec" | "execute" => match next {
                    // `{"execute": "x"}`: a JSON key named execute, its `:` inside the
                    // string that the value's quote opened
                    Some(Kind::Str)
                        if self
                            .text(i + 1)
                            .trim_start_matches(['"', '\'', ' '])
                            .starts_with(':') =>
                    {
                        false
                    }
                    Some(Kind::Var | Kind::Str) => true,
                    // `EXEC('sel'+'ect …')`, `EXEC(@s)`, `EXEC(CHAR(0x…))`: the batch runs a
                    // string it builds; "Exec (ret.)" puts a word in brackets
                    Some(Kind::LParen) => self.exec_operand(i + 2),
                    // MSSQL impersonation: `EXECUTE AS LOGIN = 'sa'`, `EXEC AS USER 'x'`
                    Some(Kind::Kw(Kw::As)) => matches!(
                        self.text(i + 2).to_ascii_lowercase().as_str(),
                        "login" | "user" | "caller" | "owner" | "self"
                    ),
                    // `exec xp_cmdshell 'dir'`, `exec master..xp_cmdshell`, `exec sp_x;`
                    // (a street "1234 Exec Dr. (back entrance)" abbreviates a word with its
                    // dot and names nothing after it: a qualified name goes on with one)
                    Some(Kind::Word) => match self.k(i + 2) {
                        None
                        | Some(Kind::Str | Kind::OpenStr | Kind::Var | Kind::Semi | Kind::Num) => {
                            true
                        }
                        Some(Kind::Dot) => self.qualified_after_dot(i + 2),
                        Some(Kind::LParen) => self.exec_operand(i + 3),
                        _ => false,
                    },
                    _ => false,
                },
                "declare" => next == Some(Kind::Var),
                "set" => next == Some(Kind::Var) || self.k(i + 2) == Some(Kind::Cmp),
                "shutdown" | "commit" | "rollback" | "reconfigure" => {
                    matches!(next, None | Some(Kind::Semi)) || next_text == "with"
                }
                // `CALL proc(…)`, `CALL sys.ps_setup_show_enabled()`,
                // `CALL sys.dbms_output.put_line(user)` (schema, package, procedure)
                // (a part after a dot may be a word we read as a keyword: H2's and HSQLDB's
                // `CALL sys.exec('id')`, a Java-backed procedure that runs a command)
                "call" => {
                    let part = |k: usize| {
                        matches!(self.k(k), Some(Kind::Word))
                            || (self.k(k - 1) == Some(Kind::Dot)
                                && matches!(self.k(k), Some(Kind::Kw(_))))
                    };
                    next == Some(Kind::Word)
                        && (self.k(i + 2) == Some(Kind::LParen)
                            || (self.k(i + 2) == Some(Kind::Dot)
                                && part(i + 3)
                                && (self.k(i + 4) == Some(Kind::LParen)
                                    || (self.k(i + 4) == Some(Kind::Dot)
                                        && part(i + 5)
                                        && self.k(i + 6) == Some(Kind::LParen)))))
                }
                "load" => next_text == "data" || next_text == "xml",
                "show" => {
                    matches!(
                        next_text.as_str(),
                        "tables" | "databases" | "columns" | "grants" | "variables" | "processlist"
                    ) || (next_text == "cluster"
                        // CockroachDB's `SHOW CLUSTER SETTING <name>` (its access rules)
                        && matches!(
                            self.text(i + 2).to_ascii_lowercase().as_str(),
                            "setting" | "settings"
                        ))
                }
                "copy" => {
                    self.kw(i + 2) == Some(Kw::From)
                        || next_text == "to"
                        || (next == Some(Kind::LParen) && self.kw(i + 2) == Some(Kw::Select))
                        // `COPY users TO PROGRAM 'nslookup …'`, `COPY t TO '/tmp/x'`: a table
                        // written to a file or a program ("copy them to the folder" names
                        // neither)
                        || (self.text(i + 2).eq_ignore_ascii_case("to")
                            && (self.k(i + 3) == Some(Kind::Str)
                                || self.text(i + 3).eq_ignore_ascii_case("program")
                                || self.text(i + 3).eq_ignore_ascii_case("stdout")))
                }
                "attach" => next_text == "database",
                // `GRANT <privilege> TO|ON <name>`, `REVOKE <privilege> FROM|ON <name>`
                "grant" | "revoke"
                    if matches!(next, Some(Kind::Word | Kind::Kw(_)))
                        && matches!(
                            self.text(i + 2).to_ascii_lowercase().as_str(),
                            "to" | "on"
                        )
                        && (matches!(self.k(i + 3), Some(Kind::Word | Kind::Str))
                            // (the grantee may be the session's own role, a keyword:
                            // `GRANT pg_read_server_files TO CURRENT_USER`)
                            || matches!(
                                self.text(i + 3).to_ascii_lowercase().as_str(),
                                "current_user" | "session_user" | "current_role"
                            ))
                        // and the statement ends with the name, lists more or goes on as
                        // SQL does (`'x'@'%'`, `WITH GRANT OPTION`); prose goes on in words
                        // ("grant it to public libraries too")
                        && (matches!(self.k(i + 4), None | Some(Kind::Semi | Kind::Comma))
                            || self.text(i + 4).starts_with('@')
                            || matches!(
                                self.text(i + 4).to_ascii_lowercase().as_str(),
                                "with" | "identified" | "from" | "to"
                            )) =>
                {
                    true
                }
                // `GRANT ALL PRIVILEGES ON *.* TO 'x'@'%'`, `GRANT SELECT, INSERT ON db.t TO
                // u`: a list of privileges the database knows by name, then the object
                // (`*.*`, a name) or the grantee; prose granting something ("grant them
                // access to the room") names no privilege of SQL's
                "grant" | "revoke" if self.privilege_grant(i + 1) => true,
                // `; USE master;`: a database name, then the statement ends or the batch's
                // next statement starts; prose goes on ("; use one or the other", "; use
                // set() for …")
                "use" => {
                    matches!(next, Some(Kind::Word | Kind::Num))
                        && (matches!(self.k(i + 2), None | Some(Kind::Semi))
                            || matches!(self.kw(i + 2), Some(Kw::Statement | Kw::Select)))
                }
                // `RENAME TABLE users TO u2`, `RENAME USER a TO b` (MySQL)
                "rename"
                    if matches!(next_text.as_str(), "table" | "user")
                        && self.k(i + 2) == Some(Kind::Word)
                        && self.text(i + 3).eq_ignore_ascii_case("to") =>
                {
                    true
                }
                // `BULK INSERT t FROM '\\host\share\f'` (T-SQL reads a file the attacker
                // names)
                "bulk"
                    if next_text == "insert"
                        && self.k(i + 2) == Some(Kind::Word)
                        && self.kw(i + 3) == Some(Kw::From) =>
                {
                    true
                }
                "begin" if self.plsql_call_block(i + 1) => true,
                "pragma" | "dbcc" | "kill" | "handler" | "grant" | "revoke" | "begin"
                | "prepare" | "deallocate" | "backup" | "restore" => {
                    matches!(next, Some(Kind::Word | Kind::Num | Kind::Kw(_)))
                        && matches!(
                            self.k(i + 2),
                            None | Some(Kind::Semi | Kind::Kw(_) | Kind::LParen | Kind::Cmp)
                        )
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// `begin dbms_output.put_line(user); end;`, `BEGIN p(1); END`: from `j`, the body of
    /// an Oracle PL/SQL anonymous block that calls a procedure (`name`, `pkg.name` or
    /// `schema.pkg.name` with its arguments), then `END` closing the block after a `;`.
    /// The block runs whatever package it names (the application's `EXECUTE IMMEDIATE` or
    /// wrapper runs it), so its shape counts, not a list of dangerous packages; prose that
    /// says "begin" calls nothing and closes no block with `; end`.
    fn plsql_call_block(&self, j: usize) -> bool {
        let mut k = j;
        if self.k(k) != Some(Kind::Word) {
            return false;
        }
        k += 1;
        while self.k(k) == Some(Kind::Dot) && self.k(k + 1) == Some(Kind::Word) && k < j + 5 {
            k += 2;
        }
        if self.k(k) != Some(Kind::LParen) {
            return false;
        }
        // `; end` after the call, within the next statements (bounded look-ahead)
        (k + 1..(k + 64).min(self.len())).any(|e| {
            self.k(e) == Some(Kind::Kw(Kw::End))
                && self.k(e - 1) == Some(Kind::Semi)
                && matches!(self.k(e + 1), None | Some(Kind::Semi))
        })
    }

    /// From `j` (after `CREATE`): an object that links the database to a host the attacker
    /// names, in the words only its syntax writes (a sentence "create publication plans for
    /// the fall" has none of them): PostgreSQL's foreign server (`SERVER x FOREIGN DATA
    /// WRAPPER …`), its logical replication of tables out (`PUBLICATION p FOR ALL TABLES`,
    /// `SUBSCRIPTION s CONNECTION '…'`), CockroachDB's change feed to a sink (`CHANGEFEED
    /// FOR TABLE t INTO '…'`).
    fn link_out_of_database(&self, j: usize) -> bool {
        let is = |k: usize, w: &str| self.text(k).eq_ignore_ascii_case(w);
        let named = matches!(self.k(j + 1), Some(Kind::Word | Kind::Str));
        match self.text(j).to_ascii_lowercase().as_str() {
            "server" => named && is(j + 2, "foreign") && is(j + 3, "data"),
            "publication" => named && is(j + 2, "for") && (is(j + 3, "all") || is(j + 3, "table")),
            "subscription" => named && is(j + 2, "connection") && self.k(j + 3) == Some(Kind::Str),
            "changefeed" => is(j + 1, "for"),
            _ => false,
        }
    }

    /// From `j` (after a grant's `ON`): PostgreSQL's object class and object, then `TO` /
    /// `FROM`: `ALL TABLES|SEQUENCES|FUNCTIONS|ROUTINES IN SCHEMA <name>`, or `TABLE`,
    /// `SCHEMA`, `DATABASE`, `SEQUENCE`, `FUNCTION` and a name. Prose granting access "on
    /// all tables in the room" names no schema after `IN`.
    fn pg_object_class(&self, j: usize) -> bool {
        let class = self.text(j).to_ascii_lowercase();
        let grantee = |k: usize| {
            matches!(self.text(k).to_ascii_lowercase().as_str(), "to" | "from")
                && matches!(self.k(k + 1), Some(Kind::Word | Kind::Str | Kind::Var))
        };
        match class.as_str() {
            "all" => {
                matches!(
                    self.text(j + 1).to_ascii_lowercase().as_str(),
                    "tables" | "sequences" | "functions" | "routines" | "procedures"
                ) && self.text(j + 2).eq_ignore_ascii_case("in")
                    && self.text(j + 3).eq_ignore_ascii_case("schema")
                    && matches!(self.k(j + 4), Some(Kind::Word | Kind::Str))
                    && grantee(j + 5)
            }
            "table" | "schema" | "database" | "sequence" | "function" => {
                matches!(self.k(j + 1), Some(Kind::Word | Kind::Str)) && grantee(j + 2)
            }
            _ => false,
        }
    }

    /// After `GRANT` / `REVOKE`: SQL privilege names (`ALL [PRIVILEGES]`, `SELECT`,
    /// `INSERT`, `FILE`, `SUPER`, `DBA`…, separated by commas, at most 16 tokens) from `j`,
    /// then `ON` an object (a name or `*`) or `TO` / `FROM` a grantee (a name or a string).
    fn privilege_grant(&self, mut j: usize) -> bool {
        let first = j;
        while j < first + 16 {
            let w = self.text(j).to_ascii_lowercase();
            let privilege = matches!(
                w.as_str(),
                "all"
                    | "privileges"
                    | "select"
                    | "insert"
                    | "update"
                    | "delete"
                    | "execute"
                    | "usage"
                    | "create"
                    | "drop"
                    | "alter"
                    | "references"
                    | "trigger"
                    | "connect"
                    | "dba"
                    | "sysdba"
                    | "resource"
                    | "file"
                    | "super"
                    | "proxy"
                    | "reload"
                    | "process"
                    | "shutdown"
                    | "temporary"
                    | "any"
                    | "table"
                    | "tables"
                    | "session"
            ) && matches!(self.k(j), Some(Kind::Word | Kind::Kw(_)));
            if privilege || (j > first && self.k(j) == Some(Kind::Comma)) {
                j += 1;
                continue;
            }
            break;
        }
        if j == first {
            return false;
        }
        // the object is every table (`*`), a qualified name (`db.t`, `db.*`) or a name
        // followed by its grantee; the grantee a quoted account, a variable, or a name
        // that ends the statement or takes an option ("to the staff" goes on in prose)
        match self.text(j).to_ascii_lowercase().as_str() {
            // PostgreSQL's object classes: `ON ALL TABLES IN SCHEMA public`, `ON SCHEMA s`,
            // `ON DATABASE d`, `ON TABLE t`, then the grantee
            "on" if self.pg_object_class(j + 1) => true,
            "on" => match self.k(j + 1) {
                Some(Kind::Op) => self.byte(j + 1) == b'*',
                Some(Kind::Word | Kind::Kw(_)) => {
                    self.k(j + 2) == Some(Kind::Dot)
                        || matches!(
                            self.text(j + 2).to_ascii_lowercase().as_str(),
                            "to" | "from"
                        )
                }
                _ => false,
            },
            "to" | "from" => match self.k(j + 1) {
                Some(Kind::Str | Kind::Var) => true,
                Some(Kind::Word) => {
                    matches!(self.k(j + 2), None | Some(Kind::Semi))
                        || matches!(
                            self.text(j + 2).to_ascii_lowercase().as_str(),
                            "with" | "identified"
                        )
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// `Drop table reservation for Friday`, `truncate table booking tonight please`: the
    /// object's name (token `n`, after `IF EXISTS`) followed by a plain word that no `DROP`
    /// or `TRUNCATE` takes there. SQL ends the statement after the name or goes on with
    /// `CASCADE`, `RESTRICT`, `PURGE`, `ON <table>` or a list; a sentence goes on with
    /// words ("for Friday"), which is a syntax error to any database. (`; DROP TABLE
    /// users--`, `DROP TABLE users;` and `drop table users cascade` stay statements.)
    ///
    /// A string literal of words after the name is a sentence too (`He said "drop table
    /// tennis" was his game`): no `DROP` or `TRUNCATE` takes a literal there, so as SQL it is
    /// a syntax error, and the words are the sentence going on after the quoted phrase.
    fn prose_after_name(&self, mut n: usize) -> bool {
        if self.text(n).eq_ignore_ascii_case("if")
            && self.text(n + 1).eq_ignore_ascii_case("exists")
        {
            n += 2;
        }
        if self.k(n) == Some(Kind::Word)
            && matches!(self.k(n + 1), Some(Kind::Str | Kind::OpenStr))
            && literal_of_words(self.text(n + 1))
        {
            return true;
        }
        // (a statement keyword after the name starts T-SQL's next statement of the batch:
        // `drop table users exec xp_cmdshell …`)
        let plain = match self.k(n + 1) {
            Some(Kind::Word) => true,
            Some(Kind::Kw(k)) => !matches!(k, Kw::Statement | Kw::Select | Kw::Waitfor | Kw::Union),
            _ => false,
        };
        if self.k(n) != Some(Kind::Word) || !plain {
            return false;
        }
        let next = self.text(n + 1);
        next.bytes().all(|c| c.is_ascii_alphabetic())
            && ![
                "cascade",
                "restrict",
                "purge",
                "on",
                "force",
                "constraints",
                "immediate",
                "reuse",
                "drop",
                "storage",
                "continue",
                "restart",
                "identity",
                "partition",
                "go",
            ]
            .iter()
            .any(|k| next.eq_ignore_ascii_case(k))
    }

    /// A whole `SELECT` statement at `i` whose select list is SQL, not prose ("select one of
    /// the options"): a variable, an attack function, a sub-query, `*`/literal with `FROM`.
    pub fn select_statement(&mut self, i: usize) -> bool {
        if self.kw(i) != Some(Kw::Select) {
            return false;
        }
        let mut j = i + 1;
        if self.kw(j) == Some(Kw::SetQuantifier) {
            j += 1;
        }
        // MSSQL `SELECT TOP 10 …`
        if self.kw(j) == Some(Kw::Limit) && self.k(j + 1) == Some(Kind::Num) {
            j += 2;
        }
        let parenthesised = i > 0 && self.k(i - 1) == Some(Kind::LParen);
        let star = self.k(j) == Some(Kind::Op) && self.byte(j) == b'*';
        let saved = self.take_flags();
        let end = if star {
            Some(j + 1)
        } else {
            let mut e = self.expr(j, 0);
            let mut items = 0;
            while let Some(x) = e {
                if self.k(x) != Some(Kind::Comma) || items > 64 {
                    break;
                }
                items += 1;
                e = self.expr(x + 1, 0);
            }
            e
        };
        let f = self.take_flags();
        self.flags = saved | f;
        let Some(end) = end else { return false };
        // `Select Comfort (Sleep Number)`: a brand or title with a parenthetical of words
        // is no call: the name stands apart from its bracket (MySQL reads a function only
        // when the bracket is glued to its name) and the bracket holds words, no argument
        // list (`sleep number` is no expression). Without a call there is nothing to select.
        if !star && end == self.t.len() && self.prose_parenthetical(j, end) {
            return false;
        }
        // A select list ends the statement or runs into a clause, after at most an alias:
        // `select count(*) vs count(1)` puts a call after the alias, which no dialect
        // parses, so it is a question about SQL, not a statement.
        let after_alias = if self.k(end) == Some(Kind::Word) {
            end + 1
        } else {
            end
        };
        let list_ends = !matches!(self.k(after_alias), Some(Kind::Word | Kind::Num));
        // `SELECT COUNT(*) tutorial`, `select now() example`: a whole value that is a
        // select list of ordinary calls then one bare word is a search about SQL. Read as
        // SQL the word is an alias without AS that nothing reads (no FROM, no clause after
        // it); a statement sent to run names no column it never uses. A variable, a
        // sub-query or an attack function keeps its weight (`select @@version v`).
        let idle_alias = i == 0
            && end > j
            && self.k(end) == Some(Kind::Word)
            && after_alias == self.t.len()
            && f & (VAR | SUBQ | STRONG_FUNC | SYSVAR) == 0;
        if f & (VAR | FUNC | SUBQ) != 0 && list_ends && !idle_alias {
            return true;
        }
        // "Select * from the dropdown", "select (one) from below": prose picks from a
        // determiner's phrase or a place; a query names a table
        let from = self.kw(end) == Some(Kw::From)
            && !(self.k(end + 1) == Some(Kind::Word) && prose_source(self.text(end + 1)))
            && !(i == 0 && self.prose_after_statement(end));
        // `SELECT name FROM sysibm.systables;`: a schema-qualified table, then the end
        if from
            && self.k(end + 1) == Some(Kind::Word)
            && self.k(end + 2) == Some(Kind::Dot)
            && self.k(end + 3) == Some(Kind::Word)
            && matches!(
                self.k(end + 4),
                None | Some(Kind::Semi | Kind::Kw(Kw::Where))
            )
        {
            return true;
        }
        if parenthesised
            && (from
                || (self.k(end) == Some(Kind::RParen)
                    && self.k(end + 1).is_none()
                    && !self.bare_word_select(i + 1)))
        {
            // `(SELECT a, b FROM t)`, `(SELECT 1)`: a sub-query as the value
            return true;
        }
        let end_here = matches!(self.k(end), None | Some(Kind::Semi));
        // `SELECT 0x616263`: a hex or binary literal is how SQL spells a string without
        // quotes; prose selecting something names it in words
        let radix_literal = || (j..end).any(|k| self.radix_literal(k));
        (star || f & (NUM | STR | CALL | LIT) != 0)
            && (from || (end_here && !star && (f & (CALL | LIT) != 0 || radix_literal())))
    }
}

impl Parser<'_> {
    /// Whether a whole-value `SELECT … FROM` (its `FROM` at `from`) runs into a sentence no
    /// dialect parses, so the value is a question about SQL typed as text: a table name then
    /// a dash and words (`select * from table - what does star mean`: nothing may follow a
    /// table reference but an alias, a clause, a join or the end), or a statement ended by
    /// `;` then words that start no statement (`SELECT * FROM orders WHERE id = 42; returns
    /// nothing, why?`). A parameter holding a statement is run as one batch: the syntax
    /// error stops it before any row is read, so the query never leaves the value. A whole
    /// statement, or one followed by a second statement, stays SQL.
    fn prose_after_statement(&mut self, from: usize) -> bool {
        // words of a sentence: at least two, and nothing an expression or a statement needs
        let sentence = |p: &Self, a: usize| {
            let mut words = 0;
            for k in a..p.len() {
                match p.k(k) {
                    Some(Kind::Word) => words += 1,
                    Some(Kind::Kw(_) | Kind::Comma | Kind::Var | Kind::Other | Kind::Dot) => {}
                    _ => return false,
                }
            }
            words >= 2 && p.k(a) == Some(Kind::Word) && p.k(a + 1) != Some(Kind::LParen)
        };
        if !matches!(self.k(from + 1), Some(Kind::Word | Kind::Kw(_))) {
            return false;
        }
        let mut k = from + 2;
        while self.k(k) == Some(Kind::Dot) && self.k(k + 1) == Some(Kind::Word) && k < from + 8 {
            k += 2;
        }
        if self.k(k) == Some(Kind::Op) && self.byte(k) == b'-' && sentence(self, k + 1) {
            return true;
        }
        // `… where vegan = yes? lol`, `… where id = 5?!`: a question mark glued to the word
        // or number before it and followed by a blank (or the end) is the sentence's: a
        // placeholder stands apart as an operand (`id = ?`) and PostgreSQL's `?` key test
        // takes a literal (`data ? 'key'`). After it come only words and sentence marks.
        if self.question_tail(k) {
            return true;
        }
        // `… where fun = true (just kidding)`, `… where id = 1 slow`: after a whole WHERE
        // condition, a bracketed aside of words or one lower-case word ends the value. No
        // dialect parses an operand followed by words (a clause starts with a keyword), so the
        // statement is a syntax error that reads no row: a remark about SQL typed as text.
        if self.kw_is(k, Kw::Where) {
            // where the aside would start: the last bracket, or the last word
            let n = self.len();
            let start = if self.k(n - 1) == Some(Kind::RParen) {
                (n.saturating_sub(14)..n)
                    .rev()
                    .find(|&m| self.k(m) == Some(Kind::LParen))
            } else {
                Some(n - 1)
            };
            if let Some(a) = start.filter(|&a| a > k + 1 && self.aside_after_condition(a)) {
                let saved = self.take_flags();
                // (a call glued to the condition's last operand reads the bracket too)
                let e = self.expr(k + 1, 0);
                self.flags = saved;
                if e == Some(a) || e == Some(n) {
                    return true;
                }
            }
        }
        // the statement's `;` (bounded: a question is short)
        let Some(semi) = (k..self.len().min(k + 64)).find(|&m| self.k(m) == Some(Kind::Semi))
        else {
            return false;
        };
        if !sentence(self, semi + 1) {
            return false;
        }
        let saved = self.take_flags();
        let statement = self.stacked_statement(semi + 1);
        self.flags = saved;
        !statement
    }

    /// Whether tokens `e..` (after a WHERE condition) are, to the end of the value, a
    /// bracket of two to twelve words (commas allowed) that a blank parts from the condition,
    /// or one word of three to twelve lower-case letters that names no clause a dialect
    /// allows there (see [`Parser::prose_after_statement`]).
    fn aside_after_condition(&self, e: usize) -> bool {
        let n = self.len();
        if e == 0 || e >= n {
            return false;
        }
        if self.k(e) == Some(Kind::LParen) {
            let spaced = self.t[e - 1].end < self.t[e].start;
            let inner = e + 1..n - 1;
            let words = inner
                .clone()
                .filter(|&k| self.k(k) == Some(Kind::Word))
                .count();
            return spaced
                && n - e <= 14
                && self.k(n - 1) == Some(Kind::RParen)
                && self.k(e + 1) == Some(Kind::Word)
                && words >= 2
                && inner
                    .clone()
                    .all(|k| matches!(self.k(k), Some(Kind::Word | Kind::Comma)))
                && inner.clone().any(|k| {
                    k > e + 1 && self.k(k) == Some(Kind::Word) && self.k(k - 1) == Some(Kind::Word)
                });
        }
        let w = self.text(e);
        e + 1 == n
            && self.k(e) == Some(Kind::Word)
            && (3..=12).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && ![
                "qualify",
                "returning",
                "fetch",
                "offset",
                "window",
                "option",
                "lock",
                "go",
                "isnull",
                "notnull",
                "escape",
                "collate",
                "connect",
                "start",
                "model",
                "pivot",
                "unpivot",
                "except",
                "intersect",
                "minus",
                "having",
                "procedure",
                "into",
                "limit",
                "order",
                "group",
                "union",
                "for",
                "with",
                "nowait",
                "skip",
            ]
            .contains(&w)
    }

    /// Whether a `?` glued to the word or number before it appears at or after token `from`
    /// (within 64 tokens) and is followed by a blank or the end, then only words and `?`,
    /// `!`, `.`, `,` (see [`Parser::prose_after_statement`]).
    fn question_tail(&self, from: usize) -> bool {
        let n = self.len();
        let Some(q) = (from.max(1)..n.min(from + 64)).find(|&m| {
            self.k(m) == Some(Kind::Var)
                && self.text(m) == "?"
                && matches!(self.k(m - 1), Some(Kind::Word | Kind::Num | Kind::Kw(_)))
                && self.t[m - 1].end == self.t[m].start
        }) else {
            return false;
        };
        let blank_after = self
            .s
            .as_bytes()
            .get(self.t[q].end as usize)
            .is_none_or(|b| b.is_ascii_whitespace());
        blank_after
            && (q + 1..n).all(|k| match self.k(k) {
                Some(Kind::Word | Kind::Kw(_) | Kind::Comma | Kind::Dot | Kind::Unary) => true,
                Some(Kind::Var) => self.text(k) == "?",
                _ => false,
            })
    }

    /// Whether tokens `j..end` are words and one bracket of words that a blank parts from
    /// the word before it: `Comfort (Sleep Number)`, a parenthetical of prose.
    fn prose_parenthetical(&self, j: usize, end: usize) -> bool {
        let Some(lp) = (j..end).find(|&k| self.k(k) == Some(Kind::LParen)) else {
            return false;
        };
        let spaced = lp > j && self.t[lp - 1].end < self.t[lp].start;
        let Some(rp) = (lp + 1..end).find(|&k| self.k(k) != Some(Kind::Word)) else {
            return false;
        };
        spaced
            && rp > lp + 1
            && self.k(rp) == Some(Kind::RParen)
            && (j..lp).all(|k| self.k(k) == Some(Kind::Word))
            && (rp + 1..end).all(|k| self.k(k) == Some(Kind::Word))
    }

    /// Does the dot at `i` qualify a name (`master.dbo.xp_cmdshell`, `master..xp_cmdshell`)?
    /// An abbreviation's dot (`Dr.`, `Ct.`) is followed by nothing, a space and prose in
    /// brackets, or the end.
    pub fn qualified_after_dot(&self, i: usize) -> bool {
        match self.k(i + 1) {
            Some(Kind::Dot) => matches!(self.k(i + 2), Some(Kind::Word | Kind::Kw(_))),
            Some(Kind::Word | Kind::Kw(_)) => {
                // glued: `dbo.xp_x`, not "Dr. Suite 200"
                self.t.get(i).map(|t| t.end) == self.t.get(i + 1).map(|t| t.start)
            }
            // `exec master.` cut short: MSSQL's system databases hold the procedures an
            // attacker runs, which no street or title abbreviates
            None => {
                i > 0 && {
                    let w = self.text(i - 1);
                    ["master", "msdb", "tempdb", "dbo", "sys"]
                        .iter()
                        .any(|d| w.eq_ignore_ascii_case(d))
                }
            }
            _ => false,
        }
    }

    /// What an EXEC's bracket at `i - 1` opens with when it runs built SQL: a string, a
    /// variable or a call building one (`EXEC('…')`, `EXEC(@s)`, `EXEC(CHAR(83)+…)`), or
    /// the literal arguments of a procedure (`exec sp_x('a')`). "Exec (ret.)" and
    /// "1 Exec Pkwy (Bldg B)" put words of prose there.
    pub fn exec_operand(&self, i: usize) -> bool {
        match self.k(i) {
            // (`Execute(` cut short: the built string follows in the application's text;
            // not `execute()`: empty brackets give the statement nothing to run, a syntax
            // error in every dialect, and are how code calls a method)
            None | Some(Kind::Str | Kind::OpenStr | Kind::Var | Kind::Num) => true,
            Some(Kind::Word | Kind::Kw(_)) => self.k(i + 1) == Some(Kind::LParen),
            _ => false,
        }
    }

    /// Is token `i` a hex or binary numeric literal (`0x7e`, `0b101`)?
    pub fn radix_literal(&self, i: usize) -> bool {
        let t = self.text(i).as_bytes();
        self.k(i) == Some(Kind::Num)
            && t.len() > 2
            && t[0] == b'0'
            && matches!(t[1], b'x' | b'X' | b'b' | b'B')
    }
}

/// Words that open the source of a choice in prose ("from the list", "from below") and
/// that no schema names a table.
fn prose_source(w: &str) -> bool {
    [
        "the", "a", "an", "this", "these", "those", "that", "my", "your", "our", "their", "his",
        "her", "its", "below", "above", "here", "there", "each", "any", "one",
    ]
    .iter()
    .any(|d| w.eq_ignore_ascii_case(d))
}

/// `@@name`: a server system variable (`@@version`, `@@hostname`).
fn is_sysvar(t: &str) -> bool {
    t.len() > 2 && t.starts_with("@@") && t.as_bytes()[2].is_ascii_alphabetic()
}

/// A word whose letters switch case after the first letter more than once (`UnIoN`,
/// `seLeCt`): lower, UPPER and Title case are how people write; this is how filters are
/// dodged.
pub fn evasive_case(word: &str) -> bool {
    let mut letters = word.bytes().filter(u8::is_ascii_alphabetic).skip(1);
    let Some(first) = letters.next() else {
        return false;
    };
    let mut upper = first.is_ascii_uppercase();
    let mut switches = 0;
    for b in letters {
        if b.is_ascii_uppercase() != upper {
            switches += 1;
            upper = !upper;
        }
    }
    switches >= 2
}

/// Whether a string literal's text (its quotes included) holds words of a sentence: two runs
/// of letters with a blank between them (` was his game`). A literal an attacker balances a
/// quote with is empty or a value (`'`, `'1'='1`).
fn literal_of_words(lit: &str) -> bool {
    let b = lit.as_bytes();
    b.windows(3)
        .any(|w| w[0].is_ascii_alphabetic() && w[1] == b' ' && w[2].is_ascii_alphabetic())
}
