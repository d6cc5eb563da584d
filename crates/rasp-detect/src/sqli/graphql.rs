//! String arguments of a GraphQL document.
//!
//! A GraphQL endpoint receives its whole request as one document (`query`, a JSON field), and
//! the server hands each argument's *decoded* value to a resolver:
//! `mutation { login(username: "admin'-- -") { token } }` gives the resolver `admin'-- -`.
//! A resolver that builds SQL from it is injected exactly as if the value had come as a form
//! field (or as GraphQL `variables`, which arrive as plain JSON fields and are checked as such).
//! Read as one value, the document looks like a single double-quoted literal and hides the
//! break-out, so each string literal of a document is judged on its own.
//!
//! Only values shaped like a document are read: an executable definition's keyword or a
//! selection set `{ name …` (JSON opens with `{"`). In GraphQL every string literal is a value
//! (an argument, a list item, an input-object field or a description), never a name, so every
//! literal is what some resolver may receive. One pass over the bytes, a bounded count of
//! literals, each decoded into one reused buffer.

/// Literals read per document; a real operation has a handful.
const MAX_LITERALS: usize = 64;

/// Whether `value` opens like a GraphQL executable document.
fn is_document(value: &str) -> bool {
    let v = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
    if let Some(rest) = v.strip_prefix('{') {
        // a selection set starts with a field name (JSON's keys are quoted)
        return rest
            .trim_start()
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_');
    }
    ["query", "mutation", "subscription"].iter().any(|k| {
        v.get(..k.len()).is_some_and(|h| h.eq_ignore_ascii_case(k))
            && matches!(
                v.as_bytes().get(k.len()),
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'(')
            )
            && v.contains('{')
    })
}

/// Whether `value` may open a document: its first byte (a brace, a keyword's first letter or
/// white space) turns almost every value away before any other work.
#[inline]
pub fn may_open_document(value: &str) -> bool {
    matches!(
        value.as_bytes().first(),
        Some(b'{' | b'q' | b'Q' | b'm' | b'M' | b's' | b'S' | b' ' | b'\t' | b'\n' | b'\r')
    )
}

/// Apply `judge` to each decoded string literal of a GraphQL document; the first verdict.
pub fn string_arguments(
    value: &str,
    mut judge: impl FnMut(&str) -> Option<&'static str>,
) -> Option<&'static str> {
    if !is_document(value) {
        return None;
    }
    let b = value.as_bytes();
    let mut buf = String::new();
    let mut i = 0;
    let mut seen = 0;
    while i < b.len() && seen < MAX_LITERALS {
        match b[i] {
            // comments run to the end of the line
            b'#' => i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n),
            b'"' => {
                seen += 1;
                i = literal(value, i, &mut buf);
                if !buf.is_empty() {
                    if let Some(r) = judge(&buf) {
                        return Some(r);
                    }
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Decode the literal opening at `start` (a `"`) into `buf`; the index after it.
fn literal(value: &str, start: usize, buf: &mut String) -> usize {
    buf.clear();
    let b = value.as_bytes();
    if b.get(start..start + 3) == Some(&b"\"\"\""[..]) {
        // block string: raw up to the closing `"""` (only `\"""` is an escape)
        let body = &value[start + 3..];
        let end = body.find("\"\"\"").unwrap_or(body.len());
        buf.push_str(&body[..end].replace("\\\"\"\"", "\"\"\""));
        return (start + 3 + end + 3).min(b.len());
    }
    let mut chars = value[start + 1..].char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '"' => return start + 1 + k + 1,
            '\\' => match chars.next() {
                Some((_, 'n')) => buf.push('\n'),
                Some((_, 't')) => buf.push('\t'),
                Some((_, 'r')) => buf.push('\r'),
                Some((_, 'b')) => buf.push('\u{8}'),
                Some((_, 'f')) => buf.push('\u{c}'),
                Some((_, 'u')) => {
                    let hex: String = chars.by_ref().take(4).map(|(_, h)| h).collect();
                    let code = (hex.len() == 4).then(|| u32::from_str_radix(&hex, 16).ok());
                    match code.flatten().and_then(char::from_u32) {
                        Some(d) => buf.push(d),
                        None => buf.push_str(&hex),
                    }
                }
                Some((_, other)) => buf.push(other),
                None => break,
            },
            // a line break ends an unterminated literal
            '\n' => return start + 1 + k + 1,
            _ => buf.push(c),
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(v: &str) -> Vec<String> {
        let mut out = Vec::new();
        string_arguments(v, |s| {
            out.push(s.to_owned());
            None
        });
        out
    }

    #[test]
    fn reads_decoded_literals_of_documents_only() {
        assert_eq!(
            literals(r#"mutation { login(username: "a\"b\u0027c", password: "x") { token } }"#),
            ["a\"b'c", "x"]
        );
        assert_eq!(
            literals(r#"{ items(filter: {category: "1) OR (1=1"}) { id } }"#),
            ["1) OR (1=1"]
        );
        assert_eq!(
            literals(r#"query Q { a(d: """block "x" """) }"#),
            ["block \"x\" "]
        );
        // JSON, prose and a lone brace are no documents
        assert!(literals(r#"{"query": "x"}"#).is_empty());
        assert!(literals(r#"query "foo" in the docs"#).is_empty());
        assert!(literals(r#"{ "a" }"#).is_empty());
        // unterminated and escape-ended literals stay bounded
        assert_eq!(literals("{ a(b: \"x\\"), ["x"]);
        assert_eq!(literals("{ a(b: \"x\\u12"), ["x12"]);
    }
}
