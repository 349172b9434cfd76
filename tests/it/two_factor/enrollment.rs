//! Enrolling and managing two-factor: the two-step sign-in, the clock window, recovery codes, tenant policy, turning it off, secrets at rest.

use super::*;

const SECURITY: &str = "/client-portal/profile/security";

async fn audit_rows(app: &TestApp, event_type: &str) -> Vec<(String, Option<String>)> {
    flush_audit(app).await;
    #[derive(sqlx::FromRow)]
    struct Row {
        outcome: String,
        reason: Option<String>,
    }
    let rows: Vec<Row> = portal_actors::query_as!(
        app.db.exec(),
        Row,
        fetch_all,
        "SELECT outcome, reason FROM audit_events WHERE event_type = $1 ORDER BY occurred_at",
        event_type
    )
    .unwrap();
    rows.into_iter().map(|r| (r.outcome, r.reason)).collect()
}

#[actix_web::test]
async fn enrollment_then_two_step_sign_in_with_replay_refused() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@example.com", "Acme").await;
    let browser = app.browser();
    assert_eq!(
        browser
            .sign_in(&app.tenant.slug, &user.email, PASSWORD)
            .await
            .status,
        303
    );
    let (secret, _codes) = enroll(&app, &browser).await;
    let security = browser.get(SECURITY).await;
    assert!(
        security.body.contains("You have 10 unused recovery codes."),
        "{}",
        security.body
    );
    assert_eq!(
        audit_rows(&app, "two_factor_enrolled").await,
        vec![
            ("failure".to_owned(), Some("invalid_code".to_owned())),
            ("success".to_owned(), None),
        ]
    );

    // A fresh browser: the password alone only gets a pending sign-in.
    app.clock.advance(Duration::seconds(60));
    let other = app.browser();
    let form = password_step(&app, &other, &user.email).await;
    // The pending token is not a session.
    let pending = other.cookie("__Host-portal.2fa").unwrap();
    let probe = app.browser();
    probe.set_cookie(SESSION_COOKIE, &pending);
    let denied = probe.get("/client-portal/dashboard").await;
    assert_eq!(denied.status, 303);
    assert!(denied.location().starts_with("/auth/client-portal/signin"));
    // A wrong code is refused and says so.
    let wrong = submit_code(&other, &form, "123456").await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("That code is not valid."));
    let code = code_now(&app, &secret);
    let ok = submit_code(&other, &form, &code).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(ok.location(), "/client-portal/dashboard");
    assert!(other.cookie("__Host-portal.2fa").is_none());
    assert_eq!(other.get("/client-portal/dashboard").await.status, 200);
    let security = other.get(SECURITY).await;
    assert!(security.body.contains("Password and authenticator code"));

    // The same code again, within its window: refused as a replay and recorded.
    let third = app.browser();
    let form = password_step(&app, &third, &user.email).await;
    let replay = submit_code(&third, &form, &code).await;
    assert_eq!(replay.status, 401);
    assert!(replay.body.contains("already been used"), "{}", replay.body);
    assert_eq!(audit_rows(&app, "two_factor_replay").await.len(), 1);
    // The next step's code works.
    app.clock.advance(Duration::seconds(30));
    let next = submit_code(&third, &form, &code_now(&app, &secret)).await;
    assert_eq!(next.status, 303, "{}", next.body);

    assert_eq!(
        app.metric(
            "portal_login_attempts_total",
            &[("method", "password"), ("outcome", "second_factor")]
        )
        .await,
        2.0
    );
    assert_eq!(
        app.metric(
            "portal_login_attempts_total",
            &[("method", "totp"), ("outcome", "success")]
        )
        .await,
        2.0
    );
    assert_eq!(
        app.metric(
            "portal_login_attempts_total",
            &[("method", "totp"), ("reason", "replay")]
        )
        .await,
        1.0
    );
    assert_eq!(
        app.metric(
            "portal_login_attempts_total",
            &[("method", "totp"), ("reason", "invalid_code")]
        )
        .await,
        1.0
    );
    let sign_ins = audit_rows(&app, "sign_in").await;
    assert!(sign_ins.contains(&("second_factor".to_owned(), Some("verify".to_owned()))));
    assert!(sign_ins.contains(&("failure".to_owned(), Some("replay".to_owned()))));
}

#[actix_web::test]
async fn window_edges_follow_the_injected_clock() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "edge@example.com", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    let (secret, _) = enroll(&app, &browser).await;
    // A code from one step ago is accepted; from two steps ago it is not.
    app.clock.advance(Duration::seconds(90));
    let t = u64::try_from(app.clock.now().timestamp()).unwrap();
    let previous = totp::code_at(&secret, 6, t - 30).unwrap();
    let too_old = totp::code_at(&secret, 6, t - 60).unwrap();
    let b = app.browser();
    let form = password_step(&app, &b, &user.email).await;
    if too_old != previous {
        assert_eq!(submit_code(&b, &form, &too_old).await.status, 401);
    }
    assert_eq!(submit_code(&b, &form, &previous).await.status, 303);
}

