//! Redirect targets (`callbackUrl`, `returnPath`): same-host absolute paths only. `//host`,
//! `/\host`, schemes, control characters and their percent-encoded forms are refused.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Where a signed-in user goes by default.
pub const DEFAULT_AFTER_SIGN_IN: &str = "/client-portal/dashboard";
/// Longest redirect target accepted.
const MAX_LEN: usize = 2048;

/// Characters left as they are when a path is put in a query string.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Whether `raw` is a path on this host (never `//host`, a scheme or a backslash), also once
/// and twice percent-decoded so that encodings of `//` or `\` do not pass.
pub fn is_local_path(raw: &str) -> bool {
    if raw.is_empty() || raw.len() > MAX_LEN || !is_safe_path(raw) {
        return false;
    }
    let Ok(once) = percent_decode_str(raw).decode_utf8() else {
        return false;
    };
    if !is_safe_path(&once) {
        return false;
    }
    percent_decode_str(&once)
        .decode_utf8()
        .is_ok_and(|twice| is_safe_path(&twice))
}

/// A validated same-host path under `/client-portal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnPath(String);

impl ReturnPath {
    /// Accepts `raw` only if it is a safe portal path; otherwise `None`.
    pub fn parse(raw: &str) -> Option<ReturnPath> {
        if !is_local_path(raw) {
            return None;
        }
        let path_only = raw.split(['?', '#']).next().unwrap_or(raw);
        let under_portal =
            path_only == "/client-portal" || path_only.starts_with("/client-portal/");
        if !under_portal {
            return None;
        }
        Some(ReturnPath(raw.to_owned()))
    }

    /// The given target when safe, else the dashboard.
    pub fn or_default(raw: Option<&str>) -> ReturnPath {
        raw.and_then(ReturnPath::parse)
            .unwrap_or_else(|| ReturnPath(DEFAULT_AFTER_SIGN_IN.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Accepts a portal path, or an absolute `https://<vanity_domain>/client-portal…` URL back to
    /// the tenant's own portal domain (whose path is returned).
    pub fn parse_with_domain(raw: &str, vanity_domain: Option<&str>) -> Option<ReturnPath> {
        if let Some(domain) = vanity_domain {
            let origin = format!("https://{domain}");
            // `get` is `None` off a character boundary: such a URL is no URL of the domain.
            let path = raw
                .get(..origin.len())
                .filter(|head| head.eq_ignore_ascii_case(&origin))
                .and_then(|_| raw.get(origin.len()..))
                .filter(|path| path.starts_with('/') && path.len() > 1);
            if let Some(path) = path {
                return ReturnPath::parse(path);
            }
        }
        ReturnPath::parse(raw)
    }
}

fn is_safe_path(p: &str) -> bool {
    let path = p.split(['?', '#']).next().unwrap_or(p);
    p.starts_with('/')
        && !path.contains("//")
        && !p.contains('\\')
        && !p.chars().any(|c| c.is_control() || c.is_whitespace())
        && !path
            .split('/')
            .any(|segment| segment == "." || segment == "..")
        && !path.contains(':')
}

/// Percent-encodes a value for a query string.
pub fn encode_query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// The sign-in page URL that brings the user back to `callback` (and to their tenant).
pub fn sign_in_location(
    callback: Option<&ReturnPath>,
    tenant_slug: Option<&str>,
    extra: Option<&str>,
) -> String {
    let mut params = Vec::new();
    if let Some(callback) = callback {
        params.push(format!(
            "callbackUrl={}",
            encode_query_value(callback.as_str())
        ));
    }
    if let Some(slug) = tenant_slug {
        params.push(format!("tenant={}", encode_query_value(slug)));
    }
    if let Some(extra) = extra {
        params.push(extra.to_owned());
    }
    if params.is_empty() {
        "/auth/client-portal/signin".to_owned()
    } else {
        format!("/auth/client-portal/signin?{}", params.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn portal_paths_are_accepted() {
        for ok in [
            "/client-portal/dashboard",
            "/client-portal",
            "/client-portal/tickets?status=open&page=2",
            "/client-portal/tickets/42#comments",
        ] {
            assert_eq!(
                ReturnPath::parse(ok).map(|p| p.0),
                Some(ok.to_owned()),
                "{ok}"
            );
        }
    }

    #[test]
    fn absolute_urls_are_accepted_only_for_the_tenants_domain() {
        let ok = ReturnPath::parse_with_domain(
            "https://support.acme.example/client-portal/x?y=1",
            Some("support.acme.example"),
        );
        assert_eq!(ok.map(|p| p.0), Some("/client-portal/x?y=1".to_owned()));
        for bad in [
            "https://evil.example/client-portal/x",
            "https://support.acme.example.evil.example/client-portal/x",
            "https://support.acme.example//evil.example",
            "https://support.acme.example/\\evil.example",
            "http://support.acme.example/client-portal/x",
            "https://support.acme.example/auth/client-portal/signin",
        ] {
            assert_eq!(
                ReturnPath::parse_with_domain(bad, Some("support.acme.example")),
                None,
                "{bad}"
            );
        }
        assert_eq!(
            ReturnPath::parse_with_domain("https://support.acme.example/client-portal/x", None),
            None
        );
    }

    #[test]
    fn hostile_targets_are_refused() {
        for bad in [
            "",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example/client-portal",
            "javascript:alert(1)",
            "/client-portal/%2F%2Fevil",
            "/%2F%2Fevil.example",
            "/%5Cevil.example",
            "/%252F%252Fevil.example",
            "/client-portal/\tx",
            "/client-portal/\r\nSet-Cookie: x=1",
            "/client-portal/%0d%0aSet-Cookie:x",
            "/client-portal/../admin",
            "/client-portal/%2e%2e/admin",
            "/client-portalx",
            "/auth/client-portal/signin",
            "client-portal/dashboard",
            "/client-portal/x:y",
        ] {
            assert_eq!(ReturnPath::parse(bad), None, "{bad:?}");
        }
        assert_eq!(
            ReturnPath::or_default(Some("//evil")).as_str(),
            DEFAULT_AFTER_SIGN_IN
        );
    }

    proptest! {
        #[test]
        fn anything_with_a_hostile_prefix_is_refused(rest in ".{0,40}") {
            for prefix in ["//", "/\\", "\\", "http:", "https://", "javascript:", "/%2f", "/%5c", "data:"] {
                let candidate = format!("{prefix}{rest}");
                prop_assert!(ReturnPath::parse(&candidate).is_none(), "{:?}", candidate);
            }
        }

        #[test]
        fn accepted_paths_stay_on_the_portal(raw in "\\PC{0,60}") {
            if let Some(path) = ReturnPath::parse(&raw) {
                let s = path.as_str();
                prop_assert!(s.starts_with("/client-portal"));
                prop_assert!(!s.starts_with("//"));
                prop_assert!(!s.contains('\\'));
                prop_assert!(!s.chars().any(char::is_control));
            }
        }

        #[test]
        fn control_characters_are_refused(c in proptest::char::range('\u{0}', '\u{1f}'), tail in "[a-z]{0,8}") {
            let candidate = format!("/client-portal/{tail}{c}");
            prop_assert!(ReturnPath::parse(&candidate).is_none());
        }
    }
}
