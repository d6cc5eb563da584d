//! Injection detectors for rasp-rs: SQL injection, XSS, command injection and path traversal.
//!
//! Every detector is a pure function over `&str`: no I/O, no allocation beyond small scratch
//! buffers, bounded work per value. Grammar engines decide whether a value changes the
//! *structure* of the context it lands in; an embedded ML model scores what the grammars
//! cannot settle.
//!
//! ```
//! use rasp_detect::{AttackKind, Context, Detectors};
//! let d = Detectors::default();
//! assert!(d.check(AttackKind::Sqli, "1' OR '1'='1", Context::Param).is_some());
//! assert!(d.check(AttackKind::Sqli, "O'Reilly", Context::Param).is_none());
//! ```

use std::borrow::Cow;
use std::sync::Arc;

pub mod cmdi;
mod data_shape;
mod json_doc;
mod last_value;
pub mod ml;
mod nibble;
pub mod normalize;
mod search;
pub mod sqli;
pub mod traversal;
mod xml_doc;
pub mod xss;

/// The attack families this crate detects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttackKind {
    Sqli,
    Xss,
    Cmdi,
    Traversal,
}

impl AttackKind {
    /// All kinds, in the engine's check order (PyRASP: command, xss, sqli; traversal after).
    pub const ALL: [AttackKind; 4] = [
        AttackKind::Cmdi,
        AttackKind::Xss,
        AttackKind::Sqli,
        AttackKind::Traversal,
    ];

    /// Short label used in corpora and the CLI (`sqli`, `xss`, `cmdi`, `path_traversal`).
    pub fn label(self) -> &'static str {
        match self {
            AttackKind::Sqli => "sqli",
            AttackKind::Xss => "xss",
            AttackKind::Cmdi => "cmdi",
            AttackKind::Traversal => "path_traversal",
        }
    }
}

/// Which engine decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    /// A tokenizer / grammar decided that the value breaks out of its context.
    Grammar,
    /// The embedded model scored the value above its threshold.
    MachineLearning,
}

impl Engine {
    /// The label PyRASP logs in `details.engine`.
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Grammar => "grammar",
            Engine::MachineLearning => "machine learning",
        }
    }
}

/// Where the value was found; detectors may be stricter for places where ordinary traffic
/// carries odd-looking but benign text (user agents, cookies, tokens).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    /// Query, form or JSON value (the default).
    Param,
    /// Parameter name or JSON key.
    Key,
    /// One segment of the URL path.
    PathSegment,
    /// Cookie value.
    Cookie,
    /// User-Agent header.
    UserAgent,
    /// Referer header (or a part of it).
    Referer,
    /// Any other header value.
    Header,
}

/// A positive decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Detection {
    pub kind: AttackKind,
    pub engine: Engine,
    /// Probability-like score in `[0, 1]`; grammar decisions report 1.0.
    pub score: f32,
    /// Short machine-readable reason, e.g. `"string-break+union"`.
    pub reason: &'static str,
}

/// Thresholds and limits (PyRASP's `XSS_PROBA`, `SQLI_PROBA`, `MIN_XSS_LEN`, `MIN_SQLI_LEN`;
/// defaults are PyRASP 0.8.2's). The probabilities and minimum lengths apply to the ML stage.
#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    pub xss_proba: f32,
    pub sqli_proba: f32,
    pub min_xss_len: usize,
    pub min_sqli_len: usize,
    /// Values longer than this are inspected on a bounded prefix/suffix window.
    pub max_value_len: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            xss_proba: 0.70,
            sqli_proba: 0.85,
            min_xss_len: 16,
            min_sqli_len: 8,
            max_value_len: 16 * 1024,
        }
    }
}

/// The detector set, cheap to clone and share (`Send + Sync`).
#[derive(Clone, Debug, Default)]
pub struct Detectors {
    thresholds: Thresholds,
    /// A model other than the embedded one (leave-one-source-out evaluation, experiments).
    model: Option<Arc<ml::Model>>,
}

/// [`ml_gate`] bits: the byte lets a value reach the ML stage; it is also a `%` or `&`
/// (decoding may change the value; only those two bytes carry `GATE_ESCAPE`); it is one of
/// the kind's structural characters ([`has_structure`]'s set, so the fold of a short value
/// answers that test too); it is a `<` (whether the value holds markup, which the gate asks
/// next: a `<` alone does not pass the SQLi gate, so passing is `GATE_PASS`, not any bit).
const GATE_PASS: u8 = 1;
const GATE_ESCAPE: u8 = 2;
const GATE_STRUCTURE: u8 = 4;
const GATE_MARKUP: u8 = 8;
/// Values up to this many bytes take [`gate_pass`]'s one-pass fold.
const GATE_FOLD_MAX: usize = 64;

/// Bytes that let a value reach the ML stage: the kind's gate characters (see
/// [`Detectors::ml_candidate`]) plus `%` and `&`, which decoding may turn into one; the
/// kind's structural characters (a subset of the gate's) also carry `GATE_STRUCTURE`.
const fn ml_gate(gate: &[u8], structure: &[u8]) -> [u8; 256] {
    let mut table = [0u8; 256];
    table[b'%' as usize] = GATE_PASS | GATE_ESCAPE;
    table[b'&' as usize] = GATE_PASS | GATE_ESCAPE;
    table[b'<' as usize] |= GATE_MARKUP;
    let mut i = 0;
    while i < gate.len() {
        table[gate[i] as usize] |= GATE_PASS;
        i += 1;
    }
    let mut i = 0;
    while i < structure.len() {
        table[structure[i] as usize] |= GATE_PASS | GATE_STRUCTURE;
        i += 1;
    }
    table
}

/// SQL breaks out with quotes, parentheses, `=`, `;`, `#` and `--` / `/*` comments.
const SQLI_GATE_BYTES: &[u8; 10] = b"'\"`()=;#-/";
const SQLI_STRUCTURE_BYTES: &[u8; 8] = b"'\"`()=;#";
static SQLI_ML_GATE: [u8; 256] = ml_gate(SQLI_GATE_BYTES, SQLI_STRUCTURE_BYTES);
/// Markup and script need a bracket, quote, backtick, parenthesis or escape.
const XSS_GATE_BYTES: &[u8; 7] = b"<>\"'`(\\";
static XSS_ML_GATE: [u8; 256] = ml_gate(XSS_GATE_BYTES, XSS_GATE_BYTES);
/// The gates as nibble tables, for [`gate_pass`]'s vectorised fold of long values.
static SQLI_GATE_NIBBLES: nibble::NibbleClasses =
    nibble::NibbleClasses::new(&widened(&ml_gate(SQLI_GATE_BYTES, SQLI_STRUCTURE_BYTES)));
