//! The engine: PyRASP's checks, in PyRASP's order, over a [`RequestView`] / [`ResponseView`].
//!
//! Inbound (spec §4.2): whitelist → blacklist → ztaa → spoofing → decoy → route → (stop on
//! attack / IGNORE_PATHS) → flood → hpp → vectors + EXCEPTIONS → forbidden headers →
//! command → xss → sqli → traversal. Outbound (§4.4): brute force, then DLP. First hit wins.
//!
//! Counting: a request counts once in [`Counters`]: as an attack when either direction found
//! one, else as a success for 2xx/3xx responses and as an error otherwise. Adapters call
//! [`Engine::inspect_response`] only for responses the application produced (not for block
//! responses); a blocked request already fed the error counter in `inspect_request`, as
//! PyRASP's after-request hook did on its 403.

use std::collections::VecDeque;
use std::net::IpAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::{ArcSwap, ArcSwapOption};
use parking_lot::Mutex;
use rasp_detect::AttackKind;

use crate::attack::{Attack, Check, Decision};
use crate::checks::{self, route::RouteTable, Finding};
use crate::compiled::Compiled;
use crate::config::{Config, ConfigError, FailMode, LoadedConfig, ReactionKind};
use crate::event::{EventSink, SecurityEvent};
use crate::request::{RequestView, ResponseView};
use crate::state::{MemoryStore, StateStore};
use crate::vectors::{Extractor, Location, Vectors};

/// A route the application declares (for route validation, decoys and the cloud beacon).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// Endpoint name (PyRASP's routes dict key).
    pub name: String,
    /// Allowed methods; empty = any.
    pub methods: Vec<String>,
    /// Path pattern: literal segments and `{param}` / `:param` / `<param>` / `*rest` wildcards.
    pub path: String,
}

/// `get_status()`.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// rasp-rs version.
    pub version: &'static str,
    /// Live blacklist entries.
    pub blacklist: usize,
    /// Always true: detectors are compiled in.
    pub xss_loaded: bool,
    /// Always true: detectors are compiled in.
    pub sqli_loaded: bool,
    /// `"Default"`, `"Local"` or `"Cloud"`.
    pub config: &'static str,
}

/// Request outcome counters (PyRASP `REQUESTS`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Requests answered 2xx/3xx without attack.
    pub success: u64,
    /// Requests answered otherwise without attack.
    pub errors: u64,
    /// Requests with an attack (blocked or monitored).
    pub attacks: u64,
}

/// Engine health figures (never reset).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EngineStats {
    /// Requests whose value checks stopped because `TIME_BUDGET_US` ran out.
    pub budget_overruns: u64,
    /// Values dropped or cut by `MAX_VALUES`, `MAX_VALUE_LEN`, `MAX_BODY_BYTES`, `MAX_JSON_DEPTH`.
    pub values_skipped: u64,
    /// Responses whose DLP scan was skipped because the body was still content-encoded.
    pub dlp_skipped_encoded: u64,
    /// Panics caught inside the engine (handled per `FAIL_MODE`).
    pub panics: u64,
    /// Security events handed to the sink.
    pub events: u64,
}

/// The response an adapter sends instead of the application's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockResponse {
    /// HTTP status.
    pub status: u16,
    /// Body (empty for a redirect).
    pub body: String,
    /// Headers to set (`Content-Type`, or `Location` and no-cache headers).
    pub headers: Vec<(String, String)>,
}

/// Result of [`Engine::set_config`] (PyRASP's `{'success': [...], 'fail': [...]}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetConfigReport {
    /// Keys applied.
    pub success: Vec<String>,
    /// Keys refused, as `"KEY: reason"`.
    pub fail: Vec<String>,
}

/// Builder: config plus optional sink, state store and route table.
pub struct EngineBuilder {
    pub(crate) config: Config,
    pub(crate) sink: Option<Arc<dyn EventSink>>,
    pub(crate) store: Option<Arc<dyn StateStore>>,
    pub(crate) routes: Option<Vec<Route>>,
    pub(crate) blacklist: Vec<(IpAddr, f64)>,
    pub(crate) source: &'static str,
}

