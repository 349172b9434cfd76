//! Every check of a secret on the Security page goes through the sign-in throttle: changing the
//! password, turning two-factor off and "sign out everywhere else" count wrong passwords and
//! codes per user and per IP, refuse with 429 and `Retry-After` beyond the limit before any hash
//! is computed, and audit the refusal.

use chrono::Duration;
use portal_actors::store::audit;

use crate::helpers::*;
use crate::two_factor::{code_now, enroll_directly};

const SECURITY: &str = "/client-portal/profile/security";
const CHANGE: &str = "/client-portal/profile/security/password";
const DISABLE: &str = "/client-portal/profile/security/two-factor/disable";
const REVOKE_OTHERS: &str = "/client-portal/profile/security/sessions/revoke-others";
const ENROLL: &str = "/client-portal/profile/security/two-factor";
const WRONG: &str = "not the password at all";
const NEW: &str = "tundra vinyl marmot quiver 42";
const THROTTLED_15: &str = "Too many wrong passwords or codes, try again in 15 minutes.";

async fn signed_in(app: &TestApp, email: &str) -> (Browser, String) {
    let browser = crate::helpers::signed_in(app, email).await;
    let page = browser.get(SECURITY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = Browser::form_csrf(&page);
    (browser, csrf)
}

/// Password verifications the `Credentials` arbiter has done so far.
fn verifications(app: &TestApp) -> u64 {
    app.state.registry.snapshot()["credentials"].messages_handled
}

fn assert_throttled(page: &Page) {
    assert_throttled_for(page, "900");
}

fn assert_throttled_for(page: &Page, retry_after: &str) {
    assert_eq!(page.status, 429, "{}", page.body);
    assert_eq!(page.header("retry-after"), retry_after);
    assert!(page.body.contains(THROTTLED_15), "{}", page.body);
}

/// Audit rows of `event_type` that failed with `reason`.
async fn failures(app: &TestApp, event_type: &str, reason: &str) -> usize {
    flush_audit(app).await;
    audit::recent(&app.db, app.tenant.id, 200)
        .await
        .unwrap()
        .iter()
        .filter(|e| {
            e.event_type == event_type
                && e.outcome == "failure"
                && e.reason.as_deref() == Some(reason)
        })
        .count()
}

async fn change(browser: &Browser, csrf: &str, current: &str) -> Page {
    browser
        .post_form(
            CHANGE,
            &[
                ("csrf_token", csrf),
                ("current_password", current),
                ("new_password", NEW),
                ("confirm_password", NEW),
            ],
        )
        .await
}

#[actix_web::test]
async fn six_wrong_current_passwords_make_the_sixth_change_429() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@example.com", "Acme").await;
    let (browser, csrf) = signed_in(&app, &user.email).await;
    for n in 0..5 {
        let page = change(&browser, &csrf, WRONG).await;
        assert_eq!(page.status, 401, "attempt {n}: {}", page.body);
    }
    // The sixth is refused before the password is hashed, even the right one.
    let before = verifications(&app);
    let page = change(&browser, &csrf, PASSWORD).await;
    assert_throttled(&page);
    assert_eq!(
        verifications(&app),
        before,
        "no argon2 for a throttled request"
    );
    assert_eq!(failures(&app, "password_changed", "throttled").await, 1);
    assert_eq!(failures(&app, "password_changed", "bad_password").await, 5);
    // The same throttle as sign-in: this account is throttled there too, from this address.
    let again = app
        .browser()
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    assert_eq!(again.status, 429, "{}", again.body);
    // The window slides: later the right password changes it.
    app.clock.advance(Duration::minutes(16));
    let page = change(&browser, &csrf, PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.body);
}

