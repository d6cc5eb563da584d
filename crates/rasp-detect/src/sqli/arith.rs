//! Math written in a form field: arithmetic and comparisons between numbers and one-letter
//! variables, possibly joined by `and` / `or`.
//!
//! `x = 1 or x = -1`, `b != 30 and t = 97`, `17 + 55 = 72; 17 * 2 = 34` and `0 <= k < n`
//! carry SQL's keywords and separators (`or`, `and`, `;`) but no SQL: no quote can close a
//! literal, no comment truncates the query, a `;` is followed by no statement, and no
//! comparison is the constant truth an injection needs to rewrite a `WHERE` clause. What
//! *is* SQL in this alphabet is kept out: a comparison of a thing with itself (`1=1`,
//! `(1)=(1)`, `x=x`), a connective joining two constants (`1 or 1`, `0 and 2`), and any
//! comparison of two constants next to a connective (`1 or 2>1`), which is how boolean
//! injections test the database.
//!
//! The grammar has already judged the value; this only keeps the model from scoring math
//! (see [`super::carries_sql`]).

/// Longest value read as math; a longer one is left to the model (formulas are short, and
/// the bound keeps the scan trivially cheap).
const MAX_MATH_BYTES: usize = 256;
/// Most tokens remembered; a value with more is not read as math.
const MAX_TOKENS: usize = 64;

/// Functions of school and engineering math, written right before their `(` and given at
/// least one argument. What makes a call SQL is what the function reads: the SQL functions
/// an injection calls read the database or the server (`user()`, `database()`,
/// `version()`), wait (`sleep`, `benchmark`), draw chance (`rand`) or turn numbers into
/// text to compare a secret byte by byte (`char`, `ascii`, `substr`, `hex`); none is here,
/// and a value with any other word is not math. The functions here are pure and numeric:
/// over numbers they compute a number, so all they can build is a constant, and a constant
/// test next to `or` / `and` (`1 or gcd(4, 6) = 2`) is refused below as `1 or 1=1` is. Some
/// are SQL's too (`floor`, `mod`, `round`, `pow`): that changes nothing, since the value
/// they compute is the same constant. (No zero-argument function: `pi()`, `now()`, `user()`
/// are state or a constant written as a call, not math notation.) The XSS gate asks this
/// test too: none of these names is a function a browser defines (`Math.max` is a member,
/// and `Math` is no name here), so a script reading the value only throws.
const MATH_FUNCTIONS: &[&str] = &[
    "sqrt",
    "cbrt",
    "sin",
    "cos",
    "tan",
    "cot",
    "sec",
    "csc",
    "arcsin",
    "arccos",
    "arctan",
    "asin",
    "acos",
    "atan",
    "atan2",
    "sinh",
    "cosh",
    "tanh",
    "ln",
    "log",
    "lg",
    "log2",
    "log10",
    "exp",
    "abs",
    "gcd",
    "lcm",
    "min",
    "max",
    "mod",
    "pow",
    "power",
    "floor",
    "ceil",
    "ceiling",
    "round",
    "trunc",
    "sign",
    "sgn",
    "fact",
    "factorial",
    "binom",
    "choose",
    "deg",
    "rad",
    "degrees",
    "radians",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok<'a> {
    Number(&'a str),
    Var(u8),
    Connective,
    Compare,
    Open,
    Close,
    /// A function of [`MATH_FUNCTIONS`] (lower-cased by the comparison, so kept as written).
    Func(&'a str),
    /// `+` or `-`: a sign or an operator.
    Sign,
    /// `,` or `;`: a list or a sequence of formulas.
    Separator,
    /// Other arithmetic, `.`, `!`, a prime and the Unicode operators: nothing to check.
    Other,
}

/// Whether `decoded` (percent- and entity-decoded) is math and nothing else.
///
/// ```
/// use rasp_detect::sqli::is_math;
/// assert!(is_math("x = 1 or x = -1"));
/// assert!(is_math("17 + 55 = 72; 17 * 2 = 34"));
/// assert!(is_math("sqrt(16) = 4"));
/// assert!(!is_math("1 or 1=1"));
/// assert!(!is_math("1' or 'a'='a"));
/// ```
pub fn is_math(decoded: &str) -> bool {
    if decoded.len() > MAX_MATH_BYTES {
        return false;
    }
    // Where `--` opens a comment (every dialect but MySQL, which needs a blank after it),
    // the query reads only what stands before it: that must be math too (`1 = 1 -- 1` is
    // the tautology `1 = 1`).
    if let Some(k) = memchr::memmem::find(decoded.as_bytes(), b"--") {
        if !is_math(&decoded[..k]) {
            return false;
        }
    }
    let Some((toks, n)) = tokenize(decoded) else {
        return false;
    };
    let toks = &toks[..n];
    let connective = toks.contains(&Tok::Connective);
    toks.iter().enumerate().all(|(i, t)| match t {
        Tok::Compare => {
            // A thing compared with itself is the tautology of `OR 1=1` (`x=x`,
            // `sqrt(4)=sqrt(4)`); two constants compared next to a connective are a test of
            // the database (`1 or 2>1`, `1 or gcd(4, 6) = 2`).
            let (before, after) = (before_range(toks, i), after_range(toks, i));
            let (a, b) = (side(&toks[before.clone()]), side(&toks[after.clone()]));
            match (a, b) {
                (Side::Atom(a), Side::Atom(b)) if a == b => false,
                (Side::Expr { .. }, Side::Expr { .. }) if toks[before] == toks[after] => false,
                _ => !(connective && a.is_constant() && b.is_constant()),
            }
        }
        // `1 or 1`, `0 and sqrt(4)`; and a dangling `or x = 1` / `x = 1 and`.
        Tok::Connective => {
            let a = side(&toks[before_range(toks, i)]);
            let b = side(&toks[after_range(toks, i)]);
            !(a == Side::Empty || b == Side::Empty || (a.is_constant() && b.is_constant()))
        }
        _ => true,
    })
}

/// What stands on one side of a comparison or connective, up to the next one (or a `,` or
/// `;`), parentheses and a sign aside.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side<'a> {
    Empty,
    /// One number or variable: `1`, `(x)`, `-2`.
    Atom(Tok<'a>),
    /// An expression: `6*y`, `y - 24`, `f(t)`; `constant` when it names no variable
    /// (`gcd(12, 18)`, `2 * 3`), so that it computes one number whatever the row.
    Expr {
        constant: bool,
    },
}

impl Side<'_> {
    /// Whether the side is one number whatever the row (a number, or numbers and math
    /// functions without a variable).
    fn is_constant(self) -> bool {
        matches!(
            self,
            Side::Atom(Tok::Number(_)) | Side::Expr { constant: true }
        )
    }
}

fn is_boundary(t: &Tok<'_>) -> bool {
    matches!(t, Tok::Compare | Tok::Connective | Tok::Separator)
}

fn side<'a>(toks: &[Tok<'a>]) -> Side<'a> {
    let mut atom = None;
    let mut expr = false;
    let mut constant = true;
    for t in toks {
        match t {
            Tok::Open | Tok::Close | Tok::Sign => {}
            Tok::Number(_) | Tok::Var(_) if atom.is_none() && !expr => atom = Some(*t),
            _ => expr = true,
        }
        if matches!(t, Tok::Var(_)) {
            constant = false;
        }
    }
    match atom {
        _ if expr => Side::Expr { constant },
        Some(t) => Side::Atom(t),
        None => Side::Empty,
    }
}