static XSS_GATE_NIBBLES: nibble::NibbleClasses =
    nibble::NibbleClasses::new(&widened(&ml_gate(XSS_GATE_BYTES, XSS_GATE_BYTES)));

/// A byte table's entries as `u32` (what [`nibble::NibbleClasses`] is built from).
const fn widened(t: &[u8; 256]) -> [u32; 256] {
    let mut w = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        w[i] = t[i] as u32;
        i += 1;
    }
    w
}

/// The gate bytes of each kind with `%` and `&`, three by three, for the vectorised
/// searches of [`gate_pass`] on long values (commonest first: a hit ends the search).
const SQLI_GATE_TRIPLES: [[u8; 3]; 4] = [
    [b'\'', b'=', b'-'],
    [b'(', b')', b'/'],
    [b'"', b';', b'#'],
    [b'`', b'%', b'&'],
];
const XSS_GATE_TRIPLES: [[u8; 3]; 3] =
    [[b'\'', b'"', b'<'], [b'(', b'>', b'`'], [b'\\', b'%', b'&']];

impl Detectors {
    /// Detectors with the embedded ML model.
    pub fn new(thresholds: Thresholds) -> Self {
        Detectors {
            thresholds,
            model: None,
        }
    }

    /// Detectors scoring with `model` instead of the embedded one.
    pub fn with_model(thresholds: Thresholds, model: ml::Model) -> Self {
        Detectors {
            thresholds,
            model: Some(Arc::new(model)),
        }
    }

    /// Build what the detectors build on first use (the model and its packed weight table,
    /// the sensitive-path and XSS automata), so that the first request does not pay for it
    /// (about a millisecond). Call it at start-up; later calls cost one check of each kind.
    ///
    /// ```
    /// use rasp_detect::{Detectors, Thresholds};
    /// let d = Detectors::new(Thresholds::default());
    /// d.warm_up();
    /// ```
    pub fn warm_up(&self) {
        // Reaches every lazily built table: markup and a handler for XSS, a quote and a
        // keyword for SQLi and the model, a separator and a command, a sensitive path.
        if self.model.is_none() {
            ml::Model::embedded().prepare();
        }
        traversal::warm();
        // The rest are built on first use; these values reach the searchers behind CSS,
        // schemes, handlers, globs, `/dev/tcp`, SSI and lookups, so no request pays for them.
        let values = [
            "<p title='x' onclick=\"go(1)\">it's 1 or 2; cat ../etc/passwd</p>",
            "<a style=\"x:expression(1);behavior:url(b)\" href=\"javascript:x\" \
             src=data:text/html,x onerror=y>",
            "a;/bin/c?t /dev/tcp/h/1 ${jndi:x} <!--#exec cmd=\"id\"--> `id` $((1+1)) %0a",
        ];
        for v in values {
            for kind in AttackKind::ALL {
                let _ = self.check(kind, v, Context::Param);
                let _ = self.ml_score(kind, v);
            }
        }
    }

