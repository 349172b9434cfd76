//! Shutting a company or a contact out from the PSA ends their users' sessions at once (on
//! every instance, within the revocation bound on PostgreSQL) and refuses their sign-in;
//! bringing them back restores no session.

use std::time::{Duration as StdDuration, Instant};

use super::*;
use crate::helpers::{signed_in, spawn_app, spawn_instances, Browser, PASSWORD};
use crate::ticket_fixtures::company_of;

const DASHBOARD: &str = "/client-portal/dashboard";
const COMPANY: &str = "/client-portal/client-settings";
/// How late another instance may still accept an ended session (PostgreSQL, listener up).
const WITHIN: StdDuration = StdDuration::from_secs(1);

fn assert_signed_out(page: &crate::helpers::Page, how: &str) {
    assert_eq!(page.status, 303, "{how}: {}", page.body);
    assert!(
        page.location().starts_with("/auth/client-portal/signin"),
        "{how}: {}",
        page.location()
    );
}

async fn assert_sign_in_refused(app: &TestApp, email: &str, how: &str) {
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, email, PASSWORD)
        .await;
    assert_eq!(page.status, 401, "{how}: {}", page.body);
}

/// Ada (signed in) in company Acme, and the body that PUTs Acme with `changes`.
async fn acme_with_ada(app: &TestApp) -> (Browser, Uuid, Uuid) {
    app.client_user(None, "ada@acme.example", "Acme").await;
    let (client, contact) = company_of(app, &app.tenant, "ada@acme.example").await;
    let browser = signed_in(app, "ada@acme.example").await;
    assert_eq!(browser.get(DASHBOARD).await.status, 200);
    (browser, client, contact)
}

#[actix_web::test]
async fn an_inactive_client_ends_its_users_sessions_and_refuses_their_sign_in() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let (browser, client, _) = acme_with_ada(&app).await;
    let path = format!("/clients/{client}");
    let (status, body) = api
        .put(&path, &json!({"name": "Acme", "inactive": true}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_signed_out(&browser.get(DASHBOARD).await, "client inactive");
    let ended = fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM sessions WHERE tenant = $1 AND revoked_reason = 'deactivated'",
        app.tenant.id
    )
    .unwrap();
    assert_eq!(ended, 1, "ended with the change, as deactivated");
    // SREs see them ended: counted once, by reason.
    let counted = app
        .metric(
            "portal_sessions_revoked_total",
            &[("reason", "deactivated")],
        )
        .await;
    assert_eq!(
        counted, 1.0,
        "portal_sessions_revoked_total{{reason=deactivated}}"
    );
    assert_sign_in_refused(&app, "ada@acme.example", "client inactive").await;
    // Reactivated: sign-in works again, the ended session stays ended.
    assert_eq!(api.put(&path, &json!({"name": "Acme"})).await.0, 200);
    assert_signed_out(&browser.get(DASHBOARD).await, "after reactivation");
    signed_in(&app, "ada@acme.example").await;
}

#[actix_web::test]
async fn a_client_shut_out_of_the_portal_ends_its_users_sessions_and_refuses_their_sign_in() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let (browser, client, _) = acme_with_ada(&app).await;
    let path = format!("/clients/{client}");
    let (status, body) = api
        .put(&path, &json!({"name": "Acme", "portal_enabled": false}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["portal_enabled"], false);
    assert_signed_out(&browser.get(DASHBOARD).await, "portal disabled");
    assert_sign_in_refused(&app, "ada@acme.example", "portal disabled").await;
}