/// Most entries kept for `take_new_blacklist` between beacons (PyRASP's grew forever, B29).
const MAX_NEW_BLACKLIST: usize = 10_000;

#[derive(Default)]
struct AtomicStats {
    budget_overruns: AtomicU64,
    values_skipped: AtomicU64,
    dlp_skipped_encoded: AtomicU64,
    panics: AtomicU64,
    events: AtomicU64,
}

/// The rasp-rs engine. `Send + Sync`; share it in an `Arc`.
pub struct Engine {
    compiled: ArcSwap<Compiled>,
    /// Serialises configuration writers; readers never take it.
    config_write: Mutex<()>,
    routes: ArcSwapOption<RouteTable>,
    store: Arc<dyn StateStore>,
    sink: Option<Arc<dyn EventSink>>,
    counters: Mutex<Counters>,
    new_blacklist: Mutex<VecDeque<(IpAddr, i64)>>,
    stats: AtomicStats,
    panic_for_tests: AtomicBool,
    source: Mutex<&'static str>,
    /// Latest `now` seen by an inspection (f64 bits): the clock `get_blacklist` judges
    /// expiry by, so replayed traffic with its own timestamps stays consistent.
    clock: AtomicU64,
}

fn now_unix() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// Per-request context handed to `handle`.
struct Ctx<'r, 'a> {
    req: &'r RequestView<'a>,
    ip: Option<IpAddr>,
    whitelisted: bool,
    now: f64,
}

impl Engine {
    /// Start building an engine for `config`.
    pub fn builder(config: Config) -> EngineBuilder {
        EngineBuilder {
            config,
            sink: None,
            store: None,
            routes: None,
            blacklist: Vec::new(),
            source: "Default",
        }
    }

    /// A builder from a loaded file: its config, its `blacklist` entries and its source.
    pub fn builder_from(loaded: LoadedConfig) -> EngineBuilder {
        let mut b = Engine::builder(loaded.config);
        b.blacklist = loaded.blacklist;
        b.source = loaded.source;
        b
    }

    /// An engine with an in-memory store, no sink and no routes.
    pub fn new(config: Config) -> Result<Engine, ConfigError> {
        Engine::builder(config).build()
    }

    /// Inbound checks at the current system time.
    pub fn inspect_request(&self, req: &RequestView<'_>) -> Decision {
        self.inspect_request_at(req, now_unix())
    }

    /// Inbound checks at `now` (unix seconds).
    pub fn inspect_request_at(&self, req: &RequestView<'_>, now: f64) -> Decision {
        self.observe(now);
        let compiled = self.compiled.load_full();
        let run = catch_unwind(AssertUnwindSafe(|| {
            if self.panic_for_tests.load(Ordering::Relaxed) {
                panic!("rasp-core: panic injected for tests");
            }
            self.inbound(&compiled, req, now)
        }));
        run.unwrap_or_else(|_| self.on_panic(&compiled, req, now))
    }

    /// Outbound checks (brute force, DLP) at the current time. `inbound` is what
    /// `inspect_request` returned for this request.
    pub fn inspect_response(
        &self,
        req: &RequestView<'_>,
        resp: &ResponseView<'_>,
        inbound: &Decision,
    ) -> Decision {
        self.inspect_response_at(req, resp, inbound, now_unix())
    }

    /// Outbound checks at `now`. Returns the decision for the response: `Block` means
    /// "replace it by [`Engine::block_response`]"; an inbound `Monitor` is not repeated.
    pub fn inspect_response_at(
        &self,
        req: &RequestView<'_>,
        resp: &ResponseView<'_>,
        inbound: &Decision,
        now: f64,
    ) -> Decision {
        self.observe(now);
        if inbound.is_block() {
            // The application did not run; nothing to inspect.
            return inbound.clone();
        }
        let compiled = self.compiled.load_full();
        let run = catch_unwind(AssertUnwindSafe(|| {
            self.outbound(&compiled, req, resp, inbound, now)
        }));
        run.unwrap_or_else(|_| self.on_panic(&compiled, req, now))
    }

