//! A small, bounded `multipart/form-data` splitter (RFC 7578) for field names, file names
//! and text fields. Malformed input yields fewer parts, never an error or a panic.

use memchr::memmem;

/// One part of a multipart body.
#[derive(Debug, PartialEq, Eq)]
pub struct Part<'a> {
    /// Field name.
    pub name: String,
    /// File name, for file parts.
    pub filename: Option<String>,
    /// Part content.
    pub data: &'a [u8],
}

/// The `boundary` parameter of a `multipart/*` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("boundary") {
            return None;
        }
        let b = v.trim().trim_matches('"');
        (!b.is_empty() && b.len() <= 200).then(|| b.to_string())
    })
}

fn disposition_param(header: &str, key: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Split `body` into at most `max_parts` parts.
pub fn parts<'a>(body: &'a [u8], boundary: &str, max_parts: usize) -> Vec<Part<'a>> {
    let delim = format!("--{boundary}");
    let finder = memmem::Finder::new(delim.as_bytes());
    let mut out = Vec::new();
    let mut positions = finder
        .find_iter(body)
        .take(max_parts.saturating_add(1))
        .peekable();
    while let Some(start) = positions.next() {
        let Some(&next) = positions.peek() else { break };
        let mut part = &body[start + delim.len()..next];
        // Strip the CRLF after the delimiter and the one before the next delimiter.
        part = part
            .strip_prefix(b"\r\n")
            .or_else(|| part.strip_prefix(b"\n"))
            .unwrap_or(part);
        part = part
            .strip_suffix(b"\r\n")
            .or_else(|| part.strip_suffix(b"\n"))
            .unwrap_or(part);
        let (head, data) = match memmem::find(part, b"\r\n\r\n") {
            Some(i) => (&part[..i], &part[i + 4..]),
            None => match memmem::find(part, b"\n\n") {
                Some(i) => (&part[..i], &part[i + 2..]),
                None => continue,
            },
        };
        let head = String::from_utf8_lossy(head);
        let Some(disp) = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))
        else {
            continue;
        };
        let name = disposition_param(disp, "name").unwrap_or_default();
        let filename = disposition_param(disp, "filename");
        out.push(Part {
            name,
            filename,
            data,
        });
        if out.len() >= max_parts {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_fields_and_files() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhello <b>\r\n--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"../../etc/passwd\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\xff\xfe\r\n--XyZ--\r\n";
        let b = boundary("multipart/form-data; boundary=XyZ").unwrap();
        let p = parts(body, &b, 10);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name, "comment");
        assert_eq!(p[0].data, b"hello <b>");
        assert_eq!(p[1].filename.as_deref(), Some("../../etc/passwd"));
        assert_eq!(p[1].data, b"\x00\xff\xfe");
        assert!(parts(b"garbage", "XyZ", 10).is_empty());
        assert_eq!(parts(body, &b, 1).len(), 1);
    }
}
