//! The second step of a sign-in: hostile attempts, the throttle, replaced sessions, the handover by POST.

use super::*;

#[actix_web::test]
async fn hostile_second_steps_change_nothing() {
    // Room for every junk code below before the throttle steps in.
    let Some(app) = spawn_app_with(|s| s.throttle.tuple_limit = 20).await else {
        return;
    };
    let user = app.client_user(None, "hostile@example.com", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    let (secret, _) = enroll(&app, &browser).await;
    app.clock.advance(Duration::seconds(30));
    // No pending sign-in, or a forged one: the page says to sign in again.
    let stranger = app.browser();
    assert_eq!(stranger.get(CHALLENGE).await.status, 410);
    let forged = stranger
        .post_form(CHALLENGE, &[("csrf_token", "x"), ("code", "123456")])
        .await;
    assert_eq!(forged.status, 410);
    stranger.set_cookie("__Host-portal.2fa", "not-a-token");
    assert_eq!(stranger.get(CHALLENGE).await.status, 410);
    stranger.set_cookie("__Host-portal.2fa", &"A".repeat(43));
    assert_eq!(stranger.get(CHALLENGE).await.status, 410);

    let b = app.browser();
    let form = password_step(&app, &b, &user.email).await;
    // Without the form token: refused, and the code it carried is not spent.
    let code = code_now(&app, &secret);
    let no_csrf = b
        .post_form(CHALLENGE, &[("csrf_token", "forged"), ("code", &code)])
        .await;
    assert_eq!(no_csrf.status, 403);
    for junk in [
        "",
        "12345",
        "1234567",
        &"9".repeat(5000),
        "<script>",
        "٣٤٥٦٧٨",
    ] {
        let page = submit_code(&b, &form, junk).await;
        assert_eq!(page.status, 401, "{junk:?}");
        assert!(!page.body.contains("<script>"));
    }
    assert_eq!(submit_code(&b, &form, &code).await.status, 303);
}

#[actix_web::test]
async fn wrong_codes_count_against_the_sign_in_throttle() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "brute@example.com", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    let (secret, _) = enroll(&app, &browser).await;
    app.clock.advance(Duration::seconds(30));
    let b = app.browser();
    let form = password_step(&app, &b, &user.email).await;
    for n in 0..5 {
        let wrong = submit_code(&b, &form, &format!("00000{n}")).await;
        assert_eq!(wrong.status, 401, "attempt {n}");
    }
    // The sixth is refused without looking at the code, even the right one.
    let right = code_now(&app, &secret);
    let throttled = submit_code(&b, &form, &right).await;
    assert_eq!(throttled.status, 429, "{}", throttled.body);
    assert!(throttled
        .body
        .contains("Too many failed sign-in attempts, try again in 15 minutes."));
    assert_eq!(throttled.header("retry-after"), "900");
    assert_eq!(
        app.metric(
            "portal_login_attempts_total",
            &[("method", "totp"), ("reason", "throttled")]
        )
        .await,
        1.0
    );
    // The password step is throttled too: same account, same address.
    let again = app
        .browser()
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    assert_eq!(again.status, 429);
    // After the window the right code works (and the code was not spent by the refusal).
    app.clock.advance(Duration::minutes(16));
    let c = app.browser();
    let form = password_step(&app, &c, &user.email).await;
    assert_eq!(
        submit_code(&c, &form, &code_now(&app, &secret))
            .await
            .status,
        303
    );
}

/// Signs in with the password from a browser that may already be signed in (the sign-in page
/// itself would send it on), with the CSRF cookie it holds.
async fn post_password(app: &TestApp, browser: &Browser, email: &str) -> Page {
    let csrf = browser.cookie(CSRF_COOKIE).expect("csrf cookie");
    browser
        .post_form(
            "/auth/client-portal/signin",
            &[
                ("email", email),
                ("password", PASSWORD),
                ("csrf_token", &csrf),
                ("tenant", &app.tenant.slug),
            ],
        )
        .await
}