    fn observe(&self, now: f64) {
        if now.is_finite() {
            self.clock
                .fetch_max(now.max(0.0).to_bits(), Ordering::Relaxed);
        }
    }

    /// The engine's notion of "now": the latest inspection time, else the system clock.
    fn clock(&self) -> f64 {
        match self.clock.load(Ordering::Relaxed) {
            0 => now_unix(),
            bits => f64::from_bits(bits),
        }
    }

    fn on_panic(&self, compiled: &Compiled, req: &RequestView<'_>, now: f64) -> Decision {
        self.stats.panics.fetch_add(1, Ordering::Relaxed);
        match compiled.config.fail_mode {
            FailMode::Open => Decision::Allow,
            FailMode::Closed => {
                let attack = Attack {
                    check: Check::Format,
                    location: "engine".into(),
                    payload: "engine failure".into(),
                    engine: None,
                    score: None,
                    action: 1,
                };
                // Best effort: the event path itself must not panic again.
                let ip = catch_unwind(AssertUnwindSafe(|| self.client_ip_with(compiled, req)))
                    .ok()
                    .flatten();
                let _ = catch_unwind(AssertUnwindSafe(|| {
                    self.emit(compiled, &attack, req, ip, now)
                }));
                Decision::Block(Box::new(attack))
            }
        }
    }

    fn client_ip_with(&self, compiled: &Compiled, req: &RequestView<'_>) -> Option<IpAddr> {
        crate::client_ip::resolve(req, &compiled.config.trusted_proxies)
    }

    fn inbound(&self, c: &Compiled, req: &RequestView<'_>, now: f64) -> Decision {
        let cfg = &c.config;
        let ip = self.client_ip_with(c, req);
        // 0. Whitelisted sources skip every inbound check.
        if checks::source::whitelisted(ip, &cfg.whitelist) {
            return Decision::Allow;
        }
        let ctx = Ctx {
            req,
            ip,
            whitelisted: false,
            now,
        };
        match self.find_inbound(c, &ctx) {
            Some(f) => self.handle(c, &ctx, f, true),
            None => Decision::Allow,
        }
    }

