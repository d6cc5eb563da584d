//! Content decoding for Data Leak Prevention.
//!
//! PyRASP 0.10 skips DLP for any response with a `Content-Encoding` (spec §14 B22), so turning
//! on compression hides every leak. Adapters call [`decode_for_dlp`] on the (bounded) body
//! prefix: gzip, deflate (zlib or raw) and brotli are decoded up to the inspection limit, so a
//! decompression bomb costs at most `limit` bytes. What cannot be decoded is reported as such
//! (`encoded = true`) so the engine skips DLP *and counts it*; it is never skipped silently.

use std::borrow::Cow;
use std::io::Read;

/// Content codings applied on top of each other that we are willing to undo.
const MAX_CODINGS: usize = 4;

/// The body as DLP should see it.
#[derive(Debug)]
pub struct DlpBody<'a> {
    /// Decoded bytes (or the raw bytes when no coding applies or decoding failed).
    pub body: Cow<'a, [u8]>,
    /// True when `body` is still content-encoded: DLP must be skipped and counted.
    pub encoded: bool,
    /// True when decoding stopped at the limit (or the input itself was a prefix).
    pub truncated: bool,
}

/// One supported content coding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Coding {
    Gzip,
    Deflate,
    Brotli,
}

/// Parses a `Content-Encoding` value into the codings to undo, in the order to undo them
/// (last applied first). `Err(())` when a coding is unknown (zstd, compress…) or the list is
/// absurdly long.
fn parse_codings(value: &[u8]) -> Result<Vec<Coding>, ()> {
    let text = std::str::from_utf8(value).map_err(|_| ())?;
    let mut codings = Vec::new();
    for token in text.split(',') {
        let token = token.trim();
        let coding = if token.is_empty() || token.eq_ignore_ascii_case("identity") {
            continue;
        } else if token.eq_ignore_ascii_case("gzip") || token.eq_ignore_ascii_case("x-gzip") {
            Coding::Gzip
        } else if token.eq_ignore_ascii_case("deflate") {
            Coding::Deflate
        } else if token.eq_ignore_ascii_case("br") {
            Coding::Brotli
        } else {
            return Err(());
        };
        if codings.len() == MAX_CODINGS {
            return Err(());
        }
        codings.push(coding);
    }
    codings.reverse();
    Ok(codings)
}

/// Reads at most `limit` bytes from `reader`; keeps what was produced before an error
/// (a truncated input prefix ends in `UnexpectedEof`). Returns `(output, hit_limit, failed)`.
fn read_bounded(reader: impl Read, limit: usize) -> (Vec<u8>, bool, bool) {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let failed = reader.take(cap).read_to_end(&mut out).is_err();
    let hit_limit = out.len() > limit;
    out.truncate(limit);
    (out, hit_limit, failed)
}

fn decode_one(coding: Coding, input: &[u8], limit: usize) -> (Vec<u8>, bool, bool) {
    match coding {
        Coding::Gzip => read_bounded(flate2::read::MultiGzDecoder::new(input), limit),
        Coding::Deflate => {
            // RFC 9110 says zlib-wrapped, but some servers send raw deflate: try both.
            let zlib = read_bounded(flate2::read::ZlibDecoder::new(input), limit);
            if zlib.2 && zlib.0.is_empty() {
                read_bounded(flate2::read::DeflateDecoder::new(input), limit)
            } else {
                zlib
            }
        }
        Coding::Brotli => read_bounded(brotli::Decompressor::new(input, 4096), limit),
    }
}

/// Decodes `body` according to `content_encoding` for DLP, producing at most `limit` bytes.
///
/// `input_truncated` says that `body` is only a prefix of the real body; a decoder that runs
/// out of input then still yields what it decoded so far. A coding we do not support, or data
/// that does not decode at all, gives `encoded = true` with the raw bytes.
pub fn decode_for_dlp<'a>(
    content_encoding: Option<&[u8]>,
    body: &'a [u8],
    input_truncated: bool,
    limit: usize,
) -> DlpBody<'a> {
    let raw = |encoded| DlpBody {
        body: Cow::Borrowed(body),
        encoded,
        truncated: input_truncated,
    };
    let Some(value) = content_encoding else {
        return raw(false);
    };
    let codings = match parse_codings(value) {
        Ok(c) if c.is_empty() => return raw(false),
        Ok(c) => c,
        Err(()) => return raw(true),
    };
    if body.is_empty() {
        return raw(false);
    }
    let mut current: Cow<'a, [u8]> = Cow::Borrowed(body);
    let mut truncated = input_truncated;
    for coding in codings {
        let (out, hit_limit, failed) = decode_one(coding, &current, limit);
        if failed && out.is_empty() {
            return raw(true);
        }
        // A decoder error after some output on a complete input means the tail is corrupt:
        // inspect what decoded and report the body as truncated.
        truncated |= hit_limit || failed;
        current = Cow::Owned(out);
    }
    DlpBody {
        body: current,
        encoded: false,
        truncated,
    }
}