    /// The thresholds in force.
    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }

    fn model(&self) -> &ml::Model {
        match &self.model {
            Some(m) => m,
            None => ml::Model::embedded(),
        }
    }

    /// Run one detector on one value: the grammar engine of `kind` first; for SQLi and XSS the
    /// ML model then scores values the grammar left open (see [`Detectors::ml_candidate`]).
    /// Values longer than `max_value_len` are inspected on a head+tail window, so the work per
    /// value is bounded whatever its size.
    // Never inlined: a profiler's count of `check` is then every detector's whole cost (inlined
    // into a caller's loop for one kind, that kind's work went uncounted).
    #[inline(never)]
    pub fn check(&self, kind: AttackKind, value: &str, ctx: Context) -> Option<Detection> {
        let value: Cow<'_, str> = normalize::bounded_window(value, self.thresholds.max_value_len);
        let value = value.as_ref();
        grammar(kind, value, ctx).or_else(|| match kind {
            AttackKind::Sqli | AttackKind::Xss => self.ml_check(kind, value, ctx),
            AttackKind::Cmdi | AttackKind::Traversal => None,
        })
    }

    /// Run one engine of one detector on one value: what [`Detectors::check`] finds with
    /// `engine` alone. [`Detectors::check`] is the grammar then, if it found nothing, the
    /// model; a caller running several detectors on one value can ask every grammar before any
    /// model, so that the attack it reports is the one a grammar recognised (`' OR '1'='1' --
    /// ` is SQL by the SQLi grammar, though the XSS model also scores it high). Commands and
    /// paths have no model: for them [`Engine::MachineLearning`] finds nothing.
    ///
    /// ```
    /// use rasp_detect::{AttackKind, Context, Detectors, Engine};
    /// let d = Detectors::default();
    /// let v = "' OR '1'='1' -- ";
    /// let grammar = d.check_by(Engine::Grammar, AttackKind::Sqli, v, Context::Param);
    /// assert_eq!(grammar.map(|f| f.engine), Some(Engine::Grammar));
    /// assert!(d.check_by(Engine::MachineLearning, AttackKind::Cmdi, v, Context::Param).is_none());
    /// ```
    #[inline(never)]
    pub fn check_by(
        &self,
        engine: Engine,
        kind: AttackKind,
        value: &str,
        ctx: Context,
    ) -> Option<Detection> {
        let value: Cow<'_, str> = normalize::bounded_window(value, self.thresholds.max_value_len);
        let value = value.as_ref();
        match (engine, kind) {
            (Engine::Grammar, _) => grammar(kind, value, ctx),
            (Engine::MachineLearning, AttackKind::Sqli | AttackKind::Xss) => {
                self.ml_check(kind, value, ctx)
            }
            (Engine::MachineLearning, AttackKind::Cmdi | AttackKind::Traversal) => None,
        }
    }

    /// The ML probability for `kind` on `value`, if a model for `kind` is loaded (ignores
    /// gating and thresholds; for tools and diagnostics).
    pub fn ml_score(&self, kind: AttackKind, value: &str) -> Option<f32> {
        let value = normalize::bounded_window(value, self.thresholds.max_value_len);
        self.model().get(kind).map(|m| m.score(&value))
    }

    fn ml_check(&self, kind: AttackKind, value: &str, ctx: Context) -> Option<Detection> {
        let m = self.model().get(kind)?;
        let value = ml_text(value);
        // The candidate test decodes the value; the model reads that same decoded text.
        let decoded = self.ml_prefilter(kind, value, ctx)?;
        let threshold = match kind {
            AttackKind::Sqli => self.thresholds.sqli_proba,
            _ => self.thresholds.xss_proba,
        };
        let p = match &self.model {
            // The embedded model lives for the whole program: its XSS and SQLi scores of
            // one text are computed in one feature pass (see [`ml::Model::score_shared`]).
            None => ml::Model::embedded()
                .score_shared(kind, &decoded)
                .unwrap_or_else(|| m.score_decoded(&decoded)),
            Some(_) => m.score_decoded(&decoded),
        };
        // The candidate's last condition, [`language_test`], after the score: a detection
        // needs both, both are pure, and the test turns away few of the values it sees
        // while costing a third of a score, so it is asked only of the values that score
        // above the threshold (few); the others are settled by the score alone.
        (p > threshold && language_test(kind, value, &decoded)).then_some(Detection {
            kind,
            engine: Engine::MachineLearning,
            score: p,
            reason: "model",
        })
    }

    /// Whether the ML stage may judge this value: long enough (`MIN_*_LEN`), in a location
    /// whose ordinary traffic is not odd-looking by nature (user agents, cookies and other
    /// headers are left to the grammars, which keeps their false-positive rate at zero), and
    /// carrying characters that can change structure for `kind`.
    pub fn ml_candidate(&self, kind: AttackKind, value: &str, ctx: Context) -> bool {
        let value = ml_text(value);
        self.ml_prefilter(kind, value, ctx)
            .is_some_and(|decoded| language_test(kind, value, &decoded))
    }

    /// [`Detectors::ml_candidate`] up to its last condition ([`language_test`]), returning
    /// the percent- and entity-decoded value the decision was made on (what the model then
    /// scores) when the value passes.
    fn ml_prefilter<'v>(
        &self,
        kind: AttackKind,
        value: &'v str,
        ctx: Context,
    ) -> Option<Cow<'v, str>> {
        if matches!(
            ctx,
            Context::UserAgent | Context::Cookie | Context::Header | Context::Referer
        ) {
            return None;
        }
        let (min, gate, nibbles, triples) = match kind {
            AttackKind::Sqli => (
                self.thresholds.min_sqli_len,
                &SQLI_ML_GATE,
                &SQLI_GATE_NIBBLES,
                &SQLI_GATE_TRIPLES[..],
            ),
            AttackKind::Xss => (
                self.thresholds.min_xss_len,
                &XSS_ML_GATE,
                &XSS_GATE_NIBBLES,
                &XSS_GATE_TRIPLES[..],
            ),
            _ => return None,
        };
        // Does any byte reach the gate (a structural character, or a `%` / `&` that decoding
        // may turn into one)? And is there anything to decode? Percent and entity decoding
        // can only produce a structural character from a `%` or a `&`, so a value with no
        // gate byte cannot change structure (most ordinary values leave here).
        let g = gate_pass(value, gate, nibbles, triples);
        if !g.pass {
            return None;
        }
        let escapes = g.escapes;
        // Without `%` or `&` decoding is the identity: settle the structural test (the last
        // and cheapest-to-fail condition) before the costlier length, markup and JSON tests.
        // All conditions must hold, so their order does not change the answer. For XSS every
        // gate byte but `%` and `&` is structural: passing the gate without them is the test.
        // A short value's fold already told whether it has a structural byte.
        if !escapes && kind == AttackKind::Sqli {
            let structure = match g.structure {
                Some(byte) => byte || has_comment_opener(value.as_bytes()),
                None => has_structure(kind, value),
            };
            if !structure {
                return None;
            }
        }
        if char_count_below(value, min.max(2)) {
            return None;
        }
        // Formatting markup whose every tag and attribute is inert was settled by parsing
        // (for XSS also well-formed editor, form, SVG and MathML markup: [`language_test`]).
        let has_markup = g
            .markup
            .unwrap_or_else(|| memchr::memchr(b'<', value.as_bytes()).is_some());
        if has_markup && plain_markup(value) {
            return None;
        }
        // So was a document of attribute-free tags around plain data (`<xml><id>42</id></xml>`,
        // see [`xss::attribute_free_data`]): no handler, URL or style can be written in it.
        if kind == AttackKind::Xss && has_markup && xss::attribute_free_data(value) {
            return None;
        }
        // A JSON document is data: its punctuation is JSON's, not SQL's or HTML's. The
        // grammars saw the whole value, and the engine inspects each member on its own.
        if data_shape::is_data(value) {
            return None;
        }
        // So is an XML document of data for SQL: the grammar judged each of its text nodes
        // and attribute values on its own (see [`xml_doc`]), and its tags are no SQL.
        if kind == AttackKind::Sqli && has_markup && xml_doc::may_be_document(value) {
            return None;
        }
        // Judge the characters after URL and entity decoding: `%3C` is a `<`, `%20` is not
        // structure. Without `%` or `&` both decodings return the value itself.
        let decoded = if escapes {
            let decoded = normalize::percent_decode_deep(value);
            match normalize::html_entity_decode(&decoded) {
                Cow::Borrowed(_) => decoded,
                Cow::Owned(d) => Cow::Owned(d),
            }
        } else {
            Cow::Borrowed(value)
        };
        // `%3Cb%3Ebold%3C%2Fb%3E`: markup that only decoding revealed is settled as the raw
        // markup above is, when every tag of it is inert.
        if matches!(decoded, Cow::Owned(_))
            && !has_markup
            && memchr::memchr(b'<', decoded.as_bytes()).is_some()
            && (ml::markup::is_plain_markup(&decoded)
                || (kind == AttackKind::Xss && xss::inert_markup(&decoded)))
        {
            return None;
        }
        // Arithmetic and comparison alone (`2 + 2 = 4`) cannot inject: see
        // [`sqli::carries_sql`] and [`markup_or_script_capable`]. For XSS the latter implies
        // the structural test (its bytes are a subset of `XSS_STRUCTURE`); for SQLi the cheap
        // byte test goes first (already passed above when nothing was decoded).
        // (the rest is [`language_test`], asked after the score)
        let candidate = match kind {
            AttackKind::Sqli => !escapes || has_structure(kind, &decoded),
            _ => markup_or_script_capable(&decoded),
        };
        candidate.then_some(decoded)
    }
}

