//! Two-factor: enrollment from the Security page, the two-step sign-in, replay, recovery codes,
//! the pending state that is not a session, the tenant policy, and turning it off.

use chrono::Duration;
use portal_actors::audit::FlushAudit;
use portal_actors::totp;
use portal_actors::Clock;

use crate::helpers::*;

const SECURITY: &str = "/client-portal/profile/security";
const ENROLL: &str = "/client-portal/profile/security/two-factor";
const CHALLENGE: &str = "/auth/client-portal/two-factor";

fn between<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not in {body}"))
        + start.len();
    let to = body[from..].find(end).unwrap() + from;
    &body[from..to]
}

pub fn code_now(app: &TestApp, secret: &[u8]) -> String {
    let t = u64::try_from(app.clock.now().timestamp()).unwrap();
    totp::code_at(secret, totp::DIGITS, t).unwrap()
}

/// Turns two-factor on for `user` without a browser (through the same actors-crate calls the
/// pages use); returns the secret. The clock is not moved: the next code is from the next step.
pub async fn enroll_directly(app: &TestApp, user: &TestUser) -> Vec<u8> {
    let who = portal_actors::two_factor::Subject {
        tenant: app.tenant.id,
        user_id: user.user_id,
        email: user.email.clone(),
        origin: Default::default(),
    };
    let enrollment = portal_actors::two_factor::begin_enrollment(&app.state.services, &who, "Acme")
        .await
        .unwrap();
    let secret = totp_rs::Secret::Encoded(enrollment.secret_base32)
        .to_bytes()
        .unwrap();
    portal_actors::two_factor::confirm_enrollment(
        &app.state.services,
        &who,
        &code_now(app, &secret),
    )
    .await
    .unwrap();
    secret
}

/// Enrolls the signed-in browser's user; returns the secret and the recovery codes.
pub async fn enroll(app: &TestApp, browser: &Browser) -> (Vec<u8>, Vec<String>) {
    let page = browser.get(ENROLL).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<svg"), "QR code missing");
    assert_eq!(page.header("referrer-policy"), "no-referrer");
    let secret_text = between(&page.body, "<code class=\"secret\">", "</code>").to_owned();
    let secret = totp_rs::Secret::Encoded(secret_text).to_bytes().unwrap();
    let csrf = Browser::form_csrf(&page);
    let wrong = browser
        .post_form(ENROLL, &[("csrf_token", &csrf), ("code", "000000")])
        .await;
    assert_eq!(wrong.status, 401);
    let done = browser
        .post_form(
            ENROLL,
            &[("csrf_token", &csrf), ("code", &code_now(app, &secret))],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let list = between(&done.body, "<ol class=\"recovery-codes\">", "</ol>");
    let codes: Vec<String> = list
        .split("<code>")
        .skip(1)
        .map(|c| c.split("</code>").next().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

async fn audit_rows(app: &TestApp, event_type: &str) -> Vec<(String, Option<String>)> {
    app.state
        .services
        .audit
        .send(FlushAudit)
        .await
        .unwrap()
        .unwrap();
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

/// Password right → pending sign-in (not a session) → the code signs in.
async fn password_step(app: &TestApp, browser: &Browser, email: &str) -> Page {
    let page = browser.sign_in(&app.tenant.slug, email, PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), CHALLENGE);
    assert!(browser.cookie(SESSION_COOKIE).is_none());
    assert!(browser.cookie("__Host-portal.2fa").is_some());
    let form = browser.get(CHALLENGE).await;
    assert_eq!(form.status, 200, "{}", form.body);
    form
}

async fn submit_code(browser: &Browser, form: &Page, code: &str) -> Page {
    let csrf = Browser::form_csrf(form);
    browser
        .post_form(CHALLENGE, &[("csrf_token", &csrf), ("code", code)])
        .await
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