/// True for a `text/event-stream` content type: such bodies never end and must not be
/// buffered, so DLP cannot inspect them (adapters count them).
pub fn is_event_stream(content_type: &[u8]) -> bool {
    const SSE: &[u8] = b"text/event-stream";
    let start = content_type
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(content_type.len());
    content_type[start..]
        .get(..SSE.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(SSE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn brotli(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
            w.write_all(data).unwrap();
        }
        out
    }

    #[test]
    fn event_stream_detection() {
        assert!(is_event_stream(b"text/event-stream"));
        assert!(is_event_stream(b" Text/Event-Stream; charset=utf-8"));
        assert!(!is_event_stream(b"text/html"));
        assert!(!is_event_stream(b""));
    }

    #[test]
    fn identity_and_absent_pass_through() {
        let d = decode_for_dlp(None, b"abc", false, 10);
        assert_eq!(&*d.body, b"abc");
        assert!(!d.encoded && !d.truncated);
        let d = decode_for_dlp(Some(b"identity"), b"abc", true, 10);
        assert_eq!(&*d.body, b"abc");
        assert!(!d.encoded && d.truncated);
    }

    #[test]
    fn gzip_deflate_brotli_decode() {
        let text = b"-----BEGIN RSA PRIVATE KEY-----";
        let gz = gzip(text);
        let d = decode_for_dlp(Some(b"gzip"), &gz, false, 1 << 20);
        assert_eq!(&*d.body, text);
        assert!(!d.encoded);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(text).unwrap();
        let zlib = z.finish().unwrap();
        let d = decode_for_dlp(Some(b"Deflate"), &zlib, false, 1 << 20);
        assert_eq!(&*d.body, text);
        let mut r = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        r.write_all(text).unwrap();
        let raw = r.finish().unwrap();
        let d = decode_for_dlp(Some(b"deflate"), &raw, false, 1 << 20);
        assert_eq!(&*d.body, text);
        let br = brotli(text);
        let d = decode_for_dlp(Some(b"br"), &br, false, 1 << 20);
        assert_eq!(&*d.body, text);
    }

    #[test]
    fn stacked_codings_are_undone_in_reverse() {
        let text = b"secret 4111111111111111";
        let both = brotli(&gzip(text));
        let d = decode_for_dlp(Some(b"gzip, br"), &both, false, 1 << 20);
        assert_eq!(&*d.body, text);
    }

    #[test]
    fn bomb_is_bounded_by_limit() {
        let zeros = vec![0u8; 4 << 20];
        let bomb = gzip(&zeros);
        let d = decode_for_dlp(Some(b"gzip"), &bomb, false, 1000);
        assert_eq!(d.body.len(), 1000);
        assert!(d.truncated && !d.encoded);
    }

    #[test]
    fn truncated_input_yields_prefix() {
        let text: Vec<u8> = (0..50_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let z = gzip(&text);
        let d = decode_for_dlp(Some(b"gzip"), &z[..z.len() / 2], true, 1 << 20);
        assert!(!d.encoded && d.truncated);
        assert!(!d.body.is_empty());
        assert_eq!(&*d.body, &text[..d.body.len()]);
    }

    #[test]
    fn unknown_or_garbage_is_reported_encoded() {
        let d = decode_for_dlp(Some(b"zstd"), b"\x28\xb5\x2f\xfd", false, 100);
        assert!(d.encoded);
        let d = decode_for_dlp(Some(b"gzip"), b"not gzip at all", false, 100);
        assert!(d.encoded);
        let d = decode_for_dlp(Some(b"\xff\xfe"), b"x", false, 100);
        assert!(d.encoded);
        let d = decode_for_dlp(Some(b"gzip,gzip,gzip,gzip,gzip"), b"x", false, 100);
        assert!(d.encoded);
    }
}