/// The grammar engine of `kind` on a value already cut to its window (see
/// [`Detectors::check`]).
fn grammar(kind: AttackKind, value: &str, ctx: Context) -> Option<Detection> {
    match kind {
        AttackKind::Cmdi => cmdi::detect(value, ctx),
        AttackKind::Traversal => traversal::detect(value, ctx),
        AttackKind::Sqli => sqli::detect(value, ctx),
        AttackKind::Xss => xss::detect(value, ctx),
    }
}

/// What the ML stage reads of a value: the body of a Markdown code block, or the whole value
/// (see [`data_shape::fenced_code_body`]; the grammars have read the whole value).
fn ml_text(value: &str) -> &str {
    // (a fence is a run of backticks or tildes: one comparison settles most values)
    match value.trim_ascii_start().as_bytes().first() {
        Some(b'`' | b'~') => data_shape::fenced_code_body(value).unwrap_or(value),
        _ => value,
    }
}

/// The last conditions of [`Detectors::ml_candidate`], on the value and its decoding: for
/// SQLi, that the text carries SQL at all, is not text SQL ignores, is not prose with
/// quoted words and is not words and literal calls (see [`sqli::carries_sql`],
/// [`sqli::ignored_by_sql`], [`sqli::quoted_words_in_prose`],
/// [`data_shape::calls_in_prose`]); for XSS, that no grammar settled it as harmless. A pure
/// function of its arguments, so [`Detectors::ml_check`] asks it after the score: these
/// tests cost hundreds to thousands of instructions and turn away few values, and most values
/// they turn away were scored anyway (the SQLi and XSS scores of a text come from one feature
/// pass), so only values scoring above the threshold need them. Tests that turn away many
/// values no other gate passes (markup, JSON, [`markup_or_script_capable`]) stay before the
/// score: asked after it they cost more scores than they save.
fn language_test(kind: AttackKind, value: &str, decoded: &str) -> bool {
    match kind {
        AttackKind::Sqli => {
            sqli::carries_sql(decoded)
                && !sqli::ignored_by_sql(decoded)
                && !sqli::quoted_words_in_prose(decoded)
                && !data_shape::calls_in_prose(decoded)
                && !data_shape::quotes_inside_words(decoded)
                && !data_shape::unit_marks(decoded)
                && !data_shape::parenthetical_prose(decoded)
                && !data_shape::quote_then_words(decoded)
                && !data_shape::comparison_in_prose(decoded)
                && !data_shape::words_before_sql(decoded)
                && !data_shape::contraction_then_value(decoded)
                && !data_shape::measures_joined(decoded)
                && !data_shape::blank_mask(decoded)
                && !data_shape::propositional_logic(decoded)
                && !data_shape::compound_assignments(decoded)
                && !data_shape::power_operator(decoded)
                && !data_shape::spreadsheet_formula(decoded.as_bytes())
                && !sqli::punctuation_only(decoded)
        }
        // Settled for XSS: a Markdown link to an http(s) URL, or one browser statement that
        // reaches no sink (`xss::settled_text`, by the XSS grammar); math (`X'(t) = A(t) X(t)
        // + b(t)`, `gcd(12, 18) = 6`: parentheses and primes but no markup, no name longer
        // than a letter but math functions no browser defines, and no string, nothing a
        // script can run); shortcodes (`[gallery ids="1,2"]`, `data_shape::shortcodes`); an
        // HTTP `Link` header's list (`</app.js>; rel=preload`, `data_shape::link_header`);
        // well-formed editor, form, SVG and MathML markup whose every tag and attribute is
        // inert (`xss::inert_markup`); TeX math, whose backslash script cannot parse
        // (`data_shape::tex_in_script`); emoticons and other text without a letter or a
        // square bracket, which can name nothing to run (`data_shape::letterless`); a
        // spreadsheet formula (`data_shape::spreadsheet_formula`).
        _ => {
            !(xss::settled_text(value)
                || data_shape::letterless(decoded)
                || sqli::is_math(decoded)
                || data_shape::script_words_in_prose(decoded)
                || data_shape::tex_in_script(decoded)
                || data_shape::autolinks_in_prose(decoded)
                || data_shape::link_header(decoded)
                || data_shape::inert_css(decoded)
                || data_shape::attribute_selector(decoded)
                || data_shape::jquery_read(decoded)
                || data_shape::void_script_url(decoded)
                || data_shape::echo_template_tag(decoded)
                || data_shape::shortcodes(decoded)
                || data_shape::assigned_statement(decoded)
                || data_shape::spreadsheet_formula(decoded.as_bytes())
                || (memchr::memchr(b'<', value.as_bytes()).is_some() && xss::inert_markup(value)))
        }
    }
}

/// What [`gate_pass`] learnt of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Gate {
    /// A byte passes the gate.
    pass: bool,
    /// A byte is a `%` or `&` (only set when `pass`, which it implies).
    escapes: bool,
    /// Whether a byte carries `GATE_STRUCTURE`, when the one-pass fold found out (short
    /// values, and long ones with AVX2); `None` when the value was searched instead.
    structure: Option<bool>,
    /// Whether a byte is a `<`, known when `structure` is.
    markup: Option<bool>,
}

