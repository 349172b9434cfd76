//! A password-reset or "find your organization" request for an address without an account does
//! the same work as one for an address with one — the same statements, in the same order, the
//! email rendered too — and leaves nothing behind (its transaction is rolled back). Compared by
//! the statements the request runs (`db::record_statements`), not by wall-clock time, which is
//! noise on a shared machine.

use std::cell::Cell;

use chrono::Duration;
use portal_actors::account_recovery::{
    find_organizations, request_password_reset, ResetRequest, ResetRequested,
};
use portal_actors::db::record_statements;
use portal_actors::store::outbox::EmailContent;

use crate::helpers::*;

fn content() -> EmailContent {
    EmailContent {
        subject: "subject".into(),
        body_text: "text".into(),
        body_html: "<p>html</p>".into(),
    }
}

/// Runs a reset request for `email`; returns what it did, its statements and whether it
/// rendered an email.
async fn reset(app: &TestApp, email: &str) -> (ResetRequested, Vec<String>, bool) {
    let rendered = Cell::new(false);
    let request = ResetRequest {
        tenant: app.tenant.clone(),
        email: email.into(),
        origin: Default::default(),
        ttl: Duration::minutes(30),
    };
    let (outcome, statements) = record_statements(request_password_reset(
        &app.state.services,
        &app.state.mailer,
        request,
        |_| {
            rendered.set(true);
            content()
        },
    ))
    .await;
    (outcome.unwrap(), statements, rendered.get())
}

async fn discover(app: &TestApp, email: &str) -> (usize, Vec<String>, bool) {
    let rendered = Cell::new(false);
    let (outcome, statements) = record_statements(find_organizations(
        &app.state.services,
        &app.state.mailer,
        email,
        Default::default(),
        |_| {
            rendered.set(true);
            content()
        },
    ))
    .await;
    (outcome.unwrap(), statements, rendered.get())
}

async fn left_for(app: &TestApp, email: &str) -> (i64, i64) {
    let outbox = portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM outbox WHERE recipient = $1",
        email
    )
    .unwrap();
    let tokens = portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM account_tokens WHERE email = $1",
        email
    )
    .unwrap();
    (outbox, tokens)
}

#[actix_web::test]
async fn reset_requests_for_known_and_unknown_addresses_run_the_same_statements() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@acme.example", "Acme").await;
    let internal = app.internal_user("staff@msp.example").await;

    let (outcome, known, rendered) = reset(&app, &user.email).await;
    assert_eq!(outcome, ResetRequested::Queued);
    assert!(rendered);
    assert!(
        known.iter().any(|s| s.starts_with("INSERT INTO outbox")),
        "{known:#?}"
    );
    for stranger in ["nobody@acme.example", internal.email.as_str()] {
        let (outcome, unknown, rendered) = reset(&app, stranger).await;
        assert_eq!(outcome, ResetRequested::NoAccount);
        assert_eq!(
            unknown, known,
            "{stranger}: other statements than a known address"
        );
        assert!(rendered, "{stranger}: no email rendered");
        assert_eq!(
            left_for(&app, stranger).await,
            (0, 0),
            "{stranger}: left rows"
        );
    }
    assert_eq!(left_for(&app, &user.email).await, (1, 1));
}

#[actix_web::test]
async fn discovery_requests_for_known_and_unknown_addresses_run_the_same_statements() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@acme.example", "Acme").await;

    let (listed, known, rendered) = discover(&app, &user.email).await;
    assert_eq!(listed, 1);
    assert!(rendered);
    assert!(
        known.iter().any(|s| s.starts_with("INSERT INTO outbox")),
        "{known:#?}"
    );
    let (listed, unknown, rendered) = discover(&app, "nobody@acme.example").await;
    assert_eq!(listed, 0);
    assert_eq!(unknown, known);
    assert!(rendered, "no email rendered for the unknown address");
    assert_eq!(left_for(&app, "nobody@acme.example").await.0, 0);
    assert_eq!(left_for(&app, &user.email).await.0, 1);
}

#[actix_web::test]
async fn the_recorder_sees_only_its_own_task() {
    let Some(app) = spawn_app().await else { return };
    let (_, outside) = record_statements(async {}).await;
    assert!(outside.is_empty());
    let db = app.db.clone();
    let (_, inside) = record_statements(async move { db.ping().await.unwrap() }).await;
    assert_eq!(inside, vec!["SELECT 1".to_owned()]);
}