#[actix_web::test]
async fn a_deactivated_contact_ends_the_users_sessions_and_refuses_the_sign_in() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let (browser, client, contact) = acme_with_ada(&app).await;
    app.client_user(None, "ben@acme.example", "Acme").await;
    let ben = signed_in(&app, "ben@acme.example").await;
    let body = json!({"client_id": client, "name": "Ada", "email": "ada@acme.example",
                      "inactive": true});
    let (status, answer) = api.put(&format!("/contacts/{contact}"), &body).await;
    assert_eq!(status, 200, "{answer}");
    assert_signed_out(&browser.get(DASHBOARD).await, "contact inactive");
    let counted = app
        .metric(
            "portal_sessions_revoked_total",
            &[("reason", "deactivated")],
        )
        .await;
    assert_eq!(
        counted, 1.0,
        "portal_sessions_revoked_total{{reason=deactivated}}"
    );
    assert_sign_in_refused(&app, "ada@acme.example", "contact inactive").await;
    assert_eq!(ben.get(DASHBOARD).await.status, 200, "a colleague stays");
}

/// Uses the session every 100 ms until it is refused; fails after `WITHIN`.
async fn assert_refused_within_a_second(browser: &Browser, how: &str) {
    let start = Instant::now();
    loop {
        let page = browser.get(DASHBOARD).await;
        if page.status == 303 {
            assert_signed_out(&page, how);
            return;
        }
        assert_eq!(page.status, 200, "{how}: {}", page.body);
        assert!(
            start.elapsed() <= WITHIN,
            "{how}: still accepted after {WITHIN:?}"
        );
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
}

#[actix_web::test]
async fn shutting_out_from_the_psa_reaches_another_instance_within_a_second() {
    let Some(apps) = spawn_instances(2, |_, _| {}).await else {
        return;
    };
    let (a, b) = (&apps[0], &apps[1]);
    let (on_a, client, _) = acme_with_ada(a).await;
    a.client_user(None, "ben@globex.example", "Globex").await;
    let (globex, ben_contact) = company_of(a, &a.tenant, "ben@globex.example").await;
    let ben_on_a = signed_in(a, "ben@globex.example").await;
    for _ in 0..3 {
        assert_eq!(on_a.get(DASHBOARD).await.status, 200);
        assert_eq!(ben_on_a.get(DASHBOARD).await.status, 200);
    }
    // Both changes arrive through instance B's integration API.
    let api = Api::new(b, &b.tenant).await;
    let (status, _) = api
        .put(
            &format!("/clients/{client}"),
            &json!({"name": "Acme", "inactive": true}),
        )
        .await;
    assert_eq!(status, 200);
    assert_refused_within_a_second(&on_a, "client inactive on B").await;
    let body = json!({"client_id": globex, "name": "Ben", "email": "ben@globex.example",
                      "inactive": true});
    assert_eq!(
        api.put(&format!("/contacts/{ben_contact}"), &body).await.0,
        200
    );
    assert_refused_within_a_second(&ben_on_a, "contact inactive on B").await;
}

#[actix_web::test]
async fn a_role_change_from_the_psa_reaches_another_instance_within_a_second() {
    let Some(apps) = spawn_instances(2, |_, _| {}).await else {
        return;
    };
    let (a, b) = (&apps[0], &apps[1]);
    let (on_a, client, contact) = acme_with_ada(a).await;
    for _ in 0..3 {
        assert_eq!(on_a.get(COMPANY).await.status, 403);
        let dashboard = on_a.get(DASHBOARD).await;
        assert!(!dashboard.body.contains(COMPANY), "no company link yet");
    }
    let api = Api::new(b, &b.tenant).await;
    let body = json!({"client_id": client, "name": "Ada", "email": "ada@acme.example",
                      "portal_role": "admin"});
    assert_eq!(api.put(&format!("/contacts/{contact}"), &body).await.0, 200);
    // The role is checked per request; the session A caches (its navigation shows the company
    // link to admins) is read again within a second, not after the cache TTL.
    assert_eq!(on_a.get(COMPANY).await.status, 200);
    let start = Instant::now();
    loop {
        let page = on_a.get(DASHBOARD).await;
        assert_eq!(page.status, 200, "{}", page.body);
        if page.body.contains(COMPANY) {
            break;
        }
        assert!(
            start.elapsed() <= WITHIN,
            "A's cached session not re-read after {WITHIN:?}"
        );
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
}
