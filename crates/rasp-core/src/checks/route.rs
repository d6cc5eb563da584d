//! Route validation (`path`, spec §6.5) against the route table an adapter supplies.

use super::Finding;
use crate::attack::Check;
use crate::engine::Route;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Seg {
    Lit(String),
    /// `{id}`, `:id`, `<id>`, `<int:id>`: exactly one segment.
    Param,
    /// `*rest`, `{*rest}`, `{rest:.*}`, `<path:rest>`: any remainder (possibly empty).
    Rest,
}

/// One route, parsed once.
#[derive(Clone, Debug)]
pub struct CompiledRoute {
    methods: Vec<String>,
    segs: Vec<Seg>,
}

fn parse_seg(s: &str) -> Seg {
    let inner = s
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .or_else(|| s.strip_prefix('<').and_then(|r| r.strip_suffix('>')));
    if s.starts_with('*')
        || inner.is_some_and(|i| {
            i.starts_with('*')
                || i.ends_with(":.*")
                || i.ends_with(":path")
                || i.starts_with("path:")
        })
    {
        Seg::Rest
    } else if s.starts_with(':') || inner.is_some() {
        Seg::Param
    } else {
        Seg::Lit(s.to_string())
    }
}

impl CompiledRoute {
    /// Parse one route.
    pub fn new(route: &Route) -> CompiledRoute {
        CompiledRoute {
            methods: route
                .methods
                .iter()
                .map(|m| m.to_ascii_uppercase())
                .collect(),
            segs: route
                .path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(parse_seg)
                .collect(),
        }
    }

    /// Whether the path (split into non-empty segments) matches this route's pattern.
    fn matches_path(&self, segs: &[&str]) -> bool {
        let mut i = 0;
        for s in &self.segs {
            match s {
                Seg::Rest => return true,
                Seg::Param => {
                    if i >= segs.len() {
                        return false;
                    }
                }
                Seg::Lit(l) => {
                    if segs.get(i) != Some(&l.as_str()) {
                        return false;
                    }
                }
            }
            i += 1;
        }
        i == segs.len()
    }

    /// Methods allowed; `HEAD` goes with `GET`, `OPTIONS` is answered by frameworks.
    fn allows(&self, method: &str) -> bool {
        let m = method.to_ascii_uppercase();
        self.methods.is_empty()
            || m == "OPTIONS"
            || self
                .methods
                .iter()
                .any(|x| *x == m || (m == "HEAD" && x == "GET"))
    }
}

/// The table an adapter supplied.
#[derive(Clone, Debug, Default)]
pub struct RouteTable {
    /// The routes as supplied (for `get_routes`).
    pub routes: Vec<Route>,
    compiled: Vec<CompiledRoute>,
}

/// Calls `f` with the non-empty segments of the percent-decoded `path`. Up to
/// [`STACK_SEGMENTS`] segments live on the stack; the route check runs on every request and
/// a vector of owned strings per request showed in profiles.
fn with_segments<R>(path: &str, f: impl FnOnce(&[&str]) -> R) -> R {
    let decoded = crate::decode::percent(path);
    let path = decoded.as_deref().unwrap_or(path);
    let mut stack = [""; STACK_SEGMENTS];
    let mut n = 0;
    let mut rest = path.split('/').filter(|s| !s.is_empty());
    for seg in rest.by_ref() {
        if n == STACK_SEGMENTS {
            let mut all = stack.to_vec();
            all.push(seg);
            all.extend(rest);
            return f(&all);
        }
        stack[n] = seg;
        n += 1;
    }
    f(&stack[..n])
}

/// Segments kept on the stack by [`with_segments`]; deeper paths use a vector.
const STACK_SEGMENTS: usize = 16;

impl RouteTable {
    /// Parse every route once.
    pub fn new(routes: Vec<Route>) -> RouteTable {
        let compiled = routes.iter().map(CompiledRoute::new).collect();
        RouteTable { routes, compiled }
    }

    /// True when some route's pattern matches `path` (any method).
    pub fn has_path(&self, path: &str) -> bool {
        with_segments(path, |segs| {
            self.compiled.iter().any(|r| r.matches_path(segs))
        })
    }

    /// Attack 1 (`request`, `"METHOD /path"`) when no route accepts this method and path.
    pub fn check(&self, method: &str, path: &str) -> Option<Finding> {
        let ok = with_segments(path, |segs| {
            self.compiled
                .iter()
                .any(|r| r.matches_path(segs) && r.allows(method))
        });
        (!ok).then(|| Finding::new(Check::Path, "request", format!("{method} {path}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(path: &str, methods: &[&str]) -> Route {
        Route {
            name: path.into(),
            methods: methods.iter().map(|s| s.to_string()).collect(),
            path: path.into(),
        }
    }

    #[test]
    fn patterns_and_methods() {
        let t = RouteTable::new(vec![
            route("/", &["GET"]),
            route("/users/{id}", &["GET", "POST"]),
            route("/items/:id/tags", &[]),
            route("/static/*rest", &["GET"]),
            route("/flask/<int:id>", &["GET"]),
        ]);
        assert!(t.check("GET", "/").is_none());
        assert!(t.check("GET", "/users/42").is_none());
        assert!(t.check("HEAD", "/users/42").is_none());
        let f = t.check("DELETE", "/users/42").unwrap();
        assert_eq!(
            (f.location.as_str(), f.payload.as_str()),
            ("request", "DELETE /users/42")
        );
        assert!(t.check("GET", "/users").is_some());
        // Deeper than the on-stack segment buffer.
        let deep = format!("/static{}", "/a".repeat(40));
        assert!(t.check("GET", &deep).is_none());
        assert!(t
            .check("GET", &format!("/users{}", "/a".repeat(40)))
            .is_some());
        assert!(t.check("GET", "/users/1/x").is_some());
        assert!(t.check("PUT", "/items/3/tags").is_none());
        assert!(t.check("GET", "/static/css/a.css").is_none());
        assert!(t.check("GET", "/flask/7").is_none());
        assert!(t.check("GET", "/nope").is_some());
        assert!(t.has_path("/users/9"));
        assert!(!t.has_path("/admin"));
    }
}
