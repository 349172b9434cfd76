//! Property tests over every function of this crate that parses request input (form fields,
//! query parameters, cookies, integration API bodies): arbitrary Unicode and bytes never panic,
//! and what is accepted keeps the promises callers rely on. A new parser of request input gets
//! its property here.
//!
//! The HTTP edge's own parsers (host, forwarded headers, return paths, origins) are covered in
//! `portal`'s `http::input_properties`; Markdown and the views' parsers in `portal-views`.

use proptest::prelude::*;
use serde_json::json;

use crate::integration_tokens;
use crate::login_throttle::normalise_email;
use crate::model::{is_valid_slug, Email, UserType};
use crate::password_policy::{self, PasswordContext};
use crate::portal_domain::{parse_domain, DomainStatus};
use crate::sso::providers::{self, ProviderKind};
use crate::ticket_sync::input as sync;
use crate::tickets::{
    clean_file_name, is_valid_ticket_number, parse_body, parse_title, RawTicketFilter,
    ResponseState, SortDirection, StatusFilter, TicketFilter, TicketScope, TicketSort,
};
use crate::{tokens, totp};

/// Any Unicode text, control characters, combining marks and astral planes included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,80}",
        proptest::collection::vec(any::<char>(), 0..80).prop_map(|c| c.into_iter().collect()),
        // Lossy bytes: what a form decoder hands over for invalid UTF-8.
        proptest::collection::vec(any::<u8>(), 0..80)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

