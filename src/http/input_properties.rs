//! Property tests over the HTTP edge's parsers of request input: the Host header, return paths
//! (`callbackUrl`, `returnPath`), `Origin`, the tenant parameter, cookies, path segments and the
//! admin API's filters. Arbitrary Unicode and bytes never panic, and what is accepted keeps the
//! promises callers rely on. (Forwarded headers: `http::extract`'s own tests; field and Markdown
//! parsers: `portal-actors`' and `portal-views`' `input_properties`.)

use actix_web::http::header::{self, HeaderValue};
use actix_web::test::TestRequest;
use proptest::prelude::*;

use crate::http::cookies::SESSION_COOKIE;
use crate::http::extract::{host_without_port, query_tenant_slug, request_host, request_scheme};
use crate::http::middleware::origin_host;
use crate::http::redirect::{encode_query_value, ReturnPath};
use crate::routes::account_recovery::typed_email;
use crate::routes::admin::audit_trail;
use crate::routes::integration::path_id;
use crate::routes::tickets::ticket_number;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,80}",
        proptest::collection::vec(any::<char>(), 0..80).prop_map(|c| c.into_iter().collect()),
        // URL-ish and host-ish pieces, so prefixes and brackets are hit often.
        proptest::collection::vec(
            prop_oneof![
                Just("https://"),
                Just("http://"),
                Just("support.acme.example"),
                Just("/"),
                Just("//"),
                Just("\\"),
                Just("["),
                Just("]"),
                Just(":"),
                Just("::1"),
                Just("€"),
                Just("é"),
                Just("%2f"),
                Just("?"),
                Just("#"),
                Just(".."),
                Just("client-portal"),
                Just("\u{0}"),
                Just("\r\n"),
                Just("@"),
                Just("8080"),
            ],
            0..16
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..120)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn hosts_parse_or_are_refused(raw in bytes(), typed in text()) {
        for value in [raw.clone(), typed.into_bytes()] {
            let Ok(value) = HeaderValue::from_bytes(&value) else { continue };
            let req = TestRequest::default().insert_header((header::HOST, value)).to_http_request();
            if let Some(host) = request_host(&req) {
                prop_assert!(!host.is_empty() && host.len() <= 261);
                let name = host_without_port(&host);
                prop_assert!(host.starts_with(name));
            }
            let _ = request_scheme(&req);
        }
    }

    #[test]
    fn any_host_string_loses_its_port_without_panicking(raw in text()) {
        let name = host_without_port(&raw);
        prop_assert!(raw.starts_with(name));
    }

    #[test]
    fn return_paths_are_same_host_paths_or_nothing(raw in text(), domain in text()) {
        for parsed in [
            ReturnPath::parse(&raw),
            ReturnPath::parse_with_domain(&raw, Some("support.acme.example")),
            ReturnPath::parse_with_domain(&raw, Some(&domain)),
        ]
        .into_iter()
        .flatten()
        {
            let path = parsed.as_str();
            prop_assert!(path.starts_with('/'), "{}", path);
            prop_assert!(!path.starts_with("//") && !path.contains('\\'), "{}", path);
            prop_assert!(!path.chars().any(|c| c.is_control() || c.is_whitespace()), "{}", path);
        }
        let encoded = encode_query_value(&raw);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_graphic()));
    }

    #[test]
    fn origins_and_tenant_parameters_never_panic(raw in text()) {
        if let Some(host) = origin_host(&raw) {
            prop_assert!(!host.is_empty());
        }
        let query = format!("tenant={}", encode_query_value(&raw));
        let req = TestRequest::default().uri(&format!("/?{query}")).to_http_request();
        if let Some(slug) = query_tenant_slug(&req) {
            prop_assert!(portal_actors::model::is_valid_slug(&slug));
        }
        // Undecoded junk too, as far as it is a URI at all (the server refuses the rest earlier).
        let raw_uri = format!("/?tenant={raw}");
        if actix_web::http::Uri::try_from(raw_uri.as_str()).is_ok() {
            let _ = query_tenant_slug(&TestRequest::default().uri(&raw_uri).to_http_request());
        }
    }

    #[test]
    fn cookies_of_any_shape_are_read_or_ignored(raw in bytes()) {
        let Ok(value) = HeaderValue::from_bytes(&raw) else { return Ok(()) };
        let req = TestRequest::default().insert_header((header::COOKIE, value)).to_http_request();
        if let Some(cookie) = req.cookie(SESSION_COOKIE) {
            let _ = portal_actors::tokens::is_well_formed(cookie.value());
        }
    }

    #[test]
    fn path_segments_and_form_fields_never_panic(raw in text()) {
        if let Ok(number) = ticket_number(&raw) {
            prop_assert_eq!(number, raw.clone());
        }
        let _ = path_id("ticket_id", &raw);
        prop_assert!(typed_email(&raw).chars().count() <= raw.chars().count());
    }

    #[test]
    fn audit_trail_filters_parse_or_name_the_field(raw in text()) {
        let value = Some(raw.clone());
        let _ = audit_trail::word("event_type", value.as_ref());
        let _ = audit_trail::time("since", value.as_ref());
        let _ = audit_trail::decode_cursor(&raw);
    }
}
