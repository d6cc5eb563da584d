//! Recognise plain formatting markup — what rich-text editors, CMSs and Markdown renderers
//! submit — so the ML stage does not second-guess HTML whose every tag and attribute the
//! grammar already saw to be inert. A value with any other tag, attribute or URL scheme is
//! not "plain" and goes on to the model.

/// Tags that only format or link text (sorted).
const SAFE_TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes that carry no behaviour (sorted).
const SAFE_ATTRS: &[&str] = &[
    "accesskey",
    "align",
    "alt",
    "border",
    "cellpadding",
    "cellspacing",
    "cite",
    "class",
    "color",
    "colspan",
    "datetime",
    "dir",
    "face",
    "headers",
    "height",
    "href",
    "hreflang",
    "id",
    "lang",
    "name",
    "open",
    "rel",
    "reversed",
    "rowspan",
    "scope",
    "size",
    "span",
    "src",
    "start",
    "target",
    "title",
    "translate",
    "type",
    "valign",
    "value",
    "width",
];

/// Static SVG drawing (icons and figures that editors and uploads carry): plain only in a
/// value that closes an `<svg>` element ([`closes_svg`]), so a lone namespaced tag from an
/// attack list (`<svg xmlns=…>`, `<a xlink:href="?">`), a fragment of a larger vector, stays
/// the model's. Nothing that animates, loads a resource or holds script or style
/// (`animate`, `set`, `use`, `image`, `foreignObject`, `script`, `style`) is listed.
const SVG_TAGS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "title",
    "desc",
    "lineargradient",
    "radialgradient",
    "stop",
    "clippath",
    "mask",
    "pattern",
    "marker",
    "metadata",
];

/// SVG presentation and geometry attributes, plain on the terms of [`SVG_TAGS`]. A URL
/// (`xlink:href`) is still held to an inert value.
const SVG_ATTRS: &[&str] = &[
    "xmlns",
    "xmlns:xlink",
    "xlink:href",
    "viewbox",
    "version",
    "fill",
    "fill-opacity",
    "fill-rule",
    "clip-rule",
    "clip-path",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-opacity",
    "stroke-dasharray",
    "opacity",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "dx",
    "dy",
    "d",
    "points",
    "transform",
    "offset",
    "stop-color",
    "stop-opacity",
    "font-size",
    "font-family",
    "font-weight",
    "text-anchor",
    "role",
    "focusable",
    "gradientunits",
];

/// Bytes of markup examined at most; longer values are not called plain.
pub(crate) const MAX_MARKUP: usize = 8192;

/// Whether `value` contains at least one tag and every tag is plain formatting markup with
/// inert attributes (no handlers, no script URLs, no styles).
pub fn is_plain_markup(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() > MAX_MARKUP {
        return false;
    }
    let mut i = 0;
    let mut tags = 0;
    let mut svg = SvgDocument::default();
    // Tags side by side (`</span></code></a>`) are found by looking at the next few bytes;
    // memchr finds the next `<` of a long prose run a vector at a time.
    while let Some(off) = crate::normalize::find_byte(b'<', &b[i..]) {
        let at = i + off;
        match b.get(at + 1) {
            Some(c) if c.is_ascii_alphabetic() || *c == b'/' => {}
            // `a < b`, `<3`, `<=`: text, not a tag.
            _ => {
                i = at + 1;
                continue;
            }
        }
        match parse_tag(b, at, &mut svg) {
            Some(end) => {
                tags += 1;
                i = end;
            }
            None => return false,
        }
    }
    tags > 0
}

/// Whether `name` (any case) is one of the plain formatting tags.
pub(crate) fn safe_tag(name: &[u8]) -> bool {
    in_list(&SAFE_TAGS_SET, name)
}

/// Whether `name` (any case) is one of [`SVG_TAGS`].
pub(crate) fn svg_tag(name: &[u8]) -> bool {
    in_list(&SVG_TAGS_SET, name)
}

