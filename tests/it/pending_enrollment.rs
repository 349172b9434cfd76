//! A pending two-factor secret (enrollment begun, not yet confirmed) does not outlive 15 minutes,
//! a new password, or the revocation of the user's sessions: someone who saw it (a stolen session,
//! a shoulder) cannot count on the user later confirming the very secret they know.

use chrono::Duration;
use portal_actors::sessions::{RevokeReason, RevokeUserSessions};
use portal_actors::two_factor::{self, Subject, TwoFactorError};

use crate::helpers::*;
use crate::password_reset::{
    app_with_mail, canonical_path, request_reset, set_password, NEW_PASSWORD,
};
use crate::two_factor::code_now;

const ENROLL: &str = "/client-portal/profile/security/two-factor";
const SECURITY: &str = "/client-portal/profile/security";

fn subject(app: &TestApp, user: &TestUser) -> Subject {
    Subject {
        tenant: app.tenant.id,
        user_id: user.user_id,
        email: user.email.clone(),
        origin: Default::default(),
    }
}

/// The secret (base32 text) the enrollment page shows now.
async fn shown_secret(browser: &Browser) -> String {
    let page = browser.get(ENROLL).await;
    assert_eq!(page.status, 200, "{}", page.body);
    secret_in(&page)
}

fn secret_in(page: &Page) -> String {
    let start = "<code class=\"secret\">";
    let from = page
        .body
        .find(start)
        .unwrap_or_else(|| panic!("no secret in {}", page.body))
        + start.len();
    let to = page.body[from..].find("</code>").unwrap() + from;
    page.body[from..to].to_owned()
}

fn bytes_of(secret_base32: &str) -> Vec<u8> {
    totp_rs::Secret::Encoded(secret_base32.to_owned())
        .to_bytes()
        .unwrap()
}

/// The secret `begin_enrollment` hands out now (what the page would show).
async fn begun(app: &TestApp, user: &TestUser) -> String {
    two_factor::begin_enrollment(&app.state.services, &subject(app, user), "Acme")
        .await
        .unwrap()
        .secret_base32
}

#[actix_web::test]
async fn a_pending_secret_is_resumed_for_fifteen_minutes_then_replaced() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@example.com", "Acme").await;
    let browser = signed_in(&app, &user.email).await;
    let first = shown_secret(&browser).await;
    app.clock.advance(Duration::minutes(14));
    assert_eq!(shown_secret(&browser).await, first, "a reload resumes it");
    app.clock.advance(Duration::minutes(2));
    let second = shown_secret(&browser).await;
    assert_ne!(second, first, "a 16-minute-old pending secret was reused");
    // The new one confirms.
    let csrf = Browser::form_csrf(&browser.get(ENROLL).await);
    let done = browser
        .post_form(
            ENROLL,
            &[
                ("csrf_token", &csrf),
                ("code", &code_now(&app, &bytes_of(&second))),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("recovery-codes"), "{}", done.body);
}

#[actix_web::test]
async fn confirming_an_expired_pending_secret_is_refused_as_no_enrollment() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "grace@example.com", "Acme").await;
    let old = bytes_of(&begun(&app, &user).await);
    app.clock.advance(Duration::minutes(16));
    let result = two_factor::confirm_enrollment(
        &app.state.services,
        &subject(&app, &user),
        &code_now(&app, &old),
    )
    .await;
    assert!(
        matches!(result, Err(TwoFactorError::NoEnrollment)),
        "{result:?}"
    );
    let status = two_factor::status(&app.state.services, app.tenant.id, user.user_id)
        .await
        .unwrap();
    assert!(status.enabled_at.is_none(), "two-factor was turned on");

    // In the browser: the page says the setup expired and shows a fresh secret to scan.
    let browser = signed_in(&app, &user.email).await;
    let shown = shown_secret(&browser).await;
    app.clock.advance(Duration::minutes(16));
    let csrf = Browser::form_csrf(&browser.get(SECURITY).await);
    let late = browser
        .post_form(
            ENROLL,
            &[
                ("csrf_token", &csrf),
                ("code", &code_now(&app, &bytes_of(&shown))),
            ],
        )
        .await;
    assert_eq!(late.status, 400, "{}", late.body);
    assert!(late.body.contains("This setup expired"), "{}", late.body);
    assert_ne!(secret_in(&late), shown);
    let status = two_factor::status(&app.state.services, app.tenant.id, user.user_id)
        .await
        .unwrap();
    assert!(status.enabled_at.is_none());
}

