//! Cross-site scripting by structure.
//!
//! A value is XSS when, reflected into a page, it creates something that executes: a tag that
//! runs script or loads an active document (`<script>`, `<iframe>`, `<object>`, `<base>`…),
//! an event-handler attribute (`<img onerror=…>`, or `" onmouseover=…` breaking out of an
//! attribute), a dangerous URI scheme (`javascript:`, `vbscript:`, `data:text/html`) in an
//! attribute or as the value itself, script-capable CSS, a break out of a JavaScript string
//! into a call through a script sink (`';alert(1)//`), or a template expression that reaches
//! the `Function` constructor. Markup that runs nothing but takes over or rewrites the page
//! is XSS too (`page`): break-outs from an element, comment or CDATA section the value never
//! opened, document elements and forms, unclosed raw-text or SVG/MathML roots, spliced
//! prologs and DOCTYPE subsets, prefixed web vocabularies, and links that deceive about
//! their host; an editor's output (balanced, no forms, plain hosts, `https:` video embeds)
//! has none of them.
//!
//! The value is examined as sent and after each decoding a browser or a lenient application
//! applies (percent-encoding, HTML character references, JS/CSS backslash escapes), each
//! layer bounded. Benign rich text (`<p>`, `<b>`, `<a href="https://…">`, `<img src alt>`,
//! tables, lists) and math (`3 < 5`, `a<b`) create nothing that executes. Neither does code
//! that a value only shows or describes: calls in `<code>`/`<pre>` text, API-reference
//! notation (`setTimeout(callback[, delay])`), callbacks defined but never called
//! (`_.defer(function(){ alert('x'); })`), quotes that pair up inside the value, and prose
//! that puts words where code would need operators (`eval(expression) evaluates …`).
//!
//! Cost: one table-driven pass classifies the bytes present; a value without a byte that
//! can form markup, script or an escape leaves after it, and every decoding layer and check
//! runs only when its bytes are present.

mod clobber;
pub(crate) mod css;
pub(crate) mod entity;
mod html;
mod inert;
mod js;
/// Bytes that may start (`A-Za-z_$`) and continue (and digits) a JavaScript identifier; ASCII only.
pub(crate) use js::{is_ident, is_ident_start, joins_statement_words};
mod page;
pub(crate) use page::opens_tag;
mod uri;

pub use inert::{attribute_free_data, inert_markup};

/// Whether `name` (any case, at most 32 bytes) names an element of HTML (current or
/// obsolete), SVG or MathML, the ones that run or load something included: what a tag
/// opened by `<name` builds in a page. Other detectors ask it to tell a tag from a `<` or
/// `>` of their own language (a shell's redirection).
pub(crate) fn element_name(name: &[u8]) -> bool {
    if name.is_empty() || name.len() > 32 {
        return false;
    }
    let mut buf = [0u8; 32];
    let n = lower_into(name, &mut buf);
    page::known_element(n)
        || page::page_level_element(n)
        || html::executes_by_itself(n)
        || inert::active_element(n)
}

use crate::{AttackKind, Context, Detection, Engine};
use std::borrow::Cow;

/// Bytes of a value the XSS engine examines.
pub const MAX_SCAN_BYTES: usize = 16 * 1024;

/// How many entity-decoding layers are peeled (`&amp;lt;` → `&lt;` → `<`).
const ENTITY_DEPTH: usize = 2;

/// Decide whether `value` is XSS. Pure and bounded: at most [`MAX_SCAN_BYTES`] of the value,
/// a fixed number of tags, attributes, quotes and decoding layers are examined. The same
/// rules apply in every location (`ctx`).
///
/// ```
/// use rasp_detect::{xss, Context};
/// assert!(xss::detect("<img src=x onerror=alert(1)>", Context::Param).is_some());
/// assert!(xss::detect("\" onmouseover=\"alert(1)", Context::Param).is_some());
/// assert!(xss::detect("<p>Hello <b>world</b></p>", Context::Param).is_none());
/// assert!(xss::detect("3 < 5 and 7 > 2", Context::Param).is_none());
/// ```
pub fn detect(value: &str, ctx: Context) -> Option<Detection> {
    let _ = ctx;
    let value = truncate(value, MAX_SCAN_BYTES);
    let m = classes(value.as_bytes());
    if m & class::SIGNIFICANT == 0 {
        return None;
    }
    let reason = analyze_decoded(value, m)?;
    Some(Detection {
        kind: AttackKind::Xss,
        engine: Engine::Grammar,
        score: 1.0,
        reason,
    })
}