/// Whether any byte of `value` passes `gate` ([`ml_gate`]), and whether one is a `%` or `&`
/// (the only `GATE_ESCAPE` bytes). Short values answer both, and whether a byte is
/// structural, in one pass of table lookups; long ones take the same fold 32 bytes at a time
/// with AVX2 (`nibbles`: the gate as nibble tables), or, without it, search the gate's bytes
/// (`triples`, three by three) vectorised, stopping at the first search that finds one,
/// then `%` / `&` (a search's set-up costs about as much as folding [`GATE_FOLD_MAX`] bytes).
fn gate_pass(
    value: &str,
    gate: &[u8; 256],
    nibbles: &nibble::NibbleClasses,
    triples: &[[u8; 3]],
) -> Gate {
    let folded = |bits: u8| Gate {
        pass: bits & GATE_PASS != 0,
        escapes: bits & GATE_ESCAPE != 0,
        structure: Some(bits & GATE_STRUCTURE != 0),
        markup: Some(bits & GATE_MARKUP != 0),
    };
    if value.len() <= GATE_FOLD_MAX {
        return folded(table_fold(value.as_bytes(), gate));
    }
    // Long values: the same fold 32 bytes at a time where the CPU has AVX2 (one pass
    // answers all three questions, where the searches below take up to five).
    #[cfg(target_arch = "x86_64")]
    if nibble::wide::available() {
        // SAFETY: `wide::available` checked at run time that this CPU has AVX2, the one
        // target feature `wide::classes` is compiled with; it has no other precondition.
        if let Some(bits) = unsafe { nibble::wide::classes(nibbles, value.as_bytes()) } {
            // (the gate's bits fit in a byte: the tables were widened from one)
            return folded(bits as u8);
        }
    }
    let b = value.as_bytes();
    let pass = any_of_triples(b, triples);
    Gate {
        pass,
        escapes: pass && memchr::memchr2(b'%', b'&', b).is_some(),
        structure: None,
        markup: None,
    }
}

/// The OR of `table`'s entries for the bytes of `b`, eight look-ups per step (the loop's own
/// count and branch are paid once per eight bytes).
fn table_fold(b: &[u8], table: &[u8; 256]) -> u8 {
    let (chunks, rest) = b.as_chunks::<8>();
    let mut acc = 0;
    for chunk in chunks {
        for &c in chunk {
            acc |= table[usize::from(c)];
        }
    }
    rest.iter().fold(acc, |acc, &c| acc | table[usize::from(c)])
}

/// Whether `value` has fewer than `min` characters, counted only when its byte length
/// leaves the answer open (a character takes one to four bytes).
fn char_count_below(value: &str, min: usize) -> bool {
    if value.len() < min {
        return true;
    }
    if value.len() >= min.saturating_mul(4) {
        return false;
    }
    value.chars().count() < min
}

/// [`ml::markup::is_plain_markup`], remembered per thread for the last value: the engine
/// checks one value for XSS and then for SQLi, and both gates ask. The memo is keyed by the
/// whole value, compared byte for byte, so a hit is the very answer of the parser.
fn plain_markup(value: &str) -> bool {
    PLAIN_MARKUP.with(|cell| {
        let Ok(mut last) = cell.try_borrow_mut() else {
            return ml::markup::is_plain_markup(value);
        };
        if let Some(&plain) = last.get(value) {
            return plain;
        }
        let plain = ml::markup::is_plain_markup(value);
        last.set(value, plain);
        plain
    })
}

thread_local! {
    /// [`plain_markup`]'s answer for the last value (the XSS tag pass may leave it there).
    static PLAIN_MARKUP: std::cell::RefCell<last_value::LastValue<bool>> =
        const { std::cell::RefCell::new(last_value::LastValue::new()) };
}

/// Remember `plain` as [`ml::markup::is_plain_markup`]'s answer for `value`: the XSS
/// grammar's tag pass reads the same tags first and, where it can tell, leaves the answer
/// for the ML gate (which runs on values the grammar leaves open), so the markup of a value
/// is read once. The caller guarantees `plain` is that function's answer.
pub(crate) fn remember_plain_markup(value: &str, plain: bool) {
    PLAIN_MARKUP.with(|cell| {
        if let Ok(mut last) = cell.try_borrow_mut() {
            last.set(value, plain);
        }
    });
}

/// Whether decoded text carries a character that can change structure for `kind`. XSS needs
/// a bracket, quote, backtick, parenthesis or escape to change anything (a bare URL or
/// `a=b&c=d` cannot); SQL also breaks out with `=`, `;`, `#` and comments.
fn has_structure(kind: AttackKind, decoded: &str) -> bool {
    let table = match kind {
        AttackKind::Sqli => &SQLI_STRUCTURE,
        _ => &XSS_STRUCTURE,
    };
    let triples: &[[u8; 3]] = match kind {
        AttackKind::Sqli => &SQLI_STRUCTURE_TRIPLES,
        _ => &XSS_STRUCTURE_TRIPLES,
    };
    any_byte_of(decoded.as_bytes(), table, triples)
        || (kind == AttackKind::Sqli && has_comment_opener(decoded.as_bytes()))
}

/// Whether `b` has a byte of `set` (a membership table), which is the union of `triples`:
/// a table lookup per byte for short values, vectorised searches three bytes at a time for
/// longer ones (a search's set-up costs about as much as [`GATE_FOLD_MAX`] lookups).
fn any_byte_of(b: &[u8], set: &[bool; 256], triples: &[[u8; 3]]) -> bool {
    if b.len() <= GATE_FOLD_MAX {
        return b.iter().any(|&c| set[usize::from(c)]);
    }
    any_of_triples(b, triples)
}

/// Whether `b` has a byte of any of `triples`: vectorised searches three bytes at a time,
/// stopping at the first that finds one (so the commonest bytes go first).
fn any_of_triples(b: &[u8], triples: &[[u8; 3]]) -> bool {
    triples
        .iter()
        .any(|&[x, y, z]| memchr::memchr3(x, y, z, b).is_some())
}

/// Whether `b` contains `--` or `/*` (a vectorised search for `-` and `/`, then one byte).
fn has_comment_opener(b: &[u8]) -> bool {
    memchr::memchr2_iter(b'-', b'/', b).any(|i| {
        let want = if b[i] == b'-' { b'-' } else { b'*' };
        b.get(i + 1) == Some(&want)
    })
}

/// Whether this CPU has AVX2, for the vectorised paths of the ML feature pass and the XSS
/// byte scans (std detects it once and caches the answer).
#[cfg(target_arch = "x86_64")]
pub(crate) fn avx2_available() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
}

/// A byte-membership table (one lookup per byte instead of a search of the set).
pub(crate) const fn byte_set(set: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < set.len() {
        table[set[i] as usize] = true;
        i += 1;
    }
    table
}

static SQLI_STRUCTURE: [bool; 256] = byte_set(SQLI_STRUCTURE_BYTES);
static XSS_STRUCTURE: [bool; 256] = byte_set(b"<>\"'`(\\");
/// The structural sets three by three, for [`any_byte_of`] (a repeated byte fills a triple).
const SQLI_STRUCTURE_TRIPLES: [[u8; 3]; 3] =
    [[b'\'', b'=', b'('], [b')', b'"', b';'], [b'#', b'`', b'`']];