#[actix_web::test]
async fn a_password_change_drops_the_pending_secret() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@example.com", "Acme").await;
    let browser = signed_in(&app, &user.email).await;
    let before = shown_secret(&browser).await;
    let csrf = Browser::form_csrf(&browser.get(SECURITY).await);
    let new = "tundra vinyl marmot quiver 42";
    let changed = browser
        .post_form(
            "/client-portal/profile/security/password",
            &[
                ("csrf_token", &csrf),
                ("current_password", PASSWORD),
                ("new_password", new),
                ("confirm_password", new),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    // The secret seen before the change no longer confirms anything.
    let result = two_factor::confirm_enrollment(
        &app.state.services,
        &subject(&app, &user),
        &code_now(&app, &bytes_of(&before)),
    )
    .await;
    assert!(
        matches!(result, Err(TwoFactorError::NoEnrollment)),
        "{result:?}"
    );
    assert_ne!(shown_secret(&browser).await, before);
}

#[actix_web::test]
async fn a_password_reset_drops_the_pending_secret() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let user = app.client_user(None, "ada@acme.example", "Acme").await;
    let before = begun(&app, &user).await;
    let browser = app.browser();
    assert_eq!(
        request_reset(&browser, &app.tenant.slug, &user.email)
            .await
            .status,
        200
    );
    let link = smtp
        .wait_for_nth(&user.email, 0, std::time::Duration::from_secs(5))
        .await
        .expect("the reset email")
        .first_link();
    let done = set_password(&browser, &canonical_path(&link), NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_ne!(begun(&app, &user).await, before);
}

#[actix_web::test]
async fn signing_out_everywhere_else_drops_the_pending_secret() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@example.com", "Acme").await;
    let browser = signed_in(&app, &user.email).await;
    let _other = signed_in(&app, &user.email).await;
    let before = shown_secret(&browser).await;
    let csrf = Browser::form_csrf(&browser.get(SECURITY).await);
    let ok = browser
        .post_form(
            "/client-portal/profile/security/sessions/revoke-others",
            &[("csrf_token", &csrf), ("proof", PASSWORD)],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_ne!(shown_secret(&browser).await, before);
}

#[actix_web::test]
async fn a_client_admin_signing_the_user_out_drops_the_pending_secret() {
    let Some(app) = spawn_app().await else { return };
    let admin = app.client_user(None, "boss@acme.example", "Acme").await;
    crate::helpers::make_admin(&app, admin.user_id).await;
    let worker = app.client_user(None, "worker@acme.example", "Acme").await;
    let boss = signed_in(&app, &admin.email).await;
    let before = begun(&app, &worker).await;
    let page = boss.get("/client-portal/client-settings").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let out = boss
        .post_form(
            "/client-portal/client-settings/users/sign-out",
            &[
                ("csrf_token", &Browser::form_csrf(&page)),
                ("user", &worker.user_id.to_string()),
            ],
        )
        .await;
    assert_eq!(out.status, 303, "{}", out.body);
    assert_ne!(begun(&app, &worker).await, before);
}

#[actix_web::test]
async fn an_admin_revoking_the_users_sessions_drops_the_pending_secret() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@example.com", "Acme").await;
    let before = begun(&app, &user).await;
    app.state
        .services
        .sessions
        .send(RevokeUserSessions {
            tenant: app.tenant.id,
            user_id: user.user_id,
            reason: RevokeReason::Admin,
        })
        .await
        .unwrap()
        .unwrap();
    assert_ne!(begun(&app, &user).await, before);
}
