//! Revocation reaches every instance. A cached session is trusted only for the cache TTL counted
//! from when it was read from the database (never refreshed by use); on PostgreSQL a revocation
//! made on one instance is refused by the others within a second (LISTEN/NOTIFY), and within the
//! TTL while an instance's listener is down.

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use portal_actors::model::{SessionUser, UserType};
use portal_actors::sessions::listener::APPLICATION_NAME;
use portal_actors::sessions::{
    RevocationScope, RevokeReason, RevokeUserSessions, SessionCache, SessionRecord, CACHE_TTL,
};
use portal_actors::store::sessions::notify_revoked;
use portal_actors::Db;
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

/// Instances A and B on one PostgreSQL database, clocks in step (`None` on SQLite: skipped).
async fn two_instances(
    configure: impl Fn(usize, &mut portal::config::Settings),
) -> Option<Instances> {
    spawn_instances(2, configure).await
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
    let smtp = SmtpServer::start().await;
    let to_smtp = mail_to(&smtp);
    let Some(apps) = two_instances(move |i, s| {
        if i == 1 {
            to_smtp(s);
        }
    })
    .await
    else {
        return;
    };
    let (a, b) = (&apps[0], &apps[1]);
    let ada = a.client_user(None, "ada@acme.example", "Acme").await;
    let on_a = signed_in(a, &ada.email).await;
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
    let Some(apps) = two_instances(|_, _| {}).await else {
        return;
    };
    let (a, b) = (&apps[0], &apps[1]);
    let ada = a.client_user(None, "ada@acme.example", "Acme").await;
    let on_a = signed_in(a, &ada.email).await;
    keep_busy(&on_a).await;

    let on_b = signed_in(b, &ada.email).await;
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
    let Some(apps) = two_instances(|_, _| {}).await else {
        return;
    };
    let (a, b) = (&apps[0], &apps[1]);
    let boss = a.client_user(None, "boss@acme.example", "Acme").await;
    crate::helpers::make_admin(a, boss.user_id).await;
    let worker = a.client_user(None, "worker@acme.example", "Acme").await;
    let on_a = signed_in(a, &worker.email).await;
    keep_busy(&on_a).await;

    let admin_on_b = signed_in(b, &boss.email).await;
    let page = admin_on_b.get(COMPANY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let sessions = crate::company::ids(&page.body, "session");
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

#[actix_web::test]
async fn a_revocation_made_by_another_instance_is_seen_at_the_latest_once_the_ttl_has_passed() {
    // The TTL is the bound whatever else happens; the notification comes long before. (On
    // SQLite, several processes on one file, the first test here shows the same bound.)
    let Some(apps) = two_instances(|_, _| {}).await else {
        return;
    };
    let (a, b) = (&apps[0], &apps[1]);
    let ada = a.client_user(None, "ada@acme.example", "Acme").await;
    let on_a = signed_in(a, &ada.email).await;
    assert_eq!(on_a.get(DASHBOARD).await.status, 200);
    let on_b = signed_in(b, &ada.email).await;
    let page = on_b.get(SECURITY).await;
    let csrf = Browser::form_csrf(&page);
    let done = on_b
        .post_form(
            "/client-portal/profile/security/sessions/revoke-others",
            &[("csrf_token", &csrf), ("proof", PASSWORD)],
        )
        .await;
    assert!(done.location().contains("count=1"), "{}", done.location());
    for _ in 0..3 {
        a.clock.advance(Duration::seconds(10));
        on_a.get(DASHBOARD).await;
    }
    a.clock.advance(Duration::seconds(1));
    assert_eq!(on_a.get(DASHBOARD).await.status, 303);
}

#[actix_web::test]
async fn deactivating_a_user_on_one_instance_signs_them_out_on_the_others_within_a_second() {
    let Some(apps) = two_instances(|_, _| {}).await else {
        return;
    };
    let (a, b) = (&apps[0], &apps[1]);
    let ada = a.client_user(None, "ada@acme.example", "Acme").await;
    let on_a = signed_in(a, &ada.email).await;
    keep_busy(&on_a).await;
    portal_actors::store::users::set_inactive(
        &b.db,
        b.tenant.id,
        ada.user_id,
        true,
        b.clock.now_utc(),
    )
    .await
    .unwrap();
    assert_refused_within_a_second(&on_a, "deactivation on B").await;
}

/// The listener gauge of instance `app` on PostgreSQL.
async fn listener_up(app: &TestApp) -> f64 {
    app.metric(
        "portal_session_invalidation_listener_up",
        &[("backend", "postgres")],
    )
    .await
}

/// Waits (bounded) until the listener gauge of `app` reads `up`.
async fn wait_for_listener(app: &TestApp, up: f64) {
    let deadline = Instant::now() + StdDuration::from_secs(10);
    while listener_up(app).await != up {
        assert!(
            Instant::now() < deadline,
            "the listener gauge never became {up}"
        );
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
}

/// Ends the listener connections of this test's database, as a failover or a network cut would.
async fn kill_listeners(app: &TestApp) -> i64 {
    let Db::Postgres(pool) = &app.db else {
        panic!("PostgreSQL only")
    };
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE application_name = $1 AND datname = current_database()) AS killed",
    )
    .bind(APPLICATION_NAME)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[actix_web::test]
async fn with_its_listener_down_an_instance_refuses_a_revoked_session_once_the_ttl_has_passed() {
    // A does not reconnect for an hour unless an operator restarts its listener.
    let Some(apps) = two_instances(|i, s| {
        if i == 0 {
            s.session.listener_reconnect_min_ms = 3_600_000;
        }
    })
    .await
    else {
        return;
    };
    let (a, b) = (&apps[0], &apps[1]);
    wait_for_listener(a, 1.0).await;
    let actors = a.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
    let actors: serde_json::Value = serde_json::from_str(&actors.body).unwrap();
    assert_eq!(
        actors["actors"]["session_listener"]["alive"], true,
        "{actors}"
    );
    let ada = a.client_user(None, "ada@acme.example", "Acme").await;
    let on_a = signed_in(a, &ada.email).await;
    keep_busy(&on_a).await;

    assert!(kill_listeners(a).await >= 1);
    wait_for_listener(a, 0.0).await;
    let revoked = b
        .state
        .services
        .sessions
        .send(RevokeUserSessions {
            tenant: b.tenant.id,
            user_id: ada.user_id,
            reason: RevokeReason::Admin,
        })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(revoked, 1);
    // Nothing tells A: it trusts its cached copy until the TTL since the read has passed.
    keep_busy(&on_a).await;
    a.clock.advance(past_the_ttl());
    assert_eq!(on_a.get(DASHBOARD).await.status, 303);

    // An operator's restart reconnects at once, and revocations arrive again.
    let restart = a
        .admin_post("/admin/actors/session_listener/restart", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(restart.status, 202, "{}", restart.body);
    wait_for_listener(a, 1.0).await;
    let again = signed_in(a, &ada.email).await;
    keep_busy(&again).await;
    portal_actors::store::users::set_inactive(
        &b.db,
        b.tenant.id,
        ada.user_id,
        true,
        b.clock.now_utc(),
    )
    .await
    .unwrap();
    assert_refused_within_a_second(&again, "deactivation on B after the restart").await;
}

#[actix_web::test]
async fn sqlite_has_no_listener_and_its_gauge_stays_out_of_the_alert() {
    if backend() != Backend::Sqlite {
        return;
    }
    let Some(app) = spawn_app().await else { return };
    let metrics = app.admin_get("/metrics", Some(ADMIN_TOKEN)).await.body;
    assert!(
        metrics.contains("portal_session_invalidation_listener_up{backend=\"sqlite\"} 0"),
        "{metrics}"
    );
    assert!(!metrics.contains("portal_session_invalidation_listener_up{backend=\"postgres\"}"));
    let actors = app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
    assert!(!actors.body.contains("session_listener"), "{}", actors.body);
    let restart = app
        .admin_post("/admin/actors/session_listener/restart", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(restart.status, 404);
}

/// The client company of a client user.
async fn client_of(app: &TestApp, user_id: Uuid) -> Uuid {
    portal_actors::fetch_one_scalar!(
        app.db.exec(),
        Uuid,
        "SELECT c.client_id FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND u.user_id = $2",
        app.tenant.id,
        user_id
    )
    .unwrap()
}

/// Ends sessions behind every cache (a statement that names its scope in a notification).
async fn revoke_where(app: &TestApp, condition: &str, id: Uuid) {
    portal_actors::execute!(
        app.db.exec(),
        &format!(
            "UPDATE sessions SET revoked_at = $2, revoked_reason = 'admin' \
             WHERE revoked_at IS NULL AND {condition}"
        ),
        id,
        app.clock.now_utc()
    )
    .unwrap();
}

#[actix_web::test]
async fn company_and_tenant_wide_revocations_reach_the_other_instances_within_a_second() {
    let Some(apps) = two_instances(|_, _| {}).await else {
        return;
    };
    let (a, b) = (&apps[0], &apps[1]);
    let ada = a.client_user(None, "ada@acme.example", "Acme").await;
    let bob = a.client_user(None, "bob@acme.example", "Acme").await;
    let cy = a.client_user(None, "cy@beta.example", "Beta").await;
    let (ada_a, bob_a, cy_a) = (
        signed_in(a, &ada.email).await,
        signed_in(a, &bob.email).await,
        signed_in(a, &cy.email).await,
    );
    for browser in [&ada_a, &bob_a, &cy_a] {
        keep_busy(browser).await;
    }
    let acme = client_of(a, ada.user_id).await;
    revoke_where(
        b,
        "user_id IN (SELECT u.user_id FROM users u JOIN contacts c \
         ON c.tenant = u.tenant AND c.contact_id = u.contact_id WHERE c.client_id = $1)",
        acme,
    )
    .await;
    let scope = RevocationScope::Client {
        tenant: b.tenant.id,
        client_id: acme,
    };
    notify_revoked(b.db.exec(), &scope).await.unwrap();
    assert_refused_within_a_second(&ada_a, "company-wide revocation").await;
    assert_refused_within_a_second(&bob_a, "company-wide revocation").await;
    assert_eq!(cy_a.get(DASHBOARD).await.status, 200, "another company");

    revoke_where(b, "tenant = $1", b.tenant.id).await;
    let scope = RevocationScope::Tenant {
        tenant: b.tenant.id,
    };
    notify_revoked(b.db.exec(), &scope).await.unwrap();
    assert_refused_within_a_second(&cy_a, "tenant-wide revocation").await;
}

fn record(token_hash: &str, tenant: Uuid, user_id: Uuid, at: DateTime<Utc>) -> SessionRecord {
    SessionRecord {
        token_hash: token_hash.to_owned(),
        user: SessionUser {
            tenant,
            user_id,
            email: "ada@acme.example".into(),
            user_type: UserType::Client,
            full_name: "Ada Lovelace".into(),
            client_id: None,
            client_name: None,
            role: Some(portal_actors::model::PortalRole::User),
            previous_login_at: None,
            prefs: Default::default(),
        },
        host: "portal.example".into(),
        auth_method: "password".into(),
        created_at: at,
        last_seen_at: at,
        expires_at: at + Duration::hours(12),
    }
}

#[test]
fn a_revocation_during_the_database_read_is_not_overwritten_by_the_stale_record() {
    let cache = SessionCache::new(100, CACHE_TTL);
    let (tenant, user) = (Uuid::new_v4(), Uuid::new_v4());
    let read_at = DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let hash = "a".repeat(64);
    // A miss starts reading the session; meanwhile the user is signed out everywhere (database,
    // then cache); then the read comes back with the record as it was before.
    let ticket = cache.ticket();
    cache.invalidate(&RevocationScope::user(tenant, user));
    let stale = cache.insert(ticket, record(&hash, tenant, user, read_at), read_at);
    assert_eq!(stale.record().token_hash, hash, "handed back, not cached");
    assert!(cache.fresh(&hash, read_at).is_none());
    // Without a revocation in between, the read is cached.
    let ticket = cache.ticket();
    cache.insert(ticket, record(&hash, tenant, user, read_at), read_at);
    assert!(cache.fresh(&hash, read_at).is_some());
}

#[test]
fn use_never_extends_how_long_a_cached_session_is_trusted() {
    let cache = SessionCache::new(100, CACHE_TTL);
    let (tenant, user) = (Uuid::new_v4(), Uuid::new_v4());
    let read_at = DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let hash = "b".repeat(64);
    let entry = cache.insert(
        cache.ticket(),
        record(&hash, tenant, user, read_at),
        read_at,
    );
    let ttl = Duration::from_std(CACHE_TTL).unwrap();
    let mut now = read_at;
    while now < read_at + ttl - Duration::seconds(1) {
        now += Duration::seconds(1);
        let hit = cache.fresh(&hash, now).expect("within the TTL");
        cache.touch(&hit, now);
    }
    assert_eq!(
        entry.last_seen(),
        now,
        "the use is kept for the write-behind"
    );
    assert!(cache.fresh(&hash, read_at + ttl).is_none(), "read again");
    let queued = cache.take_dirty();
    assert_eq!(queued, vec![(tenant, hash.clone(), now)]);
    assert!(cache.take_dirty().is_empty());
}
