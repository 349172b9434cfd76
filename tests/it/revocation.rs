//! Revocation reaches every instance. A cached session is trusted only for the cache TTL counted
//! from when it was read from the database (never refreshed by use); on PostgreSQL a revocation
//! made on one instance is refused by the others within a second (LISTEN/NOTIFY), and within the
//! TTL while an instance's listener is down.

use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use portal_actors::sessions::CACHE_TTL;
use uuid::Uuid;

use crate::helpers::*;
use crate::password_reset::{canonical_path, request_reset, set_password, NEW_PASSWORD};
use crate::smtp_server::SmtpServer;

const DASHBOARD: &str = "/client-portal/dashboard";
const SECURITY: &str = "/client-portal/profile/security";
const COMPANY: &str = "/client-portal/client-settings";
/// How often the busy session is used.
const EVERY: StdDuration = StdDuration::from_millis(100);
/// How late another instance may still accept a revoked session (PostgreSQL, listener up).
const WITHIN: StdDuration = StdDuration::from_secs(1);

/// Whether this run is on PostgreSQL; says so when the test is skipped.
fn on_postgres(what: &str) -> bool {
    let yes = backend() == Backend::Postgres;
    if !yes {
        eprintln!("skipped on SQLite (one server, no NOTIFY): {what}");
    }
    yes
}

/// Instance A (adjusted by `configure_a`) and instance B on the same database, clocks in step.
async fn two_instances(
    configure_a: impl FnOnce(&mut portal::config::Settings),
    configure_b: impl FnOnce(&mut portal::config::Settings),
) -> (TestApp, TestApp) {
    let a = spawn_app_with(configure_a).await.expect("instance A");
    let b = spawn_app_on(Some(&a), configure_b)
        .await
        .expect("instance B");
    b.clock.set(a.clock.now_utc());
    (a, b)
}

async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let browser = app.browser();
    let page = browser.sign_in(&app.tenant.slug, email, PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.body);
    browser
}

/// Uses the session a few times, one request every 100 ms: it is cached and hot.
async fn keep_busy(browser: &Browser) {
    for _ in 0..5 {
        assert_eq!(browser.get(DASHBOARD).await.status, 200);
        tokio::time::sleep(EVERY).await;
    }
}

/// Goes on using the session every 100 ms until it is refused; how long that took, or `None`
/// when it was still accepted after `limit`.
async fn refused_within(browser: &Browser, limit: StdDuration) -> Option<StdDuration> {
    let start = Instant::now();
    loop {
        let page = browser.get(DASHBOARD).await;
        if page.status == 303 {
            assert!(
                page.location().starts_with("/auth/client-portal/signin"),
                "{}",
                page.location()
            );
            return Some(start.elapsed());
        }
        assert_eq!(page.status, 200, "{}", page.body);
        if start.elapsed() > limit {
            return None;
        }
        tokio::time::sleep(EVERY).await;
    }
}

async fn assert_refused_within_a_second(browser: &Browser, how: &str) {
    match refused_within(browser, WITHIN).await {
        Some(took) => assert!(took <= WITHIN, "{how}: refused only after {took:?}"),
        None => panic!("{how}: instance A still accepts the revoked session after {WITHIN:?}"),
    }
}

async fn make_client_admin(app: &TestApp, user_id: Uuid) {
    portal_actors::execute!(
        app.db.exec(),
        "UPDATE contacts SET is_client_admin = $3 WHERE tenant = $1 AND contact_id = \
         (SELECT contact_id FROM users WHERE tenant = $1 AND user_id = $2)",
        app.tenant.tenant,
        user_id,
        true
    )
    .unwrap();
}