/// Arbitrary JSON values, nested a little, with arbitrary keys and strings.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        text().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(text(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An object with the integration API's field names and arbitrary values.
fn sync_body() -> impl Strategy<Value = serde_json::Value> {
    let keys = prop_oneof![
        Just("name"),
        Just("title"),
        Just("description"),
        Just("board_id"),
        Just("status_id"),
        Just("priority_id"),
        Just("category_id"),
        Just("client_id"),
        Just("contact_id"),
        Just("color"),
        Just("is_default"),
        Just("is_closed"),
        Just("is_inactive"),
        Just("display_order"),
        Just("board_ids"),
        Just("entered_at"),
        Just("due_at"),
        Just("body"),
        Just("ticket_scope"),
    ];
    proptest::collection::btree_map(keys, json_value(), 0..10).prop_map(|m| {
        serde_json::Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn emails_parse_or_refuse_and_accepted_ones_are_bounded(raw in text()) {
        if let Ok(email) = Email::parse(&raw) {
            prop_assert!(email.as_str().len() <= 254);
            prop_assert!(email.as_str().contains('@'));
            prop_assert!(!email.as_str().chars().any(char::is_control));
        }
        let counted = normalise_email(&raw);
        prop_assert!(counted.chars().count() <= 320);
    }

    #[test]
    fn a_new_sign_in_email_is_an_address_other_than_the_current_one(raw in text(), current in text()) {
        let user = crate::store::email_change::ChangingUser {
            user_id: uuid::Uuid::nil(),
            email: current.trim().to_lowercase(),
            contact_id: uuid::Uuid::nil(),
            full_name: String::new(),
            has_password: true,
        };
        if let Ok(new) = crate::email_change::checked_address(&raw, &user) {
            prop_assert_eq!(Email::parse(&raw).ok(), Some(new.clone()));
            prop_assert!(!new.as_str().eq_ignore_ascii_case(&user.email));
        }
    }

    #[test]
    fn slugs_and_user_types_never_panic(raw in text()) {
        if is_valid_slug(&raw) {
            prop_assert!(raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        }
        let _ = UserType::parse(&raw);
        let _ = providers::is_valid_slug(&raw);
        let _ = ProviderKind::parse(&raw);
        let _ = providers::parse_issuer(&raw);
        let _ = DomainStatus::parse(&raw);
    }

    #[test]
    fn cookie_and_form_tokens_are_checked_without_panicking(raw in text(), other in text()) {
        if tokens::is_well_formed(&raw) {
            prop_assert_eq!(raw.len(), 43);
        }
        prop_assert_eq!(tokens::token_hash(&raw).len(), 64);
        let _ = tokens::derive_token("csrf", &raw);
        prop_assert_eq!(tokens::constant_time_eq(&raw, &other), raw == other);
    }

    #[test]
    fn two_factor_and_recovery_codes_never_panic(raw in text(), now in any::<u64>()) {
        let secret = [7u8; 20];
        prop_assert!(totp::matching_step(&secret, &raw, now).is_ok());
        if let Some(code) = totp::normalize_recovery_code(&raw) {
            prop_assert_eq!(code.chars().count(), 11);
            prop_assert_eq!(code.chars().nth(5), Some('-'));
            prop_assert_eq!(totp::normalize_recovery_code(&code), Some(code.clone()));
        }
    }

    #[test]
    fn passwords_are_judged_without_panicking(raw in "\\PC{0,40}", email in text()) {
        let _ = password_policy::check(&raw, &PasswordContext { email: &email, names: &["Ada", ""] });
    }

    #[test]
    fn ticket_fields_are_parsed_or_refused_by_name(raw in text()) {
        if let Ok(title) = parse_title(&raw) {
            prop_assert!(!title.is_empty() && title.chars().count() <= 200);
            prop_assert!(!title.chars().any(char::is_control));
        }
        if let Ok(body) = parse_body("description", &raw, true) {
            prop_assert!(!body.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
        if let Some(name) = clean_file_name(&raw) {
            prop_assert!(!name.is_empty() && name.chars().count() <= 200);
            prop_assert!(!name.contains(['/', '\\', '"']));
            prop_assert!(!name.chars().any(char::is_control));
            prop_assert!(!name.starts_with('.'));
        }
        if is_valid_ticket_number(&raw) {
            prop_assert!(raw.len() <= 32 && !raw.eq_ignore_ascii_case("new"));
        }
    }

    #[test]
    fn ticket_list_filters_parse_or_name_the_bad_parameter(
        status in optional_text(), response in optional_text(), priority in optional_text(),
        category in optional_text(), q in optional_text(), sort in optional_text(),
        dir in optional_text(), page in optional_text(),
    ) {
        let raw = RawTicketFilter { status, response, priority, category, q, sort, dir, page };
        match TicketFilter::parse(&raw) {
            Ok(filter) => {
                prop_assert!(filter.page >= 1);
                prop_assert!(filter.offset() >= 0);
                let _ = filter.query_pairs();
            }
            Err(e) => prop_assert!(!e.field.is_empty()),
        }
        for raw in [&raw.status, &raw.sort, &raw.dir, &raw.response].into_iter().flatten() {
            let _ = (StatusFilter::parse(raw), TicketSort::parse(raw), SortDirection::parse(raw));
            let _ = (ResponseState::parse(raw), TicketScope::parse(raw));
        }
    }

    #[test]
    fn project_list_filters_and_numbers_parse_or_are_refused(
        status in optional_text(), q in optional_text(), sort in optional_text(),
        dir in optional_text(), page in optional_text(), number in text(), view in text(),
    ) {
        use crate::projects::{is_valid_project_number, ProjectFilter, ProjectView, RawProjectFilter};
        let raw = RawProjectFilter { status, q, sort, dir, page };
        match ProjectFilter::parse(&raw) {
            Ok(filter) => {
                prop_assert!(filter.page >= 1 && filter.offset() >= 0);
                let pairs = filter.query_pairs();
                prop_assert!(pairs.iter().all(|(k, _)| *k != "page"));
            }
            Err(e) => prop_assert!(!e.field.is_empty()),
        }
        if is_valid_project_number(&number) {
            prop_assert!(!number.chars().any(char::is_control) && number.chars().count() <= 50);
        }
        let _ = ProjectView::parse(&view);
    }

    #[test]
    fn integration_api_bodies_parse_or_name_the_bad_field(body in sync_body()) {
        for result in [
            sync::BoardInput::parse(body.clone()).err(),
            sync::StatusInput::parse(body.clone()).err(),
            sync::PriorityInput::parse(body.clone()).err(),
            sync::CategoryInput::parse(body.clone()).err(),
            sync::VisibilityGroupInput::parse(body.clone()).err(),
            sync::TicketAccessInput::parse(body.clone()).err(),
            sync::TicketInput::parse(body.clone()).err(),
            sync::CommentInput::parse(body.clone()).err(),
            crate::project_sync::ProjectInput::parse(body.clone()).err(),
            crate::project_sync::ProjectStatusInput::parse(body.clone()).err(),
            crate::billing_sync::InvoiceInput::parse(body.clone()).err(),
            crate::billing_sync::PaymentInput::parse(body.clone()).err(),
            crate::billing_sync::accounts::ContractInput::parse(body.clone()).err(),
            crate::billing_sync::accounts::CreditInput::parse(body.clone()).err(),
            crate::billing_sync::accounts::UsageInput::parse(body.clone()).err(),
            crate::billing_sync::accounts::HourBlockInput::parse(body.clone()).err(),
            crate::billing_sync::accounts::BillableTimeInput::parse(body.clone()).err(),
        ]
        .into_iter()
        .flatten()
        {
            prop_assert!(!result.to_string().is_empty());
        }
    }

    #[test]
    fn integration_api_scalars_never_panic(raw in text(), value in json_value()) {
        let _ = sync::parse_time(&raw);
        let _ = sync::parse_name("name", &raw);
        if let Ok(color) = sync::parse_color("color", &raw) {
            prop_assert_eq!(color.len(), 7);
        }
        let _ = sync::parse_path_id("id", &raw);
        let _ = sync::decode_cursor(&raw);
        let _ = crate::project_sync::ProjectInput::parse(json!({"settings": value.clone()}));
        let _ = sync::BoardInput::parse(value);
        let _ = integration_tokens::parse_name(&raw);
        if let Some(c) = crate::billing::Currency::parse(&raw) {
            prop_assert!(c.minor_digits() <= 4 && c.code() == raw);
        }
    }

    #[test]
    fn branding_images_are_checked_without_panicking(
        head in prop_oneof![
            Just(b"\x89PNG\r\n\x1a\n".to_vec()),
            Just(b"\xff\xd8\xff".to_vec()),
            Just(b"RIFF\0\0\0\0WEBP".to_vec()),
            Just(b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\">".to_vec()),
            Just(Vec::new()),
        ],
        rest in proptest::collection::vec(any::<u8>(), 0..200),
        declared in optional_text(),
    ) {
        let bytes = [head, rest].concat();
        if let Ok((stored, kind)) = crate::branding::check_image(&bytes, declared.as_deref()) {
            prop_assert!(["image/png", "image/jpeg", "image/webp", "image/svg+xml"].contains(&kind));
            if kind == "image/svg+xml" {
                let svg = String::from_utf8(stored).unwrap_or_default();
                prop_assert!(!svg.contains("<script") && !svg.contains("href=\"http"));
            } else {
                prop_assert_eq!(stored, bytes);
            }
        }
    }

    #[test]
    fn domains_never_panic(raw in text()) {
        if let Ok(domain) = parse_domain(&raw, "portal.example") {
            prop_assert!((3..=253).contains(&domain.len()));
            prop_assert!(domain.is_ascii());
        }
    }
}