    /// First inbound finding, in PyRASP's order, among enabled checks.
    fn find_inbound(&self, c: &Compiled, ctx: &Ctx<'_, '_>) -> Option<Finding> {
        let cfg = &c.config;
        let req = ctx.req;
        let on = |check: Check| c.action(check) != 0;
        // 1. Blacklist.
        if !cfg.blacklist_override {
            if let Some(ip) = ctx.ip {
                if let Some(f) =
                    checks::source::blacklist(&*self.store, ip, ctx.now, cfg.blacklist_delay)
                {
                    return Some(f);
                }
            }
        }
        // 2. Zero trust.
        if on(Check::Ztaa) {
            let token = req.header(&cfg.ztaa_header);
            if let Some(f) =
                checks::ztaa::check(token, &cfg.ztaa_keys, cfg.ztaa_browser_version, ctx.now)
            {
                return Some(f);
            }
        }
        // 3. Host spoofing.
        if on(Check::Spoofing) {
            let host = req
                .host
                .map(std::borrow::Cow::Borrowed)
                .or_else(|| req.header("host").map(String::from_utf8_lossy));
            if let Some(f) = checks::spoofing::check(host.as_deref(), &cfg.hosts) {
                return Some(f);
            }
        }
        let routes = self.routes.load();
        // 4. Decoys, never on a declared route.
        if on(Check::Decoy) {
            let real = |p: &str| routes.as_ref().is_some_and(|t| t.has_path(p));
            if let Some(f) = checks::decoy::check(req.path, &c.decoys, real) {
                return Some(f);
            }
        }
        // 5. Route validation, only when the adapter supplied routes.
        if on(Check::Path) {
            if let Some(t) = routes.as_ref() {
                if let Some(f) = t.check(req.method, req.path) {
                    return Some(f);
                }
            }
        }
        // 6. Ignored paths skip everything below.
        if c.ignore_paths.is_match(req.path) {
            return None;
        }
        // 7. Flood.
        if on(Check::Flood) {
            if let Some(ip) = ctx.ip {
                if let Some(f) = checks::flood::check(
                    &*self.store,
                    &c.flood_paths,
                    ip,
                    req.path,
                    ctx.now,
                    cfg.flood_delay,
                    cfg.flood_ratio,
                ) {
                    return Some(f);
                }
            }
        }
        // 8. Parameter pollution: query and form body names together.
        if on(Check::Hpp) {
            const FORM: &[u8] = b"application/x-www-form-urlencoded";
            let form_body = req
                .content_type
                .map(str::as_bytes)
                .or_else(|| req.header("content-type"))
                .is_some_and(|ct| {
                    ct.len() >= FORM.len() && ct[..FORM.len()].eq_ignore_ascii_case(FORM)
                });
            let body: &[u8] = if form_body {
                &req.body[..req.body.len().min(cfg.max_body_bytes)]
            } else {
                &[]
            };
            let names = form_urlencoded::parse(req.query.as_bytes())
                .chain(form_urlencoded::parse(body))
                .map(|(k, _)| k);
            if let Some(f) = checks::hpp::check(names, &c.hpp_allowed, cfg.max_values) {
                return Some(f);
            }
        }
        // 9. Forbidden headers.
        if on(Check::Headers) {
            if let Some(f) =
                checks::headers::check(&req.headers, &cfg.forbidden_headers, &c.whitelist_headers)
            {
                return Some(f);
            }
        }
        // 10. Values: command, xss, sqli, traversal.
        let kinds = enabled_kinds(c);
        if kinds.is_empty() {
            return None;
        }
        // The budget covers extraction and decoding too (a large body is most of the work).
        let started = Instant::now();
        let vectors = c.extractor().extract(req);
        self.stats
            .values_skipped
            .fetch_add(vectors.skipped, Ordering::Relaxed);
        self.scan_values(c, &kinds, &vectors, started)
    }

    fn scan_values(
        &self,
        c: &Compiled,
        kinds: &[AttackKind],
        vectors: &Vectors,
        started: Instant,
    ) -> Option<Finding> {
        let budget = Duration::from_micros(c.config.time_budget_us);
        let mut overrun = false;
        let mut n = 0u32;
        let uniques = checks::injection::uniques(&vectors.items);
        let keep_going = || {
            n = n.wrapping_add(1);
            // Reading the clock costs ~20 ns: look every 16 detector runs.
            if n.is_multiple_of(16) && started.elapsed() > budget {
                overrun = true;
            }
            !overrun
        };
        let finding =
            checks::injection::scan(&c.detectors, kinds, &vectors.items, &uniques, keep_going);
        if finding.is_none() && overrun {
            self.stats.budget_overruns.fetch_add(1, Ordering::Relaxed);
        }
        finding
    }