const XSS_STRUCTURE_TRIPLES: [[u8; 3]; 3] = [
    [b'\'', b'"', b'<'],
    [b'(', b'>', b'`'],
    [b'\\', b'\\', b'\\'],
];
/// What a script break-out needs besides a call (see [`markup_or_script_capable`]), and the
/// same bytes three by three for [`any_byte_of`].
const SCRIPT_CAPABLE_BYTES: &[u8] = b"\"'`\\";
const SCRIPT_CAPABLE_TRIPLES: [[u8; 3]; 2] = [[b'"', b'\'', b'`'], [b'\\', b'\\', b'\\']];

/// Whether an XSS vector can live in `decoded`: a quote, backtick or backslash (attribute
/// and script-string break-outs, template literals, escapes), a call ([`has_call`]), or a
/// `<` that opens markup ([`opens_markup`]). A `<` or `>` between numbers and words is a
/// comparison: `b < c && d >= 2` is math, and no parser reads it as a tag.
fn markup_or_script_capable(decoded: &str) -> bool {
    static SCRIPT_CAPABLE: [bool; 256] = byte_set(SCRIPT_CAPABLE_BYTES);
    let b = decoded.as_bytes();
    any_byte_of(b, &SCRIPT_CAPABLE, &SCRIPT_CAPABLE_TRIPLES) || has_call(b) || opens_markup(b)
}

/// Whether a `(` in `b` calls something: it follows a name, a closing bracket or a `.`
/// (`alert(1)`, `(alert)(1)`, `[1].map(alert)`, `alert?.(1)`). A parenthesis that opens a
/// group (`(1+2)`) or the condition of a control statement (`for (i=0;i<10;i++)`,
/// `if (x >= 0)`) runs nothing by itself: script without a call, a quote or markup cannot
/// reach a sink, and code and math take those shapes every day.
fn has_call(b: &[u8]) -> bool {
    /// Statements whose parenthesis holds a condition or a binding, not arguments.
    const CONTROL: &[&[u8]] = &[b"if", b"for", b"while", b"switch", b"catch", b"with"];
    // (a non-ASCII byte is part of a name too: JavaScript allows Unicode identifiers)
    let name_byte = |c: u8| xss::is_ident(c) || c >= 0x80;
    memchr::memchr_iter(b'(', b).any(|p| {
        let head = b[..p].trim_ascii_end();
        let Some(&last) = head.last() else {
            return false;
        };
        if !name_byte(last) {
            return matches!(last, b')' | b']' | b'.' | b'}');
        }
        let start = head
            .iter()
            .rposition(|&c| !name_byte(c))
            .map_or(0, |i| i + 1);
        !CONTROL.contains(&&head[start..])
    })
}

