//! Server-side sessions: sign-out revokes, idle and absolute limits (injected clock), sweeps.

use chrono::Duration;
use portal_actors::model::{RequestOrigin, SessionUser, UserType};
use portal_actors::sessions::{CreateSession, FlushLastSeen};

use crate::helpers::{spawn_app, Browser, ADMIN_TOKEN, CSRF_COOKIE, PASSWORD, SESSION_COOKIE};

#[actix_web::test]
async fn sign_out_revokes_the_session_server_side() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    assert_eq!(
        browser
            .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
            .await
            .status,
        303
    );
    let dashboard = browser.get("/client-portal/dashboard").await;
    let old_cookie = browser.cookie(SESSION_COOKIE).unwrap();
    let csrf = Browser::form_csrf(&dashboard);

    // Without the form's CSRF token nothing happens.
    let refused = browser
        .post_form("/auth/client-portal/signout", &[("csrf_token", "nope")])
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);

    let out = browser
        .post_form("/auth/client-portal/signout", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status, 303);
    assert!(out.location().contains("signedout=1"), "{}", out.location());
    assert!(out
        .set_cookies()
        .iter()
        .any(|c| c.starts_with(&format!("{SESSION_COOKIE}=;")) && c.contains("Max-Age=0")));
    let signed_out_page = browser.get(out.location()).await;
    assert!(signed_out_page.body.contains("You have been signed out."));

    // The old cookie, replayed, no longer works.
    let replay = app.browser();
    replay.set_cookie(SESSION_COOKIE, &old_cookie);
    let page = replay.get("/client-portal/dashboard").await;
    assert_eq!(page.status, 303);
    assert!(page.location().starts_with("/auth/client-portal/signin"));
    let logout = [("reason", "logout")];
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &logout).await,
        1.0
    );
}

#[actix_web::test]
async fn sessions_end_after_the_idle_limit_but_activity_keeps_them() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    for _ in 0..3 {
        app.clock.advance(Duration::minutes(29));
        assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    }
    app.clock.advance(Duration::minutes(30));
    let page = browser.get("/client-portal/dashboard").await;
    assert_eq!(page.status, 303);
    assert!(page.location().contains("expired=1"), "{}", page.location());
    assert!(page.location().contains(&app.tenant.slug));
    let expired = browser.get(page.location()).await;
    assert!(expired.body.contains("Your session has expired"));
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &[("reason", "idle")])
            .await,
        1.0
    );
}

#[actix_web::test]
async fn sessions_end_at_the_absolute_limit_even_when_active() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    // Active every 20 minutes for 11 h 40 min: still signed in.
    for _ in 0..35 {
        app.clock.advance(Duration::minutes(20));
        assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    }
    app.clock.advance(Duration::minutes(20));
    let page = browser.get("/client-portal/dashboard").await;
    assert_eq!(page.status, 303);
    assert!(page.location().contains("expired=1"));
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &[("reason", "absolute")])
            .await,
        1.0
    );
}

#[actix_web::test]
async fn limits_are_configurable() {
    let Some(app) = crate::helpers::spawn_app_with(|s| s.session.idle_timeout_minutes = 5).await
    else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    app.clock.advance(Duration::minutes(6));
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 303);
}

#[actix_web::test]
async fn the_sweep_ends_expired_sessions_and_last_seen_is_written_behind() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    app.clock.advance(Duration::minutes(10));
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    let written = app
        .state
        .services
        .sessions
        .send(FlushLastSeen)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(written, 1);

    app.clock.advance(Duration::minutes(31));
    let unauthorized = app.admin_post("/admin/actors/sessions/sweep", None).await;
    assert_eq!(unauthorized.status, 401);
    let swept = app
        .admin_post("/admin/actors/sessions/sweep", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(swept.status, 200, "{}", swept.body);
    let json: serde_json::Value = serde_json::from_str(&swept.body).unwrap();
    assert_eq!(json["swept"]["idle_expired"], 1);
    assert_eq!(app.metric("portal_sessions_active", &[]).await, 0.0);
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 303);
    let actors = app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
    assert!(
        actors.body.contains("sweep (on demand): 1 idle"),
        "{}",
        actors.body
    );
}

#[actix_web::test]
async fn a_session_of_an_internal_user_is_sent_to_access_denied() {
    let Some(app) = spawn_app().await else { return };
    let staff = app.internal_user("tech@northwind.example").await;
    let session = app
        .state
        .services
        .sessions
        .send(CreateSession {
            user: SessionUser {
                tenant: app.tenant.id,
                user_id: staff.user_id,
                email: staff.email.clone(),
                user_type: UserType::Internal,
                full_name: "Sam Rivera".into(),
                client_id: None,
                client_name: None,
                role: None,
                previous_login_at: None,
                prefs: Default::default(),
            },
            origin: RequestOrigin {
                ip: None,
                user_agent: None,
                host: app.host.clone(),
            },
            auth_method: "password".into(),
        })
        .await
        .unwrap()
        .unwrap();
    let browser = app.browser();
    browser.set_cookie(SESSION_COOKIE, &session.token);
    let page = browser.get("/client-portal/dashboard").await;
    assert_eq!(page.status, 303);
    assert!(page.location().starts_with("/auth/client-portal/signin?"));
    assert!(
        page.location().contains("error=AccessDenied"),
        "{}",
        page.location()
    );
    let denied = browser.get(page.location()).await;
    assert!(denied.body.contains("Access denied"));
}

#[actix_web::test]
async fn a_session_only_works_on_the_host_it_was_made_for() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    let cookie = browser.cookie(SESSION_COOKIE).unwrap();
    let response = crate::helpers::client()
        .get(format!("{}/client-portal/dashboard", app.base))
        .header("host", "other.example")
        .header("cookie", format!("{SESSION_COOKIE}={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
}

#[actix_web::test]
async fn a_new_sign_in_revokes_the_session_its_cookie_replaces() {
    use crate::handoff::SESSION;
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let bob = app.client_user(None, "bob@acme.example", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    let first = browser.cookie(SESSION).unwrap();
    // The sign-in form posted again from this browser (the page itself would send a signed-in
    // visitor on): a wrong password replaces nothing, a right one (any user) the old session.
    let csrf = browser.cookie(CSRF_COOKIE).unwrap();
    let post = |email: &'static str, password: &'static str| {
        let browser = browser.clone();
        let csrf = csrf.clone();
        let slug = app.tenant.slug.clone();
        async move {
            browser
                .post_form(
                    "/auth/client-portal/signin",
                    &[
                        ("email", email),
                        ("password", password),
                        ("csrf_token", &csrf),
                        ("tenant", &slug),
                    ],
                )
                .await
        }
    };
    assert_eq!(
        post("bob@acme.example", "wrong password!").await.status,
        401
    );
    assert_eq!(browser.cookie(SESSION).as_deref(), Some(first.as_str()));
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(bob.email, "bob@acme.example");
    assert_eq!(post("bob@acme.example", PASSWORD).await.status, 303);
    let second = browser.cookie(SESSION).unwrap();
    assert_ne!(first, second);
    let replay = app.browser();
    replay.set_cookie(SESSION, &first);
    assert_eq!(replay.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &[("reason", "replaced")])
            .await,
        1.0
    );
}
