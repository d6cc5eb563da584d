//! DOM clobbering: markup that defines the page script's own names.
//!
//! A browser makes every element with an `id` a property of `window` (and, for forms and
//! images, with a `name` of `document`). Two elements sharing one `id` make that property an
//! `HTMLCollection`, whose members are then reachable by their `name`
//! (`<a id=CONFIG><a id=CONFIG name=scriptUrl href=//evil.example/x.js>` makes
//! `CONFIG.scriptUrl` the attacker's URL, read by a page that does
//! `s.src = window.CONFIG && CONFIG.scriptUrl || '/default.js'`). No script runs in the
//! value itself, so the tag rules stay silent; what gives it away is the duplicate `id`,
//! which HTML forbids and no editor or template writes: a page's ids name its parts once.

use super::page::known_element;

/// Ids remembered per value (a rich-text snippet holds a few).
const MAX_IDS: usize = 16;

/// Bytes of a tag read for its attributes.
const MAX_TAG: usize = 512;

/// Longest element name compared (the longest HTML name is 10 bytes).
const MAX_NAME: usize = 16;

/// Whether two HTML elements of `b` carry the same `id` and that id is a script identifier
/// (what `window.<id>` can name): the shape of a DOM-clobbering collection. Elements that
/// are no HTML element (`<MagicMock name='foo' id='...'>`, a Python repr) do not count.
pub(super) fn duplicate_ids(b: &[u8]) -> bool {
    // Most markup has no `id` at all, or one: a count over the `=` signs settles it.
    if memchr::memchr_iter(b'=', b)
        .filter(|&eq| names_id(b, eq))
        .take(2)
        .count()
        < 2
    {
        return false;
    }
    let mut ids: [&[u8]; MAX_IDS] = [&[]; MAX_IDS];
    let mut n = 0;
    for lt in memchr::memchr_iter(b'<', b) {
        if n == MAX_IDS {
            break;
        }
        let Some(id) = element_id(b, lt) else {
            continue;
        };
        if !identifier(id) {
            continue;
        }
        if ids[..n].contains(&id) {
            return true;
        }
        ids[n] = id;
        n += 1;
    }
    false
}

/// Whether the `=` at `eq` follows an attribute name `id` (any case, blanks allowed before
/// the `=`) that starts after a blank, a quote or `/`.
fn names_id(b: &[u8], eq: usize) -> bool {
    let head = b[..eq].trim_ascii_end();
    let n = head.len();
    n >= 3
        && head[n - 2..].eq_ignore_ascii_case(b"id")
        && matches!(
            head[n - 3],
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'"' | b'\''
        )
}

/// The value of the `id` attribute of the start tag at `lt`, if it opens an HTML element.
fn element_id(b: &[u8], lt: usize) -> Option<&[u8]> {
    let end = b.len().min(lt + MAX_TAG);
    let tag = &b[lt + 1..end];
    let name_len = tag
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || name_len > MAX_NAME {
        return None;
    }
    let mut buf = [0u8; MAX_NAME];
    if !known_element(super::lower_into(&tag[..name_len], &mut buf)) {
        return None;
    }
    let mut k = name_len;
    while k < tag.len() {
        let c = tag[k];
        if c == b'>' || c == b'<' {
            return None;
        }
        if c == b'=' && names_id(tag, k) {
            let mut v = k + 1;
            while tag.get(v).is_some_and(u8::is_ascii_whitespace) {
                v += 1;
            }
            return Some(match tag.get(v) {
                Some(&q @ (b'"' | b'\'')) => {
                    let body = &tag[v + 1..];
                    &body[..memchr::memchr(q, body)?]
                }
                _ => {
                    let body = &tag[v..];
                    let len = body
                        .iter()
                        .position(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
                        .unwrap_or(body.len());
                    &body[..len]
                }
            });
        }
        // a quoted attribute value is skipped whole: an `id=` inside it is text
        if c == b'"' || c == b'\'' {
            k += 1 + memchr::memchr(c, &tag[k + 1..])?;
        }
        k += 1;
    }
    None
}

/// A JavaScript identifier of ASCII letters, digits, `_` and `$`, not starting with a digit.
fn identifier(id: &[u8]) -> bool {
    id.first().is_some_and(|&c| super::is_ident_start(c)) && id.iter().all(|&c| super::is_ident(c))
}

#[cfg(test)]
mod tests {
    use super::duplicate_ids;

    #[test]
    fn a_collection_of_one_id_is_clobbering() {
        for v in [
            "<a id=CONFIG><a id=CONFIG name=scriptUrl href=https://evil.example/x.js>",
            "<a id=x><a id=x name=y href=javascript:alert(1)>",
            "<img id=someObject><img id=someObject name=url src=\"data:,alert(1)\">",
            "<form id=\"f\"></form><form ID='f' name=action>",
            "<a id = cfg>a</a> <a id= cfg name=url href=//evil.example>b</a>",
        ] {
            assert!(duplicate_ids(v.as_bytes()), "{v:?}");
        }
        for v in [
            // distinct ids, one id, a Python repr, an id that is no identifier, text
            "<h2 id=\"intro\">Intro</h2><h2 id=\"usage\">Usage</h2>",
            "<a id=top></a><p>x</p>",
            "<MagicMock name='foo' id='...'>\n<MagicMock name='foo.method' id='...'>",
            "<li id=\"item-1\">a</li><li id=\"item-1\">b</li>",
            "<p title=\"id=x id=x\">text</p>",
            "id=5&id=5",
            "<p data-id=x></p><p data-id=x></p>",
        ] {
            assert!(!duplicate_ids(v.as_bytes()), "{v:?}");
        }
    }
}
