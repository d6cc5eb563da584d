//! Decoy routes (`decoy`, spec §6.4): paths only scanners ask for.

use super::Finding;
use crate::attack::Check;
use crate::pattern::Pattern;

/// Attack 4 when `path` matches a decoy, unless the application declares a route for it
/// (`is_real_route`): PyRASP blocked and blacklisted users of real `/login` routes (B3).
pub fn check(
    path: &str,
    decoys: &[Pattern],
    is_real_route: impl Fn(&str) -> bool,
) -> Option<Finding> {
    if !decoys.iter().any(|d| d.is_match(path)) || is_real_route(path) {
        return None;
    }
    Some(Finding::new(Check::Decoy, "path", path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::pattern::compile_all;

    #[test]
    fn defaults_and_real_routes() {
        let d = compile_all(&Config::default().decoy_routes).unwrap();
        assert!(check("/wp/admin", &d, |_| false).is_some());
        assert!(
            check("/admin/users", &d, |_| false).is_none(),
            "ends means ends"
        );
        assert!(check("/.env", &d, |_| false).is_some());
        assert!(
            check("/.aws/credentials", &d, |_| false).is_some(),
            "no trailing space"
        );
        assert!(check("/index.php", &d, |_| false).is_some());
        assert!(
            check("/login", &d, |p| p == "/login").is_none(),
            "declared route"
        );
        assert!(check("/", &d, |_| false).is_none());
    }
}