/// The tokens of the side before the comparison or connective at `i`.
fn before_range(toks: &[Tok<'_>], i: usize) -> std::ops::Range<usize> {
    let start = toks[..i].iter().rposition(is_boundary).map_or(0, |k| k + 1);
    start..i
}

/// The tokens of the side after the comparison or connective at `i`.
fn after_range(toks: &[Tok<'_>], i: usize) -> std::ops::Range<usize> {
    let rest = &toks[i + 1..];
    let end = rest.iter().position(is_boundary).unwrap_or(rest.len());
    i + 1..i + 1 + end
}

/// Splits `s` into math tokens, or `None` when it holds anything else: a quote that is no
/// prime, `#`, `@`, `:`, a comment opener, a tripled `|||` or `&&&`, a word of more than one letter other
/// than a connective, a non-ASCII character that is not a math symbol, or unbalanced
/// parentheses.
fn tokenize(s: &str) -> Option<([Tok<'_>; MAX_TOKENS], usize)> {
    let mut toks = [Tok::Other; MAX_TOKENS];
    let mut n = 0;
    let mut depth = 0usize;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let (tok, len) = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'0'..=b'9' => {
                let mut j = i + 1;
                while j < b.len()
                    && (b[j].is_ascii_digit()
                        || (b[j] == b'.' && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
                {
                    j += 1;
                }
                (Tok::Number(&s[i..j]), j - i)
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_alphabetic() {
                    j += 1;
                }
                // (`log10(`, `atan2(`: a function's name may end in digits)
                let mut f = j;
                while f < b.len() && b[f].is_ascii_digit() {
                    f += 1;
                }
                let word = &s[i..j];
                if b.get(f) == Some(&b'(')
                    && b[f + 1..].iter().find(|c| !c.is_ascii_whitespace()) != Some(&b')')
                    && MATH_FUNCTIONS
                        .iter()
                        .any(|m| s[i..f].eq_ignore_ascii_case(m))
                {
                    // `sqrt(16)=4`, `gcd(12, 18) = 6`: the function applies to what its
                    // parentheses hold, which is read as math like the rest
                    (Tok::Func(&s[i..f]), f - i)
                } else if j - i == 1 {
                    (Tok::Var(c.to_ascii_lowercase()), 1)
                } else if (word.eq_ignore_ascii_case("mod") || word.eq_ignore_ascii_case("div"))
                    && n > 0
                    && matches!(toks[n - 1], Tok::Number(_) | Tok::Var(_) | Tok::Close)
                    && b[j..]
                        .iter()
                        .find(|c| !c.is_ascii_whitespace())
                        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'(' | b'-'))
                {
                    // `7 mod 3 = 1`, `17 div 5`: the remainder and the integer quotient
                    // written as infix words between operands, the school notation (and
                    // MySQL's). Like `%` and `/` they only compute a number; the checks
                    // below still refuse a constant test next to a connective.
                    (Tok::Other, j - i)
                } else if ["and", "or", "not", "xor"]
                    .iter()
                    .any(|k| word.eq_ignore_ascii_case(k))
                {
                    (Tok::Connective, j - i)
                } else {
                    return None;
                }
            }
            b'<' | b'>' if next == Some(b'=') => (Tok::Compare, 2),
            // `<>` is SQL's inequality, `<<` / `>>` shifts: not how math is written.
            b'<' | b'>' if matches!(next, Some(b'<' | b'>')) => return None,
            b'<' | b'>' => (Tok::Compare, 1),
            b'!' | b'=' if next == Some(b'=') => (Tok::Compare, 2),
            b'=' => (Tok::Compare, 1),
            // `5--3 = 8`, `7 - 2 -- 3`: minus a negative number, right after a number and
            // before a digit; anything else after `--` is a comment
            b'-' if next == Some(b'-') => {
                let after = b[i + 2..].iter().find(|c| !matches!(c, b' ' | b'\t'));
                if n > 0
                    && matches!(toks[n - 1], Tok::Number(_))
                    && after.is_some_and(u8::is_ascii_digit)
                {
                    (Tok::Sign, 1)
                } else {
                    return None;
                }
            }
            b'/' if next == Some(b'*') => return None,
            // A prime (`f'(x)`, `X'' = A * X`) follows a name and is not followed by one;
            // a quote that opens or closes a literal (`x' or 'a'='a`) touches a word.
            b'\'' if prime(b, i) => (Tok::Other, 1),
            b'(' => {
                depth += 1;
                (Tok::Open, 1)
            }
            b')' => {
                depth = depth.checked_sub(1)?;
                (Tok::Close, 1)
            }
            b'+' | b'-' => (Tok::Sign, 1),
            // (a `,` inside parentheses separates a function's arguments: `gcd(12, 18)`)
            b',' if depth > 0 => (Tok::Other, 1),
            b',' | b';' => (Tok::Separator, 1),
            b'*' | b'/' | b'^' | b'%' | b'.' | b'!' => (Tok::Other, 1),
            // `x >= 0 || y <= 0`, `a > 1 && b > 1`: the connectives of programming
            // notation, MySQL's `or` and `and`, held to the same checks as the words (a
            // constant on both sides is refused: `1 || 1=1`). Where `||` concatenates
            // instead, it joins what these sides hold: numbers and one-letter names.
            b'|' | b'&' if next == Some(c) && b.get(i + 2) != Some(&c) => (Tok::Connective, 2),
            // `2 | 3 = 3`, `|x| = 2`: a lone bar is bitwise or, divides, or an absolute
            // value.
            b'|' if next != Some(b'|') && (i == 0 || b[i - 1] != b'|') => (Tok::Other, 1),
            0x80.. => {
                let ch = s[i..].chars().next()?;
                let tok = match ch {
                    '≤' | '≥' | '≠' | '≈' | '≡' => Tok::Compare,
                    '−' => Tok::Sign,
                    '→' | '×' | '÷' | '·' | '√' | '²' | '³' | 'π' | '∞' | '±' | '∑' | '∫' | '°' => {
                        Tok::Other
                    }
                    _ => return None,
                };
                (tok, ch.len_utf8())
            }
            _ => return None,
        };
        if n == MAX_TOKENS {
            return None;
        }
        toks[n] = tok;
        n += 1;
        i += len;
    }
    (depth == 0).then_some((toks, n))
}

/// Whether the `'` at `i` is a prime: after a letter, `)` or another prime, and not before
/// a letter, digit or quote that would make it a string delimiter.
fn prime(b: &[u8], i: usize) -> bool {
    let mut k = i;
    while k > 0 && b[k - 1] == b'\'' {
        k -= 1;
    }
    let after_name = k > 0 && (b[k - 1].is_ascii_alphabetic() || b[k - 1] == b')');
    let before = b[i + 1..].iter().find(|&&c| c != b'\'');
    after_name && !before.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'"')
}