#[actix_web::test]
async fn wrong_passwords_and_codes_make_the_sixth_two_factor_off_429() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "grace@example.com", "Acme").await;
    let secret = enroll_directly(&app, &user).await;
    app.clock.advance(Duration::seconds(30));
    let (browser, csrf) = signed_in_with_code(&app, &user.email, &secret).await;
    app.clock.advance(Duration::seconds(30));
    let code = code_now(&app, &secret);
    let attempts = [
        (WRONG, code.as_str()),
        (WRONG, code.as_str()),
        (PASSWORD, "000000"),
        (PASSWORD, "111111"),
        (WRONG, "222222"),
    ];
    for (n, (password, code)) in attempts.iter().enumerate() {
        let page = browser
            .post_form(
                DISABLE,
                &[
                    ("csrf_token", csrf.as_str()),
                    ("password", password),
                    ("code", code),
                ],
            )
            .await;
        assert_eq!(page.status, 401, "attempt {n}: {}", page.body);
    }
    let before = verifications(&app);
    let page = browser
        .post_form(
            DISABLE,
            &[
                ("csrf_token", csrf.as_str()),
                ("password", PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    assert_throttled(&page);
    assert_eq!(
        verifications(&app),
        before,
        "no argon2 for a throttled request"
    );
    assert_eq!(failures(&app, "two_factor_disabled", "throttled").await, 1);
    // Still on: the refusal changed nothing, and the code was not spent.
    let status =
        portal_actors::two_factor::status(&app.state.services, app.tenant.id, user.user_id)
            .await
            .unwrap();
    assert!(status.enabled_at.is_some());
    app.clock.advance(Duration::minutes(16));
    let code = code_now(&app, &secret);
    let page = browser
        .post_form(
            DISABLE,
            &[
                ("csrf_token", csrf.as_str()),
                ("password", PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
}

/// Signs in with the password and the second step's code; returns the browser and the
/// Security page's CSRF token.
async fn signed_in_with_code(app: &TestApp, email: &str, secret: &[u8]) -> (Browser, String) {
    let browser = app.browser();
    let page = browser.sign_in(&app.tenant.slug, email, PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let form = browser.get(page.location()).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let csrf = Browser::form_csrf(&form);
    let done = browser
        .post_form(
            "/auth/client-portal/two-factor",
            &[("csrf_token", &csrf), ("code", &code_now(app, secret))],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let page = browser.get(SECURITY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = Browser::form_csrf(&page);
    (browser, csrf)
}

#[actix_web::test]
async fn six_wrong_proofs_make_the_sixth_sign_out_everywhere_else_429() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "linus@example.com", "Acme").await;
    let (laptop, csrf) = signed_in(&app, &user.email).await;
    let (phone, _) = signed_in(&app, &user.email).await;
    for n in 0..5 {
        let page = laptop
            .post_form(
                REVOKE_OTHERS,
                &[("csrf_token", csrf.as_str()), ("proof", WRONG)],
            )
            .await;
        assert_eq!(page.status, 401, "attempt {n}: {}", page.body);
    }
    let before = verifications(&app);
    let page = laptop
        .post_form(
            REVOKE_OTHERS,
            &[("csrf_token", csrf.as_str()), ("proof", PASSWORD)],
        )
        .await;
    assert_throttled(&page);
    assert_eq!(
        verifications(&app),
        before,
        "no argon2 for a throttled request"
    );
    assert_eq!(failures(&app, "sessions_revoked", "throttled").await, 1);
    assert_eq!(failures(&app, "sessions_revoked", "bad_password").await, 5);
    // Nothing was signed out.
    assert_eq!(phone.get("/client-portal/dashboard").await.status, 200);
}

#[actix_web::test]
async fn wrong_codes_as_proof_count_too() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "margaret@example.com", "Acme").await;
    let secret = enroll_directly(&app, &user).await;
    app.clock.advance(Duration::seconds(30));
    let (browser, csrf) = signed_in_with_code(&app, &user.email, &secret).await;
    // Another session, so that the page offers "sign out everywhere else".
    app.clock.advance(Duration::seconds(30));
    signed_in_with_code(&app, &user.email, &secret).await;
    for n in 0..5 {
        let page = browser
            .post_form(
                REVOKE_OTHERS,
                &[
                    ("csrf_token", csrf.as_str()),
                    ("proof", &format!("00000{n}")),
                ],
            )
            .await;
        assert_eq!(page.status, 401, "attempt {n}: {}", page.body);
    }
    app.clock.advance(Duration::seconds(30));
    let page = browser
        .post_form(
            REVOKE_OTHERS,
            &[
                ("csrf_token", csrf.as_str()),
                ("proof", &code_now(&app, &secret)),
            ],
        )
        .await;
    assert_throttled_for(&page, "870");
}

#[actix_web::test]
async fn a_throttled_account_cannot_confirm_enrollment_but_typos_there_do_not_count() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "barbara@example.com", "Acme").await;
    let (browser, _) = signed_in(&app, &user.email).await;
    let page = browser.get(ENROLL).await;
    let csrf = Browser::form_csrf(&page);
    // A mistyped code while setting up is the user's own secret: not counted.
    for _ in 0..6 {
        let page = browser
            .post_form(ENROLL, &[("csrf_token", csrf.as_str()), ("code", "000000")])
            .await;
        assert_eq!(page.status, 401, "{}", page.body);
    }
    // Five wrong current passwords elsewhere on the page: now enrollment waits too.
    for _ in 0..5 {
        assert_eq!(change(&browser, &csrf, WRONG).await.status, 401);
    }
    let page = browser
        .post_form(ENROLL, &[("csrf_token", csrf.as_str()), ("code", "000000")])
        .await;
    assert_eq!(page.status, 429, "{}", page.body);
    assert_eq!(page.header("retry-after"), "900");
}