    fn outbound(
        &self,
        c: &Compiled,
        req: &RequestView<'_>,
        resp: &ResponseView<'_>,
        inbound: &Decision,
        now: f64,
    ) -> Decision {
        let cfg = &c.config;
        let ip = self.client_ip_with(c, req);
        let whitelisted = checks::source::whitelisted(ip, &cfg.whitelist);
        let ctx = Ctx {
            req,
            ip,
            whitelisted,
            now,
        };
        let error = resp.status >= 400;
        let inbound_feeds = inbound
            .attack()
            .is_some_and(|a| checks::brute::feeds_brute(a.check));
        let mut finding = None;
        // Brute force is per source: a whitelisted source is trusted not to brute force.
        if (error || inbound_feeds) && c.action(Check::Brute) != 0 && !whitelisted {
            if let Some(ip) = ip {
                finding = checks::brute::hit(
                    &*self.store,
                    ip,
                    req.path,
                    now,
                    cfg.error_flood_delay,
                    cfg.error_flood_ratio,
                );
            }
        }
        if !error && finding.is_none() && c.action(Check::Dlp) != 0 && !resp.body.is_empty() {
            if resp.body_encoded {
                self.stats
                    .dlp_skipped_encoded
                    .fetch_add(1, Ordering::Relaxed);
            } else {
                let body = &resp.body[..resp.body.len().min(cfg.max_response_bytes)];
                let text = String::from_utf8_lossy(body);
                finding = checks::dlp::check(&text, cfg);
            }
        }
        match finding {
            Some(f) => self.handle(c, &ctx, f, inbound.attack().is_none()),
            None => {
                if inbound.attack().is_none() {
                    let mut k = self.counters.lock();
                    if (200..400).contains(&resp.status) {
                        k.success += 1;
                    } else {
                        k.errors += 1;
                    }
                }
                Decision::Allow
            }
        }
    }

    /// PyRASP `handle_attack` (spec §3.2): action, blacklisting, event, counters; for a
    /// blocked inbound request also the brute-force feed of its block response.
    fn handle(&self, c: &Compiled, ctx: &Ctx<'_, '_>, f: Finding, count: bool) -> Decision {
        let cfg = &c.config;
        let action = if f.check == Check::Blacklist {
            2
        } else {
            c.action(f.check)
        };
        let attack = Attack {
            check: f.check,
            location: f.location,
            payload: f.payload,
            engine: f.engine,
            score: f.score,
            action,
        };
        // A request refused because its source is blacklisted does not extend the ban: it
        // expires BLACKLIST_DELAY after the last real attack.
        if action == 2
            && !cfg.blacklist_override
            && !ctx.whitelisted
            && attack.check != Check::Blacklist
        {
            if let Some(ip) = ctx.ip {
                self.blacklist_ip(ip, ctx.now);
            }
        }
        self.emit(c, &attack, ctx.req, ctx.ip, ctx.now);
        if count {
            self.counters.lock().attacks += 1;
        }
        let decision = if action == 3 {
            Decision::Monitor(Box::new(attack))
        } else {
            Decision::Block(Box::new(attack))
        };
        // The block response of an inbound attack is an error response the client sees:
        // feed the brute-force counter as PyRASP's after-request hook did.
        if let (Decision::Block(a), true) = (&decision, a_is_inbound(&decision)) {
            let feeds = checks::brute::feeds_brute(a.check)
                || self.block_response_with(cfg, a).status >= 400;
            // A refused blacklisted source is not counted again: that would extend its ban.
            let counted = !matches!(a.check, Check::Brute | Check::Dlp | Check::Blacklist);
            if feeds && counted && c.action(Check::Brute) != 0 {
                if let Some(ip) = ctx.ip {
                    if let Some(b) = checks::brute::hit(
                        &*self.store,
                        ip,
                        ctx.req.path,
                        ctx.now,
                        cfg.error_flood_delay,
                        cfg.error_flood_ratio,
                    ) {
                        let brute_action = c.action(Check::Brute);
                        let brute = Attack {
                            check: b.check,
                            location: b.location,
                            payload: b.payload,
                            engine: None,
                            score: None,
                            action: brute_action,
                        };
                        if brute_action == 2 && !cfg.blacklist_override {
                            self.blacklist_ip(ip, ctx.now);
                        }
                        self.emit(c, &brute, ctx.req, ctx.ip, ctx.now);
                    }
                }
            }
        }
        decision
    }

    fn blacklist_ip(&self, ip: IpAddr, now: f64) {
        if self.store.blacklist(ip, now) {
            let mut q = self.new_blacklist.lock();
            if q.len() >= MAX_NEW_BLACKLIST {
                q.pop_front();
            }
            q.push_back((ip, now as i64));
        }
    }

