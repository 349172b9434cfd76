//! The `Origin` a request claims, compared with one origin exactly: the vanity host's handoff
//! endpoints take a transfer token only from the canonical host's pages.

use actix_web::http::header;
use actix_web::HttpRequest;

/// Longest `Origin` value considered.
const MAX_ORIGIN_LEN: usize = 300;

/// `scheme://host[:port]` in lower case with a default port (`:443` for https, `:80` for http)
/// dropped; `None` for anything else (`null`, paths, user info, other schemes, garbage).
pub fn normalized(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || value.len() > MAX_ORIGIN_LEN {
        return None;
    }
    let lower = value.to_ascii_lowercase();
    let (scheme, authority) = lower.split_once("://")?;
    let authority = match scheme {
        "https" => authority.strip_suffix(":443").unwrap_or(authority),
        "http" => authority.strip_suffix(":80").unwrap_or(authority),
        _ => return None,
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if authority.is_empty() || !authority.chars().all(allowed) {
        return None;
    }
    Some(format!("{scheme}://{authority}"))
}

/// Whether the request carries exactly one `Origin` header and it is `expected`. A missing,
/// repeated, `null` or malformed `Origin` is never a match.
pub fn is(req: &HttpRequest, expected: &str) -> bool {
    let mut sent = req.headers().get_all(header::ORIGIN);
    let (Some(first), None) = (sent.next(), sent.next()) else {
        return false;
    };
    let Ok(first) = first.to_str() else {
        return false;
    };
    match (normalized(first), normalized(expected)) {
        (Some(sent), Some(expected)) => sent == expected,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use proptest::prelude::*;

    #[test]
    fn origins_are_compared_exactly_up_to_case_and_default_ports() {
        let canonical = "https://portal.example";
        for same in [
            "https://portal.example",
            "HTTPS://Portal.Example",
            "https://portal.example:443",
        ] {
            let req = TestRequest::default()
                .insert_header(("origin", same))
                .to_http_request();
            assert!(is(&req, canonical), "{same}");
        }
        for other in [
            "http://portal.example",
            "https://portal.example:8443",
            "https://portal.example.evil.example",
            "https://evil.example",
            "https://portal.example/",
            "https://user@portal.example",
            "null",
            "",
            "portal.example",
        ] {
            let req = TestRequest::default()
                .insert_header(("origin", other))
                .to_http_request();
            assert!(!is(&req, canonical), "{other:?}");
        }
        assert!(!is(&TestRequest::default().to_http_request(), canonical));
        let twice = TestRequest::default()
            .append_header(("origin", canonical))
            .append_header(("origin", canonical))
            .to_http_request();
        assert!(!is(&twice, canonical), "a repeated Origin is refused");
        assert_eq!(
            normalized("http://localhost:8080").as_deref(),
            Some("http://localhost:8080")
        );
        assert_eq!(
            normalized("http://[::1]:80").as_deref(),
            Some("http://[::1]")
        );
    }

    proptest! {
        #[test]
        fn any_input_is_refused_or_normalized_without_panicking(raw in "\\PC{0,80}") {
            if let Some(origin) = normalized(&raw) {
                prop_assert!(origin.starts_with("https://") || origin.starts_with("http://"));
                prop_assert!(!origin.contains('/') || origin.matches('/').count() == 2);
                prop_assert_eq!(normalized(&origin), Some(origin.clone()));
            }
        }

        #[test]
        fn arbitrary_bytes_in_the_header_never_match_by_accident(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            if let Ok(value) = actix_web::http::header::HeaderValue::from_bytes(&bytes) {
                let req = TestRequest::default().insert_header(("origin", value)).to_http_request();
                let matched = is(&req, "https://portal.example");
                prop_assert_eq!(matched, normalized(&String::from_utf8_lossy(&bytes)).as_deref() == Some("https://portal.example"));
            }
        }
    }
}