#[cfg(test)]
mod tests {
    use super::is_math;

    #[test]
    fn formulas_and_conditions_are_math() {
        for v in [
            "x = 1 or x = -1",
            "b != 30 and t = 97",
            "17 + 55 = 72; 17 * 2 = 34",
            "0 <= k < n",
            "a=1; b=2",
            "x >= 1 and y <= 2",
            "(x - 3)(x + 2) = 0",
            "x ≤ 5 or y ≥ 2",
            "2.5 * r ^ 2",
            "P(x > 3) = 0.25",
            "n! = n * (n - 1)!",
            "a(t) = t*X' - X",
            "X'' = A(t) * (t*X' - X) + b(t)",
            "f'(x) = 2x",
            "sqrt(16)=4",
            "sin(x)^2 + cos(x)^2 = 1",
            "ln(e) = 1",
            // pure numeric functions over numbers: a constant (see `MATH_FUNCTIONS`)
            "gcd(12, 18) = 6",
            "GCD(12,18)=6",
            "lcm(4, 6) = 12",
            "max(3, 7) - min(3, 7) = 4",
            "log10(1000) = 3",
            "atan2(1, 1) = π/4",
            "floor(7.5) + ceil(0.2) = 8",
            "round(2.567, 2) = 2.57",
            "mod(17, 5) = 2",
            "x = gcd(a, b)",
            "pow(2, 10) = 1024; sqrt(pow(3, 2) + pow(4, 2)) = 5",
            // infix remainder and quotient words, bitwise or and absolute values
            "7 mod 3 = 1",
            "17 MOD 5 = 2",
            "17 div 5 = 3",
            "x mod 2 = 0",
            "(a + b) mod n",
            "7 % 3 = 1",
            "2 ^ 3 = 8",
            "2 | 3 = 3",
            "6|1 = 7",
            "|x| = 2",
            // the connectives of programming notation
            "x >= 0 || y <= 0",
            "a > 1 && b > 1",
            "(x < 0) || (x > 10)",
            // minus a negative number
            "5--3 = 8",
            "7 - 2 -- 3",
        ] {
            assert!(is_math(v), "{v}");
        }
    }

