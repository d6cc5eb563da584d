//! Text and attribute values of a whole-value XML document.
//!
//! An endpoint that takes an XML body (a SOAP call, a stock-check or device-configuration
//! API, a file server's include list) hands each element's *decoded* text to its handler,
//! which may build SQL, a command line or a path from it:
//! `<storeId><![CDATA[1 UNION SELECT password FROM users]]></storeId>` gives the query
//! `1 UNION SELECT …`, `<ip>8.8.8.8&#x0a;id</ip>` the argument `8.8.8.8⏎id`,
//! `<INCLUDE>/etc/passwd</INCLUDE>` the path `/etc/passwd`. Seen whole, such a value is
//! markup around text, and its entities and CDATA section hide the text's structure; so a
//! value that is an XML document of data has each text node and attribute value judged on
//! its own, after XML's decoding, as [`crate::json_doc`] does for JSON.
//!
//! Formatting markup is no such document: a rich-text value (`<p>`, `<code>`, `<pre>`) is
//! prose around quoted code, and its `<code>/etc/passwd</code>` is documentation. Only a
//! document opening with an XML declaration, or whose root element is no formatting tag
//! and which closes that root at its end, counts.
//!
//! The walk is a bounded scan, not a parser: an attacker's document need not be well-formed
//! for the application's lenient parser to read it, and only the text between tags and the
//! quoted attribute values matter here.

use crate::normalize::html_entity_decode;

/// Text nodes and attribute values judged per document; a request body has a handful.
const MAX_VALUES: usize = 64;
/// Longest root element name read.
const MAX_NAME: usize = 64;

/// Whether `value` may be an XML document of data (see the module's documentation): it
/// opens with `<?xml`, or with an element that is no formatting tag and ends with that
/// element's end tag (`<ip>…</ip>`, `<soap:Envelope …>…</soap:Envelope>`).
///
/// ```text
/// <storeId>1 UNION SELECT 1</storeId>   a document
/// <p>drop me a line</p>                 formatting markup
/// ```
#[inline]
pub(crate) fn may_be_document(value: &str) -> bool {
    // (asked of almost every value: its first byte settles most, before any trimming)
    match value.as_bytes().first() {
        Some(b'<') => {}
        Some(c) if c.is_ascii_whitespace() => {}
        _ => return false,
    }
    root_closed_at_end(value.trim_ascii().as_bytes())
}

/// [`may_be_document`] on the value trimmed of ASCII blanks.
fn root_closed_at_end(b: &[u8]) -> bool {
    if b.len() < 7 || b[0] != b'<' || b[b.len() - 1] != b'>' {
        return false;
    }
    if b.starts_with(b"<?xml") {
        return true;
    }
    let n = b[1..]
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'_' | b'-' | b'.'))
        .count();
    if n == 0 || n > MAX_NAME || !b[1].is_ascii_alphabetic() {
        return false;
    }
    let name = &b[1..1 + n];
    if crate::ml::markup::safe_tag(name) {
        return false;
    }
    // `…</name>` closes the root at the value's end
    b.len() > n + 3 && b[..b.len() - 1].ends_with(name) && b[..b.len() - 1 - n].ends_with(b"</")
}

/// [`values`] of `value` if it [`may_be_document`]; `None` otherwise. What a grammar asks
/// once the whole value told it nothing.
pub(crate) fn document_values<T>(value: &str, judge: impl FnMut(&str) -> Option<T>) -> Option<T> {
    if !may_be_document(value) {
        return None;
    }
    values(value, judge)
}

/// Apply `judge` to each text node (a CDATA section's text as it stands, other text with its
/// character references decoded) and each quoted attribute value of the document `value`,
/// trimmed of blanks; the first verdict. At most [`MAX_VALUES`] non-empty values are read.
fn values<T>(value: &str, mut judge: impl FnMut(&str) -> Option<T>) -> Option<T> {
    let v = value.as_bytes();
    let mut found = 0;
    let mut i = 0;
    while i < v.len() && found < MAX_VALUES {
        // An attribute value `="…"` or a text node `>…<`; every delimiter is ASCII, so the
        // slices fall on character boundaries.
        let (text, next, cdata) = match (v[i], v.get(i + 1)) {
            (b'=', Some(&q @ (b'"' | b'\''))) => {
                let Some(len) = memchr::memchr(q, &v[i + 2..]) else {
                    break;
                };
                (&value[i + 2..i + 2 + len], i + 2 + len + 1, false)
            }
            (b'>', Some(_)) => {
                let from = i + 1;
                let lead = v[from..]
                    .iter()
                    .take_while(|c| c.is_ascii_whitespace())
                    .count();
                if v[from + lead..].starts_with(b"<![CDATA[") {
                    let body = from + lead + 9;
                    let Some(len) = memchr::memmem::find(&v[body..], b"]]>") else {
                        break;
                    };
                    (&value[body..body + len], body + len + 3, true)
                } else {
                    let len = memchr::memchr(b'<', &v[from..]).unwrap_or(v.len() - from);
                    (&value[from..from + len], from + len, false)
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        i = next;
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        found += 1;
        let verdict = if cdata {
            judge(text)
        } else {
            judge(&html_entity_decode(text))
        };
        if verdict.is_some() {
            return verdict;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{may_be_document, values};

    fn all_values(v: &str) -> Vec<String> {
        let mut out = Vec::new();
        values(v, |t| {
            out.push(t.to_owned());
            None::<()>
        });
        out
    }

    #[test]
    fn documents_of_data_not_formatting_markup() {
        for v in [
            "<storeId>1</storeId>",
            "<?xml version=\"1.0\"?><a>x</a>",
            "<INCLUDE>/etc/passwd</INCLUDE>",
            "<soap:Envelope xmlns:soap=\"x\"><soap:Body>1</soap:Body></soap:Envelope>",
            " <ip>8.8.8.8</ip> ",
        ] {
            assert!(may_be_document(v), "{v:?}");
        }
        for v in [
            "<p>drop me a line</p>",
            "<code>/etc/passwd</code>",
            "<b>x</b>",
            "<ip>8.8.8.8</ipx>",
            "<ip>8.8.8.8",
            "a <ip>x</ip>",
            "<3 you </3>",
            "<>",
        ] {
            assert!(!may_be_document(v), "{v:?}");
        }
    }

    #[test]
    fn text_cdata_and_attributes_decoded() {
        assert_eq!(
            all_values("<r a='1'><s><![CDATA[x &amp; <y>]]></s><t>8&#x0a;id</t></r>"),
            ["1", "x &amp; <y>", "8\nid"]
        );
        // unterminated pieces end the walk without a panic
        assert!(all_values("<r a='1").is_empty());
        assert_eq!(all_values("<r><![CDATA[x</r>"), Vec::<String>::new());
        assert_eq!(all_values("<r>tail"), ["tail"]);
    }
}