/// Whether a `<` in `b` opens markup: a `/`, `!` or `?` after it, or an element's name (a
/// letter, then letters, digits, `-`, `_`, `:`, `.` or non-ASCII bytes) ended by a byte that
/// ends a tag name (whitespace, `/` or `>`). A name that runs to the end of the value can
/// carry no attribute and close no tag: `P<UTOERIKSSON<<ANNA<<<` (a passport's
/// machine-readable line) is letters and fillers, not an element. A name glued to code's
/// punctuation is a comparison: `i<len;` in `for (i=0; i<len; i++)` (the parser would make
/// an unknown element named `len;`, but what follows it is code, not attributes).
fn opens_markup(b: &[u8]) -> bool {
    let name_byte =
        |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.') || c >= 0x80;
    memchr::memchr_iter(b'<', b).any(|p| match b.get(p + 1) {
        Some(b'/' | b'!' | b'?') => true,
        Some(c) if c.is_ascii_alphabetic() => b[p + 1..]
            .iter()
            .find(|&&c| !name_byte(c))
            .is_some_and(|&c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>')),
        _ => false,
    })
}

/// A fixed-seed generator for the crate's property tests: each call gives a number below
/// its argument (a 64-bit LCG, Knuth's MMIX constants).
#[cfg(test)]
pub(crate) fn lcg(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_pass_agrees_with_folding_every_byte() {
        let long = "plain words and more plain words, long enough to pass the fold limit ";
        let mut values = vec![String::new()];
        for core in ["abc", "a'b", "100%", "x&y", "a=b", "%", "&", "(", "é東"] {
            values.push(core.to_owned());
            values.push(format!("{long}{core}"));
            values.push(format!("{core}{long}"));
            values.push(format!("{long}{core}{long}"));
        }
        // every ASCII byte at the start, inside and at the end of a long value (the
        // vectorised fold's blocks and overlapping last block)
        for c in (0..0x80u8).map(char::from) {
            values.push(format!("{c}{long}"));
            values.push(format!("{long}{c}{long}"));
            values.push(format!("{long}{c}"));
        }
        for v in &values {
            for (gate, nibbles, triples) in [
                (&SQLI_ML_GATE, &SQLI_GATE_NIBBLES, &SQLI_GATE_TRIPLES[..]),
                (&XSS_ML_GATE, &XSS_GATE_NIBBLES, &XSS_GATE_TRIPLES[..]),
            ] {
                let bits = v.bytes().fold(0u8, |acc, b| acc | gate[usize::from(b)]);
                let g = gate_pass(v, gate, nibbles, triples);
                assert_eq!(
                    (g.pass, g.escapes),
                    (bits & GATE_PASS != 0, bits & GATE_ESCAPE != 0),
                    "{v:?}"
                );
                if let Some(structure) = g.structure {
                    assert_eq!(structure, bits & GATE_STRUCTURE != 0, "{v:?}");
                }
                if let Some(markup) = g.markup {
                    assert_eq!(markup, v.contains('<'), "{v:?}");
                }
            }
        }
    }

    /// The searched triples of each kind are exactly its gate bytes.
    #[test]
    fn gate_triples_are_the_gate_bytes() {
        for (gate, triples) in [
            (&SQLI_ML_GATE, &SQLI_GATE_TRIPLES[..]),
            (&XSS_ML_GATE, &XSS_GATE_TRIPLES[..]),
        ] {
            let mut searched: Vec<u8> = triples.iter().flatten().copied().collect();
            searched.sort_unstable();
            searched.dedup();
            assert_eq!(searched.len(), triples.len() * 3);
            let gated: Vec<u8> = (0..=255u8)
                .filter(|&b| gate[usize::from(b)] & GATE_PASS != 0)
                .collect();
            assert_eq!(searched, gated);
        }
        for b in *SQLI_GATE_BYTES {
            assert_ne!(SQLI_ML_GATE[usize::from(b)] & GATE_PASS, 0);
        }
        for b in *XSS_GATE_BYTES {
            assert_ne!(XSS_ML_GATE[usize::from(b)] & GATE_PASS, 0);
        }
        // The structure bit marks exactly each kind's structural set.
        for (gate, set) in [
            (&SQLI_ML_GATE, &SQLI_STRUCTURE),
            (&XSS_ML_GATE, &XSS_STRUCTURE),
        ] {
            for b in 0..=255u8 {
                let marked = gate[usize::from(b)] & GATE_STRUCTURE != 0;
                assert_eq!(marked, set[usize::from(b)], "{b}");
            }
        }
        // `ml_prefilter` skips the XSS structural test of a value without `%` or
        // `&` that passed the gate: its gate bytes must be the structural set.
        for b in 0..=255u8 {
            let gate_only = XSS_ML_GATE[usize::from(b)] & GATE_ESCAPE == 0
                && XSS_ML_GATE[usize::from(b)] & GATE_PASS != 0;
            assert_eq!(gate_only, XSS_STRUCTURE[usize::from(b)], "{b}");
        }
    }

    #[test]
    fn comment_openers_are_found_as_substrings_are() {
        for v in [
            "", "-", "/", "--", "/*", "a-b", "a--", "-/-*", "*/", "a/b*c", "x /* y", "1 -- x",
            "-/", "/-*", "--/", "é--", "-é-",
        ] {
            assert_eq!(
                has_comment_opener(v.as_bytes()),
                v.contains("--") || v.contains("/*"),
                "{v}"
            );
        }
    }

    /// The searched triples of every byte-set test are exactly its set, and the long-value
    /// search answers as the table does.
    #[test]
    fn byte_set_searches_agree_with_their_tables() {
        let script = byte_set(SCRIPT_CAPABLE_BYTES);
        for (set, triples) in [
            (&SQLI_STRUCTURE, &SQLI_STRUCTURE_TRIPLES[..]),
            (&XSS_STRUCTURE, &XSS_STRUCTURE_TRIPLES[..]),
            (&script, &SCRIPT_CAPABLE_TRIPLES[..]),
        ] {
            let searched: Vec<bool> = (0..=255u8)
                .map(|b| triples.iter().flatten().any(|&t| t == b))
                .collect();
            assert_eq!(searched[..], set[..]);
            let long = "plain words and more plain words, long enough to pass the fold limit ";
            for b in 0..=255u8 {
                let v: Vec<u8> = long.bytes().chain([b]).chain(long.bytes()).collect();
                assert_eq!(any_byte_of(&v, set, triples), set[usize::from(b)], "{b}");
            }
        }
    }

    #[test]
    fn character_count_test_agrees_with_counting() {
        for v in [
            "",
            "a",
            "abcd",
            "ab",
            "東京",
            "東京都x",
            "ééé",
            "a\u{10000}b",
            "0123456789abcdef",
        ] {
            for min in 0..20 {
                assert_eq!(
                    char_count_below(v, min),
                    v.chars().count() < min,
                    "{v} {min}"
                );
            }
        }
    }

    #[test]
    fn remembered_markup_answers_equal_the_parser() {
        let values = [
            "<p>Hello <b>there</b></p>",
            "<img src=x onerror=alert(1)>",
            "a < b",
            "",
            "<p>Hello <b>there</b></p>",
            "<p>Hello <b>there</b></p> <script>",
        ];
        for _ in 0..2 {
            for v in values {
                assert_eq!(plain_markup(v), ml::markup::is_plain_markup(v), "{v}");
                assert_eq!(plain_markup(v), ml::markup::is_plain_markup(v), "{v}");
            }
        }
    }

    #[test]
    fn encoded_inert_markup_is_settled_like_raw_markup() {
        let d = Detectors::new(Thresholds::default());
        for v in [
            "%3Cb%3Ebold%3C%2Fb%3E",
            "%3Cp%3Ehello%20%3Ci%3Eworld%3C%2Fi%3E%3C%2Fp%3E",
        ] {
            assert!(!d.ml_candidate(AttackKind::Xss, v, Context::Param), "{v}");
        }
        for v in [
            "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
            "%3Csvg%2Fonload%3Dalert(1)%3E",
        ] {
            assert!(d.ml_candidate(AttackKind::Xss, v, Context::Param), "{v}");
        }
    }

    #[test]
    fn attribute_free_documents_are_not_scored() {
        let d = Detectors::new(Thresholds::default());
        for v in [
            "<xml><id>42</id></xml>",
            "<?xml version=\"1.0\"?><config><port>8080</port><debug>false</debug></config>",
            "<note><to>Tove</to><body>Hi</body></note>",
            "%3Cxml%3E%3Cid%3E42%3C%2Fid%3E%3C%2Fxml%3E",
        ] {
            assert!(!d.ml_candidate(AttackKind::Xss, v, Context::Param), "{v}");
            assert!(d.check(AttackKind::Xss, v, Context::Param).is_none(), "{v}");
        }
        for v in [
            "<xml id=x><c>1</c></xml>",
            "<xml>alert(1)</xml>",
            "<xml><id>42</id>",
        ] {
            assert!(d.ml_candidate(AttackKind::Xss, v, Context::Param), "{v}");
        }
    }

    #[test]
    fn math_is_not_scored_as_injection() {
        let d = Detectors::new(Thresholds::default());
        for v in [
            "2 + 2 = 4",
            "10 / 2 = 5",
            "3 * 4 = 12",
            "a=1, b=2",
            "y = 2x + 1",
            "0 < x < 1",
            "1 <= n <= 100",
            "b < c, d >= 2",
        ] {
            for k in [AttackKind::Sqli, AttackKind::Xss] {
                assert!(!d.ml_candidate(k, v, Context::Param), "{k:?}: {v}");
            }
        }
        // A one-letter function is math's.
        assert!(!d.ml_candidate(AttackKind::Sqli, "f(x) = x^2 + 3x - 1", Context::Param));
        // Remainder and quotient words between operands, a lone bar; emoticons and ASCII art
        // (punctuation only: the grammar reads `'='` and `'||'` in full); still scored: the
        // same punctuation with a word or number in it.
        for v in [
            "7 mod 3 = 1",
            "19 MOD 4 = 3",
            "17 div 5 = 3",
            "2 | 3 = 3",
            "(>'-')> <('-'<)",
            "<('-'<) ^('-')^ (>'-')>",
            "(;'-')",
            "';-)'",
        ] {
            assert!(!d.ml_candidate(AttackKind::Sqli, v, Context::Param), "{v}");
        }
        assert!(language_test(
            AttackKind::Sqli,
            "1 or 7 mod 3 = 1",
            "1 or 7 mod 3 = 1"
        ));
        for v in ["(>'-')> or 1=1", "'-'1", "'＝'", "<>\"'%;)(&+"] {
            assert!(!sqli::punctuation_only(v), "{v}");
        }
        // Math with SQL's connectives and separators, primes and one-letter functions.
        for v in [
            "x = 1 or x = -1",
            "17 + 55 = 72; 17 * 2 = 34",
            "X'(t) = A(t) X(t) + b(t)",
        ] {
            for k in [AttackKind::Sqli, AttackKind::Xss] {
                assert!(!d.ml_candidate(k, v, Context::Param), "{k:?}: {v}");
            }
        }
        // What the gate keeps: SQL words, quotes, comments, calls, markup openers.
        for (k, v) in [
            (AttackKind::Sqli, "1 or 2=2 "),
            (AttackKind::Sqli, "1)=(1 union"),
            (AttackKind::Sqli, "name'='name"),
            (AttackKind::Sqli, "userid=1--"),
            (AttackKind::Sqli, "1=version()"),
            (AttackKind::Sqli, "*(|(mail=*))"),
            (AttackKind::Xss, "a<b onclick=alert(1)>"),
            (AttackKind::Xss, "<svg/onload=location=name>"),
            (AttackKind::Xss, "x\" onmouseover=\"y"),
        ] {
            assert!(d.ml_candidate(k, v, Context::Param), "{k:?}: {v}");
        }
    }

    #[test]
    fn script_needs_a_call_and_markup_a_tag() {
        let d = Detectors::new(Thresholds::default());
        // Control statements' parentheses, groups, and `<` runs that cannot end a tag name.
        for v in [
            "for (i=0;i<10;i++)",
            "for (i=0; i<len; i++)",
            "while (i<n.length) i++",
            "while (n < 50) n++",
            "if (x >= 0 && x <= 1) {}",
            "(1 + 2) * 3 < 10",
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ] {
            assert!(!d.ml_candidate(AttackKind::Xss, v, Context::Param), "{v}");
        }
        // Calls of every shape, and tags that can carry attributes or close.
        for v in [
            "x=alert(document.domain)",
            "(alert)(document.domain)",
            "[document.cookie].map(alert)",
            "window?.alert?.(document.cookie)",
            "top[x](document.cookie)",
            "for (;;) alert(document.cookie)",
            "<svg onload=alert(1)",
            "<svg/onload=alert(1)",
            "a<b onmouseover=x>text",
            "</title><script>",
            "<!-- a comment here",
        ] {
            assert!(d.ml_candidate(AttackKind::Xss, v, Context::Param), "{v}");
        }
    }

    #[test]
    fn shapes_the_sql_grammar_reads_whole_are_not_scored() {
        let d = Detectors::new(Thresholds::default());
        // Apostrophes and password symbols inside words, primes after numbers, words with a
        // parenthetical of words.
        for v in [
            "admin' ok",
            "P@\"ss'w0rd;--",
            "a'b\"c;d--",
            "1' = 60\"",
            "5'10\" tall",
            "45°30'15\" N",
            "Select Comfort (Sleep Number)",
            "Select (one) from below",
            "I'm 6' or 6'1\"",
            "it's Bob's car",
        ] {
            assert!(!d.ml_candidate(AttackKind::Sqli, v, Context::Param), "{v}");
        }
        // An operator or keyword after the quote, a probe opening with its quote, a comment
        // after a prime.
        for v in [
            "admin'--",
            "admin' or 'x",
            "x'|email--",
            "'sqlvuln",
            "10' = '10",
            "1'; drop table users",
            "(select 1 from dual)",
            "1 and sleep(5)",
            "x' a union select 1,2 -- ",
            "N'x' or 1=1 --",
        ] {
            assert!(d.ml_candidate(AttackKind::Sqli, v, Context::Param), "{v}");
        }
    }

    #[test]
    fn prose_that_names_script_is_not_scored() {
        let d = Detectors::new(Thresholds::default());
        // Words side by side are a syntax error as script; no tag, value or scheme.
        for v in [
            "In JavaScript, alert(1) shows a dialog",
            "Call document.getElementById('x') first",
            "Why does window.open(url) return null",
        ] {
            assert!(!d.ml_candidate(AttackKind::Xss, v, Context::Param), "{v}");
        }
        // Script alone, a quote that goes on as script, a handler without `=` (an XML DTD's
        // default attribute), an attribute with a value, a statement on a line of its own.
        for v in [
            "alert(document.cookie)",
            "x')+alert(document.cookie)+('",
            " onerror CDATA \"alert(67)\"",
            "x onmouseover=alert(1) y",
            "Hello\nalert(document.cookie)",
        ] {
            assert!(d.ml_candidate(AttackKind::Xss, v, Context::Param), "{v}");
        }
    }

    #[test]
    fn a_code_block_is_judged_by_its_body() {
        let d = Detectors::new(Thresholds::default());
        for v in [
            "```js\nlet x = 1;\n```",
            "```lua\nlocal t = {}\n```",
            "~~~\nnpm test\n~~~",
        ] {
            assert!(!d.ml_candidate(AttackKind::Xss, v, Context::Param), "{v}");
        }
        assert!(!d.ml_candidate(
            AttackKind::Sqli,
            "```sh\n$ npm install mysql\n```",
            Context::Param
        ));
        // The body is still judged, and text outside the block is judged with it.
        for (k, v) in [
            (AttackKind::Xss, "```\n<img src=x onerror=alert(1)>\n```"),
            (AttackKind::Sqli, "```\n' or 1=1--\n```"),
            (AttackKind::Xss, "```\nx\n```\n<img src=x onerror=alert(1)>"),
        ] {
            assert!(d.ml_candidate(k, v, Context::Param), "{k:?}: {v}");
        }
    }
}