/// [`svg_tag`] of a name packed as in [`safe_tag_packed`].
pub(crate) fn svg_tag_packed(x: u128) -> bool {
    in_set(&SVG_TAGS_SET, x)
}

/// Whether the attribute `name` (any case) is one of [`SVG_ATTRS`].
pub(crate) fn svg_attr(name: &[u8]) -> bool {
    in_list(&SVG_ATTRS_SET, name)
}

/// [`svg_attr`] of a name packed as in [`safe_tag_packed`].
pub(crate) fn svg_attr_packed(x: u128) -> bool {
    in_set(&SVG_ATTRS_SET, x)
}

/// Whether `b` closes an `<svg>` element (`</svg>`, any case): an SVG drawing, whole.
pub(crate) fn closes_svg(b: &[u8]) -> bool {
    b.windows(6)
        .any(|w| w[..2] == *b"</" && w[2..6].eq_ignore_ascii_case(b"svg>"))
}

/// [`closes_svg`] of one value, asked at most once and only when an SVG name is met.
#[derive(Default)]
pub(crate) struct SvgDocument(Option<bool>);

impl SvgDocument {
    /// Whether `b` (the whole value, the same at every call) [`closes_svg`].
    pub(crate) fn closed(&mut self, b: &[u8]) -> bool {
        *self.0.get_or_insert_with(|| closes_svg(b))
    }
}

/// Whether the attribute `name` (any case) carries no behaviour: a listed one, `data-*` or
/// `aria-*`.
pub(crate) fn safe_attr(name: &[u8]) -> bool {
    in_list(&SAFE_ATTRS_SET, name)
        || crate::normalize::strip_prefix_ignore_case(name, b"data-").is_some()
        || crate::normalize::strip_prefix_ignore_case(name, b"aria-").is_some()
}

/// Whether `name`, whatever bytes it holds, is an attribute name as [`parse_tag`] reads one
/// (letters, digits, `-`, `_`, `:`) and [`safe_attr`]. A listed name matched exactly has
/// only such bytes; a `data-`/`aria-` name is checked byte by byte.
pub(crate) fn plain_attr(name: &[u8]) -> bool {
    in_list(&SAFE_ATTRS_SET, name)
        || ((crate::normalize::strip_prefix_ignore_case(name, b"data-").is_some()
            || crate::normalize::strip_prefix_ignore_case(name, b"aria-").is_some())
            && name
                .iter()
                .all(|&c| TAG_BYTE[usize::from(c)] & ATTR_NAME != 0))
}

/// [`safe_tag`] of a name of at most 16 bytes that the caller lower-cased into a
/// zero-padded buffer: `x` is that buffer read as one little-endian integer.
pub(crate) fn safe_tag_packed(x: u128) -> bool {
    in_set(&SAFE_TAGS_SET, x)
}

/// [`plain_attr`] of a name of at most 16 bytes given lower-cased (`lower`) and packed as in
/// [`safe_tag_packed`] (`x`).
pub(crate) fn plain_attr_packed(lower: &[u8], x: u128) -> bool {
    in_set(&SAFE_ATTRS_SET, x)
        || ((lower.starts_with(b"data-") || lower.starts_with(b"aria-"))
            && lower
                .iter()
                .all(|&c| TAG_BYTE[usize::from(c)] & ATTR_NAME != 0))
}