/// The `value` of every hidden input named `field`.
fn values_of(body: &str, field: &str) -> Vec<String> {
    body.split(&format!("name=\"{field}\" value=\""))
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

fn past_the_ttl() -> Duration {
    Duration::from_std(CACHE_TTL).unwrap() + Duration::seconds(1)
}

#[actix_web::test]
async fn a_busy_session_revoked_behind_the_cache_is_refused_once_the_ttl_has_passed() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = signed_in(&app, &ada.email).await;
    assert_eq!(browser.get(DASHBOARD).await.status, 200);
    // Revoked behind this instance's back (another process, such as the CLI, or SQL).
    portal_actors::execute!(
        app.db.exec(),
        "UPDATE sessions SET revoked_at = $2, revoked_reason = 'admin' \
         WHERE user_id = $1 AND revoked_at IS NULL",
        ada.user_id,
        app.clock.now_utc()
    )
    .unwrap();
    // Used every 5 s (of the injected clock): use never extends how long the cached copy is
    // trusted, so it is read again, and refused, once the TTL since the sign-in has passed.
    let step = Duration::seconds(5);
    let mut waited = Duration::zero();
    while waited < past_the_ttl() {
        app.clock.advance(step);
        waited += step;
        if browser.get(DASHBOARD).await.status == 303 {
            break;
        }
    }
    assert!(
        waited <= past_the_ttl(),
        "still accepted {waited} after a revocation made behind the cache"
    );
    assert_eq!(browser.get(DASHBOARD).await.status, 303);
}

#[actix_web::test]
async fn a_password_reset_on_one_instance_signs_the_user_out_on_the_others_within_a_second() {
    if !on_postgres("password reset across instances") {
        return;
    }
    let smtp = SmtpServer::start().await;
    let (a, b) = two_instances(|_| {}, mail_to(&smtp)).await;
    let ada = a.client_user(None, "ada@acme.example", "Acme").await;
    let on_a = signed_in(&a, &ada.email).await;
    keep_busy(&on_a).await;

    let on_b = b.browser();
    let answer = request_reset(&on_b, &b.tenant.slug, &ada.email).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let mail = smtp
        .wait_for_nth(&ada.email, 0, StdDuration::from_secs(5))
        .await
        .expect("the reset email");
    let done = set_password(
        &on_b,
        &canonical_path(&mail.first_link()),
        NEW_PASSWORD,
        NEW_PASSWORD,
    )
    .await;
    assert!(
        done.body.contains("Your password has been changed"),
        "{}",
        done.body
    );
    assert_refused_within_a_second(&on_a, "password reset on B").await;
}

#[actix_web::test]
async fn sign_out_everywhere_else_on_one_instance_reaches_the_others_within_a_second() {
    if !on_postgres("sign out everywhere else across instances") {
        return;
    }
    let (a, b) = two_instances(|_| {}, |_| {}).await;
    let ada = a.client_user(None, "ada@acme.example", "Acme").await;
    let on_a = signed_in(&a, &ada.email).await;
    keep_busy(&on_a).await;

    let on_b = signed_in(&b, &ada.email).await;
    let page = on_b.get(SECURITY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = Browser::form_csrf(&page);
    let done = on_b
        .post_form(
            "/client-portal/profile/security/sessions/revoke-others",
            &[("csrf_token", &csrf), ("proof", PASSWORD)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(done.location().contains("count=1"), "{}", done.location());
    assert_refused_within_a_second(&on_a, "sign out everywhere else on B").await;
    // The session that asked keeps working.
    assert_eq!(on_b.get(DASHBOARD).await.status, 200);
}

#[actix_web::test]
async fn a_client_admin_signing_a_user_out_on_one_instance_reaches_the_others_within_a_second() {
    if !on_postgres("client admin sign-out across instances") {
        return;
    }
    let (a, b) = two_instances(|_| {}, |_| {}).await;
    let boss = a.client_user(None, "boss@acme.example", "Acme").await;
    make_client_admin(&a, boss.user_id).await;
    let worker = a.client_user(None, "worker@acme.example", "Acme").await;
    let on_a = signed_in(&a, &worker.email).await;
    keep_busy(&on_a).await;

    let admin_on_b = signed_in(&b, &boss.email).await;
    let page = admin_on_b.get(COMPANY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let sessions = values_of(&page.body, "session");
    assert_eq!(sessions.len(), 1, "the worker's session on A");
    let csrf = Browser::form_csrf(&page);
    let done = admin_on_b
        .post_form(
            "/client-portal/client-settings/sessions/revoke",
            &[("csrf_token", &csrf), ("session", &sessions[0])],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_refused_within_a_second(&on_a, "client admin's sign-out on B").await;
}