    fn emit(
        &self,
        c: &Compiled,
        attack: &Attack,
        req: &RequestView<'_>,
        ip: Option<IpAddr>,
        now: f64,
    ) {
        let Some(sink) = &self.sink else { return };
        self.stats.events.fetch_add(1, Ordering::Relaxed);
        sink.emit(SecurityEvent {
            check: attack.check,
            location: attack.location.clone(),
            payload: attack.payload.clone(),
            engine: attack.engine,
            score: attack.score,
            action: attack.action,
            client_ip: ip,
            method: req.method.to_string(),
            path: req.path.to_string(),
            host: req.host.map(str::to_string).or_else(|| {
                req.header("host")
                    .map(|h| String::from_utf8_lossy(h).into_owned())
            }),
            time: now,
            app_name: c.config.app_name.clone(),
        });
    }

    fn block_response_with(&self, cfg: &Config, attack: &Attack) -> BlockResponse {
        let (kind, status, content) = if attack.action == 2 && !cfg.blacklist_override {
            (
                cfg.blacklist_action,
                cfg.blacklist_status_code,
                &cfg.blacklist_action_content,
            )
        } else {
            (
                cfg.block_action,
                cfg.block_status_code,
                &cfg.block_action_content,
            )
        };
        match kind {
            ReactionKind::Block => BlockResponse {
                status,
                body: content.clone(),
                headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            },
            ReactionKind::Redirect => BlockResponse {
                status,
                body: String::new(),
                headers: vec![
                    ("Location".into(), content.clone()),
                    (
                        "Cache-Control".into(),
                        "no-store, no-cache, must-revalidate".into(),
                    ),
                    ("Pragma".into(), "no-cache".into()),
                ],
            },
        }
    }

    /// The block or redirect response for an attack (spec §3.4, 0.9.2+ reactions).
    pub fn block_response(&self, attack: &Attack) -> BlockResponse {
        self.block_response_with(&self.compiled.load().config, attack)
    }

    /// `Some(value)` when `CHANGE_SERVER` is on.
    pub fn server_header(&self) -> Option<String> {
        let c = self.compiled.load();
        c.config
            .change_server
            .then(|| c.config.server_header.clone())
    }

    /// Client IP: the peer, or the forwarded address when the peer is a trusted proxy.
    pub fn client_ip(&self, req: &RequestView<'_>) -> Option<IpAddr> {
        self.client_ip_with(&self.compiled.load(), req)
    }

    /// Current configuration snapshot.
    pub fn config(&self) -> Arc<Config> {
        self.compiled.load().config.clone()
    }

    /// Replace the route table (enables route validation and protects real routes from decoys).
    pub fn set_routes(&self, routes: Vec<Route>) {
        self.routes.store(Some(Arc::new(RouteTable::new(routes))));
    }

    /// The route table, empty when none was supplied (PyRASP `get_routes`).
    pub fn get_routes(&self) -> Vec<Route> {
        self.routes
            .load()
            .as_ref()
            .map(|t| t.routes.clone())
            .unwrap_or_default()
    }

    /// The effective configuration as UPPER_CASE JSON (PyRASP 0.10 `get_config`).
    pub fn get_config(&self) -> serde_json::Value {
        self.compiled.load().config.to_json()
    }

    /// Change some keys while requests run (PyRASP `set_config`). Each key is validated on
    /// its own; valid keys are applied together in one atomic swap, invalid or unknown ones
    /// are reported in `fail`. `"SECURITY_CHECKS.<check>"` keys change one check. A
    /// result that breaks a rule between keys (e.g. `ztaa` on without `ZTAA_KEYS`) is an
    /// error and nothing changes.
    pub fn set_config(&self, changes: &serde_json::Value) -> Result<SetConfigReport, ConfigError> {
        let serde_json::Value::Object(map) = changes else {
            return Err(ConfigError::Invalid {
                key: "<root>".into(),
                reason: "set_config expects a JSON object".into(),
            });
        };
        let _writer = self.config_write.lock();
        let mut cfg = (*self.compiled.load().config).clone();
        let mut report = SetConfigReport::default();
        let mut warnings = Vec::new();
        for (k, v) in map {
            let mut trial = cfg.clone();
            match crate::config::keys::apply_key(&mut trial, k, v, &mut warnings, false) {
                Ok(crate::config::keys::Applied::Set) => {
                    cfg = trial;
                    report.success.push(k.clone());
                }
                Ok(crate::config::keys::Applied::Ignored) => {
                    report.fail.push(format!("{k}: not implemented by rasp-rs"));
                }
                Err(e) => report.fail.push(format!("{k}: {e}")),
            }
        }
        let compiled = Compiled::new(cfg)?;
        self.compiled.store(Arc::new(compiled));
        Ok(report)
    }