/// Parse one tag at `b[at] == b'<'`; returns the index after `>` if it is plain.
fn parse_tag(b: &[u8], at: usize, svg: &mut SvgDocument) -> Option<usize> {
    let mut i = at + 1;
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    let name_start = i;
    i = skip(b, i, ALNUM);
    let name = &b[name_start..i];
    if !(safe_tag(name) || (svg_tag(name) && svg.closed(b))) {
        return None;
    }
    loop {
        i = skip(b, i, SPACE);
        match b.get(i)? {
            b'>' => return Some(i + 1),
            b'/' if b.get(i + 1) == Some(&b'>') => return Some(i + 2),
            _ => {}
        }
        let attr_start = i;
        i = skip(b, i, ATTR_NAME);
        if i == attr_start {
            return None;
        }
        let attr = &b[attr_start..i];
        if !(safe_attr(attr) || (svg_attr(attr) && svg.closed(b))) {
            return None;
        }
        i = skip(b, i, SPACE);
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i = skip(b, i + 1, SPACE);
        i = match b.get(i)? {
            q @ (b'"' | b'\'') => i + 1 + inert_quoted_value(&b[i + 1..], *q)? + 1,
            _ => {
                let end = b[i..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'>')
                    .map_or(b.len(), |p| i + p);
                if !inert_value(&b[i..end]) {
                    return None;
                }
                end
            }
        };
    }
}

/// [`TAG_BYTE`] bits: an ASCII letter or digit (tag names); that or `-`, `_`, `:` (attribute
/// names); ASCII whitespace as [`u8::is_ascii_whitespace`] has it.
const ALNUM: u8 = 1;
const ATTR_NAME: u8 = 2;
const SPACE: u8 = 4;
/// The [`parse_tag`] classes of every byte: one load per byte of a name or a gap instead of
/// a chain of range compares.
static TAG_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] = ALNUM | ATTR_NAME;
        } else if matches!(b, b'-' | b'_' | b':') {
            t[c] = ATTR_NAME;
        } else if b.is_ascii_whitespace() {
            t[c] = SPACE;
        }
        c += 1;
    }
    t
};

/// The index of the first byte at or after `i` without the [`TAG_BYTE`] bit `class`.
fn skip(b: &[u8], mut i: usize, class: u8) -> usize {
    while i < b.len() && TAG_BYTE[usize::from(b[i])] & class != 0 {
        i += 1;
    }
    i
}

/// A name of at most 16 bytes packed into an integer (little-endian, zero-padded): list
/// membership becomes a scan of integer comparisons.
const fn pack(name: &[u8]) -> u128 {
    let mut x = 0u128;
    let mut i = 0;
    while i < name.len() && i < 16 {
        x |= (name[i].to_ascii_lowercase() as u128) << (8 * i);
        i += 1;
    }
    x
}

/// The packed names of `list`, sorted by their packed value (duplicates side by side).
const fn pack_list<const N: usize>(list: &[&str]) -> [u128; N] {
    let mut t = [0u128; N];
    let mut i = 0;
    while i < N {
        t[i] = pack(list[i].as_bytes());
        i += 1;
    }
    // Insertion sort: const-evaluable, and the lists are short.
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && t[j - 1] > t[j] {
            let x = t[j];
            t[j] = t[j - 1];
            t[j - 1] = x;
            j -= 1;
        }
        i += 1;
    }
    t
}

/// The packed names, sorted (the tests check the lists against them).
#[cfg(test)]
static SAFE_TAGS_PACKED: [u128; SAFE_TAGS.len()] = pack_list(SAFE_TAGS);
#[cfg(test)]
static SAFE_ATTRS_PACKED: [u128; SAFE_ATTRS.len()] = pack_list(SAFE_ATTRS);
/// The packed names in open-addressing hash tables (at most half full): a lookup is one
/// multiply and, mostly, one or two comparisons instead of a binary search's seven.
static SAFE_TAGS_SET: [u128; 256] = name_set(&pack_list::<{ SAFE_TAGS.len() }>(SAFE_TAGS));
static SAFE_ATTRS_SET: [u128; 128] = name_set(&pack_list::<{ SAFE_ATTRS.len() }>(SAFE_ATTRS));
static SVG_TAGS_SET: [u128; 64] = name_set(&pack_list::<{ SVG_TAGS.len() }>(SVG_TAGS));
static SVG_ATTRS_SET: [u128; 128] = name_set(&pack_list::<{ SVG_ATTRS.len() }>(SVG_ATTRS));
#[cfg(test)]
static SVG_TAGS_PACKED: [u128; SVG_TAGS.len()] = pack_list(SVG_TAGS);
#[cfg(test)]
static SVG_ATTRS_PACKED: [u128; SVG_ATTRS.len()] = pack_list(SVG_ATTRS);