/// Whether `value` is text whose structure the grammar settles as harmless, so the ML stage
/// has nothing to judge: a Markdown link or autolink to an `http(s)` URL (`[Click
/// here](https://example.com)`, `<https://example.com>`: the renderer writes a plain link),
/// one browser statement that reaches no sink ([`js::settled_statement`]), or one `@import`
/// of the site's own style sheet ([`css::relative_import`]).
pub fn settled_text(value: &str) -> bool {
    markdown_link(value.trim()) || js::settled_statement(value) || css::relative_import(value)
}

/// Longest Markdown link [`markdown_link`] reads.
const MAX_MARKDOWN_LINK: usize = 512;

/// `[text](http…)`, `![alt](http…)` or `<http…>` and nothing else, the URL `http://` or `https://` and a host,
/// with no quote, bracket, space or markup in it.
fn markdown_link(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() > MAX_MARKDOWN_LINK {
        return false;
    }
    // `![alt](https://…)`: a Markdown image, the same construct as a link; the renderer
    // writes an `<img>` whose `src` is the http(s) URL and whose `alt` is the text, which
    // may be empty
    let (image, b) = match b.strip_prefix(b"!") {
        Some(r) => (true, r),
        None => (false, b),
    };
    let url = if let Some(inner) = b
        .strip_prefix(b"<")
        .and_then(|r| r.strip_suffix(b">"))
        .filter(|_| !image)
    {
        inner
    } else if let Some(r) = b.strip_prefix(b"[").and_then(|r| r.strip_suffix(b")")) {
        let Some(close) = memchr::memmem::find(r, b"](") else {
            return false;
        };
        let text = &r[..close];
        if (text.is_empty() && !image)
            || text
                .iter()
                .any(|&c| matches!(c, b'[' | b']' | b'<' | b'>' | b'`' | b'\\' | b'&' | b'%'))
        {
            return false;
        }
        &r[close + 2..]
    } else {
        return false;
    };
    let rest = if url.len() > 8 && url[..8].eq_ignore_ascii_case(b"https://") {
        &url[8..]
    } else if url.len() > 7 && url[..7].eq_ignore_ascii_case(b"http://") {
        &url[7..]
    } else {
        return false;
    };
    rest.first().is_some_and(u8::is_ascii_alphanumeric)
        && rest.iter().all(|&c| {
            c.is_ascii_graphic()
                && !matches!(
                    c,
                    b'"' | b'\''
                        | b'`'
                        | b'<'
                        | b'>'
                        | b'('
                        | b')'
                        | b'['
                        | b']'
                        | b'\\'
                        | b'{'
                        | b'}'
                        | b'@'
                )
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

/// Byte classes whose presence the passes below test, found in one table-driven pass over a
/// value instead of one search per byte.
mod class {
    pub const LT: u32 = 1;
    pub const EQ: u32 = 1 << 1;
    pub const COLON: u32 = 1 << 2;
    pub const PAREN: u32 = 1 << 3;
    pub const BACKTICK: u32 = 1 << 4;
    pub const LBRACE: u32 = 1 << 5;
    pub const PERCENT: u32 = 1 << 6;
    pub const AMP: u32 = 1 << 7;
    pub const BACKSLASH: u32 = 1 << 8;
    pub const QUOTE: u32 = 1 << 9;
    pub const LBRACKET: u32 = 1 << 10;
    pub const STAR: u32 = 1 << 11;
    pub const SLASH: u32 = 1 << 12;
    pub const NUL: u32 = 1 << 13;
    pub const PLUS: u32 = 1 << 14;
    pub const HIGH: u32 = 1 << 15;
    /// Lead bytes of the characters [`super::entity::fold_fullwidth`] folds to markup
    /// (`＜` is `EF BC 9C`, `‹` `E2 80 B9`, `〈` `E3 80 88`, `¼` `C2 BC`).
    pub const FOLD_LEAD: u32 = 1 << 16;
    pub const SEMI: u32 = 1 << 17;
    pub const RBRACE: u32 = 1 << 18;
    /// `@`, without which no CSS at-rule (`@import`) can name a sheet to load.
    pub const AT: u32 = 1 << 19;
    /// The punctuation that code puts around a sink it calls or passes (`;`, braces, a
    /// backtick, `[`, `=`): one test of the classes instead of another pass over the value.
    pub const CODE: u32 = SEMI | LBRACE | RBRACE | BACKTICK | LBRACKET | EQ;
    /// Without one of these no tag, attribute, scheme, script or template can be formed,
    /// nor can UTF-7 (`+ADw-`) or full-width forms (`＜script＞`) decode into one.
    pub const SIGNIFICANT: u32 = LT
        | EQ
        | COLON
        | PAREN
        | BACKTICK
        | LBRACE
        | PERCENT
        | AMP
        | BACKSLASH
        | QUOTE
        | LBRACKET
        | STAR
        | PLUS
        | FOLD_LEAD;
}

/// For each name length below `N`, a bit per first letter (`a` = bit 0) of the `names`
/// (lower-case ASCII) of that length: a quick "no name of this length starts so" test.
const fn first_letters_by_length<const N: usize>(names: &[&[u8]]) -> [u32; N] {
    let mut t = [0u32; N];
    let mut k = 0;
    while k < names.len() {
        let n = names[k];
        t[n.len()] |= 1 << (n[0] - b'a');
        k += 1;
    }
    t
}

/// The class bit of every byte.
static CLASS: [u32; 256] = {
    let mut t = [0u32; 256];
    t[b'<' as usize] = class::LT;
    t[b'=' as usize] = class::EQ;
    t[b':' as usize] = class::COLON;
    t[b'(' as usize] = class::PAREN;
    t[b'`' as usize] = class::BACKTICK | class::QUOTE;
    t[b'{' as usize] = class::LBRACE;
    t[b'%' as usize] = class::PERCENT;
    t[b'&' as usize] = class::AMP;
    t[b'\\' as usize] = class::BACKSLASH;
    t[b'\'' as usize] = class::QUOTE;
    t[b'"' as usize] = class::QUOTE;
    t[b'[' as usize] = class::LBRACKET;
    t[b'*' as usize] = class::STAR;
    t[b'/' as usize] = class::SLASH;
    t[0] = class::NUL;
    t[b'+' as usize] = class::PLUS;
    t[b';' as usize] = class::SEMI;
    t[b'}' as usize] = class::RBRACE;
    t[b'@' as usize] = class::AT;
    let mut i = 0x80;
    while i < 256 {
        t[i] = class::HIGH;
        if i == 0xc2 || i == 0xe2 || i == 0xe3 || i == 0xef {
            t[i] |= class::FOLD_LEAD;
        }
        i += 1;
    }
    t
};

/// The classes present in `b`: 32 bytes per step with AVX2 where the CPU has it (long
/// values: rich text, documentation), eight table look-ups per step otherwise.
fn classes(b: &[u8]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    if b.len() >= wide::MIN_LEN && wide::available() {
        // SAFETY: `wide::available` checked at run time that this CPU has AVX2, the one
        // target feature `wide::classes` is compiled with; it has no other precondition.
        return unsafe { wide::classes(b) };
    }
    scalar_classes(b)
}

/// [`classes`] by table look-ups (portable; also the tail of the AVX2 pass).
fn scalar_classes(b: &[u8]) -> u32 {
    // eight bytes per step: the loop's own count and branch once per eight look-ups
    let mut chunks = b.chunks_exact(8);
    let mut m = 0;
    for c in &mut chunks {
        m |= CLASS[usize::from(c[0])]
            | CLASS[usize::from(c[1])]
            | CLASS[usize::from(c[2])]
            | CLASS[usize::from(c[3])]
            | CLASS[usize::from(c[4])]
            | CLASS[usize::from(c[5])]
            | CLASS[usize::from(c[6])]
            | CLASS[usize::from(c[7])];
    }
    chunks
        .remainder()
        .iter()
        .fold(m, |m, &c| m | CLASS[usize::from(c)])
}

/// [`classes`] 32 bytes at a time (values of at least 32 bytes). A byte's classes are read from two 16-entry tables, one
/// indexed by its low nibble and one by its high nibble (`vpshufb`): bit `k` of both
/// entries is set exactly when the byte is in the `k`-th set of [`NIBBLE_SETS`], each set
/// a product of high and low nibbles. Three pairs of tables hold the 22 sets; the bits a
/// block shows are OR-ed up, and each pair's byte of bits maps to [`class`] bits at the end.
#[cfg(target_arch = "x86_64")]
mod wide {
    use super::CLASS;

    /// Bytes per step.
    pub(super) const BLOCK: usize = 32;
    /// Shorter values take the table look-ups: the vector pass's set-up and final
    /// reduction cost about as much as looking up 48 bytes.
    pub(super) const MIN_LEN: usize = 48;

    /// Whether this CPU has AVX2.
    pub(super) use crate::avx2_available as available;

    /// The bytes that carry a [`CLASS`] bit below `0x80`, one set each.
    const SINGLES: &[u8; 19] = b"<=:(`{%&\\'\"[*/\0+;}@";

    /// The sets, `(high nibbles, low nibbles)` as bit masks of nibble values, and the class
    /// bits a member byte carries: each single byte; every byte from `0x80` (`HIGH`); the
    /// lead bytes `C2` and `E2 E3 EF` (`FOLD_LEAD`, with `HIGH` from the set before).
    const NIBBLE_SETS: [(u16, u16, u32); 22] = {
        let mut t = [(0u16, 0u16, 0u32); 22];
        let mut k = 0;
        while k < SINGLES.len() {
            let x = SINGLES[k];
            t[k] = (1 << (x >> 4), 1 << (x & 15), CLASS[x as usize]);
            k += 1;
        }
        t[19] = (0xff00, 0xffff, super::class::HIGH);
        t[20] = (1 << 0xc, 1 << 2, super::class::FOLD_LEAD);
        t[21] = (
            1 << 0xe,
            (1 << 2) | (1 << 3) | (1 << 0xf),
            super::class::FOLD_LEAD,
        );
        t
    };

    /// Table pairs (sets `8 * p .. 8 * p + 8` in pair `p`).
    const PAIRS: usize = 3;

    /// The high-nibble (`HI`) or low-nibble table of each pair, twice over (`vpshufb` looks
    /// up within each 16-byte half).
    const fn nibble_tables(high: bool) -> [[u8; 32]; PAIRS] {
        let mut t = [[0u8; 32]; PAIRS];
        let mut k = 0;
        while k < NIBBLE_SETS.len() {
            let (hi, lo, _) = NIBBLE_SETS[k];
            let nibbles = if high { hi } else { lo };
            let mut n = 0;
            while n < 16 {
                if nibbles & (1 << n) != 0 {
                    t[k / 8][n] |= 1 << (k % 8);
                    t[k / 8][n + 16] |= 1 << (k % 8);
                }
                n += 1;
            }
            k += 1;
        }
        t
    }
    static HI: [[u8; 32]; PAIRS] = nibble_tables(true);
    static LO: [[u8; 32]; PAIRS] = nibble_tables(false);

    /// The class bits of each pair's byte of set bits.
    static TO_CLASS: [[u32; 256]; PAIRS] = {
        let mut t = [[0u32; 256]; PAIRS];
        let mut p = 0;
        while p < PAIRS {
            let mut bits = 0;
            while bits < 256 {
                let mut k = 0;
                while k < 8 {
                    if bits & (1 << k) != 0 && 8 * p + k < NIBBLE_SETS.len() {
                        t[p][bits] |= NIBBLE_SETS[8 * p + k].2;
                    }
                    k += 1;
                }
                bits += 1;
            }
            p += 1;
        }
        t
    };

    // One vector load and the OR of a vector's bytes, shared with the other class passes.
    use crate::nibble::wide::{accumulate, load, or_bytes};

    /// [`super::classes`] with AVX2, for `b` of at least [`BLOCK`] bytes (a shorter `b` is
    /// handed to the table look-ups).
    #[target_feature(enable = "avx2")]
    pub(super) fn classes(b: &[u8]) -> u32 {
        let (hi, lo) = (
            [load(&HI[0]), load(&HI[1]), load(&HI[2])],
            [load(&LO[0]), load(&LO[1]), load(&LO[2])],
        );
        if b.len() < BLOCK {
            return super::scalar_classes(b);
        }
        let acc = accumulate(&hi, &lo, b);
        let mut m = 0;
        for (p, a) in acc.into_iter().enumerate() {
            m |= TO_CLASS[p][usize::from(or_bytes(a))];
        }
        m
    }
}

/// The value as sent, then percent-decoded, then entity-decoded, then with backslash escapes
/// decoded; first positive wins.
fn analyze_decoded(value: &str, m: u32) -> Option<&'static str> {
    if let Some(r) = analyze_classes(value, true, m, true) {
        return Some(r);
    }
    if m & class::AMP != 0
        && has_pair(value.as_bytes(), b'&', b'#')
        && entity::evasive_markup_reference(value)
    {
        return Some("evasive-char-reference");
    }
    let mut cur: Cow<'_, str> = Cow::Borrowed(value);
    let mut cm = m;
    if m & class::PERCENT != 0 {
        let d = crate::normalize::percent_decode_deep(value);
        if d != value {
            let dm = classes(d.as_bytes());
            if let Some(r) = analyze_classes(&d, true, dm, false) {
                return Some(r);
            }
            cur = Cow::Owned(d.into_owned());
            cm = dm;
        }
    }
    // Rich text that already has real tags and escapes a tag as `&lt;script&gt;` shows that
    // tag as text (an editor's escaping); tags that only entity decoding creates count when
    // the value has no markup of its own (a double-decoding application).
    if cm & class::AMP != 0 {
        let has_markup = cm & class::LT != 0
            && memchr::memchr_iter(b'<', cur.as_bytes()).any(|p| {
                cur.as_bytes()
                    .get(p + 1)
                    .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/')
            });
        for _ in 0..ENTITY_DEPTH {
            if !cur.contains('&') {
                break;
            }
            let d = entity::decode_entities(&cur);
            if let Cow::Owned(d) = d {
                // `&lt;script&gt;` alone: the text of an escaped tag name, as people write
                // it about escaping; decoded it is an element start with no attribute and no
                // content, which loads and runs nothing of its own
                if !has_markup && lone_bare_start_tag(&d) {
                    break;
                }
                let dm = classes(d.as_bytes());
                if let Some(r) = analyze_classes(&d, !has_markup, dm, false) {
                    return Some(r);
                }
                cur = Cow::Owned(d);
                cm = dm;
            } else {
                break;
            }
        }
    }
    // Percent-encoded bytes that are not UTF-8 (`%BCscript%BE`), read by a server that strips
    // the high bit to 7-bit US-ASCII.
    if m & class::PERCENT != 0 {
        if let Some(d) = entity::percent_seven_bit(value) {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
        }
    }
    if cm & class::BACKSLASH != 0 {
        let d = entity::decode_backslashes(&cur);
        if d != cur {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
            // `\xbcscript\xbe`: escaped high-bit markup
            if let Cow::Owned(f) = entity::fold_fullwidth(&d) {
                if let Some(r) = analyze(&f) {
                    return Some(r);
                }
            }
        }
    }
    // `\74script\76`: JavaScript's legacy octal escapes, read where the CSS reading above
    // (hex `\74` is `t`) found nothing.
    if cm & class::BACKSLASH != 0 {
        if let Cow::Owned(d) = entity::decode_js_octal(&cur) {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
        }
    }
    // `<scrscriptipt>`: a keyword hidden inside itself for a filter that deletes it once.
    // Such a probe is short; long rich text is not searched for it.
    if cm & class::LT != 0 && cur.len() <= MAX_NESTED_PROBE {
        if let Some(d) = entity::strip_nested_script(&cur) {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
        }
    }
    // JS / CSS comments between tokens (`self/**/["alert"](1)`).
    if cm & class::SLASH != 0 && cm & class::STAR != 0 && has_pair(cur.as_bytes(), b'/', b'*') {
        let d = strip_block_comments(&cur);
        if d != *cur {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
        }
    }
    // NUL bytes that old engines skipped inside names (`<scr%00ipt>`).
    if cm & class::NUL != 0 {
        let d = cur.replace('\0', "");
        if let Some(r) = analyze(&d) {
            return Some(r);
        }
    }
    // Query strings and form bodies mean space by `+` (`"><script+src=…>`).
    if cm & class::PLUS != 0 && cm & class::LT != 0 {
        let d = cur.replace('+', " ");
        if let Some(r) = analyze(&d) {
            return Some(r);
        }
    }
    if cm & class::PLUS != 0 {
        if let Cow::Owned(d) = entity::decode_utf7(&cur) {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
        }
    }
    // `<ſcript>`, `<scrİpt>`: letters that case mapping turns into ASCII (all non-ASCII)
    if cm & class::HIGH != 0 {
        if let Cow::Owned(d) = entity::fold_case_mapped(&cur) {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
        }
    }
    // (only the lead bytes of the folded characters can start one)
    if cm & class::FOLD_LEAD != 0 {
        if let Cow::Owned(d) = entity::fold_fullwidth(&cur) {
            if let Some(r) = analyze(&d) {
                return Some(r);
            }
        }
    }
    None
}

/// Whether `d` is one start tag and nothing else, its name letters only and no attribute
/// (`<script>`, `<iframe>`).
fn lone_bare_start_tag(d: &str) -> bool {
    let t = d.trim().as_bytes();
    t.len() <= 18
        && t.len() > 2
        && t[0] == b'<'
        && t[t.len() - 1] == b'>'
        && t[1..t.len() - 1].iter().all(u8::is_ascii_alphabetic)
}

/// Longest value searched for a keyword nested inside itself (`<scrscriptipt>`).
const MAX_NESTED_PROBE: usize = 512;

fn analyze(v: &str) -> Option<&'static str> {
    analyze_classes(v, true, classes(v.as_bytes()), false)
}

/// `markup`: whether tags in `v` are read as markup; `m`: the classes of `v`'s bytes;
/// `first`: `v` is the value as the detectors received it, whose tags the ML gate reads
/// again: the tag pass hands it its answer ([`crate::remember_plain_markup`]).
fn analyze_classes(v: &str, markup: bool, m: u32, first: bool) -> Option<&'static str> {
    let b = v.as_bytes();
    // the attribute delimiters the tag pass found for the break-out scan (a value with
    // quotes), and whether they are the ones that scan would find
    let mut delimiters = None;
    let mut shared = false;
    if markup && m & class::LT != 0 {
        let d = (m & class::QUOTE != 0).then_some(&mut delimiters);
        let (reason, plain, found) = html::scan_plain(v, d);
        // (the gate calls longer values not plain without reading them)
        if first && v.len() <= crate::ml::markup::MAX_MARKUP {
            if let Some(plain) = plain {
                crate::remember_plain_markup(v, plain);
            }
        }
        if let Some(r) = reason {
            return Some(r);
        }
        shared = found;
        if let Some(r) = split_by_tags(b).and_then(|s| html::scan(&s)) {
            return Some(r);
        }
    }
    if markup && m & class::QUOTE != 0 && b.len() <= 8 && page::attribute_close_probe(b) {
        return Some("syntax-probe");
    }
    // a value that starts by closing an element, comment or CDATA section (`-->` needs no `<`)
    if markup && page::leading_breakout(b) {
        return Some("context-breakout");
    }
    if markup && m & (class::LT | class::QUOTE) == class::LT | class::QUOTE {
        if page::closes_attribute(b) {
            return Some("attribute-breakout");
        }
        if page::markup_probe(b) {
            return Some("syntax-probe");
        }
    }
    if markup && m & (class::LT | class::EQ) == class::LT | class::EQ && clobber::duplicate_ids(b) {
        return Some("dom-clobbering");
    }
    if m & class::EQ != 0 && html::attribute_breakout(v) {
        return Some("attribute-breakout");
    }
    if m & class::COLON != 0 && uri::dangerous_value(v) {
        return Some("dangerous-uri");
    }
    // (no delimiter made: the tag pass found no quoted value in a start tag)
    let known = shared.then(|| {
        delimiters
            .as_ref()
            .map_or((&[][..], 0), js::Delimiters::pairs)
    });
    // the direct sinks `v` names, scanned once for both JS rules on first use
    let mut sinks = js::Sinks::new();
    if m & class::QUOTE != 0 && js::string_breakout(v, m, &mut sinks, known) {
        return Some("js-string-break");
    }
    // (`{toString:alert}+''`: an object literal whose key the engine calls needs neither
    // a parenthesis nor `=`)
    let hook = m & (class::LBRACE | class::COLON) == class::LBRACE | class::COLON;
    if m & (class::PAREN | class::BACKTICK | class::EQ) != 0 || hook {
        if js::sink_call(v, m, &mut sinks) {
            return Some("script-call");
        }
        if css_hint(b, m) && css::dangerous(v) {
            return Some("css-expression");
        }
    }
    if m & class::PAREN != 0 && js::source_into_sink(v) {
        return Some("script-call");
    }
    if m & class::EQ != 0 && js::jsonp_callback_sink(v) {
        return Some("script-call");
    }
    if m & class::LBRACKET != 0 && (js::bracket_only_script(v) || js::global_index(v)) {
        return Some("script-call");
    }
    if m & class::BACKTICK != 0 && js::function_template(v) {
        return Some("script-call");
    }
    if m & class::QUOTE != 0 && m & class::PLUS != 0 && js::cookie_to_url(v) {
        return Some("script-call");
    }
    if m & (class::LBRACKET | class::LBRACE | class::PAREN)
        == class::LBRACKET | class::LBRACE | class::PAREN
        && has_url_paren(b)
        && css::selector_exfiltration(v)
    {
        return Some("css-exfiltration");
    }
    if m & (class::LBRACE | class::PAREN) == class::LBRACE | class::PAREN
        && has_url_paren(b)
        && css::dangling_remote_url(v)
    {
        return Some("css-exfiltration");
    }
    // `@import "//evil.example/x.css";`: needs an `@` and the rule's target after it
    // (the class test first: most values have no `@` to search for)
    if m & class::AT != 0 && has_at_import(b) && css::imports_foreign_sheet(v) {
        return Some("css-exfiltration");
    }
    // `with (…)`: needs a parenthesis
    if m & class::PAREN != 0 && has_word_with(b) && js::with_global(v) {
        return Some("script-call");
    }
    if m & class::SLASH != 0
        && m & class::STAR != 0
        && has_pair(b, b'/', b'*')
        && js::commented_member(v)
    {
        return Some("script-call");
    }
    if m & class::LBRACE != 0 && has_pair(b, b'{', b'{') {
        if js::template_injection(v) {
            return Some("template-injection");
        }
        if js::template_probe(v) {
            return Some("template-probe");
        }
    }
    None
}