    #[test]
    fn boolean_injections_are_not_math() {
        for v in [
            "1 or 1=1",
            "1) or (1=1",
            "(1)or(1)=(1)",
            "1 OR+(1)=(1)",
            "x or x=x",
            "-1 or 3 > 2",
            "1 and 5<6",
            "0 or 1",
            "1=1",
            "4651=4651",
            "1' or 'a'='a",
            "1 or 1=1 --",
            "1 || 1 = 1",
            "1 <> 2",
            "1 or sleep(5)",
            "1 and rand(0)>0",
            "1; drop table users",
            "or x = 1",
            "x = 1 and",
            "x' or 'a'='a",
            "1' or '1",
            "a' or b=b",
            "x'='x",
            // `--` as a comment: what stands before it is the query
            "1 = 1 -- 1",
            "1 or 1=1 -- 1",
            "1 -- x",
            "1 --",
            // functions that read the server, wait or compare text: not math
            "ascii(substr(user(),1,1))=114",
            "ASCII(SUBSTRING(database(),1,1)) > 100",
            "pi()=pi()",
            "sleep(5)=0",
            "length(version())=6",
            "1 and if(1=1,sleep(5),0)",
            "floor(rand(0)*2)",
            "exp(~(select 1))",
            // a zero-argument call is state, not math notation
            "sqrt() = 0",
            "abs( ) = 0",
            // a constant test next to a connective, whichever functions compute it
            "1 or gcd(4, 6) = 2",
            "1 and max(1, 2) > 1",
            "0 or sqrt(4)",
            "x = 1 or abs(-1) = 1",
            // `mod`/`div` need operands on both sides; a constant test next to a
            // connective stays SQL's whatever computes it, with `||` and `&&` too
            "mod 3 = 1",
            "7 mod",
            "7 mod = 1",
            "1 or 7 mod 3 = 1",
            "1 and 5 div 1 = 5",
            "1 or 2|3=3",
            "1 || 1",
            "2 || 3 = 3",
            "1 && 1=1",
            "x || x = x",
            "x ||| y",
            "|| x = 1",
            "modulo 3",
            // a function compared with itself
            "gcd(4, 6) = gcd(4, 6)",
            "max(1, 2)=max(1, 2)",
        ] {
            assert!(!is_math(v), "{v}");
        }
    }

    #[test]
    fn long_or_deep_values_are_not_read() {
        assert!(!is_math(&"1 + ".repeat(100)));
        assert!(!is_math(&"(".repeat(10)));
        assert!(!is_math("x = 1 or x = 2 ".repeat(20).trim()));
    }
}