/// The home slot of a packed name in a table of `len` (a power of two) slots.
const fn slot(x: u128, len: usize) -> usize {
    let folded = (x as u64) ^ ((x >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (len - 1)
}

/// A linear-probing table of `packed` (zero marks an empty slot: every name is non-empty,
/// so none packs to zero). Fails to compile if the table would be more than half full.
const fn name_set<const N: usize>(packed: &[u128]) -> [u128; N] {
    assert!(N.is_power_of_two() && packed.len() * 2 <= N);
    let mut t = [0u128; N];
    let mut i = 0;
    while i < packed.len() {
        let mut at = slot(packed[i], N);
        while t[at] != 0 {
            at = (at + 1) & (N - 1);
        }
        t[at] = packed[i];
        i += 1;
    }
    t
}

/// Whether the ASCII name `name` (any case) is in `set` (a [`name_set`] table): no
/// allocation, a hash and a short probe of integer comparisons.
fn in_list(set: &[u128], name: &[u8]) -> bool {
    // Longer than any entry (the longest has 11 bytes), or empty: not in the list.
    if name.is_empty() || name.len() > 16 || !set.len().is_power_of_two() {
        return false;
    }
    // `pack`, byte by byte into an array read as one integer (no 128-bit shift per byte).
    let mut bytes = [0u8; 16];
    for (b, &c) in bytes.iter_mut().zip(name) {
        *b = c.to_ascii_lowercase();
    }
    in_set(set, u128::from_le_bytes(bytes))
}

/// Whether the packed name `x` ([`pack`]: lower-case, zero-padded; zero for none) is in
/// `set`.
fn in_set(set: &[u128], x: u128) -> bool {
    if !set.len().is_power_of_two() {
        return false;
    }
    let mut at = slot(x, set.len());
    // Bounded by the table's size; an empty slot (the table is at most half full) ends the
    // probe long before.
    for _ in 0..set.len() {
        match set[at] {
            0 => return false,
            e if e == x => return true,
            _ => at = (at + 1) & (set.len() - 1),
        }
    }
    false
}

/// [`inert_value`]'s byte classes: markup, backtick, entity and escape bytes are forbidden
/// in an inert value; the colon ends a scheme; the quotes end a quoted value
/// ([`inert_quoted_value`]).
const FORBIDDEN: u8 = 1;
const COLON: u8 = 2;
const DOUBLE_QUOTE: u8 = 4;
const SINGLE_QUOTE: u8 = 8;
static VALUE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'"' as usize] = DOUBLE_QUOTE;
    t[b'\'' as usize] = SINGLE_QUOTE;
    t[b'<' as usize] = FORBIDDEN;
    t[b'>' as usize] = FORBIDDEN;
    t[b'`' as usize] = FORBIDDEN;
    t[b'&' as usize] = FORBIDDEN;
    t[b'\\' as usize] = FORBIDDEN;
    t[b':' as usize] = COLON;
    t
};

/// An attribute value with no markup, no backtick and no scheme other than http(s)/mailto.
pub(crate) fn inert_value(v: &[u8]) -> bool {
    // One pass finds both a forbidden byte (anywhere) and the first colon.
    let mut colon = None;
    for (i, &c) in v.iter().enumerate() {
        match VALUE_CLASS[usize::from(c)] {
            FORBIDDEN => return false,
            COLON if colon.is_none() => colon = Some(i),
            _ => {}
        }
    }
    allowed_scheme(v, colon)
}