#[cfg(test)]
mod tests;

/// Longest tag name [`split_by_tags`] removes.
const MAX_SPLIT_TAG: usize = 10;

/// The end of an empty tag (`<b>`, `</a>`: a short name, no attributes) at `b[p] == '<'`.
fn empty_tag_end(b: &[u8], p: usize) -> Option<usize> {
    let mut k = p + 1;
    if b.get(k) == Some(&b'/') {
        k += 1;
    }
    let st = k;
    while k < b.len() && b[k].is_ascii_alphabetic() && k - st <= MAX_SPLIT_TAG {
        k += 1;
    }
    (k > st && b.get(k) == Some(&b'>')).then_some(k + 1)
}

/// `<<a>script>`, `<scr<b>ipt>`, `<</a>/script>`: `b` with each empty tag removed that
/// stands inside another tag's opening run (after a `<` and at most letters or a `/`), as
/// a filter that strips tags it knows leaves the outer one joined: what the page gets is
/// `<script>`, as keywords split by `/**/` join in SQL. `None` (no allocation) when no
/// tag stands there.
fn split_by_tags(b: &[u8]) -> Option<String> {
    let inside = |p: usize| {
        let mut k = p;
        while k > 0
            && p - k <= MAX_SPLIT_TAG
            && (b[k - 1].is_ascii_alphabetic() || b[k - 1] == b'/')
        {
            k -= 1;
        }
        k > 0 && b[k - 1] == b'<'
    };
    // `inside(p)` holds exactly when the `<` before `p` is at most `MAX_SPLIT_TAG + 2` bytes
    // back with only letters and `/` between (the run `inside` walks back over ends at that
    // `<`, which is neither): the positions come in order, so the search keeps the previous
    // one and tests the gap, instead of walking back over the text before every `<` (in
    // rich text mostly a word before a closing tag).
    let mut prev: Option<usize> = None;
    let first = memchr::memchr_iter(b'<', b).take(256).find(|&p| {
        let after_open = prev.is_some_and(|j| {
            p - j <= MAX_SPLIT_TAG + 2
                && b[j + 1..p]
                    .iter()
                    .all(|&c| c.is_ascii_alphabetic() || c == b'/')
        });
        prev = Some(p);
        after_open && empty_tag_end(b, p).is_some()
    })?;
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..first]);
    let mut i = first;
    while i < b.len() {
        if b[i] == b'<' && i > 0 && inside(i) {
            if let Some(e) = empty_tag_end(b, i) {
                i = e;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Whether `b` holds the two bytes `x`, `y` in a row (a memchr scan instead of building a
/// substring searcher for a two-byte needle on every value).
fn has_pair(b: &[u8], x: u8, y: u8) -> bool {
    memchr::memchr_iter(x, b).any(|p| b.get(p + 1) == Some(&y))
}

/// Whether `b` holds `@import` (any case, as CSS reads at-rule names) or an `@` followed by
/// a CSS escape (`@\69mport`): the one way a CSS at-rule can name a sheet to load.
fn has_at_import(b: &[u8]) -> bool {
    memchr::memchr_iter(b'@', b).take(64).any(|p| {
        let r = &b[p + 1..];
        r.first() == Some(&b'\\')
            || r.get(..6)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"import"))
    })
}

/// Whether `b` contains `with`.
fn has_word_with(b: &[u8]) -> bool {
    has_needle(b, needle::WITH)
}

/// Substring searchers built once for the needles looked up in every value (building a
/// searcher per call cost more than the search).
static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| NEEDLES.iter().map(memchr::memmem::Finder::new).collect());

/// The needles of [`FINDERS`], in order.
const NEEDLES: [&[u8]; 4] = [b"pression", b"behavio", b"binding", b"with"];

/// Indexes of [`NEEDLES`].
mod needle {
    pub const PRESSION: usize = 0;
    pub const BEHAVIO: usize = 1;
    pub const BINDING: usize = 2;
    pub const WITH: usize = 3;
}

/// Whether `b` holds a word without which CSS runs nothing: IE's `expression(`,
/// `behavior`/`-moz-binding`, or `url(` / `URL(` (which may load a script-capable
/// resource). `m`: the classes of `b`'s bytes (`url(` needs a parenthesis).
fn css_hint(b: &[u8], m: u32) -> bool {
    CSS_WORDS.as_ref().map_or_else(
        || {
            has_needle(b, needle::PRESSION)
                || has_needle(b, needle::BEHAVIO)
                || has_needle(b, needle::BINDING)
        },
        |w| w.find(b).is_some(),
    ) || (m & class::PAREN != 0 && has_url_paren(b))
        || (m & class::BACKSLASH != 0 && m & class::PAREN != 0 && escaped_css_word(b))
}

/// Longest value searched for a CSS keyword split by escapes.
const MAX_ESCAPED_CSS: usize = 1024;

/// `exp\ression(`, `beh\avior`: a CSS escape inside the keyword, which the CSS tokenizer
/// reads as the letter (a hex escape such as `\e` leaves a control character, which
/// [`css::dangerous`] drops as it drops blanks); the words of [`css_hint`] with the
/// backslashes left out. Without this the escaped keyword never reached the CSS reader.
fn escaped_css_word(b: &[u8]) -> bool {
    if b.len() > MAX_ESCAPED_CSS {
        return false;
    }
    let plain: Vec<u8> = b.iter().copied().filter(|&c| c != b'\\').collect();
    has_needle(&plain, needle::PRESSION)
        || has_needle(&plain, needle::BEHAVIO)
        || has_needle(&plain, needle::BINDING)
}

/// The words of [`css_hint`] in one vectorized multi-word searcher (one pass instead of a
/// substring search per word); `None` where the CPU has no vector unit for it, and then
/// the words are searched one by one.
static CSS_WORDS: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
    std::sync::LazyLock::new(|| {
        crate::search::packed_words(
            [needle::PRESSION, needle::BEHAVIO, needle::BINDING].map(|k| NEEDLES[k]),
        )
    });

/// Whether `b` holds `url(` or `URL(`: one pass over the (rare) parentheses instead of a
/// substring search per spelling.
fn has_url_paren(b: &[u8]) -> bool {
    memchr::memchr_iter(b'(', b).any(|p| p >= 3 && matches!(&b[p - 3..p], b"url" | b"URL"))
}

/// Whether `b` contains `NEEDLES[k]`.
fn has_needle(b: &[u8], k: usize) -> bool {
    FINDERS[k].find(b).is_some()
}

/// The first `buf.len()` bytes of `src`, lower-cased into `buf`: names compared without an
/// allocation per name.
fn lower_into<'a>(src: &[u8], buf: &'a mut [u8]) -> &'a [u8] {
    let n = src.len().min(buf.len());
    for (d, c) in buf.iter_mut().zip(&src[..n]) {
        *d = c.to_ascii_lowercase();
    }
    &buf[..n]
}

/// Remove `/* … */` comments (an unclosed one runs to the end), as the JS and CSS tokenizers
/// do before they see the code.
fn strip_block_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find("/*") {
        out.push_str(&rest[..p]);
        match rest[p + 2..].find("*/") {
            Some(q) => rest = &rest[p + 2 + q + 2..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}