#[actix_web::test]
async fn recovery_codes_work_once_and_pending_sign_ins_expire() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "rec@example.com", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    let (_secret, codes) = enroll(&app, &browser).await;

    let b = app.browser();
    let form = password_step(&app, &b, &user.email).await;
    // Typed loosely: upper case, spaces instead of the dash.
    let typed = codes[0].to_uppercase().replace('-', " ");
    let ok = submit_code(&b, &form, &typed).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(audit_rows(&app, "recovery_code_used").await.len(), 1);
    let security = b.get(SECURITY).await;
    assert!(security.body.contains("You have 9 unused recovery codes."));

    let c = app.browser();
    let form = password_step(&app, &c, &user.email).await;
    let again = submit_code(&c, &form, &codes[0]).await;
    assert_eq!(again.status, 401);
    assert_eq!(
        app.metric(
            "portal_login_attempts_total",
            &[("method", "recovery_code"), ("reason", "invalid_code")]
        )
        .await,
        1.0
    );

    // The pending sign-in lives five minutes.
    app.clock.advance(Duration::minutes(6));
    let late = submit_code(&c, &form, &codes[1]).await;
    assert_eq!(late.status, 410, "{}", late.body);
    assert!(late.body.contains("Please sign in again"));
    assert!(c.cookie("__Host-portal.2fa").is_none());
    // The code it would have used is still unused.
    let d = app.browser();
    let form = password_step(&app, &d, &user.email).await;
    assert_eq!(submit_code(&d, &form, &codes[1]).await.status, 303);
}

#[actix_web::test]
async fn tenant_policy_makes_users_enroll_at_sign_in() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "policy@example.com", "Acme").await;
    portal_actors::store::two_factor::set_tenant_requires(&app.db, app.tenant.id, true)
        .await
        .unwrap();
    let b = app.browser();
    let page = password_step(&app, &b, &user.email).await;
    assert!(page
        .body
        .contains("Your organization requires two-factor authentication"));
    assert!(page.body.contains("<svg"));
    let secret_text = between(&page.body, "<code class=\"secret\">", "</code>").to_owned();
    // Reloading shows the same secret (the pending one is kept, not replaced).
    let again = b.get(CHALLENGE).await;
    assert!(again.body.contains(&secret_text));
    let secret = totp_rs::Secret::Encoded(secret_text).to_bytes().unwrap();
    let done = submit_code(&b, &page, &code_now(&app, &secret)).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("Save your recovery codes"));
    assert!(done.body.contains("href=\"/client-portal/dashboard\""));
    assert!(b.cookie(SESSION_COOKIE).is_some());
    assert_eq!(b.get("/client-portal/dashboard").await.status, 200);
    // Next time it is a normal second step.
    app.clock.advance(Duration::seconds(60));
    let c = app.browser();
    let form = password_step(&app, &c, &user.email).await;
    assert!(!form.body.contains("<svg"));
    assert_eq!(
        submit_code(&c, &form, &code_now(&app, &secret))
            .await
            .status,
        303
    );
}

#[actix_web::test]
async fn turning_two_factor_off_needs_password_and_code() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "off@example.com", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    let (secret, _) = enroll(&app, &browser).await;
    app.clock.advance(Duration::seconds(30));
    let page = browser.get(SECURITY).await;
    let csrf = Browser::form_csrf(&page);
    let disable = "/client-portal/profile/security/two-factor/disable";
    let code = code_now(&app, &secret);
    let wrong_pw = browser
        .post_form(
            disable,
            &[
                ("csrf_token", &csrf),
                ("password", "not the password at all"),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(wrong_pw.status, 401);
    assert!(wrong_pw.body.contains("The password is not right."));
    let no_csrf = browser
        .post_form(
            disable,
            &[
                ("csrf_token", "nope"),
                ("password", PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(no_csrf.status, 403);
    let ok = browser
        .post_form(
            disable,
            &[
                ("csrf_token", &csrf),
                ("password", PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let page = browser.get(ok.location()).await;
    assert!(page.body.contains("Two-factor authentication is now off."));
    // Sign-in is one step again.
    let b = app.browser();
    let signed = b.sign_in(&app.tenant.slug, &user.email, PASSWORD).await;
    assert_eq!(signed.location(), "/client-portal/dashboard");
    let rows = audit_rows(&app, "two_factor_disabled").await;
    assert_eq!(rows.last().unwrap().0, "success");
}

#[actix_web::test]
async fn secrets_are_encrypted_at_rest() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "enc@example.com", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    let (secret, _) = enroll(&app, &browser).await;
    let row = portal_actors::store::two_factor::find(&app.db, app.tenant.id, user.user_id)
        .await
        .unwrap()
        .unwrap();
    let stored = row.totp_secret.unwrap();
    assert!(stored.starts_with("v1."));
    let b32 = totp::secret_base32(&secret).unwrap();
    assert!(!stored.contains(&b32));
    assert!(!stored.contains(&hex::encode(&secret)));
}