/// The length of the value that `rest` starts with, up to the closing `quote`, if there is
/// one and the value is inert ([`inert_value`]). One pass finds the quote and judges the
/// bytes before it: a forbidden byte leaves the tag not plain whether or not a quote
/// follows, and so does a missing quote.
fn inert_quoted_value(rest: &[u8], quote: u8) -> Option<usize> {
    let end = if quote == b'"' {
        DOUBLE_QUOTE
    } else {
        SINGLE_QUOTE
    };
    let mut colon = None;
    for (i, &c) in rest.iter().enumerate() {
        let class = VALUE_CLASS[usize::from(c)];
        if class == 0 {
            continue;
        }
        if class & end != 0 {
            return allowed_scheme(&rest[..i], colon).then_some(i);
        }
        if class & FORBIDDEN != 0 {
            return None;
        }
        if class & COLON != 0 && colon.is_none() {
            colon = Some(i);
        }
    }
    None
}

/// Whether the scheme of `v`, whose first colon is at `colon`, is none or one that loads
/// no script (http(s), mailto, tel).
fn allowed_scheme(v: &[u8], colon: Option<usize>) -> bool {
    // The scheme is what precedes the first colon, read as a browser does: whitespace
    // removed, any case.
    match colon {
        Some(colon) => {
            let scheme = &v[..colon];
            // A colon after a path or query is not a scheme (`/a:b`, `?t=10:30`).
            if scheme.iter().any(|c| matches!(c, b'/' | b'?' | b'#')) {
                return true;
            }
            // The longest allowed scheme has 6 letters; fold into a stack buffer.
            let mut buf = [0u8; 6];
            let mut n = 0;
            for &c in scheme.iter().filter(|c| !c.is_ascii_whitespace()) {
                if n == buf.len() {
                    return false;
                }
                buf[n] = c.to_ascii_lowercase();
                n += 1;
            }
            matches!(&buf[..n], b"http" | b"https" | b"mailto" | b"tel")
        }
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_lookup_finds_every_name_in_any_case_and_nothing_else() {
        for (list, packed) in [
            (SAFE_TAGS, &SAFE_TAGS_SET[..]),
            (SAFE_ATTRS, &SAFE_ATTRS_SET[..]),
        ] {
            for name in list {
                assert!(in_list(packed, name.as_bytes()), "{name}");
                assert!(
                    in_list(packed, name.to_ascii_uppercase().as_bytes()),
                    "{name}"
                );
                for extra in ["x", "0", "-"] {
                    let longer = format!("{name}{extra}");
                    assert_eq!(
                        in_list(packed, longer.as_bytes()),
                        list.contains(&longer.as_str())
                    );
                }
                assert_eq!(
                    in_list(packed, &name.as_bytes()[1..]),
                    list.contains(&&name[1..])
                );
            }
        }
        assert!(!in_list(&SAFE_TAGS_SET, b"script"));
        assert!(!in_list(&SAFE_ATTRS_SET, b"onclick"));
        assert!(!in_list(&SAFE_ATTRS_SET, b"abcdefghijklmnopq"));
    }

    /// The two-pass definition [`inert_value`] answers in one pass.
    fn reference_inert_value(v: &[u8]) -> bool {
        if v.iter()
            .any(|c| matches!(c, b'<' | b'>' | b'`' | b'&' | b'\\'))
        {
            return false;
        }
        match v.iter().position(|&c| c == b':') {
            Some(colon) if !v[..colon].iter().any(|c| matches!(c, b'/' | b'?' | b'#')) => {
                let scheme: Vec<u8> = v[..colon]
                    .iter()
                    .filter(|c| !c.is_ascii_whitespace())
                    .map(u8::to_ascii_lowercase)
                    .collect();
                matches!(&scheme[..], b"http" | b"https" | b"mailto" | b"tel")
            }
            _ => true,
        }
    }

    #[test]
    fn one_pass_value_test_agrees_with_two_passes() {
        for v in [
            "",
            "x",
            "https://a.org/b:c",
            "java script:x",
            "JaVaScRiPt:x",
            "/a:b",
            "?t=10:30",
            "mailto:a@b",
            " tel :1",
            "a&b",
            "a<b",
            "x`y",
            "a\\b",
            "a:b:c",
            "https:",
            ":",
            "a>b:c",
            "verylongscheme:x",
            "h t t p:x",
            "data:text/html,x",
        ] {
            assert_eq!(
                inert_value(v.as_bytes()),
                reference_inert_value(v.as_bytes()),
                "{v}"
            );
        }
    }

    /// The one-pass quoted value agrees with finding the quote, then judging the value.
    #[test]
    fn quoted_value_pass_agrees_with_two_passes() {
        for v in [
            "",
            "x\"",
            "https://a.org/b:c\" x",
            "javascript:x\"",
            "a&b\"",
            "a<b\"",
            "'\"",
            "a\"<",
            "a>",
            "mailto:a@b'",
            "x'y\"",
            "no close",
            " tel :1\"",
            "\"",
        ] {
            for q in [b'"', b'\''] {
                let b = v.as_bytes();
                let two = memchr::memchr(q, b).filter(|&c| inert_value(&b[..c]));
                assert_eq!(inert_quoted_value(b, q), two, "{v} {q}");
            }
        }
    }

    #[test]
    fn plain_attr_is_the_readers_name_and_the_list() {
        for n in [
            "class",
            "CLASS",
            "data-x",
            "Data-X_1:y",
            "aria-label",
            "data-",
            "data-a b",
            "data-a\"",
            "cla\u{e9}ss",
            "onclick",
            "",
            "class=",
            "hre f",
            "data-x/",
        ] {
            let b = n.as_bytes();
            let reads =
                !b.is_empty() && b.iter().all(|&c| TAG_BYTE[usize::from(c)] & ATTR_NAME != 0);
            assert_eq!(plain_attr(b), reads && safe_attr(b), "{n}");
        }
    }

    #[test]
    fn packed_lookups_are_the_byte_lookups() {
        for n in [
            "class",
            "CLASS",
            "data-x",
            "Data-X_1:y",
            "aria-label",
            "data-",
            "data-a b",
            "b",
            "strong",
            "script",
            "onclick",
            "",
            "hre f",
            "data-x/",
            "H1",
            "span\u{e9}",
        ] {
            let b = n.as_bytes();
            let mut buf = [0u8; 16];
            for (d, c) in buf.iter_mut().zip(b) {
                *d = c.to_ascii_lowercase();
            }
            let x = u128::from_le_bytes(buf);
            let lower = &buf[..b.len().min(16)];
            assert_eq!(safe_tag_packed(x), safe_tag(b), "{n}");
            assert_eq!(plain_attr_packed(lower, x), plain_attr(b), "{n}");
        }
    }

    #[test]
    fn tag_byte_classes_are_the_std_predicates() {
        for b in 0..=255u8 {
            let t = TAG_BYTE[usize::from(b)];
            assert_eq!(t & ALNUM != 0, b.is_ascii_alphanumeric(), "{b}");
            assert_eq!(
                t & ATTR_NAME != 0,
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'),
                "{b}"
            );
            assert_eq!(t & SPACE != 0, b.is_ascii_whitespace(), "{b}");
        }
    }

    #[test]
    fn editor_html_is_plain() {
        assert!(is_plain_markup(
            "<p>Hello <b>world</b> &amp; <a href=\"https://x.org/a?b=1\">link</a></p>"
        ));
        assert!(is_plain_markup(
            "<ul><li>one</li><li class='x'>two</li></ul><br/>"
        ));
        assert!(is_plain_markup("if a < b then <em>c</em>"));
    }

    #[test]
    fn name_lists_are_lower_case_and_short() {
        for (list, packed) in [
            (SAFE_TAGS, &SAFE_TAGS_SET[..]),
            (SAFE_ATTRS, &SAFE_ATTRS_SET[..]),
            (SVG_TAGS, &SVG_TAGS_SET[..]),
            (SVG_ATTRS, &SVG_ATTRS_SET[..]),
        ] {
            assert!(list
                .iter()
                .all(|e| !e.is_empty() && e.len() <= 16 && *e == e.to_ascii_lowercase()));
            for e in list {
                assert!(in_list(packed, e.to_ascii_uppercase().as_bytes()));
            }
        }
        // Every packed name is in its set, and the sets hold nothing else.
        for (packed, set) in [
            (&SAFE_TAGS_PACKED[..], &SAFE_TAGS_SET[..]),
            (&SAFE_ATTRS_PACKED[..], &SAFE_ATTRS_SET[..]),
            (&SVG_TAGS_PACKED[..], &SVG_TAGS_SET[..]),
            (&SVG_ATTRS_PACKED[..], &SVG_ATTRS_SET[..]),
        ] {
            let mut held: Vec<u128> = set.iter().copied().filter(|&e| e != 0).collect();
            held.sort_unstable();
            assert_eq!(held, packed);
        }
        for packed in [
            &SAFE_TAGS_PACKED[..],
            &SAFE_ATTRS_PACKED[..],
            &SVG_TAGS_PACKED[..],
            &SVG_ATTRS_PACKED[..],
        ] {
            assert!(
                packed.windows(2).all(|w| w[0] < w[1]),
                "sorted, no duplicates"
            );
        }
        assert!(!in_list(&SAFE_TAGS_SET, b"script"));
        assert!(!in_list(&SAFE_TAGS_SET, b""));
        assert!(!in_list(&SAFE_TAGS_SET, b"averyveryverylongtagname"));
        // a prefix of an entry is not the entry
        assert!(!in_list(&SAFE_ATTRS_SET, b"cellpad"));
    }

    #[test]
    fn behaviour_is_not_plain() {
        assert!(!is_plain_markup("plain text"));
        assert!(!is_plain_markup("<script>alert(1)</script>"));
        assert!(!is_plain_markup("<a href=\"javascript:alert(1)\">x</a>"));
        assert!(!is_plain_markup("<img src=x onerror=alert(1)>"));
        assert!(!is_plain_markup("<p style=\"x:expression(1)\">"));
        assert!(!is_plain_markup("<b unclosed"));
        assert!(!is_plain_markup("<svg onload=x>"));
        assert!(!is_plain_markup("<a href=\"java&#115;cript:x\">"));
        // SVG that animates, loads or scripts is not plain drawing
        assert!(!is_plain_markup(
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>"
        ));
        assert!(!is_plain_markup(
            "<svg><animate attributeName=href values=javascript:alert(1) /></svg>"
        ));
        assert!(!is_plain_markup(
            "<svg><use href=\"data:image/svg+xml,x#a\"/></svg>"
        ));
        assert!(!is_plain_markup(
            "<svg><rect fill=\"url(javascript:x)\"/></svg>"
        ));
        assert!(!is_plain_markup(
            "<svg><foreignObject><p>x</p></foreignObject></svg>"
        ));
        // SVG names outside a whole drawing: fragments of attack lists
        assert!(!is_plain_markup(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
        ));
        assert!(!is_plain_markup(
            "<a xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"?\">"
        ));
    }

    #[test]
    fn whole_static_svg_is_plain() {
        assert!(is_plain_markup(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
             width=\"64\" height=\"64\"><rect width=\"64\" height=\"64\" fill=\"orange\"/>\
             <a xlink:href=\"https://www.example.com/\"><text x=\"8\" y=\"36\">open</text></a></svg>"
        ));
        assert!(is_plain_markup(
            "<p>Icon: <SVG viewBox=\"0 0 24 24\"><path d=\"M12 2L2 22h20z\" stroke-width=\"2\"/></SVG></p>"
        ));
        assert!(closes_svg(b"x</Svg>") && !closes_svg(b"</sv") && !closes_svg(b"<svg>"));
        // the two lists do not overlap: an HTML name's verdict never waits on `</svg>`
        for t in SVG_TAGS {
            assert!(!safe_tag(t.as_bytes()), "{t}");
        }
        for a in SVG_ATTRS {
            assert!(!safe_attr(a.as_bytes()), "{a}");
        }
    }
}