#[actix_web::test]
async fn completing_two_factor_revokes_the_session_its_cookie_replaces() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@example.com", "Acme").await;
    let secret = enroll_directly(&app, &user).await;
    app.clock.advance(Duration::seconds(30));
    let browser = app.browser();
    let form = password_step(&app, &browser, &user.email).await;
    let done = submit_code(&browser, &form, &code_now(&app, &secret)).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let first = browser.cookie(crate::handoff::SESSION).unwrap();

    // Again from the same browser: the password step replaces nothing yet, the code does.
    app.clock.advance(Duration::seconds(30));
    let page = post_password(&app, &browser, &user.email).await;
    assert_eq!(page.location(), CHALLENGE, "{}", page.body);
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    let form = browser.get(CHALLENGE).await;
    let done = submit_code(&browser, &form, &code_now(&app, &secret)).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let second = browser.cookie(crate::handoff::SESSION).unwrap();
    assert_ne!(first, second);
    let replay = app.browser();
    replay.set_cookie(crate::handoff::SESSION, &first);
    assert_eq!(replay.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &[("reason", "replaced")])
            .await,
        1.0
    );
}

/// With a vanity domain, the second step's answer POSTs the token there too: at once after a
/// code, and from the recovery-codes page (a button, no script) after enrolling at sign-in.
#[actix_web::test]
async fn two_factor_sign_ins_hand_over_by_post() {
    use crate::handoff::{add_domain, app_with_dns, auto_post, field, hand_over, VANITY};
    let dns = crate::dns_server::DnsServer::start();
    let Some(app) = app_with_dns(&dns, "false").await else {
        return;
    };
    add_domain(
        &app,
        &app.tenant,
        VANITY,
        portal_actors::portal_domain::DomainStatus::Active,
    )
    .await;
    let ada = app.client_user(None, "ada@example.com", "Acme").await;
    let secret = enroll_directly(&app, &ada).await;
    app.clock.advance(Duration::seconds(30));
    let browser = app.browser();
    let form = password_step(&app, &browser, &ada.email).await;
    let page = submit_code(&browser, &form, &code_now(&app, &secret)).await;
    let post = auto_post(&page, VANITY);
    assert!(browser.cookie("__Host-portal.2fa").is_none());
    let vanity = app.browser_at(VANITY);
    let landed = hand_over(&app, &vanity, &post.ott, &post.return_path).await;
    assert_eq!(landed.location(), "/client-portal/dashboard");
    assert_eq!(vanity.get("/client-portal/dashboard").await.status, 200);

    // Enrolling at sign-in: the codes first, then a button that posts the token.
    portal_actors::store::two_factor::set_tenant_requires(&app.db, app.tenant.id, true)
        .await
        .unwrap();
    let bob = app.client_user(None, "bob@example.com", "Acme").await;
    let b = app.browser();
    let page = password_step(&app, &b, &bob.email).await;
    let secret_text = between(&page.body, "<code class=\"secret\">", "</code>").to_owned();
    let secret = totp_rs::Secret::Encoded(secret_text).to_bytes().unwrap();
    let codes = submit_code(&b, &page, &code_now(&app, &secret)).await;
    assert!(codes.body.contains("Save your recovery codes"));
    assert!(!codes.body.contains("handoff?ott="), "{}", codes.body);
    assert!(
        !codes.body.contains("<script"),
        "no auto-submit before the codes are saved"
    );
    let post = auto_post(&codes, VANITY);
    let vanity = app.browser_at(VANITY);
    let landed = hand_over(&app, &vanity, &post.ott, &post.return_path).await;
    assert_eq!(landed.status, 303, "{}", landed.body);
    assert_eq!(vanity.get("/client-portal/dashboard").await.status, 200);
    assert!(field(&codes.body, "ott").is_some());
}