    /// Swap in a whole new configuration (cloud updates). Validated first; on error the
    /// running configuration stays.
    pub fn replace_config(&self, config: Config) -> Result<(), ConfigError> {
        let compiled = Compiled::new(config)?;
        let _writer = self.config_write.lock();
        self.compiled.store(Arc::new(compiled));
        Ok(())
    }

    /// Mark where the configuration came from (`"Default"`, `"Local"`, `"Cloud"`).
    pub fn set_config_source(&self, source: &'static str) {
        *self.source.lock() = source;
    }

    /// Blacklisted IPs (expired entries are dropped first, unlike PyRASP, B29).
    pub fn get_blacklist(&self) -> Vec<String> {
        let now = self.clock();
        let delay = self.compiled.load().config.blacklist_delay;
        let mut out: Vec<String> = self
            .store
            .blacklist_entries()
            .into_iter()
            .filter(|(_, at)| now <= at + delay)
            .map(|(ip, _)| ip.to_string())
            .collect();
        out.sort();
        out
    }

    /// PyRASP `get_status()`.
    pub fn get_status(&self) -> Status {
        Status {
            version: env!("CARGO_PKG_VERSION"),
            blacklist: self.get_blacklist().len(),
            xss_loaded: true,
            sqli_loaded: true,
            config: *self.source.lock(),
        }
    }

    /// Request counters since the last [`Engine::take_counters`].
    pub fn counters(&self) -> Counters {
        *self.counters.lock()
    }

    /// Read and reset the counters (beacons).
    pub fn take_counters(&self) -> Counters {
        std::mem::take(&mut *self.counters.lock())
    }

    /// IPs blacklisted since the last call, with the epoch second (PyRASP `BLACKLIST_NEW`).
    pub fn take_new_blacklist(&self) -> Vec<(IpAddr, i64)> {
        self.new_blacklist.lock().drain(..).collect()
    }

    /// Blacklist `ip` from `now` (cloud orders, shared blacklists).
    pub fn blacklist_add(&self, ip: IpAddr, now: f64) {
        self.store.blacklist(ip, now);
    }

    /// Remove `ip` from the blacklist. Returns whether it was there.
    pub fn blacklist_remove(&self, ip: IpAddr) -> bool {
        self.store.unblacklist(ip)
    }

    /// The injection checks exactly as the engine runs them on a value found at
    /// `location` (a PyRASP vector name; unknown names are treated as `qs_values`):
    /// same decoding, same EXCEPTIONS, same enabled checks. No state, no event.
    pub fn check_value(&self, value: &str, location: &str) -> Option<Attack> {
        let c = self.compiled.load_full();
        let loc = Location::from_name(location).unwrap_or(Location::QsValues);
        let run = catch_unwind(AssertUnwindSafe(|| {
            let mut vectors = Vectors::default();
            let ex: Extractor<'_> = c.extractor();
            ex.push(&mut vectors, loc, value);
            self.scan_values(&c, &enabled_kinds(&c), &vectors, Instant::now())
        }));
        let f = match run {
            Ok(f) => f?,
            Err(_) => {
                self.stats.panics.fetch_add(1, Ordering::Relaxed);
                return None;
            }
        };
        Some(Attack {
            action: c.action(f.check),
            check: f.check,
            location: f.location,
            payload: f.payload,
            engine: f.engine,
            score: f.score,
        })
    }

    /// The values the value checks would inspect for `req` (decoded variants included,
    /// `EXCEPTIONS` removed, limits applied): to explain a decision or tune exceptions.
    pub fn vectors(&self, req: &RequestView<'_>) -> Vectors {
        self.compiled.load().extractor().extract(req)
    }

    /// Health figures.
    pub fn stats(&self) -> EngineStats {
        let s = &self.stats;
        EngineStats {
            budget_overruns: s.budget_overruns.load(Ordering::Relaxed),
            values_skipped: s.values_skipped.load(Ordering::Relaxed),
            dlp_skipped_encoded: s.dlp_skipped_encoded.load(Ordering::Relaxed),
            panics: s.panics.load(Ordering::Relaxed),
            events: s.events.load(Ordering::Relaxed),
        }
    }

    /// The state store (shared with the agent's synchronisation).
    pub fn store(&self) -> &Arc<dyn StateStore> {
        &self.store
    }

    /// Make `inspect_request` panic (inside its guard) so adapters can test `FAIL_MODE`.
    #[doc(hidden)]
    pub fn inject_panic_for_tests(&self, on: bool) {
        self.panic_for_tests.store(on, Ordering::Relaxed);
    }
}

/// The value detectors whose check is on, in PyRASP's order (command, XSS, SQLi, then
/// traversal); [`checks::injection::scan`] asks their grammars in this order, then their
/// models.
fn enabled_kinds(c: &Compiled) -> Vec<AttackKind> {
    AttackKind::ALL
        .into_iter()
        .filter(|k| c.action(checks::injection::check_for(*k)) != 0)
        .collect()
}

/// Inbound decisions are the ones whose attack is not an outbound check.
fn a_is_inbound(d: &Decision) -> bool {
    d.attack()
        .is_some_and(|a| !matches!(a.check, Check::Brute | Check::Dlp))
}

impl EngineBuilder {
    /// Where security events go.
    pub fn sink(mut self, sink: Arc<dyn EventSink>) -> Self {
        self.sink = Some(sink);
        self
    }
    /// Shared state (default: a `MemoryStore` of `STATE_CAPACITY`).
    pub fn store(mut self, store: Arc<dyn StateStore>) -> Self {
        self.store = Some(store);
        self
    }
    /// The application's routes (enables route validation).
    pub fn routes(mut self, routes: Vec<Route>) -> Self {
        self.routes = Some(routes);
        self
    }
    /// Initial blacklist entries (config file `blacklist`, cloud start-up response).
    pub fn blacklist(mut self, entries: Vec<(IpAddr, f64)>) -> Self {
        self.blacklist.extend(entries);
        self
    }
    /// Where the configuration came from (`"Default"`, `"Local"`, `"Cloud"`).
    pub fn source(mut self, source: &'static str) -> Self {
        self.source = source;
        self
    }
    /// Validate and compile the configuration.
    pub fn build(self) -> Result<Engine, ConfigError> {
        let compiled = Compiled::new(self.config)?;
        let store: Arc<dyn StateStore> = match self.store {
            Some(s) => s,
            None => Arc::new(MemoryStore::new(compiled.config.state_capacity)),
        };
        for (ip, at) in self.blacklist {
            store.blacklist(ip, at);
        }
        Ok(Engine {
            compiled: ArcSwap::from_pointee(compiled),
            config_write: Mutex::new(()),
            routes: ArcSwapOption::new(self.routes.map(|r| Arc::new(RouteTable::new(r)))),
            store,
            sink: self.sink,
            counters: Mutex::new(Counters::default()),
            new_blacklist: Mutex::new(VecDeque::new()),
            stats: AtomicStats::default(),
            panic_for_tests: AtomicBool::new(false),
            source: Mutex::new(self.source),
            clock: AtomicU64::new(0),
        })
    }
}

#[cfg(test)]
mod tests;
